import { z } from "@hono/zod-openapi";
import { pageQuery, pageSchema } from "../../lib/pagination";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD")
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), "a real calendar date");
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month YYYY-MM");

const scope = {
  group_id: z.string().min(1).optional().openapi({ description: "Only this group's connections" }),
  connection_id: z.string().min(1).optional().openapi({ description: "Only this connection" }),
};

/** Filters of the rows-synced list and its CSV export. */
export const rowsQuery = pageQuery.extend({
  ...scope,
  start_date: day.optional().openapi({ description: "First UTC day included (YYYY-MM-DD)", example: "2026-12-01" }),
  end_date: day.optional().openapi({ description: "Last UTC day included (YYYY-MM-DD)", example: "2026-12-31" }),
});

/** Filters of the MAR list and its CSV export. */
export const marQuery = pageQuery.extend({
  ...scope,
  start_month: month.optional().openapi({ description: "First calendar month included (YYYY-MM, UTC)" }),
  end_month: month.optional().openapi({ description: "Last calendar month included (YYYY-MM, UTC)" }),
});

export const usageRowSchema = z
  .object({
    date: z.string().openapi({ description: "UTC day", example: "2026-12-02" }),
    connection_id: z.string(),
    group_id: z.string(),
    schema: z.string().openapi({ description: "Destination schema" }),
    table: z.string(),
    rows_synced: z.number().int().openapi({
      description:
        "Distinct primary keys a run inserted, updated or deleted that day, counted once per run (a replayed batch adds nothing)",
    }),
    bytes_synced: z.number().int().openapi({ description: "Bytes of those rows' values, as the engine sized them" }),
  })
  .openapi("UsageRows");

export const usageMarSchema = z
  .object({
    month: z.string().openapi({ example: "2026-12" }),
    connection_id: z.string(),
    group_id: z.string(),
    schema: z.string(),
    table: z.string(),
    mar: z.number().int().openapi({
      description: "Monthly active rows: distinct primary keys inserted, updated or deleted in the month (exact)",
    }),
    free_mar: z
      .number()
      .int()
      .openapi({ description: "Of those, keys touched only by the connection's historical sync" }),
    paid_mar: z.number().int().openapi({ description: "Of those, keys an incremental sync or a re-sync touched" }),
  })
  .openapi("UsageMar");

export const usageRowsPage = pageSchema(usageRowSchema);
export const usageMarPage = pageSchema(usageMarSchema);

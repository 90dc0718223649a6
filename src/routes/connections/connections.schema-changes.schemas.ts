import { z } from "@hono/zod-openapi";
import { CHANGE_KINDS } from "../../engine/schema-policy";
import { pageQuery } from "../../lib/pagination";

const COLUMN_TYPES = [
  "boolean",
  "int",
  "long",
  "float",
  "decimal",
  "string",
  "date",
  "time",
  "timestamp",
  "timestamptz",
  "json",
  "binary",
  "uuid",
  "array",
] as const;

/** One entry of a connection's schema history. */
export const schemaHistoryItem = z
  .object({
    id: z.string(),
    change: z.enum(CHANGE_KINDS).openapi({ description: "What changed" }),
    status: z.enum(["applied", "blocked"]),
    schema: z.string().openapi({ description: "Source schema" }),
    table: z.string(),
    column: z.string().nullable(),
    old_name: z.string().nullable().openapi({ description: "A rename's previous column name" }),
    old_type: z.string().nullable().openapi({ description: "A primary key's columns for `primary_key`" }),
    new_type: z.string().nullable(),
    run_id: z
      .string()
      .nullable()
      .openapi({ description: "The sync that found it; null for a reload or a change by hand" }),
    origin: z.enum(["run", "reload", "manual", "transform"]),
    message: z.string().openapi({ description: "What happened and, for a blocked change, what to do" }),
    timestamp: z.string(),
  })
  .openapi("SchemaHistoryEntry");

export const schemaHistoryQuery = pageQuery.extend({
  change: z.enum(CHANGE_KINDS).optional(),
  status: z.enum(["applied", "blocked"]).optional(),
  table: z.string().optional().openapi({ description: "Source table name (case-sensitive)" }),
  run_id: z.string().optional(),
  since: z.string().optional().openapi({ description: "Only entries after this ISO time" }),
});

const tableRef = z.string().min(1).optional().openapi({
  description:
    "`schema.table` or `table` (source names, case-sensitive); may be left out when the connection has one table",
});

/** `POST …/schemas/evolve`: one change applied by hand (the SDK's `schema.evolve`). */
export const evolveBody = z
  .strictObject({
    add_column: z
      .strictObject({ table: tableRef, name: z.string().min(1), type: z.enum(COLUMN_TYPES) })
      .optional()
      .openapi({
        description:
          "A source column the policy kept out is enabled; a column the source does not have is added to the destination table",
      }),
    widen: z
      .strictObject({ table: tableRef, column: z.string().min(1), type: z.enum(COLUMN_TYPES) })
      .optional()
      .openapi({ description: "Widens the destination column along the type hierarchy (never narrows)" }),
    rename: z
      .strictObject({ table: tableRef, from: z.string().min(1), to: z.string().min(1) })
      .optional()
      .openapi({ description: "Renames the destination column (its values kept)" }),
  })
  .openapi("EvolveSchemaRequest");

export type EvolveBody = z.infer<typeof evolveBody>;
export type ColumnTypeName = (typeof COLUMN_TYPES)[number];

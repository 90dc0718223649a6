import { z } from "@hono/zod-openapi";
import { defineSource } from "../../protocol";
import { sampleReader } from "./reader";

/** The tables the sample source can generate. */
export const SAMPLE_TABLES = ["customers", "products", "orders"] as const;

/**
 * Built-in source that needs no credentials: a deterministic shop (customers, products,
 * orders) generated from `seed`, growing by `scale` rows per run, so a pipeline can be tried
 * and tested end to end without any external system. Rows come from sample-reader.ts.
 */
const fields = z.object({
  /** The connection's name and destination schema (Fivetran naming "schema"). */
  schema: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "letters, digits and _ only"),
  /** Same seed, same data: runs are reproducible. */
  seed: z.coerce.number().int().min(0).max(2_147_483_647).default(1),
  /** Rows added per table on every run. */
  scale: z.coerce.number().int().min(1).max(1_000_000).default(100),
  /** The tables to generate; all of them when absent. */
  tables: z
    .array(z.enum(SAMPLE_TABLES))
    .min(1)
    .refine((tables) => new Set(tables).size === tables.length, "must not repeat a table")
    .optional(),
});

export type SampleSourceConfig = z.infer<typeof fields>;

export const sampleSource = defineSource({
  service: "sample",
  naming: "schema",
  info: {
    name: "Sample data",
    type: "Free",
    description: "Deterministic sample shop data (customers, products, orders); no credentials needed",
    linkToDocs: "https://fivetran.do/docs/connectors/sample",
    features: [{ id: "RE_SYNC" }, { id: "API_CONFIGURABLE" }],
  },
  fields,
  reader: sampleReader,
  async check(config) {
    const tables = config.tables ?? SAMPLE_TABLES;
    return [
      {
        title: "Generating sample data",
        status: "PASSED",
        message: `${tables.join(", ")}: ${config.scale} row(s) per table per run from seed ${config.seed}`,
      },
    ];
  },
});

import { z } from "@hono/zod-openapi";

const tableList = z.array(z.string().min(1)).openapi({ example: ["orders", "customers"] });

/** `{"<schema>": ["table", …]}`: source schema and table names, case-sensitive. */
export const tablesBySchema = z
  .record(z.string(), tableList)
  .openapi("TablesBySchema", { example: { public: ["orders"] } });

export const syncBody = z
  .object({
    force: z
      .boolean()
      .nullish()
      .openapi({ description: "Cancel a sync in progress and start over (default false: a no-op while syncing)" }),
  })
  .openapi("SyncConnectionRequest");

export const resyncBody = z
  .object({
    scope: tablesBySchema
      .nullish()
      .openapi({ description: "The tables to re-sync by source schema; absent or null re-syncs everything" }),
  })
  .openapi("ResyncConnectionRequest");

const streamState = z.record(z.string(), z.unknown());

/** The committed state of every stream, keyed by source `schema.table`. */
export const connectionState = z
  .record(z.string(), streamState)
  .openapi("ConnectionState", { example: { "public.orders": { cursor: "2024-12-01T00:00:00Z" } } });

export const stateBody = z.object({ state: connectionState }).openapi("UpdateConnectionStateRequest");
export const stateData = z.object({ state: connectionState }).openapi("ConnectionStateResponse");

export const runAttemptSchema = z
  .object({
    slice: z.number().int().openapi({ description: "The slice of the run (0-based) the attempt ran" }),
    attempt: z.number().int().openapi({ description: "1-based within the slice: the first try is attempt 1" }),
    failed_at: z.string(),
    kind: z.enum(["transient", "rate_limited", "auth", "configuration", "unknown"]).openapi({
      description:
        "transient and rate_limited are retried; auth is retried once, then the connection's setup_state turns broken; configuration and unknown end the run",
    }),
    code: z.string().openapi({ description: "sync_failed, authentication_failed, or a configuration code" }),
    message: z.string().openapi({ description: "The error, sanitised: no secret or credential-shaped text" }),
    retry_at: z
      .string()
      .nullable()
      .openapi({ description: "When the next attempt was due; null for the attempt that ended the run" }),
  })
  .openapi("RunAttempt");

export const runSchema = z
  .object({
    id: z.string(),
    trigger: z.string().openapi({ description: "manual, force, resync or scheduled" }),
    status: z.enum(["running", "succeeded", "failed", "cancelled"]),
    started_at: z.string(),
    ended_at: z.string().nullable(),
    duration_ms: z.number().int().nullable().openapi({ description: "null while running" }),
    error: z.string().nullable(),
    retries: z.number().int(),
    attempts: z.array(runAttemptSchema).openapi({
      description:
        "Every failed attempt of the run's slices, oldest first, kept after the run ends; the last one has `retry_at` null when it ended the run",
    }),
    rows: z.number().int(),
    bytes: z.number().int(),
    tables: z
      .record(z.string(), z.object({ rows: z.number().int(), bytes: z.number().int() }))
      .openapi({ description: "Rows and bytes written per source `schema.table`" }),
    progress_at: z.string().nullable(),
  })
  .openapi("Run");

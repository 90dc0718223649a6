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

/** How deep a stream's state may nest: engine checkpoints nest a few levels, never dozens. */
export const MAX_STATE_DEPTH = 32;

/**
 * Whether `value` nests at most `limit` objects or arrays deep. Walked with an explicit stack,
 * because the point is to refuse values too deep for the recursive serialisers downstream
 * (the SyncDO call and JSON.stringify overflowed the stack at ~3,000 levels: a 500).
 */
function withinDepth(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (current === null || typeof current !== "object") continue;
    if (depth > limit) return false;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return true;
}

const streamState = z
  .record(z.string(), z.unknown())
  .refine((value) => withinDepth(value, MAX_STATE_DEPTH), `must not nest deeper than ${MAX_STATE_DEPTH} levels`);

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
    trigger: z
      .string()
      .openapi({ description: "manual, force, resync, scheduled, or an event trigger: url, queue, chain" }),
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

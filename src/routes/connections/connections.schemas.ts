import { z } from "@hono/zod-openapi";
import { DAYS_OF_WEEK, FLEXIBLE_SCHEDULE_TYPES, parseDuration, SYNC_FREQUENCIES } from "../../engine/schedule";
import { MAX_TRANSFORM_SOURCE } from "../../engine/transforms/spec";
import { pageQuery } from "../../lib/pagination";
import { setupTestSchema } from "../setup-tests.schemas";
import { connectCardConfigInput, connectCardConfigSchema, connectCardSchema } from "./connections.connect-card.schemas";
import { triggerSchema } from "./connections.triggers.schemas";

const timestamp = z.string().nullable().openapi({ example: "2024-12-01T15:43:29.013000Z" });

const alert = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() });

export const DATA_DELAY_SENSITIVITIES = ["LOW", "NORMAL", "HIGH", "CUSTOM", "SYNC_FREQUENCY"] as const;
export const NETWORKING_METHODS = ["Directly", "SshTunnel", "PrivateLink", "ProxyAgent"] as const;
export const DESTINATION_SCHEMA_NAMES = ["FIVETRAN_NAMING", "SOURCE_NAMING"] as const;

/** Extension: the run in progress (GET details only). */
export const currentRunSchema = z
  .object({
    id: z.string(),
    trigger: z
      .string()
      .openapi({ description: "manual, force, resync, scheduled, or an event trigger: url, queue, chain" }),
    started_at: z.string(),
    rows_so_far: z
      .record(z.string(), z.number().int())
      .openapi({ description: "Rows written so far per source `schema.table`" }),
    progress_at: timestamp.openapi({ description: "When rows_so_far last grew" }),
  })
  .openapi("CurrentRun");

/** Extension: the last finished run (GET details only). */
export const lastRunSchema = z
  .object({
    id: z.string(),
    trigger: z.string(),
    status: z.enum(["succeeded", "failed", "cancelled"]),
    started_at: z.string(),
    ended_at: timestamp,
    duration_ms: z.number().int().nullable(),
    rows: z.number().int(),
    bytes: z.number().int(),
    error: z.string().nullable(),
  })
  .openapi("LastRun");

export type CurrentRun = z.infer<typeof currentRunSchema>;
export type LastRun = z.infer<typeof lastRunSchema>;

export const connectionStatusSchema = z
  .object({
    setup_state: z.enum(["incomplete", "connected", "broken"]),
    sync_state: z.enum(["scheduled", "syncing", "paused", "rescheduled"]),
    update_state: z.enum(["on_schedule", "delayed"]),
    is_historical_sync: z.boolean(),
    rescheduled_for: timestamp.optional(),
    tasks: z.array(alert).openapi({
      description:
        "What a person must do after the last run failed: `reconnect` (with `setup_state` broken) when the source refused the credentials; cleared by passing setup tests or a successful run",
    }),
    warnings: z.array(alert).openapi({
      description:
        "Besides the warnings of the last run: `sync_retrying` while a run waits to retry a failed attempt (its message names the reason and the next attempt's time; `details` has `attempt`, `max_attempts`, `next_attempt_at`, `reason`, `run_id`), gone when the run ends; `unsupported_source` or `unsupported_destination` when the connection's source cannot sync yet or its destination cannot be written to yet (it can be configured and tested, but no data moves)",
    }),
    next_sync_at: timestamp.openapi({
      description:
        "Extension: when the schedule starts the connection's next run; null when it starts none: paused, manual, setup tests not passed, no destination in the group, or a source or destination that cannot sync yet",
    }),
    current_run: currentRunSchema.nullable().optional().openapi({
      description: "Extension, in GET details only (lists stay cheap): the run in progress with rows so far, or null",
    }),
    last_run: lastRunSchema.nullable().optional().openapi({
      description: "Extension, in GET details only: the last finished run with its outcome and totals, or null",
    }),
  })
  .openapi("ConnectionStatus");

/** A flexible schedule as returned: Fivetran's ALPHA object plus the phrase it was given as. */
export const scheduleSchema = z
  .object({
    schedule_type: z.enum(FLEXIBLE_SCHEDULE_TYPES),
    interval: z.number().int().optional().openapi({ description: "Minutes between syncs (INTERVAL)" }),
    time_of_day: z.string().optional().openapi({ description: '"HH:MM" (TIME_OF_DAY)', example: "09:00" }),
    days_of_week: z.array(z.enum(DAYS_OF_WEEK)).optional(),
    cron: z.string().optional().openapi({ example: "0 */6 * * *" }),
    phrase: z.string().optional().openapi({ description: "Extension: the phrase the schedule was set with" }),
  })
  .openapi("ConnectionSchedule");

/** A transform in flight (extension; README "Transformations"). */
export const transformSchema = z
  .discriminatedUnion("type", [
    z
      .object({
        type: z.literal("sql"),
        query: z.string().min(1).max(MAX_TRANSFORM_SOURCE).openapi({
          description: "A single SELECT over `{{ source }}` (the rows of one batch), run in SQLite",
          example: "SELECT id, LOWER(email) AS email FROM {{ source }}",
        }),
      })
      .openapi("SqlTransform"),
    z
      .object({
        type: z.literal("function"),
        fn: z.string().min(1).max(MAX_TRANSFORM_SOURCE).openapi({
          description:
            "The source of a JavaScript function of one row (an object by column name) returning the row to write, or null to drop it; runs in a sandboxed isolate",
          example: "(row) => ({ ...row, email: row.email.toLowerCase() })",
        }),
      })
      .openapi("FunctionTransform"),
  ])
  .openapi("Transform");

export const syncOptionsSchema = z
  .object({
    mode: z.enum(["incremental", "full"]).optional(),
    cursor: z.string().optional(),
    lookback: z.string().optional(),
    retries: z.number().int().optional(),
    backoff: z.enum(["exponential", "linear", "fixed"]).optional(),
  })
  .openapi("SyncOptions");

/** A connection (a.k.a. connector) as Fivetran's API returns it (§6.1). */
export const connectionSchema = z
  .object({
    id: z.string().openapi({ example: "recoup_befell" }),
    group_id: z.string().openapi({ example: "projected_sickle" }),
    service: z.string().openapi({ example: "postgres" }),
    service_version: z.number().int(),
    schema: z.string().openapi({ description: "The connection's name and destination schema", example: "pg" }),
    connected_by: z.string().nullable(),
    created_at: z.string().openapi({ example: "2024-12-01T15:43:29.013000Z" }),
    succeeded_at: timestamp,
    failed_at: timestamp,
    paused: z.boolean(),
    pause_after_trial: z.boolean(),
    sync_frequency: z.number().int(),
    schedule_type: z.enum(["auto", "manual"]),
    daily_sync_time: z.string().nullable(),
    data_delay_sensitivity: z.string(),
    data_delay_threshold: z.number().int(),
    networking_method: z.string(),
    private_link_id: z.string().nullable(),
    proxy_agent_id: z.string().nullable(),
    hybrid_deployment_agent_id: z.string().nullable(),
    destination_schema_names: z.string(),
    status: connectionStatusSchema,
    config: z.record(z.string(), z.unknown()).openapi({ description: "Service config; secrets as ******" }),
    source_sync_details: z.record(z.string(), z.unknown()).nullable(),
    schedule: scheduleSchema.optional(),
    sync_options: syncOptionsSchema.optional().openapi({ description: "Extension: engine options of our SDK" }),
    transform: transformSchema.optional().openapi({
      description: "Extension: the connection's transform in flight, applied to every table without one of its own",
    }),
    setup_tests: z.array(setupTestSchema).optional().openapi({ description: "On create, update and test only" }),
    connect_card: connectCardSchema
      .optional()
      .openapi({ description: "On a create with `connect_card_config` only: the card's token (shown once) and URI" }),
    connect_card_config: connectCardConfigSchema.optional().openapi({
      description: "On a create with `connect_card_config` only",
    }),
    triggers: z
      .array(triggerSchema)
      .optional()
      .openapi({ description: "Extension, in GET details only: the connection's event triggers (…/triggers)" }),
  })
  .openapi("Connection");

export type Connection = z.infer<typeof connectionSchema>;

/** An integer, also given as a numeric string (`"1440"`, as Terraform configs write it). */
const integer = z.preprocess(
  (value) => (typeof value === "string" && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value),
  z.number().int(),
);

const syncFrequency = integer
  .refine((value) => (SYNC_FREQUENCIES as readonly number[]).includes(value), {
    message: `must be one of ${SYNC_FREQUENCIES.join(", ")} (minutes)`,
  })
  // `null` listed too: the field is nullish, and the enum would otherwise exclude it.
  .openapi({ enum: [...SYNC_FREQUENCIES, null], description: "Minutes between syncs (default 360)" });

const dailySyncTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):00$/, 'must be a whole hour from "00:00" to "23:00"')
  .openapi({ description: "Start of the daily sync; only with sync_frequency 1440", example: "03:00" });

const optionalId = z.string().trim().min(1);

/** `schedule` as clients send it: Fivetran's ALPHA object, `{cron}`, `{phrase}` or a phrase. */
export const scheduleInput = z
  .union(
    [
      z.string().openapi({ example: "every 15 minutes" }),
      z.object({
        schedule_type: z.string().nullish(),
        interval: integer.nullish(),
        time_of_day: z.string().nullish(),
        days_of_week: z.array(z.string()).nullish(),
        cron: z.string().nullish(),
        phrase: z.string().nullish(),
      }),
    ],
    { error: 'expected a phrase such as "every 15 minutes" or an object with schedule_type, cron or phrase' },
  )
  .openapi("ConnectionScheduleInput", {
    description:
      'Flexible schedule (takes precedence over sync_frequency): Fivetran\'s `{schedule_type: INTERVAL|TIME_OF_DAY|CRON|MANUAL, interval, time_of_day, days_of_week, cron}`, or `{cron: "0 */6 * * *"}`, or a phrase: "every 15 minutes", "every 2 hours", "hourly", "daily", "daily at 9am", "daily at 14:00".',
  });

/** `sync_options` (extension): the `sync` block of our SDK. */
export const syncOptionsInput = z
  .strictObject({
    mode: z.enum(["incremental", "full"]).nullish(),
    cursor: z.string().trim().min(1).max(255).nullish(),
    lookback: z
      .string()
      .refine(
        (text) => {
          try {
            parseDuration(text);
            return true;
          } catch {
            return false;
          }
        },
        { message: 'must be a duration like "24 hours" or "7 days" (at most 366 days)' },
      )
      .nullish(),
    retries: integer.pipe(z.number().min(0).max(10)).nullish(),
    backoff: z.enum(["exponential", "linear", "fixed"]).nullish(),
  })
  .openapi("SyncOptionsInput", { description: "Extension: engine options (mode, cursor, lookback, retries, backoff)" });

/**
 * `schema_policy` (extension): the `schema` block of our SDK, mapped onto the connection's
 * schema policy (engine/schema-policy.ts; README "Schema changes"). Fields left out keep
 * their current value (on create: ALLOW_ALL, breaking changes blocked, history kept, no notices).
 */
export const schemaPolicyInput = z
  .strictObject({
    auto_migrate: z.boolean().nullish().openapi({
      description:
        "true: schema_change_handling ALLOW_ALL (new tables and columns sync, types widen); false: BLOCK_ALL",
    }),
    allow_breaking: z
      .boolean()
      .nullish()
      .openapi({ description: "Apply drops, narrowings, renames and primary-key changes instead of blocking them" }),
    track_history: z
      .boolean()
      .nullish()
      .openapi({ description: "Record changes in the schema history (default true)" }),
    notify: z
      .array(z.email())
      .max(20)
      .nullish()
      .openapi({ description: "Addresses mailed each change applied or blocked (send_email binding SCHEMA_EMAIL)" }),
  })
  .openapi("SchemaPolicyInput", {
    description: "Extension: the SDK's schema block (autoMigrate, allowBreaking, trackHistory, notify)",
  });

/** Fields a create and an update share. `null` everywhere means "not provided" (go-fivetran sends nulls). */
const settings = {
  config: z
    .record(z.string(), z.unknown())
    .nullish()
    .openapi({ description: "Service config (SDK short forms accepted)" }),
  auth: z.record(z.string(), z.unknown()).nullish().openapi({
    description: "OAuth credentials (e.g. Salesforce's client_access and refresh_token), merged into config",
  }),
  paused: z.boolean().nullish(),
  pause_after_trial: z.boolean().nullish(),
  sync_frequency: syncFrequency.nullish(),
  daily_sync_time: dailySyncTime.nullish(),
  schedule_type: z.enum(["auto", "manual"]).nullish(),
  schedule: scheduleInput.nullish(),
  sync_options: syncOptionsInput.nullish(),
  run_setup_tests: z.boolean().nullish(),
  transform: transformSchema.nullish().openapi({
    description:
      "Extension (our SDK's `transform`): a SQL or function transform applied to each batch of every table (a table's own, set in the schema config, wins); checked against the discovered tables. null removes it",
  }),
  schema_policy: schemaPolicyInput.nullish(),
  trust_certificates: z.boolean().nullish().openapi({
    description:
      "true approves the TLS certificate the setup tests find untrusted (see the certificates endpoints), then runs them again (on PATCH with run_setup_tests)",
  }),
  trust_fingerprints: z.boolean().nullish().openapi({ description: "Accepted; SSH tunnels are not supported" }),
  data_delay_sensitivity: z.enum(DATA_DELAY_SENSITIVITIES).nullish(),
  data_delay_threshold: integer.pipe(z.number().min(0)).nullish(),
  networking_method: z.enum(NETWORKING_METHODS).nullish(),
  proxy_agent_id: optionalId.nullish(),
  private_link_id: optionalId.nullish(),
  hybrid_deployment_agent_id: optionalId.nullish(),
};

export const createConnectionBody = z
  .object({
    group_id: z.string().trim().min(1).openapi({ example: "projected_sickle" }),
    service: z.string().trim().min(1).openapi({ example: "postgres" }),
    ...settings,
    destination_schema_names: z.enum(DESTINATION_SCHEMA_NAMES).nullish(),
    destination_configuration: z
      .record(z.string(), z.unknown())
      .nullish()
      .openapi({ description: "Accepted and ignored" }),
    connect_card_config: connectCardConfigInput.nullish().openapi({
      description:
        "Issues a Connect Card (as POST …/connect-card does): the response carries `connect_card` {token, uri} and `connect_card_config`. Required config fields may then be left out (each one given is still validated); the end user fills them in on the card, and setup tests wait for it (`setup_state` incomplete)",
    }),
    external_secrets_manager_id: z.string().nullish().openapi({ description: "Accepted and ignored" }),
  })
  .openapi("NewConnectionRequest");

export const updateConnectionBody = z
  .object({
    ...settings,
    is_historical_sync: z.boolean().nullish(),
    schema_status: z
      .enum(["ready", "blocked_on_capture"])
      .nullish()
      .openapi({ description: "Accepted and not stored (column-masking flows are not supported)" }),
    destination_configuration: z
      .record(z.string(), z.unknown())
      .nullish()
      .openapi({ description: "Accepted and ignored" }),
  })
  .openapi("UpdateConnectionRequest");

export const testConnectionBody = z
  .object({
    trust_certificates: z.boolean().nullish(),
    trust_fingerprints: z.boolean().nullish(),
  })
  .openapi("RunSetupTestsRequest");

export const connectionIdParam = z.object({
  connectionId: z.string().openapi({ param: { name: "connectionId", in: "path" }, example: "recoup_befell" }),
});

export const listConnectionsQuery = pageQuery.extend({
  group_id: z.string().optional().openapi({ description: "Only connections of this group" }),
  schema: z.string().optional().openapi({ description: "Only the connection with this schema (exact match)" }),
});

export type CreateConnectionBody = z.infer<typeof createConnectionBody>;
export type UpdateConnectionBody = z.infer<typeof updateConnectionBody>;

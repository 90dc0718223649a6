import { z } from "@hono/zod-openapi";

const timestamp = z.string().nullable().openapi({ example: "2024-12-01T15:43:29.013000Z" });

const alert = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() });

export const connectionStatusSchema = z
  .object({
    setup_state: z.enum(["incomplete", "connected", "broken"]),
    sync_state: z.enum(["scheduled", "syncing", "paused", "rescheduled"]),
    update_state: z.enum(["on_schedule", "delayed"]),
    is_historical_sync: z.boolean(),
    rescheduled_for: timestamp.optional(),
    tasks: z.array(alert),
    warnings: z.array(alert),
  })
  .openapi("ConnectionStatus");

/** A connection (a.k.a. connector) as Fivetran's API returns it (§6.1). */
export const connectionSchema = z
  .object({
    id: z.string(),
    group_id: z.string(),
    service: z.string().openapi({ example: "postgres" }),
    service_version: z.number().int(),
    schema: z.string(),
    connected_by: z.string().nullable(),
    created_at: z.string(),
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
    destination_schema_names: z.string(),
    status: connectionStatusSchema,
    config: z.record(z.string(), z.unknown()),
  })
  .openapi("Connection");

export type Connection = z.infer<typeof connectionSchema>;

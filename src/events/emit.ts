/**
 * Lifecycle events: the one place every step of a connection's life is announced. Routes
 * (connection created, edited, paused, resumed, deleted), ConnectorDO (a run started, the
 * schema changed) and the queue consumer (a run ended) call {@link emit}; it stores the event
 * in D1 (`events`, kept for a retention window), pokes the account's EventsDO so server-sent
 * event streams see it, and queues a delivery to each subscribed webhook (./webhooks.ts).
 *
 * It lives in its own folder rather than in src/engine/ because both the HTTP layer and the
 * engine emit, and neither should import the other for it. `emit` never throws: an event that
 * cannot be stored or fanned out is logged and the lifecycle step it describes goes on (a sync
 * is never lost because an event failed).
 */
import type { Env } from "../env";
import { logError } from "../lib/log";
import { isoTimestamp } from "../lib/time";
import { queueWebhookDeliveries } from "./webhooks";

/**
 * The events this server emits. Names are Fivetran's webhook event names where Fivetran has
 * one; `schema_change` is ours (Fivetran announces schema changes only in its UI).
 */
export const EVENT_NAMES = [
  "sync_start",
  "sync_end",
  "schema_change",
  "create_connector",
  "edit_connector",
  "pause_connector",
  "resume_connector",
  "delete_connector",
  "force_update_connector",
  "resync_connector",
  "resync_table",
  "connection_successful",
  "connection_failure",
] as const;

export type EventName = (typeof EVENT_NAMES)[number];

/** What happened, to whom. */
export interface EventInput {
  type: EventName;
  accountId: string;
  groupId?: string | null;
  connectionId?: string | null;
  /** The connection's service (`postgres`): Fivetran's `connector_type`. */
  connectorType?: string | null;
  /** The connection's schema name: Fivetran's `connector_name`. */
  connectorName?: string | null;
  syncId?: string | null;
  data?: Record<string, unknown>;
}

/** An event as it is stored and served (the list, the stream). */
export interface StoredEvent {
  id: string;
  type: EventName;
  created_at: string;
  group_id: string | null;
  connection_id: string | null;
  connector_type: string | null;
  connector_name: string | null;
  sync_id: string | null;
  data: Record<string, unknown>;
}

/** Row of `events` as D1 returns it (snake case, JSON as text). */
export interface EventRow {
  id: number;
  account_id: string;
  type: string;
  group_id: string | null;
  connection_id: string | null;
  connector_type: string | null;
  connector_name: string | null;
  sync_id: string | null;
  data: string;
  created_at: string;
}

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    id: String(row.id),
    type: row.type as EventName,
    created_at: row.created_at,
    group_id: row.group_id,
    connection_id: row.connection_id,
    connector_type: row.connector_type,
    connector_name: row.connector_name,
    sync_id: row.sync_id,
    data: JSON.parse(row.data) as Record<string, unknown>,
  };
}

/** The connection fields an event names, from a catalog row. */
export function connectionSubject(row: {
  id: string;
  accountId: string;
  groupId: string;
  service: string;
  schema: string;
}) {
  return {
    accountId: row.accountId,
    groupId: row.groupId,
    connectionId: row.id,
    connectorType: row.service,
    connectorName: row.schema,
  };
}

/** Stores, streams and delivers an event; logs and returns null when storing fails. Never throws. */
export async function emit(env: Env, input: EventInput): Promise<StoredEvent | null> {
  let event: StoredEvent;
  try {
    const createdAt = isoTimestamp();
    const data = input.data ?? {};
    const row = await env.DB.prepare(
      `INSERT INTO events (account_id, type, group_id, connection_id, connector_type, connector_name, sync_id, data, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    )
      .bind(
        input.accountId,
        input.type,
        input.groupId ?? null,
        input.connectionId ?? null,
        input.connectorType ?? null,
        input.connectorName ?? null,
        input.syncId ?? null,
        JSON.stringify(data),
        createdAt,
      )
      .first<{ id: number }>();
    event = {
      id: String(row?.id),
      type: input.type,
      created_at: createdAt,
      group_id: input.groupId ?? null,
      connection_id: input.connectionId ?? null,
      connector_type: input.connectorType ?? null,
      connector_name: input.connectorName ?? null,
      sync_id: input.syncId ?? null,
      data,
    };
  } catch (error) {
    logError("event not stored", error, { type: input.type, connectionId: input.connectionId ?? undefined });
    return null;
  }
  // Both fan-outs are independent: a stream that cannot be poked still gets the event on its
  // next poke or reconnect (it reads from D1), and webhooks are queued regardless.
  await Promise.all([
    env.EVENTS.get(env.EVENTS.idFromName(input.accountId))
      .publish()
      .catch((error: unknown) => logError("event stream not notified", error, { type: input.type })),
    queueWebhookDeliveries(env, input.accountId, event).catch((error: unknown) =>
      logError("webhook deliveries not queued", error, { type: input.type }),
    ),
  ]);
  return event;
}

/** Days events and delivery logs are kept (FIVETRAN_EVENTS_RETENTION_DAYS, default 7). */
export function retentionDays(env: Pick<Env, "FIVETRAN_EVENTS_RETENTION_DAYS">): number {
  const n = Number(env.FIVETRAN_EVENTS_RETENTION_DAYS);
  return Number.isFinite(n) && n > 0 ? n : 7;
}

/** Deletes events and delivery log rows older than the retention window (the cron calls it). */
export async function pruneEvents(env: Env, now = Date.now()): Promise<{ events: number; deliveries: number }> {
  const before = isoTimestamp(new Date(now - retentionDays(env) * 86_400_000));
  const [events, deliveries] = await env.DB.batch([
    env.DB.prepare("DELETE FROM events WHERE created_at < ?").bind(before),
    env.DB.prepare("DELETE FROM webhook_deliveries WHERE created_at < ? AND status <> 'pending'").bind(before),
  ]);
  return { events: events?.meta.changes ?? 0, deliveries: deliveries?.meta.changes ?? 0 };
}

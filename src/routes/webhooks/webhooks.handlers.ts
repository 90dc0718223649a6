import type { RouteHandler } from "@hono/zod-openapi";
import { type Catalog, catalog } from "../../db/client";
import { getGroup } from "../../db/groups";
import * as repo from "../../db/webhooks";
import type { AppEnv, Env } from "../../env";
import { ApiError } from "../../errors";
import { EVENT_NAMES, type EventName } from "../../events/emit";
import { assertWebhookUrl, payloadOf, post, type WebhookRow } from "../../events/webhooks";
import { done, ok } from "../../lib/envelope";
import { decodeCursor, toPage } from "../../lib/pagination";
import { encryptJson } from "../../lib/secrets";
import { isoTimestamp } from "../../lib/time";
import type * as routes from "./webhooks.routes";

const MASK = "******";

/** Fivetran's webhook event names this server never emits: refused rather than accepted and never sent. */
const NOT_EMITTED = ["status", "dbt_run_start", "dbt_run_succeeded", "dbt_run_failed"];

function serialize(row: repo.WebhookRecord) {
  return {
    id: row.id,
    type: row.type,
    ...(row.type === "group" && row.groupId ? { group_id: row.groupId } : {}),
    url: row.url,
    events: row.events,
    active: row.active,
    ...(row.secret ? { secret: MASK } : {}),
    created_at: row.createdAt,
    created_by: row.createdBy,
  };
}

/** The events a request names, deduplicated, each one this server emits; else 400 naming it. */
function checkEvents(events: string[], field = "events"): EventName[] {
  const out: EventName[] = [];
  for (const name of events) {
    if (!(EVENT_NAMES as readonly string[]).includes(name)) {
      const why = NOT_EMITTED.includes(name)
        ? `'${name}' is a Fivetran event this server does not emit yet`
        : `'${name}' is not an event`;
      throw ApiError.invalid(`Invalid value for field '${field}': ${why}; supported: ${EVENT_NAMES.join(", ")}`);
    }
    if (!out.includes(name as EventName)) out.push(name as EventName);
  }
  return out;
}

async function sealSecret(env: Env, secret: string | null | undefined): Promise<string | null> {
  if (!secret) return null;
  return encryptJson(env.FIVETRAN_ENCRYPTION_KEY, { secret });
}

async function requireWebhook(db: Catalog, accountId: string, id: string) {
  const row = await repo.getWebhook(db, accountId, id);
  if (!row) throw ApiError.notFound("Webhook", id);
  return row;
}

function asDeliveryRow(row: repo.WebhookRecord): WebhookRow {
  return {
    id: row.id,
    account_id: row.accountId,
    type: row.type,
    group_id: row.groupId,
    url: row.url,
    events: JSON.stringify(row.events),
    active: row.active ? 1 : 0,
    secret: row.secret,
  };
}

/** A sample event of `name` for a test or a ping, in the shape real deliveries have. */
function sampleEvent(name: string, webhook: repo.WebhookRecord) {
  const data: Record<string, unknown> = name === "sync_end" ? { status: "SUCCESSFUL", test: true } : { test: true };
  return {
    type: name as EventName,
    created_at: isoTimestamp(),
    group_id: webhook.groupId ?? "test_group",
    connection_id: "test_connector",
    connector_type: "test",
    connector_name: "test_connector",
    sync_id: crypto.randomUUID(),
    data,
  };
}

/**
 * Sends a sample of `event` now; returns the answer and its delivery log row (one attempt),
 * recorded unless `record` is false (a webhook being created has no id yet).
 */
async function sendTest(env: Env, webhook: repo.WebhookRecord, event: string, record = true) {
  const id = crypto.randomUUID();
  const body = payloadOf(sampleEvent(event, webhook), id);
  const result = await post(env, asDeliveryRow(webhook), body, id);
  const now = isoTimestamp();
  const entry: repo.WebhookDeliveryRecord = {
    id,
    webhookId: webhook.id,
    accountId: webhook.accountId,
    eventId: null,
    event,
    payload: body,
    status: result.succeed ? "delivered" : "failed",
    attempts: 1,
    lastStatusCode: result.status || null,
    lastError: result.succeed ? null : result.message,
    createdAt: now,
    updatedAt: now,
  };
  if (record) await repo.insertDelivery(catalog(env.DB), entry);
  return { result, entry };
}

/**
 * Real Fivetran pings an active webhook when it is created or activated and refuses it when the
 * receiver does not answer 2xx; so does this server (a `sync_start` sample with `data.test`).
 */
async function ping(env: Env, webhook: repo.WebhookRecord, event: string, record = true) {
  const { result, entry } = await sendTest(env, webhook, event, record);
  if (!result.succeed) {
    throw ApiError.invalid(
      `Invalid value for field 'url': the webhook did not accept a test delivery (${result.message}); create it with "active": false to skip the test`,
    );
  }
  return entry;
}

async function create(c: Parameters<RouteHandler<typeof routes.createAccountWebhook, AppEnv>>[0], groupId?: string) {
  const body = c.req.valid("json");
  const { accountId, userId } = c.var.auth;
  const events = checkEvents(body.events);
  await assertWebhookUrl(c.env, body.url);
  const secret = await sealSecret(c.env, body.secret);
  const db = catalog(c.env.DB);
  const active = body.active ?? true;
  const draft: repo.WebhookRecord = {
    id: "",
    accountId,
    type: groupId ? "group" : "account",
    groupId: groupId ?? null,
    url: body.url,
    events,
    active,
    secret,
    createdAt: isoTimestamp(),
    createdBy: userId,
  };
  const pinged = active ? await ping(c.env, draft, events[0] as string, false) : undefined;
  const { id: _, ...values } = draft;
  const row = await repo.insertWebhook(db, values);
  if (pinged) await repo.insertDelivery(db, { ...pinged, webhookId: row.id });
  return row;
}

export const listWebhooks: RouteHandler<typeof routes.listWebhooks, AppEnv> = async (c) => {
  const { cursor, limit } = c.req.valid("query");
  const rows = await repo.listWebhooks(catalog(c.env.DB), c.var.auth.accountId, decodeCursor(cursor), limit + 1);
  return c.json(ok("Webhooks retrieved successfully", toPage(rows, limit, serialize)), 200);
};

export const createAccountWebhook: RouteHandler<typeof routes.createAccountWebhook, AppEnv> = async (c) => {
  const row = await create(c);
  return c.json(ok("Account webhook has been created", serialize(row)), 200);
};

export const createGroupWebhook: RouteHandler<typeof routes.createGroupWebhook, AppEnv> = async (c) => {
  const { groupId } = c.req.valid("param");
  const group = await getGroup(catalog(c.env.DB), c.var.auth.accountId, groupId);
  if (!group) throw ApiError.notFound("Group", groupId);
  // biome-ignore lint/suspicious/noExplicitAny: both create routes take the same body
  const row = await create(c as any, group.id);
  return c.json(ok("Group webhook has been created", serialize(row)), 200);
};

export const getWebhook: RouteHandler<typeof routes.getWebhook, AppEnv> = async (c) => {
  const { webhookId } = c.req.valid("param");
  const row = await requireWebhook(catalog(c.env.DB), c.var.auth.accountId, webhookId);
  return c.json(ok("Webhook details retrieved successfully", serialize(row)), 200);
};

export const updateWebhook: RouteHandler<typeof routes.updateWebhook, AppEnv> = async (c) => {
  const { webhookId } = c.req.valid("param");
  const body = c.req.valid("json") ?? {};
  const db = catalog(c.env.DB);
  const { accountId } = c.var.auth;
  const row = await requireWebhook(db, accountId, webhookId);
  const changes: Parameters<typeof repo.updateWebhook>[3] = {};
  if (body.url != null) {
    await assertWebhookUrl(c.env, body.url);
    changes.url = body.url;
  }
  if (body.events != null) changes.events = checkEvents(body.events);
  if (body.active != null) changes.active = body.active;
  // `******` sent back leaves the secret as it is (§9); an empty string removes it.
  if (body.secret != null && body.secret !== MASK) changes.secret = await sealSecret(c.env, body.secret);
  const next = { ...row, ...changes };
  const activated = next.active && (!row.active || changes.url !== undefined);
  if (body.run_tests === true || (activated && body.run_tests !== false)) {
    await ping(c.env, next, (next.events[0] as string | undefined) ?? "sync_start");
  }
  const updated = await repo.updateWebhook(db, accountId, webhookId, changes);
  if (!updated) throw ApiError.notFound("Webhook", webhookId);
  return c.json(ok("Webhook has been updated", serialize(updated)), 200);
};

export const deleteWebhook: RouteHandler<typeof routes.deleteWebhook, AppEnv> = async (c) => {
  const { webhookId } = c.req.valid("param");
  if (!(await repo.deleteWebhook(catalog(c.env.DB), c.var.auth.accountId, webhookId))) {
    throw ApiError.notFound("Webhook", webhookId);
  }
  return c.json(done(`Webhook with id '${webhookId}' has been deleted`), 200);
};

export const testWebhook: RouteHandler<typeof routes.testWebhook, AppEnv> = async (c) => {
  const { webhookId } = c.req.valid("param");
  const { event } = c.req.valid("json");
  const row = await requireWebhook(catalog(c.env.DB), c.var.auth.accountId, webhookId);
  const [name] = checkEvents([event], "event");
  const { result } = await sendTest(c.env, row, name as string);
  return c.json(ok("Webhook test completed successfully", result), 200);
};

export const listWebhookDeliveries: RouteHandler<typeof routes.listWebhookDeliveries, AppEnv> = async (c) => {
  const { webhookId } = c.req.valid("param");
  const { cursor, limit } = c.req.valid("query");
  const db = catalog(c.env.DB);
  await requireWebhook(db, c.var.auth.accountId, webhookId);
  const rows = await repo.listDeliveries(db, webhookId, decodeCursor(cursor), limit + 1);
  const page = toPage(rows, limit, (row) => ({
    id: row.id,
    event: row.event,
    event_id: row.eventId === null ? null : String(row.eventId),
    status: row.status as "pending" | "delivered" | "failed" | "skipped",
    attempts: row.attempts,
    last_status_code: row.lastStatusCode,
    last_error: row.lastError,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  }));
  return c.json(ok("Webhook deliveries retrieved successfully", page), 200);
};

/**
 * Webhook deliveries (Fivetran §11): each event (./emit.ts) is offered to the account's active
 * webhooks, account-wide ones and those of the event's group, that subscribe to its name. A
 * delivery is a row of `webhook_deliveries` (the delivery log) holding the exact body, and a
 * message on WEBHOOK_QUEUE; the consumer POSTs the body with `X-Fivetran-Signature-256` (the
 * uppercase hex HMAC-SHA256 of the raw body under the webhook's secret) and
 * `X-Fivetran-Delivery-Id`. A non-2xx answer or a network error is retried through the queue
 * with exponential backoff (FIVETRAN_WEBHOOK_RETRY_BASE_SECONDS doubling, at most
 * FIVETRAN_WEBHOOK_MAX_ATTEMPTS attempts): at-least-once, so receivers dedupe on the delivery id
 * (the header, also the payload's `delivery_id`), which every attempt of a delivery repeats.
 *
 * Webhook URLs go through the connector egress guard (engine/toolkit/egress.ts) with their own
 * allow-list, FIVETRAN_WEBHOOK_ALLOW (same syntax as FIVETRAN_EGRESS_ALLOW; unset in production,
 * `loopback` under `npm start` and the tests): at create/update and again before every attempt.
 */
import { ConfigurationError, EngineError } from "../engine/errors";
import {
  assertHostAllowed,
  type EgressPolicy,
  egressPolicy,
  excerpt,
  guardedFetch,
  hostRefusal,
} from "../engine/toolkit/egress";
import type { Env } from "../env";
import { ApiError } from "../errors";
import { logWarning } from "../lib/log";
import { decryptJson } from "../lib/secrets";
import { isoTimestamp } from "../lib/time";
import type { StoredEvent } from "./emit";

/** A delivery message on WEBHOOK_QUEUE. */
export interface WebhookJob {
  kind: "webhook";
  deliveryId: string;
}

export const SIGNATURE_HEADER = "X-Fivetran-Signature-256";
export const DELIVERY_HEADER = "X-Fivetran-Delivery-Id";

/** Webhook row as D1 returns it. */
export interface WebhookRow {
  id: string;
  account_id: string;
  type: "account" | "group";
  group_id: string | null;
  url: string;
  events: string;
  active: number;
  secret: string | null;
}

interface DeliveryRow {
  id: string;
  webhook_id: string;
  account_id: string;
  event: string;
  payload: string;
  status: string;
  attempts: number;
}

/** The egress policy of webhook URLs: the connector guard under FIVETRAN_WEBHOOK_ALLOW. */
export function webhookPolicy(env: Env): EgressPolicy {
  return egressPolicy({ ...env, FIVETRAN_EGRESS_ALLOW: env.FIVETRAN_WEBHOOK_ALLOW });
}

const STRICT = egressPolicy({});

function webhookHint(message: string): string {
  return message.replace(/FIVETRAN_EGRESS_ALLOW/g, "FIVETRAN_WEBHOOK_ALLOW");
}

/**
 * Checks a webhook URL before it is stored: http(s) only, a host the webhook allow-list
 * permits (also by DNS with FIVETRAN_EGRESS_DOH), and https unless the host is a non-public
 * one the operator allowed (a receiver on the developer's machine). 400 naming the field.
 */
export async function assertWebhookUrl(env: Env, raw: string): Promise<void> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw ApiError.invalid(`Invalid value for field 'url': '${raw}' is not a URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw ApiError.invalid(`Invalid value for field 'url': only https URLs are accepted`);
  }
  if (url.username || url.password) {
    throw ApiError.invalid("Invalid value for field 'url': credentials in the URL are not accepted");
  }
  try {
    await assertHostAllowed(webhookPolicy(env), url.hostname);
  } catch (error) {
    if (error instanceof EngineError)
      throw ApiError.invalid(`Invalid value for field 'url': ${webhookHint(error.message)}`);
    throw error;
  }
  if (url.protocol === "http:" && hostRefusal(STRICT, url.hostname) === undefined) {
    throw ApiError.invalid("Invalid value for field 'url': only https URLs are accepted for public hosts");
  }
}

const encoder = new TextEncoder();

/** Uppercase hex HMAC-SHA256 of `body` under `secret`: the `X-Fivetran-Signature-256` value. */
export async function signature(secret: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(body)));
  return [...mac]
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("")
    .toUpperCase();
}

/** Fivetran's outgoing payload for an event, with our `delivery_id`. */
export function payloadOf(event: Omit<StoredEvent, "id">, deliveryId: string): string {
  return JSON.stringify({
    event: event.type,
    created: event.created_at,
    connector_type: event.connector_type,
    connector_id: event.connection_id,
    connector_name: event.connector_name,
    sync_id: event.sync_id,
    group_id: event.group_id,
    destination_group_id: event.group_id,
    data: event.data,
    delivery_id: deliveryId,
  });
}

/** Inserts a delivery row for each subscribed active webhook and queues one message each. */
export async function queueWebhookDeliveries(env: Env, accountId: string, event: StoredEvent): Promise<number> {
  const { results } = await env.DB.prepare(
    "SELECT * FROM webhooks WHERE account_id = ? AND active = 1 AND (type = 'account' OR group_id = ?)",
  )
    .bind(accountId, event.group_id)
    .all<WebhookRow>();
  const subscribed = results.filter((row) => (JSON.parse(row.events) as string[]).includes(event.type));
  if (subscribed.length === 0) return 0;
  const now = isoTimestamp();
  const deliveries = subscribed.map((webhook) => ({ id: crypto.randomUUID(), webhook }));
  await env.DB.batch(
    deliveries.map(({ id, webhook }) =>
      env.DB.prepare(
        `INSERT INTO webhook_deliveries (id, webhook_id, account_id, event_id, event, payload, status, attempts, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
      ).bind(id, webhook.id, accountId, Number(event.id), event.type, payloadOf(event, id), now, now),
    ),
  );
  await env.WEBHOOK_QUEUE.sendBatch(deliveries.map(({ id }) => ({ body: { kind: "webhook", deliveryId: id } })));
  return deliveries.length;
}

/** The outcome of one POST to a webhook. */
export interface AttemptResult {
  succeed: boolean;
  /** HTTP status; 0 when no answer came (refused, unreachable, timed out). */
  status: number;
  message: string;
}

/** POSTs `body` to the webhook once, signed when it has a secret. */
export async function post(env: Env, webhook: WebhookRow, body: string, deliveryId: string): Promise<AttemptResult> {
  const headers: Record<string, string> = { "Content-Type": "application/json", [DELIVERY_HEADER]: deliveryId };
  const secret = (await decryptJson(env.FIVETRAN_ENCRYPTION_KEY, webhook.secret)).secret;
  if (typeof secret === "string" && secret !== "") headers[SIGNATURE_HEADER] = await signature(secret, body);
  try {
    const response = await guardedFetch(webhookPolicy(env))(webhook.url, { method: "POST", headers, body });
    const text = await response.text().catch(() => "");
    const succeed = response.status >= 200 && response.status < 300;
    return {
      succeed,
      status: response.status,
      message: succeed ? "OK" : `The webhook answered ${response.status}${text ? `: ${excerpt(text)}` : ""}`,
    };
  } catch (error) {
    const message =
      error instanceof ConfigurationError
        ? webhookHint(error.message)
        : excerpt(String((error as Error)?.message ?? error));
    return { succeed: false, status: 0, message: `The webhook could not be reached: ${message}` };
  }
}

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== "" && Number.isFinite(n) && n > 0 ? n : fallback;
}

/** Attempts a delivery is given before it is marked failed (FIVETRAN_WEBHOOK_MAX_ATTEMPTS, default 8). */
export function maxAttempts(env: Env): number {
  return Math.floor(positive(env.FIVETRAN_WEBHOOK_MAX_ATTEMPTS, 8));
}

/** Seconds before attempt `attempt + 1` (after `attempt` failed): base · 2^(attempt−1), at most an hour. */
export function retryDelaySeconds(env: Env, attempt: number): number {
  const base = positive(env.FIVETRAN_WEBHOOK_RETRY_BASE_SECONDS, 30);
  return Math.min(3600, Math.ceil(base * 2 ** Math.max(0, attempt - 1)));
}

/** What the queue consumer does with a delivery message. */
export type DeliveryOutcome = { action: "ack" } | { action: "retry"; delaySeconds: number };

/**
 * One attempt of a delivery: skips a delivery already done or whose webhook was deleted or
 * deactivated, else POSTs it and records the attempt; a failure with attempts left is retried.
 */
export async function handleWebhookJob(env: Env, job: WebhookJob): Promise<DeliveryOutcome> {
  const delivery = await env.DB.prepare("SELECT * FROM webhook_deliveries WHERE id = ?")
    .bind(job.deliveryId)
    .first<DeliveryRow>();
  if (delivery?.status !== "pending") return { action: "ack" };
  const webhook = await env.DB.prepare("SELECT * FROM webhooks WHERE id = ? AND account_id = ?")
    .bind(delivery.webhook_id, delivery.account_id)
    .first<WebhookRow>();
  const record = (status: string, attempts: number, code: number | null, error: string | null) =>
    env.DB.prepare(
      "UPDATE webhook_deliveries SET status = ?, attempts = ?, last_status_code = ?, last_error = ?, updated_at = ? WHERE id = ?",
    )
      .bind(status, attempts, code, error, isoTimestamp(), delivery.id)
      .run();
  if (webhook?.active !== 1) {
    await record(
      "skipped",
      delivery.attempts,
      null,
      webhook ? "the webhook was deactivated" : "the webhook was deleted",
    );
    return { action: "ack" };
  }
  const attempt = delivery.attempts + 1;
  const result = await post(env, webhook, delivery.payload, delivery.id);
  if (result.succeed) {
    await record("delivered", attempt, result.status, null);
    return { action: "ack" };
  }
  const gaveUp = attempt >= maxAttempts(env);
  await record(gaveUp ? "failed" : "pending", attempt, result.status || null, result.message);
  if (gaveUp) {
    logWarning("webhook delivery failed", {
      webhookId: webhook.id,
      deliveryId: delivery.id,
      attempts: attempt,
      reason: result.message,
    });
    return { action: "ack" };
  }
  return { action: "retry", delaySeconds: retryDelaySeconds(env, attempt) };
}

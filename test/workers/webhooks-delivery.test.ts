/**
 * Webhook deliveries end to end: a real sync (sample → D1) fires signed `sync_start` and
 * `sync_end` at a local receiver that verifies `X-Fivetran-Signature-256`; a receiver that
 * answers 500 once gets the same delivery (same delivery id) again through the queue; the
 * consumer's backoff doubles, and it gives up after the last attempt. The backoff is checked
 * by driving the Worker's queue handler with real message batches, as the sync consumer's tests do.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import type { WebhookJob } from "../../src/events/webhooks";
import worker from "../../src/index";
import { configureReceiver, eventually, received, receiverUrl, sampleConnection } from "./events-helpers";
import { call } from "./helpers";

function unique(prefix: string) {
  return `${prefix}_${crypto.randomUUID().slice(0, 8)}`;
}

/** Delivers one message to the Worker's queue handler; returns what it acked and the delays it asked for. */
async function deliver(job: WebhookJob, attempts = 1) {
  const id = crypto.randomUUID();
  const batch = createMessageBatch<WebhookJob>("fivetran-webhook-deliveries", [
    { id, timestamp: new Date(), attempts, body: job },
  ]);
  const message = batch.messages[0] as Message<WebhookJob>;
  const retry = vi.spyOn(message, "retry");
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  const delays = retry.mock.calls.map(([options]) => options?.delaySeconds);
  return { id, delays, result: await getQueueResult(batch, ctx) };
}

describe("webhook deliveries", () => {
  it("a real sync fires signed sync_start and sync_end with Fivetran's payload fields", async () => {
    const { auth, id, groupId, schema } = await sampleConnection(10);
    const name = unique("sync");
    await configureReceiver(name, { secret: "whsec_sync" });
    const webhook = await call("POST", `/v1/webhooks/group/${groupId}`, {
      auth,
      body: { url: receiverUrl(name), secret: "whsec_sync", events: ["sync_start", "sync_end"] },
    });
    expect(webhook.status, JSON.stringify(webhook.json)).toBe(200);
    expect((await call("POST", `/v1/connections/${id}/sync`, { auth })).status).toBe(200);

    const real = await eventually("sync_end delivered", async () => {
      const got = (await received(name)).filter((d) => d.body.data?.test !== true);
      return got.some((d) => d.body.event === "sync_end") ? got : undefined;
    });
    expect(real.map((d) => d.body.event)).toEqual(["sync_start", "sync_end"]);
    for (const delivery of real) {
      expect(delivery.verified).toBe(true);
      expect(delivery.signature).toMatch(/^[0-9A-F]{64}$/);
      expect(delivery.answered).toBe(200);
      expect(delivery.deliveryId).toBe(delivery.body.delivery_id);
      expect(delivery.body).toMatchObject({
        connector_type: "sample",
        connector_id: id,
        connector_name: schema,
        destination_group_id: groupId,
        group_id: groupId,
      });
      expect(delivery.body.created).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    }
    const [start, end] = real;
    expect(end?.body.sync_id).toBe(start?.body.sync_id);
    expect(end?.body.data).toMatchObject({ status: "SUCCESSFUL", stats: { rows_synced: 30 } });

    // The delivery log: the ping on create and both events, delivered at the first attempt.
    const log = await call("GET", `/v1/webhooks/${webhook.json.data.id}/deliveries`, { auth });
    expect(log.json.data.items.map((d: { event: string; status: string }) => `${d.event}:${d.status}`)).toEqual([
      "sync_end:delivered",
      "sync_start:delivered",
      "sync_start:delivered",
    ]);
    expect(log.json.data.items[0].payload).toEqual(end?.body);
  });

  it("retries a delivery the receiver answered 500, with the same delivery id and body", async () => {
    const { auth, id } = await sampleConnection();
    const name = unique("retry");
    await configureReceiver(name, { secret: "whsec_retry" });
    const webhook = await call("POST", "/v1/webhooks/account", {
      auth,
      body: { url: receiverUrl(name), secret: "whsec_retry", events: ["pause_connector"] },
    });
    expect(webhook.status, JSON.stringify(webhook.json)).toBe(200);
    // After the ping on create: the next request is answered 500, the one after 200.
    await configureReceiver(name, { secret: "whsec_retry", fail: 1 });
    expect((await call("PATCH", `/v1/connections/${id}`, { auth, body: { paused: true } })).status).toBe(200);

    const attempts = await eventually(
      "the retried delivery",
      async () => {
        // The ping on create is a sample of the first event, marked `data.test`.
        const got = (await received(name)).filter((d) => d.body.event === "pause_connector" && !d.body.data?.test);
        return got.length >= 2 ? got : undefined;
      },
      20_000,
    );
    expect(attempts.map((d) => d.answered)).toEqual([500, 200]);
    expect(attempts.every((d) => d.verified)).toBe(true);
    expect(attempts[1]?.deliveryId).toBe(attempts[0]?.deliveryId);
    expect(attempts[1]?.body).toEqual(attempts[0]?.body);
    const log = await call("GET", `/v1/webhooks/${webhook.json.data.id}/deliveries`, { auth });
    expect(log.json.data.items[0]).toMatchObject({
      id: attempts[0]?.deliveryId,
      event: "pause_connector",
      status: "delivered",
      attempts: 2,
      last_status_code: 200,
      last_error: null,
    });
  });

  it("backs off exponentially through the queue and gives up after the last attempt", async () => {
    const { auth, accountId } = await sampleConnection();
    const name = unique("backoff");
    await configureReceiver(name, { secret: "s" });
    const webhook = await call("POST", "/v1/webhooks/account", {
      auth,
      body: { url: receiverUrl(name), secret: "s", events: ["sync_end"], active: false },
    });
    const webhookId = webhook.json.data.id;
    await call("PATCH", `/v1/webhooks/${webhookId}`, { auth, body: { active: true, run_tests: false } });
    await configureReceiver(name, { secret: "s", fail: 100 });
    // A delivery row as emit() writes it; this test hands its message to the consumer itself.
    const deliveryId = crypto.randomUUID();
    const now = new Date().toISOString();
    await env.DB.prepare(
      `INSERT INTO webhook_deliveries (id, webhook_id, account_id, event_id, event, payload, status, attempts, created_at, updated_at)
       VALUES (?, ?, ?, NULL, 'sync_end', ?, 'pending', 0, ?, ?)`,
    )
      .bind(deliveryId, webhookId, accountId, JSON.stringify({ event: "sync_end", delivery_id: deliveryId }), now, now)
      .run();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 8; attempt++) {
      const { id, result, delays: asked } = await deliver({ kind: "webhook", deliveryId }, attempt);
      if (attempt < 8) {
        expect(result.retryMessages).toEqual([{ msgId: id }]);
        delays.push(...(asked as number[]));
      } else {
        // FIVETRAN_WEBHOOK_MAX_ATTEMPTS (8): the last failure is acked and the delivery marked failed.
        expect(result.explicitAcks).toEqual([id]);
      }
    }
    // FIVETRAN_WEBHOOK_RETRY_BASE_SECONDS is 1 in the tests: 1, 2, 4, … seconds.
    expect(delays).toEqual([1, 2, 4, 8, 16, 32, 64]);
    const log = await call("GET", `/v1/webhooks/${webhookId}/deliveries`, { auth });
    expect(log.json.data.items.find((d: { id: string }) => d.id === deliveryId)).toMatchObject({
      status: "failed",
      attempts: 8,
      last_status_code: 500,
      last_error: expect.stringMatching(/answered 500/),
    });
    expect((await received(name)).filter((d) => d.deliveryId === deliveryId)).toHaveLength(8);
    // Delivered or given up: a redelivered message changes nothing.
    const again = await deliver({ kind: "webhook", deliveryId }, 9);
    expect(again.result.explicitAcks).toEqual([again.id]);
    expect((await received(name)).filter((d) => d.deliveryId === deliveryId)).toHaveLength(8);
  });

  it("skips the deliveries of a webhook deleted or deactivated before they were sent", async () => {
    const { auth, accountId } = await sampleConnection();
    const name = unique("skip");
    const webhook = await call("POST", "/v1/webhooks/account", {
      auth,
      body: { url: receiverUrl(name), events: ["sync_end"], active: false },
    });
    const deliveryId = crypto.randomUUID();
    const now = new Date().toISOString();
    await env.DB.prepare(
      `INSERT INTO webhook_deliveries (id, webhook_id, account_id, event_id, event, payload, status, attempts, created_at, updated_at)
       VALUES (?, ?, ?, NULL, 'sync_end', '{}', 'pending', 0, ?, ?)`,
    )
      .bind(deliveryId, webhook.json.data.id, accountId, now, now)
      .run();
    const { id, result } = await deliver({ kind: "webhook", deliveryId });
    expect(result.explicitAcks).toEqual([id]);
    expect(await received(name)).toEqual([]);
    const log = await call("GET", `/v1/webhooks/${webhook.json.data.id}/deliveries`, { auth });
    expect(log.json.data.items[0]).toMatchObject({ status: "skipped", last_error: "the webhook was deactivated" });
  });
});

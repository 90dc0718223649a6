/**
 * The Worker entry: HTTP API, sync-job queue consumer and the cron watchdog.
 * Durable Object classes are re-exported here for the runtime.
 */
import { createApp } from "./app";
import { catalog } from "./db/client";
import { queueTrigger } from "./db/triggers";
import { handleSyncJob } from "./engine/jobs";
import { startTriggeredRun, triggerQueues } from "./engine/triggers";
import type { Env, SyncJob } from "./env";
import { pruneEvents } from "./events/emit";
import { handleWebhookJob, type WebhookJob } from "./events/webhooks";
import { logError, redactedFailure } from "./lib/log";

export { ConnectorDO } from "./do/connector-do";
export { DestinationDO } from "./do/destination-do";
export { EventsDO } from "./do/events-do";
export { SyncDO } from "./do/sync-do";
export { TransformDO } from "./do/transform-do";
export { UsageDO } from "./do/usage-do";

const app = createApp();

/** One attempt of each delivery; a failed one is retried with its backoff, a crashed one by the queue. */
async function deliverWebhooks(batch: MessageBatch<WebhookJob>, env: Env): Promise<void> {
  await Promise.all(
    batch.messages.map(async (message) => {
      try {
        const outcome = await handleWebhookJob(env, message.body);
        if (outcome.action === "retry") message.retry({ delaySeconds: outcome.delaySeconds });
        else message.ack();
      } catch (error) {
        logError("webhook delivery errored", error);
        message.retry();
      }
    }),
  );
}

async function rearmAll(env: Env): Promise<void> {
  const { results } = await env.DB.prepare("SELECT id FROM connections WHERE paused = 0").all<{ id: string }>();
  for (const { id } of results) {
    await env.CONNECTOR.get(env.CONNECTOR.idFromName(id)).reschedule(id);
  }
}

/**
 * Messages on a trigger queue: `{"connection_id": …}` starts a sync of that connection when it
 * has a queue trigger on this queue. A message naming no such trigger is dropped with a log
 * line (redelivering cannot make it valid); an infrastructure error redelivers it.
 */
async function handleTriggerMessages(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  for (const message of batch.messages) {
    const body = message.body as { connection_id?: unknown } | null;
    const connectionId = typeof body?.connection_id === "string" ? body.connection_id : undefined;
    try {
      const trigger = connectionId ? await queueTrigger(catalog(env.DB), connectionId, batch.queue) : undefined;
      if (!connectionId || !trigger) {
        logError("trigger message dropped", new Error("no queue trigger matches the message"), {
          queue: batch.queue,
          connectionId: connectionId ?? null,
        });
      } else {
        const blocked = await startTriggeredRun(env, connectionId, "queue");
        if (blocked) logError("queue trigger did not start a sync", new Error(blocked), { connectionId });
      }
      message.ack();
    } catch (error) {
      logError("trigger message failed", error);
      message.retry();
    }
  }
}

export default {
  fetch: app.fetch,

  /**
   * Sync slices. A job's failures are recorded on its run by handleSyncJob; only an
   * infrastructure error (D1 or a Durable Object unreachable) lets the queue redeliver it.
   * A batch may carry several connections' slices: they run concurrently, and one
   * connection's messages one after another (its runs are one at a time, and SyncDO admits
   * one copy of a slice at a time anyway). Local dev dispatches one batch at a time whatever
   * `max_concurrency` says (miniflare's queue broker), so this is how syncs of different
   * connections overlap there; on Cloudflare consumer invocations also run concurrently.
   * Webhook deliveries (WEBHOOK_QUEUE) are handled by src/events/webhooks.ts.
   */
  async queue(batch: MessageBatch<SyncJob | WebhookJob>, env: Env): Promise<void> {
    if (batch.queue.startsWith("fivetran-webhook-deliveries")) {
      await deliverWebhooks(batch as MessageBatch<WebhookJob>, env);
      return;
    }
    if (triggerQueues(env).includes(batch.queue)) {
      await handleTriggerMessages(batch as unknown as MessageBatch<unknown>, env);
      return;
    }
    const byConnection = new Map<string, Message<SyncJob>[]>();
    for (const message of (batch as MessageBatch<SyncJob>).messages) {
      const id = message.body.connectionId;
      byConnection.set(id, [...(byConnection.get(id) ?? []), message]);
    }
    await Promise.all(
      [...byConnection.values()].map(async (messages) => {
        for (const message of messages) {
          try {
            await handleSyncJob(env, message.body);
            message.ack();
          } catch (error) {
            logError("sync job failed", error);
            message.retry();
          }
        }
      }),
    );
  },

  /** Cron watchdog: re-arms the schedule alarm of every connection (an alarm lost is re-armed). */
  async scheduled(_controller: ScheduledController, env: Env): Promise<void> {
    try {
      await rearmAll(env);
      await pruneEvents(env);
    } catch (error) {
      throw redactedFailure("cron watchdog failed", error);
    }
  },
} satisfies ExportedHandler<Env, SyncJob | WebhookJob>;

/**
 * The Worker entry: HTTP API, sync-job queue consumer and the cron watchdog.
 * Durable Object classes are re-exported here for the runtime.
 */
import { createApp } from "./app";
import type { Env, SyncJob } from "./env";

export { ConnectorDO } from "./do/connector-do";
export { DestinationDO } from "./do/destination-do";
export { SyncDO } from "./do/sync-do";

const app = createApp();

export default {
  fetch: app.fetch,

  /** Sync slices. The engine (issue: sync engine) runs them; until then jobs are acknowledged. */
  async queue(batch: MessageBatch<SyncJob>): Promise<void> {
    for (const message of batch.messages) message.ack();
  },

  /** Cron watchdog: re-arms schedule alarms a connection lost (engine issue). */
  async scheduled(): Promise<void> {},
} satisfies ExportedHandler<Env, SyncJob>;

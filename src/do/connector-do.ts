/**
 * ConnectorDO: one object per connection. It owns the connection's live state that must
 * not race: its schedule (a Durable Object alarm armed for the next run and re-armed on
 * every schedule or pause change), and its status (`sync_state`, the run in progress).
 * When the alarm fires it enqueues a sync job on SYNC_QUEUE; it never runs a sync itself.
 * The catalog row in D1 stays the source of truth for configuration.
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";

export class ConnectorDO extends DurableObject<Env> {}

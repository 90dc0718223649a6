/**
 * SyncDO: one object per connection's runs. Its SQLite storage holds the run history
 * (start, end, outcome, rows and bytes per table), the committed checkpoint of the run in
 * progress, and the sequence number of the last committed slice, so a redelivered queue
 * message is recognised and skipped. A checkpoint is written here only after the
 * destination flushed every record before it.
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";

export class SyncDO extends DurableObject<Env> {}

/**
 * Runs as the engine and the API see them. SyncDO (src/do/sync-do.ts) stores them; the
 * engine defines their shape, so the engine never imports a Durable Object.
 */

import type { Stream, StreamState } from "./protocol";
import type { StreamStats, StreamWarning } from "./runner";

export type RunStatus = "running" | "succeeded" | "failed" | "cancelled";

/** A run as the API shows it. */
export interface RunRecord {
  id: string;
  trigger: string;
  status: RunStatus;
  startedAt: string;
  endedAt: string | null;
  error: string | null;
  retries: number;
  stats: StreamStats;
  /** Tables skipped, configured tables not found. */
  warnings: StreamWarning[];
  /** Last time rows-so-far were updated. */
  progressAt: string | null;
}

/** The lease a running slice holds on its run: the slice's number and the token SyncDO gave it. */
export interface SliceLease {
  seq: number;
  token: string;
}

/** What a slice needs to run, or why it must not. */
export type SliceTicket =
  | {
      action: "run";
      run: RunRecord;
      state: Record<string, StreamState>;
      /** The streams pinned for the run by its first slice; null before discovery. */
      streams: Stream[] | null;
      /** An earlier slice of this run migrated the destination's tables for these streams. */
      migrated: boolean;
      attempt: number;
      /** Presented with every write of the slice, and renewed while it runs. */
      lease: SliceLease;
    }
  | { action: "skip"; reason: string };

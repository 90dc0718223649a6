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

/** How a failed attempt failed, from the engine's error classes (engine/errors.ts). */
export type AttemptKind = "transient" | "rate_limited" | "auth" | "configuration" | "unknown";

/** Why an attempt of a slice failed: what SyncDO records with it. */
export interface AttemptFailure {
  kind: AttemptKind;
  /** The code the job loop classified the error as (`sync_failed`, `authentication_failed`, …). */
  code: string;
  /** When the next attempt is due (ISO); null when the run gave up. */
  retryAt: string | null;
}

/** A failed attempt of one slice of a run, kept after the run ends (the run history shows each). */
export interface RunAttempt extends AttemptFailure {
  /** The slice (0-based) the attempt ran. */
  seq: number;
  /** 1-based within the slice: the first try is attempt 1. */
  attempt: number;
  failedAt: string;
  /** Sanitised: no secret of the connection, no credential-shaped text. */
  message: string;
}

/** The code of the connection warning shown while a run waits to retry. */
export const RETRY_WARNING = "sync_retrying";

/** The code of the task a run that failed on credentials leaves (Fivetran's, with `setup_state` broken). */
export const RECONNECT_TASK = "reconnect";

/**
 * Runs as the API shows them (extension): items of GET …/runs, and the `current_run` and
 * `last_run` of a connection's status in GET details.
 */
import type { RunAttempt, RunRecord } from "../../do/sync-do";
import type { StreamStats } from "../../engine/runner";
import type { Env } from "../../env";
import { currentRun, syncOf } from "./connections.objects";
import type { CurrentRun, LastRun } from "./connections.schemas";

/** Rows and bytes over every table of a run. */
function totals(stats: StreamStats): { rows: number; bytes: number } {
  let rows = 0;
  let bytes = 0;
  for (const entry of Object.values(stats)) {
    rows += entry.rows;
    bytes += entry.bytes;
  }
  return { rows, bytes };
}

/** Milliseconds from start to end; null while the run is in progress. */
function durationMs(run: RunRecord): number | null {
  return run.endedAt === null ? null : new Date(run.endedAt).getTime() - new Date(run.startedAt).getTime();
}

/** A failed attempt of a run in the shape of GET …/runs. */
function serializeAttempt(attempt: RunAttempt) {
  return {
    slice: attempt.seq,
    attempt: attempt.attempt,
    failed_at: attempt.failedAt,
    kind: attempt.kind,
    code: attempt.code,
    message: attempt.message,
    retry_at: attempt.retryAt,
  };
}

/** A run in the shape of GET …/runs, with every failed attempt of its slices. */
export function serializeRun(run: RunRecord & { attempts: RunAttempt[] }) {
  return {
    id: run.id,
    trigger: run.trigger,
    status: run.status,
    started_at: run.startedAt,
    ended_at: run.endedAt,
    duration_ms: durationMs(run),
    error: run.error,
    retries: run.retries,
    attempts: run.attempts.map(serializeAttempt),
    ...totals(run.stats),
    tables: run.stats,
    progress_at: run.progressAt,
  };
}

/** The run in progress, with the rows written so far per `schema.table`. */
export function serializeCurrentRun(run: RunRecord): CurrentRun {
  return {
    id: run.id,
    trigger: run.trigger,
    started_at: run.startedAt,
    rows_so_far: Object.fromEntries(Object.entries(run.stats).map(([table, entry]) => [table, entry.rows])),
    progress_at: run.progressAt,
  };
}

/** The last finished run with its outcome and totals. */
export function serializeLastRun(run: RunRecord): LastRun {
  return {
    id: run.id,
    trigger: run.trigger,
    status: run.status as LastRun["status"],
    started_at: run.startedAt,
    ended_at: run.endedAt,
    duration_ms: durationMs(run),
    ...totals(run.stats),
    error: run.error,
  };
}

/** `current_run` and `last_run` of a connection: two SyncDO reads, so only GET details carries them. */
export async function runStatus(env: Env, connectionId: string) {
  const [current, last] = await Promise.all([
    currentRun(env, connectionId),
    syncOf(env, connectionId).lastFinished() as Promise<RunRecord | null>,
  ]);
  return {
    current_run: current ? serializeCurrentRun(current) : null,
    last_run: last ? serializeLastRun(last) : null,
  };
}

/**
 * Engine knobs from the Worker's vars; defaults suit production, tests and the bench override some.
 *
 * How a dead slice is found (the timings of issue #9 §6, defaults):
 * - A slice holds a lease of `leaseMs` (10 s) on its run in SyncDO, taken by `beginSlice` with a
 *   random token and renewed by the consumer every `leaseMs / 3` (~3.3 s): two renewals may be
 *   lost to a slow Durable Object call before the lease lapses. Every write of the slice
 *   (commit, endSlice, recordRetry, finishRun) presents the token; a lost lease aborts it.
 * - While a run is in progress, ConnectorDO's alarm fires every `leaseMs / 2` (5 s) and enqueues
 *   the run's slice again once its lease has lapsed. A process that died mid-slice (kill -9)
 *   last renewed at most `leaseMs / 3` before it died, so its slice is re-enqueued at most
 *   `leaseMs + leaseMs / 2` (15 s) after the death, sooner when the restart took longer.
 * - A slice stops between pages at `sliceBudgetMs`; one still running at `sliceBudgetMs +
 *   sliceGraceMs` (a read or write that hangs) is abandoned: the consumer stops waiting, gives
 *   up its lease and retries the slice from the last committed checkpoint.
 * - Between slices no lease is held: the next slice's message must start within `watchdogMs`
 *   (10 s) or the alarm enqueues it again (a message lost with a crashed process), so that
 *   case too is caught within 10 s + 5 s. A copy sent too early (the message was only slow,
 *   e.g. queued behind a long batch) is harmless: SyncDO admits one copy of a slice and the
 *   consumer skips the other.
 */
import type { Env } from "../env";

export interface EngineSettings {
  /** Wall-clock budget of one slice (ms). */
  sliceBudgetMs: number;
  /** Upper bound of one batch of values (bytes); one more may be buffered ahead. */
  pageBytes: number;
  /** First retry delay (ms); doubles per attempt with exponential backoff. */
  retryBaseMs: number;
  /** Longest retry delay (ms). */
  retryMaxMs: number;
  /** Retries of one slice before the run fails, unless the connection sets `retries`. */
  retries: number;
  /** How long a run's next slice may wait in the queue before the run watchdog enqueues it again. */
  watchdogMs: number;
  /** A running slice's lease on its run, renewed every third of it (heartbeat). */
  leaseMs: number;
  /** How long past its budget a slice may run before it is abandoned and retried. */
  sliceGraceMs: number;
}

export const DEFAULT_SETTINGS: EngineSettings = {
  sliceBudgetMs: 60_000,
  pageBytes: 4 << 20,
  retryBaseMs: 10_000,
  retryMaxMs: 10 * 60_000,
  retries: 3,
  watchdogMs: 10_000,
  leaseMs: 10_000,
  sliceGraceMs: 30_000,
};

/** Settings from the Worker's vars (FIVETRAN_SLICE_BUDGET_MS, …) over the defaults. */
export function engineSettings(env: Env): EngineSettings {
  const vars = env as unknown as Record<string, string | undefined>;
  const num = (name: string, fallback: number) => {
    const value = Number(vars[name]);
    return Number.isFinite(value) && value >= 0 && vars[name] !== undefined && vars[name] !== "" ? value : fallback;
  };
  return {
    sliceBudgetMs: num("FIVETRAN_SLICE_BUDGET_MS", DEFAULT_SETTINGS.sliceBudgetMs),
    pageBytes: num("FIVETRAN_PAGE_BYTES", DEFAULT_SETTINGS.pageBytes),
    retryBaseMs: num("FIVETRAN_RETRY_BASE_MS", DEFAULT_SETTINGS.retryBaseMs),
    retryMaxMs: num("FIVETRAN_RETRY_MAX_MS", DEFAULT_SETTINGS.retryMaxMs),
    retries: num("FIVETRAN_RETRIES", DEFAULT_SETTINGS.retries),
    watchdogMs: num("FIVETRAN_WATCHDOG_MS", DEFAULT_SETTINGS.watchdogMs),
    // A lease shorter than a second would be renewed more often than a Durable Object call takes.
    leaseMs: Math.max(1000, num("FIVETRAN_LEASE_MS", DEFAULT_SETTINGS.leaseMs)),
    sliceGraceMs: num("FIVETRAN_SLICE_GRACE_MS", DEFAULT_SETTINGS.sliceGraceMs),
  };
}

/** How often the run watchdog (ConnectorDO's alarm) looks at a run in progress: half a lease. */
export function runWatchMs(settings: EngineSettings): number {
  return settings.leaseMs / 2;
}

/** When a slice that began now is abandoned: its budget plus the grace (ms). */
export function sliceDeadlineMs(settings: EngineSettings): number {
  return settings.sliceBudgetMs + settings.sliceGraceMs;
}

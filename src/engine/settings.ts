/** Engine knobs from the Worker's vars; defaults suit production, tests and the bench override some. */
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
  /**
   * Grace period of the run watchdog: a slice's lease lasts its budget plus this, and a run
   * whose next slice has not started this long after it was due is enqueued again.
   */
  watchdogMs: number;
}

export const DEFAULT_SETTINGS: EngineSettings = {
  sliceBudgetMs: 60_000,
  pageBytes: 4 << 20,
  retryBaseMs: 10_000,
  retryMaxMs: 10 * 60_000,
  retries: 3,
  watchdogMs: 60_000,
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
  };
}

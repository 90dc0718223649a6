/**
 * The queue consumer's work: one sync job = one slice of one run. It admits the slice with
 * SyncDO (a redelivered or stale message is dropped), runs it, and either enqueues the next
 * slice or ends the run, updating the connection's status in the catalog. Transient failures
 * are retried with exponential backoff and jitter (honouring Retry-After); permanent ones end
 * the run as failed with a task a person can act on.
 */
import { eq } from "drizzle-orm";
import { catalog } from "../db/client";
import { connections } from "../db/schema";
import type { SliceTicket } from "../do/sync-do";
import type { Env, SyncJob } from "../env";
import { isoTimestamp } from "../lib/time";
import { destinationSchema } from "./naming";
import { ConfigurationError, connectorContext, loadConnection, openDestinationWriter, readableSource } from "./open";
import type { ConfiguredStream, Stream } from "./protocol";
import { runSlice } from "./runner";
import { parseDuration } from "./schedule";

/** Engine knobs; defaults suit production, tests and the benchmark override some. */
export interface EngineSettings {
  /** Wall-clock budget of one slice (ms). */
  sliceBudgetMs: number;
  /** Upper bound of one page of values (bytes); one more may be buffered ahead. */
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

const TRANSIENT_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EPIPE",
  "CONNECT_TIMEOUT",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "53300", // too_many_connections
  "40001", // serialization_failure
  "40P01", // deadlock_detected
]);

/** Whether retrying may help, and how long the other side asked us to wait. */
export function classify(error: unknown): {
  transient: boolean;
  auth: boolean;
  retryAfterMs?: number;
  message: string;
} {
  const e = error as { code?: string; status?: number; retryAfter?: number; message?: string };
  const message = e?.message ?? String(error);
  if (error instanceof ConfigurationError) return { transient: false, auth: false, message };
  if (e?.code === "28P01" || e?.code === "28000" || e?.status === 401 || e?.status === 403) {
    return { transient: false, auth: true, message };
  }
  if (typeof e?.status === "number" && (e.status === 429 || e.status >= 500)) {
    // Retry-After 0 means "no hint", not "retry at once".
    const retryAfterMs = e.retryAfter && e.retryAfter > 0 ? e.retryAfter * 1000 : undefined;
    return { transient: true, auth: false, retryAfterMs, message };
  }
  if (
    (e?.code && (TRANSIENT_CODES.has(e.code) || e.code.startsWith("08"))) ||
    /terminated unexpectedly|socket|timeout|timed out|network|connection (reset|refused|closed)/i.test(message)
  ) {
    return { transient: true, auth: false, message };
  }
  return { transient: false, auth: false, message };
}

/** Delay before retry `attempt` (1-based): exponential, linear or fixed, with jitter. */
export function backoffMs(
  attempt: number,
  policy: string | undefined,
  settings: EngineSettings,
  retryAfterMs?: number,
) {
  const base = settings.retryBaseMs;
  const raw = policy === "fixed" ? base : policy === "linear" ? base * attempt : base * 2 ** (attempt - 1);
  const jittered = Math.min(settings.retryMaxMs, raw) * (0.5 + Math.random() / 2);
  return Math.max(jittered, retryAfterMs ?? 0);
}

function syncOptions(row: { syncOptions: Record<string, unknown> | null }) {
  const options = (row.syncOptions ?? {}) as {
    mode?: string;
    cursor?: string;
    lookback?: string;
    retries?: number;
    backoff?: string;
  };
  return {
    mode: options.mode === "full" ? ("full" as const) : ("incremental" as const),
    cursor: options.cursor,
    lookbackMs: options.lookback ? parseDuration(options.lookback).ms : 0,
    retries: options.retries,
    backoff: options.backoff,
  };
}

/** How each stream is read: the connection's mode, its cursor if the table has it, else a detected one. */
export function configureStreams(streams: Stream[], options: ReturnType<typeof syncOptions>): ConfiguredStream[] {
  return streams.map((stream) => {
    const chosen =
      options.cursor && stream.columns.some((c) => c.name === options.cursor)
        ? options.cursor
        : stream.cursorCandidates[0];
    const incremental = options.mode === "incremental" && chosen !== undefined;
    return {
      stream,
      mode: incremental ? "incremental" : "full",
      cursorField: incremental ? chosen : undefined,
      lookbackMs: options.lookbackMs,
      reset: false,
    };
  });
}

async function setStatus(env: Env, connectionId: string, changes: Partial<typeof connections.$inferInsert>) {
  await catalog(env.DB)
    .update(connections)
    .set({ ...changes, updatedAt: isoTimestamp() })
    .where(eq(connections.id, connectionId));
}

/** Handles one sync job. Never throws for a failed sync: failures end up in the run and the status. */
export async function handleSyncJob(env: Env, job: SyncJob, settings = engineSettings(env)): Promise<void> {
  const loaded = await loadConnection(env, job.connectionId);
  const sync = env.SYNC.get(env.SYNC.idFromName(job.connectionId));
  if (!loaded) {
    await sync.finishRun(job.runId, "failed", "the connection was deleted");
    return;
  }
  // RPC typing loses the union's discriminant; the object is exactly a SliceTicket.
  const ticket = (await sync.beginSlice(
    job.runId,
    job.seq,
    settings.sliceBudgetMs + settings.watchdogMs,
  )) as SliceTicket;
  if (ticket.action === "skip") return;
  const { row } = loaded;
  const options = syncOptions(row);
  const connector = env.CONNECTOR.get(env.CONNECTOR.idFromName(job.connectionId));
  try {
    const source = readableSource(row.service);
    const config = source.fields.parse(loaded.config);
    const ctx = connectorContext(env);
    // The destination opens while the source is discovered.
    const opening = openDestinationWriter(env, row.groupId);
    opening.catch(() => {}); // its error surfaces where it is awaited, below
    let streams = ticket.streams;
    try {
      if (!streams) {
        const discovered = await source.reader.discover(config, ctx);
        streams = await connector.recordDiscovery(job.connectionId, discovered);
        await sync.setRunStreams(job.runId, streams);
      }
    } catch (error) {
      await opening.then((w) => w.close()).catch(() => {});
      throw error;
    }
    const writer = await opening;
    const destinationDo = env.DESTINATION.get(env.DESTINATION.idFromName(row.groupId));
    let result: Awaited<ReturnType<typeof runSlice>>;
    try {
      result = await runSlice({
        reader: source.reader,
        sourceConfig: config,
        writer,
        schemaOf: (stream) => destinationSchema(row.service, row.schema, stream.namespace),
        streams: configureStreams(streams, options),
        state: ticket.state,
        ctx,
        runId: job.runId,
        runStartedAt: new Date(ticket.run.startedAt),
        budgetMs: settings.sliceBudgetMs,
        pageBytes: settings.pageBytes,
        ensureSchema: (schema, targets) => destinationDo.ensureSchema(row.groupId, schema, targets),
        async commit(checkpoint, delta) {
          await sync.commit(job.runId, job.seq, checkpoint.stream, checkpoint.state, delta);
        },
      });
    } finally {
      await writer.close();
    }
    await sync.endSlice(job.runId, job.seq);
    if (!result.done) {
      await env.SYNC_QUEUE.send({ connectionId: job.connectionId, runId: job.runId, seq: job.seq + 1 });
      await sync.expect(job.runId, Date.now() + settings.watchdogMs);
      return;
    }
    const run = await sync.finishRun(job.runId, "succeeded");
    // A run cancelled by a forced restart while this slice ran must not report success.
    if (run?.status !== "succeeded") return;
    await setStatus(env, job.connectionId, {
      syncState: "scheduled",
      succeededAt: run?.endedAt ?? isoTimestamp(),
      isHistoricalSync: false,
      updateState: "on_schedule",
      tasks: [],
      setupState: row.setupState === "broken" ? "connected" : row.setupState,
    });
  } catch (error) {
    const failure = classify(error);
    const allowed = options.retries ?? settings.retries;
    if (failure.transient && ticket.attempt < allowed) {
      const attempt = await sync.recordRetry(job.runId, failure.message);
      const delay = backoffMs(attempt, options.backoff, settings, failure.retryAfterMs);
      await env.SYNC_QUEUE.send(job, { delaySeconds: Math.ceil(delay / 1000) });
      await sync.expect(job.runId, Date.now() + delay + settings.watchdogMs);
      return;
    }
    const code = failure.auth
      ? "authentication_failed"
      : error instanceof ConfigurationError
        ? error.code
        : "sync_failed";
    await sync.finishRun(job.runId, "failed", failure.message);
    await setStatus(env, job.connectionId, {
      syncState: "scheduled",
      failedAt: isoTimestamp(),
      updateState: "delayed",
      tasks: [{ code, message: failure.message }],
      ...(failure.auth ? { setupState: "broken" } : {}),
    });
  }
  await connector.reschedule(job.connectionId);
}

/**
 * The queue consumer's work: one sync job = one slice of one run. It admits the slice with
 * SyncDO (a redelivered or stale message is dropped), runs it, and either enqueues the next
 * slice or ends the run, updating the connection's status in the catalog. Transient failures
 * are retried with exponential backoff and jitter (honouring Retry-After), the connection's
 * status warning of the wait saying why and until when; permanent ones end the run as failed
 * with a task a person can act on; an authentication failure is retried once, then turns the
 * connection's setup broken; tables skipped are warnings. Every failed attempt is kept in the
 * run's history (SyncDO).
 *
 * A running slice holds a lease on its run, renewed every third of it (settings.ts). Every
 * write to SyncDO presents the lease; when a renewal or a write is refused, another copy of
 * the slice took over and this one stops without writing anything more. A slice still running
 * at its deadline (budget + grace: a read or write that hangs) is abandoned and retried.
 */

import { setConnectionStatus, warningsWith } from "../db/engine";
import type { Env, SyncJob } from "../env";
import { connectionSubject, emit } from "../events/emit";
import { isoTimestamp } from "../lib/time";
import {
  AuthError,
  ConfigurationError,
  EngineError,
  LeaseLostError,
  networkError,
  RateLimitedError,
  TransientError,
} from "./errors";
import { destinationSchema } from "./naming";
import { loadConnection, openDestinationWriter, readableSource } from "./open";
import {
  CHANGE_LOG_STATE,
  type ConfiguredStream,
  type DestinationDefinition,
  type SourceDefinition,
  type Stream,
  type SyncMode,
} from "./protocol";
import { runSlice, type StreamWarning } from "./runner";
import {
  type AttemptKind,
  RECONNECT_TASK,
  RETRY_WARNING,
  type RunAttempt,
  type RunRecord,
  type SliceTicket,
} from "./runs";
import { parseDuration } from "./schedule";
import { prepareWriter } from "./schema-apply";
import type { SchemaChange } from "./schema-policy";
import { type EngineSettings, engineSettings, sliceDeadlineMs } from "./settings";
import { secretKeys } from "./toolkit/config";
import { connectorContext } from "./toolkit/context";
import { sanitizeExcerpt } from "./toolkit/http-client";
import { prepareSliceTransforms, type StoredTransforms } from "./transforms/connection";
import { startChained } from "./triggers";
import { meterUsage } from "./usage";

export { DEFAULT_SETTINGS, type EngineSettings, engineSettings } from "./settings";

/** What the job loop does with a failure. */
export function classify(error: unknown): {
  transient: boolean;
  auth: boolean;
  retryAfterMs?: number;
  code: string;
  message: string;
} {
  const message = (error as { message?: string })?.message ?? String(error);
  if (error instanceof TransientError) {
    return { transient: true, auth: false, retryAfterMs: error.retryAfterMs, code: "sync_failed", message };
  }
  if (error instanceof AuthError) return { transient: false, auth: true, code: "authentication_failed", message };
  if (error instanceof ConfigurationError) return { transient: false, auth: false, code: error.code, message };
  return { transient: false, auth: false, code: "sync_failed", message };
}

/** The kind of a failure as the run history records it. */
export function attemptKind(error: unknown): AttemptKind {
  if (error instanceof RateLimitedError) return "rate_limited";
  if (error instanceof TransientError) return "transient";
  if (error instanceof AuthError) return "auth";
  if (error instanceof ConfigurationError) return "configuration";
  return "unknown";
}

/**
 * An error's message fit for the status, the run history and the logs: the connection's own
 * secret values and credential-shaped text (`Bearer …`, `password=…`, URL query strings, the
 * password of a URL's userinfo) replaced, whitespace collapsed, cut like every excerpt
 * ({@link sanitizeExcerpt}: 200 characters).
 */
export function sanitizeReason(message: string, secrets: readonly string[] = []): string {
  const withoutUserinfo = message.replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):[^\s@/]*@/gi, "$1:****@");
  return sanitizeExcerpt(withoutUserinfo, secrets);
}

/** The string values of a config's secret fields (what a message must never show). */
function secretValues(source: SourceDefinition | undefined, config: Record<string, unknown>): string[] {
  if (!source) return [];
  // A secret field may hold an object of secrets (declarative_manifest's secret_config).
  const strings = (value: unknown): unknown[] =>
    value && typeof value === "object" ? Object.values(value).flatMap(strings) : [value];
  return secretKeys(source.fields)
    .flatMap((key) => strings(config[key]))
    .filter((value): value is string => typeof value === "string" && value.length > 0);
}

/** The connection warning of a run waiting to retry (Fivetran's `{code, message, details}` alert). */
export function retryWarning(attempt: number, attempts: number, reason: string, retryAt: string, runId: string) {
  return {
    code: RETRY_WARNING,
    message: `Attempt ${attempt} of ${attempts} failed: ${reason}. Next attempt at ${retryAt}.`,
    details: { run_id: runId, attempt, max_attempts: attempts, next_attempt_at: retryAt, reason },
  };
}

/** The task a run that failed on credentials leaves on a connection it turns `broken`. */
export function reconnectTask(connectionId: string, reason: string) {
  return {
    code: RECONNECT_TASK,
    message: `The source refused the connection's credentials: ${reason}. Fix them (PATCH /v1/connections/${connectionId} with the new config), then rerun the setup tests (POST /v1/connections/${connectionId}/test); scheduled syncs stay off until they pass.`,
    details: { reason },
  };
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

/**
 * How each stream is read: the connection's mode, its cursor if the table has it, else a
 * detected one. `changes`: the source's change log is enabled for this config (Postgres
 * update_method WAL): every table with a primary key is snapshotted once and then follows the
 * log (mode `changes`); a table without one is re-read in full (its changes carry no key).
 */
export function configureStreams(
  streams: Stream[],
  options: ReturnType<typeof syncOptions>,
  changes = false,
): ConfiguredStream[] {
  return streams.map((stream) => {
    if (changes && stream.primaryKey.length > 0) {
      return { stream, mode: "changes", lookbackMs: 0 };
    }
    const chosen =
      options.cursor && stream.columns.some((c) => c.name === options.cursor)
        ? options.cursor
        : stream.cursorCandidates[0];
    // Without a primary key a changed row is a new row (identified by its values' hash) and
    // a keyset by cursor alone skips rows that share a cursor value: such tables re-read in full.
    const incremental = options.mode === "incremental" && chosen !== undefined && stream.primaryKey.length > 0;
    return {
      stream,
      mode: incremental ? "incremental" : "full",
      cursorField: incremental ? chosen : undefined,
      lookbackMs: options.lookbackMs,
    };
  });
}

/** The streams with their tables' sync modes (`schema.table` → mode; soft_delete elsewhere). */
export function withSyncModes(streams: ConfiguredStream[], modes: Record<string, SyncMode>): ConfiguredStream[] {
  return streams.map((configured) => {
    const key = `${configured.stream.namespace}.${configured.stream.name}`;
    const mode = Object.hasOwn(modes, key) ? modes[key] : undefined;
    return mode ? { ...configured, syncMode: mode } : configured;
  });
}

/** Maps an error with the connectors' own mappings, then the runtime's network errors. */
function mapper(...definitions: (SourceDefinition | DestinationDefinition | undefined)[]) {
  return (error: unknown): unknown => {
    if (error instanceof EngineError) return error;
    for (const definition of definitions) {
      const mapped = definition?.mapError?.(error);
      if (mapped) return mapped;
    }
    return networkError(error) ?? error;
  };
}

/** The connection's `status.warnings` for a run's warnings (Fivetran's alert shape). */
function alerts(warnings: StreamWarning[]) {
  const seen = new Set<string>();
  return warnings.flatMap((w): { code: string; message: string; details: Record<string, unknown> }[] => {
    // Schema changes blocked or not applied say what to do themselves (schema-policy.ts).
    if (w.code.startsWith("schema_change_")) {
      if (seen.has(w.message)) return [];
      seen.add(w.message);
      return [{ code: w.code, message: w.message, details: { table: w.stream } }];
    }
    // A change log's warnings (slot lag, a missing or invalidated slot) carry what to do already.
    if (w.stream === CHANGE_LOG_STATE) {
      if (seen.has(w.message)) return [];
      seen.add(w.message);
      return [{ code: w.code, message: w.message, details: { change_log: true } }];
    }
    return [
      {
        code: w.code,
        message:
          w.code === "table_not_found"
            ? `Table '${w.stream}' is configured but does not exist in the source: ${w.message}`
            : `Table '${w.stream}' was skipped: ${w.message}`,
        details: { table: w.stream },
      },
    ];
  });
}

/** A finished run's totals, as `sync_end` events carry them. */
export function runTotals(run: RunRecord) {
  const tables = Object.values(run.stats);
  const ended = run.endedAt ? Date.parse(run.endedAt) : Date.now();
  return {
    rows_synced: tables.reduce((n, t) => n + t.rows, 0),
    bytes_transferred: tables.reduce((n, t) => n + t.bytes, 0),
    duration_ms: Math.max(0, ended - Date.parse(run.startedAt)),
    tables: run.stats,
  };
}

/** Handles one sync job. Never throws for a failed sync: failures end up in the run and the status. */
export async function handleSyncJob(env: Env, job: SyncJob, settings = engineSettings(env)): Promise<void> {
  const loaded = await loadConnection(env, job.connectionId);
  const sync = env.SYNC.get(env.SYNC.idFromName(job.connectionId));
  if (!loaded) {
    await sync.finishRun(job.runId, "failed", "the connection was deleted");
    return;
  }
  const ticket = (await sync.beginSlice(job.runId, job.seq, settings.leaseMs)) as SliceTicket;
  if (ticket.action === "skip") return;
  const { lease } = ticket;
  const { row } = loaded;
  // The slice stops when its lease is lost or at its deadline; both reasons abort this signal.
  const abort = new AbortController();
  const leaseLost = () => abort.abort(new LeaseLostError(`slice ${job.seq} of run ${job.runId}`));
  const heartbeat = setInterval(() => {
    // A failed call (the object briefly unreachable) is not a lost lease: the next beat may pass,
    // and if none does the lease lapses and the watchdog hands the slice to another copy.
    sync.renewLease(job.runId, lease, settings.leaseMs).then(
      (held) => held || leaseLost(),
      () => {},
    );
  }, settings.leaseMs / 3);
  const deadlineMs = sliceDeadlineMs(settings);
  const deadline = setTimeout(() => {
    abort.abort(
      new TransientError(
        `the sync slice did not finish within ${deadlineMs / 1000} s (its budget of ${settings.sliceBudgetMs / 1000} s and ${settings.sliceGraceMs / 1000} s of grace): a read or write hung, so it was abandoned`,
      ),
    );
  }, deadlineMs);
  // What the slice awaits is raced against this: an abandoned slice returns at once, whatever
  // it was blocked on (its writes are refused from then on: it no longer holds the lease).
  const abandoned = new Promise<never>((_, reject) => {
    abort.signal.addEventListener("abort", () => reject(abort.signal.reason), { once: true });
  });
  abandoned.catch(() => {});
  const stop = () => {
    clearInterval(heartbeat);
    clearTimeout(deadline);
  };
  const held = (written: boolean | null) => {
    if (written === false || written === null) {
      leaseLost();
      throw abort.signal.reason;
    }
  };
  const options = syncOptions(row);
  const connector = env.CONNECTOR.get(env.CONNECTOR.idFromName(job.connectionId));
  let source: ReturnType<typeof readableSource> | undefined;
  let destination: DestinationDefinition | undefined;
  let running = true;
  try {
    source = readableSource(row.service);
    const config = source.fields.parse(loaded.config);
    const ctx = await connectorContext(env, row.accountId, source, config, abort.signal, {
      kind: "connection",
      id: job.connectionId,
    });
    const readSource = source;
    // The destination opens while the source is discovered.
    const opening = openDestinationWriter(env, row.groupId);
    opening.catch(() => {}); // its error surfaces where it is awaited, below
    const destinationDo = env.DESTINATION.get(env.DESTINATION.idFromName(row.groupId));
    const readAndWrite = async () => {
      let streams = ticket.streams;
      const discovering = !streams;
      let known: Stream[] | undefined;
      let sourceChanges: SchemaChange[] = [];
      try {
        if (!streams) {
          known = (await connector.tables())?.map((table) => table.stream);
          const discovered = await readSource.reader.discover(config, ctx, { streams: known, state: ticket.state });
          // The schema policy rules on what changed since the last discovery (schema-policy.ts).
          const found = await connector.discoverUnderPolicy(job.connectionId, discovered.streams, job.runId, "run");
          streams = found.streams;
          sourceChanges = found.changes;
          const notFound: StreamWarning[] = discovered.warnings.map((w) => ({ code: "table_not_found", ...w }));
          const blocked: StreamWarning[] = found.changes
            .filter((change) => change.status === "blocked")
            .map((change) => ({
              code: "schema_change_blocked",
              stream: `${change.schema}.${change.table}`,
              message: change.message,
            }));
          held(await sync.setRunStreams(job.runId, streams, [...notFound, ...blocked], lease));
        }
      } catch (error) {
        await opening.then((o) => o.writer.close()).catch(() => {});
        throw error;
      }
      // Each table's sync mode, as the schema config set it (ConnectorDO).
      const syncModes = (await connector.syncModes()) as Record<string, SyncMode>;
      const opened = await opening;
      destination = opened.definition;
      // Usage metering's one hook (engine/usage.ts): the historical sync's keys are free MAR.
      const owner = { accountId: row.accountId, groupId: row.groupId, connectionId: job.connectionId };
      let writer = meterUsage(env, owner, job.runId, !row.isHistoricalSync, opened.writer);
      try {
        // What each table's transform writes goes through the schema policy too, before the
        // destination changes are applied (ConnectorDO ruleOnOutputs).
        const transforms = await prepareSliceTransforms(
          env,
          job.connectionId,
          row.transforms as StoredTransforms | null,
          streams,
        );
        const before = new Map((known ?? []).map((s) => [`${s.namespace}.${s.name}`, s]));
        // Once per run when the connection has no transforms (one may just have been removed).
        const outputChanges =
          transforms.hook || discovering
            ? await connector.ruleOnOutputs(
                job.connectionId,
                streams.map((stream) => {
                  const key = `${stream.namespace}.${stream.name}`;
                  // A table written before (it has state) was written as the source's stream.
                  const written = Object.hasOwn(ticket.state, key) ? (before.get(key) ?? stream) : undefined;
                  return { key, output: transforms.outputs.get(key), before: written };
                }),
                job.runId,
                sourceChanges,
              )
            : [];
        const outputWarnings: StreamWarning[] = outputChanges
          .filter((change) => change.status === "blocked")
          .map((change) => ({
            code: "schema_change_blocked",
            stream: `${change.schema}.${change.table}`,
            message: change.message,
          }));
        // Pending schema changes reach the destination; column settings apply to every batch.
        const policy = await prepareWriter(
          env,
          connector,
          writer,
          row.groupId,
          (namespace) => destinationSchema(row.service, row.schema, namespace),
          ticket.state,
          discovering,
        );
        writer = policy.writer;
        const result = await runSlice({
          reader: readSource.reader,
          sourceConfig: config,
          writer,
          schemaOf: (stream) => destinationSchema(row.service, row.schema, stream.namespace),
          streams: withSyncModes(
            configureStreams(streams, options, readSource.reader.changeLog?.enabled(config) ?? false),
            syncModes,
          ),
          state: policy.state,
          ctx,
          runId: job.runId,
          runStartedAt: new Date(ticket.run.startedAt),
          budgetMs: settings.sliceBudgetMs,
          pageBytes: settings.pageBytes,
          mapError: mapper(source, destination),
          transform: transforms.hook,
          async migrate(schema, targets, apply) {
            // A run's streams are pinned: once a slice migrated them, later slices only load.
            if (ticket.migrated) return apply();
            const lease = await destinationDo.beginMigration(schema, targets, settings.sliceBudgetMs);
            if (!lease.token) return apply();
            try {
              await apply();
              await destinationDo.endMigration(lease.token, schema, targets);
            } catch (error) {
              await destinationDo.abandonMigration(lease.token).catch(() => {});
              throw error;
            }
          },
          async commit(stream, state, delta) {
            held(await sync.commit(job.runId, lease, stream, state, delta));
          },
        });
        return { ...result, warnings: [...outputWarnings, ...policy.warnings, ...result.warnings] };
      } finally {
        await writer.close();
      }
    };
    let result: Awaited<ReturnType<typeof readAndWrite>>;
    try {
      result = await Promise.race([readAndWrite(), abandoned]);
    } finally {
      stop();
    }
    if (!result.done) {
      await env.SYNC_QUEUE.send({ connectionId: job.connectionId, runId: job.runId, seq: job.seq + 1 });
      await sync.endSlice(job.runId, lease, {
        expectBy: Date.now() + settings.watchdogMs,
        warnings: result.warnings,
      });
      // This slice failed before and now passed: the run is no longer waiting to retry.
      if (ticket.attempt > 0) {
        await setConnectionStatus(env.DB, job.connectionId, { warnings: warningsWith(RETRY_WARNING) });
      }
      return;
    }
    const run = await sync.finishRun(job.runId, "succeeded", undefined, result.warnings, undefined, lease);
    running = false;
    // A run cancelled by a forced restart while this slice ran must not report success.
    if (run?.status !== "succeeded") return;
    await setConnectionStatus(env.DB, job.connectionId, {
      syncState: "scheduled",
      succeededAt: run.endedAt ?? isoTimestamp(),
      isHistoricalSync: false,
      updateState: "on_schedule",
      tasks: [],
      warnings: alerts(run.warnings),
      setupState: row.setupState === "broken" ? "connected" : row.setupState,
    });
    await emit(env, {
      ...connectionSubject(row),
      type: "sync_end",
      syncId: run.id,
      data: {
        status: "SUCCESSFUL",
        trigger: run.trigger,
        started_at: run.startedAt,
        ended_at: run.endedAt,
        stats: runTotals(run),
        warnings: run.warnings,
      },
    });

    // Connections chained after this one start now (their triggers, engine/triggers.ts).
    await startChained(env, job.connectionId);
  } catch (raw) {
    stop();
    // Another copy of the slice holds the lease: it records whatever happens next.
    if (abort.signal.reason instanceof LeaseLostError) return;
    const error = mapper(source, destination)(raw);
    const failure = classify(error);
    const kind = attemptKind(error);
    const reason = sanitizeReason(failure.message, secretValues(source, loaded.config));
    const allowed = options.retries ?? settings.retries;
    // An authentication failure is retried once per slice (a credential being rotated, a token
    // refreshed on reconnect); failing again, the run fails and the connection turns broken
    // rather than retry on, which could lock the account out at the source.
    const authRetried = async () =>
      ((await sync.attempts(job.runId)) as RunAttempt[]).some((a) => a.seq === job.seq && a.kind === "auth");
    const retryable = ticket.attempt < allowed && (failure.transient || (failure.auth && !(await authRetried())));
    if (retryable) {
      const delay = backoffMs(ticket.attempt + 1, options.backoff, settings, failure.retryAfterMs);
      // The queue delays by whole seconds: the next attempt is due when the message is.
      const delaySeconds = Math.ceil(delay / 1000);
      const retryAt = isoTimestamp(new Date(Date.now() + delaySeconds * 1000));
      const attempt = await sync.recordRetry(job.runId, reason, Date.now() + delay + settings.watchdogMs, lease, {
        kind,
        code: failure.code,
        retryAt,
      });
      // Another copy of the slice holds the lease, or the run was cancelled: no attempt is due.
      if (attempt === null) return;
      await env.SYNC_QUEUE.send(job, { delaySeconds });
      await setConnectionStatus(env.DB, job.connectionId, {
        warnings: warningsWith(RETRY_WARNING, retryWarning(attempt, allowed + 1, reason, retryAt, job.runId)),
      });
      return;
    }
    const run = await sync.finishRun(
      job.runId,
      "failed",
      reason,
      [],
      { kind, code: failure.code, retryAt: null },
      lease,
    );
    if (run?.status !== "failed") return;
    running = false;
    await setConnectionStatus(env.DB, job.connectionId, {
      syncState: "scheduled",
      failedAt: isoTimestamp(),
      updateState: "delayed",
      tasks: [failure.auth ? reconnectTask(job.connectionId, reason) : { code: failure.code, message: reason }],
      warnings: warningsWith(RETRY_WARNING),
      ...(failure.auth ? { setupState: "broken" } : {}),
    });
    const task = failure.auth ? reconnectTask(job.connectionId, reason) : { code: failure.code, message: reason };
    await emit(env, {
      ...connectionSubject(row),
      type: "sync_end",
      syncId: run.id,
      data: {
        status: "FAILURE_WITH_TASK",
        reason,
        task: { code: task.code, message: task.message },
        error: { kind, code: failure.code, message: reason },
        trigger: run.trigger,
        started_at: run.startedAt,
        ended_at: run.endedAt,
        stats: runTotals(run),
      },
    });
  }
  // The run is over: the schedule arms for the next one (no run in progress to ask SyncDO about).
  if (!running) await connector.reschedule(job.connectionId, { running: false });
}

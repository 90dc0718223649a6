/**
 * Runs one slice of a sync: source → destination, stream by stream, until every stream is
 * done for this run or the slice's time budget is spent. The runner owns the run:
 *
 * - **State.** What SyncDO stores per stream is a {@link RunnerState}: the source's opaque
 *   state plus the run that last touched the stream, whether this run finished it, and the
 *   start of a snapshot in progress. Sources never see run ids.
 * - **Snapshots delete what is gone.** A stream read from no state is a snapshot (every row);
 *   when it completes, rows whose `_fivetran_synced` predates the snapshot's start were not
 *   seen and are deleted (`truncate(before)`), so rows deleted at the source, keys past the
 *   source's last one and emptied tables all go — for every destination alike, as the table's
 *   sync mode keeps deletes: soft_delete marks them `_fivetran_deleted`, history closes their
 *   active version, live removes them. This is how deletes reach the destination from a
 *   query-based (cursor) incremental source, which cannot see them: on the next re-sync.
 * - **Sync modes.** A table's mode (ConfiguredStream.syncMode, soft_delete by default) travels
 *   on its TableRef; a destination that does not implement it fails that table alone.
 * - **Safety by capability.** A batch's key range is handed on only when the destination
 *   orders those key types as every source does; an encoded batch only to a destination that
 *   declared its codec.
 * - **Names.** Source columns that collide with Fivetran's system columns are renamed
 *   (`_fivetran_synced` → `_fivetran_synced_source`); names the destination cannot hold make
 *   that table fail, not the run.
 * - **Per-table isolation.** A table that fails permanently ({@link TableError}) is skipped
 *   with a warning; the other tables complete.
 *
 * The source reads ahead while the destination writes (a queue bounded in bytes), and a
 * checkpoint is committed only after the destination flushed every message before it: a crash
 * replays batches, never skips them, and every destination operation is idempotent.
 *
 * **Change capture** (streams in mode `changes`, see {@link runChangeLog}): each slice first
 * calls `ChangeLog.start` (before any snapshot, so the log retains every change a snapshot
 * might miss) and commits its state under `$changes` ({@link CHANGE_LOG_STATE}) like a
 * stream's; a lost log (`resnapshot`) clears every change stream's state. Streams without a
 * completed snapshot are snapshotted with `read` as above (their state then says
 * `changes: true`). Once every snapshot of the run is complete, `session.changes` reads the log
 * for the snapshotted streams; its messages go to their tables in order, each
 * ChangeCheckpoint is committed after `writer.flush()` and only then `session.acknowledge`d.
 * A stream whose snapshot could not complete (skipped) while the log moved on starts its
 * snapshot again next run. Start warnings and `health` become run warnings (`$changes`).
 */
import { ACTIVE, DELETED, END, ROW_ID, START, SYNCED } from "./destinations/system-columns";
import { ConfigurationError, EngineError, TableError } from "./errors";
import {
  CHANGE_LOG_STATE,
  type ChangeCheckpoint,
  type Checkpoint,
  type Column,
  type ConfiguredStream,
  type ConnectorContext,
  type DestinationCapabilities,
  type DestinationWriter,
  type SourceMessage,
  type SourceReader,
  type SourceSession,
  type Stream,
  type StreamState,
  type SyncMode,
  type TableRef,
  type UpsertBatch,
} from "./protocol";
import type { StreamTransform } from "./transforms";

/** Rows and bytes per stream. */
export type StreamStats = Record<string, { rows: number; bytes: number }>;

/** A table the run skipped, and why. */
export interface StreamWarning {
  /**
   * `table_skipped` (failed permanently this run), `table_not_found` (configured, not in the
   * source), or a change log's own code (`replication_slot_lag`, …) with stream `$changes`.
   */
  code: "table_skipped" | "table_not_found" | (string & {});
  stream: string;
  message: string;
}

/** What SyncDO keeps per stream (JSON). */
export interface RunnerState {
  v: 2;
  /** The run that last committed this stream. */
  run: string;
  /** The source's own state; absent: read from scratch. */
  source?: StreamState;
  /** A snapshot in progress began at this instant (ISO); rows synced before it go when it ends. */
  snapshotSince?: string;
  /** The destination table was empty when that snapshot began: nothing older to delete. */
  snapshotOnEmpty?: boolean;
  /** `run` finished the stream. */
  done?: boolean;
  /** `run` skipped the stream for this reason. */
  skipped?: string;
  /** Change capture: the stream's snapshot is complete; it follows the change log. */
  changes?: boolean;
}

/** Fivetran's system columns; a source column of one of these names is renamed. */
export const SYSTEM_COLUMNS = [SYNCED, DELETED, ROW_ID, START, END, ACTIVE] as const;

/** The suffix a colliding source column gets: `_fivetran_synced` lands as `_fivetran_synced_source`. */
export const RENAMED_SUFFIX = "_source";

/** State as stored, read as a RunnerState (state written before the runner owned it is the source's). */
export function runnerState(raw: StreamState | undefined): RunnerState | undefined {
  if (!raw) return undefined;
  if ((raw as { v?: unknown }).v === 2) return raw as unknown as RunnerState;
  return { v: 2, run: "", source: raw };
}

/** Each stream's source state within the runner's committed state (what `discover` is given). */
export function sourceStates(state: Readonly<Record<string, StreamState>> | undefined): Record<string, StreamState> {
  const out: Record<string, StreamState> = {};
  for (const [key, raw] of Object.entries(state ?? {})) {
    const source = runnerState(raw)?.source;
    if (source) out[key] = source;
  }
  return out;
}

/**
 * The stream as the destination holds it: system-column collisions renamed, then checked
 * against the destination's identifier rules. Throws TableError when it cannot be held.
 */
export function destinationStream(
  stream: Stream,
  caps: DestinationCapabilities,
  mode: SyncMode = "soft_delete",
): Stream {
  const fold = (name: string) => (caps.identifiers.caseInsensitive ? name.toLowerCase() : name);
  const system = new Set(SYSTEM_COLUMNS.map(fold));
  const taken = new Set(stream.columns.map((c) => fold(c.name)));
  const renames = new Map<string, string>();
  const columns: Column[] = stream.columns.map((column) => {
    if (!system.has(fold(column.name))) return column;
    let name = `${column.name}${RENAMED_SUFFIX}`;
    while (taken.has(fold(name))) name = `${name}_`;
    taken.add(fold(name));
    renames.set(column.name, name);
    return { ...column, name };
  });
  const table = `${stream.namespace}.${stream.name}`;
  const { maxLength } = caps.identifiers;
  const tooLong = [stream.name, ...columns.map((c) => c.name)].find(
    (n) => new TextEncoder().encode(n).length > maxLength,
  );
  if (tooLong) throw new TableError(`'${tooLong}' is longer than the destination's ${maxLength}-byte names`);
  const seen = new Map<string, string>();
  for (const column of columns) {
    const other = seen.get(fold(column.name));
    if (other !== undefined) {
      throw new TableError(`columns '${other}' and '${column.name}' of ${table} are one name in the destination`);
    }
    seen.set(fold(column.name), column.name);
  }
  const modes = caps.syncModes ?? ["soft_delete"];
  if (!modes.includes(mode)) {
    throw new TableError(
      `${table} is set to sync mode ${mode.toUpperCase()}, which this destination does not implement (it has ${modes.map((m) => m.toUpperCase()).join(", ")}): change the table's sync_mode`,
    );
  }
  if (mode === "history" && stream.primaryKey.length === 0) {
    throw new TableError(`${table} has no primary key: history mode needs one to version rows by`);
  }
  // `_fivetran_synced`, `_fivetran_id` without a key, and the mode's own columns.
  const systemColumns =
    1 + (stream.primaryKey.length === 0 ? 1 : 0) + (mode === "soft_delete" ? 1 : mode === "history" ? 3 : 0);
  if (caps.maxColumns !== undefined && columns.length + systemColumns > caps.maxColumns) {
    throw new TableError(
      `${table} has ${columns.length} columns; the destination holds ${caps.maxColumns} per table, system columns included`,
    );
  }
  if (renames.size === 0) return stream;
  return {
    ...stream,
    columns,
    primaryKey: stream.primaryKey.map((k) => renames.get(k) ?? k),
    cursorCandidates: stream.cursorCandidates.map((k) => renames.get(k) ?? k),
  };
}

/** Refuses a schema name the destination reserves (a whole connection's problem). */
export function checkSchemaName(schema: string, caps: DestinationCapabilities): void {
  const lower = schema.toLowerCase();
  const reserved = caps.identifiers.reservedSchemaPrefixes.find((p) => lower.startsWith(p));
  if (reserved) {
    throw new ConfigurationError(
      `The destination schema '${schema}' starts with '${reserved}', which the destination reserves: choose another schema name or prefix`,
      "reserved_schema_name",
    );
  }
  if (new TextEncoder().encode(schema).length > caps.identifiers.maxLength) {
    throw new ConfigurationError(
      `The destination schema '${schema}' is longer than the destination's ${caps.identifiers.maxLength}-byte names`,
      "schema_name_too_long",
    );
  }
}

/** The batch as this destination may see it: a range only where safe, a codec only if declared. */
function adapt(batch: UpsertBatch, stream: Stream, caps: DestinationCapabilities): UpsertBatch {
  const rangeSafe =
    batch.range !== undefined &&
    stream.primaryKey.every((key) => {
      const column = stream.columns.find((c) => c.name === key);
      return column !== undefined && caps.replaceRangeKeyTypes.includes(column.type);
    });
  const codecOk = batch.encoded === undefined || caps.codecs.includes(batch.encoded.codec);
  if ((rangeSafe || batch.range === undefined) && codecOk) return batch;
  // `rows` may be a lazy getter (decoded on first use): forward it, never evaluate it here.
  const adapted = {
    kind: batch.kind,
    stream: batch.stream,
    count: batch.count,
    bytes: batch.bytes,
    encoded: codecOk ? batch.encoded : undefined,
    range: rangeSafe ? batch.range : undefined,
    changedAt: batch.changedAt,
    unchanged: batch.unchanged,
  };
  Object.defineProperty(adapted, "rows", { get: () => batch.rows, enumerable: true });
  return adapted as UpsertBatch;
}

export interface SliceInput<C> {
  reader: SourceReader<C>;
  sourceConfig: C;
  writer: DestinationWriter;
  /** The destination schema a stream lands in (engine/naming.ts). */
  schemaOf(stream: Stream): string;
  streams: ConfiguredStream[];
  /** The committed state of every stream, as stored. */
  state: Record<string, StreamState>;
  ctx: ConnectorContext;
  runId: string;
  runStartedAt: Date;
  /** Wall-clock budget of this slice (ms). */
  budgetMs: number;
  /** Upper bound of one batch's values (bytes). One more batch may be buffered ahead. */
  pageBytes: number;
  /**
   * Runs `apply` (the slice's writer migrating `schema`'s tables) serialised per destination
   * when the tables may need DDL (DestinationDO), or at once when they are known to hold
   * these columns already (the writer then only loads them).
   */
  migrate(schema: string, streams: Stream[], apply: () => Promise<void>): Promise<void>;
  /** Commits a stream's state with the stats since the previous commit. */
  commit(stream: string, state: RunnerState, stats: StreamStats): Promise<void>;
  /** Maps a connector's errors onto the engine's classes (source's, then destination's). */
  mapError?(error: unknown): unknown;
  /**
   * Commits at most this often (ms; default 1000): checkpoints in between are held and only
   * the latest per stream is committed, after one flush. 0 commits every checkpoint.
   */
  commitEveryMs?: number;
  /**
   * Transforms in flight (engine/transforms): a stream's prepared transform, whose output is
   * the table the destination holds and which rewrites each upsert batch. TableError: the table
   * is skipped. Absent or undefined: batches go as the source sent them.
   */
  transform?(stream: Stream): Promise<StreamTransform | undefined>;
}

export interface SliceResult {
  /** True when every stream is done (or skipped) for this run. */
  done: boolean;
  stats: StreamStats;
  /** Tables skipped in this slice. */
  warnings: StreamWarning[];
}

type QueueItem = SourceMessage | ChangeCheckpoint | { kind: "end" } | { kind: "error"; error: unknown };

/**
 * How long a slice may hold the thread before it lets other work in (the API, other slices).
 * A source and a destination that answer from memory or from the same process (the sample
 * source, a local D1) resolve every await as a microtask, and no request interleaves with
 * microtasks: without this, `npm start` answered nothing, not even `POST /sync`, for a whole
 * sample sync (12 s for 900,000 rows; with it, a request waits a few of the slice's turns).
 */
const YIELD_EVERY_MS = 50;

/**
 * A turn of the event loop for whatever waits on the thread. A timer, as nothing quicker lets
 * I/O in (a MessageChannel message does not), and timers have a 1 ms floor in workerd: every
 * 10 ms that cost a tenth of a CPU-bound sync, every 50 ms it costs ~2%.
 */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A single-producer queue bounded by the bytes of the batches it holds; it yields the thread every YIELD_EVERY_MS. */
class BatchQueue {
  private readonly items: QueueItem[] = [];
  private bytes = 0;
  private wakeConsumer?: () => void;
  private wakeProducer?: () => void;
  private closed = false;
  private lastYield = Date.now();

  constructor(private readonly limit: number) {}

  /** The consumer gave up: the producer's next push throws, so the source closes. */
  close(): void {
    this.closed = true;
    this.wakeProducer?.();
  }

  async push(message: QueueItem): Promise<void> {
    while (!this.closed && message.kind === "upsert" && this.bytes > 0 && this.bytes + message.bytes > this.limit) {
      await new Promise<void>((resolve) => {
        this.wakeProducer = resolve;
      });
    }
    if (this.closed) throw new Error("consumer closed");
    if (message.kind === "upsert") this.bytes += message.bytes;
    this.items.push(message);
    this.wakeConsumer?.();
  }

  async shift(): Promise<QueueItem> {
    if (Date.now() - this.lastYield >= YIELD_EVERY_MS) {
      // A macrotask boundary: requests waiting on the thread run before the slice goes on.
      await yieldToEventLoop();
      this.lastYield = Date.now();
    }
    while (this.items.length === 0) {
      await new Promise<void>((resolve) => {
        this.wakeConsumer = resolve;
      });
    }
    const item = this.items.shift() as QueueItem;
    if (item.kind === "upsert") this.bytes -= item.bytes;
    this.wakeProducer?.();
    return item;
  }
}

function add(stats: StreamStats, stream: string, rows: number, bytes: number) {
  const entry = stats[stream] ?? { rows: 0, bytes: 0 };
  entry.rows += rows;
  entry.bytes += bytes;
  stats[stream] = entry;
}

const keyOf = (stream: Stream) => `${stream.namespace}.${stream.name}`;

/** The transform of a table this slice writes, if it has one. */
const transformOf = new WeakMap<TableRef, StreamTransform>();

/** The batch as the table's transform makes it (the batch itself without one). */
async function transformBatch(table: TableRef, batch: UpsertBatch): Promise<UpsertBatch> {
  const transform = transformOf.get(table);
  return transform ? transform.apply(batch) : batch;
}

/** Runs one slice. Throws what is not a table's own failure; nothing is committed after it. */
export async function runSlice<C>(input: SliceInput<C>): Promise<SliceResult> {
  const budget = new AbortController();
  const timer = setTimeout(() => budget.abort(), input.budgetMs);
  // The caller's signal (the slice abandoned, or its lease lost) stops the slice as the budget does.
  const stopped = () => budget.abort();
  input.ctx.signal?.addEventListener("abort", stopped, { once: true });
  if (input.ctx.signal?.aborted) budget.abort();
  const total: StreamStats = {};
  const warnings: StreamWarning[] = [];
  const caps = input.writer.capabilities;
  const mapError = (error: unknown) => (error instanceof EngineError ? error : (input.mapError?.(error) ?? error));
  let session: SourceSession | undefined;
  // The source connects while the destination's tables are made ready.
  const opening = input.reader.open(input.sourceConfig, { ...input.ctx, signal: budget.signal });
  opening.catch(() => {}); // surfaces where awaited

  // What this slice committed, over what it was given: later steps read the latest state.
  const committed = new Map<string, StreamState>(Object.entries(input.state));
  const slice: SliceInput<C> = {
    ...input,
    async commit(stream, state, stats) {
      await input.commit(stream, state, stats);
      committed.set(stream, state as unknown as StreamState);
    },
  };
  const changeLog = input.reader.changeLog;
  const capture = changeLog ? input.streams.filter((configured) => configured.mode === "changes") : [];
  const snapshotted = (configured: ConfiguredStream) =>
    runnerState(committed.get(keyOf(configured.stream)))?.changes === true;

  try {
    const pending = input.streams.filter((configured) => {
      const state = runnerState(input.state[keyOf(configured.stream)]);
      if (capture.includes(configured)) return true;
      return !(state?.run === input.runId && (state.done || state.skipped));
    });

    // Destination tables: one migration per schema; on failure, table by table, so one table
    // the destination cannot take fails alone.
    const tables = new Map<string, TableRef>();
    const failed = new Map<string, string>();
    const bySchema = new Map<string, [string, TableRef][]>();
    for (const configured of pending) {
      const key = keyOf(configured.stream);
      const schema = input.schemaOf(configured.stream);
      checkSchemaName(schema, caps);
      try {
        const mode = configured.syncMode ?? "soft_delete";
        const transform = await input.transform?.(configured.stream);
        const ref: TableRef = {
          schema,
          stream: destinationStream(transform?.output ?? configured.stream, caps, mode),
          mode,
        };
        if (transform) transformOf.set(ref, transform);
        tables.set(key, ref);
        bySchema.set(schema, [...(bySchema.get(schema) ?? []), [key, ref]]);
      } catch (error) {
        const mapped = mapError(error);
        if (!(mapped instanceof TableError)) throw mapped;
        failed.set(key, mapped.message);
      }
    }
    const migrate = async (schema: string, entries: [string, TableRef][]) => {
      const streams = entries.map(([, ref]) => ref.stream);
      const modes = entries.map(([, ref]) => ref.mode);
      await input.migrate(schema, streams, () => input.writer.migrate(schema, streams, modes));
    };
    for (const [schema, entries] of bySchema) {
      try {
        await migrate(schema, entries);
      } catch (error) {
        const mapped = mapError(error);
        if (!(mapped instanceof TableError)) throw mapped;
        if (entries.length === 1) failed.set((entries[0] as [string, TableRef])[0], mapped.message);
        else {
          for (const entry of entries) {
            try {
              await migrate(schema, [entry]);
            } catch (single) {
              const one = mapError(single);
              if (!(one instanceof TableError)) throw one;
              failed.set(entry[0], one.message);
            }
          }
        }
      }
    }

    session = await opening;
    if (changeLog && capture.length > 0)
      await startChangeLog(slice, changeLog, capture, committed, warnings, budget.signal);
    for (const configured of pending) {
      if (budget.signal.aborted) break;
      const key = keyOf(configured.stream);
      const stored = runnerState(committed.get(key));
      // A change stream already snapshotted follows the log (below); so does one skipped this run.
      if (
        capture.includes(configured) &&
        (snapshotted(configured) || (stored?.run === input.runId && stored.skipped))
      ) {
        continue;
      }
      const skip = async (message: string) => {
        warnings.push({ code: "table_skipped", stream: key, message });
        input.ctx.log.warn(`skipping table ${key}: ${message}`);
        await slice.commit(key, { ...(stored ?? { v: 2 }), v: 2, run: input.runId, skipped: message }, {});
      };
      const failure = failed.get(key);
      if (failure !== undefined) {
        await skip(failure);
        continue;
      }
      const table = tables.get(key) as TableRef;
      try {
        const finished = await runStream(slice, session, configured, table, stored, budget.signal, total);
        if (!finished) break;
      } catch (error) {
        const mapped = mapError(error);
        if (!(mapped instanceof TableError)) throw mapped;
        // What was committed before the failure stands; the table is tried again next run.
        await skip(mapped.message);
      }
    }
    if (changeLog && capture.length > 0 && !budget.signal.aborted) {
      // Every snapshot of the run is complete (or was skipped): follow the log for the
      // snapshotted streams. One that is not snapshotted would miss what the log moves past,
      // so it starts its snapshot again next run.
      const ready = capture.filter((c) => snapshotted(c) && !failed.has(keyOf(c.stream)));
      for (const configured of capture.filter((c) => !ready.includes(c))) {
        const key = keyOf(configured.stream);
        const stored = runnerState(committed.get(key));
        if (stored?.source !== undefined || stored?.changes) {
          await slice.commit(key, { v: 2, run: input.runId, skipped: stored.skipped ?? failed.get(key) }, {});
        }
      }
      await runChangeLog(slice, session, ready, tables, committed, budget.signal, total, warnings);
      if (!budget.signal.aborted && changeLog.health) {
        const log = runnerState(committed.get(CHANGE_LOG_STATE))?.source;
        for (const w of await changeLog.health(input.sourceConfig, log, { ...input.ctx, signal: budget.signal })) {
          warnings.push({ code: w.code, stream: CHANGE_LOG_STATE, message: w.message });
        }
      }
    }
    return { done: !budget.signal.aborted, stats: total, warnings };
  } finally {
    clearTimeout(timer);
    input.ctx.signal?.removeEventListener("abort", stopped);
    budget.abort();
    if (!session) session = await opening.catch(() => undefined);
    await session?.close().catch(() => {});
  }
}

/** Reads and writes one stream. Returns false when the budget ran out before it was done. */
async function runStream<C>(
  input: SliceInput<C>,
  session: SourceSession,
  configured: ConfiguredStream,
  table: TableRef,
  stored: RunnerState | undefined,
  signal: AbortSignal,
  total: StreamStats,
): Promise<boolean> {
  const key = keyOf(configured.stream);
  const { writer } = input;
  // A full-mode stream finished by an earlier run starts a new snapshot; so does a stream
  // with no state (first run, re-sync). A snapshot in progress resumes where it stopped.
  // Without a cursor a stream is re-read in full, whatever its mode says (protocol.ts).
  const full = configured.mode === "full" || configured.cursorField === undefined;
  const fresh =
    stored?.source === undefined || (full && stored.run !== input.runId && stored.snapshotSince === undefined);
  let runner: RunnerState = {
    v: 2,
    run: input.runId,
    source: fresh ? undefined : stored?.source,
    snapshotSince: fresh ? input.runStartedAt.toISOString() : stored?.snapshotSince,
    snapshotOnEmpty: fresh ? await writer.isEmpty?.(table) : stored?.snapshotOnEmpty,
  };

  const queue = new BatchQueue(input.pageBytes);
  const producer = (async () => {
    try {
      const messages = session.read(configured, runner.source, {
        ...input.ctx,
        signal,
        pageBytes: input.pageBytes,
        runStartedAt: input.runStartedAt,
      });
      for await (const message of messages) await queue.push(message);
      await queue.push({ kind: "end" });
    } catch (error) {
      await queue.push({ kind: "error", error }).catch(() => {});
    }
  })();

  const commitEveryMs = input.commitEveryMs ?? 1000;
  let held: Checkpoint | undefined;
  let sinceCommit: StreamStats = {};
  let lastCommit = Date.now();
  const commitHeld = async () => {
    if (!held) return;
    await writer.flush();
    runner = { ...runner, source: held.state };
    await input.commit(key, runner, sinceCommit);
    held = undefined;
    sinceCommit = {};
    lastCommit = Date.now();
  };

  try {
    for (;;) {
      const message = await queue.shift();
      if (message.kind === "end") break;
      if (message.kind === "error") throw message.error;
      if (message.stream !== key) throw new Error(`the source answered for ${message.stream} while reading ${key}`);
      switch (message.kind) {
        case "upsert": {
          const batch = await transformBatch(table, message);
          const result = await writer.write(table, adapt(batch, table.stream, writer.capabilities), input.runStartedAt);
          add(total, key, result.rows, result.bytes);
          add(sinceCommit, key, result.rows, result.bytes);
          break;
        }
        case "delete":
          if (message.keys.length > 0) {
            await writer.delete(table, message.keys, { syncedAt: input.runStartedAt, changedAt: message.changedAt });
          }
          break;
        case "truncate":
          await writer.truncate(table, undefined, { syncedAt: input.runStartedAt, changedAt: message.changedAt });
          break;
        case "checkpoint":
          held = message;
          if (Date.now() - lastCommit >= commitEveryMs) await commitHeld();
          break;
      }
    }
    await producer;
  } catch (error) {
    queue.close();
    await producer;
    // Everything held was written before the failure: keep it.
    await commitHeld().catch(() => {});
    throw error;
  }
  if (signal.aborted) {
    await commitHeld();
    return false;
  }
  // Done: one commit carries the last checkpoint and the end of the stream.
  if (runner.snapshotSince !== undefined && runner.snapshotOnEmpty !== true) {
    // The snapshot saw every source row: what it did not rewrite is gone at the source (marked
    // deleted, closed or removed as the table's sync mode says; `_fivetran_synced` kept).
    await writer.truncate(table, new Date(runner.snapshotSince), { syncedAt: input.runStartedAt });
  }
  await writer.flush();
  const source = held ? held.state : runner.source;
  const changes = configured.mode === "changes" && input.reader.changeLog !== undefined ? { changes: true } : {};
  await input.commit(key, { v: 2, run: input.runId, source, done: true, ...changes }, sinceCommit);
  return true;
}

// ---------------------------------------------------------------------------------------
// Change capture: kept apart from the snapshot path above.

/**
 * Makes sure the source's log is retained before any snapshot (ChangeLog.start) and commits its
 * state under `$changes`. A lost log clears every change stream's state: they snapshot again.
 */
async function startChangeLog<C>(
  input: SliceInput<C>,
  changeLog: NonNullable<SourceReader<C>["changeLog"]>,
  capture: ConfiguredStream[],
  committed: Map<string, StreamState>,
  warnings: StreamWarning[],
  signal: AbortSignal,
): Promise<void> {
  const stored = runnerState(committed.get(CHANGE_LOG_STATE));
  const started = await changeLog.start(input.sourceConfig, stored?.source, { ...input.ctx, signal });
  for (const w of started.warnings) {
    warnings.push({ code: w.code, stream: CHANGE_LOG_STATE, message: w.message });
    input.ctx.log.warn(`change log: ${w.message}`);
  }
  if (started.resnapshot) {
    for (const configured of capture) {
      const key = keyOf(configured.stream);
      if (committed.has(key)) await input.commit(key, { v: 2, run: "" }, {});
    }
  }
  if (JSON.stringify(started.state) !== JSON.stringify(stored?.source)) {
    await input.commit(CHANGE_LOG_STATE, { v: 2, run: input.runId, source: started.state }, {});
  }
}

/**
 * Reads the change log for the snapshotted streams and applies it in order. Each
 * ChangeCheckpoint is committed after the destination flushed everything before it, and only
 * then acknowledged to the source. A stream checkpoint from `changes` (its snapshot filter
 * changed) is committed in place. A table that fails permanently stops receiving changes and
 * snapshots again next run (its changes from here on are not kept by the log).
 */
async function runChangeLog<C>(
  input: SliceInput<C>,
  session: SourceSession,
  streams: ConfiguredStream[],
  tables: Map<string, TableRef>,
  committed: Map<string, StreamState>,
  signal: AbortSignal,
  total: StreamStats,
  warnings: StreamWarning[],
): Promise<void> {
  if (!session.changes) throw new Error("the source has a change log but its session cannot read it");
  const log = runnerState(committed.get(CHANGE_LOG_STATE))?.source;
  if (!log) throw new Error("the change log has no state: ChangeLog.start did not run");
  const { writer } = input;
  const caps = writer.capabilities;
  const entries = streams.map((configured) => ({
    configured,
    state: runnerState(committed.get(keyOf(configured.stream)))?.source,
  }));
  // Aborted with the slice, or when applying fails (a source waiting for an acknowledgement
  // that will not come then returns).
  const reading = new AbortController();
  const stop = () => reading.abort();
  signal.addEventListener("abort", stop, { once: true });
  if (signal.aborted) reading.abort();
  const changes = session.changes(entries, log, {
    ...input.ctx,
    signal: reading.signal,
    pageBytes: input.pageBytes,
    runStartedAt: input.runStartedAt,
  });
  const queue = new BatchQueue(input.pageBytes);
  const producer = (async () => {
    try {
      for await (const message of changes) await queue.push(message);
      await queue.push({ kind: "end" });
    } catch (error) {
      await queue.push({ kind: "error", error }).catch(() => {});
    }
  })();
  const mapError = (error: unknown) => (error instanceof EngineError ? error : (input.mapError?.(error) ?? error));
  const dropped = new Set<string>();
  let sinceCommit: StreamStats = {};
  const drop = async (key: string, message: string) => {
    dropped.add(key);
    warnings.push({ code: "table_skipped", stream: key, message });
    input.ctx.log.warn(`skipping table ${key}: ${message}`);
    await writer.flush();
    await input.commit(key, { v: 2, run: input.runId, skipped: message }, {});
  };
  try {
    for (;;) {
      const message = await queue.shift();
      if (message.kind === "end") break;
      if (message.kind === "error") throw message.error;
      if (message.kind === "checkpoint" && message.stream === CHANGE_LOG_STATE) {
        await writer.flush();
        await input.commit(CHANGE_LOG_STATE, { v: 2, run: input.runId, source: message.state }, sinceCommit);
        sinceCommit = {};
        await session.acknowledge?.(message.state);
        continue;
      }
      if (dropped.has(message.stream)) continue;
      const table = tables.get(message.stream);
      if (!table || !streams.some((c) => keyOf(c.stream) === message.stream)) {
        throw new Error(`the change log answered for ${message.stream}, which is not followed`);
      }
      try {
        switch (message.kind) {
          case "upsert": {
            if (message.unchanged?.some((u) => u && u.length > 0) && caps.unchangedValues !== true) {
              throw new TableError(
                "the destination cannot keep values the source did not resend (PostgreSQL's unchanged TOASTed values): the table is re-synced next run",
              );
            }
            const batch = await transformBatch(table, message);
            const result = await writer.write(table, adapt(batch, table.stream, caps), input.runStartedAt);
            add(total, message.stream, result.rows, result.bytes);
            add(sinceCommit, message.stream, result.rows, result.bytes);
            break;
          }
          case "delete":
            if (message.keys.length > 0) {
              await writer.delete(table, message.keys, { syncedAt: input.runStartedAt, changedAt: message.changedAt });
            }
            break;
          case "truncate":
            await writer.truncate(table, undefined, { syncedAt: input.runStartedAt, changedAt: message.changedAt });
            break;
          case "checkpoint": {
            await writer.flush();
            const stored = runnerState(committed.get(message.stream));
            await input.commit(
              message.stream,
              { ...(stored ?? { v: 2 }), v: 2, run: input.runId, source: message.state, changes: true },
              {},
            );
            break;
          }
        }
      } catch (error) {
        const mapped = mapError(error);
        if (!(mapped instanceof TableError)) throw mapped;
        await drop(message.stream, mapped.message);
      }
    }
    await producer;
  } catch (error) {
    reading.abort();
    queue.close();
    await producer;
    throw error;
  } finally {
    signal.removeEventListener("abort", stop);
  }
}

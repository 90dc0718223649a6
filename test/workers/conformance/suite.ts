/**
 * Connector conformance: the checks every source and every destination passes, after
 * Airbyte's connector acceptance tests. A connector joins by adding one line to
 * sources.test.ts or destinations.test.ts with a fixture that knows how to build its data.
 *
 * - Source checks read into {@link MemoryDestination}, a reference destination that keeps
 *   typed rows by primary key, declares no codec (so the runner hands it the source's typed
 *   rows) and accepts range replacement for int/long keys only; it refuses values that do not
 *   have their column's protocol type, so every source check also checks the values' types.
 * - Destination checks write from {@link MemorySource}, a reference source serving typed rows
 *   with checkpoints per page, incremental reads on a cursor and, on request, deletes and
 *   truncates; the fixture reads the table back as typed values.
 *
 * A check a connector cannot run is declared by its fixture with the reason and shows up as
 * skipped (`it.skip`), never silently absent.
 */
import { describe, expect, it } from "vitest";
import { TableError } from "../../../src/engine/errors";
import {
  CHANGE_LOG_STATE,
  type Column,
  type ConfiguredStream,
  type ConnectorContext,
  type DeleteTimes,
  type DestinationCapabilities,
  type DestinationWriter,
  type Discovery,
  type ReadContext,
  type Row,
  type SourceMessage,
  type SourceReader,
  type Stream,
  type StreamState,
  type SyncMode,
  type TableRef,
  type UpsertBatch,
  type Value,
} from "../../../src/engine/protocol";
import type { StreamStats } from "../../../src/engine/runner";
import { valueBytes } from "../../../src/engine/toolkit/pg-values";
import { keyHash } from "../../../src/engine/usage";
import { type RunOptions, runToCompletion, testContext } from "../engine/harness";

/** Rows per stream (`namespace.name`), values in the stream's column order. */
export type Dataset = Record<string, Row[]>;

/** A simulated crash. */
export class Crash extends Error {}

// ---------------------------------------------------------------------------------------
// Values.

const HEX = "0123456789abcdef";

export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += (HEX[b >> 4] as string) + (HEX[b & 15] as string);
  return out;
}

export function fromHex(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** A value as text that tells every value (and its JS type) apart: keys of maps. */
function valueKey(value: Value): string {
  if (value === null) return "null";
  if (typeof value === "bigint") return `${value}n`;
  if (value instanceof Uint8Array) return `x${toHex(value)}`;
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  return JSON.stringify(value);
}

/** Orders values: NULL first, numbers numerically (int and long alike), text by code units. */
export function compareValues(a: Value, b: Value): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  const numeric = (v: Value) => typeof v === "number" || typeof v === "bigint";
  if (numeric(a) && numeric(b)) return a < b ? -1 : a > b ? 1 : 0;
  const x = typeof a === "string" ? a : valueKey(a);
  const y = typeof b === "string" ? b : valueKey(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function compareRows(a: Row, b: Row): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const c = compareValues(a[i] ?? null, b[i] ?? null);
    if (c !== 0) return c;
  }
  return 0;
}

/** Positions of the primary key in a row; every column when there is none. */
export function keyIndexes(stream: Stream): number[] {
  return stream.primaryKey.length > 0
    ? stream.primaryKey.map((name) => stream.columns.findIndex((c) => c.name === name))
    : stream.columns.map((_, i) => i);
}

const pick = (row: Row, indexes: number[]): Row => indexes.map((i) => row[i] ?? null);
const rowKey = (row: Row, indexes: number[]) => JSON.stringify(pick(row, indexes).map(valueKey));

/** Rows sorted by primary key (by every column without one). */
export function sortRows(stream: Stream, rows: Row[]): Row[] {
  const indexes = keyIndexes(stream);
  return [...rows].sort((a, b) => compareRows(pick(a, indexes), pick(b, indexes)) || compareRows(a, b));
}

const TIMESTAMP = /^\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/;
const TIMESTAMPTZ = /^\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;
/** What RFC 3339 cannot express keeps the source's text (protocol.ts). */
const UNEXPRESSIBLE = /^-?infinity$|BC$/;

/** Why `value` is not a protocol value of `column` (protocol.ts `Value`), or undefined. */
export function valueProblem(column: Column, value: Value): string | undefined {
  if (value === null) return column.nullable ? undefined : "NULL in a NOT NULL column";
  const bad = (what: string) => `${what} expected for ${column.type}, got ${typeof value} ${valueKey(value)}`;
  switch (column.type) {
    case "boolean":
      return typeof value === "boolean" ? undefined : bad("boolean");
    case "int":
      return typeof value === "number" && Number.isInteger(value) ? undefined : bad("an integer number");
    case "long":
      return typeof value === "bigint" ? undefined : bad("bigint");
    case "float":
      return typeof value === "number" ? undefined : bad("number");
    case "decimal":
      return typeof value === "string" && /^(-?\d+(\.\d+)?|NaN|-?Infinity)$/.test(value) ? undefined : bad("digits");
    case "uuid":
      return typeof value === "string" && /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/.test(value)
        ? undefined
        : bad("a lowercase uuid");
    case "date":
      return typeof value === "string" && (/^\d{4,}-\d\d-\d\d$/.test(value) || UNEXPRESSIBLE.test(value))
        ? undefined
        : bad("YYYY-MM-DD");
    case "time":
      return typeof value === "string" && /^\d\d:\d\d:\d\d(\.\d{1,6})?([+-]\d\d(:\d\d)?)?$/.test(value)
        ? undefined
        : bad("HH:MM:SS[.ffffff]");
    case "timestamp":
      return typeof value === "string" && (TIMESTAMP.test(value) || UNEXPRESSIBLE.test(value))
        ? undefined
        : bad("YYYY-MM-DDTHH:MM:SS.ffffff");
    case "timestamptz":
      return typeof value === "string" && (TIMESTAMPTZ.test(value) || UNEXPRESSIBLE.test(value))
        ? undefined
        : bad("YYYY-MM-DDTHH:MM:SS.ffffffZ");
    case "json":
    case "array": {
      if (typeof value !== "string") return bad("JSON text");
      try {
        const parsed: unknown = JSON.parse(value);
        return column.type === "array" && !Array.isArray(parsed) ? bad("a JSON array") : undefined;
      } catch {
        return bad("valid JSON text");
      }
    }
    case "binary":
      return value instanceof Uint8Array ? undefined : bad("Uint8Array");
    default:
      return typeof value === "string" ? undefined : bad("string");
  }
}

/** Protocol values as JSON (for states): bigint, bytes and non-finite numbers tagged. */
type Json = null | boolean | number | string | { n: string } | { x: string } | { f: string };

function toJson(value: Value): Json {
  if (typeof value === "bigint") return { n: value.toString() };
  if (value instanceof Uint8Array) return { x: toHex(value) };
  if (typeof value === "number" && !Number.isFinite(value)) return { f: String(value) };
  return value;
}

function fromJson(json: Json): Value {
  if (json !== null && typeof json === "object") {
    if ("n" in json) return BigInt(json.n);
    if ("x" in json) return fromHex(json.x);
    return Number(json.f);
  }
  return json;
}

// ---------------------------------------------------------------------------------------
// The reference destination.

/**
 * A row as a destination holds it: its values, its `_fivetran_synced` (epoch ms) and, where the
 * table's sync mode keeps them, its system columns (`_fivetran_deleted`; history's
 * `_fivetran_start`/`_fivetran_end` in epoch ms and `_fivetran_active`).
 */
export interface StoredRow {
  row: Row;
  synced: number;
  deleted?: boolean;
  start?: number;
  end?: number;
  active?: boolean;
}

interface MemoryTable {
  stream: Stream;
  rows: Map<string, StoredRow>;
}

/** What the reference destination declares: range replacement for int/long keys, no codec. */
export const MEMORY_CAPABILITIES: DestinationCapabilities = {
  identifiers: { maxLength: 63, caseInsensitive: false, reservedSchemaPrefixes: [] },
  codecs: [],
  replaceRangeKeyTypes: ["int", "long"],
  deletes: true,
  transactions: true,
  syncModes: ["soft_delete", "live"],
};

/** Called around a writer's operations; throw to crash, await to change the source meanwhile. */
export interface WriterHooks {
  beforeWrite?(table: string, batch: UpsertBatch): Promise<void> | void;
  afterWrite?(table: string, batch: UpsertBatch): Promise<void> | void;
}

/**
 * An in-memory destination: tables `schema.name` of rows keyed by primary key (by the whole
 * row without one), supporting write (upsert, range replacement), delete and truncate(before).
 * It refuses what the runner must never hand it: an encoded batch (no codec declared), a
 * range over key types it did not accept, values that are not their column's protocol type.
 */
export class MemoryDestination {
  readonly tables = new Map<string, MemoryTable>();
  /** write() calls, replays included. */
  writes = 0;

  writer(hooks: WriterHooks = {}): DestinationWriter {
    return new MemoryWriter(this, hooks);
  }

  /** The current rows of `schema.name` (not those marked deleted), sorted by key (empty when the table does not exist). */
  rows(table: string): Row[] {
    const t = this.tables.get(table);
    return t
      ? sortRows(
          t.stream,
          [...t.rows.values()].filter((r) => !r.deleted).map((r) => r.row),
        )
      : [];
  }

  /** Every table's rows, sorted by key. */
  dataset(): Dataset {
    return Object.fromEntries([...this.tables.keys()].sort().map((name) => [name, this.rows(name)]));
  }

  /** Rows with their `_fivetran_synced`, sorted by key. */
  stored(): Record<string, StoredRow[]> {
    return Object.fromEntries(
      [...this.tables.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([name, t]) => {
          const indexes = keyIndexes(t.stream);
          const rows = [...t.rows.values()].sort((a, b) => compareRows(pick(a.row, indexes), pick(b.row, indexes)));
          return [name, rows];
        }),
    );
  }
}

class MemoryWriter implements DestinationWriter {
  readonly capabilities = MEMORY_CAPABILITIES;

  constructor(
    private readonly store: MemoryDestination,
    private readonly hooks: WriterHooks,
  ) {}

  private table(ref: TableRef): MemoryTable {
    const table = this.store.tables.get(`${ref.schema}.${ref.stream.name}`);
    if (!table) throw new Error(`migrate was not called for ${ref.schema}.${ref.stream.name}`);
    return table;
  }

  async migrate(schema: string, streams: Stream[]): Promise<void> {
    for (const stream of streams) {
      const name = `${schema}.${stream.name}`;
      const existing = this.store.tables.get(name);
      if (!existing) {
        this.store.tables.set(name, { stream, rows: new Map() });
        continue;
      }
      // Rows already there keep their values by column name; columns that appeared are NULL.
      const from = stream.columns.map((c) => existing.stream.columns.findIndex((e) => e.name === c.name));
      for (const stored of existing.rows.values())
        stored.row = from.map((i) => (i < 0 ? null : (stored.row[i] ?? null)));
      existing.stream = stream;
    }
  }

  async write(ref: TableRef, batch: UpsertBatch, syncedAt: Date): Promise<{ rows: number; bytes: number }> {
    const name = `${ref.schema}.${ref.stream.name}`;
    await this.hooks.beforeWrite?.(name, batch);
    const table = this.table(ref);
    const { stream } = ref;
    if (batch.encoded !== undefined) {
      throw new Error(`${name}: the runner handed a ${batch.encoded.codec} batch to a destination without that codec`);
    }
    const rows = batch.rows;
    if (rows.length !== batch.count) throw new Error(`${name}: batch.count ${batch.count} but ${rows.length} rows`);
    const indexes = keyIndexes(stream);
    for (const row of rows) {
      if (row.length !== stream.columns.length) {
        throw new Error(`${name}: a row has ${row.length} values for ${stream.columns.length} columns`);
      }
      stream.columns.forEach((column, i) => {
        const problem = valueProblem(column, row[i] ?? null);
        if (problem) throw new Error(`${name}.${column.name}: ${problem}`);
      });
    }
    const soft = (ref.mode ?? "soft_delete") === "soft_delete";
    const removed = new Map<string, StoredRow>();
    if (batch.range) {
      const unsafe = stream.primaryKey.find((key) => {
        const column = stream.columns.find((c) => c.name === key);
        return !column || !this.capabilities.replaceRangeKeyTypes.includes(column.type);
      });
      if (unsafe !== undefined || stream.primaryKey.length === 0) {
        throw new Error(`${name}: the runner handed a key range over '${unsafe}', a type this destination refused`);
      }
      const { after, through } = batch.range;
      for (const [k, stored] of table.rows) {
        const key = pick(stored.row, indexes);
        if ((after === null || compareRows(key, after) > 0) && compareRows(key, through) <= 0) {
          table.rows.delete(k);
          if (soft) removed.set(k, stored);
        }
      }
    }
    for (const row of rows) {
      const k = rowKey(row, indexes);
      removed.delete(k);
      table.rows.set(k, { row: [...row], synced: syncedAt.getTime(), ...(soft ? { deleted: false } : {}) });
    }
    if (soft) for (const [k, stored] of removed) table.rows.set(k, { ...stored, deleted: true });
    this.store.writes++;
    await this.hooks.afterWrite?.(name, batch);
    return { rows: rows.length, bytes: batch.bytes };
  }

  async delete(ref: TableRef, keys: Row[], at?: DeleteTimes): Promise<number> {
    const table = this.table(ref);
    if (ref.stream.primaryKey.length === 0) throw new Error("delete on a table without a primary key");
    const soft = (ref.mode ?? "soft_delete") === "soft_delete";
    let deleted = 0;
    for (const key of keys) {
      const k = JSON.stringify(key.map(valueKey));
      const stored = table.rows.get(k);
      if (!stored || stored.deleted) continue;
      if (soft) table.rows.set(k, { ...stored, deleted: true, synced: (at?.syncedAt ?? new Date()).getTime() });
      else table.rows.delete(k);
      deleted++;
    }
    return deleted;
  }

  async truncate(ref: TableRef, before?: Date): Promise<number> {
    const table = this.table(ref);
    const soft = (ref.mode ?? "soft_delete") === "soft_delete";
    let deleted = 0;
    for (const [k, stored] of table.rows) {
      if (stored.deleted) continue;
      if (before === undefined || stored.synced < before.getTime()) {
        if (soft) table.rows.set(k, { ...stored, deleted: true });
        else table.rows.delete(k);
        deleted++;
      }
    }
    return deleted;
  }

  async isEmpty(ref: TableRef): Promise<boolean> {
    return this.table(ref).rows.size === 0;
  }

  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}

// ---------------------------------------------------------------------------------------
// The reference source.

export interface MemorySourceConfig {
  /** Rows per page (each page is followed by a checkpoint). */
  pageRows: number;
}

interface SourceTable {
  stream: Stream;
  rows: Map<string, Row>;
}

type MemoryState =
  | { phase: "snapshot"; after: Json[] | null; startCursor: Json; seq: number }
  | { phase: "incremental"; cursor: Json; seq: number; signpost?: Json; position?: Json[] | null }
  | { phase: "done"; seq: number };

/**
 * An in-memory source serving given typed rows. A read from no state is a snapshot in key
 * order, one page of `pageRows` rows per checkpoint, each page with its key range; then, with
 * a cursor, incremental passes read (cursor > last signpost, ≤ this pass's signpost) in
 * (cursor, key) order. Deletes and truncates made with `emit` are sent as `delete`/`truncate`
 * messages at the start of the next incremental pass (like change data capture).
 */
export class MemorySource implements SourceReader<MemorySourceConfig> {
  private readonly tables = new Map<string, SourceTable>();
  private readonly events: { seq: number; message: SourceMessage }[] = [];
  private seq = 0;

  constructor(streams: Stream[]) {
    for (const stream of streams) this.tables.set(`${stream.namespace}.${stream.name}`, { stream, rows: new Map() });
  }

  private get(stream: string): SourceTable {
    const table = this.tables.get(stream);
    if (!table) throw new Error(`no stream ${stream}`);
    return table;
  }

  /** Inserts or replaces rows (by key). */
  put(stream: string, rows: Row[]): this {
    const table = this.get(stream);
    const indexes = keyIndexes(table.stream);
    for (const row of rows) table.rows.set(rowKey(row, indexes), [...row]);
    return this;
  }

  /** Deletes rows by key; `emit`: tell the next incremental pass (else only a snapshot notices). */
  remove(stream: string, keys: Row[], emit: boolean): this {
    const table = this.get(stream);
    for (const key of keys) table.rows.delete(JSON.stringify(key.map(valueKey)));
    if (emit) this.events.push({ seq: ++this.seq, message: { kind: "delete", stream, keys } });
    return this;
  }

  /** Deletes every row; `emit`: send a truncate on the next incremental pass. */
  clear(stream: string, emit: boolean): this {
    this.get(stream).rows.clear();
    if (emit) this.events.push({ seq: ++this.seq, message: { kind: "truncate", stream } });
    return this;
  }

  /** The rows of a stream, sorted by key. */
  rows(stream: string): Row[] {
    const table = this.get(stream);
    return sortRows(table.stream, [...table.rows.values()]);
  }

  async discover(): Promise<Discovery> {
    return { streams: [...this.tables.values()].map((t) => t.stream), warnings: [] };
  }

  async open(config: MemorySourceConfig) {
    return {
      read: (configured: ConfiguredStream, state: StreamState | undefined, ctx: ReadContext) =>
        this.read(config, configured, state as MemoryState | undefined, ctx),
      close: async () => {},
    };
  }

  private async *read(
    config: MemorySourceConfig,
    configured: ConfiguredStream,
    previous: MemoryState | undefined,
    ctx: ReadContext,
  ): AsyncGenerator<SourceMessage> {
    const { stream } = configured;
    const key = `${stream.namespace}.${stream.name}`;
    const table = this.get(key);
    const keys = keyIndexes(stream);
    const cursor =
      configured.mode === "incremental" && configured.cursorField
        ? stream.columns.findIndex((c) => c.name === configured.cursorField)
        : -1;
    const maxCursor = () =>
      toJson(
        [...table.rows.values()].reduce<Value>(
          (m, r) => (compareValues(r[cursor] ?? null, m) > 0 ? (r[cursor] ?? null) : m),
          null,
        ),
      );
    const batch = (rows: Row[], range?: UpsertBatch["range"]): UpsertBatch => ({
      kind: "upsert",
      stream: key,
      rows: rows.map((r) => [...r]),
      count: rows.length,
      bytes: rows.reduce((sum, r) => sum + r.reduce<number>((s, v) => s + valueBytes(v), 0), 0),
      range,
    });
    const checkpoint = (state: MemoryState): SourceMessage => ({
      kind: "checkpoint",
      stream: key,
      state: structuredClone(state) as unknown as StreamState,
    });

    let state = previous;
    if (state?.phase === "done") return;
    if (state?.phase === "incremental" && cursor < 0) state = undefined;
    if (!state) {
      state = { phase: "snapshot", after: null, startCursor: cursor >= 0 ? maxCursor() : null, seq: this.seq };
      yield checkpoint(state);
    }
    if (state.phase === "snapshot") {
      while (!ctx.signal.aborted) {
        const after = state.after ? state.after.map(fromJson) : null;
        const page = sortRows(stream, [...table.rows.values()])
          .filter((row) => after === null || compareRows(pick(row, keys), after) > 0)
          .slice(0, config.pageRows);
        if (page.length === 0) break;
        const through = pick(page[page.length - 1] as Row, keys);
        yield batch(page, stream.primaryKey.length > 0 ? { after, through } : undefined);
        state = { ...state, after: through.map(toJson) };
        yield checkpoint(state);
        if (page.length < config.pageRows) break;
      }
      if (ctx.signal.aborted) return;
      state =
        cursor >= 0
          ? { phase: "incremental", cursor: state.startCursor, seq: state.seq }
          : { phase: "done", seq: state.seq };
      yield checkpoint(state);
      return;
    }
    if (state.phase !== "incremental") return;
    const seen = state.seq;
    const pending = this.events.filter((e) => e.seq > seen && e.message.stream === key);
    for (const event of pending) yield structuredClone(event.message);
    if (pending.length > 0) {
      state = { ...state, seq: (pending[pending.length - 1] as { seq: number }).seq };
      yield checkpoint(state);
    }
    if (state.signpost === undefined) {
      state = { ...state, signpost: maxCursor(), position: null };
      yield checkpoint(state);
    }
    const lower = fromJson(state.cursor);
    const signpost = fromJson(state.signpost ?? null);
    const order = (row: Row): Row => [row[cursor] ?? null, ...pick(row, keys)];
    while (signpost !== null && !ctx.signal.aborted) {
      const position: Row | null = state.position ? state.position.map(fromJson) : null;
      const page: Row[] = [...table.rows.values()]
        .filter((row): boolean => {
          const c = row[cursor] ?? null;
          if (c === null || compareValues(c, signpost) > 0) return false;
          if (lower !== null && compareValues(c, lower) <= 0) return false;
          return position === null || compareRows(order(row), position) > 0;
        })
        .sort((a, b) => compareRows(order(a), order(b)))
        .slice(0, config.pageRows);
      if (page.length === 0) break;
      yield batch(page);
      state = { ...state, position: order(page[page.length - 1] as Row).map(toJson) };
      yield checkpoint(state);
      if (page.length < config.pageRows) break;
    }
    if (ctx.signal.aborted) return;
    yield checkpoint({ phase: "incremental", cursor: state.signpost ?? state.cursor, seq: state.seq });
  }
}

// ---------------------------------------------------------------------------------------
// Shared helpers.

/** Incremental on the best cursor candidate; full re-reads for streams without one. */
export function configureStreams(discovered: Discovery | Stream[], lookbackMs = 0): ConfiguredStream[] {
  const streams = Array.isArray(discovered) ? discovered : discovered.streams;
  return streams.map((stream) =>
    stream.cursorCandidates[0]
      ? { stream, mode: "incremental", cursorField: stream.cursorCandidates[0], lookbackMs }
      : { stream, mode: "full", lookbackMs },
  );
}

/** Rows written per configured stream (0 when none). */
function rowsWritten(streams: ConfiguredStream[], stats: StreamStats): Record<string, number> {
  return Object.fromEntries(
    streams.map(({ stream }) => {
      const key = `${stream.namespace}.${stream.name}`;
      return [key, stats[key]?.rows ?? 0];
    }),
  );
}

/** Sorts every stream of a dataset by key, with the streams' definitions. */
function sortDataset(streams: ConfiguredStream[], dataset: Dataset): Dataset {
  const out: Dataset = {};
  for (const name of Object.keys(dataset).sort()) {
    const configured = streams.find(({ stream }) => `${stream.namespace}.${stream.name}` === name);
    if (!configured) throw new Error(`the fixture's dataset names ${name}, which discovery did not find`);
    out[name] = sortRows(configured.stream, dataset[name] ?? []);
  }
  return out;
}

/** Monotonic run start times, a minute apart. */
function clock(): () => Date {
  let t = Date.UTC(2031, 0, 1);
  return () => {
    t += 60_000;
    return new Date(t);
  };
}

// ---------------------------------------------------------------------------------------
// Source conformance.

/** The source checks, by id (fixtures name them to skip one or to mark a known bug). */
export type SourceCheck =
  | "discover"
  | "full"
  | "resume"
  | "crash"
  | "incremental"
  | "signpost"
  | "resync"
  | "types"
  | "changelog";

export interface SourceFixture<C> {
  reader: SourceReader<C>;
  /** Builds the source holding its base dataset (before every check) and returns its config. */
  setup(): Promise<C>;
  /**
   * What a destination must hold after `reads` complete runs — the first from no state — on
   * the source as it is now. A source whose data is a function of the reads (sample) uses
   * `reads`; one holding data (postgres) returns its current rows.
   */
  expected(config: C, reads: number): Promise<Dataset>;
  /** Page budget for the checks: small, so that every stream takes several pages. */
  pageBytes: number;
  /**
   * Inserts and updates rows (no deletes) after `reads` complete runs; returns how many rows
   * the next incremental run must write per stream (full-mode streams: all their rows).
   */
  change(config: C, reads: number): Promise<Record<string, number>>;
  /**
   * Changes a row of `stream` while a pass is reading it (after the pass took its signpost);
   * the next pass must write `rows` per stream.
   */
  duringPass?: { stream: string; apply(config: C): Promise<void>; rows: Record<string, number> };
  /**
   * Change capture (a config whose reader's changeLog is enabled): inserts, updates, deletes
   * and a truncate at the source, each of which only the log can deliver without a re-sync.
   */
  logChanges?(config: C): Promise<void>;
  /** Deletes rows at the source, its highest keys among them. */
  deleteRows?(config: C): Promise<void>;
  /** A source holding rows of every type it maps, and the typed values a read must deliver. */
  typed?(): Promise<{ config: C; expected: Dataset }>;
  /** The connector context reads run with (default: testContext()): a fake vendor's fetch, say. */
  context?(): ConnectorContext;
  /**
   * The start times of a check's runs, one call per run (default: a minute apart from
   * 2031-01-01): a source whose fake keeps its own clock starts runs on it, so a run's
   * signpost and the fake's changes agree.
   */
  runClock?(): () => Date;
  /** Checks this source cannot run, each with the reason (listed as skipped). */
  unsupported?: Partial<Record<SourceCheck, string>>;
  /**
   * Checks that fail because of a bug in the connector, each with its description: they run as
   * `it.fails`, so fixing the bug makes them fail until the entry is removed.
   */
  knownBugs?: Partial<Record<SourceCheck, string>>;
}

/** Registers the source checks for one connector. */
export function sourceConformance<C>(name: string, fixture: SourceFixture<C>): void {
  describe(`source conformance: ${name}`, () => {
    const check = (title: string, id: SourceCheck, body: () => Promise<void>, timeout = 30_000) => {
      const reason = fixture.unsupported?.[id];
      const bug = fixture.knownBugs?.[id];
      if (reason !== undefined) it.skip(`${title} [skipped for ${name}: ${reason}]`, () => {});
      else if (bug !== undefined) it.fails(`${title} [known bug in ${name}: ${bug}]`, body, timeout);
      else it(title, body, timeout);
    };
    const context = () => fixture.context?.() ?? testContext();
    const discover = (config: C) => fixture.reader.discover(config, context());
    const run = (
      config: C,
      destination: MemoryDestination,
      options: Partial<RunOptions<C>> & Pick<RunOptions<C>, "streams" | "state" | "runId">,
      hooks: WriterHooks = {},
    ) =>
      runToCompletion({
        reader: fixture.reader,
        config,
        openWriter: async () => destination.writer(hooks),
        schema: "unused",
        schemaOf: (stream) => stream.namespace,
        pageBytes: fixture.pageBytes,
        ctx: context(),
        ...options,
      });
    const expected = async (config: C, streams: ConfiguredStream[], reads: number) =>
      sortDataset(streams, await fixture.expected(config, reads));
    /** As jobs.configureStreams: keyed tables follow the change log when the config enables it. */
    const configureFor = (config: C, discovered: Discovery): ConfiguredStream[] =>
      configureStreams(discovered).map((c) =>
        fixture.reader.changeLog?.enabled(config) && c.stream.primaryKey.length > 0
          ? { stream: c.stream, mode: "changes", lookbackMs: 0 }
          : c,
      );

    check("discover is stable: two discoveries are deep-equal", "discover", async () => {
      const config = await fixture.setup();
      const first = await discover(config);
      const second = await discover(config);
      expect(second).toEqual(first);
      expect(first.streams.length).toBeGreaterThan(0);
      expect(first.warnings).toEqual([]);
      for (const stream of first.streams) {
        const names = stream.columns.map((c) => c.name);
        expect(names, `${stream.namespace}.${stream.name}`).toEqual(expect.arrayContaining(stream.primaryKey));
        expect(names, `${stream.namespace}.${stream.name}`).toEqual(expect.arrayContaining(stream.cursorCandidates));
      }
    });

    check("a full read lands exactly the dataset, every row written once", "full", async () => {
      const config = await fixture.setup();
      const streams = configureFor(config, await discover(config));
      const destination = new MemoryDestination();
      const result = await run(config, destination, { streams, state: {}, runId: "full" });
      const want = await expected(config, streams, 1);
      expect(destination.dataset()).toEqual(want);
      expect(rowsWritten(streams, result.stats)).toEqual(
        Object.fromEntries(Object.entries(want).map(([k, rows]) => [k, rows.length])),
      );
      expect(result.warnings).toEqual([]);
    });

    check(
      "resuming from every checkpoint ends equal to one clean run",
      "resume",
      async () => {
        const config = await fixture.setup();
        const streams = configureFor(config, await discover(config));
        const startedAt = new Date(Date.UTC(2031, 0, 1));
        const clean = new MemoryDestination();
        const reference = await run(config, clean, { streams, state: {}, runId: "clean", runStartedAt: startedAt });
        expect(clean.dataset()).toEqual(await expected(config, streams, 1));
        expect(reference.commits, "too few checkpoints to test resuming: lower pageBytes").toBeGreaterThan(3);
        for (let stopAt = 1; stopAt <= reference.commits; stopAt++) {
          const destination = new MemoryDestination();
          const state: Record<string, StreamState> = {};
          const options = { streams, state, runId: `stop-${stopAt}`, runStartedAt: startedAt };
          await expect(
            run(config, destination, {
              ...options,
              afterCommit: (count) => {
                if (count === stopAt) throw new Crash(`stopped after commit ${count}`);
              },
            }),
          ).rejects.toThrow(Crash);
          await run(config, destination, options);
          expect(destination.stored(), `stopped after commit ${stopAt}`).toEqual(clean.stored());
        }
      },
      60_000,
    );

    check(
      "a crash between a write and its checkpoint loses nothing on resume",
      "crash",
      async () => {
        const config = await fixture.setup();
        const streams = configureFor(config, await discover(config));
        const startedAt = new Date(Date.UTC(2031, 0, 1));
        const clean = new MemoryDestination();
        await run(config, clean, { streams, state: {}, runId: "clean", runStartedAt: startedAt });
        expect(clean.writes).toBeGreaterThan(1);
        for (let crashAt = 1; crashAt <= clean.writes; crashAt++) {
          const destination = new MemoryDestination();
          const state: Record<string, StreamState> = {};
          const options = { streams, state, runId: `crash-${crashAt}`, runStartedAt: startedAt };
          let writes = 0;
          // The write is applied, then the process dies before the checkpoint after it commits.
          const crashing: WriterHooks = {
            afterWrite: () => {
              if (++writes === crashAt) throw new Crash(`crash after write ${writes}`);
            },
          };
          await expect(run(config, destination, options, crashing)).rejects.toThrow(Crash);
          await run(config, destination, options);
          expect(destination.stored(), `crash after write ${crashAt}`).toEqual(clean.stored());
        }
      },
      60_000,
    );

    check("an incremental read after changes writes only what changed", "incremental", async () => {
      const config = await fixture.setup();
      const streams = configureFor(config, await discover(config));
      const at = fixture.runClock?.() ?? clock();
      const destination = new MemoryDestination();
      const state: Record<string, StreamState> = {};
      await run(config, destination, { streams, state, runId: "r1", runStartedAt: at() });
      const changed = await fixture.change(config, 1);
      const second = await run(config, destination, { streams, state, runId: "r2", runStartedAt: at() });
      expect(rowsWritten(streams, second.stats)).toEqual(changed);
      expect(destination.dataset()).toEqual(await expected(config, streams, 2));
    });

    check("an incremental read is bounded by the signpost taken when its pass began", "signpost", async () => {
      const during = fixture.duringPass;
      if (!during) throw new Error(`the ${name} fixture declares neither duringPass nor why the check is skipped`);
      const config = await fixture.setup();
      const streams = configureFor(config, await discover(config));
      const at = fixture.runClock?.() ?? clock();
      const destination = new MemoryDestination();
      const state: Record<string, StreamState> = {};
      await run(config, destination, { streams, state, runId: "r1", runStartedAt: at() });
      const changed = await fixture.change(config, 1);
      const before = await expected(config, streams, 2);
      let applied = false;
      // The pass took its signpost before its first page: a row changed now lies beyond it.
      const hooks: WriterHooks = {
        beforeWrite: async (table) => {
          if (!applied && table === during.stream) {
            applied = true;
            await during.apply(config);
          }
        },
      };
      const second = await run(config, destination, { streams, state, runId: "r2", runStartedAt: at() }, hooks);
      expect(applied, `no write to ${during.stream} in the pass`).toBe(true);
      expect(rowsWritten(streams, second.stats)).toEqual(changed);
      expect(destination.dataset(), "the row changed during the pass was read in it").toEqual(before);
      const third = await run(config, destination, { streams, state, runId: "r3", runStartedAt: at() });
      expect(rowsWritten(streams, third.stats)).toEqual(during.rows);
      expect(destination.dataset()).toEqual(await expected(config, streams, 3));
    });

    check("a re-sync from no state removes the rows deleted at the source", "resync", async () => {
      if (!fixture.deleteRows) throw new Error(`the ${name} fixture declares neither deleteRows nor why it is skipped`);
      const config = await fixture.setup();
      const streams = configureFor(config, await discover(config));
      const at = fixture.runClock?.() ?? clock();
      const destination = new MemoryDestination();
      await run(config, destination, { streams, state: {}, runId: "r1", runStartedAt: at() });
      const before = Object.values(destination.dataset()).flat().length;
      await fixture.deleteRows(config);
      await run(config, destination, { streams, state: {}, runId: "resync", runStartedAt: at() });
      const want = await expected(config, streams, 1);
      expect(Object.values(want).flat().length).toBeLessThan(before);
      expect(destination.dataset()).toEqual(want);
    });

    if (fixture.reader.changeLog) {
      check(
        "change capture: deletes and truncates arrive through the log; a crash between commit and acknowledge replays without loss",
        "changelog",
        async () => {
          if (!fixture.logChanges)
            throw new Error(`the ${name} fixture declares neither logChanges nor why it is skipped`);
          const config = await fixture.setup();
          if (!fixture.reader.changeLog?.enabled(config))
            throw new Error("the fixture's config does not enable change capture");
          const streams = configureFor(config, await discover(config));
          const at = fixture.runClock?.() ?? clock();
          const destination = new MemoryDestination();
          const state: Record<string, StreamState> = {};
          await run(config, destination, { streams, state, runId: "r1", runStartedAt: at() });
          expect(destination.dataset()).toEqual(await expected(config, streams, 1));
          await fixture.logChanges(config);
          let crashed = false;
          await expect(
            run(config, destination, {
              streams,
              state,
              runId: "r2",
              runStartedAt: at(),
              // The log's position is committed; the process dies before the source hears of it.
              afterCommit: (_count, stream) => {
                if (stream === CHANGE_LOG_STATE && !crashed) {
                  crashed = true;
                  throw new Crash("after the log state's commit, before acknowledge");
                }
              },
            }),
          ).rejects.toThrow(Crash);
          await run(config, destination, { streams, state, runId: "r3", runStartedAt: at() });
          expect(destination.dataset()).toEqual(await expected(config, streams, 2));
          // Caught up: another run writes nothing.
          const idle = await run(config, destination, { streams, state, runId: "r4", runStartedAt: at() });
          expect(Object.values(idle.stats).reduce((n, s) => n + s.rows, 0)).toBe(0);
        },
        60_000,
      );
    }

    check("values of every type round-trip exactly", "types", async () => {
      if (!fixture.typed) throw new Error(`the ${name} fixture declares neither typed nor why it is skipped`);
      const { config, expected: want } = await fixture.typed();
      const streams = configureFor(config, await discover(config));
      const destination = new MemoryDestination();
      await run(config, destination, { streams, state: {}, runId: "typed" });
      expect(destination.dataset()).toEqual(sortDataset(streams, want));
    });
  });
}

// ---------------------------------------------------------------------------------------
// Destination conformance.

export interface DestinationFixture {
  open(): Promise<DestinationWriter>;
  /** Drops the tables of `streams` in `schema` (before a check). */
  reset(schema: string, streams: Stream[]): Promise<void>;
  /**
   * The rows of `stream` in `schema`, converted back to protocol values of its columns with
   * `_fivetran_synced` in epoch ms: this conversion is the destination's canonical form.
   */
  read(schema: string, stream: Stream): Promise<StoredRow[]>;
  /** A value as compared after a round trip, where the destination normalises (jsonb). */
  canonical?(column: Column, value: Value): Value;
}

const col = (name: string, type: Column["type"], sourceType: string, nullable = true): Column => ({
  name,
  type,
  sourceType,
  nullable,
});

const BASE = Date.UTC(2024, 0, 1);
const ts = (ms: number) => new Date(ms).toISOString().replace("Z", "000Z");

export const REF_ITEMS: Stream = {
  namespace: "ref",
  name: "items",
  columns: [
    col("id", "long", "bigint", false),
    col("name", "string", "text"),
    { ...col("amount", "decimal", "numeric(12,2)"), precision: 12, scale: 2 },
    col("updated_at", "timestamptz", "timestamp with time zone", false),
  ],
  primaryKey: ["id"],
  cursorCandidates: ["updated_at"],
};

export const REF_PAIRS: Stream = {
  namespace: "ref",
  name: "pairs",
  columns: [col("a", "int", "integer", false), col("b", "string", "text", false), col("note", "string", "text")],
  primaryKey: ["a", "b"],
  cursorCandidates: [],
};

export const REF_TEXTS: Stream = {
  namespace: "ref",
  name: "texts",
  columns: [col("id", "int", "integer", false), col("s", "string", "text"), col("t", "string", "text")],
  primaryKey: ["id"],
  cursorCandidates: [],
};

export const REF_TYPED: Stream = {
  namespace: "ref",
  name: "typed",
  columns: [
    col("id", "long", "bigint", false),
    col("b", "boolean", "boolean"),
    col("i", "int", "integer"),
    col("l", "long", "bigint"),
    col("f", "float", "double precision"),
    col("n", "decimal", "numeric"),
    { ...col("n2", "decimal", "numeric(12,2)"), precision: 12, scale: 2 },
    col("s", "string", "text"),
    col("d", "date", "date"),
    col("tm", "time", "time without time zone"),
    col("ts", "timestamp", "timestamp without time zone"),
    col("tz", "timestamptz", "timestamp with time zone"),
    col("j", "json", "jsonb"),
    col("by", "binary", "bytea"),
    col("u", "uuid", "uuid"),
    col("ia", "array", "integer[]"),
    col("ta", "array", "text[]"),
  ],
  primaryKey: ["id"],
  cursorCandidates: [],
};

/** The keys `truncatedKeys` lists, hashed as usage metering hashes them (in the order listed). */
async function truncatedKeys(writer: DestinationWriter, ref: TableRef, before?: Date): Promise<string[]> {
  const types = ref.stream.primaryKey.map((name) => ref.stream.columns.find((c) => c.name === name)?.type);
  const out: string[] = [];
  for await (const page of (writer.truncatedKeys as NonNullable<DestinationWriter["truncatedKeys"]>)(ref, before)) {
    for (const key of page) out.push(Buffer.from(keyHash(key, types)).toString("hex"));
  }
  return out;
}
/** Items' keys as a source gives them (bigint), hashed alike. */
const keyHashes = (ids: number[]) => ids.map((i) => Buffer.from(keyHash([BigInt(i)], ["long"])).toString("hex"));

const item = (i: number, name = `item ${i}`, minutes = i): Row => [
  BigInt(i),
  name,
  (i * 1.25).toFixed(2),
  ts(BASE + minutes * 60_000),
];
const pair = (i: number): Row => [Math.floor(i / 5), `k${i % 5}`, `note ${i}`];
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);

/** One row per interesting value of every column type (typed as protocol.ts says). */
export const TYPED_ROWS: Row[] = [
  [
    1n,
    true,
    2147483647,
    9223372036854775807n,
    Number.NaN,
    "1234567890123456789012345678901234567890",
    "12.50",
    "",
    "2024-02-29",
    "23:59:59.999999",
    "2024-01-01T12:34:56.123456",
    "2024-01-01T12:34:56.123456Z",
    '{"b":null,"a":[1,2.5,"x"]}',
    new Uint8Array([0, 255, 0, 0]),
    "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
    "[1,2,null,-3]",
    '["a b","c\\"d",null,"","NULL"]',
  ],
  [
    2n,
    false,
    -2147483648,
    -9223372036854775808n,
    Number.POSITIVE_INFINITY,
    "12345678901234567890.12345678901234567890",
    "-0.01",
    null,
    "1970-01-01",
    "00:00:00",
    "1999-12-31T23:59:59.000001",
    "1970-01-01T00:00:00.000000Z",
    "[]",
    new Uint8Array([]),
    "00000000-0000-0000-0000-000000000000",
    "[]",
    "[]",
  ],
  [
    3n,
    true,
    0,
    0n,
    Number.NEGATIVE_INFINITY,
    "NaN",
    "0.00",
    "héllo 🎉 世界\ttab\nnewline\\backslash 'quote' \"dq\"",
    "0001-01-01",
    "12:00:00.5",
    "2038-01-19T03:14:08.000000",
    "2262-04-11T23:47:16.854775Z",
    '{"emoji":"🎉","nested":{"k":[true,false,null]}}',
    new Uint8Array([0, 0, 0]),
    "ffffffff-ffff-ffff-ffff-ffffffffffff",
    "[[1,2],[3,4]]",
    '["🎉","tab\\there","back\\\\slash"]',
  ],
  [4n, null, null, null, 0.1, null, null, null, null, null, null, null, null, null, null, null, null],
  [5n, null, null, null, 1.7976931348623157e308, "-0.000000000000000000000000000000000000001", null, ...nulls(10)],
  [6n, null, null, null, -1.5e-300, null, null, ...nulls(10)],
];

function nulls(n: number): null[] {
  return Array.from({ length: n }, () => null);
}

const streamKey = (s: Stream) => `${s.namespace}.${s.name}`;

/** The first column's values of stored rows (their key, for the reference streams), in order. */
const firstValues = (rows: StoredRow[]): Value[] => rows.map((r) => r.row[0] ?? null).sort(compareValues);

/** Registers the destination checks for one connector. */
export function destinationConformance(name: string, fixture: DestinationFixture): void {
  describe(`destination conformance: ${name}`, () => {
    const schemaOf = (check: string) => `conf_${check}`;
    const canonical = (stream: Stream, rows: Row[]) =>
      sortRows(stream, rows).map((row) =>
        row.map((v, i) => (fixture.canonical ? fixture.canonical(stream.columns[i] as Column, v) : v)),
      );
    /** The current rows: neither marked deleted (soft delete) nor past versions (history). */
    const current = (stored: StoredRow[]) => stored.filter((r) => r.deleted !== true && r.active !== false);
    const readRows = async (schema: string, stream: Stream) =>
      canonical(
        stream,
        current(await fixture.read(schema, stream)).map((r) => r.row),
      );
    const reference = () => {
      const source = new MemorySource([REF_ITEMS, REF_PAIRS]);
      source.put(
        streamKey(REF_ITEMS),
        range(1, 120).map((i) => item(i)),
      );
      source.put(streamKey(REF_PAIRS), range(0, 39).map(pair));
      return source;
    };
    const run = (
      source: MemorySource,
      schema: string,
      options: Partial<RunOptions<MemorySourceConfig>> &
        Pick<RunOptions<MemorySourceConfig>, "state" | "runId"> & { mode?: SyncMode },
    ) =>
      runToCompletion({
        reader: source,
        config: { pageRows: 9 },
        openWriter: () => fixture.open(),
        schema,
        ...options,
        streams: (options.streams ?? configureStreams([REF_ITEMS, REF_PAIRS])).map((s) =>
          options.mode ? { ...s, syncMode: options.mode } : s,
        ),
      });
    /** Writes batches straight into a migrated table (in `mode`; soft_delete by default). */
    const direct = async (
      schema: string,
      stream: Stream,
      use: (writer: DestinationWriter, ref: TableRef) => Promise<void>,
      mode?: SyncMode,
    ) => {
      const writer = await fixture.open();
      try {
        await writer.migrate(schema, [stream], [mode]);
        await use(writer, { schema, stream, mode });
        await writer.flush();
      } finally {
        await writer.close();
      }
    };
    const opened = async () => {
      const writer = await fixture.open();
      const caps = writer.capabilities;
      await writer.close();
      return caps;
    };
    const upsert = (stream: Stream, rows: Row[], range?: UpsertBatch["range"]): UpsertBatch => ({
      kind: "upsert",
      stream: streamKey(stream),
      rows,
      count: rows.length,
      bytes: rows.reduce((sum, r) => sum + r.reduce<number>((s, v) => s + valueBytes(v), 0), 0),
      range,
    });

    it("a full load lands every row, stamped with the run's start", async () => {
      const schema = schemaOf("full");
      await fixture.reset(schema, [REF_ITEMS, REF_PAIRS]);
      const source = reference();
      const startedAt = new Date(Date.UTC(2031, 0, 1, 12));
      const result = await run(source, schema, { state: {}, runId: "full", runStartedAt: startedAt });
      expect(result.stats[streamKey(REF_ITEMS)]?.rows).toBe(120);
      for (const stream of [REF_ITEMS, REF_PAIRS]) {
        const stored = await fixture.read(schema, stream);
        expect(
          canonical(
            stream,
            stored.map((r) => r.row),
          ),
        ).toEqual(canonical(stream, source.rows(streamKey(stream))));
        expect(new Set(stored.map((r) => r.synced))).toEqual(new Set([startedAt.getTime()]));
      }
    });

    it("a batch replayed is harmless: writing it twice leaves the table as writing it once", async () => {
      const schema = schemaOf("replay");
      await fixture.reset(schema, [REF_ITEMS, REF_PAIRS]);
      const at = new Date(Date.UTC(2031, 0, 1));
      const rows = range(1, 40).map((i) => item(i));
      await direct(schema, REF_ITEMS, async (writer, ref) => {
        const plain = upsert(REF_ITEMS, rows.slice(0, 20));
        await writer.write(ref, plain, at);
        await writer.write(ref, plain, at);
        // A snapshot page with its key range, where the destination accepts ranges of this key.
        const ranged = writer.capabilities.replaceRangeKeyTypes.includes("long")
          ? upsert(REF_ITEMS, rows.slice(20), { after: [20n], through: [40n] })
          : upsert(REF_ITEMS, rows.slice(20));
        await writer.write(ref, ranged, at);
        await writer.write(ref, ranged, at);
      });
      expect(await readRows(schema, REF_ITEMS)).toEqual(canonical(REF_ITEMS, rows));
      const pairs = range(0, 14).map(pair);
      await direct(schema, REF_PAIRS, async (writer, ref) => {
        await writer.write(ref, upsert(REF_PAIRS, pairs), at);
        await writer.write(ref, upsert(REF_PAIRS, pairs), at);
      });
      expect(await readRows(schema, REF_PAIRS)).toEqual(canonical(REF_PAIRS, pairs));
    });

    it("a key twice in one batch: the later row wins", async () => {
      const schema = schemaOf("twice");
      await fixture.reset(schema, [REF_ITEMS]);
      await direct(schema, REF_ITEMS, async (writer, ref) => {
        await writer.write(ref, upsert(REF_ITEMS, [item(1, "first"), item(2), item(1, "second")]), new Date());
      });
      expect(await readRows(schema, REF_ITEMS)).toEqual(canonical(REF_ITEMS, [item(1, "second"), item(2)]));
    });

    it("deletes arrive: by message from the source and by composite key", async () => {
      const schema = schemaOf("deletes");
      await fixture.reset(schema, [REF_ITEMS, REF_PAIRS]);
      const source = reference();
      const state: Record<string, StreamState> = {};
      await run(source, schema, { state, runId: "r1", runStartedAt: new Date(Date.UTC(2031, 0, 1)) });
      source.remove(streamKey(REF_ITEMS), [[3n], [50n], [120n]], true);
      await run(source, schema, { state, runId: "r2", runStartedAt: new Date(Date.UTC(2031, 0, 2)) });
      const left = await readRows(schema, REF_ITEMS);
      expect(left.length).toBe(117);
      expect(left).toEqual(canonical(REF_ITEMS, source.rows(streamKey(REF_ITEMS))));
      // Soft delete (the default): the deleted rows stay, marked, stamped with the run that saw the delete.
      const marked = (await fixture.read(schema, REF_ITEMS)).filter((r) => r.deleted === true);
      expect(firstValues(marked)).toEqual([3n, 50n, 120n]);
      expect(new Set(marked.map((r) => r.synced))).toEqual(new Set([Date.UTC(2031, 0, 2)]));
      expect((await fixture.read(schema, REF_ITEMS)).filter((r) => r.deleted === false).length).toBe(117);
      const writer = await fixture.open();
      try {
        await writer.migrate(schema, [REF_PAIRS]);
        await writer.delete({ schema, stream: REF_PAIRS }, [
          [0, "k1"],
          [7, "k4"],
          [99, "k0"],
        ]);
        await writer.flush();
      } finally {
        await writer.close();
      }
      expect(await readRows(schema, REF_PAIRS)).toEqual(
        canonical(
          REF_PAIRS,
          range(0, 39)
            .filter((i) => i !== 1 && i !== 39)
            .map(pair),
        ),
      );
    });

    it("truncate removes every row, truncate(before) exactly those synced before", async () => {
      const schema = schemaOf("truncate");
      await fixture.reset(schema, [REF_ITEMS, REF_PAIRS]);
      const t1 = new Date(Date.UTC(2031, 0, 1));
      const t2 = new Date(Date.UTC(2031, 0, 1, 0, 0, 0, 1)); // one millisecond later
      await direct(schema, REF_ITEMS, async (writer, ref) => {
        await writer.write(
          ref,
          upsert(
            REF_ITEMS,
            range(1, 10).map((i) => item(i)),
          ),
          t1,
        );
        await writer.write(
          ref,
          upsert(
            REF_ITEMS,
            range(5, 20).map((i) => item(i, "again")),
          ),
          t2,
        );
        // Usage metering reads the keys a truncate changes just before it (engine/usage.ts).
        if (writer.truncatedKeys) expect(await truncatedKeys(writer, ref, t2)).toEqual(keyHashes(range(1, 4)));
        await writer.truncate(ref, t2);
        if (writer.truncatedKeys) expect(await truncatedKeys(writer, ref, t2)).toEqual([]);
      });
      const all = await fixture.read(schema, REF_ITEMS);
      // Soft delete: rows 1–4 are marked deleted, their `_fivetran_synced` untouched (a bulk operation).
      const gone = all.filter((r) => r.deleted === true);
      expect(firstValues(gone)).toEqual([1n, 2n, 3n, 4n]);
      expect(new Set(gone.map((r) => r.synced))).toEqual(new Set([t1.getTime()]));
      const kept = current(all);
      expect(
        canonical(
          REF_ITEMS,
          kept.map((r) => r.row),
        ),
      ).toEqual(
        canonical(
          REF_ITEMS,
          range(5, 20).map((i) => item(i, "again")),
        ),
      );
      expect(new Set(kept.map((r) => r.synced))).toEqual(new Set([t2.getTime()]));
      await direct(schema, REF_ITEMS, async (writer, ref) => {
        if (writer.truncatedKeys) expect(await truncatedKeys(writer, ref)).toEqual(keyHashes(range(5, 20)));
        await writer.truncate(ref);
      });
      expect(await readRows(schema, REF_ITEMS)).toEqual([]);
      const truncated = await fixture.read(schema, REF_ITEMS);
      expect(truncated.length).toBe(20);
      expect(truncated.filter((r) => r.synced === t2.getTime()).length).toBe(16);

      // A truncate message from the source: what came before it goes, what follows stays.
      const source = reference();
      const state: Record<string, StreamState> = {};
      await run(source, schema, { state, runId: "r1", runStartedAt: new Date(Date.UTC(2031, 0, 2)) });
      source.clear(streamKey(REF_ITEMS), true);
      source.put(
        streamKey(REF_ITEMS),
        range(200, 204).map((i) => item(i, "after truncate", 1_000_000 + i)),
      );
      await run(source, schema, { state, runId: "r2", runStartedAt: new Date(Date.UTC(2031, 0, 3)) });
      expect(await readRows(schema, REF_ITEMS)).toEqual(canonical(REF_ITEMS, source.rows(streamKey(REF_ITEMS))));
    });

    it("a snapshot after the source lost its highest keys, then all rows, leaves exactly the source's rows", async () => {
      const schema = schemaOf("snapshot");
      await fixture.reset(schema, [REF_ITEMS, REF_PAIRS]);
      const source = reference();
      const streams = configureStreams([REF_ITEMS, REF_PAIRS]).map((s) => ({ ...s, mode: "full" as const }));
      const state: Record<string, StreamState> = {};
      const at = clock();
      await run(source, schema, { streams, state, runId: "r1", runStartedAt: at() });
      // Keys past the last one, and one inside a page's key range (replaced by range, where the
      // destination takes ranges of this key).
      source.remove(
        streamKey(REF_ITEMS),
        [...range(111, 120), 50].map((i) => [BigInt(i)]),
        false,
      );
      source.remove(
        streamKey(REF_PAIRS),
        [
          [7, "k3"],
          [7, "k4"],
        ],
        false,
      );
      await run(source, schema, { streams, state, runId: "r2", runStartedAt: at() });
      for (const stream of [REF_ITEMS, REF_PAIRS]) {
        expect(await readRows(schema, stream)).toEqual(canonical(stream, source.rows(streamKey(stream))));
      }
      expect((await readRows(schema, REF_ITEMS)).length).toBe(109);
      // The vanished rows are marked deleted by the re-sync without a new `_fivetran_synced`:
      // they keep the first run's (Fivetran's system columns during a re-sync).
      const vanished = (await fixture.read(schema, REF_ITEMS)).filter((r) => r.deleted === true);
      expect(firstValues(vanished)).toEqual([50, ...range(111, 120)].map((i) => BigInt(i)));
      const firstRun = Math.min(...(await fixture.read(schema, REF_ITEMS)).map((r) => r.synced));
      expect(new Set(vanished.map((r) => r.synced))).toEqual(new Set([firstRun]));
      source.clear(streamKey(REF_ITEMS), false).clear(streamKey(REF_PAIRS), false);
      await run(source, schema, { streams, state, runId: "r3", runStartedAt: at() });
      expect(await readRows(schema, REF_ITEMS)).toEqual([]);
      expect(await readRows(schema, REF_PAIRS)).toEqual([]);
    });

    it("live mode removes what the source deleted: by message, by truncate, by a re-sync", async () => {
      const schema = schemaOf("live");
      await fixture.reset(schema, [REF_ITEMS, REF_PAIRS]);
      const source = reference();
      const state: Record<string, StreamState> = {};
      const at = clock();
      if (!((await opened()).syncModes ?? ["soft_delete"]).includes("live")) {
        // A destination without live mode (append-only files) fails such a table alone, saying why.
        const result = await run(source, schema, { state, runId: "r1", runStartedAt: at(), mode: "live" });
        expect(result.warnings.map((w) => w.stream).sort()).toEqual([streamKey(REF_ITEMS), streamKey(REF_PAIRS)]);
        expect(result.warnings[0]?.message).toMatch(/LIVE/);
        return;
      }
      await run(source, schema, { state, runId: "r1", runStartedAt: at(), mode: "live" });
      source.remove(streamKey(REF_ITEMS), [[3n], [50n]], true);
      await run(source, schema, { state, runId: "r2", runStartedAt: at(), mode: "live" });
      const stored = await fixture.read(schema, REF_ITEMS);
      expect(stored.length).toBe(118);
      expect(stored.every((r) => r.deleted === undefined && r.active === undefined)).toBe(true);
      // A re-sync (no state) after rows vanished without a message removes them.
      source.remove(
        streamKey(REF_ITEMS),
        range(100, 120).map((i) => [BigInt(i)]),
        false,
      );
      await run(source, schema, { state: {}, runId: "r3", runStartedAt: at(), mode: "live" });
      expect(
        canonical(
          REF_ITEMS,
          (await fixture.read(schema, REF_ITEMS)).map((r) => r.row),
        ),
      ).toEqual(canonical(REF_ITEMS, source.rows(streamKey(REF_ITEMS))));
      source.clear(streamKey(REF_ITEMS), true);
      await run(source, schema, { state, runId: "r4", runStartedAt: at(), mode: "live" });
      expect(await fixture.read(schema, REF_ITEMS)).toEqual([]);
    });

    it("soft delete: a deleted row that comes back is current again", async () => {
      const schema = schemaOf("revive");
      await fixture.reset(schema, [REF_ITEMS]);
      const t1 = new Date(Date.UTC(2031, 0, 1));
      const t2 = new Date(Date.UTC(2031, 0, 2));
      await direct(schema, REF_ITEMS, async (writer, ref) => {
        await writer.write(ref, upsert(REF_ITEMS, [item(1), item(2)]), t1);
        await writer.delete(ref, [[2n]], { syncedAt: t1 });
        await writer.write(ref, upsert(REF_ITEMS, [item(2, "back")]), t2);
      });
      const stored = await fixture.read(schema, REF_ITEMS);
      expect(stored.map((r) => r.deleted)).toEqual([false, false]);
      expect(await readRows(schema, REF_ITEMS)).toEqual(canonical(REF_ITEMS, [item(1), item(2, "back")]));
    });

    for (const mode of ["soft_delete", "live", "history"] as const) {
      it(`unchanged values keep what the destination has (${mode})`, async () => {
        const schema = schemaOf(`unchanged_${mode}`);
        await fixture.reset(schema, [REF_TEXTS]);
        const caps = await opened();
        if (!(caps.syncModes ?? ["soft_delete"]).includes(mode)) return;
        if (caps.unchangedValues !== true) {
          // It cannot keep values the source did not resend: such a batch fails its table, saying so.
          const writer = await fixture.open();
          try {
            await writer.migrate(schema, [REF_TEXTS], [mode]);
            const batch: UpsertBatch = { ...upsert(REF_TEXTS, [[1, "uno", null]]), unchanged: [[2]] };
            await expect(writer.write({ schema, stream: REF_TEXTS, mode }, batch, new Date())).rejects.toThrow(
              TableError,
            );
          } finally {
            await writer.close();
          }
          return;
        }
        const t1 = new Date(Date.UTC(2031, 0, 1));
        const t2 = new Date(Date.UTC(2031, 0, 2));
        const big = "x".repeat(5000);
        await direct(
          schema,
          REF_TEXTS,
          async (writer, ref) => {
            await writer.write(
              ref,
              upsert(REF_TEXTS, [
                [1, "one", big],
                [2, "two", "kept"],
              ]),
              t1,
            );
            // Row 1 changes `s` but not `t` (not sent); row 3 is inserted with `t` and then
            // updated without it in the same batch; row 2 changes both.
            const batch: UpsertBatch = {
              ...upsert(REF_TEXTS, [
                [1, "uno", null],
                [3, "tres", "from the batch"],
                [3, "tres!", null],
                [2, "dos", "new"],
              ]),
              unchanged: [[2], undefined, [2], []],
              changedAt: [
                "2031-01-02T00:00:00.000001Z",
                "2031-01-02T00:00:00.000002Z",
                "2031-01-02T00:00:00.000003Z",
                "2031-01-02T00:00:00.000004Z",
              ],
            };
            await writer.write(ref, batch, t2);
          },
          mode,
        );
        expect(await readRows(schema, REF_TEXTS)).toEqual(
          canonical(REF_TEXTS, [
            [1, "uno", big],
            [2, "dos", "new"],
            [3, "tres!", "from the batch"],
          ]),
        );
      });
    }

    it("history mode: versions, one active per key, deletes close, replays and identical re-syncs add nothing", async () => {
      const schema = schemaOf("history");
      await fixture.reset(schema, [REF_ITEMS, REF_PAIRS]);
      const caps = await opened();
      const source = reference();
      const state: Record<string, StreamState> = {};
      const at = clock();
      if (!(caps.syncModes ?? ["soft_delete"]).includes("history")) {
        // A destination without history mode fails such a table alone, saying why.
        const result = await run(source, schema, { state, runId: "r1", runStartedAt: at(), mode: "history" });
        expect(result.warnings.map((w) => w.stream).sort()).toEqual([streamKey(REF_ITEMS), streamKey(REF_PAIRS)]);
        expect(result.warnings[0]?.message).toMatch(/HISTORY/);
        return;
      }
      const MAX = Date.parse("9999-12-31T23:59:59.999Z");
      const t1 = at();
      await run(source, schema, { state, runId: "r1", runStartedAt: t1, mode: "history" });
      let stored = await fixture.read(schema, REF_ITEMS);
      expect(stored.length).toBe(120);
      expect(stored.filter((r) => !(r.active === true && r.start === t1.getTime() && r.end === MAX))).toEqual([]);
      expect(stored.every((r) => r.deleted === undefined)).toBe(true);

      // An update and a delete reach the next incremental run.
      source.put(streamKey(REF_ITEMS), [item(5, "changed", 10_000)]);
      source.remove(streamKey(REF_ITEMS), [[7n]], true);
      const t2 = at();
      await run(source, schema, { state, runId: "r2", runStartedAt: t2, mode: "history" });
      stored = await fixture.read(schema, REF_ITEMS);
      const versions = (id: bigint) =>
        stored.filter((r) => r.row[0] === id).sort((a, b) => (a.start as number) - (b.start as number));
      expect(stored.length).toBe(121);
      expect(versions(5n).map((r) => [r.row[1], r.start, r.end, r.active])).toEqual([
        ["item 5", t1.getTime(), t2.getTime() - 1, false],
        ["changed", t2.getTime(), MAX, true],
      ]);
      expect(versions(7n).map((r) => [r.start, r.end, r.active])).toEqual([[t1.getTime(), t2.getTime(), false]]);
      const activePerKey = () => {
        const counts = new Map<string, number>();
        for (const r of stored.filter((x) => x.active))
          counts.set(String(r.row[0]), (counts.get(String(r.row[0])) ?? 0) + 1);
        return Math.max(...counts.values());
      };
      expect(activePerKey()).toBe(1);
      expect(await readRows(schema, REF_ITEMS)).toEqual(canonical(REF_ITEMS, source.rows(streamKey(REF_ITEMS))));

      // A re-sync of an unchanged source adds no version; a row gone without a message is
      // closed at the re-sync (its `_fivetran_synced` untouched), and the rest stay active.
      source.remove(streamKey(REF_ITEMS), [[9n]], false);
      const t3 = at();
      await run(source, schema, { state: {}, runId: "r3", runStartedAt: t3, mode: "history" });
      stored = await fixture.read(schema, REF_ITEMS);
      expect(stored.length).toBe(121);
      expect(versions(9n).map((r) => [r.end, r.active, r.synced])).toEqual([[t3.getTime(), false, t1.getTime()]]);
      expect(
        versions(5n)
          .filter((r) => r.active)
          .map((r) => [r.start, r.synced]),
      ).toEqual([[t2.getTime(), t3.getTime()]]);
      expect(activePerKey()).toBe(1);

      // Changes with commit times: versions start at them; replaying the batch adds nothing.
      const changes: UpsertBatch = {
        ...upsert(REF_ITEMS, [item(11, "a"), item(11, "b"), item(12, "c")]),
        changedAt: ["2031-02-01T00:00:00.000000Z", "2031-02-01T00:00:01.000000Z", "2031-02-01T00:00:02.000000Z"],
      };
      const t4 = at();
      for (let replay = 0; replay < 2; replay++) {
        await direct(
          schema,
          REF_ITEMS,
          async (writer, ref) => {
            await writer.write(ref, changes, t4);
            await writer.delete(ref, [[12n]], { syncedAt: t4, changedAt: ["2031-02-01T00:00:03.000000Z"] });
          },
          "history",
        );
      }
      stored = await fixture.read(schema, REF_ITEMS);
      expect(stored.length).toBe(124);
      const ms = (text: string) => Date.parse(text);
      expect(versions(11n).map((r) => [r.row[1], r.start, r.end, r.active])).toEqual([
        ["item 11", t1.getTime(), ms("2031-02-01T00:00:00.000Z") - 1, false],
        ["a", ms("2031-02-01T00:00:00.000Z"), ms("2031-02-01T00:00:01.000Z") - 1, false],
        ["b", ms("2031-02-01T00:00:01.000Z"), MAX, true],
      ]);
      expect(versions(12n).map((r) => [r.row[1], r.end, r.active])).toEqual([
        ["item 12", ms("2031-02-01T00:00:02.000Z") - 1, false],
        ["c", ms("2031-02-01T00:00:03.000Z"), false],
      ]);
      expect(activePerKey()).toBe(1);
      // A source truncate closes every active version.
      source.clear(streamKey(REF_ITEMS), true);
      await run(source, schema, { state, runId: "r5", runStartedAt: at(), mode: "history" });
      expect(await readRows(schema, REF_ITEMS)).toEqual([]);
      expect((await fixture.read(schema, REF_ITEMS)).length).toBe(124);
    }, 60_000);

    it("switching a table between sync modes keeps its rows as Fivetran's migrations do", async () => {
      const schema = schemaOf("switch");
      await fixture.reset(schema, [REF_ITEMS]);
      const caps = await opened();
      const modes = caps.syncModes ?? ["soft_delete"];
      const t1 = new Date(Date.UTC(2031, 0, 1));
      const t2 = new Date(Date.UTC(2031, 0, 2));
      const rows = range(1, 6).map((i) => item(i));
      // Soft delete, with rows 5 and 6 deleted.
      await direct(schema, REF_ITEMS, async (writer, ref) => {
        await writer.write(ref, upsert(REF_ITEMS, rows), t1);
        await writer.delete(ref, [[5n], [6n]], { syncedAt: t1 });
      });
      if (modes.includes("history")) {
        // Into history: current rows are active versions from the latest sync, deleted rows inactive.
        await direct(schema, REF_ITEMS, async () => {}, "history");
        let stored = await fixture.read(schema, REF_ITEMS);
        expect(
          stored.map((r) => [r.row[0], r.active, r.start]).sort((a, b) => compareValues(a[0] as Value, b[0] as Value)),
        ).toEqual(rows.map((r, i) => [r[0], i < 4, i < 4 ? t1.getTime() : Date.parse("0001-01-01T00:00:00Z")]));
        expect(stored.every((r) => r.deleted === undefined)).toBe(true);
        // A new version of row 1, then back to soft delete: only the latest version of each key
        // stays, marked deleted where it is not active.
        await direct(
          schema,
          REF_ITEMS,
          (writer, ref) => writer.write(ref, upsert(REF_ITEMS, [item(1, "newer")]), t2).then(() => {}),
          "history",
        );
        expect((await fixture.read(schema, REF_ITEMS)).length).toBe(7);
        await direct(schema, REF_ITEMS, async () => {}, "soft_delete");
        stored = await fixture.read(schema, REF_ITEMS);
        expect(stored.length).toBe(6);
        expect(stored.every((r) => r.active === undefined)).toBe(true);
        expect(firstValues(stored.filter((r) => r.deleted))).toEqual([5n, 6n]);
        expect(await readRows(schema, REF_ITEMS)).toEqual(
          canonical(REF_ITEMS, [item(1, "newer"), ...rows.slice(1, 4)]),
        );
        // History → live: inactive versions go, history columns too.
        await direct(schema, REF_ITEMS, async () => {}, "history");
        await direct(schema, REF_ITEMS, async () => {}, "live");
        stored = await fixture.read(schema, REF_ITEMS);
        expect(stored.length).toBe(4);
        expect(stored.every((r) => r.active === undefined && r.deleted === undefined)).toBe(true);
        await direct(schema, REF_ITEMS, async () => {}, "soft_delete");
        await direct(schema, REF_ITEMS, (writer, ref) => writer.delete(ref, [[4n]], { syncedAt: t2 }).then(() => {}));
      } else {
        await direct(schema, REF_ITEMS, (writer, ref) =>
          writer.write(ref, upsert(REF_ITEMS, [item(1, "newer")]), t2).then(() => {}),
        );
        await direct(schema, REF_ITEMS, (writer, ref) => writer.delete(ref, [[4n]], { syncedAt: t2 }).then(() => {}));
      }
      if (!modes.includes("live")) {
        // Without live mode, switching a table into it fails that table, saying why.
        await expect(direct(schema, REF_ITEMS, async () => {}, "live")).rejects.toThrow(/LIVE/);
        return;
      }
      // Soft delete → live: the rows marked deleted are removed and the column dropped.
      expect((await fixture.read(schema, REF_ITEMS)).filter((r) => r.deleted).length).toBeGreaterThan(0);
      await direct(schema, REF_ITEMS, async () => {}, "live");
      let stored = await fixture.read(schema, REF_ITEMS);
      expect(stored.every((r) => r.deleted === undefined)).toBe(true);
      expect(
        canonical(
          REF_ITEMS,
          stored.map((r) => r.row),
        ),
      ).toEqual(canonical(REF_ITEMS, [item(1, "newer"), ...rows.slice(1, 3)]));
      // Live → soft delete: the column comes back, false everywhere.
      await direct(schema, REF_ITEMS, async () => {}, "soft_delete");
      stored = await fixture.read(schema, REF_ITEMS);
      expect(stored.map((r) => r.deleted)).toEqual([false, false, false]);
    });

    it("values of every type round-trip", async () => {
      const schema = schemaOf("types");
      await fixture.reset(schema, [REF_TYPED]);
      const source = new MemorySource([REF_TYPED]).put(streamKey(REF_TYPED), TYPED_ROWS);
      await runToCompletion({
        reader: source,
        config: { pageRows: 2 },
        openWriter: () => fixture.open(),
        schema,
        streams: configureStreams([REF_TYPED]),
        state: {},
        runId: "types",
      });
      const stored = canonical(
        REF_TYPED,
        (await fixture.read(schema, REF_TYPED)).map((r) => r.row),
      );
      const want = canonical(REF_TYPED, TYPED_ROWS);
      // Column by column first, so a failure names the column.
      for (const [i, column] of REF_TYPED.columns.entries()) {
        expect(
          stored.map((r) => r[i]),
          column.name,
        ).toEqual(want.map((r) => r[i]));
      }
      expect(stored).toEqual(want);
    });

    it("NULL and the empty string stay distinct", async () => {
      const schema = schemaOf("nulls");
      await fixture.reset(schema, [REF_TEXTS]);
      const rows: Row[] = [
        [1, "", null],
        [2, null, ""],
        [3, " ", "NULL"],
        [4, "\\N", "null"],
        [5, null, null],
        [6, "", ""],
      ];
      const source = new MemorySource([REF_TEXTS]).put(streamKey(REF_TEXTS), rows);
      await runToCompletion({
        reader: source,
        config: { pageRows: 4 },
        openWriter: () => fixture.open(),
        schema,
        streams: configureStreams([REF_TEXTS]),
        state: {},
        runId: "nulls",
      });
      expect(await readRows(schema, REF_TEXTS)).toEqual(canonical(REF_TEXTS, rows));
    });

    it("resuming from every checkpoint gives the same table as one clean run", async () => {
      const startedAt = new Date(Date.UTC(2031, 0, 1));
      const tables = async (schema: string) => ({
        items: await fixture.read(schema, REF_ITEMS),
        pairs: await fixture.read(schema, REF_PAIRS),
      });
      const sorted = (t: { items: StoredRow[]; pairs: StoredRow[] }) => ({
        items: canonical(
          REF_ITEMS,
          t.items.map((r) => r.row),
        ),
        pairs: canonical(
          REF_PAIRS,
          t.pairs.map((r) => r.row),
        ),
        synced: [...new Set([...t.items, ...t.pairs].map((r) => r.synced))],
      });
      const cleanSchema = schemaOf("resume_clean");
      await fixture.reset(cleanSchema, [REF_ITEMS, REF_PAIRS]);
      const clean = await run(reference(), cleanSchema, {
        state: {},
        runId: "clean",
        runStartedAt: startedAt,
        config: { pageRows: 15 },
      });
      const expected = sorted(await tables(cleanSchema));
      expect(expected.items.length).toBe(120);
      expect(clean.commits).toBeGreaterThan(5);
      const schema = schemaOf("resume");
      for (let stopAt = 1; stopAt <= clean.commits; stopAt++) {
        await fixture.reset(schema, [REF_ITEMS, REF_PAIRS]);
        const source = reference();
        const state: Record<string, StreamState> = {};
        const options = { state, runId: `stop-${stopAt}`, runStartedAt: startedAt, config: { pageRows: 15 } };
        await expect(
          run(source, schema, {
            ...options,
            afterCommit: (count) => {
              if (count === stopAt) throw new Crash(`stopped after commit ${count}`);
            },
          }),
        ).rejects.toThrow(Crash);
        await run(source, schema, options);
        expect(sorted(await tables(schema)), `stopped after commit ${stopAt}`).toEqual(expected);
      }
    }, 60_000);
  });
}

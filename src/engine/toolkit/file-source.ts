/**
 * The reader every file source (s3, gcs, fsx) shares, after Fivetran's file connectors: one
 * table per connection holding the rows of every file whose key matches the configured prefix
 * and pattern, with the system columns `_file` (the key), `_line` (the record's number in its
 * file, from 1) and `_modified` (the object's modification time); `_file` + `_line` is the
 * primary key, so a file that changes is upserted over its old rows.
 *
 * - **Formats**: CSV/TSV (toolkit/file-csv.ts), JSON lines (Packed into `_data`, or Unpacked
 *   into one column per top-level key), Parquet (toolkit/file-parquet.ts); gzip by extension or
 *   by config. Everything is streamed: a file is never held whole in memory.
 * - **Schema**: inferred across files and kept in the stream's state, where types only widen.
 *   Discovery samples the files the next read will take (the beginning of each); a value that
 *   still does not fit its column (or a new column) stops the stream at the last checkpoint with
 *   the wider schema in its state, so the next run's discovery migrates and continues from there.
 * - **Incremental**: objects are taken in (modified, key) order; the checkpoint is the last one
 *   read, `{modified, key}`, plus — inside a file — the next record's line and byte offset (a
 *   resumed read asks for the rest with a Range request). A pass never reads objects modified
 *   after the whole second before it began (listings are to the second). Objects modified within `lookbackMs` before the checkpoint that were not
 *   read yet (late arrivals, or ones that share the checkpoint's time and sort before its key)
 *   are read too; the keys read in that window are kept in the state so none is read twice.
 * - **Bounds**: listings are paginated and at most LIST_WINDOW candidates are held at once.
 */
import { ConfigurationError } from "../errors";
import type {
  Column,
  ColumnType,
  ConfiguredStream,
  ConnectorContext,
  Discovery,
  ReadContext,
  Row,
  SourceMessage,
  SourceReader,
  Stream,
  StreamState,
  Value,
} from "../protocol";
import { sourceStates } from "../runner";
import { CsvReader, CsvSyntaxError } from "./file-csv";
import {
  type AsyncBuffer,
  type FileMetaData,
  fromParquet,
  type ParquetColumn,
  parquetColumns,
  readParquetMetadata,
  readParquetRows,
} from "./file-parquet";
import { type Converted, fromJson, fromText, inferJson, inferText, MISFIT, parseJson, widen } from "./file-values";
import { valueBytes } from "./pg-values";

/** One object of a listing. */
export interface FileObject {
  key: string;
  /** Modification time, ISO 8601 with milliseconds (UTC). */
  modified: string;
  size: number;
  etag: string;
}

/** Where a file source's objects live: listing and (ranged, streamed) reads. */
export interface FileStore {
  /** The object's address for messages (`s3://bucket/key`). */
  where(key: string): string;
  /** Every object under `prefix`, a page at a time (any order). */
  list(prefix: string, signal?: AbortSignal): AsyncIterable<FileObject[]>;
  /** The object's bytes in [start, end) (end undefined: to its end), streamed. */
  read(
    object: FileObject,
    start: number,
    end: number | undefined,
    signal?: AbortSignal,
  ): Promise<ReadableStream<Uint8Array>>;
}

export type FileFormat = "csv" | "tsv" | "jsonl" | "parquet";

/** What the table is and how its files parse, from a source's config. */
export interface FileTable {
  namespace: string;
  name: string;
  prefix: string;
  /** Whether a key (the full object key) belongs to the table. */
  matches(key: string): boolean;
  /** Forced format; by the key's extension when undefined. */
  format?: FileFormat;
  compression: "infer" | "uncompressed" | "gzip";
  delimiter?: string;
  quote?: string;
  escape?: string;
  encoding: string;
  /** Whether CSV files start with a header line (Fivetran's `empty_header` false). */
  header: boolean;
  nullSequence?: string;
  skipBefore: number;
  skipAfter: number;
  /** JSON lines: the whole record in `_data` (Packed) or a column per key (Unpacked). */
  jsonMode: "packed" | "unpacked";
}

export interface FileSourceSpec<C> {
  table(config: C): FileTable;
  store(config: C, ctx: ConnectorContext): FileStore;
}

/** A file that cannot be read as configured: fails the run, naming the file. */
export class FileFormatError extends ConfigurationError {
  constructor(message: string) {
    super(message, "malformed_file");
  }
}

const SYSTEM: Column[] = [
  { name: "_file", type: "string", sourceType: "key", nullable: false },
  { name: "_line", type: "long", sourceType: "line", nullable: false },
  { name: "_modified", type: "timestamptz", sourceType: "last_modified", nullable: false },
];
const SYSTEM_NAMES = new Set(SYSTEM.map((c) => c.name));

/** Candidates held per listing pass. */
export const LIST_WINDOW = 5000;
/** Files and bytes discovery reads to infer the schema. */
export const SAMPLE_FILES = 200;
export const SAMPLE_BYTES_PER_FILE = 256 << 10;
/** Parquet rows decoded at once. */
const PARQUET_WINDOW = 5000;
/** Most keys kept for the lookback window. */
const RECENT_MAX = 10_000;

interface Cursor {
  modified: string;
  key: string;
}

interface FileState {
  v: 1;
  /** Data columns seen so far, types only widening. */
  columns: { name: string; type: ColumnType }[];
  cursor?: Cursor;
  /** Keys read within the lookback window before the cursor: key → [etag, modified]. */
  recent?: Record<string, [string, string]>;
  /** The pass under way: its run and the latest modification time it reads. */
  pass?: { run: string; through: string };
  /** Inside a file: where the next record starts. */
  partial?: { key: string; etag: string; line: number; offset: number; header?: string[] };
}

function after(a: Cursor, b: Cursor): boolean {
  return a.modified > b.modified || (a.modified === b.modified && a.key > b.key);
}

function order(a: FileObject, b: FileObject): number {
  return a.modified < b.modified ? -1 : a.modified > b.modified ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export function formatOf(table: FileTable, key: string): { format: FileFormat; gzip: boolean } {
  const lower = key.toLowerCase();
  const gzip = table.compression === "gzip" || (table.compression === "infer" && /\.gz(ip)?$/.test(lower));
  const base = gzip ? lower.replace(/\.gz(ip)?$/, "") : lower;
  if (table.format) return { format: table.format, gzip };
  if (base.endsWith(".parquet")) return { format: "parquet", gzip };
  if (base.endsWith(".jsonl") || base.endsWith(".ndjson") || base.endsWith(".json")) return { format: "jsonl", gzip };
  if (base.endsWith(".tsv") || base.endsWith(".tab")) return { format: "tsv", gzip };
  return { format: "csv", gzip };
}

function fileState(state: StreamState | undefined): FileState {
  const s = state as Partial<FileState> | undefined;
  return s?.v === 1 ? (structuredClone(s) as FileState) : { v: 1, columns: [] };
}

function streamKey(table: FileTable): string {
  return `${table.namespace}.${table.name}`;
}

/** Lists the table's objects that the next read takes, smallest (modified, key) first, at most `limit`. */
async function candidates(
  store: FileStore,
  table: FileTable,
  accept: (object: FileObject) => boolean,
  limit: number,
  signal?: AbortSignal,
): Promise<FileObject[]> {
  let held: FileObject[] = [];
  for await (const page of store.list(table.prefix, signal)) {
    for (const object of page) {
      if (object.key.endsWith("/") || !table.matches(object.key) || !accept(object)) continue;
      held.push(object);
    }
    if (held.length > 2 * limit) held = held.sort(order).slice(0, limit);
  }
  return held.sort(order).slice(0, limit);
}

/** Accepts what a read from `state` must still take, up to `through`. */
function acceptor(state: FileState, lookbackMs: number, through: string | undefined) {
  const cursor = state.cursor;
  const windowStart = cursor ? new Date(Date.parse(cursor.modified) - lookbackMs).toISOString() : "";
  return (object: FileObject) => {
    if (through !== undefined && object.modified > through) return false;
    if (!cursor || after(object, cursor)) return true;
    if (object.modified < windowStart) return false;
    return state.recent?.[object.key]?.[0] !== object.etag;
  };
}

// ---------------------------------------------------------------------------------------
// Reading one file: records with their line and where the next one starts.

interface Record_ {
  /** Values by data column name. */
  values: Map<string, unknown>;
  /** How the values are typed: CSV text (quoted flags aside), JSON values, or Parquet values. */
  kind: "text" | "json" | "parquet";
  line: number;
  /** Where the next record starts (CSV/JSONL byte offset; Parquet: the row index). */
  next: number;
  header?: string[];
}

async function* bytesOf(
  store: FileStore,
  object: FileObject,
  start: number,
  gzip: boolean,
  signal?: AbortSignal,
): AsyncGenerator<Uint8Array> {
  // Resumed at the end (its last record was the checkpoint's): a Range past it is unsatisfiable.
  if (start > 0 && start >= object.size) return;
  let stream = await store.read(object, start, undefined, signal);
  if (gzip)
    stream = stream.pipeThrough(new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>);
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
    await stream.cancel().catch(() => {});
  }
}

function headerNames(fields: string[]): string[] {
  const seen = new Map<string, number>();
  return fields.map((field, i) => {
    let name = field.trim() || `column_${i + 1}`;
    const count = seen.get(name) ?? 0;
    seen.set(name, count + 1);
    if (count > 0) name = `${name}_${count + 1}`;
    return name;
  });
}

async function* csvRecords(
  store: FileStore,
  table: FileTable,
  object: FileObject,
  tsv: boolean,
  gzip: boolean,
  resume: { line: number; offset: number; header?: string[] } | undefined,
  limitBytes: number | undefined,
  signal?: AbortSignal,
): AsyncGenerator<Record_> {
  // A gzip stream cannot be entered in the middle: it is read again from its start.
  const ranged = resume && !gzip && resume.offset > 0;
  const start = ranged ? resume.offset : 0;
  const reader = new CsvReader(
    {
      delimiter: table.delimiter ?? (tsv ? "\t" : ","),
      quote: table.quote ?? '"',
      escape: table.escape,
      encoding: table.encoding,
    },
    start,
  );
  let header = ranged ? resume.header : undefined;
  let skipped = ranged ? table.skipBefore : 0;
  let line = ranged ? resume.line : 0;
  const skipTo = !ranged && resume ? resume.line : 0;
  // skip_after: the last N records are held back until the file ends, then dropped unread.
  const held: { fields: string[]; quoted: boolean[]; end: number }[] = [];
  let read = 0;
  const release = (fields: string[], quoted: boolean[], end: number): Record_ => {
    const names = header ?? fields.map((_, i) => `column_${i + 1}`);
    if (fields.length !== names.length) {
      throw new CsvSyntaxError(
        `line ${line + 1} has ${fields.length} fields where the header has ${names.length}`,
        end,
      );
    }
    line += 1;
    const values = new Map<string, unknown>();
    for (let i = 0; i < names.length; i++) {
      const text = fields[i] as string;
      const isNull = (!quoted[i] && text === "") || (table.nullSequence !== undefined && text === table.nullSequence);
      values.set(names[i] as string, isNull ? null : text);
    }
    return { values, kind: "text", line, next: end, header };
  };
  const take = function* (fields: string[], quoted: boolean[], end: number): Generator<Record_> {
    if (skipped < table.skipBefore) {
      skipped += 1;
      return;
    }
    if (table.header && !header) {
      header = headerNames(fields);
      return;
    }
    held.push({ fields, quoted, end });
    if (held.length > table.skipAfter) {
      const next = held.shift() as { fields: string[]; quoted: boolean[]; end: number };
      const out = release(next.fields, next.quoted, next.end);
      if (out.line > skipTo) yield out;
    }
  };
  try {
    for await (const chunk of bytesOf(store, object, start, gzip, signal)) {
      for (const r of reader.push(chunk)) yield* take(r.fields, r.quoted, r.end);
      read += chunk.length;
      if (limitBytes !== undefined && read >= limitBytes) return;
    }
    for (const r of reader.end()) yield* take(r.fields, r.quoted, r.end);
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      throw new FileFormatError(`${store.where(object.key)} is not valid CSV: ${error.message} (byte ${error.offset})`);
    }
    throw error;
  }
}

async function* jsonRecords(
  store: FileStore,
  table: FileTable,
  object: FileObject,
  gzip: boolean,
  resume: { line: number; offset: number } | undefined,
  limitBytes: number | undefined,
  signal?: AbortSignal,
): AsyncGenerator<Record_> {
  const ranged = resume && !gzip && resume.offset > 0;
  let offset = ranged ? resume.offset : 0;
  let line = ranged ? resume.line : 0;
  const skipTo = !ranged && resume ? resume.line : 0;
  const decoder = new TextDecoder(table.encoding, { fatal: true, ignoreBOM: false });
  let pending = new Uint8Array(0);
  let read = 0;
  const parse = (bytes: Uint8Array, end: number): Record_ | undefined => {
    let text: string;
    try {
      text = decoder.decode(bytes).trim();
    } catch {
      throw new FileFormatError(
        `${store.where(object.key)} line ${line + 1}: bytes that are not valid ${table.encoding}`,
      );
    }
    if (text === "") return undefined;
    line += 1;
    let value: unknown;
    try {
      value = parseJson(text);
    } catch (error) {
      throw new FileFormatError(
        `${store.where(object.key)} line ${line} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const values = new Map<string, unknown>();
    if (table.jsonMode === "packed") values.set("_data", value);
    else {
      if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw new FileFormatError(
          `${store.where(object.key)} line ${line} is not a JSON object (json_delivery_mode Unpacked needs one per line)`,
        );
      }
      for (const [k, v] of Object.entries(value)) values.set(k, v);
    }
    return { values, kind: "json", line, next: end };
  };
  for await (const chunk of bytesOf(store, object, offset, gzip, signal)) {
    let bytes = chunk;
    if (pending.length > 0) {
      bytes = new Uint8Array(pending.length + chunk.length);
      bytes.set(pending);
      bytes.set(chunk, pending.length);
    }
    let from = 0;
    for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, from)) {
      const record = parse(bytes.subarray(from, i), offset + i + 1);
      from = i + 1;
      if (record && record.line > skipTo) yield record;
    }
    offset += from;
    pending = bytes.slice(from);
    read += chunk.length;
    if (limitBytes !== undefined && read >= limitBytes) return;
  }
  const last = parse(pending, offset + pending.length);
  if (last && last.line > skipTo) yield last;
}

function asyncBuffer(store: FileStore, object: FileObject, signal?: AbortSignal): AsyncBuffer {
  return {
    byteLength: object.size,
    async slice(start: number, end?: number) {
      const stream = await store.read(object, start, end ?? object.size, signal);
      return new Response(stream).arrayBuffer();
    },
  };
}

async function parquetMeta(store: FileStore, object: FileObject, signal?: AbortSignal) {
  const file = asyncBuffer(store, object, signal);
  let metadata: FileMetaData;
  try {
    metadata = await readParquetMetadata(file);
  } catch (error) {
    throw new FileFormatError(
      `${store.where(object.key)} is not a Parquet file: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return { file, metadata, columns: parquetColumns(metadata) };
}

async function* parquetRecords(
  store: FileStore,
  object: FileObject,
  resume: { line: number } | undefined,
  signal?: AbortSignal,
): AsyncGenerator<Record_> {
  const { file, metadata, columns } = await parquetMeta(store, object, signal);
  const unsupported = columns.find((c) => c.unsupported);
  if (unsupported) throw new FileFormatError(`${store.where(object.key)}: ${unsupported.unsupported}`);
  const total = Number(metadata.num_rows);
  const byName = new Map(columns.map((c) => [c.name, c]));
  const zoned = columns.some((c) => c.zoned);
  for (let start = resume?.line ?? 0; start < total; start += PARQUET_WINDOW) {
    const end = Math.min(total, start + PARQUET_WINDOW);
    let rows: Record<string, unknown>[];
    try {
      rows = await readParquetRows(file, metadata, start, end, zoned);
    } catch (error) {
      throw new FileFormatError(
        `${store.where(object.key)} rows ${start + 1}-${end}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    for (let i = 0; i < rows.length; i++) {
      const values = new Map<string, unknown>();
      for (const [k, v] of Object.entries(rows[i] as Record<string, unknown>)) values.set(k, [v, byName.get(k)]);
      yield { values, kind: "parquet", line: start + i + 1, next: start + i + 1 };
    }
  }
}

function records(
  store: FileStore,
  table: FileTable,
  object: FileObject,
  resume: { line: number; offset: number; header?: string[] } | undefined,
  limitBytes: number | undefined,
  signal?: AbortSignal,
): AsyncGenerator<Record_> {
  const { format, gzip } = formatOf(table, object.key);
  if (format === "parquet") {
    if (gzip) throw new FileFormatError(`${store.where(object.key)}: a gzipped Parquet file cannot be read by ranges`);
    return parquetRecords(store, object, resume, signal);
  }
  if (format === "jsonl") return jsonRecords(store, table, object, gzip, resume, limitBytes, signal);
  return csvRecords(store, table, object, format === "tsv", gzip, resume, limitBytes, signal);
}

function inferValue(kind: Record_["kind"], value: unknown): ColumnType | undefined {
  if (value === null || value === undefined) return undefined;
  if (kind === "text") return inferText(value as string);
  if (kind === "json") return inferJson(value);
  const [v, column] = value as [unknown, ParquetColumn | undefined];
  return v === null || v === undefined ? undefined : column?.type;
}

function convert(kind: Record_["kind"], value: unknown, type: ColumnType): Converted {
  if (value === null || value === undefined) return null;
  if (kind === "text") return fromText(value as string, type);
  if (kind === "json") return fromJson(value, type);
  const [v, column] = value as [unknown, ParquetColumn];
  return fromParquet(v, column, type);
}

/** Merges a record's columns into `columns` (types widening); returns whether anything changed. */
function learn(columns: FileState["columns"], record: Record_): boolean {
  let changed = false;
  for (const [name, value] of record.values) {
    if (SYSTEM_NAMES.has(name)) continue;
    const type = inferValue(record.kind, value);
    const known = columns.find((c) => c.name === name);
    if (!known) {
      columns.push({ name, type: type ?? "string" });
      changed = true;
    } else if (type !== undefined) {
      const wider = widen(known.type, type) as ColumnType;
      if (wider !== known.type) {
        known.type = wider;
        changed = true;
      }
    }
  }
  return changed;
}

function streamOf(table: FileTable, columns: FileState["columns"]): Stream {
  return {
    namespace: table.namespace,
    name: table.name,
    columns: [
      ...SYSTEM,
      ...columns.map((c) => ({ name: c.name, type: c.type, sourceType: c.type, nullable: true }) satisfies Column),
    ],
    primaryKey: ["_file", "_line"],
    cursorCandidates: ["_modified"],
  };
}

function modifiedValue(modified: string): string {
  return modified.replace(/Z$/, "000Z");
}

function cloneState(state: FileState): StreamState {
  return structuredClone(state) as unknown as StreamState;
}

/** The shared SourceReader of the file sources. */
export function fileReader<C>(spec: FileSourceSpec<C>): SourceReader<C> {
  return {
    async discover(config, ctx, previous): Promise<Discovery> {
      const states = sourceStates(previous?.state);
      const table = spec.table(config);
      const store = spec.store(config, ctx);
      const state = fileState(states?.[streamKey(table)]);
      const columns = state.columns;
      const sample = await candidates(store, table, acceptor(state, 0, undefined), SAMPLE_FILES, ctx.signal);
      for (const object of sample) {
        const { format } = formatOf(table, object.key);
        if (format === "parquet") {
          const { columns: found } = await parquetMeta(store, object, ctx.signal);
          for (const c of found) {
            const known = columns.find((k) => k.name === c.name);
            if (!known) columns.push({ name: c.name, type: c.type });
            else known.type = widen(known.type, c.type) as ColumnType;
          }
          continue;
        }
        for await (const record of records(store, table, object, undefined, SAMPLE_BYTES_PER_FILE, ctx.signal)) {
          learn(columns, record);
        }
      }
      return {
        streams: [
          streamOf(
            table,
            columns.filter((c) => !SYSTEM_NAMES.has(c.name)),
          ),
        ],
        warnings: [],
      };
    },

    async open(config, ctx) {
      const table = spec.table(config);
      const store = spec.store(config, ctx);
      return {
        read: (configured, state, readCtx) => readTable(table, store, configured, state, readCtx),
        async close() {},
      };
    },
  };
}

async function* readTable(
  table: FileTable,
  store: FileStore,
  configured: ConfiguredStream,
  stored: StreamState | undefined,
  ctx: ReadContext,
): AsyncGenerator<SourceMessage> {
  const key = streamKey(table);
  const stream = configured.stream;
  let state = fileState(stored);
  const run = ctx.runStartedAt.toISOString();
  if (state.pass?.run !== run) {
    // A new pass: a full read starts over; every pass reads up to the time it began.
    if (configured.mode === "full") state = { v: 1, columns: state.columns };
    // Listings give modification times to the second (S3's LastModified): an object written in
    // the pass's first second could show a time before the pass began, so the pass stops short
    // of that second; what it leaves is read by the next one.
    const second = Math.floor(ctx.now().getTime() / 1000) * 1000;
    state.pass = { run, through: new Date(second - 1).toISOString() };
  }
  const through = state.pass?.through as string;
  // The stream's columns for this run (discovery's); the state keeps what files showed since.
  const types = new Map(stream.columns.map((c) => [c.name, c.type]));
  for (const c of stream.columns) {
    if (SYSTEM_NAMES.has(c.name)) continue;
    const known = state.columns.find((k) => k.name === c.name);
    if (!known) state.columns.push({ name: c.name, type: c.type });
    else known.type = widen(known.type, c.type) as ColumnType;
  }
  const index = new Map(stream.columns.map((c, i) => [c.name, i]));
  let rows: Row[] = [];
  let bytes = 0;
  const batch = (): SourceMessage => {
    const out: SourceMessage = { kind: "upsert", stream: key, rows, count: rows.length, bytes };
    rows = [];
    bytes = 0;
    return out;
  };
  const prune = () => {
    const cursor = state.cursor;
    if (!cursor || !state.recent) return;
    const windowStart = new Date(Date.parse(cursor.modified) - configured.lookbackMs).toISOString();
    const kept = Object.entries(state.recent)
      .filter(([, [, modified]]) => modified >= windowStart)
      .sort((a, b) => (a[1][1] < b[1][1] ? 1 : -1))
      .slice(0, RECENT_MAX);
    state.recent = Object.fromEntries(kept);
  };
  for (;;) {
    // ctx.signal is the slice's budget: it asks for a checkpoint at the next batch, it does not
    // cancel a request under way (that would lose the batch being read).
    const list = await candidates(store, table, acceptor(state, configured.lookbackMs, through), LIST_WINDOW);
    if (list.length === 0) break;
    for (const object of list) {
      const partial =
        state.partial?.key === object.key && state.partial.etag === object.etag ? state.partial : undefined;
      const modified = modifiedValue(object.modified);
      for await (const record of records(store, table, object, partial, undefined)) {
        const row: Row = new Array(stream.columns.length).fill(null);
        row[0] = object.key;
        row[1] = BigInt(record.line);
        row[2] = modified;
        let misfit: string | undefined;
        for (const [name, value] of record.values) {
          if (SYSTEM_NAMES.has(name)) continue;
          const at = index.get(name);
          const type = types.get(name);
          if (at === undefined || type === undefined) {
            misfit = `a column ${name} that this run's schema does not have`;
            break;
          }
          const converted = convert(record.kind, value, type);
          if (converted === MISFIT) {
            misfit = `column ${name} holds a value wider than its type ${type}`;
            break;
          }
          row[at] = converted as Value;
        }
        if (misfit !== undefined) {
          // The schema must widen first: what came before this file is committed with the
          // wider columns in the state; the next run's discovery migrates and reads on.
          learn(state.columns, record);
          state.partial = undefined;
          if (rows.length > 0) yield batch();
          yield { kind: "checkpoint", stream: key, state: cloneState(state) };
          ctx.log.warn(
            `${store.where(object.key)} line ${record.line}: ${misfit}; the schema is widened and the next sync continues from this file`,
          );
          return;
        }
        rows.push(row);
        for (const v of row) bytes += valueBytes(v);
        if (bytes >= ctx.pageBytes) {
          state.partial = {
            key: object.key,
            etag: object.etag,
            line: record.line,
            offset: record.next,
            header: record.header,
          };
          yield batch();
          yield { kind: "checkpoint", stream: key, state: cloneState(state) };
          if (ctx.signal.aborted) return;
        }
      }
      // The file is read to its end.
      state.partial = undefined;
      if (!state.cursor || after(object, state.cursor)) state.cursor = { modified: object.modified, key: object.key };
      state.recent ??= {};
      state.recent[object.key] = [object.etag, object.modified];
      prune();
      if (ctx.signal.aborted) {
        if (rows.length > 0) yield batch();
        yield { kind: "checkpoint", stream: key, state: cloneState(state) };
        return;
      }
    }
  }
  if (rows.length > 0) yield batch();
  yield { kind: "checkpoint", stream: key, state: cloneState(state) };
}

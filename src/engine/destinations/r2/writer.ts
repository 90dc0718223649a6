/**
 * Writing into R2 as an append-only log of files a query engine reads (README: "R2 data lake").
 *
 * - **Layout.** `<prefix>/<schema>/<table>/<yyyy-mm-dd>/<run>-<part>.<ext>`: `<yyyy-mm-dd>` and
 *   `<run>` (`20240102T030405123Z`) come from the run's start (`_fivetran_synced`); `<part>` is
 *   the table's own sequence (10 digits), increasing with every file ever written to it, so a
 *   later part always holds later operations, whatever the clock said.
 * - **Rows.** Every operation appends a row: an upsert the row itself (`_fivetran_deleted`
 *   false), a delete the key alone (`_fivetran_deleted` true, stamped with the delete's
 *   `_fivetran_synced`). A part holds at most one row per key: the last operation on it in the
 *   part. A truncate is a marker row whose key (or `_fivetran_id`) is NULL, in a part of its
 *   own: every row of an earlier part whose `_fivetran_synced` is before the marker's (every
 *   row, when the marker's is NULL) is deleted, its own `_fivetran_synced` kept (Fivetran's
 *   bulk delete). The current table is the latest row per key, not deleted and not truncated:
 *   README's reconstruct query.
 * - **Commit.** Parts are uploaded as they fill; `flush()` uploads the rest, then the table's
 *   state `<schema>/<table>/_fivetran_table.json` (columns, next part), then the run's manifest
 *   `<schema>/_fivetran_runs/<run>.json` (files, row counts, schema with types) — the manifest
 *   last, so it never names a file that is not complete.
 * - **Replay.** A writer starts its parts at the committed next part and first deletes any
 *   file past it (a crashed writer's), so a replayed batch overwrites what the crash left.
 *   Replayed rows that had been flushed already are identical rows (same key, values and
 *   `_fivetran_synced`): the reconstruct query collapses them.
 *
 * Only soft_delete: files are never rewritten, so live mode (removing rows) and history mode
 * (closing versions in place) are refused per table by the runner, and the schema config API
 * refuses those sync modes for an R2 destination (DestinationDefinition.syncModes).
 */
import { TableError } from "../../errors";
import type {
  Column,
  DeleteTimes,
  DestinationCapabilities,
  DestinationWriter,
  Row,
  Stream,
  SyncMode,
  TableRef,
  TruncateTime,
  UpsertBatch,
  Value,
  WriteResult,
} from "../../protocol";
import {
  CONTENT_TYPE,
  DELETED,
  EXTENSION,
  encodeFile,
  type FileFormat,
  type FileRow,
  lakeType,
  ROW_ID,
  SYNCED,
  toBase64,
} from "./encode";
import { FingerprintSet, type PartRow, readPart } from "./read-back";

/** What an R2 bucket must do for the writer (a binding or R2's S3 API: index.ts). */
export interface LakeBucket {
  label: string;
  put(key: string, body: string | Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<string | null>;
  /** An object's bytes (a Parquet part read back), or null. */
  getBytes(key: string): Promise<Uint8Array | null>;
  delete(key: string): Promise<void>;
  /** Every key under `prefix`. */
  list(prefix: string): Promise<string[]>;
}

export interface R2WriterOptions {
  format: FileFormat;
  /** Key prefix without slashes at either end ('' for none). */
  prefix: string;
  /** A part is uploaded once its rows hold this many bytes of values. */
  partBytes?: number;
  /** Target bytes of values per Parquet row group. */
  rowGroupBytes?: number;
  /** Most key fingerprints `truncatedKeys` holds at once ({@link SEEN_LIMIT}). */
  seenLimit?: number;
}

export const R2_SYNC_MODES: SyncMode[] = ["soft_delete"];

/** What the files can do, for the runner. */
export const R2_CAPABILITIES: DestinationCapabilities = {
  // Key segments and Parquet column names; R2 keys are at most 1024 bytes in all.
  identifiers: { maxLength: 128, caseInsensitive: false, reservedSchemaPrefixes: [] },
  codecs: [],
  // Files are appended, never replaced by key range: a snapshot's deletes come from truncate(before).
  replaceRangeKeyTypes: [],
  deletes: true,
  transactions: false,
  syncModes: R2_SYNC_MODES,
  // A value the source did not resend cannot be taken from a file without reading it back.
  unchangedValues: false,
  // Each new file carries the stream's types; the manifest records the wider one.
  migrateWidens: true,
};

/** The table state file: what the next writer continues from. */
interface TableState {
  version: 1;
  format: FileFormat;
  columns: ManifestColumn[];
  primary_key: string[];
  /** `_fivetran_id` is the key (no primary key). */
  keyless: boolean;
  next_part: number;
  /** The run whose manifest lists the latest committed part (`<schema>/_fivetran_runs/<last_run>.json`). */
  last_run?: string;
}

/** A column as manifests list it: its name, its type in the files, the protocol type. */
export interface ManifestColumn {
  name: string;
  type: string;
  source_type: ColumnTypeName;
  nullable: boolean;
  precision?: number;
  scale?: number;
}
type ColumnTypeName = Column["type"];

interface ManifestFile {
  key: string;
  part: number;
  rows: number;
  deletes: number;
  truncate?: { before: string | null };
  bytes: number;
}

/** `<schema>/_fivetran_runs/<run>.json`. */
export interface RunManifest {
  version: 1;
  run: string;
  synced_at: string;
  format: FileFormat;
  tables: Record<string, { columns: ManifestColumn[]; primary_key: string[]; files: ManifestFile[]; rows: number }>;
}

interface Buffered {
  row: FileRow;
  bytes: number;
}

interface TableInfo {
  schema: string;
  stream: Stream;
  dir: string;
  state: TableState;
  keyIndexes: number[];
  /** The open part's rows, one per key (the last operation wins), and their run. */
  rows: Map<string, Buffered>;
  bytes: number;
  run?: Date;
  /** Parts uploaded since the last flush, by run. */
  uploaded: { run: Date; file: ManifestFile }[];
}

const PART_DIGITS = 10;
const DEFAULT_PART_BYTES = 16 * 1024 * 1024;
const DEFAULT_ROW_GROUP_BYTES = 8 * 1024 * 1024;

/** `20240102T030405123Z`: a run's name, sortable. */
export function runName(at: Date): string {
  return at.toISOString().replace(/[-:.]/g, "");
}

function keyText(values: readonly Value[]): string {
  return values
    .map((v) => {
      if (v === null) return "N";
      if (typeof v === "bigint") return `L${v}`;
      if (v instanceof Uint8Array) return `B${toBase64(v)}`;
      return `${typeof v}:${JSON.stringify(v)}`;
    })
    .join("\u0000");
}

function valueBytes(v: Value): number {
  if (v === null) return 1;
  if (typeof v === "string") return v.length + 4;
  if (v instanceof Uint8Array) return v.length + 4;
  return 8;
}

async function rowId(values: readonly Value[]): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(keyText(values)));
  return [...new Uint8Array(digest).slice(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

const microsOf = (at: Date) => BigInt(at.getTime()) * 1000n;

/** A run's name (`20240102T030405123Z`) → its start in epoch microseconds. */
function runMicros(run: string): bigint {
  const iso = `${run.slice(0, 4)}-${run.slice(4, 6)}-${run.slice(6, 8)}T${run.slice(9, 11)}:${run.slice(11, 13)}:${run.slice(13, 15)}.${run.slice(15, 18)}Z`;
  return microsOf(new Date(iso));
}

/** Keys per page of `truncatedKeys`. */
const KEY_PAGE = 5000;

/** Most key fingerprints `truncatedKeys` holds at once: 16–32 MB (FingerprintSet). */
export const SEEN_LIMIT = 1_000_000;

/** The first 8 bytes of a key text's SHA-256: its fingerprint in truncatedKeys' set. */
async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)), 0, 8);
}

/**
 * A key's identity across parts, whichever way its values were typed: the open part holds
 * them as the source gave them, a part read back as the file does (an int as a number or a
 * bigint, a decimal padded to its scale, a uuid's case).
 */
function identity(values: readonly Value[], columns: readonly Column[]): string {
  return keyText(
    values.map((v, i) => {
      if (v === null) return v;
      switch (columns[i]?.type) {
        case "int":
        case "long":
          return typeof v === "number" && Number.isInteger(v) ? BigInt(v) : v;
        case "decimal":
          return /^-?\d+\.\d*$/.test(String(v)) ? String(v).replace(/\.?0+$/, "") : v;
        case "uuid":
          return String(v).toLowerCase();
        default:
          return v;
      }
    }),
  );
}

function hexBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(8);
  for (let i = 0; i < 8; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16) || 0;
  return bytes;
}

export function manifestColumns(stream: Stream): ManifestColumn[] {
  return stream.columns.map((c) => ({
    name: c.name,
    type: lakeType(c),
    source_type: c.type,
    nullable: c.nullable,
    ...(c.precision === undefined ? {} : { precision: c.precision }),
    ...(c.scale === undefined ? {} : { scale: c.scale }),
  }));
}

/** A writer over one bucket; `open` it per slice. */
export class R2Writer implements DestinationWriter {
  readonly capabilities = R2_CAPABILITIES;
  private readonly tables = new Map<string, TableInfo>();
  private readonly partBytes: number;
  private readonly rowGroupBytes: number;

  constructor(
    private readonly bucket: LakeBucket,
    private readonly options: R2WriterOptions,
  ) {
    this.partBytes = options.partBytes ?? DEFAULT_PART_BYTES;
    this.rowGroupBytes = options.rowGroupBytes ?? DEFAULT_ROW_GROUP_BYTES;
  }

  private root(): string {
    return this.options.prefix ? `${this.options.prefix}/` : "";
  }

  async migrate(schema: string, streams: Stream[], modes?: readonly (SyncMode | undefined)[]): Promise<void> {
    for (const [i, stream] of streams.entries()) {
      const mode = modes?.[i] ?? "soft_delete";
      const name = `${schema}.${stream.name}`;
      if (!R2_SYNC_MODES.includes(mode)) {
        throw new TableError(
          `${name} is set to sync mode ${mode.toUpperCase()}; R2 files are append-only and keep SOFT_DELETE only`,
        );
      }
      // Names become key segments: a `/` would nest the layout (and break its globs), `.` and `..` climb it.
      for (const [what, value] of [
        ["table", stream.name],
        ["schema", schema],
      ] as const) {
        const control = [...value].some((c) => c.charCodeAt(0) < 0x20);
        if (control || value.includes("/") || value.includes("\\") || value === "." || value === "..") {
          throw new TableError(
            `${name}: the ${what} name '${value}' cannot be an R2 key segment (no /, \\, control characters, . or ..)`,
          );
        }
      }
      if (stream.name.startsWith("_fivetran")) {
        throw new TableError(`${name}: table names starting with _fivetran are the R2 destination's own`);
      }
      if (schema.startsWith("_fivetran")) {
        throw new TableError(`${name}: schema names starting with _fivetran are the R2 destination's own`);
      }
      await this.migrateOne(schema, stream);
    }
  }

  private async migrateOne(schema: string, stream: Stream): Promise<void> {
    const dir = `${this.root()}${schema}/${stream.name}`;
    const stateKey = `${dir}/_fivetran_table.json`;
    const stored = await this.bucket.get(stateKey);
    const keyless = stream.primaryKey.length === 0;
    let state: TableState;
    if (stored === null) {
      state = {
        version: 1,
        format: this.options.format,
        columns: manifestColumns(stream),
        primary_key: stream.primaryKey,
        keyless,
        next_part: 0,
      };
    } else {
      state = JSON.parse(stored) as TableState;
      if (state.format !== this.options.format) {
        throw new TableError(
          `${schema}.${stream.name} holds ${state.format} files; the destination now writes ${this.options.format}: re-sync the table into another prefix`,
        );
      }
      if (state.keyless !== keyless || state.primary_key.join() !== stream.primaryKey.join()) {
        throw new TableError(
          `${schema}.${stream.name}'s primary key changed (${state.primary_key.join(", ") || "none"} → ${stream.primaryKey.join(", ") || "none"}): re-sync the table`,
        );
      }
      // New columns are appended (readers union files by name); a type that changed is the
      // new one from here on, listed so.
      const known = new Map(state.columns.map((c) => [c.name, c]));
      for (const column of manifestColumns(stream)) known.set(column.name, column);
      state = { ...state, columns: [...known.values()] };
    }
    if (!this.tables.has(`${schema}.${stream.name}`)) {
      // Files past the committed state are a crashed writer's: gone before anything is written.
      for (const key of await this.bucket.list(`${dir}/`)) {
        const part = /-(\d+)\.[a-z]+$/.exec(key)?.[1];
        if (part !== undefined && Number(part) >= state.next_part) await this.bucket.delete(key);
      }
    }
    if (stored === null || JSON.stringify(JSON.parse(stored)) !== JSON.stringify(state)) {
      await this.bucket.put(stateKey, JSON.stringify(state), "application/json");
    }
    const previous = this.tables.get(`${schema}.${stream.name}`);
    this.tables.set(`${schema}.${stream.name}`, {
      schema,
      stream,
      dir,
      state: previous ? { ...state, next_part: previous.state.next_part } : state,
      keyIndexes: stream.primaryKey.map((k) => stream.columns.findIndex((c) => c.name === k)),
      rows: previous?.rows ?? new Map(),
      bytes: previous?.bytes ?? 0,
      run: previous?.run,
      uploaded: previous?.uploaded ?? [],
    });
  }

  private table(ref: TableRef): TableInfo {
    const table = this.tables.get(`${ref.schema}.${ref.stream.name}`);
    if (!table) throw new Error(`migrate was not called for ${ref.schema}.${ref.stream.name}`);
    return table;
  }

  /** Adds one row to the open part; a different run or a full part seals it first. */
  private async add(table: TableInfo, key: string, row: FileRow, bytes: number, run: Date): Promise<void> {
    if (table.run && table.run.getTime() !== run.getTime()) await this.seal(table);
    this.put(table, key, row, bytes, run);
    if (table.bytes >= this.partBytes) await this.seal(table);
  }

  /** `add` without its awaits, for the rows of a batch that neither change run nor fill the part. */
  private put(table: TableInfo, key: string, row: FileRow, bytes: number, run: Date): void {
    table.run = run;
    const before = table.rows.get(key);
    if (before) {
      table.bytes -= before.bytes;
      table.rows.delete(key);
    }
    table.rows.set(key, { row, bytes });
    table.bytes += bytes;
  }

  /** Uploads the open part as the table's next part file. */
  private async seal(table: TableInfo, marker?: { row: FileRow; before: string | null; run: Date }): Promise<void> {
    const run = marker?.run ?? table.run;
    const entries = marker ? [{ row: marker.row, bytes: 16 }] : [...table.rows.values()];
    if (!run || entries.length === 0) return;
    const part = table.state.next_part;
    const ext = EXTENSION[this.options.format];
    const key = `${table.dir}/${run.toISOString().slice(0, 10)}/${runName(run)}-${String(part).padStart(PART_DIGITS, "0")}.${ext}`;
    const body = encodeFile(
      this.options.format,
      table.stream.columns,
      table.state.keyless,
      entries.map((e) => e.row),
      entries.map((e) => e.bytes),
      { rowGroupBytes: this.rowGroupBytes },
    );
    await this.bucket.put(key, body, CONTENT_TYPE[this.options.format]);
    const deletes = entries.filter((e) => e.row.deleted).length;
    table.uploaded.push({
      run,
      file: {
        key: key.slice(this.root().length),
        part,
        rows: entries.length - deletes,
        deletes,
        bytes: body.length,
        ...(marker ? { truncate: { before: marker.before } } : {}),
      },
    });
    table.state.next_part = part + 1;
    if (!marker) {
      table.rows = new Map();
      table.bytes = 0;
      table.run = undefined;
    }
  }

  async write(ref: TableRef, batch: UpsertBatch, syncedAt: Date): Promise<WriteResult> {
    const table = this.table(ref);
    const name = `${ref.schema}.${ref.stream.name}`;
    if (batch.unchanged?.some((u) => u !== undefined && u.length > 0)) {
      throw new TableError(
        `${name}: the source did not resend some values (unchanged TOASTed columns); R2 files cannot take them from earlier files`,
      );
    }
    const synced = microsOf(syncedAt);
    for (const values of batch.rows) {
      const bytes = values.reduce<number>((sum, v) => sum + valueBytes(v), 16);
      if (table.state.keyless) {
        const id = await rowId(values);
        await this.add(table, id, { values, synced, deleted: false, id }, bytes, syncedAt);
      } else {
        const key = keyText(table.keyIndexes.map((k) => values[k] ?? null));
        const row: FileRow = { values, synced, deleted: false };
        // One await per part, not per row: only a new run or a full part needs the bucket.
        if ((table.run && table.run.getTime() !== syncedAt.getTime()) || table.bytes + bytes >= this.partBytes) {
          await this.add(table, key, row, bytes, syncedAt);
        } else this.put(table, key, row, bytes, syncedAt);
      }
    }
    return { rows: batch.count, bytes: batch.bytes };
  }

  async delete(ref: TableRef, keys: Row[], at?: DeleteTimes): Promise<number> {
    const table = this.table(ref);
    if (table.state.keyless) {
      throw new TableError(`${ref.schema}.${ref.stream.name} has no primary key to delete by`);
    }
    const syncedAt = at?.syncedAt ?? new Date();
    const synced = microsOf(syncedAt);
    const width = table.stream.columns.length;
    for (const key of keys) {
      const values: Value[] = Array.from({ length: width }, () => null);
      table.keyIndexes.forEach((k, i) => {
        values[k] = key[i] ?? null;
      });
      await this.add(table, keyText(key), { values, synced, deleted: true }, 32, syncedAt);
    }
    return keys.length;
  }

  async truncate(ref: TableRef, before?: Date, at?: TruncateTime): Promise<number> {
    const table = this.table(ref);
    await this.seal(table);
    const run = at?.syncedAt ?? before ?? new Date();
    const values: Value[] = Array.from({ length: table.stream.columns.length }, () => null);
    const row: FileRow = { values, synced: before ? microsOf(before) : null, deleted: true, id: null };
    await this.seal(table, { row, before: before ? before.toISOString() : null, run });
    // The rows it deletes are known only to a reader of every earlier file.
    return 0;
  }

  /**
   * The keys `truncate(ref, before)` would delete: those whose latest row (in the highest part
   * holding the key, the open part above all) is not deleted, not deleted by a truncate marker
   * in a later part, and (`before`) synced before `before` — read back from the table's own
   * files, newest part first. Reading stops at the first part below which every part is
   * already truncated (a full truncate, or a snapshot's end newer than all of them): a table
   * re-synced now and then is read from its last re-sync on. Each part is fetched whole (one
   * at a time; Parquet decodes only the key columns, every column of a keyless table). The
   * keys seen are remembered as 8-byte fingerprints, at most {@link SEEN_LIMIT} of them (option `seenLimit`): a
   * table with more keys since its last truncate is read again per share of the key space
   * (the fingerprint modulo the number of shares, doubled until each share fits). Keys listed
   * by an abandoned pass are listed again by a later one: usage metering keeps sets, so a key
   * listed twice counts once.
   */
  async *truncatedKeys(ref: TableRef, before?: Date): AsyncIterable<Row[]> {
    const table = this.table(ref);
    const { stream } = ref;
    const keyless = table.state.keyless;
    // The key's columns (every column of a keyless table, whose key is all its values).
    const columns = keyless ? stream.columns : table.keyIndexes.map((k) => stream.columns[k] as Column);
    const limit = before ? microsOf(before) : undefined;
    const parts = (await this.bucket.list(`${table.dir}/`))
      .map((key) => {
        const m = /\/(\d{8}T\d{9}Z)-(\d+)\.[a-z]+$/.exec(key);
        return m ? { key, part: Number(m[2]), run: runMicros(m[1] as string) } : undefined;
      })
      .filter((f): f is { key: string; part: number; run: bigint } => f !== undefined && f.part < table.state.next_part)
      .sort((a, b) => b.part - a.part);
    // The newest run among the parts from each position down: reading stops once every part
    // left is older than a marker already read (its rows are all truncated, and none can be
    // any key's latest live row).
    const newestBelow: bigint[] = new Array(parts.length);
    for (let i = parts.length - 1, newest = -(2n ** 63n); i >= 0; i--) {
      const run = (parts[i] as { run: bigint }).run;
      newest = run > newest ? run : newest;
      newestBelow[i] = newest;
    }
    const label = `${ref.schema}.${stream.name}`;
    const bucket = this.bucket;
    const format = this.options.format;
    const seenLimit = Math.max(1, this.options.seenLimit ?? SEEN_LIMIT);
    /** One pass over the keys whose fingerprint is `share` modulo `shares`; false when they did not fit. */
    async function* pass(shares: number, share: number): AsyncGenerator<Row[], boolean> {
      const seen = new FingerprintSet();
      /** Truncate markers of the parts read so far (all above the parts still to read). */
      let full = false;
      let newestBefore: bigint | undefined;
      const markers: { part: number; before: bigint | null }[] = [];
      const truncated = (part: number, synced: bigint | null) =>
        markers.some((m) => m.part > part && (m.before === null || (synced !== null && synced < m.before)));
      let page: Row[] = [];
      /** Whether the key was taken into account (false: the set is full). */
      const consider = async (
        part: number,
        id: string | null,
        values: Row,
        synced: bigint | null,
        deleted: boolean,
      ) => {
        const fingerprint = keyless ? hexBytes(id ?? "") : await digest(identity(values, columns));
        if (shares > 1 && new DataView(fingerprint.buffer, fingerprint.byteOffset).getUint32(0) % shares !== share) {
          return true;
        }
        if (seen.size >= seenLimit) return false;
        if (!seen.add(fingerprint)) return true; // a later part has this key's latest row
        if (deleted || truncated(part, synced)) return true;
        if (limit !== undefined && (synced === null || synced >= limit)) return true;
        page.push(values);
        return true;
      };
      // The open part: sealed before the truncate's marker, so it is the newest.
      for (const [key, { row }] of table.rows) {
        const values = keyless ? row.values : table.keyIndexes.map((k) => row.values[k] ?? null);
        if (
          !(await consider(table.state.next_part, keyless ? (row.id ?? key) : null, values, row.synced, row.deleted))
        ) {
          return false;
        }
        if (page.length >= KEY_PAGE) {
          yield page;
          page = [];
        }
      }
      for (const [i, file] of parts.entries()) {
        if (full || (newestBefore !== undefined && (newestBelow[i] as bigint) < newestBefore)) break;
        const bytes = await bucket.getBytes(file.key);
        if (bytes === null) throw new Error(`${label}: part ${file.key} vanished while it was read`);
        const rows = await readPart(format, bytes, columns, keyless);
        const marker = rows.length === 1 && (keyless ? rows[0]?.id === null : rows[0]?.values[0] === null);
        if (marker) {
          const at = (rows[0] as PartRow).synced;
          markers.push({ part: file.part, before: at });
          if (at === null) full = true;
          else if (newestBefore === undefined || at > newestBefore) newestBefore = at;
          continue;
        }
        for (const row of rows) {
          if (!(await consider(file.part, row.id, row.values, row.synced, row.deleted))) return false;
          if (page.length >= KEY_PAGE) {
            yield page;
            page = [];
          }
        }
      }
      if (page.length > 0) yield page;
      return true;
    }
    for (let shares = 1; ; shares *= 2) {
      // Past 2^20 shares of a 32-bit space, fingerprints themselves would have to collide.
      if (shares > 2 ** 20) throw new Error(`${label}: the keys of a truncate did not fit ${seenLimit} fingerprints`);
      let fitted = true;
      for (let share = 0; share < shares && fitted; share++) {
        const run = pass(shares, share);
        for (;;) {
          const step = await run.next();
          if (step.done) {
            fitted = step.value;
            break;
          }
          yield step.value;
        }
      }
      if (fitted) return;
    }
  }

  async isEmpty(ref: TableRef): Promise<boolean> {
    const table = this.table(ref);
    return table.state.next_part === 0 && table.rows.size === 0;
  }

  /** Uploads the open parts, then each table's state, then each run's manifest (last). */
  async flush(): Promise<void> {
    const runs = new Map<string, { at: Date; tables: TableInfo[] }>();
    for (const table of this.tables.values()) {
      await this.seal(table);
      if (table.uploaded.length === 0) continue;
      table.state.last_run = runName((table.uploaded.at(-1) as { run: Date }).run);
      await this.bucket.put(`${table.dir}/_fivetran_table.json`, JSON.stringify(table.state), "application/json");
      for (const { run } of table.uploaded) {
        const id = `${table.schema}/${runName(run)}`;
        const entry = runs.get(id) ?? { at: run, tables: [] };
        if (!entry.tables.includes(table)) entry.tables.push(table);
        runs.set(id, entry);
      }
    }
    for (const [id, { at, tables }] of runs) {
      const [schema] = id.split("/") as [string];
      const key = `${this.root()}${schema}/_fivetran_runs/${runName(at)}.json`;
      const stored = await this.bucket.get(key);
      const manifest: RunManifest = stored
        ? (JSON.parse(stored) as RunManifest)
        : { version: 1, run: runName(at), synced_at: at.toISOString(), format: this.options.format, tables: {} };
      for (const table of tables) {
        const entry = manifest.tables[table.stream.name] ?? {
          columns: table.state.columns,
          primary_key: table.stream.primaryKey,
          files: [],
          rows: 0,
        };
        entry.columns = table.state.columns;
        for (const { run, file } of table.uploaded) {
          if (run.getTime() !== at.getTime()) continue;
          // A part number written again (after a crash) replaces its earlier entry.
          entry.files = [...entry.files.filter((f) => f.part !== file.part), file].sort((a, b) => a.part - b.part);
        }
        entry.rows = entry.files.reduce((sum, f) => sum + f.rows, 0);
        manifest.tables[table.stream.name] = entry;
      }
      await this.bucket.put(key, JSON.stringify(manifest, null, 2), "application/json");
    }
    for (const table of this.tables.values()) table.uploaded = [];
  }

  /** What was not flushed is dropped, as an uncommitted transaction is: the runner replays it. */
  async close(): Promise<void> {
    this.tables.clear();
  }
}

export { DELETED, ROW_ID, SYNCED };

/**
 * Reading Snowflake through the SQL API (api.ts): discovery from INFORMATION_SCHEMA and
 * `SHOW PRIMARY KEYS`, snapshots in primary-key pages, and incremental passes on a cursor
 * column bounded by a signpost taken when the pass begins, with the key as tie-break — the
 * PostgreSQL reader's guarantees (sources/postgres/reader.ts), over HTTP.
 *
 * Values arrive as the SQL API's JSON strings (rowType types them): NUMBER as its decimal
 * digits, FLOAT as a float's text (`inf`, `-inf`, `NaN`), BOOLEAN `true`/`false`, DATE as days
 * since the epoch, TIME as seconds since midnight and TIMESTAMP_NTZ/LTZ as seconds since the
 * epoch (nine decimals), TIMESTAMP_TZ as those seconds, a space and the offset in minutes plus
 * 1440, VARIANT/OBJECT/ARRAY as JSON text, BINARY as hex. Types map as: NUMBER(p,0) → int
 * (p ≤ 9), long (p ≤ 18), decimal (wider); NUMBER(p,s>0) → decimal(p,s); FLOAT → float;
 * TEXT → string; BOOLEAN → boolean; DATE → date; TIME → time; TIMESTAMP_NTZ → timestamp;
 * TIMESTAMP_LTZ and TIMESTAMP_TZ → timestamptz (the instant, in UTC); VARIANT and OBJECT →
 * json; ARRAY → array; BINARY → binary; GEOGRAPHY/GEOMETRY → json (GeoJSON); anything else →
 * string as Snowflake renders it. Times keep microseconds (the protocol's precision): digits
 * past them are cut, and kept exactly in the state, so cursors never lose them.
 *
 * State keeps key and cursor values in the API's own text (exact); a bound is sent back as a
 * binding (`?`, never spliced into SQL), timestamps through an explicit format
 * (`TO_TIMESTAMP_NTZ(?, 'YYYY-MM-DD HH24:MI:SS.FF9')`) so nothing depends on session formats.
 * Snowflake does not enforce primary keys: a table whose declared key is not unique holds its
 * duplicates as one row per key (the last read) in the destination.
 */
import type {
  Column,
  ColumnType,
  ConfiguredStream,
  Discovery,
  ReadContext,
  Row,
  SourceMessage,
  SourceReader,
  Stream,
  StreamState,
  UpsertBatch,
  Value,
} from "../../protocol";
import { PageSizer } from "../../toolkit/page-sizer";
import { valueBytes } from "../../toolkit/pg-values";
import type { SnowflakeBindings } from "../../toolkit/snowflake-auth";
import type { SnowflakeSourceConfig } from ".";
import { SnowflakeApi } from "./api";

/** Snowflake's quoting: `"name"` with `""` for a quote. */
export function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** An identifier from config (unquoted: upper-cased, as Snowflake resolves it). */
function resolved(name: string): string {
  return name.startsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name.toUpperCase();
}

const CURSOR_NAMES = [
  "updated_at",
  "updatedat",
  "modified_at",
  "last_modified",
  "last_modified_at",
  "last_updated",
  "last_updated_at",
  "updated",
  "modified",
  "_updated_at",
  "update_time",
  "changed_at",
];

const CURSOR_TYPES = new Set<ColumnType>(["timestamp", "timestamptz", "date", "int", "long"]);

export const DISCOVERY_SQL =
  "SELECT c.TABLE_SCHEMA, c.TABLE_NAME, c.COLUMN_NAME, c.DATA_TYPE, c.NUMERIC_PRECISION, c.NUMERIC_SCALE, c.IS_NULLABLE " +
  "FROM INFORMATION_SCHEMA.COLUMNS c JOIN INFORMATION_SCHEMA.TABLES t " +
  "ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME " +
  "WHERE t.TABLE_TYPE = 'BASE TABLE' AND c.TABLE_SCHEMA <> 'INFORMATION_SCHEMA' " +
  "ORDER BY c.TABLE_SCHEMA, c.TABLE_NAME, c.ORDINAL_POSITION";

/** The column type of an INFORMATION_SCHEMA data type. */
export function columnType(dataType: string, precision: number | null, scale: number | null): ColumnType {
  switch (dataType.toUpperCase()) {
    case "NUMBER":
    case "DECIMAL":
    case "NUMERIC":
      if ((scale ?? 0) > 0) return "decimal";
      if ((precision ?? 38) <= 9) return "int";
      if ((precision ?? 38) <= 18) return "long";
      return "decimal";
    case "FLOAT":
    case "DOUBLE":
    case "REAL":
      return "float";
    case "TEXT":
    case "VARCHAR":
    case "STRING":
    case "CHAR":
      return "string";
    case "BOOLEAN":
      return "boolean";
    case "DATE":
      return "date";
    case "TIME":
      return "time";
    case "TIMESTAMP_NTZ":
      return "timestamp";
    case "TIMESTAMP_LTZ":
    case "TIMESTAMP_TZ":
      return "timestamptz";
    case "VARIANT":
    case "OBJECT":
    case "GEOGRAPHY":
    case "GEOMETRY":
      return "json";
    case "ARRAY":
      return "array";
    case "BINARY":
      return "binary";
    default:
      return "string";
  }
}

/** Discovers tables, columns, declared primary keys and cursor candidates. */
export async function discoverSnowflake(api: SnowflakeApi, config: SnowflakeSourceConfig): Promise<Discovery> {
  const { rows } = await api.query(DISCOVERY_SQL);
  const keys = await api.query(`SHOW PRIMARY KEYS IN DATABASE ${quote(resolved(config.database))}`);
  const index = (name: string) => keys.rowType.findIndex((c) => c.name.toLowerCase() === name);
  const [schemaAt, tableAt, columnAt, sequenceAt] = ["schema_name", "table_name", "column_name", "key_sequence"].map(
    index,
  ) as [number, number, number, number];
  const primary = new Map<string, [number, string][]>();
  for (const row of keys.rows) {
    const key = `${row[schemaAt]}.${row[tableAt]}`;
    primary.set(key, [...(primary.get(key) ?? []), [Number(row[sequenceAt]), String(row[columnAt])]]);
  }
  const streams = new Map<string, Stream>();
  for (const [schema, table, column, dataType, precision, scale, nullable] of rows) {
    const key = `${schema}.${table}`;
    let stream = streams.get(key);
    if (!stream) {
      stream = { namespace: String(schema), name: String(table), columns: [], primaryKey: [], cursorCandidates: [] };
      streams.set(key, stream);
    }
    const p = precision === null || precision === undefined ? null : Number(precision);
    const s = scale === null || scale === undefined ? null : Number(scale);
    const type = columnType(String(dataType), p, s);
    const upper = String(dataType).toUpperCase();
    const entry: Column = {
      name: String(column),
      type,
      sourceType: upper === "NUMBER" ? `NUMBER(${p ?? 38},${s ?? 0})` : upper,
      nullable: nullable !== "NO",
    };
    if (type === "decimal") {
      entry.precision = p ?? 38;
      entry.scale = s ?? 0;
    }
    stream.columns.push(entry);
  }
  for (const [key, stream] of streams) {
    const pk = (primary.get(key) ?? []).sort((a, b) => a[0] - b[0]).map(([, name]) => name);
    stream.primaryKey = pk.every((name) => stream.columns.some((c) => c.name === name)) ? pk : [];
    stream.cursorCandidates = stream.columns
      .filter(() => stream.primaryKey.length > 0)
      .filter((c) => CURSOR_TYPES.has(c.type) && CURSOR_NAMES.includes(c.name.toLowerCase()))
      .sort((a, b) => CURSOR_NAMES.indexOf(a.name.toLowerCase()) - CURSOR_NAMES.indexOf(b.name.toLowerCase()))
      .map((c) => c.name);
  }
  return { streams: [...streams.values()], warnings: [] };
}

// ---------------------------------------------------------------------------------------
// Values.

const NANOS = 1_000_000_000n;

/** `"-1.500000000"` → nanoseconds (exact). */
export function decimalNanos(text: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{0,9})\d*)?$/.exec(text.trim());
  if (!match) throw new Error(`not a Snowflake seconds value: ${text.slice(0, 40)}`);
  const [, sign, whole = "0", fraction = ""] = match;
  const nanos = BigInt(whole) * NANOS + BigInt(fraction.padEnd(9, "0"));
  return sign ? -nanos : nanos;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** Nanoseconds since the epoch → `YYYY-MM-DD HH:MM:SS` and the nanoseconds of the second. */
function splitInstant(nanos: bigint): { date: string; time: string; fraction: string } {
  const seconds = floorDiv(nanos, NANOS);
  const sub = nanos - seconds * NANOS;
  const iso = new Date(Number(seconds) * 1000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 19), fraction: sub.toString().padStart(9, "0") };
}

/** A Snowflake result value (text) as the protocol value of `column`. */
export function fromSnowflake(column: Column, text: string | null): Value {
  if (text === null) return null;
  switch (column.type) {
    case "int":
      return Number(text);
    case "long":
      return BigInt(text);
    case "decimal":
      return text;
    case "float": {
      const lower = text.toLowerCase();
      if (lower === "nan") return Number.NaN;
      if (lower === "inf" || lower === "infinity") return Number.POSITIVE_INFINITY;
      if (lower === "-inf" || lower === "-infinity") return Number.NEGATIVE_INFINITY;
      return Number(text);
    }
    case "boolean":
      return text === "true" || text === "1";
    case "date":
      return new Date(Number(text) * 86_400_000).toISOString().slice(0, 10);
    case "time": {
      const { time, fraction } = splitInstant(decimalNanos(text));
      const micros = fraction.slice(0, 6).replace(/0+$/, "");
      return micros ? `${time}.${micros}` : time;
    }
    case "timestamp":
    case "timestamptz": {
      const seconds = text.split(" ")[0] as string;
      const { date, time, fraction } = splitInstant(decimalNanos(seconds));
      return `${date}T${time}.${fraction.slice(0, 6)}${column.type === "timestamptz" ? "Z" : ""}`;
    }
    case "binary": {
      const bytes = new Uint8Array(text.length / 2);
      for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(text.slice(2 * i, 2 * i + 2), 16);
      return bytes;
    }
    default:
      return text;
  }
}

/** The SQL placeholder and binding for a column's value as the API sent it (state keeps that text). */
export function binding(column: Column, text: string): { sql: string; bind: SnowflakeBindings[string] } {
  switch (column.type) {
    case "int":
    case "long":
    case "decimal":
      return { sql: "?", bind: { type: "FIXED", value: text } };
    case "float":
      return { sql: "?", bind: { type: "REAL", value: text } };
    case "boolean":
      return { sql: "?", bind: { type: "BOOLEAN", value: text } };
    case "date":
      return {
        sql: "TO_DATE(?, 'YYYY-MM-DD')",
        bind: { type: "TEXT", value: new Date(Number(text) * 86_400_000).toISOString().slice(0, 10) },
      };
    case "timestamp":
    case "timestamptz": {
      const { date, time, fraction } = splitInstant(decimalNanos(text.split(" ")[0] as string));
      const value = `${date} ${time}.${fraction}`;
      if (column.type === "timestamp") {
        return { sql: "TO_TIMESTAMP_NTZ(?, 'YYYY-MM-DD HH24:MI:SS.FF9')", bind: { type: "TEXT", value } };
      }
      const fn = column.sourceType === "TIMESTAMP_LTZ" ? "TO_TIMESTAMP_LTZ" : "TO_TIMESTAMP_TZ";
      return { sql: `${fn}(?, 'YYYY-MM-DD HH24:MI:SS.FF9 TZH:TZM')`, bind: { type: "TEXT", value: `${value} +00:00` } };
    }
    default:
      return { sql: "?", bind: { type: "TEXT", value: text } };
  }
}

/** A cursor value minus a lookback, in the API's text: seconds (timestamps) or days (dates). */
export function minusLookback(column: Column, text: string, lookbackMs: number): string {
  if (lookbackMs <= 0) return text;
  if (column.type === "date") return String(Number(text) - Math.ceil(lookbackMs / 86_400_000));
  if (column.type === "timestamp" || column.type === "timestamptz") {
    const [seconds, offset] = text.split(" ");
    const nanos = decimalNanos(seconds as string) - BigInt(Math.floor(lookbackMs)) * 1_000_000n;
    const whole = floorDiv(nanos, NANOS);
    const sub = (nanos - whole * NANOS).toString().padStart(9, "0");
    return `${whole}.${sub}${offset ? ` ${offset}` : ""}`;
  }
  return text;
}

// ---------------------------------------------------------------------------------------
// Reading.

/**
 * Per-stream state, as the PostgreSQL reader's: `snapshot` (`after` = key of the last row
 * committed, `startCursor` = the cursor's maximum when the snapshot began), `incremental`
 * (`cursor`; a pass in progress has `signpost`, `lower` and `position` = cursor and key of the
 * last row committed), `done` (a full snapshot finished). Values are the API's text.
 */
interface SfState {
  v: 1;
  phase: "snapshot" | "incremental" | "done";
  after?: (string | null)[] | null;
  startCursor?: string | null;
  cursor?: string | null;
  signpost?: string | null;
  lower?: string | null;
  position?: (string | null)[] | null;
  width?: number;
}

function parseState(raw: StreamState | undefined): SfState | undefined {
  return raw && (raw as { v?: unknown }).v === 1 ? (raw as unknown as SfState) : undefined;
}

function columnsOf(stream: Stream, names: string[]): Column[] {
  return names.map((name) => {
    const column = stream.columns.find((c) => c.name === name);
    if (!column) throw new Error(`column ${name} not found in ${stream.namespace}.${stream.name}`);
    return column;
  });
}

/**
 * `(a, b) > (x, y)` spelled out for Snowflake: `a > x OR (a = x AND b > y)`, each value a binding.
 * A NULL in the position (a nullable cursor never is one: NULL cursors are not read) is not bound.
 */
function keysetAfter(columns: Column[], values: (string | null)[], bindings: SnowflakeBindings): string {
  const next = () => String(Object.keys(bindings).length + 1);
  const parts: string[] = [];
  for (let i = 0; i < columns.length; i++) {
    const equal = columns.slice(0, i).map((c, j) => {
      const b = binding(c, values[j] as string);
      bindings[next()] = b.bind;
      return `${quote(c.name)} = ${b.sql}`;
    });
    const column = columns[i] as Column;
    const b = binding(column, values[i] as string);
    bindings[next()] = b.bind;
    parts.push([...equal, `${quote(column.name)} > ${b.sql}`].join(" AND "));
  }
  return parts.length === 1 ? (parts[0] as string) : `(${parts.map((p) => `(${p})`).join(" OR ")})`;
}

function bound(column: Column, op: string, text: string, bindings: SnowflakeBindings): string {
  const b = binding(column, text);
  bindings[String(Object.keys(bindings).length + 1)] = b.bind;
  return `${quote(column.name)} ${op} ${b.sql}`;
}

async function* readStream(
  api: SnowflakeApi,
  configured: ConfiguredStream,
  previous: SfState | undefined,
  ctx: ReadContext,
): AsyncGenerator<SourceMessage> {
  const { stream } = configured;
  const key = `${stream.namespace}.${stream.name}`;
  const table = `${quote(stream.namespace)}.${quote(stream.name)}`;
  const select = stream.columns.map((c) => quote(c.name)).join(", ");
  const cursor =
    configured.mode === "incremental" && configured.cursorField
      ? columnsOf(stream, [configured.cursorField])[0]
      : undefined;
  const pk = columnsOf(stream, stream.primaryKey);
  const pkIndexes = stream.primaryKey.map((name) => stream.columns.findIndex((c) => c.name === name));
  const cursorIndex = cursor ? stream.columns.findIndex((c) => c.name === cursor.name) : -1;
  const sizer = new PageSizer({ budgetBytes: ctx.pageBytes, widest: previous?.width ?? 0 });
  const maxCursor = async (column: Column) => {
    const { rows } = await api.query(`SELECT MAX(${quote(column.name)}) FROM ${table}`);
    return rows[0]?.[0] ?? null;
  };
  /** Runs a page query; returns typed rows, their source text and the limit used. */
  const page = async (where: string, bindings: SnowflakeBindings, order: Column[]) => {
    const limit = sizer.limit;
    const sql = `SELECT ${select} FROM ${table}${where ? ` WHERE ${where}` : ""} ORDER BY ${order
      .map((c) => quote(c.name))
      .join(", ")} LIMIT ${limit}`;
    const result = await api.query(sql, bindings);
    if (result.rowType.length !== stream.columns.length) {
      throw new Error(`${key}: Snowflake answered ${result.rowType.length} columns for ${stream.columns.length}`);
    }
    let bytes = 0;
    const rows: Row[] = result.rows.map((text) => {
      const row = stream.columns.map((column, i) => fromSnowflake(column, text[i] ?? null));
      const size = row.reduce<number>((sum, v) => sum + valueBytes(v), 0);
      bytes += size;
      sizer.observe(size + 16);
      return row;
    });
    return { rows, text: result.rows, bytes, limit };
  };
  const batch = (rows: Row[], bytes: number, range?: UpsertBatch["range"]): UpsertBatch => ({
    kind: "upsert",
    stream: key,
    rows,
    count: rows.length,
    bytes,
    range,
  });
  const decodeKey = (text: (string | null)[]): Row => pk.map((c, i) => fromSnowflake(c, text[i] ?? null));

  let state = previous;
  if (state?.phase === "done") return;
  if (state?.phase === "incremental" && !cursor) state = undefined;
  if (!state) {
    state = { v: 1, phase: "snapshot", after: null, startCursor: cursor ? await maxCursor(cursor) : null };
    yield { kind: "checkpoint", stream: key, state: { ...state } };
  }

  if (state.phase === "snapshot") {
    if (pk.length === 0) {
      // No key to page by: one statement (one point in time) read whole, partition by partition,
      // in batches under the page budget. An interrupted read starts again (the destination
      // dedupes keyless rows by their values).
      for await (const part of api.partitions(`SELECT ${select} FROM ${table}`)) {
        let rows: Row[] = [];
        let bytes = 0;
        for (const text of part.rows) {
          const row = stream.columns.map((column, i) => fromSnowflake(column, text[i] ?? null));
          rows.push(row);
          bytes += row.reduce<number>((sum, v) => sum + valueBytes(v), 0);
          if (bytes >= ctx.pageBytes) {
            yield batch(rows, bytes);
            rows = [];
            bytes = 0;
          }
        }
        if (rows.length > 0) yield batch(rows, bytes);
      }
    }
    while (!ctx.signal.aborted && pk.length > 0) {
      const bindings: SnowflakeBindings = {};
      const where = state.after ? keysetAfter(pk, state.after, bindings) : "";
      const { rows, text, bytes, limit } = await page(where, bindings, pk);
      const last = text[text.length - 1];
      if (!last) break;
      const through = pkIndexes.map((i) => last[i] ?? null);
      yield batch(rows, bytes, { after: state.after ? decodeKey(state.after) : null, through: decodeKey(through) });
      state = { ...state, after: through, width: sizer.widest };
      yield { kind: "checkpoint", stream: key, state: { ...state } };
      if (rows.length < limit) break;
    }
    if (ctx.signal.aborted) return;
    state = cursor
      ? { v: 1, phase: "incremental", cursor: state.startCursor ?? null, width: sizer.widest }
      : { v: 1, phase: "done", width: sizer.widest };
    yield { kind: "checkpoint", stream: key, state: { ...state } };
    return;
  }

  if (state.phase !== "incremental" || !cursor) return;
  if (state.signpost === undefined) {
    state = {
      v: 1,
      phase: "incremental",
      cursor: state.cursor ?? null,
      signpost: await maxCursor(cursor),
      lower: state.cursor ?? null,
      position: null,
      width: sizer.widest,
    };
    yield { kind: "checkpoint", stream: key, state: { ...state } };
  }
  const signpost = state.signpost;
  if (signpost !== null && signpost !== undefined) {
    const keyset = [cursor, ...pk];
    while (!ctx.signal.aborted) {
      const bindings: SnowflakeBindings = {};
      const conditions = [bound(cursor, "<=", signpost, bindings)];
      if (state.lower) {
        // Strict without a lookback; a lookback (and a date cursor, whose day may still change)
        // re-reads its window inclusively: the upsert makes the overlap harmless.
        const inclusive = configured.lookbackMs > 0 || cursor.type === "date";
        conditions.push(
          bound(cursor, inclusive ? ">=" : ">", minusLookback(cursor, state.lower, configured.lookbackMs), bindings),
        );
      }
      if (state.position) conditions.push(keysetAfter(keyset, state.position, bindings));
      const { rows, text, bytes, limit } = await page(conditions.join(" AND "), bindings, keyset);
      const last = text[text.length - 1];
      if (!last) break;
      yield batch(rows, bytes);
      state = {
        ...state,
        position: [last[cursorIndex] ?? null, ...pkIndexes.map((i) => last[i] ?? null)],
        width: sizer.widest,
      };
      yield { kind: "checkpoint", stream: key, state: { ...state } };
      if (rows.length < limit) break;
    }
    if (ctx.signal.aborted) return;
  }
  state = { v: 1, phase: "incremental", cursor: state.signpost ?? state.cursor ?? null, width: sizer.widest };
  yield { kind: "checkpoint", stream: key, state: { ...state } };
}

/** The Snowflake source's reader. */
export const snowflakeReader: SourceReader<SnowflakeSourceConfig> = {
  async discover(config, ctx) {
    return discoverSnowflake(new SnowflakeApi(config, ctx), config);
  },
  async open(config, ctx) {
    return {
      read: (configured, state, readCtx) =>
        readStream(
          new SnowflakeApi(config, { ...ctx, signal: readCtx.signal }),
          configured,
          parseState(state),
          readCtx,
        ),
      close: async () => {},
    };
  },
};

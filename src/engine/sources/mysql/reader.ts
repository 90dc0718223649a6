/**
 * Reading MySQL / MariaDB, with the PostgreSQL reader's guarantees (sources/postgres/reader.ts):
 * discovery from information_schema; snapshots in primary-key order, checkpointed after every
 * batch so a slice resumes past the last key committed; incremental passes on a cursor column
 * bounded by a signpost (the cursor's maximum when the pass starts), with a lookback and the
 * primary key as tie-break among equal cursors.
 *
 * - **Consistent.** A session is one REPEATABLE READ transaction opened WITH CONSISTENT
 *   SNAPSHOT: every stream of a slice, its signposts and its pages read the database as of one
 *   instant. On MariaDB that instant has a binlog position (`@@binlog_snapshot_file/position`),
 *   which the snapshot state records for change capture (binlog.ts).
 * - **Streamed.** A pass is one query (`… WHERE key > last ORDER BY key`), streamed in batches of
 *   `ctx.pageBytes` with the socket paused while a batch waits (toolkit/mysql.ts streamRows):
 *   no page re-queries, and a table never sits in memory.
 * - **Canonical.** The session's time_zone is '+00:00' (TIMESTAMP values are UTC), its
 *   character set utf8mb4; values arrive as raw bytes and are decoded by types.ts.
 */
import type mysql from "mysql2/promise";
import type {
  Column,
  ColumnType,
  ConfiguredStream,
  Discovery,
  ReadContext,
  Row,
  SourceMessage,
  SourceReader,
  SourceSession,
  Stream,
  UpsertBatch,
} from "../../protocol";
import { databaseCursorCandidates } from "../../toolkit/common";
import { closeMysql, openMysql, quoteMysqlIdent as q, type RawRow, streamRows } from "../../toolkit/mysql";
import { CopyText } from "../../toolkit/pg-copy";
import type { MysqlSourceConfig } from ".";
import { comparePositions, mysqlChangeLog, readBinlogChanges } from "./binlog";
import {
  type BinlogPosition,
  bytesHex,
  copyEncoder,
  hexBytes,
  isBytes,
  type MysqlColumnInfo,
  type MysqlState,
  mysqlColumn,
  mysqlValueDecoder,
  parseMysqlState,
} from "./types";

/** Schemas of the server itself, never synced. */
export const SYSTEM_SCHEMAS = ["information_schema", "mysql", "performance_schema", "sys"];

/** The session's settings: UTC for TIMESTAMP, utf8mb4 text, a read that is never a lock. */
const SESSION = [
  "SET NAMES utf8mb4",
  "SET time_zone = '+00:00'",
  "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ",
  // Long scans: the server must not give up on a client that reads at the consumer's pace.
  "SET SESSION net_write_timeout = 3600",
];

function splitTable(name: string, database: string | undefined): [string, string] {
  const dot = name.indexOf(".");
  return dot < 0 ? [database ?? "", name] : [name.slice(0, dot), name.slice(dot + 1)];
}

interface CatalogRow {
  db: string;
  tbl: string;
  col: string;
  data_type: string;
  column_type: string;
  is_nullable: string;
  num_precision: number | string | null;
  num_scale: number | string | null;
  pk: number | string | null;
}

/** Discovers tables, columns, primary keys and cursor candidates. */
export async function discoverMysql(connection: mysql.Connection, config: MysqlSourceConfig): Promise<Discovery> {
  const wanted = config.tables?.map((t) => splitTable(t, config.database));
  const schemas = wanted ? [...new Set(wanted.map(([db]) => db))] : config.database ? [config.database] : undefined;
  const where = schemas ? "c.TABLE_SCHEMA IN (?)" : "c.TABLE_SCHEMA NOT IN (?)";
  const [rows] = await connection.query<mysql.RowDataPacket[]>(
    `SELECT c.TABLE_SCHEMA AS db, c.TABLE_NAME AS tbl, c.COLUMN_NAME AS col, LOWER(c.DATA_TYPE) AS data_type,
            c.COLUMN_TYPE AS column_type, c.IS_NULLABLE AS is_nullable, c.NUMERIC_PRECISION AS num_precision,
            c.NUMERIC_SCALE AS num_scale, k.ORDINAL_POSITION AS pk
     FROM information_schema.COLUMNS c
     JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
     LEFT JOIN information_schema.KEY_COLUMN_USAGE k ON k.CONSTRAINT_NAME = 'PRIMARY'
       AND k.TABLE_SCHEMA = c.TABLE_SCHEMA AND k.TABLE_NAME = c.TABLE_NAME AND k.COLUMN_NAME = c.COLUMN_NAME
     WHERE t.TABLE_TYPE = 'BASE TABLE' AND ${where}
     ORDER BY c.TABLE_SCHEMA, c.TABLE_NAME, c.ORDINAL_POSITION`,
    [schemas ?? SYSTEM_SCHEMAS],
  );
  // MariaDB's JSON is LONGTEXT with an automatic CHECK (json_valid(`col`)); MySQL has none of
  // this table's rows for it (its JSON is a type of its own), and MySQL < 8.0.16 no such table.
  const json = new Set<string>();
  try {
    const [checks] = await connection.query<mysql.RowDataPacket[]>(
      `SELECT CONSTRAINT_SCHEMA AS db, TABLE_NAME AS tbl, CHECK_CLAUSE AS clause FROM information_schema.CHECK_CONSTRAINTS
       WHERE CHECK_CLAUSE LIKE 'json\\_valid(%'`,
    );
    for (const check of checks) {
      const match = /^json_valid\(`((?:[^`]|``)+)`\)$/i.exec(String(check.clause).trim());
      if (match?.[1]) json.add(`${check.db}.${check.tbl}.${match[1].replace(/``/g, "`")}`);
    }
  } catch {
    // no CHECK_CONSTRAINTS: no MariaDB JSON columns to find
  }
  const streams = new Map<string, Stream & { pk: [number, string][] }>();
  for (const row of rows as unknown as CatalogRow[]) {
    if (wanted && !wanted.some(([db, t]) => db === row.db && t === row.tbl)) continue;
    const key = `${row.db}.${row.tbl}`;
    let stream = streams.get(key);
    if (!stream) {
      stream = { namespace: row.db, name: row.tbl, columns: [], primaryKey: [], cursorCandidates: [], pk: [] };
      streams.set(key, stream);
    }
    const info: MysqlColumnInfo = {
      name: row.col,
      dataType: row.data_type,
      columnType: row.column_type,
      nullable: row.is_nullable === "YES",
      precision: row.num_precision === null ? null : Number(row.num_precision),
      scale: row.num_scale === null ? null : Number(row.num_scale),
      json: json.has(`${row.db}.${row.tbl}.${row.col}`),
    };
    stream.columns.push(mysqlColumn(info));
    if (row.pk !== null) stream.pk.push([Number(row.pk), row.col]);
  }
  const found = [...streams.values()].map(({ pk, ...stream }) => {
    stream.primaryKey = pk.sort((a, b) => a[0] - b[0]).map(([, name]) => name);
    stream.cursorCandidates = databaseCursorCandidates(stream.columns, stream.primaryKey);
    return stream;
  });
  const warnings = (wanted ?? [])
    .filter(([db, t]) => !streams.has(`${db}.${t}`))
    .map(([db, t]) => ({
      stream: `${db}.${t}`,
      message: `no table ${db}.${t} that user '${config.user}' can read (check the name and its SELECT privilege)`,
    }));
  return { streams: found, warnings };
}

const NUMERIC = new Set<ColumnType>(["int", "long", "decimal", "float"]);

/**
 * A value of `column` as an SQL literal. Numbers are embedded as digits (a string compared with
 * an integer column compares as a double, which loses BIGINT precision); bytes as X'…'; the rest
 * as an escaped string, which the column's own type and collation then compare.
 */
function literal(connection: mysql.Connection, column: Column, text: string | null): string {
  if (text === null) return "NULL";
  if (isBytes(column)) {
    if (!/^([0-9a-f]{2})*$/.test(text)) throw new Error(`not a hex key value for ${column.name}`);
    return `X'${text}'`;
  }
  if (NUMERIC.has(column.type) && column.sourceType !== "json") {
    if (!/^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(text)) throw new Error(`not a numeric value for ${column.name}`);
    return text;
  }
  return connection.escape(text);
}

/** `(a, b) > (x, y)` as `a > x OR (a = x AND b > y)`: MariaDB ranges an index only on the expanded form. */
function rowAfter(connection: mysql.Connection, columns: Column[], values: (string | null)[]): string {
  const lits = columns.map((c, i) => literal(connection, c, values[i] ?? null));
  const ors: string[] = [];
  for (let i = 0; i < columns.length; i++) {
    const equal = columns.slice(0, i).map((c, j) => `${q(c.name)} <=> ${lits[j]}`);
    const column = columns[i] as Column;
    // A NULL cursor never compares: keyset columns are NOT NULL but for the cursor, which a
    // pass bounds to non-NULL values first.
    ors.push([...equal, `${q(column.name)} > ${lits[i]}`].join(" AND "));
  }
  const first = columns[0] as Column;
  // The leading column's bound, on its own, lets the optimizer range-scan the index.
  return `${q(first.name)} >= ${lits[0]} AND (${ors.map((o) => `(${o})`).join(" OR ")})`;
}

function columnsOf(stream: Stream, names: string[]): Column[] {
  return names.map((name) => {
    const column = stream.columns.find((c) => c.name === name);
    if (!column) throw new Error(`column ${name} not found in ${stream.namespace}.${stream.name}`);
    return column;
  });
}

const textDecoder = new TextDecoder();

/** A raw key or cursor value as state keeps it (text; hex for bytes). */
function stateText(column: Column, raw: Uint8Array | null): string | null {
  if (raw === null) return null;
  return isBytes(column) ? bytesHex(raw) : textDecoder.decode(raw);
}

/** The protocol key (typed) of a state key. */
function keyValues(columns: Column[], texts: (string | null)[]): Row {
  return columns.map((c, i) => {
    const t = texts[i] ?? null;
    if (t === null) return null;
    return mysqlValueDecoder(c)(isBytes(c) ? hexBytes(t) : new TextEncoder().encode(t));
  });
}

/** The SELECT list: every column, BIT as its bytes (the text protocol's form). */
function selectList(stream: Stream): string {
  return stream.columns.map((c) => q(c.name)).join(", ");
}

/**
 * A chunk as a batch: its typed rows decoded only when a destination asks for them, and its
 * COPY text (`pg-copy`) encoded only when a Postgres destination takes it instead.
 */
function batch(
  stream: string,
  decoders: ((raw: Uint8Array | null) => Row[number])[],
  encode: (rows: RawRow[]) => { data: Uint8Array; ends: number[] },
  chunk: { rows: RawRow[]; bytes: number },
  range?: UpsertBatch["range"],
): UpsertBatch {
  let rows: Row[] | undefined;
  let copy: CopyText | undefined;
  return {
    kind: "upsert",
    stream,
    count: chunk.rows.length,
    bytes: chunk.bytes,
    range,
    encoded: {
      codec: "pg-copy",
      get data() {
        if (!copy) {
          const { data, ends } = encode(chunk.rows);
          copy = new CopyText(data, ends);
        }
        return copy;
      },
    },
    get rows() {
      rows ??= chunk.rows.map((raw) => decoders.map((decode, i) => decode(raw[i] ?? null)));
      return rows;
    },
  };
}

async function maxCursor(connection: mysql.Connection, stream: Stream, cursor: Column): Promise<string | null> {
  const [rows] = await connection.query<mysql.RowDataPacket[]>({
    sql: `SELECT MAX(${q(cursor.name)}) AS m FROM ${q(stream.namespace)}.${q(stream.name)}`,
    rowsAsArray: true,
    typeCast: false,
  });
  const raw = (rows[0] as unknown as (Uint8Array | null)[] | undefined)?.[0] ?? null;
  return stateText(cursor, raw);
}

function lowerBound(connection: mysql.Connection, cursor: Column, value: string, lookbackMs: number): string {
  const lit = literal(connection, cursor, value);
  if (lookbackMs > 0 && (cursor.type === "timestamp" || cursor.type === "timestamptz")) {
    return `${lit} - INTERVAL ${Math.floor(lookbackMs) * 1000} MICROSECOND`;
  }
  if (lookbackMs > 0 && cursor.type === "date") return `${lit} - INTERVAL ${Math.ceil(lookbackMs / 86_400_000)} DAY`;
  return lit;
}

/** What a session knows of its consistent snapshot. */
export interface SnapshotInfo {
  /** The binlog position of the snapshot (MariaDB; undefined on MySQL or without a binlog). */
  binlog?: BinlogPosition;
}

export async function* readMysqlStream(
  connection: mysql.Connection,
  snapshot: SnapshotInfo,
  configured: ConfiguredStream,
  previous: MysqlState | undefined,
  ctx: ReadContext,
): AsyncGenerator<SourceMessage> {
  const { stream } = configured;
  const key = `${stream.namespace}.${stream.name}`;
  const table = `${q(stream.namespace)}.${q(stream.name)}`;
  const select = selectList(stream);
  const cursor =
    configured.mode === "incremental" && configured.cursorField
      ? columnsOf(stream, [configured.cursorField])[0]
      : undefined;
  const pk = columnsOf(stream, stream.primaryKey);
  const pkIndexes = stream.primaryKey.map((name) => stream.columns.findIndex((c) => c.name === name));
  const decoders = stream.columns.map(mysqlValueDecoder);
  const encode = copyEncoder(stream.columns);
  const chunkBytes = ctx.pageBytes;

  let state: MysqlState | undefined = previous;
  if (state?.phase === "done") return;
  if (state?.phase === "incremental" && !cursor) state = undefined;
  if (!state) {
    state = {
      v: 1,
      phase: "snapshot",
      after: null,
      startCursor: cursor ? await maxCursor(connection, stream, cursor) : null,
      binlog: snapshot.binlog,
    };
    yield { kind: "checkpoint", stream: key, state: { ...state } };
  }

  if (state.phase === "snapshot") {
    state = withSlice(state, snapshot.binlog);
    if (pk.length === 0) {
      // No key to resume by: the table is read in one pass of this slice's snapshot (the
      // destination dedupes the rows by a hash of their values); a slice that ends first reads
      // it again from the start.
      for await (const chunk of streamRows(connection, `SELECT ${select} FROM ${table}`, chunkBytes)) {
        yield batch(key, decoders, encode, chunk);
        if (ctx.signal.aborted) return;
      }
    } else {
      const order = pk.map((c) => q(c.name)).join(", ");
      const where = state.after ? `WHERE ${rowAfter(connection, pk, state.after)}` : "";
      for await (const chunk of streamRows(
        connection,
        `SELECT ${select} FROM ${table} ${where} ORDER BY ${order}`,
        chunkBytes,
      )) {
        const last = chunk.rows[chunk.rows.length - 1] as RawRow;
        const through = pk.map((c, i) => stateText(c, last[pkIndexes[i] as number] ?? null));
        const range = { after: state.after ? keyValues(pk, state.after) : null, through: keyValues(pk, through) };
        yield batch(key, decoders, encode, chunk, range);
        state = { ...state, after: through };
        yield { kind: "checkpoint", stream: key, state: { ...state } };
        if (ctx.signal.aborted) return;
      }
    }
    const { binlog, slices } = state;
    state = cursor
      ? { v: 1, phase: "incremental", cursor: state.startCursor ?? null, binlog, ...(slices ? { slices } : {}) }
      : { v: 1, phase: "done", binlog, ...(slices ? { slices } : {}) };
    yield { kind: "checkpoint", stream: key, state: { ...state } };
    return;
  }

  if (state.phase !== "incremental" || !cursor) return;
  if (state.signpost === undefined) {
    const signpost = await maxCursor(connection, stream, cursor);
    state = {
      ...state,
      cursor: state.cursor ?? null,
      signpost,
      lower: state.cursor ?? null,
      position: null,
    };
    yield { kind: "checkpoint", stream: key, state: { ...state } };
  }
  if (state.signpost !== null && state.signpost !== undefined) {
    const keyset = [cursor, ...pk];
    const cursorIndex = stream.columns.findIndex((c) => c.name === cursor.name);
    const order = keyset.map((c) => q(c.name)).join(", ");
    const where = [
      `${q(cursor.name)} <= ${literal(connection, cursor, state.signpost)}`,
      // As the Postgres reader: strict without a lookback, inclusive with one (the upsert makes
      // the overlap harmless), and always inclusive for a date cursor.
      state.lower
        ? `${q(cursor.name)} ${configured.lookbackMs > 0 || cursor.type === "date" ? ">=" : ">"} ${lowerBound(connection, cursor, state.lower, configured.lookbackMs)}`
        : `${q(cursor.name)} IS NOT NULL`,
      state.position ? `(${rowAfter(connection, keyset, state.position)})` : undefined,
    ]
      .filter(Boolean)
      .join(" AND ");
    for await (const chunk of streamRows(
      connection,
      `SELECT ${select} FROM ${table} WHERE ${where} ORDER BY ${order}`,
      chunkBytes,
    )) {
      yield batch(key, decoders, encode, chunk);
      const last = chunk.rows[chunk.rows.length - 1] as RawRow;
      state = {
        ...state,
        position: [
          stateText(cursor, last[cursorIndex] ?? null),
          ...pk.map((c, i) => stateText(c, last[pkIndexes[i] as number] ?? null)),
        ],
      };
      yield { kind: "checkpoint", stream: key, state: { ...state } };
      if (ctx.signal.aborted) return;
    }
  }
  state = {
    v: 1,
    phase: "incremental",
    cursor: state.signpost ?? state.cursor ?? null,
    binlog: state.binlog,
    ...(state.slices ? { slices: state.slices } : {}),
  };
  yield { kind: "checkpoint", stream: key, state: { ...state } };
}

/**
 * A snapshot resumed in this slice's own consistent snapshot: the binlog position it reads at.
 * From the start of the table (nothing read yet, or a keyless table read again in full) it is
 * the table's snapshot position; resuming after a key, a slice of its own (slices.ts).
 */
function withSlice(state: MysqlState, binlog: BinlogPosition | undefined): MysqlState {
  if (!binlog) return state;
  if (!state.after) {
    const { slices: _dropped, ...rest } = state;
    return { ...rest, binlog };
  }
  const latest = state.slices?.[state.slices.length - 1]?.binlog ?? state.binlog;
  if (latest && comparePositions(binlog, latest) <= 0) return state;
  return { ...state, slices: [...(state.slices ?? []), { after: state.after, binlog }] };
}

/** Sets the session up and opens its consistent snapshot; returns the snapshot's binlog position. */
export async function beginSnapshot(connection: mysql.Connection): Promise<SnapshotInfo> {
  for (const statement of SESSION) await connection.query(statement);
  await connection.query("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
  try {
    // MariaDB: the binlog position of exactly this snapshot (empty without a binlog).
    const [rows] = await connection.query<mysql.RowDataPacket[]>(
      "SHOW STATUS WHERE Variable_name IN ('binlog_snapshot_file', 'binlog_snapshot_position')",
    );
    const vars = Object.fromEntries(rows.map((r) => [String(r.Variable_name).toLowerCase(), String(r.Value)]));
    const file = vars.binlog_snapshot_file;
    const pos = Number(vars.binlog_snapshot_position);
    if (file && Number.isFinite(pos) && pos > 0) return { binlog: { file, pos } };
  } catch {
    // not MariaDB
  }
  return {};
}

/** Opens a reading session: one connection, one consistent snapshot. */
export async function openMysqlSession(
  config: MysqlSourceConfig,
  ctx: { egress: ReadContext["egress"]; signal?: AbortSignal },
) {
  const connection = await openMysql(config, ctx.egress, { signal: ctx.signal });
  try {
    const snapshot = await beginSnapshot(connection);
    return { connection, snapshot };
  } catch (error) {
    await closeMysql(connection);
    throw error;
  }
}

/** The MySQL source's reader; change capture from the binlog in binlog.ts. */
export const mysqlReader: SourceReader<MysqlSourceConfig> = {
  changeLog: mysqlChangeLog,

  async discover(config, ctx) {
    const connection = await openMysql(config, ctx.egress, { signal: ctx.signal });
    try {
      return await discoverMysql(connection, config);
    } finally {
      await closeMysql(connection);
    }
  },

  async open(config, ctx): Promise<SourceSession> {
    const { connection, snapshot } = await openMysqlSession(config, ctx);
    return {
      read: (configured, state, readCtx) =>
        readMysqlStream(connection, snapshot, configured, parseMysqlState(state), readCtx),
      // The dump runs on a connection of its own (binlog.ts); a binlog has nothing to acknowledge.
      changes: (streams, log, readCtx) => readBinlogChanges(config, streams, log, readCtx),
      close: () => closeMysql(connection),
    };
  },
};

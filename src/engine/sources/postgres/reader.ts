/**
 * Reading PostgreSQL: discovery from the catalog, snapshots chunked by primary-key ranges,
 * and incremental passes on a cursor column bounded by a signpost taken at the start of the
 * pass, with a primary-key tie-break so a page boundary never skips or repeats a row.
 *
 * Everything travels as COPY text (see pg-copy.ts): `COPY (SELECT …) TO STDOUT` is the
 * fastest way out of PostgreSQL and its text form is lossless for every type.
 */
import type pg from "pg";
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
} from "../../protocol";
import { databaseCursorCandidates } from "../../toolkit/common";
import { closePg, openPg, quoteIdent } from "../../toolkit/pg";
import { type CopyText, copyOut, decodeCopyLine, type PgTextRow, quoteLiteral } from "../../toolkit/pg-copy";
import { fromPgText } from "../../toolkit/pg-values";
import type { PostgresSourceConfig } from ".";
import {
  acknowledge,
  type ChangeSession,
  lsnValue,
  postgresChangeLog,
  readChanges,
  type SnapshotFilter,
  snapshotPage,
} from "./changes";

/** The session settings that make COPY text canonical whatever the server's defaults. */
const SESSION = [
  "SET TimeZone = 'UTC'",
  "SET DateStyle = 'ISO, YMD'",
  "SET IntervalStyle = 'iso_8601'",
  "SET extra_float_digits = 3",
  "SET bytea_output = 'hex'",
  "SET standard_conforming_strings = on",
  "SET statement_timeout = '15min'",
];

function columnType(typname: string, category: string): ColumnType {
  if (category === "A") return "array";
  switch (typname) {
    case "bool":
      return "boolean";
    case "int2":
    case "int4":
      return "int";
    case "int8":
      return "long";
    case "float4":
    case "float8":
      return "float";
    case "numeric":
      return "decimal";
    case "date":
      return "date";
    case "time":
    case "timetz":
      return "time";
    case "timestamp":
      return "timestamp";
    case "timestamptz":
      return "timestamptz";
    case "json":
    case "jsonb":
      return "json";
    case "bytea":
      return "binary";
    case "uuid":
      return "uuid";
    default:
      return "string";
  }
}

function tableName(spec: string): [string, string] {
  const dot = spec.indexOf(".");
  return dot < 0 ? ["public", spec] : [spec.slice(0, dot), spec.slice(dot + 1)];
}

interface CatalogRow {
  schema: string;
  table: string;
  column: string;
  typname: string;
  category: string;
  format: string;
  not_null: boolean;
  typmod: number;
  pk_position: number | null;
}

/** Discovers tables, columns, primary keys and cursor candidates. */
export async function discoverPostgres(client: pg.Client, config: PostgresSourceConfig): Promise<Discovery> {
  const { rows } = await client.query<CatalogRow>(`
    SELECT n.nspname AS schema, c.relname AS table, a.attname AS column, t.typname,
           t.typcategory AS category, format_type(a.atttypid, a.atttypmod) AS format,
           a.attnotnull AS not_null, a.atttypmod AS typmod,
           array_position(i.indkey::int2[], a.attnum) AS pk_position
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    JOIN pg_type t ON t.oid = a.atttypid
    LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
    WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
      AND has_table_privilege(c.oid, 'SELECT')
    ORDER BY n.nspname, c.relname, a.attnum`);
  const wanted = config.tables?.map(tableName);
  const streams = new Map<string, Stream & { pk: [number, string][] }>();
  for (const row of rows) {
    if (wanted && !wanted.some(([s, t]) => s === row.schema && t === row.table)) continue;
    const key = `${row.schema}.${row.table}`;
    let stream = streams.get(key);
    if (!stream) {
      stream = { namespace: row.schema, name: row.table, columns: [], primaryKey: [], cursorCandidates: [], pk: [] };
      streams.set(key, stream);
    }
    const type = columnType(row.typname, row.category);
    const column: Column = { name: row.column, type, sourceType: row.format, nullable: !row.not_null };
    if (type === "decimal" && row.typmod > 0) {
      column.precision = ((row.typmod - 4) >> 16) & 0xffff;
      column.scale = (row.typmod - 4) & 0xffff;
    }
    stream.columns.push(column);
    if (row.pk_position !== null) stream.pk.push([row.pk_position, row.column]);
  }
  const found = [...streams.values()].map(({ pk, ...stream }) => {
    stream.primaryKey = pk.sort((a, b) => a[0] - b[0]).map(([, name]) => name);
    stream.cursorCandidates = databaseCursorCandidates(stream.columns, stream.primaryKey);
    return stream;
  });
  const warnings = (wanted ?? [])
    .filter(([s, t]) => !streams.has(`${s}.${t}`))
    .map(([s, t]) => ({
      stream: `${s}.${t}`,
      message: `no table ${s}.${t} that user '${config.user}' can read (check the name and its SELECT privilege)`,
    }));
  return { streams: found, warnings };
}

/**
 * Per-stream state. `snapshot`: reading the whole table in key order, `after` = key of the
 * last row committed (null before the first), `startCursor` = the cursor's maximum when the
 * snapshot began. `incremental`: `cursor` = everything up to it is committed; a pass in
 * progress has `signpost` (its upper bound) and `position` (cursor value and key of the last
 * row committed); a finished pass has no signpost. `done`: a full-mode snapshot finished. Key and
 * cursor values are PostgreSQL text. Which run wrote the state is the runner's business.
 */
interface PgState {
  v: 1;
  phase: "snapshot" | "incremental" | "done" | "changes";
  after?: PgTextRow | null;
  startCursor?: string | null;
  cursor?: string | null;
  signpost?: string | null;
  lower?: string | null;
  position?: PgTextRow | null;
  /** The widest row seen (bytes): sizes the first page of the next pass. */
  width?: number;
  /**
   * Change capture (mode `changes`): what each page of the snapshot saw, so the change log
   * skips exactly the transactions a page already read (changes.ts). Phase `changes`: the
   * snapshot is complete and the stream follows the log.
   */
  filter?: SnapshotFilter;
}

function parseState(raw: StreamState | undefined): PgState | undefined {
  return raw && (raw as { v?: unknown }).v === 1 ? (raw as unknown as PgState) : undefined;
}

const q = quoteIdent;

/** `(a, b) > ('1'::int, 'x'::text)`: row comparison on typed literals. */
function rowAfter(columns: Column[], values: PgTextRow, op = ">"): string {
  const left = columns.map((c) => q(c.name)).join(", ");
  const right = columns
    .map((c, i) => {
      const v = values[i];
      return v === null || v === undefined ? "NULL" : `${quoteLiteral(v)}::${c.sourceType}`;
    })
    .join(", ");
  return `(${left}) ${op} (${right})`;
}

function columnsOf(stream: Stream, names: string[]): Column[] {
  return names.map((name) => {
    const column = stream.columns.find((c) => c.name === name);
    if (!column) throw new Error(`column ${name} not found in ${stream.namespace}.${stream.name}`);
    return column;
  });
}

/**
 * Adapts the LIMIT of each query so a page stays under the byte budget whatever the row
 * width: it starts small, sizes pages by the widest row seen, and shrinks when an answer
 * overflows the hard cap (which copyOut enforces by dropping the answer).
 */
class PageSizer {
  private cap = Number.POSITIVE_INFINITY;
  /** `widest` carries over from the stream's state, so a new pass starts at full size. */
  constructor(
    readonly budget: number,
    public widest = 0,
  ) {}
  get limit(): number {
    if (this.widest === 0) return Math.min(this.cap, 16);
    return Math.max(1, Math.min(this.cap, 200_000, Math.floor(this.budget / this.widest)));
  }
  observe(rowBytes: number): void {
    if (rowBytes > this.widest) this.widest = rowBytes;
  }
  /** The last answer overflowed: ask for a quarter as many rows. */
  shrink(limit: number): void {
    this.cap = Math.max(1, Math.floor(limit / 4));
  }
}

/** Decodes COPY lines of a stream into typed rows. */
function rowDecoder(stream: Stream): (text: PgTextRow) => Row {
  const decoders = stream.columns.map(fromPgText);
  return (text) => decoders.map((decode, i) => decode(text[i] ?? null));
}

/**
 * A batch of COPY text, encoded as `pg-copy` for a destination that speaks it, whose typed rows
 * are decoded from its lines only if someone asks for them.
 */
function copyBatch(
  stream: string,
  copy: CopyText,
  decode: (text: PgTextRow) => Row,
  range?: { after: PgTextRow | null; through: PgTextRow },
  keyDecode?: (text: PgTextRow) => Row,
): UpsertBatch {
  let rows: Row[] | undefined;
  return {
    kind: "upsert",
    stream,
    encoded: { codec: "pg-copy", data: copy },
    count: copy.length,
    bytes: copy.data.length,
    range:
      range && keyDecode
        ? { after: range.after ? keyDecode(range.after) : null, through: keyDecode(range.through) }
        : undefined,
    get rows() {
      rows ??= copy.lines().map((line) => decode(decodeCopyLine(line)));
      return rows;
    },
  };
}

/**
 * Tables without a key are read by ranges of tuple ids. A position is a "slot": block × 512
 * + tuple offset (a heap page holds at most 291 tuples), so a range can shrink below one
 * block when its rows are wide (TOASTed values make a block hold far more than 8 kB).
 */
const SLOTS_PER_BLOCK = 512;

function tid(slot: number): string {
  return `'(${Math.floor(slot / SLOTS_PER_BLOCK)},${slot % SLOTS_PER_BLOCK})'::tid`;
}

/** Sizes pages in tuple slots for tables read by tid ranges (no primary key). */
class BlockSizer {
  private cap = Number.POSITIVE_INFINITY;
  constructor(readonly budget: number) {}
  get limit(): number {
    return Math.max(1, Math.min(this.cap, Math.floor(this.budget / 8192 / 2) * SLOTS_PER_BLOCK));
  }
  observe(): void {}
  shrink(limit: number): void {
    this.cap = Math.max(1, Math.floor(limit / 4));
  }
}

/**
 * Reads one page; `query(limit)` is the COPY statement for at most `limit` rows (or blocks).
 * Returns the limit it used, which the caller needs when it counts blocks.
 */
async function readPage(client: pg.Client, query: (limit: number) => string, sizer: PageSizer | BlockSizer) {
  for (;;) {
    const limit = sizer.limit;
    // Twice the budget: pages are sized to the budget, so only a row much wider than any
    // seen before can overflow, and then the page is read again with fewer rows.
    const copy = await copyOut(client, query(limit), sizer.budget * 2, sizer.budget);
    if (copy === null) {
      if (limit === 1) throw new Error(`a row is larger than ${sizer.budget * 2} bytes (FIVETRAN_PAGE_BYTES × 2)`);
      sizer.shrink(limit);
      continue;
    }
    sizer.observe(copy.widest() + 16);
    const last = copy.length > 0 ? decodeCopyLine(copy.line(copy.length - 1)) : undefined;
    return { copy, last, limit };
  }
}

async function maxCursor(client: pg.Client, stream: Stream, cursor: Column): Promise<string | null> {
  const { rows } = await client.query<{ m: string | null }>(
    `SELECT max(${q(cursor.name)})::text AS m FROM ${q(stream.namespace)}.${q(stream.name)}`,
  );
  return rows[0]?.m ?? null;
}

function lowerBound(cursor: Column, value: string, lookbackMs: number): string {
  const literal = `${quoteLiteral(value)}::${cursor.sourceType}`;
  if (lookbackMs > 0 && (cursor.type === "timestamp" || cursor.type === "timestamptz")) {
    return `${literal} - interval '${Math.floor(lookbackMs)} milliseconds'`;
  }
  if (lookbackMs > 0 && cursor.type === "date") return `${literal} - ${Math.ceil(lookbackMs / 86_400_000)}`;
  return literal;
}

async function* readStream(
  client: pg.Client,
  configured: ConfiguredStream,
  previous: PgState | undefined,
  ctx: ReadContext,
): AsyncGenerator<SourceMessage> {
  const { stream } = configured;
  const key = `${stream.namespace}.${stream.name}`;
  const table = `${q(stream.namespace)}.${q(stream.name)}`;
  const select = stream.columns.map((c) => q(c.name)).join(", ");
  const cursor =
    configured.mode === "incremental" && configured.cursorField
      ? columnsOf(stream, [configured.cursorField])[0]
      : undefined;
  const pk = columnsOf(stream, stream.primaryKey);
  const pkIndexes = stream.primaryKey.map((name) => stream.columns.findIndex((c) => c.name === name));
  const sizer = new PageSizer(ctx.pageBytes, previous?.width ?? 0);
  const decode = rowDecoder(stream);
  const keyDecoders = pk.map(fromPgText);
  const keyDecode = (text: PgTextRow): Row => keyDecoders.map((d, i) => d(text[i] ?? null));

  let state: PgState | undefined = previous;
  // A full snapshot already finished: nothing left in this pass (the runner starts the next).
  // A change stream's snapshot records what each page saw; one begun in another mode starts over.
  if (state?.phase === "changes" && configured.mode !== "changes") state = undefined;
  if (configured.mode === "changes" && state?.phase === "snapshot" && !state.filter && pk.length > 0) state = undefined;
  if (state?.phase === "done" || state?.phase === "changes") return;
  // Incremental state without a cursor column any more: read everything again.
  if (state?.phase === "incremental" && !cursor) state = undefined;
  if (!state) {
    state = {
      v: 1,
      phase: "snapshot",
      after: null,
      startCursor: cursor ? await maxCursor(client, stream, cursor) : null,
      filter: configured.mode === "changes" && pk.length > 0 ? { id: crypto.randomUUID(), pages: [] } : undefined,
    };
    yield { kind: "checkpoint", stream: key, state: { ...state } };
  }

  if (state.phase === "snapshot") {
    if (pk.length === 0) {
      // No key to chunk by: walk the heap in tuple-id ranges (TID range scans); the
      // destination dedupes these rows by a hash of their values (`_fivetran_id`).
      let slot = Number(state.after?.[0] ?? 0);
      const blocks = new BlockSizer(ctx.pageBytes);
      while (!ctx.signal.aborted) {
        const { rows: size } = await client.query<{ n: string }>(
          `SELECT (pg_relation_size('${table.replace(/'/g, "''")}') / current_setting('block_size')::int)::text AS n`,
        );
        if (slot >= Number(size[0]?.n ?? 0) * SLOTS_PER_BLOCK) break;
        const from = slot;
        const page = await readPage(
          client,
          (n) =>
            `COPY (SELECT ${select} FROM ${table} WHERE ctid >= ${tid(from)} AND ctid < ${tid(from + n)}) TO STDOUT`,
          blocks,
        );
        if (page.copy.length > 0) yield copyBatch(key, page.copy, decode);
        slot = from + page.limit;
        state = { ...state, after: [String(slot)] };
        yield { kind: "checkpoint", stream: key, state: { ...state } };
      }
      if (ctx.signal.aborted) return;
    } else {
      const order = pk.map((c) => q(c.name)).join(", ");
      // Change capture: each page is read in a REPEATABLE READ transaction whose snapshot is
      // kept with the key range it covered (changes.ts skips what that snapshot saw).
      const capture = configured.mode === "changes";
      while (!ctx.signal.aborted) {
        const where: string = state.after ? `WHERE ${rowAfter(pk, state.after)}` : "";
        const read = (): Promise<Awaited<ReturnType<typeof readPage>>> =>
          readPage(
            client,
            (limit) => `COPY (SELECT ${select} FROM ${table} ${where} ORDER BY ${order} LIMIT ${limit}) TO STDOUT`,
            sizer,
          );
        const { page, snapshot } = capture ? await snapshotPage(client, read) : { page: await read(), snapshot: null };
        const last = page.last;
        const through: PgTextRow | null = last ? pkIndexes.map((i) => last[i] ?? null) : null;
        const end = !last || page.copy.length < page.limit;
        const filter: SnapshotFilter | undefined =
          snapshot && state.filter
            ? { ...state.filter, pages: [...state.filter.pages, { ...snapshot, through: end ? null : through }] }
            : state.filter;
        if (through) {
          yield copyBatch(key, page.copy, decode, { after: state.after ?? null, through }, keyDecode);
          state = { ...state, after: through, width: sizer.widest, filter };
          yield { kind: "checkpoint", stream: key, state: { ...state } };
        } else state = { ...state, filter };
        // A short page was the end of the table: no need to ask again.
        if (end) break;
      }
      if (ctx.signal.aborted) return;
    }
    if (configured.mode === "changes" && state.filter) {
      state = { v: 1, phase: "changes", filter: state.filter, width: sizer.widest };
      yield { kind: "checkpoint", stream: key, state: { ...state } };
      return;
    }
    state = cursor
      ? { v: 1, phase: "incremental", cursor: state.startCursor ?? null, width: sizer.widest }
      : { v: 1, phase: "done", width: sizer.widest };
    yield { kind: "checkpoint", stream: key, state: { ...state } };
    return;
  }

  if (state.phase !== "incremental" || !cursor) return;
  // A pass's signpost is the cursor's maximum when the pass started; a pass without one is new.
  if (state.signpost === undefined) {
    const signpost = await maxCursor(client, stream, cursor);
    const lower = state.cursor == null ? null : state.cursor;
    state = {
      v: 1,
      phase: "incremental",
      cursor: state.cursor ?? null,
      signpost,
      lower,
      position: null,
      width: sizer.widest,
    };
    yield { kind: "checkpoint", stream: key, state: { ...state } };
  }
  if (state.signpost !== null && state.signpost !== undefined) {
    const keyset = [cursor, ...pk];
    const cursorIndex = stream.columns.findIndex((c) => c.name === cursor.name);
    const order = keyset.map((c) => q(c.name)).join(", ");
    const bounds = [
      `${q(cursor.name)} <= ${quoteLiteral(state.signpost)}::${cursor.sourceType}`,
      // Without a lookback the bound is strict; a lookback re-reads its window inclusively
      // (the upsert makes the overlap harmless) to catch rows committed late with old cursors.
      // A date cursor is always inclusive: a row changed later on the signpost's own day
      // carries the same value and would never be read again.
      state.lower
        ? `${q(cursor.name)} ${configured.lookbackMs > 0 || cursor.type === "date" ? ">=" : ">"} ${lowerBound(cursor, state.lower, configured.lookbackMs)}`
        : undefined,
    ].filter(Boolean);
    while (!ctx.signal.aborted) {
      const where = [...bounds, state.position ? rowAfter(keyset, state.position) : undefined]
        .filter(Boolean)
        .join(" AND ");
      const page = await readPage(
        client,
        (limit) => `COPY (SELECT ${select} FROM ${table} WHERE ${where} ORDER BY ${order} LIMIT ${limit}) TO STDOUT`,
        sizer,
      );
      if (!page.last) break;
      yield copyBatch(key, page.copy, decode);
      const last = page.last;
      state = {
        ...state,
        position: [last[cursorIndex] ?? null, ...pkIndexes.map((i) => last[i] ?? null)],
        width: sizer.widest,
      };
      yield { kind: "checkpoint", stream: key, state: { ...state } };
      // Nothing lies beyond a short page below the signpost.
      if (page.copy.length < page.limit) break;
    }
    if (ctx.signal.aborted) return;
  }
  state = { v: 1, phase: "incremental", cursor: state.signpost ?? state.cursor ?? null, width: sizer.widest };
  yield { kind: "checkpoint", stream: key, state: { ...state } };
}

/** The PostgreSQL source's reader. */
export const postgresReader: SourceReader<PostgresSourceConfig> = {
  async discover(config, ctx) {
    const client = await openPg(config, ctx.egress, { signal: ctx.signal });
    try {
      return await discoverPostgres(client, config);
    } finally {
      await closePg(client);
    }
  },

  async open(config, ctx) {
    const client = await openPg(config, ctx.egress, { signal: ctx.signal });
    try {
      await client.query(SESSION.join("; ")); // one round trip for all settings
    } catch (error) {
      await closePg(client);
      throw error;
    }
    // Change capture: `changes` peeks the next page only once the previous was acknowledged.
    let acked = 0n;
    const waiters = new Set<() => void>();
    const session: ChangeSession = {
      acked: (lsn, signal) =>
        new Promise<void>((resolve) => {
          const check = () => {
            if (acked < lsnValue(lsn) && !signal.aborted) return;
            waiters.delete(check);
            signal.removeEventListener("abort", check);
            resolve();
          };
          waiters.add(check);
          signal.addEventListener("abort", check, { once: true });
          check();
        }),
    };
    return {
      read: (configured, state, ctx) => readStream(client, configured, parseState(state), ctx),
      changes: (streams, log, ctx) => readChanges(client, config, streams, log, ctx, session),
      async acknowledge(log) {
        await acknowledge(client, config, log);
        const lsn = typeof log.lsn === "string" ? lsnValue(log.lsn) : 0n;
        if (lsn > acked) acked = lsn;
        for (const wake of [...waiters]) wake();
      },
      close: () => closePg(client),
    };
  },

  changeLog: postgresChangeLog,
};

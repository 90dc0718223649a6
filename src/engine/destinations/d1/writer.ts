/**
 * Writing into Cloudflare D1 (SQLite), through a Worker binding or Cloudflare's D1 HTTP API.
 *
 * Naming: SQLite has no schemas, so `schema.table` becomes the table `<schema>__<table>`
 * (`pg__orders`); in a binding shared by several accounts, after the account's namespace
 * (`acme__pg__orders`, see toolkit/bindings.ts). Identifiers are double-quoted with embedded quotes doubled, so any name
 * works; SQLite folds ASCII case in names, so names differing only in case are refused.
 *
 * Types (SQLite is dynamically typed; the declared type sets the column's affinity):
 * boolean → INTEGER 0/1; int, long, and decimal(p ≤ 18, 0) → INTEGER; float → REAL (NaN and
 * ±Infinity stay TEXT, as SQLite's REAL cannot hold NaN); other decimals → TEXT, to keep their
 * exact digits (NUMERIC affinity would turn 12345678901234567890.12 into a lossy REAL);
 * string, uuid, date, time, json → TEXT as PostgreSQL writes them (json keeps its exact text);
 * timestamp(tz) → TEXT in RFC 3339 with six fraction digits (`2024-01-01T12:00:00.123456Z`;
 * no `Z` without a zone), so text order is time order; binary → BLOB; array → TEXT holding a JSON array. Plus `_fivetran_synced` (RFC 3339) and, for
 * streams without a primary key, `_fivetran_id`: a 128-bit hash of the row (see {@link rowId}).
 *
 * Sync modes (TableRef.mode): soft_delete (default) adds `_fivetran_deleted` INTEGER 0/1 — deletes
 * and range replacement mark rows, upserts set it back to 0; live removes rows; history keeps
 * versions keyed (pk…, `_fivetran_start`) with `_fivetran_end` and `_fivetran_active` (TEXT RFC
 * 3339 times, one active version per key under a partial unique index; see historyStatements).
 * `migrate` switches a table between modes (switchMode). Values a change-capture source did not
 * send (UpsertBatch.unchanged) keep the table's: runs of rows keeping the same columns share a
 * statement whose ON CONFLICT leaves those columns alone.
 *
 * Writes: a page's rows become SQL literals in multi-row `INSERT … VALUES (…), (…) ON
 * CONFLICT … DO UPDATE` statements, each under D1's 100 KB per statement, with
 * `_fivetran_synced` one bound parameter (`?1`) every row refers to: the fastest bulk path
 * measured on local D1. A row too wide for a statement (or holding NUL) goes instead as a
 * JSON array in a chunk of well under D1's 2 MB per value, unpacked by one
 * `INSERT … SELECT … FROM json_each(?1)`; both store the same values. Rows keep their page
 * order. A snapshot page (`range`) first deletes its key range, then upserts, so rows deleted in
 * the source disappear (only for keys whose order SQLite shares with PostgreSQL: see
 * {@link orderSafe}; other snapshot pages are upserted). All statements of a page go as one
 * batch: one transaction on a binding; one request over HTTP, where Cloudflare does not promise
 * atomicity. Replaying a page changes nothing, so a crash or a half-applied HTTP batch before
 * the page's checkpoint is repaired by the replay.
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
import type { EvolveOp } from "../../schema-policy";
import {
  bindingExecutor,
  type D1Executor,
  type D1HttpTarget,
  type D1Statement,
  httpExecutor,
  isBinding,
} from "../../toolkit/d1-client";
import type { PgTextRow } from "../../toolkit/pg-copy";
import { type CopyText, decodeCopyField, decodeCopyLine } from "../../toolkit/pg-copy";
import { arrayJson, byteaHex, rfc3339, syncedText, TRUE, toPgText } from "../../toolkit/pg-values";
import { ACTIVE, DELETED, END, ROW_ID, START, SYNCED } from "../system-columns";

export { ACTIVE, DELETED, END, ROW_ID, START, SYNCED };

/** An active version's `_fivetran_end`; a soft-deleted row's times once switched into history. */
const MAX_TS = "9999-12-31T23:59:59.999000Z";
const MIN_TS = "0001-01-01T00:00:00.000000Z";

/** `…ss.ffffffZ` less one millisecond, its microseconds kept (history's `_fivetran_end`). */
function minusMs(text: string): string {
  const ms = Date.parse(`${text.slice(0, 23)}Z`);
  if (Number.isNaN(ms)) throw new Error(`not a timestamp: ${text}`);
  return `${new Date(ms - 1).toISOString().slice(0, 23)}${text.slice(23, 26).padEnd(3, "0")}Z`;
}

/** A commit time or run start as stored: RFC 3339 with six fraction digits and `Z`. */
function timeText(text: string): string {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?Z$/.exec(text);
  if (!match) return syncedText(new Date(text));
  return `${match[1]}.${(match[2] ?? "").padEnd(6, "0")}Z`;
}

/** D1's documented limits (developers.cloudflare.com/d1/platform/limits). */
export const D1_LIMITS = {
  columnsPerTable: 100,
  /** A string, BLOB or table row, in bytes; the JSON parameter of a chunk is such a string. */
  stringBytes: 2_000_000,
  boundParameters: 100,
  statementBytes: 100_000,
} as const;

/**
 * A chunk's JSON stays under this many UTF-16 code units: at most 3 UTF-8 bytes each, so a
 * chunk is at most ~750 KB, well under D1's 2 MB per string whatever the text.
 */
export const DEFAULT_CHUNK_CHARS = 250_000;

// ---------------------------------------------------------------------------------------
// Names and types.

/** Quotes an SQLite identifier, whatever it contains. */
export function quoteName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * The D1 table of `schema.table`: D1 has no schemas, so the schema becomes a prefix, after the
 * account's namespace in a shared binding (`acme__pg__orders`; none for the empty namespace).
 */
export function d1TableName(schema: string, table: string, namespace = ""): string {
  return `${namespace ? `${namespace}__` : ""}${schema}__${table}`;
}

/** SQLite compares names case-insensitively in ASCII only. */
function fold(name: string): string {
  return name.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function integralDecimal(column: Column): boolean {
  return column.type === "decimal" && column.scale === 0 && column.precision !== undefined && column.precision <= 18;
}

/** The declared SQLite type (hence affinity) of a column. */
export function sqliteType(column: Column): "INTEGER" | "REAL" | "TEXT" | "BLOB" {
  switch (column.type) {
    case "boolean":
    case "int":
    case "long":
      return "INTEGER";
    case "float":
      return "REAL";
    case "decimal":
      return integralDecimal(column) ? "INTEGER" : "TEXT";
    case "binary":
      return "BLOB";
    default:
      return "TEXT";
  }
}

/**
 * Whether SQLite orders a key column's stored values as PostgreSQL orders the source's:
 * integers compare numerically in both, and lowercase UUID text compares as PostgreSQL's
 * byte-wise uuid order. Text does not qualify (PostgreSQL orders by a collation such as
 * en_US, SQLite by bytes), nor decimals stored as text, floats (−Infinity is stored as text),
 * or dates and timestamps (BC and infinity values): a key range of such columns is not a
 * range in SQLite, and deleting by it could drop rows of another page.
 */
function orderSafe(column: Column): boolean {
  return sqliteType(column) === "INTEGER" || column.type === "uuid";
}

// ---------------------------------------------------------------------------------------
// Values: PostgreSQL's text representation → JSON tokens that land as the column's type.

/** Encodes one value of a column (null included) as the JSON token the INSERT unpacks. */
type ValueEncoder = (value: string | null) => string;

/** Characters a JSON string must escape; most values have none. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON escapes exactly the controls U+0000–U+001F
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/;

/** A JSON string token: quoted as is when nothing needs escaping (~3× faster than stringify). */
function jsonString(value: string): string {
  return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
}

function valueEncoder(column: Column): ValueEncoder {
  const text = (convert: (v: string) => string): ValueEncoder => {
    return (v) => (v === null ? "null" : jsonString(convert(v)));
  };
  switch (column.type) {
    case "boolean":
      return (v) => (v === null ? "null" : TRUE.has(v.toLowerCase()) ? "1" : "0");
    case "timestamptz":
      // RFC 3339 text needs no JSON escaping.
      return (v) => (v === null ? "null" : `"${rfc3339(v, true)}"`);
    case "timestamp":
      return text((v) => rfc3339(v, false));
    case "binary":
      return text(byteaHex);
    case "array":
      return text(arrayJson(column));
    default:
      // Numbers stay strings: the column's INTEGER or REAL affinity converts them exactly.
      return text((v) => v);
  }
}

const NON_ASCII = /[\u0080-\uffff]/;

/** Encodes one non-null value of a column as an SQLite literal. */
type LiteralEncoder = (value: string) => string;

/** An SQLite string literal: single quotes, embedded ones doubled; nothing else is special. */
function sqlString(value: string): string {
  return value.includes("'") ? `'${value.replaceAll("'", "''")}'` : `'${value}'`;
}

/** An integer within SQLite's 64-bit range, written as is; anything else goes as text. */
const SQL_INTEGER = /^-?\d{1,18}$/;

/**
 * The SQLite literal of a value, stored exactly as {@link valueEncoder}'s JSON token is by the
 * `json_each` statement: integers bare, everything else as text the column's affinity converts
 * (the same conversion `value->>i` gets), booleans 1/0, binary as a blob literal. `quote`
 * makes a text literal ({@link plainString} when the value is known to hold no quote).
 */
function literalEncoder(column: Column, quote: (value: string) => string = sqlString): LiteralEncoder {
  const integer: LiteralEncoder = (v) => (SQL_INTEGER.test(v) ? v : quote(v));
  switch (column.type) {
    case "boolean":
      return (v) => (TRUE.has(v.toLowerCase()) ? "1" : "0");
    case "int":
    case "long":
      return integer;
    case "decimal":
      return integralDecimal(column) ? integer : quote;
    case "timestamptz":
      // RFC 3339 text holds no quote.
      return (v) => `'${rfc3339(v, true)}'`;
    case "timestamp":
      return (v) => quote(rfc3339(v, false));
    case "binary":
      return (v) => `X'${byteaHex(v)}'`;
    case "array": {
      const json = arrayJson(column);
      return (v) => quote(json(v));
    }
    default:
      return quote;
  }
}

/** Quotes text known to hold no single quote. */
const plainString = (value: string) => `'${value}'`;

// ---------------------------------------------------------------------------------------
// Row ids for streams without a primary key.

const M1 = 0x239b961b;
const M2 = 0xab0e9789;
const M3 = 0x38b34ae5;
const M4 = 0xa1e38b93;

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

function fmix(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * MurmurHash3 x86_128 (seed 0) over the UTF-16 code units of `text`, two per 32-bit word, as
 * 32 hex digits. 128 bits make an accidental collision (two different rows collapsing into
 * one) negligible at any table size D1 can hold (~n²/2¹²⁹); it is not meant to resist crafted
 * collisions. Pure JS on purpose: ~50× faster than node:crypto's per-call createHash here.
 */
export function hash128(text: string): string {
  let h1 = 0;
  let h2 = 0;
  let h3 = 0;
  let h4 = 0;
  const n = text.length;
  const word = (i: number) => (i < n ? text.charCodeAt(i) : 0) | ((i + 1 < n ? text.charCodeAt(i + 1) : 0) << 16);
  const mix1 = (k: number) => Math.imul(rotl(Math.imul(k, M1), 15), M2);
  const mix2 = (k: number) => Math.imul(rotl(Math.imul(k, M2), 16), M3);
  const mix3 = (k: number) => Math.imul(rotl(Math.imul(k, M3), 17), M4);
  const mix4 = (k: number) => Math.imul(rotl(Math.imul(k, M4), 18), M1);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    h1 ^= mix1(word(i));
    h1 = (Math.imul(rotl(h1, 19) + h2, 5) + 0x561ccd1b) | 0;
    h2 ^= mix2(word(i + 2));
    h2 = (Math.imul(rotl(h2, 17) + h3, 5) + 0x0bcaa747) | 0;
    h3 ^= mix3(word(i + 4));
    h3 = (Math.imul(rotl(h3, 15) + h4, 5) + 0x96cd1c35) | 0;
    h4 ^= mix4(word(i + 6));
    h4 = (Math.imul(rotl(h4, 13) + h1, 5) + 0x32ac3b17) | 0;
  }
  const rest = n - i;
  if (rest > 6) h4 ^= mix4(word(i + 6));
  if (rest > 4) h3 ^= mix3(word(i + 4));
  if (rest > 2) h2 ^= mix2(word(i + 2));
  if (rest > 0) h1 ^= mix1(word(i));
  const bytes = n * 2;
  h1 ^= bytes;
  h2 ^= bytes;
  h3 ^= bytes;
  h4 ^= bytes;
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h3 = fmix(h3);
  h4 = fmix(h4);
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  return [h1, h2, h3, h4].map((h) => (h >>> 0).toString(16).padStart(8, "0")).join("");
}

/** `_fivetran_id` of a row without a primary key: identical rows get the same id, so they collapse. */
export function rowId(row: PgTextRow): string {
  return hash128(JSON.stringify(row));
}

// ---------------------------------------------------------------------------------------
// The writer.

interface TablePlan {
  name: string;
  mode: SyncMode;
  /** The upsert statements that keep the table's values of columns `kept` (unchanged at the source). */
  keeping(kept: readonly number[]): { upsert: string; values: { head: string; tail: string; bytes: number } };
  encoders: ValueEncoder[];
  keyed: boolean;
  /** Positions of the primary-key columns in a row. */
  keyIndexes: number[];
  /** `INSERT … SELECT … FROM json_each(?1) … ON CONFLICT … DO UPDATE`; ?2 is `_fivetran_synced`. */
  upsert: string;
  literals: LiteralEncoder[];
  /** The same, for values known to hold no single quote (a COPY line without `'` or `\`). */
  plainLiterals: LiteralEncoder[];
  /** `INSERT INTO t (…) VALUES ` and ` ON CONFLICT … DO UPDATE SET …`, around literal rows. */
  values: { head: string; tail: string; bytes: number };
  /** Typed value → PostgreSQL text, per column (typed batches share the text encoders). */
  text: ((value: import("../../protocol").Value) => string | null)[];
  /** The same for the key columns, in key order. */
  keyText: ((value: import("../../protocol").Value) => string | null)[];
  /** Deletes a key range; absent when SQLite's key order may differ from the source's. */
  range?: { sql: (after: boolean) => string; encoders: ((v: string) => string)[] };
}

export interface D1WriterOptions {
  /** Chunk size in UTF-16 code units of JSON (default {@link DEFAULT_CHUNK_CHARS}). */
  chunkChars?: number;
  /** The account's namespace in a shared binding (ctx.namespaces): tables are `<namespace>__<schema>__<table>`. */
  namespace?: string;
  /** Other accounts' namespaces in the binding (ctx.otherNamespaces): no table may be named under them. */
  otherNamespaces?: readonly string[];
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function plan(name: string, stream: Stream, mode: SyncMode = "soft_delete"): TablePlan {
  const ident = quoteName(name);
  const keyed = stream.primaryKey.length > 0;
  const names = stream.columns.map((c) => quoteName(c.name));
  const values = stream.columns.map((c, i) => (c.type === "binary" ? `unhex(value->>${i})` : `value->>${i}`));
  const target = [...names, quoteName(SYNCED)];
  const select = [...values, "?2"];
  if (!keyed) {
    target.push(quoteName(ROW_ID));
    select.push(`value->>${stream.columns.length}`);
  }
  const key = keyed ? stream.primaryKey : [ROW_ID];
  // The columns an upsert sets on conflict, less those whose value the source did not send
  // (UpsertBatch.unchanged: the table keeps its own); a row upserted in soft delete mode is not
  // deleted (`_fivetran_deleted` defaults to 0 on insert).
  const conflict = (kept: readonly number[] = []) => {
    const updated = keyed
      ? [...stream.columns.filter((c, i) => !key.includes(c.name) && !kept.includes(i)).map((c) => c.name), SYNCED]
      : [SYNCED];
    return (
      ` ON CONFLICT (${key.map(quoteName).join(", ")}) DO UPDATE SET ` +
      updated.map((n) => `${quoteName(n)} = excluded.${quoteName(n)}`).join(", ") +
      (mode === "soft_delete" ? `, ${quoteName(DELETED)} = 0` : "")
    );
  };
  // `WHERE 1`: without it SQLite would parse `ON CONFLICT` as a join constraint of json_each.
  const upsertFor = (kept?: readonly number[]) =>
    `INSERT INTO ${ident} (${target.join(", ")}) SELECT ${select.join(", ")} FROM json_each(?1) WHERE 1${conflict(kept)}`;
  const upsert = upsertFor();

  if (utf8Length(upsert) > D1_LIMITS.statementBytes) {
    throw new Error(
      `the INSERT for D1 table "${name}" would exceed D1's ${D1_LIMITS.statementBytes} bytes per statement (names too long)`,
    );
  }
  const keyColumns = stream.primaryKey.map((n) => stream.columns.find((c) => c.name === n) as Column);
  const keyIndexes = keyColumns.map((c) => stream.columns.indexOf(c));
  const head = `INSERT INTO ${ident} (${target.join(", ")}) VALUES `;
  const tail = conflict();
  const result: TablePlan = {
    name,
    mode,
    keeping: (kept) => {
      const keptTail = conflict(kept);
      return {
        upsert: upsertFor(kept),
        values: { head, tail: keptTail, bytes: utf8Length(head) + utf8Length(keptTail) },
      };
    },
    keyed,
    keyIndexes,
    upsert,
    encoders: stream.columns.map(valueEncoder),
    literals: stream.columns.map((c) => literalEncoder(c)),
    plainLiterals: stream.columns.map((c) => literalEncoder(c, plainString)),
    values: { head, tail, bytes: utf8Length(head) + utf8Length(tail) },
    text: stream.columns.map((c) => toPgText(c)),
    keyText: keyColumns.map((c) => toPgText(c)),
  };
  // Both bounds of a range bind every key column; D1 binds at most 100 parameters.
  if (keyed && keyColumns.every(orderSafe) && 2 * keyColumns.length <= D1_LIMITS.boundParameters) {
    const tuple = `(${keyColumns.map((c) => quoteName(c.name)).join(", ")})`;
    const params = (from: number) => `(${keyColumns.map((_, i) => `?${from + i}`).join(", ")})`;
    const where = (after: boolean) =>
      `${tuple} <= ${params(1)}` + (after ? ` AND ${tuple} > ${params(1 + keyColumns.length)}` : "");
    result.range = {
      // Soft delete: the range's rows are marked deleted (`_fivetran_synced` kept) and the
      // page's upserts revive those it holds, in the same batch; live: they are removed.
      sql: (after) =>
        mode === "soft_delete"
          ? `UPDATE ${ident} SET ${quoteName(DELETED)} = 1 WHERE ${where(after)} AND ${quoteName(DELETED)} = 0`
          : `DELETE FROM ${ident} WHERE ${where(after)}`,
      // Bounds bind as text; the key columns' INTEGER affinity compares them as numbers.
      encoders: keyColumns.map((c) =>
        c.type === "boolean" ? (v) => (TRUE.has(v.toLowerCase()) ? "1" : "0") : (v) => v,
      ),
    };
  }
  return result;
}

function checkNames(name: string, stream: Stream, mode: SyncMode): void {
  const where = `${stream.namespace}.${stream.name}`;
  const system = new Set(stream.primaryKey.length > 0 ? [fold(SYNCED)] : [fold(SYNCED), fold(ROW_ID)]);
  if (mode === "soft_delete") system.add(fold(DELETED));
  if (mode === "history") for (const name of [START, END, ACTIVE]) system.add(fold(name));
  const seen = new Map<string, string>();
  for (const column of stream.columns) {
    const folded = fold(column.name);
    if (system.has(folded)) {
      throw new TableError(`column "${column.name}" of ${where} clashes with the system column of the same name in D1`);
    }
    const other = seen.get(folded);
    if (other !== undefined) {
      throw new TableError(
        `columns "${other}" and "${column.name}" of ${where} differ only in case; SQLite (D1) column names are case-insensitive`,
      );
    }
    seen.set(folded, column.name);
  }
  const count =
    stream.columns.length +
    (stream.primaryKey.length > 0 ? 1 : 2) +
    (mode === "soft_delete" ? 1 : mode === "history" ? 3 : 0);
  if (count > D1_LIMITS.columnsPerTable) {
    throw new TableError(
      `${where} needs ${count} columns in D1 table "${name}" (with ${SYNCED}${stream.primaryKey.length > 0 ? "" : ` and ${ROW_ID}`}); D1 allows at most ${D1_LIMITS.columnsPerTable}`,
    );
  }
}

/** The staging table of a history-mode table's writes. */
function stageOf(name: string): string {
  return `${name}__fivetran_stage`;
}

/** `(a."x", a."y")`. */
function tupleOf(alias: string, names: readonly string[]): string {
  return `(${names.map((n) => `${alias}.${quoteName(n)}`).join(", ")})`;
}

/** The statement creating `name` for `stream` in `mode` (history: keyed by pk and start). */
/**
 * Rebuilds a table with one column's declared type changed (SQLite cannot alter a column's
 * type): a copy with the same columns, key and indexes, its values cast to the new type.
 */
function rebuild(
  name: string,
  columns: Record<string, unknown>[],
  changed: string,
  type: string,
  indexes: string[],
): D1Statement[] {
  const temp = `${name}__fivetran_rebuild`;
  const key = columns
    .filter((c) => Number(c.pk) > 0)
    .sort((a, b) => Number(a.pk) - Number(b.pk))
    .map((c) => quoteName(String(c.name)));
  const defs = columns.map((c) => {
    const column = String(c.name);
    const declared = column === changed ? type : String(c.type);
    const notNull = Number(c.not_null) === 1 ? " NOT NULL" : "";
    const dflt = c.dflt === null || c.dflt === undefined ? "" : ` DEFAULT ${String(c.dflt)}`;
    return `${quoteName(column)} ${declared}${notNull}${dflt}`;
  });
  const names = columns.map((c) => quoteName(String(c.name)));
  const values = columns.map((c) =>
    c.name === changed ? `CAST(${quoteName(String(c.name))} AS ${type})` : quoteName(String(c.name)),
  );
  return [
    { sql: `DROP TABLE IF EXISTS ${quoteName(temp)}`, params: [] },
    {
      sql: `CREATE TABLE ${quoteName(temp)} (${defs.join(", ")}${key.length > 0 ? `, PRIMARY KEY (${key.join(", ")})` : ""})`,
      params: [],
    },
    {
      sql: `INSERT INTO ${quoteName(temp)} (${names.join(", ")}) SELECT ${values.join(", ")} FROM ${quoteName(name)}`,
      params: [],
    },
    { sql: `DROP TABLE ${quoteName(name)}`, params: [] },
    { sql: `ALTER TABLE ${quoteName(temp)} RENAME TO ${quoteName(name)}`, params: [] },
    ...indexes.map((sql) => ({ sql, params: [] })),
  ];
}

function createTable(name: string, stream: Stream, mode: SyncMode): D1Statement {
  const keyed = stream.primaryKey.length > 0;
  const columns = stream.columns.map(
    (c) => `${quoteName(c.name)} ${sqliteType(c)}${stream.primaryKey.includes(c.name) ? " NOT NULL" : ""}`,
  );
  columns.push(`${quoteName(SYNCED)} TEXT NOT NULL`);
  if (!keyed) columns.push(`${quoteName(ROW_ID)} TEXT NOT NULL`);
  if (mode === "soft_delete") columns.push(`${quoteName(DELETED)} INTEGER NOT NULL DEFAULT 0`);
  const key = keyed ? [...stream.primaryKey] : [ROW_ID];
  if (mode === "history") {
    columns.push(
      `${quoteName(START)} TEXT NOT NULL`,
      `${quoteName(END)} TEXT NOT NULL`,
      `${quoteName(ACTIVE)} INTEGER NOT NULL`,
    );
    key.push(START);
  }
  return {
    sql: `CREATE TABLE IF NOT EXISTS ${quoteName(name)} (${columns.join(", ")}, PRIMARY KEY (${key.map(quoteName).join(", ")}))`,
    params: [],
  };
}

/** At most one active version per key, enforced by SQLite (a partial unique index). */
function activeIndex(name: string, stream: Stream): D1Statement {
  return {
    sql: `CREATE UNIQUE INDEX IF NOT EXISTS ${quoteName(`${name}__fivetran_active`)} ON ${quoteName(name)} (${stream.primaryKey.map(quoteName).join(", ")}) WHERE ${quoteName(ACTIVE)} = 1`,
    params: [],
  };
}

/** The staging table of history writes: the table's values plus each row's times and flags. */
function stageTable(name: string, stream: Stream): string {
  const columns = stream.columns.map((c) => `${quoteName(c.name)} ${sqliteType(c)}`);
  return `CREATE TABLE IF NOT EXISTS ${quoteName(stageOf(name))} (${columns.join(", ")}, ${quoteName(SYNCED)} TEXT, ${quoteName(START)} TEXT, ${quoteName(END)} TEXT, "close" TEXT, "unchanged" TEXT, "first" INTEGER, "skip" INTEGER NOT NULL DEFAULT 0)`;
}

/**
 * Switches an existing table between sync modes in one batch, as Fivetran's partner SDK
 * specifies (TableSyncModeMigration in
 * https://github.com/fivetran/fivetran_partner_sdk/blob/main/schema-migration-helper-service.md):
 * live ↔ soft_delete add (false) or drop `_fivetran_deleted` (removing the rows it marked); into
 * history every row becomes a version (current rows active since the table's latest sync,
 * soft-deleted ones inactive at the minimum time); out of history, live keeps the active
 * versions, soft_delete the latest version of each key, marked deleted unless active. SQLite
 * cannot change a primary key in place, so switches into or out of history rebuild the table.
 */
function switchMode(name: string, stream: Stream, from: SyncMode, to: SyncMode): D1Statement[] {
  const ident = quoteName(name);
  if (from !== "history" && to !== "history") {
    return to === "soft_delete"
      ? [{ sql: `ALTER TABLE ${ident} ADD COLUMN ${quoteName(DELETED)} INTEGER NOT NULL DEFAULT 0`, params: [] }]
      : [
          { sql: `DELETE FROM ${ident} WHERE ${quoteName(DELETED)} = 1`, params: [] },
          { sql: `ALTER TABLE ${ident} DROP COLUMN ${quoteName(DELETED)}`, params: [] },
        ];
  }
  const rebuilt = `${name}__fivetran_switch`;
  const values = [...stream.columns.map((c) => c.name), SYNCED].map(quoteName);
  const target = [...values];
  const select = [...values];
  let where = "";
  if (to === "history") {
    const deleted = from === "soft_delete" ? `${quoteName(DELETED)} = 1` : "0";
    target.push(quoteName(START), quoteName(END), quoteName(ACTIVE));
    select.push(
      `CASE WHEN ${deleted} THEN '${MIN_TS}' ELSE (SELECT max(${quoteName(SYNCED)}) FROM ${ident}) END`,
      `CASE WHEN ${deleted} THEN '${MIN_TS}' ELSE '${MAX_TS}' END`,
      `CASE WHEN ${deleted} THEN 0 ELSE 1 END`,
    );
  } else if (to === "soft_delete") {
    target.push(quoteName(DELETED));
    select.push(`1 - ${quoteName(ACTIVE)}`);
    where = ` AS t WHERE t.${quoteName(START)} = (SELECT max(l.${quoteName(START)}) FROM ${ident} AS l WHERE ${tupleOf("l", stream.primaryKey)} = ${tupleOf("t", stream.primaryKey)})`;
  } else {
    where = ` WHERE ${quoteName(ACTIVE)} = 1`;
  }
  return [
    { sql: `DROP TABLE IF EXISTS ${quoteName(rebuilt)}`, params: [] },
    createTable(rebuilt, stream, to),
    {
      sql: `INSERT INTO ${quoteName(rebuilt)} (${target.join(", ")}) SELECT ${select.join(", ")} FROM ${ident}${where}`,
      params: [],
    },
    { sql: `DROP TABLE ${ident}`, params: [] },
    { sql: `ALTER TABLE ${quoteName(rebuilt)} RENAME TO ${ident}`, params: [] },
    ...(to === "history" ? [activeIndex(name, stream)] : []),
  ];
}

/** The sync modes D1 implements (history: tables with a primary key, rows under one statement). */
export const D1_SYNC_MODES: SyncMode[] = ["soft_delete", "live", "history"];

/** What D1 can do, for the runner. */
export function d1Capabilities(transactions: boolean): DestinationCapabilities {
  return {
    // Tables are `<schema>__<table>`; SQLite sets no length limit, D1's statement size does.
    identifiers: { maxLength: 512, caseInsensitive: true, reservedSchemaPrefixes: ["sqlite_", "_cf_"] },
    maxColumns: D1_LIMITS.columnsPerTable,
    codecs: ["pg-copy"],
    // Stored as INTEGER (numerically ordered) or lowercase uuid text (ordered as uuids are).
    replaceRangeKeyTypes: ["boolean", "int", "long", "uuid"],
    deletes: true,
    transactions,
    syncModes: D1_SYNC_MODES,
    unchangedValues: true,
  };
}

/** A writer into one D1 database; `open` it per slice. */
/** A value as D1 returns it, as a protocol Value (a BLOB comes back as an ArrayBuffer or bytes). */
function storedValue(value: unknown): Value {
  if (value === undefined || value === null) return null;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (Array.isArray(value)) return new Uint8Array(value as number[]);
  return value as Value;
}

export class D1Writer implements DestinationWriter {
  readonly capabilities: DestinationCapabilities;
  private readonly tables = new Map<string, TablePlan>();
  private readonly chunkChars: number;
  /**
   * The batch of the previous page, still running. D1 executes it while the next page is
   * converted to JSON here (they overlap: D1's SQLite does not run on this isolate's thread);
   * the next write or flush waits for it, so batches stay in order and errors surface.
   */
  private pending: Promise<void> | undefined;

  /** The account's namespace in a shared binding: every table name starts with it. */
  private readonly namespace: string;
  /** `<namespace>__` of the other accounts in the binding, folded: no table of ours starts so. */
  private readonly otherNamespaces: string[];

  private constructor(
    private readonly db: D1Executor,
    options: D1WriterOptions,
    transactional: boolean,
  ) {
    this.chunkChars = options.chunkChars ?? DEFAULT_CHUNK_CHARS;
    this.namespace = options.namespace ?? "";
    this.otherNamespaces = (options.otherNamespaces ?? []).map((ns) => `${fold(ns)}__`);
    this.capabilities = d1Capabilities(transactional);
  }

  /** Opens a writer on a D1 binding, on a database reached over HTTP, or on any executor. */
  static async open(target: D1Database | D1HttpTarget | D1Executor, options: D1WriterOptions = {}): Promise<D1Writer> {
    if (!target || typeof target !== "object") throw new Error("D1Writer.open needs a D1 binding or an HTTP target");
    const executor = isBinding(target) ? bindingExecutor(target) : "apiToken" in target ? httpExecutor(target) : target;
    return new D1Writer(executor, options, isBinding(target));
  }

  async migrate(schema: string, streams: Stream[], modes?: readonly (SyncMode | undefined)[]): Promise<void> {
    const names = new Map<string, string>();
    for (const [index, stream] of streams.entries()) {
      const mode = modes?.[index] ?? "soft_delete";
      if (!D1_SYNC_MODES.includes(mode)) {
        throw new TableError(
          `D1 does not implement sync mode ${mode.toUpperCase()} (${stream.namespace}.${stream.name})`,
        );
      }
      const name = d1TableName(schema, stream.name, this.namespace);
      const clash = names.get(fold(name));
      if (clash !== undefined) {
        throw new TableError(`streams ${clash} and ${stream.namespace}.${stream.name} both map to D1 table "${name}"`);
      }
      names.set(fold(name), `${stream.namespace}.${stream.name}`);
      const foreign = this.otherNamespaces.find((prefix) => fold(name).startsWith(prefix));
      if (foreign !== undefined) {
        throw new TableError(
          `D1 table "${name}" would be in the namespace '${foreign.slice(0, -2)}' of another account; choose a schema name that does not start with it`,
        );
      }
      checkNames(name, stream, mode);
      const ident = quoteName(name);
      const keyed = stream.primaryKey.length > 0;
      if (mode === "history" && !keyed) {
        throw new TableError(`${stream.namespace}.${stream.name} has no primary key: history mode needs one`);
      }
      const existing = await this.db.query({
        sql: "SELECT name, pk FROM pragma_table_info(?1) ORDER BY pk, cid",
        params: [name],
      });
      if (existing.length === 0) {
        await this.db.batch([
          createTable(name, stream, mode),
          ...(mode === "history" ? [activeIndex(name, stream)] : []),
        ]);
      } else {
        const present = new Set(existing.map((r) => fold(String(r.name))));
        const current: SyncMode = present.has(fold(START))
          ? "history"
          : present.has(fold(DELETED))
            ? "soft_delete"
            : "live";
        const wantedKey = [...(keyed ? stream.primaryKey : [ROW_ID]), ...(current === "history" ? [START] : [])];
        const actualKey = existing.filter((r) => Number(r.pk) > 0).map((r) => String(r.name));
        if (actualKey.map(fold).join("\u0000") !== wantedKey.map(fold).join("\u0000")) {
          throw new TableError(
            `D1 table "${name}" has primary key (${actualKey.join(", ")}) but ${stream.namespace}.${stream.name} now has (${wantedKey.join(", ")}); re-sync the table to rebuild it`,
          );
        }
        for (const column of stream.columns.filter((c) => !present.has(fold(c.name)))) {
          await this.db.query({
            sql: `ALTER TABLE ${ident} ADD COLUMN ${quoteName(column.name)} ${sqliteType(column)}`,
            params: [],
          });
        }
        if (current !== mode) await this.db.batch(switchMode(name, stream, current, mode));
      }
      if (mode === "history") {
        // The staging table of history writes, rebuilt with the table's columns.
        await this.db.batch([
          { sql: `DROP TABLE IF EXISTS ${quoteName(stageOf(name))}`, params: [] },
          { sql: stageTable(name, stream), params: [] },
        ]);
      }
      this.tables.set(`${schema}.${stream.name}`, plan(name, stream, mode));
    }
  }

  private table(ref: TableRef): TablePlan {
    const table = this.tables.get(`${ref.schema}.${ref.stream.name}`);
    if (!table) throw new Error(`migrate was not called for ${ref.schema}.${ref.stream.name}`);
    return table;
  }

  async write(ref: TableRef, batch: UpsertBatch, syncedAt: Date): Promise<WriteResult> {
    const table = this.table(ref);
    const copy = batch.encoded?.codec === "pg-copy" ? batch.encoded.data : undefined;
    const count = copy ? copy.length : batch.rows.length;
    if (count === 0 && !batch.range) return { rows: 0, bytes: 0 };
    if (table.mode === "history") {
      await this.run(
        this.historyStatements(table, ref.stream, batch, syncedAt),
        `writing ${count} versions into`,
        table,
      );
      return { rows: count, bytes: batch.bytes };
    }
    const statements: D1Statement[] = [];
    if (batch.range && table.range) {
      // A snapshot batch holds every source row of its key range: replace the range.
      const { sql, encoders } = table.range;
      const { after, through } = batch.range;
      const bound = (values: Row) =>
        encoders.map((encode, i) => {
          const v = table.keyText[i]?.(values[i] ?? null) ?? null;
          if (v === null) throw new Error(`a batch of ${batch.stream} has a null key in its range`);
          return encode(v);
        });
      statements.push({
        sql: sql(after !== null),
        params: after ? [...bound(through), ...bound(after)] : bound(through),
      });
    }
    // Typed values take the same road as COPY text: rendered as PostgreSQL text, the form the
    // literal and JSON encoders below parse (one set of encoders for both).
    const unchanged = table.keyed && batch.unchanged?.some((u) => u !== undefined && u.length > 0);
    const synced = syncedText(syncedAt);
    if (unchanged) {
      // Values the source did not send: taken from an earlier row of the key in this page, else
      // kept as the table has them (runs of rows keeping the same columns share a statement).
      const latest = new Map<string, { row: PgTextRow; missing: Set<number> }>();
      let run: { kept: string; rows: PgTextRow[]; missing: number[] } | undefined;
      const flushRun = () => {
        if (!run) return;
        statements.push(...this.upserts(table, batch.stream, undefined, run.rows, synced, run.missing));
      };
      batch.rows.forEach((original, r) => {
        const row = table.text.map((encode, i) => encode(original[i] ?? null));
        const key = table.keyIndexes.map((i) => row[i] ?? "").join("\u0000");
        const before = latest.get(key);
        const missing = new Set<number>();
        for (const c of batch.unchanged?.[r] ?? []) {
          if (before && !before.missing.has(c)) row[c] = before.row[c] ?? null;
          else missing.add(c);
        }
        latest.set(key, { row, missing });
        const list = [...missing].sort((a, b) => a - b);
        const kept = list.join(",");
        if (run?.kept !== kept) {
          flushRun();
          run = { kept, rows: [], missing: list };
        }
        run.rows.push(row);
      });
      flushRun();
    } else {
      const rows = copy ? undefined : batch.rows.map((row) => table.text.map((encode, i) => encode(row[i] ?? null)));
      statements.push(...this.upserts(table, batch.stream, copy, rows, synced));
    }
    await this.run(statements, `writing ${count} rows into`, table);
    return { rows: count, bytes: batch.bytes };
  }

  /**
   * History mode's statements for one page (Fivetran's type-2 versions, as its SDK specifies them
   * for destinations: https://github.com/fivetran/fivetran_sdk/blob/main/how-to-handle-history-mode-batch-files.md).
   * A version is keyed (pk…, `_fivetran_start`), its start the change's commit time (`changedAt`)
   * or the run's start. Here, rows of a key are ordered by start (a later row of the same instant
   * wins), a row equal to the one before it in the page is dropped, and each kept row's end is the
   * next kept row's start less 1 ms (9999-12-31 23:59:59.999 for the last). They are staged, then:
   * versions of their keys from the key's earliest staged start on are removed and the one they
   * had closed is active again (so a replayed page changes nothing); unchanged values are taken
   * from the active version; a key's first staged row equal to its active version adds no version
   * (its `_fivetran_synced` is bumped); a snapshot page closes the active versions of its key range
   * it lacks; the active version of a key with new versions is closed and they are inserted.
   * Rows go as literals, so a row must fit one statement (D1's 100 KB) and hold no NUL.
   */
  private historyStatements(table: TablePlan, stream: Stream, batch: UpsertBatch, syncedAt: Date): D1Statement[] {
    const copy = batch.encoded?.codec === "pg-copy" ? batch.encoded.data : undefined;
    const texts: PgTextRow[] = copy
      ? copy.lines().map(decodeCopyLine)
      : batch.rows.map((row) => table.text.map((encode, i) => encode(row[i] ?? null)));
    const synced = syncedText(syncedAt);
    // Values not sent: from an earlier row of the key in the page, else from the active version.
    const byKey = new Map<string, { row: PgTextRow; missing: number[]; start: string; order: number }[]>();
    const latest = new Map<string, { row: PgTextRow; missing: Set<number> }>();
    texts.forEach((original, r) => {
      const row = [...original];
      for (const i of table.keyIndexes) {
        if (row[i] == null) throw new Error(`a row of ${batch.stream} has a null primary key value`);
      }
      const key = table.keyIndexes.map((i) => row[i]).join("\u0000");
      const before = latest.get(key);
      const missing = new Set<number>();
      for (const c of batch.unchanged?.[r] ?? []) {
        if (before && !before.missing.has(c)) row[c] = before.row[c] ?? null;
        else missing.add(c);
      }
      latest.set(key, { row, missing });
      const start = timeText(batch.changedAt?.[r] ?? synced);
      byKey.set(key, [
        ...(byKey.get(key) ?? []),
        { row, missing: [...missing].sort((a, b) => a - b), start, order: r },
      ]);
    });
    const ident = quoteName(table.name);
    const stage = quoteName(stageOf(table.name));
    const names = stream.columns.map((c) => quoteName(c.name));
    const pk = stream.primaryKey;
    const on = (a: string, b: string) => `${tupleOf(a, pk)} = ${tupleOf(b, pk)}`;
    const tuples: string[] = [];
    for (const rows of byKey.values()) {
      rows.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.order - b.order));
      const kept: typeof rows = [];
      for (const row of rows) {
        const previous = kept[kept.length - 1];
        if (previous && previous.start === row.start) kept.pop();
        const last = kept[kept.length - 1];
        const same =
          last !== undefined &&
          last.missing.join(",") === row.missing.join(",") &&
          last.row.every((v, i) => v === row.row[i]);
        if (!same) kept.push(row);
      }
      kept.forEach((version, k) => {
        const next = kept[k + 1];
        const values = version.row.map((v, i) => (v === null ? "NULL" : (table.literals[i] as LiteralEncoder)(v)));
        const unchanged = version.missing.length > 0 ? sqlString(`,${version.missing.join(",")},`) : "NULL";
        tuples.push(
          `(${values.join(",")},'${synced}','${version.start}','${next ? minusMs(next.start) : MAX_TS}','${minusMs(version.start)}',${unchanged},${k === 0 ? 1 : 0})`,
        );
      });
    }
    const statements: D1Statement[] = [{ sql: `DELETE FROM ${stage}`, params: [] }];
    const head = `INSERT INTO ${stage} (${[...names, quoteName(SYNCED), quoteName(START), quoteName(END), '"close"', '"unchanged"', '"first"'].join(", ")}) VALUES `;
    let chunk: string[] = [];
    let size = utf8Length(head);
    for (const tuple of tuples) {
      const bytes = utf8Length(tuple) + 1;
      if (bytes + utf8Length(head) > D1_LIMITS.statementBytes || tuple.includes("\0")) {
        throw new TableError(
          `a row of ${batch.stream} is too large for D1 history mode (at most ${D1_LIMITS.statementBytes} bytes of SQL per row, no NUL characters)`,
        );
      }
      if (size + bytes > D1_LIMITS.statementBytes && chunk.length > 0) {
        statements.push({ sql: head + chunk.join(","), params: [] });
        chunk = [];
        size = utf8Length(head);
      }
      chunk.push(tuple);
      size += bytes;
    }
    if (chunk.length > 0) statements.push({ sql: head + chunk.join(","), params: [] });
    const S = (column: string) => `s.${quoteName(column)}`;
    const T = (column: string) => `t.${quoteName(column)}`;
    statements.push(
      // Undo an earlier application of this page: its versions go, the one they closed reopens.
      {
        sql: `DELETE FROM ${ident} AS t WHERE EXISTS (SELECT 1 FROM ${stage} AS s WHERE ${on("s", "t")} AND ${S(START)} <= ${T(START)})`,
        params: [],
      },
      {
        sql: `UPDATE ${ident} AS t SET ${quoteName(ACTIVE)} = 1, ${quoteName(END)} = '${MAX_TS}'
          WHERE ${T(ACTIVE)} = 0 AND ${T(END)} >= (SELECT min(s."close") FROM ${stage} AS s WHERE ${on("s", "t")})
            AND ${T(START)} = (SELECT max(l.${quoteName(START)}) FROM ${ident} AS l WHERE ${on("l", "t")})`,
        params: [],
      },
    );
    const missing = new Set([...byKey.values()].flatMap((rows) => rows.flatMap((r) => r.missing)));
    if (missing.size > 0) {
      const sets = [...missing].map((i) => {
        const column = quoteName(stream.columns[i]?.name as string);
        return `${column} = CASE WHEN instr(s."unchanged", ',${i},') > 0 THEN (SELECT a.${column} FROM ${ident} AS a WHERE ${on("a", "s")} AND a.${quoteName(ACTIVE)} = 1) ELSE s.${column} END`;
      });
      statements.push({
        sql: `UPDATE ${stage} AS s SET ${sets.join(", ")} WHERE s."unchanged" IS NOT NULL`,
        params: [],
      });
    }
    const equal = stream.columns.map((c) => `a.${quoteName(c.name)} IS s.${quoteName(c.name)}`).join(" AND ");
    statements.push(
      {
        sql: `UPDATE ${stage} AS s SET "skip" = 1 WHERE s."first" = 1 AND EXISTS (SELECT 1 FROM ${ident} AS a WHERE ${on("a", "s")} AND a.${quoteName(ACTIVE)} = 1 AND ${equal})`,
        params: [],
      },
      {
        sql: `UPDATE ${ident} AS t SET ${quoteName(SYNCED)} = ?1 WHERE ${T(ACTIVE)} = 1
          AND EXISTS (SELECT 1 FROM ${stage} AS s WHERE ${on("s", "t")} AND s."skip" = 1)
          AND NOT EXISTS (SELECT 1 FROM ${stage} AS s WHERE ${on("s", "t")} AND s."skip" = 0)`,
        params: [synced],
      },
    );
    if (batch.range && table.range) {
      // A snapshot page holds every source row of its key range: what it lacks was deleted.
      const literals = table.keyIndexes.map((i) => table.literals[i] as LiteralEncoder);
      const bound = (values: Row) =>
        `(${table.keyText.map((encode, k) => (literals[k] as LiteralEncoder)(encode(values[k] ?? null) ?? "")).join(", ")})`;
      const where = [`${tupleOf("t", pk)} <= ${bound(batch.range.through)}`];
      if (batch.range.after) where.push(`${tupleOf("t", pk)} > ${bound(batch.range.after)}`);
      statements.push({
        sql: `UPDATE ${ident} AS t SET ${quoteName(ACTIVE)} = 0, ${quoteName(END)} = max(?1, ${T(START)})
          WHERE ${T(ACTIVE)} = 1 AND ${where.join(" AND ")} AND NOT EXISTS (SELECT 1 FROM ${stage} AS s WHERE ${on("s", "t")})`,
        params: [synced],
      });
    }
    statements.push(
      {
        sql: `UPDATE ${ident} AS t SET ${quoteName(ACTIVE)} = 0,
            ${quoteName(END)} = max((SELECT min(s."close") FROM ${stage} AS s WHERE ${on("s", "t")} AND s."skip" = 0), ${T(START)})
          WHERE ${T(ACTIVE)} = 1 AND EXISTS (SELECT 1 FROM ${stage} AS s WHERE ${on("s", "t")} AND s."skip" = 0)`,
        params: [],
      },
      {
        sql: `INSERT INTO ${ident} (${[...names, quoteName(SYNCED), quoteName(START), quoteName(END), quoteName(ACTIVE)].join(", ")})
          SELECT ${[...names, quoteName(SYNCED), quoteName(START), quoteName(END)].join(", ")}, ${quoteName(END)} = '${MAX_TS}' FROM ${stage} WHERE "skip" = 0`,
        params: [],
      },
    );
    return statements;
  }

  async delete(ref: TableRef, keys: Row[], at?: DeleteTimes): Promise<number> {
    const table = this.table(ref);
    if (!table.keyed) throw new TableError(`${ref.schema}.${ref.stream.name} has no primary key to delete by`);
    // Keys go as the same literals an INSERT of them would use, so they compare as stored.
    const literals = table.keyIndexes.map((i) => table.literals[i] as LiteralEncoder);
    const literal = (key: Row) =>
      table.keyText.map((encode, k) => {
        const text = encode(key[k] ?? null);
        return text === null ? "NULL" : (literals[k] as LiteralEncoder)(text);
      });
    const columns = ref.stream.primaryKey.map(quoteName);
    const statements: D1Statement[] = [];
    if (table.mode === "history") {
      // The active version ends when the delete was committed (never before it began): one
      // statement per distinct end time.
      const byEnd = new Map<string, Row[]>();
      keys.forEach((key, k) => {
        const end = timeText(at?.changedAt?.[k] ?? syncedText(at?.syncedAt ?? new Date()));
        byEnd.set(end, [...(byEnd.get(end) ?? []), key]);
      });
      for (const [end, group] of byEnd) {
        for (let i = 0; i < group.length; i += 500) {
          const tuples = group.slice(i, i + 500).map((key) => `(${literal(key).join(", ")})`);
          statements.push({
            sql: `UPDATE ${quoteName(table.name)} SET ${quoteName(ACTIVE)} = 0, ${quoteName(END)} = max(?1, ${quoteName(START)}) WHERE ${quoteName(ACTIVE)} = 1 AND (${columns.join(", ")}) IN (VALUES ${tuples.join(", ")})`,
            params: [end],
          });
        }
      }
      await this.run(statements, `closing ${keys.length} rows of`, table);
      return keys.length;
    }
    for (let i = 0; i < keys.length; i += 500) {
      const chunk = keys.slice(i, i + 500).map(literal);
      const where =
        columns.length === 1
          ? `${columns[0]} IN (${chunk.map((k) => k[0]).join(", ")})`
          : `(${columns.join(", ")}) IN (VALUES ${chunk.map((k) => `(${k.join(", ")})`).join(", ")})`;
      statements.push(
        table.mode === "soft_delete"
          ? {
              // One delete at a time, as Fivetran does: `_fivetran_synced` says when it was seen.
              sql: `UPDATE ${quoteName(table.name)} SET ${quoteName(DELETED)} = 1, ${quoteName(SYNCED)} = ?1 WHERE ${where} AND ${quoteName(DELETED)} = 0`,
              params: [syncedText(at?.syncedAt ?? new Date())],
            }
          : { sql: `DELETE FROM ${quoteName(table.name)} WHERE ${where}`, params: [] },
      );
    }
    await this.run(statements, `deleting ${keys.length} rows from`, table);
    return keys.length;
  }

  async truncate(ref: TableRef, before?: Date, at?: TruncateTime): Promise<number> {
    const table = this.table(ref);
    const ident = quoteName(table.name);
    if (table.mode === "history") {
      // Every active version (or those a snapshot did not see) is closed; `_fivetran_synced` kept.
      const end = timeText(at?.changedAt ?? syncedText(at?.syncedAt ?? before ?? new Date()));
      const sql = `UPDATE ${ident} SET ${quoteName(ACTIVE)} = 0, ${quoteName(END)} = max(?1, ${quoteName(START)}) WHERE ${quoteName(ACTIVE)} = 1`;
      await this.run(
        [
          before
            ? { sql: `${sql} AND ${quoteName(SYNCED)} < ?2`, params: [end, syncedText(before)] }
            : { sql, params: [end] },
        ],
        "closing the versions of",
        table,
      );
      return 0;
    }
    // Soft delete: a bulk operation marks rows deleted and keeps their `_fivetran_synced`.
    const verb =
      table.mode === "soft_delete"
        ? `UPDATE ${ident} SET ${quoteName(DELETED)} = 1 WHERE ${quoteName(DELETED)} = 0`
        : "";
    const statement = before
      ? {
          sql: verb ? `${verb} AND ${quoteName(SYNCED)} < ?1` : `DELETE FROM ${ident} WHERE ${quoteName(SYNCED)} < ?1`,
          params: [syncedText(before)],
        }
      : { sql: verb || `DELETE FROM ${ident}`, params: [] };
    await this.run([statement], "truncating", table);
    return 0;
  }

  /**
   * The keys `truncate(ref, before)` would change, a page at a time: by the table's key order
   * (keyset pagination on the primary key, or `_fivetran_id` for a keyless table), so each page
   * is one indexed range read and nothing is held beyond a page.
   */
  async *truncatedKeys(ref: TableRef, before?: Date): AsyncIterable<Row[]> {
    await this.flush();
    const table = this.table(ref);
    const { stream } = ref;
    const keyed = stream.primaryKey.length > 0;
    const values = keyed ? stream.primaryKey : stream.columns.map((c) => c.name);
    const order = keyed ? stream.primaryKey : [ROW_ID];
    const conditions: string[] = [];
    const params: string[] = [];
    if (table.mode === "soft_delete") conditions.push(`${quoteName(DELETED)} = 0`);
    if (table.mode === "history") conditions.push(`${quoteName(ACTIVE)} = 1`);
    if (before) {
      params.push(syncedText(before));
      conditions.push(`${quoteName(SYNCED)} < ?${params.length}`);
    }
    const selected = [...new Set([...values, ...order])];
    // Statements bind text: SQLite's column affinity compares it as the column's type. A BLOB
    // key is paged by its hex text (upper-case hex keeps the bytes' order).
    const blob = new Set(stream.columns.filter((c) => sqliteType(c) === "BLOB").map((c) => c.name));
    const orderTerms = order.map((name) => (blob.has(name) ? `hex(${quoteName(name)})` : quoteName(name)));
    const PAGE = 5000;
    let after: (string | null)[] | undefined;
    for (;;) {
      const where = [...conditions];
      const bound: (string | null)[] = [...params];
      if (after) {
        where.push(`(${orderTerms.join(", ")}) > (${after.map((_, i) => `?${bound.length + i + 1}`).join(", ")})`);
        bound.push(...after);
      }
      const rows = await this.db.query({
        sql: `SELECT ${selected.map(quoteName).join(", ")}${order
          .filter((name) => blob.has(name))
          .map((name) => `, hex(${quoteName(name)}) AS ${quoteName(`_fivetran_hex_${order.indexOf(name)}`)}`)
          .join("")} FROM ${quoteName(table.name)}${
          where.length > 0 ? ` WHERE ${where.join(" AND ")}` : ""
        } ORDER BY ${orderTerms.join(", ")} LIMIT ${PAGE}`,
        params: bound,
      });
      if (rows.length === 0) return;
      yield rows.map((row) => values.map((name) => storedValue(row[name])));
      if (rows.length < PAGE) return;
      const last = rows[rows.length - 1] as Record<string, unknown>;
      after = order.map((name) => {
        const value = last[blob.has(name) ? `_fivetran_hex_${order.indexOf(name)}` : name];
        return value === null || value === undefined ? null : String(value);
      });
    }
  }

  async isEmpty(ref: TableRef): Promise<boolean> {
    await this.flush();
    const rows = await this.db.query({ sql: `SELECT 1 FROM ${quoteName(this.table(ref).name)} LIMIT 1`, params: [] });
    return rows.length === 0;
  }

  /** Sends a batch after the previous one; not awaited (see `pending`): flush() makes it durable. */
  private async run(statements: D1Statement[], what: string, table: TablePlan): Promise<void> {
    await this.flush();
    this.pending = this.db.batch(statements).catch((error: unknown) => {
      throw new Error(`${what} ${this.db.label} table "${table.name}" failed: ${(error as Error).message}`, {
        cause: error,
      });
    });
    this.pending.catch(() => {});
  }

  /**
   * The page's upserts, rows in page order. Rows go as SQL literals in multi-row
   * `INSERT … VALUES (…), (…) ON CONFLICT … DO UPDATE` statements under D1's 100 KB per
   * statement: on local D1 that inserts 20–30% faster than unpacking a JSON parameter, as
   * SQLite parses literals more cheaply than JSON (measured with the bench table, 200k rows:
   * ~320k rows/s against ~250k rows/s). A row too wide for a statement, or holding a NUL
   * (which ends SQL text), goes in a JSON chunk unpacked by `json_each` instead (up to D1's
   * 2 MB per value). Rows read as COPY text go straight from their line to literals, with no
   * intermediate array of values (the hot path of Postgres → D1).
   */
  private upserts(
    table: TablePlan,
    stream: string,
    copy: CopyText | undefined,
    rows: PgTextRow[] | undefined,
    synced: string,
    kept: readonly number[] = [],
  ): D1Statement[] {
    const statements: D1Statement[] = [];
    const keeping = kept.length > 0 ? table.keeping(kept) : undefined;
    const { head, tail, bytes: frame } = keeping?.values ?? table.values;
    const upsertSql = keeping?.upsert ?? table.upsert;
    // Bytes left for the rows' literals in one statement (chunkChars lowers it, for tests).
    const budget = Math.min(this.chunkChars, D1_LIMITS.statementBytes - frame);
    // `_fivetran_synced` is the same for every row: one parameter, referenced by each row
    // (30 bytes less per row to send and parse; ~9% faster on local D1).
    const tail1 = ",?1)";
    let tuples: string[] = [];
    let size = 0;
    let json: string[] = [];
    let jsonSize = 2;
    const flushValues = () => {
      if (tuples.length === 0) return;
      statements.push({ sql: `${head}${tuples.join(",")}${tail}`, params: [synced] });
      tuples = [];
      size = 0;
    };
    const flushJson = () => {
      if (json.length === 0) return;
      statements.push({ sql: upsertSql, params: [`[${json.join(",")}]`, synced] });
      json = [];
      jsonSize = 2;
    };
    /**
     * Adds a row: `tuple` its literals, `bytes` their UTF-8 size, `mayHoldNul` unless known
     * free of NUL (checking a tuple built by concatenation costs more than checking its line),
     * `row` decodes it for JSON.
     */
    const add = (tuple: string, bytes: number, mayHoldNul: boolean, row: () => PgTextRow) => {
      if (bytes < budget && !(mayHoldNul && tuple.includes("\0"))) {
        flushJson();
        if (size + bytes + 1 > budget) flushValues();
        tuples.push(tuple);
        size += bytes + 1;
        return;
      }
      flushValues();
      const text = this.rowJson(table, row());
      if (json.length > 0 && jsonSize + text.length + 1 > this.chunkChars) flushJson();
      if (text.length * 3 > D1_LIMITS.stringBytes && utf8Length(text) + 2 > D1_LIMITS.stringBytes) {
        throw new Error(
          `a row of ${stream} is ${utf8Length(text)} bytes as JSON; D1 stores at most ${D1_LIMITS.stringBytes} bytes per row`,
        );
      }
      json.push(text);
      jsonSize += text.length + 1;
    };

    const { literals, plainLiterals, keyed, keyIndexes } = table;
    const nullKey = () => new Error(`a row of ${stream} has a null primary key value`);
    if (copy && keyed) {
      const lines = copy.lines();
      let lineStart = 0;
      for (let r = 0; r < lines.length; r++) {
        const line = lines[r] as string;
        const lineBytes = (copy.ends[r] as number) - lineStart;
        lineStart = (copy.ends[r] as number) + 1;
        let tuple = "(";
        let start = 0;
        // Most lines hold no backslash (so no escape and no NULL), no single quote and no NUL:
        // their fields are the values as they are, and need no quoting beyond the outer quotes.
        const plain = line.indexOf("\\") < 0 && line.indexOf("'") < 0 && line.indexOf("\0") < 0;
        for (let i = 0; i < literals.length; i++) {
          const tab = line.indexOf("\t", start);
          if (tab < 0 && i < literals.length - 1) throw new Error(`a COPY line of ${stream} has too few fields`);
          const field = line.slice(start, tab < 0 ? line.length : tab);
          start = tab + 1;
          if (plain) {
            tuple +=
              i === 0 ? (plainLiterals[0] as LiteralEncoder)(field) : `,${(plainLiterals[i] as LiteralEncoder)(field)}`;
            continue;
          }
          const value = decodeCopyField(field);
          if (i > 0) tuple += ",";
          if (value === null) {
            // SQLite would give a NULL INTEGER PRIMARY KEY a fresh rowid instead of refusing it.
            if (keyIndexes.includes(i)) throw nullKey();
            tuple += "NULL";
          } else {
            tuple += (literals[i] as LiteralEncoder)(value);
          }
        }
        tuple += tail1;
        // An ASCII line (as many bytes as characters) makes an ASCII tuple.
        add(tuple, lineBytes === line.length ? tuple.length : utf8Length(tuple), !plain, () => decodeCopyLine(line));
      }
    } else {
      for (const row of rows ?? copy?.lines().map(decodeCopyLine) ?? []) {
        for (const i of keyIndexes) if (row[i] == null) throw nullKey();
        let tuple = "(";
        for (let i = 0; i < literals.length; i++) {
          const value = row[i] ?? null;
          tuple += (i === 0 ? "" : ",") + (value === null ? "NULL" : (literals[i] as LiteralEncoder)(value));
        }
        tuple += keyed ? tail1 : `,?1,${sqlString(rowId(row))})`;
        add(tuple, NON_ASCII.test(tuple) ? utf8Length(tuple) : tuple.length, true, () => row);
      }
    }
    flushValues();
    flushJson();
    return statements;
  }

  /** One row (its key already checked) as the JSON array the `json_each` statement unpacks. */
  private rowJson(table: TablePlan, row: PgTextRow): string {
    const values = table.encoders.map((encode, i) => encode(row[i] ?? null));
    if (!table.keyed) values.push(JSON.stringify(rowId(row)));
    return `[${values.join(",")}]`;
  }

  /** Resolves once the last page's batch is durable, rethrowing its error. */
  async flush(): Promise<void> {
    const pending = this.pending;
    this.pending = undefined;
    await pending;
  }

  async evolve(schema: string, table: string, op: EvolveOp): Promise<boolean> {
    const name = d1TableName(schema, table, this.namespace);
    const ident = quoteName(name);
    const columns = await this.db.query({
      sql: 'SELECT name, type, "notnull" AS not_null, dflt_value AS dflt, pk FROM pragma_table_info(?1) ORDER BY cid',
      params: [name],
    });
    if (columns.length === 0) return false;
    const has = new Set(columns.map((c) => String(c.name)));
    const run = (sql: string) => this.db.query({ sql, params: [] });
    try {
      switch (op.kind) {
        case "alter_type": {
          const current = columns.find((c) => c.name === op.column.name);
          const type = sqliteType(op.column);
          if (current && String(current.type).toUpperCase() !== type)
            await this.db.batch(rebuild(name, columns, op.column.name, type, await this.indexes(name)));
          break;
        }
        case "add_column":
          if (!has.has(op.column.name))
            await run(`ALTER TABLE ${ident} ADD COLUMN ${quoteName(op.column.name)} ${sqliteType(op.column)}`);
          break;
        case "drop_column":
          if (has.has(op.column)) await run(`ALTER TABLE ${ident} DROP COLUMN ${quoteName(op.column)}`);
          break;
        case "rename_column":
          if (!has.has(op.from)) break;
          if (has.has(op.to)) {
            // The new name arrived as a column of its own meanwhile: keep its values, fill the rest.
            await this.db.batch([
              {
                sql: `UPDATE ${ident} SET ${quoteName(op.to)} = ${quoteName(op.from)} WHERE ${quoteName(op.to)} IS NULL`,
                params: [],
              },
              { sql: `ALTER TABLE ${ident} DROP COLUMN ${quoteName(op.from)}`, params: [] },
            ]);
          } else {
            await run(`ALTER TABLE ${ident} RENAME COLUMN ${quoteName(op.from)} TO ${quoteName(op.to)}`);
          }
          break;
        case "drop_table":
          await run(`DROP TABLE IF EXISTS ${ident}`);
          break;
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new TableError(`could not apply ${op.kind} to D1 table "${name}": ${reason}`);
    }
    this.tables.delete(`${schema}.${table}`);
    return true;
  }

  /** The CREATE INDEX statements of a table (a rebuild recreates them). */
  private async indexes(name: string): Promise<string[]> {
    const rows = await this.db.query({
      sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL",
      params: [name],
    });
    return rows.map((r) => String(r.sql));
  }

  /** Bindings and HTTP requests hold no connection; a batch still running is waited for. */
  async close(): Promise<void> {
    await this.flush().catch(() => {});
  }
}

/**
 * Rows → file bytes for the R2 destination, in its three formats. A file holds the table's
 * columns (all nullable: a delete row carries only its key, a truncate marker none) and the
 * system columns `_fivetran_synced` (UTC, microseconds), `_fivetran_deleted` and, for a table
 * without a primary key, `_fivetran_id`.
 *
 * Parquet is written with hyparquet-writer: pure JavaScript (no wasm to instantiate, no Node
 * APIs), so it runs in workerd as it is; it takes an explicit Parquet schema (physical and
 * logical types, decimal precision/scale, timestamp units) and compresses with its built-in
 * Snappy. parquet-wasm needs its wasm module loaded through a bundler-specific path and is
 * ~4 MB; @dsnp/parquetjs needs Node's fs/stream and Buffer. Types:
 *
 * | column type | Parquet |
 * | --- | --- |
 * | boolean | BOOLEAN |
 * | int / long | INT32 / INT64 |
 * | float | DOUBLE |
 * | decimal(p ≤ 38, s) | DECIMAL(p, s) on INT32 (p ≤ 9), INT64 (p ≤ 18) or FIXED_LEN_BYTE_ARRAY (unbounded or wider: UTF8 text, exact) |
 * | string | BYTE_ARRAY UTF8 |
 * | uuid | FIXED_LEN_BYTE_ARRAY(16) UUID |
 * | date | INT32 DATE |
 * | time | INT64 TIME(MICROS, local) (with a zone: UTF8 text) |
 * | timestamp / timestamptz | INT64 TIMESTAMP(MICROS, isAdjustedToUTC false / true) |
 * | json, array | BYTE_ARRAY JSON (the source's text) |
 * | binary | BYTE_ARRAY |
 *
 * JSON lines and CSV carry the same values as text: longs as exact integers, decimals as
 * strings of their digits, NaN/±Infinity as `"NaN"`/`"Infinity"`/`"-Infinity"`, binary as
 * base64, JSON as a string holding its text. CSV quotes every text field, so an empty string
 * (`""`) and NULL (an empty unquoted field) stay apart.
 */
import { ByteWriter, ParquetWriter } from "hyparquet-writer";

/** The schema element of the hyparquet version hyparquet-writer pins (the file sources read with a newer one). */
type SchemaElement = ConstructorParameters<typeof ParquetWriter>[0]["schema"][number];

import { TableError } from "../../errors";
import type { Column, Value } from "../../protocol";
import { DELETED, ROW_ID, SYNCED } from "../system-columns";

export { DELETED, ROW_ID, SYNCED };

export type FileFormat = "parquet" | "json" | "csv";

/** File name extension per format. */
export const EXTENSION: Record<FileFormat, string> = { parquet: "parquet", json: "json", csv: "csv" };

export const CONTENT_TYPE: Record<FileFormat, string> = {
  parquet: "application/vnd.apache.parquet",
  json: "application/x-ndjson",
  csv: "text/csv; charset=utf-8",
};

/** One row of a file: the table's values, then the system columns. */
export interface FileRow {
  values: Value[];
  /** Epoch microseconds; null only on a full truncate marker. */
  synced: bigint | null;
  deleted: boolean;
  /** `_fivetran_id` of a keyless table (null on a marker). */
  id?: string | null;
}

/** How a column is typed in the files, as the manifest lists it (a DuckDB type name). */
export function lakeType(column: Column): string {
  switch (column.type) {
    case "boolean":
      return "BOOLEAN";
    case "int":
      return "INTEGER";
    case "long":
      return "BIGINT";
    case "float":
      return "DOUBLE";
    case "decimal":
      return parquetDecimal(column) ? `DECIMAL(${column.precision},${column.scale ?? 0})` : "VARCHAR";
    case "uuid":
      return "UUID";
    case "date":
      return "DATE";
    case "time":
      return zonedTime(column) ? "VARCHAR" : "TIME";
    case "timestamp":
      return "TIMESTAMP";
    case "timestamptz":
      return "TIMESTAMPTZ";
    case "json":
    case "array":
      return "JSON";
    case "binary":
      return "BLOB";
    default:
      return "VARCHAR";
  }
}

function parquetDecimal(column: Column): boolean {
  return column.precision !== undefined && column.precision >= 1 && column.precision <= 38;
}

function zonedTime(column: Column): boolean {
  return /with time zone|timetz/i.test(column.sourceType);
}

/** Bytes a two's-complement integer of `precision` decimal digits needs. */
function decimalBytes(precision: number): number {
  return Math.ceil((Math.log2(10 ** precision) + 1) / 8);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const STAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z)?$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (years 1–9999; Date.UTC maps 0–99 to 19xx). */
function epochDay(year: number, month: number, day: number): number {
  // Date.UTC is the fast path; it reads years 0–99 as 19xx, so those go through setUTCFullYear.
  if (year >= 100) return Math.floor(Date.UTC(year, month - 1, day) / 86_400_000);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return Math.floor(date.getTime() / 86_400_000);
}

function micros(fraction: string | undefined): bigint {
  return BigInt((fraction ?? "").padEnd(6, "0"));
}

/** `"YYYY-MM-DDTHH:MM:SS.ffffff[Z]"` → epoch microseconds, exactly. */
export function timestampMicros(text: string): bigint | undefined {
  const m = STAMP.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, f] = m;
  const seconds = epochDay(Number(y), Number(mo), Number(d)) * 86_400 + Number(h) * 3600 + Number(mi) * 60 + Number(s);
  const fraction = f === undefined ? 0 : Number(f.padEnd(6, "0"));
  // One BigInt per value where the microseconds fit a double exactly (years ≈ 1685–2255), the
  // exact BigInt arithmetic elsewhere: this runs once per timestamp of every Parquet row.
  const exact = seconds * 1_000_000 + fraction;
  if (Number.isSafeInteger(exact)) return BigInt(exact);
  return BigInt(seconds) * 1_000_000n + BigInt(fraction);
}

function timeMicros(text: string): bigint | undefined {
  const m = TIME.exec(text);
  if (!m) return undefined;
  const [, h, mi, s, f] = m;
  return BigInt(Number(h) * 3600 + Number(mi) * 60 + Number(s)) * 1_000_000n + micros(f);
}

/** A decimal's digits as the unscaled integer at `scale`, or undefined when not exact there. */
function unscaled(text: string, scale: number): bigint | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (m[2] === "" && !m[3])) return undefined;
  const fraction = m[3] ?? "";
  if (fraction.replace(/0+$/, "").length > scale) return undefined;
  const digits = BigInt(`${m[2] || "0"}${fraction.padEnd(scale, "0").slice(0, scale)}`);
  return m[1] === "-" ? -digits : digits;
}

/** A value a file format cannot hold: the run fails naming the table, column and row. */
function unfit(column: Column, value: Value, why: string): never {
  throw new TableError(`column ${column.name} (${column.type}) holds ${JSON.stringify(String(value))}: ${why}`);
}

interface ParquetColumn {
  element: SchemaElement;
  convert(value: Value, column: Column): unknown;
}

const encoder = new TextEncoder();

function parquetColumn(column: Column): ParquetColumn {
  const name = column.name;
  const optional = "OPTIONAL" as const;
  const text: ParquetColumn = {
    element: { name, type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: optional },
    convert: (v) => String(v),
  };
  switch (column.type) {
    case "boolean":
      return { element: { name, type: "BOOLEAN", repetition_type: optional }, convert: (v) => v === true };
    case "int":
      return { element: { name, type: "INT32", repetition_type: optional }, convert: (v) => Number(v) };
    case "long":
      return { element: { name, type: "INT64", repetition_type: optional }, convert: (v) => BigInt(v as bigint) };
    case "float":
      return { element: { name, type: "DOUBLE", repetition_type: optional }, convert: (v) => Number(v) };
    case "decimal": {
      if (!parquetDecimal(column)) return text;
      const precision = column.precision as number;
      const scale = column.scale ?? 0;
      return {
        // Parquet's own choice of physical type by precision: INT32 up to 9 digits, INT64 up
        // to 18, a fixed-length two's-complement byte array beyond (the format's spec, as
        // Spark and DuckDB write it); the integer types skip a byte array per value.
        element: {
          name,
          ...(precision <= 9
            ? { type: "INT32" as const }
            : precision <= 18
              ? { type: "INT64" as const }
              : { type: "FIXED_LEN_BYTE_ARRAY" as const, type_length: decimalBytes(precision) }),
          converted_type: "DECIMAL",
          logical_type: { type: "DECIMAL", precision, scale },
          precision,
          scale,
          repetition_type: optional,
        },
        convert(v, c) {
          const n = unscaled(String(v), scale);
          if (n === undefined || n.toString().replace("-", "").length > precision) {
            unfit(c, v, `not a number of DECIMAL(${precision},${scale})`);
          }
          return n;
        },
      };
    }
    case "uuid":
      return {
        element: {
          name,
          type: "FIXED_LEN_BYTE_ARRAY",
          type_length: 16,
          logical_type: { type: "UUID" },
          repetition_type: optional,
        },
        convert: (v) => String(v),
      };
    case "date":
      return {
        element: { name, type: "INT32", converted_type: "DATE", repetition_type: optional },
        convert(v, c) {
          const m = DATE.exec(String(v));
          if (!m) unfit(c, v, "a date Parquet's DATE cannot hold");
          return epochDay(Number(m[1]), Number(m[2]), Number(m[3]));
        },
      };
    case "time":
      if (zonedTime(column)) return text;
      return {
        element: {
          name,
          type: "INT64",
          logical_type: { type: "TIME", isAdjustedToUTC: false, unit: "MICROS" },
          repetition_type: optional,
        },
        convert(v, c) {
          const t = timeMicros(String(v));
          if (t === undefined) unfit(c, v, "a time Parquet's TIME cannot hold");
          return t;
        },
      };
    case "timestamp":
    case "timestamptz": {
      const utc = column.type === "timestamptz";
      return {
        element: {
          name,
          type: "INT64",
          ...(utc ? { converted_type: "TIMESTAMP_MICROS" as const } : {}),
          logical_type: { type: "TIMESTAMP", isAdjustedToUTC: utc, unit: "MICROS" },
          repetition_type: optional,
        },
        convert(v, c) {
          const t = timestampMicros(String(v));
          if (t === undefined) unfit(c, v, "a timestamp Parquet's TIMESTAMP cannot hold");
          return t;
        },
      };
    }
    case "json":
    case "array":
      // Declared JSON only in the footer (parquetFile): hyparquet-writer would re-serialise
      // values of converted_type JSON, and the source's text must stay as it was.
      return {
        element: { name, type: "BYTE_ARRAY", logical_type: { type: "JSON" }, repetition_type: optional },
        convert: (v) => encoder.encode(String(v)),
      };
    case "binary":
      return { element: { name, type: "BYTE_ARRAY", repetition_type: optional }, convert: (v) => v };
    default:
      return text;
  }
}

const SYNCED_ELEMENT: SchemaElement = {
  name: SYNCED,
  type: "INT64",
  converted_type: "TIMESTAMP_MICROS",
  logical_type: { type: "TIMESTAMP", isAdjustedToUTC: true, unit: "MICROS" },
  repetition_type: "OPTIONAL",
};

export interface EncodeOptions {
  /** Target bytes of one row group (of values, before encoding). */
  rowGroupBytes: number;
}

/** A part file's bytes. `rowBytes` (aligned with rows) sizes Parquet's row groups. */
export function encodeFile(
  format: FileFormat,
  columns: Column[],
  keyless: boolean,
  rows: FileRow[],
  rowBytes: number[],
  options: EncodeOptions,
): Uint8Array {
  if (format === "json") return encoder.encode(rows.map((row) => jsonLine(columns, keyless, row)).join(""));
  if (format === "csv") return encoder.encode(csvText(columns, keyless, rows));
  return parquetFile(columns, keyless, rows, rowBytes, options);
}

function parquetFile(
  columns: Column[],
  keyless: boolean,
  rows: FileRow[],
  rowBytes: number[],
  options: EncodeOptions,
): Uint8Array {
  const plans = columns.map(parquetColumn);
  const schema: SchemaElement[] = [{ name: "root", num_children: 0 }];
  const columnData: { name: string; data: unknown[] }[] = [];
  plans.forEach((plan, i) => {
    const column = columns[i] as Column;
    schema.push(plan.element);
    columnData.push({
      name: column.name,
      data: rows.map((row) => {
        const v = row.values[i] ?? null;
        return v === null ? null : plan.convert(v, column);
      }),
    });
  });
  schema.push(SYNCED_ELEMENT, { name: DELETED, type: "BOOLEAN", repetition_type: "OPTIONAL" });
  columnData.push(
    { name: SYNCED, data: rows.map((r) => r.synced) },
    { name: DELETED, data: rows.map((r) => r.deleted) },
  );
  if (keyless) {
    schema.push({ name: ROW_ID, type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" });
    columnData.push({ name: ROW_ID, data: rows.map((r) => r.id ?? null) });
  }
  (schema[0] as SchemaElement).num_children = schema.length - 1;
  // Row groups by bytes: hyparquet-writer takes a row count per group, so the counts are
  // computed here from each row's size.
  const groups: number[] = [];
  let inGroup = 0;
  let bytes = 0;
  for (const size of rowBytes) {
    inGroup++;
    bytes += size;
    if (bytes >= options.rowGroupBytes) {
      groups.push(inGroup);
      inGroup = 0;
      bytes = 0;
    }
  }
  if (inGroup > 0 || groups.length === 0) groups.push(Math.max(inGroup, 1));
  const writer = new ByteWriter();
  const pq = new ParquetWriter({ writer, schema, codec: "SNAPPY", createdBy: "fivetran.do r2 destination" });
  const json = new Set(plans.filter((p) => p.element.logical_type?.type === "JSON").map((p) => p.element.name));
  pq.write({
    // biome-ignore lint/suspicious/noExplicitAny: hyparquet-writer's DecodedArray is any[] in effect
    columnData: columnData.map((c) => ({ ...c, ...(json.has(c.name) ? { statistics: false } : {}) })) as any,
    rowGroupSize: groups,
  });
  // JSON columns were encoded as the bytes of their text; the footer says they are JSON
  // (converted_type too: DuckDB reads a JSON logical type without it as BLOB or VARCHAR).
  pq.schema = schema.map((e) => (json.has(e.name) ? { ...e, converted_type: "JSON" as const } : e));
  pq.finish();
  return writer.getBytes();
}

const BASE64_CHUNK = 0x8000;

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += BASE64_CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + BASE64_CHUNK));
  }
  return btoa(binary);
}

/** A value as JSON text in a JSON line (numbers exact, everything else a JSON string). */
function jsonValue(column: Column, value: Value): string {
  if (value === null) return "null";
  switch (column.type) {
    case "boolean":
      return value ? "true" : "false";
    case "int":
    case "long":
      return String(value);
    case "float":
      return Number.isFinite(value) ? String(value) : JSON.stringify(String(value));
    case "binary":
      return JSON.stringify(toBase64(value as Uint8Array));
    default:
      return JSON.stringify(String(value));
  }
}

function isoMicros(value: bigint | null): string | null {
  if (value === null) return null;
  const ms = value / 1000n;
  const rest = value % 1000n;
  const base = new Date(Number(ms)).toISOString();
  return `${base.slice(0, 23)}${String(rest < 0n ? rest + 1000n : rest).padStart(3, "0")}Z`;
}

function jsonLine(columns: Column[], keyless: boolean, row: FileRow): string {
  const parts = columns.map((c, i) => `${JSON.stringify(c.name)}:${jsonValue(c, row.values[i] ?? null)}`);
  parts.push(`${JSON.stringify(SYNCED)}:${JSON.stringify(isoMicros(row.synced))}`);
  parts.push(`${JSON.stringify(DELETED)}:${row.deleted}`);
  if (keyless) parts.push(`${JSON.stringify(ROW_ID)}:${JSON.stringify(row.id ?? null)}`);
  return `{${parts.join(",")}}\n`;
}

const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;

function csvValue(column: Column, value: Value): string {
  if (value === null) return "";
  switch (column.type) {
    case "boolean":
      return value ? "true" : "false";
    case "int":
    case "long":
      return String(value);
    case "float":
      return String(value);
    case "binary":
      return quote(toBase64(value as Uint8Array));
    default:
      return quote(String(value));
  }
}

function csvText(columns: Column[], keyless: boolean, rows: FileRow[]): string {
  const names = [...columns.map((c) => c.name), SYNCED, DELETED, ...(keyless ? [ROW_ID] : [])];
  const lines = [names.map(quote).join(",")];
  for (const row of rows) {
    const fields = columns.map((c, i) => csvValue(c, row.values[i] ?? null));
    const synced = isoMicros(row.synced);
    fields.push(synced === null ? "" : synced, row.deleted ? "true" : "false");
    if (keyless) fields.push(row.id ? quote(row.id) : "");
    lines.push(fields.join(","));
  }
  return `${lines.join("\n")}\n`;
}

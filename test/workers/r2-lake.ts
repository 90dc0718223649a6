/**
 * Reading what the R2 destination wrote, independently: the table's files are taken from the
 * real R2 binding and sent to DuckDB outside workerd (test/checks/duckdb-service.ts), which
 * runs the README's reconstruct query; its answer is turned back into protocol values.
 */
import { inject } from "vitest";
import type { FileFormat } from "../../src/engine/destinations/r2/encode";
import { toBase64 } from "../../src/engine/destinations/r2/encode";
import { reconstructSql } from "../../src/engine/destinations/r2/reconstruct";
import type { ManifestColumn } from "../../src/engine/destinations/r2/writer";
import type { Column, Stream, Value } from "../../src/engine/protocol";
import type { StoredRow } from "./conformance/suite";
import { fromHex } from "./conformance/suite";

export interface DuckDBAnswer {
  columns: string[];
  types: string[];
  rows: unknown[][];
}

/** Runs `sql` in DuckDB over `files` (relative path → bytes); `{dir}` is where they are. */
export async function duckdb(files: Record<string, Uint8Array>, sql: string): Promise<DuckDBAnswer> {
  const body = JSON.stringify({
    files: Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, toBase64(bytes)])),
    sql,
  });
  const response = await fetch(`http://127.0.0.1:${inject("duckdbPort")}/query`, { method: "POST", body });
  const answer = (await response.json()) as DuckDBAnswer & { error?: string };
  if (!response.ok) throw new Error(`DuckDB: ${answer.error}`);
  return answer;
}

/** Every object under `dir/` (keys relative to it), with its bytes. */
export async function lakeFiles(bucket: R2Bucket, dir: string): Promise<Record<string, Uint8Array>> {
  const files: Record<string, Uint8Array> = {};
  let cursor: string | undefined;
  for (;;) {
    const page = await bucket.list({ prefix: `${dir}/`, ...(cursor ? { cursor } : {}) });
    for (const object of page.objects) {
      const body = await bucket.get(object.key);
      if (body) files[object.key.slice(dir.length + 1)] = new Uint8Array(await body.arrayBuffer());
    }
    if (!page.truncated) return files;
    cursor = page.cursor;
  }
}

/** The table state the writer keeps beside a table's files, or undefined. */
export async function tableState(
  bucket: R2Bucket,
  dir: string,
): Promise<{ columns: ManifestColumn[]; format: FileFormat; next_part: number } | undefined> {
  const object = await bucket.get(`${dir}/_fivetran_table.json`);
  return object ? JSON.parse(await object.text()) : undefined;
}

/** DuckDB's JSON form of a value → the protocol value of `column` (as fixtures' canonical form). */
export function fromDuckDB(column: Column, value: unknown): Value {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case "boolean":
      return value as boolean;
    case "int":
      return Number(value);
    case "long":
      return BigInt(value as string);
    case "float":
      return Number(value);
    case "binary":
      return fromHex(value as string);
    case "timestamp":
      return stamp(String(value), false);
    case "timestamptz":
      return stamp(String(value), true);
    case "time":
      return column.sourceType.includes("with time zone") ? String(value) : time(String(value));
    default:
      return String(value);
  }
}

/** `2024-01-01 12:34:56.5[+00]` → `2024-01-01T12:34:56.500000[Z]`. */
function stamp(text: string, zoned: boolean): string {
  const m = /^(\d{4,}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d+))?(\+00)?$/.exec(text);
  if (!m) throw new Error(`DuckDB timestamp ${text} is not in the expected form`);
  return `${m[1]}T${m[2]}.${(m[3] ?? "").padEnd(6, "0")}${zoned ? "Z" : ""}`;
}

/** `12:00:00.5` → `12:00:00.500000` (and the protocol value the same way: see canonicalTime). */
function time(text: string): string {
  const [whole, fraction] = text.split(".");
  return `${whole}.${(fraction ?? "").padEnd(6, "0")}`;
}

/** A protocol value as the lake's read gives it back (times and timestamps with six digits). */
export function canonicalLake(column: Column, value: Value): Value {
  if (value === null || typeof value !== "string") return value;
  if (column.type === "time" && !column.sourceType.includes("with time zone")) return time(value);
  if (column.type === "timestamp" || column.type === "timestamptz") {
    const [whole, rest = ""] = value.replace(/Z$/, "").split(".");
    return `${whole}.${rest.padEnd(6, "0")}${column.type === "timestamptz" ? "Z" : ""}`;
  }
  return value;
}

/**
 * The rows of `stream` in the table directory `dir` (`<prefix>/<schema>/<table>`) as the
 * reconstruct query gives them: every key's latest row (`rows: "all"`, deleted ones marked) or
 * the current table only. Types are checked against the manifest's.
 */
export async function readLake(
  bucket: R2Bucket,
  dir: string,
  stream: Stream,
  rows: "all" | "current" = "all",
): Promise<{ stored: StoredRow[]; types: Record<string, string> }> {
  const state = await tableState(bucket, dir);
  if (!state) return { stored: [], types: {} };
  const files = await lakeFiles(bucket, dir);
  const ext = state.format;
  if (!Object.keys(files).some((name) => name.endsWith(`.${ext}`))) return { stored: [], types: {} };
  const sql = reconstructSql({
    format: state.format,
    files: `{dir}/*/*.${ext}`,
    columns: state.columns,
    primaryKey: stream.primaryKey,
    rows,
  });
  const answer = await duckdb(files, sql);
  const index = (name: string) => {
    const i = answer.columns.indexOf(name);
    if (i < 0) throw new Error(`DuckDB's answer has no column ${name}: ${answer.columns.join(", ")}`);
    return i;
  };
  const types = Object.fromEntries(answer.columns.map((name, i) => [name, answer.types[i] as string]));
  const synced = index("_fivetran_synced");
  const deleted = index("_fivetran_deleted");
  const stored = answer.rows.map((row) => ({
    row: stream.columns.map((c) => fromDuckDB(c, row[index(c.name)])),
    synced: Date.parse(String(row[synced]).replace(" ", "T").replace(/\+00$/, "Z")),
    deleted: row[deleted] === true,
  }));
  return { stored, types };
}

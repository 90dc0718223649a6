/**
 * The DuckDB query that reconstructs a table's current rows from its R2 files (README: "R2
 * data lake"), built here so the README's query and the tests' are the same text. Rows are
 * ordered by the part number in their file name (`…-<part>.<ext>`, the table's own sequence);
 * a part holds one row per key, so the latest row of a key is the one in its highest part.
 * A truncate marker (key NULL) deletes the rows of earlier parts synced before its
 * `_fivetran_synced` (all of them when that is NULL).
 */
import { DELETED, type FileFormat, ROW_ID, SYNCED } from "./encode";
import type { ManifestColumn } from "./writer";

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
const lit = (text: string) => `'${text.replace(/'/g, "''")}'`;

export interface ReconstructInput {
  format: FileFormat;
  /** A glob of the table's files, e.g. `s3://bucket/prefix/schema/table/*\/*.parquet`. */
  files: string;
  columns: ManifestColumn[];
  primaryKey: string[];
  /**
   * `current` (default): the table as it is now, without deleted rows. `all`: every key's
   * latest row, deleted ones included, with `_fivetran_deleted` saying whether it is.
   */
  rows?: "current" | "all";
}

/** Columns a text format holds as strings to convert: binary (base64), JSON in JSON lines. */
function textual(format: FileFormat, column: ManifestColumn): boolean {
  return column.type === "BLOB" || (format === "json" && column.type === "JSON");
}

function convert(column: ManifestColumn): string {
  return column.type === "BLOB" ? `from_base64(${q(column.name)})` : `CAST(${q(column.name)} AS JSON)`;
}

/** The scan of the files with every column typed as the manifest says. */
function scan({ format, files, columns }: ReconstructInput, keyless: boolean): string {
  if (format === "parquet") return `read_parquet(${lit(files)}, filename = true, union_by_name = true)`;
  // Text formats carry no types: they come from the manifest; binary travels as base64 and,
  // in JSON lines, JSON as a string holding its text (both converted in reconstructSql).
  const types = [
    ...columns.map((c) => [c.name, textual(format, c) ? "VARCHAR" : c.type] as const),
    [SYNCED, "TIMESTAMPTZ"] as const,
    [DELETED, "BOOLEAN"] as const,
    ...(keyless ? [[ROW_ID, "VARCHAR"] as const] : []),
  ];
  const spec = `{${types.map(([name, type]) => `${lit(name)}: ${lit(type)}`).join(", ")}}`;
  if (format === "json") {
    return `read_json(${lit(files)}, format = 'newline_delimited', filename = true, columns = ${spec})`;
  }
  return `read_csv(${lit(files)}, header = true, filename = true, allow_quoted_nulls = false, columns = ${spec})`;
}

/** The query; its columns are the table's, `_fivetran_synced`, `_fivetran_deleted` (and `_fivetran_id`). */
export function reconstructSql(input: ReconstructInput): string {
  const keyless = input.primaryKey.length === 0;
  const key = keyless ? [ROW_ID] : input.primaryKey;
  const first = q(key[0] as string);
  const converted = input.format === "parquet" ? [] : input.columns.filter((c) => textual(input.format, c));
  const decode = converted.length
    ? ` REPLACE (${converted.map((c) => `${convert(c)} AS ${q(c.name)}`).join(", ")})`
    : "";
  const truncated = `EXISTS (SELECT 1 FROM markers m WHERE m._part > l._part AND (m.before IS NULL OR l.${q(SYNCED)} < m.before))`;
  const head = [
    "WITH log AS (",
    `  SELECT *${decode}, CAST(regexp_extract(filename, '-(\\d+)\\.[a-z]+$', 1) AS BIGINT) AS _part`,
    `  FROM ${scan(input, keyless)}`,
    "),",
    `markers AS (SELECT _part, ${q(SYNCED)} AS before FROM log WHERE ${first} IS NULL),`,
    "latest AS (",
    `  SELECT * FROM log WHERE ${first} IS NOT NULL`,
    `  QUALIFY row_number() OVER (PARTITION BY ${key.map(q).join(", ")} ORDER BY _part DESC) = 1`,
    ")",
  ];
  if (input.rows === "all") {
    return [
      ...head,
      `SELECT * EXCLUDE (filename, _part, ${q(DELETED)}), ${q(DELETED)} OR ${truncated} AS ${q(DELETED)}`,
      "FROM latest l",
    ].join("\n");
  }
  return [
    ...head,
    "SELECT * EXCLUDE (filename, _part) FROM latest l",
    `WHERE NOT ${q(DELETED)} AND NOT ${truncated}`,
  ].join("\n");
}

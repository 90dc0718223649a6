/**
 * Parquet files for the file sources, read with hyparquet (a maintained pure-JS reader that
 * runs in Workers) through range reads: the footer first, then one window of rows at a time,
 * so a file is never loaded whole. Column types come from the file's own schema.
 */
import { type AsyncBuffer, type FileMetaData, parquetMetadataAsync, parquetRead, type SchemaElement } from "hyparquet";
import type { ColumnType, Value } from "../protocol";
import { type Converted, jsonText, MISFIT } from "./file-values";

export type { AsyncBuffer, FileMetaData };

const pad = (n: number | bigint, width: number) => String(n).padStart(width, "0");

function microsText(micros: bigint, zoned: boolean): string {
  let seconds = micros / 1_000_000n;
  let fraction = micros % 1_000_000n;
  if (fraction < 0n) {
    fraction += 1_000_000n;
    seconds -= 1n;
  }
  const date = new Date(Number(seconds) * 1000);
  const text = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}T${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}.${pad(fraction, 6)}`;
  return zoned ? `${text}Z` : text;
}

/** Parsers that keep microseconds and give dates and JSON as the protocol's text. */
function parsers(zoned: boolean) {
  return {
    timestampFromMilliseconds: (ms: bigint | number) => microsText(BigInt(ms) * 1000n, zoned),
    timestampFromMicroseconds: (us: bigint | number) => microsText(BigInt(us), zoned),
    timestampFromNanoseconds: (ns: bigint | number) => microsText(BigInt(ns) / 1000n, zoned),
    dateFromDays: (days: number) => microsText(BigInt(days) * 86_400_000_000n, false).slice(0, 10),
    jsonFromBytes: (bytes: Uint8Array | undefined) => bytes && new TextDecoder().decode(bytes),
  };
}

/** A column of a Parquet file: its name, protocol type, and (decimals) scale. */
export interface ParquetColumn {
  name: string;
  type: ColumnType;
  /** Parquet's own type, for messages and `sourceType`. */
  sourceType: string;
  scale?: number;
  zoned?: boolean;
  /** Why the column's values cannot be delivered exactly (the file then fails). */
  unsupported?: string;
}

function columnOf(element: SchemaElement, nested: boolean): ParquetColumn {
  const name = element.name;
  const logical = element.logical_type;
  const converted = element.converted_type;
  const physical = element.type ?? "GROUP";
  const sourceType = logical?.type ?? converted ?? physical;
  if (nested || element.num_children) return { name, type: "json", sourceType };
  if (logical?.type === "STRING" || logical?.type === "ENUM" || converted === "UTF8" || converted === "ENUM")
    return { name, type: "string", sourceType };
  if (logical?.type === "JSON" || converted === "JSON") return { name, type: "json", sourceType };
  if (logical?.type === "UUID") return { name, type: "uuid", sourceType };
  if (logical?.type === "DATE" || converted === "DATE") return { name, type: "date", sourceType };
  if (logical?.type === "TIMESTAMP") {
    return {
      name,
      type: logical.isAdjustedToUTC ? "timestamptz" : "timestamp",
      sourceType,
      zoned: logical.isAdjustedToUTC,
    };
  }
  if (converted === "TIMESTAMP_MILLIS" || converted === "TIMESTAMP_MICROS" || physical === "INT96")
    return { name, type: "timestamptz", sourceType, zoned: true };
  if (logical?.type === "DECIMAL" || converted === "DECIMAL") {
    const precision = logical?.type === "DECIMAL" ? logical.precision : (element.precision ?? 38);
    const scale = logical?.type === "DECIMAL" ? logical.scale : (element.scale ?? 0);
    // hyparquet decodes decimals as doubles: exact only up to 15 significant digits.
    const unsupported =
      precision > 15
        ? `column ${name} is DECIMAL(${precision},${scale}): more than 15 digits cannot be read exactly`
        : undefined;
    return { name, type: "decimal", sourceType: `DECIMAL(${precision},${scale})`, scale, unsupported };
  }
  if (logical?.type === "INTEGER") {
    if (logical.bitWidth === 64) return { name, type: logical.isSigned ? "long" : "decimal", sourceType, scale: 0 };
    return { name, type: logical.bitWidth === 32 && !logical.isSigned ? "long" : "int", sourceType };
  }
  if (converted === "UINT_64") return { name, type: "decimal", sourceType, scale: 0 };
  if (converted === "UINT_32") return { name, type: "long", sourceType };
  switch (physical) {
    case "BOOLEAN":
      return { name, type: "boolean", sourceType };
    case "INT32":
      return { name, type: "int", sourceType };
    case "INT64":
      return { name, type: "long", sourceType };
    case "FLOAT":
    case "DOUBLE":
      return { name, type: "float", sourceType };
    default:
      return { name, type: "binary", sourceType };
  }
}

/** The top-level columns of a file, from its footer. */
export function parquetColumns(metadata: FileMetaData): ParquetColumn[] {
  const schema = metadata.schema;
  const columns: ParquetColumn[] = [];
  // schema[0] is the root; its children follow depth-first.
  let i = 1;
  const skip = (at: number): number => {
    let next = at + 1;
    for (let c = 0; c < (schema[at]?.num_children ?? 0); c++) next = skip(next);
    return next;
  };
  while (i < schema.length) {
    const element = schema[i] as SchemaElement;
    columns.push(columnOf(element, false));
    i = skip(i);
  }
  return columns;
}

export function readParquetMetadata(file: AsyncBuffer): Promise<FileMetaData> {
  return parquetMetadataAsync(file);
}

/** Rows [start, end) of the file as objects of top-level columns. */
export async function readParquetRows(
  file: AsyncBuffer,
  metadata: FileMetaData,
  start: number,
  end: number,
  zoned: boolean,
): Promise<Record<string, unknown>[]> {
  let rows: Record<string, unknown>[] = [];
  await parquetRead({
    file,
    metadata,
    rowStart: start,
    rowEnd: end,
    rowFormat: "object",
    utf8: false,
    parsers: parsers(zoned),
    onComplete: (result) => {
      rows = result as Record<string, unknown>[];
    },
  });
  return rows;
}

/** A value read from Parquet (its column `source`) as a value of the stream's `type`. */
export function fromParquet(value: unknown, source: ParquetColumn, type: ColumnType): Converted {
  if (value === null || value === undefined) return null;
  const native = nativeValue(value, source);
  if (native === MISFIT) return MISFIT;
  if (type === source.type) return native;
  switch (type) {
    case "long":
      return source.type === "int" ? BigInt(native as number) : MISFIT;
    case "decimal":
      return source.type === "int" || source.type === "long" ? String(native) : MISFIT;
    case "float":
      return source.type === "int" || source.type === "long" || source.type === "decimal" ? Number(native) : MISFIT;
    case "timestamp":
      return source.type === "date" ? `${native}T00:00:00.000000` : MISFIT;
    case "json":
      return typeof native === "string" && source.type === "json" ? native : jsonText(native);
    case "string":
      if (native instanceof Uint8Array) return MISFIT;
      return typeof native === "string" ? native : String(native);
    default:
      return MISFIT;
  }
}

function nativeValue(value: unknown, source: ParquetColumn): Value | typeof MISFIT {
  switch (source.type) {
    case "boolean":
      return typeof value === "boolean" ? value : MISFIT;
    case "int":
      return typeof value === "number" ? value : MISFIT;
    case "long":
      return typeof value === "bigint" ? value : typeof value === "number" ? BigInt(value) : MISFIT;
    case "float":
      return typeof value === "number" ? value : MISFIT;
    case "decimal":
      if (typeof value === "bigint") return String(value);
      return typeof value === "number" ? value.toFixed(source.scale ?? 0) : MISFIT;
    case "json":
      return typeof value === "string" && source.sourceType === "JSON" ? value : jsonText(value);
    case "binary":
      return value instanceof Uint8Array ? value : MISFIT;
    default:
      return typeof value === "string" ? value : MISFIT;
  }
}

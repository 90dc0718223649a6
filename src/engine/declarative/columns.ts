/**
 * Columns of a declarative stream and its records as rows: from an InlineSchemaLoader's JSON
 * schema, or inferred from records with types that only widen (boolean → long → float →
 * string; timestamptz → string; objects and arrays → json; two kinds that do not widen into
 * each other → json). Values are converted to the protocol's typed values (protocol.ts); a
 * value its column cannot hold fails with the stream, the field and the record's key.
 */
import { TableError } from "../errors";
import type { Column, ColumnType, Value } from "../protocol";
import { parseIso } from "./datetime";

export type InferredType = "boolean" | "long" | "float" | "timestamptz" | "date" | "string" | "json";

/** The protocol type of a JSON schema property. */
export function columnTypeOfSchema(property: unknown): { type: ColumnType; sourceType: string; nullable: boolean } {
  const p = (property && typeof property === "object" ? property : {}) as Record<string, unknown>;
  const raw = p.type;
  const types = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(String);
  const nullable = types.length === 0 || types.includes("null");
  const kinds = types.filter((t) => t !== "null");
  const format = typeof p.format === "string" ? p.format : undefined;
  const airbyteType = typeof p.airbyte_type === "string" ? p.airbyte_type : undefined;
  const sourceType = kinds.length ? kinds.join("|") + (format ? `(${format})` : "") : "any";
  if (kinds.length !== 1) {
    // `anyOf`, several types, or none: the JSON as it came.
    return { type: kinds.length === 0 && !p.anyOf && !p.oneOf ? "json" : "json", sourceType, nullable };
  }
  switch (kinds[0]) {
    case "boolean":
      return { type: "boolean", sourceType, nullable };
    case "integer":
      return { type: "long", sourceType, nullable };
    case "number":
      return { type: airbyteType === "integer" ? "long" : "float", sourceType, nullable };
    case "string":
      if (format === "date-time") {
        return {
          type: airbyteType === "timestamp_without_timezone" ? "timestamp" : "timestamptz",
          sourceType,
          nullable,
        };
      }
      if (format === "date") return { type: "date", sourceType, nullable };
      return { type: "string", sourceType, nullable };
    case "object":
      return { type: "json", sourceType, nullable };
    case "array":
      return { type: "array", sourceType, nullable };
    default:
      return { type: "json", sourceType, nullable };
  }
}

/** Columns from a JSON schema's `properties`, in their order. */
export function columnsOfSchema(schema: Record<string, unknown>): Column[] {
  const properties = schema.properties;
  if (!properties || typeof properties !== "object") return [];
  return Object.entries(properties as Record<string, unknown>).map(([name, property]) => {
    const { type, sourceType, nullable } = columnTypeOfSchema(property);
    return { name, type, sourceType, nullable };
  });
}

// ---------------------------------------------------------------------------------------
// Inference.

const TIMESTAMP_TEXT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** The narrowest type of one value; undefined for null. */
export function typeOfValue(value: unknown): InferredType | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return Number.isInteger(value) && Number.isSafeInteger(value) ? "long" : "float";
  if (typeof value === "string")
    return TIMESTAMP_TEXT.test(value) && parseIso(value) !== undefined ? "timestamptz" : "string";
  return "json";
}

const NUMERIC: InferredType[] = ["boolean", "long", "float"];

/** The narrowest type holding both; types only widen. */
export function widen(a: InferredType | undefined, b: InferredType | undefined): InferredType | undefined {
  if (!a) return b;
  if (!b || a === b) return a;
  if (NUMERIC.includes(a) && NUMERIC.includes(b)) {
    return NUMERIC[Math.max(NUMERIC.indexOf(a), NUMERIC.indexOf(b))];
  }
  if (a === "json" || b === "json") return "json";
  // Strings take timestamps, dates and numbers' text alike.
  return "string";
}

/** An inferred type as a protocol column type. */
export function columnTypeOf(type: InferredType): ColumnType {
  return type;
}

/** A column type as an inferred type (for widening columns discovered earlier). */
export function inferredOf(type: ColumnType): InferredType {
  switch (type) {
    case "boolean":
    case "float":
    case "timestamptz":
    case "date":
    case "string":
    case "json":
      return type;
    case "int":
    case "long":
      return "long";
    case "decimal":
      return "float";
    case "array":
      return "json";
    default:
      return "string";
  }
}

/** Widens `known` (field → type) with the fields of `records`; returns whether anything changed. */
export function inferInto(
  known: Map<string, InferredType | undefined>,
  records: Iterable<Record<string, unknown>>,
): string[] {
  const changed: string[] = [];
  for (const record of records) {
    for (const [field, value] of Object.entries(record)) {
      const had = known.get(field);
      const next = widen(had, typeOfValue(value));
      if (!known.has(field) || next !== had) {
        known.set(field, next);
        changed.push(field);
      }
    }
  }
  return changed;
}

export function inferredColumns(known: Map<string, InferredType | undefined>): Column[] {
  return [...known].map(([name, type]) => ({
    name,
    type: columnTypeOf(type ?? "string"),
    sourceType: `inferred:${type ?? "null"}`,
    nullable: true,
  }));
}

// ---------------------------------------------------------------------------------------
// Values.

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

function timestampText(micros: number, zone: boolean): string {
  const ms = Math.floor(micros / 1000);
  const d = new Date(ms);
  const frac = String((((ms % 1000) + 1000) % 1000) * 1000 + (micros - ms * 1000)).padStart(6, "0");
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${frac}${zone ? "Z" : ""}`;
}

/** A value does not fit its column: the reason (for the error), or undefined when converted. */
export class ValueMismatch extends Error {}

/** One JSON value as the protocol value of `column`. Throws ValueMismatch when it cannot be held. */
export function toValue(column: Column, value: unknown): Value {
  if (value === null || value === undefined) return null;
  const mismatch = () => new ValueMismatch(`${JSON.stringify(value).slice(0, 60)} is not a ${column.type}`);
  switch (column.type) {
    case "boolean":
      if (typeof value === "boolean") return value;
      throw mismatch();
    case "int":
      if (typeof value === "number" && Number.isInteger(value)) return value;
      throw mismatch();
    case "long":
      if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
      if (typeof value === "string" && /^-?\d+$/.test(value)) return BigInt(value);
      if (typeof value === "boolean") return value ? 1n : 0n;
      throw mismatch();
    case "float":
      if (typeof value === "number") return value;
      if (typeof value === "boolean") return value ? 1 : 0;
      if (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))) return Number(value);
      throw mismatch();
    case "decimal":
      if (typeof value === "number" && Number.isFinite(value)) return String(value);
      if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value)) return value;
      throw mismatch();
    case "timestamptz":
    case "timestamp": {
      const at = typeof value === "string" ? parseIso(value) : undefined;
      if (at === undefined) throw mismatch();
      return timestampText(at, column.type === "timestamptz");
    }
    case "date":
      if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
      throw mismatch();
    case "string":
    case "uuid":
      if (typeof value === "string") return column.type === "uuid" ? value.toLowerCase() : value;
      if (typeof value === "number" || typeof value === "boolean") return String(value);
      return JSON.stringify(value);
    case "json":
      return JSON.stringify(value);
    case "array":
      return JSON.stringify(Array.isArray(value) ? value : [value]);
    default:
      throw mismatch();
  }
}

/** A record as a row of `columns`; throws TableError naming the stream, field and key when a value does not fit. */
export function toRow(
  stream: string,
  columns: readonly Column[],
  record: Record<string, unknown>,
  primaryKey: readonly string[],
): Value[] {
  const row: Value[] = new Array(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i] as Column;
    try {
      row[i] = toValue(column, record[column.name]);
    } catch (error) {
      if (!(error instanceof ValueMismatch)) throw error;
      const key = primaryKey.map((k) => `${k}=${JSON.stringify(record[k])}`).join(", ");
      throw new TableError(
        `stream '${stream}': field '${column.name}' of record ${key || "(no key)"}: ${error.message}`,
      );
    }
  }
  return row;
}

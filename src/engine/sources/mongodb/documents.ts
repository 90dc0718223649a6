/**
 * Documents to rows: how a collection becomes a table and a document a row, with nothing lost.
 *
 * - **Key.** `_id` is the primary key, a string column: an ObjectId is its 24 lowercase hex
 *   digits, a string is itself, any other `_id` (a number, a UUID, a document) is its canonical
 *   Extended JSON (`{"$numberInt":"7"}`), so two distinct `_id`s never land on one row.
 * - **Packed** (`packing_mode: UsePackedModeOnly`, or the collection in `packed_mode_tables`):
 *   `_id` and `data`, the whole document as JSON.
 * - **Unpacked** (default): one column per top-level field seen in a sample of the collection
 *   (its first {@link SAMPLE_SIZE} documents in `_id` order), typed by the BSON types seen
 *   there (below); nested documents and arrays are JSON columns — or, with `flatten_nested`,
 *   a field holding documents becomes one column per sub-field (`address_city`), one level
 *   deep. A last column `_extra` (JSON) holds, per row, every field that has no column or whose
 *   value is of a type its column does not take (null when there is none): fields that appear
 *   after discovery, or a rare type, are kept, never dropped.
 *
 * Column types by the BSON types a field holds (null and missing values aside): int32 → int;
 * int64 (with or without int32) → long; double (with any integers) → float; decimal128 (with
 * any numbers) → decimal; string → string; objectId → string (hex); bool → boolean; date →
 * timestamptz (milliseconds); binData subtype 4 → uuid; other binData → binary; array → array
 * (JSON); document, any other type or a mix of types → json.
 *
 * JSON is relaxed Extended JSON v2 (MongoDB's own `mongoexport --jsonFormat=relaxed`): numbers
 * as numbers, `{"$oid":…}`, `{"$date":"…Z"}`, `{"$numberDecimal":…}`, `{"$binary":…}`, and an
 * int64 beyond 2^53 as `{"$numberLong":"…"}` so no digit is lost; keys in document order.
 *
 * A column's `sourceType` records the BSON types it takes (`int|long`), and for a flattened
 * column also its path (`string field ["address","city"]`): reading needs nothing but the
 * stream as discovered.
 */
import { type Binary, type Document, EJSON, type Long } from "bson";
import type { Column, ColumnType, Row, Stream, Value } from "../../protocol";

/** Documents sampled per collection to type its columns. */
export const SAMPLE_SIZE = 1000;

/** The column for fields without one (and values of other types). */
export const EXTRA_COLUMN = "_extra";
/** The packed mode's document column. */
export const DATA_COLUMN = "data";

/** A BSON value's type name, as `$type` names it. */
export function bsonType(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  switch (typeof value) {
    case "string":
      return "string";
    case "boolean":
      return "bool";
    case "number":
      return "double";
    case "bigint":
      return "long";
  }
  if (value instanceof Date) return "date";
  if (Array.isArray(value)) return "array";
  if (value instanceof RegExp) return "regex";
  switch ((value as { _bsontype?: string })._bsontype) {
    case "Int32":
      return "int";
    case "Double":
      return "double";
    case "Long":
      return "long";
    case "Decimal128":
      return "decimal";
    case "ObjectId":
      return "objectId";
    case "Binary":
      return (value as Binary).sub_type === 4 ? "uuid" : "binData";
    case "Timestamp":
      return "timestamp";
    case "BSONRegExp":
      return "regex";
    case "Code":
      return "javascript";
    case "BSONSymbol":
      return "symbol";
    case "MinKey":
      return "minKey";
    case "MaxKey":
      return "maxKey";
    case "DBRef":
      return "dbPointer";
    case undefined:
      return "object";
    default:
      return "object";
  }
}

/** The column type for a set of BSON types (see the module comment). */
export function columnTypeOf(types: ReadonlySet<string>): ColumnType {
  const list = [...types].filter((t) => t !== "null" && t !== "undefined");
  const only = (...allowed: string[]) => list.length > 0 && list.every((t) => allowed.includes(t));
  if (only("int")) return "int";
  if (only("int", "long")) return "long";
  if (only("int", "long", "double")) return "float";
  if (only("int", "long", "double", "decimal")) return "decimal";
  if (only("string") || only("objectId")) return "string";
  if (only("bool")) return "boolean";
  if (only("date")) return "timestamptz";
  if (only("uuid")) return "uuid";
  if (only("binData")) return "binary";
  if (only("array")) return "array";
  return "json";
}

// ---------------------------------------------------------------------------------------
// Values.

const TWO_53 = 2n ** 53n;

function longToBigInt(value: Long): bigint {
  return BigInt(value.toString());
}

/** A decimal128's text as the protocol's plain digits (`1.5E+3` → `1500`). */
export function decimalDigits(text: string): string | undefined {
  if (/^-?(NaN|Infinity)$/.test(text)) return text.replace("-NaN", "NaN");
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:E([+-]?\d+))?$/i.exec(text);
  if (!match) return undefined;
  const [, sign = "", whole = "", fraction = "", exponent = "0"] = match;
  let digits = whole + fraction;
  let point = whole.length + Number(exponent);
  if (point <= 0) {
    digits = "0".repeat(1 - point) + digits;
    point = 1;
  }
  if (point > digits.length) digits += "0".repeat(point - digits.length);
  const int = digits.slice(0, point).replace(/^0+(?=\d)/, "");
  const frac = digits.slice(point);
  return `${sign}${int}${frac ? `.${frac}` : ""}`;
}

/** A value as relaxed Extended JSON (see the module comment), ready for JSON.stringify. */
export function toJsonValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : { $numberDouble: String(value) };
  if (typeof value === "bigint") {
    return value > -TWO_53 && value < TWO_53 ? Number(value) : { $numberLong: value.toString() };
  }
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value instanceof Date) {
    const ms = value.getTime();
    const year = value.getUTCFullYear();
    return year >= 1970 && year <= 9999 ? { $date: value.toISOString() } : { $date: { $numberLong: String(ms) } };
  }
  const tag = (value as { _bsontype?: string })._bsontype;
  if (tag === "Int32" || tag === "Double") return toJsonValue((value as { value: number }).value);
  if (tag === "Long") return toJsonValue(longToBigInt(value as Long));
  if (tag === undefined) {
    return Object.fromEntries(Object.entries(value as Document).map(([k, v]) => [k, toJsonValue(v)]));
  }
  // ObjectId, Decimal128, Binary, Timestamp, regular expressions, code, min/max keys.
  return EJSON.serialize(value, { relaxed: false });
}

/** JSON text of a value. */
export function jsonText(value: unknown): string {
  return JSON.stringify(toJsonValue(value));
}

/** The `_id` column's text (see the module comment). */
export function idText(id: unknown): string {
  const type = bsonType(id);
  if (type === "objectId") return (id as { toHexString(): string }).toHexString();
  if (type === "string") return id as string;
  return EJSON.stringify(id as Document, { relaxed: false });
}

/** An `_id` as state keeps it: canonical Extended JSON, which restores its exact type. */
export function idState(id: unknown): string {
  return EJSON.stringify({ id }, { relaxed: false });
}

export function idFromState(text: string): unknown {
  return (EJSON.parse(text, { relaxed: false }) as { id: unknown }).id;
}

const TIMESTAMPTZ = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** A value as a protocol value of `type`, or undefined when it cannot be one (it goes to `_extra`). */
export function toColumnValue(value: unknown, type: ColumnType, accepts: ReadonlySet<string>): Value | undefined {
  if (value === null || value === undefined) return null;
  const bson = bsonType(value);
  if (!accepts.has(bson)) return undefined;
  switch (type) {
    case "int":
      return (value as { value: number }).value;
    case "long":
      return bson === "long" ? longToBigInt(value as Long) : BigInt((value as { value: number }).value);
    case "float": {
      if (bson === "long") {
        const n = longToBigInt(value as Long);
        return n > -TWO_53 && n < TWO_53 ? Number(n) : undefined;
      }
      return bson === "double" && typeof value === "number" ? value : (value as { value: number }).value;
    }
    case "decimal": {
      if (bson === "decimal") return decimalDigits(String(value));
      if (bson === "long") return longToBigInt(value as Long).toString();
      const n = typeof value === "number" ? value : (value as { value: number }).value;
      if (!Number.isFinite(n)) return Number.isNaN(n) ? "NaN" : n > 0 ? "Infinity" : "-Infinity";
      return decimalDigits(String(n).toUpperCase().replace("E", "E"));
    }
    case "string":
      return bson === "objectId" ? (value as { toHexString(): string }).toHexString() : (value as string);
    case "boolean":
      return value as boolean;
    case "timestamptz": {
      const date = value as Date;
      if (Number.isNaN(date.getTime())) return undefined;
      const iso = date.toISOString();
      return TIMESTAMPTZ.test(iso) ? `${iso.slice(0, -1)}000Z` : undefined;
    }
    case "uuid": {
      const hex = Array.from((value as Binary).buffer, (b) => b.toString(16).padStart(2, "0")).join("");
      return hex.length === 32
        ? `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
        : undefined;
    }
    case "binary":
      return new Uint8Array((value as Binary).buffer);
    default:
      return jsonText(value);
  }
}

// ---------------------------------------------------------------------------------------
// Discovery.

export interface MappingOptions {
  packed: boolean;
  flatten: boolean;
}

const isDocument = (value: unknown) => bsonType(value) === "object";

interface FieldInfo {
  types: Set<string>;
  nullable: boolean;
  /** Sub-fields, for flattening (in first-seen order). */
  children: Map<string, FieldInfo>;
}

function fieldInfo(): FieldInfo {
  return { types: new Set(), nullable: false, children: new Map() };
}

function observe(fields: Map<string, FieldInfo>, doc: Document, seen: number, nested: boolean) {
  const present = new Set<string>();
  for (const [name, value] of Object.entries(doc)) {
    let info = fields.get(name);
    if (!info) {
      info = fieldInfo();
      // A field first seen after other documents was missing (null) in those.
      if (seen > 0) info.nullable = true;
      fields.set(name, info);
    }
    present.add(name);
    const type = bsonType(value);
    if (type === "null" || type === "undefined") info.nullable = true;
    else info.types.add(type);
    if (nested && type === "object") observe(info.children, value as Document, info.types.size > 0 ? 1 : 0, false);
  }
  for (const [name, info] of fields) if (!present.has(name)) info.nullable = true;
}

const typeList = (types: Set<string>) => [...types].sort().join("|") || "null";

/** The stream of a collection from a sample of its documents. */
export function streamOf(database: string, collection: string, sample: Document[], options: MappingOptions): Stream {
  const id: Column = { name: "_id", type: "string", sourceType: "_id", nullable: false };
  const base = { namespace: database, name: collection, primaryKey: ["_id"], cursorCandidates: [] };
  if (options.packed) {
    return { ...base, columns: [id, { name: DATA_COLUMN, type: "json", sourceType: "document", nullable: false }] };
  }
  const fields = new Map<string, FieldInfo>();
  sample.forEach((doc, i) => {
    observe(fields, doc, i, options.flatten);
  });
  const columns: Column[] = [id];
  const taken = new Set(["_id", EXTRA_COLUMN]);
  for (const [name, info] of fields) {
    if (name === "_id" || name === EXTRA_COLUMN) continue;
    const flatten = options.flatten && info.types.size === 1 && info.types.has("object") && info.children.size > 0;
    if (!flatten) {
      columns.push({
        name,
        type: columnTypeOf(info.types),
        sourceType: typeList(info.types),
        nullable: true,
      });
      taken.add(name);
      continue;
    }
    for (const [child, sub] of info.children) {
      const column = `${name}_${child}`;
      // A name another field already has: the sub-field stays in `_extra`.
      if (taken.has(column) || fields.has(column)) continue;
      taken.add(column);
      columns.push({
        name: column,
        type: columnTypeOf(sub.types),
        sourceType: `${typeList(sub.types)} field ${JSON.stringify([name, child])}`,
        nullable: true,
      });
    }
  }
  columns.push({ name: EXTRA_COLUMN, type: "json", sourceType: "document", nullable: true });
  return { ...base, columns };
}

// ---------------------------------------------------------------------------------------
// Rows.

interface ColumnPlan {
  path: [string] | [string, string];
  type: ColumnType;
  accepts: Set<string>;
}

/** Turns documents into rows of a stream (as discovered). */
export function rowMapper(stream: Stream): (doc: Document) => Row {
  const names = stream.columns.map((c) => c.name);
  if (names.length === 2 && names[1] === DATA_COLUMN && stream.columns[1]?.sourceType === "document") {
    return (doc) => [idText(doc._id), jsonText(doc)];
  }
  const plans: (ColumnPlan | "id" | "extra")[] = stream.columns.map((column) => {
    if (column.name === "_id") return "id";
    if (column.name === EXTRA_COLUMN && column.sourceType === "document") return "extra";
    const match = /^(.*?) field (\[.*\])$/.exec(column.sourceType);
    const types = (match ? (match[1] as string) : column.sourceType).split("|");
    const path = match ? (JSON.parse(match[2] as string) as [string, string]) : ([column.name] as [string]);
    return { path, type: column.type, accepts: new Set(types) };
  });
  // Which top-level fields the columns cover, fully or (flattened) by some of their keys.
  const whole = new Set<string>();
  const parts = new Map<string, Set<string>>();
  for (const plan of plans) {
    if (typeof plan === "string") continue;
    if (plan.path.length === 1) whole.add(plan.path[0]);
    else parts.set(plan.path[0], (parts.get(plan.path[0]) ?? new Set()).add(plan.path[1] as string));
  }
  return (doc) => {
    const extra: Document = {};
    const row: Row = plans.map((plan) => {
      if (plan === "id") return idText(doc._id);
      if (plan === "extra") return null;
      const [top, sub] = plan.path;
      const value = sub === undefined ? doc[top] : isDocument(doc[top]) ? (doc[top] as Document)[sub] : undefined;
      const converted = toColumnValue(value, plan.type, plan.accepts);
      if (converted !== undefined) return converted;
      // Not of this column's types: kept whole in _extra.
      if (sub === undefined) extra[top] = value;
      return null;
    });
    for (const [name, value] of Object.entries(doc)) {
      if (name === "_id" || value === undefined) continue;
      if (whole.has(name)) continue;
      const covered = parts.get(name);
      if (covered && isDocument(value)) {
        const rest = Object.entries(value as Document).filter(
          ([k]) => !covered.has(k) || !fitsPart(plans, name, k, value),
        );
        if (rest.length > 0) extra[name] = Object.fromEntries(rest);
        continue;
      }
      extra[name] = value;
    }
    const at = plans.indexOf("extra");
    if (at >= 0) row[at] = Object.keys(extra).length > 0 ? jsonText(extra) : null;
    return row;
  };
}

/** Whether a flattened sub-field's value went into its column (not into `_extra`). */
function fitsPart(plans: (ColumnPlan | "id" | "extra")[], top: string, sub: string, parent: unknown): boolean {
  const plan = plans.find((p) => typeof p !== "string" && p.path[0] === top && p.path[1] === sub) as
    | ColumnPlan
    | undefined;
  if (!plan) return false;
  return toColumnValue((parent as Document)[sub], plan.type, plan.accepts) !== undefined;
}

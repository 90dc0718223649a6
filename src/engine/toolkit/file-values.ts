/**
 * Types inferred from file contents (CSV text, JSON values, Parquet columns) and the
 * conversion of each value to its column's protocol type. Types only widen: a column seen as
 * `long` in one file and `float` in another is `float`; two types with no common numeric or
 * temporal supertype make it `string` (JSON lines: `json` absorbs everything).
 */
import type { ColumnType, Value } from "../protocol";

/** What a value does not fit: the column must widen before it can be delivered. */
export const MISFIT: unique symbol = Symbol("misfit");
export type Converted = Value | typeof MISFIT;

const NUMERIC: ColumnType[] = ["int", "long", "decimal", "float"];

/** The narrowest type holding values of both `a` and `b`. */
export function widen(a: ColumnType | undefined, b: ColumnType | undefined): ColumnType | undefined {
  if (a === undefined) return b;
  if (b === undefined || a === b) return a;
  if (a === "json" || b === "json") return "json";
  const na = NUMERIC.indexOf(a);
  const nb = NUMERIC.indexOf(b);
  if (na >= 0 && nb >= 0) return NUMERIC[Math.max(na, nb)];
  const temporal = new Set([a, b]);
  if (temporal.size === 2 && temporal.has("date") && temporal.has("timestamp")) return "timestamp";
  return "string";
}

const INTEGER = /^[+-]?\d{1,19}$/;
const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL_FLOAT = /^(?:[+-]?(?:inf|infinity)|nan)$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(2000, m, 0)).getUTCDate();
  const leap = m === 2 && d === 29 ? (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 : true;
  return d <= days && leap;
}

/** The type of a CSV field's text (never null: empty fields carry no type). */
export function inferText(text: string): ColumnType {
  const t = text.trim();
  if (t.length !== text.length || t === "") return "string";
  const lower = t.toLowerCase();
  if (lower === "true" || lower === "false") return "boolean";
  // A leading zero (zip codes, ids) is text: a number would drop it.
  if (/^[+-]?0\d/.test(t)) return "string";
  if (INTEGER.test(t)) {
    const n = BigInt(t);
    return n >= INT64_MIN && n <= INT64_MAX ? "long" : "float";
  }
  if (FLOAT.test(t)) return "float";
  const d = DATE.exec(t);
  if (d) return validDate(Number(d[1]), Number(d[2]), Number(d[3])) ? "date" : "string";
  const ts = TIMESTAMP.exec(t);
  if (ts && validDate(Number(ts[1]), Number(ts[2]), Number(ts[3])) && Number(ts[4]) < 24 && Number(ts[5]) < 60) {
    return ts[8] ? "timestamptz" : "timestamp";
  }
  return "string";
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** `2024-01-02T03:04:05.123456Z`-style text of a timestamp (zoned: converted to UTC). */
function timestampText(text: string, zoned: boolean): string | undefined {
  const m = TIMESTAMP.exec(text.trim());
  if (!m) return undefined;
  const [, y = "", mo = "", d = "", h = "", mi = "", s = "00", frac = "", zone] = m;
  if (!validDate(Number(y), Number(mo), Number(d)) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59)
    return undefined;
  const micros = frac.slice(0, 6).padEnd(6, "0");
  if (!zoned) return zone ? undefined : `${y}-${mo}-${d}T${h}:${mi}:${s}.${micros}`;
  if (!zone) return undefined;
  let offset = 0;
  if (zone.toUpperCase() !== "Z") {
    const digits = zone.replace(":", "");
    offset = (digits[0] === "-" ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || 0));
  }
  const t = new Date(0);
  t.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  t.setUTCHours(Number(h), Number(mi) - offset, Number(s));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1, 2)}-${pad(t.getUTCDate(), 2)}T${pad(t.getUTCHours(), 2)}:${pad(t.getUTCMinutes(), 2)}:${pad(t.getUTCSeconds(), 2)}.${micros}Z`;
}

/** A CSV field's text as a value of `type`, or MISFIT. */
export function fromText(text: string, type: ColumnType): Converted {
  switch (type) {
    case "string":
      return text;
    case "boolean": {
      const lower = text.trim().toLowerCase();
      return lower === "true" ? true : lower === "false" ? false : MISFIT;
    }
    case "long":
      return inferText(text) === "long" ? BigInt(text.trim()) : MISFIT;
    case "float": {
      const t = text.trim();
      if (FLOAT.test(t) && !/^[+-]?0\d/.test(t)) return Number(t);
      if (SPECIAL_FLOAT.test(t))
        return t.toLowerCase().includes("nan") ? Number.NaN : t.startsWith("-") ? -Infinity : Infinity;
      return MISFIT;
    }
    case "date":
      return inferText(text) === "date" ? text : MISFIT;
    case "timestamp":
      return inferText(text) === "date" ? `${text}T00:00:00.000000` : (timestampText(text, false) ?? MISFIT);
    case "timestamptz":
      return timestampText(text, true) ?? MISFIT;
    default:
      return MISFIT;
  }
}

/** JSON.parse keeping integers beyond 2^53 exact (as bigint), with the reviver's source text. */
export function parseJson(text: string): unknown {
  return JSON.parse(text, (_key, value, context?: { source?: string }) =>
    typeof value === "number" && Number.isInteger(value) && !Number.isSafeInteger(value) && context?.source
      ? /^-?\d+$/.test(context.source)
        ? BigInt(context.source)
        : value
      : value,
  );
}

const rawJson = (JSON as unknown as { rawJSON?: (text: string) => unknown }).rawJSON;

/** JSON text of a parsed value (bigints written as their digits). */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? (rawJson ? rawJson(String(v)) : String(v)) : v));
}

/** The type of a parsed JSON value (undefined for null). */
export function inferJson(value: unknown): ColumnType | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "bigint") return value >= INT64_MIN && value <= INT64_MAX ? "long" : "float";
  if (typeof value === "number") return Number.isInteger(value) ? "long" : "float";
  if (typeof value === "string") return "string";
  return "json";
}

/** A parsed JSON value as a value of `type`, or MISFIT. */
export function fromJson(value: unknown, type: ColumnType): Converted {
  if (value === null || value === undefined) return null;
  switch (type) {
    case "json":
      return jsonText(value);
    case "string":
      return typeof value === "string" ? value : jsonText(value);
    case "boolean":
      return typeof value === "boolean" ? value : MISFIT;
    case "long":
      if (typeof value === "bigint") return value;
      return typeof value === "number" && Number.isInteger(value) ? BigInt(value) : MISFIT;
    case "float":
      return typeof value === "number" ? value : typeof value === "bigint" ? Number(value) : MISFIT;
    default:
      return MISFIT;
  }
}

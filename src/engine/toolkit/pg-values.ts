/**
 * PostgreSQL's text representation (what COPY and `::text` speak) and the protocol's typed
 * values (protocol.ts `Value`), both ways. Sources that read PostgreSQL text decode with
 * {@link fromPgText}; writers that speak PostgreSQL text (COPY into Postgres, the D1 writer's
 * literal encoders) render typed values with {@link toPgText}. Hand-written: no library
 * covers PostgreSQL's array literal grammar and its type-by-type text forms.
 */
import type { Column, Value } from "../protocol";

export const TRUE = new Set(["t", "true", "1", "y", "yes", "on"]);

const TIMESTAMP =
  /^(\d{4,})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.(\d+))?(?:([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?|(Z))?$/;

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** At least six fraction digits (microseconds), so that text order is time order. */
function fraction(digits: string | undefined): string {
  return (digits ?? "").padEnd(6, "0");
}

/**
 * A timestamp in RFC 3339: `2024-01-01T12:00:00.123456Z` with a zone (converted to UTC),
 * `2024-01-01T12:00:00.123456` without. Values RFC 3339 cannot express (`infinity`,
 * `-infinity`, BC dates) are kept as PostgreSQL wrote them.
 */
export function rfc3339(value: string, zoned: boolean): string {
  // Fast path for what a UTC session sends for nearly every value: `YYYY-MM-DD HH:MM:SS[.f]+00`.
  if (
    zoned &&
    value.length >= 22 &&
    value.charCodeAt(4) === 45 &&
    value.charCodeAt(10) === 32 &&
    value.endsWith("+00")
  ) {
    const clock = value.slice(11, -3);
    const dot = clock.indexOf(".");
    if (dot < 0) return `${value.slice(0, 10)}T${clock}.000000Z`;
    if (clock.length - dot - 1 <= 6)
      return `${value.slice(0, 10)}T${clock.slice(0, dot)}.${clock.slice(dot + 1).padEnd(6, "0")}Z`;
  }
  const m = TIMESTAMP.exec(value);
  if (!m) return value;
  const [, y = "", mo = "", d = "", h = "", mi = "", s = "", frac, sign, oh, om, os, z] = m;
  if (!zoned) return sign || z ? value : `${y}-${mo}-${d}T${h}:${mi}:${s}.${fraction(frac)}`;
  const offset = sign ? (sign === "-" ? -1 : 1) * (Number(oh) * 3600 + Number(om ?? 0) * 60 + Number(os ?? 0)) : 0;
  if (offset === 0) return `${y}-${mo}-${d}T${h}:${mi}:${s}.${fraction(frac)}Z`;
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 onto 1900–1999.
  const t = new Date(0);
  t.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  t.setUTCHours(Number(h), Number(mi), Number(s) - offset);
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1, 2)}-${pad(t.getUTCDate(), 2)}T${pad(t.getUTCHours(), 2)}:${pad(t.getUTCMinutes(), 2)}:${pad(t.getUTCSeconds(), 2)}.${fraction(frac)}Z`;
}

/** The instant `_fivetran_synced` records, in the same RFC 3339 form as timestamptz values. */
export function syncedText(date: Date): string {
  return date.toISOString().replace(/Z$/, "000Z");
}

const HEX_BYTEA = /^\\x(?:[0-9a-fA-F]{2})*$/;

/** `\x0aff` → `0aff`, turned into a BLOB by `unhex()` in SQL. */
export function byteaHex(value: string): string {
  if (!HEX_BYTEA.test(value)) {
    throw new Error(`binary value is not PostgreSQL hex bytea (\\x…): ${value.slice(0, 40)}`);
  }
  return value.slice(2);
}

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** Encodes one array element (never null) as a JSON token. */
type ElementEncoder = (value: string) => string;

const asString: ElementEncoder = (v) => JSON.stringify(v);
const asNumber: ElementEncoder = (v) => (JSON_NUMBER.test(v) ? v : JSON.stringify(v));
const asBoolean: ElementEncoder = (v) => (TRUE.has(v.toLowerCase()) ? "true" : "false");
const asJson: ElementEncoder = (v) => v;

/** How the elements of an array column become JSON, from its source type (`integer[]`). */
function elementEncoder(sourceType: string): ElementEncoder {
  const element = sourceType.replace(/(\[\d*\])+$/, "").trim();
  if (/^(smallint|integer|bigint|real|double precision|numeric|decimal|int[248]|float[48]|oid)\b/.test(element)) {
    return asNumber;
  }
  if (element === "boolean" || element === "bool") return asBoolean;
  if (element === "json" || element === "jsonb") return asJson;
  if (/^timestamp(\(\d\))? with time zone$|^timestamptz$/.test(element)) return (v) => JSON.stringify(rfc3339(v, true));
  if (/^timestamp(\(\d\))?( without time zone)?$/.test(element)) return (v) => JSON.stringify(rfc3339(v, false));
  return asString;
}

const DIMENSIONS = /^(\[-?\d+:-?\d+\])+=/;

/**
 * A PostgreSQL array literal (`{1,2}`, `{{a,"b c"},{NULL,"d\"e"}}`, `[0:1]={x,y}`) as JSON
 * text, elements encoded by `encode`; NULL → null. PostgreSQL quotes any element containing a
 * delimiter, brace, quote, backslash or space, so unquoted elements need no unescaping.
 * Text already in JSON form (`[…]` without PostgreSQL's dimension prefix) is kept as is.
 */
export function pgArrayToJson(literal: string, encode: ElementEncoder = asString, delimiter = ","): string {
  let i = 0;
  if (literal.startsWith("[")) {
    const dims = DIMENSIONS.exec(literal);
    if (!dims) return literal;
    i = dims[0].length;
  }
  const fail = (): never => {
    throw new Error(`malformed array literal at offset ${i}: ${literal.slice(0, 60)}`);
  };
  const level = (): string => {
    if (literal[i] !== "{") fail();
    i++;
    if (literal[i] === "}") {
      i++;
      return "[]";
    }
    const items: string[] = [];
    for (;;) {
      const c = literal[i];
      if (c === "{") {
        items.push(level());
      } else if (c === '"') {
        let text = "";
        let start = ++i;
        for (;;) {
          const ch = literal[i];
          if (ch === undefined) fail();
          if (ch === '"') break;
          if (ch === "\\") {
            text += literal.slice(start, i);
            start = ++i;
          }
          i++;
        }
        text += literal.slice(start, i);
        i++;
        items.push(encode(text));
      } else {
        const start = i;
        while (i < literal.length && literal[i] !== delimiter && literal[i] !== "}") i++;
        const raw = literal.slice(start, i).trim();
        items.push(raw.toUpperCase() === "NULL" ? "null" : encode(raw));
      }
      if (literal[i] === delimiter) {
        i++;
      } else if (literal[i] === "}") {
        i++;
        return `[${items.join(",")}]`;
      } else {
        fail();
      }
    }
  };
  const json = level();
  if (i !== literal.length) fail();
  return json;
}

/** How an array column's PostgreSQL literal becomes JSON text. */
export function arrayJson(column: Column): (value: string) => string {
  // box is the one built-in type whose array delimiter is `;`.
  const delimiter = /^box(\[\d*\])+$/.test(column.sourceType) ? ";" : ",";
  const encode = elementEncoder(column.sourceType);
  return (v) => pgArrayToJson(v, encode, delimiter);
}

const HEX = "0123456789abcdef";

/** Bytes as PostgreSQL's hex bytea text (`\\x0aff`). */
export function bytesToPgHex(bytes: Uint8Array): string {
  let out = "\\x";
  for (const b of bytes) out += (HEX[b >> 4] as string) + (HEX[b & 15] as string);
  return out;
}

/** PostgreSQL hex bytea text (`\\x0aff`) as bytes. */
export function pgHexToBytes(text: string): Uint8Array {
  const hex = byteaHex(text);
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** A JSON number token for a float (`NaN` and ±Infinity are not JSON: they stay text). */
function floatText(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "Infinity";
  if (value === Number.NEGATIVE_INFINITY) return "-Infinity";
  return Object.is(value, -0) ? "-0" : String(value);
}

/** A decoder from PostgreSQL text of `column` to its protocol value. */
export function fromPgText(column: Column): (text: string | null) => Value {
  switch (column.type) {
    case "boolean":
      return (t) => (t === null ? null : TRUE.has(t.toLowerCase()));
    case "int":
      return (t) => (t === null ? null : Number(t));
    case "long":
      return (t) => (t === null ? null : BigInt(t));
    case "float":
      return (t) => (t === null ? null : Number(t));
    case "timestamptz":
      return (t) => (t === null ? null : rfc3339(t, true));
    case "timestamp":
      return (t) => (t === null ? null : rfc3339(t, false));
    case "binary":
      return (t) => (t === null ? null : pgHexToBytes(t));
    case "array": {
      const json = arrayJson(column);
      return (t) => (t === null ? null : json(t));
    }
    default:
      // decimal, string, uuid, date, time, json: PostgreSQL's text is the protocol's.
      return (t) => t;
  }
}

/** Renders a JSON array (the protocol's array value) as a PostgreSQL array literal. */
export function jsonToPgArray(json: string): string {
  const element = (v: unknown): string => {
    if (v === null) return "NULL";
    if (Array.isArray(v)) return `{${v.map(element).join(",")}}`;
    const text = typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v);
    return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  };
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) throw new Error("an array value is not a JSON array");
  return element(parsed);
}

/**
 * An encoder from a protocol value of `column` to PostgreSQL text; `pgArrays`: the column is a
 * PostgreSQL array (else an array value stays its JSON text).
 */
export function toPgText(column: Column, pgArrays = false): (value: Value) => string | null {
  return (v) => {
    if (v === null || v === undefined) return null;
    switch (typeof v) {
      case "boolean":
        return v ? "t" : "f";
      case "number":
        return floatText(v);
      case "bigint":
        return v.toString();
      case "string":
        return column.type === "array" && pgArrays ? jsonToPgArray(v) : v;
      default:
        return bytesToPgHex(v);
    }
  };
}

/** Approximate bytes of a value (the engine's memory bound counts these). */
export function valueBytes(value: Value): number {
  if (value === null) return 1;
  if (typeof value === "string") return value.length;
  if (value instanceof Uint8Array) return value.length;
  return 8;
}

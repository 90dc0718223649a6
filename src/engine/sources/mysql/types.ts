/**
 * MySQL / MariaDB types onto the protocol's ColumnType and Value (protocol.ts), one mapping
 * for both ways a value arrives: the text protocol of a query (raw bytes, `typeCast: false`)
 * and a decoded binlog row event (binlog.ts hands over the same text forms).
 *
 * | MySQL / MariaDB | ColumnType | value |
 * | --- | --- | --- |
 * | TINYINT, SMALLINT, MEDIUMINT, INT (signed), SMALLINT/MEDIUMINT/TINYINT UNSIGNED, YEAR | int | number |
 * | INT UNSIGNED, BIGINT | long | bigint |
 * | BIGINT UNSIGNED | decimal(20,0) | its digits: 2^64 − 1 fits no signed 64-bit long |
 * | DECIMAL(p,s) / NUMERIC | decimal (precision, scale) | exact digits as the server renders them |
 * | FLOAT, DOUBLE | float | number (FLOAT as the server renders it: 6 significant digits) |
 * | BIT(1) | boolean | bit set or not |
 * | BIT(n > 1) | binary | the ⌈n/8⌉ bytes, big-endian, as the server sends them |
 * | CHAR, VARCHAR, *TEXT, ENUM, SET, INET4/INET6 | string | text (SET: comma-separated members) |
 * | BINARY, VARBINARY, *BLOB, GEOMETRY | binary | bytes (GEOMETRY: SRID + WKB, as stored) |
 * | JSON (MySQL), LONGTEXT with json_valid (MariaDB's JSON) | json | the JSON text as the server holds it |
 * | UUID (MariaDB) | uuid | lowercase text |
 * | DATE | date | YYYY-MM-DD |
 * | DATETIME(fsp) | timestamp | YYYY-MM-DDTHH:MM:SS.ffffff (no zone: a wall-clock value) |
 * | TIMESTAMP(fsp) | timestamptz | …Z: read with the session's time_zone = '+00:00' |
 * | TIME(fsp) | string | [-]HHH:MM:SS[.ffffff] as the server renders it: TIME is a duration |
 *
 * **TIME** is a signed duration (−838:59:59 … 838:59:59), not a time of day, so it cannot be
 * the protocol's `time` without loss: it travels as its text. **Zero dates** (`0000-00-00`,
 * `2024-00-15`, `0000-00-00 00:00:00`, which non-strict sql_modes let in) name no day, so they
 * become NULL; date, datetime and timestamp columns are therefore declared nullable whatever
 * their NOT NULL, so a destination can hold those NULLs.
 */
import type { Column, ColumnType, StreamState, Value } from "../../protocol";

/** A column as information_schema.COLUMNS describes it. */
export interface MysqlColumnInfo {
  name: string;
  /** DATA_TYPE, lower case (`int`, `varchar`, `datetime`). */
  dataType: string;
  /** COLUMN_TYPE (`int(10) unsigned`, `decimal(12,2)`, `bit(1)`, `enum('a','b')`). */
  columnType: string;
  nullable: boolean;
  precision: number | null;
  scale: number | null;
  /** MariaDB: a JSON column is LONGTEXT with a json_valid() check. */
  json: boolean;
}

const ZONELESS_DATES = new Set(["date", "datetime", "timestamp"]);

/** The protocol column of a MySQL column. */
export function mysqlColumn(info: MysqlColumnInfo): Column {
  const type = columnType(info);
  const column: Column = {
    name: info.name,
    type,
    sourceType: info.json ? "json" : info.columnType,
    // Zero dates read as NULL (see above), whatever the column's NOT NULL.
    nullable: info.nullable || ZONELESS_DATES.has(info.dataType),
  };
  if (type === "decimal") {
    if (info.dataType === "bigint") {
      column.precision = 20;
      column.scale = 0;
    } else if (info.precision !== null) {
      column.precision = info.precision;
      column.scale = info.scale ?? 0;
    }
  }
  return column;
}

function columnType(info: MysqlColumnInfo): ColumnType {
  const unsigned = /\bunsigned\b/i.test(info.columnType);
  if (info.json) return "json";
  switch (info.dataType) {
    case "tinyint":
    case "smallint":
    case "mediumint":
    case "year":
      return "int";
    case "int":
    case "integer":
      return unsigned ? "long" : "int";
    case "bigint":
      return unsigned ? "decimal" : "long";
    case "decimal":
    case "numeric":
      return "decimal";
    case "float":
    case "double":
    case "real":
      return "float";
    case "bit":
      return /^bit\(1\)/i.test(info.columnType) ? "boolean" : "binary";
    case "date":
      return "date";
    case "datetime":
      return "timestamp";
    case "timestamp":
      return "timestamptz";
    case "json":
      return "json";
    case "uuid":
      return "uuid";
    case "binary":
    case "varbinary":
    case "tinyblob":
    case "blob":
    case "mediumblob":
    case "longblob":
    case "geometry":
    case "point":
    case "linestring":
    case "polygon":
    case "multipoint":
    case "multilinestring":
    case "multipolygon":
    case "geometrycollection":
    case "geomcollection":
      return "binary";
    default:
      // char, varchar, *text, enum, set, time, inet4, inet6 and whatever comes next: text.
      return "string";
  }
}

/** Whether a column's values travel as bytes in the text protocol (not as text). */
export function isBytes(column: Column): boolean {
  return column.type === "binary" || column.type === "boolean";
}

const decoder = new TextDecoder();

/** `YYYY-MM-DD` with a zero month or day names no date. */
function zeroDate(text: string): boolean {
  return text.startsWith("0000-00-00") || text.slice(5, 7) === "00" || text.slice(8, 10) === "00";
}

/** `YYYY-MM-DD HH:MM:SS[.f…]` → `YYYY-MM-DDTHH:MM:SS.ffffff`, or null for a zero date. */
export function mysqlDateTime(text: string): string | null {
  if (zeroDate(text)) return null;
  const dot = text.indexOf(".", 19);
  const fraction = dot < 0 ? "" : text.slice(dot + 1);
  return `${text.slice(0, 10)}T${text.slice(11, 19)}.${fraction.padEnd(6, "0").slice(0, 6)}`;
}

/** A text-protocol value (bytes as the server sent them) → protocol value of `column`. */
export function mysqlValueDecoder(column: Column): (raw: Uint8Array | null) => Value {
  const text = (raw: Uint8Array) => decoder.decode(raw);
  switch (column.type) {
    case "int":
    case "float":
      return (raw) => (raw === null ? null : Number(text(raw)));
    case "long":
      return (raw) => (raw === null ? null : BigInt(text(raw)));
    case "boolean":
      return (raw) => (raw === null ? null : raw.some((b) => b !== 0));
    case "binary":
      // A copy: the driver's buffer may be a view of a whole packet.
      return (raw) => (raw === null ? null : new Uint8Array(raw));
    case "date":
      return (raw) => {
        if (raw === null) return null;
        const t = text(raw);
        return zeroDate(t) ? null : t;
      };
    case "timestamp":
      return (raw) => (raw === null ? null : mysqlDateTime(text(raw)));
    case "timestamptz":
      return (raw) => {
        if (raw === null) return null;
        const t = mysqlDateTime(text(raw));
        return t === null ? null : `${t}Z`;
      };
    default:
      return (raw) => (raw === null ? null : text(raw));
  }
}

/** A protocol value of `column` from the text form state and binlog events carry (see binlog.ts). */
export function valueFromText(column: Column, t: string | null): Value {
  if (t === null) return null;
  return mysqlValueDecoder(column)(isBytes(column) ? hexBytes(t) : new TextEncoder().encode(t));
}

export function bytesHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}

export function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Approximate bytes of a raw value (the engine's memory bound). */
export function rawBytes(raw: Uint8Array | null): number {
  return raw === null ? 1 : raw.length + 8;
}

/**
 * Per-stream state, as the Postgres reader's: `snapshot` reads the table in key order
 * (`after`: key of the last row committed), `incremental` passes move `cursor` on (`signpost`,
 * `lower` and `position` while a pass is in progress), `done` ends a full snapshot. Key and
 * cursor values are the server's text (hex for bytes). `binlog`: the binlog position of the
 * consistent snapshot this table's snapshot started in; `slices`: each later slice's, with the
 * key it resumed after (change capture skips a key's events at or before the position of the
 * slice that read the key: slices.ts).
 */
export interface MysqlState {
  v: 1;
  phase: "snapshot" | "incremental" | "done";
  after?: (string | null)[] | null;
  startCursor?: string | null;
  cursor?: string | null;
  signpost?: string | null;
  lower?: string | null;
  position?: (string | null)[] | null;
  binlog?: BinlogPosition;
  slices?: { after: (string | null)[]; binlog: BinlogPosition }[];
}

/** A binlog position: file and offset (and MariaDB's GTID position when known). */
export interface BinlogPosition {
  file: string;
  pos: number;
  gtid?: string;
}

export function parseMysqlState(raw: StreamState | undefined): MysqlState | undefined {
  return raw && (raw as { v?: unknown }).v === 1 ? (raw as unknown as MysqlState) : undefined;
}

/**
 * Writes raw values (the text protocol's bytes) of `columns` as PostgreSQL COPY text, so a
 * Postgres destination takes MySQL rows without decoding them to values and encoding them again
 * (the `pg-copy` codec). The same rules as the typed path: zero dates are `\N`, TIMESTAMP is
 * UTC (`+00`), BIT(1) is `t`/`f`, bytes are `\\x…` hex, text escapes backslash, tab, newline and
 * carriage return; numbers, DECIMAL digits, DATETIME, DATE, TIME text and JSON go as they are.
 */
export function copyEncoder(
  columns: Column[],
): (rows: (Uint8Array | null)[][]) => { data: Uint8Array; ends: number[] } {
  const kinds = columns.map((c) => {
    switch (c.type) {
      case "int":
      case "long":
      case "float":
      case "decimal":
      case "uuid":
        return 0; // as is
      case "boolean":
        return 1;
      case "binary":
        return 2;
      case "date":
        return 3;
      case "timestamp":
        return 4;
      case "timestamptz":
        return 5;
      default:
        return 6; // text, escaped
    }
  });
  const HEX = new TextEncoder().encode("0123456789abcdef");
  return (rows) => {
    let size = 0;
    for (const row of rows) for (const v of row) size += v === null ? 3 : v.length * 2 + 8;
    let out = new Uint8Array(size + rows.length);
    let at = 0;
    const ends: number[] = [];
    const room = (n: number) => {
      if (at + n <= out.length) return;
      const bigger = new Uint8Array(Math.max(out.length * 2, at + n));
      bigger.set(out.subarray(0, at));
      out = bigger;
    };
    const nul = () => {
      room(2);
      out[at++] = 0x5c;
      out[at++] = 0x4e;
    };
    for (const row of rows) {
      for (let i = 0; i < kinds.length; i++) {
        if (i > 0) {
          room(1);
          out[at++] = 0x09;
        }
        const v = row[i] ?? null;
        if (v === null) {
          nul();
          continue;
        }
        switch (kinds[i]) {
          case 0:
            room(v.length);
            out.set(v, at);
            at += v.length;
            break;
          case 1:
            room(1);
            out[at++] = v.some((b) => b !== 0) ? 0x74 : 0x66;
            break;
          case 2:
            room(3 + v.length * 2);
            out[at++] = 0x5c;
            out[at++] = 0x5c;
            out[at++] = 0x78;
            for (const b of v) {
              out[at++] = HEX[b >> 4] as number;
              out[at++] = HEX[b & 15] as number;
            }
            break;
          case 3:
          case 4:
          case 5: {
            // A zero month or day (`0000-00-00`, `2024-00-15`) is no date: NULL.
            if ((v[5] === 0x30 && v[6] === 0x30) || (v[8] === 0x30 && v[9] === 0x30)) {
              nul();
              break;
            }
            room(v.length + 3);
            out.set(v, at);
            at += v.length;
            if (kinds[i] === 5) {
              out[at++] = 0x2b;
              out[at++] = 0x30;
              out[at++] = 0x30;
            }
            break;
          }
          default:
            room(v.length * 2);
            for (const b of v) {
              if (b === 0x5c) {
                out[at++] = 0x5c;
                out[at++] = 0x5c;
              } else if (b === 0x09) {
                out[at++] = 0x5c;
                out[at++] = 0x74;
              } else if (b === 0x0a) {
                out[at++] = 0x5c;
                out[at++] = 0x6e;
              } else if (b === 0x0d) {
                out[at++] = 0x5c;
                out[at++] = 0x72;
              } else out[at++] = b;
            }
        }
      }
      room(1);
      ends.push(at);
      out[at++] = 0x0a;
    }
    return { data: out.subarray(0, at), ends };
  };
}

/**
 * Reading the R2 destination's own part files back (usage metering's `truncatedKeys`,
 * writer.ts): the rows of one part as the protocol values a source gave, with their system
 * columns. Parquet is read with hyparquet (the repository's reader), only the columns asked
 * for; JSON lines and CSV are parsed here (their encodings are encode.ts's own, and CSV records
 * come from toolkit/file-csv.ts). A column a file does not have (added later) reads as NULL.
 */
import { type FileMetaData, parquetMetadata, parquetReadObjects, type SchemaElement } from "hyparquet";
import type { Column, Value } from "../../protocol";
import { CsvReader } from "../../toolkit/file-csv";
import { base64Bytes, clockText, daysText, microsText } from "../../toolkit/read-back";
import { DELETED, type FileFormat, ROW_ID, SYNCED, timestampMicros } from "./encode";

/** One row of a part: the asked-for columns' values, `_fivetran_synced` (µs), deleted, `_fivetran_id`. */
export interface PartRow {
  values: Value[];
  synced: bigint | null;
  deleted: boolean;
  id: string | null;
}

const decoder = new TextDecoder();

/** `…ffffffZ` (encode.ts isoMicros) → epoch microseconds. */
function syncedMicros(text: string | null | undefined): bigint | null {
  if (text === null || text === undefined || text === "") return null;
  const micros = timestampMicros(text);
  if (micros === undefined) throw new Error(`_fivetran_synced '${text}' is not a timestamp`);
  return micros;
}

/** A two's-complement big-endian integer (Parquet's FIXED_LEN_BYTE_ARRAY decimal). */
function signedBytes(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return bytes.length > 0 && (bytes[0] as number) >= 0x80 ? value - (1n << BigInt(bytes.length * 8)) : value;
}

/** An unscaled decimal at `scale` → its digits (`-12.50`), exactly. */
function decimalText(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, "0");
  const text = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return negative ? `-${text}` : text;
}

/** A Parquet value (as read with the parsers below) → the protocol value, by the file's own column type. */
function parquetValue(value: unknown, element: SchemaElement, decimalScale: number | undefined): Value {
  if (value === null || value === undefined) return null;
  if (decimalScale !== undefined) {
    const unscaled = value instanceof Uint8Array ? signedBytes(value) : BigInt(value as number | bigint);
    return decimalText(unscaled, decimalScale);
  }
  const logical = element.logical_type;
  if (logical?.type === "TIMESTAMP") return microsText(BigInt(value as bigint), logical.isAdjustedToUTC);
  if (element.converted_type === "TIMESTAMP_MICROS") return microsText(BigInt(value as bigint), true);
  if (logical?.type === "TIME") return clockText(BigInt(value as bigint));
  if (element.converted_type === "DATE" || logical?.type === "DATE") return daysText(Number(value));
  return value as Value;
}

/**
 * Parsers that hand timestamps back as their integers, dates as day numbers and JSON as its
 * text: converted per column afterwards (parquetValue), exactly.
 */
const RAW_PARSERS = {
  timestampFromMilliseconds: (ms: bigint | number) => BigInt(ms) * 1000n,
  timestampFromMicroseconds: (us: bigint | number) => BigInt(us),
  timestampFromNanoseconds: (ns: bigint | number) => BigInt(ns) / 1000n,
  dateFromDays: (days: number) => days,
  jsonFromBytes: (bytes: Uint8Array | undefined) => bytes && decoder.decode(bytes),
};

async function parquetRows(bytes: Uint8Array, names: readonly string[], keyless: boolean): Promise<PartRow[]> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const metadata: FileMetaData = parquetMetadata(buffer);
  // Decimals are read as their unscaled integers (hyparquet would make doubles of them, which
  // are exact to 15 digits only): the footer given to the reader leaves their annotation out.
  const scales = new Map<string, number>();
  const schema = metadata.schema.map((element, i) => {
    if (i === 0 || element.converted_type !== "DECIMAL") return element;
    scales.set(element.name, element.scale ?? 0);
    const { converted_type: _c, logical_type: _l, ...plain } = element;
    return plain as SchemaElement;
  });
  const elements = new Map(schema.slice(1).map((e) => [e.name, e]));
  const system = [SYNCED, DELETED, ...(keyless ? [ROW_ID] : [])];
  const present = [...names, ...system].filter((name, i, all) => elements.has(name) && all.indexOf(name) === i);
  const objects = (await parquetReadObjects({
    file: buffer,
    metadata: { ...metadata, schema },
    columns: present,
    utf8: false,
    parsers: RAW_PARSERS,
  })) as Record<string, unknown>[];
  return objects.map((o) => ({
    values: names.map((name) => {
      const element = elements.get(name);
      return element ? parquetValue(o[name], element, scales.get(name)) : null;
    }),
    synced: o[SYNCED] === null || o[SYNCED] === undefined ? null : BigInt(o[SYNCED] as bigint),
    deleted: o[DELETED] === true,
    id: typeof o[ROW_ID] === "string" ? (o[ROW_ID] as string) : null,
  }));
}

/** A JSON line's value (encode.ts jsonValue) → the protocol value of `column`; integers from their source text. */
function jsonValue(value: unknown, source: string | undefined, column: Column): Value {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") {
    if (column.type === "long" && source !== undefined && /^-?\d+$/.test(source)) return BigInt(source);
    return value;
  }
  if (typeof value === "boolean") return value;
  const text = String(value);
  if (column.type === "binary") return base64Bytes(text);
  if (column.type === "float") {
    if (text === "NaN") return Number.NaN;
    if (text === "Infinity" || text === "-Infinity") return text === "Infinity" ? Infinity : -Infinity;
  }
  return text;
}

/** A JSON.parse reviver's third argument (ES2025's JSON.parse source text access). */
type Reviver = (key: string, value: unknown, context?: { source?: string }) => unknown;

function jsonRows(bytes: Uint8Array, columns: readonly Column[], keyless: boolean): PartRow[] {
  const rows: PartRow[] = [];
  for (const line of decoder.decode(bytes).split("\n")) {
    if (line === "") continue;
    // A long beyond 2^53 is a JSON number a double cannot hold: its source text is kept.
    const sources = new Map<string, string>();
    const reviver: Reviver = (key, value, context) => {
      if (typeof value === "number" && context?.source !== undefined) sources.set(key, context.source);
      return value;
    };
    const object = JSON.parse(line, reviver as Parameters<typeof JSON.parse>[1]) as Record<string, unknown>;
    rows.push({
      values: columns.map((c) => jsonValue(object[c.name], sources.get(c.name), c)),
      synced: syncedMicros(object[SYNCED] as string | null),
      deleted: object[DELETED] === true,
      id: keyless && typeof object[ROW_ID] === "string" ? (object[ROW_ID] as string) : null,
    });
  }
  return rows;
}

/** A CSV field (encode.ts csvValue: text quoted, numbers and booleans bare, NULL an empty bare field). */
function csvValue(field: string | undefined, quoted: boolean, column: Column): Value {
  if (field === undefined || (!quoted && field === "")) return null;
  if (quoted) return column.type === "binary" ? base64Bytes(field) : field;
  switch (column.type) {
    case "boolean":
      return field === "true";
    case "int":
      return Number(field);
    case "long":
      return /^-?\d+$/.test(field) ? BigInt(field) : field;
    case "float":
      return field === "Infinity" ? Infinity : field === "-Infinity" ? -Infinity : Number(field);
    default:
      return field;
  }
}

function csvRows(bytes: Uint8Array, columns: readonly Column[], keyless: boolean): PartRow[] {
  const reader = new CsvReader({ delimiter: ",", quote: '"' });
  const records = [...reader.push(bytes), ...reader.end()];
  const [header, ...body] = records;
  if (!header) return [];
  const at = new Map(header.fields.map((name, i) => [name, i]));
  const position = (name: string) => at.get(name) ?? -1;
  const positions = columns.map((c) => position(c.name));
  const [synced, deleted, id] = [SYNCED, DELETED, ROW_ID].map(position) as [number, number, number];
  return body.map((record) => ({
    values: columns.map((c, i) => {
      const p = positions[i] as number;
      return p < 0 ? null : csvValue(record.fields[p], record.quoted[p] === true, c);
    }),
    synced: syncedMicros(record.fields[synced]),
    deleted: record.fields[deleted] === "true",
    id: keyless && id >= 0 && record.fields[id] ? (record.fields[id] as string) : null,
  }));
}

/** The rows of one part file, `columns` (by name) read from it. */
export async function readPart(
  format: FileFormat,
  bytes: Uint8Array,
  columns: readonly Column[],
  keyless: boolean,
): Promise<PartRow[]> {
  if (format === "parquet") {
    return parquetRows(
      bytes,
      columns.map((c) => c.name),
      keyless,
    );
  }
  if (format === "json") return jsonRows(bytes, columns, keyless);
  return csvRows(bytes, columns, keyless);
}

/**
 * A set of 64-bit key fingerprints in one typed array (open addressing, at most half full):
 * 16 bytes per key, where a Set of strings takes several times that. Two keys sharing a
 * fingerprint (odds ~n²/2⁶⁵: one in ~400,000 for 10M keys) would count as one.
 */
export class FingerprintSet {
  private slots = new Uint32Array(2 * 1024);
  private count = 0;

  /** Fingerprints held. */
  get size(): number {
    return this.count;
  }

  /** Adds a fingerprint (its first 8 bytes); false when it was there already. */
  add(bytes: Uint8Array): boolean {
    const view = new DataView(bytes.buffer, bytes.byteOffset, 8);
    const hi = view.getUint32(0);
    const lo = view.getUint32(4) || 1; // 0/0 marks an empty slot
    if ((this.count + 1) * 4 > this.slots.length) this.grow();
    if (!this.insert(this.slots, hi, lo)) return false;
    this.count += 1;
    return true;
  }

  private insert(slots: Uint32Array, hi: number, lo: number): boolean {
    const mask = slots.length / 2 - 1;
    for (let i = (hi ^ lo) & mask; ; i = (i + 1) & mask) {
      const h = slots[2 * i] as number;
      const l = slots[2 * i + 1] as number;
      if (h === 0 && l === 0) {
        slots[2 * i] = hi;
        slots[2 * i + 1] = lo;
        return true;
      }
      if (h === hi && l === lo) return false;
    }
  }

  private grow(): void {
    const next = new Uint32Array(this.slots.length * 2);
    for (let i = 0; i < this.slots.length; i += 2) {
      const h = this.slots[i] as number;
      const l = this.slots[i + 1] as number;
      if (h !== 0 || l !== 0) this.insert(next, h, l);
    }
    this.slots = next;
  }
}

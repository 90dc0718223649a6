/**
 * Usage metering's one hook into a sync (README "Usage metering"): the slice's destination
 * writer is wrapped so that every row it upserts or deletes is remembered by its primary key,
 * and once `flush()` resolved (the rows are durable) those keys are recorded in the
 * connection-month's UsageDO. Keys written but never flushed (a crash) are not recorded; their
 * replay records them, and a replay of what was recorded counts nothing (UsageDO keeps sets).
 * Bulk deletes are metered by the keys the destination reads back for them (`truncate` below).
 * A key is remembered as a 16-byte slot (`KeyFormat` below), packed per table.
 */
import { createHash } from "node:crypto";
import type { UsageOwner } from "../db/usage";
import type { UsageDO, UsageTableBatch } from "../do/usage-do";
import { TransientError } from "./errors";
import type { ColumnType, DestinationWriter, Row, TableRef, UpsertBatch, Value } from "./protocol";
import { decodeCopyField } from "./toolkit/pg-copy";

/** At most this many keys go in one UsageDO call (~800 KB of hashes). */
const KEYS_PER_CALL = 50_000;

/**
 * One value in a canonical, type-tagged text, so a key hashes alike however a source read it:
 * an integer as number or bigint is the same key. Length-prefixed, so no two keys run together.
 */
function canonical(value: Value): string {
  if (value === null) return "n";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "bigint") return `i${value.toString()}`;
  if (typeof value === "number") return Number.isInteger(value) ? `i${value}` : `d${value}`;
  if (typeof value === "string") return `s${value.length}:${value}`;
  let hex = "";
  for (const byte of value) hex += byte.toString(16).padStart(2, "0");
  return `x${hex}`;
}

/**
 * A key value in one form whatever typed it: a source's or a destination's read-back (a
 * truncate's keys come from the destination table: engine/protocol.ts `truncatedKeys`). D1
 * keeps booleans as 0/1, integral decimals as integers and UUIDs lowercased; Postgres returns
 * bigints as text. Time types are taken as they come (a source's text and a destination's may
 * differ; keys of such columns are rare).
 */
function keyValue(value: Value, type: ColumnType | undefined): Value {
  if (value === null || type === undefined) return value;
  switch (type) {
    case "boolean":
      if (typeof value === "number" || typeof value === "bigint") return Number(value) !== 0;
      if (typeof value === "string") return value === "t" || value === "true" || value === "1";
      return value;
    case "int":
    case "long":
      return typeof value === "string" && /^-?\d+$/.test(value) ? BigInt(value) : value;
    case "decimal": {
      if (typeof value !== "number" && typeof value !== "bigint" && typeof value !== "string") return value;
      const text = String(value);
      return /^-?\d+(\.\d+)?$/.test(text) ? text.replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "") : text;
    }
    case "uuid":
      return typeof value === "string" ? value.toLowerCase() : value;
    default:
      return value;
  }
}

/**
 * How a key becomes its 16-byte slot in a UsageDO (the object records which one its month uses:
 * do/usage-do.ts `keyFormat`).
 *
 * - 1 (the first months metered): SHA-256 of the key's canonical text, truncated.
 * - 2: the key's values in a compact, type-tagged binary form; a form of at most 15 bytes is the
 *   slot itself (byte 0 = 0x80 | length, zero-padded: exact, and no hashing, for an integer
 *   key, a short string or a pair of small values), a longer one is its SHA-256 truncated with
 *   byte 0's top bit cleared, so the two kinds never meet. Hashing was most of what metering
 *   cost a sync (node:crypto is a few µs a call inside workerd; bench "Transforms" gives it).
 */
export type KeyFormat = 1 | 2;
export const CURRENT_KEY_FORMAT: KeyFormat = 2;

/** Bytes of a key slot (do/usage-do.ts KEY_HASH_BYTES). */
const SLOT = 16;

/** Format 1's slot: SHA-256 of the canonical text, truncated. */
function textSlot(values: readonly Value[], types: readonly (ColumnType | undefined)[] | undefined): Uint8Array {
  let text = "";
  for (const [i, value] of values.entries()) text += `${canonical(types ? keyValue(value, types[i]) : value)}\u001f`;
  // One update of the whole key: each call into node:crypto costs more than the hashing itself.
  return createHash("sha256").update(text).digest().subarray(0, SLOT);
}

/**
 * Format 2's binary form, written into one growing buffer (hand-written: a few tags and
 * lengths, nothing a serialization library would make cheaper per key). Tags: 0 null, 1/2
 * false/true, 3 a 64-bit integer (8 bytes, big-endian), 4 a larger integer (its decimal text),
 * 5 any other number (float64), 6 text, 7 bytes; text and bytes carry their length (varint).
 */
class KeyEncoder {
  private buffer = new Uint8Array(256);
  private view = new DataView(this.buffer.buffer);
  private length = 0;
  private readonly text = new TextEncoder();

  private room(more: number): void {
    if (this.length + more <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + more));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
    this.view = new DataView(grown.buffer);
  }

  private byte(b: number): void {
    this.room(1);
    this.buffer[this.length++] = b;
  }

  private varint(n: number): void {
    while (n >= 0x80) {
      this.byte((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    this.byte(n);
  }

  private string(tag: number, value: string): void {
    // The UTF-8 length comes first but is known only once encoded: the text is encoded 5 bytes
    // on (a varint's most), then moved up behind its length.
    this.room(value.length * 3 + 6);
    this.buffer[this.length++] = tag;
    const body = this.length + 5;
    const { written } = this.text.encodeInto(value, this.buffer.subarray(body));
    this.varint(written);
    this.buffer.copyWithin(this.length, body, body + written);
    this.length += written;
  }

  /** An int64 (tag 3); `high` and `low` its two 32-bit halves, or `big` it whole. */
  private int64(high: number, low: number, big?: bigint): void {
    this.room(9);
    this.buffer[this.length] = 3;
    if (big === undefined) {
      this.view.setInt32(this.length + 1, high);
      this.view.setUint32(this.length + 5, low);
    } else this.view.setBigInt64(this.length + 1, big);
    this.length += 9;
  }

  private value(value: Value): void {
    if (value === null) this.byte(0);
    else if (typeof value === "boolean") this.byte(value ? 2 : 1);
    else if (typeof value === "number") {
      if (Number.isSafeInteger(value)) {
        // Two's complement in two halves: no BigInt for the common case.
        this.int64(Math.floor(value / 4294967296), value >>> 0);
      } else if (Number.isInteger(value)) this.value(BigInt(value));
      else {
        this.room(9);
        this.buffer[this.length] = 5;
        this.view.setFloat64(this.length + 1, value);
        this.length += 9;
      }
    } else if (typeof value === "bigint") {
      if (value >= -(2n ** 63n) && value < 2n ** 63n) this.int64(0, 0, value);
      else this.string(4, value.toString());
    } else if (typeof value === "string") this.string(6, value);
    else {
      this.byte(7);
      this.varint(value.length);
      this.room(value.length);
      this.buffer.set(value, this.length);
      this.length += value.length;
    }
  }

  /** The slot of one key, written at `out[at]`. */
  slot(values: readonly Value[], types: readonly (ColumnType | undefined)[] | undefined, out: Uint8Array, at: number) {
    this.length = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] ?? null;
      this.value(types ? keyValue(v, types[i]) : v);
    }
    if (this.length < SLOT) {
      out[at] = 0x80 | this.length;
      out.set(this.buffer.subarray(0, this.length), at + 1);
      out.fill(0, at + 1 + this.length, at + SLOT);
      return;
    }
    const digest = createHash("sha256").update(this.buffer.subarray(0, this.length)).digest();
    out.set(digest.subarray(0, SLOT), at);
    out[at] = (out[at] as number) & 0x7f;
  }
}

const encoder = new KeyEncoder();

/** Writes the slot of a key (`types` aligned with its values normalize each) at `out[at]`. */
function writeSlot(
  format: KeyFormat,
  values: readonly Value[],
  types: readonly (ColumnType | undefined)[] | undefined,
  out: Uint8Array,
  at: number,
): void {
  if (format === 2) encoder.slot(values, types, out, at);
  else out.set(textSlot(values, types), at);
}

/** The 16-byte slot of a key's values in `format` (the current one by default); `types` aligned with them normalize each. */
export function keyHash(
  values: readonly Value[],
  types?: readonly (ColumnType | undefined)[],
  format: KeyFormat = CURRENT_KEY_FORMAT,
): Uint8Array {
  const out = new Uint8Array(SLOT);
  writeSlot(format, values, types, out, 0);
  return out;
}

/** Key types whose COPY text, normalized by keyValue, hashes as the decoded value does. */
const TEXT_KEY_TYPES: ReadonlySet<ColumnType> = new Set(["int", "long", "string", "uuid", "boolean", "decimal"]);

/**
 * The key values of a batch that came as COPY text (Postgres → Postgres's fast path), read
 * from the text itself: `batch.rows` would decode every value of every row, which is most of
 * what that path saves. Undefined when the batch has no COPY text or a key type's text could
 * hash differently from its decoded value (then the rows are decoded).
 */
function encodedKeys(batch: UpsertBatch, positions: readonly number[], types: readonly (ColumnType | undefined)[]) {
  if (batch.encoded?.codec !== "pg-copy" || !types.every((t) => t !== undefined && TEXT_KEY_TYPES.has(t))) {
    return undefined;
  }
  const text = batch.encoded.data;
  const last = Math.max(...positions);
  const keys: Row[] = new Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const line = text.line(i);
    const fields: string[] = [];
    let start = 0;
    for (let f = 0; f <= last; f++) {
      const end = line.indexOf("\t", start);
      fields.push(line.slice(start, end < 0 ? line.length : end));
      if (end < 0) break;
      start = end + 1;
    }
    keys[i] = positions.map((p) => decodeCopyField(fields[p] ?? "\\N"));
  }
  return keys;
}

/** Positions of the table's primary key in its rows; undefined for a table without one (all values are the key, as `_fivetran_id`). */
function keyColumns(table: TableRef): number[] | undefined {
  const { primaryKey, columns } = table.stream;
  if (primaryKey.length === 0) return undefined;
  const positions = primaryKey.map((name) => columns.findIndex((c) => c.name === name));
  return positions.every((p) => p >= 0) ? positions : undefined;
}

/** The types of a key as `delete` and `truncatedKeys` give it: the primary key's (every column's without one). */
function keyTypes(table: TableRef): (ColumnType | undefined)[] {
  const { primaryKey, columns } = table.stream;
  const types = new Map(columns.map((c) => [c.name, c.type]));
  return primaryKey.length > 0 ? primaryKey.map((name) => types.get(name)) : columns.map((c) => c.type);
}

interface Pending {
  schema: string;
  table: string;
  /** The keys' hashes, 16 bytes each, packed: one object per table, not one per key. */
  hashes: Uint8Array;
  count: number;
  bytes: number;
}

/** Makes room in `entry` for `more` hashes. */
function reserve(entry: Pending, more: number): void {
  const needed = (entry.count + more) * 16;
  if (needed <= entry.hashes.length) return;
  const grown = new Uint8Array(Math.max(entry.hashes.length * 2, needed));
  grown.set(entry.hashes.subarray(0, entry.count * 16));
  entry.hashes = grown;
}

/** Where recorded keys go: UsageDO in production; a function in tests. */
export type UsageSink = (day: string, tables: UsageTableBatch[], format: KeyFormat) => Promise<void>;

/** The key format of a month's UsageDO (`YYYY-MM`). */
export type UsageFormatOf = (month: string) => Promise<KeyFormat>;

/**
 * Keys of one bulk delete held in memory until the next flush (16 bytes each, packed: ~3 MB at
 * most). A truncate touching more sends them as it reads them, before the truncate (see
 * `truncate`).
 */
const TRUNCATE_HOLD = 200_000;

/** Wraps a writer so the keys it durably wrote reach `sink` after each flush. */
export function meteredWriter(
  inner: DestinationWriter,
  sink: UsageSink,
  now: () => Date = () => new Date(),
  formatOf: UsageFormatOf = async () => CURRENT_KEY_FORMAT,
): DestinationWriter {
  const pending = new Map<string, Pending>();
  // The format of the month the slice starts writing in, asked once. Should the month turn
  // before a flush and the next month's object use another, it refuses the keys and the slice is
  // retried (with the new month's format).
  let format: Promise<KeyFormat> | undefined;
  const keyFormat = () => {
    format ??= formatOf(now().toISOString().slice(0, 7));
    return format;
  };
  const entryOf = (table: TableRef, into = pending) => {
    const name = `${table.schema}\u0000${table.stream.name}`;
    const entry = into.get(name) ?? {
      schema: table.schema,
      table: table.stream.name,
      hashes: new Uint8Array(16 * 1024),
      count: 0,
      bytes: 0,
    };
    into.set(name, entry);
    return entry;
  };
  const remember = (table: TableRef, rows: readonly Row[], byKey: boolean, bytes: number, format: KeyFormat) => {
    const entry = entryOf(table);
    const positions = byKey ? undefined : keyColumns(table);
    const columnTypes = table.stream.columns.map((c) => c.type);
    const types = byKey ? keyTypes(table) : positions ? positions.map((p) => columnTypes[p]) : columnTypes;
    reserve(entry, rows.length);
    for (const row of rows) {
      writeSlot(format, positions ? positions.map((p) => row[p] ?? null) : row, types, entry.hashes, entry.count * 16);
      entry.count += 1;
    }
    entry.bytes += bytes;
  };
  /** Sends `entries` to the sink in calls of at most KEYS_PER_CALL keys. */
  const send = async (entries: Iterable<Pending>, format: KeyFormat) => {
    const day = now().toISOString().slice(0, 10);
    let calls: UsageTableBatch[][] = [[]];
    let inCall = 0;
    for (const entry of entries) {
      for (let start = 0; start < entry.count; start += KEYS_PER_CALL) {
        const count = Math.min(KEYS_PER_CALL, entry.count - start);
        if (inCall + count > KEYS_PER_CALL && inCall > 0) {
          calls.push([]);
          inCall = 0;
        }
        const hashes = entry.hashes.slice(start * 16, (start + count) * 16);
        const share = entry.count > 0 ? Math.round((entry.bytes * count) / entry.count) : 0;
        (calls.at(-1) as UsageTableBatch[]).push({
          schema: entry.schema,
          table: entry.table,
          hashes,
          count,
          bytes: share,
        });
        inCall += count;
      }
    }
    calls = calls.filter((call) => call.length > 0);
    for (const call of calls) await sink(day, call, format);
  };
  return {
    get capabilities() {
      return inner.capabilities;
    },
    migrate: (schema, streams, modes) => inner.migrate(schema, streams, modes),
    async write(table, batch, syncedAt) {
      const [result, format] = await Promise.all([inner.write(table, batch, syncedAt), keyFormat()]);
      const positions = keyColumns(table);
      const keys = positions && encodedKeys(batch, positions, keyTypes(table));
      if (keys) remember(table, keys, true, result.bytes, format);
      else remember(table, batch.rows, false, result.bytes, format);
      return result;
    },
    async delete(table, keys, at) {
      const [n, format] = await Promise.all([inner.delete(table, keys, at), keyFormat()]);
      remember(table, keys, true, 0, format);
      return n;
    },
    /**
     * A bulk delete (a CDC TRUNCATE; a completed snapshot's rows it did not see) names no keys,
     * so they are read from the destination table just before it (`truncatedKeys`): exactly
     * the rows it changes, including keys synced in earlier months and not in this month's set
     * (which a count inside UsageDO could not know). Read before, not after: afterwards a
     * soft-deleted row cannot be told from one deleted earlier. Nothing else writes the table
     * meanwhile (one slice at a time writes a connection's table). Up to TRUNCATE_HOLD keys
     * wait, like every other key, for the flush that makes the truncate durable; beyond that,
     * to keep memory bounded, they are recorded as they are read, before the truncate runs: a
     * truncate that then fails is retried by its slice (the same keys, counted once), so only
     * one that never succeeds leaves them counted. A replayed truncate finds none of its rows
     * left to change, and keys recorded before count nothing twice (UsageDO keeps sets).
     */
    async truncate(table, before, at) {
      if (!inner.truncatedKeys) return inner.truncate(table, before, at);
      const types = keyTypes(table);
      const format = await keyFormat();
      const held = new Map<string, Pending>();
      const entry = entryOf(table, held);
      for await (const page of inner.truncatedKeys(table, before)) {
        reserve(entry, page.length);
        for (const key of page) {
          writeSlot(format, key, types, entry.hashes, entry.count * 16);
          entry.count += 1;
        }
        if (entry.count >= TRUNCATE_HOLD) {
          await send([entry], format);
          entry.count = 0;
        }
      }
      const n = await inner.truncate(table, before, at);
      const waiting = entryOf(table);
      reserve(waiting, entry.count);
      waiting.hashes.set(entry.hashes.subarray(0, entry.count * 16), waiting.count * 16);
      waiting.count += entry.count;
      return n;
    },
    isEmpty: inner.isEmpty ? (table) => (inner.isEmpty as NonNullable<typeof inner.isEmpty>)(table) : undefined,
    ...(inner.truncatedKeys
      ? {
          truncatedKeys: (table: TableRef, before?: Date) =>
            (inner.truncatedKeys as NonNullable<DestinationWriter["truncatedKeys"]>)(table, before),
        }
      : {}),
    async flush() {
      await inner.flush();
      if (pending.size === 0) return;
      await send(pending.values(), await keyFormat());
      pending.clear();
    },
    close: () => inner.close(),
    // Schema changes by DDL (engine/schema-apply.ts) are not rows: passed through unmetered.
    ...(inner.evolve
      ? {
          evolve: (schema: string, table: string, op: Parameters<NonNullable<DestinationWriter["evolve"]>>[2]) =>
            (inner.evolve as NonNullable<DestinationWriter["evolve"]>)(schema, table, op),
        }
      : {}),
  };
}

/** Usage bindings: the UsageDO namespace. */
export interface UsageEnv {
  USAGE: DurableObjectNamespace<UsageDO>;
}

/** The UsageDO of a connection's month (`YYYY-MM`). */
export function usageObject(env: UsageEnv, connectionId: string, month: string) {
  return env.USAGE.get(env.USAGE.idFromName(`${connectionId}/${month}`));
}

/**
 * The slice's writer, metered for `owner`'s connection. `paid` is false during the
 * connection's historical sync (Fivetran does not bill the initial sync's rows).
 */
export function meterUsage(
  env: UsageEnv,
  owner: UsageOwner,
  runId: string,
  paid: boolean,
  writer: DestinationWriter,
): DestinationWriter {
  const failed = (error: unknown) =>
    // The rows are written but not metered: the slice is retried from its checkpoint, and the
    // replay meters them (what was recorded already counts nothing twice).
    new TransientError(`usage metering failed: ${(error as Error).message}`, undefined, { cause: error });
  return meteredWriter(
    writer,
    async (day, tables, format) => {
      try {
        await usageObject(env, owner.connectionId, day.slice(0, 7)).record({ owner, day, runId, paid, tables, format });
      } catch (error) {
        throw failed(error);
      }
    },
    undefined,
    async (month) => {
      try {
        return (await usageObject(env, owner.connectionId, month).keyFormat()) as KeyFormat;
      } catch (error) {
        throw failed(error);
      }
    },
  );
}

/**
 * Usage metering's one hook into a sync (README "Usage metering"): the slice's destination
 * writer is wrapped so that every row it upserts or deletes is remembered by its primary key,
 * and once `flush()` resolved (the rows are durable) those keys are recorded in the
 * connection-month's UsageDO. Keys written but never flushed (a crash) are not recorded; their
 * replay records them, and a replay of what was recorded counts nothing (UsageDO keeps sets).
 * Bulk deletes are metered by the keys the destination reads back for them (`truncate` below).
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

/** SHA-256 of a key's values (its first 16 bytes are the key's hash); `types` aligned with them normalize each. */
function keyDigest(values: readonly Value[], types?: readonly (ColumnType | undefined)[]): Uint8Array {
  let text = "";
  for (const [i, value] of values.entries()) text += `${canonical(types ? keyValue(value, types[i]) : value)}\u001f`;
  // One update of the whole key: each call into node:crypto costs more than the hashing itself.
  return createHash("sha256").update(text).digest();
}

/** The 16-byte hash of a key's values (SHA-256, truncated); `types` aligned with them normalize each. */
export function keyHash(values: readonly Value[], types?: readonly (ColumnType | undefined)[]): Uint8Array {
  return new Uint8Array(keyDigest(values, types).subarray(0, 16));
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
export type UsageSink = (day: string, tables: UsageTableBatch[]) => Promise<void>;

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
): DestinationWriter {
  const pending = new Map<string, Pending>();
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
  const remember = (table: TableRef, rows: readonly Row[], byKey: boolean, bytes: number) => {
    const entry = entryOf(table);
    const positions = byKey ? undefined : keyColumns(table);
    const columnTypes = table.stream.columns.map((c) => c.type);
    const types = byKey ? keyTypes(table) : positions ? positions.map((p) => columnTypes[p]) : columnTypes;
    reserve(entry, rows.length);
    for (const row of rows) {
      const digest = keyDigest(positions ? positions.map((p) => row[p] ?? null) : row, types);
      entry.hashes.set(digest.subarray(0, 16), entry.count * 16);
      entry.count += 1;
    }
    entry.bytes += bytes;
  };
  /** Sends `entries` to the sink in calls of at most KEYS_PER_CALL keys. */
  const send = async (entries: Iterable<Pending>) => {
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
    for (const call of calls) await sink(day, call);
  };
  return {
    get capabilities() {
      return inner.capabilities;
    },
    migrate: (schema, streams, modes) => inner.migrate(schema, streams, modes),
    async write(table, batch, syncedAt) {
      const result = await inner.write(table, batch, syncedAt);
      const positions = keyColumns(table);
      const keys = positions && encodedKeys(batch, positions, keyTypes(table));
      if (keys) remember(table, keys, true, result.bytes);
      else remember(table, batch.rows, false, result.bytes);
      return result;
    },
    async delete(table, keys, at) {
      const n = await inner.delete(table, keys, at);
      remember(table, keys, true, 0);
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
      const held = new Map<string, Pending>();
      const entry = entryOf(table, held);
      for await (const page of inner.truncatedKeys(table, before)) {
        reserve(entry, page.length);
        for (const key of page) {
          entry.hashes.set(keyDigest(key, types).subarray(0, 16), entry.count * 16);
          entry.count += 1;
        }
        if (entry.count >= TRUNCATE_HOLD) {
          await send([entry]);
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
      await send(pending.values());
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
  return meteredWriter(writer, async (day, tables) => {
    try {
      await usageObject(env, owner.connectionId, day.slice(0, 7)).record({ owner, day, runId, paid, tables });
    } catch (error) {
      // The rows are written but not metered: the slice is retried from its checkpoint, and the
      // replay meters them (what was recorded already counts nothing twice).
      throw new TransientError(`usage metering failed: ${(error as Error).message}`, undefined, { cause: error });
    }
  });
}

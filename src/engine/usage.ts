/**
 * Usage metering's one hook into a sync (README "Usage metering"): the slice's destination
 * writer is wrapped so that every row it upserts or deletes is remembered by its primary key,
 * and once `flush()` resolved (the rows are durable) those keys are recorded in the
 * connection-month's UsageDO. Keys written but never flushed (a crash) are not recorded; their
 * replay records them, and a replay of what was recorded counts nothing (UsageDO keeps sets).
 */
import { createHash } from "node:crypto";
import type { UsageOwner } from "../db/usage";
import type { UsageDO, UsageTableBatch } from "../do/usage-do";
import { TransientError } from "./errors";
import type { DestinationWriter, Row, TableRef, Value } from "./protocol";

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

/** SHA-256 of a key's values (the first 16 bytes are its hash). */
function keyDigest(values: readonly Value[]): Uint8Array {
  let text = "";
  for (const value of values) text += `${canonical(value)}\u001f`;
  // One update of the whole key: each call into node:crypto costs more than the hashing itself.
  return createHash("sha256").update(text).digest();
}

/** The 16-byte hash of a key's values (SHA-256, truncated). */
export function keyHash(values: readonly Value[]): Uint8Array {
  return new Uint8Array(keyDigest(values).subarray(0, 16));
}

/** Positions of the table's primary key in its rows; undefined for a table without one (all values are the key, as `_fivetran_id`). */
function keyColumns(table: TableRef): number[] | undefined {
  const { primaryKey, columns } = table.stream;
  if (primaryKey.length === 0) return undefined;
  const positions = primaryKey.map((name) => columns.findIndex((c) => c.name === name));
  return positions.every((p) => p >= 0) ? positions : undefined;
}

interface Pending {
  schema: string;
  table: string;
  /** The keys' hashes, 16 bytes each, packed: one object per table, not one per key. */
  hashes: Uint8Array;
  count: number;
  bytes: number;
}

/** Where recorded keys go: UsageDO in production; a function in tests. */
export type UsageSink = (day: string, tables: UsageTableBatch[]) => Promise<void>;

/** Wraps a writer so the keys it durably wrote reach `sink` after each flush. */
export function meteredWriter(
  inner: DestinationWriter,
  sink: UsageSink,
  now: () => Date = () => new Date(),
): DestinationWriter {
  const pending = new Map<string, Pending>();
  const remember = (table: TableRef, rows: readonly Row[], byKey: boolean, bytes: number) => {
    const name = `${table.schema}\u0000${table.stream.name}`;
    const entry = pending.get(name) ?? {
      schema: table.schema,
      table: table.stream.name,
      hashes: new Uint8Array(16 * 1024),
      count: 0,
      bytes: 0,
    };
    if ((entry.count + rows.length) * 16 > entry.hashes.length) {
      const grown = new Uint8Array(Math.max(entry.hashes.length * 2, (entry.count + rows.length) * 16));
      grown.set(entry.hashes.subarray(0, entry.count * 16));
      entry.hashes = grown;
    }
    const positions = byKey ? undefined : keyColumns(table);
    for (const row of rows) {
      const digest = keyDigest(positions ? positions.map((p) => row[p] ?? null) : row);
      entry.hashes.set(digest.subarray(0, 16), entry.count * 16);
      entry.count += 1;
    }
    entry.bytes += bytes;
    pending.set(name, entry);
  };
  return {
    get capabilities() {
      return inner.capabilities;
    },
    migrate: (schema, streams, modes) => inner.migrate(schema, streams, modes),
    async write(table, batch, syncedAt) {
      const result = await inner.write(table, batch, syncedAt);
      remember(table, batch.rows, false, result.bytes);
      return result;
    },
    async delete(table, keys, at) {
      const n = await inner.delete(table, keys, at);
      remember(table, keys, true, 0);
      return n;
    },
    // A bulk delete names no keys: it is not metered (see README "Usage metering").
    truncate: (table, before, at) => inner.truncate(table, before, at),
    isEmpty: inner.isEmpty ? (table) => (inner.isEmpty as NonNullable<typeof inner.isEmpty>)(table) : undefined,
    async flush() {
      await inner.flush();
      if (pending.size === 0) return;
      const day = now().toISOString().slice(0, 10);
      let calls: UsageTableBatch[][] = [[]];
      let inCall = 0;
      for (const entry of pending.values()) {
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

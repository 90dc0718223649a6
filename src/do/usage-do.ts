/**
 * UsageDO: one object per connection and calendar month (UTC), named `<connection_id>/<YYYY-MM>`.
 * It holds the exact set of primary keys the connection's syncs inserted, updated or deleted in
 * that month, per table, as 16-byte slots (engine/usage.ts KeyFormat: a short key's own bytes,
 * a longer one's SHA-256 truncated to 127 bits: a collision among 100M long keys has odds of
 * about 1 in 10^22), and from it the month's MAR and each day's rows
 * synced. Why a set and not a sketch: MAR is billed, so it must be exact, and a set makes a
 * replayed batch (a slice retried after a crash) a no-op by construction.
 *
 * - MAR of a table = the number of its keys. A key is free while only the connection's
 *   historical sync touched it this month; the first touch by any other run makes it paid.
 * - Rows synced on a day = keys a run touched for the first time in that run (a key's `run` is
 *   the last run that counted it), so a batch replayed within its run adds nothing, and a key
 *   changed twice in one run counts once.
 * - Bytes follow rows: a batch's bytes times the share of its keys that counted.
 *
 * Each `record` is one SQLite transaction; afterwards the totals of the tables it touched are
 * written to D1 (absolute values, so writing them again after a failure is harmless).
 *
 * Growth: a key is one row of a WITHOUT ROWID table, ~40 bytes on disk with its index
 * (measured in test/workers/usage-do.test.ts), so 100M keys a month are ~4 GB in one object,
 * within a Durable Object's 10 GB of SQLite. An object is written only by its connection's
 * (sequential) runs and is dropped with its month: nothing grows across months.
 */
import { DurableObject } from "cloudflare:workers";
import { type DailyTotal, type MonthlyTotal, putUsage, type UsageOwner } from "../db/usage";
import { CURRENT_KEY_FORMAT, type KeyFormat } from "../engine/usage";
import type { Env } from "../env";
import { isoTimestamp } from "../lib/time";

/** Bytes of one key hash. */
export const KEY_HASH_BYTES = 16;

/** Keys of one table in one record call. */
export interface UsageTableBatch {
  schema: string;
  table: string;
  /** `count` hashes of KEY_HASH_BYTES each, concatenated. */
  hashes: Uint8Array;
  count: number;
  /** Bytes of the batch's values (0 for deletes). */
  bytes: number;
}

export interface UsageRecordInput {
  owner: UsageOwner;
  /** `YYYY-MM-DD`, within this object's month. */
  day: string;
  runId: string;
  /** False during the connection's historical sync: its keys are free MAR. */
  paid: boolean;
  tables: UsageTableBatch[];
  /** How the keys were made slots (engine/usage.ts KeyFormat); the current format when absent. */
  format?: KeyFormat;
}

/** What one record call counted (for tests and logs). */
export interface UsageRecordResult {
  newKeys: number;
  rowsCounted: number;
}

export class UsageDO extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(`
      CREATE TABLE IF NOT EXISTS tables (id INTEGER PRIMARY KEY, schema_name TEXT NOT NULL, table_name TEXT NOT NULL,
        mar INTEGER NOT NULL DEFAULT 0, paid INTEGER NOT NULL DEFAULT 0, UNIQUE (schema_name, table_name));
      CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY, run TEXT NOT NULL UNIQUE);
      CREATE TABLE IF NOT EXISTS keys (t INTEGER NOT NULL, h BLOB NOT NULL, paid INTEGER NOT NULL, run INTEGER NOT NULL,
        PRIMARY KEY (t, h)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS daily (t INTEGER NOT NULL, day TEXT NOT NULL, rows INTEGER NOT NULL, bytes INTEGER NOT NULL,
        PRIMARY KEY (t, day)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS owner (id INTEGER PRIMARY KEY CHECK (id = 1), value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS batch (h BLOB PRIMARY KEY) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS format (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);`);
  }

  /**
   * The key format of this month's set: fixed by its first keys. An object that holds keys from
   * before formats were recorded holds format 1's; an empty one takes `proposed`.
   */
  private formatOf(proposed: KeyFormat): KeyFormat {
    const stored = this.sql.exec<{ value: number }>("SELECT value FROM format WHERE id = 1").toArray()[0];
    if (stored) return stored.value as KeyFormat;
    const legacy = this.sql.exec("SELECT 1 FROM keys LIMIT 1").toArray().length > 0;
    const format = legacy ? 1 : proposed;
    this.sql.exec("INSERT INTO format (id, value) VALUES (1, ?)", format);
    return format;
  }

  /** The format a writer must make this month's key slots in (engine/usage.ts). */
  async keyFormat(): Promise<KeyFormat> {
    return this.ctx.storage.transactionSync(() => this.formatOf(CURRENT_KEY_FORMAT));
  }

  private tableId(schema: string, table: string): number {
    this.sql.exec("INSERT OR IGNORE INTO tables (schema_name, table_name) VALUES (?, ?)", schema, table);
    return this.sql
      .exec<{ id: number }>("SELECT id FROM tables WHERE schema_name = ? AND table_name = ?", schema, table)
      .one().id;
  }

  private runIndex(run: string): number {
    this.sql.exec("INSERT OR IGNORE INTO runs (run) VALUES (?)", run);
    return this.sql.exec<{ id: number }>("SELECT id FROM runs WHERE run = ?", run).one().id;
  }

  /** Adds keys a flushed write touched; then writes the touched tables' totals to D1. */
  async record(input: UsageRecordInput): Promise<UsageRecordResult> {
    const result: UsageRecordResult = { newKeys: 0, rowsCounted: 0 };
    const touched = new Set<number>();
    this.ctx.storage.transactionSync(() => {
      const format = this.formatOf(input.format ?? CURRENT_KEY_FORMAT);
      if (format !== (input.format ?? CURRENT_KEY_FORMAT)) {
        // Keys of two formats in one set would count one key twice.
        throw new Error(`this month's keys are in format ${format}, not ${input.format ?? CURRENT_KEY_FORMAT}`);
      }
      this.sql.exec("INSERT OR REPLACE INTO owner (id, value) VALUES (1, ?)", JSON.stringify(input.owner));
      const run = this.runIndex(input.runId);
      const paid = input.paid ? 1 : 0;
      for (const batch of input.tables) {
        const t = this.tableId(batch.schema, batch.table);
        touched.add(t);
        // Set-based, in SQLite: the batch's hashes go in as one blob, split by a recursive CTE
        // into `batch` (deduplicated), then an insert of the new keys and, when some were there
        // already, two updates, counted by `changes()`, instead of a statement or two per key
        // (each crossing into SQLite costs more than the work it does).
        this.sql.exec("DELETE FROM batch");
        this.sql.exec(
          `INSERT OR IGNORE INTO batch (h)
           WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n + 1 < ?)
           SELECT substr(?, n * ${KEY_HASH_BYTES} + 1, ${KEY_HASH_BYTES}) FROM i`,
          batch.count,
          batch.hashes.subarray(0, batch.count * KEY_HASH_BYTES),
        );
        const changed = () => this.sql.exec<{ n: number }>("SELECT changes() AS n").one().n;
        const size = changed();
        // New keys go in first, taking this run and this paid-ness: one lookup a key, and for a
        // table's first keys of the month (a historical or full sync) the only statement.
        this.sql.exec(
          "INSERT INTO keys (t, h, paid, run) SELECT ?1, h, ?2, ?3 FROM batch WHERE true ON CONFLICT (t, h) DO NOTHING",
          t,
          paid,
          run,
        );
        const fresh = changed();
        let counted = fresh;
        let upgraded = 0;
        if (fresh < size) {
          // Keys already in the set: counted again once per run, paid once any paid run touches
          // them. The fresh ones already have this run and paid-ness, so neither statement
          // touches them, and a replay (or the same key again in this run) changes nothing.
          this.sql.exec("UPDATE keys SET run = ?2 WHERE t = ?1 AND h IN (SELECT h FROM batch) AND run != ?2", t, run);
          counted += changed();
          if (paid) {
            this.sql.exec("UPDATE keys SET paid = 1 WHERE t = ?1 AND h IN (SELECT h FROM batch) AND paid = 0", t);
            upgraded = changed();
          }
        }
        if (fresh > 0 || upgraded > 0) {
          this.sql.exec(
            "UPDATE tables SET mar = mar + ?, paid = paid + ? WHERE id = ?",
            fresh,
            paid ? fresh + upgraded : 0,
            t,
          );
        }
        if (counted > 0) {
          const bytes = batch.count > 0 ? Math.round((batch.bytes * counted) / batch.count) : 0;
          this.sql.exec(
            `INSERT INTO daily (t, day, rows, bytes) VALUES (?, ?, ?, ?)
             ON CONFLICT (t, day) DO UPDATE SET rows = rows + excluded.rows, bytes = bytes + excluded.bytes`,
            t,
            input.day,
            counted,
            bytes,
          );
        }
        result.newKeys += fresh;
        result.rowsCounted += counted;
      }
    });
    await this.publish(input.owner, [...touched], input.day);
    return result;
  }

  /** Writes the totals of `tables` (their month and `day`) to D1. */
  private async publish(owner: UsageOwner, tables: number[], day: string): Promise<void> {
    if (tables.length === 0) return;
    const month = day.slice(0, 7);
    const daily: DailyTotal[] = [];
    const monthly: MonthlyTotal[] = [];
    for (const t of tables) {
      const row = this.sql
        .exec<{ schema_name: string; table_name: string; mar: number; paid: number }>(
          "SELECT schema_name, table_name, mar, paid FROM tables WHERE id = ?",
          t,
        )
        .one();
      monthly.push({
        schema: row.schema_name,
        table: row.table_name,
        month,
        mar: row.mar,
        paid: row.paid,
        free: row.mar - row.paid,
      });
      for (const d of this.sql.exec<{ day: string; rows: number; bytes: number }>(
        "SELECT day, rows, bytes FROM daily WHERE t = ? AND day = ?",
        t,
        day,
      )) {
        daily.push({ schema: row.schema_name, table: row.table_name, day: d.day, rows: d.rows, bytes: d.bytes });
      }
    }
    await putUsage(this.env.DB, owner, daily, monthly, isoTimestamp());
  }

  /** The month's totals per table (MAR, free, paid), straight from the key sets. */
  async totals(): Promise<{ schema: string; table: string; mar: number; free: number; paid: number }[]> {
    return this.sql
      .exec<{ schema_name: string; table_name: string; mar: number; paid: number }>(
        "SELECT schema_name, table_name, mar, paid FROM tables ORDER BY schema_name, table_name",
      )
      .toArray()
      .map((r) => ({ schema: r.schema_name, table: r.table_name, mar: r.mar, paid: r.paid, free: r.mar - r.paid }));
  }

  /** Keys held and the object's database size, to measure growth. */
  async footprint(): Promise<{ keys: number; bytes: number }> {
    const keys = this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM keys").one().n;
    return { keys, bytes: this.sql.databaseSize };
  }
}

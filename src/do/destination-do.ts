/**
 * DestinationDO: one object per destination (a group's warehouse, lake or database). It
 * records the target tables as last migrated (their columns) and serialises DDL against the
 * destination, so two connections writing into one destination never race to create or alter
 * the same table. It runs no DDL itself and never opens a connector: a slice asks for a
 * migration lease, runs the DDL with its own writer, and reports what it applied.
 */
import { DurableObject } from "cloudflare:workers";
import type { Stream } from "../engine/protocol";
import type { Env } from "../env";
import { isoTimestamp } from "../lib/time";

/** How often a caller waiting for another slice's migration looks again (ms). */
const POLL_MS = 50;

export class DestinationDO extends DurableObject<Env> {
  /** The slice migrating right now, and until when its lease holds (ms epoch). */
  private holder: { token: string; until: number } | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS target_tables (
      schema_name TEXT NOT NULL, table_name TEXT NOT NULL, columns TEXT NOT NULL, applied_at TEXT NOT NULL,
      PRIMARY KEY (schema_name, table_name))`);
  }

  /**
   * Whether `schema`'s tables for `streams` may need DDL. No token: every table was migrated
   * with all of these columns (the caller only loads them). A token: the caller holds the DDL
   * lease for `leaseMs` and must end or abandon it. While another slice holds it, this waits.
   */
  async beginMigration(schema: string, streams: Stream[], leaseMs: number): Promise<{ token: string | null }> {
    for (;;) {
      if (streams.every((stream) => this.holds(schema, stream))) return { token: null };
      const now = Date.now();
      if (!this.holder || this.holder.until <= now) {
        const token = crypto.randomUUID();
        this.holder = { token, until: now + leaseMs };
        return { token };
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** The migration under `token` applied these tables: record them and release the lease. */
  async endMigration(token: string, schema: string, streams: Stream[]): Promise<void> {
    const now = isoTimestamp();
    for (const stream of streams) {
      this.ctx.storage.sql.exec(
        "INSERT OR REPLACE INTO target_tables (schema_name, table_name, columns, applied_at) VALUES (?, ?, ?, ?)",
        schema,
        stream.name,
        JSON.stringify(stream.columns.map((c) => ({ name: c.name, type: c.type }))),
        now,
      );
    }
    if (this.holder?.token === token) this.holder = null;
  }

  /** The migration under `token` failed: release the lease, record nothing. */
  async abandonMigration(token: string): Promise<void> {
    if (this.holder?.token === token) this.holder = null;
  }

  /** Whether `schema.<stream>` was migrated with every column the stream has now. */
  private holds(schema: string, stream: Stream): boolean {
    const row = this.ctx.storage.sql
      .exec<{ columns: string }>(
        "SELECT columns FROM target_tables WHERE schema_name = ? AND table_name = ?",
        schema,
        stream.name,
      )
      .toArray()[0];
    if (!row) return false;
    const known = new Set((JSON.parse(row.columns) as { name: string }[]).map((c) => c.name));
    return stream.columns.every((c) => known.has(c.name));
  }

  /**
   * Forgets what was applied (the destination was deleted or recreated), so the next sync
   * checks the destination again instead of trusting the record.
   */
  async forget(): Promise<void> {
    this.ctx.storage.sql.exec("DELETE FROM target_tables");
  }

  /**
   * The destination's salt for hashed columns (engine/schema-projection.ts): 32 random bytes
   * drawn once and kept, so a value hashes alike in every connection of this destination.
   */
  async hashSalt(): Promise<Uint8Array> {
    const stored = await this.ctx.storage.get<Uint8Array>("hash_salt");
    if (stored) return stored;
    const salt = crypto.getRandomValues(new Uint8Array(32));
    await this.ctx.storage.put("hash_salt", salt);
    return salt;
  }

  /** Tables this destination was migrated to hold, as `schema.table`. */
  async knownTables(): Promise<string[]> {
    return this.ctx.storage.sql
      .exec<{ name: string }>("SELECT schema_name || '.' || table_name AS name FROM target_tables ORDER BY 1")
      .toArray()
      .map((row) => row.name);
  }
}

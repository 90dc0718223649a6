/**
 * DestinationDO: one object per destination (a group's warehouse, lake or database). It
 * holds the target schemas as last applied (tables and columns) and serialises every DDL
 * statement against the destination, so two connections writing into one destination never
 * race to create or alter the same table. Rows themselves are written by the sync consumer,
 * not through this object.
 */
import { DurableObject } from "cloudflare:workers";
import { openDestinationWriter } from "../engine/open";
import type { Stream } from "../engine/protocol";
import type { Env } from "../env";
import { isoTimestamp } from "../lib/time";

export class DestinationDO extends DurableObject<Env> {
  /** Tail of the DDL queue: each migration waits for the one before it. */
  private lock: Promise<unknown> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS target_tables (
      schema_name TEXT NOT NULL, table_name TEXT NOT NULL, columns TEXT NOT NULL, applied_at TEXT NOT NULL,
      PRIMARY KEY (schema_name, table_name))`);
  }

  /**
   * Creates or migrates `schema`'s tables for `streams` in the destination whose id this
   * object is named after. Calls are serialised: a second caller waits for the first.
   */
  async ensureSchema(destinationId: string, schema: string, streams: Stream[]): Promise<void> {
    const task = this.lock.then(async () => {
      // Nothing to do when every table was already migrated with all of these columns.
      if (streams.every((stream) => this.holds(schema, stream))) return;
      const writer = await openDestinationWriter(this.env, destinationId);
      try {
        await writer.ensureSchema(schema, streams);
      } finally {
        await writer.close();
      }
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
    });
    this.lock = task.catch(() => {});
    return task;
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

  /** Tables this destination was migrated to hold, as `schema.table`. */
  async knownTables(): Promise<string[]> {
    return this.ctx.storage.sql
      .exec<{ name: string }>("SELECT schema_name || '.' || table_name AS name FROM target_tables ORDER BY 1")
      .toArray()
      .map((row) => row.name);
  }
}

/**
 * DestinationDO: one object per destination (a group's warehouse, lake or database). It
 * holds the target schemas as last applied (tables and columns) and serialises every DDL
 * statement against the destination, so two connections writing into one destination never
 * race to create or alter the same table. Rows themselves are written by the sync consumer,
 * not through this object.
 */
import { DurableObject } from "cloudflare:workers";
import { openDestinationWriter } from "../engine/open";
import type { Stream } from "../engine/types";
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

  /** Tables this destination was migrated to hold, as `schema.table`. */
  async knownTables(): Promise<string[]> {
    return this.ctx.storage.sql
      .exec<{ name: string }>("SELECT schema_name || '.' || table_name AS name FROM target_tables ORDER BY 1")
      .toArray()
      .map((row) => row.name);
  }
}

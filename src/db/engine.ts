/**
 * The catalog rows the sync engine reads and writes, by id (no account scoping: callers hold
 * ids that came from an authorised request or a queued job). Configs come back as stored:
 * the engine decrypts their secrets.
 */
import { eq, type SQL, sql } from "drizzle-orm";
import type { SQLiteUpdateSetSource } from "drizzle-orm/sqlite-core";
import { isoTimestamp } from "../lib/time";
import { catalog } from "./client";
import { connections, destinations } from "./schema";

export type EngineConnectionRow = typeof connections.$inferSelect;
export type EngineDestinationRow = typeof destinations.$inferSelect;

export async function connectionById(db: D1Database, id: string): Promise<EngineConnectionRow | undefined> {
  return catalog(db).select().from(connections).where(eq(connections.id, id)).get();
}

export async function destinationById(db: D1Database, id: string): Promise<EngineDestinationRow | undefined> {
  return catalog(db).select().from(destinations).where(eq(destinations.id, id)).get();
}

/**
 * Updates a connection's live status (sync state, outcome times, tasks, warnings). A value
 * may be an SQL expression over the row ({@link warningsWith}), evaluated by the update itself.
 */
export async function setConnectionStatus(
  db: D1Database,
  id: string,
  changes: SQLiteUpdateSetSource<typeof connections>,
): Promise<void> {
  await catalog(db)
    .update(connections)
    .set({ ...changes, updatedAt: isoTimestamp() })
    .where(eq(connections.id, id));
}

/**
 * The connection's `warnings` without those with `code`, plus `add` (in that order): an
 * expression the update evaluates on the row as it is then, so a warning written meanwhile by
 * someone else (a run's end, a start) is neither lost nor read stale.
 */
export function warningsWith(code: string, add?: { code: string; message: string; details?: unknown }): SQL {
  const kept = sql`(SELECT json_group_array(json(value)) FROM json_each(${connections.warnings}) WHERE json_extract(value, '$.code') IS NOT ${code})`;
  return add ? sql`json_insert(${kept}, '$[#]', json(${JSON.stringify(add)}))` : kept;
}

/**
 * The catalog rows the sync engine reads and writes, by id (no account scoping: callers hold
 * ids that came from an authorised request or a queued job). Configs come back as stored:
 * the engine decrypts their secrets.
 */
import { eq } from "drizzle-orm";
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

/** Updates a connection's live status (sync state, outcome times, tasks, warnings). */
export async function setConnectionStatus(
  db: D1Database,
  id: string,
  changes: Partial<typeof connections.$inferInsert>,
): Promise<void> {
  await catalog(db)
    .update(connections)
    .set({ ...changes, updatedAt: isoTimestamp() })
    .where(eq(connections.id, id));
}

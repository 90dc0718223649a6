/**
 * Event-driven triggers of connections (schema.ts `connection_triggers`): create, list, revoke,
 * and the lookups that start runs — by a trigger URL's token, by a queue message, and by the
 * successful end of an upstream connection's sync. Tokens are stored as SHA-256 hex only.
 */
import { and, asc, eq, or } from "drizzle-orm";
import { withUniqueId } from "../lib/ids";
import type { Catalog } from "./client";
import { connectionTriggers } from "./schema";

export type TriggerRow = typeof connectionTriggers.$inferSelect;
export type NewTrigger = Omit<typeof connectionTriggers.$inferInsert, "id">;

export async function insertTrigger(db: Catalog, row: NewTrigger): Promise<TriggerRow> {
  return withUniqueId(async (id) => {
    const [inserted] = await db
      .insert(connectionTriggers)
      .values({ ...row, id })
      .returning();
    return inserted as TriggerRow;
  });
}

/** A connection's triggers, oldest first. */
export function triggersOf(db: Catalog, accountId: string, connectionId: string): Promise<TriggerRow[]> {
  return db
    .select()
    .from(connectionTriggers)
    .where(and(eq(connectionTriggers.accountId, accountId), eq(connectionTriggers.connectionId, connectionId)))
    .orderBy(asc(connectionTriggers.createdAt), asc(connectionTriggers.id));
}

export async function getTrigger(db: Catalog, id: string): Promise<TriggerRow | undefined> {
  const [row] = await db.select().from(connectionTriggers).where(eq(connectionTriggers.id, id));
  return row;
}

/** Revokes one trigger of a connection; false when it has no such trigger. */
export async function deleteTrigger(db: Catalog, accountId: string, connectionId: string, id: string) {
  const rows = await db
    .delete(connectionTriggers)
    .where(
      and(
        eq(connectionTriggers.accountId, accountId),
        eq(connectionTriggers.connectionId, connectionId),
        eq(connectionTriggers.id, id),
      ),
    )
    .returning({ id: connectionTriggers.id });
  return rows.length > 0;
}

/** Every trigger of a deleted connection, and every chain that started after it. */
export async function deleteTriggersOf(db: Catalog, accountId: string, connectionId: string): Promise<void> {
  await db
    .delete(connectionTriggers)
    .where(
      and(
        eq(connectionTriggers.accountId, accountId),
        or(eq(connectionTriggers.connectionId, connectionId), eq(connectionTriggers.afterConnectionId, connectionId)),
      ),
    );
}

/** The connections chained after `connectionId`'s successful syncs (type `after`). */
export function chainedAfter(db: Catalog, connectionId: string): Promise<TriggerRow[]> {
  return db
    .select()
    .from(connectionTriggers)
    .where(and(eq(connectionTriggers.type, "after"), eq(connectionTriggers.afterConnectionId, connectionId)));
}

/** The `after` edges of an account: downstream connection → the upstream ones it follows. */
export async function chainEdges(db: Catalog, accountId: string): Promise<Map<string, string[]>> {
  const rows = await db
    .select({ from: connectionTriggers.connectionId, after: connectionTriggers.afterConnectionId })
    .from(connectionTriggers)
    .where(and(eq(connectionTriggers.accountId, accountId), eq(connectionTriggers.type, "after")));
  const edges = new Map<string, string[]>();
  for (const { from, after } of rows) if (after) edges.set(from, [...(edges.get(from) ?? []), after]);
  return edges;
}

/** The queue trigger of `connectionId` on `queue`, if it has one. */
export async function queueTrigger(db: Catalog, connectionId: string, queue: string) {
  const [row] = await db
    .select()
    .from(connectionTriggers)
    .where(
      and(
        eq(connectionTriggers.type, "queue"),
        eq(connectionTriggers.connectionId, connectionId),
        eq(connectionTriggers.queue, queue),
      ),
    );
  return row;
}

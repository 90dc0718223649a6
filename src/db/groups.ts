import { and, asc, count, eq, sql } from "drizzle-orm";
import { isUniqueViolation, withUniqueId } from "../lib/ids";
import type { Keyset } from "../lib/pagination";
import { isoTimestamp } from "../lib/time";
import { afterKeyset, type Catalog } from "./client";
import { connections, destinations, groups } from "./schema";

export type GroupRow = typeof groups.$inferSelect;

/** Groups of an account in list order, `limit` rows after `after`. */
export async function listGroups(db: Catalog, accountId: string, after: Keyset | undefined, limit: number) {
  return db
    .select()
    .from(groups)
    .where(and(eq(groups.accountId, accountId), afterKeyset(groups.createdAt, groups.id, after)))
    .orderBy(asc(groups.createdAt), asc(groups.id))
    .limit(limit);
}

export async function getGroup(db: Catalog, accountId: string, id: string): Promise<GroupRow | undefined> {
  return db
    .select()
    .from(groups)
    .where(and(eq(groups.accountId, accountId), eq(groups.id, id)))
    .get();
}

/** Inserts a group; undefined when the account already has a group of that name. */
export async function insertGroup(db: Catalog, accountId: string, name: string): Promise<GroupRow | undefined> {
  try {
    return await withUniqueId(async (id) => {
      const row = { id, accountId, name, createdAt: isoTimestamp() };
      await db.insert(groups).values(row);
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return undefined;
    throw error;
  }
}

/** Renames a group; undefined when another group of the account has that name. */
export async function renameGroup(db: Catalog, accountId: string, id: string, name: string) {
  try {
    const [row] = await db
      .update(groups)
      .set({ name })
      .where(and(eq(groups.accountId, accountId), eq(groups.id, id)))
      .returning();
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) return undefined;
    throw error;
  }
}

/** What still lives in a group and keeps it from being deleted. */
export async function groupDependents(db: Catalog, id: string) {
  const [dest, conns] = await db.batch([
    db.select({ n: count() }).from(destinations).where(eq(destinations.id, id)),
    db.select({ n: count() }).from(connections).where(eq(connections.groupId, id)),
  ]);
  return { destination: (dest[0]?.n ?? 0) > 0, connections: conns[0]?.n ?? 0 };
}

/**
 * Deletes a group only if it holds no destination and no connection, in one statement so
 * a connection created concurrently cannot be orphaned. Returns whether a row was deleted.
 */
export async function deleteEmptyGroup(db: Catalog, accountId: string, id: string): Promise<boolean> {
  const result =
    await db.run(sql`DELETE FROM ${groups} WHERE ${groups.accountId} = ${accountId} AND ${groups.id} = ${id}
    AND NOT EXISTS (SELECT 1 FROM ${destinations} WHERE ${destinations.id} = ${id})
    AND NOT EXISTS (SELECT 1 FROM ${connections} WHERE ${connections.groupId} = ${id})`);
  return (result.meta.changes ?? 0) > 0;
}

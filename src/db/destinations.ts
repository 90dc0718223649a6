import { and, asc, count, eq, sql } from "drizzle-orm";
import { isUniqueViolation } from "../lib/ids";
import type { Keyset } from "../lib/pagination";
import { afterKeyset, type Catalog } from "./client";
import { connections, destinations } from "./schema";

export type DestinationRow = typeof destinations.$inferSelect;
export type NewDestinationRow = typeof destinations.$inferInsert;

/** Columns a PATCH or a setup-test run may change. */
export type DestinationChanges = Partial<
  Omit<NewDestinationRow, "id" | "accountId" | "service" | "createdAt"> & { updatedAt: string }
>;

/** Destinations of an account in list order, `limit` rows after `after`. */
export async function listDestinations(db: Catalog, accountId: string, after: Keyset | undefined, limit: number) {
  return db
    .select()
    .from(destinations)
    .where(and(eq(destinations.accountId, accountId), afterKeyset(destinations.createdAt, destinations.id, after)))
    .orderBy(asc(destinations.createdAt), asc(destinations.id))
    .limit(limit);
}

export async function getDestination(db: Catalog, accountId: string, id: string): Promise<DestinationRow | undefined> {
  return db
    .select()
    .from(destinations)
    .where(and(eq(destinations.accountId, accountId), eq(destinations.id, id)))
    .get();
}

/**
 * Inserts a destination. `"exists"` when its group already has one (the id is the group's
 * id, so the primary key keeps one destination per group even under concurrent creates);
 * `"no_group"` when the group was deleted meanwhile (the foreign key).
 */
export async function insertDestination(
  db: Catalog,
  row: NewDestinationRow,
): Promise<DestinationRow | "exists" | "no_group"> {
  try {
    const [inserted] = await db.insert(destinations).values(row).returning();
    if (!inserted) throw new Error("INSERT … RETURNING returned no row");
    return inserted;
  } catch (error) {
    if (isUniqueViolation(error)) return "exists";
    if (/FOREIGN KEY constraint failed/i.test(`${error} ${(error as { cause?: unknown })?.cause ?? ""}`)) {
      return "no_group";
    }
    throw error;
  }
}

export async function updateDestination(
  db: Catalog,
  accountId: string,
  id: string,
  changes: DestinationChanges,
): Promise<DestinationRow | undefined> {
  const [row] = await db
    .update(destinations)
    .set(changes)
    .where(and(eq(destinations.accountId, accountId), eq(destinations.id, id)))
    .returning();
  return row;
}

/** How many connections load into the group of destination `id`. */
export async function countGroupConnections(db: Catalog, id: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(connections).where(eq(connections.groupId, id));
  return row?.n ?? 0;
}

/**
 * Deletes a destination only while no connection of its group remains, in one statement so
 * a connection created concurrently is never left without a destination. Whether a row went.
 */
export async function deleteUnusedDestination(db: Catalog, accountId: string, id: string): Promise<boolean> {
  const result = await db.run(sql`DELETE FROM ${destinations}
    WHERE ${destinations.accountId} = ${accountId} AND ${destinations.id} = ${id}
    AND NOT EXISTS (SELECT 1 FROM ${connections} WHERE ${connections.groupId} = ${id})`);
  return (result.meta.changes ?? 0) > 0;
}

import { eq } from "drizzle-orm";
import { isoTimestamp } from "../lib/time";
import type { Catalog } from "./client";
import { groupKeys } from "./schema";

export type GroupKeyRow = typeof groupKeys.$inferSelect;

export async function getGroupKey(db: Catalog, groupId: string): Promise<GroupKeyRow | undefined> {
  return db.select().from(groupKeys).where(eq(groupKeys.groupId, groupId)).get();
}

/**
 * Stores a group's key pair unless one exists, and returns the stored one: two first reads
 * racing end with the same key.
 */
export async function putGroupKey(
  db: Catalog,
  values: { groupId: string; accountId: string; publicKey: string; privateKey: string },
): Promise<GroupKeyRow> {
  await db
    .insert(groupKeys)
    .values({ ...values, createdAt: isoTimestamp() })
    .onConflictDoNothing();
  const row = await getGroupKey(db, values.groupId);
  if (!row) throw new Error("group key vanished after insert");
  return row;
}

export async function deleteGroupKey(db: Catalog, groupId: string): Promise<void> {
  await db.delete(groupKeys).where(eq(groupKeys.groupId, groupId));
}

import { and, asc, eq } from "drizzle-orm";
import type { Keyset } from "../lib/pagination";
import { afterKeyset, type Catalog } from "./client";
import { users } from "./schema";

export type UserRow = typeof users.$inferSelect;

/** Users of an account in list order (created_at, id), `limit` rows after `after`. */
export async function listUsers(
  db: Catalog,
  accountId: string,
  after: Keyset | undefined,
  limit: number,
): Promise<UserRow[]> {
  return db
    .select()
    .from(users)
    .where(and(eq(users.accountId, accountId), afterKeyset(users.createdAt, users.id, after)))
    .orderBy(asc(users.createdAt), asc(users.id))
    .limit(limit);
}

/** A user of the account; undefined for an unknown id or a user of another account. */
export async function findUser(db: Catalog, accountId: string, userId: string): Promise<UserRow | undefined> {
  return db
    .select()
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.id, userId)))
    .get();
}

import { and, asc, count, eq, inArray, lt, ne, or, sql } from "drizzle-orm";
import { isUniqueViolation, withUniqueId } from "../lib/ids";
import type { Keyset } from "../lib/pagination";
import { isoTimestamp } from "../lib/time";
import { afterKeyset, type Catalog } from "./client";
import { apiKeys, memberships, teamUsers, users } from "./schema";

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

/** A user of the account by email (case-insensitive). */
export async function findUserByEmail(db: Catalog, accountId: string, email: string): Promise<UserRow | undefined> {
  return db
    .select()
    .from(users)
    .where(and(eq(users.accountId, accountId), sql`lower(${users.email}) = lower(${email})`))
    .get();
}

export interface NewUser {
  email: string;
  givenName: string;
  familyName: string;
  phone?: string | null;
  picture?: string | null;
  role: string;
}

/** Invites a user (POST /v1/users); undefined when the account already has that email. */
export async function inviteUser(db: Catalog, accountId: string, input: NewUser): Promise<UserRow | undefined> {
  if (await findUserByEmail(db, accountId, input.email)) return undefined;
  try {
    return await withUniqueId(async (id) => {
      const [row] = await db
        .insert(users)
        .values({
          id,
          accountId,
          email: input.email,
          givenName: input.givenName,
          familyName: input.familyName,
          phone: input.phone ?? null,
          picture: input.picture ?? null,
          role: input.role,
          invited: true,
          createdAt: isoTimestamp(),
        })
        .returning();
      return row as UserRow;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return undefined;
    throw error;
  }
}

export type UserChanges = Partial<Pick<UserRow, "givenName" | "familyName" | "phone" | "picture" | "role">>;

export async function updateUser(db: Catalog, accountId: string, userId: string, changes: UserChanges) {
  if (Object.keys(changes).length === 0) return findUser(db, accountId, userId);
  const [row] = await db
    .update(users)
    .set(changes)
    .where(and(eq(users.accountId, accountId), eq(users.id, userId)))
    .returning();
  return row;
}

/** Account Administrators of the account other than `userId`. */
export async function otherAdministrators(db: Catalog, accountId: string, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.role, "Account Administrator"), ne(users.id, userId)));
  return row?.n ?? 0;
}

/** Deletes a user with its keys, memberships and team seats, in one batch. */
export async function deleteUser(db: Catalog, accountId: string, userId: string): Promise<void> {
  await db.batch([
    db.delete(apiKeys).where(and(eq(apiKeys.accountId, accountId), eq(apiKeys.userId, userId))),
    db
      .delete(memberships)
      .where(
        and(
          eq(memberships.accountId, accountId),
          eq(memberships.principal, "user"),
          eq(memberships.principalId, userId),
        ),
      ),
    db.delete(teamUsers).where(eq(teamUsers.userId, userId)),
    db.delete(users).where(and(eq(users.accountId, accountId), eq(users.id, userId))),
  ]);
}

/**
 * Records that one of the user's keys authenticated: `logged_in_at` now (at most once a minute,
 * so a busy key does not write on every request) and the invitation accepted.
 */
export async function touchLogin(db: Catalog, userId: string, now = new Date()): Promise<void> {
  const stamp = isoTimestamp(now);
  const staleBefore = isoTimestamp(new Date(now.getTime() - 60_000));
  await db
    .update(users)
    .set({ loggedInAt: stamp, invited: false })
    .where(and(eq(users.id, userId), or(sql`${users.loggedInAt} IS NULL`, lt(users.loggedInAt, staleBefore))));
}

/** Users of the account among `ids`, by id. */
export async function usersByIds(db: Catalog, accountId: string, ids: string[]): Promise<Map<string, UserRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(users)
    .where(and(eq(users.accountId, accountId), inArray(users.id, ids)));
  return new Map(rows.map((row) => [row.id, row]));
}

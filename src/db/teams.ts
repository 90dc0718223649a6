import { and, asc, eq } from "drizzle-orm";
import { isUniqueViolation, withUniqueId } from "../lib/ids";
import type { Keyset } from "../lib/pagination";
import { isoTimestamp } from "../lib/time";
import { afterKeyset, type Catalog } from "./client";
import { memberships, teams, teamUsers } from "./schema";

export type TeamRow = typeof teams.$inferSelect;
export type TeamUserRow = typeof teamUsers.$inferSelect;

export async function listTeams(db: Catalog, accountId: string, after: Keyset | undefined, limit: number) {
  return db
    .select()
    .from(teams)
    .where(and(eq(teams.accountId, accountId), afterKeyset(teams.createdAt, teams.id, after)))
    .orderBy(asc(teams.createdAt), asc(teams.id))
    .limit(limit);
}

export async function getTeam(db: Catalog, accountId: string, id: string): Promise<TeamRow | undefined> {
  return db
    .select()
    .from(teams)
    .where(and(eq(teams.accountId, accountId), eq(teams.id, id)))
    .get();
}

/** Creates a team; undefined when the account has a team of that name. */
export async function insertTeam(
  db: Catalog,
  accountId: string,
  values: { name: string; description: string | null; role: string | null },
): Promise<TeamRow | undefined> {
  try {
    return await withUniqueId(async (id) => {
      const row = { id, accountId, ...values, createdAt: isoTimestamp() };
      await db.insert(teams).values(row);
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return undefined;
    throw error;
  }
}

/** Updates a team; undefined when the new name is taken. */
export async function updateTeam(
  db: Catalog,
  accountId: string,
  id: string,
  changes: Partial<Pick<TeamRow, "name" | "description" | "role">>,
): Promise<TeamRow | undefined | "taken"> {
  if (Object.keys(changes).length === 0) return getTeam(db, accountId, id);
  try {
    const [row] = await db
      .update(teams)
      .set(changes)
      .where(and(eq(teams.accountId, accountId), eq(teams.id, id)))
      .returning();
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) return "taken";
    throw error;
  }
}

/** Deletes a team with its seats and memberships. */
export async function deleteTeam(db: Catalog, accountId: string, id: string): Promise<void> {
  await db.batch([
    db.delete(teamUsers).where(eq(teamUsers.teamId, id)),
    db
      .delete(memberships)
      .where(
        and(eq(memberships.accountId, accountId), eq(memberships.principal, "team"), eq(memberships.principalId, id)),
      ),
    db.delete(teams).where(and(eq(teams.accountId, accountId), eq(teams.id, id))),
  ]);
}

export async function listTeamUsers(db: Catalog, teamId: string, after: Keyset | undefined, limit: number) {
  const rows = await db
    .select()
    .from(teamUsers)
    .where(and(eq(teamUsers.teamId, teamId), afterKeyset(teamUsers.createdAt, teamUsers.userId, after)))
    .orderBy(asc(teamUsers.createdAt), asc(teamUsers.userId))
    .limit(limit);
  return rows.map((row) => ({ ...row, id: row.userId }));
}

export async function getTeamUser(db: Catalog, teamId: string, userId: string) {
  return db
    .select()
    .from(teamUsers)
    .where(and(eq(teamUsers.teamId, teamId), eq(teamUsers.userId, userId)))
    .get();
}

/** Adds a user to a team; undefined when it is already in it. */
export async function insertTeamUser(db: Catalog, teamId: string, userId: string, role: string) {
  try {
    const [row] = await db.insert(teamUsers).values({ teamId, userId, role, createdAt: isoTimestamp() }).returning();
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) return undefined;
    throw error;
  }
}

export async function updateTeamUser(db: Catalog, teamId: string, userId: string, role: string) {
  const [row] = await db
    .update(teamUsers)
    .set({ role })
    .where(and(eq(teamUsers.teamId, teamId), eq(teamUsers.userId, userId)))
    .returning();
  return row;
}

export async function deleteTeamUser(db: Catalog, teamId: string, userId: string): Promise<boolean> {
  const rows = await db
    .delete(teamUsers)
    .where(and(eq(teamUsers.teamId, teamId), eq(teamUsers.userId, userId)))
    .returning({ userId: teamUsers.userId });
  return rows.length > 0;
}

import { and, asc, eq, inArray, or } from "drizzle-orm";
import { isUniqueViolation } from "../lib/ids";
import type { Keyset } from "../lib/pagination";
import { isoTimestamp } from "../lib/time";
import { afterKeyset, type Catalog } from "./client";
import { memberships, teams, teamUsers, users } from "./schema";

export type MembershipRow = typeof memberships.$inferSelect;
export type Principal = MembershipRow["principal"];
export type MembershipKind = MembershipRow["kind"];

/** Who holds a membership: a user or a team of the account. */
export interface Holder {
  accountId: string;
  principal: Principal;
  principalId: string;
}

function ofHolder(holder: Holder) {
  return and(
    eq(memberships.accountId, holder.accountId),
    eq(memberships.principal, holder.principal),
    eq(memberships.principalId, holder.principalId),
  );
}

/** A holder's memberships of one kind in list order (created_at, resource id). */
export async function listMemberships(
  db: Catalog,
  holder: Holder,
  kind: MembershipKind,
  after: Keyset | undefined,
  limit: number,
) {
  const rows = await db
    .select()
    .from(memberships)
    .where(
      and(
        ofHolder(holder),
        eq(memberships.kind, kind),
        afterKeyset(memberships.createdAt, memberships.resourceId, after),
      ),
    )
    .orderBy(asc(memberships.createdAt), asc(memberships.resourceId))
    .limit(limit);
  return rows.map((row) => ({ ...row, id: row.resourceId }));
}

export async function getMembership(db: Catalog, holder: Holder, kind: MembershipKind, resourceId: string) {
  return db
    .select()
    .from(memberships)
    .where(and(ofHolder(holder), eq(memberships.kind, kind), eq(memberships.resourceId, resourceId)))
    .get();
}

/** Adds a membership; undefined when the holder already has one in that resource. */
export async function insertMembership(
  db: Catalog,
  holder: Holder,
  kind: MembershipKind,
  resourceId: string,
  role: string,
): Promise<MembershipRow | undefined> {
  try {
    const [row] = await db
      .insert(memberships)
      .values({ ...holder, kind, resourceId, role, createdAt: isoTimestamp() })
      .returning();
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) return undefined;
    throw error;
  }
}

export async function updateMembership(
  db: Catalog,
  holder: Holder,
  kind: MembershipKind,
  resourceId: string,
  role: string,
): Promise<MembershipRow | undefined> {
  const [row] = await db
    .update(memberships)
    .set({ role })
    .where(and(ofHolder(holder), eq(memberships.kind, kind), eq(memberships.resourceId, resourceId)))
    .returning();
  return row;
}

export async function deleteMembership(
  db: Catalog,
  holder: Holder,
  kind: MembershipKind,
  resourceId: string,
): Promise<boolean> {
  const rows = await db
    .delete(memberships)
    .where(and(ofHolder(holder), eq(memberships.kind, kind), eq(memberships.resourceId, resourceId)))
    .returning({ id: memberships.resourceId });
  return rows.length > 0;
}

/** Users with a membership in a group, with that membership's role, in list order. */
export async function groupUsers(
  db: Catalog,
  accountId: string,
  groupId: string,
  after: Keyset | undefined,
  limit: number,
) {
  return db
    .select({ user: users, role: memberships.role, createdAt: users.createdAt, id: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.principalId))
    .where(
      and(
        eq(memberships.accountId, accountId),
        eq(memberships.principal, "user"),
        eq(memberships.kind, "group"),
        eq(memberships.resourceId, groupId),
        afterKeyset(users.createdAt, users.id, after),
      ),
    )
    .orderBy(asc(users.createdAt), asc(users.id))
    .limit(limit);
}

/** Deletes every membership in a resource (when the group or connection goes). */
export async function deleteResourceMemberships(db: Catalog, kind: MembershipKind, resourceIds: string[]) {
  if (resourceIds.length === 0) return;
  await db.delete(memberships).where(and(eq(memberships.kind, kind), inArray(memberships.resourceId, resourceIds)));
}

/** What a user's access is made of: its own role and memberships, and those of its teams. */
export interface Grants {
  accountRoles: string[];
  memberships: { kind: MembershipKind; resourceId: string; role: string }[];
  /** Teams the user is in, with the user's role in each (Team Manager, Team Member). */
  teamRoles: Map<string, string>;
}

/** Everything {@link Grants} needs, in one round trip of three statements. */
export async function loadGrants(db: Catalog, accountId: string, user: { id: string; role: string }): Promise<Grants> {
  const seats = await db
    .select({ teamId: teamUsers.teamId, seatRole: teamUsers.role, teamRole: teams.role })
    .from(teamUsers)
    .innerJoin(teams, and(eq(teams.id, teamUsers.teamId), eq(teams.accountId, accountId)))
    .where(eq(teamUsers.userId, user.id));
  const teamIds = seats.map((seat) => seat.teamId);
  const held = await db
    .select({ kind: memberships.kind, resourceId: memberships.resourceId, role: memberships.role })
    .from(memberships)
    .where(
      and(
        eq(memberships.accountId, accountId),
        or(
          and(eq(memberships.principal, "user"), eq(memberships.principalId, user.id)),
          teamIds.length > 0
            ? and(eq(memberships.principal, "team"), inArray(memberships.principalId, teamIds))
            : undefined,
        ),
      ),
    );
  return {
    accountRoles: [user.role, ...seats.map((seat) => seat.teamRole ?? "")].filter(Boolean),
    memberships: held,
    teamRoles: new Map(seats.map((seat) => [seat.teamId, seat.seatRole])),
  };
}

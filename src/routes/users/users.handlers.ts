import type { RouteHandler } from "@hono/zod-openapi";
import { accountOwner } from "../../db/accounts";
import { catalog } from "../../db/client";
import { getGroup } from "../../db/groups";
import * as memberships from "../../db/memberships";
import * as repo from "../../db/users";
import type { AppEnv } from "../../env";
import { ApiError } from "../../errors";
import { done, ok } from "../../lib/envelope";
import { decodeCursor, toPage } from "../../lib/pagination";
import { checkRole } from "./memberships";
import type * as routes from "./users.routes";

/** A user as Fivetran returns it; `role` is the account role unless `role` overrides it (group users). */
export function serializeUser(row: repo.UserRow, role?: string) {
  const accountRole = role ?? row.role;
  return {
    id: row.id,
    email: row.email,
    given_name: row.givenName,
    family_name: row.familyName,
    verified: !row.invited,
    invited: row.invited,
    picture: row.picture,
    phone: row.phone,
    role: accountRole === "" ? null : accountRole,
    active: true,
    logged_in_at: row.loggedInAt,
    created_at: row.createdAt,
  };
}

async function requireUser(db: ReturnType<typeof catalog>, accountId: string, userId: string) {
  const row = await repo.findUser(db, accountId, userId);
  if (!row) throw ApiError.notFound("User", userId);
  return row;
}

/** 409 when `userId` is the account's owner, whose role and existence the bootstrap key relies on. */
async function refuseOwner(db: ReturnType<typeof catalog>, accountId: string, userId: string, what: string) {
  const owner = await accountOwner(db, accountId);
  if (owner?.id === userId) {
    throw ApiError.conflict(`User with id '${userId}' is the account owner; ${what} another Account Administrator's`);
  }
}

export const listUsers: RouteHandler<typeof routes.listUsers, AppEnv> = async (c) => {
  const { cursor, limit, active } = c.req.valid("query");
  const after = decodeCursor(cursor);
  // Nobody can be suspended here, so `active=false` selects no one.
  const rows =
    active === "false" ? [] : await repo.listUsers(catalog(c.env.DB), c.var.auth.accountId, after, limit + 1);
  return c.json(
    ok(
      "Users list retrieved successfully",
      toPage(rows, limit, (row) => serializeUser(row)),
    ),
    200,
  );
};

export const inviteUser: RouteHandler<typeof routes.inviteUser, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const role = body.role == null ? "" : checkRole("account", body.role);
  const row = await repo.inviteUser(catalog(c.env.DB), c.var.auth.accountId, {
    email: body.email,
    givenName: body.given_name,
    familyName: body.family_name,
    phone: body.phone,
    picture: body.picture,
    role,
  });
  if (!row) throw ApiError.conflict(`User with email '${body.email}' already exists`);
  return c.json(ok("User has been created", serializeUser(row)), 201);
};

export const getUser: RouteHandler<typeof routes.getUser, AppEnv> = async (c) => {
  const { userId } = c.req.valid("param");
  const row = await requireUser(catalog(c.env.DB), c.var.auth.accountId, userId);
  return c.json(ok("User details retrieved successfully", serializeUser(row)), 200);
};

export const updateUser: RouteHandler<typeof routes.updateUser, AppEnv> = async (c) => {
  const { userId } = c.req.valid("param");
  const body = c.req.valid("json");
  const db = catalog(c.env.DB);
  const { accountId } = c.var.auth;
  const row = await requireUser(db, accountId, userId);
  const changes: repo.UserChanges = {};
  if (body.given_name != null) changes.givenName = body.given_name;
  if (body.family_name != null) changes.familyName = body.family_name;
  // go-fivetran sends an explicit null to clear phone and picture.
  if (body.phone !== undefined) changes.phone = body.phone;
  if (body.picture !== undefined) changes.picture = body.picture;
  if (body.role != null && body.role !== row.role) {
    changes.role = checkRole("account", body.role);
    if (row.role === "Account Administrator") await refuseOwner(db, accountId, userId, "change the role of");
  }
  const updated = await repo.updateUser(db, accountId, userId, changes);
  if (!updated) throw ApiError.notFound("User", userId);
  return c.json(ok("User has been updated", serializeUser(updated)), 200);
};

export const deleteUser: RouteHandler<typeof routes.deleteUser, AppEnv> = async (c) => {
  const { userId } = c.req.valid("param");
  const db = catalog(c.env.DB);
  const { accountId } = c.var.auth;
  await requireUser(db, accountId, userId);
  if (userId === c.var.auth.userId) {
    throw ApiError.conflict(`User with id '${userId}' holds the API key of this request and cannot delete itself`);
  }
  await refuseOwner(db, accountId, userId, "delete");
  await repo.deleteUser(db, accountId, userId);
  return c.json(done(`User with id '${userId}' has been deleted`), 200);
};

export const deleteUserRole: RouteHandler<typeof routes.deleteUserRole, AppEnv> = async (c) => {
  const { userId } = c.req.valid("param");
  const db = catalog(c.env.DB);
  const { accountId } = c.var.auth;
  await requireUser(db, accountId, userId);
  await refuseOwner(db, accountId, userId, "remove the role of");
  await repo.updateUser(db, accountId, userId, { role: "" });
  return c.json(done("User role in account has been removed"), 200);
};

async function requireGroup(db: ReturnType<typeof catalog>, accountId: string, groupId: string) {
  if (!(await getGroup(db, accountId, groupId))) throw ApiError.notFound("Group", groupId);
}

export const listGroupUsers: RouteHandler<typeof routes.listGroupUsers, AppEnv> = async (c) => {
  const { groupId } = c.req.valid("param");
  const { cursor, limit, active } = c.req.valid("query");
  const db = catalog(c.env.DB);
  const { accountId } = c.var.auth;
  await requireGroup(db, accountId, groupId);
  const rows =
    active === "false" ? [] : await memberships.groupUsers(db, accountId, groupId, decodeCursor(cursor), limit + 1);
  return c.json(
    ok(
      "Group users retrieved successfully",
      toPage(rows, limit, (row) => serializeUser(row.user, row.role)),
    ),
    200,
  );
};

export const addGroupUser: RouteHandler<typeof routes.addGroupUser, AppEnv> = async (c) => {
  const { groupId } = c.req.valid("param");
  const { email, role } = c.req.valid("json");
  const db = catalog(c.env.DB);
  const { accountId } = c.var.auth;
  await requireGroup(db, accountId, groupId);
  const user = await repo.findUserByEmail(db, accountId, email);
  if (!user) throw new ApiError(404, "NotFound_User", `User with email '${email}' does not exist.`);
  checkRole("group", role);
  const holder = { accountId, principal: "user" as const, principalId: user.id };
  if (!(await memberships.insertMembership(db, holder, "group", groupId, role))) {
    throw ApiError.conflict(`User with id '${user.id}' is already a member of group '${groupId}'`);
  }
  return c.json(done("User has been added to the group"), 200);
};

export const removeGroupUser: RouteHandler<typeof routes.removeGroupUser, AppEnv> = async (c) => {
  const { groupId, userId } = c.req.valid("param");
  const db = catalog(c.env.DB);
  const { accountId } = c.var.auth;
  await requireGroup(db, accountId, groupId);
  const holder = { accountId, principal: "user" as const, principalId: userId };
  if (!(await memberships.deleteMembership(db, holder, "group", groupId))) {
    throw ApiError.notFound("User", userId);
  }
  return c.json(done(`User with id '${userId}' has been removed from the group`), 200);
};

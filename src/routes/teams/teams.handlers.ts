import type { RouteHandler } from "@hono/zod-openapi";
import { catalog } from "../../db/client";
import * as repo from "../../db/teams";
import { findUser } from "../../db/users";
import type { AppEnv } from "../../env";
import { ApiError } from "../../errors";
import { done, ok } from "../../lib/envelope";
import { decodeCursor, toPage } from "../../lib/pagination";
import { checkRole } from "../users/memberships";
import type * as routes from "./teams.routes";

type Db = ReturnType<typeof catalog>;

function serializeTeam(row: repo.TeamRow) {
  return { id: row.id, name: row.name, description: row.description, role: row.role };
}

function serializeTeamUser(row: repo.TeamUserRow) {
  return { user_id: row.userId, role: row.role, created_at: row.createdAt };
}

export async function requireTeam(db: Db, accountId: string, teamId: string) {
  const row = await repo.getTeam(db, accountId, teamId);
  if (!row) throw ApiError.notFound("Team", teamId);
  return row;
}

const taken = (name: string) => ApiError.conflict(`Team with name '${name}' already exists`);

export const listTeams: RouteHandler<typeof routes.listTeams, AppEnv> = async (c) => {
  const { cursor, limit } = c.req.valid("query");
  const rows = await repo.listTeams(catalog(c.env.DB), c.var.auth.accountId, decodeCursor(cursor), limit + 1);
  return c.json(ok("Teams retrieved successfully", toPage(rows, limit, serializeTeam)), 200);
};

export const createTeam: RouteHandler<typeof routes.createTeam, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const role = body.role == null ? null : checkRole("account", body.role);
  const row = await repo.insertTeam(catalog(c.env.DB), c.var.auth.accountId, {
    name: body.name,
    description: body.description ?? null,
    role,
  });
  if (!row) throw taken(body.name);
  return c.json(ok("Team has been created", serializeTeam(row)), 201);
};

export const getTeam: RouteHandler<typeof routes.getTeam, AppEnv> = async (c) => {
  const { teamId } = c.req.valid("param");
  const row = await requireTeam(catalog(c.env.DB), c.var.auth.accountId, teamId);
  return c.json(ok("Team details retrieved successfully", serializeTeam(row)), 200);
};

export const updateTeam: RouteHandler<typeof routes.updateTeam, AppEnv> = async (c) => {
  const { teamId } = c.req.valid("param");
  const body = c.req.valid("json");
  const db = catalog(c.env.DB);
  const { accountId } = c.var.auth;
  await requireTeam(db, accountId, teamId);
  const changes: Partial<Pick<repo.TeamRow, "name" | "description" | "role">> = {};
  if (body.name != null) changes.name = body.name;
  if (body.description !== undefined) changes.description = body.description;
  if (body.role != null) changes.role = checkRole("account", body.role);
  const row = await repo.updateTeam(db, accountId, teamId, changes);
  if (row === "taken") throw taken(body.name ?? "");
  if (!row) throw ApiError.notFound("Team", teamId);
  return c.json(ok("Team has been updated", serializeTeam(row)), 200);
};

export const deleteTeam: RouteHandler<typeof routes.deleteTeam, AppEnv> = async (c) => {
  const { teamId } = c.req.valid("param");
  const db = catalog(c.env.DB);
  const { accountId } = c.var.auth;
  await requireTeam(db, accountId, teamId);
  await repo.deleteTeam(db, accountId, teamId);
  return c.json(done("Team has been deleted"), 200);
};

export const deleteTeamRole: RouteHandler<typeof routes.deleteTeamRole, AppEnv> = async (c) => {
  const { teamId } = c.req.valid("param");
  const db = catalog(c.env.DB);
  const { accountId } = c.var.auth;
  await requireTeam(db, accountId, teamId);
  await repo.updateTeam(db, accountId, teamId, { role: null });
  return c.json(done("Team role in account has been removed"), 200);
};

export const listTeamUsers: RouteHandler<typeof routes.listTeamUsers, AppEnv> = async (c) => {
  const { teamId } = c.req.valid("param");
  const { cursor, limit } = c.req.valid("query");
  const db = catalog(c.env.DB);
  await requireTeam(db, c.var.auth.accountId, teamId);
  const rows = await repo.listTeamUsers(db, teamId, decodeCursor(cursor), limit + 1);
  return c.json(ok("Team users retrieved successfully", toPage(rows, limit, serializeTeamUser)), 200);
};

const notInTeam = (teamId: string, userId: string) =>
  new ApiError(404, "NotFound_TeamMembership", `User with id '${userId}' is not a member of team '${teamId}'.`);

export const addTeamUser: RouteHandler<typeof routes.addTeamUser, AppEnv> = async (c) => {
  const { teamId } = c.req.valid("param");
  const { user_id: userId, role } = c.req.valid("json");
  const db = catalog(c.env.DB);
  const { accountId } = c.var.auth;
  await requireTeam(db, accountId, teamId);
  if (!(await findUser(db, accountId, userId))) throw ApiError.notFound("User", userId);
  checkRole("team", role);
  const row = await repo.insertTeamUser(db, teamId, userId, role);
  if (!row) throw ApiError.conflict(`User with id '${userId}' is already a member of team '${teamId}'`);
  return c.json(ok("User has been added to the team", serializeTeamUser(row)), 201);
};

export const getTeamUser: RouteHandler<typeof routes.getTeamUser, AppEnv> = async (c) => {
  const { teamId, userId } = c.req.valid("param");
  const db = catalog(c.env.DB);
  await requireTeam(db, c.var.auth.accountId, teamId);
  const row = await repo.getTeamUser(db, teamId, userId);
  if (!row) throw notInTeam(teamId, userId);
  return c.json(ok("Team user details retrieved successfully", serializeTeamUser(row)), 200);
};

export const updateTeamUser: RouteHandler<typeof routes.updateTeamUser, AppEnv> = async (c) => {
  const { teamId, userId } = c.req.valid("param");
  const db = catalog(c.env.DB);
  await requireTeam(db, c.var.auth.accountId, teamId);
  if (!(await repo.getTeamUser(db, teamId, userId))) throw notInTeam(teamId, userId);
  const role = checkRole("team", c.req.valid("json").role);
  const row = await repo.updateTeamUser(db, teamId, userId, role);
  if (!row) throw notInTeam(teamId, userId);
  return c.json(ok("User role has been updated", serializeTeamUser(row)), 200);
};

export const removeTeamUser: RouteHandler<typeof routes.removeTeamUser, AppEnv> = async (c) => {
  const { teamId, userId } = c.req.valid("param");
  const db = catalog(c.env.DB);
  await requireTeam(db, c.var.auth.accountId, teamId);
  if (!(await repo.deleteTeamUser(db, teamId, userId))) throw notInTeam(teamId, userId);
  return c.json(done("User has been removed from the team"), 200);
};

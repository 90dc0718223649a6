import type { RouteHandler } from "@hono/zod-openapi";
import { catalog } from "../../db/client";
import { listGroupConnections as queryGroupConnections } from "../../db/connections";
import * as repo from "../../db/groups";
import { deleteGroupWebhooks } from "../../db/webhooks";
import type { AppEnv } from "../../env";
import { ApiError } from "../../errors";
import { done, ok } from "../../lib/envelope";
import { decodeCursor, toPage } from "../../lib/pagination";
import { serializeConnection } from "../connections/connections.serialize";
import type * as routes from "./groups.routes";

function serializeGroup(row: repo.GroupRow) {
  return { id: row.id, name: row.name, created_at: row.createdAt };
}

async function requireGroup(db: ReturnType<typeof catalog>, accountId: string, groupId: string) {
  const group = await repo.getGroup(db, accountId, groupId);
  if (!group) throw ApiError.notFound("Group", groupId);
  return group;
}

function nameTaken(name: string): ApiError {
  return ApiError.conflict(`Group with name '${name}' already exists`);
}

export const listGroups: RouteHandler<typeof routes.listGroups, AppEnv> = async (c) => {
  const { cursor, limit } = c.req.valid("query");
  const rows = await repo.listGroups(catalog(c.env.DB), c.var.auth.accountId, decodeCursor(cursor), limit + 1);
  return c.json(ok("Groups retrieved successfully", toPage(rows, limit, serializeGroup)), 200);
};

export const createGroup: RouteHandler<typeof routes.createGroup, AppEnv> = async (c) => {
  const { name } = c.req.valid("json");
  const db = catalog(c.env.DB);
  const row = await repo.insertGroup(db, c.var.auth.accountId, name);
  if (!row) throw nameTaken(name);
  return c.json(ok("Group has been created", serializeGroup(row)), 201);
};

export const getGroup: RouteHandler<typeof routes.getGroup, AppEnv> = async (c) => {
  const { groupId } = c.req.valid("param");
  const row = await requireGroup(catalog(c.env.DB), c.var.auth.accountId, groupId);
  return c.json(ok("Group details retrieved successfully", serializeGroup(row)), 200);
};

export const updateGroup: RouteHandler<typeof routes.updateGroup, AppEnv> = async (c) => {
  const { groupId } = c.req.valid("param");
  const { name } = c.req.valid("json");
  const db = catalog(c.env.DB);
  const { accountId } = c.var.auth;
  let row = await requireGroup(db, accountId, groupId);
  if (name != null && name !== row.name) {
    const renamed = await repo.renameGroup(db, accountId, groupId, name);
    if (!renamed) throw nameTaken(name);
    row = renamed;
  }
  return c.json(ok("Group has been updated", serializeGroup(row)), 200);
};

export const deleteGroup: RouteHandler<typeof routes.deleteGroup, AppEnv> = async (c) => {
  const { groupId } = c.req.valid("param");
  const db = catalog(c.env.DB);
  const { accountId } = c.var.auth;
  await requireGroup(db, accountId, groupId);
  if (!(await repo.deleteEmptyGroup(db, accountId, groupId))) {
    const held = await repo.groupDependents(db, groupId);
    const parts = [
      held.destination ? "a destination" : undefined,
      held.connections ? `${held.connections} connection(s)` : undefined,
    ].filter(Boolean);
    throw ApiError.conflict(
      `Group with id '${groupId}' still holds ${parts.join(" and ") || "resources"}; delete them first`,
    );
  }
  // Its webhooks go with it (their pending deliveries are then skipped).
  await deleteGroupWebhooks(db, accountId, groupId);
  return c.json(done(`Group with id '${groupId}' has been deleted`), 200);
};

export const listGroupConnections: RouteHandler<typeof routes.listGroupConnections, AppEnv> = async (c) => {
  const { groupId } = c.req.valid("param");
  const { cursor, limit, schema } = c.req.valid("query");
  const db = catalog(c.env.DB);
  const { accountId } = c.var.auth;
  await requireGroup(db, accountId, groupId);
  const rows = await queryGroupConnections(db, accountId, groupId, { schema }, decodeCursor(cursor), limit + 1);
  return c.json(ok("Group connections retrieved successfully", toPage(rows, limit, serializeConnection)), 200);
};

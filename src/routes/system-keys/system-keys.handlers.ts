import type { RouteHandler } from "@hono/zod-openapi";
import { catalog } from "../../db/client";
import type { SystemKeyPermission } from "../../db/schema";
import * as repo from "../../db/system-keys";
import type { AppEnv } from "../../env";
import { ApiError } from "../../errors";
import { done, ok } from "../../lib/envelope";
import { decodeCursor, toPage } from "../../lib/pagination";
import type * as routes from "./system-keys.routes";

interface PermissionInput {
  resource_type: string;
  access_level: SystemKeyPermission["access_level"];
  resource_filter?: { ids?: string[]; group_ids?: string[] } | null;
}

/** Stores a rule as Fivetran shows it: `resource_filter` only when it names something. */
function normalize(rules: PermissionInput[] | null | undefined): SystemKeyPermission[] {
  return (rules ?? []).map((rule) => {
    const ids = rule.resource_filter?.ids ?? [];
    const groupIds = rule.resource_filter?.group_ids ?? [];
    const filter = {
      ...(ids.length > 0 ? { ids } : {}),
      ...(groupIds.length > 0 ? { group_ids: groupIds } : {}),
    };
    return {
      resource_type: rule.resource_type,
      access_level: rule.access_level,
      ...(ids.length + groupIds.length > 0 ? { resource_filter: filter } : {}),
    };
  });
}

function serialize(row: repo.SystemKeyRow, secret?: string) {
  return {
    id: row.id,
    name: row.name,
    key: row.apiKey,
    ...(secret === undefined ? {} : { secret }),
    permissions: row.permissions,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
    expired_at: row.expiredAt,
    last_used_at: row.lastUsedAt,
  };
}

const notFound = (id: string) => ApiError.notFound("SystemKey", id);

export const listSystemKeys: RouteHandler<typeof routes.listSystemKeys, AppEnv> = async (c) => {
  const { cursor, limit } = c.req.valid("query");
  const rows = await repo.listSystemKeys(catalog(c.env.DB), c.var.auth.accountId, decodeCursor(cursor), limit + 1);
  return c.json(
    ok(
      "System keys retrieved successfully",
      toPage(rows, limit, (row) => serialize(row)),
    ),
    200,
  );
};

export const createSystemKey: RouteHandler<typeof routes.createSystemKey, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const { row, secret } = await repo.createSystemKey(catalog(c.env.DB), c.var.auth.accountId, {
    name: body.name,
    permissions: normalize(body.permissions),
    expirationPeriod: body.expiration_period ?? "INFINITE",
  });
  return c.json(ok("System key has been created", serialize(row, secret)), 201);
};

export const getSystemKey: RouteHandler<typeof routes.getSystemKey, AppEnv> = async (c) => {
  const { keyId } = c.req.valid("param");
  const row = await repo.getSystemKey(catalog(c.env.DB), c.var.auth.accountId, keyId);
  if (!row) throw notFound(keyId);
  return c.json(ok("System key details retrieved successfully", serialize(row)), 200);
};

export const updateSystemKey: RouteHandler<typeof routes.updateSystemKey, AppEnv> = async (c) => {
  const { keyId } = c.req.valid("param");
  const body = c.req.valid("json");
  const changes: { name?: string; permissions?: SystemKeyPermission[] } = {};
  if (body.name != null) changes.name = body.name;
  if (body.permissions != null) changes.permissions = normalize(body.permissions);
  const row = await repo.updateSystemKey(catalog(c.env.DB), c.var.auth.accountId, keyId, changes);
  if (!row) throw notFound(keyId);
  return c.json(ok("System key has been updated", serialize(row)), 200);
};

export const deleteSystemKey: RouteHandler<typeof routes.deleteSystemKey, AppEnv> = async (c) => {
  const { keyId } = c.req.valid("param");
  if (!(await repo.deleteSystemKey(catalog(c.env.DB), c.var.auth.accountId, keyId))) throw notFound(keyId);
  return c.json(done(`System key with id '${keyId}' has been deleted`), 200);
};

export const rotateSystemKey: RouteHandler<typeof routes.rotateSystemKey, AppEnv> = async (c) => {
  const { keyId } = c.req.valid("param");
  const body = c.req.valid("json");
  const issued = await repo.rotateSystemKey(
    catalog(c.env.DB),
    c.var.auth.accountId,
    keyId,
    body.expiration_period ?? undefined,
  );
  if (!issued) throw notFound(keyId);
  return c.json(ok(`System key with id '${keyId}' has been rotated`, serialize(issued.row, issued.secret)), 200);
};

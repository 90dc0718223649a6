import { createRoute, z } from "@hono/zod-openapi";
import { catalog } from "../../db/client";
import { getConnection } from "../../db/connections";
import { getGroup } from "../../db/groups";
import * as repo from "../../db/memberships";
import type { AppEnv } from "../../env";
import { ApiError } from "../../errors";
import { ROLE_NAMES } from "../../lib/access";
import {
  commonErrors,
  conflictError,
  done,
  envelope,
  jsonResponse,
  messageOnly,
  notFoundError,
  ok,
} from "../../lib/envelope";
import { decodeCursor, pageQuery, pageSchema, toPage } from "../../lib/pagination";
import type { Router } from "../../lib/router";
import { membershipSchema, newMembershipBody, updateMembershipBody } from "./users.schemas";

/** 400 unless `role` is one of the roles a membership of `kind` takes. */
export function checkRole(kind: keyof typeof ROLE_NAMES, role: string, field = "role"): string {
  const names: readonly string[] = ROLE_NAMES[kind];
  if (!names.includes(role)) {
    const scope = { account: "an account", group: "a destination", connection: "a connection", team: "a team" }[kind];
    throw ApiError.invalid(`Invalid value for field '${field}': '${role}' is not ${scope} role (${names.join(", ")})`);
  }
  return role;
}

/** Who holds the memberships under a path: `/v1/users/{userId}` or `/v1/teams/{teamId}`. */
export interface HolderKind {
  principal: repo.Principal;
  /** Path segment and tag: `users` or `teams`. */
  segment: "users" | "teams";
  param: "userId" | "teamId";
  tag: string;
  /** 404 unless the holder exists in the account. */
  require: (db: ReturnType<typeof catalog>, accountId: string, id: string) => Promise<void>;
  /** Fivetran's messages for this holder and membership kind. */
  messages: (kind: repo.MembershipKind) => { list: string; details: string };
}

function serialize(row: repo.MembershipRow) {
  return { id: row.resourceId, role: row.role, created_at: row.createdAt };
}

async function requireResource(
  db: ReturnType<typeof catalog>,
  accountId: string,
  kind: repo.MembershipKind,
  id: string,
) {
  const found = kind === "group" ? await getGroup(db, accountId, id) : await getConnection(db, accountId, id);
  if (!found) throw ApiError.notFound(kind === "group" ? "Group" : "Connection", id);
}

const KIND_NAME = { group: "Group", connection: "Connection" } as const;

/**
 * The five membership routes of one holder and kind: list, create (201), details, update,
 * delete, under `/v1/<users|teams>/{id}/<groups|connections|connectors>`.
 */
export function mountMemberships(router: Router, holder: HolderKind, segment: "groups" | "connections" | "connectors") {
  const kind: repo.MembershipKind = segment === "groups" ? "group" : "connection";
  const roleKind = kind === "group" ? "group" : "connection";
  const resourceParam = kind === "group" ? "groupId" : "connectionId";
  const base = `/v1/${holder.segment}/{${holder.param}}/${segment}`;
  const holderParam = z.object({
    [holder.param]: z.string().openapi({ param: { name: holder.param, in: "path" }, example: "recoup_befell" }),
  });
  const itemParam = holderParam.extend({
    [resourceParam]: z.string().openapi({ param: { name: resourceParam, in: "path" }, example: "projected_sickle" }),
  });
  const tags = [holder.tag];
  const legacy =
    segment === "connectors" ? { description: `Legacy alias of ${base.replace("connectors", "connections")}.` } : {};
  const opId = (verb: string) => `${verb}_${holder.segment.slice(0, -1)}_membership_in_${segment.slice(0, -1)}`;
  const messages = holder.messages(kind);
  const created = `${KIND_NAME[kind]} membership has been created`;
  const updated = `${KIND_NAME[kind]} membership has been updated`;
  const deleted = `${KIND_NAME[kind]} membership has been deleted`;

  const list = createRoute({
    method: "get",
    path: base,
    tags,
    operationId: opId("list"),
    summary: `List the ${holder.segment.slice(0, -1)}'s memberships in ${segment}`,
    ...legacy,
    request: { params: holderParam, query: pageQuery },
    responses: {
      200: jsonResponse(messages.list, envelope(pageSchema(membershipSchema))),
      ...commonErrors,
      ...notFoundError,
    },
  });
  const create = createRoute({
    method: "post",
    path: base,
    tags,
    operationId: opId("create"),
    summary: `Add the ${holder.segment.slice(0, -1)} to a ${kind}`,
    ...legacy,
    request: {
      params: holderParam,
      body: { required: true, content: { "application/json": { schema: newMembershipBody } } },
    },
    responses: {
      201: jsonResponse(created, envelope(membershipSchema)),
      ...commonErrors,
      ...notFoundError,
      ...conflictError,
    },
  });
  const details = createRoute({
    method: "get",
    path: `${base}/{${resourceParam}}`,
    tags,
    operationId: opId("get"),
    summary: `Retrieve the ${holder.segment.slice(0, -1)}'s membership in a ${kind}`,
    ...legacy,
    request: { params: itemParam },
    responses: { 200: jsonResponse(messages.details, envelope(membershipSchema)), ...commonErrors, ...notFoundError },
  });
  const update = createRoute({
    method: "patch",
    path: `${base}/{${resourceParam}}`,
    tags,
    operationId: opId("update"),
    summary: `Change the ${holder.segment.slice(0, -1)}'s role in a ${kind}`,
    ...legacy,
    request: {
      params: itemParam,
      body: { required: true, content: { "application/json": { schema: updateMembershipBody } } },
    },
    responses: { 200: jsonResponse(updated, envelope(membershipSchema)), ...commonErrors, ...notFoundError },
  });
  const remove = createRoute({
    method: "delete",
    path: `${base}/{${resourceParam}}`,
    tags,
    operationId: opId("delete"),
    summary: `Remove the ${holder.segment.slice(0, -1)} from a ${kind}`,
    ...legacy,
    request: { params: itemParam },
    responses: { 200: jsonResponse(deleted, messageOnly), ...commonErrors, ...notFoundError },
  });

  const holderOf = async (c: { env: AppEnv["Bindings"]; var: { auth: { accountId: string } } }, id: string) => {
    const db = catalog(c.env.DB);
    const { accountId } = c.var.auth;
    await holder.require(db, accountId, id);
    return { db, h: { accountId, principal: holder.principal, principalId: id } };
  };
  const notMember = (id: string, resourceId: string) =>
    new ApiError(
      404,
      `NotFound_${KIND_NAME[kind]}Membership`,
      `${KIND_NAME[kind]} membership of '${id}' in '${resourceId}' does not exist.`,
    );
  const params = (c: { req: { valid: (target: "param") => unknown } }) =>
    c.req.valid("param") as Record<string, string>;

  router
    .openapi(list, async (c) => {
      const id = params(c)[holder.param] as string;
      const { cursor, limit } = c.req.valid("query");
      const { db, h } = await holderOf(c, id);
      const rows = await repo.listMemberships(db, h, kind, decodeCursor(cursor), limit + 1);
      return c.json(ok(messages.list, toPage(rows, limit, serialize)), 200);
    })
    .openapi(create, async (c) => {
      const id = params(c)[holder.param] as string;
      const body = c.req.valid("json");
      const { db, h } = await holderOf(c, id);
      await requireResource(db, h.accountId, kind, body.id);
      const role = checkRole(roleKind, body.role);
      const row = await repo.insertMembership(db, h, kind, body.id, role);
      if (!row) throw ApiError.conflict(`${KIND_NAME[kind]} membership of '${id}' in '${body.id}' already exists`);
      return c.json(ok(created, serialize(row)), 201);
    })
    .openapi(details, async (c) => {
      const p = params(c);
      const id = p[holder.param] as string;
      const resourceId = p[resourceParam] as string;
      const { db, h } = await holderOf(c, id);
      const row = await repo.getMembership(db, h, kind, resourceId);
      if (!row) throw notMember(id, resourceId);
      return c.json(ok(messages.details, serialize(row)), 200);
    })
    .openapi(update, async (c) => {
      const p = params(c);
      const id = p[holder.param] as string;
      const resourceId = p[resourceParam] as string;
      const { db, h } = await holderOf(c, id);
      if (!(await repo.getMembership(db, h, kind, resourceId))) throw notMember(id, resourceId);
      const role = checkRole(roleKind, c.req.valid("json").role);
      const row = await repo.updateMembership(db, h, kind, resourceId, role);
      if (!row) throw notMember(id, resourceId);
      return c.json(ok(updated, serialize(row)), 200);
    })
    .openapi(remove, async (c) => {
      const p = params(c);
      const id = p[holder.param] as string;
      const resourceId = p[resourceParam] as string;
      const { db, h } = await holderOf(c, id);
      if (!(await repo.deleteMembership(db, h, kind, resourceId))) throw notMember(id, resourceId);
      return c.json(done(deleted), 200);
    });
}

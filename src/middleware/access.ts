import { and, eq, inArray } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import { catalog } from "../db/client";
import { deleteGroupKey } from "../db/group-keys";
import { deleteResourceMemberships, insertMembership, loadGrants } from "../db/memberships";
import { connections, users } from "../db/schema";
import { touchLogin } from "../db/users";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { Access, Level } from "../lib/access";
import { enforceSystemKey } from "./access-system-key";

/**
 * Role-based access on every /v1 route (after authentication). An Account Administrator (every
 * key the operator or the bootstrap secret issues) passes straight through; anyone else is
 * held to the level its roles give on the resource the path names:
 *
 * - groups and destinations (`/v1/groups/{id}…`, `/v1/destinations/{id}…`): reading needs View,
 *   changing and testing Edit, deleting and managing members Manage; creating a destination
 *   needs Manage on its group, creating a connection Create Connection on it;
 * - connections (`/v1/connections/{id}…`, `/v1/connectors/{id}…`): the connection's own role or
 *   its group's; deleting needs Manage, any other change Edit;
 * - teams: Team Manager of that team for changes; its members may read it;
 * - everything else (users, roles, webhooks, events, account lists): reading needs an account
 *   role that reads (Reviewer, Analyst, Billing), changing needs Account Administrator;
 * - a user may always read itself, the account info and the connector metadata.
 *
 * A system key (no user) is held to its own permissions instead (./access-system-key.ts).
 * System keys themselves are managed only by an Account Administrator's user key, as Fivetran.
 *
 * Lists of groups, destinations and connections answer only what the caller may see (pages may
 * then hold fewer than `limit` items; `next_cursor` still leads on). Refusals are 403 `Forbidden`.
 */
export const authorize: MiddlewareHandler<AppEnv> = async (c, next) => {
  const db = catalog(c.env.DB);
  const { accountId, userId, systemKey } = c.var.auth;
  if (systemKey) {
    await enforceSystemKey(c, systemKey.id, systemKey.permissions, next);
    await dropMemberships(c);
    return;
  }
  const user = await db
    .select({ id: users.id, role: users.role, loggedInAt: users.loggedInAt })
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.id, userId)))
    .get();
  if (!user) throw new ApiError(403, "Forbidden", "The API key's user no longer exists");
  if (!user.loggedInAt || Date.parse(user.loggedInAt) < Date.now() - 60_000) await touchLogin(db, userId);
  const access = new Access(
    user.role === "Account Administrator"
      ? { accountRoles: [user.role], memberships: [], teamRoles: new Map() }
      : await loadGrants(db, accountId, user),
  );
  c.set("access", access);
  if (access.isAdministrator) await next();
  else await enforce(c, access, next);
  await dropMemberships(c);
};

/**
 * Memberships in a group or connection (and a group's key pair) go with it. Done here, where every deletion passes,
 * so the resource handlers need not know about memberships.
 */
async function dropMemberships(c: Context<AppEnv>) {
  if (c.req.method !== "DELETE" || c.res.status !== 200) return;
  const match = c.req.path.match(/^\/v1\/(groups|connections|connectors)\/([^/]+)\/?$/);
  if (!match?.[2]) return;
  const kind = match[1] === "groups" ? "group" : "connection";
  const id = decodeURIComponent(match[2]);
  const db = catalog(c.env.DB);
  await deleteResourceMemberships(db, kind, [id]);
  // A group's SSH key pair goes with it too.
  if (kind === "group") await deleteGroupKey(db, id);
}

function forbidden(c: Context<AppEnv>, what: string): ApiError {
  return new ApiError(
    403,
    "Forbidden",
    `The user '${c.var.auth.userId}' has no permission to ${c.req.method === "GET" ? "view" : "change"} ${what}`,
  );
}

/** The level a write on `rest` (the path after the resource id) needs. */
function writeLevel(method: string, rest: string): Level {
  return method === "DELETE" && rest === "" ? Level.Manage : Level.Edit;
}

export async function bodyField(c: Context<AppEnv>, field: string): Promise<string | undefined> {
  try {
    const body = (await c.req.json()) as Record<string, unknown>;
    return typeof body?.[field] === "string" ? (body[field] as string) : undefined;
  } catch {
    return undefined;
  }
}

export async function connectionGroup(c: Context<AppEnv>, connectionId: string): Promise<string | undefined> {
  const row = await catalog(c.env.DB)
    .select({ groupId: connections.groupId })
    .from(connections)
    .where(and(eq(connections.accountId, c.var.auth.accountId), eq(connections.id, connectionId)))
    .get();
  return row?.groupId;
}

async function enforce(c: Context<AppEnv>, access: Access, next: () => Promise<void>) {
  const method = c.req.method;
  const path = c.req.path.replace(/\/+$/, "");
  const read = method === "GET" || method === "HEAD";
  const parts = path.split("/").slice(2); // after "/v1"
  const [area, id, ...restParts] = parts;
  const rest = restParts.join("/");
  const need = (level: Level, have: Level, what: string) => {
    if (have < level) throw forbidden(c, what);
  };

  if (area === "account" && id === "info") return next();
  if (area === "metadata") return next();
  if (area === "users" && id === c.var.auth.userId && read && rest === "") return next();

  if (area === "groups" || area === "destinations") {
    if (id === undefined) {
      if (read) return filterList(c, access, next, area);
      if (area === "groups") {
        if (!access.createGroups) throw forbidden(c, "groups");
        await next();
        await grantCreator(c, "group");
        return;
      }
      const groupId = (await bodyField(c, "group_id")) ?? "";
      need(Level.Manage, access.group(groupId), `group '${groupId}'`);
      return next();
    }
    const level = access.group(id);
    if (read) {
      need(Level.View, level, `group '${id}'`);
      return rest === "connections" || rest === "connectors" ? filterList(c, access, next, "connections") : next();
    }
    need(rest.startsWith("users") ? Level.Manage : writeLevel(method, rest), level, `group '${id}'`);
    return next();
  }

  if (area === "connections" || area === "connectors") {
    if (id === undefined) {
      if (read) return filterList(c, access, next, "connections");
      const groupId = (await bodyField(c, "group_id")) ?? "";
      need(Level.Create, access.group(groupId), `connections in group '${groupId}'`);
      await next();
      await grantCreator(c, "connection");
      return;
    }
    const groupId = await connectionGroup(c, id);
    const level = groupId === undefined ? Level.None : access.connection(id, groupId);
    need(read ? Level.View : writeLevel(method, rest), level, `connection '${id}'`);
    return next();
  }

  if (area === "webhooks" && id === "group" && restParts[0] && !read) {
    need(Level.Manage, access.group(restParts[0]), `webhooks of group '${restParts[0]}'`);
    return next();
  }

  if (area === "teams" && id !== undefined) {
    need(read ? Level.View : Level.Manage, access.team(id), `team '${id}'`);
    // What the team grants (its account role, its memberships) only an Account Administrator
    // changes, so a Team Manager cannot give the team, and so itself, more access.
    const grants =
      /^(groups|connections|connectors|role)(\/|$)/.test(rest) ||
      (rest === "" && method === "PATCH" && (await bodyField(c, "role")) !== undefined);
    if (!read && grants) need(Level.Manage, access.account, `the access of team '${id}'`);
    return next();
  }

  // Fivetran: "System keys can only be managed with user keys. The user must have the
  // Account Administrator role." — reading them too, since a list shows every key's permissions.
  if (area === "system-keys") {
    need(Level.Manage, access.account, "system keys");
    return next();
  }

  need(read ? Level.View : Level.Manage, access.account, "account settings");
  return next();
}

/**
 * Who creates a group or connection without an account-wide role (Destination Creator, Create
 * Connection) manages what it created, as Fivetran has it.
 */
async function grantCreator(c: Context<AppEnv>, kind: "group" | "connection") {
  if (c.res.status !== 201) return;
  const body = (await c.res.clone().json()) as { data?: { id?: string } };
  const id = body.data?.id;
  if (!id) return;
  const { accountId, userId } = c.var.auth;
  const role = kind === "group" ? "Manage Destination" : "Connector Administrator";
  await insertMembership(catalog(c.env.DB), { accountId, principal: "user", principalId: userId }, kind, id, role);
}

export interface ListItem {
  id: string;
  group_id?: string;
}

/** Runs a list route and keeps only the items `visible` keeps (the ones the caller may see). */
export async function filterItems(
  c: Context<AppEnv>,
  next: () => Promise<void>,
  visible: (items: ListItem[]) => ListItem[] | Promise<ListItem[]>,
) {
  await next();
  if (c.res.status !== 200) return;
  const body = (await c.res.clone().json()) as { data?: { items?: ListItem[] } };
  const items = body.data?.items;
  if (!Array.isArray(items)) return;
  const kept = await visible(items);
  if (kept.length === items.length) return;
  const filtered = { ...body, data: { ...body.data, items: kept } };
  const headers = new Headers(c.res.headers);
  headers.delete("content-length");
  c.res = new Response(JSON.stringify(filtered), { status: 200, headers });
}

/** Runs a list route and keeps only the items the user may see. */
function filterList(
  c: Context<AppEnv>,
  access: Access,
  next: () => Promise<void>,
  kind: "groups" | "destinations" | "connections",
) {
  return filterItems(c, next, (items) => visibleTo(c, access, kind, items));
}

async function visibleTo(
  c: Context<AppEnv>,
  access: Access,
  kind: "groups" | "destinations" | "connections",
  items: ListItem[],
): Promise<ListItem[]> {
  if (kind === "connections") {
    return items.filter((item) => access.connection(item.id, item.group_id ?? "") >= Level.View);
  }
  // A role in one of a group's connections shows the group too.
  const direct = access.connectionIds();
  const rows =
    direct.length === 0
      ? []
      : await catalog(c.env.DB)
          .select({ id: connections.id, groupId: connections.groupId })
          .from(connections)
          .where(and(eq(connections.accountId, c.var.auth.accountId), inArray(connections.id, direct)));
  const connectionGroups = new Map(rows.map((row) => [row.id, row.groupId]));
  return items.filter((item) => access.seesGroup(item.id, connectionGroups));
}

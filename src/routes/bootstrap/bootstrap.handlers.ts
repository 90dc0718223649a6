import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { ApiError } from "../../errors";
import { ok } from "../../lib/envelope";
import { decodeCursor, pageOfList } from "../../lib/pagination";
import * as routes from "./bootstrap.routes";
import { STANDARD_ROLES } from "./roles";

export const listRoles: RouteHandler<typeof routes.listRoles, AppEnv> = async (c) => {
  const page = pageOfList(
    STANDARD_ROLES,
    (role) => role.name,
    c.req.valid("query"),
    (role) => role,
  );
  return c.json(ok("Roles list retrieved successfully", page), 200);
};

/** An empty page, after checking the cursor as every list does (a foreign one is a 400). */
function emptyPage(cursor: string | undefined) {
  decodeCursor(cursor);
  return { items: [] };
}

const { EMPTY_LIST_MESSAGES: messages } = routes;

export const listPrivateLinks: RouteHandler<typeof routes.listPrivateLinks, AppEnv> = async (c) =>
  c.json(ok(messages.privateLinks, emptyPage(c.req.valid("query").cursor)), 200);

export const listProxyAgents: RouteHandler<typeof routes.listProxyAgents, AppEnv> = async (c) =>
  c.json(ok(messages.proxyAgents, emptyPage(c.req.valid("query").cursor)), 200);

export const listHybridDeploymentAgents: RouteHandler<typeof routes.listHybridDeploymentAgents, AppEnv> = async (c) =>
  c.json(ok(messages.hybridDeploymentAgents, emptyPage(c.req.valid("query").cursor)), 200);

export const listTransformations: RouteHandler<typeof routes.listTransformations, AppEnv> = async (c) =>
  c.json(ok(messages.transformations, emptyPage(c.req.valid("query").cursor)), 200);

export const listTransformationProjects: RouteHandler<typeof routes.listTransformationProjects, AppEnv> = async (c) =>
  c.json(ok(messages.transformationProjects, emptyPage(c.req.valid("query").cursor)), 200);

/** No log service can exist here: every id is unknown. */
export const externalLoggingNotFound: RouteHandler<typeof routes.deleteExternalLogging, AppEnv> = async (c) => {
  const { logId } = c.req.valid("param");
  throw new ApiError(404, "NotFound_ExternalLogging", `External logging service with id '${logId}' does not exist.`);
};

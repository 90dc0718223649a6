import { createRoute, type z } from "@hono/zod-openapi";
import { commonErrors, envelope, errorSchema, jsonResponse } from "../../lib/envelope";
import { pageQuery, pageSchema } from "../../lib/pagination";
import {
  externalLoggingIdParam,
  hybridDeploymentAgentSchema,
  privateLinkSchema,
  proxyAgentSchema,
  roleSchema,
  transformationProjectSchema,
  transformationSchema,
} from "./bootstrap.schemas";

export const listRoles = createRoute({
  method: "get",
  path: "/v1/roles",
  tags: ["Roles"],
  operationId: "list_all_roles",
  summary: "List all roles",
  description: "Fivetran's standard roles, in name order. Custom roles are not supported.",
  request: { query: pageQuery },
  responses: {
    200: jsonResponse("Roles list retrieved successfully", envelope(pageSchema(roleSchema))),
    ...commonErrors,
  },
});

/** What an always-empty list route needs to say about itself. */
interface EmptyList<T extends z.ZodType> {
  path: string;
  tag: string;
  operationId: string;
  summary: string;
  message: string;
  item: T;
}

/**
 * A list of a resource this server does not manage yet: a valid, empty page. Clients list
 * these before anything else (go-fivetran's test bootstrap deletes whatever they return).
 */
function emptyListRoute<T extends z.ZodType>(list: EmptyList<T>) {
  return createRoute({
    method: "get",
    path: list.path,
    tags: [list.tag],
    operationId: list.operationId,
    summary: list.summary,
    description: "Always an empty page: this resource cannot be created on this server yet.",
    request: { query: pageQuery },
    responses: {
      200: jsonResponse(list.message, envelope(pageSchema(list.item))),
      ...commonErrors,
    },
  });
}

/** The success message of each empty list, as Fivetran words it. */
export const EMPTY_LIST_MESSAGES = {
  privateLinks: "Private links retrieved successfully",
  proxyAgents: "Proxy agent retrieved successfully",
  hybridDeploymentAgents: "Hybrid deployment agents retrieved successfully",
  transformations: "Transformations list retrieved successfully",
  transformationProjects: "Transformation projects retrieved successfully",
} as const;

export const listPrivateLinks = emptyListRoute({
  path: "/v1/private-links",
  tag: "Private Links",
  operationId: "get_private_links",
  summary: "List all private links",
  message: EMPTY_LIST_MESSAGES.privateLinks,
  item: privateLinkSchema,
});

export const listProxyAgents = emptyListRoute({
  path: "/v1/proxy",
  tag: "Proxy Agents",
  operationId: "get_proxy_agent",
  summary: "List all proxy agents",
  message: EMPTY_LIST_MESSAGES.proxyAgents,
  item: proxyAgentSchema,
});

export const listHybridDeploymentAgents = emptyListRoute({
  path: "/v1/hybrid-deployment-agents",
  tag: "Hybrid Deployment Agents",
  operationId: "get_hybrid_deployment_agent_list",
  summary: "List hybrid deployment agents",
  message: EMPTY_LIST_MESSAGES.hybridDeploymentAgents,
  item: hybridDeploymentAgentSchema,
});

export const listTransformations = emptyListRoute({
  path: "/v1/transformations",
  tag: "Transformations",
  operationId: "transformations_list",
  summary: "List all transformations",
  message: EMPTY_LIST_MESSAGES.transformations,
  item: transformationSchema,
});

export const listTransformationProjects = emptyListRoute({
  path: "/v1/transformation-projects",
  tag: "Transformation Projects",
  operationId: "list_all_transformation_projects",
  summary: "List all transformation projects",
  message: EMPTY_LIST_MESSAGES.transformationProjects,
  item: transformationProjectSchema,
});

function externalLoggingRoute(method: "get" | "delete") {
  return createRoute({
    method,
    path: "/v1/external-logging/{logId}",
    tags: ["Log Service"],
    operationId: method === "get" ? "get_log_service_details" : "delete_log_service",
    summary: method === "get" ? "Retrieve log service details" : "Delete a log service",
    description:
      "External logging is not supported, so no log service exists: always 404 `NotFound_ExternalLogging`, which clients cleaning up an account read as already gone.",
    request: { params: externalLoggingIdParam },
    responses: {
      ...commonErrors,
      404: jsonResponse("No log service with that id", errorSchema),
    },
  });
}

export const getExternalLogging = externalLoggingRoute("get");
export const deleteExternalLogging = externalLoggingRoute("delete");

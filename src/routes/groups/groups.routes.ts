import { createRoute, z } from "@hono/zod-openapi";
import { commonErrors, conflictError, envelope, jsonResponse, messageOnly, notFoundError } from "../../lib/envelope";
import { pageQuery, pageSchema } from "../../lib/pagination";
import { connectionSchema } from "../connections/connections.schemas";
import { createGroupBody, groupIdParam, groupSchema, updateGroupBody } from "./groups.schemas";

const tags = ["Groups"];

export const listGroups = createRoute({
  method: "get",
  path: "/v1/groups",
  tags,
  operationId: "list_all_groups",
  summary: "List all groups",
  request: { query: pageQuery },
  responses: {
    200: jsonResponse("Groups retrieved successfully", envelope(pageSchema(groupSchema))),
    ...commonErrors,
  },
});

export const createGroup = createRoute({
  method: "post",
  path: "/v1/groups",
  tags,
  operationId: "create_group",
  summary: "Create a group",
  request: { body: { required: true, content: { "application/json": { schema: createGroupBody } } } },
  responses: {
    201: jsonResponse("Group has been created", envelope(groupSchema)),
    ...commonErrors,
    ...conflictError,
  },
});

export const getGroup = createRoute({
  method: "get",
  path: "/v1/groups/{groupId}",
  tags,
  operationId: "group_details",
  summary: "Retrieve group details",
  request: { params: groupIdParam },
  responses: {
    200: jsonResponse("Group details retrieved successfully", envelope(groupSchema)),
    ...commonErrors,
    ...notFoundError,
  },
});

export const updateGroup = createRoute({
  method: "patch",
  path: "/v1/groups/{groupId}",
  tags,
  operationId: "modify_group",
  summary: "Update a group",
  request: {
    params: groupIdParam,
    body: { required: false, content: { "application/json": { schema: updateGroupBody } } },
  },
  responses: {
    200: jsonResponse("Group has been updated", envelope(groupSchema)),
    ...commonErrors,
    ...notFoundError,
    ...conflictError,
  },
});

export const deleteGroup = createRoute({
  method: "delete",
  path: "/v1/groups/{groupId}",
  tags,
  operationId: "delete_group",
  summary: "Delete a group",
  description: "Answers 409 and deletes nothing while the group still holds a destination or connections.",
  request: { params: groupIdParam },
  responses: {
    200: jsonResponse("Group has been deleted", messageOnly),
    ...commonErrors,
    ...notFoundError,
    ...conflictError,
  },
});

const groupConnectionsQuery = pageQuery.extend({
  schema: z.string().optional().openapi({ description: "Only the connection with this schema (exact match)" }),
});

function groupConnectionsRoute(naming: "connections" | "connectors") {
  return createRoute({
    method: "get",
    path: `/v1/groups/{groupId}/${naming}`,
    tags,
    operationId: naming === "connections" ? "list_all_connections_in_group" : "list_all_connectors_in_group",
    summary: `List all ${naming} in a group`,
    ...(naming === "connectors" ? { description: "Legacy alias of /v1/groups/{groupId}/connections." } : {}),
    request: { params: groupIdParam, query: groupConnectionsQuery },
    responses: {
      200: jsonResponse("Group connections retrieved successfully", envelope(pageSchema(connectionSchema))),
      ...commonErrors,
      ...notFoundError,
    },
  });
}

export const listGroupConnections = groupConnectionsRoute("connections");
export const listGroupConnectors = groupConnectionsRoute("connectors");

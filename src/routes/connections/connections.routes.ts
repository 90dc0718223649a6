import { createRoute } from "@hono/zod-openapi";
import { commonErrors, conflictError, envelope, jsonResponse, messageOnly, notFoundError } from "../../lib/envelope";
import { pageSchema } from "../../lib/pagination";
import {
  connectionIdParam,
  connectionSchema,
  createConnectionBody,
  listConnectionsQuery,
  testConnectionBody,
  updateConnectionBody,
} from "./connections.schemas";

/** `/v1/connections` is Fivetran's current naming; `/v1/connectors` the legacy one clients still call. */
export type Naming = "connections" | "connectors";

const tags = ["Connections"];

/** The description of a legacy alias route. */
export function legacy(naming: Naming) {
  return naming === "connectors"
    ? { description: "Legacy alias of the /v1/connections endpoint: same handler, same bodies." }
    : {};
}

/** operationId in Fivetran's style; the legacy alias gets its own. */
export function operationId(naming: Naming, modern: string, old: string) {
  return naming === "connections" ? modern : old;
}

function listRoute(naming: Naming) {
  return createRoute({
    method: "get",
    path: `/v1/${naming}`,
    tags,
    operationId: operationId(naming, "list_connections", "list_connectors"),
    summary: `List ${naming}`,
    ...legacy(naming),
    request: { query: listConnectionsQuery },
    responses: {
      200: jsonResponse("Connections list retrieved successfully", envelope(pageSchema(connectionSchema))),
      ...commonErrors,
      ...notFoundError,
    },
  });
}

function createRouteFor(naming: Naming) {
  return createRoute({
    method: "post",
    path: `/v1/${naming}`,
    tags,
    operationId: operationId(naming, "create_connection", "create_connector"),
    summary: `Create a ${naming.slice(0, -1)}`,
    ...legacy(naming),
    request: { body: { required: true, content: { "application/json": { schema: createConnectionBody } } } },
    responses: {
      201: jsonResponse("Connection has been created", envelope(connectionSchema)),
      ...commonErrors,
      ...notFoundError,
      ...conflictError,
    },
  });
}

function getRoute(naming: Naming) {
  return createRoute({
    method: "get",
    path: `/v1/${naming}/{connectionId}`,
    tags,
    operationId: operationId(naming, "connection_details", "connector_details"),
    summary: `Retrieve ${naming.slice(0, -1)} details`,
    ...legacy(naming),
    request: { params: connectionIdParam },
    responses: {
      200: jsonResponse("Connection details retrieved successfully", envelope(connectionSchema)),
      ...commonErrors,
      ...notFoundError,
    },
  });
}

function updateRoute(naming: Naming) {
  return createRoute({
    method: "patch",
    path: `/v1/${naming}/{connectionId}`,
    tags,
    operationId: operationId(naming, "modify_connection", "modify_connector"),
    summary: `Update a ${naming.slice(0, -1)}`,
    ...legacy(naming),
    request: {
      params: connectionIdParam,
      body: { required: false, content: { "application/json": { schema: updateConnectionBody } } },
    },
    responses: {
      200: jsonResponse("Connection has been updated", envelope(connectionSchema)),
      ...commonErrors,
      ...notFoundError,
    },
  });
}

function deleteRoute(naming: Naming) {
  return createRoute({
    method: "delete",
    path: `/v1/${naming}/{connectionId}`,
    tags,
    operationId: operationId(naming, "delete_connection", "delete_connector"),
    summary: `Delete a ${naming.slice(0, -1)}`,
    ...legacy(naming),
    request: { params: connectionIdParam },
    responses: {
      200: jsonResponse("Connection has been deleted", messageOnly),
      ...commonErrors,
      ...notFoundError,
    },
  });
}

function testRoute(naming: Naming) {
  return createRoute({
    method: "post",
    path: `/v1/${naming}/{connectionId}/test`,
    tags,
    operationId: operationId(naming, "run_setup_tests", "run_connector_setup_tests"),
    summary: "Run setup tests",
    description: "Runs the source's setup tests and sets `status.setup_state`. The body may be absent.",
    request: {
      params: connectionIdParam,
      body: { required: false, content: { "application/json": { schema: testConnectionBody } } },
    },
    responses: {
      200: jsonResponse("Setup tests have been completed", envelope(connectionSchema)),
      ...commonErrors,
      ...notFoundError,
    },
  });
}

/** Every route of the resource under one naming. */
export function connectionRoutes(naming: Naming) {
  return {
    list: listRoute(naming),
    create: createRouteFor(naming),
    get: getRoute(naming),
    update: updateRoute(naming),
    delete: deleteRoute(naming),
    test: testRoute(naming),
  };
}

export const connectionsRoutes = connectionRoutes("connections");
export const connectorsRoutes = connectionRoutes("connectors");

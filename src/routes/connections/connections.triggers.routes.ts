import { createRoute, z } from "@hono/zod-openapi";
import { commonErrors, envelope, jsonResponse, messageOnly, notFoundError } from "../../lib/envelope";
import { legacy, type Naming, operationId } from "./connections.routes";
import { connectionIdParam } from "./connections.schemas";
import { createTriggerBody, triggerIdParam, triggerSchema } from "./connections.triggers.schemas";

const tags = ["Connections"];

function createTriggerRoute(naming: Naming) {
  return createRoute({
    method: "post",
    path: `/v1/${naming}/{connectionId}/triggers`,
    tags,
    operationId: operationId(naming, "create_connection_trigger", "create_connector_trigger"),
    summary: "Create an event trigger (extension)",
    description:
      "Extension: a run started by an event instead of (or beside) the schedule. `url`: a trigger URL with its own bearer token (shown once; revoke by deleting the trigger). `queue`: a message `{\"connection_id\": …}` on one of the Worker's trigger queues (FIVETRAN_TRIGGER_QUEUES). `after`: the successful end of another connection's sync of this account; a chain that would loop is refused.",
    ...legacy(naming),
    request: {
      params: connectionIdParam,
      body: { required: true, content: { "application/json": { schema: createTriggerBody } } },
    },
    responses: {
      201: jsonResponse("Trigger has been created", envelope(triggerSchema)),
      ...commonErrors,
      ...notFoundError,
    },
  });
}

function listTriggersRoute(naming: Naming) {
  return createRoute({
    method: "get",
    path: `/v1/${naming}/{connectionId}/triggers`,
    tags,
    operationId: operationId(naming, "list_connection_triggers", "list_connector_triggers"),
    summary: "List a connection's event triggers (extension)",
    ...legacy(naming),
    request: { params: connectionIdParam },
    responses: {
      200: jsonResponse("Triggers retrieved successfully", envelope(z.object({ items: z.array(triggerSchema) }))),
      ...commonErrors,
      ...notFoundError,
    },
  });
}

function deleteTriggerRoute(naming: Naming) {
  return createRoute({
    method: "delete",
    path: `/v1/${naming}/{connectionId}/triggers/{triggerId}`,
    tags,
    operationId: operationId(naming, "delete_connection_trigger", "delete_connector_trigger"),
    summary: "Revoke an event trigger (extension)",
    ...legacy(naming),
    request: { params: triggerIdParam },
    responses: {
      200: jsonResponse("Trigger has been deleted", messageOnly),
      ...commonErrors,
      ...notFoundError,
    },
  });
}

function routesFor(naming: Naming) {
  return {
    createTrigger: createTriggerRoute(naming),
    listTriggers: listTriggersRoute(naming),
    deleteTrigger: deleteTriggerRoute(naming),
  };
}

export const connectionsTriggerRoutes = routesFor("connections");
export const connectorsTriggerRoutes = routesFor("connectors");

/** The trigger URL itself: outside /v1 (its bearer token is its credential, not an API key). */
export const fireTriggerRoute = createRoute({
  method: "post",
  path: "/triggers/{triggerId}",
  tags,
  operationId: "fire_connection_trigger",
  summary: "Start a sync through a trigger URL (extension)",
  description:
    "Authorization: `Bearer <token>` of a `url` trigger. Starts a sync of its connection as a sync request does (a no-op while one runs); 400 when the connection cannot run now (paused, setup incomplete, nothing can sync), 401 for a wrong or revoked token.",
  security: [],
  request: { params: z.object({ triggerId: z.string().openapi({ param: { name: "triggerId", in: "path" } }) }) },
  responses: {
    200: jsonResponse("Sync has been successfully triggered", messageOnly),
    ...commonErrors,
  },
});

import { createRoute } from "@hono/zod-openapi";
import {
  commonErrors,
  conflictError,
  envelope,
  errorSchema,
  jsonResponse,
  messageOnly,
  notFoundError,
} from "../../lib/envelope";
import { pageQuery, pageSchema } from "../../lib/pagination";
import { legacy, type Naming, operationId } from "./connections.routes";
import { tableParam } from "./connections.schema-config.schemas";
import { connectionIdParam } from "./connections.schemas";
import { resyncBody, runSchema, stateBody, stateData, syncBody, tablesBySchema } from "./connections.sync.schemas";

const tags = ["Connections"];

/** The errors of a request that starts a run: also 400 when no run could move data (nothing is enqueued). */
const runErrors = {
  ...commonErrors,
  400: jsonResponse(
    "Invalid input, or the connection cannot sync: its source cannot sync yet, its group has no destination, or that destination cannot be written to yet",
    errorSchema,
  ),
};

/** GET and PATCH …/state: 400 for every connector this server has (see the handlers). */
const stateNotEditable = jsonResponse(
  "Invalid input, or the connection's state is not user-editable (every connector of this server)",
  errorSchema,
);

function optionalJson<T>(schema: T) {
  return { required: false, content: { "application/json": { schema } } };
}

function syncRoute(naming: Naming) {
  return createRoute({
    method: "post",
    path: `/v1/${naming}/{connectionId}/sync`,
    tags,
    operationId: operationId(naming, "sync_connection", "sync_connector"),
    summary: "Sync connection data",
    description:
      "Starts a sync now. While one runs it is a no-op, unless `force` is true: then the run in progress is cancelled and a new one starts. The body may be absent. 400 when the connection cannot sync: its source cannot sync yet (it can be configured and tested, but no data moves), its group has no destination, or that destination cannot be written to yet.",
    ...legacy(naming),
    request: { params: connectionIdParam, body: optionalJson(syncBody) },
    responses: {
      200: jsonResponse("Sync has been successfully triggered", messageOnly),
      ...runErrors,
      ...notFoundError,
    },
  });
}

function forceRoute(naming: Naming) {
  return createRoute({
    method: "post",
    path: `/v1/${naming}/{connectionId}/force`,
    tags,
    operationId: operationId(naming, "force_sync_connection", "force_sync_connector"),
    summary: "Force a sync (legacy)",
    description:
      "Not in Fivetran's spec but called by Airflow, dagster and go-fivetran: `POST …/sync` with `force: true`. No body.",
    request: { params: connectionIdParam },
    responses: {
      200: jsonResponse("Sync has been successfully triggered", messageOnly),
      ...runErrors,
      ...notFoundError,
    },
  });
}

function resyncRoute(naming: Naming) {
  return createRoute({
    method: "post",
    path: `/v1/${naming}/{connectionId}/resync`,
    tags,
    operationId: operationId(naming, "resync_connection", "resync_connector"),
    summary: "Re-sync connection data",
    description:
      "Forgets the state of the tables in `scope` (every table when `scope` is absent or null) and syncs them from scratch. 409 while a sync is in progress.",
    ...legacy(naming),
    request: { params: connectionIdParam, body: optionalJson(resyncBody) },
    responses: {
      200: jsonResponse("Sync has been successfully triggered", messageOnly),
      ...runErrors,
      ...notFoundError,
      ...conflictError,
    },
  });
}

function resyncTablesRoute(naming: Naming) {
  return createRoute({
    method: "post",
    path: `/v1/${naming}/{connectionId}/schemas/tables/resync`,
    tags,
    operationId: operationId(naming, "resync_tables", "resync_connector_tables"),
    summary: "Re-sync connection table data",
    ...legacy(naming),
    request: {
      params: connectionIdParam,
      body: { required: true, content: { "application/json": { schema: tablesBySchema } } },
    },
    responses: {
      200: jsonResponse("Re-sync has been triggered successfully", messageOnly),
      ...runErrors,
      ...notFoundError,
      ...conflictError,
    },
  });
}

function resyncTableRoute(naming: Naming) {
  return createRoute({
    method: "post",
    path: `/v1/${naming}/{connectionId}/schemas/{schemaName}/tables/{tableName}/resync`,
    tags,
    operationId: operationId(naming, "resync_table", "resync_connector_table"),
    summary: "Re-sync one table (legacy)",
    description: "go-fivetran's per-table form of `POST …/schemas/tables/resync`. No body.",
    request: { params: tableParam },
    responses: {
      200: jsonResponse("Re-sync has been triggered successfully", messageOnly),
      ...runErrors,
      ...notFoundError,
      ...conflictError,
    },
  });
}

function getStateRoute(naming: Naming) {
  return createRoute({
    method: "get",
    path: `/v1/${naming}/{connectionId}/state`,
    tags,
    operationId: operationId(naming, "connection_state", "connector_state"),
    summary: "Retrieve the connection state",
    description:
      "As on Fivetran, only Function and Connector SDK connections have a state a user may read; every connector of this server keeps its checkpoints itself, so this answers 400 `InvalidInput` for each of them (404 first for an unknown connection). The 200 shape is Fivetran's.",
    ...legacy(naming),
    request: { params: connectionIdParam },
    responses: {
      200: jsonResponse("Connection state retrieved successfully", envelope(stateData)),
      ...commonErrors,
      400: stateNotEditable,
      ...notFoundError,
    },
  });
}

function updateStateRoute(naming: Naming) {
  return createRoute({
    method: "patch",
    path: `/v1/${naming}/{connectionId}/state`,
    tags,
    operationId: operationId(naming, "modify_connection_state", "modify_connector_state"),
    summary: "Update the connection state",
    description:
      "As on Fivetran, only Function and Connector SDK connections have a state a user may edit (paused, no sync in progress); every connector of this server keeps its checkpoints itself, so this answers 400 `InvalidInput` for each of them (404 first for an unknown connection). To read tables again from scratch, re-sync them. The 200 shape is Fivetran's.",
    ...legacy(naming),
    request: {
      params: connectionIdParam,
      body: { required: true, content: { "application/json": { schema: stateBody } } },
    },
    responses: {
      200: jsonResponse("Connection state has been updated", envelope(stateData)),
      ...commonErrors,
      400: stateNotEditable,
      ...notFoundError,
    },
  });
}

function listRunsRoute(naming: Naming) {
  return createRoute({
    method: "get",
    path: `/v1/${naming}/{connectionId}/runs`,
    tags,
    operationId: operationId(naming, "list_connection_runs", "list_connector_runs"),
    summary: "List runs (extension)",
    description: "The connection's sync runs, newest first, with rows and bytes per table.",
    ...legacy(naming),
    request: { params: connectionIdParam, query: pageQuery },
    responses: {
      200: jsonResponse("Runs retrieved successfully", envelope(pageSchema(runSchema))),
      ...commonErrors,
      ...notFoundError,
    },
  });
}

/** Sync, re-sync, state and run-history routes under one naming. */
export function syncRoutes(naming: Naming) {
  return {
    sync: syncRoute(naming),
    force: forceRoute(naming),
    resync: resyncRoute(naming),
    resyncTables: resyncTablesRoute(naming),
    resyncTable: resyncTableRoute(naming),
    getState: getStateRoute(naming),
    updateState: updateStateRoute(naming),
    listRuns: listRunsRoute(naming),
  };
}

export const connectionsSyncRoutes = syncRoutes("connections");
export const connectorsSyncRoutes = syncRoutes("connectors");

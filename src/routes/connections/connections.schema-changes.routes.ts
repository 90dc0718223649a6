import { createRoute } from "@hono/zod-openapi";
import { commonErrors, conflictError, envelope, jsonResponse, messageOnly, notFoundError } from "../../lib/envelope";
import { pageSchema } from "../../lib/pagination";
import { legacy, type Naming, operationId } from "./connections.routes";
import { evolveBody, schemaHistoryItem, schemaHistoryQuery } from "./connections.schema-changes.schemas";
import { columnParam, dropColumnsBody } from "./connections.schema-config.schemas";
import { connectionIdParam } from "./connections.schemas";

const tags = ["Connection schema"];

function historyRoute(naming: Naming) {
  return createRoute({
    method: "get",
    path: `/v1/${naming}/{connectionId}/schemas/history`,
    tags,
    operationId: operationId(naming, "connection_schema_history", "connector_schema_history"),
    summary: "List the connection's schema changes (extension)",
    description:
      "Every schema change a sync or reload found, applied or blocked by the schema policy, and every change made by hand, oldest first. Filter by `change`, `status`, `table`, `run_id`, `since`.",
    ...legacy(naming),
    request: { params: connectionIdParam, query: schemaHistoryQuery },
    responses: {
      200: jsonResponse("Schema history retrieved successfully", envelope(pageSchema(schemaHistoryItem))),
      ...commonErrors,
      ...notFoundError,
    },
  });
}

function evolveRoute(naming: Naming) {
  return createRoute({
    method: "post",
    path: `/v1/${naming}/{connectionId}/schemas/evolve`,
    tags,
    operationId: operationId(naming, "evolve_connection_schema", "evolve_connector_schema"),
    summary: "Apply a schema change by hand (extension)",
    description:
      "Exactly one of `add_column`, `widen`, `rename`. Applied to the destination now (409 while a sync runs, or when the destination table does not exist yet for a column the source does not have), recorded in the schema history and announced.",
    ...legacy(naming),
    request: {
      params: connectionIdParam,
      body: { required: true, content: { "application/json": { schema: evolveBody } } },
    },
    responses: {
      200: jsonResponse("Schema change applied", envelope(schemaHistoryItem)),
      ...commonErrors,
      ...notFoundError,
      ...conflictError,
    },
  });
}

function dropColumnsRoute(naming: Naming) {
  return createRoute({
    method: "post",
    path: `/v1/${naming}/{connectionId}/schemas/drop-columns`,
    tags,
    operationId: operationId(naming, "drop_connection_columns", "drop_connector_columns"),
    summary: "Drop blocked columns from the destination",
    description:
      "Drops columns that are blocked (`enabled: false`) or gone from the source from their destination tables. 409 for a column that is neither.",
    ...legacy(naming),
    request: {
      params: connectionIdParam,
      body: { required: true, content: { "application/json": { schema: dropColumnsBody } } },
    },
    responses: {
      200: jsonResponse("Columns dropped", messageOnly),
      ...commonErrors,
      ...notFoundError,
      ...conflictError,
    },
  });
}

function dropColumnRoute(naming: Naming) {
  return createRoute({
    method: "delete",
    path: `/v1/${naming}/{connectionId}/schemas/{schemaName}/tables/{tableName}/columns/{columnName}`,
    tags,
    operationId: operationId(naming, "drop_connection_column", "drop_connector_column"),
    summary: "Drop a blocked column from the destination",
    description: "409 when the column is neither blocked nor gone from the source.",
    ...legacy(naming),
    request: { params: columnParam },
    responses: {
      200: jsonResponse("Column dropped", messageOnly),
      ...commonErrors,
      ...notFoundError,
      ...conflictError,
    },
  });
}

/** Schema history and changes by hand, under one naming. */
export function schemaChangeRoutes(naming: Naming) {
  return {
    history: historyRoute(naming),
    evolve: evolveRoute(naming),
    dropColumns: dropColumnsRoute(naming),
    dropColumn: dropColumnRoute(naming),
  };
}

export const connectionsSchemaChangeRoutes = schemaChangeRoutes("connections");
export const connectorsSchemaChangeRoutes = schemaChangeRoutes("connectors");

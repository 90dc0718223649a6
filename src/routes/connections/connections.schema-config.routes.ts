import { createRoute } from "@hono/zod-openapi";
import { commonErrors, conflictError, envelope, jsonResponse, notFoundError } from "../../lib/envelope";
import { legacy, type Naming, operationId } from "./connections.routes";
import {
  columnParam,
  columnPatch,
  columnsDataSchema,
  reloadBody,
  schemaConfigCreate,
  schemaConfigPatch,
  schemaConfigSchema,
  schemaParam,
  schemaPatch,
  tableParam,
  tablePatch,
} from "./connections.schema-config.schemas";
import { connectionIdParam } from "./connections.schemas";

const tags = ["Connection schema"];

function getConfigRoute(naming: Naming) {
  return createRoute({
    method: "get",
    path: `/v1/${naming}/{connectionId}/schemas`,
    tags,
    operationId: operationId(naming, "connection_schema_config", "connector_schema_config"),
    summary: "Retrieve the connection schema config",
    description:
      "404 `NotFound_SchemaConfig` until the source was discovered (by the first sync or `POST …/schemas/reload`) or a config was created with `POST …/schemas`.",
    ...legacy(naming),
    request: { params: connectionIdParam },
    responses: {
      200: jsonResponse("Schema configuration retrieved successfully", envelope(schemaConfigSchema)),
      ...commonErrors,
      ...notFoundError,
    },
  });
}

function createConfigRoute(naming: Naming) {
  return createRoute({
    method: "post",
    path: `/v1/${naming}/{connectionId}/schemas`,
    tags,
    operationId: operationId(naming, "create_connection_schema_config", "create_connector_schema_config"),
    summary: "Create a connection schema config",
    description:
      "Before the first sync: the handling and the named schemas, tables and columns (kept as given, case-sensitive) apply when the source is first discovered; tables not named follow `schema_change_handling`. 409 when the connection has a schema config already.",
    ...legacy(naming),
    request: {
      params: connectionIdParam,
      body: { required: false, content: { "application/json": { schema: schemaConfigCreate } } },
    },
    responses: {
      200: jsonResponse("Schema configuration has been created", envelope(schemaConfigSchema)),
      ...commonErrors,
      ...notFoundError,
      ...conflictError,
    },
  });
}

function patchColumnRoute(naming: Naming) {
  return createRoute({
    method: "patch",
    path: `/v1/${naming}/{connectionId}/schemas/{schemaName}/tables/{tableName}/columns/{columnName}`,
    tags,
    operationId: operationId(naming, "modify_connection_column_config", "modify_connector_column_config"),
    summary: "Update a column config",
    description:
      "`enabled: false` keeps the column out of the destination from the next sync on; `hashed: true` lands it as its salted SHA-256 (base64 text). Not for primary-key columns (400).",
    ...legacy(naming),
    request: {
      params: columnParam,
      body: { required: true, content: { "application/json": { schema: columnPatch } } },
    },
    responses: {
      200: jsonResponse("Column configuration has been modified", envelope(schemaConfigSchema)),
      ...commonErrors,
      ...notFoundError,
    },
  });
}

function reloadRoute(naming: Naming) {
  return createRoute({
    method: "post",
    path: `/v1/${naming}/{connectionId}/schemas/reload`,
    tags,
    operationId: operationId(naming, "reload_connection_schema_config", "reload_connector_schema_config"),
    summary: "Reload the connection schema config",
    description:
      "Discovers the source's tables now. 400 when the service cannot be read yet, 409 when the source cannot be reached (the message says why). The body may be absent.",
    ...legacy(naming),
    request: {
      params: connectionIdParam,
      body: { required: false, content: { "application/json": { schema: reloadBody } } },
    },
    responses: {
      200: jsonResponse("Schema configuration has been reloaded", envelope(schemaConfigSchema)),
      ...commonErrors,
      ...notFoundError,
      ...conflictError,
    },
  });
}

function patchConfigRoute(naming: Naming) {
  return createRoute({
    method: "patch",
    path: `/v1/${naming}/{connectionId}/schemas`,
    tags,
    operationId: operationId(naming, "modify_connection_schema_config", "modify_connector_schema_config"),
    summary: "Update the connection schema config",
    ...legacy(naming),
    request: {
      params: connectionIdParam,
      body: { required: false, content: { "application/json": { schema: schemaConfigPatch } } },
    },
    responses: {
      200: jsonResponse("Schema configuration has been modified", envelope(schemaConfigSchema)),
      ...commonErrors,
      ...notFoundError,
    },
  });
}

function patchSchemaRoute(naming: Naming) {
  return createRoute({
    method: "patch",
    path: `/v1/${naming}/{connectionId}/schemas/{schemaName}`,
    tags,
    operationId: operationId(
      naming,
      "modify_connection_database_schema_config",
      "modify_connector_database_schema_config",
    ),
    summary: "Update a database schema config",
    ...legacy(naming),
    request: {
      params: schemaParam,
      body: { required: true, content: { "application/json": { schema: schemaPatch } } },
    },
    responses: {
      200: jsonResponse("Database schema configuration has been modified", envelope(schemaConfigSchema)),
      ...commonErrors,
      ...notFoundError,
    },
  });
}

function patchTableRoute(naming: Naming) {
  return createRoute({
    method: "patch",
    path: `/v1/${naming}/{connectionId}/schemas/{schemaName}/tables/{tableName}`,
    tags,
    operationId: operationId(naming, "modify_connection_table_config", "modify_connector_table_config"),
    summary: "Update a table config",
    ...legacy(naming),
    request: {
      params: tableParam,
      body: { required: true, content: { "application/json": { schema: tablePatch } } },
    },
    responses: {
      200: jsonResponse("Table configuration has been modified", envelope(schemaConfigSchema)),
      ...commonErrors,
      ...notFoundError,
    },
  });
}

function columnsRoute(naming: Naming) {
  return createRoute({
    method: "get",
    path: `/v1/${naming}/{connectionId}/schemas/{schemaName}/tables/{tableName}/columns`,
    tags,
    operationId: operationId(naming, "connection_column_config", "connector_column_config"),
    summary: "Retrieve source table columns config",
    description: "Every column of the table as last discovered (see `POST …/schemas/reload`).",
    ...legacy(naming),
    request: { params: tableParam },
    responses: {
      200: jsonResponse("Column configuration retrieved successfully", envelope(columnsDataSchema)),
      ...commonErrors,
      ...notFoundError,
    },
  });
}

/** Schema config routes under one naming. */
export function schemaConfigRoutes(naming: Naming) {
  return {
    getConfig: getConfigRoute(naming),
    createConfig: createConfigRoute(naming),
    patchColumn: patchColumnRoute(naming),
    reload: reloadRoute(naming),
    patchConfig: patchConfigRoute(naming),
    patchSchema: patchSchemaRoute(naming),
    patchTable: patchTableRoute(naming),
    columns: columnsRoute(naming),
  };
}

export const connectionsSchemaConfigRoutes = schemaConfigRoutes("connections");
export const connectorsSchemaConfigRoutes = schemaConfigRoutes("connectors");

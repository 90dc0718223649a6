import { createRoute } from "@hono/zod-openapi";
import { commonErrors, envelope, errorSchema, jsonResponse } from "../../lib/envelope";
import { pageQuery, pageSchema } from "../../lib/pagination";
import {
  connectorIdParam,
  connectorTypeDetailsSchema,
  connectorTypeSchema,
  serviceKindQuery,
  serviceParam,
} from "./metadata.schemas";

const tags = ["Connector Metadata"];

const LIST_DESCRIPTION =
  "Every source service this server knows, in service id order. Destination services are not listed, as in Fivetran. A service that cannot sync yet (it can be configured and tested, but no data moves) shows `service_status: development` and no feature beyond API_CONFIGURABLE.";

function listRoute(naming: "connector-types" | "connectors") {
  return createRoute({
    method: "get",
    path: `/v1/metadata/${naming}`,
    tags,
    operationId: naming === "connector-types" ? "metadata_connectors" : "metadata_connectors_legacy",
    summary: naming === "connector-types" ? "List connector types" : "List connector types (legacy path)",
    description:
      naming === "connector-types"
        ? LIST_DESCRIPTION
        : `Legacy alias of /v1/metadata/connector-types. ${LIST_DESCRIPTION}`,
    request: { query: pageQuery },
    responses: {
      200: jsonResponse("Connectors list retrieved successfully", envelope(pageSchema(connectorTypeSchema))),
      ...commonErrors,
    },
  });
}

export const listConnectorTypes = listRoute("connector-types");
export const listConnectorsLegacy = listRoute("connectors");

function detailsRoute(naming: "connector-types" | "connectors") {
  return createRoute({
    method: "get",
    path: `/v1/metadata/${naming}/{service}`,
    tags,
    operationId: naming === "connector-types" ? "metadata_connector_config" : "metadata_connector_config_legacy",
    summary:
      naming === "connector-types"
        ? "Retrieve a connector type's configuration metadata"
        : "Retrieve a connector type's configuration metadata (legacy path)",
    description:
      "`config` and `auth` describe the fields of a connection's `config` as JSON-Schema-like objects; secret fields carry `format: password`. Destination services (`d1`, `r2`, `postgres_warehouse`, `snowflake`, `big_query`) answer too, describing a destination's `config`; an id both registries have names the source unless `kind=destination`.",
    request: { params: serviceParam, query: serviceKindQuery },
    responses: {
      200: jsonResponse("Connector configuration retrieved successfully", envelope(connectorTypeDetailsSchema)),
      ...commonErrors,
      404: jsonResponse("No connector type with that service id", errorSchema),
    },
  });
}

export const getConnectorType = detailsRoute("connector-types");
export const getConnectorLegacy = detailsRoute("connectors");

/** The unauthenticated listing (Fivetran's one endpoint outside /v1). */
export const listPublicConnectorTypes = createRoute({
  method: "get",
  path: "/public/connector-types",
  tags: ["Public Endpoints"],
  operationId: "metadata_public_connectors",
  summary: "List connector types without authentication",
  description: LIST_DESCRIPTION,
  security: [],
  request: { query: pageQuery },
  responses: {
    200: jsonResponse("Connector metadata retrieved successfully", envelope(pageSchema(connectorTypeSchema))),
    400: commonErrors[400],
  },
});

/** The removed Metadata API (source tables, columns, schemas of a connection). */
function deprecatedRoute(resource: "schemas" | "tables" | "columns") {
  return createRoute({
    method: "get",
    path: `/v1/metadata/connectors/{connectorId}/${resource}`,
    tags,
    operationId: `metadata_connector_${resource}_deprecated`,
    summary: `Source ${resource} of a connection (removed)`,
    description:
      "Fivetran removed the Metadata API; like Fivetran, this answers 404 `NotFound` saying so. Clients such as Airflow's OpenLineage integration still call it.",
    deprecated: true,
    request: { params: connectorIdParam },
    responses: {
      ...commonErrors,
      404: jsonResponse("Metadata API is deprecated", errorSchema),
    },
  });
}

export const deprecatedSchemas = deprecatedRoute("schemas");
export const deprecatedTables = deprecatedRoute("tables");
export const deprecatedColumns = deprecatedRoute("columns");

import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { ApiError } from "../../errors";
import { ok } from "../../lib/envelope";
import { connectorTypeDetails, listConnectorTypes as pageOfConnectorTypes } from "./connector-types";
import type * as routes from "./metadata.routes";

/**
 * What Fivetran answers on the removed Metadata API, verbatim (including the stray `")`
 * and trailing newline of the real message), for clients that match on it.
 */
export const METADATA_API_DEPRECATED =
  'Metadata API is deprecated. You can retrieve schema metadata from the metadata tables in Platform Connector:\nhttps://fivetran.com/docs/logs/fivetran-platform")\n';

export const listConnectorTypes: RouteHandler<typeof routes.listConnectorTypes, AppEnv> = async (c) => {
  return c.json(ok("Connectors list retrieved successfully", pageOfConnectorTypes(c.req.valid("query"))), 200);
};

export const listPublicConnectorTypes: RouteHandler<typeof routes.listPublicConnectorTypes, AppEnv> = async (c) => {
  return c.json(ok("Connector metadata retrieved successfully", pageOfConnectorTypes(c.req.valid("query"))), 200);
};

export const getConnectorType: RouteHandler<typeof routes.getConnectorType, AppEnv> = async (c) => {
  const { service } = c.req.valid("param");
  const { kind } = c.req.valid("query");
  return c.json(ok("Connector configuration retrieved successfully", connectorTypeDetails(service, kind)), 200);
};

export const metadataApiDeprecated: RouteHandler<typeof routes.deprecatedTables, AppEnv> = async () => {
  throw new ApiError(404, "NotFound", METADATA_API_DEPRECATED);
};

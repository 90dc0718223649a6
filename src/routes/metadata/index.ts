import { createRouter } from "../../lib/router";
import * as handlers from "./metadata.handlers";
import * as routes from "./metadata.routes";

/**
 * /v1/metadata/connector-types (alias /v1/metadata/connectors) and the removed Metadata API
 * paths, which answer 404 as Fivetran does.
 */
export const metadataRouter = createRouter()
  .openapi(routes.listConnectorTypes, handlers.listConnectorTypes)
  .openapi(routes.listConnectorsLegacy, handlers.listConnectorTypes)
  .openapi(routes.getConnectorType, handlers.getConnectorType)
  .openapi(routes.getConnectorLegacy, handlers.getConnectorType)
  .openapi(routes.deprecatedSchemas, handlers.metadataApiDeprecated)
  .openapi(routes.deprecatedTables, handlers.metadataApiDeprecated)
  .openapi(routes.deprecatedColumns, handlers.metadataApiDeprecated);

/** /public/connector-types: the same listing without authentication. */
export const publicRouter = createRouter().openapi(routes.listPublicConnectorTypes, handlers.listPublicConnectorTypes);

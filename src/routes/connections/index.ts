import { createRouter } from "../../lib/router";
import * as handlers from "./connections.handlers";
import { connectionsRoutes, connectorsRoutes } from "./connections.routes";

/**
 * /v1/connections and its legacy alias /v1/connectors: one handler per operation serves
 * both namings with the same bodies (clients in the field still call /v1/connectors).
 */
export const connectionsRouter = createRouter();

for (const routes of [connectionsRoutes, connectorsRoutes]) {
  connectionsRouter
    .openapi(routes.list, handlers.listConnections)
    .openapi(routes.create, handlers.createConnection)
    .openapi(routes.get, handlers.getConnection)
    .openapi(routes.update, handlers.updateConnection)
    .openapi(routes.delete, handlers.deleteConnection)
    .openapi(routes.test, handlers.testConnection);
}

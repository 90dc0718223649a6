import { createRouter } from "../../lib/router";
import { createConnectCard } from "./connections.connect-card";
import { connectionsConnectCardRoute, connectorsConnectCardRoute } from "./connections.connect-card.routes";
import * as handlers from "./connections.handlers";
import { connectionsRoutes, connectorsRoutes } from "./connections.routes";
import * as schemaChanges from "./connections.schema-changes.handlers";
import { connectionsSchemaChangeRoutes, connectorsSchemaChangeRoutes } from "./connections.schema-changes.routes";
import * as schemaConfig from "./connections.schema-config.handlers";
import { connectionsSchemaConfigRoutes, connectorsSchemaConfigRoutes } from "./connections.schema-config.routes";
import * as sync from "./connections.sync.handlers";
import { connectionsSyncRoutes, connectorsSyncRoutes } from "./connections.sync.routes";
import * as triggers from "./connections.triggers.handlers";
import { connectionsTriggerRoutes, connectorsTriggerRoutes, fireTriggerRoute } from "./connections.triggers.routes";

/**
 * /v1/connections and its legacy alias /v1/connectors: one handler per operation serves
 * both namings with the same bodies (clients in the field still call /v1/connectors).
 */
export const connectionsRouter = createRouter();

for (const [routes, syncRoutes, schemaRoutes, triggerRoutes, changeRoutes, connectCardRoute] of [
  [
    connectionsRoutes,
    connectionsSyncRoutes,
    connectionsSchemaConfigRoutes,
    connectionsTriggerRoutes,
    connectionsSchemaChangeRoutes,
    connectionsConnectCardRoute,
  ],
  [
    connectorsRoutes,
    connectorsSyncRoutes,
    connectorsSchemaConfigRoutes,
    connectorsTriggerRoutes,
    connectorsSchemaChangeRoutes,
    connectorsConnectCardRoute,
  ],
] as const) {
  connectionsRouter
    .openapi(routes.list, handlers.listConnections)
    .openapi(routes.create, handlers.createConnection)
    .openapi(routes.get, handlers.getConnection)
    .openapi(routes.update, handlers.updateConnection)
    .openapi(routes.delete, handlers.deleteConnection)
    .openapi(routes.test, handlers.testConnection)
    .openapi(connectCardRoute, createConnectCard)
    .openapi(syncRoutes.sync, sync.syncConnection)
    .openapi(syncRoutes.force, sync.forceSync)
    .openapi(syncRoutes.resync, sync.resyncConnection)
    .openapi(syncRoutes.resyncTables, sync.resyncTables)
    .openapi(syncRoutes.resyncTable, sync.resyncTable)
    .openapi(syncRoutes.getState, sync.getState)
    .openapi(syncRoutes.updateState, sync.updateState)
    .openapi(syncRoutes.listRuns, sync.listRuns)
    // Fixed paths before `/schemas/{schemaName}` ones.
    .openapi(changeRoutes.history, schemaChanges.listSchemaHistoryHandler)
    .openapi(changeRoutes.evolve, schemaChanges.evolveSchema)
    .openapi(changeRoutes.dropColumns, schemaChanges.dropColumnsHandler)
    .openapi(changeRoutes.dropColumn, schemaChanges.dropColumnHandler)
    .openapi(schemaRoutes.getConfig, schemaConfig.getSchemaConfig)
    .openapi(schemaRoutes.createConfig, schemaConfig.createSchemaConfig)
    .openapi(schemaRoutes.patchColumn, schemaConfig.patchColumn)
    .openapi(schemaRoutes.reload, schemaConfig.reloadSchemaConfig)
    .openapi(schemaRoutes.patchConfig, schemaConfig.patchSchemaConfig)
    .openapi(schemaRoutes.patchSchema, schemaConfig.patchSchema)
    .openapi(schemaRoutes.patchTable, schemaConfig.patchTable)
    .openapi(schemaRoutes.columns, schemaConfig.getColumns)
    .openapi(triggerRoutes.createTrigger, triggers.createTrigger)
    .openapi(triggerRoutes.listTriggers, triggers.listTriggers)
    .openapi(triggerRoutes.deleteTrigger, triggers.deleteTrigger);
}

/** The trigger URL (`POST /triggers/{id}`): outside /v1, its bearer token its only credential. */
export const triggersRouter = createRouter().openapi(fireTriggerRoute, triggers.fireTrigger);

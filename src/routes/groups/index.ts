import { createRouter } from "../../lib/router";
import * as handlers from "./groups.handlers";
import * as routes from "./groups.routes";

/** /v1/groups and the group's connections under both namings. */
export const groupsRouter = createRouter()
  .openapi(routes.listGroups, handlers.listGroups)
  .openapi(routes.createGroup, handlers.createGroup)
  .openapi(routes.getGroup, handlers.getGroup)
  .openapi(routes.updateGroup, handlers.updateGroup)
  .openapi(routes.deleteGroup, handlers.deleteGroup)
  .openapi(routes.listGroupConnections, handlers.listGroupConnections)
  .openapi(routes.listGroupConnectors, handlers.listGroupConnections);

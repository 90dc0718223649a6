import { createRouter } from "../../lib/router";
import { mountAbsentResources } from "./bootstrap.absent";
import * as handlers from "./bootstrap.handlers";
import * as routes from "./bootstrap.routes";

/**
 * Roles and the lists clients read before anything else (§12, §13.7): users of the
 * account, the standard roles, empty lists of resources not managed here yet, and 404 for
 * external logging services.
 */
export const bootstrapRouter = mountAbsentResources(createRouter())
  .openapi(routes.listRoles, handlers.listRoles)
  .openapi(routes.listPrivateLinks, handlers.listPrivateLinks)
  .openapi(routes.listProxyAgents, handlers.listProxyAgents)
  .openapi(routes.listHybridDeploymentAgents, handlers.listHybridDeploymentAgents)
  .openapi(routes.listTransformations, handlers.listTransformations)
  .openapi(routes.listTransformationProjects, handlers.listTransformationProjects)
  .openapi(routes.getExternalLogging, handlers.externalLoggingNotFound)
  .openapi(routes.deleteExternalLogging, handlers.externalLoggingNotFound);

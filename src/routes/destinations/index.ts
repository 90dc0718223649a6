import { createRouter } from "../../lib/router";
import * as handlers from "./destinations.handlers";
import * as routes from "./destinations.routes";

/** /v1/destinations: one destination per group, its id the group's id. */
export const destinationsRouter = createRouter()
  .openapi(routes.listDestinations, handlers.listDestinations)
  .openapi(routes.createDestination, handlers.createDestination)
  .openapi(routes.getDestination, handlers.getDestination)
  .openapi(routes.updateDestination, handlers.updateDestination)
  .openapi(routes.deleteDestination, handlers.deleteDestination)
  .openapi(routes.runSetupTests, handlers.runSetupTests);

import { createRouter } from "../../lib/router";
import * as handlers from "./usage.handlers";
import * as routes from "./usage.routes";

/** /v1/usage: rows synced per day and monthly active rows, as JSON pages or CSV (README "Usage metering"). */
export const usageRouter = createRouter()
  .openapi(routes.listUsageRows, handlers.listUsageRows)
  .openapi(routes.listUsageMar, handlers.listUsageMar)
  .openapi(routes.exportUsageRows, handlers.exportUsageRows)
  .openapi(routes.exportUsageMar, handlers.exportUsageMar);

import { createRouter } from "../../lib/router";
import * as handlers from "./webhooks.handlers";
import * as routes from "./webhooks.routes";

/** /v1/webhooks (§11): account and group webhooks, their test, and their delivery log (our extension). */
export const webhooksRouter = createRouter()
  .openapi(routes.listWebhooks, handlers.listWebhooks)
  .openapi(routes.createAccountWebhook, handlers.createAccountWebhook)
  .openapi(routes.createGroupWebhook, handlers.createGroupWebhook)
  .openapi(routes.getWebhook, handlers.getWebhook)
  .openapi(routes.updateWebhook, handlers.updateWebhook)
  .openapi(routes.deleteWebhook, handlers.deleteWebhook)
  .openapi(routes.testWebhook, handlers.testWebhook)
  .openapi(routes.listWebhookDeliveries, handlers.listWebhookDeliveries);

import { createRouter } from "../../lib/router";
import * as handlers from "./system-keys.handlers";
import * as routes from "./system-keys.routes";

/** System keys (Fivetran's System Key Management API): account-level keys with their own permissions. */
export const systemKeysRouter = createRouter()
  .openapi(routes.listSystemKeys, handlers.listSystemKeys)
  .openapi(routes.createSystemKey, handlers.createSystemKey)
  .openapi(routes.getSystemKey, handlers.getSystemKey)
  .openapi(routes.updateSystemKey, handlers.updateSystemKey)
  .openapi(routes.deleteSystemKey, handlers.deleteSystemKey)
  .openapi(routes.rotateSystemKey, handlers.rotateSystemKey);

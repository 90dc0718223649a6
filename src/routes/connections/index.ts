import { createRouter } from "../../lib/router";

/** /v1/connections and its legacy alias /v1/connectors. */
export const connectionsRouter = createRouter();

import { createRouter } from "../../lib/router";

/** /v1/destinations */
export const destinationsRouter = createRouter();

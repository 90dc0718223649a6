import { createRouter } from "../../lib/router";

/** Users, roles and the lists clients read before anything else (§12, §13.7). */
export const bootstrapRouter = createRouter();

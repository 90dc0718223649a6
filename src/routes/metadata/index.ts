import { createRouter } from "../../lib/router";

/** /v1/metadata/connector-types (alias /v1/metadata/connectors). */
export const metadataRouter = createRouter();

/** /public/connector-types: the same listing without authentication. */
export const publicRouter = createRouter();

/**
 * The TypeScript SDK of the fivetran.do REST API: a typed client generated from `openapi.yaml`.
 *
 * ```ts
 * const client = createFivetranClient({ baseUrl, apiKey, apiSecret });
 * const { data, error } = await client.POST("/v1/groups", { body: { name: "analytics" } });
 * ```
 */
import type { components } from "./schema";

export { basicAuthorization, createFivetranClient, type FivetranClient, type FivetranClientOptions } from "./client";
export type { components, operations, paths } from "./schema";

/** A named schema of the API: `Schema<"Group">`, `Schema<"Error">`. */
export type Schema<Name extends keyof components["schemas"]> = components["schemas"][Name];

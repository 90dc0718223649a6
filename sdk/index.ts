/**
 * `@dotdo/fivetran`: the `Fivetran` class of our product vision (fivetran.ts), on a typed
 * client of the REST API generated from `openapi.yaml` (client.ts, schema.d.ts).
 *
 * ```ts
 * const fivetran = new Fivetran({ id: "analytics", baseUrl, apiKey, apiSecret });
 * const client = createFivetranClient({ baseUrl, apiKey, apiSecret });
 * const { data, error } = await client.POST("/v1/groups", { body: { name: "analytics" } });
 * ```
 */
import type { components } from "./schema.js";

export { basicAuthorization, createFivetranClient, type FivetranClient, type FivetranClientOptions } from "./client.js";
export type { components, operations, paths } from "./schema.js";

/** A named schema of the API: `Schema<"Group">`, `Schema<"Error">`. */
export type Schema<Name extends keyof components["schemas"]> = components["schemas"][Name];
export * from "./errors.js";
export type { FivetranEvent, FivetranEventHandler, FivetranEventType } from "./events.js";
export {
  Connector,
  type ConnectorDeclaration,
  type ConnectorStatus,
  type ConnectorTrigger,
  type DestinationDeclaration,
  Fivetran,
  type FivetranOptions,
  type SchemaDeclaration,
  type SourceDeclaration,
  type SyncDeclaration,
  type SyncRun,
  schemaNameOf,
  type TransformDeclaration,
  type UsageMar,
  type UsageMarQuery,
  type UsageRows,
  type UsageRowsQuery,
} from "./fivetran.js";
export type { FivetranTools, FSx, GitX, GitXCommit, SchemaChange, SourceFile } from "./tools.js";

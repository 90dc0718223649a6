/**
 * Connector types as /v1/metadata/connector-types shows them. The listing holds one item per
 * source service in the registry (engine/sources) and no destination: Fivetran's listing is of
 * connectors only (its items are the `service` values of connections, sorted by id; the e2e
 * suite expects `15five` first), and destination services are not connector types there (see
 * the wire contract, §10). The details endpoint answers for destination services too
 * (`d1`, `r2`, `postgres_warehouse`, `snowflake`, `big_query`), so a client can build their
 * config forms from the same metadata.
 *
 * The catalog is honest about what moves data: a service that cannot sync (a source without
 * a reader, a destination without a writer) shows `service_status: development` whatever its
 * definition says, and advertises no feature but API_CONFIGURABLE.
 */

import { canWrite, findDestination } from "../../engine/destinations";
import type { DestinationDefinition, ServiceDefinition, SourceDefinition } from "../../engine/protocol";
import { canSync, findSource, sources } from "../../engine/sources";
import { ApiError } from "../../errors";
import { type PageQuery, pageOfList } from "../../lib/pagination";
import { authMetadata, type ConfigProperty, configMetadata } from "./config-schema";

/**
 * `service_status_updated_at` of a connector whose definition names no date: the day this
 * catalog first listed connector types. A definition sets `info.statusSince` to say better.
 */
export const CATALOG_DATE = "2026-11-25";

/** Which registry a service comes from. */
export type ServiceKind = "source" | "destination";

/** A service of either registry, with which one. */
export type CatalogEntry =
  | { kind: "source"; definition: SourceDefinition }
  | { kind: "destination"; definition: DestinationDefinition };

/** Whether the service moves data: a source that can sync, a destination that can be written. */
function movesData(entry: CatalogEntry): boolean {
  return entry.kind === "source" ? canSync(entry.definition) : canWrite(entry.definition);
}

/** A connector type in the listing (Fivetran's MetadataResponseShort). */
export function connectorType(entry: CatalogEntry) {
  const { definition } = entry;
  const { info } = definition;
  const live = movesData(entry);
  // A service that moves no data is in development, whatever its definition declares, and
  // implements no feature of syncing; it can be configured through the API.
  const features = (info.features ?? []).filter((feature) => live || feature.id === "API_CONFIGURABLE");
  return {
    id: definition.service,
    name: info.name,
    type: info.type,
    description: info.description,
    icon_url: info.iconUrl ?? null,
    icons: info.iconUrl ? [info.iconUrl] : [],
    link_to_docs: info.linkToDocs,
    link_to_erd: info.linkToErd ?? null,
    connector_class: "standard" as const,
    service_status: live ? (info.status ?? "general_availability") : ("development" as const),
    service_status_updated_at: (live ? info.statusSince : undefined) ?? CATALOG_DATE,
    supported_features: features.map((feature) => ({ id: feature.id, notes: feature.notes ?? null })),
  };
}

export type ConnectorType = ReturnType<typeof connectorType>;

/** A page of connector types (sources only, as on Fivetran), in service id order. */
export function listConnectorTypes(query: PageQuery) {
  return pageOfList(
    Object.values(sources),
    (definition) => definition.service,
    query,
    (definition: SourceDefinition) => connectorType({ kind: "source", definition }),
  );
}

/**
 * The service `id` names: a source (by service id or alias) first, then a destination (by
 * service id or alias: `postgres_warehouse`, `bigquery`). `kind` picks one registry, for the
 * ids both have (`postgres`, `snowflake`).
 */
export function findService(id: string, kind?: ServiceKind): CatalogEntry | undefined {
  if (kind !== "destination") {
    const definition = findSource(id);
    if (definition) return { kind: "source", definition };
  }
  if (kind !== "source") {
    const definition = findDestination(id);
    if (definition) return { kind: "destination", definition };
  }
  return undefined;
}

const configCache = new WeakMap<ServiceDefinition, { config: ConfigProperty; auth: ConfigProperty }>();

/** One connector type with its config and auth metadata; 404 for a service we do not have. */
export function connectorTypeDetails(service: string, kind?: ServiceKind) {
  const entry = findService(service, kind);
  if (!entry) {
    throw new ApiError(
      404,
      "NotFound_Service",
      `Service '${service}' does not exist. GET /v1/metadata/connector-types lists the available services.`,
    );
  }
  const { definition } = entry;
  let metadata = configCache.get(definition);
  if (!metadata) {
    metadata = { config: configMetadata(definition), auth: authMetadata(definition) };
    configCache.set(definition, metadata);
  }
  // No secret can be read from an external secrets manager yet, so no key maps to one.
  return { ...connectorType(entry), ...metadata, external_secrets_keys_config: {} };
}

/**
 * Connector types as /v1/metadata/connector-types shows them: one per source service in the
 * registry (engine/sources). Like Fivetran, the listing holds connectors only; destination
 * services are not listed.
 */

import type { ServiceDefinition } from "../../engine/protocol";
import { findSource, sources } from "../../engine/sources";
import { ApiError } from "../../errors";
import { type PageQuery, pageOfList } from "../../lib/pagination";
import { authMetadata, type ConfigProperty, configMetadata } from "./config-schema";

/**
 * `service_status_updated_at` of a connector whose definition names no date: the day this
 * catalog first listed connector types. A definition sets `info.statusSince` to say better.
 */
export const CATALOG_DATE = "2026-11-25";

/** A connector type in the listing (Fivetran's MetadataResponseShort). */
export function connectorType(definition: ServiceDefinition) {
  const { info } = definition;
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
    service_status: info.status ?? "general_availability",
    service_status_updated_at: info.statusSince ?? CATALOG_DATE,
    supported_features: (info.features ?? []).map((feature) => ({ id: feature.id, notes: feature.notes ?? null })),
  };
}

export type ConnectorType = ReturnType<typeof connectorType>;

/** A page of connector types, in service id order. */
export function listConnectorTypes(query: PageQuery) {
  return pageOfList(Object.values(sources), (definition) => definition.service, query, connectorType);
}

const configCache = new WeakMap<ServiceDefinition, { config: ConfigProperty; auth: ConfigProperty }>();

/** One connector type with its config and auth metadata; 404 for a service we do not have. */
export function connectorTypeDetails(service: string) {
  const definition = findSource(service);
  if (!definition) {
    throw new ApiError(
      404,
      "NotFound_Service",
      `Service '${service}' does not exist. GET /v1/metadata/connector-types lists the available services.`,
    );
  }
  let metadata = configCache.get(definition);
  if (!metadata) {
    metadata = { config: configMetadata(definition), auth: authMetadata(definition) };
    configCache.set(definition, metadata);
  }
  // No secret can be read from an external secrets manager yet, so no key maps to one.
  return { ...connectorType(definition), ...metadata, external_secrets_keys_config: {} };
}

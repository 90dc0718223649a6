import { findSource } from "./sources";

/**
 * Where a source schema lands, as Fivetran names it: database connectors (naming
 * `schema_prefix`) write each source schema to `<prefix>_<source schema>` (`pg_public`), so
 * equal table names in two source schemas never collide; API and file connectors (naming
 * `schema`) write everything to the connection's schema.
 */
export function destinationSchema(service: string, connectionSchema: string, namespace: string): string {
  return findSource(service)?.naming === "schema_prefix" ? `${connectionSchema}_${namespace}` : connectionSchema;
}

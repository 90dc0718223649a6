/**
 * A connection's name derived from its config. Storing config (secrets split off and
 * encrypted) is toolkit/config.ts's `sealConfig`/`openConfig`; setup tests run through
 * toolkit/setup-tests.ts.
 */
import type { SourceDefinition } from "../../engine/protocol";
import { ApiError } from "../../errors";

/**
 * The connection's `schema` (its name) from config, per the service's naming (§6.4):
 * `schema_prefix` for databases, `schema` for APIs.
 */
export function schemaName(definition: SourceDefinition, config: Record<string, unknown>): string {
  const value = config[definition.naming];
  if (typeof value !== "string" || value === "") {
    throw ApiError.invalid(`Field 'config.${definition.naming}' is required`);
  }
  return value;
}

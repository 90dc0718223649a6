/**
 * Loading what a sync needs: connection and destination configs with their secrets decrypted,
 * and the connectors that read and write them, with their contexts.
 */
import { connectionById, destinationById } from "../db/engine";
import type { Env } from "../env";
import { decryptJson } from "../lib/secrets";
import { canWrite, findDestination } from "./destinations";
import { ConfigurationError } from "./errors";
import type { DestinationDefinition, DestinationWriter, SourceDefinition } from "./protocol";
import { canSync, findSource } from "./sources";
import { MASK } from "./toolkit/config";
import { connectorContext } from "./toolkit/context";

/** A stored config with its secrets decrypted (the `******` placeholders dropped first). */
export async function fullConfig(env: Env, plain: Record<string, unknown>, sealed: string | null) {
  const visible = Object.fromEntries(Object.entries(plain).filter(([, value]) => value !== MASK));
  return { ...visible, ...(await decryptJson(env.FIVETRAN_ENCRYPTION_KEY, sealed)) };
}

export async function loadConnection(env: Env, connectionId: string) {
  const row = await connectionById(env.DB, connectionId);
  if (!row) return undefined;
  return { row, config: await fullConfig(env, row.config, row.secrets) };
}

export async function loadDestination(env: Env, destinationId: string) {
  const row = await destinationById(env.DB, destinationId);
  if (!row) return undefined;
  return { row, config: await fullConfig(env, row.config, row.secrets) };
}

/** An open writer to the destination with id `destinationId` (the group's id), and its definition. */
export async function openDestinationWriter(
  env: Env,
  destinationId: string,
): Promise<{ writer: DestinationWriter; definition: DestinationDefinition }> {
  const destination = await loadDestination(env, destinationId);
  if (!destination) throw new ConfigurationError(`Group '${destinationId}' has no destination`, "missing_destination");
  const definition = findDestination(destination.row.service);
  if (!definition || !canWrite(definition)) {
    throw new ConfigurationError(
      `Destination service '${destination.row.service}' cannot be written to yet`,
      "unsupported_destination",
    );
  }
  const parsed = definition.fields.parse(destination.config);
  const writer = await definition.writer.open(parsed, connectorContext(env, definition, parsed));
  return { writer, definition };
}

/** The source definition that can read this connection, or a ConfigurationError. */
export function readableSource(service: string) {
  const definition = findSource(service);
  if (!definition || !canSync(definition))
    throw new ConfigurationError(`Source service '${service}' cannot be synced yet`, "unsupported_source");
  return definition as SourceDefinition & { reader: NonNullable<SourceDefinition["reader"]> };
}

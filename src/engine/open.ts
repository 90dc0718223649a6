/**
 * Loading what a sync needs: connection and destination configs with their secrets decrypted,
 * and the connectors that read and write them, with their contexts.
 */
import { connectionById, destinationById } from "../db/engine";
import type { Env } from "../env";
import { canWrite, findDestination } from "./destinations";
import { ConfigurationError } from "./errors";
import type { DestinationDefinition, DestinationWriter, SourceDefinition } from "./protocol";
import { canSync, findSource } from "./sources";
import { openConfig } from "./toolkit/config";
import { connectorContext } from "./toolkit/context";

export async function loadConnection(env: Env, connectionId: string) {
  const row = await connectionById(env.DB, connectionId);
  if (!row) return undefined;
  return { row, config: await openConfig(env, row) };
}

export async function loadDestination(env: Env, destinationId: string) {
  const row = await destinationById(env.DB, destinationId);
  if (!row) return undefined;
  return { row, config: await openConfig(env, row) };
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
  const writer = await definition.writer.open(
    parsed,
    // The destination's account: the namespace of a shared binding is its own (grants can be revoked).
    await connectorContext(env, destination.row.accountId, definition, parsed, undefined, {
      kind: "destination",
      id: destinationId,
    }),
  );
  return { writer, definition };
}

/** The source definition that can read this connection, or a ConfigurationError. */
export function readableSource(service: string) {
  const definition = findSource(service);
  if (!definition || !canSync(definition))
    throw new ConfigurationError(`Source service '${service}' cannot be synced yet`, "unsupported_source");
  return definition as SourceDefinition & { reader: NonNullable<SourceDefinition["reader"]> };
}

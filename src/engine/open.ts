/**
 * Loading what a sync needs from the catalog: connection and destination rows with their
 * secrets decrypted, and the connectors that read and write them. Internal to the engine
 * (no account scoping: callers hold ids that came from an authorised request or a job).
 */
import { eq } from "drizzle-orm";
import { catalog } from "../db/client";
import { connections, destinations } from "../db/schema";
import type { Env } from "../env";
import { decryptJson } from "../lib/secrets";
import { findDestination } from "./destinations";
import type { ConnectorContext, DestinationWriter } from "./protocol";
import { findSource } from "./sources";
import { MASK } from "./toolkit/config";

/** A stored config with its secrets decrypted (the `******` placeholders dropped first). */
export async function fullConfig(env: Env, plain: Record<string, unknown>, sealed: string | null) {
  const visible = Object.fromEntries(Object.entries(plain).filter(([, value]) => value !== MASK));
  return { ...visible, ...(await decryptJson(env.FIVETRAN_ENCRYPTION_KEY, sealed)) };
}

export function connectorContext(env: Env, signal?: AbortSignal): ConnectorContext {
  return { env, fetch: (input, init) => fetch(input, init), signal, now: () => new Date() };
}

export async function loadConnection(env: Env, connectionId: string) {
  const row = await catalog(env.DB).select().from(connections).where(eq(connections.id, connectionId)).get();
  if (!row) return undefined;
  return { row, config: await fullConfig(env, row.config, row.secrets) };
}

export async function loadDestination(env: Env, destinationId: string) {
  const row = await catalog(env.DB).select().from(destinations).where(eq(destinations.id, destinationId)).get();
  if (!row) return undefined;
  return { row, config: await fullConfig(env, row.config, row.secrets) };
}

/** A permanent configuration problem: retrying cannot help. */
export class ConfigurationError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = "ConfigurationError";
  }
}

/** Opens a writer to the destination with id `destinationId` (the group's id). */
export async function openDestinationWriter(env: Env, destinationId: string): Promise<DestinationWriter> {
  const destination = await loadDestination(env, destinationId);
  if (!destination) throw new ConfigurationError(`Group '${destinationId}' has no destination`, "missing_destination");
  const definition = findDestination(destination.row.service);
  if (!definition?.writer) {
    throw new ConfigurationError(
      `Destination service '${destination.row.service}' cannot be written to yet`,
      "unsupported_destination",
    );
  }
  const parsed = definition.fields.parse(destination.config);
  return definition.writer.open(parsed, connectorContext(env));
}

/** The source definition that can read this connection, or a ConfigurationError. */
export function readableSource(service: string) {
  const definition = findSource(service);
  if (!definition?.reader)
    throw new ConfigurationError(`Source service '${service}' cannot be synced yet`, "unsupported_source");
  return definition as typeof definition & { reader: NonNullable<typeof definition.reader> };
}

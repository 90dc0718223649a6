/**
 * What the API checks before it stores a config that names a shared Worker binding (a D1
 * database or R2 bucket several accounts use, each under its own namespace): that the account
 * was granted the binding, and that two of its own connections will not write the same tables
 * through it. The engine checks the grant again whenever it opens the binding.
 */
import { catalog } from "../db/client";
import { sameSchemaElsewhere } from "../db/connections";
import { findDestination } from "../engine/destinations";
import type { ServiceDefinition } from "../engine/protocol";
import { BindingNotGrantedError, sharedBindingsNamed } from "../engine/toolkit/bindings";
import { grantedNamespaces } from "../engine/toolkit/context";
import type { Env } from "../env";
import { ApiError } from "../errors";

/** 400 InvalidInput when `config` names a shared binding the account was not granted. */
export async function requireGrantedBindings(
  env: Env,
  accountId: string,
  definition: Pick<ServiceDefinition, "service" | "bindings">,
  config: Record<string, unknown>,
): Promise<void> {
  try {
    await grantedNamespaces(env, accountId, definition, config);
  } catch (error) {
    if (error instanceof BindingNotGrantedError) throw ApiError.invalid(error.message);
    throw error;
  }
}

/** The shared bindings a destination's (plain, stored or validated) config names. */
function destinationBindings(env: Env, service: string | null, config: Record<string, unknown> | null): string[] {
  const definition = service ? findDestination(service) : undefined;
  if (!definition || !config) return [];
  return sharedBindingsNamed(env, definition, config);
}

/**
 * 400 InvalidInput when a connection of another group of the account has one of `schemas` and
 * its group's destination names one of the shared bindings `destination` names: both would
 * write `<namespace>__<schema>__<table>` in one database (the namespace is the account's).
 */
export async function requireUnsharedSchemas(
  env: Env,
  accountId: string,
  groupId: string,
  schemas: string[],
  destination: { service: string; config: Record<string, unknown> } | undefined,
): Promise<void> {
  const mine = new Set(destination ? destinationBindings(env, destination.service, destination.config) : []);
  if (mine.size === 0) return;
  for (const other of await sameSchemaElsewhere(catalog(env.DB), accountId, groupId, schemas)) {
    const shared = destinationBindings(env, other.destinationService, other.destinationConfig).find((name) =>
      mine.has(name),
    );
    if (shared) {
      throw ApiError.invalid(
        `Connection '${other.id}' of group '${other.groupId}' already writes schema '${other.schema}' through binding '${shared}'; both would write the same tables: choose another schema, or another binding for one of the groups`,
      );
    }
  }
}

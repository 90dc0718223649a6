/**
 * The one builder of a connector's context: the egress-guarded `fetch` and policy, a logger, a
 * clock, the abort signal, and only the Worker bindings the connector's definition names for
 * its config — each only when the account was granted it, under the account's namespace there.
 * The catalog database and the engine's own Durable Objects and queue are never handed out,
 * whatever a config names.
 */
import { otherNamespaces, resolveGrants } from "../../db/bindings";
import { approvedCertificates, type CertificateOwner } from "../../db/certificates";
import { catalog } from "../../db/client";
import type { Env } from "../../env";
import { logInfo, logWarning } from "../../lib/log";
import type { ConnectorContext, Logger, ServiceDefinition } from "../protocol";
import { BindingNotGrantedError, sharedBindingKind, sharedBindingsNamed } from "./bindings";
import { egressPolicy, guardedFetch } from "./egress";
import { namespacedBucket } from "./r2-namespace";

/** A connector's log lines: through src/lib/log.ts (redacted), tagged with the service. */
function logger(service: string): Logger {
  return {
    info: (message, fields) => logInfo(message, { connector: service, ...fields }),
    warn: (message, fields) => logWarning(message, { connector: service, ...fields }),
  };
}

type Definition = Pick<ServiceDefinition, "service" | "bindings">;

/**
 * The namespace `accountId` holds in each shared binding `config` names; throws
 * {@link BindingNotGrantedError} for the first one it was not granted. No catalog query when
 * the config names none.
 */
export async function grantedNamespaces(
  env: Env,
  accountId: string,
  definition: Definition,
  config: Record<string, unknown>,
): Promise<Map<string, string>> {
  const names = sharedBindingsNamed(env, definition, config);
  const held = await resolveGrants(catalog(env.DB), accountId, names);
  for (const name of names) if (!held.has(name)) throw new BindingNotGrantedError(name);
  return held;
}

/**
 * The context `definition` gets for `config` (validated config; the binding names it uses are
 * read from it) on behalf of `accountId`. R2 buckets come confined to the account's namespace
 * (toolkit/r2-namespace.ts); D1 databases come with their namespace in `ctx.namespaces`, which
 * the D1 destination puts in front of every table name. For a stored connection or destination
 * (`owner`), `egress.tls` carries the certificates it approved (toolkit/tls.ts).
 */
export async function connectorContext(
  env: Env,
  accountId: string,
  definition: Definition,
  config: Record<string, unknown>,
  signal?: AbortSignal,
  owner?: CertificateOwner,
): Promise<ConnectorContext> {
  const granted = await grantedNamespaces(env, accountId, definition, config);
  // The empty namespace's names must stay out of the other accounts' namespaces.
  const unprefixed = [...granted].filter(([, namespace]) => namespace === "").map(([name]) => name);
  const others = await otherNamespaces(catalog(env.DB), accountId, unprefixed);
  const bindings: Record<string, unknown> = {};
  const namespaces: Record<string, string> = {};
  const otherNamespacesOf: Record<string, readonly string[]> = {};
  for (const [name, namespace] of granted) {
    const binding = (env as unknown as Record<string, unknown>)[name];
    const foreign = others.get(name) ?? [];
    bindings[name] =
      sharedBindingKind(env, name) === "r2" ? namespacedBucket(binding as R2Bucket, namespace, foreign) : binding;
    namespaces[name] = namespace;
    if (foreign.length > 0) otherNamespacesOf[name] = foreign;
  }
  const egress = owner
    ? {
        ...egressPolicy(env),
        tls: { approved: await approvedCertificates(catalog(env.DB), accountId, owner), presented: [] },
      }
    : { ...egressPolicy(env), tls: { approved: [], presented: [] } };
  return {
    fetch: guardedFetch(egress, signal),
    log: logger(definition.service),
    signal,
    now: () => new Date(),
    bindings,
    namespaces,
    otherNamespaces: otherNamespacesOf,
    egress,
  };
}

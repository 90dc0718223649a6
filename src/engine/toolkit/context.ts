/**
 * The one builder of a connector's context: the egress-guarded `fetch` and policy, a logger, a clock, the abort signal, and
 * only the Worker bindings the connector's definition names for its config. The catalog
 * database and the engine's own Durable Objects and queue are never handed out, whatever a
 * config names.
 */
import type { Env } from "../../env";
import type { ConnectorContext, Logger, ServiceDefinition } from "../protocol";
import { egressPolicy, guardedFetch } from "./egress";

/** Bindings that belong to the engine itself: no connector config may reach them. */
const ENGINE_BINDINGS = new Set(["DB", "CONNECTOR", "SYNC", "DESTINATION", "SYNC_QUEUE"]);

function logger(service: string): Logger {
  const line = (level: "info" | "warn", message: string, fields?: Record<string, unknown>) =>
    console[level](JSON.stringify({ level, connector: service, message, ...fields }));
  return { info: (m, f) => line("info", m, f), warn: (m, f) => line("warn", m, f) };
}

/** The context `definition` gets for `config` (validated config; the binding names it uses are read from it). */
export function connectorContext(
  env: Env,
  definition: Pick<ServiceDefinition, "service" | "bindings">,
  config: Record<string, unknown>,
  signal?: AbortSignal,
): ConnectorContext {
  const bindings: Record<string, unknown> = {};
  for (const name of definition.bindings?.(config as never) ?? []) {
    if (!ENGINE_BINDINGS.has(name) && Object.hasOwn(env, name))
      bindings[name] = (env as unknown as Record<string, unknown>)[name];
  }
  const egress = egressPolicy(env);
  return {
    fetch: guardedFetch(egress, signal),
    log: logger(definition.service),
    signal,
    now: () => new Date(),
    bindings,
    egress,
  };
}

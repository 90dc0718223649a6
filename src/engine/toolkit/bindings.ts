/**
 * Shared Worker bindings: the D1 databases and R2 buckets of wrangler.toml that a connector's
 * config can name (WAREHOUSE, DATA_LAKE, …). One binding serves every account that was granted
 * it, each under its own namespace (db/bindings.ts keeps the grants).
 */
import { ConfigurationError } from "../errors";
import type { ServiceDefinition } from "../protocol";

/** Bindings that belong to the engine itself: no connector config may reach them. */
export const ENGINE_BINDINGS: ReadonlySet<string> = new Set(["DB", "CONNECTOR", "SYNC", "DESTINATION", "SYNC_QUEUE"]);

/**
 * A namespace: lowercase (SQLite folds the case of table names), digits and single inner `_`.
 * With no `__` inside and no `_` at either end, the namespace of `<namespace>__<schema>__<table>`
 * is everything before the first `__`, so two namespaces never produce the same table name.
 */
export const NAMESPACE_PATTERN = /^[a-z0-9]+(?:_[a-z0-9]+)*$/;

/** Longest namespace: it prefixes every table and object name. */
export const NAMESPACE_MAX_LENGTH = 63;

/** The namespace an account gets by default: its id, made a valid namespace. */
export function defaultNamespace(accountId: string): string {
  return accountId
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, NAMESPACE_MAX_LENGTH)
    .replace(/_+$/, "");
}

/**
 * Whether `value` is a D1 or an R2 binding, by the runtime's class names (workerd's
 * `D1Database`, `R2Bucket`) and their methods. Method checks alone would not do: a service
 * binding or RPC stub answers every property name with a function.
 */
export function bindingKind(value: unknown): "d1" | "r2" | undefined {
  if (!value || typeof value !== "object") return undefined;
  const v = value as Record<string, unknown>;
  const className = Object.getPrototypeOf(value)?.constructor?.name;
  if (className === "D1Database" && typeof v.prepare === "function" && typeof v.batch === "function") return "d1";
  if (className === "R2Bucket" && typeof v.put === "function" && typeof v.list === "function") return "r2";
  return undefined;
}

/** The kind of the shared binding `name` of this Worker; undefined when `name` is none. */
export function sharedBindingKind(env: object, name: string): "d1" | "r2" | undefined {
  if (ENGINE_BINDINGS.has(name) || !Object.hasOwn(env, name)) return undefined;
  return bindingKind((env as Record<string, unknown>)[name]);
}

/** The shared bindings a config names, each once (engine bindings and names this Worker lacks are none). */
export function sharedBindingsNamed(
  env: object,
  definition: Pick<ServiceDefinition, "bindings">,
  config: Record<string, unknown>,
): string[] {
  const names = definition.bindings?.(config as never) ?? [];
  return [...new Set(names)].filter((name) => sharedBindingKind(env, name) !== undefined);
}

/** A config names a binding its account was not granted (or whose grant was revoked). */
export class BindingNotGrantedError extends ConfigurationError {
  constructor(readonly binding: string) {
    super(
      `Binding '${binding}' is not granted to this account; an operator must grant it (PUT /operator/accounts/{account_id}/bindings/${binding})`,
      "binding_not_granted",
    );
  }
}

/**
 * Code components: what a manifest names by `class_name` (Airbyte's CustomRecordExtractor,
 * CustomPaginationStrategy, …) when no declarative component expresses a vendor's quirk. A
 * connector registers its implementation once, at module load, with {@link registerComponent};
 * a manifest naming an unregistered class (or one registered for another kind) fails
 * validation at that component's path.
 */
import type { HttpAuthHook, HttpClient } from "../toolkit/http-client";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Record_ = Record<string, unknown>;

/** What a response looks like to a component. */
export interface ComponentResponse {
  status: number;
  headers: Headers;
  url: string;
  /** The parsed JSON body (undefined for an empty body). */
  body: unknown;
}

/** What every code component is handed: the connection's config and its own `options`. */
export interface ComponentContext {
  config: Record<string, unknown>;
  options: Record<string, unknown>;
  parameters: Record<string, unknown>;
}

export interface CustomExtractor {
  kind: "extractor";
  /**
   * The records of one response. `stream_slice` is the same object for every page of one
   * slice (a WeakMap key for what an extractor must remember across a slice's pages, such as
   * which records a newest-first feed already gave).
   */
  extract(response: ComponentResponse, ctx: ComponentContext & { stream_slice: Record_ }): Record_[];
}

export interface CustomPaginationStrategy {
  kind: "pagination_strategy";
  /**
   * The next page's token from the last response, or undefined at the end. The token reaches
   * the request through the paginator's `page_token_option` (or `next_page_token` in templates).
   */
  next(response: ComponentResponse, records: Record_[], previous: unknown, ctx: ComponentContext): unknown | undefined;
  /** The token of the first request; undefined sends none. */
  initial?(ctx: ComponentContext): unknown | undefined;
  /** The page size to send through `page_size_option`. */
  pageSize?(ctx: ComponentContext): number | undefined;
}

export interface CustomTransformation {
  kind: "transformation";
  /** Changes a record in place or returns a new one. */
  transform(record: Record_, ctx: ComponentContext & { stream_slice: Record_ }): Record_ | undefined;
}

export interface CustomPartitionRouter {
  kind: "partition_router";
  /** The partitions (each becomes `stream_partition` in templates), read once per run. */
  partitions(ctx: ComponentContext & { http: HttpClient }): Promise<Record_[]>;
}

export interface CustomAuthenticator {
  kind: "authenticator";
  /** The credential hook for every request (may refresh once after a 401). */
  create(ctx: ComponentContext & { http: HttpClient }): HttpAuthHook;
}

export interface CustomBackoffStrategy {
  kind: "backoff_strategy";
  /**
   * Seconds to wait before retry `attempt` (1 for the first) of a request whose answer was
   * `response` (its status, headers and parsed body: a vendor that says in the body how long
   * to wait, such as Shopify's cost `throttleStatus`), or undefined after a network error.
   * Undefined defers to the next strategy (then to the server's `Retry-After` and the
   * jittered default), as Airbyte's `backoff_time` returning None does.
   */
  backoffTime(response: ComponentResponse | undefined, attempt: number, ctx: ComponentContext): number | undefined;
}

export type CodeComponent =
  | CustomBackoffStrategy
  | CustomExtractor
  | CustomPaginationStrategy
  | CustomTransformation
  | CustomPartitionRouter
  | CustomAuthenticator;

export type ComponentKind = CodeComponent["kind"];

const registry = new Map<string, CodeComponent>();

/**
 * Registers a code component under the `class_name` manifests use (e.g.
 * `source_stripe.components.EventsExtractor` or any name you choose). Registering a name again
 * replaces it (a module reloaded in tests).
 */
export function registerComponent(name: string, implementation: CodeComponent): void {
  if (!name.trim()) throw new TypeError("a component needs a name");
  registry.set(name, implementation);
}

/** The component registered as `name` for `kind`. */
export function lookupComponent<K extends ComponentKind>(
  name: string,
  kind: K,
): Extract<CodeComponent, { kind: K }> | undefined {
  const found = registry.get(name);
  return found?.kind === kind ? (found as Extract<CodeComponent, { kind: K }>) : undefined;
}

/** Why `name` cannot serve as a `kind` component, or undefined when it can. */
export function componentKind(name: string, kind: ComponentKind): string | undefined {
  const found = registry.get(name);
  if (!found) return `no code component is registered as '${name}' (registerComponent)`;
  if (found.kind !== kind) return `'${name}' is a ${found.kind} component, not a ${kind}`;
  return undefined;
}

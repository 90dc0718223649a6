import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./schema.js";

/** Options of {@link createFivetranClient}. */
export interface FivetranClientOptions {
  /** Root URL of the API, without `/v1`: `https://fivetran.example.workers.dev`, `http://127.0.0.1:8787`. */
  baseUrl: string;
  /** The API key (the user name of HTTP Basic). */
  apiKey: string;
  /** The API secret (the password of HTTP Basic). */
  apiSecret: string;
  /**
   * The `fetch` requests go through; `globalThis.fetch` by default. Inject a Worker's own
   * handler (`(request) => exports.default.fetch(request)`) or a service binding to skip the network.
   */
  fetch?: (request: Request) => Promise<Response>;
  /** Extra headers sent with every request; they override the defaults (`Authorization` too). */
  headers?: Record<string, string>;
}

/** A typed client of the REST API: `client.GET("/v1/groups/{groupId}", { params: { path: { groupId } } })`. */
export type FivetranClient = Client<paths>;

/**
 * The `Authorization` header value of HTTP Basic `api_key:api_secret`. Uses `btoa`, so it runs
 * unchanged in Workers, browsers and Node; keys and secrets are ASCII.
 */
export function basicAuthorization(apiKey: string, apiSecret: string): string {
  return `Basic ${btoa(`${apiKey}:${apiSecret}`)}`;
}

/**
 * Creates a typed client of the REST API on openapi-fetch: every path, parameter, body and
 * response is checked against the OpenAPI document. Calls resolve to `{ data, error, response }`:
 * `data` on 2xx, `error` (Fivetran's `{code, message}`) otherwise; they never throw on HTTP errors.
 */
export function createFivetranClient(options: FivetranClientOptions): FivetranClient {
  const { baseUrl, apiKey, apiSecret, fetch, headers } = options;
  return createClient<paths>({
    baseUrl: baseUrl.replace(/\/+$/, ""),
    // One argument only: openapi-fetch passes a second (`requestInitExt`) that a Worker's
    // `fetch(request, env, ctx)` handler would take for its `env`.
    fetch: fetch ? (request) => fetch(request) : undefined,
    headers: {
      Authorization: basicAuthorization(apiKey, apiSecret),
      Accept: "application/json;version=2",
      ...headers,
    },
  });
}

import { z } from "@hono/zod-openapi";
import { manifestReader } from "../../declarative/index";
import type { SourceDefinition } from "../../protocol";
import {
  apiAuthFields,
  apiAuthHeaders,
  apiErrorMessage,
  endpointUrl,
  normalizeApiAuth,
  refineApiAuth,
} from "../../toolkit/api-auth";
import { renameKeys, schemaName } from "../../toolkit/common";
import { probe, shorten } from "../../toolkit/http";
import { type RestEndpoint, restEndpoint, restManifest, restPagination } from "./manifest";

/** The path of an endpoint entry (a string, or an object with `path`). */
function pathOf(endpoint: RestEndpoint): string {
  return typeof endpoint === "string" ? endpoint : endpoint.path;
}

/**
 * Resolves an endpoint against the base URL, keeping the base's path (`/v1` + `users` →
 * `/v1/users`). Returns undefined for a URL on another origin: credentials meant for the
 * configured API must never be sent elsewhere.
 */
export function endpointFor(baseUrl: string, endpoint: string): URL | undefined {
  const base = new URL(`${baseUrl}/`);
  const url = /^https?:\/\//i.test(endpoint) ? new URL(endpoint) : new URL(endpoint.replace(/^\/+/, ""), base);
  return url.origin === base.origin ? url : undefined;
}

/**
 * A JSON REST API of the user's choosing (our own service; Fivetran's closest relatives
 * are its Connector SDK and function connectors). Our SDK's `{baseUrl, endpoints, auth}`
 * maps onto `base_url`, `endpoints` (paths under it, one table each) and the flat auth
 * fields of api-auth.ts.
 */
const fields = z
  .object({
    schema: schemaName,
    base_url: endpointUrl,
    /** Paths (one table each), or `{path, name, records_path, primary_key, params, pagination}`. */
    endpoints: z.array(restEndpoint).min(1),
    /** How every endpoint pages (an endpoint's own `pagination` wins); none by default. */
    pagination: restPagination.optional(),
    ...apiAuthFields,
  })
  .superRefine((config, ctx) => {
    refineApiAuth(config, config.base_url, "base_url", ctx);
    const names = new Set<string>();
    config.endpoints.forEach((endpoint, i) => {
      const name = typeof endpoint === "string" ? undefined : endpoint.name;
      if (name && names.has(name))
        ctx.addIssue({ code: "custom", path: ["endpoints", i, "name"], message: "duplicate name" });
      if (name) names.add(name);
      let url: URL | undefined;
      try {
        url = endpointFor(config.base_url, pathOf(endpoint));
      } catch {
        ctx.addIssue({ code: "custom", path: ["endpoints", i], message: "not a valid path or URL" });
        return;
      }
      if (!url)
        ctx.addIssue({ code: "custom", path: ["endpoints", i], message: "must be on the same origin as base_url" });
    });
  });

export type RestSourceConfig = z.infer<typeof fields>;

export const restSource: SourceDefinition<typeof fields> = {
  service: "rest",
  naming: "schema",
  info: {
    name: "REST API",
    type: "API",
    description: "JSON endpoints of any REST API, one table per endpoint",
    linkToDocs: "https://fivetran.com/docs/connector-sdk",
  },
  fields,
  normalize: (input) => normalizeApiAuth(renameKeys(input, { baseUrl: "base_url" })),
  async check(config, ctx) {
    const first = config.endpoints[0] ? pathOf(config.endpoints[0]) : "";
    const url = endpointFor(config.base_url, first) ?? new URL(config.base_url);
    const title = "Connecting to the API";
    const result = await probe(
      ctx,
      url,
      { headers: { Accept: "application/json", ...apiAuthHeaders(config) } },
      { title, vendor: url.host, errorMessage: apiErrorMessage, success: () => "" },
    );
    if (!result.ok || !result.response) return [result.test];
    const path = url.pathname + url.search;
    const type = result.response.headers.get("Content-Type") ?? "no content type";
    if (typeof result.body === "string" || result.body === undefined) {
      return [
        {
          title,
          status: "WARNING",
          message: `GET ${path} answered ${result.status} but not with JSON (${shorten(type, 80)}); records are read from JSON bodies`,
        },
      ];
    }
    const shape = Array.isArray(result.body) ? `an array of ${result.body.length}` : "an object";
    return [{ title, status: "PASSED", message: `GET ${path} answered ${result.status} with JSON (${shape})` }];
  },
  reader: manifestReader<RestSourceConfig>({
    manifest: (config) => restManifest(config),
    values: (config) => config,
    namespace: (config) => config.schema,
  }),
};

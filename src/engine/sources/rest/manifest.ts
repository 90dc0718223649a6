/**
 * The `rest` source's config compiled onto the declarative engine: one DeclarativeStream per
 * endpoint, the flat auth fields as an authenticator, and the pagination style as a paginator.
 * The manifest is built in code (an object), validated like any other, and cached per config.
 *
 * Endpoints are paths (`"users"`) or objects `{path, name?, records_path?, primary_key?,
 * params?, pagination?}`; `pagination` (top level, or per endpoint) is one of `none` (default),
 * `cursor` (a next cursor in the body sent as a query parameter), `next_url` (a next URL in the
 * body), `link_header` (`Link: rel="next"`), `offset` (offset/limit) and `page` (page numbers).
 * Columns are inferred from records (types only widen).
 */
import { z } from "zod";
import { type Manifest, parseManifest } from "../../declarative/index";
import { type ApiAuthConfig, manifestAuthenticator } from "../../toolkit/api-auth";

/** A dotted path into a JSON body (`data.items`); empty for the body itself. */
const dotted = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$|^$/, "a dotted path such as data.items");

export const restPagination = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("none") }),
  z.strictObject({
    type: z.literal("cursor"),
    /** Where the next cursor is in the body (`next_cursor`, `meta.next`); absent or null ends. */
    cursor_path: dotted.min(1),
    /** The query parameter it goes in. */
    param: z.string().trim().min(1).default("cursor"),
    page_size: z.number().int().positive().optional(),
    size_param: z.string().trim().min(1).default("limit"),
  }),
  z.strictObject({
    type: z.literal("next_url"),
    /** Where the next page's URL is in the body (`next`, `links.next`). */
    next_path: dotted.min(1),
  }),
  z.strictObject({ type: z.literal("link_header") }),
  z.strictObject({
    type: z.literal("offset"),
    limit: z.number().int().positive(),
    offset_param: z.string().trim().min(1).default("offset"),
    limit_param: z.string().trim().min(1).default("limit"),
  }),
  z.strictObject({
    type: z.literal("page"),
    size: z.number().int().positive().optional(),
    page_param: z.string().trim().min(1).default("page"),
    size_param: z.string().trim().min(1).default("per_page"),
    start: z.number().int().min(0).default(1),
  }),
]);
export type RestPagination = z.output<typeof restPagination>;

export const restEndpoint = z.union([
  z.string().trim().min(1).regex(/^\S+$/, "a path without spaces"),
  z.strictObject({
    path: z.string().trim().min(1).regex(/^\S+$/, "a path without spaces"),
    name: z
      .string()
      .trim()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "letters, digits and _ only")
      .optional(),
    /** Where the records are in the body (`data`, `result.items`); the body itself by default. */
    records_path: dotted.optional(),
    primary_key: z.union([z.string().trim().min(1), z.array(z.string().trim().min(1)).min(1)]).optional(),
    /** Query parameters sent with every request of the endpoint. */
    params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    pagination: restPagination.optional(),
  }),
]);
export type RestEndpoint = z.output<typeof restEndpoint>;

export interface RestManifestConfig extends ApiAuthConfig {
  base_url: string;
  endpoints: RestEndpoint[];
  pagination?: RestPagination;
}

/** The table name of an endpoint: its `name`, else its path's last segment, made an identifier. */
export function endpointName(endpoint: RestEndpoint, index: number): string {
  if (typeof endpoint !== "string" && endpoint.name) return endpoint.name;
  const path = typeof endpoint === "string" ? endpoint : endpoint.path;
  const segment =
    path
      .replace(/^https?:\/\/[^/]+/i, "")
      .split("?")[0]
      ?.split("/")
      .filter(Boolean)
      .at(-1) ?? "";
  const name = segment.replace(/[^A-Za-z0-9_]/g, "_").replace(/^(\d)/, "_$1");
  return name || `endpoint_${index + 1}`;
}

/** Names of every endpoint, made unique (`users`, `users_2`). */
export function endpointNames(endpoints: RestEndpoint[]): string[] {
  const seen = new Map<string, number>();
  return endpoints.map((endpoint, i) => {
    const name = endpointName(endpoint, i);
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name}_${count}`;
  });
}

/** A Jinja expression reading a dotted path of the response (`response['a']['b']`). */
function responsePath(path: string): string {
  return `response${path
    .split(".")
    .map((part) => `[${JSON.stringify(part)}]`)
    .join("")}`;
}

function paginator(pagination: RestPagination | undefined): Record<string, unknown> | undefined {
  if (!pagination || pagination.type === "none") return undefined;
  const option = (field: string) => ({ type: "RequestOption", inject_into: "request_parameter", field_name: field });
  switch (pagination.type) {
    case "cursor":
      return {
        type: "DefaultPaginator",
        page_token_option: option(pagination.param),
        ...(pagination.page_size !== undefined ? { page_size_option: option(pagination.size_param) } : {}),
        pagination_strategy: {
          type: "CursorPagination",
          cursor_value: `{{ ${responsePath(pagination.cursor_path)} }}`,
          ...(pagination.page_size !== undefined ? { page_size: pagination.page_size } : {}),
        },
      };
    case "next_url":
      return {
        type: "DefaultPaginator",
        page_token_option: { type: "RequestPath" },
        pagination_strategy: { type: "CursorPagination", cursor_value: `{{ ${responsePath(pagination.next_path)} }}` },
      };
    case "link_header":
      return {
        type: "DefaultPaginator",
        page_token_option: { type: "RequestPath" },
        pagination_strategy: {
          type: "CursorPagination",
          cursor_value: "{{ headers.get('link', {}).get('next', {}).get('url') }}",
        },
      };
    case "offset":
      return {
        type: "DefaultPaginator",
        page_size_option: option(pagination.limit_param),
        page_token_option: option(pagination.offset_param),
        pagination_strategy: { type: "OffsetIncrement", page_size: pagination.limit, inject_on_first_request: true },
      };
    case "page":
      return {
        type: "DefaultPaginator",
        page_token_option: option(pagination.page_param),
        ...(pagination.size !== undefined ? { page_size_option: option(pagination.size_param) } : {}),
        pagination_strategy: {
          type: "PageIncrement",
          start_from_page: pagination.start,
          inject_on_first_request: true,
          ...(pagination.size !== undefined ? { page_size: pagination.size } : {}),
        },
      };
  }
}

/** The manifest object of a rest config. */
export function restManifestObject(config: RestManifestConfig): Record<string, unknown> {
  const names = endpointNames(config.endpoints);
  const base = `${config.base_url.replace(/\/+$/, "")}/`;
  const streams = config.endpoints.map((endpoint, i) => {
    const e = typeof endpoint === "string" ? { path: endpoint } : endpoint;
    const path = /^https?:\/\//i.test(e.path) ? e.path : e.path.replace(/^\/+/, "");
    const pagination = ("pagination" in e ? e.pagination : undefined) ?? config.pagination;
    const records = "records_path" in e && e.records_path ? e.records_path.split(".") : [];
    const pk = "primary_key" in e ? e.primary_key : undefined;
    const next = paginator(pagination);
    return {
      type: "DeclarativeStream",
      name: names[i],
      ...(pk !== undefined ? { primary_key: pk } : {}),
      retriever: {
        type: "SimpleRetriever",
        requester: {
          type: "HttpRequester",
          url_base: base,
          // A literal path: braces in it are not templates.
          path: path.replace(/\{/g, "{{ '{' }}"),
          http_method: "GET",
          authenticator: manifestAuthenticator(config),
          ...("params" in e && e.params
            ? { request_parameters: Object.fromEntries(Object.entries(e.params).map(([k, v]) => [k, String(v)])) }
            : {}),
        },
        record_selector: { type: "RecordSelector", extractor: { type: "DpathExtractor", field_path: records } },
        ...(next ? { paginator: next } : {}),
      },
    };
  });
  return {
    version: "6.0.0",
    type: "DeclarativeSource",
    check: { type: "CheckStream", stream_names: [names[0]] },
    streams,
  };
}

const cache = new WeakMap<object, Manifest>();

/** The validated manifest of a rest config (cached per config object). */
export function restManifest(config: RestManifestConfig): Manifest {
  const hit = cache.get(config);
  if (hit) return hit;
  const result = parseManifest(restManifestObject(config));
  if (!result.ok) throw new Error(`the rest config compiled to an invalid manifest: ${result.errors.join("; ")}`);
  cache.set(config, result.manifest);
  return result.manifest;
}

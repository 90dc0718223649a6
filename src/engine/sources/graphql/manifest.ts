/**
 * The `graphql` source's config compiled onto the declarative engine: one DeclarativeStream
 * per query, POSTed as `{query, variables}` to the endpoint; GraphQL `errors` in a 200 answer
 * fail the read (a DefaultErrorHandler filter); Relay cursor pagination when a query names its
 * `pageInfo` (`endCursor` sent as the `$after` variable — or the one named — until
 * `hasNextPage` is false). Records are at `records_path` under `data` (`users.nodes`), or
 * found by the `graphql.AutoExtractor` code component: the single field under `data` — a list,
 * a connection's `nodes` or `edges[].node`, or one object.
 */
import { z } from "zod";
import { type Manifest, parseManifest, registerComponent } from "../../declarative/index";
import { type ApiAuthConfig, manifestAuthenticator } from "../../toolkit/api-auth";

const dotted = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/, "a dotted path such as users.nodes");

export const graphqlPagination = z.strictObject({
  type: z.literal("cursor"),
  /** Where the connection's pageInfo is under `data` (`users.pageInfo`). */
  page_info_path: dotted,
  /** The query variable that takes the cursor (`after`). */
  cursor_variable: z
    .string()
    .trim()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
    .default("after"),
});

export interface GraphqlQueryConfig {
  name: string;
  query: string;
  records_path?: string;
  primary_key?: string | string[];
  variables?: Record<string, unknown>;
  pagination?: z.output<typeof graphqlPagination>;
}

export interface GraphqlManifestConfig extends ApiAuthConfig {
  endpoint: string;
  queries: GraphqlQueryConfig[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The records of `data`'s single field: a list, a connection's nodes/edges, or one object. */
export function autoRecords(body: unknown): Record<string, unknown>[] {
  const data = isObject(body) ? body.data : undefined;
  if (!isObject(data)) return [];
  const fields = Object.values(data);
  if (fields.length !== 1) {
    throw new Error(`the answer's data has ${fields.length} fields; set records_path to say where the records are`);
  }
  const value = fields[0];
  const list = (v: unknown) => (Array.isArray(v) ? v.filter(isObject) : []);
  if (Array.isArray(value)) return list(value);
  if (!isObject(value)) return [];
  if (Array.isArray(value.nodes)) return list(value.nodes);
  if (Array.isArray(value.edges)) return list(value.edges.map((e) => (isObject(e) ? e.node : undefined)));
  return [value];
}

registerComponent("graphql.AutoExtractor", { kind: "extractor", extract: (response) => autoRecords(response.body) });

const path = (parts: string[]) => parts.map((part) => `[${JSON.stringify(part)}]`).join("");

/** Text that must not be read as a template (a query with `{{`) made literal. */
function literal(text: string): string {
  return text.includes("{{") || text.includes("{%") ? text.replace(/\{/g, "{{ '{' }}") : text;
}

/** The manifest object of a graphql config. */
export function graphqlManifestObject(config: GraphqlManifestConfig): Record<string, unknown> {
  const streams = config.queries.map((q) => {
    const variables: Record<string, unknown> = { ...(q.variables ?? {}) };
    let paginator: Record<string, unknown> | undefined;
    if (q.pagination) {
      const info = `response["data"]${path(q.pagination.page_info_path.split("."))}`;
      variables[q.pagination.cursor_variable] = "{{ next_page_token.get('next_page_token') }}";
      paginator = {
        type: "DefaultPaginator",
        pagination_strategy: {
          type: "CursorPagination",
          cursor_value: `{{ ${info}["endCursor"] }}`,
          stop_condition: `{{ not ${info}["hasNextPage"] }}`,
        },
      };
    }
    return {
      type: "DeclarativeStream",
      name: q.name,
      ...(q.primary_key !== undefined ? { primary_key: q.primary_key } : {}),
      retriever: {
        type: "SimpleRetriever",
        requester: {
          type: "HttpRequester",
          url_base: config.endpoint,
          http_method: "POST",
          authenticator: manifestAuthenticator(config),
          request_body_json: { query: literal(q.query), variables },
          error_handler: {
            type: "DefaultErrorHandler",
            response_filters: [
              {
                type: "HttpResponseFilter",
                http_codes: [200],
                predicate: "{{ response.get('errors') }}",
                action: "FAIL",
                error_message: "GraphQL errors: {{ response['errors'] | map(attribute='message') | join('; ') }}",
              },
            ],
          },
        },
        record_selector: {
          type: "RecordSelector",
          extractor: q.records_path
            ? { type: "DpathExtractor", field_path: ["data", ...q.records_path.split(".")] }
            : { type: "CustomRecordExtractor", class_name: "graphql.AutoExtractor" },
        },
        ...(paginator ? { paginator } : {}),
      },
    };
  });
  return {
    version: "6.0.0",
    type: "DeclarativeSource",
    check: { type: "CheckStream", stream_names: [config.queries[0]?.name ?? ""] },
    streams,
  };
}

const cache = new WeakMap<object, Manifest>();

export function graphqlManifest(config: GraphqlManifestConfig): Manifest {
  const hit = cache.get(config);
  if (hit) return hit;
  const result = parseManifest(graphqlManifestObject(config));
  if (!result.ok) throw new Error(`the graphql config compiled to an invalid manifest: ${result.errors.join("; ")}`);
  cache.set(config, result.manifest);
  return result.manifest;
}

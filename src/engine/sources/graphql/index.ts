import { z } from "@hono/zod-openapi";
import { manifestReader } from "../../declarative/index";
import { InvalidInputError } from "../../errors";
import type { SourceDefinition } from "../../protocol";
import {
  apiAuthFields,
  apiAuthHeaders,
  apiErrorMessage,
  endpointUrl,
  normalizeApiAuth,
  refineApiAuth,
} from "../../toolkit/api-auth";
import { isRecord, renameKeys, schemaName } from "../../toolkit/common";
import { pick, pickString, probe, shorten } from "../../toolkit/http";
import { graphqlManifest, graphqlPagination } from "./manifest";

/** Braces outside strings and comments balance, and there is a selection set. */
function wellFormed(query: string): boolean {
  let depth = 0;
  let seen = false;
  const stripped = query.replace(/"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"|#[^\n]*/g, "");
  for (const char of stripped) {
    if (char === "{") {
      depth += 1;
      seen = true;
    } else if (char === "}") {
      depth -= 1;
      if (depth < 0) return false;
    }
  }
  return seen && depth === 0;
}

/** The operation name of `query Name(...) {…}`, if any. */
function operationName(query: string): string | undefined {
  return /^\s*query\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(query)?.[1];
}

const queryEntry = z.object({
  /** The table the query's results land in. */
  name: z
    .string()
    .trim()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "letters, digits and _ only"),
  query: z
    .string()
    .trim()
    .min(1)
    .refine(wellFormed, "not a GraphQL query: braces must balance around a selection set")
    .refine(
      (q) => !/^\s*(mutation|subscription)\b/.test(q),
      "only queries can be synced, not mutations or subscriptions",
    ),
  /** Where the records are under `data` (`users.nodes`); the single field's list by default. */
  records_path: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/, "a dotted path such as users.nodes")
    .optional(),
  primary_key: z.union([z.string().trim().min(1), z.array(z.string().trim().min(1)).min(1)]).optional(),
  /** Variables sent with every request of the query. */
  variables: z.record(z.string(), z.unknown()).optional(),
  /** Relay cursor pagination: `{type: 'cursor', page_info_path: 'users.pageInfo', cursor_variable: 'after'}`. */
  pagination: graphqlPagination.optional(),
});

/**
 * Maps the SDK's `queries` — an array of query strings, a `{name: query}` record, or
 * `{name, query}` objects — onto `[{name, query}]`. Unnamed queries take their operation
 * name, else `query_<n>`.
 */
function normalizeQueries(value: unknown): unknown {
  if (isRecord(value)) return Object.entries(value).map(([name, query]) => ({ name, query }));
  if (!Array.isArray(value)) return value;
  return value.map((entry, i) => {
    if (typeof entry === "string") return { name: operationName(entry) ?? `query_${i + 1}`, query: entry };
    return entry;
  });
}

/**
 * A GraphQL API of the user's choosing (our own service). Our SDK's `{endpoint, queries,
 * auth}` maps onto `endpoint`, `queries` (one table each) and the flat auth fields.
 */
const fields = z
  .object({
    schema: schemaName,
    endpoint: endpointUrl,
    queries: z.array(queryEntry).min(1),
    ...apiAuthFields,
  })
  .superRefine((config, ctx) => {
    refineApiAuth(config, config.endpoint, "endpoint", ctx);
    const names = new Set<string>();
    config.queries.forEach((entry, i) => {
      const variable = entry.pagination?.cursor_variable;
      if (variable && !new RegExp(`\\$${variable}\\b`).test(entry.query)) {
        ctx.addIssue({
          code: "custom",
          path: ["queries", i, "pagination", "cursor_variable"],
          message: `the query must declare $${variable} (e.g. query($${variable}: String) { … })`,
        });
      }
      if (names.has(entry.name))
        ctx.addIssue({ code: "custom", path: ["queries", i, "name"], message: "duplicate name" });
      names.add(entry.name);
    });
  });

export type GraphqlSourceConfig = z.infer<typeof fields>;

export const graphqlSource: SourceDefinition<typeof fields> = {
  service: "graphql",
  naming: "schema",
  info: {
    name: "GraphQL API",
    type: "API",
    description: "Results of GraphQL queries against any GraphQL endpoint, one table per query",
    linkToDocs: "https://fivetran.com/docs/connector-sdk",
  },
  fields,
  normalize(input) {
    const out = normalizeApiAuth(renameKeys(input, { url: "endpoint" }));
    if (out.queries !== undefined) out.queries = normalizeQueries(out.queries);
    if (Array.isArray(out.queries) && out.queries.some((q) => !isRecord(q))) {
      throw new InvalidInputError(
        "Invalid value for field 'config.queries': expected query strings or {name, query} objects",
      );
    }
    return out;
  },
  async check(config, ctx) {
    const title = "Connecting to the GraphQL endpoint";
    const host = new URL(config.endpoint).host;
    // `{ __typename }` is valid against every schema and needs no introspection, which
    // many production servers disable.
    const result = await probe(
      ctx,
      config.endpoint,
      {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json", ...apiAuthHeaders(config) },
        body: JSON.stringify({ query: "{ __typename }" }),
      },
      { title, vendor: host, errorMessage: apiErrorMessage, success: () => "" },
    );
    if (!result.ok) return [result.test];
    const errors = pick(result.body, "errors");
    if (Array.isArray(errors) && errors.length > 0) {
      return [
        {
          title,
          status: "FAILED",
          message: `${host} answered with GraphQL errors: ${shorten(errors.map((e) => pickString(e, "message") ?? "unknown error").join("; "))}`,
        },
      ];
    }
    const typename = pickString(result.body, "data", "__typename");
    if (!typename) {
      return [
        {
          title,
          status: "FAILED",
          message: `${host} did not answer like a GraphQL endpoint: expected {"data": {"__typename": …}}`,
        },
      ];
    }
    return [{ title, status: "PASSED", message: `${host} answered { __typename } with ${typename}` }];
  },
  reader: manifestReader<GraphqlSourceConfig>({
    manifest: (config) => graphqlManifest(config),
    values: (config) => config,
    namespace: (config) => config.schema,
  }),
};

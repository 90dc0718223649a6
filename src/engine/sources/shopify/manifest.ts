/**
 * Shopify as an Airbyte-format declarative manifest, after the GraphQL Admin API's documented
 * contract (shopify.dev/docs/api/admin-graphql, /docs/api/usage/pagination-graphql,
 * /docs/api/usage/search-syntax, /docs/api/usage/limits):
 *
 * - `POST https://{shop}.myshopify.com/admin/api/{version}/graphql.json` with `{query,
 *   variables}` and the Admin API token in `X-Shopify-Access-Token`.
 * - Streams `orders`, `customers` and `products`, in Fivetran's snake_case column names (GraphQL
 *   aliases: `created_at: createdAt`; `id` is the numeric `legacyResourceId` Fivetran's tables
 *   key on, `admin_graphql_api_id` the GID). Money fields are flattened to the shop currency's
 *   amount (`total_price`).
 * - Cursor pagination: `first: 100`, `after: pageInfo.endCursor` until `hasNextPage` is false.
 * - Incremental by `updated_at`: `query: "updated_at:>='…' AND updated_at:<='…'"` with
 *   `sortKey: UPDATED_AT`, in yearly windows on the first sync (a checkpoint after each), then
 *   one window from the last cursor less a 5-minute lookback (Shopify's search index trails
 *   writes by seconds). Shopify's DateTime has second precision, as the windows do.
 * - Deletes: products deleted at the source come from `deletionEvents(subjectTypes: PRODUCT)`
 *   (a second partition of the products stream, filtered by `occurred_at`), marked `$deleted`.
 *   Shopify exposes no deletion events for orders or customers.
 * - Cost-based throttling: a query the bucket cannot hold is answered HTTP 200 with
 *   `errors[].extensions.code: THROTTLED` and `extensions.cost.throttleStatus`. The error
 *   handler treats it as rate limited and the code component `fivetran.shopify.CostBackoff`
 *   waits exactly as long as the bucket needs to refill: (requested − currently available) /
 *   restoreRate seconds. Slices run one at a time (concurrency 1): there is one bucket per
 *   app and store, so a second reader in parallel would only drain it for the first. The
 *   shop-wide 429 answers wait their `Retry-After`; other GraphQL errors (ACCESS_DENIED for a
 *   missing scope, MAX_COST_EXCEEDED) fail the stream with Shopify's message.
 */
import { DELETED, loadManifest, type Manifest, registerComponent } from "../../declarative/index";

type Json = Record<string, unknown>;

/** The Admin API version of the read paths (shopify/index.ts re-exports it). */
export const SHOPIFY_GRAPHQL_VERSION = "2025-01";

export const SHOPIFY_STREAMS = ["orders", "customers", "products"] as const;
export type ShopifyStream = (typeof SHOPIFY_STREAMS)[number];

const COST_BACKOFF = "fivetran.shopify.CostBackoff";

/**
 * The wait a throttled answer's `extensions.cost` implies. Undefined when the body says
 * nothing about the bucket (a 429 or a 5xx): the next strategy (Retry-After) decides.
 */
export function costWaitSeconds(body: unknown): number | undefined {
  const cost = (body as { extensions?: { cost?: Json } } | undefined)?.extensions?.cost;
  const status = cost?.throttleStatus as
    | { maximumAvailable?: unknown; currentlyAvailable?: unknown; restoreRate?: unknown }
    | undefined;
  const requested = Number(cost?.requestedQueryCost);
  const available = Number(status?.currentlyAvailable);
  const rate = Number(status?.restoreRate);
  if (!Number.isFinite(requested) || !Number.isFinite(available) || !(rate > 0)) return undefined;
  // currentlyAvailable is rounded down by Shopify: the wait errs on the late side.
  return Math.max(0, (Math.min(requested, Number(status?.maximumAvailable ?? requested)) - available) / rate);
}

registerComponent(COST_BACKOFF, {
  kind: "backoff_strategy",
  backoffTime: (response) => (response ? costWaitSeconds(response.body) : undefined),
});

type Kind = "string" | "integer" | "number" | "boolean" | "array" | "object" | "date-time";

function schema(fields: Record<string, Kind>): Json {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    type: "object",
    properties: Object.fromEntries(
      Object.entries(fields).map(([name, kind]) => {
        const type = kind === "date-time" ? "string" : kind;
        return [
          name,
          {
            type: name === "id" ? type : ["null", type],
            ...(kind === "date-time" ? { format: "date-time" } : {}),
          },
        ];
      }),
    ),
  };
}

/** Each stream's columns (Fivetran's names) and the GraphQL selection that yields them. */
export const SHOPIFY_SCHEMAS: Record<ShopifyStream, Json> = {
  orders: schema({
    id: "integer",
    admin_graphql_api_id: "string",
    name: "string",
    email: "string",
    created_at: "date-time",
    updated_at: "date-time",
    processed_at: "date-time",
    cancelled_at: "date-time",
    closed_at: "date-time",
    financial_status: "string",
    fulfillment_status: "string",
    currency: "string",
    total_price: "number",
    subtotal_price: "number",
    customer_id: "integer",
    tags: "array",
    note: "string",
    test: "boolean",
  }),
  customers: schema({
    id: "integer",
    admin_graphql_api_id: "string",
    first_name: "string",
    last_name: "string",
    email: "string",
    phone: "string",
    state: "string",
    note: "string",
    tags: "array",
    verified_email: "boolean",
    orders_count: "integer",
    total_spent: "number",
    currency: "string",
    created_at: "date-time",
    updated_at: "date-time",
  }),
  products: schema({
    id: "integer",
    admin_graphql_api_id: "string",
    title: "string",
    handle: "string",
    status: "string",
    vendor: "string",
    product_type: "string",
    tags: "array",
    total_inventory: "integer",
    body_html: "string",
    created_at: "date-time",
    updated_at: "date-time",
    published_at: "date-time",
  }),
};

const SELECTIONS: Record<ShopifyStream, string> = {
  orders: `id: legacyResourceId admin_graphql_api_id: id name email created_at: createdAt updated_at: updatedAt
      processed_at: processedAt cancelled_at: cancelledAt closed_at: closedAt
      financial_status: displayFinancialStatus fulfillment_status: displayFulfillmentStatus currency: currencyCode
      totalPriceSet { shopMoney { amount } } subtotalPriceSet { shopMoney { amount } }
      customer { id: legacyResourceId } tags note test`,
  customers: `id: legacyResourceId admin_graphql_api_id: id first_name: firstName last_name: lastName email phone
      state note tags verified_email: verifiedEmail orders_count: numberOfOrders
      amountSpent { amount currencyCode } created_at: createdAt updated_at: updatedAt`,
  products: `id: legacyResourceId admin_graphql_api_id: id title handle status vendor product_type: productType
      tags total_inventory: totalInventory body_html: descriptionHtml created_at: createdAt
      updated_at: updatedAt published_at: publishedAt`,
};

/** Flattened fields: the shop-currency amount of a MoneyBag, a nested object's id. */
const FLATTEN: Record<ShopifyStream, [string, string][]> = {
  orders: [
    ["total_price", "record.totalPriceSet.shopMoney.amount if record.totalPriceSet else None"],
    ["subtotal_price", "record.subtotalPriceSet.shopMoney.amount if record.subtotalPriceSet else None"],
    ["customer_id", "record.customer.id if record.customer else None"],
  ],
  customers: [
    ["total_spent", "record.amountSpent.amount if record.amountSpent else None"],
    ["currency", "record.amountSpent.currencyCode if record.amountSpent else None"],
  ],
  products: [],
};

const PAGE = 100;

/** The query of a stream's page; the root field is aliased `records` so one extractor fits all. */
function query(stream: ShopifyStream): string {
  const selection = SELECTIONS[stream];
  const records = `records: ${stream}(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    nodes { ${selection} }
    pageInfo { hasNextPage endCursor }
  }`;
  if (stream !== "products") return `query ($first: Int!, $after: String, $query: String) { ${records} }`;
  // The deletions partition of products asks for PRODUCT deletion events instead.
  const deletions = `records: deletionEvents(first: $first, after: $after, query: $query, subjectTypes: [PRODUCT], sortKey: CREATED_AT) {
    nodes { subject_id: subjectId occurred_at: occurredAt }
    pageInfo { hasNextPage endCursor }
  }`;
  return `{% if stream_partition.kind == 'deletions' %}query ($first: Int!, $after: String, $query: String) { ${deletions} }{% else %}query ($first: Int!, $after: String, $query: String) { ${records} }{% endif %}`;
}

function stream(name: ShopifyStream): Json {
  const field =
    name === "products"
      ? "{{ 'occurred_at' if stream_partition.kind == 'deletions' else 'updated_at' }}"
      : "updated_at";
  const transformations: Json[] = [];
  if (FLATTEN[name].length) {
    transformations.push({
      type: "AddFields",
      fields: FLATTEN[name].map(([path, value]) => ({
        type: "AddedFieldDefinition",
        path: [path],
        value: `{{ ${value} }}`,
      })),
    });
  }
  if (name === "products") {
    transformations.push({
      type: "AddFields",
      condition: "{{ record.subject_id is defined }}",
      fields: [
        { type: "AddedFieldDefinition", path: ["id"], value: "{{ record.subject_id.split('/') | last }}" },
        { type: "AddedFieldDefinition", path: ["admin_graphql_api_id"], value: "{{ record.subject_id }}" },
        { type: "AddedFieldDefinition", path: [DELETED], value: "{{ true }}", value_type: "boolean" },
      ],
    });
  }
  return {
    type: "DeclarativeStream",
    name,
    primary_key: "id",
    schema_loader: { type: "InlineSchemaLoader", schema: SHOPIFY_SCHEMAS[name] },
    incremental_sync: {
      type: "DatetimeBasedCursor",
      cursor_field: "updated_at",
      datetime_format: "%Y-%m-%dT%H:%M:%SZ",
      start_datetime: "{{ config.start_date }}",
      lookback_window: "PT5M",
      step: "P1Y",
      cursor_granularity: "PT1S",
    },
    retriever: {
      type: "SimpleRetriever",
      requester: {
        $ref: "#/definitions/requester",
        request_body_json: {
          query: query(name),
          variables: {
            first: PAGE,
            after: "{{ next_page_token.get('next_page_token') }}",
            query: `${field}:>='{{ stream_interval.start_time }}' AND ${field}:<='{{ stream_interval.end_time }}'`,
          },
        },
      },
      record_selector: {
        type: "RecordSelector",
        extractor: { type: "DpathExtractor", field_path: ["data", "records", "nodes"] },
      },
      paginator: { $ref: "#/definitions/paginator" },
      ...(name === "products"
        ? {
            partition_router: {
              type: "ListPartitionRouter",
              cursor_field: "kind",
              values: ["products", "deletions"],
            },
          }
        : {}),
    },
    ...(transformations.length ? { transformations } : {}),
  };
}

const built = new Map<string, Manifest>();

/** The manifest of the streams a connection syncs (validated once per set). */
export function shopifyManifest(streams: readonly ShopifyStream[] = SHOPIFY_STREAMS): Manifest {
  const key = streams.join(",");
  let manifest = built.get(key);
  if (!manifest) {
    manifest = build(streams);
    built.set(key, manifest);
  }
  return manifest;
}

function build(streams: readonly ShopifyStream[]): Manifest {
  return loadManifest({
    version: "6.44.0",
    type: "DeclarativeSource",
    description: "Shopify (fivetran.do): GraphQL Admin API, incremental by updated_at, cost-based throttling",
    concurrency_level: { type: "ConcurrencyLevel", default_concurrency: 1, max_concurrency: 1 },
    definitions: {
      requester: {
        type: "HttpRequester",
        url_base: `https://{{ config.shop }}.myshopify.com/admin/api/${SHOPIFY_GRAPHQL_VERSION}`,
        path: "graphql.json",
        http_method: "POST",
        authenticator: {
          type: "ApiKeyAuthenticator",
          api_token: "{{ config.api_access_token }}",
          inject_into: { type: "RequestOption", inject_into: "header", field_name: "X-Shopify-Access-Token" },
        },
        error_handler: {
          type: "DefaultErrorHandler",
          max_retries: 10,
          backoff_strategies: [
            { type: "WaitTimeFromHeader", header: "Retry-After", max_waiting_time_in_seconds: 60 },
            { type: "CustomBackoffStrategy", class_name: COST_BACKOFF },
          ],
          response_filters: [
            {
              type: "HttpResponseFilter",
              http_codes: [200],
              predicate:
                "{{ response.errors[0].extensions.code == 'THROTTLED' if response.errors and response.errors[0].extensions else false }}",
              action: "RATE_LIMITED",
              error_message: "Shopify throttled the query (cost bucket empty)",
            },
            {
              type: "HttpResponseFilter",
              http_codes: [200],
              predicate: "{{ response.errors }}",
              action: "FAIL",
              error_message: "GraphQL errors: {{ response.errors | map(attribute='message') | join('; ') }}",
            },
            { type: "HttpResponseFilter", http_codes: [429], action: "RATE_LIMITED" },
          ],
        },
      },
      paginator: {
        type: "DefaultPaginator",
        pagination_strategy: {
          type: "CursorPagination",
          cursor_value: "{{ response.data.records.pageInfo.endCursor }}",
          stop_condition: "{{ not response.data.records.pageInfo.hasNextPage }}",
        },
      },
    },
    streams: streams.map(stream),
    check: { type: "CheckStream", stream_names: [streams[0] ?? "orders"] },
  });
}

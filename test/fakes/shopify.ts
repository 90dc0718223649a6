/**
 * A fake of Shopify's Admin API (`{shop}.myshopify.com/admin/...`) after its documented
 * contract (shopify.dev/docs/api/admin-graphql, /api/usage/pagination-graphql,
 * /api/usage/search-syntax, /apps/build/apis/graphql-admin/rate-limits):
 *
 * - The token in `X-Shopify-Access-Token`; errors `{errors: …}`: 401 `[API] Invalid API key or
 *   access token …`, 404 for an unknown shop. REST `shop.json` and `oauth/access_scopes.json`
 *   for the setup tests.
 * - `POST /admin/api/{version}/graphql.json` `{query, variables}`, executed by graphql-js over a
 *   schema that is a faithful subset of the Admin API's: `orders`, `customers`, `products` and
 *   `deletionEvents` connections (`first` ≤ 250 / `after`, `edges { cursor node }`, `nodes`,
 *   `pageInfo { hasNextPage endCursor }`), `sortKey` (UPDATED_AT, CREATED_AT, ID) and `query`
 *   in Shopify's search syntax (`updated_at:>='2024-01-01T00:00:00Z'`, `created_at:<…`, ANDed;
 *   a filter on an unknown field is ignored with a warning in `extensions.search`, as Shopify
 *   does). Without `read_all_orders`, orders older than 60 days are not visible. A field the
 *   token's scopes do not cover is an `ACCESS_DENIED` error.
 * - Cost-based throttling: every query's `requestedQueryCost` (connections 2 + first × node
 *   cost, objects 1, scalars 0) must fit the bucket (`maximumAvailable`, refilled at
 *   `restoreRate` points a second); otherwise HTTP 200 with `errors: [{message: "Throttled",
 *   extensions: {code: "THROTTLED"}}]`; over 1,000 points a query is refused (MAX_COST_EXCEEDED).
 *   Every answer has `extensions.cost` with `actualQueryCost` and `throttleStatus`. A client
 *   that comes back before the bucket could hold its query counts in `faults.early`.
 * - Storms (`faults.storm`) answer HTTP 429 with `Retry-After`, as Shopify's shop-wide limiter does.
 */
import {
  buildSchema,
  type DocumentNode,
  execute,
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  parse,
  type SelectionSetNode,
  validate,
} from "graphql";
import { FakeRouter, json } from "./fake-router";
import { Faults } from "./faults";

export interface ShopifyShop {
  name: string;
  plan_name?: string;
  /** Admin API tokens of this shop and their scopes. */
  tokens: Record<string, string[]>;
}

export interface ShopifyFakeOptions {
  /** Shops by myshopify.com name (`acme` for acme.myshopify.com). */
  shops: Record<string, ShopifyShop>;
  /** The fake's clock (ms); Date.now by default. */
  now?: () => number;
  /** The cost bucket: Shopify's standard plan restores 100 points a second into 2,000. */
  bucket?: { maximumAvailable: number; restoreRate: number };
}

const SDL = /* GraphQL */ `
  scalar DateTime
  scalar Decimal
  scalar UnsignedInt64
  scalar URL

  interface Node { id: ID! }

  type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
  type MoneyV2 { amount: Decimal! currencyCode: String! }
  type MoneyBag { shopMoney: MoneyV2! presentmentMoney: MoneyV2! }

  type Customer implements Node {
    id: ID! legacyResourceId: UnsignedInt64! firstName: String lastName: String displayName: String!
    email: String phone: String state: String! note: String tags: [String!]! verifiedEmail: Boolean!
    numberOfOrders: UnsignedInt64! amountSpent: MoneyV2! createdAt: DateTime! updatedAt: DateTime!
  }
  type LineItem implements Node { id: ID! name: String! sku: String quantity: Int! originalUnitPriceSet: MoneyBag! }
  type LineItemEdge { cursor: String! node: LineItem! }
  type LineItemConnection { edges: [LineItemEdge!]! nodes: [LineItem!]! pageInfo: PageInfo! }
  type Order implements Node {
    id: ID! legacyResourceId: UnsignedInt64! name: String! email: String createdAt: DateTime! updatedAt: DateTime!
    processedAt: DateTime! cancelledAt: DateTime closedAt: DateTime displayFinancialStatus: String
    displayFulfillmentStatus: String! currencyCode: String! totalPriceSet: MoneyBag! subtotalPriceSet: MoneyBag
    customer: Customer tags: [String!]! note: String test: Boolean!
    lineItems(first: Int, after: String): LineItemConnection!
  }
  type Product implements Node {
    id: ID! legacyResourceId: UnsignedInt64! title: String! handle: String! status: String! vendor: String!
    productType: String! tags: [String!]! totalInventory: Int createdAt: DateTime! updatedAt: DateTime!
    publishedAt: DateTime descriptionHtml: String!
  }
  type DeletionEvent { occurredAt: DateTime! subjectId: ID! subjectType: DeletionEventSubjectType! }
  enum DeletionEventSubjectType { COLLECTION PRODUCT }
  enum DeletionEventSortKeys { CREATED_AT ID }

  type CustomerEdge { cursor: String! node: Customer! }
  type CustomerConnection { edges: [CustomerEdge!]! nodes: [Customer!]! pageInfo: PageInfo! }
  type OrderEdge { cursor: String! node: Order! }
  type OrderConnection { edges: [OrderEdge!]! nodes: [Order!]! pageInfo: PageInfo! }
  type ProductEdge { cursor: String! node: Product! }
  type ProductConnection { edges: [ProductEdge!]! nodes: [Product!]! pageInfo: PageInfo! }
  type DeletionEventEdge { cursor: String! node: DeletionEvent! }
  type DeletionEventConnection { edges: [DeletionEventEdge!]! nodes: [DeletionEvent!]! pageInfo: PageInfo! }

  enum OrderSortKeys { CREATED_AT UPDATED_AT ID PROCESSED_AT }
  enum CustomerSortKeys { CREATED_AT UPDATED_AT ID NAME }
  enum ProductSortKeys { CREATED_AT UPDATED_AT ID TITLE }

  type Shop { name: String! myshopifyDomain: String! currencyCode: String! ianaTimezone: String! }

  type Query {
    shop: Shop!
    orders(first: Int, after: String, last: Int, before: String, query: String, sortKey: OrderSortKeys, reverse: Boolean): OrderConnection!
    customers(first: Int, after: String, last: Int, before: String, query: String, sortKey: CustomerSortKeys, reverse: Boolean): CustomerConnection!
    products(first: Int, after: String, last: Int, before: String, query: String, sortKey: ProductSortKeys, reverse: Boolean): ProductConnection!
    deletionEvents(first: Int, after: String, last: Int, before: String, query: String, subjectTypes: [DeletionEventSubjectType!], sortKey: DeletionEventSortKeys, reverse: Boolean): DeletionEventConnection!
  }
`;

let schema: GraphQLSchema | undefined;

/** A resource as the fake keeps it: the GraphQL node's fields. */
export type ShopifyNode = Record<string, unknown> & { id: string; createdAt: string; updatedAt: string };

const RESOURCES = { orders: "Order", customers: "Customer", products: "Product" } as const;
export type ShopifyResource = keyof typeof RESOURCES;
const SCOPES: Record<string, string> = {
  orders: "read_orders",
  customers: "read_customers",
  products: "read_products",
  deletionEvents: "read_products",
};

const MAX_QUERY_COST = 1000;
const MAX_PAGE = 250;
const ORDER_WINDOW_MS = 60 * 86_400_000;

/** The requested cost of a selection (Shopify's calculated query cost, simplified as documented). */
function selectionCost(
  set: SelectionSetNode | undefined,
  type: GraphQLObjectType,
  variables: Record<string, unknown>,
  fragments: Map<string, SelectionSetNode>,
): number {
  if (!set) return 0;
  let cost = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      cost += selectionCost(selection.selectionSet, type, variables, fragments);
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      cost += selectionCost(fragments.get(selection.name.value), type, variables, fragments);
      continue;
    }
    const field = type.getFields()[selection.name.value];
    if (!field) continue;
    const named = getNamedType(field.type);
    if (!isObjectType(named) && !isInterfaceType(named)) continue;
    const child = named as GraphQLObjectType;
    if (named.name.endsWith("Connection")) {
      const first = argument(selection, "first", variables) ?? argument(selection, "last", variables) ?? 0;
      cost += 2 + Number(first) * connectionNodeCost(selection.selectionSet, child, variables, fragments);
    } else {
      cost += 1 + selectionCost(selection.selectionSet, child, variables, fragments);
    }
  }
  return cost;
}

/** Per node of a connection: the node (1) and what it selects, whether through edges or nodes. */
function connectionNodeCost(
  set: SelectionSetNode | undefined,
  connection: GraphQLObjectType,
  variables: Record<string, unknown>,
  fragments: Map<string, SelectionSetNode>,
): number {
  let cost = 0;
  for (const selection of set?.selections ?? []) {
    if (selection.kind !== Kind.FIELD) continue;
    const field = connection.getFields()[selection.name.value];
    if (!field || selection.name.value === "pageInfo") continue;
    const named = getNamedType(field.type) as GraphQLObjectType;
    if (selection.name.value === "edges") {
      const node = named.getFields().node;
      const nodeSel = selection.selectionSet?.selections.find(
        (s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === "node",
      );
      if (node && nodeSel) {
        cost = Math.max(
          cost,
          1 + selectionCost(nodeSel.selectionSet, getNamedType(node.type) as GraphQLObjectType, variables, fragments),
        );
      }
    } else if (selection.name.value === "nodes") {
      cost = Math.max(cost, 1 + selectionCost(selection.selectionSet, named, variables, fragments));
    }
  }
  return Math.max(cost, 1);
}

function argument(field: FieldNode, name: string, variables: Record<string, unknown>): unknown {
  const arg = field.arguments?.find((a) => a.name.value === name);
  if (!arg) return undefined;
  if (arg.value.kind === Kind.VARIABLE) return variables[arg.value.name.value];
  if (arg.value.kind === Kind.INT) return Number(arg.value.value);
  return undefined;
}

/** Shopify's search syntax, as far as the fake needs: `field:[op]value` terms, ANDed. */
function searchFilter(
  query: string | undefined,
  known: string[],
): { test: (node: ShopifyNode) => boolean; warnings: { field: string; message: string }[] } {
  const warnings: { field: string; message: string }[] = [];
  const tests: ((node: ShopifyNode) => boolean)[] = [];
  const terms = (query ?? "").match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? [];
  for (const term of terms) {
    if (/^(AND)$/i.test(term)) continue;
    const m = /^([a-z_]+):(>=|<=|>|<)?(.+)$/.exec(term);
    if (!m) {
      warnings.push({ field: "default", message: `Free text search is not supported by the fake: ${term}` });
      continue;
    }
    const [, field = "", op = "=", raw = ""] = m;
    if (!known.includes(field)) {
      warnings.push({ field, message: "Invalid search field for this query." });
      continue;
    }
    const value = raw.replace(/^['"]|['"]$/g, "");
    const key =
      field === "updated_at"
        ? "updatedAt"
        : field === "created_at"
          ? "createdAt"
          : field === "occurred_at"
            ? "occurredAt"
            : "id";
    const target = key === "id" ? Number(value) : Date.parse(value);
    if (Number.isNaN(target)) {
      warnings.push({ field, message: `Invalid value: ${value}` });
      continue;
    }
    tests.push((node) => {
      const v = key === "id" ? Number(String(node.id).split("/").pop()) : Date.parse(String(node[key]));
      return op === ">="
        ? v >= target
        : op === "<="
          ? v <= target
          : op === ">"
            ? v > target
            : op === "<"
              ? v < target
              : v === target;
    });
  }
  return { test: (node) => tests.every((t) => t(node)), warnings };
}

/** Shopify's DateTime: ISO 8601 in UTC to the second (`2019-09-07T15:50:00Z`). */
const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/** Values for the non-null fields of a node, so a seed need only name what a test looks at. */
function defaults(resource: ShopifyResource, n: number): Record<string, unknown> {
  const money = (amount: string) => ({ amount, currencyCode: "USD" });
  switch (resource) {
    case "orders":
      return {
        name: `#${n}`,
        displayFulfillmentStatus: "UNFULFILLED",
        displayFinancialStatus: "PAID",
        currencyCode: "USD",
        totalPriceSet: { shopMoney: money("10.00"), presentmentMoney: money("10.00") },
        tags: [],
        test: false,
        lineItems: { edges: [], nodes: [], pageInfo: { hasNextPage: false, hasPreviousPage: false } },
      };
    case "customers":
      return {
        displayName: `Customer ${n}`,
        state: "ENABLED",
        tags: [],
        verifiedEmail: true,
        numberOfOrders: "0",
        amountSpent: money("0.00"),
      };
    case "products":
      return {
        title: `Product ${n}`,
        handle: `product-${n}`,
        status: "ACTIVE",
        vendor: "Acme",
        productType: "",
        tags: [],
        descriptionHtml: "",
      };
  }
}

const encodeCursor = (value: unknown) => btoa(JSON.stringify(value));
function decodeCursor(cursor: string): { k: (string | number)[] } | undefined {
  try {
    return JSON.parse(atob(cursor));
  } catch {
    return undefined;
  }
}

export function createShopifyFake(options: ShopifyFakeOptions) {
  schema ??= buildSchema(SDL);
  const clock = options.now ?? Date.now;
  const state = {
    rateLimitRetryAfter: undefined as string | undefined,
    outage: undefined as number | undefined,
  };
  const faults = new Faults(clock);
  const bucketSize = options.bucket?.maximumAvailable ?? 2000;
  const restoreRate = options.bucket?.restoreRate ?? 100;
  const buckets = new Map<string, { available: number; at: number; owed: number }>();
  const data: Record<ShopifyResource, ShopifyNode[]> = { orders: [], customers: [], products: [] };
  const deletions: { occurredAt: string; subjectId: string; subjectType: string; seq: number }[] = [];
  let serial = 1000;

  const router = new FakeRouter(["*.myshopify.com"], () => json({ errors: "Not Found" }, 404));
  let shop: ShopifyShop | undefined;
  let token = "";

  router.use(({ url, request, body }) => {
    shop = options.shops[url.hostname.replace(/\.myshopify\.com$/, "")];
    if (!shop) return json({ errors: "Not Found" }, 404);
    if (state.outage) return json({ errors: "Internal Server Error" }, state.outage);
    token = request.headers.get("X-Shopify-Access-Token") ?? "";
    if (!Object.hasOwn(shop.tokens, token)) {
      return json({ errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" }, 401);
    }
    const storm = faults.throttle({ url, body });
    const retryAfter = state.rateLimitRetryAfter ?? (storm !== undefined ? `${storm}.0` : undefined);
    if (retryAfter !== undefined) {
      return json(
        { errors: "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service." },
        429,
        { "Retry-After": retryAfter },
      );
    }
    return undefined;
  });

  router.on("GET", "/admin/api/:version/shop.json", ({ url, params }) =>
    json(
      {
        shop: {
          id: 548380009,
          name: shop?.name,
          myshopify_domain: url.hostname,
          plan_name: shop?.plan_name ?? "basic",
          currency: "USD",
          iana_timezone: "America/New_York",
        },
      },
      200,
      { "X-Shopify-API-Version": params.version ?? "" },
    ),
  );

  router.on("GET", "/admin/oauth/access_scopes.json", () =>
    json({ access_scopes: (shop?.tokens[token] ?? []).map((handle) => ({ handle })) }),
  );

  const connection = <T extends Record<string, unknown>>(
    rows: T[],
    args: { first?: number; after?: string; sortKey?: string; reverse?: boolean },
    sortValue: (row: T, key: string) => string | number,
  ) => {
    if (args.first === undefined) throw new Error("you must provide one of first or last");
    if (args.first > MAX_PAGE) throw new Error(`The 'first' argument must be at most ${MAX_PAGE}`);
    const key = args.sortKey ?? "ID";
    const keyOf = (row: T): (string | number)[] => [sortValue(row, key), Number(String(row.id).split("/").pop())];
    const compare = (a: (string | number)[], b: (string | number)[]) => {
      for (let i = 0; i < a.length; i++) {
        const x = a[i] as string | number;
        const y = b[i] as string | number;
        if (x !== y) return x < y ? -1 : 1;
      }
      return 0;
    };
    const sign = args.reverse ? -1 : 1;
    let sorted = [...rows].sort((a, b) => sign * compare(keyOf(a), keyOf(b)));
    if (args.after) {
      const cursor = decodeCursor(args.after);
      if (!cursor) throw new Error("Invalid cursor for current pagination sort.");
      sorted = sorted.filter((row) => sign * compare(keyOf(row), cursor.k) > 0);
    }
    const page = sorted.slice(0, args.first);
    const edges = page.map((node) => ({ cursor: encodeCursor({ k: keyOf(node) }), node }));
    return {
      edges,
      nodes: page,
      pageInfo: {
        hasNextPage: sorted.length > page.length,
        hasPreviousPage: Boolean(args.after),
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
    };
  };

  const byKey = (row: ShopifyNode, key: string): string | number =>
    key === "UPDATED_AT"
      ? Date.parse(row.updatedAt)
      : key === "CREATED_AT"
        ? Date.parse(row.createdAt)
        : key === "PROCESSED_AT"
          ? Date.parse(String(row.processedAt ?? row.createdAt))
          : key === "TITLE"
            ? String(row.title)
            : key === "NAME"
              ? String(row.displayName)
              : Number(String(row.id).split("/").pop());

  router.on("POST", "/admin/api/:version/graphql.json", ({ body, params, url }) => {
    const scopes = shop?.tokens[token] ?? [];
    const has = (scope: string) => scopes.includes(scope) || scopes.includes(scope.replace(/^read_/, "write_"));
    let request: { query?: string; variables?: Record<string, unknown> };
    try {
      request = JSON.parse(body);
    } catch {
      return json({ errors: "Invalid JSON in request body" }, 400);
    }
    if (typeof request.query !== "string")
      return json({ errors: { query: "Required parameter missing or invalid" } }, 400);
    let document: DocumentNode;
    try {
      document = parse(request.query);
    } catch (error) {
      return json({ errors: [{ message: (error as Error).message, extensions: { code: "PARSE_ERROR" } }] });
    }
    const invalid = validate(schema as GraphQLSchema, document);
    if (invalid.length > 0) {
      return json({
        errors: invalid.map((e) => ({ message: e.message, extensions: { code: "GRAPHQL_VALIDATION_FAILED" } })),
      });
    }
    const variables = request.variables ?? {};
    const fragments = new Map<string, SelectionSetNode>();
    let operation: SelectionSetNode | undefined;
    for (const def of document.definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def.selectionSet);
      if (def.kind === Kind.OPERATION_DEFINITION) operation ??= def.selectionSet;
    }
    const requested = selectionCost(
      operation,
      (schema as GraphQLSchema).getQueryType() as GraphQLObjectType,
      variables,
      fragments,
    );
    const bucket = buckets.get(token) ?? { available: bucketSize, at: clock(), owed: 0 };
    buckets.set(token, bucket);
    const now = clock();
    bucket.available = Math.min(bucketSize, bucket.available + ((now - bucket.at) / 1000) * restoreRate);
    bucket.at = now;
    const throttleStatus = () => ({
      maximumAvailable: bucketSize,
      currentlyAvailable: Math.floor(bucket.available),
      restoreRate,
    });
    if (requested > MAX_QUERY_COST) {
      return json({
        errors: [
          {
            message: `Query cost is ${requested}, which exceeds the single query max cost limit (${MAX_QUERY_COST}). See https://shopify.dev/concepts/about-apis/rate-limits for more information on how the cost of a query is calculated. To query larger amounts of data with fewer limits, bulk operations should be used instead.`,
            extensions: { code: "MAX_COST_EXCEEDED", cost: requested, maxCost: MAX_QUERY_COST },
          },
        ],
      });
    }
    if (requested > bucket.available) {
      // A client that honoured the last throttleStatus would not be back yet.
      if (bucket.owed > 0 && bucket.owed > bucket.available) faults.early += 1;
      bucket.owed = requested;
      faults.throttled += 1;
      return json({
        errors: [
          {
            message: "Throttled",
            extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" },
          },
        ],
        extensions: {
          cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: throttleStatus() },
        },
      });
    }
    bucket.owed = 0;
    const denied: { message: string; extensions: Record<string, unknown>; path: string[] }[] = [];
    const guard = (field: string) => {
      const scope = SCOPES[field];
      if (scope && !has(scope)) {
        denied.push({
          message: `Access denied for ${field} field. Required access: \`${scope}\` access scope.`,
          extensions: {
            code: "ACCESS_DENIED",
            documentation: "https://shopify.dev/api/usage/access-scopes",
            requiredAccess: `\`${scope}\` access scope.`,
          },
          path: [field],
        });
        return false;
      }
      return true;
    };
    let returned = 0;
    const searchWarnings: { path: string[]; query: string; warnings: { field: string; message: string }[] }[] = [];
    const list = (resource: ShopifyResource, args: Record<string, unknown>) => {
      if (!guard(resource)) return null;
      const filter = searchFilter(args.query as string | undefined, ["updated_at", "created_at", "id"]);
      if (filter.warnings.length)
        searchWarnings.push({ path: [resource], query: String(args.query), warnings: filter.warnings });
      let rows = data[resource].filter(filter.test);
      if (resource === "orders" && !has("read_all_orders")) {
        rows = rows.filter((o) => Date.parse(o.createdAt) >= clock() - ORDER_WINDOW_MS);
      }
      const result = connection(rows, args, byKey);
      returned += result.nodes.length;
      return result;
    };
    const rootValue = {
      shop: () => ({
        name: shop?.name,
        myshopifyDomain: url.hostname,
        currencyCode: "USD",
        ianaTimezone: "America/New_York",
      }),
      orders: (args: Record<string, unknown>) => list("orders", args),
      customers: (args: Record<string, unknown>) => list("customers", args),
      products: (args: Record<string, unknown>) => list("products", args),
      deletionEvents: (args: Record<string, unknown>) => {
        if (!guard("deletionEvents")) return null;
        const types = (args.subjectTypes as string[] | undefined) ?? ["COLLECTION", "PRODUCT"];
        const filter = searchFilter(args.query as string | undefined, ["occurred_at", "id"]);
        if (filter.warnings.length)
          searchWarnings.push({ path: ["deletionEvents"], query: String(args.query), warnings: filter.warnings });
        const rows = deletions
          .filter((d) => types.includes(d.subjectType))
          .filter((d) =>
            filter.test({
              id: String(d.seq),
              createdAt: d.occurredAt,
              updatedAt: d.occurredAt,
              occurredAt: d.occurredAt,
            }),
          )
          .map((d) => ({
            ...d,
            id: `gid://shopify/DeletionEvent/${d.seq}`,
            createdAt: d.occurredAt,
            updatedAt: d.occurredAt,
          }));
        const result = connection(rows, args, (row, key) =>
          key === "CREATED_AT" ? Date.parse(row.occurredAt) : row.seq,
        );
        returned += result.nodes.length;
        return result;
      },
    };
    const result = execute({ schema: schema as GraphQLSchema, document, rootValue, variableValues: variables }) as {
      data?: Record<string, unknown> | null;
      errors?: readonly { message: string; path?: readonly (string | number)[] }[];
    };
    const actual = Math.max(1, Math.min(requested, returned + 2));
    bucket.available -= actual;
    const errors = [
      ...denied,
      ...(result.errors ?? [])
        .filter((e) => !denied.some((d) => d.path[0] === e.path?.[0]))
        .map((e) => ({ message: e.message, path: e.path, extensions: { code: "BAD_REQUEST" } })),
    ];
    return json(
      {
        ...(errors.length ? { errors } : {}),
        data: result.data ?? null,
        extensions: {
          cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: throttleStatus() },
          ...(searchWarnings.length ? { search: searchWarnings } : {}),
        },
      },
      200,
      { "X-Shopify-API-Version": params.version ?? "" },
    );
  });

  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const body = request.method === "GET" ? "" : new TextDecoder().decode(await request.clone().arrayBuffer());
    return faults.apply(new URL(request.url), body, await router.fetch(request));
  };

  const gid = (resource: ShopifyResource, n: number) => `gid://shopify/${RESOURCES[resource]}/${n}`;
  const find = (resource: ShopifyResource, id: string) => {
    const node = data[resource].find((n) => n.id === id);
    if (!node) throw new Error(`fake shopify: no ${resource} ${id}`);
    return node;
  };

  return {
    fetch,
    requests: router.requests,
    state,
    faults,
    /** The nodes of a resource as the fake keeps them. */
    nodes: (resource: ShopifyResource) => data[resource],
    /** Empties a token's cost bucket, as a burst of other queries would. */
    drain(accessToken: string) {
      buckets.set(accessToken, { available: 0, at: clock(), owed: 0 });
    },
    /** Adds `count` nodes created (and last updated) `stepMs` apart from `startMs`. */
    seed(
      resource: ShopifyResource,
      count: number,
      startMs: number,
      stepMs: number,
      fields: (i: number, id: number) => Record<string, unknown>,
    ) {
      return Array.from({ length: count }, (_, i) => {
        serial += 1;
        const at = iso(startMs + i * stepMs);
        const node: ShopifyNode = {
          id: gid(resource, serial),
          legacyResourceId: String(serial),
          createdAt: at,
          updatedAt: at,
          ...defaults(resource, serial),
          ...fields(i, serial),
        };
        if (resource === "orders") node.processedAt ??= node.createdAt;
        data[resource].push(node);
        return node;
      });
    },
    /** Changes a node now (updatedAt moves). */
    update(resource: ShopifyResource, id: string, fields: Record<string, unknown>) {
      return Object.assign(find(resource, id), fields, { updatedAt: iso(clock()) });
    },
    /** Deletes a product now (a PRODUCT deletion event). */
    deleteProduct(id: string) {
      const node = find("products", id);
      data.products.splice(data.products.indexOf(node), 1);
      serial += 1;
      deletions.push({
        occurredAt: iso(clock()),
        subjectId: id,
        subjectType: "PRODUCT",
        seq: serial,
      });
    },
  };
}

export type ShopifyFake = ReturnType<typeof createShopifyFake>;

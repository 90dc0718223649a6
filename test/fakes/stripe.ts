/**
 * A fake of Stripe's API (api.stripe.com) after its documented contract
 * (docs.stripe.com/api, /api/pagination, /api/events, /rate-limits, /error-handling):
 *
 * - Keys as `Authorization: Bearer sk_…` (or HTTP Basic with the key as user name); a
 *   restricted key (`rk_…`) reads only the resources it was granted (403 naming the permission).
 * - Errors as `{error: {type, message, code?, param?}}`: 401 for a missing or unknown key, 403 a
 *   missing permission, 404 an unknown URL, 400 `invalid_request_error` for an unknown parameter,
 *   a `limit` outside 1..100 or a `starting_after` naming no object (`resource_missing`).
 * - Lists `{object: "list", url, has_more, data}`, newest first, paged by `limit` (default 10)
 *   and `starting_after` / `ending_before`, filtered by `created` (`created=<ts>` or
 *   `created[gt|gte|lt|lte]=<ts>`, seconds). Subscriptions list without `status` leaves out
 *   canceled ones, as Stripe does; `status=all` lists every one.
 * - `/v1/events`: every change the fake's mutators make (`create`, `update`, `remove`) becomes an
 *   event (`customer.created`, `customer.updated` with `data.previous_attributes`,
 *   `customer.deleted`; subscriptions as `customer.subscription.*`) with `data.object` the object
 *   as it is after the change; filtered by `type` (exact or with a `*` wildcard), `types[]` and
 *   `created`; events older than 30 days are gone, as Stripe keeps them for 30 days.
 * - 429 with `code: rate_limit`, `Retry-After` and `Stripe-Rate-Limited-Reason`, either for every
 *   request (`state.rateLimitRetryAfter`) or for a storm of the next N (`faults.storm`).
 */
import { FakeRouter, json } from "./fake-router";
import { Faults } from "./faults";

export interface StripeKey {
  /** Restricted keys: the list resources they may read; secret keys read everything. */
  readable?: string[];
  livemode?: boolean;
}

/** An API object: `id`, `object` and `created` (seconds) as Stripe sends them, and any fields. */
export interface StripeObject {
  id: string;
  object?: string;
  created?: number;
  [key: string]: unknown;
}

export interface StripeFakeOptions {
  keys: Record<string, StripeKey>;
  /** Objects per list path (`customers`, `checkout/sessions`), in the order Stripe lists them (newest first). */
  data?: Record<string, StripeObject[]>;
  /** The fake's clock (ms): `created` of what its mutators make, and the events' age. */
  now?: () => number;
}

/** The `object` of each list's items, and the prefix of their ids. */
const KINDS: Record<string, { object: string; prefix: string }> = {
  customers: { object: "customer", prefix: "cus" },
  subscriptions: { object: "subscription", prefix: "sub" },
  invoices: { object: "invoice", prefix: "in" },
  charges: { object: "charge", prefix: "ch" },
  products: { object: "product", prefix: "prod" },
  prices: { object: "price", prefix: "price" },
  plans: { object: "plan", prefix: "plan" },
  coupons: { object: "coupon", prefix: "co" },
  refunds: { object: "refund", prefix: "re" },
  payment_intents: { object: "payment_intent", prefix: "pi" },
  payouts: { object: "payout", prefix: "po" },
  disputes: { object: "dispute", prefix: "dp" },
  balance_transactions: { object: "balance_transaction", prefix: "txn" },
  "checkout/sessions": { object: "checkout.session", prefix: "cs" },
};

/** Parameters every list takes, and those particular lists add. */
const LIST_PARAMS = ["limit", "starting_after", "ending_before", "created", "expand[]"];
const EXTRA_PARAMS: Record<string, string[]> = {
  events: ["type", "types[]", "delivery_success"],
  subscriptions: ["status", "customer", "price"],
  invoices: ["status", "customer", "subscription"],
  charges: ["customer", "payment_intent"],
  customers: ["email"],
  products: ["active"],
  prices: ["active", "product"],
};

const EVENT_RETENTION_S = 30 * 24 * 3600;

function error(
  status: number,
  type: string,
  message: string,
  extra: { code?: string; param?: string } = {},
  headers: Record<string, string> = {},
) {
  return json({ error: { type, message, ...extra } }, status, headers);
}

/** Stripe shows keys redacted in errors: `sk_test_****abcd`. */
function redact(key: string): string {
  const prefix = key.slice(0, key.indexOf("_", 3) + 1);
  return `${prefix}****${key.slice(-4)}`;
}

function keyFrom(request: Request): string | undefined {
  const header = request.headers.get("Authorization") ?? "";
  if (header.startsWith("Bearer ")) return header.slice(7).trim();
  if (header.startsWith("Basic ")) return atob(header.slice(6)).split(":")[0];
  return undefined;
}

/** The event type prefix of an object (`customer.subscription` for a subscription). */
function eventPrefix(object: string): string {
  return object === "subscription" ? "customer.subscription" : object;
}

/** `created[gte]=…`-style filters from the query, or undefined when a value is not an integer. */
function createdFilter(url: URL): ((created: number | undefined) => boolean) | string {
  const tests: ((c: number) => boolean)[] = [];
  for (const [name, raw] of url.searchParams) {
    const op = name === "created" ? "eq" : /^created\[(gt|gte|lt|lte)\]$/.exec(name)?.[1];
    if (!op) continue;
    if (!/^\d+$/.test(raw)) return name;
    const v = Number(raw);
    tests.push(
      op === "eq"
        ? (c) => c === v
        : op === "gt"
          ? (c) => c > v
          : op === "gte"
            ? (c) => c >= v
            : op === "lt"
              ? (c) => c < v
              : (c) => c <= v,
    );
  }
  return (created) => tests.every((t) => created !== undefined && t(created));
}

export function createStripeFake(options: StripeFakeOptions) {
  const clock = options.now ?? Date.now;
  const nowS = () => Math.floor(clock() / 1000);
  const state = {
    /** When set, every request is throttled with this Retry-After. */
    rateLimitRetryAfter: undefined as number | undefined,
    /** When set, every request fails with this 5xx status. */
    outage: undefined as number | undefined,
  };
  const faults = new Faults(clock);
  const data: Record<string, StripeObject[]> = {};
  for (const [path, rows] of Object.entries(options.data ?? {})) data[path] = rows.map((row) => ({ ...row }));
  const events: StripeObject[] = [];
  let serial = 0;

  const router = new FakeRouter(["api.stripe.com"], ({ request, url }) =>
    error(
      404,
      "invalid_request_error",
      `Unrecognized request URL (${request.method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    ),
  );
  let key: string | undefined;

  const throttled = (retryAfter: number) =>
    error(
      429,
      "invalid_request_error",
      "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.",
      { code: "rate_limit" },
      { "Retry-After": String(retryAfter), "Stripe-Rate-Limited-Reason": "global-rate" },
    );

  router.use((ctx) => {
    if (state.outage) return error(state.outage, "api_error", "An unknown error occurred on Stripe's end.");
    key = keyFrom(ctx.request);
    if (!key) {
      return error(
        401,
        "invalid_request_error",
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
      );
    }
    if (!Object.hasOwn(options.keys, key)) {
      return error(401, "invalid_request_error", `Invalid API Key provided: ${redact(key)}`);
    }
    if (state.rateLimitRetryAfter !== undefined) return throttled(state.rateLimitRetryAfter);
    const wait = faults.throttle(ctx);
    if (wait !== undefined) return throttled(wait);
    return undefined;
  });

  const permitted = (resource: string): Response | undefined => {
    const readable = options.keys[key ?? ""]?.readable;
    if (!readable || readable.includes(resource)) return undefined;
    const permission = `rak_${resource.replace(/\//g, "_").replace(/s$/, "")}_read`;
    return error(
      403,
      "invalid_request_error",
      `The provided key '${redact(key ?? "")}' does not have the required permissions for this endpoint on account 'acct_1Fake'. Having the '${permission}' permission would allow this request to continue.`,
    );
  };

  router.on("GET", "/v1/balance", () => {
    const denied = permitted("balance");
    if (denied) return denied;
    return json({
      object: "balance",
      available: [{ amount: 0, currency: "usd", source_types: { card: 0 } }],
      pending: [{ amount: 0, currency: "usd", source_types: { card: 0 } }],
      livemode: options.keys[key ?? ""]?.livemode ?? (key ?? "").includes("_live_"),
    });
  });

  const list = (resource: string, rows: StripeObject[], url: URL): Response => {
    const allowed = new Set([...LIST_PARAMS, ...(EXTRA_PARAMS[resource] ?? [])]);
    for (const name of url.searchParams.keys()) {
      const base = /^created\[(gt|gte|lt|lte)\]$/.test(name) ? "created" : name;
      if (!allowed.has(base)) {
        return error(400, "invalid_request_error", `Received unknown parameter: ${name}`, { param: name });
      }
    }
    const rawLimit = url.searchParams.get("limit") ?? "10";
    const limit = Number(rawLimit);
    if (!/^\d+$/.test(rawLimit) || limit < 1 || limit > 100) {
      return error(
        400,
        "invalid_request_error",
        limit > 100
          ? "This value must be less than or equal to 100."
          : "This value must be greater than or equal to 1.",
        { param: "limit" },
      );
    }
    const created = createdFilter(url);
    if (typeof created === "string") {
      return error(400, "invalid_request_error", `Invalid integer: ${url.searchParams.get(created)}`, {
        param: created,
      });
    }
    let matching = rows.filter((row) =>
      url.searchParams.has("created") || hasCreatedRange(url) ? created(row.created) : true,
    );
    if (resource === "subscriptions") {
      const status = url.searchParams.get("status");
      if (status !== "all")
        matching = matching.filter((row) => (status ? row.status === status : row.status !== "canceled"));
    }
    if (resource === "events") {
      const type = url.searchParams.get("type");
      const types = url.searchParams.getAll("types[]");
      if (type && types.length) {
        return error(400, "invalid_request_error", "You may only specify one of these parameters: type, types.");
      }
      if (type) {
        const pattern = new RegExp(`^${type.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
        matching = matching.filter((e) => pattern.test(String(e.type)));
      }
      if (types.length) matching = matching.filter((e) => types.includes(String(e.type)));
    }
    const after = url.searchParams.get("starting_after");
    const before = url.searchParams.get("ending_before");
    const cursor = after ?? before;
    let start = 0;
    let end = matching.length;
    if (cursor) {
      if (!rows.some((row) => row.id === cursor)) {
        const kind = KINDS[resource]?.object ?? (resource === "events" ? "event" : "object");
        return error(400, "invalid_request_error", `No such ${kind}: '${cursor}'`, {
          code: "resource_missing",
          param: after ? "starting_after" : "ending_before",
        });
      }
      // The cursor object may have left the filtered list (a subscription canceled since):
      // Stripe still pages from its place in the full order.
      const position = rows.findIndex((row) => row.id === cursor);
      const rank = (row: StripeObject) => rows.indexOf(row);
      if (after) start = matching.findIndex((row) => rank(row) > position);
      else end = matching.findIndex((row) => rank(row) >= position);
      if (start < 0) start = matching.length;
      if (end < 0) end = matching.length;
    }
    const page = before ? matching.slice(Math.max(0, end - limit), end) : matching.slice(start, start + limit);
    const hasMore = before ? end - limit > 0 : start + limit < matching.length;
    return json({ object: "list", data: page, has_more: hasMore, url: `/v1/${resource}` });
  };

  router.on("GET", "/v1/events", ({ url }) => {
    const denied = permitted("events");
    if (denied) return denied;
    const oldest = nowS() - EVENT_RETENTION_S;
    return list(
      "events",
      events.filter((e) => (e.created ?? 0) >= oldest),
      url,
    );
  });

  router.on("GET", "/v1/:resource*", ({ params, url }) => {
    const resource = params.resource ?? "";
    const rows = data[resource];
    if (!rows) {
      return error(404, "invalid_request_error", `Unrecognized request URL (GET: /v1/${resource}).`);
    }
    const denied = permitted(resource);
    if (denied) return denied;
    return list(resource, rows, url);
  });

  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const response = await router.fetch(request);
    return faults.apply(new URL(request.url), "", response);
  };

  const rowsOf = (resource: string): StripeObject[] => {
    const rows = data[resource] ?? [];
    data[resource] = rows;
    return rows;
  };

  const kindOf = (resource: string) => KINDS[resource] ?? { object: resource.replace(/s$/, ""), prefix: "obj" };

  const emit = (type: string, object: StripeObject, previous?: Record<string, unknown>) => {
    serial += 1;
    events.unshift({
      id: `evt_${String(serial).padStart(14, "0")}`,
      object: "event",
      api_version: "2024-06-20",
      created: nowS(),
      type,
      livemode: false,
      pending_webhooks: 0,
      request: { id: null, idempotency_key: null },
      data: { object: structuredClone(object), ...(previous ? { previous_attributes: previous } : {}) },
    });
  };

  const find = (resource: string, id: string): StripeObject => {
    const row = data[resource]?.find((r) => r.id === id);
    if (!row) throw new Error(`fake stripe: no ${resource} ${id}`);
    return row;
  };

  return {
    fetch,
    requests: router.requests,
    state,
    faults,
    /** The objects of a list, newest first (as Stripe lists them). */
    objects: (resource: string) => data[resource] ?? [],
    events,
    /**
     * Adds `count` objects created `step` seconds apart from `start` (seconds), oldest first, as
     * history that predates the events (no events are made for them).
     */
    seed(resource: string, count: number, start: number, step: number, fields: (i: number) => Record<string, unknown>) {
      const kind = kindOf(resource);
      const rows = rowsOf(resource);
      for (let i = 0; i < count; i++) {
        serial += 1;
        rows.unshift({
          id: `${kind.prefix}_${String(serial).padStart(14, "0")}`,
          object: kind.object,
          created: start + i * step,
          livemode: false,
          ...fields(i),
        });
      }
    },
    /** Creates an object now (a `<type>.created` event). */
    create(resource: string, fields: Record<string, unknown>): StripeObject {
      const kind = kindOf(resource);
      serial += 1;
      const row: StripeObject = {
        id: `${kind.prefix}_${String(serial).padStart(14, "0")}`,
        object: kind.object,
        created: nowS(),
        livemode: false,
        ...fields,
      };
      rowsOf(resource).unshift(row);
      emit(`${eventPrefix(kind.object)}.created`, row);
      return row;
    },
    /** Changes an object in place (a `<type>.updated` event with `previous_attributes`). */
    update(resource: string, id: string, changes: Record<string, unknown>): StripeObject {
      const row = find(resource, id);
      const previous = Object.fromEntries(Object.keys(changes).map((k) => [k, row[k] ?? null]));
      Object.assign(row, changes);
      emit(`${eventPrefix(row.object ?? kindOf(resource).object)}.updated`, row, previous);
      return row;
    },
    /**
     * Deletes an object (a `<type>.deleted` event whose `data.object` is the object as it was
     * when deleted). A subscription is canceled instead: it stays
     * in the list with `status: canceled`, as Stripe keeps canceled subscriptions.
     */
    remove(resource: string, id: string): void {
      const row = find(resource, id);
      const type = `${eventPrefix(row.object ?? kindOf(resource).object)}.deleted`;
      if (resource === "subscriptions") {
        Object.assign(row, { status: "canceled", canceled_at: nowS(), ended_at: nowS() });
        emit(type, row);
        return;
      }
      const rows = data[resource] ?? [];
      rows.splice(rows.indexOf(row), 1);
      emit(type, row);
    },
  };
}

function hasCreatedRange(url: URL): boolean {
  for (const name of url.searchParams.keys()) if (/^created\[(gt|gte|lt|lte)\]$/.test(name)) return true;
  return false;
}

export type StripeFake = ReturnType<typeof createStripeFake>;

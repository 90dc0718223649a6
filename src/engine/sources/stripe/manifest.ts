/**
 * Stripe as an Airbyte-format declarative manifest (built per config: one stream per object
 * the connection names), after Stripe's documented API (docs.stripe.com/api):
 *
 * - Bearer auth with the secret or restricted key; lists paged with `limit=100` and
 *   `starting_after=<last id>` until `has_more` is false.
 * - Incremental: a `DatetimeBasedCursor` on `created` (epoch seconds, `created[gte]` /
 *   `created[lte]`). The first sync lists the object; every later sync reads `/v1/events`
 *   (`type=<object>.*`, the same `created` window) instead, which carries creates, updates and
 *   deletes with the object as it became (`data.object`). Stripe keeps events 30 days, so a
 *   cursor older than 29 days lists the object again. A 10-minute lookback re-reads events
 *   that were indexed late; re-applying one is harmless (upserts on `id`).
 * - Deletes: a `*.deleted` event marks its object `$deleted` (a soft delete downstream); a
 *   subscription's `customer.subscription.deleted` means canceled, and it stays (status
 *   `canceled`), as Stripe keeps it.
 * - The first sync reads in yearly windows (a checkpoint after each, so an interrupted
 *   backfill resumes); later syncs read one window.
 * - 429: Stripe's `Retry-After` is honoured; other 4xx fail the stream with Stripe's message.
 *
 * The code component `fivetran.stripe.Records` (registered here) reads both a list page and
 * an events page: events are newest first, so it keeps only the newest state of each object
 * within a slice (an older one must not overwrite it).
 */

import { DELETED, loadManifest, type Manifest, registerComponent } from "../../declarative/index";
import { ConfigurationError } from "../../errors";

/** Stripe's list path of each object we sync, the `object` its items carry, and its event types. */
export interface StripeObjectInfo {
  path: string;
  object: string;
  /** The event type prefix (`customer` → `customer.*`); absent when Stripe sends no events for it. */
  events?: string;
}

export const STRIPE_OBJECT_INFO: Record<string, StripeObjectInfo> = {
  accounts: { path: "accounts", object: "account", events: "account" },
  application_fees: { path: "application_fees", object: "application_fee", events: "application_fee" },
  balance_transactions: { path: "balance_transactions", object: "balance_transaction" },
  charges: { path: "charges", object: "charge", events: "charge" },
  checkout_sessions: { path: "checkout/sessions", object: "checkout.session", events: "checkout.session" },
  coupons: { path: "coupons", object: "coupon", events: "coupon" },
  credit_notes: { path: "credit_notes", object: "credit_note", events: "credit_note" },
  customers: { path: "customers", object: "customer", events: "customer" },
  disputes: { path: "disputes", object: "dispute", events: "charge.dispute" },
  early_fraud_warnings: {
    path: "radar/early_fraud_warnings",
    object: "radar.early_fraud_warning",
    events: "radar.early_fraud_warning",
  },
  events: { path: "events", object: "event" },
  files: { path: "files", object: "file", events: "file" },
  invoiceitems: { path: "invoiceitems", object: "invoiceitem", events: "invoiceitem" },
  invoices: { path: "invoices", object: "invoice", events: "invoice" },
  payment_intents: { path: "payment_intents", object: "payment_intent", events: "payment_intent" },
  payment_links: { path: "payment_links", object: "payment_link", events: "payment_link" },
  payouts: { path: "payouts", object: "payout", events: "payout" },
  plans: { path: "plans", object: "plan", events: "plan" },
  prices: { path: "prices", object: "price", events: "price" },
  products: { path: "products", object: "product", events: "product" },
  promotion_codes: { path: "promotion_codes", object: "promotion_code", events: "promotion_code" },
  quotes: { path: "quotes", object: "quote", events: "quote" },
  refunds: { path: "refunds", object: "refund", events: "refund" },
  reviews: { path: "reviews", object: "review", events: "review" },
  setup_intents: { path: "setup_intents", object: "setup_intent", events: "setup_intent" },
  shipping_rates: { path: "shipping_rates", object: "shipping_rate" },
  subscription_schedules: {
    path: "subscription_schedules",
    object: "subscription_schedule",
    events: "subscription_schedule",
  },
  subscriptions: { path: "subscriptions", object: "subscription", events: "customer.subscription" },
  tax_rates: { path: "tax_rates", object: "tax_rate", events: "tax_rate" },
  topups: { path: "topups", object: "topup", events: "topup" },
  transfers: { path: "transfers", object: "transfer", events: "transfer" },
};

const STRIPE_RECORDS = "fivetran.stripe.Records";

/** Events are kept 30 days; past 29 the object is listed again (a day's margin for the run itself). */
const EVENTS_USABLE = "(stream_state.cursor and (stream_state.cursor | int) > (day_delta(-29, '%s') | int))";

type Json = Record<string, unknown>;

/** Object ids already given in a slice (newest first): a WeakMap on the slice, gone with it. */
const given = new WeakMap<object, Set<string>>();

registerComponent(STRIPE_RECORDS, {
  kind: "extractor",
  extract(response, ctx) {
    const object = String(ctx.options.object);
    const body = response.body as { object?: unknown; data?: unknown } | undefined;
    if (!body || body.object !== "list" || !Array.isArray(body.data)) {
      throw new ConfigurationError(
        `Stripe answered ${new URL(response.url).pathname} (${object}) with something other than a list`,
        "invalid_response",
      );
    }
    let seen = given.get(ctx.stream_slice);
    if (!seen) {
      seen = new Set();
      given.set(ctx.stream_slice, seen);
    }
    const out: Json[] = [];
    for (const item of body.data as Json[]) {
      if (item?.object !== "event" || object === "event") {
        out.push(item);
        continue;
      }
      const target = (item.data as Json | undefined)?.object as Json | undefined;
      // `customer.*` also matches customer.discount.*, customer.source.*…: other objects.
      if (!target || target.object !== object || typeof target.id !== "string") continue;
      if (seen.has(target.id)) continue;
      seen.add(target.id);
      const deleted = String(item.type).endsWith(".deleted") && object !== "subscription";
      out.push(deleted ? { ...target, [DELETED]: true } : { ...target });
    }
    return out;
  },
});

// ---------------------------------------------------------------------------------------
// Schemas of the objects most connections sync (others are inferred from their records).

type Kind = "string" | "integer" | "boolean" | "object" | "array";

function schema(fields: Record<string, Kind>): Json {
  return {
    type: "object",
    properties: Object.fromEntries(
      Object.entries(fields).map(([name, kind]) => [name, { type: name === "id" ? kind : ["null", kind] }]),
    ),
  };
}

const common: Record<string, Kind> = { id: "string", object: "string", created: "integer", livemode: "boolean" };

export const STRIPE_SCHEMAS: Record<string, Json> = {
  customers: schema({
    ...common,
    address: "object",
    balance: "integer",
    currency: "string",
    default_source: "string",
    delinquent: "boolean",
    description: "string",
    discount: "object",
    email: "string",
    invoice_prefix: "string",
    invoice_settings: "object",
    metadata: "object",
    name: "string",
    phone: "string",
    preferred_locales: "array",
    shipping: "object",
    tax_exempt: "string",
  }),
  subscriptions: schema({
    ...common,
    customer: "string",
    status: "string",
    cancel_at: "integer",
    cancel_at_period_end: "boolean",
    canceled_at: "integer",
    collection_method: "string",
    currency: "string",
    current_period_start: "integer",
    current_period_end: "integer",
    default_payment_method: "string",
    description: "string",
    ended_at: "integer",
    items: "object",
    latest_invoice: "string",
    metadata: "object",
    start_date: "integer",
    trial_start: "integer",
    trial_end: "integer",
  }),
  invoices: schema({
    ...common,
    customer: "string",
    subscription: "string",
    status: "string",
    amount_due: "integer",
    amount_paid: "integer",
    amount_remaining: "integer",
    attempted: "boolean",
    billing_reason: "string",
    collection_method: "string",
    currency: "string",
    due_date: "integer",
    hosted_invoice_url: "string",
    lines: "object",
    metadata: "object",
    number: "string",
    paid: "boolean",
    period_start: "integer",
    period_end: "integer",
    subtotal: "integer",
    total: "integer",
  }),
  charges: schema({
    ...common,
    amount: "integer",
    amount_captured: "integer",
    amount_refunded: "integer",
    balance_transaction: "string",
    captured: "boolean",
    currency: "string",
    customer: "string",
    description: "string",
    failure_code: "string",
    failure_message: "string",
    invoice: "string",
    metadata: "object",
    outcome: "object",
    paid: "boolean",
    payment_intent: "string",
    payment_method: "string",
    receipt_email: "string",
    refunded: "boolean",
    status: "string",
  }),
};

// ---------------------------------------------------------------------------------------

function stream(name: string): Json {
  const info = STRIPE_OBJECT_INFO[name] as StripeObjectInfo;
  const events = info.events !== undefined;
  const params: Json = {};
  if (events) params.type = `{{ '${info.events}.*' if ${EVENTS_USABLE} else '' }}`;
  // Without `status`, Stripe leaves canceled subscriptions out; the events path takes no status.
  if (name === "subscriptions") params.status = `{{ '' if ${EVENTS_USABLE} else 'all' }}`;
  return {
    type: "DeclarativeStream",
    name,
    primary_key: "id",
    ...(STRIPE_SCHEMAS[name] ? { schema_loader: { type: "InlineSchemaLoader", schema: STRIPE_SCHEMAS[name] } } : {}),
    incremental_sync: {
      type: "DatetimeBasedCursor",
      cursor_field: "created",
      datetime_format: "%s",
      start_datetime: "{{ config.start_date }}",
      lookback_window: "PT10M",
      // Yearly windows: a first sync of years of history checkpoints after each.
      step: "P1Y",
      cursor_granularity: "PT1S",
      start_time_option: { type: "RequestOption", inject_into: "request_parameter", field_name: "created[gte]" },
      end_time_option: { type: "RequestOption", inject_into: "request_parameter", field_name: "created[lte]" },
    },
    retriever: {
      type: "SimpleRetriever",
      requester: {
        $ref: "#/definitions/requester",
        path: events ? `{{ 'events' if ${EVENTS_USABLE} else '${info.path}' }}` : info.path,
        request_parameters: params,
      },
      record_selector: {
        type: "RecordSelector",
        extractor: { type: "CustomRecordExtractor", class_name: STRIPE_RECORDS, options: { object: info.object } },
      },
      paginator: { $ref: "#/definitions/paginator" },
    },
  };
}

const built = new Map<string, Manifest>();

/** The manifest for the objects a connection syncs (validated once per set of objects). */
export function stripeManifest(objects: readonly string[]): Manifest {
  const key = objects.join(",");
  let manifest = built.get(key);
  if (!manifest) {
    manifest = build(objects);
    built.set(key, manifest);
  }
  return manifest;
}

function build(objects: readonly string[]): Manifest {
  return loadManifest({
    version: "6.44.0",
    type: "DeclarativeSource",
    description: "Stripe (fivetran.do): lists, events for updates and deletes",
    definitions: {
      requester: {
        type: "HttpRequester",
        url_base: "https://api.stripe.com/v1",
        http_method: "GET",
        authenticator: { type: "BearerAuthenticator", api_token: "{{ config.api_key }}" },
        error_handler: {
          type: "DefaultErrorHandler",
          max_retries: 8,
          backoff_strategies: [{ type: "WaitTimeFromHeader", header: "Retry-After", max_waiting_time_in_seconds: 120 }],
          response_filters: [{ type: "HttpResponseFilter", http_codes: [429], action: "RATE_LIMITED" }],
        },
      },
      paginator: {
        type: "DefaultPaginator",
        pagination_strategy: {
          type: "CursorPagination",
          cursor_value: "{{ response.data[-1].id }}",
          stop_condition: "{{ not response.has_more or not response.data }}",
          page_size: 100,
        },
        page_size_option: { type: "RequestOption", inject_into: "request_parameter", field_name: "limit" },
        page_token_option: { type: "RequestOption", inject_into: "request_parameter", field_name: "starting_after" },
      },
    },
    streams: objects.map(stream),
    check: { type: "CheckStream", stream_names: [objects[0] ?? "customers"] },
  });
}

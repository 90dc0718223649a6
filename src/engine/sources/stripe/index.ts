import { z } from "@hono/zod-openapi";
import { manifestReader } from "../../declarative/index";
import type { ConnectorContext, SourceDefinition } from "../../protocol";
import { checkEach, renameKeys, schemaName } from "../../toolkit/common";
import { booleanish, secret } from "../../toolkit/config";
import { pickString, probe } from "../../toolkit/http";
import { stripeManifest } from "./manifest";

/** Stripe's API host; fakes answer it through ConnectorContext.fetch. */
export const STRIPE_API = "https://api.stripe.com";

/**
 * Objects our SDK names (`objects: ['customers', 'charges']`), as Stripe's list endpoints
 * (`GET /v1/<path>`). Only top-level lists: nested ones (subscription items, line items)
 * come with their parents.
 */
export const STRIPE_OBJECTS = {
  accounts: "accounts",
  application_fees: "application_fees",
  balance_transactions: "balance_transactions",
  charges: "charges",
  checkout_sessions: "checkout/sessions",
  coupons: "coupons",
  credit_notes: "credit_notes",
  customers: "customers",
  disputes: "disputes",
  early_fraud_warnings: "radar/early_fraud_warnings",
  events: "events",
  files: "files",
  invoiceitems: "invoiceitems",
  invoices: "invoices",
  payment_intents: "payment_intents",
  payment_links: "payment_links",
  payouts: "payouts",
  plans: "plans",
  prices: "prices",
  products: "products",
  promotion_codes: "promotion_codes",
  quotes: "quotes",
  refunds: "refunds",
  reviews: "reviews",
  setup_intents: "setup_intents",
  shipping_rates: "shipping_rates",
  subscription_schedules: "subscription_schedules",
  subscriptions: "subscriptions",
  tax_rates: "tax_rates",
  topups: "topups",
  transfers: "transfers",
} as const;

const objectNames = Object.keys(STRIPE_OBJECTS) as [keyof typeof STRIPE_OBJECTS, ...(keyof typeof STRIPE_OBJECTS)[]];

/** A secret (`sk_`) or restricted (`rk_`) key; a publishable key (`pk_`) reads nothing. */
const stripeKey = z
  .string()
  .trim()
  .refine(
    (key) => !/^pk_/.test(key),
    "a publishable key (pk_…) cannot read data; use a secret (sk_…) or restricted (rk_…) key",
  )
  .refine(
    (key) => /^(sk|rk)_(test|live)_[A-Za-z0-9]+$/.test(key),
    "expected a Stripe secret key (sk_live_…, sk_test_…) or restricted key (rk_live_…, rk_test_…)",
  );

/**
 * Stripe, in Fivetran's `stripe_config_V1` names. Fivetran accepts the key as `api_key` or
 * (restricted key) `access_token`; our SDK's `apiKey` maps onto `api_key`, and `objects`
 * (Stripe's list names) is our addition choosing what to sync.
 */
const fields = z
  .object({
    schema: schemaName,
    api_key: secret(stripeKey).optional(),
    access_token: secret(stripeKey).optional(),
    objects: z
      .array(z.enum(objectNames, { error: () => `unknown Stripe object; one of ${objectNames.join(", ")}` }))
      .min(1)
      .optional(),
    historical_sync_time_frame: z.enum(["ALL_TIME", "DATE_LIMIT"]).optional(),
    /** With DATE_LIMIT: the oldest `created` date synced (YYYY-MM-DD or an ISO timestamp). */
    backward_sync_limit: z
      .string()
      .trim()
      .refine(
        (text) => /^\d{4}-\d\d-\d\d/.test(text) && !Number.isNaN(Date.parse(text)),
        "expected a date (YYYY-MM-DD)",
      )
      .optional(),
    support_connected_accounts_sync: booleanish().optional(),
  })
  .superRefine((config, ctx) => {
    if (!config.api_key && !config.access_token) {
      ctx.addIssue({ code: "custom", path: ["api_key"], message: "a Stripe secret or restricted key is required" });
    }
    if (config.historical_sync_time_frame === "DATE_LIMIT" && !config.backward_sync_limit) {
      ctx.addIssue({
        code: "custom",
        path: ["backward_sync_limit"],
        message: "required with historical_sync_time_frame DATE_LIMIT",
      });
    }
    if (config.support_connected_accounts_sync === true) {
      // Reading connected accounts needs a Stripe-Account header per account: not implemented.
      ctx.addIssue({
        code: "custom",
        path: ["support_connected_accounts_sync"],
        message: "syncing connected accounts is not supported; leave it false",
      });
    }
  });

export type StripeSourceConfig = z.infer<typeof fields>;

/** What a connection syncs when it names no objects. */
export const STRIPE_DEFAULT_OBJECTS = ["customers", "subscriptions", "invoices", "charges"] as const;

/** Stripe's launch: nothing is older. */
const STRIPE_EPOCH = Date.UTC(2011, 0, 1);

/** The values the manifest's templates see as `config`. */
export function stripeValues(config: StripeSourceConfig): Record<string, unknown> {
  const limited = config.historical_sync_time_frame === "DATE_LIMIT" && config.backward_sync_limit;
  const start = limited ? Date.parse(config.backward_sync_limit as string) : STRIPE_EPOCH;
  return { api_key: config.api_key ?? config.access_token, start_date: String(Math.floor(start / 1000)) };
}

const objectsOf = (config: StripeSourceConfig): string[] => [...(config.objects ?? STRIPE_DEFAULT_OBJECTS)];

function stripeError(body: unknown): string | undefined {
  return pickString(body, "error", "message");
}

function authorization(config: StripeSourceConfig): HeadersInit {
  return { Authorization: `Bearer ${config.api_key ?? config.access_token}` };
}

function get(ctx: ConnectorContext, config: StripeSourceConfig, path: string, title: string) {
  return probe(
    ctx,
    `${STRIPE_API}/v1/${path}`,
    { headers: authorization(config) },
    {
      title,
      vendor: "Stripe",
      errorMessage: stripeError,
      success: (body) => {
        const live = (body as { livemode?: boolean } | undefined)?.livemode;
        return live === undefined
          ? "Stripe accepted the key"
          : `Stripe accepted the key (${live ? "live" : "test"} mode)`;
      },
    },
  );
}

export const stripeSource: SourceDefinition<typeof fields> = {
  service: "stripe",
  naming: "schema",
  info: {
    name: "Stripe",
    type: "Finance",
    description:
      "Payments, customers, subscriptions and invoices from the Stripe API (a declarative manifest: lists, then events for updates and deletes)",
    linkToDocs: "https://fivetran.com/docs/connectors/applications/stripe",
    features: [
      { id: "API_CONFIGURABLE" },
      { id: "CAPTURE_DELETES", notes: "From Stripe's *.deleted events (kept 30 days by Stripe)" },
    ],
  },
  fields,
  normalize: (input) => renameKeys(input, { apiKey: "api_key" }),
  reader: manifestReader<StripeSourceConfig>({
    manifest: (config) => stripeManifest(objectsOf(config)),
    values: stripeValues,
    namespace: (config) => config.schema,
    vendor: "Stripe",
  }),
  async check(config, ctx) {
    // The cheapest authenticated call; a restricted key without Balance read gets a 403
    // whose message names the missing permission.
    const connect = await get(ctx, config, "balance", "Connecting to Stripe");
    const tests = [connect.test];
    if (!connect.ok || !config.objects) return tests;
    tests.push(
      await checkEach("Validating object access", config.objects, (name) =>
        get(ctx, config, `${STRIPE_OBJECTS[name]}?limit=1`, "Validating object access"),
      ),
    );
    return tests;
  },
};

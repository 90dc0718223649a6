import { z } from "@hono/zod-openapi";
import { manifestReader } from "../../declarative/index";
import type { SetupTest, SourceDefinition } from "../../protocol";
import { renameKeys, schemaName } from "../../toolkit/common";
import { secret } from "../../toolkit/config";
import { pick, probe } from "../../toolkit/http";
import { SHOPIFY_GRAPHQL_VERSION, shopifyManifest } from "./manifest";

/**
 * The Admin API version we speak. Shopify supports each quarterly version for at least
 * twelve months and then serves the oldest supported one instead, so this moves forward
 * with the read paths.
 */
export const SHOPIFY_API_VERSION = SHOPIFY_GRAPHQL_VERSION;

/** Scopes without which the core tables (orders, products, customers) stay empty. */
export const SHOPIFY_CORE_SCOPES = ["read_customers", "read_orders", "read_products"];

/** `https://acme.myshopify.com/` and `acme.myshopify.com` → `acme`; anything else as given. */
export function shopName(value: unknown): unknown {
  if (typeof value !== "string") return value;
  return value
    .trim()
    .replace(/^https?:\/\//i, "")
    .replace(/\/.*$/, "")
    .replace(/\.myshopify\.com$/i, "")
    .toLowerCase();
}

/**
 * Shopify, in Fivetran's `shopify_config_V1` names: `shop` is the store's myshopify.com
 * name and `api_access_token` a custom app's Admin API token (`shpat_…`). Our SDK's
 * `shopDomain` and `accessToken` map onto them.
 */
const fields = z
  .object({
    schema: schemaName,
    shop: z.preprocess(
      shopName,
      z
        .string()
        .min(1)
        .regex(
          /^[a-z0-9][a-z0-9-]*$/,
          "the store's myshopify.com name (acme for acme.myshopify.com), not a custom domain",
        ),
    ),
    api_access_token: secret(z.string().trim().min(1)),
    client_id: z.string().trim().min(1).optional(),
    client_secret: secret(z.string().trim().min(1)).optional(),
    historical_sync_time_frame: z.enum(["ALL_TIME", "DATE_LIMIT"]).optional(),
    /** With DATE_LIMIT: the oldest `updated_at` synced (YYYY-MM-DD or an ISO timestamp). */
    backward_sync_limit: z
      .string()
      .trim()
      .refine(
        (text) => /^\d{4}-\d\d-\d\d/.test(text) && !Number.isNaN(Date.parse(text)),
        "expected a date (YYYY-MM-DD)",
      )
      .optional(),
  })
  .superRefine((config, ctx) => {
    if (config.historical_sync_time_frame === "DATE_LIMIT" && !config.backward_sync_limit) {
      ctx.addIssue({
        code: "custom",
        path: ["backward_sync_limit"],
        message: "required with historical_sync_time_frame DATE_LIMIT",
      });
    }
  });

export type ShopifySourceConfig = z.infer<typeof fields>;

/** Shopify's founding: no store has older data. */
const SHOPIFY_EPOCH = "2006-01-01T00:00:00Z";

/** The values the manifest's templates see as `config`. */
export function shopifyValues(config: ShopifySourceConfig): Record<string, unknown> {
  const limited = config.historical_sync_time_frame === "DATE_LIMIT" && config.backward_sync_limit;
  const start = limited
    ? `${new Date(Date.parse(config.backward_sync_limit as string)).toISOString().slice(0, 19)}Z`
    : SHOPIFY_EPOCH;
  return { shop: config.shop, api_access_token: config.api_access_token, start_date: start };
}

/** Shopify's `{errors: "…"}` or `{errors: {field: ["…"]}}`. */
function shopifyError(body: unknown): string | undefined {
  const errors = pick(body, "errors");
  if (typeof errors === "string") return errors;
  if (errors && typeof errors === "object") {
    return Object.entries(errors)
      .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(", ") : String(value)}`)
      .join("; ");
  }
  return undefined;
}

export const shopifySource: SourceDefinition<typeof fields> = {
  service: "shopify",
  naming: "schema",
  info: {
    name: "Shopify",
    type: "Marketing",
    description:
      "Orders, customers and products from a Shopify store's GraphQL Admin API (a declarative manifest: incremental by updated_at, cost-based throttling)",
    linkToDocs: "https://fivetran.com/docs/connectors/applications/shopify",
    features: [
      { id: "API_CONFIGURABLE" },
      {
        id: "CAPTURE_DELETES",
        notes: "Products only, from Shopify's deletionEvents (none exist for orders or customers)",
      },
    ],
  },
  fields,
  normalize: (input) => renameKeys(input, { shopDomain: "shop", accessToken: "api_access_token" }),
  reader: manifestReader<ShopifySourceConfig>({
    manifest: () => shopifyManifest(),
    values: shopifyValues,
    namespace: (config) => config.schema,
    vendor: "Shopify",
  }),
  async check(config, ctx) {
    const base = `https://${config.shop}.myshopify.com/admin`;
    const headers = { "X-Shopify-Access-Token": config.api_access_token, Accept: "application/json" };
    const shop = await probe(
      ctx,
      `${base}/api/${SHOPIFY_API_VERSION}/shop.json`,
      { headers },
      {
        title: "Connecting to Shopify",
        vendor: "Shopify",
        errorMessage: shopifyError,
        success: (body) => {
          const name = pick(body, "shop", "name");
          const plan = pick(body, "shop", "plan_name");
          return `Connected to ${typeof name === "string" ? name : config.shop}${typeof plan === "string" ? ` (${plan} plan)` : ""}`;
        },
        classify: (response, _body, message) =>
          response.status === 404
            ? {
                title: "Connecting to Shopify",
                status: "FAILED",
                message: `No store named '${config.shop}.myshopify.com' (404${message ? `: ${message}` : ""})`,
                details: { status: 404, auth: false },
              }
            : undefined,
      },
    );
    const tests: SetupTest[] = [shop.test];
    if (!shop.ok) return tests;

    const scopes = await probe(
      ctx,
      `${base}/oauth/access_scopes.json`,
      { headers },
      {
        title: "Checking access scopes",
        vendor: "Shopify",
        errorMessage: shopifyError,
      },
    );
    if (!scopes.ok) {
      tests.push(scopes.test);
      return tests;
    }
    const granted = ((pick(scopes.body, "access_scopes") as { handle?: string }[] | undefined) ?? []).map(
      (s) => s.handle,
    );
    // A write scope implies the read one (Shopify grants read_x with write_x).
    const has = (scope: string) => granted.includes(scope) || granted.includes(scope.replace(/^read_/, "write_"));
    const missing = SHOPIFY_CORE_SCOPES.filter((scope) => !has(scope));
    tests.push(
      missing.length === 0
        ? { title: "Checking access scopes", status: "PASSED", message: `${granted.length} scope(s) granted` }
        : {
            title: "Checking access scopes",
            status: "WARNING",
            message: `The app's token lacks ${missing.join(", ")}; those tables will not sync. Add the scopes to the custom app and reinstall it`,
          },
    );
    return tests;
  },
};

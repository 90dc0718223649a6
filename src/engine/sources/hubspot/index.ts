import { z } from "@hono/zod-openapi";
import type { ConnectorContext, SourceDefinition } from "../../protocol";
import { checkEach, renameKeys, schemaName } from "../../toolkit/common";
import { booleanish, secret } from "../../toolkit/config";
import { type ProbeResult, pick, pickString, probe } from "../../toolkit/http";

/** HubSpot's API host; fakes answer it through ConnectorContext.fetch. */
export const HUBSPOT_API = "https://api.hubapi.com";

/** CRM object types readable with `GET /crm/v3/objects/{objectType}`. */
export const HUBSPOT_OBJECTS = [
  "appointments",
  "calls",
  "carts",
  "commerce_payments",
  "communications",
  "companies",
  "contacts",
  "courses",
  "deals",
  "discounts",
  "emails",
  "feedback_submissions",
  "fees",
  "goal_targets",
  "invoices",
  "leads",
  "line_items",
  "listings",
  "meetings",
  "notes",
  "orders",
  "postal_mail",
  "products",
  "quotes",
  "services",
  "subscriptions",
  "taxes",
  "tasks",
  "tickets",
  "users",
] as const;

/** Custom objects go by fully qualified name (`p_cars`, `p12345_cars`) or type id (`2-3456`). */
const CUSTOM_OBJECT = /^(p\d*_[a-z0-9_]+|\d+-\d+)$/i;

const objectType = z
  .string()
  .trim()
  .refine(
    (name) => (HUBSPOT_OBJECTS as readonly string[]).includes(name) || CUSTOM_OBJECT.test(name),
    `unknown HubSpot object; one of ${HUBSPOT_OBJECTS.join(", ")}, or a custom object as p_<name> or its objectTypeId (2-…)`,
  );

/**
 * HubSpot, in Fivetran's `hubspot_config_V1` names, authenticated with a private app's
 * access token (HubSpot retired API keys in 2022, so our SDK's `apiKey` is that token).
 * `client_secret` is the private app's secret Fivetran uses to verify webhooks; `objects`
 * is our addition choosing what to sync.
 */
const fields = z.object({
  schema: schemaName,
  access_token: secret(z.string().trim().min(1)),
  client_secret: secret(z.string().trim().min(1)).optional(),
  objects: z.array(objectType).min(1).optional(),
  historical_sync_time_frame: z.enum(["ALL_TIME", "DATE_LIMIT"]).optional(),
  backward_sync_limit_date: z.iso.date().optional(),
  sync_sensitive_data: booleanish().optional(),
  sync_highly_sensitive_data: booleanish().optional(),
});

export type HubspotSourceConfig = z.infer<typeof fields>;

/** HubSpot's `{status: "error", message, category, errors: [{context: {requiredGranularScopes}}]}`. */
function hubspotError(body: unknown): string | undefined {
  const message = pickString(body, "message");
  const scopes = pick(body, "errors", 0, "context", "requiredGranularScopes");
  if (message && Array.isArray(scopes) && scopes.length > 0)
    return `${message} (required scopes: ${scopes.join(", ")})`;
  return message;
}

function readOne(ctx: ConnectorContext, config: HubspotSourceConfig, object: string, title: string) {
  const url = `${HUBSPOT_API}/crm/v3/objects/${encodeURIComponent(object)}?limit=1&archived=false`;
  return probe(
    ctx,
    url,
    { headers: { Authorization: `Bearer ${config.access_token}` } },
    {
      title,
      vendor: "HubSpot",
      errorMessage: hubspotError,
      success: () => `HubSpot accepted the access token (read ${object})`,
    },
  );
}

export const hubspotSource: SourceDefinition<typeof fields> = {
  service: "hubspot",
  naming: "schema",
  info: {
    name: "HubSpot",
    type: "Marketing",
    description: "CRM objects (contacts, companies, deals, tickets, engagements) from the HubSpot API",
    linkToDocs: "https://fivetran.com/docs/connectors/applications/hubspot",
    features: [{ id: "API_CONFIGURABLE" }],
  },
  fields,
  normalize: (input) => renameKeys(input, { apiKey: "access_token", accessToken: "access_token" }),
  async check(config, ctx) {
    // A one-row read proves the token and its scope for the first object; HubSpot has no
    // scope-free endpoint for private app tokens.
    const objects = config.objects ?? ["contacts"];
    const seen = new Map<string, ProbeResult>();
    const first = await readOne(ctx, config, objects[0] ?? "contacts", "Connecting to HubSpot");
    seen.set(objects[0] ?? "contacts", first);
    const tests = [first.test];
    if (!first.ok || !config.objects) return tests;
    tests.push(
      await checkEach("Validating object access", objects, async (object) => {
        return seen.get(object) ?? readOne(ctx, config, object, "Validating object access");
      }),
    );
    return tests;
  },
};

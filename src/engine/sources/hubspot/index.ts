import { z } from "@hono/zod-openapi";
import type { ConnectorContext, SetupTest, SourceDefinition } from "../../protocol";
import { checkEach, renameKeys, schemaName } from "../../toolkit/common";
import { booleanish, secret } from "../../toolkit/config";
import { type ProbeResult, probe } from "../../toolkit/http";
import { HUBSPOT_API } from "./manifest";
import { hubspotError, hubspotReader, hubspotToken } from "./reader";

export { HUBSPOT_API, HUBSPOT_DEFAULT_OBJECTS } from "./manifest";
export { hubspotError } from "./reader";

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
 * HubSpot, in Fivetran's `hubspot_config_V1` names. Two ways in: a private app's access token
 * (HubSpot retired API keys in 2022, so our SDK's `apiKey` is that token), or OAuth2 with an
 * app's `client_id`, `client_secret` and a `refresh_token` (access tokens are minted and
 * refreshed as they expire). `objects` is our addition choosing what to sync.
 */
const fields = z
  .object({
    schema: schemaName,
    access_token: secret(z.string().trim().min(1)).optional(),
    client_id: z.string().trim().min(1).optional(),
    client_secret: secret(z.string().trim().min(1)).optional(),
    refresh_token: secret(z.string().trim().min(1)).optional(),
    objects: z.array(objectType).min(1).optional(),
    historical_sync_time_frame: z.enum(["ALL_TIME", "DATE_LIMIT"]).optional(),
    /** With DATE_LIMIT: the first sync reads the records modified since this date. */
    backward_sync_limit_date: z.iso.date().optional(),
    /** Also sync properties HubSpot marks sensitive (the token needs the sensitive scopes). */
    sync_sensitive_data: booleanish().optional(),
    /** Also sync properties HubSpot marks highly sensitive. */
    sync_highly_sensitive_data: booleanish().optional(),
  })
  .superRefine((config, ctx) => {
    const oauth = [config.client_id, config.refresh_token].some((v) => v !== undefined);
    if (!config.access_token && !oauth) {
      ctx.addIssue({
        code: "custom",
        path: ["access_token"],
        message: "a private app access token (or client_id, client_secret and refresh_token for OAuth) is required",
      });
    }
    if (oauth || (config.client_secret && !config.access_token)) {
      for (const key of ["client_id", "client_secret", "refresh_token"] as const) {
        if (!config[key]) ctx.addIssue({ code: "custom", path: [key], message: "required for OAuth" });
      }
    } else if (config.client_secret) {
      // Fivetran takes a private app's secret to verify webhooks; we receive none.
      ctx.addIssue({
        code: "custom",
        path: ["client_secret"],
        message: "client_secret is used with client_id and refresh_token (OAuth); webhooks are not supported",
      });
    }
    if (config.access_token && oauth) {
      ctx.addIssue({
        code: "custom",
        path: ["access_token"],
        message: "give an access token or OAuth credentials, not both",
      });
    }
    if (config.historical_sync_time_frame === "DATE_LIMIT" && !config.backward_sync_limit_date) {
      ctx.addIssue({
        code: "custom",
        path: ["backward_sync_limit_date"],
        message: "required with historical_sync_time_frame DATE_LIMIT",
      });
    }
  });

export type HubspotSourceConfig = z.infer<typeof fields>;

function readOne(ctx: ConnectorContext, token: string, object: string, title: string) {
  const url = `${HUBSPOT_API}/crm/v3/objects/${encodeURIComponent(object)}?limit=1&archived=false`;
  return probe(
    ctx,
    url,
    { headers: { Authorization: `Bearer ${token}` } },
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
    description:
      "CRM objects (contacts, companies, deals, tickets and others) and their associations from HubSpot's CRM v3 API (a declarative manifest: lists, then searches by last-modified date; archived records as deletes)",
    linkToDocs: "https://fivetran.com/docs/connectors/applications/hubspot",
    features: [
      { id: "API_CONFIGURABLE" },
      { id: "CAPTURE_DELETES", notes: "Archived records (HubSpot keeps them 90 days)" },
    ],
  },
  fields,
  normalize: (input) =>
    renameKeys(input, {
      apiKey: "access_token",
      accessToken: "access_token",
      clientId: "client_id",
      clientSecret: "client_secret",
      refreshToken: "refresh_token",
    }),
  reader: hubspotReader(),
  async check(config, ctx) {
    // A one-row read proves the token and its scope for the first object; HubSpot has no
    // scope-free endpoint for private app tokens.
    let token: string;
    try {
      token = (await hubspotToken(config, ctx)).token;
    } catch (error) {
      const failed: SetupTest = {
        title: "Connecting to HubSpot",
        status: "FAILED",
        message: error instanceof Error ? error.message : String(error),
        details: { auth: true },
      };
      return [failed];
    }
    const objects = config.objects ?? ["contacts"];
    const seen = new Map<string, ProbeResult>();
    const first = await readOne(ctx, token, objects[0] ?? "contacts", "Connecting to HubSpot");
    seen.set(objects[0] ?? "contacts", first);
    const tests = [first.test];
    if (!first.ok || !config.objects) return tests;
    tests.push(
      await checkEach("Validating object access", objects, async (object) => {
        return seen.get(object) ?? readOne(ctx, token, object, "Validating object access");
      }),
    );
    return tests;
  },
};

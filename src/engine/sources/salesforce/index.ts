import { z } from "@hono/zod-openapi";
import { InvalidInputError } from "../../errors";
import type { ConnectorContext, SetupTest, SourceDefinition } from "../../protocol";
import { isRecord, listSome, schemaName } from "../../toolkit/common";
import { booleanish, MASK, secret } from "../../toolkit/config";
import { pick, pickString, probe, rateLimited, shorten } from "../../toolkit/http";
import { salesforceReader } from "./manifest";

/** Where OAuth starts when no My Domain (`base_url`) is configured. */
export const SALESFORCE_LOGIN = "https://login.salesforce.com";

/** The REST API version we speak (Winter '25); every org from then on serves it. */
export const SALESFORCE_API_VERSION = "62.0";

const httpsUrl = z
  .string()
  .trim()
  .url()
  .refine((url) => url.startsWith("https://"), "must start with https://")
  .transform((url) => url.replace(/\/+$/, ""));

/**
 * Salesforce, in Fivetran's names: `salesforce_config_V1` (`base_url`, `api_usage_limit`,
 * …) plus the connected app credentials Fivetran takes in `salesforce_auth_V1`
 * (`client_access.client_id`, `client_access.client_secret`, `refresh_token`), kept
 * flat here so each secret is marked and masked on its own. `objects` (sObject API
 * names) is our addition choosing what to sync.
 */
const fields = z.object({
  schema: schemaName,
  /** My Domain (`https://acme.my.salesforce.com`), sandbox login, or custom domain. */
  base_url: httpsUrl.optional(),
  client_id: z.string().trim().min(1),
  client_secret: secret(z.string().trim().min(1)),
  /** From the web-server flow; without it we use the client credentials flow. */
  refresh_token: secret(z.string().trim().min(1)).optional(),
  objects: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[A-Za-z][A-Za-z0-9_]*$/, "an sObject API name such as Account or Invoice__c"),
    )
    .min(1)
    .optional(),
  api_usage_limit: z.coerce.number().int().min(50).max(90).optional(),
  authentication_method: z.enum(["STANDARD"]).optional(),
  sync_formula_fields: booleanish().optional(),
  update_infrequent_objects_in_every_sync: booleanish()
    .refine((every) => every !== false, "every object is updated in every sync; leave it true or unset")
    .optional(),
});

export type SalesforceSourceConfig = z.infer<typeof fields>;

const CREDENTIAL_KEYS: Record<string, string> = {
  clientId: "client_id",
  client_id: "client_id",
  clientSecret: "client_secret",
  client_secret: "client_secret",
  refreshToken: "refresh_token",
  refresh_token: "refresh_token",
  instanceUrl: "base_url",
  loginUrl: "base_url",
  baseUrl: "base_url",
  base_url: "base_url",
};

/** Flattens `{clientId, …}`, `{client_id, …}` or Fivetran's `{client_access: {…}, refresh_token}`. */
function flattenCredentials(value: unknown, field: string): Record<string, unknown> {
  let credentials = value;
  if (typeof credentials === "string") {
    try {
      credentials = JSON.parse(credentials);
    } catch {
      throw new InvalidInputError(`Invalid value for field 'config.${field}': expected an object or its JSON`);
    }
  }
  if (!isRecord(credentials)) {
    throw new InvalidInputError(`Invalid value for field 'config.${field}': expected an object or its JSON`);
  }
  const out: Record<string, unknown> = {};
  const sources = [isRecord(credentials.client_access) ? credentials.client_access : {}, credentials];
  for (const source of sources) {
    for (const [key, target] of Object.entries(CREDENTIAL_KEYS)) {
      // A masked secret sent back must not overwrite the stored one.
      if (source[key] !== undefined && source[key] !== MASK && out[target] === undefined) out[target] = source[key];
    }
  }
  return out;
}

function salesforceError(body: unknown): string | undefined {
  // REST errors are `[{message, errorCode}]`; OAuth errors `{error, error_description}`.
  const code = pickString(body, 0, "errorCode");
  const message = pickString(body, 0, "message");
  if (message) return code ? `${code}: ${message}` : message;
  const error = pickString(body, "error");
  const description = pickString(body, "error_description");
  return error ? `${error}${description ? `: ${description}` : ""}` : undefined;
}

async function authenticate(
  ctx: ConnectorContext,
  config: SalesforceSourceConfig,
): Promise<{ test: SetupTest; token?: { access_token: string; instance_url: string } }> {
  const title = "Authenticating with Salesforce";
  const form = new URLSearchParams({ client_id: config.client_id, client_secret: config.client_secret });
  if (config.refresh_token) {
    form.set("grant_type", "refresh_token");
    form.set("refresh_token", config.refresh_token);
  } else if (config.base_url) {
    form.set("grant_type", "client_credentials");
  } else {
    return {
      test: {
        title,
        status: "FAILED",
        message:
          "Without a refresh_token the client credentials flow is used, and Salesforce only serves it on your My Domain: set base_url to https://<domain>.my.salesforce.com",
        details: { auth: true },
      },
    };
  }
  const result = await probe(
    ctx,
    `${config.base_url ?? SALESFORCE_LOGIN}/services/oauth2/token`,
    {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body: form,
    },
    {
      title,
      vendor: "Salesforce",
      errorMessage: salesforceError,
      // The token endpoint answers a bad grant or client with 400; that is a credentials problem.
      classify: (response, _body, message) =>
        response.status === 400
          ? {
              title,
              status: "FAILED",
              message: `Salesforce refused the token request (400)${message ? `: ${shorten(message)}` : ""}`,
              details: { status: 400, auth: true },
            }
          : undefined,
      success: () => `Obtained an access token (${config.refresh_token ? "refresh token" : "client credentials"} flow)`,
    },
  );
  const accessToken = pickString(result.body, "access_token");
  const instanceUrl = pickString(result.body, "instance_url");
  if (!result.ok) return { test: result.test };
  if (!accessToken || !instanceUrl?.startsWith("https://")) {
    return {
      test: { title, status: "FAILED", message: "Salesforce's token response lacks access_token or instance_url" },
    };
  }
  return { test: result.test, token: { access_token: accessToken, instance_url: instanceUrl.replace(/\/+$/, "") } };
}

function checkObjects(wanted: string[], sobjects: { name?: string; queryable?: boolean }[]): SetupTest {
  const title = "Validating objects";
  const byName = new Map(sobjects.map((s) => [String(s.name).toLowerCase(), s]));
  const missing = wanted.filter((name) => !byName.has(name.toLowerCase()));
  const unqueryable = wanted.filter((name) => byName.get(name.toLowerCase())?.queryable === false);
  if (missing.length > 0 || unqueryable.length > 0) {
    const parts = [
      missing.length ? `not found or not visible to this user: ${listSome(missing)}` : "",
      unqueryable.length ? `not queryable: ${listSome(unqueryable)}` : "",
    ].filter(Boolean);
    return { title, status: "FAILED", message: `Objects ${parts.join("; ")}` };
  }
  return { title, status: "PASSED", message: `${wanted.length} object(s) queryable: ${listSome(wanted)}` };
}

export const salesforceSource: SourceDefinition<typeof fields> = {
  service: "salesforce",
  naming: "schema",
  info: {
    name: "Salesforce",
    type: "Sales",
    description:
      "Standard and custom objects from the Salesforce REST API (a declarative manifest built from describe: queryAll by SystemModstamp)",
    linkToDocs: "https://fivetran.com/docs/connectors/applications/salesforce",
    features: [
      { id: "API_CONFIGURABLE" },
      { id: "CAPTURE_DELETES", notes: "Deleted records still in the recycle bin (queryAll, IsDeleted)" },
    ],
  },
  fields,
  reader: salesforceReader<SalesforceSourceConfig>(),
  normalize(input) {
    const { credentials, auth, ...rest } = input;
    const out: Record<string, unknown> = {};
    if (auth !== undefined) Object.assign(out, flattenCredentials(auth, "auth"));
    if (credentials !== undefined) Object.assign(out, flattenCredentials(credentials, "credentials"));
    // Explicit Fivetran names win over what the credentials bundle carried.
    for (const [key, value] of Object.entries(rest)) if (value !== undefined) out[key] = value;
    return out;
  },
  async check(config, ctx) {
    const auth = await authenticate(ctx, config);
    const tests: SetupTest[] = [auth.test];
    if (!auth.token) return tests;
    const title = "Connecting to Salesforce";
    const describe = await probe(
      ctx,
      `${auth.token.instance_url}/services/data/v${SALESFORCE_API_VERSION}/sobjects`,
      { headers: { Authorization: `Bearer ${auth.token.access_token}`, Accept: "application/json" } },
      {
        title,
        vendor: "Salesforce",
        errorMessage: salesforceError,
        // Salesforce signals an exhausted daily API allowance with 403 REQUEST_LIMIT_EXCEEDED.
        classify: (response, body, message) =>
          pickString(body, 0, "errorCode") === "REQUEST_LIMIT_EXCEEDED"
            ? rateLimited(title, "Salesforce", response, message, ctx.now())
            : undefined,
        success: (body) => {
          const count = (pick(body, "sobjects") as unknown[] | undefined)?.length ?? 0;
          return `Connected to ${new URL(auth.token?.instance_url ?? SALESFORCE_LOGIN).host} (API v${SALESFORCE_API_VERSION}, ${count} objects visible)`;
        },
      },
    );
    tests.push(describe.test);
    if (describe.ok && config.objects) {
      const sobjects = (pick(describe.body, "sobjects") as { name?: string; queryable?: boolean }[] | undefined) ?? [];
      tests.push(checkObjects(config.objects, sobjects));
    }
    return tests;
  },
};

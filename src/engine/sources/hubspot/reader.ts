/**
 * HubSpot's reader: per run, an access token (the private app's, or one minted from the OAuth
 * refresh token), each object's properties (`GET /crm/v3/properties/{type}`), then the manifest
 * built from them (manifest.ts) run on the declarative engine. The token minted here is handed
 * to the manifest's OAuthAuthenticator, which refreshes it as it expires.
 */
import { manifestReader } from "../../declarative/index";
import { ConfigurationError } from "../../errors";
import type { ConnectorContext, SourceReader } from "../../protocol";
import { pick, pickString } from "../../toolkit/http";
import { HttpClient } from "../../toolkit/http-client";
import type { HubspotSourceConfig } from "./index";
import {
  HUBSPOT_API,
  HUBSPOT_DEFAULT_OBJECTS,
  type HubspotPropertyInfo,
  hubspotManifest,
  lastModifiedProperty,
} from "./manifest";

/** HubSpot's `{status: "error", message, category, errors: [{context: {requiredGranularScopes}}]}`. */
export function hubspotError(body: unknown): string | undefined {
  const message = pickString(body, "message");
  const scopes = pick(body, "errors", 0, "context", "requiredGranularScopes");
  if (message && Array.isArray(scopes) && scopes.length > 0)
    return `${message} (required scopes: ${scopes.join(", ")})`;
  return message;
}

function client(ctx: ConnectorContext): HttpClient {
  return new HttpClient({
    fetch: ctx.fetch,
    signal: ctx.signal,
    vendor: "HubSpot",
    now: () => ctx.now(),
    errorMessage: hubspotError,
  });
}

const isOauth = (config: HubspotSourceConfig) => config.refresh_token !== undefined;

/** An access token for the config: the private app's, or one minted from the refresh token. */
export async function hubspotToken(
  config: HubspotSourceConfig,
  ctx: ConnectorContext,
): Promise<{ token: string; expiresAt?: number }> {
  if (!isOauth(config)) return { token: config.access_token ?? "" };
  const form = new URLSearchParams({
    grant_type: "refresh_token",
    client_id: config.client_id ?? "",
    client_secret: config.client_secret ?? "",
    refresh_token: config.refresh_token ?? "",
  });
  const body = await client(ctx)
    .json<{ access_token?: unknown; expires_in?: unknown }>(`${HUBSPOT_API}/oauth/v1/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: form.toString(),
    })
    .catch((error: unknown) => {
      if (error instanceof Error) error.message = `HubSpot's OAuth token refresh failed: ${error.message}`;
      throw error;
    });
  if (typeof body.access_token !== "string" || !body.access_token) {
    throw new ConfigurationError("HubSpot's OAuth token answer holds no access_token", "invalid_response");
  }
  const expires = Number(body.expires_in);
  return {
    token: body.access_token,
    expiresAt: Number.isFinite(expires) ? ctx.now().getTime() + expires * 1000 : undefined,
  };
}

/** The properties of an object a connection syncs (sensitive ones only when it asks). */
async function properties(
  config: HubspotSourceConfig,
  ctx: ConnectorContext,
  token: string,
  type: string,
): Promise<HubspotPropertyInfo[]> {
  const body = await client(ctx)
    .json<{ results?: unknown }>(`${HUBSPOT_API}/crm/v3/properties/${encodeURIComponent(type)}`, {
      headers: { Authorization: `Bearer ${token}`, Accept: "application/json" },
    })
    .catch((error: unknown) => {
      if (error instanceof Error) error.message = `listing the properties of ${type}: ${error.message}`;
      throw error;
    });
  if (!Array.isArray(body.results)) {
    throw new ConfigurationError(`HubSpot listed no properties of ${type}`, "invalid_response");
  }
  const out: HubspotPropertyInfo[] = [];
  for (const p of body.results as { name?: unknown; type?: unknown; dataSensitivity?: unknown }[]) {
    if (typeof p?.name !== "string") continue;
    const sensitivity = typeof p.dataSensitivity === "string" ? p.dataSensitivity : "non_sensitive";
    if (sensitivity === "sensitive" && config.sync_sensitive_data !== true) continue;
    if (sensitivity === "highly_sensitive" && config.sync_highly_sensitive_data !== true) continue;
    out.push({ name: p.name, type: typeof p.type === "string" ? p.type : "string" });
  }
  if (!out.some((p) => p.name === lastModifiedProperty(type))) {
    throw new ConfigurationError(
      `HubSpot's properties of ${type} have no ${lastModifiedProperty(type)}: it cannot be read incrementally`,
      "invalid_response",
    );
  }
  return out;
}

/** The values the manifest's templates see as `config`. */
function values(config: HubspotSourceConfig, held: { token: string; expiresAt?: number }): Record<string, unknown> {
  const limited = config.historical_sync_time_frame === "DATE_LIMIT" && config.backward_sync_limit_date;
  return {
    access_token: config.access_token ?? "",
    client_id: config.client_id ?? "",
    client_secret: config.client_secret ?? "",
    refresh_token: config.refresh_token ?? "",
    oauth_access_token: isOauth(config) ? held.token : "",
    oauth_expires_at: held.expiresAt !== undefined ? new Date(held.expiresAt).toISOString() : "",
    // 0 (no limit) lists on the first sync; a date searches from it.
    start_ms: limited ? String(Date.parse(config.backward_sync_limit_date as string)) : "0",
  };
}

/** The reader: a token, the properties, the manifest, and the engine's reader of it. */
export function hubspotReader(): SourceReader<HubspotSourceConfig> {
  const delegate = async (config: HubspotSourceConfig, ctx: ConnectorContext) => {
    const held = await hubspotToken(config, ctx);
    const objects = [];
    for (const type of config.objects ?? [...HUBSPOT_DEFAULT_OBJECTS]) {
      objects.push({ type, properties: await properties(config, ctx, held.token, type) });
    }
    const manifest = hubspotManifest(objects, isOauth(config) ? "oauth" : "private_app");
    return manifestReader<HubspotSourceConfig>({
      manifest: () => manifest,
      values: (c) => values(c, held),
      namespace: (c) => c.schema,
      vendor: "HubSpot",
    });
  };
  return {
    async discover(config, ctx, hints) {
      return (await delegate(config, ctx)).discover(config, ctx, hints);
    },
    async open(config, ctx) {
      return (await delegate(config, ctx)).open(config, ctx);
    },
  };
}

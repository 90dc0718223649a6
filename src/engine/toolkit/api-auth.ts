/**
 * Authentication for the generic `rest` and `graphql` sources: none, a bearer token, HTTP
 * Basic, or an API key in a named header. Kept as flat config fields so every secret is
 * its own `secret()` field (masked and encrypted on its own); our SDK's nested `auth`
 * object maps onto them.
 */
import { z } from "@hono/zod-openapi";
import { InvalidInputError } from "../errors";
import { isRecord } from "./common";
import { MASK, secret } from "./config";
import { pickString } from "./http";

/** The config fields every API source spreads into its schema. */
export const apiAuthFields = {
  auth_type: z.enum(["none", "bearer", "basic", "api_key"]).default("none"),
  /** bearer: sent as `Authorization: Bearer <token>`. */
  token: secret(z.string().trim().min(1)).optional(),
  /** basic: sent as `Authorization: Basic base64(username:password)`. */
  username: z.string().min(1).optional(),
  password: secret(z.string()).optional(),
  /** api_key: sent as `<api_key_header>: <api_key>`. */
  api_key: secret(z.string().trim().min(1)).optional(),
  api_key_header: z
    .string()
    .trim()
    .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "an HTTP header name")
    .default("X-API-Key"),
};

export interface ApiAuthConfig {
  auth_type: "none" | "bearer" | "basic" | "api_key";
  token?: string;
  username?: string;
  password?: string;
  api_key?: string;
  api_key_header: string;
}

/**
 * Reports a missing credential for the chosen auth_type on its own field, and refuses to
 * send credentials over plain http to anything but this machine.
 */
export function refineApiAuth(config: ApiAuthConfig, url: string, urlField: string, ctx: z.RefinementCtx): void {
  const need = (field: keyof ApiAuthConfig) => {
    if (!config[field]) {
      ctx.addIssue({ code: "custom", path: [field], message: `required with auth_type '${config.auth_type}'` });
    }
  };
  if (config.auth_type === "bearer") need("token");
  if (config.auth_type === "basic") need("username");
  if (config.auth_type === "api_key") need("api_key");
  const parsed = URL.parse(url);
  const local = ["localhost", "127.0.0.1", "[::1]"].includes(parsed?.hostname ?? "");
  if (config.auth_type !== "none" && parsed?.protocol === "http:" && !local) {
    ctx.addIssue({ code: "custom", path: [urlField], message: "must use https:// when credentials are sent" });
  }
}

/**
 * Maps the SDK's `auth` — `{type: 'bearer', token}`, `{type: 'basic', username, password}`,
 * `{type: 'api_key', header, key}` or `'none'` — onto the flat fields.
 */
export function normalizeApiAuth(input: Record<string, unknown>): Record<string, unknown> {
  const { auth, ...rest } = input;
  if (auth === undefined) return rest;
  const out: Record<string, unknown> = {};
  if (auth === "none") out.auth_type = "none";
  else if (!isRecord(auth)) {
    throw new InvalidInputError("Invalid value for field 'config.auth': expected 'none' or an object with a type");
  } else {
    const type = String(auth.type ?? "").replace(/^apiKey$/, "api_key");
    if (!["none", "bearer", "basic", "api_key"].includes(type)) {
      throw new InvalidInputError(
        "Invalid value for field 'config.auth.type': expected one of none, bearer, basic, api_key",
      );
    }
    out.auth_type = type;
    if (type === "bearer") out.token = auth.token;
    if (type === "basic") Object.assign(out, { username: auth.username, password: auth.password });
    if (type === "api_key") {
      out.api_key = auth.key ?? auth.value ?? auth.apiKey ?? auth.api_key;
      out.api_key_header = auth.header ?? auth.name ?? auth.api_key_header;
    }
  }
  for (const [key, value] of Object.entries(rest)) if (value !== undefined) out[key] = value;
  // A masked secret sent back inside `auth` must not overwrite the stored one.
  return Object.fromEntries(Object.entries(out).filter(([, value]) => value !== undefined && value !== MASK));
}

/** The request headers that carry the configured credential. */
export function apiAuthHeaders(config: ApiAuthConfig): Record<string, string> {
  switch (config.auth_type) {
    case "bearer":
      return { Authorization: `Bearer ${config.token ?? ""}` };
    case "basic": {
      const bytes = new TextEncoder().encode(`${config.username ?? ""}:${config.password ?? ""}`);
      return { Authorization: `Basic ${btoa(String.fromCharCode(...bytes))}` };
    }
    case "api_key":
      return { [config.api_key_header]: config.api_key ?? "" };
    default:
      return {};
  }
}

/** An http(s) URL with its trailing slashes trimmed. */
export const endpointUrl = z
  .string()
  .trim()
  .url()
  .refine((url) => /^https?:\/\//i.test(url), "must be an http:// or https:// URL")
  .transform((url) => url.replace(/\/+$/, ""));

/** The message of the common JSON error shapes (`{message}`, `{error}`, `{error: {message}}`, `{errors: [{message}]}`). */
export function apiErrorMessage(body: unknown): string | undefined {
  if (typeof body === "string") return body || undefined;
  return (
    pickString(body, "message") ??
    pickString(body, "error", "message") ??
    pickString(body, "error") ??
    pickString(body, "errors", 0, "message") ??
    pickString(body, "detail")
  );
}

/** The declarative engine's authenticator (Airbyte's component) for these auth fields: `rest` and `graphql` compile onto it. */
export function manifestAuthenticator(config: ApiAuthConfig): Record<string, unknown> {
  switch (config.auth_type) {
    case "bearer":
      return { type: "BearerAuthenticator", api_token: "{{ config['token'] }}" };
    case "basic":
      return {
        type: "BasicHttpAuthenticator",
        username: "{{ config['username'] }}",
        password: "{{ config['password'] }}",
      };
    case "api_key":
      return { type: "ApiKeyAuthenticator", header: config.api_key_header, api_token: "{{ config['api_key'] }}" };
    default:
      return { type: "NoAuth" };
  }
}

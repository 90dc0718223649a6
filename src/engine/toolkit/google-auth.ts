/**
 * Google's OAuth 2.0 for service accounts (the JWT bearer grant, RFC 7523), as every Google
 * connector (BigQuery, Cloud Storage, …) signs in: sign an assertion with the key file's
 * private key (jose), post it to the token endpoint, and keep the access token until shortly
 * before it expires.
 *
 * Setup tests that judge the token request themselves (through toolkit/http's `probe`) use the
 * pieces — {@link serviceAccountAssertion}, {@link tokenEndpoint}, {@link tokenRequest},
 * {@link readTokenResponse}; everything else uses {@link ServiceAccountTokens}.
 */
import { importPKCS8, SignJWT } from "jose";
import { AuthError, RateLimitedError, TransientError } from "../errors";
import { readCapped, retryAfterSeconds, shorten } from "./http";

/** Google's OAuth 2.0 token endpoint, used when a key file names none (or an unknown host). */
export const GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token";

/** The grant type of a service account's signed assertion. */
export const JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

/** The fields of a service-account key file that signing in needs. */
export interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  private_key_id?: string;
  token_uri?: string;
}

/**
 * The token endpoint of a key: its `token_uri` when that is an https URL on Google's own hosts
 * (`*.googleapis.com`, `accounts.google.com`, as key files name them), else
 * {@link GOOGLE_TOKEN_URL}. A key file is user input; its signed assertion goes nowhere else.
 */
export function tokenEndpoint(key: Pick<ServiceAccountKey, "token_uri">): string {
  if (!key.token_uri) return GOOGLE_TOKEN_URL;
  try {
    const url = new URL(key.token_uri);
    const google = url.hostname.endsWith(".googleapis.com") || url.hostname === "accounts.google.com";
    return url.protocol === "https:" && google && !url.username && !url.password ? url.href : GOOGLE_TOKEN_URL;
  } catch {
    return GOOGLE_TOKEN_URL;
  }
}

/** The key file's private_key is not a PKCS#8 RSA key (the message never holds key material). */
export class GoogleKeyError extends AuthError {
  constructor() {
    super("private_key of the key file is not a PKCS#8 RSA private key");
  }
}

/**
 * The signed assertion of the JWT bearer grant: RS256 (with the key's `kid`), iss the
 * service account, aud the token endpoint, `scope` the scopes space-separated, living
 * `lifetimeSeconds` (Google's maximum, an hour, by default).
 */
export async function serviceAccountAssertion(
  key: ServiceAccountKey,
  scope: string | readonly string[],
  now: Date,
  lifetimeSeconds = 3600,
): Promise<string> {
  const signingKey = await importPKCS8(key.private_key, "RS256").catch(() => {
    throw new GoogleKeyError();
  });
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ scope: typeof scope === "string" ? scope : scope.join(" ") })
    .setProtectedHeader({ alg: "RS256", typ: "JWT", ...(key.private_key_id ? { kid: key.private_key_id } : {}) })
    .setIssuer(key.client_email)
    .setAudience(tokenEndpoint(key))
    .setIssuedAt(iat)
    .setExpirationTime(iat + lifetimeSeconds)
    .sign(signingKey);
}

/** The token request (POST, form-encoded) for a signed assertion. */
export function tokenRequest(assertion: string, signal?: AbortSignal): RequestInit {
  return {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }).toString(),
    signal,
  };
}

/** An access token and when it stops working (epoch milliseconds). */
export interface GoogleAccessToken {
  accessToken: string;
  expiresAt: number;
}

/**
 * The token in a token endpoint's 2xx body (`{access_token, expires_in}`), or undefined
 * without one. Without `expires_in` the token is taken to live an hour, as Google's do.
 */
export function readTokenResponse(body: unknown, now: Date): GoogleAccessToken | undefined {
  const b = body as { access_token?: unknown; expires_in?: unknown } | null;
  if (!b || typeof b.access_token !== "string" || !b.access_token) return undefined;
  const seconds = Number(b.expires_in);
  const lifetime = Number.isFinite(seconds) && seconds > 0 ? seconds : 3600;
  return { accessToken: b.access_token, expiresAt: now.getTime() + lifetime * 1000 };
}

/** OAuth's `{error, error_description}`, or the API style `{error: {status, message}}`, as one line. */
export function googleErrorDetail(body: unknown): string {
  const b = body as { error?: unknown; error_description?: unknown } | null;
  if (!b || typeof b !== "object") return "";
  if (b.error && typeof b.error === "object") {
    const e = b.error as { status?: unknown; message?: unknown };
    const status = typeof e.status === "string" ? e.status : "";
    const message = typeof e.message === "string" ? e.message : "";
    return `${status ? `${status}: ` : ""}${message}`;
  }
  return [b.error, b.error_description].filter((v) => typeof v === "string" && v).join(": ");
}

/** The token endpoint refused the assertion (400 invalid_grant, 401, 403): the key is at fault. */
export class GoogleTokenError extends AuthError {
  constructor(
    readonly status: number,
    /** Google's words (`invalid_grant: Invalid JWT Signature.`), "" when it gave none. */
    readonly detail: string,
  ) {
    super(`Google's token endpoint answered HTTP ${status}${detail ? ` ${detail}` : ""}`);
  }
}

export interface ServiceAccountTokenOptions {
  /** The connector context's fetch. */
  fetch: typeof fetch;
  signal?: AbortSignal;
  /** The clock (the connector context's `now`). */
  now(): Date;
  /** Mint a new token this long before the old one expires; default 5 minutes. */
  refreshMarginMs?: number;
  /** Largest token response read; default 64 KiB. */
  maxBodyBytes?: number;
}

/**
 * Access tokens of one service account for some scopes: `token()` mints one on first use and
 * returns it until `refreshMarginMs` before it expires; concurrent callers share one request.
 * Throws {@link GoogleKeyError} for an unusable key, {@link GoogleTokenError} when Google
 * refuses it, {@link RateLimitedError} on 429 and {@link TransientError} on 5xx or a network
 * failure. No message holds the key, the assertion or a token.
 */
export class ServiceAccountTokens {
  private current: GoogleAccessToken | undefined;
  private pending: Promise<GoogleAccessToken> | undefined;

  constructor(
    readonly key: ServiceAccountKey,
    readonly scope: string | readonly string[],
    private readonly options: ServiceAccountTokenOptions,
  ) {}

  /** A valid access token. */
  async token(): Promise<string> {
    const margin = this.options.refreshMarginMs ?? 5 * 60_000;
    if (this.current && this.options.now().getTime() < this.current.expiresAt - margin) {
      return this.current.accessToken;
    }
    this.pending ??= this.mint().finally(() => {
      this.pending = undefined;
    });
    this.current = await this.pending;
    return this.current.accessToken;
  }

  /** Forgets the cached token (say, after an API answered 401 to it). */
  invalidate(): void {
    this.current = undefined;
  }

  private async mint(): Promise<GoogleAccessToken> {
    const { fetch: send, signal, now } = this.options;
    const assertion = await serviceAccountAssertion(this.key, this.scope, now());
    const url = tokenEndpoint(this.key);
    let response: Response;
    try {
      response = await send(url, tokenRequest(assertion, signal));
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new TransientError(
        `Could not reach Google's token endpoint: ${shorten((error as Error)?.message ?? String(error), 200)}`,
        undefined,
        { cause: error },
      );
    }
    const text = await readCapped(response, this.options.maxBodyBytes ?? 64 * 1024).catch(() => "");
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (response.ok) {
      const token = readTokenResponse(body, now());
      if (!token) throw new TransientError("Google's token endpoint answered without an access_token");
      return token;
    }
    const detail = shorten(googleErrorDetail(body), 300);
    const said = `Google's token endpoint answered HTTP ${response.status}${detail ? ` ${detail}` : ""}`;
    if (response.status === 429) {
      const seconds = retryAfterSeconds(response.headers, now());
      throw new RateLimitedError(said, seconds === undefined ? undefined : seconds * 1000);
    }
    if (response.status >= 500) throw new TransientError(said);
    throw new GoogleTokenError(response.status, detail);
  }
}

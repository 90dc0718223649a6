/**
 * Authenticators: ApiKeyAuthenticator (a header or a query parameter), BearerAuthenticator,
 * BasicHttpAuthenticator, OAuthAuthenticator (refresh_token and client_credentials grants,
 * refreshed before expiry and once after a 401), SessionTokenAuthenticator (a login request
 * whose answer holds a token, renewed on expiry or a 401), NoAuth and registered code ones.
 *
 * Concurrent requests share one credential: a refresh in flight is awaited, and a request
 * whose token was already replaced by another's refresh just retries with the new one.
 */
import { AuthError } from "../errors";
import type { HttpAuthHook, HttpClient } from "../toolkit/http-client";
import { lookupComponent } from "./components";
import { addDuration, type Micros, parseDuration, parseWithFormats } from "./datetime";
import { evaluate, evaluateMap, evaluateString, type Variables } from "./interpolation";
import type { Authenticator, HttpRequester, RequestOption } from "./schema";

/** The credential of one request: headers, query parameters, and a refresh after a 401. */
export interface RequestAuth {
  /** Sets the credential on an attempt: headers, and query parameters on `url`. */
  apply(headers: Headers, url: URL): Promise<void>;
  /** A per-request hook for the HTTP client (it calls `refresh` at most once, after a 401). */
  hook(url: URL): HttpAuthHook;
  /** Values that must never appear in a message. */
  secrets(): string[];
}

export interface AuthContext {
  config: Record<string, unknown>;
  http: HttpClient;
  now(): Date;
}

const none: RequestAuth = {
  async apply() {},
  hook: () => ({ apply() {} }),
  secrets: () => [],
};

function place(option: RequestOption, vars: Variables, value: string, headers: Headers, url: URL) {
  const name = evaluateString(option.field_name, vars) ?? option.field_name;
  if (option.inject_into === "header") headers.set(name, value);
  else url.searchParams.set(name, value);
}

function staticAuth(set: (headers: Headers, url: URL) => void, secrets: string[]): RequestAuth {
  return {
    async apply(headers, url) {
      set(headers, url);
    },
    hook: (url) => ({ apply: (headers) => set(headers, url) }),
    secrets: () => secrets.filter(Boolean),
  };
}

/**
 * A token obtained by a request (OAuth, session login), cached until it expires, shared by
 * every request, refreshed at most once per failed token.
 */
class TokenCache {
  private token: string | undefined;
  private expiresAt: number | undefined;
  private inflight: Promise<void> | undefined;
  /** How many tokens were fetched (tests and logs). */
  fetched = 0;

  constructor(
    private readonly fetchToken: () => Promise<{ token: string; expiresAt?: number }>,
    private readonly now: () => Date,
    initial?: { token: string; expiresAt?: number },
  ) {
    if (initial) {
      this.token = initial.token;
      this.expiresAt = initial.expiresAt;
    }
  }

  private expired(): boolean {
    if (this.token === undefined) return true;
    // A minute's margin: a token about to expire is renewed before it is sent.
    return this.expiresAt !== undefined && this.now().getTime() >= this.expiresAt - 60_000;
  }

  async current(): Promise<string> {
    if (this.expired()) await this.renew(this.token);
    return this.token as string;
  }

  /** Renews unless another request already replaced `stale`. */
  async renew(stale: string | undefined): Promise<void> {
    if (this.token !== stale && !this.expired()) return;
    if (!this.inflight) {
      this.inflight = (async () => {
        try {
          const { token, expiresAt } = await this.fetchToken();
          this.fetched++;
          this.token = token;
          this.expiresAt = expiresAt;
        } finally {
          this.inflight = undefined;
        }
      })();
    }
    await this.inflight;
  }

  peek(): string | undefined {
    return this.token;
  }
}

function tokenAuth(
  cache: TokenCache,
  set: (token: string, headers: Headers, url: URL) => void,
  secrets: () => string[],
) {
  return {
    async apply(headers: Headers, url: URL) {
      set(await cache.current(), headers, url);
    },
    hook(url: URL): HttpAuthHook {
      let used: string | undefined;
      return {
        async apply(headers) {
          used = await cache.current();
          set(used, headers, url);
        },
        refresh: () => cache.renew(used),
      };
    },
    secrets: () => [...secrets(), cache.peek() ?? ""].filter(Boolean),
    cache,
  } satisfies RequestAuth & { cache: TokenCache };
}

function pick(body: unknown, path: readonly string[]): unknown {
  let current = body;
  for (const part of path) {
    if (!current || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Builds the authenticator of a requester. */
export function createAuth(
  auth: Authenticator | undefined,
  ctx: AuthContext,
  requestLogin: (requester: HttpRequester, vars: Variables) => Promise<unknown>,
): RequestAuth {
  if (!auth) return none;
  const vars: Variables = { config: ctx.config, parameters: auth.$parameters ?? {} };
  switch (auth.type) {
    case "NoAuth":
      return none;
    case "ApiKeyAuthenticator": {
      const token = evaluateString(auth.api_token, vars) ?? "";
      const option: RequestOption = auth.inject_into ?? {
        type: "RequestOption",
        inject_into: "header",
        field_name: auth.header as string,
      };
      return staticAuth((headers, url) => place(option, vars, token, headers, url), [token]);
    }
    case "BearerAuthenticator": {
      const token = evaluateString(auth.api_token, vars) ?? "";
      return staticAuth((headers) => headers.set("Authorization", `Bearer ${token}`), [token]);
    }
    case "BasicHttpAuthenticator": {
      const username = evaluateString(auth.username, vars) ?? "";
      const password = evaluateString(auth.password, vars) ?? "";
      const bytes = new TextEncoder().encode(`${username}:${password}`);
      const encoded = btoa(String.fromCharCode(...bytes));
      return staticAuth((headers) => headers.set("Authorization", `Basic ${encoded}`), [password, encoded]);
    }
    case "OAuthAuthenticator": {
      const grant = auth.grant_type ?? "refresh_token";
      const clientId = evaluateString(auth.client_id, vars);
      const clientSecret = evaluateString(auth.client_secret, vars);
      const refreshToken = evaluateString(auth.refresh_token, vars);
      const endpoint = evaluateString(auth.token_refresh_endpoint, vars) ?? "";
      const tokenName = auth.access_token_name ?? "access_token";
      const expiresName = auth.expires_in_name ?? "expires_in";
      const fetchToken = async () => {
        const form = new URLSearchParams();
        form.set("grant_type", grant);
        if (clientId) form.set("client_id", clientId);
        if (clientSecret) form.set("client_secret", clientSecret);
        if (grant === "refresh_token" && refreshToken) form.set("refresh_token", refreshToken);
        if (auth.scopes?.length) form.set("scope", auth.scopes.join(" "));
        for (const [key, value] of Object.entries(evaluateMap(auth.refresh_request_body, vars))) {
          form.set(key, typeof value === "string" ? value : JSON.stringify(value));
        }
        const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
        for (const [key, value] of Object.entries(evaluateMap(auth.refresh_request_headers, vars))) {
          headers[key] = String(value);
        }
        const body = await ctx.http
          .json(endpoint, { method: "POST", headers, body: form.toString() })
          .catch((error: unknown) => {
            const message = error instanceof Error ? error.message : String(error);
            throw new AuthError(`the OAuth token refresh failed: ${message}`);
          });
        const token = pick(body, [tokenName]);
        if (typeof token !== "string" || !token) {
          throw new AuthError(`the OAuth token endpoint answered without '${tokenName}'`);
        }
        const expires = pick(body, [expiresName]);
        const expiresAt =
          typeof expires === "number" || (typeof expires === "string" && /^\d+$/.test(expires))
            ? ctx.now().getTime() + Number(expires) * 1000
            : typeof expires === "string"
              ? micros(parseWithFormats(expires, auth.token_expiry_date_format ? [auth.token_expiry_date_format] : []))
              : undefined;
        return { token, expiresAt };
      };
      const held = evaluateString(auth.access_token_value, vars);
      const heldExpiry = evaluateString(auth.token_expiry_date, vars);
      const initial = held
        ? {
            token: held,
            expiresAt: heldExpiry
              ? micros(
                  parseWithFormats(heldExpiry, auth.token_expiry_date_format ? [auth.token_expiry_date_format] : []),
                )
              : undefined,
          }
        : undefined;
      const cache = new TokenCache(fetchToken, ctx.now, initial);
      return tokenAuth(
        cache,
        (token, headers) => headers.set("Authorization", `Bearer ${token}`),
        () => [clientSecret ?? "", refreshToken ?? ""],
      );
    }
    case "SessionTokenAuthenticator": {
      const expiration = auth.expiration_duration ? parseDuration(auth.expiration_duration) : undefined;
      const fetchToken = async () => {
        const body = await requestLogin(auth.login_requester, vars);
        const token = pick(body, auth.session_token_path);
        if (typeof token !== "string" || !token) {
          throw new AuthError(`the session login answered without a token at ${auth.session_token_path.join(".")}`);
        }
        const expiresAt = expiration
          ? Math.floor(addDuration(ctx.now().getTime() * 1000, expiration) / 1000)
          : undefined;
        return { token, expiresAt };
      };
      const cache = new TokenCache(fetchToken, ctx.now);
      const how = auth.request_authentication;
      return tokenAuth(
        cache,
        (token, headers, url) => {
          if (how.type === "Bearer") headers.set("Authorization", `Bearer ${token}`);
          else place(how.inject_into, vars, token, headers, url);
        },
        () => [],
      );
    }
    case "CustomAuthenticator": {
      const impl = lookupComponent(auth.class_name, "authenticator");
      if (!impl) throw new Error(`code component '${auth.class_name}' is no longer registered`);
      const hook = impl.create({
        config: ctx.config,
        options: auth.options ?? {},
        parameters: auth.$parameters ?? {},
        http: ctx.http,
      });
      return {
        async apply(headers) {
          await hook.apply(headers);
        },
        hook: () => hook,
        secrets: () => [],
      };
    }
  }
}

function micros(at: Micros | undefined): number | undefined {
  return at === undefined ? undefined : Math.floor(at / 1000);
}

export { evaluate };

/**
 * A fake of Salesforce's OAuth and REST APIs after their documented contract. OAuth:
 * `POST /services/oauth2/token` (form) on login.salesforce.com, test.salesforce.com or a
 * My Domain, with the refresh token flow anywhere and the client credentials flow only on
 * a My Domain; errors `{error, error_description}` with 400 (`invalid_grant`,
 * `invalid_client_id`). REST: `GET /services/data/vXX.X/sobjects` with a Bearer token;
 * errors `[{message, errorCode}]` — 401 INVALID_SESSION_ID, 403 REQUEST_LIMIT_EXCEEDED
 * (Salesforce's throttle), 404 NOT_FOUND for an unknown version.
 */
import { FakeRouter, json } from "./fake-router";

export interface SalesforceApp {
  client_secret: string;
  /** Refresh tokens this connected app issued. */
  refresh_tokens?: string[];
  /** Whether the client credentials flow is enabled (it needs a run-as user). */
  client_credentials?: boolean;
}

export interface SalesforceFakeOptions {
  /** The org's My Domain host, which is also its instance URL. */
  myDomain: string;
  /** Connected apps by client_id (consumer key). */
  apps: Record<string, SalesforceApp>;
  /** sObjects the integration user sees. */
  sobjects: { name: string; queryable?: boolean; custom?: boolean }[];
}

function oauthError(error: string, description: string, status = 400) {
  return json({ error, error_description: description }, status);
}

function restError(status: number, errorCode: string, message: string, headers: Record<string, string> = {}) {
  return json([{ message, errorCode }], status, headers);
}

export function createSalesforceFake(options: SalesforceFakeOptions) {
  const state = {
    /** Set to exhaust the org's API allowance (403 REQUEST_LIMIT_EXCEEDED). */
    requestLimitExceeded: false,
    /** Set to throttle with HTTP 429 and this Retry-After. */
    rateLimitRetryAfter: undefined as number | undefined,
    outage: undefined as number | undefined,
    issued: new Set<string>(),
  };
  const instanceUrl = `https://${options.myDomain}`;
  const router = new FakeRouter(["login.salesforce.com", "test.salesforce.com", options.myDomain], () =>
    restError(404, "NOT_FOUND", "The requested resource does not exist"),
  );

  router.use(() => {
    if (state.outage) return restError(state.outage, "SERVER_UNAVAILABLE", "Service temporarily unavailable");
    if (state.rateLimitRetryAfter !== undefined) {
      return restError(429, "REQUEST_LIMIT_EXCEEDED", "Too many requests", {
        "Retry-After": String(state.rateLimitRetryAfter),
      });
    }
    return undefined;
  });

  router.on("POST", "/services/oauth2/token", ({ body, url, request }) => {
    if (!request.headers.get("Content-Type")?.startsWith("application/x-www-form-urlencoded")) {
      return oauthError("invalid_request", "invalid content type");
    }
    const form = new URLSearchParams(body);
    const app = options.apps[form.get("client_id") ?? ""];
    if (!app) return oauthError("invalid_client_id", "client identifier invalid");
    if (form.get("client_secret") !== app.client_secret)
      return oauthError("invalid_client", "invalid client credentials");
    const grant = form.get("grant_type");
    if (grant === "refresh_token") {
      if (!app.refresh_tokens?.includes(form.get("refresh_token") ?? "")) {
        return oauthError("invalid_grant", "expired access/refresh token");
      }
    } else if (grant === "client_credentials") {
      if (url.host !== options.myDomain) return oauthError("invalid_grant", "request not supported on this domain");
      if (!app.client_credentials) return oauthError("invalid_grant", "no client credentials user enabled");
    } else {
      return oauthError("unsupported_grant_type", "grant type not supported");
    }
    const token = `00DFake!${crypto.randomUUID()}`;
    state.issued.add(token);
    return json({
      access_token: token,
      instance_url: instanceUrl,
      id: `https://login.salesforce.com/id/00DFAKE/005FAKE`,
      token_type: "Bearer",
      issued_at: String(Date.now()),
      signature: "fake",
    });
  });

  router.on("GET", "/services/data/:version/sobjects", ({ request, params, url }) => {
    if (url.host !== options.myDomain) return restError(404, "NOT_FOUND", "The requested resource does not exist");
    const header = request.headers.get("Authorization") ?? "";
    if (!state.issued.has(header.replace(/^Bearer /, ""))) {
      return restError(401, "INVALID_SESSION_ID", "Session expired or invalid");
    }
    if (state.requestLimitExceeded) return restError(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
    if (!/^v\d+\.\d$/.test(params.version ?? "")) {
      return restError(404, "NOT_FOUND", "The requested resource does not exist");
    }
    return json({
      encoding: "UTF-8",
      maxBatchSize: 200,
      sobjects: options.sobjects.map((s) => ({
        name: s.name,
        label: s.name,
        custom: s.custom ?? s.name.endsWith("__c"),
        queryable: s.queryable ?? true,
        retrieveable: s.queryable ?? true,
        urls: { sobject: `/services/data/${params.version}/sobjects/${s.name}` },
      })),
    });
  });

  return { fetch: router.fetch, requests: router.requests, state };
}

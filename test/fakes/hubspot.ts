/**
 * A fake of HubSpot's CRM API (api.hubapi.com) after its documented contract: private app
 * tokens as `Authorization: Bearer …`; errors as `{status: "error", message, correlationId,
 * category}` — 401 INVALID_AUTHENTICATION, 403 MISSING_SCOPES naming the granular scopes,
 * 400 for an unknown object type, 429 RATE_LIMIT; objects listed as
 * `{results: [{id, properties, createdAt, updatedAt, archived}], paging: {next: {after}}}`.
 */
import { FakeRouter, json } from "./fake-router";

export interface HubspotFakeOptions {
  /** Private app tokens and their granular scopes (`crm.objects.contacts.read`). */
  tokens: Record<string, string[]>;
  /** Records per object type, in id order. */
  data?: Record<string, { id: string; properties: Record<string, unknown> }[]>;
}

let correlation = 0;

function error(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  correlation += 1;
  return json(
    { status: "error", correlationId: `00000000-0000-4000-8000-${String(correlation).padStart(12, "0")}`, ...body },
    status,
    headers,
  );
}

/** The scope HubSpot requires to read an object type. */
export function readScope(objectType: string): string {
  return /^(p\d*_|\d+-\d+$)/.test(objectType) ? "crm.objects.custom.read" : `crm.objects.${objectType}.read`;
}

export function createHubspotFake(options: HubspotFakeOptions) {
  const state = {
    rateLimitRetryAfter: undefined as number | undefined,
    outage: undefined as number | undefined,
  };
  const router = new FakeRouter(["api.hubapi.com"], () =>
    error(404, { message: "Resource not found", category: "OBJECT_NOT_FOUND" }),
  );
  let scopes: string[] = [];

  router.use(({ request }) => {
    if (state.outage) return error(state.outage, { message: "internal error", category: "INTERNAL_ERROR" });
    const header = request.headers.get("Authorization") ?? "";
    const token = header.startsWith("Bearer ") ? header.slice(7).trim() : "";
    if (!token || !Object.hasOwn(options.tokens, token)) {
      return error(401, {
        message:
          "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
        category: "INVALID_AUTHENTICATION",
      });
    }
    if (state.rateLimitRetryAfter !== undefined) {
      return error(
        429,
        { message: "You have reached your secondly limit.", errorType: "RATE_LIMIT", policyName: "SECONDLY" },
        { "Retry-After": String(state.rateLimitRetryAfter) },
      );
    }
    scopes = options.tokens[token] ?? [];
    return undefined;
  });

  router.on("GET", "/crm/v3/objects/:objectType", ({ params, url }) => {
    const objectType = params.objectType ?? "";
    const rows = options.data?.[objectType];
    if (!rows) {
      return error(400, { message: `Unable to infer object type from: ${objectType}`, category: "VALIDATION_ERROR" });
    }
    const scope = readScope(objectType);
    if (!scopes.includes(scope)) {
      return error(403, {
        message:
          "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
        category: "MISSING_SCOPES",
        errors: [
          {
            message: "One or more of the following scopes are required.",
            context: { requiredGranularScopes: [scope] },
          },
        ],
      });
    }
    const limit = Math.min(100, Math.max(1, Number(url.searchParams.get("limit") ?? 10)));
    const after = Number(url.searchParams.get("after") ?? 0);
    const page = rows.slice(after, after + limit).map((row) => ({
      ...row,
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-01T00:00:00.000Z",
      archived: false,
    }));
    const next = after + limit < rows.length ? String(after + limit) : undefined;
    return json({
      results: page,
      ...(next
        ? {
            paging: {
              next: { after: next, link: `https://api.hubapi.com/crm/v3/objects/${objectType}?after=${next}` },
            },
          }
        : {}),
    });
  });

  return { fetch: router.fetch, requests: router.requests, state };
}

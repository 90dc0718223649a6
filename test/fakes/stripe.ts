/**
 * A fake of Stripe's API (api.stripe.com) after its documented contract: keys sent as
 * `Authorization: Bearer sk_…` (or HTTP Basic with the key as user name), errors as
 * `{error: {type, message, code?}}` with 401 for an unknown key, 403 for a restricted key
 * without the permission, 429 with `code: rate_limit`, 404 for an unknown URL; lists as
 * `{object: "list", data, has_more, url}` paged with `limit` and `starting_after`.
 */
import { FakeRouter, json } from "./fake-router";

export interface StripeKey {
  /** Restricted keys: the list resources they may read; secret keys read everything. */
  readable?: string[];
  livemode?: boolean;
}

export interface StripeFakeOptions {
  keys: Record<string, StripeKey>;
  /** Objects per list path (`customers`, `checkout/sessions`), in the order Stripe lists them (newest first). */
  data?: Record<string, { id: string; [key: string]: unknown }[]>;
}

function error(status: number, type: string, message: string, code?: string, headers: Record<string, string> = {}) {
  return json({ error: { type, message, ...(code ? { code } : {}) } }, status, headers);
}

/** Stripe shows keys redacted in errors: `sk_test_****abcd`. */
function redact(key: string): string {
  const prefix = key.slice(0, key.indexOf("_", 3) + 1);
  return `${prefix}****${key.slice(-4)}`;
}

function keyFrom(request: Request): string | undefined {
  const header = request.headers.get("Authorization") ?? "";
  if (header.startsWith("Bearer ")) return header.slice(7).trim();
  if (header.startsWith("Basic ")) return atob(header.slice(6)).split(":")[0];
  return undefined;
}

export function createStripeFake(options: StripeFakeOptions) {
  const state = {
    /** When set, every request is throttled with this Retry-After. */
    rateLimitRetryAfter: undefined as number | undefined,
    /** When set, every request fails with this 5xx status. */
    outage: undefined as number | undefined,
  };
  const router = new FakeRouter(["api.stripe.com"], ({ request, url }) =>
    error(
      404,
      "invalid_request_error",
      `Unrecognized request URL (${request.method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    ),
  );
  let key: string | undefined;

  router.use(({ request }) => {
    if (state.outage) return error(state.outage, "api_error", "An unknown error occurred on Stripe's end.");
    key = keyFrom(request);
    if (!key) {
      return error(
        401,
        "invalid_request_error",
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
      );
    }
    if (!Object.hasOwn(options.keys, key)) {
      return error(401, "invalid_request_error", `Invalid API Key provided: ${redact(key)}`);
    }
    if (state.rateLimitRetryAfter !== undefined) {
      return error(
        429,
        "invalid_request_error",
        "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.",
        "rate_limit",
        { "Retry-After": String(state.rateLimitRetryAfter) },
      );
    }
    return undefined;
  });

  const permitted = (resource: string): Response | undefined => {
    const readable = options.keys[key ?? ""]?.readable;
    if (!readable || readable.includes(resource)) return undefined;
    const permission = `rak_${resource.replace(/\//g, "_").replace(/s$/, "")}_read`;
    return error(
      403,
      "invalid_request_error",
      `The provided key '${redact(key ?? "")}' does not have the required permissions for this endpoint on account 'acct_1Fake'. Having the '${permission}' permission would allow this request to continue.`,
    );
  };

  router.on("GET", "/v1/balance", () => {
    const denied = permitted("balance");
    if (denied) return denied;
    return json({
      object: "balance",
      available: [{ amount: 0, currency: "usd", source_types: { card: 0 } }],
      pending: [{ amount: 0, currency: "usd", source_types: { card: 0 } }],
      livemode: options.keys[key ?? ""]?.livemode ?? (key ?? "").includes("_live_"),
    });
  });

  router.on("GET", "/v1/:resource*", ({ params, url }) => {
    const resource = params.resource ?? "";
    const rows = options.data?.[resource];
    if (!rows) {
      return error(404, "invalid_request_error", `Unrecognized request URL (GET: /v1/${resource}).`);
    }
    const denied = permitted(resource);
    if (denied) return denied;
    const limit = Math.min(100, Math.max(1, Number(url.searchParams.get("limit") ?? 10)));
    const after = url.searchParams.get("starting_after");
    const start = after ? rows.findIndex((row) => row.id === after) + 1 : 0;
    const page = rows.slice(start, start + limit);
    return json({ object: "list", data: page, has_more: start + limit < rows.length, url: `/v1/${resource}` });
  });

  return { fetch: router.fetch, requests: router.requests, state };
}

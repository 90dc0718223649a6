/**
 * A fake JSON API at https://decl.example.com for the declarative engine's tests, with the
 * paging, filtering, auth and failure styles manifests meet:
 *
 * - `GET /v1/items` — records `{id, name, updated_at, amount}` sorted by id. Paging by
 *   `cursor` (`?cursor=<last id>&limit=` → `{data, has_more, next_cursor}`), by
 *   `offset`/`limit` or `page`/`per_page` (`?style=offset|page`), or a `Link: rel="next"`
 *   header (`?style=link`). `updated_since`/`updated_until` filter on updated_at (inclusive).
 * - `GET /v1/parents`, `GET /v1/parents/:id/children` — a parent-child pair.
 * - `POST /oauth/token` — refresh_token and client_credentials grants; tokens expire after
 *   `tokenTtlS`; `state.expireNow()` makes the current token answer 401.
 * - Auth: `Authorization: Bearer <token>` (OAuth) or `X-Api-Key` when `apiKey` is set.
 * - Failures: `state.rateLimit` answers 429 with `Retry-After` to that many requests in a row;
 *   `state.limit` caps the requests a window may take; `state.malformed` / `state.truncated`
 *   break the body of the n-th items request.
 */
import { FakeRouter, json } from "./fake-router";

export interface FakeItem {
  id: number;
  name: string;
  updated_at: string;
  amount: number | string | null;
  [field: string]: unknown;
}

export interface DeclarativeFakeOptions {
  items?: FakeItem[];
  apiKey?: string;
  oauth?: { clientId: string; clientSecret: string; refreshToken?: string };
  tokenTtlS?: number;
  now?: () => Date;
}

export function makeItems(n: number, start = Date.UTC(2026, 0, 1)): FakeItem[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    name: `item ${i + 1}`,
    updated_at: new Date(start + i * 3600_000).toISOString().replace(".000Z", "Z"),
    amount: (i + 1) * 10,
  }));
}

export function createDeclarativeFake(options: DeclarativeFakeOptions = {}) {
  const state = {
    items: options.items ?? makeItems(25),
    parents: [
      { id: "p1", title: "first" },
      { id: "p2", title: "second" },
      { id: "p3", title: "third" },
    ],
    children: {
      p1: [
        { id: 1, parent: "p1" },
        { id: 2, parent: "p1" },
      ],
      p2: [{ id: 3, parent: "p2" }],
      p3: [],
    } as Record<string, { id: number; parent: string }[]>,
    /** Answer 429 with Retry-After to the next this many API requests. */
    rateLimit: 0,
    retryAfterS: 1,
    /** 429s served. */
    throttled: 0,
    /** Items requests served (not throttled). */
    served: 0,
    /** The n-th (1-based) items request gets a malformed body / a truncated one. */
    malformed: 0,
    truncated: 0,
    tokens: new Map<string, number>(),
    tokensIssued: 0,
    /** The current token now answers 401 (as an expired one does). */
    expireNow() {
      for (const token of state.tokens.keys()) state.tokens.set(token, 0);
    },
    /** Requests allowed per window of `windowMs` before a 429 (a rate limit a client must respect). */
    concurrentLimit: Number.POSITIVE_INFINITY,
    inFlight: 0,
    maxInFlight: 0,
    latencyMs: 0,
  };
  const now = () => (options.now ? options.now().getTime() : Date.now());
  const router = new FakeRouter(["decl.example.com"], () => json({ message: "Not Found" }, 404));

  router.on("POST", "/oauth/token", ({ body }) => {
    const form = new URLSearchParams(body);
    const oauth = options.oauth;
    if (!oauth || form.get("client_id") !== oauth.clientId || form.get("client_secret") !== oauth.clientSecret) {
      return json({ error: "invalid_client" }, 401);
    }
    const grant = form.get("grant_type");
    if (grant === "refresh_token" && form.get("refresh_token") !== oauth.refreshToken) {
      return json({ error: "invalid_grant" }, 400);
    }
    if (grant !== "refresh_token" && grant !== "client_credentials")
      return json({ error: "unsupported_grant_type" }, 400);
    state.tokensIssued++;
    const token = `tok-${state.tokensIssued}`;
    const ttl = options.tokenTtlS ?? 3600;
    state.tokens.set(token, now() + ttl * 1000);
    return json({ access_token: token, token_type: "bearer", expires_in: ttl });
  });

  router.use(async ({ request, url }) => {
    if (url.pathname === "/oauth/token") return undefined;
    if (
      options.apiKey &&
      request.headers.get("X-Api-Key") !== options.apiKey &&
      url.searchParams.get("api_key") !== options.apiKey
    ) {
      return json({ message: "Bad API key" }, 401);
    }
    if (options.oauth) {
      const token = /^Bearer (.+)$/.exec(request.headers.get("Authorization") ?? "")?.[1];
      const expires = token ? state.tokens.get(token) : undefined;
      if (expires === undefined || expires <= now()) return json({ message: "token expired" }, 401);
    }
    if (state.rateLimit > 0) {
      state.rateLimit--;
      state.throttled++;
      return json({ message: "slow down" }, 429, { "Retry-After": String(state.retryAfterS) });
    }
    if (state.inFlight >= state.concurrentLimit) {
      state.throttled++;
      return json({ message: "too many concurrent requests" }, 429, { "Retry-After": "1" });
    }
    return undefined;
  });

  const filtered = (url: URL) => {
    const since = url.searchParams.get("updated_since");
    const until = url.searchParams.get("updated_until");
    return state.items.filter(
      (item) =>
        (!since || Date.parse(item.updated_at) >= Date.parse(since)) &&
        (!until || Date.parse(item.updated_at) <= Date.parse(until)),
    );
  };

  router.on("GET", "/v1/items", async ({ url }) => {
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    try {
      if (state.latencyMs) await new Promise((r) => setTimeout(r, state.latencyMs));
      state.served++;
      const items = filtered(url);
      const limit = Number(url.searchParams.get("limit") ?? url.searchParams.get("per_page") ?? 10);
      const style = url.searchParams.get("style") ?? "cursor";
      let body: unknown;
      let headers: Record<string, string> = {};
      if (style === "offset") {
        const offset = Number(url.searchParams.get("offset") ?? 0);
        body = { results: items.slice(offset, offset + limit), total: items.length };
      } else if (style === "page") {
        const page = Number(url.searchParams.get("page") ?? 1);
        body = { results: items.slice((page - 1) * limit, page * limit) };
      } else if (style === "link") {
        const after = Number(url.searchParams.get("after") ?? 0);
        const page = items.filter((i) => i.id > after).slice(0, limit);
        const last = page.at(-1);
        if (last && items.some((i) => i.id > last.id)) {
          const next = new URL(url);
          next.searchParams.set("after", String(last.id));
          headers = { Link: `<${next.href}>; rel="next"` };
        }
        body = page;
      } else {
        const cursor = Number(url.searchParams.get("cursor") ?? 0);
        const page = items.filter((i) => i.id > cursor).slice(0, limit);
        const last = page.at(-1);
        const hasMore = last !== undefined && items.some((i) => i.id > last.id);
        body = { data: page, has_more: hasMore, next_cursor: hasMore ? last?.id : null };
      }
      if (state.malformed && state.served === state.malformed) {
        return new Response('{"data": [{"id": 1, "name": oops', { headers: { "Content-Type": "application/json" } });
      }
      if (state.truncated && state.served === state.truncated) {
        const text = JSON.stringify(body);
        return new Response(text.slice(0, Math.floor(text.length / 2)), {
          headers: { "Content-Type": "application/json" },
        });
      }
      return json(body, 200, headers);
    } finally {
      state.inFlight--;
    }
  });

  router.on("GET", "/v1/parents", () => json({ data: state.parents }));
  router.on("GET", "/v1/parents/:id/children", ({ params }) => {
    const children = state.children[params.id as string];
    return children ? json({ data: children }) : json({ message: "no such parent" }, 404);
  });

  return { fetch: router.fetch, requests: router.requests, state };
}

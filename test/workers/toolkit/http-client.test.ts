import { describe, expect, it } from "vitest";
import { AuthError, ConfigurationError, RateLimitedError, TransientError } from "../../../src/engine/errors";
import {
  backoffMs,
  bearerAuth,
  HttpClient,
  type HttpClientOptions,
  items,
  nextLink,
  paginateCursor,
  paginateLink,
  paginateNextUrl,
  paginateOffset,
  paginatePages,
  sanitizeExcerpt,
  serverWaitMs,
} from "../../../src/engine/toolkit/http-client";
import { FakeRouter, json } from "../../fakes/fake-router";

const HOST = "api.example.test";
const BASE = `https://${HOST}`;
const NOW = new Date("2026-05-01T12:00:00Z");
const TOKEN = "sk_live_0123456789abcdefSECRET";

/** A client on a fake whose sleeps are recorded, not waited. */
function setup(router: FakeRouter, options: Partial<HttpClientOptions> = {}) {
  const sleeps: number[] = [];
  const client = new HttpClient({
    fetch: router.fetch,
    baseUrl: BASE,
    vendor: "Example",
    now: () => NOW,
    random: () => 0.999,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
  return { client, sleeps };
}

/** Answers the given responses in turn, then the last one forever. */
function sequence(...responses: (() => Response)[]) {
  let i = 0;
  const router = new FakeRouter([HOST]);
  router.on("GET", "/thing", () => (responses[Math.min(i++, responses.length - 1)] as () => Response)());
  return router;
}

const ok = () => json({ ok: true });

describe("http-client: retries", () => {
  it("honours Retry-After in seconds and as an HTTP date", async () => {
    const router = sequence(
      () => json({ error: "slow down" }, 429, { "Retry-After": "3" }),
      () => json({ error: "slow down" }, 503, { "Retry-After": new Date(NOW.getTime() + 5000).toUTCString() }),
      ok,
    );
    const { client, sleeps } = setup(router);
    expect(await client.json("/thing")).toEqual({ ok: true });
    expect(sleeps).toEqual([3000, 5000]);
    expect(router.requests).toHaveLength(3);
  });

  it("honours the rate-limit reset headers", () => {
    const h = (init: Record<string, string>) => new Headers(init);
    expect(serverWaitMs(h({ "RateLimit-Reset": "7" }), NOW)).toBe(7000);
    expect(serverWaitMs(h({ "X-RateLimit-Reset": String(NOW.getTime() / 1000 + 12) }), NOW)).toBe(12_000);
    expect(serverWaitMs(h({ "X-RateLimit-Reset": String(NOW.getTime() + 1500) }), NOW)).toBe(1500);
    expect(serverWaitMs(h({ "X-RateLimit-Reset": "2" }), NOW)).toBe(2000);
    expect(serverWaitMs(h({ "Retry-After": "1", "X-RateLimit-Reset": "9" }), NOW)).toBe(1000);
    expect(serverWaitMs(h({ "Retry-After": "soon" }), NOW)).toBeUndefined();
    expect(serverWaitMs(h({}), NOW)).toBeUndefined();
  });

  it("uses X-RateLimit-Reset on a 429 without Retry-After", async () => {
    const reset = String(NOW.getTime() / 1000 + 4);
    const { client, sleeps } = setup(sequence(() => json({}, 429, { "X-RateLimit-Reset": reset }), ok));
    await client.request("/thing");
    expect(sleeps).toEqual([4000]);
  });

  it("backs off exponentially with full jitter, bounded per wait and in count, then gives up as transient", async () => {
    const { client, sleeps } = setup(
      sequence(() => json({ message: "overloaded" }, 503)),
      { baseDelayMs: 100, maxDelayMs: 1000, maxRetries: 6, random: () => 0.999 },
    );
    const error = await client.request("/thing").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect(error).not.toBeInstanceOf(RateLimitedError);
    expect((error as Error).message).toBe(
      "Example answered HTTP 503 to GET api.example.test/thing: overloaded (after 6 retries)",
    );
    expect(sleeps).toEqual([99, 199, 399, 799, 999, 999]);
    for (let retry = 0; retry < 40; retry++) {
      const wait = backoffMs(retry, 100, 1000, Math.random);
      expect(wait).toBeGreaterThanOrEqual(0);
      expect(wait).toBeLessThan(Math.min(1000, 100 * 2 ** retry));
    }
    expect(backoffMs(3, 100, 1000, () => 0)).toBe(0);
  });

  it("stops when the total wait would pass its cap, or the server asks for longer than one wait may be", async () => {
    const { client, sleeps } = setup(
      sequence(() => json({}, 502)),
      {
        baseDelayMs: 1000,
        maxDelayMs: 10_000,
        maxTotalWaitMs: 4000,
        maxRetries: 50,
      },
    );
    await expect(client.request("/thing")).rejects.toBeInstanceOf(TransientError);
    expect(sleeps).toEqual([999, 1998]); // the next (3996) would pass 4000 in all
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(4000);

    const long = setup(
      sequence(() => json({ error: "quota" }, 429, { "Retry-After": "3600" })),
      { maxDelayMs: 60_000 },
    );
    const error = await long.client.request("/thing").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(3_600_000);
    expect(long.sleeps).toEqual([]);
  });

  it("retries network errors and timeouts, and gives up on neither abort nor a final 4xx", async () => {
    let calls = 0;
    const flaky = (async () => {
      calls++;
      if (calls === 1) throw new TypeError("Network connection lost.");
      return json({ ok: true });
    }) as unknown as typeof fetch;
    const { client, sleeps } = setup(new FakeRouter([HOST]), { fetch: flaky });
    expect(await client.json("/x")).toEqual({ ok: true });
    expect(sleeps).toHaveLength(1);

    const hanging = ((_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise((_, reject) =>
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)),
      )) as unknown as typeof fetch;
    const slow = setup(new FakeRouter([HOST]), { fetch: hanging, timeoutMs: 20, maxRetries: 2 });
    const timedOut = await slow.client.request("/x").catch((e: unknown) => e);
    expect(timedOut).toBeInstanceOf(TransientError);
    expect((timedOut as Error).message).toBe(
      "Example did not answer GET api.example.test/x within 20 ms (after 2 retries)",
    );
    expect(slow.sleeps).toHaveLength(2);

    const controller = new AbortController();
    const aborting = setup(new FakeRouter([HOST]), { fetch: hanging, signal: controller.signal });
    const pending = aborting.client.request("/x").catch((e: unknown) => e);
    controller.abort(new Error("slice over"));
    expect(((await pending) as Error).message).toBe("slice over");
    expect(aborting.sleeps).toEqual([]);

    const missing = setup(sequence(() => json({ message: "no such thing" }, 404)));
    const notFound = await missing.client.request("/thing").catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(ConfigurationError);
    expect((notFound as ConfigurationError).code).toBe("http_404");
    expect(missing.sleeps).toEqual([]);
  });

  it("lets a vendor classify an answer (a 403 that means throttling is retried)", async () => {
    const router = sequence(() => json([{ errorCode: "REQUEST_LIMIT_EXCEEDED" }], 403), ok);
    const { client, sleeps } = setup(router, {
      classify: (response) => (response.status === 403 ? new RateLimitedError("limit", 2000) : undefined),
    });
    expect(await client.json("/thing")).toEqual({ ok: true });
    expect(sleeps).toEqual([2000]);
  });
});

describe("http-client: auth", () => {
  function authRouter() {
    const state = { valid: "old-token" };
    const router = new FakeRouter([HOST]).use(({ request }) =>
      request.headers.get("Authorization") === `Bearer ${state.valid}`
        ? undefined
        : json({ message: `invalid token ${request.headers.get("Authorization")}` }, 401),
    );
    router.on("GET", "/me", () => json({ id: "me" }));
    return { router, state };
  }

  it("refreshes once on a 401 and retries with the new token", async () => {
    const { router, state } = authRouter();
    state.valid = "new-token";
    let token = "old-token";
    let refreshes = 0;
    const { client, sleeps } = setup(router, {
      auth: bearerAuth(
        () => token,
        async () => {
          refreshes++;
          token = "new-token";
        },
      ),
    });
    expect(await client.json("/me")).toEqual({ id: "me" });
    expect(refreshes).toBe(1);
    expect(sleeps).toEqual([]);
    expect(router.requests.map((r) => r.headers.get("Authorization"))).toEqual([
      "Bearer old-token",
      "Bearer new-token",
    ]);
  });

  it("fails as AuthError when the refreshed token is refused too, or without a refresh", async () => {
    const { router } = authRouter();
    let refreshes = 0;
    const { client } = setup(router, {
      auth: bearerAuth(TOKEN, async () => {
        refreshes++;
      }),
    });
    const error = await client.request("/me").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(refreshes).toBe(1);
    expect(router.requests).toHaveLength(2);
    const plain = setup(authRouter().router, { auth: bearerAuth(TOKEN) });
    await expect(plain.client.request("/me")).rejects.toBeInstanceOf(AuthError);
  });

  it("never puts a credential, a header or a query string in an error message", async () => {
    const router = new FakeRouter([HOST]);
    router.on("GET", "/echo", ({ request, url }) =>
      json(
        {
          message: `bad request ${request.headers.get("Authorization")} for ${url.href} api_key=${url.searchParams.get("api_key")}\n\n${"x".repeat(5000)}`,
        },
        400,
      ),
    );
    const { client } = setup(router, { auth: bearerAuth(TOKEN) });
    const error = await client.request(`/echo?api_key=${TOKEN}&q=1`).catch((e: unknown) => e);
    const message = (error as Error).message;
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(message).not.toContain(TOKEN);
    expect(message).not.toContain("0123456789abcdef");
    expect(message).not.toContain("api_key=sk");
    expect(message).toMatch(
      /^Example answered HTTP 400 to GET api\.example\.test\/echo: bad request \*\*\*\* for https:\/\/api\.example\.test\/echo api_key=\*\*\*\* x/,
    );
    expect(message.length).toBeLessThan(320);
    expect(sanitizeExcerpt("header was Bearer abc.def-ghi", [])).toBe("header was Bearer ****");
    expect(sanitizeExcerpt("key s3cr3t-value leaked", ["s3cr3t-value"])).toBe("key **** leaked");
    expect(sanitizeExcerpt("see https://h/x?token=abc and password=hunter2", [])).toBe(
      "see https://h/x and password=****",
    );
  });
});

describe("http-client: body cap", () => {
  it("refuses a body over the cap, by Content-Length or as read, and reads one under it", async () => {
    const router = new FakeRouter([HOST]);
    router.on("GET", "/big", () => new Response("y".repeat(10_000)));
    router.on(
      "GET",
      "/streamed",
      () =>
        new Response(
          new ReadableStream({
            start(controller) {
              for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode("é".repeat(500)));
              controller.close();
            },
          }),
        ),
    );
    router.on("GET", "/small", () => new Response("z".repeat(900)));
    const { client } = setup(router, { maxBodyBytes: 1000 });
    for (const path of ["/big", "/streamed"]) {
      const error = await client.request(path).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as ConfigurationError).code).toBe("response_too_large");
    }
    expect((await client.request("/small")).text).toHaveLength(900);
    expect((await client.request("/big", { maxBodyBytes: 20_000 })).text).toHaveLength(10_000);
  });
});

describe("http-client: paging", () => {
  const records = Array.from({ length: 23 }, (_, i) => ({ id: `r${String(i + 1).padStart(2, "0")}` }));

  function pagingRouter() {
    const router = new FakeRouter([HOST]);
    // Cursor in the body: ?starting_after=<last id>, {data, has_more}.
    router.on("GET", "/cursor", ({ url }) => {
      const after = url.searchParams.get("starting_after");
      const start = after ? records.findIndex((r) => r.id === after) + 1 : 0;
      const data = records.slice(start, start + 5);
      return json({ data, has_more: start + 5 < records.length });
    });
    // Next token (POST, GraphQL-style variables).
    router.on("POST", "/graphql", ({ body }) => {
      const after = (JSON.parse(body) as { variables: { after?: string } }).variables.after;
      const start = after ? Number(after) : 0;
      const nodes = records.slice(start, start + 10);
      const end = start + nodes.length;
      return json({
        data: { items: { nodes, pageInfo: { hasNextPage: end < records.length, endCursor: String(end) } } },
      });
    });
    // Link header.
    router.on("GET", "/linked", ({ url }) => {
      const page = Number(url.searchParams.get("page_info") ?? "0");
      const data = records.slice(page * 7, page * 7 + 7);
      const more = page * 7 + 7 < records.length;
      const headers: Record<string, string> = more
        ? { Link: `<https://${HOST}/linked?page_info=${page + 1}>; rel="next", <https://${HOST}/linked>; rel="first"` }
        : { Link: `<https://${HOST}/linked>; rel="first"` };
      return json(data, 200, headers);
    });
    // Next URL in the body.
    router.on("GET", "/next-url", ({ url }) => {
      const at = Number(url.searchParams.get("at") ?? "0");
      return json({
        records: records.slice(at, at + 9),
        nextRecordsUrl: at + 9 < records.length ? `/next-url?at=${at + 9}` : null,
      });
    });
    // Offset/limit with a total.
    router.on("GET", "/offset", ({ url }) => {
      const offset = Number(url.searchParams.get("offset"));
      const limit = Number(url.searchParams.get("limit"));
      return json({ results: records.slice(offset, offset + limit), total: records.length });
    });
    // Page numbers.
    router.on("GET", "/pages", ({ url }) => {
      const page = Number(url.searchParams.get("page"));
      const size = Number(url.searchParams.get("per_page"));
      return json(records.slice((page - 1) * size, page * size));
    });
    return router;
  }

  const ids = (list: { id: string }[]) => list.map((r) => r.id);
  const all = async <T>(pages: AsyncIterable<{ items: T[] }>) => {
    const out: T[] = [];
    let count = 0;
    for await (const page of pages) {
      out.push(...page.items);
      count++;
    }
    return { out, count };
  };

  it("walks a cursor in the body (query parameter and POST body)", async () => {
    const { client } = setup(pagingRouter());
    const { out, count } = await all(
      paginateCursor<{ id: string }>(client, {
        url: "/cursor?limit=5",
        param: "starting_after",
        items: (body) => (body as { data: { id: string }[] }).data,
        cursor: (body, page) => ((body as { has_more: boolean }).has_more ? page.at(-1)?.id : undefined),
      }),
    );
    expect(ids(out)).toEqual(ids(records));
    expect(count).toBe(5);

    const query = "query($after: String) { items(after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }";
    type Gql = { data: { items: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } };
    const post = (after?: string) => ({
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ query, variables: { after } }),
    });
    const graphql = await all(
      paginateCursor<{ id: string }>(client, {
        url: "/graphql",
        init: post(),
        items: (body) => (body as Gql).data.items.nodes,
        cursor: (body) => {
          const info = (body as Gql).data.items.pageInfo;
          return info.hasNextPage ? info.endCursor : undefined;
        },
        apply: (cursor, url) => ({ url, init: post(cursor) }),
      }),
    );
    expect(ids(graphql.out)).toEqual(ids(records));
    expect(graphql.count).toBe(3);
  });

  it("walks Link rel=next headers and next URLs in the body", async () => {
    const { client } = setup(pagingRouter());
    const linked = await all(
      paginateLink<{ id: string }>(client, { url: "/linked", items: (b) => b as { id: string }[] }),
    );
    expect(ids(linked.out)).toEqual(ids(records));
    expect(linked.count).toBe(4);
    const next = await all(
      paginateNextUrl<{ id: string }>(client, {
        url: "/next-url",
        items: (b) => (b as { records: { id: string }[] }).records,
        next: (b) => (b as { nextRecordsUrl: string | null }).nextRecordsUrl,
      }),
    );
    expect(ids(next.out)).toEqual(ids(records));
    expect(next.count).toBe(3);
    expect(nextLink('<https://a/x?p=2>; rel="next"')).toBe("https://a/x?p=2");
    expect(nextLink('<https://a/1>; rel="prev", <https://a/3>; rel=next')).toBe("https://a/3");
    expect(nextLink('<https://a/1>; rel="prev"')).toBeUndefined();
    expect(nextLink(null)).toBeUndefined();
  });

  it("walks offset/limit (by total, and by a short page) and page numbers", async () => {
    const router = pagingRouter();
    const { client } = setup(router);
    const byTotal = await all(
      paginateOffset<{ id: string }>(client, {
        url: "/offset",
        limit: 10,
        items: (b) => (b as { results: { id: string }[] }).results,
        total: (b) => (b as { total: number }).total,
      }),
    );
    expect(ids(byTotal.out)).toEqual(ids(records));
    expect(byTotal.count).toBe(3);
    const byShortPage = await all(
      paginateOffset<{ id: string }>(client, {
        url: "/offset",
        limit: 23,
        items: (b) => (b as { results: { id: string }[] }).results,
      }),
    );
    expect(byShortPage.count).toBe(2); // a full page of 23, then an empty one
    expect(ids(byShortPage.out)).toEqual(ids(records));

    const pages = paginatePages<{ id: string }>(client, {
      url: "/pages",
      size: 6,
      items: (b) => b as { id: string }[],
    });
    const flat: { id: string }[] = [];
    for await (const item of items(pages)) flat.push(item);
    expect(ids(flat)).toEqual(ids(records));
    expect(
      router.requests.filter((r) => r.url.pathname === "/pages").map((r) => r.url.searchParams.get("page")),
    ).toEqual(["1", "2", "3", "4"]);
  });

  it("stops a server that points at the same page again", async () => {
    const router = new FakeRouter([HOST]);
    router.on("GET", "/loop", () => json({ data: [{ id: 1 }], next: "/loop" }));
    const { client } = setup(router);
    const walk = all(
      paginateNextUrl(client, {
        url: "/loop",
        items: (b) => (b as { data: unknown[] }).data,
        next: (b) => (b as { next: string }).next,
      }),
    );
    const error = await walk.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).code).toBe("paging_loop");
  });
});

/**
 * Authenticators and the DefaultErrorHandler against the fake: client_credentials, a session
 * token from a login request, basic auth, and response filters (IGNORE, RETRY on a body
 * predicate, FAIL with the manifest's message) with the manifest's backoff strategies.
 */
import { describe, expect, it } from "vitest";
import { createDeclarativeFake, makeItems } from "../../fakes/declarative-api";
import { json } from "../../fakes/fake-router";
import { ctxFor, cursorPaginator, itemsManifest, manifestOf, readerOf, readStream, sleeps } from "./helpers";

describe("authenticators", () => {
  it("OAuth client_credentials: one token for the whole read", async () => {
    const api = createDeclarativeFake({ oauth: { clientId: "cid", clientSecret: "cs" } });
    const manifest = itemsManifest({
      paginator: cursorPaginator,
      requester: {
        authenticator: {
          type: "OAuthAuthenticator",
          grant_type: "client_credentials",
          token_refresh_endpoint: "https://decl.example.com/oauth/token",
          client_id: "{{ config.id }}",
          client_secret: "{{ config.secret }}",
          scopes: ["read"],
        },
      },
    });
    const { records } = await readStream(manifestOf(manifest), "items", {
      fetch: api.fetch,
      config: { id: "cid", secret: "cs" },
      now: new Date(),
    });
    expect(records).toHaveLength(25);
    const token = api.requests.filter((r) => r.url.pathname === "/oauth/token");
    expect(token).toHaveLength(1);
    expect(new URLSearchParams(token[0]?.body).get("scope")).toBe("read");
  });

  it("OAuth refresh_token: a token about to expire is renewed before it is sent", async () => {
    // Tokens live 60 s; every request takes 20 s of the shared clock.
    let t = Date.now();
    const clock = () => new Date(t);
    const api = createDeclarativeFake({
      oauth: { clientId: "cid", clientSecret: "cs", refreshToken: "rt" },
      tokenTtlS: 60,
      now: clock,
    });
    let unauthorized = 0;
    const fetcher: typeof fetch = async (input, init) => {
      const response = await api.fetch(input, init);
      if (response.status === 401) unauthorized++;
      t += 20_000;
      return response;
    };
    const manifest = manifestOf(
      itemsManifest({
        paginator: {
          ...cursorPaginator,
          pagination_strategy: { ...cursorPaginator.pagination_strategy, page_size: 3 },
        },
        requester: {
          authenticator: {
            type: "OAuthAuthenticator",
            token_refresh_endpoint: "https://decl.example.com/oauth/token",
            client_id: "cid",
            client_secret: "cs",
            refresh_token: "rt",
          },
        },
      }),
    );
    const reader = readerOf(manifest);
    const ctx = { ...ctxFor(fetcher), now: clock };
    const [stream] = (await reader.discover({}, ctx)).streams;
    const session = await reader.open({}, ctx);
    let rows = 0;
    for await (const message of session.read({ stream: stream as never, mode: "full", lookbackMs: 0 }, undefined, {
      ...ctx,
      pageBytes: 1 << 20,
      signal: new AbortController().signal,
      runStartedAt: clock(),
    })) {
      if (message.kind === "upsert") rows += message.count;
    }
    expect(rows).toBe(25);
    expect(unauthorized).toBe(0);
    // 9 pages over 180 s of tokens living 60 s, each renewed at half its life.
    expect(api.state.tokensIssued).toBeGreaterThanOrEqual(4);
  });

  it("SessionTokenAuthenticator logs in once and sends the token as a header", async () => {
    const api = createDeclarativeFake({ apiKey: "session-abc" });
    const fetcher: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (new URL(request.url).pathname === "/v1/login") {
        const body = JSON.parse(await request.text());
        return body.user === "ada" && body.password === "pw"
          ? json({ session: { token: "session-abc" } })
          : json({}, 401);
      }
      return api.fetch(request);
    };
    const manifest = itemsManifest({
      paginator: cursorPaginator,
      requester: {
        authenticator: {
          type: "SessionTokenAuthenticator",
          login_requester: {
            type: "HttpRequester",
            url_base: "https://decl.example.com/v1",
            path: "login",
            http_method: "POST",
            request_body_json: { user: "{{ config.user }}", password: "{{ config.password }}" },
          },
          session_token_path: ["session", "token"],
          expiration_duration: "PT1H",
          request_authentication: {
            type: "ApiKey",
            inject_into: { type: "RequestOption", inject_into: "header", field_name: "X-Api-Key" },
          },
        },
      },
    });
    const { records } = await readStream(manifestOf(manifest), "items", {
      fetch: fetcher,
      config: { user: "ada", password: "pw" },
      now: new Date(),
    });
    expect(records).toHaveLength(25);
  });

  it("BasicHttpAuthenticator", async () => {
    let seen = "";
    const api = createDeclarativeFake({ items: makeItems(3) });
    const fetcher: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      seen = request.headers.get("Authorization") ?? "";
      return api.fetch(request);
    };
    const manifest = itemsManifest({
      requester: { authenticator: { type: "BasicHttpAuthenticator", username: "ada", password: "{{ config.pw }}" } },
    });
    await readStream(manifestOf(manifest), "items", { fetch: fetcher, config: { pw: "s3cret" } });
    expect(seen).toBe(`Basic ${btoa("ada:s3cret")}`);
  });
});

describe("DefaultErrorHandler", () => {
  const withHandler = (handler: Record<string, unknown>) =>
    manifestOf(itemsManifest({ paginator: cursorPaginator, requester: { error_handler: handler } }));

  it("IGNORE skips an answer; RETRY on a body predicate retries with the constant backoff", async () => {
    const api = createDeclarativeFake();
    let calls = 0;
    const fetcher: typeof fetch = async (input, init) => {
      calls++;
      // The first answer says "busy" in a 200; the manifest retries it.
      if (calls === 1) return json({ status: "busy" });
      return api.fetch(input, init);
    };
    sleeps.length = 0;
    const manifest = withHandler({
      type: "DefaultErrorHandler",
      max_retries: 3,
      backoff_strategies: [{ type: "ConstantBackoffStrategy", backoff_time_in_seconds: 2 }],
      response_filters: [
        { type: "HttpResponseFilter", action: "RETRY", predicate: "{{ response.get('status') == 'busy' }}" },
        { type: "HttpResponseFilter", action: "IGNORE", http_codes: [404] },
      ],
    });
    const { records } = await readStream(manifest, "items", { fetch: fetcher });
    expect(records).toHaveLength(25);
    expect(calls).toBe(1 + 3);
    expect(sleeps).toEqual([2000]);

    // A 404 ignored: no records, no failure.
    const gone: typeof fetch = async () => json({ message: "gone" }, 404);
    const ignored = await readStream(manifest, "items", {
      fetch: gone,
      stream: (await readStream(manifest, "items", { fetch: api.fetch })).stream,
    });
    expect(ignored.records).toEqual([]);
  });

  it("FAIL with the manifest's message, on a status the client would otherwise retry", async () => {
    const manifest = withHandler({
      type: "DefaultErrorHandler",
      response_filters: [
        {
          type: "HttpResponseFilter",
          action: "FAIL",
          http_codes: [503],
          error_message: "the API is down for maintenance: {{ response.message }}",
        },
      ],
    });
    const api = createDeclarativeFake();
    const { stream } = await readStream(manifest, "items", { fetch: api.fetch });
    let calls = 0;
    const down: typeof fetch = async () => {
      calls++;
      return json({ message: "back at noon" }, 503);
    };
    const failure = await readStream(manifest, "items", { fetch: down, stream }).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(calls).toBe(1);
    expect(failure?.message).toMatch(
      /HTTP 503 to GET decl\.example\.com\/v1\/items: the API is down for maintenance: back at noon/,
    );
  });

  it("WaitTimeFromHeader reads the wait from the vendor's header", async () => {
    const api = createDeclarativeFake();
    let calls = 0;
    const fetcher: typeof fetch = async (input, init) => {
      calls++;
      if (calls <= 2) return json({ message: "throttled" }, 429, { "X-Wait": "7" });
      return api.fetch(input, init);
    };
    const manifest = withHandler({
      type: "DefaultErrorHandler",
      backoff_strategies: [{ type: "WaitTimeFromHeader", header: "X-Wait" }],
    });
    sleeps.length = 0;
    const { records } = await readStream(manifest, "items", { fetch: fetcher });
    expect(records).toHaveLength(25);
    expect(calls).toBe(2 + 3);
    expect(sleeps).toEqual([7000, 7000]);
  });
});

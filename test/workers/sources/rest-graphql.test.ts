import { describe, expect, it } from "vitest";
import { graphqlSource } from "../../../src/engine/sources/graphql/index";
import { restSource } from "../../../src/engine/sources/rest/index";
import { createGraphqlFake, createRestFake } from "../../fakes/generic-api";
import { context, invalid, parse, secretKeys } from "./helpers";

describe("rest source config", () => {
  it("maps baseUrl and the SDK's auth object onto flat fields", () => {
    const config = parse(restSource, {
      schema: "api",
      baseUrl: "https://api.example.com/v1/",
      endpoints: ["/users", "orders"],
      auth: { type: "api_key", header: "X-Token", key: "k-123" },
    });
    expect(config).toEqual({
      schema: "api",
      base_url: "https://api.example.com/v1",
      endpoints: ["/users", "orders"],
      auth_type: "api_key",
      api_key: "k-123",
      api_key_header: "X-Token",
    });
    expect(parse(restSource, config)).toEqual(config);
  });

  it("keeps a stored secret when the SDK's auth sends the mask back", () => {
    const stored = parse(restSource, {
      schema: "api",
      baseUrl: "https://api.example.com",
      endpoints: ["/users"],
      auth: { type: "bearer", token: "t0k" },
    });
    const patched = parse(restSource, { auth: { type: "bearer", token: "******" } }, stored);
    expect(patched.token).toBe("t0k");
  });

  it("marks token, password and api_key as secrets", () => {
    expect(secretKeys(restSource.fields).sort()).toEqual(["api_key", "password", "token"]);
    expect(secretKeys(graphqlSource.fields).sort()).toEqual(["api_key", "password", "token"]);
  });

  it("names missing credentials, bad URLs and endpoints on other origins", () => {
    const base = { schema: "api", baseUrl: "https://api.example.com", endpoints: ["/users"] };
    expect(invalid(restSource, { ...base, auth: { type: "bearer" } })).toBe(
      "Invalid value for field 'config.token': required with auth_type 'bearer'",
    );
    expect(invalid(restSource, { ...base, auth: { type: "oauth" } })).toBe(
      "Invalid value for field 'config.auth.type': expected one of none, bearer, basic, api_key",
    );
    expect(invalid(restSource, { ...base, baseUrl: "ftp://files.example.com" })).toMatch(/'config.base_url'/);
    expect(invalid(restSource, { ...base, endpoints: ["/users", "https://evil.example.net/steal"] })).toBe(
      "Invalid value for field 'config.endpoints.1': must be on the same origin as base_url",
    );
    expect(invalid(restSource, { ...base, endpoints: [] })).toMatch(/'config.endpoints'/);
    expect(
      invalid(restSource, { ...base, baseUrl: "http://api.example.com", auth: { type: "bearer", token: "t" } }),
    ).toBe("Invalid value for field 'config.base_url': must use https:// when credentials are sent");
    expect(
      parse(restSource, { ...base, baseUrl: "http://127.0.0.1:8787", auth: { type: "bearer", token: "t" } }).base_url,
    ).toBe("http://127.0.0.1:8787");
  });
});

describe("rest source setup test (fake api.example.com)", () => {
  const documents = { "/v1/users": [{ id: 1 }, { id: 2 }], "/v1/page": "<html>hi</html>" };

  it("reads the first endpoint under the base path with the bearer token", async () => {
    const api = createRestFake({ type: "bearer", token: "t0k" }, documents);
    const config = parse(restSource, {
      schema: "api",
      baseUrl: "https://api.example.com/v1",
      endpoints: ["users"],
      auth: { type: "bearer", token: "t0k" },
    });
    expect(await restSource.check(config, context(api.fetch))).toEqual([
      {
        title: "Connecting to the API",
        status: "PASSED",
        message: "GET /v1/users answered 200 with JSON (an array of 2)",
      },
    ]);
    expect(api.requests[0]?.headers.get("Authorization")).toBe("Bearer t0k");
  });

  it("sends basic credentials and fails as an auth problem when they are wrong", async () => {
    const api = createRestFake({ type: "basic", username: "ada", password: "right" }, documents);
    const config = parse(restSource, {
      schema: "api",
      baseUrl: "https://api.example.com",
      endpoints: ["/v1/users"],
      auth: { type: "basic", username: "ada", password: "wrong" },
    });
    expect(await restSource.check(config, context(api.fetch))).toEqual([
      {
        title: "Connecting to the API",
        status: "FAILED",
        message: "api.example.com rejected the credentials (401): Bad credentials",
        details: { status: 401, auth: true },
      },
    ]);
  });

  it("warns when the endpoint is not JSON, and on 429", async () => {
    const api = createRestFake({ type: "none" }, documents);
    const page = parse(restSource, { schema: "api", baseUrl: "https://api.example.com", endpoints: ["/v1/page"] });
    const [html] = await restSource.check(page, context(api.fetch));
    expect(html?.status).toBe("WARNING");
    expect(html?.message).toMatch(/GET \/v1\/page answered 200 but not with JSON \(text\/html\)/);
    api.state.rateLimitRetryAfter = 60;
    const [throttled] = await restSource.check(page, context(api.fetch));
    expect(throttled).toMatchObject({ status: "WARNING", details: { status: 429, retry_after: 60 } });
  });

  it("fails clearly when the host cannot be reached", async () => {
    const config = parse(restSource, { schema: "api", baseUrl: "https://down.example.org", endpoints: ["/x"] });
    const [test] = await restSource.check(config, context(createRestFake({ type: "none" }, {}).fetch));
    expect(test?.status).toBe("FAILED");
    expect(test?.message).toMatch(/^Could not reach down\.example\.org: fetch failed/);
  });
});

describe("graphql source", () => {
  it("normalises query strings and records into named queries", () => {
    const fromStrings = parse(graphqlSource, {
      schema: "gql",
      endpoint: "https://graph.example.com/graphql",
      queries: ["query Users { users { id } }", "{ orders { id } }"],
      auth: { type: "bearer", token: "t" },
    });
    expect(fromStrings.queries).toEqual([
      { name: "Users", query: "query Users { users { id } }" },
      { name: "query_2", query: "{ orders { id } }" },
    ]);
    expect(parse(graphqlSource, fromStrings)).toEqual(fromStrings);
    const fromRecord = parse(graphqlSource, {
      schema: "gql",
      endpoint: "https://graph.example.com/graphql",
      queries: { users: "{ users { id } }" },
    });
    expect(fromRecord.queries).toEqual([{ name: "users", query: "{ users { id } }" }]);
  });

  it("rejects malformed queries, mutations and duplicate names", () => {
    const base = { schema: "gql", endpoint: "https://graph.example.com/graphql" };
    expect(invalid(graphqlSource, { ...base, queries: ["{ users { id }"] })).toMatch(
      /'config.queries.0.query': not a GraphQL query/,
    );
    expect(invalid(graphqlSource, { ...base, queries: ["mutation M { wipe }"] })).toMatch(/only queries can be synced/);
    expect(
      invalid(graphqlSource, {
        ...base,
        queries: [
          { name: "a", query: "{ a }" },
          { name: "a", query: "{ b }" },
        ],
      }),
    ).toBe("Invalid value for field 'config.queries.1.name': duplicate name");
  });

  it("posts { __typename } and passes on a GraphQL answer", async () => {
    const graph = createGraphqlFake({ type: "api_key", header: "X-Api-Key", key: "gk" });
    const config = parse(graphqlSource, {
      schema: "gql",
      endpoint: "https://graph.example.com/graphql",
      queries: ["{ users { id } }"],
      auth: { type: "api_key", header: "X-Api-Key", key: "gk" },
    });
    expect(await graphqlSource.check(config, context(graph.fetch))).toEqual([
      {
        title: "Connecting to the GraphQL endpoint",
        status: "PASSED",
        message: "graph.example.com answered { __typename } with Query",
      },
    ]);
    expect(JSON.parse(graph.requests[0]?.body ?? "")).toEqual({ query: "{ __typename }" });
  });

  it("fails as an auth problem with a wrong key, and on an endpoint that is not GraphQL", async () => {
    const graph = createGraphqlFake({ type: "bearer", token: "right" });
    const wrong = parse(graphqlSource, {
      schema: "gql",
      endpoint: "https://graph.example.com/graphql",
      queries: ["{ a }"],
      auth: { type: "bearer", token: "wrong" },
    });
    const [auth] = await graphqlSource.check(wrong, context(graph.fetch));
    expect(auth).toMatchObject({ status: "FAILED", details: { status: 401, auth: true } });
    expect(auth?.message).toBe("graph.example.com rejected the credentials (401): Unauthorized");

    const rest = createRestFake({ type: "none" }, {});
    const notGraphql = parse(graphqlSource, {
      schema: "gql",
      endpoint: "https://api.example.com/graphql",
      queries: ["{ a }"],
    });
    const [missing] = await graphqlSource.check(notGraphql, context(rest.fetch));
    expect(missing?.message).toBe("api.example.com answered 404: Not Found");
  });
});

/**
 * The lists clients read first (issue #16 item 6) and the per-account request limit (item 7).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { operationKinds, parseRateLimit, parseRateLimits } from "../../src/middleware/rate-limit";
import { call, newAccount } from "./helpers";
import { connection, group } from "./mgmt-helpers";

const EMPTY_LISTS: [string, string][] = [
  ["/v1/external-logging", "External logging services retrieved successfully"],
  ["/v1/external-secrets-managers", "Operation performed successfully"],
  ["/v1/external-secrets-managers-entities", "Operation performed successfully"],
  ["/v1/connector-sdk/packages", "Connector SDK packages retrieved successfully"],
  ["/v1/transformations/package-metadata", "Transformation package metadata list retrieved successfully"],
  ["/v1/private-links", "Private links retrieved successfully"],
  ["/v1/proxy", "Proxy agent retrieved successfully"],
  ["/v1/hybrid-deployment-agents", "Hybrid deployment agents retrieved successfully"],
  ["/v1/transformations", "Transformations list retrieved successfully"],
  ["/v1/transformation-projects", "Transformation projects retrieved successfully"],
];

const DETAILS: [string, string, string][] = [
  [
    "/v1/external-secrets-managers/lucky_tiger",
    "NotFound",
    "External Secrets Manager with 'lucky_tiger' id is not found.",
  ],
  ["/v1/connector-sdk/packages/p1", "NotFound_ConnectorSdkPackage", "ConnectorSdkPackage with id 'p1' does not exist."],
  [
    "/v1/transformations/package-metadata/d1",
    "NotFound_TransformationPackageMetadata",
    "TransformationPackageMetadata with id 'd1' does not exist.",
  ],
  ["/v1/private-links/l1", "NotFound_PrivateLink", "PrivateLink with id 'l1' does not exist."],
  ["/v1/proxy/a1", "NotFound", "Proxy Agent not found."],
  [
    "/v1/hybrid-deployment-agents/a1",
    "NotFound_HybridDeploymentAgent",
    "HybridDeploymentAgent with id 'a1' does not exist.",
  ],
  ["/v1/transformations/t1", "NotFound_Transformation", "Transformation with id 't1' does not exist."],
  [
    "/v1/transformation-projects/p1",
    "NotFound_TransformationProject",
    "TransformationProject with id 'p1' does not exist.",
  ],
  ["/v1/external-logging/l1", "NotFound_ExternalLogging", "External logging service with id 'l1' does not exist."],
];

const proxyNotFound = { code: "NotFound", message: "Proxy Agent not found." };
const esmNotFound = { code: "NotFound", message: "External Secrets Manager with 'lucky_tiger' id is not found." };
const notFoundAs = (kind: string, id: string) => ({
  code: `NotFound_${kind}`,
  message: `${kind} with id '${id}' does not exist.`,
});
const logNotFound = {
  code: "NotFound_ExternalLogging",
  message: "External logging service with id 'l1' does not exist.",
};

/** Every operation on one resource of the absent families (go-fivetran's and the spec's), and its 404. */
const SUB_ROUTES: [string, string, { code: string; message: string }][] = [
  ["GET", "/v1/proxy/a1/connections", proxyNotFound],
  ["POST", "/v1/proxy/a1/regenerate-secrets", proxyNotFound],
  ["DELETE", "/v1/proxy/a1", proxyNotFound],
  ["PATCH", "/v1/hybrid-deployment-agents/a1/re-auth", notFoundAs("HybridDeploymentAgent", "a1")],
  ["POST", "/v1/hybrid-deployment-agents/a1/reset-credentials", notFoundAs("HybridDeploymentAgent", "a1")],
  ["DELETE", "/v1/hybrid-deployment-agents/a1", notFoundAs("HybridDeploymentAgent", "a1")],
  ["PATCH", "/v1/private-links/l1", notFoundAs("PrivateLink", "l1")],
  ["DELETE", "/v1/private-links/l1", notFoundAs("PrivateLink", "l1")],
  ["PATCH", "/v1/external-secrets-managers/lucky_tiger", esmNotFound],
  ["DELETE", "/v1/external-secrets-managers/lucky_tiger", esmNotFound],
  ["GET", "/v1/external-secrets-managers/lucky_tiger/entities", esmNotFound],
  ["PATCH", "/v1/connector-sdk/packages/p1", notFoundAs("ConnectorSdkPackage", "p1")],
  ["DELETE", "/v1/connector-sdk/packages/p1", notFoundAs("ConnectorSdkPackage", "p1")],
  ["GET", "/v1/connector-sdk/packages/p1/download", notFoundAs("ConnectorSdkPackage", "p1")],
  ["PATCH", "/v1/external-logging/l1", logNotFound],
  ["POST", "/v1/external-logging/l1/test", logNotFound],
  ["DELETE", "/v1/external-logging/l1", logNotFound],
  ["PATCH", "/v1/transformations/t1", notFoundAs("Transformation", "t1")],
  ["DELETE", "/v1/transformations/t1", notFoundAs("Transformation", "t1")],
  ["POST", "/v1/transformations/t1/run", notFoundAs("Transformation", "t1")],
  ["POST", "/v1/transformations/t1/cancel", notFoundAs("Transformation", "t1")],
  ["POST", "/v1/transformations/t1/upgrade", notFoundAs("Transformation", "t1")],
  ["PATCH", "/v1/transformation-projects/p1", notFoundAs("TransformationProject", "p1")],
  ["DELETE", "/v1/transformation-projects/p1", notFoundAs("TransformationProject", "p1")],
  ["POST", "/v1/transformation-projects/p1/test", notFoundAs("TransformationProject", "p1")],
];

const ACCOUNT_LOG_SERVICE: [string, string][] = [
  ["GET", "/v1/external-logging/account"],
  ["PATCH", "/v1/external-logging/account"],
  ["DELETE", "/v1/external-logging/account"],
  ["POST", "/v1/external-logging/account/test"],
];

describe("operations on one resource of an absent family", () => {
  it.each(SUB_ROUTES)("%s %s is Fivetran's 404, not No route", async (method, path, error) => {
    const auth = await newAccount();
    const body = method === "GET" || method === "DELETE" ? undefined : {};
    const res = await call(method, path, { auth, body });
    expect(res.status).toBe(404);
    expect(res.json).toEqual(error);
    // A trailing slash, as the Airflow provider sends, is the same route.
    expect((await call(method, `${path}/`, { auth, body })).json).toEqual(error);
  });

  it.each(ACCOUNT_LOG_SERVICE)("%s %s: the account has no account-level log service", async (method, path) => {
    const res = await call(method, path, { auth: await newAccount(), body: method === "GET" ? undefined : {} });
    expect(res.status).toBe(404);
    expect(res.json.code).toBe("NotFound_ExternalLogging");
  });

  it("decodes the id in the message", async () => {
    const res = await call("GET", "/v1/private-links/a%20b", { auth: await newAccount() });
    expect(res.json.message).toBe("PrivateLink with id 'a b' does not exist.");
  });

  it("still needs credentials", async () => {
    const res = await call("GET", "/v1/proxy/a1/connections", { auth: null });
    expect(res.status).toBe(401);
  });
});

describe("the lists clients read first", () => {
  it.each(EMPTY_LISTS)("GET %s is 200 with an empty page and Fivetran's message", async (path, message) => {
    const auth = await newAccount();
    const res = await call("GET", `${path}?limit=10`, { auth });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ code: "Success", message, data: { items: [] } });
    const slash = await call("GET", `${path}/`, { auth });
    expect(slash.status).toBe(200);
  });

  it.each(EMPTY_LISTS)("GET %s refuses a cursor that is not ours and a limit out of range", async (path) => {
    const auth = await newAccount();
    expect((await call("GET", `${path}?cursor=nonsense`, { auth })).json.code).toBe("InvalidInput");
    const big = await call("GET", `${path}?limit=1001`, { auth });
    expect(big.status).toBe(400);
    expect(big.json.code).toBe("InvalidInput");
  });

  it.each(DETAILS)("GET %s is 404 %s", async (path, code, message) => {
    const res = await call("GET", path, { auth: await newAccount() });
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ code, message });
  });

  it("needs credentials like every /v1 route", async () => {
    const res = await call("GET", "/v1/private-links", { auth: null });
    expect(res.status).toBe(401);
    expect(res.json.code).toBe("Unauthorized");
  });
});

describe("per-account request limits", () => {
  it("parses FIVETRAN_RATE_LIMIT: off by default, requests/seconds, requests per hour", () => {
    expect(parseRateLimit(undefined)).toBeUndefined();
    expect(parseRateLimit("")).toBeUndefined();
    expect(parseRateLimit("off")).toBeUndefined();
    expect(parseRateLimit("20000/3600")).toEqual({ requests: 20000, seconds: 3600 });
    expect(parseRateLimit("500")).toEqual({ requests: 500, seconds: 3600 });
    expect(() => parseRateLimit("lots")).toThrow(/FIVETRAN_RATE_LIMIT/);
    expect(() => parseRateLimit("0/60")).toThrow(/FIVETRAN_RATE_LIMIT/);
  });

  it("is off in the test Worker, as locally", async () => {
    expect(env.FIVETRAN_RATE_LIMIT).toBeUndefined();
    const res = await call("GET", "/v1/groups", { auth: await newAccount() });
    expect(res.headers.get("x-ratelimit-limit")).toBeNull();
  });

  it("answers 429 with an integer Retry-After once an account spends its budget; other accounts go on", async () => {
    const app = createApp();
    const limited = { ...env, FIVETRAN_RATE_LIMIT: "3/3600" };
    const [a, b] = [await newAccount("limited a"), await newAccount("limited b")];
    const get = (auth: string) =>
      app.fetch(new Request("http://127.0.0.1:8787/v1/groups", { headers: { authorization: auth } }), limited);
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 4; i++) {
      last = await get(a);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    const retryAfter = last?.headers.get("retry-after") ?? "";
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(3600);
    const body = await last?.json<{ code: string; message: string }>();
    expect(body?.code).toBe("TooManyRequests");
    expect(body?.message).toMatch(/3 requests per 3600 seconds/);
    const other = await get(b);
    expect(other.status).toBe(200);
    expect(other.headers.get("x-ratelimit-limit")).toBe("3");
    expect(other.headers.get("x-ratelimit-remaining")).toBe("2");
  });

  it("counts no request without valid credentials against the account", async () => {
    const app = createApp();
    const limited = { ...env, FIVETRAN_RATE_LIMIT: "1/3600" };
    const res = await app.fetch(new Request("http://127.0.0.1:8787/v1/groups"), limited);
    expect(res.status).toBe(401);
  });
});

describe("setup-test and source-interaction limits", () => {
  const app = createApp();
  const send = (
    limits: Record<string, string>,
    auth: string,
    method: string,
    path: string,
    body?: Record<string, unknown>,
  ) =>
    app.fetch(
      new Request(`http://127.0.0.1:8787${path}`, {
        method,
        headers: { authorization: auth, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
      { ...env, ...limits },
    );

  async function account(name: string) {
    const auth = await newAccount(name);
    const groupId = await group(auth, `${name}_group`);
    const connectionId = await connection(auth, groupId, `${name.replace(/\W/g, "_")}_schema`);
    return { auth, groupId, connectionId };
  }

  it("parses lists of windows that all apply; off by default and in the test Worker", () => {
    expect(parseRateLimits(undefined, "X", "1/1")).toEqual([]);
    expect(parseRateLimits("off", "X", "1/1")).toEqual([]);
    expect(parseRateLimits("250/60, 2500/3600", "X", "1/1")).toEqual([
      { requests: 250, seconds: 60 },
      { requests: 2500, seconds: 3600 },
    ]);
    expect(parseRateLimits("500", "X", "1/1")).toEqual([{ requests: 500, seconds: 3600 }]);
    expect(() => parseRateLimits("250/60,soon", "FIVETRAN_SOURCE_RATE_LIMIT", "500/60")).toThrow(
      /FIVETRAN_SOURCE_RATE_LIMIT/,
    );
    expect(env.FIVETRAN_SETUP_TEST_RATE_LIMIT).toBeUndefined();
    expect(env.FIVETRAN_SOURCE_RATE_LIMIT).toBeUndefined();
  });

  it("classifies requests as Fivetran's rate-limiting page does", () => {
    const kinds = (method: string, path: string, body?: Record<string, unknown>) => operationKinds(method, path, body);
    const both = { setupTest: true, source: true };
    const source = { setupTest: false, source: true };
    const neither = { setupTest: false, source: false };
    expect(kinds("POST", "/v1/connections/c1/test")).toEqual(both);
    expect(kinds("POST", "/v1/connectors/c1/test/")).toEqual(both);
    expect(kinds("POST", "/v1/destinations/d1/test")).toEqual(both);
    expect(kinds("POST", "/v1/connections", {})).toEqual(both);
    expect(kinds("POST", "/v1/connections", { run_setup_tests: false })).toEqual(neither);
    expect(kinds("POST", "/v1/destinations", { run_setup_tests: true })).toEqual(both);
    expect(kinds("PATCH", "/v1/connections/c1", { paused: true })).toEqual(neither);
    expect(kinds("PATCH", "/v1/connections/c1", { run_setup_tests: true })).toEqual(both);
    expect(kinds("PATCH", "/v1/destinations/d1", { run_setup_tests: true })).toEqual(both);
    expect(kinds("POST", "/v1/connections/c1/schemas/reload")).toEqual(source);
    expect(kinds("GET", "/v1/connectors/c1/schemas/s/tables/t/columns")).toEqual(source);
    expect(kinds("POST", "/v1/connections/c1/sync")).toEqual(neither);
    expect(kinds("POST", "/v1/connections/c1/resync")).toEqual(neither);
    expect(kinds("GET", "/v1/connections/c1/schemas")).toEqual(neither);
  });

  it("answers 429 with an integer Retry-After past the setup-test budget; other requests and accounts go on", async () => {
    const limits = { FIVETRAN_SETUP_TEST_RATE_LIMIT: "100/60,2/3600" };
    const a = await account("setup limited a");
    const b = await account("setup limited b");
    const test = (who: { auth: string; connectionId: string }) =>
      send(limits, who.auth, "POST", `/v1/connections/${who.connectionId}/test`, {});
    expect((await test(a)).status).toBe(200);
    // A modify without run_setup_tests is no setup test.
    expect((await send(limits, a.auth, "PATCH", `/v1/connections/${a.connectionId}`, { paused: true })).status).toBe(
      200,
    );
    expect(
      (await send(limits, a.auth, "PATCH", `/v1/connections/${a.connectionId}`, { run_setup_tests: true })).status,
    ).toBe(200);
    const over = await test(a);
    expect(over.status).toBe(429);
    const retryAfter = over.headers.get("retry-after") ?? "";
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(3600);
    const body = await over.json<{ code: string; message: string }>();
    expect(body.code).toBe("TooManyRequests");
    expect(body.message).toMatch(/^Setup test rate limit of 2 requests per 3600 seconds/);
    // A create that runs setup tests is refused too; one that skips them is not.
    const create = (run_setup_tests: boolean) =>
      send(limits, a.auth, "POST", "/v1/connections", {
        group_id: a.groupId,
        service: "sample",
        config: { schema: `s_${run_setup_tests}` },
        paused: true,
        run_setup_tests,
      });
    expect((await create(true)).status).toBe(429);
    expect((await create(false)).status).toBe(201);
    // Syncs and reads are not setup tests.
    expect((await send(limits, a.auth, "GET", `/v1/connections/${a.connectionId}`)).status).toBe(200);
    expect((await send(limits, a.auth, "POST", `/v1/connections/${a.connectionId}/resync`, {})).status).not.toBe(429);
    // The budget is the account's.
    expect((await test(b)).status).toBe(200);
  });

  it("counts setup tests against the source-interaction budget, with schema reloads and source columns", async () => {
    // An hour window: a minute boundary between these requests cannot reset the count.
    const limits = { FIVETRAN_SOURCE_RATE_LIMIT: "3/3600" };
    const a = await account("source limited");
    expect((await send(limits, a.auth, "POST", `/v1/connections/${a.connectionId}/test`, {})).status).toBe(200);
    const reload = await send(limits, a.auth, "POST", `/v1/connections/${a.connectionId}/schemas/reload`, {});
    expect(reload.status).not.toBe(429);
    const columns = await send(limits, a.auth, "GET", `/v1/connections/${a.connectionId}/schemas/s/tables/t/columns`);
    expect(columns.status).not.toBe(429);
    const over = await send(limits, a.auth, "POST", `/v1/connections/${a.connectionId}/schemas/reload`, {});
    expect(over.status).toBe(429);
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(over.headers.get("retry-after"))).toBeLessThanOrEqual(3600);
    expect((await over.json<{ message: string }>()).message).toMatch(
      /^Source interaction rate limit of 3 requests per 3600 seconds/,
    );
    // The setup-test budget is unset: only the source budget refuses.
    expect((await send(limits, a.auth, "GET", `/v1/connections/${a.connectionId}/schemas`)).status).not.toBe(429);
  });

  it("reports a budget that does not parse as a configuration error", async () => {
    const a = await account("bad config");
    const res = await send(
      { FIVETRAN_SETUP_TEST_RATE_LIMIT: "lots" },
      a.auth,
      "POST",
      `/v1/connections/${a.connectionId}/test`,
      {},
    );
    expect(res.status).toBe(500);
    expect((await res.json<{ code: string }>()).code).toBe("InvalidConfiguration");
  });
});

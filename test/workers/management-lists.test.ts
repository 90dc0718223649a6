/**
 * The lists clients read first (issue #16 item 6) and the per-account request limit (item 7).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { parseRateLimit } from "../../src/middleware/rate-limit";
import { call, newAccount } from "./helpers";

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

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

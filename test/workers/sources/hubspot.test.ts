import { describe, expect, it } from "vitest";
import { hubspotSource } from "../../../src/engine/sources/hubspot/index";
import { createHubspotFake } from "../../fakes/hubspot";
import { context, invalid, parse, secretKeys, summary } from "./helpers";

const TOKEN = "pat-na1-11111111-2222-3333-4444-555555555555";
const NARROW = "pat-na1-99999999-2222-3333-4444-555555555555";

function fake() {
  return createHubspotFake({
    tokens: {
      [TOKEN]: ["crm.objects.contacts.read", "crm.objects.companies.read", "crm.objects.deals.read"],
      [NARROW]: ["crm.objects.contacts.read"],
    },
    data: {
      contacts: [{ id: "1", properties: { email: "ada@example.com" } }],
      companies: [],
      deals: [{ id: "7", properties: { dealname: "Big one" } }],
      tickets: [],
    },
  });
}

describe("hubspot source config", () => {
  it("maps the SDK's apiKey onto access_token", () => {
    const config = parse(hubspotSource, {
      schema: "hubspot",
      apiKey: TOKEN,
      objects: ["contacts", "p_cars", "2-1234"],
    });
    expect(config).toEqual({ schema: "hubspot", access_token: TOKEN, objects: ["contacts", "p_cars", "2-1234"] });
    expect(parse(hubspotSource, config)).toEqual(config);
  });

  it("marks the access token, client secret and refresh token as secrets", () => {
    expect(secretKeys(hubspotSource.fields).sort()).toEqual(["access_token", "client_secret", "refresh_token"]);
  });

  it("rejects unknown objects and a missing token, naming the field", () => {
    expect(invalid(hubspotSource, { schema: "h", apiKey: TOKEN, objects: ["contact"] })).toMatch(
      /^Invalid value for field 'config.objects.0': unknown HubSpot object/,
    );
    expect(invalid(hubspotSource, { schema: "h" })).toBe(
      "Invalid value for field 'config.access_token': a private app access token (or client_id, client_secret and refresh_token for OAuth) is required",
    );
    expect(invalid(hubspotSource, { schema: "h", apiKey: TOKEN, backward_sync_limit_date: "last year" })).toMatch(
      /'config.backward_sync_limit_date'/,
    );
  });
});

describe("hubspot source setup tests (fake api.hubapi.com)", () => {
  it("passes when the token can read every object", async () => {
    const hubspot = fake();
    const config = parse(hubspotSource, { schema: "hubspot", apiKey: TOKEN, objects: ["contacts", "deals"] });
    const tests = await hubspotSource.check(config, context(hubspot.fetch));
    expect(summary(tests)).toEqual([
      ["Connecting to HubSpot", "PASSED"],
      ["Validating object access", "PASSED"],
    ]);
    expect(tests[1]?.message).toBe("2 object(s) readable: contacts, deals");
    expect(hubspot.requests.map((r) => r.url.pathname)).toEqual(["/crm/v3/objects/contacts", "/crm/v3/objects/deals"]);
    expect(hubspot.requests[0]?.headers.get("Authorization")).toBe(`Bearer ${TOKEN}`);
  });

  it("fails as an auth problem for a revoked token", async () => {
    const config = parse(hubspotSource, { schema: "hubspot", apiKey: "pat-na1-revoked" });
    const [test] = await hubspotSource.check(config, context(fake().fetch));
    expect(test?.status).toBe("FAILED");
    expect(test?.message).toMatch(/^HubSpot rejected the credentials \(401\): Authentication credentials not found/);
    expect(test?.details).toEqual({ status: 401, auth: true });
  });

  it("names the scope a token is missing", async () => {
    const config = parse(hubspotSource, { schema: "hubspot", apiKey: NARROW, objects: ["contacts", "deals"] });
    const tests = await hubspotSource.check(config, context(fake().fetch));
    expect(summary(tests)).toEqual([
      ["Connecting to HubSpot", "PASSED"],
      ["Validating object access", "FAILED"],
    ]);
    expect(tests[1]?.message).toMatch(/^Cannot read deals \(.*403.*required scopes: crm\.objects\.deals\.read\)/);
  });

  it("warns on 429 and fails on 5xx", async () => {
    const hubspot = fake();
    const config = parse(hubspotSource, { schema: "hubspot", apiKey: TOKEN });
    hubspot.state.rateLimitRetryAfter = 1;
    const [throttled] = await hubspotSource.check(config, context(hubspot.fetch));
    expect(throttled?.status).toBe("WARNING");
    expect(throttled?.message).toMatch(/Retry-After: 1 s\): You have reached your secondly limit/);
    hubspot.state.rateLimitRetryAfter = undefined;
    hubspot.state.outage = 502;
    const [down] = await hubspotSource.check(config, context(hubspot.fetch));
    expect(down).toMatchObject({ status: "FAILED", details: { status: 502, auth: false } });
  });
});

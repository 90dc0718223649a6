import { describe, expect, it } from "vitest";
import { SALESFORCE_API_VERSION, salesforceSource } from "../../../src/engine/sources/salesforce/index";
import { createSalesforceFake } from "../../fakes/salesforce";
import { context, invalid, parse, secretKeys, summary } from "./helpers";

const MY_DOMAIN = "acme.my.salesforce.com";

function fake() {
  return createSalesforceFake({
    myDomain: MY_DOMAIN,
    apps: {
      "3MVG9fake": { client_secret: "s3cret", refresh_tokens: ["5Aep861fake"], client_credentials: true },
    },
    sobjects: [
      { name: "Account" },
      { name: "Contact" },
      { name: "Opportunity" },
      { name: "AccountFeed", queryable: false },
    ],
  });
}

const credentials = { clientId: "3MVG9fake", clientSecret: "s3cret", refreshToken: "5Aep861fake" };

describe("salesforce source config", () => {
  it("flattens the SDK's credentials onto Fivetran's names", () => {
    const config = parse(salesforceSource, { schema: "salesforce", credentials, objects: ["Account", "Contact"] });
    expect(config).toEqual({
      schema: "salesforce",
      client_id: "3MVG9fake",
      client_secret: "s3cret",
      refresh_token: "5Aep861fake",
      objects: ["Account", "Contact"],
    });
    expect(parse(salesforceSource, config)).toEqual(config);
  });

  it("accepts credentials as JSON and Fivetran's auth shape", () => {
    const fromJson = parse(salesforceSource, { schema: "sf", credentials: JSON.stringify(credentials) });
    const fromAuth = parse(salesforceSource, {
      schema: "sf",
      auth: { client_access: { client_id: "3MVG9fake", client_secret: "s3cret" }, refresh_token: "5Aep861fake" },
    });
    expect(fromJson).toEqual(fromAuth);
  });

  it("merges a PATCH onto stored config, keeping secrets sent back masked", () => {
    const stored = parse(salesforceSource, { schema: "sf", credentials });
    const patched = parse(
      salesforceSource,
      { credentials: { clientId: "3MVG9other", clientSecret: "******", refreshToken: "******" } },
      stored,
    );
    expect(patched).toEqual({ ...stored, client_id: "3MVG9other" });
  });

  it("marks the client secret and refresh token as secrets", () => {
    expect(secretKeys(salesforceSource.fields).sort()).toEqual(["client_secret", "refresh_token"]);
  });

  it("names bad fields", () => {
    expect(invalid(salesforceSource, { schema: "sf", credentials: "not json" })).toBe(
      "Invalid value for field 'config.credentials': expected an object or its JSON",
    );
    expect(invalid(salesforceSource, { schema: "sf", credentials, base_url: "http://acme.my.salesforce.com" })).toBe(
      "Invalid value for field 'config.base_url': must start with https://",
    );
    expect(invalid(salesforceSource, { schema: "sf", credentials, objects: ["Account; DROP"] })).toMatch(
      /'config.objects.0': an sObject API name/,
    );
    expect(invalid(salesforceSource, { schema: "sf", client_secret: "x" })).toBe(
      "Field 'config.client_id' is required",
    );
  });
});

describe("salesforce source setup tests (fake OAuth and REST API)", () => {
  it("refreshes a token at login.salesforce.com, then describes sObjects on the instance", async () => {
    const sf = fake();
    const config = parse(salesforceSource, { schema: "sf", credentials, objects: ["Account", "opportunity"] });
    const tests = await salesforceSource.check(config, context(sf.fetch));
    expect(summary(tests)).toEqual([
      ["Authenticating with Salesforce", "PASSED"],
      ["Connecting to Salesforce", "PASSED"],
      ["Validating objects", "PASSED"],
    ]);
    expect(tests[1]?.message).toBe(`Connected to ${MY_DOMAIN} (API v${SALESFORCE_API_VERSION}, 4 objects visible)`);
    expect(sf.requests.map((r) => `${r.method} ${r.url.href}`)).toEqual([
      "POST https://login.salesforce.com/services/oauth2/token",
      `GET https://${MY_DOMAIN}/services/data/v${SALESFORCE_API_VERSION}/sobjects`,
    ]);
    expect(Object.fromEntries(new URLSearchParams(sf.requests[0]?.body))).toEqual({
      client_id: "3MVG9fake",
      client_secret: "s3cret",
      grant_type: "refresh_token",
      refresh_token: "5Aep861fake",
    });
  });

  it("uses the client credentials flow on the My Domain", async () => {
    const sf = fake();
    const config = parse(salesforceSource, {
      schema: "sf",
      client_id: "3MVG9fake",
      client_secret: "s3cret",
      base_url: `https://${MY_DOMAIN}/`,
    });
    const tests = await salesforceSource.check(config, context(sf.fetch));
    expect(summary(tests)).toEqual([
      ["Authenticating with Salesforce", "PASSED"],
      ["Connecting to Salesforce", "PASSED"],
    ]);
    expect(sf.requests[0]?.url.href).toBe(`https://${MY_DOMAIN}/services/oauth2/token`);
  });

  it("fails without a refresh token or My Domain, and on an expired refresh token", async () => {
    const noDomain = parse(salesforceSource, { schema: "sf", client_id: "3MVG9fake", client_secret: "s3cret" });
    const [needsDomain] = await salesforceSource.check(noDomain, context(fake().fetch));
    expect(needsDomain).toMatchObject({ status: "FAILED", details: { auth: true } });
    expect(needsDomain?.message).toMatch(/set base_url to https:\/\/<domain>\.my\.salesforce\.com/);

    const expired = parse(salesforceSource, { schema: "sf", credentials: { ...credentials, refreshToken: "old" } });
    const [refused] = await salesforceSource.check(expired, context(fake().fetch));
    expect(refused).toEqual({
      title: "Authenticating with Salesforce",
      status: "FAILED",
      message: "Salesforce refused the token request (400): invalid_grant: expired access/refresh token",
      details: { status: 400, auth: true },
    });
  });

  it("lists objects that are missing or not queryable", async () => {
    const config = parse(salesforceSource, {
      schema: "sf",
      credentials,
      objects: ["Account", "Invoice__c", "AccountFeed"],
    });
    const tests = await salesforceSource.check(config, context(fake().fetch));
    expect(tests[2]).toEqual({
      title: "Validating objects",
      status: "FAILED",
      message: "Objects not found or not visible to this user: Invoice__c; not queryable: AccountFeed",
    });
  });

  it("treats REQUEST_LIMIT_EXCEEDED and 429 as warnings and 5xx as failures", async () => {
    const sf = fake();
    const config = parse(salesforceSource, { schema: "sf", credentials });
    sf.state.requestLimitExceeded = true;
    const tests = await salesforceSource.check(config, context(sf.fetch));
    expect(tests[1]).toMatchObject({ status: "WARNING", details: { status: 403, retry_after: null } });
    expect(tests[1]?.message).toMatch(/REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded/);

    sf.state.rateLimitRetryAfter = 30;
    const [throttled] = await salesforceSource.check(config, context(sf.fetch));
    expect(throttled).toMatchObject({ status: "WARNING", details: { status: 429, retry_after: 30 } });

    sf.state.rateLimitRetryAfter = undefined;
    sf.state.outage = 503;
    const [down] = await salesforceSource.check(config, context(sf.fetch));
    expect(down).toMatchObject({ status: "FAILED", details: { status: 503, auth: false } });
  });
});

import { describe, expect, it } from "vitest";
import { stripeSource } from "../../../src/engine/sources/stripe/index";
import { createStripeFake } from "../../fakes/stripe";
import { context, invalid, parse, secretKeys, summary } from "./helpers";

const SECRET = "sk_test_51FakeSecretKey0123456789";
const RESTRICTED = "rk_test_51FakeRestrictedKey0123456789";

function fake() {
  return createStripeFake({
    keys: { [SECRET]: {}, [RESTRICTED]: { readable: ["balance", "customers"] } },
    data: {
      customers: [
        { id: "cus_2", object: "customer" },
        { id: "cus_1", object: "customer" },
      ],
      charges: [{ id: "ch_1", object: "charge" }],
      invoices: [],
    },
  });
}

describe("stripe source config", () => {
  it("maps the SDK's apiKey onto api_key and keeps objects", () => {
    const config = parse(stripeSource, { schema: "stripe", apiKey: SECRET, objects: ["customers", "charges"] });
    expect(config).toEqual({ schema: "stripe", api_key: SECRET, objects: ["customers", "charges"] });
    expect(parse(stripeSource, config)).toEqual(config);
  });

  it("marks api_key and access_token as secrets", () => {
    expect(secretKeys(stripeSource.fields).sort()).toEqual(["access_token", "api_key"]);
  });

  it("names the field of a bad key, an unknown object and a missing key", () => {
    expect(invalid(stripeSource, { schema: "s", apiKey: "pk_test_123" })).toMatch(
      /^Invalid value for field 'config.api_key': a publishable key/,
    );
    expect(invalid(stripeSource, { schema: "s", apiKey: SECRET, objects: ["customers", "widgets"] })).toMatch(
      /'config.objects.1': unknown Stripe object/,
    );
    expect(invalid(stripeSource, { schema: "s" })).toMatch(
      /'config.api_key': a Stripe secret or restricted key is required/,
    );
    expect(invalid(stripeSource, { apiKey: SECRET })).toBe("Field 'config.schema' is required");
  });
});

describe("stripe source setup tests (fake api.stripe.com)", () => {
  it("passes with a secret key and checks each object with one list call", async () => {
    const stripe = fake();
    const config = parse(stripeSource, { schema: "stripe", apiKey: SECRET, objects: ["customers", "charges"] });
    const tests = await stripeSource.check(config, context(stripe.fetch));
    expect(summary(tests)).toEqual([
      ["Connecting to Stripe", "PASSED"],
      ["Validating object access", "PASSED"],
    ]);
    expect(tests[0]?.message).toBe("Stripe accepted the key (test mode)");
    expect(stripe.requests.map((r) => `${r.method} ${r.url.pathname}${r.url.search}`)).toEqual([
      "GET /v1/balance",
      "GET /v1/customers?limit=1",
      "GET /v1/charges?limit=1",
    ]);
    expect(stripe.requests[0]?.headers.get("Authorization")).toBe(`Bearer ${SECRET}`);
  });

  it("reports an unknown key as an auth failure without echoing it", async () => {
    const config = parse(stripeSource, { schema: "stripe", apiKey: "sk_test_51WrongKey99999999" });
    const [test] = await stripeSource.check(config, context(fake().fetch));
    expect(test).toEqual({
      title: "Connecting to Stripe",
      status: "FAILED",
      message: "Stripe rejected the credentials (401): Invalid API Key provided: sk_test_****9999",
      details: { status: 401, auth: true },
    });
  });

  it("names the missing permission of a restricted key per object", async () => {
    const config = parse(stripeSource, { schema: "stripe", apiKey: RESTRICTED, objects: ["customers", "invoices"] });
    const tests = await stripeSource.check(config, context(fake().fetch));
    expect(summary(tests)).toEqual([
      ["Connecting to Stripe", "PASSED"],
      ["Validating object access", "FAILED"],
    ]);
    expect(tests[1]?.message).toMatch(/^Cannot read invoices \(Stripe denied access .*\(403\): .*'rak_invoice_read'/);
    expect(tests[1]?.details).toEqual({ auth: true });
  });

  it("warns on 429 with the Retry-After and fails on 5xx with the status", async () => {
    const stripe = fake();
    const config = parse(stripeSource, { schema: "stripe", apiKey: SECRET });
    stripe.state.rateLimitRetryAfter = 7;
    const [throttled] = await stripeSource.check(config, context(stripe.fetch));
    expect(throttled?.status).toBe("WARNING");
    expect(throttled?.message).toMatch(/rate limiting requests \(429\).*Retry-After: 7 s/);
    expect(throttled?.details).toEqual({ status: 429, auth: false, retry_after: 7 });

    stripe.state.rateLimitRetryAfter = undefined;
    stripe.state.outage = 503;
    const [down] = await stripeSource.check(config, context(stripe.fetch));
    expect(down?.status).toBe("FAILED");
    expect(down?.message).toMatch(/^Stripe answered 503/);
    expect(down?.details).toEqual({ status: 503, auth: false });
  });
});

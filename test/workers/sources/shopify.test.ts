import { describe, expect, it } from "vitest";
import { SHOPIFY_API_VERSION, shopifySource } from "../../../src/engine/sources/shopify/index";
import { createShopifyFake } from "../../fakes/shopify";
import { context, invalid, parse, secretKeys, summary } from "./helpers";

const TOKEN = "shpat_0123456789abcdef0123456789abcdef";
const LIMITED = "shpat_ffffffffffffffffffffffffffffffff";

function fake() {
  return createShopifyFake({
    shops: {
      acme: {
        name: "Acme Goods",
        plan_name: "shopify_plus",
        tokens: { [TOKEN]: ["read_orders", "write_products", "read_customers"], [LIMITED]: ["read_orders"] },
      },
    },
  });
}

describe("shopify source config", () => {
  it("maps shopDomain and accessToken onto shop and api_access_token", () => {
    const config = parse(shopifySource, {
      schema: "shopify",
      shopDomain: "https://Acme.myshopify.com/",
      accessToken: TOKEN,
    });
    expect(config).toEqual({ schema: "shopify", shop: "acme", api_access_token: TOKEN });
    expect(parse(shopifySource, config)).toEqual(config);
  });

  it("marks the access token and client secret as secrets", () => {
    expect(secretKeys(shopifySource.fields).sort()).toEqual(["api_access_token", "client_secret"]);
  });

  it("rejects a custom domain and a missing token, naming the field", () => {
    expect(invalid(shopifySource, { schema: "s", shopDomain: "shop.acme.com", accessToken: TOKEN })).toMatch(
      /^Invalid value for field 'config.shop': the store's myshopify.com name/,
    );
    expect(invalid(shopifySource, { schema: "s", shop: "acme" })).toBe("Field 'config.api_access_token' is required");
  });
});

describe("shopify source setup tests (fake *.myshopify.com)", () => {
  it("reads shop.json with the token header, then checks scopes", async () => {
    const shopify = fake();
    const config = parse(shopifySource, { schema: "shopify", shopDomain: "acme.myshopify.com", accessToken: TOKEN });
    const tests = await shopifySource.check(config, context(shopify.fetch));
    expect(tests).toEqual([
      { title: "Connecting to Shopify", status: "PASSED", message: "Connected to Acme Goods (shopify_plus plan)" },
      { title: "Checking access scopes", status: "PASSED", message: "3 scope(s) granted" },
    ]);
    expect(shopify.requests[0]?.url.href).toBe(`https://acme.myshopify.com/admin/api/${SHOPIFY_API_VERSION}/shop.json`);
    expect(shopify.requests[0]?.headers.get("X-Shopify-Access-Token")).toBe(TOKEN);
  });

  it("warns about missing read scopes", async () => {
    const config = parse(shopifySource, { schema: "shopify", shop: "acme", api_access_token: LIMITED });
    const tests = await shopifySource.check(config, context(fake().fetch));
    expect(summary(tests)).toEqual([
      ["Connecting to Shopify", "PASSED"],
      ["Checking access scopes", "WARNING"],
    ]);
    expect(tests[1]?.message).toMatch(/lacks read_customers, read_products/);
  });

  it("fails on a bad token (auth) and an unknown shop", async () => {
    const badToken = parse(shopifySource, { schema: "s", shop: "acme", api_access_token: "shpat_nope" });
    const [auth] = await shopifySource.check(badToken, context(fake().fetch));
    expect(auth).toEqual({
      title: "Connecting to Shopify",
      status: "FAILED",
      message:
        "Shopify rejected the credentials (401): [API] Invalid API key or access token (unrecognized login or wrong password)",
      details: { status: 401, auth: true },
    });
    const unknown = parse(shopifySource, { schema: "s", shop: "nobody", api_access_token: TOKEN });
    const [missing] = await shopifySource.check(unknown, context(fake().fetch));
    expect(missing?.message).toBe("No store named 'nobody.myshopify.com' (404: Not Found)");
  });

  it("warns on 429 with a fractional Retry-After and fails on 5xx", async () => {
    const shopify = fake();
    const config = parse(shopifySource, { schema: "s", shop: "acme", api_access_token: TOKEN });
    shopify.state.rateLimitRetryAfter = "2.0";
    const [throttled] = await shopifySource.check(config, context(shopify.fetch));
    expect(throttled).toMatchObject({ status: "WARNING", details: { status: 429, retry_after: 2 } });
    shopify.state.rateLimitRetryAfter = undefined;
    shopify.state.outage = 500;
    const [down] = await shopifySource.check(config, context(shopify.fetch));
    expect(down?.message).toBe("Shopify answered 500: Internal Server Error");
  });
});

describe("shopify cost-based throttling", () => {
  it("waits as long as the bucket needs to hold the query: (requested − available) / restoreRate", async () => {
    const { costWaitSeconds } = await import("../../../src/engine/sources/shopify/manifest");
    const throttled = {
      errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }],
      extensions: {
        cost: {
          requestedQueryCost: 602,
          actualQueryCost: null,
          throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 102, restoreRate: 100 },
        },
      },
    };
    expect(costWaitSeconds(throttled)).toBe(5);
    // No cost in the body (a 429 or a 5xx): the next strategy (Retry-After) decides.
    expect(costWaitSeconds({ errors: "Exceeded 2 calls per second" })).toBeUndefined();
  });

  it("refuses a manifest naming an unregistered CustomBackoffStrategy, at its path", async () => {
    const { parseManifest } = await import("../../../src/engine/declarative/index");
    const result = parseManifest({
      version: "6.44.0",
      type: "DeclarativeSource",
      check: { type: "CheckStream", stream_names: ["s"] },
      streams: [
        {
          type: "DeclarativeStream",
          name: "s",
          retriever: {
            type: "SimpleRetriever",
            requester: {
              type: "HttpRequester",
              url_base: "https://example.com",
              error_handler: {
                type: "DefaultErrorHandler",
                backoff_strategies: [{ type: "CustomBackoffStrategy", class_name: "nobody.Backoff" }],
              },
            },
            record_selector: { type: "RecordSelector", extractor: { type: "DpathExtractor", field_path: [] } },
          },
        },
      ],
    });
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.errors.join("\n")).toMatch(
      /backoff_strategies\[0\]\.class_name.*no code component is registered as 'nobody.Backoff'/,
    );
  });
});

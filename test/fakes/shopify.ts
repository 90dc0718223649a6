/**
 * A fake of Shopify's Admin REST API (`{shop}.myshopify.com/admin/...`) after its
 * documented contract: the token in `X-Shopify-Access-Token`; errors as `{errors: …}` —
 * 401 `[API] Invalid API key or access token (unrecognized login or wrong password)`,
 * 404 for an unknown shop, 429 `Exceeded 2 calls per second for api client.` with a
 * `Retry-After` in (fractional) seconds; `shop.json` and `oauth/access_scopes.json`.
 */
import { FakeRouter, json } from "./fake-router";

export interface ShopifyShop {
  name: string;
  plan_name?: string;
  /** Admin API tokens of this shop and their scopes. */
  tokens: Record<string, string[]>;
}

export interface ShopifyFakeOptions {
  /** Shops by myshopify.com name (`acme` for acme.myshopify.com). */
  shops: Record<string, ShopifyShop>;
}

export function createShopifyFake(options: ShopifyFakeOptions) {
  const state = {
    rateLimitRetryAfter: undefined as string | undefined,
    outage: undefined as number | undefined,
  };
  const router = new FakeRouter(["*.myshopify.com"], () => json({ errors: "Not Found" }, 404));
  let shop: ShopifyShop | undefined;
  let token = "";

  router.use(({ url, request }) => {
    shop = options.shops[url.hostname.replace(/\.myshopify\.com$/, "")];
    if (!shop) return json({ errors: "Not Found" }, 404);
    if (state.outage) return json({ errors: "Internal Server Error" }, state.outage);
    token = request.headers.get("X-Shopify-Access-Token") ?? "";
    if (!Object.hasOwn(shop.tokens, token)) {
      return json({ errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" }, 401);
    }
    if (state.rateLimitRetryAfter !== undefined) {
      return json(
        { errors: "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service." },
        429,
        {
          "Retry-After": state.rateLimitRetryAfter,
        },
      );
    }
    return undefined;
  });

  router.on("GET", "/admin/api/:version/shop.json", ({ url, params }) =>
    json(
      {
        shop: {
          id: 548380009,
          name: shop?.name,
          myshopify_domain: url.hostname,
          plan_name: shop?.plan_name ?? "basic",
          currency: "USD",
          iana_timezone: "America/New_York",
        },
      },
      200,
      { "X-Shopify-API-Version": params.version ?? "" },
    ),
  );

  router.on("GET", "/admin/oauth/access_scopes.json", () =>
    json({ access_scopes: (shop?.tokens[token] ?? []).map((handle) => ({ handle })) }),
  );

  return { fetch: router.fetch, requests: router.requests, state };
}

/**
 * The SaaS fakes keep the vendors' documented contracts (the connectors' tests rely on them):
 * pagination, incremental filters, deletes, errors and throttling, checked by plain requests.
 */
import { describe, expect, it } from "vitest";
import { createHubspotFake, SEARCH_RESULT_CAP } from "../../fakes/hubspot";
import { createSalesforceFake, parseSoql } from "../../fakes/salesforce";
import { createShopifyFake } from "../../fakes/shopify";
import { createStripeFake } from "../../fakes/stripe";

const T0 = Date.UTC(2026, 0, 1) / 1000;

// biome-ignore lint/suspicious/noExplicitAny: the tests read vendors' JSON freely
type J = any;
const read = async (response: Response | Promise<Response>): Promise<J> => (await response).json<J>();

describe("stripe fake", () => {
  const KEY = "sk_test_51Fake";
  const auth = { headers: { Authorization: `Bearer ${KEY}` } };

  it("pages newest first with starting_after, filters by created and lists events of changes", async () => {
    let now = (T0 + 1000) * 1000;
    const stripe = createStripeFake({ keys: { [KEY]: {} }, now: () => now });
    stripe.seed("customers", 25, T0, 10, (i) => ({ email: `c${i}@example.com` }));
    const first = await read(stripe.fetch("https://api.stripe.com/v1/customers?limit=10", auth));
    expect(first.data).toHaveLength(10);
    expect(first.has_more).toBe(true);
    expect(first.data[0].created).toBe(T0 + 240);
    const last = first.data.at(-1).id;
    const second = await read(
      stripe.fetch(`https://api.stripe.com/v1/customers?limit=100&starting_after=${last}`, auth),
    );
    expect(second.data).toHaveLength(15);
    expect(second.has_more).toBe(false);
    const recent = await read(stripe.fetch(`https://api.stripe.com/v1/customers?created[gte]=${T0 + 200}`, auth));
    expect(recent.data.map((c: { created: number }) => c.created)).toEqual(
      [240, 230, 220, 210, 200].map((d) => T0 + d),
    );

    now += 5000;
    const id = stripe.objects("customers")[3]?.id as string;
    stripe.update("customers", id, { email: "new@example.com" });
    stripe.remove("customers", stripe.objects("customers")[0]?.id as string);
    const events = await read(stripe.fetch("https://api.stripe.com/v1/events?type=customer.*", auth));
    expect(events.data.map((e: { type: string }) => e.type)).toEqual(["customer.deleted", "customer.updated"]);
    expect(events.data[1].data.object.email).toBe("new@example.com");
    expect(events.data[1].data.previous_attributes).toEqual({ email: "c21@example.com" });
  });

  it("refuses unknown parameters and cursors, and throttles a storm with Retry-After", async () => {
    const stripe = createStripeFake({ keys: { [KEY]: {} }, data: { customers: [] } });
    const unknown = await stripe.fetch("https://api.stripe.com/v1/customers?updated[gte]=1", auth);
    expect(unknown.status).toBe(400);
    expect((await unknown.json<J>()).error.message).toBe("Received unknown parameter: updated[gte]");
    const missing = await stripe.fetch("https://api.stripe.com/v1/customers?starting_after=cus_nope", auth);
    expect((await missing.json<J>()).error).toMatchObject({ code: "resource_missing" });
    stripe.faults.storm(1, 1);
    const throttled = await stripe.fetch("https://api.stripe.com/v1/customers", auth);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("Retry-After")).toBe("1");
    const early = await stripe.fetch("https://api.stripe.com/v1/customers", auth);
    expect(early.status).toBe(429);
    expect(stripe.faults.early).toBe(1);
  });
});

describe("hubspot fake", () => {
  const TOKEN = "pat-na1-fake";
  const headers = { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" };

  it("searches by last-modified date in order, caps at 10,000 and leaves archived records out", async () => {
    const hubspot = createHubspotFake({ tokens: { [TOKEN]: ["crm.objects.contacts.read"] } });
    const ids = hubspot.seed("contacts", 30, Date.UTC(2026, 0, 1), 60_000, (i) => ({ email: `c${i}@example.com` }));
    hubspot.archive("contacts", ids[29] as string);
    const search = (body: unknown) =>
      hubspot.fetch("https://api.hubapi.com/crm/v3/objects/contacts/search", {
        method: "POST",
        headers,
        body: JSON.stringify(body),
      });
    const since = Date.UTC(2026, 0, 1) + 20 * 60_000;
    const res = await search({
      filterGroups: [{ filters: [{ propertyName: "lastmodifieddate", operator: "GTE", value: String(since) }] }],
      sorts: [{ propertyName: "lastmodifieddate", direction: "ASCENDING" }],
      properties: ["email", "lastmodifieddate"],
      limit: 5,
    });
    const page = await res.json<J>();
    expect(page.total).toBe(9);
    expect(page.results.map((r: { properties: { email: string } }) => r.properties.email)).toEqual(
      [20, 21, 22, 23, 24].map((i) => `c${i}@example.com`),
    );
    expect(page.paging.next.after).toBe("5");
    const capped = await search({ after: String(SEARCH_RESULT_CAP - 50), limit: 100 });
    expect(capped.status).toBe(400);
    const archived = await (
      await hubspot.fetch("https://api.hubapi.com/crm/v3/objects/contacts?archived=true", { headers })
    ).json<J>();
    expect(archived.results.map((r: { id: string }) => r.id)).toEqual([ids[29]]);
    expect(res.headers.get("X-HubSpot-RateLimit-Remaining")).not.toBeNull();
  });

  it("refreshes OAuth tokens and answers an expired one with EXPIRED_AUTHENTICATION", async () => {
    const hubspot = createHubspotFake({
      tokens: {},
      oauth: { client: { client_secret: "s", refresh_tokens: ["r1"], scopes: ["crm.objects.contacts.read"] } },
      data: { contacts: [] },
    });
    const token = await (
      await hubspot.fetch("https://api.hubapi.com/oauth/v1/token", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "refresh_token",
          client_id: "client",
          client_secret: "s",
          refresh_token: "r1",
        }),
      })
    ).json<J>();
    const get = () =>
      hubspot.fetch("https://api.hubapi.com/crm/v3/objects/contacts", {
        headers: { Authorization: `Bearer ${token.access_token}` },
      });
    expect((await get()).status).toBe(200);
    hubspot.expireAccessTokens();
    const expired = await get();
    expect(expired.status).toBe(401);
    expect((await expired.json<J>()).category).toBe("EXPIRED_AUTHENTICATION");
  });
});

describe("salesforce fake", () => {
  it("parses the SOQL the connector sends", () => {
    expect(
      parseSoql(
        "SELECT Id, Name FROM Account WHERE SystemModstamp >= 2026-01-01T00:00:00.000+0000 AND (IsDeleted = TRUE OR Name != 'x') ORDER BY SystemModstamp ASC, Id LIMIT 10",
      ),
    ).toMatchObject({
      fields: ["Id", "Name"],
      object: "Account",
      limit: 10,
      orderBy: [{ field: "SystemModstamp" }, { field: "Id" }],
    });
    expect(() => parseSoql("SELECT FROM Account")).toThrow(/unexpected token/);
  });

  it("queries in batches with nextRecordsUrl, and queryAll sees deleted rows", async () => {
    const sf = createSalesforceFake({
      myDomain: "acme.my.salesforce.com",
      apps: { app: { client_secret: "s", refresh_tokens: ["r"] } },
      sobjects: [{ name: "Account", fields: [{ name: "Industry", type: "picklist" }] }],
      maxBatch: 200,
    });
    const rows = sf.seed("Account", 450, Date.UTC(2026, 0, 1), 1000, (i) => ({ Name: `a${i}` }));
    sf.remove("Account", rows[0]?.Id as string);
    const token = await (
      await sf.fetch("https://login.salesforce.com/services/oauth2/token", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "refresh_token",
          client_id: "app",
          client_secret: "s",
          refresh_token: "r",
        }),
      })
    ).json<J>();
    const get = (path: string) =>
      sf.fetch(`${token.instance_url}${path}`, { headers: { Authorization: `Bearer ${token.access_token}` } });
    const q = encodeURIComponent("SELECT Id, Name, SystemModstamp FROM Account ORDER BY SystemModstamp, Id");
    const first = await (await get(`/services/data/v62.0/query?q=${q}`)).json<J>();
    expect(first).toMatchObject({ totalSize: 449, done: false });
    expect(first.records).toHaveLength(200);
    expect(first.records[0].attributes.type).toBe("Account");
    const second = await (await get(first.nextRecordsUrl)).json<J>();
    const third = await (await get(second.nextRecordsUrl)).json<J>();
    expect(third).toMatchObject({ done: true });
    expect(third.records).toHaveLength(49);
    const all = await (
      await get(
        `/services/data/v62.0/queryAll?q=${encodeURIComponent("SELECT Id FROM Account WHERE IsDeleted = TRUE")}`,
      )
    ).json<J>();
    expect(all.records.map((r: { Id: string }) => r.Id)).toEqual([rows[0]?.Id]);
    const bad = await get(`/services/data/v62.0/query?q=${encodeURIComponent("SELECT Nope FROM Account")}`);
    expect(bad.status).toBe(400);
    expect((await bad.json<J>())[0].errorCode).toBe("INVALID_FIELD");
    sf.expireSessions();
    const expired = await get("/services/data/v62.0/sobjects/Account/describe");
    expect(expired.status).toBe(401);
    expect((await expired.json<J>())[0].errorCode).toBe("INVALID_SESSION_ID");
  });
});

describe("shopify fake", () => {
  const TOKEN = "shpat_fake";
  const graphql = (
    fake: ReturnType<typeof createShopifyFake>,
    query: string,
    variables: Record<string, unknown> = {},
  ) =>
    fake.fetch("https://acme.myshopify.com/admin/api/2025-01/graphql.json", {
      method: "POST",
      headers: { "X-Shopify-Access-Token": TOKEN, "Content-Type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
  const ORDERS = `query($after: String, $q: String) { orders(first: 50, after: $after, query: $q, sortKey: UPDATED_AT) {
    edges { cursor node { id name updatedAt totalPriceSet { shopMoney { amount currencyCode } } } }
    pageInfo { hasNextPage endCursor } } }`;

  it("pages orders by cursor, filters by updated_at and reports the query's cost", async () => {
    const shopify = createShopifyFake({
      shops: { acme: { name: "Acme", tokens: { [TOKEN]: ["read_orders", "read_all_orders"] } } },
    });
    shopify.seed("orders", 120, Date.UTC(2026, 0, 1), 60_000, (i) => ({
      name: `#${1000 + i}`,
      totalPriceSet: { shopMoney: { amount: "10.00", currencyCode: "USD" } },
    }));
    const first = await (await graphql(shopify, ORDERS)).json<J>();
    expect(first.data.orders.edges).toHaveLength(50);
    expect(first.data.orders.pageInfo.hasNextPage).toBe(true);
    expect(first.extensions.cost).toMatchObject({ requestedQueryCost: 2 + 50 * 3 });
    const next = await (await graphql(shopify, ORDERS, { after: first.data.orders.pageInfo.endCursor })).json<J>();
    expect(next.data.orders.edges[0].node.name).toBe("#1050");
    const recent = await (
      await graphql(shopify, ORDERS, {
        q: `updated_at:>='${new Date(Date.UTC(2026, 0, 1) + 100 * 60_000).toISOString()}'`,
      })
    ).json<J>();
    expect(recent.data.orders.edges).toHaveLength(20);
  });

  it("throttles by cost with THROTTLED and throttleStatus when the bucket runs dry", async () => {
    const shopify = createShopifyFake({
      shops: { acme: { name: "Acme", tokens: { [TOKEN]: ["read_orders"] } } },
      bucket: { maximumAvailable: 200, restoreRate: 50 },
    });
    shopify.drain(TOKEN);
    const throttled = await (await graphql(shopify, ORDERS)).json<J>();
    expect(throttled.errors[0].extensions.code).toBe("THROTTLED");
    expect(throttled.extensions.cost.throttleStatus).toMatchObject({ maximumAvailable: 200, restoreRate: 50 });
    const denied = await (await graphql(shopify, "{ products(first: 1) { nodes { id } } }")).json<J>();
    expect(denied).toBeDefined();
  });
});

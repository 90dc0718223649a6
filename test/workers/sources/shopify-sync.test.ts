/**
 * Shopify end to end: connections created and synced through the API into D1 and Postgres,
 * against the Shopify fake's GraphQL Admin API (test/fakes/shopify.ts). The first sync reads
 * every page of orders, customers and products; a later sync asks only for what was updated
 * since (and the product deletion events), the cost bucket's throttling is waited out exactly,
 * and a broken page fails the run naming the stream and the request.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createShopifyFake, type ShopifyFake } from "../../fakes/shopify";
import { resetDatabase, sql } from "../engine/harness";
import { connection, d1Group, d1Rows, postgresGroup, routeToFake, syncToEnd, uid } from "./saas-e2e";

const TOKEN = "shpat_sync0123456789abcdef0123456789";
const DAY = 86_400_000;

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

interface GraphqlCall {
  query: string;
  variables: { first?: number; after?: string | null; query?: string };
}

/** The GraphQL calls the fake saw since `mark`, for one root field (`orders`, `deletionEvents`…). */
function calls(fake: ShopifyFake, root: string, mark = 0): GraphqlCall[] {
  return fake.requests
    .slice(mark)
    .filter((r) => r.url.pathname.endsWith("/graphql.json") && r.body)
    .map((r) => JSON.parse(r.body as string) as GraphqlCall)
    .filter((c) => c.query.includes(`records: ${root}(`));
}

function shopify(options: { bucket?: { maximumAvailable: number; restoreRate: number }; fetch?: typeof fetch } = {}) {
  const fake = createShopifyFake({
    shops: {
      acme: {
        name: "Acme",
        tokens: { [TOKEN]: ["read_orders", "read_all_orders", "read_customers", "read_products"] },
      },
    },
    bucket: options.bucket ?? { maximumAvailable: 100_000, restoreRate: 100_000 },
  });
  const start = Date.now() - 20 * DAY;
  const customers = fake.seed("customers", 120, start, 60_000, (i) => ({
    email: `c${i}@example.com`,
    firstName: `C${i}`,
  }));
  fake.seed("orders", 250, start, 60_000, (i) => ({
    email: `o${i}@example.com`,
    customer: customers[i % 120],
    totalPriceSet: { shopMoney: { amount: `${i}.50`, currencyCode: "USD" } },
  }));
  fake.seed("products", 130, start, 60_000, (i) => ({ title: `P${i}`, totalInventory: i }));
  restore = routeToFake(["*.myshopify.com"], options.fetch?.bind(null) ?? fake.fetch);
  return fake;
}

const config = (schema: string) => ({ schema, shop: "acme", api_access_token: TOKEN });

describe("shopify sync (GraphQL Admin API → D1, Postgres)", () => {
  it("reads every page into D1, then only what was updated since, with product deletes", async () => {
    const fake = shopify();
    const schema = `shopify_${uid()}`;
    const id = await connection(await d1Group(), "shopify", config(schema));
    const first = await syncToEnd(id);
    expect(first.failed_at, JSON.stringify(first.status)).toBeNull();

    const orders = await d1Rows<{ id: number; email: string; total_price: number; customer_id: number }>(
      `${schema}__orders`,
      "id, email, total_price, customer_id",
    );
    expect(orders).toHaveLength(250);
    const byOrder = new Map(orders.map((o) => [String(o.id), o]));
    for (const node of fake.nodes("orders")) {
      const row = byOrder.get(node.legacyResourceId as string);
      expect(row?.email).toBe(node.email);
      expect(row?.total_price).toBe(Number((node.totalPriceSet as { shopMoney: { amount: string } }).shopMoney.amount));
      expect(String(row?.customer_id)).toBe((node.customer as { legacyResourceId: string }).legacyResourceId);
    }
    expect(await d1Rows(`${schema}__customers`, "id")).toHaveLength(120);
    expect(await d1Rows(`${schema}__products`, "id")).toHaveLength(130);
    // Many pages: 250 orders in pages of 100, each next page asked for with the last endCursor.
    const orderCalls = calls(fake, "orders").filter((c) => /updated_at:>='2026-01-01/.test(c.variables.query ?? ""));
    expect(orderCalls.map((c) => c.variables.first)).toEqual([100, 100, 100]);
    expect(orderCalls.filter((c) => c.variables.after)).toHaveLength(2);

    const changed = fake.nodes("orders").slice(0, 5);
    for (const o of changed) fake.update("orders", o.id, { email: `new-${o.legacyResourceId}@example.com` });
    const added = fake.seed("customers", 2, Date.now() - 5_000, 1000, (i) => ({ email: `added${i}@example.com` }));
    const gone = fake.nodes("products")[3];
    fake.deleteProduct(gone?.id as string);

    const mark = fake.requests.length;
    const second = await syncToEnd(id);
    expect(second.failed_at, JSON.stringify(second.status)).toBeNull();
    // One window from the last cursor (less the 5-minute lookback) per stream: no full re-read.
    const since = Date.parse(first.succeeded_at) - 15 * 60_000;
    for (const root of ["orders", "customers", "products", "deletionEvents"]) {
      const seen = calls(fake, root, mark);
      expect(seen, root).toHaveLength(1);
      const from = /:>='([^']+)'/.exec(seen[0]?.variables.query ?? "")?.[1] as string;
      expect(Date.parse(from), root).toBeGreaterThan(since);
    }
    const rows = await d1Rows<{ id: number; email: string }>(`${schema}__orders`, "id, email");
    expect(rows).toHaveLength(250);
    const now = new Map(rows.map((r) => [String(r.id), r.email]));
    for (const o of changed)
      expect(now.get(o.legacyResourceId as string)).toBe(`new-${o.legacyResourceId}@example.com`);
    expect(await d1Rows(`${schema}__customers`, "id")).toHaveLength(122);
    for (const c of added) {
      expect((await d1Rows<{ id: number }>(`${schema}__customers`, "id")).map((r) => String(r.id))).toContain(
        c.legacyResourceId,
      );
    }
    const products = await d1Rows<{ id: number; _fivetran_deleted: number }>(
      `${schema}__products`,
      "id, _fivetran_deleted",
    );
    expect(products.filter((p) => p._fivetran_deleted === 1).map((p) => String(p.id))).toEqual([
      gone?.legacyResourceId,
    ]);
  }, 60_000);

  it("lands exactly the fake's orders in Postgres", async () => {
    const fake = shopify();
    const database = "h_shop_shopify_sync";
    await resetDatabase(database);
    const schema = `shopify_${uid()}`;
    const id = await connection(await postgresGroup(database), "shopify", config(schema));
    const run = await syncToEnd(id);
    expect(run.failed_at, JSON.stringify(run.status)).toBeNull();
    const { rows } = await sql(
      database,
      `SELECT id::text AS id, admin_graphql_api_id, email, total_price::float8 AS total, customer_id::text AS customer,
              to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at
         FROM "${schema}".orders ORDER BY id`,
    );
    type Got = {
      id: string;
      admin_graphql_api_id: string;
      email: string;
      total: number;
      customer: string;
      updated_at: string;
    };
    const want = fake
      .nodes("orders")
      .map((n) => ({
        id: n.legacyResourceId as string,
        admin_graphql_api_id: n.id,
        email: n.email as string,
        total: Number((n.totalPriceSet as { shopMoney: { amount: string } }).shopMoney.amount),
        customer: (n.customer as { legacyResourceId: string }).legacyResourceId,
        updated_at: n.updatedAt,
      }))
      .sort((a, b) => Number(a.id) - Number(b.id));
    expect(rows as Got[]).toEqual(want);
    const count = (await sql(database, `SELECT count(*)::int AS count FROM "${schema}".products`)).rows[0]?.count;
    expect(count).toBe(130);
  }, 60_000);

  it("waits out the cost bucket's throttling as throttleStatus implies, never coming back early", async () => {
    let n = 0;
    let fake: ShopifyFake | undefined;
    // Something else drains the store's bucket every third query: each is answered THROTTLED.
    const draining = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (++n % 3 === 0) fake?.drain(TOKEN);
      return (fake as ShopifyFake).fetch(input, init);
    }) as typeof fetch;
    fake = shopify({ bucket: { maximumAvailable: 1000, restoreRate: 1000 }, fetch: draining });
    const schema = `shopify_${uid()}`;
    const id = await connection(await d1Group(), "shopify", config(schema));
    const run = await syncToEnd(id);
    expect(run.failed_at, JSON.stringify(run.status)).toBeNull();
    expect(fake.faults.throttled).toBeGreaterThanOrEqual(5);
    expect(fake.faults.early).toBe(0);
    expect(await d1Rows(`${schema}__orders`, "id")).toHaveLength(250);
    expect(await d1Rows(`${schema}__products`, "id")).toHaveLength(130);
  }, 60_000);

  it("rides out a storm of shop-wide 429s by their Retry-After", async () => {
    const fake = shopify();
    const schema = `shopify_${uid()}`;
    const id = await connection(await d1Group(), "shopify", config(schema));
    fake.faults.storm(3, 1, (url, body) => url.pathname.endsWith("/graphql.json") && body.includes('"after":"'));
    const run = await syncToEnd(id);
    expect(run.failed_at, JSON.stringify(run.status)).toBeNull();
    expect(fake.faults.throttled).toBe(3);
    expect(fake.faults.early).toBe(0);
    expect(await d1Rows(`${schema}__orders`, "id")).toHaveLength(250);
  }, 60_000);

  it("fails the run naming the stream and the request when a page comes back truncated", async () => {
    const fake = shopify();
    const schema = `shopify_${uid()}`;
    const id = await connection(await d1Group(), "shopify", config(schema));
    fake.faults.malform("truncated", (_url, body) => body.includes("records: orders(") && body.includes('"after":"'));
    const run = await syncToEnd(id);
    expect(run.succeeded_at).toBeNull();
    expect(run.failed_at).not.toBeNull();
    const [task] = run.status.tasks;
    expect(task.message).toContain("orders");
    expect(task.message).toContain("POST acme.myshopify.com/admin/api/2025-01/graphql.json");
    expect(task.message).toMatch(/not JSON|truncated/);
  }, 60_000);
});

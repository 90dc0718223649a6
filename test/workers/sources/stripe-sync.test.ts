/**
 * Stripe end to end: connections created and synced through the API into D1, against the
 * Stripe fake (test/fakes/stripe.ts). The first sync lists the objects page by page; later
 * syncs read only the events since the cursor, applying updates and deletes.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createStripeFake, type StripeFake } from "../../fakes/stripe";
import { connection, d1Group, d1Rows, routeToFake, syncToEnd, uid } from "./saas-e2e";

const SECRET = "sk_test_51SyncSecretKey0123456789";
const T0 = Math.floor(Date.UTC(2026, 0, 1) / 1000);

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

function stripe(): StripeFake {
  const fake = createStripeFake({ keys: { [SECRET]: {} } });
  fake.seed("customers", 250, T0, 60, (i) => ({ email: `c${i}@example.com`, name: `Customer ${i}`, balance: i }));
  fake.seed("subscriptions", 30, T0, 600, (i) => ({
    customer: `cus_${i}`,
    status: i % 10 === 0 ? "canceled" : "active",
    items: { object: "list", data: [] },
  }));
  restore = routeToFake(["api.stripe.com"], fake.fetch);
  return fake;
}

describe("stripe sync (API → D1)", () => {
  it("lists every page, then reads only events: updates, creates and deletes (soft) land", async () => {
    const fake = stripe();
    const schema = `stripe_${uid()}`;
    const id = await connection(await d1Group(), "stripe", {
      schema,
      api_key: SECRET,
      objects: ["customers", "subscriptions"],
    });
    const first = await syncToEnd(id);
    expect(first.failed_at, JSON.stringify(first.status)).toBeNull();
    const customers = await d1Rows<{ id: string; email: string }>(`${schema}__customers`, "id, email");
    expect(customers).toHaveLength(250);
    // Canceled subscriptions too: the list asks for status=all.
    expect(await d1Rows(`${schema}__subscriptions`, "id")).toHaveLength(30);
    // Yearly windows from 2011 (the setup tests' probe, `?limit=1`, aside): the window holding
    // the customers takes three pages of 100, every other window one empty page.
    const listed = fake.requests.filter(
      (r) => r.url.pathname === "/v1/customers" && r.url.searchParams.has("created[gte]"),
    );
    const windows = new Set(listed.map((r) => r.url.searchParams.get("created[gte]")));
    expect(windows.size).toBe(16);
    expect(listed.filter((r) => r.url.searchParams.has("starting_after"))).toHaveLength(2);
    expect(listed.every((r) => r.url.searchParams.get("limit") === "100")).toBe(true);
    expect(
      fake.requests
        .find((r) => r.url.pathname === "/v1/subscriptions" && r.url.searchParams.has("created[gte]"))
        ?.url.searchParams.get("status"),
    ).toBe("all");

    const changed = fake.objects("customers").slice(0, 5);
    for (const c of changed) fake.update("customers", c.id, { email: `new-${c.id}@example.com` });
    // Updated twice: only the newest state may land.
    fake.update("customers", changed[0]?.id as string, { email: "newest@example.com" });
    const gone = fake.objects("customers").slice(10, 12);
    for (const c of gone) fake.remove("customers", c.id);
    const added = [1, 2, 3].map((i) => fake.create("customers", { email: `added${i}@example.com` }));
    const sub = fake.objects("subscriptions").find((s) => s.status === "active");
    fake.remove("subscriptions", sub?.id as string);

    const mark = fake.requests.length;
    const second = await syncToEnd(id);
    expect(second.failed_at, JSON.stringify(second.status)).toBeNull();
    // Only the events: no list of customers or subscriptions again.
    const after = fake.requests
      .slice(mark)
      .filter((r) => r.url.pathname.startsWith("/v1/") && r.url.pathname !== "/v1/balance");
    expect(after.map((r) => r.url.pathname)).toEqual(["/v1/events", "/v1/events"]);
    expect(after.map((r) => r.url.searchParams.get("type")).sort()).toEqual(["customer.*", "customer.subscription.*"]);

    const rows = await d1Rows<{ id: string; email: string; _fivetran_deleted: number }>(
      `${schema}__customers`,
      "id, email, _fivetran_deleted",
    );
    expect(rows).toHaveLength(253);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(changed[0]?.id as string)?.email).toBe("newest@example.com");
    for (const c of changed.slice(1)) expect(byId.get(c.id)?.email).toBe(`new-${c.id}@example.com`);
    for (const c of gone) expect(byId.get(c.id)?._fivetran_deleted, c.id).toBe(1);
    for (const c of added) expect(byId.get(c.id)?.email).toBe(c.email);
    expect(rows.filter((r) => r._fivetran_deleted === 1)).toHaveLength(2);
    const subs = await d1Rows<{ id: string; status: string; _fivetran_deleted: number }>(
      `${schema}__subscriptions`,
      "id, status, _fivetran_deleted",
    );
    expect(subs.find((s) => s.id === sub?.id)).toMatchObject({ status: "canceled", _fivetran_deleted: 0 });
  });

  it("rides out a 429 storm by Stripe's Retry-After without coming back early", async () => {
    const fake = stripe();
    const schema = `stripe_${uid()}`;
    const id = await connection(await d1Group(), "stripe", { schema, api_key: SECRET, objects: ["customers"] });
    fake.faults.storm(3, 1, (url) => url.pathname === "/v1/customers" && url.searchParams.has("starting_after"));
    const run = await syncToEnd(id);
    expect(run.failed_at, JSON.stringify(run.status)).toBeNull();
    expect(fake.faults.throttled).toBe(3);
    expect(fake.faults.early).toBe(0);
    expect(await d1Rows(`${schema}__customers`, "id")).toHaveLength(250);
  });

  it("fails the run naming the stream and the request when a page comes back truncated", async () => {
    const fake = stripe();
    const schema = `stripe_${uid()}`;
    const id = await connection(await d1Group(), "stripe", { schema, api_key: SECRET, objects: ["customers"] });
    fake.faults.malform(
      "truncated",
      (url) => url.pathname === "/v1/customers" && url.searchParams.has("starting_after"),
    );
    const run = await syncToEnd(id);
    expect(run.succeeded_at).toBeNull();
    expect(run.failed_at).not.toBeNull();
    const [task] = run.status.tasks;
    expect(task.message).toContain("customers");
    expect(task.message).toMatch(/GET api\.stripe\.com\/v1\/customers\?.*starting_after=/);
    expect(task.message).toMatch(/not JSON|truncated/);
  });

  it("rejects a config asking for connected accounts or a date limit without a date", async () => {
    const group = await d1Group();
    const { call } = await import("../helpers");
    const connected = await call("POST", "/v1/connections", {
      body: {
        group_id: group,
        service: "stripe",
        config: { schema: `s_${uid()}`, api_key: SECRET, support_connected_accounts_sync: true },
      },
    });
    expect(connected.status).toBe(400);
    expect(connected.json.message).toMatch(/support_connected_accounts_sync/);
    const limited = await call("POST", "/v1/connections", {
      body: {
        group_id: group,
        service: "stripe",
        config: { schema: `s_${uid()}`, api_key: SECRET, historical_sync_time_frame: "DATE_LIMIT" },
      },
    });
    expect(limited.status).toBe(400);
    expect(limited.json.message).toMatch(/backward_sync_limit/);
  });
});

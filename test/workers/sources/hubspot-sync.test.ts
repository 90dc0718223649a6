/**
 * HubSpot end to end: connections created and synced through the API into D1 and Postgres,
 * against the HubSpot fake (test/fakes/hubspot.ts). The first sync lists every object page by
 * page; later syncs search by last-modified date and list archived records as deletes.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHubspotFake, type HubspotFake } from "../../fakes/hubspot";
import { sql } from "../connections-sync-helpers";
import { call } from "../helpers";
import { connection, d1Group, d1Rows, postgresGroup, routeToFake, syncToEnd, uid } from "./saas-e2e";

const TOKEN = "pat-na1-aaaaaaaa-2222-3333-4444-555555555555";
const SCOPES = ["contacts", "companies", "deals", "tickets"].map((o) => `crm.objects.${o}.read`);
const T0 = Date.UTC(2026, 0, 1);
const PG_DB = "h_hub_hubspot_dst";

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

function hubspot(options: Partial<Parameters<typeof createHubspotFake>[0]> = {}): HubspotFake {
  const fake = createHubspotFake({
    tokens: { [TOKEN]: SCOPES },
    data: { contacts: [], companies: [], deals: [], tickets: [] },
    properties: {
      contacts: [
        { name: "score", type: "number" },
        { name: "vip", type: "bool" },
        { name: "ssn", type: "string", dataSensitivity: "highly_sensitive" },
      ],
    },
    ...options,
  });
  fake.seed("contacts", 250, T0, 60_000, (i) => ({
    email: `c${i}@example.com`,
    firstname: `First ${i}`,
    score: i % 5 === 0 ? "" : i * 1.5,
    vip: i % 2 === 0,
    ssn: `000-00-${i}`,
  }));
  fake.seed("companies", 120, T0, 120_000, (i) => ({ name: `Company ${i}`, domain: `c${i}.example.com` }));
  const deals = fake.seed("deals", 30, T0, 600_000, (i) => ({ dealname: `Deal ${i}`, amount: 1000 + i }));
  const contacts = fake.records("contacts");
  const companies = fake.records("companies");
  for (let i = 0; i < 40; i++) {
    fake.associate("contacts", contacts[i]?.id as string, "companies", companies[i % 10]?.id as string);
  }
  for (let i = 0; i < 10; i++) fake.associate("deals", deals[i] as string, "contacts", contacts[i]?.id as string);
  restore = routeToFake(["api.hubapi.com"], fake.fetch);
  return fake;
}

const objectRequests = (fake: HubspotFake, from = 0) =>
  fake.requests.slice(from).filter((r) => /^\/crm\/v3\/objects\/[^/]+(\/search)?$/.test(r.url.pathname));

describe("hubspot sync (API → D1)", () => {
  it("lists every page, then searches only what changed: updates, creates and archives (soft deletes) land", async () => {
    const fake = hubspot();
    const schema = `hubspot_${uid()}`;
    const id = await connection(await d1Group(), "hubspot", {
      schema,
      access_token: TOKEN,
      objects: ["contacts", "companies", "deals"],
    });
    const first = await syncToEnd(id);
    expect(first.failed_at, JSON.stringify(first.status)).toBeNull();
    const contacts = await d1Rows<Record<string, unknown>>(`${schema}__contacts`);
    expect(contacts).toHaveLength(250);
    const byId = new Map(contacts.map((c) => [String(c.id), c]));
    const c7 = fake.records("contacts")[7];
    expect(byId.get(c7?.id as string)).toMatchObject({
      property_email: "c7@example.com",
      property_firstname: "First 7",
      property_score: 10.5,
      property_vip: 0,
      _fivetran_deleted: 0,
    });
    // An empty number is NULL; the highly sensitive property is not synced.
    expect(byId.get(fake.records("contacts")[5]?.id as string)?.property_score).toBeNull();
    expect(Object.keys(contacts[0] ?? {})).not.toContain("property_ssn");
    expect(await d1Rows(`${schema}__companies`)).toHaveLength(120);
    expect(await d1Rows(`${schema}__deals`)).toHaveLength(30);
    const pairs = await d1Rows<{ from_id: string; to_id: string }>(`${schema}__contacts_to_companies`, "*", "from_id");
    expect(pairs).toHaveLength(40);
    expect(await d1Rows(`${schema}__deals_to_contacts`, "*", "from_id")).toHaveLength(10);
    expect(await d1Rows(`${schema}__deals_to_companies`, "*", "from_id")).toHaveLength(0);

    // Pages of 100 with `after`, every property named, no search on a first sync.
    const listed = objectRequests(fake).filter(
      (r) => r.url.pathname === "/crm/v3/objects/contacts" && r.url.searchParams.get("archived") === "false",
    );
    // (The setup tests' one-row probe aside.)
    const reads = listed.filter((r) => !r.url.searchParams.has("associations") && r.url.searchParams.has("properties"));
    expect(reads.map((r) => r.url.searchParams.get("after"))).toEqual([null, expect.any(String), expect.any(String)]);
    expect(reads.every((r) => r.url.searchParams.get("limit") === "100")).toBe(true);
    expect(reads[0]?.url.searchParams.get("properties")?.split(",")).toEqual(
      expect.arrayContaining(["email", "lastmodifieddate", "score", "vip"]),
    );
    expect(objectRequests(fake).some((r) => r.url.pathname.endsWith("/search"))).toBe(false);

    const all = fake.records("contacts");
    const changed = all.slice(0, 5);
    for (const c of changed) fake.update("contacts", c.id, { email: `new-${c.id}@example.com` });
    const gone = all.slice(10, 12);
    for (const c of gone) fake.archive("contacts", c.id);
    const added = [1, 2, 3].map((i) => fake.create("contacts", { email: `added${i}@example.com` }));
    fake.update("deals", fake.records("deals")[3]?.id as string, { amount: 99 });

    const mark = fake.requests.length;
    const second = await syncToEnd(id);
    expect(second.failed_at, JSON.stringify(second.status)).toBeNull();
    // Objects: one search each and one archived list each; no full list again (association
    // streams aside: HubSpot offers no filter on associations, so they are read in full).
    const after = objectRequests(fake, mark).filter((r) => !r.url.searchParams.has("associations"));
    expect(
      after
        .map((r) => `${r.method} ${r.url.pathname}${r.url.searchParams.get("archived") === "true" ? " archived" : ""}`)
        .sort(),
    ).toEqual([
      "GET /crm/v3/objects/companies archived",
      "GET /crm/v3/objects/contacts archived",
      "GET /crm/v3/objects/deals archived",
      "POST /crm/v3/objects/companies/search",
      "POST /crm/v3/objects/contacts/search",
      "POST /crm/v3/objects/deals/search",
    ]);
    const search = after.find((r) => r.url.pathname === "/crm/v3/objects/contacts/search");
    const body = JSON.parse(search?.body ?? "{}");
    expect(
      body.filterGroups[0].filters.map(
        (f: { propertyName: string; operator: string }) => `${f.propertyName} ${f.operator}`,
      ),
    ).toEqual(["lastmodifieddate GTE", "lastmodifieddate LTE"]);
    expect(body.sorts).toEqual([{ propertyName: "lastmodifieddate", direction: "ASCENDING" }]);
    expect(body.limit).toBe(100);

    const rows = await d1Rows<{ id: string; property_email: string; _fivetran_deleted: number }>(
      `${schema}__contacts`,
      "id, property_email, _fivetran_deleted",
    );
    expect(rows).toHaveLength(253);
    const now = new Map(rows.map((r) => [r.id, r]));
    for (const c of changed) expect(now.get(c.id)?.property_email).toBe(`new-${c.id}@example.com`);
    for (const c of gone) expect(now.get(c.id)?._fivetran_deleted, c.id).toBe(1);
    for (const c of added) expect(now.get(c.id)?.property_email).toBe(c.properties.email);
    expect(rows.filter((r) => r._fivetran_deleted === 1)).toHaveLength(2);
    const deal = (await d1Rows<{ id: string; property_amount: number }>(`${schema}__deals`)).find(
      (d) => d.id === fake.records("deals")[3]?.id,
    );
    expect(deal?.property_amount).toBe(99);
    // 5 updates and 3 creates of contacts, one deal: nothing else was searched out.
    const searched = fake.requests.slice(mark).filter((r) => r.url.pathname.endsWith("/search"));
    expect(searched).toHaveLength(3);
  });

  it("pages a search past HubSpot's 10,000-result cap by anchoring on the last modified date", async () => {
    const fake = hubspot();
    const schema = `hubspot_${uid()}`;
    const id = await connection(await d1Group(), "hubspot", { schema, access_token: TOKEN, objects: ["companies"] });
    expect((await syncToEnd(id)).failed_at).toBeNull();
    // 10,050 companies changed within the last minute (inside the search's window, which starts
    // at the first sync's signpost less the 5-minute lookback), a millisecond apart.
    const start = Date.now() - 60_000;
    const ids = fake.seed("companies", 10_050, start, 1, (i) => ({ name: `Bulk ${i}` }));
    const mark = fake.requests.length;
    const second = await syncToEnd(id);
    expect(second.failed_at, JSON.stringify(second.status)).toBeNull();
    const searches = fake.requests.slice(mark).filter((r) => r.url.pathname.endsWith("/search"));
    const bodies = searches.map(
      (r) => JSON.parse(r.body) as { after?: string; filterGroups: { filters: { value: string }[] }[] },
    );
    // Offsets never reach the cap: the 101st search starts again from the anchor.
    expect(Math.max(...bodies.map((b) => Number(b.after ?? 0)))).toBe(9_900);
    const restarts = bodies.filter((b, i) => i > 0 && b.after === undefined);
    expect(restarts).toHaveLength(1);
    expect(Number(restarts[0]?.filterGroups[0]?.filters[0]?.value)).toBe(start + 9_999);
    const rows = await d1Rows<{ id: string }>(`${schema}__companies`, "id");
    expect(rows).toHaveLength(120 + 10_050);
    const have = new Set(rows.map((r) => r.id));
    expect(ids.every((i) => have.has(i))).toBe(true);
  }, 120_000);

  it("rides out a 429 storm by HubSpot's Retry-After without coming back early", async () => {
    const fake = hubspot();
    const schema = `hubspot_${uid()}`;
    const id = await connection(await d1Group(), "hubspot", { schema, access_token: TOKEN, objects: ["contacts"] });
    fake.faults.storm(3, 1, (url) => url.pathname === "/crm/v3/objects/contacts" && url.searchParams.has("after"));
    const run = await syncToEnd(id);
    expect(run.failed_at, JSON.stringify(run.status)).toBeNull();
    expect(fake.faults.throttled).toBe(3);
    expect(fake.faults.early).toBe(0);
    expect(await d1Rows(`${schema}__contacts`, "id")).toHaveLength(250);
  });

  it("refreshes an expired OAuth token once and carries on", async () => {
    const fake = hubspot({
      oauth: { "client-1": { client_secret: "shh-secret", refresh_tokens: ["rt-1"], scopes: SCOPES } },
    });
    const schema = `hubspot_${uid()}`;
    const id = await connection(await d1Group(), "hubspot", {
      schema,
      client_id: "client-1",
      client_secret: "shh-secret",
      refresh_token: "rt-1",
      objects: ["contacts"],
    });
    const tokenRequests = () => fake.requests.filter((r) => r.url.pathname === "/oauth/v1/token").length;
    // Every token issued so far expires as the second page is asked for.
    let tokensAtExpiry: number | undefined;
    restore?.();
    restore = routeToFake(["api.hubapi.com"], async (input, init) => {
      const request = new Request(input as RequestInfo, init);
      const url = new URL(request.url);
      if (
        tokensAtExpiry === undefined &&
        url.pathname === "/crm/v3/objects/contacts" &&
        url.searchParams.has("after")
      ) {
        tokensAtExpiry = tokenRequests();
        fake.expireAccessTokens();
      }
      return fake.fetch(request);
    });
    const run = await syncToEnd(id);
    expect(run.failed_at, JSON.stringify(run.status)).toBeNull();
    expect(tokensAtExpiry).toBeDefined();
    // One refresh after the 401, and the page asked for again with the new token.
    expect(tokenRequests() - (tokensAtExpiry as number)).toBe(1);
    const pages = fake.requests.filter(
      (r) => r.url.pathname === "/crm/v3/objects/contacts" && r.url.searchParams.has("after"),
    );
    const second = pages.filter((r) => r.url.searchParams.get("after") === pages[0]?.url.searchParams.get("after"));
    expect(second).toHaveLength(2);
    expect(second[0]?.headers.get("Authorization")).not.toBe(second[1]?.headers.get("Authorization"));
    expect(await d1Rows(`${schema}__contacts`, "id")).toHaveLength(250);
    // The refresh token and client secret never appear in the connection's details.
    const details = await call("GET", `/v1/connections/${id}`);
    expect(JSON.stringify(details.json)).not.toMatch(/shh-secret|rt-1/);
  });

  it("fails the run naming the stream and the request when a page comes back truncated", async () => {
    const fake = hubspot();
    const schema = `hubspot_${uid()}`;
    const id = await connection(await d1Group(), "hubspot", { schema, access_token: TOKEN, objects: ["contacts"] });
    fake.faults.malform(
      "truncated",
      (url) => url.pathname === "/crm/v3/objects/contacts" && url.searchParams.has("after"),
    );
    const run = await syncToEnd(id);
    expect(run.succeeded_at).toBeNull();
    expect(run.failed_at).not.toBeNull();
    const [task] = run.status.tasks;
    expect(task.message).toContain("contacts");
    expect(task.message).toMatch(/GET api\.hubapi\.com\/crm\/v3\/objects\/contacts\?.*after=/);
    // (The task message keeps 200 characters: the reason's first words.)
    expect(task.message).toMatch(/answered with a body that is not JSO/);
  });

  it("fails the run naming the stream and the request when a search answers with the wrong shape", async () => {
    const fake = hubspot();
    const schema = `hubspot_${uid()}`;
    const id = await connection(await d1Group(), "hubspot", { schema, access_token: TOKEN, objects: ["contacts"] });
    expect((await syncToEnd(id)).failed_at).toBeNull();
    fake.update("contacts", fake.records("contacts")[0]?.id as string, { email: "x@example.com" });
    fake.faults.malform("shape", (url) => url.pathname.endsWith("/search"));
    const run = await syncToEnd(id);
    expect(run.failed_at).not.toBeNull();
    const [task] = run.status.tasks;
    expect(task.message).toMatch(
      /contacts.*POST api\.hubapi\.com\/crm\/v3\/objects\/contacts\/search.*without a results list/,
    );
  });

  it("refuses a config mixing private app and OAuth credentials, or a date limit without a date", async () => {
    const group = await d1Group();
    const bad = [
      [{ access_token: TOKEN, client_id: "c", client_secret: "s", refresh_token: "r" }, /not both/],
      [{ client_id: "c", refresh_token: "r" }, /client_secret/],
      [{ access_token: TOKEN, client_secret: "s" }, /webhooks are not supported/],
      [{ access_token: TOKEN, historical_sync_time_frame: "DATE_LIMIT" }, /backward_sync_limit_date/],
    ] as const;
    for (const [config, message] of bad) {
      const res = await call("POST", "/v1/connections", {
        body: { group_id: group, service: "hubspot", config: { schema: `h_${uid()}`, ...config } },
      });
      expect(res.status, JSON.stringify(config)).toBe(400);
      expect(res.json.message).toMatch(message);
    }
  });
});

describe("hubspot sync (API → Postgres)", () => {
  beforeAll(async () => {
    const [found] = await sql("postgres", `SELECT count(*)::int AS n FROM pg_database WHERE datname = '${PG_DB}'`);
    if (found?.n === 0) await sql("postgres", `CREATE DATABASE ${PG_DB}`);
  });

  it("lands the fake's records exactly, then applies changes and archives", async () => {
    const fake = hubspot();
    const schema = `hubspot_${uid()}`;
    const id = await connection(await postgresGroup(PG_DB), "hubspot", {
      schema,
      access_token: TOKEN,
      objects: ["contacts", "deals"],
    });
    const first = await syncToEnd(id);
    expect(first.failed_at, JSON.stringify(first.status)).toBeNull();
    const rows = await sql(
      PG_DB,
      `SELECT id, property_email, property_score, "updatedAt" FROM "${schema}".contacts ORDER BY id`,
    );
    const want = fake
      .records("contacts")
      .map((c) => ({
        id: c.id,
        property_email: c.properties.email,
        property_score: c.properties.score === "" || c.properties.score == null ? null : Number(c.properties.score),
        updatedAt: new Date(c.updatedAt),
      }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    expect(rows).toEqual(want);
    const deals = await sql(PG_DB, `SELECT id, property_dealname, property_amount FROM "${schema}".deals ORDER BY id`);
    expect(deals).toHaveLength(30);
    expect(deals[0]).toEqual({ id: fake.records("deals")[0]?.id, property_dealname: "Deal 0", property_amount: 1000 });

    const [c0, c1] = fake.records("contacts");
    fake.update("contacts", c0?.id as string, { email: "changed@example.com" });
    fake.archive("contacts", c1?.id as string);
    expect((await syncToEnd(id)).failed_at).toBeNull();
    const after = await sql(
      PG_DB,
      `SELECT id, property_email, _fivetran_deleted FROM "${schema}".contacts WHERE id IN ('${c0?.id}', '${c1?.id}') ORDER BY id`,
    );
    expect(after).toEqual([
      { id: c0?.id, property_email: "changed@example.com", _fivetran_deleted: false },
      { id: c1?.id, property_email: c1?.properties.email, _fivetran_deleted: true },
    ]);
    const pairs = await sql(PG_DB, `SELECT count(*)::int AS n FROM "${schema}".deals_to_contacts`);
    expect(pairs).toEqual([{ n: 10 }]);
  });
});

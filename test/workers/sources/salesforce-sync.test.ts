/**
 * Salesforce end to end: connections created and synced through the API into D1 and
 * PostgreSQL, against the Salesforce fake (test/fakes/salesforce.ts). The first sync reads
 * every object through queryAll in yearly SystemModstamp windows, paging by nextRecordsUrl;
 * later syncs query only the window since the cursor (less the 5-minute lookback), where
 * updates land and deleted records (IsDeleted) become `_fivetran_deleted`.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSalesforceFake, type SalesforceFake, type SalesforceRecord } from "../../fakes/salesforce";
import { sql } from "../connections-sync-helpers";
import { connection, d1Group, d1Rows, postgresGroup, routeToFake, syncToEnd, uid } from "./saas-e2e";

const MY_DOMAIN = "acme.my.salesforce.com";
const CLIENT = "3MVG9syncfake";
const SECRET = "sync-s3cret";
const REFRESH = "5Aep861syncfake";
const PG_DATABASE = "h_sf_salesforce_dst";
/** Records were last modified in 2025 (one window of the first sync's yearly ones). */
const T0 = Date.UTC(2025, 2, 1);
/** The org's CreatedDate: where the first sync's yearly windows start. */
const ORG_CREATED = Date.UTC(2023, 0, 1);

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

function salesforce(accounts = 1000, contacts = 300): SalesforceFake {
  const fake = createSalesforceFake({
    myDomain: MY_DOMAIN,
    apps: { [CLIENT]: { client_secret: SECRET, refresh_tokens: [REFRESH] } },
    // Salesforce may return fewer records than the batch size asked for: 200 makes many pages.
    maxBatch: 200,
    orgCreatedMs: ORG_CREATED,
    sobjects: [
      {
        name: "Account",
        fields: [
          { name: "Industry", type: "picklist" },
          { name: "AnnualRevenue", type: "currency" },
          { name: "NumberOfEmployees", type: "int" },
          { name: "Rating__c", type: "double", calculated: true },
          { name: "Logo__c", type: "base64" },
        ],
      },
      {
        name: "Contact",
        fields: [
          { name: "Email", type: "email" },
          { name: "AccountId", type: "reference" },
          { name: "Birthdate", type: "date" },
          { name: "DoNotCall", type: "boolean" },
        ],
      },
    ],
  });
  fake.seed("Account", accounts, T0, 60_000, (i) => ({
    Name: `Account ${i}`,
    Industry: i % 3 === 0 ? "Energy" : "Retail",
    AnnualRevenue: i * 1000.5,
    NumberOfEmployees: i,
    Rating__c: 4.5,
    Logo__c: "aGVsbG8=",
  }));
  fake.seed("Contact", contacts, T0, 120_000, (i) => ({
    Name: `Contact ${i}`,
    Email: `c${i}@example.com`,
    Birthdate: i % 5 === 0 ? null : "1990-04-0" + ((i % 9) + 1),
    DoNotCall: i % 2 === 0,
  }));
  restore = routeToFake(["login.salesforce.com", MY_DOMAIN], fake.fetch);
  return fake;
}

const config = (schema: string, objects = ["Account", "Contact"]) => ({
  schema,
  credentials: { clientId: CLIENT, clientSecret: SECRET, refreshToken: REFRESH },
  objects,
});

/** The SOQL of every query the fake saw since `mark` (query more results have none). */
function queries(fake: SalesforceFake, mark = 0): string[] {
  return fake.requests
    .slice(mark)
    .filter((r) => r.url.pathname.endsWith("/queryAll"))
    .map((r) => r.url.searchParams.get("q") ?? "");
}

const locatorPages = (fake: SalesforceFake, mark = 0) =>
  fake.requests.slice(mark).filter((r) => /\/query\/[^/]+$/.test(r.url.pathname)).length;

/** An Account as the destination must hold it (formula and base64 fields are not synced). */
function account(r: SalesforceRecord, deleted = false) {
  return {
    Id: r.Id,
    Name: r.Name,
    Industry: r.Industry,
    AnnualRevenue: r.AnnualRevenue,
    NumberOfEmployees: r.NumberOfEmployees,
    IsDeleted: deleted ? 1 : 0,
    _fivetran_deleted: deleted ? 1 : 0,
  };
}

const ACCOUNT_COLUMNS = `"Id", "Name", "Industry", "AnnualRevenue", "NumberOfEmployees", "IsDeleted", _fivetran_deleted`;

describe("salesforce sync (API → D1)", { timeout: 60_000 }, () => {
  it("reads every object page by page, then only what changed; deletes land as _fivetran_deleted", async () => {
    const fake = salesforce();
    const schema = `sf_${uid()}`;
    const id = await connection(await d1Group(), "salesforce", config(schema));
    const first = await syncToEnd(id);
    expect(first.failed_at, JSON.stringify(first.status)).toBeNull();

    const accounts = await d1Rows(`${schema}__account`, ACCOUNT_COLUMNS, '"Id"');
    expect(accounts).toEqual(fake.records("Account").map((r) => account(r)));
    const contacts = await d1Rows(`${schema}__contact`, `"Id", "Email", "Birthdate", "DoNotCall"`, '"Id"');
    expect(contacts).toEqual(
      fake.records("Contact").map((r) => ({
        Id: r.Id,
        Email: r.Email,
        Birthdate: r.Birthdate,
        DoNotCall: r.DoNotCall ? 1 : 0,
      })),
    );
    // The SOQL carries describe's fields, not the formula or base64 ones, in SystemModstamp order.
    const soql = queries(fake);
    const accountSoql = soql.filter((q) => q.includes(" FROM Account "));
    expect(accountSoql[0]).toMatch(
      /^SELECT Id, IsDeleted, Name, CreatedDate, LastModifiedDate, SystemModstamp, Industry, AnnualRevenue, NumberOfEmployees FROM Account WHERE SystemModstamp >= \S+ AND SystemModstamp < \S+ ORDER BY SystemModstamp ASC, Id ASC$/,
    );
    // Yearly windows from the org's creation to now, each one query; the first from its CreatedDate.
    const years = new Date().getUTCFullYear() - 2023 + 1;
    expect(accountSoql[0]).toContain(
      "SystemModstamp >= 2023-01-01T00:00:00Z AND SystemModstamp < 2024-01-01T00:00:00Z",
    );
    expect(accountSoql).toHaveLength(years);
    expect(soql.filter((q) => q.includes(" FROM Contact "))).toHaveLength(years);
    // 1,000 accounts in batches of 200 and 300 contacts: 4 + 1 more pages by nextRecordsUrl.
    expect(locatorPages(fake)).toBe(5);

    // Changes: updates, an insert, deletes (to the recycle bin).
    const records = fake.records("Account");
    const changed = records.slice(0, 3).map((r) => fake.update("Account", r.Id as string, { Industry: "Biotech" }));
    const added = fake.insert("Account", { Name: "Newco", Industry: "Media", AnnualRevenue: 1, NumberOfEmployees: 2 });
    const gone = records.slice(10, 12);
    for (const r of gone) fake.remove("Account", r.Id as string);
    const mark = fake.requests.length;
    const second = await syncToEnd(id);
    expect(second.failed_at, JSON.stringify(second.status)).toBeNull();

    // One query per object, from the first sync's signpost less the lookback: no history again.
    const again = queries(fake, mark);
    expect(again).toHaveLength(2);
    const from = /SystemModstamp >= (\S+)/.exec(again[0] ?? "")?.[1] as string;
    expect(Date.parse(from)).toBeGreaterThan(Date.now() - 10 * 60_000);
    expect(locatorPages(fake, mark)).toBe(0);

    const after = await d1Rows<{ Id: string; _fivetran_deleted: number }>(
      `${schema}__account`,
      ACCOUNT_COLUMNS,
      '"Id"',
    );
    expect(after).toHaveLength(1001);
    const byId = new Map(after.map((r) => [r.Id, r]));
    for (const r of changed) expect(byId.get(r.Id as string)).toEqual(account(r));
    expect(byId.get(added.Id as string)).toEqual(account(added));
    // The delete is applied by key: the row stays as it was synced, marked deleted.
    for (const r of gone) expect(byId.get(r.Id as string)).toMatchObject({ _fivetran_deleted: 1 });
    expect(after.filter((r) => r._fivetran_deleted === 1)).toHaveLength(2);
  });
});

describe("salesforce sync (API → PostgreSQL)", { timeout: 60_000 }, () => {
  beforeAll(async () => {
    const [found] = await sql(
      "postgres",
      `SELECT count(*)::int AS n FROM pg_database WHERE datname = '${PG_DATABASE}'`,
    );
    if (found?.n === 0) await sql("postgres", `CREATE DATABASE ${PG_DATABASE}`);
  });
  const schemas: string[] = [];
  afterAll(async () => {
    for (const schema of schemas) await sql(PG_DATABASE, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });

  it("moves the org's records exactly, typed, and applies changes and deletes", async () => {
    const fake = salesforce(450, 40);
    const schema = `sf_${uid()}`;
    schemas.push(schema);
    const id = await connection(await postgresGroup(PG_DATABASE), "salesforce", config(schema));
    const first = await syncToEnd(id);
    expect(first.failed_at, JSON.stringify(first.status)).toBeNull();
    const read = () =>
      sql(
        PG_DATABASE,
        `SELECT "Id", "Name", "Industry", "AnnualRevenue"::float8 AS "AnnualRevenue", "NumberOfEmployees"::int AS "NumberOfEmployees",
           "IsDeleted", to_char("SystemModstamp" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"+0000"') AS "SystemModstamp", _fivetran_deleted
         FROM "${schema}"."Account" ORDER BY "Id"`,
      );
    const expected = (r: SalesforceRecord, deleted = false) => ({
      Id: r.Id,
      Name: r.Name,
      Industry: r.Industry,
      AnnualRevenue: r.AnnualRevenue,
      NumberOfEmployees: r.NumberOfEmployees,
      IsDeleted: false,
      SystemModstamp: r.SystemModstamp,
      _fivetran_deleted: deleted,
    });
    expect(await read()).toEqual(fake.records("Account").map((r) => expected(r)));
    const contacts = await sql(
      PG_DATABASE,
      `SELECT "Id", "Email", to_char("Birthdate", 'YYYY-MM-DD') AS "Birthdate", "DoNotCall" FROM "${schema}"."Contact" ORDER BY "Id"`,
    );
    expect(contacts).toEqual(
      fake
        .records("Contact")
        .map((r) => ({ Id: r.Id, Email: r.Email, Birthdate: r.Birthdate, DoNotCall: r.DoNotCall })),
    );
    const columns = await sql(
      PG_DATABASE,
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = '${schema}' AND table_name = 'Account' ORDER BY column_name`,
    );
    const types = Object.fromEntries(columns.map((c) => [c.column_name, c.data_type]));
    expect(types).toMatchObject({
      Id: "text",
      IsDeleted: "boolean",
      NumberOfEmployees: "bigint",
      SystemModstamp: "timestamp with time zone",
    });
    expect(types.Rating__c).toBeUndefined();
    expect(types.Logo__c).toBeUndefined();

    const records = fake.records("Account");
    const changed = fake.update("Account", records[7]?.Id as string, { Name: "Renamed", AnnualRevenue: 2.25 });
    const synced = { ...(records[8] as SalesforceRecord) };
    fake.remove("Account", synced.Id as string);
    const second = await syncToEnd(id);
    expect(second.failed_at, JSON.stringify(second.status)).toBeNull();
    const rows = await read();
    expect(rows).toHaveLength(450);
    expect(rows[7]).toEqual(expected(changed));
    // The delete is applied by key: the row keeps what was synced, marked deleted.
    expect(rows[8]).toEqual(expected(synced, true));
  });
});

describe("salesforce sync: limits, sessions and bad answers", { timeout: 60_000 }, () => {
  it("rides out a 429 storm by Retry-After, concurrent-limit 403s and 503s without failing the run", async () => {
    const fake = salesforce(600, 10);
    const schema = `sf_${uid()}`;
    const id = await connection(await d1Group(), "salesforce", config(schema));
    // On the next pages of the window holding the accounts; the other windows, read at the
    // same time, must hold off too (the stream's slices share one rate limit).
    fake.faults.storm(4, 1, (url) => /\/query\//.test(url.pathname));
    // A failover and the concurrent long-running request limit, on the queries themselves.
    fake.unavailable(2, (url) => url.pathname.endsWith("/queryAll"));
    fake.concurrentLimit(2, (url) => url.pathname.endsWith("/queryAll") && /2025/.test(url.search));
    const run = await syncToEnd(id);
    expect(run.failed_at, JSON.stringify(run.status)).toBeNull();
    expect({ throttled: fake.faults.throttled, early: fake.faults.early }).toEqual({ throttled: 4, early: 0 });
    expect(fake.state.unavailable).toBe(2);
    expect(fake.state.concurrentLimited).toBe(2);
    expect(await d1Rows(`${schema}__account`, `"Id"`, '"Id"')).toHaveLength(600);
  });

  it("fails the run as rate limited, not as bad credentials, once the daily API allowance is spent", async () => {
    const fake = salesforce(10, 10);
    const schema = `sf_${uid()}`;
    const id = await connection(await d1Group(), "salesforce", config(schema));
    // Ten calls left of the org's daily allowance: describe and a few queries.
    fake.state.apiUsed = 15_000 - 10;
    const run = await syncToEnd(id);
    expect(run.succeeded_at).toBeNull();
    const [task] = run.status.tasks;
    expect(task.message).toMatch(/daily API request limit is exhausted/);
    expect(run.status.setup_state).toBe("connected");
    // No retries against an exhausted allowance: each stream's first refused query ends it.
    const refused = fake.requests.filter((r) => r.url.pathname.endsWith("/queryAll")).length;
    expect(refused).toBeLessThanOrEqual(8 + 2 * 4);
  });

  it("refreshes an expired session once (INVALID_SESSION_ID) and carries on", async () => {
    const fake = salesforce(800, 0);
    const schema = `sf_${uid()}`;
    const id = await connection(await d1Group(), "salesforce", config(schema, ["Account"]));
    // Every session ends after the third page of queries.
    const mark = fake.requests.length;
    fake.state.expireSessionsAfter = 8;
    const run = await syncToEnd(id);
    expect(run.failed_at, JSON.stringify(run.status)).toBeNull();
    expect(fake.state.expiredAt).toBeDefined();
    const tokens = fake.requests.slice(mark).filter((r) => r.url.pathname === "/services/oauth2/token");
    const refreshed = tokens.filter((r) => fake.requests.indexOf(r) >= (fake.state.expiredAt as number));
    expect(refreshed).toHaveLength(1);
    expect(new URLSearchParams(refreshed[0]?.body).get("grant_type")).toBe("refresh_token");
    expect(fake.state.unauthorized).toBeGreaterThanOrEqual(1);
    expect(await d1Rows(`${schema}__account`, `"Id"`, '"Id"')).toHaveLength(800);
  });

  it("fails the run with a task naming the stream and the request when a page is truncated", async () => {
    const fake = salesforce(500, 0);
    const schema = `sf_${uid()}`;
    const id = await connection(await d1Group(), "salesforce", config(schema, ["Account"]));
    fake.faults.malform("truncated", (url) => /\/query\//.test(url.pathname));
    const run = await syncToEnd(id);
    expect(run.succeeded_at).toBeNull();
    expect(run.failed_at).not.toBeNull();
    const [task] = run.status.tasks;
    expect(task.message).toContain("Account");
    expect(task.message).toMatch(/GET acme\.my\.salesforce\.com\/services\/data\/v62\.0\/query\/01g/);
    expect(task.message).toMatch(/not JSON|truncated/);
  });

  it("fails the run naming the object and request when a query answers JSON that is not a query result", async () => {
    const fake = salesforce(50, 0);
    const schema = `sf_${uid()}`;
    const id = await connection(await d1Group(), "salesforce", config(schema, ["Account"]));
    fake.faults.malform("shape", (url) => url.pathname.endsWith("/queryAll") && /2025/.test(url.search));
    const run = await syncToEnd(id);
    expect(run.succeeded_at).toBeNull();
    const [task] = run.status.tasks;
    expect(task.message).toMatch(/GET acme\.my\.salesforce\.com\/services\/data\/v62\.0\/queryAll\?q=SELECT/);
    expect(task.message).toMatch(/the Account query with something other than a query result/);
  });
});

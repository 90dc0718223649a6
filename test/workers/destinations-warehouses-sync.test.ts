/**
 * Snowflake and BigQuery destinations end to end through the API: the sample source and the
 * local PostgreSQL (schema `h_wh_…`, dropped afterwards) syncing into the fakes of Snowflake's
 * SQL API and BigQuery's REST API (test/fakes/snowflake.ts, bigquery.ts), which apply the
 * writer's statements to in-memory tables. The Worker's fetch is routed to the fakes for
 * their hosts, as the stripe API test does; everything else goes out as usual.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { bigQueryFake } from "../fakes/bigquery";
import { snowflakeFake } from "../fakes/snowflake";
import type { FakeTable, Stored } from "../fakes/warehouse-sql";
import { snowflakeKeys } from "./conformance/fixtures/snowflake";
import { ensureDatabases, SOURCE_DB, sql, waitForRun } from "./connections-sync-helpers";
import { call, newAccount } from "./helpers";

const SF_HOST = "wh12345.eu-west-1.snowflakecomputing.com";
const PROJECT = "h-wh-project";
const EMAIL = "loader@h-wh-project.iam.gserviceaccount.com";

let keys: { privateKey: string; publicKey: string };
let sf: ReturnType<typeof snowflakeFake>;
let bq: ReturnType<typeof bigQueryFake>;
const sourceSchemas: string[] = [];

beforeAll(async () => {
  await ensureDatabases();
  keys = await snowflakeKeys();
  sf = snowflakeFake({
    account: "WH12345",
    host: SF_HOST,
    users: [
      { name: "LOADER", publicKeyPem: keys.publicKey, defaultRole: "LOADER_ROLE", defaultWarehouse: "LOADING_WH" },
    ],
    databases: ["ANALYTICS"],
    warehouses: ["LOADING_WH"],
    asynchronous: true,
    partitionRows: 3,
  });
  bq = bigQueryFake({
    serviceAccounts: [{ client_email: EMAIL, publicKeyPem: keys.publicKey, projects: [PROJECT] }],
    datasets: {},
    asynchronous: true,
  });
}, 60_000);

afterAll(async () => {
  for (const schema of sourceSchemas) await sql(SOURCE_DB, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}, 60_000);

beforeEach(() => {
  const original = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation((input: RequestInfo | URL, init?: RequestInit) => {
    const host = new URL(input instanceof Request ? input.url : String(input)).hostname;
    if (host === SF_HOST) return sf.fetch(input, init);
    if (host.endsWith("googleapis.com")) return bq.fetch(input, init);
    return original(input, init);
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

interface Warehouse {
  service: string;
  config(): Record<string, unknown>;
  table(schema: string, name: string): FakeTable | undefined;
  failNext(status: number): void;
  /** The failures the fake served so far. */
  throttled(): number[];
  /** The column type a widened integer → numeric(12,2) column ends with. */
  widened: string;
}

const WAREHOUSES: Warehouse[] = [
  {
    service: "snowflake",
    config: () => ({
      host: SF_HOST,
      database: "analytics",
      user: "loader",
      auth: "KEY_PAIR",
      private_key: keys.privateKey,
    }),
    table: (schema, name) => sf.warehouse("ANALYTICS").table(schema.toUpperCase(), name.toUpperCase()),
    failNext: (status) => sf.failNext(status),
    throttled: () => sf.throttled,
    widened: "NUMBER(12,2)",
  },
  {
    service: "big_query",
    config: () => ({
      project_id: PROJECT,
      secret_key: JSON.stringify({ type: "service_account", client_email: EMAIL, private_key: keys.privateKey }),
    }),
    table: (schema, name) => bq.warehouse(PROJECT).table(schema, name),
    failNext: (status) => bq.failNext(status),
    throttled: () => bq.throttled,
    widened: "NUMERIC(21,2)",
  },
];

/** A table's rows as objects keyed by lower-cased column name, ordered by `id`. */
function rows(table: FakeTable | undefined): Record<string, Stored>[] {
  if (!table) return [];
  return table.rows
    .map((row) => Object.fromEntries(table.columns.map((c, i) => [c.name.toLowerCase(), row[i] ?? null])))
    .sort((a, b) => Number(a.id) - Number(b.id));
}

function suffix(): string {
  return crypto.randomUUID().replace(/-/g, "").slice(0, 8);
}

async function group(auth: string, warehouse: Warehouse): Promise<string> {
  const created = await call("POST", "/v1/groups", { auth, body: { name: `h_wh_${suffix()}` } });
  const destination = await call("POST", "/v1/destinations", {
    auth,
    body: {
      group_id: created.json.data.id,
      service: warehouse.service,
      time_zone_offset: "0",
      config: warehouse.config(),
    },
  });
  expect(destination.status, JSON.stringify(destination.json)).toBe(201);
  expect(destination.json.data.setup_status, JSON.stringify(destination.json.data.setup_tests)).toBe("connected");
  return created.json.data.id;
}

async function sync(auth: string, id: string, path = "sync") {
  const before = (await call("GET", `/v1/connections/${id}`, { auth })).json.data;
  const since = [before.succeeded_at, before.failed_at].filter(Boolean).sort().at(-1) ?? null;
  const res = await call("POST", `/v1/connections/${id}/${path}`, { auth });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return waitForRun(auth, id, since);
}

for (const warehouse of WAREHOUSES) {
  describe(`${warehouse.service} destination end to end through the API`, () => {
    it("loads the sample source, then its next generation incrementally, without duplicates", async () => {
      const auth = await newAccount();
      const groupId = await group(auth, warehouse);
      const schema = `h_wh_sample_${suffix()}`;
      const created = await call("POST", "/v1/connections", {
        auth,
        body: {
          group_id: groupId,
          service: "sample",
          schedule_type: "manual",
          config: { schema, scale: 25, tables: ["customers", "orders"] },
        },
      });
      expect(created.status, JSON.stringify(created.json)).toBe(201);
      const id = created.json.data.id;
      const first = await sync(auth, id);
      expect(first.status.sync_state).toBe("scheduled");
      expect(first.failed_at).toBeNull();
      expect(rows(warehouse.table(schema, "customers"))).toHaveLength(25);
      expect(rows(warehouse.table(schema, "orders"))).toHaveLength(25);
      const before = rows(warehouse.table(schema, "customers"));
      await sync(auth, id);
      const after = rows(warehouse.table(schema, "customers"));
      expect(after).toHaveLength(50);
      expect(new Set(after.map((r) => String(r.id))).size).toBe(50);
      // The second generation changed some first-generation rows: they were updated in place.
      const changed = after.filter((r) => {
        const old = before.find((b) => String(b.id) === String(r.id));
        return old && old._fivetran_synced !== r._fivetran_synced;
      });
      expect(changed.length).toBeGreaterThan(0);
      expect(after.every((r) => r._fivetran_deleted === false)).toBe(true);
    }, 120_000);

    it("a re-sync that no longer sees 15 of 40 rows soft-deletes them, and MAR counts those 15 keys as paid", async () => {
      const auth = await newAccount();
      const groupId = await group(auth, warehouse);
      const schema = `h_wh_mar_${suffix()}`;
      const created = await call("POST", "/v1/connections", {
        auth,
        body: {
          group_id: groupId,
          service: "sample",
          schedule_type: "manual",
          config: { schema, scale: 40, seed: 3, tables: ["customers"] },
        },
      });
      expect(created.status, JSON.stringify(created.json)).toBe(201);
      const id = created.json.data.id;
      await sync(auth, id);
      const patched = await call("PATCH", `/v1/connections/${id}`, { auth, body: { config: { scale: 25 } } });
      expect(patched.status, JSON.stringify(patched.json)).toBe(200);
      const before = (await call("GET", `/v1/connections/${id}`, { auth })).json.data;
      const since = [before.succeeded_at, before.failed_at].filter(Boolean).sort().at(-1) ?? null;
      const resync = await call("POST", `/v1/connections/${id}/resync`, { auth, body: {} });
      expect(resync.status, JSON.stringify(resync.json)).toBe(200);
      const run = await waitForRun(auth, id, since);
      expect(run.failed_at).toBeNull();
      // By hand on the warehouse's table: 40 rows, the 15 the re-sync did not see marked deleted.
      const table = rows(warehouse.table(schema, "customers"));
      const deleted = table.filter((r) => r._fivetran_deleted === true).length;
      expect([table.length, deleted]).toEqual([40, 15]);
      const mar = await call("GET", `/v1/usage/mar?connection_id=${id}`, { auth });
      expect(mar.status).toBe(200);
      const customers = mar.json.data.items.find((i: { table: string }) => i.table === "customers");
      // The historical sync is free; the re-sync (billed) wrote 25 and soft-deleted 15.
      expect(customers).toMatchObject({ mar: table.length, paid_mar: 25 + deleted, free_mar: 0 });
    }, 120_000);

    it("syncs PostgreSQL: updates, a new column, a widened type, 429/5xx retried, soft then LIVE deletes, then HISTORY", async () => {
      const auth = await newAccount();
      const groupId = await group(auth, warehouse);
      const source = `h_wh_${suffix()}`;
      sourceSchemas.push(source);
      const s = `"${source}"`;
      await sql(
        SOURCE_DB,
        `CREATE SCHEMA ${s}`,
        `CREATE TABLE ${s}.items (id integer PRIMARY KEY, name text, score integer, updated_at timestamptz NOT NULL DEFAULT now())`,
        `INSERT INTO ${s}.items (id, name, score) VALUES (1, 'one', 1), (2, 'two', 2), (3, 'three', 3)`,
      );
      const prefix = `h_wh_${suffix()}`;
      const created = await call("POST", "/v1/connections", {
        auth,
        body: {
          group_id: groupId,
          service: "postgres",
          schedule_type: "manual",
          config: {
            schema_prefix: prefix,
            host: "127.0.0.1",
            port: 5432,
            database: SOURCE_DB,
            user: "postgres",
            tables: [`${source}.items`],
          },
        },
      });
      expect(created.status, JSON.stringify(created.json)).toBe(201);
      const id = created.json.data.id;
      const dataset = `${prefix}_${source}`;
      const table = () => warehouse.table(dataset, "items");

      await sync(auth, id);
      expect(rows(table()).map((r) => [String(r.id), r.name, r._fivetran_deleted])).toEqual([
        ["1", "one", false],
        ["2", "two", false],
        ["3", "three", false],
      ]);

      // An update, an insert, a new column and integer → numeric(12,2); the next requests are
      // throttled (429) and refused (503) once each: both are retried.
      await sql(
        SOURCE_DB,
        `ALTER TABLE ${s}.items ADD COLUMN note text`,
        `ALTER TABLE ${s}.items ALTER COLUMN score TYPE numeric(12,2)`,
        `UPDATE ${s}.items SET name = 'TWO', updated_at = now() + interval '1 second' WHERE id = 2`,
        `UPDATE ${s}.items SET score = 12.5, note = 'noted', updated_at = now() + interval '1 second' WHERE id = 1`,
        `INSERT INTO ${s}.items (id, name, score, updated_at) VALUES (4, 'four', 4.25, now() + interval '1 second')`,
      );
      const served = warehouse.throttled().length;
      warehouse.failNext(429);
      warehouse.failNext(503);
      const second = await sync(auth, id);
      expect(second.failed_at, JSON.stringify(second.status)).toBeNull();
      expect(second.status.warnings).toEqual([]);
      expect(warehouse.throttled().slice(served)).toEqual([429, 503]);
      const score = table()?.columns.find((c) => c.name.toLowerCase() === "score");
      expect(score?.type.text).toBe(warehouse.widened);
      expect(rows(table()).map((r) => [String(r.id), r.name, r.score, r.note])).toEqual([
        ["1", "one", "12.50", "noted"],
        ["2", "TWO", "2.00", null],
        ["3", "three", "3.00", null],
        ["4", "four", "4.25", null],
      ]);

      // A row deleted at the source: a re-sync marks what it no longer saw (soft delete).
      await sql(SOURCE_DB, `DELETE FROM ${s}.items WHERE id = 3`);
      await sync(auth, id, "resync");
      expect(rows(table()).map((r) => [String(r.id), r._fivetran_deleted])).toEqual([
        ["1", false],
        ["2", false],
        ["3", true],
        ["4", false],
      ]);

      // LIVE: the marked rows go with the column, and a later delete removes its row.
      const live = await call("PATCH", `/v1/connections/${id}/schemas/${source}/tables/items`, {
        auth,
        body: { sync_mode: "LIVE" },
      });
      expect(live.status, JSON.stringify(live.json)).toBe(200);
      await sql(SOURCE_DB, `DELETE FROM ${s}.items WHERE id = 4`);
      await sync(auth, id, "resync");
      expect(rows(table()).map((r) => [String(r.id), r.name, "_fivetran_deleted" in r])).toEqual([
        ["1", "one", false],
        ["2", "TWO", false],
      ]);

      // HISTORY: every row becomes a version active since the latest sync; a change adds one.
      const history = await call("PATCH", `/v1/connections/${id}/schemas/${source}/tables/items`, {
        auth,
        body: { sync_mode: "HISTORY" },
      });
      expect(history.status, JSON.stringify(history.json)).toBe(200);
      await sql(
        SOURCE_DB,
        `UPDATE ${s}.items SET name = 'ONE', updated_at = now() + interval '2 seconds' WHERE id = 1`,
      );
      await sync(auth, id);
      const versions = rows(table()).map((r) => [String(r.id), r.name, r._fivetran_active, r._fivetran_end]);
      expect(versions.filter((v) => v[0] === "1").sort((a, b) => Number(b[2]) - Number(a[2]))).toEqual([
        ["1", "ONE", true, "9999-12-31T23:59:59.999000Z"],
        ["1", "one", false, expect.stringMatching(/^20\d\d-/)],
      ]);
      expect(versions.filter((v) => v[0] === "2")).toEqual([["2", "TWO", true, "9999-12-31T23:59:59.999000Z"]]);
    }, 180_000);

    it("a value the warehouse refuses fails its table with a message naming it; the other table loads", async () => {
      const auth = await newAccount();
      const groupId = await group(auth, warehouse);
      const source = `h_wh_${suffix()}`;
      sourceSchemas.push(source);
      const s = `"${source}"`;
      await sql(
        SOURCE_DB,
        `CREATE SCHEMA ${s}`,
        `CREATE TABLE ${s}.good (id integer PRIMARY KEY, name text)`,
        `INSERT INTO ${s}.good VALUES (1, 'fine')`,
        // NaN fits PostgreSQL's numeric(12,2) but not NUMBER(12,2) / NUMERIC(12,2).
        `CREATE TABLE ${s}.bad (id integer PRIMARY KEY, amount numeric(12,2))`,
        `INSERT INTO ${s}.bad VALUES (1, 'NaN')`,
      );
      const prefix = `h_wh_${suffix()}`;
      const created = await call("POST", "/v1/connections", {
        auth,
        body: {
          group_id: groupId,
          service: "postgres",
          schedule_type: "manual",
          config: {
            schema_prefix: prefix,
            host: "127.0.0.1",
            port: 5432,
            database: SOURCE_DB,
            user: "postgres",
            tables: [`${source}.good`, `${source}.bad`],
          },
        },
      });
      const id = created.json.data.id;
      const details = await sync(auth, id);
      const said = JSON.stringify(details.status);
      expect(said).toMatch(/rejected a (statement|query) writing/);
      expect(said).toContain(`.bad`);
      expect(said).toContain("NaN");
      expect(rows(warehouse.table(`${prefix}_${source}`, "good")).map((r) => r.name)).toEqual(["fine"]);
      expect(rows(warehouse.table(`${prefix}_${source}`, "bad"))).toEqual([]);
    }, 120_000);
  });
}

/**
 * Schema changes under policy, end to end: a real PostgreSQL source changes (a column added,
 * widened, narrowed, dropped, renamed; a primary key changed; a new table; a new schema)
 * between two syncs into PostgreSQL and D1 destinations, under each schema_change_handling and
 * with breaking changes allowed; what lands in the destination and the schema history are
 * checked. Then: blocked and hashed columns never reach the destination in clear, POST
 * /schemas, the evolve endpoint, drop-columns, and the notices the send_email binding gets.
 */
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { d1TableName } from "../../src/engine/destinations/d1/writer";
import { changeEmail } from "../../src/engine/schema-history";
import { quoteIdent } from "../../src/engine/toolkit/pg";
import {
  DESTINATION_DB,
  dropCreated,
  ensureDatabases,
  groupWithDestination,
  SOURCE_DB,
  sql,
  waitForRun,
} from "./connections-sync-helpers";
import { BOOTSTRAP, call, newAccount } from "./helpers";

beforeAll(ensureDatabases, 60_000);
afterAll(async () => {
  for (const schema of sources.splice(0)) await sql(SOURCE_DB, `DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  for (const schema of destinations.splice(0))
    await sql(DESTINATION_DB, `DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  await dropCreated();
}, 60_000);

const sources: string[] = [];
const destinations: string[] = [];
const rand = () => crypto.randomUUID().replace(/-/g, "").slice(0, 8);

/** Source schemas `s` (t, r, x, k) and, later, `s2`, each table keyed and with updated_at. */
async function sourceTables() {
  const s = `hschema_${rand()}`;
  const s2 = `${s}_two`;
  sources.push(s, s2);
  const q = quoteIdent(s);
  await sql(
    SOURCE_DB,
    `CREATE SCHEMA ${q}`,
    `CREATE TABLE ${q}.t (id integer PRIMARY KEY, a integer, d bigint, updated_at timestamptz NOT NULL DEFAULT now())`,
    `CREATE TABLE ${q}.r (id integer PRIMARY KEY, b text, updated_at timestamptz NOT NULL DEFAULT now())`,
    `CREATE TABLE ${q}.x (id integer PRIMARY KEY, c date, updated_at timestamptz NOT NULL DEFAULT now())`,
    `CREATE TABLE ${q}.k (id integer PRIMARY KEY, v integer NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`,
    `INSERT INTO ${q}.t (id, a, d) VALUES (1, 10, 100), (2, 20, 200)`,
    `INSERT INTO ${q}.r (id, b) VALUES (1, 'one'), (2, 'two')`,
    `INSERT INTO ${q}.x (id, c) VALUES (1, '2024-01-01')`,
    `INSERT INTO ${q}.k (id, v) VALUES (1, 1)`,
  );
  const tables = ["t", "r", "x", "k", "t2"].map((t) => `${s}.${t}`).concat(`${s2}.t3`);
  return { s, s2, tables };
}

/** Every kind of change at once (rename, drop and key change each in their own table). */
async function changeSource(s: string, s2: string) {
  const q = quoteIdent(s);
  await sql(
    SOURCE_DB,
    `ALTER TABLE ${q}.t ADD COLUMN e text`,
    `ALTER TABLE ${q}.t ALTER COLUMN a TYPE bigint`,
    `ALTER TABLE ${q}.t ALTER COLUMN d TYPE integer`,
    `INSERT INTO ${q}.t (id, a, d, e) VALUES (3, 5000000000, 3, 'new')`,
    `ALTER TABLE ${q}.r RENAME COLUMN b TO b2`,
    `UPDATE ${q}.r SET updated_at = now()`,
    `ALTER TABLE ${q}.x DROP COLUMN c`,
    `INSERT INTO ${q}.x (id) VALUES (2)`,
    `ALTER TABLE ${q}.k DROP CONSTRAINT k_pkey, ADD PRIMARY KEY (id, v)`,
    `CREATE TABLE ${q}.t2 (id integer PRIMARY KEY, updated_at timestamptz NOT NULL DEFAULT now())`,
    `INSERT INTO ${q}.t2 (id) VALUES (1)`,
    `CREATE SCHEMA ${quoteIdent(s2)}`,
    `CREATE TABLE ${quoteIdent(s2)}.t3 (id integer PRIMARY KEY, updated_at timestamptz NOT NULL DEFAULT now())`,
    `INSERT INTO ${quoteIdent(s2)}.t3 (id) VALUES (1)`,
  );
}

async function connection(auth: string, groupId: string, tables: string[], body: Record<string, unknown> = {}) {
  const prefix = `hs_${rand()}`;
  const res = await call("POST", "/v1/connections", {
    auth,
    body: {
      group_id: groupId,
      service: "postgres",
      config: { schema_prefix: prefix, host: "127.0.0.1", port: 5432, database: SOURCE_DB, user: "postgres", tables },
      schedule_type: "manual",
      ...body,
    },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return { id: res.json.data.id as string, prefix };
}

async function syncAndWait(auth: string, id: string) {
  const before = (await call("GET", `/v1/connections/${id}`, { auth })).json.data.succeeded_at;
  const res = await call("POST", `/v1/connections/${id}/sync`, { auth, body: { force: true } });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  const details = await waitForRun(auth, id, before);
  expect(details.failed_at === null || details.succeeded_at > details.failed_at, JSON.stringify(details.status)).toBe(
    true,
  );
  return details;
}

async function history(auth: string, id: string, query = "") {
  const res = await call("GET", `/v1/connections/${id}/schemas/history${query}`, { auth });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json.data.items as Record<string, unknown>[];
}

/** `kind → status` of the history, one entry per kind. */
function statuses(items: Record<string, unknown>[]) {
  return Object.fromEntries(items.map((i) => [i.change, i.status]));
}

/** Column → type of a destination table (PostgreSQL), {} when it does not exist. */
async function pgColumns(schema: string, table: string): Promise<Record<string, string>> {
  const rows = await sql(
    DESTINATION_DB,
    `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = '${schema}' AND table_name = '${table}'`,
  );
  return Object.fromEntries(rows.map((r) => [String(r.name), String(r.type)]));
}

/** Column → declared type of a D1 table, {} when it does not exist. */
async function d1Columns(schema: string, table: string): Promise<Record<string, string>> {
  const { results } = await env.WAREHOUSE.prepare("SELECT name, type FROM pragma_table_info(?1)")
    .bind(d1TableName(schema, table))
    .all<{ name: string; type: string }>();
  return Object.fromEntries(results.map((r) => [r.name, r.type]));
}

type Policy = "ALLOW_ALL" | "ALLOW_COLUMNS" | "BLOCK_ALL" | "BREAKING";

const EXPECTED: Record<Policy, Record<string, "applied" | "blocked">> = {
  ALLOW_ALL: {
    add_column: "applied",
    widen: "applied",
    narrow: "blocked",
    drop_column: "blocked",
    rename_column: "blocked",
    primary_key: "blocked",
    new_table: "applied",
    new_schema: "applied",
  },
  ALLOW_COLUMNS: {
    add_column: "applied",
    widen: "applied",
    narrow: "blocked",
    drop_column: "blocked",
    rename_column: "blocked",
    primary_key: "blocked",
    new_table: "blocked",
    new_schema: "blocked",
  },
  BLOCK_ALL: {
    add_column: "blocked",
    widen: "blocked",
    narrow: "blocked",
    drop_column: "blocked",
    rename_column: "blocked",
    primary_key: "blocked",
    new_table: "blocked",
    new_schema: "blocked",
  },
  BREAKING: {
    add_column: "applied",
    widen: "applied",
    narrow: "applied",
    drop_column: "applied",
    rename_column: "applied",
    primary_key: "applied",
    new_table: "applied",
    new_schema: "applied",
  },
};

async function policyRun(policy: Policy, destination: "postgres" | "d1") {
  const auth = destination === "postgres" ? await newAccount(`schema ${policy}`) : BOOTSTRAP;
  let groupId: string;
  if (destination === "postgres") groupId = await groupWithDestination(auth);
  else {
    const group = await call("POST", "/v1/groups", { auth, body: { name: `hs_${rand()}` } });
    groupId = group.json.data.id;
    const res = await call("POST", "/v1/destinations", {
      auth,
      body: { group_id: groupId, service: "d1", time_zone_offset: "0", config: { database: "WAREHOUSE" } },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
  }
  const { s, s2, tables } = await sourceTables();
  const body =
    policy === "BREAKING"
      ? { schema_policy: { auto_migrate: true, allow_breaking: true } }
      : policy === "BLOCK_ALL"
        ? { schema_policy: { auto_migrate: false } }
        : {};
  const { id, prefix } = await connection(auth, groupId, tables, body);
  destinations.push(`${prefix}_${s}`, `${prefix}_${s2}`);
  if (policy === "ALLOW_COLUMNS") {
    // No config before the first discovery: PATCH is 404, POST /schemas pre-creates one.
    const patch = await call("PATCH", `/v1/connections/${id}/schemas`, {
      auth,
      body: { schema_change_handling: "ALLOW_COLUMNS" },
    });
    expect(patch.json.code).toBe("NotFound_SchemaConfig");
    const tablesOf = Object.fromEntries(["t", "r", "x", "k"].map((t) => [t, { enabled: true }]));
    const res = await call("POST", `/v1/connections/${id}/schemas`, {
      auth,
      body: { schema_change_handling: "ALLOW_COLUMNS", schemas: { [s]: { enabled: true, tables: tablesOf } } },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.data.schema_change_handling).toBe("ALLOW_COLUMNS");
    expect(Object.keys(res.json.data.schemas[s].tables)).toEqual(["t", "r", "x", "k"]);
    expect((await call("POST", `/v1/connections/${id}/schemas`, { auth, body: {} })).status).toBe(409);
  }
  await syncAndWait(auth, id);
  expect(await history(auth, id)).toEqual([]);
  await changeSource(s, s2);
  const details = await syncAndWait(auth, id);
  const items = await history(auth, id);
  return { auth, id, s, s2, prefix, items, details };
}

for (const destination of ["postgres", "d1"] as const) {
  describe(`each policy × each change at a postgres source, into ${destination}`, () => {
    for (const policy of ["ALLOW_ALL", "ALLOW_COLUMNS", "BLOCK_ALL", "BREAKING"] as const) {
      it(`${policy}: every change is applied or blocked as documented, in the destination and the history`, async () => {
        const { auth, id, s, s2, prefix, items, details } = await policyRun(policy, destination);
        expect(statuses(items)).toEqual(EXPECTED[policy]);
        for (const item of items) {
          expect(item).toMatchObject({ origin: "run", run_id: expect.any(String), timestamp: expect.any(String) });
          expect(String(item.message).length).toBeGreaterThan(20);
        }
        const columns = destination === "postgres" ? pgColumns : d1Columns;
        const ds = `${prefix}_${s}`;
        const t = await columns(ds, "t");
        const r = await columns(ds, "r");
        const x = await columns(ds, "x");
        const ok = EXPECTED[policy];
        // add_column: the new column lands only when applied.
        expect("e" in t).toBe(ok.add_column === "applied");
        if (destination === "postgres") {
          // widen: the type follows only when applied; narrow: the wider type stays unless allowed.
          expect(t.a).toBe(ok.widen === "applied" ? "bigint" : "integer");
          expect(t.d).toBe(ok.narrow === "applied" ? "integer" : "bigint");
          const rows = await sql(DESTINATION_DB, `SELECT id, a FROM ${quoteIdent(ds)}.t ORDER BY id`);
          expect(rows.find((row) => row.id === 3)?.a ?? null).toBe(ok.widen === "applied" ? "5000000000" : null);
        }
        // drop: the column stays unless breaking changes are allowed.
        expect("c" in x).toBe(ok.drop_column === "blocked");
        // rename: applied renames (values kept); blocked keeps the old column beside the new one.
        expect("b" in r).toBe(ok.rename_column === "blocked");
        expect("b2" in r).toBe(ok.rename_column === "applied" || ok.add_column === "applied");
        if (destination === "postgres" && ok.rename_column === "applied") {
          expect(await sql(DESTINATION_DB, `SELECT b2 FROM ${quoteIdent(ds)}.r ORDER BY id`)).toEqual([
            { b2: "one" },
            { b2: "two" },
          ]);
        }
        // new table, new schema: synced only when applied.
        expect(Object.keys(await columns(ds, "t2")).length > 0).toBe(ok.new_table === "applied");
        expect(Object.keys(await columns(`${prefix}_${s2}`, "t3")).length > 0).toBe(ok.new_schema === "applied");
        // A blocked change warns in the connection's status and says what to do.
        const warnings = details.status.warnings as { code: string; message: string }[];
        for (const item of items.filter((i) => i.status === "blocked")) {
          expect(warnings.some((w) => w.code === "schema_change_blocked" && w.message === item.message)).toBe(true);
        }
        // A changed primary key: blocked holds the table back until it is re-synced.
        if (ok.primary_key === "blocked") {
          expect(warnings.some((w) => w.code === "schema_change_blocked" && w.message.includes("primary key"))).toBe(
            true,
          );
        }
        // The history is filterable and paginated.
        const blocked = await history(auth, id, "?status=blocked");
        expect(blocked.every((i) => i.status === "blocked")).toBe(true);
        expect(blocked.length).toBe(Object.values(ok).filter((v) => v === "blocked").length);
        const first = await call("GET", `/v1/connections/${id}/schemas/history?limit=2`, { auth });
        expect(first.json.data.items).toHaveLength(2);
        const second = await call(
          "GET",
          `/v1/connections/${id}/schemas/history?limit=100&cursor=${first.json.data.next_cursor}`,
          { auth },
        );
        expect([...first.json.data.items, ...second.json.data.items].map((i: { id: string }) => i.id)).toEqual(
          items.map((i) => i.id),
        );
        expect(await history(auth, id, "?change=widen&table=t")).toHaveLength(1);
      }, 120_000);
    }
  });
}

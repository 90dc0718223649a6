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

/** A connection over one table `p (id, name, email, secret)`, synced once into `destination`. */
async function piiConnection(destination: "postgres" | "d1", body: Record<string, unknown> = {}) {
  const auth = destination === "postgres" ? await newAccount("schema pii") : BOOTSTRAP;
  let groupId: string;
  if (destination === "postgres") groupId = await groupWithDestination(auth);
  else {
    groupId = (await call("POST", "/v1/groups", { auth, body: { name: `hs_${rand()}` } })).json.data.id;
    await call("POST", "/v1/destinations", {
      auth,
      body: { group_id: groupId, service: "d1", time_zone_offset: "0", config: { database: "WAREHOUSE" } },
    });
  }
  const s = `hschema_${rand()}`;
  sources.push(s);
  await sql(
    SOURCE_DB,
    `CREATE SCHEMA ${quoteIdent(s)}`,
    `CREATE TABLE ${quoteIdent(s)}.p (id integer PRIMARY KEY, name text, email text, secret text, updated_at timestamptz NOT NULL DEFAULT now())`,
    `INSERT INTO ${quoteIdent(s)}.p (id, name, email, secret) VALUES (1, 'Ada', 'ada@example.com', 'hunter2'), (2, 'Grace', 'grace@example.com', 'swordfish')`,
  );
  const { id, prefix } = await connection(auth, groupId, [`${s}.p`], body);
  destinations.push(`${prefix}_${s}`);
  return { auth, id, s, ds: `${prefix}_${s}`, groupId };
}

/** Every value of a destination table as text. */
async function destinationText(destination: "postgres" | "d1", schema: string, table: string): Promise<string> {
  if (destination === "postgres") {
    return JSON.stringify(await sql(DESTINATION_DB, `SELECT * FROM ${quoteIdent(schema)}.${quoteIdent(table)}`));
  }
  const { results } = await env.WAREHOUSE.prepare(`SELECT * FROM "${d1TableName(schema, table)}"`).all();
  return JSON.stringify(results);
}

for (const destination of ["postgres", "d1"] as const) {
  describe(`blocked and hashed columns, into ${destination}`, () => {
    it("a disabled column never reaches the destination and a hashed one only as its salted SHA-256", async () => {
      const { auth, id, s, ds } = await piiConnection(destination);
      const reload = await call("POST", `/v1/connections/${id}/schemas/reload`, { auth });
      expect(reload.status).toBe(200);
      const base = `/v1/connections/${id}/schemas/${s}/tables/p/columns`;
      // Primary keys can be neither blocked nor hashed; unknown and wrongly cased names are 404.
      expect((await call("PATCH", `${base}/id`, { auth, body: { enabled: false } })).status).toBe(400);
      expect((await call("PATCH", `${base}/id`, { auth, body: { hashed: true } })).status).toBe(400);
      expect((await call("PATCH", `${base}/Secret`, { auth, body: { enabled: false } })).status).toBe(404);
      const blocked = await call("PATCH", `${base}/secret`, { auth, body: { enabled: false } });
      expect(blocked.status, JSON.stringify(blocked.json)).toBe(200);
      const hashed = await call("PATCH", `/v1/connections/${id}/schemas`, {
        auth,
        body: { schemas: { [s]: { tables: { p: { columns: { email: { hashed: true } } } } } } },
      });
      expect(hashed.status, JSON.stringify(hashed.json)).toBe(200);
      expect(hashed.json.data.schemas[s].tables.p.columns).toMatchObject({
        secret: { enabled: false, hashed: false },
        email: { enabled: true, hashed: true },
      });
      const columns = (await call("GET", base, { auth })).json.data.columns;
      expect(columns.email.hashed).toBe(true);
      expect(columns.name).toMatchObject({ enabled: true, hashed: false, enabled_patch_settings: { allowed: true } });

      await syncAndWait(auth, id);
      const text = await destinationText(destination, ds, "p");
      for (const clear of ["hunter2", "swordfish", "ada@example.com", "grace@example.com"]) {
        expect(text).not.toContain(clear);
      }
      expect(text).toContain("Ada");
      const rows =
        destination === "postgres"
          ? await sql(DESTINATION_DB, `SELECT id, email FROM ${quoteIdent(ds)}.p ORDER BY id`)
          : (await env.WAREHOUSE.prepare(`SELECT id, email FROM "${d1TableName(ds, "p")}" ORDER BY id`).all()).results;
      const columnNames = destination === "postgres" ? await pgColumns(ds, "p") : await d1Columns(ds, "p");
      expect("secret" in columnNames).toBe(false);
      // base64 of a SHA-256: 44 characters; different values, different hashes.
      const emails = rows.map((r) => String((r as { email: unknown }).email));
      for (const email of emails) expect(email).toMatch(/^[A-Za-z0-9+/]{43}=$/);
      expect(new Set(emails).size).toBe(2);
    }, 120_000);
  });
}

describe("schema config API", () => {
  it("GET /schemas on a connection never discovered is 404 NotFound_SchemaConfig, under both namings", async () => {
    const { auth, id } = await piiConnection("postgres");
    for (const naming of ["connections", "connectors"]) {
      const res = await call("GET", `/v1/${naming}/${id}/schemas`, { auth });
      expect(res.status).toBe(404);
      expect(res.json.code).toBe("NotFound_SchemaConfig");
    }
    expect((await call("GET", `/v1/connections/${id}/schemas/history`, { auth })).json.data.items).toEqual([]);
  }, 60_000);

  it("POST /schemas pre-creates the config: named columns blocked and hashed from the first sync", async () => {
    const { auth, id, s, ds } = await piiConnection("postgres");
    const res = await call("POST", `/v1/connections/${id}/schemas`, {
      auth,
      body: {
        schema_change_handling: "BLOCK_ALL",
        schemas: { [s]: { enabled: true, tables: { p: { enabled: true, columns: { secret: { enabled: false } } } } } },
      },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.data.schemas[s].tables.p.columns.secret.enabled).toBe(false);
    await syncAndWait(auth, id);
    expect(Object.keys(await pgColumns(ds, "p")).sort()).toEqual(
      ["_fivetran_deleted", "_fivetran_synced", "email", "id", "name", "updated_at"].sort(),
    );
    const config = (await call("GET", `/v1/connections/${id}/schemas`, { auth })).json.data;
    expect(config).toMatchObject({ schema_change_handling: "BLOCK_ALL", enable_new_by_default: false });
  }, 60_000);

  it("evolve adds, widens and renames by hand; drop-columns drops only blocked columns; each is in the history", async () => {
    const { auth, id, s, ds } = await piiConnection("postgres", {
      schema_policy: { auto_migrate: false, track_history: true },
    });
    await syncAndWait(auth, id);
    await sql(
      SOURCE_DB,
      `ALTER TABLE ${quoteIdent(s)}.p ADD COLUMN region text`,
      `UPDATE ${quoteIdent(s)}.p SET region = 'eu'`,
    );
    await syncAndWait(auth, id);
    // BLOCK_ALL: the new column is in the config, disabled, and not in the destination.
    expect("region" in (await pgColumns(ds, "p"))).toBe(false);
    expect(statuses(await history(auth, id))).toEqual({ add_column: "blocked" });

    const evolve = (body: unknown) => call("POST", `/v1/connections/${id}/schemas/evolve`, { auth, body });
    // The vision's call: the source's column is let through.
    const added = await evolve({ add_column: { name: "region", type: "string" } });
    expect(added.status, JSON.stringify(added.json)).toBe(200);
    expect(added.json.data).toMatchObject({
      change: "add_column",
      column: "region",
      status: "applied",
      origin: "manual",
    });
    expect(added.json.data.message).toContain("re-sync the table");
    // Rows changed from now on carry it (an incremental sync reads only those).
    await sql(SOURCE_DB, `UPDATE ${quoteIdent(s)}.p SET updated_at = now()`);
    await syncAndWait(auth, id);
    expect(await sql(DESTINATION_DB, `SELECT region FROM ${quoteIdent(ds)}.p ORDER BY id`)).toEqual([
      { region: "eu" },
      { region: "eu" },
    ]);
    // A column the source does not have lands in the destination table.
    expect((await evolve({ add_column: { table: `${s}.p`, name: "note", type: "string" } })).status).toBe(200);
    expect((await pgColumns(ds, "p")).note).toBe("text");
    // Widen along the hierarchy only.
    expect((await evolve({ widen: { column: "id", type: "long" } })).status).toBe(200);
    expect((await pgColumns(ds, "p")).id).toBe("bigint");
    const narrow = await evolve({ widen: { column: "name", type: "int" } });
    expect(narrow.status).toBe(400);
    expect(narrow.json.message).toContain("not a widening");
    expect((await evolve({ rename: { from: "note", to: "remark" } })).status).toBe(200);
    const after = await pgColumns(ds, "p");
    expect("remark" in after && !("note" in after)).toBe(true);
    expect((await evolve({})).status).toBe(400);
    expect((await evolve({ widen: { table: "nope", column: "id", type: "long" } })).status).toBe(404);

    // drop-columns: 409 for a column still synced; a blocked one goes.
    const drop = (column: string) =>
      call("POST", `/v1/connections/${id}/schemas/drop-columns`, {
        auth,
        body: { schemas: { [s]: { tables: { p: { columns: [column] } } } } },
      });
    expect((await drop("name")).status).toBe(409);
    await call("PATCH", `/v1/connections/${id}/schemas/${s}/tables/p/columns/email`, {
      auth,
      body: { enabled: false },
    });
    expect((await drop("email")).status).toBe(200);
    expect("email" in (await pgColumns(ds, "p"))).toBe(false);

    const manual = await history(auth, id, "?status=applied");
    expect(manual.map((i) => [i.change, i.column])).toEqual([
      ["add_column", "region"],
      ["add_column", "note"],
      ["widen", "id"],
      ["rename_column", "remark"],
      ["drop_column", "email"],
    ]);
    // Each change is a schema_change event.
    const events = await call("GET", `/v1/events?connection_id=${id}&type=schema_change`, { auth });
    expect(events.json.data.items.map((e: { data: { kind: string } }) => e.data.kind)).toEqual([
      "add_column",
      "add_column",
      "add_column",
      "widen",
      "rename_column",
      "drop_column",
    ]);
  }, 120_000);

  it("a blocked primary-key change holds the table until it is re-synced, which rebuilds it on the new key", async () => {
    const { auth, id, s, ds } = await piiConnection("postgres");
    await syncAndWait(auth, id);
    await sql(
      SOURCE_DB,
      `ALTER TABLE ${quoteIdent(s)}.p DROP CONSTRAINT p_pkey, ADD PRIMARY KEY (id, name)`,
      `INSERT INTO ${quoteIdent(s)}.p (id, name) VALUES (3, 'Edsger')`,
    );
    const details = await syncAndWait(auth, id);
    expect(details.status.warnings.some((w: { message: string }) => w.message.includes("primary key"))).toBe(true);
    expect((await sql(DESTINATION_DB, `SELECT id FROM ${quoteIdent(ds)}.p ORDER BY id`)).length).toBe(2);
    const before = (await call("GET", `/v1/connections/${id}`, { auth })).json.data.succeeded_at;
    const res = await call("POST", `/v1/connections/${id}/schemas/tables/resync`, { auth, body: { [s]: ["p"] } });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    await waitForRun(auth, id, before);
    expect((await sql(DESTINATION_DB, `SELECT id FROM ${quoteIdent(ds)}.p ORDER BY id`)).length).toBe(3);
    const [key] = await sql(
      DESTINATION_DB,
      `SELECT string_agg(a.attname, ',' ORDER BY a.attname) AS cols FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = '${quoteIdent(ds)}.p'::regclass AND i.indisprimary`,
    );
    expect(key?.cols).toBe("id,name");
  }, 120_000);
});

describe("schema change notices", () => {
  it("mails each applied or blocked change to the policy's addresses through the send_email binding", async () => {
    const sent: unknown[] = [];
    const real = env.SCHEMA_EMAIL as SendEmail;
    // The binding as the Worker sees it, recorded: what miniflare's send_email receives.
    (env as { SCHEMA_EMAIL?: SendEmail }).SCHEMA_EMAIL = {
      send: async (message: Parameters<SendEmail["send"]>[0]) => {
        sent.push(message);
        return real.send(message as never);
      },
    } as SendEmail;
    try {
      const { auth, id, s } = await piiConnection("postgres", {
        schema_policy: { notify: ["data-team@example.com"], allow_breaking: false },
      });
      await syncAndWait(auth, id);
      await sql(
        SOURCE_DB,
        `ALTER TABLE ${quoteIdent(s)}.p ADD COLUMN region text`,
        `ALTER TABLE ${quoteIdent(s)}.p DROP COLUMN secret`,
      );
      await syncAndWait(auth, id);
      expect(sent).toHaveLength(2);
      expect(sent).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            to: ["data-team@example.com"],
            subject: expect.stringContaining(`applied on`),
            text: expect.stringContaining("Change: add_column"),
          }),
          expect.objectContaining({
            subject: expect.stringContaining("BLOCKED"),
            text: expect.stringContaining("Column: secret"),
          }),
        ]),
      );
    } finally {
      (env as { SCHEMA_EMAIL?: SendEmail }).SCHEMA_EMAIL = real;
    }
  }, 120_000);

  it("the notice is a message miniflare's send_email binding accepts", async () => {
    const message = changeEmail(
      { id: "c1", accountId: "a", groupId: "g", service: "postgres", schema: "pg" },
      {
        kind: "widen",
        schema: "public",
        table: "t",
        column: "a",
        oldType: "int",
        newType: "long",
        status: "applied",
        message: "widened: applied",
      },
      "run-1",
      "schema-changes@fivetran.do",
      ["data-team@example.com"],
    );
    const result = await (env.SCHEMA_EMAIL as SendEmail).send(message);
    expect(result.messageId).toEqual(expect.any(String));
  });
});

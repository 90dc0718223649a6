/**
 * Transforms in flight on real syncs through the HTTP API: a PostgreSQL source into the
 * PostgreSQL destination and the sample source into D1, with the product vision's two
 * examples exactly as written there, rows dropped by a function, a throw failing the run with
 * the row's key, queries refused on create and PATCH, and a runaway function that fails only
 * its own connection.
 */
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quoteIdent } from "../../../src/engine/toolkit/pg";
import {
  DESTINATION_DB,
  destinationRows,
  dropCreated,
  ensureDatabases,
  groupWithDestination,
  postgresConnection,
  SOURCE_DB,
  sql,
  waitForRun,
} from "../connections-sync-helpers";
import { call, namespaceOf, newAccountWithId as newAccount } from "../helpers";

beforeAll(ensureDatabases, 60_000);
afterAll(async () => {
  await dropCreated();
  for (const schema of schemas.splice(0)) await sql(SOURCE_DB, `DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
}, 60_000);

const schemas: string[] = [];

/** A source schema (h_xform_…) with `users`: the columns the vision's examples read. */
async function usersSchema(): Promise<string> {
  const schema = `h_xform_${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}`;
  schemas.push(schema);
  const s = quoteIdent(schema);
  await sql(
    SOURCE_DB,
    `CREATE SCHEMA ${s}`,
    `CREATE TABLE ${s}.users (id integer PRIMARY KEY, email text, "firstName" text, "lastName" text, status text, created_at timestamptz NOT NULL DEFAULT '2024-01-15T10:30:00Z', updated_at timestamptz NOT NULL DEFAULT now())`,
    `INSERT INTO ${s}.users (id, email, "firstName", "lastName", status) VALUES
      (1, 'Ada@Example.COM', 'Ada', 'Lovelace', 'active'),
      (2, 'GRACE@example.com', 'Grace', 'Hopper', 'inactive'),
      (3, 'edsger@Example.com', 'Edsger', 'Dijkstra', 'active')`,
  );
  return schema;
}

async function sync(auth: string, id: string) {
  const before = (await call("GET", `/v1/connections/${id}`, { auth })).json.data;
  const since = [before.succeeded_at, before.failed_at].filter(Boolean).sort().at(-1) ?? null;
  expect((await call("POST", `/v1/connections/${id}/sync`, { auth })).status).toBe(200);
  return waitForRun(auth, id, since);
}

async function columnTypes(schema: string, table: string) {
  const rows = await sql(
    DESTINATION_DB,
    `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = '${schema}' AND table_name = '${table}' AND column_name NOT LIKE '\\_fivetran%' ORDER BY ordinal_position`,
  );
  return Object.fromEntries(rows.map((r) => [r.column_name, r.data_type]));
}

// The product vision's examples, character for character.
const VISION_SQL = {
  type: "sql",
  query: `
      SELECT
        id,
        LOWER(email) as email,
        created_at,
        CASE WHEN status = 'active' THEN true ELSE false END as is_active
      FROM {{ source }}
    `,
} as const;

const visionFn = (row: { email: string; firstName: string; lastName: string }) => ({
  ...row,
  email: row.email.toLowerCase(),
  fullName: `${row.firstName} ${row.lastName}`,
});

describe("SQL transforms", () => {
  it("runs the vision's SQL example on a postgres sync: its columns and types define the destination table", async () => {
    const { auth } = await newAccount();
    const source = await usersSchema();
    const group = await groupWithDestination(auth);
    const connection = await postgresConnection(auth, group, [`${source}.users`], { transform: VISION_SQL });
    const details = await sync(auth, connection.id);
    expect(details.failed_at, JSON.stringify(details.status)).toBeNull();
    expect(details.transform).toEqual(VISION_SQL);
    expect(await columnTypes(connection.schema, "users")).toEqual({
      id: "integer",
      email: "text",
      created_at: "timestamp with time zone",
      is_active: "boolean",
    });
    expect(await destinationRows(connection.schema, "users", "id, email, is_active, created_at")).toEqual([
      { id: 1, email: "ada@example.com", is_active: true, created_at: new Date("2024-01-15T10:30:00Z") },
      { id: 2, email: "grace@example.com", is_active: false, created_at: new Date("2024-01-15T10:30:00Z") },
      { id: 3, email: "edsger@example.com", is_active: true, created_at: new Date("2024-01-15T10:30:00Z") },
    ]);
    // An update at the source goes through the transform again; a delete finds its row by key.
    await sql(
      SOURCE_DB,
      `UPDATE ${quoteIdent(source)}.users SET status = 'active', email = 'G@H.IO', updated_at = now() WHERE id = 2`,
    );
    const again = await sync(auth, connection.id);
    expect(again.failed_at, JSON.stringify(again.status)).toBeNull();
    expect(await destinationRows(connection.schema, "users", "id, email, is_active")).toContainEqual({
      id: 2,
      email: "g@h.io",
      is_active: true,
    });
  });

  it("refuses a query that is not a single bounded SELECT, pointing at it, on create and on PATCH", async () => {
    const { auth } = await newAccount();
    const source = await usersSchema();
    const group = await groupWithDestination(auth);
    const create = (query: string) =>
      call("POST", "/v1/connections", {
        auth,
        body: {
          group_id: group,
          service: "postgres",
          schedule_type: "manual",
          config: {
            schema_prefix: `x${crypto.randomUUID().slice(0, 6)}`,
            host: "127.0.0.1",
            port: 5432,
            database: SOURCE_DB,
            user: "postgres",
            tables: [`${source}.users`],
          },
          transform: { type: "sql", query },
        },
      });
    const refusals: [string, RegExp][] = [
      ["DROP TABLE {{ source }}", /only a SELECT is accepted, not DROP TABLE/],
      ["SELECT * FROM {{ source }}; DELETE FROM {{ source }}", /a single SELECT; it has 2 statements/],
      ["ATTACH 'x' AS y", /only a SELECT is accepted, not ATTACH DATABASE/],
      ["PRAGMA table_info('x')", /not PRAGMA/],
      [
        "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n FROM r, {{ source }}",
        /WITH RECURSIVE is not accepted/,
      ],
      ["WITH r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n FROM r, {{ source }}", /the CTE r reads itself/],
      [
        "SELECT a.id FROM {{ source }} a, {{ source }} b",
        /\{\{ source \}\} is read more than once.* \(line 1, column 34\)/,
      ],
      [
        "SELECT randomblob(1000000000) AS id FROM {{ source }}",
        /the function randomblob\(\) is not accepted in a transform \(line 1, column 8\)/,
      ],
      ["SELECT * FROM users", /must read the batch as \{\{ source \}\}/],
      ["SELEC id FROM {{ source }}", /does not parse: Syntax Error: Unexpected "SELEC" \(line 1, column 1\)/],
    ];
    for (const [query, message] of refusals) {
      const res = await create(query);
      expect(res.status, query).toBe(400);
      expect(res.json.code).toBe("InvalidInput");
      expect(res.json.message, query).toMatch(message);
      expect(res.json.message).toMatch(/^Invalid value for field 'transform\.query'/);
    }

    // Once the tables are discovered, the query is prepared against them.
    const connection = await postgresConnection(auth, group, [`${source}.users`]);
    expect((await sync(auth, connection.id)).failed_at).toBeNull();
    const patch = (transform: unknown) =>
      call("PATCH", `/v1/connections/${connection.id}`, { auth, body: { transform } });
    const unknown = await patch({ type: "sql", query: "SELECT id, nickname FROM {{ source }}" });
    expect(unknown.status).toBe(400);
    expect(unknown.json.message).toBe(
      `Invalid value for field 'transform.query' on ${source}.users: the query does not run: no such column: nickname (line 1, column 12)`,
    );
    const keyless = await patch({ type: "sql", query: "SELECT email FROM {{ source }}" });
    expect(keyless.status).toBe(400);
    expect(keyless.json.message).toMatch(/must keep the primary key of .*users \(id\)/);
    const accepted = await patch({
      type: "sql",
      query: "SELECT id, upper(email) AS email FROM {{ source }} WHERE status = 'active'",
    });
    expect(accepted.status, JSON.stringify(accepted.json)).toBe(200);
    expect(accepted.json.data.transform.type).toBe("sql");
    const removed = await patch(null);
    expect(removed.status).toBe(200);
    expect(removed.json.data.transform).toBeUndefined();
  });

  it("transforms the sample source into D1, filtering rows and adding a computed column", async () => {
    const { auth, accountId } = await newAccount();
    const group = (await call("POST", "/v1/groups", { auth, body: { name: `g_${crypto.randomUUID().slice(0, 8)}` } }))
      .json.data.id;
    expect(
      (
        await call("POST", "/v1/destinations", {
          auth,
          body: { group_id: group, service: "d1", time_zone_offset: "0", config: { database: "WAREHOUSE" } },
        })
      ).status,
    ).toBe(201);
    const schema = `h_xform_${crypto.randomUUID().replace(/-/g, "").slice(0, 8)}`;
    const created = await call("POST", "/v1/connections", {
      auth,
      body: {
        group_id: group,
        service: "sample",
        schedule_type: "manual",
        config: { schema, tables: ["customers"], scale: 50 },
        transform: {
          type: "sql",
          query:
            "SELECT id, upper(country) AS country, length(name) AS name_length, email LIKE '%1@example.com' AS ends_in_1 FROM {{ source }} WHERE id % 2 = 0",
        },
      },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const details = await sync(auth, created.json.data.id);
    expect(details.failed_at, JSON.stringify(details.status)).toBeNull();
    const table = `"${await namespaceOf(accountId, "WAREHOUSE")}__${schema}__customers"`;
    const { results } = await env.WAREHOUSE.prepare(
      `SELECT id, country, name_length, ends_in_1 FROM ${table} ORDER BY id`,
    ).all();
    expect(results).toHaveLength(25);
    expect(results.every((r) => Number(r.id) % 2 === 0)).toBe(true);
    expect(
      results.every((r) => typeof r.country === "string" && r.country === (r.country as string).toUpperCase()),
    ).toBe(true);
    expect(results.every((r) => typeof r.name_length === "number" && (r.name_length as number) > 2)).toBe(true);
    expect(results.find((r) => r.id === 2)?.ends_in_1).toBe(0);
    const columns = (
      await env.WAREHOUSE.prepare(`SELECT name FROM pragma_table_info('${table.slice(1, -1)}')`).all()
    ).results.map((r) => r.name);
    expect(columns.filter((c) => !String(c).startsWith("_fivetran"))).toEqual([
      "id",
      "country",
      "name_length",
      "ends_in_1",
    ]);
  });
});

describe("per-table transforms in the schema config", () => {
  it("sets a table's own transform (it wins over the connection's), shows its columns, and syncs with it", async () => {
    const { auth } = await newAccount();
    const source = await usersSchema();
    const group = await groupWithDestination(auth);
    const connection = await postgresConnection(auth, group, [`${source}.users`], {
      transform: { type: "sql", query: "SELECT id, email FROM {{ source }}" },
    });
    expect((await sync(auth, connection.id)).failed_at).toBeNull();
    const path = `/v1/connections/${connection.id}/schemas/${source}/tables/users`;
    const refused = await call("PATCH", path, {
      auth,
      body: { transform: { type: "sql", query: "SELECT id, age FROM {{ source }}" } },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.message).toBe(
      `Invalid value for field 'transform.query' on ${source}.users: the query does not run: no such column: age (line 1, column 12)`,
    );
    const query = "SELECT id, upper(\"lastName\") AS surname, status = 'active' AS active FROM {{ source }}";
    const patched = await call("PATCH", path, { auth, body: { transform: { type: "sql", query } } });
    expect(patched.status, JSON.stringify(patched.json)).toBe(200);
    const table = patched.json.data.schemas[source].tables.users;
    expect(table.transform).toEqual({ type: "sql", query });
    expect(table.transformed_columns).toEqual([
      { name: "id", type: "int" },
      { name: "surname", type: "string" },
      { name: "active", type: "boolean" },
    ]);
    expect(
      (await call("GET", `/v1/connections/${connection.id}/schemas`, { auth })).json.data.schemas[source].tables.users
        .transform,
    ).toEqual({ type: "sql", query });
    // The table's transform wins; the destination table gets its new columns.
    const since = (await call("GET", `/v1/connections/${connection.id}`, { auth })).json.data.succeeded_at;
    expect((await call("POST", `/v1/connections/${connection.id}/resync`, { auth, body: {} })).status).toBe(200);
    const details = await waitForRun(auth, connection.id, since);
    expect(details.failed_at, JSON.stringify(details.status)).toBeNull();
    expect(await destinationRows(connection.schema, "users", "id, surname, active")).toEqual([
      { id: 1, surname: "LOVELACE", active: true },
      { id: 2, surname: "HOPPER", active: false },
      { id: 3, surname: "DIJKSTRA", active: true },
    ]);
    // Removing it brings the connection's back for the table.
    const removed = await call("PATCH", path, { auth, body: { transform: null } });
    expect(removed.json.data.schemas[source].tables.users.transform).toEqual({
      type: "sql",
      query: "SELECT id, email FROM {{ source }}",
    });
  });
});

describe("function transforms", () => {
  it("runs the vision's function example on a postgres sync", async () => {
    const { auth } = await newAccount();
    const source = await usersSchema();
    const group = await groupWithDestination(auth);
    const transform = { type: "function", fn: String(visionFn) };
    const connection = await postgresConnection(auth, group, [`${source}.users`], { transform });
    const details = await sync(auth, connection.id);
    expect(details.failed_at, JSON.stringify(details.status)).toBeNull();
    expect(details.transform).toEqual(transform);
    expect(await destinationRows(connection.schema, "users", `id, email, "firstName", "fullName"`)).toEqual([
      { id: 1, email: "ada@example.com", firstName: "Ada", fullName: "Ada Lovelace" },
      { id: 2, email: "grace@example.com", firstName: "Grace", fullName: "Grace Hopper" },
      { id: 3, email: "edsger@example.com", firstName: "Edsger", fullName: "Edsger Dijkstra" },
    ]);
    expect((await columnTypes(connection.schema, "users")).fullName).toBe("text");
  });

  it("drops the rows it returns null for", async () => {
    const { auth } = await newAccount();
    const source = await usersSchema();
    const group = await groupWithDestination(auth);
    const fn = "(row) => row.status === 'inactive' ? null : { id: row.id, email: row.email }";
    const connection = await postgresConnection(auth, group, [`${source}.users`], {
      transform: { type: "function", fn },
    });
    const details = await sync(auth, connection.id);
    expect(details.failed_at, JSON.stringify(details.status)).toBeNull();
    expect(await destinationRows(connection.schema, "users", "id, email")).toEqual([
      { id: 1, email: "Ada@Example.COM" },
      { id: 3, email: "edsger@Example.com" },
    ]);
  });

  it("fails the run naming the row's key when the function throws", async () => {
    const { auth } = await newAccount();
    const source = await usersSchema();
    const group = await groupWithDestination(auth);
    const fn = "(row) => { if (row.id === 2) throw new Error('no Graces'); return row; }";
    const connection = await postgresConnection(auth, group, [`${source}.users`], {
      transform: { type: "function", fn },
    });
    const details = await sync(auth, connection.id);
    expect(details.failed_at).not.toBeNull();
    const runs = (await call("GET", `/v1/connections/${connection.id}/runs`, { auth })).json.data.items;
    expect(runs[0].error).toBe(
      `The function transform of ${source}.users failed: on the row with key id=2: Error: no Graces`,
    );
  });

  it("refuses on create what is not a function, and checks a function against the discovered tables on PATCH", async () => {
    const { auth } = await newAccount();
    const source = await usersSchema();
    const group = await groupWithDestination(auth);
    const res = await call("POST", "/v1/connections", {
      auth,
      body: {
        group_id: group,
        service: "postgres",
        schedule_type: "manual",
        config: {
          schema_prefix: "nofn",
          host: "127.0.0.1",
          port: 5432,
          database: SOURCE_DB,
          user: "postgres",
          tables: [`${source}.users`],
        },
        transform: { type: "function", fn: "(row) => {" },
      },
    });
    expect(res.status).toBe(400);
    expect(res.json.message).toMatch(/^Invalid value for field 'transform\.fn': the function does not parse/);
    const connection = await postgresConnection(auth, group, [`${source}.users`]);
    expect((await sync(auth, connection.id)).failed_at).toBeNull();
    const keyless = await call("PATCH", `/v1/connections/${connection.id}`, {
      auth,
      body: { transform: { type: "function", fn: "({ id, ...rest }) => rest" } },
    });
    expect(keyless.status).toBe(400);
    expect(keyless.json.message).toMatch(/on .*\.users: the function's result must keep the primary key/);
  });

  it("contains a runaway function: its run fails and says why, another connection's sync is not affected", async () => {
    const { auth } = await newAccount();
    const source = await usersSchema();
    const group = await groupWithDestination(auth);
    // Loops forever on real rows only (the sample row has id 0), so it passes the checks on create.
    const loop = { type: "function", fn: "(row) => { while (row.id > 0) {} return row; }" };
    const runaway = await postgresConnection(auth, group, [`${source}.users`], { transform: loop });
    const healthy = await postgresConnection(auth, group, [`${source}.users`], {
      transform: { type: "function", fn: "(row) => ({ ...row, checked: true })" },
    });
    const [bad, good] = await Promise.all([sync(auth, runaway.id), sync(auth, healthy.id)]);
    expect(bad.failed_at).not.toBeNull();
    const runs = (await call("GET", `/v1/connections/${runaway.id}/runs`, { auth })).json.data.items;
    expect(runs[0].error).toMatch(
      /on the row with key id=1: RangeError: the function ran more than 10000000 loop iterations/,
    );
    expect(good.failed_at, JSON.stringify(good.status)).toBeNull();
    expect(await destinationRows(healthy.schema, "users", "id, checked")).toEqual([
      { id: 1, checked: true },
      { id: 2, checked: true },
      { id: 3, checked: true },
    ]);
  });

  it("contains a function whose memory grows on every row: its run fails and says why, another connection's sync is not affected", async () => {
    const { auth } = await newAccount();
    const source = await usersSchema();
    const group = await groupWithDestination(auth);
    // Keeps ~170 MB more on every real row (the sample row has id 0): locally, where workerd
    // has no isolate memory limit, this would reach V8's heap limit and abort the process.
    const grow = {
      type: "function",
      fn: `(() => {
        const keep = [];
        return (row) => { if (row.id > 0) for (let i = 0; i < 3e6; i++) keep.push(i + "-" + row.email); return row; };
      })()`,
    };
    const hungry = await postgresConnection(auth, group, [`${source}.users`], { transform: grow });
    const healthy = await postgresConnection(auth, group, [`${source}.users`], {
      transform: { type: "function", fn: "(row) => ({ ...row, checked: true })" },
    });
    const [bad, good] = await Promise.all([sync(auth, hungry.id), sync(auth, healthy.id)]);
    expect(bad.failed_at).not.toBeNull();
    const runs = (await call("GET", `/v1/connections/${hungry.id}/runs`, { auth })).json.data.items;
    expect(runs[0].error).toMatch(
      /on the row with key id=\d: RangeError: the function allocated more than 256 MB in one batch/,
    );
    expect(good.failed_at, JSON.stringify(good.status)).toBeNull();
    expect(await destinationRows(healthy.schema, "users", "id, checked")).toHaveLength(3);
    // The runtime is still there: the same source syncs again.
    const again = await sync(auth, healthy.id);
    expect(again.failed_at).toBeNull();
  }, 60_000);
});

/**
 * A transform's output columns go through the schema policy like the source's own: a PATCHed
 * query that adds, widens or drops a column, a transform added to a table already synced, and
 * one removed, each ruled on under the connection's policy on the next run, checked in the
 * PostgreSQL destination and in the schema history (origin `transform`).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quoteIdent } from "../../../src/engine/toolkit/pg";
import {
  DESTINATION_DB,
  dropCreated,
  ensureDatabases,
  groupWithDestination,
  postgresConnection,
  SOURCE_DB,
  sql,
  waitForRun,
} from "../connections-sync-helpers";
import { call, newAccountWithId as newAccount } from "../helpers";

beforeAll(ensureDatabases, 60_000);
afterAll(async () => {
  await dropCreated();
  for (const schema of schemas.splice(0)) await sql(SOURCE_DB, `DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
}, 60_000);

const schemas: string[] = [];

async function usersSchema(): Promise<string> {
  const schema = `h_xpol_${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}`;
  schemas.push(schema);
  const s = quoteIdent(schema);
  await sql(
    SOURCE_DB,
    `CREATE SCHEMA ${s}`,
    `CREATE TABLE ${s}.users (id integer PRIMARY KEY, email text, status text, score integer)`,
    `INSERT INTO ${s}.users VALUES (1, 'A@X.IO', 'active', 10), (2, 'B@X.IO', 'inactive', 20)`,
  );
  return schema;
}

async function sync(auth: string, id: string) {
  const before = (await call("GET", `/v1/connections/${id}`, { auth })).json.data;
  const since = [before.succeeded_at, before.failed_at].filter(Boolean).sort().at(-1) ?? null;
  expect((await call("POST", `/v1/connections/${id}/sync`, { auth })).status).toBe(200);
  const details = await waitForRun(auth, id, since);
  expect(details.failed_at, JSON.stringify(details.status)).toBeNull();
  return details;
}

async function columns(schema: string): Promise<Record<string, string>> {
  const rows = await sql(
    DESTINATION_DB,
    `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = '${schema}' AND table_name = 'users' AND column_name NOT LIKE '\\_fivetran%' ORDER BY ordinal_position`,
  );
  return Object.fromEntries(rows.map((r) => [String(r.column_name), String(r.data_type)]));
}

async function history(auth: string, id: string) {
  const res = await call("GET", `/v1/connections/${id}/schemas/history`, { auth });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return (res.json.data.items as Record<string, unknown>[]).filter((i) => i.origin === "transform");
}

const patchTransform = async (auth: string, id: string, transform: unknown) => {
  const res = await call("PATCH", `/v1/connections/${id}`, { auth, body: { transform } });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
};

const FIRST = "SELECT id, LOWER(email) AS email, status, CAST(score AS INTEGER) AS points FROM {{ source }}";
// Adds `band`, widens `points` (bigint → real) and leaves `status` out.
const SECOND =
  "SELECT id, LOWER(email) AS email, CAST(score AS REAL) AS points, CASE WHEN score > 15 THEN 'high' ELSE 'low' END AS band FROM {{ source }}";

describe("transform output under the schema policy", () => {
  it("ALLOW_ALL: a PATCHed query's new and widened columns are applied, its dropped column is blocked and kept", async () => {
    const { auth } = await newAccount();
    const source = await usersSchema();
    const group = await groupWithDestination(auth);
    const connection = await postgresConnection(auth, group, [`${source}.users`], {
      transform: { type: "sql", query: FIRST },
    });
    await sync(auth, connection.id);
    expect(await columns(connection.schema)).toEqual({
      id: "integer",
      email: "text",
      status: "text",
      points: "bigint",
    });
    expect(await history(auth, connection.id)).toEqual([]);

    await patchTransform(auth, connection.id, { type: "sql", query: SECOND });
    await sql(SOURCE_DB, `INSERT INTO ${quoteIdent(source)}.users VALUES (3, 'C@X.IO', 'active', 30)`);
    const details = await sync(auth, connection.id);
    expect(await columns(connection.schema)).toEqual({
      id: "integer",
      email: "text",
      status: "text", // a drop is breaking: kept, new rows leave it null
      points: "double precision",
      band: "text",
    });
    const rows = await sql(
      DESTINATION_DB,
      `SELECT id, status, points, band FROM "${connection.schema}".users ORDER BY id`,
    );
    // Rows written before keep their last value; a new row leaves the kept column null.
    expect(rows).toEqual([
      { id: 1, status: "active", points: 10, band: "low" },
      { id: 2, status: "inactive", points: 20, band: "high" },
      { id: 3, status: null, points: 30, band: "high" },
    ]);
    const changes = await history(auth, connection.id);
    const byKind = Object.fromEntries(changes.map((c) => [`${c.change}:${c.column}`, c]));
    expect(Object.keys(byKind).sort()).toEqual(["add_column:band", "drop_column:status", "widen:points"]);
    expect(byKind["add_column:band"]).toMatchObject({ status: "applied", new_type: "string" });
    expect(byKind["widen:points"]).toMatchObject({ status: "applied", old_type: "long", new_type: "float" });
    expect(byKind["drop_column:status"]).toMatchObject({ status: "blocked", old_type: "string" });
    expect(String(byKind["drop_column:status"]?.message)).toMatch(
      /^the transform's output: column .*users\.status \(string\) is gone from the transform's output: breaking change blocked/,
    );
    // The blocked drop is a warning of the run.
    expect(JSON.stringify(details.status.warnings)).toMatch(/status \(string\) is gone from the transform's output/);

    // Ruled on once: the next run with the same query changes nothing.
    await sync(auth, connection.id);
    expect(await history(auth, connection.id)).toHaveLength(3);
  });

  it("BLOCK_ALL: the new column stays out and the widening is held; allow_breaking drops the left-out column", async () => {
    const { auth } = await newAccount();
    const source = await usersSchema();
    const group = await groupWithDestination(auth);
    const connection = await postgresConnection(auth, group, [`${source}.users`], {
      transform: { type: "sql", query: FIRST },
      schema_policy: { auto_migrate: false, allow_breaking: true },
    });
    await sync(auth, connection.id);
    await patchTransform(auth, connection.id, { type: "sql", query: SECOND });
    await sync(auth, connection.id);
    // band blocked (added disabled), points held (its values kept back), status dropped.
    expect(await columns(connection.schema)).toEqual({ id: "integer", email: "text", points: "bigint" });
    const changes = await history(auth, connection.id);
    const statusOf = Object.fromEntries(changes.map((c) => [`${c.change}:${c.column}`, c.status]));
    expect(statusOf).toEqual({
      "add_column:band": "blocked",
      "widen:points": "blocked",
      "drop_column:status": "applied",
    });
    // The schema config shows the new column disabled, as for a source column.
    const config = await call("GET", `/v1/connections/${connection.id}/schemas`, { auth });
    const table = config.json.data.schemas[source].tables.users;
    expect(table.columns.band).toMatchObject({ enabled: false });
    expect(table.transformed_columns.map((c: { name: string }) => c.name)).toEqual(["id", "email", "points", "band"]);
    // Enabled by hand like a source column, it reaches the destination on the next run.
    const enable = await call("PATCH", `/v1/connections/${connection.id}/schemas/${source}/tables/users/columns/band`, {
      auth,
      body: { enabled: true },
    });
    expect(enable.status, JSON.stringify(enable.json)).toBe(200);
    await sync(auth, connection.id);
    expect(await columns(connection.schema)).toEqual({ id: "integer", email: "text", points: "bigint", band: "text" });
  });

  it("a transform added to a synced table and later removed is ruled on against what the destination has", async () => {
    const { auth } = await newAccount();
    const source = await usersSchema();
    const group = await groupWithDestination(auth);
    const connection = await postgresConnection(auth, group, [`${source}.users`]);
    await sync(auth, connection.id);
    expect(Object.keys(await columns(connection.schema))).toEqual(["id", "email", "status", "score"]);

    await patchTransform(auth, connection.id, {
      type: "sql",
      query: "SELECT id, email, status, score, UPPER(status) AS label FROM {{ source }}",
    });
    await sync(auth, connection.id);
    expect(Object.keys(await columns(connection.schema))).toEqual(["id", "email", "status", "score", "label"]);
    expect((await history(auth, connection.id)).map((c) => [c.change, c.column, c.status])).toEqual([
      ["add_column", "label", "applied"],
    ]);

    await patchTransform(auth, connection.id, null);
    await sync(auth, connection.id);
    const after = await history(auth, connection.id);
    expect(after).toHaveLength(2);
    expect(after.find((c) => c.column === "label" && c.change === "drop_column")).toMatchObject({
      status: "blocked",
    });
    // Kept (breaking changes are blocked), and no longer written.
    const rows = await sql(DESTINATION_DB, `SELECT id, label FROM "${connection.schema}".users ORDER BY id`);
    expect(rows.map((r) => r.id)).toEqual([1, 2]);
  });
});

/**
 * Fixtures of the sync and schema-config API tests, on the real local PostgreSQL: a source
 * database with one fresh schema per test (so concurrent runs and other tests never see each
 * other's tables), a postgres destination per group writing to one shared database under
 * per-connection schemas, and polling of a connection until its run ends.
 */
import { expect } from "vitest";
import { closePg, openPg, quoteIdent } from "../../src/engine/toolkit/pg";
import { TEST_EGRESS } from "./engine/harness";
import { call } from "./helpers";

export const SOURCE_DB = "sync_api_src";
export const DESTINATION_DB = "sync_api_dst";
const SERVER = { host: "127.0.0.1", port: 5432, user: "postgres" } as const;

/** Runs statements on `database` as the superuser; returns the rows of the last one. */
export async function sql(database: string, ...statements: string[]) {
  const client = await openPg({ ...SERVER, database }, TEST_EGRESS);
  try {
    let rows: Record<string, unknown>[] = [];
    for (const statement of statements) rows = (await client.query(statement)).rows;
    return rows;
  } finally {
    await closePg(client);
  }
}

/** Creates the source and destination databases unless they exist (a concurrent run may race). */
export async function ensureDatabases(): Promise<void> {
  for (const name of [SOURCE_DB, DESTINATION_DB]) {
    const [found] = await sql("postgres", `SELECT count(*)::int AS n FROM pg_database WHERE datname = '${name}'`);
    if (found?.n === 0) {
      try {
        await sql("postgres", `CREATE DATABASE ${name}`);
      } catch (error) {
        // 42P04 duplicate_database, 23505 a concurrent CREATE DATABASE won the catalog race.
        const code = (error as { code?: string }).code;
        if (code !== "42P04" && code !== "23505") throw error;
      }
    }
  }
}

function suffix(): string {
  return crypto.randomUUID().replace(/-/g, "").slice(0, 10);
}

const created = { sources: [] as string[], destinations: [] as string[] };

/**
 * A fresh source schema with `customers` (3 rows) and `orders` (2 rows), both with a primary
 * key and `updated_at` (so they sync incrementally). Returns the schema name.
 */
export async function sourceSchema(): Promise<string> {
  const schema = `src_${suffix()}`;
  const s = quoteIdent(schema);
  await sql(
    SOURCE_DB,
    `CREATE SCHEMA ${s}`,
    `CREATE TABLE ${s}.customers (id integer PRIMARY KEY, name text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`,
    `CREATE TABLE ${s}.orders (id integer PRIMARY KEY, customer_id integer NOT NULL, amount numeric(10,2), updated_at timestamptz NOT NULL DEFAULT now())`,
    `INSERT INTO ${s}.customers (id, name) VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Edsger')`,
    `INSERT INTO ${s}.orders (id, customer_id, amount) VALUES (10, 1, 12.50), (11, 2, 99.99)`,
  );
  created.sources.push(schema);
  return schema;
}

/** Drops what the tests of a file created (afterAll). */
export async function dropCreated(): Promise<void> {
  for (const schema of created.sources.splice(0)) {
    await sql(SOURCE_DB, `DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  }
  for (const schema of created.destinations.splice(0)) {
    await sql(DESTINATION_DB, `DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  }
}

/** A group with a postgres destination writing to DESTINATION_DB; returns the group id. */
export async function groupWithDestination(auth: string): Promise<string> {
  const group = await call("POST", "/v1/groups", { auth, body: { name: `g_${suffix()}` } });
  expect(group.status, JSON.stringify(group.json)).toBe(201);
  const destination = await call("POST", "/v1/destinations", {
    auth,
    body: {
      group_id: group.json.data.id,
      service: "postgres",
      time_zone_offset: "0",
      config: { host: "127.0.0.1", port: 5432, database: DESTINATION_DB, user: "postgres" },
    },
  });
  expect(destination.status, JSON.stringify(destination.json)).toBe(201);
  return group.json.data.id;
}

/** A database no test creates: a destination pointing at it fails every run when it opens. */
export const MISSING_DB = "sync_api_missing";

/**
 * A group whose postgres destination names a database that does not exist (created without
 * setup tests): runs of its connections fail, permanently, on their first slice.
 */
export async function groupWithBrokenDestination(auth: string): Promise<string> {
  const group = await call("POST", "/v1/groups", { auth, body: { name: `g_${suffix()}` } });
  expect(group.status, JSON.stringify(group.json)).toBe(201);
  const destination = await call("POST", "/v1/destinations", {
    auth,
    body: {
      group_id: group.json.data.id,
      service: "postgres",
      time_zone_offset: "0",
      run_setup_tests: false,
      config: { host: "127.0.0.1", port: 5432, database: MISSING_DB, user: "postgres" },
    },
  });
  expect(destination.status, JSON.stringify(destination.json)).toBe(201);
  return group.json.data.id;
}

/**
 * A postgres connection reading `tables` of SOURCE_DB (`schema.table`, all of one source
 * schema), named `dst_<random>`. Its tables land in Fivetran's `<prefix>_<source schema>`.
 * Returns its id, that destination schema and the prefix.
 */
export async function postgresConnection(
  auth: string,
  groupId: string,
  tables: string[],
  body: Record<string, unknown> = {},
): Promise<{ id: string; schema: string; prefix: string }> {
  const prefix = `dst_${suffix()}`;
  const schema = `${prefix}_${tables[0]?.split(".")[0] ?? "public"}`;
  created.destinations.push(schema);
  const res = await call("POST", "/v1/connections", {
    auth,
    body: {
      group_id: groupId,
      service: "postgres",
      config: { schema_prefix: prefix, host: "127.0.0.1", port: 5432, database: SOURCE_DB, user: "postgres", tables },
      // Manual, so only the syncs a test asks for run (an auto schedule would start the
      // historical sync at once: the connection is connected and has a destination).
      schedule_type: "manual",
      ...body,
    },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return { id: res.json.data.id, schema, prefix };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls GET details until a run ended after `since` (succeeded_at or failed_at past it) and
 * the connection is no longer syncing, as Airflow and dagster do. Returns the details.
 */
export async function waitForRun(auth: string, id: string, since: string | null = null) {
  let last: unknown;
  for (let attempt = 0; attempt < 150; attempt++) {
    const res = await call("GET", `/v1/connections/${id}`, { auth });
    const data = res.json.data;
    last = data.status;
    const ended =
      [data.succeeded_at, data.failed_at]
        .filter((t): t is string => t !== null)
        .sort()
        .at(-1) ?? null;
    if (ended !== null && (since === null || ended > since) && data.status.sync_state !== "syncing") return data;
    await sleep(200);
  }
  throw new Error(`connection ${id} did not finish a run: ${JSON.stringify(last)}`);
}

/** Rows of a destination table, ordered by id. */
export async function destinationRows(schema: string, table: string, columns = "id") {
  return sql(DESTINATION_DB, `SELECT ${columns} FROM ${quoteIdent(schema)}.${quoteIdent(table)} ORDER BY id`);
}

/** Whether a destination table exists. */
export async function destinationTableExists(schema: string, table: string): Promise<boolean> {
  const [row] = await sql(
    DESTINATION_DB,
    `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = '${schema}' AND table_name = '${table}'`,
  );
  return row?.n === 1;
}

/**
 * The product vision's two transform examples written with the SDK exactly as the vision shows
 * them (`fivetran.createConnector({ …, transform })`), synced from PostgreSQL into D1.
 */
import { env, exports } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Fivetran } from "../../../sdk/index";
import { quoteIdent } from "../../../src/engine/toolkit/pg";
import { ensureDatabases, SOURCE_DB, sql } from "../connections-sync-helpers";

const fivetran = new Fivetran({
  id: `h-xform-${crypto.randomUUID().slice(0, 8)}`,
  baseUrl: "http://127.0.0.1:8787",
  apiKey: env.FIVETRAN_API_KEY as string,
  apiSecret: env.FIVETRAN_API_SECRET as string,
  fetch: (request: Request) => exports.default.fetch(request),
});
const schema = `h_xform_sdk_${crypto.randomUUID().replace(/-/g, "").slice(0, 8)}`;

beforeAll(async () => {
  await ensureDatabases();
  const s = quoteIdent(schema);
  await sql(
    SOURCE_DB,
    `CREATE SCHEMA ${s}`,
    `CREATE TABLE ${s}.users (id bigint PRIMARY KEY, email text NOT NULL, "firstName" text, "lastName" text, status text, created_at timestamptz NOT NULL DEFAULT '2024-01-15T10:30:00Z')`,
    `INSERT INTO ${s}.users VALUES (1, 'Ada@Example.COM', 'Ada', 'Lovelace', 'active'), (2, 'GRACE@example.com', 'Grace', 'Hopper', 'inactive')`,
  );
}, 60_000);
afterAll(() => sql(SOURCE_DB, `DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`), 60_000);

const source = {
  type: "postgres",
  connectionString: `postgres://postgres@127.0.0.1:5432/${SOURCE_DB}`,
  tables: [`${schema}.users`],
};

/** The rows of the D1 table a connector's `users` landed in (its name ends with `<schema>__users`). */
async function landed(connector: { details(): Promise<{ schema: string }> }) {
  const { schema: prefix } = await connector.details();
  const table = await env.WAREHOUSE.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE ?")
    .bind(`%${prefix}_${schema}__users`)
    .first<{ name: string }>();
  expect(table, "the destination table").not.toBeNull();
  const { results } = await env.WAREHOUSE.prepare(`SELECT * FROM "${table?.name}" ORDER BY id`).all();
  return results.map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => !k.startsWith("_fivetran"))));
}

describe("the vision's transforms through the SDK", () => {
  it("SQL transformation", async () => {
    const connector = fivetran.createConnector({
      id: "sql-transform",
      source,
      destination: { type: "d1", database: "WAREHOUSE" },
      transform: {
        type: "sql",
        query: `
      SELECT
        id,
        LOWER(email) as email,
        created_at,
        CASE WHEN status = 'active' THEN true ELSE false END as is_active
      FROM {{ source }}
    `,
      },
    });
    expect((await connector.sync({ wait: true }))?.status).toBe("succeeded");
    expect(await landed(connector)).toEqual([
      { id: 1, email: "ada@example.com", created_at: "2024-01-15T10:30:00.000000Z", is_active: 1 },
      { id: 2, email: "grace@example.com", created_at: "2024-01-15T10:30:00.000000Z", is_active: 0 },
    ]);
  }, 60_000);

  it("TypeScript transformation", async () => {
    const connector = fivetran.createConnector({
      id: "fn-transform",
      source,
      destination: { type: "d1", database: "WAREHOUSE" },
      transform: {
        type: "function",
        fn: (row) => ({
          ...row,
          email: row.email.toLowerCase(),
          fullName: `${row.firstName} ${row.lastName}`,
        }),
      },
    });
    expect((await connector.sync({ wait: true }))?.status).toBe("succeeded");
    const rows = await landed(connector);
    expect(rows.map((r) => [r.id, r.email, r.fullName])).toEqual([
      [1, "ada@example.com", "Ada Lovelace"],
      [2, "grace@example.com", "Grace Hopper"],
    ]);
    expect((await connector.details()).transform).toMatchObject({
      type: "function",
      fn: expect.stringContaining("fullName"),
    });
  }, 60_000);
});

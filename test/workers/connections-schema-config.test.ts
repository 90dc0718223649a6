/**
 * The connection schema config (§8) through the HTTP API: discovery of a real PostgreSQL
 * source, enabling and disabling schemas and tables, the columns endpoint, and a disabled
 * table staying out of a real sync.
 */
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sources } from "../../src/engine/sources";
import {
  DESTINATION_DB,
  destinationRows,
  destinationTableExists,
  dropCreated,
  ensureDatabases,
  groupWithDestination,
  postgresConnection,
  SOURCE_DB,
  sourceSchema,
  sql,
  waitForRun,
} from "./connections-sync-helpers";
import { call, newAccount } from "./helpers";

beforeAll(ensureDatabases, 60_000);
afterAll(dropCreated, 60_000);

const NAMINGS = ["connections", "connectors"] as const;

/** A table's entry in the schema config, as Fivetran shapes it. */
function table(name: string, enabled = true, history = false, mode = "SOFT_DELETE") {
  return {
    name_in_destination: name,
    enabled,
    sync_mode: mode,
    supports_columns_config: true,
    // Only where the group's destination implements history mode (PostgreSQL does).
    supports_history_mode: history,
    enabled_patch_settings: { allowed: true },
    columns: {},
  };
}

async function group(auth: string): Promise<string> {
  return (await call("POST", "/v1/groups", { auth, body: { name: `g_${crypto.randomUUID().slice(0, 8)}` } })).json.data
    .id;
}

/** A connection over a fresh source schema (customers, orders), its tables discovered. */
async function discovered(auth: string, groupId?: string) {
  const source = await sourceSchema();
  const connection = await postgresConnection(auth, groupId ?? (await group(auth)), [
    `${source}.customers`,
    `${source}.orders`,
  ]);
  const res = await call("POST", `/v1/connections/${connection.id}/schemas/reload`, { auth });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return { ...connection, source };
}

async function config(auth: string, id: string) {
  const res = await call("GET", `/v1/connections/${id}/schemas`, { auth });
  expect(res.status).toBe(200);
  return res.json.data;
}

describe("GET /schemas and POST /schemas/reload", () => {
  it("answers 404 NotFound_SchemaConfig before the source was discovered, under both namings", async () => {
    const auth = await newAccount();
    const source = await sourceSchema();
    const { id } = await postgresConnection(auth, await group(auth), [`${source}.customers`]);
    for (const naming of NAMINGS) {
      const res = await call("GET", `/v1/${naming}/${id}/schemas`, { auth });
      expect(res.status).toBe(404);
      expect(res.json.code).toBe("NotFound_SchemaConfig");
    }
    const patched = await call("PATCH", `/v1/connections/${id}/schemas`, {
      auth,
      body: { schema_change_handling: "ALLOW_ALL", is_type_locked: false },
    });
    expect(patched.status).toBe(404);
    expect(patched.json.code).toBe("NotFound_SchemaConfig");
    const schema = await call("PATCH", `/v1/connections/${id}/schemas/${source}`, { auth, body: { enabled: false } });
    expect(schema.status).toBe(404);
    expect(schema.json.code).toBe("NotFound_Schema");
    const columns = await call("GET", `/v1/connections/${id}/schemas/${source}/tables/customers/columns`, { auth });
    expect(columns.status).toBe(404);
  });

  it("reload discovers the source's schemas and tables in Fivetran's shape", async () => {
    const auth = await newAccount();
    const source = await sourceSchema();
    const { id, schema } = await postgresConnection(auth, await group(auth), [
      `${source}.customers`,
      `${source}.orders`,
    ]);
    const expected = {
      enable_new_by_default: true,
      schema_change_handling: "ALLOW_ALL",
      is_type_locked: false,
      schemas: {
        [source]: {
          name_in_destination: schema,
          enabled: true,
          tables: { customers: table("customers"), orders: table("orders") },
        },
      },
    };
    const reloaded = await call("POST", `/v1/connections/${id}/schemas/reload`, { auth });
    expect(reloaded.status).toBe(200);
    expect(reloaded.json).toEqual({
      code: "Success",
      message: "Schema configuration has been reloaded",
      data: expected,
    });
    const again = await call("POST", `/v1/connectors/${id}/schemas/reload`, {
      auth,
      body: { exclude_mode: "PRESERVE" },
    });
    expect(again.json.data).toEqual(expected);
    for (const naming of NAMINGS) {
      expect((await call("GET", `/v1/${naming}/${id}/schemas`, { auth })).json.data).toEqual(expected);
    }
    const bad = await call("POST", `/v1/connections/${id}/schemas/reload`, { auth, body: { exclude_mode: "ALL" } });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toMatch(/^Invalid value for field 'exclude_mode'/);
  });

  it("reload keeps choices and enables new tables (PRESERVE); EXCLUDE and INCLUDE set every table", async () => {
    const auth = await newAccount();
    const source = await sourceSchema();
    // `refunds` does not exist yet: setup tests would fail, so they are skipped.
    const { id } = await postgresConnection(
      auth,
      await group(auth),
      [`${source}.customers`, `${source}.orders`, `${source}.refunds`],
      { run_setup_tests: false },
    );
    await call("POST", `/v1/connections/${id}/schemas/reload`, { auth });
    await call("PATCH", `/v1/connections/${id}/schemas/${source}/tables/orders`, { auth, body: { enabled: false } });
    await sql(SOURCE_DB, `CREATE TABLE ${source}.refunds (id integer PRIMARY KEY, order_id integer)`);

    const preserved = await call("POST", `/v1/connections/${id}/schemas/reload`, { auth, body: {} });
    expect(preserved.json.data.schemas[source].tables).toEqual({
      customers: table("customers"),
      orders: table("orders", false),
      refunds: table("refunds"),
    });

    const excluded = await call("POST", `/v1/connections/${id}/schemas/reload`, {
      auth,
      body: { exclude_mode: "EXCLUDE" },
    });
    expect(excluded.json.data.schemas[source]).toMatchObject({
      enabled: false,
      tables: {
        customers: table("customers", false),
        orders: table("orders", false),
        refunds: table("refunds", false),
      },
    });
    const included = await call("POST", `/v1/connectors/${id}/schemas/reload`, {
      auth,
      body: { exclude_mode: "INCLUDE" },
    });
    expect(included.json.data.schemas[source]).toMatchObject({
      enabled: true,
      tables: { customers: table("customers"), orders: table("orders"), refunds: table("refunds") },
    });
  });

  it("reload answers 409 with the driver's reason when the source cannot be read, and records nothing", async () => {
    const auth = await newAccount();
    const res = await call("POST", "/v1/connections", {
      auth,
      body: {
        group_id: await group(auth),
        service: "postgres",
        run_setup_tests: false,
        config: { schema_prefix: "missing_db", host: "127.0.0.1", database: "sync_api_missing", user: "postgres" },
      },
    });
    const id = res.json.data.id;
    const reload = await call("POST", `/v1/connections/${id}/schemas/reload`, { auth });
    expect(reload.status).toBe(409);
    expect(reload.json.code).toBe("Conflict");
    expect(reload.json.message).toBe(
      `Could not discover the tables of connection '${id}': database "sync_api_missing" does not exist`,
    );
    const none = await call("GET", `/v1/connections/${id}/schemas`, { auth });
    expect(none.json.code).toBe("NotFound_SchemaConfig");
  });

  it("reload answers 400 for a service that cannot be read yet", async () => {
    const unreadable = Object.values(sources).find((definition) => !definition.reader);
    if (!unreadable) return; // every registered source can be read: nothing to refuse
    const auth = await newAccount();
    const groupId = await group(auth);
    const { account_id: accountId } = (await call("GET", "/v1/account/info", { auth })).json.data;
    const id = `unreadable_${crypto.randomUUID().slice(0, 8)}`;
    const now = new Date().toISOString();
    await env.DB.prepare(
      "INSERT INTO connections (id, account_id, group_id, service, schema, config, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, 'unreadable', '{}', ?5, ?5)",
    )
      .bind(id, accountId, groupId, unreadable.service, now)
      .run();
    const reload = await call("POST", `/v1/connectors/${id}/schemas/reload`, { auth });
    expect(reload.status).toBe(400);
    expect(reload.json).toEqual({
      code: "InvalidInput",
      message: `Source service '${unreadable.service}' cannot discover tables yet, so its schema config cannot be reloaded`,
    });
  });
});

describe("PATCH /schemas, /schemas/{schema} and /schemas/{schema}/tables/{table}", () => {
  it("a disabled table stays out of the sync; schemas enable and disable all their tables", async () => {
    const auth = await newAccount();
    const { id, schema, source } = await discovered(auth, await groupWithDestination(auth));

    const off = await call("PATCH", `/v1/connections/${id}/schemas/${source}/tables/orders`, {
      auth,
      body: { enabled: false },
    });
    expect(off.status).toBe(200);
    expect(off.json.message).toBe("Table configuration has been modified");
    expect(off.json.data.schemas[source]).toEqual({
      name_in_destination: schema,
      enabled: true,
      tables: { customers: table("customers", true, true), orders: table("orders", false, true) },
    });

    await call("POST", `/v1/connections/${id}/sync`, { auth });
    const synced = await waitForRun(auth, id);
    expect(synced.status.last_run).toMatchObject({ status: "succeeded", rows: 3 });
    expect(await destinationRows(schema, "customers")).toHaveLength(3);
    expect(await destinationTableExists(schema, "orders")).toBe(false);
    // The sync's own discovery keeps the choice.
    expect((await config(auth, id)).schemas[source].tables.orders.enabled).toBe(false);

    const schemaOff = await call("PATCH", `/v1/connectors/${id}/schemas/${source}`, { auth, body: { enabled: false } });
    expect(schemaOff.status).toBe(200);
    expect(schemaOff.json.message).toBe("Database schema configuration has been modified");
    expect(schemaOff.json.data.schemas[source]).toEqual({
      name_in_destination: schema,
      enabled: false,
      tables: { customers: table("customers", false, true), orders: table("orders", false, true) },
    });

    const schemaOn = await call("PATCH", `/v1/connections/${id}/schemas/${source}`, {
      auth,
      body: { enabled: true, tables: { orders: { enabled: false } } },
    });
    expect(schemaOn.json.data.schemas[source]).toMatchObject({
      enabled: true,
      tables: { customers: table("customers", true, true), orders: table("orders", false, true) },
    });

    const nested = await call("PATCH", `/v1/connectors/${id}/schemas`, {
      auth,
      body: {
        schema_change_handling: "ALLOW_ALL",
        schemas: { [source]: { enabled: true, tables: { orders: { enabled: true, sync_mode: "SOFT_DELETE" } } } },
      },
    });
    expect(nested.status).toBe(200);
    expect(nested.json.message).toBe("Schema configuration has been modified");
    expect(nested.json.data.schemas[source].tables).toEqual({
      customers: table("customers", true, true),
      orders: table("orders", true, true),
    });
    expect(await config(auth, id)).toEqual(nested.json.data);
  });

  it("answers 404 for unknown or wrongly cased names and 400 for what cannot be done, changing nothing", async () => {
    const auth = await newAccount();
    const { id, source } = await discovered(auth);
    const before = await config(auth, id);
    const cases: [string, string, unknown, number, string][] = [
      [
        "PATCH",
        "/schemas",
        { schemas: { [source]: { tables: { customers: { enabled: false }, nope: { enabled: false } } } } },
        404,
        "NotFound_Table",
      ],
      ["PATCH", "/schemas", { schemas: { [source.toUpperCase()]: { enabled: false } } }, 404, "NotFound_Schema"],
      ["PATCH", `/schemas/${source}/tables/Customers`, { enabled: false }, 404, "NotFound_Table"],
      ["PATCH", "/schemas/public", { enabled: false }, 404, "NotFound_Schema"],
      [
        "PATCH",
        `/schemas/${source}/tables/customers`,
        { enabled: false, columns: { nope: { enabled: true } } },
        404,
        "NotFound_Column",
      ],
      ["PATCH", "/schemas", { schema_change_handling: "BLOCK_SOME" }, 400, "InvalidInput"],
      ["PATCH", `/schemas/${source}`, { enabled: "no" }, 400, "InvalidInput"],
      ["PATCH", `/schemas/${source}/tables/customers`, { enabled: false, sync_mode: "HISTORY" }, 400, "InvalidInput"],
      ["PATCH", `/schemas/${source}/tables/customers`, { columns: { id: { enabled: false } } }, 400, "InvalidInput"],
      ["PATCH", `/schemas/${source}/tables/customers`, { columns: { id: { hashed: true } } }, 400, "InvalidInput"],
      [
        "PATCH",
        `/schemas/${source}/tables/customers`,
        { columns: { name: { is_primary_key: true } } },
        400,
        "InvalidInput",
      ],
      ["GET", `/schemas/${source}/tables/nope/columns`, undefined, 404, "NotFound_Table"],
    ];
    for (const [method, path, body, status, code] of cases) {
      const res = await call(method, `/v1/connections/${id}${path}`, { auth, body });
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(status);
      expect(res.json.code).toBe(code);
    }
    expect(await config(auth, id)).toEqual(before);

    const messages = [
      [
        { schemas: { [source]: { tables: { customers: { sync_mode: "LIVE" } } } } },
        "/schemas",
        `Invalid value for field 'schemas.${source}.tables.customers.sync_mode': the connection's destination does not support LIVE (it supports SOFT_DELETE)`,
      ],
      [
        { tables: { customers: { columns: { id: { enabled: false } } } } },
        `/schemas/${source}`,
        "Invalid value for field 'tables.customers.columns.id.enabled': primary-key column 'id' cannot be blocked",
      ],
      [
        { sync_mode: "HISTORY" },
        `/schemas/${source}/tables/orders`,
        "Invalid value for field 'sync_mode': the connection's destination does not support HISTORY (it supports SOFT_DELETE)",
      ],
    ] as const;
    for (const [body, path, message] of messages) {
      const res = await call("PATCH", `/v1/connectors/${id}${path}`, { auth, body });
      expect(res.json.message).toBe(message);
    }

    // Settings that change nothing are accepted.
    const noop = await call("PATCH", `/v1/connections/${id}/schemas/${source}/tables/customers`, {
      auth,
      body: { enabled: true, sync_mode: "SOFT_DELETE", columns: { id: { enabled: true, hashed: false } } },
    });
    expect(noop.status).toBe(200);
    expect(noop.json.data).toEqual(before);
  });
});

describe("sync_mode per table", () => {
  it("is stored, shown and carried into the run, whose tables take the mode; switching back migrates them", async () => {
    const auth = await newAccount();
    const { id, schema, source } = await discovered(auth, await groupWithDestination(auth));
    const history = await call("PATCH", `/v1/connections/${id}/schemas/${source}/tables/orders`, {
      auth,
      body: { sync_mode: "HISTORY" },
    });
    expect(history.status, JSON.stringify(history.json)).toBe(200);
    expect(history.json.data.schemas[source].tables.orders).toEqual(table("orders", true, true, "HISTORY"));
    const live = await call("PATCH", `/v1/connections/${id}/schemas`, {
      auth,
      body: { schemas: { [source]: { tables: { customers: { sync_mode: "LIVE" } } } } },
    });
    expect(live.status).toBe(200);
    expect((await config(auth, id)).schemas[source].tables).toEqual({
      customers: table("customers", true, true, "LIVE"),
      orders: table("orders", true, true, "HISTORY"),
    });
    await call("POST", `/v1/connections/${id}/sync`, { auth });
    const synced = await waitForRun(auth, id);
    expect(synced.status.last_run).toMatchObject({ status: "succeeded" });
    const columns = async (name: string) =>
      (
        await sql(
          DESTINATION_DB,
          `SELECT column_name AS c FROM information_schema.columns WHERE table_schema = '${schema}' AND table_name = '${name}' AND column_name LIKE '_fivetran%' ORDER BY 1`,
        )
      ).map((r) => r.c);
    expect(await columns("orders")).toEqual([
      "_fivetran_active",
      "_fivetran_end",
      "_fivetran_start",
      "_fivetran_synced",
    ]);
    expect(await columns("customers")).toEqual(["_fivetran_synced"]);
    const orders = await destinationRows(schema, "orders", "id, _fivetran_active AS active");
    expect(orders.length).toBeGreaterThan(0);
    expect(orders.every((r) => r.active === true)).toBe(true);

    // Back to SOFT_DELETE: the next run switches the tables (history columns dropped, _fivetran_deleted added).
    const back = await call("PATCH", `/v1/connections/${id}/schemas/${source}`, {
      auth,
      body: { tables: { orders: { sync_mode: "SOFT_DELETE" }, customers: { sync_mode: "SOFT_DELETE" } } },
    });
    expect(back.status).toBe(200);
    await call("POST", `/v1/connections/${id}/sync`, { auth });
    await waitForRun(auth, id, synced.succeeded_at);
    expect(await columns("orders")).toEqual(["_fivetran_deleted", "_fivetran_synced"]);
    expect(await columns("customers")).toEqual(["_fivetran_deleted", "_fivetran_synced"]);
  });
});

describe("GET /schemas/{schema}/tables/{table}/columns", () => {
  it("lists every column of the table as discovered, primary keys marked, under both namings", async () => {
    const auth = await newAccount();
    const { id, source } = await discovered(auth);
    const blocked = { allowed: true };
    for (const naming of NAMINGS) {
      const res = await call("GET", `/v1/${naming}/${id}/schemas/${source}/tables/customers/columns`, { auth });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({
        code: "Success",
        message: "Column configuration retrieved successfully",
        data: {
          columns: {
            id: {
              name_in_destination: "id",
              enabled: true,
              hashed: false,
              is_primary_key: true,
              enabled_patch_settings: {
                allowed: false,
                reason_code: "SYSTEM_COLUMN",
                reason: "The column does not support exclusion as it is a Primary Key",
              },
            },
            name: {
              name_in_destination: "name",
              enabled: true,
              hashed: false,
              is_primary_key: false,
              enabled_patch_settings: blocked,
            },
            updated_at: {
              name_in_destination: "updated_at",
              enabled: true,
              hashed: false,
              is_primary_key: false,
              enabled_patch_settings: blocked,
            },
          },
        },
      });
      expect(Object.keys(res.json.data.columns)).toEqual(["id", "name", "updated_at"]);
    }
  });
});

describe("tenancy", () => {
  it("answers 404 on every schema config endpoint for another account's connection, and changes nothing", async () => {
    const owner = await newAccount();
    const stranger = await newAccount();
    const { id, source } = await discovered(owner);
    const before = await config(owner, id);
    for (const naming of NAMINGS) {
      const base = `/v1/${naming}/${id}/schemas`;
      const requests: [string, string, unknown][] = [
        ["GET", base, undefined],
        ["POST", `${base}/reload`, { exclude_mode: "EXCLUDE" }],
        ["PATCH", base, { schemas: { [source]: { enabled: false } } }],
        ["PATCH", `${base}/${source}`, { enabled: false }],
        ["PATCH", `${base}/${source}/tables/customers`, { enabled: false }],
        ["GET", `${base}/${source}/tables/customers/columns`, undefined],
      ];
      for (const [method, path, body] of requests) {
        const res = await call(method, path, { auth: stranger, body });
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(res.json).toEqual({
          code: "NotFound_Connection",
          message: `Connection with id '${id}' does not exist.`,
        });
      }
    }
    expect(await config(owner, id)).toEqual(before);
  });
});

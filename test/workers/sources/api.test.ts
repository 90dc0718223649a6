/**
 * The sources through the public API, as a Fivetran client meets them: POST
 * /v1/connections runs their setup tests, masks their secrets and names bad config fields.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { closeMysql, openMysql } from "../../../src/engine/toolkit/mysql";
import { createStripeFake } from "../../fakes/stripe";
import { TEST_EGRESS } from "../engine/harness";
import { call, newAccount } from "../helpers";

const DB = "src_mysql_test";
const USER = "src_mysql_api";
const PASSWORD = "api-Pass-1";

beforeAll(async () => {
  const root = await openMysql({ host: "127.0.0.1", port: 3306, user: "root" }, TEST_EGRESS);
  try {
    for (const sql of [
      `CREATE DATABASE IF NOT EXISTS ${DB}`,
      `CREATE TABLE IF NOT EXISTS ${DB}.readable (id INT PRIMARY KEY, name VARCHAR(20))`,
      `CREATE USER IF NOT EXISTS '${USER}'@'%' IDENTIFIED BY '${PASSWORD}'`,
      `GRANT SELECT ON ${DB}.readable TO '${USER}'@'%'`,
    ]) {
      await root.query(sql);
    }
  } finally {
    await closeMysql(root);
  }
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function setup() {
  const auth = await newAccount();
  const group = await call("POST", "/v1/groups", { auth, body: { name: `src_${crypto.randomUUID().slice(0, 8)}` } });
  return { auth, groupId: group.json.data.id as string };
}

describe("sources through POST /v1/connections", () => {
  it("connects a mysql source from a connection string, masking the password", async () => {
    const { auth, groupId } = await setup();
    const res = await call("POST", "/v1/connections", {
      auth,
      body: {
        group_id: groupId,
        service: "mysql",
        config: {
          schema_prefix: "shop_mysql",
          connectionString: `mysql://${USER}:${PASSWORD}@127.0.0.1:3306/${DB}`,
          tables: ["readable"],
          update_method: "TELEPORT",
        },
      },
    });
    expect(res.status).toBe(201);
    expect(res.json.data.schema).toBe("shop_mysql");
    expect(res.json.data.status.setup_state).toBe("connected");
    expect(res.json.data.config).toMatchObject({ host: "127.0.0.1", port: 3306, user: USER, password: "******" });
    expect(JSON.stringify(res.json)).not.toContain(PASSWORD);
    expect(res.json.data.setup_tests.map((t: { status: string }) => t.status)).toEqual(["PASSED", "PASSED"]);
  });

  it("is broken on a wrong mysql password, with an auth failure", async () => {
    const { auth, groupId } = await setup();
    const res = await call("POST", "/v1/connections", {
      auth,
      body: {
        group_id: groupId,
        service: "mysql",
        config: { schema_prefix: "bad_mysql", host: "127.0.0.1", user: USER, password: "nope", database: DB },
      },
    });
    expect(res.status).toBe(201);
    expect(res.json.data.status.setup_state).toBe("broken");
    expect(res.json.data.setup_tests[0]).toMatchObject({ status: "FAILED", details: { auth: true } });
  });

  it("runs stripe's setup tests against the vendor through fetch", async () => {
    const key = "sk_test_51ApiLevelKey0000";
    const stripe = createStripeFake({ keys: { [key]: {} }, data: { customers: [] } });
    vi.spyOn(globalThis, "fetch").mockImplementation(stripe.fetch);
    const { auth, groupId } = await setup();
    const res = await call("POST", "/v1/connections", {
      auth,
      body: {
        group_id: groupId,
        service: "stripe",
        config: { schema: "payments", apiKey: key, objects: ["customers"] },
      },
    });
    expect(res.status).toBe(201);
    expect(res.json.data.status.setup_state).toBe("connected");
    expect(res.json.data.config).toEqual({ schema: "payments", api_key: "******", objects: ["customers"] });
    expect(stripe.requests.map((r) => r.url.href)).toEqual([
      "https://api.stripe.com/v1/balance",
      "https://api.stripe.com/v1/customers?limit=1",
    ]);
  });

  it("answers 400 naming the field for bad config, storing nothing", async () => {
    const { auth, groupId } = await setup();
    const res = await call("POST", "/v1/connections", {
      auth,
      body: { group_id: groupId, service: "hubspot", config: { schema: "crm", apiKey: "pat-x", objects: ["contact"] } },
    });
    expect(res.status).toBe(400);
    expect(res.json.code).toBe("InvalidInput");
    expect(res.json.message).toMatch(/^Invalid value for field 'config.objects.0': unknown HubSpot object/);
    const list = await call("GET", `/v1/groups/${groupId}/connections`, { auth });
    expect(list.json.data.items).toEqual([]);
  });
});

describe("Fivetran's `auth` object", () => {
  it("carries Salesforce's OAuth credentials into config, stored as secrets and masked", async () => {
    const { auth, groupId } = await setup();
    const created = await call("POST", "/v1/connections", {
      auth,
      body: {
        group_id: groupId,
        service: "salesforce",
        run_setup_tests: false,
        config: { schema: "sf_auth" },
        auth: { client_access: { client_id: "cid-123", client_secret: "csecret-456" }, refresh_token: "rtoken-789" },
      },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json.data.config).toMatchObject({
      client_id: "cid-123",
      client_secret: "******",
      refresh_token: "******",
    });
    expect(JSON.stringify(created.json)).not.toMatch(/csecret-456|rtoken-789/);
    // A later PATCH of `auth` replaces the refresh token; a masked one sent back keeps it.
    const id = created.json.data.id;
    const kept = await call("PATCH", `/v1/connections/${id}`, { auth, body: { auth: { refresh_token: "******" } } });
    expect(kept.status).toBe(200);
    expect(kept.json.data.config.refresh_token).toBe("******");
  });
});

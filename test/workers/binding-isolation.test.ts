/**
 * Two tenants on one deployment's shared bindings (issue #9 §1): accounts reach WAREHOUSE and
 * DATA_LAKE only through an operator's grant, each under its own namespace, so equal schema
 * names and equal R2 prefixes of different accounts never meet. Syncs run for real (queue,
 * Durable Objects, D1 and R2 all local).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { r2Destination } from "../../src/engine/destinations/r2";
import { connectorContext } from "../../src/engine/toolkit/context";
import type { Env } from "../../src/env";
import { BOOTSTRAP, call, namespaceOf, newAccount, newAccountWithId, OPERATOR } from "./helpers";

const warehouse = (env as unknown as Env).WAREHOUSE;
const lake = (env as unknown as Env).DATA_LAKE;

const id = () => crypto.randomUUID().replace(/-/g, "").slice(0, 10);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function accountIdOf(auth: string): Promise<string> {
  return (await call("GET", "/v1/account/info", { auth })).json.data.account_id;
}

async function groupWith(auth: string, service: string, config: Record<string, unknown>): Promise<string> {
  const group = await call("POST", "/v1/groups", { auth, body: { name: `iso_${id()}` } });
  expect(group.status, JSON.stringify(group.json)).toBe(201);
  const destination = await call("POST", "/v1/destinations", {
    auth,
    body: { group_id: group.json.data.id, service, time_zone_offset: "0", config },
  });
  expect(destination.status, JSON.stringify(destination.json)).toBe(201);
  expect(destination.json.data.setup_status, JSON.stringify(destination.json.data.setup_tests)).toBe("connected");
  return group.json.data.id;
}

async function sampleConnection(auth: string, groupId: string, config: Record<string, unknown>): Promise<string> {
  const res = await call("POST", "/v1/connections", {
    auth,
    body: { group_id: groupId, service: "sample", schedule_type: "manual", config },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.data.id;
}

/** Starts a sync through the API and polls until it ended; returns the connection's details. */
async function syncToEnd(auth: string, connectionId: string) {
  expect((await call("POST", `/v1/connections/${connectionId}/sync`, { auth })).status).toBe(200);
  for (let attempt = 0; attempt < 200; attempt++) {
    const data = (await call("GET", `/v1/connections/${connectionId}`, { auth })).json.data;
    if ((data.succeeded_at || data.failed_at) && data.status.sync_state !== "syncing") return data;
    await sleep(150);
  }
  throw new Error(`connection ${connectionId} did not finish its run`);
}

async function rowCount(table: string): Promise<number> {
  return (await warehouse.prepare(`SELECT count(*) AS n FROM "${table}"`).first<{ n: number }>())?.n ?? -1;
}

async function firstCustomer(table: string) {
  return warehouse.prepare(`SELECT id, name, email, country FROM "${table}" WHERE id = 1`).first();
}

async function tablesLike(pattern: string): Promise<string[]> {
  const { results } = await warehouse
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE ?1 ORDER BY name")
    .bind(pattern)
    .all<{ name: string }>();
  return results.map((row) => row.name);
}

describe("two tenants on the WAREHOUSE binding", () => {
  it("keeps equal schema names apart: each account's tables hold exactly its own rows, under its namespace", async () => {
    const schema = `iso_${id()}`;
    // A: the bootstrap account (the empty namespace); B: derived namespace; C: a chosen one.
    const groupA = await groupWith(BOOTSTRAP, "d1", { database: "WAREHOUSE" });
    const connA = await sampleConnection(BOOTSTRAP, groupA, { schema, seed: 1, scale: 100 });
    const a = await syncToEnd(BOOTSTRAP, connA);
    expect(a.failed_at, JSON.stringify(a.status)).toBeNull();
    expect(await rowCount(`${schema}__customers`)).toBe(100);
    const rowOneOfA = await firstCustomer(`${schema}__customers`);
    expect(rowOneOfA).toMatchObject({ id: 1 });

    const b = await newAccountWithId("tenant b");
    const nsB = await namespaceOf(b.accountId, "WAREHOUSE");
    expect(nsB).toMatch(/^[a-z0-9]+(_[a-z0-9]+)*$/);
    const groupB = await groupWith(b.auth, "d1", { database: "WAREHOUSE" });
    const connB = await sampleConnection(b.auth, groupB, { schema, seed: 2, scale: 150 });
    const synced = await syncToEnd(b.auth, connB);
    expect(synced.failed_at, JSON.stringify(synced.status)).toBeNull();

    const c = await newAccountWithId("tenant c", []);
    const nsC = `tenant_c_${id()}`;
    const grant = await call("PUT", `/operator/accounts/${c.accountId}/bindings/WAREHOUSE`, {
      auth: OPERATOR,
      body: { namespace: nsC },
    });
    expect(grant.status).toBe(201);
    const groupC = await groupWith(c.auth, "d1", { database: "WAREHOUSE" });
    const connC = await sampleConnection(c.auth, groupC, { schema, seed: 3, scale: 120 });
    expect((await syncToEnd(c.auth, connC)).failed_at).toBeNull();

    // A is untouched: its 100 rows, its row 1 as it was.
    for (const table of ["customers", "products", "orders"]) {
      expect(await rowCount(`${schema}__${table}`), table).toBe(100);
      expect(await rowCount(`${nsB}__${schema}__${table}`), table).toBe(150);
      expect(await rowCount(`${nsC}__${schema}__${table}`), table).toBe(120);
    }
    expect(await firstCustomer(`${schema}__customers`)).toEqual(rowOneOfA);
    // B's row 1 is B's own (another seed), not A's.
    expect(await firstCustomer(`${nsB}__${schema}__customers`)).not.toEqual(rowOneOfA);

    // The physical names carry the namespaces; no other table of this schema exists.
    expect(await tablesLike(`%${schema}__%`)).toEqual(
      [
        ...["customers", "orders", "products"].map((t) => `${schema}__${t}`),
        ...["customers", "orders", "products"].map((t) => `${nsB}__${schema}__${t}`),
        ...["customers", "orders", "products"].map((t) => `${nsC}__${schema}__${t}`),
      ].sort(),
    );
    // Each account's run reports only its own rows.
    expect(synced.status.tasks).toEqual([]);
  });

  it("keeps the bootstrap account's unprefixed tables out of another account's namespace", async () => {
    const tenant = await newAccountWithId("tenant", []);
    const namespace = `tenant_${id()}`;
    await call("PUT", `/operator/accounts/${tenant.accountId}/bindings/WAREHOUSE`, {
      auth: OPERATOR,
      body: { namespace },
    });
    const schema = `iso_${id()}`;
    const tenantConnection = await sampleConnection(
      tenant.auth,
      await groupWith(tenant.auth, "d1", { database: "WAREHOUSE" }),
      { schema, scale: 20, tables: ["customers"] },
    );
    expect((await syncToEnd(tenant.auth, tenantConnection)).failed_at).toBeNull();
    const table = `${namespace}__${schema}__customers`;
    const before = await firstCustomer(table);

    // The bootstrap's schema `<namespace>__<schema>` would name exactly the tenant's table.
    const groupId = await groupWith(BOOTSTRAP, "d1", { database: "WAREHOUSE" });
    const intruder = await sampleConnection(BOOTSTRAP, groupId, {
      schema: `${namespace}__${schema}`,
      seed: 9,
      scale: 50,
      tables: ["customers"],
    });
    const run = await syncToEnd(BOOTSTRAP, intruder);
    expect(JSON.stringify(run.status)).toContain(`would be in the namespace '${namespace}' of another account`);
    expect(await rowCount(table)).toBe(20);
    expect(await firstCustomer(table)).toEqual(before);
  });

  it("refuses an account that was not granted the binding: 400 at destination create and PATCH, nothing stored", async () => {
    const auth = await newAccount("ungranted", []);
    const accountId = await accountIdOf(auth);
    const group = (await call("POST", "/v1/groups", { auth, body: { name: `iso_${id()}` } })).json.data;
    for (const [service, config, binding] of [
      ["d1", { database: "WAREHOUSE" }, "WAREHOUSE"],
      ["r2", { bucket: "DATA_LAKE", prefix: "lake" }, "DATA_LAKE"],
    ] as const) {
      const res = await call("POST", "/v1/destinations", {
        auth,
        body: { group_id: group.id, service, time_zone_offset: "0", config },
      });
      expect(res.status, service).toBe(400);
      expect(res.json).toEqual({
        code: "InvalidInput",
        message: `Binding '${binding}' is not granted to this account; an operator must grant it (PUT /operator/accounts/{account_id}/bindings/${binding})`,
      });
      expect((await call("GET", `/v1/destinations/${group.id}`, { auth })).status).toBe(404);
    }

    // PATCH: a destination reaching R2 over its S3 API may not add the shared bucket.
    const s3 = {
      account_id: "0123456789abcdef0123456789abcdef",
      bucket_name: "their-bucket",
      access_key_id: "AKIA",
      secret_access_key: "secret",
    };
    const created = await call("POST", "/v1/destinations", {
      auth,
      body: { group_id: group.id, service: "r2", time_zone_offset: "0", run_setup_tests: false, config: s3 },
    });
    expect(created.status).toBe(201);
    const patched = await call("PATCH", `/v1/destinations/${group.id}`, {
      auth,
      body: { config: { bucket: "DATA_LAKE" } },
    });
    expect(patched.status).toBe(400);
    expect(patched.json.message).toMatch(/^Binding 'DATA_LAKE' is not granted to this account/);
    expect((await call("GET", `/v1/destinations/${group.id}`, { auth })).json.data.config.bucket).toBeUndefined();

    // Once granted, the same request passes.
    const grant = await call("PUT", `/operator/accounts/${accountId}/bindings/DATA_LAKE`, { auth: OPERATOR });
    expect(grant.status).toBe(201);
    expect(
      (await call("PATCH", `/v1/destinations/${group.id}`, { auth, body: { config: { bucket: "DATA_LAKE" } } })).status,
    ).toBe(200);
  });

  it("refuses again when the binding is opened after the grant was revoked: the run fails, the setup test fails", async () => {
    const { auth, accountId } = await newAccountWithId("revoked");
    const namespace = await namespaceOf(accountId, "WAREHOUSE");
    const groupId = await groupWith(auth, "d1", { database: "WAREHOUSE" });
    const schema = `iso_${id()}`;
    const connection = await sampleConnection(auth, groupId, { schema, scale: 10 });
    const revoke = await call("DELETE", `/operator/accounts/${accountId}/bindings/WAREHOUSE`, { auth: OPERATOR });
    expect(revoke.status).toBe(200);

    const run = await syncToEnd(auth, connection);
    expect(run.succeeded_at).toBeNull();
    expect(run.failed_at).not.toBeNull();
    expect(JSON.stringify(run.status)).toContain("Binding 'WAREHOUSE' is not granted to this account");
    expect(await tablesLike(`${namespace}__${schema}__%`)).toEqual([]);

    const tested = await call("POST", `/v1/destinations/${groupId}/test`, { auth });
    expect(tested.status).toBe(200);
    expect(tested.json.data.setup_status).toBe("broken");
    expect(tested.json.data.setup_tests).toEqual([
      {
        title: "Checking access to the binding",
        status: "FAILED",
        message: expect.stringMatching(/^Binding 'WAREHOUSE' is not granted to this account/),
      },
    ]);
  });

  it("refuses two groups of one account writing the same schema through one binding, naming the other connection", async () => {
    const auth = await newAccount("two groups");
    const schema = `iso_${id()}`;
    const one = await groupWith(auth, "d1", { database: "WAREHOUSE" });
    const two = await groupWith(auth, "d1", { database: "WAREHOUSE" });
    const first = await sampleConnection(auth, one, { schema });

    const clash = await call("POST", "/v1/connections", {
      auth,
      body: { group_id: two, service: "sample", config: { schema } },
    });
    expect(clash.status).toBe(400);
    expect(clash.json.code).toBe("InvalidInput");
    expect(clash.json.message).toContain(`Connection '${first}' of group '${one}' already writes schema '${schema}'`);
    expect((await call("GET", `/v1/groups/${two}/connections`, { auth })).json.data.items).toEqual([]);

    // A group without a destination takes the schema, but may then not get a destination on WAREHOUSE.
    const three = (await call("POST", "/v1/groups", { auth, body: { name: `iso_${id()}` } })).json.data.id;
    await sampleConnection(auth, three, { schema });
    const destination = await call("POST", "/v1/destinations", {
      auth,
      body: { group_id: three, service: "d1", time_zone_offset: "0", config: { database: "WAREHOUSE" } },
    });
    expect(destination.status).toBe(400);
    expect(destination.json.message).toContain(`Connection '${first}' of group '${one}'`);
    // Another schema, or another account with the same schema, is fine.
    await sampleConnection(auth, two, { schema: `${schema}_other` });
    const stranger = await newAccount("stranger");
    await sampleConnection(stranger, await groupWith(stranger, "d1", { database: "WAREHOUSE" }), { schema });
  });
});

describe("two tenants on the DATA_LAKE binding", () => {
  /** DATA_LAKE that records the key of every call, passed through to the real bucket. */
  function recording(keys: string[]): R2Bucket {
    return new Proxy(lake, {
      get(target, property) {
        const value = Reflect.get(target, property, target);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          const first = args[0];
          const named = typeof first === "string" ? [first] : Array.isArray(first) ? first : [];
          for (const key of named) keys.push(String(key));
          if (property === "list") keys.push(String((first as R2ListOptions | undefined)?.prefix ?? ""));
          return value.apply(target, args);
        };
      },
    });
  }

  it("runs each account's r2 setup test under its own namespace, with the same user-chosen prefix", async () => {
    const app = createApp();
    const prefix = `lake_${id()}`;
    const seen: Record<string, string[]> = {};
    for (const name of ["tenant a", "tenant b"]) {
      const { auth, accountId } = await newAccountWithId(name);
      const namespace = await namespaceOf(accountId, "DATA_LAKE");
      const keys: string[] = [];
      const spied = { ...env, DATA_LAKE: recording(keys) };
      const group = (await call("POST", "/v1/groups", { auth, body: { name: `iso_${id()}` } })).json.data.id;
      const res = await app.request(
        "/v1/destinations",
        {
          method: "POST",
          headers: { authorization: auth, "content-type": "application/json" },
          body: JSON.stringify({
            group_id: group,
            service: "r2",
            time_zone_offset: "0",
            config: { bucket: "DATA_LAKE", format: "json", prefix },
          }),
        },
        spied,
      );
      const body = (await res.json()) as { data: { setup_status: string; setup_tests: { message: string }[] } };
      expect(res.status, JSON.stringify(body)).toBe(201);
      expect(body.data.setup_status).toBe("connected");
      expect(body.data.setup_tests[0]?.message).toContain(`namespace ${namespace}`);
      // The probe was written, read and deleted, every key under the account's namespace.
      expect(keys.length).toBeGreaterThanOrEqual(3);
      for (const key of keys) expect(key.startsWith(`${namespace}/${prefix}/`), key).toBe(true);
      seen[namespace] = keys;
    }
    const [nsA, nsB] = Object.keys(seen) as [string, string];
    expect(nsA).not.toBe(nsB);
    expect((await lake.list({ prefix: `${prefix}/` })).objects).toEqual([]);
  });

  it("confines what a connector writes through its context: same key, two objects, each listed only by its owner", async () => {
    const a = await newAccountWithId("writer a");
    const b = await newAccountWithId("writer b");
    const config = { bucket: "DATA_LAKE", format: "json" as const, prefix: "lake" };
    const ctxA = await connectorContext(env as unknown as Env, a.accountId, r2Destination, config);
    const ctxB = await connectorContext(env as unknown as Env, b.accountId, r2Destination, config);
    const bucketA = ctxA.bindings.DATA_LAKE as R2Bucket;
    const bucketB = ctxB.bindings.DATA_LAKE as R2Bucket;
    await bucketA.put("lake/orders/part-0.json", "from a");
    await bucketB.put("lake/orders/part-0.json", "from b");

    const nsA = await namespaceOf(a.accountId, "DATA_LAKE");
    const nsB = await namespaceOf(b.accountId, "DATA_LAKE");
    expect(ctxA.namespaces).toEqual({ DATA_LAKE: nsA });
    expect((await lake.list({ prefix: `${nsA}/` })).objects.map((o) => o.key)).toEqual([
      `${nsA}/lake/orders/part-0.json`,
    ]);
    expect((await lake.list({ prefix: `${nsB}/` })).objects.map((o) => o.key)).toEqual([
      `${nsB}/lake/orders/part-0.json`,
    ]);
    expect((await bucketA.list({ prefix: "lake/" })).objects.map((o) => o.key)).toEqual(["lake/orders/part-0.json"]);
    expect(await (await bucketA.get("lake/orders/part-0.json"))?.text()).toBe("from a");
    expect(await (await bucketB.get("lake/orders/part-0.json"))?.text()).toBe("from b");
    await expect(bucketA.get(`../${nsB}/lake/orders/part-0.json`)).rejects.toThrow(/must not contain/);
    await bucketA.delete("lake/orders/part-0.json");
    await bucketB.delete("lake/orders/part-0.json");

    // Revoked: the engine hands the bucket out no more.
    await call("DELETE", `/operator/accounts/${a.accountId}/bindings/DATA_LAKE`, { auth: OPERATOR });
    await expect(connectorContext(env as unknown as Env, a.accountId, r2Destination, config)).rejects.toThrow(
      /^Binding 'DATA_LAKE' is not granted to this account/,
    );
  });
});

describe("operator API: binding grants", () => {
  it("grants (201), moves (200), lists, refuses unknown bindings (400), accounts (404) and taken namespaces (409), revokes", async () => {
    const a = await newAccountWithId("grants a", []);
    const b = await newAccountWithId("grants b", []);
    const path = (account: string, binding = "WAREHOUSE") => `/operator/accounts/${account}/bindings/${binding}`;

    const granted = await call("PUT", path(a.accountId), { auth: OPERATOR });
    expect(granted.status).toBe(201);
    expect(granted.json).toEqual({
      code: "Success",
      message: "Binding has been granted",
      data: {
        binding: "WAREHOUSE",
        account_id: a.accountId,
        namespace: a.accountId.toLowerCase().replace(/[^a-z0-9]+/g, "_"),
        implicit: false,
        created_at: expect.any(String),
      },
    });
    const moved = await call("PUT", path(a.accountId), { auth: OPERATOR, body: { namespace: `acme_${a.accountId}` } });
    expect(moved.status).toBe(200);
    expect(moved.json.data.namespace).toBe(`acme_${a.accountId}`);
    expect((await call("PUT", path(a.accountId, "DATA_LAKE"), { auth: OPERATOR, body: {} })).status).toBe(201);

    const listed = await call("GET", `/operator/accounts/${a.accountId}/bindings`, { auth: OPERATOR });
    expect(listed.status).toBe(200);
    expect(listed.json.data.items.map((g: { binding: string; namespace: string }) => [g.binding, g.namespace])).toEqual(
      [
        ["DATA_LAKE", granted.json.data.namespace],
        ["WAREHOUSE", `acme_${a.accountId}`],
      ],
    );

    // B may not take A's namespace in the same binding, nor the bootstrap's empty one; in another binding it may.
    const taken = await call("PUT", path(b.accountId), { auth: OPERATOR, body: { namespace: `acme_${a.accountId}` } });
    expect(taken.status).toBe(409);
    expect(taken.json).toEqual({
      code: "Conflict",
      message: `Namespace 'acme_${a.accountId}' of binding 'WAREHOUSE' is already granted to account '${a.accountId}'`,
    });
    const empty = await call("PUT", path(b.accountId), { auth: OPERATOR, body: { namespace: "" } });
    expect(empty.status).toBe(409);
    expect(empty.json.message).toContain("belongs to the bootstrap account");
    expect(
      (
        await call("PUT", path(b.accountId, "DATA_LAKE"), {
          auth: OPERATOR,
          body: { namespace: `acme_${a.accountId}` },
        })
      ).status,
    ).toBe(201);

    for (const [binding, pattern] of [
      ["NOPE", /^'NOPE' is not a shared binding of this Worker; grantable: /],
      ["DB", /^'DB' is not a shared binding/],
      ["SYNC_QUEUE", /^'SYNC_QUEUE' is not a shared binding/],
      ["FIVETRAN_API_SECRET", /^'FIVETRAN_API_SECRET' is not a shared binding/],
    ] as const) {
      const res = await call("PUT", path(a.accountId, binding), { auth: OPERATOR });
      expect(res.status, binding).toBe(400);
      expect(res.json.code).toBe("InvalidInput");
      expect(res.json.message).toMatch(pattern);
      expect(res.json.message).toContain("WAREHOUSE");
    }
    for (const namespace of ["Acme", "a__b", "_a", "a_", "a/b", "a-b", "x".repeat(64), 7]) {
      const res = await call("PUT", path(a.accountId), { auth: OPERATOR, body: { namespace } });
      expect(res.status, String(namespace)).toBe(400);
      expect(res.json.code).toBe("InvalidInput");
    }
    expect((await call("PUT", path("no_such_account"), { auth: OPERATOR })).status).toBe(404);
    expect((await call("GET", "/operator/accounts/no_such_account/bindings", { auth: OPERATOR })).status).toBe(404);
    expect((await call("PUT", path(a.accountId), { auth: null })).status).toBe(401);
    expect((await call("GET", `/operator/accounts/${a.accountId}/bindings`)).status).toBe(401);

    const revoked = await call("DELETE", path(a.accountId), { auth: OPERATOR });
    expect(revoked.status).toBe(200);
    expect(revoked.json).toEqual({
      code: "Success",
      message: `Binding 'WAREHOUSE' has been revoked for account '${a.accountId}'`,
    });
    expect((await call("DELETE", path(a.accountId), { auth: OPERATOR })).status).toBe(404);
    // The freed namespace can be granted to B now.
    expect(
      (await call("PUT", path(b.accountId), { auth: OPERATOR, body: { namespace: `acme_${a.accountId}` } })).status,
    ).toBe(201);
  });

  it("lists the bootstrap account's own access to every shared binding under the empty namespace", async () => {
    const bootstrap = await accountIdOf(BOOTSTRAP);
    const res = await call("GET", `/operator/accounts/${bootstrap}/bindings`, { auth: OPERATOR });
    expect(res.status).toBe(200);
    expect(res.json.data.items).toEqual([
      { binding: "DATA_LAKE", account_id: bootstrap, namespace: "", implicit: true, created_at: null },
      { binding: "WAREHOUSE", account_id: bootstrap, namespace: "", implicit: true, created_at: null },
    ]);
  });
});

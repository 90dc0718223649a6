/**
 * System keys (issue #16 item 6): Fivetran's System Key Management API, the keys authenticating
 * /v1 with their own permissions, rotation, expiry and deletion.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { basic, call } from "./helpers";
import { adminAccount, connection, group, userWithKey } from "./mgmt-helpers";

interface Permission {
  resource_type: string;
  access_level: string;
  resource_filter?: { ids?: string[]; group_ids?: string[] };
}

async function createKey(auth: string, body: Record<string, unknown>) {
  const res = await call("POST", "/v1/system-keys", { auth, body });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  const data = res.json.data;
  return { id: data.id as string, auth: basic(data.key, data.secret), res };
}

async function keyWith(auth: string, permissions: Permission[]) {
  return createKey(auth, { name: "scoped_key", permissions });
}

describe("system keys: management", () => {
  it("creates a key (201) whose secret is shown once, and lists and details it without the secret", async () => {
    const admin = await adminAccount();
    const permissions = [
      { resource_type: "USER", access_level: "READ" },
      { resource_type: "CONNECTOR", access_level: "NONE", resource_filter: { ids: ["c_1"] } },
    ];
    const { id, res } = await createKey(admin.auth, { name: "prod_key", expiration_period: "INFINITE", permissions });
    expect(res.json.code).toBe("Success");
    expect(res.json.message).toBe("System key has been created");
    const created = res.json.data;
    expect(created).toMatchObject({ id, name: "prod_key", permissions, expired_at: null, last_used_at: null });
    expect(created.key).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(created.secret).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(created.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);

    const details = await call("GET", `/v1/system-keys/${id}`, { auth: admin.auth });
    expect(details.status).toBe(200);
    expect(details.json.message).toBe("System key details retrieved successfully");
    expect(details.json.data).toEqual({ ...created, secret: undefined, updated_at: null });
    expect(details.json.data).not.toHaveProperty("secret");

    const list = await call("GET", "/v1/system-keys?limit=10", { auth: admin.auth });
    expect(list.status).toBe(200);
    expect(list.json.message).toBe("System keys retrieved successfully");
    expect(list.json.data.items.map((k: { id: string }) => k.id)).toEqual([id]);
    expect(list.json.data.items[0]).not.toHaveProperty("secret");
    expect(JSON.stringify(list.json)).not.toContain(created.secret);
  });

  it("pages the list with Fivetran's cursor", async () => {
    const admin = await adminAccount();
    const ids = [];
    for (const name of ["k_a", "k_b", "k_c"]) ids.push((await createKey(admin.auth, { name })).id);
    const first = await call("GET", "/v1/system-keys?limit=2", { auth: admin.auth });
    expect(first.json.data.items).toHaveLength(2);
    const next = await call("GET", `/v1/system-keys?limit=2&cursor=${first.json.data.next_cursor}`, {
      auth: admin.auth,
    });
    expect(next.json.data.next_cursor).toBeUndefined();
    const seen = [...first.json.data.items, ...next.json.data.items].map((k: { id: string }) => k.id);
    expect(seen.sort()).toEqual([...ids].sort());
  });

  it("expires after its expiration period, counted in calendar months", async () => {
    const admin = await adminAccount();
    const before = Date.now();
    const week = (await createKey(admin.auth, { name: "week", expiration_period: "ONE_WEEK" })).res.json.data;
    const week_ms = Date.parse(week.expired_at) - Date.parse(week.created_at);
    expect(week_ms).toBe(7 * 86_400_000);
    const three = (await createKey(admin.auth, { name: "three", expiration_period: "THREE_MONTHS" })).res.json.data;
    const created = new Date(three.created_at);
    const expected = new Date(created);
    expected.setUTCMonth(expected.getUTCMonth() + 3);
    expect(Date.parse(three.expired_at)).toBe(expected.getTime());
    expect(Date.parse(three.created_at)).toBeGreaterThanOrEqual(before - 1000);
  });

  it("updates name and permissions; permissions replace the key's rules", async () => {
    const admin = await adminAccount();
    const { id, auth } = await keyWith(admin.auth, [{ resource_type: "USER", access_level: "READ" }]);
    expect((await call("GET", "/v1/users", { auth })).status).toBe(200);
    const patched = await call("PATCH", `/v1/system-keys/${id}`, {
      auth: admin.auth,
      body: { name: "renamed", permissions: [{ resource_type: "TEAM", access_level: "MANAGE" }] },
    });
    expect(patched.status, JSON.stringify(patched.json)).toBe(200);
    expect(patched.json.message).toBe("System key has been updated");
    expect(patched.json.data).toMatchObject({
      id,
      name: "renamed",
      permissions: [{ resource_type: "TEAM", access_level: "MANAGE" }],
    });
    expect(patched.json.data.updated_at).toMatch(/Z$/);
    expect(patched.json.data).not.toHaveProperty("secret");
    // The new rules hold at once: users are no longer readable, teams are.
    expect((await call("GET", "/v1/users", { auth })).status).toBe(403);
    expect((await call("GET", "/v1/teams", { auth })).status).toBe(200);
    // Only the name: the rules stay.
    const named = await call("PATCH", `/v1/system-keys/${id}`, { auth: admin.auth, body: { name: "again" } });
    expect(named.json.data.permissions).toEqual([{ resource_type: "TEAM", access_level: "MANAGE" }]);
  });

  it("rotates: a new secret (200, shown once), the old one stops working, a new expiry from now", async () => {
    const admin = await adminAccount();
    const { id, auth: oldAuth, res } = await createKey(admin.auth, { name: "rot", expiration_period: "ONE_WEEK" });
    expect((await call("GET", "/v1/account/info", { auth: oldAuth })).status).toBe(200);
    const rotated = await call("POST", `/v1/system-keys/${id}/rotate`, {
      auth: admin.auth,
      body: { expiration_period: "ONE_MONTH" },
    });
    expect(rotated.status, JSON.stringify(rotated.json)).toBe(200);
    expect(rotated.json.message).toBe(`System key with id '${id}' has been rotated`);
    const data = rotated.json.data;
    expect(data.key).toBe(res.json.data.key);
    expect(data.secret).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(data.secret).not.toBe(res.json.data.secret);
    expect(Date.parse(data.expired_at) - Date.parse(data.updated_at)).toBeGreaterThan(27 * 86_400_000);
    const stale = await call("GET", "/v1/account/info", { auth: oldAuth });
    expect(stale.status).toBe(401);
    expect(stale.json.code).toBe("Unauthorized");
    const fresh = await call("GET", "/v1/account/info", { auth: basic(data.key, data.secret) });
    expect(fresh.status).toBe(200);
    // Without a period the key keeps its own (now ONE_MONTH); an empty body is fine.
    const again = await call("POST", `/v1/system-keys/${id}/rotate`, { auth: admin.auth });
    expect(again.status).toBe(200);
    expect(Date.parse(again.json.data.expired_at) - Date.parse(again.json.data.updated_at)).toBeGreaterThan(
      27 * 86_400_000,
    );
    const details = await call("GET", `/v1/system-keys/${id}`, { auth: admin.auth });
    expect(details.json.data).not.toHaveProperty("secret");
  });

  it("deletes a key: it stops authenticating and is 404 from then on", async () => {
    const admin = await adminAccount();
    const { id, auth } = await keyWith(admin.auth, []);
    const deleted = await call("DELETE", `/v1/system-keys/${id}`, { auth: admin.auth });
    expect(deleted.status).toBe(200);
    expect(deleted.json).toEqual({ code: "Success", message: `System key with id '${id}' has been deleted` });
    expect((await call("GET", "/v1/account/info", { auth })).status).toBe(401);
    const gone = await call("GET", `/v1/system-keys/${id}`, { auth: admin.auth });
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual({ code: "NotFound_SystemKey", message: `SystemKey with id '${id}' does not exist.` });
    expect((await call("DELETE", `/v1/system-keys/${id}`, { auth: admin.auth })).status).toBe(404);
  });

  it("answers 404 for another account's key on every route", async () => {
    const owner = await adminAccount("owner");
    const other = await adminAccount("other");
    const { id } = await keyWith(owner.auth, []);
    for (const [method, path, body] of [
      ["GET", `/v1/system-keys/${id}`, undefined],
      ["PATCH", `/v1/system-keys/${id}`, { name: "stolen" }],
      ["POST", `/v1/system-keys/${id}/rotate`, {}],
      ["DELETE", `/v1/system-keys/${id}`, undefined],
    ] as const) {
      const res = await call(method, path, { auth: other.auth, body });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json.code).toBe("NotFound_SystemKey");
    }
    expect((await call("GET", "/v1/system-keys", { auth: other.auth })).json.data.items).toEqual([]);
    expect((await call("GET", `/v1/system-keys/${id}`, { auth: owner.auth })).json.data.name).toBe("scoped_key");
  });

  it("refuses bad input with 400 InvalidInput", async () => {
    const admin = await adminAccount();
    const bad: Record<string, unknown>[] = [
      {},
      { name: "1starts_with_digit" },
      { name: "has space" },
      { name: "ok", expiration_period: "ONE_YEAR" },
      { name: "ok", permissions: [{ resource_type: "EVERYTHING", access_level: "READ" }] },
      { name: "ok", permissions: [{ resource_type: "USER", access_level: "WRITE" }] },
      { name: "ok", permissions: [{ resource_type: "USER", access_level: "READ", resource_filter: { ids: ["u"] } }] },
      { name: "ok", permissions: "all" },
      // An empty filter would widen the rule to every connection: refused, not read as general.
      { name: "ok", permissions: [{ resource_type: "CONNECTOR", access_level: "MANAGE", resource_filter: {} }] },
      {
        name: "ok",
        permissions: [{ resource_type: "CONNECTOR", access_level: "MANAGE", resource_filter: { ids: [] } }],
      },
    ];
    for (const body of bad) {
      const res = await call("POST", "/v1/system-keys", { auth: admin.auth, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.code).toBe("InvalidInput");
    }
    const filtered = await call("POST", "/v1/system-keys", {
      auth: admin.auth,
      body: {
        name: "ok",
        permissions: [{ resource_type: "USER", access_level: "READ", resource_filter: { ids: ["u"] } }],
      },
    });
    expect(filtered.json.message).toMatch(
      /resource_filter is supported only for resource types CONNECTOR and DESTINATION/,
    );
    const { id } = await keyWith(admin.auth, []);
    const patch = await call("PATCH", `/v1/system-keys/${id}`, { auth: admin.auth, body: { name: "-" } });
    expect(patch.status).toBe(400);
    const rotate = await call("POST", `/v1/system-keys/${id}/rotate`, {
      auth: admin.auth,
      body: { expiration_period: "FOREVER" },
    });
    expect(rotate.status).toBe(400);
    expect(rotate.json.code).toBe("InvalidInput");
    expect((await call("GET", "/v1/system-keys", { auth: admin.auth })).json.data.items).toHaveLength(1);
  });

  it("is managed only by an Account Administrator's user key", async () => {
    const admin = await adminAccount();
    const reviewer = await userWithKey(admin, "reviewer@example.com", "Account Reviewer");
    for (const [method, path] of [
      ["GET", "/v1/system-keys"],
      ["POST", "/v1/system-keys"],
    ] as const) {
      const res = await call(method, path, {
        auth: reviewer.auth,
        body: method === "POST" ? { name: "x" } : undefined,
      });
      expect(res.status).toBe(403);
      expect(res.json.code).toBe("Forbidden");
    }
    const everything = ["ACCOUNT", "USER", "DESTINATION", "CONNECTOR"].map((resource_type) => ({
      resource_type,
      access_level: "MANAGE",
    }));
    const { auth } = await keyWith(admin.auth, everything);
    const res = await call("POST", "/v1/system-keys", { auth, body: { name: "child" } });
    expect(res.status).toBe(403);
    expect(res.json.code).toBe("Forbidden");
    expect((await call("GET", "/v1/system-keys", { auth })).status).toBe(403);
  });
});

describe("system keys: authentication", () => {
  it("authenticates /v1 and identifies itself in /v1/account/info; records last_used_at", async () => {
    const admin = await adminAccount();
    const { id, auth } = await keyWith(admin.auth, []);
    const info = await call("GET", "/v1/account/info", { auth });
    expect(info.status).toBe(200);
    expect(info.json.data).toEqual({
      account_id: admin.accountId,
      account_name: "mgmt account",
      system_key_id: id,
    });
    const details = await call("GET", `/v1/system-keys/${id}`, { auth: admin.auth });
    expect(details.json.data.last_used_at).toMatch(/Z$/);
  });

  it("answers 401 once the key has expired", async () => {
    const admin = await adminAccount();
    const { id, auth } = await createKey(admin.auth, {
      name: "short",
      expiration_period: "ONE_WEEK",
      permissions: [{ resource_type: "USER", access_level: "READ" }],
    });
    expect((await call("GET", "/v1/users", { auth })).status).toBe(200);
    // A week later, as far as the key knows.
    await env.DB.prepare("UPDATE system_keys SET expired_at = ? WHERE id = ?")
      .bind(new Date(Date.now() - 1000).toISOString(), id)
      .run();
    const expired = await call("GET", "/v1/users", { auth });
    expect(expired.status).toBe(401);
    expect(expired.json.code).toBe("Unauthorized");
    // Rotating gives it a new life.
    const rotated = await call("POST", `/v1/system-keys/${id}/rotate`, { auth: admin.auth, body: {} });
    expect(
      (await call("GET", "/v1/users", { auth: basic(rotated.json.data.key, rotated.json.data.secret) })).status,
    ).toBe(200);
  });

  it("answers 401 for a wrong secret", async () => {
    const admin = await adminAccount();
    const { res } = await keyWith(admin.auth, []);
    const wrong = await call("GET", "/v1/account/info", { auth: basic(res.json.data.key, "x".repeat(32)) });
    expect(wrong.status).toBe(401);
  });
});

describe("system keys: permissions", () => {
  it("READ reads and MANAGE changes, per resource type; no rule is no access", async () => {
    const admin = await adminAccount();
    const { auth } = await keyWith(admin.auth, [
      { resource_type: "USER", access_level: "READ" },
      { resource_type: "TEAM", access_level: "MANAGE" },
      { resource_type: "WEBHOOK", access_level: "NONE" },
    ]);
    expect((await call("GET", "/v1/users", { auth })).status).toBe(200);
    const invite = await call("POST", "/v1/users", {
      auth,
      body: { email: "new@example.com", given_name: "N", family_name: "U" },
    });
    expect(invite.status).toBe(403);
    expect(invite.json).toMatchObject({ code: "Forbidden" });
    const team = await call("POST", "/v1/teams", { auth, body: { name: "From a key" } });
    expect(team.status, JSON.stringify(team.json)).toBe(201);
    expect((await call("GET", "/v1/webhooks", { auth })).status).toBe(403);
    expect((await call("GET", "/v1/roles", { auth })).status).toBe(403);
    expect((await call("GET", "/v1/metadata/connector-types", { auth })).status).toBe(403);
    expect((await call("GET", "/v1/groups", { auth })).json.data.items).toEqual([]);
  });

  it("CONNECTOR and DESTINATION rules: entity rules override group rules, which override general ones", async () => {
    const admin = await adminAccount();
    const g1 = await group(admin.auth, "g_one");
    const g2 = await group(admin.auth, "g_two");
    const c1 = await connection(admin.auth, g1, "s_one");
    const c2 = await connection(admin.auth, g1, "s_two");
    const c3 = await connection(admin.auth, g2, "s_three");
    const { auth } = await keyWith(admin.auth, [
      { resource_type: "CONNECTOR", access_level: "READ" },
      { resource_type: "CONNECTOR", access_level: "MANAGE", resource_filter: { group_ids: [g1] } },
      { resource_type: "CONNECTOR", access_level: "NONE", resource_filter: { ids: [c2] } },
      { resource_type: "DESTINATION", access_level: "READ", resource_filter: { ids: [g2] } },
    ]);
    // Lists hold only what the key may read.
    const list = await call("GET", "/v1/connections", { auth });
    expect(list.status).toBe(200);
    expect(list.json.data.items.map((item: { id: string }) => item.id).sort()).toEqual([c1, c3].sort());
    const groups = await call("GET", "/v1/groups", { auth });
    expect(groups.json.data.items.map((item: { id: string }) => item.id)).toEqual([g2]);
    // Entity rule: c2 is hidden although its group is managed.
    expect((await call("GET", `/v1/connections/${c2}`, { auth })).status).toBe(403);
    // Group rule: connections of g1 may change; general rule: c3 only reads.
    const paused = await call("PATCH", `/v1/connections/${c1}`, { auth, body: { paused: false } });
    expect(paused.status, JSON.stringify(paused.json)).toBe(200);
    expect((await call("GET", `/v1/connections/${c3}`, { auth })).status).toBe(200);
    expect((await call("PATCH", `/v1/connections/${c3}`, { auth, body: { paused: false } })).status).toBe(403);
    // Creating a connection needs MANAGE in the group.
    const inG2 = await call("POST", "/v1/connections", {
      auth,
      body: { group_id: g2, service: "sample", config: { schema: "s_new" }, paused: true, run_setup_tests: false },
    });
    expect(inG2.status).toBe(403);
    const inG1 = await call("POST", "/v1/connections", {
      auth,
      body: { group_id: g1, service: "sample", config: { schema: "s_new" }, paused: true, run_setup_tests: false },
    });
    expect(inG1.status, JSON.stringify(inG1.json)).toBe(201);
    // Destinations: g2 reads, g1 does not; no group may be created or changed.
    expect((await call("GET", `/v1/groups/${g2}`, { auth })).status).toBe(200);
    expect((await call("GET", `/v1/groups/${g1}`, { auth })).status).toBe(403);
    expect((await call("PATCH", `/v1/groups/${g2}`, { auth, body: { name: "renamed" } })).status).toBe(403);
    expect((await call("POST", "/v1/groups", { auth, body: { name: "new_group" } })).status).toBe(403);
    // A group's connections list is filtered by the CONNECTOR rules too.
    const ofG2 = await call("GET", `/v1/groups/${g2}/connections`, { auth });
    expect(ofG2.json.data.items.map((item: { id: string }) => item.id)).toEqual([c3]);
    // An unknown connection under a general READ rule is Fivetran's 404, not a 403.
    expect((await call("GET", "/v1/connections/no_such_thing", { auth })).status).toBe(404);
  });

  it("deleting a connection needs MANAGE on it", async () => {
    const admin = await adminAccount();
    const g = await group(admin.auth, "g_del");
    const c = await connection(admin.auth, g, "s_del");
    const reader = await keyWith(admin.auth, [{ resource_type: "CONNECTOR", access_level: "READ" }]);
    expect((await call("DELETE", `/v1/connections/${c}`, { auth: reader.auth })).status).toBe(403);
    const manager = await keyWith(admin.auth, [
      { resource_type: "CONNECTOR", access_level: "MANAGE", resource_filter: { ids: [c] } },
    ]);
    expect((await call("DELETE", `/v1/connections/${c}`, { auth: manager.auth })).status).toBe(200);
  });
});

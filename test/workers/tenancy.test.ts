import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { BOOTSTRAP, basic, call, newAccount, OPERATOR } from "./helpers";

describe("tenancy", () => {
  it("never lets one account see or change another account's groups (404, so existence does not leak)", async () => {
    const alice = await newAccount("alice");
    const bob = await newAccount("bob");
    const group = (await call("POST", "/v1/groups", { auth: alice, body: { name: "private" } })).json.data;

    expect((await call("GET", "/v1/groups", { auth: bob })).json.data.items).toEqual([]);
    for (const [method, path, body] of [
      ["GET", `/v1/groups/${group.id}`, undefined],
      ["PATCH", `/v1/groups/${group.id}`, { name: "stolen" }],
      ["DELETE", `/v1/groups/${group.id}`, undefined],
      ["GET", `/v1/groups/${group.id}/connections`, undefined],
      ["GET", `/v1/groups/${group.id}/connectors`, undefined],
    ] as const) {
      const res = await call(method, path, { auth: bob, body });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json).toEqual({ code: "NotFound_Group", message: `Group with id '${group.id}' does not exist.` });
    }
    // Alice's group is untouched, and Bob may use the same name in his own account.
    expect((await call("GET", `/v1/groups/${group.id}`, { auth: alice })).json.data.name).toBe("private");
    expect((await call("POST", "/v1/groups", { auth: bob, body: { name: "private" } })).status).toBe(201);
  });

  it("gives each account its own account info", async () => {
    const alice = await newAccount("alice");
    const info = (await call("GET", "/v1/account/info", { auth: alice })).json.data;
    const boot = (await call("GET", "/v1/account/info")).json.data;
    expect(info.account_name).toBe("alice");
    expect(info.account_id).not.toBe(boot.account_id);
  });
});

describe("operator API", () => {
  it("is closed without the operator secret, and with a wrong one", async () => {
    const none = await call("POST", "/operator/accounts", { auth: null, body: { name: "x" } });
    expect(none.status).toBe(401);
    const wrong = await call("POST", "/operator/accounts", { auth: "Bearer nope", body: { name: "x" } });
    expect(wrong.status).toBe(401);
    const basicKey = await call("POST", "/operator/accounts", { body: { name: "x" } });
    expect(basicKey.status).toBe(401);
  });

  it("answers 403 when the Worker has no operator secret, and the bootstrap key stops working without its secret", async () => {
    const app = createApp();
    const closed = { ...env, FIVETRAN_OPERATOR_SECRET: undefined, FIVETRAN_API_SECRET: undefined };
    const op = await app.request(
      "/operator/accounts",
      { method: "POST", headers: { authorization: OPERATOR } },
      closed,
    );
    expect(op.status).toBe(403);
    expect(await op.json()).toEqual({
      code: "Forbidden",
      message: expect.stringContaining("FIVETRAN_OPERATOR_SECRET"),
    });
    const boot = await app.request("/v1/groups", { headers: { authorization: BOOTSTRAP } }, closed);
    expect(boot.status).toBe(401);
  });

  it("creates an account whose key works, and stores only a hash of the secret", async () => {
    const res = await call("POST", "/operator/accounts", {
      auth: OPERATOR,
      body: { name: "acme", email: "a@acme.test" },
    });
    expect(res.status).toBe(201);
    const { api_key, api_secret, account_id, user_id } = res.json.data;
    expect(api_key).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(api_secret).toMatch(/^[A-Za-z0-9]{32}$/);
    const info = await call("GET", "/v1/account/info", { auth: basic(api_key, api_secret) });
    expect(info.json.data).toEqual({ account_id, account_name: "acme", user_id });

    const stored = await env.DB.prepare("SELECT * FROM api_keys WHERE api_key = ?").bind(api_key).first();
    expect(JSON.stringify(stored)).not.toContain(api_secret);
    expect(stored?.secret_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("issues further keys, rotates a secret and revokes a key", async () => {
    const created = (await call("POST", "/operator/accounts", { auth: OPERATOR, body: { name: "rot" } })).json.data;
    const first = basic(created.api_key, created.api_secret);

    const second = await call("POST", `/operator/accounts/${created.account_id}/keys`, { auth: OPERATOR });
    expect(second.status).toBe(201);
    expect(second.json.data.account_id).toBe(created.account_id);
    const secondAuth = basic(second.json.data.api_key, second.json.data.api_secret);
    // Both keys see the same account's resources.
    const group = (await call("POST", "/v1/groups", { auth: first, body: { name: "shared" } })).json.data;
    expect((await call("GET", `/v1/groups/${group.id}`, { auth: secondAuth })).status).toBe(200);

    const rotated = await call("POST", `/operator/keys/${created.api_key}/rotate`, { auth: OPERATOR });
    expect(rotated.status).toBe(200);
    expect(rotated.json.data.api_key).toBe(created.api_key);
    expect(rotated.json.data.api_secret).not.toBe(created.api_secret);
    expect((await call("GET", "/v1/groups", { auth: first })).status).toBe(401);
    expect(
      (await call("GET", "/v1/groups", { auth: basic(created.api_key, rotated.json.data.api_secret) })).status,
    ).toBe(200);

    const revoked = await call("DELETE", `/operator/keys/${second.json.data.api_key}`, { auth: OPERATOR });
    expect(revoked.status).toBe(200);
    expect((await call("GET", "/v1/groups", { auth: secondAuth })).status).toBe(401);
    expect((await call("DELETE", `/operator/keys/${second.json.data.api_key}`, { auth: OPERATOR })).status).toBe(404);
    expect((await call("POST", `/operator/keys/${second.json.data.api_key}/rotate`, { auth: OPERATOR })).status).toBe(
      404,
    );

    const keys = await call("GET", `/operator/accounts/${created.account_id}/keys`, { auth: OPERATOR });
    expect(keys.status).toBe(200);
    expect(keys.json.data.items).toHaveLength(2);
    expect(JSON.stringify(keys.json)).not.toMatch(/secret/);
    expect(
      keys.json.data.items.find((k: { api_key: string }) => k.api_key === second.json.data.api_key).revoked_at,
    ).toMatch(/Z$/);
  });

  it("issues keys for the bootstrap account too", async () => {
    const { account_id } = (await call("GET", "/v1/account/info")).json.data;
    const key = await call("POST", `/operator/accounts/${account_id}/keys`, { auth: OPERATOR });
    expect(key.status).toBe(201);
    const info = await call("GET", "/v1/account/info", {
      auth: basic(key.json.data.api_key, key.json.data.api_secret),
    });
    expect(info.json.data.account_id).toBe(account_id);
  });

  it("answers 404 for an unknown account and 400 for bad input", async () => {
    expect((await call("POST", "/operator/accounts/no_such/keys", { auth: OPERATOR })).status).toBe(404);
    const bad = await call("POST", "/operator/accounts", { auth: OPERATOR, body: { name: "" } });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe("InvalidInput");
  });
});

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, newAccount } from "./helpers";

const ID = /^[a-z]+_[a-z]+(_[a-z0-9]+)?$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

describe("groups", () => {
  it("creates a group with 201, a word id and a microsecond UTC timestamp", async () => {
    const auth = await newAccount();
    const res = await call("POST", "/v1/groups", { auth, body: { name: "analytics" } });
    expect(res.status).toBe(201);
    expect(res.json.code).toBe("Success");
    expect(res.json.message).toBe("Group has been created");
    expect(res.json.data.name).toBe("analytics");
    expect(res.json.data.id).toMatch(ID);
    expect(res.json.data.created_at).toMatch(TIMESTAMP);
    expect(Object.keys(res.json.data).sort()).toEqual(["created_at", "id", "name"]);
  });

  it("reads, renames and deletes a group", async () => {
    const auth = await newAccount();
    const { json } = await call("POST", "/v1/groups", { auth, body: { name: "before" } });
    const id = json.data.id;

    const got = await call("GET", `/v1/groups/${id}`, { auth });
    expect(got.status).toBe(200);
    expect(got.json).toEqual({ code: "Success", message: "Group details retrieved successfully", data: json.data });

    const patched = await call("PATCH", `/v1/groups/${id}`, { auth, body: { name: "after" } });
    expect(patched.status).toBe(200);
    expect(patched.json.message).toBe("Group has been updated");
    expect(patched.json.data).toEqual({ ...json.data, name: "after" });
    expect((await call("GET", `/v1/groups/${id}`, { auth })).json.data.name).toBe("after");

    const deleted = await call("DELETE", `/v1/groups/${id}`, { auth });
    expect(deleted.status).toBe(200);
    expect(deleted.json).toEqual({ code: "Success", message: `Group with id '${id}' has been deleted` });
    const gone = await call("GET", `/v1/groups/${id}`, { auth });
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual({ code: "NotFound_Group", message: `Group with id '${id}' does not exist.` });
  });

  it("PATCH with an empty body or a null name changes nothing", async () => {
    const auth = await newAccount();
    const { json } = await call("POST", "/v1/groups", { auth, body: { name: "keep" } });
    const empty = await call("PATCH", `/v1/groups/${json.data.id}`, { auth });
    expect(empty.status).toBe(200);
    expect(empty.json.data).toEqual(json.data);
    const nulled = await call("PATCH", `/v1/groups/${json.data.id}`, { auth, body: { name: null } });
    expect(nulled.status).toBe(200);
    expect(nulled.json.data.name).toBe("keep");
  });

  it("answers 409 for a second group with the same name, and on a rename onto a taken name", async () => {
    const auth = await newAccount();
    await call("POST", "/v1/groups", { auth, body: { name: "dup" } });
    const again = await call("POST", "/v1/groups", { auth, body: { name: "dup" } });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe("Conflict");
    const other = await call("POST", "/v1/groups", { auth, body: { name: "other" } });
    const rename = await call("PATCH", `/v1/groups/${other.json.data.id}`, { auth, body: { name: "dup" } });
    expect(rename.status).toBe(409);
    expect((await call("GET", `/v1/groups/${other.json.data.id}`, { auth })).json.data.name).toBe("other");
    const list = await call("GET", "/v1/groups", { auth });
    expect(list.json.data.items.map((g: { name: string }) => g.name).sort()).toEqual(["dup", "other"]);
  });

  it("refuses to delete a group that holds a destination or connections, and deletes nothing", async () => {
    const auth = await newAccount();
    const a = (await call("POST", "/v1/groups", { auth, body: { name: "with_destination" } })).json.data;
    const b = (await call("POST", "/v1/groups", { auth, body: { name: "with_connection" } })).json.data;
    const { account_id } = (await call("GET", "/v1/account/info", { auth })).json.data;
    const now = new Date().toISOString();
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO destinations (id, account_id, service, config, created_at, updated_at) VALUES (?1, ?2, 'postgres', '{}', ?3, ?3)",
      ).bind(a.id, account_id, now),
      env.DB.prepare(
        "INSERT INTO connections (id, account_id, group_id, service, schema, config, created_at, updated_at) VALUES ('c_one', ?1, ?2, 'postgres', 'pg', '{}', ?3, ?3)",
      ).bind(account_id, b.id, now),
    ]);

    const first = await call("DELETE", `/v1/groups/${a.id}`, { auth });
    expect(first.status).toBe(409);
    expect(first.json).toEqual({
      code: "Conflict",
      message: `Group with id '${a.id}' still holds a destination; delete them first`,
    });
    const second = await call("DELETE", `/v1/groups/${b.id}`, { auth });
    expect(second.status).toBe(409);
    expect(second.json.message).toContain("1 connection(s)");
    expect((await call("GET", `/v1/groups/${a.id}`, { auth })).status).toBe(200);
    expect((await call("GET", `/v1/groups/${b.id}`, { auth })).status).toBe(200);
  });

  it("lists a group's connections under both namings, empty until connections exist, with the schema filter", async () => {
    const auth = await newAccount();
    const group = (await call("POST", "/v1/groups", { auth, body: { name: "g" } })).json.data;
    for (const naming of ["connections", "connectors"]) {
      const res = await call("GET", `/v1/groups/${group.id}/${naming}/`, { auth });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({
        code: "Success",
        message: "Group connections retrieved successfully",
        data: { items: [] },
      });
    }
    const { account_id } = (await call("GET", "/v1/account/info", { auth })).json.data;
    const insert = env.DB.prepare(
      "INSERT INTO connections (id, account_id, group_id, service, schema, config, created_at, updated_at) VALUES (?1, ?2, ?3, 'postgres', ?4, '{}', ?5, ?5)",
    );
    await env.DB.batch([
      insert.bind("conn_one", account_id, group.id, "alpha", "2024-01-01T00:00:00.000000Z"),
      insert.bind("conn_two", account_id, group.id, "beta", "2024-01-01T00:00:01.000000Z"),
    ]);
    const all = await call("GET", `/v1/groups/${group.id}/connectors`, { auth });
    expect(all.json.data.items.map((c: { id: string }) => c.id)).toEqual(["conn_one", "conn_two"]);
    expect(all.json.data.items[0]).toMatchObject({ group_id: group.id, service: "postgres", schema: "alpha" });
    const filtered = await call("GET", `/v1/groups/${group.id}/connections?schema=beta`, { auth });
    expect(filtered.json.data.items.map((c: { id: string }) => c.id)).toEqual(["conn_two"]);
    const missing = await call("GET", "/v1/groups/no_such/connections", { auth });
    expect(missing.status).toBe(404);
  });

  it("validates names with a clear 400 naming the field, and stores nothing", async () => {
    const auth = await newAccount();
    const missing = await call("POST", "/v1/groups", { auth, body: {} });
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({ code: "InvalidInput", message: "Field 'name' is required" });
    const blank = await call("POST", "/v1/groups", { auth, body: { name: "   " } });
    expect(blank.status).toBe(400);
    expect(blank.json.message).toMatch(/^Invalid value for field 'name'/);
    const wrongType = await call("POST", "/v1/groups", { auth, body: { name: 42 } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.message).toMatch(/field 'name'/);
    const tooLong = await call("POST", "/v1/groups", { auth, body: { name: "x".repeat(256) } });
    expect(tooLong.status).toBe(400);
    expect((await call("GET", "/v1/groups", { auth })).json.data.items).toEqual([]);
  });
});

describe("account info", () => {
  it("tells the account and the user of the key", async () => {
    const res = await call("GET", "/v1/account/info");
    expect(res.status).toBe(200);
    expect(res.json.message).toBe("Account information retrieved successfully");
    expect(res.json.data).toEqual({
      account_id: expect.stringMatching(ID),
      account_name: "fivetran.do",
      user_id: expect.stringMatching(ID),
    });
  });
});

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { basic, call, newAccount, OPERATOR } from "./helpers";

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** A fresh account with a named owner; its credentials and ids. */
async function accountWithOwner(email: string, givenName: string, familyName: string) {
  const res = await call("POST", "/operator/accounts", {
    auth: OPERATOR,
    body: { name: "bootstrap lists", email, given_name: givenName, family_name: familyName },
  });
  expect(res.status).toBe(201);
  const auth = basic(res.json.data.api_key, res.json.data.api_secret);
  const info = (await call("GET", "/v1/account/info", { auth })).json.data;
  return { auth, accountId: info.account_id as string, userId: info.user_id as string };
}

const EMPTY_LISTS = [
  ["/v1/webhooks", "Webhooks retrieved successfully"],
  ["/v1/teams", "Teams retrieved successfully"],
  ["/v1/private-links", "Private links retrieved successfully"],
  ["/v1/proxy", "Proxy agent retrieved successfully"],
  ["/v1/hybrid-deployment-agents", "Hybrid deployment agents retrieved successfully"],
  ["/v1/transformations", "Transformations list retrieved successfully"],
  ["/v1/transformation-projects", "Transformation projects retrieved successfully"],
] as const;

describe("users", () => {
  it("lists the account's users in Fivetran's user shape", async () => {
    const owner = await accountWithOwner("ada@example.com", "Ada", "Lovelace");
    const res = await call("GET", "/v1/users", { auth: owner.auth });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      code: "Success",
      message: "Users list retrieved successfully",
      data: {
        items: [
          {
            id: owner.userId,
            email: "ada@example.com",
            given_name: "Ada",
            family_name: "Lovelace",
            verified: true,
            invited: false,
            picture: null,
            phone: null,
            role: "Account Administrator",
            active: true,
            // The request itself authenticated the owner's key.
            logged_in_at: expect.stringMatching(TIMESTAMP),
            created_at: expect.stringMatching(TIMESTAMP),
          },
        ],
      },
    });
  });

  it("lists the bootstrap account's owner for the bootstrap key", async () => {
    const { user_id } = (await call("GET", "/v1/account/info")).json.data;
    const res = await call("GET", "/v1/users");
    expect(res.status).toBe(200);
    const owner = res.json.data.items.find((user: { id: string }) => user.id === user_id);
    expect(owner).toMatchObject({ email: "owner@localhost", role: "Account Administrator", active: true });
  });

  it("retrieves one user, and answers 404 for a user of another account", async () => {
    const alice = await accountWithOwner("alice@example.com", "Alice", "A");
    const bob = await accountWithOwner("bob@example.com", "Bob", "B");

    const own = await call("GET", `/v1/users/${alice.userId}`, { auth: alice.auth });
    expect(own.status).toBe(200);
    expect(own.json.message).toBe("User details retrieved successfully");
    const listed = (await call("GET", "/v1/users", { auth: alice.auth })).json.data.items[0];
    expect(own.json.data).toEqual(listed);

    for (const auth of [bob.auth, undefined]) {
      const other = await call("GET", `/v1/users/${alice.userId}`, { auth });
      expect(other.status).toBe(404);
      expect(other.json).toEqual({ code: "NotFound_User", message: `User with id '${alice.userId}' does not exist.` });
    }
    const bobsList = (await call("GET", "/v1/users", { auth: bob.auth })).json.data.items;
    expect(bobsList.map((user: { id: string }) => user.id)).toEqual([bob.userId]);
    const bootstrapList = (await call("GET", "/v1/users")).json.data.items;
    expect(bootstrapList.map((user: { id: string }) => user.id)).not.toContain(alice.userId);
    expect(bootstrapList.map((user: { id: string }) => user.id)).not.toContain(bob.userId);
  });

  it("pages through users in creation order", async () => {
    const owner = await accountWithOwner("owner@example.com", "Owner", "O");
    const insert = env.DB.prepare(
      "INSERT INTO users (id, account_id, email, given_name, family_name, role, created_at) VALUES (?1, ?2, ?3, 'Given', 'Family', 'Account Reviewer', ?4)",
    );
    // Far in the future, so they come after the owner, and out of id order to prove the order.
    await env.DB.batch([
      insert.bind(`zz_second_${owner.accountId}`, owner.accountId, "second@example.com", "2999-01-01T00:00:00.000000Z"),
      insert.bind(`aa_third_${owner.accountId}`, owner.accountId, "third@example.com", "2999-01-02T00:00:00.000000Z"),
    ]);
    const emails: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const query = cursor ? `?limit=1&cursor=${encodeURIComponent(cursor)}` : "?limit=1";
      const res = await call("GET", `/v1/users${query}`, { auth: owner.auth });
      expect(res.status).toBe(200);
      expect(res.json.data.items).toHaveLength(1);
      emails.push(res.json.data.items[0].email);
      cursor = res.json.data.next_cursor;
      if (!cursor) break;
    }
    expect(emails).toEqual(["owner@example.com", "second@example.com", "third@example.com"]);
    expect(cursor).toBeUndefined();
  });

  it("filters on active: everyone is active here", async () => {
    const owner = await accountWithOwner("filter@example.com", "F", "F");
    const active = await call("GET", "/v1/users?active=true", { auth: owner.auth });
    expect(active.json.data.items.map((user: { id: string }) => user.id)).toEqual([owner.userId]);
    const suspended = await call("GET", "/v1/users?active=false", { auth: owner.auth });
    expect(suspended.status).toBe(200);
    expect(suspended.json.data).toEqual({ items: [] });
    const bad = await call("GET", "/v1/users?active=maybe", { auth: owner.auth });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe("InvalidInput");
    expect(bad.json.message).toMatch(/'active'/);
  });
});

describe("roles", () => {
  it("lists Fivetran's standard roles in name order", async () => {
    const res = await call("GET", "/v1/roles");
    expect(res.status).toBe(200);
    expect(res.json.code).toBe("Success");
    expect(res.json.message).toBe("Roles list retrieved successfully");
    const roles = res.json.data.items;
    expect(roles.length).toBeGreaterThan(10);
    expect(res.json.data.next_cursor).toBeUndefined();
    const names = roles.map((role: { name: string }) => role.name);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(names.length);
    for (const role of roles) {
      expect(Object.keys(role).sort()).toEqual([
        "description",
        "is_custom",
        "is_deprecated",
        "name",
        "replacement_role_name",
        "scope",
      ]);
      expect(role.is_custom).toBe(false);
      expect(role.description.length).toBeGreaterThan(0);
      expect(role.scope).toHaveLength(1);
      expect(["ACCOUNT", "DESTINATION", "CONNECTOR", "TEAM"]).toContain(role.scope[0]);
      // A deprecated role names a listed replacement; a current one names none.
      if (role.is_deprecated) expect(names).toContain(role.replacement_role_name);
      else expect(role.replacement_role_name).toBeNull();
    }
    // The roles clients assign (go-fivetran's tests) are all there.
    for (const name of [
      "Account Administrator",
      "Account Reviewer",
      "Destination Creator",
      "Destination Administrator",
      "Destination Analyst",
      "Connector Administrator",
      "Team Member",
    ]) {
      expect(names).toContain(name);
    }
    expect(roles.find((role: { name: string }) => role.name === "Account Administrator")).toMatchObject({
      scope: ["ACCOUNT"],
      is_deprecated: false,
    });
  });

  it("pages through roles without repeating or skipping one", async () => {
    const all = (await call("GET", "/v1/roles")).json.data.items.map((role: { name: string }) => role.name);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < all.length; page++) {
      const query = cursor ? `?limit=5&cursor=${encodeURIComponent(cursor)}` : "?limit=5";
      const res = await call("GET", `/v1/roles${query}`);
      seen.push(...res.json.data.items.map((role: { name: string }) => role.name));
      cursor = res.json.data.next_cursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(all);
  });
});

describe("lists of resources not managed here", () => {
  it("answers each with an empty page and Fivetran's message", async () => {
    for (const [path, message] of EMPTY_LISTS) {
      const res = await call("GET", path);
      expect(res.status, path).toBe(200);
      expect(res.json, path).toEqual({ code: "Success", message, data: { items: [] } });
      // The forms clients send: trailing slash, limit, a cursor from another list.
      const slash = await call("GET", `${path}/?limit=1000`);
      expect(slash.status, `${path}/`).toBe(200);
      expect(slash.json.data, `${path}/`).toEqual({ items: [] });
    }
  });

  it("accepts a cursor of this API and validates cursor and limit like every list", async () => {
    const rolesPage = (await call("GET", "/v1/roles?limit=1")).json.data;
    for (const [path] of EMPTY_LISTS) {
      const withCursor = await call("GET", `${path}?cursor=${encodeURIComponent(rolesPage.next_cursor)}`);
      expect(withCursor.status, path).toBe(200);
      expect(withCursor.json.data, path).toEqual({ items: [] });
      const badCursor = await call("GET", `${path}?cursor=not-a-cursor`);
      expect(badCursor.status, path).toBe(400);
      expect(badCursor.json.code, path).toBe("InvalidInput");
      expect(badCursor.json.message, path).toMatch(/'cursor'/);
      const badLimit = await call("GET", `${path}?limit=0`);
      expect(badLimit.status, path).toBe(400);
      expect(badLimit.json.message, path).toMatch(/'limit'/);
    }
  });

  it("is empty for every account", async () => {
    const auth = await newAccount();
    for (const [path, message] of EMPTY_LISTS) {
      expect((await call("GET", path, { auth })).json, path).toEqual({ code: "Success", message, data: { items: [] } });
    }
  });
});

describe("external logging", () => {
  it("answers 404 JSON for any log service, which go-fivetran's cleanup reads as already gone", async () => {
    for (const method of ["DELETE", "GET"]) {
      const res = await call(method, "/v1/external-logging/sepulchre_settlement");
      expect(res.status, method).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(res.json, method).toEqual({
        code: "NotFound_ExternalLogging",
        message: "External logging service with id 'sepulchre_settlement' does not exist.",
      });
    }
  });
});

describe("authentication", () => {
  it("is required on every endpoint here", async () => {
    const paths = [
      ["GET", "/v1/users"],
      ["GET", "/v1/users/recoup_befell"],
      ["GET", "/v1/roles"],
      ...EMPTY_LISTS.map(([path]) => ["GET", path]),
      ["DELETE", "/v1/external-logging/sepulchre_settlement"],
    ];
    for (const [index, [method, path]] of paths.entries()) {
      const res = await call(method as string, path as string, { auth: null });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.json.code, `${method} ${path}`).toBe("Unauthorized");
      // A key of its own per path: failures of one key are throttled after a few (429).
      const wrong = await call(method as string, path as string, { auth: basic(`nobody_${index}`, "nothing") });
      expect(wrong.status, `${method} ${path} with a wrong key`).toBe(401);
    }
  });
});

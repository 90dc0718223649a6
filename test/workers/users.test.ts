/**
 * Users, memberships and roles (issue #16 item 1): every endpoint, its errors, and the roles
 * enforced on the routes.
 */
import { describe, expect, it } from "vitest";
import { call } from "./helpers";
import { adminAccount, connection, group, userWithKey } from "./mgmt-helpers";

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

describe("users", () => {
  it("invites a user with 201, then reads, updates and deletes it", async () => {
    const { auth } = await adminAccount();
    const invited = await call("POST", "/v1/users", {
      auth,
      body: {
        email: "john@mycompany.com",
        given_name: "John",
        family_name: "White",
        phone: "+123456789",
        picture: "https://example.com/john.png",
        role: "Account Reviewer",
      },
    });
    expect(invited.status).toBe(201);
    expect(invited.json.code).toBe("Success");
    expect(invited.json.message).toBe("User has been created");
    const user = invited.json.data;
    expect(user).toEqual({
      id: expect.stringMatching(/^[a-z]+_[a-z]+/),
      email: "john@mycompany.com",
      given_name: "John",
      family_name: "White",
      verified: false,
      invited: true,
      picture: "https://example.com/john.png",
      phone: "+123456789",
      role: "Account Reviewer",
      active: true,
      logged_in_at: null,
      created_at: expect.stringMatching(TIMESTAMP),
    });

    const got = await call("GET", `/v1/users/${user.id}`, { auth });
    expect(got.json).toEqual({ code: "Success", message: "User details retrieved successfully", data: user });

    const patched = await call("PATCH", `/v1/users/${user.id}`, {
      auth,
      body: { given_name: "Johnny", phone: null, picture: null, role: "Account Analyst" },
    });
    expect(patched.status).toBe(200);
    expect(patched.json.message).toBe("User has been updated");
    expect(patched.json.data).toEqual({
      ...user,
      given_name: "Johnny",
      phone: null,
      picture: null,
      role: "Account Analyst",
    });

    const list = await call("GET", "/v1/users", { auth });
    expect(list.json.message).toBe("Users list retrieved successfully");
    expect(list.json.data.items.map((u: { email: string }) => u.email)).toContain("john@mycompany.com");

    const deleted = await call("DELETE", `/v1/users/${user.id}`, { auth });
    expect(deleted.status).toBe(200);
    expect(deleted.json).toEqual({ code: "Success", message: `User with id '${user.id}' has been deleted` });
    const gone = await call("GET", `/v1/users/${user.id}`, { auth });
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual({ code: "NotFound_User", message: `User with id '${user.id}' does not exist.` });
  });

  it("refuses bad invitations with Fivetran's error shapes", async () => {
    const { auth } = await adminAccount();
    const missing = await call("POST", "/v1/users", { auth, body: { email: "a@b.co", given_name: "A" } });
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({ code: "InvalidInput", message: "Field 'family_name' is required" });
    const badEmail = await call("POST", "/v1/users", {
      auth,
      body: { email: "not an email", given_name: "A", family_name: "B" },
    });
    expect(badEmail.status).toBe(400);
    expect(badEmail.json.message).toMatch(/email/);
    const badRole = await call("POST", "/v1/users", {
      auth,
      body: { email: "r@b.co", given_name: "A", family_name: "B", role: "Emperor" },
    });
    expect(badRole.status).toBe(400);
    expect(badRole.json.message).toMatch(/'Emperor' is not an account role/);
    const destinationRole = await call("POST", "/v1/users", {
      auth,
      body: { email: "r@b.co", given_name: "A", family_name: "B", role: "Manage Destination" },
    });
    expect(destinationRole.status).toBe(400);
    await call("POST", "/v1/users", { auth, body: { email: "dup@b.co", given_name: "A", family_name: "B" } });
    const dup = await call("POST", "/v1/users", {
      auth,
      body: { email: "DUP@b.co", given_name: "A", family_name: "B" },
    });
    expect(dup.status).toBe(409);
    expect(dup.json.code).toBe("Conflict");
    expect((await call("PATCH", "/v1/users/no_such", { auth, body: {} })).status).toBe(404);
    expect((await call("DELETE", "/v1/users/no_such", { auth })).status).toBe(404);
  });

  it("sets logged_in_at and accepts the invitation when the user's key authenticates", async () => {
    const admin = await adminAccount();
    const user = await userWithKey(admin, "login@example.com", "Account Reviewer");
    const before = (await call("GET", `/v1/users/${user.id}`, { auth: admin.auth })).json.data;
    expect(before.logged_in_at).toBeNull();
    expect(before.invited).toBe(true);
    const info = await call("GET", "/v1/account/info", { auth: user.auth });
    expect(info.json.data.user_id).toBe(user.id);
    const after = (await call("GET", `/v1/users/${user.id}`, { auth: admin.auth })).json.data;
    expect(after.logged_in_at).toMatch(TIMESTAMP);
    expect(after.invited).toBe(false);
    expect(after.verified).toBe(true);
  });

  it("keeps the account owner and the caller: 409 on deleting or demoting them", async () => {
    const { auth } = await adminAccount();
    const me = (await call("GET", "/v1/account/info", { auth })).json.data.user_id;
    const self = await call("DELETE", `/v1/users/${me}`, { auth });
    expect(self.status).toBe(409);
    const demote = await call("PATCH", `/v1/users/${me}`, { auth, body: { role: "Account Reviewer" } });
    expect(demote.status).toBe(409);
    const role = await call("DELETE", `/v1/users/${me}/role`, { auth });
    expect(role.status).toBe(409);
    expect((await call("GET", `/v1/users/${me}`, { auth })).json.data.role).toBe("Account Administrator");
  });

  it("removes a user's account role (DELETE /users/{id}/role): role null, memberships stay", async () => {
    const admin = await adminAccount();
    const g = await group(admin.auth, "stays");
    const user = await userWithKey(admin, "norole@example.com", "Account Reviewer");
    await call("POST", `/v1/users/${user.id}/groups`, { auth: admin.auth, body: { id: g, role: "View Destination" } });
    const removed = await call("DELETE", `/v1/users/${user.id}/role`, { auth: admin.auth });
    expect(removed.json).toEqual({ code: "Success", message: "User role in account has been removed" });
    expect((await call("GET", `/v1/users/${user.id}`, { auth: admin.auth })).json.data.role).toBeNull();
    expect((await call("GET", "/v1/users", { auth: user.auth })).status).toBe(403);
    expect((await call("GET", `/v1/groups/${g}`, { auth: user.auth })).status).toBe(200);
  });
});

describe("memberships", () => {
  it("a user's group memberships: create 201, list, details, update, delete", async () => {
    const { auth } = await adminAccount();
    const g = await group(auth, "members");
    const user = (
      await call("POST", "/v1/users", { auth, body: { email: "m@example.com", given_name: "M", family_name: "N" } })
    ).json.data;
    const created = await call("POST", `/v1/users/${user.id}/groups`, {
      auth,
      body: { id: g, role: "Destination Administrator" },
    });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({
      code: "Success",
      message: "Group membership has been created",
      data: { id: g, role: "Destination Administrator", created_at: expect.stringMatching(TIMESTAMP) },
    });
    const list = await call("GET", `/v1/users/${user.id}/groups`, { auth });
    expect(list.json.message).toBe("User memberships in groups retrieved successfully");
    expect(list.json.data.items).toEqual([created.json.data]);
    const details = await call("GET", `/v1/users/${user.id}/groups/${g}`, { auth });
    expect(details.json.message).toBe("User membership in group retrieved successfully");
    const updated = await call("PATCH", `/v1/users/${user.id}/groups/${g}`, {
      auth,
      body: { role: "View Destination" },
    });
    expect(updated.status).toBe(200);
    expect(updated.json.message).toBe("Group membership has been updated");
    expect(updated.json.data.role).toBe("View Destination");
    const again = await call("POST", `/v1/users/${user.id}/groups`, {
      auth,
      body: { id: g, role: "View Destination" },
    });
    expect(again.status).toBe(409);
    const deleted = await call("DELETE", `/v1/users/${user.id}/groups/${g}`, { auth });
    expect(deleted.json).toEqual({ code: "Success", message: "Group membership has been deleted" });
    expect((await call("GET", `/v1/users/${user.id}/groups/${g}`, { auth })).status).toBe(404);
    expect((await call("DELETE", `/v1/users/${user.id}/groups/${g}`, { auth })).status).toBe(404);
  });

  it("refuses memberships in unknown resources, of unknown users and with roles of the wrong scope", async () => {
    const { auth } = await adminAccount();
    const g = await group(auth, "scoped");
    const user = (
      await call("POST", "/v1/users", { auth, body: { email: "s@example.com", given_name: "S", family_name: "T" } })
    ).json.data;
    const unknownGroup = await call("POST", `/v1/users/${user.id}/groups`, {
      auth,
      body: { id: "no_group", role: "View Destination" },
    });
    expect(unknownGroup.status).toBe(404);
    expect(unknownGroup.json.code).toBe("NotFound_Group");
    const wrongScope = await call("POST", `/v1/users/${user.id}/groups`, {
      auth,
      body: { id: g, role: "Connector Reviewer" },
    });
    expect(wrongScope.status).toBe(400);
    expect(wrongScope.json.message).toMatch(/not a destination role/);
    const noUser = await call("POST", "/v1/users/nobody_here/groups", {
      auth,
      body: { id: g, role: "View Destination" },
    });
    expect(noUser.status).toBe(404);
    expect(noUser.json.code).toBe("NotFound_User");
    const missing = await call("POST", `/v1/users/${user.id}/groups`, { auth, body: { id: g } });
    expect(missing.json).toEqual({ code: "InvalidInput", message: "Field 'role' is required" });
    const unknownConnection = await call("POST", `/v1/users/${user.id}/connections`, {
      auth,
      body: { id: "no_connection", role: "Connector Reviewer" },
    });
    expect(unknownConnection.json.code).toBe("NotFound_Connection");
  });

  it("a user's connection memberships under both namings", async () => {
    const { auth } = await adminAccount();
    const g = await group(auth, "conns");
    const conn = await connection(auth, g, "conn_members");
    const user = (
      await call("POST", "/v1/users", { auth, body: { email: "c@example.com", given_name: "C", family_name: "D" } })
    ).json.data;
    const created = await call("POST", `/v1/users/${user.id}/connections`, {
      auth,
      body: { id: conn, role: "Connector Reviewer" },
    });
    expect(created.status).toBe(201);
    expect(created.json.message).toBe("Connection membership has been created");
    const legacy = await call("GET", `/v1/users/${user.id}/connectors/${conn}`, { auth });
    expect(legacy.json).toEqual({
      code: "Success",
      message: "User membership in connection retrieved successfully",
      data: created.json.data,
    });
    const updated = await call("PATCH", `/v1/users/${user.id}/connections/${conn}`, {
      auth,
      body: { role: "Connector Administrator" },
    });
    expect(updated.json.data.role).toBe("Connector Administrator");
    expect((await call("GET", `/v1/users/${user.id}/connections`, { auth })).json.data.items).toHaveLength(1);
    const deleted = await call("DELETE", `/v1/users/${user.id}/connectors/${conn}`, { auth });
    expect(deleted.json.message).toBe("Connection membership has been deleted");
  });

  it("a group's users: add by email (200, message only), list with the group role, remove", async () => {
    const { auth } = await adminAccount();
    const g = await group(auth, "group users");
    const user = (
      await call("POST", "/v1/users", { auth, body: { email: "g@example.com", given_name: "G", family_name: "H" } })
    ).json.data;
    const added = await call("POST", `/v1/groups/${g}/users`, {
      auth,
      body: { email: "g@example.com", role: "Destination Reviewer" },
    });
    expect(added.status).toBe(200);
    expect(added.json).toEqual({ code: "Success", message: "User has been added to the group" });
    const list = await call("GET", `/v1/groups/${g}/users`, { auth });
    expect(list.json.message).toBe("Group users retrieved successfully");
    expect(list.json.data.items).toEqual([{ ...user, role: "Destination Reviewer" }]);
    const twice = await call("POST", `/v1/groups/${g}/users`, {
      auth,
      body: { email: "g@example.com", role: "Destination Reviewer" },
    });
    expect(twice.status).toBe(409);
    const stranger = await call("POST", `/v1/groups/${g}/users`, {
      auth,
      body: { email: "nobody@example.com", role: "Destination Reviewer" },
    });
    expect(stranger.status).toBe(404);
    expect(stranger.json.code).toBe("NotFound_User");
    const removed = await call("DELETE", `/v1/groups/${g}/users/${user.id}`, { auth });
    expect(removed.json).toEqual({
      code: "Success",
      message: `User with id '${user.id}' has been removed from the group`,
    });
    expect((await call("GET", `/v1/groups/${g}/users`, { auth })).json.data.items).toEqual([]);
    expect((await call("GET", "/v1/groups/no_group/users", { auth })).status).toBe(404);
  });

  it("memberships go with their group", async () => {
    const { auth } = await adminAccount();
    const g = await group(auth, "short lived");
    const user = (
      await call("POST", "/v1/users", { auth, body: { email: "sl@example.com", given_name: "S", family_name: "L" } })
    ).json.data;
    await call("POST", `/v1/users/${user.id}/groups`, { auth, body: { id: g, role: "View Destination" } });
    expect((await call("DELETE", `/v1/groups/${g}`, { auth })).status).toBe(200);
    expect((await call("GET", `/v1/users/${user.id}/groups`, { auth })).json.data.items).toEqual([]);
  });
});

describe("roles are enforced on every route", () => {
  it("a user with only View Destination in one group sees that group alone and changes nothing", async () => {
    const admin = await adminAccount();
    const [a, b] = [await group(admin.auth, "visible"), await group(admin.auth, "hidden")];
    const connA = await connection(admin.auth, a, "in_a");
    await connection(admin.auth, b, "in_b");
    const viewer = await userWithKey(admin, "viewer@example.com");
    await call("POST", `/v1/users/${viewer.id}/groups`, {
      auth: admin.auth,
      body: { id: a, role: "View Destination" },
    });

    const groups = await call("GET", "/v1/groups", { auth: viewer.auth });
    expect(groups.json.data.items.map((g: { id: string }) => g.id)).toEqual([a]);
    const conns = await call("GET", "/v1/connections", { auth: viewer.auth });
    expect(conns.json.data.items.map((c: { id: string }) => c.id)).toEqual([connA]);
    expect((await call("GET", `/v1/groups/${a}`, { auth: viewer.auth })).status).toBe(200);
    expect((await call("GET", `/v1/connectors/${connA}`, { auth: viewer.auth })).status).toBe(200);
    const hidden = await call("GET", `/v1/groups/${b}`, { auth: viewer.auth });
    expect(hidden.status).toBe(403);
    expect(hidden.json).toEqual({
      code: "Forbidden",
      message: `The user '${viewer.id}' has no permission to view group '${b}'`,
    });
    expect((await call("PATCH", `/v1/groups/${a}`, { auth: viewer.auth, body: { name: "x" } })).status).toBe(403);
    expect((await call("POST", `/v1/connections/${connA}/sync`, { auth: viewer.auth })).status).toBe(403);
    expect((await call("DELETE", `/v1/connections/${connA}`, { auth: viewer.auth })).status).toBe(403);
    expect((await call("POST", "/v1/groups", { auth: viewer.auth, body: { name: "mine" } })).status).toBe(403);
    expect((await call("GET", "/v1/users", { auth: viewer.auth })).status).toBe(403);
    expect((await call("GET", "/v1/webhooks", { auth: viewer.auth })).status).toBe(403);
    expect((await call("GET", `/v1/users/${viewer.id}`, { auth: viewer.auth })).status).toBe(200);
    expect((await call("GET", "/v1/account/info", { auth: viewer.auth })).status).toBe(200);
    expect((await call("GET", "/v1/metadata/connector-types?limit=1", { auth: viewer.auth })).status).toBe(200);
    // Nothing changed.
    expect((await call("GET", `/v1/groups/${a}`, { auth: admin.auth })).json.data.name).toBe("visible");
  });

  it("Manage Destination (and its legacy name Destination Administrator) runs its group, not others", async () => {
    const admin = await adminAccount();
    const [a, b] = [await group(admin.auth, "managed"), await group(admin.auth, "other")];
    const manager = await userWithKey(admin, "manager@example.com");
    await call("POST", `/v1/users/${manager.id}/groups`, {
      auth: admin.auth,
      body: { id: a, role: "Destination Administrator" },
    });
    expect((await call("PATCH", `/v1/groups/${a}`, { auth: manager.auth, body: { name: "renamed" } })).status).toBe(
      200,
    );
    const conn = await connection(manager.auth, a, "managed_conn");
    expect(
      (await call("PATCH", `/v1/connections/${conn}`, { auth: manager.auth, body: { paused: true } })).status,
    ).toBe(200);
    expect((await call("DELETE", `/v1/connections/${conn}`, { auth: manager.auth })).status).toBe(200);
    const elsewhere = await call("POST", "/v1/connections", {
      auth: manager.auth,
      body: { group_id: b, service: "sample", config: { schema: "nope" }, run_setup_tests: false },
    });
    expect(elsewhere.status).toBe(403);
    expect((await call("DELETE", `/v1/groups/${b}`, { auth: manager.auth })).status).toBe(403);
    expect((await call("GET", `/v1/groups/${a}/users`, { auth: manager.auth })).status).toBe(200);
  });

  it("Account Reviewer reads everything and changes nothing; Account Administrator changes anything", async () => {
    const admin = await adminAccount();
    const g = await group(admin.auth, "reviewed");
    const conn = await connection(admin.auth, g, "reviewed_conn");
    const reviewer = await userWithKey(admin, "reviewer@example.com", "Account Reviewer");
    expect((await call("GET", "/v1/groups", { auth: reviewer.auth })).json.data.items).toHaveLength(1);
    expect((await call("GET", `/v1/connections/${conn}`, { auth: reviewer.auth })).status).toBe(200);
    expect((await call("GET", "/v1/users", { auth: reviewer.auth })).status).toBe(200);
    expect(
      (await call("PATCH", `/v1/connections/${conn}`, { auth: reviewer.auth, body: { paused: false } })).status,
    ).toBe(403);
    expect(
      (
        await call("POST", "/v1/users", {
          auth: reviewer.auth,
          body: { email: "x@y.co", given_name: "X", family_name: "Y" },
        })
      ).status,
    ).toBe(403);
    const administrator = await userWithKey(admin, "second-admin@example.com", "Account Administrator");
    expect(
      (await call("PATCH", `/v1/groups/${g}`, { auth: administrator.auth, body: { name: "by admin" } })).status,
    ).toBe(200);
  });

  it("Connector Reviewer sees one connection (and its group in lists), nothing else", async () => {
    const admin = await adminAccount();
    const g = await group(admin.auth, "one conn");
    const [c1, c2] = [await connection(admin.auth, g, "seen"), await connection(admin.auth, g, "unseen")];
    const user = await userWithKey(admin, "connrev@example.com");
    await call("POST", `/v1/users/${user.id}/connections`, {
      auth: admin.auth,
      body: { id: c1, role: "Connector Reviewer" },
    });
    expect(
      (await call("GET", "/v1/connections", { auth: user.auth })).json.data.items.map((c: { id: string }) => c.id),
    ).toEqual([c1]);
    expect(
      (await call("GET", "/v1/groups", { auth: user.auth })).json.data.items.map((x: { id: string }) => x.id),
    ).toEqual([g]);
    expect((await call("GET", `/v1/connections/${c2}`, { auth: user.auth })).status).toBe(403);
    expect((await call("POST", `/v1/connections/${c1}/sync`, { auth: user.auth })).status).toBe(403);
  });

  it("Destination Creator creates a group and manages what it created", async () => {
    const admin = await adminAccount();
    const creator = await userWithKey(admin, "creator@example.com", "Destination Creator");
    const mine = await group(creator.auth, "created by creator");
    expect(
      (await call("GET", "/v1/groups", { auth: creator.auth })).json.data.items.map((g: { id: string }) => g.id),
    ).toEqual([mine]);
    const memberships = await call("GET", `/v1/users/${creator.id}/groups`, { auth: admin.auth });
    expect(memberships.json.data.items).toEqual([
      { id: mine, role: "Manage Destination", created_at: expect.any(String) },
    ]);
    expect((await call("PATCH", `/v1/groups/${mine}`, { auth: creator.auth, body: { name: "renamed" } })).status).toBe(
      200,
    );
  });
});

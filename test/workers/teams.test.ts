/**
 * Teams (issue #16 item 2): CRUD, the account role, members, group and connection memberships,
 * and the roles a team gives its members.
 */
import { describe, expect, it } from "vitest";
import { call } from "./helpers";
import { adminAccount, connection, group, userWithKey } from "./mgmt-helpers";

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

describe("teams", () => {
  it("creates (201), reads, lists, updates and deletes a team", async () => {
    const { auth } = await adminAccount();
    const created = await call("POST", "/v1/teams", {
      auth,
      body: { name: "test_team", description: "test_description", role: "Account Reviewer" },
    });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({
      code: "Success",
      message: "Team has been created",
      data: { id: expect.any(String), name: "test_team", description: "test_description", role: "Account Reviewer" },
    });
    const id = created.json.data.id;
    const details = await call("GET", `/v1/teams/${id}`, { auth });
    expect(details.json).toEqual({ ...created.json, message: "Team details retrieved successfully" });
    const list = await call("GET", "/v1/teams", { auth });
    expect(list.json).toEqual({
      code: "Success",
      message: "Teams retrieved successfully",
      data: { items: [created.json.data] },
    });
    const updated = await call("PATCH", `/v1/teams/${id}`, {
      auth,
      body: { name: "renamed", role: "Account Analyst" },
    });
    expect(updated.json).toEqual({
      code: "Success",
      message: "Team has been updated",
      data: { ...created.json.data, name: "renamed", role: "Account Analyst" },
    });
    const role = await call("DELETE", `/v1/teams/${id}/role`, { auth });
    expect(role.json).toEqual({ code: "Success", message: "Team role in account has been removed" });
    expect((await call("GET", `/v1/teams/${id}`, { auth })).json.data.role).toBeNull();
    const deleted = await call("DELETE", `/v1/teams/${id}`, { auth });
    expect(deleted.json).toEqual({ code: "Success", message: "Team has been deleted" });
    const gone = await call("GET", `/v1/teams/${id}`, { auth });
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual({ code: "NotFound_Team", message: `Team with id '${id}' does not exist.` });
  });

  it("refuses a nameless team, a taken name and a role that is not an account role", async () => {
    const { auth } = await adminAccount();
    expect((await call("POST", "/v1/teams", { auth, body: {} })).json).toEqual({
      code: "InvalidInput",
      message: "Field 'name' is required",
    });
    await call("POST", "/v1/teams", { auth, body: { name: "taken" } });
    expect((await call("POST", "/v1/teams", { auth, body: { name: "taken" } })).status).toBe(409);
    const wrong = await call("POST", "/v1/teams", { auth, body: { name: "x", role: "Team Member" } });
    expect(wrong.status).toBe(400);
    expect(wrong.json.message).toMatch(/not an account role/);
    expect((await call("PATCH", "/v1/teams/no_team", { auth, body: {} })).status).toBe(404);
    expect((await call("DELETE", "/v1/teams/no_team", { auth })).status).toBe(404);
  });

  it("team users: add (201), list, details, update, remove", async () => {
    const admin = await adminAccount();
    const team = (await call("POST", "/v1/teams", { auth: admin.auth, body: { name: "people" } })).json.data.id;
    const user = (
      await call("POST", "/v1/users", {
        auth: admin.auth,
        body: { email: "t@example.com", given_name: "T", family_name: "U" },
      })
    ).json.data;
    const added = await call("POST", `/v1/teams/${team}/users`, {
      auth: admin.auth,
      body: { user_id: user.id, role: "Team Member" },
    });
    expect(added.status).toBe(201);
    expect(added.json).toEqual({
      code: "Success",
      message: "User has been added to the team",
      data: { user_id: user.id, role: "Team Member", created_at: expect.stringMatching(TIMESTAMP) },
    });
    expect((await call("GET", `/v1/teams/${team}/users`, { auth: admin.auth })).json).toEqual({
      code: "Success",
      message: "Team users retrieved successfully",
      data: { items: [added.json.data] },
    });
    expect((await call("GET", `/v1/teams/${team}/users/${user.id}`, { auth: admin.auth })).json.message).toBe(
      "Team user details retrieved successfully",
    );
    const updated = await call("PATCH", `/v1/teams/${team}/users/${user.id}`, {
      auth: admin.auth,
      body: { role: "Team Manager" },
    });
    expect(updated.json.message).toBe("User role has been updated");
    expect(updated.json.data.role).toBe("Team Manager");
    expect(
      (
        await call("POST", `/v1/teams/${team}/users`, {
          auth: admin.auth,
          body: { user_id: user.id, role: "Team Member" },
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await call("POST", `/v1/teams/${team}/users`, {
          auth: admin.auth,
          body: { user_id: "nobody", role: "Team Member" },
        })
      ).json.code,
    ).toBe("NotFound_User");
    expect(
      (await call("POST", `/v1/teams/${team}/users`, { auth: admin.auth, body: { user_id: user.id, role: "Boss" } }))
        .status,
    ).toBe(400);
    const removed = await call("DELETE", `/v1/teams/${team}/users/${user.id}`, { auth: admin.auth });
    expect(removed.json).toEqual({ code: "Success", message: "User has been removed from the team" });
    expect((await call("GET", `/v1/teams/${team}/users/${user.id}`, { auth: admin.auth })).status).toBe(404);
  });

  it("team group and connection memberships (both namings)", async () => {
    const { auth } = await adminAccount();
    const g = await group(auth, "team group");
    const conn = await connection(auth, g, "team_conn");
    const team = (await call("POST", "/v1/teams", { auth, body: { name: "memberships" } })).json.data.id;
    const gm = await call("POST", `/v1/teams/${team}/groups`, { auth, body: { id: g, role: "Destination Analyst" } });
    expect(gm.status).toBe(201);
    expect(gm.json.message).toBe("Group membership has been created");
    expect((await call("GET", `/v1/teams/${team}/groups`, { auth })).json.message).toBe(
      "Team group memberships retrieved successfully",
    );
    expect((await call("GET", `/v1/teams/${team}/groups/${g}`, { auth })).json.message).toBe(
      "Team group membership retrieved successfully",
    );
    expect(
      (await call("PATCH", `/v1/teams/${team}/groups/${g}`, { auth, body: { role: "View Destination" } })).json.data
        .role,
    ).toBe("View Destination");
    const cm = await call("POST", `/v1/teams/${team}/connectors`, {
      auth,
      body: { id: conn, role: "Connector Administrator" },
    });
    expect(cm.status).toBe(201);
    expect((await call("GET", `/v1/teams/${team}/connections/${conn}`, { auth })).json.message).toBe(
      "Team connection membership retrieved successfully",
    );
    expect((await call("DELETE", `/v1/teams/${team}/connections/${conn}`, { auth })).json.message).toBe(
      "Connection membership has been deleted",
    );
    expect((await call("DELETE", `/v1/teams/${team}/groups/${g}`, { auth })).json.message).toBe(
      "Group membership has been deleted",
    );
    expect((await call("GET", "/v1/teams/no_team/groups", { auth })).status).toBe(404);
  });

  it("a team's roles reach its members; a Team Manager manages that team only", async () => {
    const admin = await adminAccount();
    const g = await group(admin.auth, "through team");
    const member = await userWithKey(admin, "member@example.com");
    expect((await call("GET", `/v1/groups/${g}`, { auth: member.auth })).status).toBe(403);
    const team = (await call("POST", "/v1/teams", { auth: admin.auth, body: { name: "analysts" } })).json.data.id;
    const other = (await call("POST", "/v1/teams", { auth: admin.auth, body: { name: "others" } })).json.data.id;
    await call("POST", `/v1/teams/${team}/users`, {
      auth: admin.auth,
      body: { user_id: member.id, role: "Team Manager" },
    });
    await call("POST", `/v1/teams/${team}/groups`, { auth: admin.auth, body: { id: g, role: "Edit Destination" } });
    expect((await call("GET", `/v1/groups/${g}`, { auth: member.auth })).status).toBe(200);
    expect((await call("PATCH", `/v1/groups/${g}`, { auth: member.auth, body: { name: "edited" } })).status).toBe(200);
    expect((await call("DELETE", `/v1/groups/${g}`, { auth: member.auth })).status).toBe(403);
    expect(
      (await call("PATCH", `/v1/teams/${team}`, { auth: member.auth, body: { description: "mine" } })).status,
    ).toBe(200);
    expect((await call("PATCH", `/v1/teams/${other}`, { auth: member.auth, body: { description: "no" } })).status).toBe(
      403,
    );
    // A Team Manager cannot widen what the team grants.
    const escalate = await call("PATCH", `/v1/teams/${team}`, {
      auth: member.auth,
      body: { role: "Account Administrator" },
    });
    expect(escalate.status).toBe(403);
    const g2 = await group(admin.auth, "not granted");
    const widen = await call("POST", `/v1/teams/${team}/groups`, {
      auth: member.auth,
      body: { id: g2, role: "Manage Destination" },
    });
    expect(widen.status).toBe(403);
    expect((await call("DELETE", `/v1/teams/${team}/role`, { auth: member.auth })).status).toBe(403);
    // The team's account role applies too.
    await call("PATCH", `/v1/teams/${team}`, { auth: admin.auth, body: { role: "Account Reviewer" } });
    expect((await call("GET", "/v1/users", { auth: member.auth })).status).toBe(200);
  });
});

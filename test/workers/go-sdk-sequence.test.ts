/**
 * The official Go SDK's (go-fivetran v1.3.3) request sequence for users, teams and memberships,
 * recorded as plain HTTP calls: the paths, methods and bodies its services send (JSON with
 * `omitempty`, `Content-Type: application/json` on POST and PATCH, no Accept header, its
 * User-Agent) and the exact status each service expects (`HttpService.Do(..., expectedStatus)`
 * fails on any other). The values are those of go-fivetran's e2e tests and test_utils.
 */
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { adminAccount } from "./mgmt-helpers";

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function client(auth: string) {
  // biome-ignore lint/suspicious/noExplicitAny: decoded like Go's json.Unmarshal into loose structs
  return async (method: string, path: string, expectedStatus: number, body?: unknown): Promise<any> => {
    const headers: Record<string, string> = { Authorization: auth, "User-Agent": "Go-Fivetran/1.3.3" };
    if (method === "POST" || method === "PATCH") headers["Content-Type"] = "application/json";
    const response = await exports.default.fetch(
      new Request(`http://127.0.0.1:8787/v1${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    // go-fivetran decodes every body as JSON before it looks at the status.
    const json = JSON.parse(await response.text());
    expect(response.status, `${method} ${path}: ${JSON.stringify(json)}`).toBe(expectedStatus);
    expect(json.code).toBe("Success");
    return json;
  };
}

describe("go-fivetran's users, teams and memberships sequence", () => {
  it("gets the answers go-fivetran expects at every step", async () => {
    const { auth } = await adminAccount("go sdk");
    const go = client(auth);

    // testutils.CreateUser → NewUserInvite
    const invited = await go("POST", "/users", 201, {
      email: "william_addison.@fivetran.com",
      given_name: "William",
      family_name: "Addison",
      phone: "+19876543210",
      role: "Account Reviewer",
    });
    const userId: string = invited.data.id;
    expect(invited.message).toBe("User has been created");
    expect(invited.data).toMatchObject({ email: "william_addison.@fivetran.com", role: "Account Reviewer" });
    expect(invited.data.created_at).toMatch(RFC3339);

    // NewUserDetails, NewUsersList, NewUserUpdate (phone as common.NullableString: null clears)
    expect((await go("GET", `/users/${userId}`, 200)).data.given_name).toBe("William");
    const users = await go("GET", "/users", 200);
    expect(users.data.items.map((u: { id: string }) => u.id)).toContain(userId);
    const updated = await go("PATCH", `/users/${userId}`, 200, { given_name: "Will", phone: null });
    expect(updated.data).toMatchObject({ given_name: "Will", phone: null });

    // testutils.CreateGroup and a connection to hold memberships in
    const groupId: string = (await go("POST", "/groups", 201, { name: "test" })).data.id;
    const connectionId: string = (
      await go("POST", "/connections", 201, {
        group_id: groupId,
        service: "sample",
        config: { schema: "go_sdk_memberships" },
        paused: true,
        run_setup_tests: false,
        data_delay_sensitivity: null,
        data_delay_threshold: null,
      })
    ).data.id;

    // User group memberships
    const ugm = await go("POST", `/users/${userId}/groups`, 201, { id: groupId, role: "Destination Analyst" });
    expect(ugm.data).toMatchObject({ id: groupId, role: "Destination Analyst" });
    expect(ugm.data.created_at).toMatch(RFC3339);
    expect((await go("GET", `/users/${userId}/groups`, 200)).data.items).toHaveLength(1);
    expect((await go("GET", `/users/${userId}/groups/${groupId}`, 200)).data.role).toBe("Destination Analyst");
    await go("PATCH", `/users/${userId}/groups/${groupId}`, 200, { role: "Destination Reviewer" });
    await go("DELETE", `/users/${userId}/groups/${groupId}`, 200);

    // User connection memberships
    const ucm = await go("POST", `/users/${userId}/connections`, 201, {
      id: connectionId,
      role: "Connector Administrator",
    });
    expect(ucm.data.id).toBe(connectionId);
    expect((await go("GET", `/users/${userId}/connections`, 200)).data.items).toHaveLength(1);
    expect((await go("GET", `/users/${userId}/connections/${connectionId}`, 200)).data.role).toBe(
      "Connector Administrator",
    );
    await go("PATCH", `/users/${userId}/connections/${connectionId}`, 200, { role: "Connector Reviewer" });
    await go("DELETE", `/users/${userId}/connections/${connectionId}`, 200);

    // testutils.CreateTeam, NewTeamsDetails, NewTeamsList, NewTeamsUpdate
    const team = await go("POST", "/teams", 201, {
      name: "test_team",
      description: "test_description",
      role: "Account Reviewer",
    });
    const teamId: string = team.data.id;
    expect(team.data).toEqual({
      id: teamId,
      name: "test_team",
      description: "test_description",
      role: "Account Reviewer",
    });
    expect((await go("GET", `/teams/${teamId}`, 200)).data.name).toBe("test_team");
    expect((await go("GET", "/teams", 200)).data.items).toHaveLength(1);
    expect((await go("PATCH", `/teams/${teamId}`, 200, { description: "test_description_2" })).data.description).toBe(
      "test_description_2",
    );

    // Team user memberships (e2e: "User has been added to the team")
    const tum = await go("POST", `/teams/${teamId}/users`, 201, { user_id: userId, role: "Team Member" });
    expect(tum.message).toBe("User has been added to the team");
    expect(tum.data).toMatchObject({ user_id: userId, role: "Team Member" });
    expect((await go("GET", `/teams/${teamId}/users`, 200)).data.items).toHaveLength(1);
    expect((await go("GET", `/teams/${teamId}/users/${userId}`, 200)).data.role).toBe("Team Member");
    expect((await go("PATCH", `/teams/${teamId}/users/${userId}`, 200, { role: "Team Manager" })).data.role).toBe(
      "Team Manager",
    );
    await go("DELETE", `/teams/${teamId}/users/${userId}`, 200);

    // Team group and connection memberships (testutils.CreateTeamGroup / CreateTeamConnection)
    await go("POST", `/teams/${teamId}/groups`, 201, { id: groupId, role: "Destination Analyst" });
    expect((await go("GET", `/teams/${teamId}/groups`, 200)).data.items[0].id).toBe(groupId);
    expect((await go("GET", `/teams/${teamId}/groups/${groupId}`, 200)).data.role).toBe("Destination Analyst");
    await go("PATCH", `/teams/${teamId}/groups/${groupId}`, 200, { role: "Destination Reviewer" });
    await go("DELETE", `/teams/${teamId}/groups/${groupId}`, 200);
    await go("POST", `/teams/${teamId}/connections`, 201, { id: connectionId, role: "Connector Administrator" });
    expect((await go("GET", `/teams/${teamId}/connections`, 200)).data.items[0].id).toBe(connectionId);
    expect((await go("GET", `/teams/${teamId}/connections/${connectionId}`, 200)).data.role).toBe(
      "Connector Administrator",
    );
    await go("PATCH", `/teams/${teamId}/connections/${connectionId}`, 200, { role: "Connector Reviewer" });
    await go("DELETE", `/teams/${teamId}/connections/${connectionId}`, 200);

    // NewTeamsDeleteRoleInAccount, NewTeamsDelete
    await go("DELETE", `/teams/${teamId}/role`, 200);
    await go("DELETE", `/teams/${teamId}`, 200);

    // NewGroupAddUser (200, message only), NewGroupListUsers, NewGroupRemoveUser
    const addedToGroup = await go("POST", `/groups/${groupId}/users`, 200, {
      email: "william_addison.@fivetran.com",
      role: "Destination Analyst",
    });
    expect(addedToGroup.message).toBe("User has been added to the group");
    expect((await go("GET", `/groups/${groupId}/users`, 200)).data.items.map((u: { id: string }) => u.id)).toEqual([
      userId,
    ]);
    const removed = await go("DELETE", `/groups/${groupId}/users/${userId}`, 200);
    expect(removed.message).toContain(userId);

    // NewUserDelete
    const deleted = await go("DELETE", `/users/${userId}`, 200);
    expect(deleted.message).toContain(userId);
  });
});

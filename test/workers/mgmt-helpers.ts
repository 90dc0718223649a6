import { expect } from "vitest";
import { basic, call, newAccountWithId, OPERATOR } from "./helpers";

/** A fresh account: its administrator's credentials and id. */
export async function adminAccount(name = "mgmt account") {
  return newAccountWithId(name);
}

/** Invites a user into the account and issues it an API key (operator); returns its id and credentials. */
export async function userWithKey(
  admin: { auth: string; accountId: string },
  email: string,
  role: string | null = null,
): Promise<{ id: string; auth: string }> {
  const invited = await call("POST", "/v1/users", {
    auth: admin.auth,
    body: { email, given_name: "Given", family_name: "Family", ...(role ? { role } : {}) },
  });
  expect(invited.status, JSON.stringify(invited.json)).toBe(201);
  const id: string = invited.json.data.id;
  const key = await call("POST", `/operator/accounts/${admin.accountId}/keys`, {
    auth: OPERATOR,
    body: { user_id: id },
  });
  expect(key.status, JSON.stringify(key.json)).toBe(201);
  expect(key.json.data.user_id).toBe(id);
  return { id, auth: basic(key.json.data.api_key, key.json.data.api_secret) };
}

export async function group(auth: string, name: string): Promise<string> {
  const res = await call("POST", "/v1/groups", { auth, body: { name } });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.data.id;
}

/** A paused, manual `sample` connection (no credentials, never scheduled). */
export async function connection(auth: string, groupId: string, schema: string): Promise<string> {
  const res = await call("POST", "/v1/connections", {
    auth,
    body: {
      group_id: groupId,
      service: "sample",
      config: { schema },
      paused: true,
      schedule_type: "manual",
      run_setup_tests: false,
    },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.data.id;
}

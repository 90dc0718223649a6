/**
 * A group's service account and SSH key pair (issue #16 item 5).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { decryptJson } from "../../src/lib/secrets";
import { call } from "./helpers";
import { adminAccount, group, userWithKey } from "./mgmt-helpers";

/** The raw Ed25519 key inside an OpenSSH public key line. */
function rawKey(line: string): Uint8Array {
  const blob = Uint8Array.from(atob(line.split(" ")[1] as string), (ch) => ch.charCodeAt(0));
  const view = new DataView(blob.buffer);
  const typeLength = view.getUint32(0);
  expect(new TextDecoder().decode(blob.slice(4, 4 + typeLength))).toBe("ssh-ed25519");
  const keyLength = view.getUint32(4 + typeLength);
  expect(keyLength).toBe(32);
  return blob.slice(8 + typeLength, 8 + typeLength + keyLength);
}

describe("group keys", () => {
  it("answers an OpenSSH Ed25519 public key whose private half is stored encrypted and signs for it", async () => {
    const { auth, accountId } = await adminAccount();
    const g = await group(auth, "ssh");
    const res = await call("GET", `/v1/groups/${g}/public-key`, { auth });
    expect(res.status).toBe(200);
    expect(res.json.code).toBe("Success");
    expect(res.json.message).toBe("Group SSH public key retrieved successfully");
    expect(Object.keys(res.json.data)).toEqual(["public_key"]);
    const line: string = res.json.data.public_key;
    expect(line).toMatch(/^ssh-ed25519 [A-Za-z0-9+/=]+ fivetran\.do group /);
    // The same key on every read.
    expect((await call("GET", `/v1/groups/${g}/public-key`, { auth })).json.data.public_key).toBe(line);

    const row = await env.DB.prepare("SELECT account_id, private_key FROM group_keys WHERE group_id = ?")
      .bind(g)
      .first<{ account_id: string; private_key: string }>();
    expect(row?.account_id).toBe(accountId);
    expect(row?.private_key).toMatch(/^v1\./);
    expect(row?.private_key).not.toContain("MC4CAQAwBQYDK2Vw"); // the PKCS#8 Ed25519 prefix, in clear
    const { pkcs8 } = await decryptJson(env.FIVETRAN_ENCRYPTION_KEY as string, row?.private_key ?? null);
    const privateKey = await crypto.subtle.importKey(
      "pkcs8",
      Uint8Array.from(atob(pkcs8 as string), (ch) => ch.charCodeAt(0)),
      { name: "Ed25519" },
      false,
      ["sign"],
    );
    const publicKey = await crypto.subtle.importKey("raw", rawKey(line), { name: "Ed25519" }, false, ["verify"]);
    const message = new TextEncoder().encode("challenge");
    const signature = await crypto.subtle.sign({ name: "Ed25519" }, privateKey, message);
    expect(await crypto.subtle.verify({ name: "Ed25519" }, publicKey, signature, message)).toBe(true);
  });

  it("gives each group its own key, and the key goes with the group", async () => {
    const { auth } = await adminAccount();
    const [a, b] = [await group(auth, "a"), await group(auth, "b")];
    const ka = (await call("GET", `/v1/groups/${a}/public-key`, { auth })).json.data.public_key;
    const kb = (await call("GET", `/v1/groups/${b}/public-key`, { auth })).json.data.public_key;
    expect(ka).not.toBe(kb);
    await call("DELETE", `/v1/groups/${a}`, { auth });
    const left = await env.DB.prepare("SELECT count(*) AS n FROM group_keys WHERE group_id = ?")
      .bind(a)
      .first<{ n: number }>();
    expect(left?.n).toBe(0);
  });

  it("answers the group's service account", async () => {
    const { auth } = await adminAccount();
    const g = await group(auth, "sa");
    const res = await call("GET", `/v1/groups/${g}/service-account`, { auth });
    expect(res.status).toBe(200);
    expect(res.json.message).toBe("Group service account retrieved successfully");
    expect(res.json.data.service_account).toMatch(new RegExp(`^g-${g}@[a-z-]+\\.service\\.fivetran\\.do$`));
  });

  it("404s for unknown groups and another account's groups; 403 for a user without a role in the group", async () => {
    const admin = await adminAccount();
    const other = await adminAccount("other");
    const g = await group(admin.auth, "private");
    for (const path of ["public-key", "service-account"]) {
      const missing = await call("GET", `/v1/groups/no_group/${path}`, { auth: admin.auth });
      expect(missing.status).toBe(404);
      expect(missing.json.code).toBe("NotFound_Group");
      expect((await call("GET", `/v1/groups/${g}/${path}`, { auth: other.auth })).status).toBe(404);
    }
    const user = await userWithKey(admin, "nokey@example.com");
    expect((await call("GET", `/v1/groups/${g}/public-key`, { auth: user.auth })).status).toBe(403);
  });
});

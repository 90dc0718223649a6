/**
 * Certificates and fingerprints (issue #16 item 3): none can be approved on Workers, and every
 * route says so in Fivetran's shapes.
 */
import { describe, expect, it } from "vitest";
import { call } from "./helpers";
import { adminAccount, connection, group } from "./mgmt-helpers";

async function destination(auth: string, groupId: string) {
  const res = await call("POST", "/v1/destinations", {
    auth,
    body: {
      group_id: groupId,
      service: "d1",
      time_zone_offset: "0",
      config: { database: "WAREHOUSE" },
      run_setup_tests: false,
    },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.data.id as string;
}

describe("certificates and fingerprints", () => {
  it("lists none, 404s details and revocations, and refuses an approval with the reason", async () => {
    const { auth } = await adminAccount();
    const g = await group(auth, "tls");
    const conn = await connection(auth, g, "tls_conn");
    const dest = await destination(auth, g);
    const owners: [string, string, string][] = [
      ["connections", conn, "Connection"],
      ["connectors", conn, "Connection"],
      ["destinations", dest, "Destination"],
    ];
    for (const [owner, id, Owner] of owners) {
      for (const what of ["certificates", "fingerprints"]) {
        const list = await call("GET", `/v1/${owner}/${id}/${what}`, { auth });
        expect(list.status).toBe(200);
        expect(list.json).toEqual({
          code: "Success",
          message: `${Owner} ${what} retrieved successfully`,
          data: { items: [] },
        });
        const Kind = what === "certificates" ? "Certificate" : "Fingerprint";
        for (const method of ["GET", "DELETE"]) {
          const one = await call(method, `/v1/${owner}/${id}/${what}/abc123`, { auth });
          expect(one.status).toBe(404);
          expect(one.json).toEqual({ code: `NotFound_${Kind}`, message: `${Kind} with hash 'abc123' does not exist.` });
        }
        const body =
          what === "certificates" ? { hash: "abc", encoded_cert: "MIIB" } : { hash: "abc", public_key: "ssh-rsa AAAA" };
        const approve = await call("POST", `/v1/${owner}/${id}/${what}`, { auth, body });
        expect(approve.status).toBe(400);
        expect(approve.json.code).toBe("InvalidInput");
        expect(approve.json.message).toMatch(
          what === "certificates" ? /does not expose the server's certificate/ : /SSH tunnel/,
        );
        const missing = await call("POST", `/v1/${owner}/${id}/${what}`, { auth, body: {} });
        expect(missing.status).toBe(400);
        expect(missing.json.message).toMatch(/^Field 'hash' is required/);
      }
    }
  });

  it("404s for unknown and foreign connections and destinations", async () => {
    const a = await adminAccount("a");
    const b = await adminAccount("b");
    const g = await group(a.auth, "a group");
    const conn = await connection(a.auth, g, "a_conn");
    const res = await call("GET", `/v1/connections/${conn}/certificates`, { auth: b.auth });
    expect(res.status).toBe(404);
    expect(res.json.code).toBe("NotFound_Connection");
    const dest = await call("GET", "/v1/destinations/no_dest/fingerprints", { auth: a.auth });
    expect(dest.status).toBe(404);
    expect(dest.json.code).toBe("NotFound_Destination");
  });
});

/**
 * Certificates and fingerprints (issue #16 item 3). Certificates are real: a PostgreSQL source
 * and destination with TLS whose self-signed certificate (scripts/postgres-tls.sh) the Workers
 * runtime refuses are broken until the certificate is approved, connected and synced over TLS
 * after, and broken again once it is revoked. Fingerprints are refused with the reason.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closePg, openPg, quoteIdent } from "../../src/engine/toolkit/pg";
import type { TlsPostgres } from "../fakes/tls-postgres";
import {
  DESTINATION_DB,
  destinationRows,
  dropCreated,
  ensureDatabases,
  groupWithDestination,
  SOURCE_DB,
  sourceSchema,
  sql,
  waitForRun,
} from "./connections-sync-helpers";
import { TEST_EGRESS } from "./engine/harness";
import { call, newAccount } from "./helpers";
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

/** The TLS cluster's fixture (test/fakes/tls-postgres.ts); fails the test when it is missing. */
function tlsServer(): TlsPostgres {
  const server = inject("tlsPostgres");
  if (typeof server === "string") throw new Error(server);
  return server;
}

const CERT_TEST = "Validating certificate";
type Test = { title: string; status: string; message: string; details?: Record<string, unknown> };
const certTest = (tests: Test[]) => tests.find((t) => t.title === CERT_TEST);

/** A setup test result that refuses the TLS server's certificate, naming it. */
function expectRefused(tests: Test[], server: TlsPostgres) {
  const test = certTest(tests);
  expect(test, JSON.stringify(tests)).toMatchObject({ status: "FAILED" });
  expect(test?.message).toContain(`hash '${server.hash}'`);
  expect(test?.message).toContain("CN=localhost");
  expect(test?.details).toEqual({
    certificate: {
      hash: server.hash,
      encoded_cert: server.encodedCert,
      name: "CN=localhost, O=fivetran.do tests",
      sha256: server.sha256,
    },
  });
}

describe("fingerprints", () => {
  it("lists none, 404s details and revocations, and refuses an approval with the reason", async () => {
    const { auth } = await adminAccount();
    const g = await group(auth, "ssh");
    const conn = await connection(auth, g, "ssh_conn");
    const dest = await destination(auth, g);
    const owners: [string, string, string][] = [
      ["connections", conn, "Connection"],
      ["connectors", conn, "Connection"],
      ["destinations", dest, "Destination"],
    ];
    for (const [owner, id, Owner] of owners) {
      const list = await call("GET", `/v1/${owner}/${id}/fingerprints`, { auth });
      expect(list.status).toBe(200);
      expect(list.json).toEqual({
        code: "Success",
        message: `${Owner} fingerprints retrieved successfully`,
        data: { items: [] },
      });
      for (const method of ["GET", "DELETE"]) {
        const one = await call(method, `/v1/${owner}/${id}/fingerprints/abc123`, { auth });
        expect(one.status).toBe(404);
        expect(one.json).toEqual({
          code: "NotFound_Fingerprint",
          message: "Fingerprint with hash 'abc123' does not exist.",
        });
      }
      const approve = await call("POST", `/v1/${owner}/${id}/fingerprints`, {
        auth,
        body: { hash: "abc", public_key: "ssh-rsa AAAA" },
      });
      expect(approve.status).toBe(400);
      expect(approve.json.code).toBe("InvalidInput");
      expect(approve.json.message).toMatch(/SSH tunnel/);
      const missing = await call("POST", `/v1/${owner}/${id}/fingerprints`, { auth, body: {} });
      expect(missing.status).toBe(400);
      expect(missing.json.message).toMatch(/^Field 'hash' is required/);
    }
  });
});

describe("certificates", () => {
  beforeAll(ensureDatabases);
  afterAll(dropCreated);

  it("approves, lists, shows and revokes on every owner path, and refuses what is not the certificate", async () => {
    const server = tlsServer();
    const { auth } = await adminAccount();
    const g = await group(auth, "tls");
    const conn = await connection(auth, g, "tls_conn");
    const dest = await destination(auth, g);
    const owners: [string, string, string][] = [
      ["connections", conn, "Connection"],
      ["connectors", conn, "Connection"],
      ["destinations", dest, "Destination"],
    ];
    const body = { hash: server.hash, encoded_cert: server.encodedCert };
    for (const [owner, id, Owner] of owners) {
      const base = `/v1/${owner}/${id}/certificates`;
      const empty = await call("GET", base, { auth });
      expect(empty.json).toEqual({
        code: "Success",
        message: `${Owner} certificates retrieved successfully`,
        data: { items: [] },
      });
      for (const method of ["GET", "DELETE"]) {
        const one = await call(method, `${base}/${server.hash}`, { auth });
        expect(one.status).toBe(404);
        expect(one.json).toEqual({
          code: "NotFound_Certificate",
          message: `Certificate with hash '${server.hash}' does not exist.`,
        });
      }
      const garbage = await call("POST", base, { auth, body: { hash: server.hash, encoded_cert: "bm90IGEgY2VydA==" } });
      expect(garbage.status).toBe(400);
      expect(garbage.json).toEqual({
        code: "InvalidInput",
        message: "Invalid value for field 'encoded_cert': not an X.509 certificate in base64 (DER) or PEM",
      });
      const notBase64 = await call("POST", base, { auth, body: { hash: server.hash, encoded_cert: "%%%" } });
      expect(notBase64.status).toBe(400);
      const wrongHash = await call("POST", base, { auth, body: { ...body, hash: "abc" } });
      expect(wrongHash.status).toBe(400);
      expect(wrongHash.json).toEqual({
        code: "InvalidInput",
        message: `Invalid value for field 'hash': 'abc' is not the hash of encoded_cert (its hash is '${server.hash}')`,
      });
      const missing = await call("POST", base, { auth, body: {} });
      expect(missing.status).toBe(400);
      expect(missing.json.message).toMatch(/^Field 'hash' is required/);

      const approved = await call("POST", base, { auth, body });
      expect(approved.status, JSON.stringify(approved.json)).toBe(200);
      expect(approved.json.code).toBe("Success");
      const item = approved.json.data;
      expect(item).toEqual({
        id: expect.any(String),
        name: "CN=localhost, O=fivetran.do tests",
        hash: server.hash,
        type: "X.509",
        sha1: expect.stringMatching(/^([0-9A-F]{2}:){19}[0-9A-F]{2}$/),
        sha256: server.sha256,
        public_key: expect.stringMatching(/^MII/),
        validated_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        validated_by: expect.any(String),
      });
      // Approving again keeps the first approval; PEM is accepted too.
      const pem = `-----BEGIN CERTIFICATE-----\n${server.encodedCert.replace(/(.{64})/g, "$1\n")}\n-----END CERTIFICATE-----\n`;
      const again = await call("POST", base, { auth, body: { hash: server.hash, encoded_cert: pem } });
      expect(again.status).toBe(200);
      expect(again.json.data).toEqual(item);
      const list = await call("GET", base, { auth });
      expect(list.json.data).toEqual({ items: [item] });
      const details = await call("GET", `${base}/${server.hash}`, { auth });
      expect(details.json).toEqual({
        code: "Success",
        message: "Certificate details retrieved successfully",
        data: item,
      });
      // Scoped to its owner: the other owner's list does not show it.
      const other =
        owner === "destinations" ? `/v1/connections/${conn}/certificates` : `/v1/destinations/${dest}/certificates`;
      expect((await call("GET", other, { auth })).json.data.items).toEqual([]);
      const revoked = await call("DELETE", `${base}/${server.hash}`, { auth });
      expect(revoked.json).toEqual({
        code: "Success",
        message: `Certificate with hash '${server.hash}' has been revoked`,
      });
      expect((await call("GET", `${base}/${server.hash}`, { auth })).status).toBe(404);
    }
  });

  it("keeps a PostgreSQL source with an unapproved certificate broken, and connects and syncs over TLS once approved", {
    timeout: 60_000,
  }, async () => {
    const server = tlsServer();
    const auth = await newAccount();
    const groupId = await groupWithDestination(auth);
    const prefix = `tls_${crypto.randomUUID().replace(/-/g, "").slice(0, 8)}`;
    const request = {
      group_id: groupId,
      service: "postgres",
      schedule_type: "manual",
      config: {
        schema_prefix: prefix,
        host: "127.0.0.1",
        port: server.port,
        database: "tls_src",
        user: "postgres",
        require_tls: true,
        tables: [`${server.schema}.items`, `${server.schema}.bulk`],
      },
    };
    const created = { request, ...(await call("POST", "/v1/connections", { auth, body: request })) };
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const id = created.json.data.id as string;
    expect(created.json.data.status.setup_state).toBe("broken");
    expectRefused(created.json.data.setup_tests, server);

    const base = `/v1/connectors/${id}/certificates`;
    const approved = await call("POST", base, { auth, body: { hash: server.hash, encoded_cert: server.encodedCert } });
    expect(approved.status, JSON.stringify(approved.json)).toBe(200);

    const tested = await call("POST", `/v1/connections/${id}/test`, { auth, body: {} });
    expect(tested.status).toBe(200);
    expect(tested.json.data.status.setup_state, JSON.stringify(tested.json.data.setup_tests)).toBe("connected");
    expect(certTest(tested.json.data.setup_tests)).toEqual({
      title: CERT_TEST,
      status: "PASSED",
      message: `The server's certificate 'CN=localhost, O=fivetran.do tests' (hash '${server.hash}') is trusted through an approved certificate`,
    });

    expect((await call("POST", `/v1/connections/${id}/sync`, { auth })).status).toBe(200);
    const synced = await waitForRun(auth, id);
    expect(synced.failed_at, JSON.stringify(synced.status)).toBeNull();
    expect(await destinationRows(`${prefix}_${server.schema}`, "items", "id, name")).toEqual([
      { id: 1, name: "one" },
      { id: 2, name: "two" },
      { id: 3, name: "three" },
    ]);
    const [bulk] = await sql(
      DESTINATION_DB,
      `SELECT count(*)::int AS n, md5(string_agg(payload, '' ORDER BY id)) AS digest FROM ${quoteIdent(`${prefix}_${server.schema}`)}.bulk`,
    );
    const [expected] = await sql(
      DESTINATION_DB,
      `SELECT md5(string_agg(repeat(md5(g::text), 2), '' ORDER BY g)) AS digest FROM generate_series(1, 20000) g`,
    );
    expect(bulk).toEqual({ n: 20000, digest: expected?.digest });

    // Revoked: the setup tests and the next sync refuse the server again.
    expect((await call("DELETE", `/v1/connections/${id}/certificates/${server.hash}`, { auth })).status).toBe(200);
    const since = synced.succeeded_at as string;
    expect((await call("POST", `/v1/connections/${id}/sync`, { auth })).status).toBe(200);
    const refused = await waitForRun(auth, id, since);
    expect(refused.failed_at, JSON.stringify(refused.status)).not.toBeNull();
    const retest = await call("POST", `/v1/connections/${id}/test`, { auth });
    expect(retest.json.data.status.setup_state).toBe("broken");
    expectRefused(retest.json.data.setup_tests, server);

    // trust_certificates: true approves what the tests met, and they pass.
    const trusted = await call("POST", `/v1/connections/${id}/test`, { auth, body: { trust_certificates: true } });
    expect(trusted.json.data.status.setup_state, JSON.stringify(trusted.json.data.setup_tests)).toBe("connected");
    const list = await call("GET", `/v1/connections/${id}/certificates`, { auth });
    expect(list.json.data.items.map((c: { hash: string }) => c.hash)).toEqual([server.hash]);

    // A deleted connection's approvals go with it.
    expect((await call("DELETE", `/v1/connections/${id}`, { auth })).status).toBe(200);

    // Created with trust_certificates: true, a connection approves the certificate at once.
    const trusting = await call("POST", "/v1/connections", {
      auth,
      body: {
        ...created.request,
        trust_certificates: true,
        config: { ...created.request.config, schema_prefix: `${prefix}_t` },
      },
    });
    expect(trusting.status, JSON.stringify(trusting.json)).toBe(201);
    expect(trusting.json.data.status.setup_state, JSON.stringify(trusting.json.data.setup_tests)).toBe("connected");
    expect(certTest(trusting.json.data.setup_tests)?.status).toBe("PASSED");
    const approvals = await call("GET", `/v1/connections/${trusting.json.data.id}/certificates`, { auth });
    expect(approvals.json.data.items.map((c: { hash: string }) => c.hash)).toEqual([server.hash]);
  });

  it("trusts a server certificate from a private CA once the CA is approved, not the server's own", {
    timeout: 60_000,
  }, async () => {
    const proxy = inject("tlsTerminator");
    if (typeof proxy === "string") throw new Error(proxy);
    const auth = await newAccount();
    const groupId = await groupWithDestination(auth);
    const source = await sourceSchema();
    const prefix = `tlsca_${crypto.randomUUID().replace(/-/g, "").slice(0, 8)}`;
    const created = await call("POST", "/v1/connections", {
      auth,
      body: {
        group_id: groupId,
        service: "postgres",
        schedule_type: "manual",
        config: {
          schema_prefix: prefix,
          host: "127.0.0.1",
          port: proxy.port,
          database: SOURCE_DB,
          user: "postgres",
          require_tls: true,
          tables: [`${source}.customers`],
        },
      },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const id = created.json.data.id as string;
    expect(created.json.data.status.setup_state).toBe("broken");
    // The test names the CA the server sent along, the certificate to approve.
    const refused = certTest(created.json.data.setup_tests);
    expect(refused?.status).toBe("FAILED");
    expect(refused?.message).toContain("The server's TLS certificate 'CN=localhost' is not trusted");
    expect(refused?.message).toContain(`approve 'CN=fivetran.do test CA' (hash '${proxy.ca.hash}'`);
    expect(refused?.details).toMatchObject({
      certificate: { hash: proxy.ca.hash, encoded_cert: proxy.ca.encodedCert },
    });

    // The server's own certificate is no trust root: approved, the server is still refused.
    const leaf = await call("POST", `/v1/connections/${id}/certificates`, {
      auth,
      body: { hash: proxy.leaf.hash, encoded_cert: proxy.leaf.encodedCert },
    });
    expect(leaf.status).toBe(200);
    const still = await call("POST", `/v1/connections/${id}/test`, { auth });
    expect(still.json.data.status.setup_state).toBe("broken");
    expect(certTest(still.json.data.setup_tests)?.message).toContain(`hash '${proxy.ca.hash}'`);

    // trust_certificates approves the CA, and the connection syncs through it.
    const trusted = await call("POST", `/v1/connections/${id}/test`, { auth, body: { trust_certificates: true } });
    expect(trusted.json.data.status.setup_state, JSON.stringify(trusted.json.data.setup_tests)).toBe("connected");
    const list = await call("GET", `/v1/connections/${id}/certificates`, { auth });
    expect(list.json.data.items.map((c: { hash: string; name: string }) => [c.name, c.hash]).sort()).toEqual(
      [
        ["CN=fivetran.do test CA", proxy.ca.hash],
        ["CN=localhost", proxy.leaf.hash],
      ].sort(),
    );
    expect((await call("POST", `/v1/connections/${id}/sync`, { auth })).status).toBe(200);
    const synced = await waitForRun(auth, id);
    expect(synced.failed_at, JSON.stringify(synced.status)).toBeNull();
    expect(await destinationRows(`${prefix}_${source}`, "customers")).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
  });

  it("keeps a PostgreSQL destination with an unapproved certificate broken, and writes to it over TLS once approved", {
    timeout: 60_000,
  }, async () => {
    const server = tlsServer();
    const auth = await newAccount();
    const g = await call("POST", "/v1/groups", { auth, body: { name: `tls_${crypto.randomUUID().slice(0, 8)}` } });
    const groupId = g.json.data.id as string;
    const config = { host: "127.0.0.1", port: server.port, database: "tls_dst", user: "postgres", require_tls: true };
    const created = await call("POST", "/v1/destinations", {
      auth,
      body: { group_id: groupId, service: "postgres", time_zone_offset: "0", config },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json.data.setup_status).toBe("broken");
    expectRefused(created.json.data.setup_tests, server);

    const approved = await call("POST", `/v1/destinations/${groupId}/certificates`, {
      auth,
      body: { hash: server.hash, encoded_cert: server.encodedCert },
    });
    expect(approved.status).toBe(200);
    const tested = await call("POST", `/v1/destinations/${groupId}/test`, { auth });
    expect(tested.json.data.setup_status, JSON.stringify(tested.json.data.setup_tests)).toBe("connected");
    expect(certTest(tested.json.data.setup_tests)?.status).toBe("PASSED");

    // A connection from the plain cluster writes into the TLS destination.
    const source = await sourceSchema();
    const prefix = `tlsd_${crypto.randomUUID().replace(/-/g, "").slice(0, 8)}`;
    const conn = await call("POST", "/v1/connections", {
      auth,
      body: {
        group_id: groupId,
        service: "postgres",
        schedule_type: "manual",
        config: {
          schema_prefix: prefix,
          host: "127.0.0.1",
          port: 5432,
          database: SOURCE_DB,
          user: "postgres",
          tables: [`${source}.customers`],
        },
      },
    });
    expect(conn.status, JSON.stringify(conn.json)).toBe(201);
    const id = conn.json.data.id as string;
    expect((await call("POST", `/v1/connections/${id}/sync`, { auth })).status).toBe(200);
    const synced = await waitForRun(auth, id);
    expect(synced.failed_at, JSON.stringify(synced.status)).toBeNull();
    // Read back over TLS trusting the same certificate (the test's own reader).
    const reader = await openPg(
      { host: "127.0.0.1", port: server.port, database: "tls_dst", user: "postgres", require_tls: true },
      { ...TEST_EGRESS, tls: { approved: [{ hash: server.hash, encodedCert: server.encodedCert }], presented: [] } },
    );
    try {
      const { rows } = await reader.query(`SELECT id FROM ${quoteIdent(`${prefix}_${source}`)}.customers ORDER BY id`);
      expect(rows).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
      await reader.query(`DROP SCHEMA ${quoteIdent(`${prefix}_${source}`)} CASCADE`);
    } finally {
      await closePg(reader);
    }

    // Revoked: the destination's setup tests refuse the server again.
    expect((await call("DELETE", `/v1/destinations/${groupId}/certificates/${server.hash}`, { auth })).status).toBe(
      200,
    );
    const retest = await call("POST", `/v1/destinations/${groupId}/test`, { auth });
    expect(retest.json.data.setup_status).toBe("broken");
    expectRefused(retest.json.data.setup_tests, server);
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

import { beforeAll, describe, expect, it } from "vitest";
import { postgresDestination } from "../../src/engine/destinations/postgres/index";
import { parseConfig } from "../../src/engine/toolkit/config";
import { closePg, openPg } from "../../src/engine/toolkit/pg";
import { TEST_EGRESS } from "./engine/harness";
import { call, newAccount } from "./helpers";
import { requirePasswordFor } from "./pg-auth";

/** Database and roles of these tests, on the real local PostgreSQL (trust auth for postgres). */
const DATABASE = "destinations_probe";
const NO_PRIVILEGES = "dest_probe_noprivs";
const NO_LOGIN = "dest_probe_nologin";
/** Must log in with its password (pg-auth.ts gives it a scram-sha-256 pg_hba.conf line). */
const PASSWORD_ROLE = "dest_probe_password";
const PASSWORD = "right-Passw0rd";

const ctx = { fetch, log: { info() {}, warn() {} }, now: () => new Date(), bindings: {}, egress: TEST_EGRESS };

async function asSuperuser<T>(database: string, work: (client: Awaited<ReturnType<typeof openPg>>) => Promise<T>) {
  const client = await openPg({ host: "127.0.0.1", port: 5432, database, user: "postgres" }, TEST_EGRESS);
  try {
    return await work(client);
  } finally {
    await closePg(client);
  }
}

beforeAll(async () => {
  await asSuperuser("postgres", async (pg) => {
    const exists = await pg.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    if (!exists.rowCount) await pg.query(`CREATE DATABASE ${DATABASE}`);
    await pg.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${NO_PRIVILEGES}') THEN CREATE ROLE ${NO_PRIVILEGES} LOGIN; END IF;
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${NO_LOGIN}') THEN CREATE ROLE ${NO_LOGIN} NOLOGIN; END IF;
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${PASSWORD_ROLE}') THEN CREATE ROLE ${PASSWORD_ROLE} LOGIN; END IF;
    END $$`);
    await pg.query(`ALTER ROLE ${PASSWORD_ROLE} PASSWORD '${PASSWORD}'`);
    // PostgreSQL 15 grants PUBLIC no CREATE on a database; say so explicitly all the same.
    await pg.query(`REVOKE CREATE ON DATABASE ${DATABASE} FROM PUBLIC, ${NO_PRIVILEGES}`);
    await pg.query(`GRANT CREATE ON DATABASE ${DATABASE} TO ${PASSWORD_ROLE}`);
  });
  await requirePasswordFor(PASSWORD_ROLE, DATABASE);
}, 60_000);

function config(input: Record<string, unknown>) {
  return parseConfig(postgresDestination, input) as Parameters<typeof postgresDestination.check>[0];
}

async function probeSchemaExists(): Promise<boolean> {
  return asSuperuser(DATABASE, async (pg) => {
    const found = await pg.query("SELECT 1 FROM pg_namespace WHERE nspname = '_fivetran_setup_test'");
    return (found.rowCount ?? 0) > 0;
  });
}

describe("postgres destination setup tests (real PostgreSQL on 127.0.0.1)", () => {
  it("creates a postgres_warehouse destination whose tests connect and create a schema and a table", async () => {
    const auth = await newAccount();
    const group = (await call("POST", "/v1/groups", { auth, body: { name: "pg" } })).json.data;
    const res = await call("POST", "/v1/destinations", {
      auth,
      body: {
        group_id: group.id,
        service: "postgres_warehouse",
        time_zone_offset: "0",
        config: { host: "127.0.0.1", port: 5432, database: DATABASE, user: "postgres" },
      },
    });
    expect(res.status).toBe(201);
    expect(res.json.data.setup_status).toBe("connected");
    expect(res.json.data.setup_tests).toEqual([
      { title: "Connecting to database", status: "PASSED", message: expect.stringMatching(/^PostgreSQL 1\d/) },
      {
        title: "Validating schema and table privileges",
        status: "PASSED",
        message: `User 'postgres' may create schemas and tables in database '${DATABASE}'`,
      },
    ]);
    // The probe ran in a transaction that was rolled back.
    expect(await probeSchemaExists()).toBe(false);
  });

  it("fails the privilege test, with the GRANT to run, for a role without CREATE on the database", async () => {
    const auth = await newAccount();
    const group = (await call("POST", "/v1/groups", { auth, body: { name: "pg" } })).json.data;
    const res = await call("POST", "/v1/destinations", {
      auth,
      body: {
        group_id: group.id,
        service: "postgres",
        time_zone_offset: "0",
        config: { connectionString: `postgres://${NO_PRIVILEGES}@127.0.0.1:5432/${DATABASE}` },
      },
    });
    expect(res.status).toBe(201);
    expect(res.json.data.setup_status).toBe("broken");
    const [connecting, privileges] = res.json.data.setup_tests;
    expect(connecting.status).toBe("PASSED");
    expect(privileges.status).toBe("FAILED");
    expect(privileges.message).toMatch(/^Permission denied: permission denied for database destinations_probe/);
    expect(privileges.message).toContain(`GRANT CREATE ON DATABASE "${DATABASE}" TO "${NO_PRIVILEGES}"`);

    // Granting the privilege and re-running the tests through the API repairs it.
    await asSuperuser("postgres", (pg) => pg.query(`GRANT CREATE ON DATABASE ${DATABASE} TO ${NO_PRIVILEGES}`));
    try {
      const retest = await call("POST", `/v1/destinations/${group.id}/test`, { auth });
      expect(retest.json.data.setup_status).toBe("connected");
    } finally {
      await asSuperuser("postgres", (pg) => pg.query(`REVOKE CREATE ON DATABASE ${DATABASE} FROM ${NO_PRIVILEGES}`));
    }
  });

  it("fails on a wrong password and passes with the right one (a role pg_hba.conf makes use its password)", async () => {
    const wrong = await postgresDestination.check(
      config({ host: "127.0.0.1", database: DATABASE, user: PASSWORD_ROLE, password: "wrong-password" }),
      ctx,
    );
    expect(wrong).toHaveLength(1);
    expect(wrong[0]).toMatchObject({ title: "Connecting to database", status: "FAILED", details: { auth: true } });
    expect(wrong[0]?.message).toMatch(/^Authentication failed: password authentication failed for user/);
    expect(wrong[0]?.message).not.toContain("wrong-password");

    const right = await postgresDestination.check(
      config({ host: "127.0.0.1", database: DATABASE, user: PASSWORD_ROLE, password: PASSWORD }),
      ctx,
    );
    expect(right.map((t) => t.status)).toEqual(["PASSED", "PASSED"]);
  });

  it("fails authentication for a role that may not log in", async () => {
    const tests = await postgresDestination.check(
      config({ host: "127.0.0.1", database: DATABASE, user: NO_LOGIN }),
      ctx,
    );
    expect(tests).toEqual([
      {
        title: "Connecting to database",
        status: "FAILED",
        message: `Authentication failed: role "${NO_LOGIN}" is not permitted to log in`,
        details: { auth: true },
      },
    ]);
  });

  it("fails clearly for a missing database and for a networking method it cannot use", async () => {
    const missing = await postgresDestination.check(
      config({ host: "127.0.0.1", database: "destinations_no_such_db", user: "postgres" }),
      ctx,
    );
    expect(missing[0]).toMatchObject({ status: "FAILED", message: expect.stringMatching(/^Database does not exist/) });
    const tunnel = await postgresDestination.check(
      config({ host: "127.0.0.1", database: DATABASE, user: "postgres", connection_type: "SshTunnel" }),
      ctx,
    );
    expect(tunnel).toEqual([
      {
        title: "Connecting to database",
        status: "FAILED",
        message: "connection_type 'SshTunnel' is not available: fivetran.do connects to the database directly",
      },
    ]);
  });
});

/**
 * Setup tests and secrets of `postgres` connections against the real local PostgreSQL.
 *
 * The local server trusts every role on 127.0.0.1, so a wrong password would pass. To prove
 * that the password a connection stores is the one it uses, `beforeAll` gives one dedicated
 * role (and only it) password authentication: it prepends a `scram-sha-256` line for that
 * role to pg_hba.conf (see pg-auth.ts). Every other role keeps trust authentication.
 */
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { closePg, openPg } from "../../src/engine/toolkit/pg";
import { decryptJson } from "../../src/lib/secrets";
import { TEST_EGRESS } from "./engine/harness";
import { call, newAccount } from "./helpers";
import { requirePasswordFor } from "./pg-auth";

const DATABASE = "connections_probe";
const NOREAD_ROLE = "connections_probe_noread";
const PASSWORD_ROLE = "connections_probe_pw";
const PASSWORD = "s3cret-Right-Pass";
const WRONG_PASSWORD = "Wr0ng-Pass-Guess";
const SUPERUSER = { host: "127.0.0.1", port: 5432, user: "postgres" };

/** Runs statements as the superuser, ignoring "already exists" from a concurrent run. */
async function asSuperuser(database: string, statements: string[]) {
  const client = await openPg({ ...SUPERUSER, database }, TEST_EGRESS);
  try {
    for (const statement of statements) {
      try {
        await client.query(statement);
      } catch (error) {
        const code = (error as { code?: string }).code;
        // 42P04 duplicate database, 42710 duplicate role, 23505 catalog race on CREATE … IF NOT EXISTS.
        if (code !== "42P04" && code !== "42710" && code !== "23505") throw error;
      }
    }
  } finally {
    await closePg(client);
  }
}

beforeAll(async () => {
  const { rows } = await (async () => {
    const client = await openPg({ ...SUPERUSER, database: "postgres" }, TEST_EGRESS);
    try {
      return await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    } finally {
      await closePg(client);
    }
  })();
  if (rows.length === 0) await asSuperuser("postgres", [`CREATE DATABASE ${DATABASE}`]);
  await asSuperuser("postgres", [
    `DO $$ BEGIN
       IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${NOREAD_ROLE}') THEN CREATE ROLE ${NOREAD_ROLE} LOGIN; END IF;
       IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${PASSWORD_ROLE}') THEN CREATE ROLE ${PASSWORD_ROLE} LOGIN; END IF;
     END $$`,
    `ALTER ROLE ${PASSWORD_ROLE} WITH LOGIN PASSWORD '${PASSWORD}'`,
  ]);
  await asSuperuser(DATABASE, [
    "CREATE TABLE IF NOT EXISTS public.readable (id integer PRIMARY KEY)",
    "CREATE TABLE IF NOT EXISTS public.forbidden (id integer PRIMARY KEY)",
    `REVOKE ALL ON public.forbidden FROM ${NOREAD_ROLE}, ${PASSWORD_ROLE}`,
    `GRANT SELECT ON public.readable TO ${NOREAD_ROLE}, ${PASSWORD_ROLE}`,
    `GRANT SELECT ON public.forbidden TO ${PASSWORD_ROLE}`,
  ]);
  await requirePasswordFor(PASSWORD_ROLE, DATABASE);
}, 60_000);

afterEach(() => {
  vi.restoreAllMocks();
});

async function group(auth: string): Promise<string> {
  return (await call("POST", "/v1/groups", { auth, body: { name: `g_${crypto.randomUUID().slice(0, 8)}` } })).json.data
    .id;
}

async function createPostgres(auth: string, groupId: string, config: Record<string, unknown>, naming = "connections") {
  return call("POST", `/v1/${naming}`, { auth, body: { group_id: groupId, service: "postgres", config } });
}

function titles(tests: { title: string; status: string }[]) {
  return tests.map((t) => [t.title, t.status]);
}

async function rawRow(id: string) {
  return env.DB.prepare("SELECT config, secrets FROM connections WHERE id = ?").bind(id).first<{
    config: string;
    secrets: string | null;
  }>();
}

describe("postgres setup tests against the real server", () => {
  it("passes for a reachable database and readable tables, under both namings", async () => {
    const auth = await newAccount();
    const groupId = await group(auth);
    for (const naming of ["connections", "connectors"]) {
      const res = await createPostgres(
        auth,
        groupId,
        { schema_prefix: `pg_ok_${naming}`, connectionString: `postgres://postgres@127.0.0.1:5432/${DATABASE}` },
        naming,
      );
      expect(res.status).toBe(201);
      expect(res.json.data.status.setup_state).toBe("connected");
      expect(titles(res.json.data.setup_tests)).toEqual([
        ["Connecting to database", "PASSED"],
        ["Validating table privileges", "PASSED"],
      ]);
      expect(res.json.data.config).toEqual({
        schema_prefix: `pg_ok_${naming}`,
        host: "127.0.0.1",
        port: 5432,
        database: DATABASE,
        user: "postgres",
        update_method: "QUERY_BASED",
        connection_type: "Directly",
        require_tls: false,
      });
      expect(res.json.data.schema).toBe(`pg_ok_${naming}`);
    }
  });

  it("is broken when the role lacks SELECT on a configured table, connected without it", async () => {
    const auth = await newAccount();
    const groupId = await group(auth);
    const base = { host: "127.0.0.1", port: 5432, database: DATABASE, user: NOREAD_ROLE };
    const denied = await createPostgres(auth, groupId, {
      ...base,
      schema_prefix: "pg_noread",
      tables: ["readable", "public.forbidden"],
    });
    expect(denied.status).toBe(201);
    expect(denied.json.data.status.setup_state).toBe("broken");
    const privileges = denied.json.data.setup_tests.find(
      (t: { title: string }) => t.title === "Validating table privileges",
    );
    expect(privileges).toEqual({
      title: "Validating table privileges",
      status: "FAILED",
      message: `User '${NOREAD_ROLE}' lacks SELECT on: public.forbidden`,
    });

    // Narrowing the tables fixes it; the PATCH re-runs the tests on request.
    const fixed = await call("PATCH", `/v1/connections/${denied.json.data.id}`, {
      auth,
      body: { config: { tables: ["readable"] }, run_setup_tests: true },
    });
    expect(fixed.status).toBe(200);
    expect(fixed.json.data.status.setup_state).toBe("connected");
    expect(fixed.json.data.config.tables).toEqual(["readable"]);
  });

  it("is broken for a database that does not exist", async () => {
    const auth = await newAccount();
    const res = await createPostgres(auth, await group(auth), {
      schema_prefix: "pg_nodb",
      host: "127.0.0.1",
      database: "connections_no_such_db",
      user: "postgres",
    });
    expect(res.json.data.status.setup_state).toBe("broken");
    expect(res.json.data.setup_tests[0]).toMatchObject({ status: "FAILED", message: /does not exist/ });
  });

  it("skips the tests with run_setup_tests false and runs them on POST /test", async () => {
    const auth = await newAccount();
    const res = await createPostgres(auth, await group(auth), {
      schema_prefix: "pg_later",
      connectionString: `postgres://postgres@127.0.0.1/${DATABASE}`,
    });
    const id = res.json.data.id;
    const skipped = await call("POST", "/v1/connections", {
      auth,
      body: {
        group_id: res.json.data.group_id,
        service: "postgres",
        run_setup_tests: false,
        config: { schema_prefix: "pg_skip", host: "127.0.0.1", database: "connections_no_such_db", user: "postgres" },
      },
    });
    expect(skipped.json.data.status.setup_state).toBe("incomplete");
    const tested = await call("POST", `/v1/connectors/${skipped.json.data.id}/test`, { auth });
    expect(tested.status).toBe(200);
    expect(tested.json.data.status.setup_state).toBe("broken");
    expect((await call("GET", `/v1/connections/${id}`, { auth })).json.data.status.setup_state).toBe("connected");
  });
});

describe("postgres connection secrets", () => {
  it("masks the password, never stores it in clear and uses the stored one until replaced", async () => {
    const logged = [
      vi.spyOn(console, "log"),
      vi.spyOn(console, "info"),
      vi.spyOn(console, "warn"),
      vi.spyOn(console, "error"),
      vi.spyOn(console, "debug"),
    ];
    const auth = await newAccount();
    const groupId = await group(auth);
    const created = await createPostgres(auth, groupId, {
      schema_prefix: "pg_secret",
      connectionString: `postgres://${PASSWORD_ROLE}:${encodeURIComponent(PASSWORD)}@127.0.0.1:5432/${DATABASE}`,
      tables: ["readable", "forbidden"],
    });
    expect(created.status).toBe(201);
    const id = created.json.data.id;
    expect(created.json.data.status.setup_state).toBe("connected");
    expect(created.json.data.config.password).toBe("******");
    expect(created.json.data.config.user).toBe(PASSWORD_ROLE);

    // Every way of reading it back masks the secret.
    const reads = [
      (await call("GET", `/v1/connections/${id}`, { auth })).json.data,
      (await call("GET", `/v1/connectors/${id}`, { auth })).json.data,
      (await call("GET", "/v1/connections", { auth })).json.data.items[0],
      (await call("GET", `/v1/groups/${groupId}/connectors`, { auth })).json.data.items[0],
    ];
    for (const read of reads) expect(read.config.password).toBe("******");

    // The D1 row holds no clear-text secret: config has the mask, secrets is ciphertext.
    const stored = await rawRow(id);
    expect(JSON.parse(stored?.config ?? "{}").password).toBe("******");
    expect(stored?.secrets).toMatch(/^v1\.[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+$/);
    expect(JSON.stringify(stored)).not.toContain(PASSWORD);
    expect(await decryptJson(env.FIVETRAN_ENCRYPTION_KEY, stored?.secrets ?? null)).toEqual({ password: PASSWORD });

    // Sending the mask back (as Terraform does) keeps the stored password.
    const echoed = await call("PATCH", `/v1/connections/${id}`, {
      auth,
      body: { config: { ...created.json.data.config }, run_setup_tests: true },
    });
    expect(echoed.status).toBe(200);
    expect(echoed.json.data.status.setup_state).toBe("connected");
    expect(await decryptJson(env.FIVETRAN_ENCRYPTION_KEY, (await rawRow(id))?.secrets ?? null)).toEqual({
      password: PASSWORD,
    });

    // A new password replaces it: a wrong one breaks the connection…
    const wrong = await call("PATCH", `/v1/connectors/${id}`, { auth, body: { config: { password: WRONG_PASSWORD } } });
    expect(wrong.json.data.config.password).toBe("******");
    const failing = await call("POST", `/v1/connections/${id}/test`, { auth, body: {} });
    expect(failing.json.data.status.setup_state).toBe("broken");
    expect(failing.json.data.setup_tests).toEqual([
      {
        title: "Connecting to database",
        status: "FAILED",
        message: expect.stringMatching(/^Authentication failed: password authentication failed/),
        details: { auth: true },
      },
    ]);

    // …and the right one connects it again.
    await call("PATCH", `/v1/connections/${id}`, { auth, body: { config: { password: PASSWORD } } });
    const passing = await call("POST", `/v1/connectors/${id}/test`, { auth });
    expect(passing.json.data.status.setup_state).toBe("connected");

    const rawAfter = JSON.stringify(await rawRow(id));
    expect(rawAfter).not.toContain(PASSWORD);
    expect(rawAfter).not.toContain(WRONG_PASSWORD);
    const everything = JSON.stringify(logged.flatMap((spy) => spy.mock.calls));
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain(WRONG_PASSWORD);
  });

  it("refuses a bad secret without storing anything", async () => {
    const auth = await newAccount();
    const res = await createPostgres(auth, await group(auth), {
      schema_prefix: "pg_bad",
      host: "127.0.0.1",
      database: DATABASE,
      user: PASSWORD_ROLE,
      password: 12345,
    });
    expect(res.status).toBe(400);
    expect(res.json.message).toMatch(/field 'config.password'/);
    expect((await call("GET", "/v1/connections", { auth })).json.data.items).toEqual([]);
  });
});

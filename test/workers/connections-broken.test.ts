/**
 * A connection whose credentials stop working turns `broken`, as on Fivetran (issue #9 §7),
 * against the real local PostgreSQL: a dedicated role of this file (made to authenticate with
 * its password, see pg-auth.ts) syncs, then its password is changed behind the connection's
 * back. The failed run leaves a `reconnect` task, the schedule arms no alarm for a broken
 * connection, and passing setup tests (POST …/test, or a PATCH with `run_setup_tests`) make it
 * `connected` again.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { closePg, openPg } from "../../src/engine/toolkit/pg";
import { waitForRun } from "./connections-sync-helpers";
import { TEST_EGRESS } from "./engine/harness";
import { call, newAccount } from "./helpers";
import { requirePasswordFor } from "./pg-auth";

const DATABASE = "status_broken_src";
const ROLE = "status_broken_pw";
const FIRST_PASSWORD = "Broken-Test-Pass-1";
const SECOND_PASSWORD = "Broken-Test-Pass-2";
const THIRD_PASSWORD = "Broken-Test-Pass-3";
const SUPERUSER = { host: "127.0.0.1", port: 5432, user: "postgres" };
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

async function asSuperuser(database: string, statements: string[]) {
  const client = await openPg({ ...SUPERUSER, database }, TEST_EGRESS);
  try {
    for (const statement of statements) {
      try {
        await client.query(statement);
      } catch (error) {
        // 42P04 duplicate database, 42710 duplicate role, 23505 a concurrent CREATE won the race.
        const code = (error as { code?: string }).code;
        if (code !== "42P04" && code !== "42710" && code !== "23505") throw error;
      }
    }
  } finally {
    await closePg(client);
  }
}

function setPassword(password: string) {
  return asSuperuser("postgres", [`ALTER ROLE ${ROLE} WITH LOGIN PASSWORD '${password}'`]);
}

beforeAll(async () => {
  const client = await openPg({ ...SUPERUSER, database: "postgres" }, TEST_EGRESS);
  let exists: boolean;
  try {
    exists = (await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE])).rows.length > 0;
  } finally {
    await closePg(client);
  }
  if (!exists) await asSuperuser("postgres", [`CREATE DATABASE ${DATABASE}`]);
  await asSuperuser("postgres", [
    `DO $$ BEGIN
       IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${ROLE}') THEN CREATE ROLE ${ROLE} LOGIN; END IF;
     END $$`,
  ]);
  await setPassword(FIRST_PASSWORD);
  await asSuperuser(DATABASE, [
    "CREATE TABLE IF NOT EXISTS public.items (id integer PRIMARY KEY, updated_at timestamptz NOT NULL DEFAULT now())",
    "INSERT INTO public.items (id) VALUES (1), (2), (3) ON CONFLICT DO NOTHING",
    `GRANT SELECT ON public.items TO ${ROLE}`,
  ]);
  await requirePasswordFor(ROLE, DATABASE);
}, 60_000);

async function details(auth: string, id: string) {
  const res = await call("GET", `/v1/connections/${id}`, { auth });
  expect(res.status).toBe(200);
  return res.json.data;
}

/** Starts a sync and waits for it to end after `since`; returns the details. */
async function sync(auth: string, id: string) {
  const before = await details(auth, id);
  const since = [before.succeeded_at, before.failed_at].filter(Boolean).sort().at(-1) ?? null;
  expect((await call("POST", `/v1/connections/${id}/sync`, { auth })).status).toBe(200);
  return waitForRun(auth, id, since);
}

function reconnectTask(id: string) {
  const reason = `password authentication failed for user "${ROLE}"`;
  return {
    code: "reconnect",
    message: `The source refused the connection's credentials: ${reason}. Fix them (PATCH /v1/connections/${id} with the new config), then rerun the setup tests (POST /v1/connections/${id}/test); scheduled syncs stay off until they pass.`,
    details: { reason },
  };
}

describe("a postgres connection whose password stops working", () => {
  it("turns broken with a reconnect task, is not scheduled, and passing setup tests make it connected again", async () => {
    await setPassword(FIRST_PASSWORD);
    const auth = await newAccount();
    const group = (await call("POST", "/v1/groups", { auth, body: { name: `sb_${crypto.randomUUID().slice(0, 8)}` } }))
      .json.data.id as string;
    const destination = await call("POST", "/v1/destinations", {
      auth,
      body: { group_id: group, service: "d1", time_zone_offset: "0", config: { database: "WAREHOUSE" } },
    });
    expect(destination.status).toBe(201);
    const created = await call("POST", "/v1/connections", {
      auth,
      body: {
        group_id: group,
        service: "postgres",
        schedule_type: "manual",
        config: {
          schema_prefix: `sb_${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}`,
          host: "127.0.0.1",
          port: 5432,
          database: DATABASE,
          user: ROLE,
          password: FIRST_PASSWORD,
          tables: ["public.items"],
        },
      },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json.data.status.setup_state).toBe("connected");
    const id = created.json.data.id as string;
    const connector = env.CONNECTOR.get(env.CONNECTOR.idFromName(id));

    const synced = await sync(auth, id);
    expect(synced.succeeded_at).toMatch(TIMESTAMP);
    expect(synced.status.last_run).toMatchObject({ status: "succeeded", rows: 3 });

    // The password changes at the source: the run's attempt fails, its one retry fails too.
    await setPassword(SECOND_PASSWORD);
    const failed = await sync(auth, id);
    expect(failed.failed_at).toMatch(TIMESTAMP);
    expect(failed.status.setup_state).toBe("broken");
    expect(failed.status.tasks).toEqual([reconnectTask(id)]);
    expect(failed.status.warnings).toEqual([]);
    const [run] = (await call("GET", `/v1/connections/${id}/runs`, { auth })).json.data.items;
    expect(run.status).toBe("failed");
    expect(run.attempts.map((a: { kind: string; retry_at: string | null }) => [a.kind, a.retry_at === null])).toEqual([
      ["auth", false],
      ["auth", true],
    ]);
    expect(JSON.stringify([failed, run])).not.toContain(FIRST_PASSWORD);

    // Broken: an auto schedule arms nothing.
    const auto = await call("PATCH", `/v1/connections/${id}`, { auth, body: { schedule_type: "auto" } });
    expect(auto.status).toBe(200);
    expect(auto.json.data.status.setup_state).toBe("broken");
    expect(auto.json.data.status.next_sync_at).toBeNull();
    expect(await connector.nextAlarm()).toBeNull();

    // Setup tests with the stored (now wrong) password fail: still broken, still no alarm.
    const stillWrong = await call("POST", `/v1/connections/${id}/test`, { auth, body: {} });
    expect(stillWrong.status).toBe(200);
    expect(stillWrong.json.data.status.setup_state).toBe("broken");
    expect(stillWrong.json.data.setup_tests.some((t: { status: string }) => t.status === "FAILED")).toBe(true);
    expect(stillWrong.json.data.status.tasks).toEqual([reconnectTask(id)]);
    expect(await connector.nextAlarm()).toBeNull();

    // The new password alone does not say the connection works: the setup tests do.
    const fixed = await call("PATCH", `/v1/connections/${id}`, {
      auth,
      body: { config: { password: SECOND_PASSWORD } },
    });
    expect(fixed.status).toBe(200);
    expect(fixed.json.data.status.setup_state).toBe("broken");
    expect(await connector.nextAlarm()).toBeNull();
    const passed = await call("POST", `/v1/connections/${id}/test`, { auth, body: {} });
    expect(passed.json.data.status.setup_state).toBe("connected");
    expect(passed.json.data.status.tasks).toEqual([]);
    expect(passed.json.data.status.next_sync_at).toMatch(TIMESTAMP);
    expect(await connector.nextAlarm()).toBe(passed.json.data.status.next_sync_at);

    // Broken again; this time a PATCH with the new password and run_setup_tests restores it.
    await call("PATCH", `/v1/connections/${id}`, { auth, body: { schedule_type: "manual" } });
    await setPassword(THIRD_PASSWORD);
    expect((await sync(auth, id)).status.setup_state).toBe("broken");
    const patched = await call("PATCH", `/v1/connections/${id}`, {
      auth,
      body: { config: { password: THIRD_PASSWORD }, run_setup_tests: true },
    });
    expect(patched.status).toBe(200);
    expect(patched.json.data.status.setup_state).toBe("connected");
    expect(patched.json.data.status.tasks).toEqual([]);

    const again = await sync(auth, id);
    expect(again.status.last_run).toMatchObject({ status: "succeeded" });
    expect(again.status.setup_state).toBe("connected");
    expect(again.status.tasks).toEqual([]);
    // Four syncs, two of them with a retry a second later, and four setup-test runs.
  }, 60_000);
});

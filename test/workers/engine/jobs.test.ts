/**
 * The queue consumer end to end inside workerd: ConnectorDO starts a run, the real queue
 * delivers its slices, SyncDO admits them, and the catalog status moves. A test-only source
 * registered for this file fails on demand.
 */
import { env } from "cloudflare:workers";
import { z } from "@hono/zod-openapi";
import { beforeAll, describe, expect, it } from "vitest";
import type { SourceDefinition, Stream } from "../../../src/engine/protocol";
import { sources } from "../../../src/engine/sources";
import { mapPgError } from "../../../src/engine/toolkit/pg";
import { call, namespaceOf, newAccount, newAccountWithId } from "../helpers";
import { PG, resetDatabase, sql } from "./harness";

const DST = "jobs_dst";
const STREAM: Stream = {
  namespace: "app",
  name: "things",
  columns: [
    { name: "id", type: "long", sourceType: "bigint", nullable: false },
    { name: "label", type: "string", sourceType: "text", nullable: true },
  ],
  primaryKey: ["id"],
  cursorCandidates: [],
};

/** How the flaky source behaves, per connection schema. */
const behaviour = new Map<string, { failures: number; error: () => Error; reads: number }>();

function failure(code: string, message: string) {
  return () => Object.assign(new Error(message), { code });
}

const flaky: SourceDefinition = {
  service: "flaky_test",
  naming: "schema",
  info: { name: "Flaky (tests)", type: "API", description: "fails on demand", linkToDocs: "https://example.test" },
  fields: z.object({ schema: z.string() }) as unknown as SourceDefinition["fields"],
  async check() {
    return [{ title: "ok", status: "PASSED", message: "ok" }];
  },
  // Like a real connector, vendor codes (here PostgreSQL's and the socket's) map onto the engine's classes.
  mapError: mapPgError,
  reader: {
    async discover() {
      return { streams: [STREAM], warnings: [] };
    },
    async open(config) {
      return {
        async *read(configured) {
          const b = behaviour.get(String(config.schema)) ?? { failures: 0, error: failure("X", "x"), reads: 0 };
          b.reads++;
          if (b.failures > 0) {
            b.failures--;
            throw b.error();
          }
          const key = `${configured.stream.namespace}.${configured.stream.name}`;
          yield {
            kind: "upsert",
            stream: key,
            rows: [
              [1n, "one"],
              [2n, "two"],
            ],
            count: 2,
            bytes: 12,
          };
          yield { kind: "checkpoint", stream: key, state: { done: true } };
        },
        async close() {},
      };
    },
  },
};

beforeAll(async () => {
  sources[flaky.service] = flaky;
  await resetDatabase(DST);
});

async function setup(schema: string) {
  const auth = await newAccount();
  const group = (await call("POST", "/v1/groups", { auth, body: { name: `g_${schema}` } })).json.data;
  const dest = await call("POST", "/v1/destinations", {
    auth,
    body: { group_id: group.id, service: "postgres", time_zone_offset: "0", config: { ...PG, database: DST } },
  });
  expect(dest.status).toBe(201);
  const conn = await call("POST", "/v1/connections", {
    auth,
    body: { group_id: group.id, service: "flaky_test", schedule_type: "manual", config: { schema } },
  });
  expect(conn.status).toBe(201);
  return { auth, id: conn.json.data.id as string };
}

async function waitForRunEnd(auth: string, id: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { json } = await call("GET", `/v1/connections/${id}`, { auth });
    const data = json.data;
    if (data.succeeded_at || data.failed_at) return data;
    if (Date.now() > deadline) throw new Error(`run did not end: ${JSON.stringify(data)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function trigger(id: string) {
  return env.CONNECTOR.get(env.CONNECTOR.idFromName(id)).trigger(id, { trigger: "manual" });
}

describe("sync jobs", () => {
  it("a source that fails twice with a transient error then recovers succeeds, with the retries recorded", async () => {
    const { auth, id } = await setup("flaky_twice");
    behaviour.set("flaky_twice", { failures: 2, error: failure("ECONNRESET", "read ECONNRESET"), reads: 0 });
    const started = await trigger(id);
    expect(started.started).toBe(true);
    const status = await waitForRunEnd(auth, id);
    expect(status.succeeded_at).toMatch(/Z$/);
    expect(status.failed_at).toBeNull();
    expect(status.status.sync_state).toBe("scheduled");
    expect(status.status.is_historical_sync).toBe(false);
    expect(behaviour.get("flaky_twice")?.reads).toBe(3);
    const { runs } = await env.SYNC.get(env.SYNC.idFromName(id)).history(10);
    expect(runs[0]).toMatchObject({ status: "succeeded", retries: 2, stats: { "app.things": { rows: 2 } } });
    // Each failed attempt stays in the history after the success.
    expect(runs[0]?.attempts).toEqual([
      expect.objectContaining({
        seq: 0,
        attempt: 1,
        kind: "transient",
        code: "sync_failed",
        message: "read ECONNRESET",
      }),
      expect.objectContaining({
        seq: 0,
        attempt: 2,
        kind: "transient",
        code: "sync_failed",
        message: "read ECONNRESET",
      }),
    ]);
    expect(status.status.warnings).toEqual([]);
    const rows = await sql(DST, "SELECT id, label FROM flaky_twice.things ORDER BY id");
    expect(rows.rows).toEqual([
      { id: "1", label: "one" },
      { id: "2", label: "two" },
    ]);
  });

  it("an auth failure is retried once; failing again, the run fails and setup turns broken with a reconnect task", async () => {
    const { auth, id } = await setup("flaky_auth");
    const reason = 'password authentication failed for user "x"';
    behaviour.set("flaky_auth", { failures: 2, error: failure("28P01", reason), reads: 0 });
    await trigger(id);
    const status = await waitForRunEnd(auth, id);
    expect(status.succeeded_at).toBeNull();
    expect(status.failed_at).toMatch(/Z$/);
    expect(status.status.setup_state).toBe("broken");
    expect(status.status.tasks).toEqual([
      {
        code: "reconnect",
        message: `The source refused the connection's credentials: ${reason}. Fix them (PATCH /v1/connections/${id} with the new config), then rerun the setup tests (POST /v1/connections/${id}/test); scheduled syncs stay off until they pass.`,
        details: { reason },
      },
    ]);
    expect(status.status.warnings).toEqual([]);
    expect(behaviour.get("flaky_auth")?.reads).toBe(2);
    const { runs } = await env.SYNC.get(env.SYNC.idFromName(id)).history(10);
    expect(runs[0]?.attempts.map((a) => [a.attempt, a.kind, a.code, a.retryAt === null])).toEqual([
      [1, "auth", "authentication_failed", false],
      [2, "auth", "authentication_failed", true],
    ]);
  });

  it("an auth failure that passes on its retry leaves the connection connected", async () => {
    const { auth, id } = await setup("flaky_auth_once");
    behaviour.set("flaky_auth_once", { failures: 1, error: failure("28P01", "password expired"), reads: 0 });
    await trigger(id);
    const status = await waitForRunEnd(auth, id);
    expect(status.succeeded_at).toMatch(/Z$/);
    expect(status.status.setup_state).toBe("connected");
    expect(status.status.tasks).toEqual([]);
    expect(behaviour.get("flaky_auth_once")?.reads).toBe(2);
  });

  it("a connection that allows no retries turns broken on its first auth failure", async () => {
    const { auth, id } = await setup("flaky_auth_noretry");
    await call("PATCH", `/v1/connections/${id}`, { auth, body: { sync_options: { retries: 0 } } });
    behaviour.set("flaky_auth_noretry", { failures: 1, error: failure("28P01", "no"), reads: 0 });
    await trigger(id);
    const status = await waitForRunEnd(auth, id);
    expect(status.status.setup_state).toBe("broken");
    expect(behaviour.get("flaky_auth_noretry")?.reads).toBe(1);
  });

  it("gives up after the connection's retries and fails the run", async () => {
    const { auth, id } = await setup("flaky_always");
    await call("PATCH", `/v1/connections/${id}`, { auth, body: { sync_options: { retries: 1 } } });
    behaviour.set("flaky_always", { failures: 99, error: failure("ETIMEDOUT", "connect ETIMEDOUT"), reads: 0 });
    await trigger(id);
    const status = await waitForRunEnd(auth, id);
    expect(status.failed_at).toMatch(/Z$/);
    expect(status.status.tasks[0]).toMatchObject({ code: "sync_failed", message: "connect ETIMEDOUT" });
    expect(behaviour.get("flaky_always")?.reads).toBe(2);
    const { runs } = await env.SYNC.get(env.SYNC.idFromName(id)).history(10);
    expect(runs[0]).toMatchObject({ status: "failed", retries: 1, error: "connect ETIMEDOUT" });
  });

  it("runs one sync at a time, skips a duplicate slice message, and a forced sync restarts", async () => {
    const { auth, id } = await setup("flaky_once");
    behaviour.set("flaky_once", { failures: 0, error: failure("X", "x"), reads: 0 });
    const sync = env.SYNC.get(env.SYNC.idFromName(id));
    const first = await trigger(id);
    const second = await trigger(id);
    expect(second).toEqual({ started: false, runId: first.runId });
    await env.SYNC_QUEUE.send({ connectionId: id, runId: first.runId, seq: 0 });
    await waitForRunEnd(auth, id);
    expect(behaviour.get("flaky_once")?.reads).toBe(1);
    const before = (await sync.history(10)).runs.length;
    const forced = await env.CONNECTOR.get(env.CONNECTOR.idFromName(id)).trigger(id, { trigger: "force", force: true });
    expect(forced.started).toBe(true);
    expect((await sync.history(10)).runs.length).toBe(before + 1);
  });
});

describe("the sample source into D1", () => {
  it("lands deterministic rows, then an incremental run brings only new and changed ones", async () => {
    const { auth, accountId } = await newAccountWithId();
    const namespace = await namespaceOf(accountId, "WAREHOUSE");
    const group = (await call("POST", "/v1/groups", { auth, body: { name: "shop" } })).json.data;
    const dest = await call("POST", "/v1/destinations", {
      auth,
      body: { group_id: group.id, service: "d1", time_zone_offset: "0", config: { database: "WAREHOUSE" } },
    });
    expect(dest.json.data.setup_status).toBe("connected");
    const conn = await call("POST", "/v1/connections", {
      auth,
      body: {
        group_id: group.id,
        service: "sample",
        schedule_type: "manual",
        config: { schema: "shop_jobs", scale: 200 },
      },
    });
    const id = conn.json.data.id as string;
    await trigger(id);
    const first = await waitForRunEnd(auth, id);
    expect(first.status.tasks).toEqual([]);
    expect(first.failed_at).toBeNull();
    const count = async (table: string) =>
      (
        await env.WAREHOUSE.prepare(`SELECT count(*) AS n FROM "${namespace}__shop_jobs__${table}"`).first<{
          n: number;
        }>()
      )?.n;
    expect(await count("customers")).toBe(200);
    expect(await count("orders")).toBe(200);

    await trigger(id);
    const deadline = Date.now() + 20_000;
    let runs = (await env.SYNC.get(env.SYNC.idFromName(id)).history(10)).runs;
    while (runs[0]?.status === "running" && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      runs = (await env.SYNC.get(env.SYNC.idFromName(id)).history(10)).runs;
    }
    expect(runs[0]?.status).toBe("succeeded");
    expect(await count("customers")).toBe(400);
    // The second run wrote the 200 new rows and only the old rows that changed in it.
    const written = runs[0]?.stats["shop_jobs.customers"]?.rows ?? 0;
    expect(written).toBeGreaterThan(200);
    expect(written).toBeLessThan(300);
  });
});

describe("DestinationDO", () => {
  it("migrates again after the destination's config moves it to another database", async () => {
    await resetDatabase("jobs_dst2");
    const { auth, id } = await setup("flaky_moved");
    behaviour.set("flaky_moved", { failures: 0, error: failure("X", "x"), reads: 0 });
    await trigger(id);
    expect((await waitForRunEnd(auth, id)).failed_at).toBeNull();
    const group = (await call("GET", `/v1/connections/${id}`, { auth })).json.data.group_id;
    const moved = await call("PATCH", `/v1/destinations/${group}`, {
      auth,
      body: { config: { database: "jobs_dst2" } },
    });
    expect(moved.status).toBe(200);
    const before = (await call("GET", `/v1/connections/${id}`, { auth })).json.data.succeeded_at;
    await trigger(id);
    const deadline = Date.now() + 20_000;
    let after = before;
    while (after === before && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const data = (await call("GET", `/v1/connections/${id}`, { auth })).json.data;
      expect(data.failed_at).toBeNull();
      after = data.succeeded_at;
    }
    expect((await sql("jobs_dst2", "SELECT count(*)::int AS n FROM flaky_moved.things")).rows[0].n).toBe(2);
  });
});

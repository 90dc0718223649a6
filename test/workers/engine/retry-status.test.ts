/**
 * Visible retries (issue #9 §7): while a run waits to retry a failed attempt, the connection's
 * `status.warnings` says why and when the next attempt is due; the warning goes when the run
 * succeeds, gives up or is restarted; the run history keeps every failed attempt after the
 * run ends; and none of it shows a secret. Driven with real message batches delivered to the
 * Worker's own `queue` handler. The failures are rate limits with a 60 s hint, so the retry
 * message the handler enqueues on the real queue is not delivered while a test runs: each
 * test delivers the retry itself.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { z } from "@hono/zod-openapi";
import { beforeAll, describe, expect, it } from "vitest";
import { RateLimitedError } from "../../../src/engine/errors";
import { engineSettings, handleSyncJob } from "../../../src/engine/jobs";
import type { SourceDefinition, Stream } from "../../../src/engine/protocol";
import { sources } from "../../../src/engine/sources";
import { secret } from "../../../src/engine/toolkit/config";
import type { SyncJob } from "../../../src/env";
import worker from "../../../src/index";
import { call, newAccount } from "../helpers";

const SERVICE = "retry_status_test";
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** The errors each connection's source throws next (by schema), one per read. */
const failures = new Map<string, (() => Error)[]>();
/** The errors each connection's discovery throws next (by schema). */
const discoveryFailures = new Map<string, (() => Error)[]>();
/**
 * Reads of a connection in this set wait (by schema) until it leaves the set or their slice
 * runs out of budget. Polled, not a
 * promise: the queue consumer runs in another request, and workerd does not wake a request
 * on a promise resolved from a different one.
 */
const held = new Set<string>();

function stream(schema: string, name: string): Stream {
  return {
    namespace: schema,
    name,
    columns: [{ name: "id", type: "long", sourceType: "bigint", nullable: false }],
    primaryKey: ["id"],
    cursorCandidates: [],
  };
}

const source: SourceDefinition = {
  service: SERVICE,
  naming: "schema",
  info: { name: "Retrying (tests)", type: "API", description: "fails on demand", linkToDocs: "https://example.test" },
  fields: z.object({
    schema: z.string(),
    token: secret(z.string()).optional(),
  }) as unknown as SourceDefinition["fields"],
  async check() {
    return [{ title: "ok", status: "PASSED", message: "ok" }];
  },
  reader: {
    async discover(config) {
      const next = discoveryFailures.get(String(config.schema))?.shift();
      if (next) throw next();
      return {
        streams: [stream(String(config.schema), "things"), stream(String(config.schema), "others")],
        warnings: [],
      };
    },
    async open(config, ctx) {
      return {
        async *read(configured) {
          const next = failures.get(String(config.schema))?.shift();
          if (next) throw next();
          // A slice out of budget is not held: it must end for the next one to start.
          while (held.has(String(config.schema)) && !ctx.signal?.aborted) {
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          const key = `${configured.stream.namespace}.${configured.stream.name}`;
          yield { kind: "upsert", stream: key, rows: [[1n], [2n]], count: 2, bytes: 8 };
          yield { kind: "checkpoint", stream: key, state: { done: true } };
        },
        async close() {},
      };
    },
  },
};

beforeAll(() => {
  sources[SERVICE] = source;
});

function rateLimited(message: string) {
  return () => new RateLimitedError(message, 60_000);
}

async function connection(config: Record<string, unknown> = {}, body: Record<string, unknown> = {}) {
  const auth = await newAccount();
  const group = (await call("POST", "/v1/groups", { auth, body: { name: `rs_${crypto.randomUUID().slice(0, 8)}` } }))
    .json.data.id as string;
  const destination = await call("POST", "/v1/destinations", {
    auth,
    body: { group_id: group, service: "d1", time_zone_offset: "0", config: { database: "WAREHOUSE" } },
  });
  expect(destination.status).toBe(201);
  const schema = `rs_${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}`;
  const created = await call("POST", "/v1/connections", {
    auth,
    body: { group_id: group, service: SERVICE, schedule_type: "manual", config: { schema, ...config }, ...body },
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  const id = created.json.data.id as string;
  return { auth, id, schema, sync: env.SYNC.get(env.SYNC.idFromName(id)) };
}

/** Delivers one message to the Worker's queue handler and returns what it acked. */
async function deliver(job: SyncJob) {
  const id = crypto.randomUUID();
  const batch = createMessageBatch<SyncJob>("fivetran-sync-jobs", [
    { id, timestamp: new Date(), attempts: 1, body: job },
  ]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  const result = await getQueueResult(batch, ctx);
  expect(result.explicitAcks).toEqual([id]);
}

async function details(auth: string, id: string) {
  const res = await call("GET", `/v1/connections/${id}`, { auth });
  expect(res.status).toBe(200);
  return res.json.data;
}

async function runs(auth: string, id: string) {
  const res = await call("GET", `/v1/connections/${id}/runs`, { auth });
  expect(res.status).toBe(200);
  return res.json.data.items;
}

// Each test drives several slices and polls for a run's end: more than the default 5 s on a busy machine.
describe("a run waiting to retry", { timeout: 30_000 }, () => {
  it("shows a warning with the reason and the next attempt's time; success clears it and the history keeps the attempt", async () => {
    const { auth, id, schema, sync } = await connection();
    failures.set(schema, [rateLimited("HTTP 429 from api.example.test: slow down")]);
    const runId = crypto.randomUUID();
    await sync.startRun({ runId, trigger: "manual", expectBy: Date.now() + 60_000 });

    const before = Date.now();
    await deliver({ connectionId: id, runId, seq: 0 });
    const after = Date.now();
    const waiting = await details(auth, id);
    expect(waiting.status.warnings).toHaveLength(1);
    const [warning] = waiting.status.warnings;
    const retryAt = warning.details.next_attempt_at as string;
    expect(retryAt).toMatch(TIMESTAMP);
    // The rate limit's hint (60 s) sets the delay.
    expect(new Date(retryAt).getTime()).toBeGreaterThanOrEqual(before + 59_000);
    expect(new Date(retryAt).getTime()).toBeLessThanOrEqual(after + 61_000);
    expect(warning).toEqual({
      code: "sync_retrying",
      message: `Attempt 1 of 4 failed: HTTP 429 from api.example.test: slow down. Next attempt at ${retryAt}.`,
      details: {
        run_id: runId,
        attempt: 1,
        max_attempts: 4,
        next_attempt_at: retryAt,
        reason: "HTTP 429 from api.example.test: slow down",
      },
    });
    expect(waiting.status.tasks).toEqual([]);
    expect(waiting.status.current_run).toMatchObject({ id: runId });
    // Lists carry the status too.
    const listed = (await call("GET", "/v1/connections", { auth })).json.data.items;
    expect(listed.find((c: { id: string }) => c.id === id).status.warnings).toEqual([warning]);

    const attempt = {
      slice: 0,
      attempt: 1,
      failed_at: expect.stringMatching(TIMESTAMP),
      kind: "rate_limited",
      code: "sync_failed",
      message: "HTTP 429 from api.example.test: slow down",
      retry_at: retryAt,
    };
    expect((await runs(auth, id))[0]).toMatchObject({ id: runId, status: "running", retries: 1, attempts: [attempt] });

    // The retry (delivered here rather than after the real queue's delay) succeeds.
    await deliver({ connectionId: id, runId, seq: 0 });
    const done = await details(auth, id);
    expect(done.succeeded_at).toMatch(TIMESTAMP);
    expect(done.status.warnings).toEqual([]);
    expect(done.status.tasks).toEqual([]);
    const [run] = await runs(auth, id);
    expect(run).toMatchObject({
      id: runId,
      status: "succeeded",
      error: null,
      retries: 1,
      rows: 4,
      attempts: [attempt],
    });
    // Both namings serve the same history.
    expect((await call("GET", `/v1/connectors/${id}/runs`, { auth })).json.data.items[0]).toEqual(run);
  });

  it("a run that gives up drops the warning, leaves its task, and keeps every attempt", async () => {
    const { auth, id, schema, sync } = await connection({}, { sync_options: { retries: 1 } });
    failures.set(schema, [rateLimited("HTTP 503 from api.example.test"), rateLimited("HTTP 503 again")]);
    const runId = crypto.randomUUID();
    await sync.startRun({ runId, trigger: "manual", expectBy: Date.now() + 60_000 });

    await deliver({ connectionId: id, runId, seq: 0 });
    const waiting = await details(auth, id);
    expect(waiting.status.warnings.map((w: { message: string }) => w.message)).toEqual([
      expect.stringMatching(/^Attempt 1 of 2 failed: HTTP 503 from api\.example\.test\. Next attempt at .+Z\.$/),
    ]);

    await deliver({ connectionId: id, runId, seq: 0 });
    const failed = await details(auth, id);
    expect(failed.failed_at).toMatch(TIMESTAMP);
    expect(failed.succeeded_at).toBeNull();
    expect(failed.status.warnings).toEqual([]);
    expect(failed.status.tasks).toEqual([{ code: "sync_failed", message: "HTTP 503 again" }]);
    expect(failed.status.setup_state).toBe("connected");
    const [run] = await runs(auth, id);
    expect(run).toMatchObject({ id: runId, status: "failed", error: "HTTP 503 again", retries: 1 });
    expect(run.attempts).toEqual([
      {
        slice: 0,
        attempt: 1,
        failed_at: expect.stringMatching(TIMESTAMP),
        kind: "rate_limited",
        code: "sync_failed",
        message: "HTTP 503 from api.example.test",
        retry_at: expect.stringMatching(TIMESTAMP),
      },
      {
        slice: 0,
        attempt: 2,
        failed_at: expect.stringMatching(TIMESTAMP),
        kind: "rate_limited",
        code: "sync_failed",
        message: "HTTP 503 again",
        retry_at: null,
      },
    ]);
  });

  it("the warning goes once the retried slice passes, while later slices of the run go on", async () => {
    const { auth, id, schema, sync } = await connection();
    discoveryFailures.set(schema, [rateLimited("HTTP 429 from api.example.test")]);
    held.add(schema);
    const runId = crypto.randomUUID();
    await sync.startRun({ runId, trigger: "manual", expectBy: Date.now() + 60_000 });
    await deliver({ connectionId: id, runId, seq: 0 });
    expect((await details(auth, id)).status.warnings.map((w: { code: string }) => w.code)).toEqual(["sync_retrying"]);

    // The retry of slice 0 discovers and runs out of its (zero) budget at once: the run goes
    // on with slice 1 (which the real queue delivers and `held` holds), no longer retrying.
    await handleSyncJob(env, { connectionId: id, runId, seq: 0 }, { ...engineSettings(env), sliceBudgetMs: 0 });
    const going = await details(auth, id);
    expect(going.status.warnings).toEqual([]);
    expect(going.status.current_run).toMatchObject({ id: runId });
    expect((await runs(auth, id))[0]).toMatchObject({ status: "running", attempts: [{ slice: 0, attempt: 1 }] });

    held.delete(schema);
    const deadline = Date.now() + 4_000;
    while (!(await details(auth, id)).succeeded_at) {
      if (Date.now() > deadline) throw new Error("the run did not end");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await runs(auth, id))[0]).toMatchObject({ status: "succeeded", attempts: [{ slice: 0 }] });
  });

  it("a forced sync that restarts a retrying run clears its warning", async () => {
    const { auth, id, schema, sync } = await connection();
    failures.set(schema, [rateLimited("HTTP 429 from api.example.test")]);
    const runId = crypto.randomUUID();
    await sync.startRun({ runId, trigger: "manual", expectBy: Date.now() + 60_000 });
    await deliver({ connectionId: id, runId, seq: 0 });
    expect((await details(auth, id)).status.warnings.map((w: { code: string }) => w.code)).toEqual(["sync_retrying"]);

    // The forced run's first slice goes to the real queue and succeeds (no failure is left).
    const forced = await call("POST", `/v1/connections/${id}/sync`, { auth, body: { force: true } });
    expect(forced.status).toBe(200);
    expect((await details(auth, id)).status.warnings).toEqual([]);
    const deadline = Date.now() + 20_000;
    while (!(await details(auth, id)).succeeded_at) {
      if (Date.now() > deadline) throw new Error("the forced run did not end");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const [latest, cancelled] = await runs(auth, id);
    expect(latest).toMatchObject({ status: "succeeded", attempts: [] });
    expect(cancelled).toMatchObject({ id: runId, status: "cancelled", attempts: [{ kind: "rate_limited" }] });
    expect((await details(auth, id)).status.warnings).toEqual([]);
  });

  it("shows no secret: the connection's secret values, a URL's password and credential-shaped text are masked", async () => {
    const token = "tok_Sup3rSecretValue";
    const { auth, id, schema, sync } = await connection({ token }, { sync_options: { retries: 1 } });
    const raw = `upstream refused ${token} at https://bob:hunter22@api.example.test/v1/items?api_key=abc123 (Authorization: Bearer xyz.abc)`;
    failures.set(schema, [rateLimited(raw), rateLimited(raw)]);
    const runId = crypto.randomUUID();
    await sync.startRun({ runId, trigger: "manual", expectBy: Date.now() + 60_000 });

    await deliver({ connectionId: id, runId, seq: 0 });
    const waiting = await details(auth, id);
    const reason = waiting.status.warnings[0].details.reason as string;
    expect(reason).toBe(
      "upstream refused **** at https://bob:****@api.example.test/v1/items (Authorization: Bearer ****)",
    );
    await deliver({ connectionId: id, runId, seq: 0 });
    const failed = await details(auth, id);
    expect(failed.status.tasks).toEqual([{ code: "sync_failed", message: reason }]);
    const [run] = await runs(auth, id);
    expect(run.error).toBe(reason);
    expect(run.attempts.map((a: { message: string }) => a.message)).toEqual([reason, reason]);
    const everything = JSON.stringify([waiting, failed, run, await sync.history(5)]);
    for (const leaked of [token, "hunter22", "abc123", "xyz.abc"]) expect(everything).not.toContain(leaked);
  });
});

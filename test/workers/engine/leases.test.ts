/**
 * Slice leases (issue #9 §4, §6): SyncDO admits a slice with a random lease token, and every
 * write of the slice presents it, so two copies of one slice never both commit; a slice that
 * hangs is abandoned at its deadline and retried from its last checkpoint; the run watchdog
 * hands a slice whose holder stopped renewing to a new copy; and slices of different
 * connections run at the same time. A test-only source registered for this file reads on
 * demand: slowly, hanging, or at once.
 */
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { z } from "@hono/zod-openapi";
import { beforeAll, describe, expect, it } from "vitest";
import { handleSyncJob } from "../../../src/engine/jobs";
import type { SourceDefinition, Stream, StreamState } from "../../../src/engine/protocol";
import type { SliceLease, SliceTicket } from "../../../src/engine/runs";
import { DEFAULT_SETTINGS, type EngineSettings, engineSettings } from "../../../src/engine/settings";
import { sources } from "../../../src/engine/sources";
import { call, namespaceOf, newAccountWithId } from "../helpers";

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

/**
 * How the source reads, per connection schema: `hangs` reads hang forever after their first
 * page is committed (ignoring every signal, the worst case), `delayMs` holds each read that
 * long; `reads` records each read's interval and the state it resumed from.
 */
interface Behaviour {
  hangs: number;
  delayMs: number;
  reads: { start: number; end?: number; from: StreamState | undefined }[];
}
const behaviour = new Map<string, Behaviour>();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const onDemand: SourceDefinition = {
  service: "lease_test",
  naming: "schema",
  info: { name: "On demand (tests)", type: "API", description: "reads on demand", linkToDocs: "https://example.test" },
  fields: z.object({ schema: z.string() }) as unknown as SourceDefinition["fields"],
  async check() {
    return [{ title: "ok", status: "PASSED", message: "ok" }];
  },
  reader: {
    async discover() {
      return { streams: [STREAM], warnings: [] };
    },
    async open(config) {
      const b = behaviour.get(String(config.schema)) as Behaviour;
      return {
        async *read(configured, state) {
          const key = `${configured.stream.namespace}.${configured.stream.name}`;
          const read: Behaviour["reads"][number] = { start: Date.now(), from: state };
          b.reads.push(read);
          if (state === undefined) {
            yield { kind: "upsert", stream: key, rows: [[1n, "one"]], count: 1, bytes: 6 };
            yield { kind: "checkpoint", stream: key, state: { after: 1 } };
          }
          if (b.hangs > 0) {
            b.hangs--;
            // Past the runner's one-second commit interval, so that first page is committed.
            await sleep(1100);
            yield { kind: "checkpoint", stream: key, state: { after: 1 } };
            await new Promise(() => {});
          }
          await sleep(b.delayMs);
          yield { kind: "upsert", stream: key, rows: [[2n, "two"]], count: 1, bytes: 6 };
          yield { kind: "checkpoint", stream: key, state: { after: 2 } };
          read.end = Date.now();
        },
        async close() {},
      };
    },
  },
};

beforeAll(() => {
  sources[onDemand.service] = onDemand;
});

async function connection(schema: string, options: Partial<Behaviour> = {}, syncOptions?: Record<string, unknown>) {
  behaviour.set(schema, { hangs: 0, delayMs: 0, reads: [], ...options });
  const { auth, accountId } = await newAccountWithId();
  namespaces.set(schema, await namespaceOf(accountId, "WAREHOUSE"));
  const group = (await call("POST", "/v1/groups", { auth, body: { name: `g_${schema}` } })).json.data.id as string;
  const destination = await call("POST", "/v1/destinations", {
    auth,
    body: { group_id: group, service: "d1", time_zone_offset: "0", config: { database: "WAREHOUSE" } },
  });
  expect(destination.status).toBe(201);
  const created = await call("POST", "/v1/connections", {
    auth,
    body: { group_id: group, service: "lease_test", schedule_type: "manual", config: { schema } },
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  const id = created.json.data.id as string;
  if (syncOptions) await call("PATCH", `/v1/connections/${id}`, { auth, body: { sync_options: syncOptions } });
  return { auth, id, sync: env.SYNC.get(env.SYNC.idFromName(id)) };
}

/** The WAREHOUSE namespace of each schema's account: its tables are `<namespace>__<schema>__<table>`. */
const namespaces = new Map<string, string>();

const unique = (prefix: string) => `${prefix}_${crypto.randomUUID().slice(0, 8)}`;

async function rows(schema: string): Promise<{ id: number; label: string }[]> {
  const result = await env.WAREHOUSE.prepare(
    `SELECT id, label FROM "${namespaces.get(schema)}__${schema}__things" ORDER BY id`,
  ).all<{
    id: number;
    label: string;
  }>();
  return result.results;
}

async function waitForRunEnd(auth: string, id: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { json } = await call("GET", `/v1/connections/${id}`, { auth });
    if (json.data.succeeded_at || json.data.failed_at) return json.data;
    if (Date.now() > deadline) throw new Error(`run did not end: ${JSON.stringify(json.data)}`);
    await sleep(100);
  }
}

/** Short timings so a hanging slice is abandoned after two seconds (retries as the tests' vars say). */
const QUICK: EngineSettings = { ...engineSettings(env), sliceBudgetMs: 300, sliceGraceMs: 1700, leaseMs: 1000 };

describe("slice leases in SyncDO", () => {
  it("lets only the holder of the live lease write: a second copy of the slice wins, the first is refused", async () => {
    const { id, sync } = await connection(unique("two_copies"));
    const runId = crypto.randomUUID();
    await sync.startRun({ runId, trigger: "manual", expectBy: Date.now() + 60_000 });
    const state = { v: 2 as const, run: runId, source: { after: 1 } };

    const first = (await sync.beginSlice(runId, 0, 60_000)) as SliceTicket;
    if (first.action !== "run") throw new Error(`not admitted: ${first.reason}`);
    // While the first copy's lease is live, a redelivered copy is not admitted.
    expect(await sync.beginSlice(runId, 0, 60_000)).toEqual({ action: "skip", reason: "slice 0 is running" });
    expect(await sync.commit(runId, first.lease, "app.things", state, { "app.things": { rows: 1, bytes: 6 } })).toBe(
      true,
    );

    // The first copy stops renewing (its process is stuck); once its lease lapsed, a second copy takes over.
    await sync.renewLease(runId, first.lease, 50);
    await sleep(80);
    const second = (await sync.beginSlice(runId, 0, 60_000)) as SliceTicket;
    if (second.action !== "run") throw new Error(`not admitted: ${second.reason}`);
    expect(second.lease.token).not.toBe(first.lease.token);
    expect(second.state["app.things"]).toEqual(state);

    // Every write of the first copy is refused from now on, whatever its slice number says.
    const forged: SliceLease = { seq: 0, token: "not-a-token" };
    for (const stale of [first.lease, forged]) {
      expect(await sync.renewLease(runId, stale, 60_000)).toBe(false);
      expect(await sync.commit(runId, stale, "app.things", { ...state, source: { after: 9 } }, {})).toBe(false);
      expect(await sync.setRunStreams(runId, [STREAM], [], stale)).toBe(false);
      expect(await sync.recordRetry(runId, "boom", Date.now(), stale)).toBeNull();
      expect(await sync.endSlice(runId, stale, { expectBy: Date.now() })).toBe(false);
      expect(await sync.finishRun(runId, "succeeded", undefined, [], undefined, stale)).toMatchObject({
        status: "running",
      });
    }
    expect(await sync.current()).toMatchObject({ retries: 0, stats: { "app.things": { rows: 1 } } });
    expect((await sync.getState())["app.things"]).toEqual(state);

    // The second copy commits and ends its slice; slice 0 can then not be admitted again.
    const done = { v: 2 as const, run: runId, source: { after: 2 }, done: true };
    expect(await sync.renewLease(runId, second.lease, 60_000)).toBe(true);
    expect(await sync.commit(runId, second.lease, "app.things", done, { "app.things": { rows: 1, bytes: 6 } })).toBe(
      true,
    );
    expect(await sync.endSlice(runId, second.lease, { expectBy: Date.now() + 60_000 })).toBe(true);
    expect(await sync.endSlice(runId, second.lease, { expectBy: Date.now() + 60_000 })).toBe(false);
    expect(await sync.beginSlice(runId, 0, 60_000)).toMatchObject({ action: "skip" });
    expect(await sync.current()).toMatchObject({ stats: { "app.things": { rows: 2 } } });
    expect((await sync.getState())["app.things"]).toEqual(done);
    await sync.cancelRunning(`test ${id} over`);
  });

  it("two consumers given the same slice at once: one runs it, the other is not admitted", async () => {
    const schema = unique("same_slice");
    const { id, sync } = await connection(schema, { delayMs: 200 });
    const runId = crypto.randomUUID();
    await sync.startRun({ runId, trigger: "manual", expectBy: Date.now() + 60_000 });
    const job = { connectionId: id, runId, seq: 0 };
    const settings = { ...QUICK, sliceBudgetMs: 20_000 };
    await Promise.all([handleSyncJob(env, job, settings), handleSyncJob(env, job, settings)]);
    expect(behaviour.get(schema)?.reads).toHaveLength(1);
    const [run] = (await sync.history(1)).runs;
    expect(run).toMatchObject({ id: runId, status: "succeeded", retries: 0, stats: { "app.things": { rows: 2 } } });
    expect(await rows(schema)).toEqual([
      { id: 1, label: "one" },
      { id: 2, label: "two" },
    ]);
  });
});

describe("a slice that hangs", () => {
  it("is abandoned at its deadline, and the retry resumes from the last checkpoint and completes", async () => {
    const schema = unique("hang_once");
    const { auth, id, sync } = await connection(schema, { hangs: 1 });
    const runId = crypto.randomUUID();
    await sync.startRun({ runId, trigger: "manual", expectBy: Date.now() + 60_000 });

    const started = Date.now();
    await handleSyncJob(env, { connectionId: id, runId, seq: 0 }, QUICK);
    const took = Date.now() - started;
    // Abandoned at budget + grace (2 s), not left running: the consumer returned.
    expect(took).toBeGreaterThanOrEqual(1900);
    expect(took).toBeLessThan(6000);
    const retrying = await sync.current();
    expect(retrying).toMatchObject({ id: runId, status: "running", retries: 1 });
    expect(retrying?.error).toMatch(/did not finish within 2 s .* it was abandoned/);

    // The retry went to the real queue; the consumer runs it from the committed checkpoint.
    const status = await waitForRunEnd(auth, id);
    expect(status.succeeded_at).toMatch(/Z$/);
    const reads = behaviour.get(schema)?.reads ?? [];
    expect(reads).toHaveLength(2);
    expect(reads[0]?.from).toBeUndefined();
    expect(reads[1]?.from).toEqual({ after: 1 });
    expect((await sync.history(1)).runs[0]).toMatchObject({ id: runId, status: "succeeded", retries: 1 });
    expect(await rows(schema)).toEqual([
      { id: 1, label: "one" },
      { id: 2, label: "two" },
    ]);
  }, 30_000);

  it("fails the run with a clear error once its retries are spent", async () => {
    const schema = unique("hang_always");
    const { auth, id, sync } = await connection(schema, { hangs: 99 }, { retries: 0 });
    const runId = crypto.randomUUID();
    await sync.startRun({ runId, trigger: "manual", expectBy: Date.now() + 60_000 });
    await handleSyncJob(env, { connectionId: id, runId, seq: 0 }, QUICK);
    const [run] = (await sync.history(1)).runs;
    expect(run).toMatchObject({ id: runId, status: "failed", retries: 0 });
    expect(run?.error).toMatch(/^the sync slice did not finish within 2 s/);
    const { json } = await call("GET", `/v1/connections/${id}`, { auth });
    expect(json.data.failed_at).toMatch(/Z$/);
    expect(json.data.status.sync_state).toBe("scheduled");
    expect(json.data.status.tasks[0]).toMatchObject({ code: "sync_failed" });
    expect(json.data.status.tasks[0].message).toMatch(/did not finish within 2 s/);
    // What the first page committed before the hang stays.
    expect(await rows(schema)).toEqual([{ id: 1, label: "one" }]);
  });

  it("whose lease is taken from it (its run was cancelled) stops without writing anything more", async () => {
    const schema = unique("lease_lost");
    const { id, sync } = await connection(schema, { hangs: 1 });
    const runId = crypto.randomUUID();
    await sync.startRun({ runId, trigger: "manual", expectBy: Date.now() + 60_000 });
    const settings = { ...QUICK, sliceGraceMs: 60_000 };
    const started = Date.now();
    const job = handleSyncJob(env, { connectionId: id, runId, seq: 0 }, settings);
    while ((behaviour.get(schema)?.reads.length ?? 0) === 0) await sleep(20);
    await sync.cancelRunning("restarted by a forced sync");
    await job;
    // The next heartbeat (a third of the 1 s lease) found the lease gone; no deadline was needed.
    expect(Date.now() - started).toBeLessThan(4000);
    const [run] = (await sync.history(1)).runs;
    expect(run).toMatchObject({ id: runId, status: "cancelled", retries: 0, error: "restarted by a forced sync" });
  });
});

describe("the run watchdog", () => {
  it("re-enqueues a slice whose consumer died once its lease lapsed, and the run completes", async () => {
    const schema = unique("dead_slice");
    const { auth, id, sync } = await connection(schema);
    const connector = env.CONNECTOR.get(env.CONNECTOR.idFromName(id));
    await connector.reschedule(id);
    const runId = crypto.randomUUID();
    await sync.startRun({ runId, trigger: "manual", expectBy: Date.now() + 60_000 });
    // A consumer admitted slice 0 with a short lease and died: nobody renews it.
    const dead = await sync.beginSlice(runId, 0, 200);
    expect(dead.action).toBe("run");

    // Within its lease the alarm leaves the slice alone and looks again after half a lease (5 s).
    expect(await sync.watch(Date.now())).toEqual({ running: true, stalled: null });
    await runInDurableObject(connector, (_instance, state) => state.storage.setAlarm(Date.now() + 60_000));
    await sleep(250);
    expect(await runDurableObjectAlarm(connector)).toBe(true);
    const armed = await runInDurableObject(connector, (_instance, state) => state.storage.getAlarm());
    expect(armed).toBeGreaterThan(Date.now());
    expect(armed).toBeLessThanOrEqual(Date.now() + DEFAULT_SETTINGS.leaseMs / 2);

    const status = await waitForRunEnd(auth, id);
    expect(status.succeeded_at).toMatch(/Z$/);
    expect((await sync.history(1)).runs[0]).toMatchObject({ id: runId, status: "succeeded", retries: 0 });
    expect(behaviour.get(schema)?.reads).toHaveLength(1);
    expect(await rows(schema)).toHaveLength(2);
  });
});

describe("slices of different connections", () => {
  it("run at the same time when five syncs start together", async () => {
    const five = await Promise.all(
      [1, 2, 3, 4, 5].map(async (n) => {
        const schema = unique(`together${n}`);
        return { schema, ...(await connection(schema, { delayMs: 1500 })) };
      }),
    );
    const triggered = await Promise.all(
      five.map(({ id }) => env.CONNECTOR.get(env.CONNECTOR.idFromName(id)).trigger(id, { trigger: "manual" })),
    );
    expect(triggered.every((t) => t.started)).toBe(true);
    for (const { auth, id } of five) expect((await waitForRunEnd(auth, id, 30_000)).succeeded_at).toMatch(/Z$/);
    // Each source read held 1.5 s; run one after another, no two of them would overlap.
    const intervals = five.map(({ schema }) => {
      const [read] = behaviour.get(schema)?.reads ?? [];
      return { start: read?.start ?? Number.NaN, end: read?.end ?? Number.NaN };
    });
    const latestStart = Math.max(...intervals.map((i) => i.start));
    const earliestEnd = Math.min(...intervals.map((i) => i.end));
    expect(latestStart, JSON.stringify(intervals)).toBeLessThan(earliestEnd);
  }, 60_000);
});

/**
 * The queue consumer driven with real message batches (`createMessageBatch` and the Worker's
 * own `queue` handler), no polling: a slice message runs the run's slice and acks; the same
 * message redelivered, or one for a slice that is not next, is acked and changes nothing.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { SyncJob } from "../../../src/env";
import worker from "../../../src/index";
import { call, namespaceOf, newAccountWithId } from "../helpers";

async function sampleConnection(scale: number) {
  const { auth, accountId } = await newAccountWithId();
  const group = (await call("POST", "/v1/groups", { auth, body: { name: `q_${crypto.randomUUID().slice(0, 8)}` } }))
    .json.data.id as string;
  const destination = await call("POST", "/v1/destinations", {
    auth,
    body: { group_id: group, service: "d1", time_zone_offset: "0", config: { database: "WAREHOUSE" } },
  });
  expect(destination.status).toBe(201);
  const schema = `qc_${crypto.randomUUID().slice(0, 8)}`;
  const connection = await call("POST", "/v1/connections", {
    auth,
    body: { group_id: group, service: "sample", schedule_type: "manual", config: { schema, scale } },
  });
  expect(connection.status).toBe(201);
  // The account's tables in WAREHOUSE are `<namespace>__<schema>__<table>`.
  const tables = `${await namespaceOf(accountId, "WAREHOUSE")}__${schema}`;
  return { auth, id: connection.json.data.id as string, schema, tables };
}

/** Delivers one message to the Worker's queue handler and returns what it acked. */
async function deliver(job: SyncJob, id = crypto.randomUUID()) {
  const batch = createMessageBatch<SyncJob>("fivetran-sync-jobs", [
    { id, timestamp: new Date(), attempts: 1, body: job },
  ]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  return { id, result: await getQueueResult(batch, ctx) };
}

async function count(table: string): Promise<number> {
  const row = await env.WAREHOUSE.prepare(`SELECT count(*) AS n FROM "${table}"`).first<{ n: number }>();
  return row?.n ?? 0;
}

describe("the sync queue consumer", () => {
  it("runs the slice a message names, acks it, and ends the run; a redelivery changes nothing", async () => {
    const { auth, id, schema, tables } = await sampleConnection(40);
    const sync = env.SYNC.get(env.SYNC.idFromName(id));
    const runId = crypto.randomUUID();
    // Started directly, so no message is on the real queue: this test delivers the only one.
    const started = await sync.startRun({ runId, trigger: "manual", expectBy: Date.now() + 60_000 });
    expect(started.started).toBe(true);

    const first = await deliver({ connectionId: id, runId, seq: 0 });
    expect(first.result.explicitAcks).toEqual([first.id]);
    expect(first.result.retryMessages).toEqual([]);
    const [run] = (await sync.history(1)).runs;
    expect(run).toMatchObject({ id: runId, status: "succeeded", warnings: [] });
    expect(run?.stats).toMatchObject({
      [`${schema}.customers`]: { rows: 40 },
      [`${schema}.products`]: { rows: 40 },
      [`${schema}.orders`]: { rows: 40 },
    });
    expect(await count(`${tables}__customers`)).toBe(40);
    const { json } = await call("GET", `/v1/connections/${id}`, { auth });
    expect(json.data.succeeded_at).toMatch(/Z$/);
    expect(json.data.status.sync_state).toBe("scheduled");

    // The queue delivers at least once: the same message again is acked and skipped.
    const again = await deliver({ connectionId: id, runId, seq: 0 }, first.id);
    expect(again.result.explicitAcks).toEqual([first.id]);
    expect((await sync.history(5)).runs).toHaveLength(1);
    expect(await count(`${tables}__customers`)).toBe(40);
  });

  it("runs a batch of several connections' slices, each once, and acks every message, a duplicate too", async () => {
    const a = await sampleConnection(20);
    const b = await sampleConnection(30);
    const jobs: SyncJob[] = [];
    for (const connection of [a, b]) {
      const runId = crypto.randomUUID();
      await env.SYNC.get(env.SYNC.idFromName(connection.id)).startRun({
        runId,
        trigger: "manual",
        expectBy: Date.now() + 60_000,
      });
      jobs.push({ connectionId: connection.id, runId, seq: 0 });
    }
    // The first connection's slice twice in one batch: its messages run one after the other.
    const messages = [jobs[0], jobs[1], jobs[0]].map((body) => ({
      id: crypto.randomUUID(),
      timestamp: new Date(),
      attempts: 1,
      body: body as SyncJob,
    }));
    const batch = createMessageBatch<SyncJob>("fivetran-sync-jobs", messages);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    const result = await getQueueResult(batch, ctx);
    expect([...result.explicitAcks].sort()).toEqual(messages.map((m) => m.id).sort());
    expect(result.retryMessages).toEqual([]);
    for (const [connection, rows] of [
      [a, 20],
      [b, 30],
    ] as const) {
      const { runs } = await env.SYNC.get(env.SYNC.idFromName(connection.id)).history(5);
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ status: "succeeded", stats: { [`${connection.schema}.customers`]: { rows } } });
      expect(await count(`${connection.tables}__customers`)).toBe(rows);
    }
  });

  it("skips a message for a slice that is not the run's next one", async () => {
    const { id, tables: prefix } = await sampleConnection(10);
    const sync = env.SYNC.get(env.SYNC.idFromName(id));
    const runId = crypto.randomUUID();
    await sync.startRun({ runId, trigger: "manual", expectBy: Date.now() + 60_000 });
    const stale = await deliver({ connectionId: id, runId, seq: 3 });
    expect(stale.result.explicitAcks).toEqual([stale.id]);
    expect(await sync.current()).toMatchObject({ id: runId, status: "running", stats: {} });
    const tables = await env.WAREHOUSE.prepare("SELECT name FROM sqlite_master WHERE name LIKE ?1")
      .bind(`${prefix}__%`)
      .all();
    expect(tables.results).toEqual([]);
  });
});

/**
 * Event-driven triggers (extension, src/engine/triggers.ts): a trigger URL with its own
 * revocable token, a message on the Worker's trigger queue, and chaining after another
 * connection's successful sync (cycles refused), each starting a real sync (sample → Postgres).
 */
import { env, exports } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropCreated, ensureDatabases, groupWithDestination, waitForRun } from "./connections-sync-helpers";
import { call, newAccount } from "./helpers";

const AUTH = `Basic ${btoa(`${env.FIVETRAN_API_KEY}:${env.FIVETRAN_API_SECRET}`)}`;

beforeAll(ensureDatabases);
afterAll(dropCreated);

/** A manual sample connection in `groupId` (it syncs only when something starts it). */
async function sampleConnection(groupId: string, auth = AUTH): Promise<string> {
  const res = await call("POST", "/v1/connections", {
    auth,
    body: {
      group_id: groupId,
      service: "sample",
      schedule_type: "manual",
      config: { schema: `trig_${crypto.randomUUID().slice(0, 8)}`, scale: 3, tables: ["customers"] },
    },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.data.id;
}

async function runsOf(id: string) {
  const res = await call("GET", `/v1/connections/${id}/runs`, { auth: AUTH });
  return res.json.data.items as { trigger: string; status: string }[];
}

/** Polls until the connection has `count` runs, the newest ended; returns them. */
async function waitForRuns(id: string, count: number) {
  for (let i = 0; i < 150; i++) {
    const runs = await runsOf(id);
    if (runs.length >= count && runs[0]?.status !== "running") return runs;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`connection ${id} did not reach ${count} runs: ${JSON.stringify(await runsOf(id))}`);
}

function fire(url: string, token?: string) {
  return exports.default.fetch(
    new Request(url, { method: "POST", headers: token ? { Authorization: `Bearer ${token}` } : {} }),
  );
}

describe("connection triggers", () => {
  it("a trigger URL starts a sync with its token, shows it once, and stops when revoked", async () => {
    const group = await groupWithDestination(AUTH);
    const id = await sampleConnection(group);
    const created = await call("POST", `/v1/connections/${id}/triggers`, { auth: AUTH, body: { type: "url" } });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const trigger = created.json.data;
    expect(trigger).toMatchObject({ connection_id: id, type: "url", url: expect.stringMatching(/\/triggers\/\w+$/) });
    expect(trigger.token).toMatch(/^ftt_[A-Za-z0-9]{40}$/);

    // Listed and in the connection's details, the token masked.
    const listed = await call("GET", `/v1/connections/${id}/triggers`, { auth: AUTH });
    expect(listed.json.data.items).toEqual([{ ...trigger, token: "******" }]);
    const details = await call("GET", `/v1/connections/${id}`, { auth: AUTH });
    expect(details.json.data.triggers).toEqual([{ ...trigger, token: "******" }]);

    // No token, a wrong one: 401, nothing runs.
    expect((await fire(trigger.url)).status).toBe(401);
    const wrong = await fire(trigger.url, `${trigger.token}x`);
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ code: "Unauthorized", message: "Missing, wrong or revoked trigger token" });
    expect(await runsOf(id)).toEqual([]);

    const fired = await fire(trigger.url, trigger.token);
    expect(fired.status).toBe(200);
    await waitForRun(AUTH, id);
    expect((await runsOf(id)).map((r) => [r.trigger, r.status])).toEqual([["url", "succeeded"]]);

    const revoked = await call("DELETE", `/v1/connections/${id}/triggers/${trigger.id}`, { auth: AUTH });
    expect(revoked.status).toBe(200);
    expect((await fire(trigger.url, trigger.token)).status).toBe(401);
    expect((await call("DELETE", `/v1/connections/${id}/triggers/${trigger.id}`, { auth: AUTH })).status).toBe(404);
  }, 60_000);

  it("a paused connection's trigger URL answers 400 and starts nothing", async () => {
    const group = await groupWithDestination(AUTH);
    const id = await sampleConnection(group);
    const { json } = await call("POST", `/v1/connections/${id}/triggers`, { auth: AUTH, body: { type: "url" } });
    await call("PATCH", `/v1/connections/${id}`, { auth: AUTH, body: { paused: true } });
    const fired = await fire(json.data.url, json.data.token);
    expect(fired.status).toBe(400);
    expect(((await fired.json()) as { message: string }).message).toMatch(/paused/);
    expect(await runsOf(id)).toEqual([]);
  });

  it("a successful sync starts the connections chained after it; a loop is refused", async () => {
    const group = await groupWithDestination(AUTH);
    const [a, b, c] = [await sampleConnection(group), await sampleConnection(group), await sampleConnection(group)];
    for (const [down, up] of [
      [b, a],
      [c, b],
    ]) {
      const res = await call("POST", `/v1/connections/${down}/triggers`, {
        auth: AUTH,
        body: { type: "after", connection_id: up },
      });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
      expect(res.json.data).toMatchObject({ type: "after", after_connection_id: up });
    }
    const loop = await call("POST", `/v1/connections/${a}/triggers`, {
      auth: AUTH,
      body: { type: "after", connection_id: c },
    });
    expect(loop.status).toBe(400);
    expect(loop.json.message).toContain(`the chain would loop (${a} → ${c} → ${b} → ${a}`);
    const self = await call("POST", `/v1/connections/${a}/triggers`, {
      auth: AUTH,
      body: { type: "after", connection_id: a },
    });
    expect(self.status).toBe(400);

    // Another account's connection is as unknown as a missing one.
    const other = await newAccount("triggers other");
    const otherGroup = await groupWithDestination(other);
    const foreign = await sampleConnection(otherGroup, other);
    const cross = await call("POST", `/v1/connections/${a}/triggers`, {
      auth: AUTH,
      body: { type: "after", connection_id: foreign },
    });
    expect(cross.status).toBe(400);
    expect(cross.json.message).toContain(`connection '${foreign}' does not exist`);

    expect((await call("POST", `/v1/connections/${a}/sync`, { auth: AUTH })).status).toBe(200);
    // a → b → c, each after the previous one succeeded.
    expect((await waitForRuns(c, 1)).map((r) => [r.trigger, r.status])).toEqual([["chain", "succeeded"]]);
    expect((await runsOf(b)).map((r) => [r.trigger, r.status])).toEqual([["chain", "succeeded"]]);
    expect((await runsOf(a)).map((r) => [r.trigger, r.status])).toEqual([["manual", "succeeded"]]);

    // Deleting b removes its triggers and the chain after it: a's next sync starts nothing.
    expect((await call("DELETE", `/v1/connections/${b}`, { auth: AUTH })).status).toBe(200);
    expect((await call("GET", `/v1/connections/${c}/triggers`, { auth: AUTH })).json.data.items).toEqual([]);
  }, 90_000);

  it("a message on the trigger queue starts a sync of a connection with a queue trigger", async () => {
    const group = await groupWithDestination(AUTH);
    const id = await sampleConnection(group);
    const unknown = await call("POST", `/v1/connections/${id}/triggers`, {
      auth: AUTH,
      body: { type: "queue", queue: "someone-elses-queue" },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.message).toContain("use one of: fivetran-triggers");
    const bad = await call("POST", `/v1/connections/${id}/triggers`, { auth: AUTH, body: { type: "cron" } });
    expect(bad.status).toBe(400);

    const created = await call("POST", `/v1/connections/${id}/triggers`, {
      auth: AUTH,
      body: { type: "queue", queue: "fivetran-triggers" },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json.data).toMatchObject({ type: "queue", queue: "fivetran-triggers" });
    expect(created.json.data.token).toBeUndefined();
    // A message for a connection without a queue trigger (sent first) starts nothing.
    const untriggered = await sampleConnection(group);
    await env.TRIGGER_QUEUE.send({ connection_id: untriggered });
    await env.TRIGGER_QUEUE.send({ connection_id: id });
    const runs = await waitForRuns(id, 1);
    expect(runs.map((r) => [r.trigger, r.status])).toEqual([["queue", "succeeded"]]);
    expect(await runsOf(untriggered)).toEqual([]);
  }, 60_000);
});

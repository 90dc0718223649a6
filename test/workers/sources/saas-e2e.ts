/**
 * End-to-end helpers for the SaaS connectors: connections created and synced through the HTTP
 * API into the WAREHOUSE D1 binding, with the vendor's hosts answered by a fake. The Worker's
 * connectors fetch through the egress guard, which calls the global fetch; the tests route
 * the fakes' hosts to them (everything else goes to the real fetch) for their duration.
 */
import { env } from "cloudflare:workers";
import { expect, vi } from "vitest";
import { BOOTSTRAP, call } from "../helpers";

type Fetch = typeof fetch;

/** Routes requests to `hosts` (exact, or `*.suffix`) to the fake's fetch; returns the restore. */
export function routeToFake(hosts: string[], fake: Fetch): () => void {
  const real = globalThis.fetch.bind(globalThis);
  const serves = (host: string) => hosts.some((h) => (h.startsWith("*.") ? host.endsWith(h.slice(1)) : host === h));
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = new Request(input as RequestInfo, init);
    return serves(new URL(request.url).host) ? fake(request) : real(request);
  });
  return () => spy.mockRestore();
}

export const uid = () => crypto.randomUUID().replace(/-/g, "").slice(0, 10);

/** A group of the bootstrap account with a d1 destination on WAREHOUSE (tables `<schema>__<table>`). */
export async function d1Group(auth = BOOTSTRAP): Promise<string> {
  const group = await call("POST", "/v1/groups", { auth, body: { name: `g_${uid()}` } });
  expect(group.status, JSON.stringify(group.json)).toBe(201);
  const destination = await call("POST", "/v1/destinations", {
    auth,
    body: { group_id: group.json.data.id, service: "d1", time_zone_offset: "0", config: { database: "WAREHOUSE" } },
  });
  expect(destination.status, JSON.stringify(destination.json)).toBe(201);
  return group.json.data.id;
}

/** A group of the bootstrap account with a postgres destination on the local server. */
export async function postgresGroup(database: string, auth = BOOTSTRAP): Promise<string> {
  const group = await call("POST", "/v1/groups", { auth, body: { name: `g_${uid()}` } });
  expect(group.status, JSON.stringify(group.json)).toBe(201);
  const destination = await call("POST", "/v1/destinations", {
    auth,
    body: {
      group_id: group.json.data.id,
      service: "postgres",
      time_zone_offset: "0",
      config: { host: "127.0.0.1", port: 5432, database, user: "postgres" },
    },
  });
  expect(destination.status, JSON.stringify(destination.json)).toBe(201);
  return group.json.data.id;
}

/** Creates a manual-schedule connection; returns its id. */
export async function connection(group: string, service: string, config: Record<string, unknown>, auth = BOOTSTRAP) {
  const res = await call("POST", "/v1/connections", {
    auth,
    body: { group_id: group, service, schedule_type: "manual", config },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.data.id as string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts a sync and polls until it ended; returns the connection's details. */
export async function syncToEnd(id: string, auth = BOOTSTRAP) {
  const before = (await call("GET", `/v1/connections/${id}`, { auth })).json.data;
  const since = [before.succeeded_at, before.failed_at].filter(Boolean).sort().at(-1) ?? "";
  const started = await call("POST", `/v1/connections/${id}/sync`, { auth, body: { force: true } });
  expect(started.status, JSON.stringify(started.json)).toBe(200);
  for (let attempt = 0; attempt < 400; attempt++) {
    const data = (await call("GET", `/v1/connections/${id}`, { auth })).json.data;
    const ended = [data.succeeded_at, data.failed_at].filter(Boolean).sort().at(-1) ?? "";
    if (ended > since && data.status.sync_state !== "syncing") return data;
    await sleep(150);
  }
  throw new Error(`connection ${id} did not finish its run`);
}

/** Rows of a WAREHOUSE table, ordered by `order`. */
export async function d1Rows<T = Record<string, unknown>>(table: string, columns = "*", order = "id"): Promise<T[]> {
  const { results } = await env.WAREHOUSE.prepare(`SELECT ${columns} FROM "${table}" ORDER BY ${order}`).all<T>();
  return results;
}

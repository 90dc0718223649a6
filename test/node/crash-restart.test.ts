/**
 * A dev server killed (SIGKILL) in the middle of a sync and started again on the same state
 * finishes the run: the committed checkpoint survives in SyncDO, the watchdog alarm in
 * ConnectorDO re-drives the run, and the destination ends equal to the source.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevServer, freePort, startDevServer } from "./dev-server";

const SRC = "crash_src";
const DST = "crash_dst";
const ROWS = 300_000;
/** Small slices and pages so the run takes many slices; a short watchdog so the test is quick. */
const ENGINE = [
  "--var",
  "FIVETRAN_SLICE_BUDGET_MS:700",
  "--var",
  "FIVETRAN_PAGE_BYTES:262144",
  "--var",
  "FIVETRAN_WATCHDOG_MS:2000",
];

async function sql(database: string, text: string) {
  const client = new pg.Client({ host: "127.0.0.1", port: 5432, user: "postgres", database });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

let server: DevServer | undefined;
let persistDir: string;

beforeAll(async () => {
  for (const db of [SRC, DST]) {
    await sql("postgres", `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await sql("postgres", `CREATE DATABASE ${db}`);
  }
  await sql(
    SRC,
    "CREATE TABLE items (id bigint PRIMARY KEY, payload text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())",
  );
  await sql(
    SRC,
    `INSERT INTO items (id, payload) SELECT g, repeat(md5(g::text), 4) FROM generate_series(1, ${ROWS}) g`,
  );
  persistDir = await mkdtemp(path.join(os.tmpdir(), "fivetran-crash-"));
});

afterAll(async () => {
  await server?.stop();
  if (persistDir) await rm(persistDir, { recursive: true, force: true });
});

async function api(method: string, pathname: string, body?: unknown) {
  const response = await fetch(`${server?.baseUrl}${pathname}`, {
    method,
    headers: { authorization: server?.authorization as string, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: test reads arbitrary JSON
  const json: any = await response.json();
  if (response.status >= 400) throw new Error(`${method} ${pathname}: ${response.status} ${JSON.stringify(json)}`);
  return json.data;
}

async function destinationCount(): Promise<number> {
  try {
    return (await sql(DST, "SELECT count(*)::int AS n FROM crash_public.items")).rows[0].n;
  } catch {
    return 0;
  }
}

describe("a dev server crashed mid-sync", () => {
  it("finishes the run after a restart, losing and duplicating nothing", async () => {
    const port = await freePort();
    server = await startDevServer({ port, persistDir, args: ENGINE });
    const group = await api("POST", "/v1/groups", { name: "crash_test" });
    await api("POST", "/v1/destinations", {
      group_id: group.id,
      service: "postgres",
      time_zone_offset: "0",
      config: { host: "127.0.0.1", port: 5432, database: DST, user: "postgres" },
    });
    const connection = await api("POST", "/v1/connections", {
      group_id: group.id,
      service: "postgres",
      schedule_type: "manual",
      config: {
        host: "127.0.0.1",
        port: 5432,
        database: SRC,
        user: "postgres",
        schema_prefix: "crash",
        tables: ["public.items"],
      },
    });
    expect(connection.status.setup_state).toBe("connected");
    await api("POST", `/v1/connections/${connection.id}/sync`, {});

    // Crash once some rows are in, well before all of them are.
    const deadline = Date.now() + 60_000;
    let partial = 0;
    while (Date.now() < deadline) {
      partial = await destinationCount();
      if (partial > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await server.crash();
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(ROWS);

    server = await startDevServer({ port, persistDir, args: ENGINE });
    const finish = Date.now() + 120_000;
    let details = await api("GET", `/v1/connections/${connection.id}`);
    while (!details.succeeded_at && !details.failed_at && Date.now() < finish) {
      await new Promise((r) => setTimeout(r, 250));
      details = await api("GET", `/v1/connections/${connection.id}`);
    }
    expect(details.failed_at).toBeNull();
    expect(details.succeeded_at).toMatch(/Z$/);
    expect(details.status.sync_state).toBe("scheduled");

    const checksum = (db: string, table: string) =>
      sql(db, `SELECT count(*)::int AS n, md5(string_agg(id || ':' || payload, ',' ORDER BY id)) AS sum FROM ${table}`);
    expect((await checksum(DST, "crash_public.items")).rows[0]).toEqual((await checksum(SRC, "public.items")).rows[0]);
  });
});

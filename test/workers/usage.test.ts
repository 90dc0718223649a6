/**
 * Usage metering end to end: the sample source synced into D1 (WAREHOUSE) through the real
 * engine, then MAR, rows synced and the CSV export compared with counts done by hand on the
 * destination table; replays into the connection-month's UsageDO count nothing.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { UsageDO } from "../../src/do/usage-do";
import { keyHash } from "../../src/engine/usage";
import { call, namespaceOf, newAccount, newAccountWithId } from "./helpers";

const warehouse = env.WAREHOUSE;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const id = () => crypto.randomUUID().replace(/-/g, "").slice(0, 8);

async function sampleSetup(auth: string, config: Record<string, unknown>) {
  const group = await call("POST", "/v1/groups", { auth, body: { name: `usage_${id()}` } });
  expect(group.status).toBe(201);
  const groupId: string = group.json.data.id;
  const destination = await call("POST", "/v1/destinations", {
    auth,
    body: { group_id: groupId, service: "d1", time_zone_offset: "0", config: { database: "WAREHOUSE" } },
  });
  expect(destination.status, JSON.stringify(destination.json)).toBe(201);
  const connection = await call("POST", "/v1/connections", {
    auth,
    body: { group_id: groupId, service: "sample", schedule_type: "manual", config },
  });
  expect(connection.status, JSON.stringify(connection.json)).toBe(201);
  return { groupId, connectionId: connection.json.data.id as string };
}

async function syncToEnd(auth: string, connectionId: string, since: string | null) {
  expect((await call("POST", `/v1/connections/${connectionId}/sync`, { auth })).status).toBe(200);
  for (let attempt = 0; attempt < 200; attempt++) {
    const data = (await call("GET", `/v1/connections/${connectionId}`, { auth })).json.data;
    const ended = [data.succeeded_at, data.failed_at].filter(Boolean).sort().at(-1) ?? null;
    if (ended && (!since || ended > since) && data.status.sync_state !== "syncing") {
      expect(data.failed_at, JSON.stringify(data.status)).toBeNull();
      return data.succeeded_at as string;
    }
    await sleep(150);
  }
  throw new Error(`connection ${connectionId} did not finish its run`);
}

const count = async (sql: string, ...binds: unknown[]) =>
  (
    await warehouse
      .prepare(sql)
      .bind(...binds)
      .first<{ n: number }>()
  )?.n ?? -1;

describe("usage metering", () => {
  it("MAR per table matches a hand count on the destination, split free (historical sync) and paid", async () => {
    const { auth, accountId } = await newAccountWithId("usage");
    const namespace = await namespaceOf(accountId, "WAREHOUSE");
    const schema = `usage_${id()}`;
    const { groupId, connectionId } = await sampleSetup(auth, { schema, scale: 60, seed: 7 });

    const first = await syncToEnd(auth, connectionId, null);
    const second = await syncToEnd(auth, connectionId, first);
    const runs = (await call("GET", `/v1/connections/${connectionId}/runs`, { auth })).json.data.items;
    expect(runs).toHaveLength(2);
    const secondStart: string = runs[0].started_at;

    const mar = await call("GET", `/v1/usage/mar?connection_id=${connectionId}`, { auth });
    expect(mar.status, JSON.stringify(mar.json)).toBe(200);
    const items = mar.json.data.items as Record<string, unknown>[];
    expect(items.map((i) => i.table).sort()).toEqual(["customers", "orders", "products"]);
    const month = new Date().toISOString().slice(0, 7);
    for (const item of items) {
      const table = `${namespace}__${schema}__${item.table}`;
      // By hand: every row the month's syncs touched is in the table (soft deletes keep theirs).
      const total = await count(`SELECT count(*) AS n FROM "${table}"`);
      // Rows the second (incremental, billed) run wrote carry its start in _fivetran_synced.
      const touchedLater = await count(`SELECT count(*) AS n FROM "${table}" WHERE _fivetran_synced >= ?`, secondStart);
      expect(total).toBeGreaterThan(60);
      expect(touchedLater).toBeGreaterThan(0);
      expect(item).toEqual({
        month,
        connection_id: connectionId,
        group_id: groupId,
        schema,
        table: item.table,
        mar: total,
        free_mar: total - touchedLater,
        paid_mar: touchedLater,
      });
    }

    // Rows synced per day add up to what the runs report, table by table.
    const rows = await call("GET", `/v1/usage/rows?connection_id=${connectionId}`, { auth });
    expect(rows.status).toBe(200);
    const byTable = new Map<string, number>();
    for (const r of rows.json.data.items) byTable.set(r.table, (byTable.get(r.table) ?? 0) + r.rows_synced);
    for (const table of ["customers", "products", "orders"]) {
      const reported = runs.reduce(
        (n: number, run: { tables: Record<string, { rows: number }> }) =>
          n + Object.entries(run.tables).reduce((m, [k, v]) => (k.endsWith(`.${table}`) ? m + v.rows : m), 0),
        0,
      );
      expect(reported, JSON.stringify(runs)).toBeGreaterThan(0);
      expect(byTable.get(table), JSON.stringify(rows.json.data.items)).toBe(reported);
    }
    expect(second > first).toBe(true);

    // The same totals through the group and account scopes, a page at a time.
    const seen: unknown[] = [];
    let cursor: string | undefined;
    do {
      const page = await call("GET", `/v1/usage/mar?group_id=${groupId}&limit=1${cursor ? `&cursor=${cursor}` : ""}`, {
        auth,
      });
      expect(page.status).toBe(200);
      expect(page.json.data.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.json.data.items);
      cursor = page.json.data.next_cursor;
    } while (cursor);
    expect(seen).toEqual(items);

    // CSV: a header, then the same values.
    const csv = await exportCsv(auth, `/v1/usage/mar.csv?connection_id=${connectionId}`);
    expect(csv.type).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split("\r\n");
    expect(lines[0]).toBe("month,connection_id,group_id,schema,table,mar,free_mar,paid_mar");
    expect(lines.slice(1)).toEqual(items.map((i) => Object.values(i).join(",")));
    const rowsCsv = await exportCsv(auth, `/v1/usage/rows.csv?connection_id=${connectionId}&start_date=2000-01-01`);
    expect(rowsCsv.text.trim().split("\r\n")).toHaveLength(rows.json.data.items.length + 1);
  });

  it("counts nothing twice: a replayed batch and a key changed again in the same run add nothing", async () => {
    const connectionId = `replay_${id()}`;
    const month = "2031-01";
    const usage = env.USAGE.get(env.USAGE.idFromName(`${connectionId}/${month}`));
    const accountId = (await call("GET", "/v1/account/info")).json.data.account_id;
    const owner = { accountId, groupId: "g", connectionId };
    const hashes = (ids: number[]) => {
      const out = new Uint8Array(ids.length * 16);
      for (const [i, n] of ids.entries()) out.set(keyHash([n]), i * 16);
      return out;
    };
    const batch = (ids: number[], bytes: number) => ({
      schema: "s",
      table: "t",
      hashes: hashes(ids),
      count: ids.length,
      bytes,
    });
    const record = (runId: string, paid: boolean, ids: number[], day = "2031-01-05") =>
      usage.record({ owner, day, runId, paid, tables: [batch(ids, ids.length * 10)] });

    expect(await record("run1", false, [1, 2, 3, 4])).toEqual({ newKeys: 4, rowsCounted: 4 });
    expect(await record("run1", false, [1, 2, 3, 4])).toEqual({ newKeys: 0, rowsCounted: 0 }); // a replay
    expect(await record("run1", false, [4, 4, 5])).toEqual({ newKeys: 1, rowsCounted: 1 }); // 4 again, in one run
    expect(await record("run2", true, [5, 6, 1n as unknown as number])).toEqual({ newKeys: 1, rowsCounted: 3 });
    expect(await record("run2", true, [5, 6, 1])).toEqual({ newKeys: 0, rowsCounted: 0 }); // 1 as number = 1n
    expect(await usage.totals()).toEqual([{ schema: "s", table: "t", mar: 6, free: 3, paid: 3 }]);

    const rows = await call("GET", `/v1/usage/rows?connection_id=${connectionId}`);
    expect(rows.status, JSON.stringify(rows.json)).toBe(200);
    expect(rows.json.data.items).toEqual([
      {
        date: "2031-01-05",
        connection_id: connectionId,
        group_id: "g",
        schema: "s",
        table: "t",
        rows_synced: 8,
        bytes_synced: 80,
      },
    ]);
    const mar = await call("GET", `/v1/usage/mar?connection_id=${connectionId}&start_month=2031-01&end_month=2031-01`);
    expect(mar.json.data.items).toMatchObject([{ month, mar: 6, free_mar: 3, paid_mar: 3 }]);
    const outside = await call("GET", `/v1/usage/mar?connection_id=${connectionId}&start_month=2031-02`);
    expect(outside.json.data.items).toEqual([]);
  });

  it("refuses bad ranges and other accounts' connections in Fivetran's envelope", async () => {
    const auth = await newAccount("usage other");
    const { connectionId } = await sampleSetup(auth, { schema: `usage_${id()}`, scale: 5 });
    const stranger = await newAccount("stranger");
    const res = await call("GET", `/v1/usage/mar?connection_id=${connectionId}`, { auth: stranger });
    expect(res.status).toBe(404);
    expect(res.json).toEqual({
      code: "NotFound_Connector",
      message: `Connector with id '${connectionId}' does not exist.`,
    });
    const bad = await call("GET", "/v1/usage/rows?start_date=2026-13-01", { auth });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe("InvalidInput");
    const empty = await call("GET", "/v1/usage/rows?start_date=2026-12-05&end_date=2026-12-01", { auth });
    expect(empty.status).toBe(400);
    expect(empty.json.message).toMatch(/range is empty/);
  });
});

async function exportCsv(auth: string, path: string) {
  const { exports } = await import("cloudflare:workers");
  const res = await exports.default.fetch(
    new Request(`http://127.0.0.1:8787${path}`, { headers: { authorization: auth, accept: "text/csv" } }),
  );
  expect(res.status).toBe(200);
  return { type: res.headers.get("content-type") ?? "", text: await res.text() };
}

describe("UsageDO key formats", () => {
  const owner = { accountId: "formats", groupId: "g", connectionId: "formats" };
  const slots = (ids: number[], format: 1 | 2) => {
    const out = new Uint8Array(ids.length * 16);
    for (const [i, n] of ids.entries()) out.set(keyHash([n], undefined, format), i * 16);
    return out;
  };
  const record = (usage: DurableObjectStub<UsageDO>, ids: number[], format?: 1 | 2) =>
    usage.record({
      owner,
      day: "2031-03-02",
      runId: "r",
      paid: true,
      format,
      tables: [{ schema: "s", table: "t", hashes: slots(ids, format ?? 2), count: ids.length, bytes: 0 }],
    });

  it("a new month takes the current format; its first keys fix it and keys of another are refused", async () => {
    const usage = env.USAGE.get(env.USAGE.idFromName(`formats_${id()}/2031-03`));
    expect(await usage.keyFormat()).toBe(2);
    expect(await record(usage, [1, 2])).toEqual({ newKeys: 2, rowsCounted: 2 });
    expect(String(await record(usage, [1, 2], 1).catch((error: Error) => error))).toMatch(/format 2, not 1/);
    expect(await usage.totals()).toEqual([{ schema: "s", table: "t", mar: 2, free: 0, paid: 2 }]);
  });

  it("a month whose keys were stored before formats were recorded stays in format 1", async () => {
    const usage = env.USAGE.get(env.USAGE.idFromName(`formats_${id()}/2031-03`));
    expect(await record(usage, [1, 2], 1)).toEqual({ newKeys: 2, rowsCounted: 2 });
    // As an object written before the `format` table existed: keys, and no format row.
    await runInDurableObject(usage, (_instance, state) => void state.storage.sql.exec("DELETE FROM format"));
    expect(await usage.keyFormat()).toBe(1);
    expect(String(await record(usage, [3], 2).catch((error: Error) => error))).toMatch(/format 1, not 2/);
    expect(await record(usage, [2, 3], 1)).toEqual({ newKeys: 1, rowsCounted: 1 });
    expect(await usage.totals()).toEqual([{ schema: "s", table: "t", mar: 3, free: 0, paid: 3 }]);
  });
});

describe("UsageDO footprint", () => {
  it("holds a key in under 64 bytes of SQLite (measured with 100,000 keys; README gives the numbers)", async () => {
    const usage = env.USAGE.get(env.USAGE.idFromName(`footprint_${id()}/2031-02`));
    const owner = { accountId: "footprint", groupId: "g", connectionId: "footprint" };
    const n = 100_000;
    const per = 50_000;
    let hashing = 0;
    let recording = 0;
    for (let start = 0; start < n; start += per) {
      const t0 = Date.now();
      const hashes = new Uint8Array(per * 16);
      for (let i = 0; i < per; i++) hashes.set(keyHash([start + i]), i * 16);
      const t1 = Date.now();
      hashing += t1 - t0;
      await usage.record({
        owner,
        day: "2031-02-01",
        runId: "r",
        paid: true,
        tables: [{ schema: "s", table: "t", hashes, count: per, bytes: 0 }],
      });
      recording += Date.now() - t1;
    }
    const { keys, bytes } = await usage.footprint();
    console.log(
      `UsageDO: ${keys} keys in ${bytes} bytes (${(bytes / keys).toFixed(1)} B/key), hashing ${hashing} ms, recording ${recording} ms`,
    );
    expect(keys).toBe(n);
    expect(bytes / keys).toBeLessThan(64);
  }, 120_000);
});

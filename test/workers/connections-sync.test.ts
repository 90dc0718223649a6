/**
 * Sync, re-sync, state and run history of connections through the HTTP API, with the real
 * engine: the queue consumer runs inside the test worker, reading a real PostgreSQL source
 * and writing a real PostgreSQL destination.
 */
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  destinationRows,
  dropCreated,
  ensureDatabases,
  groupWithBrokenDestination,
  groupWithDestination,
  MISSING_DB,
  postgresConnection,
  SOURCE_DB,
  sourceSchema,
  sql,
  waitForRun,
} from "./connections-sync-helpers";
import { call, newAccount } from "./helpers";

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

beforeAll(ensureDatabases, 60_000);
afterAll(dropCreated, 60_000);

function triggered(id: string) {
  return { code: "Success", message: `Sync has been successfully triggered for connection with id '${id}'` };
}

const TABLES_RESYNC = { code: "Success", message: "Re-sync has been triggered successfully" };

/** A run left in progress by arranging it in the connection's SyncDO (no slice is queued). */
async function runInProgress(connectionId: string) {
  const sync = env.SYNC.get(env.SYNC.idFromName(connectionId));
  const runId = crypto.randomUUID();
  const { started } = await sync.startRun({ runId, trigger: "manual" });
  expect(started).toBe(true);
  return { runId, end: () => sync.cancelRunning("ended by the test") };
}

async function runs(auth: string, id: string, query = "") {
  const res = await call("GET", `/v1/connections/${id}/runs${query}`, { auth });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json.data;
}

/** A synced connection over a fresh source schema with customers (3 rows) and orders (2). */
async function syncedConnection(auth: string) {
  const source = await sourceSchema();
  const groupId = await groupWithDestination(auth);
  const connection = await postgresConnection(auth, groupId, [`${source}.customers`, `${source}.orders`]);
  expect((await call("POST", `/v1/connections/${connection.id}/sync`, { auth })).status).toBe(200);
  const details = await waitForRun(auth, connection.id);
  expect(details.failed_at, JSON.stringify(details.status)).toBeNull();
  return { ...connection, source, details };
}

describe("POST /sync and the connection status", () => {
  it("syncs the source into the destination and reports it in status, last_run and runs", async () => {
    const auth = await newAccount();
    const source = await sourceSchema();
    const groupId = await groupWithDestination(auth);
    const { id, schema } = await postgresConnection(auth, groupId, [`${source}.customers`, `${source}.orders`]);

    const before = (await call("GET", `/v1/connections/${id}`, { auth })).json.data;
    expect(before.status).toMatchObject({
      setup_state: "connected",
      sync_state: "scheduled",
      is_historical_sync: true,
      current_run: null,
      last_run: null,
    });
    expect(before.succeeded_at).toBeNull();

    const res = await call("POST", `/v1/connections/${id}/sync`, { auth, body: { force: false } });
    expect(res.status).toBe(200);
    expect(res.json).toEqual(triggered(id));

    const after = await waitForRun(auth, id);
    expect(after.succeeded_at).toMatch(TIMESTAMP);
    expect(after.failed_at).toBeNull();
    expect(after.status).toMatchObject({
      sync_state: "scheduled",
      update_state: "on_schedule",
      is_historical_sync: false,
      tasks: [],
      current_run: null,
    });
    const last = after.status.last_run;
    expect(last).toMatchObject({ trigger: "manual", status: "succeeded", rows: 5, error: null });
    expect(last.bytes).toBeGreaterThan(0);
    expect(last.started_at).toMatch(TIMESTAMP);
    expect(last.ended_at).toBe(after.succeeded_at);
    expect(last.duration_ms).toBe(new Date(last.ended_at).getTime() - new Date(last.started_at).getTime());

    expect(await destinationRows(schema, "customers", "id, name")).toEqual([
      { id: 1, name: "Ada" },
      { id: 2, name: "Grace" },
      { id: 3, name: "Edsger" },
    ]);
    expect(await destinationRows(schema, "orders", "id, amount::text AS amount")).toEqual([
      { id: 10, amount: "12.50" },
      { id: 11, amount: "99.99" },
    ]);

    const page = await runs(auth, id);
    expect(page.next_cursor).toBeUndefined();
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toEqual({
      id: last.id,
      trigger: "manual",
      status: "succeeded",
      started_at: last.started_at,
      ended_at: last.ended_at,
      duration_ms: last.duration_ms,
      error: null,
      retries: 0,
      attempts: [],
      rows: 5,
      bytes: last.bytes,
      tables: {
        [`${source}.customers`]: { rows: 3, bytes: expect.any(Number) },
        [`${source}.orders`]: { rows: 2, bytes: expect.any(Number) },
      },
      progress_at: expect.stringMatching(TIMESTAMP),
    });

    // The list stays cheap: no SyncDO reads, so no run fields.
    const listed = (await call("GET", "/v1/connections", { auth })).json.data.items[0];
    expect(listed.status.current_run).toBeUndefined();
    expect(listed.status.last_run).toBeUndefined();
  });

  it("a sync requested while one runs is a no-op; /force cancels it and starts over, under both namings", async () => {
    const auth = await newAccount();
    const source = await sourceSchema();
    const groupId = await groupWithDestination(auth);
    const { id, schema } = await postgresConnection(auth, groupId, [`${source}.customers`]);
    const pending = await runInProgress(id);

    const details = (await call("GET", `/v1/connectors/${id}`, { auth })).json.data;
    expect(details.status.current_run).toEqual({
      id: pending.runId,
      trigger: "manual",
      started_at: expect.stringMatching(TIMESTAMP),
      rows_so_far: {},
      progress_at: null,
    });

    for (const naming of ["connections", "connectors"]) {
      const again = await call("POST", `/v1/${naming}/${id}/sync`, { auth });
      expect(again.status).toBe(200);
      expect(again.json).toEqual(triggered(id));
    }
    expect((await runs(auth, id)).items.map((run: { id: string }) => run.id)).toEqual([pending.runId]);

    // Airflow and dagster: POST /v1/connectors/{id}/force with no body.
    const forced = await call("POST", `/v1/connectors/${id}/force`, {
      auth,
      headers: { "content-type": "application/json;version=2" },
    });
    expect(forced.status).toBe(200);
    expect(forced.json).toEqual(triggered(id));
    const after = await waitForRun(auth, id);
    expect(after.status.last_run).toMatchObject({ trigger: "force", status: "succeeded", rows: 3 });

    const [newest, cancelled] = (await runs(auth, id)).items;
    expect(newest).toMatchObject({ trigger: "force", status: "succeeded" });
    expect(cancelled).toMatchObject({ id: pending.runId, status: "cancelled", error: "restarted by a forced sync" });
    expect(await destinationRows(schema, "customers")).toHaveLength(3);
  });

  it("POST /sync with force: true restarts a run in progress", async () => {
    const auth = await newAccount();
    const source = await sourceSchema();
    const { id } = await postgresConnection(auth, await groupWithDestination(auth), [`${source}.orders`]);
    const pending = await runInProgress(id);
    const res = await call("POST", `/v1/connections/${id}/sync`, { auth, body: { force: true } });
    expect(res.json).toEqual(triggered(id));
    await waitForRun(auth, id);
    expect((await runs(auth, id)).items.map((run: { status: string }) => run.status)).toEqual([
      "succeeded",
      "cancelled",
    ]);
    expect((await runs(auth, id)).items[1].id).toBe(pending.runId);
  });

  it("refuses a bad sync body with 400 naming the field", async () => {
    const auth = await newAccount();
    const source = await sourceSchema();
    const { id } = await postgresConnection(auth, await groupWithDestination(auth), [`${source}.orders`]);
    const res = await call("POST", `/v1/connections/${id}/sync`, { auth, body: { force: "yes" } });
    expect(res.status).toBe(400);
    expect(res.json.code).toBe("InvalidInput");
    expect(res.json.message).toMatch(/^Invalid value for field 'force'/);
    expect((await runs(auth, id)).items).toEqual([]);
  });

  it("a run that fails sets failed_at, a task and last_run.error", async () => {
    const auth = await newAccount();
    const source = await sourceSchema();
    // A destination database that does not exist: the run fails on its first slice.
    const { id } = await postgresConnection(auth, await groupWithBrokenDestination(auth), [`${source}.orders`]);
    expect((await call("POST", `/v1/connections/${id}/sync`, { auth })).status).toBe(200);
    const failed = await waitForRun(auth, id);
    expect(failed.succeeded_at).toBeNull();
    expect(failed.failed_at).toMatch(TIMESTAMP);
    expect(failed.status.update_state).toBe("delayed");
    expect(failed.status.tasks).toHaveLength(1);
    const [task] = failed.status.tasks;
    expect(task.message).toContain(`database "${MISSING_DB}" does not exist`);
    expect(failed.status.last_run).toMatchObject({ status: "failed", rows: 0, bytes: 0, error: task.message });
    // A permanent failure is not retried: one attempt, the one that ended the run.
    expect((await runs(auth, id)).items[0].attempts).toEqual([
      {
        slice: 0,
        attempt: 1,
        failed_at: expect.stringMatching(TIMESTAMP),
        kind: "configuration",
        code: "database_not_found",
        message: task.message,
        retry_at: null,
      },
    ]);
  });
});

describe("POST /resync and the table re-sync endpoints", () => {
  it("validates the scope: at least one schema and table, known tables only, case-sensitive", async () => {
    const auth = await newAccount();
    const source = await sourceSchema();
    const { id } = await postgresConnection(auth, await groupWithDestination(auth), [`${source}.customers`]);

    // Before discovery the table names cannot be checked, but the shape can.
    const empty = await call("POST", `/v1/connections/${id}/resync`, { auth, body: { scope: {} } });
    expect(empty.status).toBe(400);
    expect(empty.json).toEqual({
      code: "InvalidInput",
      message: "Invalid value for field 'scope': name at least one schema",
    });
    const noTables = await call("POST", `/v1/connectors/${id}/resync`, { auth, body: { scope: { [source]: [] } } });
    expect(noTables.status).toBe(400);
    expect(noTables.json.message).toBe(`Invalid value for field 'scope.${source}': name at least one table`);
    const notAList = await call("POST", `/v1/connections/${id}/resync`, { auth, body: { scope: { [source]: "x" } } });
    expect(notAList.status).toBe(400);
    expect(notAList.json.message).toMatch(new RegExp(`^Invalid value for field 'scope\\.${source}'`));
    const emptyTables = await call("POST", `/v1/connections/${id}/schemas/tables/resync`, { auth, body: {} });
    expect(emptyTables.status).toBe(400);
    expect(emptyTables.json.message).toBe("Name at least one schema");
    expect((await runs(auth, id)).items).toEqual([]);

    await call("POST", `/v1/connections/${id}/sync`, { auth });
    await waitForRun(auth, id);

    const unknown = await call("POST", `/v1/connections/${id}/resync`, {
      auth,
      body: { scope: { [source]: ["customers", "nope"], other: ["x"] } },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.message).toBe(`Invalid value for field 'scope': unknown table(s) ${source}.nope, other.x`);
    const wrongCase = await call("POST", `/v1/connectors/${id}/schemas/tables/resync`, {
      auth,
      body: { [source.toUpperCase()]: ["customers"] },
    });
    expect(wrongCase.status).toBe(400);
    expect(wrongCase.json.message).toBe(`Invalid request: unknown table(s) ${source.toUpperCase()}.customers`);
    const legacy = await call("POST", `/v1/connections/${id}/schemas/${source}/tables/Customers/resync`, { auth });
    expect(legacy.status).toBe(404);
    expect(legacy.json.code).toBe("NotFound_Table");
    expect((await runs(auth, id)).items).toHaveLength(1);
  });

  it("answers 409 on every re-sync endpoint while a sync is in progress, and starts nothing", async () => {
    const auth = await newAccount();
    const source = await sourceSchema();
    const { id } = await postgresConnection(auth, await groupWithDestination(auth), [`${source}.customers`]);
    const pending = await runInProgress(id);
    const requests: [string, unknown][] = [
      [`/v1/connections/${id}/resync`, undefined],
      [`/v1/connectors/${id}/resync`, { scope: { [source]: ["customers"] } }],
      [`/v1/connections/${id}/schemas/tables/resync`, { [source]: ["customers"] }],
      [`/v1/connectors/${id}/schemas/${source}/tables/customers/resync`, undefined],
    ];
    for (const [path, body] of requests) {
      const res = await call("POST", path, { auth, body });
      expect(res.status, path).toBe(409);
      expect(res.json).toEqual({
        code: "Conflict",
        message: `A sync is in progress for connection with id '${id}'; retry once it has finished`,
      });
    }
    expect((await runs(auth, id)).items.map((run: { id: string }) => run.id)).toEqual([pending.runId]);
    await pending.end();
  });

  it("re-reads only the tables in scope, or everything without one", async () => {
    const auth = await newAccount();
    const { id, schema, source } = await syncedConnection(auth);
    await sql(SOURCE_DB, `INSERT INTO ${source}.customers (id, name) VALUES (4, 'Barbara')`);

    // Scoped: customers starts over (all 4 rows); orders continues incrementally (nothing new).
    let since = (await call("GET", `/v1/connections/${id}`, { auth })).json.data.succeeded_at;
    const scoped = await call("POST", `/v1/connections/${id}/resync`, {
      auth,
      body: { scope: { [source]: ["customers"] } },
    });
    expect(scoped.status).toBe(200);
    expect(scoped.json).toEqual(triggered(id));
    since = (await waitForRun(auth, id, since)).succeeded_at;
    let newest = (await runs(auth, id)).items[0];
    expect(newest.trigger).toBe("resync");
    expect(newest.tables[`${source}.customers`].rows).toBe(4);
    expect(newest.tables[`${source}.orders`]?.rows ?? 0).toBe(0);

    // go-fivetran's per-table form.
    const table = await call("POST", `/v1/connections/${id}/schemas/${source}/tables/orders/resync`, { auth });
    expect(table.status).toBe(200);
    expect(table.json).toEqual(TABLES_RESYNC);
    since = (await waitForRun(auth, id, since)).succeeded_at;
    newest = (await runs(auth, id)).items[0];
    expect(newest.tables[`${source}.orders`].rows).toBe(2);
    expect(newest.tables[`${source}.customers`]?.rows ?? 0).toBe(0);

    const tables = await call("POST", `/v1/connectors/${id}/schemas/tables/resync`, {
      auth,
      body: { [source]: ["orders", "orders"] },
    });
    expect(tables.json).toEqual(TABLES_RESYNC);
    since = (await waitForRun(auth, id, since)).succeeded_at;
    expect((await runs(auth, id)).items[0].tables[`${source}.orders`].rows).toBe(2);

    // No scope (the legacy naming, an explicit null): everything.
    const all = await call("POST", `/v1/connectors/${id}/resync`, { auth, body: { scope: null } });
    expect(all.json).toEqual(triggered(id));
    await waitForRun(auth, id, since);
    newest = (await runs(auth, id)).items[0];
    expect(newest.rows).toBe(6);
    expect(await destinationRows(schema, "customers")).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }]);
  });
});

describe("GET and PATCH /state", () => {
  it("refuses a state nested deeper than 32 levels with 400 (fuzz counterexample: ~3,000 levels answered 500)", async () => {
    const auth = await newAccount();
    const group = (await call("POST", "/v1/groups", { auth, body: { name: "deep_state" } })).json.data.id;
    const created = await call("POST", "/v1/connections", {
      auth,
      body: { group_id: group, service: "sample", paused: true, config: { schema: "deep_state" } },
    });
    const id = created.json.data.id;
    expect((await call("POST", `/v1/connections/${id}/schemas/reload`, { auth })).status).toBe(200);
    const customers = "deep_state.customers";
    const nest = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

    // The counterexample of test/workers/reliability/fuzz.test.ts: the checkpoint overflowed
    // the stack on its way to the SyncDO.
    for (const depth of [32, 3_000, 20_000]) {
      const body = `{"state":{"${customers}":{"cursor":${nest(depth)}}}}`;
      const res = await call("PATCH", `/v1/connections/${id}/state`, { auth, body });
      expect(res.status, `depth ${depth}`).toBe(400);
      expect(res.json).toEqual({
        code: "InvalidInput",
        message: `Invalid value for field 'state.${customers}': must not nest deeper than 32 levels`,
      });
    }
    // 32 levels, the stream's own object included, pass validation and meet the 400 every
    // connector here answers (no user-editable state).
    const atLimit = await call("PATCH", `/v1/connections/${id}/state`, {
      auth,
      body: `{"state":{"${customers}":{"cursor":${nest(31)}}}}`,
    });
    expect(atLimit.status, JSON.stringify(atLimit.json)).toBe(400);
    expect(atLimit.json.message).toContain("has no user-editable state");
  });

  it("answer 400 in Fivetran's envelope for every connector here (none has user-editable state), 404 first", async () => {
    const auth = await newAccount();
    const { id, source } = await syncedConnection(auth);
    const sync = env.SYNC.get(env.SYNC.idFromName(id));
    // The engine's own checkpoints, read from SyncDO: the API does not expose them.
    const engineState = await sync.getState();
    expect(Object.keys(engineState).sort()).toEqual([`${source}.customers`, `${source}.orders`]);
    const refused = {
      code: "InvalidInput",
      message: `Connection with id '${id}' has no user-editable state: only Function and Connector SDK connections expose their state, and service 'postgres' keeps its checkpoints itself. To read tables again from scratch, re-sync them (POST /v1/connections/${id}/resync).`,
    };
    const requests = (naming: string): [string, string, unknown][] => [
      ["GET", `/v1/${naming}/${id}/state`, undefined],
      ["PATCH", `/v1/${naming}/${id}/state`, { state: {} }],
      ["PATCH", `/v1/${naming}/${id}/state`, { state: { [`${source}.orders`]: {} } }],
    ];
    // Unpaused, paused, and paused with a run in progress: always the same 400, nothing changes.
    for (const paused of [false, true]) {
      expect((await call("PATCH", `/v1/connections/${id}`, { auth, body: { paused } })).status).toBe(200);
      for (const naming of ["connections", "connectors"]) {
        for (const [method, path, body] of requests(naming)) {
          const res = await call(method, path, { auth, body });
          expect(res.status, `${method} ${path} paused=${paused}`).toBe(400);
          expect(res.json).toEqual(refused);
        }
      }
    }
    const pending = await runInProgress(id);
    const busy = await call("PATCH", `/v1/connectors/${id}/state`, { auth, body: { state: {} } });
    expect(busy.status).toBe(400);
    expect(busy.json).toEqual(refused);
    await pending.end();
    expect(await sync.getState()).toEqual(engineState);

    // An unknown connection is 404 first (another account's: see "tenancy" below).
    for (const [method, body] of [
      ["GET", undefined],
      ["PATCH", { state: {} }],
    ] as const) {
      const res = await call(method, "/v1/connections/nope_nothing/state", { auth, body });
      expect(res.status).toBe(404);
      expect(res.json).toEqual({
        code: "NotFound_Connection",
        message: "Connection with id 'nope_nothing' does not exist.",
      });
    }

    // Deleting the connection forgets its checkpoints.
    expect((await call("DELETE", `/v1/connections/${id}`, { auth })).status).toBe(200);
    expect(await sync.getState()).toEqual({});
  });
});

describe("GET /runs", () => {
  it("pages runs newest first with an opaque cursor, under both namings", async () => {
    const auth = await newAccount();
    const source = await sourceSchema();
    // Each run fails fast on its first slice, which is all this test needs.
    const { id } = await postgresConnection(auth, await groupWithBrokenDestination(auth), [`${source}.orders`]);
    let since: string | null = null;
    for (let i = 0; i < 3; i++) {
      await call("POST", `/v1/connections/${id}/sync`, { auth });
      since = (await waitForRun(auth, id, since)).failed_at;
    }
    const all = (await runs(auth, id)).items;
    expect(all).toHaveLength(3);
    expect(all.map((run: { status: string }) => run.status)).toEqual(["failed", "failed", "failed"]);
    const starts = all.map((run: { started_at: string }) => run.started_at);
    expect([...starts].sort().reverse()).toEqual(starts);

    for (const naming of ["connections", "connectors"]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const query: string = `?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
        const res = await call("GET", `/v1/${naming}/${id}/runs${query}`, { auth });
        expect(res.status).toBe(200);
        expect(res.json.message).toBe("Runs retrieved successfully");
        expect(res.json.data.items).toHaveLength(1);
        seen.push(res.json.data.items[0].id);
        cursor = res.json.data.next_cursor;
        pages++;
      } while (cursor && pages < 10);
      expect(seen).toEqual(all.map((run: { id: string }) => run.id));
    }

    for (const query of ["?limit=0", "?limit=1001", "?cursor=not-a-cursor"]) {
      const res = await call("GET", `/v1/connections/${id}/runs${query}`, { auth });
      expect(res.status, query).toBe(400);
      expect(res.json.code).toBe("InvalidInput");
    }
  });
});

describe("schedule of a connection", () => {
  it("arms the schedule alarm once the connection can run, PATCH moves or clears it, DELETE clears it", async () => {
    const auth = await newAccount();
    const group = (await call("POST", "/v1/groups", { auth, body: { name: `g_${crypto.randomUUID().slice(0, 8)}` } }))
      .json.data;
    const created = await call("POST", "/v1/connections", {
      auth,
      body: { group_id: group.id, service: "sample", config: { schema: `s_${crypto.randomUUID().slice(0, 8)}` } },
    });
    expect(created.status).toBe(201);
    const id = created.json.data.id;
    const connector = env.CONNECTOR.get(env.CONNECTOR.idFromName(id));
    // Nowhere to write yet: no alarm, no next run (schedule-arming.test.ts has more of this).
    expect(created.json.data.status.next_sync_at).toBeNull();
    expect(await connector.nextAlarm()).toBeNull();

    // After a run, the next one is an interval after it; the group's new destination arms it.
    await env.DB.prepare("UPDATE connections SET succeeded_at = ? WHERE id = ?")
      .bind(new Date().toISOString(), id)
      .run();
    const destination = await call("POST", "/v1/destinations", {
      auth,
      body: { group_id: group.id, service: "d1", time_zone_offset: "0", config: { database: "WAREHOUSE" } },
    });
    expect(destination.status).toBe(201);
    const every6h = await connector.nextAlarm();
    expect(new Date(every6h as string).getTime()).toBeGreaterThan(Date.now() + 5 * 3_600_000);
    await call("PATCH", `/v1/connections/${id}`, { auth, body: { sync_frequency: 60 } });
    const hourly = await connector.nextAlarm();
    expect(hourly).toMatch(TIMESTAMP);
    expect(new Date(hourly as string).getTime()).toBeLessThan(new Date(every6h as string).getTime());

    await call("PATCH", `/v1/connectors/${id}`, { auth, body: { paused: true } });
    expect(await connector.nextAlarm()).toBeNull();
    await call("PATCH", `/v1/connectors/${id}`, { auth, body: { paused: false } });
    expect(await connector.nextAlarm()).toBe(hourly);
    await call("PATCH", `/v1/connectors/${id}`, { auth, body: { schedule_type: "manual" } });
    expect(await connector.nextAlarm()).toBeNull();
    await call("PATCH", `/v1/connectors/${id}`, { auth, body: { schedule_type: "auto" } });

    expect((await call("DELETE", `/v1/connections/${id}`, { auth })).status).toBe(200);
    expect(await connector.nextAlarm()).toBeNull();
  });
});

describe("tenancy", () => {
  it("answers 404 on every sync, state and runs endpoint for another account's connection, and does nothing", async () => {
    const owner = await newAccount();
    const stranger = await newAccount();
    const source = await sourceSchema();
    const { id } = await postgresConnection(owner, await groupWithDestination(owner), [`${source}.orders`]);
    for (const naming of ["connections", "connectors"]) {
      const base = `/v1/${naming}/${id}`;
      const requests: [string, string, unknown][] = [
        ["GET", base, undefined],
        ["POST", `${base}/sync`, { force: true }],
        ["POST", `${base}/force`, undefined],
        ["POST", `${base}/resync`, undefined],
        ["POST", `${base}/schemas/tables/resync`, { [source]: ["orders"] }],
        ["POST", `${base}/schemas/${source}/tables/orders/resync`, undefined],
        ["GET", `${base}/state`, undefined],
        ["PATCH", `${base}/state`, { state: {} }],
        ["GET", `${base}/runs`, undefined],
      ];
      for (const [method, path, body] of requests) {
        const res = await call(method, path, { auth: stranger, body });
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(res.json).toEqual({
          code: "NotFound_Connection",
          message: `Connection with id '${id}' does not exist.`,
        });
      }
    }
    expect((await runs(owner, id)).items).toEqual([]);
    expect((await call("GET", `/v1/connections/nope_nothing/runs`, { auth: owner })).status).toBe(404);
  });
});

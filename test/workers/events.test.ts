/**
 * Lifecycle events: a real sync (sample → D1) emits `sync_start` and `sync_end` in order on
 * the server-sent event stream, which resumes after `Last-Event-ID`; connection lifecycle
 * steps and schema changes are events too; the list is scoped to the account and filterable;
 * old events are pruned.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Stream } from "../../src/engine/protocol";
import { pruneEvents } from "../../src/events/emit";
import { eventually, openStream, sampleConnection } from "./events-helpers";
import { call, newAccount } from "./helpers";

describe("events", () => {
  it("streams a real sync's events in order, and resumes after Last-Event-ID", async () => {
    const { auth, id, schema, groupId } = await sampleConnection(25);
    const stream = await openStream(auth, `?connection_id=${id}`);
    const sync = await call("POST", `/v1/connections/${id}/sync`, { auth });
    expect(sync.status).toBe(200);
    const start = await stream.next();
    const end = await stream.next();
    await stream.close();
    expect(start).toMatchObject({ event: "sync_start", data: { type: "sync_start", connection_id: id } });
    expect(start.data).toMatchObject({
      group_id: groupId,
      connector_type: "sample",
      connector_name: schema,
      data: { trigger: "manual" },
    });
    expect(end.event).toBe("sync_end");
    expect(end.data.sync_id).toBe(start.data.sync_id);
    expect(end.data.data).toMatchObject({ status: "SUCCESSFUL", stats: { rows_synced: 75 } });
    expect(end.data.data.stats.tables[`${schema}.customers`]).toMatchObject({ rows: 25 });
    expect(Number(end.id)).toBeGreaterThan(Number(start.id));
    expect(start.id).toBe(start.data.id);

    // A reconnect after sync_start gets sync_end first: nothing before it, nothing missed.
    const resumed = await openStream(auth, `?connection_id=${id}`, { "last-event-id": start.id });
    expect(await resumed.next()).toEqual(end);
    await resumed.close();
    // `?after=` does the same.
    const after = await openStream(auth, `?after=${start.id}`);
    expect((await after.next()).id).toBe(end.id);
    await after.close();

    // The list: the connection's whole life so far, oldest first.
    const list = await call("GET", `/v1/events?connection_id=${id}`, { auth });
    expect(list.status).toBe(200);
    expect(list.json.data.items.map((e: { type: string }) => e.type)).toEqual([
      "create_connector",
      "connection_successful",
      "sync_start",
      "sync_end",
    ]);
    expect(list.json.data.items[3]).toEqual(end.data);
  });

  it("emits a failed run's sync_end with the error and the task", async () => {
    const { auth, id } = await sampleConnection(5);
    // The group's destination is removed behind the API's back: the run fails opening it.
    const stream = await openStream(auth, `?connection_id=${id}`);
    await env.DB.prepare(
      "UPDATE destinations SET config = json_set(config, '$.database', 'NOT_A_BINDING') WHERE id = (SELECT group_id FROM connections WHERE id = ?)",
    )
      .bind(id)
      .run();
    expect((await call("POST", `/v1/connections/${id}/sync`, { auth })).status).toBe(200);
    expect((await stream.next()).event).toBe("sync_start");
    const end = await stream.next();
    await stream.close();
    expect(end.event).toBe("sync_end");
    expect(end.data.data.status).toBe("FAILURE_WITH_TASK");
    expect(end.data.data.reason).toEqual(expect.any(String));
    expect(end.data.data.task).toMatchObject({ code: expect.any(String), message: end.data.data.reason });
    expect(end.data.data.error).toMatchObject({ kind: expect.any(String) });
  });

  it("emits connection created, edited, paused, resumed and deleted, scoped to the account", async () => {
    const { auth, id, groupId } = await sampleConnection();
    const other = await newAccount("events other");
    expect((await call("PATCH", `/v1/connections/${id}`, { auth, body: { paused: true } })).status).toBe(200);
    expect((await call("PATCH", `/v1/connections/${id}`, { auth, body: { paused: false } })).status).toBe(200);
    expect((await call("PATCH", `/v1/connections/${id}`, { auth, body: { sync_frequency: 60 } })).status).toBe(200);
    expect((await call("DELETE", `/v1/connections/${id}`, { auth })).status).toBe(200);
    const list = await call("GET", `/v1/events?group_id=${groupId}`, { auth });
    expect(list.json.data.items.map((e: { type: string }) => e.type)).toEqual([
      "create_connector",
      "connection_successful",
      "edit_connector",
      "pause_connector",
      "edit_connector",
      "resume_connector",
      "edit_connector",
      "delete_connector",
    ]);
    expect(list.json.data.items[6].data).toEqual({ fields: ["sync_frequency"] });
    // Another account sees none of them, and may not filter by this account's group.
    expect((await call("GET", "/v1/events", { auth: other })).json.data.items).toEqual([]);
    expect((await call("GET", `/v1/events?group_id=${groupId}`, { auth: other })).status).toBe(404);
    const foreign = await call("GET", `/v1/events/stream?group_id=${groupId}`, {
      auth: other,
      headers: { accept: "text/event-stream" },
    });
    expect(foreign.status).toBe(404);
    // Pages: limit and next_cursor.
    const page = await call("GET", `/v1/events?group_id=${groupId}&limit=5`, { auth });
    expect(page.json.data.items).toHaveLength(5);
    const rest = await call("GET", `/v1/events?group_id=${groupId}&cursor=${page.json.data.next_cursor}`, { auth });
    expect(rest.json.data.items.map((e: { type: string }) => e.type)).toEqual([
      "resume_connector",
      "edit_connector",
      "delete_connector",
    ]);
    expect(rest.json.data.next_cursor).toBeUndefined();
  });

  it("emits force_update_connector, resync_connector and resync_table before their runs, and setup test outcomes", async () => {
    const { auth, id, schema } = await sampleConnection(5);
    const types = async () =>
      (await call("GET", `/v1/events?connection_id=${id}`, { auth })).json.data.items.map(
        (e: { type: string }) => e.type,
      );
    const ended = (n: number) => async () => {
      const seen = await types();
      return seen.filter((t: string) => t === "sync_end").length >= n ? seen : undefined;
    };
    expect((await call("POST", `/v1/connections/${id}/force`, { auth })).status).toBe(200);
    await eventually("the forced run", ended(1));
    expect((await call("POST", `/v1/connections/${id}/resync`, { auth, body: {} })).status).toBe(200);
    await eventually("the re-sync", ended(2));
    const table = await call("POST", `/v1/connections/${id}/schemas/${schema}/tables/customers/resync`, { auth });
    expect(table.status, JSON.stringify(table.json)).toBe(200);
    const all = await eventually("the table re-sync", ended(3));
    expect(all).toEqual([
      "create_connector",
      "connection_successful",
      "force_update_connector",
      "sync_start",
      "sync_end",
      "resync_connector",
      "sync_start",
      "sync_end",
      "resync_table",
      "sync_start",
      "sync_end",
    ]);
    const resyncTable = (await call("GET", `/v1/events?connection_id=${id}&type=resync_table`, { auth })).json.data
      .items[0];
    expect(resyncTable.data).toEqual({ tables: [`${schema}.customers`] });

    // Setup tests that fail: connection_failure with the results.
    const group = (await call("GET", `/v1/connections/${id}`, { auth })).json.data.group_id;
    const broken = await call("POST", "/v1/connections", {
      auth,
      body: {
        group_id: group,
        service: "postgres",
        run_setup_tests: false,
        config: {
          schema_prefix: `ev_${crypto.randomUUID().slice(0, 6)}`,
          host: "127.0.0.1",
          port: 1,
          database: "x",
          user: "x",
        },
      },
    });
    expect(broken.status, JSON.stringify(broken.json)).toBe(201);
    expect((await call("POST", `/v1/connections/${broken.json.data.id}/test`, { auth })).status).toBe(200);
    const failure = (
      await call("GET", `/v1/events?connection_id=${broken.json.data.id}&type=connection_failure`, { auth })
    ).json.data.items;
    expect(failure).toHaveLength(1);
    expect(failure[0].data.setup_state).not.toBe("connected");
    expect(failure[0].data.setup_tests.length).toBeGreaterThan(0);
  });

  it("ends a run a forced sync cancels with a CANCELLED sync_end before the new run starts", async () => {
    const { auth, id } = await sampleConnection(5);
    // A run in progress with no slice on the queue: only the forced sync can end it.
    const stuck = crypto.randomUUID();
    const sync = env.SYNC.get(env.SYNC.idFromName(id));
    expect((await sync.startRun({ runId: stuck, trigger: "manual", expectBy: Date.now() + 60_000 })).started).toBe(
      true,
    );
    expect((await call("POST", `/v1/connections/${id}/force`, { auth })).status).toBe(200);
    const events = await eventually("the forced run's end", async () => {
      const items = (await call("GET", `/v1/events?connection_id=${id}`, { auth })).json.data.items;
      return items.filter((e: { type: string }) => e.type === "sync_end").length >= 2 ? items : undefined;
    });
    const [cancelled, forced, started, ended] = events.slice(2);
    expect(cancelled).toMatchObject({ type: "sync_end", sync_id: stuck, data: { status: "CANCELLED" } });
    expect(forced.type).toBe("force_update_connector");
    expect(started).toMatchObject({ type: "sync_start", data: { trigger: "force" } });
    expect(ended).toMatchObject({ type: "sync_end", sync_id: started.sync_id, data: { status: "SUCCESSFUL" } });
  });

  it("announces each change a later discovery finds as a schema_change event", async () => {
    const { auth, id } = await sampleConnection();
    const connector = env.CONNECTOR.get(env.CONNECTOR.idFromName(id));
    const column = (name: string, type: "int" | "string" | "long") => ({
      name,
      type,
      sourceType: type,
      nullable: true,
    });
    const stream = (name: string, columns: ReturnType<typeof column>[]): Stream =>
      ({ namespace: "app", name, columns, primaryKey: ["id"], cursorCandidates: [] }) as unknown as Stream;
    await connector.recordDiscovery(id, [stream("users", [column("id", "int")])]);
    await connector.recordDiscovery(id, [
      stream("users", [column("id", "long"), column("email", "string")]),
      stream("orders", [column("id", "int")]),
    ]);
    const events = await eventually("schema_change", async () => {
      const res = await call("GET", `/v1/events?connection_id=${id}&type=schema_change`, { auth });
      return res.json.data.items.length >= 3 ? res.json.data.items : undefined;
    });
    expect(
      events.map((e: { data: Record<string, unknown> }) => [e.data.kind, e.data.status, e.data.table, e.data.column]),
    ).toEqual([
      ["add_column", "applied", "users", "email"],
      ["widen", "applied", "users", "id"],
      ["new_table", "applied", "orders", null],
    ]);
    expect(events[1].data).toMatchObject({ old_type: "int", new_type: "long", origin: "reload", run_id: null });
  });

  it("refuses a stream request that does not accept text/event-stream, and bad ids", async () => {
    const auth = await newAccount("events accept");
    const res = await call("GET", "/v1/events/stream", { auth });
    expect(res.status).toBe(406);
    expect(res.json.code).toBe("NotAcceptable");
    const bad = await call("GET", "/v1/events/stream?after=abc", { auth, headers: { accept: "text/event-stream" } });
    expect(bad.status).toBe(400);
    expect((await call("GET", "/v1/events?cursor=nope", { auth })).status).toBe(400);
  });

  it("prunes events older than the retention window", async () => {
    const { auth, id } = await sampleConnection();
    const old = "2000-01-01T00:00:00.000000Z";
    await env.DB.prepare("UPDATE events SET created_at = ? WHERE connection_id = ?").bind(old, id).run();
    const pruned = await pruneEvents(env);
    expect(pruned.events).toBeGreaterThanOrEqual(1);
    expect((await call("GET", `/v1/events?connection_id=${id}`, { auth })).json.data.items).toEqual([]);
  });
});

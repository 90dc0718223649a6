/**
 * Bulk deletes in MAR (src/engine/usage.ts `truncate`): the D1 destination writer on the
 * WAREHOUSE binding, metered into real UsageDOs, one calendar month per step (the meter's clock
 * is set). A completed re-sync's soft delete of the rows it did not see, and a CDC TRUNCATE,
 * add exactly the keys they changed — keys synced in an earlier month included — checked
 * against counts on the destination table; replays add nothing. Then the same through the
 * engine: a sample connection re-synced with fewer rows.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { UsageRecordResult } from "../../src/do/usage-do";
import { D1Writer, d1TableName } from "../../src/engine/destinations/d1/writer";
import type { Row, Stream, SyncMode, TableRef, UpsertBatch } from "../../src/engine/protocol";
import { syncedText } from "../../src/engine/toolkit/pg-values";
import { meteredWriter } from "../../src/engine/usage";
import { call, namespaceOf, newAccountWithId } from "./helpers";

const warehouse = env.WAREHOUSE;
const id = () => crypto.randomUUID().replace(/-/g, "").slice(0, 8);

const keyed: Stream = {
  namespace: "public",
  name: "items",
  columns: [
    { name: "id", type: "long", sourceType: "bigint", nullable: false },
    { name: "name", type: "string", sourceType: "text", nullable: true },
  ],
  primaryKey: ["id"],
  cursorCandidates: [],
};
const keyless: Stream = { ...keyed, name: "lines", primaryKey: [] };

const upsert = (stream: Stream, rows: Row[]): UpsertBatch => ({
  kind: "upsert",
  stream: `public.${stream.name}`,
  rows,
  count: rows.length,
  bytes: rows.length * 16,
});
const range = (from: number, to: number): Row[] =>
  Array.from({ length: to - from + 1 }, (_, i) => [BigInt(from + i), `item ${from + i}`]);

async function fixture(mode: SyncMode = "soft_delete") {
  const connectionId = `hmcp_bulk_${id()}`;
  const schema = `hmcp_bulk_${id()}`;
  const accountId: string = (await call("GET", "/v1/account/info")).json.data.account_id;
  const owner = { accountId, groupId: "hmcp_group", connectionId };
  const usage = (month: string) => env.USAGE.get(env.USAGE.idFromName(`${connectionId}/${month}`));
  const recorded: UsageRecordResult[] = [];
  /** A slice's metered writer in `month`, for run `runId`. */
  const slice = async (month: string, runId: string, paid: boolean) => {
    const inner = await D1Writer.open(warehouse);
    // History mode needs a primary key: the keyless table stays soft_delete.
    await inner.migrate(schema, [keyed, keyless], [mode, "soft_delete"]);
    return meteredWriter(
      inner,
      async (day, tables) => {
        recorded.push(await usage(month).record({ owner, day, runId, paid, tables }));
      },
      () => new Date(`${month}-10T12:00:00Z`),
    );
  };
  const ref = (stream: Stream): TableRef => ({
    schema,
    stream,
    mode: stream.primaryKey.length > 0 ? mode : "soft_delete",
  });
  const table = (stream: Stream) => `"${d1TableName(schema, stream.name)}"`;
  const count = async (stream: Stream, where = "1 = 1", ...binds: unknown[]) =>
    (
      await warehouse
        .prepare(`SELECT count(*) AS n FROM ${table(stream)} WHERE ${where}`)
        .bind(...binds)
        .first<{ n: number }>()
    )?.n ?? -1;
  const mar = async (month: string, stream: Stream) =>
    (await usage(month).totals()).find((t) => t.table === stream.name);
  return { slice, ref, count, mar, recorded };
}

describe("bulk deletes in MAR", () => {
  it("a completed re-sync's soft delete of N rows adds those N keys, synced in an earlier month too; a replay adds nothing", async () => {
    const { slice, ref, count, mar, recorded } = await fixture();
    const T1 = new Date("2031-03-10T12:00:00.000Z");
    const T2 = new Date("2031-04-10T12:00:00.000Z");

    // March: the historical sync writes 50 rows.
    const march = await slice("2031-03", "r1", false);
    await march.write(ref(keyed), upsert(keyed, range(1, 50)), T1);
    await march.write(ref(keyless), upsert(keyless, range(1, 12)), T1);
    await march.flush();
    expect(await mar("2031-03", keyed)).toMatchObject({ mar: 50, free: 50, paid: 0 });

    // April: a re-sync sees 30 of them; its end soft-deletes the 20 it did not see.
    const april = await slice("2031-04", "r2", true);
    await april.write(ref(keyed), upsert(keyed, range(1, 30)), T2);
    await april.write(ref(keyless), upsert(keyless, range(1, 5)), T2);
    await april.flush();
    expect(await mar("2031-04", keyed)).toMatchObject({ mar: 30 });
    await april.truncate(ref(keyed), T2, { syncedAt: T2 });
    await april.truncate(ref(keyless), T2, { syncedAt: T2 });
    await april.flush();
    const deleted = await count(keyed, "_fivetran_deleted = 1");
    expect(deleted).toBe(20);
    const seen = await count(keyed, "_fivetran_synced >= ?", syncedText(T2));
    expect(seen).toBe(30);
    // By hand: April's active rows are those the re-sync wrote plus those its end deleted.
    expect(await mar("2031-04", keyed)).toEqual({
      schema: ref(keyed).schema,
      table: "items",
      mar: seen + deleted,
      free: 0,
      paid: seen + deleted,
    });
    // A keyless table: its key is every value, read back from the destination alike.
    expect(await count(keyless, "_fivetran_deleted = 1")).toBe(7);
    expect((await mar("2031-04", keyless))?.mar).toBe(5 + 7);

    // The slice replayed from its checkpoint: the same writes and the same truncate count nothing.
    const replay = await slice("2031-04", "r2", true);
    recorded.length = 0;
    await replay.write(ref(keyed), upsert(keyed, range(1, 30)), T2);
    await replay.truncate(ref(keyed), T2, { syncedAt: T2 });
    await replay.flush();
    expect(
      recorded.reduce((n, r) => n + r.newKeys + r.rowsCounted, 0),
      JSON.stringify(recorded),
    ).toBe(0);
    expect((await mar("2031-04", keyed))?.mar).toBe(50);
  });

  it("a CDC TRUNCATE adds the keys of the rows it deleted (not those deleted before); keys a run also wrote count once", async () => {
    const { slice, ref, count, mar } = await fixture();
    const T1 = new Date("2031-05-10T12:00:00.000Z");
    const may = await slice("2031-05", "r1", false);
    await may.write(ref(keyed), upsert(keyed, range(1, 40)), T1);
    await may.delete(ref(keyed), [[1n], [2n], [3n]], { syncedAt: T1 });
    await may.flush();

    // June: the source truncates the table; 37 rows are live before it.
    const T2 = new Date("2031-06-10T12:00:00.000Z");
    const live = await count(keyed, "_fivetran_deleted = 0");
    expect(live).toBe(37);
    const june = await slice("2031-06", "r2", true);
    await june.truncate(ref(keyed), undefined, { syncedAt: T2 });
    await june.flush();
    expect(await count(keyed, "_fivetran_deleted = 0")).toBe(0);
    expect(await mar("2031-06", keyed)).toMatchObject({ mar: live, paid: live });
    // Replayed: nothing is left for it to delete, nothing more counts.
    const replay = await slice("2031-06", "r2", true);
    await replay.truncate(ref(keyed), undefined, { syncedAt: T2 });
    await replay.flush();
    expect((await mar("2031-06", keyed))?.mar).toBe(live);

    // July: a run re-inserts 10 keys (as the source types them, bigint) and the source then
    // truncates: the 10 keys the destination reads back (numbers) are the same 10 keys.
    const T3 = new Date("2031-07-10T12:00:00.000Z");
    const july = await slice("2031-07", "r3", true);
    await july.write(ref(keyed), upsert(keyed, range(11, 20)), T3);
    await july.truncate(ref(keyed), undefined, { syncedAt: T3 });
    await july.flush();
    expect(await count(keyed, "_fivetran_deleted = 1")).toBe(40);
    expect((await mar("2031-07", keyed))?.mar).toBe(10);
  });

  it("live mode: a truncate removes the rows, and their keys count; history mode: the active versions it closes", async () => {
    for (const mode of ["live", "history"] as const) {
      const { slice, ref, count, mar } = await fixture(mode);
      const T1 = new Date("2031-08-10T12:00:00.000Z");
      const august = await slice("2031-08", "r1", false);
      await august.write(ref(keyed), upsert(keyed, range(1, 25)), T1);
      await august.flush();
      const before = await count(keyed, mode === "history" ? "_fivetran_active = 1" : "1 = 1");
      expect(before).toBe(25);
      const T2 = new Date("2031-09-10T12:00:00.000Z");
      const september = await slice("2031-09", "r2", true);
      await september.write(ref(keyed), upsert(keyed, range(1, 5)), T2);
      await september.truncate(ref(keyed), T2, { syncedAt: T2 });
      await september.flush();
      const left = await count(keyed, mode === "history" ? "_fivetran_active = 1" : "1 = 1");
      expect(left, mode).toBe(5);
      expect((await mar("2031-09", keyed))?.mar, mode).toBe(5 + (before - left));
    }
  });

  it("through the engine: a re-sync that no longer sees 15 of 40 rows makes those 15 keys paid MAR too", async () => {
    const { auth, accountId } = await newAccountWithId("hmcp bulk");
    const namespace = await namespaceOf(accountId, "WAREHOUSE");
    const schema = `hmcp_resync_${id()}`;
    const group = await call("POST", "/v1/groups", { auth, body: { name: `hmcp_bulk_${id()}` } });
    const groupId: string = group.json.data.id;
    const destination = await call("POST", "/v1/destinations", {
      auth,
      body: { group_id: groupId, service: "d1", time_zone_offset: "0", config: { database: "WAREHOUSE" } },
    });
    expect(destination.status, JSON.stringify(destination.json)).toBe(201);
    const created = await call("POST", "/v1/connections", {
      auth,
      body: { group_id: groupId, service: "sample", schedule_type: "manual", config: { schema, scale: 40, seed: 3 } },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const connectionId: string = created.json.data.id;
    const waitForRun = async (runs: number) => {
      for (let attempt = 0; attempt < 200; attempt++) {
        const data = (await call("GET", `/v1/connections/${connectionId}/runs`, { auth })).json.data;
        if (data.items.length >= runs && data.items[0].status !== "running") {
          expect(data.items[0].status, JSON.stringify(data.items[0])).toBe("succeeded");
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      throw new Error("the run did not end");
    };
    expect((await call("POST", `/v1/connections/${connectionId}/sync`, { auth })).status).toBe(200);
    await waitForRun(1);
    // The historical sync: 40 keys a table, free.
    const patched = await call("PATCH", `/v1/connections/${connectionId}`, { auth, body: { config: { scale: 25 } } });
    expect(patched.status, JSON.stringify(patched.json)).toBe(200);
    const resync = await call("POST", `/v1/connections/${connectionId}/resync`, { auth, body: {} });
    expect(resync.status, JSON.stringify(resync.json)).toBe(200);
    await waitForRun(2);

    const mar = await call("GET", `/v1/usage/mar?connection_id=${connectionId}`, { auth });
    expect(mar.status).toBe(200);
    const customers = mar.json.data.items.find((i: { table: string }) => i.table === "customers");
    const table = `"${namespace}__${schema}__customers"`;
    const n = async (where: string) =>
      (await warehouse.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).first<{ n: number }>())?.n;
    expect(await n("_fivetran_deleted = 1")).toBe(15);
    // By hand: every row is active this month; the re-sync (a billed run) wrote 25 and deleted 15.
    expect(customers).toMatchObject({ mar: await n("1 = 1"), paid_mar: 25 + 15, free_mar: 0 });
  });
});

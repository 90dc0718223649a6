/**
 * Bulk deletes in MAR (src/engine/usage.ts `truncate`): the D1 destination writer on the
 * WAREHOUSE binding, metered into real UsageDOs, one calendar month per step (the meter's clock
 * is set). A completed re-sync's soft delete of the rows it did not see, and a CDC TRUNCATE,
 * add exactly the keys they changed — keys synced in an earlier month included — checked
 * against counts on the destination table; replays add nothing. Then the same through the
 * engine: a sample connection re-synced with fewer rows. Last, the re-sync on Snowflake and
 * BigQuery (their API fakes, counted in the fakes' tables) and R2 (counted by DuckDB's
 * reconstruct query over the files).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { UsageRecordResult } from "../../src/do/usage-do";
import { openBigQueryWriter } from "../../src/engine/destinations/big-query/writer";
import { D1Writer, d1TableName } from "../../src/engine/destinations/d1/writer";
import { bindingLake } from "../../src/engine/destinations/r2/index";
import { R2Writer } from "../../src/engine/destinations/r2/writer";
import { openSnowflakeWriter } from "../../src/engine/destinations/snowflake/writer";
import type { DestinationWriter, Row, Stream, SyncMode, TableRef, UpsertBatch } from "../../src/engine/protocol";
import { syncedText } from "../../src/engine/toolkit/pg-values";
import { meteredWriter } from "../../src/engine/usage";
import { bigQueryFake } from "../fakes/bigquery";
import { snowflakeFake } from "../fakes/snowflake";
import type { FakeTable } from "../fakes/warehouse-sql";
import { snowflakeKeys } from "./conformance/fixtures/snowflake";
import { contextFor, SF_DEST_HOST, snowflakeWriterConfig } from "./conformance/fixtures/snowflake-destination";
import { call, namespaceOf, newAccountWithId } from "./helpers";
import { readLake } from "./r2-lake";

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

/** The other destinations that list a bulk delete's keys: a writer per slice, and a hand count of the table. */
interface Lister {
  name: string;
  open(): Promise<DestinationWriter>;
  /** Rows of the table marked deleted, and rows synced at `at` (live ones), counted on the destination. */
  count(schema: string, stream: Stream, at: Date): Promise<{ deleted: number; seen: number }>;
}

/** The rows of a fake warehouse table by the writer's names, deleted and synced at `at`. */
function warehouseCount(table: FakeTable | undefined, at: Date) {
  if (!table) throw new Error("no such table");
  const index = (name: string) => table.columns.findIndex((c) => c.name.toLowerCase() === name);
  const [deleted, synced] = [index("_fivetran_deleted"), index("_fivetran_synced")];
  return {
    deleted: table.rows.filter((r) => r[deleted] === true).length,
    seen: table.rows.filter((r) => r[deleted] === false && Date.parse(String(r[synced])) === at.getTime()).length,
  };
}

const sfAccount = snowflakeKeys().then(({ privateKey, publicKey }) => ({
  privateKey,
  fake: snowflakeFake({
    account: "AB12345",
    host: SF_DEST_HOST,
    users: [{ name: "LOADER", publicKeyPem: publicKey, defaultRole: "LOADER_ROLE", defaultWarehouse: "LOADING_WH" }],
    databases: ["ANALYTICS"],
    warehouses: ["LOADING_WH"],
  }),
}));
const BQ = { project: "bulk-deletes", email: "loader@bulk-deletes.iam.gserviceaccount.com" };
const bqAccount = snowflakeKeys().then(({ privateKey, publicKey }) => ({
  key: { client_email: BQ.email, private_key: privateKey },
  fake: bigQueryFake({
    serviceAccounts: [{ client_email: BQ.email, publicKeyPem: publicKey, projects: [BQ.project] }],
    datasets: {},
  }),
}));
const lake = (env as unknown as { DATA_LAKE: R2Bucket }).DATA_LAKE;
const LAKE_PREFIX = "bulk-deletes";

const LISTERS: Lister[] = [
  {
    name: "Snowflake",
    async open() {
      const { fake, privateKey } = await sfAccount;
      return openSnowflakeWriter(snowflakeWriterConfig(privateKey), contextFor(fake.fetch));
    },
    async count(schema, stream, at) {
      const { fake } = await sfAccount;
      return warehouseCount(fake.warehouse("ANALYTICS").table(schema.toUpperCase(), stream.name.toUpperCase()), at);
    },
  },
  {
    name: "BigQuery",
    async open() {
      const { fake, key } = await bqAccount;
      return openBigQueryWriter({ project_id: BQ.project }, key, contextFor(fake.fetch));
    },
    async count(schema, stream, at) {
      const { fake } = await bqAccount;
      return warehouseCount(fake.warehouse(BQ.project).table(schema, stream.name), at);
    },
  },
  {
    name: "R2",
    open: async () => new R2Writer(bindingLake(lake, "DATA_LAKE"), { format: "parquet", prefix: LAKE_PREFIX }),
    async count(schema, stream, at) {
      // Every key's latest row, as the README's reconstruct query (DuckDB) has it.
      const { stored } = await readLake(lake, `${LAKE_PREFIX}/${schema}/${stream.name}`, stream, "all");
      return {
        deleted: stored.filter((r) => r.deleted).length,
        seen: stored.filter((r) => !r.deleted && r.synced === at.getTime()).length,
      };
    },
  },
];

describe("bulk deletes in MAR on the warehouses and R2", () => {
  for (const lister of LISTERS) {
    it(`${lister.name}: a re-sync that no longer sees N rows adds those N keys as paid MAR, as counted on the destination; a replay adds nothing`, async () => {
      const connectionId = `hmcp_bulk_${id()}`;
      const schema = `hmcp_bulk_${id()}`;
      const accountId: string = (await call("GET", "/v1/account/info")).json.data.account_id;
      const owner = { accountId, groupId: "hmcp_group", connectionId };
      const usage = (month: string) => env.USAGE.get(env.USAGE.idFromName(`${connectionId}/${month}`));
      const recorded: UsageRecordResult[] = [];
      const slice = async (month: string, runId: string, paid: boolean) => {
        const inner = await lister.open();
        await inner.migrate(schema, [keyed, keyless]);
        return meteredWriter(
          inner,
          async (day, tables) => {
            recorded.push(await usage(month).record({ owner, day, runId, paid, tables }));
          },
          () => new Date(`${month}-10T12:00:00Z`),
        );
      };
      const ref = (stream: Stream): TableRef => ({ schema, stream });
      const mar = async (month: string, stream: Stream) =>
        (await usage(month).totals()).find((t) => t.table === stream.name);
      const T1 = new Date("2031-10-10T12:00:00.000Z");
      const T2 = new Date("2031-11-10T12:00:00.000Z");

      // October: the historical sync, 50 keyed rows and 12 keyless ones (free).
      const october = await slice("2031-10", "r1", false);
      await october.write(ref(keyed), upsert(keyed, range(1, 50)), T1);
      await october.write(ref(keyless), upsert(keyless, range(1, 12)), T1);
      await october.flush();
      await october.close();
      expect(await mar("2031-10", keyed)).toMatchObject({ mar: 50, free: 50, paid: 0 });

      // November: a re-sync sees 30 (and 5); its end deletes the rows it did not see.
      const november = await slice("2031-11", "r2", true);
      await november.write(ref(keyed), upsert(keyed, range(1, 30)), T2);
      await november.write(ref(keyless), upsert(keyless, range(1, 5)), T2);
      await november.truncate(ref(keyed), T2, { syncedAt: T2 });
      await november.truncate(ref(keyless), T2, { syncedAt: T2 });
      await november.flush();
      await november.close();
      const counted = await lister.count(schema, keyed, T2);
      expect(counted).toEqual({ deleted: 20, seen: 30 });
      // By hand: November's active keys are those the re-sync wrote plus those its end deleted, all paid.
      expect(await mar("2031-11", keyed)).toEqual({
        schema,
        table: "items",
        mar: counted.seen + counted.deleted,
        free: 0,
        paid: counted.seen + counted.deleted,
      });
      // A keyless table's key is every value, read back from the destination alike.
      const lines = await lister.count(schema, keyless, T2);
      expect(lines.deleted).toBe(7);
      expect((await mar("2031-11", keyless))?.mar).toBe(lines.seen + lines.deleted);

      // The slice replayed: the same writes and the same truncate count nothing more.
      recorded.length = 0;
      const replay = await slice("2031-11", "r2", true);
      await replay.write(ref(keyed), upsert(keyed, range(1, 30)), T2);
      await replay.truncate(ref(keyed), T2, { syncedAt: T2 });
      await replay.flush();
      await replay.close();
      expect(
        recorded.reduce((n, r) => n + r.newKeys + r.rowsCounted, 0),
        JSON.stringify(recorded),
      ).toBe(0);
      expect((await mar("2031-11", keyed))?.mar).toBe(50);
    });
  }
});

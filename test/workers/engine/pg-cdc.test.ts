/**
 * PostgreSQL change capture (update_method WAL) against the local server: the slot and the
 * publication are created on the first run, the snapshot is exact against the slot even while
 * writers change rows between its pages, and inserts, updates, deletes and truncates reach the
 * destination in commit order, a crash between the commit and the slot's advance included.
 */
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { configureStreams } from "../../../src/engine/jobs";
import { CHANGE_LOG_STATE, type Row, type StreamState, type UpsertBatch } from "../../../src/engine/protocol";
import { runnerState } from "../../../src/engine/runner";
import { type PostgresSourceConfig, postgresSource } from "../../../src/engine/sources/postgres/index";
import { postgresReader } from "../../../src/engine/sources/postgres/reader";
import { Crash, MemoryDestination, type WriterHooks } from "../conformance/suite";
import { PG, resetDatabase, runToCompletion, sql, testContext } from "./harness";

const DB = "b_cdc_engine";
const SLOT = "b_cdc_engine_slot";
const PUB = "b_cdc_engine_pub";
const config = {
  ...PG,
  database: DB,
  schema_prefix: "cdc",
  update_method: "WAL",
  replication_slot: SLOT,
  publication_name: PUB,
  connection_type: "Directly",
  require_tls: false,
} as PostgresSourceConfig;

const OPTIONS = { mode: "incremental" as const, cursor: undefined, lookbackMs: 0, retries: 0, backoff: undefined };

async function dropSlot() {
  await sql("postgres", "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1", [
    SLOT,
  ]);
}

async function streams() {
  const discovered = await postgresReader.discover(config, testContext());
  return configureStreams(discovered.streams, OPTIONS, postgresReader.changeLog?.enabled(config));
}

/** The source's rows of `table` as the memory destination holds them (id bigint, name text). */
async function sourceRows(table: string): Promise<Row[]> {
  const { rows } = await sql(DB, `SELECT id::text AS k, name FROM ${table} ORDER BY ${table}.id`);
  return rows.map((r) => [BigInt(r.k as string), r.name as string]);
}

async function confirmed(): Promise<string | null> {
  const { rows } = await sql(
    "postgres",
    "SELECT confirmed_flush_lsn::text AS l FROM pg_replication_slots WHERE slot_name = $1",
    [SLOT],
  );
  return (rows[0]?.l as string | undefined) ?? null;
}

/** A stream's source state as the runner committed it. */
const sourceOf = (state: Record<string, StreamState>, key: string): StreamState =>
  runnerState(state[key])?.source ?? {};

const lsn = (text: string) => {
  const [hi, lo] = text.split("/");
  return (BigInt(`0x${hi}`) << 32n) | BigInt(`0x${lo}`);
};

function run(
  destination: MemoryDestination,
  state: Record<string, StreamState>,
  runId: string,
  extra: { hooks?: WriterHooks; afterCommit?: (count: number, stream: string) => void; pageBytes?: number } = {},
) {
  return streams().then((configured) =>
    runToCompletion({
      reader: postgresReader,
      config,
      openWriter: async () => destination.writer(extra.hooks),
      schema: "unused",
      schemaOf: (stream) => stream.namespace,
      streams: configured,
      state,
      runId,
      pageBytes: extra.pageBytes ?? 4096,
      afterCommit: extra.afterCommit,
    }),
  );
}

beforeEach(async () => {
  await dropSlot();
  await resetDatabase(DB);
  await sql(DB, "CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL)");
  await sql(DB, "INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 600) g");
  await sql(DB, "CREATE TABLE notes (id bigint PRIMARY KEY, name text NOT NULL)");
  await sql(DB, "INSERT INTO notes SELECT g, 'note ' || g FROM generate_series(1, 50) g");
});

afterAll(async () => {
  await dropSlot();
});

describe("postgres change capture", () => {
  it("the setup tests create the publication and the pgoutput slot, then find them", async () => {
    await sql(DB, `DROP PUBLICATION IF EXISTS ${PUB}`);
    const first = await postgresSource.check(config, testContext());
    expect(first.map((t) => [t.title, t.status, t.message])).toEqual(
      expect.arrayContaining([
        ["Checking wal_level", "PASSED", "wal_level is logical"],
        ["Checking publication", "PASSED", `Publication '${PUB}' created`],
        ["Checking replication slot", "PASSED", `Slot '${SLOT}' created (pgoutput)`],
      ]),
    );
    const second = await postgresSource.check(config, testContext());
    expect(second.filter((t) => t.status !== "PASSED")).toEqual([]);
    expect(second.find((t) => t.title === "Checking replication slot")?.message).toBe(
      `Slot '${SLOT}' exists (pgoutput)`,
    );
    await dropSlot();
    await sql("postgres", "SELECT pg_create_logical_replication_slot($1, 'test_decoding')", [SLOT]);
    const wrong = await postgresSource.check(config, testContext());
    expect(wrong.find((t) => t.title === "Checking replication slot")).toMatchObject({ status: "FAILED" });
    expect(wrong.find((t) => t.title === "Checking replication slot")?.message).toMatch(/must use pgoutput/);
  });

  it("creates the publication and slot, snapshots, then applies inserts, updates, deletes and a truncate in order", async () => {
    const configured = await streams();
    expect(configured.map((c) => c.mode)).toEqual(["changes", "changes"]);
    const destination = new MemoryDestination();
    const state: Record<string, StreamState> = {};
    await run(destination, state, "r1");
    expect((await sql(DB, "SELECT 1 FROM pg_publication WHERE pubname = $1", [PUB])).rowCount).toBe(1);
    expect(await confirmed()).not.toBeNull();
    expect(destination.rows("public.items")).toEqual(await sourceRows("items"));
    expect(runnerState(state["public.items"])?.changes).toBe(true);

    await sql(DB, "UPDATE items SET name = name || ' v2' WHERE id % 10 = 0");
    await sql(DB, "INSERT INTO items SELECT g, 'new ' || g FROM generate_series(601, 650) g");
    await sql(DB, "DELETE FROM items WHERE id % 7 = 0");
    // One transaction touching a row twice and changing a key: the later change wins.
    await sql(
      DB,
      "BEGIN; UPDATE items SET name = 'twice 1' WHERE id = 1; UPDATE items SET name = 'twice 2' WHERE id = 1; UPDATE items SET id = 10001 WHERE id = 2; COMMIT",
    );
    await sql(DB, "TRUNCATE notes");
    await sql(DB, "INSERT INTO notes VALUES (500, 'after the truncate')");
    const before = await confirmed();
    const second = await run(destination, state, "r2");
    expect(destination.rows("public.items")).toEqual(await sourceRows("items"));
    expect(destination.rows("public.notes")).toEqual([[500n, "after the truncate"]]);
    // Only what changed was written: 60 updates, 50 inserts, the transaction's two rows, one note.
    expect(second.stats["public.items"]?.rows).toBe(60 + 50 + 2);
    expect(second.stats["public.notes"]?.rows).toBe(1);
    const after = await confirmed();
    expect(lsn(after as string)).toBeGreaterThan(lsn(before as string));
    expect((sourceOf(state, CHANGE_LOG_STATE) as { lsn: string }).lsn).toBe(after);

    // Nothing new: a run writes nothing.
    const third = await run(destination, state, "r3");
    expect(third.stats["public.items"]?.rows ?? 0).toBe(0);
  }, 60_000);

  it("writers changing rows during a multi-page snapshot: exact parity, every change applied once", async () => {
    const destination = new MemoryDestination();
    const state: Record<string, StreamState> = {};
    let pages = 0;
    /** Every (key, name) the destination was handed: a change applied twice shows up twice. */
    const applied: string[] = [];
    const hooks: WriterHooks = {
      async beforeWrite(table, batch: UpsertBatch) {
        if (table !== "public.items") return;
        for (const row of batch.rows) applied.push(`${row[0]}:${row[1]}`);
        pages++;
        // Between pages: rows already read, rows not yet read, inserts and deletes on both sides.
        if (pages === 2 || pages === 5) {
          const tag = `during ${pages}`;
          await sql(DB, `UPDATE items SET name = '${tag} ' || id WHERE id IN (3, 4, 300, 301, 590)`);
          await sql(DB, `INSERT INTO items VALUES (${1000 + pages}, '${tag} insert')`);
          await sql(DB, `DELETE FROM items WHERE id IN (${10 + pages}, ${400 + pages})`);
          await sql(DB, `BEGIN; UPDATE items SET name = '${tag} late' WHERE id = 500; COMMIT`);
        }
      },
    };
    // ~50 rows a page: 12 pages, so the changes land on both sides of the pages being read.
    await run(destination, state, "r1", { hooks, pageBytes: 1024 });
    expect(pages).toBeGreaterThan(10);
    expect(destination.rows("public.items")).toEqual(await sourceRows("items"));
    // A row the snapshot read after a change was not sent again by the log, and vice versa.
    const counts = new Map<string, number>();
    for (const entry of applied) counts.set(entry, (counts.get(entry) ?? 0) + 1);
    const twice = [...counts].filter(([, n]) => n > 1).map(([entry]) => entry);
    expect(twice).toEqual([]);
    // The snapshot's filter is dropped once the log's position passed every page.
    await sql(DB, "UPDATE items SET name = 'after the snapshot' WHERE id = 3");
    await run(destination, state, "r2");
    expect(destination.rows("public.items")).toEqual(await sourceRows("items"));
    expect((sourceOf(state, "public.items") as { filter?: unknown }).filter).toBeUndefined();
  }, 60_000);

  it("a crash after the log state's commit and before the slot's advance replays without loss or duplicates", async () => {
    const destination = new MemoryDestination();
    const state: Record<string, StreamState> = {};
    await run(destination, state, "r1");
    for (let i = 0; i < 20; i++) {
      await sql(DB, `UPDATE items SET name = 'round ${i} ' || id WHERE id % 20 = ${i}`);
    }
    await sql(DB, "DELETE FROM items WHERE id > 590");
    const before = await confirmed();
    let crashed = false;
    await expect(
      run(destination, state, "r2", {
        pageBytes: 8 * 1024,
        afterCommit: (_count, stream) => {
          if (stream === CHANGE_LOG_STATE && !crashed) {
            crashed = true;
            throw new Crash("after the log state's commit, before acknowledge");
          }
        },
      }),
    ).rejects.toThrow(Crash);
    // Committed but not acknowledged: the slot still holds those changes.
    expect(await confirmed()).toBe(before);
    const committedLsn = (sourceOf(state, CHANGE_LOG_STATE) as { lsn: string }).lsn;
    expect(lsn(committedLsn)).toBeGreaterThan(lsn(before as string));
    const writes = destination.writes;
    await run(destination, state, "r3", { pageBytes: 8 * 1024 });
    expect(destination.rows("public.items")).toEqual(await sourceRows("items"));
    expect(destination.writes).toBeGreaterThan(writes);
    expect(lsn((await confirmed()) as string)).toBeGreaterThan(lsn(committedLsn) - 1n);
  }, 60_000);

  it("unchanged TOASTed values are marked, not sent as NULL", async () => {
    await sql(DB, "CREATE TABLE docs (id bigint PRIMARY KEY, title text, body text)");
    // Incompressible text longer than the TOAST threshold is stored out of line.
    await sql(
      DB,
      "INSERT INTO docs SELECT g, 'doc ' || g, (SELECT string_agg(md5(random()::text || i), '') FROM generate_series(1, 200) i) FROM generate_series(1, 3) g",
    );
    const destination = new MemoryDestination();
    const state: Record<string, StreamState> = {};
    await run(destination, state, "r1");
    await sql(DB, "UPDATE docs SET title = 'renamed' WHERE id = 2");
    const configured = (await streams()).filter((c) => c.stream.name === "docs");
    const session = await postgresReader.open(config, testContext());
    try {
      const messages = [];
      const ctx = {
        ...testContext(),
        signal: new AbortController().signal,
        pageBytes: 1 << 20,
        runStartedAt: new Date(),
      };
      const log = runnerState(state[CHANGE_LOG_STATE])?.source as StreamState;
      for await (const message of session.changes?.(
        configured.map((c) => ({ configured: c, state: runnerState(state["public.docs"])?.source })),
        log,
        ctx,
      ) ?? []) {
        messages.push(message);
      }
      const upserts = messages.filter((m): m is UpsertBatch => m.kind === "upsert");
      expect(upserts).toHaveLength(1);
      expect(upserts[0]?.rows).toEqual([[2n, "renamed", null]]);
      expect(upserts[0]?.unchanged).toEqual([[2]]);
      expect(upserts[0]?.changedAt?.[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    } finally {
      await session.close();
    }
  }, 60_000);

  it("a table added to the publication is snapshotted, then streamed", async () => {
    const destination = new MemoryDestination();
    const state: Record<string, StreamState> = {};
    await run(destination, state, "r1");
    await sql(DB, "CREATE TABLE later (id bigint PRIMARY KEY, name text NOT NULL)");
    await sql(DB, "INSERT INTO later SELECT g, 'later ' || g FROM generate_series(1, 40) g");
    await sql(DB, "UPDATE items SET name = 'moved on' WHERE id = 5");
    await run(destination, state, "r2");
    expect(destination.rows("public.later")).toEqual(await sourceRows("later"));
    expect(destination.rows("public.items")).toEqual(await sourceRows("items"));
    await sql(DB, "UPDATE later SET name = 'streamed' WHERE id <= 3");
    await sql(DB, "DELETE FROM later WHERE id > 35");
    const third = await run(destination, state, "r3");
    expect(third.stats["public.later"]?.rows).toBe(3);
    expect(destination.rows("public.later")).toEqual(await sourceRows("later"));
  }, 60_000);

  it("a missing slot is a warning; the next run recreates it and re-syncs every table", async () => {
    const destination = new MemoryDestination();
    const state: Record<string, StreamState> = {};
    await run(destination, state, "r1");
    const health = await postgresReader.changeLog?.health?.(
      config,
      runnerState(state[CHANGE_LOG_STATE])?.source,
      testContext(),
    );
    expect(health).toEqual([]);
    await dropSlot();
    await sql(DB, "UPDATE items SET name = 'lost with the slot' WHERE id = 9");
    const missing = await postgresReader.changeLog?.health?.(
      config,
      runnerState(state[CHANGE_LOG_STATE])?.source,
      testContext(),
    );
    expect(missing?.map((w) => w.code)).toEqual(["replication_slot_missing"]);
    const again = await run(destination, state, "r2");
    expect(again.warnings.map((w) => w.code)).toContain("replication_slot_missing");
    expect(again.stats["public.items"]?.rows).toBe(600);
    expect(destination.rows("public.items")).toEqual(await sourceRows("items"));
  }, 60_000);
});

/**
 * MySQL / MariaDB change capture (update_method BINLOG) through the runner, against the local
 * MariaDB: the first run records the binlog position and snapshots; later runs apply inserts,
 * updates, deletes, key changes and a truncate from the binlog with exact parity, a crash
 * between the destination's commit and the next run included, and writers changing rows during
 * the snapshot apply once.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { PostgresWriter } from "../../../src/engine/destinations/postgres/writer";
import { configureStreams } from "../../../src/engine/jobs";
import { CHANGE_LOG_STATE, type Row, type StreamState, type UpsertBatch } from "../../../src/engine/protocol";
import { runnerState } from "../../../src/engine/runner";
import { mysqlReader } from "../../../src/engine/sources/mysql/reader";
import { mysqlRun, mysqlSourceConfig, resetMysqlDatabase } from "../conformance/fixtures/mysql";
import { Crash, MemoryDestination, type WriterHooks } from "../conformance/suite";
import { PG, resetDatabase, runToCompletion, sql, TEST_EGRESS, testContext } from "./harness";

const DB = "c_cdc_engine";
const config = mysqlSourceConfig(DB, { update_method: "BINLOG" });
const OPTIONS = { mode: "incremental" as const, cursor: undefined, lookbackMs: 0, retries: 0, backoff: undefined };

async function streams() {
  const discovered = await mysqlReader.discover(config, testContext());
  return configureStreams(discovered.streams, OPTIONS, mysqlReader.changeLog?.enabled(config));
}

/** The source's rows of `table` as the memory destination holds them (id bigint, name varchar). */
async function sourceRows(table: string): Promise<Row[]> {
  const [rows] = (await mysqlRun([`SELECT id, name FROM ${DB}.${table} ORDER BY id`])) as [
    { id: number | string; name: string }[],
  ];
  return rows.map((r) => [BigInt(r.id), r.name]);
}

function run(
  destination: MemoryDestination,
  state: Record<string, StreamState>,
  runId: string,
  extra: { hooks?: WriterHooks; afterCommit?: (count: number, stream: string) => void; pageBytes?: number } = {},
) {
  return streams().then((configured) =>
    runToCompletion({
      reader: mysqlReader,
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
  await resetMysqlDatabase(DB);
  await mysqlRun([
    `CREATE TABLE ${DB}.items (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL)`,
    `INSERT INTO ${DB}.items SELECT seq, CONCAT('item ', seq) FROM ${DB}.seq_1_to_600`,
    `CREATE TABLE ${DB}.notes (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL)`,
    `INSERT INTO ${DB}.notes SELECT seq, CONCAT('note ', seq) FROM ${DB}.seq_1_to_50`,
  ]);
});

describe("mysql change capture (binlog)", () => {
  it("snapshots, then applies inserts, updates, deletes, a key change and a truncate in order", async () => {
    const configured = await streams();
    expect(configured.map((c) => c.mode)).toEqual(["changes", "changes"]);
    const destination = new MemoryDestination();
    const state: Record<string, StreamState> = {};
    await run(destination, state, "r1");
    expect(destination.rows(`${DB}.items`)).toEqual(await sourceRows("items"));
    expect(runnerState(state[`${DB}.items`])?.changes).toBe(true);
    const start = runnerState(state[CHANGE_LOG_STATE])?.source as { file: string; pos: number };
    expect(start).toMatchObject({ v: 1, file: expect.any(String), pos: expect.any(Number) });

    await mysqlRun([
      `UPDATE ${DB}.items SET name = CONCAT(name, ' v2') WHERE id % 10 = 0`,
      `INSERT INTO ${DB}.items SELECT seq, CONCAT('new ', seq) FROM ${DB}.seq_601_to_650`,
      `DELETE FROM ${DB}.items WHERE id % 7 = 0`,
      // One transaction touching a row twice and changing a key: the later change wins.
      "START TRANSACTION",
      `UPDATE ${DB}.items SET name = 'twice 1' WHERE id = 1`,
      `UPDATE ${DB}.items SET name = 'twice 2' WHERE id = 1`,
      `UPDATE ${DB}.items SET id = 10001 WHERE id = 2`,
      "COMMIT",
      `TRUNCATE TABLE ${DB}.notes`,
      `INSERT INTO ${DB}.notes VALUES (500, 'after the truncate')`,
    ]);
    const second = await run(destination, state, "r2");
    expect(destination.rows(`${DB}.items`)).toEqual(await sourceRows("items"));
    expect(destination.rows(`${DB}.notes`)).toEqual([[500n, "after the truncate"]]);
    // Soft delete (the default mode): deleted rows stay, marked; so does the old key of id 2.
    const marked = (destination.stored()[`${DB}.items`] ?? []).filter((r) => r.deleted).map((r) => r.row[0]);
    const gone = [2n, ...Array.from({ length: 650 }, (_, k) => BigInt(k + 1)).filter((id) => id % 7n === 0n)];
    expect(marked).toEqual(gone.sort((a, b) => (a < b ? -1 : 1)));
    // Only what changed was written: 60 updates (less the 8 deleted later… they were written
    // before their delete), 50 inserts, the transaction's three row images, one note.
    expect(second.stats[`${DB}.items`]?.rows).toBe(60 + 50 + 3);
    expect(second.stats[`${DB}.notes`]?.rows).toBe(1);
    const after = runnerState(state[CHANGE_LOG_STATE])?.source as { file: string; pos: number };
    expect(after.file > start.file || after.pos > start.pos).toBe(true);

    // Nothing new: a run writes nothing.
    const third = await run(destination, state, "r3");
    expect(third.stats[`${DB}.items`]?.rows ?? 0).toBe(0);
  }, 60_000);

  it("writers changing rows during a multi-batch snapshot: exact parity, every change applied once", async () => {
    const destination = new MemoryDestination();
    const state: Record<string, StreamState> = {};
    let pages = 0;
    const applied: string[] = [];
    const hooks: WriterHooks = {
      async beforeWrite(table, batch: UpsertBatch) {
        if (table !== `${DB}.items`) return;
        for (const row of batch.rows) applied.push(`${row[0]}:${row[1]}`);
        pages++;
        if (pages === 2 || pages === 5) {
          const tag = `during ${pages}`;
          await mysqlRun([
            `UPDATE ${DB}.items SET name = CONCAT('${tag} ', id) WHERE id IN (3, 4, 300, 301, 590)`,
            `INSERT INTO ${DB}.items VALUES (${1000 + pages}, '${tag} insert')`,
            `DELETE FROM ${DB}.items WHERE id IN (${10 + pages}, ${400 + pages})`,
          ]);
        }
      },
    };
    await run(destination, state, "r1", { hooks, pageBytes: 1024 });
    expect(pages).toBeGreaterThan(10);
    expect(destination.rows(`${DB}.items`)).toEqual(await sourceRows("items"));
    const counts = new Map<string, number>();
    for (const entry of applied) counts.set(entry, (counts.get(entry) ?? 0) + 1);
    expect([...counts].filter(([, n]) => n > 1).map(([entry]) => entry)).toEqual([]);
  }, 60_000);

  it("a snapshot over many slices, changed between them: exact parity, every change applied once (numeric and collated keys)", async () => {
    // `tags` has a case-insensitive key: its snapshot order (utf8mb4_general_ci) is not the bytes'.
    await mysqlRun([
      `CREATE TABLE ${DB}.tags (code VARCHAR(20) COLLATE utf8mb4_general_ci PRIMARY KEY, name VARCHAR(100) NOT NULL)`,
      `INSERT INTO ${DB}.tags SELECT CONCAT(IF(seq % 2, 'k', 'K'), LPAD(seq, 4, '0')), CONCAT('tag ', seq) FROM ${DB}.seq_1_to_300`,
    ]);
    const destination = new MemoryDestination();
    const state: Record<string, StreamState> = {};
    const applied: string[] = [];
    let controller = new AbortController();
    let pagesThisSlice = 0;
    const hooks: WriterHooks = {
      beforeWrite(table, batch: UpsertBatch) {
        if (table !== `${DB}.items` && table !== `${DB}.tags`) return;
        for (const row of batch.rows) applied.push(`${table}:${row[0]}:${row[1]}`);
        // Each slice ends after three pages: the snapshots spread over many slices.
        if (++pagesThisSlice >= 3) controller.abort();
      },
    };
    const changesAfter = async (slice: number) => {
      const tag = `s${slice}`;
      await mysqlRun([
        // Keys some slice has read, keys none has, keys before and after every range.
        `UPDATE ${DB}.items SET name = CONCAT('${tag} ', id) WHERE id IN (3, ${100 + 37 * slice}, 301, 590)`,
        `INSERT INTO ${DB}.items VALUES (${2000 + slice}, '${tag} insert'), (${-1 - slice}, '${tag} before')`,
        `DELETE FROM ${DB}.items WHERE id IN (${20 + slice}, ${450 + slice})`,
        `UPDATE ${DB}.items SET id = ${5000 + slice} WHERE id = ${200 + slice}`,
        `UPDATE ${DB}.tags SET name = CONCAT('${tag} ', code) WHERE code IN ('k0001', 'K0150', ${`'${slice % 2 ? "k" : "K"}${String(60 + 20 * slice).padStart(4, "0")}'`}, 'K0300')`,
        `INSERT INTO ${DB}.tags VALUES ('${slice % 2 ? "K" : "k"}${String(7000 + slice)}', '${tag} insert'), ('A${slice}', '${tag} first')`,
        `DELETE FROM ${DB}.tags WHERE code IN ('${slice % 2 ? "k" : "K"}${String(100 + 10 * slice).padStart(4, "0")}')`,
      ]);
    };
    const configured = await streams();
    const result = await runToCompletion({
      reader: mysqlReader,
      config,
      openWriter: async () => destination.writer(hooks),
      schema: "unused",
      schemaOf: (stream) => stream.namespace,
      streams: configured,
      state,
      runId: "r1",
      pageBytes: 1024,
      sliceContext: () => {
        controller = new AbortController();
        pagesThisSlice = 0;
        return { ...testContext(), signal: controller.signal };
      },
      afterSlice: async (slice, done) => {
        if (!done) await changesAfter(slice);
      },
    });
    expect(result.slices).toBeGreaterThan(8);
    const items = state[`${DB}.items`];
    expect((runnerState(items)?.source as { slices?: unknown[] } | undefined)?.slices?.length).toBeGreaterThan(2);
    // The changes made between slices, then applied by the next run.
    await run(destination, state, "r2");
    expect(destination.rows(`${DB}.items`)).toEqual(await sourceRows("items"));
    const [tags] = (await mysqlRun([`SELECT code, name FROM ${DB}.tags ORDER BY code`])) as [
      { code: string; name: string }[],
    ];
    const byCode = (rows: Row[]) => [...rows].map((r) => `${r[0]}=${r[1]}`).sort();
    expect(byCode(destination.rows(`${DB}.tags`))).toEqual(byCode(tags.map((t) => [t.code, t.name])));
    const counts = new Map<string, number>();
    for (const entry of applied) counts.set(entry, (counts.get(entry) ?? 0) + 1);
    expect([...counts].filter(([, n]) => n > 1).map(([entry]) => entry)).toEqual([]);
  }, 120_000);

  it("a crash right after the log state's commit replays without loss", async () => {
    const destination = new MemoryDestination();
    const state: Record<string, StreamState> = {};
    await run(destination, state, "r1");
    for (let i = 0; i < 20; i++) {
      await mysqlRun([`UPDATE ${DB}.items SET name = CONCAT('round ${i} ', id) WHERE id % 20 = ${i}`]);
    }
    await mysqlRun([`DELETE FROM ${DB}.items WHERE id > 590`]);
    let crashed = false;
    await expect(
      run(destination, state, "r2", {
        pageBytes: 8 * 1024,
        afterCommit: (_count, stream) => {
          if (stream === CHANGE_LOG_STATE && !crashed) {
            crashed = true;
            throw new Crash("after the log state's commit");
          }
        },
      }),
    ).rejects.toThrow(Crash);
    await run(destination, state, "r3", { pageBytes: 8 * 1024 });
    expect(destination.rows(`${DB}.items`)).toEqual(await sourceRows("items"));
  }, 60_000);

  it("a purged binlog position re-syncs every table, with the warning", async () => {
    const destination = new MemoryDestination();
    const state: Record<string, StreamState> = {};
    await run(destination, state, "r1");
    const log = runnerState(state[CHANGE_LOG_STATE]);
    state[CHANGE_LOG_STATE] = { ...log, source: { v: 1, file: "mysql-bin.999990", pos: 4 } } as unknown as StreamState;
    await mysqlRun([`UPDATE ${DB}.items SET name = 'lost with the log' WHERE id = 9`]);
    const again = await run(destination, state, "r2");
    expect(again.warnings.map((w) => w.code)).toContain("binlog_position_lost");
    expect(again.stats[`${DB}.items`]?.rows).toBe(600);
    expect(destination.rows(`${DB}.items`)).toEqual(await sourceRows("items"));
  }, 60_000);

  it("history mode in the Postgres destination: one active version per key, a delete closes it", async () => {
    const DST = "c_cdc_dst";
    await resetDatabase(DST);
    const state: Record<string, StreamState> = {};
    const historyRun = async (runId: string) =>
      runToCompletion({
        reader: mysqlReader,
        config,
        openWriter: () => PostgresWriter.open({ ...PG, database: DST }, TEST_EGRESS),
        schema: "unused",
        schemaOf: () => "hist",
        streams: (await streams()).map((c) => ({ ...c, syncMode: "history" as const })),
        state,
        runId,
      });
    // Binlog event times have whole seconds: versions of a key within one second (the snapshot's,
    // stamped with the run's start, included) collapse into the last, so changes come a second apart.
    const second = () => new Promise((resolve) => setTimeout(resolve, 1100));
    await historyRun("h1");
    await second();
    await mysqlRun([`UPDATE ${DB}.items SET name = 'v2' WHERE id <= 5`]);
    await second();
    await mysqlRun([
      `UPDATE ${DB}.items SET name = 'v3' WHERE id <= 2`,
      `DELETE FROM ${DB}.items WHERE id IN (4, 5)`,
      `INSERT INTO ${DB}.items VALUES (700, 'new')`,
    ]);
    await historyRun("h2");
    const { rows } = await sql(
      DST,
      `SELECT id::int AS id, name, _fivetran_active AS active, _fivetran_start AS s, _fivetran_end AS e
       FROM hist.items WHERE id <= 5 OR id = 700 ORDER BY id, _fivetran_start`,
    );
    const versions = rows.map((r) => [r.id, r.name, r.active]);
    expect(versions).toEqual([
      [1, "item 1", false],
      [1, "v2", false],
      [1, "v3", true],
      [2, "item 2", false],
      [2, "v2", false],
      [2, "v3", true],
      [3, "item 3", false],
      [3, "v2", true],
      [4, "item 4", false],
      [4, "v2", false],
      [5, "item 5", false],
      [5, "v2", false],
      [700, "new", true],
    ]);
    const active = await sql(DST, "SELECT count(*)::int AS n FROM hist.items WHERE _fivetran_active");
    expect(active.rows[0]?.n).toBe((await sourceRows("items")).length);
    // Each closed version ends where the next begins (or at its delete), at the binlog's commit time.
    for (let i = 0; i + 1 < rows.length; i++) {
      const [a, b] = [rows[i], rows[i + 1]];
      if (a?.id === b?.id && a?.active === false)
        expect(new Date(a?.e).getTime()).toBeLessThan(new Date(b?.s).getTime());
    }
  }, 60_000);
});

/**
 * Regressions for the data-loss bugs, end to end: a real PostgreSQL source into a real
 * PostgreSQL destination (whose database collation is "C") and into D1.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { D1Writer } from "../../../src/engine/destinations/d1/writer";
import { PostgresWriter } from "../../../src/engine/destinations/postgres/writer";
import type { DestinationWriter, StreamState } from "../../../src/engine/protocol";
import { runnerState } from "../../../src/engine/runner";
import type { PostgresSourceConfig } from "../../../src/engine/sources/postgres/index";
import { postgresReader } from "../../../src/engine/sources/postgres/reader";
import { sampleReader } from "../../../src/engine/sources/sample/reader";
import { mapPgError } from "../../../src/engine/toolkit/pg";
import { configure, PG, resetDatabase, runToCompletion, sql, TEST_EGRESS, testContext } from "../engine/harness";
import { warehouse } from "./fixtures/d1";
import { pgSourceConfig } from "./fixtures/postgres";
import { Crash, MemoryDestination } from "./suite";

const SRC = "conf_reg_src";
const DST = "conf_reg_dst";

beforeAll(async () => {
  await resetDatabase(SRC);
  await sql("postgres", `DROP DATABASE IF EXISTS ${DST} WITH (FORCE)`);
  await sql("postgres", `CREATE DATABASE ${DST} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
});

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

interface Destination {
  name: "postgres" | "d1";
  open(): Promise<DestinationWriter>;
  /** Rows of `schema.table` as text (NULL as null), sorted by code units. */
  rows(schema: string, table: string, columns: string[]): Promise<(string | null)[][]>;
  drop(schema: string, tables: string[]): Promise<void>;
}

const byText = (a: (string | null)[], b: (string | null)[]) => {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

const DESTINATIONS: Destination[] = [
  {
    name: "postgres",
    open: () => PostgresWriter.open({ ...PG, database: DST }, TEST_EGRESS),
    async rows(schema, table, columns) {
      const exists = await sql(DST, "SELECT to_regclass($1) IS NOT NULL AS e", [`${q(schema)}.${q(table)}`]);
      if (!exists.rows[0]?.e) return [];
      const list = columns.map((c, i) => `${q(c)}::text AS c${i}`).join(", ");
      // The current rows: soft delete (the default sync mode) keeps deleted ones, marked.
      const { rows } = await sql(
        DST,
        `SELECT ${list} FROM ${q(schema)}.${q(table)} t WHERE NOT coalesce((to_jsonb(t)->>'_fivetran_deleted')::boolean, false)`,
      );
      return rows.map((r) => columns.map((_, i) => r[`c${i}`] as string | null)).sort(byText);
    },
    async drop(schema) {
      await sql(DST, `DROP SCHEMA IF EXISTS ${q(schema)} CASCADE`);
    },
  },
  {
    name: "d1",
    open: () => D1Writer.open(warehouse),
    async rows(schema, table, columns) {
      const name = `${schema}__${table}`;
      const exists = await warehouse.prepare("SELECT 1 FROM sqlite_master WHERE name = ?1").bind(name).first();
      if (!exists) return [];
      const list = columns.map((c, i) => `CAST(${q(c)} AS TEXT) AS c${i}`).join(", ");
      const soft = await warehouse
        .prepare("SELECT 1 FROM pragma_table_info(?1) WHERE name = '_fivetran_deleted'")
        .bind(name)
        .first();
      const { results } = await warehouse
        .prepare(`SELECT ${list} FROM ${q(name)}${soft ? ' WHERE "_fivetran_deleted" = 0' : ""}`)
        .all();
      return results.map((r) => columns.map((_, i) => r[`c${i}`] as string | null)).sort(byText);
    },
    async drop(schema, tables) {
      for (const t of tables) await warehouse.prepare(`DROP TABLE IF EXISTS ${q(`${schema}__${t}`)}`).run();
    },
  },
];

/** The source's rows as text, sorted by code units. */
async function sourceRows(table: string, columns: string[]) {
  const list = columns.map((c, i) => `${q(c)}::text AS c${i}`).join(", ");
  const { rows } = await sql(SRC, `SELECT ${list} FROM ${table}`);
  return rows.map((r) => columns.map((_, i) => r[`c${i}`] as string | null)).sort(byText);
}

/** Counts the non-empty writes per stream while delegating to `inner`. */
function counting(inner: DestinationWriter, writes: Record<string, number>): DestinationWriter {
  return {
    capabilities: inner.capabilities,
    migrate: (schema, streams) => inner.migrate(schema, streams),
    async write(table, batch, syncedAt) {
      if (batch.count > 0) writes[batch.stream] = (writes[batch.stream] ?? 0) + 1;
      return inner.write(table, batch, syncedAt);
    },
    delete: (table, keys) => inner.delete(table, keys),
    truncate: (table, before) => inner.truncate(table, before),
    flush: () => inner.flush(),
    close: () => inner.close(),
  };
}

const source = (tables: string[], extra: Partial<PostgresSourceConfig> = {}) =>
  pgSourceConfig(SRC, { tables, ...extra });
const discover = (config: PostgresSourceConfig) => postgresReader.discover(config, testContext());
const at = (day: number) => new Date(Date.UTC(2031, 0, day));

describe("regression: text keys whose collations disagree", () => {
  beforeAll(async () => {
    await sql(SRC, `CREATE TABLE coll (k text COLLATE "en-x-icu" PRIMARY KEY, v int)`);
    await sql(SRC, "INSERT INTO coll VALUES ('a', 1), ('B', 2), ('c', 3)");
    // The premise: ICU orders a < B < c, "C" orders B < a < c.
    const icu = await sql(SRC, "SELECT k FROM coll ORDER BY k");
    expect(icu.rows.map((r) => r.k)).toEqual(["a", "B", "c"]);
    const c = await sql(SRC, `SELECT k FROM coll ORDER BY k COLLATE "C"`);
    expect(c.rows.map((r) => r.k)).toEqual(["B", "a", "c"]);
  });

  for (const destination of DESTINATIONS) {
    it(`every row arrives in ${destination.name}, after a second full sync too`, async () => {
      const schema = `conf_r1_${destination.name}`;
      await destination.drop(schema, ["coll"]);
      const config = source(["public.coll"]);
      const streams = configure(await discover(config), "full");
      const state: Record<string, StreamState> = {};
      for (const [run, day] of [
        ["c1", 1],
        ["c2", 2],
      ] as const) {
        const writes: Record<string, number> = {};
        await runToCompletion({
          reader: postgresReader,
          config,
          openWriter: async () => counting(await destination.open(), writes),
          schema,
          streams,
          state,
          runId: run,
          runStartedAt: at(day),
          pageBytes: 4,
        });
        expect(writes["public.coll"], "the table must take several pages").toBeGreaterThanOrEqual(2);
        expect(await destination.rows(schema, "coll", ["k", "v"]), `after run ${run}`).toEqual([
          ["B", "2"],
          ["a", "1"],
          ["c", "3"],
        ]);
      }
      if (destination.name === "postgres") {
        const order = await sql(DST, `SELECT k FROM ${schema}.coll ORDER BY k`);
        expect(
          order.rows.map((r) => r.k),
          "the destination column's collation is C",
        ).toEqual(["B", "a", "c"]);
      }
    });
  }
});

describe("regression: same-named tables in two source schemas", () => {
  beforeAll(async () => {
    await sql(SRC, "CREATE SCHEMA sales");
    await sql(
      SRC,
      "CREATE TABLE public.orders (id bigint PRIMARY KEY, amount numeric(10,2), updated_at timestamptz NOT NULL)",
    );
    await sql(
      SRC,
      "CREATE TABLE sales.orders (id bigint PRIMARY KEY, region text NOT NULL, amount numeric(10,2), updated_at timestamptz NOT NULL)",
    );
  });

  for (const destination of DESTINATIONS) {
    it(`both land in their own schema of ${destination.name}, snapshot and upserts alike`, async () => {
      await sql(SRC, "TRUNCATE public.orders, sales.orders");
      await sql(
        SRC,
        "INSERT INTO public.orders SELECT g, g * 1.5, timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute' FROM generate_series(1, 20) g",
      );
      await sql(
        SRC,
        `INSERT INTO sales.orders SELECT g, CASE WHEN g % 2 = 0 THEN 'emea' ELSE 'amer' END, g * 2.5,
           timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute' FROM generate_series(1, 30) g`,
      );
      const prefix = `conf_r2_${destination.name}`;
      const schemaOf = (namespace: string) => `${prefix}_${namespace}`;
      await destination.drop(schemaOf("public"), ["orders"]);
      await destination.drop(schemaOf("sales"), ["orders"]);
      const config = source(["public.orders", "sales.orders"]);
      const streams = configure(await discover(config));
      expect(streams.map((s) => `${s.stream.namespace}.${s.stream.name}`)).toEqual(["public.orders", "sales.orders"]);
      const state: Record<string, StreamState> = {};
      const run = (runId: string, day: number) =>
        runToCompletion({
          reader: postgresReader,
          config,
          openWriter: () => destination.open(),
          schema: "unused",
          schemaOf: (stream) => schemaOf(stream.namespace),
          streams,
          state,
          runId,
          runStartedAt: at(day),
        });
      const check = async () => {
        expect(await destination.rows(schemaOf("public"), "orders", ["id", "amount"])).toEqual(
          await sourceRows("public.orders", ["id", "amount"]),
        );
        expect(await destination.rows(schemaOf("sales"), "orders", ["id", "region", "amount"])).toEqual(
          await sourceRows("sales.orders", ["id", "region", "amount"]),
        );
      };
      await run("s1", 1);
      await check();
      // The incremental pass upserts (through the staging table, for PostgreSQL) in both.
      await sql(
        SRC,
        "UPDATE public.orders SET amount = amount + 100, updated_at = timestamptz '2025-01-01 00:00:00+00' + id * interval '1 second' WHERE id % 4 = 0",
      );
      await sql(
        SRC,
        "UPDATE sales.orders SET region = 'apac', updated_at = timestamptz '2025-01-01 00:00:00+00' + id * interval '1 second' WHERE id % 3 = 0",
      );
      await sql(SRC, "INSERT INTO public.orders VALUES (21, 99.99, '2025-02-01 00:00:00+00')");
      await sql(SRC, "INSERT INTO sales.orders VALUES (31, 'latam', 77.77, '2025-02-01 00:00:00+00')");
      const second = await run("s2", 2);
      expect(second.warnings).toEqual([]);
      expect(second.stats["public.orders"]?.rows).toBe(6);
      expect(second.stats["sales.orders"]?.rows).toBe(11);
      await check();
    });
  }
});

describe("regression: a re-sync removes what the source deleted", () => {
  for (const destination of DESTINATIONS) {
    it(`the 10 highest ids, then every row, disappear from ${destination.name}`, async () => {
      const table = `gone_${destination.name}`;
      await sql(SRC, `DROP TABLE IF EXISTS ${table}`);
      await sql(SRC, `CREATE TABLE ${table} (id int PRIMARY KEY, v text, updated_at timestamptz NOT NULL)`);
      await sql(
        SRC,
        `INSERT INTO ${table} SELECT g, 'v' || g, timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute' FROM generate_series(1, 100) g`,
      );
      const schema = `conf_r3_${destination.name}`;
      await destination.drop(schema, [table]);
      const config = source([`public.${table}`]);
      const streams = configure(await discover(config));
      const run = (state: Record<string, StreamState>, runId: string, day: number) =>
        runToCompletion({
          reader: postgresReader,
          config,
          openWriter: () => destination.open(),
          schema,
          streams,
          state,
          runId,
          runStartedAt: at(day),
          pageBytes: 512,
        });
      const state: Record<string, StreamState> = {};
      await run(state, "g1", 1);
      expect((await destination.rows(schema, table, ["id"])).length).toBe(100);

      await sql(SRC, `DELETE FROM ${table} WHERE id > 90`);
      // An incremental run cannot see deletes; a re-sync (state cleared, a later run) does.
      await run(state, "g2", 2);
      expect((await destination.rows(schema, table, ["id"])).length).toBe(100);
      await run({}, "resync1", 3);
      expect(await destination.rows(schema, table, ["id", "v"])).toEqual(await sourceRows(table, ["id", "v"]));
      expect((await destination.rows(schema, table, ["id"])).length).toBe(90);

      await sql(SRC, `DELETE FROM ${table}`);
      await run({}, "resync2", 4);
      expect(await destination.rows(schema, table, ["id"])).toEqual([]);
    });
  }
});

describe("regression: a source column named _fivetran_synced", () => {
  beforeAll(async () => {
    await sql(
      SRC,
      "CREATE TABLE stamped (id int PRIMARY KEY, _fivetran_synced timestamptz, note text, updated_at timestamptz NOT NULL)",
    );
  });

  for (const destination of DESTINATIONS) {
    it(`lands in _fivetran_synced_source of ${destination.name}; the system column is the sync time`, async () => {
      await sql(SRC, "TRUNCATE stamped");
      await sql(
        SRC,
        `INSERT INTO stamped VALUES (1, '2001-02-03 04:05:06.789+00', 'one', '2024-01-01 00:00:00+00'),
                                    (2, NULL, 'two', '2024-01-01 00:00:00+00')`,
      );
      const schema = `conf_r4_${destination.name}`;
      await destination.drop(schema, ["stamped"]);
      const config = source(["public.stamped"]);
      const streams = configure(await discover(config));
      const state: Record<string, StreamState> = {};
      const run = (runId: string, startedAt: Date) =>
        runToCompletion({
          reader: postgresReader,
          config,
          openWriter: () => destination.open(),
          schema,
          streams,
          state,
          runId,
          runStartedAt: startedAt,
        });
      /** [id, source value, system value (both epoch ms), note]. */
      const stored = async () => {
        if (destination.name === "postgres") {
          const { rows } = await sql(
            DST,
            `SELECT id, (extract(epoch FROM _fivetran_synced_source) * 1000)::float8 AS source,
                    (extract(epoch FROM _fivetran_synced) * 1000)::float8 AS system, note
             FROM ${schema}.stamped ORDER BY id`,
          );
          return rows.map((r) => [r.id, r.source, r.system, r.note]);
        }
        // D1 holds both as RFC 3339 text.
        const { results } = await warehouse
          .prepare(
            `SELECT id, _fivetran_synced_source AS source, _fivetran_synced AS system, note FROM "${schema}__stamped" ORDER BY id`,
          )
          .all<{ id: number; source: string | null; system: string; note: string }>();
        return results.map((r) => [
          r.id,
          r.source === null ? null : Date.parse(r.source),
          Date.parse(r.system),
          r.note,
        ]);
      };
      const first = new Date(Date.UTC(2031, 0, 1, 10));
      const result = await run("f1", first);
      expect(result.warnings).toEqual([]);
      expect(await stored()).toEqual([
        [1, Date.UTC(2001, 1, 3, 4, 5, 6, 789), first.getTime(), "one"],
        [2, null, first.getTime(), "two"],
      ]);
      // An upsert of a changed row keeps the two apart too.
      await sql(
        SRC,
        "UPDATE stamped SET _fivetran_synced = '2002-03-04 05:06:07+00', note = 'two v2', updated_at = '2025-01-01 00:00:00+00' WHERE id = 2",
      );
      const second = new Date(Date.UTC(2031, 0, 2, 10));
      await run("f2", second);
      expect(await stored()).toEqual([
        [1, Date.UTC(2001, 1, 3, 4, 5, 6, 789), first.getTime(), "one"],
        [2, Date.UTC(2002, 2, 4, 5, 6, 7), second.getTime(), "two v2"],
      ]);
    });
  }
});

describe("regression: per-table isolation", () => {
  beforeAll(async () => {
    await sql(SRC, "CREATE TABLE readable (id int PRIMARY KEY, v text)");
    await sql(SRC, "INSERT INTO readable SELECT g, 'r' || g FROM generate_series(1, 5) g");
    await sql(SRC, "CREATE TABLE secret (id int PRIMARY KEY, v text)");
    await sql(SRC, "INSERT INTO secret SELECT g, 's' || g FROM generate_series(1, 5) g");
    await sql(
      "postgres",
      "DO $$ BEGIN CREATE ROLE conf_reader LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
    );
    await sql(SRC, `GRANT CONNECT ON DATABASE ${SRC} TO conf_reader`);
    await sql(SRC, "GRANT USAGE ON SCHEMA public TO conf_reader");
    await sql(SRC, "GRANT SELECT ON readable TO conf_reader");
  });

  for (const destination of DESTINATIONS) {
    it(`an unreadable table is skipped with a warning, the other completes (${destination.name})`, async () => {
      const schema = `conf_r5_${destination.name}`;
      await destination.drop(schema, ["readable", "secret"]);
      // Discovered by a user who can read both, read by one who can read only `readable`; the
      // unreadable table goes first, so the other must survive its failure on the same session.
      const streams = configure(await discover(source(["public.readable", "public.secret"])), "full").reverse();
      expect(streams.map((s) => s.stream.name)).toEqual(["secret", "readable"]);
      const state: Record<string, StreamState> = {};
      const result = await runToCompletion({
        reader: postgresReader,
        config: source(["public.readable", "public.secret"], { user: "conf_reader" }),
        openWriter: () => destination.open(),
        schema,
        streams,
        state,
        runId: "iso",
        mapError: mapPgError,
      });
      expect(result.warnings).toEqual([
        { code: "table_skipped", stream: "public.secret", message: expect.stringMatching(/permission denied/) },
      ]);
      expect(await destination.rows(schema, "readable", ["id", "v"])).toEqual(
        await sourceRows("readable", ["id", "v"]),
      );
      expect(runnerState(state["public.readable"])?.done).toBe(true);
      expect(runnerState(state["public.secret"])?.skipped).toMatch(/permission denied/);
    });
  }

  it("a configured table that does not exist, or cannot be read, comes back in discover's warnings", async () => {
    const missing = await discover(source(["public.readable", "public.nope"]));
    expect(missing.streams.map((s) => s.name)).toEqual(["readable"]);
    expect(missing.warnings).toEqual([{ stream: "public.nope", message: expect.stringContaining("public.nope") }]);
    const unreadable = await discover(source(["public.readable", "public.secret"], { user: "conf_reader" }));
    expect(unreadable.streams.map((s) => s.name)).toEqual(["readable"]);
    expect(unreadable.warnings).toEqual([{ stream: "public.secret", message: expect.stringContaining("SELECT") }]);
  });
});

describe("regression: the sample source resumed after its last checkpoint", () => {
  // Was a bug (fixed: the state records the run a generation belongs to; src/engine/sources/
  // sample/reader.ts, readTable): a read from a state with
  // `complete: true` starts the next generation. The runner re-reads a stream from its last
  // committed checkpoint whenever the run did not record it done — a crash between that
  // checkpoint's commit and the runner's `done` commit, or a slice budget that ran out as the
  // stream finished — so the same run delivers generation 2 as well: the run's data depends
  // on where it was interrupted ("Same seed, same data" breaks).
  it("delivers the same generation as an uninterrupted run", async () => {
    const config = { schema: "sample", seed: 7, scale: 40, tables: ["customers" as const] };
    const streams = configure(await sampleReader.discover(config, testContext()));
    const run = (
      destination: MemoryDestination,
      state: Record<string, StreamState>,
      afterCommit?: (n: number) => void,
    ) =>
      runToCompletion({
        reader: sampleReader,
        config,
        openWriter: async () => destination.writer(),
        schema: "sample",
        streams,
        state,
        runId: "one",
        runStartedAt: at(1),
        pageBytes: 1 << 20,
        afterCommit,
      });
    const clean = new MemoryDestination();
    const reference = await run(clean, {});
    expect(clean.rows("sample.customers").length).toBe(40);
    // The commits: the page's checkpoint, `{ generation: 1, complete: true }`, then `done`.
    const destination = new MemoryDestination();
    const state: Record<string, StreamState> = {};
    await expect(
      run(destination, state, (n) => {
        if (n === reference.commits - 1) throw new Crash("stopped before the done commit");
      }),
    ).rejects.toThrow(Crash);
    expect(runnerState(state["sample.customers"])?.source).toMatchObject({ generation: 1, complete: true });
    await run(destination, state);
    expect(destination.rows("sample.customers").length).toBe(40); // 80: generation 2 came along
  });
});

describe("regression: a table without a primary key updated during its snapshot", () => {
  // Bug (src/engine/sources/postgres/reader.ts, readStream, the `pk.length === 0` branch):
  // a keyless table is read by tuple-id ranges, one statement (one MVCC snapshot) per range.
  // An UPDATE of a non-key column writes the row's new version wherever the heap has room —
  // often a block the snapshot has already read — and its old version is dead by the time
  // its own block is read, so the snapshot never sees the row. The runner then deletes what
  // the snapshot did not rewrite (`truncate(before)`, runner.ts): a row that existed at the
  // source for the whole run is gone from the destination until the next run.
  it.fails("a row updated while its snapshot runs is still in the destination afterwards", async () => {
    await sql(SRC, "DROP TABLE IF EXISTS drift");
    await sql(SRC, "CREATE TABLE drift (n int, body text) WITH (autovacuum_enabled = off)");
    await sql(SRC, "INSERT INTO drift SELECT g, lpad(g::text, 100, 'x') FROM generate_series(1, 300) g");
    // Free space in block 0 only: an UPDATE that does not fit its own full block goes there.
    await sql(SRC, "DELETE FROM drift WHERE (ctid::text::point)[0] = 0");
    await sql(SRC, "VACUUM drift");
    const schema = "conf_r6_postgres";
    await sql(DST, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    const config = source(["public.drift"]);
    const streams = configure(await discover(config), "full");
    const state: Record<string, StreamState> = {};
    const options = {
      config,
      openWriter: () => PostgresWriter.open({ ...PG, database: DST }, TEST_EGRESS),
      schema,
      streams,
      state,
      pageBytes: 16 * 1024, // one heap block per page
    };
    await runToCompletion({ ...options, reader: postgresReader, runId: "d1", runStartedAt: at(1) });
    const count = async () => (await sql(DST, `SELECT count(*)::int AS n FROM ${schema}.drift`)).rows[0]?.n;
    expect(await count()).toBe(242);

    // The next run's snapshot: once block 0 is read, row 250 (in block 4) gets a longer body.
    let moved: string | undefined;
    const reader: typeof postgresReader = {
      discover: (c, ctx) => postgresReader.discover(c, ctx),
      async open(c, ctx) {
        const session = await postgresReader.open(c, ctx);
        return {
          close: () => session.close(),
          async *read(configured, from, readCtx) {
            for await (const message of session.read(configured, from, readCtx)) {
              yield message;
              const after = message.kind === "checkpoint" ? (message.state as { after?: unknown }).after : undefined;
              if (moved === undefined && Array.isArray(after)) {
                await sql(SRC, "UPDATE drift SET body = repeat(md5('a'), 40) WHERE n = 250");
                moved = (await sql(SRC, "SELECT ctid::text AS t FROM drift WHERE n = 250")).rows[0]?.t;
              }
            }
          },
        };
      },
    };
    await runToCompletion({ ...options, reader, runId: "d2", runStartedAt: at(2) });
    expect(moved, "the premise: the new version landed in block 0, already read").toMatch(/^\(0,/);
    const row = await sql(DST, `SELECT body FROM ${schema}.drift WHERE n = 250`);
    const now = await sql(SRC, "SELECT body FROM drift WHERE n = 250");
    expect(row.rows.map((r) => r.body)).toEqual(now.rows.map((r) => r.body)); // []: row 250 is gone
    expect(await count()).toBe(242);
  });
});

describe("regression: incremental pages of a table without a primary key", () => {
  // Was a bug (fixed: a table without a primary key offers no cursor and re-reads in full;
  // src/engine/sources/postgres/reader.ts discovery, jobs.ts configureStreams): pages are
  // ordered and resumed by the keyset (cursor, ...primary key); without a primary key the
  // keyset is the cursor alone, and the next page starts strictly after the last page's
  // cursor value (`rowAfter(keyset, position)`), so the rows that share that value and did not
  // fit in the page are never read — e.g. every row one UPDATE stamped with the same now().
  it("rows sharing a cursor value across a page boundary all arrive: the table re-reads in full", async () => {
    await sql(SRC, "DROP TABLE IF EXISTS loose");
    await sql(SRC, "CREATE TABLE loose (n int, body text, updated_at timestamptz NOT NULL)");
    await sql(
      SRC,
      "INSERT INTO loose SELECT g, 'body ' || g, timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute' FROM generate_series(1, 50) g",
    );
    const schema = "conf_r7_postgres";
    await sql(DST, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    const config = source(["public.loose"]);
    const streams = configure(await discover(config));
    // No primary key: no cursor is offered, so the table is re-read in full on every run.
    expect(streams[0]?.cursorField).toBeUndefined();
    const state: Record<string, StreamState> = {};
    const options = {
      reader: postgresReader,
      config,
      openWriter: () => PostgresWriter.open({ ...PG, database: DST }, TEST_EGRESS),
      schema,
      streams,
      state,
      // A pass's first page holds 16 rows whatever the budget (PageSizer, before any width is known).
      pageBytes: 16 * 1024,
    };
    await runToCompletion({ ...options, runId: "l1", runStartedAt: at(1) });
    // One statement updates 40 rows: they share one cursor value, more than a page holds.
    await sql(SRC, "UPDATE loose SET body = body || ' v2', updated_at = '2025-01-01 00:00:00+00' WHERE n <= 40");
    const second = await runToCompletion({ ...options, runId: "l2", runStartedAt: at(2) });
    const landed = await sql(DST, `SELECT count(*)::int AS n FROM ${schema}.loose WHERE body LIKE '% v2'`);
    // Without a key a changed row is a new row; soft delete keeps the old one, marked deleted.
    const total = await sql(DST, `SELECT count(*)::int AS n FROM ${schema}.loose WHERE NOT _fivetran_deleted`);
    expect({ read: second.stats["public.loose"]?.rows, landed: landed.rows[0]?.n, total: total.rows[0]?.n }).toEqual({
      read: 50,
      landed: 40,
      total: 50,
    });
  });
});

describe("regression: a date cursor", () => {
  // Was a bug (fixed: a date cursor's lower bound is inclusive; src/engine/sources/postgres/
  // reader.ts, readStream, incremental pass; date is one of
  // its CURSOR_TYPES): without a lookback (the default: jobs.ts syncOptions, lookbackMs 0) a
  // pass reads `cursor > previous signpost`, strictly. With a date cursor the signpost is a
  // day, so every row changed later on the day of the last sync carries the signpost's own
  // value and is never read — not by the next pass, nor by any later one.
  it("a row changed later on the day of the last sync arrives in the next one", async () => {
    await sql(SRC, "DROP TABLE IF EXISTS daily");
    await sql(SRC, "CREATE TABLE daily (id int PRIMARY KEY, v text, updated_at date NOT NULL)");
    await sql(SRC, "INSERT INTO daily SELECT g, 'v' || g, date '2024-01-01' + g % 5 FROM generate_series(1, 10) g");
    const schema = "conf_r8_postgres";
    await sql(DST, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    const config = source(["public.daily"]);
    const streams = configure(await discover(config));
    expect(streams[0]?.cursorField).toBe("updated_at");
    const state: Record<string, StreamState> = {};
    const options = {
      reader: postgresReader,
      config,
      openWriter: () => PostgresWriter.open({ ...PG, database: DST }, TEST_EGRESS),
      schema,
      streams,
      state,
    };
    await runToCompletion({ ...options, runId: "day1", runStartedAt: at(1) });
    // Later that day (the table's newest date): row 3 changes.
    await sql(SRC, "UPDATE daily SET v = 'later that day', updated_at = date '2024-01-05' WHERE id = 3");
    await runToCompletion({ ...options, runId: "day2", runStartedAt: at(2) });
    await runToCompletion({ ...options, runId: "day3", runStartedAt: at(3) });
    const row = await sql(DST, `SELECT v FROM ${schema}.daily WHERE id = 3`);
    expect(row.rows[0]?.v).toBe("later that day"); // 'v3': the change is never read
  });
});

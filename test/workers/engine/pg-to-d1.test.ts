import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { D1Writer } from "../../../src/engine/destinations/d1/writer";
import type { StreamState } from "../../../src/engine/protocol";
import type { PostgresSourceConfig } from "../../../src/engine/sources/postgres/index";
import { postgresReader } from "../../../src/engine/sources/postgres/reader";
import { configure, PG, resetDatabase, runToCompletion, sql, testContext } from "./harness";

const SRC = "d1w_src";
const SCHEMA = "d1w_pg";
const db = (env as unknown as { WAREHOUSE: D1Database }).WAREHOUSE;
const source = (database: string) =>
  ({
    ...PG,
    database,
    schema_prefix: "pg",
    update_method: "QUERY_BASED",
    connection_type: "Directly",
    require_tls: false,
  }) as PostgresSourceConfig;
const openWriter = () => D1Writer.open(db);

/** Every value of `items` in PostgreSQL, rendered the way D1 should hold it. */
async function expectedItems() {
  const { rows } = await sql(
    SRC,
    `SELECT id::text AS id, name, price::text AS price, exact::text AS exact, ratio::text AS ratio,
            active::int AS active, array_to_json(tags)::text AS tags, array_to_json(scores)::text AS scores,
            data::text AS data, upper(encode(raw, 'hex')) AS raw, day::text AS day,
            to_char(local_at, 'YYYY-MM-DD"T"HH24:MI:SS.US') AS local_at, uid::text AS uid,
            to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS updated_at
     FROM items ORDER BY id`,
  );
  return rows.map((r) => ({ ...r, ratio: r.ratio === null ? null : Number(r.ratio) }));
}

/** Every value of `items` in D1 (integers as text so that 64-bit values compare exactly). */
async function storedItems() {
  const { results } = await db
    .prepare(
      `SELECT CAST(id AS TEXT) AS id, name, price, exact, ratio, active, tags, scores, data,
              CASE WHEN raw IS NULL THEN NULL ELSE hex(raw) END AS raw, day, local_at, uid, updated_at
       FROM "${SCHEMA}__items" ORDER BY id`,
    )
    .all();
  return results;
}

async function distinctLog(): Promise<string[]> {
  const { rows } = await sql(SRC, "SELECT DISTINCT kind, n FROM log");
  return rows.map((r) => JSON.stringify([r.kind, r.n])).sort();
}

async function storedLog(): Promise<string[]> {
  const { results } = await db.prepare(`SELECT kind, n FROM "${SCHEMA}__log"`).all<{ kind: string; n: number }>();
  return results.map((r) => JSON.stringify([r.kind, r.n])).sort();
}

beforeAll(async () => {
  await resetDatabase(SRC);
  for (const table of ["items", "log"]) await db.prepare(`DROP TABLE IF EXISTS "${SCHEMA}__${table}"`).run();
  await sql(
    SRC,
    `CREATE TABLE items (
       id bigint PRIMARY KEY, name text, price numeric(12,2), exact numeric, ratio double precision,
       active boolean, tags text[], scores integer[], data jsonb, raw bytea, day date, local_at timestamp,
       uid uuid, updated_at timestamptz NOT NULL DEFAULT now())`,
  );
  await sql(
    SRC,
    `INSERT INTO items
     SELECT g,
            'item ' || g || CASE WHEN g % 7 = 0 THEN ' "quoted", {braced} \\ ünï' ELSE '' END,
            g * 1.25, g * 1234567890123.000000001, g / 3.0::float8, g % 2 = 0,
            ARRAY['t' || g, 'with space', NULL, 'q"uote'], ARRAY[g, -g],
            jsonb_build_object('g', g, 'nested', jsonb_build_array(1.50, 'two', null)),
            decode(md5(g::text), 'hex'), date '2024-01-01' + g,
            timestamp '2024-01-01 00:00:00' + g * interval '1.000001 second', md5(g::text)::uuid,
            now() - interval '1 day' - g * interval '1 microsecond'
     FROM generate_series(1, 5000) g`,
  );
  await sql(
    SRC,
    `UPDATE items SET name = NULL, price = NULL, exact = NULL, ratio = NULL, active = NULL, tags = NULL,
       scores = NULL, data = NULL, raw = NULL, day = NULL, local_at = NULL, uid = NULL WHERE id % 500 = 0`,
  );
  await sql(SRC, "CREATE TABLE log (kind text, n integer)");
  await sql(SRC, "INSERT INTO log SELECT 'k' || (g % 10), g % 3 FROM generate_series(1, 300) g");
});

describe("postgres → d1", () => {
  it("full sync makes D1 hold every source value, then an incremental sync brings the updates", async () => {
    const streams = configure(await postgresReader.discover(source(SRC), testContext()));
    expect(streams.map((s) => [s.stream.name, s.stream.primaryKey, s.cursorField])).toEqual([
      ["items", ["id"], "updated_at"],
      ["log", [], undefined],
    ]);
    const state: Record<string, StreamState> = {};
    const run = (runId: string) =>
      runToCompletion({
        reader: postgresReader,
        config: source(SRC),
        openWriter,
        schema: SCHEMA,
        streams,
        state,
        runId,
        pageBytes: 128 * 1024,
      });

    const first = await run("r1");
    expect(first.stats["public.items"]?.rows).toBe(5000);
    expect(first.stats["public.log"]?.rows).toBe(300);
    const stored = await storedItems();
    expect(stored).toHaveLength(5000);
    expect(stored).toEqual(await expectedItems());
    expect(await storedLog()).toEqual(await distinctLog());
    expect((await storedLog()).length).toBe(30);

    await sql(
      SRC,
      "UPDATE items SET name = coalesce(name, '') || ' (changed)', ratio = -ratio, updated_at = now() WHERE id % 100 = 0",
    );
    await sql(SRC, "INSERT INTO items (id, name, exact) VALUES (5001, 'new', 98765432109876543210.0123456789)");
    await sql(SRC, "INSERT INTO log VALUES ('k-new', 7), ('k-new', 7)");
    const second = await run("r2");
    expect(second.stats["public.items"]?.rows).toBe(51);
    expect(await storedItems()).toEqual(await expectedItems());
    expect(await storedLog()).toEqual(await distinctLog());

    const { results } = await db
      .prepare(
        `SELECT count(*) AS n, count(DISTINCT _fivetran_synced) AS runs FROM "${SCHEMA}__items" WHERE id % 100 = 0 OR id = 5001`,
      )
      .all<{ n: number; runs: number }>();
    const [older] = (
      await db
        .prepare(`SELECT max(_fivetran_synced) AS at FROM "${SCHEMA}__items" WHERE id % 100 <> 0 AND id <> 5001`)
        .all<{ at: string }>()
    ).results;
    const [newer] = (
      await db
        .prepare(`SELECT min(_fivetran_synced) AS at FROM "${SCHEMA}__items" WHERE id % 100 = 0`)
        .all<{ at: string }>()
    ).results;
    expect(results[0]).toEqual({ n: 51, runs: 1 });
    expect((newer?.at ?? "") > (older?.at ?? "")).toBe(true);
  });
});

/**
 * Throughput probe, not an assertion: 100k rows PostgreSQL → D1 through the whole engine,
 * with the production page size. Remove `.skip` to run it:
 *   npx vitest run --project workers test/workers/engine/pg-to-d1.test.ts -t throughput
 */
describe.skip("postgres → d1 throughput", () => {
  it("throughput: 100k rows", { timeout: 300_000 }, async () => {
    const database = "d1w_bulk";
    await resetDatabase(database);
    await db.prepare(`DROP TABLE IF EXISTS "${SCHEMA}__bulk"`).run();
    await sql(
      database,
      `CREATE TABLE bulk (id bigint PRIMARY KEY, name text, amount numeric(12,2), flag boolean,
         created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL)`,
    );
    await sql(
      database,
      `INSERT INTO bulk SELECT g, 'name ' || g, g * 1.25, g % 2 = 0, now() - g * interval '1 second', now()
       FROM generate_series(1, 100000) g`,
    );
    const streams = configure(await postgresReader.discover(source(database), testContext()));
    const started = performance.now();
    const { stats } = await runToCompletion({
      reader: postgresReader,
      config: source(database),
      openWriter,
      schema: SCHEMA,
      streams,
      state: {},
      runId: "bulk",
      pageBytes: 8 << 20,
    });
    const seconds = (performance.now() - started) / 1000;
    const rows = stats["public.bulk"]?.rows ?? 0;
    console.log(`postgres → d1: ${rows} rows in ${seconds.toFixed(2)} s = ${Math.round(rows / seconds)} rows/s`);
    expect(rows).toBe(100_000);
  });
});

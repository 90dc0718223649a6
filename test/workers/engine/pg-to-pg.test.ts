import { beforeAll, describe, expect, it } from "vitest";
import { PostgresWriter } from "../../../src/engine/destinations/postgres/writer";
import type { PostgresSourceConfig } from "../../../src/engine/sources/postgres/index";
import { postgresReader } from "../../../src/engine/sources/postgres/reader";
import { checksum, configure, PG, resetDatabase, runToCompletion, sql, TEST_EGRESS, testContext } from "./harness";

const SRC = "engine_src";
const DST = "engine_dst";
const source = {
  ...PG,
  database: SRC,
  schema_prefix: "pg",
  update_method: "QUERY_BASED",
  connection_type: "Directly",
  require_tls: false,
} as PostgresSourceConfig;
const openWriter = () => PostgresWriter.open({ ...PG, database: DST }, TEST_EGRESS);
const COLUMNS = ["id", "name", "amount", "updated_at"];

beforeAll(async () => {
  await resetDatabase(SRC);
  await resetDatabase(DST);
  await sql(
    SRC,
    `CREATE TABLE orders (id bigint PRIMARY KEY, name text, amount numeric(12,2), updated_at timestamptz NOT NULL DEFAULT now())`,
  );
  await sql(
    SRC,
    `INSERT INTO orders SELECT g, 'order ' || g, g * 1.25, now() - interval '1 day' FROM generate_series(1, 5000) g`,
  );
});

describe("postgres → postgres", () => {
  it("full sync makes the destination equal to the source, then an incremental sync brings updates", async () => {
    const streams = configure(await postgresReader.discover(source, testContext()));
    expect(streams.map((s) => [s.stream.name, s.stream.primaryKey, s.cursorField])).toEqual([
      ["orders", ["id"], "updated_at"],
    ]);
    const state = {};
    const first = await runToCompletion({
      reader: postgresReader,
      config: source,
      openWriter,
      schema: "pg",
      streams,
      state,
      runId: "r1",
      pageBytes: 64 * 1024,
    });
    expect(first.stats["public.orders"]?.rows).toBe(5000);
    expect(await checksum(DST, "pg.orders", COLUMNS, "id")).toEqual(
      await checksum(SRC, "public.orders", COLUMNS, "id"),
    );

    await sql(SRC, "UPDATE orders SET name = name || ' (changed)', updated_at = now() WHERE id % 100 = 0");
    await sql(SRC, "INSERT INTO orders (id, name, amount) VALUES (5001, 'new', 1)");
    const second = await runToCompletion({
      reader: postgresReader,
      config: source,
      openWriter,
      schema: "pg",
      streams,
      state,
      runId: "r2",
      pageBytes: 64 * 1024,
    });
    expect(second.stats["public.orders"]?.rows).toBe(51);
    expect(await checksum(DST, "pg.orders", COLUMNS, "id")).toEqual(
      await checksum(SRC, "public.orders", COLUMNS, "id"),
    );
    const synced = await sql(DST, "SELECT count(*)::int AS n FROM pg.orders WHERE _fivetran_synced IS NOT NULL");
    expect(synced.rows[0].n).toBe(5001);
  });

  it("adds a column that appeared in the source, and the next sync fills it", async () => {
    await sql(
      SRC,
      "CREATE TABLE IF NOT EXISTS widgets (id int PRIMARY KEY, name text, updated_at timestamptz NOT NULL DEFAULT now())",
    );
    await sql(
      SRC,
      "INSERT INTO widgets (id, name) SELECT g, 'w' || g FROM generate_series(1, 20) g ON CONFLICT DO NOTHING",
    );
    const discover = async () =>
      configure((await postgresReader.discover(source, testContext())).streams.filter((s) => s.name === "widgets"));
    const state = {};
    await runToCompletion({
      reader: postgresReader,
      config: source,
      openWriter,
      schema: "pg",
      streams: await discover(),
      state,
      runId: "w1",
    });
    await sql(SRC, "ALTER TABLE widgets ADD COLUMN colour text");
    await sql(SRC, "UPDATE widgets SET colour = 'red', updated_at = now() + interval '1 second' WHERE id <= 5");
    await runToCompletion({
      reader: postgresReader,
      config: source,
      openWriter,
      schema: "pg",
      streams: await discover(),
      state,
      runId: "w2",
    });
    const { rows } = await sql(DST, "SELECT count(*)::int AS n, count(colour)::int AS coloured FROM pg.widgets");
    expect(rows[0]).toEqual({ n: 20, coloured: 5 });
  });
});

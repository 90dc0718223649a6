/** Names and types that break naive pipelines survive PostgreSQL → PostgreSQL unchanged. */
import { beforeAll, describe, expect, it } from "vitest";
import { PostgresWriter } from "../../../src/engine/destinations/postgres/writer";
import type { PostgresSourceConfig } from "../../../src/engine/sources/postgres/index";
import { postgresReader } from "../../../src/engine/sources/postgres/reader";
import { checksum, configure, PG, resetDatabase, runToCompletion, sql, TEST_EGRESS, testContext } from "./harness";

const SRC = "awkward_src";
const DST = "awkward_dst";
const source = {
  ...PG,
  database: SRC,
  schema_prefix: "a",
  update_method: "QUERY_BASED",
  connection_type: "Directly",
  require_tls: false,
} as PostgresSourceConfig;
const COLUMNS = [
  "select",
  "na me",
  'quo"te',
  "ünïcödé",
  "money",
  "tz",
  "naive",
  "day",
  "clock",
  "doc",
  "docb",
  "ints",
  "words",
  "blob",
  "flag",
  "uid",
  "ratio",
  "big",
  "iv",
];

beforeAll(async () => {
  await resetDatabase(SRC);
  await resetDatabase(DST);
  await sql(SRC, `CREATE SCHEMA "Odd Schema"`);
  await sql(
    SRC,
    `CREATE TABLE "Odd Schema"."Order Items ""x""" (
      "select" int PRIMARY KEY, "na me" text, "quo""te" varchar(20), "ünïcödé" text, "money" numeric(38,10),
      tz timestamptz, naive timestamp, day date, clock time, doc json, docb jsonb, ints int[], words text[],
      blob bytea, flag boolean, uid uuid, ratio double precision, big bigint, iv interval)`,
  );
  await sql(
    SRC,
    `INSERT INTO "Odd Schema"."Order Items ""x""" VALUES
      (1, E'tab\\there\\nnewline \\\\ backslash', 'it''s', 'ß∂ƒ 漢字 🎉', 12345678901234567890.1234567890,
       '2024-03-10 01:59:59.123456-08', '2024-03-10 02:30:00.5', '0001-01-01', '23:59:59.999999',
       '{"b": 1, "a": [1, 2, {"c": null}]}', '{"z": "\\u00e9", "n": 1.50}', '{1,NULL,3}', '{"a b","c,d","",NULL,"q\\"t"}',
       '\\x00ff10', true, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'NaN', 9223372036854775807, '1 year 2 mons 3 days 04:05:06'),
      (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
      (3, '', '', '', -0.0000000001, 'infinity', '-infinity', '2024-02-29', '00:00', 'null', '[]', '{}', '{}', '\\x', false,
       '00000000-0000-0000-0000-000000000000', -1.5e-300, -9223372036854775808, '-1 day')`,
  );
});

describe("awkward names and types", () => {
  it("arrive exactly as they are in the source", async () => {
    const streams = configure(await postgresReader.discover(source, testContext()), "full");
    expect(streams.map((s) => `${s.stream.namespace}.${s.stream.name}`)).toEqual(['Odd Schema.Order Items "x"']);
    await runToCompletion({
      reader: postgresReader,
      config: source,
      openWriter: () => PostgresWriter.open({ ...PG, database: DST }, TEST_EGRESS),
      schema: "Weird Dest",
      streams,
      state: {},
      runId: "a1",
    });
    const table = `"Weird Dest"."Order Items ""x"""`;
    expect(await checksum(DST, table, COLUMNS, '"select"')).toEqual(
      await checksum(SRC, `"Odd Schema"."Order Items ""x"""`, COLUMNS, '"select"'),
    );
    const types = await sql(
      DST,
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'Weird Dest' ORDER BY ordinal_position`,
    );
    expect(Object.fromEntries(types.rows.map((r) => [r.column_name, r.data_type]))).toMatchObject({
      money: "numeric",
      tz: "timestamp with time zone",
      naive: "timestamp without time zone",
      doc: "json",
      docb: "jsonb",
      ints: "ARRAY",
      blob: "bytea",
      uid: "uuid",
      _fivetran_synced: "timestamp with time zone",
    });
  });
});

/** Pages stay within the byte budget whatever the row width, with or without a primary key. */
import { beforeAll, describe, expect, it } from "vitest";
import { POSTGRES_CAPABILITIES } from "../../../src/engine/destinations/postgres/writer";
import type { DestinationWriter } from "../../../src/engine/protocol";
import type { PostgresSourceConfig } from "../../../src/engine/sources/postgres/index";
import { postgresReader } from "../../../src/engine/sources/postgres/reader";
import { configure, PG, resetDatabase, runToCompletion, sql, testContext } from "./harness";

const SRC = "memory_src";
const source = {
  ...PG,
  database: SRC,
  schema_prefix: "m",
  update_method: "QUERY_BASED",
  connection_type: "Directly",
  require_tls: false,
} as PostgresSourceConfig;
const PAGE = 256 * 1024;

beforeAll(async () => {
  await resetDatabase(SRC);
  for (const [table, key] of [
    ["keyed", "PRIMARY KEY"],
    ["heap", ""],
  ] as const) {
    await sql(SRC, `CREATE TABLE ${table} (id int ${key}, body text)`);
    // Narrow rows first, then rows 2000 times wider: the reader must not size pages by the first ones.
    await sql(SRC, `INSERT INTO ${table} SELECT g, repeat('n', 50) FROM generate_series(1, 3000) g`);
    await sql(SRC, `INSERT INTO ${table} SELECT g, repeat(md5(g::text), 3200) FROM generate_series(3001, 3060) g`);
    await sql(SRC, `ALTER TABLE ${table} ALTER COLUMN body SET STORAGE EXTERNAL`);
  }
});

describe("memory bound", () => {
  it("keeps every page under twice the page budget as rows get wider", async () => {
    const pages: Record<string, number[]> = {};
    const rows: Record<string, number> = {};
    const recorder: DestinationWriter = {
      capabilities: POSTGRES_CAPABILITIES,
      migrate: async () => {},
      delete: async () => 0,
      truncate: async () => 0,
      flush: async () => {},
      close: async () => {},
      async write({ stream }, batch) {
        pages[stream.name] = [...(pages[stream.name] ?? []), batch.bytes];
        rows[stream.name] = (rows[stream.name] ?? 0) + batch.rows.length;
        return { rows: batch.rows.length, bytes: batch.bytes };
      },
    };
    const streams = configure(await postgresReader.discover(source, testContext()), "full");
    await runToCompletion({
      reader: postgresReader,
      config: source,
      openWriter: async () => recorder,
      schema: "m",
      streams,
      state: {},
      runId: "m1",
      pageBytes: PAGE,
    });
    expect(rows).toEqual({ keyed: 3060, heap: 3060 });
    for (const [table, sizes] of Object.entries(pages)) {
      expect(Math.max(...sizes), table).toBeLessThanOrEqual(2 * PAGE);
    }
  });
});

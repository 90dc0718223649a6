/**
 * Resumability: a run interrupted anywhere — after any checkpoint, or between a write and its
 * checkpoint — and then resumed from the committed state ends with exactly the rows a clean
 * run produces: nothing lost, nothing duplicated.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { PostgresWriter } from "../../../src/engine/destinations/postgres/writer";
import type { DestinationWriter, StreamState } from "../../../src/engine/protocol";
import type { PostgresSourceConfig } from "../../../src/engine/sources/postgres/index";
import { postgresReader } from "../../../src/engine/sources/postgres/reader";
import {
  checksum,
  configure,
  PG,
  type RunOptions,
  resetDatabase,
  runToCompletion,
  sql,
  TEST_EGRESS,
  testContext,
} from "./harness";

const SRC = "resume_src";
const DST = "resume_dst";
const source = {
  ...PG,
  database: SRC,
  schema_prefix: "r",
  update_method: "QUERY_BASED",
  connection_type: "Directly",
  require_tls: false,
} as PostgresSourceConfig;
const COLUMNS = ["id", "k", "payload", "updated_at"];
const PAGE = 8 * 1024;

class Crash extends Error {}

beforeAll(async () => {
  await resetDatabase(SRC);
  await resetDatabase(DST);
  await sql(SRC, "CREATE TABLE items (id int PRIMARY KEY, k text, payload text, updated_at timestamptz NOT NULL)");
  await sql(
    SRC,
    "INSERT INTO items SELECT g, md5(g::text), repeat('x', g % 50), timestamp '2024-01-01' + g * interval '1 minute' FROM generate_series(1, 1500) g",
  );
  await sql(SRC, "CREATE TABLE events (a int, b int, note text, PRIMARY KEY (a, b))");
  await sql(SRC, "INSERT INTO events SELECT g / 10, g % 10, 'note ' || g FROM generate_series(1, 700) g");
});

async function streams() {
  return configure(await postgresReader.discover(source, testContext()));
}

async function clean(schema: string) {
  await sql(DST, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}

async function destinationChecksums(schema: string) {
  return {
    items: await checksum(DST, `${schema}.items`, COLUMNS, "id"),
    events: await checksum(DST, `${schema}.events`, ["a", "b", "note"], "(a, b)"),
  };
}

/** Runs a sync from `source` into `schema` of DST; everything not given is the file's default. */
function run(
  schema: string,
  state: Record<string, StreamState>,
  runId: string,
  options: Partial<RunOptions<PostgresSourceConfig>> = {},
) {
  return runToCompletion({
    reader: postgresReader,
    config: source,
    openWriter: () => PostgresWriter.open({ ...PG, database: DST }, TEST_EGRESS),
    schema,
    streams: [],
    state,
    runId,
    pageBytes: PAGE,
    ...options,
  });
}

describe("resuming an interrupted run", () => {
  it("from every checkpoint ends equal to one clean run", async () => {
    await clean("clean");
    const configured = await streams();
    const reference = await run("clean", {}, "clean", { streams: configured });
    const expected = await destinationChecksums("clean");
    expect(expected.items.n).toBe(1500);
    expect(expected.events.n).toBe(700);
    expect(reference.commits).toBeGreaterThan(10);

    for (let crashAt = 1; crashAt <= reference.commits; crashAt += 1) {
      await clean("resumed");
      const state: Record<string, StreamState> = {};
      await expect(
        run("resumed", state, `crash-${crashAt}`, {
          streams: configured,
          afterCommit: (count) => {
            if (count === crashAt) throw new Crash(`crash after checkpoint ${count}`);
          },
        }),
      ).rejects.toThrow(Crash);
      await run("resumed", state, `crash-${crashAt}`, { streams: configured });
      expect(await destinationChecksums("resumed"), `crash after checkpoint ${crashAt}`).toEqual(expected);
    }
  }, 120_000);

  it("between a write and its checkpoint loses and duplicates nothing", async () => {
    await clean("clean2");
    const configured = await streams();
    await run("clean2", {}, "clean2", { streams: configured });
    const expected = await destinationChecksums("clean2");

    for (const crashOnWrite of [1, 4, 9]) {
      await clean("crashed");
      const state: Record<string, StreamState> = {};
      let writes = 0;
      // The page is written (and committed in the destination), then the process dies before
      // the checkpoint: the resumed run replays that page into rows that already exist.
      const crashingWriter = async (): Promise<DestinationWriter> => {
        const inner = await PostgresWriter.open({ ...PG, database: DST }, TEST_EGRESS);
        return {
          capabilities: inner.capabilities,
          migrate: (schema, s) => inner.migrate(schema, s),
          delete: (table, keys) => inner.delete(table, keys),
          truncate: (table, before) => inner.truncate(table, before),
          flush: () => inner.flush(),
          close: () => inner.close(),
          async write(table, batch, syncedAt) {
            const result = await inner.write(table, batch, syncedAt);
            if (++writes === crashOnWrite) throw new Crash(`crash after write ${writes}`);
            return result;
          },
        };
      };
      await expect(run("crashed", state, "w", { streams: configured, openWriter: crashingWriter })).rejects.toThrow(
        Crash,
      );
      await run("crashed", state, "w", { streams: configured });
      expect(await destinationChecksums("crashed"), `crash after write ${crashOnWrite}`).toEqual(expected);
    }
  });

  it("an incremental pass interrupted mid-way resumes at its position under the same signpost", async () => {
    await clean("inc");
    const configured = (await streams()).filter((s) => s.stream.name === "items");
    const state: Record<string, StreamState> = {};
    await run("inc", state, "i1", { streams: configured });
    await sql(
      SRC,
      "UPDATE items SET k = k || '!', updated_at = timestamp '2025-01-01' + id * interval '1 second' WHERE id % 3 = 0",
    );
    await expect(
      run("inc", state, "i2", {
        streams: configured,
        pageBytes: 2048,
        afterCommit: (count) => {
          if (count === 3) throw new Crash("mid-pass");
        },
      }),
    ).rejects.toThrow(Crash);
    // A row updated after the pass began lies beyond its signpost: the next run picks it up.
    await sql(SRC, "UPDATE items SET k = 'late', updated_at = timestamp '2026-01-01' WHERE id = 7");
    const resumed = await run("inc", state, "i2", { streams: configured, pageBytes: 2048 });
    expect(resumed.stats["public.items"]?.rows ?? 0).toBeLessThan(500);
    const late = await sql(DST, "SELECT k FROM inc.items WHERE id = 7");
    expect(late.rows[0].k).not.toBe("late");
    await run("inc", state, "i3", { streams: configured, pageBytes: 2048 });
    expect(await checksum(DST, "inc.items", COLUMNS, "id")).toEqual(await checksum(SRC, "public.items", COLUMNS, "id"));
  });
});

/**
 * The R2 destination end to end, checked independently: syncs from the sample source, from
 * the local PostgreSQL and from the reference source land in the real R2 binding (miniflare),
 * and DuckDB outside workerd (test/checks/duckdb-service.ts) reads the files back — the
 * README's reconstruct query for the rows, DESCRIBE and parquet_metadata for the types, row
 * groups and compression — to compare with the source exactly.
 */
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bindingLake, r2Destination, r2Target } from "../../src/engine/destinations/r2/index";
import { reconstructSql } from "../../src/engine/destinations/r2/reconstruct";
import { R2Writer, type RunManifest } from "../../src/engine/destinations/r2/writer";
import { TableError } from "../../src/engine/errors";
import type { Column, DestinationWriter, Row, Stream, StreamState, Value } from "../../src/engine/protocol";
import type { PostgresSourceConfig } from "../../src/engine/sources/postgres/index";
import { postgresReader } from "../../src/engine/sources/postgres/reader";
import { sampleReader } from "../../src/engine/sources/sample/reader";
import { r2S3Fake } from "../fakes/r2-s3";
import {
  configureStreams,
  MemoryDestination,
  MemorySource,
  REF_ITEMS,
  REF_TYPED,
  sortRows,
  TYPED_ROWS,
  toHex,
} from "./conformance/suite";
import { waitForRun } from "./connections-sync-helpers";
import { configure, PG, resetDatabase, runToCompletion, sql, testContext } from "./engine/harness";
import { call, newAccount } from "./helpers";
import { canonicalLake, duckdb, lakeFiles, readLake } from "./r2-lake";

const lake = (env as unknown as { DATA_LAKE: R2Bucket }).DATA_LAKE;
const SRC = "h_r2_src";

const unique = () => `h_r2_${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}`;

/** Opens the r2 destination's writer the way the engine does: from its config, on the binding. */
function opener(format: "parquet" | "json" | "csv", prefix: string) {
  const config = r2Destination.fields.parse({ bucket: "DATA_LAKE", format, prefix });
  const ctx = { ...testContext(), bindings: { DATA_LAKE: lake } };
  const writer = r2Destination.writer;
  if (!writer) throw new Error("the r2 destination has no writer");
  return () => writer.open(config, ctx);
}

async function removeUnder(prefix: string): Promise<void> {
  for (;;) {
    const page = await lake.list({ prefix: `${prefix}/` });
    if (page.objects.length === 0) return;
    await lake.delete(page.objects.map((o) => o.key));
  }
}

/** A value as compared: bigints and bytes as text (toEqual tells them apart otherwise too). */
const comparable = (v: Value) => (typeof v === "bigint" ? `${v}n` : v instanceof Uint8Array ? `x${toHex(v)}` : v);

function rowsOf(stream: Stream, rows: Row[]): unknown[][] {
  return sortRows(stream, rows).map((row) =>
    row.map((v, i) => comparable(canonicalLake(stream.columns[i] as Column, v))),
  );
}

async function current(prefix: string, schema: string, stream: Stream) {
  const { stored } = await readLake(lake, `${prefix}/${schema}/${stream.name}`, stream, "current");
  return rowsOf(
    stream,
    stored.map((r) => r.row),
  );
}

/** `column → DuckDB type` of the table's Parquet files, as DESCRIBE gives them. */
async function described(prefix: string, schema: string, table: string): Promise<Record<string, string>> {
  const files = await lakeFiles(lake, `${prefix}/${schema}/${table}`);
  const answer = await duckdb(
    files,
    "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{dir}/*/*.parquet', union_by_name = true))",
  );
  return Object.fromEntries(answer.rows.map(([name, type]) => [name as string, type as string]));
}

async function manifests(prefix: string, schema: string): Promise<RunManifest[]> {
  const out: RunManifest[] = [];
  for (const { key } of (await lake.list({ prefix: `${prefix}/${schema}/_fivetran_runs/` })).objects) {
    out.push(JSON.parse(await ((await lake.get(key)) as R2ObjectBody).text()));
  }
  return out;
}

describe("sample source → R2 Parquet", () => {
  it("two runs (the second with updates) leave the same rows as the reference destination, typed", async () => {
    const prefix = unique();
    const schema = "shop";
    const config = { schema, seed: 7, scale: 40 };
    const discovered = await sampleReader.discover(config, testContext());
    const streams = configure(discovered);
    const reference = new MemoryDestination();
    const state: Record<string, StreamState> = {};
    const referenceState: Record<string, StreamState> = {};
    const openR2 = opener("parquet", prefix);
    for (const [i, runId] of ["r1", "r2"].entries()) {
      const runStartedAt = new Date(Date.UTC(2031, 0, 1 + i));
      await runToCompletion({
        reader: sampleReader,
        config,
        openWriter: openR2,
        schema,
        streams,
        state,
        runId,
        runStartedAt,
      });
      await runToCompletion({
        reader: sampleReader,
        config,
        openWriter: async () => reference.writer(),
        schema,
        streams,
        state: referenceState,
        runId,
        runStartedAt,
      });
    }
    for (const stream of discovered.streams) {
      const want = reference.rows(`${schema}.${stream.name}`);
      expect(want.length).toBe(80);
      expect(await current(prefix, schema, stream), stream.name).toEqual(rowsOf(stream, want));
    }
    expect(await described(prefix, schema, "orders")).toEqual({
      id: "BIGINT",
      customer_id: "BIGINT",
      product_id: "BIGINT",
      quantity: "INTEGER",
      amount: "DECIMAL(12,2)",
      status: "VARCHAR",
      ordered_at: "TIMESTAMP WITH TIME ZONE",
      updated_at: "TIMESTAMP WITH TIME ZONE",
      _fivetran_synced: "TIMESTAMP WITH TIME ZONE",
      _fivetran_deleted: "BOOLEAN",
    });
    // One manifest per run, naming only files that exist, with their row counts.
    const runs = await manifests(prefix, schema);
    expect(runs.map((m) => m.run)).toEqual(["20310101T000000000Z", "20310102T000000000Z"]);
    for (const manifest of runs) {
      for (const [table, entry] of Object.entries(manifest.tables)) {
        expect(entry.columns.find((c) => c.name === "updated_at")?.type, table).toBe("TIMESTAMPTZ");
        for (const file of entry.files) {
          const object = await lake.head(`${prefix}/${file.key}`);
          expect(object?.size, file.key).toBe(file.bytes);
          expect(file.key).toMatch(
            new RegExp(`^${schema}/${table}/\\d{4}-\\d{2}-\\d{2}/\\d{8}T\\d{9}Z-\\d{10}\\.parquet$`),
          );
        }
      }
    }
    expect(runs[0]?.tables.orders?.rows).toBe(40);
    await removeUnder(prefix);
  });
});

describe("PostgreSQL → R2", () => {
  const pg = (database: string) =>
    ({
      ...PG,
      database,
      schema_prefix: "pg",
      update_method: "QUERY_BASED",
      connection_type: "Directly",
      require_tls: false,
    }) as PostgresSourceConfig;

  beforeAll(async () => {
    await resetDatabase(SRC);
    await sql(
      SRC,
      `CREATE TABLE items (
         id bigint PRIMARY KEY, n integer, name text, price numeric(12,2), wide numeric(38,10), exact numeric,
         ratio double precision, active boolean, day date, at_time time, local_at timestamp,
         data jsonb, doc json, raw bytea, uid uuid, tags text[], updated_at timestamptz NOT NULL DEFAULT now())`,
    );
    await sql(
      SRC,
      `INSERT INTO items
       SELECT g, g * 3 - 1000, 'item ' || g || CASE WHEN g % 7 = 0 THEN ' "quoted", \\ ünï 🎉' ELSE '' END,
              g * 1.25, g * 1234567890.0123456789, g * 1234567890123.000000001, g / 3.0::float8, g % 2 = 0,
              date '2024-01-01' + g, time '00:00:00' + g * interval '1.5 second',
              timestamp '2024-01-01 00:00:00' + g * interval '1.000001 second',
              jsonb_build_object('g', g, 'nested', jsonb_build_array(1.50, 'two', null)),
              ('{"b": 1,  "a": [' || g || ', 2.50]}')::json,
              decode(md5(g::text), 'hex'), md5(g::text)::uuid, ARRAY['t' || g, NULL, 'q"uote'],
              timestamptz '2030-01-01 00:00:00+00' - g * interval '1 microsecond'
       FROM generate_series(1, 700) g`,
    );
    await sql(
      SRC,
      `UPDATE items SET n = NULL, name = NULL, price = NULL, wide = NULL, exact = NULL, ratio = NULL, active = NULL,
         day = NULL, at_time = NULL, local_at = NULL, data = NULL, doc = NULL, raw = NULL, uid = NULL, tags = NULL
       WHERE id % 100 = 0`,
    );
    await sql(SRC, "UPDATE items SET ratio = 'NaN' WHERE id = 3");
    await sql(SRC, "CREATE TABLE log (kind text, n integer)");
    await sql(SRC, "INSERT INTO log SELECT 'k' || (g % 10), g % 3 FROM generate_series(1, 90) g");
  });

  afterAll(async () => {
    await sql("postgres", `DROP DATABASE IF EXISTS ${SRC} WITH (FORCE)`);
  });

  /** Every value of `items` in PostgreSQL, in the protocol's text forms (as DuckDB's are turned into). */
  async function expectedItems(): Promise<unknown[][]> {
    const { rows } = await sql(
      SRC,
      `SELECT id::text AS id, n, name, price::text AS price, wide::text AS wide, exact::text AS exact,
              ratio, active, day::text AS day, at_time::text AS at_time,
              to_char(local_at, 'YYYY-MM-DD"T"HH24:MI:SS.US') AS local_at, data::text AS data, doc::text AS doc,
              encode(raw, 'hex') AS raw, uid::text AS uid, array_to_json(tags)::text AS tags,
              to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS updated_at
       FROM items ORDER BY items.id`,
    );
    return rows.map((r) => [
      `${r.id}n`,
      r.n,
      r.name,
      r.price,
      r.wide,
      r.exact,
      r.ratio === null ? null : Number(r.ratio),
      r.active,
      r.day,
      r.at_time === null ? null : canonicalLake({ type: "time", sourceType: "time" } as Column, r.at_time as string),
      r.local_at,
      r.data,
      r.doc,
      r.raw === null ? null : `x${r.raw}`,
      r.uid,
      r.tags,
      r.updated_at,
    ]);
  }

  it("syncs every type DuckDB reads back exactly; an incremental run brings updates, a re-sync the deletes", async () => {
    const prefix = unique();
    const schema = "h_r2_pg";
    const discovered = await postgresReader.discover(pg(SRC), testContext());
    const streams = configure(discovered);
    const items = streams.find((s) => s.stream.name === "items")?.stream as Stream;
    const log = streams.find((s) => s.stream.name === "log")?.stream as Stream;
    const state: Record<string, StreamState> = {};
    const openWriter = opener("parquet", prefix);
    const run = (runId: string, day: number, runState = state) =>
      runToCompletion({
        reader: postgresReader,
        config: pg(SRC),
        openWriter,
        schema,
        streams,
        state: runState,
        runId,
        runStartedAt: new Date(Date.UTC(2031, 0, day)),
        pageBytes: 32 * 1024,
      });

    const first = await run("r1", 1);
    expect(first.stats["public.items"]?.rows).toBe(700);
    expect(await current(prefix, schema, items)).toEqual(await expectedItems());
    expect(await described(prefix, schema, "items")).toEqual({
      id: "BIGINT",
      n: "INTEGER",
      name: "VARCHAR",
      price: "DECIMAL(12,2)",
      wide: "DECIMAL(38,10)",
      exact: "VARCHAR",
      ratio: "DOUBLE",
      active: "BOOLEAN",
      day: "DATE",
      at_time: "TIME",
      local_at: "TIMESTAMP",
      data: "JSON",
      doc: "JSON",
      raw: "BLOB",
      uid: "UUID",
      tags: "JSON",
      updated_at: "TIMESTAMP WITH TIME ZONE",
      _fivetran_synced: "TIMESTAMP WITH TIME ZONE",
      _fivetran_deleted: "BOOLEAN",
    });
    // A table without a primary key: identical rows are one row, keyed by `_fivetran_id`.
    const { rows: distinct } = await sql(SRC, "SELECT DISTINCT kind, n FROM log ORDER BY kind, n");
    expect(await current(prefix, schema, log)).toEqual(
      rowsOf(
        log,
        distinct.map((r) => [r.kind as string, r.n as number]),
      ),
    );

    // Incremental: updated rows reach the lake as appended rows; the reconstruct query sees them.
    await sql(
      SRC,
      "UPDATE items SET name = 'changed ' || id, price = -price, updated_at = timestamptz '2030-06-01 00:00:00+00' WHERE id % 50 = 1",
    );
    await sql(SRC, "DELETE FROM items WHERE id IN (2, 4)");
    const second = await run("r2", 2);
    expect(second.stats["public.items"]?.rows).toBe(14);
    const afterUpdate = (await expectedItems()).length;
    expect(afterUpdate).toBe(698);
    // A query-based source sees deletes on a re-sync: the snapshot's end marks what it did not see.
    const resync = await run("r3", 3, {});
    expect(resync.stats["public.items"]?.rows).toBe(698);
    expect(await current(prefix, schema, items)).toEqual(await expectedItems());
    const { stored } = await readLake(lake, `${prefix}/${schema}/items`, items, "all");
    const gone = stored
      .filter((r) => r.deleted)
      .map((r) => r.row[0] as bigint)
      .sort((a, b) => Number(a - b));
    expect(gone).toEqual([2n, 4n]);
    // The raw log holds every version: 700 + 14 + 698 rows and one truncate marker.
    const files = await lakeFiles(lake, `${prefix}/${schema}/items`);
    const count = await duckdb(files, "SELECT count(*) AS n FROM read_parquet('{dir}/*/*.parquet')");
    expect(count.rows).toEqual([["1413"]]);
    await removeUnder(prefix);
  }, 60_000);
});

describe("replays and formats", () => {
  it("a batch replayed after a crash before its flush adds no row to the files", async () => {
    const prefix = unique();
    const schema = "replay";
    const open = () => new R2Writer(bindingLake(lake, "DATA_LAKE"), { format: "parquet", prefix, partBytes: 512 });
    const rows: Row[] = Array.from({ length: 60 }, (_, i) => [
      BigInt(i + 1),
      `item ${i + 1}`,
      "1.25",
      "2024-01-01T00:00:00.000000Z",
    ]);
    const batch = { kind: "upsert" as const, stream: "ref.items", rows, count: rows.length, bytes: 6000 };
    const at = new Date(Date.UTC(2031, 0, 1));
    const crashed: DestinationWriter = open();
    await crashed.migrate(schema, [REF_ITEMS]);
    await crashed.write({ schema, stream: REF_ITEMS }, batch, at);
    // Parts were uploaded as they filled, but the writer never flushed (the checkpoint was not committed).
    expect(Object.keys(await lakeFiles(lake, `${prefix}/${schema}/items`)).length).toBeGreaterThan(2);
    await crashed.close();
    const replay = open();
    await replay.migrate(schema, [REF_ITEMS]);
    await replay.write({ schema, stream: REF_ITEMS }, batch, at);
    await replay.flush();
    await replay.close();
    const files = await lakeFiles(lake, `${prefix}/${schema}/items`);
    const count = await duckdb(files, "SELECT count(*), count(DISTINCT id) FROM read_parquet('{dir}/*/*.parquet')");
    expect(count.rows).toEqual([["60", "60"]]);
    const [manifest] = await manifests(prefix, schema);
    const listed = manifest?.tables.items?.files.map((f) => f.key).sort();
    expect(listed).toEqual(
      Object.keys(files)
        .filter((k) => k.endsWith(".parquet"))
        .map((k) => `${schema}/items/${k}`)
        .sort(),
    );
    expect(manifest?.tables.items?.rows).toBe(60);
    await removeUnder(prefix);
  });

  it("decimals land on Parquet's physical type for their precision, timestamps exact at the edges", async () => {
    const dec = (name: string, precision: number, scale: number): Column => ({
      name,
      type: "decimal",
      sourceType: `numeric(${precision},${scale})`,
      nullable: true,
      precision,
      scale,
    });
    const stamp = (name: string, type: "timestamp" | "timestamptz"): Column => ({
      name,
      type,
      sourceType: type === "timestamp" ? "timestamp without time zone" : "timestamp with time zone",
      nullable: true,
    });
    const stream: Stream = {
      namespace: "ref",
      name: "decimals",
      columns: [
        { name: "id", type: "long", sourceType: "bigint", nullable: false },
        dec("d4", 4, 2),
        dec("d9", 9, 0),
        dec("d18", 18, 4),
        dec("d19", 19, 2),
        stamp("ts", "timestamp"),
        stamp("tz", "timestamptz"),
      ],
      primaryKey: ["id"],
      cursorCandidates: [],
    };
    const rows: Row[] = [
      [
        1n,
        "99.99",
        "999999999",
        "99999999999999.9999",
        "99999999999999999.99",
        "9999-12-31T23:59:59.999999",
        "0001-01-01T00:00:00.000000Z",
      ],
      [
        2n,
        "-99.99",
        "-999999999",
        "-99999999999999.9999",
        "-99999999999999999.99",
        "0001-01-01T00:00:00.000001",
        "2255-06-05T23:47:34.740991Z",
      ],
      [3n, "0.00", "0", "0.0001", "0.01", "1969-12-31T23:59:59.999999", "1970-01-01T00:00:00.000001Z"],
      [4n, null, null, null, null, null, null],
    ];
    const prefix = unique();
    const schema = "decimals";
    const source = new MemorySource([stream]).put("ref.decimals", rows);
    await runToCompletion({
      reader: source,
      config: { pageRows: 10 },
      openWriter: opener("parquet", prefix),
      schema,
      streams: configureStreams([stream]),
      state: {},
      runId: "decimals",
    });
    expect(await current(prefix, schema, stream)).toEqual(rowsOf(stream, rows));
    expect(await described(prefix, schema, "decimals")).toMatchObject({
      d4: "DECIMAL(4,2)",
      d9: "DECIMAL(9,0)",
      d18: "DECIMAL(18,4)",
      d19: "DECIMAL(19,2)",
    });
    const meta = await duckdb(
      await lakeFiles(lake, `${prefix}/${schema}/decimals`),
      "SELECT DISTINCT path_in_schema, type FROM parquet_metadata('{dir}/*/*.parquet') WHERE path_in_schema LIKE 'd%' ORDER BY path_in_schema",
    );
    const physical = meta.rows.map((r) => `${r[0]}=${r[1]}`).join(",");
    expect(physical).toBe("d18=INT64,d19=FIXED_LEN_BYTE_ARRAY,d4=INT32,d9=INT32");
    await removeUnder(prefix);
  });

  for (const format of ["json", "csv", "parquet"] as const) {
    it(`values of every type come back from ${format} files read by DuckDB`, async () => {
      const prefix = unique();
      const schema = "typed";
      const source = new MemorySource([REF_TYPED]).put("ref.typed", TYPED_ROWS);
      await runToCompletion({
        reader: source,
        config: { pageRows: 2 },
        openWriter: opener(format, prefix),
        schema,
        streams: configureStreams([REF_TYPED]),
        state: {},
        runId: "typed",
      });
      expect(await current(prefix, schema, REF_TYPED)).toEqual(rowsOf(REF_TYPED, TYPED_ROWS));
      const names = Object.keys(await lakeFiles(lake, `${prefix}/${schema}/typed`));
      // One part per checkpoint at least (three pages of two rows).
      expect(names.filter((n) => n.endsWith(`.${format}`)).length).toBeGreaterThanOrEqual(3);
      await removeUnder(prefix);
    });
  }

  it("Parquet row groups are sized by bytes and compressed with Snappy", async () => {
    const prefix = unique();
    const schema = "groups";
    const writer = new R2Writer(bindingLake(lake, "DATA_LAKE"), { format: "parquet", prefix, rowGroupBytes: 4096 });
    await writer.migrate(schema, [REF_ITEMS]);
    const rows: Row[] = Array.from({ length: 500 }, (_, i) => [
      BigInt(i),
      "x".repeat(100),
      "1.00",
      "2024-01-01T00:00:00.000000Z",
    ]);
    await writer.write(
      { schema, stream: REF_ITEMS },
      { kind: "upsert", stream: "ref.items", rows, count: 500, bytes: 70_000 },
      new Date(),
    );
    await writer.flush();
    await writer.close();
    const files = await lakeFiles(lake, `${prefix}/${schema}/items`);
    const meta = await duckdb(
      files,
      "SELECT row_group_id, row_group_num_rows, compression FROM parquet_metadata('{dir}/*/*.parquet') WHERE path_in_schema = 'name' ORDER BY row_group_id",
    );
    // 167 bytes of values a row (as the writer counts them): a group closes at 25 rows (4175 bytes ≥ 4096).
    expect(meta.rows.length).toBe(20);
    expect(meta.rows.every((r) => r[1] === "25")).toBe(true);
    expect(new Set(meta.rows.map((r) => r[2]))).toEqual(new Set(["SNAPPY"]));
    await removeUnder(prefix);
  });
});

describe("a sample connection into an r2 destination, through the API", () => {
  it("syncs into Parquet that DuckDB reads, and refuses LIVE and HISTORY sync modes with a 400", async () => {
    const auth = await newAccount();
    const prefix = unique();
    const group = (await call("POST", "/v1/groups", { auth, body: { name: `g_${prefix}` } })).json.data.id;
    const destination = await call("POST", "/v1/destinations", {
      auth,
      body: { group_id: group, service: "r2", time_zone_offset: "0", config: { bucket: "DATA_LAKE", prefix } },
    });
    expect(destination.status, JSON.stringify(destination.json)).toBe(201);
    const schema = `s_${prefix}`;
    const created = await call("POST", "/v1/connections", {
      auth,
      body: { group_id: group, service: "sample", schedule_type: "manual", config: { schema, scale: 25 } },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const id = created.json.data.id;
    expect((await call("POST", `/v1/connections/${id}/sync`, { auth })).status).toBe(200);
    const details = await waitForRun(auth, id);
    expect(details.failed_at, JSON.stringify(details.status)).toBeNull();
    // The account's objects are under its namespace in the shared binding (none for the bootstrap one).
    const listed = await lake.list({ prefix: `${prefix}/` });
    const root = listed.objects.length > 0 ? prefix : await namespacedRoot(prefix);
    const stream = (await sampleReader.discover({ schema, seed: 1, scale: 25 }, testContext())).streams.find(
      (s) => s.name === "orders",
    ) as Stream;
    const reference = new MemoryDestination();
    await runToCompletion({
      reader: sampleReader,
      config: { schema, seed: 1, scale: 25 },
      openWriter: async () => reference.writer(),
      schema,
      streams: configure([stream]),
      state: {},
      runId: "reference",
    });
    const { stored } = await readLake(lake, `${root}/${schema}/orders`, stream, "current");
    expect(stored.length).toBe(25);
    expect(
      rowsOf(
        stream,
        stored.map((r) => r.row),
      ),
    ).toEqual(rowsOf(stream, reference.rows(`${schema}.orders`)));
    for (const mode of ["HISTORY", "LIVE"]) {
      const res = await call("PATCH", `/v1/connections/${id}/schemas/${schema}/tables/orders`, {
        auth,
        body: { sync_mode: mode },
      });
      expect(res.status).toBe(400);
      expect(res.json).toEqual({
        code: "InvalidInput",
        message: `Invalid value for field 'sync_mode': the connection's destination does not support ${mode} (it supports SOFT_DELETE)`,
      });
    }
    await removeUnder(root);
  }, 60_000);
});

describe("bulk deletes on r2 in MAR, through the API", () => {
  it("a re-sync that no longer sees 15 of 40 rows deletes them (a truncate marker), and MAR counts those 15 keys as paid", async () => {
    const auth = await newAccount();
    const prefix = unique();
    const group = (await call("POST", "/v1/groups", { auth, body: { name: `g_${prefix}` } })).json.data.id;
    const destination = await call("POST", "/v1/destinations", {
      auth,
      body: { group_id: group, service: "r2", time_zone_offset: "0", config: { bucket: "DATA_LAKE", prefix } },
    });
    expect(destination.status, JSON.stringify(destination.json)).toBe(201);
    const schema = `s_${prefix}`;
    const config = { schema, scale: 40, seed: 3, tables: ["customers" as const] };
    const created = await call("POST", "/v1/connections", {
      auth,
      body: { group_id: group, service: "sample", schedule_type: "manual", config },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const id = created.json.data.id;
    expect((await call("POST", `/v1/connections/${id}/sync`, { auth })).status).toBe(200);
    const first = await waitForRun(auth, id);
    expect(first.failed_at, JSON.stringify(first.status)).toBeNull();
    const patched = await call("PATCH", `/v1/connections/${id}`, { auth, body: { config: { scale: 25 } } });
    expect(patched.status, JSON.stringify(patched.json)).toBe(200);
    expect((await call("POST", `/v1/connections/${id}/resync`, { auth, body: {} })).status).toBe(200);
    const second = await waitForRun(auth, id, first.succeeded_at);
    expect(second.failed_at, JSON.stringify(second.status)).toBeNull();
    const listed = await lake.list({ prefix: `${prefix}/` });
    const root = listed.objects.length > 0 ? prefix : await namespacedRoot(prefix);
    const stream = (await sampleReader.discover(config, testContext())).streams.find(
      (s) => s.name === "customers",
    ) as Stream;
    // By hand: every key's latest row as DuckDB's reconstruct query has it, deleted ones marked.
    const { stored } = await readLake(lake, `${root}/${schema}/customers`, stream, "all");
    const deleted = stored.filter((r) => r.deleted).length;
    expect([stored.length, deleted]).toEqual([40, 15]);
    const mar = await call("GET", `/v1/usage/mar?connection_id=${id}`, { auth });
    expect(mar.status).toBe(200);
    const customers = mar.json.data.items.find((i: { table: string }) => i.table === "customers");
    expect(customers).toMatchObject({ mar: stored.length, paid_mar: 25 + deleted, free_mar: 0 });
    await removeUnder(root);
  }, 60_000);
});

/** `<namespace>/<prefix>`: where an account's objects under `prefix` are in the shared bucket. */
async function namespacedRoot(prefix: string): Promise<string> {
  let cursor: string | undefined;
  for (;;) {
    const page = await lake.list({ ...(cursor ? { cursor } : {}) });
    const hit = page.objects.find((o) => o.key.includes(`/${prefix}/`));
    if (hit) return hit.key.slice(0, hit.key.indexOf(`/${prefix}/`) + prefix.length + 1);
    if (!page.truncated) throw new Error(`no object under ${prefix}`);
    cursor = page.cursor;
  }
}

describe("r2 destination over R2's S3 API (fake, SigV4 verified)", () => {
  const ACCOUNT = "0123456789abcdef0123456789abcdef";
  const KEY_ID = "4f5e6d7c8b9a00112233445566778899";
  const SECRET = "r2-secret-access-key-0123456789abcdef0123456789abcdef";

  it("loads Parquet files DuckDB reads; a crashed writer's parts are found by paged listings and replaced", async () => {
    const fake = r2S3Fake({ accountId: ACCOUNT, keys: { [KEY_ID]: SECRET }, buckets: ["lake"], pageSize: 2 });
    const config = r2Destination.fields.parse({
      account_id: ACCOUNT,
      bucket_name: "lake",
      access_key_id: KEY_ID,
      secret_access_key: SECRET,
      prefix: "raw",
    });
    const ctx = { ...testContext(), fetch: fake.fetch };
    const schema = "s3";
    const rows: Row[] = Array.from({ length: 40 }, (_, i) => [
      BigInt(i + 1),
      `item ${i + 1}`,
      "1.25",
      "2024-01-01T00:00:00.000000Z",
    ]);
    const batch = { kind: "upsert" as const, stream: "ref.items", rows, count: rows.length, bytes: 4000 };
    const at = new Date(Date.UTC(2031, 0, 1));
    const crashed = new R2Writer(r2Target(config, ctx), { format: "parquet", prefix: "raw", partBytes: 256 });
    await crashed.migrate(schema, [REF_ITEMS]);
    await crashed.write({ schema, stream: REF_ITEMS }, batch, at);
    await crashed.close();
    const parquet = () => [...fake.objects.keys()].filter((k) => k.endsWith(".parquet"));
    expect(parquet().length).toBeGreaterThan(4);
    // The engine's way in: the definition's writer, from the config.
    const writer = await (r2Destination.writer as NonNullable<typeof r2Destination.writer>).open(config, ctx);
    await writer.migrate(schema, [REF_ITEMS]);
    expect(parquet()).toEqual([]);
    await writer.write({ schema, stream: REF_ITEMS }, batch, at);
    await writer.delete({ schema, stream: REF_ITEMS }, [[3n]], { syncedAt: at });
    await writer.flush();
    await writer.close();
    const files: Record<string, Uint8Array> = {};
    for (const [id, bytes] of fake.objects) {
      if (id.startsWith(`lake/raw/${schema}/items/`)) files[id.slice(`lake/raw/${schema}/items/`.length)] = bytes;
    }
    const state = JSON.parse(fake.text(`lake/raw/${schema}/items/_fivetran_table.json`) ?? "{}");
    const answer = await duckdb(
      files,
      `SELECT id FROM (${reconstructSql({ format: "parquet", files: "{dir}/*/*.parquet", columns: state.columns, primaryKey: ["id"] })}) ORDER BY id`,
    );
    expect(answer.rows.map((r) => Number(r[0]))).toEqual(rows.map((r) => Number(r[0])).filter((id) => id !== 3));
    const manifest = JSON.parse(fake.text(`lake/raw/${schema}/_fivetran_runs/20310101T000000000Z.json`) ?? "{}");
    // Row 3's delete replaced its upsert in the open part: one row per key and part.
    expect(manifest.tables.items.rows).toBe(39);
    expect(manifest.tables.items.files.reduce((n: number, f: { deletes: number }) => n + f.deletes, 0)).toBe(1);
  });
});

describe("commit order", () => {
  it("uploads a flush's parts, then the table state, then the run's manifest last", async () => {
    const prefix = unique();
    const puts: string[] = [];
    const base = bindingLake(lake, "DATA_LAKE");
    const recording = {
      ...base,
      async put(key: string, body: string | Uint8Array, contentType: string) {
        puts.push(key.slice(prefix.length + 1));
        await base.put(key, body, contentType);
      },
    };
    const writer = new R2Writer(recording, { format: "csv", prefix, partBytes: 300 });
    await writer.migrate("order", [REF_ITEMS]);
    puts.length = 0;
    const rows: Row[] = Array.from({ length: 12 }, (_, i) => [
      BigInt(i),
      `n${i}`,
      "1.00",
      "2024-01-01T00:00:00.000000Z",
    ]);
    const at = new Date(Date.UTC(2031, 4, 6, 7, 8, 9, 10));
    await writer.write(
      { schema: "order", stream: REF_ITEMS },
      { kind: "upsert", stream: "ref.items", rows, count: 12, bytes: 700 },
      at,
    );
    await writer.flush();
    await writer.close();
    const parts = puts.filter((k) => k.endsWith(".csv"));
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((k) => k.startsWith("order/items/2031-05-06/20310506T070809010Z-"))).toBe(true);
    expect(puts.slice(parts.length)).toEqual([
      "order/items/_fivetran_table.json",
      "order/_fivetran_runs/20310506T070809010Z.json",
    ]);
    await removeUnder(prefix);
  });
});

describe("names", () => {
  it("refuses a table whose name cannot be a key segment, and names starting with _fivetran", async () => {
    const writer = new R2Writer(bindingLake(lake, "DATA_LAKE"), { format: "parquet", prefix: unique() });
    for (const name of ["a/b", "..", "tab\there", "_fivetran_runs"]) {
      await expect(writer.migrate("names", [{ ...REF_ITEMS, name }]), name).rejects.toThrow(TableError);
    }
    await writer.close();
  });
});

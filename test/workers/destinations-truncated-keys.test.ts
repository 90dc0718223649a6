/**
 * `truncatedKeys` (engine/protocol.ts) on the destinations whose bulk deletes it meters here:
 * Snowflake and BigQuery (the shared SQL writer, against the fakes of their APIs, which answer
 * its SELECTs in each vendor's result encoding) and R2 (its part files read back, in each
 * format). Per sync mode, with and without `before`, for a composite key and a keyless table
 * of every column type: the keys listed are exactly those the truncate then changes, and each
 * hashes (engine/usage.ts keyHash) as the key the source wrote. Paging: more keys than a page,
 * on a composite key whose first column repeats; R2 reads no part below a full truncate.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { bigQueryValue, openBigQueryWriter } from "../../src/engine/destinations/big-query/writer";
import { bindingLake } from "../../src/engine/destinations/r2/index";
import { type LakeBucket, R2Writer } from "../../src/engine/destinations/r2/writer";
import { openSnowflakeWriter, snowflakeValue } from "../../src/engine/destinations/snowflake/writer";
import { KEY_PAGE } from "../../src/engine/destinations/warehouse/sql-writer";
import type {
  ColumnType,
  DestinationWriter,
  Row,
  Stream,
  SyncMode,
  TableRef,
  UpsertBatch,
} from "../../src/engine/protocol";
import { keyHash } from "../../src/engine/usage";
import { bigQueryFake } from "../fakes/bigquery";
import { snowflakeFake } from "../fakes/snowflake";
import type { FakeTable, FakeWarehouse, Stored } from "../fakes/warehouse-sql";
import { snowflakeKeys } from "./conformance/fixtures/snowflake";
import { contextFor, SF_DEST_HOST, snowflakeWriterConfig } from "./conformance/fixtures/snowflake-destination";
import { readLake } from "./r2-lake";

const lake = (env as unknown as { DATA_LAKE: R2Bucket }).DATA_LAKE;
const unique = () => `tk${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}`;

const col = (name: string, type: ColumnType, sourceType: string, extra: object = {}) => ({
  name,
  type,
  sourceType,
  nullable: true,
  ...extra,
});

/** A composite key: (a long, b text). */
const PAIRS: Stream = {
  namespace: "public",
  name: "pairs",
  columns: [col("a", "long", "bigint"), col("b", "string", "text"), col("v", "string", "text")],
  primaryKey: ["a", "b"],
  cursorCandidates: [],
};

/** A table without a primary key, of every column type: its key is all its values. */
const LINES: Stream = {
  namespace: "public",
  name: "lines",
  columns: [
    col("flag", "boolean", "boolean"),
    col("i", "int", "integer"),
    col("l", "long", "bigint"),
    col("f", "float", "double precision"),
    col("dec", "decimal", "numeric(12,2)", { precision: 12, scale: 2 }),
    col("big", "decimal", "numeric"),
    col("s", "string", "text"),
    col("d", "date", "date"),
    col("tm", "time", "time without time zone"),
    col("ts", "timestamp", "timestamp without time zone"),
    col("tz", "timestamptz", "timestamp with time zone"),
    col("j", "json", "jsonb"),
    col("by", "binary", "bytea"),
    col("u", "uuid", "uuid"),
  ],
  primaryKey: [],
  cursorCandidates: [],
};

const LINE_ROWS: Row[] = [
  [
    true,
    7,
    9007199254740993n,
    1.5,
    "12.50",
    "123456789012345678901234567890.5",
    'héllo, "world"\nnext',
    "2024-01-02",
    "12:34:56.5",
    "2024-01-02T03:04:05.123456",
    "2024-01-02T03:04:05.654321Z",
    '{"a":[1,2],"b":"x"}',
    new Uint8Array([0, 255, 16]),
    "0b6f6d8e-3c1a-4a57-9c2e-7d5b1f0e9a11",
  ],
  [
    false,
    -3,
    -42n,
    -0.25,
    "0.00",
    "-1",
    "",
    "1999-12-31",
    "00:00:00",
    "1970-01-01T00:00:00.000000",
    "2031-06-30T23:59:59.999999Z",
    "[]",
    new Uint8Array([]),
    "ffffffff-ffff-4fff-bfff-ffffffffffff",
  ],
  [
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    "00000000-0000-4000-8000-000000000000",
  ],
];

const upsert = (stream: Stream, rows: Row[]): UpsertBatch => ({
  kind: "upsert",
  stream: `public.${stream.name}`,
  rows,
  count: rows.length,
  bytes: rows.length * 32,
});

const typesOf = (stream: Stream) =>
  stream.primaryKey.length > 0
    ? stream.primaryKey.map((k) => stream.columns.find((c) => c.name === k)?.type)
    : stream.columns.map((c) => c.type);
const hex = (values: Row, stream: Stream) => Buffer.from(keyHash(values, typesOf(stream))).toString("hex");

/** Every key `truncatedKeys` lists, hashed as usage metering hashes them, sorted; and the pages' sizes. */
async function listed(writer: DestinationWriter, ref: TableRef, before?: Date) {
  const keys: string[] = [];
  const pages: number[] = [];
  for await (const page of (writer.truncatedKeys as NonNullable<DestinationWriter["truncatedKeys"]>)(ref, before)) {
    pages.push(page.length);
    for (const key of page) keys.push(hex(key, ref.stream));
  }
  return { keys: keys.sort(), pages };
}

const pairKey = (a: number) => [BigInt(a), `b${a % 3}`];
const pairRow = (a: number, v: string): Row => [...pairKey(a), v];
const pairHashes = (ids: number[]) => ids.map((a) => hex(pairKey(a), PAIRS)).sort();
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

interface Target {
  name: string;
  modes: SyncMode[];
  open(): Promise<DestinationWriter>;
  /** Rows put straight into the destination's table (more than a page, without a writer's round trips). */
  bulk?(schema: string, stream: Stream, rows: Row[], synced: string): Promise<void>;
}

/** A fake warehouse's table rows, by the writer's names (Snowflake upper-cases them). */
function pushRows(w: FakeWarehouse, table: FakeTable | undefined, stream: Stream, rows: Row[], synced: string) {
  if (!table) throw new Error("the table was not created");
  const index = (name: string) => table.columns.findIndex((c) => c.name.toLowerCase() === name.toLowerCase());
  for (const row of rows) {
    const stored: Stored[] = table.columns.map(() => null);
    stream.columns.forEach((c, i) => {
      const v = row[i] ?? null;
      stored[index(c.name)] = v === null ? null : typeof v === "bigint" ? String(v) : (v as Stored);
    });
    stored[index("_fivetran_synced")] = synced;
    const deleted = index("_fivetran_deleted");
    if (deleted >= 0) stored[deleted] = false;
    table.rows.push(stored);
  }
  void w;
}

const snowflake = (async () => {
  const { privateKey, publicKey } = await snowflakeKeys();
  const fake = snowflakeFake({
    account: "AB12345",
    host: SF_DEST_HOST,
    users: [{ name: "LOADER", publicKeyPem: publicKey, defaultRole: "LOADER_ROLE", defaultWarehouse: "LOADING_WH" }],
    databases: ["ANALYTICS"],
    warehouses: ["LOADING_WH"],
    asynchronous: true,
    partitionRows: 1000,
  });
  return { fake, privateKey };
})();

const BQ_PROJECT = "truncated-keys";
const BQ_EMAIL = "loader@truncated-keys.iam.gserviceaccount.com";
const bigquery = (async () => {
  const { privateKey, publicKey } = await snowflakeKeys();
  const fake = bigQueryFake({
    serviceAccounts: [{ client_email: BQ_EMAIL, publicKeyPem: publicKey, projects: [BQ_PROJECT] }],
    datasets: {},
    asynchronous: true,
    pageRows: 700,
  });
  return { fake, key: { client_email: BQ_EMAIL, private_key: privateKey } };
})();

const TARGETS: Target[] = [
  {
    name: "snowflake",
    modes: ["soft_delete", "history", "live"],
    async open() {
      const { fake, privateKey } = await snowflake;
      return openSnowflakeWriter(snowflakeWriterConfig(privateKey), contextFor(fake.fetch));
    },
    async bulk(schema, stream, rows, synced) {
      const w = (await snowflake).fake.warehouse("ANALYTICS");
      pushRows(w, w.table(schema.toUpperCase(), stream.name.toUpperCase()), stream, rows, synced);
    },
  },
  {
    name: "big_query",
    modes: ["soft_delete", "history", "live"],
    async open() {
      const { fake, key } = await bigquery;
      return openBigQueryWriter({ project_id: BQ_PROJECT }, key, contextFor(fake.fetch));
    },
    async bulk(schema, stream, rows, synced) {
      const w = (await bigquery).fake.warehouse(BQ_PROJECT);
      pushRows(w, w.table(schema, stream.name), stream, rows, synced);
    },
  },
  ...(["parquet", "json", "csv"] as const).map((format) => ({
    name: `r2 (${format})`,
    modes: ["soft_delete" as const],
    open: async () => new R2Writer(bindingLake(lake, "DATA_LAKE"), { format, prefix: "truncated-keys" }),
  })),
];

const T1 = new Date("2031-02-01T00:00:00.000Z");
const T2 = new Date("2031-02-01T00:00:00.001Z"); // one millisecond later

for (const target of TARGETS) {
  describe(`truncatedKeys: ${target.name}`, () => {
    for (const mode of target.modes) {
      it(`${mode}: lists exactly the keys truncate changes, with and without before (composite key)`, async () => {
        const schema = unique();
        const ref: TableRef = { schema, stream: PAIRS, mode };
        let writer = await target.open();
        await writer.migrate(schema, [PAIRS], [mode]);
        await writer.write(
          ref,
          upsert(
            PAIRS,
            range(1, 10).map((a) => pairRow(a, "one")),
          ),
          T1,
        );
        await writer.write(
          ref,
          upsert(
            PAIRS,
            range(5, 12).map((a) => pairRow(a, "two")),
          ),
          T2,
        );
        await writer.delete(ref, [pairKey(6)], { syncedAt: T2 });
        await writer.flush();
        // By hand: 6 is deleted (soft_delete: marked; history: closed; live: gone); 1–4 were
        // synced at T1 only, 5 and 7–12 again at T2.
        expect(await listed(writer, ref)).toEqual({ keys: pairHashes([...range(1, 5), ...range(7, 12)]), pages: [11] });
        expect((await listed(writer, ref, T2)).keys).toEqual(pairHashes(range(1, 4)));
        expect((await listed(writer, ref, T1)).keys).toEqual([]);
        await writer.truncate(ref, T2, { syncedAt: T2 });
        await writer.flush();
        // Nothing left for the same truncate; the rest is what a full truncate would change.
        expect((await listed(writer, ref, T2)).keys).toEqual([]);
        await writer.close();
        writer = await target.open();
        await writer.migrate(schema, [PAIRS], [mode]);
        expect((await listed(writer, ref)).keys).toEqual(pairHashes([5, ...range(7, 12)]));
        await writer.truncate(ref, undefined, { syncedAt: T2 });
        await writer.flush();
        expect((await listed(writer, ref)).keys).toEqual([]);
        // A key written again after the truncate is live again (R2: in a part above the marker).
        await writer.write(ref, upsert(PAIRS, [pairRow(3, "three")]), new Date(T2.getTime() + 1));
        expect((await listed(writer, ref)).keys).toEqual(pairHashes([3]));
        await writer.close();
      });
    }

    it("a keyless table of every type: each key read back hashes as the row the source wrote", async () => {
      const schema = unique();
      const ref: TableRef = { schema, stream: LINES };
      const writer = await target.open();
      await writer.migrate(schema, [LINES]);
      await writer.write(ref, upsert(LINES, LINE_ROWS.slice(0, 2)), T1);
      await writer.write(ref, upsert(LINES, LINE_ROWS.slice(2)), T2);
      await writer.flush();
      const all = LINE_ROWS.map((row) => hex(row, LINES)).sort();
      const listing = await listed(writer, ref);
      expect(listing.keys).toEqual(all);
      expect((await listed(writer, ref, T2)).keys).toEqual(
        LINE_ROWS.slice(0, 2)
          .map((row) => hex(row, LINES))
          .sort(),
      );
      await writer.truncate(ref, T2, { syncedAt: T2 });
      expect((await listed(writer, ref)).keys).toEqual([hex(LINE_ROWS[2] as Row, LINES)]);
      await writer.close();
    });

    if (target.bulk) {
      it("a JSON primary key is read and ordered as its text (BigQuery cannot order JSON)", async () => {
        const schema = unique();
        const stream: Stream = {
          ...PAIRS,
          name: "docs",
          columns: [col("doc", "json", "jsonb"), col("v", "string", "text")],
          primaryKey: ["doc"],
        };
        const ref: TableRef = { schema, stream };
        const writer = await target.open();
        await writer.migrate(schema, [stream]);
        const docs = ['{"id":1}', '{"id":2,"tags":["a"]}', "[3]"];
        await writer.write(
          ref,
          upsert(
            stream,
            docs.map((d) => [d, "v"]),
          ),
          T1,
        );
        expect((await listed(writer, ref)).keys).toEqual(docs.map((d) => hex([d], stream)).sort());
        await writer.close();
      });
    }

    it(`pages: ${KEY_PAGE + 3} keys on a composite key whose first column repeats, each listed once`, async () => {
      const schema = unique();
      const ref: TableRef = { schema, stream: PAIRS };
      const writer = await target.open();
      await writer.migrate(schema, [PAIRS]);
      const ids = range(1, KEY_PAGE + 3);
      // (a, b) with a taking 3 values: the keyset's `a = last AND b > last` carries most pages.
      const rows = ids.map((i): Row => [BigInt(i % 3), `k${String(i).padStart(5, "0")}`, "v"]);
      if (target.bulk) {
        await target.bulk(schema, PAIRS, rows, "2031-02-01T00:00:00.000000Z");
      } else {
        await writer.write(ref, upsert(PAIRS, rows), T1);
        await writer.flush();
      }
      const listing = await listed(writer, ref);
      expect(listing.keys).toEqual(rows.map((row) => hex(row.slice(0, 2), PAIRS)).sort());
      expect(listing.pages.reduce((a, b) => a + b, 0)).toBe(ids.length);
      expect(Math.max(...listing.pages)).toBeLessThanOrEqual(KEY_PAGE);
      await writer.close();
    });
  });
}

describe("truncatedKeys: r2's reading", () => {
  it("reads no part below a full truncate, and a table's keys as the reconstruct query has them", async () => {
    const prefix = unique();
    const schema = "reading";
    const reads: string[] = [];
    const base = bindingLake(lake, "DATA_LAKE");
    const counting: LakeBucket = {
      ...base,
      async getBytes(key) {
        reads.push(key.slice(`${prefix}/${schema}/pairs/`.length));
        return base.getBytes(key);
      },
    };
    const ref: TableRef = { schema, stream: PAIRS };
    const writer = new R2Writer(counting, { format: "parquet", prefix });
    await writer.migrate(schema, [PAIRS]);
    for (const [n, at] of [T1, T2].entries()) {
      await writer.write(
        ref,
        upsert(
          PAIRS,
          range(1, 30).map((a) => pairRow(a, `run ${n}`)),
        ),
        at,
      );
      await writer.flush();
    }
    const T3 = new Date(T2.getTime() + 60_000);
    await writer.truncate(ref, undefined, { syncedAt: T3 });
    await writer.write(
      ref,
      upsert(
        PAIRS,
        range(1, 5).map((a) => pairRow(a, "after")),
      ),
      T3,
    );
    await writer.flush();
    reads.length = 0;
    expect((await listed(writer, ref)).keys).toEqual(pairHashes(range(1, 5)));
    // The part after the marker and the marker: the two parts below it are never fetched.
    expect(reads.map((k) => k.replace(/^.*-(\d+)\.parquet$/, "$1"))).toEqual(["0000000003", "0000000002"]);
    // The same keys as DuckDB's reconstruct query finds live.
    const lakeRows = await readLake(lake, `${prefix}/${schema}/pairs`, PAIRS, "current");
    expect(lakeRows.stored.map((r) => hex(r.row.slice(0, 2), PAIRS)).sort()).toEqual(pairHashes(range(1, 5)));
    await writer.close();
  });
});

describe("truncatedKeys: the vendors' result encodings, decoded", () => {
  const column = (type: ColumnType, sourceType = type as string) => col("c", type, sourceType);
  it("Snowflake's jsonv2 cells (the SQL API's Handling responses examples)", () => {
    const cases: [string, { type: string; scale?: number }, ColumnType, unknown][] = [
      ["18262", { type: "date" }, "date", "2020-01-01"],
      ["82919.000000000", { type: "time", scale: 9 }, "time", "23:01:59"],
      ["82919.123456000", { type: "time", scale: 9 }, "time", "23:01:59.123456"],
      ["1616173619.000000000", { type: "timestamp_ntz", scale: 9 }, "timestamp", "2021-03-19T17:06:59.000000"],
      ["1616173619.500000000 960", { type: "timestamp_tz", scale: 9 }, "timestamptz", "2021-03-19T17:06:59.500000Z"],
      ["-1.500000000", { type: "timestamp_ntz", scale: 9 }, "timestamp", "1969-12-31T23:59:58.500000"],
      ["9223372036854775807", { type: "fixed", scale: 0 }, "long", 9223372036854775807n],
      ["12.50", { type: "fixed", scale: 2 }, "decimal", "12.50"],
      ["7", { type: "fixed", scale: 0 }, "int", 7],
      ["-inf", { type: "real" }, "float", Number.NEGATIVE_INFINITY],
      ["true", { type: "boolean" }, "boolean", true],
      ["48656C6C6F", { type: "binary" }, "binary", new TextEncoder().encode("Hello")],
      ['{\n  "a": 1\n}', { type: "variant" }, "json", '{"a":1}'],
    ];
    for (const [cell, type, columnType, value] of cases) {
      expect(snowflakeValue(cell, { name: "C", ...type }, column(columnType)), cell).toEqual(value);
    }
    expect(snowflakeValue(null, { name: "C", type: "fixed" }, column("long"))).toBeNull();
  });

  it("BigQuery's f/v cells (int64 timestamps asked for)", () => {
    const cases: [string, string, ColumnType, unknown][] = [
      ["1616173619123456", "TIMESTAMP", "timestamptz", "2021-03-19T17:06:59.123456Z"],
      ["2021-03-19T17:06:59", "DATETIME", "timestamp", "2021-03-19T17:06:59.000000"],
      ["2021-03-19T17:06:59.5", "DATETIME", "timestamp", "2021-03-19T17:06:59.500000"],
      ["17:06:59.500000", "TIME", "time", "17:06:59.5"],
      ["2021-03-19", "DATE", "date", "2021-03-19"],
      ["-9223372036854775808", "INTEGER", "long", -9223372036854775808n],
      ["12.5", "NUMERIC", "decimal", "12.5"],
      ["Infinity", "FLOAT", "float", Number.POSITIVE_INFINITY],
      ["false", "BOOLEAN", "boolean", false],
      ["SGVsbG8=", "BYTES", "binary", new TextEncoder().encode("Hello")],
    ];
    for (const [cell, type, columnType, value] of cases) {
      expect(bigQueryValue(cell, { name: "c", type }, column(columnType)), cell).toEqual(value);
    }
    // NUMERIC without trailing zeros and Snowflake's with them are one key.
    expect(keyHash([bigQueryValue("12.5", { name: "c", type: "NUMERIC" }, column("decimal"))], ["decimal"])).toEqual(
      keyHash([snowflakeValue("12.50", { name: "C", type: "fixed", scale: 2 }, column("decimal"))], ["decimal"]),
    );
  });
});

describe("truncatedKeys: r2 past its fingerprint limit", () => {
  it("reads the files again per share of the key space, listing every key (some twice: metering keeps sets)", async () => {
    const prefix = unique();
    const schema = "shares";
    let fetched = 0;
    const base = bindingLake(lake, "DATA_LAKE");
    const counting: LakeBucket = {
      ...base,
      async getBytes(key) {
        fetched += 1;
        return base.getBytes(key);
      },
    };
    const ref: TableRef = { schema, stream: PAIRS };
    // 7 fingerprints at most for 40 keys (and 10 more written again later): 8 shares of ~5.
    const writer = new R2Writer(counting, { format: "csv", prefix, seenLimit: 7 });
    await writer.migrate(schema, [PAIRS]);
    await writer.write(
      ref,
      upsert(
        PAIRS,
        range(1, 40).map((a) => pairRow(a, "one")),
      ),
      T1,
    );
    await writer.flush();
    await writer.write(
      ref,
      upsert(
        PAIRS,
        range(31, 40).map((a) => pairRow(a, "two")),
      ),
      T2,
    );
    await writer.delete(ref, [pairKey(40)], { syncedAt: T2 });
    await writer.flush();
    const listing = await listed(writer, ref, T2);
    // By hand: synced before T2 and live are 1–30 (31–39 were written again at T2, 40 deleted).
    expect([...new Set(listing.keys)].sort()).toEqual(pairHashes(range(1, 30)));
    expect(fetched).toBeGreaterThan(2);
    await writer.close();
  });
});

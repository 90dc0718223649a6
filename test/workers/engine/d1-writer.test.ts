import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { D1Writer, hash128, rowId } from "../../../src/engine/destinations/d1/writer";
import type { Column, ColumnType, Stream, UpsertBatch } from "../../../src/engine/protocol";
import { bindingExecutor, D1ApiError, type D1Executor, type D1Statement } from "../../../src/engine/toolkit/d1-client";
import { CopyText, type PgTextRow } from "../../../src/engine/toolkit/pg-copy";
import { pgArrayToJson, rfc3339 } from "../../../src/engine/toolkit/pg-values";
import { cloudflareD1Fake } from "../../fakes/cloudflare-d1";

/**
 * A D1Writer whose writes are durable when they resolve: `write` lets the batch run while the
 * next page is prepared and `flush` waits for it; these tests read back after every write.
 */
async function openWriter(...args: Parameters<typeof D1Writer.open>) {
  return compat(await D1Writer.open(...args));
}

/**
 * The writer addressed by schema and stream, as these tests were written: in live mode (rows
 * deleted are removed), the behaviour they test. Soft delete and the switches between modes are
 * the conformance suite's (test/workers/conformance/suite.ts).
 */
function compat(writer: D1Writer) {
  return {
    inner: writer,
    ensureSchema: (schema: string, streams: Stream[]) =>
      writer.migrate(
        schema,
        streams,
        streams.map(() => "live"),
      ),
    async write(schema: string, s: Stream, batch: UpsertBatch, syncedAt: Date) {
      const result = await writer.write({ schema, stream: s, mode: "live" }, batch, syncedAt);
      await writer.flush();
      return result;
    },
    flush: () => writer.flush(),
    close: () => writer.close(),
  };
}

type Row = PgTextRow;

const db = (env as unknown as { WAREHOUSE: D1Database }).WAREHOUSE;
const T1 = new Date("2024-05-01T10:00:00.000Z");
const T2 = new Date("2024-05-02T10:00:00.250Z");

function col(name: string, type: ColumnType, sourceType = "text", extra: Partial<Column> = {}): Column {
  return { name, type, sourceType, nullable: true, ...extra };
}

function stream(name: string, columns: Column[], primaryKey: string[] = []): Stream {
  return { namespace: "public", name, columns, primaryKey, cursorCandidates: [] };
}

/**
 * A batch of rows given in PostgreSQL text, as a Postgres source sends it: COPY text (the
 * `pg-copy` codec D1 declares), range bounds in text too (the writer renders key values as text).
 */
function page(s: Stream, rows: Row[], range?: { after: Row | null; through: Row }): UpsertBatch {
  const copy = CopyText.fromRows(rows);
  return {
    kind: "upsert",
    stream: `${s.namespace}.${s.name}`,
    encoded: { codec: "pg-copy", data: copy },
    count: rows.length,
    bytes: copy.data.length,
    range,
    get rows() {
      return rows;
    },
  };
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Drops the D1 tables of `schema` left by an earlier run, so every test starts empty. */
async function reset(schema: string, ...tables: string[]) {
  for (const table of tables) await db.prepare(`DROP TABLE IF EXISTS ${q(`${schema}__${table}`)}`).run();
}

async function select<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]> {
  return (
    await db
      .prepare(sql)
      .bind(...params)
      .all<T>()
  ).results;
}

async function columnsOf(table: string) {
  return select<{ name: string; type: string; notnull: number; pk: number }>(
    'SELECT name, type, "notnull", pk FROM pragma_table_info(?1) ORDER BY cid',
    table,
  );
}

describe("value conversion", () => {
  it("writes timestamps as RFC 3339 with microseconds, in UTC when zoned", () => {
    expect(rfc3339("2024-01-01 12:00:00.123456+00", true)).toBe("2024-01-01T12:00:00.123456Z");
    expect(rfc3339("2024-01-01 12:00:00+00", true)).toBe("2024-01-01T12:00:00.000000Z");
    expect(rfc3339("2024-01-01 02:00:00.5+05:30", true)).toBe("2023-12-31T20:30:00.500000Z");
    expect(rfc3339("2024-02-28 23:00:00-02", true)).toBe("2024-02-29T01:00:00.000000Z");
    expect(rfc3339("1900-01-01 00:00:00+00:01:15", true)).toBe("1899-12-31T23:58:45.000000Z");
    expect(rfc3339("0099-06-01 00:30:00+01", true)).toBe("0099-05-31T23:30:00.000000Z");
    expect(rfc3339("2024-01-01 12:00:00.1", false)).toBe("2024-01-01T12:00:00.100000");
    // Values RFC 3339 cannot express are kept as PostgreSQL wrote them.
    expect(rfc3339("infinity", true)).toBe("infinity");
    expect(rfc3339("0044-03-15 12:00:00+00 BC", true)).toBe("0044-03-15 12:00:00+00 BC");
  });

  it("turns PostgreSQL array literals into JSON arrays", () => {
    expect(pgArrayToJson('{a,"b c",NULL,"d\\"e","NULL","",x\\y}')).toBe('["a","b c",null,"d\\"e","NULL","","x\\\\y"]');
    expect(pgArrayToJson("{{1,2},{3,NULL}}", (v) => v)).toBe("[[1,2],[3,null]]");
    expect(pgArrayToJson("[0:1]={x,y}")).toBe('["x","y"]');
    expect(pgArrayToJson("{}")).toBe("[]");
    expect(pgArrayToJson('["already","json"]')).toBe('["already","json"]');
    expect(() => pgArrayToJson('{"unterminated}')).toThrow(/malformed array literal/);
    expect(() => pgArrayToJson("{a}trailing")).toThrow(/malformed array literal/);
  });

  it("gives rows without a key a 128-bit id that tells null, '' and 'null' apart", () => {
    const ids = [rowId([null]), rowId([""]), rowId(["null"]), rowId(["a", "b"]), rowId(["a,b"]), rowId(["ab"])];
    expect(new Set(ids).size).toBe(ids.length);
    expect(rowId(["a", null, "1"])).toBe(rowId(["a", null, "1"]));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    // Every length of tail (0–7 code units past a 16-byte block) reaches the hash.
    const lengths = Array.from({ length: 17 }, (_, n) => hash128("x".repeat(n)));
    expect(new Set(lengths).size).toBe(17);
  });
});

describe("D1Writer on the WAREHOUSE binding", () => {
  it("creates tables with mapped types, the system columns and the key; ensureSchema is idempotent", async () => {
    await reset("d1w_ddl", "typed", "nokey");
    const typed = stream(
      "typed",
      [
        col("id", "long", "bigint", { nullable: false }),
        col("flag", "boolean", "boolean"),
        col("n", "int", "integer"),
        col("ratio", "float", "double precision"),
        col("price", "decimal", "numeric(12,2)", { precision: 12, scale: 2 }),
        col("count", "decimal", "numeric(18,0)", { precision: 18, scale: 0 }),
        col("huge", "decimal", "numeric"),
        col("name", "string"),
        col("uid", "uuid", "uuid"),
        col("day", "date", "date"),
        col("at", "time", "time without time zone"),
        col("local", "timestamp", "timestamp without time zone"),
        col("zoned", "timestamptz", "timestamp with time zone"),
        col("doc", "json", "jsonb"),
        col("raw", "binary", "bytea"),
        col("tags", "array", "text[]"),
      ],
      ["id"],
    );
    const nokey = stream("nokey", [col("a", "string"), col("b", "int", "integer")]);
    const writer = await openWriter(db);
    await writer.ensureSchema("d1w_ddl", [typed, nokey]);
    await writer.ensureSchema("d1w_ddl", [typed, nokey]);

    expect(await columnsOf("d1w_ddl__typed")).toEqual([
      { name: "id", type: "INTEGER", notnull: 1, pk: 1 },
      { name: "flag", type: "INTEGER", notnull: 0, pk: 0 },
      { name: "n", type: "INTEGER", notnull: 0, pk: 0 },
      { name: "ratio", type: "REAL", notnull: 0, pk: 0 },
      { name: "price", type: "TEXT", notnull: 0, pk: 0 },
      { name: "count", type: "INTEGER", notnull: 0, pk: 0 },
      { name: "huge", type: "TEXT", notnull: 0, pk: 0 },
      { name: "name", type: "TEXT", notnull: 0, pk: 0 },
      { name: "uid", type: "TEXT", notnull: 0, pk: 0 },
      { name: "day", type: "TEXT", notnull: 0, pk: 0 },
      { name: "at", type: "TEXT", notnull: 0, pk: 0 },
      { name: "local", type: "TEXT", notnull: 0, pk: 0 },
      { name: "zoned", type: "TEXT", notnull: 0, pk: 0 },
      { name: "doc", type: "TEXT", notnull: 0, pk: 0 },
      { name: "raw", type: "BLOB", notnull: 0, pk: 0 },
      { name: "tags", type: "TEXT", notnull: 0, pk: 0 },
      { name: "_fivetran_synced", type: "TEXT", notnull: 1, pk: 0 },
    ]);
    expect(await columnsOf("d1w_ddl__nokey")).toEqual([
      { name: "a", type: "TEXT", notnull: 0, pk: 0 },
      { name: "b", type: "INTEGER", notnull: 0, pk: 0 },
      { name: "_fivetran_synced", type: "TEXT", notnull: 1, pk: 0 },
      { name: "_fivetran_id", type: "TEXT", notnull: 1, pk: 1 },
    ]);
  });

  it("refuses what D1 cannot hold, naming the table and columns", async () => {
    await reset("d1w_refuse", "wide", "cased", "rekeyed");
    const writer = await openWriter(db);
    const wide = stream(
      "wide",
      Array.from({ length: 100 }, (_, i) => col(`c${i}`, "string")),
      ["c0"],
    );
    await expect(writer.ensureSchema("d1w_refuse", [wide])).rejects.toThrow(
      /public\.wide needs 101 columns in D1 table "d1w_refuse__wide".*at most 100/,
    );
    const cased = stream("cased", [col("Name", "string"), col("name", "string")]);
    await expect(writer.ensureSchema("d1w_refuse", [cased])).rejects.toThrow(
      /columns "Name" and "name" of public\.cased differ only in case/,
    );
    const replicated = stream("replicated", [col("id", "int"), col("_Fivetran_Synced", "timestamptz")], ["id"]);
    await expect(writer.ensureSchema("d1w_refuse", [replicated])).rejects.toThrow(
      /column "_Fivetran_Synced" of public\.replicated clashes with the system column/,
    );
    await writer.ensureSchema("d1w_refuse", [stream("rekeyed", [col("id", "int"), col("v", "string")], ["id"])]);
    await expect(
      writer.ensureSchema("d1w_refuse", [stream("rekeyed", [col("id", "int"), col("v", "string")], ["id", "v"])]),
    ).rejects.toThrow(/has primary key \(id\) but public\.rekeyed now has \(id, v\); re-sync/);
  });

  it("upserts: writing the same page twice changes nothing, a changed row is updated", async () => {
    await reset("d1w_upsert", "orders");
    const orders = stream("orders", [col("id", "long", "bigint"), col("name", "string"), col("qty", "int")], ["id"]);
    const writer = await openWriter(db);
    await writer.ensureSchema("d1w_upsert", [orders]);
    const rows: Row[] = [
      ["1", "one", "10"],
      ["2", "two", null],
      ["3", "three", "30"],
    ];
    const batch = page(orders, rows);
    expect(await writer.write("d1w_upsert", orders, batch, T1)).toEqual({ rows: 3, bytes: batch.bytes });
    const read = () => select('SELECT id, name, qty, _fivetran_synced AS synced FROM "d1w_upsert__orders" ORDER BY id');
    const first = await read();
    expect(first).toEqual([
      { id: 1, name: "one", qty: 10, synced: "2024-05-01T10:00:00.000000Z" },
      { id: 2, name: "two", qty: null, synced: "2024-05-01T10:00:00.000000Z" },
      { id: 3, name: "three", qty: 30, synced: "2024-05-01T10:00:00.000000Z" },
    ]);
    await writer.write("d1w_upsert", orders, page(orders, rows), T1);
    expect(await read()).toEqual(first);

    await writer.write("d1w_upsert", orders, page(orders, [["2", "TWO", "20"]]), T2);
    expect(await read()).toEqual([
      first[0],
      { id: 2, name: "TWO", qty: 20, synced: "2024-05-02T10:00:00.250000Z" },
      first[2],
    ]);
  });

  it("replaces a snapshot page's key range, single and composite keys, leaving other ranges alone", async () => {
    await reset("d1w_range", "single", "composite");
    const single = stream("single", [col("id", "int", "integer"), col("v", "string")], ["id"]);
    const composite = stream(
      "composite",
      [col("a", "int", "integer"), col("b", "long", "bigint"), col("v", "string")],
      ["a", "b"],
    );
    const writer = await openWriter(db);
    await writer.ensureSchema("d1w_range", [single, composite]);

    const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
    await writer.write(
      "d1w_range",
      single,
      page(
        single,
        ids(1, 10).map((id) => [id, `v${id}`]),
        { after: null, through: ["10"] },
      ),
      T1,
    );
    await writer.write(
      "d1w_range",
      single,
      page(
        single,
        ids(11, 20).map((id) => [id, `v${id}`]),
        { after: ["10"], through: ["20"] },
      ),
      T1,
    );
    // A re-snapshot: rows 3, 5 and 12 are gone from the source, 7 changed.
    const again = ids(1, 10)
      .filter((id) => id !== "3" && id !== "5")
      .map((id) => [id, id === "7" ? "seven" : `v${id}`]);
    await writer.write("d1w_range", single, page(single, again, { after: null, through: ["10"] }), T2);
    const single1 = await select<{ id: number; v: string }>('SELECT id, v FROM "d1w_range__single" ORDER BY id');
    expect(single1.map((r) => r.id)).toEqual([1, 2, 4, 6, 7, 8, 9, 10, ...ids(11, 20).map(Number)]);
    expect(single1.find((r) => r.id === 7)?.v).toBe("seven");
    await writer.write(
      "d1w_range",
      single,
      page(
        single,
        ids(11, 20)
          .filter((id) => id !== "12")
          .map((id) => [id, `v${id}`]),
        { after: ["10"], through: ["20"] },
      ),
      T2,
    );
    expect((await select<{ id: number }>('SELECT id FROM "d1w_range__single" ORDER BY id')).map((r) => r.id)).toEqual([
      1,
      2,
      4,
      6,
      7,
      8,
      9,
      10,
      11,
      ...ids(13, 20).map(Number),
    ]);

    // Composite keys compare as row values: (1,5) < (2,1) < (2,3) ≤ (2,10) < (3,0).
    const rows: Row[] = [
      ["1", "5", "a"],
      ["2", "1", "b"],
      ["2", "3", "c"],
      ["2", "10", "d"],
      ["3", "0", "e"],
    ];
    await writer.write("d1w_range", composite, page(composite, rows), T1);
    await writer.write(
      "d1w_range",
      composite,
      page(composite, [["2", "3", "C"]], { after: ["2", "1"], through: ["2", "10"] }),
      T2,
    );
    expect(await select('SELECT a, b, v FROM "d1w_range__composite" ORDER BY a, b')).toEqual([
      { a: 1, b: 5, v: "a" },
      { a: 2, b: 1, v: "b" },
      { a: 2, b: 3, v: "C" },
      { a: 3, b: 0, v: "e" },
    ]);
  });

  it("never deletes by a text key range, whose order in PostgreSQL's collation is not SQLite's", async () => {
    await reset("d1w_textkey", "words");
    const words = stream("words", [col("w", "string"), col("n", "int")], ["w"]);
    const writer = await openWriter(db);
    await writer.ensureSchema("d1w_textkey", [words]);
    // In en_US order 'aa' < 'a-b' < 'b'; in SQLite's byte order 'a-b' < 'aa' < 'b'. Deleting the
    // second page's range ('a-b', 'zz'] in byte order would drop 'aa', written by the first page.
    await writer.write(
      "d1w_textkey",
      words,
      page(
        words,
        [
          ["aa", "1"],
          ["a-b", "2"],
        ],
        { after: null, through: ["a-b"] },
      ),
      T1,
    );
    await writer.write("d1w_textkey", words, page(words, [["b", "3"]], { after: ["a-b"], through: ["zz"] }), T1);
    expect((await select<{ w: string }>('SELECT w FROM "d1w_textkey__words" ORDER BY w')).map((r) => r.w)).toEqual([
      "a-b",
      "aa",
      "b",
    ]);
  });

  it("collapses duplicate rows of a table without a key into one row each", async () => {
    await reset("d1w_nokey", "events");
    const events = stream("events", [col("kind", "string"), col("n", "int", "integer"), col("at", "timestamptz")]);
    const writer = await openWriter(db);
    await writer.ensureSchema("d1w_nokey", [events]);
    const rows: Row[] = [
      ["click", "1", "2024-01-01 00:00:00+00"],
      ["click", "1", "2024-01-01 00:00:00+00"],
      ["click", null, "2024-01-01 00:00:00+00"],
      ["view", "1", "2024-01-01 00:00:00+00"],
      ["click", "1", "2024-01-01 00:00:00+00"],
    ];
    expect((await writer.write("d1w_nokey", events, page(events, rows), T1)).rows).toBe(5);
    await writer.write("d1w_nokey", events, page(events, rows.slice(0, 2)), T2);
    const stored = await select<{ kind: string; n: number | null; id: string; synced: string }>(
      'SELECT kind, n, _fivetran_id AS id, _fivetran_synced AS synced FROM "d1w_nokey__events" ORDER BY kind, n',
    );
    expect(stored.map((r) => [r.kind, r.n, r.synced])).toEqual([
      ["click", null, "2024-05-01T10:00:00.000000Z"],
      ["click", 1, "2024-05-02T10:00:00.250000Z"],
      ["view", 1, "2024-05-01T10:00:00.000000Z"],
    ]);
    expect(stored.find((r) => r.n === 1 && r.kind === "click")?.id).toBe(rowId(rows[0] as Row));
  });

  it("adds columns that appeared in the source; older rows read NULL there", async () => {
    await reset("d1w_evolve", "people");
    const v1 = stream("people", [col("id", "int"), col("name", "string")], ["id"]);
    const v2 = stream("people", [col("id", "int"), col("name", "string"), col("Born On", "date", "date")], ["id"]);
    let writer = await openWriter(db);
    await writer.ensureSchema("d1w_evolve", [v1]);
    await writer.write("d1w_evolve", v1, page(v1, [["1", "ann"]]), T1);
    writer = await openWriter(db);
    await writer.ensureSchema("d1w_evolve", [v2]);
    await writer.write("d1w_evolve", v2, page(v2, [["2", "bob", "1990-02-03"]]), T2);
    expect((await columnsOf("d1w_evolve__people")).map((c) => `${c.name} ${c.type}`)).toEqual([
      "id INTEGER",
      "name TEXT",
      "_fivetran_synced TEXT",
      "Born On TEXT",
    ]);
    expect(await select('SELECT id, name, "Born On" AS born FROM "d1w_evolve__people" ORDER BY id')).toEqual([
      { id: 1, name: "ann", born: null },
      { id: 2, name: "bob", born: "1990-02-03" },
    ]);
  });

  it("handles awkward names: quotes, spaces, reserved words and unicode", async () => {
    const schema = 'd1w_we"ird schema';
    await reset(schema, "order");
    const s = stream(
      "order",
      [col("select", "int"), col('the "quoted"', "string"), col("with space", "string"), col("ünïcødé ☃", "string")],
      ["select"],
    );
    const writer = await openWriter(db);
    await writer.ensureSchema(schema, [s]);
    await writer.write(schema, s, page(s, [["1", 'a "b"', "c d", "☃"]], { after: null, through: ["1"] }), T1);
    await writer.write(schema, s, page(s, [["1", 'a "b"', "c d", "snow ☃"]], { after: null, through: ["1"] }), T1);
    expect(
      await select(
        `SELECT "select", "the ""quoted""" AS q, "with space" AS w, "ünïcødé ☃" AS u FROM ${q(`${schema}__order`)}`,
      ),
    ).toEqual([{ select: 1, q: 'a "b"', w: "c d", u: "snow ☃" }]);
  });

  it("converts every type exactly: numbers, timestamps with zones, json, arrays, bytea, nulls", async () => {
    await reset("d1w_types", "all");
    const columns = [
      col("id", "int", "integer"),
      col("flag", "boolean", "boolean"),
      col("small", "int", "integer"),
      col("big", "long", "bigint"),
      col("ratio", "float", "double precision"),
      col("price", "decimal", "numeric(12,2)", { precision: 12, scale: 2 }),
      col("whole", "decimal", "numeric(18,0)", { precision: 18, scale: 0 }),
      col("huge", "decimal", "numeric"),
      col("name", "string", "text"),
      col("uid", "uuid", "uuid"),
      col("day", "date", "date"),
      col("at", "time", "time with time zone"),
      col("local", "timestamp", "timestamp without time zone"),
      col("zoned", "timestamptz", "timestamp with time zone"),
      col("doc", "json", "jsonb"),
      col("raw", "binary", "bytea"),
      col("texts", "array", "text[]"),
      col("ints", "array", "integer[]"),
      col("nums", "array", "numeric(30,2)[]"),
      col("bools", "array", "boolean[]"),
      col("docs", "array", "jsonb[]"),
      col("stamps", "array", "timestamp with time zone[]"),
    ];
    const all = stream("all", columns, ["id"]);
    const rows: Row[] = [
      [
        "1",
        "t",
        "-2147483648",
        "9223372036854775807",
        "0.1",
        "12345678901.10",
        "999999999999999999",
        "12345678901234567890.123456789012345678901234567890",
        'héllo "quoted" \\ back\nslash\ttab',
        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        "2024-02-29",
        "12:34:56.789+02",
        "2024-01-01 12:00:00.5",
        "2024-01-01 02:00:00.123456+05:30",
        '{"a": [1, 2.50, "x"], "b": {"c": null}}',
        "\\x00ff10",
        '{a,"b c",NULL,"d\\"e"}',
        "{{1,2},{3,NULL}}",
        "{12345678901234567890.12,NaN}",
        "{t,f}",
        '{"{\\"k\\": 1}"}',
        '{"2024-01-01 00:00:00+00"}',
      ],
      [
        "2",
        "f",
        "0",
        "-9223372036854775808",
        "-1.7976931348623157e+308",
        "0.00",
        "0",
        "-0.5",
        "",
        null,
        null,
        null,
        null,
        "infinity",
        "[]",
        "\\x",
        "{}",
        null,
        null,
        null,
        null,
        null,
      ],
      ["3", ...columns.slice(1).map(() => null)],
      [
        "4",
        null,
        null,
        null,
        "NaN",
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
        null,
        null,
        null,
        null,
      ],
      [
        "5",
        null,
        null,
        null,
        "Infinity",
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
        null,
        null,
        null,
        null,
      ],
      [
        "6",
        null,
        null,
        null,
        "5e-324",
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
        null,
        null,
        null,
        null,
      ],
    ];
    const writer = await openWriter(db);
    await writer.ensureSchema("d1w_types", [all]);
    await writer.write("d1w_types", all, page(all, rows), T1);
    const stored = await select(`
      SELECT id, flag, typeof(flag) AS flag_t, small, CAST(big AS TEXT) AS big, typeof(big) AS big_t, ratio,
             typeof(ratio) AS ratio_t, price, typeof(price) AS price_t, CAST(whole AS TEXT) AS whole,
             typeof(whole) AS whole_t, huge, typeof(huge) AS huge_t, name, uid, day, at, local, zoned, doc,
             hex(raw) AS raw, typeof(raw) AS raw_t, texts, ints, nums, bools, docs, stamps
      FROM "d1w_types__all" ORDER BY id`);
    expect(stored[0]).toEqual({
      id: 1,
      flag: 1,
      flag_t: "integer",
      small: -2147483648,
      big: "9223372036854775807",
      big_t: "integer",
      ratio: 0.1,
      ratio_t: "real",
      price: "12345678901.10",
      price_t: "text",
      whole: "999999999999999999",
      whole_t: "integer",
      huge: "12345678901234567890.123456789012345678901234567890",
      huge_t: "text",
      name: 'héllo "quoted" \\ back\nslash\ttab',
      uid: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
      day: "2024-02-29",
      at: "12:34:56.789+02",
      local: "2024-01-01T12:00:00.500000",
      zoned: "2023-12-31T20:30:00.123456Z",
      doc: '{"a": [1, 2.50, "x"], "b": {"c": null}}',
      raw: "00FF10",
      raw_t: "blob",
      texts: '["a","b c",null,"d\\"e"]',
      ints: "[[1,2],[3,null]]",
      nums: '[12345678901234567890.12,"NaN"]',
      bools: "[true,false]",
      docs: '[{"k": 1}]',
      stamps: '["2024-01-01T00:00:00.000000Z"]',
    });
    expect(stored[1]).toMatchObject({
      flag: 0,
      small: 0,
      big: "-9223372036854775808",
      ratio: -1.7976931348623157e308,
      price: "0.00",
      whole: "0",
      whole_t: "integer",
      huge: "-0.5",
      name: "",
      uid: null,
      zoned: "infinity",
      doc: "[]",
      raw: "",
      raw_t: "blob",
      texts: "[]",
    });
    const nulls = stored[2] as Record<string, unknown>;
    for (const [key, value] of Object.entries(nulls)) {
      if (key === "id") continue;
      expect([key, value]).toEqual([key, key.endsWith("_t") ? "null" : key === "raw" ? "" : null]);
    }
    // SQLite's REAL cannot hold NaN; NaN and ±Infinity stay as PostgreSQL's text.
    expect(stored.slice(3).map((r) => [r.ratio, r.ratio_t])).toEqual([
      ["NaN", "text"],
      ["Infinity", "text"],
      [5e-324, "real"],
    ]);
  });

  it("rejects bytea that is not hex, naming the stream", async () => {
    await reset("d1w_badbytes", "blobs");
    const blobs = stream("blobs", [col("id", "int"), col("raw", "binary", "bytea")], ["id"]);
    const writer = await openWriter(db);
    await writer.ensureSchema("d1w_badbytes", [blobs]);
    await expect(writer.write("d1w_badbytes", blobs, page(blobs, [["1", "\\001\\002"]]), T1)).rejects.toThrow(
      /not PostgreSQL hex bytea/,
    );
  });

  it("lands a page far larger than one chunk whole (20k wide rows in one batch)", async () => {
    await reset("d1w_big", "wide");
    const columns = [col("id", "long", "bigint"), ...Array.from({ length: 12 }, (_, i) => col(`c${i}`, "string"))];
    const wide = stream("wide", columns, ["id"]);
    const rows: Row[] = Array.from({ length: 20_000 }, (_, r) => [
      String(r + 1),
      ...Array.from({ length: 12 }, (_, c) => `${"é".repeat(40)} row ${r} column ${c} ${"x".repeat(60)}`),
    ]);
    const json = JSON.stringify(rows).length;
    expect(json).toBeGreaterThan(20 * 250_000);
    const writer = await openWriter(db);
    await writer.ensureSchema("d1w_big", [wide]);
    await writer.write("d1w_big", wide, page(wide, rows, { after: null, through: ["20000"] }), T1);
    const [summary] = await select<{ n: number; lo: number; hi: number; chars: number }>(
      'SELECT count(*) AS n, min(id) AS lo, max(id) AS hi, sum(length(c11)) AS chars FROM "d1w_big__wide"',
    );
    expect(summary).toEqual({
      n: 20_000,
      lo: 1,
      hi: 20_000,
      chars: rows.reduce((sum, row) => sum + (row[12] as string).length, 0),
    });
    expect(await select('SELECT c7 FROM "d1w_big__wide" WHERE id = 12345')).toEqual([{ c7: rows[12344]?.[8] }]);
  });

  it("sends rows as SQL literals in statements under 100 KB; a row too wide for one, or holding NUL, goes as JSON, in page order", async () => {
    await reset("d1w_literals", "t");
    const statements: D1Statement[] = [];
    const binding = bindingExecutor(db);
    const recording: D1Executor = {
      label: binding.label,
      query: (statement) => binding.query(statement),
      batch(batch) {
        statements.push(...batch);
        return binding.batch(batch);
      },
    };
    const t = stream("t", [col("id", "long", "bigint"), col("v", "string")], ["id"]);
    const writer = await openWriter(recording);
    await writer.ensureSchema("d1w_literals", [t]);
    const wide = "w".repeat(150_000);
    const rows: Row[] = [
      ...Array.from({ length: 3000 }, (_, i): Row => [String(i + 1), `row ${i + 1} it's ${"é".repeat(i % 50)}`]),
      ["5", wide], // the same key again, later in the page and too wide for a statement: it wins
      ["3001", "nul \u0000 inside"],
      ["3002", "ü".repeat(40_000)], // 80 KB of UTF-8 in 40k characters
      ["3003", "after"],
    ];
    await writer.write("d1w_literals", t, page(t, rows), T1);

    const bytes = (text: string) => new TextEncoder().encode(text).length;
    for (const statement of statements) expect(bytes(statement.sql)).toBeLessThanOrEqual(100_000);
    const json = statements.filter((st) => st.sql.includes("json_each"));
    // The wide row and the NUL row, next to each other, share one chunk; the 80 KB row fits a
    // statement of its own.
    expect(json).toHaveLength(1);
    expect(statements.filter((st) => st.sql.includes(" VALUES ")).length).toBeGreaterThan(3);
    const stored = await select<{ id: number; v: string }>('SELECT id, v FROM "d1w_literals__t" ORDER BY id');
    expect(stored).toHaveLength(3003);
    const expected = new Map(rows.map(([id, v]) => [Number(id), v]));
    for (const { id, v } of stored) expect(v, `row ${id}`).toBe(expected.get(id));
    expect(stored[4]?.v).toBe(wide);
  });

  it("applies a page atomically on a binding: a failing chunk leaves nothing of the page, delete included", async () => {
    await reset("d1w_atomic", "t");
    // A table the writer finds in place, with a CHECK that the page's last chunk violates.
    await db
      .prepare(
        `CREATE TABLE "d1w_atomic__t" (id INTEGER NOT NULL, v TEXT CHECK (v <> 'broken'), _fivetran_synced TEXT NOT NULL, PRIMARY KEY (id))`,
      )
      .run();
    const t = stream("t", [col("id", "int"), col("v", "string")], ["id"]);
    const writer = await openWriter(db, { chunkChars: 64 });
    await writer.ensureSchema("d1w_atomic", [t]);
    const rows: Row[] = Array.from({ length: 20 }, (_, i) => [String(i + 1), `first ${i + 1}`]);
    await writer.write("d1w_atomic", t, page(t, rows), T1);
    const bad: Row[] = [...rows.slice(0, 10).map(([id]) => [id as string, "second"]), ["11", "broken"]];
    await expect(writer.write("d1w_atomic", t, page(t, bad, { after: null, through: ["20"] }), T2)).rejects.toThrow(
      /^writing 11 rows into D1 binding table "d1w_atomic__t" failed: .*CHECK constraint failed/,
    );
    const stored = await select<{ id: number; v: string }>('SELECT id, v FROM "d1w_atomic__t" ORDER BY id');
    expect(stored).toHaveLength(20);
    expect(stored.every((r) => r.v === `first ${r.id}`)).toBe(true);
  });

  it("runs a page's batch while the caller prepares the next one; flush waits for it and reports its error", async () => {
    await reset("d1w_pipeline", "t");
    await db
      .prepare(
        `CREATE TABLE "d1w_pipeline__t" (id INTEGER NOT NULL, v TEXT CHECK (v <> 'broken'), _fivetran_synced TEXT NOT NULL, PRIMARY KEY (id))`,
      )
      .run();
    const t = stream("t", [col("id", "int"), col("v", "string")], ["id"]);
    const writer = await D1Writer.open(db);
    const ref = { schema: "d1w_pipeline", stream: t };
    await writer.migrate("d1w_pipeline", [t]);
    await writer.write(ref, page(t, [["1", "ok"]]), T1);
    // The second write waits for the first batch before starting its own, so order holds.
    await writer.write(ref, page(t, [["1", "newer"]]), T2);
    await writer.flush();
    expect(await select<{ v: string }>('SELECT v FROM "d1w_pipeline__t"')).toEqual([{ v: "newer" }]);
    // A failing batch does not fail its write; it fails the flush the checkpoint waits for.
    await writer.write(ref, page(t, [["2", "broken"]]), T2);
    await expect(writer.flush()).rejects.toThrow(/CHECK constraint failed/);
    await writer.flush();
  });

  it("refuses a null primary key value, which SQLite would replace by a fresh rowid", async () => {
    await reset("d1w_nullkey", "t");
    const t = stream("t", [col("id", "int"), col("v", "string")], ["id"]);
    const writer = await openWriter(db);
    await writer.ensureSchema("d1w_nullkey", [t]);
    await expect(
      writer.write(
        "d1w_nullkey",
        t,
        page(t, [
          ["1", "a"],
          [null, "b"],
        ]),
        T1,
      ),
    ).rejects.toThrow("a row of public.t has a null primary key value");
    expect(await select('SELECT count(*) AS n FROM "d1w_nullkey__t"')).toEqual([{ n: 0 }]);
  });
});

describe("D1Writer over Cloudflare's D1 HTTP API (fake)", () => {
  const ACCOUNT = "0123456789abcdef0123456789abcdef";
  const DATABASE = "7f3c1a52-7a39-4f0e-9a53-0d4c2a1b9e11";
  const TOKEN = "d1w-token-secret";

  function api() {
    const fake = cloudflareD1Fake({ tokens: { [TOKEN]: [ACCOUNT] }, databases: { [ACCOUNT]: { [DATABASE]: db } } });
    const requests: { url: string; auth: string | null; body: { sql?: string; batch?: unknown[] } }[] = [];
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      requests.push({
        url: request.url,
        auth: request.headers.get("Authorization"),
        body: (await request.clone().json()) as { sql?: string; batch?: unknown[] },
      });
      return fake(request);
    }) as typeof globalThis.fetch;
    return { fetch, requests };
  }

  it("creates, upserts and replaces ranges with one request per page", async () => {
    await reset("d1w_http", "orders");
    const orders = stream(
      "orders",
      [col("id", "long", "bigint"), col("name", "string"), col("raw", "binary", "bytea")],
      ["id"],
    );
    const { fetch, requests } = api();
    const writer = await openWriter(
      { accountId: ACCOUNT, databaseId: DATABASE, apiToken: TOKEN, fetch },
      { chunkChars: 100 },
    );
    await writer.ensureSchema("d1w_http", [orders]);
    const ddl = requests.length;
    const rows: Row[] = Array.from({ length: 10 }, (_, i) => [String(i + 1), `order ${i + 1}`, "\\xcafe"]);
    await writer.write("d1w_http", orders, page(orders, rows, { after: null, through: ["10"] }), T1);
    await writer.write("d1w_http", orders, page(orders, rows.slice(1), { after: null, through: ["10"] }), T2);
    await writer.flush();
    await writer.close();

    expect(requests.length).toBe(ddl + 2);
    for (const r of requests) {
      expect(r.url).toBe(`https://api.cloudflare.com/client/v4/accounts/${ACCOUNT}/d1/database/${DATABASE}/query`);
      expect(r.auth).toBe(`Bearer ${TOKEN}`);
    }
    const write = requests[ddl]?.body.batch as { sql: string; params: string[] }[];
    expect(write.length).toBeGreaterThan(2);
    expect(write[0]?.sql).toMatch(/^DELETE FROM "d1w_http__orders" WHERE \("id"\) <= \(\?1\)$/);
    for (const statement of write) expect(statement.params.every((p) => typeof p === "string")).toBe(true);
    expect(
      await select(
        'SELECT id, name, hex(raw) AS raw, _fivetran_synced AS s FROM "d1w_http__orders" ORDER BY id LIMIT 2',
      ),
    ).toEqual([
      { id: 2, name: "order 2", raw: "CAFE", s: "2024-05-02T10:00:00.250000Z" },
      { id: 3, name: "order 3", raw: "CAFE", s: "2024-05-02T10:00:00.250000Z" },
    ]);
    expect((await select<{ n: number }>('SELECT count(*) AS n FROM "d1w_http__orders"'))[0]?.n).toBe(9);
  });

  it("reports Cloudflare's errors without the token", async () => {
    const { fetch } = api();
    const writer = await openWriter({ accountId: ACCOUNT, databaseId: DATABASE, apiToken: "wrong-token", fetch });
    const failure = await writer.ensureSchema("d1w_http", [stream("x", [col("a", "string")])]).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(D1ApiError);
    expect((failure as D1ApiError).status).toBe(401);
    expect((failure as Error).message).toBe("Cloudflare D1 API answered HTTP 401: Authentication error (code 10000)");

    await reset("d1w_http", "gone");
    const good = await openWriter({ accountId: ACCOUNT, databaseId: DATABASE, apiToken: TOKEN, fetch });
    const gone = stream("gone", [col("id", "int"), col("v", "string")], ["id"]);
    await good.ensureSchema("d1w_http", [gone]);
    await reset("d1w_http", "gone");
    const error = await good.write("d1w_http", gone, page(gone, [["1", "x"]]), T1).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /^writing 1 rows into D1 database 7f3c1a52-7a39-4f0e-9a53-0d4c2a1b9e11 table "d1w_http__gone" failed: Cloudflare D1 API answered HTTP 400: .*no such table/,
    );
    expect((error as Error).cause).toBeInstanceOf(D1ApiError);
    expect((error as Error).message).not.toContain(TOKEN);
  });
});

/**
 * Throughput probe, not an assertion: 100k rows of six columns written straight into the
 * binding, at a few chunk sizes. Remove `.skip` to run it:
 *   npx vitest run --project workers test/workers/engine/d1-writer.test.ts -t throughput
 */
describe.skip("D1Writer throughput", () => {
  it("throughput: 100k rows", { timeout: 300_000 }, async () => {
    const bulk = stream(
      "bulk",
      [
        col("id", "long", "bigint"),
        col("name", "string"),
        col("amount", "decimal", "numeric(12,2)", { precision: 12, scale: 2 }),
        col("flag", "boolean", "boolean"),
        col("created_at", "timestamptz", "timestamp with time zone"),
        col("updated_at", "timestamptz", "timestamp with time zone"),
      ],
      ["id"],
    );
    const total = 100_000;
    const perPage = 50_000;
    const rows: Row[] = Array.from({ length: total }, (_, i) => [
      String(i + 1),
      `name ${i + 1}`,
      ((i + 1) * 1.25).toFixed(2),
      i % 2 === 0 ? "t" : "f",
      "2024-01-01 12:00:00.123456+00",
      "2024-06-01 08:30:00+00",
    ]);
    for (const chunkChars of [100_000, 250_000, 500_000]) {
      await reset("d1w_throughput", "bulk");
      const writer = await openWriter(db, { chunkChars });
      await writer.ensureSchema("d1w_throughput", [bulk]);
      const started = performance.now();
      for (let from = 0; from < total; from += perPage) {
        const slice = rows.slice(from, from + perPage);
        const through = slice[slice.length - 1]?.[0] as string;
        await writer.write(
          "d1w_throughput",
          bulk,
          page(bulk, slice, { after: from === 0 ? null : [String(from)], through: [through] }),
          T1,
        );
      }
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `D1Writer, chunks of ${chunkChars} chars: ${total} rows in ${seconds.toFixed(2)} s = ${Math.round(total / seconds)} rows/s`,
      );
      // Again, now every row is an update of an existing one.
      const again = performance.now();
      for (let from = 0; from < total; from += perPage) {
        await writer.write("d1w_throughput", bulk, page(bulk, rows.slice(from, from + perPage)), T2);
      }
      const upsert = (performance.now() - again) / 1000;
      console.log(`  upserting the same rows again: ${Math.round(total / upsert)} rows/s`);
    }
  });
});

/**
 * The s3 source reading a real S3-compatible server (s3rver, started by global-setup) through
 * the S3 REST API: ListObjectsV2 pages, streamed GetObjects, CSV/JSONL/Parquet, schema
 * widening, incremental runs by modification time with the key as tie-break.
 */
import { parquetWriteBuffer } from "hyparquet-writer";
import { describe, expect, it } from "vitest";
import { type S3SourceConfig, s3Source } from "../../../src/engine/sources/s3/index";
import { S3RVER_KEYS } from "../../fakes/s3rver-keys";
import { createBucket, putObject, putObjects, requestsOf, s3rverUrl, settle } from "../files/s3rver";
import { fileSync } from "../files/sync";
import { context, parse } from "./helpers";

function config(bucket: string, extra: Record<string, unknown> = {}): S3SourceConfig {
  return parse(s3Source, {
    schema: "files",
    table: "events",
    bucket,
    region: "us-east-1",
    endpoint: s3rverUrl(),
    ...S3RVER_KEYS.aws,
    ...extra,
  }) as S3SourceConfig;
}

const reader = () => {
  const r = s3Source.reader;
  if (!r) throw new Error("s3 has no reader");
  return r as NonNullable<typeof s3Source.reader>;
};

const sync = (c: S3SourceConfig) => fileSync(reader(), c, () => context(fetch, new Date()), settle);
const T = "files.events";

describe("s3 source reading s3rver", () => {
  it("reads CSV files with a header into typed columns with _file, _line and _modified", async () => {
    const bucket = await createBucket("csv");
    await putObject(bucket, "in/a.csv", "id,name,amount,day\n1,Ada,12.5,2024-01-02\n2,Grace,,2024-02-29\n");
    await putObject(bucket, "in/b.csv", 'id,name,amount,day\n3,"Lovelace, Ada ""A""",7,2024-03-01\n');
    const s = sync(config(bucket, { prefix: "in/" }));
    const first = await s.run();
    expect(first.columns).toEqual([
      "_file:string",
      "_line:long",
      "_modified:timestamptz",
      "id:long",
      "name:string",
      "amount:float",
      "day:date",
    ]);
    expect(first.rows).toEqual({ [T]: 3 });
    const rows = s.destination.rows(T);
    expect(rows.map((r) => [r[0], r[1], ...r.slice(3)])).toEqual([
      ["in/a.csv", 1n, 1n, "Ada", 12.5, "2024-01-02"],
      ["in/a.csv", 2n, 2n, "Grace", null, "2024-02-29"],
      ["in/b.csv", 1n, 3n, 'Lovelace, Ada "A"', 7, "2024-03-01"],
    ]);
    expect(rows[0]?.[2]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    // Nothing changed: the next run lists and reads no object.
    const before = (await requestsOf(bucket)).length;
    expect((await s.run()).rows).toEqual({});
    const after = (await requestsOf(bucket)).slice(before);
    expect(after.every((r) => r.startsWith(`GET /${bucket}/?`))).toBe(true);
  }, 30_000);

  it("pages through 2,400 objects (ListObjectsV2 continuation tokens) and reads only new and changed ones next run", async () => {
    const bucket = await createBucket("many");
    const objects: [string, string][] = [];
    for (let i = 0; i < 1600; i++)
      objects.push([`csv/${String(i).padStart(5, "0")}.csv`, `n,sq\n${i},${i * i}\n${-i},${i}\n`]);
    for (let i = 0; i < 800; i++) objects.push([`jsonl/${String(i).padStart(5, "0")}.jsonl`, `{"n":${i}}\n`]);
    await putObjects(bucket, objects);
    const csv = sync(config(bucket, { prefix: "csv/" }));
    expect((await csv.run()).rows).toEqual({ [T]: 3200 });
    const lists = (await requestsOf(bucket)).filter((r) => r.includes("list-type=2"));
    expect(lists.some((r) => r.includes("continuation-token="))).toBe(true);
    expect(csv.destination.rows(T)).toHaveLength(3200);

    const jsonl = sync(config(bucket, { prefix: "jsonl/", json_delivery_mode: "Unpacked" }));
    expect((await jsonl.run()).rows).toEqual({ [T]: 800 });

    // One changed object and two new ones: the next run reads exactly those three.
    await putObject(bucket, "csv/00007.csv", "n,sq\n7,49\n-7,7\n8,64\n");
    await putObject(bucket, "csv/99998.csv", "n,sq\n1,1\n");
    await putObject(bucket, "csv/99999.csv", "n,sq\n2,4\n");
    const mark = (await requestsOf(bucket)).length;
    expect((await csv.run()).rows).toEqual({ [T]: 5 });
    const gets = (await requestsOf(bucket))
      .slice(mark)
      .filter((r) => !r.includes("list-type=2"))
      .map((r) => r.split(" ")[1]);
    expect(new Set(gets)).toEqual(
      new Set([`/${bucket}/csv/00007.csv`, `/${bucket}/csv/99998.csv`, `/${bucket}/csv/99999.csv`]),
    );
    expect(csv.destination.rows(T)).toHaveLength(3203);
  }, 120_000);

  it("honours CSV options: delimiter, quote, escape, no header, null sequence, skipped lines, latin1, gzip", async () => {
    const bucket = await createBucket("opts");
    await putObject(bucket, "a.txt", "skip me\nid;note\n1;'it\\'s; fine'\n2;NULL\n3;\ntrailer\n");
    const semi = sync(
      config(bucket, {
        pattern: "a\\.txt$",
        file_type: "csv",
        delimiter: ";",
        quote_char: "'",
        escape_char: "\\",
        null_sequence: "NULL",
        skip_before: 1,
        skip_after: 1,
      }),
    );
    expect((await semi.run()).rows).toEqual({ [T]: 3 });
    expect(semi.destination.rows(T).map((r) => r.slice(3))).toEqual([
      [1n, "it's; fine"],
      [2n, null],
      [3n, null],
    ]);

    await putObject(bucket, "b.csv", new Uint8Array([0x31, 0x2c, 0x63, 0x61, 0x66, 0xe9, 0x0a]));
    const latin1 = sync(config(bucket, { pattern: "b\\.csv$", empty_header: true, encoding: "latin1" }));
    expect((await latin1.run()).columns.slice(3)).toEqual(["column_1:long", "column_2:string"]);
    expect(latin1.destination.rows(T).map((r) => r.slice(3))).toEqual([[1n, "café"]]);

    const gz = new Uint8Array(
      await new Response(
        new Blob(["x,y\n1,true\n2,false\n"]).stream().pipeThrough(new CompressionStream("gzip")),
      ).arrayBuffer(),
    );
    await putObject(bucket, "c.csv.gz", gz);
    const gzip = sync(config(bucket, { pattern: "c\\.csv\\.gz$" }));
    expect((await gzip.run()).columns.slice(3)).toEqual(["x:long", "y:boolean"]);
    expect(gzip.destination.rows(T).map((r) => r.slice(3))).toEqual([
      [1n, true],
      [2n, false],
    ]);
  }, 60_000);

  it("reads JSON lines packed into _data (the default) and unpacked into columns, big integers exact", async () => {
    const bucket = await createBucket("jsonl");
    await putObject(bucket, "e.jsonl", '{"id":1,"tags":["a"],"big":9007199254740993}\n\n{"id":2,"ok":true}\n');
    const packed = sync(config(bucket));
    expect((await packed.run()).columns.slice(3)).toEqual(["_data:json"]);
    expect(packed.destination.rows(T).map((r) => r.slice(1, 2).concat(r.slice(3)))).toEqual([
      [1n, '{"id":1,"tags":["a"],"big":9007199254740993}'],
      [2n, '{"id":2,"ok":true}'],
    ]);
    const unpacked = sync(config(bucket, { json_delivery_mode: "Unpacked" }));
    expect((await unpacked.run()).columns.slice(3)).toEqual(["id:long", "tags:json", "big:long", "ok:boolean"]);
    expect(unpacked.destination.rows(T).map((r) => r.slice(3))).toEqual([
      [1n, '["a"]', 9007199254740993n, null],
      [2n, null, null, true],
    ]);
  }, 30_000);

  it("reads Parquet written by hyparquet-writer with its own column types", async () => {
    const bucket = await createBucket("pq");
    const file = parquetWriteBuffer({
      columnData: [
        { name: "id", data: [1n, 2n, 3n], type: "INT64" },
        { name: "name", data: ["a", null, "c"], type: "STRING" },
        { name: "score", data: [1.5, 2.25, null], type: "DOUBLE" },
        { name: "ok", data: [true, false, true], type: "BOOLEAN" },
        { name: "at", data: [new Date("2024-01-02T03:04:05.678Z"), null, new Date(0)], type: "TIMESTAMP" },
        { name: "doc", data: [{ k: 1 }, null, []], type: "JSON" },
      ],
    });
    await putObject(bucket, "p/one.parquet", new Uint8Array(file));
    const s = sync(config(bucket, { prefix: "p/" }));
    expect((await s.run()).columns.slice(3)).toEqual([
      "id:long",
      "name:string",
      "score:float",
      "ok:boolean",
      "at:timestamptz",
      "doc:json",
    ]);
    expect(s.destination.rows(T).map((r) => r.slice(1, 2).concat(r.slice(3)))).toEqual([
      [1n, 1n, "a", 1.5, true, "2024-01-02T03:04:05.678000Z", '{"k":1}'],
      [2n, 2n, null, 2.25, false, null, null],
      [3n, 3n, "c", null, true, "1970-01-01T00:00:00.000000Z", "[]"],
    ]);
    // Parquet is read by ranges (the footer, then the column chunks), never as one whole GET.
    const reads = (await requestsOf(bucket)).filter((r) => r.startsWith(`GET /${bucket}/p/one.parquet`));
    expect(reads.length).toBeGreaterThan(1);
    expect(reads.every((r) => / bytes=\d+-\d+$/.test(r))).toBe(true);
  }, 30_000);

  it("widens types across files and keeps the schema in state; a value past the sample widens the next run", async () => {
    const bucket = await createBucket("widen");
    await putObject(bucket, "1.csv", "a,b\n1,x\n");
    const s = sync(config(bucket));
    expect((await s.run()).columns.slice(3)).toEqual(["a:long", "b:string"]);
    await putObject(bucket, "2.csv", "a,b,c\n2.5,y,2024-01-01\n");
    // Discovery samples the new file: a widens to float and c appears; old rows keep their values.
    const second = await s.run();
    expect(second.columns.slice(3)).toEqual(["a:float", "b:string", "c:date"]);
    expect(second.rows).toEqual({ [T]: 1 });
    await putObject(bucket, "3.csv", "a,b,c\nn/a,z,2024-01-02\n");
    // The state keeps a:float even though only 3.csv is sampled now: types never narrow.
    const third = await s.run();
    expect(third.columns.slice(3)).toEqual(["a:string", "b:string", "c:date"]);
    expect(s.destination.rows(T).map((r) => r.slice(3))).toEqual([
      [1n, "x", null],
      [2.5, "y", "2024-01-01"],
      ["n/a", "z", "2024-01-02"],
    ]);
  }, 30_000);

  it("fails the run naming a malformed file", async () => {
    const bucket = await createBucket("bad");
    await putObject(bucket, "good.csv", "a,b\n1,2\n");
    await putObject(bucket, "broken.csv", 'a,b\n1,"unclosed\n');
    const s = sync(config(bucket));
    await expect(s.run()).rejects.toThrow(`s3://${bucket}/broken.csv is not valid CSV: a quoted field is not closed`);
    await putObject(bucket, "broken.csv", "a,b\n1,2,3\n");
    await expect(s.run()).rejects.toThrow(
      `s3://${bucket}/broken.csv is not valid CSV: line 1 has 3 fields where the header has 2`,
    );
    await putObject(bucket, "broken.csv", "a\n1\n");
    await putObject(bucket, "x.jsonl", '{"a":1}\n{oops\n');
    await expect(sync(config(bucket, { pattern: "jsonl$" })).run()).rejects.toThrow(
      `s3://${bucket}/x.jsonl line 2 is not JSON`,
    );
  }, 30_000);

  it("takes objects in (modified, key) order: a key before the checkpoint's at the same time, and late ones within the lookback", async () => {
    const bucket = await createBucket("order");
    await putObject(bucket, "m.csv", "v\n1\n");
    const s = sync(config(bucket));
    await s.run();
    const source = (s.state[T] as { source: { cursor: { modified: string; key: string } } }).source;
    expect(source.cursor.key).toBe("m.csv");
    // An object older than the checkpoint (the cursor moved past it) is skipped without a lookback…
    await putObject(bucket, "late.csv", "v\n2\n");
    source.cursor = { modified: new Date(Date.now() + 30_000).toISOString(), key: "zzz" };
    expect((await s.run()).rows).toEqual({});
    // …and read with one, once; a key sorting before the checkpoint's at the same time is a tie the key breaks.
    source.cursor = { modified: new Date(Date.now() + 30_000).toISOString(), key: "zzz" };
    expect((await s.run({ lookbackMs: 3_600_000 })).rows).toEqual({ [T]: 1 });
    expect((await s.run({ lookbackMs: 3_600_000 })).rows).toEqual({});
    // The checkpoint at late.csv's own time but a key after it, and no record of reading it: a
    // tie on time that the key breaks, read even without a lookback.
    const listing = await (await fetch(`${s3rverUrl()}/${bucket}/?list-type=2&prefix=late`)).text();
    const modified = new Date(/<LastModified>([^<]+)<\/LastModified>/.exec(listing)?.[1] ?? "").toISOString();
    const tie = (s.state[T] as { source: { cursor: unknown; recent: unknown } }).source;
    tie.cursor = { modified, key: "zzz" };
    tie.recent = {};
    const mark = (await requestsOf(bucket)).length;
    await s.run();
    const reads = (await requestsOf(bucket)).slice(mark).filter((r) => !r.includes("list-type"));
    expect(reads.map((r) => r.split(" ")[1])).toContain(`/${bucket}/late.csv`);
    expect((await s.run()).rows).toEqual({});
  }, 30_000);

  it("splits a large file across slices by its time budget and resumes inside it with a Range request", async () => {
    const bucket = await createBucket("big");
    const lines = Array.from({ length: 20_000 }, (_, i) => `${i},"row ${i}, quoted",${i % 7}`);
    await putObject(bucket, "big.csv", `id,text,mod\n${lines.join("\n")}\n`);
    const s = sync(config(bucket));
    // A crash after the second checkpoint, then the run again from the committed state.
    await expect(
      s.run({
        pageBytes: 64 << 10,
        afterCommit: (count) => {
          if (count === 2) throw new Error("crash");
        },
      }),
    ).rejects.toThrow("crash");
    const mark = (await requestsOf(bucket)).length;
    // Slices of 30 ms: each reads a few batches, checkpoints inside the file and yields to the next.
    await s.run({ pageBytes: 16 << 10, budgetMs: 30 });
    const ranged = (await requestsOf(bucket))
      .slice(mark)
      .filter((r) => r.startsWith(`GET /${bucket}/big.csv`) && / bytes=\d+-$/.test(r));
    expect(ranged.length).toBeGreaterThan(1);
    const rows = s.destination.rows(T);
    expect(rows).toHaveLength(20_000);
    expect(rows[19_999]?.slice(1)).toEqual([
      20_000n,
      expect.any(String),
      19_999n,
      "row 19999, quoted",
      BigInt(19_999 % 7),
    ]);
  }, 60_000);
});

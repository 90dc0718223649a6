/**
 * The s3 source reading a real S3-compatible server (s3rver, started by global-setup) through
 * the S3 REST API: ListObjectsV2 pages, streamed GetObjects, CSV/JSONL/Parquet, schema
 * widening, incremental runs by modification time with the key as tie-break.
 */
import { ByteWriter, parquetWriteBuffer } from "hyparquet-writer";
import { describe, expect, it } from "vitest";
import { type S3SourceConfig, s3Source } from "../../../src/engine/sources/s3/index";
import { S3RVER_KEYS } from "../../fakes/s3rver-keys";
import { createBucket, deleteObject, putObject, putObjects, requestsOf, s3rverUrl } from "../files/s3rver";
import { fileSync } from "../files/sync";
import { context, parse } from "./helpers";

void ByteWriter;

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

const sync = (c: S3SourceConfig) => fileSync(reader(), c, () => context(fetch, new Date()));
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
});

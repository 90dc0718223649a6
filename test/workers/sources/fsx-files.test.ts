/**
 * The fsx source reading an fsx.do filesystem from an R2 binding (miniflare's real R2): files
 * kept as fsx.do's R2 storage keeps them (`<key_prefix><path>`), listed with cursors, read by
 * ranges, selected by glob below the configured directory.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ConnectorContext } from "../../../src/engine/protocol";
import { type FsxSourceConfig, fsxSource } from "../../../src/engine/sources/fsx/index";
import { TEST_EGRESS } from "../engine/harness";
import { settle } from "../files/s3rver";
import { fileSync } from "../files/sync";
import { parse } from "./helpers";

const bucket = (env as unknown as { DATA_LAKE: R2Bucket }).DATA_LAKE;
const ctx = (): ConnectorContext => ({
  fetch,
  log: { info() {}, warn() {} },
  now: () => new Date(),
  bindings: { DATA_LAKE: bucket },
  egress: TEST_EGRESS,
});
const reader = () => fsxSource.reader as NonNullable<typeof fsxSource.reader>;
const T = "docs.exports";

describe("fsx source reading an R2 binding", () => {
  it("reads the files below path that match the glob, by cursor pages, and only new ones next run", async () => {
    const prefix = `fsx-${crypto.randomUUID().slice(0, 8)}`;
    for (let i = 0; i < 1100; i++) {
      await bucket.put(`${prefix}/exports/2026/${String(i).padStart(4, "0")}.csv`, `id,v\n${i},x${i}\n`);
    }
    await bucket.put(`${prefix}/exports/2026/notes.txt`, "not a table");
    await bucket.put(`${prefix}/elsewhere/a.csv`, "id,v\n-1,no\n");
    const config = parse(fsxSource, {
      schema: "docs",
      table: "exports",
      bucket: "DATA_LAKE",
      key_prefix: prefix,
      path: "/exports",
      pattern: "**/*.csv",
    }) as FsxSourceConfig;
    expect((await fsxSource.check(config, ctx()))[1]).toMatchObject({ status: "PASSED" });
    const s = fileSync(reader(), config, ctx, settle);
    const first = await s.run();
    expect(first.rows).toEqual({ [T]: 1100 });
    expect(first.columns.slice(3)).toEqual(["id:long", "v:string"]);
    expect(s.destination.rows(T)[0]?.slice(0, 2)).toEqual(["/exports/2026/0000.csv", 1n]);
    await bucket.put(`${prefix}/exports/2026/new.csv`, "id,v\n5000,new\n");
    expect((await s.run()).rows).toEqual({ [T]: 1 });
    expect((await s.run()).rows).toEqual({});
  }, 60_000);

  it("fails clearly without the binding", async () => {
    const config = parse(fsxSource, { schema: "docs", bucket: "NOPE", path: "/" }) as FsxSourceConfig;
    await expect(reader().discover(config, ctx())).rejects.toThrow("This Worker has no R2 binding 'NOPE'");
  });
});

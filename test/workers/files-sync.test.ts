/**
 * A file connection through the API, as a user makes one: an s3 connection reading s3rver (a
 * real S3-compatible server, test/fakes/s3rver.ts) into a d1 destination, synced twice; the
 * second sync writes only the rows of the object that appeared.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { S3RVER_KEYS } from "../fakes/s3rver-keys";
import { waitForRun } from "./connections-sync-helpers";
import { createBucket, putObject, s3rverUrl, settle } from "./files/s3rver";
import { call, namespaceOf, newAccountWithId } from "./helpers";

async function sync(auth: string, id: string) {
  const before = (await call("GET", `/v1/connections/${id}`, { auth })).json.data;
  const since = [before.succeeded_at, before.failed_at].filter(Boolean).sort().at(-1) ?? null;
  expect((await call("POST", `/v1/connections/${id}/sync`, { auth })).status).toBe(200);
  return waitForRun(auth, id, since);
}

describe("an s3 connection into d1", () => {
  it("syncs the bucket's CSV files into a D1 table, then only what is new", async () => {
    const bucket = await createBucket("api");
    for (let f = 0; f < 30; f++) {
      const rows = Array.from({ length: 20 }, (_, k) => `${f * 20 + k},name ${f}.${k},${(f + k) / 2}`);
      await putObject(bucket, `exports/part-${String(f).padStart(3, "0")}.csv`, `id,name,amount\n${rows.join("\n")}\n`);
    }
    await settle();
    const { auth, accountId } = await newAccountWithId("files");
    const group = (
      await call("POST", "/v1/groups", { auth, body: { name: `files_${crypto.randomUUID().slice(0, 8)}` } })
    ).json.data.id as string;
    const destination = await call("POST", "/v1/destinations", {
      auth,
      body: { group_id: group, service: "d1", time_zone_offset: "0", config: { database: "WAREHOUSE" } },
    });
    expect(destination.status).toBe(201);
    const schema = `files_${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}`;
    const created = await call("POST", "/v1/connections", {
      auth,
      body: {
        group_id: group,
        service: "s3",
        schedule_type: "manual",
        config: {
          schema,
          table: "exports",
          bucket,
          prefix: "exports/",
          region: "us-east-1",
          endpoint: s3rverUrl(),
          ...S3RVER_KEYS.aws,
        },
      },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json.data.status.setup_state).toBe("connected");
    expect(JSON.stringify(created.json.data.config)).not.toContain(S3RVER_KEYS.aws.secretAccessKey);
    const id = created.json.data.id as string;

    const first = await sync(auth, id);
    expect(first.status.last_run, JSON.stringify(first.status)).toMatchObject({ status: "succeeded", rows: 600 });
    const table = `"${await namespaceOf(accountId, "WAREHOUSE")}__${schema}__exports"`;
    const count = async () =>
      (await env.WAREHOUSE.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())?.n;
    expect(await count()).toBe(600);
    const row = await env.WAREHOUSE.prepare(
      `SELECT _file, _line, id, name, amount FROM ${table} WHERE _file = ? AND _line = 2`,
    )
      .bind("exports/part-001.csv")
      .first();
    expect(row).toEqual({ _file: "exports/part-001.csv", _line: 2, id: 21, name: "name 1.1", amount: 1 });

    await putObject(bucket, "exports/part-999.csv", "id,name,amount\n9999,late,0.5\n");
    await settle();
    const second = await sync(auth, id);
    expect(second.status.last_run).toMatchObject({ status: "succeeded", rows: 1 });
    expect(await count()).toBe(601);
  }, 90_000);
});

/**
 * The Snowflake and BigQuery writers at the protocol level, and their fakes: the exact
 * statements and parameters a write sends (checked beside the fakes' semantics, which the
 * conformance suite asserts), what the fakes refuse as the real services do (identifier
 * lengths, reserved words unquoted, statement sizes, an expired JWT, a bad token, BigQuery's
 * column-name rules, a MERGE meeting two source rows for one target row, BigQuery's ORDER BY of
 * JSON), the SELECT usage metering's truncatedKeys sends and the result encodings the fakes
 * answer it in, and the type and identifier mapping.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  bigQueryName,
  bigQueryType,
  bigQueryWiden,
  openBigQueryWriter,
} from "../../src/engine/destinations/big-query/writer";
import {
  openSnowflakeWriter,
  SnowflakeSql,
  snowflakeType,
  snowflakeWiden,
} from "../../src/engine/destinations/snowflake/writer";
import type { Column, Stream, UpsertBatch } from "../../src/engine/protocol";
import { keyPairJwt, loadPrivateKey } from "../../src/engine/toolkit/snowflake-auth";
import { bigQueryFake } from "../fakes/bigquery";
import { snowflakeFake } from "../fakes/snowflake";
import { snowflakeKeys } from "./conformance/fixtures/snowflake";
import { contextFor } from "./conformance/fixtures/snowflake-destination";

const HOST = "xx99999.snowflakecomputing.com";
const PROJECT = "h-wh-unit";
const EMAIL = "unit@h-wh-unit.iam.gserviceaccount.com";
let keys: { privateKey: string; publicKey: string };

beforeAll(async () => {
  keys = await snowflakeKeys();
});

const col = (name: string, type: Column["type"], sourceType = type as string, extra: Partial<Column> = {}): Column => ({
  name,
  type,
  sourceType,
  nullable: true,
  ...extra,
});

const ITEMS: Stream = {
  namespace: "src",
  name: "items",
  columns: [col("id", "long", "bigint"), col("select", "string", "text"), col("doc", "json", "jsonb")],
  primaryKey: ["id"],
  cursorCandidates: [],
};

const batch = (rows: UpsertBatch["rows"]): UpsertBatch => ({
  kind: "upsert",
  stream: "src.items",
  rows,
  count: rows.length,
  bytes: 10,
});

function sfFake() {
  return snowflakeFake({
    account: "XX99999",
    host: HOST,
    users: [{ name: "LOADER", publicKeyPem: keys.publicKey, defaultRole: "R", defaultWarehouse: "WH" }],
    databases: ["DB"],
    warehouses: ["WH"],
  });
}

const sfConfig = () => ({
  host: HOST,
  port: 443,
  database: "DB",
  user: "loader",
  auth: "KEY_PAIR" as const,
  private_key: keys.privateKey,
});

describe("snowflake writer and fake", () => {
  it("sends CREATE TEMPORARY TABLE, INSERT with ? bindings and the MERGE in one multi-statement request", async () => {
    const fake = sfFake();
    const writer = openSnowflakeWriter(sfConfig(), contextFor(fake.fetch));
    await writer.migrate("landing", [ITEMS]);
    const at = new Date("2031-01-01T00:00:00Z");
    await writer.write({ schema: "landing", stream: ITEMS }, batch([[1n, "a", '{"k":1}']]), at);
    const last = fake.statements.at(-1)?.body as Record<string, unknown>;
    expect(last.parameters).toEqual({ MULTI_STATEMENT_COUNT: "3" });
    expect(String(last.statement).split(";\n")).toEqual([
      'CREATE TEMPORARY TABLE "LANDING"."_fivetran_stage" ("ID" NUMBER(19,0), "SELECT" VARCHAR, "DOC" VARCHAR, "_FIVETRAN_SYNCED" TIMESTAMP_TZ(6))',
      'INSERT INTO "LANDING"."_fivetran_stage" ("ID", "SELECT", "DOC", "_FIVETRAN_SYNCED") VALUES (?, ?, ?, ?)',
      'MERGE INTO "LANDING"."ITEMS" AS T USING "LANDING"."_fivetran_stage" AS S ON T."ID" = S."ID" WHEN MATCHED THEN UPDATE SET "SELECT" = S."SELECT", "DOC" = PARSE_JSON(S."DOC"), "_FIVETRAN_SYNCED" = S."_FIVETRAN_SYNCED", "_FIVETRAN_DELETED" = FALSE WHEN NOT MATCHED THEN INSERT ("ID", "SELECT", "DOC", "_FIVETRAN_SYNCED", "_FIVETRAN_DELETED") VALUES (S."ID", S."SELECT", PARSE_JSON(S."DOC"), S."_FIVETRAN_SYNCED", FALSE)',
    ]);
    expect(last.bindings).toEqual({
      "1": { type: "TEXT", value: "1" },
      "2": { type: "TEXT", value: "a" },
      "3": { type: "TEXT", value: '{"k":1}' },
      "4": { type: "TEXT", value: "2031-01-01T00:00:00.000Z" },
    });
    // And the fake applied it: the row is there, the stage gone with the request's session.
    const table = fake.warehouse("DB").table("LANDING", "ITEMS");
    expect(table?.rows).toEqual([["1", "a", '{"k":1}', "2031-01-01T00:00:00.000000Z", false]]);
  });

  it("splits a batch so no request exceeds the statement size limit", async () => {
    const fake = sfFake();
    const writer = openSnowflakeWriter(sfConfig(), contextFor(fake.fetch));
    await writer.migrate("big", [ITEMS]);
    const text = "x".repeat(100_000);
    const rows = Array.from({ length: 25 }, (_, i) => [BigInt(i), text, null]);
    await writer.write({ schema: "big", stream: ITEMS }, batch(rows), new Date());
    const writes = fake.statements.filter((s) => String(s.body.statement).includes("MERGE"));
    expect(writes.length).toBeGreaterThan(2);
    for (const w of writes) expect(JSON.stringify(w.body).length).toBeLessThan(1_000_000);
    expect(fake.warehouse("DB").table("BIG", "ITEMS")?.rows).toHaveLength(25);
  });

  it("the fake refuses long identifiers, unquoted reserved words, oversized SQL, duplicate MERGE sources", async () => {
    const fake = sfFake();
    const sql = new SnowflakeSql(sfConfig(), contextFor(fake.fetch));
    await sql.execute(['CREATE SCHEMA IF NOT EXISTS "S"'], []);
    await expect(sql.execute([`CREATE TABLE "S"."${"X".repeat(256)}" ("A" VARCHAR)`], [])).rejects.toThrow(/too long/);
    await sql.execute([`CREATE TABLE "S"."${"X".repeat(255)}" ("A" VARCHAR)`], []);
    await expect(sql.execute(['CREATE TABLE "S"."T" (SELECT VARCHAR)'], [])).rejects.toThrow(/reserved word/);
    await sql.execute(['CREATE TABLE "S"."T" ("SELECT" VARCHAR, ID NUMBER(10,0))'], []);
    await expect(
      sql.execute(['INSERT INTO "S"."T" ("ID") VALUES (?)'], [{ type: "TEXT", value: "12345678901" }]),
    ).rejects.toThrow(/out of representable range/);
    await expect(
      sql.execute(
        [
          'CREATE TEMPORARY TABLE "S"."ST" ("ID" NUMBER(10,0), "SELECT" VARCHAR)',
          'INSERT INTO "S"."ST" ("ID", "SELECT") VALUES (?, ?), (?, ?)',
          'INSERT INTO "S"."T" ("ID") VALUES (?)',
          'MERGE INTO "S"."T" AS T USING "S"."ST" AS S ON T."ID" = S."ID" WHEN MATCHED THEN UPDATE SET "SELECT" = S."SELECT"',
        ],
        ["1", "a", "1", "b", "1"].map((value) => ({ type: "TEXT", value })),
      ),
    ).rejects.toThrow(/Duplicate row detected/);
    // Over 1 MB of SQL text: the client refuses to send it, and the fake refuses it too.
    await expect(sql.execute([`SELECT '${"x".repeat(1_100_000)}'`], [])).rejects.toThrow(/limit/);
    const key = await loadPrivateKey(keys.privateKey);
    const jwt = await keyPairJwt({ host: HOST, user: "loader" }, key, new Date());
    const request = (statement: string, token = jwt) =>
      fake.fetch(`https://${HOST}/api/v2/statements`, {
        method: "POST",
        headers: {
          Authorization: `Bearer ${token}`,
          "X-Snowflake-Authorization-Token-Type": "KEYPAIR_JWT",
          "Content-Type": "application/json",
        },
        body: JSON.stringify({ statement, database: "DB" }),
      });
    const big = await request(`DELETE FROM "S"."T" WHERE "SELECT" = '${"x".repeat(1_100_000)}'`);
    expect(big.status).toBe(422);
    expect(((await big.json()) as { code: string }).code).toBe("100097");
    // A JWT issued two hours ago has expired (they live an hour at most).
    const old = await keyPairJwt({ host: HOST, user: "loader" }, key, new Date(Date.now() - 2 * 3600_000));
    const expired = await request('DELETE FROM "S"."T" WHERE TRUE', old);
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { code: string }).code).toBe("390144");
  });

  it("maps types and widens along Fivetran's hierarchy", () => {
    expect(snowflakeType(col("n", "decimal", "numeric(12,2)", { precision: 12, scale: 2 }))).toBe("NUMBER(12,2)");
    expect(snowflakeType(col("n", "decimal", "numeric"))).toBe("VARCHAR");
    expect(snowflakeType(col("t", "timestamptz"))).toBe("TIMESTAMP_TZ(6)");
    expect(snowflakeType(col("j", "json"))).toBe("VARIANT");
    expect(snowflakeWiden("NUMBER(10,0)", "NUMBER(19,0)")).toEqual({ how: "alter", type: "NUMBER(19,0)" });
    expect(snowflakeWiden("NUMBER(10,0)", "NUMBER(12,2)")).toEqual({ how: "rebuild", type: "NUMBER(12,2)" });
    expect(snowflakeWiden("NUMBER(19,0)", "NUMBER(10,0)")).toEqual({ how: "keep" });
    expect(snowflakeWiden("NUMBER(38,0)", "NUMBER(12,2)")).toEqual({ how: "rebuild", type: "VARCHAR" });
    expect(snowflakeWiden("NUMBER(10,0)", "FLOAT")).toEqual({ how: "rebuild", type: "FLOAT" });
    expect(snowflakeWiden("DATE", "VARCHAR")).toEqual({ how: "rebuild", type: "VARCHAR" });
    expect(snowflakeWiden("VARCHAR", "NUMBER(10,0)")).toEqual({ how: "keep" });
  });

  it("truncatedKeys sends one keyset SELECT per page with ? bindings; the fake answers it typed as Snowflake does", async () => {
    const fake = sfFake();
    const writer = openSnowflakeWriter(sfConfig(), contextFor(fake.fetch));
    const stream: Stream = { ...ITEMS, columns: [...ITEMS.columns, col("day", "date")], primaryKey: ["id", "day"] };
    const ref = { schema: "landing", stream };
    await writer.migrate("landing", [stream]);
    await writer.write(ref, batch([[7n, "a", null, "2020-01-01"]]), new Date("2031-01-01T00:00:00Z"));
    const listed: unknown[] = [];
    for await (const page of writer.truncatedKeys(ref, new Date("2031-02-01T00:00:00Z"))) listed.push(...page);
    expect(listed).toEqual([[7n, "2020-01-01"]]);
    const last = fake.statements.at(-1)?.body as Record<string, unknown>;
    expect(last.statement).toBe(
      'SELECT "ID", "DAY" FROM "LANDING"."ITEMS" WHERE "_FIVETRAN_DELETED" = FALSE AND "_FIVETRAN_SYNCED" < ? ORDER BY "ID", "DAY" LIMIT 5000',
    );
    expect(last.bindings).toEqual({ "1": { type: "TEXT", value: "2031-02-01T00:00:00.000Z" } });
    // Snowflake's jsonv2: a DATE is its day number, a NUMBER its digits, typed in rowType.
    const answer = await new SnowflakeSql(sfConfig(), contextFor(fake.fetch)).query(
      [String(last.statement)],
      [{ type: "TEXT", value: "2031-02-01T00:00:00.000Z" }],
    );
    expect(answer.rows).toEqual([["7", "18262"]]);
    expect(answer.rowType.map((r) => [r.name, r.type])).toEqual([
      ["ID", "fixed"],
      ["DAY", "date"],
    ]);
  });
});

describe("bigquery writer and fake", () => {
  const fake = () =>
    bigQueryFake({
      serviceAccounts: [{ client_email: EMAIL, publicKeyPem: keys.publicKey, projects: [PROJECT] }],
      datasets: {},
    });
  const key = () => ({ client_email: EMAIL, private_key: keys.privateKey });

  it("creates the dataset, then sends one script with typed @p parameters; the fake applies the MERGE", async () => {
    const bq = fake();
    const writer = openBigQueryWriter({ project_id: PROJECT }, key(), contextFor(bq.fetch));
    const stream: Stream = { ...ITEMS, columns: [...ITEMS.columns, col("raw", "binary"), col("odd-name", "string")] };
    await writer.migrate("landing", [stream]);
    await writer.write(
      { schema: "landing", stream },
      batch([[1n, "a", '{"k":1}', new Uint8Array([1, 2]), "x"]]),
      new Date("2031-01-01T00:00:00Z"),
    );
    await writer.write(
      { schema: "landing", stream },
      batch([[1n, "b", null, null, "y"]]),
      new Date("2031-01-02T00:00:00Z"),
    );
    expect(bq.requests.slice(0, 3)).toEqual([
      `POST /bigquery/v2/projects/${PROJECT}/datasets`,
      `GET /bigquery/v2/projects/${PROJECT}/datasets/landing/tables/items`,
      `POST /bigquery/v2/projects/${PROJECT}/queries`,
    ]);
    const query = bq.queries.at(-1);
    expect(query?.query.split(";\n")).toEqual([
      "CREATE TEMP TABLE `_fivetran_stage` (`id` INT64, `select` STRING, `doc` JSON, `raw` BYTES, `odd_name` STRING, `_fivetran_synced` TIMESTAMP)",
      "INSERT INTO `_fivetran_stage` (`id`, `select`, `doc`, `raw`, `odd_name`, `_fivetran_synced`) VALUES (@p0, @p1, @p2, @p3, @p4, @p5)",
      "MERGE INTO `landing`.`items` AS T USING `_fivetran_stage` AS S ON T.`id` = S.`id` WHEN MATCHED THEN UPDATE SET `select` = S.`select`, `doc` = S.`doc`, `raw` = S.`raw`, `odd_name` = S.`odd_name`, `_fivetran_synced` = S.`_fivetran_synced`, `_fivetran_deleted` = FALSE WHEN NOT MATCHED THEN INSERT (`id`, `select`, `doc`, `raw`, `odd_name`, `_fivetran_synced`, `_fivetran_deleted`) VALUES (S.`id`, S.`select`, S.`doc`, S.`raw`, S.`odd_name`, S.`_fivetran_synced`, FALSE)",
    ]);
    expect(query?.queryParameters?.slice(0, 2)).toEqual([
      { name: "p0", parameterType: { type: "INT64" }, parameterValue: { value: "1" } },
      { name: "p1", parameterType: { type: "STRING" }, parameterValue: { value: "b" } },
    ]);
    expect(query?.queryParameters?.[3]).toEqual({ name: "p3", parameterType: { type: "BYTES" }, parameterValue: {} });
    expect(bq.warehouse(PROJECT).table("landing", "items")?.rows).toEqual([
      ["1", "b", null, null, "y", "2031-01-02T00:00:00.000000Z", false],
    ]);
  });

  it("the fake refuses bad column names, oversized queries, parameters of the wrong type and unknown tokens", async () => {
    const bq = fake();
    const writer = openBigQueryWriter({ project_id: PROJECT }, key(), contextFor(bq.fetch));
    await writer.migrate("d", [ITEMS]);
    const token = bq.issued.get(EMAIL) as string;
    const query = (q: string, parameters: unknown[] = [], bearer = token) =>
      bq.fetch(`https://bigquery.googleapis.com/bigquery/v2/projects/${PROJECT}/queries`, {
        method: "POST",
        headers: { Authorization: `Bearer ${bearer}`, "Content-Type": "application/json" },
        body: JSON.stringify({ query: q, useLegacySql: false, parameterMode: "NAMED", queryParameters: parameters }),
      });
    const message = async (r: Response) => ((await r.json()) as { error: { message: string } }).error.message;
    const badName = await query("CREATE TABLE `d`.`t` (`bad-name` STRING)");
    expect(badName.status).toBe(400);
    expect(await message(badName)).toMatch(/Invalid field name "bad-name"/);
    expect(await message(await query(`CREATE TABLE \`d\`.\`t\` (\`${"a".repeat(301)}\` STRING)`))).toMatch(/300/);
    expect(await message(await query("CREATE TABLE `d`.`t` (`_PARTITIONTIME` STRING)"))).toMatch(/reserved prefix/);
    expect(await message(await query("CREATE TABLE `d`.`t` (select STRING)"))).toMatch(/reserved word/);
    expect(
      await message(await query(`DELETE FROM \`d\`.\`items\` WHERE \`select\` = '${"x".repeat(1_100_000)}'`)),
    ).toMatch(/query is too large/);
    const wrongType = await query("INSERT INTO `d`.`items` (`id`) VALUES (@p0)", [
      { name: "p0", parameterType: { type: "STRING" }, parameterValue: { value: "1" } },
    ]);
    expect(wrongType.status).toBe(400);
    expect(await message(wrongType)).toMatch(/cannot be assigned/);
    expect((await query("DELETE FROM `d`.`items` WHERE TRUE", [], "ya29.not-issued")).status).toBe(401);
  });

  it("maps types and names, and widens as ALTER COLUMN SET DATA TYPE allows", () => {
    expect(bigQueryName("Order Lines-2024")).toBe("Order_Lines_2024");
    expect(bigQueryName("1st")).toBe("_1st");
    expect(bigQueryType(col("n", "decimal", "numeric(12,2)", { precision: 12, scale: 2 }))).toBe("NUMERIC(12,2)");
    expect(bigQueryType(col("n", "decimal", "numeric(50,20)", { precision: 50, scale: 20 }))).toBe("BIGNUMERIC(50,20)");
    expect(bigQueryType(col("n", "decimal", "numeric"))).toBe("STRING");
    expect(bigQueryType(col("t", "timestamp"))).toBe("DATETIME");
    expect(bigQueryWiden("INT64", "NUMERIC(12,2)")).toEqual({ how: "alter", type: "NUMERIC(21,2)" });
    expect(bigQueryWiden("INT64", "FLOAT64")).toEqual({ how: "alter", type: "FLOAT64" });
    expect(bigQueryWiden("NUMERIC(12,2)", "NUMERIC(14,2)")).toEqual({ how: "alter", type: "NUMERIC(14,2)" });
    expect(bigQueryWiden("NUMERIC(12,2)", "NUMERIC(12,4)")).toEqual({ how: "rebuild", type: "NUMERIC(14,4)" });
    expect(bigQueryWiden("NUMERIC(14,2)", "INT64")).toEqual({ how: "alter", type: "NUMERIC(21,2)" });
    expect(bigQueryWiden("DATE", "STRING")).toEqual({ how: "rebuild", type: "STRING" });
    expect(bigQueryWiden("STRING", "INT64")).toEqual({ how: "keep" });
  });

  it("truncatedKeys: a keyset SELECT with typed parameters, results paged by pageToken; the fake refuses ORDER BY JSON", async () => {
    const bq = bigQueryFake({
      serviceAccounts: [{ client_email: EMAIL, publicKeyPem: keys.publicKey, projects: [PROJECT] }],
      datasets: {},
      pageRows: 2,
    });
    const writer = openBigQueryWriter({ project_id: PROJECT }, key(), contextFor(bq.fetch));
    const ref = { schema: "keys", stream: ITEMS };
    await writer.migrate("keys", [ITEMS]);
    await writer.write(ref, batch([1n, 2n, 3n, 4n, 5n].map((id) => [id, "x", null])), new Date("2031-01-01T00:00:00Z"));
    const listed: unknown[] = [];
    for await (const page of writer.truncatedKeys(ref)) listed.push(...page);
    expect(listed).toEqual([[1n], [2n], [3n], [4n], [5n]]);
    const query = bq.queries.at(-1);
    expect(query?.query).toBe(
      "SELECT `id` FROM `keys`.`items` WHERE `_fivetran_deleted` = FALSE ORDER BY `id` LIMIT 5000",
    );
    // Five rows, two a page: jobs.query's first page, then two jobs.getQueryResults pages.
    expect(bq.requests.filter((r) => r.includes("/queries/")).length).toBe(2);
    const token = bq.issued.get(EMAIL) as string;
    const run = (q: string, extra: object = {}) =>
      bq.fetch(`https://bigquery.googleapis.com/bigquery/v2/projects/${PROJECT}/queries`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ query: q, useLegacySql: false, parameterMode: "NAMED", ...extra }),
      });
    const ordered = await run("SELECT `doc` FROM `keys`.`items` ORDER BY `doc`");
    expect(ordered.status).toBe(400);
    expect(((await ordered.json()) as { error: { message: string } }).error.message).toMatch(/ORDER BY .*JSON/);
    // TIMESTAMP cells: float seconds by default, int64 microseconds when asked for.
    type Cells = { rows: { f: { v: string }[] }[] };
    const stamp = async (extra: object) =>
      ((await (await run("SELECT `_fivetran_synced` FROM `keys`.`items` LIMIT 1", extra)).json()) as Cells).rows[0]
        ?.f[0]?.v;
    expect(await stamp({})).toBe("1.924992E9");
    expect(await stamp({ formatOptions: { useInt64Timestamp: true } })).toBe("1924992000000000");
  });
});

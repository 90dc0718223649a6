import { decodeJwt, exportPKCS8, exportSPKI, generateKeyPair } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { AuthError, TableError } from "../../../src/engine/errors";
import type { StreamState } from "../../../src/engine/protocol";
import { SnowflakeApi } from "../../../src/engine/sources/snowflake/api";
import { snowflakeSource } from "../../../src/engine/sources/snowflake/index";
import { columnType, snowflakeReader } from "../../../src/engine/sources/snowflake/reader";
import { accountIdentifier } from "../../../src/engine/toolkit/snowflake-auth";
import { createSnowflakeFake, type FakeTable, fingerprint } from "../../fakes/snowflake-source";
import { snowflakeAccount } from "../conformance/fixtures/snowflake";
import { MemoryDestination } from "../conformance/suite";
import { configure, runToCompletion } from "../engine/harness";
import { context, invalid, parse, secretKeys, summary } from "./helpers";

const NOW = new Date("2026-01-15T10:00:00Z");
const HOST = "xy12345.eu-central-1.snowflakecomputing.com";

let privateKey: string;
let otherPrivateKey: string;
let publicKey: string;

beforeAll(async () => {
  const pair = await generateKeyPair("RS256", { extractable: true });
  privateKey = await exportPKCS8(pair.privateKey);
  publicKey = await exportSPKI(pair.publicKey);
  otherPrivateKey = await exportPKCS8((await generateKeyPair("RS256", { extractable: true })).privateKey);
});

function fake() {
  return createSnowflakeFake({
    account: "XY12345",
    users: {
      FIVETRAN: {
        publicKey,
        tokens: ["pat-secret-token"],
        defaultRole: "FIVETRAN_ROLE",
        databases: ["ANALYTICS"],
        warehouses: ["COMPUTE_WH"],
      },
    },
    now: () => NOW,
  });
}

describe("snowflake source config", () => {
  it("maps the SDK's account, warehouse and database onto Fivetran's fields", () => {
    const config = parse(snowflakeSource, {
      schema_prefix: "sf",
      account: "xy12345.eu-central-1",
      warehouse: "COMPUTE_WH",
      database: "ANALYTICS",
      user: "fivetran",
      privateKey: "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----",
    });
    expect(config).toEqual({
      schema_prefix: "sf",
      host: HOST,
      port: 443,
      warehouse: "COMPUTE_WH",
      database: "ANALYTICS",
      user: "fivetran",
      auth: "KEY_PAIR",
      private_key: "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----",
      is_private_key_encrypted: false,
      connection_type: "Directly",
    });
    expect(parse(snowflakeSource, config)).toEqual(config);
    expect(accountIdentifier(HOST)).toBe("XY12345");
    expect(accountIdentifier("myorg-myaccount.snowflakecomputing.com")).toBe("MYORG-MYACCOUNT");
  });

  it("marks password, private key and passphrase as secrets", () => {
    expect(secretKeys(snowflakeSource.fields).sort()).toEqual(["passphrase", "password", "private_key"]);
  });

  it("names bad fields", () => {
    const base = { schema_prefix: "sf", account: "xy12345", database: "ANALYTICS", user: "fivetran" };
    expect(invalid(snowflakeSource, base)).toBe(
      "Invalid value for field 'config.password': required with auth PASSWORD",
    );
    expect(invalid(snowflakeSource, { ...base, auth: "KEY_PAIR" })).toBe(
      "Invalid value for field 'config.private_key': required with auth KEY_PAIR",
    );
    expect(invalid(snowflakeSource, { ...base, password: "p", host: "db.example.com" })).toMatch(
      /'config.host': a Snowflake host/,
    );
    expect(invalid(snowflakeSource, { ...base, password: "p", database: "bad name" })).toMatch(
      /'config.database': a Snowflake identifier/,
    );
  });
});

describe("snowflake source setup tests (fake SQL API verifying key-pair JWTs)", () => {
  const keyPair = () => ({
    schema_prefix: "sf",
    account: "xy12345.eu-central-1",
    warehouse: "COMPUTE_WH",
    database: "ANALYTICS",
    user: "fivetran",
    privateKey,
  });

  it("runs the context query with a key-pair JWT", async () => {
    const snowflake = fake();
    const tests = await snowflakeSource.check(parse(snowflakeSource, keyPair()), context(snowflake.fetch, NOW));
    expect(tests).toEqual([
      {
        title: "Connecting to Snowflake",
        status: "PASSED",
        message: "Connected to Snowflake 9.1.0 as FIVETRAN (role FIVETRAN_ROLE)",
      },
      { title: "Checking warehouse", status: "PASSED", message: "Using warehouse COMPUTE_WH" },
      { title: "Checking database", status: "PASSED", message: "Database ANALYTICS is accessible" },
    ]);
    const [request] = snowflake.requests;
    expect(request?.url.href).toBe(`https://${HOST}/api/v2/statements`);
    expect(request?.headers.get("X-Snowflake-Authorization-Token-Type")).toBe("KEYPAIR_JWT");
    const claims = decodeJwt((request?.headers.get("Authorization") ?? "").replace("Bearer ", ""));
    expect(claims.sub).toBe("XY12345.FIVETRAN");
    expect(claims.iss).toBe(`XY12345.FIVETRAN.${await fingerprint(publicKey)}`);
    expect(JSON.parse(request?.body ?? "")).toMatchObject({ database: "ANALYTICS", warehouse: "COMPUTE_WH" });
  });

  it("fails as an auth problem with a key the user does not have", async () => {
    const config = parse(snowflakeSource, { ...keyPair(), privateKey: otherPrivateKey });
    expect(await snowflakeSource.check(config, context(fake().fetch, NOW))).toEqual([
      {
        title: "Connecting to Snowflake",
        status: "FAILED",
        message: "Snowflake rejected the credentials (401): JWT token is invalid. (code 390144)",
        details: { status: 401, auth: true },
      },
    ]);
  });

  it("explains encrypted keys, unparseable keys and plain passwords", async () => {
    const encrypted = parse(snowflakeSource, { ...keyPair(), is_private_key_encrypted: true, passphrase: "x" });
    expect((await snowflakeSource.check(encrypted, context(fake().fetch, NOW)))[0]?.message).toMatch(
      /openssl pkcs8 .* -nocrypt/,
    );
    const garbage = parse(snowflakeSource, { ...keyPair(), privateKey: "not a key" });
    expect((await snowflakeSource.check(garbage, context(fake().fetch, NOW)))[0]?.message).toMatch(
      /not a PKCS#8 PEM RSA key/,
    );
    const { privateKey: _, ...noKey } = keyPair();
    const password = parse(snowflakeSource, { ...noKey, password: "hunter2" });
    const [test] = await snowflakeSource.check(password, context(fake().fetch, NOW));
    expect(test?.message).toMatch(/401.*the password must be a programmatic access token/);
    expect(test?.message).not.toContain("hunter2");
  });

  it("accepts a programmatic access token as password", async () => {
    const { privateKey: _, ...noKey } = keyPair();
    const config = parse(snowflakeSource, { ...noKey, password: "pat-secret-token" });
    const snowflake = fake();
    expect(summary(await snowflakeSource.check(config, context(snowflake.fetch, NOW)))).toEqual([
      ["Connecting to Snowflake", "PASSED"],
      ["Checking warehouse", "PASSED"],
      ["Checking database", "PASSED"],
    ]);
    expect(snowflake.requests[0]?.headers.get("X-Snowflake-Authorization-Token-Type")).toBe(
      "PROGRAMMATIC_ACCESS_TOKEN",
    );
  });

  it("warns without a warehouse, fails for an unusable database, warns on 429", async () => {
    const { warehouse: _, ...noWarehouse } = keyPair();
    const tests = await snowflakeSource.check(
      parse(snowflakeSource, { ...noWarehouse, database: "FINANCE" }),
      context(fake().fetch, NOW),
    );
    expect(summary(tests)).toEqual([
      ["Connecting to Snowflake", "PASSED"],
      ["Checking warehouse", "WARNING"],
      ["Checking database", "FAILED"],
    ]);
    expect(tests[2]?.message).toBe("Database FINANCE does not exist or role FIVETRAN_ROLE lacks USAGE on it");

    const snowflake = fake();
    snowflake.state.rateLimitRetryAfter = 3;
    const [throttled] = await snowflakeSource.check(parse(snowflakeSource, keyPair()), context(snowflake.fetch, NOW));
    expect(throttled).toMatchObject({ status: "WARNING", details: { status: 429, retry_after: 3 } });
  });
});

describe("snowflake source reader (SQL API fake evaluating its statements)", () => {
  const table = (rows: number): FakeTable => ({
    columns: [
      { name: "ID", type: "NUMBER", precision: 38, scale: 0, nullable: false },
      { name: "NAME", type: "TEXT" },
      { name: "UPDATED_AT", type: "TIMESTAMP_LTZ", nullable: false },
    ],
    primaryKey: ["ID"],
    rows: Array.from({ length: rows }, (_, k) => [String(k + 1), `n${k + 1}`, `${1_700_000_000 + k}.000000000`]),
  });
  const readAll = async (account: Awaited<ReturnType<typeof snowflakeAccount>>, database: string, pageBytes = 256) => {
    const config = account.config(database);
    const { streams } = await snowflakeReader.discover(config, account.context());
    const destination = new MemoryDestination();
    const state: Record<string, StreamState> = {};
    await runToCompletion({
      reader: snowflakeReader,
      config,
      openWriter: async () => destination.writer(),
      schema: "sf",
      streams: configure(streams),
      state,
      runId: "r1",
      pageBytes,
      ctx: account.context(),
    });
    return { destination, state, streams, config };
  };

  it("pages by key with bound values, fetches every partition, and signs each request", async () => {
    const account = await snowflakeAccount({ DB1: { "PUBLIC.T": table(40) } }, 5);
    const { destination } = await readAll(account, "DB1");
    expect(destination.rows("sf.T").length).toBe(40);
    const pages = account.fake.statements.filter((s) => s.statement.startsWith('SELECT "ID", "NAME", "UPDATED_AT"'));
    expect(pages.length).toBeGreaterThan(2);
    // Every page after the first resumes past the last key, as a FIXED binding.
    expect(pages[1]?.statement).toMatch(/WHERE "ID" > \? ORDER BY "ID" LIMIT \d+$/);
    expect(pages[1]?.bindings).toEqual({ "1": { type: "FIXED", value: expect.stringMatching(/^\d+$/) } });
    const partitionGets = account.fake.requests.filter(
      (r) => r.method === "GET" && r.url.searchParams.has("partition"),
    );
    expect(partitionGets.length).toBeGreaterThan(0);
    for (const request of account.fake.requests) {
      expect(request.headers.get("X-Snowflake-Authorization-Token-Type")).toBe("KEYPAIR_JWT");
    }
    // POSTs carry a request id (a retry of the same request repeats it with retry=true).
    expect(
      account.fake.requests.filter((r) => r.method === "POST").every((r) => r.url.searchParams.has("requestId")),
    ).toBe(true);
  });

  it("an incremental pass binds its signpost and its lookback-lowered bound as formatted timestamps", async () => {
    const account = await snowflakeAccount({ DB2: { "PUBLIC.T": table(10) } });
    const config = account.config("DB2");
    const { streams } = await snowflakeReader.discover(config, account.context());
    expect(streams[0]?.cursorCandidates).toEqual(["UPDATED_AT"]);
    const destination = new MemoryDestination();
    const state: Record<string, StreamState> = {};
    const run = (runId: string) =>
      runToCompletion({
        reader: snowflakeReader,
        config,
        openWriter: async () => destination.writer(),
        schema: "sf",
        streams: configure(streams, "incremental", 60_000),
        state,
        runId,
        ctx: account.context(),
      });
    await run("r1");
    account.fake.statements.length = 0;
    await run("r2");
    const pass = account.fake.statements.find((s) => s.statement.includes("WHERE"));
    expect(pass?.statement).toContain(
      `"UPDATED_AT" <= TO_TIMESTAMP_LTZ(?, 'YYYY-MM-DD HH24:MI:SS.FF9 TZH:TZM') AND "UPDATED_AT" >= TO_TIMESTAMP_LTZ(?, 'YYYY-MM-DD HH24:MI:SS.FF9 TZH:TZM')`,
    );
    // The signpost is the maximum (1 700 000 009 s); the lower bound is it minus the minute of lookback.
    expect(pass?.bindings).toEqual({
      "1": { type: "TEXT", value: "2023-11-14 22:13:29.000000000 +00:00" },
      "2": { type: "TEXT", value: "2023-11-14 22:12:29.000000000 +00:00" },
    });
    expect(destination.rows("sf.T").length).toBe(10);
  });

  it("waits out a 202 and a 429 (Retry-After), as the SQL API's workflow says", async () => {
    const account = await snowflakeAccount({ DB3: { "PUBLIC.T": table(3) } });
    account.fake.state.asyncPolls = 2;
    account.fake.state.throttle = 1;
    const { streams } = await snowflakeReader.discover(account.config("DB3"), account.context());
    expect(streams.map((s) => `${s.namespace}.${s.name}`)).toEqual(["PUBLIC.T"]);
    const polls = account.fake.requests.filter((r) => r.method === "GET" && !r.url.searchParams.has("partition"));
    expect(polls.length).toBe(2);
    // The throttled request was sent again with the same request id and retry=true.
    const posts = account.fake.requests.filter((r) => r.method === "POST");
    expect(posts[1]?.url.searchParams.get("retry")).toBe("true");
    expect(posts[1]?.url.searchParams.get("requestId")).toBe(posts[0]?.url.searchParams.get("requestId"));
  }, 15_000);

  it("the fake rejects what Snowflake rejects; the reader names auth and missing tables", async () => {
    const account = await snowflakeAccount({ DB4: { "PUBLIC.T": table(3) } });
    const config = account.config("DB4");
    const api = new SnowflakeApi(config, account.context());
    await expect(api.query('SELECT "ID" FROM "PUBLIC"."T" WHERE "ID" > ? ORDER BY "ID" LIMIT 5')).rejects.toThrow(
      /Bind variable \? not set.*002049/s,
    );
    await expect(
      api.query('SELECT "ID" FROM "PUBLIC"."T" WHERE "ID" > ? ORDER BY "ID" LIMIT 5', {
        "1": { type: "FIXED", value: "x" },
      }),
    ).rejects.toThrow(/Numeric value 'x' is not recognized/);
    await expect(
      api.query(
        `SELECT "ID" FROM "PUBLIC"."T" WHERE "UPDATED_AT" > TO_TIMESTAMP_LTZ(?, 'YYYY-MM-DD HH24:MI:SS.FF9 TZH:TZM')`,
        {
          "1": { type: "TEXT", value: "2024-01-01" },
        },
      ),
    ).rejects.toThrow(/Timestamp '2024-01-01' is not recognized/);
    await expect(api.query('SELECT "ID" FROM "PUBLIC"."NOPE" ORDER BY "ID" LIMIT 5')).rejects.toBeInstanceOf(
      TableError,
    );
    await expect(api.query("DELETE FROM T")).rejects.toThrow(/not supported by this fake/);
    const { warehouse: _, ...noWarehouse } = config;
    await expect(
      new SnowflakeApi(noWarehouse, account.context()).query('SELECT MAX("ID") FROM "PUBLIC"."T"'),
    ).rejects.toThrow(/No active warehouse/);
    const wrongKey = { ...config, private_key: otherPrivateKey };
    await expect(snowflakeReader.discover(wrongKey, account.context())).rejects.toBeInstanceOf(AuthError);
  });

  it("maps NUMBER by precision and scale, and the other types", () => {
    expect(columnType("NUMBER", 9, 0)).toBe("int");
    expect(columnType("NUMBER", 18, 0)).toBe("long");
    expect(columnType("NUMBER", 38, 0)).toBe("decimal");
    expect(columnType("NUMBER", 10, 2)).toBe("decimal");
    expect(columnType("FLOAT", null, null)).toBe("float");
    expect(columnType("TIMESTAMP_TZ", null, null)).toBe("timestamptz");
    expect(columnType("VARIANT", null, null)).toBe("json");
    expect(columnType("ARRAY", null, null)).toBe("array");
    expect(columnType("BINARY", null, null)).toBe("binary");
    expect(columnType("GEOGRAPHY", null, null)).toBe("json");
  });
});

import { decodeJwt, exportPKCS8, exportSPKI, generateKeyPair } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { snowflakeSource } from "../../../src/engine/sources/snowflake/index";
import { accountIdentifier } from "../../../src/engine/toolkit/snowflake-auth";
import { createSnowflakeFake, fingerprint } from "../../fakes/snowflake-source";
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

import { createPrivateKey } from "node:crypto";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { snowflakeDestination } from "../../src/engine/destinations/snowflake/index";
import { parseConfig } from "../../src/engine/toolkit/config";
import { setupStatusOf } from "../../src/engine/toolkit/setup-tests";
import { accountIdentifier } from "../../src/engine/toolkit/snowflake-auth";
import { publicKeyFingerprint, snowflakeFake } from "../fakes/snowflake";
import { TEST_EGRESS } from "./engine/harness";

const HOST = "xy12345.snowflakecomputing.com";

function pem(label: string, der: ArrayBuffer): string {
  const base64 = btoa(String.fromCharCode(...new Uint8Array(der)));
  return `-----BEGIN ${label}-----\n${base64.match(/.{1,64}/g)?.join("\n")}\n-----END ${label}-----\n`;
}

async function rsaKeyPair() {
  const pair = (await crypto.subtle.generateKey(
    { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    true,
    ["sign", "verify"],
  )) as CryptoKeyPair;
  return {
    privateKeyPem: pem("PRIVATE KEY", (await crypto.subtle.exportKey("pkcs8", pair.privateKey)) as ArrayBuffer),
    publicKeyPem: pem("PUBLIC KEY", (await crypto.subtle.exportKey("spki", pair.publicKey)) as ArrayBuffer),
  };
}

let loader: Awaited<ReturnType<typeof rsaKeyPair>>;
let stranger: Awaited<ReturnType<typeof rsaKeyPair>>;

beforeAll(async () => {
  [loader, stranger] = await Promise.all([rsaKeyPair(), rsaKeyPair()]);
});

function fake() {
  return snowflakeFake({
    account: "XY12345",
    host: HOST,
    users: [
      {
        name: "LOADER",
        publicKeyPem: loader.publicKeyPem,
        programmaticAccessToken: "pat-token-of-loader",
        defaultRole: "LOADER_ROLE",
        roles: ["TRANSFORMER"],
        defaultWarehouse: "LOADING_WH",
      },
      { name: "NO_WAREHOUSE", publicKeyPem: loader.publicKeyPem, defaultRole: "PUBLIC" },
    ],
    databases: ["ANALYTICS"],
    warehouses: ["LOADING_WH", "BIG_WH"],
    version: "9.12.0",
  });
}

function config(input: Record<string, unknown>) {
  return parseConfig(snowflakeDestination, {
    host: HOST,
    database: "analytics",
    user: "loader",
    auth: "KEY_PAIR",
    private_key: loader.privateKeyPem,
    ...input,
  }) as Parameters<typeof snowflakeDestination.check>[0];
}

async function check(input: Record<string, unknown>, sf = fake()) {
  const tests = await snowflakeDestination.check(config(input), {
    fetch: sf.fetch,
    log: { info() {}, warn() {} },
    now: () => new Date(),
    bindings: {},
    egress: TEST_EGRESS,
  });
  return { tests, sf, summary: tests.map((t) => [t.title, t.status]) };
}

describe("snowflake destination setup tests (against a fake of Snowflake's SQL API)", () => {
  it("signs a key-pair JWT the SQL API accepts and checks database and warehouse", async () => {
    const { tests, sf } = await check({});
    expect(tests).toEqual([
      {
        title: "Validating credentials",
        status: "PASSED",
        message: `Key pair for XY12345.LOADER, public key fingerprint ${publicKeyFingerprint(loader.publicKeyPem)}`,
      },
      { title: "Connecting to Snowflake", status: "PASSED", message: `Connected to Snowflake 9.12.0 at ${HOST}` },
      {
        title: "Checking database and warehouse access",
        status: "PASSED",
        message: "Database ANALYTICS and warehouse LOADING_WH usable as role LOADER_ROLE",
      },
    ]);
    expect(setupStatusOf(tests)).toBe("connected");
    expect(sf.statements).toEqual([
      {
        user: "LOADER",
        tokenType: "KEYPAIR_JWT",
        body: {
          statement: "SELECT CURRENT_VERSION(), CURRENT_ROLE(), CURRENT_DATABASE(), CURRENT_WAREHOUSE()",
          timeout: 60,
          database: "analytics",
        },
      },
    ]);
  });

  it("sends the documented request: POST /api/v2/statements, iss ACCOUNT.USER.SHA256:fp, sub ACCOUNT.USER, under an hour", async () => {
    const sf = fake();
    const seen: Request[] = [];
    const spy = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      seen.push(request.clone());
      return sf.fetch(request);
    }) as typeof fetch;
    const now = new Date("2026-01-02T03:04:05Z");
    await snowflakeDestination.check(config({ role: "TRANSFORMER", warehouse: "big_wh" }), {
      fetch: spy,
      log: { info() {}, warn() {} },
      now: () => now,
      bindings: {},
      egress: TEST_EGRESS,
    });
    const [request] = seen;
    expect(request?.method).toBe("POST");
    expect(request?.url).toMatch(new RegExp(`^https://${HOST}/api/v2/statements\\?requestId=[0-9a-f-]{36}$`));
    expect(request?.headers.get("X-Snowflake-Authorization-Token-Type")).toBe("KEYPAIR_JWT");
    expect(request?.headers.get("Accept")).toBe("application/json");
    expect(request?.headers.get("User-Agent")).toMatch(/^fivetran\.do\//);
    const token = request?.headers.get("Authorization")?.replace(/^Bearer /, "") ?? "";
    expect(decodeProtectedHeader(token)).toEqual({ alg: "RS256", typ: "JWT" });
    expect(decodeJwt(token)).toEqual({
      iss: `XY12345.LOADER.${publicKeyFingerprint(loader.publicKeyPem)}`,
      sub: "XY12345.LOADER",
      iat: now.getTime() / 1000,
      exp: now.getTime() / 1000 + 3540,
    });
    expect(await request?.json()).toEqual({
      statement: "SELECT CURRENT_VERSION(), CURRENT_ROLE(), CURRENT_DATABASE(), CURRENT_WAREHOUSE()",
      timeout: 60,
      database: "analytics",
      role: "TRANSFORMER",
      warehouse: "big_wh",
    });
  });

  it("fails with Snowflake's 401 when the key is not the one registered for the user", async () => {
    const { tests, summary } = await check({ private_key: stranger.privateKeyPem });
    expect(summary).toEqual([
      ["Validating credentials", "PASSED"],
      ["Connecting to Snowflake", "FAILED"],
      ["Checking database and warehouse access", "SKIPPED"],
    ]);
    expect(tests[1]?.message).toMatch(/^Snowflake answered HTTP 401 \(code 390144\): JWT token is invalid\./);
    expect(setupStatusOf(tests)).toBe("broken");
  });

  it("decrypts an encrypted key (des3 as in Snowflake's guide, and AES) with its passphrase", async () => {
    const key = createPrivateKey(loader.privateKeyPem);
    for (const cipher of ["des-ede3-cbc", "aes-256-cbc"]) {
      const encrypted = key.export({ type: "pkcs8", format: "pem", cipher, passphrase: "open sesame" }) as string;
      expect(encrypted).toContain("BEGIN ENCRYPTED PRIVATE KEY");
      const ok = await check({ private_key: encrypted, is_private_key_encrypted: true, passphrase: "open sesame" });
      expect(
        ok.summary.map(([, status]) => status),
        cipher,
      ).toEqual(["PASSED", "PASSED", "PASSED"]);

      const wrong = await check({ private_key: encrypted, is_private_key_encrypted: "true", passphrase: "guess" });
      expect(wrong.tests[0]).toEqual({
        title: "Validating credentials",
        status: "FAILED",
        message: "private_key could not be decrypted with passphrase, or is not a PKCS#8 private key",
      });
      expect(wrong.summary.slice(1).map(([, status]) => status)).toEqual(["SKIPPED", "SKIPPED"]);
      expect(wrong.sf.statements).toEqual([]);
    }
  });

  it("takes a key pasted without its PEM armour, and explains a key that is not one", async () => {
    const bare = loader.privateKeyPem.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, "");
    expect((await check({ private_key: bare })).summary.map(([, s]) => s)).toEqual(["PASSED", "PASSED", "PASSED"]);
    const garbage = await check({ private_key: "not a key" });
    expect(garbage.tests[0]?.status).toBe("FAILED");
    expect(garbage.tests[0]?.message).toMatch(/^private_key is not a PEM\/PKCS#8 private key/);
  });

  it("with password auth, says the SQL API has no password login; a programmatic access token as password works", async () => {
    const pat = await check({ auth: "PASSWORD", private_key: undefined, password: "pat-token-of-loader" });
    expect(pat.summary).toEqual([
      ["Validating credentials", "WARNING"],
      ["Connecting to Snowflake", "PASSED"],
      ["Checking database and warehouse access", "PASSED"],
    ]);
    expect(pat.tests[0]?.message).toMatch(/has no password login/);
    expect(pat.sf.statements[0]?.tokenType).toBe("PROGRAMMATIC_ACCESS_TOKEN");
    expect(setupStatusOf(pat.tests)).toBe("connected");

    const plain = await check({ auth: "PASSWORD", private_key: undefined, password: "hunter2" });
    expect(plain.summary[1]).toEqual(["Connecting to Snowflake", "FAILED"]);
    expect(plain.tests[1]?.message).toMatch(/HTTP 401 \(code 390100\).*switch auth to KEY_PAIR$/);
    expect(plain.tests.map((t) => t.message).join(" ")).not.toContain("hunter2");
    expect(setupStatusOf(plain.tests)).toBe("broken");
  });

  it("fails for a missing database, an unknown warehouse or a role not granted; warns without any warehouse", async () => {
    const noDatabase = await check({ database: "nope" });
    expect(noDatabase.tests[2]).toMatchObject({
      status: "FAILED",
      message: "Database 'nope' does not exist or role LOADER_ROLE may not use it",
    });
    const noSuchWarehouse = await check({ warehouse: "tiny_wh" });
    expect(noSuchWarehouse.tests[2]).toMatchObject({
      status: "FAILED",
      message: expect.stringMatching(/^Warehouse 'tiny_wh'/),
    });
    const noWarehouse = await check({ user: "no_warehouse" });
    expect(noWarehouse.tests[2]).toMatchObject({ status: "WARNING", message: expect.stringMatching(/^No warehouse/) });
    expect(setupStatusOf(noWarehouse.tests)).toBe("connected");
    const role = await check({ role: "ACCOUNTADMIN" });
    expect(role.tests[1]?.status).toBe("FAILED");
    expect(role.tests[1]?.message).toMatch(/^Snowflake answered HTTP 422 \(code 390189\): Role 'ACCOUNTADMIN'/);
  });

  it("fails clearly when the host cannot be reached", async () => {
    const unreachable = (async () => {
      throw new TypeError("fetch failed: getaddrinfo ENOTFOUND");
    }) as unknown as typeof fetch;
    const tests = await snowflakeDestination.check(config({}), {
      fetch: unreachable,
      log: { info() {}, warn() {} },
      now: () => new Date(),
      bindings: {},
      egress: TEST_EGRESS,
    });
    expect(tests[1]).toEqual({
      title: "Connecting to Snowflake",
      status: "FAILED",
      message: `Could not reach ${HOST}: fetch failed: getaddrinfo ENOTFOUND`,
    });
  });

  it("maps the SDK short form {account, warehouse, database} and names accounts as JWTs need them", () => {
    const sdk = parseConfig(snowflakeDestination, {
      account: "myorg-myaccount",
      warehouse: "LOADING_WH",
      database: "ANALYTICS",
      user: "loader",
      privateKey: "-----BEGIN PRIVATE KEY-----\nMII\n-----END PRIVATE KEY-----",
    });
    expect(sdk).toMatchObject({
      host: "myorg-myaccount.snowflakecomputing.com",
      port: 443,
      auth: "KEY_PAIR",
      warehouse: "LOADING_WH",
    });
    expect(accountIdentifier("xy12345.us-east-2.aws.snowflakecomputing.com")).toBe("XY12345");
    expect(accountIdentifier("myorg-myaccount.snowflakecomputing.com")).toBe("MYORG-MYACCOUNT");
  });
});

import { createHash, createPublicKey, generateKeyPairSync } from "node:crypto";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { describe, expect, it } from "vitest";
import {
  accountIdentifier,
  executeStatement,
  keyPairJwt,
  loadPrivateKey,
  statementRequest,
  statementsUrl,
} from "../../../src/engine/toolkit/snowflake-auth";

const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
const plainPem = rsa.privateKey.export({ type: "pkcs8", format: "pem" }) as string;
const encryptedPem = rsa.privateKey.export({
  type: "pkcs8",
  format: "pem",
  cipher: "aes-256-cbc",
  passphrase: "open sesame",
}) as string;
const fingerprint = `SHA256:${createHash("sha256")
  .update(createPublicKey(rsa.privateKey).export({ type: "spki", format: "der" }))
  .digest("base64")}`;

describe("snowflake-auth", () => {
  it("names the account by the host's first label", () => {
    expect(accountIdentifier("xy12345.us-east-2.aws.snowflakecomputing.com")).toBe("XY12345");
    expect(accountIdentifier("myorg-myaccount.snowflakecomputing.com")).toBe("MYORG-MYACCOUNT");
  });

  it("reads plain, armourless and encrypted PKCS#8 keys to the same fingerprint", async () => {
    expect((await loadPrivateKey(plainPem)).fingerprint).toBe(fingerprint);
    const bare = plainPem.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, "");
    expect((await loadPrivateKey(bare)).fingerprint).toBe(fingerprint);
    expect((await loadPrivateKey(encryptedPem, "open sesame")).fingerprint).toBe(fingerprint);
  });

  it("refuses a wrong passphrase, garbage and non-RSA keys without echoing key material", async () => {
    const wrong = await loadPrivateKey(encryptedPem, "nope").catch((e: Error) => e);
    expect((wrong as Error).message).toMatch(/could not be decrypted/);
    expect((wrong as Error).message).not.toContain("nope");
    const garbage = await loadPrivateKey("not-a-key-secret").catch((e: Error) => e);
    expect((garbage as Error).message).toMatch(/not a PEM\/PKCS#8 private key/);
    expect((garbage as Error).message).not.toContain("not-a-key-secret");
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" });
    expect(((await loadPrivateKey(ec as string).catch((e: Error) => e)) as Error).message).toMatch(/needs RSA/);
  });

  it("signs the documented JWT: RS256, iss ACCOUNT.USER.fp, sub ACCOUNT.USER, under an hour", async () => {
    const key = await loadPrivateKey(plainPem);
    const now = new Date("2026-01-02T03:04:05Z");
    const token = await keyPairJwt({ host: "xy12345.snowflakecomputing.com", user: "loader" }, key, now);
    expect(decodeProtectedHeader(token)).toEqual({ alg: "RS256", typ: "JWT" });
    const iat = now.getTime() / 1000;
    expect(decodeJwt(token)).toEqual({
      iss: `XY12345.LOADER.${fingerprint}`,
      sub: "XY12345.LOADER",
      iat,
      exp: iat + 3540,
    });
    const short = await keyPairJwt({ host: "a.b", user: "u" }, key, now, 600);
    expect(decodeJwt(short).exp).toBe(iat + 600);
  });

  it("builds the statement request and submits it with a requestId", async () => {
    const target = { host: "xy.snowflakecomputing.com", port: 443, database: "DB", warehouse: "WH" };
    expect(statementsUrl(target)).toBe("https://xy.snowflakecomputing.com/api/v2/statements");
    expect(statementsUrl({ host: "h.example", port: 8443 })).toBe("https://h.example:8443/api/v2/statements");
    const init = statementRequest(target, { token: "t0k", type: "PROGRAMMATIC_ACCESS_TOKEN" }, "SELECT 1", {
      timeoutSeconds: 30,
    });
    const headers = new Headers(init.headers);
    expect(headers.get("Authorization")).toBe("Bearer t0k");
    expect(headers.get("X-Snowflake-Authorization-Token-Type")).toBe("PROGRAMMATIC_ACCESS_TOKEN");
    expect(headers.get("User-Agent")).toMatch(/^fivetran\.do\//);
    expect(JSON.parse(init.body as string)).toEqual({
      statement: "SELECT 1",
      timeout: 30,
      database: "DB",
      warehouse: "WH",
    });

    const seen: Request[] = [];
    const fetcher = (async (input: RequestInfo | URL, i?: RequestInit) => {
      seen.push(new Request(input, i));
      return Response.json({ data: [["1"]] });
    }) as typeof fetch;
    const result = await executeStatement(target, { token: "t", type: "KEYPAIR_JWT" }, "SELECT 1", { fetch: fetcher });
    expect(result).toEqual({ status: 200, body: { data: [["1"]] } });
    expect(seen[0]?.url).toMatch(/\/api\/v2\/statements\?requestId=[0-9a-f-]{36}$/);
  });
});

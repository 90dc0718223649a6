import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { d1Destination } from "../../src/engine/destinations/d1/index";
import { r2Destination } from "../../src/engine/destinations/r2/index";
import { parseConfig } from "../../src/engine/toolkit/config";
import { setupStatusOf } from "../../src/engine/toolkit/setup-tests";
import { cloudflareD1Fake } from "../fakes/cloudflare-d1";
import { r2S3Fake } from "../fakes/r2-s3";
import { TEST_EGRESS } from "./engine/harness";

const ACCOUNT = "0123456789abcdef0123456789abcdef";
const OTHER_ACCOUNT = "fedcba9876543210fedcba9876543210";
const DATABASE_ID = "6c1e2a3b-0000-4000-8000-00000000d1d1";

/** The D1 HTTP API of an account whose database is, for real, this Worker's WAREHOUSE. */
function d1Api() {
  return cloudflareD1Fake({
    tokens: { "good-token": [ACCOUNT], "other-account-token": [OTHER_ACCOUNT] },
    databases: { [ACCOUNT]: { [DATABASE_ID]: env.WAREHOUSE } },
  });
}

async function checkD1(input: Record<string, unknown>, fetcher: typeof fetch = d1Api()) {
  const config = parseConfig(d1Destination, {
    account_id: ACCOUNT,
    database_id: DATABASE_ID,
    api_token: "good-token",
    ...input,
  }) as Parameters<typeof d1Destination.check>[0];
  return d1Destination.check(config, {
    fetch: fetcher,
    log: { info() {}, warn() {} },
    now: () => new Date(),
    bindings: {},
    egress: TEST_EGRESS,
  });
}

describe("d1 destination through Cloudflare's D1 HTTP API (fake API, real D1 behind it)", () => {
  it("writes and reads back a probe row with one batch request, and leaves nothing behind", async () => {
    const api = d1Api();
    const seen: Request[] = [];
    const spy = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      seen.push(request.clone());
      return api(request);
    }) as typeof fetch;
    const tests = await checkD1({}, spy);
    expect(tests).toEqual([
      { title: "Resolving the database", status: "PASSED", message: `D1 database ${DATABASE_ID}` },
      {
        title: "Writing and reading a probe row",
        status: "PASSED",
        message: `Created, wrote, read and dropped _fivetran_setup_test in D1 database ${DATABASE_ID}`,
      },
    ]);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toBe(
      `https://api.cloudflare.com/client/v4/accounts/${ACCOUNT}/d1/database/${DATABASE_ID}/query`,
    );
    expect(seen[0]?.headers.get("Authorization")).toBe("Bearer good-token");
    const body = (await seen[0]?.json()) as { batch: { sql: string; params: unknown[] }[] };
    expect(body.batch.map((s) => s.sql.split(" ").slice(0, 2).join(" "))).toEqual([
      "CREATE TABLE",
      "INSERT INTO",
      "SELECT id,",
      "DROP TABLE",
    ]);
    const leftover = await env.WAREHOUSE.prepare(
      "SELECT name FROM sqlite_master WHERE name = '_fivetran_setup_test'",
    ).all();
    expect(leftover.results).toEqual([]);
  });

  it("fails with Cloudflare's 401 for an unknown token and 403 for a token of another account", async () => {
    const unknown = await checkD1({ api_token: "revoked-token" });
    expect(unknown[1]).toEqual({
      title: "Writing and reading a probe row",
      status: "FAILED",
      message:
        "Cloudflare API answered HTTP 401: Authentication error (code 10000); check that api_token is valid and has D1 edit permission on account_id",
    });
    expect(setupStatusOf(unknown)).toBe("broken");
    const foreign = await checkD1({ api_token: "other-account-token" });
    expect(foreign[1]?.status).toBe("FAILED");
    expect(foreign[1]?.message).toMatch(/^Cloudflare API answered HTTP 403: Authentication error \(code 10000\)/);
    expect(foreign.map((t) => t.message).join(" ")).not.toContain("other-account-token");
  });

  it("fails for a database the account does not have", async () => {
    const tests = await checkD1({ database_id: "6c1e2a3b-0000-4000-8000-000000000404" });
    expect(tests[1]).toMatchObject({
      status: "FAILED",
      message:
        "Cloudflare API answered HTTP 404: The database 6c1e2a3b-0000-4000-8000-000000000404 could not be found (code 7404)",
    });
  });

  it("maps camelCase SDK fields and lets the HTTP API fields win over a binding name", () => {
    const config = parseConfig(d1Destination, {
      database: "WAREHOUSE",
      accountId: ACCOUNT,
      databaseId: DATABASE_ID,
      apiToken: "t",
    });
    expect(config).toEqual({ database: "WAREHOUSE", account_id: ACCOUNT, database_id: DATABASE_ID, api_token: "t" });
  });
});

const KEY_ID = "4f5e6d7c8b9a00112233445566778899";
const SECRET = "r2-secret-access-key-0123456789abcdef0123456789abcdef";

describe("r2 destination through R2's S3 API (fake, SigV4 verified)", () => {
  async function checkR2(
    input: Record<string, unknown>,
    fake = r2S3Fake({ accountId: ACCOUNT, keys: { [KEY_ID]: SECRET }, buckets: ["lake"] }),
  ) {
    const config = parseConfig(r2Destination, {
      account_id: ACCOUNT,
      bucket_name: "lake",
      access_key_id: KEY_ID,
      secret_access_key: SECRET,
      prefix: "raw",
      ...input,
    }) as Parameters<typeof r2Destination.check>[0];
    const tests = await r2Destination.check(config, {
      fetch: fake.fetch,
      log: { info() {}, warn() {} },
      now: () => new Date(),
      bindings: {},
      egress: TEST_EGRESS,
    });
    return { tests, fake };
  }

  it("writes, reads back and deletes a signed probe object under the prefix", async () => {
    const { tests, fake } = await checkR2({});
    expect(tests.map((t) => [t.title, t.status])).toEqual([
      ["Resolving the bucket", "PASSED"],
      ["Writing and reading a probe object", "PASSED"],
    ]);
    expect(tests[1]?.message).toMatch(
      /^Wrote, read and deleted raw\/_fivetran_setup_test\/[0-9a-f-]{36}\.json in R2 bucket lake$/,
    );
    expect(fake.objects.size).toBe(0);
  });

  it("fails with S3's error codes for a wrong secret, an unknown key and a missing bucket", async () => {
    const wrongSecret = await checkR2({ secret_access_key: "not-the-secret" });
    expect(wrongSecret.tests[1]?.status).toBe("FAILED");
    expect(wrongSecret.tests[1]?.message).toMatch(
      /^R2 S3 API answered HTTP 403 SignatureDoesNotMatch: .*check the R2 API token/,
    );
    expect(wrongSecret.tests[1]?.message).not.toContain("not-the-secret");
    const unknownKey = await checkR2({ access_key_id: "nobody" });
    expect(unknownKey.tests[1]?.message).toMatch(/^R2 S3 API answered HTTP 403 InvalidAccessKeyId/);
    const noBucket = await checkR2({ bucket_name: "nowhere" });
    expect(noBucket.tests[1]?.message).toBe(
      "R2 S3 API answered HTTP 404 NoSuchBucket: The specified bucket does not exist.",
    );
  });

  it("asks for every S3 field once one is set, naming each", () => {
    expect(() => parseConfig(r2Destination, { account_id: ACCOUNT, bucket_name: "lake" })).toThrow(
      /field 'config\.access_key_id'.*field 'config\.secret_access_key'/,
    );
  });
});

import { exportPKCS8, exportSPKI, generateKeyPair } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { gcsSource } from "../../../src/engine/sources/gcs/index";
import { createGcsFake } from "../../fakes/gcs";
import { context, invalid, parse, secretKeys, summary } from "./helpers";

const NOW = new Date("2026-01-15T10:00:00Z");
const EMAIL = "fivetran-reader@acme-data.iam.gserviceaccount.com";
const OUTSIDER = "outsider@acme-data.iam.gserviceaccount.com";

let keyFile: Record<string, string>;
let outsiderKeyFile: Record<string, string>;
let publicKey: string;
let outsiderPublicKey: string;

async function serviceAccount(email: string) {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const file = {
    type: "service_account",
    project_id: "acme-data",
    private_key_id: "0123456789abcdef",
    private_key: await exportPKCS8(privateKey),
    client_email: email,
    token_uri: "https://oauth2.googleapis.com/token",
  };
  return { file, spki: await exportSPKI(publicKey) };
}

beforeAll(async () => {
  const reader = await serviceAccount(EMAIL);
  const outsider = await serviceAccount(OUTSIDER);
  keyFile = reader.file;
  publicKey = reader.spki;
  outsiderKeyFile = outsider.file;
  outsiderPublicKey = outsider.spki;
});

function fake() {
  return createGcsFake({
    accounts: { [EMAIL]: { publicKey }, [OUTSIDER]: { publicKey: outsiderPublicKey } },
    buckets: { "acme-lake": { objects: ["events/2026/01/a.jsonl", "events/2026/01/b.jsonl"], readers: [EMAIL] } },
    now: () => NOW,
  });
}

describe("gcs source config", () => {
  it("maps gs:// URLs, format and the key file (object or JSON) onto Fivetran's fields", () => {
    const config = parse(gcsSource, {
      schema: "lake",
      bucket: "gs://acme-lake/events",
      format: "ndjson",
      credentials: keyFile,
    });
    expect(config).toEqual({
      schema: "lake",
      bucket: "acme-lake",
      prefix: "events",
      file_type: "jsonl",
      auth_type: "CUSTOM_SERVICE_ACCOUNT",
      secret_key: JSON.stringify(keyFile),
    });
    expect(parse(gcsSource, config)).toEqual(config);
  });

  it("marks the key file as secret", () => {
    expect(secretKeys(gcsSource.fields).sort()).toEqual(["hmac_secret", "secret_key"]);
  });

  it("names a bad key file and bucket", () => {
    expect(invalid(gcsSource, { schema: "l", bucket: "acme-lake", credentials: "{not json" })).toBe(
      "Invalid value for field 'config.secret_key': not JSON: paste the whole service account key file",
    );
    expect(invalid(gcsSource, { schema: "l", bucket: "acme-lake", credentials: { type: "authorized_user" } })).toMatch(
      /'config.secret_key': not a service account key file/,
    );
    expect(invalid(gcsSource, { schema: "l", bucket: "Acme Lake", credentials: keyFile })).toMatch(/'config.bucket'/);
    expect(invalid(gcsSource, { schema: "l", bucket: "acme-lake", auth_type: "CUSTOM_SERVICE_ACCOUNT" })).toBe(
      "Invalid value for field 'config.secret_key': required with auth_type CUSTOM_SERVICE_ACCOUNT",
    );
  });
});

describe("gcs source setup tests (fake Google OAuth verifying the JWT, fake JSON API)", () => {
  it("signs a JWT, exchanges it for a token and lists one object", async () => {
    const gcs = fake();
    const config = parse(gcsSource, { schema: "lake", bucket: "acme-lake", prefix: "events/", credentials: keyFile });
    expect(await gcsSource.check(config, context(gcs.fetch, NOW))).toEqual([
      { title: "Authenticating the service account", status: "PASSED", message: `Signed in as ${EMAIL}` },
      {
        title: "Listing files",
        status: "PASSED",
        message: "Listed gs://acme-lake/events/: found events/2026/01/a.jsonl",
      },
    ]);
    expect(gcs.requests[1]?.url.href).toBe(
      "https://storage.googleapis.com/storage/v1/b/acme-lake/o?maxResults=1&prefix=events%2F",
    );
  });

  it("fails as an auth problem when the key does not match the account", async () => {
    const forged = { ...keyFile, private_key: outsiderKeyFile.private_key ?? "" };
    const config = parse(gcsSource, { schema: "lake", bucket: "acme-lake", credentials: forged });
    expect(await gcsSource.check(config, context(fake().fetch, NOW))).toEqual([
      {
        title: "Authenticating the service account",
        status: "FAILED",
        message: "Google refused the service account's token request (400): invalid_grant: Invalid JWT Signature.",
        details: { status: 400, auth: true },
      },
    ]);
  });

  it("names the missing permission, a missing bucket and an empty prefix", async () => {
    const outsider = parse(gcsSource, { schema: "lake", bucket: "acme-lake", credentials: outsiderKeyFile });
    const denied = await gcsSource.check(outsider, context(fake().fetch, NOW));
    expect(denied[1]).toMatchObject({ status: "FAILED", details: { status: 403, auth: true } });
    expect(denied[1]?.message).toMatch(/does not have storage\.objects\.list access/);

    const missing = parse(gcsSource, { schema: "lake", bucket: "no-such-lake", credentials: keyFile });
    expect((await gcsSource.check(missing, context(fake().fetch, NOW)))[1]?.message).toBe(
      "Google Cloud Storage answered 404: The specified bucket does not exist.",
    );
    const empty = parse(gcsSource, { schema: "lake", bucket: "acme-lake", prefix: "none/", credentials: keyFile });
    expect(summary(await gcsSource.check(empty, context(fake().fetch, NOW)))[1]).toEqual(["Listing files", "WARNING"]);
  });

  it("warns on 429 and explains FIVETRAN_SERVICE_ACCOUNT", async () => {
    const gcs = fake();
    gcs.state.rateLimitRetryAfter = 5;
    const config = parse(gcsSource, { schema: "lake", bucket: "acme-lake", credentials: keyFile });
    expect((await gcsSource.check(config, context(gcs.fetch, NOW)))[1]).toMatchObject({
      status: "WARNING",
      details: { status: 429, retry_after: 5 },
    });
    const noKey = parse(gcsSource, { schema: "lake", bucket: "acme-lake" });
    const [test] = await gcsSource.check(noKey, context(gcs.fetch, NOW));
    expect(test?.message).toMatch(/set auth_type CUSTOM_SERVICE_ACCOUNT/);
  });
});

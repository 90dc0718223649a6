/**
 * The gcs source reading files: through the XML API with an HMAC key (SigV4) against s3rver,
 * and through the JSON API with a service account against the Cloud Storage fake
 * (test/fakes/gcs.ts: objects.list with prefix/pageToken, objects.get with alt=media).
 */
import { exportPKCS8, exportSPKI, generateKeyPair } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { AuthError } from "../../../src/engine/errors";
import { type GcsSourceConfig, gcsSource } from "../../../src/engine/sources/gcs/index";
import { createGcsFake } from "../../fakes/gcs";
import { S3RVER_KEYS } from "../../fakes/s3rver-keys";
import { createBucket, putObject, requestsOf, s3rverUrl, settle } from "../files/s3rver";
import { fileSync } from "../files/sync";
import { context, parse } from "./helpers";

const EMAIL = "fivetran-reader@acme-data.iam.gserviceaccount.com";
let keyFile: Record<string, string>;
let publicKey: string;

beforeAll(async () => {
  const pair = await generateKeyPair("RS256", { extractable: true });
  keyFile = {
    type: "service_account",
    project_id: "acme-data",
    private_key_id: "0123456789abcdef",
    private_key: await exportPKCS8(pair.privateKey),
    client_email: EMAIL,
    token_uri: "https://oauth2.googleapis.com/token",
  };
  publicKey = await exportSPKI(pair.publicKey);
});

const reader = () => gcsSource.reader as NonNullable<typeof gcsSource.reader>;
const T = "lake.events";

describe("gcs source through the XML API with an HMAC key (s3rver)", () => {
  const config = (bucket: string, secret: string = S3RVER_KEYS.gcs.secretAccessKey) =>
    parse(gcsSource, {
      schema: "lake",
      table: "events",
      bucket,
      auth_type: "HMAC_KEY",
      hmac_access_id: S3RVER_KEYS.gcs.accessKeyId,
      hmac_secret: secret,
      endpoint: s3rverUrl(),
    }) as GcsSourceConfig;

  it("lists and reads CSV and JSON lines signed with the HMAC key; a wrong secret is an auth failure", async () => {
    const bucket = await createBucket("gcs-xml");
    await putObject(bucket, "e/1.csv", "id,v\n1,a\n2,b\n");
    await putObject(bucket, "e/2.csv", "id,v\n3,c\n");
    const s = fileSync(reader(), config(bucket), () => context(fetch, new Date()), settle);
    expect((await s.run()).rows).toEqual({ [T]: 3 });
    expect(s.destination.rows(T).map((r) => [r[0], ...r.slice(3)])).toEqual([
      ["e/1.csv", 1n, "a"],
      ["e/1.csv", 2n, "b"],
      ["e/2.csv", 3n, "c"],
    ]);
    expect((await requestsOf(bucket)).some((r) => r.startsWith(`GET /${bucket}/e/1.csv`))).toBe(true);
    expect((await gcsSource.check(config(bucket), context(fetch, new Date())))[0]?.status).toBe("PASSED");
    const wrong = fileSync(reader(), config(bucket, "not-the-secret"), () => context(fetch, new Date()));
    await expect(wrong.run()).rejects.toThrow(AuthError);
    await expect(wrong.run()).rejects.toThrow(/SignatureDoesNotMatch/);
  }, 30_000);
});

describe("gcs source through the JSON API with a service account (fake)", () => {
  const setup = () => {
    const gcs = createGcsFake({
      accounts: { [EMAIL]: { publicKey } },
      buckets: { "acme-lake": { objects: [], readers: [EMAIL] } },
      now: () => new Date(),
    });
    const config = parse(gcsSource, {
      schema: "lake",
      table: "events",
      bucket: "gs://acme-lake/events/",
      credentials: keyFile,
      json_delivery_mode: "Unpacked",
    }) as GcsSourceConfig;
    const s = fileSync(reader(), config, () => context(gcs.fetch, new Date()), settle);
    return { gcs, s };
  };

  it("pages objects.list with pageToken, downloads with alt=media, and reads only new objects next run", async () => {
    const { gcs, s } = setup();
    for (let i = 0; i < 1500; i++) gcs.put("acme-lake", `events/${String(i).padStart(5, "0")}.jsonl`, `{"n":${i}}\n`);
    gcs.put("acme-lake", "other/skip.jsonl", '{"n":-1}\n');
    expect((await s.run()).rows).toEqual({ [T]: 1500 });
    const lists = gcs.requests.filter((r) => r.url.pathname === "/storage/v1/b/acme-lake/o");
    expect(lists.some((r) => r.url.searchParams.has("pageToken"))).toBe(true);
    expect(lists.every((r) => r.url.searchParams.get("prefix") === "events/")).toBe(true);
    const media = gcs.requests.filter((r) => r.url.searchParams.get("alt") === "media");
    expect(media.every((r) => r.url.searchParams.has("ifGenerationMatch"))).toBe(true);
    expect(
      s.destination
        .rows(T)
        .map((r) => r[3])
        .slice(0, 3),
    ).toEqual([0n, 1n, 2n]);

    const before = gcs.requests.length;
    gcs.put("acme-lake", "events/00003.jsonl", '{"n":3,"again":true}\n');
    gcs.put("acme-lake", "events/99999.jsonl", '{"n":99999}\n');
    const second = await s.run();
    expect(second.rows).toEqual({ [T]: 2 });
    expect(second.columns.slice(3)).toEqual(["n:long", "again:boolean"]);
    const read = gcs.requests
      .slice(before)
      .filter((r) => r.url.searchParams.get("alt") === "media")
      .map((r) => decodeURIComponent(r.url.pathname.split("/").pop() ?? ""));
    // Discovery samples the two new objects, the read takes them: nothing else is downloaded.
    expect([...new Set(read)].sort()).toEqual(["events/00003.jsonl", "events/99999.jsonl"]);
  }, 60_000);

  it("retries a 429 after its Retry-After and reads on", async () => {
    const { gcs, s } = setup();
    gcs.put("acme-lake", "events/a.jsonl", '{"n":1}\n');
    await settle();
    gcs.state.rateLimitRetryAfter = 1;
    setTimeout(() => {
      gcs.state.rateLimitRetryAfter = undefined;
    }, 1500);
    expect((await s.run()).rows).toEqual({ [T]: 1 });
    expect(gcs.requests.filter((r) => r.url.pathname === "/storage/v1/b/acme-lake/o").length).toBeGreaterThan(1);
  }, 30_000);
});

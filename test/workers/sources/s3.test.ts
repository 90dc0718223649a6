import { describe, expect, it } from "vitest";
import { s3Source } from "../../../src/engine/sources/s3/index";
import { createS3Fake } from "../../fakes/s3";
import { context, invalid, parse, secretKeys, summary } from "./helpers";

const AKID = "AKIAIOSFODNN7EXAMPLE";
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

function fake() {
  return createS3Fake({
    credentials: { [AKID]: SECRET, AKIAOTHERKEY00000000: "other-secret" },
    buckets: {
      "acme-exports": { region: "eu-west-1", keys: ["daily/2026-01-01.csv", "daily/2026-01-02.csv"], readers: [AKID] },
      "acme.dotted": { region: "us-east-1", keys: ["a.json"], readers: [AKID] },
      "open-data": { region: "us-east-1", keys: ["x.parquet"], public: true },
    },
  });
}

const keys = { accessKeyId: AKID, secretAccessKey: SECRET };

describe("s3 source config", () => {
  it("maps the SDK's s3:// bucket, format and keys onto Fivetran's fields", () => {
    const config = parse(s3Source, { schema: "files", bucket: "s3://acme-exports/daily/", format: "csv", ...keys });
    expect(config).toEqual({
      schema: "files",
      bucket: "acme-exports",
      prefix: "daily/",
      file_type: "csv",
      access_key_id: AKID,
      access_key_secret: SECRET,
    });
    expect(parse(s3Source, config)).toEqual(config);
  });

  it("marks the secret key and role ARN as secrets", () => {
    expect(secretKeys(s3Source.fields).sort()).toEqual(["access_key_secret", "role_arn"]);
  });

  it("names bad fields", () => {
    expect(invalid(s3Source, { schema: "f", bucket: "Bad_Bucket", ...keys })).toMatch(
      /^Invalid value for field 'config.bucket'/,
    );
    expect(invalid(s3Source, { schema: "f", bucket: "b-1", format: "docx", ...keys })).toMatch(/'config.file_type'/);
    expect(invalid(s3Source, { schema: "f", bucket: "b-1", pattern: "(unclosed", ...keys })).toBe(
      "Invalid value for field 'config.pattern': not a valid regular expression",
    );
    expect(invalid(s3Source, { schema: "f", bucket: "b-1", auth_type: "ACCESS_KEY" })).toBe(
      "Invalid value for field 'config.access_key_id': required with auth_type ACCESS_KEY; Invalid value for field 'config.access_key_secret': required with auth_type ACCESS_KEY",
    );
    expect(invalid(s3Source, { schema: "f", bucket: "b-1" })).toBe(
      "Invalid value for field 'config.role_arn': required with auth_type IAM_ROLE",
    );
  });
});

describe("s3 source setup test (fake S3 verifying SigV4)", () => {
  it("lists one key with a valid signature in the configured region", async () => {
    const s3 = fake();
    const config = parse(s3Source, {
      schema: "f",
      bucket: "acme-exports",
      prefix: "daily/",
      region: "eu-west-1",
      ...keys,
    });
    expect(await s3Source.check(config, context(s3.fetch))).toEqual([
      {
        title: "Listing files",
        status: "PASSED",
        message: "Listed s3://acme-exports/daily/: found daily/2026-01-01.csv",
      },
    ]);
    const [request] = s3.requests;
    expect(request?.url.href).toBe(
      "https://acme-exports.s3.eu-west-1.amazonaws.com/?list-type=2&max-keys=1&prefix=daily%2F",
    );
    expect(request?.headers.get("Authorization")).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/eu-west-1\/s3\/aws4_request, SignedHeaders=.*host.*, Signature=[0-9a-f]{64}$/,
    );
  });

  it("follows S3 to the bucket's region when none is configured", async () => {
    const s3 = fake();
    const config = parse(s3Source, { schema: "f", bucket: "acme-exports", ...keys });
    const [test] = await s3Source.check(config, context(s3.fetch));
    expect(test?.status).toBe("PASSED");
    expect(test?.message).toMatch(/\(the bucket is in eu-west-1; set region to eu-west-1/);
    expect(s3.requests.map((r) => r.url.host)).toEqual([
      "acme-exports.s3.us-east-1.amazonaws.com",
      "acme-exports.s3.eu-west-1.amazonaws.com",
    ]);
  });

  it("uses path-style URLs for dotted buckets and no signature for public buckets", async () => {
    const s3 = fake();
    const dotted = parse(s3Source, { schema: "f", bucket: "acme.dotted", ...keys });
    expect((await s3Source.check(dotted, context(s3.fetch)))[0]?.status).toBe("PASSED");
    expect(s3.requests[0]?.url.href).toMatch(/^https:\/\/s3\.us-east-1\.amazonaws\.com\/acme\.dotted\?list-type=2/);

    const open = parse(s3Source, { schema: "f", bucket: "open-data", auth_type: "PUBLIC_BUCKET" });
    expect((await s3Source.check(open, context(s3.fetch)))[0]?.status).toBe("PASSED");
    expect(s3.requests[1]?.headers.get("Authorization")).toBeNull();
  });

  it("fails as an auth problem for a wrong secret, an unknown key and a key without access", async () => {
    const wrongSecret = parse(s3Source, {
      schema: "f",
      bucket: "acme-exports",
      region: "eu-west-1",
      ...keys,
      secretAccessKey: "nope",
    });
    const [mismatch] = await s3Source.check(wrongSecret, context(fake().fetch));
    expect(mismatch).toMatchObject({ status: "FAILED", details: { status: 403, auth: true } });
    expect(mismatch?.message).toMatch(/^Amazon S3 denied access .*SignatureDoesNotMatch/);

    const unknown = parse(s3Source, {
      schema: "f",
      bucket: "acme-exports",
      region: "eu-west-1",
      accessKeyId: "AKIAUNKNOWN000000000",
      secretAccessKey: "x",
    });
    expect((await s3Source.check(unknown, context(fake().fetch)))[0]?.message).toMatch(/InvalidAccessKeyId/);

    const other = parse(s3Source, {
      schema: "f",
      bucket: "acme-exports",
      region: "eu-west-1",
      accessKeyId: "AKIAOTHERKEY00000000",
      secretAccessKey: "other-secret",
    });
    expect((await s3Source.check(other, context(fake().fetch)))[0]?.message).toMatch(/AccessDenied: Access Denied/);
  });

  it("fails for a missing bucket, warns on an empty prefix and on SlowDown", async () => {
    const s3 = fake();
    const missing = parse(s3Source, { schema: "f", bucket: "no-such-bucket", ...keys });
    expect((await s3Source.check(missing, context(s3.fetch)))[0]?.message).toBe(
      "Amazon S3 answered 404: NoSuchBucket: The specified bucket does not exist",
    );
    const empty = parse(s3Source, {
      schema: "f",
      bucket: "acme-exports",
      region: "eu-west-1",
      prefix: "monthly/",
      ...keys,
    });
    expect(summary(await s3Source.check(empty, context(s3.fetch)))).toEqual([["Listing files", "WARNING"]]);
    s3.state.slowDown = true;
    const [throttled] = await s3Source.check(empty, context(s3.fetch));
    expect(throttled).toMatchObject({ status: "WARNING", details: { status: 503 } });
    expect(throttled?.message).toMatch(/SlowDown/);
  });

  it("explains why IAM_ROLE cannot work here", async () => {
    const config = parse(s3Source, {
      schema: "f",
      bucket: "acme-exports",
      role_arn: "arn:aws:iam::123456789012:role/fivetran",
    });
    const [test] = await s3Source.check(config, context(fake().fetch));
    expect(test).toMatchObject({ status: "FAILED", details: { auth: true } });
    expect(test?.message).toMatch(/use auth_type ACCESS_KEY/);
  });
});

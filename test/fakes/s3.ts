/**
 * A fake of Amazon S3's ListObjectsV2 (`GET /?list-type=2`) on virtual-hosted
 * (`bucket.s3.region.amazonaws.com`) and path-style (`s3.region.amazonaws.com/bucket`)
 * URLs, after S3's documented contract. Requests are authenticated with Signature
 * Version 4: the fake parses the Authorization header, checks the credential scope
 * (`AKID/yyyymmdd/region/s3/aws4_request`) against x-amz-date and the bucket's region,
 * and recomputes the signature with aws4fetch's signer. Errors are S3's XML
 * `<Error><Code/><Message/></Error>`: 403 InvalidAccessKeyId / SignatureDoesNotMatch /
 * AccessDenied, 404 NoSuchBucket, 400 AuthorizationHeaderMalformed naming the right
 * region (also in `x-amz-bucket-region`), 301 PermanentRedirect for unsigned requests to
 * the wrong region, 503 SlowDown for throttling.
 */
import { AwsV4Signer } from "aws4fetch";
import { FakeRouter } from "./fake-router";

export interface S3Bucket {
  region: string;
  keys: string[];
  /** Access key ids allowed to list (besides a public bucket's anonymous readers). */
  readers?: string[];
  public?: boolean;
}

export interface S3FakeOptions {
  /** Secret keys by access key id. */
  credentials: Record<string, string>;
  buckets: Record<string, S3Bucket>;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function xml(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`, {
    status,
    headers: { "Content-Type": "application/xml", ...headers },
  });
}

function s3Error(status: number, code: string, message: string, extra = "", headers: Record<string, string> = {}) {
  return xml(
    status,
    `<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message>${extra}<RequestId>FAKE0123456789</RequestId></Error>`,
    headers,
  );
}

const AUTH =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/** Where a request lands: the bucket, the endpoint's region and the object path. */
function locate(url: URL): { bucket: string; region: string } | undefined {
  const virtual = /^([a-z0-9.-]+)\.s3\.([a-z0-9-]+)\.amazonaws\.com$/.exec(url.hostname);
  if (virtual) return { bucket: virtual[1] ?? "", region: virtual[2] ?? "" };
  const path = /^s3\.([a-z0-9-]+)\.amazonaws\.com$/.exec(url.hostname);
  if (path) return { bucket: url.pathname.split("/")[1] ?? "", region: path[1] ?? "" };
  return undefined;
}

export function createS3Fake(options: S3FakeOptions) {
  const state = { slowDown: false };
  const router = new FakeRouter(["*.amazonaws.com"]);

  router.use(async ({ request, url }) => {
    if (state.slowDown) return s3Error(503, "SlowDown", "Please reduce your request rate.");
    const where = locate(url);
    const bucket = where ? options.buckets[where.bucket] : undefined;
    if (!where || !bucket)
      return s3Error(
        404,
        "NoSuchBucket",
        "The specified bucket does not exist",
        `<BucketName>${escapeXml(where?.bucket ?? "")}</BucketName>`,
      );
    const authorization = request.headers.get("Authorization");
    if (!authorization) {
      if (where.region !== bucket.region) {
        return s3Error(
          301,
          "PermanentRedirect",
          "The bucket you are attempting to access must be addressed using the specified endpoint.",
          "",
          {
            "x-amz-bucket-region": bucket.region,
          },
        );
      }
      return bucket.public ? undefined : s3Error(403, "AccessDenied", "Access Denied");
    }
    const match = AUTH.exec(authorization);
    if (!match) return s3Error(400, "AuthorizationHeaderMalformed", "The authorization header is malformed.");
    const [, accessKeyId = "", date = "", scopeRegion = "", signedHeaders = ""] = match;
    const amzDate = request.headers.get("x-amz-date") ?? "";
    if (!amzDate.startsWith(date)) {
      return s3Error(
        400,
        "AuthorizationHeaderMalformed",
        "The authorization header is malformed; the credential date does not match x-amz-date.",
      );
    }
    if (!signedHeaders.split(";").includes("host")) {
      return s3Error(
        400,
        "AuthorizationHeaderMalformed",
        "The authorization header is malformed; host must be signed.",
      );
    }
    const secretAccessKey = options.credentials[accessKeyId];
    if (!secretAccessKey) {
      return s3Error(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.");
    }
    if (scopeRegion !== bucket.region) {
      return s3Error(
        400,
        "AuthorizationHeaderMalformed",
        `The authorization header is malformed; the region '${scopeRegion}' is wrong; expecting '${bucket.region}'`,
        `<Region>${bucket.region}</Region>`,
        { "x-amz-bucket-region": bucket.region },
      );
    }
    // Recompute the signature over exactly the headers the client signed.
    const headers = new Headers();
    for (const name of signedHeaders.split(";")) {
      if (name !== "host") headers.set(name, request.headers.get(name) ?? "");
    }
    const expected = await new AwsV4Signer({
      method: request.method,
      url: request.url,
      headers,
      accessKeyId,
      secretAccessKey,
      service: "s3",
      region: scopeRegion,
      datetime: amzDate,
    }).sign();
    if (expected.headers.get("Authorization") !== authorization) {
      return s3Error(
        403,
        "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
      );
    }
    if (!bucket.public && !bucket.readers?.includes(accessKeyId)) return s3Error(403, "AccessDenied", "Access Denied");
    return undefined;
  });

  const listObjects = ({ url }: { url: URL }) => {
    const where = locate(url);
    const bucket = options.buckets[where?.bucket ?? ""];
    if (url.searchParams.get("list-type") !== "2" || !bucket) {
      return s3Error(400, "InvalidRequest", "Only ListObjectsV2 is implemented by this fake.");
    }
    const prefix = url.searchParams.get("prefix") ?? "";
    const maxKeys = Math.min(1000, Number(url.searchParams.get("max-keys") ?? 1000));
    const token = url.searchParams.get("continuation-token");
    const matching = bucket.keys.filter((key) => key.startsWith(prefix)).sort();
    const start = token ? matching.indexOf(atob(token)) : 0;
    const page = matching.slice(start, start + maxKeys);
    const next = matching[start + maxKeys];
    return xml(
      200,
      `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${escapeXml(where?.bucket ?? "")}</Name><Prefix>${escapeXml(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${maxKeys}</MaxKeys><IsTruncated>${next !== undefined}</IsTruncated>${
        next !== undefined ? `<NextContinuationToken>${btoa(next)}</NextContinuationToken>` : ""
      }${page
        .map(
          (key) =>
            `<Contents><Key>${escapeXml(key)}</Key><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>&quot;d41d8cd98f00b204e9800998ecf8427e&quot;</ETag><Size>0</Size><StorageClass>STANDARD</StorageClass></Contents>`,
        )
        .join("")}</ListBucketResult>`,
    );
  };
  router.on("GET", "/", listObjects);
  router.on("GET", "/:bucket", listObjects);

  return { fetch: router.fetch, requests: router.requests, state };
}

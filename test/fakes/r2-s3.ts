/**
 * A fake of R2's S3-compatible API (`https://<account_id>.r2.cloudflarestorage.com/<bucket>/<key>`,
 * path style) for PutObject, GetObject, DeleteObject and ListObjectsV2 (`GET /<bucket>?list-type=2`:
 * prefix, continuation tokens, `max-keys`), written from the S3 API contract R2
 * implements: AWS Signature Version 4 (region `auto`, service `s3`) checked by signing the
 * request again with the key's secret, and S3's XML errors (`InvalidAccessKeyId`,
 * `SignatureDoesNotMatch`, `NoSuchBucket`, `NoSuchKey`). Objects live in memory.
 */
import { AwsV4Signer } from "aws4fetch";

export interface R2S3FakeOptions {
  accountId: string;
  /** Access key ids and their secrets. */
  keys: Record<string, string>;
  buckets: string[];
  /** Keys per ListObjectsV2 page when the request sets no smaller max-keys (S3's: 1000). */
  pageSize?: number;
}

export interface R2S3Fake {
  fetch: typeof fetch;
  /** Objects by `bucket/key`. */
  objects: Map<string, Uint8Array>;
  /** Each object's text. */
  text(id: string): string | undefined;
}

function s3Error(status: number, code: string, message: string): Response {
  const xml = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  return new Response(xml, { status, headers: { "Content-Type": "application/xml" } });
}

export function r2S3Fake(options: R2S3FakeOptions): R2S3Fake {
  const objects = new Map<string, Uint8Array>();

  async function verify(request: Request, body: Uint8Array | undefined): Promise<Response | undefined> {
    const authorization = request.headers.get("Authorization") ?? "";
    const credential = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/\d{8}\/auto\/s3\/aws4_request,/.exec(authorization);
    if (!credential) return s3Error(403, "AccessDenied", "Access Denied");
    const accessKeyId = credential[1] ?? "";
    const secretAccessKey = options.keys[accessKeyId];
    if (!secretAccessKey) {
      return s3Error(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.");
    }
    const headers = new Headers(request.headers);
    headers.delete("Authorization");
    const expected = await new AwsV4Signer({
      method: request.method,
      url: request.url,
      headers,
      body,
      accessKeyId,
      secretAccessKey,
      service: "s3",
      region: "auto",
      datetime: request.headers.get("X-Amz-Date") ?? "",
    }).sign();
    if (expected.headers.get("Authorization") !== authorization) {
      return s3Error(
        403,
        "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided. Check your secret access key and signing method.",
      );
    }
    return undefined;
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.hostname !== `${options.accountId}.r2.cloudflarestorage.com`) {
      return s3Error(400, "InvalidArgument", "Invalid Argument: account id");
    }
    const [, bucket = "", ...rest] = url.pathname.split("/");
    const key = rest.map(decodeURIComponent).join("/");
    const body = request.method === "PUT" ? new Uint8Array(await request.arrayBuffer()) : undefined;
    const refused = await verify(request, body);
    if (refused) return refused;
    if (!options.buckets.includes(bucket)) return s3Error(404, "NoSuchBucket", "The specified bucket does not exist.");
    const id = `${bucket}/${key}`;
    if (request.method === "GET" && key === "" && url.searchParams.get("list-type") === "2") {
      return list(bucket, url.searchParams);
    }
    switch (request.method) {
      case "PUT":
        objects.set(id, body ?? new Uint8Array());
        return new Response(null, { status: 200, headers: { ETag: `"${crypto.randomUUID()}"` } });
      case "GET": {
        const object = objects.get(id);
        if (object === undefined) return s3Error(404, "NoSuchKey", "The specified key does not exist.");
        return new Response(object, { status: 200 });
      }
      case "DELETE":
        objects.delete(id);
        return new Response(null, { status: 204 });
      default:
        return s3Error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
    }
  }

  const escapeXml = (text: string) =>
    text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] ?? c);

  /** ListObjectsV2: keys in UTF-8 binary order after the continuation token (here: the last key listed). */
  function list(bucket: string, params: URLSearchParams): Response {
    const prefix = params.get("prefix") ?? "";
    const after = params.get("continuation-token");
    const max = Math.min(Number(params.get("max-keys") ?? 1000), options.pageSize ?? 1000);
    const keys = [...objects.keys()]
      .filter((id) => id.startsWith(`${bucket}/`))
      .map((id) => id.slice(bucket.length + 1))
      .filter((key) => key.startsWith(prefix) && (after === null || key > decodeURIComponent(after)))
      .sort();
    const page = keys.slice(0, max);
    const truncated = keys.length > page.length;
    const contents = page
      .map(
        (key) =>
          `<Contents><Key>${escapeXml(key)}</Key><Size>${objects.get(`${bucket}/${key}`)?.length ?? 0}</Size></Contents>`,
      )
      .join("");
    const next = truncated
      ? `<NextContinuationToken>${escapeXml(encodeURIComponent(page.at(-1) ?? ""))}</NextContinuationToken>`
      : "";
    const xml = `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>${bucket}</Name><Prefix>${escapeXml(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${max}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${contents}${next}</ListBucketResult>`;
    return new Response(xml, { status: 200, headers: { "Content-Type": "application/xml" } });
  }

  return {
    objects,
    text: (id) => {
      const bytes = objects.get(id);
      return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
    },
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => handle(new Request(input, init))) as typeof fetch,
  };
}

/**
 * A fake of R2's S3-compatible API (`https://<account_id>.r2.cloudflarestorage.com/<bucket>/<key>`,
 * path style) for PutObject, GetObject and DeleteObject, written from the S3 API contract R2
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
}

export interface R2S3Fake {
  fetch: typeof fetch;
  /** Objects by `bucket/key`. */
  objects: Map<string, string>;
}

function s3Error(status: number, code: string, message: string): Response {
  const xml = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  return new Response(xml, { status, headers: { "Content-Type": "application/xml" } });
}

export function r2S3Fake(options: R2S3FakeOptions): R2S3Fake {
  const objects = new Map<string, string>();

  async function verify(request: Request, body: string | undefined): Promise<Response | undefined> {
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
    const body = request.method === "PUT" ? await request.text() : undefined;
    const refused = await verify(request, body);
    if (refused) return refused;
    if (!options.buckets.includes(bucket)) return s3Error(404, "NoSuchBucket", "The specified bucket does not exist.");
    const id = `${bucket}/${key}`;
    switch (request.method) {
      case "PUT":
        objects.set(id, body ?? "");
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

  return {
    objects,
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => handle(new Request(input, init))) as typeof fetch,
  };
}

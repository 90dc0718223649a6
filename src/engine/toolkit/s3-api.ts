/**
 * A FileStore over the S3 REST API (Amazon S3, and the S3-compatible XML API of Google Cloud
 * Storage with HMAC keys): ListObjectsV2 paged with continuation tokens, GetObject streamed
 * with a Range header, each request signed with AWS Signature Version 4 by aws4fetch.
 * Throttling (503 SlowDown, 429) and 5xx are retried with backoff; 401/403 are AuthErrors.
 */
import { AwsClient } from "aws4fetch";
import { AuthError, ConfigurationError, TransientError } from "../errors";
import type { ConnectorContext } from "../protocol";
import type { FileObject, FileStore } from "./file-source";
import { abortableSleep } from "./http-client";

export interface S3ApiOptions {
  /** Who answers, for messages ("Amazon S3"). */
  vendor: string;
  /** `s3://` or `gs://`: how keys are named in messages. */
  scheme: string;
  bucket: string;
  /** The bucket's URL, ending in `/` (virtual-hosted or path-style): keys are appended. */
  bucketUrl: string;
  /** SigV4 credentials; none for a public bucket. */
  credentials?: { accessKeyId: string; secretAccessKey: string; region: string };
  /** Keys per listing page (S3's max-keys, at most 1000). */
  pageSize?: number;
  /** The bucket's URL in another region, when S3 answers that the bucket lives there. */
  relocate?(region: string): string;
}

const RETRIES = 5;

/** The text of every `<tag>` in an S3 XML document (entities decoded). */
export function xmlAll(xml: string, tag: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, "g");
  for (let m = re.exec(xml); m; m = re.exec(xml)) out.push(decodeXml(m[1] ?? ""));
  return out;
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&amp;/g, "&");
}

/** A key as a URL path: each segment percent-encoded as SigV4's canonical URI wants (RFC 3986). */
export function keyPath(key: string): string {
  return key
    .split("/")
    .map((part) =>
      encodeURIComponent(part).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    )
    .join("/");
}

export function s3ApiStore(options: S3ApiOptions, ctx: ConnectorContext): FileStore {
  const fetcher = ctx.fetch;
  let bucketUrl = options.bucketUrl;
  const signer = (region: string) =>
    options.credentials
      ? new AwsClient({
          accessKeyId: options.credentials.accessKeyId,
          secretAccessKey: options.credentials.secretAccessKey,
          region,
          service: "s3",
        })
      : undefined;
  let aws = signer(options.credentials?.region ?? "us-east-1");
  let relocated = false;

  const send = async (
    path: string,
    query: URLSearchParams | undefined,
    headers: Record<string, string>,
    what: string,
    signal?: AbortSignal,
  ) => {
    for (let attempt = 0; ; attempt++) {
      const url = new URL(path, bucketUrl);
      if (query) url.search = query.toString();
      let request = new Request(url, { method: "GET", headers });
      if (aws) request = await aws.sign(request);
      let response: Response;
      try {
        response = await fetcher(request, { signal });
      } catch (error) {
        if (signal?.aborted || attempt >= RETRIES) throw error;
        await abortableSleep(200 * 2 ** attempt, signal);
        continue;
      }
      if (response.ok) return response;
      const region = response.headers.get("x-amz-bucket-region");
      if (!relocated && options.relocate && region && (response.status === 301 || response.status === 400)) {
        // The bucket lives in another region (S3 names it): ask there, signed for it.
        relocated = true;
        bucketUrl = options.relocate(region);
        aws = signer(region);
        await response.body?.cancel();
        attempt -= 1;
        continue;
      }
      const body = await response.text().catch(() => "");
      const code = xmlAll(body, "Code")[0];
      const message = xmlAll(body, "Message")[0];
      const said = code ? `${code}${message ? `: ${message}` : ""}` : `HTTP ${response.status}`;
      const retryable = response.status === 429 || response.status >= 500;
      if (retryable && attempt < RETRIES) {
        const hinted = Number(response.headers.get("Retry-After"));
        await abortableSleep(hinted > 0 ? hinted * 1000 : 200 * 2 ** attempt, signal);
        continue;
      }
      const text = `${options.vendor} answered ${response.status} to ${what}: ${said}`;
      if (response.status === 412) throw new TransientError(`${text} (the object changed while it was read)`);
      if (response.status === 401 || response.status === 403) throw new AuthError(text);
      if (retryable) throw new TransientError(text);
      if (response.status === 404 && code === "NoSuchKey") return undefined;
      throw new ConfigurationError(text, code ?? `http_${response.status}`);
    }
  };

  return {
    where: (key) => `${options.scheme}${options.bucket}/${key}`,
    async *list(prefix, signal) {
      let token: string | undefined;
      do {
        const query = new URLSearchParams({ "list-type": "2", "max-keys": String(options.pageSize ?? 1000) });
        if (prefix) query.set("prefix", prefix);
        if (token) query.set("continuation-token", token);
        const response = await send("", query, {}, `listing ${options.scheme}${options.bucket}/${prefix}`, signal);
        const xml = response ? await response.text() : "";
        const page: FileObject[] = [];
        for (const contents of xmlAll(xml.replace(/<(\/?)Contents>/g, "<$1C>"), "C")) {
          const field = (tag: string) => new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(contents)?.[1];
          const key = decodeXml(field("Key") ?? "");
          const modified = new Date(field("LastModified") ?? 0).toISOString();
          page.push({
            key,
            modified,
            size: Number(field("Size") ?? 0),
            etag: decodeXml(field("ETag") ?? "").replace(/"/g, ""),
          });
        }
        yield page;
        token = /<IsTruncated>true<\/IsTruncated>/.test(xml) ? xmlAll(xml, "NextContinuationToken")[0] : undefined;
      } while (token);
    },
    async read(object, start, end, signal) {
      const headers: Record<string, string> = {};
      if (start > 0 || end !== undefined) headers.Range = `bytes=${start}-${end === undefined ? "" : end - 1}`;
      // The version listed, not a newer one written since: its etag must still match.
      if (object.etag) headers["If-Match"] = `"${object.etag}"`;
      if (end !== undefined && end <= start) return new Response(new Uint8Array(0)).body as ReadableStream<Uint8Array>;
      const response = await send(
        `./${keyPath(object.key)}`,
        undefined,
        headers,
        `reading ${options.scheme}${options.bucket}/${object.key}`,
        signal,
      );
      if (!response?.body) return new Response(new Uint8Array(0)).body as ReadableStream<Uint8Array>;
      return response.body;
    },
  };
}

/**
 * The tests' side of s3rver (test/fakes/s3rver.ts, started by global-setup): buckets and
 * objects written through the S3 API with SigV4, and the server's request log.
 */
import { AwsClient } from "aws4fetch";
import { inject } from "vitest";
import { S3RVER_KEYS } from "../../fakes/s3rver-keys";

export const s3rverUrl = () => `http://127.0.0.1:${inject("s3rverPort")}`;

const aws = new AwsClient({ ...S3RVER_KEYS.aws, service: "s3", region: "us-east-1" });

async function ok(response: Response, what: string) {
  if (!response.ok) throw new Error(`${what}: ${response.status} ${await response.text()}`);
  await response.arrayBuffer();
}

/** A new, empty bucket with a unique name. */
export async function createBucket(prefix: string): Promise<string> {
  const name = `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
  await ok(await aws.fetch(`${s3rverUrl()}/${name}`, { method: "PUT" }), `creating ${name}`);
  return name;
}

export async function putObject(bucket: string, key: string, body: string | Uint8Array): Promise<void> {
  const path = key.split("/").map(encodeURIComponent).join("/");
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const signed = await aws.sign(`${s3rverUrl()}/${bucket}/${path}`, { method: "PUT", body: bytes });
  // Sent with its length (a signed Request's body is a stream, which workerd would send chunked).
  await ok(await fetch(signed.url, { method: "PUT", headers: signed.headers, body: bytes }), `putting ${key}`);
}

export async function deleteObject(bucket: string, key: string): Promise<void> {
  const path = key.split("/").map(encodeURIComponent).join("/");
  await ok(await aws.fetch(`${s3rverUrl()}/${bucket}/${path}`, { method: "DELETE" }), `deleting ${key}`);
}

/** Puts many objects, a few at a time. */
export async function putObjects(bucket: string, objects: [string, string | Uint8Array][], parallel = 16) {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < objects.length) {
        const [key, body] = objects[next++] as [string, string | Uint8Array];
        await putObject(bucket, key, body);
      }
    }),
  );
}

/** The requests s3rver saw for `bucket` (`GET /bucket/key?query [range]`). */
export async function requestsOf(bucket: string): Promise<string[]> {
  const response = await fetch(`${s3rverUrl()}/__requests?bucket=${bucket}`);
  return (await response.json()) as string[];
}

/**
 * Waits into the next whole second: S3 lists modification times to the second and a pass reads
 * only what was modified before the second it began in, so objects just written are read by a
 * pass that starts after this.
 */
export async function settle(): Promise<void> {
  await new Promise((r) => setTimeout(r, 1010 - (Date.now() % 1000)));
}

/**
 * A real S3-compatible server for the file-source tests: the npm package s3rver (a Koa
 * implementation of the S3 REST API that verifies Signature Version 4), on a loopback port,
 * storing objects in a temporary directory. It runs in global-setup (node), outside workerd.
 *
 * Besides the S3 API it answers `GET /__requests?bucket=<name>` with the requests seen for that
 * bucket so far (`["GET /bucket/key?…", …]`), so tests can assert which objects a sync read.
 */
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import { createRequire } from "node:module";
import type net from "node:net";
import os from "node:os";
import path from "node:path";
import { AwsV4Signer } from "aws4fetch";
import type S3rverType from "s3rver";
import type AccountType from "s3rver/lib/models/account.js";
import { S3RVER_KEYS } from "./s3rver-keys";

export { S3RVER_KEYS };

// Loaded through Node's own require, so s3rver and its account registry are one module instance.
const require = createRequire(import.meta.url);
const S3rver = require("s3rver") as typeof S3rverType;
// s3rver keeps its one account's key pairs here (its default is S3RVER/S3RVER); the tests add theirs.
const Account = require("s3rver/lib/models/account.js") as typeof AccountType;

/**
 * s3rver encrypts its ListObjectsV2 continuation tokens with DES, which the OpenSSL 3 of Node 17+
 * no longer offers (every truncated listing answers 500). Its tokens only need to round-trip
 * through s3rver itself, so DES is swapped for AES-128-CBC (key and IV widened) in this process.
 */
function shimDes(): void {
  const crypto = require("node:crypto") as typeof import("node:crypto");
  const widen = (bytes: Buffer) => Buffer.concat([bytes, bytes]).subarray(0, 16);
  const cipher = crypto.createCipheriv;
  const decipher = crypto.createDecipheriv;
  if ((cipher as { shimmed?: boolean }).shimmed) return;
  const patched = ((algorithm: string, key: Buffer, iv: Buffer, options?: unknown) =>
    algorithm === "des"
      ? cipher("aes-128-cbc", widen(key), widen(iv))
      : cipher(algorithm, key, iv, options as never)) as typeof crypto.createCipheriv;
  (patched as { shimmed?: boolean }).shimmed = true;
  crypto.createCipheriv = patched;
  crypto.createDecipheriv = ((algorithm: string, key: Buffer, iv: Buffer, options?: unknown) =>
    algorithm === "des"
      ? decipher("aes-128-cbc", widen(key), widen(iv))
      : decipher(algorithm, key, iv, options as never)) as typeof crypto.createDecipheriv;
}

const AUTH =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=[0-9a-f]{64}$/;

/**
 * s3rver checks only that a SigV4 request's access key exists ("Signature version 4 calculation
 * is unimplemented" in its authentication middleware): the signature is recomputed here with
 * aws4fetch's signer over exactly the headers the client signed, as Amazon S3 does.
 */
async function verifySignature(req: http.IncomingMessage): Promise<string | undefined> {
  const authorization = req.headers.authorization;
  if (!authorization) return undefined;
  const match = AUTH.exec(authorization);
  if (!match) return "AuthorizationHeaderMalformed";
  const [, accessKeyId = "", , region = "", signedHeaders = ""] = match;
  const secretAccessKey = Object.values(S3RVER_KEYS).find((k) => k.accessKeyId === accessKeyId)?.secretAccessKey;
  if (!secretAccessKey) return "InvalidAccessKeyId";
  const headers = new Headers();
  for (const name of signedHeaders.split(";")) {
    if (name !== "host") headers.set(name, String(req.headers[name] ?? ""));
  }
  const expected = await new AwsV4Signer({
    method: req.method ?? "GET",
    url: `http://${req.headers.host}${req.url}`,
    headers,
    accessKeyId,
    secretAccessKey,
    service: "s3",
    region,
    datetime: String(req.headers["x-amz-date"] ?? ""),
  }).sign();
  return expected.headers.get("Authorization") === authorization ? undefined : "SignatureDoesNotMatch";
}

export async function startS3rver(): Promise<{ port: number; close(): Promise<void> }> {
  shimDes();
  const directory = await mkdtemp(path.join(os.tmpdir(), "s3rver-"));
  for (const key of Object.values(S3RVER_KEYS)) {
    Account.DUMMY_ACCOUNT.createKeyPair(key.accessKeyId, key.secretAccessKey);
  }
  const s3 = new S3rver({ directory, silent: true, resetOnClose: true, vhostBuckets: false });
  const handle = s3.getMiddleware();
  const log = new Map<string, string[]>();
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === "/__requests") {
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify(log.get(url.searchParams.get("bucket") ?? "") ?? []));
      return;
    }
    const refused = await verifySignature(req);
    if (refused) {
      res.statusCode = 403;
      res.setHeader("Content-Type", "application/xml");
      res.end(
        `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${refused}</Code><Message>The request signature we calculated does not match the signature you provided.</Message></Error>`,
      );
      return;
    }
    const bucket = url.pathname.split("/")[1] ?? "";
    const seen = log.get(bucket) ?? [];
    seen.push(`${req.method} ${url.pathname}${url.search}${req.headers.range ? ` ${req.headers.range}` : ""}`);
    log.set(bucket, seen);
    handle(req, res);
  });
  const sockets = new Set<net.Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port));
  });
  return {
    port,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((r) => server.close(() => r(undefined)));
      await rm(directory, { recursive: true, force: true });
    },
  };
}

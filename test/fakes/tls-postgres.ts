/**
 * The TLS-only PostgreSQL cluster of the certificate tests (scripts/postgres-tls.sh: 127.0.0.1:5442,
 * a self-signed certificate), prepared from Node, which can read the server's certificate
 * itself (workerd cannot, which is what the tests are about): a fresh source schema with three
 * rows in `items` in database `tls_src`, an empty database `tls_dst`, and the certificate the
 * server presents with its hash, so the tests compare what the API reports with what the
 * server really sent.
 */
import { execFileSync } from "node:child_process";
import { createHash, randomUUID, X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { TLSSocket } from "node:tls";
import pg from "pg";

export const TLS_PG_PORT = 5442;

export interface TlsPostgres {
  port: number;
  /** A schema of `tls_src` with `items` (id 1..3) and `bulk` (20,000 rows of 64 characters). */
  schema: string;
  /** The server's certificate: DER in base64, and base64url SHA-256 of the DER (the API's hash). */
  encodedCert: string;
  hash: string;
  sha256: string;
}

async function run(database: string, statements: string[]): Promise<Buffer | undefined> {
  const client = new pg.Client({
    host: "127.0.0.1",
    port: TLS_PG_PORT,
    user: "postgres",
    database,
    ssl: { rejectUnauthorized: false },
  });
  client.on("error", () => {});
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
    const socket = (client as unknown as { connection: { stream: TLSSocket } }).connection.stream;
    return socket.getPeerCertificate().raw;
  } finally {
    await client.end();
  }
}

/** Prepares the cluster; a reason instead when it is not running. */
export async function prepareTlsPostgres(): Promise<TlsPostgres | string> {
  try {
    await run("postgres", []);
  } catch (error) {
    return `PostgreSQL with TLS is not answering on 127.0.0.1:${TLS_PG_PORT} (${(error as Error).message}): run scripts/postgres-tls.sh as root`;
  }
  for (const name of ["tls_src", "tls_dst"]) {
    // 42P04: it exists; 23505: a concurrent run created it first.
    await run("postgres", [`CREATE DATABASE ${name}`]).catch((error: { code?: string }) => {
      if (error.code !== "42P04" && error.code !== "23505") throw error;
    });
  }
  const schema = `tls_${randomUUID().replace(/-/g, "").slice(0, 10)}`;
  const der = await run("tls_src", [
    `CREATE SCHEMA ${schema}`,
    `CREATE TABLE ${schema}.items (id integer PRIMARY KEY, name text NOT NULL)`,
    `INSERT INTO ${schema}.items VALUES (1, 'one'), (2, 'two'), (3, 'three')`,
    // ~1.3 MB over TLS: many records each way, for the reader's COPY and the writer.
    `CREATE TABLE ${schema}.bulk (id integer PRIMARY KEY, payload text NOT NULL)`,
    `INSERT INTO ${schema}.bulk SELECT g, repeat(md5(g::text), 2) FROM generate_series(1, 20000) g`,
  ]);
  if (!der) return "the TLS cluster presented no certificate";
  const digest = createHash("sha256").update(der).digest();
  return {
    port: TLS_PG_PORT,
    schema,
    encodedCert: der.toString("base64"),
    hash: digest.toString("base64url"),
    sha256: [...digest].map((b) => b.toString(16).padStart(2, "0").toUpperCase()).join(":"),
  };
}

/** A certificate as the tests compare it: DER in base64 and the API's hash. */
export interface FixtureCertificate {
  encodedCert: string;
  hash: string;
}

/** The TLS terminator in front of the main cluster (see {@link startTlsTerminator}). */
export interface TlsTerminator {
  port: number;
  /** The private CA (self-signed, CA:TRUE) and the server's certificate it issued (CA:FALSE). */
  ca: FixtureCertificate;
  leaf: FixtureCertificate;
  close(): Promise<void>;
}

function fixtureCertificate(pem: string): FixtureCertificate {
  const der = new X509Certificate(pem).raw;
  return { encodedCert: der.toString("base64"), hash: createHash("sha256").update(der).digest("base64url") };
}

/**
 * PostgreSQL behind TLS from a private CA, the other case of approval: a TCP server on
 * 127.0.0.1 that answers PostgreSQL's SSLRequest with 'S', terminates TLS 1.3 with a server
 * certificate (P-256, CA:FALSE, for localhost and 127.0.0.1) issued by a CA made for the run,
 * sending both, and passes the plaintext on to the main cluster on 127.0.0.1:5432. The
 * certificates are made with the openssl command line.
 */
export async function startTlsTerminator(upstreamPort = 5432): Promise<TlsTerminator | string> {
  const dir = mkdtempSync(path.join(tmpdir(), "fivetran-tls-"));
  const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  try {
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ca.key");
    openssl(
      "req",
      "-x509",
      "-new",
      "-key",
      "ca.key",
      "-days",
      "3650",
      "-subj",
      "/CN=fivetran.do test CA",
      "-out",
      "ca.crt",
    );
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "server.key");
    openssl("req", "-new", "-key", "server.key", "-subj", "/CN=localhost", "-out", "server.csr");
    writeFileSync(
      path.join(dir, "server.ext"),
      "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n",
    );
    openssl(
      "x509",
      "-req",
      "-in",
      "server.csr",
      "-CA",
      "ca.crt",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-days",
      "3650",
      "-extfile",
      "server.ext",
      "-out",
      "server.crt",
    );
  } catch (error) {
    return `openssl could not make the CA fixture: ${(error as Error).message}`;
  }
  const caPem = readFileSync(path.join(dir, "ca.crt"), "utf8");
  const leafPem = readFileSync(path.join(dir, "server.crt"), "utf8");
  const key = readFileSync(path.join(dir, "server.key"));
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
    socket.once("data", (first) => {
      if (first.length !== 8 || first.readUInt32BE(4) !== 80877103) {
        socket.destroy();
        return;
      }
      socket.write("S");
      const secure = new TLSSocket(socket, { isServer: true, key, cert: leafPem + caPem, minVersion: "TLSv1.3" });
      secure.on("error", () => socket.destroy());
      const upstream = net.connect(upstreamPort, "127.0.0.1");
      upstream.on("error", () => secure.destroy());
      secure.pipe(upstream).pipe(secure);
    });
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port));
  });
  return {
    port,
    ca: fixtureCertificate(caPem),
    leaf: fixtureCertificate(leafPem),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

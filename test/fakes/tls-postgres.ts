/**
 * The TLS-only PostgreSQL cluster of the certificate tests (scripts/postgres-tls.sh: 127.0.0.1:5442,
 * a self-signed certificate), prepared from Node, which can read the server's certificate
 * itself (workerd cannot, which is what the tests are about): a fresh source schema with three
 * rows in `items` in database `tls_src`, an empty database `tls_dst`, and the certificate the
 * server presents with its hash, so the tests compare what the API reports with what the
 * server really sent.
 */
import { createHash, randomUUID } from "node:crypto";
import type { TLSSocket } from "node:tls";
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

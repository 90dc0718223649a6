import pg from "pg";
import { AuthError, ConfigurationError, type EngineError, networkError, TableError, TransientError } from "../errors";
import type { SetupTest } from "../protocol";
import { checkedSocketHost, describeDuration, type EgressPolicy, excerpt, withTimeout } from "./egress";
import { routeCopyData } from "./pg-copy";
import { type CertificateInfo, CertificateNotApproved, PinnedTlsSocket, type TlsTrust } from "./tls";

/** Where and as whom to connect, in Fivetran's field names. */
export interface PgEndpoint {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  require_tls?: boolean;
}

/** What bounds a session beyond the policy's own timeouts. */
export interface PgSessionOptions {
  /** Set `lock_timeout` (the Postgres destination: a writer behind another session's lock fails instead of waiting). */
  lockTimeout?: boolean;
  signal?: AbortSignal;
}

/**
 * Opens one pg client (node-postgres: the driver Cloudflare supports over
 * `cloudflare:sockets`), after the egress guard has checked the host (the check runs before
 * any socket opens, so a refusal says nothing about which ports are open). The connect is
 * bounded by the policy's connect timeout, every query by its query timeout (client-side
 * `query_timeout` plus server-side `statement_timeout`, so the server stops working too). The
 * client always has an `error` listener: on current workerd a closed socket's pending read
 * rejects after `end()`, and pg re-emits that as a client error, which would otherwise surface
 * as an unhandled rejection.
 */
export async function openPg(
  endpoint: PgEndpoint,
  egress: EgressPolicy,
  options: PgSessionOptions = {},
): Promise<pg.Client> {
  const host = await checkedSocketHost(egress, endpoint.host, options.signal);
  const trust = egress.tls;
  if (!endpoint.require_tls || !trust) return connectPg(endpoint, host, egress, options, "runtime");
  // The runtime's TLS first, unless certificates were approved: a server it trusts needs none.
  if (trust.approved.length === 0) {
    try {
      return await connectPg(endpoint, host, egress, options, "runtime");
    } catch (error) {
      if (!refusedByRuntimeTls(error)) throw error;
    }
    // Only to learn the chain the server presents: with nothing approved it cannot be trusted.
    return connectPg(endpoint, host, egress, options, trust);
  }
  try {
    return await connectPg(endpoint, host, egress, options, trust);
  } catch (error) {
    if (!(error instanceof CertificateNotApproved)) throw error;
    try {
      return await connectPg(endpoint, host, egress, options, "runtime");
    } catch (runtime) {
      throw refusedByRuntimeTls(runtime) ? error : runtime;
    }
  }
}

/**
 * How a client's TLS was trusted: by the Workers runtime (public roots), or through an approved
 * certificate (the chain the server presented). Absent for a client without TLS.
 */
export type PgTls = { trustedBy: "runtime" } | { trustedBy: "approved"; chain: CertificateInfo[] };
const tlsOfClient = new WeakMap<pg.Client, PgTls>();

export function tlsOf(client: pg.Client): PgTls | undefined {
  return tlsOfClient.get(client);
}

/**
 * workerd's TLS refused the server (it reports an untrusted certificate as "internal error",
 * the reason only in its log): not a server's answer (SQLSTATE), a timeout, or a server that
 * has no TLS, each of which a second attempt would only repeat.
 */
function refusedByRuntimeTls(error: unknown): boolean {
  const e = error as { code?: unknown; message?: string };
  if (typeof e?.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return false;
  if (error instanceof TransientError) return false;
  return !/does not support SSL/i.test(e?.message ?? "");
}

/** One pg client to `host`, over the runtime's TLS (or none) or TLS trusting `trust`'s certificates. */
async function connectPg(
  endpoint: PgEndpoint,
  host: string,
  egress: EgressPolicy,
  options: PgSessionOptions,
  tls: "runtime" | TlsTrust,
): Promise<pg.Client> {
  const pinned = tls === "runtime" ? undefined : new PinnedTlsSocket(endpoint.host, tls);
  const client = new pg.Client({
    host,
    port: endpoint.port,
    database: endpoint.database,
    user: endpoint.user,
    password: endpoint.password,
    // Over a pinned socket pg sends no SSLRequest of its own: the socket already speaks TLS.
    ssl: endpoint.require_tls && !pinned ? { rejectUnauthorized: true } : false,
    ...(pinned ? { stream: () => pinned as unknown as import("node:stream").Duplex } : {}),
    // pg's own timers are backstops: ours (below) and the server's statement_timeout fire first
    // with clearer messages; query_timeout still ends a query on a server that stopped answering.
    connectionTimeoutMillis: egress.connectTimeoutMs + 1000,
    query_timeout: egress.queryTimeoutMs + 1000,
    statement_timeout: egress.queryTimeoutMs,
    lock_timeout: options.lockTimeout ? egress.lockTimeoutMs : undefined,
    application_name: "fivetran.do",
  });
  client.on("error", () => {});
  routeCopyData(client);
  const where = `${endpoint.host}:${endpoint.port}`;
  try {
    // Our own bound as well as pg's: a socket whose connect never settles would outlive pg's timer.
    await withTimeout(client.connect(), egress.connectTimeoutMs, `Connecting to ${where}`, () => {
      client.end().catch(() => {});
    });
  } catch (error) {
    await client.end().catch(() => {});
    throw timeoutOf(error, `Connecting to ${where}`, egress.connectTimeoutMs) ?? error;
  }
  if (endpoint.require_tls) {
    tlsOfClient.set(client, pinned ? { trustedBy: "approved", chain: pinned.chain ?? [] } : { trustedBy: "runtime" });
  }
  boundQueries(client, egress, options.lockTimeout === true);
  return client;
}

/** The title of the setup test that says how the server's TLS certificate was trusted. */
export const CERTIFICATE_TEST = "Validating certificate";

/**
 * The certificate test of a check that connected (`client`, with TLS) or failed to
 * (`error`): FAILED naming the certificate to approve, the last of the server's chain (its
 * hash, and in `details` what an approval sends), PASSED saying what trusted it; undefined
 * without TLS or for other failures.
 */
export function certificateTest(outcome: { client: pg.Client } | { error: unknown }): SetupTest | undefined {
  if ("error" in outcome) {
    if (!(outcome.error instanceof CertificateNotApproved)) return undefined;
    const leaf = outcome.error.anchor;
    return {
      title: CERTIFICATE_TEST,
      status: "FAILED",
      message: outcome.error.message,
      details: leaf
        ? { certificate: { hash: leaf.hash, encoded_cert: leaf.encoded_cert, name: leaf.name, sha256: leaf.sha256 } }
        : undefined,
    };
  }
  const tls = tlsOf(outcome.client);
  if (!tls) return undefined;
  if (tls.trustedBy === "runtime") {
    return {
      title: CERTIFICATE_TEST,
      status: "PASSED",
      message: "The server's certificate is trusted by the Workers runtime",
    };
  }
  const leaf = tls.chain[0];
  return {
    title: CERTIFICATE_TEST,
    status: "PASSED",
    message: `The server's certificate '${leaf?.name}' (hash '${leaf?.hash}') is trusted through an approved certificate`,
  };
}

/** A session's lock_timeout ran out; the writer names the table it was writing. */
export class PgLockTimeout extends TransientError {}

/**
 * Turns the timeouts of `client.query` into TransientErrors that say what ran out: the
 * server's statement_timeout (57014), its lock_timeout (55P03, naming the relation), and pg's
 * client-side "Query read timeout". Streams (COPY, cursors) pass through unchanged.
 */
function boundQueries(client: pg.Client, egress: EgressPolicy, locks: boolean): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((...args: unknown[]) => {
    const result = query(...args);
    if (!(result instanceof Promise)) return result;
    return result.catch((error: unknown) => {
      const e = error as { code?: string; message?: string };
      if (e?.code === "57014" && /statement timeout/i.test(e.message ?? "")) {
        throw new TransientError(
          `A query timed out after ${describeDuration(egress.queryTimeoutMs)}: ${e.message}`,
          undefined,
          {
            cause: error,
          },
        );
      }
      if (e?.code === "55P03" && locks) {
        throw new PgLockTimeout(
          `Waiting for a lock timed out after ${describeDuration(egress.lockTimeoutMs)} (another session holds it): ${e.message}`,
          undefined,
          { cause: error },
        );
      }
      if (e?.message === "Query read timeout") {
        throw new TransientError(
          `A query got no answer within ${describeDuration(egress.queryTimeoutMs + 1000)}`,
          undefined,
          {
            cause: error,
          },
        );
      }
      throw error;
    });
  }) as typeof client.query;
}

/** pg's own timeout errors, as TransientErrors saying what timed out after how long. */
function timeoutOf(error: unknown, what: string, ms: number): TransientError | undefined {
  if (error instanceof TransientError) return error;
  const message = (error as { message?: string })?.message ?? "";
  if (/timeout|timed out/i.test(message)) {
    return new TransientError(`${what} timed out after ${describeDuration(ms)}`, undefined, { cause: error });
  }
  return undefined;
}

/** Ends a client, ignoring errors of an already broken connection. */
export async function closePg(client: pg.Client): Promise<void> {
  await client.end().catch(() => {});
}

/** A person-readable reason for a driver error, never containing secrets. */
export function describePgError(error: unknown): { auth: boolean; message: string } {
  const raw = error as { code?: string; message?: string };
  // The server's words, bounded: a reached server chooses what it says.
  const e = { code: raw?.code, message: raw?.message === undefined ? undefined : excerpt(raw.message) };
  if (e.code === "28P01" || e.code === "28000") return { auth: true, message: `Authentication failed: ${e.message}` };
  if (e.code === "3D000") return { auth: false, message: `Database does not exist: ${e.message}` };
  if (e.code === "42501") return { auth: false, message: `Permission denied: ${e.message}` };
  return { auth: false, message: `Could not connect: ${e.message ?? e.code ?? String(error)}` };
}

/** Quotes an identifier for PostgreSQL, whatever it contains. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * PostgreSQL's SQLSTATEs onto the engine's classes (appendix A of PostgreSQL's manual).
 * Class 08 and the shutdown, resource and concurrency codes are worth a retry; 28 is
 * authentication; a missing or unreadable object, or a value a column cannot take, is that
 * table's own problem. Anything else is left to the caller.
 */
export function mapPgError(error: unknown): EngineError | undefined {
  const e = error as { code?: unknown; message?: string };
  const code = typeof e?.code === "string" && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : undefined;
  const message = e?.message ?? String(error);
  if (code) {
    if (code === "28P01" || code === "28000") return new AuthError(message, { cause: error });
    if (code === "3D000") return new ConfigurationError(message, "database_not_found", { cause: error });
    if (
      code.startsWith("08") ||
      ["57P01", "57P02", "57P03", "53300", "53200", "40001", "40P01", "55P03", "57014"].includes(code)
    ) {
      return new TransientError(message, undefined, { cause: error });
    }
    if (
      [
        "42501",
        "42P01",
        "42703",
        "42804",
        "42846",
        "42P16",
        "22P02",
        "22003",
        "22007",
        "22008",
        "22021",
        "54000",
      ].includes(code)
    ) {
      return new TableError(message, { cause: error });
    }
    return undefined;
  }
  return networkError(error);
}

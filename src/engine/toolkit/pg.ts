import pg from "pg";
import { AuthError, ConfigurationError, type EngineError, networkError, TableError, TransientError } from "../errors";
import { routeCopyData } from "./pg-copy";

/** Where and as whom to connect, in Fivetran's field names. */
export interface PgEndpoint {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  require_tls?: boolean;
}

/**
 * Opens one pg client (node-postgres: the driver Cloudflare supports over
 * `cloudflare:sockets`). The client always has an `error` listener: on current workerd a
 * closed socket's pending read rejects after `end()`, and pg re-emits that as a client
 * error, which would otherwise surface as an unhandled rejection.
 */
export async function openPg(endpoint: PgEndpoint, options: { connectTimeoutMs?: number } = {}): Promise<pg.Client> {
  const client = new pg.Client({
    host: endpoint.host,
    port: endpoint.port,
    database: endpoint.database,
    user: endpoint.user,
    password: endpoint.password,
    ssl: endpoint.require_tls ? { rejectUnauthorized: true } : false,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    application_name: "fivetran.do",
  });
  client.on("error", () => {});
  routeCopyData(client);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
  return client;
}

/** Ends a client, ignoring errors of an already broken connection. */
export async function closePg(client: pg.Client): Promise<void> {
  await client.end().catch(() => {});
}

/** A person-readable reason for a driver error, never containing secrets. */
export function describePgError(error: unknown): { auth: boolean; message: string } {
  const e = error as { code?: string; message?: string };
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

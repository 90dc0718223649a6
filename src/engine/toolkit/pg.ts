import pg from "pg";
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

import mysql from "mysql2/promise";

/** Where and as whom to connect, in Fivetran's field names. */
export interface MysqlEndpoint {
  host: string;
  port: number;
  user: string;
  password?: string;
  database?: string;
  /** Require TLS to the server. */
  always_encrypted?: boolean;
}

/**
 * Opens one mysql2 connection over workerd's `node:net` (nodejs_compat). `disableEval` is
 * required: mysql2 otherwise compiles a row parser per result shape with `new Function`,
 * and workerd forbids code generation from strings ("EvalError: Code generation from
 * strings disallowed for this context"). The connection keeps an `error` listener so a
 * server-side disconnect after use is not an unhandled event.
 */
export async function openMysql(
  endpoint: MysqlEndpoint,
  options: { connectTimeoutMs?: number } = {},
): Promise<mysql.Connection> {
  const connection = await mysql.createConnection({
    host: endpoint.host,
    port: endpoint.port,
    user: endpoint.user,
    password: endpoint.password ?? "",
    database: endpoint.database,
    ssl: endpoint.always_encrypted ? { rejectUnauthorized: true } : undefined,
    connectTimeout: options.connectTimeoutMs ?? 10_000,
    disableEval: true,
    // Readable values for checks; the sync engine will choose its own type handling.
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
    connectAttributes: { program_name: "fivetran.do" },
  });
  connection.on("error", () => {});
  return connection;
}

/** Ends a connection, ignoring errors of an already broken one. */
export async function closeMysql(connection: mysql.Connection): Promise<void> {
  await connection.end().catch(() => connection.destroy());
}

/** A person-readable reason for a driver error, never containing secrets. */
export function describeMysqlError(error: unknown): { auth: boolean; message: string } {
  const e = error as { code?: string; errno?: number; message?: string };
  const text = e.message ?? e.code ?? String(error);
  switch (e.code) {
    case "ER_ACCESS_DENIED_ERROR":
    case "ER_ACCESS_DENIED_NO_PASSWORD_ERROR":
    case "ER_NOT_SUPPORTED_AUTH_MODE":
      return { auth: true, message: `Authentication failed: ${text}` };
    case "ER_DBACCESS_DENIED_ERROR":
      return { auth: true, message: `Access to the database denied: ${text}` };
    case "ER_BAD_DB_ERROR":
      return { auth: false, message: `Database does not exist: ${text}` };
    case "ER_TABLEACCESS_DENIED_ERROR":
    case "ER_SPECIFIC_ACCESS_DENIED_ERROR":
      return { auth: false, message: `Permission denied: ${text}` };
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "ETIMEDOUT":
    case "ECONNRESET":
      return { auth: false, message: `Could not connect (${e.code}): ${text}` };
    default:
      return { auth: false, message: `Could not connect: ${text}` };
  }
}

/** Quotes an identifier for MySQL/MariaDB, whatever it contains. */
export function quoteMysqlIdent(name: string): string {
  return `\`${name.replace(/`/g, "``")}\``;
}

import { EventEmitter } from "node:events";
import mysql from "mysql2/promise";
import { AuthError, ConfigurationError, type EngineError, networkError, TableError, TransientError } from "../errors";
import { checkedSocketHost, describeDuration, type EgressPolicy, excerpt, withTimeout } from "./egress";

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
 * Opens one mysql2 connection over workerd's `node:net` (nodejs_compat), after the egress
 * guard has checked the host. The connect is bounded by the policy's connect timeout (ours as
 * well as mysql2's: a socket that never settles would outlive its timer), every query by the
 * policy's query timeout (mysql2 destroys the connection when one runs out). `disableEval` is
 * required: mysql2 otherwise compiles a row parser per result shape with `new Function`,
 * and workerd forbids code generation from strings ("EvalError: Code generation from
 * strings disallowed for this context"). The connection keeps an `error` listener so a
 * server-side disconnect after use is not an unhandled event.
 */
export async function openMysql(
  endpoint: MysqlEndpoint,
  egress: EgressPolicy,
  options: { signal?: AbortSignal } = {},
): Promise<mysql.Connection> {
  const host = await checkedSocketHost(egress, endpoint.host, options.signal);
  const where = `${endpoint.host}:${endpoint.port}`;
  const pending = mysql.createConnection({
    // node:net takes an IPv6 literal without brackets.
    host: host.replace(/^\[(.*)\]$/, "$1"),
    port: endpoint.port,
    user: endpoint.user,
    password: endpoint.password ?? "",
    database: endpoint.database,
    ssl: endpoint.always_encrypted ? { rejectUnauthorized: true } : undefined,
    connectTimeout: egress.connectTimeoutMs,
    disableEval: true,
    // Readable values for checks; the sync engine will choose its own type handling.
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
    connectAttributes: { program_name: "fivetran.do" },
  });
  let connection: mysql.Connection;
  try {
    connection = await withTimeout(pending, egress.connectTimeoutMs + 1000, `Connecting to ${where}`, () => {
      pending.then((late) => late.destroy()).catch(() => {});
    });
  } catch (error) {
    const e = error as { code?: string };
    if (e?.code === "ETIMEDOUT") {
      throw new TransientError(
        `Connecting to ${where} timed out after ${describeDuration(egress.connectTimeoutMs)}`,
        undefined,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
  connection.on("error", () => {});
  boundQueries(connection, egress.queryTimeoutMs);
  return connection;
}

/**
 * Gives every `query`/`execute` the policy's timeout unless the caller sets one (mysql2's
 * per-query `timeout` option), and retells its PROTOCOL_SEQUENCE_TIMEOUT as a TransientError.
 */
function boundQueries(connection: mysql.Connection, ms: number): void {
  for (const method of ["query", "execute"] as const) {
    const original = connection[method].bind(connection) as (...args: unknown[]) => Promise<unknown>;
    (connection as unknown as Record<string, unknown>)[method] = (sql: unknown, ...rest: unknown[]) => {
      const options = typeof sql === "string" ? { sql, timeout: ms } : { timeout: ms, ...(sql as object) };
      return original(options, ...rest).catch((error: unknown) => {
        if ((error as { code?: string })?.code === "PROTOCOL_SEQUENCE_TIMEOUT") {
          throw new TransientError(`A query timed out after ${describeDuration(ms)}`, undefined, { cause: error });
        }
        throw error;
      });
    };
  }
}

/**
 * Ends a connection, ignoring errors of an already broken one. Bounded: `end()` of a
 * connection mysql2 already tore down (a query timeout destroys it) never settles.
 */
export async function closeMysql(connection: mysql.Connection): Promise<void> {
  await withTimeout(connection.end(), 1000, "Closing the connection").catch(() => connection.destroy());
}

/** A person-readable reason for a driver error, never containing secrets. */
export function describeMysqlError(error: unknown): { auth: boolean; message: string } {
  const e = error as { code?: string; errno?: number; message?: string };
  // The server's words, bounded: a reached server chooses what it says.
  const text = excerpt(e.message ?? e.code ?? String(error));
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

/** One row of a streamed query: every value as the bytes the server sent (`typeCast: false`), NULL as null. */
export type RawRow = (Uint8Array | null)[];

/**
 * Streams a query's rows in chunks of about `chunkBytes` (values' bytes), reading the socket
 * only as fast as the consumer takes them: the connection is paused while a chunk waits, so a
 * table of any size never sits in memory. Values are raw (the text protocol's bytes, NULL as
 * null): the caller decodes them by its columns' types. A consumer that stops early leaves the
 * query unfinished: close the connection then (the session's close does).
 *
 * The result set is parsed here (RawQuery), not by mysql2: its row parser builds a Packet and a
 * Buffer per value, which in workerd costs ~26 µs a row (5× Node); one copy per row and views
 * into it cost a fraction of that. mysql2 still frames the packets and owns the connection.
 */
export async function* streamRows(
  connection: mysql.Connection,
  sql: string,
  chunkBytes: number,
): AsyncGenerator<{ rows: RawRow[]; bytes: number }> {
  // The callback connection under the promise wrapper.
  const core = (connection as unknown as { connection: CoreConnection }).connection;
  let rows: RawRow[] = [];
  let bytes = 0;
  let ended = false;
  let failure: unknown;
  let paused = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const query = new RawQuery(sql, (row, size) => {
    rows.push(row);
    bytes += size;
    if (bytes >= chunkBytes) {
      if (!paused) {
        paused = true;
        core.pause();
      }
      notify();
    }
  });
  query.on("error", (error: unknown) => {
    failure = error;
    notify();
  });
  query.on("done", () => {
    ended = true;
    notify();
  });
  core.addCommand(query);
  for (;;) {
    while (!ended && failure === undefined && bytes < chunkBytes) {
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    if (failure !== undefined) throw failure;
    if (rows.length > 0) {
      const chunk = { rows, bytes };
      rows = [];
      bytes = 0;
      if (paused) {
        paused = false;
        core.resume();
      }
      yield chunk;
    }
    if (ended && rows.length === 0) return;
  }
}

interface CoreConnection {
  addCommand(command: unknown): void;
  pause(): void;
  resume(): void;
}

/** mysql2's packet as a command sees it. */
interface RawPacket {
  buffer: Uint8Array;
  offset: number;
  end: number;
  isEOF(): boolean;
  isError(): boolean;
  asError(encoding?: string): Error;
}

interface CommandConnection {
  _resetSequenceId(): void;
  writePacket(packet: unknown): void;
  config: { clientFlags: number };
  serverCapabilityFlags?: number;
}

const CLIENT_QUERY_ATTRIBUTES = 0x08000000;

/**
 * A mysql2 command (the shape Connection.addCommand drives: `execute(packet, connection)`,
 * returning true when done) that sends COM_QUERY and parses the text result set itself: a
 * column count, that many column definitions, an EOF, rows of length-encoded values, an EOF.
 */
class RawQuery extends EventEmitter {
  private state: "start" | "header" | "columns" | "rows" = "start";
  private columns = 0;
  private pending = 0;

  constructor(
    private readonly sql: string,
    private readonly onRow: (row: RawRow, bytes: number) => void,
  ) {
    super();
  }

  execute(packet: RawPacket | undefined, connection: CommandConnection): boolean {
    if (this.state === "start") {
      this.state = "header";
      connection._resetSequenceId();
      const text = new TextEncoder().encode(this.sql);
      const attributes =
        (connection.config.clientFlags & (connection.serverCapabilityFlags ?? 0) & CLIENT_QUERY_ATTRIBUTES) !== 0;
      const header = attributes ? 7 : 5;
      const buffer = new Uint8Array(header + text.length);
      buffer[4] = 0x03; // COM_QUERY
      if (attributes) {
        buffer[5] = 0; // parameter_count
        buffer[6] = 1; // parameter_set_count
      }
      buffer.set(text, header);
      connection.writePacket(packetOf(buffer));
      return false;
    }
    if (!packet) return false;
    if (packet.isError()) {
      this.emit("error", packet.asError("utf8"));
      return true;
    }
    const bytes = packet.buffer;
    switch (this.state) {
      case "header": {
        const first = bytes[packet.offset] as number;
        if (first === 0x00) {
          // OK: a statement without a result set.
          this.emit("done");
          return true;
        }
        this.columns = lenenc(bytes, packet.offset).value;
        this.pending = this.columns;
        this.state = "columns";
        return false;
      }
      case "columns":
        if (this.pending > 0) this.pending--;
        else this.state = "rows"; // the EOF after the definitions
        return false;
      default: {
        if (packet.isEOF()) {
          this.emit("done");
          return true;
        }
        // One copy per row (the packet's buffer belongs to the parser), values are views into it.
        const data = new Uint8Array(packet.end - packet.offset);
        data.set(bytes.subarray(packet.offset, packet.end));
        const row: RawRow = new Array(this.columns);
        let at = 0;
        let size = 0;
        for (let i = 0; i < this.columns; i++) {
          if (data[at] === 0xfb) {
            row[i] = null;
            at++;
            size += 1;
            continue;
          }
          const { value: length, next } = lenenc(data, at);
          row[i] = data.subarray(next, next + length);
          at = next + length;
          size += length + 8;
        }
        this.onRow(row, size);
        return false;
      }
    }
  }
}

/** A length-encoded integer at `at`: its value and where what follows starts. */
function lenenc(bytes: Uint8Array, at: number): { value: number; next: number } {
  const first = bytes[at] as number;
  if (first < 0xfb) return { value: first, next: at + 1 };
  if (first === 0xfc) return { value: (bytes[at + 1] as number) | ((bytes[at + 2] as number) << 8), next: at + 3 };
  if (first === 0xfd) {
    return {
      value: (bytes[at + 1] as number) | ((bytes[at + 2] as number) << 8) | ((bytes[at + 3] as number) << 16),
      next: at + 4,
    };
  }
  let value = 0;
  for (let i = 8; i >= 1; i--) value = value * 256 + (bytes[at + i] as number);
  return { value, next: at + 9 };
}

/** The packet shape Connection.writePacket takes, over a buffer with 4 bytes of header room. */
export function packetOf(buffer: Uint8Array) {
  return {
    buffer,
    length: () => buffer.length - 4,
    writeHeader(sequenceId: number) {
      const n = buffer.length - 4;
      buffer[0] = n & 0xff;
      buffer[1] = (n >> 8) & 0xff;
      buffer[2] = (n >> 16) & 0xff;
      buffer[3] = sequenceId;
    },
  };
}

/** MySQL / MariaDB driver errors onto the engine's classes (server errnos, then network errors). */
export function mapMysqlError(error: unknown): EngineError | undefined {
  const e = error as { code?: unknown; errno?: unknown; message?: string; fatal?: boolean };
  const message = excerpt(e?.message ?? String(error));
  switch (e?.code) {
    case "ER_ACCESS_DENIED_ERROR":
    case "ER_ACCESS_DENIED_NO_PASSWORD_ERROR":
    case "ER_DBACCESS_DENIED_ERROR":
      return new AuthError(message, { cause: error });
    case "ER_BAD_DB_ERROR":
      return new ConfigurationError(message, "database_not_found", { cause: error });
    case "ER_NO_SUCH_TABLE":
    case "ER_TABLEACCESS_DENIED_ERROR":
    case "ER_COLUMNACCESS_DENIED_ERROR":
    case "ER_BAD_FIELD_ERROR":
      return new TableError(message, { cause: error });
    case "ER_SPECIFIC_ACCESS_DENIED_ERROR":
      // REPLICATION SLAVE / CLIENT missing for the binlog: the whole connection's problem.
      return new ConfigurationError(message, "missing_privilege", { cause: error });
    case "ER_LOCK_DEADLOCK":
    case "ER_LOCK_WAIT_TIMEOUT":
    case "ER_QUERY_INTERRUPTED":
    case "ER_CON_COUNT_ERROR":
    case "ER_TOO_MANY_USER_CONNECTIONS":
    case "ER_SERVER_SHUTDOWN":
    case "PROTOCOL_CONNECTION_LOST":
    case "PROTOCOL_SEQUENCE_TIMEOUT":
      return new TransientError(message, undefined, { cause: error });
    default:
      return networkError(error);
  }
}

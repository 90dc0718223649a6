/**
 * Opening the official `mongodb` driver from a Worker. The driver runs on workerd's node:net
 * and node:tls (nodejs_compat); it is bundled by wrangler like any dependency (the test pool
 * loads a bundle of it too: see vitest.config.ts).
 *
 * Egress: every seed host is checked by the guard (with DNS-over-HTTPS when configured) before
 * the client connects, and every server the driver adds afterwards (replica-set members a
 * `hello` reply names) is checked as the driver announces it (`serverOpening`, before its
 * monitor connects): a refused member closes the client and fails the operation with the
 * guard's reason. That second check judges names and literals only (it is synchronous).
 */
import { MongoClient, type MongoClientOptions } from "mongodb";
import { AuthError, ConfigurationError, type EngineError, networkError, TransientError } from "../../errors";
import { checkedSocketHost, type EgressPolicy, hostRefusal } from "../../toolkit/egress";
import type { MongoSourceConfig } from ".";

/** An open client and the guard's verdict on the servers the driver discovered. */
export interface MongoConnection {
  client: MongoClient;
  /** Throws the guard's refusal of a server the driver added, if any. */
  assertAllowed(): void;
  close(): Promise<void>;
}

/** Whether the config names an SRV record (one host without a port). */
export function isSrv(config: Pick<MongoSourceConfig, "hosts">): boolean {
  return config.hosts.length === 1 && !/:\d+$/.test(config.hosts[0] ?? "");
}

/** The connection string without credentials (they go in `auth`, never in a URL). */
export function mongoUrl(config: MongoSourceConfig): string {
  if (isSrv(config)) return `mongodb+srv://${config.hosts[0]}/`;
  return `mongodb://${config.hosts.join(",")}/`;
}

/** Connects (the driver selects a server and handshakes before this resolves). */
export async function openMongo(
  config: MongoSourceConfig,
  egress: EgressPolicy,
  options: { signal?: AbortSignal } = {},
): Promise<MongoConnection> {
  for (const entry of config.hosts) {
    const host = entry.replace(/:\d+$/, "");
    await checkedSocketHost(egress, host, options.signal);
  }
  const clientOptions: MongoClientOptions = {
    appName: "fivetran.do",
    replicaSet: config.replica_set,
    tls: config.always_encrypted,
    serverSelectionTimeoutMS: egress.connectTimeoutMs,
    connectTimeoutMS: egress.connectTimeoutMs,
    socketTimeoutMS: egress.queryTimeoutMs,
    maxPoolSize: 2,
    minPoolSize: 0,
    retryWrites: false,
    ...(config.user
      ? { auth: { username: config.user, password: config.password ?? "" }, authSource: config.auth_source ?? "admin" }
      : {}),
  };
  const client = new MongoClient(mongoUrl(config), clientOptions);
  let refused: string | undefined;
  client.on("serverOpening", (event) => {
    const host = event.address.replace(/:\d+$/, "").replace(/^\[(.*)\]$/, "$1");
    const why = hostRefusal(egress, host);
    if (why && refused === undefined) {
      refused = `${event.address} (a member the server named): ${why}`;
      client.close().catch(() => {});
    }
  });
  const assertAllowed = () => {
    if (refused !== undefined) throw new ConfigurationError(refused, "egress_refused");
  };
  const onAbort = () => client.close().catch(() => {});
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    await client.connect();
    assertAllowed();
  } catch (error) {
    await client.close().catch(() => {});
    assertAllowed();
    throw error;
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
  }
  return {
    client,
    assertAllowed,
    close: () => client.close().catch(() => {}),
  };
}

/**
 * How documents are read (per operation, not per client: a client-wide `promoteValues: false`
 * would also hand the driver's own replies back with Int32 error codes): Int32, Double and Long
 * stay apart, as the row mapping types columns by them.
 */
export const DOCUMENT_BSON = { promoteValues: false, promoteBuffers: false, bsonRegExp: true } as const;

/** An error's server code as a number (an Int32 when the reply was read with DOCUMENT_BSON). */
export function errorCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === "number") return code;
  if (code !== null && typeof code === "object" && (code as { _bsontype?: string })._bsontype === "Int32") {
    return Number((code as { value: number }).value);
  }
  return undefined;
}

/** MongoDB's error codes the engine acts on. */
const AUTH_CODES = new Set([18, 11]); // AuthenticationFailed, UserNotFound
const UNAUTHORIZED = 13;
const NAMESPACE_NOT_FOUND = 26;
/** ChangeStreamHistoryLost (286), CappedPositionLost (136), ChangeStreamFatalError (280). */
export const HISTORY_LOST_CODES = new Set([286, 136, 280]);

/** Whether an error says the change stream cannot resume from its token. */
export function historyLost(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && HISTORY_LOST_CODES.has(code);
}

/** Maps the driver's errors onto the engine's classes. */
export function mapMongoError(error: unknown): EngineError | undefined {
  const e = error as { name?: string; code?: unknown; codeName?: string; message?: string };
  const message = e?.message ?? String(error);
  const code = errorCode(error);
  if (code !== undefined) {
    if (AUTH_CODES.has(code)) return new AuthError(`MongoDB refused the credentials: ${message}`, { cause: error });
    if (code === UNAUTHORIZED) {
      return new ConfigurationError(
        `MongoDB denied an operation (${message}): grant the user read on the collections (and changeStream, find on them)`,
        "permission_denied",
        { cause: error },
      );
    }
    if (code === NAMESPACE_NOT_FOUND) return undefined;
  }
  if (
    e?.name === "MongoServerSelectionError" ||
    e?.name === "MongoNetworkError" ||
    e?.name === "MongoNetworkTimeoutError" ||
    e?.name === "MongoTopologyClosedError"
  ) {
    return new TransientError(`MongoDB: ${message}`, undefined, { cause: error });
  }
  return networkError(error);
}

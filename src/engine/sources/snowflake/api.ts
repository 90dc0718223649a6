/**
 * Running statements through Snowflake's SQL API v2 for the reader, after its documented
 * response workflow:
 *
 * - `POST /api/v2/statements?requestId=…` with the statement, its `bindings` and the session's
 *   database / warehouse / role; a retry of the same request adds `retry=true` (same id), so
 *   Snowflake does not run a statement twice.
 * - 200: the result set. `resultSetMetaData.rowType` types the columns; `data` is partition 0;
 *   further partitions (`partitionInfo`) come from `GET /api/v2/statements/{handle}?partition=N`.
 * - 202: still running (`statementStatusUrl`): poll `GET /api/v2/statements/{handle}` until 200.
 * - 429 (and 503): throttled; wait `Retry-After` when sent, else back off, then retry.
 * - 401 with a key-pair JWT: the token is signed again once (it lives under an hour) and the
 *   request repeated; otherwise an AuthError. 422 and other 4xx: the statement failed
 *   (`{code, message, sqlState}`), a TableError when it names a missing or forbidden object.
 */
import { AuthError, RateLimitedError, TableError, TransientError } from "../../errors";
import type { ConnectorContext } from "../../protocol";
import { abortableSleep, serverWaitMs } from "../../toolkit/http-client";
import {
  keyPairJwt,
  loadPrivateKey,
  type SnowflakeAuth,
  type SnowflakeBindings,
  type SnowflakeKey,
  statementRequest,
  statementsUrl,
} from "../../toolkit/snowflake-auth";
import type { SnowflakeSourceConfig } from ".";

/** One column of a result, as `resultSetMetaData.rowType` describes it. */
export interface RowType {
  name: string;
  type: string;
  precision?: number | null;
  scale?: number | null;
  nullable?: boolean;
}

/** A statement's result: its columns and its rows (every value a string, or null). */
export interface ResultSet {
  rowType: RowType[];
  rows: (string | null)[][];
}

interface StatementBody {
  code?: string;
  message?: string;
  sqlState?: string;
  statementHandle?: string;
  statementStatusUrl?: string;
  resultSetMetaData?: { rowType?: RowType[]; partitionInfo?: { rowCount: number }[]; numRows?: number };
  data?: (string | null)[][];
}

/** Attempts per request before a throttle or a 5xx fails the run (it is retried later). */
const MAX_ATTEMPTS = 6;
/** Polls of a running statement: 1 s apart at first, then up to 5 s. */
const POLL_MAX_MS = 5000;
/** A key-pair JWT is signed again after this long (it lives 59 minutes). */
const JWT_REFRESH_MS = 50 * 60 * 1000;

const SNOWFLAKE_NOT_FOUND = new Set(["002003", "002043"]);

/** The SQL API client of one reader session. */
export class SnowflakeApi {
  private auth?: { value: SnowflakeAuth; at: number };
  private key?: SnowflakeKey;

  constructor(
    private readonly config: SnowflakeSourceConfig,
    private readonly ctx: ConnectorContext,
  ) {}

  private async credentials(fresh = false): Promise<SnowflakeAuth> {
    const now = this.ctx.now().getTime();
    if (!fresh && this.auth && now - this.auth.at < JWT_REFRESH_MS) return this.auth.value;
    let value: SnowflakeAuth;
    if (this.config.auth === "PASSWORD") {
      value = { token: this.config.password ?? "", type: "PROGRAMMATIC_ACCESS_TOKEN" };
    } else {
      this.key ??= await loadPrivateKey(
        this.config.private_key ?? "",
        this.config.is_private_key_encrypted ? (this.config.passphrase ?? "") : undefined,
      ).catch((error: Error) => {
        throw new AuthError(error.message);
      });
      value = { token: await keyPairJwt(this.config, this.key, this.ctx.now()), type: "KEYPAIR_JWT" };
    }
    this.auth = { value, at: now };
    return value;
  }

  /** One HTTP exchange with retries on throttling, 5xx and an expired JWT. */
  private async send(
    url: string,
    init: (auth: SnowflakeAuth) => RequestInit,
  ): Promise<{ status: number; body: StatementBody }> {
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      const auth = await this.credentials();
      let response: Response;
      try {
        response = await this.ctx.fetch(attempt > 1 && url.includes("requestId=") ? `${url}&retry=true` : url, {
          ...init(auth),
          signal: this.ctx.signal,
        });
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || this.ctx.signal?.aborted) {
          throw new TransientError(`Snowflake could not be reached: ${(error as Error).message}`, undefined, {
            cause: error,
          });
        }
        await abortableSleep(Math.min(8000, 250 * 2 ** attempt), this.ctx.signal);
        continue;
      }
      let body: StatementBody = {};
      try {
        body = (await response.json()) as StatementBody;
      } catch {
        // Not JSON (a proxy's page): the status says enough.
      }
      if (response.status === 401 && auth.type === "KEYPAIR_JWT" && !refreshed) {
        refreshed = true;
        await this.credentials(true);
        continue;
      }
      if (response.status === 429 || response.status === 503 || response.status >= 500) {
        const wait = serverWaitMs(response.headers, this.ctx.now());
        if (attempt >= MAX_ATTEMPTS) {
          const message = `Snowflake answered ${response.status}${body.message ? `: ${body.message}` : ""} ${MAX_ATTEMPTS} times`;
          throw response.status === 429 ? new RateLimitedError(message, wait) : new TransientError(message, wait);
        }
        await abortableSleep(wait ?? Math.min(8000, 500 * 2 ** attempt), this.ctx.signal);
        continue;
      }
      return { status: response.status, body };
    }
  }

  private fail(status: number, body: StatementBody, statement: string): never {
    const what = `${body.message ?? `HTTP ${status}`}${body.code ? ` (code ${body.code})` : ""}`;
    if (status === 401 || status === 403) throw new AuthError(`Snowflake rejected the credentials: ${what}`);
    if (body.code && SNOWFLAKE_NOT_FOUND.has(body.code)) throw new TableError(`Snowflake: ${what}`);
    throw new Error(`Snowflake refused a statement (${statement.slice(0, 80)}…): ${what}`);
  }

  /** Runs one statement and yields its result partition by partition (partition 0 first). */
  async *partitions(statement: string, bindings: SnowflakeBindings = {}): AsyncGenerator<ResultSet> {
    const base = statementsUrl(this.config);
    const url = `${base}?requestId=${crypto.randomUUID()}`;
    let { status, body } = await this.send(url, (auth) =>
      statementRequest(this.config, auth, statement, { timeoutSeconds: 600, bindings }),
    );
    let polls = 0;
    while (status === 202) {
      const handle = body.statementHandle;
      if (!handle) throw new TransientError("Snowflake accepted a statement without naming its handle");
      await abortableSleep(Math.min(POLL_MAX_MS, 250 * 2 ** Math.min(polls++, 4)), this.ctx.signal);
      ({ status, body } = await this.send(`${base}/${encodeURIComponent(handle)}`, (auth) => getRequest(auth)));
    }
    if (status !== 200) this.fail(status, body, statement);
    const rowType = body.resultSetMetaData?.rowType ?? [];
    yield { rowType, rows: body.data ?? [] };
    const partitions = body.resultSetMetaData?.partitionInfo ?? [];
    for (let partition = 1; partition < partitions.length; partition++) {
      const handle = body.statementHandle as string;
      const part = await this.send(`${base}/${encodeURIComponent(handle)}?partition=${partition}`, (auth) =>
        getRequest(auth),
      );
      if (part.status !== 200) this.fail(part.status, part.body, statement);
      yield { rowType, rows: part.body.data ?? [] };
    }
  }

  /** Runs one statement and returns its whole result (every partition). */
  async query(statement: string, bindings: SnowflakeBindings = {}): Promise<ResultSet> {
    let rowType: RowType[] = [];
    const rows: (string | null)[][] = [];
    for await (const part of this.partitions(statement, bindings)) {
      rowType = part.rowType;
      rows.push(...part.rows);
    }
    return { rowType, rows };
  }
}

function getRequest(auth: SnowflakeAuth): RequestInit {
  const { headers } = statementRequest({ host: "", port: 443, database: "" }, auth, "");
  return { method: "GET", headers };
}

/**
 * One client for Cloudflare D1, reached through a Worker binding or Cloudflare's D1 HTTP API:
 * the D1 destination's writer and its setup test both run their SQL through it.
 *
 * Written by hand: Cloudflare's own SDK (`cloudflare` on npm) is a large Node-oriented client
 * of the whole API; the one D1 endpoint used here is a single POST with a small envelope.
 */

import { excerpt } from "./egress";

/** Cloudflare's REST API (D1 over HTTP reaches any database of an account). */
export const CLOUDFLARE_API = "https://api.cloudflare.com/client/v4";

/** One SQL statement with positional parameters (`?1`, `?2`…), all strings or null. */
export interface D1Statement {
  sql: string;
  params: (string | null)[];
}

/** The rows one statement returned. */
export type D1Rows = Record<string, unknown>[];

/** Runs SQL on one D1 database. */
export interface D1Executor {
  /** Where the data goes, for messages (never contains a secret). */
  readonly label: string;
  /** Runs one statement and returns its rows. */
  query(statement: D1Statement): Promise<D1Rows>;
  /**
   * Runs statements in order. On a binding the batch is one SQLite transaction (all or
   * nothing). Over HTTP it is one request with Cloudflare's `batch` body, run in order as a
   * D1 batch; Cloudflare's API reference does not state that it is atomic, so callers must not
   * rely on it: send only idempotent batches, replayed whole on failure.
   */
  batch(statements: D1Statement[]): Promise<void>;
}

/** An executor that also returns the rows of each statement of a batch. */
export interface D1Client extends D1Executor {
  /** {@link D1Executor.batch}, returning each statement's rows, in order. */
  batchRows(statements: D1Statement[]): Promise<D1Rows[]>;
}

/** A binding's batch: one transaction, as D1 documents for `db.batch()`. */
export function bindingExecutor(db: D1Database, label = "D1 binding"): D1Client {
  const prepare = (s: D1Statement) => db.prepare(s.sql).bind(...s.params);
  const batchRows = async (statements: D1Statement[]): Promise<D1Rows[]> => {
    if (statements.length === 0) return [];
    const results = await db.batch<Record<string, unknown>>(statements.map(prepare));
    return results.map((r) => r.results ?? []);
  };
  return {
    label,
    async query(statement) {
      const { results } = await prepare(statement).all<Record<string, unknown>>();
      return results ?? [];
    },
    batchRows,
    async batch(statements) {
      await batchRows(statements);
    },
  };
}

/** Where a D1 database is reached through Cloudflare's HTTP API. */
export interface D1HttpTarget {
  accountId: string;
  databaseId: string;
  /** An API token with D1 edit permission on the account. */
  apiToken: string;
  /** The fetch to use (ConnectorContext.fetch; tests inject a fake of the API). */
  fetch: typeof fetch;
  signal?: AbortSignal;
}

/** Cloudflare's API answered with an error (its `errors` list, never the token). */
export class D1ApiError extends Error {
  /** Cloudflare's `errors` as one line: `Authentication error (code 10000)`; "" when none. */
  readonly detail: string;
  constructor(
    readonly status: number,
    readonly errors: { code?: number; message?: string }[],
  ) {
    // Cloudflare's words, bounded like every remote text in a message.
    const detail = excerpt(errors.map((e) => `${e.message ?? "error"}${e.code ? ` (code ${e.code})` : ""}`).join("; "));
    super(`Cloudflare D1 API answered HTTP ${status}${detail ? `: ${detail}` : ""}`);
    this.name = "D1ApiError";
    this.detail = detail;
  }
}

interface D1ApiEnvelope {
  success?: boolean;
  errors?: { code?: number; message?: string }[];
  result?: { results?: Record<string, unknown>[]; success?: boolean }[];
}

/** The URL of a database's `query` endpoint. */
export function d1QueryUrl(accountId: string, databaseId: string): string {
  return `${CLOUDFLARE_API}/accounts/${encodeURIComponent(accountId)}/d1/database/${encodeURIComponent(databaseId)}/query`;
}

/**
 * `POST /client/v4/accounts/{account_id}/d1/database/{database_id}/query` with `{sql, params}`
 * for one statement and `{batch: [{sql, params}, …]}` for several: one request per batch, which
 * matters as Cloudflare's API is rate limited per token. The API types `params` as strings.
 */
export function httpExecutor(target: D1HttpTarget): D1Client {
  const url = d1QueryUrl(target.accountId, target.databaseId);
  async function post(body: unknown): Promise<NonNullable<D1ApiEnvelope["result"]>> {
    const response = await target.fetch(url, {
      method: "POST",
      headers: { Authorization: `Bearer ${target.apiToken}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
      signal: target.signal,
    });
    let envelope: D1ApiEnvelope = {};
    try {
      envelope = (await response.json()) as D1ApiEnvelope;
    } catch {
      // Not JSON (a proxy's error page): the status says enough.
    }
    const failed = (envelope.result ?? []).some((r) => r.success === false);
    if (!response.ok || envelope.success === false || failed) {
      throw new D1ApiError(response.status, envelope.errors ?? []);
    }
    return envelope.result ?? [];
  }
  return {
    label: `D1 database ${target.databaseId}`,
    async query(statement) {
      const [first] = await post({ sql: statement.sql, params: statement.params });
      return first?.results ?? [];
    },
    async batchRows(statements) {
      if (statements.length === 0) return [];
      return (await post({ batch: statements })).map((r) => r.results ?? []);
    },
    async batch(statements) {
      if (statements.length > 0) await post({ batch: statements });
    },
  };
}

/** Whether `target` is a D1 binding (rather than an HTTP target or an executor). */
export function isBinding(target: D1Database | D1HttpTarget | D1Executor): target is D1Database {
  return typeof (target as D1Database).prepare === "function" && typeof (target as D1Database).batch === "function";
}

/** An executor for a binding, an HTTP target, or an executor as it is. */
export function d1Executor(target: D1Database | D1HttpTarget | D1Executor): D1Executor {
  return isBinding(target) ? bindingExecutor(target) : "apiToken" in target ? httpExecutor(target) : target;
}

/**
 * The engine's failure classes. Connectors map their vendor's codes (SQLSTATE, HTTP status,
 * driver errors) onto these; the runner and the job loop decide on retries, table skips and
 * the connection's status from the class alone. The engine never imports the HTTP layer's
 * `ApiError`, and the HTTP layer never sees these.
 */

/** Base class: `kind` is what the engine acts on. */
export class EngineError extends Error {
  constructor(
    message: string,
    readonly kind: "transient" | "auth" | "configuration" | "table",
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Retrying may help (a reset connection, a timeout, a 5xx). `retryAfterMs`: the other side's hint. */
export class TransientError extends EngineError {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, "transient", options);
  }
}

/** The other side throttled us (HTTP 429, a rate-limit header): retry after its hint. */
export class RateLimitedError extends TransientError {}

/** Credentials were refused: retrying cannot help; the connection's setup turns `broken`. */
export class AuthError extends EngineError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, "auth", options);
  }
}

/** A permanent configuration problem (no destination, unsupported service, bad setting). */
export class ConfigurationError extends EngineError {
  constructor(
    message: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, "configuration", options);
  }
}

/**
 * A permanent failure of one table (permission denied, a type the destination cannot take, a
 * name collision): the runner skips that table with a warning and the others complete.
 */
export class TableError extends EngineError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, "table", options);
  }
}

const NETWORK_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "CONNECT_TIMEOUT"]);

/**
 * What the runtime itself throws on a broken socket or fetch (no vendor meaning): transient.
 * Connectors call this last in their own mapping; anything else unknown stays as it is.
 */
export function networkError(error: unknown): TransientError | undefined {
  const e = error as { code?: string; message?: string; name?: string };
  const message = e?.message ?? String(error);
  if (
    (e?.code && NETWORK_CODES.has(e.code)) ||
    e?.name === "TimeoutError" ||
    /network connection lost|socket|terminated unexpectedly|connection (reset|refused|closed)|timed out/i.test(message)
  ) {
    return new TransientError(message, undefined, { cause: error });
  }
  return undefined;
}

/**
 * User input the engine validates (a config, a schedule) is invalid. Not a sync failure: the
 * API answers it as 400 `InvalidInput` with this message (src/app.ts), so the engine needs no
 * import of the HTTP layer.
 */
export class InvalidInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidInputError";
  }
}

/**
 * Not a failure of the sync: the slice no longer holds its run's lease (SyncDO refused a
 * renewal or a write), so another copy of it runs. The job stops and records nothing.
 */
export class LeaseLostError extends Error {
  constructor(slice: string) {
    super(`${slice} lost its lease to another copy of the slice`);
    this.name = "LeaseLostError";
  }
}

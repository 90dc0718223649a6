/**
 * Errors the `Fivetran` class throws: one class per kind of answer, each carrying the API's
 * `code` and `message` (Fivetran's error envelope) and the HTTP status.
 */

/** An answer of the API that is not a success. */
export class FivetranError extends Error {
  override readonly name: string = "FivetranError";
  constructor(
    message: string,
    /** The API's error code: `InvalidInput`, `NotFound_Connection`, `Conflict`, … */
    readonly code: string,
    /** The HTTP status (0 when no answer came: the request itself failed). */
    readonly status: number,
    /** The method and path of the request that failed. */
    readonly request?: string,
  ) {
    super(message);
  }
}

/** 400: the declaration or request is invalid, or names what the server cannot do yet. */
export class FivetranValidationError extends FivetranError {
  override readonly name = "FivetranValidationError";
}

/** 401 or 403: the key or secret is wrong, or the key may not do this. */
export class FivetranAuthError extends FivetranError {
  override readonly name = "FivetranAuthError";
}

/** 404: the resource does not exist (or belongs to another account). */
export class FivetranNotFoundError extends FivetranError {
  override readonly name = "FivetranNotFoundError";
}

/** 409: the request contradicts the resource's state (a sync in progress, a name taken). */
export class FivetranConflictError extends FivetranError {
  override readonly name = "FivetranConflictError";
}

/** 429: too many requests; `retryAfterMs` from the Retry-After header when given. */
export class FivetranRateLimitError extends FivetranError {
  override readonly name = "FivetranRateLimitError";
  constructor(
    message: string,
    code: string,
    status: number,
    request: string | undefined,
    readonly retryAfterMs: number | undefined,
  ) {
    super(message, code, status, request);
  }
}

/** 5xx, or no answer at all. */
export class FivetranServerError extends FivetranError {
  override readonly name = "FivetranServerError";
}

/** A declaration the SDK cannot send as written (caught before any request). */
export class FivetranDeclarationError extends FivetranError {
  override readonly name = "FivetranDeclarationError";
  constructor(message: string) {
    super(message, "InvalidDeclaration", 0);
  }
}

/** The error of an API answer: its class by status, the envelope's code and message. */
export function errorFromResponse(response: Response, body: unknown, request: string): FivetranError {
  const envelope = (body ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof envelope.code === "string" ? envelope.code : `Http${response.status}`;
  const message = typeof envelope.message === "string" ? envelope.message : `${request} answered ${response.status}`;
  const status = response.status;
  if (status === 400 || status === 422) return new FivetranValidationError(message, code, status, request);
  if (status === 401 || status === 403) return new FivetranAuthError(message, code, status, request);
  if (status === 404) return new FivetranNotFoundError(message, code, status, request);
  if (status === 409) return new FivetranConflictError(message, code, status, request);
  if (status === 429) {
    const header = response.headers.get("Retry-After");
    const seconds = header === null ? Number.NaN : Number(header);
    return new FivetranRateLimitError(
      message,
      code,
      status,
      request,
      Number.isFinite(seconds) ? seconds * 1000 : undefined,
    );
  }
  if (status >= 500) return new FivetranServerError(message, code, status, request);
  return new FivetranError(message, code, status, request);
}

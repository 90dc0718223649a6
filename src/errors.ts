import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * The one error type of the API. Thrown anywhere, rendered by `onError` as Fivetran's
 * error envelope `{code, message}` with `status`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** 400 InvalidInput, the code Fivetran uses for every validation failure. */
  static invalid(message: string): ApiError {
    return new ApiError(400, "InvalidInput", message);
  }

  /** 404 `NotFound_<Kind>` with Fivetran's "<Kind> with id '<id>' does not exist." message. */
  static notFound(kind: string, id: string): ApiError {
    return new ApiError(404, `NotFound_${kind}`, `${kind} with id '${id}' does not exist.`);
  }

  /** 409 Conflict: the request contradicts the resource's current state. */
  static conflict(message: string): ApiError {
    return new ApiError(409, "Conflict", message);
  }

  static unauthorized(message: string): ApiError {
    return new ApiError(401, "Unauthorized", message, {
      "WWW-Authenticate": 'Basic realm="fivetran.do", charset="UTF-8"',
    });
  }
}

/** Fivetran's error envelope. */
export function errorBody(code: string, message: string) {
  return { code, message };
}

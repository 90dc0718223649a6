import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { parseAccept } from "hono/utils/accept";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";

/**
 * Largest request body by default: 2 MiB. The API's bodies are configs of a few KB; the largest
 * expected are connector manifests of a few hundred KB. Override with the var
 * `FIVETRAN_MAX_BODY_BYTES`.
 */
export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * Longest request URL (path and query): 16 KiB. Every path and query parameter of the API is an
 * id, a cursor or a small number; workerd itself accepts megabytes. Not configurable.
 */
export const MAX_URL_BYTES = 16 * 1024;

export function maxBodyBytes(env: AppEnv["Bindings"]): number {
  const value = Number(env.FIVETRAN_MAX_BODY_BYTES);
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_MAX_BODY_BYTES;
}

function formatBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/** 414 for a URL longer than MAX_URL_BYTES, before routing looks at it. */
export const limitUrl: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.url.length > MAX_URL_BYTES) {
    throw new ApiError(414, "UriTooLong", `The request URL is longer than the limit of ${formatBytes(MAX_URL_BYTES)}`);
  }
  return next();
};

/**
 * 413 above the body limit. hono's bodyLimit decides from Content-Length without reading the
 * body; a body without Content-Length (chunked) is read only up to the limit, then refused.
 * It must run before anything that reads the body (jsonBody).
 */
export const limitBody: MiddlewareHandler<AppEnv> = (c, next) => {
  const maxSize = maxBodyBytes(c.env);
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError(
        413,
        "PayloadTooLarge",
        `The request body is larger than the limit of ${formatBytes(maxSize)} (${maxSize} bytes)`,
      );
    },
  })(c, next);
};

/** A media range the API can answer: JSON, or a wildcard that includes it. */
function acceptsJson(range: string): boolean {
  const type = range.toLowerCase();
  return (
    type === "*/*" || type === "*" || type === "application/*" || type === "application/json" || type.endsWith("+json")
  );
}

/**
 * 406 NotAcceptable when Accept names only media types the API cannot produce (`text/html`
 * alone, `application/xml`). No Accept, the any-type wildcard, `application/json` with any
 * parameters (`;version=2`, which go-fivetran and Airflow send) and browsers' lists ending in a
 * wildcard all pass, as the reference requires. A header that does not parse passes too.
 */
export const acceptJson: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header("accept");
  // The one route that answers something else: GET /v1/events/stream (server-sent events).
  if (/^\/v1\/events\/stream\/?$/.test(c.req.path) && /text\/event-stream/i.test(header ?? "")) return next();
  // The usage exports answer CSV (README "Usage metering").
  if (/^\/v1\/usage\/[a-z]+\.csv\/?$/.test(c.req.path) && /text\/csv/i.test(header ?? "")) return next();
  if (header?.trim()) {
    const ranges = parseAccept(header);
    if (ranges.length > 0 && !ranges.some((range) => range.q > 0 && acceptsJson(range.type))) {
      throw new ApiError(
        406,
        "NotAcceptable",
        `This API answers application/json only; Accept was '${header.slice(0, 200)}'`,
      );
    }
  }
  return next();
};

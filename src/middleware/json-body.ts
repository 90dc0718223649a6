import type { MiddlewareHandler } from "hono";
import { ApiError } from "../errors";

const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Makes request bodies uniform before validation, the way Fivetran's clients need:
 * an absent or empty body is `{}` (Airflow and dagster POST `/force` with no body), any
 * JSON media type or none at all is parsed as JSON (`application/json;version=2`), and a
 * body that is not JSON is 400 InvalidInput rather than an exception.
 */
export const jsonBody: MiddlewareHandler = async (c, next) => {
  if (!BODY_METHODS.has(c.req.method)) return next();
  const raw = c.req.raw;
  const text = raw.body ? await raw.clone().text() : "";
  const body = text.trim() === "" ? "{}" : text;
  try {
    JSON.parse(body);
  } catch {
    throw ApiError.invalid("Malformed JSON in request body");
  }
  const headers = new Headers(raw.headers);
  headers.set("content-type", "application/json");
  c.req.raw = new Request(raw.url, { method: raw.method, headers, body, signal: raw.signal });
  return next();
};

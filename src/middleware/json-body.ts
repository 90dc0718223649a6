import type { MiddlewareHandler } from "hono";
import { ApiError } from "../errors";

const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Media types read as JSON: any JSON type with any parameters (`application/json;version=2`
 * from dagster and Airflow), and `application/x-www-form-urlencoded`, which is what `curl -d`
 * sends when the user forgets `-H 'Content-Type: application/json'` (the body is still JSON).
 */
function readsAsJson(contentType: string): boolean {
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  return (
    type === "" ||
    type === "application/json" ||
    type.endsWith("+json") ||
    type === "text/json" ||
    type === "application/x-www-form-urlencoded"
  );
}

/**
 * Makes request bodies uniform before validation, the way Fivetran's clients need:
 * an absent, empty or `null` body is `{}` (Airflow and dagster POST `/force` with no body), any
 * JSON media type or none at all is parsed as JSON (`application/json;version=2`), a body that
 * is not JSON is 400 InvalidInput rather than an exception, JSON that is not an object is 400,
 * and a body of another media type (XML, a multipart form) is 415, per Fivetran's error table.
 */
export const jsonBody: MiddlewareHandler = async (c, next) => {
  if (!BODY_METHODS.has(c.req.method)) return next();
  const raw = c.req.raw;
  const text = raw.body ? await raw.clone().text() : "";
  const empty = text.trim() === "";
  const contentType = raw.headers.get("content-type") ?? "";
  if (!empty && !readsAsJson(contentType)) {
    throw new ApiError(
      415,
      "UnsupportedMediaType",
      `Content-Type '${contentType.slice(0, 100)}' is not supported: send application/json`,
    );
  }
  let parsed: unknown;
  try {
    parsed = empty ? {} : JSON.parse(text);
  } catch {
    throw ApiError.invalid("Malformed JSON in request body");
  }
  if (parsed !== null && (typeof parsed !== "object" || Array.isArray(parsed))) {
    throw ApiError.invalid("The request body must be a JSON object");
  }
  const body = parsed === null ? "{}" : empty ? "{}" : text;
  const headers = new Headers(raw.headers);
  headers.set("content-type", "application/json");
  headers.delete("content-length");
  c.req.raw = new Request(raw.url, { method: raw.method, headers, body, signal: raw.signal });
  return next();
};

/**
 * The routes of the app as the reliability suite sees them: enumerated from `createApp()` and
 * its OpenAPI document, so a route added to the app is fuzzed and probed without editing a test.
 */
import { exports } from "cloudflare:workers";
import { createApp, openApiDocument } from "../../../src/app";

// biome-ignore lint/suspicious/noExplicitAny: JSON schema fragments of the OpenAPI document
export type JsonSchema = any;

export interface ApiRoute {
  method: string;
  /** Hono's form, `/v1/groups/:groupId`. */
  path: string;
  /** Path parameter names in order. */
  params: string[];
  /** Query parameter names from the OpenAPI document. */
  query: string[];
  /** The JSON request body's schema ($refs resolved lazily with `resolve`), if any. */
  body?: JsonSchema;
  operationId?: string;
  /** Which credentials the route takes. */
  auth: "basic" | "operator" | "none";
  /** Whether the route answers JSON (all but the HTML API reference at /docs and the pages). */
  json: boolean;
  /** A browser page whose errors are pages too (the Connect Card): HTML, never a 5xx. */
  page: boolean;
}

const app = createApp();
const document = openApiDocument(app) as JsonSchema;

/** Follows a local `$ref` of the OpenAPI document. */
export function resolve(schema: JsonSchema): JsonSchema {
  let current = schema;
  while (current && typeof current.$ref === "string") {
    const name = current.$ref.replace("#/components/schemas/", "");
    current = document.components.schemas[name];
  }
  return current;
}

/** Every route the app answers (one entry per method and path, middleware excluded). */
export function apiRoutes(): ApiRoute[] {
  const seen = new Set<string>();
  const routes: ApiRoute[] = [];
  for (const { method, path } of app.routes) {
    if (method === "ALL" || path.includes("*")) continue;
    const key = `${method} ${path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const openApiPath = path.replace(/:([^/]+)/g, "{$1}");
    const operation = document.paths[openApiPath]?.[method.toLowerCase()];
    const parameters: { in: string; name: string }[] = operation?.parameters ?? [];
    routes.push({
      method,
      path,
      params: [...path.matchAll(/:([^/]+)/g)].map((match) => match[1] as string),
      query: parameters.filter((p) => p.in === "query").map((p) => p.name),
      body: operation?.requestBody?.content?.["application/json"]?.schema,
      operationId: operation?.operationId,
      auth: path.startsWith("/operator/") ? "operator" : path.startsWith("/v1/") ? "basic" : "none",
      // Successes are JSON unless the route documents another type (the usage CSV exports);
      // errors are the JSON envelope everywhere.
      json:
        path !== "/docs" &&
        !path.startsWith("/connect-card/") &&
        !Object.keys(operation?.responses?.["200"]?.content ?? { "application/json": {} }).every(
          (type) => type !== "application/json",
        ),
      page: path.startsWith("/connect-card/"),
    });
  }
  return routes;
}

/** `path` with its `:params` replaced by `values` (already encoded as they go on the wire). */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/:([^/]+)/g, (_, name: string) => values[name] ?? "x");
}

export interface RawResponse {
  status: number;
  contentType: string;
  text: string;
}

/** Sends one request through the Worker's own fetch handler, with all its middleware. */
export async function send(
  method: string,
  url: string,
  init: { headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  const request = new Request(`http://127.0.0.1:8787${url}`, {
    method,
    headers: init.headers,
    body: method === "GET" || method === "HEAD" ? undefined : init.body,
  });
  const response = await exports.default.fetch(request);
  return {
    status: response.status,
    contentType: response.headers.get("content-type") ?? "",
    text: await response.text(),
  };
}

/** Why a response breaks the contract, or undefined when it keeps it. */
export function contractViolation(route: ApiRoute, response: RawResponse): string | undefined {
  if (response.status >= 500) return `status ${response.status}`;
  if (route.page)
    return response.contentType.startsWith("text/html") ? undefined : `content-type '${response.contentType}'`;
  // The HTML API reference answers HTML; its errors (405, …) are the envelope like any other.
  if (!route.json && response.status < 400) return undefined;
  if (!response.contentType.includes("application/json")) return `content-type '${response.contentType}'`;
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch {
    return "body is not JSON";
  }
  if (response.status >= 400) {
    const envelope = body as Record<string, unknown>;
    const keys = body && typeof body === "object" ? Object.keys(body).sort().join(",") : "";
    if (keys !== "code,message" || typeof envelope.code !== "string" || typeof envelope.message !== "string") {
      return "error body is not {code, message}";
    }
  }
  return undefined;
}

/**
 * A small valid-looking instance of a JSON schema: required properties with their example,
 * first enum value or a plain value of their type; `hints` fill properties by name (ids).
 */
export function minimalInstance(schema: JsonSchema, hints: Record<string, unknown> = {}): unknown {
  const s = resolve(schema);
  if (!s) return {};
  if (s.anyOf || s.oneOf) return minimalInstance((s.anyOf ?? s.oneOf)[0], hints);
  if (s.example !== undefined) return s.example;
  if (Array.isArray(s.enum)) return s.enum.find((value: unknown) => value !== null) ?? null;
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== "null") : s.type;
  switch (type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const name of s.required ?? []) {
        out[name] = name in hints ? hints[name] : minimalInstance(s.properties?.[name], hints);
      }
      for (const name of Object.keys(s.properties ?? {})) {
        if (name in hints && !(name in out)) out[name] = hints[name];
      }
      return out;
    }
    case "array":
      return [];
    case "string":
      return "x";
    case "integer":
    case "number":
      return 1;
    case "boolean":
      return true;
    default:
      return {};
  }
}

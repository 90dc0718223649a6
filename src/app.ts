import type { OpenAPIHono } from "@hono/zod-openapi";
import { cors } from "hono/cors";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { InvalidInputError } from "./engine/errors";
import type { AppEnv } from "./env";
import { ApiError, errorBody } from "./errors";
import { logError } from "./lib/log";
import { createRouter } from "./lib/router";
import { handleMcp } from "./mcp";
import { authorize } from "./middleware/access";
import { basicAuth } from "./middleware/auth";
import { jsonBody } from "./middleware/json-body";
import { acceptJson, DEFAULT_MAX_BODY_BYTES, limitBody, limitUrl, MAX_URL_BYTES } from "./middleware/limits";
import { operationRateLimit, rateLimit } from "./middleware/rate-limit";
import { accountRouter } from "./routes/account";
import { bootstrapRouter } from "./routes/bootstrap";
import { certificatesRouter } from "./routes/certificates";
import { connectCardRouter } from "./routes/connect-card";
import { connectionsRouter, triggersRouter } from "./routes/connections";
import { destinationsRouter } from "./routes/destinations";
import { eventsRouter } from "./routes/events";
import { groupKeysRouter } from "./routes/group-keys";
import { groupsRouter } from "./routes/groups";
import { metadataRouter, publicRouter } from "./routes/metadata";
import { operatorAuth, operatorRouter } from "./routes/operator";
import { systemKeysRouter } from "./routes/system-keys";
import { teamsRouter } from "./routes/teams";
import { usageRouter } from "./routes/usage";
import { usersRouter } from "./routes/users";
import { webRouter } from "./routes/web";
import { webhooksRouter } from "./routes/webhooks";

export const API_TITLE = "fivetran.do REST API";
export const API_VERSION = "1.0.0";

/** The OpenAPI document: generated from the zod route definitions, nothing hand-written. */
export function openApiDocument(app: OpenAPIHono<AppEnv>) {
  const document = app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: API_TITLE,
      version: API_VERSION,
      description:
        "Fivetran's REST API v1 served by a Cloudflare Worker. Authenticate with HTTP Basic `api_key:api_secret`.",
    },
    servers: [{ url: "http://127.0.0.1:8787", description: "npm start" }],
    security: [{ basicAuth: [] }],
  });
  withMiddlewareResponses(document);
  return document;
}

const errorContent = { "application/json": { schema: { $ref: "#/components/schemas/Error" } } };

/**
 * The answers the middleware in front of every `/v1` and `/operator` route gives (src/app.ts,
 * src/middleware/): added to each operation here, so the document stays generated and says
 * what a client may meet on every route, not only what its handler answers.
 */
function withMiddlewareResponses(document: ReturnType<OpenAPIHono<AppEnv>["getOpenAPI31Document"]>): void {
  const maxBody = `${DEFAULT_MAX_BODY_BYTES / (1024 * 1024)} MiB`;
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    if (!path.startsWith("/v1/") && !path.startsWith("/operator/")) continue;
    for (const method of ["get", "put", "post", "delete", "patch"] as const) {
      const operation = item?.[method];
      if (!operation) continue;
      operation.responses ??= {};
      const responses = operation.responses;
      const add = (status: string, description: string, headers?: Record<string, unknown>) => {
        if (!responses[status])
          responses[status] = { description, content: errorContent, ...(headers ? { headers } : {}) };
      };
      add("406", "NotAcceptable: the Accept header names no JSON type");
      if (operation.requestBody) {
        add("413", `PayloadTooLarge: the body is larger than ${maxBody} (FIVETRAN_MAX_BODY_BYTES)`);
        add("415", "UnsupportedMediaType: the body is not JSON by its Content-Type");
      }
      add("414", `UriTooLong: the URL is longer than ${MAX_URL_BYTES / 1024} KiB`);
      add(
        "429",
        "TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT)",
        {
          "Retry-After": { description: "Seconds until a request may succeed again", schema: { type: "integer" } },
        },
      );
    }
  }
}

/** `path` with `:param` segments, as a pattern that also accepts a trailing slash. */
function routePattern(path: string): RegExp {
  const body = path
    .replace(/\/+$/, "")
    .replace(/:[^/]+/g, "[^/]+")
    .replace(/\*/g, ".*");
  return new RegExp(`^${body}/?$`);
}

/** Methods with a route at `path`, to tell 405 (wrong method) from 404 (no such route). */
function allowedMethods(app: OpenAPIHono<AppEnv>, path: string): string[] {
  const methods = new Set<string>();
  for (const route of app.routes) {
    if (route.method !== "ALL" && !route.path.includes("*") && routePattern(route.path).test(path)) {
      methods.add(route.method);
    }
  }
  return [...methods];
}

/** Builds the Worker's HTTP application. Loads in plain Node too, for the OpenAPI script. */
export function createApp() {
  const app = createRouter();

  app.openAPIRegistry.registerComponent("securitySchemes", "basicAuth", {
    type: "http",
    scheme: "basic",
    description: "api_key:api_secret",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "operatorBearer", {
    type: "http",
    scheme: "bearer",
    description: "FIVETRAN_OPERATOR_SECRET",
  });

  app.use("*", requestId({ headerName: "X-Request-Id" }), limitUrl);
  // Credentials first (a 120 MB body from nobody is refused unread), then the body limit,
  // then the only reader of the body.
  // Browsers (our SDK in a page) call the API cross-origin. Credentials travel in the
  // Authorization header a script sets, never in cookies, so any origin may ask unless
  // FIVETRAN_CORS_ORIGINS (comma-separated origins) narrows it. Preflights need no credentials.
  const corsMiddleware = cors({
    origin: (origin, c) => {
      const allowed = (c.env as { FIVETRAN_CORS_ORIGINS?: string } | undefined)?.FIVETRAN_CORS_ORIGINS?.trim();
      if (!allowed || allowed === "*") return "*";
      return allowed
        .split(",")
        .map((o) => o.trim())
        .includes(origin)
        ? origin
        : null;
    },
    allowMethods: ["GET", "POST", "PATCH", "PUT", "DELETE"],
    allowHeaders: ["Authorization", "Content-Type", "Accept", "Last-Event-ID"],
    exposeHeaders: ["Retry-After", "X-Request-Id", "Link"],
    maxAge: 600,
  });
  // Only a real preflight (Access-Control-Request-Method) is answered 204; any other OPTIONS
  // request goes on to the 405 it always got.
  app.use("/v1/*", (c, next) =>
    c.req.method === "OPTIONS" && !c.req.header("Access-Control-Request-Method") ? next() : corsMiddleware(c, next),
  );
  app.use("/v1/*", acceptJson, basicAuth, rateLimit, limitBody, jsonBody, operationRateLimit, authorize);
  app.use("/operator/*", acceptJson, operatorAuth, limitBody, jsonBody);

  app.route("/", groupsRouter);
  app.route("/", destinationsRouter);
  app.route("/", connectionsRouter);
  app.route("/", triggersRouter);
  app.route("/", metadataRouter);
  app.route("/", publicRouter);
  app.route("/", bootstrapRouter);
  app.route("/", accountRouter);
  app.route("/", usersRouter);
  app.route("/", teamsRouter);
  app.route("/", systemKeysRouter);
  app.route("/", groupKeysRouter);
  app.route("/", certificatesRouter);
  app.route("/", webhooksRouter);
  app.route("/", eventsRouter);
  app.route("/", operatorRouter);
  app.route("/", usageRouter);

  // The MCP server (src/mcp/): the same API keys; its tools call this app with them.
  app.use("/mcp", basicAuth, limitBody);
  app.all("/mcp", (c) => {
    let ctx: typeof c.executionCtx | undefined;
    try {
      ctx = c.executionCtx;
    } catch {
      ctx = undefined; // plain Node (app.request in scripts) has no execution context
    }
    return handleMcp(c, async (request) => app.fetch(request, c.env, ctx));
  });

  // Built and serialised once per isolate, on first request: the document is a pure function of
  // the routes, and building it costs tens of milliseconds of CPU.
  let openApiJson: string | undefined;
  app.get("/openapi.json", (c) => {
    openApiJson ??= JSON.stringify(openApiDocument(app));
    return c.body(openApiJson, 200, { "Content-Type": "application/json" });
  });
  // The Connect Card page (its token the only credential; src/routes/connect-card/).
  app.route("/", connectCardRouter);
  // The dashboard at `/` (JSON for API clients) and the API reference at `/docs`.
  app.route("/", webRouter(API_TITLE));

  app.notFound((c) => {
    const allowed = allowedMethods(app, c.req.path);
    if (allowed.length > 0) {
      return c.json(errorBody("MethodNotAllowed", `Method ${c.req.method} is not allowed on ${c.req.path}`), 405, {
        Allow: allowed.join(", "),
      });
    }
    return c.json(errorBody("NotFound", `No route for ${c.req.method} ${c.req.path}`), 404);
  });

  app.onError((error, c) => {
    if (error instanceof ApiError) {
      return c.json(errorBody(error.code, error.message), error.status, error.headers);
    }
    if (error instanceof InvalidInputError) return c.json(errorBody("InvalidInput", error.message), 400);
    const id = c.get("requestId");
    if (error instanceof HTTPException) {
      // Raised by hono or a library middleware; its own `res` (often text/plain) is never sent.
      const code = error.status === 400 ? "InvalidInput" : `Http${error.status}`;
      if (error.status < 500) return c.json(errorBody(code, error.message || "Bad request"), error.status);
      logError("HTTPException", error, { requestId: id, method: c.req.method, path: c.req.path });
      return c.json(errorBody(code, `Server error (request id ${id})`), error.status);
    }
    // A 500 is a bug: log it with the request id, never leak the stack to the client. The log
    // keeps the error's class, code and a redacted message: a driver's message carries row values.
    logError("Unhandled error", error, { requestId: id, method: c.req.method, path: c.req.path });
    return c.json(errorBody("InternalError", `Internal error (request id ${id})`), 500);
  });

  return app;
}

import { and, eq, lt, sql } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import { catalog } from "../db/client";
import { requestCounts } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";

/** A per-account request budget: `requests` in each fixed window of `seconds`. */
export interface RateLimit {
  requests: number;
  seconds: number;
}

function parseOne(text: string, variable: string, example: string): RateLimit {
  const match = text.trim().match(/^(\d+)(?:\s*\/\s*(\d+))?$/);
  const requests = Number(match?.[1]);
  const seconds = match?.[2] === undefined ? 3600 : Number(match[2]);
  if (!match || !(requests > 0) || !(seconds > 0)) {
    throw new ApiError(
      500,
      "InvalidConfiguration",
      `${variable} must be '<requests>/<seconds>' (e.g. ${example}), '<requests>' or 'off'`,
    );
  }
  return { requests, seconds };
}

/**
 * Reads `FIVETRAN_RATE_LIMIT`: `<requests>/<seconds>` (`20000/3600`, Fivetran's documented
 * limit of 20,000 requests an hour per account) or `<requests>` alone (per hour). Unset, empty
 * or `off`: no limit, which is the default (wrangler.toml and `npm start` set nothing). A value
 * that does not parse is a configuration error, reported on every request rather than ignored.
 */
export function parseRateLimit(value: string | undefined): RateLimit | undefined {
  const text = value?.trim();
  if (!text || text === "off") return undefined;
  return parseOne(text, "FIVETRAN_RATE_LIMIT", "20000/3600");
}

/**
 * Reads a list of budgets, all of which apply (`250/60,2500/3600`: Fivetran's setup-test limits
 * per minute and per hour), each as {@link parseRateLimit} reads one. Unset, empty or `off`: none.
 */
export function parseRateLimits(value: string | undefined, variable: string, example: string): RateLimit[] {
  const text = value?.trim();
  if (!text || text === "off") return [];
  return text.split(",").map((part) => parseOne(part, variable, example));
}

interface Counted {
  count: number;
  /** Seconds until the window ends. */
  reset: number;
}

/**
 * Counts one request of `accountId` in `bucket`'s current fixed window, in D1 (table
 * `request_counts`), so the count is exact across isolates and locations. The first request of
 * a window drops the bucket's older windows.
 */
async function count(c: Context<AppEnv>, bucket: string, limit: RateLimit): Promise<Counted> {
  const { accountId } = c.var.auth;
  const nowSeconds = Math.floor(Date.now() / 1000);
  const windowStart = nowSeconds - (nowSeconds % limit.seconds);
  const db = catalog(c.env.DB);
  const [row] = await db
    .insert(requestCounts)
    .values({ accountId, bucket, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: [requestCounts.accountId, requestCounts.bucket, requestCounts.windowStart],
      set: { count: sql`${requestCounts.count} + 1` },
    })
    .returning({ count: requestCounts.count });
  const counted = row?.count ?? 1;
  if (counted === 1) {
    await db
      .delete(requestCounts)
      .where(
        and(
          eq(requestCounts.accountId, accountId),
          eq(requestCounts.bucket, bucket),
          lt(requestCounts.windowStart, windowStart),
        ),
      );
  }
  return { count: counted, reset: windowStart + limit.seconds - nowSeconds };
}

function tooMany(message: string, reset: number, headers: Record<string, string> = {}): ApiError {
  // An integer Retry-After, at least 1: go-fivetran retries on it and fails without one.
  return new ApiError(429, "TooManyRequests", `${message}; retry after ${Math.max(1, reset)} seconds`, {
    "Retry-After": String(Math.max(1, reset)),
    ...headers,
  });
}

/**
 * Fivetran's per-account request limit: over budget, 429 `TooManyRequests` with an integer
 * `Retry-After` (the seconds until the window ends; go-fivetran retries on it and fails without
 * one). Counted in D1 in fixed windows at the price of one D1 write per request while the limit
 * is on; the Workers Rate Limiting binding was not used because its period is 10 or 60 seconds
 * and it counts per location, while Fivetran's budget is hourly per account. Runs after
 * authentication: the budget is the account's.
 */
export const rateLimit: MiddlewareHandler<AppEnv> = async (c, next) => {
  const limit = parseRateLimit(c.env.FIVETRAN_RATE_LIMIT);
  if (!limit) return next();
  const { count: counted, reset } = await count(c, "", limit);
  if (counted > limit.requests) {
    throw tooMany(
      `Rate limit of ${limit.requests} requests per ${limit.seconds} seconds exceeded for this account`,
      reset,
      {
        "X-RateLimit-Limit": String(limit.requests),
        "X-RateLimit-Remaining": "0",
      },
    );
  }
  c.header("X-RateLimit-Limit", String(limit.requests));
  c.header("X-RateLimit-Remaining", String(Math.max(0, limit.requests - counted)));
  return next();
};

/** What a request costs against Fivetran's operation budgets. */
export interface OperationKinds {
  /** Runs setup tests, directly or through create/modify with `run_setup_tests`. */
  setupTest: boolean;
  /** Talks to the source: every setup test of a connection or destination, a schema reload, a table's source columns. */
  source: boolean;
}

const TESTED = "(?:connections|connectors|destinations)";
const SETUP_TEST_RUN = new RegExp(`^/v1/${TESTED}/[^/]+/test$`);
const CREATE = new RegExp(`^/v1/${TESTED}$`);
const MODIFY = new RegExp(`^/v1/${TESTED}/[^/]+$`);
const SCHEMA_RELOAD = /^\/v1\/(?:connections|connectors)\/[^/]+\/schemas\/reload$/;
const SOURCE_COLUMNS = /^\/v1\/(?:connections|connectors)\/[^/]+\/schemas\/[^/]+\/tables\/[^/]+\/columns$/;

/**
 * The requests Fivetran's rate-limiting page names (docs "Rate Limiting"): setup tests are
 * create or modify of a connection or destination with `run_setup_tests: true` (on create our
 * default, as Fivetran's: only `false` skips them) and the two "run setup tests" endpoints;
 * source interaction is every setup test plus "Reload a connector schema config" and "Retrieve
 * source table columns config". Syncs, resyncs and everything else are neither (they count only
 * against FIVETRAN_RATE_LIMIT).
 */
export function operationKinds(
  method: string,
  path: string,
  body: Record<string, unknown> | undefined,
): OperationKinds {
  const p = path.replace(/\/+$/, "");
  const runTests = body?.run_setup_tests;
  const setupTest =
    (method === "POST" && SETUP_TEST_RUN.test(p)) ||
    (method === "POST" && CREATE.test(p) && runTests !== false) ||
    (method === "PATCH" && MODIFY.test(p) && runTests === true);
  const source =
    setupTest || (method === "POST" && SCHEMA_RELOAD.test(p)) || (method === "GET" && SOURCE_COLUMNS.test(p));
  return { setupTest, source };
}

async function jsonOf(c: Context<AppEnv>): Promise<Record<string, unknown> | undefined> {
  if (c.req.method !== "POST" && c.req.method !== "PATCH") return undefined;
  try {
    const body = await c.req.json();
    return body && typeof body === "object" ? (body as Record<string, unknown>) : undefined;
  } catch {
    return undefined; // the route's validation answers a body that is not JSON
  }
}

/**
 * Fivetran's per-account budgets for setup tests (`FIVETRAN_SETUP_TEST_RATE_LIMIT`, Fivetran:
 * `250/60,2500/3600`) and source interaction (`FIVETRAN_SOURCE_RATE_LIMIT`, Fivetran:
 * `500/60,5000/3600`), each a list of fixed windows that all apply, off unless set. A setup
 * test also counts as a source interaction, as Fivetran counts it. Over a budget: 429
 * `TooManyRequests` with an integer `Retry-After`. Runs after the body is parsed (the JSON
 * middleware), since `run_setup_tests` decides whether a create or modify runs tests.
 */
export const operationRateLimit: MiddlewareHandler<AppEnv> = async (c, next) => {
  const setupLimits = parseRateLimits(
    c.env.FIVETRAN_SETUP_TEST_RATE_LIMIT,
    "FIVETRAN_SETUP_TEST_RATE_LIMIT",
    "2500/3600",
  );
  const sourceLimits = parseRateLimits(c.env.FIVETRAN_SOURCE_RATE_LIMIT, "FIVETRAN_SOURCE_RATE_LIMIT", "500/60");
  if (setupLimits.length === 0 && sourceLimits.length === 0) return next();
  const kinds = operationKinds(c.req.method, c.req.path, await jsonOf(c));
  const budgets: [string, string, RateLimit[]][] = [];
  if (kinds.setupTest) budgets.push(["setup_tests", "Setup test", setupLimits]);
  if (kinds.source) budgets.push(["source", "Source interaction", sourceLimits]);
  for (const [bucket, what, limits] of budgets) {
    for (const limit of limits) {
      const { count: counted, reset } = await count(c, `${bucket}/${limit.seconds}`, limit);
      if (counted > limit.requests) {
        throw tooMany(
          `${what} rate limit of ${limit.requests} requests per ${limit.seconds} seconds exceeded for this account`,
          reset,
        );
      }
    }
  }
  return next();
};

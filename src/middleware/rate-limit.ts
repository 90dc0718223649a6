import { and, eq, lt, sql } from "drizzle-orm";
import type { MiddlewareHandler } from "hono";
import { catalog } from "../db/client";
import { requestCounts } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";

/** A per-account request budget: `requests` in each fixed window of `seconds`. */
export interface RateLimit {
  requests: number;
  seconds: number;
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
  const match = text.match(/^(\d+)(?:\s*\/\s*(\d+))?$/);
  const requests = Number(match?.[1]);
  const seconds = match?.[2] === undefined ? 3600 : Number(match[2]);
  if (!match || !(requests > 0) || !(seconds > 0)) {
    throw new ApiError(
      500,
      "InvalidConfiguration",
      "FIVETRAN_RATE_LIMIT must be '<requests>/<seconds>' (e.g. 20000/3600), '<requests>' or 'off'",
    );
  }
  return { requests, seconds };
}

/**
 * Fivetran's per-account request limit: over budget, 429 `TooManyRequests` with an integer
 * `Retry-After` (the seconds until the window ends; go-fivetran retries on it and fails without
 * one). Counted in D1 (table `request_counts`) in fixed windows, so the count is exact across
 * isolates and locations at the price of one D1 write per request while the limit is on; the
 * Workers Rate Limiting binding was not used because its period is 10 or 60 seconds and it
 * counts per location, while Fivetran's budget is hourly per account. Runs after authentication:
 * the budget is the account's.
 */
export const rateLimit: MiddlewareHandler<AppEnv> = async (c, next) => {
  const limit = parseRateLimit(c.env.FIVETRAN_RATE_LIMIT);
  if (!limit) return next();
  const { accountId } = c.var.auth;
  const nowSeconds = Math.floor(Date.now() / 1000);
  const windowStart = nowSeconds - (nowSeconds % limit.seconds);
  const db = catalog(c.env.DB);
  const [row] = await db
    .insert(requestCounts)
    .values({ accountId, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: [requestCounts.accountId, requestCounts.windowStart],
      set: { count: sql`${requestCounts.count} + 1` },
    })
    .returning({ count: requestCounts.count });
  const count = row?.count ?? 1;
  // The first request of a window drops the account's older windows.
  if (count === 1) {
    await db
      .delete(requestCounts)
      .where(and(eq(requestCounts.accountId, accountId), lt(requestCounts.windowStart, windowStart)));
  }
  const remaining = Math.max(0, limit.requests - count);
  const reset = windowStart + limit.seconds - nowSeconds;
  if (count > limit.requests) {
    throw new ApiError(
      429,
      "TooManyRequests",
      `Rate limit of ${limit.requests} requests per ${limit.seconds} seconds exceeded for this account; retry after ${reset} seconds`,
      {
        "Retry-After": String(Math.max(1, reset)),
        "X-RateLimit-Limit": String(limit.requests),
        "X-RateLimit-Remaining": "0",
      },
    );
  }
  c.header("X-RateLimit-Limit", String(limit.requests));
  c.header("X-RateLimit-Remaining", String(remaining));
  return next();
};

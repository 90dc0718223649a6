import type { Context } from "hono";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { sha256Hex } from "../lib/crypto";

/**
 * Throttling of failed authentication (Basic on /v1, Bearer on /operator), per API key and per
 * client address.
 *
 * - Failures are counted by the Workers Rate Limiting binding `AUTH_FAILURES` (wrangler.toml:
 *   `simple = { limit, period }`). Successful requests are never counted.
 * - When a counter goes over its limit, a block marker for `period` seconds is put in the Cache
 *   API under a synthetic URL. The marker is checked BEFORE credentials are verified, so while a
 *   key or address is blocked even the right secret answers 429: otherwise an attacker would
 *   keep guessing at full speed and learn the secret from the one 200 among the 429s.
 *
 * Both stores are per Cloudflare location (colo) in production: the rate limiter counts per
 * location and the Cache API does not replicate, so a client reaching several locations gets a
 * budget in each. The Cache API also does nothing on `*.workers.dev` (Cloudflare docs): there the
 * over-limit failures still answer 429, but a block does not outlast them; serve the API from a
 * custom domain. Locally (wrangler dev, tests) both are embedded in miniflare.
 */

const MARKER_ORIGIN = "https://auth-throttle.fivetran.do.internal";
const BLOCKED_UNTIL = "x-blocked-until";

/**
 * The counters a failure from this request adds to. The address is `CF-Connecting-IP`, which
 * Cloudflare (and wrangler dev) always sets; a request without one (a test calling the Worker
 * directly) has no address counter. Keys are hashed: they are user input of any length.
 */
export async function throttleKeys(c: Context<AppEnv>, apiKey?: string): Promise<string[]> {
  const keys: string[] = [];
  if (apiKey !== undefined) keys.push(`key:${(await sha256Hex(apiKey)).slice(0, 32)}`);
  const address = c.req.header("cf-connecting-ip")?.trim();
  if (address) keys.push(`ip:${address.slice(0, 64)}`);
  return keys;
}

function markerUrl(key: string): string {
  return `${MARKER_ORIGIN}/${encodeURIComponent(key)}`;
}

function tooManyAttempts(retryAfter: number): ApiError {
  return new ApiError(
    429,
    "TooManyRequests",
    `Too many failed authentication attempts; retry after ${retryAfter} seconds`,
    { "Retry-After": String(retryAfter) },
  );
}

/** Throws 429 when any of `keys` is blocked; otherwise returns. */
export async function assertNotBlocked(keys: string[]): Promise<void> {
  const now = Date.now();
  // Every authenticated request pays these lookups: in parallel, one round trip.
  const markers = await Promise.all(keys.map((key) => caches.default.match(markerUrl(key))));
  let wait = 0;
  for (const marker of markers) {
    if (!marker) continue;
    await marker.body?.cancel();
    const seconds = Math.ceil((Number(marker.headers.get(BLOCKED_UNTIL)) - now) / 1000);
    if (Number.isFinite(seconds)) wait = Math.max(wait, seconds);
  }
  if (wait > 0) throw tooManyAttempts(wait);
}

/** `simple.period` of the AUTH_FAILURES binding in wrangler.toml (the binding cannot report it). */
export const AUTH_FAILURE_PERIOD_SECONDS = 60;

/**
 * Counts one failed authentication against `keys`. When a counter is over its limit, blocks
 * that key for the period and throws 429; otherwise returns (the caller answers 401).
 */
export async function recordFailure(c: Context<AppEnv>, keys: string[]): Promise<void> {
  const limiter = c.env.AUTH_FAILURES;
  // Without the binding (a deployment that removed it) failures are simply not throttled.
  if (!limiter) return;
  const period = AUTH_FAILURE_PERIOD_SECONDS;
  let blocked = false;
  for (const key of keys) {
    const { success } = await limiter.limit({ key });
    if (success) continue;
    blocked = true;
    const until = Date.now() + period * 1000;
    await caches.default.put(
      markerUrl(key),
      new Response(null, { headers: { "Cache-Control": `max-age=${period}`, [BLOCKED_UNTIL]: String(until) } }),
    );
  }
  if (blocked) throw tooManyAttempts(period);
}

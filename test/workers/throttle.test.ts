/**
 * Throttling of repeated failed authentication (issue #9 §5): the AUTH_FAILURES rate limiter
 * (wrangler.toml, limit 10 per 60 s) counts failures per key and per CF-Connecting-IP; over the
 * limit a block marker in the Cache API answers 429 with Retry-After, even for the right secret.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { AUTH_FAILURE_PERIOD_SECONDS } from "../../src/middleware/throttle";
import { basic, call, newAccount, OPERATOR } from "./helpers";

const LIMIT = 10;

/** A documentation address (RFC 3849) of its own: the limiter and the cache outlive a test. */
function address(): string {
  const hex = () => Math.floor(Math.random() * 0x10000).toString(16);
  return `2001:db8::${hex()}:${hex()}:${hex()}`;
}

function keyOf(auth: string): string {
  return atob(auth.replace(/^Basic /, "")).split(":")[0] as string;
}

function get(auth: string, ip?: string, path = "/v1/groups") {
  return call("GET", path, { auth, headers: ip ? { "cf-connecting-ip": ip } : {} });
}

/**
 * Sends failures until one answers 429. The limiter's windows are aligned to the wall clock, so a
 * window may roll over mid-way: allow up to two windows' worth, and require at least LIMIT 401s first.
 */
async function failUntilBlocked(next: () => Promise<Awaited<ReturnType<typeof call>>>) {
  let unauthorized = 0;
  for (let attempt = 1; attempt <= 2 * LIMIT + 1; attempt++) {
    const res = await next();
    if (res.status === 429) return { res, unauthorized };
    expect(res.status).toBe(401);
    unauthorized++;
  }
  throw new Error(`no 429 after ${2 * LIMIT + 1} failures`);
}

function expectTooMany(res: Awaited<ReturnType<typeof call>>) {
  expect(res.status).toBe(429);
  expect(res.json).toEqual({ code: "TooManyRequests", message: expect.stringMatching(/retry after \d+ seconds/) });
  const retryAfter = res.headers.get("retry-after");
  expect(retryAfter).toMatch(/^\d+$/);
  expect(Number(retryAfter)).toBeGreaterThan(0);
  expect(Number(retryAfter)).toBeLessThanOrEqual(AUTH_FAILURE_PERIOD_SECONDS);
}

describe("failed authentication throttling", () => {
  it("has the binding in the test Worker, as in wrangler.toml", () => {
    expect(typeof env.AUTH_FAILURES?.limit).toBe("function");
  });

  it("answers 429 with Retry-After after repeated wrong secrets, then 429 for the right secret too", async () => {
    const good = await newAccount("throttle key");
    const key = keyOf(good);
    const ip = address();
    const { res, unauthorized } = await failUntilBlocked(() => get(basic(key, "wrong secret"), ip));
    expect(unauthorized).toBeGreaterThanOrEqual(LIMIT);
    expectTooMany(res);
    // Blocked: the right secret is refused before it is checked, from this address or any other.
    expectTooMany(await get(good, ip));
    expectTooMany(await get(good, address()));
    expectTooMany(await get(good));
  });

  it("leaves a different key from a different address alone", async () => {
    const victim = await newAccount("throttle victim");
    const bystander = await newAccount("throttle bystander");
    const ip = address();
    await failUntilBlocked(() => get(basic(keyOf(victim), "wrong"), ip));
    const other = await get(bystander, address());
    expect(other.status).toBe(200);
    expect(other.json.code).toBe("Success");
  });

  it("blocks an address for every key once it fails too often, even with distinct keys", async () => {
    const good = await newAccount("throttle address");
    const ip = address();
    let n = 0;
    // Every attempt uses a new unknown key: only the address counter can trip.
    const { res } = await failUntilBlocked(() => get(basic(`unknown_${crypto.randomUUID()}_${n++}`, "x"), ip));
    expectTooMany(res);
    expectTooMany(await get(good, ip));
    // The key itself is not blocked: from another address it works.
    expect((await get(good, address())).status).toBe(200);
  });

  it("never counts successes or requests without credentials", async () => {
    const good = await newAccount("throttle success");
    const ip = address();
    for (let i = 0; i < 2 * LIMIT + 2; i++) {
      expect((await get(good, ip)).status).toBe(200);
      expect((await get("", ip)).status).toBe(401);
    }
  });

  it("throttles the operator API's failures per address", async () => {
    const ip = address();
    const { res } = await failUntilBlocked(() => get("Bearer wrong-operator-secret", ip, "/operator/accounts"));
    expectTooMany(res);
    expectTooMany(await get(OPERATOR, ip, "/operator/accounts"));
    // The same address is blocked on /v1 too; another address still reaches the operator API.
    expectTooMany(await get(await newAccount("throttle operator"), ip));
    const created = await call("POST", "/operator/accounts", {
      auth: OPERATOR,
      body: { name: "throttle operator elsewhere" },
      headers: { "cf-connecting-ip": address() },
    });
    expect(created.status).toBe(201);
  });
});

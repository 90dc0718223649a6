/**
 * Faults a vendor fake can be told to inject, shared by the SaaS fakes (stripe, hubspot,
 * salesforce, shopify): a storm of rate-limit answers with a server-chosen wait, a record of
 * every request that came back before the wait it was given (a client that does not honour
 * Retry-After shows up in `early`), and malformed answers (a body cut off mid-JSON, an HTML
 * error page with status 200, JSON of the wrong shape) for chosen requests.
 *
 * The vendor decides what a throttled answer looks like (its own envelope and headers); this
 * only decides when one is due.
 */
import type { RouteContext } from "./fake-router";

export type Malformation = "truncated" | "html" | "shape";

interface Storm {
  remaining: number;
  retryAfterSeconds: number;
  match: (url: URL, body: string) => boolean;
}

interface Malform {
  kind: Malformation;
  remaining: number;
  match: (url: URL, body: string) => boolean;
}

/** Milliseconds a client may come back early without counting (timer granularity). */
const SLACK_MS = 25;

export class Faults {
  /** Rate-limit answers sent (storms and repeats to early callers). */
  throttled = 0;
  /** Requests that arrived before the Retry-After they had been given had passed. */
  early = 0;
  private notBefore = 0;
  private storms: Storm[] = [];
  private malforms: Malform[] = [];

  constructor(private readonly clock: () => number = Date.now) {}

  /** The next `count` requests matching `match` are throttled, each asking for `retryAfterSeconds`. */
  storm(count: number, retryAfterSeconds: number, match: (url: URL, body: string) => boolean = () => true): void {
    this.storms.push({ remaining: count, retryAfterSeconds, match });
  }

  /** The next `count` answers to requests matching `match` are malformed as `kind`. */
  malform(kind: Malformation, match: (url: URL, body: string) => boolean = () => true, count = 1): void {
    this.malforms.push({ kind, remaining: count, match });
  }

  /** Clears pending storms and malformations (not the counters). */
  clear(): void {
    this.storms = [];
    this.malforms = [];
    this.notBefore = 0;
  }

  /**
   * Whether this request must be throttled, and for how many seconds. A request arriving
   * before an earlier wait has passed is counted as early and throttled again (as a real
   * limiter would), without using up the storm.
   */
  throttle(ctx: Pick<RouteContext, "url" | "body">): number | undefined {
    const now = this.clock();
    if (now + SLACK_MS < this.notBefore) {
      this.early += 1;
      this.throttled += 1;
      return Math.max(1, Math.ceil((this.notBefore - now) / 1000));
    }
    const storm = this.storms.find((s) => s.remaining > 0 && s.match(ctx.url, ctx.body));
    if (!storm) return undefined;
    storm.remaining -= 1;
    this.throttled += 1;
    this.notBefore = now + storm.retryAfterSeconds * 1000;
    return storm.retryAfterSeconds;
  }

  /**
   * Records a wait the vendor asked for outside a storm (its own limiter), so a client coming
   * back sooner counts as early.
   */
  waitAsked(seconds: number): void {
    this.notBefore = Math.max(this.notBefore, this.clock() + seconds * 1000);
  }

  /** The answer as sent, or a malformed version of it when one is due for this request. */
  async apply(url: URL, body: string, response: Response): Promise<Response> {
    const due = this.malforms.find((m) => m.remaining > 0 && m.match(url, body));
    if (!due || response.status >= 400) return response;
    due.remaining -= 1;
    const text = await response.text();
    const headers = new Headers(response.headers);
    headers.delete("content-length");
    switch (due.kind) {
      case "truncated":
        // The connection dropped mid-body: valid JSON up to a point, then nothing.
        return new Response(text.slice(0, Math.max(1, Math.floor(text.length / 2))), { status: 200, headers });
      case "html":
        headers.set("Content-Type", "text/html; charset=utf-8");
        return new Response("<html><body><h1>502 Bad Gateway</h1></body></html>", { status: 200, headers });
      case "shape":
        return new Response(JSON.stringify({ unexpected: true }), { status: 200, headers });
    }
  }
}

/**
 * The HTTP client every API source (stripe, hubspot, shopify, salesforce, rest, graphql,
 * manifest-driven) reads with: `request(url, init)` with a per-request timeout; retries of
 * 429, 408, 5xx and network errors with exponential backoff and full jitter, honouring
 * `Retry-After` (seconds or an HTTP date) and the common rate-limit reset headers; a cap on
 * retries and on the total time spent waiting; an auth hook that may refresh its credential
 * once after a 401; the caller's abort signal; bodies read with a size cap. Paging helpers
 * (async generators) cover the common styles: a cursor or next token in the body, a next URL
 * in the body, `Link: <…>; rel="next"`, offset/limit and page numbers.
 *
 * Failures are the engine's classes (../errors.ts): TransientError (retries exhausted on
 * 5xx, a timeout or a network error), RateLimitedError (still throttled, or asked to wait
 * longer than allowed: `retryAfterMs` says how long), AuthError (401 after a refresh, 403),
 * ConfigurationError (other 4xx, a bad URL, a body over the cap). Messages name the method,
 * host and path — never the query string, a header, or a credential — and at most a short,
 * sanitised excerpt of the remote body.
 *
 * Written by hand: the well-kept retry libraries (p-retry, ky, got) either assume Node or a
 * global fetch, and none combines Retry-After, vendor reset headers, a total wait budget and
 * an injectable clock and sleep; the paging styles are a few lines each.
 */
import { AuthError, ConfigurationError, RateLimitedError, TransientError } from "../errors";
import { apiErrorMessage } from "./api-auth";
import { excerpt } from "./egress";
import { readCapped } from "./http";

// ---------------------------------------------------------------------------------------
// Options.

/** Credentials for each attempt, and an optional refresh after a 401. */
export interface HttpAuthHook {
  /** Sets the credential headers on an attempt (called before every attempt, so a refreshed token is used). */
  apply(headers: Headers): void | Promise<void>;
  /** Called at most once per request, after its first 401; the request is then sent again. */
  refresh?(): Promise<void>;
}

/** A bearer token (fixed, or from a provider such as a token cache) with an optional refresh. */
export function bearerAuth(
  token: string | (() => string | Promise<string>),
  refresh?: () => Promise<void>,
): HttpAuthHook {
  return {
    async apply(headers) {
      headers.set("Authorization", `Bearer ${typeof token === "string" ? token : await token()}`);
    },
    refresh,
  };
}

/** Fixed credential headers (say, toolkit/api-auth's `apiAuthHeaders(config)`). */
export function headerAuth(credentials: Record<string, string>): HttpAuthHook {
  return {
    apply(headers) {
      for (const [name, value] of Object.entries(credentials)) headers.set(name, value);
    },
  };
}

/** What the client reports before each wait (for the connector's log). */
export interface RetryEvent {
  method: string;
  /** Host and path of the request (no query string). */
  target: string;
  /** 1 for the first retry. */
  attempt: number;
  waitMs: number;
  /** The status, or the network failure, that caused the retry. */
  reason: string;
}

export interface HttpClientOptions {
  /** The connector context's fetch (never a global). */
  fetch: typeof fetch;
  /** Aborts the request in flight and any wait (the connector context's signal). */
  signal?: AbortSignal;
  /** Relative request URLs resolve against it. */
  baseUrl?: string;
  /** Headers sent with every request (User-Agent, Accept, an API version…). */
  headers?: Record<string, string>;
  auth?: HttpAuthHook;
  /** Who answers, for messages ("Stripe"); the host by default. */
  vendor?: string;
  /** Per attempt, headers and body; default 30 s. */
  timeoutMs?: number;
  /** Retries after the first attempt; default 5. */
  maxRetries?: number;
  /** The first backoff ceiling; default 500 ms, doubling per retry. */
  baseDelayMs?: number;
  /** The longest single wait; a server asking for longer gets a RateLimitedError instead; default 60 s. */
  maxDelayMs?: number;
  /** The most time all waits of one request may take together; default 5 min. */
  maxTotalWaitMs?: number;
  /** The largest body read, in bytes; default 16 MiB. */
  maxBodyBytes?: number;
  /** The vendor's words in an error body; by default `{message}`, `{error: {message}}` and the like. */
  errorMessage?(body: unknown, response: Response): string | undefined;
  /**
   * A vendor-specific verdict on a non-2xx answer, taking precedence over the generic one
   * (Salesforce's 403 REQUEST_LIMIT_EXCEEDED is a RateLimitedError). A TransientError it
   * returns is retried like any other. Return undefined to fall through.
   */
  classify?(response: Response, message: string | undefined): Error | undefined;
  /** Waits; injectable so tests need not wait. Must reject when `signal` aborts. */
  sleep?(ms: number, signal?: AbortSignal): Promise<void>;
  /** A number in [0, 1) for jitter; Math.random by default. */
  random?(): number;
  /** The clock HTTP dates and reset times are judged by; the system clock by default. */
  now?(): Date;
  onRetry?(event: RetryEvent): void;
  /**
   * A pause shared by every request of the clients holding the same object (a stream's
   * concurrent slices): once one is rate limited with a wait, the others hold off until its
   * wait has passed and its next attempt came back, instead of running into the limit again.
   */
  pause?: { hold?: Promise<void> };
  /**
   * A verdict on every answer, 2xx included, once its body is read (a non-2xx body up to 8 KiB):
   * `retry` and `rate_limited` retry it (within the same budgets), `fail` fails it (an AuthError
   * for 401/403), `ignore` returns it as an empty answer marked `ignored`, `success` accepts a
   * non-2xx answer. Undefined falls through to the generic handling. The declarative engine's
   * DefaultErrorHandler response filters are this.
   */
  inspect?(answer: { status: number; headers: Headers; text: string; url: string }): InspectVerdict | undefined;
  /**
   * The wait before retry number `retry` (0 for the first), given the failed answer's headers
   * (none after a network error); undefined uses the server's hint, else the jittered backoff.
   */
  backoff?(retry: number, headers: Headers | undefined): number | undefined;
}

/** What {@link HttpClientOptions.inspect} decides. */
export interface InspectVerdict {
  action: "retry" | "rate_limited" | "fail" | "ignore" | "success";
  /** The message for a failure (sanitised by the client); the generic one when absent. */
  message?: string;
  /**
   * What a `fail` is (Airbyte's `failure_type`): `transient_error` a TransientError (the run
   * fails and is tried again later, not within it), `config_error` a ConfigurationError; by
   * the status otherwise (an AuthError for 401/403).
   */
  failureType?: "system_error" | "config_error" | "transient_error";
}

/** `RequestInit` plus per-request limits. A body must be resendable (a string or bytes, not a stream): retries send it again. */
export interface HttpRequestInit extends RequestInit {
  timeoutMs?: number;
  maxBodyBytes?: number;
}

/** An answer whose body has been read (up to the cap). */
export interface HttpResponse {
  status: number;
  headers: Headers;
  /** The final URL (after redirects). */
  url: string;
  text: string;
  /** The body parsed as JSON; a ConfigurationError if it is not JSON. */
  json<T = unknown>(): T;
  /** `inspect` said to ignore this answer (its `text` is empty). */
  ignored?: boolean;
}

const DEFAULTS = {
  timeoutMs: 30_000,
  maxRetries: 5,
  baseDelayMs: 500,
  maxDelayMs: 60_000,
  maxTotalWaitMs: 5 * 60_000,
  maxBodyBytes: 16 << 20,
};

/** The part of an error body read for a message. */
const ERROR_BODY_BYTES = 8192;
/** The longest excerpt of a remote body in a message. */
const EXCERPT_CHARS = 200;

// ---------------------------------------------------------------------------------------
// Waits.

/** A sleep that rejects with the signal's reason when it aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * How long the server asks us to wait, in ms: `Retry-After` (delta-seconds or an HTTP date),
 * else a rate-limit reset header — `RateLimit-Reset` (IETF draft: delta-seconds) or
 * `X-RateLimit-Reset` / `X-Rate-Limit-Reset` (epoch seconds as GitHub and Shopify send, epoch
 * milliseconds, or delta-seconds when small, as others send). Undefined when none is usable.
 */
export function serverWaitMs(headers: Headers, now: Date): number | undefined {
  const retryAfter = headers.get("Retry-After")?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.ceil(Number(retryAfter) * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now.getTime());
  }
  const draft = headers.get("RateLimit-Reset")?.trim();
  if (draft && /^\d+(\.\d+)?$/.test(draft)) return Math.ceil(Number(draft) * 1000);
  const reset = (headers.get("X-RateLimit-Reset") ?? headers.get("X-Rate-Limit-Reset"))?.trim();
  if (reset && /^\d+(\.\d+)?$/.test(reset)) {
    const value = Number(reset);
    if (value > 1e12) return Math.max(0, Math.ceil(value - now.getTime())); // epoch ms
    if (value > 1e9) return Math.max(0, Math.ceil(value * 1000 - now.getTime())); // epoch s
    return Math.ceil(value * 1000); // delta-seconds
  }
  return undefined;
}

/** Full jitter (AWS's "Exponential Backoff and Jitter"): uniform in [0, min(max, base·2^retry)). */
export function backoffMs(retry: number, baseDelayMs: number, maxDelayMs: number, random: () => number): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(retry, 30));
  return Math.floor(random() * ceiling);
}

// ---------------------------------------------------------------------------------------
// Messages.

/** Host and path of a URL: what a message may name (query strings carry keys). */
function target(url: URL): string {
  return `${url.host}${url.pathname}`;
}

/**
 * A remote body (or error text) fit for a message: markup and control characters stripped and
 * whitespace collapsed ({@link excerpt}), every `secrets` value and anything shaped like a
 * credential (`Bearer …`, `key=…`, URL query strings) replaced, cut to `max` (≤ 200) characters.
 */
export function sanitizeExcerpt(text: string, secrets: readonly string[] = [], max = EXCERPT_CHARS): string {
  let out = excerpt(text, Number.POSITIVE_INFINITY);
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join("****");
  }
  out = out
    .replace(/\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]+/gi, "$1 ****")
    .replace(
      /\b(access_token|refresh_token|id_token|token|api_key|apikey|key|secret|client_secret|password|signature|sig)=[^&\s"']+/gi,
      "$1=****",
    )
    .replace(/(https?:\/\/[^\s?"']+)\?[^\s"']*/gi, "$1");
  return excerpt(out, Math.min(max, EXCERPT_CHARS));
}

// ---------------------------------------------------------------------------------------
// The client.

/** Thrown inside an attempt: the error, and whether another attempt may help. */
interface Failure {
  error: Error;
  retryable: boolean;
  /** The server's hint, when it gave one. */
  waitMs?: number;
  reason: string;
  /** The HTTP status, when there was an answer. */
  status?: number;
  /** The answer's headers, when there was one (for a custom backoff). */
  headers?: Headers;
}

export class HttpClient {
  private readonly o: HttpClientOptions &
    typeof DEFAULTS & {
      sleep(ms: number, signal?: AbortSignal): Promise<void>;
      random(): number;
      now(): Date;
    };

  constructor(options: HttpClientOptions) {
    this.o = {
      ...DEFAULTS,
      sleep: abortableSleep,
      random: Math.random,
      now: () => new Date(),
      ...(Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as HttpClientOptions),
    };
  }

  /** A client with some options replaced (another vendor name, a longer timeout…). */
  with(options: Partial<HttpClientOptions>): HttpClient {
    return new HttpClient({ ...this.o, ...options });
  }

  /**
   * Sends a request until it succeeds (2xx, or a 3xx fetch did not follow) or a failure is
   * final, and returns the answer with its body read. Throws the engine's error classes; an
   * abort of the signal rejects with the signal's reason.
   */
  async request(input: string | URL, init: HttpRequestInit = {}): Promise<HttpResponse> {
    const url = this.resolve(input);
    const method = (init.method ?? "GET").toUpperCase();
    let retries = 0;
    let waited = 0;
    let refreshed = false;
    const pause = this.o.pause;
    // The pause this request holds: it was rate limited, and its next attempt is the probe the
    // others wait for (so they do not all come back at once when the wait ends).
    let own: { promise: Promise<void>; release: () => void } | undefined;
    const releaseOwn = () => {
      if (!own) return;
      if (pause?.hold === own.promise) pause.hold = undefined;
      own.release();
      own = undefined;
    };
    try {
      for (;;) {
        this.o.signal?.throwIfAborted();
        while (pause?.hold && pause.hold !== own?.promise) await pause.hold;
        const secrets: string[] = [];
        let outcome: HttpResponse | Failure;
        try {
          outcome = await this.attempt(url, method, init, secrets);
        } catch (error) {
          if (this.o.signal?.aborted) throw this.o.signal.reason;
          throw error;
        }
        if (!("retryable" in outcome)) return outcome;
        const failure = outcome;
        if (failure.status === 401) {
          if (this.o.auth?.refresh && !refreshed) {
            refreshed = true;
            await this.o.auth.refresh();
            continue;
          }
          throw failure.error;
        }
        if (!failure.retryable) throw failure.error;
        const hint = failure.waitMs;
        const custom = this.o.backoff?.(retries, failure.headers);
        const wait = custom ?? hint ?? backoffMs(retries, this.o.baseDelayMs, this.o.maxDelayMs, this.o.random);
        const outOfBudget =
          retries >= this.o.maxRetries || wait > this.o.maxDelayMs || waited + wait > this.o.maxTotalWaitMs;
        if (outOfBudget) throw finalError(failure, hint, retries);
        retries++;
        waited += wait;
        this.o.onRetry?.({ method, target: target(url), attempt: retries, waitMs: wait, reason: failure.reason });
        if (pause && failure.error instanceof RateLimitedError) {
          const previous = own;
          let release = () => {};
          const promise = new Promise<void>((resolve) => {
            release = resolve;
          });
          own = { promise, release };
          pause.hold = promise;
          previous?.release();
        } else {
          releaseOwn();
        }
        await this.o.sleep(wait, this.o.signal);
      }
    } finally {
      releaseOwn();
    }
  }

  /** `request` and the body as JSON. */
  async json<T = unknown>(input: string | URL, init: HttpRequestInit = {}): Promise<T> {
    const headers = new Headers(init.headers);
    if (!headers.has("Accept")) headers.set("Accept", "application/json");
    return (await this.request(input, { ...init, headers })).json<T>();
  }

  /** `input` resolved against the base URL; a ConfigurationError when it is not a URL. */
  resolve(input: string | URL): URL {
    try {
      return new URL(input, this.o.baseUrl);
    } catch {
      throw new ConfigurationError(`not a valid URL: ${sanitizeExcerpt(String(input), [], 100)}`, "invalid_url");
    }
  }

  private who(url: URL): string {
    return this.o.vendor ?? url.host;
  }

  /** One attempt: the answer, or why it failed. Only an abort of the caller's signal throws. */
  private async attempt(
    url: URL,
    method: string,
    init: HttpRequestInit,
    secrets: string[],
  ): Promise<HttpResponse | Failure> {
    const { timeoutMs: perRequestTimeout, maxBodyBytes: perRequestCap, ...requestInit } = init;
    const headers = new Headers(this.o.headers);
    for (const [name, value] of new Headers(init.headers)) headers.set(name, value);
    if (this.o.auth) {
      const before = new Map(headers);
      await this.o.auth.apply(headers);
      for (const [name, value] of headers) {
        if (before.get(name) !== value) secrets.push(value, ...value.split(/\s+/).slice(1));
      }
    }
    const timeoutMs = perRequestTimeout ?? this.o.timeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = this.o.signal ? AbortSignal.any([this.o.signal, timeout]) : timeout;
    const where = `${method} ${target(url)}`;
    const timedOut = (): Failure => ({
      error: new TransientError(
        `${this.who(url)} did not answer ${where} within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}`,
      ),
      retryable: true,
      reason: "timeout",
    });

    let response: Response;
    try {
      // Called unbound: workerd rejects its own fetch invoked with a foreign `this`.
      const send = this.o.fetch;
      response = await send(url, { ...requestInit, method, headers, signal });
    } catch (error) {
      if (this.o.signal?.aborted) throw this.o.signal.reason;
      if (timeout.aborted) return timedOut();
      // The egress guard refused the host or a redirect hop: no retry changes that.
      if (error instanceof ConfigurationError) return { error, retryable: false, reason: "refused" };
      if (error instanceof TransientError) return { error, retryable: true, reason: "network error" };
      const detail = sanitizeExcerpt((error as Error)?.message ?? String(error), secrets, 120);
      return {
        error: new TransientError(`Could not reach ${this.who(url)} for ${where}: ${detail}`, undefined, {
          cause: error,
        }),
        retryable: true,
        reason: "network error",
      };
    }

    if (response.status >= 200 && response.status < 400) {
      const cap = perRequestCap ?? this.o.maxBodyBytes;
      const tooLarge = () =>
        new ConfigurationError(
          `${this.who(url)} answered ${where} with a body over ${cap} bytes; ask for smaller pages`,
          "response_too_large",
        );
      const declared = Number(response.headers.get("Content-Length"));
      if (Number.isFinite(declared) && declared > cap) {
        await response.body?.cancel().catch(() => {});
        return { error: tooLarge(), retryable: false, reason: "too large" };
      }
      let text: string;
      try {
        text = await readCapped(response, cap + 1);
      } catch (error) {
        if (this.o.signal?.aborted) throw this.o.signal.reason;
        if (timeout.aborted) return timedOut();
        return {
          error: new TransientError(`${this.who(url)}'s answer to ${where} broke off`, undefined, { cause: error }),
          retryable: true,
          reason: "body broke off",
        };
      }
      if (text.length > cap / 3 && new TextEncoder().encode(text).byteLength > cap) {
        return { error: tooLarge(), retryable: false, reason: "too large" };
      }
      const verdict = this.o.inspect?.({ status: response.status, headers: response.headers, text, url: response.url });
      if (verdict && verdict.action !== "success") {
        return this.verdictOutcome(verdict, response, text, url, where, secrets);
      }
      return answer(response, text, this.who(url), where, url);
    }

    const raw = await readCapped(response, ERROR_BODY_BYTES).catch(() => "");
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      // Not JSON: the text is the message.
    }
    const verdict = this.o.inspect?.({
      status: response.status,
      headers: response.headers,
      text: raw,
      url: response.url,
    });
    if (verdict?.action === "success") return answer(response, raw, this.who(url), where, url);
    if (verdict) return this.verdictOutcome(verdict, response, raw, url, where, secrets);
    const said = this.o.errorMessage?.(body, response) ?? apiErrorMessage(body);
    const quoted = said ? sanitizeExcerpt(said, secrets) : "";
    const message = `${this.who(url)} answered HTTP ${response.status} to ${where}${quoted ? `: ${quoted}` : ""}`;
    const custom = this.o.classify?.(response, quoted || undefined);
    const hint = serverWaitMs(response.headers, this.o.now());
    const status = response.status;
    if (custom) {
      const retryable = custom instanceof TransientError;
      const waitMs = custom instanceof TransientError ? (custom.retryAfterMs ?? hint) : undefined;
      // A custom verdict on a 401 is final: the refresh is for the generic credential failure.
      return { error: custom, retryable, waitMs, reason: `HTTP ${status}` };
    }
    const reason = `HTTP ${status}`;
    if (status === 401 || status === 403) return { error: new AuthError(message), retryable: false, reason, status };
    if (status === 429) {
      return {
        error: new RateLimitedError(message, hint),
        retryable: true,
        waitMs: hint,
        reason,
        status,
        headers: response.headers,
      };
    }
    if (status === 408 || status >= 500) {
      return {
        error: new TransientError(message, hint),
        retryable: true,
        waitMs: hint,
        reason,
        status,
        headers: response.headers,
      };
    }
    return { error: new ConfigurationError(message, `http_${status}`), retryable: false, reason, status };
  }

  /** The outcome of an `inspect` verdict other than success. */
  private verdictOutcome(
    verdict: InspectVerdict,
    response: Response,
    text: string,
    url: URL,
    where: string,
    secrets: string[],
  ): HttpResponse | Failure {
    const status = response.status;
    if (verdict.action === "ignore") {
      return { ...answer(response, "", this.who(url), where, url), ignored: true };
    }
    let said = verdict.message;
    if (!said) {
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // Not JSON: the text is the message.
      }
      said = this.o.errorMessage?.(body, response) ?? apiErrorMessage(body);
    }
    const quoted = said ? sanitizeExcerpt(said, secrets) : "";
    const message = `${this.who(url)} answered HTTP ${status} to ${where}${quoted ? `: ${quoted}` : ""}`;
    const hint = serverWaitMs(response.headers, this.o.now());
    const reason = `HTTP ${status}`;
    const headers = response.headers;
    if (verdict.action === "rate_limited") {
      return { error: new RateLimitedError(message, hint), retryable: true, waitMs: hint, reason, headers };
    }
    if (verdict.action === "retry") {
      return { error: new TransientError(message, hint), retryable: true, waitMs: hint, reason, headers };
    }
    if (verdict.failureType === "transient_error") {
      return { error: new TransientError(message, hint), retryable: false, reason, status };
    }
    if (verdict.failureType === "config_error") {
      return { error: new ConfigurationError(message, `http_${status}`), retryable: false, reason, status };
    }
    if (status === 401 || status === 403) return { error: new AuthError(message), retryable: false, reason, status };
    return { error: new ConfigurationError(message, `http_${status}`), retryable: false, reason };
  }
}

/** The error a request gives up with: the last failure, carrying the server's wait hint. */
function finalError(failure: Failure, hint: number | undefined, retries: number): Error {
  const { error } = failure;
  const suffix = retries > 0 ? ` (after ${retries} ${retries === 1 ? "retry" : "retries"})` : "";
  if (error instanceof RateLimitedError) {
    return new RateLimitedError(`${error.message}${suffix}`, hint ?? error.retryAfterMs, { cause: error.cause });
  }
  if (error instanceof TransientError) {
    return new TransientError(`${error.message}${suffix}`, hint ?? error.retryAfterMs, { cause: error.cause });
  }
  return error;
}

function answer(response: Response, text: string, who: string, where: string, sent: URL): HttpResponse {
  return {
    status: response.status,
    headers: response.headers,
    // A Response built by hand (a fake, a cache) has no url: the one requested, then.
    url: response.url || sent.href,
    text,
    json<T>() {
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new ConfigurationError(`${who} answered ${where} with a body that is not JSON`, "invalid_response");
      }
    },
  };
}

/** A client for a connector: `new HttpClient(...)` under a shorter name. */
export function httpClient(options: HttpClientOptions): HttpClient {
  return new HttpClient(options);
}

// ---------------------------------------------------------------------------------------
// Paging.

/** One page of a listing. */
export interface Page<T> {
  items: T[];
  /** The parsed body of the page. */
  body: unknown;
  response: HttpResponse;
  /** 0 for the first page. */
  index: number;
}

interface PagingBase<T> {
  /** The first page's URL (relative URLs resolve against the client's baseUrl). */
  url: string | URL;
  init?: HttpRequestInit;
  /** The records of a page's body. */
  items(body: unknown, response: HttpResponse): T[];
  /** Stop after this many pages; default 100 000 (a guard against a server that never ends). */
  maxPages?: number;
}

function withParams(url: URL, params: Record<string, string | number>): URL {
  const next = new URL(url);
  for (const [name, value] of Object.entries(params)) next.searchParams.set(name, String(value));
  return next;
}

async function* walk<T>(
  client: HttpClient,
  options: PagingBase<T>,
  first: URL,
  next: (page: Page<T>, url: URL) => { url: URL; init?: HttpRequestInit } | undefined,
): AsyncGenerator<Page<T>> {
  const maxPages = options.maxPages ?? 100_000;
  let request: { url: URL; init?: HttpRequestInit } | undefined = { url: first, init: options.init };
  const seen = new Set<string>();
  for (let index = 0; request && index < maxPages; index++) {
    const key = `${request.url.href}\n${typeof request.init?.body === "string" ? request.init.body : ""}`;
    if (seen.has(key)) {
      throw new ConfigurationError(
        `${request.url.host} pointed at the same page twice (${target(request.url)}); paging stopped`,
        "paging_loop",
      );
    }
    seen.add(key);
    const response = await client.request(request.url, request.init);
    const body = response.text ? response.json() : undefined;
    const page: Page<T> = { items: options.items(body, response), body, response, index };
    yield page;
    request = next(page, request.url);
  }
}

function firstUrl(client: HttpClient, url: string | URL): URL {
  return client.resolve(url);
}

/**
 * A cursor or next token in the body (Stripe's `starting_after` of the last id, Google's
 * `nextPageToken`, HubSpot's `paging.next.after`, GraphQL's `endCursor`): `cursor(body)`
 * gives the next cursor (undefined, null or "" at the end); by default it goes in the query
 * parameter `param`, or `apply` places it (a POST body for GraphQL).
 */
export function paginateCursor<T>(
  client: HttpClient,
  options: PagingBase<T> & {
    cursor(body: unknown, items: T[]): string | number | null | undefined;
    param?: string;
    apply?(cursor: string, url: URL, init: HttpRequestInit | undefined): { url: URL; init?: HttpRequestInit };
  },
): AsyncGenerator<Page<T>> {
  const first = firstUrl(client, options.url);
  return walk(client, options, first, (page) => {
    const cursor = options.cursor(page.body, page.items);
    if (cursor === undefined || cursor === null || cursor === "") return undefined;
    if (options.apply) return options.apply(String(cursor), first, options.init);
    return { url: withParams(first, { [options.param ?? "cursor"]: cursor }), init: options.init };
  });
}

/**
 * A next-page URL in the body (Salesforce's `nextRecordsUrl`, HubSpot's `paging.next.link`,
 * `next` of DRF-style APIs); relative URLs resolve against the page's URL.
 */
export function paginateNextUrl<T>(
  client: HttpClient,
  options: PagingBase<T> & { next(body: unknown): string | null | undefined },
): AsyncGenerator<Page<T>> {
  return walk(client, options, firstUrl(client, options.url), (page, url) => {
    const next = options.next(page.body);
    return next ? { url: new URL(next, url), init: options.init } : undefined;
  });
}

/** The `rel="next"` target of an RFC 8288 `Link` header, or undefined. */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!match) continue;
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(match[2] ?? "");
    const rels = (rel?.[1] ?? rel?.[2] ?? "").toLowerCase().split(/\s+/);
    if (rels.includes("next")) return match[1];
  }
  return undefined;
}

/** `Link: <…>; rel="next"` headers (GitHub, Shopify's REST Admin API, Okta). */
export function paginateLink<T>(client: HttpClient, options: PagingBase<T>): AsyncGenerator<Page<T>> {
  return walk(client, options, firstUrl(client, options.url), (page, url) => {
    const next = nextLink(page.response.headers.get("Link"));
    return next ? { url: new URL(next, url), init: options.init } : undefined;
  });
}

/**
 * Offset and limit in the query (`?offset=200&limit=100`): stops at a page shorter than
 * `limit`, or once `total(body)` records are walked when the API says how many there are.
 */
export function paginateOffset<T>(
  client: HttpClient,
  options: PagingBase<T> & {
    limit: number;
    offsetParam?: string;
    limitParam?: string;
    /** The first offset; default 0. */
    start?: number;
    total?(body: unknown): number | undefined;
  },
): AsyncGenerator<Page<T>> {
  const base = firstUrl(client, options.url);
  const offsetParam = options.offsetParam ?? "offset";
  const limitParam = options.limitParam ?? "limit";
  const at = (offset: number) => withParams(base, { [offsetParam]: offset, [limitParam]: options.limit });
  let offset = options.start ?? 0;
  return walk(client, options, at(offset), (page) => {
    offset += page.items.length;
    const total = options.total?.(page.body);
    if (page.items.length === 0 || (total === undefined ? page.items.length < options.limit : offset >= total)) {
      return undefined;
    }
    return { url: at(offset), init: options.init };
  });
}

/**
 * Page numbers in the query (`?page=3&per_page=100`): stops at an empty page, a page shorter
 * than `size`, past `totalPages(body)`, or when `hasMore(body)` says so.
 */
export function paginatePages<T>(
  client: HttpClient,
  options: PagingBase<T> & {
    pageParam?: string;
    /** The first page's number; default 1. */
    start?: number;
    size?: number;
    sizeParam?: string;
    totalPages?(body: unknown): number | undefined;
    hasMore?(body: unknown, items: T[]): boolean | undefined;
  },
): AsyncGenerator<Page<T>> {
  const base = firstUrl(client, options.url);
  const pageParam = options.pageParam ?? "page";
  const at = (n: number) =>
    withParams(base, {
      [pageParam]: n,
      ...(options.size !== undefined ? { [options.sizeParam ?? "per_page"]: options.size } : {}),
    });
  let number = options.start ?? 1;
  return walk(client, options, at(number), (page) => {
    const more = options.hasMore?.(page.body, page.items);
    const totalPages = options.totalPages?.(page.body);
    if (page.items.length === 0 || more === false) return undefined;
    if (totalPages !== undefined && number >= totalPages + (options.start ?? 1) - 1) return undefined;
    if (
      more === undefined &&
      totalPages === undefined &&
      options.size !== undefined &&
      page.items.length < options.size
    ) {
      return undefined;
    }
    number++;
    return { url: at(number), init: options.init };
  });
}

/** Every item of every page, in order. */
export async function* items<T>(pages: AsyncIterable<Page<T>>): AsyncGenerator<T> {
  for await (const page of pages) yield* page.items;
}

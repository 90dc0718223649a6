/**
 * One HTTP call made by a setup test, turned into a SetupTest the way every SaaS, cloud
 * and API source reports it: 401/403 are credential problems (`details.auth`), 429 is a
 * WARNING that says when to retry, 5xx and other 4xx are FAILED with the status, and a
 * network error or timeout is FAILED naming the host. Messages never carry request
 * headers or query strings, so no secret reaches a response or a log.
 */
import type { ConnectorContext, SetupTest } from "../protocol";
import { excerpt } from "./egress";

/** The parsed body of a response: JSON when it parses, else text (possibly truncated). */
export type Body = unknown;

/** What a probe found: the test, and on a 2xx the response and its body for follow-ups. */
export interface ProbeResult {
  test: SetupTest;
  ok: boolean;
  status?: number;
  response?: Response;
  body?: Body;
}

export interface ProbeOptions {
  /** Setup test title, e.g. "Connecting to Stripe". */
  title: string;
  /** Who answers, for messages: "Stripe", "Amazon S3". */
  vendor: string;
  /** The vendor's own words from an error body (each vendor shapes errors differently). */
  errorMessage?(body: Body, response: Response): string | undefined;
  /** The PASSED message for a 2xx answer. */
  success?(body: Body, response: Response): string;
  /**
   * A vendor-specific verdict that takes precedence over the generic one (S3 throttles
   * with 503 SlowDown, Salesforce with 403 REQUEST_LIMIT_EXCEEDED). Return undefined to
   * fall through.
   */
  classify?(response: Response, body: Body, message: string | undefined): SetupTest | undefined;
  /** Give up after this long; default 15 s. */
  timeoutMs?: number;
  /** Largest body read, in bytes; default 1 MiB (a probe never needs a whole page). */
  maxBodyBytes?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_BODY = 1 << 20;

/** Reads at most `maxBytes` of a body, then cancels the rest. */
export async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  const bytes = new Uint8Array(Math.min(size, maxBytes));
  let offset = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, Math.min(chunk.byteLength, bytes.byteLength - offset));
    bytes.set(part, offset);
    offset += part.byteLength;
    if (offset >= bytes.byteLength) break;
  }
  return new TextDecoder().decode(bytes);
}

function parseBody(text: string): Body {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Seconds to wait from a Retry-After header (delta-seconds or HTTP date), if usable. */
export function retryAfterSeconds(headers: Headers, now: Date): number | undefined {
  const value = headers.get("Retry-After");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}

/**
 * Bounds a vendor message for a setup test or an error: {@link excerpt} (markup and control
 * characters stripped, at most 200 characters), the one gate remote text passes.
 */
export function shorten(text: string, max = 200): string {
  return excerpt(text, Math.min(max, 200));
}

/** The generic verdict for a non-2xx answer. */
export function classifyFailure(
  title: string,
  vendor: string,
  response: Response,
  message: string | undefined,
  now: Date,
): SetupTest {
  const status = response.status;
  const said = message ? `: ${shorten(message)}` : "";
  if (status === 401) {
    return {
      title,
      status: "FAILED",
      message: `${vendor} rejected the credentials (401)${said}`,
      details: { status, auth: true },
    };
  }
  if (status === 403) {
    return {
      title,
      status: "FAILED",
      message: `${vendor} denied access with these credentials (403)${said}`,
      details: { status, auth: true },
    };
  }
  if (status === 429) return rateLimited(title, vendor, response, message, now);
  return {
    title,
    status: "FAILED",
    message: `${vendor} answered ${status}${response.statusText ? ` ${response.statusText}` : ""}${said}`,
    details: { status, auth: false },
  };
}

/** A throttled answer: WARNING, since the configuration may well be right. */
export function rateLimited(
  title: string,
  vendor: string,
  response: Response,
  message: string | undefined,
  now: Date,
): SetupTest {
  const wait = retryAfterSeconds(response.headers, now);
  const when = wait === undefined ? "no Retry-After was given" : `Retry-After: ${wait} s`;
  return {
    title,
    status: "WARNING",
    message: `${vendor} is rate limiting requests (${response.status}); run the test again later (${when})${message ? `: ${shorten(message)}` : ""}`,
    details: { status: response.status, auth: false, retry_after: wait ?? null },
  };
}

function hostOf(input: RequestInfo | URL): string {
  try {
    return new URL(input instanceof Request ? input.url : String(input)).host;
  } catch {
    return "the server";
  }
}

/**
 * Sends one request through `ctx.fetch` and judges the answer. Never throws: a network
 * error or timeout is a FAILED test.
 */
export async function probe(
  ctx: ConnectorContext,
  input: RequestInfo | URL,
  init: RequestInit | undefined,
  options: ProbeOptions,
): Promise<ProbeResult> {
  const { title, vendor } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
  let response: Response;
  try {
    // Called unbound: workerd rejects its own fetch invoked with a foreign `this`.
    const send = ctx.fetch;
    response = await send(input, { ...init, signal });
  } catch (error) {
    const reason = timeout.aborted
      ? `no answer within ${Math.round(timeoutMs / 1000)} s`
      : shorten(error instanceof Error ? error.message : String(error));
    return {
      ok: false,
      test: {
        title,
        status: "FAILED",
        message: `Could not reach ${vendor === hostOf(input) ? vendor : `${vendor} at ${hostOf(input)}`}: ${reason}`,
        details: { auth: false },
      },
    };
  }
  const body = parseBody(await readCapped(response, options.maxBodyBytes ?? DEFAULT_MAX_BODY).catch(() => ""));
  if (response.ok) {
    return {
      ok: true,
      status: response.status,
      response,
      body,
      test: {
        title,
        status: "PASSED",
        message: options.success?.(body, response) ?? `${vendor} answered ${response.status}`,
      },
    };
  }
  const message = options.errorMessage?.(body, response) ?? (typeof body === "string" ? body : undefined);
  const test =
    options.classify?.(response, body, message) ?? classifyFailure(title, vendor, response, message, ctx.now());
  return { ok: false, status: response.status, response, body, test };
}

/** Reads `obj.a.b…` from untyped JSON, or undefined. */
export function pick(obj: unknown, ...path: (string | number)[]): unknown {
  let cursor = obj;
  for (const key of path) {
    if (cursor === null || typeof cursor !== "object") return undefined;
    cursor = (cursor as Record<string | number, unknown>)[key];
  }
  return cursor;
}

/** `pick` narrowed to a string. */
export function pickString(obj: unknown, ...path: (string | number)[]): string | undefined {
  const value = pick(obj, ...path);
  return typeof value === "string" ? value : undefined;
}

/**
 * The Worker's only way to write a log line. Everything it prints goes to the trace store
 * (`[observability]` in wrangler.toml, `wrangler tail`, the local dev console), which must keep
 * no secrets, no credentials in URLs and no row values: a driver's error message is user data
 * (pg: `Key (email)=(ada@example.com) already exists`, `invalid input syntax … 'secret'`).
 *
 * Hand-written because no library knows these shapes; the rules err on hiding too much.
 */

const MASK = "***";

const RULES: [RegExp, string][] = [
  // Credentials in a URL's userinfo: postgres://user:pass@host, https://token@host.
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s@'"]*@/gi, `$1${MASK}@`],
  // Authorization header values.
  [/\b(Basic|Bearer|Token)\s+[A-Za-z0-9+/=._~-]+/g, `$1 ${MASK}`],
  // key=value / "key": "value" pairs whose name says secret (query strings, libpq DSNs, JSON).
  [
    /\b([A-Za-z0-9_-]*(?:secret|password|passwd|pwd|token|api[_-]?key|apikey|auth|credential|private[_-]?key|signature|sig)[A-Za-z0-9_-]*)("?\s*[:=]\s*"?)(?!(?:Basic|Bearer|Token) )[^\s&"',;}]+/gi,
    `$1$2${MASK}`,
  ],
  // SQL string literals, also E'…' and doubled quotes inside: every value a statement carries.
  [/'(?:[^']|'')*'/g, `'${MASK}'`],
  // Postgres/MySQL detail of a constraint violation: Key (email)=(ada@example.com).
  [/\)=\([^)]*\)/g, `)=(${MASK})`],
  // Values a driver quotes with double quotes after "for type …:" / "value": pg's input-syntax errors.
  [/(\b(?:for type|value|input)\b[^"\n]{0,40}?:\s*)"(?:[^"\\]|\\.)*"/gi, `$1"${MASK}"`],
  // Long opaque tokens (API secrets, JWTs, hex keys) that slipped through under any name.
  [/\b(?=[A-Za-z0-9+/_.-]*\d)(?=[A-Za-z0-9+/_.-]*[A-Za-z])[A-Za-z0-9+/_.-]{32,}={0,2}/g, MASK],
];

/** `text` with secrets, credentials in URLs and SQL literals masked. */
export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}

/** What may be logged of an error: its class, its driver code (e.g. pg's `23505`) and a redacted message. */
export function describeError(error: unknown): { class: string; code?: string; message: string; stack?: string } {
  if (!(error instanceof Error)) return { class: typeof error, message: redact(String(error)) };
  const code = (error as { code?: unknown }).code;
  return {
    class: error.constructor?.name && error.constructor.name !== "Error" ? error.constructor.name : error.name,
    ...(typeof code === "string" || typeof code === "number" ? { code: String(code) } : {}),
    message: redact(error.message),
    // The stack's first line repeats the message; frames are file positions.
    ...(error.stack ? { stack: redact(error.stack) } : {}),
  };
}

/** Logs one error as a JSON line with `fields` (request id, route…), never its raw message. */
export function logError(message: string, error: unknown, fields: Record<string, unknown> = {}): void {
  console.error(JSON.stringify({ level: "error", message, ...fields, error: describeError(error) }));
}

/** Logs a line at `level` as JSON; string fields are redacted like error messages. */
function logLine(level: "info" | "warn", message: string, fields: Record<string, unknown>): void {
  const safe = Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [key, typeof value === "string" ? redact(value) : value]),
  );
  console[level](JSON.stringify({ level, message, ...safe }));
}

/** Logs an informational line; string fields are redacted like error messages. */
export function logInfo(message: string, fields: Record<string, unknown> = {}): void {
  logLine("info", message, fields);
}

/** Logs a warning; string fields are redacted like error messages. */
export function logWarning(message: string, fields: Record<string, unknown> = {}): void {
  logLine("warn", message, fields);
}

/**
 * For a handler the runtime retries when it throws (an alarm, a cron trigger): logs `error`
 * redacted and returns an Error carrying only the redacted message, to throw instead, so the
 * runtime's own record of the failure holds no more than the log does.
 */
export function redactedFailure(message: string, error: unknown, fields: Record<string, unknown> = {}): Error {
  logError(message, error, fields);
  const { class: kind, message: text } = describeError(error);
  return new Error(`${message}: ${kind}: ${text}`);
}

import { env, exports } from "cloudflare:workers";

/** Basic credentials header for a key and secret. */
export function basic(key: string, secret: string): string {
  return `Basic ${btoa(`${key}:${secret}`)}`;
}

/** The bootstrap account's credentials in tests (see vitest.config.ts). */
export const BOOTSTRAP = basic(env.FIVETRAN_API_KEY as string, env.FIVETRAN_API_SECRET as string);

export interface CallOptions {
  auth?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Calls the Worker's own fetch handler as an HTTP client would. */
export async function call(method: string, path: string, options: CallOptions = {}) {
  const headers = new Headers(options.headers);
  const auth = options.auth === undefined ? BOOTSTRAP : options.auth;
  if (auth) headers.set("authorization", auth);
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const response = await exports.default.fetch(new Request(`http://127.0.0.1:8787${path}`, { method, headers, body }));
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
  const json: any = text ? JSON.parse(text) : undefined;
  return { status: response.status, headers: response.headers, json };
}

/** Operator credentials in tests (see vitest.config.ts). */
export const OPERATOR = `Bearer ${env.FIVETRAN_OPERATOR_SECRET as string}`;

/** Creates a fresh account through the operator API; returns its Basic credentials. */
export async function newAccount(name = "test account"): Promise<string> {
  const res = await call("POST", "/operator/accounts", { auth: OPERATOR, body: { name } });
  if (res.status !== 201) throw new Error(`operator create account: ${res.status} ${JSON.stringify(res.json)}`);
  return basic(res.json.data.api_key, res.json.data.api_secret);
}

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

/** The shared bindings of the test Worker (wrangler.toml) that accounts are granted by default. */
export const SHARED_BINDINGS = ["WAREHOUSE", "DATA_LAKE"] as const;

/**
 * Creates a fresh account through the operator API; returns its Basic credentials. It is
 * granted `bindings` (default: every shared binding) under its default namespace, as an
 * operator would before the account's destinations can name them.
 */
export async function newAccount(
  name = "test account",
  bindings: readonly string[] = SHARED_BINDINGS,
): Promise<string> {
  return (await newAccountWithId(name, bindings)).auth;
}

/** {@link newAccount}, with the account's id. */
export async function newAccountWithId(
  name = "test account",
  bindings: readonly string[] = SHARED_BINDINGS,
): Promise<{ auth: string; accountId: string }> {
  const res = await call("POST", "/operator/accounts", { auth: OPERATOR, body: { name } });
  if (res.status !== 201) throw new Error(`operator create account: ${res.status} ${JSON.stringify(res.json)}`);
  const accountId: string = res.json.data.account_id;
  for (const binding of bindings) {
    const grant = await call("PUT", `/operator/accounts/${accountId}/bindings/${binding}`, { auth: OPERATOR });
    if (grant.status !== 201)
      throw new Error(`operator grant ${binding}: ${grant.status} ${JSON.stringify(grant.json)}`);
  }
  return { auth: basic(res.json.data.api_key, res.json.data.api_secret), accountId };
}

/** The account's namespace in a shared binding, as the operator API lists it. */
export async function namespaceOf(accountId: string, binding: string): Promise<string> {
  const res = await call("GET", `/operator/accounts/${accountId}/bindings`, { auth: OPERATOR });
  const grant = res.json.data.items.find((item: { binding: string }) => item.binding === binding);
  if (!grant) throw new Error(`account ${accountId} holds no grant of ${binding}`);
  return grant.namespace;
}

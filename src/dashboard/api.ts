/**
 * The dashboard's access to the REST API: the same `/v1` routes any client uses, through
 * openapi-fetch typed by the SDK's generated schema (sdk/schema.d.ts), authenticated with
 * HTTP Basic from the key the person signed in with.
 */
import createClient from "openapi-fetch";
import type { components, paths } from "../../sdk/schema";

export type Connection = components["schemas"]["Connection"];
export type Run = components["schemas"]["Run"];
export type SchemaConfig = components["schemas"]["StandardConfig"];
export type AccountInfo = components["schemas"]["AccountInfo"];
export type Alert = Connection["status"]["tasks"][number];

/** An API key and its secret. Kept in this tab's sessionStorage only: gone when the tab closes. */
export interface Credentials {
  key: string;
  secret: string;
}

const STORAGE_KEY = "fivetran.do.credentials";

export function loadCredentials(): Credentials | undefined {
  try {
    const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? "null") as Partial<Credentials> | null;
    return stored?.key && stored.secret ? { key: stored.key, secret: stored.secret } : undefined;
  } catch {
    return undefined;
  }
}

export function saveCredentials(credentials: Credentials): void {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(credentials));
}

export function clearCredentials(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

/** `Basic base64(key:secret)`, UTF-8 safe (btoa alone takes Latin-1 only). */
export function basicAuthorization({ key, secret }: Credentials): string {
  const bytes = new TextEncoder().encode(`${key}:${secret}`);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

/** A refused request, with Fivetran's `{code, message}` envelope. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Result<T> = { data?: T; error?: unknown; response: Response };

function refused(response: Response, error: unknown): ApiRequestError {
  const envelope = (error ?? {}) as { code?: string; message?: string };
  return new ApiRequestError(
    response.status,
    envelope.code ?? `Http${response.status}`,
    envelope.message ?? `${response.status} ${response.statusText}`,
  );
}

/** The `data` of a Fivetran envelope, or an ApiRequestError with the server's message. */
async function unwrap<T>(pending: Promise<Result<{ data: T }>>): Promise<T> {
  const { data, error, response } = await pending;
  if (data !== undefined && response.ok) return data.data;
  throw refused(response, error);
}

/** The `message` of an answer that carries no data (a sync started), or an ApiRequestError. */
async function message(pending: Promise<Result<{ message: string }>>): Promise<string> {
  const { data, error, response } = await pending;
  if (data !== undefined && response.ok) return data.message;
  throw refused(response, error);
}

/** The calls the dashboard makes, one method each. */
export function createApi(credentials: Credentials, baseUrl = location.origin) {
  const authorization = basicAuthorization(credentials);
  // credentials "omit": no cookies, and a 401's `WWW-Authenticate: Basic` never opens the
  // browser's own password prompt (it does for requests that include credentials).
  const client = createClient<paths>({ baseUrl, credentials: "omit" });
  client.use({
    onRequest({ request }) {
      request.headers.set("Authorization", authorization);
      return request;
    },
  });
  return {
    authorization,
    baseUrl,
    accountInfo: () => unwrap(client.GET("/v1/account/info")),
    /** Every connection of the account (all pages). */
    async connections(): Promise<Connection[]> {
      const all: Connection[] = [];
      let cursor: string | undefined;
      do {
        const page = await unwrap(client.GET("/v1/connections", { params: { query: { limit: 1000, cursor } } }));
        all.push(...page.items);
        cursor = page.next_cursor;
      } while (cursor);
      return all;
    },
    connection: (connectionId: string) =>
      unwrap(client.GET("/v1/connections/{connectionId}", { params: { path: { connectionId } } })),
    /** Runs newest first, one page (`limit` at most 1000). */
    runs: (connectionId: string, limit = 50, cursor?: string) =>
      unwrap(
        client.GET("/v1/connections/{connectionId}/runs", {
          params: { path: { connectionId }, query: { limit, cursor } },
        }),
      ),
    /** The schema config, or null before the first discovery (Fivetran's 404 NotFound_SchemaConfig). */
    async schemaConfig(connectionId: string): Promise<SchemaConfig | null> {
      const { data, error, response } = await client.GET("/v1/connections/{connectionId}/schemas", {
        params: { path: { connectionId } },
      });
      if (response.status === 404 && (error as { code?: string } | undefined)?.code === "NotFound_SchemaConfig") {
        return null;
      }
      if (data !== undefined && response.ok) return data.data;
      throw refused(response, error);
    },
    /** One page of rows synced per connection, table and UTC day (usage metering). */
    usageRows: (query: { start_date: string; end_date: string; cursor?: string; limit?: number }) =>
      unwrap(client.GET("/v1/usage/rows", { params: { query } })),
    sync: (connectionId: string) =>
      message(client.POST("/v1/connections/{connectionId}/sync", { params: { path: { connectionId } }, body: {} })),
    setPaused: (connectionId: string, paused: boolean) =>
      unwrap(client.PATCH("/v1/connections/{connectionId}", { params: { path: { connectionId } }, body: { paused } })),
  };
}

export type Api = ReturnType<typeof createApi>;

/**
 * The MCP server's way to act: the REST API itself, called in-process with the caller's own
 * credentials. Every tool thus gets the routes' validation, account scoping, secret masking
 * and error envelope, and cannot do anything the key could not do over HTTP.
 */

/** An answer of the REST API: its status and JSON body (or text, for CSV). */
export interface ApiAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the API's bodies are read field by field
  json: any;
  text: string;
}

export type ApiCaller = (method: string, path: string, body?: unknown, accept?: string) => Promise<ApiAnswer>;

/** A caller through `fetch` (the app's own), sending `authorization` on every request. */
export function apiCaller(
  fetch: (request: Request) => Promise<Response>,
  origin: string,
  authorization: string,
): ApiCaller {
  return async (method, path, body, accept = "application/json") => {
    const headers = new Headers({ authorization, accept });
    let payload: string | undefined;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      headers.set("content-type", "application/json");
    }
    const response = await fetch(new Request(new URL(path, origin), { method, headers, body: payload }));
    const text = await response.text();
    let json: unknown;
    try {
      json = text && /json/.test(response.headers.get("content-type") ?? "") ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, json, text };
  };
}

/** `?a=1&b=2` from the defined entries of `query` ("" when none). */
export function queryString(query: Record<string, string | number | boolean | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

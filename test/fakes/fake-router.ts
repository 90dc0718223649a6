/**
 * A tiny router for fake vendor APIs: a fetch-compatible function that answers only its
 * vendor's hosts (anything else fails like a DNS error, so a connector calling the wrong
 * host is caught), runs middleware (auth, throttling) before the routes, and records
 * every request for assertions. Vendor fakes add routes for pagination and incremental
 * reads as the engine grows.
 */

/** One recorded request: enough to assert on without keeping bodies alive. */
export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

export interface RouteContext {
  request: Request;
  url: URL;
  params: Record<string, string>;
  /** The request body as text (already read once for the log). */
  body: string;
}

export type RouteHandler = (ctx: RouteContext) => Response | Promise<Response>;
/** Returns a Response to answer early (401, 429…), or undefined to go on. */
export type Middleware = (ctx: RouteContext) => Response | undefined | Promise<Response | undefined>;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: RouteHandler;
}

function compile(path: string): { pattern: RegExp; keys: string[] } {
  const keys: string[] = [];
  const source = path
    .split("/")
    .map((part) => {
      if (part.startsWith(":")) {
        const rest = part.endsWith("*");
        keys.push(part.slice(1, rest ? -1 : undefined));
        return rest ? "(.+)" : "([^/]+)";
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return { pattern: new RegExp(`^${source}$`), keys };
}

/** JSON response helper. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

export class FakeRouter {
  readonly requests: RecordedRequest[] = [];
  private readonly routes: Route[] = [];
  private readonly middleware: Middleware[] = [];

  /** `hosts` are matched exactly or, for entries starting with `*.`, as a suffix. */
  constructor(
    private readonly hosts: string[],
    private readonly notFound: (ctx: RouteContext) => Response = () => json({ error: "not found" }, 404),
  ) {}

  use(middleware: Middleware): this {
    this.middleware.push(middleware);
    return this;
  }

  /** `path` may hold `:name` segments and one trailing `:name*` that spans slashes. */
  on(method: string, path: string, handler: RouteHandler): this {
    this.routes.push({ method: method.toUpperCase(), ...compile(path), handler });
    return this;
  }

  private serves(host: string): boolean {
    return this.hosts.some((h) => (h.startsWith("*.") ? host.endsWith(h.slice(1)) : host === h));
  }

  /** The fetch to inject as ConnectorContext.fetch. */
  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (!this.serves(url.host)) throw new TypeError(`fetch failed: getaddrinfo ENOTFOUND ${url.host}`);
    // Decoded by hand: workerd warns when .text() meets a non-text type such as a form.
    const body =
      request.method === "GET" || request.method === "HEAD"
        ? ""
        : new TextDecoder().decode(await request.clone().arrayBuffer());
    this.requests.push({ method: request.method, url, headers: new Headers(request.headers), body });
    const ctx: RouteContext = { request, url, params: {}, body };
    for (const middleware of this.middleware) {
      const early = await middleware(ctx);
      if (early) return early;
    }
    for (const route of this.routes) {
      if (route.method !== request.method) continue;
      const match = route.pattern.exec(url.pathname);
      if (!match) continue;
      const params = Object.fromEntries(route.keys.map((key, i) => [key, decodeURIComponent(match[i + 1] ?? "")]));
      return route.handler({ ...ctx, params });
    }
    return this.notFound(ctx);
  };
}

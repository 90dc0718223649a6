/**
 * A fake of Cloudflare's D1 HTTP API (`POST /client/v4/accounts/{account_id}/d1/database/
 * {database_id}/query`), written from Cloudflare's API schema: a bearer API token scoped to
 * accounts, a body of `{sql, params}` or `{batch: [{sql, params}, …]}`, and Cloudflare's
 * envelope `{success, errors, messages, result}` where `result` has one
 * `{results, success, meta}` per statement. Statements run for real on a D1 database of the
 * test's Worker, as a batch (one transaction), the way D1 runs a batch.
 */

export interface CloudflareD1FakeOptions {
  /** API tokens and the account ids each may act on. */
  tokens: Record<string, string[]>;
  /** D1 databases by account id and database id. */
  databases: Record<string, Record<string, D1Database>>;
}

interface Query {
  sql?: unknown;
  params?: unknown;
}

function envelope(status: number, body: { errors?: { code: number; message: string }[]; result?: unknown }): Response {
  return new Response(
    JSON.stringify({ success: status < 400, errors: body.errors ?? [], messages: [], result: body.result ?? null }),
    { status, headers: { "Content-Type": "application/json" } },
  );
}

export function cloudflareD1Fake(options: CloudflareD1FakeOptions): typeof fetch {
  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const route = /^\/client\/v4\/accounts\/([^/]+)\/d1\/database\/([^/]+)\/query$/.exec(url.pathname);
    if (url.host !== "api.cloudflare.com" || !route) {
      return envelope(404, { errors: [{ code: 7000, message: "No route for that URI" }] });
    }
    if (request.method !== "POST") return envelope(405, { errors: [{ code: 10405, message: "Method not allowed" }] });
    const [, accountId = "", databaseId = ""] = route;
    const header = request.headers.get("Authorization") ?? "";
    const token = header.startsWith("Bearer ") ? header.slice(7) : undefined;
    if (!token || !Object.hasOwn(options.tokens, token)) {
      return envelope(401, { errors: [{ code: 10000, message: "Authentication error" }] });
    }
    if (!options.tokens[token]?.includes(accountId)) {
      return envelope(403, { errors: [{ code: 10000, message: "Authentication error" }] });
    }
    const db = options.databases[accountId]?.[databaseId];
    if (!db)
      return envelope(404, { errors: [{ code: 7404, message: `The database ${databaseId} could not be found` }] });

    const body = (await request.json().catch(() => null)) as (Query & { batch?: Query[] }) | null;
    const queries = Array.isArray(body?.batch) ? body.batch : body ? [body] : [];
    if (queries.length === 0 || queries.some((q) => typeof q.sql !== "string")) {
      return envelope(400, { errors: [{ code: 7400, message: "The request is malformed: sql is required" }] });
    }
    try {
      const statements = queries.map((q) =>
        db.prepare(q.sql as string).bind(...(Array.isArray(q.params) ? (q.params as unknown[]) : [])),
      );
      const results = await db.batch(statements);
      return envelope(200, {
        result: results.map((r) => ({ results: r.results ?? [], success: r.success, meta: r.meta })),
      });
    } catch (error) {
      return envelope(400, { errors: [{ code: 7500, message: `${(error as Error).message}: SQLITE_ERROR` }] });
    }
  }

  return (async (input: RequestInfo | URL, init?: RequestInit) => handle(new Request(input, init))) as typeof fetch;
}

/**
 * A fake of Google's OAuth 2.0 token endpoint (JWT bearer grant for service accounts, RFC
 * 7523) and of BigQuery's REST API v2 dataset reads, written from Google's documentation:
 * the assertion must be RS256-signed by the service account's key, name it as `iss`, have
 * `aud` = the token URL, a `scope`, and live at most an hour; BigQuery calls need the issued
 * bearer token and answer Google's error shape `{error: {code, message, errors, status}}`.
 */
import { decodeJwt, importSPKI, jwtVerify } from "jose";

export const TOKEN_URL = "https://oauth2.googleapis.com/token";
const API = "https://bigquery.googleapis.com/bigquery/v2";

export interface FakeServiceAccount {
  client_email: string;
  /** The public half of the account's key (PEM, SPKI). */
  publicKeyPem: string;
  /** Projects where the account may list datasets. */
  projects: string[];
}

export interface BigQueryFakeOptions {
  serviceAccounts: FakeServiceAccount[];
  /** Datasets per project, with their location. */
  datasets: Record<string, { id: string; location: string }[]>;
  now?: () => Date;
}

export interface BigQueryFake {
  fetch: typeof fetch;
  /** Access tokens issued, by service account email. */
  issued: Map<string, string>;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json; charset=UTF-8" } });
}

function googleError(code: number, status: string, reason: string, message: string): Response {
  return json(code, { error: { code, message, errors: [{ message, domain: "global", reason }], status } });
}

export function bigQueryFake(options: BigQueryFakeOptions): BigQueryFake {
  const now = options.now ?? (() => new Date());
  const tokens = new Map<string, FakeServiceAccount>();
  const issued = new Map<string, string>();

  async function token(request: Request): Promise<Response> {
    // A form body: read as bytes (workerd warns on .text() of a non-text content type).
    const form = new URLSearchParams(new TextDecoder().decode(await request.arrayBuffer()));
    if (form.get("grant_type") !== "urn:ietf:params:oauth:grant-type:jwt-bearer") {
      return json(400, { error: "unsupported_grant_type", error_description: "Invalid grant_type" });
    }
    const assertion = form.get("assertion") ?? "";
    let account: FakeServiceAccount | undefined;
    try {
      account = options.serviceAccounts.find((a) => a.client_email === decodeJwt(assertion).iss);
    } catch {
      return json(400, { error: "invalid_grant", error_description: "Invalid JWT: Token must be a short-lived token" });
    }
    if (!account) return json(400, { error: "invalid_grant", error_description: "Invalid grant: account not found" });
    try {
      const key = await importSPKI(account.publicKeyPem, "RS256");
      const { payload } = await jwtVerify(assertion, key, {
        algorithms: ["RS256"],
        audience: TOKEN_URL,
        currentDate: now(),
      });
      if (typeof payload.scope !== "string" || !payload.scope) {
        return json(400, {
          error: "invalid_scope",
          error_description: "Invalid OAuth scope or ID token audience provided.",
        });
      }
      if (typeof payload.iat !== "number" || typeof payload.exp !== "number" || payload.exp - payload.iat > 3600) {
        return json(400, {
          error: "invalid_grant",
          error_description: "Invalid JWT: Token must be a short-lived token",
        });
      }
    } catch {
      return json(400, { error: "invalid_grant", error_description: "Invalid JWT Signature." });
    }
    const accessToken = `ya29.fake-${crypto.randomUUID()}`;
    tokens.set(accessToken, account);
    issued.set(account.client_email, accessToken);
    return json(200, { access_token: accessToken, expires_in: 3599, token_type: "Bearer" });
  }

  function datasets(request: Request, url: URL): Response {
    const header = request.headers.get("Authorization") ?? "";
    const account = header.startsWith("Bearer ") ? tokens.get(header.slice(7)) : undefined;
    if (!account) {
      return googleError(
        401,
        "UNAUTHENTICATED",
        "authError",
        "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
      );
    }
    const match = /^\/bigquery\/v2\/projects\/([^/]+)\/datasets(?:\/([^/]+))?$/.exec(url.pathname);
    if (!match) return googleError(404, "NOT_FOUND", "notFound", `Not found: ${url.pathname}`);
    const project = decodeURIComponent(match[1] ?? "");
    if (!account.projects.includes(project)) {
      return googleError(
        403,
        "PERMISSION_DENIED",
        "accessDenied",
        `Access Denied: Project ${project}: User does not have bigquery.datasets.list permission in project ${project}.`,
      );
    }
    const all = options.datasets[project] ?? [];
    const resource = (d: { id: string; location: string }) => ({
      kind: "bigquery#dataset",
      id: `${project}:${d.id}`,
      datasetReference: { datasetId: d.id, projectId: project },
      location: d.location,
    });
    if (match[2]) {
      const dataset = all.find((d) => d.id === decodeURIComponent(match[2] ?? ""));
      if (!dataset) return googleError(404, "NOT_FOUND", "notFound", `Not found: Dataset ${project}:${match[2]}`);
      return json(200, { ...resource(dataset), etag: crypto.randomUUID() });
    }
    const max = Number(url.searchParams.get("maxResults") ?? 50);
    const page = all.slice(0, max);
    // BigQuery leaves `datasets` out entirely when a project has none.
    return json(200, {
      kind: "bigquery#datasetList",
      etag: crypto.randomUUID(),
      ...(page.length ? { datasets: page.map(resource) } : {}),
      ...(all.length > max ? { nextPageToken: String(max) } : {}),
    });
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (request.method === "POST" && `${url.origin}${url.pathname}` === TOKEN_URL) return token(request);
    if (request.method === "GET" && url.href.startsWith(`${API}/`)) return datasets(request, url);
    return googleError(404, "NOT_FOUND", "notFound", `No such endpoint: ${request.method} ${url.href}`);
  }

  return {
    issued,
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => handle(new Request(input, init))) as typeof fetch,
  };
}

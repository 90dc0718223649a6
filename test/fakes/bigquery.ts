/**
 * A fake of Google's OAuth 2.0 token endpoint (JWT bearer grant for service accounts, RFC
 * 7523) and of BigQuery's REST API v2 dataset reads, written from Google's documentation:
 * the assertion must be RS256-signed by the service account's key, name it as `iss`, have
 * `aud` = the token URL, a `scope`, and live at most an hour; BigQuery calls need the issued
 * bearer token and answer Google's error shape `{error: {code, message, errors, status}}`.
 *
 * For the writer it also serves datasets.insert, tables.get, jobs.query (GoogleSQL scripts with
 * named, typed parameters, applied to in-memory tables by ./warehouse-sql.ts, temporary tables
 * living for the script; a SELECT's result as `schema` and `rows[].f[].v` cells, paged by
 * `pageToken`), jobs.getQueryResults and jobs.get, and refuses what BigQuery refuses: ORDER BY or
 * `<`/`>` on JSON, a query over 1024K
 * characters, column names that are not letters/digits/underscores (or longer than 300, or
 * with a reserved prefix), unquoted reserved words, a parameter whose type the column cannot
 * take, an expired or unknown token.
 */
import { decodeJwt, importSPKI, jwtVerify } from "jose";
import {
  type BoundParam,
  type FakeType,
  FakeWarehouse,
  parseDefault,
  SqlError,
  type SqlRules,
  type Stored,
} from "./warehouse-sql";

/** GoogleSQL's reserved keywords. */
const RESERVED = new Set(
  "ALL AND ANY ARRAY AS ASC ASSERT_ROWS_MODIFIED AT BETWEEN BY CASE CAST COLLATE CONTAINS CREATE CROSS CUBE CURRENT DEFAULT DEFINE DESC DISTINCT ELSE END ENUM ESCAPE EXCEPT EXCLUDE EXISTS EXTRACT FALSE FETCH FOLLOWING FOR FROM FULL GROUP GROUPING GROUPS HASH HAVING IF IGNORE IN INNER INTERSECT INTERVAL INTO IS JOIN LATERAL LEFT LIKE LIMIT LOOKUP MERGE NATURAL NEW NO NOT NULL NULLS OF ON OR ORDER OUTER OVER PARTITION PRECEDING PROTO QUALIFY RANGE RECURSIVE RESPECT RIGHT ROLLUP ROWS SELECT SET SOME STRUCT TABLESAMPLE THEN TO TREAT TRUE UNBOUNDED UNION UNNEST USING WHEN WHERE WINDOW WITH WITHIN".split(
    " ",
  ),
);

function bigQueryType(text: string): FakeType | undefined {
  const decimal = /^(BIG)?NUMERIC(?:\((\d+)(?:,(\d+))?\))?$/.exec(text);
  if (decimal) {
    const big = decimal[1] === "BIG";
    const scale = Number(decimal[3] ?? (decimal[2] ? 0 : big ? 38 : 9));
    const precision = Number(decimal[2] ?? (big ? 76 : 38));
    const [maxScale, maxInt] = big ? [38, 38] : [9, 29];
    if (scale > maxScale || precision < Math.max(1, scale) || precision > scale + maxInt) return undefined;
    return { base: "NUMBER", precision, scale, text: `${big ? "BIG" : ""}NUMERIC(${precision},${scale})` };
  }
  const simple: Record<string, FakeType["base"]> = {
    INT64: "INT64",
    INTEGER: "INT64",
    FLOAT64: "FLOAT",
    BOOL: "BOOLEAN",
    STRING: "STRING",
    DATE: "DATE",
    TIME: "TIME",
    DATETIME: "TIMESTAMP_NTZ",
    TIMESTAMP: "TIMESTAMP_TZ",
    JSON: "JSON",
    BYTES: "BINARY",
  };
  const base = simple[text];
  return base ? { base, text: text === "INTEGER" ? "INT64" : text } : undefined;
}

export const BIGQUERY_RULES: SqlRules = {
  quote: "`",
  foldUnquoted: (name) => name,
  caseInsensitive: true,
  maxIdentifier: 1024,
  badColumnName(name) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      return "Fields must contain only letters, numbers, and underscores, start with a letter or underscore, and be at most 300 characters long.";
    }
    if (name.length > 300) return "Fields must be at most 300 characters long.";
    if (/^(_TABLE_|_FILE_|_PARTITION|_ROW_TIMESTAMP|__ROOT__|_COLON_)/i.test(name))
      return "The name has a reserved prefix.";
    return undefined;
  },
  reserved: RESERVED,
  qualifiedTemporary: false,
  temporaryNeedsSchema: false,
  type: bigQueryType,
  // GoogleSQL: NULLs first in ascending order; JSON has no ordering at all.
  nullsFirst: true,
  unordered: new Set(["JSON"]),
  parse(value, type) {
    if (type.base === "BINARY") {
      try {
        return Uint8Array.from(atob(value), (c) => c.charCodeAt(0));
      } catch {
        throw new SqlError(`Invalid BYTES value (base64 expected): ${value.slice(0, 20)}`, "invalidQuery");
      }
    }
    return parseDefault(value, type);
  },
};

/** GoogleSQL's longest query. */
export const BIGQUERY_MAX_QUERY_CHARS = 1024 * 1024;

/** tables.get's (legacy) type names. */
function legacyType(type: FakeType): { type: string; precision?: string; scale?: string } {
  switch (type.base) {
    case "INT64":
      return { type: "INTEGER" };
    case "FLOAT":
      return { type: "FLOAT" };
    case "BOOLEAN":
      return { type: "BOOLEAN" };
    case "NUMBER":
      return {
        type: type.text.startsWith("BIG") ? "BIGNUMERIC" : "NUMERIC",
        precision: String(type.precision),
        scale: String(type.scale),
      };
    case "TIMESTAMP_NTZ":
      return { type: "DATETIME" };
    case "TIMESTAMP_TZ":
      return { type: "TIMESTAMP" };
    case "BINARY":
      return { type: "BYTES" };
    default:
      return { type: type.base };
  }
}

/**
 * A stored value as a cell of a query result (`rows[].f[].v`), as BigQuery's REST API writes
 * them: every value a string — INT64 and NUMERIC their digits (NUMERIC without trailing zeros),
 * FLOAT64 the number or `NaN`/`Infinity`/`-Infinity`, BOOL `true`/`false`, BYTES base64, DATE,
 * TIME and DATETIME as text, TIMESTAMP as seconds since the epoch in floating point
 * (`1.6161736191234E9`), or its microseconds when `formatOptions.useInt64Timestamp` is set.
 */
function cellOf(value: Stored, type: FakeType, int64Timestamp: boolean): string | null {
  if (value === null) return null;
  switch (type.base) {
    case "BOOLEAN":
      return value === true ? "true" : "false";
    case "FLOAT": {
      const n = value as number;
      return Number.isNaN(n) ? "NaN" : Number.isFinite(n) ? String(n) : n > 0 ? "Infinity" : "-Infinity";
    }
    case "NUMBER":
      return String(value).includes(".") ? String(value).replace(/0+$/, "").replace(/\.$/, "") : String(value);
    case "BINARY": {
      let text = "";
      for (const b of value as Uint8Array) text += String.fromCharCode(b);
      return btoa(text);
    }
    case "TIME":
    case "TIMESTAMP_NTZ":
      return String(value).replace(/\.?0+$/, (m) => (m.startsWith(".") ? "" : m));
    case "TIMESTAMP_TZ": {
      const [day, clock] = String(value).replace(/Z$/, "").split("T") as [string, string];
      const date = new Date(`${day}T${clock.slice(0, 8)}Z`);
      date.setUTCFullYear(Number(day.slice(0, 4)));
      const micros = BigInt(date.getTime()) * 1000n + BigInt((clock.split(".")[1] ?? "").padEnd(6, "0").slice(0, 6));
      return int64Timestamp ? String(micros) : (Number(micros) / 1e6).toExponential().replace("e+", "E");
    }
    default:
      return String(value);
  }
}

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
  /** jobs.query answers jobComplete false; the job is DONE at its first jobs.get. */
  asynchronous?: boolean;
  /** Rows per page of a query's result (BigQuery pages by size; `maxResults` lowers it). */
  pageRows?: number;
}

export interface BigQueryFake {
  fetch: typeof fetch;
  /** Access tokens issued, by service account email. */
  issued: Map<string, string>;
  /** A project's tables, applied from the queries (datasets are its schemas). */
  warehouse(project: string): FakeWarehouse;
  /** The failures served so far (their statuses), from failNext. */
  throttled: number[];
  /** The next `count` API requests (not token requests) answer `status` (429 with Retry-After 0, or a 5xx). */
  failNext(status: number, count?: number): void;
  /** Every BigQuery API request: method and path. */
  requests: string[];
  /** Every jobs.query body received. */
  queries: { query: string; queryParameters?: unknown[] }[];
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
  const warehouses = new Map<string, FakeWarehouse>();
  const warehouse = (project: string) => {
    let w = warehouses.get(project);
    if (!w) {
      w = new FakeWarehouse(BIGQUERY_RULES);
      warehouses.set(project, w);
    }
    return w;
  };
  const failures: number[] = [];
  const throttled: number[] = [];
  const requests: string[] = [];
  const queries: BigQueryFake["queries"] = [];
  /** Jobs by id: their final state. */
  const jobs = new Map<string, Record<string, unknown>>();
  /** A SELECT job's result, by job id: its fields and stored rows. */
  const results = new Map<string, { types: FakeType[]; names: string[]; values: Stored[][] }>();
  const pageRows = options.pageRows ?? 1000;

  /** A page of a job's result from row `start`, as jobs.query and jobs.getQueryResults answer it. */
  function page(jobId: string, start: number, maxResults: number | undefined, int64Timestamp: boolean) {
    const result = results.get(jobId);
    if (!result) return {};
    const size = Math.min(pageRows, maxResults && maxResults > 0 ? maxResults : pageRows);
    const rows = result.values.slice(start, start + size);
    const next = start + rows.length;
    return {
      schema: {
        fields: result.names.map((name, i) => ({
          name,
          ...legacyType(result.types[i] as FakeType),
          mode: "NULLABLE",
        })),
      },
      totalRows: String(result.values.length),
      ...(rows.length
        ? {
            rows: rows.map((row) => ({
              f: row.map((v, i) => ({ v: cellOf(v, result.types[i] as FakeType, int64Timestamp) })),
            })),
          }
        : {}),
      // The token is opaque to clients: here the offset of the next row.
      ...(next < result.values.length ? { pageToken: `${jobId}:${next}` } : {}),
    };
  }

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

  function authenticated(request: Request): FakeServiceAccount | undefined {
    const header = request.headers.get("Authorization") ?? "";
    return header.startsWith("Bearer ") ? tokens.get(header.slice(7)) : undefined;
  }

  const unauthenticated = () =>
    googleError(
      401,
      "UNAUTHENTICATED",
      "authError",
      "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
    );

  /** datasets.insert, tables.get, jobs.query and jobs.get, on the project's in-memory tables. */
  async function writerApi(request: Request, url: URL): Promise<Response | undefined> {
    const m =
      /^\/bigquery\/v2\/projects\/([^/]+)\/(datasets|queries|queries\/[^/]+|jobs\/[^/]+|datasets\/[^/]+\/tables\/[^/]+)$/.exec(
        url.pathname,
      );
    if (!m) return undefined;
    const project = decodeURIComponent(m[1] ?? "");
    const path = m[2] ?? "";
    const isDatasetList = request.method === "GET" && path === "datasets";
    if (isDatasetList) return undefined;
    const account = authenticated(request);
    if (!account) return unauthenticated();
    if (!account.projects.includes(project)) {
      return googleError(403, "PERMISSION_DENIED", "accessDenied", `Access Denied: Project ${project}`);
    }
    const w = warehouse(project);
    if (request.method === "POST" && path === "datasets") {
      const body = (await request.json().catch(() => ({}))) as { datasetReference?: { datasetId?: string } };
      const id = body.datasetReference?.datasetId ?? "";
      if (!/^[A-Za-z0-9_]{1,1024}$/.test(id)) {
        return googleError(
          400,
          "INVALID_ARGUMENT",
          "invalid",
          `Invalid dataset ID "${id}". Dataset IDs must be alphanumeric (plus underscores) and must be at most 1024 characters long.`,
        );
      }
      if (w.schemas.has(w.key(id)))
        return googleError(409, "ALREADY_EXISTS", "duplicate", `Already Exists: Dataset ${project}:${id}`);
      w.schemas.set(w.key(id), new Map());
      return json(200, { kind: "bigquery#dataset", datasetReference: { projectId: project, datasetId: id } });
    }
    const table = /^datasets\/([^/]+)\/tables\/([^/]+)$/.exec(path);
    if (request.method === "GET" && table) {
      const [dataset, name] = [decodeURIComponent(table[1] ?? ""), decodeURIComponent(table[2] ?? "")];
      const found = w.table(dataset, name);
      if (!found) return googleError(404, "NOT_FOUND", "notFound", `Not found: Table ${project}:${dataset}.${name}`);
      return json(200, {
        kind: "bigquery#table",
        tableReference: { projectId: project, datasetId: dataset, tableId: found.name },
        schema: {
          fields: found.columns.map((c) => ({
            name: c.name,
            ...legacyType(c.type),
            mode: c.notNull ? "REQUIRED" : "NULLABLE",
          })),
        },
        numRows: String(found.rows.length),
      });
    }
    const job = /^jobs\/([^/]+)$/.exec(path);
    if (request.method === "GET" && job) {
      const state = jobs.get(decodeURIComponent(job[1] ?? ""));
      if (!state) return googleError(404, "NOT_FOUND", "notFound", `Not found: Job ${project}:${job[1]}`);
      return json(200, state);
    }
    const resultsOf = /^queries\/([^/]+)$/.exec(path);
    if (request.method === "GET" && resultsOf) {
      // jobs.getQueryResults: the job's result a page at a time (pageToken), once it is DONE.
      const jobId = decodeURIComponent(resultsOf[1] ?? "");
      const state = jobs.get(jobId) as { status?: { errorResult?: { message?: string } } } | undefined;
      if (!state) return googleError(404, "NOT_FOUND", "notFound", `Not found: Job ${project}:${jobId}`);
      const failed = state.status?.errorResult;
      if (failed) return googleError(400, "INVALID_ARGUMENT", "invalidQuery", failed.message ?? "The job failed");
      const token = url.searchParams.get("pageToken");
      const [tokenJob, offset] = token ? token.split(":") : [jobId, "0"];
      if (tokenJob !== jobId || !/^\d+$/.test(offset ?? "")) {
        return googleError(400, "INVALID_ARGUMENT", "invalid", `Invalid page token: ${token}`);
      }
      const max = url.searchParams.get("maxResults");
      return json(200, {
        kind: "bigquery#getQueryResultsResponse",
        jobReference: { projectId: project, jobId, location: "US" },
        jobComplete: true,
        ...page(
          jobId,
          Number(offset),
          max ? Number(max) : undefined,
          url.searchParams.get("formatOptions.useInt64Timestamp") === "true",
        ),
      });
    }
    if (request.method === "POST" && path === "queries") {
      const body = (await request.json().catch(() => ({}))) as {
        query?: string;
        useLegacySql?: boolean;
        maxResults?: number;
        formatOptions?: { useInt64Timestamp?: boolean };
        parameterMode?: string;
        queryParameters?: { name?: string; parameterType?: { type?: string }; parameterValue?: { value?: unknown } }[];
      };
      queries.push({ query: String(body.query), queryParameters: body.queryParameters });
      const query = String(body.query ?? "");
      if (body.useLegacySql !== false)
        return googleError(
          400,
          "INVALID_ARGUMENT",
          "invalidQuery",
          "This fake speaks GoogleSQL only: set useLegacySql false",
        );
      if (query.length > BIGQUERY_MAX_QUERY_CHARS) {
        return googleError(
          400,
          "INVALID_ARGUMENT",
          "invalidQuery",
          "The query is too large. The maximum standard SQL query length is 1024.00K characters, including comments and white space characters.",
        );
      }
      const params = new Map<string, BoundParam>();
      for (const p of body.queryParameters ?? []) {
        const type = bigQueryType(String(p.parameterType?.type ?? ""));
        if (!p.name || !type || body.parameterMode !== "NAMED") {
          return googleError(
            400,
            "INVALID_ARGUMENT",
            "invalidQuery",
            `Invalid query parameter ${p.name ?? "(unnamed)"}: type ${p.parameterType?.type}`,
          );
        }
        const value = p.parameterValue?.value;
        params.set(p.name, { type, value: value === undefined || value === null ? null : String(value) });
      }
      const jobId = `job_${crypto.randomUUID().replace(/-/g, "")}`;
      const reference = { projectId: project, jobId, location: "US" };
      let affected = 0;
      try {
        const outcomes = w.run(query, params);
        for (const outcome of outcomes) {
          const counts = outcome.rows[0]?.map(Number).filter((n) => Number.isFinite(n)) ?? [];
          if (outcome.columns[0]?.startsWith("number of rows")) affected = counts.reduce((a, b) => a + b, 0);
        }
        // A script's result is its last statement's: a SELECT's rows are kept for the pages.
        const last = outcomes.at(-1);
        if (last?.select)
          results.set(jobId, { types: last.select.types, names: last.columns, values: last.select.values });
      } catch (error) {
        const message = error instanceof SqlError ? error.message : String(error);
        if (!options.asynchronous) return googleError(400, "INVALID_ARGUMENT", "invalidQuery", message);
        jobs.set(jobId, {
          jobReference: reference,
          status: { state: "DONE", errorResult: { reason: "invalidQuery", message } },
        });
        return json(200, { kind: "bigquery#queryResponse", jobReference: reference, jobComplete: false });
      }
      jobs.set(jobId, {
        jobReference: reference,
        status: { state: "DONE" },
        statistics: { query: results.has(jobId) ? {} : { numDmlAffectedRows: String(affected) } },
      });
      if (options.asynchronous)
        return json(200, { kind: "bigquery#queryResponse", jobReference: reference, jobComplete: false });
      const selected = results.has(jobId);
      return json(200, {
        kind: "bigquery#queryResponse",
        jobReference: reference,
        jobComplete: true,
        ...(selected
          ? page(jobId, 0, body.maxResults, body.formatOptions?.useInt64Timestamp === true)
          : { numDmlAffectedRows: String(affected) }),
      });
    }
    return undefined;
  }

  function datasets(request: Request, url: URL): Response {
    const account = authenticated(request);
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
    if (url.href.startsWith(`${API}/`)) {
      requests.push(`${request.method} ${url.pathname}${url.search}`);
      const failure = failures.shift();
      if (failure) {
        throttled.push(failure);
        return new Response(
          JSON.stringify({
            error: {
              code: failure,
              message: "Rate limit exceeded or backend error",
              status: failure === 429 ? "RESOURCE_EXHAUSTED" : "UNAVAILABLE",
            },
          }),
          {
            status: failure,
            headers: { "Content-Type": "application/json", "Retry-After": "0" },
          },
        );
      }
      const answer = await writerApi(request, url);
      if (answer) return answer;
    }
    if (request.method === "GET" && url.href.startsWith(`${API}/`)) return datasets(request, url);
    return googleError(404, "NOT_FOUND", "notFound", `No such endpoint: ${request.method} ${url.href}`);
  }

  return {
    issued,
    warehouse,
    requests,
    queries,
    throttled,
    failNext(status, count = 1) {
      for (let i = 0; i < count; i++) failures.push(status);
    },
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => handle(new Request(input, init))) as typeof fetch,
  };
}

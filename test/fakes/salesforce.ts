/**
 * A fake of Salesforce's OAuth and REST APIs after their documented contract
 * (developer.salesforce.com/docs/atlas.en-us.api_rest.meta: oauth tokens, sobjects, describe,
 * query / queryAll / query more results, getDeleted, limits):
 *
 * - OAuth: `POST /services/oauth2/token` (form) on login.salesforce.com, test.salesforce.com or
 *   the My Domain, with the refresh-token flow anywhere and the client-credentials flow only on
 *   the My Domain; answers `{access_token, instance_url, …}`; errors `{error,
 *   error_description}` with 400 (`invalid_grant`, `invalid_client_id`). `expireSessions()`
 *   ends every session issued: the next REST call answers 401 INVALID_SESSION_ID.
 * - REST on the My Domain with `Authorization: Bearer`: errors `[{message, errorCode}]`, 403
 *   REQUEST_LIMIT_EXCEEDED ("TotalRequests Limit exceeded.") once the org's daily allowance is
 *   spent (`state.apiUsed` ≥ `dailyApiRequests`) or when told to, 403 REQUEST_LIMIT_EXCEEDED
 *   ("ConcurrentPerOrgLongTxn Limit exceeded.") for the concurrent-request limit
 *   (`concurrentLimit()`), 503 SERVER_UNAVAILABLE (`unavailable()`), 429 with
 *   Retry-After in a storm; every answer carries `Sforce-Limit-Info: api-usage=<used>/<max>`.
 * - `GET …/sobjects`, `…/sobjects/{name}/describe` (fields with their SOAP-ish types),
 *   `…/sobjects/{name}/deleted/?start=&end=`, `…/limits`.
 * - `GET …/query?q=` and `…/queryAll?q=` run SOQL over the fake's records: `query` leaves out
 *   deleted rows (IsDeleted), `queryAll` includes them. Results come in batches (2,000, or the
 *   `Sforce-Query-Options: batchSize=` asked for, at least 200, at most the fake's `maxBatch`)
 *   as `{totalSize, done, nextRecordsUrl, records: [{attributes: {type, url}, …}]}`; the next
 *   batch is `GET …/query/{locator}` (the result set fixed when the query ran); a locator can
 *   be expired (`expireLocators()`: 400 INVALID_QUERY_LOCATOR).
 *
 * The SOQL parser is written by hand and covers only what the connector sends: `SELECT f, …
 * FROM Object [WHERE cond] [ORDER BY f [ASC|DESC], …] [LIMIT n]`, where `cond` combines
 * `field op literal` (=, !=, <, <=, >, >=) with AND, OR and parentheses, and literals are
 * datetimes (`2024-01-01T00:00:00Z`, `.000+0000`), dates, numbers, 'quoted text', TRUE,
 * FALSE and NULL. Anything else is a 400 MALFORMED_QUERY, as it would be a bug in the query.
 */
import { FakeRouter, json } from "./fake-router";
import { Faults } from "./faults";

export interface SalesforceApp {
  client_secret: string;
  /** Refresh tokens this connected app issued. */
  refresh_tokens?: string[];
  /** Whether the client credentials flow is enabled (it needs a run-as user). */
  client_credentials?: boolean;
}

/** A field as describe lists it (`type` is Salesforce's field type). */
export interface SalesforceField {
  name: string;
  type: string;
  nillable?: boolean;
  calculated?: boolean;
  precision?: number;
  scale?: number;
}

export interface SalesforceSObject {
  name: string;
  queryable?: boolean;
  custom?: boolean;
  /** Fields beyond the system ones (Id, IsDeleted, Name, CreatedDate, LastModifiedDate, SystemModstamp). */
  fields?: SalesforceField[];
}

export interface SalesforceFakeOptions {
  /** The org's My Domain host, which is also its instance URL. */
  myDomain: string;
  /** Connected apps by client_id (consumer key). */
  apps: Record<string, SalesforceApp>;
  /** sObjects the integration user sees. */
  sobjects: SalesforceSObject[];
  /** The fake's clock (ms); Date.now by default. */
  now?: () => number;
  /** The largest query batch the fake returns (Salesforce may return fewer than asked). */
  maxBatch?: number;
  /** The org's daily API allowance (DailyApiRequests.Max). */
  dailyApiRequests?: number;
  /** When the org was created (its Organization record's CreatedDate); two years before the clock by default. */
  orgCreatedMs?: number;
}

/** A record as the fake keeps it: field values as Salesforce's JSON carries them. */
export type SalesforceRecord = Record<string, string | number | boolean | null>;

function oauthError(error: string, description: string, status = 400) {
  return json({ error, error_description: description }, status);
}

function restError(status: number, errorCode: string, message: string, headers: Record<string, string> = {}) {
  return json([{ message, errorCode }], status, headers);
}

const SYSTEM_FIELDS: SalesforceField[] = [
  { name: "Id", type: "id", nillable: false },
  { name: "IsDeleted", type: "boolean", nillable: false },
  { name: "Name", type: "string" },
  { name: "CreatedDate", type: "datetime", nillable: false },
  { name: "LastModifiedDate", type: "datetime", nillable: false },
  { name: "SystemModstamp", type: "datetime", nillable: false },
];

const KEY_PREFIX: Record<string, string> = {
  Account: "001",
  Contact: "003",
  Opportunity: "006",
  Lead: "00Q",
  Case: "500",
};

/** Salesforce's datetime text: `2024-01-01T00:00:00.000+0000`. */
export function sfDatetime(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "+0000");
}

// ---------------------------------------------------------------------------------------
// SOQL (the subset above).

type Literal = string | number | boolean | null;
type Condition =
  | { kind: "compare"; field: string; op: string; value: Literal; datetime: boolean }
  | { kind: "and" | "or"; left: Condition; right: Condition };

interface Soql {
  fields: string[];
  object: string;
  where?: Condition;
  orderBy: { field: string; desc: boolean }[];
  limit?: number;
}

class SoqlError extends Error {}

const TOKEN =
  /\s*(?:(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d))|(\d{4}-\d\d-\d\d)|(-?\d+(?:\.\d+)?)|'((?:[^'\\]|\\.)*)'|(<=|>=|!=|=|<|>|\(|\)|,)|([A-Za-z_][A-Za-z0-9_.]*))/y;

function tokenize(text: string): { type: string; value: string }[] {
  const tokens: { type: string; value: string }[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m) throw new SoqlError(`unexpected token: '${text.slice(at).trim().split(/\s/)[0]}'`);
    at = TOKEN.lastIndex;
    if (m[1]) tokens.push({ type: "datetime", value: m[1] });
    else if (m[2]) tokens.push({ type: "date", value: m[2] });
    else if (m[3]) tokens.push({ type: "number", value: m[3] });
    else if (m[4] !== undefined) tokens.push({ type: "string", value: m[4].replace(/\\(.)/g, "$1") });
    else if (m[5]) tokens.push({ type: "symbol", value: m[5] });
    else tokens.push({ type: "word", value: m[6] ?? "" });
  }
  return tokens;
}

export function parseSoql(text: string): Soql {
  const tokens = tokenize(text);
  let i = 0;
  const peek = () => tokens[i];
  const keyword = (word: string) => peek()?.type === "word" && peek()?.value.toUpperCase() === word;
  const expect = (word: string) => {
    if (!keyword(word)) throw new SoqlError(`unexpected token: '${peek()?.value ?? "<end>"}', expected ${word}`);
    i++;
  };
  const identifier = () => {
    const t = tokens[i++];
    if (t?.type !== "word") throw new SoqlError(`unexpected token: '${t?.value ?? "<end>"}'`);
    return t.value;
  };
  expect("SELECT");
  const fields = [identifier()];
  while (peek()?.value === ",") {
    i++;
    fields.push(identifier());
  }
  expect("FROM");
  const object = identifier();
  const literal = (): { value: Literal; datetime: boolean } => {
    const t = tokens[i++];
    if (!t) throw new SoqlError("unexpected end of query");
    if (t.type === "datetime")
      return { value: Date.parse(t.value.replace(/([+-]\d\d)(\d\d)$/, "$1:$2")), datetime: true };
    if (t.type === "date") return { value: t.value, datetime: false };
    if (t.type === "number") return { value: Number(t.value), datetime: false };
    if (t.type === "string") return { value: t.value, datetime: false };
    const word = t.value.toUpperCase();
    if (word === "TRUE" || word === "FALSE") return { value: word === "TRUE", datetime: false };
    if (word === "NULL") return { value: null, datetime: false };
    throw new SoqlError(`unexpected token: '${t.value}'`);
  };
  const primary = (): Condition => {
    if (peek()?.value === "(") {
      i++;
      const inner = disjunction();
      if (tokens[i++]?.value !== ")") throw new SoqlError("expected ')'");
      return inner;
    }
    const field = identifier();
    const op = tokens[i++];
    if (op?.type !== "symbol" || !["=", "!=", "<", "<=", ">", ">="].includes(op.value)) {
      throw new SoqlError(`unexpected token: '${op?.value ?? "<end>"}'`);
    }
    return { kind: "compare", field, op: op.value, ...literal() };
  };
  const conjunction = (): Condition => {
    let left = primary();
    while (keyword("AND")) {
      i++;
      left = { kind: "and", left, right: primary() };
    }
    return left;
  };
  const disjunction = (): Condition => {
    let left = conjunction();
    while (keyword("OR")) {
      i++;
      left = { kind: "or", left, right: conjunction() };
    }
    return left;
  };
  const query: Soql = { fields, object, orderBy: [] };
  if (keyword("WHERE")) {
    i++;
    query.where = disjunction();
  }
  if (keyword("ORDER")) {
    i++;
    expect("BY");
    do {
      if (peek()?.value === ",") i++;
      const field = identifier();
      let desc = false;
      if (keyword("ASC") || keyword("DESC")) desc = tokens[i++]?.value.toUpperCase() === "DESC";
      query.orderBy.push({ field, desc });
    } while (peek()?.value === ",");
  }
  if (keyword("LIMIT")) {
    i++;
    const n = tokens[i++];
    if (n?.type !== "number") throw new SoqlError("LIMIT expects a number");
    query.limit = Number(n.value);
  }
  if (i < tokens.length) throw new SoqlError(`unexpected token: '${tokens[i]?.value}'`);
  return query;
}

function fieldsOf(condition: Condition | undefined, out: string[] = []): string[] {
  if (!condition) return out;
  if (condition.kind === "compare") out.push(condition.field);
  else {
    fieldsOf(condition.left, out);
    fieldsOf(condition.right, out);
  }
  return out;
}

function comparableValue(value: SalesforceRecord[string], datetime: boolean): Literal {
  if (datetime && typeof value === "string") return Date.parse(value.replace(/([+-]\d\d)(\d\d)$/, "$1:$2"));
  return value ?? null;
}

function evaluate(condition: Condition, record: SalesforceRecord, canonical: (f: string) => string): boolean {
  if (condition.kind !== "compare") {
    const left = evaluate(condition.left, record, canonical);
    return condition.kind === "and"
      ? left && evaluate(condition.right, record, canonical)
      : left || evaluate(condition.right, record, canonical);
  }
  const v = comparableValue(record[canonical(condition.field)] ?? null, condition.datetime);
  const x = condition.value;
  switch (condition.op) {
    case "=":
      return v === x;
    case "!=":
      return v !== x;
  }
  if (v === null || x === null) return false;
  switch (condition.op) {
    case "<":
      return v < x;
    case "<=":
      return v <= x;
    case ">":
      return v > x;
    default:
      return v >= x;
  }
}

// ---------------------------------------------------------------------------------------

export function createSalesforceFake(options: SalesforceFakeOptions) {
  const clock = options.now ?? Date.now;
  const state = {
    /** Set to exhaust the org's API allowance (403 REQUEST_LIMIT_EXCEEDED). */
    requestLimitExceeded: false,
    /** Set to throttle with HTTP 429 and this Retry-After. */
    rateLimitRetryAfter: undefined as number | undefined,
    outage: undefined as number | undefined,
    /** REST calls answered 503 SERVER_UNAVAILABLE or 403 for the concurrent-request limit. */
    unavailable: 0,
    concurrentLimited: 0,
    issued: new Set<string>(),
    /** REST calls counted against the daily allowance. */
    apiUsed: 0,
    /** How many requests had been recorded when `expireSessionsAfter` ended the sessions. */
    expiredAt: undefined as number | undefined,
    /** REST calls answered 401 INVALID_SESSION_ID. */
    unauthorized: 0,
    /** When set, every session issued ends once this many more REST calls were answered. */
    expireSessionsAfter: undefined as number | undefined,
  };
  const faults = new Faults(clock);
  const hiccups: { kind: "unavailable" | "concurrent"; remaining: number; match: (url: URL) => boolean }[] = [];
  const dailyMax = options.dailyApiRequests ?? 15_000;
  const instanceUrl = `https://${options.myDomain}`;
  const describe = new Map<string, SalesforceSObject & { fields: SalesforceField[] }>();
  for (const s of options.sobjects) {
    const names = new Set(SYSTEM_FIELDS.map((f) => f.name));
    describe.set(s.name.toLowerCase(), {
      ...s,
      fields: [...SYSTEM_FIELDS, ...(s.fields ?? []).filter((f) => !names.has(f.name))],
    });
  }
  const records = new Map<string, SalesforceRecord[]>();
  // Every org has one Organization record (queryable, not replicated by connectors).
  if (!describe.has("organization")) {
    describe.set("organization", { name: "Organization", fields: [...SYSTEM_FIELDS] });
    const created = sfDatetime(options.orgCreatedMs ?? clock() - 2 * 365 * 86_400_000);
    records.set("Organization", [
      {
        Id: "00DFk0000000001",
        IsDeleted: false,
        Name: "Acme",
        CreatedDate: created,
        LastModifiedDate: created,
        SystemModstamp: created,
      },
    ]);
  }
  const deletedLog = new Map<string, { id: string; deletedDate: string }[]>();
  const locators = new Map<string, { object: string; rows: SalesforceRecord[]; offset: number; batch: number }>();
  let serial = 0;
  let locatorSerial = 0;

  const router = new FakeRouter(["login.salesforce.com", "test.salesforce.com", options.myDomain], () =>
    restError(404, "NOT_FOUND", "The requested resource does not exist"),
  );

  router.use(({ url, body }) => {
    if (state.outage) return restError(state.outage, "SERVER_UNAVAILABLE", "Service temporarily unavailable");
    const hiccup = hiccups.find((h) => h.remaining > 0 && h.match(url));
    if (hiccup) {
      hiccup.remaining -= 1;
      if (hiccup.kind === "unavailable") {
        state.unavailable += 1;
        return restError(503, "SERVER_UNAVAILABLE", "Server temporarily unavailable");
      }
      state.concurrentLimited += 1;
      return restError(403, "REQUEST_LIMIT_EXCEEDED", "ConcurrentPerOrgLongTxn Limit exceeded.");
    }
    if (state.rateLimitRetryAfter !== undefined) {
      return restError(429, "REQUEST_LIMIT_EXCEEDED", "Too many requests", {
        "Retry-After": String(state.rateLimitRetryAfter),
      });
    }
    const storm = faults.throttle({ url, body });
    if (storm !== undefined) {
      return restError(429, "REQUEST_LIMIT_EXCEEDED", "Too many concurrent requests", { "Retry-After": String(storm) });
    }
    return undefined;
  });

  router.on("POST", "/services/oauth2/token", ({ body, url, request }) => {
    if (!request.headers.get("Content-Type")?.startsWith("application/x-www-form-urlencoded")) {
      return oauthError("invalid_request", "invalid content type");
    }
    const form = new URLSearchParams(body);
    const app = options.apps[form.get("client_id") ?? ""];
    if (!app) return oauthError("invalid_client_id", "client identifier invalid");
    if (form.get("client_secret") !== app.client_secret)
      return oauthError("invalid_client", "invalid client credentials");
    const grant = form.get("grant_type");
    if (grant === "refresh_token") {
      if (!app.refresh_tokens?.includes(form.get("refresh_token") ?? "")) {
        return oauthError("invalid_grant", "expired access/refresh token");
      }
    } else if (grant === "client_credentials") {
      if (url.host !== options.myDomain) return oauthError("invalid_grant", "request not supported on this domain");
      if (!app.client_credentials) return oauthError("invalid_grant", "no client credentials user enabled");
    } else {
      return oauthError("unsupported_grant_type", "grant type not supported");
    }
    const token = `00DFake!${crypto.randomUUID()}`;
    state.issued.add(token);
    return json({
      access_token: token,
      instance_url: instanceUrl,
      id: `https://login.salesforce.com/id/00DFAKE/005FAKE`,
      token_type: "Bearer",
      issued_at: String(clock()),
      signature: "fake",
    });
  });

  /** Checks session, host, version and allowance of a REST call; undefined to go on. */
  const guard = (request: Request, url: URL, version: string | undefined): Response | undefined => {
    if (url.host !== options.myDomain) return restError(404, "NOT_FOUND", "The requested resource does not exist");
    const header = request.headers.get("Authorization") ?? "";
    if (!state.issued.has(header.replace(/^Bearer /, ""))) {
      state.unauthorized += 1;
      return restError(401, "INVALID_SESSION_ID", "Session expired or invalid");
    }
    if (state.requestLimitExceeded || state.apiUsed >= dailyMax) {
      return restError(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
    }
    if (!/^v\d+\.\d$/.test(version ?? "")) return restError(404, "NOT_FOUND", "The requested resource does not exist");
    state.apiUsed += 1;
    if (state.expireSessionsAfter !== undefined && --state.expireSessionsAfter <= 0) {
      state.expireSessionsAfter = undefined;
      state.issued.clear();
      state.expiredAt = router.requests.length;
    }
    return undefined;
  };

  router.on("GET", "/services/data/:version/sobjects", ({ request, params, url }) => {
    const refused = guard(request, url, params.version);
    if (refused) return refused;
    return json({
      encoding: "UTF-8",
      maxBatchSize: 200,
      sobjects: options.sobjects.map((s) => ({
        name: s.name,
        label: s.name,
        custom: s.custom ?? s.name.endsWith("__c"),
        queryable: s.queryable ?? true,
        retrieveable: s.queryable ?? true,
        replicateable: s.queryable ?? true,
        urls: { sobject: `/services/data/${params.version}/sobjects/${s.name}` },
      })),
    });
  });

  router.on("GET", "/services/data/:version/sobjects/:name/describe", ({ request, params, url }) => {
    const refused = guard(request, url, params.version);
    if (refused) return refused;
    const s = describe.get((params.name ?? "").toLowerCase());
    if (!s) return restError(404, "NOT_FOUND", "The requested resource does not exist");
    return json({
      name: s.name,
      label: s.name,
      custom: s.custom ?? s.name.endsWith("__c"),
      queryable: s.queryable ?? true,
      replicateable: s.queryable ?? true,
      retrieveable: s.queryable ?? true,
      fields: s.fields.map((f) => ({
        name: f.name,
        label: f.name,
        type: f.type,
        nillable: f.nillable ?? true,
        calculated: f.calculated ?? false,
        precision: f.precision ?? 0,
        scale: f.scale ?? 0,
        length: f.type === "string" || f.type === "textarea" ? 255 : 0,
      })),
    });
  });

  router.on("GET", "/services/data/:version/sobjects/:name/deleted/", ({ request, params, url }) => {
    const refused = guard(request, url, params.version);
    if (refused) return refused;
    const s = describe.get((params.name ?? "").toLowerCase());
    if (!s) return restError(404, "NOT_FOUND", "The requested resource does not exist");
    const start = Date.parse(url.searchParams.get("start") ?? "");
    const end = Date.parse(url.searchParams.get("end") ?? "");
    if (Number.isNaN(start) || Number.isNaN(end)) {
      return restError(400, "MALFORMED_QUERY", "start and end must be dateTime values");
    }
    const deleted = (deletedLog.get(s.name) ?? []).filter((d) => {
      const at = Date.parse(d.deletedDate.replace("+0000", "Z"));
      return at >= start && at <= end;
    });
    return json({
      deletedRecords: deleted,
      earliestDateAvailable: sfDatetime(clock() - 15 * 86_400_000),
      latestDateCovered: sfDatetime(Math.min(end, clock())),
    });
  });

  router.on("GET", "/services/data/:version/limits", ({ request, params, url }) => {
    const refused = guard(request, url, params.version);
    if (refused) return refused;
    return json({ DailyApiRequests: { Max: dailyMax, Remaining: Math.max(0, dailyMax - state.apiUsed) } });
  });

  const batchOf = (request: Request): number => {
    const asked = /batchSize=(\d+)/.exec(request.headers.get("Sforce-Query-Options") ?? "")?.[1];
    const size = asked ? Math.min(2000, Math.max(200, Number(asked))) : 2000;
    return Math.min(size, options.maxBatch ?? 2000);
  };

  const page = (
    version: string,
    locator: string | undefined,
    object: string,
    rows: SalesforceRecord[],
    offset: number,
    batch: number,
  ) => {
    const slice = rows.slice(offset, offset + batch);
    const done = offset + batch >= rows.length;
    let next: string | undefined;
    if (!done) {
      const id = locator?.split("-")[0] ?? `01gFAKE${String(++locatorSerial).padStart(8, "0")}`;
      next = `${id}-${offset + batch}`;
      locators.set(next, { object, rows, offset: offset + batch, batch });
    }
    return json({
      totalSize: rows.length,
      done,
      ...(next ? { nextRecordsUrl: `/services/data/${version}/query/${next}` } : {}),
      records: slice.map((r) => ({
        attributes: { type: object, url: `/services/data/${version}/sobjects/${object}/${r.Id}` },
        ...r,
      })),
    });
  };

  const runQuery = (all: boolean) => (ctx: { request: Request; params: Record<string, string>; url: URL }) => {
    const { request, params, url } = ctx;
    const refused = guard(request, url, params.version);
    if (refused) return refused;
    const q = url.searchParams.get("q");
    if (!q) return restError(400, "MALFORMED_QUERY", "A SOQL query is required (q)");
    let soql: Soql;
    try {
      soql = parseSoql(q);
    } catch (error) {
      return restError(400, "MALFORMED_QUERY", (error as Error).message);
    }
    const s = describe.get(soql.object.toLowerCase());
    if (!s || s.queryable === false) {
      return restError(400, "INVALID_TYPE", `sObject type '${soql.object}' is not supported.`);
    }
    const byName = new Map(s.fields.map((f) => [f.name.toLowerCase(), f]));
    for (const field of [...soql.fields, ...fieldsOf(soql.where), ...soql.orderBy.map((o) => o.field)]) {
      if (!byName.has(field.toLowerCase())) {
        return restError(
          400,
          "INVALID_FIELD",
          `No such column '${field}' on entity '${s.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`,
        );
      }
    }
    const canonical = (f: string) => byName.get(f.toLowerCase())?.name ?? f;
    let rows = (records.get(s.name) ?? []).filter(
      (r) => (all || r.IsDeleted !== true) && (!soql.where || evaluate(soql.where, r, canonical)),
    );
    if (soql.orderBy.length > 0) {
      rows = [...rows].sort((a, b) => {
        for (const o of soql.orderBy) {
          const name = canonical(o.field);
          const x = comparableValue(a[name] ?? null, byName.get(o.field.toLowerCase())?.type === "datetime");
          const y = comparableValue(b[name] ?? null, byName.get(o.field.toLowerCase())?.type === "datetime");
          if (x === y) continue;
          // Salesforce sorts NULLs first ascending.
          const order = x === null ? -1 : y === null ? 1 : x < y ? -1 : 1;
          return o.desc ? -order : order;
        }
        return 0;
      });
    }
    if (soql.limit !== undefined) rows = rows.slice(0, soql.limit);
    const projected = rows.map((r) =>
      Object.fromEntries(soql.fields.map((f) => [canonical(f), r[canonical(f)] ?? null])),
    );
    return page(params.version ?? "", undefined, s.name, projected, 0, batchOf(request));
  };

  router.on("GET", "/services/data/:version/query", runQuery(false));
  router.on("GET", "/services/data/:version/queryAll", runQuery(true));

  const more = ({ request, params, url }: { request: Request; params: Record<string, string>; url: URL }) => {
    const refused = guard(request, url, params.version);
    if (refused) return refused;
    const cursor = locators.get(params.locator ?? "");
    if (!cursor) return restError(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
    return page(params.version ?? "", params.locator, cursor.object, cursor.rows, cursor.offset, cursor.batch);
  };
  router.on("GET", "/services/data/:version/query/:locator", more);
  router.on("GET", "/services/data/:version/queryAll/:locator", more);

  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const response = await faults.apply(url, "", await router.fetch(request));
    if (!url.pathname.startsWith("/services/data/")) return response;
    const headers = new Headers(response.headers);
    headers.set("Sforce-Limit-Info", `api-usage=${state.apiUsed}/${dailyMax}`);
    return new Response(response.body, { status: response.status, headers });
  };

  const objectOf = (name: string) => {
    const s = describe.get(name.toLowerCase());
    if (!s) throw new Error(`fake salesforce: no sObject ${name}`);
    let rows = records.get(s.name);
    if (!rows) {
      rows = [];
      records.set(s.name, rows);
    }
    return { s, rows };
  };

  const make = (name: string, fields: SalesforceRecord, atMs: number): SalesforceRecord => {
    const { s, rows } = objectOf(name);
    serial += 1;
    const prefix = KEY_PREFIX[s.name] ?? "a00";
    const id = `${prefix}Fk${String(serial).padStart(13, "0")}`;
    const record: SalesforceRecord = {
      Id: id,
      IsDeleted: false,
      Name: null,
      CreatedDate: sfDatetime(atMs),
      LastModifiedDate: sfDatetime(atMs),
      SystemModstamp: sfDatetime(atMs),
      ...Object.fromEntries(
        s.fields.filter((f) => !SYSTEM_FIELDS.some((x) => x.name === f.name)).map((f) => [f.name, null]),
      ),
      ...fields,
    };
    rows.push(record);
    return record;
  };

  const find = (name: string, id: string) => {
    const record = objectOf(name).rows.find((r) => r.Id === id);
    if (!record) throw new Error(`fake salesforce: no ${name} ${id}`);
    return record;
  };

  return {
    fetch,
    requests: router.requests,
    state,
    faults,
    /** Every record of an object, deleted ones (IsDeleted) included. */
    records: (name: string) => objectOf(name).rows,
    /** Ends every session issued so far: REST calls answer 401 INVALID_SESSION_ID. */
    expireSessions() {
      state.issued.clear();
    },
    /** The next `count` REST calls matching `match` answer 503 SERVER_UNAVAILABLE (maintenance, a failover). */
    unavailable(count: number, match: (url: URL) => boolean = () => true) {
      hiccups.push({ kind: "unavailable", remaining: count, match });
    },
    /**
     * The next `count` REST calls matching `match` answer 403 REQUEST_LIMIT_EXCEEDED for the
     * concurrent long-running request limit (ConcurrentPerOrgLongTxn), which clears as requests end.
     */
    concurrentLimit(count: number, match: (url: URL) => boolean = () => true) {
      hiccups.push({ kind: "concurrent", remaining: count, match });
    },
    /** Forgets every open query locator (as Salesforce does after 15 minutes). */
    expireLocators() {
      locators.clear();
    },
    /** Adds `count` records modified `stepMs` apart from `startMs`. */
    seed(name: string, count: number, startMs: number, stepMs: number, fields: (i: number) => SalesforceRecord) {
      return Array.from({ length: count }, (_, i) => make(name, fields(i), startMs + i * stepMs));
    },
    /** Inserts a record now. */
    insert(name: string, fields: SalesforceRecord): SalesforceRecord {
      return make(name, fields, clock());
    },
    /** Updates a record now (LastModifiedDate and SystemModstamp move). */
    update(name: string, id: string, fields: SalesforceRecord): SalesforceRecord {
      const record = find(name, id);
      Object.assign(record, fields, { LastModifiedDate: sfDatetime(clock()), SystemModstamp: sfDatetime(clock()) });
      return record;
    },
    /** Deletes a record now: it moves to the recycle bin (queryAll still sees it, IsDeleted true). */
    remove(name: string, id: string): void {
      const record = find(name, id);
      Object.assign(record, { IsDeleted: true, SystemModstamp: sfDatetime(clock()) });
      const log = deletedLog.get(objectOf(name).s.name) ?? [];
      log.push({ id, deletedDate: sfDatetime(clock()) });
      deletedLog.set(objectOf(name).s.name, log);
    },
  };
}

export type SalesforceFake = ReturnType<typeof createSalesforceFake>;

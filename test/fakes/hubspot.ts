/**
 * A fake of HubSpot's CRM API (api.hubapi.com) after its documented contract
 * (developers.hubspot.com/docs/api/crm/understanding-the-crm, /crm/search, /crm/associations,
 * /crm/properties, /usage-details, /oauth):
 *
 * - Auth: private app tokens as `Authorization: Bearer pat-…`, or OAuth access tokens obtained
 *   with `POST /oauth/v1/token` (`grant_type=refresh_token`, form) that expire (401
 *   `EXPIRED_AUTHENTICATION`; `expireAccessTokens()` ages every one issued). Errors are
 *   `{status: "error", message, correlationId, category}`: 401 INVALID_AUTHENTICATION, 403
 *   MISSING_SCOPES naming the granular scopes, 400 VALIDATION_ERROR for an unknown object type,
 *   property or filter, 429 RATE_LIMIT with `policyName`.
 * - `GET /crm/v3/objects/{type}`: `{results: [{id, properties, createdAt, updatedAt, archived}],
 *   paging: {next: {after, link}}}` in id order, `limit` ≤ 100, `after` the next id, only the
 *   default properties unless `properties=` names others (values always strings, as HubSpot
 *   sends them), `associations=` adds `{associations: {<type>: {results: [{id, type}]}}}`,
 *   `archived=true` lists only archived records (with `archivedAt`).
 * - `POST /crm/v3/objects/{type}/search`: `filterGroups` (OR of ANDed filters: EQ, NEQ, LT,
 *   LTE, GT, GTE, BETWEEN, HAS_PROPERTY, NOT_HAS_PROPERTY; dates as epoch ms or ISO text),
 *   `sorts`, `properties`, `limit` ≤ 200, `after` (an offset); `{total, results, paging}`;
 *   never archived records; a page past the 10,000th result is refused (400), as HubSpot caps
 *   every search at 10,000 results. Contacts' last-modified property is `lastmodifieddate`,
 *   every other object's `hs_lastmodifieddate`.
 * - `GET /crm/v3/properties/{type}` and `POST /crm/v4/associations/{from}/{to}/batch/read`.
 * - Rate limits: every answer carries `X-HubSpot-RateLimit-Max`, `-Remaining` and
 *   `-Interval-Milliseconds` (the ten-second window) and, for private apps, `-Daily` and
 *   `-Daily-Remaining`; past `tenSecondly` requests in ten seconds, or past `searchPerSecond`
 *   searches in a second, a 429 with `Retry-After`; storms through `faults`.
 */
import { FakeRouter, json } from "./fake-router";
import { Faults } from "./faults";

/** A CRM record as the fake keeps it: property values as HubSpot sends them (strings). */
export interface HubspotRecord {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
  /** Associated record ids by object type. */
  associations: Record<string, string[]>;
}

export interface HubspotProperty {
  name: string;
  type: "string" | "number" | "datetime" | "date" | "enumeration" | "bool";
  fieldType?: string;
  /** HubSpot's sensitivity class (sensitive properties need their own scopes to read). */
  dataSensitivity?: "non_sensitive" | "sensitive" | "highly_sensitive";
}

export interface HubspotOAuthClient {
  client_secret: string;
  refresh_tokens: string[];
  scopes: string[];
}

export interface HubspotFakeOptions {
  /** Private app tokens and their granular scopes (`crm.objects.contacts.read`). */
  tokens: Record<string, string[]>;
  /** OAuth apps by client_id, with the refresh tokens they issued. */
  oauth?: Record<string, HubspotOAuthClient>;
  /** Records per object type (properties as plain values; stringified as HubSpot sends them). */
  data?: Record<string, { id: string; properties: Record<string, unknown> }[]>;
  /** Extra properties per object type beyond the defaults. */
  properties?: Record<string, HubspotProperty[]>;
  /** The fake's clock (ms); Date.now by default. */
  now?: () => number;
  /** Requests allowed per rolling ten seconds (HubSpot: 100–190 by tier); unlimited when absent. */
  tenSecondly?: number;
  /** Searches allowed per second (HubSpot: 5); unlimited when absent. */
  searchPerSecond?: number;
}

let correlation = 0;

function error(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  correlation += 1;
  return json(
    { status: "error", correlationId: `00000000-0000-4000-8000-${String(correlation).padStart(12, "0")}`, ...body },
    status,
    headers,
  );
}

/** The scope HubSpot requires to read an object type. */
export function readScope(objectType: string): string {
  return /^(p\d*_|\d+-\d+$)/.test(objectType) ? "crm.objects.custom.read" : `crm.objects.${objectType}.read`;
}

/** The property holding when a record last changed: contacts have their own name for it. */
export function lastModifiedProperty(objectType: string): string {
  return objectType === "contacts" ? "lastmodifieddate" : "hs_lastmodifieddate";
}

const DEFAULTS: Record<string, string[]> = {
  contacts: ["email", "firstname", "lastname"],
  companies: ["name", "domain"],
  deals: ["dealname", "amount", "closedate", "pipeline", "dealstage"],
  tickets: ["content", "hs_pipeline", "hs_pipeline_stage", "subject"],
};

function defaultProperties(objectType: string): string[] {
  return ["createdate", lastModifiedProperty(objectType), "hs_object_id", ...(DEFAULTS[objectType] ?? [])];
}

function propertySchema(objectType: string, extra: HubspotProperty[] = []): HubspotProperty[] {
  const base: HubspotProperty[] = [
    { name: "createdate", type: "datetime", fieldType: "date" },
    { name: lastModifiedProperty(objectType), type: "datetime", fieldType: "date" },
    { name: "hs_object_id", type: "number", fieldType: "number" },
    ...(DEFAULTS[objectType] ?? []).map(
      (name): HubspotProperty => ({
        name,
        type: name === "amount" ? "number" : name === "closedate" ? "datetime" : "string",
        fieldType: "text",
      }),
    ),
  ];
  const names = new Set(base.map((p) => p.name));
  return [...base, ...extra.filter((p) => !names.has(p.name))];
}

const stringify = (value: unknown): string | null =>
  value === null || value === undefined ? null : typeof value === "string" ? value : String(value);

/** A filter or sort value as milliseconds when it is a date (epoch ms or ISO), else as is. */
function comparable(value: unknown): number | string | null {
  if (value === null || value === undefined) return null;
  const text = String(value);
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  const ms = Date.parse(text);
  return /^\d{4}-\d\d-\d\d/.test(text) && !Number.isNaN(ms) ? ms : text;
}

interface Filter {
  propertyName?: string;
  operator?: string;
  value?: unknown;
  highValue?: unknown;
  values?: unknown[];
}

function matches(filter: Filter, record: HubspotRecord): boolean {
  const raw = record.properties[filter.propertyName ?? ""] ?? null;
  const v = comparable(raw);
  const x = comparable(filter.value);
  switch (filter.operator) {
    case "HAS_PROPERTY":
      return raw !== null && raw !== "";
    case "NOT_HAS_PROPERTY":
      return raw === null || raw === "";
    case "EQ":
      return v === x;
    case "NEQ":
      return v !== x;
    case "IN":
      return (filter.values ?? []).map(comparable).includes(v);
    case "NOT_IN":
      return !(filter.values ?? []).map(comparable).includes(v);
  }
  if (v === null || x === null) return false;
  switch (filter.operator) {
    case "LT":
      return v < x;
    case "LTE":
      return v <= x;
    case "GT":
      return v > x;
    case "GTE":
      return v >= x;
    case "BETWEEN": {
      const high = comparable(filter.highValue);
      return high !== null && v >= x && v <= high;
    }
  }
  return false;
}

const OPERATORS = new Set([
  "EQ",
  "NEQ",
  "LT",
  "LTE",
  "GT",
  "GTE",
  "BETWEEN",
  "IN",
  "NOT_IN",
  "HAS_PROPERTY",
  "NOT_HAS_PROPERTY",
]);

/** HubSpot's search cap: no page may reach past this many results. */
export const SEARCH_RESULT_CAP = 10_000;

export function createHubspotFake(options: HubspotFakeOptions) {
  const clock = options.now ?? Date.now;
  const iso = (ms = clock()) => new Date(ms).toISOString();
  const state = {
    rateLimitRetryAfter: undefined as number | undefined,
    outage: undefined as number | undefined,
  };
  const faults = new Faults(clock);
  const store = new Map<string, Map<string, HubspotRecord>>();
  const schemas: Record<string, HubspotProperty[]> = {};
  /** OAuth access tokens issued: scopes and expiry (ms). */
  const issued = new Map<string, { scopes: string[]; expires: number }>();
  const windowHits: number[] = [];
  const searchHits: number[] = [];
  let nextId = 1000;
  let daily = 0;

  const table = (type: string) => {
    let t = store.get(type);
    if (!t) {
      t = new Map();
      store.set(type, t);
      schemas[type] = propertySchema(type, options.properties?.[type]);
    }
    return t;
  };

  const put = (type: string, id: string, properties: Record<string, unknown>, createdMs: number, updatedMs: number) => {
    const record: HubspotRecord = {
      id,
      properties: {
        createdate: iso(createdMs),
        [lastModifiedProperty(type)]: iso(updatedMs),
        hs_object_id: id,
        ...Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, stringify(v)])),
      },
      createdAt: iso(createdMs),
      updatedAt: iso(updatedMs),
      archived: false,
      associations: {},
    };
    table(type).set(id, record);
    return record;
  };

  for (const [type, rows] of Object.entries(options.data ?? {})) {
    table(type);
    const at = Date.parse("2026-01-01T00:00:00.000Z");
    for (const row of rows) put(type, row.id, row.properties, at, at);
  }

  const router = new FakeRouter(["api.hubapi.com"], () =>
    error(404, { message: "Resource not found", category: "OBJECT_NOT_FOUND" }),
  );
  let scopes: string[] = [];
  let privateApp = true;

  const rateLimited = (policyName: string, message: string, retryAfter: number) =>
    error(429, { message, errorType: "RATE_LIMIT", policyName }, { "Retry-After": String(retryAfter) });

  router.use(({ request, url, body }) => {
    if (state.outage) return error(state.outage, { message: "internal error", category: "INTERNAL_ERROR" });
    if (url.pathname === "/oauth/v1/token") return undefined;
    const header = request.headers.get("Authorization") ?? "";
    const token = header.startsWith("Bearer ") ? header.slice(7).trim() : "";
    const oauth = issued.get(token);
    if (oauth && oauth.expires <= clock()) {
      return error(401, {
        message: `The OAuth token used to make this call expired ${Math.floor((clock() - oauth.expires) / 1000)} second(s) ago.`,
        category: "EXPIRED_AUTHENTICATION",
      });
    }
    if (!oauth && (!token || !Object.hasOwn(options.tokens, token))) {
      return error(401, {
        message:
          "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
        category: "INVALID_AUTHENTICATION",
      });
    }
    privateApp = !oauth;
    scopes = oauth ? oauth.scopes : (options.tokens[token] ?? []);
    if (state.rateLimitRetryAfter !== undefined) {
      return rateLimited("SECONDLY", "You have reached your secondly limit.", state.rateLimitRetryAfter);
    }
    const storm = faults.throttle({ url, body });
    if (storm !== undefined)
      return rateLimited("TEN_SECONDLY_ROLLING", "You have reached your ten_secondly_rolling limit.", storm);
    const now = clock();
    while (windowHits.length && (windowHits[0] ?? 0) <= now - 10_000) windowHits.shift();
    if (options.tenSecondly !== undefined && windowHits.length >= options.tenSecondly) {
      const wait = Math.max(1, Math.ceil(((windowHits[0] ?? now) + 10_000 - now) / 1000));
      faults.waitAsked(wait);
      return rateLimited("TEN_SECONDLY_ROLLING", "You have reached your ten_secondly_rolling limit.", wait);
    }
    if (options.searchPerSecond !== undefined && url.pathname.endsWith("/search")) {
      while (searchHits.length && (searchHits[0] ?? 0) <= now - 1000) searchHits.shift();
      if (searchHits.length >= options.searchPerSecond) {
        faults.waitAsked(1);
        return rateLimited("SECONDLY", "You have reached your secondly limit.", 1);
      }
      searchHits.push(now);
    }
    windowHits.push(now);
    daily += 1;
    return undefined;
  });

  const knownType = (type: string): Response | undefined => {
    if (!store.has(type)) {
      return error(400, { message: `Unable to infer object type from: ${type}`, category: "VALIDATION_ERROR" });
    }
    const scope = readScope(type);
    if (scopes.includes(scope)) return undefined;
    return error(403, {
      message:
        "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
      category: "MISSING_SCOPES",
      errors: [
        { message: "One or more of the following scopes are required.", context: { requiredGranularScopes: [scope] } },
      ],
    });
  };

  const view = (type: string, record: HubspotRecord, wanted: string[] | undefined, associations: string[] = []) => {
    const names = wanted && wanted.length > 0 ? wanted : defaultProperties(type);
    const out: Record<string, unknown> = {
      id: record.id,
      properties: Object.fromEntries(names.map((name) => [name, record.properties[name] ?? null])),
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      archived: record.archived,
      ...(record.archivedAt ? { archivedAt: record.archivedAt } : {}),
    };
    const linked = associations.filter((to) => (record.associations[to] ?? []).length > 0);
    if (linked.length > 0) {
      out.associations = Object.fromEntries(
        linked.map((to) => [
          to,
          {
            results: (record.associations[to] ?? []).map((id) => ({
              id,
              type: `${type.replace(/s$/, "").replace(/ie$/, "y")}_to_${to.replace(/ies$/, "y").replace(/s$/, "")}`,
            })),
          },
        ]),
      );
    }
    return out;
  };

  const byId = (a: HubspotRecord, b: HubspotRecord) => Number(a.id) - Number(b.id);

  router.on("GET", "/crm/v3/objects/:objectType", ({ params, url }) => {
    const type = params.objectType ?? "";
    const refused = knownType(type);
    if (refused) return refused;
    const limit = Math.min(100, Math.max(1, Number(url.searchParams.get("limit") ?? 10)));
    const after = url.searchParams.get("after");
    const archived = url.searchParams.get("archived") === "true";
    const wanted = url.searchParams.get("properties")?.split(",").filter(Boolean);
    const associations = url.searchParams.get("associations")?.split(",").filter(Boolean) ?? [];
    const rows = [...table(type).values()]
      .filter((r) => r.archived === archived && (after === null || Number(r.id) >= Number(after)))
      .sort(byId);
    const page = rows.slice(0, limit);
    const next = rows[limit]?.id;
    return json({
      results: page.map((r) => view(type, r, wanted, associations)),
      ...(next
        ? {
            paging: {
              next: {
                after: next,
                link: `https://api.hubapi.com/crm/v3/objects/${type}?after=${next}&limit=${limit}`,
              },
            },
          }
        : {}),
    });
  });

  router.on("POST", "/crm/v3/objects/:objectType/search", ({ params, body }) => {
    const type = params.objectType ?? "";
    const refused = knownType(type);
    if (refused) return refused;
    let request: {
      filterGroups?: { filters?: Filter[] }[];
      sorts?: ({ propertyName?: string; direction?: string } | string)[];
      properties?: string[];
      limit?: number;
      after?: string | number;
    };
    try {
      request = body ? JSON.parse(body) : {};
    } catch {
      return error(400, { message: "Invalid input JSON on line 1", category: "VALIDATION_ERROR" });
    }
    const known = new Set((schemas[type] ?? []).map((p) => p.name));
    const groups = request.filterGroups ?? [];
    if (groups.length > 5) {
      return error(400, { message: "Too many filter groups (at most 5)", category: "VALIDATION_ERROR" });
    }
    for (const group of groups) {
      for (const filter of group.filters ?? []) {
        if (!OPERATORS.has(filter.operator ?? "")) {
          return error(400, { message: `Unknown operator ${filter.operator}`, category: "VALIDATION_ERROR" });
        }
        if (!known.has(filter.propertyName ?? "")) {
          return error(400, {
            message: `There was a problem with the request. Property ${filter.propertyName} does not exist on ${type}`,
            category: "VALIDATION_ERROR",
          });
        }
      }
    }
    const limit = Math.min(200, Math.max(1, Number(request.limit ?? 10)));
    const offset = Number(request.after ?? 0);
    if (!Number.isInteger(offset) || offset < 0) {
      return error(400, { message: "after must be a non-negative integer", category: "VALIDATION_ERROR" });
    }
    if (offset + limit > SEARCH_RESULT_CAP) {
      return error(400, {
        message: `There was a problem with the request: search results are capped at ${SEARCH_RESULT_CAP}; after=${offset} with limit=${limit} reaches past them`,
        category: "VALIDATION_ERROR",
      });
    }
    const rows = [...table(type).values()].filter(
      (r) => !r.archived && (groups.length === 0 || groups.some((g) => (g.filters ?? []).every((f) => matches(f, r)))),
    );
    const sorts = (request.sorts ?? []).map((s) =>
      typeof s === "string" ? { propertyName: s, direction: "ASCENDING" } : s,
    );
    rows.sort((a, b) => {
      for (const sort of sorts) {
        const x = comparable(a.properties[sort.propertyName ?? ""]);
        const y = comparable(b.properties[sort.propertyName ?? ""]);
        if (x === y) continue;
        const order = x === null ? -1 : y === null ? 1 : x < y ? -1 : 1;
        return sort.direction === "DESCENDING" ? -order : order;
      }
      return byId(a, b);
    });
    const page = rows.slice(offset, offset + limit);
    const next = offset + limit < rows.length ? String(offset + limit) : undefined;
    return json({
      total: rows.length,
      results: page.map((r) => view(type, r, request.properties)),
      ...(next ? { paging: { next: { after: next } } } : {}),
    });
  });

  router.on("GET", "/crm/v3/properties/:objectType", ({ params }) => {
    const type = params.objectType ?? "";
    const refused = knownType(type);
    if (refused) return refused;
    return json({
      results: (schemas[type] ?? []).map((p) => ({
        name: p.name,
        label: p.name,
        type: p.type,
        fieldType: p.fieldType ?? "text",
        groupName: `${type}information`,
        calculated: false,
        hidden: false,
        hasUniqueValue: p.name === "hs_object_id",
        dataSensitivity: p.dataSensitivity ?? "non_sensitive",
      })),
    });
  });

  router.on("POST", "/crm/v4/associations/:from/:to/batch/read", ({ params, body }) => {
    const from = params.from ?? "";
    const to = params.to ?? "";
    const refused = knownType(from) ?? knownType(to);
    if (refused) return refused;
    const inputs = ((JSON.parse(body || "{}") as { inputs?: { id?: string }[] }).inputs ?? []).map((i) => String(i.id));
    if (inputs.length > 1000) {
      return error(400, { message: "At most 1000 inputs per batch", category: "VALIDATION_ERROR" });
    }
    const results = inputs
      .map((id) => table(from).get(id))
      .filter((r): r is HubspotRecord => r !== undefined && (r.associations[to] ?? []).length > 0)
      .map((r) => ({
        from: { id: r.id },
        to: (r.associations[to] ?? []).map((id) => ({
          toObjectId: Number(id),
          associationTypes: [{ category: "HUBSPOT_DEFINED", typeId: 1, label: null }],
        })),
      }));
    return json({ status: "COMPLETE", results, startedAt: iso(), completedAt: iso() });
  });

  router.on("POST", "/oauth/v1/token", ({ body, request }) => {
    if (!request.headers.get("Content-Type")?.startsWith("application/x-www-form-urlencoded")) {
      return json({ status: "BAD_REQUEST", message: "Content-Type must be application/x-www-form-urlencoded" }, 400);
    }
    const form = new URLSearchParams(body);
    const client = options.oauth?.[form.get("client_id") ?? ""];
    if (!client) return json({ status: "BAD_CLIENT_ID", message: "missing or unknown client id" }, 400);
    if (form.get("client_secret") !== client.client_secret) {
      return json({ status: "BAD_CLIENT_SECRET", message: "missing or invalid client secret" }, 400);
    }
    if (form.get("grant_type") !== "refresh_token") {
      return json({ status: "BAD_GRANT_TYPE", message: "unsupported grant_type" }, 400);
    }
    const refresh = form.get("refresh_token") ?? "";
    if (!client.refresh_tokens.includes(refresh)) {
      return json({ status: "BAD_REFRESH_TOKEN", message: "missing or invalid refresh token" }, 400);
    }
    const token = `CNfake${crypto.randomUUID().replace(/-/g, "")}`;
    issued.set(token, { scopes: client.scopes, expires: clock() + 1800_000 });
    return json({ token_type: "bearer", refresh_token: refresh, access_token: token, expires_in: 1800 });
  });

  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const body = request.method === "GET" ? "" : new TextDecoder().decode(await request.clone().arrayBuffer());
    const url = new URL(request.url);
    const response = await faults.apply(url, body, await router.fetch(request));
    if (url.pathname === "/oauth/v1/token") return response;
    const headers = new Headers(response.headers);
    const max = options.tenSecondly ?? 190;
    headers.set("X-HubSpot-RateLimit-Interval-Milliseconds", "10000");
    headers.set("X-HubSpot-RateLimit-Max", String(max));
    headers.set("X-HubSpot-RateLimit-Remaining", String(Math.max(0, max - windowHits.length)));
    if (privateApp) {
      headers.set("X-HubSpot-RateLimit-Daily", "500000");
      headers.set("X-HubSpot-RateLimit-Daily-Remaining", String(500000 - daily));
    }
    return new Response(response.body, { status: response.status, headers });
  };

  const record = (type: string, id: string) => {
    const r = table(type).get(id);
    if (!r) throw new Error(`fake hubspot: no ${type} ${id}`);
    return r;
  };

  return {
    fetch,
    requests: router.requests,
    state,
    faults,
    /** The records of a type (archived included), in id order. */
    records: (type: string) => [...table(type).values()].sort(byId),
    /** Makes every OAuth access token issued so far expired. */
    expireAccessTokens() {
      for (const grant of issued.values()) grant.expires = clock() - 1000;
    },
    /** Adds `count` records created and last modified `stepMs` apart from `startMs`. */
    seed(
      type: string,
      count: number,
      startMs: number,
      stepMs: number,
      properties: (i: number) => Record<string, unknown>,
    ) {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        nextId += 1;
        const at = startMs + i * stepMs;
        ids.push(put(type, String(nextId), properties(i), at, at).id);
      }
      return ids;
    },
    /** Creates a record now. */
    create(type: string, properties: Record<string, unknown>): HubspotRecord {
      nextId += 1;
      return put(type, String(nextId), properties, clock(), clock());
    },
    /** Changes properties now (the last-modified property and updatedAt move). */
    update(type: string, id: string, properties: Record<string, unknown>): HubspotRecord {
      const r = record(type, id);
      for (const [k, v] of Object.entries(properties)) r.properties[k] = stringify(v);
      r.updatedAt = iso();
      r.properties[lastModifiedProperty(type)] = r.updatedAt;
      return r;
    },
    /** Archives (deletes) a record: it leaves search and the default list for `archived=true`. */
    archive(type: string, id: string): void {
      const r = record(type, id);
      r.archived = true;
      r.archivedAt = iso();
      r.updatedAt = r.archivedAt;
    },
    /** Associates two records (both directions, as HubSpot keeps associations). */
    associate(fromType: string, fromId: string, toType: string, toId: string): void {
      const a = record(fromType, fromId);
      const b = record(toType, toId);
      a.associations[toType] = [...(a.associations[toType] ?? []), toId];
      b.associations[fromType] = [...(b.associations[fromType] ?? []), fromId];
    },
  };
}

export type HubspotFake = ReturnType<typeof createHubspotFake>;

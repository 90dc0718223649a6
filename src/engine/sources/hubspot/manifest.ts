/**
 * HubSpot as an Airbyte-format declarative manifest, after the CRM v3 API's documented contract
 * (developers.hubspot.com/docs/api/crm/understanding-the-crm, /crm/search, /crm/properties,
 * /crm/associations, /usage-details, /oauth):
 *
 * - The manifest is built per run from what the account says: `GET /crm/v3/properties/{type}`
 *   gives each object's properties, which become the property list of every request and the
 *   stream's inline JSON schema (`property_<name>` columns, as Fivetran names them, typed from
 *   HubSpot's property types). Sensitive properties are left out unless the connection asks.
 * - Each object is one stream with two partitions: `live` and `archived`.
 *   - The first sync (and a re-sync) lists `live` with `GET /crm/v3/objects/{type}` (100 a page,
 *     `after` from `paging.next.after`).
 *   - Later syncs search instead: `POST /crm/v3/objects/{type}/search` with a filter on the
 *     last-modified property (`lastmodifieddate` for contacts, `hs_lastmodifieddate` for the
 *     rest) from the cursor (less a 5-minute lookback for HubSpot's search index lag) to the
 *     run's start, sorted by it. HubSpot refuses a page past the 10,000th result of one
 *     search, so before that the search starts again, its filter anchored on the last
 *     modified date seen (records at that instant are read twice; upserts make that harmless).
 *   - `archived` lists `GET /crm/v3/objects/{type}?archived=true` (the API cannot filter it);
 *     records archived since the cursor become deletes (`_fivetran_deleted` downstream).
 *   A connection with a historical sync limit searches from that date on its first sync too.
 * - Associations between synced objects (contacts → companies, deals → contacts, …) are
 *   streams of their own (`<from>_to_<to>`: from_id, to_id, type), read in full each sync with
 *   `GET /crm/v3/objects/{from}?associations={to}`.
 * - Auth: a private app's access token (Bearer), or OAuth2 (`POST /oauth/v1/token`,
 *   grant_type=refresh_token): the token expires (30 minutes); the engine refreshes it before
 *   expiry and once after a 401 (EXPIRED_AUTHENTICATION), then sends the request again.
 * - 429 (ten-secondly, secondly and search limits): the wait in `Retry-After`, else an
 *   exponential backoff; other 4xx fail the stream with HubSpot's message.
 *
 * Code components registered here (no declarative component expresses them): the paging of a
 * stream that lists or searches by partition (`fivetran.hubspot.Paging`), a results extractor
 * that refuses a page of the wrong shape (`fivetran.hubspot.Results`), the record shaping
 * that flattens properties and turns archived records into deletes (`fivetran.hubspot.Record`),
 * and the association pairs extractor (`fivetran.hubspot.Associations`).
 */

import { DELETED, loadManifest, type Manifest, registerComponent } from "../../declarative/index";
import { ConfigurationError } from "../../errors";

type Json = Record<string, unknown>;

/** HubSpot's API host. */
export const HUBSPOT_API = "https://api.hubapi.com";

/** What a connection syncs when it names no objects. */
export const HUBSPOT_DEFAULT_OBJECTS = ["contacts", "companies", "deals", "tickets"] as const;

/** Records a list or search page asks for. HubSpot allows 100 a list page and (now) 200 a search page. */
export const PAGE_SIZE = 100;

/** HubSpot's search cap: no page may reach past this many results of one search. */
export const SEARCH_CAP = 10_000;

/** The property holding when a record last changed: contacts have their own name for it. */
export function lastModifiedProperty(objectType: string): string {
  return objectType === "contacts" ? "lastmodifieddate" : "hs_lastmodifieddate";
}

/** A property as `GET /crm/v3/properties/{type}` describes it. */
export interface HubspotPropertyInfo {
  name: string;
  type: string;
  dataSensitivity?: string;
}

/** The JSON schema of a property's values, after HubSpot's property types. */
function propertySchema(type: string): Json {
  switch (type) {
    case "number":
      return { type: ["null", "number"] };
    case "bool":
    case "booleancheckbox":
      return { type: ["null", "boolean"] };
    case "datetime":
      return { type: ["null", "string"], format: "date-time" };
    case "date":
      return { type: ["null", "string"], format: "date" };
    default:
      // string, enumeration, phone_number, json…: as HubSpot sends them.
      return { type: ["null", "string"] };
  }
}

/** Prefix of every property column (Fivetran's name for them). */
export const PROPERTY_PREFIX = "property_";

/** A property value (HubSpot sends every one as text) as its type's JSON value. */
export function propertyValue(type: string, raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  const text = String(raw);
  switch (type) {
    case "number": {
      if (text.trim() === "") return null;
      const n = Number(text);
      return Number.isFinite(n) ? n : text;
    }
    case "bool":
    case "booleancheckbox":
      if (text === "") return null;
      return text === "true" ? true : text === "false" ? false : text;
    case "datetime": {
      if (text === "") return null;
      // Older values come as epoch milliseconds; v3 sends ISO 8601.
      if (/^\d{10,}$/.test(text)) return new Date(Number(text)).toISOString();
      return text;
    }
    case "date":
      if (text === "") return null;
      return /^\d{10,}$/.test(text) ? new Date(Number(text)).toISOString().slice(0, 10) : text.slice(0, 10);
    default:
      return text;
  }
}

// ---------------------------------------------------------------------------------------
// Code components.

const PAGING = "fivetran.hubspot.Paging";
const RESULTS = "fivetran.hubspot.Results";
const RECORD = "fivetran.hubspot.Record";
const ASSOCIATIONS = "fivetran.hubspot.Associations";

/** The request a response answered, for messages (the path says whether it was a search). */
function requestOf(url: string): string {
  const u = new URL(url);
  return `${u.pathname.endsWith("/search") ? "POST" : "GET"} ${u.host}${u.pathname}`;
}

/** The next page token: a list's or a search's `after`, and a search's anchor after a restart. */
interface PageToken {
  after: string;
  anchor: string;
}

registerComponent(PAGING, {
  kind: "pagination_strategy",
  initial: () => ({ after: "", anchor: "" }),
  next(response, _records, previous, ctx) {
    const body = response.body as { results?: Json[]; paging?: { next?: { after?: unknown } } };
    const after = body?.paging?.next?.after;
    if (after === undefined || after === null || after === "") return undefined;
    const token = previous as PageToken;
    if (!new URL(response.url).pathname.endsWith("/search")) return { after: String(after), anchor: "" };
    const offset = Number(after);
    if (offset + PAGE_SIZE <= SEARCH_CAP) return { after: String(offset), anchor: token.anchor };
    // The next page would reach past the 10,000th result: search again from the last modified
    // date seen (the results are sorted by it).
    const last = body.results?.at(-1);
    const property = String(ctx.options.lastModified ?? "");
    const at = Date.parse(String((last?.properties as Json | undefined)?.[property] ?? last?.updatedAt ?? ""));
    if (Number.isNaN(at)) {
      throw new ConfigurationError(
        `HubSpot's search (${requestOf(response.url)}) returned a record without a last-modified date`,
        "invalid_response",
      );
    }
    if (token.anchor !== "" && at <= Number(token.anchor)) {
      throw new ConfigurationError(
        `more than ${SEARCH_CAP} HubSpot records share the last-modified time ${new Date(at).toISOString()} (${requestOf(response.url)}): the search cannot page past them; re-sync the table`,
        "search_cap",
      );
    }
    return { after: "", anchor: String(at) };
  },
});

registerComponent(RESULTS, {
  kind: "extractor",
  extract(response, ctx) {
    const body = response.body as { results?: unknown } | undefined;
    if (!body || !Array.isArray(body.results)) {
      throw new ConfigurationError(
        `stream '${String(ctx.options.stream)}': ${requestOf(response.url)} answered without a results list`,
        "invalid_response",
      );
    }
    const out = body.results as Json[];
    for (const record of out) {
      if (!record || typeof record !== "object" || typeof record.id !== "string") {
        throw new ConfigurationError(
          `stream '${String(ctx.options.stream)}': ${requestOf(response.url)} answered with a result without an id`,
          "invalid_response",
        );
      }
    }
    return out;
  },
});

registerComponent(RECORD, {
  kind: "transformation",
  transform(record, ctx) {
    const slice = ctx.stream_slice;
    if (slice.feed === "archived") {
      // HubSpot cannot filter archived lists: what was archived before the window was
      // delivered by an earlier sync.
      const at = Date.parse(String(record.archivedAt ?? record.updatedAt ?? ""));
      const from = Number(slice.start_time ?? 0);
      if (!Number.isNaN(at) && at < from) return undefined;
      return { id: record.id, [DELETED]: true };
    }
    const types = ctx.options.types as Record<string, string>;
    const properties = (record.properties ?? {}) as Json;
    const out: Json = { id: record.id, createdAt: record.createdAt ?? null, updatedAt: record.updatedAt ?? null };
    for (const [name, type] of Object.entries(types)) {
      out[`${PROPERTY_PREFIX}${name}`] = propertyValue(type, properties[name]);
    }
    return out;
  },
});

registerComponent(ASSOCIATIONS, {
  kind: "extractor",
  extract(response, ctx) {
    const body = response.body as { results?: unknown } | undefined;
    if (!body || !Array.isArray(body.results)) {
      throw new ConfigurationError(
        `stream '${String(ctx.options.stream)}': ${requestOf(response.url)} answered without a results list`,
        "invalid_response",
      );
    }
    const to = String(ctx.options.to);
    const out: Json[] = [];
    for (const record of body.results as Json[]) {
      const linked = ((record?.associations as Json | undefined)?.[to] as { results?: Json[] } | undefined)?.results;
      for (const link of linked ?? []) {
        out.push({ from_id: String(record.id), to_id: String(link.id), type: String(link.type ?? "") });
      }
    }
    return out;
  },
});

// ---------------------------------------------------------------------------------------
// The manifest.

/** Association streams: HubSpot keeps each association both ways, so one direction is read. */
export const ASSOCIATION_PAIRS: readonly [string, string][] = [
  ["contacts", "companies"],
  ["deals", "contacts"],
  ["deals", "companies"],
  ["tickets", "contacts"],
  ["tickets", "companies"],
  ["tickets", "deals"],
];

export function associationStream(from: string, to: string): string {
  return `${from}_to_${to}`;
}

/** The columns of an object's stream, from its properties. */
export function objectSchema(properties: HubspotPropertyInfo[]): Json {
  return {
    type: "object",
    properties: {
      id: { type: "string" },
      createdAt: { type: ["null", "string"], format: "date-time" },
      updatedAt: { type: ["null", "string"], format: "date-time" },
      ...Object.fromEntries(properties.map((p) => [`${PROPERTY_PREFIX}${p.name}`, propertySchema(p.type)])),
    },
  };
}

/** Whether a slice searches (a later sync's live partition) or lists. */
const SEARCH = "(stream_partition.feed == 'live' and (stream_interval.start_time | int) > 0)";

function objectStream(type: string, properties: HubspotPropertyInfo[]): Json {
  const modified = lastModifiedProperty(type);
  const names = properties.map((p) => p.name);
  const path = `objects/${encodeURIComponent(type)}`;
  return {
    type: "DeclarativeStream",
    name: type,
    primary_key: "id",
    schema_loader: { type: "InlineSchemaLoader", schema: objectSchema(properties) },
    incremental_sync: {
      type: "DatetimeBasedCursor",
      cursor_field: "updatedAt",
      datetime_format: "%ms",
      cursor_datetime_formats: ["%Y-%m-%dT%H:%M:%S.%fZ", "%Y-%m-%dT%H:%M:%SZ"],
      start_datetime: "{{ config.start_ms }}",
      // HubSpot's search index trails writes by seconds.
      lookback_window: "PT5M",
    },
    retriever: {
      type: "SimpleRetriever",
      requester: {
        $ref: "#/definitions/requester",
        path: `{{ '${path}/search' if ${SEARCH} else '${path}' }}`,
        http_method: `{{ 'POST' if ${SEARCH} else 'GET' }}`,
        request_parameters: {
          limit: `{{ '' if ${SEARCH} else ${PAGE_SIZE} }}`,
          archived: `{{ '' if ${SEARCH} else ('true' if stream_partition.feed == 'archived' else 'false') }}`,
          // An archived record is a delete: its id is all it needs.
          properties: `{{ '' if ${SEARCH} else ('hs_object_id' if stream_partition.feed == 'archived' else '${names.join(",")}') }}`,
          after: `{{ '' if ${SEARCH} else next_page_token.next_page_token.after }}`,
        },
        request_body_json: {
          filterGroups: [
            {
              filters: [
                {
                  propertyName: modified,
                  operator: "GTE",
                  value: "{{ next_page_token.next_page_token.anchor or stream_interval.start_time }}",
                },
                { propertyName: modified, operator: "LTE", value: "{{ stream_interval.end_time }}" },
              ],
            },
          ],
          sorts: [{ propertyName: modified, direction: "ASCENDING" }],
          properties: names,
          limit: PAGE_SIZE,
          after: "{{ next_page_token.next_page_token.after }}",
        },
      },
      record_selector: {
        type: "RecordSelector",
        extractor: { type: "CustomRecordExtractor", class_name: RESULTS, options: { stream: type } },
      },
      paginator: {
        type: "DefaultPaginator",
        pagination_strategy: {
          type: "CustomPaginationStrategy",
          class_name: PAGING,
          options: { lastModified: modified },
        },
      },
      partition_router: { type: "ListPartitionRouter", values: ["live", "archived"], cursor_field: "feed" },
    },
    transformations: [
      {
        type: "CustomTransformation",
        class_name: RECORD,
        options: { types: Object.fromEntries(properties.map((p) => [p.name, p.type])) },
      },
    ],
  };
}

function associationsStream(from: string, to: string): Json {
  const name = associationStream(from, to);
  return {
    type: "DeclarativeStream",
    name,
    primary_key: ["from_id", "to_id", "type"],
    schema_loader: {
      type: "InlineSchemaLoader",
      schema: {
        type: "object",
        properties: { from_id: { type: "string" }, to_id: { type: "string" }, type: { type: "string" } },
      },
    },
    retriever: {
      type: "SimpleRetriever",
      requester: {
        $ref: "#/definitions/requester",
        path: `objects/${encodeURIComponent(from)}`,
        http_method: "GET",
        request_parameters: { associations: to, properties: "hs_object_id", archived: "false" },
      },
      record_selector: {
        type: "RecordSelector",
        extractor: { type: "CustomRecordExtractor", class_name: ASSOCIATIONS, options: { stream: name, to } },
      },
      paginator: {
        type: "DefaultPaginator",
        pagination_strategy: {
          type: "CursorPagination",
          cursor_value: "{{ response.paging.next.after }}",
          stop_condition: "{{ not response.paging }}",
          page_size: PAGE_SIZE,
        },
        page_size_option: { type: "RequestOption", inject_into: "request_parameter", field_name: "limit" },
        page_token_option: { type: "RequestOption", inject_into: "request_parameter", field_name: "after" },
      },
    },
  };
}

/** How the manifest authenticates: a private app's token, or OAuth2 with a refresh token. */
export type HubspotAuth = "private_app" | "oauth";

/** The manifest for a connection's objects, their properties and its auth. */
export function hubspotManifest(objects: { type: string; properties: HubspotPropertyInfo[] }[], auth: HubspotAuth) {
  const synced = new Set(objects.map((o) => o.type));
  const pairs = ASSOCIATION_PAIRS.filter(([from, to]) => synced.has(from) && synced.has(to));
  const authenticator =
    auth === "oauth"
      ? {
          type: "OAuthAuthenticator",
          token_refresh_endpoint: `${HUBSPOT_API}/oauth/v1/token`,
          client_id: "{{ config.client_id }}",
          client_secret: "{{ config.client_secret }}",
          refresh_token: "{{ config.refresh_token }}",
          grant_type: "refresh_token",
          access_token_value: "{{ config.oauth_access_token }}",
          token_expiry_date: "{{ config.oauth_expires_at }}",
        }
      : { type: "BearerAuthenticator", api_token: "{{ config.access_token }}" };
  const manifest: Manifest = loadManifest({
    version: "6.44.0",
    type: "DeclarativeSource",
    description: "HubSpot CRM v3 (fivetran.do): lists, then searches by last-modified date; archived as deletes",
    definitions: {
      requester: {
        type: "HttpRequester",
        url_base: `${HUBSPOT_API}/crm/v3`,
        authenticator,
        error_handler: {
          type: "DefaultErrorHandler",
          max_retries: 10,
          backoff_strategies: [
            { type: "WaitTimeFromHeader", header: "Retry-After", max_waiting_time_in_seconds: 120 },
            { type: "ExponentialBackoffStrategy", factor: 1 },
          ],
          response_filters: [{ type: "HttpResponseFilter", http_codes: [429], action: "RATE_LIMITED" }],
        },
      },
    },
    streams: [
      ...objects.map((o) => objectStream(o.type, o.properties)),
      ...pairs.map(([from, to]) => associationsStream(from, to)),
    ],
    check: { type: "CheckStream", stream_names: [objects[0]?.type ?? "contacts"] },
  });
  return manifest;
}

/**
 * Salesforce as an Airbyte-format declarative manifest, after the REST API's documented
 * contract (developer.salesforce.com/docs/atlas.en-us.api_rest.meta):
 *
 * - The manifest is built per run from what the org says: an OAuth token request gives the
 *   instance URL (the manifest's `url_base`), and `sobjects/{name}/describe` gives each
 *   object's fields, which become the SOQL field list and the stream's inline JSON schema
 *   (typed from Salesforce's field types). Formula (calculated) fields are left out unless
 *   `sync_formula_fields`; base64 fields always (SOQL cannot return them in bulk).
 * - Reads go through `queryAll` (`SELECT … FROM X WHERE SystemModstamp >= start AND
 *   SystemModstamp < end+1s ORDER BY SystemModstamp, Id`), which also returns deleted rows
 *   still in the recycle bin: `IsDeleted` marks them `$deleted` (soft deletes downstream).
 *   Pages follow `nextRecordsUrl` until `done`. Yearly windows from the org's CreatedDate on
 *   the first sync (a checkpoint after each); later syncs one window from the cursor less a
 *   5-minute lookback (a save commits after its SystemModstamp is stamped), up to the run's
 *   start (the pass's signpost, where the next run re-anchors).
 * - OAuth2 refresh-token (or client-credentials on a My Domain) through the engine's
 *   OAuthAuthenticator: Salesforce's token answer has no expiry, so a 401 INVALID_SESSION_ID
 *   refreshes it once and the request is sent again.
 * - 403 REQUEST_LIMIT_EXCEEDED fails the run as rate limited; with `api_usage_limit` (a
 *   percentage), every answer's `Sforce-Limit-Info: api-usage=used/max` is checked and the
 *   run stops once the org's usage reaches it.
 */

import { loadManifest, type Manifest, manifestReader, registerComponent } from "../../declarative/index";
import { AuthError, ConfigurationError, RateLimitedError } from "../../errors";
import type { ConnectorContext, SourceReader } from "../../protocol";
import { HttpClient } from "../../toolkit/http-client";

/** The config fields the manifest needs (index.ts's config type, without importing it). */
export interface SalesforceManifestConfig {
  schema: string;
  base_url?: string;
  client_id: string;
  client_secret: string;
  refresh_token?: string;
  objects?: string[];
  api_usage_limit?: number;
  sync_formula_fields?: boolean;
}

export const SALESFORCE_LOGIN_URL = "https://login.salesforce.com";
export const SALESFORCE_VERSION = "62.0";
/** What a connection syncs when it names no objects. */
export const SALESFORCE_DEFAULT_OBJECTS = ["Account", "Contact", "Opportunity", "Lead"];

interface DescribedField {
  name: string;
  type: string;
  calculated?: boolean;
  nillable?: boolean;
}

interface Described {
  name: string;
  fields: DescribedField[];
}

const QUERY_RESULT = "fivetran.salesforce.QueryResult";

/**
 * A query (or query-more) result's records. A DpathExtractor would take a body without
 * `records` or `done` (JSON of the wrong shape, an error page served as 200) as an empty last
 * page, a silent partial sync; this fails it, naming the object and the request.
 */
registerComponent(QUERY_RESULT, {
  kind: "extractor",
  extract(response, ctx) {
    const body = response.body as { records?: unknown; done?: unknown } | undefined;
    if (!body || !Array.isArray(body.records) || typeof body.done !== "boolean") {
      // The engine prefixes the request (method, host, path and query).
      throw new ConfigurationError(
        `Salesforce answered the ${String(ctx.options.object)} query with something other than a query result (no records and done)`,
        "invalid_response",
      );
    }
    return body.records as Record<string, unknown>[];
  },
});

/** Salesforce field types as JSON schema. */
function jsonType(field: DescribedField): Record<string, unknown> {
  const nullable = (t: string) => (field.name === "Id" ? t : ["null", t]);
  switch (field.type) {
    case "boolean":
      return { type: nullable("boolean") };
    case "int":
      return { type: nullable("integer") };
    case "double":
    case "currency":
    case "percent":
      return { type: nullable("number") };
    case "date":
      return { type: nullable("string"), format: "date" };
    case "datetime":
      return { type: nullable("string"), format: "date-time" };
    case "address":
    case "location":
      return { type: nullable("object") };
    case "anyType":
    case "complexvalue":
      return {};
    default:
      return { type: nullable("string") };
  }
}

function stream(described: Described, config: SalesforceManifestConfig): Record<string, unknown> {
  const fields = described.fields.filter(
    (f) => f.type !== "base64" && (config.sync_formula_fields === true || f.calculated !== true),
  );
  const names = fields.map((f) => f.name);
  const cursor = names.includes("SystemModstamp")
    ? "SystemModstamp"
    : names.includes("LastModifiedDate")
      ? "LastModifiedDate"
      : undefined;
  const where = cursor
    ? ` WHERE ${cursor} >= {{ stream_interval.start_time }} AND ${cursor} < {{ format_datetime(timestamp(stream_interval.end_time) + 1, '%Y-%m-%dT%H:%M:%SZ') }} ORDER BY ${cursor} ASC, Id ASC`
    : " ORDER BY Id ASC";
  const soql = `SELECT ${names.join(", ")} FROM ${described.name}${where}`;
  return {
    type: "DeclarativeStream",
    name: described.name,
    primary_key: "Id",
    schema_loader: {
      type: "InlineSchemaLoader",
      schema: { type: "object", properties: Object.fromEntries(fields.map((f) => [f.name, jsonType(f)])) },
    },
    ...(cursor
      ? {
          incremental_sync: {
            type: "DatetimeBasedCursor",
            cursor_field: cursor,
            datetime_format: "%Y-%m-%dT%H:%M:%SZ",
            cursor_datetime_formats: ["%Y-%m-%dT%H:%M:%S.%f%z"],
            // The org's creation: no record's SystemModstamp is older (see `orgCreated`).
            start_datetime: "{{ config.start_date }}",
            step: "P1Y",
            cursor_granularity: "PT1S",
            lookback_window: "PT5M",
          },
        }
      : {}),
    retriever: {
      type: "SimpleRetriever",
      // The SOQL rides in the path's query: the next page is the nextRecordsUrl as given.
      requester: { $ref: "#/definitions/requester", path: `services/data/v${SALESFORCE_VERSION}/queryAll?q=${soql}` },
      record_selector: {
        type: "RecordSelector",
        extractor: { type: "CustomRecordExtractor", class_name: QUERY_RESULT, options: { object: described.name } },
      },
      paginator: {
        type: "DefaultPaginator",
        pagination_strategy: {
          type: "CursorPagination",
          cursor_value: "{{ response.nextRecordsUrl }}",
          stop_condition: "{{ response.done }}",
        },
        page_token_option: { type: "RequestPath" },
      },
    },
    transformations: [
      { type: "RemoveFields", field_pointers: [["attributes"]] },
      {
        type: "AddFields",
        fields: [{ path: ["$deleted"], value: "{{ record.IsDeleted == true }}", value_type: "boolean" }],
      },
    ],
  };
}

/** The manifest of the described objects, reading from `instanceUrl`. */
export function salesforceManifest(
  config: SalesforceManifestConfig,
  instanceUrl: string,
  objects: Described[],
): Manifest {
  const usage = config.api_usage_limit
    ? [
        {
          type: "HttpResponseFilter",
          predicate:
            "{{ headers['sforce-limit-info'] and ((headers['sforce-limit-info'].split('=')[1].split('/')[0] | int) * 100 >= (headers['sforce-limit-info'].split('/')[1] | int) * config.api_usage_limit) }}",
          action: "FAIL",
          failure_type: "transient_error",
          error_message:
            "API usage reached api_usage_limit ({{ config.api_usage_limit }}% of the daily requests, {{ headers['sforce-limit-info'] }})",
        },
      ]
    : [];
  return loadManifest({
    version: "6.44.0",
    type: "DeclarativeSource",
    description: "Salesforce (fivetran.do): queryAll by SystemModstamp, deletes from IsDeleted",
    definitions: {
      requester: {
        type: "HttpRequester",
        url_base: instanceUrl,
        http_method: "GET",
        request_headers: { "Sforce-Query-Options": "batchSize=2000" },
        authenticator: {
          type: "OAuthAuthenticator",
          token_refresh_endpoint: "{{ config.login_url }}/services/oauth2/token",
          client_id: "{{ config.client_id }}",
          client_secret: "{{ config.client_secret }}",
          // The token describe obtained: the run starts with it and refreshes it after a 401.
          access_token_value: "{{ config.access_token }}",
          ...(config.refresh_token
            ? { grant_type: "refresh_token", refresh_token: "{{ config.refresh_token }}" }
            : { grant_type: "client_credentials" }),
        },
        error_handler: {
          type: "DefaultErrorHandler",
          max_retries: 8,
          // Salesforce's Retry-After where it sends one (429); the client's jittered backoff otherwise.
          backoff_strategies: [{ type: "WaitTimeFromHeader", header: "Retry-After", max_waiting_time_in_seconds: 120 }],
          response_filters: [
            {
              // The org's rolling 24-hour allowance is spent: waiting minutes cannot help.
              type: "HttpResponseFilter",
              http_codes: [403],
              error_message_contains: "TotalRequests Limit exceeded",
              action: "FAIL",
              failure_type: "transient_error",
              error_message:
                "Salesforce's daily API request limit is exhausted (REQUEST_LIMIT_EXCEEDED: TotalRequests)",
            },
            {
              // Concurrent-request limits (ConcurrentPerOrgLongTxn…) clear as other requests end.
              type: "HttpResponseFilter",
              http_codes: [403],
              error_message_contains: "REQUEST_LIMIT_EXCEEDED",
              action: "RATE_LIMITED",
            },
            { type: "HttpResponseFilter", http_codes: [429], action: "RATE_LIMITED" },
            ...usage,
          ],
        },
      },
    },
    streams: objects.map((o) => stream(o, config)),
    check: { type: "CheckStream", stream_names: [objects[0]?.name ?? "Account"] },
  });
}

/** The values the manifest's templates see as `config` (the reader adds the token and the org's start). */
export function salesforceValues(config: SalesforceManifestConfig): Record<string, unknown> {
  return {
    login_url: config.base_url ?? SALESFORCE_LOGIN_URL,
    start_date: SALESFORCE_EPOCH,
    client_id: config.client_id,
    client_secret: config.client_secret,
    refresh_token: config.refresh_token,
    api_usage_limit: config.api_usage_limit,
  };
}

/** REST errors are `[{message, errorCode}]`, OAuth errors `{error, error_description}`. */
function salesforceMessage(body: unknown): string | undefined {
  const first = Array.isArray(body) ? (body[0] as { message?: unknown; errorCode?: unknown } | undefined) : undefined;
  if (first && typeof first.message === "string") {
    return typeof first.errorCode === "string" ? `${first.errorCode}: ${first.message}` : first.message;
  }
  const oauth = body as { error?: unknown; error_description?: unknown } | undefined;
  if (oauth && typeof oauth.error === "string") {
    return typeof oauth.error_description === "string" ? `${oauth.error}: ${oauth.error_description}` : oauth.error;
  }
  return undefined;
}

function client(ctx: ConnectorContext): HttpClient {
  return new HttpClient({
    fetch: ctx.fetch,
    signal: ctx.signal,
    vendor: "Salesforce",
    now: () => ctx.now(),
    errorMessage: salesforceMessage,
    // The org's daily allowance spent is a rate limit, not a credentials problem.
    classify: (response, message) =>
      response.status === 403 && message?.includes("REQUEST_LIMIT_EXCEEDED")
        ? new RateLimitedError(`Salesforce's daily API request limit is exhausted (${message})`)
        : undefined,
  });
}

/** A token and the instance URL, as the OAuth token endpoint answers them. */
async function token(config: SalesforceManifestConfig, ctx: ConnectorContext) {
  const form = new URLSearchParams({ client_id: config.client_id, client_secret: config.client_secret });
  if (config.refresh_token) {
    form.set("grant_type", "refresh_token");
    form.set("refresh_token", config.refresh_token);
  } else {
    form.set("grant_type", "client_credentials");
  }
  const body = await client(ctx)
    .json<{ access_token?: string; instance_url?: string }>(
      `${config.base_url ?? SALESFORCE_LOGIN_URL}/services/oauth2/token`,
      {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
        body: form.toString(),
      },
    )
    .catch((error: unknown) => {
      // The token endpoint answers a bad grant or client with 400: a credentials problem.
      if (error instanceof ConfigurationError) throw new AuthError(error.message, { cause: error });
      throw error;
    });
  if (!body.access_token || !body.instance_url?.startsWith("https://")) {
    throw new AuthError("Salesforce's token response lacks access_token or an https instance_url");
  }
  return { accessToken: body.access_token, instanceUrl: body.instance_url.replace(/\/+$/, "") };
}

/** Describes the objects a connection syncs; one not visible or not queryable fails naming it. */
async function describe(config: SalesforceManifestConfig, ctx: ConnectorContext) {
  const { accessToken, instanceUrl } = await token(config, ctx);
  const http = client(ctx);
  const described: Described[] = [];
  for (const name of config.objects ?? SALESFORCE_DEFAULT_OBJECTS) {
    const body = await http
      .json<{ name?: string; queryable?: boolean; fields?: DescribedField[] }>(
        `${instanceUrl}/services/data/v${SALESFORCE_VERSION}/sobjects/${encodeURIComponent(name)}/describe`,
        { headers: { Authorization: `Bearer ${accessToken}`, Accept: "application/json" } },
      )
      .catch((error: unknown) => {
        if (error instanceof Error) error.message = `describing ${name}: ${error.message}`;
        throw error;
      });
    if (body.queryable === false)
      throw new ConfigurationError(`Salesforce object ${name} is not queryable`, "not_queryable");
    if (!Array.isArray(body.fields) || !body.fields.some((f) => f.name === "Id")) {
      throw new ConfigurationError(`Salesforce's describe of ${name} lists no Id field`, "invalid_response");
    }
    described.push({ name: body.name ?? name, fields: body.fields });
  }
  return { accessToken, instanceUrl, described, startDate: await orgCreated(http, instanceUrl, accessToken) };
}

/** Where a first sync's windows start when the org does not say. */
const SALESFORCE_EPOCH = "2000-01-01T00:00:00Z";

/**
 * The org's CreatedDate (`SELECT CreatedDate FROM Organization`), as the first window's start:
 * SystemModstamp is set by the platform on every save, so no record is older (imported audit
 * fields set CreatedDate, never SystemModstamp). One query instead of a year's window per
 * object for every year since 2000.
 */
async function orgCreated(http: HttpClient, instanceUrl: string, accessToken: string): Promise<string> {
  const soql = encodeURIComponent("SELECT CreatedDate FROM Organization");
  const body = await http.json<{ records?: { CreatedDate?: unknown }[] }>(
    `${instanceUrl}/services/data/v${SALESFORCE_VERSION}/query?q=${soql}`,
    { headers: { Authorization: `Bearer ${accessToken}`, Accept: "application/json" } },
  );
  const created = body.records?.[0]?.CreatedDate;
  const at = typeof created === "string" ? Date.parse(created.replace(/([+-]\d\d)(\d\d)$/, "$1:$2")) : Number.NaN;
  return Number.isNaN(at) ? SALESFORCE_EPOCH : `${new Date(at).toISOString().slice(0, 19)}Z`;
}

/**
 * The reader: a token and describe (the manifest's `url_base` and field lists come from the
 * org), then the manifest on the engine. Discovery and every session describe afresh, so a
 * field added in Salesforce is read from the next sync on.
 */
export function salesforceReader<C extends SalesforceManifestConfig>(): SourceReader<C> {
  const delegate = async (config: C, ctx: ConnectorContext) => {
    const { accessToken, instanceUrl, described, startDate } = await describe(config, ctx);
    const manifest = salesforceManifest(config, instanceUrl, described);
    return manifestReader<C>({
      manifest: () => manifest,
      values: (c) => ({ ...salesforceValues(c), access_token: accessToken, start_date: startDate }),
      namespace: (c) => c.schema,
      vendor: "Salesforce",
    });
  };
  return {
    async discover(config, ctx, hints) {
      return (await delegate(config, ctx)).discover(config, ctx, hints);
    },
    async open(config, ctx) {
      return (await delegate(config, ctx)).open(config, ctx);
    },
  };
}

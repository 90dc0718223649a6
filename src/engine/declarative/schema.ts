/**
 * The zod schemas of the Airbyte declarative components this engine runs, after Airbyte's
 * `declarative_component_schema.yaml` (read to learn the field names and meanings; written
 * here from scratch). Every component object is strict: a field we do not implement fails
 * validation at its JSON path, and so does a `type` we do not run (`unsupported type 'Foo'`).
 *
 * `$parameters` have been propagated (manifest.ts) before these run: a component's unset
 * fields that its `$parameters` name are filled from them (Airbyte's rule: `name`, `path`,
 * `primary_key`… set once on a stream reach the requester and the rest).
 */
import { z } from "zod";
import { componentKind } from "./components";

type Shape = Record<string, z.ZodType>;

const parameters = z.record(z.string(), z.unknown());

/** A component of `type` with `shape`: strict, `$parameters` allowed, unset fields filled from them. */
function component<T extends string, S extends Shape>(type: T, shape: S) {
  const keys = Object.keys(shape);
  const schema = z.strictObject({ type: z.literal(type), $parameters: parameters.optional(), ...shape });
  return z.preprocess((value) => {
    if (!value || typeof value !== "object" || Array.isArray(value)) return value;
    const input = value as Record<string, unknown>;
    const params = input.$parameters as Record<string, unknown> | undefined;
    const out: Record<string, unknown> = { type, ...input };
    if (params && typeof params === "object") {
      for (const key of keys) if (out[key] === undefined && params[key] !== undefined) out[key] = params[key];
    }
    return out;
  }, schema);
}

/**
 * One of several component types, chosen by `type` (or `fallback` when it is absent, as
 * Airbyte infers it from the field). An unknown type fails with `unsupported type '…'`.
 */
function oneOf<K extends Record<string, z.ZodType>>(kinds: K, fallback?: keyof K & string) {
  return z.any().transform((value, ctx): z.output<K[keyof K]> => {
    if (!value || typeof value !== "object" || Array.isArray(value)) {
      ctx.addIssue({ code: "custom", message: `expected a component object, got ${describe(value)}` });
      return z.NEVER;
    }
    const type = (value as { type?: unknown }).type ?? fallback;
    if (typeof type !== "string") {
      ctx.addIssue({ code: "custom", message: "a component needs a string 'type'" });
      return z.NEVER;
    }
    const schema = Object.hasOwn(kinds, type) ? kinds[type] : undefined;
    if (!schema) {
      ctx.addIssue({
        code: "custom",
        message: `unsupported type '${type}' (supported here: ${Object.keys(kinds).join(", ")})`,
      });
      return z.NEVER;
    }
    const result = schema.safeParse(
      fallback && (value as { type?: unknown }).type === undefined ? { ...value, type } : value,
    );
    if (!result.success) {
      for (const issue of result.error.issues) ctx.addIssue({ ...(issue as z.core.$ZodIssueCustom) });
      return z.NEVER;
    }
    return result.data as z.output<K[keyof K]>;
  });
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? `the string '${value.slice(0, 60)}'` : typeof value;
}

/** A `class_name` of a code component registered for `kind` (components.ts). */
function className(kind: Parameters<typeof componentKind>[1]) {
  return z.string().superRefine((name, ctx) => {
    const problem = componentKind(name, kind);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}

const custom = <T extends string>(type: T, kind: Parameters<typeof componentKind>[1]) =>
  component(type, { class_name: className(kind), options: z.record(z.string(), z.unknown()).optional() });

// A template or a literal: Airbyte's interpolated fields take both.
const text = z.string();
const numberish = z.union([z.number(), z.string()]);
/** A map of interpolated values, or one template that renders to a map. */
const mapping = z.union([z.record(z.string(), z.unknown()), z.string()]);

// ---------------------------------------------------------------------------------------
// Request options.

export const RequestOption = component("RequestOption", {
  inject_into: z.enum(["request_parameter", "header", "body_data", "body_json"]),
  field_name: text,
});
export type RequestOption = z.output<typeof RequestOption>;

const RequestPath = component("RequestPath", {});

// ---------------------------------------------------------------------------------------
// Authenticators.

const ApiKeyAuthenticator = component("ApiKeyAuthenticator", {
  api_token: text.optional(),
  header: text.optional(),
  inject_into: RequestOption.optional(),
}).superRefine((auth, ctx) => {
  if (!auth.header && !auth.inject_into) ctx.addIssue({ code: "custom", message: "needs 'header' or 'inject_into'" });
  if (auth.inject_into?.inject_into === "body_data" || auth.inject_into?.inject_into === "body_json") {
    ctx.addIssue({
      code: "custom",
      path: ["inject_into", "inject_into"],
      message: "an API key goes in a header or the query",
    });
  }
});

const BearerAuthenticator = component("BearerAuthenticator", { api_token: text });
const BasicHttpAuthenticator = component("BasicHttpAuthenticator", { username: text, password: text.optional() });

const OAuthAuthenticator = component("OAuthAuthenticator", {
  token_refresh_endpoint: text,
  client_id: text.optional(),
  client_secret: text.optional(),
  refresh_token: text.optional(),
  grant_type: z.enum(["refresh_token", "client_credentials"]).or(text).optional(),
  scopes: z.array(z.string()).optional(),
  access_token_name: text.optional(),
  expires_in_name: text.optional(),
  refresh_request_body: z.record(z.string(), z.unknown()).optional(),
  refresh_request_headers: z.record(z.string(), z.unknown()).optional(),
  /** A token already held (used until it expires or a 401 says otherwise). */
  access_token_value: text.optional(),
  token_expiry_date: text.optional(),
  token_expiry_date_format: text.optional(),
}).superRefine((auth, ctx) => {
  const grant = auth.grant_type ?? "refresh_token";
  if (grant !== "refresh_token" && grant !== "client_credentials") {
    ctx.addIssue({ code: "custom", path: ["grant_type"], message: `unsupported grant_type '${grant}'` });
  }
  if (grant === "refresh_token" && !auth.refresh_token) {
    ctx.addIssue({ code: "custom", path: ["refresh_token"], message: "required with grant_type refresh_token" });
  }
});

const requesterShape = {
  url_base: text,
  path: text.optional(),
  /**
   * GET or POST, or a template rendering to one of them (our extension, as `path` is one: a
   * stream whose partitions read different endpoints, such as a search and a list).
   */
  http_method: z
    .union([z.enum(["GET", "POST"]), z.string().regex(/\{\{|\{%/, "expected GET, POST or a template")])
    .optional(),
  request_parameters: mapping.optional(),
  request_headers: mapping.optional(),
  request_body_json: mapping.optional(),
  request_body_data: mapping.optional(),
  error_handler: z.lazy(() => oneOf({ DefaultErrorHandler }, "DefaultErrorHandler")).optional(),
  /** A response cache hint for Airbyte's builder: results are the same without it. */
  use_cache: z.boolean().optional(),
};

/** The login request of a SessionTokenAuthenticator: an HttpRequester without its own auth. */
const LoginRequester = component("HttpRequester", requesterShape);

const SessionTokenAuthenticator = component("SessionTokenAuthenticator", {
  login_requester: LoginRequester,
  session_token_path: z.array(z.string()).min(1),
  expiration_duration: text.optional(),
  request_authentication: oneOf({
    ApiKey: component("ApiKey", { inject_into: RequestOption }),
    Bearer: component("Bearer", {}),
  }),
});

const NoAuth = component("NoAuth", {});

export const Authenticator = oneOf({
  ApiKeyAuthenticator,
  BearerAuthenticator,
  BasicHttpAuthenticator,
  OAuthAuthenticator,
  SessionTokenAuthenticator,
  NoAuth,
  CustomAuthenticator: custom("CustomAuthenticator", "authenticator"),
});
export type Authenticator = z.output<typeof Authenticator>;

// ---------------------------------------------------------------------------------------
// Error handling.

const BackoffStrategy = oneOf({
  ConstantBackoffStrategy: component("ConstantBackoffStrategy", { backoff_time_in_seconds: numberish }),
  ExponentialBackoffStrategy: component("ExponentialBackoffStrategy", { factor: numberish.optional() }),
  WaitTimeFromHeader: component("WaitTimeFromHeader", {
    header: text,
    regex: z.string().optional(),
    max_waiting_time_in_seconds: z.number().optional(),
  }),
  WaitUntilTimeFromHeader: component("WaitUntilTimeFromHeader", {
    header: text,
    min_wait: numberish.optional(),
    regex: z.string().optional(),
  }),
  CustomBackoffStrategy: custom("CustomBackoffStrategy", "backoff_strategy"),
});
export type BackoffStrategy = z.output<typeof BackoffStrategy>;

const HttpResponseFilter = component("HttpResponseFilter", {
  action: z.enum(["SUCCESS", "FAIL", "RETRY", "IGNORE", "RATE_LIMITED"]).optional(),
  http_codes: z.array(z.number().int()).optional(),
  error_message_contains: z.string().optional(),
  predicate: text.optional(),
  error_message: text.optional(),
  failure_type: z.enum(["system_error", "config_error", "transient_error"]).optional(),
}).superRefine((filter, ctx) => {
  if (!filter.http_codes && !filter.error_message_contains && !filter.predicate) {
    ctx.addIssue({ code: "custom", message: "needs http_codes, error_message_contains or predicate" });
  }
});
export type HttpResponseFilter = z.output<typeof HttpResponseFilter>;

const DefaultErrorHandler = component("DefaultErrorHandler", {
  response_filters: z.array(oneOf({ HttpResponseFilter }, "HttpResponseFilter")).optional(),
  backoff_strategies: z.array(BackoffStrategy).optional(),
  max_retries: z.number().int().min(0).optional(),
  max_time: z.number().positive().optional(),
});
export type DefaultErrorHandler = z.output<typeof DefaultErrorHandler>;

// ---------------------------------------------------------------------------------------
// Requester.

const HttpRequesterBase = component("HttpRequester", {
  ...requesterShape,
  authenticator: Authenticator.optional(),
});

export const HttpRequester = HttpRequesterBase.superRefine((requester, ctx) => {
  if (requester.request_body_json !== undefined && requester.request_body_data !== undefined) {
    ctx.addIssue({ code: "custom", message: "set request_body_json or request_body_data, not both" });
  }
});
export type HttpRequester = z.output<typeof HttpRequesterBase>;

// ---------------------------------------------------------------------------------------
// Records.

const DpathExtractor = component("DpathExtractor", { field_path: z.array(z.string()) });

export const Extractor = oneOf(
  { DpathExtractor, CustomRecordExtractor: custom("CustomRecordExtractor", "extractor") },
  "DpathExtractor",
);
export type Extractor = z.output<typeof Extractor>;

const RecordFilter = component("RecordFilter", { condition: text });

export const RecordSelector = component("RecordSelector", {
  extractor: Extractor,
  record_filter: oneOf({ RecordFilter }, "RecordFilter").optional(),
  schema_normalization: z.literal("None").optional(),
});
export type RecordSelector = z.output<typeof RecordSelector>;

// ---------------------------------------------------------------------------------------
// Pagination.

const CursorPagination = component("CursorPagination", {
  cursor_value: text,
  stop_condition: text.optional(),
  page_size: numberish.optional(),
});
const OffsetIncrement = component("OffsetIncrement", {
  page_size: numberish.optional(),
  inject_on_first_request: z.boolean().optional(),
});
const PageIncrement = component("PageIncrement", {
  page_size: numberish.optional(),
  start_from_page: z.number().int().optional(),
  inject_on_first_request: z.boolean().optional(),
});

export const PaginationStrategy = oneOf({
  CursorPagination,
  OffsetIncrement,
  PageIncrement,
  CustomPaginationStrategy: custom("CustomPaginationStrategy", "pagination_strategy"),
});
export type PaginationStrategy = z.output<typeof PaginationStrategy>;

const DefaultPaginator = component("DefaultPaginator", {
  pagination_strategy: PaginationStrategy,
  page_size_option: RequestOption.optional(),
  page_token_option: oneOf({ RequestOption, RequestPath }).optional(),
}).superRefine((paginator, ctx) => {
  const strategy = paginator.pagination_strategy;
  if (paginator.page_size_option && strategy.type !== "CustomPaginationStrategy" && strategy.page_size === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["page_size_option"],
      message: "set pagination_strategy.page_size to send a page size",
    });
  }
});

export const Paginator = oneOf({ DefaultPaginator, NoPagination: component("NoPagination", {}) });
export type Paginator = z.output<typeof Paginator>;

// ---------------------------------------------------------------------------------------
// Incremental sync.

const MinMaxDatetime = component("MinMaxDatetime", {
  datetime: text,
  datetime_format: z.string().optional(),
  min_datetime: text.optional(),
  max_datetime: text.optional(),
});
const datetimeValue = z.union([text, MinMaxDatetime]);
export type DatetimeValue = z.output<typeof datetimeValue>;

export const DatetimeBasedCursor = component("DatetimeBasedCursor", {
  cursor_field: text,
  datetime_format: z.string(),
  cursor_datetime_formats: z.array(z.string()).optional(),
  start_datetime: datetimeValue,
  end_datetime: datetimeValue.optional(),
  step: text.optional(),
  cursor_granularity: text.optional(),
  lookback_window: text.optional(),
  start_time_option: RequestOption.optional(),
  end_time_option: RequestOption.optional(),
  partition_field_start: z.string().optional(),
  partition_field_end: z.string().optional(),
  is_data_feed: z.boolean().optional(),
}).superRefine((cursor, ctx) => {
  if ((cursor.step === undefined) !== (cursor.cursor_granularity === undefined)) {
    ctx.addIssue({ code: "custom", message: "step and cursor_granularity go together" });
  }
});
export type DatetimeBasedCursor = z.output<typeof DatetimeBasedCursor>;

// ---------------------------------------------------------------------------------------
// Partition routers.

const ListPartitionRouter = component("ListPartitionRouter", {
  values: z.union([z.array(z.union([z.string(), z.number()])), text]),
  cursor_field: text,
  request_option: RequestOption.optional(),
});

export interface ParentStreamConfig {
  type: "ParentStreamConfig";
  $parameters?: Record<string, unknown>;
  stream: DeclarativeStream;
  parent_key: string;
  partition_field: string;
  request_option?: RequestOption;
}

const ParentStreamConfigSchema: z.ZodType<ParentStreamConfig> = component("ParentStreamConfig", {
  stream: z.lazy(() => DeclarativeStreamSchema),
  parent_key: text,
  partition_field: text,
  request_option: RequestOption.optional(),
}) as unknown as z.ZodType<ParentStreamConfig>;

const SubstreamPartitionRouter = component("SubstreamPartitionRouter", {
  parent_stream_configs: z.array(oneOf({ ParentStreamConfig: ParentStreamConfigSchema }, "ParentStreamConfig")).min(1),
});

const PartitionRouterOne = oneOf({
  ListPartitionRouter,
  SubstreamPartitionRouter,
  CustomPartitionRouter: custom("CustomPartitionRouter", "partition_router"),
});
export type PartitionRouter = z.output<typeof PartitionRouterOne>;

// ---------------------------------------------------------------------------------------
// Transformations and schemas.

const AddedFieldDefinition = component("AddedFieldDefinition", {
  path: z.array(z.string()).min(1),
  value: z.union([text, z.number(), z.boolean()]),
  value_type: z.enum(["string", "number", "integer", "boolean"]).optional(),
});

export const Transformation = oneOf({
  AddFields: component("AddFields", {
    fields: z.array(oneOf({ AddedFieldDefinition }, "AddedFieldDefinition")).min(1),
    condition: text.optional(),
  }),
  RemoveFields: component("RemoveFields", {
    field_pointers: z.array(z.array(z.string()).min(1)).min(1),
    condition: text.optional(),
  }),
  CustomTransformation: custom("CustomTransformation", "transformation"),
});
export type Transformation = z.output<typeof Transformation>;

const InlineSchemaLoader = component("InlineSchemaLoader", { schema: z.record(z.string(), z.unknown()) });

// ---------------------------------------------------------------------------------------
// Streams and the manifest.

const SimpleRetriever = component("SimpleRetriever", {
  requester: oneOf({ HttpRequester }, "HttpRequester"),
  record_selector: RecordSelector,
  paginator: Paginator.optional(),
  partition_router: z.union([z.array(PartitionRouterOne).min(1), PartitionRouterOne]).optional(),
  ignore_stream_slicer_parameters_on_paginated_requests: z.boolean().optional(),
});
export type SimpleRetriever = z.output<typeof SimpleRetriever>;

const primaryKey = z.union([z.string(), z.array(z.string()), z.array(z.array(z.string()))]);

const DeclarativeStreamShape = {
  name: z.string().min(1),
  primary_key: primaryKey.optional(),
  retriever: oneOf({ SimpleRetriever }, "SimpleRetriever"),
  incremental_sync: oneOf({ DatetimeBasedCursor }).optional(),
  schema_loader: oneOf({ InlineSchemaLoader }).optional(),
  transformations: z.array(Transformation).optional(),
};

export interface DeclarativeStream {
  type: "DeclarativeStream";
  $parameters?: Record<string, unknown>;
  name: string;
  primary_key?: string | string[] | string[][];
  retriever: SimpleRetriever;
  incremental_sync?: DatetimeBasedCursor;
  schema_loader?: { type: "InlineSchemaLoader"; schema: Record<string, unknown> };
  transformations?: Transformation[];
}

const DeclarativeStreamSchema: z.ZodType<DeclarativeStream> = component(
  "DeclarativeStream",
  DeclarativeStreamShape,
) as unknown as z.ZodType<DeclarativeStream>;

export const Spec = component("Spec", {
  connection_specification: z.record(z.string(), z.unknown()),
  documentation_url: z.string().optional(),
  /** Airbyte's UI metadata for an OAuth consent flow; nothing at sync time reads it. */
  advanced_auth: z.record(z.string(), z.unknown()).optional(),
});

export const CheckStream = component("CheckStream", { stream_names: z.array(z.string()).min(1) });

const ConcurrencyLevel = component("ConcurrencyLevel", {
  default_concurrency: z.union([z.number().int().positive(), z.string()]),
  max_concurrency: z.number().int().positive().optional(),
});

export const ManifestSchema = z
  .strictObject({
    version: z.string(),
    type: z.literal("DeclarativeSource").optional(),
    description: z.string().optional(),
    definitions: z.record(z.string(), z.unknown()).optional(),
    schemas: z.record(z.string(), z.unknown()).optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
    streams: z.array(oneOf({ DeclarativeStream: DeclarativeStreamSchema }, "DeclarativeStream")).min(1),
    check: oneOf({ CheckStream }, "CheckStream"),
    spec: oneOf({ Spec }, "Spec").optional(),
    concurrency_level: oneOf({ ConcurrencyLevel }, "ConcurrencyLevel").optional(),
  })
  .superRefine((manifest, ctx) => {
    const names = new Set<string>();
    manifest.streams.forEach((stream, i) => {
      if (names.has(stream.name))
        ctx.addIssue({ code: "custom", path: ["streams", i, "name"], message: "duplicate stream name" });
      names.add(stream.name);
    });
    manifest.check.stream_names.forEach((name, i) => {
      if (!names.has(name)) {
        ctx.addIssue({ code: "custom", path: ["check", "stream_names", i], message: `no stream named '${name}'` });
      }
    });
  });

export type Manifest = z.output<typeof ManifestSchema>;

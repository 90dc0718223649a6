/**
 * The SimpleRetriever of one stream: HttpRequester (URL, method, parameters, headers and
 * bodies, all interpolated; requests through toolkit/http-client with the stream's
 * DefaultErrorHandler as its `inspect`/`backoff`), the paginator, the RecordSelector
 * (DpathExtractor with `*`, RecordFilter), transformations, partition routers and the
 * DatetimeBasedCursor's windows. `pages(slice)` reads one slice page by page.
 */
import { ConfigurationError, EngineError } from "../errors";
import { type HttpClient, type HttpRequestInit, type HttpResponse, nextLink } from "../toolkit/http-client";
import { createAuth, type RequestAuth } from "./auth";
import { type ComponentContext, type ComponentResponse, lookupComponent } from "./components";
import { addDuration, type Duration, formatDatetime, type Micros, parseDuration, parseWithFormats } from "./datetime";
import { evaluate, evaluateBoolean, evaluateMap, evaluateString, type Variables } from "./interpolation";
import type {
  BackoffStrategy,
  DatetimeBasedCursor,
  DatetimeValue,
  DeclarativeStream,
  DefaultErrorHandler,
  Extractor,
  HttpRequester,
  Paginator,
  PartitionRouter,
  RequestOption,
  Transformation,
} from "./schema";

export type JsonRecord = Record<string, unknown>;

/** One slice of a stream: a partition (router values) and a datetime window. */
export interface Slice {
  partition: JsonRecord;
  /** The window, formatted with the cursor's datetime_format. */
  interval?: { start: string; end: string; startMicros: Micros; endMicros: Micros };
  /** A stable key of the slice (for resumable state). */
  key: string;
}

export interface Page {
  records: JsonRecord[];
  /** The request, for messages: method, host, path and query without credentials. */
  request: string;
}

export interface RetrieverContext {
  config: JsonRecord;
  http: HttpClient;
  /** The pass's clock (windows end at it; `now_utc()`). */
  now(): Date;
  /** The wall clock tokens expire by; `now` when absent. */
  authNow?(): Date;
  /** The stream's state as the templates see it (`stream_state`). */
  state?: JsonRecord;
}

// ---------------------------------------------------------------------------------------
// Records.

/** Values at a dpath (`*` matches every key or index); a list flattens into records. */
export function extractPath(body: unknown, path: readonly string[]): unknown[] {
  let current: unknown[] = [body];
  for (const part of path) {
    const next: unknown[] = [];
    for (const value of current) {
      if (value === null || typeof value !== "object") continue;
      if (part === "*") next.push(...(Array.isArray(value) ? value : Object.values(value)));
      else if (Array.isArray(value) && /^\d+$/.test(part)) next.push(value[Number(part)]);
      else if (!Array.isArray(value) && Object.hasOwn(value, part)) next.push((value as JsonRecord)[part]);
    }
    current = next.filter((v) => v !== undefined);
  }
  const out: unknown[] = [];
  for (const value of current) {
    if (Array.isArray(value)) out.push(...value);
    else if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}

/** Response headers as templates see them (lowercase names; `link` parsed into rel → {url}). */
export function headerVariables(headers: Headers): JsonRecord {
  const out: JsonRecord = {};
  for (const [name, value] of headers) out[name.toLowerCase()] = value;
  const link = headers.get("Link");
  if (link) {
    const links: JsonRecord = {};
    for (const part of link.split(/,(?=\s*<)/)) {
      const m = /^\s*<([^>]*)>(.*)$/.exec(part);
      const rel = m && /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(m[2] ?? "");
      if (m && rel) for (const r of (rel[1] ?? rel[2] ?? "").split(/\s+/)) links[r] = { url: m[1], rel: r };
    }
    out.link = links;
  }
  return out;
}

function setPath(record: JsonRecord, path: readonly string[], value: unknown) {
  let current = record;
  for (const part of path.slice(0, -1)) {
    const next = current[part];
    if (!next || typeof next !== "object" || Array.isArray(next)) current[part] = {};
    current = current[part] as JsonRecord;
  }
  current[path.at(-1) as string] = value;
}

function removePath(record: JsonRecord, path: readonly string[]) {
  const walk = (value: unknown, i: number) => {
    if (!value || typeof value !== "object") return;
    const part = path[i] as string;
    const keys = part === "*" ? Object.keys(value) : [part];
    for (const key of keys) {
      if (i === path.length - 1) delete (value as JsonRecord)[key];
      else walk((value as JsonRecord)[key], i + 1);
    }
  };
  walk(record, 0);
}

/** A nested value by `a/b` or `a.b`-free path of keys. */
export function valueAt(record: unknown, path: readonly string[]): unknown {
  let current = record;
  for (const part of path) {
    if (!current || typeof current !== "object") return undefined;
    current = (current as JsonRecord)[part];
  }
  return current;
}

// ---------------------------------------------------------------------------------------
// Error handler.

/** The last answer a request got (what a CustomBackoffStrategy is handed). */
interface LastAnswer {
  status: number;
  headers: Headers;
  text: string;
  url: string;
}

function backoffFor(strategies: BackoffStrategy[] | undefined, vars: Variables, last: () => LastAnswer | undefined) {
  if (!strategies?.length) return undefined;
  return (retry: number, headers: Headers | undefined): number | undefined => {
    for (const strategy of strategies) {
      switch (strategy.type) {
        case "CustomBackoffStrategy": {
          const impl = lookupComponent(strategy.class_name, "backoff_strategy");
          if (!impl) throw new Error(`code component '${strategy.class_name}' is no longer registered`);
          const answer = headers ? last() : undefined;
          let body: unknown;
          try {
            body = answer?.text ? JSON.parse(answer.text) : undefined;
          } catch {
            body = answer?.text;
          }
          const seconds = impl.backoffTime(
            answer ? { status: answer.status, headers: answer.headers, url: answer.url, body } : undefined,
            retry + 1,
            {
              config: vars.config as JsonRecord,
              options: strategy.options ?? {},
              parameters: strategy.$parameters ?? {},
            },
          );
          if (seconds === undefined || !Number.isFinite(seconds)) continue;
          return Math.max(0, Math.ceil(seconds * 1000));
        }
        case "ConstantBackoffStrategy":
          return Number(evaluate(strategy.backoff_time_in_seconds, vars)) * 1000;
        case "ExponentialBackoffStrategy":
          return Number(evaluate(strategy.factor ?? 5, vars)) * 2 ** retry * 1000;
        case "WaitTimeFromHeader": {
          const raw = headers?.get(evaluateString(strategy.header, vars) ?? strategy.header);
          const text = raw && strategy.regex ? new RegExp(strategy.regex).exec(raw)?.[0] : raw;
          if (text && /^\d+(\.\d+)?$/.test(text.trim())) {
            const seconds = Number(text);
            if (strategy.max_waiting_time_in_seconds !== undefined && seconds > strategy.max_waiting_time_in_seconds) {
              return Number.POSITIVE_INFINITY;
            }
            return Math.ceil(seconds * 1000);
          }
          continue;
        }
        case "WaitUntilTimeFromHeader": {
          const raw = headers?.get(evaluateString(strategy.header, vars) ?? strategy.header);
          const text = raw && strategy.regex ? new RegExp(strategy.regex).exec(raw)?.[0] : raw;
          if (text && /^\d+(\.\d+)?$/.test(text.trim())) {
            const minWait = strategy.min_wait !== undefined ? Number(evaluate(strategy.min_wait, vars)) * 1000 : 0;
            const until = Number(text) * 1000;
            return Math.max(minWait, Math.ceil(until - Date.now()));
          }
          continue;
        }
      }
    }
    return undefined;
  };
}

function inspectFor(handler: DefaultErrorHandler | undefined, base: Variables) {
  const filters = handler?.response_filters;
  if (!filters?.length) return undefined;
  return (answer: { status: number; headers: Headers; text: string }) => {
    let body: unknown;
    try {
      body = answer.text ? JSON.parse(answer.text) : undefined;
    } catch {
      body = answer.text;
    }
    for (const filter of filters) {
      if (filter.http_codes && !filter.http_codes.includes(answer.status)) continue;
      if (filter.error_message_contains && !answer.text.includes(filter.error_message_contains)) continue;
      const vars = { ...base, response: body, headers: headerVariables(answer.headers) };
      if (filter.predicate && !evaluateBoolean(filter.predicate, vars)) continue;
      const action = filter.action ?? "FAIL";
      const message = filter.error_message ? evaluateString(filter.error_message, vars) : undefined;
      switch (action) {
        case "SUCCESS":
          return { action: "success" as const };
        case "IGNORE":
          return { action: "ignore" as const };
        case "RETRY":
          return { action: "retry" as const, message };
        case "RATE_LIMITED":
          return { action: "rate_limited" as const, message };
        case "FAIL":
          return { action: "fail" as const, message, failureType: filter.failure_type };
      }
    }
    return undefined;
  };
}

// ---------------------------------------------------------------------------------------
// Requests.

/** Joins url_base and path as Airbyte does (`https://a/v1` + `users` → `https://a/v1/users`). */
export function joinUrl(base: string, path: string | undefined): URL {
  if (path && /^https?:\/\//i.test(path)) return new URL(path);
  const root = base.replace(/\/+$/, "");
  return new URL(path ? `${root}/${path.replace(/^\/+/, "")}` : root);
}

interface RequestParts {
  params: JsonRecord;
  headers: Record<string, string>;
  bodyJson: JsonRecord | undefined;
  bodyData: JsonRecord | undefined;
}

function inject(option: RequestOption | undefined, value: unknown, parts: RequestParts, vars: Variables) {
  if (!option || value === undefined || value === null || value === "") return;
  const name = evaluateString(option.field_name, vars) ?? option.field_name;
  switch (option.inject_into) {
    case "request_parameter":
      parts.params[name] = value;
      break;
    case "header":
      parts.headers[name] = String(value);
      break;
    case "body_json":
      parts.bodyJson = { ...parts.bodyJson, [name]: value };
      break;
    case "body_data":
      parts.bodyData = { ...parts.bodyData, [name]: value };
      break;
  }
}

/** The request as a message may name it: no credential values. */
export function describeRequest(method: string, url: URL, secrets: readonly string[]): string {
  const shown = new URL(url);
  for (const [key, value] of [...shown.searchParams]) {
    const credential = /key|token|secret|password|sig|auth/i.test(key) || secrets.some((s) => s && value.includes(s));
    if (credential) shown.searchParams.set(key, "****");
    // A long value (a SOQL or GraphQL query) would crowd the reason out of a message.
    else if (value.length > 60) shown.searchParams.set(key, `${value.slice(0, 40)}…`);
  }
  return `${method} ${shown.host}${shown.pathname}${shown.search}`;
}

/** A requester: sends one page's request and returns the answer. */
export class Requester {
  readonly auth: RequestAuth;
  private readonly http: HttpClient;
  private readonly inspect: ReturnType<typeof inspectFor>;
  private readonly backoff: (last: () => LastAnswer | undefined) => ReturnType<typeof backoffFor>;
  /** A CustomBackoffStrategy reads the failed answer's body: each request keeps its last one. */
  private readonly custom: boolean;

  constructor(
    readonly definition: HttpRequester,
    private readonly ctx: RetrieverContext,
  ) {
    const handler = definition.error_handler;
    const vars: Variables = { config: ctx.config, parameters: definition.$parameters ?? {} };
    this.inspect = inspectFor(handler, vars);
    this.custom = handler?.backoff_strategies?.some((s) => s.type === "CustomBackoffStrategy") === true;
    this.backoff = (last) => backoffFor(handler?.backoff_strategies, vars, last);
    this.http = ctx.http.with({
      ...(handler?.max_retries !== undefined ? { maxRetries: handler.max_retries } : {}),
      ...(handler?.max_time !== undefined ? { maxTotalWaitMs: handler.max_time * 1000 } : {}),
      // One rate limit for the stream's concurrent slices: a wait one was given, all keep.
      pause: {},
    });
    const authNow = ctx.authNow ?? ctx.now;
    this.auth = createAuth(definition.authenticator, { config: ctx.config, http: ctx.http, now: authNow }, (login, v) =>
      new Requester(login, ctx)
        .send({ ...v }, { params: {}, headers: {}, bodyJson: undefined, bodyData: undefined })
        .then(({ response }) => response.json()),
    );
  }

  /** Sends the request for `vars` plus injected parts; `url` overrides the path (RequestPath). */
  async send(
    vars: Variables,
    injected: RequestParts,
    url?: string,
  ): Promise<{ response: HttpResponse; request: string }> {
    const d = this.definition;
    const base = evaluateString(d.url_base, vars) ?? "";
    const path = d.path !== undefined ? (evaluateString(d.path, vars) ?? "") : undefined;
    let target: URL;
    try {
      target = url ? new URL(url, joinUrl(base, path)) : joinUrl(base, path);
    } catch {
      throw new ConfigurationError(
        `not a valid request URL: url_base ${JSON.stringify(base.slice(0, 100))}`,
        "invalid_manifest",
      );
    }
    const parts: RequestParts = {
      params: { ...evaluateMap(d.request_parameters, vars), ...injected.params },
      headers: {},
      bodyJson: d.request_body_json !== undefined ? evaluateMap(d.request_body_json, vars) : undefined,
      bodyData: d.request_body_data !== undefined ? evaluateMap(d.request_body_data, vars) : undefined,
    };
    for (const [name, value] of Object.entries(evaluateMap(d.request_headers, vars)))
      parts.headers[name] = String(value);
    Object.assign(parts.headers, injected.headers);
    if (injected.bodyJson) parts.bodyJson = { ...parts.bodyJson, ...injected.bodyJson };
    if (injected.bodyData) parts.bodyData = { ...parts.bodyData, ...injected.bodyData };
    for (const [name, value] of Object.entries(parts.params)) {
      target.searchParams.set(name, typeof value === "object" ? JSON.stringify(value) : String(value));
    }
    const method = (d.http_method === undefined ? "GET" : evaluateString(d.http_method, vars))?.toUpperCase();
    if (method !== "GET" && method !== "POST") {
      throw new ConfigurationError(`http_method rendered to '${method ?? ""}', not GET or POST`, "invalid_manifest");
    }
    const init: HttpRequestInit = { method, headers: { Accept: "application/json", ...parts.headers } };
    // A GET carries no body: a requester whose method is a template may declare one for its POSTs.
    const body = method === "POST";
    if (body && parts.bodyJson !== undefined) {
      init.body = JSON.stringify(parts.bodyJson);
      (init.headers as Record<string, string>)["Content-Type"] = "application/json";
    } else if (body && parts.bodyData !== undefined) {
      const form = new URLSearchParams();
      for (const [k, v] of Object.entries(parts.bodyData))
        form.set(k, typeof v === "object" ? JSON.stringify(v) : String(v));
      init.body = form.toString();
      (init.headers as Record<string, string>)["Content-Type"] = "application/x-www-form-urlencoded";
    }
    // Query-string credentials go on the URL before the client sees it; header ones per attempt.
    const headers = new Headers();
    await this.auth.apply(headers, target);
    const request = describeRequest(method, target, this.auth.secrets());
    // Per request, so concurrent slices never see each other's answers.
    let last: LastAnswer | undefined;
    const filter = this.inspect;
    const inspect = !this.custom
      ? filter
      : (answer: LastAnswer) => {
          last = answer;
          return filter?.(answer);
        };
    const response = await this.http
      .with({ auth: this.auth.hook(target), inspect, backoff: this.backoff(() => last) })
      .request(target, init)
      .catch((error: unknown) => {
        throw annotate(error, request);
      });
    return { response, request };
  }
}

/** Prefixes an engine error's message with what was being done. */
export function annotate(error: unknown, context: string): unknown {
  // The HTTP client's messages already name the request (method, host, path): saying it twice
  // would push the reason past the 200 characters a task message keeps.
  const bare = context.split("?")[0] as string;
  if (error instanceof EngineError && !error.message.includes(context) && !error.message.includes(bare)) {
    error.message = `${context}: ${error.message}`;
  }
  return error;
}

// ---------------------------------------------------------------------------------------
// Pagination.

interface PageState {
  /** The token of the next request; undefined on the first. */
  token: unknown;
  first: boolean;
}

class PaginatorRuntime {
  constructor(
    private readonly paginator: Paginator | undefined,
    private readonly ctx: RetrieverContext,
  ) {}

  private strategy() {
    const p = this.paginator;
    return p?.type === "DefaultPaginator" ? p.pagination_strategy : undefined;
  }

  private componentContext(): ComponentContext {
    const s = this.strategy();
    return {
      config: this.ctx.config,
      options: s?.type === "CustomPaginationStrategy" ? (s.options ?? {}) : {},
      parameters: s?.$parameters ?? {},
    };
  }

  pageSize(vars: Variables): number | undefined {
    const s = this.strategy();
    if (!s) return undefined;
    if (s.type === "CustomPaginationStrategy") {
      return lookupComponent(s.class_name, "pagination_strategy")?.pageSize?.(this.componentContext());
    }
    if (s.page_size === undefined) return undefined;
    const size = Number(evaluate(s.page_size, vars));
    return Number.isFinite(size) ? size : undefined;
  }

  initial(): PageState {
    const s = this.strategy();
    if (s?.type === "OffsetIncrement" && s.inject_on_first_request) return { token: 0, first: true };
    if (s?.type === "PageIncrement" && s.inject_on_first_request) return { token: s.start_from_page ?? 1, first: true };
    if (s?.type === "CustomPaginationStrategy") {
      const impl = lookupComponent(s.class_name, "pagination_strategy");
      return { token: impl?.initial?.(this.componentContext()), first: true };
    }
    return { token: undefined, first: true };
  }

  /** Parts of a request for a page (page size and token options). */
  inject(state: PageState, vars: Variables, parts: RequestParts): string | undefined {
    const p = this.paginator;
    if (p?.type !== "DefaultPaginator") return undefined;
    inject(p.page_size_option, this.pageSize(vars), parts, vars);
    if (state.token === undefined || state.token === null) return undefined;
    const option = p.page_token_option;
    if (option?.type === "RequestPath") return String(state.token);
    inject(option, state.token, parts, vars);
    return undefined;
  }

  /** The next page's state after `response`, or undefined at the end. */
  next(
    state: PageState,
    response: HttpResponse,
    body: unknown,
    records: JsonRecord[],
    vars: Variables,
  ): PageState | undefined {
    const s = this.strategy();
    if (!s) return undefined;
    const last = records.at(-1);
    const size = this.pageSize(vars);
    switch (s.type) {
      case "CursorPagination": {
        const pageVars = {
          ...vars,
          response: body,
          headers: headerVariables(response.headers),
          last_record: last,
          last_records: records,
          last_page_size: records.length,
          last_page_token_value: state.token,
        };
        if (s.stop_condition && evaluateBoolean(s.stop_condition, pageVars)) return undefined;
        const token = evaluate(s.cursor_value, pageVars);
        if (token === undefined || token === null || token === "") return undefined;
        return { token, first: false };
      }
      case "OffsetIncrement": {
        if (records.length === 0 || (size !== undefined && records.length < size)) return undefined;
        const offset = (typeof state.token === "number" ? state.token : 0) + records.length;
        return { token: offset, first: false };
      }
      case "PageIncrement": {
        if (records.length === 0 || (size !== undefined && records.length < size)) return undefined;
        const current = typeof state.token === "number" ? state.token : (s.start_from_page ?? 1);
        return { token: current + 1, first: false };
      }
      case "CustomPaginationStrategy": {
        const impl = lookupComponent(s.class_name, "pagination_strategy");
        const token = impl?.next(
          { status: response.status, headers: response.headers, url: response.url, body },
          records,
          state.token,
          this.componentContext(),
        );
        return token === undefined || token === null ? undefined : { token, first: false };
      }
    }
  }
}

// ---------------------------------------------------------------------------------------
// Datetime windows.

function datetimeOf(
  value: DatetimeValue | undefined,
  format: string,
  vars: Variables,
  formats: string[],
): Micros | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string") {
    const text = evaluate(value, vars);
    return parseWithFormats(text, [format, ...formats]);
  }
  const own = value.datetime_format ?? format;
  let at = parseWithFormats(evaluate(value.datetime, vars), [own, ...formats]);
  const min = value.min_datetime ? parseWithFormats(evaluate(value.min_datetime, vars), [own, ...formats]) : undefined;
  const max = value.max_datetime ? parseWithFormats(evaluate(value.max_datetime, vars), [own, ...formats]) : undefined;
  if (at !== undefined && min !== undefined) at = Math.max(at, min);
  if (at !== undefined && max !== undefined) at = Math.min(at, max);
  return at;
}

export class DatetimeCursor {
  readonly field: string;
  private readonly step?: Duration;
  private readonly granularity: Duration;
  private readonly lookback?: Duration;
  readonly formats: string[];

  constructor(
    readonly definition: DatetimeBasedCursor,
    private readonly ctx: RetrieverContext,
  ) {
    this.field = definition.cursor_field;
    const duration = (text: string | undefined, what: string) => {
      if (text === undefined) return undefined;
      const rendered = evaluateString(text, { config: ctx.config, parameters: definition.$parameters ?? {} }) ?? text;
      const parsed = parseDuration(rendered);
      if (!parsed)
        throw new ConfigurationError(
          `incremental_sync.${what}: '${rendered}' is not an ISO 8601 duration`,
          "invalid_manifest",
        );
      return parsed;
    };
    this.step = duration(definition.step, "step");
    this.granularity = duration(definition.cursor_granularity, "cursor_granularity") ?? { months: 0, micros: 0 };
    this.lookback = duration(definition.lookback_window, "lookback_window");
    this.formats = [definition.datetime_format, ...(definition.cursor_datetime_formats ?? [])];
  }

  format(at: Micros): string {
    return formatDatetime(at, this.definition.datetime_format);
  }

  parse(value: unknown): Micros | undefined {
    return parseWithFormats(value, this.formats);
  }

  /** The windows from the state's cursor (less the lookback) or the start, to the end (or now). */
  windows(stateCursor: unknown): { start: Micros; end: Micros }[] {
    const vars: Variables = {
      config: this.ctx.config,
      parameters: this.definition.$parameters ?? {},
      stream_state: this.ctx.state ?? {},
    };
    const start = datetimeOf(this.definition.start_datetime, this.definition.datetime_format, vars, this.formats);
    if (start === undefined) {
      throw new ConfigurationError(
        `incremental_sync.start_datetime did not render to a datetime in format ${this.definition.datetime_format}`,
        "invalid_manifest",
      );
    }
    const end =
      datetimeOf(this.definition.end_datetime, this.definition.datetime_format, vars, this.formats) ??
      this.ctx.now().getTime() * 1000;
    let from = start;
    const stored = stateCursor === undefined ? undefined : this.parse(stateCursor);
    if (stored !== undefined) {
      const back = this.lookback ? addDuration(stored, this.lookback, -1) : stored;
      from = Math.max(start, back);
    }
    if (from > end) return [];
    if (!this.step || this.definition.is_data_feed) return [{ start: from, end }];
    const out: { start: Micros; end: Micros }[] = [];
    let at = from;
    while (at <= end && out.length < 100_000) {
      const stepEnd = addDuration(addDuration(at, this.step), this.granularity, -1);
      const windowEnd = Math.min(stepEnd, end);
      out.push({ start: at, end: windowEnd });
      at = addDuration(windowEnd, this.granularity);
      if (this.granularity.micros === 0 && this.granularity.months === 0) at = addDuration(at, this.step);
    }
    return out;
  }

  /** Request parts of a window (start_time_option / end_time_option). */
  inject(slice: Slice, vars: Variables, parts: RequestParts) {
    if (!slice.interval) return;
    inject(this.definition.start_time_option, slice.interval.start, parts, vars);
    inject(this.definition.end_time_option, slice.interval.end, parts, vars);
  }

  get startField(): string {
    return this.definition.partition_field_start ?? "start_time";
  }
  get endField(): string {
    return this.definition.partition_field_end ?? "end_time";
  }
}

// ---------------------------------------------------------------------------------------
// The retriever.

export interface RetrieverDeps {
  /** Reads every record of another stream (a substream's parent). */
  readParent(stream: DeclarativeStream): AsyncIterable<JsonRecord[]>;
}

export class Retriever {
  readonly requester: Requester;
  readonly cursor?: DatetimeCursor;
  private readonly paginator: PaginatorRuntime;

  constructor(
    readonly stream: DeclarativeStream,
    private readonly ctx: RetrieverContext,
    private readonly deps: RetrieverDeps,
  ) {
    this.requester = new Requester(stream.retriever.requester, ctx);
    this.paginator = new PaginatorRuntime(stream.retriever.paginator, ctx);
    if (stream.incremental_sync) this.cursor = new DatetimeCursor(stream.incremental_sync, ctx);
  }

  /** The partitions of the routers (their cartesian product), read once. */
  async partitions(): Promise<JsonRecord[]> {
    const routers = this.stream.retriever.partition_router;
    const list: PartitionRouter[] = routers === undefined ? [] : Array.isArray(routers) ? routers : [routers];
    let product: JsonRecord[] = [{}];
    for (const router of list) {
      const values = await this.routerPartitions(router);
      const next: JsonRecord[] = [];
      for (const a of product) for (const b of values) next.push({ ...a, ...b });
      product = next;
    }
    return product;
  }

  private async routerPartitions(router: PartitionRouter): Promise<JsonRecord[]> {
    const vars: Variables = { config: this.ctx.config, parameters: router.$parameters ?? {} };
    switch (router.type) {
      case "ListPartitionRouter": {
        let values: unknown = router.values;
        if (typeof values === "string") values = evaluate(values, vars);
        if (typeof values === "string") {
          const text: string = values;
          try {
            values = JSON.parse(text);
          } catch {
            values = text.split(",").map((v) => v.trim());
          }
        }
        if (!Array.isArray(values))
          throw new ConfigurationError("ListPartitionRouter.values did not render to a list", "invalid_manifest");
        const field = evaluateString(router.cursor_field, vars) ?? router.cursor_field;
        return values.map((value) => ({ [field]: value, $router: [{ option: router.request_option, field, value }] }));
      }
      case "SubstreamPartitionRouter": {
        const out: JsonRecord[] = [];
        for (const parent of router.parent_stream_configs) {
          const key = parent.parent_key.split("/");
          const field = parent.partition_field;
          const seen = new Set<string>();
          for await (const records of this.deps.readParent(parent.stream)) {
            for (const record of records) {
              const value = valueAt(record, key);
              if (value === undefined || value === null) continue;
              const id = JSON.stringify(value);
              if (seen.has(id)) continue;
              seen.add(id);
              out.push({
                [field]: value,
                parent_slice: {},
                $router: [{ option: parent.request_option, field, value }],
              });
            }
          }
        }
        return out;
      }
      case "CustomPartitionRouter": {
        const impl = lookupComponent(router.class_name, "partition_router");
        if (!impl) throw new Error(`code component '${router.class_name}' is no longer registered`);
        return impl.partitions({
          config: this.ctx.config,
          options: router.options ?? {},
          parameters: router.$parameters ?? {},
          http: this.ctx.http,
        });
      }
    }
  }

  /** Every slice: partitions × datetime windows. */
  async slices(stateCursor: (partition: JsonRecord) => unknown): Promise<Slice[]> {
    const partitions = await this.partitions();
    const out: Slice[] = [];
    for (const partition of partitions) {
      const pkey = partitionKey(partition);
      if (!this.cursor) {
        out.push({ partition, key: pkey });
        continue;
      }
      for (const window of this.cursor.windows(stateCursor(partition))) {
        out.push({
          partition,
          interval: {
            start: this.cursor.format(window.start),
            end: this.cursor.format(window.end),
            startMicros: window.start,
            endMicros: window.end,
          },
          key: `${pkey}|${window.start}`,
        });
      }
    }
    return out;
  }

  private sliceVars(slice: Slice): Variables {
    const partition = publicPartition(slice.partition);
    const interval = slice.interval
      ? {
          [this.cursor?.startField ?? "start_time"]: slice.interval.start,
          [this.cursor?.endField ?? "end_time"]: slice.interval.end,
        }
      : {};
    const streamSlice = { ...partition, ...interval };
    return {
      config: this.ctx.config,
      parameters: this.stream.retriever.requester.$parameters ?? this.stream.$parameters ?? {},
      stream_state: this.ctx.state ?? {},
      stream_partition: partition,
      stream_interval: interval,
      stream_slice: streamSlice,
    };
  }

  /** Reads one slice page by page. `stopBefore`: a data feed stops after a page older than it. */
  async *pages(slice: Slice, options: { stopBefore?: Micros } = {}): AsyncGenerator<Page> {
    const base = this.sliceVars(slice);
    let state: { token: unknown; first: boolean } | undefined = this.paginator.initial();
    const ignoreSliceParams = this.stream.retriever.ignore_stream_slicer_parameters_on_paginated_requests === true;
    const seen = new Set<string>();
    let pages = 0;
    while (state) {
      const vars: Variables = {
        ...base,
        next_page_token: state.token === undefined ? {} : { next_page_token: state.token },
      };
      const parts: RequestParts = { params: {}, headers: {}, bodyJson: undefined, bodyData: undefined };
      if (!(ignoreSliceParams && !state.first)) {
        for (const r of (slice.partition.$router as { option?: RequestOption; value: unknown }[] | undefined) ?? []) {
          inject(r.option, r.value, parts, vars);
        }
        this.cursor?.inject(slice, vars, parts);
      }
      const overrideUrl = this.paginator.inject(state, vars, parts);
      const { response, request } = await this.requester.send(vars, parts, overrideUrl);
      const fingerprint = `${request}\n${state.token === undefined ? "" : JSON.stringify(state.token)}`;
      if (seen.has(fingerprint)) {
        throw new ConfigurationError(
          `stream '${this.stream.name}': the paginator asked for the same page twice (${request})`,
          "invalid_manifest",
        );
      }
      seen.add(fingerprint);
      let body: unknown;
      if (!response.ignored && response.text) {
        try {
          body = JSON.parse(response.text);
        } catch {
          throw new ConfigurationError(
            `stream '${this.stream.name}': ${request} answered with a body that is not JSON (malformed or truncated, ${response.text.length} bytes)`,
            "invalid_response",
          );
        }
      }
      let records: JsonRecord[];
      try {
        records = response.ignored ? [] : this.select(body, response, vars);
      } catch (error) {
        // An extractor or filter refusing the body: say which request it came from.
        throw annotate(error, request);
      }
      yield { records, request };
      pages++;
      if (pages > 1_000_000) break;
      if (options.stopBefore !== undefined && this.cursor) {
        const older = records.some((r) => {
          const at = this.cursor?.parse(r[this.cursor.field]);
          return at !== undefined && at < (options.stopBefore as number);
        });
        if (older) return;
      }
      state = response.ignored ? undefined : this.paginator.next(state, response, body, records, vars);
    }
  }

  /** The records of a body: extractor, filter, transformations. */
  private select(body: unknown, response: HttpResponse, vars: Variables): JsonRecord[] {
    const selector = this.stream.retriever.record_selector;
    const raw = this.extract(selector.extractor, body, response, (vars.stream_slice as JsonRecord) ?? {});
    const records: JsonRecord[] = [];
    for (const value of raw) {
      if (!value || typeof value !== "object" || Array.isArray(value)) {
        throw new ConfigurationError(
          `stream '${this.stream.name}': the extractor found a ${Array.isArray(value) ? "list" : typeof value} where a record (an object) belongs`,
          "invalid_response",
        );
      }
      records.push(value as JsonRecord);
    }
    let out = records;
    const filter = selector.record_filter;
    if (filter) {
      const headers = headerVariables(response.headers);
      out = out.filter((record) => evaluateBoolean(filter.condition, { ...vars, record, response: body, headers }));
    }
    for (const transformation of this.stream.transformations ?? []) {
      out = out.flatMap((record) => {
        const result = applyTransformation(transformation, record, { ...vars, record }, this.ctx.config);
        return result ? [result] : [];
      });
    }
    return out;
  }

  private extract(extractor: Extractor, body: unknown, response: HttpResponse, streamSlice: JsonRecord): unknown[] {
    if (extractor.type === "DpathExtractor") {
      const vars = { config: this.ctx.config, parameters: extractor.$parameters ?? {} };
      const path = extractor.field_path.map((p) => evaluateString(p, vars) ?? p);
      if (body === undefined) return [];
      return extractPath(body, path);
    }
    const impl = lookupComponent(extractor.class_name, "extractor");
    if (!impl) throw new Error(`code component '${extractor.class_name}' is no longer registered`);
    const r: ComponentResponse = { status: response.status, headers: response.headers, url: response.url, body };
    return impl.extract(r, {
      config: this.ctx.config,
      options: extractor.options ?? {},
      parameters: extractor.$parameters ?? {},
      stream_slice: streamSlice,
    });
  }
}

function applyTransformation(
  t: Transformation,
  record: JsonRecord,
  vars: Variables,
  config: JsonRecord,
): JsonRecord | undefined {
  switch (t.type) {
    case "AddFields": {
      if (t.condition && !evaluateBoolean(t.condition, vars)) return record;
      for (const field of t.fields) {
        let value = evaluate(field.value, vars);
        if (field.value_type === "string" && value !== undefined) value = String(value);
        if ((field.value_type === "number" || field.value_type === "integer") && value !== undefined)
          value = Number(value);
        if (field.value_type === "boolean" && value !== undefined)
          value = value === true || value === "true" || value === "True";
        setPath(record, field.path, value ?? null);
      }
      return record;
    }
    case "RemoveFields": {
      if (t.condition && !evaluateBoolean(t.condition, vars)) return record;
      for (const pointer of t.field_pointers) removePath(record, pointer);
      return record;
    }
    case "CustomTransformation": {
      const impl = lookupComponent(t.class_name, "transformation");
      if (!impl) throw new Error(`code component '${t.class_name}' is no longer registered`);
      return impl.transform(record, {
        config,
        options: t.options ?? {},
        parameters: t.$parameters ?? {},
        stream_slice: (vars.stream_slice as JsonRecord) ?? {},
      });
    }
  }
}

/** A partition without the engine's bookkeeping (`$router`). */
export function publicPartition(partition: JsonRecord): JsonRecord {
  const { $router: _, ...rest } = partition;
  return rest;
}

export function partitionKey(partition: JsonRecord): string {
  const visible = publicPartition(partition);
  const keys = Object.keys(visible).sort();
  return keys.length === 0 ? "" : JSON.stringify(keys.map((k) => [k, visible[k]]));
}

/** Helpers for the declarative engine's tests: a reader over a manifest, and reads collected. */
import { expect } from "vitest";
import { manifestReader, parseManifest } from "../../../src/engine/declarative/index";
import type { Manifest } from "../../../src/engine/declarative/schema";
import type { ConnectorContext, Row, SourceMessage, Stream, StreamState } from "../../../src/engine/protocol";
import { TEST_EGRESS } from "../engine/harness";

export const NOW = new Date("2026-01-03T00:00:00Z");

export function ctxFor(fetcher: typeof fetch, now = NOW): ConnectorContext {
  return { fetch: fetcher, log: { info() {}, warn() {} }, now: () => now, bindings: {}, egress: TEST_EGRESS };
}

export function manifestOf(input: unknown): Manifest {
  const result = parseManifest(input);
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.manifest;
}

export function errorsOf(input: unknown): string[] {
  const result = parseManifest(input);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors;
}

/** Every wait a reader asked for (retries are instant in tests). */
export const sleeps: number[] = [];

/** A reader with instant retries. */
export function readerOf(manifest: Manifest, config: Record<string, unknown> = {}, concurrency?: number) {
  return manifestReader<Record<string, unknown>>({
    manifest: () => manifest,
    values: () => config,
    namespace: () => "decl",
    concurrency,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
}

export interface ReadResult {
  rows: Row[];
  /** Rows as objects by column name. */
  records: Record<string, unknown>[];
  state: StreamState | undefined;
  messages: SourceMessage[];
  stream: Stream;
}

/** Discovers and reads one stream to the end. */
export async function readStream(
  manifest: Manifest,
  name: string,
  options: {
    fetch: typeof fetch;
    config?: Record<string, unknown>;
    state?: StreamState;
    mode?: "full" | "incremental";
    concurrency?: number;
    now?: Date;
    stream?: Stream;
    previous?: { streams?: Stream[]; state?: Record<string, StreamState> };
  },
): Promise<ReadResult> {
  const reader = readerOf(manifest, options.config, options.concurrency);
  const ctx = ctxFor(options.fetch, options.now);
  const stream =
    options.stream ??
    ((await reader.discover({}, ctx, options.previous)).streams.find((s) => s.name === name) as Stream);
  const session = await reader.open({}, ctx);
  const messages: SourceMessage[] = [];
  const rows: Row[] = [];
  let state: StreamState | undefined = options.state;
  const configured = {
    stream,
    mode: options.mode ?? (stream.cursorCandidates.length ? "incremental" : "full"),
    cursorField: stream.cursorCandidates[0],
    lookbackMs: 0,
  } as const;
  for await (const message of session.read(configured, options.state, {
    ...ctx,
    pageBytes: 1 << 20,
    signal: new AbortController().signal,
    runStartedAt: ctx.now(),
  })) {
    messages.push(message);
    if (message.kind === "upsert") rows.push(...message.rows);
    if (message.kind === "checkpoint") state = message.state;
  }
  const records = rows.map((row) => Object.fromEntries(stream.columns.map((c, i) => [c.name, row[i]])));
  return { rows, records, state, messages, stream };
}

/** The items stream of the fake, with a paginator and extra requester fields. */
export function itemsManifest(parts: {
  paginator?: unknown;
  requester?: Record<string, unknown>;
  stream?: Record<string, unknown>;
  extractor?: string[];
  schema?: boolean;
}) {
  return {
    version: "6.0.0",
    type: "DeclarativeSource",
    check: { type: "CheckStream", stream_names: ["items"] },
    definitions: {
      base_requester: {
        type: "HttpRequester",
        url_base: "https://decl.example.com/v1",
        http_method: "GET",
        ...parts.requester,
      },
    },
    streams: [
      {
        type: "DeclarativeStream",
        name: "items",
        primary_key: "id",
        $parameters: { path: "items" },
        ...(parts.schema === false
          ? {}
          : {
              schema_loader: {
                type: "InlineSchemaLoader",
                schema: {
                  type: "object",
                  properties: {
                    id: { type: "integer" },
                    name: { type: ["null", "string"] },
                    updated_at: { type: "string", format: "date-time" },
                    amount: { type: ["null", "number"] },
                  },
                },
              },
            }),
        retriever: {
          type: "SimpleRetriever",
          requester: { $ref: "#/definitions/base_requester" },
          record_selector: {
            type: "RecordSelector",
            extractor: { type: "DpathExtractor", field_path: parts.extractor ?? ["data"] },
          },
          ...(parts.paginator ? { paginator: parts.paginator } : {}),
        },
        ...parts.stream,
      },
    ],
  };
}

export const cursorPaginator = {
  type: "DefaultPaginator",
  page_size_option: { type: "RequestOption", inject_into: "request_parameter", field_name: "limit" },
  page_token_option: { type: "RequestOption", inject_into: "request_parameter", field_name: "cursor" },
  pagination_strategy: {
    type: "CursorPagination",
    cursor_value: "{{ response.next_cursor }}",
    stop_condition: "{{ not response.has_more }}",
    page_size: 10,
  },
};

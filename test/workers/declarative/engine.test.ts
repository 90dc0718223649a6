/**
 * The declarative engine against test/fakes/declarative-api.ts: validation errors with their
 * paths, every paginator over many pages, incremental windows that fetch only what changed, a
 * 429 storm, an expired OAuth token, malformed and truncated answers, inferred schemas that
 * widen across runs, substreams, interpolation macros and code components.
 */
import { describe, expect, it } from "vitest";
import { evaluate, registerComponent } from "../../../src/engine/declarative/index";
import { TableError } from "../../../src/engine/errors";
import { createDeclarativeFake, makeItems } from "../../fakes/declarative-api";
import { ctxFor, cursorPaginator, errorsOf, itemsManifest, manifestOf, readerOf, readStream, sleeps } from "./helpers";

describe("manifest validation", () => {
  it("accepts a manifest with refs, parameters and the string shorthand, from YAML text", () => {
    const yaml = `
version: 6.0.0
type: DeclarativeSource
definitions:
  selector:
    type: RecordSelector
    extractor:
      type: DpathExtractor
      field_path: ["data"]
  requester:
    type: HttpRequester
    url_base: "https://decl.example.com/v1"
    path: "{{ parameters.path }}"
streams:
  - type: DeclarativeStream
    name: items
    primary_key: id
    $parameters:
      path: items
    retriever:
      type: SimpleRetriever
      requester: "#/definitions/requester"
      record_selector:
        $ref: "#/definitions/selector"
check:
  type: CheckStream
  stream_names: [items]
`;
    const manifest = manifestOf(yaml);
    const stream = manifest.streams[0];
    expect(stream?.retriever.requester.url_base).toBe("https://decl.example.com/v1");
    expect(stream?.retriever.requester.$parameters).toEqual({ path: "items" });
  });

  it("names the component path of an unsupported type, field or bad template", () => {
    const base = itemsManifest({ paginator: cursorPaginator });
    const withStrategy = structuredClone(base);
    (withStrategy.streams[0] as Record<string, any>).retriever.paginator.pagination_strategy = { type: "Foo" };
    expect(errorsOf(withStrategy)[0]).toMatch(
      /^streams\[0\]\.retriever\.paginator\.pagination_strategy: unsupported type 'Foo'/,
    );

    const extraField = structuredClone(base);
    (extraField.streams[0] as Record<string, any>).retriever.record_selector.extractor.nonsense = 1;
    expect(errorsOf(extraField)).toEqual([
      "streams[0].retriever.record_selector.extractor: unsupported field 'nonsense'",
    ]);

    const badTemplate = structuredClone(base);
    (badTemplate.definitions.base_requester as Record<string, unknown>).path = "{{ config[ }}";
    expect(errorsOf(badTemplate)[0]).toMatch(/^streams\[0\]\.retriever\.requester\.path: not a valid Jinja template/);

    const missingRef = { ...structuredClone(base), streams: [{ $ref: "#/definitions/nope" }] };
    expect(errorsOf(missingRef)).toEqual(["streams[0].$ref: $ref '#/definitions/nope' not found"]);

    const unknownCheck = { ...structuredClone(base), check: { type: "CheckStream", stream_names: ["ghost"] } };
    expect(errorsOf(unknownCheck)).toEqual(["check.stream_names[0]: no stream named 'ghost'"]);

    const custom = structuredClone(base);
    (custom.streams[0] as Record<string, any>).retriever.record_selector.extractor = {
      type: "CustomRecordExtractor",
      class_name: "unregistered.Extractor",
    };
    expect(errorsOf(custom)[0]).toMatch(
      /^streams\[0\]\.retriever\.record_selector\.extractor\.class_name: no code component is registered as 'unregistered.Extractor'/,
    );
    expect(errorsOf("version: [")[0]).toMatch(/^not valid YAML or JSON/);
  });
});

describe("interpolation", () => {
  const now = () => new Date("2026-01-15T10:00:00Z");
  it("evaluates variables and macros to typed values", () => {
    const vars = { config: { start: "2026-01-01", size: 5 }, response: { data: [{ id: 3 }, { id: 9 }], next: null } };
    expect(evaluate("{{ config['size'] }}", vars, now)).toBe(5);
    expect(evaluate("{{ response.data[-1].id }}", vars, now)).toBe(9);
    expect(evaluate("{{ response.get('next') }}", vars, now)).toBeUndefined();
    expect(evaluate("{{ not response.next }}", vars, now)).toBe(true);
    expect(evaluate("{{ day_delta(-1, format='%Y-%m-%d') }}", vars, now)).toBe("2026-01-14");
    expect(evaluate("{{ now_utc().strftime('%Y-%m-%dT%H:%M:%SZ') }}", vars, now)).toBe("2026-01-15T10:00:00Z");
    expect(evaluate("{{ format_datetime(config.start, '%d/%m/%Y') }}", vars, now)).toBe("01/01/2026");
    expect(evaluate("{{ timestamp('2026-01-01T00:00:00Z') }}", vars, now)).toBe(1767225600);
    expect(evaluate("{{ max(3, 7, 5) }}", vars, now)).toBe(7);
    expect(evaluate("{{ duration('PT1H').total_seconds() }}", vars, now)).toBe(3600);
    expect(evaluate("{{ str_to_datetime('2026-01-02').strftime('%s') }}", vars, now)).toBe("1767312000");
    expect(evaluate("{{ today_utc() }}", vars, now)).toBe("2026-01-15");
    expect(evaluate("items/{{ config.size }}", vars, now)).toBe("items/5");
  });
});

describe("pagination (a fake with 25 items in pages of 10, 3 pages)", () => {
  it("CursorPagination: next_cursor in the body until has_more is false", async () => {
    const api = createDeclarativeFake();
    const { records } = await readStream(manifestOf(itemsManifest({ paginator: cursorPaginator })), "items", {
      fetch: api.fetch,
    });
    expect(records.map((r) => r.id)).toEqual(makeItems(25).map((i) => BigInt(i.id)));
    const pages = api.requests.filter((r) => r.url.pathname === "/v1/items");
    expect(pages.map((r) => r.url.search)).toEqual(["?limit=10", "?limit=10&cursor=10", "?limit=10&cursor=20"]);
  });

  it("OffsetIncrement and PageIncrement stop at a short page", async () => {
    for (const [style, strategy, token] of [
      ["offset", { type: "OffsetIncrement", page_size: 10 }, "offset"],
      ["page", { type: "PageIncrement", page_size: 10, start_from_page: 1 }, "page"],
    ] as const) {
      const api = createDeclarativeFake({ items: makeItems(30) });
      const manifest = itemsManifest({
        extractor: ["results"],
        requester: { request_parameters: { style } },
        paginator: {
          type: "DefaultPaginator",
          page_size_option: {
            type: "RequestOption",
            inject_into: "request_parameter",
            field_name: style === "page" ? "per_page" : "limit",
          },
          page_token_option: { type: "RequestOption", inject_into: "request_parameter", field_name: token },
          pagination_strategy: strategy,
        },
      });
      const { records } = await readStream(manifestOf(manifest), "items", { fetch: api.fetch });
      expect(records).toHaveLength(30);
      // 3 full pages and an empty 4th (30 is a multiple of the page size).
      expect(api.requests.filter((r) => r.url.pathname === "/v1/items")).toHaveLength(4);
    }
  });

  it("a next URL in the Link header through RequestPath", async () => {
    const api = createDeclarativeFake();
    const manifest = itemsManifest({
      extractor: [],
      requester: { request_parameters: { style: "link", limit: "7" } },
      paginator: {
        type: "DefaultPaginator",
        page_token_option: { type: "RequestPath" },
        pagination_strategy: { type: "CursorPagination", cursor_value: "{{ headers['link']['next']['url'] }}" },
      },
    });
    const { records } = await readStream(manifestOf(manifest), "items", { fetch: api.fetch });
    expect(records).toHaveLength(25);
    expect(api.requests.filter((r) => r.url.pathname === "/v1/items")).toHaveLength(4);
  });
});

const incremental = itemsManifest({
  paginator: cursorPaginator,
  stream: {
    incremental_sync: {
      type: "DatetimeBasedCursor",
      cursor_field: "updated_at",
      datetime_format: "%Y-%m-%dT%H:%M:%SZ",
      start_datetime: "{{ config['start_date'] }}",
      step: "P1D",
      cursor_granularity: "PT1S",
      start_time_option: { type: "RequestOption", inject_into: "request_parameter", field_name: "updated_since" },
      end_time_option: { type: "RequestOption", inject_into: "request_parameter", field_name: "updated_until" },
    },
  },
});

describe("incremental reads (DatetimeBasedCursor)", () => {
  it("reads day windows, checkpoints the cursor, and the next run fetches only what changed", async () => {
    // 30 items an hour apart from 2026-01-01T00:00Z; the clock says 2026-01-03T00:00Z.
    const api = createDeclarativeFake({ items: makeItems(30) });
    const manifest = manifestOf(incremental);
    const config = { start_date: "2026-01-01T00:00:00Z" };
    const first = await readStream(manifest, "items", { fetch: api.fetch, config });
    expect(first.records).toHaveLength(30);
    expect(first.state).toEqual({ cursor: "2026-01-03T00:00:00Z" });
    const windows = api.requests.map((r) => [
      r.url.searchParams.get("updated_since"),
      r.url.searchParams.get("updated_until"),
    ]);
    expect(new Set(windows.map((w) => w.join(" ")))).toEqual(
      new Set([
        "2026-01-01T00:00:00Z 2026-01-01T23:59:59Z",
        "2026-01-02T00:00:00Z 2026-01-02T23:59:59Z",
        "2026-01-03T00:00:00Z 2026-01-03T00:00:00Z",
      ]),
    );

    // One item changes, one is added; a day later.
    api.state.items[4] = {
      ...(api.state.items[4] as (typeof api.state.items)[0]),
      name: "changed",
      updated_at: "2026-01-03T05:00:00Z",
    };
    api.state.items.push({ id: 31, name: "new", updated_at: "2026-01-03T06:00:00Z", amount: 1 });
    api.requests.length = 0;
    const second = await readStream(manifest, "items", {
      fetch: api.fetch,
      config,
      state: first.state,
      now: new Date("2026-01-04T00:00:00Z"),
    });
    expect(second.records.map((r) => r.id)).toEqual([5n, 31n]);
    expect(api.requests.every((r) => (r.url.searchParams.get("updated_since") ?? "") >= "2026-01-03T00:00:00Z")).toBe(
      true,
    );
    expect(second.state).toEqual({ cursor: "2026-01-04T00:00:00Z" });
  });

  it("reads windows concurrently, within the bound", async () => {
    const api = createDeclarativeFake({ items: makeItems(24 * 8) });
    api.state.latencyMs = 5;
    const manifest = manifestOf(incremental);
    const { records } = await readStream(manifest, "items", {
      fetch: api.fetch,
      config: { start_date: "2026-01-01T00:00:00Z" },
      now: new Date("2026-01-09T00:00:00Z"),
      concurrency: 3,
    });
    expect(records).toHaveLength(24 * 8);
    expect(api.state.maxInFlight).toBe(3);
  });
});

describe("failures", () => {
  it("rides out a 429 storm with Retry-After without failing", async () => {
    const api = createDeclarativeFake();
    api.state.rateLimit = 4;
    api.state.retryAfterS = 3;
    sleeps.length = 0;
    const { records } = await readStream(manifestOf(itemsManifest({ paginator: cursorPaginator })), "items", {
      fetch: api.fetch,
    });
    expect(records).toHaveLength(25);
    expect(api.state.throttled).toBe(4);
    // Each wait is the server's Retry-After, never a guess shorter than it.
    expect(sleeps).toEqual([3000, 3000, 3000, 3000]);
  });

  it("refreshes an expired OAuth token once and goes on", async () => {
    const api = createDeclarativeFake({ oauth: { clientId: "cid", clientSecret: "cs", refreshToken: "rt" } });
    const manifest = itemsManifest({
      paginator: cursorPaginator,
      requester: {
        authenticator: {
          type: "OAuthAuthenticator",
          token_refresh_endpoint: "https://decl.example.com/oauth/token",
          client_id: "{{ config.client_id }}",
          client_secret: "{{ config.client_secret }}",
          refresh_token: "{{ config.refresh_token }}",
        },
      },
    });
    const reader = readerOf(manifestOf(manifest), { client_id: "cid", client_secret: "cs", refresh_token: "rt" });
    const ctx = ctxFor(api.fetch, new Date());
    const [stream] = (await reader.discover({}, ctx)).streams;
    const session = await reader.open({}, ctx);
    let rows = 0;
    let pages = 0;
    for await (const message of session.read({ stream: stream as never, mode: "full", lookbackMs: 0 }, undefined, {
      ...ctx,
      pageBytes: 1,
      signal: new AbortController().signal,
      runStartedAt: new Date(),
    })) {
      if (message.kind === "upsert") {
        rows += message.count;
        pages++;
        if (pages === 1) api.state.expireNow();
      }
    }
    expect(rows).toBe(25);
    expect(api.state.tokensIssued).toBe(2);
    const refreshes = api.requests.filter((r) => r.url.pathname === "/oauth/token");
    expect(refreshes).toHaveLength(2);
    expect(new URLSearchParams(refreshes[0]?.body).get("grant_type")).toBe("refresh_token");
  });

  it("fails a malformed or truncated body naming the stream and the request, never a partial success", async () => {
    for (const breakage of ["malformed", "truncated"] as const) {
      const api = createDeclarativeFake({ apiKey: "sekret-key" });
      api.state[breakage] = 2;
      const manifest = itemsManifest({
        paginator: cursorPaginator,
        requester: {
          authenticator: {
            type: "ApiKeyAuthenticator",
            api_token: "{{ config.key }}",
            inject_into: { type: "RequestOption", inject_into: "request_parameter", field_name: "api_key" },
          },
        },
      });
      const failure = await readStream(manifestOf(manifest), "items", {
        fetch: api.fetch,
        config: { key: "sekret-key" },
      }).then(
        () => undefined,
        (error: Error) => error,
      );
      expect(failure?.message).toMatch(
        /^stream 'items': GET decl\.example\.com\/v1\/items\?limit=10&cursor=10&api_key=\*\*\*\* answered with a body that is not JSON/,
      );
      expect(failure?.message).not.toContain("sekret-key");
    }
  });
});

describe("inferred schemas", () => {
  it("infers columns from records and only widens them across runs", async () => {
    const api = createDeclarativeFake({ items: makeItems(3) });
    const manifest = manifestOf(itemsManifest({ schema: false }));
    const first = await readStream(manifest, "items", { fetch: api.fetch });
    const typeOf = (name: string, stream = first.stream) => stream.columns.find((c) => c.name === name)?.type;
    expect(typeOf("id")).toBe("long");
    expect(typeOf("amount")).toBe("long");
    expect(typeOf("updated_at")).toBe("timestamptz");
    expect(first.state).toMatchObject({ schema: { id: "long", amount: "long", updated_at: "timestamptz" } });

    // Amounts become decimals and a field appears after the first page: the run says so and
    // records the wider schema; the next discovery widens the table.
    api.state.items = [...makeItems(3), { id: 4, name: "x", updated_at: "soon", amount: 2.5, extra: true }];
    const stream = first.stream;
    const failure = await readStream(manifest, "items", { fetch: api.fetch, stream }).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failure).toBeInstanceOf(TableError);
    expect(failure?.message).toMatch(/stream 'items': field 'updated_at' widened from timestamptz to string/);

    api.state.items = makeItems(3); // narrower again: the table keeps its wider types
    const widenedState = { "decl.items": { schema: { amount: "float", updated_at: "string", extra: "boolean" } } };
    const third = await readStream(manifest, "items", {
      fetch: api.fetch,
      previous: { streams: [stream], state: widenedState },
    });
    expect(typeOf("amount", third.stream)).toBe("float");
    expect(typeOf("updated_at", third.stream)).toBe("string");
    expect(typeOf("extra", third.stream)).toBe("boolean");
    expect(third.records[0]).toMatchObject({ amount: 10, updated_at: "2026-01-01T00:00:00Z", extra: null });
  });
});

describe("partition routers", () => {
  it("SubstreamPartitionRouter reads each parent's children; ListPartitionRouter each value", async () => {
    const api = createDeclarativeFake();
    const parents = {
      type: "DeclarativeStream",
      name: "parents",
      primary_key: "id",
      retriever: {
        type: "SimpleRetriever",
        requester: { type: "HttpRequester", url_base: "https://decl.example.com/v1", path: "parents" },
        record_selector: { type: "RecordSelector", extractor: { type: "DpathExtractor", field_path: ["data"] } },
      },
    };
    const manifest = manifestOf({
      version: "6.0.0",
      definitions: { parents },
      check: { stream_names: ["children"] },
      streams: [
        { $ref: "#/definitions/parents" },
        {
          type: "DeclarativeStream",
          name: "children",
          primary_key: "id",
          transformations: [
            { type: "AddFields", fields: [{ path: ["parent_id"], value: "{{ stream_partition.parent_id }}" }] },
            { type: "RemoveFields", field_pointers: [["parent"]] },
          ],
          retriever: {
            type: "SimpleRetriever",
            requester: {
              type: "HttpRequester",
              url_base: "https://decl.example.com/v1",
              path: "parents/{{ stream_partition.parent_id }}/children",
            },
            record_selector: { type: "RecordSelector", extractor: { type: "DpathExtractor", field_path: ["data"] } },
            partition_router: {
              type: "SubstreamPartitionRouter",
              parent_stream_configs: [
                {
                  type: "ParentStreamConfig",
                  stream: "#/definitions/parents",
                  parent_key: "id",
                  partition_field: "parent_id",
                },
              ],
            },
          },
        },
        {
          type: "DeclarativeStream",
          name: "listed",
          retriever: {
            type: "SimpleRetriever",
            requester: {
              type: "HttpRequester",
              url_base: "https://decl.example.com/v1",
              path: "parents/{{ stream_partition.p }}/children",
            },
            record_selector: { type: "RecordSelector", extractor: { type: "DpathExtractor", field_path: ["data"] } },
            partition_router: { type: "ListPartitionRouter", values: ["p1", "p2"], cursor_field: "p" },
          },
        },
      ],
    });
    const children = await readStream(manifest, "children", { fetch: api.fetch });
    expect(children.records.sort((a, b) => Number(a.id) - Number(b.id))).toEqual([
      { id: 1n, parent_id: "p1" },
      { id: 2n, parent_id: "p1" },
      { id: 3n, parent_id: "p2" },
    ]);
    const listed = await readStream(manifest, "listed", { fetch: api.fetch });
    expect(listed.records).toHaveLength(3);
  });
});

describe("code components", () => {
  it("a CustomRecordExtractor registered by name", async () => {
    registerComponent("test.UppercaseExtractor", {
      kind: "extractor",
      extract: (response) =>
        ((response.body as { data: { id: number; name: string }[] }).data ?? []).map((r) => ({
          ...r,
          name: r.name.toUpperCase(),
        })),
    });
    const api = createDeclarativeFake({ items: makeItems(2) });
    const manifest = itemsManifest({});
    (manifest.streams[0] as Record<string, any>).retriever.record_selector.extractor = {
      type: "CustomRecordExtractor",
      class_name: "test.UppercaseExtractor",
    };
    const { records } = await readStream(manifestOf(manifest), "items", { fetch: api.fetch });
    expect(records.map((r) => r.name)).toEqual(["ITEM 1", "ITEM 2"]);
  });
});

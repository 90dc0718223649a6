/**
 * `http_method` as a template (our extension of Airbyte's GET/POST enum, as `path` is one): a
 * stream whose partitions read different endpoints, one searching by POST and one listing by
 * GET. A GET never carries the requester's body.
 */
import { describe, expect, it } from "vitest";
import { errorsOf, manifestOf, readStream } from "./helpers";

function manifest(method: string) {
  return {
    version: "6.0.0",
    type: "DeclarativeSource",
    check: { type: "CheckStream", stream_names: ["things"] },
    streams: [
      {
        type: "DeclarativeStream",
        name: "things",
        primary_key: "id",
        retriever: {
          type: "SimpleRetriever",
          requester: {
            type: "HttpRequester",
            url_base: "https://method.example.com",
            path: "{{ 'search' if stream_partition.kind == 'search' else 'list' }}",
            http_method: method,
            request_body_json: { filter: "{{ stream_partition.kind }}" },
          },
          record_selector: { type: "RecordSelector", extractor: { type: "DpathExtractor", field_path: ["results"] } },
          partition_router: { type: "ListPartitionRouter", values: ["search", "list"], cursor_field: "kind" },
        },
      },
    ],
  };
}

function api() {
  const seen: { method: string; path: string; body: string; type: string | null }[] = [];
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    seen.push({ method: request.method, path, body: await request.text(), type: request.headers.get("Content-Type") });
    return Response.json({ results: [{ id: path }] });
  }) as typeof fetch;
  return { seen, fetcher };
}

describe("http_method as a template", () => {
  it("POSTs the body for one partition and GETs without a body for the other", async () => {
    const { seen, fetcher } = api();
    const m = manifestOf(manifest("{{ 'POST' if stream_partition.kind == 'search' else 'GET' }}"));
    const result = await readStream(m, "things", { fetch: fetcher, mode: "full" });
    expect(result.records.map((r) => r.id).sort()).toEqual(["/list", "/search"]);
    // Discovery samples the first slice's first page too: the distinct requests.
    const distinct = [...new Map(seen.map((r) => [JSON.stringify(r), r])).values()];
    const sorted = distinct.sort((a, b) => a.path.localeCompare(b.path));
    expect(sorted).toEqual([
      { method: "GET", path: "/list", body: "", type: null },
      { method: "POST", path: "/search", body: JSON.stringify({ filter: "search" }), type: "application/json" },
    ]);
  });

  it("refuses a literal other than GET or POST when validating, and a rendered one when reading", async () => {
    expect(errorsOf(manifest("PUT")).join("\n")).toMatch(/http_method/);
    const { fetcher } = api();
    const m = manifestOf(manifest("{{ 'DELETE' }}"));
    await expect(readStream(m, "things", { fetch: fetcher, mode: "full" })).rejects.toThrow(
      /http_method rendered to 'DELETE', not GET or POST/,
    );
  });
});

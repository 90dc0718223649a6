// BENCH_ONLY=api (bench/run.mjs): a fake HTTP API serving BENCH_API_RECORDS records (100k by
// default) in pages of 100, each answer held BENCH_API_LATENCY_MS (5 ms) as a remote API's
// round trip would be, synced through the running Worker into D1 by a `declarative_manifest`
// connection. Two manifests over the same data:
//
//   sequential  one slice: page N+1 is asked for once page N's answer arrived (the reader's
//               queue already lets the destination write page N meanwhile)
//   partitioned the id range split into 8 partitions (a ListPartitionRouter sending `part`),
//               read 4 at a time (concurrency_level), each paged the same way
//
// Reported per run: records/s (POST /sync to succeeded_at) and the fraction of the wall time in
// which no request was in flight that the engine was not waiting on the network — i.e. the union
// of the fake's request intervals (arrival → answer sent) over the sync's wall time.
import http from "node:http";

const PAGE = 100;

export function apiBenchSettings() {
  return {
    records: Number((process.env.BENCH_API_RECORDS ?? "100000").replaceAll("_", "")),
    latencyMs: Number(process.env.BENCH_API_LATENCY_MS ?? 5),
  };
}

/** The fake API on a loopback port: GET /items?page=N[&part=P&parts=K]. */
export async function startApiFake({ records, latencyMs }) {
  const intervals = [];
  const base = Date.UTC(2026, 0, 1);
  const server = http.createServer((req, res) => {
    const start = performance.now();
    const url = new URL(req.url, "http://x");
    const page = Number(url.searchParams.get("page") ?? 1);
    const parts = Number(url.searchParams.get("parts") ?? 1);
    const part = Number(url.searchParams.get("part") ?? 0);
    const per = Math.ceil(records / parts);
    const from = part * per + (page - 1) * PAGE + 1;
    const to = Math.min(records, (part + 1) * per, from + PAGE - 1);
    const items = [];
    for (let id = from; id <= to; id++) {
      items.push({
        id,
        name: `Item ${id}`,
        email: `user${id}@example.com`,
        amount: (id % 100_000) / 100,
        active: id % 3 === 0,
        updated_at: new Date(base + id * 1000).toISOString(),
      });
    }
    const body = JSON.stringify({ items, page });
    setTimeout(() => {
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
      res.end(body, () => intervals.push([start, performance.now()]));
    }, latencyMs);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    intervals,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Milliseconds in [from, to] covered by at least one interval. */
export function busyMs(intervals, from, to) {
  const sorted = intervals
    .map(([a, b]) => [Math.max(a, from), Math.min(b, to)])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let [cs, ce] = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
  for (const [a, b] of sorted) {
    if (a > ce) {
      if (ce > cs) total += ce - cs;
      [cs, ce] = [a, b];
    } else ce = Math.max(ce, b);
  }
  if (ce > cs) total += ce - cs;
  return total;
}

/** The manifest of one variant (`parts` partitions read `concurrency` at a time). */
export function apiManifest(url, { parts, concurrency }) {
  const partitioned = parts > 1;
  return {
    version: "6.44.0",
    type: "DeclarativeSource",
    concurrency_level: { type: "ConcurrencyLevel", default_concurrency: concurrency, max_concurrency: 16 },
    streams: [
      {
        type: "DeclarativeStream",
        name: "items",
        primary_key: "id",
        schema_loader: {
          type: "InlineSchemaLoader",
          schema: {
            type: "object",
            properties: {
              id: { type: "integer" },
              name: { type: ["null", "string"] },
              email: { type: ["null", "string"] },
              amount: { type: ["null", "number"] },
              active: { type: ["null", "boolean"] },
              updated_at: { type: ["null", "string"], format: "date-time" },
            },
          },
        },
        retriever: {
          type: "SimpleRetriever",
          requester: {
            type: "HttpRequester",
            url_base: url,
            path: "items",
            http_method: "GET",
            request_parameters: partitioned ? { parts: String(parts) } : {},
          },
          record_selector: { type: "RecordSelector", extractor: { type: "DpathExtractor", field_path: ["items"] } },
          paginator: {
            type: "DefaultPaginator",
            pagination_strategy: { type: "PageIncrement", page_size: PAGE, start_from_page: 1 },
            page_token_option: { type: "RequestOption", inject_into: "request_parameter", field_name: "page" },
          },
          ...(partitioned
            ? {
                partition_router: {
                  type: "ListPartitionRouter",
                  cursor_field: "part",
                  values: Array.from({ length: parts }, (_, i) => String(i)),
                  request_option: { type: "RequestOption", inject_into: "request_parameter", field_name: "part" },
                },
              }
            : {}),
        },
      },
    ],
    check: { type: "CheckStream", stream_names: ["items"] },
  };
}

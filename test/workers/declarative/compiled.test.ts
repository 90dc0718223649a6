/**
 * `rest` and `graphql` from config alone, compiled onto the declarative engine: every
 * pagination style the rest config accepts moves every record, unknown fields are refused, and
 * GraphQL errors in a 200 answer fail the read naming them.
 */
import { describe, expect, it } from "vitest";
import type { ConnectorContext, SourceDefinition, SourceReader, Stream } from "../../../src/engine/protocol";
import { graphqlSource } from "../../../src/engine/sources/graphql/index";
import { restSource } from "../../../src/engine/sources/rest/index";
import { parseConfig } from "../../../src/engine/toolkit/config";
import { createDeclarativeFake, makeItems } from "../../fakes/declarative-api";
import { invalid } from "../sources/helpers";
import { ctxFor } from "./helpers";

async function readAll<C>(reader: SourceReader<C>, config: C, ctx: ConnectorContext, name: string) {
  const stream = (await reader.discover(config, ctx)).streams.find((s) => s.name === name) as Stream;
  const session = await reader.open(config, ctx);
  let rows = 0;
  for await (const message of session.read({ stream, mode: "full", lookbackMs: 0 }, undefined, {
    ...ctx,
    pageBytes: 1 << 20,
    signal: new AbortController().signal,
    runStartedAt: new Date(),
  })) {
    if (message.kind === "upsert") rows += message.count;
  }
  return { rows, stream };
}

const rest = (input: Record<string, unknown>) =>
  parseConfig(restSource as unknown as SourceDefinition, {
    schema: "api",
    baseUrl: "https://decl.example.com/v1",
    ...input,
  }) as Parameters<typeof restSource.check>[0];

describe("rest from config", () => {
  it.each([
    ["cursor", { type: "cursor", cursor_path: "next_cursor", param: "cursor", page_size: 10 }, "data", {}, 3],
    ["offset", { type: "offset", limit: 10 }, "results", { style: "offset" }, 3],
    ["page", { type: "page", size: 10 }, "results", { style: "page" }, 3],
    ["link_header", { type: "link_header" }, "", { style: "link", limit: 10 }, 3],
  ])("pages with %s", async (_name, pagination, records, params, requests) => {
    const api = createDeclarativeFake({ items: makeItems(27) });
    const config = rest({
      endpoints: [{ path: "items", name: "items", records_path: records, primary_key: "id", params, pagination }],
    });
    const { rows, stream } = await readAll(
      restSource.reader as SourceReader<typeof config>,
      config,
      ctxFor(api.fetch),
      "items",
    );
    expect(rows).toBe(27);
    expect(stream.primaryKey).toEqual(["id"]);
    // Discovery samples the first page; the read walks every page.
    expect(api.requests.length).toBe(requests + 1);
  });

  it("refuses pagination fields it does not implement", () => {
    expect(
      invalid(restSource, {
        schema: "api",
        baseUrl: "https://decl.example.com",
        endpoints: ["items"],
        pagination: { type: "cursor", cursor_path: "next", bogus: 1 },
      }),
    ).toMatch(/config\.pagination/);
    expect(
      invalid(restSource, {
        schema: "api",
        baseUrl: "https://decl.example.com",
        endpoints: [{ path: "items", sort: "asc" }],
      }),
    ).toMatch(/config\.endpoints\.0/);
  });
});

describe("graphql from config", () => {
  const config = (queries: unknown[]) =>
    parseConfig(graphqlSource as unknown as SourceDefinition, {
      schema: "gql",
      endpoint: "https://decl.example.com/graphql",
      queries,
    }) as Parameters<typeof graphqlSource.check>[0];

  it("fails a read whose answer carries GraphQL errors, naming them", async () => {
    const api = createDeclarativeFake();
    const c = config([{ name: "broken", query: "{ nothing { id } }" }]);
    const failure = await readAll(graphqlSource.reader as SourceReader<typeof c>, c, ctxFor(api.fetch), "broken").then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failure?.message).toMatch(/GraphQL errors: Cannot query field on type Query/);
    expect(failure?.message).toMatch(/stream 'broken'/);
  });

  it("refuses a paginated query that does not declare its cursor variable", () => {
    expect(
      invalid(graphqlSource, {
        schema: "gql",
        endpoint: "https://decl.example.com/graphql",
        queries: [
          {
            name: "items",
            query: "{ items { nodes { id } } }",
            pagination: { type: "cursor", page_info_path: "items.pageInfo" },
          },
        ],
      }),
    ).toBe(
      "Invalid value for field 'config.queries.0.pagination.cursor_variable': the query must declare $after (e.g. query($after: String) { … })",
    );
  });
});

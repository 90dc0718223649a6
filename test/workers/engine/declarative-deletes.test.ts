import { describe, expect, it } from "vitest";
import { DELETED, loadManifest, manifestReader } from "../../../src/engine/declarative/index";
import type { ReadContext, SourceMessage } from "../../../src/engine/protocol";
import { FakeRouter, json } from "../../fakes/fake-router";
import { testContext } from "./harness";

const manifest = loadManifest({
  version: "6.0.0",
  check: { stream_names: ["things"] },
  streams: [
    {
      type: "DeclarativeStream",
      name: "things",
      primary_key: "id",
      schema_loader: {
        type: "InlineSchemaLoader",
        schema: { properties: { id: { type: "integer" }, name: { type: ["null", "string"] } } },
      },
      retriever: {
        type: "SimpleRetriever",
        requester: { type: "HttpRequester", url_base: "https://things.example.com", path: "things" },
        record_selector: { type: "RecordSelector", extractor: { type: "DpathExtractor", field_path: ["data"] } },
      },
      transformations: [
        {
          type: "AddFields",
          fields: [{ path: [DELETED], value: "{{ record.gone == true }}", value_type: "boolean" }],
        },
      ],
    },
  ],
});

describe("declarative deletes ($deleted)", () => {
  it("turns records marked deleted into delete messages by key, in order, and never a column", async () => {
    const router = new FakeRouter(["things.example.com"]);
    router.on("GET", "/things", () =>
      json({
        data: [
          { id: 1, name: "a" },
          { id: 2, name: "b", gone: true },
          { id: 3, name: "c" },
        ],
      }),
    );
    const reader = manifestReader({ manifest: () => manifest, values: () => ({}), namespace: () => "s" });
    const ctx = { ...testContext(), fetch: router.fetch };
    const { streams } = await reader.discover({}, ctx);
    expect(streams[0]?.columns.map((c) => c.name)).toEqual(["id", "name"]);
    const session = await reader.open({}, ctx);
    const read: ReadContext = {
      ...ctx,
      pageBytes: 1 << 20,
      signal: new AbortController().signal,
      runStartedAt: new Date(),
    };
    const messages: SourceMessage[] = [];
    for await (const m of session.read({ stream: streams[0] as never, mode: "full", lookbackMs: 0 }, undefined, read)) {
      messages.push(m);
    }
    const shapes = messages.map((m) =>
      m.kind === "upsert" ? ["upsert", m.rows] : m.kind === "delete" ? ["delete", m.keys] : [m.kind],
    );
    expect(shapes).toEqual([["upsert", [[1n, "a"]]], ["delete", [[2n]]], ["upsert", [[3n, "c"]]], ["checkpoint"]]);
  });
});

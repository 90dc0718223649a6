/**
 * The runner and sync modes: a table's mode travels on its TableRef into migrate, write, delete
 * and truncate; a destination that lacks the mode fails that table alone; change times and
 * unchanged values reach the destination even where the runner strips a batch's key range.
 * (What each destination does with a mode is the conformance suite's: conformance/suite.ts.)
 */
import { describe, expect, it } from "vitest";
import type {
  ConfiguredStream,
  DeleteTimes,
  DestinationWriter,
  Row,
  SourceMessage,
  SourceReader,
  Stream,
  SyncMode,
  TableRef,
  TruncateTime,
  UpsertBatch,
} from "../../../src/engine/protocol";
import { MEMORY_CAPABILITIES, MemoryDestination, MemorySource, REF_ITEMS, REF_PAIRS } from "../conformance/suite";
import { runToCompletion } from "./harness";

const key = (s: Stream) => `${s.namespace}.${s.name}`;

describe("sync modes in the runner", () => {
  it("a table in a mode the destination lacks is skipped with a warning; the others complete", async () => {
    const source = new MemorySource([REF_ITEMS, REF_PAIRS])
      .put(key(REF_ITEMS), [[1n, "a", "1.00", "2024-01-01T00:00:00.000000Z"]])
      .put(key(REF_PAIRS), [[1, "x", null]]);
    const destination = new MemoryDestination();
    const streams: ConfiguredStream[] = [
      { stream: REF_ITEMS, mode: "full", lookbackMs: 0, syncMode: "history" },
      { stream: REF_PAIRS, mode: "full", lookbackMs: 0, syncMode: "live" },
    ];
    const result = await runToCompletion({
      reader: source,
      config: { pageRows: 10 },
      openWriter: async () => destination.writer(),
      schema: "s",
      streams,
      state: {},
      runId: "r1",
    });
    expect(result.warnings).toEqual([
      {
        code: "table_skipped",
        stream: key(REF_ITEMS),
        message: expect.stringContaining("sync mode HISTORY, which this destination does not implement"),
      },
    ]);
    expect(destination.rows("s.pairs")).toEqual([[1, "x", null]]);
    expect(destination.tables.has("s.items")).toBe(false);
  });

  it("hands the writer the table's mode, the run's start and the source's change times", async () => {
    const changedAt = ["2031-01-01T00:00:00.000001Z"];
    const messages: SourceMessage[] = [
      {
        kind: "upsert",
        stream: key(REF_PAIRS),
        rows: [[1, "x", null]],
        count: 1,
        bytes: 10,
        // Text keys: the runner strips the range, never the change times or unchanged values.
        range: { after: null, through: [1, "x"] },
        changedAt,
        unchanged: [[2]],
      },
      { kind: "delete", stream: key(REF_PAIRS), keys: [[1, "x"]], changedAt },
      { kind: "truncate", stream: key(REF_PAIRS), changedAt: changedAt[0] },
      { kind: "checkpoint", stream: key(REF_PAIRS), state: { done: true } },
    ];
    const reader: SourceReader<Record<string, never>> = {
      discover: async () => ({ streams: [REF_PAIRS], warnings: [] }),
      open: async () => ({
        async *read(_configured, state) {
          if (state) return;
          yield* messages;
        },
        close: async () => {},
      }),
    };
    const seen: { op: string; mode?: SyncMode; detail: unknown }[] = [];
    const writer: DestinationWriter = {
      capabilities: { ...MEMORY_CAPABILITIES, syncModes: ["soft_delete", "live", "history"] },
      async migrate(_schema, _streams, modes) {
        seen.push({ op: "migrate", detail: modes });
      },
      async write(table: TableRef, batch: UpsertBatch, syncedAt: Date) {
        seen.push({
          op: "write",
          mode: table.mode,
          detail: { range: batch.range, changedAt: batch.changedAt, unchanged: batch.unchanged, syncedAt },
        });
        return { rows: batch.count, bytes: batch.bytes };
      },
      async delete(table: TableRef, keys: Row[], at?: DeleteTimes) {
        seen.push({ op: "delete", mode: table.mode, detail: { keys, at } });
        return keys.length;
      },
      async truncate(table: TableRef, before?: Date, at?: TruncateTime) {
        seen.push({ op: "truncate", mode: table.mode, detail: { before, at } });
        return 0;
      },
      isEmpty: async () => false,
      flush: async () => {},
      close: async () => {},
    };
    const startedAt = new Date(Date.UTC(2031, 0, 2));
    await runToCompletion({
      reader,
      config: {},
      openWriter: async () => writer,
      schema: "s",
      streams: [{ stream: REF_PAIRS, mode: "full", lookbackMs: 0, syncMode: "history" }],
      state: {},
      runId: "r1",
      runStartedAt: startedAt,
    });
    expect(seen).toEqual([
      { op: "migrate", detail: ["history"] },
      {
        op: "write",
        mode: "history",
        detail: { range: undefined, changedAt, unchanged: [[2]], syncedAt: startedAt },
      },
      { op: "delete", mode: "history", detail: { keys: [[1, "x"]], at: { syncedAt: startedAt, changedAt } } },
      {
        op: "truncate",
        mode: "history",
        detail: { before: undefined, at: { syncedAt: startedAt, changedAt: changedAt[0] } },
      },
      // The snapshot's end: rows it did not see go, as the mode keeps deletes.
      { op: "truncate", mode: "history", detail: { before: startedAt, at: { syncedAt: startedAt } } },
    ]);
  });
});

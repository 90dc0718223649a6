/**
 * Runs a file source's reader into the conformance suite's MemoryDestination, run after run,
 * as the job loop does: each run discovers with the committed state (so a schema learnt from
 * the files carries over) and reads every stream to completion.
 */
import type { ConnectorContext, SourceReader, StreamState } from "../../../src/engine/protocol";
import { configureStreams, MemoryDestination } from "../conformance/suite";
import { runToCompletion } from "../engine/harness";

export interface FileSync<C> {
  destination: MemoryDestination;
  state: Record<string, StreamState>;
  /** One run; returns the rows written per stream and the run's warnings. */
  run(options?: {
    lookbackMs?: number;
    pageBytes?: number;
    budgetMs?: number;
    mode?: "full";
    afterCommit?: (count: number) => void;
  }): Promise<{
    rows: Record<string, number>;
    columns: string[];
  }>;
}

/** `before` runs ahead of each run (waiting for the listing's clock to move on, say). */
export function fileSync<C>(
  reader: SourceReader<C>,
  config: C,
  ctx: () => ConnectorContext,
  before?: () => Promise<void>,
): FileSync<C> {
  const destination = new MemoryDestination();
  const state: Record<string, StreamState> = {};
  let runs = 0;
  return {
    destination,
    state,
    async run(options = {}) {
      runs += 1;
      await before?.();
      const discovered = await reader.discover(config, ctx(), { state });
      const streams = configureStreams(discovered, options.lookbackMs ?? 0).map((c) =>
        options.mode === "full" ? { ...c, mode: "full" as const, cursorField: undefined } : c,
      );
      const result = await runToCompletion({
        reader,
        config,
        openWriter: async () => destination.writer(),
        schema: "unused",
        schemaOf: (stream) => stream.namespace,
        streams,
        state,
        runId: `run-${runs}`,
        runStartedAt: new Date(Date.UTC(2031, 0, 1) + runs * 60_000),
        pageBytes: options.pageBytes ?? 1 << 20,
        budgetMs: options.budgetMs,
        afterCommit: options.afterCommit,
        ctx: ctx(),
      });
      return {
        rows: Object.fromEntries(Object.entries(result.stats).map(([k, v]) => [k, v.rows])),
        columns: discovered.streams[0]?.columns.map((c) => `${c.name}:${c.type}`) ?? [],
      };
    },
  };
}

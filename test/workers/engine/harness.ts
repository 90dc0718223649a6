import pg from "pg";
import type {
  ConfiguredStream,
  ConnectorContext,
  DestinationWriter,
  SourceReader,
  Stream,
  StreamState,
} from "../../../src/engine/protocol";
import { runSlice, type SliceResult, type StreamStats } from "../../../src/engine/runner";
import { egressPolicy } from "../../../src/engine/toolkit/egress";

/** The policy the tests run under, as vitest.config.ts sets it: loopback allowed (local Postgres, MariaDB). */
export const TEST_EGRESS = egressPolicy({ FIVETRAN_EGRESS_ALLOW: "loopback" });

export const PG = { host: "127.0.0.1", port: 5432, user: "postgres" } as const;

/** Runs SQL on a local database (created if missing). */
export async function sql(database: string, text: string, values?: unknown[]) {
  const client = new pg.Client({ ...PG, database });
  client.on("error", () => {});
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function resetDatabase(name: string) {
  await sql("postgres", `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await sql("postgres", `CREATE DATABASE ${name}`);
}

/** md5 over every column of every row in key order: equal tables give equal checksums. */
export async function checksum(database: string, table: string, columns: string[], orderBy: string) {
  const list = columns.map((c) => `"${c.replace(/"/g, '""')}"`).join(", ");
  const { rows } = await sql(
    database,
    `SELECT count(*)::int AS n, md5(coalesce(string_agg(row_text, E'\\n' ORDER BY ord), '')) AS sum
     FROM (SELECT ROW(${list})::text AS row_text, ${orderBy} AS ord FROM ${table}) t`,
  );
  return rows[0] as { n: number; sum: string };
}

export interface RunOptions<C> {
  reader: SourceReader<C>;
  config: C;
  openWriter: () => Promise<DestinationWriter>;
  schema: string;
  streams: ConfiguredStream[];
  state: Record<string, StreamState>;
  runId: string;
  budgetMs?: number;
  pageBytes?: number;
  /** When the run started (default: now); `_fivetran_synced` and snapshot deletes derive from it. */
  runStartedAt?: Date;
  /** Called after each commit (with the stream committed); throw to simulate a crash. */
  afterCommit?: (count: number, stream: string) => void;
  /** The destination schema of each stream (default: `schema` for every stream). */
  schemaOf?: (stream: Stream) => string;
  /** Maps connector errors onto the engine's classes (SliceInput.mapError; default: none). */
  mapError?: (error: unknown) => unknown;
  /** The connector context (default: testContext()), e.g. with a fake vendor's fetch. */
  ctx?: ConnectorContext;
  /** A context per slice (overrides `ctx`), e.g. with a signal a test aborts to end that slice. */
  sliceContext?: (slice: number) => ConnectorContext;
  /** Called after each slice with its number (0-based) and whether the run is done. */
  afterSlice?: (slice: number, done: boolean) => void | Promise<void>;
}

/** A connector context for tests: the real fetch, a quiet logger, no bindings. */
export function testContext(): ConnectorContext {
  return { fetch, log: { info() {}, warn() {} }, now: () => new Date(), bindings: {}, egress: TEST_EGRESS };
}

/** Runs slices until the run is done, like the queue consumer does; returns the stats. */
export async function runToCompletion<C>(options: RunOptions<C>) {
  const stats: StreamStats = {};
  let commits = 0;
  let result: SliceResult;
  const warnings: SliceResult["warnings"] = [];
  const runStartedAt = options.runStartedAt ?? new Date();
  let slices = 0;
  do {
    const writer = await options.openWriter();
    try {
      result = await runSlice({
        reader: options.reader,
        sourceConfig: options.config,
        writer,
        schemaOf: options.schemaOf ?? (() => options.schema),
        mapError: options.mapError,
        streams: options.streams,
        state: options.state,
        ctx: options.sliceContext?.(slices) ?? options.ctx ?? testContext(),
        runId: options.runId,
        runStartedAt,
        budgetMs: options.budgetMs ?? 60_000,
        pageBytes: options.pageBytes ?? 1 << 20,
        migrate: (_schema, _streams, apply) => apply(),
        // Every checkpoint, so tests can stop a run after any one of them.
        commitEveryMs: 0,
        async commit(stream, state, delta) {
          options.state[stream] = state as unknown as StreamState;
          for (const [k, v] of Object.entries(delta)) {
            const e = stats[k] ?? { rows: 0, bytes: 0 };
            e.rows += v.rows;
            e.bytes += v.bytes;
            stats[k] = e;
          }
          commits++;
          options.afterCommit?.(commits, stream);
        },
      });
    } finally {
      await writer.close();
    }
    warnings.push(...result.warnings);
    await options.afterSlice?.(slices, result.done);
    slices++;
  } while (!result.done);
  return { stats, commits, warnings, slices };
}

export function configure(
  discovered: Stream[] | { streams: Stream[] },
  mode: "incremental" | "full" = "incremental",
  lookbackMs = 0,
): ConfiguredStream[] {
  const streams = Array.isArray(discovered) ? discovered : discovered.streams;
  return streams.map((stream) => ({
    stream,
    mode,
    cursorField: mode === "incremental" ? stream.cursorCandidates[0] : undefined,
    lookbackMs,
  }));
}

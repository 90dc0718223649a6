/**
 * A validated manifest as a SourceReader (protocol.ts): discovery (streams → tables with their
 * columns, primary key and cursor), full and incremental reads, and the manifest's `check`.
 *
 * - **Slices** (partitions × datetime windows) are fetched concurrently, at most
 *   `concurrency_level.default_concurrency` (default 4) at once, pages handed on as they
 *   arrive through a bounded queue, so the network overlaps the destination's writes.
 * - **State** (JSON): `cursor` (the datetime cursor: the end of the last window completed
 *   in order, or for a data feed the newest record's), `partitions` (the same per partition of a
 *   substream or list router), `done` (partitions of a pass in progress without a cursor, so an
 *   interrupted full read resumes), `schema` (an inferred schema: field → type, only widening).
 * - **Failures**: a response that is not JSON (malformed or truncated) fails the read naming
 *   the stream and the request (credentials masked); never a partial success.
 */
import { ConfigurationError, TableError } from "../errors";
import type {
  Column,
  ConfiguredStream,
  ConnectorContext,
  Discovery,
  DiscoveryPrevious,
  ReadContext,
  Row,
  SetupTest,
  SourceMessage,
  SourceReader,
  SourceSession,
  Stream,
  StreamState,
} from "../protocol";
import { runnerState } from "../runner";
import { HttpClient } from "../toolkit/http-client";
import { valueBytes } from "../toolkit/pg-values";
import {
  columnsOfSchema,
  type InferredType,
  inferInto,
  inferredColumns,
  inferredOf,
  toRow,
  typeOfValue,
  widen,
} from "./columns";
import { evaluate } from "./interpolation";
import { annotate, type JsonRecord, type Page, partitionKey, Retriever, type Slice } from "./retriever";
import type { DeclarativeStream, Manifest } from "./schema";

/**
 * A record whose `$deleted` field is `true` (set by a transformation or a code extractor from
 * what the vendor says: Stripe's `*.deleted` events, HubSpot's archived records, Salesforce's
 * IsDeleted) is a delete of its primary key at the source: the reader emits a `delete`
 * message (soft delete in the destination by default) instead of an upsert. The field is
 * never a column. Airbyte's protocol has no deletes; this is our one addition to the format.
 */
export const DELETED = "$deleted";

export interface ManifestReaderOptions<C> {
  /** The validated manifest of a connection's config. */
  manifest(config: C): Manifest;
  /** The values of the manifest's spec (the `config` templates see). */
  values(config: C): Record<string, unknown>;
  /** The namespace of every stream (the connection's schema). */
  namespace(config: C): string;
  /** Who answers, for messages (e.g. "Stripe"); the host by default. */
  vendor?: string;
  /** Overrides the manifest's concurrency (slices read at once). */
  concurrency?: number;
  /** Waits between retries; injectable so tests need not wait. */
  sleep?(ms: number, signal?: AbortSignal): Promise<void>;
}

/** What a previous discovery and the committed state say about the streams (for widening). */
export type DiscoveryHints = DiscoveryPrevious;

interface ManifestState {
  cursor?: string;
  partitions?: Record<string, string>;
  done?: string[];
  schema?: Record<string, InferredType | null>;
}

function primaryKeyOf(stream: DeclarativeStream): string[] {
  const pk = stream.primary_key;
  if (pk === undefined) return [];
  if (typeof pk === "string") return pk ? [pk] : [];
  return pk.map((part) => {
    if (typeof part === "string") return part;
    if (part.length === 1) return part[0] as string;
    throw new ConfigurationError(
      `stream '${stream.name}': a nested primary key (${part.join(".")}) is not supported`,
      "invalid_manifest",
    );
  });
}

function httpClient(
  ctx: ConnectorContext,
  vendor: string | undefined,
  sleep?: ManifestReaderOptions<unknown>["sleep"],
) {
  return new HttpClient({
    fetch: ctx.fetch,
    signal: ctx.signal,
    vendor,
    now: () => ctx.now(),
    sleep,
    onRetry: (event) => ctx.log.info("retrying a request", { ...event }),
  });
}

/** A bounded queue between slice workers and the reader. */
class Channel<T> {
  private readonly items: T[] = [];
  private waitingConsumer: (() => void) | undefined;
  private readonly waitingProducers: (() => void)[] = [];
  constructor(private readonly capacity: number) {}

  async push(item: T): Promise<void> {
    while (this.items.length >= this.capacity) {
      await new Promise<void>((resolve) => this.waitingProducers.push(resolve));
    }
    this.items.push(item);
    this.waitingConsumer?.();
    this.waitingConsumer = undefined;
  }

  /** Pushes without waiting (end-of-work markers). */
  force(item: T): void {
    this.items.push(item);
    this.waitingConsumer?.();
    this.waitingConsumer = undefined;
  }

  async shift(): Promise<T> {
    while (this.items.length === 0) {
      await new Promise<void>((resolve) => {
        this.waitingConsumer = resolve;
      });
    }
    const item = this.items.shift() as T;
    this.waitingProducers.shift()?.();
    return item;
  }

  /** Releases every waiting producer (the reader stopped). */
  drain(): void {
    this.items.length = 0;
    for (const wake of this.waitingProducers.splice(0)) wake();
  }
}

type Event = { slice: number; page: Page } | { slice: number; done: true } | { error: unknown } | { finished: true };

/**
 * Reads `slices` with at most `concurrency` at once, yielding pages as they arrive and a
 * `done` per slice. Stops starting slices once `signal` aborts.
 */
async function* readConcurrently(
  slices: Slice[],
  concurrency: number,
  read: (slice: Slice) => AsyncIterable<Page>,
  signal: AbortSignal,
): AsyncGenerator<{ slice: number; page: Page } | { slice: number; done: true }> {
  const channel = new Channel<Event>(Math.max(4, concurrency * 2));
  let next = 0;
  let stopped = false;
  const worker = async () => {
    while (!stopped && !signal.aborted && next < slices.length) {
      const index = next++;
      for await (const page of read(slices[index] as Slice)) {
        if (stopped) return;
        await channel.push({ slice: index, page });
      }
      if (!stopped) await channel.push({ slice: index, done: true });
    }
  };
  const workers = Array.from({ length: Math.min(concurrency, Math.max(1, slices.length)) }, () =>
    worker().catch((error) => {
      stopped = true;
      channel.force({ error });
    }),
  );
  void Promise.all(workers).then(() => channel.force({ finished: true }));
  try {
    for (;;) {
      const event = await channel.shift();
      if ("error" in event) throw event.error;
      if ("finished" in event) return;
      yield event;
    }
  } finally {
    stopped = true;
    channel.drain();
  }
}

class ManifestSession implements SourceSession {
  constructor(
    private readonly manifest: Manifest,
    private readonly values: Record<string, unknown>,
    private readonly ctx: ConnectorContext,
    private readonly options: ManifestReaderOptions<unknown>,
  ) {}

  private concurrency(): number {
    if (this.options.concurrency) return this.options.concurrency;
    const level = this.manifest.concurrency_level;
    if (!level) return 4;
    const value = Number(evaluate(level.default_concurrency, { config: this.values }));
    const max = level.max_concurrency ?? 16;
    return Number.isFinite(value) && value >= 1 ? Math.min(Math.floor(value), max) : 4;
  }

  retriever(
    definition: DeclarativeStream,
    ctx: ConnectorContext,
    state?: JsonRecord,
    wallClock?: () => Date,
  ): Retriever {
    const http = httpClient(ctx, this.options.vendor, this.options.sleep);
    return new Retriever(
      definition,
      { config: this.values, http, now: () => ctx.now(), authNow: wallClock, state },
      { readParent: (parent) => this.readAll(parent, ctx) },
    );
  }

  /** Every page of records of a stream (a parent's, for a substream), read in full. */
  async *readAll(definition: DeclarativeStream, ctx: ConnectorContext): AsyncGenerator<JsonRecord[]> {
    const retriever = this.retriever(definition, ctx);
    const slices = await retriever.slices(() => undefined);
    const signal = ctx.signal ?? new AbortController().signal;
    for await (const event of readConcurrently(slices, this.concurrency(), (s) => retriever.pages(s), signal)) {
      if ("page" in event) yield event.page.records;
    }
  }

  definition(name: string): DeclarativeStream {
    const found = this.manifest.streams.find((s) => s.name === name);
    if (!found) throw new TableError(`the manifest has no stream '${name}'`);
    return found;
  }

  async *read(
    configured: ConfiguredStream,
    raw: StreamState | undefined,
    ctx: ReadContext,
  ): AsyncIterable<SourceMessage> {
    const stream = configured.stream;
    const key = `${stream.namespace}.${stream.name}`;
    const definition = this.definition(stream.name);
    const state = (raw ?? {}) as ManifestState;
    const incremental = configured.mode !== "full" && definition.incremental_sync !== undefined;
    const inferred = definition.schema_loader === undefined;
    // The pass's clock is the run's start: every slice of a run (and a resumed one) computes
    // the same windows, and the last window ends at that signpost.
    const passCtx: ConnectorContext = { ...ctx, now: () => ctx.runStartedAt };
    const retriever = this.retriever(definition, passCtx, state as JsonRecord, () => ctx.now());
    const cursor = retriever.cursor;
    const dataFeed = cursor?.definition.is_data_feed === true;
    const columns = stream.columns;
    const primaryKey = stream.primaryKey;
    const known = new Map<string, InferredType | undefined>(columns.map((c) => [c.name, inferredOf(c.type)]));
    for (const [field, type] of Object.entries(state.schema ?? {}))
      known.set(field, widen(known.get(field), type ?? undefined));

    const partitioned = definition.retriever.partition_router !== undefined;
    const stored = (partition: JsonRecord): string | undefined => {
      if (!incremental) return undefined;
      return partitioned ? state.partitions?.[partitionKey(partition)] : state.cursor;
    };
    let slices: Slice[];
    try {
      slices = await retriever.slices(stored);
    } catch (error) {
      throw annotate(error, `stream '${stream.name}'`);
    }
    const done = new Set(incremental || !raw ? [] : (state.done ?? []));
    const todo = slices.filter((s) => !done.has(s.key));

    // What the checkpoints say: advanced as slices complete in order.
    const next: ManifestState = {
      ...(incremental && state.cursor !== undefined ? { cursor: state.cursor } : {}),
      ...(incremental && state.partitions ? { partitions: { ...state.partitions } } : {}),
    };
    const schemaState = () =>
      inferred ? { schema: Object.fromEntries([...known].map(([f, t]) => [f, t ?? null])) } : {};
    const completed = new Set<number>();
    let contiguous = 0;
    const doneKeys = [...done];
    let feedMax: number | undefined;
    const storedFeed = dataFeed && state.cursor !== undefined ? cursor?.parse(state.cursor) : undefined;

    const advance = (index: number) => {
      completed.add(index);
      while (completed.has(contiguous)) {
        const slice = todo[contiguous] as Slice;
        if (incremental && slice.interval && !dataFeed) {
          const value = slice.interval.end;
          if (partitioned) next.partitions = { ...next.partitions, [partitionKey(slice.partition)]: value };
          else next.cursor = value;
        } else if (!incremental) {
          doneKeys.push(slice.key);
        }
        contiguous++;
      }
    };
    const checkpoint = (final: boolean): SourceMessage => {
      const out: ManifestState = { ...next, ...schemaState() };
      if (!final && !incremental) out.done = [...doneKeys];
      if (final && dataFeed && feedMax !== undefined && cursor) out.cursor = cursor.format(feedMax);
      return { kind: "checkpoint", stream: key, state: out as StreamState };
    };

    let rows: Row[] = [];
    let bytes = 0;
    const flush = function* (): Generator<SourceMessage> {
      if (rows.length === 0) return;
      const batch = rows;
      rows = [];
      const size = bytes;
      bytes = 0;
      yield { kind: "upsert", stream: key, rows: batch, count: batch.length, bytes: size };
    };
    const events = readConcurrently(
      todo,
      this.concurrency(),
      (slice) => retriever.pages(slice, { stopBefore: storedFeed }),
      ctx.signal,
    );
    for await (const event of events) {
      if ("done" in event) {
        yield* flush();
        const before = contiguous;
        advance(event.slice);
        // A checkpoint whenever the slices completed in order moved on (the runner paces commits).
        if (contiguous > before && contiguous < todo.length) yield checkpoint(false);
        continue;
      }
      for (const record of event.page.records) {
        if (record[DELETED] === true) {
          // A delete at the source: its key, after every upsert before it.
          yield* flush();
          let keyRow: Row;
          try {
            const row = toRow(stream.name, columns, record, primaryKey);
            keyRow = primaryKey.map((name) => row[columns.findIndex((c) => c.name === name)] ?? null);
          } catch (error) {
            throw annotate(error, event.page.request);
          }
          if (primaryKey.length === 0) {
            throw new TableError(`stream '${stream.name}': a deleted record needs a primary key to be applied`);
          }
          yield { kind: "delete", stream: key, keys: [keyRow] };
          continue;
        }
        delete record[DELETED];
        if (inferred) {
          const widened = widenedField(known, columns, record);
          if (widened) {
            yield* flush();
            inferInto(known, [record]);
            // The table cannot change in the middle of a run: say what changed, keep what is
            // committed (and the wider schema), and let the next run's discovery widen it.
            yield checkpoint(false);
            throw new TableError(
              `stream '${stream.name}': ${widened}; the table widens on the next sync (discovery reads the stored schema)`,
            );
          }
        }
        if (dataFeed && cursor) {
          const at = cursor.parse(record[cursor.field]);
          if (at !== undefined && (feedMax === undefined || at > feedMax)) feedMax = at;
        }
        let row: Row;
        try {
          row = toRow(stream.name, columns, record, primaryKey);
        } catch (error) {
          throw annotate(error, event.page.request);
        }
        rows.push(row);
        for (const value of row) bytes += valueBytes(value);
        if (bytes >= ctx.pageBytes) yield* flush();
      }
    }
    yield* flush();
    if (ctx.signal.aborted && contiguous < todo.length) {
      yield checkpoint(false);
      return;
    }
    yield checkpoint(true);
  }

  async close(): Promise<void> {}
}

/** Why a record does not fit the inferred columns (a new field, a wider type), or undefined. */
function widenedField(
  known: Map<string, InferredType | undefined>,
  columns: readonly Column[],
  record: JsonRecord,
): string | undefined {
  for (const [field, value] of Object.entries(record)) {
    const column = columns.find((c) => c.name === field);
    const type = typeOfValue(value);
    if (!column) {
      if (value === null || value === undefined) continue;
      return `field '${field}' appeared`;
    }
    if (type === undefined) continue;
    const current = inferredOf(column.type);
    if (widen(current, type) !== current) return `field '${field}' widened from ${current} to ${widen(current, type)}`;
  }
  void known;
  return undefined;
}

/** Columns of a stream from its inline schema, or inferred from its first page and what was known. */
async function streamOf(
  session: ManifestSession,
  definition: DeclarativeStream,
  namespace: string,
  ctx: ConnectorContext,
  hints: DiscoveryHints | undefined,
): Promise<Stream> {
  const primaryKey = primaryKeyOf(definition);
  let columns: Column[];
  if (definition.schema_loader) {
    columns = columnsOfSchema(definition.schema_loader.schema);
    if (columns.length === 0) {
      throw new ConfigurationError(
        `stream '${definition.name}': the inline schema has no properties`,
        "invalid_manifest",
      );
    }
  } else {
    const known = new Map<string, InferredType | undefined>();
    const previous = hints?.streams?.find((s) => s.name === definition.name);
    for (const column of previous?.columns ?? []) known.set(column.name, inferredOf(column.type));
    const stored = runnerState(hints?.state?.[`${namespace}.${definition.name}`])?.source as ManifestState | undefined;
    for (const [field, type] of Object.entries(stored?.schema ?? {}))
      known.set(field, widen(known.get(field), type ?? undefined));
    // A sample: the first page of the first slice.
    const retriever = session.retriever(definition, ctx);
    const slices = await retriever.slices(() => undefined);
    const first = slices[0];
    if (first) {
      for await (const page of retriever.pages(first)) {
        inferInto(
          known,
          page.records.filter((r) => r[DELETED] !== true).map(({ [DELETED]: _, ...rest }) => rest),
        );
        break;
      }
    }
    for (const key of primaryKey) if (!known.has(key)) known.set(key, "string");
    columns = inferredColumns(known);
  }
  for (const key of primaryKey) {
    const column = columns.find((c) => c.name === key);
    if (!column)
      throw new ConfigurationError(
        `stream '${definition.name}': primary key '${key}' is not in its schema`,
        "invalid_manifest",
      );
    column.nullable = false;
  }
  const cursorField = definition.incremental_sync?.cursor_field;
  return {
    namespace,
    name: definition.name,
    columns,
    primaryKey,
    cursorCandidates: cursorField && columns.some((c) => c.name === cursorField) ? [cursorField] : [],
  };
}

/** A SourceReader for the manifest each config names. */
export function manifestReader<C>(options: ManifestReaderOptions<C>): SourceReader<C> {
  const session = (config: C, ctx: ConnectorContext) =>
    new ManifestSession(
      options.manifest(config),
      options.values(config),
      ctx,
      options as ManifestReaderOptions<unknown>,
    );
  return {
    async discover(config, ctx, hints) {
      const s = session(config, ctx);
      const namespace = options.namespace(config);
      const streams: Stream[] = [];
      for (const definition of options.manifest(config).streams) {
        try {
          streams.push(await streamOf(s, definition, namespace, ctx, hints));
        } catch (error) {
          throw annotate(error, `stream '${definition.name}'`);
        }
      }
      return { streams, warnings: [] };
    },
    async open(config, ctx) {
      return session(config, ctx);
    },
  };
}

/** Runs the manifest's `check`: reads the first page of each named stream. */
export async function checkManifest<C>(
  options: ManifestReaderOptions<C>,
  config: C,
  ctx: ConnectorContext,
): Promise<SetupTest[]> {
  const manifest = options.manifest(config);
  const s = new ManifestSession(manifest, options.values(config), ctx, options as ManifestReaderOptions<unknown>);
  const tests: SetupTest[] = [];
  for (const name of manifest.check.stream_names) {
    const title = `Reading stream '${name}'`;
    try {
      const retriever = s.retriever(s.definition(name), ctx);
      const slices = await retriever.slices(() => undefined);
      let count = 0;
      let request = "";
      if (slices[0]) {
        for await (const page of retriever.pages(slices[0])) {
          count = page.records.length;
          request = page.request;
          break;
        }
      }
      tests.push({
        title,
        status: "PASSED",
        message: slices[0]
          ? `${request} answered with ${count} record${count === 1 ? "" : "s"}`
          : "the stream has no partitions to read",
      });
    } catch (error) {
      tests.push({ title, status: "FAILED", message: error instanceof Error ? error.message : String(error) });
    }
  }
  return tests;
}

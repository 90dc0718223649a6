/**
 * Runs one slice of a sync: source → (transform) → destination, until the source is done or
 * the slice's time budget is spent. The source reads ahead while the destination writes
 * (a queue bounded in bytes), and a checkpoint is committed only after the destination
 * flushed every page before it: a crash replays pages, never skips them.
 */
import type {
  CheckpointMessage,
  ConfiguredStream,
  ConnectorContext,
  DestinationWriter,
  RecordPage,
  SourceMessage,
  SourceReader,
  Stream,
  StreamState,
} from "./protocol";

/** Rows and bytes per stream. */
export type StreamStats = Record<string, { rows: number; bytes: number }>;

export interface SliceInput<C> {
  reader: SourceReader<C>;
  sourceConfig: C;
  writer: DestinationWriter;
  /** The destination schema a stream lands in (engine/naming.ts). */
  schemaOf(stream: Stream): string;
  streams: ConfiguredStream[];
  state: Record<string, StreamState>;
  ctx: ConnectorContext;
  runId: string;
  runStartedAt: Date;
  /** Wall-clock budget of this slice (ms). */
  budgetMs: number;
  /** Upper bound of one page's values (bytes). One more page may be buffered ahead. */
  pageBytes: number;
  /**
   * Creates or migrates the destination tables, serialised per destination (DestinationDO),
   * before the slice's own writer looks at them.
   */
  ensureSchema(schema: string, streams: Stream[]): Promise<void>;
  /** Commits a checkpoint with the stats since the previous commit. */
  commit(checkpoint: CheckpointMessage, stats: StreamStats): Promise<void>;
  /**
   * Commits at most this often (ms; default 1000): checkpoints in between are held and only
   * the latest per stream is committed, after one flush. Lets a destination keep writing while
   * the next page is prepared; 0 commits every checkpoint.
   */
  commitEveryMs?: number;
}

export interface SliceResult {
  /** True when the source has nothing more to read in this run. */
  done: boolean;
  stats: StreamStats;
}

/** A single-producer queue bounded by the bytes of the pages it holds. */
class PageQueue {
  private readonly items: (SourceMessage | { kind: "end" } | { kind: "error"; error: unknown })[] = [];
  private bytes = 0;
  private wakeConsumer?: () => void;
  private wakeProducer?: () => void;
  private closed = false;

  constructor(private readonly limit: number) {}

  /** The consumer gave up: the producer's next push throws, so the source closes. */
  close(): void {
    this.closed = true;
    this.wakeProducer?.();
  }

  async push(message: SourceMessage | { kind: "end" } | { kind: "error"; error: unknown }): Promise<void> {
    while (!this.closed && message.kind === "records" && this.bytes > 0 && this.bytes + message.bytes > this.limit) {
      await new Promise<void>((resolve) => {
        this.wakeProducer = resolve;
      });
    }
    if (this.closed) throw new Error("consumer closed");
    if (message.kind === "records") this.bytes += message.bytes;
    this.items.push(message);
    this.wakeConsumer?.();
  }

  async shift() {
    while (this.items.length === 0) {
      await new Promise<void>((resolve) => {
        this.wakeConsumer = resolve;
      });
    }
    const item = this.items.shift() as SourceMessage | { kind: "end" } | { kind: "error"; error: unknown };
    if (item.kind === "records") this.bytes -= item.bytes;
    this.wakeProducer?.();
    return item;
  }
}

function add(stats: StreamStats, stream: string, rows: number, bytes: number) {
  const entry = stats[stream] ?? { rows: 0, bytes: 0 };
  entry.rows += rows;
  entry.bytes += bytes;
  stats[stream] = entry;
}

/** Runs one slice. Throws what the source or destination threw; nothing is committed after it. */
export async function runSlice<C>(input: SliceInput<C>): Promise<SliceResult> {
  const budget = new AbortController();
  const timer = setTimeout(() => budget.abort(), input.budgetMs);
  const total: StreamStats = {};
  let sinceCommit: StreamStats = {};
  const byKey = new Map(input.streams.map((s) => [`${s.stream.namespace}.${s.stream.name}`, s.stream]));
  // One page read ahead while one is written: reading and writing overlap, memory stays
  // around two pages (each page's text, its decoded lines and its COPY frames).
  const queue = new PageQueue(input.pageBytes);

  // The source starts reading (connecting, taking its signpost, reading the first page) while
  // the destination's tables are made ready below: nothing is written before they are.
  const producer = (async () => {
    try {
      const messages = input.reader.read(input.sourceConfig, input.streams, input.state, {
        ...input.ctx,
        signal: budget.signal,
        pageBytes: input.pageBytes,
        runStartedAt: input.runStartedAt,
        runId: input.runId,
      });
      for await (const message of messages) await queue.push(message);
      await queue.push({ kind: "end" });
    } catch (error) {
      await queue.push({ kind: "error", error }).catch(() => {});
    }
  })();

  const commitEveryMs = input.commitEveryMs ?? 1000;
  let held = new Map<string, CheckpointMessage>();
  let lastCommit = Date.now();
  /** Flushes once, then commits the latest held checkpoint of each stream. */
  const commitHeld = async () => {
    if (held.size === 0) return;
    await input.writer.flush();
    let stats = sinceCommit;
    for (const checkpoint of held.values()) {
      await input.commit(checkpoint, stats);
      stats = {};
    }
    held = new Map();
    sinceCommit = {};
    lastCommit = Date.now();
  };

  try {
    const bySchema = new Map<string, Stream[]>();
    for (const { stream } of input.streams) {
      const schema = input.schemaOf(stream);
      bySchema.set(schema, [...(bySchema.get(schema) ?? []), stream]);
    }
    for (const [schema, targets] of bySchema) {
      await input.ensureSchema(schema, targets);
      // Nothing left to create by now: this only loads the tables into the writer.
      await input.writer.ensureSchema(schema, targets);
    }
    for (;;) {
      const message = await queue.shift();
      if (message.kind === "end") break;
      if (message.kind === "error") throw message.error;
      if (message.kind === "records") {
        const page = message as RecordPage;
        const stream = byKey.get(page.stream);
        if (!stream) throw new Error(`source yielded rows for an unconfigured stream ${page.stream}`);
        const result = await input.writer.write(input.schemaOf(stream), stream, page, input.runStartedAt);
        add(total, page.stream, result.rows, result.bytes);
        add(sinceCommit, page.stream, result.rows, result.bytes);
      } else {
        held.set(message.stream, message);
        if (Date.now() - lastCommit >= commitEveryMs) await commitHeld();
      }
    }
    await producer;
    await commitHeld();
    return { done: !budget.signal.aborted, stats: total };
  } catch (error) {
    queue.close();
    await producer;
    throw error;
  } finally {
    clearTimeout(timer);
    budget.abort();
  }
}

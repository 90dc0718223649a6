/**
 * The sample source's data: a shop that grows and changes with every run, deterministically.
 * Generation g (the g-th run) holds `scale × g` rows per table; row i is a pure function of
 * (seed, table, i) and of the last generation that changed it, and about one row in ten of
 * the existing ones changes in each generation. Incremental runs read only what generation g
 * added or changed, so `npm start` and a few curl calls show real incremental syncs.
 */
import type { Column, ReadContext, Row, SourceMessage, SourceReader, Stream, UpsertBatch } from "../../protocol";
import { valueBytes } from "../../toolkit/pg-values";
import type { SampleSourceConfig } from ".";

const BASE = Date.UTC(2024, 0, 1);
const HOUR = 3_600_000;

/** A 32-bit hash (murmur3 finaliser) of the arguments: the generator's only randomness. */
function hash(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h ^= part;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

const FIRST = [
  "Ada",
  "Grace",
  "Alan",
  "Edsger",
  "Barbara",
  "Donald",
  "Frances",
  "Ken",
  "Margaret",
  "Linus",
  "Radia",
  "Dennis",
];
const LAST = [
  "Lovelace",
  "Hopper",
  "Turing",
  "Dijkstra",
  "Liskov",
  "Knuth",
  "Allen",
  "Thompson",
  "Hamilton",
  "Torvalds",
  "Perlman",
  "Ritchie",
];
const COUNTRIES = ["US", "DE", "FR", "GB", "JP", "BR", "IN", "CA", "AU", "NL"];
const CATEGORIES = ["books", "games", "garden", "kitchen", "music", "outdoor", "tools", "toys"];
const STATUSES = ["placed", "paid", "shipped", "delivered", "returned"];

/** A timestamptz value: RFC 3339 in UTC with microseconds. */
function ts(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "000Z");
}

const col = (name: string, type: Column["type"], sourceType: string, nullable = false): Column => ({
  name,
  type,
  sourceType,
  nullable,
});

const TABLES: Record<string, { columns: Column[]; row(seed: number, id: number, version: number): Row }> = {
  customers: {
    columns: [
      col("id", "long", "bigint"),
      col("name", "string", "text"),
      col("email", "string", "text"),
      col("country", "string", "text"),
      col("created_at", "timestamptz", "timestamp with time zone"),
      col("updated_at", "timestamptz", "timestamp with time zone"),
    ],
    row(seed, id, version) {
      const h = hash(seed, 1, id);
      const first = FIRST[h % FIRST.length] as string;
      const last = LAST[(h >>> 8) % LAST.length] as string;
      return [
        BigInt(id),
        `${first} ${last}`,
        `${first.toLowerCase()}.${last.toLowerCase()}${id}@example.com`,
        COUNTRIES[hash(seed, 1, id, version) % COUNTRIES.length] as string,
        ts(BASE + id * 60_000),
        ts(BASE + version * HOUR),
      ];
    },
  },
  products: {
    columns: [
      col("id", "long", "bigint"),
      col("name", "string", "text"),
      col("category", "string", "text"),
      { ...col("price", "decimal", "numeric(10,2)"), precision: 10, scale: 2 },
      col("updated_at", "timestamptz", "timestamp with time zone"),
    ],
    row(seed, id, version) {
      const h = hash(seed, 2, id);
      const cents = 99 + (hash(seed, 2, id, version) % 20_000);
      return [
        BigInt(id),
        `Product ${id.toString(36).toUpperCase()}`,
        CATEGORIES[h % CATEGORIES.length] as string,
        (cents / 100).toFixed(2),
        ts(BASE + version * HOUR),
      ];
    },
  },
  orders: {
    columns: [
      col("id", "long", "bigint"),
      col("customer_id", "long", "bigint"),
      col("product_id", "long", "bigint"),
      col("quantity", "int", "integer"),
      { ...col("amount", "decimal", "numeric(12,2)"), precision: 12, scale: 2 },
      col("status", "string", "text"),
      col("ordered_at", "timestamptz", "timestamp with time zone"),
      col("updated_at", "timestamptz", "timestamp with time zone"),
    ],
    row(seed, id, version) {
      const h = hash(seed, 3, id);
      const quantity = 1 + (h % 5);
      return [
        BigInt(id),
        BigInt(1 + (hash(seed, 3, id, 1) % id)),
        BigInt(1 + (hash(seed, 3, id, 2) % id)),
        quantity,
        ((quantity * (99 + (h % 20_000))) / 100).toFixed(2),
        STATUSES[hash(seed, 3, id, version) % STATUSES.length] as string,
        ts(BASE + id * 30_000),
        ts(BASE + version * HOUR),
      ];
    },
  },
};

/** The last generation ≤ g in which row `id` (created in generation `born`) changed. */
function versionOf(seed: number, table: number, id: number, born: number, g: number): number {
  for (let v = g; v > born; v--) if (hash(seed, table, id, v, 7) % 10 === 0) return v;
  return born;
}

function streams(config: SampleSourceConfig): Stream[] {
  const names = config.tables ?? Object.keys(TABLES);
  return names.map((name) => ({
    namespace: config.schema,
    name,
    columns: TABLES[name]?.columns ?? [],
    primaryKey: ["id"],
    cursorCandidates: ["updated_at"],
  }));
}

interface SampleState {
  generation: number;
  /** Within the generation being read: the last id emitted. */
  after?: number;
  /** The generation was read to its end: the next read starts the next one. */
  complete?: boolean;
  /** This generation delivers every row (first read or re-sync), not only the changes. */
  full?: boolean;
  /** The run (its start, ISO) the generation belongs to: a resumed run re-reads none. */
  runStartedAt?: string;
}

/** Reads one table: generation g+1 after a complete g, everything when there is no state. */
async function* readTable(
  config: SampleSourceConfig,
  stream: Stream,
  state: SampleState | undefined,
  ctx: ReadContext,
): AsyncGenerator<SourceMessage> {
  const key = `${stream.namespace}.${stream.name}`;
  const spec = TABLES[stream.name];
  if (!spec) return;
  const tableNo = Object.keys(TABLES).indexOf(stream.name) + 1;
  const run = ctx.runStartedAt.toISOString();
  // This run's generation is read already (a slice resumed after its last checkpoint).
  if (state?.complete && state.runStartedAt === run) return;
  let current: SampleState =
    !state || state.complete
      ? { generation: (state?.generation ?? 0) + 1, after: 0, complete: false, full: !state, runStartedAt: run }
      : state;
  const g = current.generation;
  const fresh = current.full === true;
  const total = config.scale * g;
  // What generation g must deliver: new rows (and, on a first or full read, all rows),
  // plus the existing rows that changed in g.
  let page: Row[] = [];
  let bytes = 0;
  const flush = function* (through: number): Generator<SourceMessage> {
    if (page.length > 0) {
      const batch: UpsertBatch = { kind: "upsert", stream: key, rows: page, count: page.length, bytes };
      yield batch;
    }
    page = [];
    bytes = 0;
    current = { ...current, after: through };
    yield { kind: "checkpoint", stream: key, state: { ...current } };
  };
  for (let id = (current.after ?? 0) + 1; id <= total; id++) {
    const born = Math.ceil(id / config.scale);
    const version = versionOf(config.seed, tableNo, id, born, g);
    if (fresh || version === g) {
      const row = spec.row(config.seed, id, version);
      page.push(row);
      for (const value of row) bytes += valueBytes(value);
    }
    if (bytes >= ctx.pageBytes) {
      yield* flush(id);
      if (ctx.signal.aborted) return;
    }
  }
  yield* flush(total);
  yield {
    kind: "checkpoint",
    stream: key,
    state: { generation: g, complete: true, runStartedAt: current.runStartedAt },
  };
}

/** The sample source's reader. */
export const sampleReader: SourceReader<SampleSourceConfig> = {
  async discover(config) {
    return { streams: streams(config), warnings: [] };
  },

  async open(config) {
    return {
      read: (configured, state, ctx) => readTable(config, configured.stream, state as SampleState | undefined, ctx),
      close: async () => {},
    };
  },
};

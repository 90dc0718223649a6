/**
 * Reading MongoDB with the official driver: collections as tables (documents.ts maps them),
 * snapshots in `_id` order resumable after the last `_id` committed, and change capture from a
 * change stream whose resume token is the change log's state.
 *
 * - **Snapshot.** Pages of `find({_id > last}).sort({_id: 1}).limit(n)`, sized to the page
 *   budget. MongoDB compares only within a type bracket (`$gt` on an ObjectId matches
 *   ObjectIds), so the filter also takes every `_id` of a type that sorts later: a collection
 *   whose `_id`s mix types is read whole, in the server's own order.
 * - **Change log.** `start` opens a change stream (on the database when every configured
 *   collection is in one, else on the cluster) and keeps its resume token: a first run takes
 *   the stream's current position before any snapshot begins, so nothing between a snapshot
 *   and the stream is lost; a later run checks that the committed token still resumes, and a
 *   token the oplog no longer holds (ChangeStreamHistoryLost) means a new token and a
 *   re-snapshot. `changes` resumes after the token with `fullDocument: 'updateLookup'`:
 *   inserts and replaces upsert the document, updates upsert the document as it is now (none,
 *   if deleted since: its delete follows), deletes delete by `_id`, a dropped or renamed
 *   collection truncates its table; each batch carries its changes' commit times (`wallTime`,
 *   else the cluster time's second). A checkpoint follows whenever the driver's buffer is
 *   drained (its token then is the server's post-batch token). Replaying from a committed
 *   token re-applies upserts and deletes already applied, which leaves every table as it was:
 *   the snapshot overlap and a crash replay are harmless for live and soft-delete tables (a
 *   history-mode table may record an extra identical version).
 */
import type { ChangeStream, ChangeStreamDocument, Document, MongoClient, ResumeToken, Timestamp } from "mongodb";
import { TransientError } from "../../errors";
import type {
  ChangeCheckpoint,
  ChangeLog,
  ChangeLogStart,
  ConfiguredStream,
  ConnectorContext,
  DeleteBatch,
  Discovery,
  ReadContext,
  Row,
  SourceMessage,
  SourceReader,
  Stream,
  StreamState,
  UpsertBatch,
} from "../../protocol";
import { CHANGE_LOG_STATE } from "../../protocol";
import { PageSizer } from "../../toolkit/page-sizer";
import { valueBytes } from "../../toolkit/pg-values";
import type { MongoSourceConfig } from ".";
import { DOCUMENT_BSON, historyLost, openMongo } from "./client";
import { bsonType, idFromState, idState, idText, rowMapper, SAMPLE_SIZE, streamOf } from "./documents";

/** Databases MongoDB keeps for itself. */
const SYSTEM_DATABASES = new Set(["admin", "local", "config"]);

/** A configured collection: `database.collection`, or `collection` in config.database. */
function collectionName(config: MongoSourceConfig, spec: string): [string, string] {
  const dot = spec.indexOf(".");
  if (dot < 0) return [config.database as string, spec];
  return [spec.slice(0, dot), spec.slice(dot + 1)];
}

const keyOf = (stream: Stream) => `${stream.namespace}.${stream.name}`;

function packed(config: MongoSourceConfig, database: string, collection: string): boolean {
  if (config.packing_mode === "UsePackedModeOnly") return true;
  return (config.packed_mode_tables ?? []).some((t) => t === collection || t === `${database}.${collection}`);
}

/** The collections to read: those configured, else every collection of the database(s). */
async function collections(client: MongoClient, config: MongoSourceConfig): Promise<[string, string][]> {
  if (config.collections) return config.collections.map((c) => collectionName(config, c));
  const databases = config.database
    ? [config.database]
    : (await client.db("admin").admin().listDatabases({ nameOnly: true })).databases
        .map((d) => d.name)
        .filter((name) => !SYSTEM_DATABASES.has(name));
  const out: [string, string][] = [];
  for (const database of databases.sort()) {
    const listed = await client
      .db(database)
      .listCollections({ type: "collection" }, { nameOnly: true, authorizedCollections: true })
      .toArray();
    for (const { name } of listed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (!name.startsWith("system.")) out.push([database, name]);
    }
  }
  return out;
}

/** Discovers every collection: columns typed from a sample of its documents. */
export async function discoverMongo(client: MongoClient, config: MongoSourceConfig): Promise<Discovery> {
  const wanted = await collections(client, config);
  const existing = new Map<string, Set<string>>();
  const streams: Stream[] = [];
  const warnings: Discovery["warnings"] = [];
  for (const [database, collection] of wanted) {
    let names = existing.get(database);
    if (!names) {
      const listed = await client.db(database).listCollections({}, { nameOnly: true }).toArray();
      names = new Set(listed.map((c) => c.name));
      existing.set(database, names);
    }
    if (!names.has(collection)) {
      warnings.push({
        stream: `${database}.${collection}`,
        message: `no collection ${database}.${collection} that user '${config.user ?? "(none)"}' can list (check the name and the user's read role)`,
      });
      continue;
    }
    const sample = await client
      .db(database)
      .collection(collection)
      .find({}, DOCUMENT_BSON)
      .sort({ _id: 1 })
      .limit(SAMPLE_SIZE)
      .toArray();
    streams.push(
      streamOf(database, collection, sample, {
        packed: packed(config, database, collection),
        flatten: config.flatten_nested === true,
      }),
    );
  }
  return { streams, warnings };
}

// ---------------------------------------------------------------------------------------
// Snapshots.

/**
 * Per-stream state: `after` — the last `_id` committed (canonical Extended JSON), null before
 * the first page; `done` — the snapshot finished. `width`: the widest document seen (bytes).
 */
interface MongoState {
  v: 1;
  phase: "snapshot" | "done";
  after: string | null;
  width?: number;
}

function parseState(raw: StreamState | undefined): MongoState | undefined {
  return raw && (raw as { v?: unknown }).v === 1 ? (raw as unknown as MongoState) : undefined;
}

/** `$type` names of the `_id` brackets in MongoDB's sort order (an `_id` is never an array). */
const ID_BRACKETS: string[][] = [
  ["minKey"],
  ["null"],
  ["number"],
  ["string", "symbol"],
  ["object"],
  ["binData"],
  ["objectId"],
  ["bool"],
  ["date"],
  ["timestamp"],
  ["regex"],
  ["maxKey"],
];

const NUMBER_TYPES = new Set(["int", "long", "double", "decimal"]);

/** The filter for documents whose `_id` sorts after `after`. */
export function afterFilter(after: unknown): Document {
  const type = bsonType(after);
  const bracket = NUMBER_TYPES.has(type) ? "number" : type === "uuid" ? "binData" : type;
  const index = ID_BRACKETS.findIndex((b) => b.includes(bracket));
  const later = index < 0 ? [] : ID_BRACKETS.slice(index + 1).flat();
  if (later.length === 0) return { _id: { $gt: after } };
  return { $or: [{ _id: { $gt: after } }, { _id: { $type: later } }] };
}

function documentBytes(row: Row): number {
  return row.reduce<number>((sum, v) => sum + valueBytes(v), 0);
}

function upsert(stream: string, rows: Row[], bytes: number, extra: Partial<UpsertBatch> = {}): UpsertBatch {
  return { kind: "upsert", stream, rows, count: rows.length, bytes, ...extra };
}

async function* readSnapshot(
  client: MongoClient,
  configured: ConfiguredStream,
  previous: MongoState | undefined,
  ctx: ReadContext,
): AsyncGenerator<SourceMessage> {
  const { stream } = configured;
  const key = keyOf(stream);
  if (previous?.phase === "done") return;
  let state: MongoState = previous ?? { v: 1, phase: "snapshot", after: null };
  if (!previous) yield { kind: "checkpoint", stream: key, state: { ...state } };
  const collection = client.db(stream.namespace).collection(stream.name);
  const toRow = rowMapper(stream);
  const sizer = new PageSizer({ budgetBytes: ctx.pageBytes, widest: state.width ?? 0 });
  while (!ctx.signal.aborted) {
    const limit = sizer.limit;
    const filter = state.after === null ? {} : afterFilter(idFromState(state.after));
    const docs = await collection.find(filter, DOCUMENT_BSON).sort({ _id: 1 }).limit(limit).batchSize(limit).toArray();
    const last = docs[docs.length - 1];
    if (!last) break;
    const rows = docs.map(toRow);
    let bytes = 0;
    for (const row of rows) {
      const size = documentBytes(row);
      bytes += size;
      sizer.observe(size + 16);
    }
    const through = [idText(last._id)];
    const after = state.after === null ? null : [idText(idFromState(state.after))];
    yield upsert(key, rows, bytes, { range: { after, through } });
    state = { ...state, after: idState(last._id), width: sizer.widest };
    yield { kind: "checkpoint", stream: key, state: { ...state } };
    if (docs.length < limit) break;
  }
  if (ctx.signal.aborted) return;
  yield { kind: "checkpoint", stream: key, state: { v: 1, phase: "done", after: null, width: sizer.widest } };
}

// ---------------------------------------------------------------------------------------
// Change streams.

/**
 * The change log's state: `token` — the resume token after which the next change lies;
 * `startAfter` — the token is an invalidate event's (a dropped database): resume with
 * `startAfter`, which `resumeAfter` refuses.
 */
export interface MongoLogState {
  v: 1;
  token: ResumeToken;
  startAfter?: boolean;
}

function parseLog(raw: StreamState | undefined): MongoLogState | undefined {
  return raw && (raw as { v?: unknown }).v === 1 && (raw as { token?: unknown }).token !== undefined
    ? (raw as unknown as MongoLogState)
    : undefined;
}

/** Where change streams are opened: one database when every configured collection is in it. */
function watchTarget(client: MongoClient, config: MongoSourceConfig) {
  const databases = new Set(config.collections?.map((c) => collectionName(config, c)[0]) ?? []);
  if (config.database && (databases.size === 0 || (databases.size === 1 && databases.has(config.database)))) {
    return client.db(config.database);
  }
  if (!config.collections && config.database) return client.db(config.database);
  if (databases.size === 1) return client.db([...databases][0] as string);
  return client;
}

/** How long a `getMore` on the change stream waits for changes before the reader calls it caught up. */
export const CAUGHT_UP_WAIT_MS = 250;

function openStream(
  client: MongoClient,
  config: MongoSourceConfig,
  log: MongoLogState | undefined,
  pipeline: Document[] = [],
  maxAwaitTimeMS = CAUGHT_UP_WAIT_MS,
): ChangeStream {
  const target = watchTarget(client, config);
  return target.watch(pipeline, {
    ...DOCUMENT_BSON,
    fullDocument: "updateLookup",
    maxAwaitTimeMS,
    ...(log ? (log.startAfter ? { startAfter: log.token } : { resumeAfter: log.token }) : {}),
  });
}

/** The commit time of a change: its wall time (MongoDB 6.0+), else its cluster time's second. */
export function changeTime(event: { wallTime?: Date; clusterTime?: Timestamp }): string | undefined {
  if (event.wallTime instanceof Date && !Number.isNaN(event.wallTime.getTime())) {
    return event.wallTime.toISOString().replace("Z", "000Z");
  }
  if (event.clusterTime) {
    return new Date(event.clusterTime.high * 1000).toISOString().replace("Z", "000Z");
  }
  return undefined;
}

/** Starts or checks the change stream (ChangeLog.start). */
async function startLog(
  client: MongoClient,
  config: MongoSourceConfig,
  state: StreamState | undefined,
): Promise<ChangeLogStart> {
  const committed = parseLog(state);
  const fresh = async (): Promise<MongoLogState> => {
    const stream = openStream(client, config, undefined, [], 100);
    try {
      // The first call runs the aggregate: the token after it is the stream's present position.
      await stream.tryNext();
      return { v: 1, token: stream.resumeToken };
    } finally {
      await stream.close();
    }
  };
  if (!committed) return { state: { ...(await fresh()) }, warnings: [] };
  const stream = openStream(client, config, committed, [], 100);
  try {
    await stream.tryNext();
    return { state: { ...committed }, warnings: [] };
  } catch (error) {
    if (!historyLost(error)) throw error;
    return {
      state: { ...(await fresh()) },
      resnapshot: true,
      warnings: [
        {
          code: "change_stream_history_lost",
          message: `The committed resume token is no longer in the oplog (${(error as Error).message}): every collection is re-synced. Enlarge the oplog (replSetResizeOplog, or Atlas's minimum oplog window) to cover the time between syncs`,
        },
      ],
    };
  } finally {
    await stream.close();
  }
}

type Pending = { kind: "upsert"; stream: string; rows: Row[]; at: string[]; bytes: number } | DeleteBatch;

async function* readChanges(
  client: MongoClient,
  config: MongoSourceConfig,
  streams: { configured: ConfiguredStream; state: StreamState | undefined }[],
  rawLog: StreamState,
  ctx: ReadContext,
): AsyncGenerator<SourceMessage | ChangeCheckpoint> {
  const log = parseLog(rawLog);
  if (!log) throw new Error("the MongoDB change log state has no resume token (ChangeLog.start makes one)");
  const byNs = new Map(streams.map(({ configured }) => [keyOf(configured.stream), configured.stream]));
  const mappers = new Map([...byNs].map(([k, s]) => [k, rowMapper(s)]));
  const namespaces = [...byNs.values()].map((s) => ({ "ns.db": s.namespace, "ns.coll": s.name }));
  const pipeline = [{ $match: { $or: [...namespaces, { operationType: { $in: ["invalidate", "dropDatabase"] } }] } }];
  const changeStream = openStream(client, config, log, pipeline);
  let pending: Pending | undefined;
  const flush = function* (): Generator<SourceMessage> {
    if (!pending) return;
    const batch = pending;
    pending = undefined;
    if (batch.kind === "delete") yield batch;
    else yield upsert(batch.stream, batch.rows, batch.bytes, { changedAt: batch.at });
  };
  const checkpoint = (state: MongoLogState): ChangeCheckpoint => ({
    kind: "checkpoint",
    stream: CHANGE_LOG_STATE,
    state: { ...state },
  });
  try {
    while (!ctx.signal.aborted) {
      let event: ChangeStreamDocument | null;
      try {
        event = await changeStream.tryNext();
      } catch (error) {
        if (historyLost(error)) {
          throw new TransientError(
            `MongoDB's oplog no longer holds the committed resume token (${(error as Error).message}); the next run re-syncs`,
            undefined,
            { cause: error },
          );
        }
        throw error;
      }
      if (event === null) {
        // Caught up: the post-batch token is past everything read.
        yield* flush();
        yield checkpoint({ v: 1, token: changeStream.resumeToken });
        return;
      }
      if (event.operationType === "invalidate") {
        yield* flush();
        yield checkpoint({ v: 1, token: event._id, startAfter: true });
        return;
      }
      const ns = "ns" in event && event.ns && "coll" in event.ns ? `${event.ns.db}.${event.ns.coll}` : undefined;
      const stream = ns === undefined ? undefined : byNs.get(ns);
      const at = changeTime(event) ?? ctx.runStartedAt.toISOString().replace("Z", "000Z");
      if (stream && ns) {
        switch (event.operationType) {
          case "insert":
          case "replace":
          case "update": {
            const doc = event.fullDocument as Document | null | undefined;
            // An update whose document is gone by now: its delete comes later in the stream.
            if (!doc) break;
            const row = (mappers.get(ns) as (d: Document) => Row)(doc);
            if (pending && (pending.kind !== "upsert" || pending.stream !== ns)) yield* flush();
            if (!pending) pending = { kind: "upsert", stream: ns, rows: [], at: [], bytes: 0 };
            const upserts = pending as Extract<Pending, { kind: "upsert" }>;
            upserts.rows.push(row);
            upserts.at.push(at);
            upserts.bytes += documentBytes(row);
            break;
          }
          case "delete": {
            if (pending && (pending.kind !== "delete" || pending.stream !== ns)) yield* flush();
            if (!pending) pending = { kind: "delete", stream: ns, keys: [], changedAt: [] };
            const deletes = pending as DeleteBatch;
            deletes.keys.push([idText(event.documentKey._id)]);
            (deletes.changedAt as string[]).push(at);
            break;
          }
          case "drop":
          case "rename":
            yield* flush();
            yield { kind: "truncate", stream: ns, changedAt: at };
            break;
          default:
            // DDL events (createIndexes, modify, …) change no row.
            break;
        }
      }
      if ((pending?.kind === "upsert" && pending.bytes >= ctx.pageBytes) || changeStream.bufferedCount() === 0) {
        yield* flush();
        if (changeStream.bufferedCount() === 0) yield checkpoint({ v: 1, token: changeStream.resumeToken });
      }
    }
    // Aborted: what was read is sent, then its position.
    yield* flush();
    yield checkpoint({ v: 1, token: changeStream.resumeToken });
  } finally {
    await changeStream.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------

const changeLog: ChangeLog<MongoSourceConfig> = {
  enabled: (config) => config.update_method !== "FULL_RESYNC",
  async start(config, state, ctx: ConnectorContext) {
    const connection = await openMongo(config, ctx.egress, { signal: ctx.signal });
    try {
      return await startLog(connection.client, config, state);
    } finally {
      await connection.close();
    }
  },
};

/** The MongoDB source's reader. */
export const mongodbReader: SourceReader<MongoSourceConfig> = {
  async discover(config, ctx) {
    const connection = await openMongo(config, ctx.egress, { signal: ctx.signal });
    try {
      return await discoverMongo(connection.client, config);
    } finally {
      await connection.close();
    }
  },
  async open(config, ctx) {
    const connection = await openMongo(config, ctx.egress, { signal: ctx.signal });
    return {
      read: (configured, state, readCtx) => readSnapshot(connection.client, configured, parseState(state), readCtx),
      changes: (streams, log, readCtx) => readChanges(connection.client, config, streams, log, readCtx),
      close: () => connection.close(),
    };
  },
  changeLog,
};

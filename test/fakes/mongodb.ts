/**
 * A fake MongoDB replica-set primary speaking MongoDB's wire protocol over TCP, so the official
 * `mongodb` driver (running inside workerd, over node:net) talks to it as to a server. It runs
 * in Node (test/workers/global-setup.ts starts it: a Worker cannot listen) and follows the
 * documented wire protocol and command replies:
 *
 * - Framing: the 16-byte header; OP_QUERY (the driver's first `hello`/`isMaster`, answered with
 *   OP_REPLY) and OP_MSG (flag bits, a kind-0 body and kind-1 document sequences such as
 *   `insert`'s `documents`; `moreToCome` gets no reply).
 * - Commands: hello/isMaster (a one-member replica set `rs0`, wire version 21 = MongoDB 7.0,
 *   sessions), ping, buildInfo, listDatabases, listCollections, find (filter, sort, skip,
 *   limit, batchSize, projection) / getMore / killCursors, insert / update (replacement,
 *   `$set`, `$unset`, `$inc`, upsert, multi) / delete, drop, dropDatabase, endSessions, and
 *   aggregate with `$changeStream` (collection, database and cluster streams; `fullDocument:
 *   'updateLookup'`; `resumeAfter`, `startAfter`, `startAtOperationTime`; `$match` after it),
 *   whose getMore waits up to `maxTimeMS` for events and always carries a
 *   `postBatchResumeToken`.
 * - Filters: equality on dotted paths, `$eq $ne $gt $gte $lt $lte $in $nin $exists $type`,
 *   `$and $or $nor`; comparisons follow MongoDB's type bracketing (`$gt` on an ObjectId matches
 *   ObjectIds only) and sorts follow BSON's comparison order across types.
 * - Change events: `{_id: resumeToken, operationType, clusterTime, wallTime, ns, documentKey,
 *   fullDocument, updateDescription}`; drop / dropDatabase / invalidate as the server sends them.
 *   Resume tokens are `{_data: hex}` as the server's are (their content is opaque; here it is a
 *   position in the fake's oplog). A token older than the retained oplog fails with code 286
 *   ChangeStreamHistoryLost, as a server whose oplog rolled over does.
 *
 * - Authentication: SCRAM-SHA-256 (RFC 5802/7677, as MongoDB runs it: `saslSupportedMechs` in
 *   hello, `saslStart` / `saslContinue` with `skipEmptyExchange`) for the `users` given, against
 *   `admin`; a wrong proof fails with code 18 AuthenticationFailed. `connectionStatus` names the
 *   connection's user. Unauthenticated connections are served too (the fake enforces no access
 *   control), and the password is not SASLprep'd (tests use ASCII passwords).
 *
 * Not modelled: SCRAM-SHA-1 and other mechanisms, TLS, transactions, compression, secondaries. One
 * command only a fake has: `{fakeTruncateOplog: 1}` on `admin` forgets every change event so
 * far (an oplog that rolled over), for tests of a lost resume token.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from "node:crypto";
import net from "node:net";
import { Binary, BSON, Long, ObjectId, Timestamp } from "bson";

const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_MSG = 2013;
const MAX_WIRE_VERSION = 21;

type Doc = Record<string, unknown>;

// ---------------------------------------------------------------------------------------
// BSON comparison order and filters.

function bsonType(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (typeof value === "number") return "double";
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "bigint") return "long";
  if (value instanceof Date) return "date";
  if (value instanceof RegExp) return "regex";
  if (Array.isArray(value)) return "array";
  const tag = (value as { _bsontype?: string })._bsontype;
  switch (tag) {
    case "Double":
      return "double";
    case "Int32":
      return "int";
    case "Long":
      return "long";
    case "Decimal128":
      return "decimal";
    case "ObjectId":
      return "objectId";
    case "Binary":
      return "binData";
    case "Timestamp":
      return "timestamp";
    case "MinKey":
      return "minKey";
    case "MaxKey":
      return "maxKey";
    case "BSONRegExp":
      return "regex";
    case "BSONSymbol":
      return "symbol";
    case "Code":
      return "javascript";
    default:
      return "object";
  }
}

/** MongoDB's comparison order of BSON types (numbers are one bracket, as are strings and symbols). */
const RANK: Record<string, number> = {
  minKey: 1,
  undefined: 2,
  null: 2,
  double: 3,
  int: 3,
  long: 3,
  decimal: 3,
  string: 4,
  symbol: 4,
  object: 5,
  array: 6,
  binData: 7,
  objectId: 8,
  bool: 9,
  date: 10,
  timestamp: 11,
  regex: 12,
  javascript: 13,
  maxKey: 14,
};

const TYPE_NUMBERS: Record<number, string> = {
  1: "double",
  2: "string",
  3: "object",
  4: "array",
  5: "binData",
  7: "objectId",
  8: "bool",
  9: "date",
  10: "null",
  11: "regex",
  16: "int",
  17: "timestamp",
  18: "long",
  19: "decimal",
  [-1]: "minKey",
  127: "maxKey",
};

const rank = (value: unknown) => RANK[bsonType(value)] ?? 5;

function numberOf(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  const v = value as { _bsontype?: string; valueOf(): unknown; toString(): string };
  if (v._bsontype === "Long") return (value as Long).toNumber();
  if (v._bsontype === "Decimal128") return Number.parseFloat(v.toString());
  return Number(v.valueOf());
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return a.length - b.length;
}

/** Compares two BSON values as MongoDB sorts them. */
export function compareBson(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 3: {
      const x = numberOf(a);
      const y = numberOf(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 4: {
      const x = String(a);
      const y = String(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 5: {
      const ea = Object.entries(a as Doc);
      const eb = Object.entries(b as Doc);
      for (let i = 0; i < Math.min(ea.length, eb.length); i++) {
        const [ka, va] = ea[i] as [string, unknown];
        const [kb, vb] = eb[i] as [string, unknown];
        const byType = rank(va) - rank(vb);
        if (byType !== 0) return byType;
        if (ka !== kb) return ka < kb ? -1 : 1;
        const c = compareBson(va, vb);
        if (c !== 0) return c;
      }
      return ea.length - eb.length;
    }
    case 6: {
      const xa = a as unknown[];
      const xb = b as unknown[];
      for (let i = 0; i < Math.min(xa.length, xb.length); i++) {
        const c = compareBson(xa[i], xb[i]);
        if (c !== 0) return c;
      }
      return xa.length - xb.length;
    }
    case 7: {
      const ba = a as Binary;
      const bb = b as Binary;
      return ba.length() - bb.length() || ba.sub_type - bb.sub_type || compareBytes(ba.buffer, bb.buffer);
    }
    case 8:
      return compareBytes((a as ObjectId).id, (b as ObjectId).id);
    case 9:
      return Number(a) - Number(b);
    case 10:
      return (a as Date).getTime() - (b as Date).getTime();
    case 11:
      return (a as Timestamp).compare(b as Timestamp);
    default:
      return 0;
  }
}

const equal = (a: unknown, b: unknown) => rank(a) === rank(b) && compareBson(a, b) === 0;

function getPath(doc: unknown, path: string): unknown {
  let value: unknown = doc;
  for (const part of path.split(".")) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
    value = (value as Doc)[part];
  }
  return value;
}

function isOperatorDoc(value: unknown): value is Doc {
  return (
    value !== null &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    (value as { _bsontype?: string })._bsontype === undefined &&
    !(value instanceof Date) &&
    Object.keys(value).length > 0 &&
    Object.keys(value).every((k) => k.startsWith("$"))
  );
}

class CommandError extends Error {
  constructor(
    readonly code: number,
    readonly codeName: string,
    message: string,
  ) {
    super(message);
  }
}

function typeMatches(value: unknown, spec: unknown): boolean {
  const specs = Array.isArray(spec) ? spec : [spec];
  const actual = value === undefined ? "missing" : bsonType(value);
  return specs.some((s) => {
    const name = typeof s === "string" ? s : TYPE_NUMBERS[numberOf(s)];
    if (name === "number") return RANK[actual] === 3;
    return name === actual;
  });
}

function matchOperator(value: unknown, op: string, arg: unknown): boolean {
  const sameBracket = value !== undefined && rank(value) === rank(arg);
  switch (op) {
    case "$eq":
      return value === undefined ? arg === null : equal(value, arg);
    case "$ne":
      return !matchOperator(value, "$eq", arg);
    case "$gt":
      return sameBracket && compareBson(value, arg) > 0;
    case "$gte":
      return sameBracket && compareBson(value, arg) >= 0;
    case "$lt":
      return sameBracket && compareBson(value, arg) < 0;
    case "$lte":
      return sameBracket && compareBson(value, arg) <= 0;
    case "$in":
      return (arg as unknown[]).some((a) => matchOperator(value, "$eq", a));
    case "$nin":
      return !(arg as unknown[]).some((a) => matchOperator(value, "$eq", a));
    case "$exists":
      return (value !== undefined) === Boolean(arg);
    case "$type":
      return typeMatches(value, arg);
    default:
      throw new CommandError(2, "BadValue", `unknown operator: ${op}`);
  }
}

/** Whether `doc` matches a query filter. */
export function matches(doc: unknown, filter: Doc | undefined): boolean {
  if (!filter) return true;
  for (const [key, condition] of Object.entries(filter)) {
    if (key === "$and") {
      if (!(condition as Doc[]).every((f) => matches(doc, f))) return false;
    } else if (key === "$or") {
      if (!(condition as Doc[]).some((f) => matches(doc, f))) return false;
    } else if (key === "$nor") {
      if ((condition as Doc[]).some((f) => matches(doc, f))) return false;
    } else if (key.startsWith("$")) {
      throw new CommandError(2, "BadValue", `unknown top level operator: ${key}`);
    } else {
      const value = getPath(doc, key);
      if (isOperatorDoc(condition)) {
        for (const [op, arg] of Object.entries(condition)) if (!matchOperator(value, op, arg)) return false;
      } else if (!matchOperator(value, "$eq", condition)) return false;
    }
  }
  return true;
}

function sortDocs(docs: Doc[], sort: Doc | undefined): Doc[] {
  if (!sort || Object.keys(sort).length === 0) return docs;
  const keys = Object.entries(sort).map(([k, d]) => [k, numberOf(d) < 0 ? -1 : 1] as const);
  return [...docs].sort((a, b) => {
    for (const [k, d] of keys) {
      const c = compareBson(getPath(a, k) ?? null, getPath(b, k) ?? null);
      if (c !== 0) return c * d;
    }
    return 0;
  });
}

function project(doc: Doc, projection: Doc | undefined): Doc {
  if (!projection || Object.keys(projection).length === 0) return doc;
  const entries = Object.entries(projection);
  const include = entries.some(([k, v]) => k !== "_id" && numberOf(v) !== 0);
  if (include) {
    const out: Doc = {};
    if (projection._id === undefined || numberOf(projection._id) !== 0) out._id = doc._id;
    for (const [k, v] of entries) if (k !== "_id" && numberOf(v) !== 0 && k in doc) out[k] = doc[k];
    return out;
  }
  const out = { ...doc };
  for (const [k] of entries) delete out[k];
  return out;
}

function applyUpdate(doc: Doc, update: Doc): { doc: Doc; updated: Doc; removed: string[] } {
  const keys = Object.keys(update);
  if (!keys.some((k) => k.startsWith("$"))) {
    // A replacement keeps the _id.
    return {
      doc: { _id: doc._id, ...update, ...(doc._id !== undefined ? { _id: doc._id } : {}) },
      updated: {},
      removed: [],
    };
  }
  const next: Doc = structuredCloneBson(doc);
  const updated: Doc = {};
  const removed: string[] = [];
  for (const [op, fields] of Object.entries(update)) {
    for (const [path, value] of Object.entries(fields as Doc)) {
      const parts = path.split(".");
      let target = next;
      for (const part of parts.slice(0, -1)) {
        if (target[part] === null || typeof target[part] !== "object") target[part] = {};
        target = target[part] as Doc;
      }
      const leaf = parts[parts.length - 1] as string;
      switch (op) {
        case "$set":
          target[leaf] = value;
          updated[path] = value;
          break;
        case "$unset":
          delete target[leaf];
          removed.push(path);
          break;
        case "$inc": {
          const before = target[leaf];
          const sum = numberOf(before ?? 0) + numberOf(value);
          target[leaf] = Number.isInteger(sum) && bsonType(before ?? value) !== "double" ? new BSON.Int32(sum) : sum;
          updated[path] = target[leaf];
          break;
        }
        default:
          throw new CommandError(9, "FailedToParse", `Unknown modifier: ${op}`);
      }
    }
  }
  return { doc: next, updated, removed };
}

/** A deep copy that keeps BSON classes (a round trip through BSON itself). */
function structuredCloneBson(doc: Doc): Doc {
  return BSON.deserialize(BSON.serialize(doc), DESERIALIZE) as Doc;
}

const DESERIALIZE = { promoteValues: false, bsonRegExp: true } as const;

/** One client connection: its id, its user once authenticated, a SCRAM conversation under way. */
interface Session {
  id: number;
  user?: string;
  scram?: { user: string; password: string | undefined; bare: string; serverFirst: string; salt: Buffer };
}

// ---------------------------------------------------------------------------------------
// The server's data and oplog.

interface ChangeEvent {
  seq: number;
  clusterTime: Timestamp;
  wallTime: Date;
  db: string;
  coll?: string;
  operationType: "insert" | "update" | "replace" | "delete" | "drop" | "dropDatabase";
  documentKey?: Doc;
  fullDocument?: Doc;
  updateDescription?: { updatedFields: Doc; removedFields: string[]; truncatedArrays: unknown[] };
}

interface FindCursor {
  kind: "find";
  ns: string;
  docs: Doc[];
}

interface ChangeCursor {
  kind: "change";
  ns: string;
  /** Events after this oplog position are next. */
  position: number;
  scope: { db?: string; coll?: string };
  fullDocument: string;
  match: Doc[];
  invalidated: boolean;
}

const token = (seq: number) => ({ _data: `82${seq.toString(16).padStart(16, "0").toUpperCase()}` });

function tokenSeq(value: unknown): number {
  const data = (value as { _data?: unknown } | undefined)?._data;
  if (typeof data !== "string" || !/^82[0-9A-F]{16}$/.test(data)) {
    throw new CommandError(9, "FailedToParse", "KeyString format error: the resume token is not valid");
  }
  return Number.parseInt(data.slice(2), 16);
}

export interface FakeMongo {
  port: number;
  /** Change events so far (oplog positions). */
  readonly seq: number;
  close(): Promise<void>;
}

/** Starts the fake on 127.0.0.1 (an ephemeral port unless given). */
export async function startFakeMongo(
  options: { port?: number; users?: Record<string, string> } = {},
): Promise<FakeMongo> {
  const users = options.users ?? {};
  const databases = new Map<string, Map<string, Map<string, Doc>>>();
  const oplog: ChangeEvent[] = [];
  /** Events at or below this position are no longer retained. */
  let truncatedThrough = 0;
  let seq = 0;
  let lastTime = { t: 0, i: 0 };
  const cursors = new Map<bigint, FindCursor | ChangeCursor>();
  let nextCursor = 1000n;
  let connectionIds = 0;
  const waiters = new Set<() => void>();
  const sockets = new Set<net.Socket>();
  let advertised = "";

  const now = () => {
    const t = Math.floor(Date.now() / 1000);
    lastTime = t > lastTime.t ? { t, i: 1 } : { t: lastTime.t, i: lastTime.i + 1 };
    return new Timestamp({ t: lastTime.t, i: lastTime.i });
  };
  const currentTime = () => new Timestamp({ t: lastTime.t || Math.floor(Date.now() / 1000), i: lastTime.i });
  const idKey = (id: unknown) => Buffer.from(BSON.serialize({ id })).toString("hex");

  const collection = (db: string, coll: string, create: boolean) => {
    let colls = databases.get(db);
    if (!colls) {
      if (!create) return undefined;
      colls = new Map();
      databases.set(db, colls);
    }
    let docs = colls.get(coll);
    if (!docs && create) {
      docs = new Map();
      colls.set(coll, docs);
    }
    return docs;
  };

  const log = (event: Omit<ChangeEvent, "seq" | "clusterTime" | "wallTime">) => {
    oplog.push({ ...event, seq: ++seq, clusterTime: now(), wallTime: new Date() });
    for (const wake of waiters) wake();
  };

  const cursorReply = (ns: string, docs: Doc[], batchSize: number | undefined, first: boolean, extra: Doc = {}) => {
    const size = batchSize && batchSize > 0 ? batchSize : first ? 101 : Number.POSITIVE_INFINITY;
    const batch = docs.slice(0, size);
    const rest = docs.slice(batch.length);
    let id = 0n;
    if (rest.length > 0) {
      id = nextCursor++;
      cursors.set(id, { kind: "find", ns, docs: rest });
    }
    return { cursor: { id: Long.fromBigInt(id), ns, [first ? "firstBatch" : "nextBatch"]: batch, ...extra }, ok: 1 };
  };

  // --- change streams

  const eventDoc = (event: ChangeEvent, cursor: ChangeCursor): Doc => {
    const out: Doc = {
      _id: token(event.seq),
      operationType: event.operationType,
      clusterTime: event.clusterTime,
      wallTime: event.wallTime,
      ns: event.coll === undefined ? { db: event.db } : { db: event.db, coll: event.coll },
    };
    if (event.documentKey) out.documentKey = event.documentKey;
    if (event.operationType === "insert" || event.operationType === "replace") out.fullDocument = event.fullDocument;
    if (event.operationType === "update") {
      out.updateDescription = event.updateDescription;
      if (cursor.fullDocument === "updateLookup") {
        const docs = collection(event.db, event.coll as string, false);
        out.fullDocument = docs?.get(idKey(event.documentKey?._id)) ?? null;
      }
    }
    return out;
  };

  const inScope = (event: ChangeEvent, scope: ChangeCursor["scope"]) =>
    (scope.db === undefined || scope.db === event.db) &&
    (scope.coll === undefined || event.coll === undefined || scope.coll === event.coll);

  /** The next events of a change cursor, and the cursor's resume token after them. */
  const drain = (cursor: ChangeCursor, batchSize: number | undefined) => {
    if (cursor.position < truncatedThrough) {
      throw new CommandError(
        286,
        "ChangeStreamHistoryLost",
        "Resume of change stream was not possible, as the resume point may no longer be in the oplog.",
      );
    }
    const out: Doc[] = [];
    const limit = batchSize && batchSize > 0 ? batchSize : Number.POSITIVE_INFINITY;
    for (const event of oplog) {
      if (event.seq <= cursor.position || out.length >= limit || cursor.invalidated) continue;
      cursor.position = event.seq;
      if (!inScope(event, cursor.scope)) continue;
      const doc = eventDoc(event, cursor);
      if (cursor.match.every((m) => matches(doc, m))) out.push(doc);
      // A dropped collection ends its stream; a dropped database ends its database's stream.
      const ends =
        (cursor.scope.coll !== undefined && event.operationType === "drop") ||
        (cursor.scope.coll === undefined && cursor.scope.db !== undefined && event.operationType === "dropDatabase");
      if (ends) {
        out.push({
          _id: token(event.seq),
          operationType: "invalidate",
          clusterTime: event.clusterTime,
          wallTime: event.wallTime,
        });
        cursor.invalidated = true;
      }
    }
    return { events: out, resumeToken: token(cursor.position) };
  };

  const openChangeStream = (db: string, coll: string | undefined, pipeline: Doc[], options: Doc): Doc => {
    const stage = (pipeline[0]?.$changeStream ?? {}) as Doc;
    const cluster = stage.allChangesForCluster === true;
    if (cluster && (db !== "admin" || coll !== undefined)) {
      throw new CommandError(
        73,
        "InvalidNamespace",
        "$changeStream may only be run on admin database with allChangesForCluster",
      );
    }
    if (!cluster && db === "admin") {
      throw new CommandError(73, "InvalidNamespace", "$changeStream may not be opened on the internal admin database");
    }
    let position = seq;
    const resume = stage.resumeAfter ?? stage.startAfter;
    if (resume !== undefined) position = tokenSeq(resume);
    else if (stage.startAtOperationTime !== undefined) {
      const at = stage.startAtOperationTime as Timestamp;
      const first = oplog.find((e) => e.clusterTime.compare(at) >= 0);
      position = first ? first.seq - 1 : seq;
      if (truncatedThrough > 0 && at.compare(oplog[0]?.clusterTime ?? currentTime()) < 0 && position < truncatedThrough)
        position = -1;
    }
    const cursor: ChangeCursor = {
      kind: "change",
      ns: coll === undefined ? `${db}.$cmd.aggregate` : `${db}.${coll}`,
      position: position < 0 ? -1 : position,
      scope: cluster ? {} : { db, coll },
      fullDocument: String(stage.fullDocument ?? "default"),
      match: pipeline.slice(1).map((s) => {
        if (!s.$match)
          throw new CommandError(40324, "Location40324", `unsupported stage in this fake: ${Object.keys(s)[0]}`);
        return s.$match as Doc;
      }),
      invalidated: false,
    };
    if (cursor.position >= 0 && cursor.position < truncatedThrough) cursor.position = -1;
    if (resume !== undefined && cursor.position > seq) {
      throw new CommandError(280, "ChangeStreamFatalError", "cannot resume stream; the resume token was not found");
    }
    if (cursor.position < 0) {
      throw new CommandError(
        286,
        "ChangeStreamHistoryLost",
        "Resume of change stream was not possible, as the resume point may no longer be in the oplog.",
      );
    }
    const batchSize = (options.cursor as Doc | undefined)?.batchSize;
    const { events, resumeToken } = drain(cursor, batchSize === undefined ? undefined : numberOf(batchSize));
    const id = cursor.invalidated ? 0n : nextCursor++;
    if (id !== 0n) cursors.set(id, cursor);
    return {
      cursor: { id: Long.fromBigInt(id), ns: cursor.ns, firstBatch: events, postBatchResumeToken: resumeToken },
      ok: 1,
    };
  };

  const getMore = async (command: Doc, signal: { closed: boolean }): Promise<Doc> => {
    const id = BigInt((command.getMore as Long).toString());
    const cursor = cursors.get(id);
    if (!cursor) throw new CommandError(43, "CursorNotFound", `cursor id ${id} not found`);
    const batchSize = command.batchSize === undefined ? undefined : numberOf(command.batchSize);
    if (cursor.kind === "find") {
      cursors.delete(id);
      const reply = cursorReply(cursor.ns, cursor.docs, batchSize, false);
      const rest = reply.cursor.id;
      if (!rest.isZero()) {
        // Keep the same id for the rest, as a server does.
        const next = cursors.get(BigInt(rest.toString()));
        cursors.delete(BigInt(rest.toString()));
        if (next) cursors.set(id, next);
        reply.cursor.id = Long.fromBigInt(id);
      }
      return reply;
    }
    const deadline = Date.now() + (command.maxTimeMS === undefined ? 1000 : numberOf(command.maxTimeMS));
    let drained = drain(cursor, batchSize);
    while (drained.events.length === 0 && Date.now() < deadline && !signal.closed) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, Math.max(1, deadline - Date.now()));
        waiters.add(wake);
      });
      drained = drain(cursor, batchSize);
    }
    if (cursor.invalidated) cursors.delete(id);
    return {
      cursor: {
        id: Long.fromBigInt(cursor.invalidated ? 0n : id),
        ns: cursor.ns,
        nextBatch: drained.events,
        postBatchResumeToken: drained.resumeToken,
      },
      ok: 1,
    };
  };

  // --- commands

  const hello = (command: Doc, connectionId: number, legacy: boolean): Doc => ({
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    ...(command.helloOk ? { helloOk: true } : {}),
    topologyVersion: undefined,
    hosts: [advertised],
    setName: "rs0",
    setVersion: 1,
    secondary: false,
    primary: advertised,
    me: advertised,
    electionId: new ObjectId("7fffffff0000000000000001"),
    lastWrite: { opTime: { ts: currentTime(), t: Long.fromNumber(1) }, lastWriteDate: new Date() },
    maxBsonObjectSize: 16 * 1024 * 1024,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  });

  const scramStart = (session: Session, command: Doc): Doc => {
    if (command.mechanism !== "SCRAM-SHA-256") {
      throw new CommandError(2, "BadValue", `Unsupported mechanism ${String(command.mechanism)} in this fake`);
    }
    const clientFirst = Buffer.from((command.payload as Binary).buffer).toString("utf8");
    const bare = clientFirst.replace(/^n,,/, "");
    const user = /(?:^|,)n=([^,]*)/.exec(bare)?.[1] ?? "";
    const nonce = /(?:^|,)r=([^,]*)/.exec(bare)?.[1] ?? "";
    const password = users[user];
    const salt = randomBytes(16);
    const serverFirst = `r=${nonce}${randomBytes(18).toString("base64")},s=${salt.toString("base64")},i=4096`;
    session.scram = { user, password, bare, serverFirst, salt };
    return { conversationId: 1, done: false, payload: new Binary(Buffer.from(serverFirst)), ok: 1 };
  };

  const scramContinue = (session: Session, command: Doc): Doc => {
    const scram = session.scram;
    session.scram = undefined;
    const fail = () => new CommandError(18, "AuthenticationFailed", "Authentication failed.");
    if (!scram || scram.password === undefined) throw fail();
    const clientFinal = Buffer.from((command.payload as Binary).buffer).toString("utf8");
    const withoutProof = clientFinal.replace(/,p=[^,]*$/, "");
    const proof = Buffer.from(/,p=([^,]*)$/.exec(clientFinal)?.[1] ?? "", "base64");
    const salted = pbkdf2Sync(scram.password, scram.salt, 4096, 32, "sha256");
    const clientKey = createHmac("sha256", salted).update("Client Key").digest();
    const storedKey = createHash("sha256").update(clientKey).digest();
    const authMessage = `${scram.bare},${scram.serverFirst},${withoutProof}`;
    const signature = createHmac("sha256", storedKey).update(authMessage).digest();
    const recovered = Buffer.from(Array.from(proof, (b: number, i: number) => b ^ (signature[i] ?? 0)));
    const check = createHash("sha256").update(recovered).digest();
    if (proof.length !== 32 || !timingSafeEqual(check, storedKey)) throw fail();
    const serverKey = createHmac("sha256", salted).update("Server Key").digest();
    const serverSignature = createHmac("sha256", serverKey).update(authMessage).digest("base64");
    session.user = scram.user;
    return { conversationId: 1, done: true, payload: new Binary(Buffer.from(`v=${serverSignature}`)), ok: 1 };
  };

  const run = async (command: Doc, session: Session, signal: { closed: boolean }): Promise<Doc> => {
    const connectionId = session.id;
    const name = Object.keys(command)[0] ?? "";
    const db = String(command.$db ?? "admin");
    const target = command[name];
    switch (name.toLowerCase()) {
      case "hello":
      case "ismaster": {
        const reply = hello(command, connectionId, name !== "hello");
        const asked = typeof command.saslSupportedMechs === "string" ? command.saslSupportedMechs : undefined;
        if (asked?.startsWith("admin.") && users[asked.slice("admin.".length)] !== undefined) {
          reply.saslSupportedMechs = ["SCRAM-SHA-256"];
        }
        return reply;
      }
      case "saslstart":
        return scramStart(session, command);
      case "saslcontinue":
        return scramContinue(session, command);
      case "connectionstatus":
        return {
          authInfo: {
            authenticatedUsers: session.user ? [{ user: session.user, db: "admin" }] : [],
            authenticatedUserRoles: [],
          },
          ok: 1,
        };
      case "ping":
      case "endsessions":
        return { ok: 1 };
      case "buildinfo":
        return { version: "7.0.14", versionArray: [7, 0, 14, 0], bits: 64, maxBsonObjectSize: 16 * 1024 * 1024, ok: 1 };
      case "listdatabases":
        return {
          databases: [...databases.keys()].sort().map((n) => ({ name: n, sizeOnDisk: 8192, empty: false })),
          totalSize: 8192 * databases.size,
          ok: 1,
        };
      case "listcollections": {
        const colls = [...(databases.get(db)?.keys() ?? [])].sort().map((n) => ({
          name: n,
          type: "collection",
          options: {},
          info: { readOnly: false },
          idIndex: { v: 2, key: { _id: 1 }, name: "_id_" },
        }));
        const listed = colls.filter((c) => matches(c, command.filter as Doc | undefined));
        const out = command.nameOnly ? listed.map((c) => ({ name: c.name, type: c.type })) : listed;
        return cursorReply(
          `${db}.$cmd.listCollections`,
          out,
          (command.cursor as Doc | undefined)?.batchSize as number,
          true,
        );
      }
      case "find": {
        const coll = String(target);
        const docs = [...(collection(db, coll, false)?.values() ?? [])];
        let found = sortDocs(
          docs.filter((d) => matches(d, command.filter as Doc | undefined)),
          command.sort as Doc | undefined,
        );
        if (command.skip !== undefined) found = found.slice(numberOf(command.skip));
        if (command.limit !== undefined && numberOf(command.limit) !== 0)
          found = found.slice(0, Math.abs(numberOf(command.limit)));
        found = found.map((d) => project(d, command.projection as Doc | undefined));
        const batchSize = command.batchSize === undefined ? undefined : numberOf(command.batchSize);
        const reply = cursorReply(`${db}.${coll}`, found, batchSize, true);
        if (command.singleBatch && !reply.cursor.id.isZero()) {
          cursors.delete(BigInt(reply.cursor.id.toString()));
          reply.cursor.id = Long.fromNumber(0);
        }
        return reply;
      }
      case "getmore":
        return getMore(command, signal);
      case "killcursors": {
        const ids = (command.cursors as Long[]).map((c) => BigInt(c.toString()));
        const killed = ids.filter((id) => cursors.delete(id));
        return {
          cursorsKilled: killed.map((id) => Long.fromBigInt(id)),
          cursorsNotFound: ids.filter((id) => !killed.includes(id)).map((id) => Long.fromBigInt(id)),
          cursorsAlive: [],
          cursorsUnknown: [],
          ok: 1,
        };
      }
      case "aggregate": {
        const pipeline = (command.pipeline ?? []) as Doc[];
        if (!pipeline[0]?.$changeStream) {
          throw new CommandError(40324, "Location40324", "this fake answers aggregate with $changeStream only");
        }
        return openChangeStream(db, typeof target === "string" ? target : undefined, pipeline, command);
      }
      case "insert": {
        const coll = String(target);
        const docs = collection(db, coll, true) as Map<string, Doc>;
        const writeErrors: Doc[] = [];
        let n = 0;
        for (const [index, doc] of ((command.documents ?? []) as Doc[]).entries()) {
          const full = doc._id === undefined ? { _id: new ObjectId(), ...doc } : doc;
          const key = idKey(full._id);
          if (docs.has(key)) {
            writeErrors.push({
              index,
              code: 11000,
              errmsg: `E11000 duplicate key error collection: ${db}.${coll} index: _id_ dup key: { _id: ${String(full._id)} }`,
            });
            if (command.ordered !== false) break;
            continue;
          }
          docs.set(key, full);
          log({ db, coll, operationType: "insert", documentKey: { _id: full._id }, fullDocument: full });
          n++;
        }
        return { n, ...(writeErrors.length ? { writeErrors } : {}), ok: 1 };
      }
      case "update": {
        const coll = String(target);
        const docs = collection(db, coll, true) as Map<string, Doc>;
        let n = 0;
        let nModified = 0;
        const upserted: Doc[] = [];
        for (const [index, spec] of ((command.updates ?? []) as Doc[]).entries()) {
          const update = spec.u as Doc;
          const hits = [...docs.values()].filter((d) => matches(d, spec.q as Doc));
          const targets = spec.multi ? hits : hits.slice(0, 1);
          for (const doc of targets) {
            const { doc: next, updated, removed } = applyUpdate(doc, update);
            n++;
            if (compareBson(next, doc) === 0 && Object.keys(next).length === Object.keys(doc).length) continue;
            docs.set(idKey(doc._id), next);
            nModified++;
            const replacement = !Object.keys(update).some((k) => k.startsWith("$"));
            log({
              db,
              coll,
              operationType: replacement ? "replace" : "update",
              documentKey: { _id: doc._id },
              fullDocument: replacement ? next : undefined,
              updateDescription: replacement
                ? undefined
                : { updatedFields: updated, removedFields: removed, truncatedArrays: [] },
            });
          }
          if (targets.length === 0 && spec.upsert) {
            const q = spec.q as Doc;
            const seed: Doc = Object.fromEntries(
              Object.entries(q).filter(([k, v]) => !k.startsWith("$") && !isOperatorDoc(v)),
            );
            const { doc } = applyUpdate({ ...seed, _id: seed._id ?? new ObjectId() }, update);
            docs.set(idKey(doc._id), doc);
            upserted.push({ index, _id: doc._id });
            n++;
            log({ db, coll, operationType: "insert", documentKey: { _id: doc._id }, fullDocument: doc });
          }
        }
        return { n, nModified, ...(upserted.length ? { upserted } : {}), ok: 1 };
      }
      case "delete": {
        const coll = String(target);
        const docs = collection(db, coll, false);
        let n = 0;
        for (const spec of (command.deletes ?? []) as Doc[]) {
          if (!docs) break;
          const hits = [...docs.values()].filter((d) => matches(d, spec.q as Doc));
          for (const doc of numberOf(spec.limit ?? 0) === 1 ? hits.slice(0, 1) : hits) {
            docs.delete(idKey(doc._id));
            n++;
            log({ db, coll, operationType: "delete", documentKey: { _id: doc._id } });
          }
        }
        return { n, ok: 1 };
      }
      case "create":
        collection(db, String(target), true);
        return { ok: 1 };
      case "drop": {
        const colls = databases.get(db);
        if (!colls?.has(String(target))) throw new CommandError(26, "NamespaceNotFound", "ns not found");
        colls.delete(String(target));
        log({ db, coll: String(target), operationType: "drop" });
        return { nIndexesWas: 1, ns: `${db}.${target}`, ok: 1 };
      }
      case "dropdatabase": {
        const colls = databases.get(db);
        if (colls) {
          for (const coll of colls.keys()) log({ db, coll, operationType: "drop" });
          databases.delete(db);
          log({ db, operationType: "dropDatabase" });
        }
        return { dropped: db, ok: 1 };
      }
      case "faketruncateoplog":
        truncatedThrough = seq;
        oplog.length = 0;
        return { ok: 1 };
      default:
        throw new CommandError(59, "CommandNotFound", `no such command: '${name}'`);
    }
  };

  // --- wire protocol

  let requestIds = 1;
  const header = (length: number, responseTo: number, opCode: number) => {
    const b = Buffer.alloc(16);
    b.writeInt32LE(length, 0);
    b.writeInt32LE(requestIds++, 4);
    b.writeInt32LE(responseTo, 8);
    b.writeInt32LE(opCode, 12);
    return b;
  };
  const withClock = (reply: Doc): Doc => {
    const time = currentTime();
    return {
      ...reply,
      $clusterTime: {
        clusterTime: time,
        signature: { hash: new Binary(Buffer.alloc(20), 0), keyId: Long.fromNumber(0) },
      },
      operationTime: time,
    };
  };
  const failure = (error: unknown): Doc =>
    error instanceof CommandError
      ? { ok: 0, errmsg: error.message, code: error.code, codeName: error.codeName }
      : { ok: 0, errmsg: String((error as Error)?.message ?? error), code: 1, codeName: "InternalError" };

  const handle = async (message: Buffer, socket: net.Socket, connectionId: Session, signal: { closed: boolean }) => {
    const requestId = message.readInt32LE(4);
    const opCode = message.readInt32LE(12);
    if (opCode === OP_QUERY) {
      let offset = 20;
      while (message[offset] !== 0) offset++;
      offset += 9; // NUL, numberToSkip, numberToReturn
      let query = BSON.deserialize(message.subarray(offset), DESERIALIZE) as Doc;
      if (query.$query) query = query.$query as Doc;
      let reply: Doc;
      try {
        reply = await run({ ...query, $db: "admin" }, connectionId, signal);
      } catch (error) {
        reply = failure(error);
      }
      const body = Buffer.from(BSON.serialize(withClock(reply), { ignoreUndefined: true }));
      const prefix = Buffer.alloc(20);
      prefix.writeInt32LE(0, 0); // responseFlags
      prefix.writeBigInt64LE(0n, 4); // cursorID
      prefix.writeInt32LE(0, 12); // startingFrom
      prefix.writeInt32LE(1, 16); // numberReturned
      socket.write(Buffer.concat([header(16 + 20 + body.length, requestId, OP_REPLY), prefix, body]));
      return;
    }
    if (opCode !== OP_MSG) {
      socket.destroy();
      return;
    }
    const flags = message.readUInt32LE(16);
    const end = message.length - (flags & 1 ? 4 : 0);
    let offset = 20;
    let command: Doc = {};
    while (offset < end) {
      const kind = message[offset++];
      if (kind === 0) {
        const size = message.readInt32LE(offset);
        command = { ...(BSON.deserialize(message.subarray(offset, offset + size), DESERIALIZE) as Doc), ...command };
        offset += size;
      } else {
        const size = message.readInt32LE(offset);
        const sectionEnd = offset + size;
        let p = offset + 4;
        const nameStart = p;
        while (message[p] !== 0) p++;
        const identifier = message.subarray(nameStart, p).toString("utf8");
        p++;
        const docs: Doc[] = [];
        while (p < sectionEnd) {
          const docSize = message.readInt32LE(p);
          docs.push(BSON.deserialize(message.subarray(p, p + docSize), DESERIALIZE) as Doc);
          p += docSize;
        }
        command[identifier] = docs;
        offset = sectionEnd;
      }
    }
    // The command's name must stay its first key (document sequences were merged after it).
    let reply: Doc;
    try {
      reply = await run(command, connectionId, signal);
    } catch (error) {
      reply = failure(error);
    }
    if (flags & 2) return; // moreToCome: the client expects no reply
    const body = Buffer.from(BSON.serialize(withClock(reply), { ignoreUndefined: true }));
    const flagBits = Buffer.alloc(5);
    flagBits.writeUInt32LE(0, 0);
    flagBits[4] = 0;
    socket.write(Buffer.concat([header(16 + 5 + body.length, requestId, OP_MSG), flagBits, body]));
  };

  const server = net.createServer((socket) => {
    sockets.add(socket);
    const connectionId: Session = { id: ++connectionIds };
    const signal = { closed: false };
    let buffered = Buffer.alloc(0);
    let chain = Promise.resolve();
    socket.on("data", (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 4) {
        const length = buffered.readInt32LE(0);
        if (buffered.length < length) break;
        const message = buffered.subarray(0, length);
        buffered = buffered.subarray(length);
        chain = chain
          .then(() => handle(message, socket, connectionId, signal))
          .catch(() => {
            socket.destroy();
          });
      }
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      signal.closed = true;
      sockets.delete(socket);
    });
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port));
  });
  advertised = `127.0.0.1:${port}`;
  return {
    port,
    get seq() {
      return seq;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      for (const wake of waiters) wake();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}

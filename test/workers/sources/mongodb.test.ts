/**
 * The MongoDB source with the official driver inside workerd, against the wire-protocol fake
 * (test/fakes/mongodb.ts, started by global-setup.ts): the driver itself, the document-to-row
 * mapping, snapshots, and change capture from change streams (start, changes, a lost token, an
 * invalidated stream). The conformance suite runs the snapshot side (conformance/sources.test.ts).
 */
import {
  type ChangeStreamDocument,
  Decimal128,
  Double,
  Int32,
  Long,
  MongoClient,
  type MongoServerError,
  ObjectId,
  Timestamp,
} from "mongodb";
import { describe, expect, inject, it } from "vitest";
import type {
  ChangeCheckpoint,
  ConfiguredStream,
  ReadContext,
  SourceMessage,
  Stream,
  StreamState,
} from "../../../src/engine/protocol";
import {
  decimalDigits,
  idFromState,
  idState,
  idText,
  rowMapper,
  streamOf,
} from "../../../src/engine/sources/mongodb/documents";
import { mongodbSource } from "../../../src/engine/sources/mongodb/index";
import { afterFilter, changeTime, mongodbReader } from "../../../src/engine/sources/mongodb/reader";
import { mongoConfig, oid, withMongo } from "../conformance/fixtures/mongodb";
import { TEST_EGRESS, testContext } from "../engine/harness";
import { parse, summary } from "./helpers";

const readContext = (pageBytes = 1 << 20): ReadContext => ({
  ...testContext(),
  pageBytes,
  signal: new AbortController().signal,
  runStartedAt: new Date(Date.UTC(2031, 0, 1)),
});

async function collect<T>(messages: AsyncIterable<T> | Iterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const m of messages) out.push(m);
  return out;
}

describe("the official mongodb driver in workerd", () => {
  it("connects over node:net, writes, reads in batches across getMore, and follows a change stream", async () => {
    const client = new MongoClient(`mongodb://127.0.0.1:${inject("fakeMongoPort")}/?replicaSet=rs0`, {
      serverSelectionTimeoutMS: 3000,
    });
    await client.connect();
    try {
      const db = client.db("d_driver");
      await db.dropDatabase();
      const coll = db.collection("things");
      await coll.insertMany(Array.from({ length: 250 }, (_, i) => ({ n: i, nested: { x: [i] } })));
      const hello = await client.db("admin").command({ hello: 1 });
      expect(hello).toMatchObject({ setName: "rs0", isWritablePrimary: true, maxWireVersion: 21 });
      // 250 documents in batches of 101 (the server's first batch), then getMore.
      const all = await coll
        .find({ n: { $gte: 10 } })
        .sort({ n: -1 })
        .toArray();
      expect(all.length).toBe(240);
      expect(all[0]?.n).toBe(249);

      const stream = coll.watch([], { fullDocument: "updateLookup", maxAwaitTimeMS: 100 });
      expect(await stream.tryNext()).toBeNull();
      const first = stream.resumeToken;
      await coll.updateOne({ n: 1 }, { $set: { b: 2 } });
      await coll.deleteOne({ n: 2 });
      const update = (await stream.tryNext()) as ChangeStreamDocument;
      expect(update).toMatchObject({ operationType: "update", fullDocument: { n: 1, b: 2 } });
      expect(update.operationType === "update" && update.updateDescription.updatedFields).toEqual({ b: 2 });
      const del = (await stream.tryNext()) as ChangeStreamDocument;
      expect(del.operationType).toBe("delete");
      await stream.close();
      // Resuming after the first token sees both changes again.
      const again = coll.watch([], { resumeAfter: first, maxAwaitTimeMS: 100 });
      expect((await again.tryNext())?.operationType).toBe("update");
      expect((await again.tryNext())?.operationType).toBe("delete");
      await again.close();
      // A duplicate _id is a write error with MongoDB's code.
      const error = (await coll
        .insertOne({ _id: (update as unknown as { documentKey: { _id: ObjectId } }).documentKey._id })
        .catch((e) => e)) as MongoServerError;
      expect(error.code).toBe(11000);
    } finally {
      await client.close();
    }
  });
});

describe("mongodb documents as rows", () => {
  const sample = [
    { _id: oid(1), name: "a", n: new Int32(1), tags: ["x"], address: { city: "Paris", zip: new Int32(75001) } },
    { _id: oid(2), name: "b", n: new Int32(2), address: { city: "Lyon", zip: new Int32(69001) } },
  ];

  it("types top-level fields, nests documents as JSON, and keeps what has no column in _extra", () => {
    const stream = streamOf("shop", "orders", sample, { packed: false, flatten: false });
    expect(stream.primaryKey).toEqual(["_id"]);
    expect(stream.columns.map((c) => [c.name, c.type])).toEqual([
      ["_id", "string"],
      ["name", "string"],
      ["n", "int"],
      ["tags", "array"],
      ["address", "json"],
      ["_extra", "json"],
    ]);
    const row = rowMapper(stream);
    expect(row(sample[0] as never)).toEqual([
      oid(1).toHexString(),
      "a",
      1,
      '["x"]',
      '{"city":"Paris","zip":75001}',
      null,
    ]);
    // A field discovery never saw, and a value of another type: both kept in _extra.
    expect(row({ _id: oid(3), name: new Int32(5), n: new Int32(3), later: new Date(0) } as never)).toEqual([
      oid(3).toHexString(),
      null,
      3,
      null,
      null,
      '{"name":5,"later":{"$date":"1970-01-01T00:00:00.000Z"}}',
    ]);
  });

  it("flattens sub-documents one level by option; packs a collection into data", () => {
    const flat = streamOf("shop", "orders", sample, { packed: false, flatten: true });
    expect(flat.columns.map((c) => c.name)).toEqual([
      "_id",
      "name",
      "n",
      "tags",
      "address_city",
      "address_zip",
      "_extra",
    ]);
    const row = rowMapper(flat);
    expect(row(sample[1] as never)).toEqual([oid(2).toHexString(), "b", 2, null, "Lyon", 69001, null]);
    // A sub-field discovery never saw stays in _extra under its parent.
    expect(row({ _id: oid(4), address: { city: "Nice", floor: new Int32(3) } } as never)).toEqual([
      oid(4).toHexString(),
      null,
      null,
      null,
      "Nice",
      null,
      '{"address":{"floor":3}}',
    ]);
    const packed = streamOf("shop", "orders", sample, { packed: true, flatten: false });
    expect(packed.columns.map((c) => [c.name, c.type])).toEqual([
      ["_id", "string"],
      ["data", "json"],
    ]);
    expect(rowMapper(packed)(sample[1] as never)).toEqual([
      oid(2).toHexString(),
      `{"_id":{"$oid":"${oid(2).toHexString()}"},"name":"b","n":2,"address":{"city":"Lyon","zip":69001}}`,
    ]);
  });

  it("keys: ObjectId as hex, strings as themselves, anything else as canonical Extended JSON", () => {
    expect(idText(oid(255))).toBe("0000000000000000000000ff");
    expect(idText("abc")).toBe("abc");
    expect(idText(new Int32(7))).toBe('{"$numberInt":"7"}');
    expect(idText(Long.fromNumber(7))).toBe('{"$numberLong":"7"}');
    expect(idText({ a: new Int32(1) })).toBe('{"a":{"$numberInt":"1"}}');
    for (const id of [
      oid(9),
      "s",
      new Int32(3),
      new Double(2.5),
      Long.fromString("9223372036854775807"),
      new Date(5),
    ]) {
      expect(idFromState(idState(id))).toEqual(id);
    }
  });

  it("decimal128 text becomes plain digits", () => {
    expect(decimalDigits("1.5E+3")).toBe("1500");
    expect(decimalDigits("-1.5E-3")).toBe("-0.0015");
    expect(decimalDigits("12.50")).toBe("12.50");
    expect(decimalDigits("1E+2")).toBe("100");
    expect(decimalDigits("-NaN")).toBe("NaN");
    expect(decimalDigits(Decimal128.fromString("0.000001").toString())).toBe("0.000001");
  });

  it("resumes after an _id across MongoDB's type brackets", () => {
    expect(afterFilter(oid(1))).toEqual({
      $or: [{ _id: { $gt: oid(1) } }, { _id: { $type: ["bool", "date", "timestamp", "regex", "maxKey"] } }],
    });
    expect(afterFilter(new Int32(5))).toMatchObject({
      $or: [{ _id: { $gt: new Int32(5) } }, { _id: { $type: expect.arrayContaining(["string", "objectId"]) } }],
    });
  });

  it("a change's time: its wall time, else its cluster time's second", () => {
    expect(changeTime({ wallTime: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)) })).toBe("2026-01-02T03:04:05.678000Z");
    expect(changeTime({ clusterTime: new Timestamp({ t: 1767323045, i: 9 }) })).toBe("2026-01-02T03:04:05.000000Z");
  });
});

describe("mongodb change streams", () => {
  const DB = "d_cdc";
  const config = mongoConfig(DB);

  async function discoverAll(): Promise<ConfiguredStream[]> {
    const { streams } = await mongodbReader.discover(config, testContext());
    return streams.map((stream: Stream) => ({ stream, mode: "changes" as const, lookbackMs: 0 }));
  }

  async function changes(streams: ConfiguredStream[], log: StreamState) {
    const session = await mongodbReader.open(config, testContext());
    try {
      return await collect<SourceMessage | ChangeCheckpoint>(
        session.changes?.(
          streams.map((configured) => ({ configured, state: undefined })),
          log,
          readContext(),
        ) ?? [],
      );
    } finally {
      await session.close();
    }
  }

  it("starts before the snapshot, then maps inserts, updates, replaces and deletes in commit order", async () => {
    await withMongo(async (client) => {
      await client.db(DB).dropDatabase();
      await client
        .db(DB)
        .collection("orders")
        .insertMany([
          { _id: oid(1), status: "new", total: new Int32(10) },
          { _id: oid(2), status: "new", total: new Int32(20) },
        ]);
      await client
        .db(DB)
        .collection<{ _id: string; v: unknown }>("other")
        .insertOne({ _id: "x", v: new Int32(1) });
    });
    const log = mongodbReader.changeLog;
    expect(log?.enabled(config)).toBe(true);
    expect(log?.enabled({ ...config, update_method: "FULL_RESYNC" })).toBe(false);
    const started = await log?.start(config, undefined, testContext());
    expect(started?.resnapshot).toBeUndefined();
    expect(started?.warnings).toEqual([]);
    const token = started?.state as StreamState;
    expect(token).toMatchObject({ v: 1, token: { _data: expect.any(String) } });

    // The snapshot (after start): the two documents.
    const streams = (await discoverAll()).filter((s) => s.stream.name === "orders");
    const session = await mongodbReader.open(config, testContext());
    const snapshot = await collect(session.read(streams[0] as ConfiguredStream, undefined, readContext()));
    await session.close();
    expect(snapshot.filter((m) => m.kind === "upsert").flatMap((m) => (m.kind === "upsert" ? m.rows : []))).toEqual([
      [oid(1).toHexString(), "new", 10, null],
      [oid(2).toHexString(), "new", 20, null],
    ]);
    expect(snapshot.at(-1)).toMatchObject({ kind: "checkpoint", state: { phase: "done" } });

    await withMongo(async (client) => {
      const orders = client.db(DB).collection("orders");
      await orders.insertOne({ _id: oid(3), status: "new", total: new Int32(30) });
      await orders.updateOne({ _id: oid(1) }, { $set: { status: "paid" } });
      await orders.replaceOne({ _id: oid(2) }, { status: "replaced", total: new Int32(21) });
      await client
        .db(DB)
        .collection<{ _id: string; v: unknown }>("other")
        .updateOne({ _id: "x" }, { $set: { v: new Int32(2) } });
      await orders.deleteOne({ _id: oid(3) });
      await orders.updateOne({ _id: oid(3) }, { $set: { status: "gone" } });
    });
    const messages = await changes(streams, token);
    const data = messages.filter((m) => m.kind !== "checkpoint");
    expect(data.map((m) => m.kind)).toEqual(["upsert", "delete"]);
    const [upsert, del] = data;
    expect(upsert?.kind === "upsert" && upsert.rows).toEqual([
      [oid(3).toHexString(), "new", 30, null],
      // updateLookup: the document as it is when the change is read.
      [oid(1).toHexString(), "paid", 10, null],
      [oid(2).toHexString(), "replaced", 21, null],
    ]);
    expect(upsert?.kind === "upsert" && upsert.changedAt?.length).toBe(3);
    expect(upsert?.kind === "upsert" && upsert.changedAt?.[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(del).toMatchObject({ kind: "delete", stream: `${DB}.orders`, keys: [[oid(3).toHexString()]] });
    const last = messages.at(-1) as ChangeCheckpoint;
    expect(last).toMatchObject({ kind: "checkpoint", stream: "$changes" });

    // From the committed position: nothing more, and the position holds.
    const again = await changes(streams, last.state);
    expect(again.filter((m) => m.kind !== "checkpoint")).toEqual([]);
    // From the start token again: the same changes replay (idempotent upserts and deletes).
    const replay = await changes(streams, token);
    expect(replay.filter((m) => m.kind !== "checkpoint")).toEqual(data);

    // The committed token still resumes: start keeps it.
    expect(await log?.start(config, last.state, testContext())).toEqual({ state: last.state, warnings: [] });
  });

  it("a token the oplog no longer holds means a new token and a re-snapshot", async () => {
    const log = mongodbReader.changeLog;
    const started = await log?.start(config, undefined, testContext());
    await withMongo(async (client) => {
      await client
        .db(DB)
        .collection("orders")
        .insertOne({ _id: oid(50), status: "lost" });
      await client.db("admin").command({ fakeTruncateOplog: 1 });
    });
    const restarted = await log?.start(config, started?.state, testContext());
    expect(restarted?.resnapshot).toBe(true);
    expect(restarted?.warnings).toEqual([
      { code: "change_stream_history_lost", message: expect.stringMatching(/re-synced.*oplog/) },
    ]);
    expect(restarted?.state).not.toEqual(started?.state);
    // The new token resumes.
    expect((await log?.start(config, restarted?.state, testContext()))?.resnapshot).toBeUndefined();
    // Reading from the lost token fails as transient (the next run's start re-snapshots).
    await expect(changes(await discoverAll(), started?.state as StreamState)).rejects.toThrow(/oplog no longer holds/);
  });

  it("a dropped database truncates its tables, then the invalidated stream resumes with startAfter", async () => {
    const db = "d_cdc_drop";
    const dropConfig = mongoConfig(db);
    await withMongo(async (client) => {
      await client.db(db).dropDatabase();
      await client
        .db(db)
        .collection("t")
        .insertOne({ _id: oid(1), v: new Int32(1) });
    });
    const { streams } = await mongodbReader.discover(dropConfig, testContext());
    const configured = streams.map((stream) => ({ stream, mode: "changes" as const, lookbackMs: 0 }));
    const started = await mongodbReader.changeLog?.start(dropConfig, undefined, testContext());
    await withMongo(async (client) => {
      await client
        .db(db)
        .collection("t")
        .insertOne({ _id: oid(2), v: new Int32(2) });
      await client.db(db).dropDatabase();
    });
    const session = await mongodbReader.open(dropConfig, testContext());
    const read = (log: StreamState) =>
      collect(
        session.changes?.(
          configured.map((c) => ({ configured: c, state: undefined })),
          log,
          readContext(),
        ) ?? [],
      );
    const messages = await read(started?.state as StreamState);
    expect(messages.map((m) => m.kind)).toEqual(["upsert", "truncate", "checkpoint"]);
    const last = messages.at(-1) as ChangeCheckpoint;
    expect(last.state).toMatchObject({ startAfter: true });
    await withMongo(async (client) => {
      await client
        .db(db)
        .collection("t")
        .insertOne({ _id: oid(3), v: new Int32(3) });
    });
    const after = await read(last.state);
    await session.close();
    expect(after.filter((m) => m.kind === "upsert").flatMap((m) => (m.kind === "upsert" ? m.rows : []))).toEqual([
      [oid(3).toHexString(), 3, null],
    ]);
  });
});

describe("mongodb setup tests", () => {
  it("connects, lists the collections and opens a change stream", async () => {
    await withMongo(async (client) => {
      await client.db("d_check").dropDatabase();
      await client
        .db("d_check")
        .collection("orders")
        .insertOne({ _id: new ObjectId(), a: new Int32(1) });
    });
    const config = parse(mongodbSource, {
      schema_prefix: "m",
      connectionString: `mongodb://127.0.0.1:${inject("fakeMongoPort")}/d_check?replicaSet=rs0`,
    });
    const tests = await mongodbSource.check(config, testContext());
    expect(summary(tests)).toEqual([
      ["Connecting to MongoDB", "PASSED"],
      ["Checking collections", "PASSED"],
      ["Checking change streams", "PASSED"],
    ]);
    expect(tests[0]?.message).toMatch(/MongoDB 7\.0\.14 .*replica set rs0/);
    const missing = parse(mongodbSource, { ...config, collections: ["d_check.nope"] });
    expect(summary(await mongodbSource.check(missing, testContext()))[1]).toEqual(["Checking collections", "FAILED"]);
  });

  it("refuses a private host before any socket opens", async () => {
    const config = parse(mongodbSource, { schema_prefix: "m", hosts: ["10.1.2.3:27017"] });
    const [test] = await mongodbSource.check(config, { ...testContext(), egress: TEST_EGRESS });
    expect(test).toMatchObject({ status: "FAILED", message: expect.stringMatching(/10\.1\.2\.3.*private/i) });
  });
});

describe("mongodb authentication (SCRAM-SHA-256 against the fake)", () => {
  const withUser = (password: string) =>
    parse(mongodbSource, {
      schema_prefix: "m",
      connectionString: `mongodb://d_reader:${encodeURIComponent(password)}@127.0.0.1:${inject("fakeMongoPort")}/d_auth?replicaSet=rs0&authSource=admin`,
    });

  it("the driver in workerd authenticates with the user's password (the server verifies the proof)", async () => {
    await withMongo(async (client) => {
      await client.db("d_auth").dropDatabase();
      await client
        .db("d_auth")
        .collection("t")
        .insertOne({ _id: oid(1), a: new Int32(1) });
    });
    const config = withUser("correct horse battery staple");
    const { streams } = await mongodbReader.discover(config, testContext());
    expect(streams.map((s) => s.name)).toEqual(["t"]);
    // The same options the reader uses, asked who the connection is.
    const { openMongo } = await import("../../../src/engine/sources/mongodb/client");
    const connection = await openMongo(config, TEST_EGRESS);
    try {
      const status = await connection.client.db("admin").command({ connectionStatus: 1 });
      expect(status.authInfo.authenticatedUsers).toEqual([{ user: "d_reader", db: "admin" }]);
    } finally {
      await connection.close();
    }
  });

  it("a wrong password is an auth failure, named as such by the setup test and the error mapping", async () => {
    const config = withUser("wrong");
    const [test] = await mongodbSource.check(config, testContext());
    expect(test).toMatchObject({ status: "FAILED", details: { auth: true } });
    expect(test?.message).toMatch(/refused the credentials.*Authentication failed/);
    expect(test?.message).not.toContain("wrong");
    const error = await mongodbReader.discover(config, testContext()).catch((e) => e);
    expect(mongodbSource.mapError?.(error)?.kind).toBe("auth");
  });
});

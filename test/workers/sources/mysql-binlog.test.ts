/**
 * The MySQL source's reader and binlog change capture against the local MariaDB: the session's
 * `changes` read directly (the runner's orchestration is tested with the runner), compared with
 * what a snapshot of the same tables reads, so the binlog decoder and the text protocol agree
 * on every type.
 */
import { describe, expect, it } from "vitest";
import type {
  ChangeCheckpoint,
  ConfiguredStream,
  ReadContext,
  Row,
  SourceMessage,
  Stream,
  StreamState,
  UpsertBatch,
  Value,
} from "../../../src/engine/protocol";
import { CHANGE_LOG_STATE } from "../../../src/engine/protocol";
import { comparePositions } from "../../../src/engine/sources/mysql/binlog";
import { mysqlReader } from "../../../src/engine/sources/mysql/reader";
import { mysqlFixture, mysqlRun, mysqlSourceConfig, resetMysqlDatabase } from "../conformance/fixtures/mysql";
import { postgresDestinationFixture } from "../conformance/fixtures/postgres";
import { MemoryDestination } from "../conformance/suite";
import { runToCompletion, testContext } from "../engine/harness";

const DB = "c_binlog";

function readContext(pageBytes = 1 << 20): ReadContext {
  return { ...testContext(), pageBytes, signal: new AbortController().signal, runStartedAt: new Date() };
}

const TYPED_DDL = `(
  id BIGINT PRIMARY KEY, ti TINYINT, tu TINYINT UNSIGNED, si SMALLINT, su SMALLINT UNSIGNED, mi MEDIUMINT,
  mu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED, bi BIGINT, bu BIGINT UNSIGNED, dn DECIMAL(65,30), d2 DECIMAL(12,2),
  d0 DECIMAL(10,0), f FLOAT, db DOUBLE, b1 BIT(1), b9 BIT(9), b64 BIT(64), c CHAR(3), c300 CHAR(255), vc VARCHAR(100),
  vl VARCHAR(1000), tx TEXT, lt LONGTEXT, en ENUM('a','b c','it''s'), st SET('x','y','z'), bn BINARY(4), vb VARBINARY(10),
  bl BLOB, dt DATE, dtt DATETIME(6), dt0 DATETIME, dt3 DATETIME(3), tsz TIMESTAMP(6) NULL, ts0 TIMESTAMP NULL,
  tm TIME(6), tm0 TIME, tm2 TIME(2), tm4 TIME(4), yr YEAR, js JSON, uu UUID)`;

const TYPED_VALUES = [
  `(1, -128, 255, -32768, 65535, -8388608, 16777215, -2147483648, 4294967295, -9223372036854775808,
    18446744073709551615, '-12345678901234567890123456789012345.123456789012345678901234567890', '-0.01', 9999999999,
    0.5, 1.7976931348623157e308, b'1', b'101010101', b'1111111111111111111111111111111111111111111111111111111111111111',
    'ab', REPEAT('é', 255), 'héllo 🎉 世界', REPEAT('y', 1000), 'tab\\there', REPEAT('z', 70000), 'it''s', 'z,x', X'00ff', X'',
    X'000102', '2024-02-29', '2024-01-01 12:34:56.123456', '1999-12-31 23:59:59', '2000-01-01 00:00:00.5',
    '2038-01-19 03:14:07.999999', '1970-01-01 00:00:01', '-838:59:59.000000', '838:59:59', '-00:00:01.5', '-12:34:56.0001',
    1901, '{"b": null,  "a":[1, 2.5, "x"]}', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11')`,
  `(2, 127, 0, 32767, 0, 8388607, 0, 2147483647, 0, 9223372036854775807, 0, '0', '12.50', -1, -1.5, -1.5e-300, b'0',
    b'0', b'0', '', '', '', '', '', '', 'a', '', X'01020304', X'ff', X'', '0000-00-00', '0000-00-00 00:00:00',
    '2024-00-10 10:00:00', '1000-01-01 00:00:00.001', '1970-01-01 00:00:01', NULL, '00:00:00', '100:00:00', '00:00:00.99',
    '-00:00:00.0001', 2155, '[]', '6ccd780c-baba-1026-9564-5b8c656024db')`,
  `(3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
    NULL, NULL, NULL, NULL, NULL)`,
  `(4, 0, 1, 0, 1, 0, 1, 0, 1, 0, 9223372036854775808, '0.000000000000000000000000000001', '-9999999999.99', 0, 3.4028235e38,
    0.1, b'1', b'100000000', b'1', 'xyz', 'a', 'b', 'c', 'd', 'e', 'b c', 'x,y,z', X'ffffffff', X'00', X'00', '9999-12-31',
    '9999-12-31 23:59:59.999999', '0001-01-01 00:00:00', '2024-06-01 12:00:00.123', NULL, '2024-01-01 00:00:00',
    '-00:00:00.000001', '-01:00:00', '23:59:59.01', '00:00:00.5', 0, '{"k": "🎉"}', 'ffffffff-ffff-ffff-ffff-ffffffffffff')`,
];

async function setup(): Promise<void> {
  await resetMysqlDatabase(DB);
  await mysqlRun([
    `CREATE TABLE ${DB}.typed ${TYPED_DDL}`,
    `CREATE TABLE ${DB}.pairs (a INT, b VARCHAR(10), note VARCHAR(50), PRIMARY KEY (a, b))`,
    `CREATE TABLE ${DB}.other (id INT PRIMARY KEY, v INT)`,
  ]);
}

const config = () => mysqlSourceConfig(DB, { update_method: "BINLOG" });

async function discover(): Promise<Map<string, ConfiguredStream>> {
  const discovery = await mysqlReader.discover(config(), testContext());
  return new Map(
    discovery.streams.map((stream: Stream) => [
      `${stream.namespace}.${stream.name}`,
      { stream, mode: "changes", lookbackMs: 0 } as ConfiguredStream,
    ]),
  );
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

const keyText = (values: Value[]) =>
  JSON.stringify(values.map((v) => (typeof v === "bigint" ? `${v}n` : v instanceof Uint8Array ? [...v] : v)));

/** Applies messages to tables keyed by primary key, as a destination in live mode does. */
function apply(
  tables: Map<string, Map<string, Row>>,
  streams: Map<string, ConfiguredStream>,
  messages: SourceMessage[],
) {
  for (const message of messages) {
    const stream = streams.get(message.stream)?.stream;
    if (!stream) continue;
    const table = tables.get(message.stream) ?? new Map<string, Row>();
    tables.set(message.stream, table);
    const pk = stream.primaryKey.map((name) => stream.columns.findIndex((c) => c.name === name));
    if (message.kind === "upsert")
      for (const row of message.rows) table.set(keyText(pk.map((i) => row[i] ?? null)), row);
    if (message.kind === "delete") for (const key of message.keys) table.delete(keyText(key));
    if (message.kind === "truncate") table.clear();
  }
}

/** Every table read by a snapshot now, keyed by primary key. */
async function snapshot(streams: Map<string, ConfiguredStream>) {
  const session = await mysqlReader.open(config(), testContext());
  const tables = new Map<string, Map<string, Row>>();
  try {
    for (const [key, configured] of streams) {
      const messages = await collect(session.read({ ...configured, mode: "full" }, undefined, readContext()));
      tables.set(key, new Map());
      apply(tables, streams, messages);
    }
  } finally {
    await session.close();
  }
  return tables;
}

async function changes(
  streams: Map<string, ConfiguredStream>,
  log: StreamState,
  states: Record<string, StreamState | undefined> = {},
  pageBytes?: number,
) {
  const session = await mysqlReader.open(config(), testContext());
  try {
    const changes = session.changes;
    if (!changes) throw new Error("no changes()");
    return await collect(
      changes(
        [...streams.values()].map((configured) => ({
          configured,
          state: states[`${configured.stream.namespace}.${configured.stream.name}`],
        })),
        log,
        readContext(pageBytes),
      ),
    );
  } finally {
    await session.close();
  }
}

const isCheckpoint = (m: SourceMessage | ChangeCheckpoint): m is ChangeCheckpoint =>
  m.kind === "checkpoint" && m.stream === CHANGE_LOG_STATE;

describe("mysql binlog change capture (real MariaDB)", () => {
  it("decodes every type in inserts, updates and deletes exactly as a snapshot reads them", async () => {
    await setup();
    const streams = await discover();
    const start = await mysqlReader.changeLog?.start(config(), undefined, testContext());
    if (!start) throw new Error("no change log");
    expect(start.resnapshot).toBeUndefined();
    expect(start.state).toMatchObject({ v: 1, file: expect.stringMatching(/\.\d+$/), pos: expect.any(Number) });

    await mysqlRun([
      "SET SESSION sql_mode = ''",
      `INSERT INTO ${DB}.typed VALUES ${TYPED_VALUES.join(", ")}`,
      `UPDATE ${DB}.typed SET vc = 'changed', tm = '-01:02:03.456789', dn = dn * 2 WHERE id = 1`,
      `UPDATE ${DB}.typed SET id = 40 WHERE id = 4`,
      `DELETE FROM ${DB}.typed WHERE id = 2`,
      `INSERT INTO ${DB}.pairs SELECT seq DIV 5, CONCAT('k', seq MOD 5), CONCAT('note ', seq) FROM ${DB}.seq_0_to_49`,
      `DELETE FROM ${DB}.pairs WHERE a = 3`,
      `UPDATE ${DB}.pairs SET note = 'x' WHERE a = 1`,
      `INSERT INTO ${DB}.other VALUES (1, 1), (2, 2)`,
      `TRUNCATE TABLE ${DB}.other`,
      `INSERT INTO ${DB}.other VALUES (3, 3)`,
    ]);
    const messages = await changes(streams, start.state);
    const last = messages[messages.length - 1];
    expect(last && isCheckpoint(last)).toBe(true);
    const data = messages.filter((m): m is SourceMessage => !isCheckpoint(m));
    expect(data.some((m) => m.kind === "truncate" && m.stream === `${DB}.other`)).toBe(true);
    for (const m of data) {
      if (m.kind === "upsert") expect(m.changedAt).toHaveLength(m.count);
      if (m.kind === "upsert") expect(m.changedAt?.[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000000Z$/);
    }

    const replayed = new Map<string, Map<string, Row>>();
    apply(replayed, streams, data);
    const read = await snapshot(streams);
    for (const key of streams.keys()) {
      const want = [...(read.get(key) ?? new Map()).entries()].sort();
      const got = [...(replayed.get(key) ?? new Map()).entries()].sort();
      // Column by column for the typed table, so a failure names the type.
      if (key === `${DB}.typed`) {
        const columns = streams.get(key)?.stream.columns ?? [];
        for (const [r, [k, row]] of want.entries()) {
          for (const [i, column] of columns.entries()) {
            expect(got[r]?.[1]?.[i], `${k} ${column.name} (${column.sourceType})`).toEqual(row[i]);
          }
        }
      }
      expect(got, key).toEqual(want);
    }
    expect(read.get(`${DB}.typed`)?.size).toBe(3);
    expect(read.get(`${DB}.pairs`)?.size).toBe(45);
  }, 60_000);

  it("skips what a stream's snapshot already saw, and checkpoints only between transactions", async () => {
    await setup();
    const streams = await discover();
    const start = await mysqlReader.changeLog?.start(config(), undefined, testContext());
    if (!start) throw new Error("no change log");
    await mysqlRun([`INSERT INTO ${DB}.other VALUES (1, 1), (2, 2)`, `UPDATE ${DB}.other SET v = 10 WHERE id = 1`]);
    // A snapshot now: its state records the position of its consistent snapshot.
    const session = await mysqlReader.open(config(), testContext());
    const configured = streams.get(`${DB}.other`) as ConfiguredStream;
    const read = await collect(session.read(configured, undefined, readContext()));
    await session.close();
    const state = [...read].reverse().find((m) => m.kind === "checkpoint")?.state as StreamState;
    expect(state).toMatchObject({ phase: "done", binlog: { file: expect.any(String), pos: expect.any(Number) } });
    await mysqlRun([`UPDATE ${DB}.other SET v = 20 WHERE id = 2`, `INSERT INTO ${DB}.other VALUES (3, 3)`]);
    const messages = await changes(streams, start.state, { [`${DB}.other`]: state }, 1);
    const data = messages.filter((m): m is SourceMessage => !isCheckpoint(m) && m.stream === `${DB}.other`);
    // Only the two changes after the snapshot: [2, 20] and [3, 3].
    expect(data.flatMap((m) => (m.kind === "upsert" ? (m as UpsertBatch).rows : []))).toEqual([
      [2, 20],
      [3, 3],
    ]);
    // pageBytes 1: a checkpoint after every transaction that changed the stream, each past the one before.
    const checkpoints = messages.filter(isCheckpoint).map((m) => m.state as { file: string; pos: number });
    expect(checkpoints.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < checkpoints.length; i++) {
      expect(comparePositions(checkpoints[i] as never, checkpoints[i - 1] as never)).toBeGreaterThanOrEqual(0);
    }
    // Reading again from the last checkpoint: nothing new.
    const again = await changes(streams, checkpoints[checkpoints.length - 1] as StreamState, {
      [`${DB}.other`]: state,
    });
    expect(again.filter((m) => !isCheckpoint(m))).toEqual([]);
  }, 60_000);

  it("a purged binlog position means a re-snapshot, with a warning saying why", async () => {
    const start = await mysqlReader.changeLog?.start(
      config(),
      { v: 1, file: "mysql-bin.999990", pos: 4 },
      testContext(),
    );
    expect(start?.resnapshot).toBe(true);
    expect(start?.warnings[0]?.code).toBe("binlog_position_lost");
    const current = await mysqlReader.changeLog?.start(config(), start?.state, testContext());
    expect(current?.resnapshot).toBeUndefined();
    expect(current?.state).toEqual(start?.state);
  });
});

describe("mysql reader (real MariaDB)", () => {
  const RDB = "c_reader";
  const cfg = () => mysqlSourceConfig(RDB);
  const streamsOf = async () => {
    const discovery = await mysqlReader.discover(cfg(), testContext());
    return new Map(discovery.streams.map((s) => [s.name, s]));
  };
  const read = async (configured: ConfiguredStream, state: StreamState | undefined, pageBytes: number) => {
    const session = await mysqlReader.open(cfg(), testContext());
    try {
      return await collect(session.read(configured, state, readContext(pageBytes)));
    } finally {
      await session.close();
    }
  };
  const upserted = (messages: SourceMessage[]) =>
    messages.flatMap((m) => (m.kind === "upsert" ? (m as UpsertBatch).rows : []));

  it("resumes a snapshot past BIGINT UNSIGNED keys above 2^63 and text keys, exactly", async () => {
    await resetMysqlDatabase(RDB);
    await mysqlRun([
      `CREATE TABLE ${RDB}.big (id BIGINT UNSIGNED PRIMARY KEY, v VARCHAR(20))`,
      `INSERT INTO ${RDB}.big SELECT 9223372036854775808 + seq, CONCAT('v', seq) FROM ${RDB}.seq_0_to_39`,
      `INSERT INTO ${RDB}.big VALUES (18446744073709551615, 'max'), (1, 'one')`,
      // A case-insensitive collation: the server's order, not JavaScript's, decides.
      `CREATE TABLE ${RDB}.names (a VARCHAR(10), b INT, PRIMARY KEY (a, b))`,
      `INSERT INTO ${RDB}.names VALUES ('B', 1), ('a', 2), ('b', 2), ('A', 1), ('é', 1), ('e', 3), ('Z', 0)`,
    ]);
    const streams = await streamsOf();
    const big = streams.get("big") as Stream;
    expect(big.columns[0]).toMatchObject({ type: "decimal", precision: 20, scale: 0 });
    const configured: ConfiguredStream = { stream: big, mode: "full", lookbackMs: 0 };
    const all = await read(configured, undefined, 64);
    const ids = upserted(all).map((r) => r[0]);
    expect(ids).toEqual([
      "1",
      ...Array.from({ length: 40 }, (_, k) => String(9223372036854775808n + BigInt(k))),
      "18446744073709551615",
    ]);
    // From every checkpoint, a new session reads exactly the rows past it.
    const checkpoints = all.filter((m) => m.kind === "checkpoint");
    expect(checkpoints.length).toBeGreaterThan(5);
    for (const checkpoint of checkpoints.slice(1, -1)) {
      const state = checkpoint.state as { after: string[] | null };
      const rest = upserted(await read(configured, checkpoint.state, 64)).map((r) => r[0]);
      const at = state.after ? ids.indexOf(state.after[0] as string) + 1 : 0;
      expect(rest).toEqual(ids.slice(at));
    }
    const names = streams.get("names") as Stream;
    const pairs: ConfiguredStream = { stream: names, mode: "full", lookbackMs: 0 };
    const once = upserted(await read(pairs, undefined, 1 << 20));
    const paged = await read(pairs, undefined, 8);
    expect(upserted(paged)).toEqual(once);
    expect(once).toHaveLength(7);
  });

  it("reads a table without a primary key whole, and an incremental pass re-reads its lookback", async () => {
    await resetMysqlDatabase(RDB);
    await mysqlRun([
      `CREATE TABLE ${RDB}.notes (n INT, body TEXT)`,
      `INSERT INTO ${RDB}.notes SELECT seq, REPEAT('x', seq) FROM ${RDB}.seq_1_to_100`,
      `CREATE TABLE ${RDB}.items (id INT PRIMARY KEY, updated_at DATETIME(6) NOT NULL)`,
      `INSERT INTO ${RDB}.items SELECT seq, TIMESTAMP'2024-01-01 00:00:00' + INTERVAL seq MINUTE FROM ${RDB}.seq_1_to_10`,
    ]);
    const streams = await streamsOf();
    const notes = await read({ stream: streams.get("notes") as Stream, mode: "full", lookbackMs: 0 }, undefined, 512);
    expect(upserted(notes)).toHaveLength(100);
    expect(notes.every((m) => m.kind !== "upsert" || (m as UpsertBatch).range === undefined)).toBe(true);

    const items = streams.get("items") as Stream;
    expect(items.cursorCandidates).toEqual(["updated_at"]);
    const configured: ConfiguredStream = {
      stream: items,
      mode: "incremental",
      cursorField: "updated_at",
      lookbackMs: 7 * 60_000,
    };
    const first = await read(configured, undefined, 1 << 20);
    const done = (first[first.length - 1] as { state: StreamState }).state;
    expect(done).toMatchObject({ phase: "incremental", cursor: "2024-01-01 00:10:00.000000" });
    // Rows committed late with older cursors: inside the 7-minute lookback one is read (with the
    // window's overlap), the other, older, is not; without a lookback neither is.
    await mysqlRun([`INSERT INTO ${RDB}.items VALUES (11, '2023-12-31 23:50:00'), (12, '2024-01-01 00:05:00')`]);
    const next = upserted(await read(configured, done, 1 << 20)).map((r) => r[0]);
    // From 00:03 on, in (cursor, key) order: 12 ties with 5 at 00:05 and follows it; 11 (23:50) is out.
    expect(next).toEqual([3, 4, 5, 12, 6, 7, 8, 9, 10]);
    const strict = upserted(await read({ ...configured, lookbackMs: 0 }, done, 1 << 20));
    expect(strict).toEqual([]);
  });
});

describe("mysql → postgres through the pg-copy codec", () => {
  it("lands every type exactly as the typed rows do", async () => {
    const { config: typedConfig } = (await mysqlFixture.typed?.()) ?? { config: undefined };
    if (!typedConfig) throw new Error("no typed fixture");
    const discovered = await mysqlReader.discover(typedConfig, testContext());
    const configured = discovered.streams.map((stream) => ({ stream, mode: "full" as const, lookbackMs: 0 }));
    const memory = new MemoryDestination();
    const options = { reader: mysqlReader, config: typedConfig, schema: "c_typed", streams: configured, runId: "t" };
    await runToCompletion({ ...options, openWriter: async () => memory.writer(), state: {} });
    await postgresDestinationFixture.reset("c_typed", []);
    let encodedBatches = 0;
    await runToCompletion({
      ...options,
      state: {},
      openWriter: async () => {
        const writer = await postgresDestinationFixture.open();
        const write = writer.write.bind(writer);
        writer.write = (ref: Parameters<typeof write>[0], batch: UpsertBatch, at: Date) => {
          if (batch.encoded?.codec === "pg-copy") encodedBatches++;
          return write(ref, batch, at);
        };
        return writer;
      },
    });
    expect(encodedBatches).toBeGreaterThan(0);
    const stream = configured[0]?.stream as Stream;
    const canonical = (rows: Row[]) =>
      rows.map((row) => row.map((v, i) => postgresDestinationFixture.canonical?.(stream.columns[i] as never, v) ?? v));
    const landed = (await postgresDestinationFixture.read("c_typed", stream)).map((r) => r.row);
    landed.sort((a, b) => Number(a[0]) - Number(b[0]));
    const want = canonical(memory.rows("c_typed.typed"));
    for (const [i, column] of stream.columns.entries()) {
      expect(
        canonical(landed).map((r) => r[i]),
        column.name,
      ).toEqual(want.map((r) => r[i]));
    }
  }, 60_000);
});

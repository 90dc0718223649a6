#!/usr/bin/env node
// `node bench/cdc-protocols.mjs`: how long PostgreSQL takes to hand over the same changes of a
// logical replication slot (pgoutput) through the SQL interface, as the Postgres source reads
// them (pg_logical_slot_peek_binary_changes a page at a time, pg_replication_slot_advance after
// each), and through the streaming replication protocol (START_REPLICATION, with
// pg-logical-replication's client). Both run in Node on the same slot contents, decoding every
// message with the same PgoutputParser, so the difference is the protocol's.
//
// Environment: CDC_CHANGES (default 10000, in transactions of 100 rows), CDC_PAGE (rows a peek,
// default 8192, the source's page for 1 MB), BENCH_PGHOST/BENCH_PGPORT/BENCH_PGUSER.
import pg from "pg";
import { LogicalReplicationService, PgoutputPlugin } from "pg-logical-replication";
import { PgoutputParser } from "pg-logical-replication/dist/output-plugins/pgoutput/pgoutput-parser.js";

const PG = {
  host: process.env.BENCH_PGHOST ?? "127.0.0.1",
  port: Number(process.env.BENCH_PGPORT ?? 5432),
  user: process.env.BENCH_PGUSER ?? "postgres",
};
const DB = "bench_cdc_protocols";
const CHANGES = Number(process.env.CDC_CHANGES ?? 10_000);
const PAGE = Number(process.env.CDC_PAGE ?? 8192);
const SLOTS = ["bench_cdc_sql", "bench_cdc_stream"];

async function query(database, text, values) {
  const client = new pg.Client({ ...PG, database });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

async function dropSlots() {
  await query(
    "postgres",
    "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ANY($1)",
    [SLOTS],
  );
}

async function prepare() {
  await dropSlots();
  await query("postgres", `DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await query("postgres", `CREATE DATABASE ${DB}`);
  await query(DB, "CREATE TABLE items (id bigint PRIMARY KEY, name text, amount numeric(12,2), at timestamptz)");
  await query(DB, "INSERT INTO items SELECT g, 'item ' || g, g * 1.25, now() FROM generate_series(1, 200000) g");
  await query(DB, "CREATE PUBLICATION bench_cdc_protocols FOR TABLE items");
  for (const slot of SLOTS) await query(DB, "SELECT pg_create_logical_replication_slot($1, 'pgoutput')", [slot]);
  // Mixed changes, 100 rows a transaction: half updates, a quarter inserts, a quarter deletes.
  await query(
    DB,
    `DO $$ BEGIN
       FOR t IN 0..${CHANGES / 100 - 1} LOOP
         IF t % 4 < 2 THEN UPDATE items SET name = name || '+', at = now() WHERE id > t * 1000 AND id <= t * 1000 + 100;
         ELSIF t % 4 = 2 THEN INSERT INTO items SELECT g, 'new', 1, now() FROM generate_series(2000000 + t * 100, 2000000 + t * 100 + 99) g;
         ELSE DELETE FROM items WHERE id > t * 1000 AND id <= t * 1000 + 100; END IF;
         COMMIT;
       END LOOP;
     END $$`,
  );
  return (await query(DB, "SELECT pg_current_wal_lsn()::text AS l")).rows[0].l;
}

const lsnValue = (lsn) => {
  const [hi, lo] = lsn.split("/");
  return (BigInt(`0x${hi}`) << 32n) | BigInt(`0x${lo}`);
};

async function viaSql() {
  const client = new pg.Client({ ...PG, database: DB });
  await client.connect();
  const parser = new PgoutputParser();
  let rows = 0;
  let changes = 0;
  const started = performance.now();
  for (;;) {
    const page = await client.query(
      "SELECT lsn::text AS lsn, data FROM pg_logical_slot_peek_binary_changes($1, NULL, $2, 'proto_version', '1', 'publication_names', 'bench_cdc_protocols')",
      [SLOTS[0], PAGE],
    );
    let end;
    for (const row of page.rows) {
      const message = parser.parse(row.data);
      rows++;
      if (message.tag === "insert" || message.tag === "update" || message.tag === "delete") changes++;
      if (message.tag === "commit") end = message.commitEndLsn;
    }
    if (end) await client.query("SELECT pg_replication_slot_advance($1, $2::pg_lsn)", [SLOTS[0], end]);
    if (page.rows.length < PAGE) break;
  }
  const seconds = (performance.now() - started) / 1000;
  await client.end();
  return { seconds, rows, changes };
}

async function viaStreaming(until) {
  const service = new LogicalReplicationService(
    { ...PG, database: DB },
    { acknowledge: { auto: false, timeoutSeconds: 0 } },
  );
  const plugin = new PgoutputPlugin({ protoVersion: 1, publicationNames: ["bench_cdc_protocols"] });
  let changes = 0;
  const started = performance.now();
  const done = new Promise((resolve, reject) => {
    service.on("data", async (lsn, message) => {
      if (message.tag === "insert" || message.tag === "update" || message.tag === "delete") changes++;
      if (message.tag === "commit" && lsnValue(message.commitEndLsn) >= lsnValue(until)) {
        await service.acknowledge(message.commitEndLsn);
        resolve();
      }
    });
    service.on("error", reject);
  });
  service.subscribe(plugin, SLOTS[1]).catch(() => {});
  await done;
  const seconds = (performance.now() - started) / 1000;
  await service.stop();
  return { seconds, changes };
}

try {
  const until = await prepare();
  // Whatever committed last: the streaming read ends at the last change's commit.
  const last = (
    await query(
      DB,
      "SELECT max(lsn)::text AS l FROM pg_logical_slot_peek_binary_changes($1, NULL, NULL, 'proto_version', '1', 'publication_names', 'bench_cdc_protocols')",
      [SLOTS[1]],
    )
  ).rows[0].l;
  const sql = await viaSql();
  const streaming = await viaStreaming(last ?? until);
  console.log(
    `${CHANGES} changes in ${CHANGES / 100} transactions. SQL interface (peek ${PAGE} rows + advance): ${sql.seconds.toFixed(3)} s ` +
      `(${sql.changes} changes, ${((sql.seconds * 1000) / sql.changes).toFixed(4)} ms each); streaming (START_REPLICATION): ` +
      `${streaming.seconds.toFixed(3)} s (${streaming.changes} changes, ${((streaming.seconds * 1000) / streaming.changes).toFixed(4)} ms each)`,
  );
} finally {
  await dropSlots();
  await query("postgres", `DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
}
process.exit();

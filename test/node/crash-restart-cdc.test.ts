/**
 * Issue #10's "done when" for PostgreSQL change capture, through the dev server as users run
 * it: a connection with update_method WAL snapshots its tables, then inserts, updates, deletes
 * and a truncate made in PostgreSQL reach the Postgres destination through the replication
 * slot with exact parity — and the dev server is killed (SIGKILL) while it applies them,
 * three times, each time with the destination holding changes the slot has not been advanced
 * past yet (the window between the destination's commit and the slot's advance). The run
 * resumes after each restart, replays from the slot's confirmed position and ends equal to the
 * source: nothing lost, nothing applied twice (deleted rows marked `_fivetran_deleted`).
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevServer, freePort, startDevServer } from "./dev-server";

const SRC = "b_cdc_crash_src";
const DST = "b_cdc_crash_dst";
const SLOT = "b_cdc_crash_slot";
const PUB = "b_cdc_crash_pub";
const ROWS = 20_000;
/** Transactions made after the snapshot: each updates 5 rows, inserts one and deletes one. */
const TXNS = 1500;
const CRASHES = 3;
/** Small slices and pages: many peeks, commits and slot advances, so kills land between them. */
const ENGINE = ["--var", "FIVETRAN_SLICE_BUDGET_MS:400", "--var", "FIVETRAN_PAGE_BYTES:16384"];

async function sql(database: string, text: string, values?: unknown[]) {
  const client = new pg.Client({ host: "127.0.0.1", port: 5432, user: "postgres", database });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

async function dropSlot() {
  await sql("postgres", "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1", [
    SLOT,
  ]);
}

let server: DevServer | undefined;
let persistDir: string;

beforeAll(async () => {
  await dropSlot();
  for (const db of [SRC, DST]) {
    await sql("postgres", `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await sql("postgres", `CREATE DATABASE ${db}`);
  }
  await sql(SRC, "CREATE TABLE items (id bigint PRIMARY KEY, payload text NOT NULL)");
  await sql(SRC, `INSERT INTO items SELECT g, md5(g::text) FROM generate_series(1, ${ROWS}) g`);
  await sql(SRC, "CREATE TABLE gone (id int PRIMARY KEY, note text)");
  await sql(SRC, "INSERT INTO gone SELECT g, 'before ' || g FROM generate_series(1, 100) g");
  persistDir = await mkdtemp(path.join(os.tmpdir(), "fivetran-cdc-crash-"));
});

afterAll(async () => {
  await server?.stop();
  await dropSlot().catch(() => {});
  if (persistDir) await rm(persistDir, { recursive: true, force: true });
});

async function api(method: string, pathname: string, body?: unknown) {
  const response = await fetch(`${server?.baseUrl}${pathname}`, {
    method,
    headers: { authorization: server?.authorization as string, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: test reads arbitrary JSON
  const json: any = await response.json();
  if (response.status >= 400) throw new Error(`${method} ${pathname}: ${response.status} ${JSON.stringify(json)}`);
  return json.data;
}

const lsn = (text: string) => {
  const [hi, lo] = text.split("/");
  return (BigInt(`0x${hi}`) << 32n) | BigInt(`0x${lo}`);
};

async function waitForRun(id: string, after: string | null, timeoutMs = 180_000) {
  const finish = Date.now() + timeoutMs;
  for (;;) {
    const details = await api("GET", `/v1/connections/${id}`);
    expect(details.failed_at).toBeNull();
    if (details.succeeded_at && details.succeeded_at !== after) return details;
    if (Date.now() > finish) throw new Error(`the run did not finish: ${JSON.stringify(details.status)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The highest transaction number whose update the destination holds (0: none). */
async function appliedTxn(): Promise<number> {
  const { rows } = await sql(
    DST,
    "SELECT coalesce(max(substring(payload FROM 2)::int), 0) AS n FROM cdc_public.items WHERE payload LIKE 't%'",
  );
  return rows[0].n;
}

describe("PostgreSQL change capture, with the dev server killed between destination commit and slot advance", () => {
  it("inserts, updates, deletes and a truncate reach the destination through the slot with exact parity", async () => {
    const port = await freePort();
    server = await startDevServer({ port, persistDir, args: ENGINE });
    const group = await api("POST", "/v1/groups", { name: "cdc_crash" });
    await api("POST", "/v1/destinations", {
      group_id: group.id,
      service: "postgres",
      time_zone_offset: "0",
      config: { host: "127.0.0.1", port: 5432, database: DST, user: "postgres" },
    });
    const connection = await api("POST", "/v1/connections", {
      group_id: group.id,
      service: "postgres",
      schedule_type: "manual",
      config: {
        host: "127.0.0.1",
        port: 5432,
        database: SRC,
        user: "postgres",
        schema_prefix: "cdc",
        update_method: "WAL",
        replication_slot: SLOT,
        publication_name: PUB,
      },
    });
    expect(connection.status.setup_state).toBe("connected");
    // The setup tests created the slot and the publication.
    expect((await sql(SRC, "SELECT 1 FROM pg_replication_slots WHERE slot_name = $1", [SLOT])).rowCount).toBe(1);

    await api("POST", `/v1/connections/${connection.id}/sync`, {});
    const first = await waitForRun(connection.id, null);
    expect((await sql(DST, "SELECT count(*)::int AS n FROM cdc_public.items")).rows[0].n).toBe(ROWS);

    // Changes, one transaction each; the commit position of each is kept to judge each kill.
    const commits: bigint[] = [0n];
    const client = new pg.Client({ host: "127.0.0.1", port: 5432, user: "postgres", database: SRC });
    await client.connect();
    try {
      for (let t = 1; t <= TXNS; t++) {
        await client.query("BEGIN");
        await client.query("UPDATE items SET payload = $1 WHERE id BETWEEN $2 AND $2 + 4", [`t${t}`, t * 10]);
        await client.query("INSERT INTO items VALUES ($1, $2)", [ROWS + t, `new ${t}`]);
        await client.query("DELETE FROM items WHERE id = $1", [t * 10 + 7]);
        if (t === TXNS / 2) {
          await client.query("TRUNCATE gone");
          await client.query("INSERT INTO gone VALUES (1, 'after the truncate')");
        }
        await client.query("COMMIT");
        commits.push(lsn((await client.query("SELECT pg_current_wal_lsn()::text AS l")).rows[0].l));
      }
    } finally {
      await client.end();
    }

    await api("POST", `/v1/connections/${connection.id}/sync`, {});
    let inWindow = 0;
    let progress = 0;
    for (let crash = 1; crash <= CRASHES; crash++) {
      // Kill once more changes arrived, well before all of them did.
      const deadline = Date.now() + 120_000;
      while (Date.now() < deadline) {
        const applied = await appliedTxn();
        if (applied > progress && applied < TXNS) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await server.crash();
      const applied = await appliedTxn();
      const { rows } = await sql(
        "postgres",
        "SELECT confirmed_flush_lsn::text AS l FROM pg_replication_slots WHERE slot_name = $1",
        [SLOT],
      );
      const confirmed = lsn(rows[0].l);
      // The destination holds transaction `applied`, which ends past the WAL position read
      // after `applied - 1` committed: when the slot is confirmed no further, it is ahead.
      if (applied > 0 && (commits[applied - 1] as bigint) >= confirmed) inWindow++;
      expect(applied).toBeLessThan(TXNS);
      progress = applied;
      server = await startDevServer({ port, persistDir, args: ENGINE });
    }
    console.log(`${inWindow} of ${CRASHES} kills left the destination ahead of the slot's confirmed position`);
    expect(inWindow).toBeGreaterThan(0);
    await waitForRun(connection.id, first.succeeded_at);

    const live = (db: string, table: string, where = "true") =>
      sql(
        db,
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(id || ':' || payload, ',' ORDER BY id), '')) AS sum FROM ${table} WHERE ${where}`,
      ).then((r) => r.rows[0]);
    expect(await live(DST, "cdc_public.items", "NOT _fivetran_deleted")).toEqual(await live(SRC, "items"));
    // Every deleted row is marked, none twice-inserted: the key is the table's primary key.
    const deleted = await sql(DST, "SELECT count(*)::int AS n FROM cdc_public.items WHERE _fivetran_deleted");
    expect(deleted.rows[0].n).toBe(TXNS);
    const gone = await sql(DST, "SELECT id, note FROM cdc_public.gone WHERE NOT _fivetran_deleted ORDER BY id");
    expect(gone.rows).toEqual([{ id: 1, note: "after the truncate" }]);
    // The slot was advanced to what the destination holds.
    const slot = await sql(
      SRC,
      "SELECT confirmed_flush_lsn::text AS l FROM pg_replication_slots WHERE slot_name = $1",
      [SLOT],
    );
    expect(lsn(slot.rows[0].l)).toBeGreaterThan(commits[TXNS - 1] as bigint);
  }, 600_000);
});

/**
 * No hangs: every connect, query, lock wait and HTTP request is bounded by the policy's
 * timeouts (FIVETRAN_CONNECT_TIMEOUT_MS, FIVETRAN_QUERY_TIMEOUT_MS, FIVETRAN_LOCK_TIMEOUT_MS,
 * FIVETRAN_HTTP_TIMEOUT_MS, set short here), and each ends in a TransientError saying what
 * timed out after how long. The silent peers (a TCP server that accepts and never answers, an
 * HTTP server that never responds, an IPv6 listener) run in test/workers/global-setup.ts.
 */
import { connect } from "cloudflare:sockets";
import pg from "pg";
import { describe, expect, inject, it, vi } from "vitest";
import { PostgresWriter } from "../../../src/engine/destinations/postgres/writer";
import { TransientError } from "../../../src/engine/errors";
import type { Stream } from "../../../src/engine/protocol";
import { egressPolicy, guardedFetch, socketHost } from "../../../src/engine/toolkit/egress";
import { probe } from "../../../src/engine/toolkit/http";
import { closeMysql, openMysql } from "../../../src/engine/toolkit/mysql";
import { closePg, openPg } from "../../../src/engine/toolkit/pg";
import { copyIn, copyOut } from "../../../src/engine/toolkit/pg-copy";
import { PG, resetDatabase, sql, TEST_EGRESS } from "../engine/harness";

const SHORT = egressPolicy({
  FIVETRAN_EGRESS_ALLOW: "loopback",
  FIVETRAN_CONNECT_TIMEOUT_MS: "300",
  FIVETRAN_QUERY_TIMEOUT_MS: "400",
  FIVETRAN_LOCK_TIMEOUT_MS: "300",
  FIVETRAN_HTTP_TIMEOUT_MS: "300",
});

async function timed<T>(work: Promise<T>): Promise<{ error: unknown; ms: number }> {
  const started = Date.now();
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, ms: Date.now() - started };
}

describe("database connects and queries", () => {
  it("a pg connect to a server that never answers ends after the connect timeout", async () => {
    const port = inject("silentTcpPort");
    const { error, ms } = await timed(openPg({ host: "127.0.0.1", port, database: "x", user: "x" }, SHORT));
    expect(error).toBeInstanceOf(TransientError);
    expect((error as Error).message).toBe(`Connecting to 127.0.0.1:${port} timed out after 300 ms`);
    expect(ms).toBeLessThan(3_000);
  });

  it("a pg query that runs too long is cancelled after the query timeout", async () => {
    const client = await openPg({ ...PG, database: "postgres" }, SHORT);
    try {
      const { error, ms } = await timed(client.query("SELECT pg_sleep(10)"));
      expect(error).toBeInstanceOf(TransientError);
      expect((error as Error).message).toMatch(
        /^A query timed out after 400 ms: canceling statement due to statement timeout/,
      );
      expect(ms).toBeLessThan(3_000);
      // The session is still usable: the server cancelled the statement, not the connection.
      expect((await client.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    } finally {
      await closePg(client);
    }
  });

  it("a mysql connect to a server that never answers, and a mysql query that runs too long, end in time", async () => {
    const port = inject("silentTcpPort");
    const connecting = await timed(openMysql({ host: "127.0.0.1", port, user: "root" }, SHORT));
    expect(connecting.error).toBeInstanceOf(TransientError);
    expect((connecting.error as Error).message).toBe(`Connecting to 127.0.0.1:${port} timed out after 300 ms`);
    expect(connecting.ms).toBeLessThan(3_000);

    const connection = await openMysql({ host: "127.0.0.1", port: 3306, user: "root" }, SHORT);
    try {
      const { error, ms } = await timed(connection.query("SELECT SLEEP(10)"));
      expect(error).toBeInstanceOf(TransientError);
      expect((error as Error).message).toBe("A query timed out after 400 ms");
      expect(ms).toBeLessThan(3_000);
    } finally {
      await closeMysql(connection);
    }
  });

  it("the socket form of an IPv6 host connects (bracketed), where the unbracketed form cannot be parsed", async () => {
    const port = inject("ipv6GreeterPort");
    expect(port, "::1 is not available on this machine").toBeGreaterThan(0);
    expect(() => connect(`::1:${port}`).readable.getReader()).toThrow(/could not be parsed/);
    const socket = connect(`${socketHost("::1")}:${port}`);
    const { value } = await socket.readable.getReader().read();
    expect(new TextDecoder().decode(value)).toBe("hello over ipv6\n");
    await socket.close().catch(() => {});
  });
});

describe("hosts stored before validation existed", () => {
  it("an unbracketed ::1 is dialled in its socket form: refused at once instead of never completing", async () => {
    // Nothing listens on [::1]:5432 here; before, `::1:5432` could not be parsed and hung the request.
    const { error, ms } = await timed(openPg({ host: "::1", port: 5432, database: "x", user: "x" }, TEST_EGRESS));
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).not.toMatch(/timed out|never complete|could not be parsed/);
    expect(ms).toBeLessThan(3_000);
  });
});

describe("the Postgres destination's lock wait", () => {
  const DB = "egress_timeouts_lock";
  const stream: Stream = {
    namespace: "public",
    name: "locked",
    columns: [
      { name: "id", type: "int", sourceType: "integer", nullable: false },
      { name: "v", type: "string", sourceType: "text", nullable: true },
    ],
    primaryKey: ["id"],
    cursorCandidates: [],
  };

  it("fails with a TransientError naming the table instead of waiting behind another session's lock", async () => {
    await resetDatabase(DB);
    const writer = await PostgresWriter.open({ ...PG, database: DB }, SHORT);
    const holder = new pg.Client({ ...PG, database: DB });
    holder.on("error", () => {});
    try {
      await writer.migrate("dest", [stream]);
      await holder.connect();
      await holder.query("BEGIN");
      await holder.query('LOCK TABLE "dest"."locked" IN ACCESS EXCLUSIVE MODE');
      const batch = { kind: "upsert" as const, stream: "public.locked", rows: [[1, "a"]], count: 1, bytes: 8 };
      const { error, ms } = await timed(writer.write({ schema: "dest", stream }, batch, new Date()));
      expect(error).toBeInstanceOf(TransientError);
      expect((error as Error).message).toMatch(
        /^Writing "dest"\."locked" waited too long for a lock another session holds: Waiting for a lock timed out after 300 ms/,
      );
      expect(ms).toBeLessThan(3_000);
      await holder.query("ROLLBACK");
      // Once the lock is gone the same writer writes.
      expect(await writer.write({ schema: "dest", stream }, batch, new Date())).toMatchObject({ rows: 1 });
      expect((await sql(DB, 'SELECT count(*)::int AS n FROM "dest"."locked"')).rows).toEqual([{ n: 1 }]);
    } finally {
      await holder.end().catch(() => {});
      await writer.close();
    }
  });
});

describe("HTTP requests", () => {
  it("a request to a server that never answers ends after the HTTP timeout", async () => {
    const port = inject("silentHttpPort");
    const guarded = guardedFetch(SHORT);
    const { error, ms } = await timed(guarded(`http://127.0.0.1:${port}/never`));
    expect(error).toBeInstanceOf(TransientError);
    expect((error as Error).message).toBe(`HTTP request to 127.0.0.1:${port} timed out after 300 ms`);
    expect(ms).toBeLessThan(3_000);
  });

  it("a setup test against it is a FAILED test in bounded time", async () => {
    const port = inject("silentHttpPort");
    const ctx = {
      fetch: guardedFetch(SHORT),
      log: { info() {}, warn() {} },
      now: () => new Date(),
      bindings: {},
      egress: SHORT,
    };
    const started = Date.now();
    const result = await probe(ctx, `http://127.0.0.1:${port}/`, undefined, { title: "Connecting", vendor: "Silent" });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(result.test).toMatchObject({
      status: "FAILED",
      message: `Could not reach Silent at 127.0.0.1:${port}: HTTP request to 127.0.0.1:${port} timed out after 300 ms`,
    });
  });

  it("the default policy keeps the documented bounds", () => {
    expect(TEST_EGRESS).toMatchObject({ connectTimeoutMs: 10_000, httpTimeoutMs: 30_000 });
  });
});

describe("COPY under pg's query_timeout", () => {
  // pg clears a query's read timer only through its `callback`. COPY runs as a submittable,
  // which had none: each page's timer, and with it the query and every frame it held, stayed
  // alive for the whole query timeout, so a 1M-row sync held the table in memory (the
  // benchmark's heap under a 64 MB cap peaked at 316 MB).
  it("clears the read timer of every COPY once it ends, out and in", async () => {
    const policy = egressPolicy({ FIVETRAN_EGRESS_ALLOW: "loopback", FIVETRAN_QUERY_TIMEOUT_MS: "59000" });
    const readTimeoutMs = 60_000; // pg's query_timeout: the policy's query timeout + 1 s
    const client = await openPg({ ...PG, database: "postgres" }, policy);
    const set = vi.spyOn(globalThis, "setTimeout");
    const cleared = vi.spyOn(globalThis, "clearTimeout");
    try {
      await client.query("CREATE TEMP TABLE copy_timer (id int)");
      set.mockClear();
      cleared.mockClear();
      const text = await copyOut(client, "COPY (SELECT g FROM generate_series(1, 1000) g) TO STDOUT", 1 << 20);
      expect(text?.ends.length).toBe(1000);
      expect(await copyIn(client, "COPY copy_timer (id) FROM STDIN", ["1", "2", "3"])).toBe(3);
      const timers = set.mock.calls.flatMap((call, i) =>
        call[1] === readTimeoutMs ? [set.mock.results[i]?.value] : [],
      );
      expect(timers).toHaveLength(2);
      const clearedIds = cleared.mock.calls.map((call) => call[0]);
      for (const timer of timers) expect(clearedIds).toContain(timer);
    } finally {
      set.mockRestore();
      cleared.mockRestore();
      await closePg(client);
    }
  });
});

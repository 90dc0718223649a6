#!/usr/bin/env node
// `npm run bench`: how fast fivetran.do moves a table, measured through the running Worker
// and side by side with the physical floor on the same machine in the same run.
//
//   baseline      psql \copy (SELECT * FROM items) to stdout | psql \copy items_copy from stdin
//   pg → pg       full sync, then an incremental sync after 1% of the rows changed
//   pg → D1       the same into the local D1 binding WAREHOUSE
//   pg → R2       a full sync into Parquet on the local R2 binding DATA_LAKE, beside DuckDB
//                 writing the same rows (the same COPY text) to Parquet (BENCH_ONLY=r2: only this)
//   transforms    pg → pg full without a transform, with a SQL and with a function transform
//                 (BENCH_ONLY=transforms: only this)
//   memory        both full syncs with V8's heap capped (BENCH_ONLY=memory: only this, the
//                 dev server's output kept in bench/results/memory-server.log)
//
// Every sync goes through the public HTTP API of `npm start` (scripts/dev.mjs → wrangler dev
// → workerd), run from a snapshot of the working tree: create group, destination and
// connection, POST …/sync, poll GET …/{id} until `succeeded_at` moves, as an orchestrator
// would. While a sync runs, three samplers watch it: the workerd process's RSS (/proc), the
// Worker isolate's V8 heap (DevTools protocol on workerd's inspector), and PostgreSQL's
// pg_stat_activity (which side has a statement running: where the time goes).
//
// Environment: BENCH_ROWS (default 1000000), BENCH_SYNC_TIMEOUT_MS (default 600000),
// BENCH_PGHOST / BENCH_PGPORT / BENCH_PGUSER (default 127.0.0.1 / 5432 / postgres, trust auth),
// BENCH_CURSOR_INDEX=0 (no index on the source's updated_at), BENCH_KEEP_STATE=1 (keep the temporary
// tree and wrangler state). Engine settings come from .dev.vars like for `npm start`.
// It is a measurement, not a test: the exit code is 0 when a target is missed, 1 on a crash.

import { spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { mkdtemp } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { apiBenchSettings, apiManifest, busyMs, startApiFake } from "./api-source.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RESULTS_DIR = path.join(ROOT, "bench", "results");

const ROWS = Number((process.env.BENCH_ROWS ?? "1000000").replaceAll("_", ""));
const SYNC_TIMEOUT_MS = Number(process.env.BENCH_SYNC_TIMEOUT_MS ?? 600_000);
const READY_TIMEOUT_MS = 180_000;
/**
 * How often the bench polls GET …/{id} while a sync runs. Each poll is a request the Worker
 * serves on the same thread that syncs (two Durable Object calls for `current_run` and
 * `last_run`): at 50 ms the polling alone took ~6% of the Worker's CPU during a sync. The time
 * of a sync does not depend on this interval (see syncOnce).
 */
const POLL_MS = 250;
const SAMPLE_MS = 100;
const PG = {
  host: process.env.BENCH_PGHOST ?? "127.0.0.1",
  port: Number(process.env.BENCH_PGPORT ?? 5432),
  user: process.env.BENCH_PGUSER ?? "postgres",
};
/** BENCH_SRC_DB / BENCH_DST_DB: other databases, so one case can run beside another bench. */
const SRC_DB = process.env.BENCH_SRC_DB ?? "bench_src";
const DST_DB = process.env.BENCH_DST_DB ?? "bench_dst";
/** The local bucket of the DATA_LAKE binding (wrangler.toml) and this run's prefix in it. */
const R2_BUCKET = "fivetran-data-lake";
const R2_PREFIX = `bench-${Date.now()}`;
/** The connection's schema_prefix; Fivetran's naming lands source schema `public` in `bench_public`. */
const SCHEMA = "bench";
const DEST_SCHEMA = `${SCHEMA}_public`;
/**
 * The cursor column `updated_at` is indexed, as an incremental cursor is in production (and as
 * Fivetran's setup guides ask). BENCH_CURSOR_INDEX=0 drops the index to measure the worst case,
 * where the signpost and every incremental page scan the whole table.
 */
const CURSOR_INDEX = process.env.BENCH_CURSOR_INDEX !== "0";
/**
 * The memory pass runs both full syncs again on a dev server whose workerd caps V8's heap at
 * this many MB (`--max-heap-size`): local workerd sets no isolate limit, so V8 otherwise lets
 * garbage pile up and the uncapped peak says little about the live memory. A sync that needed
 * more would crash the isolate. BENCH_HEAP_CAP_MB=0 skips the pass.
 */
const HEAP_CAP_MB = Number(process.env.BENCH_HEAP_CAP_MB ?? 64);
/** 1% of the rows: the ones the incremental step changes. */
const CHANGED = Math.floor(ROWS / 100);
/**
 * BENCH_ONLY=pgcdc runs only the Postgres change capture case (no baseline, pg→pg/D1 syncs or
 * memory pass): the other cases are CPU-heavy and need not run again to measure this one.
 */
const ONLY = process.env.BENCH_ONLY ?? "";
/** BENCH_PROFILE=1: a CPU profile of the Worker's isolate per sync (see CpuProfiler). */
const PROFILE = process.env.BENCH_PROFILE === "1";

/** The targets of issue 4 item 9. */
const TARGETS = {
  pgFullVsCopy: 0.5,
  d1FullVsCopy: 0.4,
  incrementalVsFull: 0.1,
  isolateLimitMb: 128,
};

if (!Number.isInteger(ROWS) || ROWS < 100) {
  console.error(`BENCH_ROWS must be an integer >= 100, got ${process.env.BENCH_ROWS}`);
  process.exit(1);
}

// ─── processes ──────────────────────────────────────────────────────────────────────────

/** libpq settings for every psql this script runs. */
const PSQL_ENV = {
  ...process.env,
  PGHOST: PG.host,
  PGPORT: String(PG.port),
  PGUSER: PG.user,
  PGAPPNAME: "bench",
  PGOPTIONS: "-c client_min_messages=warning",
};

/** Runs a command to completion; rejects with its stderr when it exits non-zero. */
function run(command, args, { env = process.env, cwd = ROOT } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk) => {
      stderr += chunk;
    });
    child.once("error", reject);
    child.once("close", (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${command} ${args.join(" ")} exited with ${code}\n${stderr}${stdout}`));
    });
  });
}

/** Runs SQL statements in `db` with psql, each as its own `-c` (so CREATE DATABASE works); returns unaligned output. */
async function psql(db, ...statements) {
  const args = ["-X", "-At", "-v", "ON_ERROR_STOP=1", "-d", db];
  for (const statement of statements) args.push("-c", statement);
  return (await run("psql", args, { env: PSQL_ENV })).trim();
}

// ─── step 1: prepare (untimed) ──────────────────────────────────────────────────────────

const EXPECTED_COLUMNS =
  "id bigint, name text, email text, amount numeric(12,2), created_at timestamp with time zone, " +
  "updated_at timestamp with time zone, active boolean, score double precision";

const TABLE_DDL = (name) => `CREATE TABLE ${name} (
  id bigint PRIMARY KEY,
  name text,
  email text,
  amount numeric(12,2),
  created_at timestamptz,
  updated_at timestamptz,
  active boolean,
  score double precision
)`;

/** The generated name of row `id`: restoring it undoes a previous run's incremental step. */
const nameOf = (id) => `'Customer ' || substr(md5(${id}::text), 1, 10)`;

/** A row-order-free signature of the source columns: a difference between two tables shows in it. */
const CHECKSUM = (table) =>
  `SELECT count(*) || ' ' || coalesce(sum(hashtext(concat_ws('|', id, name, email, amount, created_at, updated_at, active, score))::bigint), 0) FROM ${table}`;

async function databaseExists(name) {
  return (await psql("postgres", `SELECT 1 FROM pg_database WHERE datname = '${name}'`)) === "1";
}

/**
 * `bench_src.public.items` with ROWS generated rows, created only when missing or of another
 * size; otherwise the rows a previous run changed are restored, so every run starts equal.
 */
async function prepareSource() {
  const result = await prepareSourceRows();
  await psql(
    SRC_DB,
    CURSOR_INDEX
      ? "CREATE INDEX IF NOT EXISTS items_updated_at ON items (updated_at)"
      : "DROP INDEX IF EXISTS items_updated_at",
  );
  return result;
}

/** The generated rows: (re)created when the table is missing or differs, else restored. */
async function prepareSourceRows() {
  if (!(await databaseExists(SRC_DB))) await psql("postgres", `CREATE DATABASE ${SRC_DB}`);
  const columns = await psql(
    SRC_DB,
    `SELECT coalesce(string_agg(attname || ' ' || format_type(atttypid, atttypmod), ', ' ORDER BY attnum), '')
     FROM pg_attribute WHERE attrelid = to_regclass('public.items') AND attnum > 0 AND NOT attisdropped`,
  );
  const [count, max] =
    columns === EXPECTED_COLUMNS
      ? (await psql(SRC_DB, "SELECT count(*) || ' ' || coalesce(max(id), 0) FROM items")).split(" ").map(Number)
      : [-1, -1];
  if (count === ROWS && max === ROWS) {
    const restored = Number(
      await psql(
        SRC_DB,
        `WITH restored AS (
           UPDATE items SET name = ${nameOf("id")}, updated_at = created_at
           WHERE name IS DISTINCT FROM ${nameOf("id")} OR updated_at IS DISTINCT FROM created_at
           RETURNING 1)
         SELECT count(*) FROM restored`,
      ),
    );
    if (restored > 0) await psql(SRC_DB, "VACUUM (FREEZE, ANALYZE) items");
    return { created: false, restored };
  }
  await psql(
    SRC_DB,
    "DROP TABLE IF EXISTS items CASCADE",
    TABLE_DDL("items"),
    `INSERT INTO items
     SELECT g,
            ${nameOf("g")},
            'user' || g || '@example.com',
            ((g * 7919) % 10000000) / 100.0,
            timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second',
            timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second',
            g % 3 <> 0,
            ((g * 104729) % 1000003)::double precision / 1000003
     FROM generate_series(1::bigint, ${ROWS}) AS g`,
    // Frozen with hint bits set: whoever reads the table first does not pay for writing them.
    "VACUUM (FREEZE, ANALYZE) items",
  );
  return { created: true, restored: 0 };
}

/** A fresh `bench_dst` with the baseline's target table (the syncs create `bench_public.items`). */
async function prepareDestination() {
  await psql("postgres", `DROP DATABASE IF EXISTS ${DST_DB} WITH (FORCE)`, `CREATE DATABASE ${DST_DB}`);
  await psql(DST_DB, TABLE_DDL("items_copy"));
}

/** Flushes dirty buffers so one phase's writes are not written back on the next phase's clock. */
async function checkpoint() {
  await psql("postgres", "CHECKPOINT");
}

// ─── step 2: the physical baseline ──────────────────────────────────────────────────────

/** Bytes of the table in COPY text, counted once (untimed; also warms the cache like any reader). */
function copyTextBytes() {
  return new Promise((resolve, reject) => {
    const child = spawn("psql", ["-X", "-d", SRC_DB, "-c", "\\copy (SELECT * FROM items) to stdout"], {
      env: PSQL_ENV,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let bytes = 0;
    child.stdout.on("data", (chunk) => {
      bytes += chunk.length;
    });
    child.once("error", reject);
    child.once("close", (code) => (code === 0 ? resolve(bytes) : reject(new Error(`psql \\copy exited with ${code}`))));
  });
}

async function baseline() {
  const bytes = await copyTextBytes();
  const seconds = await copyPipe();
  const [source, copied] = await Promise.all([psql(SRC_DB, CHECKSUM("items")), psql(DST_DB, CHECKSUM("items_copy"))]);
  if (source !== copied) throw new Error(`baseline copy differs from the source: ${copied} vs ${source}`);
  return { rows: ROWS, bytes, seconds, samples: [seconds] };
}

/** One timed run of the pipe into an emptied `items_copy`. */
async function copyPipe() {
  await psql(DST_DB, "TRUNCATE items_copy");
  await checkpoint();
  const pipe =
    `psql -X -d ${SRC_DB} -c '\\copy (SELECT * FROM items) to stdout'` +
    ` | psql -X -v ON_ERROR_STOP=1 -d ${DST_DB} -c '\\copy items_copy from stdin'`;
  const started = performance.now();
  await run("bash", ["-o", "pipefail", "-c", pipe], { env: PSQL_ENV });
  return (performance.now() - started) / 1000;
}

/**
 * The baseline is timed again after each destination's syncs and the ratios use the median
 * of the three: the machine's speed drifts over a run (the pipe alone took 1.75–2.18 s over
 * one day here), and a baseline next to the syncs in time compares like with like.
 */
async function baselineAgain(copy) {
  copy.samples.push(await copyPipe());
  const sorted = [...copy.samples].sort((a, b) => a - b);
  copy.seconds = sorted[Math.floor(sorted.length / 2)];
}

// ─── step 3: the dev server and its memory ──────────────────────────────────────────────

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function parseDotenv(text) {
  const vars = {};
  for (const line of text.split(/\r?\n/)) {
    const match = line.trim().match(/^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/);
    if (match) vars[match[1]] = match[2].replace(/^(["'])(.*)\1$/, "$2");
  }
  return vars;
}

/** What `npm start` needs to run the Worker; node_modules is linked, not copied. */
const TREE_ENTRIES = [
  "src",
  "sdk",
  "scripts",
  "migrations",
  "wrangler.toml",
  "package.json",
  "tsconfig.json",
  ".dev.vars",
];

/**
 * A copy of the working tree as it is now. wrangler dev rebuilds and restarts workerd when a
 * file under src/ changes, which would cut a sync short (its queue message is lost with the
 * process); running from a snapshot measures one version of the code, whatever is edited
 * meanwhile. `.dev.vars` comes along, so engine settings set there apply.
 */
function snapshotTree(dir) {
  for (const entry of TREE_ENTRIES) {
    const from = path.join(ROOT, entry);
    if (existsSync(from)) cpSync(from, path.join(dir, entry), { recursive: true });
  }
  symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
}

/** `npm start` on a free port with its own state directory, in its own process group. */
class DevServer {
  output = "";

  /** `v8Flags`: V8 flags for workerd (miniflare's MINIFLARE_WORKERD_V8_FLAGS), e.g. a heap cap. */
  constructor({ v8Flags } = {}) {
    this.v8Flags = v8Flags;
  }

  async start() {
    this.port = await freePort();
    this.url = `http://127.0.0.1:${this.port}`;
    this.baseDir = await mkdtemp(path.join(os.tmpdir(), "fivetran-bench-"));
    this.tree = path.join(this.baseDir, "tree");
    this.persistDir = path.join(this.baseDir, "state");
    snapshotTree(this.tree);
    this.child = spawn(process.execPath, [path.join(this.tree, "scripts", "dev.mjs")], {
      cwd: this.tree,
      env: {
        ...process.env,
        PORT: String(this.port),
        FIVETRAN_PERSIST_DIR: this.persistDir,
        ...(this.v8Flags ? { MINIFLARE_WORKERD_V8_FLAGS: this.v8Flags } : {}),
      },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const append = (chunk) => {
      this.output += chunk;
    };
    this.child.stdout.setEncoding("utf8").on("data", append);
    this.child.stderr.setEncoding("utf8").on("data", append);
    await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => done(new Error(`dev server not ready in ${READY_TIMEOUT_MS / 1000}s`)),
        READY_TIMEOUT_MS,
      );
      const check = () => this.output.includes("fivetran.do is running at") && done();
      const exited = (code, signal) => done(new Error(`dev server exited early (code ${code}, signal ${signal})`));
      const done = (error) => {
        clearTimeout(timer);
        clearInterval(poll);
        this.child.off("exit", exited);
        if (error) reject(new Error(`${error.message}\n--- dev server output ---\n${this.output}`));
        else resolve();
      };
      const poll = setInterval(check, 100);
      this.child.once("exit", exited);
    });
    this.vars = parseDotenv(readFileSync(path.join(this.tree, ".dev.vars"), "utf8"));
    const { FIVETRAN_API_KEY: key, FIVETRAN_API_SECRET: secret } = this.vars;
    if (!key || !secret) throw new Error(".dev.vars has no FIVETRAN_API_KEY / FIVETRAN_API_SECRET");
    this.authorization = `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`;
    // wrangler dev runs two workerd processes: a proxy listening on our port that forwards
    // each request, and the runtime of the Worker itself (isolate, Durable Objects, queues,
    // local D1). The second is the one that syncs; the proxy is reported apart.
    const all = workerdPids(this.child.pid);
    const isProxy = (pid) => commandLine(pid).includes(`--socket-addr=entry=127.0.0.1:${this.port} `);
    this.proxy = all.filter(isProxy);
    this.workerd = all.length > this.proxy.length ? all.filter((pid) => !isProxy(pid)) : all;
    this.inspector = this.workerd.length === 1 ? await IsolateInspector.connect(this.workerd[0]) : null;
    // BENCH_PROFILE: local D1's own isolates (miniflare's D1 entry Worker and its Durable
    // Object, which runs SQLite), profiled beside the Worker's.
    this.d1Inspectors = [];
    if (PROFILE && this.workerd.length === 1) {
      for (const id of ["d1:db:entry", "d1:db"]) {
        const inspector = await IsolateInspector.connect(this.workerd[0], id);
        if (inspector) this.d1Inspectors.push([id, inspector]);
      }
    }
  }

  /** Engine settings set in .dev.vars (Worker vars FIVETRAN_SLICE_BUDGET_MS, …); never the secrets. */
  engineVars() {
    return Object.fromEntries(
      Object.entries(this.vars ?? {}).filter(([name]) => /^FIVETRAN_(SLICE|PAGE|RETRY|RETRIES)/.test(name)),
    );
  }

  groupAlive() {
    try {
      process.kill(-this.child.pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  /** SIGTERM to the whole group (dev.mjs, wrangler, workerd), SIGKILL after 15 s. */
  async stop() {
    this.inspector?.close();
    for (const [, inspector] of this.d1Inspectors ?? []) inspector.close();
    if (!this.child?.pid) return;
    try {
      process.kill(-this.child.pid, "SIGTERM");
    } catch {
      // already gone
    }
    const deadline = Date.now() + 15_000;
    while (this.groupAlive() && Date.now() < deadline) await sleep(100);
    if (this.groupAlive()) {
      try {
        process.kill(-this.child.pid, "SIGKILL");
      } catch {
        // gone in between
      }
      while (this.groupAlive()) await sleep(50);
    }
    if (this.baseDir && !process.env.BENCH_KEEP_STATE) rmSync(this.baseDir, { recursive: true, force: true });
  }
}

/** A process's command line, arguments separated (and ended) by spaces; "" once it is gone. */
function commandLine(pid) {
  try {
    return `${readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ")} `;
  } catch {
    return "";
  }
}

/** Descendants of `root` whose command line names workerd. */
function workerdPids(root) {
  const parent = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Field 4 (ppid) follows the command name, which is in parentheses and may hold spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parent.set(Number(entry), ppid);
    } catch {
      // exited meanwhile
    }
  }
  const descends = (pid) => {
    for (let p = pid; p > 1; p = parent.get(p) ?? 0) if (p === root) return true;
    return false;
  };
  return [...parent.keys()].filter((pid) => pid !== root && descends(pid) && commandLine(pid).includes("workerd"));
}

/** VmRSS and VmHWM of a process in bytes (0 once it is gone). */
function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"))?.[1] ?? 0);
    return { rss: kb("VmRSS") * 1024, hwm: kb("VmHWM") * 1024 };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}

/** Samples the workerd processes' RSS every SAMPLE_MS between start() and stop(). */
class MemorySampler {
  constructor(pids) {
    this.pids = pids;
  }

  rss() {
    return this.pids.reduce((sum, pid) => sum + memoryOf(pid).rss, 0);
  }

  start() {
    this.idle = this.rss();
    this.peak = this.idle;
    this.timer = setInterval(() => {
      this.peak = Math.max(this.peak, this.rss());
    }, SAMPLE_MS);
  }

  stop() {
    clearInterval(this.timer);
    this.peak = Math.max(this.peak, this.rss());
    const hwm = this.pids.reduce((sum, pid) => sum + memoryOf(pid).hwm, 0);
    return { idleRss: this.idle, peakRss: this.peak, peakDelta: this.peak - this.idle, vmHwm: hwm };
  }
}

/**
 * TCP ports a process listens on, in the order of their file descriptors (from its socket
 * inodes and /proc/net/tcp*).
 */
function listeningPorts(pid) {
  const inodes = [];
  const fds = readdirSync(`/proc/${pid}/fd`)
    .map(Number)
    .sort((a, b) => a - b);
  for (const fd of fds) {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      if (target.startsWith("socket:[")) inodes.push(target.slice(8, -1));
    } catch {
      // closed meanwhile
    }
  }
  const listening = new Map();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      // fields: sl, local_address, rem_address, st (0A = LISTEN), …, inode (10th)
      if (fields[3] === "0A") listening.set(fields[9], Number.parseInt(fields[1].split(":")[1], 16));
    }
  }
  return inodes.filter((inode) => listening.has(inode)).map((inode) => listening.get(inode));
}

/**
 * A DevTools protocol session with the Worker's isolate, through the inspector workerd opens
 * for `wrangler dev`. V8's Runtime.getHeapUsage is the isolate's own heap: what the 128 MB
 * limit is about, unlike the process RSS. Null when it cannot be reached (or Node has no
 * WebSocket, before Node 22).
 */
class IsolateInspector {
  static async connect(pid, targetId = undefined) {
    if (typeof WebSocket !== "function" || pid === undefined) return null;
    // workerd's ports are unannounced (`--inspector-addr=127.0.0.1:0`): ask each for the
    // inspector's target list, in the order they were opened. The inspector's comes before
    // the Cap'n Proto debug port's, which logs a warning when sent HTTP; stop at the first hit.
    const name = readFileSync(path.join(ROOT, "wrangler.toml"), "utf8").match(/^name\s*=\s*"([^"]+)"/m)?.[1];
    for (const port of listeningPorts(pid)) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/json/list`, { signal: AbortSignal.timeout(1_000) });
        const targets = await response.json();
        const target = Array.isArray(targets)
          ? targets.find((t) => t.id === (targetId ?? `core:user:${name}`))
          : undefined;
        if (target) return await IsolateInspector.attach(target.webSocketDebuggerUrl);
      } catch {
        // not the inspector port
      }
    }
    return null;
  }

  /**
   * Opens a session that answers. wrangler holds a session for its log relay; the first new
   * one displaces it but, on current workerd, gets no answers; the next one does.
   */
  static async attach(url) {
    for (let attempt = 0; attempt < 3; attempt++) {
      const inspector = new IsolateInspector(url);
      try {
        await inspector.opened;
        await inspector.call("Runtime.getHeapUsage", {}, 1_500);
        return inspector;
      } catch {
        inspector.close();
      }
    }
    return null;
  }

  constructor(url) {
    this.next = 0;
    this.pending = new Map();
    this.socket = new WebSocket(url);
    this.opened = new Promise((resolve, reject) => {
      this.socket.onopen = resolve;
      this.socket.onerror = reject;
    });
    this.socket.onmessage = (event) => {
      const message = JSON.parse(String(event.data));
      const settle = this.pending.get(message.id);
      if (!settle) return; // an event, not an answer
      this.pending.delete(message.id);
      if (message.error) settle.reject(new Error(message.error.message));
      else settle.resolve(message.result);
    };
  }

  call(method, params = {}, timeoutMs = 5_000) {
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer in ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve(value) {
          clearTimeout(timer);
          resolve(value);
        },
        reject(error) {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Bytes in use (JS heap, embedder heap, ArrayBuffer backing stores) and committed. */
  async heap() {
    const u = await this.call("Runtime.getHeapUsage", {}, 1_000);
    const external = (u.embedderHeapUsedSize ?? 0) + (u.backingStorageSize ?? 0);
    return { used: u.usedSize + external, committed: u.totalSize + external };
  }

  close() {
    this.socket.close();
  }
}

/**
 * BENCH_PROFILE=1: V8's sampling CPU profiler on one isolate for each sync (the Worker's, and
 * local D1's two). Writes one `.cpuprofile` per sync and isolate to `bench/results/` (open in
 * Chrome DevTools → Performance) and prints the functions with the most self time. All of them share
 * one workerd thread, so time spent in the others shows as a gap between samples.
 */
const SAMPLE_INTERVAL_US = 500;

class CpuProfiler {
  constructor(inspector) {
    this.inspector = inspector;
  }

  async start() {
    await this.inspector.call("Profiler.enable");
    await this.inspector.call("Profiler.setSamplingInterval", { interval: SAMPLE_INTERVAL_US });
    await this.inspector.call("Profiler.start");
  }

  async stop(label) {
    const { profile } = await this.inspector.call("Profiler.stop", {}, 30_000);
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `${label.replace(/[^a-zA-Z0-9]+/g, "-")}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    const self = new Map();
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const deltas = profile.timeDeltas ?? [];
    // A sample stands for the time until the next one. A gap much longer than the interval
    // means the thread was not running this isolate (another isolate such as local D1's, or
    // nothing at all): counted apart, not as the function sampled before it.
    const outside = "(not in this isolate: local D1 or other isolates, or waiting)";
    profile.samples.forEach((id, i) => {
      const frame = byId.get(id).callFrame;
      const where = frame.url ? `${path.basename(frame.url)}:${frame.lineNumber + 1}` : "";
      const key = `${frame.functionName || "(anonymous)"} ${where}`.trim();
      const delta = deltas[i + 1] ?? 0;
      const own = Math.min(delta, 4 * SAMPLE_INTERVAL_US);
      self.set(key, (self.get(key) ?? 0) + own);
      if (delta > own) self.set(outside, (self.get(outside) ?? 0) + delta - own);
    });
    const total = [...self.values()].reduce((a, b) => a + b, 0);
    const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15);
    console.log(
      `\n[bench] CPU profile of ${label} (${(total / 1e6).toFixed(2)} s sampled) → ${path.relative(ROOT, file)}`,
    );
    for (const [name, us] of top)
      console.log(`  ${(us / 1e3).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`);
  }
}

/**
 * Samples the isolate's heap between start() and stop(). workerd does not answer
 * HeapProfiler.collectGarbage, so the idle figure may include garbage not yet collected.
 */
class HeapSampler {
  constructor(inspector) {
    this.inspector = inspector;
  }

  async start() {
    if (!this.inspector) return;
    const idle = await this.inspector.heap().catch(() => undefined);
    if (!idle) return; // reported as unavailable, like an unreachable inspector
    this.started = true;
    this.idle = idle.used;
    this.peakUsed = idle.used;
    this.peakCommitted = idle.committed;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        const sample = await this.inspector.heap().catch(() => undefined);
        if (sample) {
          this.peakUsed = Math.max(this.peakUsed, sample.used);
          this.peakCommitted = Math.max(this.peakCommitted, sample.committed);
        }
        await sleep(SAMPLE_MS);
      }
    })();
  }

  async stop() {
    if (!this.started) return { idleHeap: null, peakHeapUsed: null, peakHeapCommitted: null };
    this.running = false;
    await this.loop;
    return { idleHeap: this.idle, peakHeapUsed: this.peakUsed, peakHeapCommitted: this.peakCommitted };
  }
}

/**
 * Samples pg_stat_activity for the Worker's sessions (application_name fivetran.do) on the
 * bench databases: which side had a statement running, and how many sessions were opened.
 */
class ActivitySampler {
  async start() {
    this.client = new pg.Client({ ...PG, database: "postgres", application_name: "bench-monitor" });
    this.client.on("error", () => {});
    await this.client.connect();
    this.tally = { both: 0, read: 0, write: 0, neither: 0 };
    this.readerPids = new Set();
    this.writerPids = new Set();
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        const { rows } = await this.client.query(
          `SELECT pid, datname, state FROM pg_stat_activity
           WHERE application_name = 'fivetran.do' AND backend_type = 'client backend' AND datname = ANY($1)`,
          [[SRC_DB, DST_DB]],
        );
        let reading = false;
        let writing = false;
        for (const row of rows) {
          const active = row.state === "active";
          if (row.datname === SRC_DB) {
            this.readerPids.add(row.pid);
            reading ||= active;
          } else {
            this.writerPids.add(row.pid);
            writing ||= active;
          }
        }
        this.tally[reading && writing ? "both" : reading ? "read" : writing ? "write" : "neither"]++;
        await sleep(SAMPLE_MS);
      }
    })();
  }

  async stop() {
    this.running = false;
    await this.loop?.catch(() => {});
    await this.client?.end().catch(() => {});
    const total = Object.values(this.tally).reduce((a, b) => a + b, 0) || 1;
    const share = (n) => Math.round((1000 * n) / total) / 10;
    return {
      samples: total,
      sourceActivePct: share(this.tally.read + this.tally.both),
      destinationActivePct: share(this.tally.write + this.tally.both),
      overlapPct: share(this.tally.both),
      neitherPct: share(this.tally.neither),
      sourceSessions: this.readerPids.size,
      destinationSessions: this.writerPids.size,
    };
  }
}

// ─── step 4–6: syncs through the API ────────────────────────────────────────────────────

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

class ApiError extends Error {
  constructor(method, route, status, body) {
    super(`${method} ${route} → HTTP ${status}: ${JSON.stringify(body)}`);
    this.status = status;
    this.body = body;
  }
}

async function api(server, method, route, body) {
  const response = await fetch(`${server.url}${route}`, {
    method,
    headers: { authorization: server.authorization, accept: "application/json", "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  if (!response.ok) throw new ApiError(method, route, response.status, parsed);
  return parsed;
}

/** A sync that ended in `failed_at`: what the API said about it. */
class SyncFailed extends Error {}

/** The run that just finished, from `status.last_run` and, when it exists, GET …/runs. */
async function finishedRun(server, connectionId, details) {
  const last = details.status?.last_run ?? null;
  try {
    const runs = await api(server, "GET", `/v1/connections/${connectionId}/runs`);
    const items = runs.data?.items ?? [];
    const match = items.find((r) => r.id === last?.id) ?? items[0];
    if (match) return match;
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
  }
  return last;
}

/**
 * POST …/sync and poll GET …/{id} until `succeeded_at` moves (throws SyncFailed when
 * `failed_at` moves). Returns the wall time, the run as the API reports it, memory and
 * database activity during the sync, and the progress curve from `current_run`.
 */
async function syncOnce(server, connectionId, label) {
  const before = (await api(server, "GET", `/v1/connections/${connectionId}`)).data;
  const memory = new MemorySampler(server.workerd);
  const heap = new HeapSampler(server.inspector);
  const activity = new ActivitySampler();
  const progress = [];
  let details;
  let mem;
  let db;
  let started;
  let postedAt;
  const profilers =
    PROFILE && server.inspector
      ? [
          ["Worker", new CpuProfiler(server.inspector)],
          ...server.d1Inspectors.map(([id, inspector]) => [id, new CpuProfiler(inspector)]),
        ]
      : [];
  try {
    for (const [, profiler] of profilers) await profiler.start();
    await heap.start();
    memory.start();
    await activity.start();
    started = performance.now();
    postedAt = Date.now();
    await api(server, "POST", `/v1/connections/${connectionId}/sync`, {});
    for (;;) {
      await sleep(POLL_MS);
      details = (await api(server, "GET", `/v1/connections/${connectionId}`)).data;
      const elapsed = performance.now() - started;
      if (details.succeeded_at && details.succeeded_at !== before.succeeded_at) break;
      if (details.failed_at && details.failed_at !== before.failed_at) {
        const run = await finishedRun(server, connectionId, details).catch(() => null);
        throw new SyncFailed(
          `sync failed: ${JSON.stringify({ tasks: details.status?.tasks, last_run: run ?? details.status?.last_run })}`,
        );
      }
      if (elapsed > SYNC_TIMEOUT_MS) {
        throw new Error(
          `sync did not finish in ${SYNC_TIMEOUT_MS / 1000}s; last status: ${JSON.stringify(details.status)}`,
        );
      }
      const rowsSoFar = details.status?.current_run?.rows_so_far;
      if (rowsSoFar) progress.push([elapsed, Object.values(rowsSoFar).reduce((a, b) => a + b, 0)]);
    }
  } finally {
    mem = { ...memory.stop(), ...(await heap.stop()) };
    db = await activity.stop();
    for (const [isolate, profiler] of profilers) {
      const name = `${label} (${isolate})`;
      await profiler.stop(name).catch((error) => log(`profile of ${name} lost: ${error.message}`));
    }
  }
  // From the POST to the instant the Worker recorded as `succeeded_at` (same machine, same
  // clock, millisecond precision), not to when a poll happened to see it.
  const seenSeconds = (performance.now() - started) / 1000;
  const endedAt = Date.parse(details.succeeded_at);
  const seconds = Number.isFinite(endedAt) && endedAt > postedAt ? (endedAt - postedAt) / 1000 : seenSeconds;
  const run = await finishedRun(server, connectionId, details);
  return { seconds, run, memory: mem, activity: db, progress: summarizeProgress(progress, seconds) };
}

/** When rows first showed up, how many distinct commits were seen, and the longest wait between two. */
function summarizeProgress(points, seconds) {
  const steps = [];
  let previous = 0;
  for (const [ms, rows] of points) {
    if (rows > previous) steps.push(ms);
    previous = Math.max(previous, rows);
  }
  let longestGap = 0;
  for (let i = 1; i < steps.length; i++) longestGap = Math.max(longestGap, steps[i] - steps[i - 1]);
  return {
    firstRowsAfterS: steps.length ? round(steps[0] / 1000, 2) : null,
    commitsSeen: steps.length,
    longestGapS: round(longestGap / 1000, 2),
    tailAfterLastCommitS: steps.length ? round(seconds - steps[steps.length - 1] / 1000, 2) : null,
  };
}

function round(value, digits) {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

const DESTINATIONS = {
  postgres: {
    label: "pg→pg",
    config: { host: PG.host, port: PG.port, database: DST_DB, user: PG.user },
    async verify() {
      const [source, destination] = await Promise.all([
        psql(SRC_DB, CHECKSUM("public.items")),
        psql(DST_DB, CHECKSUM(`${DEST_SCHEMA}.items`)),
      ]);
      const starred = Number(await psql(DST_DB, `SELECT count(*) FROM ${DEST_SCHEMA}.items WHERE name LIKE '%*'`));
      const [rows] = destination.split(" ").map(Number);
      return { rows, starred, matchesSource: source === destination };
    },
  },
  r2: {
    label: "pg→R2 Parquet",
    config: { bucket: "DATA_LAKE", format: "parquet", prefix: R2_PREFIX },
    verify: verifyR2,
  },
  d1: {
    label: "pg→D1",
    config: { database: "WAREHOUSE" },
    async verify(server) {
      const table = `${DEST_SCHEMA}__items`;
      const output = await run(
        path.join(server.tree, "node_modules", ".bin", "wrangler"),
        [
          "d1",
          "execute",
          "WAREHOUSE",
          "--local",
          "--persist-to",
          server.persistDir,
          "--json",
          "--command",
          `SELECT count(*) AS n, sum(name LIKE '%*') AS starred FROM "${table}"`,
        ],
        {
          cwd: server.tree,
          env: {
            ...process.env,
            // wrangler's `#!/usr/bin/env node` must find the repo's Node 22 (see scripts/dev.mjs).
            PATH: [path.join(ROOT, "node_modules", ".bin"), process.env.PATH].join(path.delimiter),
            WRANGLER_SEND_METRICS: "false",
            CLOUDFLARE_CF_FETCH_ENABLED: "false",
          },
        },
      );
      const result = JSON.parse(output.slice(output.indexOf("[")))[0]?.results?.[0] ?? {};
      return { rows: Number(result.n), starred: Number(result.starred ?? 0), matchesSource: null };
    },
  },
};

// ─── Postgres → R2 Parquet, and DuckDB writing the same rows ────────────────────────────

/** An object of the dev server's local R2 bucket (wrangler r2 object get --local), or null. */
async function r2Object(server, key, file) {
  const wrangler = path.join(server.tree, "node_modules", ".bin", "wrangler");
  const args = ["r2", "object", "get", `${R2_BUCKET}/${key}`, "--local", "--persist-to", server.persistDir];
  try {
    await run(wrangler, [...args, "--file", file], {
      cwd: server.tree,
      env: {
        ...process.env,
        PATH: [path.join(ROOT, "node_modules", ".bin"), process.env.PATH].join(path.delimiter),
        WRANGLER_SEND_METRICS: "false",
        CLOUDFLARE_CF_FETCH_ENABLED: "false",
      },
    });
  } catch {
    return null;
  }
  return existsSync(file) ? file : null;
}

/**
 * What the R2 sync wrote, read by DuckDB: the table state names the last run, whose manifest
 * lists the Parquet files; DuckDB counts them, reconstructs the current table (README) and
 * takes the source's checksum over it.
 */
async function verifyR2(server) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "bench-r2-"));
  try {
    const table = `${R2_PREFIX}/${DEST_SCHEMA}/items`;
    const stateFile = await r2Object(server, `${table}/_fivetran_table.json`, path.join(dir, "state.json"));
    if (!stateFile) throw new Error(`no ${table}/_fivetran_table.json in the local bucket`);
    const state = JSON.parse(readFileSync(stateFile, "utf8"));
    const manifestKey = `${R2_PREFIX}/${DEST_SCHEMA}/_fivetran_runs/${state.last_run}.json`;
    const manifestFile = await r2Object(server, manifestKey, path.join(dir, "manifest.json"));
    if (!manifestFile) throw new Error(`no manifest ${manifestKey}`);
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
    const files = manifest.tables.items.files;
    mkdirSync(path.join(dir, "files"));
    for (const file of files) {
      const local = path.join(dir, "files", `${String(file.part).padStart(10, "0")}.parquet`);
      if (!(await r2Object(server, `${R2_PREFIX}/${file.key}`, local))) throw new Error(`missing ${file.key}`);
    }
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const db = await DuckDBInstance.create(":memory:");
    const connection = await db.connect();
    const glob = path.join(dir, "files", "*.parquet");
    const one = async (sql) => (await connection.runAndReadAll(sql)).getRowsJson()[0];
    // The same signature as CHECKSUM over the source, computed by DuckDB from the files.
    const [rows, ids] = await one(`SELECT count(*), count(DISTINCT id) FROM read_parquet('${glob}')`);
    const [sourceSum] = (
      await psql(SRC_DB, "SELECT sum(id) || ' ' || sum(amount) || ' ' || count(*) FILTER (WHERE active) FROM items")
    ).split("\n");
    const [lakeSum] = await one(
      `SELECT sum(id)::VARCHAR || ' ' || sum(amount)::VARCHAR || ' ' || count(*) FILTER (WHERE active)::VARCHAR FROM read_parquet('${glob}')`,
    );
    connection.closeSync();
    db.closeSync();
    const parquetBytes = files.reduce((sum, f) => sum + f.bytes, 0);
    return {
      rows: Number(rows),
      distinctIds: Number(ids),
      files: files.length,
      parquetBytes,
      starred: 0,
      matchesSource: lakeSum === sourceSum,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * DuckDB writing the same rows to Parquet (Snappy) from the same COPY text the baseline pipes:
 * the text is dumped to a file first (untimed), then DuckDB reads it and writes Parquet (timed).
 */
async function duckdbParquet(bytesPerRow) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "bench-duckdb-"));
  try {
    const text = path.join(dir, "items.copy");
    await run("psql", ["-X", "-d", SRC_DB, "-c", `\\copy (SELECT * FROM items) to '${text}'`], { env: PSQL_ENV });
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const db = await DuckDBInstance.create(":memory:");
    const connection = await db.connect();
    // COPY text: tab-separated, \N for NULL, no quoting (the bench's values hold no tab or backslash).
    const columns =
      "{'id': 'BIGINT', 'name': 'VARCHAR', 'email': 'VARCHAR', 'amount': 'DECIMAL(12,2)', 'created_at': 'TIMESTAMPTZ', " +
      "'updated_at': 'TIMESTAMPTZ', 'active': 'BOOLEAN', 'score': 'DOUBLE'}";
    const started = performance.now();
    await connection.run(
      `COPY (SELECT * FROM read_csv('${text}', delim = '\t', quote = '', escape = '', header = false, nullstr = '\\N', columns = ${columns}))
       TO '${path.join(dir, "items.parquet")}' (FORMAT parquet, COMPRESSION snappy)`,
    );
    const seconds = (performance.now() - started) / 1000;
    const [rows] = (
      await connection.runAndReadAll(`SELECT count(*) FROM read_parquet('${path.join(dir, "items.parquet")}')`)
    ).getRowsJson()[0];
    connection.closeSync();
    db.closeSync();
    return measurement("DuckDB COPY text → Parquet (same rows)", Number(rows), seconds, bytesPerRow, {
      parquetBytes: readFileSync(path.join(dir, "items.parquet")).length,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Postgres → R2 Parquet (full), then DuckDB on the same rows; both rows of the report. */
async function benchR2(server, bytesPerRow) {
  const r2 = await benchDestination(server, "r2", { incremental: false });
  const duck = await duckdbParquet(bytesPerRow);
  return [fromSync("pg→R2 Parquet full", r2.full, ROWS, bytesPerRow), duck];
}

/** BENCH_ONLY=r2: Postgres → R2 Parquet and the DuckDB writer alone, written to r2.json. */
async function onlyR2(server) {
  const bytesPerRow = (await copyTextBytes()) / ROWS;
  log("starting the dev server (node scripts/dev.mjs)");
  await server.start();
  const results = await benchR2(server, bytesPerRow);
  console.log("");
  printTable(results);
  const [r2, duck] = results;
  console.log(
    `pg→R2 Parquet: ${r2.verify.files} files, ${fmtMb(r2.verify.parquetBytes)} MB; DuckDB: ${fmtMb(duck.parquetBytes)} MB; ` +
      `pg→R2 time ÷ DuckDB time ${round(r2.seconds / duck.seconds, 2)}`,
  );
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(
    path.join(RESULTS_DIR, "r2.json"),
    `${JSON.stringify({ at: new Date().toISOString(), rows: ROWS, results }, null, 2)}\n`,
  );
}

/**
 * One destination: group + destination + connection, a full sync, then an incremental sync
 * after 1% of the source rows changed. Each is verified against the source.
 */
async function benchDestination(server, service, { incremental: withIncremental = true, label } = {}) {
  const spec = DESTINATIONS[service];
  const group = (await api(server, "POST", "/v1/groups", { name: `bench_${service}_${Date.now()}` })).data;
  const destination = (
    await api(server, "POST", "/v1/destinations", {
      group_id: group.id,
      service,
      time_zone_offset: "0",
      run_setup_tests: true,
      config: spec.config,
    })
  ).data;
  if (destination.setup_status !== "connected") {
    throw new SyncFailed(`destination setup tests failed: ${JSON.stringify(destination.setup_tests)}`);
  }
  const connection = (
    await api(server, "POST", "/v1/connections", {
      group_id: group.id,
      service: "postgres",
      schedule_type: "manual",
      run_setup_tests: true,
      config: {
        host: PG.host,
        port: PG.port,
        database: SRC_DB,
        user: PG.user,
        schema_prefix: SCHEMA,
        tables: ["public.items"],
      },
    })
  ).data;
  if (connection.status?.setup_state !== "connected") {
    throw new Error(`connection setup tests failed: ${JSON.stringify(connection.setup_tests)}`);
  }

  await checkpoint();
  const fullLabel = label ?? `${spec.label} full`;
  log(`${fullLabel}: sync of ${fmtInt(ROWS)} rows`);
  const full = await syncOnce(server, connection.id, fullLabel);
  full.verify = await spec.verify(server);
  if (full.verify.rows !== ROWS || full.verify.matchesSource === false) {
    throw new Error(`${fullLabel} verification failed: ${JSON.stringify(full.verify)}`);
  }
  if (!withIncremental) return { full, groupId: group.id, connectionId: connection.id };

  // 1% of the rows change: a new name and a cursor past everything the full sync read.
  await psql(SRC_DB, `UPDATE items SET updated_at = now(), name = name || '*' WHERE id % 100 = 0`);
  await checkpoint();
  log(`${spec.label}: incremental sync after ${fmtInt(CHANGED)} rows changed`);
  const incremental = await syncOnce(server, connection.id, `${spec.label} incremental`);
  incremental.verify = await spec.verify(server);
  if (
    incremental.verify.rows !== ROWS ||
    incremental.verify.starred !== CHANGED ||
    incremental.verify.matchesSource === false
  ) {
    throw new Error(`${spec.label} incremental sync verification failed: ${JSON.stringify(incremental.verify)}`);
  }
  return { full, incremental, groupId: group.id, connectionId: connection.id };
}

// ─── Transforms in flight (BENCH_ONLY=transforms runs only this) ───────────────────────

/**
 * The same full Postgres → Postgres sync of ROWS rows three times: without a transform, with a
 * SQL transform (each batch loaded into the connection's TransformDO scratch table and selected
 * back) and with a function transform (each batch sent over RPC to the function's isolate). Both
 * transforms keep every column and add one, so the destinations hold the same rows plus it.
 * Without a transform Postgres → Postgres takes the COPY fast path; a transform needs decoded
 * rows, so its overhead includes decoding them.
 */
const TRANSFORM_CASES = [
  { label: "pg→pg full, no transform", prefix: "xf_none" },
  {
    label: "pg→pg full, SQL transform",
    prefix: "xf_sql",
    transform: { type: "sql", query: "SELECT *, upper(name) AS name_upper FROM {{ source }}" },
  },
  {
    label: "pg→pg full, function transform",
    prefix: "xf_fn",
    transform: { type: "function", fn: "(row) => ({ ...row, name_upper: row.name.toUpperCase() })" },
  },
];

async function benchTransforms(server, bytesPerRow) {
  const group = (await api(server, "POST", "/v1/groups", { name: `bench_transforms_${Date.now()}` })).data;
  await api(server, "POST", "/v1/destinations", {
    group_id: group.id,
    service: "postgres",
    time_zone_offset: "0",
    run_setup_tests: true,
    config: DESTINATIONS.postgres.config,
  });
  const results = [];
  for (const { label, prefix, transform } of TRANSFORM_CASES) {
    await psql(DST_DB, `DROP SCHEMA IF EXISTS ${prefix}_public CASCADE`);
    const connection = (
      await api(server, "POST", "/v1/connections", {
        group_id: group.id,
        service: "postgres",
        schedule_type: "manual",
        run_setup_tests: true,
        config: {
          host: PG.host,
          port: PG.port,
          database: SRC_DB,
          user: PG.user,
          schema_prefix: prefix,
          tables: ["public.items"],
        },
        ...(transform ? { transform } : {}),
      })
    ).data;
    await checkpoint();
    log(`${label}: sync of ${fmtInt(ROWS)} rows`);
    const sync = await syncOnce(server, connection.id, label);
    const rows = Number(await psql(DST_DB, `SELECT count(*) FROM ${prefix}_public.items`));
    const upper = transform
      ? Number(await psql(DST_DB, `SELECT count(*) FROM ${prefix}_public.items WHERE name_upper = upper(name)`))
      : rows;
    sync.verify = { rows, transformed: upper };
    if (rows !== ROWS || upper !== ROWS)
      throw new Error(`${label} verification failed: ${JSON.stringify(sync.verify)}`);
    results.push(fromSync(label, sync, ROWS, bytesPerRow));
  }
  const [none] = results;
  for (const result of results.slice(1)) result.overheadVsNone = round(result.seconds / none.seconds, 2);
  return results;
}

/**
 * BENCH_ONLY=memory: the memory pass alone (both full syncs, heap capped at HEAP_CAP_MB), its
 * notes printed, and the capped dev server's output written to results/memory-server.log (what
 * the runtime said when it died).
 */
async function onlyMemory() {
  const bytesPerRow = (await copyTextBytes()) / ROWS;
  const notes = [];
  const rows = await cappedPass(bytesPerRow, notes, (output) => {
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(path.join(RESULTS_DIR, "memory-server.log"), output);
  });
  console.log("");
  printTable(rows);
  for (const note of notes) console.log(`note: ${note}`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(
    path.join(RESULTS_DIR, "memory.json"),
    `${JSON.stringify({ at: new Date().toISOString(), rows: ROWS, heapCapMb: HEAP_CAP_MB, results: rows, notes }, null, 2)}\n`,
  );
}

/** BENCH_ONLY=transforms: the three syncs alone, printed and written to transforms.json. */
async function onlyTransforms(server) {
  const bytesPerRow = (await copyTextBytes()) / ROWS;
  log("starting the dev server (node scripts/dev.mjs)");
  await server.start();
  const results = await benchTransforms(server, bytesPerRow);
  console.log("");
  printTable(results);
  for (const r of results.slice(1)) {
    console.log(
      `${r.name}: ${r.overheadVsNone}× the time without a transform (${round(r.seconds - results[0].seconds, 2)} s more)`,
    );
  }
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(
    path.join(RESULTS_DIR, "transforms.json"),
    `${JSON.stringify({ at: new Date().toISOString(), rows: ROWS, results }, null, 2)}\n`,
  );
}

// ─── Postgres change capture (BENCH_ONLY=pgcdc runs only this) ─────────────────────────

const CDC_SLOT = "bench_cdc_slot";
const CDC_PUB = "bench_cdc_pub";
/** The mixed 1% change: half updates, a quarter inserts, a quarter deletes, 100 rows a transaction. */
const CDC_UPDATES = Math.floor(CHANGED / 2);
const CDC_INSERTS = Math.floor(CHANGED / 4);
const CDC_DELETES = CHANGED - CDC_UPDATES - CDC_INSERTS;
/** The row generator of prepareSourceRows, for restoring the rows the change deleted. */
const GENERATED = (
  g,
) => `SELECT ${g}, ${nameOf(g)}, 'user' || ${g} || '@example.com', ((${g} * 7919) % 10000000) / 100.0,
  timestamptz '2024-01-01 00:00:00+00' + ${g} * interval '1 second', timestamptz '2024-01-01 00:00:00+00' + ${g} * interval '1 second',
  ${g} % 3 <> 0, ((${g} * 104729) % 1000003)::double precision / 1000003`;

async function dropCdcSlot() {
  await psql(
    "postgres",
    `SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '${CDC_SLOT}'`,
  );
  await psql(SRC_DB, `DROP PUBLICATION IF EXISTS ${CDC_PUB}`);
}

/** Puts the source back as prepareSourceRows made it (the change's inserts and deletes undone). */
async function restoreCdcSource() {
  await psql(
    SRC_DB,
    `DELETE FROM items WHERE id > ${ROWS}`,
    `INSERT INTO items ${GENERATED("g")} FROM generate_series(1::bigint, ${ROWS}) g WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.id = g)`,
  );
  await prepareSource();
}

/**
 * Postgres CDC: two connections on the same table into one Postgres destination, one by
 * logical replication (update_method WAL), one query-based; each synced in full, then the same
 * 1% of mixed changes (updates, inserts, deletes in transactions of 100 rows) is synced through
 * each, timed per changed row. The query-based pass cannot see the deletes (its rows stay),
 * the slot's pass marks them `_fivetran_deleted`.
 */
async function benchPgCdc(server, bytesPerRow) {
  await dropCdcSlot();
  const group = (await api(server, "POST", "/v1/groups", { name: `bench_cdc_${Date.now()}` })).data;
  await api(server, "POST", "/v1/destinations", {
    group_id: group.id,
    service: "postgres",
    time_zone_offset: "0",
    run_setup_tests: true,
    config: DESTINATIONS.postgres.config,
  });
  const connect = async (prefix, extra) =>
    (
      await api(server, "POST", "/v1/connections", {
        group_id: group.id,
        service: "postgres",
        schedule_type: "manual",
        run_setup_tests: true,
        config: {
          host: PG.host,
          port: PG.port,
          database: SRC_DB,
          user: PG.user,
          schema_prefix: prefix,
          tables: ["public.items"],
          ...extra,
        },
      })
    ).data;
  const wal = await connect("bench_cdc", {
    update_method: "WAL",
    replication_slot: CDC_SLOT,
    publication_name: CDC_PUB,
  });
  const query = await connect("bench_qry", {});
  for (const c of [wal, query]) {
    if (c.status?.setup_state !== "connected") throw new Error(`setup tests failed: ${JSON.stringify(c.setup_tests)}`);
  }
  const results = [];
  try {
    await checkpoint();
    log("pg CDC: snapshot of the table through the slot's connection (pages in REPEATABLE READ)");
    const snapshot = await syncOnce(server, wal.id, "pg CDC snapshot");
    log("pg CDC: full sync of the query-based connection");
    await syncOnce(server, query.id, "pg query full");
    results.push(fromSync("pg→pg CDC snapshot (full)", snapshot, ROWS, bytesPerRow));

    log(
      `pg CDC: ${fmtInt(CHANGED)} changes at the source (${fmtInt(CDC_UPDATES)} updates, ${fmtInt(CDC_INSERTS)} inserts, ${fmtInt(CDC_DELETES)} deletes)`,
    );
    const step = Math.floor(ROWS / CDC_UPDATES);
    await psql(
      SRC_DB,
      `DO $$ BEGIN
         FOR t IN 0..${Math.ceil(CDC_UPDATES / 100) - 1} LOOP
           UPDATE items SET name = name || '+', updated_at = now()
             WHERE id % ${step} = 0 AND id / ${step} > t * 100 AND id / ${step} <= (t + 1) * 100;
           COMMIT;
         END LOOP;
         FOR t IN 0..${Math.ceil(CDC_INSERTS / 100) - 1} LOOP
           INSERT INTO items ${GENERATED("g")} FROM generate_series(${ROWS}::bigint + t * 100 + 1, ${ROWS}::bigint + least((t + 1) * 100, ${CDC_INSERTS})) g;
           UPDATE items SET updated_at = now() WHERE id > ${ROWS}::bigint + t * 100 AND id <= ${ROWS}::bigint + (t + 1) * 100;
           COMMIT;
         END LOOP;
         FOR t IN 0..${Math.ceil(CDC_DELETES / 100) - 1} LOOP
           DELETE FROM items WHERE id % ${step} = ${Math.floor(step / 2)} AND id / ${step} >= t * 100 AND id / ${step} < least((t + 1) * 100, ${CDC_DELETES});
           COMMIT;
         END LOOP;
       END $$`,
    );
    await checkpoint();
    log("pg CDC: sync through the slot");
    const cdc = await syncOnce(server, wal.id, "pg CDC changes");
    const live = (schema) => `(SELECT * FROM ${schema}.items WHERE NOT _fivetran_deleted) d`;
    const [source, fromSlot, deleted] = await Promise.all([
      psql(SRC_DB, CHECKSUM("public.items")),
      psql(DST_DB, CHECKSUM(live("bench_cdc_public"))),
      psql(DST_DB, "SELECT count(*) FROM bench_cdc_public.items WHERE _fivetran_deleted"),
    ]);
    cdc.verify = { matchesSource: source === fromSlot, deletedMarked: Number(deleted) };
    if (source !== fromSlot || Number(deleted) !== CDC_DELETES) {
      throw new Error(`pg CDC verification failed: ${JSON.stringify({ source, fromSlot, deleted })}`);
    }
    log("pg CDC: query-based incremental sync of the same changes");
    const incremental = await syncOnce(server, query.id, "pg query incremental");
    const [queried, changedRows] = await Promise.all([
      psql(DST_DB, "SELECT count(*) FROM bench_qry_public.items WHERE NOT _fivetran_deleted"),
      psql(DST_DB, `SELECT count(*) FROM bench_qry_public.items WHERE name LIKE '%+' OR id > ${ROWS}`),
    ]);
    // What the query sees: the updates and inserts; the deleted rows stay (a re-sync finds them).
    incremental.verify = { rows: Number(queried), changed: Number(changedRows), deletesSeen: 0 };
    if (Number(queried) !== ROWS + CDC_INSERTS || Number(changedRows) !== CDC_UPDATES + CDC_INSERTS) {
      throw new Error(`pg query incremental verification failed: ${JSON.stringify(incremental.verify)}`);
    }
    const perRow = (sync, rows) => round((sync.seconds * 1000) / rows, 4);
    results.push({
      ...fromSync("pg→pg CDC (1% mixed, slot)", cdc, CHANGED, bytesPerRow),
      msPerChangedRow: perRow(cdc, CHANGED),
    });
    results.push({
      ...fromSync("pg→pg query incremental (same 1%)", incremental, CDC_UPDATES + CDC_INSERTS, bytesPerRow),
      msPerChangedRow: perRow(incremental, CDC_UPDATES + CDC_INSERTS),
      note: `sees ${fmtInt(CDC_UPDATES + CDC_INSERTS)} of the ${fmtInt(CHANGED)} changes: not the deletes`,
    });
    log(
      `pg CDC: ${perRow(cdc, CHANGED)} ms per changed row through the slot (${cdc.seconds.toFixed(2)} s for ${fmtInt(CHANGED)}); ` +
        `query-based ${perRow(incremental, CDC_UPDATES + CDC_INSERTS)} ms per changed row (${incremental.seconds.toFixed(2)} s for the ${fmtInt(CDC_UPDATES + CDC_INSERTS)} it can see)`,
    );
    return results;
  } finally {
    await dropCdcSlot().catch(() => {});
    await restoreCdcSource();
  }
}

// ─── MySQL → Postgres ───────────────────────────────────────────────────────────────────
//
// The same table in the local MariaDB (`bench_mysql_src.items`, BENCH_ROWS rows, generated with
// the SEQUENCE engine), synced by a `mysql` connection (update_method TELEPORT: query-based) into
// the Postgres destination; the baseline in the same run is the fastest native pipe there is:
// `mariadb --batch -e 'SELECT * FROM items' | psql \copy items_mysql_copy from stdin` (MariaDB's
// batch output is tab-separated with COPY text's escapes). BENCH_MYSQL=0 skips these cases;
// BENCH_ONLY=mysql runs only them (no pg/D1 cases, no memory pass).

const MYSQL = {
  host: process.env.BENCH_MYSQL_HOST ?? "127.0.0.1",
  port: Number(process.env.BENCH_MYSQL_PORT ?? 3306),
  user: process.env.BENCH_MYSQL_USER ?? "root",
};
const MYSQL_DB = "bench_mysql_src";
const MYSQL_SCHEMA = "bench_my";
/** Fivetran's naming for a schema_prefix connection: `<prefix>_<database>`. */
const MYSQL_DEST_SCHEMA = `${MYSQL_SCHEMA}_${MYSQL_DB}`;
const MYSQL_ENABLED = process.env.BENCH_MYSQL !== "0";
const ONLY_MYSQL = process.env.BENCH_ONLY === "mysql";

const MYSQL_ARGS = ["-h", MYSQL.host, "-P", String(MYSQL.port), "-u", MYSQL.user];

/** Runs SQL on the local MariaDB; returns its batch output. */
async function mariadb(sql, database = MYSQL_DB) {
  return (
    await run("mariadb", [
      ...MYSQL_ARGS,
      "--batch",
      "--skip-column-names",
      "--init-command=SET time_zone='+00:00'",
      "-D",
      database,
      "-e",
      sql,
    ])
  ).trim();
}

const MYSQL_NAME = (id) => `CONCAT('Customer ', LEFT(MD5(${id}), 10))`;

/** `bench_mysql_src.items`: generated when missing or of another size, else restored. */
async function prepareMysqlSource() {
  await run("mariadb", [...MYSQL_ARGS, "-e", `CREATE DATABASE IF NOT EXISTS ${MYSQL_DB}`]);
  const [count, max] = (
    await mariadb(
      "SELECT COUNT(*), COALESCE(MAX(id), 0) FROM items WHERE EXISTS (SELECT 1 FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'items' AND COLUMN_NAME = 'score')",
    ).catch(() => "-1\t-1")
  )
    .split("\t")
    .map(Number);
  if (count === ROWS && max === ROWS) {
    const restored = await mariadb(
      `UPDATE items SET name = ${MYSQL_NAME("id")}, updated_at = created_at WHERE name LIKE '%*' OR updated_at <> created_at; SELECT ROW_COUNT()`,
    );
    return { created: false, restored: Number(restored) };
  }
  await mariadb(`DROP TABLE IF EXISTS items;
    CREATE TABLE items (
      id BIGINT PRIMARY KEY, name VARCHAR(64), email VARCHAR(64), amount DECIMAL(12,2),
      created_at TIMESTAMP(6) NULL, updated_at TIMESTAMP(6) NULL, active BOOLEAN, score DOUBLE, KEY (updated_at));
    INSERT INTO items SELECT seq, ${MYSQL_NAME("seq")}, CONCAT('user', seq, '@example.com'), ((seq * 7919) % 10000000) / 100,
      TIMESTAMP'2024-01-01 00:00:00' + INTERVAL seq SECOND, TIMESTAMP'2024-01-01 00:00:00' + INTERVAL seq SECOND,
      seq % 3 <> 0, ((seq * 104729) % 1000003) / 1000003 FROM seq_1_to_${ROWS};
    ANALYZE TABLE items`);
  return { created: true, restored: 0 };
}

const MYSQL_COPY_DDL = `CREATE TABLE IF NOT EXISTS items_mysql_copy (id bigint PRIMARY KEY, name text, email text,
  amount numeric(12,2), created_at timestamptz, updated_at timestamptz, active integer, score double precision)`;

/** One timed run of the native pipe into an emptied `items_mysql_copy`; returns seconds. */
async function mysqlPipe() {
  await psql(DST_DB, MYSQL_COPY_DDL, "TRUNCATE items_mysql_copy");
  await checkpoint();
  const pipe =
    `mariadb ${MYSQL_ARGS.join(" ")} --batch --skip-column-names --init-command="SET time_zone='+00:00'" -D ${MYSQL_DB} -e 'SELECT * FROM items'` +
    ` | psql -X -v ON_ERROR_STOP=1 -d ${DST_DB} -c "\\copy items_mysql_copy from stdin with (null 'NULL')"`;
  const started = performance.now();
  await run("bash", ["-o", "pipefail", "-c", pipe], { env: { ...PSQL_ENV, PGTZ: "UTC" } });
  return (performance.now() - started) / 1000;
}

/** The synced table against the source: rows, changed rows, sums of ids and amounts. */
async function verifyMysql(table) {
  const [src, dst] = await Promise.all([
    mariadb("SELECT COUNT(*), SUM(id), SUM(amount), SUM(name LIKE '%*') FROM items"),
    psql(DST_DB, `SELECT count(*), sum(id), sum(amount), count(*) FILTER (WHERE name LIKE '%*') FROM ${table}`),
  ]);
  const [rows, ids, amounts, starred] = dst.split("|");
  const source = src.split("\t");
  return {
    rows: Number(rows),
    starred: Number(starred),
    matchesSource:
      source[0] === rows && source[1] === ids && source[2] === amounts && Number(source[3]) === Number(starred),
  };
}

/** MySQL → Postgres full and incremental (1%) beside the native pipe; returns table rows and ratios. */
async function benchMysql(server) {
  log(`preparing ${MYSQL_DB}.items in MariaDB with ${fmtInt(ROWS)} rows`);
  const source = await prepareMysqlSource();
  log(source.created ? "MariaDB table generated" : `MariaDB table reused, ${source.restored} rows restored`);
  const samples = [await mysqlPipe()];
  const copied = await psql(DST_DB, "SELECT count(*) FROM items_mysql_copy");
  if (Number(copied) !== ROWS) throw new Error(`the MariaDB pipe copied ${copied} rows of ${ROWS}`);
  // Bytes per row of the pipe's text, for MB/s (counted untimed).
  const textBytes = Number(
    (
      await run("bash", [
        "-o",
        "pipefail",
        "-c",
        `mariadb ${MYSQL_ARGS.join(" ")} --batch --skip-column-names -D ${MYSQL_DB} -e 'SELECT * FROM items' | wc -c`,
      ])
    ).trim(),
  );
  const bytesPerRow = textBytes / ROWS;
  log(`MariaDB pipe: ${samples[0].toFixed(2)} s`);

  await psql(DST_DB, `DROP SCHEMA IF EXISTS ${MYSQL_DEST_SCHEMA} CASCADE`);
  const group = (await api(server, "POST", "/v1/groups", { name: `bench_mysql_${Date.now()}` })).data;
  const destination = (
    await api(server, "POST", "/v1/destinations", {
      group_id: group.id,
      service: "postgres",
      time_zone_offset: "0",
      run_setup_tests: true,
      config: DESTINATIONS.postgres.config,
    })
  ).data;
  if (destination.setup_status !== "connected") {
    throw new SyncFailed(`destination setup tests failed: ${JSON.stringify(destination.setup_tests)}`);
  }
  const connection = (
    await api(server, "POST", "/v1/connections", {
      group_id: group.id,
      service: "mysql",
      schedule_type: "manual",
      run_setup_tests: true,
      config: {
        host: MYSQL.host,
        port: MYSQL.port,
        user: MYSQL.user,
        database: MYSQL_DB,
        schema_prefix: MYSQL_SCHEMA,
        update_method: "TELEPORT",
        tables: ["items"],
      },
    })
  ).data;
  if (connection.status?.setup_state !== "connected") {
    throw new Error(`mysql connection setup tests failed: ${JSON.stringify(connection.setup_tests)}`);
  }
  const table = `${MYSQL_DEST_SCHEMA}.items`;
  await checkpoint();
  log(`mysql→pg full: sync of ${fmtInt(ROWS)} rows`);
  const full = await syncOnce(server, connection.id, "mysql→pg full");
  full.verify = await verifyMysql(table);
  if (full.verify.rows !== ROWS || !full.verify.matchesSource) {
    throw new Error(`mysql→pg full verification failed: ${JSON.stringify(full.verify)}`);
  }
  await mariadb("UPDATE items SET updated_at = NOW(6), name = CONCAT(name, '*') WHERE id % 100 = 0");
  await checkpoint();
  log(`mysql→pg: incremental sync after ${fmtInt(CHANGED)} rows changed`);
  const incremental = await syncOnce(server, connection.id, "mysql→pg incremental");
  incremental.verify = await verifyMysql(table);
  if (incremental.verify.rows !== ROWS || incremental.verify.starred !== CHANGED || !incremental.verify.matchesSource) {
    throw new Error(`mysql→pg incremental verification failed: ${JSON.stringify(incremental.verify)}`);
  }
  samples.push(await mysqlPipe());
  const pipe = [...samples].sort((a, b) => a - b)[0];
  log(`MariaDB pipe again: ${samples.map((t) => t.toFixed(2)).join(" s, ")} s`);
  const rows = [
    measurement(`MariaDB pipe (mariadb --batch | psql \\copy), best of ${samples.length}`, ROWS, pipe, bytesPerRow),
    fromSync("mysql→pg full", full, ROWS, bytesPerRow),
    fromSync("mysql→pg incremental (1%)", incremental, CHANGED, bytesPerRow),
  ];
  const ratios = [
    ratio("mysql→pg full rows/s ÷ MariaDB pipe rows/s", pipe / full.seconds, TARGETS.pgFullVsCopy, ">="),
    ratio("mysql→pg incremental time ÷ full time", incremental.seconds / full.seconds, TARGETS.incrementalVsFull, "<="),
  ];
  return { rows, ratios, pipeSamples: samples, bytesPerRow };
}

// ─── S3 CSV → D1 (BENCH_ONLY=s3 runs only this) ─────────────────────────────────────────

/** Megabytes of CSV the S3 case writes (BENCH_S3_MB; a few hundred by default). */
const S3_MB = Number(process.env.BENCH_S3_MB ?? 300);
/** Files the CSV is split into. */
const S3_FILES = Number(process.env.BENCH_S3_FILES ?? 100);
const S3_SCHEMA = "bench_files";

/** s3rver (bench/s3-server.ts under tsx) on a loopback port; stopped by `close()`. */
async function startS3Server() {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "bench/s3-server.ts"],
    {
      cwd: ROOT,
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const port = await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) resolve(JSON.parse(line).port);
    });
    child.once("exit", (code) => reject(new Error(`bench/s3-server.ts exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      child.stdin.end();
      await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", resolve)));
    },
  };
}

/** One CSV file of `rows` rows starting at id `from` (8 columns, like the Postgres items). */
function csvFile(from, rows) {
  const lines = ["id,name,email,country,amount,quantity,active,updated_at"];
  for (let i = from; i < from + rows; i++) {
    lines.push(
      `${i},Name ${i},user${i}@example.com,${["US", "DE", "FR", "JP"][i % 4]},${(i % 100_000) / 100},${i % 17},${i % 3 === 0},2024-01-01T00:00:${String(i % 60).padStart(2, "0")}Z`,
    );
  }
  return `${lines.join("\n")}\n`;
}

async function benchS3(server) {
  const { AwsClient } = await import("aws4fetch");
  const keys = { accessKeyId: "AKIAS3RVERTEST000001", secretAccessKey: "s3rver-test-secret-0123456789abcdef" };
  const aws = new AwsClient({ ...keys, service: "s3", region: "us-east-1" });
  const s3 = await startS3Server();
  try {
    const bucket = `bench-${Date.now()}`;
    const put = async (key, body) => {
      const signed = await aws.sign(`${s3.url}/${bucket}${key ? `/${key}` : ""}`, { method: "PUT", body });
      const response = await fetch(signed.url, { method: "PUT", headers: signed.headers, body });
      if (!response.ok) throw new Error(`s3rver PUT ${key}: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    };
    await put("", undefined);
    // Rows per file so that the files add up to about S3_MB (a row is ~75 bytes).
    const rowsPerFile = Math.max(1, Math.round((S3_MB * MB) / S3_FILES / 75));
    let bytes = 0;
    log(`writing ${S3_FILES} CSV files of ${fmtInt(rowsPerFile)} rows to s3rver`);
    for (let f = 0; f < S3_FILES; f++) {
      const body = new TextEncoder().encode(csvFile(f * rowsPerFile, rowsPerFile));
      bytes += body.length;
      await put(`items/part-${String(f).padStart(5, "0")}.csv`, body);
    }
    const rows = rowsPerFile * S3_FILES;
    log(`${fmtMb(bytes)} MB of CSV in ${S3_FILES} files (${fmtInt(rows)} rows)`);
    // S3 lists modification times to the second: a sync reads what was modified before its second.
    await sleep(1100);
    const group = (await api(server, "POST", "/v1/groups", { name: `bench_s3_${Date.now()}` })).data;
    const destination = (
      await api(server, "POST", "/v1/destinations", {
        group_id: group.id,
        service: "d1",
        time_zone_offset: "0",
        run_setup_tests: true,
        config: DESTINATIONS.d1.config,
      })
    ).data;
    if (destination.setup_status !== "connected") {
      throw new SyncFailed(`destination setup tests failed: ${JSON.stringify(destination.setup_tests)}`);
    }
    const connection = (
      await api(server, "POST", "/v1/connections", {
        group_id: group.id,
        service: "s3",
        schedule_type: "manual",
        run_setup_tests: true,
        config: {
          schema: S3_SCHEMA,
          table: `items_${Date.now()}`,
          bucket,
          prefix: "items/",
          region: "us-east-1",
          endpoint: s3.url,
          access_key_id: keys.accessKeyId,
          access_key_secret: keys.secretAccessKey,
        },
      })
    ).data;
    if (connection.status?.setup_state !== "connected") {
      throw new Error(`s3 connection setup tests failed: ${JSON.stringify(connection.setup_tests)}`);
    }
    await checkpoint();
    log(`s3→D1 full: sync of ${fmtInt(rows)} rows`);
    const full = await syncOnce(server, connection.id, "s3→D1 full");
    if (full.run?.rows !== rows) throw new Error(`s3→D1 wrote ${full.run?.rows} rows of ${rows}`);
    full.verify = { rows: full.run.rows, csvBytes: bytes };
    return [fromSync(`s3 CSV→D1 full (${fmtMb(bytes)} MB, ${S3_FILES} files)`, full, rows, bytes / rows)];
  } finally {
    await s3.close();
  }
}

/** BENCH_ONLY=s3: the S3 CSV → D1 case alone on one dev server. */
async function s3Only(server) {
  await server.start();
  const results = await benchS3(server);
  console.log("");
  printTable(results);
  console.log("MB/s counts the CSV files' bytes.");
  printDiagnostics(results);
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(
    path.join(RESULTS_DIR, "latest-s3.json"),
    `${JSON.stringify({ at: new Date().toISOString(), megabytes: S3_MB, files: S3_FILES, results }, null, 2)}\n`,
  );
}

// ─── HTTP API → D1 (BENCH_ONLY=api runs only this; see bench/api-source.mjs) ──────────────

async function benchApi(server) {
  const settings = apiBenchSettings();
  const fake = await startApiFake(settings);
  try {
    const group = (await api(server, "POST", "/v1/groups", { name: `bench_api_${Date.now()}` })).data;
    const destination = (
      await api(server, "POST", "/v1/destinations", {
        group_id: group.id,
        service: "d1",
        time_zone_offset: "0",
        run_setup_tests: true,
        config: DESTINATIONS.d1.config,
      })
    ).data;
    if (destination.setup_status !== "connected") {
      throw new SyncFailed(`destination setup tests failed: ${JSON.stringify(destination.setup_tests)}`);
    }
    const results = [];
    const variants = [
      { label: "sequential", parts: 1, concurrency: 1 },
      { label: "8 partitions, 4 at a time", parts: 8, concurrency: 4 },
    ];
    for (const variant of variants) {
      const connection = (
        await api(server, "POST", "/v1/connections", {
          group_id: group.id,
          service: "declarative_manifest",
          schedule_type: "manual",
          run_setup_tests: false,
          config: {
            schema: `bench_api_${variant.parts}_${Date.now()}`,
            manifest: apiManifest(fake.url, variant),
            config: {},
          },
        })
      ).data;
      await checkpoint();
      log(`api→D1 ${variant.label}: ${fmtInt(settings.records)} records, pages of 100, ${settings.latencyMs} ms each`);
      const mark = fake.intervals.length;
      const from = performance.now();
      const sync = await syncOnce(server, connection.id, `api→D1 ${variant.label}`);
      const to = from + sync.seconds * 1000;
      const requests = fake.intervals.slice(mark);
      if (sync.run?.rows !== settings.records) {
        throw new Error(`api→D1 ${variant.label} wrote ${sync.run?.rows} rows of ${settings.records}`);
      }
      const busy = busyMs(requests, from, to);
      const inRequests = requests.reduce((sum, [a, b]) => sum + (b - a), 0);
      const row = fromSync(`api→D1 ${variant.label}`, sync, settings.records, 0);
      row.requests = requests.length;
      row.networkFraction = round(busy / (to - from), 3);
      row.requestSecondsSum = round(inRequests / 1000, 2);
      results.push(row);
      log(
        `api→D1 ${variant.label}: ${fmtInt(row.rowsPerSecond)} records/s, ${requests.length} requests, ` +
          `a request in flight ${(row.networkFraction * 100).toFixed(1)}% of the wall time ` +
          `(${row.requestSecondsSum} s of request time in ${row.seconds} s)`,
      );
    }
    return { settings, results };
  } finally {
    await fake.close();
  }
}

/** BENCH_ONLY=api: the HTTP API → D1 case alone on one dev server. */
async function apiOnly(server) {
  await server.start();
  const { settings, results } = await benchApi(server);
  console.log("");
  printTable(results);
  for (const r of results) {
    console.log(
      `${r.name}: ${fmtInt(r.rowsPerSecond)} records/s; network in flight ${(r.networkFraction * 100).toFixed(1)}% of wall time; ${r.requests} requests`,
    );
  }
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(
    path.join(RESULTS_DIR, "latest-api.json"),
    `${JSON.stringify({ at: new Date().toISOString(), ...settings, results }, null, 2)}\n`,
  );
}

/** BENCH_ONLY=mysql: the MySQL cases alone on one dev server. */
async function mysqlOnly(server) {
  const loadAtStart = os.loadavg().map((l) => round(l, 2));
  await prepareDestination();
  log("starting the dev server (node scripts/dev.mjs)");
  await server.start();
  const mysql = await benchMysql(server);
  const load = { atStart: loadAtStart, atEnd: os.loadavg().map((l) => round(l, 2)) };
  console.log("");
  console.log(
    `fivetran.do benchmark, MySQL cases only: ${fmtInt(ROWS)} rows (${mysql.bytesPerRow.toFixed(1)} bytes/row of batch text), ` +
      `${os.cpus().length} CPUs, load average ${load.atStart.join(" ")} at start and ${load.atEnd.join(" ")} at end, ` +
      `${await mariadb("SELECT VERSION()")}, PostgreSQL ${await psql("postgres", "SHOW server_version")}`,
  );
  console.log("");
  printTable(mysql.rows);
  console.log("");
  printRatios(mysql.ratios);
  console.log("");
  printDiagnostics(mysql.rows);
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(
    path.join(RESULTS_DIR, "latest-mysql.json"),
    `${JSON.stringify({ at: new Date().toISOString(), rows: ROWS, load, ...mysql }, null, 2)}\n`,
  );
}

// ─── step 7: report ─────────────────────────────────────────────────────────────────────

const MB = 1024 * 1024;
const fmtInt = (n) => Math.round(n).toLocaleString("en-US");
const fmtMb = (bytes) => (bytes == null ? "—" : (bytes / MB).toFixed(1));

function log(message) {
  process.stdout.write(`[bench] ${message}\n`);
}

/** One table row: rows/s on the wall clock from POST to `succeeded_at` seen; MB/s in COPY-text bytes. */
function measurement(name, rows, seconds, bytesPerRow, extra = {}) {
  return {
    name,
    rows,
    seconds: round(seconds, 3),
    rowsPerSecond: round(rows / seconds, 0),
    mbPerSecond: round((rows * bytesPerRow) / MB / seconds, 2),
    ...extra,
  };
}

function fromSync(name, sync, rows, bytesPerRow) {
  return measurement(name, rows, sync.seconds, bytesPerRow, {
    runSeconds: sync.run?.duration_ms != null ? round(sync.run.duration_ms / 1000, 3) : null,
    runRows: sync.run?.rows ?? null,
    runBytes: sync.run?.bytes ?? null,
    retries: sync.run?.retries ?? null,
    peakRss: sync.memory.peakRss,
    idleRss: sync.memory.idleRss,
    peakDeltaRss: sync.memory.peakDelta,
    vmHwm: sync.memory.vmHwm,
    idleHeap: sync.memory.idleHeap,
    peakHeapUsed: sync.memory.peakHeapUsed,
    peakHeapCommitted: sync.memory.peakHeapCommitted,
    activity: sync.activity,
    progress: sync.progress,
    verify: sync.verify,
  });
}

function printTable(rows) {
  const header = ["", "rows", "seconds", "run s", "rows/s", "MB/s", "heap MB", "peak RSS MB", "Δ RSS MB"];
  const lines = rows.map((r) =>
    r.unavailable
      ? [r.name]
      : [
          r.name,
          fmtInt(r.rows),
          r.seconds.toFixed(2),
          r.runSeconds == null ? "—" : r.runSeconds.toFixed(2),
          fmtInt(r.rowsPerSecond),
          r.mbPerSecond.toFixed(1),
          fmtMb(r.peakHeapUsed),
          fmtMb(r.peakRss),
          fmtMb(r.peakDeltaRss),
        ],
  );
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]?.length ?? 0)));
  const format = (cells) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
  console.log(format(header));
  console.log(widths.map((w) => "─".repeat(w)).join("  "));
  for (const line of lines)
    console.log(line.length === 1 ? `${line[0].padEnd(widths[0])}  not available` : format(line));
}

function ratio(name, value, target, comparison) {
  if (value == null) return { name, value: null, target, comparison, verdict: "n/a" };
  const pass = comparison === ">=" ? value >= target : value <= target;
  return { name, value: round(value, 3), target, comparison, verdict: pass ? "PASS" : "MISS" };
}

function printRatios(ratios) {
  const width = Math.max(...ratios.map((r) => r.name.length));
  for (const r of ratios) {
    const value = r.value == null ? "n/a" : r.unit ? `${r.value.toFixed(1)} ${r.unit}` : `${r.value.toFixed(3)}×`;
    const target = `${r.comparison === ">=" ? "≥" : "≤"} ${r.target}${r.unit ? ` ${r.unit}` : "×"}`;
    console.log(`${r.name.padEnd(width)}  ${value.padStart(10)}   target ${target.padEnd(10)}  ${r.verdict}`);
  }
}

function printDiagnostics(results) {
  for (const r of results) {
    if (r.unavailable || !r.activity) continue;
    const a = r.activity;
    const p = r.progress;
    console.log(
      `${r.name}: of ${a.samples} samples, source query running in ${a.sourceActivePct}%, destination statement in ${a.destinationActivePct}% ` +
        `(both ${a.overlapPct}%, neither ${a.neitherPct}%); Worker sessions opened: ${a.sourceSessions} source, ` +
        `${a.destinationSessions} destination; first rows after ${p.firstRowsAfterS ?? "—"} s, ` +
        `${p.commitsSeen} progress steps seen, longest wait between two ${p.longestGapS} s, ` +
        `after the last ${p.tailAfterLastCommitS ?? "—"} s; retries ${r.retries ?? "—"}; ` +
        `isolate heap ${fmtMb(r.idleHeap)} MB before the POST, peak committed ${fmtMb(r.peakHeapCommitted)} MB; ` +
        `workerd RSS ${fmtMb(r.idleRss)} MB before the POST, lifetime VmHWM ${fmtMb(r.vmHwm)} MB`,
    );
  }
}

/**
 * Both full syncs on a fresh dev server with V8's heap capped at HEAP_CAP_MB. A row per sync,
 * `failed` set when the sync failed or the runtime crashed (out of memory) during it.
 */
async function cappedPass(bytesPerRow, notes, keepOutput) {
  const rows = [];
  const server = new DevServer({ v8Flags: `--max-heap-size=${HEAP_CAP_MB}` });
  try {
    await prepareSource();
    await prepareDestination();
    log(`memory pass: a dev server with the V8 heap capped at ${HEAP_CAP_MB} MB`);
    await server.start();
    for (const service of ["postgres", "d1"]) {
      const name = `${DESTINATIONS[service].label} full, heap ≤ ${HEAP_CAP_MB} MB`;
      const crashesBefore = runtimeCrashes(server.output);
      try {
        const run = await benchDestination(server, service, { incremental: false, label: name });
        const crashed = runtimeCrashes(server.output) > crashesBefore;
        if (crashed) notes.push(`${name}: the Workers runtime crashed during the sync (out of memory?)`);
        rows.push({ ...fromSync(name, run.full, ROWS, bytesPerRow), capped: true, failed: crashed });
      } catch (error) {
        // A runtime that died under the cap cuts the bench's own requests short (undici's
        // "terminated"): that is this pass's finding, reported like a sync that did not finish.
        const cut = /terminated|fetch failed|ECONNRESET|socket hang up|Network connection lost/i.test(
          `${error.message} ${error.cause ?? ""}`,
        );
        if (!(error instanceof SyncFailed) && !/sync did not finish/.test(error.message) && !cut) throw error;
        notes.push(
          `${name}: ${cut ? `the Workers runtime went away during the sync (out of memory?): ${error.message}` : error.message}`,
        );
        rows.push({ name, unavailable: true, capped: true, failed: true, reason: error.message });
      }
    }
  } finally {
    keepOutput?.(server.output);
    await server.stop();
  }
  return rows;
}

/** How many times wrangler reported that workerd crashed (and restarted it). */
function runtimeCrashes(output) {
  return (output.match(/runtime crashed unexpectedly|out of memory/gi) ?? []).length;
}

/** The targets of issue 4 item 9, each with its measured value and PASS/MISS. */
function targetChecks(results, copy) {
  const byName = Object.fromEntries(results.map((r) => [r.name, r]));
  const ok = (r) => r && !r.unavailable;
  const pgFull = byName["pg→pg full"];
  const pgIncr = byName["pg→pg incremental (1%)"];
  const d1Full = byName["pg→D1 full"];
  const d1Incr = byName["pg→D1 incremental (1%)"];
  const syncs = results.filter((r) => ok(r) && !r.capped && r.peakRss !== undefined);
  const cappedRows = results.filter((r) => r.capped);
  const maxOf = (field) => {
    const values = syncs.map((r) => r[field]).filter((v) => v != null);
    return values.length ? Math.max(...values) / MB : null;
  };
  const heap = maxOf("peakHeapUsed");
  const rssDelta = maxOf("peakDeltaRss");
  const checks = [
    // Same rows on both sides, so the rows/s ratio is the inverse ratio of the times.
    ratio("pg→pg full rows/s ÷ COPY pipe rows/s", copy.seconds / pgFull.seconds, TARGETS.pgFullVsCopy, ">="),
    ratio(
      "pg→D1 full rows/s ÷ COPY pipe rows/s",
      ok(d1Full) ? copy.seconds / d1Full.seconds : null,
      TARGETS.d1FullVsCopy,
      ">=",
    ),
    ratio("pg→pg incremental time ÷ full time", pgIncr.seconds / pgFull.seconds, TARGETS.incrementalVsFull, "<="),
    ratio(
      "pg→D1 incremental time ÷ full time",
      ok(d1Incr) ? d1Incr.seconds / d1Full.seconds : null,
      TARGETS.incrementalVsFull,
      "<=",
    ),
  ];
  // The same ratios on the runs' own durations (trigger to end, as SyncDO records them): the
  // wall-clock ones above also count the HTTP round trips and the polling interval.
  const runRatio = (name, part, whole) =>
    ok(part) && ok(whole) && part.runSeconds && whole.runSeconds
      ? { ...ratio(name, part.runSeconds / whole.runSeconds, TARGETS.incrementalVsFull, "<="), verdict: "info" }
      : null;
  for (const extra of [
    runRatio("pg→pg incremental run ÷ full run (own durations)", pgIncr, pgFull),
    runRatio("pg→D1 incremental run ÷ full run (own durations)", d1Incr, d1Full),
  ]) {
    if (extra) checks.push(extra);
  }
  // The limit is the isolate's; the process RSS only bounds it from above, so it decides
  // only when the isolate's own heap could not be read.
  const memory = { unit: "MB" };
  // What decides: the full syncs complete with V8's heap capped at half the isolate limit
  // (a sync needing more would crash the isolate), and their peak in use stays under the cap.
  if (cappedRows.length > 0) {
    const values = cappedRows.map((r) => r.peakHeapUsed).filter((v) => v != null);
    const peak = values.length ? Math.max(...values) / MB : null;
    const check = ratio(`isolate heap peak, V8 heap capped at ${HEAP_CAP_MB} MB`, peak, TARGETS.isolateLimitMb, "<=");
    const failed = cappedRows.some((r) => r.failed || r.unavailable);
    checks.push({ ...check, ...memory, verdict: failed ? "MISS (sync failed under the cap)" : check.verdict });
  }
  const uncapped = ratio("isolate heap peak, uncapped (incl. garbage)", heap, TARGETS.isolateLimitMb, "<=");
  checks.push({ ...uncapped, ...memory, verdict: cappedRows.length > 0 ? "info (upper bound)" : uncapped.verdict });
  const rss = ratio("workerd RSS peak − idle (any sync)", rssDelta, TARGETS.isolateLimitMb, "<=");
  checks.push({ ...rss, ...memory, verdict: heap == null ? rss.verdict : "info (upper bound)" });
  return checks;
}

// ─── main ───────────────────────────────────────────────────────────────────────────────

/** BENCH_ONLY=pgcdc: the Postgres change capture case alone, printed and written to pgcdc.json. */
async function onlyPgCdc(server) {
  const bytesPerRow = (await copyTextBytes()) / ROWS;
  log("starting the dev server (node scripts/dev.mjs)");
  await server.start();
  const results = await benchPgCdc(server, bytesPerRow);
  console.log("");
  printTable(results);
  for (const r of results) {
    if (r.msPerChangedRow !== undefined)
      console.log(`${r.name}: ${r.msPerChangedRow} ms per changed row${r.note ? ` (${r.note})` : ""}`);
  }
  printDiagnostics(results);
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(
    path.join(RESULTS_DIR, "pgcdc.json"),
    `${JSON.stringify({ at: new Date().toISOString(), rows: ROWS, changedRows: CHANGED, results }, null, 2)}\n`,
  );
}

async function main() {
  const server = new DevServer();
  const stopOnSignal = async (signal) => {
    log(`${signal}: stopping the dev server`);
    await server.stop();
    process.exit(130);
  };
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);

  const loadAtStart = os.loadavg().map((l) => round(l, 2));
  if (ONLY === "s3") {
    try {
      await s3Only(server);
    } catch (error) {
      console.error(`[bench] failed: ${error?.stack ?? error}`);
      if (server.output) console.error(server.output.slice(-4000));
      process.exitCode = 1;
    } finally {
      await server.stop();
    }
    return;
  }
  if (ONLY === "api") {
    try {
      await apiOnly(server);
    } catch (error) {
      console.error(`[bench] failed: ${error?.stack ?? error}`);
      if (server.output) console.error(server.output.slice(-4000));
      process.exitCode = 1;
    } finally {
      await server.stop();
    }
    return;
  }
  if (ONLY_MYSQL) {
    try {
      await mysqlOnly(server);
    } catch (error) {
      console.error(`[bench] failed: ${error?.stack ?? error}`);
      if (server.output) console.error(server.output.slice(-4000));
      process.exitCode = 1;
    } finally {
      await server.stop();
    }
    return;
  }
  try {
    log(`preparing ${SRC_DB}.public.items with ${fmtInt(ROWS)} rows and a fresh ${DST_DB}`);
    let started = performance.now();
    const source = await prepareSource();
    await prepareDestination();
    const prepareSeconds = (performance.now() - started) / 1000;
    log(
      `prepared in ${prepareSeconds.toFixed(1)} s (${source.created ? "table generated" : `table reused, ${source.restored} rows restored`})`,
    );

    if (ONLY === "pgcdc") {
      await onlyPgCdc(server);
      return;
    }
    if (ONLY === "r2") {
      await onlyR2(server);
      return;
    }
    if (ONLY === "transforms") {
      await onlyTransforms(server);
      return;
    }
    if (ONLY === "memory") {
      await onlyMemory();
      return;
    }
    log("baseline: psql \\copy to stdout | psql \\copy from stdin");
    const copy = await baseline();
    const bytesPerRow = copy.bytes / ROWS;
    log(`baseline: ${copy.seconds.toFixed(2)} s, ${fmtInt(copy.bytes)} bytes of COPY text`);

    log("starting the dev server (node scripts/dev.mjs)");
    started = performance.now();
    await server.start();
    log(
      `dev server at ${server.url} in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
        `Worker runtime (workerd) pid ${server.workerd.join(", ") || "not found"}, proxy pid ${server.proxy.join(", ") || "—"}`,
    );
    if (server.workerd.length === 0) log("warning: no workerd process found under the dev server; RSS is not reported");
    if (!server.inspector) log("warning: the Worker's inspector is unreachable; the isolate heap is not reported");

    const results = [];
    const notes = [];

    const pgRun = await benchDestination(server, "postgres");
    await baselineAgain(copy);
    results.push(fromSync("pg→pg full", pgRun.full, ROWS, bytesPerRow));
    results.push(fromSync("pg→pg incremental (1%)", pgRun.incremental, CHANGED, bytesPerRow));

    // The source goes back to its generated state so the D1 run sees the same data and change.
    await prepareSource();
    let d1Run;
    try {
      d1Run = await benchDestination(server, "d1");
      results.push(fromSync("pg→D1 full", d1Run.full, ROWS, bytesPerRow));
      results.push(fromSync("pg→D1 incremental (1%)", d1Run.incremental, CHANGED, bytesPerRow));
    } catch (error) {
      if (!(error instanceof SyncFailed)) throw error;
      const reason = error.message;
      notes.push(`pg→D1 not available: ${reason}`);
      results.push({ name: "pg→D1 full", unavailable: true, reason });
      results.push({ name: "pg→D1 incremental (1%)", unavailable: true, reason });
    }
    // Postgres → R2 Parquet, beside DuckDB writing the same rows to Parquet.
    await prepareSource();
    try {
      results.push(...(await benchR2(server, bytesPerRow)));
    } catch (error) {
      if (!(error instanceof SyncFailed)) throw error;
      notes.push(`pg→R2 not available: ${error.message}`);
      results.push({ name: "pg→R2 Parquet full", unavailable: true, reason: error.message });
    }
    let mysqlRatios = [];
    if (MYSQL_ENABLED) {
      const mysql = await benchMysql(server);
      results.push(...mysql.rows);
      mysqlRatios = mysql.ratios;
    }
    // S3 CSV → D1: a few hundred MB of CSV files on s3rver (BENCH_S3_MB=0 skips it).
    if (S3_MB > 0) results.push(...(await benchS3(server)));
    await baselineAgain(copy);
    log(`baseline again: ${copy.samples.map((t) => t.toFixed(2)).join(" s, ")} s; median ${copy.seconds.toFixed(2)} s`);
    results.unshift(
      measurement(`COPY pipe (psql | psql), median of ${copy.samples.length}`, ROWS, copy.seconds, bytesPerRow),
    );

    // Postgres change capture: through the slot against the query-based incremental.
    results.push(...(await benchPgCdc(server, bytesPerRow)));

    // The memory pass: the same full syncs with the heap capped (see HEAP_CAP_MB).
    const proxyRss = server.proxy.reduce((sum, pid) => sum + memoryOf(pid).rss, 0) || null;
    const capped = [];
    if (HEAP_CAP_MB > 0) {
      await server.stop();
      capped.push(...(await cappedPass(bytesPerRow, notes)));
      results.push(...capped);
    }

    const ratios = [...targetChecks(results, copy), ...mysqlRatios];
    const avail = (r) => r && !r.unavailable && r.peakRss != null;
    const peakRss = results.some(avail) ? Math.max(...results.filter(avail).map((r) => r.peakRss)) : null;

    const load = { atStart: loadAtStart, atEnd: os.loadavg().map((l) => round(l, 2)) };
    console.log("");
    console.log(
      `fivetran.do benchmark: ${fmtInt(ROWS)} rows (${bytesPerRow.toFixed(1)} bytes/row of COPY text), ` +
        `${os.cpus().length} CPUs, load average ${load.atStart.join(" ")} at start and ${load.atEnd.join(" ")} at end ` +
        `(other work on the machine skews results), PostgreSQL ${await psql("postgres", "SHOW server_version")}, ` +
        `Node ${process.version} (bench); source cursor column updated_at ${CURSOR_INDEX ? "indexed" : "not indexed"}`,
    );
    console.log("");
    printTable(results);
    console.log("");
    printRatios(ratios);
    console.log("");
    console.log(
      "heap MB = peak of the Worker isolate's V8 heap in use (JS + embedder + ArrayBuffers; Runtime.getHeapUsage over " +
        "the inspector, sampled every 100 ms, garbage not yet collected included). peak RSS MB = the whole workerd " +
        "process running the Worker (runtime, Durable Objects, queues, local D1's SQLite, the isolate; not wrangler's " +
        "proxy workerd): an upper bound for the isolate. Δ RSS = peak − RSS just before the POST.",
    );
    console.log(
      `seconds = wall clock from POST …/sync to the run's succeeded_at (the Worker's clock, polled every ${POLL_MS} ms); run s = the run's own start→end; ` +
        "MB/s = COPY-text bytes of the rows moved.",
    );
    const engineVars = server.engineVars();
    console.log(
      `Engine settings: ${Object.keys(engineVars).length ? JSON.stringify(engineVars) : "defaults (no FIVETRAN_SLICE_*/PAGE_*/RETRY* in .dev.vars)"}`,
    );
    console.log("");
    printDiagnostics(results);
    for (const note of notes) console.log(note);

    mkdirSync(RESULTS_DIR, { recursive: true });
    const report = {
      at: new Date().toISOString(),
      rows: ROWS,
      changedRows: CHANGED,
      cursorIndex: CURSOR_INDEX,
      copyTextBytes: copy.bytes,
      copyPipeSeconds: copy.samples,
      machine: { cpus: os.cpus().length, memoryMb: Math.round(os.totalmem() / MB), node: process.version, load },
      engineVars,
      prepareSeconds: round(prepareSeconds, 2),
      results,
      ratios,
      peakWorkerdRss: peakRss,
      proxyWorkerdRss: proxyRss,
      heapCapMb: HEAP_CAP_MB || null,
      notes,
    };
    writeFileSync(path.join(RESULTS_DIR, "latest.json"), `${JSON.stringify(report, null, 2)}\n`);
    log(`results written to ${path.relative(ROOT, path.join(RESULTS_DIR, "latest.json"))}`);
  } catch (error) {
    console.error(`[bench] failed: ${error?.stack ?? error}`);
    if (server.output) {
      console.error("--- dev server output (last 4000 chars) ---");
      console.error(server.output.slice(-4000));
    }
    process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

await main();
// Everything this script started is stopped by now; nothing left may keep it alive.
process.exit();

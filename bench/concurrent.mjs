#!/usr/bin/env node
// Five syncs started together: `node bench/concurrent.mjs` (see bench/README.md, "Concurrent
// syncs"). Five pg→pg connections, each in its own group and copying its own source table,
// are triggered at the same instant; the script reports the wall time until the last one
// succeeded, each run's active interval (first rows seen → succeeded_at) and whether those
// intervals overlap, then checks every destination table against its source.
//
// Environment: BENCH_CONCURRENT_ROWS (rows per table, default 1000000), BENCH_CONCURRENT_N
// (connections, default 5), BENCH_TREE (the tree to run, default this checkout: point it at
// an export of an older commit to measure "before"), BENCH_PGHOST/PORT/USER.

import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TREE = path.resolve(process.env.BENCH_TREE ?? ROOT);
const ROWS = Number((process.env.BENCH_CONCURRENT_ROWS ?? "1000000").replaceAll("_", ""));
const N = Number(process.env.BENCH_CONCURRENT_N ?? 5);
const PG = {
  host: process.env.BENCH_PGHOST ?? "127.0.0.1",
  port: Number(process.env.BENCH_PGPORT ?? 5432),
  user: process.env.BENCH_PGUSER ?? "postgres",
};
const SRC_DB = "bench_conc_src";
const DST_DB = "bench_conc_dst";
const POLL_MS = 100;
const TIMEOUT_MS = 600_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message) => process.stdout.write(`[concurrent] ${message}\n`);

function psql(db, sql) {
  const result = spawnSync(
    "psql",
    ["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", PG.host, "-p", String(PG.port), "-U", PG.user, "-d", db],
    { input: sql, encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`psql ${db}: ${result.stderr}`);
  return result.stdout.trim();
}

function prepare() {
  for (const db of [SRC_DB, DST_DB]) {
    psql("postgres", `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    psql("postgres", `CREATE DATABASE ${db}`);
  }
  for (let i = 1; i <= N; i++) {
    psql(
      SRC_DB,
      `CREATE TABLE items_${i} (id bigint PRIMARY KEY, name text NOT NULL, amount numeric(12,2) NOT NULL,
         updated_at timestamptz NOT NULL DEFAULT now());
       INSERT INTO items_${i} (id, name, amount)
         SELECT g, 'item ' || md5(g::text), (g % 10000) / 100.0 FROM generate_series(1, ${ROWS}) g;`,
    );
  }
}

const checksum = (table) =>
  `SELECT count(*) || ' ' || md5(string_agg(id || ':' || name || ':' || amount, ',' ORDER BY id)) FROM ${table}`;

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

/** The dev server from a copy of the tree (wrangler restarts workerd when src/ changes; see run.mjs). */
async function startServer() {
  const base = mkdtempSync(path.join(os.tmpdir(), "fivetran-bench-conc-"));
  const tree = path.join(base, "tree");
  for (const entry of ["src", "scripts", "migrations", "wrangler.toml", "package.json", "tsconfig.json", ".dev.vars"]) {
    const from = path.join(TREE, entry);
    if (existsSync(from)) cpSync(from, path.join(tree, entry), { recursive: true });
  }
  symlinkSync(path.join(ROOT, "node_modules"), path.join(tree, "node_modules"), "dir");
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(tree, "scripts", "dev.mjs")], {
    cwd: tree,
    env: { ...process.env, PORT: String(port), FIVETRAN_PERSIST_DIR: path.join(base, "state") },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk) => {
    output += chunk;
  });
  const deadline = Date.now() + 180_000;
  while (!output.includes("fivetran.do is running at")) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`dev server did not start:\n${output}`);
    await sleep(100);
  }
  const vars = parseDotenv(readFileSync(path.join(tree, ".dev.vars"), "utf8"));
  const authorization = `Basic ${Buffer.from(`${vars.FIVETRAN_API_KEY}:${vars.FIVETRAN_API_SECRET}`).toString("base64")}`;
  return {
    url: `http://127.0.0.1:${port}`,
    authorization,
    async stop() {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        return;
      }
      const until = Date.now() + 15_000;
      while (child.exitCode === null && Date.now() < until) await sleep(100);
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // gone
      }
      rmSync(base, { recursive: true, force: true });
    },
  };
}

async function api(server, method, route, body) {
  const response = await fetch(`${server.url}${route}`, {
    method,
    headers: { authorization: server.authorization, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${route} → ${response.status}: ${JSON.stringify(json)}`);
  return json.data;
}

async function main() {
  log(`preparing ${N} source tables of ${ROWS} rows in ${SRC_DB}; tree ${TREE}`);
  prepare();
  const server = await startServer();
  try {
    const connections = [];
    for (let i = 1; i <= N; i++) {
      const group = await api(server, "POST", "/v1/groups", { name: `conc_${i}` });
      await api(server, "POST", "/v1/destinations", {
        group_id: group.id,
        service: "postgres",
        time_zone_offset: "0",
        config: { ...PG, database: DST_DB },
      });
      const connection = await api(server, "POST", "/v1/connections", {
        group_id: group.id,
        service: "postgres",
        schedule_type: "manual",
        config: { ...PG, database: SRC_DB, schema_prefix: `conc${i}`, tables: [`public.items_${i}`] },
      });
      connections.push({ i, id: connection.id, firstRowsAt: null, endedAt: null });
    }
    const t0 = Date.now();
    await Promise.all(connections.map((c) => api(server, "POST", `/v1/connections/${c.id}/sync`, {})));
    while (connections.some((c) => c.endedAt === null)) {
      if (Date.now() - t0 > TIMEOUT_MS) throw new Error("syncs did not finish in time");
      await Promise.all(
        connections
          .filter((c) => c.endedAt === null)
          .map(async (c) => {
            const details = await api(server, "GET", `/v1/connections/${c.id}`);
            if (details.failed_at) throw new Error(`sync ${c.i} failed: ${JSON.stringify(details.status)}`);
            const rows = Object.values(details.status?.current_run?.rows_so_far ?? {}).reduce((a, b) => a + b, 0);
            if (rows > 0 && c.firstRowsAt === null) c.firstRowsAt = Date.now();
            if (details.succeeded_at) {
              c.endedAt = new Date(details.succeeded_at).getTime();
              c.firstRowsAt ??= c.endedAt;
            }
          }),
      );
      await sleep(POLL_MS);
    }
    const wall = (Math.max(...connections.map((c) => c.endedAt)) - t0) / 1000;
    const overlap = Math.max(...connections.map((c) => c.firstRowsAt)) < Math.min(...connections.map((c) => c.endedAt));
    const busy = connections.reduce((sum, c) => sum + (c.endedAt - c.firstRowsAt), 0) / 1000;
    for (const c of connections) {
      const equal = psql(DST_DB, checksum(`conc${c.i}_public.items_${c.i}`)) === psql(SRC_DB, checksum(`items_${c.i}`));
      log(
        `sync ${c.i}: rows from ${((c.firstRowsAt - t0) / 1000).toFixed(1)} s to ${((c.endedAt - t0) / 1000).toFixed(1)} s; destination ${equal ? "equals" : "DIFFERS FROM"} the source`,
      );
      if (!equal) process.exitCode = 1;
    }
    log(
      `${N} × ${ROWS} rows: last sync done after ${wall.toFixed(1)} s (${Math.round((N * ROWS) / wall)} rows/s in all); ` +
        `active intervals ${overlap ? "overlap" : "do NOT overlap"}; sum of active intervals ${busy.toFixed(1)} s`,
    );
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});

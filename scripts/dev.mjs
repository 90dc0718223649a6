#!/usr/bin/env node
// `npm start`: the whole service on this machine, with nothing to configure.
//
//  1. Creates `.dev.vars` with random credentials when it is missing (or appends the keys
//     it lacks; existing values are never changed).
//  2. Applies the D1 migrations to the local state (`wrangler d1 migrations apply --local`).
//  3. Starts `wrangler dev` on 127.0.0.1:8787: every binding (D1, R2, Durable Objects,
//     Queues) runs embedded in workerd, state persists under `.wrangler/state`. Wrangler first
//     builds the static assets (wrangler.toml [build]: scripts/build-assets.mjs).
//  4. Once the server answers, prints the URL, the API key and a curl to paste. Secrets are
//     printed only by the start that generates them; later starts say where they are.
//
// Environment: PORT (default 8787), FIVETRAN_PERSIST_DIR (local state directory, passed
// as --persist-to to both wrangler steps; default .wrangler/state).
// No network, no prompts, no telemetry. SIGINT/SIGTERM are forwarded to wrangler and this
// process exits with wrangler's exit code.

import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bannerLines, ensureDevVars } from "./dev-vars.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const HOST = "127.0.0.1";
const DEV_VARS = path.join(ROOT, ".dev.vars");
const READY_TIMEOUT_MS = Number(process.env.FIVETRAN_READY_TIMEOUT_MS ?? 180_000);
const WRANGLER_MIN_NODE = [22, 12];

function log(message) {
  process.stdout.write(`[dev] ${message}\n`);
}

function fail(message, code = 1) {
  process.stderr.write(`[dev] error: ${message}\n`);
  process.exit(code);
}

/** A Node able to run wrangler (>= 22.12): this one, or the repo's `node` devDependency. */
function nodeForWrangler() {
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major > WRANGLER_MIN_NODE[0] || (major === WRANGLER_MIN_NODE[0] && minor >= WRANGLER_MIN_NODE[1])) {
    return process.execPath;
  }
  const local = path.join(ROOT, "node_modules", ".bin", "node");
  if (existsSync(local)) return local;
  fail(`wrangler needs Node >= ${WRANGLER_MIN_NODE.join(".")} (this is ${process.version}); run \`npm start\`.`);
}

function binPath(name) {
  const bin = path.join(ROOT, "node_modules", ".bin", name);
  if (!existsSync(bin)) fail(`${path.relative(ROOT, bin)} is missing: run \`npm install\` (or \`npm ci\`) first.`);
  return bin;
}

/** Resolves when `port` can be bound on HOST, rejects with a clear message otherwise. */
function assertPortFree(port) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (error) =>
      reject(
        new Error(
          error.code === "EADDRINUSE"
            ? `port ${port} on ${HOST} is already in use (another \`npm start\`?). Set PORT to use another one.`
            : `cannot listen on ${HOST}:${port}: ${error.message}`,
        ),
      ),
    );
    server.listen(port, HOST, () => server.close(() => resolve()));
  });
}

const node = nodeForWrangler();
const wrangler = binPath("wrangler");

const childEnv = {
  ...process.env,
  // Children (and wrangler's `#!/usr/bin/env node`) resolve the same Node and local bins.
  PATH: [path.join(ROOT, "node_modules", ".bin"), path.dirname(node), process.env.PATH ?? ""].join(path.delimiter),
  // Never send telemetry, whatever the machine's wrangler config says.
  WRANGLER_SEND_METRICS: "false",
  // Offline: no fetch of https://workers.cloudflare.com/cf.json (request.cf uses a fixed stub).
  CLOUDFLARE_CF_FETCH_ENABLED: process.env.CLOUDFLARE_CF_FETCH_ENABLED ?? "false",
  // Wrangler's banner does an npm registry update check; we print our own banner instead.
  WRANGLER_HIDE_BANNER: process.env.WRANGLER_HIDE_BANNER ?? "true",
};

let child;
let stopping = false;

/** Runs wrangler with `args`, stdin closed (never a TTY: wrangler cannot prompt). */
function runWrangler(args, env = childEnv) {
  child = spawn(node, [wrangler, ...args], { cwd: ROOT, env, stdio: ["ignore", "inherit", "inherit"] });
  return new Promise((resolve) => {
    child.once("error", (error) => fail(`cannot start wrangler: ${error.message}`));
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
}

function exitCodeOf({ code, signal }) {
  if (code !== null && code !== undefined) return code;
  const number = signal ? os.constants.signals[signal] : undefined;
  return number ? 128 + number : 1;
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    if (!child || child.exitCode !== null || child.signalCode !== null) process.exit(exitCodeOf({ signal }));
    stopping = true;
    // wrangler's launcher forwards SIGINT/SIGTERM to its CLI (which stops workerd); it has
    // no SIGHUP handler, so a hang-up is passed on as SIGTERM.
    child.kill(signal === "SIGHUP" ? "SIGTERM" : signal);
  });
}

async function waitUntilReady(url, server) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exited = false;
  server.then(() => {
    exited = true;
  });
  while (Date.now() < deadline && !exited && !stopping) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return false;
}

async function main() {
  const started = Date.now();
  const port = Number(process.env.PORT || 8787);
  if (!Number.isInteger(port) || port <= 0 || port > 65_535)
    fail(`PORT must be a TCP port number, got ${process.env.PORT}`);
  const persistDir = process.env.FIVETRAN_PERSIST_DIR ? path.resolve(process.env.FIVETRAN_PERSIST_DIR) : undefined;
  const persistArgs = persistDir ? ["--persist-to", persistDir] : [];
  const url = `http://${HOST}:${port}`;

  const { vars, created, existed } = ensureDevVars(DEV_VARS);
  if (created.length > 0) {
    log(existed ? `added ${created.join(", ")} to .dev.vars` : "created .dev.vars with random dev credentials");
  }
  try {
    await assertPortFree(port);
  } catch (error) {
    fail(error.message);
  }

  log(`applying D1 migrations to the local catalog${persistDir ? ` in ${persistDir}` : ""}`);
  // CI=true: wrangler's "About to apply N migration(s) ... continue?" takes its default (yes).
  const migrated = await runWrangler(["d1", "migrations", "apply", "DB", "--local", ...persistArgs], {
    ...childEnv,
    CI: "true",
  });
  if (stopping) process.exit(exitCodeOf(migrated));
  if (migrated.code !== 0) fail("`wrangler d1 migrations apply DB --local` failed", exitCodeOf(migrated));

  // Local development reaches local databases: loopback is allowed unless .dev.vars or a
  // `--var FIVETRAN_EGRESS_ALLOW:…` says otherwise (production leaves it unset: README "Egress").
  const extra = process.argv.slice(2);
  const egressSet = "FIVETRAN_EGRESS_ALLOW" in vars || extra.some((arg) => arg.startsWith("FIVETRAN_EGRESS_ALLOW:"));
  const egressArgs = egressSet ? [] : ["--var", "FIVETRAN_EGRESS_ALLOW:loopback"];
  // Webhooks to a receiver on this machine, likewise (README "Webhooks").
  const webhookSet = "FIVETRAN_WEBHOOK_ALLOW" in vars || extra.some((arg) => arg.startsWith("FIVETRAN_WEBHOOK_ALLOW:"));
  if (!webhookSet) egressArgs.push("--var", "FIVETRAN_WEBHOOK_ALLOW:loopback");

  log(`starting wrangler dev on ${url}`);
  const server = runWrangler([
    "dev",
    "--ip",
    HOST,
    "--port",
    String(port),
    "--local",
    "--show-interactive-dev-session=false",
    ...persistArgs,
    ...egressArgs,
    // Anything after `npm start --` goes to wrangler dev, e.g. `--var FIVETRAN_PAGE_BYTES:1048576`.
    ...extra,
  ]);

  if (await waitUntilReady(`${url}/`, server)) {
    const banner = bannerLines({
      url,
      vars,
      created,
      devVarsPath: DEV_VARS,
      persistDir: persistDir ?? path.join(ROOT, ".wrangler", "state"),
      elapsedMs: Date.now() - started,
    });
    process.stdout.write(`${banner.join("\n")}\n`);
  } else if (!stopping && child.exitCode === null && child.signalCode === null) {
    process.stderr.write(`[dev] error: ${url} did not answer within ${READY_TIMEOUT_MS / 1000}s; stopping wrangler\n`);
    stopping = true;
    child.kill("SIGTERM");
    await server;
    process.exit(1);
  }

  const result = await server;
  process.exit(exitCodeOf(result));
}

main().catch((error) => fail(error?.stack ?? String(error)));

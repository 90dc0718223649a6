/**
 * Runs the real dev server (scripts/dev.mjs → wrangler dev → workerd) as users do, in its own
 * process group, on a free port and a state directory of the caller's choosing.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
const READY_TIMEOUT_MS = 100_000;

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** The variables of a dotenv file (KEY=value, optionally quoted). */
export function parseDotenv(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = line.trim().match(/^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/);
    if (match?.[1]) vars[match[1]] = (match[2] ?? "").replace(/^(["'])(.*)\1$/, "$2");
  }
  return vars;
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface DevServer {
  child: ChildProcess;
  baseUrl: string;
  /** `Basic …` header for the dev key from .dev.vars. */
  authorization: string;
  /** Everything the server printed so far. */
  output(): string;
  /** SIGTERM to the whole group, then SIGKILL. */
  stop(): Promise<void>;
  /** SIGKILL to the whole group at once: a crash. */
  crash(): Promise<void>;
}

/** Starts `node scripts/dev.mjs [...args]` and resolves once its banner is printed. */
export async function startDevServer(options: {
  port: number;
  persistDir: string;
  args?: string[];
}): Promise<DevServer> {
  const child = spawn(process.execPath, [path.join(ROOT, "scripts", "dev.mjs"), ...(options.args ?? [])], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(options.port), FIVETRAN_PERSIST_DIR: options.persistDir },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`dev server not ready in ${READY_TIMEOUT_MS}ms`)), READY_TIMEOUT_MS);
    const check = () => {
      if (output.includes("fivetran.do is running at")) done();
    };
    const exited = (code: number | null, signal: string | null) =>
      done(new Error(`dev server exited early (code ${code}, signal ${signal})`));
    function done(error?: Error) {
      clearTimeout(timer);
      child.stdout?.off("data", check);
      child.off("exit", exited);
      if (error) reject(new Error(`${error.message}\n--- output ---\n${output}`));
      else resolve();
    }
    child.stdout?.on("data", check);
    child.once("exit", exited);
    check();
  });
  const vars = parseDotenv(await readFile(path.join(ROOT, ".dev.vars"), "utf8"));
  if (!vars.FIVETRAN_API_KEY || !vars.FIVETRAN_API_SECRET)
    throw new Error(".dev.vars has no FIVETRAN_API_KEY / FIVETRAN_API_SECRET");
  const authorization = `Basic ${Buffer.from(`${vars.FIVETRAN_API_KEY}:${vars.FIVETRAN_API_SECRET}`).toString("base64")}`;
  const pid = child.pid as number;
  const waitGone = async (ms: number) => {
    const deadline = Date.now() + ms;
    while (groupAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  };
  return {
    child,
    baseUrl: `http://127.0.0.1:${options.port}`,
    authorization,
    output: () => output,
    async stop() {
      try {
        process.kill(-pid, "SIGTERM");
      } catch {
        return;
      }
      await waitGone(15_000);
      if (groupAlive(pid)) {
        process.kill(-pid, "SIGKILL");
        await waitGone(10_000);
      }
    },
    async crash() {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        return;
      }
      await waitGone(10_000);
    },
  };
}

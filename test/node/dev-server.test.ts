/**
 * `npm start` as users run it: the real dev server (scripts/dev.mjs → wrangler dev → workerd)
 * on its own port and state directory, exercised over real HTTP.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const READY_TIMEOUT_MS = 100_000;

let server: ChildProcess | undefined;
let output = "";
let persistDir: string;
let baseUrl: string;
let authorization: string;

/** A TCP port nobody listens on right now. */
function freePort(): Promise<number> {
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

/** Resolves once the dev server printed its banner; rejects if it exits or takes too long. */
function waitForBanner(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
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
}

/** The variables of a dotenv file (KEY=value, optionally quoted). */
function parseDotenv(text: string): Record<string, string> {
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

/** Stops the whole process group (dev.mjs, wrangler, workerd): SIGTERM, then SIGKILL. */
async function stopServer(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGTERM");
  } catch {
    return; // already gone
  }
  const deadline = Date.now() + 15_000;
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pid)) {
    process.kill(-pid, "SIGKILL");
    while (groupAlive(pid)) await new Promise((r) => setTimeout(r, 50));
  }
}

function expectRequestId(response: Response) {
  expect(response.headers.get("x-request-id")).toMatch(/\S+/);
}

beforeAll(async () => {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  persistDir = await mkdtemp(path.join(os.tmpdir(), "fivetran-dev-"));

  server = spawn(process.execPath, [path.join(ROOT, "scripts", "dev.mjs")], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), FIVETRAN_PERSIST_DIR: persistDir },
    // Its own process group, so afterAll can stop wrangler and workerd with it.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  server.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  await waitForBanner(server);

  const vars = parseDotenv(await readFile(path.join(ROOT, ".dev.vars"), "utf8"));
  const key = vars.FIVETRAN_API_KEY;
  const secret = vars.FIVETRAN_API_SECRET;
  if (!key || !secret) throw new Error(".dev.vars has no FIVETRAN_API_KEY / FIVETRAN_API_SECRET");
  authorization = `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`;
});

afterAll(async () => {
  if (server) await stopServer(server);
  if (persistDir) await rm(persistDir, { recursive: true, force: true });
});

describe("npm start (scripts/dev.mjs)", () => {
  it("prints the URL, the credentials and a curl example", async () => {
    const vars = parseDotenv(await readFile(path.join(ROOT, ".dev.vars"), "utf8"));
    expect(output).toContain(`fivetran.do is running at ${baseUrl}`);
    expect(output).toContain(
      `curl -u ${vars.FIVETRAN_API_KEY}:${vars.FIVETRAN_API_SECRET} -X POST ${baseUrl}/v1/groups`,
    );
    expect(vars.FIVETRAN_OPERATOR_SECRET).toBeTruthy();
    expect(output).toContain(`Operator secret  ${vars.FIVETRAN_OPERATOR_SECRET}`);
  });

  it("creates a group and reads it back with Basic auth", async () => {
    const created = await fetch(`${baseUrl}/v1/groups`, {
      method: "POST",
      headers: { authorization, "content-type": "application/json" },
      body: JSON.stringify({ name: "dev_server_test" }),
    });
    expect(created.status).toBe(201);
    expectRequestId(created);
    const body = (await created.json()) as {
      code: string;
      data: { id: string; name: string; created_at: string };
    };
    expect(body.code).toBe("Success");
    expect(body.data).toMatchObject({ name: "dev_server_test" });
    expect(body.data.id).toEqual(expect.any(String));
    expect(Number.isNaN(Date.parse(body.data.created_at))).toBe(false);

    const read = await fetch(`${baseUrl}/v1/groups/${body.data.id}`, { headers: { authorization } });
    expect(read.status).toBe(200);
    expectRequestId(read);
    const readBody = (await read.json()) as { code: string; data: { id: string; name: string } };
    expect(readBody.code).toBe("Success");
    expect(readBody.data).toMatchObject({ id: body.data.id, name: "dev_server_test" });
  });

  it("rejects requests without credentials with a JSON error", async () => {
    const response = await fetch(`${baseUrl}/v1/groups`);
    expect(response.status).toBe(401);
    expectRequestId(response);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    const body = (await response.json()) as { code: unknown; message: unknown };
    expect(body).toEqual({ code: expect.any(String), message: expect.any(String) });
  });

  it("serves the OpenAPI document", async () => {
    const response = await fetch(`${baseUrl}/openapi.json`);
    expect(response.status).toBe(200);
    expectRequestId(response);
    const document = (await response.json()) as { openapi?: string };
    expect(document.openapi).toMatch(/^3\./);
  });
});

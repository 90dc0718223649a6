/**
 * `@dotdo/fivetran` as users get it: built (`npm run sdk:build`), packed, and run outside
 * workerd against the real dev server — in Node (the README's quick start script,
 * examples/quickstart.mjs, exactly as `npm run example:quickstart` runs it) and in headless
 * Chromium (the built package loaded by a page on another origin, through CORS), with a
 * screenshot of the page kept in test/node/.screenshots/ for review.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevServer, freePort, parseDotenv, ROOT, startDevServer } from "./dev-server";

const run = promisify(execFile);
const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
const PG_URL = "postgres://postgres@127.0.0.1:5432/postgres";

let server: DevServer | undefined;
let persistDir: string;
let vars: Record<string, string>;

beforeAll(async () => {
  await run("npm", ["run", "sdk:build"], { cwd: ROOT });
  persistDir = await mkdtemp(path.join(os.tmpdir(), "fivetran-sdk-"));
  server = await startDevServer({ port: await freePort(), persistDir });
  vars = parseDotenv(await readFile(path.join(ROOT, ".dev.vars"), "utf8"));
  // The quick start's Postgres destination schema, from an earlier run of this test.
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query("DROP SCHEMA IF EXISTS sample_shop CASCADE");
  await client.end();
}, 180_000);

afterAll(async () => {
  await server?.stop();
  if (persistDir) await rm(persistDir, { recursive: true, force: true });
});

describe("@dotdo/fivetran outside workerd", () => {
  it("packs: the package holds its built entry points and types", async () => {
    const { stdout } = await run("npm", ["pack", "--dry-run", "--json"], { cwd: path.join(ROOT, "sdk") });
    const [pack] = JSON.parse(stdout) as [{ name: string; files: { path: string }[] }];
    expect(pack.name).toBe("@dotdo/fivetran");
    expect(pack.files.map((f) => f.path).sort()).toEqual(
      expect.arrayContaining([
        "dist/index.js",
        "dist/index.d.ts",
        "dist/fivetran.js",
        "dist/schema.d.ts",
        "package.json",
      ]),
    );
    expect(pack.files.some((f) => f.path.endsWith(".ts") && !f.path.endsWith(".d.ts"))).toBe(false);
  });

  it("runs the README's quick start in Node: two connectors sync, with status", async () => {
    const { stdout } = await run("node", [path.join(ROOT, "examples", "quickstart.mjs")], {
      cwd: ROOT,
      env: {
        ...process.env,
        FIVETRAN_API_URL: server?.baseUrl,
        FIVETRAN_API_KEY: vars.FIVETRAN_API_KEY,
        FIVETRAN_API_SECRET: vars.FIVETRAN_API_SECRET,
        QUICKSTART_ID: `quickstart-${Date.now()}`,
      },
      timeout: 120_000,
    });
    expect(stdout).toMatch(/^run postgres-prod succeeded rows=\d+$/m);
    expect(stdout).toContain("run sample-shop succeeded rows=30");
    expect(stdout).toMatch(/^status postgres-prod healthy lastSync=\S+ nextSync=\S+$/m);
    expect(stdout).toMatch(/^status sample-shop healthy /m);
    // The live events of each run, in order, from the event stream.
    expect(stdout).toMatch(/^event sync_start postgres-prod$/m);
    expect(stdout).toMatch(/^event sync_end postgres-prod rows=\d+$/m);
    expect(stdout).toContain("event sync_end sample-shop rows=30");
    expect(stdout.indexOf("event sync_start sample-shop")).toBeLessThan(stdout.indexOf("event sync_end sample-shop"));
    expect(stdout).toContain("quickstart done\n");
  }, 150_000);

  it.runIf(CHROMIUM !== undefined)(
    "runs in headless Chromium: a page on another origin declares and syncs a connector",
    async () => {
      const { chromium } = await import("playwright-core");
      const files: Record<string, string> = {
        "/openapi-fetch/index.js": path.join(ROOT, "node_modules/openapi-fetch/dist/index.mjs"),
      };
      const page = `<!doctype html><html><head><meta charset="utf-8"><title>@dotdo/fivetran in a browser</title>
<script type="importmap">{"imports":{"openapi-fetch":"/openapi-fetch/index.js"}}</script>
<style>body{font:14px system-ui;margin:2em}pre{background:#f4f4f4;padding:1em}</style></head>
<body><h1>@dotdo/fivetran in a browser</h1><pre id="out">running…</pre>
<script type="module">
import { Fivetran } from "/sdk/index.js";
const out = document.getElementById("out");
const params = new URLSearchParams(location.hash.slice(1));
try {
  const fivetran = new Fivetran({ id: params.get("id"), baseUrl: params.get("api"), apiKey: params.get("key"), apiSecret: params.get("secret") });
  const shop = fivetran.createConnector({
    id: "browser-shop",
    source: { type: "sample", scale: 4, tables: ["customers"] },
    destination: { type: "d1", database: "WAREHOUSE" },
    sync: { schedule: "every 1 hour" },
  });
  const run = await shop.sync({ wait: true, pollMs: 200 });
  const status = await shop.status();
  window.result = { run, status };
  out.textContent = "sync " + run.status + ", rows " + run.rowsSynced + "\\nstatus " + JSON.stringify(status, null, 2);
} catch (error) {
  window.result = { error: String(error) };
  out.textContent = "error: " + error;
}
</script></body></html>`;
      const web = http.createServer(async (req, res) => {
        const url = new URL(req.url ?? "/", "http://localhost");
        try {
          if (url.pathname === "/") {
            res.writeHead(200, { "content-type": "text/html" }).end(page);
            return;
          }
          const file =
            files[url.pathname] ??
            (url.pathname.startsWith("/sdk/") ? path.join(ROOT, "sdk/dist", path.basename(url.pathname)) : undefined);
          if (!file) throw new Error("not found");
          res.writeHead(200, { "content-type": "text/javascript" }).end(await readFile(file));
        } catch {
          res.writeHead(404).end();
        }
      });
      const port = await freePort();
      await new Promise<void>((resolve) => web.listen(port, "127.0.0.1", resolve));
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
      try {
        const tab = await browser.newPage();
        const errors: string[] = [];
        tab.on("pageerror", (error) => errors.push(String(error)));
        const hash = new URLSearchParams({
          id: `browser-${Date.now()}`,
          api: server?.baseUrl ?? "",
          key: vars.FIVETRAN_API_KEY ?? "",
          secret: vars.FIVETRAN_API_SECRET ?? "",
        });
        // A different origin from the API's: every call is a CORS request.
        await tab.goto(`http://localhost:${port}/#${hash}`);
        await tab.waitForFunction(() => (globalThis as unknown as { result?: unknown }).result !== undefined, null, {
          timeout: 90_000,
        });
        const result = (await tab.evaluate(() => (globalThis as unknown as { result: unknown }).result)) as {
          run?: { status: string; rowsSynced: number };
          status?: { status: string };
          error?: string;
        };
        await mkdir(path.join(ROOT, "test/node/.screenshots"), { recursive: true });
        await tab.screenshot({ path: path.join(ROOT, "test/node/.screenshots/sdk-browser.png") });
        expect(errors).toEqual([]);
        expect(result.error).toBeUndefined();
        expect(result.run).toMatchObject({ status: "succeeded", rowsSynced: 4 });
        expect(result.status?.status).toBe("healthy");
      } finally {
        await browser.close();
        web.close();
      }
    },
    150_000,
  );
});

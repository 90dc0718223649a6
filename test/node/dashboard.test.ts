/**
 * The dashboard at `/` and the API reference at `/docs` in headless Chromium against the real
 * dev server, with every request to a host other than 127.0.0.1 blocked: a person signs in
 * with the keyboard, watches a sample → D1 connection sync and the rows-per-day chart grow,
 * pauses and resumes it, and reads the API reference. Screenshots of each page are written to
 * test/node/.screenshots/ for review.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevServer, freePort, parseDotenv, ROOT, startDevServer } from "./dev-server";

const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
const SHOTS = path.join(ROOT, "test/node/.screenshots");
const SCALE = 25;
const PG_URL = "postgres://postgres@127.0.0.1:5432/postgres";
/** Postgres schemas this file created (prefixed h_dash_), dropped at the end. */
const pgSchemas: string[] = [];

let server: DevServer | undefined;
let persistDir: string;
let vars: Record<string, string>;
let browser: Browser | undefined;
let connectionId: string;
let schema: string;

/** A call to the dev server's API with the dev key. */
async function api(method: string, pathname: string, body?: unknown) {
  const response = await fetch(`${server?.baseUrl}${pathname}`, {
    method,
    headers: { Authorization: server?.authorization ?? "", "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as { code: string; message?: string; data?: Record<string, unknown> };
  if (!response.ok) throw new Error(`${method} ${pathname}: ${response.status} ${JSON.stringify(json)}`);
  return json.data ?? {};
}

/**
 * A browser context with no network but this machine: every request to another host is
 * aborted as if offline and recorded in `blocked`, and the page's errors in `errors`.
 */
async function offlineContext(): Promise<{ context: BrowserContext; blocked: string[]; errors: string[] }> {
  const context = await (browser as Browser).newContext({ viewport: { width: 1280, height: 900 } });
  const blocked: string[] = [];
  const errors: string[] = [];
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1") return route.continue();
    blocked.push(url.href);
    return route.abort("internetdisconnected");
  });
  context.on("page", (page) => {
    page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
    page.on("console", (message) => {
      // The browser itself logs the 401 of a wrong secret and the 404 NotFound_SchemaConfig of
      // a connection not discovered yet (GET …/schemas); the page expects both.
      const expected =
        message.text().includes("status of 401") ||
        (message.text().includes("status of 404") && /\/v1\/connections\/[^/]+\/schemas$/.test(message.location().url));
      if (message.type() === "error" && !expected) errors.push(`console: ${message.text()}`);
    });
  });
  return { context, blocked, errors };
}

/** Accessibility violations axe-core finds on the page (WCAG 2 A and AA rules), as `id: targets`. */
async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated over the DevTools protocol, which the page's Content-Security-Policy does not govern.
  await page.evaluate(await readFile(path.join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8"));
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(options: unknown): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run({ runOnly: { type: "tag", values: ["wcag2a", "wcag2aa"] } });
    return (result.violations as { id: string; nodes: { target: string[] }[] }[]).map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
  });
}

beforeAll(async () => {
  persistDir = await mkdtemp(path.join(os.tmpdir(), "fivetran-dashboard-"));
  server = await startDevServer({ port: await freePort(), persistDir });
  vars = parseDotenv(await readFile(path.join(ROOT, ".dev.vars"), "utf8"));
  const group = await api("POST", "/v1/groups", { name: `dash_${Date.now()}` });
  await api("POST", "/v1/destinations", {
    group_id: group.id,
    service: "d1",
    time_zone_offset: "0",
    config: { database: "WAREHOUSE" },
  });
  schema = `dash_shop_${Date.now()}`;
  const connection = await api("POST", "/v1/connections", {
    group_id: group.id,
    service: "sample",
    schedule_type: "manual",
    config: { schema, scale: SCALE, tables: ["customers", "orders"] },
  });
  connectionId = connection.id as string;
  await mkdir(SHOTS, { recursive: true });
  if (CHROMIUM) {
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  }
}, 180_000);

afterAll(async () => {
  if (pgSchemas.length > 0) {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    for (const name of pgSchemas) await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
    await client.end();
  }
  await browser?.close();
  await server?.stop();
  if (persistDir) await rm(persistDir, { recursive: true, force: true });
});

describe.runIf(CHROMIUM !== undefined)("the dashboard and /docs in headless Chromium, offline", () => {
  it("signs in with the keyboard, watches a sync and its chart update, pauses and resumes", async () => {
    const { context, blocked, errors } = await offlineContext();
    const page = await context.newPage();
    await page.goto(`${server?.baseUrl}/`);
    await page.getByRole("heading", { name: "fivetran.do" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "dashboard-sign-in.png") });

    // A wrong secret is refused, with a message, and nothing is stored.
    await page.getByLabel("API key").fill(vars.FIVETRAN_API_KEY ?? "");
    await page.getByLabel("API secret").fill("not-the-secret");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("not accepted");
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

    // The keyboard alone, on a fresh page: the skip link first, then the key, the secret, Enter.
    await page.reload();
    await page.getByLabel("API key").waitFor();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.type(vars.FIVETRAN_API_KEY ?? "");
    await page.keyboard.press("Tab");
    await page.keyboard.type(vars.FIVETRAN_API_SECRET ?? "");
    await page.keyboard.press("Enter");
    const row = page.locator(`tr[data-connection="${connectionId}"]`);
    await row.waitFor();
    // The secret is in this tab's sessionStorage, and in no URL or cookie.
    expect(page.url()).not.toContain(vars.FIVETRAN_API_SECRET ?? "");
    expect(await context.cookies()).toEqual([]);
    expect(JSON.stringify(await page.evaluate(() => ({ ...sessionStorage })))).toContain(vars.FIVETRAN_API_SECRET);
    await expect.poll(() => row.getByTestId("status").textContent()).toBe("Not synced yet");
    await expect.poll(() => page.getByTestId("live").textContent()).toBe("Live updates");
    const chart = page.locator("svg.chart");
    await page.locator('svg.chart[data-loading="false"]').waitFor();
    expect(await chart.getAttribute("data-total")).toBe("0");

    // Open the connection with the keyboard: its name is a button.
    await row.getByRole("button", { name: schema }).focus();
    await page.keyboard.press("Enter");
    const detail = page.locator(`section.detail[data-connection="${connectionId}"]`);
    await detail.waitFor();
    await page.screenshot({ path: path.join(SHOTS, "dashboard-connections.png"), fullPage: true });

    // Sync: the run shows up in the history as succeeded and the chart grows by its rows, with
    // no reload (the event stream tells the page).
    await detail.getByRole("button", { name: "Sync now" }).click();
    const succeeded = detail.locator('tr[data-run][data-status="succeeded"]');
    await succeeded.first().waitFor({ timeout: 60_000 });
    const runs = (await api("GET", `/v1/connections/${connectionId}/runs`)).items as { rows: number; status: string }[];
    expect(runs).toHaveLength(1);
    expect(runs[0]?.status).toBe("succeeded");
    const rows = runs[0]?.rows ?? 0;
    expect(rows).toBe(2 * SCALE);
    await expect.poll(() => chart.getAttribute("data-total"), { timeout: 15_000 }).toBe(String(rows));
    await expect.poll(() => row.getByTestId("status").textContent()).toBe("Healthy");
    expect(await succeeded.first().locator("td.num").textContent()).toBe(String(rows));
    // The schema config the first sync discovered.
    await expect.poll(() => detail.locator("table.schema tbody tr").count()).toBe(2);
    expect(await detail.locator("table.schema").textContent()).toContain("customers");
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "dashboard-synced.png"), fullPage: true });

    // Pause and resume, as the API then reports them.
    await detail.getByRole("button", { name: "Pause" }).click();
    await detail.getByRole("button", { name: "Resume" }).waitFor();
    expect((await api("GET", `/v1/connections/${connectionId}`)).paused).toBe(true);
    await expect.poll(() => row.getByTestId("status").textContent()).toBe("Paused");
    await detail.getByRole("button", { name: "Resume" }).click();
    await detail.getByRole("button", { name: "Pause" }).waitFor();
    expect((await api("GET", `/v1/connections/${connectionId}`)).paused).toBe(false);

    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it("shows a sync in progress live, then its end", async () => {
    // A Postgres source one of whose tables the test holds locked: its run stays in progress
    // (reading waits for the lock) until the test lets go.
    const pgSchema = `h_dash_${Date.now()}`;
    pgSchemas.push(pgSchema);
    const setup = new pg.Client({ connectionString: PG_URL });
    await setup.connect();
    await setup.query(`CREATE SCHEMA ${pgSchema};
      CREATE TABLE ${pgSchema}.a_first (id int PRIMARY KEY, name text NOT NULL);
      CREATE TABLE ${pgSchema}.b_locked (id int PRIMARY KEY, name text NOT NULL);
      INSERT INTO ${pgSchema}.a_first SELECT i, 'a' || i FROM generate_series(1, 40) i;
      INSERT INTO ${pgSchema}.b_locked SELECT i, 'b' || i FROM generate_series(1, 60) i;`);
    await setup.end();
    const group = await api("POST", "/v1/groups", { name: `dash_pg_${Date.now()}` });
    await api("POST", "/v1/destinations", {
      group_id: group.id,
      service: "d1",
      time_zone_offset: "0",
      config: { database: "WAREHOUSE" },
    });
    const source = await api("POST", "/v1/connections", {
      group_id: group.id,
      service: "postgres",
      schedule_type: "manual",
      config: {
        schema_prefix: pgSchema,
        host: "127.0.0.1",
        port: 5432,
        database: "postgres",
        user: "postgres",
        tables: [`${pgSchema}.a_first`, `${pgSchema}.b_locked`],
      },
    });

    const { context, errors } = await offlineContext();
    const page = await context.newPage();
    await page.goto(`${server?.baseUrl}/`);
    await page.getByLabel("API key").fill(vars.FIVETRAN_API_KEY ?? "");
    await page.getByLabel("API secret").fill(vars.FIVETRAN_API_SECRET ?? "");
    await page.getByRole("button", { name: "Sign in" }).click();
    const chart = page.locator("svg.chart");
    const row = page.locator(`tr[data-connection="${source.id}"]`);
    await row.waitFor();
    await page.locator('svg.chart[data-loading="false"]').waitFor();
    const before = Number(await chart.getAttribute("data-total"));
    await row.getByRole("button").click();
    const detail = page.locator(`section.detail[data-connection="${source.id}"]`);
    await detail.waitFor();

    const lock = new pg.Client({ connectionString: PG_URL });
    await lock.connect();
    try {
      await lock.query(`BEGIN; LOCK TABLE ${pgSchema}.b_locked IN ACCESS EXCLUSIVE MODE`);
      await detail.getByRole("button", { name: "Sync now" }).click();
      // The run in progress appears without a reload: its id, its rows so far, "Syncing".
      await detail.getByTestId("rows-so-far").waitFor({ timeout: 30_000 });
      await expect.poll(() => row.getByTestId("status").textContent()).toBe("Syncing");
      expect(await detail.getByTestId("progress").textContent()).toMatch(/Run \S+ \(manual\) started/);
      await page.screenshot({ path: path.join(SHOTS, "dashboard-running.png"), fullPage: true });
    } finally {
      await lock.query("COMMIT").catch(() => undefined);
      await lock.end();
    }
    await detail.locator('tr[data-run][data-status="succeeded"]').first().waitFor({ timeout: 60_000 });
    await expect.poll(() => detail.getByTestId("progress").textContent()).toContain("No run in progress");
    await expect.poll(() => chart.getAttribute("data-total"), { timeout: 15_000 }).toBe(String(before + 100));
    expect(errors).toEqual([]);
    await context.close();
  }, 150_000);

  it("shows a failed run's error and attempts, and the task it leaves", async () => {
    // A Postgres role that does not exist: an authentication failure, retried once, then the
    // run fails and the connection is broken with a `reconnect` task.
    const group = await api("POST", "/v1/groups", { name: `dash_fail_${Date.now()}` });
    await api("POST", "/v1/destinations", {
      group_id: group.id,
      service: "d1",
      time_zone_offset: "0",
      config: { database: "WAREHOUSE" },
    });
    const failing = await api("POST", "/v1/connections", {
      group_id: group.id,
      service: "postgres",
      schedule_type: "manual",
      config: {
        schema_prefix: `h_dash_fail_${Date.now()}`,
        host: "127.0.0.1",
        port: 5432,
        database: "postgres",
        user: "h_dash_nobody",
      },
    });
    const { context, blocked, errors } = await offlineContext();
    const page = await context.newPage();
    await page.goto(`${server?.baseUrl}/`);
    await page.getByLabel("API key").fill(vars.FIVETRAN_API_KEY ?? "");
    await page.getByLabel("API secret").fill(vars.FIVETRAN_API_SECRET ?? "");
    await page.getByRole("button", { name: "Sign in" }).click();
    const row = page.locator(`tr[data-connection="${failing.id}"]`);
    await row.getByRole("button").click();
    const detail = page.locator(`section.detail[data-connection="${failing.id}"]`);
    await detail.getByRole("button", { name: "Sync now" }).click();
    const failed = detail.locator('tr[data-run][data-status="failed"]');
    await failed.waitFor({ timeout: 60_000 });
    expect(await failed.textContent()).toContain('role "h_dash_nobody" does not exist');
    await failed.getByText("failed attempt(s)").click();
    expect(await failed.textContent()).toMatch(/attempt 1, auth \(authentication_failed\)/);
    await expect.poll(() => row.getByTestId("status").textContent()).toBe("Broken");
    await expect.poll(() => detail.locator("ul.alerts").first().textContent()).toContain("reconnect");
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "dashboard-failed.png"), fullPage: true });
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it("loads /docs with the network blocked: the API reference renders from the Worker's own assets", async () => {
    const { context, blocked, errors } = await offlineContext();
    const page = await context.newPage();
    const response = await page.goto(`${server?.baseUrl}/docs`);
    expect(response?.status()).toBe(200);
    // Rendered from /openapi.json: the document's title and an operation of it.
    await page.getByRole("heading", { name: "fivetran.do REST API" }).first().waitFor({ timeout: 30_000 });
    await page.getByText("List all groups").first().waitFor();
    await page.getByRole("heading", { name: "Groups" }).first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, "docs.png") });
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});

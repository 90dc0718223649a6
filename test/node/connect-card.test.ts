/**
 * A Connect Card in headless Chromium against the real dev server, with every request to a
 * host other than 127.0.0.1 blocked: an end user opens the card's URI (no API key), fills in
 * the PostgreSQL credentials with the keyboard, chooses Save & Test, and lands on the partner
 * site's redirect page with `?id=<connection id>`. Screenshots go to test/node/.screenshots/.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevServer, freePort, ROOT, startDevServer } from "./dev-server";

const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
const SHOTS = path.join(ROOT, "test/node/.screenshots");
const PASSWORD = "h-card-Browser-Secret";

let server: DevServer | undefined;
let persistDir: string;
let browser: Browser | undefined;
/** The partner site the card sends the user back to. */
let partner: http.Server | undefined;
let partnerUrl: string;
const partnerHits: string[] = [];

async function api(method: string, pathname: string, body?: unknown) {
  const response = await fetch(`${server?.baseUrl}${pathname}`, {
    method,
    headers: { Authorization: server?.authorization ?? "", "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as { data?: Record<string, unknown> };
  if (!response.ok) throw new Error(`${method} ${pathname}: ${response.status} ${JSON.stringify(json)}`);
  return json.data ?? {};
}

/** Accessibility violations axe-core finds on the page (WCAG 2 A and AA rules), as `id: targets`. */
async function axeViolations(page: Page): Promise<string[]> {
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
  partner = http.createServer((req, res) => {
    partnerHits.push(req.url ?? "");
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end("<!doctype html><html lang=en><title>Partner</title><h1>Welcome back</h1></html>");
  });
  const partnerPort = await freePort();
  await new Promise<void>((resolve) => partner?.listen(partnerPort, "127.0.0.1", resolve));
  partnerUrl = `http://127.0.0.1:${partnerPort}/fivetran/done`;
  persistDir = await mkdtemp(path.join(os.tmpdir(), "fivetran-h-card-"));
  server = await startDevServer({ port: await freePort(), persistDir });
  await mkdir(SHOTS, { recursive: true });
  if (CHROMIUM) {
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((resolve) => partner?.close(resolve));
  if (persistDir) await rm(persistDir, { recursive: true, force: true });
});

describe.runIf(CHROMIUM !== undefined)("a Connect Card in headless Chromium, offline", () => {
  it("opens from its URI alone, saves and tests the credentials, and lands on redirect_uri?id=…", async () => {
    const group = await api("POST", "/v1/groups", { name: `h_card_${Date.now()}` });
    const schema = `h_card_${Date.now()}`;
    const created = await api("POST", "/v1/connections", {
      group_id: group.id,
      service: "postgres",
      run_setup_tests: false,
      config: { schema_prefix: schema, port: 5432 },
      connect_card_config: { redirect_uri: partnerUrl },
    });
    const id = created.id as string;
    const uri = (created.connect_card as { uri: string }).uri;
    expect(uri).toContain(`${server?.baseUrl}/connect-card/setup?auth=`);

    const context = await (browser as Browser).newContext({ viewport: { width: 1100, height: 1000 } });
    const blocked: string[] = [];
    const errors: string[] = [];
    await context.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === "127.0.0.1") return route.continue();
      blocked.push(url.href);
      return route.abort("internetdisconnected");
    });
    const page = await context.newPage();
    page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(`console: ${message.text()}`);
    });
    await page.goto(uri);
    await page.getByRole("heading", { name: "Set up PostgreSQL" }).waitFor();
    expect(await page.getByText(schema).count()).toBeGreaterThan(0);
    expect(await page.getByRole("heading", { name: "Setup guide" }).count()).toBe(1);
    expect(await page.getByLabel("Port").inputValue()).toBe("5432");
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "connect-card.png"), fullPage: true });

    // Typed in, with a database that does not exist: saved, tested, and the failure shown.
    await page.getByLabel("Host").focus();
    await page.keyboard.type("127.0.0.1");
    await page.getByLabel("Database").fill("h_card_no_such_database");
    await page.getByLabel("User").fill("postgres");
    await page.getByLabel("Password").focus();
    await page.keyboard.type(PASSWORD);
    await page.screenshot({ path: path.join(SHOTS, "connect-card-filled.png"), fullPage: true });
    await page.getByRole("button", { name: "Save & Test" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Setup tests" }).waitFor();
    expect(await page.locator(".tests li").first().textContent()).toMatch(/^FAILED Connecting to database/);
    expect(partnerHits).toEqual([]);
    // The password was stored: the field is empty now and says so.
    expect(await page.getByLabel("Password").inputValue()).toBe("");
    expect(await page.content()).not.toContain(PASSWORD);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "connect-card-failed.png"), fullPage: true });

    // Corrected with the keyboard: the stored password is kept, the tests pass, and back we go.
    await page.getByLabel("Database").fill("");
    await page.getByLabel("Database").focus();
    await page.keyboard.type("postgres");
    await page.keyboard.press("Enter");

    await page.waitForURL((url) => url.pathname === "/fivetran/done");
    expect(new URL(page.url()).searchParams.get("id")).toBe(id);
    await page.getByRole("heading", { name: "Welcome back" }).waitFor();
    expect(partnerHits).toEqual([`/fivetran/done?id=${id}`]);

    const details = await api("GET", `/v1/connections/${id}`);
    expect((details.status as { setup_state: string }).setup_state).toBe("connected");
    expect(details.config).toMatchObject({
      host: "127.0.0.1",
      database: "postgres",
      user: "postgres",
      password: "******",
    });

    // Opened again, the password is stored but never shown.
    await page.goto(uri);
    expect(await page.getByLabel("Password").inputValue()).toBe("");
    expect(await page.content()).not.toContain(PASSWORD);

    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});

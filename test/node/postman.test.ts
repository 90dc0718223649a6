/**
 * The Postman collection generated from openapi.yaml (sdk/postman/, `npm run postman`) run by
 * newman against the real dev server: its Quickstart folder — the generated create group →
 * create destination → create connection → sync → poll requests with the test scripts
 * scripts/postman.ts injects — syncs the sample source into D1, through newman's Node API and
 * through the CLI command the README prints.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import newman, { type NewmanRunSummary } from "newman";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type DevServer, freePort, parseDotenv, ROOT, startDevServer } from "./dev-server";

const COLLECTION = path.join(ROOT, "sdk/postman/fivetran.do.postman_collection.json");
const run = promisify(execFile);

interface PostmanItem {
  name: string;
  item?: PostmanItem[];
  request?: { method: string; description?: string; url: { path: string[] }; auth?: { type: string } | null };
}
interface Collection {
  item: PostmanItem[];
  auth: { type: string; basic: { key: string; value: string }[] };
  variable: { key: string; value: string }[];
}

let server: DevServer | undefined;
let persistDir: string;
let vars: Record<string, string>;
let collection: Collection;

function runNewman(options: { apiSecret?: string }): Promise<NewmanRunSummary> {
  return new Promise((resolve, reject) => {
    newman.run(
      {
        collection: COLLECTION,
        folder: "Quickstart",
        envVar: [
          { key: "baseUrl", value: server?.baseUrl ?? "" },
          { key: "apiKey", value: vars.FIVETRAN_API_KEY ?? "" },
          { key: "apiSecret", value: options.apiSecret ?? vars.FIVETRAN_API_SECRET ?? "" },
        ],
        reporters: [],
        timeoutRequest: 60_000,
      },
      (error, summary) => (error ? reject(error) : resolve(summary)),
    );
  });
}

/** What failed, readably: each failure's item, test and message. */
function failures(summary: NewmanRunSummary): string[] {
  return summary.run.failures.map(
    (failure) =>
      `${(failure.source as { name?: string } | undefined)?.name}: ${failure.error.test ?? failure.error.name} — ${failure.error.message}`,
  );
}

async function api(pathname: string) {
  const response = await fetch(`${server?.baseUrl}${pathname}`, {
    headers: { Authorization: server?.authorization ?? "" },
  });
  expect(response.status, `${pathname}: ${await response.clone().text()}`).toBe(200);
  return ((await response.json()) as { data: Record<string, unknown> }).data;
}

beforeAll(async () => {
  collection = JSON.parse(await readFile(COLLECTION, "utf8")) as Collection;
  persistDir = await mkdtemp(path.join(os.tmpdir(), "h-postman-"));
  server = await startDevServer({ port: await freePort(), persistDir });
  vars = parseDotenv(await readFile(path.join(ROOT, ".dev.vars"), "utf8"));
}, 180_000);

afterAll(async () => {
  await server?.stop();
  if (persistDir) await rm(persistDir, { recursive: true, force: true });
});

describe("the Postman collection", () => {
  it("is the API of openapi.yaml with collection-level Basic auth from apiKey/apiSecret", async () => {
    const document = parse(await readFile(path.join(ROOT, "openapi.yaml"), "utf8")) as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    const operations = Object.entries(document.paths).flatMap(([pathname, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${pathname.replace(/\{([^}]+)\}/g, ":$1")}`),
    );
    const requests: PostmanItem[] = [];
    const walk = (items: PostmanItem[]) => {
      for (const item of items) {
        if (item.item) walk(item.item);
        else requests.push(item);
      }
    };
    walk(collection.item.filter((item) => item.name !== "Quickstart"));
    const generated = requests.map((item) => `${item.request?.method} /${item.request?.url.path.join("/")}`);
    expect(generated.sort()).toEqual([...operations].sort());
    expect(collection.auth).toEqual({
      type: "basic",
      basic: [
        { key: "username", value: "{{apiKey}}", type: "string" },
        { key: "password", value: "{{apiSecret}}", type: "string" },
      ],
    });
    expect(Object.fromEntries(collection.variable.map((v) => [v.key, v.value]))).toMatchObject({
      baseUrl: "http://127.0.0.1:8787",
      apiKey: "",
      apiSecret: "",
    });
    // Routes that take no credentials do not send the account's.
    const publicTypes = requests.find((item) => item.request?.url.path.join("/") === "public/connector-types");
    expect(publicTypes?.request?.auth).toEqual({ type: "noauth" });
  });

  it("runs its Quickstart folder with newman: group → D1 destination → sample connection → sync → succeeded", async () => {
    const summary = await runNewman({});
    expect(failures(summary)).toEqual([]);
    const executed = summary.run.executions.map(
      (execution) => `${execution.request.method} ${execution.response?.code} ${execution.item.name}`,
    );
    expect(executed[0]).toBe("POST 201 1. Create a group");
    expect(executed[1]).toBe("POST 201 2. Create a D1 destination");
    expect(executed[2]).toBe("POST 201 3. Create a sample connection");
    expect(executed[3]).toBe("POST 200 4. Sync the connection");
    expect(executed.at(-2)).toBe("GET 200 5. Poll until the sync has succeeded");
    expect(executed.at(-1)).toBe("GET 200 6. List the connection's runs");
    expect(summary.run.stats.assertions.total).toBeGreaterThanOrEqual(17);
    expect(summary.run.stats.assertions.failed).toBe(0);

    // What the run left behind, read apart from newman: the ids of the created resources.
    const created = (step: number) => {
      const response = summary.run.executions[step]?.response as unknown as { json(): { data: { id: string } } };
      return response.json().data.id;
    };
    const variables = { groupId: created(0), destinationId: created(1), connectionId: created(2) };
    const connection = await api(`/v1/connections/${variables.connectionId}`);
    expect(connection.group_id).toBe(variables.groupId);
    expect(connection.succeeded_at).toEqual(expect.any(String));
    const destination = await api(`/v1/destinations/${variables.destinationId}`);
    expect(destination.service).toBe("d1");
    const runs = (await api(`/v1/connections/${variables.connectionId}/runs`)).items as {
      status: string;
      rows: number;
    }[];
    expect(runs.map((r) => [r.status, r.rows])).toEqual([["succeeded", 50]]);
  }, 150_000);

  it("fails when an assertion fails: a wrong secret gets 401, and the run reports it", async () => {
    const summary = await runNewman({ apiSecret: "not-the-secret" });
    expect(summary.run.stats.assertions.failed).toBeGreaterThan(0);
    expect(failures(summary)[0]).toMatch(
      /^1\. Create a group: status 201 — expected response to have status code 201 but got 401/,
    );
  }, 60_000);

  it("runs with the README's newman command", async () => {
    // README "Postman": the command as printed, the port aside.
    const { stdout } = await run(
      "npx",
      [
        "newman",
        "run",
        "sdk/postman/fivetran.do.postman_collection.json",
        "--folder",
        "Quickstart",
        "--env-var",
        `baseUrl=${server?.baseUrl}`,
        "--env-var",
        `apiKey=${vars.FIVETRAN_API_KEY}`,
        "--env-var",
        `apiSecret=${vars.FIVETRAN_API_SECRET}`,
      ],
      { cwd: ROOT, timeout: 120_000 },
    );
    expect(stdout).toContain("the sync has succeeded");
    expect(stdout).toMatch(/assertions\s*│\s*\d+\s*│\s*0\s*│/);
  }, 150_000);
});

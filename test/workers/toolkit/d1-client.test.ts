import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  bindingExecutor,
  D1ApiError,
  d1Executor,
  d1QueryUrl,
  httpExecutor,
  isBinding,
} from "../../../src/engine/toolkit/d1-client";
import { cloudflareD1Fake } from "../../fakes/cloudflare-d1";

const ACCOUNT = "0123456789abcdef0123456789abcdef";
const DATABASE = "6c1e2a3b-0000-4000-8000-00000000c11e";
const TOKEN = "d1-client-token";

const statements = [
  { sql: "CREATE TABLE IF NOT EXISTS _d1_client_t (id TEXT PRIMARY KEY)", params: [] },
  { sql: "INSERT OR REPLACE INTO _d1_client_t (id) VALUES (?1)", params: ["a"] },
  { sql: "SELECT id FROM _d1_client_t WHERE id = ?1", params: ["a"] },
  { sql: "DROP TABLE _d1_client_t", params: [] },
];

describe("d1-client", () => {
  it("runs a batch on a binding and returns each statement's rows", async () => {
    const client = bindingExecutor(env.WAREHOUSE, "D1 binding WAREHOUSE");
    const rows = await client.batchRows(statements);
    expect(rows).toHaveLength(4);
    expect(rows[2]).toEqual([{ id: "a" }]);
    expect(await client.batchRows([])).toEqual([]);
    expect(await client.query({ sql: "SELECT 1 AS one", params: [] })).toEqual([{ one: 1 }]);
    expect(client.label).toBe("D1 binding WAREHOUSE");
  });

  it("runs the same batch over the HTTP API, and names Cloudflare's errors without the token", async () => {
    const fetch = cloudflareD1Fake({
      tokens: { [TOKEN]: [ACCOUNT] },
      databases: { [ACCOUNT]: { [DATABASE]: env.WAREHOUSE } },
    });
    const client = httpExecutor({ accountId: ACCOUNT, databaseId: DATABASE, apiToken: TOKEN, fetch });
    expect(client.label).toBe(`D1 database ${DATABASE}`);
    expect((await client.batchRows(statements))[2]).toEqual([{ id: "a" }]);
    expect(await client.query({ sql: "SELECT ?1 AS v", params: ["x"] })).toEqual([{ v: "x" }]);

    const refused = httpExecutor({ accountId: ACCOUNT, databaseId: DATABASE, apiToken: "wrong", fetch });
    const error = await refused.batch(statements).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(D1ApiError);
    expect((error as D1ApiError).status).toBe(401);
    expect((error as D1ApiError).detail).toBe("Authentication error (code 10000)");
    expect((error as Error).message).toBe("Cloudflare D1 API answered HTTP 401: Authentication error (code 10000)");
    expect((error as Error).message).not.toContain("wrong");
    expect(d1QueryUrl(ACCOUNT, DATABASE)).toBe(
      `https://api.cloudflare.com/client/v4/accounts/${ACCOUNT}/d1/database/${DATABASE}/query`,
    );
  });

  it("picks the executor for a binding, an HTTP target or an executor", () => {
    expect(isBinding(env.WAREHOUSE)).toBe(true);
    const target = { accountId: ACCOUNT, databaseId: DATABASE, apiToken: TOKEN, fetch: globalThis.fetch };
    expect(isBinding(target)).toBe(false);
    expect(d1Executor(target).label).toBe(`D1 database ${DATABASE}`);
    expect(d1Executor(env.WAREHOUSE).label).toBe("D1 binding");
    const custom = bindingExecutor(env.WAREHOUSE, "mine");
    expect(d1Executor(custom)).toBe(custom);
  });
});

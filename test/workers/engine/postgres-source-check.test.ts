import { describe, expect, it } from "vitest";
import { postgresSource } from "../../../src/engine/sources/postgres/index";
import { parseConfig } from "../../../src/engine/toolkit/config";
import { testContext } from "./harness";

const ctx = testContext();

function config(input: Record<string, unknown>) {
  return parseConfig(postgresSource, { schema_prefix: "pg", ...input }) as Parameters<typeof postgresSource.check>[0];
}

describe("postgres source setup tests (real PostgreSQL on 127.0.0.1)", () => {
  it("passes against the local server", async () => {
    const tests = await postgresSource.check(
      config({ connectionString: "postgres://postgres@127.0.0.1:5432/postgres" }),
      ctx,
    );
    expect(tests.map((t) => [t.title, t.status])).toEqual([
      ["Connecting to database", "PASSED"],
      ["Validating table privileges", "PASSED"],
    ]);
  });

  it("fails clearly for a missing database", async () => {
    const tests = await postgresSource.check(
      config({ host: "127.0.0.1", port: 5432, database: "no_such_db_here", user: "postgres" }),
      ctx,
    );
    expect(tests[0]?.status).toBe("FAILED");
    expect(tests[0]?.message).toMatch(/does not exist/);
  });
});

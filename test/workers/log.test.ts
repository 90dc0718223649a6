/// <reference types="vite/client" />
/**
 * The trace store keeps no secrets, credentials in URLs or SQL literals (issue #9 §8): every
 * log line goes through src/lib/log.ts.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/app";
import type { Env } from "../../src/env";
import worker from "../../src/index";
import { describeError, redact } from "../../src/lib/log";
import { BOOTSTRAP } from "./helpers";

const SECRET = "sk_live_9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c";

describe("redact", () => {
  it.each([
    ["postgres://loader:s3cr3t@db.internal:5432/app", "postgres://***@db.internal:5432/app", "s3cr3t"],
    [
      "GET https://api.example.com/v1/items?api_key=abc123&page=2",
      "GET https://api.example.com/v1/items?api_key=***&page=2",
      "abc123",
    ],
    ["host=db password=hunter2 user=app", "host=db password=*** user=app", "hunter2"],
    ['{"client_secret":"xyz789","name":"a"}', '{"client_secret":"***","name":"a"}', "xyz789"],
    ["Authorization: Bearer eyJhbGciOi.eyJzdWIi.sig", "Authorization: Bearer ***", "eyJhbGciOi"],
    [
      'duplicate key value violates unique constraint "users_email_key" Key (email)=(ada@example.com) already exists.',
      'duplicate key value violates unique constraint "users_email_key" Key (email)=(***) already exists.',
      "ada@example.com",
    ],
    ["INSERT INTO t VALUES ('ada', 'it''s 42')", "INSERT INTO t VALUES ('***', '***')", "ada"],
    ['invalid input syntax for type integer: "forty-two"', 'invalid input syntax for type integer: "***"', "forty-two"],
    [`token leaked as ${SECRET} in a message`, "token leaked as *** in a message", SECRET],
  ])("%s", (input, expected, hidden) => {
    const output = redact(input);
    expect(output).toBe(expected);
    expect(output).not.toContain(hidden);
  });

  it("keeps what is needed to debug: identifiers, codes, ordinary words", () => {
    expect(redact('relation "public.users" does not exist')).toBe('relation "public.users" does not exist');
    expect(redact("connect ECONNREFUSED 127.0.0.1:5432")).toBe("connect ECONNREFUSED 127.0.0.1:5432");
  });
});

describe("describeError", () => {
  it("keeps the class and the driver code, redacts message and stack", () => {
    class DatabaseError extends Error {
      code = "23505";
    }
    const error = new DatabaseError("Key (email)=(ada@example.com) already exists");
    const described = describeError(error);
    expect(described).toMatchObject({
      class: "DatabaseError",
      code: "23505",
      message: "Key (email)=(***) already exists",
    });
    expect(described.stack).not.toContain("ada@example.com");
  });
});

describe("the 500 handler", () => {
  it("logs a thrown error with a secret and an SQL literal redacted, and answers the envelope", async () => {
    const app = createApp();
    app.get("/v1/explode", () => {
      throw new TypeError(
        `query failed: INSERT INTO users (email, token) VALUES ('ada@example.com', '${SECRET}') via postgres://app:pw123@db/x`,
      );
    });
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const res = await app.fetch(
        new Request("http://127.0.0.1/v1/explode", { headers: { authorization: BOOTSTRAP } }),
        env,
      );
      expect(res.status).toBe(500);
      const body = (await res.json()) as { code: string; message: string };
      expect(body.code).toBe("InternalError");
      expect(body.message).not.toContain("ada@example.com");
      expect(log).toHaveBeenCalledTimes(1);
      const line = String(log.mock.calls[0]?.[0]);
      const entry = JSON.parse(line);
      expect(entry).toMatchObject({ level: "error", error: { class: "TypeError" }, path: "/v1/explode" });
      expect(entry.requestId).toEqual(expect.any(String));
      expect(entry.error.message).toBe(
        "query failed: INSERT INTO users (email, token) VALUES ('***', '***') via postgres://***@db/x",
      );
      for (const leaked of ["ada@example.com", SECRET, "pw123"]) expect(line).not.toContain(leaked);
    } finally {
      log.mockRestore();
    }
  });
});

describe("handlers the runtime retries", () => {
  it("the cron watchdog rethrows a failure redacted, and logs it redacted", async () => {
    const leaky = `D1_ERROR: UNIQUE constraint failed: VALUES ('ada@example.com', '${SECRET}')`;
    const brokenDb = {
      prepare() {
        throw new Error(leaky);
      },
      batch() {
        throw new Error(leaky);
      },
    };
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const failure = await worker
        .scheduled(
          { cron: "*/5 * * * *", scheduledTime: Date.now(), noRetry() {} } as ScheduledController,
          {
            ...env,
            DB: brokenDb,
          } as unknown as Env,
        )
        .then(
          () => undefined,
          (error: unknown) => error as Error,
        );
      expect(failure).toBeInstanceOf(Error);
      expect(failure?.message).toBe(
        "cron watchdog failed: Error: D1_ERROR: UNIQUE constraint failed: VALUES ('***', '***')",
      );
      expect(log).toHaveBeenCalledTimes(1);
      const line = String(log.mock.calls[0]?.[0]);
      for (const leaked of ["ada@example.com", SECRET]) expect(line).not.toContain(leaked);
    } finally {
      log.mockRestore();
    }
  });
});

describe("console use in src/", () => {
  it("goes through src/lib/log.ts only", async () => {
    // A grep in a test: any new console.* call must use logError (or redact) instead.
    const sources = import.meta.glob("../../src/**/*.ts", { query: "?raw", import: "default", eager: true });
    const offenders = Object.entries(sources)
      .filter(([path]) => !path.endsWith("/lib/log.ts"))
      .filter(([, text]) => /\bconsole\.(log|info|warn|error|debug|trace)\(/.test(String(text)))
      .map(([path]) => path);
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    expect(offenders).toEqual([]);
  });
});

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ConnectorContext, SetupTest } from "../../../src/engine/protocol";
import { sampleSource } from "../../../src/engine/sources/sample/index";
import {
  runSetupTests,
  runSourceSetupTests,
  SETUP_TEST_TIMEOUT_MS,
  setupStatusOf,
} from "../../../src/engine/toolkit/setup-tests";
import { TEST_EGRESS } from "../engine/harness";

const ctx: ConnectorContext = {
  fetch,
  log: { info() {}, warn() {} },
  now: () => new Date(),
  bindings: {},
  egress: TEST_EGRESS,
};

const passed: SetupTest = { title: "Connecting", status: "PASSED", message: "ok" };

describe("setup-tests runner", () => {
  it("returns a check's tests as they are", async () => {
    expect(await runSetupTests({ check: async () => [passed] }, {}, ctx)).toEqual([passed]);
    expect(SETUP_TEST_TIMEOUT_MS).toBe(30_000);
  });

  it("turns a check that throws (or rejects) into one JOB_FAILED test", async () => {
    const thrown = await runSetupTests(
      {
        check: () => {
          throw new Error("boom\n  at somewhere");
        },
      },
      {},
      ctx,
    );
    expect(thrown).toEqual([
      {
        title: "Running setup tests",
        status: "JOB_FAILED",
        message: "The setup tests stopped unexpectedly: boom at somewhere",
      },
    ]);
    const rejected = await runSetupTests({ check: () => Promise.reject("plain string") }, {}, ctx);
    expect(rejected[0]?.status).toBe("JOB_FAILED");
    expect(setupStatusOf(rejected)).toBe("broken");
  });

  it("turns a check that runs over its limit into a FAILED 'timed out' test, and aborts its signal", async () => {
    let seen: AbortSignal | undefined;
    const started = Date.now();
    const tests = await runSetupTests(
      {
        check: (_config, c) => {
          seen = c.signal;
          return new Promise<SetupTest[]>(() => {}); // never settles
        },
      },
      {},
      ctx,
      { timeoutMs: 30 },
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(tests).toEqual([
      {
        title: "Running setup tests",
        status: "FAILED",
        message: "The setup tests timed out after 30 ms",
        details: { timed_out: true },
      },
    ]);
    expect(seen?.aborted).toBe(true);
    expect(setupStatusOf(tests)).toBe("broken");
  });

  it("passes the caller's abort on to the check", async () => {
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    const run = runSetupTests(
      {
        check: (_config, c) => {
          seen = c.signal;
          return new Promise<SetupTest[]>((resolve) =>
            c.signal?.addEventListener("abort", () => resolve([{ title: "t", status: "FAILED", message: "aborted" }])),
          );
        },
      },
      {},
      { ...ctx, signal: controller.signal },
    );
    controller.abort();
    expect((await run)[0]?.message).toBe("aborted");
    expect(seen?.aborted).toBe(true);
  });

  it("judges the setup status: any failure, or a credential problem that did not pass, breaks it", () => {
    expect(setupStatusOf([passed, { title: "w", status: "WARNING", message: "" }])).toBe("connected");
    expect(setupStatusOf([{ title: "s", status: "SKIPPED", message: "" }])).toBe("connected");
    expect(setupStatusOf([passed, { title: "f", status: "FAILED", message: "" }])).toBe("broken");
    expect(setupStatusOf([{ title: "w", status: "WARNING", message: "", details: { auth: true } }])).toBe("broken");
    expect(setupStatusOf([{ title: "p", status: "PASSED", message: "", details: { auth: true } }])).toBe("connected");
  });

  it("runs a source's tests in its own context for the connection routes", async () => {
    // The sample source names no binding, so no grant of the account is looked up.
    const result = await runSourceSetupTests(env, "any_account", sampleSource, {
      schema: "sample_test",
      seed: 1,
      scale: 10,
    });
    expect(result.setupTests[0]?.status).toBe("PASSED");
    expect(result.setupState).toBe(setupStatusOf(result.setupTests));
    expect(result.setupTests.length).toBeGreaterThan(0);
  });
});

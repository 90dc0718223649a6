import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { FunctionSandbox } from "../../../src/engine/transforms/sandbox";

const limits = { cpuMs: 500, timeoutMs: 3000 };
let n = 0;
const load = (fn: string) => FunctionSandbox.load(env.LOADER, `sandbox-test-${n++}`, fn, limits);

describe("function sandbox", () => {
  it("runs the vision's function over a batch", async () => {
    const fn = String((row: { email: string; firstName: string; lastName: string }) => ({
      ...row,
      email: row.email.toLowerCase(),
      fullName: `${row.firstName} ${row.lastName}`,
    }));
    const sandbox = await load(fn);
    const answer = await sandbox.apply([{ email: "A@B.C", firstName: "Ada", lastName: "L", id: 1n }]);
    expect(answer).toEqual({
      ok: true,
      rows: [{ email: "a@b.c", firstName: "Ada", lastName: "L", id: 1n, fullName: "Ada L" }],
    });
  });

  it("refuses a source that is not a function, or does not parse", async () => {
    await expect(load("42")).rejects.toThrow(/not a function/);
    await expect(load("(row) => {")).rejects.toThrow(/does not parse/);
  });

  it("has no network: fetch throws inside the function", async () => {
    const sandbox = await load("async (row) => { await fetch('http://127.0.0.1:1/'); return row; }");
    const answer = await sandbox.apply([{ id: 1 }]);
    expect(answer).toMatchObject({
      ok: false,
      index: 0,
      error: expect.stringMatching(/not permitted to access the internet/),
    });
  });

  it("refuses eval and new Function", async () => {
    for (const fn of [
      "(row) => eval('1+1')",
      "(row) => new Function('return 1')()",
      "(row) => (0, globalThis.eval)('2')",
    ]) {
      const answer = await (await load(fn)).apply([{ id: 1 }]);
      expect(answer).toMatchObject({
        ok: false,
        error: expect.stringMatching(/EvalError: Code generation from strings disallowed/),
      });
    }
  });

  it("sees no bindings: the isolate's env is empty", async () => {
    const sandbox = await load(
      `async (row) => { const { env } = await import("cloudflare:workers"); return { keys: Object.keys(env).join(","), db: typeof env.DB }; }`,
    );
    expect(await sandbox.apply([{ id: 1 }])).toEqual({ ok: true, rows: [{ keys: "", db: "undefined" }] });
  });

  it("has no timers, and a promise that never settles is abandoned", async () => {
    const timers = await (await load("(row) => { setTimeout(() => {}, 0); return row; }")).apply([{ id: 1 }]);
    expect(timers).toMatchObject({ ok: false, index: 0, error: expect.stringMatching(/setTimeout is not a function/) });
    const hung = await (await load("(row) => new Promise(() => {})")).apply([{ id: 1 }]);
    expect(hung).toMatchObject({
      ok: false,
      index: -1,
      error: expect.stringMatching(/never settles|did not finish a batch within 3000 ms/),
    });
  });

  it("stops an infinite loop and unbounded recursion, and the next function runs", async () => {
    const loop = await (await load("(row) => { for (;;) {} }")).apply([{ id: 1 }]);
    expect(loop).toMatchObject({
      ok: false,
      index: 0,
      error: expect.stringMatching(/loop iterations \(a call counts 50\) for one row/),
    });
    const spin = await (await load("(row) => { while (true) row.id++; }")).apply([{ id: 1 }]);
    expect(spin).toMatchObject({ ok: false, error: expect.stringMatching(/loop iterations/) });
    const deep = await (await load("function f(row) { return f(row); }")).apply([{ id: 1 }]);
    expect(deep).toMatchObject({ ok: false, error: expect.stringMatching(/RangeError/) });
    const chain = await (await load("(row) => { const f = () => Promise.resolve().then(f); return f(); }")).apply([
      { id: 1 },
    ]);
    expect(chain).toMatchObject({ ok: false, error: expect.stringMatching(/loop iterations|did not finish/) });
    expect(await (await load("(row) => row")).apply([{ id: 2 }])).toEqual({ ok: true, rows: [{ id: 2 }] });
  });

  it("contains a huge allocation", async () => {
    for (const fn of [
      "(row) => new Array(2 ** 32)",
      "(row) => 'x'.repeat(2 ** 30)",
      "(row) => new ArrayBuffer(2 ** 40)",
    ]) {
      const answer = await (await load(fn)).apply([{ id: 1 }]);
      expect(answer).toMatchObject({ ok: false, index: 0, error: expect.stringMatching(/RangeError|memory/) });
    }
  });
});

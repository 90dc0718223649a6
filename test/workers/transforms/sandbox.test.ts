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

  describe("memory that grows", () => {
    const small = { cpuMs: 5000, timeoutMs: 20_000, memoryMb: 16 };
    const loadSmall = (fn: string) => FunctionSandbox.load(env.LOADER, `sandbox-mem-${n++}`, fn, small);
    const rows = (count: number) => Array.from({ length: count }, (_, i) => ({ id: i + 1 }));

    it("stops a function that keeps a little more on every row, naming the row, and the next function runs", async () => {
      const grow = `(() => {
        const keep = [];
        return (row) => { for (let i = 0; i < 1000; i++) keep.push({ s: "x".repeat(100) + i }); return row; };
      })()`;
      const answer = await (await loadSmall(grow)).apply(rows(500));
      expect(answer).toMatchObject({
        ok: false,
        error: expect.stringMatching(/^RangeError: the function allocated more than 16 MB in one batch/),
      });
      // Stopped well before the end of the batch: each row keeps about 300 KB.
      expect((answer as { index: number }).index).toBeGreaterThan(10);
      expect((answer as { index: number }).index).toBeLessThan(200);
      expect(await (await load("(row) => row")).apply([{ id: 2 }])).toEqual({ ok: true, rows: [{ id: 2 }] });
    });

    it("counts strings built by concatenation, templates and built-ins, and typed arrays", async () => {
      for (const fn of [
        "(row) => { let s = ''; for (let i = 0; i < 1e7; i++) s += 'abcdefgh'; return row; }",
        "(row) => { const a = []; for (let i = 0; i < 1e6; i++) a.push(`${i}-${'y'.repeat(20)}`); return row; }",
        "(row) => { const a = []; for (let i = 0; i < 100; i++) a.push(new Uint8Array(1 << 20)); return row; }",
        "(row) => { const a = []; for (let i = 0; i < 1e6; i++) a[i] = [i, i, i, i]; return row; }",
      ]) {
        const answer = await (await loadSmall(fn)).apply(rows(1));
        expect(answer, fn).toMatchObject({
          ok: false,
          index: 0,
          error: expect.stringMatching(/allocated more than 16 MB/),
        });
      }
    });

    it("fails the row even when the function catches the guard's error", async () => {
      const fn = "(row) => { try { const a = []; for (;;) a.push('x'.repeat(1000)); } catch {} return row; }";
      const answer = await (await loadSmall(fn)).apply(rows(3));
      expect(answer).toMatchObject({ ok: false, index: 0, error: expect.stringMatching(/allocated more than 16 MB/) });
    });

    it("keeps nothing across batches: globals and built-ins are frozen, closures start again each batch", async () => {
      for (const fn of [
        "(row) => { globalThis.keep ??= []; globalThis.keep.push(row); return row; }",
        "(row) => { Array.prototype.keep ??= []; return row; }",
        "(row) => { Math.keep = [row]; return row; }",
        "(row) => { console.keep = [row]; return row; }",
      ]) {
        const answer = await (await loadSmall(fn)).apply(rows(1));
        expect(answer, fn).toMatchObject({ ok: false, index: 0, error: expect.stringMatching(/TypeError/) });
      }
      const counter = await loadSmall("(() => { let n = 0; return (row) => ({ ...row, n: ++n }); })()");
      expect(await counter.apply(rows(2))).toEqual({
        ok: true,
        rows: [
          { id: 1, n: 1 },
          { id: 2, n: 2 },
        ],
      });
      expect(await counter.apply(rows(1))).toEqual({ ok: true, rows: [{ id: 1, n: 1 }] });
      // A batch's worth of growth, batch after batch, never adds up (each batch stays under 16 MB).
      const steady = await loadSmall(
        `(() => { const keep = []; return (row) => { keep.push("z".repeat(10000)); return row; }; })()`,
      );
      for (let batch = 0; batch < 30; batch++) expect((await steady.apply(rows(200))).ok).toBe(true);
    });

    it("leaves ordinary code as it was: optional chains, tagged templates, classes, spreads", async () => {
      const fn = `(row) => {
        const tag = (strings, ...values) => strings.raw.join("|") + values.join(",");
        class Base { constructor(v) { this.v = v; } get twice() { return [this.v, this.v]; } }
        class Child extends Base { constructor(v) { super(v + 1); } label() { return super.constructor.name + this.v; } }
        let s = "a"; s += "b";
        const c = new Child(row.id);
        return {
          ...row,
          missing: row.nothing?.deep().deeper,
          call: row.fn?.(),
          tagged: tag\`x\${row.id}y\`,
          s,
          label: c.label(),
          twice: c.twice,
          sum: [1, 2, 3].map((v) => v * row.id).reduce((a, b) => a + b, 0),
          obj: { ...{ a: 1 }, b: [row.id] },
        };
      }`;
      const answer = await (await loadSmall(fn)).apply([{ id: 2 }]);
      expect(answer).toEqual({
        ok: true,
        rows: [
          {
            id: 2,
            missing: undefined,
            call: undefined,
            tagged: "x|y2",
            s: "ab",
            label: "Base3",
            twice: [3, 3],
            sum: 12,
            obj: { a: 1, b: [2] },
          },
        ],
      });
    });
  });
});

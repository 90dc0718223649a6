/** The loop guard keeps every shape of function source valid JavaScript (engine/transforms/guard.ts). */
import { parse } from "acorn";
import { describe, expect, it } from "vitest";
import { FunctionSourceError, GUARD, instrument } from "../../../src/engine/transforms/guard";
import { transformModule } from "../../../src/engine/transforms/sandbox";

const sources = [
  "(row) => ({ ...row })",
  "row => row.a ? null : row",
  "async (row) => await Promise.resolve(row)",
  "(row) => (row.a, row)",
  "function (row) { for (const k of Object.keys(row)) if (k) continue; return row; }",
  "function* g(row) { yield row; }",
  "fn(row) { let i = 0; do i++; while (i < 3); return { ...row, i }; }",
  "async fn(row) { for await (const x of [row]) {} return row; }",
  "(row) => { class A { get x() { return 1; } m() { return [1, 2].map((v) => v * 2); } } return { ...row, a: new A().m() }; }",
  "(row) => { outer: for (let i = 0; i < 2; i++) { for (;;) break outer; } return row; }",
];

describe("the loop guard", () => {
  it("keeps each function shape a valid module with a guarded body", () => {
    for (const source of sources) {
      const module = transformModule(source);
      expect(() => parse(module, { ecmaVersion: "latest", sourceType: "module" }), source).not.toThrow();
      expect(module).toContain(`${GUARD}(50)`);
    }
  });

  it("refuses a source that names the guard, or does not parse, with the position", () => {
    expect(() => instrument(`export default (() => ${GUARD}_reset());`)).toThrow(FunctionSourceError);
    expect(() => transformModule("(row) => {")).toThrow(/does not parse: Unexpected token \(line 2, column/);
  });
});

/**
 * Bounds the work a function transform does per batch, in the function's own code. On
 * Cloudflare the isolate's CPU limit (`limits.cpuMs`) stops a runaway function; the local
 * runtime (workerd under wrangler dev and vitest) enforces no CPU or memory limit at all
 * (cloudflare/workerd#49), and a busy loop there blocks every Worker of the process. So every
 * loop body and every function body of the source is given a call to a guard that counts down
 * a budget reset before each row: an infinite loop, unbounded recursion through promises or a
 * self-rescheduling callback throws a RangeError instead of running forever. Hand-written (acorn
 * parses, the guard calls are spliced in by position): no library instruments loops for this.
 */
import { parse } from "acorn";

/** The guard's name in the instrumented module; a source that mentions it is refused. */
export const GUARD = "__fivetran_guard";

/** Work allowed per row: a loop iteration costs 1, a function call {@link CALL_COST} (each may allocate a frame or a promise). */
export const GUARD_BUDGET = 10_000_000;

/** What one function call costs of the budget: 200,000 calls per row at most. */
export const CALL_COST = 50;

// biome-ignore lint/suspicious/noExplicitAny: acorn's ESTree nodes are walked generically.
type Node = any;

const LOOPS = new Set(["ForStatement", "ForInStatement", "ForOfStatement", "WhileStatement", "DoWhileStatement"]);
const FUNCTIONS = new Set(["FunctionExpression", "FunctionDeclaration", "ArrowFunctionExpression"]);

/** Thrown for a source that does not parse as a function expression. */
export class FunctionSourceError extends Error {}

/**
 * `module` (the transform module's text) with a guard call at the top of every loop and function
 * body. Throws {@link FunctionSourceError} when it does not parse.
 */
export function instrument(module: string): string {
  if (module.includes(GUARD)) throw new FunctionSourceError(`the function may not use the name ${GUARD}`);
  let ast: Node;
  try {
    ast = parse(module, { ecmaVersion: "latest", sourceType: "module" });
  } catch (error) {
    const message = String((error as Error).message);
    throw new FunctionSourceError(
      `the function does not parse: ${message.replace(/\((\d+):(\d+)\)$/, (_, l, c) => `(line ${Number(l) - 1}, column ${Number(c) + 1})`)}`,
    );
  }
  const inserts: { at: number; text: string }[] = [];
  const call = `${GUARD}(1);`;
  const enter = `${GUARD}(${CALL_COST});`;
  const guardBody = (body: Node) => {
    if (body.type === "BlockStatement") inserts.push({ at: body.start + 1, text: call });
    else {
      inserts.push({ at: body.start, text: `{${call}` });
      inserts.push({ at: body.end, text: "}" });
    }
  };
  const visit = (node: Node) => {
    if (!node || typeof node.type !== "string") return;
    if (LOOPS.has(node.type)) guardBody(node.body);
    if (FUNCTIONS.has(node.type)) {
      if (node.body.type === "BlockStatement") inserts.push({ at: node.body.start + 1, text: enter });
      else {
        // An arrow's expression body: `(a) => expr` becomes `(a) => (guard(n), expr)`.
        inserts.push({ at: node.body.start, text: `(${GUARD}(${CALL_COST}), ` });
        inserts.push({ at: node.body.end, text: ")" });
      }
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === "loc") continue;
      if (Array.isArray(value)) for (const child of value) visit(child);
      else if (value && typeof value === "object") visit(value);
    }
  };
  visit(ast);
  // Splice from the end so earlier positions stay valid; at one position, later inserts go first.
  inserts.sort((a, b) => b.at - a.at);
  let out = module;
  for (const { at, text } of inserts) out = out.slice(0, at) + text + out.slice(at);
  return `let ${GUARD}_left = 0;
function ${GUARD}(cost) {
  if ((${GUARD}_left -= cost) < 0) throw new RangeError("the function ran more than ${GUARD_BUDGET} loop iterations (a call counts ${CALL_COST}) for one row: it was stopped");
}
export function ${GUARD}_reset() { ${GUARD}_left = ${GUARD_BUDGET}; }
${out}`;
}

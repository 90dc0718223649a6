/**
 * Bounds the work and the memory a function transform uses per batch, in the function's own
 * code. On Cloudflare the isolate's CPU limit (`limits.cpuMs`) and its 128 MB memory limit stop
 * a runaway function; the local runtime (workerd under wrangler dev and vitest) enforces
 * neither (cloudflare/workerd#49): a busy loop there blocks every Worker of the process, and an
 * isolate whose heap reaches V8's limit aborts the whole process (V8's fatal OOM: no isolate
 * limit, no near-heap-limit callback), taking every connection with it. So the source is
 * instrumented:
 *
 * - **Work:** every loop body and every function body calls a guard that counts down a budget
 *   reset before each row ({@link GUARD_BUDGET}): an infinite loop, unbounded recursion through
 *   promises or a self-rescheduling callback throws a RangeError instead of running forever.
 * - **Memory:** every allocation site is charged an estimate of the bytes it allocates against a
 *   budget reset before each batch (`memoryBytes`): each call's result (a string's length × 2,
 *   an array's length × 8, a typed array's bytes), string concatenation (`+`, `+=`, template
 *   literals), object and array literals (per property; a spread counts the properties it
 *   copied), `new`, and a few bytes per loop turn and call (growing an array by index, frames).
 *   Allocations inside built-ins that return something else (a Map growing) are not seen; what
 *   they store was charged where it was made. With nothing able to outlive a batch (the harness
 *   makes a fresh function per batch and freezes everything global, sandbox.ts), what a batch
 *   retains is bounded by what it allocated, so a function that grows its memory is stopped
 *   with a RangeError long before V8's limit.
 *
 * Once a budget is spent every guard call throws, so a function that catches the error cannot
 * go on; the harness also fails the row whatever the function did with it. Hand-written (acorn
 * parses, the guard calls are spliced in by position): no library instruments code for this.
 */
import { parse } from "acorn";

/** The guard's name in the instrumented module; a source that mentions it is refused. */
export const GUARD = "__fivetran_guard";

/** Work allowed per row: a loop iteration costs 1, a function call {@link CALL_COST} (each may allocate a frame or a promise). */
export const GUARD_BUDGET = 10_000_000;

/** What one function call costs of the budget: 200,000 calls per row at most. */
export const CALL_COST = 50;

/** Memory a batch may allocate by default (estimated bytes; SandboxLimits.memoryMb overrides it). */
export const DEFAULT_MEMORY_BYTES = 256 * 1024 * 1024;

// biome-ignore lint/suspicious/noExplicitAny: acorn's ESTree nodes are walked generically.
type Node = any;

const LOOPS = new Set(["ForStatement", "ForInStatement", "ForOfStatement", "WhileStatement", "DoWhileStatement"]);
const FUNCTIONS = new Set(["FunctionExpression", "FunctionDeclaration", "ArrowFunctionExpression"]);

/** Thrown for a source that does not parse as a function expression. */
export class FunctionSourceError extends Error {}

/** The guard's runtime, prepended to the instrumented module. */
function runtime(memoryBytes: number): string {
  const mb = Math.round(memoryBytes / (1024 * 1024));
  const memory = `the function allocated more than ${mb} MB in one batch (an estimate of the strings, arrays and objects it made): it was stopped`;
  return `let ${GUARD}_left = 0;
let ${GUARD}_bytes = 0;
let ${GUARD}_spent = null;
function ${GUARD}_stop(message) {
  ${GUARD}_spent ??= message;
  throw new RangeError(${GUARD}_spent);
}
function ${GUARD}_take(size) {
  if (${GUARD}_spent !== null || (${GUARD}_bytes -= size) < 0) ${GUARD}_stop(${JSON.stringify(memory)});
}
function ${GUARD}(cost) {
  if (${GUARD}_spent !== null) ${GUARD}_stop();
  if ((${GUARD}_left -= cost) < 0) ${GUARD}_stop("the function ran more than ${GUARD_BUDGET} loop iterations (a call counts ${CALL_COST}) for one row: it was stopped");
  ${GUARD}_take(cost * 8);
}
function ${GUARD}_a(value) {
  let size = 0;
  if (typeof value === "string") size = value.length * 2;
  else if (typeof value === "object" && value !== null) {
    if (Array.isArray(value)) size = 16 + value.length * 8;
    else if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) size = 64 + value.byteLength;
    else size = 32;
  }
  ${GUARD}_take(size);
  return value;
}
function ${GUARD}_o(value, properties, spread) {
  ${GUARD}_take(32 + 16 * (spread ? Object.keys(value).length : properties));
  return value;
}
export function ${GUARD}_reset() { ${GUARD}_left = ${GUARD_BUDGET}; }
export function ${GUARD}_batch() { ${GUARD}_bytes = ${memoryBytes}; ${GUARD}_spent = null; }
export function ${GUARD}_stopped() { return ${GUARD}_spent; }
`;
}

/** One text spliced in: `open` texts go before what starts at `at`, `close` texts after what ends there. */
interface Insert {
  at: number;
  text: string;
  close: boolean;
  /** Visit order: an outer node's inserts come first. */
  seq: number;
}

/**
 * `module` (the transform module's text) with a guard call at the top of every loop and function
 * body and around every allocation site. Throws {@link FunctionSourceError} when it does not parse.
 */
export function instrument(module: string, memoryBytes = DEFAULT_MEMORY_BYTES): string {
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
  const inserts: Insert[] = [];
  let seq = 0;
  const open = (at: number, text: string) => inserts.push({ at, text, close: false, seq: seq++ });
  const close = (at: number, text: string) => inserts.push({ at, text, close: true, seq: seq++ });
  const call = `${GUARD}(1);`;
  const enter = `${GUARD}(${CALL_COST});`;
  const guardBody = (body: Node) => {
    if (body.type === "BlockStatement") open(body.start + 1, call);
    else {
      open(body.start, `{${call}`);
      close(body.end, "}");
    }
  };
  /** `node` becomes `guard_a(node)`: its value is charged by size, then returned as it was. */
  const charge = (node: Node) => {
    open(node.start, `${GUARD}_a(`);
    close(node.end, ")");
  };
  const visit = (node: Node, parent: Node) => {
    if (!node || typeof node.type !== "string") return;
    if (LOOPS.has(node.type)) guardBody(node.body);
    if (FUNCTIONS.has(node.type)) {
      if (node.body.type === "BlockStatement") open(node.body.start + 1, enter);
      else {
        // An arrow's expression body: \`(a) => expr\` becomes \`(a) => (guard(n), expr)\`.
        open(node.body.start, `(${GUARD}(${CALL_COST}), `);
        close(node.body.end, ")");
      }
    }
    switch (node.type) {
      case "CallExpression":
      case "NewExpression":
        // Inside an optional chain the whole chain is charged (wrapping a link would break
        // its short-circuit); \`super(…)\` must stay a bare call.
        if (!node.optional && parent?.type !== "ChainExpression" && node.callee.type !== "Super" && !inChain(node))
          charge(node);
        break;
      case "ChainExpression":
      case "TaggedTemplateExpression":
        charge(node);
        break;
      case "TemplateLiteral":
        if (parent?.type !== "TaggedTemplateExpression") charge(node);
        break;
      case "BinaryExpression":
        if (node.operator === "+") charge(node);
        break;
      case "AssignmentExpression":
        if (node.operator === "+=") charge(node);
        break;
      case "ArrayExpression":
        charge(node);
        break;
      case "ObjectExpression": {
        // An object pattern's default (\`{ a } = {}\`) is an expression too; only literals reach here.
        const spread = node.properties.some((p: Node) => p.type === "SpreadElement");
        open(node.start, `${GUARD}_o(`);
        close(node.end, `, ${node.properties.length}, ${spread})`);
        break;
      }
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === "loc") continue;
      if (Array.isArray(value)) for (const child of value) visit(child, node);
      else if (value && typeof value === "object") visit(value, node);
    }
  };
  const chainOf = new Set<Node>();
  const markChains = (node: Node, inside: boolean) => {
    if (!node || typeof node.type !== "string") return;
    const nowInside = inside || node.type === "ChainExpression";
    if (nowInside && (node.type === "CallExpression" || node.type === "MemberExpression")) chainOf.add(node);
    for (const [key, value] of Object.entries(node)) {
      if (key === "loc") continue;
      // A call's arguments and a computed member's property start a new expression.
      const child = (n: Node) =>
        markChains(
          n,
          nowInside &&
            !(node.type === "CallExpression" && key === "arguments") &&
            !(node.type === "MemberExpression" && key === "property" && node.computed) &&
            node.type !== "ArrowFunctionExpression" &&
            node.type !== "FunctionExpression",
        );
      if (Array.isArray(value)) for (const item of value) child(item);
      else if (value && typeof value === "object") child(value);
    }
  };
  const inChain = (node: Node) => chainOf.has(node);
  markChains(ast, false);
  visit(ast, null);
  // Splice from the end so earlier positions stay valid. At one position: what closes the node
  // before it goes before what opens the next; of two opens the outer goes first, of two closes
  // the inner (splicing puts a later splice in front, so the order below is the reverse).
  inserts.sort((a, b) => {
    if (a.at !== b.at) return b.at - a.at;
    if (a.close !== b.close) return a.close ? 1 : -1;
    return a.close ? a.seq - b.seq : b.seq - a.seq;
  });
  let out = module;
  for (const { at, text } of inserts) out = out.slice(0, at) + text + out.slice(at);
  return `${runtime(memoryBytes)}${out}`;
}

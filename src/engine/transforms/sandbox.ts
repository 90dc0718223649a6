/**
 * Function transforms run in a dynamic isolate loaded through the Worker Loader binding: the
 * function's source is one module of a Worker of its own, with no network (`globalOutbound:
 * null`: `fetch` and `connect` throw), no bindings (`env` is empty), string evaluation refused by
 * the runtime (`eval`, `new Function`), and a CPU limit per call. The engine calls it over RPC,
 * one batch of rows (objects keyed by column) at a time. Each connection's function gets its
 * own isolate (named by connection and source), so a function that loops or crashes its
 * isolate only fails its own connection's run.
 *
 * Memory: nothing the function makes outlives its batch. The module exports a factory that
 * evaluates the function's source afresh for each batch (state kept in a closure is dropped with
 * it), and before any of it runs the harness freezes the global object and everything reachable
 * from it (the built-ins and their prototypes), so no global, prototype or built-in can be made
 * to hold rows across batches. Within a batch the guard (guard.ts) charges every allocation site
 * against `memoryMb`; what a batch retains is at most what it allocated. That is what keeps a
 * function whose memory grows a little on every row from aborting the local runtime, which
 * enforces no isolate memory limit (cloudflare/workerd#49); on Cloudflare the isolate's 128 MB
 * limit stops it as well.
 */
import { DEFAULT_MEMORY_BYTES, GUARD, instrument } from "./guard";
import { functionExpression } from "./spec";

/** What the isolate answers for a batch: the results in row order, or the first row that threw. */
export type SandboxAnswer =
  | { ok: true; rows: unknown[] }
  | { ok: false; index: number; error: string }
  | { ok: false; index: -1; error: string };

/** How the sandbox is bounded. */
export interface SandboxLimits {
  /** CPU per batch call (ms), enforced by the runtime. */
  cpuMs: number;
  /** Wall-clock per batch call (ms): a function awaiting something that never settles is abandoned. */
  timeoutMs: number;
  /** Memory a batch may allocate (MB, estimated by the guard); 256 when absent. */
  memoryMb?: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = {
  cpuMs: 2000,
  timeoutMs: 30_000,
  memoryMb: DEFAULT_MEMORY_BYTES / (1024 * 1024),
};

/** The isolate's entry: calls the function on each row, awaiting a promise it may return. */
const HARNESS = `import { WorkerEntrypoint } from "cloudflare:workers";
import makeTransform, { ${GUARD}_reset as reset, ${GUARD}_batch as batch, ${GUARD}_stopped as stopped } from "./transform.js";
// No timers: a row's work ends when its function returns (or its promise settles).
for (const name of ["setTimeout", "setInterval", "clearTimeout", "clearInterval", "queueMicrotask", "scheduler"]) {
  try { Object.defineProperty(globalThis, name, { value: undefined, writable: false, configurable: false }); } catch {}
}
// Nothing global can hold what a batch made: the global object, the built-ins and their
// prototypes are frozen before the function's source is first evaluated.
const frozen = new Set();
const freeze = (value) => {
  if ((typeof value !== "object" && typeof value !== "function") || value === null || frozen.has(value)) return;
  frozen.add(value);
  try { Object.freeze(value); } catch {}
  let keys = [];
  try { keys = Reflect.ownKeys(value); } catch {}
  for (const key of keys) {
    let d;
    try { d = Object.getOwnPropertyDescriptor(value, key); } catch { continue; }
    if (!d) continue;
    if ("value" in d) freeze(d.value);
    else {
      freeze(d.get);
      freeze(d.set);
      if (value === globalThis && d.get) { try { freeze(d.get.call(globalThis)); } catch {} }
    }
  }
  try { freeze(Object.getPrototypeOf(value)); } catch {}
};
freeze(globalThis);
const describe = (e) => (e && typeof e === "object" && "message" in e ? (e.name ? e.name + ": " : "") + e.message : String(e));
export default class Transform extends WorkerEntrypoint {
  check() {
    batch();
    reset();
    const transform = makeTransform();
    return typeof transform === "function" ? { ok: true } : { ok: false, error: "the transform's fn is not a function (it is " + typeof transform + ")" };
  }
  async apply(rows) {
    const out = new Array(rows.length);
    batch();
    reset();
    let transform;
    try {
      transform = makeTransform();
    } catch (e) {
      return { ok: false, index: -1, error: describe(e) };
    }
    for (let i = 0; i < rows.length; i++) {
      reset();
      try {
        let result = transform(rows[i]);
        if (result && typeof result.then === "function") result = await result;
        // A budget spent fails the row even if the function caught the guard's error.
        const spent = stopped();
        if (spent !== null) return { ok: false, index: i, error: "RangeError: " + spent };
        out[i] = result === undefined ? { __undefined: true } : result;
      } catch (e) {
        return { ok: false, index: i, error: describe(stopped() !== null ? new RangeError(stopped()) : e) };
      }
    }
    return { ok: true, rows: out };
  }
}
`;

/**
 * The user's module: a factory of the function (its source evaluated afresh on each call) as the
 * default export, its loops, calls and allocations guarded.
 */
export function transformModule(source: string, memoryMb = DEFAULT_SANDBOX_LIMITS.memoryMb ?? 256): string {
  return instrument(`export default () => (\n${functionExpression(source)}\n);\n`, memoryMb * 1024 * 1024);
}

async function digest(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return [...bytes.slice(0, 12)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

interface TransformEntrypoint {
  check(): Promise<{ ok: boolean; error?: string }>;
  apply(rows: Record<string, unknown>[]): Promise<SandboxAnswer>;
}

const describe = (error: unknown) => String((error as Error)?.message ?? error).replace(/^Error: /, "");

/** One connection's function, loaded in its isolate. */
export class FunctionSandbox {
  private constructor(
    private readonly entry: TransformEntrypoint,
    private readonly limits: SandboxLimits,
  ) {}

  /** Loads `source` for `owner` (a connection id). Refuses a source that does not load or is not a function. */
  static async load(loader: WorkerLoader, owner: string, source: string, limits = DEFAULT_SANDBOX_LIMITS) {
    const module = transformModule(source, limits.memoryMb ?? DEFAULT_SANDBOX_LIMITS.memoryMb);
    const name = `transform:${owner}:${await digest(`${limits.memoryMb ?? ""}:${source}`)}`;
    const stub = loader.get(name, () => ({
      compatibilityDate: "2026-11-01",
      mainModule: "harness.js",
      modules: { "harness.js": HARNESS, "transform.js": module },
      env: {},
      globalOutbound: null,
      limits: { cpuMs: limits.cpuMs },
    }));
    const sandbox = new FunctionSandbox(stub.getEntrypoint() as unknown as TransformEntrypoint, limits);
    const checked = await sandbox.call(() => sandbox.entry.check());
    if (!checked.ok) throw new Error(checked.error);
    return sandbox;
  }

  /** Runs the function over `rows`. Never throws for what the function did: the answer says. */
  async apply(rows: Record<string, unknown>[]): Promise<SandboxAnswer> {
    try {
      return await this.call(() => this.entry.apply(rows));
    } catch (error) {
      return { ok: false, index: -1, error: describe(error) };
    }
  }

  private async call<T>(run: () => Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the function did not finish a batch within ${this.limits.timeoutMs} ms`)),
        this.limits.timeoutMs,
      );
    });
    try {
      return await Promise.race([run(), timeout]);
    } catch (error) {
      throw new Error(explain(describe(error)));
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The runtime's words for a contained escape, said plainly. */
function explain(message: string): string {
  if (/exceeded CPU|CPU time limit/i.test(message)) {
    return `the function used more CPU than a batch may (its isolate was stopped): ${message}`;
  }
  if (/detected that your Worker's code had hung/.test(message)) {
    return "the function returned a promise that never settles (it waits on nothing that can finish)";
  }
  if (
    /memory limit|out of memory|Array buffer allocation failed|Invalid array length|Invalid string length/i.test(
      message,
    )
  ) {
    return `the function allocated more memory than its isolate may (it was stopped): ${message}`;
  }
  return message;
}

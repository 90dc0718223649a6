/**
 * Function transforms run in a dynamic isolate loaded through the Worker Loader binding: the
 * function's source is one module of a Worker of its own, with no network (`globalOutbound:
 * null`: `fetch` and `connect` throw), no bindings (`env` is empty), string evaluation refused by
 * the runtime (`eval`, `new Function`), and a CPU limit per call. The engine calls it over RPC,
 * one batch of rows (objects keyed by column) at a time. Each connection's function gets its
 * own isolate (named by connection and source), so a function that loops, allocates without
 * bound or crashes its isolate only fails its own connection's run.
 */
import { GUARD, instrument } from "./guard";
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
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = { cpuMs: 2000, timeoutMs: 30_000 };

/** The isolate's entry: calls the function on each row, awaiting a promise it may return. */
const HARNESS = `import { WorkerEntrypoint } from "cloudflare:workers";
import transform, { ${GUARD}_reset as reset } from "./transform.js";
// No timers: a row's work ends when its function returns (or its promise settles).
for (const name of ["setTimeout", "setInterval", "clearTimeout", "clearInterval", "queueMicrotask", "scheduler"]) {
  try { Object.defineProperty(globalThis, name, { value: undefined, writable: false, configurable: false }); } catch {}
}
const describe = (e) => (e && typeof e === "object" && "message" in e ? (e.name ? e.name + ": " : "") + e.message : String(e));
export default class Transform extends WorkerEntrypoint {
  check() {
    reset();
    return typeof transform === "function" ? { ok: true } : { ok: false, error: "the transform's fn is not a function (it is " + typeof transform + ")" };
  }
  async apply(rows) {
    const out = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      reset();
      try {
        let result = transform(rows[i]);
        if (result && typeof result.then === "function") result = await result;
        out[i] = result === undefined ? { __undefined: true } : result;
      } catch (e) {
        return { ok: false, index: i, error: describe(e) };
      }
    }
    return { ok: true, rows: out };
  }
}
`;

/** The user's module: the function's source as the default export, its loops and calls guarded. */
export function transformModule(source: string): string {
  return instrument(`export default (\n${functionExpression(source)}\n);\n`);
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
    const module = transformModule(source);
    const name = `transform:${owner}:${await digest(source)}`;
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

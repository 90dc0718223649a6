/**
 * Jinja interpolation as Airbyte manifests use it, through @huggingface/jinja (an interpreter:
 * no eval, no `new Function`, which workerd forbids anyway). Each template is parsed once
 * ({@link compileTemplate} caches by text). A template that is one `{{ expression }}` yields
 * the expression's value (a number stays a number, `none` is undefined); anything else renders
 * to text. A string without `{{`/`{%` is a literal.
 *
 * Variables: config, parameters, stream_state, stream_interval, stream_partition,
 * stream_slice, next_page_token, response, headers, last_record, last_page_size, record —
 * whichever the caller provides. Macros: now_utc(), today_utc(), day_delta(n, format),
 * duration(iso), format_datetime(dt, format[, input_format]), str_to_datetime(text),
 * timestamp(dt), max(…), min(…). Datetimes are objects with `strftime(fmt)`, `isoformat()` and
 * `timestamp()`; arithmetic on them (`now_utc() - duration('P1D')`) is not supported: write
 * `day_delta(-1)` or `format_datetime(...)` instead.
 */
import { Environment, Interpreter, parse, tokenize } from "@huggingface/jinja";
import { formatDatetime, isoformat, type Micros, parseDuration, parseIso } from "./datetime";

type Node = Parameters<typeof parse>[0] extends never ? never : ReturnType<typeof parse>;

interface Compiled {
  /** The whole template's program (for text rendering). */
  program: Node;
  /** The expression of a `{{ expression }}` template. */
  expression?: unknown;
  literal?: string;
}

const cache = new Map<string, Compiled>();
const CACHE_LIMIT = 5000;

const SINGLE = /^\s*\{\{([\s\S]*)\}\}\s*$/;

/** Parses a template once (cached by its text); throws on a syntax error. */
export function compileTemplate(text: string): Compiled {
  const hit = cache.get(text);
  if (hit) return hit;
  let compiled: Compiled;
  if (!text.includes("{{") && !text.includes("{%")) {
    compiled = { program: parse([]), literal: text };
  } else {
    const program = parse(tokenize(text, { lstrip_blocks: true, trim_blocks: true }));
    compiled = { program };
    const single = SINGLE.exec(text);
    if (single && !single[1]?.includes("{{") && !single[1]?.includes("}}") && !text.includes("{%")) {
      const body = (program as unknown as { body: unknown[] }).body;
      if (body.length === 1) compiled.expression = body[0];
    }
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, compiled);
  return compiled;
}

// ---------------------------------------------------------------------------------------
// Datetimes and macros.

const DATETIME = "__datetime__";

/** A datetime as templates see it. */
export function datetimeValue(at: Micros, dateOnly = false): Record<string, unknown> {
  return {
    [DATETIME]: at,
    __date_only__: dateOnly,
    strftime: (format: string) => formatDatetime(at, String(format)),
    isoformat: () => (dateOnly ? formatDatetime(at, "%Y-%m-%d") : isoformat(at)),
    timestamp: () => at / 1e6,
    date: () => datetimeValue(Math.floor(at / 86_400e6) * 86_400e6, true),
  };
}

/** An argument as a JS value: runtime maps unwrapped (jinja passes objects as Maps of runtime values). */
function plain(value: unknown): unknown {
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of value) out[key] = plain((inner as { value: unknown }).value);
    return out;
  }
  if (Array.isArray(value)) return value.map((item) => plain((item as { value?: unknown })?.value ?? item));
  return value;
}

/** The instant of a datetime argument: a datetime object, an ISO string, or epoch seconds. */
function instant(value: unknown): Micros | undefined {
  const v = plain(value);
  if (v && typeof v === "object" && DATETIME in v) return (v as Record<string, number>)[DATETIME];
  if (typeof v === "number") return Math.round(v * 1e6);
  if (typeof v === "string")
    return parseIso(v) ?? (/^-?\d+(\.\d+)?$/.test(v) ? Math.round(Number(v) * 1e6) : undefined);
  return undefined;
}

/** Splits jinja's trailing keyword-arguments map from positional arguments. */
function split(args: unknown[]): { positional: unknown[]; kwargs: Record<string, unknown> } {
  const last = args.at(-1);
  if (last instanceof Map && args.length > 0) {
    return { positional: args.slice(0, -1), kwargs: plain(last) as Record<string, unknown> };
  }
  return { positional: args, kwargs: {} };
}

function macros(now: () => Date): Record<string, unknown> {
  const nowMicros = () => now().getTime() * 1000;
  return {
    now_utc: () => datetimeValue(nowMicros()),
    today_utc: () => datetimeValue(Math.floor(nowMicros() / 86_400e6) * 86_400e6, true),
    day_delta: (...args: unknown[]) => {
      const { positional, kwargs } = split(args);
      const days = Number(positional[0] ?? kwargs.num_days ?? 0);
      const format = String(positional[1] ?? kwargs.format ?? "%Y-%m-%dT%H:%M:%S.%f%z");
      return formatDatetime(nowMicros() + Math.round(days * 86_400e6), format);
    },
    duration: (text: unknown) => {
      const parsed = parseDuration(String(plain(text)));
      if (!parsed) throw new Error(`duration('${String(text)}'): not an ISO 8601 duration`);
      const seconds = parsed.micros / 1e6 + parsed.months * 30 * 86_400;
      return { total_seconds: () => seconds, seconds, months: parsed.months };
    },
    format_datetime: (...args: unknown[]) => {
      const { positional, kwargs } = split(args);
      const value = positional[0];
      const format = String(positional[1] ?? kwargs.format);
      const at = instant(value);
      if (at === undefined) return undefined;
      return formatDatetime(at, format);
    },
    str_to_datetime: (text: unknown) => {
      const at = instant(text);
      return at === undefined ? undefined : datetimeValue(at);
    },
    timestamp: (value: unknown) => {
      const at = instant(value);
      return at === undefined ? undefined : Math.floor(at / 1e6);
    },
    max: (...args: unknown[]) => {
      const values = (
        args.length === 1 && Array.isArray(plain(args[0])) ? (plain(args[0]) as unknown[]) : args.map(plain)
      ).filter((v) => v !== null && v !== undefined);
      return values.reduce<unknown>((a, b) => (a === undefined || (b as number) > (a as number) ? b : a), undefined);
    },
    min: (...args: unknown[]) => {
      const values = (
        args.length === 1 && Array.isArray(plain(args[0])) ? (plain(args[0]) as unknown[]) : args.map(plain)
      ).filter((v) => v !== null && v !== undefined);
      return values.reduce<unknown>((a, b) => (a === undefined || (b as number) < (a as number) ? b : a), undefined);
    },
  };
}

// ---------------------------------------------------------------------------------------
// Evaluation.

/** The variables of one evaluation (config, response, …); reuse one object for many templates. */
export type Variables = Record<string, unknown>;

const environments = new WeakMap<Variables, Environment>();

function environment(vars: Variables, now: () => Date): Environment {
  let env = environments.get(vars);
  if (!env) {
    env = new Environment();
    for (const [name, value] of Object.entries({
      true: true,
      false: false,
      none: null,
      True: true,
      False: false,
      None: null,
    })) {
      env.set(name, value);
    }
    for (const [name, value] of Object.entries(macros(now))) env.set(name, value);
    for (const [name, value] of Object.entries(vars)) env.set(name, value === undefined ? null : value);
    environments.set(vars, env);
  }
  return env;
}

/** A runtime value as JS; datetimes become ISO text. */
function toJs(value: { type?: string; value?: unknown } | undefined): unknown {
  if (!value) return undefined;
  switch (value.type) {
    case "UndefinedValue":
    case "NullValue":
      return undefined;
    case "ArrayValue":
    case "TupleValue":
      return (value.value as { type?: string; value?: unknown }[]).map(toJs);
    case "ObjectValue": {
      const map = value.value as Map<string, { type?: string; value?: unknown }>;
      const at = map.get(DATETIME);
      if (at) {
        const dateOnly = map.get("__date_only__")?.value === true;
        return dateOnly ? formatDatetime(at.value as number, "%Y-%m-%d") : isoformat(at.value as number);
      }
      const out: Record<string, unknown> = {};
      for (const [key, inner] of map) if (inner.type !== "FunctionValue") out[key] = toJs(inner);
      return out;
    }
    case "FunctionValue":
      return undefined;
    default:
      return value.value;
  }
}

export class InterpolationError extends Error {}

/** Evaluates a template (or returns a literal); `none`/undefined results are undefined. */
export function evaluate(template: unknown, vars: Variables, now: () => Date = () => new Date()): unknown {
  if (typeof template !== "string") return template;
  const compiled = compileTemplate(template);
  if (compiled.literal !== undefined) return compiled.literal;
  const env = environment(vars, now);
  const interpreter = new Interpreter(env);
  try {
    if (compiled.expression) {
      const result = (interpreter as unknown as { evaluate(node: unknown, env: Environment): never }).evaluate(
        compiled.expression,
        env,
      );
      return toJs(result);
    }
    const text = interpreter.run(compiled.program as never).value as string;
    return text;
  } catch (error) {
    throw new InterpolationError(`template ${shortTemplate(template)} failed: ${(error as Error).message}`);
  }
}

function shortTemplate(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}

/** A template's value as text (undefined when it renders to nothing). */
export function evaluateString(template: unknown, vars: Variables, now?: () => Date): string | undefined {
  const value = evaluate(template, vars, now);
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** A template's value as a boolean (Python truthiness of the result; "False"/"false" is false). */
export function evaluateBoolean(template: unknown, vars: Variables, now?: () => Date): boolean {
  const value = evaluate(template, vars, now);
  if (typeof value === "string") return !["", "false", "False", "none", "None", "0"].includes(value.trim());
  if (Array.isArray(value)) return value.length > 0;
  if (value && typeof value === "object") return Object.keys(value).length > 0;
  return Boolean(value);
}

/** Evaluates every value of a map (dropping keys whose value is empty), or a template rendering to one. */
export function evaluateMap(mapping: unknown, vars: Variables, now?: () => Date): Record<string, unknown> {
  if (mapping === undefined) return {};
  if (typeof mapping === "string") {
    const value = evaluate(mapping, vars, now);
    if (value === undefined) return {};
    if (typeof value === "string") {
      try {
        const parsed = JSON.parse(value);
        if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed;
      } catch {
        // Not JSON.
      }
      throw new InterpolationError(`template ${shortTemplate(mapping)} did not render to a map`);
    }
    if (typeof value !== "object" || Array.isArray(value)) {
      throw new InterpolationError(`template ${shortTemplate(mapping)} did not render to a map`);
    }
    return value as Record<string, unknown>;
  }
  const out: Record<string, unknown> = {};
  for (const [rawKey, template] of Object.entries(mapping as Record<string, unknown>)) {
    const key = evaluateString(rawKey, vars, now) ?? rawKey;
    const value = deep(template, vars, now);
    if (value === undefined || value === "") continue;
    out[key] = value;
  }
  return out;
}

function deep(value: unknown, vars: Variables, now?: () => Date): unknown {
  if (typeof value === "string") return evaluate(value, vars, now);
  if (Array.isArray(value)) return value.map((item) => deep(item, vars, now));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const inner = deep(v, vars, now);
      if (inner !== undefined) out[k] = inner;
    }
    return out;
  }
  return value;
}

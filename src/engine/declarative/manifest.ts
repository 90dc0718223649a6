/**
 * From a manifest as the user hands it (YAML text or a JSON object) to a validated
 * {@link Manifest}: YAML parsed, `$ref`s resolved (`{$ref: "#/definitions/x"}` with sibling
 * overrides, the string shorthand `"#/definitions/x"` and the older `"*ref(definitions.x)"`),
 * `$parameters` propagated down the component tree (a child's own win), every template
 * compiled once (a syntax error is a validation error), then the zod schemas (schema.ts).
 * Errors name the JSON path of the component: `streams[2].retriever.paginator: …`.
 *
 * The reference resolution and propagation are written by hand: they are Airbyte's own rules
 * (ManifestReferenceResolver, ManifestComponentTransformer), a few dozen lines, no library.
 */
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { compileTemplate } from "./interpolation";
import { type Manifest, ManifestSchema } from "./schema";

export type ParseResult = { ok: true; manifest: Manifest } | { ok: false; errors: string[] };

type Path = (string | number)[];

/** `streams[2].retriever.paginator` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || "(manifest)";
}

class ManifestError extends Error {
  constructor(
    readonly path: Path,
    message: string,
  ) {
    super(message);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value a reference names: `#/definitions/a/b` or `definitions.a.b`. */
function lookup(root: Record<string, unknown>, reference: string, path: Path): unknown {
  let parts: string[];
  if (reference.startsWith("#/")) {
    parts = reference
      .slice(2)
      .split("/")
      .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  } else {
    parts = reference.split(".");
  }
  let current: unknown = root;
  for (const part of parts) {
    if (!isObject(current) && !Array.isArray(current)) throw new ManifestError(path, `$ref '${reference}' not found`);
    current = (current as Record<string, unknown>)[part];
    if (current === undefined) throw new ManifestError(path, `$ref '${reference}' not found`);
  }
  return current;
}

const REF_STRING = /^#\/[^\s]*$/;
const OLD_REF = /^\*ref\(([^)]+)\)$/;

function resolveRefs(root: Record<string, unknown>): Record<string, unknown> {
  const resolve = (value: unknown, path: Path, active: string[]): unknown => {
    if (typeof value === "string") {
      const ref = REF_STRING.test(value) ? value : OLD_REF.exec(value)?.[1];
      if (ref === undefined) return value;
      if (active.includes(ref)) throw new ManifestError(path, `$ref '${ref}' refers to itself`);
      return resolve(lookup(root, ref, path), path, [...active, ref]);
    }
    if (Array.isArray(value)) return value.map((item, i) => resolve(item, [...path, i], active));
    if (!isObject(value)) return value;
    let base: Record<string, unknown> = {};
    const ref = value.$ref;
    if (ref !== undefined) {
      if (typeof ref !== "string") throw new ManifestError([...path, "$ref"], "must be a string");
      if (active.includes(ref)) throw new ManifestError(path, `$ref '${ref}' refers to itself`);
      const target = resolve(lookup(root, ref, [...path, "$ref"]), path, [...active, ref]);
      if (!isObject(target)) throw new ManifestError([...path, "$ref"], `'${ref}' is not an object`);
      base = target;
    }
    const out: Record<string, unknown> = { ...base };
    for (const [key, inner] of Object.entries(value)) {
      if (key === "$ref") continue;
      // Sibling keys override the referenced object's, merging one level of nested objects.
      const resolved = resolve(inner, [...path, key], active);
      out[key] =
        isObject(base[key]) && isObject(resolved) && key === "$parameters" ? { ...base[key], ...resolved } : resolved;
    }
    return out;
  };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(root)) {
    out[key] = key === "definitions" || key === "schemas" ? value : resolve(value, [key], []);
  }
  return out;
}

/** Values under these keys are data (maps, JSON schemas), not components: no propagation into them. */
const DATA_KEYS = new Set([
  "request_parameters",
  "request_headers",
  "request_body_json",
  "request_body_data",
  "refresh_request_body",
  "refresh_request_headers",
  "schema",
  "connection_specification",
  "advanced_auth",
  "options",
  "metadata",
  "$parameters",
]);

/** Parents' `$parameters` merged into every component below them (a child's own win). */
function propagate(value: unknown, inherited: Record<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((item) => propagate(item, inherited));
  if (!isObject(value)) return value;
  const own = isObject(value.$parameters) ? value.$parameters : {};
  const params = { ...inherited, ...own };
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = DATA_KEYS.has(key) ? inner : propagate(inner, params);
  }
  if (Object.keys(params).length > 0) out.$parameters = params;
  return out;
}

/** Compiles every template string once, reporting syntax errors at their paths. */
function checkTemplates(value: unknown, path: Path, errors: string[]): void {
  if (typeof value === "string") {
    if (value.includes("{{") || value.includes("{%")) {
      try {
        compileTemplate(value);
      } catch (error) {
        errors.push(`${formatPath(path)}: not a valid Jinja template (${(error as Error).message})`);
      }
    }
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) checkTemplates(item, [...path, i], errors);
  } else if (isObject(value)) {
    for (const [key, inner] of Object.entries(value)) {
      if (key === "schema" || key === "connection_specification" || key === "definitions") continue;
      checkTemplates(inner, [...path, key], errors);
    }
  }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = formatPath(issue.path);
  if (issue.code === "unrecognized_keys") {
    return `${where}: unsupported field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `'${k}'`).join(", ")}`;
  }
  if (issue.code === "invalid_value" && issue.path.at(-1) === "type") {
    return `${formatPath(issue.path.slice(0, -1))}: unsupported type (expected ${issue.values.map(String).join(" or ")})`;
  }
  return `${where}: ${issue.message}`;
}

/**
 * Parses and validates a manifest: YAML text or an object. Never throws for bad input; the
 * errors name JSON paths (`streams[0].retriever.requester.url_base: …`).
 */
export function parseManifest(input: unknown): ParseResult {
  let raw: unknown = input;
  if (typeof input === "string") {
    try {
      raw = parseYaml(input, { maxAliasCount: 1000 });
    } catch (error) {
      return { ok: false, errors: [`not valid YAML or JSON: ${(error as Error).message.split("\n")[0]}`] };
    }
  }
  if (!isObject(raw)) return { ok: false, errors: ["a manifest is an object with version, streams and check"] };
  let resolved: unknown;
  try {
    resolved = propagate(resolveRefs(raw), {});
  } catch (error) {
    if (error instanceof ManifestError) return { ok: false, errors: [`${formatPath(error.path)}: ${error.message}`] };
    throw error;
  }
  const templateErrors: string[] = [];
  checkTemplates(resolved, [], templateErrors);
  if (templateErrors.length > 0) return { ok: false, errors: templateErrors };
  const result = ManifestSchema.safeParse(resolved);
  if (!result.success) {
    const errors = [...new Set(result.error.issues.map(describeIssue))];
    return { ok: false, errors };
  }
  return { ok: true, manifest: result.data };
}

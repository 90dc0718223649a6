/**
 * `declarative_manifest`: any HTTP API, from an Airbyte low-code manifest the user hands us.
 * Config `{ schema, manifest, config }`: `schema` the destination schema, `manifest` the
 * manifest as YAML text or a JSON object (validated on create: a 400 names the component
 * path), `config` the values of the manifest's `spec.connection_specification` (validated
 * against that JSON Schema with @cfworker/json-schema).
 *
 * Secrets: the values the spec marks `airbyte_secret: true` (at any depth) are moved out of
 * `config` into the `secret_config` field (marked `secret()`: encrypted at rest, masked as
 * `******`), and `config` keeps `******` in their place — so a GET shows them masked where
 * they belong, and sending `******` back on PATCH keeps the stored value.
 */
import { Validator } from "@cfworker/json-schema";
import { z } from "zod";
import { checkManifest, type Manifest, manifestReader, parseManifest } from "../../declarative/index";
import { InvalidInputError } from "../../errors";
import type { SourceDefinition } from "../../protocol";
import { isRecord, schemaName } from "../../toolkit/common";
import { MASK, secret } from "../../toolkit/config";

type Json = Record<string, unknown>;

// ---------------------------------------------------------------------------------------
// The manifest, parsed once per text (or object).

const parsedText = new Map<string, ReturnType<typeof parseManifest>>();
const parsedObject = new WeakMap<object, ReturnType<typeof parseManifest>>();

function parsed(manifest: unknown): ReturnType<typeof parseManifest> {
  if (typeof manifest === "string") {
    let hit = parsedText.get(manifest);
    if (!hit) {
      hit = parseManifest(manifest);
      if (parsedText.size > 100) parsedText.clear();
      parsedText.set(manifest, hit);
    }
    return hit;
  }
  if (isRecord(manifest)) {
    let hit = parsedObject.get(manifest);
    if (!hit) {
      hit = parseManifest(manifest);
      parsedObject.set(manifest, hit);
    }
    return hit;
  }
  return { ok: false, errors: ["expected YAML text or a JSON object"] };
}

function manifestOf(config: { manifest: unknown }): Manifest {
  const result = parsed(config.manifest);
  if (!result.ok) throw new InvalidInputError(`Invalid value for field 'config.manifest': ${result.errors.join("; ")}`);
  return result.manifest;
}

function specOf(manifest: Manifest): Json {
  return (manifest.spec?.connection_specification as Json | undefined) ?? { type: "object" };
}

// ---------------------------------------------------------------------------------------
// Secrets the spec marks.

/** Paths (`a/b`) of every property marked `airbyte_secret`, through nested objects and oneOf/anyOf branches. */
export function secretPaths(schema: unknown, prefix: string[] = [], out = new Set<string>()): Set<string> {
  if (!isRecord(schema)) return out;
  if (schema.airbyte_secret === true && prefix.length > 0) out.add(prefix.join("/"));
  const properties = schema.properties;
  if (isRecord(properties)) {
    for (const [key, inner] of Object.entries(properties)) secretPaths(inner, [...prefix, key], out);
  }
  for (const branch of ["oneOf", "anyOf", "allOf"] as const) {
    const list = schema[branch];
    if (Array.isArray(list)) for (const inner of list) secretPaths(inner, prefix, out);
  }
  return out;
}

function getPath(value: unknown, path: string[]): unknown {
  let current = value;
  for (const part of path) {
    if (!isRecord(current)) return undefined;
    current = current[part];
  }
  return current;
}

function setPath(value: Json, path: string[], next: unknown): void {
  let current = value;
  for (const part of path.slice(0, -1)) {
    if (!isRecord(current[part])) return;
    current = current[part] as Json;
  }
  current[path.at(-1) as string] = next;
}

/** Moves secret values out of `config` (leaving `******`); returns both. */
function splitManifestSecrets(manifest: unknown, values: Json): { config: Json; secrets: Record<string, unknown> } {
  const result = parsed(manifest);
  const config = structuredClone(values);
  const secrets: Record<string, unknown> = {};
  if (!result.ok) return { config, secrets };
  for (const path of secretPaths(specOf(result.manifest))) {
    const parts = path.split("/");
    const value = getPath(config, parts);
    if (value === undefined || value === null || value === MASK) continue;
    secrets[path] = value;
    setPath(config, parts, MASK);
  }
  return { config, secrets };
}

/** The values the manifest's templates see: `config` with its secrets put back. */
export function manifestValues(config: { config?: Json; secret_config?: Record<string, unknown> }): Json {
  const values = structuredClone(config.config ?? {});
  for (const [path, value] of Object.entries(config.secret_config ?? {})) {
    const parts = path.split("/");
    if (getPath(values, parts) === MASK) setPath(values, parts, value);
  }
  return values;
}

function masksLeft(value: unknown, path: string[] = []): string[] {
  if (value === MASK) return [path.join(".")];
  if (isRecord(value)) return Object.entries(value).flatMap(([k, v]) => masksLeft(v, [...path, k]));
  return [];
}

// ---------------------------------------------------------------------------------------
// The config.

const fields = z
  .object({
    schema: schemaName,
    manifest: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
    config: z.record(z.string(), z.unknown()).default({}),
    /** The values the spec marks airbyte_secret, by path (`a/b`); set by normalize, never by hand. */
    secret_config: secret(z.record(z.string(), z.unknown())).optional(),
  })
  .superRefine((config, ctx) => {
    const result = parsed(config.manifest);
    if (!result.ok) {
      for (const error of result.errors.slice(0, 10))
        ctx.addIssue({ code: "custom", path: ["manifest"], message: error });
      return;
    }
    const values = manifestValues(config);
    for (const left of masksLeft(values)) {
      ctx.addIssue({
        code: "custom",
        path: ["config", ...left.split(".")],
        message: "****** but no secret is stored for it",
      });
    }
    const validator = new Validator(specOf(result.manifest) as never, "7", false);
    const outcome = validator.validate(values);
    if (!outcome.valid) {
      // The innermost errors say what is wrong; the enclosing ones only that something is.
      const leaves = outcome.errors.filter(
        (e) => !["properties", "allOf", "anyOf", "oneOf", "$ref", "items"].includes(e.keyword),
      );
      const seen = new Set<string>();
      for (const error of (leaves.length ? leaves : outcome.errors).slice(0, 10)) {
        const path = error.instanceLocation.replace(/^#\/?/, "").split("/").filter(Boolean);
        const message = error.error.replace(/^Instance /, "the value ");
        const key = `${path.join(".")}|${message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        ctx.addIssue({ code: "custom", path: ["config", ...path], message });
      }
    }
  });

export type DeclarativeManifestConfig = z.infer<typeof fields>;

const readerOptions = {
  manifest: (config: DeclarativeManifestConfig) => manifestOf(config),
  values: (config: DeclarativeManifestConfig) => manifestValues(config),
  namespace: (config: DeclarativeManifestConfig) => config.schema,
};

export const declarativeManifestSource: SourceDefinition<typeof fields> = {
  service: "declarative_manifest",
  naming: "schema",
  info: {
    name: "Declarative manifest (Airbyte low-code)",
    type: "API",
    description: "Any HTTP API, described by an Airbyte low-code (declarative) manifest in YAML or JSON",
    linkToDocs:
      "https://docs.airbyte.com/platform/connector-development/config-based/understanding-the-yaml-file/yaml-overview",
  },
  fields,
  normalize(input) {
    if (input.secret_config !== undefined) {
      throw new InvalidInputError(
        "Invalid value for field 'config.secret_config': set by the service from the fields your manifest's spec marks airbyte_secret; send them in config.config",
      );
    }
    return input;
  },
  merge(stored, input) {
    const merged = { ...stored, ...input };
    if (input.config === undefined && input.manifest === undefined) return merged;
    const values = isRecord(merged.config) ? merged.config : {};
    const { config, secrets: fresh } = splitManifestSecrets(merged.manifest, values);
    merged.config = config;
    // Secrets sent again as ****** keep their stored value; the others are replaced or dropped.
    const kept: Record<string, unknown> = {};
    const previous = isRecord(stored.secret_config) ? stored.secret_config : {};
    for (const [path, value] of Object.entries(previous)) {
      if (getPath(values, path.split("/")) === MASK) kept[path] = value;
    }
    const secrets = { ...kept, ...fresh };
    if (Object.keys(secrets).length > 0) merged.secret_config = secrets;
    else delete merged.secret_config;
    return merged;
  },
  async check(config, ctx) {
    return checkManifest(readerOptions, config, ctx);
  },
  reader: manifestReader(readerOptions),
};

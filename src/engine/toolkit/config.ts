/**
 * Connector config handling shared by connections and destinations: secret marking and
 * masking, normalisation and validation, PATCH merging, and Fivetran's response quirks.
 */
import { z } from "@hono/zod-openapi";
import type { Env } from "../../env";
import { describeIssue } from "../../lib/router";
import { decryptJson, encryptJson } from "../../lib/secrets";
import { InvalidInputError } from "../errors";
import type { ConfigFields, ServiceDefinition } from "../protocol";

/** What Fivetran returns in place of every secret that is set. */
export const MASK = "******";

const secretSchemas = new WeakSet<z.ZodType>();

/**
 * Marks a config field as secret: encrypted at rest, masked in every response, and shown
 * as `format: password` in the metadata. Wrap the innermost type (`secret(z.string())`).
 */
export function secret<T extends z.ZodType>(schema: T): T {
  const marked = schema.meta({ format: "password", writeOnly: true }) as T;
  secretSchemas.add(marked);
  return marked;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (secretSchemas.has(current)) return current;
    const def = (current as unknown as { def: { type: string; innerType?: z.ZodType; in?: z.ZodType } }).def;
    if (def.innerType) current = def.innerType;
    else if (def.type === "pipe" && def.in) current = def.in;
    else return current;
  }
}

const secretKeyCache = new WeakMap<ConfigFields, string[]>();

/** The secret field names of a config schema, read from the `secret()` marks. */
export function secretKeys(fields: ConfigFields): string[] {
  let keys = secretKeyCache.get(fields);
  if (!keys) {
    keys = Object.entries(fields.shape)
      .filter(([, schema]) => secretSchemas.has(unwrap(schema as z.ZodType)))
      .map(([key]) => key);
    secretKeyCache.set(fields, keys);
  }
  return keys;
}

/** Splits normalised config into what may be stored in clear and what must be encrypted. */
export function splitSecrets(fields: ConfigFields, config: Record<string, unknown>) {
  const keys = new Set(secretKeys(fields));
  const plain: Record<string, unknown> = {};
  const secrets: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined) continue;
    (keys.has(key) ? secrets : plain)[key] = value;
  }
  return { plain, secrets };
}

/** Config for a response: every secret that is set becomes `******`. */
export function maskConfig(fields: ConfigFields, plain: Record<string, unknown>, secretNames: string[]) {
  const masked: Record<string, unknown> = { ...plain };
  for (const key of secretKeys(fields)) {
    if (secretNames.includes(key)) masked[key] = MASK;
  }
  return masked;
}

/** The secret fields of `fields` that `config` sets. */
export function setSecretNames(fields: ConfigFields, config: Record<string, unknown>): string[] {
  return secretKeys(fields).filter((key) => config[key] !== undefined);
}

/** A config as a catalog row stores it: its `config` column in clear, its `secrets` column sealed. */
export interface SealedConfig {
  /** The fields that are not secret; with `masks`, plus `******` for each secret that is set. */
  config: Record<string, unknown>;
  /** The secret fields, AES-256-GCM encrypted (lib/secrets.ts); null when none is set. */
  secrets: string | null;
}

/**
 * The one way connections and destinations store config: split by the service's `secret()`
 * marks, the secrets encrypted with FIVETRAN_ENCRYPTION_KEY (a 503 when it is unset). With
 * `masks` (the default, as connections store it) `config` records each set secret as `******`,
 * so responses are masked without decrypting; without (as destinations store it) no secret's
 * name appears in `config` either. {@link openConfig} reads both forms back.
 */
export async function sealConfig(
  env: Pick<Env, "FIVETRAN_ENCRYPTION_KEY">,
  definition: Pick<ServiceDefinition, "fields">,
  full: Record<string, unknown>,
  options: { masks?: boolean } = {},
): Promise<SealedConfig> {
  const { plain, secrets } = splitSecrets(definition.fields, full);
  return {
    config: options.masks === false ? plain : maskConfig(definition.fields, plain, Object.keys(secrets)),
    secrets: await encryptJson(env.FIVETRAN_ENCRYPTION_KEY, secrets),
  };
}

/**
 * The full config {@link sealConfig} stored, secrets decrypted and `******` placeholders
 * dropped: the base a PATCH merges onto, and what checks and syncs run with.
 */
export async function openConfig(
  env: Pick<Env, "FIVETRAN_ENCRYPTION_KEY">,
  stored: { config: Record<string, unknown>; secrets: string | null },
): Promise<Record<string, unknown>> {
  const visible = Object.fromEntries(Object.entries(stored.config).filter(([, value]) => value !== MASK));
  return { ...visible, ...(await decryptJson(env.FIVETRAN_ENCRYPTION_KEY, stored.secrets)) };
}

/**
 * Fivetran returns destination config values as strings (`443` → `"443"`, `true` →
 * `"true"`); go-fivetran's typed destination config fails on anything else.
 */
export function stringifyValues(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === null || value === undefined) out[key] = value;
    else if (typeof value === "object") out[key] = value;
    else out[key] = String(value);
  }
  return out;
}

/**
 * A boolean config field that also reads back its own stringified form: destination
 * config comes back as `"true"`/`"false"` (see {@link stringifyValues}) and clients send it
 * again on PATCH. Unlike `z.coerce.boolean()`, `"false"` stays false.
 */
export function booleanish() {
  return z.union([z.boolean(), z.enum(["true", "false"]).transform((value) => value === "true")]);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Drops `null` (Fivetran: "not provided") and `******` (never overwrites a stored secret). */
function provided(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null && value !== MASK));
}

/**
 * Validates raw config from a request against a service, after mapping SDK short forms.
 * On PATCH, `stored` is the full current config (secrets decrypted) and `input` is merged
 * on top. Errors are 400 InvalidInput naming `config.<field>`; nothing is stored.
 */
export function parseConfig(
  definition: ServiceDefinition,
  input: unknown,
  stored: Record<string, unknown> = {},
): Record<string, unknown> {
  if (input !== undefined && input !== null && !isPlainObject(input)) {
    throw new InvalidInputError("Invalid value for field 'config': expected an object");
  }
  const raw = provided(isPlainObject(input) ? input : {});
  const normalized = definition.normalize ? definition.normalize(raw) : raw;
  const merged = { ...stored, ...normalized };
  const result = definition.fields.safeParse(merged);
  if (!result.success) {
    throw new InvalidInputError(
      result.error.issues
        .map((issue) => describeIssue({ ...issue, path: ["config", ...issue.path] }, { config: merged }))
        .join("; "),
    );
  }
  return Object.fromEntries(Object.entries(result.data).filter(([, value]) => value !== undefined));
}

/** Parses `postgres://user:pass@host:port/db?sslmode=…` into Fivetran's database fields. */
export function parseConnectionString(url: string, defaultPort: number): Record<string, unknown> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidInputError("Invalid value for field 'config.connectionString': not a URL");
  }
  const out: Record<string, unknown> = {
    host: decodeURIComponent(parsed.hostname),
    port: parsed.port ? Number(parsed.port) : defaultPort,
  };
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (database) out.database = database;
  if (parsed.username) out.user = decodeURIComponent(parsed.username);
  if (parsed.password) out.password = decodeURIComponent(parsed.password);
  return out;
}

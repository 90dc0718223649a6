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
import { type EgressPolicy, hostRefusal, parseAddress } from "./egress";

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

const hostSchemas = new WeakMap<z.ZodType, { withPort: boolean }>();

/**
 * Marks a field as a network host, so config validation (`parseConfig` with a policy) refuses
 * a literal private address or a private name at create/PATCH, before anything is stored.
 * `withPort`: entries are `host:port` (MongoDB's `hosts`). The connect-time check is separate
 * (toolkit/egress.ts): the operator's policy may change after a config is stored.
 */
export function markHost<T extends z.ZodType>(schema: T, options: { withPort?: boolean } = {}): T {
  hostSchemas.set(schema, { withPort: options.withPort === true });
  return schema;
}

/**
 * A database or warehouse host, as Fivetran's `host` fields hold it: a name or a literal
 * address, nothing else. Trimmed; a scheme, a path, a port (that is `port`'s job), spaces or
 * credentials are refused with a message saying what to do instead. An IPv6 literal is taken
 * with or without brackets and kept bracketed and canonical (`[::1]`), the form a socket
 * address needs (`[::1]:5432`; unbracketed `::1:5432` never connects).
 */
export function hostField() {
  return markHost(
    z
      .string()
      .trim()
      .min(1)
      .superRefine((host, ctx) => {
        const problem = hostSyntaxProblem(host);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      })
      .transform(normalizeHost),
  );
}

function hostSyntaxProblem(host: string): string | undefined {
  if (/\s/.test(host)) return "a host name without spaces";
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(host)) return "a host name, not a URL: drop the scheme (db.example.com)";
  if (host.includes("@")) return "a host name without credentials: put the user and password in their own fields";
  if (host.includes("/")) return "a host name without a path";
  const unbracketed = host.replace(/^\[(.*)\]$/, "$1");
  if (unbracketed.includes(":")) {
    if (parseAddress(unbracketed)) return undefined;
    if (/^\[[^\]]*\]:\d+$/.test(host) || /^[^:]+:\d+$/.test(host))
      return "a host without a port: set the port in the port field";
    return "a host name or an IP address";
  }
  if (!/^[A-Za-z0-9_.-]+$/.test(host)) return "a host name or an IP address";
  return undefined;
}

function normalizeHost(host: string): string {
  const address = parseAddress(host);
  if (address?.kind() === "ipv6") return `[${address.toString()}]`;
  if (address) return address.toString();
  return host.replace(/\.$/, "").toLowerCase();
}

/** Query parameters that carry a credential: refused in non-secret fields. */
const CREDENTIAL_PARAMS = new Set([
  "api_key",
  "apikey",
  "api-key",
  "key",
  "token",
  "access_token",
  "auth_token",
  "secret",
  "password",
  "passwd",
  "pwd",
  "client_secret",
  "sig",
  "signature",
  "x-amz-signature",
  "x-amz-security-token",
  "x-goog-signature",
]);

const SCHEMED = /^[a-z][a-z0-9+.-]*:\/\//i;

/** A string that is a URL, or a path with a query string; parsed, else undefined. */
function urlish(value: string): URL | undefined {
  const text = value.trim();
  if (!SCHEMED.test(text) && !(text.startsWith("/") && text.includes("?"))) return undefined;
  try {
    return new URL(text, "https://relative.invalid");
  } catch {
    return undefined;
  }
}

function where(path: (string | number)[]): string {
  return ["config", ...path].join(".");
}

function secretHint(definition: Pick<ServiceDefinition, "fields">): string {
  const keys = secretKeys(definition.fields);
  if (keys.length === 0) return "this service stores no credentials in its config";
  if (keys.length === 1) return `put it in the secret field config.${keys[0]}`;
  return `put it in a secret field (${keys.map((key) => `config.${key}`).join(", ")})`;
}

/**
 * Refuses credentials in non-secret fields, for every service alike: a URL with userinfo
 * (`https://user:pass@…`, `postgres://u:p@h/db`), a host with `user@`, or a query parameter
 * named like a credential (`api_key=`, `token=`, `sig=`…). Non-secret fields are stored in
 * clear and returned unmasked, so a credential there would leak through every GET.
 */
function refuseEmbeddedCredentials(
  definition: Pick<ServiceDefinition, "fields">,
  input: Record<string, unknown>,
): void {
  const secrets = new Set(secretKeys(definition.fields));
  const visit = (value: unknown, path: (string | number)[]): void => {
    if (typeof value === "string") {
      const url = urlish(value);
      if (url && (url.username || url.password)) {
        throw new InvalidInputError(
          `Invalid value for field '${where(path)}': a URL must not carry credentials (user:password@); ${secretHint(definition)}`,
        );
      }
      const named = url && [...url.searchParams.keys()].find((key) => CREDENTIAL_PARAMS.has(key.toLowerCase()));
      if (named) {
        throw new InvalidInputError(
          `Invalid value for field '${where(path)}': the query parameter '${named}' carries a credential; ${secretHint(definition)}`,
        );
      }
      if (!url && path.length === 1 && /(^|_)host$/.test(String(path[0])) && /^[^@\s]+@/.test(value.trim())) {
        throw new InvalidInputError(
          `Invalid value for field '${where(path)}': a host must not carry credentials (user@host); ${secretHint(definition)}`,
        );
      }
    } else if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) visit(item, [...path, i]);
    } else if (isPlainObject(value)) {
      for (const [key, inner] of Object.entries(value)) visit(inner, [...path, key]);
    }
  };
  for (const [key, value] of Object.entries(input)) if (!secrets.has(key)) visit(value, [key]);
}

/**
 * Refuses, under `policy`, every destination validated config names that the policy forbids
 * by the host alone: `markHost` fields (a literal private address, `localhost`, `*.internal`…)
 * and the host of every URL in a non-secret field. DNS answers are checked at connect time.
 */
function refuseForbiddenHosts(
  definition: Pick<ServiceDefinition, "fields">,
  config: Record<string, unknown>,
  policy: EgressPolicy,
): void {
  const secrets = new Set(secretKeys(definition.fields));
  const refuse = (path: (string | number)[], host: string) => {
    const why = hostRefusal(policy, host);
    if (why) throw new InvalidInputError(`Invalid value for field '${where(path)}': ${why}`);
  };
  const visit = (value: unknown, path: (string | number)[], host?: { withPort: boolean }): void => {
    if (typeof value === "string") {
      if (host) refuse(path, host.withPort ? value.replace(/:\d+$/, "") : value);
      else {
        const url = SCHEMED.test(value.trim()) ? urlish(value) : undefined;
        if (url?.hostname) refuse(path, url.hostname);
      }
    } else if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) visit(item, [...path, i], host);
    } else if (isPlainObject(value)) {
      for (const [key, inner] of Object.entries(value)) visit(inner, [...path, key]);
    }
  };
  for (const [key, value] of Object.entries(config)) {
    if (secrets.has(key)) continue;
    const schema = definition.fields.shape[key] as z.ZodType | undefined;
    visit(value, [key], schema ? hostMark(schema) : undefined);
  }
}

/** The host mark of a field, looking through optional/default wrappers and into array elements. */
function hostMark(schema: z.ZodType): { withPort: boolean } | undefined {
  let current: z.ZodType | undefined = schema;
  while (current) {
    const mark = hostSchemas.get(current);
    if (mark) return mark;
    const def: { type: string; innerType?: z.ZodType; element?: z.ZodType; in?: z.ZodType } = (
      current as unknown as { def: { type: string; innerType?: z.ZodType; element?: z.ZodType; in?: z.ZodType } }
    ).def;
    current = def.innerType ?? def.element ?? (def.type === "pipe" ? def.in : undefined);
  }
  return undefined;
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
 * on top. Errors are 400 InvalidInput naming `config.<field>`; nothing is stored. Credentials
 * in non-secret fields of `input` are refused; with `egress` (create and PATCH pass the
 * Worker's policy), so are hosts the policy forbids. With `allowMissing` (a create that
 * issues a Connect Card), required fields may be absent: each field given is still validated.
 */
export function parseConfig(
  definition: ServiceDefinition,
  input: unknown,
  stored: Record<string, unknown> = {},
  options: { egress?: EgressPolicy; allowMissing?: boolean } = {},
): Record<string, unknown> {
  if (input !== undefined && input !== null && !isPlainObject(input)) {
    throw new InvalidInputError("Invalid value for field 'config': expected an object");
  }
  const raw = provided(isPlainObject(input) ? input : {});
  const normalized = definition.normalize ? definition.normalize(raw) : raw;
  refuseEmbeddedCredentials(definition, normalized);
  const merged = definition.merge ? definition.merge(stored, normalized) : { ...stored, ...normalized };
  const result = definition.fields.safeParse(merged);
  if (!result.success && options.allowMissing && onlyMissing(result.error.issues, merged)) {
    const config = parseGivenFields(definition, merged);
    if (options.egress) refuseForbiddenHosts(definition, config, options.egress);
    return config;
  }
  if (!result.success) {
    throw new InvalidInputError(
      result.error.issues
        .map((issue) => describeIssue({ ...issue, path: ["config", ...issue.path] }, { config: merged }))
        .join("; "),
    );
  }
  const config = Object.fromEntries(Object.entries(result.data).filter(([, value]) => value !== undefined));
  if (options.egress) refuseForbiddenHosts(definition, config, options.egress);
  return config;
}

/** Whether every issue is a top-level field the config does not set at all. */
function onlyMissing(issues: z.core.$ZodIssue[], merged: Record<string, unknown>): boolean {
  return issues.every(
    (issue) => issue.code === "invalid_type" && issue.path.length === 1 && merged[String(issue.path[0])] === undefined,
  );
}

/**
 * The fields `merged` sets, each validated (and normalised) by its own schema: a config
 * that is complete but for fields someone else fills in later (a Connect Card's end user).
 * The object's own refinements run once it is complete, when it is saved from the card.
 */
function parseGivenFields(definition: ServiceDefinition, merged: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(merged)) {
    const schema = definition.fields.shape[key] as z.ZodType | undefined;
    if (!schema) continue; // unknown keys are stripped, as the full parse strips them
    const parsed = schema.safeParse(value);
    if (parsed.success) {
      if (parsed.data !== undefined) out[key] = parsed.data;
    } else {
      for (const issue of parsed.error.issues) {
        problems.push(describeIssue({ ...issue, path: ["config", key, ...issue.path] }, { config: merged }));
      }
    }
  }
  if (problems.length > 0) throw new InvalidInputError(problems.join("; "));
  return out;
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

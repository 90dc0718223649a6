/**
 * The `config` and `auth` metadata of a connector type: the definition's zod `fields` as
 * JSON Schema (zod 4's `z.toJSONSchema`), reduced to the subset Fivetran serves. That subset
 * is what clients decode: go-fivetran reads every node into a struct with `type` as one
 * string, `enum` as strings and `items` as one object, so a JSON Schema `type: ["string",
 * "null"]` or `items: false` would fail the whole response for it.
 */
import { z } from "@hono/zod-openapi";
import type { ServiceDefinition } from "../../engine/protocol";

/** One node of the config metadata: Fivetran's JSON-Schema-like property. */
export interface ConfigProperty {
  type?: string;
  title?: string;
  description?: string;
  readonly: boolean;
  format?: string;
  default?: unknown;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  items?: ConfigProperty;
  properties?: Record<string, ConfigProperty>;
  required?: string[];
}

type JsonSchema = Record<string, unknown>;

/** Validation keywords kept as they are: form builders use them, Go clients ignore them. */
const BOUNDS = ["minLength", "maxLength", "pattern"] as const;

function isObject(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** zod's `.int()` bounds are ±MAX_SAFE_INTEGER: noise, not a limit anyone set. */
function meaningfulBound(value: unknown): number | undefined {
  return typeof value === "number" && Math.abs(value) < Number.MAX_SAFE_INTEGER ? value : undefined;
}

/** `a | b | null` → the alternatives that are not `null`. */
function alternatives(schema: JsonSchema): JsonSchema[] | undefined {
  const list = schema.anyOf ?? schema.oneOf;
  if (!Array.isArray(list)) return undefined;
  return list.filter((branch): branch is JsonSchema => isObject(branch) && branch.type !== "null");
}

/** Literal values of an alternative (`const` or `enum`), or undefined when it is not literal. */
function literals(schema: JsonSchema): unknown[] | undefined {
  if ("const" in schema) return [schema.const];
  return Array.isArray(schema.enum) ? schema.enum : undefined;
}

function singleType(type: unknown): string | undefined {
  if (typeof type === "string") return type;
  if (Array.isArray(type)) return type.find((t): t is string => typeof t === "string" && t !== "null");
  return undefined;
}

/** Title, description, default and readOnly of a node, which also apply to its variants. */
function annotations(schema: JsonSchema): Partial<ConfigProperty> {
  const out: Partial<ConfigProperty> = {};
  if (typeof schema.title === "string") out.title = schema.title;
  if (typeof schema.description === "string") out.description = schema.description;
  if ("default" in schema) out.default = schema.default;
  if (schema.readOnly === true) out.readonly = true;
  return out;
}

/** One JSON Schema node in Fivetran's shape. */
export function toConfigProperty(schema: JsonSchema): ConfigProperty {
  const variants = alternatives(schema);
  if (variants) {
    const values = variants.map(literals);
    if (variants.length > 0 && values.every((v) => v !== undefined)) {
      // A union of literals is an enum (z.union([z.literal("a"), z.literal("b")])).
      const all = values.flat();
      return {
        type: singleType(variants[0]?.type) ?? "string",
        readonly: false,
        enum: all.map(String),
        ...annotations(schema),
      };
    }
    // Fivetran's metadata has no unions: show the first alternative (after dropping `null`).
    const first = variants[0];
    return first ? { ...toConfigProperty(first), ...annotations(schema) } : { readonly: false, ...annotations(schema) };
  }

  const type = singleType(schema.type);
  const node: ConfigProperty = { ...(type ? { type } : {}), readonly: false, ...annotations(schema) };
  if (typeof schema.format === "string") node.format = schema.format;
  // A secret's default would be a secret in a public document.
  if (node.format === "password") delete node.default;

  const values = literals(schema);
  if (values) {
    node.enum = values.map(String);
    if (!node.type && typeof values[0] === "string") node.type = "string";
  }

  const minimum = meaningfulBound(schema.minimum ?? schema.exclusiveMinimum);
  const maximum = meaningfulBound(schema.maximum ?? schema.exclusiveMaximum);
  if (minimum !== undefined) node.minimum = minimum;
  if (maximum !== undefined) node.maximum = maximum;
  for (const key of BOUNDS) {
    const value = schema[key];
    if (typeof value === "number" || typeof value === "string") (node as unknown as JsonSchema)[key] = value;
  }

  if (isObject(schema.properties)) {
    node.properties = Object.fromEntries(
      Object.entries(schema.properties)
        .filter((entry): entry is [string, JsonSchema] => isObject(entry[1]))
        .map(([name, child]) => [name, toConfigProperty(child)]),
    );
    node.required = Array.isArray(schema.required) ? schema.required.filter((r) => typeof r === "string") : [];
  }

  // Tuples come out as `prefixItems` with `items: false`: show the first element's type.
  const items = isObject(schema.items)
    ? schema.items
    : Array.isArray(schema.prefixItems) && isObject(schema.prefixItems[0])
      ? schema.prefixItems[0]
      : undefined;
  if (items) node.items = toConfigProperty(items);

  return node;
}

/** The metadata of `fields` as Fivetran shows it: an object titled "<Name> config object". */
export function configMetadata(definition: ServiceDefinition): ConfigProperty {
  // `input`: what a client sends, so fields with defaults are optional and coerced types
  // show their input. Transforms and custom types cannot be expressed; they become `{}`.
  const schema = z.toJSONSchema(definition.fields, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const { title: _title, type: _type, ...node } = toConfigProperty(schema);
  return { type: "object", title: `${definition.info.name} config object`, ...node, readonly: false };
}

/** Auth metadata: our connectors take every credential in `config`, so it has no fields. */
export function authMetadata(definition: ServiceDefinition): ConfigProperty {
  return {
    type: "object",
    title: `${definition.info.name} auth object`,
    readonly: false,
    properties: {},
    required: [],
  };
}

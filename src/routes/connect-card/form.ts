/**
 * The Connect Card's form, derived from a service's config schema (the metadata's JSON
 * Schema, routes/metadata/config-schema.ts): which control each field gets, what it shows
 * prefilled, and how a submitted form becomes a config input for `configUpdate`.
 */
import type { SourceDefinition } from "../../engine/protocol";
import { MASK, secretKeys } from "../../engine/toolkit/config";
import { type ConfigProperty, configMetadata } from "../metadata/config-schema";

export type FieldKind = "text" | "secret" | "number" | "boolean" | "select" | "list" | "json";

/** One control of the form. */
export interface FormField {
  key: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  description?: string;
  options?: string[];
  /** What the control shows: never a secret's value (a set secret shows only that it is set). */
  value: string;
  checked: boolean;
  /** A secret that is stored: left empty, it is kept. */
  secretSet: boolean;
  /** Integer or number, for `number` and the items of a `list`. */
  numeric: boolean;
}

/** `update_method` → "Update method". */
function labelOf(key: string, property: ConfigProperty): string {
  if (property.title) return property.title;
  const words = key.replace(/_/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function kindOf(property: ConfigProperty, secret: boolean): FieldKind {
  if (secret) return property.type === "object" || property.type === "array" ? "json" : "secret";
  if (property.enum && property.enum.length > 0) return "select";
  if (property.type === "boolean") return "boolean";
  if (property.type === "integer" || property.type === "number") return "number";
  if (property.type === "array") {
    const items = property.items?.type;
    return items === "string" || items === "integer" || items === "number" ? "list" : "json";
  }
  if (property.type === "object") return "json";
  return "text";
}

function shown(kind: FieldKind, value: unknown): string {
  if (value === undefined || value === null) return "";
  if (kind === "list" && Array.isArray(value)) return value.map(String).join("\n");
  if (kind === "json") return JSON.stringify(value, null, 2);
  return String(value);
}

/**
 * The form's fields for `definition`, prefilled from `stored` (a connection's `config`
 * column: plain values, `******` for each secret that is set). The naming field (the
 * connection's schema) is left out: it is fixed once the connection exists.
 */
export function formFields(definition: SourceDefinition, stored: Record<string, unknown>): FormField[] {
  const metadata = configMetadata(definition);
  const secrets = new Set(secretKeys(definition.fields));
  const required = new Set(metadata.required ?? []);
  return Object.entries(metadata.properties ?? {})
    .filter(([key]) => key !== definition.naming)
    .map(([key, property]) => {
      const secret = secrets.has(key);
      const kind = kindOf(property, secret);
      const current = stored[key] ?? (secret ? undefined : property.default);
      const numeric =
        property.type === "integer" ||
        property.type === "number" ||
        property.items?.type === "integer" ||
        property.items?.type === "number";
      return {
        key,
        label: labelOf(key, property),
        kind,
        required: required.has(key),
        ...(property.description ? { description: property.description } : {}),
        ...(property.enum ? { options: property.enum } : {}),
        value: secret ? "" : shown(kind, current),
        checked: kind === "boolean" && (current === true || current === "true"),
        secretSet: secret && stored[key] !== undefined && stored[key] !== null && stored[key] !== "",
        numeric,
      };
    });
}

/** A submitted form that cannot become a config (a field that is not JSON, say). */
export class FormError extends Error {}

/**
 * The config input of a submitted form, and the fields it emptied (to `clear`). A secret
 * left empty (or sent back as `******`) is not part of the input, so the stored one stays;
 * an unchecked box is `false`.
 */
export function formInput(
  fields: FormField[],
  form: Record<string, string | File | (string | File)[]>,
): { input: Record<string, unknown>; clear: string[] } {
  const input: Record<string, unknown> = {};
  const clear: string[] = [];
  for (const field of fields) {
    const raw = form[field.key];
    const text = (typeof raw === "string" ? raw : Array.isArray(raw) ? String(raw.at(-1) ?? "") : "").trim();
    if (field.kind === "boolean") {
      input[field.key] = raw !== undefined;
      continue;
    }
    if (text === "" || (field.secretSet && text === MASK)) {
      if (field.kind !== "secret" && !(field.kind === "json" && field.secretSet)) clear.push(field.key);
      continue;
    }
    switch (field.kind) {
      case "number":
        input[field.key] = Number.isFinite(Number(text)) ? Number(text) : text;
        break;
      case "list": {
        const items = text
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter((line) => line !== "");
        input[field.key] = field.numeric
          ? items.map((item) => (Number.isFinite(Number(item)) ? Number(item) : item))
          : items;
        break;
      }
      case "json":
        try {
          input[field.key] = JSON.parse(text);
        } catch {
          throw new FormError(`Field '${field.label}' must be JSON`);
        }
        break;
      default:
        // Secrets are taken as typed (a password may begin or end with a space).
        input[field.key] = field.kind === "secret" && typeof raw === "string" ? raw : text;
    }
  }
  return { input, clear };
}

/**
 * Pieces every source definition shares: the destination schema name, the mapping of our
 * SDK's short forms onto Fivetran's field names, and folding many per-object probes into
 * one setup test.
 */
import { z } from "@hono/zod-openapi";
import type { Column, ColumnType, SetupTest } from "../protocol";
import type { ProbeResult } from "./http";

/** Fivetran's destination schema name (`schema` / `schema_prefix`): a plain identifier. */
export const schemaName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "letters, digits and _ only, not starting with a digit");

/**
 * Moves SDK short-form keys onto Fivetran's names. A Fivetran name given explicitly wins;
 * applying it twice changes nothing (stored config is already in Fivetran's names).
 */
export function renameKeys(input: Record<string, unknown>, map: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...input };
  for (const [from, to] of Object.entries(map)) {
    if (!Object.hasOwn(out, from)) continue;
    const value = out[from];
    delete out[from];
    if (out[to] === undefined) out[to] = value;
  }
  return out;
}

/** A plain JSON object, not an array or null. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Runs one probe per object (sequentially: vendors rate-limit bursts) and folds the
 * results into one test: FAILED lists every object that can't be read and why, WARNING
 * when only throttling got in the way, PASSED names what is readable.
 */
export async function checkEach<T extends string>(
  title: string,
  items: readonly T[],
  probeOne: (item: T) => Promise<ProbeResult>,
): Promise<SetupTest> {
  const failed: string[] = [];
  let auth = false;
  let warning: SetupTest | undefined;
  for (const item of items) {
    const result = await probeOne(item);
    if (result.test.status === "FAILED") {
      failed.push(`${item} (${result.test.message})`);
      auth ||= (result.test.details as { auth?: boolean } | undefined)?.auth === true;
    } else if (result.test.status === "WARNING") {
      warning ??= result.test;
    }
  }
  if (failed.length > 0) {
    return { title, status: "FAILED", message: `Cannot read ${failed.join("; ")}`, details: { auth } };
  }
  if (warning) return { ...warning, title };
  return { title, status: "PASSED", message: `${items.length} object(s) readable: ${items.join(", ")}` };
}

/** A user-facing list, cut short: `a, b, c, … (12 in all)`. */
export function listSome(items: readonly string[], max = 10): string {
  return items.length <= max ? items.join(", ") : `${items.slice(0, max).join(", ")}, … (${items.length} in all)`;
}

/** Column names that make a good incremental cursor in a database table, best first. */
const CURSOR_NAMES = [
  "updated_at",
  "updatedat",
  "modified_at",
  "modifiedat",
  "last_modified",
  "last_modified_at",
  "lastmodified",
  "last_updated",
  "last_updated_at",
  "updated",
  "modified",
  "_updated_at",
  "update_time",
  "modify_time",
  "changed_at",
];

const CURSOR_TYPES = new Set<ColumnType>(["timestamp", "timestamptz", "date", "int", "long"]);

/**
 * A database table's cursor candidates: `updated_at`-like columns of a cursor type, best first.
 * None without a primary key: such a table re-reads in full (a changed row is a new row there,
 * identified by its values' hash, and a keyset of the cursor alone skips ties).
 */
export function databaseCursorCandidates(columns: readonly Column[], primaryKey: readonly string[]): string[] {
  if (primaryKey.length === 0) return [];
  return columns
    .filter((c) => CURSOR_TYPES.has(c.type) && CURSOR_NAMES.includes(c.name.toLowerCase()))
    .sort((a, b) => CURSOR_NAMES.indexOf(a.name.toLowerCase()) - CURSOR_NAMES.indexOf(b.name.toLowerCase()))
    .map((c) => c.name);
}

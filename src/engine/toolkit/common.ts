/**
 * Pieces every source definition shares: the destination schema name, the mapping of our
 * SDK's short forms onto Fivetran's field names, and folding many per-object probes into
 * one setup test.
 */
import { z } from "@hono/zod-openapi";
import type { SetupTest } from "../protocol";
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

import { type AnyColumn, and, eq, gt, or, type SQL } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import type { Keyset } from "../lib/pagination";
import * as schema from "./schema";

/** Drizzle over the catalog D1 database. */
export function catalog(db: D1Database) {
  return drizzle(db, { schema });
}

export type Catalog = ReturnType<typeof catalog>;

/** `WHERE (created_at, id) > (keyset)`: the start of the next page in list order. */
export function afterKeyset(createdAt: AnyColumn, id: AnyColumn, keyset: Keyset | undefined): SQL | undefined {
  if (!keyset) return undefined;
  return or(gt(createdAt, keyset.createdAt), and(eq(createdAt, keyset.createdAt), gt(id, keyset.id)));
}

import { and, asc, eq, gt, or } from "drizzle-orm";
import type { Keyset } from "../lib/pagination";
import type { Catalog } from "./client";
import { schemaHistory } from "./schema";

export type SchemaHistoryRow = typeof schemaHistory.$inferSelect;
export type NewSchemaHistoryRow = typeof schemaHistory.$inferInsert;

/** Records changes (6 rows per statement: 15 columns each stays under D1's 100 bound parameters). */
export async function insertSchemaHistory(db: Catalog, rows: NewSchemaHistoryRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 6) await db.insert(schemaHistory).values(rows.slice(i, i + 6));
}

/** What a history listing may be narrowed to. */
export interface SchemaHistoryFilter {
  kind?: string;
  status?: string;
  table?: string;
  runId?: string;
  since?: string;
}

/** A connection's history in time order, after `after`, at most `limit` rows. */
export function listSchemaHistory(
  db: Catalog,
  accountId: string,
  connectionId: string,
  filter: SchemaHistoryFilter,
  after: Keyset | undefined,
  limit: number,
) {
  return db
    .select()
    .from(schemaHistory)
    .where(
      and(
        eq(schemaHistory.accountId, accountId),
        eq(schemaHistory.connectionId, connectionId),
        filter.kind !== undefined ? eq(schemaHistory.kind, filter.kind) : undefined,
        filter.status !== undefined ? eq(schemaHistory.status, filter.status as "applied" | "blocked") : undefined,
        filter.table !== undefined ? eq(schemaHistory.tableName, filter.table) : undefined,
        filter.runId !== undefined ? eq(schemaHistory.runId, filter.runId) : undefined,
        filter.since !== undefined ? gt(schemaHistory.createdAt, filter.since) : undefined,
        after
          ? or(
              gt(schemaHistory.createdAt, after.createdAt),
              and(eq(schemaHistory.createdAt, after.createdAt), gt(schemaHistory.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(schemaHistory.createdAt), asc(schemaHistory.id))
    .limit(limit);
}

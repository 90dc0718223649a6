/**
 * Usage rows in the catalog (README "Usage metering"). UsageDO writes absolute totals here
 * (an upsert, so writing the same totals twice changes nothing); the API pages through them.
 */
import { and, asc, eq, gte, lte, type SQL, sql } from "drizzle-orm";
import type { Keyset } from "../lib/pagination";
import type { Catalog } from "./client";
import { afterKeyset } from "./client";
import { usageDaily, usageMonthly } from "./schema";

/** Who a connection's usage belongs to. */
export interface UsageOwner {
  accountId: string;
  groupId: string;
  connectionId: string;
}

export interface DailyTotal {
  schema: string;
  table: string;
  day: string;
  rows: number;
  bytes: number;
}

export interface MonthlyTotal {
  schema: string;
  table: string;
  month: string;
  mar: number;
  free: number;
  paid: number;
}

export const rowKeyOf = (connectionId: string, schema: string, table: string) => `${connectionId}/${schema}.${table}`;

/** Writes a connection's absolute totals (idempotent: the same totals again change nothing). */
export async function putUsage(
  d1: D1Database,
  owner: UsageOwner,
  daily: DailyTotal[],
  monthly: MonthlyTotal[],
  at: string,
): Promise<void> {
  const statements: D1PreparedStatement[] = [];
  for (const d of daily) {
    statements.push(
      d1
        .prepare(
          `INSERT INTO usage_daily (account_id, group_id, connection_id, schema_name, table_name, row_key, day, rows_synced, bytes_synced, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (row_key, day) DO UPDATE SET rows_synced = excluded.rows_synced, bytes_synced = excluded.bytes_synced, updated_at = excluded.updated_at`,
        )
        .bind(
          owner.accountId,
          owner.groupId,
          owner.connectionId,
          d.schema,
          d.table,
          rowKeyOf(owner.connectionId, d.schema, d.table),
          d.day,
          d.rows,
          d.bytes,
          at,
        ),
    );
  }
  for (const m of monthly) {
    statements.push(
      d1
        .prepare(
          `INSERT INTO usage_monthly (account_id, group_id, connection_id, schema_name, table_name, row_key, month, mar, free_mar, paid_mar, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (row_key, month) DO UPDATE SET mar = excluded.mar, free_mar = excluded.free_mar, paid_mar = excluded.paid_mar, updated_at = excluded.updated_at`,
        )
        .bind(
          owner.accountId,
          owner.groupId,
          owner.connectionId,
          m.schema,
          m.table,
          rowKeyOf(owner.connectionId, m.schema, m.table),
          m.month,
          m.mar,
          m.free,
          m.paid,
          at,
        ),
    );
  }
  if (statements.length > 0) await d1.batch(statements);
}

export interface UsageFilter {
  accountId: string;
  groupId?: string;
  connectionId?: string;
  from?: string;
  to?: string;
}

export type DailyRow = typeof usageDaily.$inferSelect;
export type MonthlyRow = typeof usageMonthly.$inferSelect;

/** A page of daily usage in (day, row_key) order, `limit + 1` rows. */
export async function listDaily(db: Catalog, filter: UsageFilter, after: Keyset | undefined, limit: number) {
  const t = usageDaily;
  const where: (SQL | undefined)[] = [
    eq(t.accountId, filter.accountId),
    filter.groupId ? eq(t.groupId, filter.groupId) : undefined,
    filter.connectionId ? eq(t.connectionId, filter.connectionId) : undefined,
    filter.from ? gte(t.day, filter.from) : undefined,
    filter.to ? lte(t.day, filter.to) : undefined,
    afterKeyset(t.day, t.rowKey, after),
  ];
  return db
    .select()
    .from(t)
    .where(and(...where))
    .orderBy(asc(t.day), asc(t.rowKey))
    .limit(limit + 1);
}

/** A page of monthly active rows in (month, row_key) order, `limit + 1` rows. */
export async function listMonthly(db: Catalog, filter: UsageFilter, after: Keyset | undefined, limit: number) {
  const t = usageMonthly;
  const where: (SQL | undefined)[] = [
    eq(t.accountId, filter.accountId),
    filter.groupId ? eq(t.groupId, filter.groupId) : undefined,
    filter.connectionId ? eq(t.connectionId, filter.connectionId) : undefined,
    filter.from ? gte(t.month, filter.from) : undefined,
    filter.to ? lte(t.month, filter.to) : undefined,
    afterKeyset(t.month, t.rowKey, after),
  ];
  return db
    .select()
    .from(t)
    .where(and(...where))
    .orderBy(asc(t.month), asc(t.rowKey))
    .limit(limit + 1);
}

/** Whether the account has any usage recorded for a connection or group (one that may since be deleted). */
export async function hasUsage(db: Catalog, accountId: string, by: { connectionId?: string; groupId?: string }) {
  const t = usageMonthly;
  const row = await db
    .select({ one: sql<number>`1` })
    .from(t)
    .where(
      and(
        eq(t.accountId, accountId),
        by.connectionId ? eq(t.connectionId, by.connectionId) : undefined,
        by.groupId ? eq(t.groupId, by.groupId) : undefined,
      ),
    )
    .limit(1)
    .get();
  return row !== undefined;
}

import { and, asc, eq } from "drizzle-orm";
import { constantTimeEqual, sha256Hex } from "../lib/crypto";
import { randomToken, withUniqueId } from "../lib/ids";
import type { Keyset } from "../lib/pagination";
import { isoTimestamp } from "../lib/time";
import { afterKeyset, type Catalog } from "./client";
import { type SystemKeyPermission, systemKeys } from "./schema";

export type SystemKeyRow = typeof systemKeys.$inferSelect;

/** Fivetran's expiration periods of a system key. */
export const EXPIRATION_PERIODS = ["ONE_WEEK", "ONE_MONTH", "THREE_MONTHS", "SIX_MONTHS", "INFINITE"] as const;
export type ExpirationPeriod = (typeof EXPIRATION_PERIODS)[number];

/** A system key as stored, with its secret in clear: only right after create or rotate. */
export interface IssuedSystemKey {
  row: SystemKeyRow;
  secret: string;
}

/**
 * When a key issued at `from` for `period` expires; null for INFINITE. Months are calendar
 * months, as Fivetran's examples show (created 2023-11-10, THREE_MONTHS → 2024-02-10).
 */
export function expiryOf(period: ExpirationPeriod, from: Date): string | null {
  if (period === "INFINITE") return null;
  const date = new Date(from);
  if (period === "ONE_WEEK") date.setUTCDate(date.getUTCDate() + 7);
  else date.setUTCMonth(date.getUTCMonth() + { ONE_MONTH: 1, THREE_MONTHS: 3, SIX_MONTHS: 6 }[period]);
  return isoTimestamp(date);
}

export async function listSystemKeys(
  db: Catalog,
  accountId: string,
  after: Keyset | undefined,
  limit: number,
): Promise<SystemKeyRow[]> {
  return db
    .select()
    .from(systemKeys)
    .where(and(eq(systemKeys.accountId, accountId), afterKeyset(systemKeys.createdAt, systemKeys.id, after)))
    .orderBy(asc(systemKeys.createdAt), asc(systemKeys.id))
    .limit(limit);
}

/** A system key of the account; undefined for an unknown id or another account's key. */
export async function getSystemKey(db: Catalog, accountId: string, id: string): Promise<SystemKeyRow | undefined> {
  return db
    .select()
    .from(systemKeys)
    .where(and(eq(systemKeys.accountId, accountId), eq(systemKeys.id, id)))
    .get();
}

export interface NewSystemKey {
  name: string;
  permissions: SystemKeyPermission[];
  expirationPeriod: ExpirationPeriod;
}

/** Creates a system key; the secret is returned here and never again. */
export async function createSystemKey(db: Catalog, accountId: string, input: NewSystemKey): Promise<IssuedSystemKey> {
  const secret = randomToken(32);
  const now = new Date();
  const row = await withUniqueId(async (id) => {
    const [inserted] = await db
      .insert(systemKeys)
      .values({
        id,
        accountId,
        name: input.name,
        apiKey: randomToken(16),
        secretHash: await sha256Hex(secret),
        permissions: input.permissions,
        expirationPeriod: input.expirationPeriod,
        createdAt: isoTimestamp(now),
        expiredAt: expiryOf(input.expirationPeriod, now),
      })
      .returning();
    return inserted as SystemKeyRow;
  });
  return { row, secret };
}

/** Changes a key's name and/or permissions. Undefined if the account has no such key. */
export async function updateSystemKey(
  db: Catalog,
  accountId: string,
  id: string,
  changes: { name?: string; permissions?: SystemKeyPermission[] },
): Promise<SystemKeyRow | undefined> {
  const [row] = await db
    .update(systemKeys)
    .set({ ...changes, updatedAt: isoTimestamp() })
    .where(and(eq(systemKeys.accountId, accountId), eq(systemKeys.id, id)))
    .returning();
  return row;
}

/**
 * Issues a new secret (the old one stops working at once: Fivetran documents no grace period)
 * and a new expiry from now, for `period` or the key's own period.
 */
export async function rotateSystemKey(
  db: Catalog,
  accountId: string,
  id: string,
  period: ExpirationPeriod | undefined,
): Promise<IssuedSystemKey | undefined> {
  const existing = await getSystemKey(db, accountId, id);
  if (!existing) return undefined;
  const expirationPeriod = period ?? (existing.expirationPeriod as ExpirationPeriod);
  const secret = randomToken(32);
  const now = new Date();
  const [row] = await db
    .update(systemKeys)
    .set({
      secretHash: await sha256Hex(secret),
      expirationPeriod,
      expiredAt: expiryOf(expirationPeriod, now),
      updatedAt: isoTimestamp(now),
    })
    .where(and(eq(systemKeys.accountId, accountId), eq(systemKeys.id, id)))
    .returning();
  return row && { row, secret };
}

/** Deletes a key: it stops authenticating at once. False if the account has no such key. */
export async function deleteSystemKey(db: Catalog, accountId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(systemKeys)
    .where(and(eq(systemKeys.accountId, accountId), eq(systemKeys.id, id)))
    .returning({ id: systemKeys.id });
  return rows.length > 0;
}

/**
 * Resolves system-key credentials: undefined for an unknown key, a wrong secret (compared in
 * constant time, against a dummy hash when the key is unknown) or an expired key. Records
 * `last_used_at`, at most once a minute.
 */
export async function verifySystemKey(
  db: Catalog,
  apiKey: string,
  secret: string,
  now: Date = new Date(),
): Promise<SystemKeyRow | undefined> {
  const row = await db.select().from(systemKeys).where(eq(systemKeys.apiKey, apiKey)).get();
  const ok = await constantTimeEqual(await sha256Hex(secret), row?.secretHash ?? "0".repeat(64));
  if (!row || !ok) return undefined;
  if (row.expiredAt && Date.parse(row.expiredAt) <= now.getTime()) return undefined;
  if (!row.lastUsedAt || Date.parse(row.lastUsedAt) < now.getTime() - 60_000) {
    await db
      .update(systemKeys)
      .set({ lastUsedAt: isoTimestamp(now) })
      .where(eq(systemKeys.id, row.id));
  }
  return row;
}

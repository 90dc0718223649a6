/**
 * Connect Card tokens (schema.ts `connect_card_tokens`): issued for one connection, looked up
 * by the SHA-256 of the token a browser presents, pruned once expired, dropped with their
 * connection.
 */
import { and, eq, gt, lte } from "drizzle-orm";
import type { Catalog } from "./client";
import { connectCardTokens } from "./schema";

export type ConnectCardRow = typeof connectCardTokens.$inferSelect;

/** Stores a token's row; expired rows of every account go at the same time. */
export async function insertConnectCard(db: Catalog, row: ConnectCardRow, now: string): Promise<void> {
  await db.delete(connectCardTokens).where(lte(connectCardTokens.expiresAt, now));
  await db.insert(connectCardTokens).values(row);
}

/** The unexpired token whose hash is `tokenHash`, if any. */
export async function findConnectCard(db: Catalog, tokenHash: string, now: string) {
  const [row] = await db
    .select()
    .from(connectCardTokens)
    .where(and(eq(connectCardTokens.tokenHash, tokenHash), gt(connectCardTokens.expiresAt, now)));
  return row;
}

/** Every token of a deleted connection. */
export async function deleteConnectCardsOf(db: Catalog, accountId: string, connectionId: string): Promise<void> {
  await db
    .delete(connectCardTokens)
    .where(and(eq(connectCardTokens.accountId, accountId), eq(connectCardTokens.connectionId, connectionId)));
}

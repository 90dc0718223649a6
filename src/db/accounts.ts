import { and, eq, isNull } from "drizzle-orm";
import { constantTimeEqual, sha256Hex } from "../lib/crypto";
import { randomToken, withUniqueId } from "../lib/ids";
import { isoTimestamp } from "../lib/time";
import type { Catalog } from "./client";
import { accounts, apiKeys, users } from "./schema";

export type AccountRow = typeof accounts.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;

/** A freshly issued credential: the only moment the secret exists in clear. */
export interface IssuedKey {
  accountId: string;
  userId: string;
  apiKey: string;
  apiSecret: string;
}

export interface NewAccount {
  name: string;
  email: string;
  givenName?: string;
  familyName?: string;
}

async function insertUser(db: Catalog, accountId: string, owner: NewAccount, createdAt: string) {
  return withUniqueId(async (id) => {
    await db.insert(users).values({
      id,
      accountId,
      email: owner.email,
      givenName: owner.givenName ?? "Account",
      familyName: owner.familyName ?? "Owner",
      role: "Account Administrator",
      createdAt,
    });
    return id;
  });
}

/** Creates an account, its administrator user and its first API key. */
export async function createAccount(db: Catalog, input: NewAccount): Promise<IssuedKey> {
  const createdAt = isoTimestamp();
  const accountId = await withUniqueId(async (id) => {
    await db.insert(accounts).values({ id, name: input.name, createdAt });
    return id;
  });
  const userId = await insertUser(db, accountId, input, createdAt);
  return issueKey(db, accountId, userId);
}

/** What a key may do through the MCP server (README "MCP server"). */
export type McpScope = "read" | "write";

/** Issues a new key for a user of an account. */
export async function issueKey(
  db: Catalog,
  accountId: string,
  userId: string,
  mcpScope: McpScope = "read",
): Promise<IssuedKey> {
  const apiKey = randomToken(16);
  const apiSecret = randomToken(32);
  await db.insert(apiKeys).values({
    apiKey,
    accountId,
    userId,
    secretHash: await sha256Hex(apiSecret),
    createdAt: isoTimestamp(),
    mcpScope,
  });
  return { accountId, userId, apiKey, apiSecret };
}

/** Replaces a key's secret; the old secret stops working at once. Undefined if no such live key. */
export async function rotateKey(db: Catalog, apiKey: string): Promise<IssuedKey | undefined> {
  const apiSecret = randomToken(32);
  const [row] = await db
    .update(apiKeys)
    .set({ secretHash: await sha256Hex(apiSecret), rotatedAt: isoTimestamp() })
    .where(and(eq(apiKeys.apiKey, apiKey), isNull(apiKeys.revokedAt)))
    .returning();
  return row && { accountId: row.accountId, userId: row.userId, apiKey, apiSecret };
}

/** Sets a live key's MCP scope. Undefined if no such live key. */
export async function setMcpScope(db: Catalog, apiKey: string, mcpScope: McpScope): Promise<ApiKeyRow | undefined> {
  const [row] = await db
    .update(apiKeys)
    .set({ mcpScope })
    .where(and(eq(apiKeys.apiKey, apiKey), isNull(apiKeys.revokedAt)))
    .returning();
  return row;
}

/** Revokes a key for good. Returns false if there was no live key. */
export async function revokeKey(db: Catalog, apiKey: string): Promise<boolean> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: isoTimestamp() })
    .where(and(eq(apiKeys.apiKey, apiKey), isNull(apiKeys.revokedAt)))
    .returning({ apiKey: apiKeys.apiKey });
  return rows.length > 0;
}

export async function listKeys(db: Catalog, accountId: string): Promise<ApiKeyRow[]> {
  return db.select().from(apiKeys).where(eq(apiKeys.accountId, accountId)).orderBy(apiKeys.createdAt);
}

export async function getAccount(db: Catalog, accountId: string): Promise<AccountRow | undefined> {
  return db.select().from(accounts).where(eq(accounts.id, accountId)).get();
}

export async function getUser(db: Catalog, accountId: string, userId: string): Promise<UserRow | undefined> {
  return db
    .select()
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.id, userId)))
    .get();
}

/** The account's first administrator: the user keys are issued to. */
export async function accountOwner(db: Catalog, accountId: string): Promise<UserRow | undefined> {
  return db
    .select()
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.role, "Account Administrator")))
    .orderBy(users.createdAt, users.id)
    .get();
}

/** Resolves a stored (non-bootstrap) key. The secret is compared in constant time. */
export async function verifyKey(db: Catalog, apiKey: string, apiSecret: string) {
  const row = await db.select().from(apiKeys).where(eq(apiKeys.apiKey, apiKey)).get();
  // Compare against a dummy hash when the key is unknown so timing does not reveal it.
  const ok = await constantTimeEqual(await sha256Hex(apiSecret), row?.secretHash ?? "0".repeat(64));
  if (!row || !ok || row.revokedAt) return undefined;
  return { accountId: row.accountId, userId: row.userId, apiKey };
}

/**
 * The account owning the bootstrap key from the Worker's secrets, created on first use.
 * Rotating the bootstrap secret keeps the account and everything in it.
 */
export async function ensureBootstrapAccount(db: Catalog): Promise<{ accountId: string; userId: string }> {
  const existing = await db.select().from(accounts).where(eq(accounts.bootstrap, true)).get();
  if (existing) {
    const owner = await accountOwner(db, existing.id);
    if (owner) return { accountId: existing.id, userId: owner.id };
    const createdAt = isoTimestamp();
    const userId = await insertUser(db, existing.id, { name: existing.name, email: "owner@localhost" }, createdAt);
    return { accountId: existing.id, userId };
  }
  const createdAt = isoTimestamp();
  try {
    const accountId = await withUniqueId(async (id) => {
      await db.insert(accounts).values({ id, name: "fivetran.do", bootstrap: true, createdAt });
      return id;
    });
    const userId = await insertUser(db, accountId, { name: "fivetran.do", email: "owner@localhost" }, createdAt);
    return { accountId, userId };
  } catch (error) {
    // Two first requests raced to create it: the other one won, use its account.
    const winner = await db.select().from(accounts).where(eq(accounts.bootstrap, true)).get();
    if (!winner) throw error;
    return ensureBootstrapAccount(db);
  }
}

import { and, asc, desc, eq, lt, or } from "drizzle-orm";
import { withUniqueId } from "../lib/ids";
import type { Keyset } from "../lib/pagination";
import { afterKeyset, type Catalog } from "./client";
import { webhookDeliveries, webhooks } from "./schema";

export type WebhookRecord = typeof webhooks.$inferSelect;
export type WebhookDeliveryRecord = typeof webhookDeliveries.$inferSelect;
export type NewWebhook = Omit<WebhookRecord, "id">;

/** Webhooks of an account in list order, `limit` rows after `after`. */
export function listWebhooks(db: Catalog, accountId: string, after: Keyset | undefined, limit: number) {
  return db
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.accountId, accountId), afterKeyset(webhooks.createdAt, webhooks.id, after)))
    .orderBy(asc(webhooks.createdAt), asc(webhooks.id))
    .limit(limit);
}

export function getWebhook(db: Catalog, accountId: string, id: string): Promise<WebhookRecord | undefined> {
  return db
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.accountId, accountId), eq(webhooks.id, id)))
    .get();
}

export function insertWebhook(db: Catalog, values: NewWebhook): Promise<WebhookRecord> {
  return withUniqueId(async (id) => {
    const row = { id, ...values };
    await db.insert(webhooks).values(row);
    return row;
  });
}

export async function updateWebhook(
  db: Catalog,
  accountId: string,
  id: string,
  changes: Partial<Pick<WebhookRecord, "url" | "events" | "active" | "secret">>,
): Promise<WebhookRecord | undefined> {
  if (Object.keys(changes).length === 0) return getWebhook(db, accountId, id);
  const [row] = await db
    .update(webhooks)
    .set(changes)
    .where(and(eq(webhooks.accountId, accountId), eq(webhooks.id, id)))
    .returning();
  return row;
}

/** Deletes a webhook; its pending deliveries are skipped when their messages arrive. */
export async function deleteWebhook(db: Catalog, accountId: string, id: string): Promise<boolean> {
  const deleted = await db
    .delete(webhooks)
    .where(and(eq(webhooks.accountId, accountId), eq(webhooks.id, id)))
    .returning({ id: webhooks.id });
  return deleted.length > 0;
}

/** Deletes a group's webhooks (the group was deleted). */
export async function deleteGroupWebhooks(db: Catalog, accountId: string, groupId: string): Promise<void> {
  await db.delete(webhooks).where(and(eq(webhooks.accountId, accountId), eq(webhooks.groupId, groupId)));
}

/** A webhook's delivery log, newest first, `limit` rows before `before`. */
export function listDeliveries(db: Catalog, webhookId: string, before: Keyset | undefined, limit: number) {
  return db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.webhookId, webhookId),
        before
          ? or(
              lt(webhookDeliveries.createdAt, before.createdAt),
              and(eq(webhookDeliveries.createdAt, before.createdAt), lt(webhookDeliveries.id, before.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit);
}

export async function insertDelivery(db: Catalog, row: WebhookDeliveryRecord): Promise<void> {
  await db.insert(webhookDeliveries).values(row);
}

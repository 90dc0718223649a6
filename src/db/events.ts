import { and, asc, eq, gt } from "drizzle-orm";
import type { Catalog } from "./client";
import { events } from "./schema";

export type EventRecord = typeof events.$inferSelect;

/** Events of an account after id `after`, oldest first, optionally of one group or connection. */
export function listEvents(
  db: Catalog,
  accountId: string,
  filter: { after?: number; groupId?: string; connectionId?: string; type?: string },
  limit: number,
) {
  return db
    .select()
    .from(events)
    .where(
      and(
        eq(events.accountId, accountId),
        filter.after !== undefined ? gt(events.id, filter.after) : undefined,
        filter.groupId !== undefined ? eq(events.groupId, filter.groupId) : undefined,
        filter.connectionId !== undefined ? eq(events.connectionId, filter.connectionId) : undefined,
        filter.type !== undefined ? eq(events.type, filter.type) : undefined,
      ),
    )
    .orderBy(asc(events.id))
    .limit(limit);
}

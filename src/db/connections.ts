import { and, asc, eq } from "drizzle-orm";
import type { Keyset } from "../lib/pagination";
import { afterKeyset, type Catalog } from "./client";
import { connections } from "./schema";

export type ConnectionRow = typeof connections.$inferSelect;

/** Connections of one group in list order, optionally only the one with `schema`. */
export async function listGroupConnections(
  db: Catalog,
  accountId: string,
  groupId: string,
  filter: { schema?: string },
  after: Keyset | undefined,
  limit: number,
) {
  return db
    .select()
    .from(connections)
    .where(
      and(
        eq(connections.accountId, accountId),
        eq(connections.groupId, groupId),
        filter.schema === undefined ? undefined : eq(connections.schema, filter.schema),
        afterKeyset(connections.createdAt, connections.id, after),
      ),
    )
    .orderBy(asc(connections.createdAt), asc(connections.id))
    .limit(limit);
}

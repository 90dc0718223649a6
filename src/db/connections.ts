import { and, asc, eq, getTableColumns, inArray, ne } from "drizzle-orm";
import { isUniqueViolation, withUniqueId } from "../lib/ids";
import type { Keyset } from "../lib/pagination";
import { afterKeyset, type Catalog } from "./client";
import { connections, destinations } from "./schema";

/**
 * A stored connection with its group's destination: its `time_zone_offset`, which wall-clock
 * schedules are read in, and its service, which decides whether a run can write anywhere
 * (both null without a destination).
 */
export type ConnectionRow = typeof connections.$inferSelect & {
  timeZoneOffset: string | null;
  destinationService: string | null;
};

/** Columns written on create; the id is generated. */
export type NewConnection = Omit<typeof connections.$inferInsert, "id">;

/** Columns a PATCH, a setup test run or the engine may change. */
export type ConnectionChanges = Partial<
  Omit<typeof connections.$inferInsert, "id" | "accountId" | "groupId" | "service" | "schema" | "createdAt">
>;

function selectRows(db: Catalog) {
  return db
    .select({
      ...getTableColumns(connections),
      timeZoneOffset: destinations.timeZoneOffset,
      destinationService: destinations.service,
    })
    .from(connections)
    .leftJoin(destinations, eq(destinations.id, connections.groupId));
}

/** Filters of the connection lists. */
export interface ConnectionFilter {
  groupId?: string;
  schema?: string;
}

/** Connections of an account in list order (created_at, id), `limit` rows after `after`. */
export async function listConnections(
  db: Catalog,
  accountId: string,
  filter: ConnectionFilter,
  after: Keyset | undefined,
  limit: number,
): Promise<ConnectionRow[]> {
  return selectRows(db)
    .where(
      and(
        eq(connections.accountId, accountId),
        filter.groupId === undefined ? undefined : eq(connections.groupId, filter.groupId),
        filter.schema === undefined ? undefined : eq(connections.schema, filter.schema),
        afterKeyset(connections.createdAt, connections.id, after),
      ),
    )
    .orderBy(asc(connections.createdAt), asc(connections.id))
    .limit(limit);
}

/** Connections of one group in list order, optionally only the one with `schema`. */
export async function listGroupConnections(
  db: Catalog,
  accountId: string,
  groupId: string,
  filter: { schema?: string },
  after: Keyset | undefined,
  limit: number,
): Promise<ConnectionRow[]> {
  return listConnections(db, accountId, { groupId, schema: filter.schema }, after, limit);
}

/** One connection of the account, or undefined (also for another account's connection). */
export async function getConnection(db: Catalog, accountId: string, id: string): Promise<ConnectionRow | undefined> {
  return selectRows(db)
    .where(and(eq(connections.accountId, accountId), eq(connections.id, id)))
    .get();
}

/**
 * One connection by id in any account, with its destination (ConnectorDO's schedule: the id
 * came from an authorised request or from the object's own storage).
 */
export async function connectionWithDestination(db: Catalog, id: string): Promise<ConnectionRow | undefined> {
  return selectRows(db).where(eq(connections.id, id)).get();
}

/** The ids of a group's connections (to re-arm their schedules when its destination changes). */
export async function groupConnectionIds(db: Catalog, groupId: string): Promise<string[]> {
  const rows = await db.select({ id: connections.id }).from(connections).where(eq(connections.groupId, groupId));
  return rows.map((row) => row.id);
}

/** Whether a group already has a connection named `schema`. */
export async function schemaTaken(db: Catalog, groupId: string, schema: string): Promise<boolean> {
  const row = await db
    .select({ id: connections.id })
    .from(connections)
    .where(and(eq(connections.groupId, groupId), eq(connections.schema, schema)))
    .get();
  return row !== undefined;
}

/**
 * Connections of the account with one of `schemas` in groups other than `groupId`, each with
 * its group's destination (service and plain config; null without one): the candidates for
 * writing the same tables through a binding two groups' destinations share.
 */
export async function sameSchemaElsewhere(db: Catalog, accountId: string, groupId: string, schemas: string[]) {
  if (schemas.length === 0) return [];
  return db
    .select({
      id: connections.id,
      groupId: connections.groupId,
      schema: connections.schema,
      destinationService: destinations.service,
      destinationConfig: destinations.config,
    })
    .from(connections)
    .leftJoin(destinations, eq(destinations.id, connections.groupId))
    .where(
      and(eq(connections.accountId, accountId), inArray(connections.schema, schemas), ne(connections.groupId, groupId)),
    );
}

/** Schemas of the group's connections. */
export async function groupSchemas(db: Catalog, groupId: string): Promise<string[]> {
  const rows = await db
    .select({ schema: connections.schema })
    .from(connections)
    .where(eq(connections.groupId, groupId));
  return rows.map((row) => row.schema);
}

/**
 * Inserts a connection under a fresh word id. Returns the id, or undefined when its group
 * already has a connection with that schema (the unique index decides, so concurrent
 * creates cannot both win).
 */
export async function insertConnection(db: Catalog, values: NewConnection): Promise<string | undefined> {
  try {
    return await withUniqueId(async (id) => {
      await db.insert(connections).values({ ...values, id });
      return id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return undefined;
    throw error;
  }
}

/** Applies changes to a connection of the account; false when there is no such connection. */
export async function updateConnection(
  db: Catalog,
  accountId: string,
  id: string,
  changes: ConnectionChanges,
): Promise<boolean> {
  const rows = await db
    .update(connections)
    .set(changes)
    .where(and(eq(connections.accountId, accountId), eq(connections.id, id)))
    .returning({ id: connections.id });
  return rows.length > 0;
}

/** Deletes a connection of the account; false when there is no such connection. */
export async function deleteConnection(db: Catalog, accountId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(connections)
    .where(and(eq(connections.accountId, accountId), eq(connections.id, id)))
    .returning({ id: connections.id });
  return rows.length > 0;
}

import type { RouteHandler } from "@hono/zod-openapi";
import { type Catalog, catalog } from "../../db/client";
import { getConnection } from "../../db/connections";
import { listEvents as queryEvents } from "../../db/events";
import { getGroup } from "../../db/groups";
import type { StreamRequest } from "../../do/events-do";
import type { AppEnv } from "../../env";
import { ApiError } from "../../errors";
import { type EventName, toStoredEvent } from "../../events/emit";
import { ok } from "../../lib/envelope";
import { decodeCursor, encodeCursor } from "../../lib/pagination";
import type { listEventsRoute, streamEventsRoute } from "./events.routes";

/** A filter naming a group or connection of another account (or none) is a 404, as elsewhere. */
async function checkFilters(db: Catalog, accountId: string, groupId?: string, connectionId?: string) {
  if (groupId !== undefined && !(await getGroup(db, accountId, groupId))) throw ApiError.notFound("Group", groupId);
  if (connectionId !== undefined && !(await getConnection(db, accountId, connectionId))) {
    throw ApiError.notFound("Connection", connectionId);
  }
}

export const listEvents: RouteHandler<typeof listEventsRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const db = catalog(c.env.DB);
  const { accountId } = c.var.auth;
  await checkFilters(db, accountId, query.group_id, query.connection_id);
  const cursor = decodeCursor(query.cursor);
  const after = cursor ? Number(cursor.id) : query.after !== undefined ? Number(query.after) : undefined;
  if (after !== undefined && !Number.isSafeInteger(after)) throw ApiError.invalid("Invalid value for field 'cursor'");
  const rows = await queryEvents(
    db,
    accountId,
    { after, groupId: query.group_id, connectionId: query.connection_id, type: query.type },
    query.limit + 1,
  );
  const items = rows.slice(0, query.limit).map((row) =>
    toStoredEvent({
      id: row.id,
      account_id: row.accountId,
      type: row.type,
      group_id: row.groupId,
      connection_id: row.connectionId,
      connector_type: row.connectorType,
      connector_name: row.connectorName,
      sync_id: row.syncId,
      data: JSON.stringify(row.data),
      created_at: row.createdAt,
    }),
  );
  const last = items.at(-1);
  const page = {
    items: items.map((event) => ({ ...event, type: event.type as EventName })),
    ...(rows.length > query.limit && last ? { next_cursor: encodeCursor({ createdAt: "", id: last.id }) } : {}),
  };
  return c.json(ok("Events retrieved successfully", page), 200);
};

export const streamEvents: RouteHandler<typeof streamEventsRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const headers = c.req.valid("header");
  const { accountId } = c.var.auth;
  await checkFilters(catalog(c.env.DB), accountId, query.group_id, query.connection_id);
  // A stream never ends: only a client that asked for one gets it (EventSource always asks).
  if (!/text\/event-stream/i.test(c.req.header("accept") ?? "")) {
    throw new ApiError(
      406,
      "NotAcceptable",
      "This route answers text/event-stream only: send 'Accept: text/event-stream'",
    );
  }
  const from = headers["last-event-id"] ?? query.after;
  const request: StreamRequest = {
    accountId,
    ...(from !== undefined ? { after: Number(from) } : {}),
    ...(query.group_id ? { groupId: query.group_id } : {}),
    ...(query.connection_id ? { connectionId: query.connection_id } : {}),
  };
  const events = c.env.EVENTS.get(c.env.EVENTS.idFromName(accountId));
  return events.fetch("https://events.internal/stream", { method: "POST", body: JSON.stringify(request) });
};

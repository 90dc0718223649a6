import { createRoute, z } from "@hono/zod-openapi";
import { EVENT_NAMES } from "../../events/emit";
import { commonErrors, envelope, errorSchema, jsonResponse, notFoundError } from "../../lib/envelope";
import { pageSchema } from "../../lib/pagination";

const tags = ["Events"];

/** An event as the list and the stream serve it. */
export const eventSchema = z
  .object({
    id: z.string().openapi({ description: "Increasing; the SSE `id` a stream resumes after", example: "42" }),
    type: z.enum(EVENT_NAMES),
    created_at: z.string().openapi({ example: "2024-12-01T15:43:29.013000Z" }),
    group_id: z.string().nullable(),
    connection_id: z.string().nullable(),
    connector_type: z.string().nullable().openapi({ example: "postgres" }),
    connector_name: z.string().nullable().openapi({ example: "postgres_public" }),
    sync_id: z.string().nullable().openapi({ description: "The run's id (sync_start, sync_end)" }),
    data: z.record(z.string(), z.unknown()),
  })
  .openapi("Event");

const after = z
  .string()
  .regex(/^\d+$/, "must be an event id")
  .optional()
  .openapi({ description: "Only events after this event id" });

const filters = {
  group_id: z.string().optional().openapi({ description: "Only events of this group's connections" }),
  connection_id: z.string().optional().openapi({ description: "Only events of this connection" }),
};

export const listEventsRoute = createRoute({
  method: "get",
  path: "/v1/events",
  tags,
  operationId: "list_events",
  summary: "List events (fivetran.do extension)",
  description:
    "The account's lifecycle events, oldest first, kept for FIVETRAN_EVENTS_RETENTION_DAYS. Page on with `cursor`, or poll with `after` = the last id seen.",
  request: {
    query: z.object({
      cursor: z.string().optional().openapi({ description: "Opaque cursor from `next_cursor`" }),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
      after,
      type: z.enum(EVENT_NAMES).optional(),
      ...filters,
    }),
  },
  responses: {
    200: jsonResponse("Events retrieved successfully", envelope(pageSchema(eventSchema))),
    ...commonErrors,
    ...notFoundError,
  },
});

export const streamEventsRoute = createRoute({
  method: "get",
  path: "/v1/events/stream",
  tags,
  operationId: "stream_events",
  summary: "Stream events as server-sent events (fivetran.do extension)",
  description:
    "A `text/event-stream` of the account's events as they happen: each message has `id` (the event id), `event` (its type) and `data` (the Event as JSON). Reconnect with the `Last-Event-ID` header (or `?after=`) to resume after the last event received; without either the stream starts with the next event.",
  request: {
    query: z.object({ after, ...filters }),
    headers: z.object({
      "last-event-id": z
        .string()
        .regex(/^\d+$/, "must be an event id")
        .optional()
        .openapi({ description: "Resume after this event id (EventSource sends it on reconnect)" }),
    }),
  },
  responses: {
    200: {
      description: "The event stream",
      content: {
        "text/event-stream": { schema: z.string().openapi({ example: "id: 42\nevent: sync_end\ndata: {...}\n\n" }) },
      },
    },
    406: {
      description: "NotAcceptable: the request did not send `Accept: text/event-stream`",
      content: { "application/json": { schema: errorSchema } },
    },
    ...commonErrors,
    ...notFoundError,
  },
});

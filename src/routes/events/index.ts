import { createRouter } from "../../lib/router";
import * as handlers from "./events.handlers";
import { listEventsRoute, streamEventsRoute } from "./events.routes";

/** /v1/events: the account's lifecycle events, as a list and as a server-sent event stream. */
export const eventsRouter = createRouter()
  .openapi(streamEventsRoute, handlers.streamEvents)
  .openapi(listEventsRoute, handlers.listEvents);

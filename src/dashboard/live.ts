/**
 * Live updates: the account's event stream (GET /v1/events/stream, server-sent events) read
 * with fetch, since EventSource cannot send an Authorization header, and parsed by
 * eventsource-parser. While the stream is down, the dashboard polls instead (see `onState`).
 */
import { EventSourceParserStream } from "eventsource-parser/stream";
import type { Api } from "./api";

export interface LiveEvent {
  id: string;
  type: string;
  connection_id?: string | null;
  connector_name?: string | null;
  data?: Record<string, unknown>;
}

export interface LiveHandlers {
  onEvent(event: LiveEvent): void;
  /** `true` while the stream is open; `false` while it is down (and the caller polls). */
  onState(connected: boolean): void;
}

/** Follows the stream until `signal` aborts, reconnecting after the last event received. */
export async function followEvents(api: Api, handlers: LiveHandlers, signal: AbortSignal): Promise<void> {
  let lastEventId: string | undefined;
  let delayMs = 1_000;
  while (!signal.aborted) {
    try {
      const headers: Record<string, string> = { Accept: "text/event-stream", Authorization: api.authorization };
      if (lastEventId) headers["Last-Event-ID"] = lastEventId;
      const response = await fetch(`${api.baseUrl}/v1/events/stream`, {
        headers,
        signal,
        cache: "no-store",
        credentials: "omit",
      });
      if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`);
      handlers.onState(true);
      delayMs = 1_000;
      const reader = response.body
        .pipeThrough(new TextDecoderStream())
        .pipeThrough(new EventSourceParserStream())
        .getReader();
      for (;;) {
        const { value: message, done } = await reader.read();
        if (done) break;
        if (message.id) lastEventId = message.id;
        try {
          handlers.onEvent(JSON.parse(message.data) as LiveEvent);
        } catch {
          // A message that is not an event's JSON (a comment or keep-alive) carries nothing to show.
        }
      }
    } catch {
      if (signal.aborted) return;
    }
    handlers.onState(false);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    delayMs = Math.min(delayMs * 2, 30_000);
  }
}

/**
 * The live event stream behind `onSyncStart` / `onSyncComplete` / `onSyncError` /
 * `onSchemaChange`: one server-sent-events request (`GET /v1/events/stream`) per `Fivetran`
 * instance, read with `fetch` (so it runs in Workers, Node and browsers alike: EventSource
 * cannot send an Authorization header), parsed per the WHATWG event-stream format, and
 * reopened after a drop with `Last-Event-ID`, so no event is missed or handled twice.
 * The parser is small and written here: the format is a few lines of spec, and the libraries
 * that parse it either need EventSource or Node streams.
 */

/** Kinds of events the `on…` handlers take. */
export type FivetranEventType = "sync_start" | "sync_complete" | "sync_error" | "schema_change" | "other";

/** An event as handlers receive it. */
export interface FivetranEvent {
  /** The stream's id of the event (what a reconnect resumes after). */
  id: string;
  type: FivetranEventType;
  /** The server's event name (`sync_start`, `sync_end`, `connection_paused`, …). */
  event: string;
  /** The declared connector's id, when the event is about one of this instance's connectors. */
  connectorId: string | undefined;
  connectionId: string | null;
  groupId: string | null;
  /** When it happened (ISO 8601). */
  created: string;
  /** For sync ends: the run's totals. */
  stats?: { rowsSynced: number; bytesTransferred: number; duration: number };
  /** For failures: what went wrong. */
  error?: string;
  /** The event's own data, as the server sent it. */
  data: Record<string, unknown>;
}

export type FivetranEventHandler = (event: FivetranEvent) => void | Promise<void>;

interface StreamOptions {
  url: string;
  fetch: (request: Request) => Promise<Response>;
  headers: Record<string, string>;
  connectorOf: (event: { connectionId?: string | null; groupId?: string | null }) => string | undefined;
  /** Whether an event is this instance's (its connectors' or its groups'). */
  accept: (event: FivetranEvent) => boolean;
  /** First reconnect delay (doubles to 30 s). */
  retryMs?: number;
}

/** The server's event (its JSON `data`) as a handler's event. */
export function toFivetranEvent(
  id: string,
  name: string,
  raw: Record<string, unknown>,
  connectorOf: StreamOptions["connectorOf"],
): FivetranEvent {
  const data = (raw.data && typeof raw.data === "object" ? raw.data : {}) as Record<string, unknown>;
  const event = String(raw.event ?? raw.type ?? name);
  const connectionId = (raw.connection_id ?? raw.connector_id ?? null) as string | null;
  const groupId = (raw.group_id ?? raw.destination_group_id ?? null) as string | null;
  const status = String(data.status ?? raw.status ?? "").toUpperCase();
  const failed = status === "FAILURE" || status === "FAILED" || status === "FAILURE_WITH_TASK";
  let type: FivetranEventType = "other";
  if (event === "sync_start") type = "sync_start";
  else if (event === "sync_end") type = failed ? "sync_error" : "sync_complete";
  else if (event === "sync_failed" || event === "sync_failure") type = "sync_error";
  else if (event.startsWith("schema_change") || event === "change_schema") type = "schema_change";
  const stats = (data.stats && typeof data.stats === "object" ? data.stats : {}) as Record<string, unknown>;
  const number = (...keys: string[]) => {
    for (const key of keys) {
      const v = stats[key] ?? data[key] ?? raw[key];
      if (typeof v === "number") return v;
    }
    return 0;
  };
  const totals =
    event === "sync_end"
      ? {
          rowsSynced: number("rows", "rows_synced", "rowsSynced"),
          bytesTransferred: number("bytes", "bytes_transferred", "bytesTransferred"),
          duration: number("duration_ms", "duration"),
        }
      : undefined;
  const error = type === "sync_error" ? String(data.reason ?? data.error ?? data.message ?? "sync failed") : undefined;
  return {
    id,
    type,
    event,
    connectorId: connectorOf({ connectionId, groupId }),
    connectionId,
    groupId,
    created: String(raw.created ?? raw.created_at ?? new Date().toISOString()),
    ...(totals ? { stats: totals } : {}),
    ...(error !== undefined ? { error } : {}),
    data,
  };
}

/** One SSE connection fanned out to handlers; reconnects by itself until closed. */
export class FivetranEvents {
  private readonly handlers = new Map<FivetranEventType | "*", Set<FivetranEventHandler>>();
  private lastEventId: string | undefined;
  private controller: AbortController | undefined;
  private running = false;
  private closed = false;

  constructor(private readonly options: StreamOptions) {}

  on(type: FivetranEventType | "*", handler: FivetranEventHandler): () => void {
    let set = this.handlers.get(type);
    if (!set) {
      set = new Set();
      this.handlers.set(type, set);
    }
    set.add(handler);
    this.closed = false;
    if (!this.running) void this.loop();
    return () => {
      set.delete(handler);
    };
  }

  close(): void {
    this.closed = true;
    this.controller?.abort();
  }

  private async loop(): Promise<void> {
    this.running = true;
    let delay = this.options.retryMs ?? 500;
    try {
      while (!this.closed) {
        try {
          await this.read();
          delay = this.options.retryMs ?? 500;
        } catch (error) {
          if (this.closed) break;
          // A refused key will not get better by retrying fast.
          if ((error as { status?: number }).status === 401) delay = 30_000;
        }
        if (this.closed) break;
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 30_000);
      }
    } finally {
      this.running = false;
    }
  }

  private async read(): Promise<void> {
    this.controller = new AbortController();
    const headers: Record<string, string> = { ...this.options.headers, Accept: "text/event-stream" };
    if (this.lastEventId !== undefined) headers["Last-Event-ID"] = this.lastEventId;
    const response = await this.options.fetch(
      new Request(this.options.url, { headers, signal: this.controller.signal }),
    );
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw Object.assign(new Error(`event stream answered ${response.status}`), { status: response.status });
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    let data: string[] = [];
    let name = "message";
    let id: string | undefined;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let newline = buffer.search(/\r\n|\r|\n/);
      while (newline >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + (buffer.startsWith("\r\n", newline) ? 2 : 1));
        newline = buffer.search(/\r\n|\r|\n/);
        if (line === "") {
          if (data.length > 0) {
            if (id !== undefined) this.lastEventId = id;
            await this.dispatch(id ?? "", name, data.join("\n"));
          }
          data = [];
          name = "message";
          continue;
        }
        if (line.startsWith(":")) continue;
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "data") data.push(text);
        else if (field === "event") name = text;
        else if (field === "id" && !text.includes("\0")) id = text;
      }
    }
  }

  private async dispatch(id: string, name: string, text: string): Promise<void> {
    let raw: Record<string, unknown>;
    try {
      raw = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return;
    }
    const event = toFivetranEvent(id, name, raw, this.options.connectorOf);
    if (!this.options.accept(event)) return;
    for (const key of [event.type, "*"] as const) {
      for (const handler of this.handlers.get(key) ?? []) {
        try {
          await handler(event);
        } catch {
          // A handler's error is its own; the stream goes on.
        }
      }
    }
  }
}

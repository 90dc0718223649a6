/**
 * EventsDO: one object per account, fanning the account's events (src/events/emit.ts) out to
 * its server-sent event streams (GET /v1/events/stream). It holds no events itself: D1's
 * `events` table is the log, and a poke (`publish`) makes the object read what each stream has
 * not seen yet, in id order. So a stream misses nothing and sees every event once, in order,
 * whether the poke comes late, twice or out of order, and a reconnect with `Last-Event-ID`
 * replays from the log through the same path.
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";
import { type EventRow, toStoredEvent } from "../events/emit";
import { logError } from "../lib/log";

interface Subscriber {
  writer: WritableStreamDefaultWriter<Uint8Array>;
  /** The last event id this stream has passed (sent, or filtered out). */
  lastId: number;
  groupId?: string;
  connectionId?: string;
}

/** Query of the stream request the Worker forwards. */
export interface StreamRequest {
  accountId: string;
  /** Events after this id; undefined = only events from now on. */
  after?: number;
  groupId?: string;
  connectionId?: string;
}

const PAGE = 200;
const KEEPALIVE_MS = 15_000;
const encoder = new TextEncoder();

export class EventsDO extends DurableObject<Env> {
  private readonly subscribers = new Set<Subscriber>();
  private accountId: string | undefined;
  private pumping: Promise<void> = Promise.resolve();
  private keepalive: ReturnType<typeof setInterval> | undefined;

  /** Opens a stream: the response body is the SSE stream of the account's events. */
  override async fetch(request: Request): Promise<Response> {
    const query = (await request.json()) as StreamRequest;
    this.accountId = query.accountId;
    const lastId =
      query.after ??
      (
        await this.env.DB.prepare("SELECT coalesce(max(id), 0) AS id FROM events WHERE account_id = ?")
          .bind(query.accountId)
          .first<{ id: number }>()
      )?.id ??
      0;
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const subscriber: Subscriber = {
      writer: writable.getWriter(),
      lastId,
      groupId: query.groupId,
      connectionId: query.connectionId,
    };
    this.subscribers.add(subscriber);
    subscriber.writer.closed.catch(() => this.drop(subscriber));
    this.send(subscriber, "retry: 3000\n\n");
    this.startKeepalive();
    // Replays what the stream asked for from the log, then follows new events.
    this.publish(query.accountId);
    return new Response(readable, {
      headers: {
        "Content-Type": "text/event-stream; charset=utf-8",
        "Cache-Control": "no-cache",
        "X-Accel-Buffering": "no",
      },
    });
  }

  /** New events were stored: each stream is sent what it has not seen yet. Returns at once. */
  async publish(accountId?: string): Promise<void> {
    if (accountId) this.accountId = accountId;
    this.pumping = this.pumping.then(
      () => this.pump(),
      () => this.pump(),
    );
    this.pumping.catch((error) => logError("event stream pump failed", error));
  }

  /** How many streams are open (tests, diagnostics). */
  async streams(): Promise<number> {
    return this.subscribers.size;
  }

  private async pump(): Promise<void> {
    const accountId = this.accountId;
    if (!accountId || this.subscribers.size === 0) return;
    for (;;) {
      const from = Math.min(...[...this.subscribers].map((s) => s.lastId));
      const { results } = await this.env.DB.prepare(
        "SELECT * FROM events WHERE account_id = ? AND id > ? ORDER BY id LIMIT ?",
      )
        .bind(accountId, from, PAGE)
        .all<EventRow>();
      for (const row of results) {
        const event = toStoredEvent(row);
        for (const subscriber of this.subscribers) {
          if (row.id <= subscriber.lastId) continue;
          subscriber.lastId = row.id;
          if (subscriber.groupId && subscriber.groupId !== row.group_id) continue;
          if (subscriber.connectionId && subscriber.connectionId !== row.connection_id) continue;
          this.send(subscriber, `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
        }
      }
      if (results.length < PAGE || this.subscribers.size === 0) return;
    }
  }

  /** Writes without waiting on the reader; a stream whose reader went away is dropped. */
  private send(subscriber: Subscriber, text: string): void {
    subscriber.writer.write(encoder.encode(text)).catch(() => this.drop(subscriber));
  }

  private drop(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
    subscriber.writer.abort().catch(() => {});
    if (this.subscribers.size === 0 && this.keepalive !== undefined) {
      clearInterval(this.keepalive);
      this.keepalive = undefined;
    }
  }

  /** A comment line now and then keeps proxies from closing an idle stream. */
  private startKeepalive(): void {
    if (this.keepalive !== undefined) return;
    this.keepalive = setInterval(() => {
      for (const subscriber of this.subscribers) this.send(subscriber, ": keepalive\n\n");
    }, KEEPALIVE_MS);
  }
}

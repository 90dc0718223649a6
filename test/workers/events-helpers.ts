/**
 * Fixtures of the events and webhook delivery tests: a sample → D1 connection in a fresh
 * account, the local webhook receiver (test/fakes/webhook-receiver.ts), and a reader of the
 * server-sent event stream.
 */
import { exports } from "cloudflare:workers";
import { expect, inject } from "vitest";
import { call, newAccountWithId } from "./helpers";

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fresh account with a group, a d1 destination and a manual sample connection. */
export async function sampleConnection(scale = 10) {
  const { auth, accountId } = await newAccountWithId("events");
  const group = await call("POST", "/v1/groups", { auth, body: { name: `ev_${crypto.randomUUID().slice(0, 8)}` } });
  expect(group.status).toBe(201);
  const groupId = group.json.data.id as string;
  const destination = await call("POST", "/v1/destinations", {
    auth,
    body: { group_id: groupId, service: "d1", time_zone_offset: "0", config: { database: "WAREHOUSE" } },
  });
  expect(destination.status, JSON.stringify(destination.json)).toBe(201);
  const schema = `ev_${crypto.randomUUID().slice(0, 8)}`;
  const connection = await call("POST", "/v1/connections", {
    auth,
    body: { group_id: groupId, service: "sample", schedule_type: "manual", config: { schema, scale } },
  });
  expect(connection.status, JSON.stringify(connection.json)).toBe(201);
  return { auth, accountId, groupId, schema, id: connection.json.data.id as string };
}

/** Polls until `check` returns a value (not undefined), or fails after `ms`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const port = inject("webhookReceiverPort");

/** The receiver `name`'s URL. */
export const receiverUrl = (name: string) => `http://127.0.0.1:${port}/hooks/${name}`;

export async function configureReceiver(name: string, config: { secret?: string; fail?: number }) {
  const res = await fetch(`${receiverUrl(name)}/config`, { method: "PUT", body: JSON.stringify(config) });
  expect(res.status).toBe(200);
}

export interface Received {
  verified: boolean;
  signature: string | null;
  deliveryId: string | null;
  answered: number;
  // biome-ignore lint/suspicious/noExplicitAny: payloads are read as JSON
  body: any;
}

export async function received(name: string): Promise<Received[]> {
  return (await (await fetch(`${receiverUrl(name)}/deliveries`)).json()) as Received[];
}

export interface SseMessage {
  id: string;
  event: string;
  // biome-ignore lint/suspicious/noExplicitAny: events are read as JSON
  data: any;
}

/** An open event stream: `next()` resolves with each message in order; `close()` ends it. */
export async function openStream(auth: string, query = "", headers: Record<string, string> = {}) {
  const response = await exports.default.fetch(
    new Request(`http://127.0.0.1:8787/v1/events/stream${query}`, {
      headers: { authorization: auth, accept: "text/event-stream", ...headers },
    }),
  );
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const queue: SseMessage[] = [];
  const next = async (ms = 30_000): Promise<SseMessage> => {
    const until = Date.now() + ms;
    for (;;) {
      const ready = queue.shift();
      if (ready) return ready;
      if (Date.now() > until) throw new Error("no event on the stream");
      const { value, done } = await reader.read();
      if (done) throw new Error("the stream ended");
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf("\n\n");
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields: Record<string, string> = {};
        for (const line of block.split("\n")) {
          if (line.startsWith(":")) continue;
          const colon = line.indexOf(":");
          if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
        }
        if (fields.data !== undefined) {
          queue.push({ id: fields.id ?? "", event: fields.event ?? "message", data: JSON.parse(fields.data) });
        }
        end = buffer.indexOf("\n\n");
      }
    }
  };
  return { next, close: () => reader.cancel().catch(() => {}) };
}

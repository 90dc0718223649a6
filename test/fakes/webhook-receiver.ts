/**
 * A webhook receiver as a Fivetran customer would run one: it verifies
 * `X-Fivetran-Signature-256` (uppercase hex HMAC-SHA256 of the raw body under the webhook's
 * secret, compared in constant time) and records every delivery. Each receiver is a path,
 * `/hooks/<name>`, configured by the test first:
 *
 * - `PUT /hooks/<name>/config` `{secret?, fail?: n}`: the secret to verify with, and how many
 *   requests to answer 500 before answering 200.
 * - `POST /hooks/<name>`: a delivery; 401 when the signature does not verify, else 500 or 200.
 * - `GET /hooks/<name>/deliveries`: what arrived, in order, with `verified`, the delivery id,
 *   the status answered and the parsed body.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type net from "node:net";

interface Receiver {
  secret?: string;
  fail: number;
  deliveries: {
    verified: boolean;
    signature: string | null;
    deliveryId: string | null;
    answered: number;
    body: unknown;
  }[];
}

function verify(secret: string, raw: Buffer, signature: string | null): boolean {
  if (!signature) return false;
  const expected = Buffer.from(createHmac("sha256", secret).update(raw).digest("hex").toUpperCase());
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export async function startWebhookReceiver(): Promise<{ port: number; close(): Promise<void> }> {
  const receivers = new Map<string, Receiver>();
  const receiver = (name: string) => {
    let r = receivers.get(name);
    if (!r) {
      r = { fail: 0, deliveries: [] };
      receivers.set(name, r);
    }
    return r;
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const match = /^\/hooks\/([\w-]+)(\/config|\/deliveries)?$/.exec(req.url ?? "");
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (!match) return answer(404, { error: "no such receiver" });
      const r = receiver(match[1] as string);
      if (match[2] === "/config" && req.method === "PUT") {
        const config = JSON.parse(raw.toString() || "{}") as { secret?: string; fail?: number };
        r.secret = config.secret;
        r.fail = config.fail ?? 0;
        return answer(200, { ok: true });
      }
      if (match[2] === "/deliveries" && req.method === "GET") return answer(200, r.deliveries);
      if (match[2] || req.method !== "POST") return answer(405, { error: "method" });
      const signature = (req.headers["x-fivetran-signature-256"] as string | undefined) ?? null;
      const verified = r.secret === undefined ? signature === null : verify(r.secret, raw, signature);
      let status = 200;
      if (!verified) status = 401;
      else if (r.fail > 0) {
        r.fail--;
        status = 500;
      }
      let body: unknown = null;
      try {
        body = JSON.parse(raw.toString());
      } catch {
        body = raw.toString();
      }
      r.deliveries.push({
        verified,
        signature,
        deliveryId: (req.headers["x-fivetran-delivery-id"] as string | undefined) ?? null,
        answered: status,
        body,
      });
      return answer(status, status === 200 ? { received: true } : { error: `answered ${status}` });
    });
  });
  const sockets = new Set<net.Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port));
  });
  return {
    port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

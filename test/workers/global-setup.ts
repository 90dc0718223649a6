/**
 * Servers the workers tests need and workerd cannot run itself (a Worker cannot listen):
 * a TCP server that accepts and never answers (connect timeouts), an HTTP server that takes a
 * request and never responds (HTTP timeouts), and a TCP server on ::1 that greets (which form
 * of an IPv6 host a socket connect needs). Their ports reach the tests through `inject`.
 */
import http from "node:http";
import net from "node:net";
import type { TestProject } from "vitest/node";
import { startDuckDBService } from "../checks/duckdb-service";
import { makeItems, serveDeclarativeFake } from "../fakes/declarative-api";
import { startFakeMongo } from "../fakes/mongodb";
import { startS3rver } from "../fakes/s3rver";
import { prepareTlsPostgres, startTlsTerminator, type TlsPostgres, type TlsTerminator } from "../fakes/tls-postgres";
import { startWebhookReceiver } from "../fakes/webhook-receiver";

declare module "vitest" {
  export interface ProvidedContext {
    silentTcpPort: number;
    silentHttpPort: number;
    ipv6GreeterPort: number;
    fakeMongoPort: number;
    declarativeApiPort: number;
    /** test/checks/duckdb-service.ts: DuckDB reading files outside workerd. */
    duckdbPort: number;
    s3rverPort: number;
    webhookReceiverPort: number;
    /** test/fakes/tls-postgres.ts: the TLS cluster's fixture, or why it is missing. */
    tlsPostgres: TlsPostgres | string;
    /** test/fakes/tls-postgres.ts: the main cluster behind TLS from a private CA, or why it is missing. */
    tlsTerminator: Omit<TlsTerminator, "close"> | string;
  }
}

function listening(server: net.Server, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => resolve((server.address() as net.AddressInfo).port));
  });
}

export default async function setup(project: TestProject) {
  const sockets = new Set<net.Socket>();
  const hold = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
  };
  const silentTcp = net.createServer(hold);
  const silentHttp = http.createServer(() => {
    // Never answers: the request stays open until the client gives up.
  });
  silentHttp.on("connection", hold);
  const greeter = net.createServer((socket) => {
    hold(socket);
    socket.end("hello over ipv6\n");
  });
  project.provide("silentTcpPort", await listening(silentTcp, "127.0.0.1"));
  project.provide("silentHttpPort", await listening(silentHttp, "127.0.0.1"));
  project.provide("ipv6GreeterPort", await listening(greeter, "::1").catch(() => 0));
  // A MongoDB replica-set primary speaking the wire protocol (test/fakes/mongodb.ts).
  const mongo = await startFakeMongo({ users: { d_reader: "correct horse battery staple" } });
  project.provide("fakeMongoPort", mongo.port);
  // The declarative engine's fake API over HTTP (test/workers/declarative/api.test.ts).
  const declarative = await serveDeclarativeFake({ apiKey: "e2e-key", items: makeItems(250) });
  project.provide("declarativeApiPort", declarative.port);
  const duckdb = await startDuckDBService();
  project.provide("duckdbPort", duckdb.port);
  // A real S3-compatible server (s3rver) for the file sources (test/fakes/s3rver.ts).
  const s3rver = await startS3rver();
  project.provide("s3rverPort", s3rver.port);
  // Webhook receivers that verify signatures and record deliveries (test/fakes/webhook-receiver.ts).
  const receiver = await startWebhookReceiver();
  project.provide("webhookReceiverPort", receiver.port);
  project.provide("tlsPostgres", await prepareTlsPostgres());
  const terminator = await startTlsTerminator();
  project.provide(
    "tlsTerminator",
    typeof terminator === "string" ? terminator : { port: terminator.port, ca: terminator.ca, leaf: terminator.leaf },
  );
  return async () => {
    await mongo.close();
    await declarative.close();
    await duckdb.close();
    await s3rver.close();
    await receiver.close();
    if (typeof terminator !== "string") await terminator.close();
    for (const socket of sockets) socket.destroy();
    await Promise.all([silentTcp, silentHttp, greeter].map((s) => new Promise((r) => s.close(() => r(undefined)))));
  };
}

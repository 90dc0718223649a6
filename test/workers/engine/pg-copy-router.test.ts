import { describe, expect, it } from "vitest";
import { CopyDataRouter } from "../../../src/engine/toolkit/pg-copy";

const encoder = new TextEncoder();

/** One protocol message: type byte, big-endian length (itself included), body. */
function message(type: string, body: Uint8Array | string): Uint8Array {
  const bytes = typeof body === "string" ? encoder.encode(body) : body;
  const out = new Uint8Array(5 + bytes.length);
  out[0] = type.charCodeAt(0);
  new DataView(out.buffer).setUint32(1, bytes.length + 4);
  out.set(bytes, 5);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** A COPY OUT answer as the server sends it, with rows around a body wider than a socket read. */
const wide = "x".repeat(70_000);
const rows = ["1\tA\n", "2\tBé\n", "", `3\t${wide}\n`, "4\t\\N\n"];
const before = [message("H", new Uint8Array([0, 0, 2, 0, 0, 0, 0]))];
const after = [message("c", ""), message("C", "COPY 4\0"), message("Z", "I")];
const stream = concat([...before, ...rows.map((r) => message("d", r)), ...after]);

/** Feeds `chunks` through a router; returns what the sink and pg got, and in which order. */
function route(chunks: Uint8Array[], sinkSet = true) {
  const sunk: Uint8Array[] = [];
  const delivered: Uint8Array[] = [];
  const order: ("sink" | "pg")[] = [];
  const connection = {
    query() {},
    sendCopyFromChunk() {},
    endCopyFrom() {},
    sendCopyFail() {},
    copySink: sinkSet
      ? (body: Uint8Array) => {
          sunk.push(body.slice());
          if (order.at(-1) !== "sink") order.push("sink");
        }
      : undefined,
  };
  const router = new CopyDataRouter(connection, (bytes) => {
    delivered.push(new Uint8Array(bytes));
    if (order.at(-1) !== "pg") order.push("pg");
  });
  for (const chunk of chunks) router.push(chunk);
  return { sunk: concat(sunk), delivered: concat(delivered), order };
}

function split(bytes: Uint8Array, sizes: () => number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; ) {
    const size = Math.max(1, sizes());
    chunks.push(bytes.slice(i, i + size));
    i += size;
  }
  return chunks;
}

describe("CopyDataRouter", () => {
  const expectedSunk = encoder.encode(rows.join(""));
  const expectedDelivered = concat([...before, ...after]);

  it("sends CopyData bodies to the sink and every other message to pg, in order, however the bytes are cut", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const cuts: [string, () => number][] = [
      ["whole", () => stream.length],
      ...[1, 2, 3, 4, 5, 6, 7, 11, 4096, 65_536].map((n): [string, () => number] => [`${n} bytes`, () => n]),
      ["random", () => 1 + (random() % 300)],
    ];
    for (const [name, sizes] of cuts) {
      const { sunk, delivered, order } = route(split(stream, sizes));
      expect(sunk, name).toEqual(expectedSunk);
      expect(delivered, name).toEqual(expectedDelivered);
      // CopyOutResponse before the rows, CopyDone / CommandComplete / ReadyForQuery after them.
      expect(order, name).toEqual(["pg", "sink", "pg"]);
    }
  });

  it("passes everything to pg unchanged when no COPY OUT is running", () => {
    const { sunk, delivered } = route(
      split(stream, () => 1000),
      false,
    );
    expect(sunk.length).toBe(0);
    expect(delivered).toEqual(stream);
  });
});

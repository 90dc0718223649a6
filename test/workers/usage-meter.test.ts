/**
 * The metered writer (src/engine/usage.ts) around a stand-in destination: keys reach the sink
 * only after the destination's flush resolved, by primary key (or every value without one),
 * deletes included, in calls of at most 50,000 keys.
 */
import { describe, expect, it } from "vitest";
import type { UsageTableBatch } from "../../src/do/usage-do";
import type { DestinationCapabilities, DestinationWriter, Row, TableRef, UpsertBatch } from "../../src/engine/protocol";
import { CopyText } from "../../src/engine/toolkit/pg-copy";
import { keyHash, meteredWriter } from "../../src/engine/usage";

const table = (primaryKey: string[]): TableRef => ({
  schema: "shop",
  stream: {
    namespace: "public",
    name: "orders",
    columns: [
      { name: "id", type: "int", nullable: false },
      { name: "note", type: "string", nullable: true },
    ] as TableRef["stream"]["columns"],
    primaryKey,
    cursorCandidates: [],
  },
});

function destination(options: { failFlush?: boolean } = {}) {
  const written: Row[] = [];
  const writer: DestinationWriter = {
    capabilities: {} as DestinationCapabilities,
    migrate: async () => {},
    write: async (_t, batch) => {
      written.push(...batch.rows);
      return { rows: batch.count, bytes: batch.bytes };
    },
    delete: async (_t, keys) => keys.length,
    truncate: async () => 0,
    flush: async () => {
      if (options.failFlush) throw new Error("flush failed");
    },
    close: async () => {},
  };
  return { writer, written };
}

const batch = (rows: Row[]): UpsertBatch => ({
  kind: "upsert",
  stream: "public.orders",
  rows,
  count: rows.length,
  bytes: rows.length * 8,
});
const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
const hashesOf = (call: UsageTableBatch) =>
  Array.from({ length: call.count }, (_, i) => hex(call.hashes.subarray(i * 16, (i + 1) * 16)));

describe("meteredWriter", () => {
  it("records keys only after the destination flushed, by primary key, deletes included", async () => {
    const calls: { day: string; tables: UsageTableBatch[] }[] = [];
    const { writer } = destination();
    const metered = meteredWriter(
      writer,
      async (day, tables) => void calls.push({ day, tables }),
      () => new Date("2031-03-04T05:06:07Z"),
    );
    const t = table(["id"]);
    await metered.write(
      t,
      batch([
        [1, "a"],
        [2, "b"],
      ]),
      new Date(),
    );
    await metered.delete(t, [[3]]);
    expect(calls).toEqual([]);
    await metered.flush();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.day).toBe("2031-03-04");
    const [entry] = calls[0]?.tables ?? [];
    expect(entry).toMatchObject({ schema: "shop", table: "orders", count: 3, bytes: 16 });
    expect(hashesOf(entry as UsageTableBatch)).toEqual([hex(keyHash([1])), hex(keyHash([2])), hex(keyHash([3]))]);
    await metered.flush();
    expect(calls).toHaveLength(1); // nothing new to record
  });

  it("records nothing when the flush fails (the replay will), and keys a keyless table by all its values", async () => {
    const calls: UsageTableBatch[][] = [];
    const failing = meteredWriter(
      destination({ failFlush: true }).writer,
      async (_d, tables) => void calls.push(tables),
    );
    await failing.write(table(["id"]), batch([[1, "a"]]), new Date());
    await expect(failing.flush()).rejects.toThrow("flush failed");
    expect(calls).toEqual([]);

    const keyless = meteredWriter(destination().writer, async (_d, tables) => void calls.push(tables));
    await keyless.write(
      table([]),
      batch([
        [1, "a"],
        [1, "b"],
      ]),
      new Date(),
    );
    await keyless.flush();
    expect(hashesOf(calls[0]?.[0] as UsageTableBatch)).toEqual([hex(keyHash([1, "a"])), hex(keyHash([1, "b"]))]);
  });

  it("splits a large flush into calls of at most 50,000 keys and keeps bytes whole", async () => {
    const calls: UsageTableBatch[][] = [];
    const metered = meteredWriter(destination().writer, async (_d, tables) => void calls.push(tables));
    const rows: Row[] = Array.from({ length: 120_000 }, (_, i) => [i, null]);
    await metered.write(table(["id"]), batch(rows), new Date());
    await metered.flush();
    expect(calls.map((c) => c.reduce((n, t) => n + t.count, 0))).toEqual([50_000, 50_000, 20_000]);
    expect(calls.flat().reduce((n, t) => n + t.bytes, 0)).toBe(120_000 * 8);
  });

  it("hashes a key alike however a source typed it, and different keys apart", () => {
    expect(hex(keyHash([1n]))).toBe(hex(keyHash([1])));
    expect(hex(keyHash(["1"]))).not.toBe(hex(keyHash([1])));
    expect(hex(keyHash(["a", "bc"]))).not.toBe(hex(keyHash(["ab", "c"])));
    expect(hex(keyHash([null]))).not.toBe(hex(keyHash(["n"])));
    for (const format of [1, 2] as const) {
      expect(hex(keyHash([1n], undefined, format))).toBe(hex(keyHash([1], undefined, format)));
      expect(hex(keyHash(["a", "bc"], undefined, format))).not.toBe(hex(keyHash(["ab", "c"], undefined, format)));
    }
  });

  it("format 2 keeps a short key's own bytes (no hash, no collision) and hashes a long one into the other half of the slots", () => {
    // An integer: 0x80 | 9 bytes, tag 3, the int64 big-endian, zeros.
    expect(hex(keyHash([258], undefined, 2))).toBe(`8903${"0000000000000102"}000000000000`);
    expect(hex(keyHash([-1n], undefined, 2))).toBe(`8903${"ffffffffffffffff"}000000000000`);
    // A string: its tag, its UTF-8 length, its bytes.
    expect(hex(keyHash(["é"], undefined, 2))).toBe(`8406${"02"}c3a9${"0".repeat(22)}`);
    // Integers past int64 keep their digits; floats their IEEE bits: all apart.
    const values = [2n ** 64n, 2 ** 53 + 2, 1.5, "1.5", true, null, new Uint8Array([1, 2])];
    const slots = values.map((v) => hex(keyHash([v], undefined, 2)));
    expect(new Set(slots).size).toBe(values.length);
    expect(hex(keyHash([2 ** 53 + 2], undefined, 2))).toBe(hex(keyHash([2n ** 53n + 2n], undefined, 2)));
    // 16 bytes of form or more: SHA-256, byte 0 below 0x80, so never equal to a short key's slot.
    const long = keyHash(["a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"], ["uuid"], 2);
    expect(long[0] as number).toBeLessThan(0x80);
    expect(hex(keyHash(["A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"], ["uuid"], 2))).toBe(hex(long));
    expect(hex(keyHash([1, 2], undefined, 2))).not.toBe(hex(keyHash([2, 1], undefined, 2)));
    // Format 1 (the first months' sets) is SHA-256 of the canonical text, whatever the length.
    expect(hex(keyHash([258], undefined, 1))).not.toBe(hex(keyHash([258], undefined, 2)));
    expect((keyHash([258], undefined, 1)[0] as number) >>> 0).toBeGreaterThanOrEqual(0);
  });

  it("makes slots in the format the month's object asks for, and sends that format with them", async () => {
    const calls: { format: number; hashes: string[] }[] = [];
    const asked: string[] = [];
    const metered = meteredWriter(
      destination().writer,
      async (_day, tables, format) => void calls.push({ format, hashes: hashesOf(tables[0] as UsageTableBatch) }),
      () => new Date("2031-03-31T12:00:00Z"),
      async (month) => {
        asked.push(month);
        return 1;
      },
    );
    await metered.write(table(["id"]), batch([[7, null]]), new Date());
    await metered.write(table(["id"]), batch([[8, null]]), new Date());
    await metered.flush();
    expect(asked).toEqual(["2031-03"]);
    expect(calls).toEqual([{ format: 1, hashes: [hex(keyHash([7], ["int"], 1)), hex(keyHash([8], ["int"], 1))] }]);
  });

  it("a truncate's keys, listed by the destination before it, wait for the flush; a huge one streams them", async () => {
    const calls: UsageTableBatch[][] = [];
    const events: string[] = [];
    const { writer } = destination();
    const listing = (n: number): DestinationWriter["truncatedKeys"] =>
      async function* () {
        for (let start = 0; start < n; start += 5000) {
          events.push("page");
          yield Array.from({ length: Math.min(5000, n - start) }, (_, i) => [start + i] as Row);
        }
      };
    let listed = 3;
    const withKeys: DestinationWriter = {
      ...writer,
      truncatedKeys: (t, before) => (listing(listed) as NonNullable<DestinationWriter["truncatedKeys"]>)(t, before),
      truncate: async () => {
        events.push("truncate");
        return 0;
      },
    };
    const metered = meteredWriter(withKeys, async (_d, tables) => {
      events.push("record");
      calls.push(tables);
    });
    const t = table(["id"]);
    await metered.truncate(t, new Date());
    expect(calls).toEqual([]); // not durable yet
    await metered.flush();
    expect(events).toEqual(["page", "truncate", "record"]);
    expect(hashesOf(calls[0]?.[0] as UsageTableBatch)).toEqual([0, 1, 2].map((n) => hex(keyHash([n]))));

    // 250,000 keys: the first 200,000 go as they are read (memory stays bounded), the rest with the flush.
    listed = 250_000;
    events.length = 0;
    calls.length = 0;
    await metered.truncate(t);
    const before = calls.flat().reduce((n, b) => n + b.count, 0);
    expect(before).toBe(200_000);
    expect(events.indexOf("record")).toBeLessThan(events.indexOf("truncate"));
    await metered.flush();
    expect(calls.flat().reduce((n, b) => n + b.count, 0)).toBe(250_000);
  });

  it("normalizes a key by its column's type, as destinations read keys back", () => {
    const types = ["boolean", "long", "decimal", "uuid"] as const;
    const source = keyHash([true, 12n, "1.50", "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"], types);
    expect(hex(keyHash([1, 12, "1.5", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"], types))).toBe(hex(source));
    expect(hex(keyHash(["t", "12", 1.5, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"], types))).toBe(hex(source));
    expect(hex(keyHash([false, 12n, "1.50", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"], types))).not.toBe(hex(source));
  });

  it("reads the keys of a COPY text batch from the text, without decoding its rows, hashed as decoded keys are", async () => {
    const calls: UsageTableBatch[] = [];
    const inner: DestinationWriter = {
      ...destination().writer,
      write: async (_t, b) => ({ rows: b.count, bytes: b.bytes }),
    };
    const metered = meteredWriter(inner, async (_day, tables) => {
      calls.push(...tables);
    });
    const text = CopyText.fromRows([
      ["7", "tab\there"],
      ["8", null],
      ["9", "x"],
    ]);
    const encoded: UpsertBatch = {
      kind: "upsert",
      stream: "public.orders",
      count: 3,
      bytes: 24,
      encoded: { codec: "pg-copy", data: text },
      get rows(): Row[] {
        throw new Error("the rows were decoded");
      },
    };
    await metered.write(table(["id"]), encoded, new Date());
    // The same keys decoded (numbers, as a source decodes an integer key) hash alike.
    await metered.write(
      table(["id"]),
      batch([
        [7, "a"],
        [10, "b"],
      ]),
      new Date(),
    );
    await metered.flush();
    const hashes = calls.flatMap(hashesOf);
    expect(hashes.slice(0, 3)).toEqual([[7], [8], [9]].map((k) => hex(keyHash(k, ["int"]))));
    expect(hashes[3]).toBe(hashes[0]);
    expect(hex(keyHash([7n]))).toBe(hashes[0]);
  });
});

/** The key order of a snapshot spread over slices (src/engine/sources/mysql/slices.ts), without a server. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Column } from "../../../src/engine/protocol";
import { compareDecimal, SliceMap, SliceServer } from "../../../src/engine/sources/mysql/slices";

const sign = (n: number) => Math.sign(n);
const noServer = new SliceServer(() => Promise.reject(new Error("no server in this test")));
const order = (a: { file: string; pos: number }, b: { file: string; pos: number }) => a.pos - b.pos;
const column = (type: Column["type"], sourceType: string): Column => ({ name: "k", type, sourceType, nullable: false });

describe("mysql snapshot slices", () => {
  it("decimal text compares exactly (BIGINT UNSIGNED, DECIMAL, negatives, zeros)", () => {
    fc.assert(
      fc.property(fc.bigInt(-(2n ** 70n), 2n ** 70n), fc.bigInt(-(2n ** 70n), 2n ** 70n), fc.nat(6), (a, b, scale) => {
        const text = (v: bigint) => {
          if (scale === 0) return v.toString();
          const abs = (v < 0n ? -v : v).toString().padStart(scale + 1, "0");
          return `${v < 0n ? "-" : ""}${abs.slice(0, -scale)}.${abs.slice(-scale)}`;
        };
        expect(sign(compareDecimal(text(a), text(b)))).toBe(a === b ? 0 : a < b ? -1 : 1);
      }),
    );
    expect(compareDecimal("18446744073709551615", "9223372036854775807")).toBeGreaterThan(0);
    expect(compareDecimal("-0.00", "0")).toBe(0);
    expect(compareDecimal("1.5", "1.50")).toBe(0);
  });

  it("an event for a key is in the snapshot of the slice whose range holds it", async () => {
    const map = new SliceMap(
      "db",
      "t",
      [column("long", "bigint")],
      { file: "b.1", pos: 100 },
      [
        { after: ["10"], binlog: { file: "b.1", pos: 200 } },
        { after: ["20"], binlog: { file: "b.1", pos: 300 } },
      ],
      order,
      () => [],
      noServer,
    );
    const at = (pos: number) => ({ file: "b.1", pos });
    expect(map.beforeAll(at(100))).toBe(true);
    expect(map.inWindow(at(301))).toBe(false);
    // Keys 5 (slice 0, read at 100), 15 (read at 200), 25 (read at 300), -3 (slice 0).
    expect(await map.inSnapshot(at(150), [["5"], ["15"], ["25"], ["-3"], ["10"], ["11"]])).toEqual([
      false,
      true,
      true,
      false,
      false,
      true,
    ]);
    expect(await map.inSnapshot(at(250), [["5"], ["15"], ["25"]])).toEqual([false, false, true]);
    expect(await map.inSnapshot(at(400), [["25"]])).toEqual([false]);
    map.reset(at(260));
    expect(await map.inSnapshot(at(270), [["25"]])).toEqual([false]);
    expect(await map.inSnapshot(at(250), [["25"]])).toEqual([true]);
  });

  it("ENUM keys order by member index, as the server orders them", async () => {
    const members = () => ["zeta", "alpha", "mid"];
    const map = new SliceMap(
      "db",
      "t",
      [column("string", "enum('zeta','alpha','mid')")],
      { file: "b.1", pos: 100 },
      [{ after: ["alpha"], binlog: { file: "b.1", pos: 200 } }],
      order,
      members,
      noServer,
    );
    // zeta and alpha (index 0, 1) were read at 100; mid (after alpha) at 200.
    expect(await map.inSnapshot({ file: "b.1", pos: 150 }, [["zeta"], ["alpha"], ["mid"]])).toEqual([
      false,
      false,
      true,
    ]);
  });
});

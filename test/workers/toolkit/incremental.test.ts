import { describe, expect, it } from "vitest";
import { compareKeys, IncrementalCursor } from "../../../src/engine/toolkit/incremental";

const NOW = new Date("2026-04-01T12:00:00.000Z");
const now = () => NOW;

describe("IncrementalCursor", () => {
  it("starts a first pass from the beginning (or `start`), with now() as the signpost", () => {
    const first = new IncrementalCursor(undefined, { now });
    expect(first.lowerBound).toBeUndefined();
    expect(first.signpost).toBe("2026-04-01T12:00:00.000Z");
    expect(first.includes("1970-01-01T00:00:00Z")).toBe(true);
    expect(first.checkpoint()).toEqual({});
    const started = new IncrementalCursor(undefined, { now, start: "2026-01-01T00:00:00Z", lookback: 60_000 });
    expect(started.lowerBound).toBe("2025-12-31T23:59:00.000Z");
  });

  it("gives cursor − lookback as the lower bound, in the cursor's own format", () => {
    expect(new IncrementalCursor({ cursor: "2026-03-31T10:00:00Z" }, { now, lookback: 3_600_000 }).lowerBound).toBe(
      "2026-03-31T09:00:00.000Z",
    );
    const stripe = new IncrementalCursor({ cursor: 1_700_000_000 }, { format: "epoch_s", now, lookback: 300_000 });
    expect(stripe.lowerBound).toBe(1_699_999_700);
    expect(stripe.signpost).toBe(Math.floor(NOW.getTime() / 1000));
    expect(
      new IncrementalCursor({ cursor: 1_700_000_000_000 }, { format: "epoch_ms", now, lookback: 5 }).lowerBound,
    ).toBe(1_699_999_999_995);
    const sequence = new IncrementalCursor({ cursor: 500 }, { format: "number", lookback: 20 });
    expect(sequence.lowerBound).toBe(480);
    expect(sequence.signpost).toBeUndefined();
    // No lookback: the stored cursor itself, inclusive.
    const exact = new IncrementalCursor({ cursor: "2026-03-31T10:00:00Z" }, { now });
    expect(exact.lowerBound).toBe("2026-03-31T10:00:00Z");
    expect(exact.includes("2026-03-31T10:00:00Z")).toBe(true);
    expect(exact.includes("2026-03-31T09:59:59.999Z")).toBe(false);
  });

  it("tracks the max cursor seen, equal cursors ordered by primary key", () => {
    const cursor = new IncrementalCursor({ cursor: "2026-03-01T00:00:00Z" }, { now });
    cursor.observe("2026-03-05T00:00:00Z", ["b"]);
    cursor.observe("2026-03-07T00:00:00Z", ["a"]);
    cursor.observe("2026-03-07T00:00:00.000Z", ["c"]); // the same instant, a later key
    cursor.observe("2026-03-07T00:00:00Z", ["b"]);
    cursor.observe("2026-03-06T00:00:00Z", ["z"]);
    cursor.observe(null, ["nothing"]);
    expect(cursor.finish()).toEqual({ cursor: "2026-03-07T00:00:00.000Z", key: ["c"] });
    expect(compareKeys([1, "a"], [1, "b"])).toBeLessThan(0);
    expect(compareKeys([2], [10])).toBeLessThan(0); // numbers compare as numbers
    expect(compareKeys([null], ["a"])).toBeLessThan(0);
    expect(compareKeys(undefined, ["a"])).toBeLessThan(0);
  });

  it("never advances beyond the signpost (now() at the pass start, or a supplied max)", () => {
    const cursor = new IncrementalCursor(undefined, { now });
    cursor.observe("2026-04-01T11:59:59Z", [1]);
    cursor.observe("2026-04-01T12:00:01Z", [2]); // written while the pass ran: read again next pass
    expect(cursor.beyondSignpost("2026-04-01T12:00:01Z")).toBe(true);
    expect(cursor.finish()).toEqual({ cursor: "2026-04-01T11:59:59Z", key: [1] });

    const capped = new IncrementalCursor({ cursor: 10 }, { format: "number", signpost: 40 });
    for (const n of [20, 40, 41, 99]) capped.observe(n, [n]);
    expect(capped.finish()).toEqual({ cursor: 40, key: [40] });
  });

  it("with no lookback, resumes among equal cursors past the stored key", () => {
    const cursor = new IncrementalCursor({ cursor: "2026-03-07T00:00:00Z", key: [5] }, { now });
    expect(cursor.lowerKey).toEqual([5]);
    expect(cursor.includes("2026-03-07T00:00:00Z", [5])).toBe(false);
    expect(cursor.includes("2026-03-07T00:00:00Z", [6])).toBe(true);
    expect(cursor.includes("2026-03-07T00:00:01Z", [1])).toBe(true);
    // With a lookback the window is re-read whole: no key filter.
    const back = new IncrementalCursor({ cursor: "2026-03-07T00:00:00Z", key: [5] }, { now, lookback: 1000 });
    expect(back.lowerKey).toBeUndefined();
    expect(back.includes("2026-03-07T00:00:00Z", [1])).toBe(true);
  });

  it("never moves the state backwards (a lookback re-reads older records)", () => {
    const cursor = new IncrementalCursor({ cursor: "2026-03-07T00:00:00Z", key: [5] }, { now, lookback: 86_400_000 });
    cursor.observe("2026-03-06T12:00:00Z", [9]);
    cursor.observe("2026-03-07T00:00:00Z", [4]);
    expect(cursor.finish()).toEqual({ cursor: "2026-03-07T00:00:00Z", key: [5] });
    const quiet = new IncrementalCursor({ cursor: 7 }, { format: "number" });
    expect(quiet.finish()).toEqual({ cursor: 7 });
  });

  it("checkpoints mid-pass only for records in ascending order, the stored state otherwise", () => {
    const unordered = new IncrementalCursor({ cursor: "2026-03-01T00:00:00Z" }, { now });
    unordered.observe("2026-03-09T00:00:00Z", ["x"]);
    expect(unordered.checkpoint()).toEqual({ cursor: "2026-03-01T00:00:00Z" });
    expect(unordered.finish()).toEqual({ cursor: "2026-03-09T00:00:00Z", key: ["x"] });

    const ordered = new IncrementalCursor(undefined, { now, ordered: true });
    ordered.observe("2026-03-02T00:00:00Z", [1]);
    expect(ordered.checkpoint()).toEqual({ cursor: "2026-03-02T00:00:00Z", key: [1] });
    ordered.observe("2026-03-03T00:00:00Z", [1]);
    ordered.observe("2026-03-02T12:00:00Z", [2]); // out of order after all
    expect(ordered.outOfOrder).toBe(true);
    expect(ordered.checkpoint()).toEqual({});
    expect(ordered.finish()).toEqual({ cursor: "2026-03-03T00:00:00Z", key: [1] });
  });

  it("refuses unreadable cursors and a negative lookback", () => {
    expect(() => new IncrementalCursor({ cursor: "yesterday" }, { now })).toThrow(/not a cursor value of format iso/);
    expect(() => new IncrementalCursor(undefined, { now, lookback: -1 })).toThrow(RangeError);
    const cursor = new IncrementalCursor(undefined, { now });
    expect(() => cursor.observe("soon", [1])).toThrow(TypeError);
  });
});

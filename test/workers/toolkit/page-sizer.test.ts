import { describe, expect, it } from "vitest";
import { PageSizer } from "../../../src/engine/toolkit/page-sizer";

describe("PageSizer", () => {
  it("starts small, then sizes pages by the widest row seen", () => {
    const sizer = new PageSizer({ budgetBytes: 1_000_000 });
    expect(sizer.limit).toBe(16);
    sizer.observe(100);
    expect(sizer.limit).toBe(10_000);
    sizer.observe(40); // narrower rows change nothing: the widest decides
    expect(sizer.limit).toBe(10_000);
    sizer.observe(4000);
    expect(sizer.limit).toBe(250);
    expect(sizer.widest).toBe(4000);
  });

  it("carries the widest row over from state and caps the rows per page", () => {
    expect(new PageSizer({ budgetBytes: 1_000_000, widest: 2000 }).limit).toBe(500);
    expect(new PageSizer({ budgetBytes: 1_000_000_000, widest: 10 }).limit).toBe(200_000);
    expect(new PageSizer({ budgetBytes: 1_000_000, widest: 10, maxRows: 1000 }).limit).toBe(1000);
    expect(new PageSizer({ budgetBytes: 100, widest: 10_000 }).limit).toBe(1); // never 0
    expect(new PageSizer({ budgetBytes: 1000, initialRows: 3 }).limit).toBe(3);
  });

  it("shrinks to a quarter on overflow, down to one row, and keeps the cap", () => {
    const sizer = new PageSizer({ budgetBytes: 1_000_000, widest: 100 });
    expect(sizer.limit).toBe(10_000);
    expect(sizer.shrink()).toBe(true);
    expect(sizer.limit).toBe(2500);
    sizer.observePage({ rows: 2500, bytes: 200_000 });
    expect(sizer.limit).toBe(2500); // the cap stays for the pass
    expect(sizer.shrink(3)).toBe(true);
    expect(sizer.limit).toBe(1);
    expect(sizer.shrink()).toBe(false); // one row over the cap: nothing left to shrink
  });

  it("sizes by a page's average row when row sizes are unknown, and can grow back after an overflow", () => {
    const sizer = new PageSizer({ budgetBytes: 64_000, regrow: true, maxRows: 1000 });
    sizer.observePage({ rows: 16, bytes: 3200 }); // 200 bytes a row
    expect(sizer.limit).toBe(320);
    sizer.shrink();
    expect(sizer.limit).toBe(80);
    sizer.observePage({ rows: 80, bytes: 16_000 });
    expect(sizer.limit).toBe(160);
    sizer.observePage({ rows: 160, bytes: 32_000, widest: 210 });
    expect(sizer.limit).toBe(304); // cap 320 no longer binds; 64 000 / 210
    sizer.observePage({ rows: 0, bytes: 0 });
    expect(sizer.limit).toBe(304);
  });

  it("refuses a budget that is not positive", () => {
    expect(() => new PageSizer({ budgetBytes: 0 })).toThrow(RangeError);
  });
});

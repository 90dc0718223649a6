/**
 * Byte-bounded page sizing, for any reader that asks for "at most N rows" (a LIMIT, a
 * `page_size`, a `per_page`): keeps pages near a byte budget whatever the row width. It starts
 * small while no row has been seen, then sizes pages by the widest row seen so far (so a page
 * of such rows fits the budget), shrinks to a quarter when an answer overflowed (the reader
 * dropped it and asks again), and caps the number of rows per page. The widest row can carry
 * over in a stream's state, so the next pass starts at full size.
 *
 * The general form of the private sizer in sources/postgres/reader.ts (same defaults).
 */

export interface PageSizerOptions {
  /** The bytes a page should stay under. */
  budgetBytes: number;
  /** The widest row seen before (from the stream's state); 0 when unknown. */
  widest?: number;
  /** Rows of the first page while no row has been seen; default 16. */
  initialRows?: number;
  /** The most rows of any page; default 200 000. */
  maxRows?: number;
  /** An overflow divides the page by this; default 4. */
  shrinkFactor?: number;
  /**
   * After an overflow, pages that fit let the limit grow back: each such page doubles the cap
   * an overflow set (it is dropped once it reaches maxRows). Default false: the cap stays for the
   * sizer's life, as one pass needs.
   */
  regrow?: boolean;
}

export class PageSizer {
  readonly budget: number;
  /** The widest row seen, in bytes (store it in the stream's state). */
  widest: number;
  private readonly initialRows: number;
  private readonly maxRows: number;
  private readonly shrinkFactor: number;
  private readonly regrow: boolean;
  /** Set by an overflow: no page asks for more rows than this. */
  private cap = Number.POSITIVE_INFINITY;

  constructor(options: PageSizerOptions) {
    if (!(options.budgetBytes > 0)) throw new RangeError("budgetBytes must be positive");
    this.budget = options.budgetBytes;
    this.widest = Math.max(0, options.widest ?? 0);
    this.initialRows = Math.max(1, Math.floor(options.initialRows ?? 16));
    this.maxRows = Math.max(1, Math.floor(options.maxRows ?? 200_000));
    this.shrinkFactor = Math.max(2, options.shrinkFactor ?? 4);
    this.regrow = options.regrow ?? false;
  }

  /** The number of rows to ask for next (at least 1). */
  get limit(): number {
    const byWidth = this.widest === 0 ? this.initialRows : Math.floor(this.budget / this.widest);
    return Math.max(1, Math.min(this.cap, this.maxRows, byWidth));
  }

  /** Notes one row's size in bytes. */
  observe(rowBytes: number): void {
    if (rowBytes > this.widest) this.widest = rowBytes;
  }

  /**
   * Notes a page that fit: its rows' sizes when known, else its total bytes over its rows
   * (the average stands in for the widest row, as an API page's body gives no more).
   */
  observePage(page: { rows: number; bytes: number; widest?: number }): void {
    if (page.rows > 0) this.observe(page.widest ?? Math.ceil(page.bytes / page.rows));
    if (this.regrow && Number.isFinite(this.cap)) {
      this.cap *= 2;
      if (this.cap >= this.maxRows) this.cap = Number.POSITIVE_INFINITY;
    }
  }

  /**
   * The answer to a page of `limit` rows (the last {@link limit} by default) overflowed: ask
   * for a `shrinkFactor`th as many. False when it already was one row (nothing left to shrink:
   * a single row is over the reader's cap).
   */
  shrink(limit = this.limit): boolean {
    if (limit <= 1) return false;
    this.cap = Math.max(1, Math.floor(limit / this.shrinkFactor));
    return true;
  }
}

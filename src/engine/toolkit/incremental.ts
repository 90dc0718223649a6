/**
 * A generic incremental cursor for API sources (`updated_at`, `modified_since`, a sequence
 * number): one pass reads the records whose cursor lies between a lower bound and a signpost,
 * and the state it checkpoints moves the next pass on without ever skipping a record.
 *
 * - **Lower bound**: the stored cursor minus a lookback (records committed late, clocks that
 *   disagree, APIs that are eventually consistent), inclusive; with no lookback and a stored
 *   primary key, records at the stored cursor are new only past that key.
 * - **Signpost**: the pass's upper bound, fixed when the pass starts — `now()` for timestamps,
 *   or a supplied maximum (the API's own latest value). Records beyond it may be emitted (an
 *   upsert is idempotent), but the cursor never advances past it: they are read again next pass.
 * - **Max seen**: the highest `(cursor, primary key)` observed at or below the signpost; equal
 *   cursors are ordered by the primary key, so a resumed pass knows where among them it was.
 * - **Checkpoint**: the max seen, never behind the stored cursor. Mid-pass only when records
 *   arrive in ascending cursor order (`ordered`): otherwise an unseen record with a lower cursor
 *   could be skipped, so the stored state is kept until {@link IncrementalCursor.finish}.
 *
 * Timestamps compare as instants at millisecond precision (finer digits order by the key tie-
 * break); the checkpoint keeps the record's own text, so no precision is lost in state.
 */

/** A cursor value as records and state carry it. */
export type CursorValue = string | number;
/** A primary key value (one per key column). */
export type KeyValue = string | number | bigint | boolean | null;

/**
 * How cursor values read: `iso` — RFC 3339 / ISO 8601 text; `epoch_s` / `epoch_ms` —
 * Unix time in seconds (Stripe's `created`) or milliseconds; `number` — a plain ordinal
 * (a sequence, an id) whose lookback is in its own units.
 */
export type CursorFormat = "iso" | "epoch_s" | "epoch_ms" | "number";

/** The state an incremental stream checkpoints. */
export interface IncrementalState {
  /** The highest cursor read, as the record carried it. */
  cursor?: CursorValue;
  /** The primary key of the last record read at `cursor` (the tie-break among equal cursors). */
  key?: KeyValue[];
}

export interface IncrementalOptions {
  /** Default `iso`. */
  format?: CursorFormat;
  /** Re-read this far behind the stored cursor: milliseconds for timestamps, units for `number`. Default 0. */
  lookback?: number;
  /** The pass's upper bound; default `now()` at the pass start for timestamps, none for `number`. */
  signpost?: CursorValue;
  /** The clock (the connector context's `now`). */
  now?: () => Date;
  /** The lower bound of a first pass (no stored cursor); default none (everything). */
  start?: CursorValue;
  /** Records arrive in ascending `(cursor, key)` order, so mid-pass checkpoints are safe. */
  ordered?: boolean;
}

/** A cursor value as a number to compare (ms for timestamps); NaN when unreadable. */
function magnitude(value: CursorValue, format: CursorFormat): number {
  switch (format) {
    case "iso":
      return typeof value === "number" ? value : Date.parse(value);
    case "epoch_s":
      return Number(value) * 1000;
    case "epoch_ms":
    case "number":
      return Number(value);
  }
}

/** A magnitude back in the format's own form. */
function fromMagnitude(ms: number, format: CursorFormat): CursorValue {
  switch (format) {
    case "iso":
      return new Date(ms).toISOString();
    case "epoch_s":
      return Math.floor(ms / 1000);
    case "epoch_ms":
    case "number":
      return ms;
  }
}

function compareKeyValue(a: KeyValue, b: KeyValue): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a !== "string" && typeof b !== "string") {
    const x = typeof a === "boolean" ? Number(a) : a;
    const y = typeof b === "boolean" ? Number(b) : b;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Orders primary keys column by column; a missing key sorts first. */
export function compareKeys(a: readonly KeyValue[] | undefined, b: readonly KeyValue[] | undefined): number {
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i >= a.length) return -1;
    if (i >= b.length) return 1;
    const c = compareKeyValue(a[i] as KeyValue, b[i] as KeyValue);
    if (c !== 0) return c;
  }
  return 0;
}

/** One pass over an incremental stream. */
export class IncrementalCursor {
  readonly format: CursorFormat;
  /** Where the pass starts (inclusive); undefined: from the beginning. */
  readonly lowerBound: CursorValue | undefined;
  /** With no lookback: the stored key at {@link lowerBound}; records there are new only past it. */
  readonly lowerKey: KeyValue[] | undefined;
  /** Where the pass ends for the state (inclusive); undefined: no upper bound. */
  readonly signpost: CursorValue | undefined;

  private readonly stored: IncrementalState;
  private readonly lowerMagnitude: number;
  private readonly signpostMagnitude: number;
  private readonly ordered: boolean;
  private max: { cursor: CursorValue; magnitude: number; key?: KeyValue[] } | undefined;
  private finished = false;
  /** An `ordered` pass met a record below the max seen: mid-pass checkpoints stopped. */
  outOfOrder = false;

  constructor(state: IncrementalState | undefined, options: IncrementalOptions = {}) {
    this.format = options.format ?? "iso";
    this.ordered = options.ordered ?? false;
    this.stored = state?.cursor !== undefined ? { cursor: state.cursor, key: state.key } : {};
    const lookback = options.lookback ?? 0;
    if (!(lookback >= 0)) throw new RangeError("lookback must be a non-negative number");

    const now = options.now ?? (() => new Date());
    this.signpost =
      options.signpost ?? (this.format === "number" ? undefined : fromMagnitude(now().getTime(), this.format));
    this.signpostMagnitude = this.signpost === undefined ? Number.POSITIVE_INFINITY : this.read(this.signpost);

    const base = this.stored.cursor ?? options.start;
    if (base === undefined) {
      this.lowerBound = undefined;
      this.lowerKey = undefined;
      this.lowerMagnitude = Number.NEGATIVE_INFINITY;
    } else if (lookback === 0) {
      this.lowerBound = base;
      this.lowerKey = this.stored.cursor !== undefined ? this.stored.key : undefined;
      this.lowerMagnitude = this.read(base);
    } else {
      this.lowerMagnitude = this.read(base) - lookback;
      this.lowerBound = fromMagnitude(this.lowerMagnitude, this.format);
      this.lowerKey = undefined;
    }
  }

  private read(value: CursorValue): number {
    const m = magnitude(value, this.format);
    if (Number.isNaN(m))
      throw new TypeError(`not a cursor value of format ${this.format}: ${String(value).slice(0, 40)}`);
    return m;
  }

  /** Whether a record belongs to this pass: at or past the lower bound (and past its key, if any). */
  includes(cursor: CursorValue, key?: readonly KeyValue[]): boolean {
    const m = this.read(cursor);
    if (m !== this.lowerMagnitude) return m > this.lowerMagnitude;
    return this.lowerKey === undefined || key === undefined || compareKeys(key, this.lowerKey) > 0;
  }

  /** Whether a cursor is past the signpost (it will not advance the state). */
  beyondSignpost(cursor: CursorValue): boolean {
    return this.read(cursor) > this.signpostMagnitude;
  }

  /** Notes a record read in this pass. A record without a cursor (null) is ignored. */
  observe(cursor: CursorValue | null | undefined, key?: readonly KeyValue[]): void {
    if (cursor === null || cursor === undefined) return;
    const m = this.read(cursor);
    if (m > this.signpostMagnitude) return;
    const max = this.max;
    const order =
      max === undefined ? 1 : m !== max.magnitude ? Math.sign(m - max.magnitude) : compareKeys(key, max.key);
    if (order > 0) {
      this.max = { cursor, magnitude: m, key: key ? [...key] : undefined };
    } else if (order < 0 && this.ordered) {
      this.outOfOrder = true;
    }
  }

  /** The pass has read everything it will: the max seen may now be checkpointed whatever the order. */
  finish(): IncrementalState {
    this.finished = true;
    return this.checkpoint();
  }

  /**
   * The state to checkpoint now: the max seen (once the pass is finished, or mid-pass while an
   * `ordered` pass stays in order), never behind the stored cursor; otherwise the stored state.
   */
  checkpoint(): IncrementalState {
    const safe = this.finished || (this.ordered && !this.outOfOrder);
    const stored = this.stored;
    if (!safe || !this.max) return { ...stored };
    if (stored.cursor !== undefined) {
      const s = this.read(stored.cursor);
      const order =
        this.max.magnitude !== s ? Math.sign(this.max.magnitude - s) : compareKeys(this.max.key, stored.key);
      if (order <= 0) return { ...stored };
    }
    return this.max.key ? { cursor: this.max.cursor, key: [...this.max.key] } : { cursor: this.max.cursor };
  }
}

/**
 * COPY for node-postgres in Workers, and PostgreSQL's COPY text format.
 *
 * Hand-written on purpose: pg-copy-streams, the usual library, drives Node's net.Socket
 * directly (pause/read), which the Workers socket shim under pg does not implement. This
 * uses only pg's documented extension point (a submittable with handle* callbacks) and the
 * connection's own CopyData framing, so all protocol parsing stays pg's.
 */
import type pg from "pg";
import type { Row } from "./types";

interface PgConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Uint8Array): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
}

import { Buffer } from "node:buffer";

/** Outgoing COPY data is sent in frames of about this size (one socket write each). */
const FRAME_BYTES = 256 * 1024;

/** A COPY statement run as a pg submittable. */
abstract class CopyQuery {
  protected error: unknown;
  private settle!: { resolve: (rows: number) => void; reject: (error: unknown) => void };
  readonly done: Promise<number>;
  private rows = 0;

  constructor(private readonly text: string) {
    this.done = new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
    });
  }

  submit(connection: PgConnection): void {
    connection.query(this.text);
  }

  handleCommandComplete(message: { text: string }): void {
    this.rows = Number(message.text.split(" ").pop()) || 0;
  }

  handleError(error: unknown): void {
    this.error = error;
    this.settle.reject(error);
  }

  handleReadyForQuery(): void {
    if (!this.error) this.settle.resolve(this.rows);
  }

  handleCopyInResponse(connection: PgConnection): void {
    connection.sendCopyFail("unexpected COPY FROM");
  }

  handleCopyData(_message: { chunk: Uint8Array }): void {}
  handleEmptyQuery(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
}

/**
 * Rows of a COPY answer as they came off the wire: UTF-8 COPY text and the offset where each
 * line ends (its `\n`). A Postgres-to-Postgres sync sends these bytes on without ever decoding
 * them; anything else decodes lines on demand.
 */
export class CopyText {
  constructor(
    readonly data: Uint8Array,
    readonly ends: readonly number[],
  ) {}

  get length(): number {
    return this.ends.length;
  }

  /** Line `i` decoded, without its newline. */
  line(i: number): string {
    const start = i === 0 ? 0 : (this.ends[i - 1] as number) + 1;
    return decoder.decode(this.data.subarray(start, this.ends[i]));
  }

  /** Every line decoded (one decode for the whole page, not one per row). */
  lines(): string[] {
    if (this.ends.length === 0) return [];
    const lines = decoder.decode(this.data).split("\n");
    lines.pop();
    return lines;
  }

  /** The byte length of the longest line. */
  widest(): number {
    let widest = 0;
    let start = 0;
    for (const end of this.ends) {
      if (end - start > widest) widest = end - start;
      start = end + 1;
    }
    return widest;
  }
}

const decoder = new TextDecoder();
const indexOf = Uint8Array.prototype.indexOf;

class CopyOut extends CopyQuery {
  private buffer: Uint8Array;
  private length = 0;
  private readonly ends: number[] = [];
  /** More arrived than `maxBytes`: the rest was dropped, the caller must ask for less. */
  overflow = false;

  constructor(
    text: string,
    private readonly maxBytes: number,
    expectedBytes: number,
  ) {
    super(text);
    // Sized for the expected answer up front: growing by doubling leaves garbage behind.
    this.buffer = new Uint8Array(Math.min(maxBytes, Math.max(64 * 1024, expectedBytes)));
  }

  received(): CopyText {
    return new CopyText(this.buffer.subarray(0, this.length), this.ends);
  }

  override handleCopyData(message: { chunk: Uint8Array }): void {
    if (this.overflow) return;
    const chunk = message.chunk;
    const needed = this.length + chunk.length;
    if (needed > this.maxBytes) {
      // Keep memory bounded whatever the rows hold: drop the rest of the answer.
      this.overflow = true;
      this.buffer = new Uint8Array(0);
      this.length = 0;
      this.ends.length = 0;
      return;
    }
    // pg reuses its receive buffer, so the chunk is copied before the next message arrives.
    if (needed > this.buffer.length) {
      const grown = new Uint8Array(Math.min(this.maxBytes, Math.max(needed, this.buffer.length * 2)));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.set(chunk, this.length);
    // The server sends a row per message, but the format does not promise it: find the ends.
    // TypedArray's own indexOf: the chunk is a Buffer, whose indexOf is the (much slower, per
    // call) Node compatibility layer's.
    for (let i = indexOf.call(chunk, 10); i >= 0; i = indexOf.call(chunk, 10, i + 1)) this.ends.push(this.length + i);
    this.length = needed;
  }
}

class CopyIn extends CopyQuery {
  constructor(
    text: string,
    private readonly frames: Uint8Array[],
  ) {
    super(text);
  }

  override handleCopyInResponse(connection: PgConnection): void {
    for (const frame of this.frames) connection.sendCopyFromChunk(frame);
    connection.endCopyFrom();
  }
}

/**
 * Runs `COPY (…) TO STDOUT` and returns its rows undecoded, or null when the answer was
 * larger than `maxBytes` (nothing is kept then: ask for fewer rows). `expectedBytes` sizes
 * the receive buffer.
 */
export async function copyOut(
  client: pg.Client,
  sql: string,
  maxBytes: number,
  expectedBytes = 0,
): Promise<CopyText | null> {
  const query = new CopyOut(sql, maxBytes, expectedBytes);
  client.query(query as unknown as pg.QueryConfig);
  await query.done;
  return query.overflow ? null : query.received();
}

/**
 * Runs `COPY … FROM STDIN` with COPY text lines, each followed by `suffix` (extra trailing
 * columns such as `\t<synced at>`, appended while framing so no per-row string is built).
 * Returns the number of rows copied.
 */
export async function copyIn(client: pg.Client, sql: string, lines: readonly string[], suffix = ""): Promise<number> {
  // pg's message serializer concatenates Buffers, so frames must be Buffers.
  const frames: Buffer[] = [];
  const separator = `${suffix}\n`;
  let start = 0;
  let size = 0;
  for (let i = 0; i < lines.length; i++) {
    size += (lines[i] as string).length + separator.length;
    if (size >= FRAME_BYTES || i === lines.length - 1) {
      frames.push(Buffer.from(lines.slice(start, i + 1).join(separator) + separator, "utf8"));
      start = i + 1;
      size = 0;
    }
  }
  const query = new CopyIn(sql, frames);
  client.query(query as unknown as pg.QueryConfig);
  return query.done;
}

/**
 * Runs `COPY … FROM STDIN` with the lines of a COPY answer as they are, each followed by
 * `suffix`: bytes are copied into frames, nothing is decoded or encoded.
 */
export async function copyInText(client: pg.Client, sql: string, text: CopyText, suffix = ""): Promise<number> {
  const tail = Buffer.from(`${suffix}\n`, "utf8");
  const frames: Buffer[] = [];
  let first = 0;
  while (first < text.length) {
    // Lines [first, last) fill one frame of about FRAME_BYTES.
    const from = first === 0 ? 0 : (text.ends[first - 1] as number) + 1;
    let last = first;
    while (last < text.length && (text.ends[last] as number) - from < FRAME_BYTES) last++;
    if (last === first) last++;
    const to = text.ends[last - 1] as number;
    // The lines' bytes, less the newlines between them, plus a tail after each.
    const frame = Buffer.allocUnsafe(to - from + (last - first) * (tail.length - 1) + 1);
    let offset = 0;
    let start = from;
    for (let i = first; i < last; i++) {
      const end = text.ends[i] as number;
      frame.set(text.data.subarray(start, end), offset);
      offset += end - start;
      frame.set(tail, offset);
      offset += tail.length;
      start = end + 1;
    }
    frames.push(frame);
    first = last;
  }
  const query = new CopyIn(sql, frames);
  client.query(query as unknown as pg.QueryConfig);
  return query.done;
}

const UNESCAPE: Record<string, string> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\" };

/** Decodes one field of a COPY text line (`\N` is NULL). */
export function decodeCopyField(field: string): string | null {
  if (field === "\\N") return null;
  if (!field.includes("\\")) return field;
  return field.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_, code: string) => {
    if (code[0] === "x") return String.fromCharCode(Number.parseInt(code.slice(1), 16));
    if (/^[0-7]/.test(code)) return String.fromCharCode(Number.parseInt(code, 8));
    return UNESCAPE[code] ?? code;
  });
}

/** Decodes one COPY text line into values. */
export function decodeCopyLine(line: string): Row {
  return line.split("\t").map(decodeCopyField);
}

function escapeField(value: string | null): string {
  if (value === null) return "\\N";
  if (!/[\\\t\n\r]/.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

/** Encodes values as one COPY text line. */
export function encodeCopyLine(row: Row): string {
  return row.map(escapeField).join("\t");
}

/** A string literal for SQL that COPY (…) can embed (COPY takes no bind parameters). */
export function quoteLiteral(value: string): string {
  if (value.includes("\0")) throw new Error("NUL byte in a key value");
  return `'${value.replace(/'/g, "''")}'`;
}

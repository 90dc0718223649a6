/**
 * COPY for node-postgres in Workers, and PostgreSQL's COPY text format.
 *
 * Hand-written on purpose: pg-copy-streams, the usual library, drives Node's net.Socket
 * directly (pause/read), which the Workers socket shim under pg does not implement. This
 * uses pg's extension point (a submittable with handle* callbacks); the only protocol
 * reading done here is the message framing of {@link CopyDataRouter}, which hands every
 * message but COPY OUT's rows to pg's own parser.
 */
import { Buffer } from "node:buffer";
import type pg from "pg";
/** A row in PostgreSQL's text representation, `null` for NULL. */
export type PgTextRow = (string | null)[];

interface PgConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Uint8Array): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
  /** Set by {@link routeCopyData}: where CopyData bodies go while a COPY OUT runs. */
  copySink?: ((body: Uint8Array) => void) | undefined;
}

/** The part of a socket stream pg's Connection listens to. */
interface ByteStream {
  on(event: string, listener: (...args: never[]) => void): unknown;
}

const COPY_DATA = 100; // 'd'

/**
 * Splits the server's byte stream into protocol messages just far enough to take CopyData
 * messages out of it: while a COPY OUT runs (`copySink` set), their bodies go straight to the
 * sink; every other byte reaches pg's own parser unchanged and in order. Written by hand
 * because pg parses each CopyData message into a Buffer slice and a message object and
 * emits it through an EventEmitter: one per row, which cost ~0.5 s of the Worker's thread per
 * million rows. Only the 5-byte message header (type, big-endian length) is read here.
 */
export class CopyDataRouter {
  private readonly header = new Uint8Array(5);
  private headerLength = 0;
  /** Body bytes of the current message still to come. */
  private remaining = 0;
  /** The current message is CopyData going to the sink. */
  private copying = false;
  private pending: Uint8Array[] = [];

  constructor(
    private readonly connection: PgConnection,
    /** pg's parser: the bytes of every message not routed to the sink. */
    private readonly deliver: (bytes: Buffer) => void,
  ) {}

  push(chunk: Uint8Array): void {
    // A plain view: subarrays of a Buffer go through the Node compatibility layer.
    const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const n = bytes.length;
    let i = 0;
    while (i < n) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, n - i);
        const body = bytes.subarray(i, i + take);
        this.remaining -= take;
        i += take;
        if (this.copying) {
          this.flush();
          // The sink may end the COPY (and clear itself) only at ReadyForQuery, which pg
          // parses later; a body split across chunks goes to the sink piece by piece.
          (this.connection.copySink as (body: Uint8Array) => void)(body);
        } else {
          this.pending.push(body);
        }
        continue;
      }
      // A header, possibly split across chunks.
      let code: number;
      let length: number;
      if (this.headerLength === 0 && n - i >= 5) {
        code = bytes[i] as number;
        length =
          (((bytes[i + 1] as number) << 24) |
            ((bytes[i + 2] as number) << 16) |
            ((bytes[i + 3] as number) << 8) |
            (bytes[i + 4] as number)) >>>
          0;
        if (!this.start(code, length)) this.pending.push(bytes.subarray(i, i + 5));
        i += 5;
      } else {
        const take = Math.min(5 - this.headerLength, n - i);
        this.header.set(bytes.subarray(i, i + take), this.headerLength);
        this.headerLength += take;
        i += take;
        if (this.headerLength < 5) break;
        this.headerLength = 0;
        const h = this.header;
        code = h[0] as number;
        length =
          (((h[1] as number) << 24) | ((h[2] as number) << 16) | ((h[3] as number) << 8) | (h[4] as number)) >>> 0;
        if (!this.start(code, length)) this.pending.push(h.slice());
      }
    }
    this.flush();
  }

  /**
   * A message begins: true when it is CopyData during a COPY OUT, which goes to the sink;
   * anything else goes to pg, header included. (An empty body sends nothing anywhere.)
   */
  private start(code: number, length: number): boolean {
    this.remaining = length - 4;
    this.copying = code === COPY_DATA && this.connection.copySink !== undefined;
    return this.copying;
  }

  /** Hands pg what it is owed so far, before the sink sees anything after it. */
  private flush(): void {
    if (this.pending.length === 0) return;
    const parts = this.pending;
    this.pending = [];
    // pg's parser may keep the Buffer it is given until the next one: give it its own bytes.
    this.deliver(Buffer.concat(parts));
  }
}

/**
 * Routes a pg client's CopyData messages through a {@link CopyDataRouter} (call before
 * `connect()`). pg's Connection hands its socket to pg-protocol's `parse`, which listens to
 * `data` and `end`; here it gets a stand-in whose `data` comes through the router.
 */
export function routeCopyData(client: pg.Client): void {
  const connection = (client as unknown as { connection: PgConnection & { attachListeners(stream: ByteStream): void } })
    .connection;
  const attach = connection.attachListeners.bind(connection);
  connection.attachListeners = (stream: ByteStream) => {
    let deliver: (bytes: Buffer) => void = () => {};
    const standIn: ByteStream = {
      on(event, listener) {
        if (event === "data") deliver = listener as unknown as (bytes: Buffer) => void;
        else stream.on(event, listener);
        return standIn;
      },
    };
    attach(standIn);
    const router = new CopyDataRouter(connection, (bytes) => deliver(bytes));
    stream.on("data", ((chunk: Uint8Array) => router.push(chunk)) as never);
  };
}

/** Outgoing COPY data is sent in frames of about this size (one socket write each). */
const FRAME_BYTES = 256 * 1024;

/** A COPY statement run as a pg submittable. */
abstract class CopyQuery {
  protected error: unknown;
  private settle!: { resolve: (rows: number) => void; reject: (error: unknown) => void };
  readonly done: Promise<number>;
  private rows = 0;
  /**
   * Set by pg when the client has a `query_timeout`: its wrapper clears the read timer. pg
   * calls only a query's `callback` for that, so a submittable that never calls it keeps its
   * timer, and with it the query and every frame or chunk it holds, alive for the whole
   * timeout (the full table in memory during a sync), and is then errored after it finished.
   */
  callback?: (error: unknown, result?: unknown) => void;

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
    this.finished(error);
  }

  handleReadyForQuery(): void {
    if (!this.error) this.settle.resolve(this.rows);
    this.finished(this.error ?? null);
  }

  /** Tells pg the query ended, once (an error is followed by ReadyForQuery). */
  private finished(error: unknown): void {
    const callback = this.callback;
    this.callback = undefined;
    callback?.(error, this.rows);
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

  /** COPY text of rows (for tests and sources that build COPY text themselves). */
  static fromRows(rows: readonly PgTextRow[]): CopyText {
    const ends: number[] = [];
    const parts: Uint8Array[] = [];
    let length = 0;
    for (const row of rows) {
      const bytes = new TextEncoder().encode(`${encodeCopyLine(row)}\n`);
      parts.push(bytes);
      length += bytes.length;
      ends.push(length - 1);
    }
    const data = new Uint8Array(length);
    let offset = 0;
    for (const part of parts) {
      data.set(part, offset);
      offset += part.length;
    }
    return new CopyText(data, ends);
  }

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
  private connection?: PgConnection;
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

  /** With {@link routeCopyData}, the rows' bytes come straight from the router. */
  override submit(connection: PgConnection): void {
    this.connection = connection;
    connection.copySink = (body) => this.handleCopyData({ chunk: body });
    super.submit(connection);
  }

  override handleError(error: unknown): void {
    if (this.connection) this.connection.copySink = undefined;
    super.handleError(error);
  }

  override handleReadyForQuery(): void {
    if (this.connection) this.connection.copySink = undefined;
    super.handleReadyForQuery();
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
    // The chunk is a view of a receive buffer: copy it before the next one arrives.
    if (needed > this.buffer.length) {
      const grown = new Uint8Array(Math.min(this.maxBytes, Math.max(needed, this.buffer.length * 2)));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.set(chunk, this.length);
    // The server sends a row per message, but the format does not promise it: find the ends.
    // TypedArray's own indexOf: when the chunk is a Buffer (pg's path), Buffer's indexOf is the
    // (much slower, per call) Node compatibility layer's.
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
export function decodeCopyLine(line: string): PgTextRow {
  return line.split("\t").map(decodeCopyField);
}

function escapeField(value: string | null): string {
  if (value === null) return "\\N";
  if (!/[\\\t\n\r]/.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

/** Encodes values as one COPY text line. */
export function encodeCopyLine(row: PgTextRow): string {
  return row.map(escapeField).join("\t");
}

/** A string literal for SQL that COPY (…) can embed (COPY takes no bind parameters). */
export function quoteLiteral(value: string): string {
  if (value.includes("\0")) throw new Error("NUL byte in a key value");
  return `'${value.replace(/'/g, "''")}'`;
}

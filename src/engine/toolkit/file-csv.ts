/**
 * A streaming CSV record reader over bytes (RFC 4180 plus the options Fivetran's file
 * connectors take: a delimiter of up to 4 characters, a quote character, an escape character
 * other than the doubled quote). It reports each record's byte offset, so a read stopped by its
 * time budget resumes with an HTTP Range request from the next record instead of the file's start.
 *
 * Written by hand: the maintained CSV libraries (papaparse, csv-parse) parse decoded text and do
 * not expose byte offsets of records, which the resumable reads need. Splitting on bytes is safe
 * for ASCII-compatible encodings (UTF-8, ISO-8859-1, windows-1252): no multi-byte sequence of
 * theirs contains an ASCII byte.
 */

export interface CsvOptions {
  /** The field separator (1 to 4 ASCII characters). */
  delimiter: string;
  /** The quote character; undefined: quotes are ordinary characters. */
  quote?: string;
  /** The escape character inside quoted fields; the quote itself (a doubled quote) by default. */
  escape?: string;
  /** A WHATWG encoding label of an ASCII-compatible encoding; utf-8 by default. */
  encoding?: string;
}

/** One record: its fields as text, which of them were quoted, and where it starts and ends in the file. */
export interface CsvRecord {
  fields: string[];
  quoted: boolean[];
  /** Byte offset of the record's first byte in the file. */
  offset: number;
  /** Byte offset just past the record's line ending. */
  end: number;
}

/** A record this reader cannot make sense of; `offset` is where it starts. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** The largest record held while waiting for its end. */
export const MAX_RECORD_BYTES = 16 << 20;

const LF = 10;
const CR = 13;

function asciiByte(text: string | undefined, what: string): number | undefined {
  if (text === undefined || text === "") return undefined;
  const code = text.charCodeAt(0);
  if (text.length !== 1 || code > 127) throw new Error(`${what} must be one ASCII character`);
  return code;
}

/** Pushes chunks of a file (from byte `start`), gets back its complete records. */
export class CsvReader {
  private readonly delimiter: Uint8Array;
  private readonly quote: number | undefined;
  private readonly escape: number | undefined;
  private readonly decoder: TextDecoder;
  private pending = new Uint8Array(0);
  /** File offset of `pending[0]`. */
  private base: number;

  constructor(options: CsvOptions, start = 0) {
    this.delimiter = new TextEncoder().encode(options.delimiter);
    if (this.delimiter.length === 0 || this.delimiter.some((b) => b > 127)) {
      throw new Error("the delimiter must be ASCII characters");
    }
    this.quote = asciiByte(options.quote, "the quote character");
    this.escape = asciiByte(options.escape, "the escape character") ?? this.quote;
    this.decoder = new TextDecoder(options.encoding ?? "utf-8", { fatal: true, ignoreBOM: false });
    this.base = start;
  }

  push(chunk: Uint8Array): CsvRecord[] {
    let bytes = chunk;
    if (this.pending.length > 0) {
      bytes = new Uint8Array(this.pending.length + chunk.length);
      bytes.set(this.pending);
      bytes.set(chunk, this.pending.length);
    }
    const records: CsvRecord[] = [];
    const consumed = this.parse(bytes, false, records);
    this.pending = bytes.slice(consumed);
    this.base += consumed;
    if (this.pending.length > MAX_RECORD_BYTES) {
      throw new CsvSyntaxError(`a record of more than ${MAX_RECORD_BYTES} bytes (an unclosed quote?)`, this.base);
    }
    return records;
  }

  /** The last record, when the file does not end with a line break. */
  end(): CsvRecord[] {
    const records: CsvRecord[] = [];
    this.parse(this.pending, true, records);
    this.pending = new Uint8Array(0);
    return records;
  }

  private decode(bytes: Uint8Array, offset: number): string {
    try {
      return this.decoder.decode(bytes);
    } catch {
      throw new CsvSyntaxError("bytes that are not valid in the file's encoding", offset);
    }
  }

  private matchesDelimiter(bytes: Uint8Array, i: number): boolean {
    const d = this.delimiter;
    if (bytes[i] !== d[0]) return false;
    for (let k = 1; k < d.length; k++) if (bytes[i + k] !== d[k]) return false;
    return true;
  }

  /** Parses complete records from `bytes`; returns how many bytes they took. */
  private parse(bytes: Uint8Array, final: boolean, out: CsvRecord[]): number {
    const n = bytes.length;
    let recordStart = 0;
    let i = 0;
    let fields: string[] = [];
    let quoted: boolean[] = [];
    const dl = this.delimiter.length;
    outer: while (i <= n) {
      if (i === n) {
        // End of input inside a record: complete only if this is the end of the file.
        if (!final || (i === recordStart && fields.length === 0)) break;
      }
      const fieldStart = i;
      if (this.quote !== undefined && bytes[i] === this.quote) {
        // A quoted field: runs to the closing quote; escapes and doubled quotes are literal.
        const parts: Uint8Array[] = [];
        let from = i + 1;
        let j = i + 1;
        for (;;) {
          if (j >= n) {
            if (final) throw new CsvSyntaxError("a quoted field is not closed", this.base + recordStart);
            break outer;
          }
          const b = bytes[j];
          if (b === this.escape && this.escape !== this.quote) {
            if (j + 1 >= n) {
              if (final) throw new CsvSyntaxError("an escape character ends the file", this.base + recordStart);
              break outer;
            }
            parts.push(bytes.subarray(from, j));
            from = j + 1;
            j += 2;
            continue;
          }
          if (b === this.quote) {
            if (this.escape === this.quote && bytes[j + 1] === this.quote) {
              parts.push(bytes.subarray(from, j + 1));
              j += 2;
              from = j;
              continue;
            }
            if (j + 1 >= n && !final) break outer;
            parts.push(bytes.subarray(from, j));
            j += 1;
            break;
          }
          j += 1;
        }
        let joined: Uint8Array;
        if (parts.length === 1) joined = parts[0] as Uint8Array;
        else {
          joined = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
          let at = 0;
          for (const p of parts) {
            joined.set(p, at);
            at += p.length;
          }
        }
        fields.push(this.decode(joined, this.base + fieldStart));
        quoted.push(true);
        i = j;
        if (i < n && !this.matchesDelimiter(bytes, i) && bytes[i] !== LF && bytes[i] !== CR) {
          throw new CsvSyntaxError("a character after a closing quote", this.base + recordStart);
        }
      } else {
        // An unquoted field: runs to the delimiter or the line's end.
        let j = i;
        while (j < n) {
          const b = bytes[j];
          if (b === LF || b === CR || this.matchesDelimiter(bytes, j)) break;
          j += 1;
        }
        if (j >= n && !final) break;
        fields.push(this.decode(bytes.subarray(i, j), this.base + fieldStart));
        quoted.push(false);
        i = j;
      }
      // After a field: a delimiter (another field follows), a line ending, or the end.
      if (i < n && this.matchesDelimiter(bytes, i)) {
        i += dl;
        if (i === n && !final) break;
        continue;
      }
      let end = i;
      if (i < n && bytes[i] === CR) {
        if (i + 1 >= n && !final) break;
        end = bytes[i + 1] === LF ? i + 2 : i + 1;
      } else if (i < n && bytes[i] === LF) end = i + 1;
      const blank = fields.length === 1 && !quoted[0] && fields[0] === "";
      if (!blank) out.push({ fields, quoted, offset: this.base + recordStart, end: this.base + end });
      fields = [];
      quoted = [];
      i = end;
      recordStart = end;
      if (i >= n) break;
    }
    return recordStart;
  }
}

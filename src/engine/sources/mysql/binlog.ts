/**
 * Change capture from the MySQL / MariaDB binary log (update_method BINLOG), through the
 * protocol's ChangeLog (protocol.ts).
 *
 * - **Position.** The log state is a binlog position `{file, pos}` (with MariaDB's
 *   `@@gtid_binlog_pos` beside it, informative): `start` records SHOW MASTER STATUS on a first
 *   run, and checks on later runs that the committed file is still on the server (SHOW BINARY
 *   LOGS); a purged file means the changes since are lost, so every table re-snapshots.
 * - **Snapshot and stream agree.** Each slice's snapshot is a consistent-snapshot transaction
 *   whose binlog position MariaDB reports (`binlog_snapshot_file/position`, reader.ts); a
 *   stream's state keeps the position of each slice with the key it resumed after, and
 *   `changes` skips a row event for a key at or before the position of the slice that read
 *   that key: it is in the snapshot already (slices.ts), so every change applies exactly once,
 *   history mode included. Without that status (MySQL) nothing is skipped past the log state,
 *   which precedes every snapshot: events carry full row images and apply in order, so the
 *   rows end right, but a change during the snapshot may apply twice.
 * - **Reading.** One COM_BINLOG_DUMP with BINLOG_DUMP_NON_BLOCK on a connection of its own
 *   (mysql2 sends the packet and frames the answer; the server ends with EOF when caught up),
 *   paused while a batch waits. The position advances only at a transaction's end (XID, or a
 *   COMMIT query), and is checkpointed there; the runner commits it after the destination did,
 *   so a crash replays a transaction and never skips one. A binlog has nothing to release, so
 *   there is no `acknowledge`: the server's retention (binlog_expire_logs_seconds) is the limit,
 *   and `health` warns when the committed file is gone or about to go.
 *
 * **Why row events are decoded here by hand.** mysql2 frames the dump but decodes only
 * ROTATE, FORMAT_DESCRIPTION, QUERY and XID events; the libraries that decode rows (zongji and
 * its forks) drive their own connection through the `mysql` package, outside the egress guard
 * (toolkit/egress.ts) and as a second driver with its own socket handling in workerd. The
 * decoder below follows the documented binary formats (MySQL's "Binary Log" internals and
 * MariaDB's replication protocol pages): TABLE_MAP, WRITE/UPDATE/DELETE_ROWS v1 and v2, GTID,
 * ANNOTATE_ROWS (ignored), QUERY (BEGIN/COMMIT/TRUNCATE), XID, ROTATE. Values become the text
 * forms of the text protocol, so types.ts decodes both paths alike. Not decoded: MySQL 8's
 * binary JSON (type 245) and MariaDB's compressed row events (log_bin_compress): a table
 * that needs them fails with that reason.
 */
import { EventEmitter } from "node:events";
import type mysql from "mysql2/promise";
import { ConfigurationError, TableError } from "../../errors";
import type {
  ChangeCheckpoint,
  ChangeLog,
  ChangeLogWarning,
  Column,
  ConfiguredStream,
  ConnectorContext,
  ReadContext,
  Row,
  SourceMessage,
  StreamState,
} from "../../protocol";
import { CHANGE_LOG_STATE } from "../../protocol";
import { closeMysql, openMysql, packetOf } from "../../toolkit/mysql";
import type { MysqlSourceConfig } from ".";
import { keyText, SliceMap, SliceServer } from "./slices";
import { type BinlogPosition, mysqlValueDecoder, parseMysqlState } from "./types";

/** The change log's state (`$changes`). */
export interface BinlogState {
  v: 1;
  file: string;
  pos: number;
  /** MariaDB's @@gtid_binlog_pos at that position when it was recorded (informative). */
  gtid?: string;
  /**
   * Tables truncated inside their snapshot's window (slices.ts), with the truncate's position:
   * from there on every event of the table applies, whatever its slices say. Kept until the
   * position passes the table's last slice.
   */
  truncated?: Record<string, BinlogPosition>;
}

/** Orders two positions: files by their numeric suffix, then offsets. */
export function comparePositions(a: BinlogPosition, b: BinlogPosition): number {
  if (a.file !== b.file) {
    const na = Number(/\.(\d+)$/.exec(a.file)?.[1] ?? Number.NaN);
    const nb = Number(/\.(\d+)$/.exec(b.file)?.[1] ?? Number.NaN);
    if (Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
    return a.file < b.file ? -1 : 1;
  }
  return a.pos - b.pos;
}

/** The server's current binlog position (SHOW MASTER STATUS; MySQL 8.4's SHOW BINARY LOG STATUS). */
export async function currentPosition(connection: mysql.Connection): Promise<BinlogState> {
  let rows: mysql.RowDataPacket[];
  try {
    [rows] = await connection.query<mysql.RowDataPacket[]>("SHOW MASTER STATUS");
  } catch {
    [rows] = await connection.query<mysql.RowDataPacket[]>("SHOW BINARY LOG STATUS");
  }
  const row = rows[0];
  if (!row?.File) {
    throw new ConfigurationError(
      "The server has no binary log (log_bin is OFF): turn it on with binlog_format = ROW, or use update_method TELEPORT",
      "binlog_disabled",
    );
  }
  const state: BinlogState = { v: 1, file: String(row.File), pos: Number(row.Position) };
  try {
    const [gtid] = await connection.query<mysql.RowDataPacket[]>("SELECT @@gtid_binlog_pos AS g");
    if (gtid[0]?.g) state.gtid = String(gtid[0].g);
  } catch {
    // MySQL: GTIDs are @@gtid_executed, not needed for a file position
  }
  return state;
}

async function binaryLogs(connection: mysql.Connection): Promise<{ file: string; size: number }[]> {
  const [rows] = await connection.query<mysql.RowDataPacket[]>("SHOW BINARY LOGS");
  return rows.map((r) => ({ file: String(r.Log_name), size: Number(r.File_size) }));
}

export function parseBinlogState(raw: StreamState | undefined): BinlogState | undefined {
  const s = raw as Partial<BinlogState> | undefined;
  return s && s.v === 1 && typeof s.file === "string" && typeof s.pos === "number" ? (s as BinlogState) : undefined;
}

/** The MySQL change log: enabled by update_method BINLOG. */
export const mysqlChangeLog: ChangeLog<MysqlSourceConfig> = {
  enabled: (config) => config.update_method === "BINLOG",

  async start(config, state, ctx) {
    const connection = await openMysql(config, ctx.egress, { signal: ctx.signal });
    try {
      const committed = parseBinlogState(state);
      if (committed) {
        const logs = await binaryLogs(connection);
        const file = logs.find((l) => l.file === committed.file);
        if (file && committed.pos <= file.size) return { state: { ...committed }, warnings: [] };
        const current = await currentPosition(connection);
        return {
          state: { ...current },
          resnapshot: true,
          warnings: [
            {
              code: "binlog_position_lost",
              message: `The binary log ${committed.file} holding the last synced position is gone from the server (purged by binlog_expire_logs_seconds or PURGE BINARY LOGS): every table is re-synced. Keep binlogs longer than the longest pause between syncs (Fivetran recommends 7 days)`,
            },
          ],
        };
      }
      return { state: { ...(await currentPosition(connection)) }, warnings: [] };
    } finally {
      await closeMysql(connection);
    }
  },

  async health(config, state, ctx) {
    const warnings: ChangeLogWarning[] = [];
    let connection: mysql.Connection | undefined;
    try {
      connection = await openMysql(config, ctx.egress, { signal: ctx.signal });
      const committed = parseBinlogState(state);
      const logs = await binaryLogs(connection);
      if (committed) {
        const at = logs.findIndex((l) => l.file === committed.file);
        if (at < 0) {
          warnings.push({
            code: "binlog_position_lost",
            message: `The binary log ${committed.file} of the last synced position was purged: the next sync re-syncs every table. Keep binlogs longer (binlog_expire_logs_seconds ≥ 604800)`,
          });
        } else {
          const behind = logs.slice(at).reduce((sum, l) => sum + l.size, 0) - committed.pos;
          if (at === 0 && logs.length > 1) {
            warnings.push({
              code: "binlog_retention",
              message: `The last synced position is in the oldest binary log on the server (${committed.file}, ${behind} bytes behind): it is purged next. Sync more often or keep binlogs longer`,
            });
          }
        }
      }
    } catch (error) {
      warnings.push({
        code: "binlog_unreadable",
        message: `Could not check the binary log: ${(error as Error).message?.slice(0, 200) ?? String(error)}`,
      });
    } finally {
      if (connection) await closeMysql(connection);
    }
    return warnings;
  },
};

// ---------------------------------------------------------------------------------------
// The dump: raw events from the server.

/** Event types (MySQL's Log_event_type, MariaDB's additions). */
const EV = {
  QUERY: 2,
  STOP: 3,
  ROTATE: 4,
  FORMAT_DESCRIPTION: 15,
  XID: 16,
  TABLE_MAP: 19,
  WRITE_ROWS_V1: 23,
  UPDATE_ROWS_V1: 24,
  DELETE_ROWS_V1: 25,
  WRITE_ROWS_V2: 30,
  UPDATE_ROWS_V2: 31,
  DELETE_ROWS_V2: 32,
  ANNOTATE_ROWS: 160,
  GTID: 162,
  WRITE_ROWS_COMPRESSED_V1: 169,
  UPDATE_ROWS_COMPRESSED_V1: 170,
  DELETE_ROWS_COMPRESSED_V1: 171,
} as const;

export interface RawEvent {
  type: number;
  /** Seconds since the epoch (the event's, i.e. the statement's start on the source). */
  timestamp: number;
  /** End of this event in its file: the position to resume after it. */
  logPos: number;
  /** The event's body: after the 19-byte header, without the checksum. */
  body: Uint8Array;
}

/** mysql2's packet as our command sees it. */
interface Packet {
  buffer: Uint8Array;
  offset: number;
  end: number;
  isEOF(): boolean;
  isError(): boolean;
  asError(encoding?: string): Error;
}

/**
 * A mysql2 command (the shape Connection.addCommand drives: `execute(packet, connection)`)
 * that sends COM_BINLOG_DUMP and hands every event packet on raw, which mysql2's own
 * BinlogDump command does not (it parses four event types and drops the bytes).
 */
class RawBinlogDump extends EventEmitter {
  private started = false;
  constructor(private readonly request: Uint8Array) {
    super();
  }

  execute(packet: Packet | undefined, connection: { _resetSequenceId(): void; writePacket(p: unknown): void }) {
    if (!this.started) {
      this.started = true;
      connection._resetSequenceId();
      connection.writePacket(packetOf(this.request));
      return false;
    }
    if (!packet) return false;
    if (packet.isError()) {
      this.emit("error", packet.asError("utf8"));
      this.emit("end");
      return true;
    }
    if (packet.isEOF()) {
      this.emit("eof");
      this.emit("end");
      return true;
    }
    // 0x00 (OK marker), then the event.
    this.emit("event", packet.buffer.subarray(packet.offset + 1, packet.end));
    return false;
  }
}

/** COM_BINLOG_DUMP: position (4), flags (2), server id (4), file name. */
function dumpRequest(from: BinlogPosition, serverId: number): Uint8Array {
  const name = new TextEncoder().encode(from.file);
  const buffer = new Uint8Array(4 + 11 + name.length);
  const view = new DataView(buffer.buffer);
  buffer[4] = 0x12; // COM_BINLOG_DUMP
  view.setUint32(5, from.pos, true);
  view.setUint16(9, 0x01, true); // BINLOG_DUMP_NON_BLOCK: EOF when caught up
  view.setUint32(11, serverId, true);
  buffer.set(name, 15);
  return buffer;
}

/**
 * The events from `from` to the end of the log, with the socket paused while `highWater`
 * events wait. Closes its connection when done or abandoned.
 */
async function* dumpEvents(
  config: MysqlSourceConfig,
  ctx: ConnectorContext,
  from: BinlogPosition,
  highWater = 256,
): AsyncGenerator<RawEvent> {
  const connection = await openMysql(config, ctx.egress, { signal: ctx.signal });
  try {
    // Checksummed events (and the FORMAT_DESCRIPTION saying so), MariaDB's GTID events.
    await connection.query("SET @master_binlog_checksum = @@global.binlog_checksum");
    await connection.query("SET @mariadb_slave_capability = 4").catch(() => {});
    const core = (connection as unknown as { connection: CoreConnection }).connection;
    const queue: Uint8Array[] = [];
    let ended = false;
    let failure: unknown;
    let paused = false;
    let wake: (() => void) | undefined;
    const notify = () => {
      const w = wake;
      wake = undefined;
      w?.();
    };
    // A server id of our own: the server ends an older dump of the same id.
    const serverId = config.replica_id ?? 1_000_000 + (hash(`${config.user}@${config.database ?? ""}`) % 1_000_000);
    const dump = new RawBinlogDump(dumpRequest(from, serverId));
    dump.on("event", (bytes: Uint8Array) => {
      // The packet's buffer is reused by the parser: keep a copy.
      queue.push(new Uint8Array(bytes));
      if (queue.length >= highWater && !paused) {
        paused = true;
        core.pause();
      }
      notify();
    });
    dump.on("eof", () => {
      ended = true;
      notify();
    });
    dump.on("error", (error: unknown) => {
      failure = error;
      notify();
    });
    core.addCommand(dump);
    let checksum = true;
    for (;;) {
      while (queue.length === 0 && !ended && failure === undefined) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      if (failure !== undefined) throw mapDumpError(failure, from);
      const bytes = queue.shift();
      if (paused && queue.length < highWater / 2) {
        paused = false;
        core.resume();
      }
      if (!bytes) {
        if (ended) return;
        continue;
      }
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const type = bytes[4] as number;
      const size = view.getUint32(9, true);
      if (type === EV.FORMAT_DESCRIPTION) {
        // The checksum algorithm is the byte before the event's own 4-byte checksum.
        checksum = bytes[size - 5] === 1;
      }
      const end = checksum ? size - 4 : size;
      yield {
        type,
        timestamp: view.getUint32(0, true),
        logPos: view.getUint32(13, true),
        body: bytes.subarray(19, end),
      };
    }
  } finally {
    // A dump may still be streaming: end the connection under it.
    connection.destroy();
  }
}

interface CoreConnection {
  addCommand(command: unknown): void;
  pause(): void;
  resume(): void;
}

function mapDumpError(error: unknown, from: BinlogPosition): unknown {
  const e = error as { errno?: number; message?: string };
  // 1236 ER_MASTER_FATAL_ERROR_READING_BINLOG: the file is gone or the position is not an event.
  if (e?.errno === 1236) {
    return new ConfigurationError(
      `The binary log cannot be read from ${from.file}:${from.pos} (${e.message ?? "purged?"}): re-sync the connection`,
      "binlog_position_lost",
    );
  }
  return error;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

// ---------------------------------------------------------------------------------------
// Decoding.

/** A reader over an event body. */
class Cursor {
  offset = 0;
  readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u8() {
    return this.bytes[this.offset++] as number;
  }
  u16() {
    const v = this.view.getUint16(this.offset, true);
    this.offset += 2;
    return v;
  }
  u24() {
    const v = this.view.getUint16(this.offset, true) + ((this.bytes[this.offset + 2] as number) << 16);
    this.offset += 3;
    return v;
  }
  u32() {
    const v = this.view.getUint32(this.offset, true);
    this.offset += 4;
    return v;
  }
  uint(n: number) {
    let v = 0;
    for (let i = 0; i < n; i++) v += (this.bytes[this.offset + i] as number) * 2 ** (8 * i);
    this.offset += n;
    return v;
  }
  /** Big-endian unsigned of n bytes (n ≤ 6). */
  ubig(n: number) {
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + (this.bytes[this.offset + i] as number);
    this.offset += n;
    return v;
  }
  take(n: number) {
    const out = this.bytes.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }
  lenenc(): number {
    const first = this.u8();
    if (first < 0xfb) return first;
    if (first === 0xfc) return this.u16();
    if (first === 0xfd) return this.u24();
    return this.uint(8);
  }
  get rest() {
    return this.bytes.length - this.offset;
  }
}

/** MySQL column type codes (enum_field_types) as the binlog writes them. */
const T = {
  DECIMAL: 0,
  TINY: 1,
  SHORT: 2,
  LONG: 3,
  FLOAT: 4,
  DOUBLE: 5,
  NULL: 6,
  TIMESTAMP: 7,
  LONGLONG: 8,
  INT24: 9,
  DATE: 10,
  TIME: 11,
  DATETIME: 12,
  YEAR: 13,
  NEWDATE: 14,
  VARCHAR: 15,
  BIT: 16,
  TIMESTAMP2: 17,
  DATETIME2: 18,
  TIME2: 19,
  JSON: 245,
  NEWDECIMAL: 246,
  ENUM: 247,
  SET: 248,
  TINY_BLOB: 249,
  MEDIUM_BLOB: 250,
  LONG_BLOB: 251,
  BLOB: 252,
  VAR_STRING: 253,
  STRING: 254,
  GEOMETRY: 255,
} as const;

export interface TableMap {
  db: string;
  table: string;
  types: number[];
  /** Per column: its metadata as the binlog gives it (meaning depends on the type). */
  meta: number[];
}

export function parseTableMap(body: Uint8Array): { id: number; map: TableMap } {
  const c = new Cursor(body);
  const id = c.uint(6);
  c.u16(); // flags
  const dbLen = c.u8();
  const db = new TextDecoder().decode(c.take(dbLen));
  c.u8();
  const tableLen = c.u8();
  const table = new TextDecoder().decode(c.take(tableLen));
  c.u8();
  const count = c.lenenc();
  const types = Array.from(c.take(count));
  c.lenenc(); // metadata length
  const meta = types.map((type) => {
    switch (type) {
      case T.FLOAT:
      case T.DOUBLE:
      case T.BLOB:
      case T.TINY_BLOB:
      case T.MEDIUM_BLOB:
      case T.LONG_BLOB:
      case T.GEOMETRY:
      case T.JSON:
      case T.TIMESTAMP2:
      case T.DATETIME2:
      case T.TIME2:
        return c.u8();
      case T.VARCHAR:
      case T.VAR_STRING:
        return c.u16();
      case T.BIT:
      case T.NEWDECIMAL:
      case T.STRING:
      case T.ENUM:
      case T.SET: {
        // Two bytes, first byte high: (bits, bytes), (precision, scale), (real type, length).
        const hi = c.u8();
        const lo = c.u8();
        return (hi << 8) | lo;
      }
      default:
        return 0;
    }
  });
  return { id, map: { db, table, types, meta } };
}

const DIG2BYTES = [0, 1, 1, 2, 2, 3, 3, 4, 4, 4];

/** MySQL's binary DECIMAL → its text, `scale` fraction digits, as the server renders it. */
export function decodeDecimal(c: Cursor, precision: number, scale: number): string {
  const intg = precision - scale;
  const intg0 = Math.floor(intg / 9);
  const intg0x = intg % 9;
  const frac0 = Math.floor(scale / 9);
  const frac0x = scale % 9;
  const size = intg0 * 4 + (DIG2BYTES[intg0x] as number) + frac0 * 4 + (DIG2BYTES[frac0x] as number);
  const raw = new Uint8Array(c.take(size));
  const negative = ((raw[0] as number) & 0x80) === 0;
  raw[0] = (raw[0] as number) ^ 0x80;
  if (negative) for (let i = 0; i < raw.length; i++) raw[i] = ~(raw[i] as number) & 0xff;
  const d = new Cursor(raw);
  let int = "";
  if (intg0x > 0) int += String(d.ubig(DIG2BYTES[intg0x] as number));
  for (let i = 0; i < intg0; i++) int += String(d.ubig(4)).padStart(9, "0");
  let frac = "";
  for (let i = 0; i < frac0; i++) frac += String(d.ubig(4)).padStart(9, "0");
  if (frac0x > 0) frac += String(d.ubig(DIG2BYTES[frac0x] as number)).padStart(frac0x, "0");
  int = int.replace(/^0+(?=\d)/, "") || "0";
  const text = scale > 0 ? `${int}.${frac}` : int;
  const zero = /^[0.]*$/.test(text);
  return negative && !zero ? `-${text}` : text;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** Fractional seconds of a TIME2/DATETIME2/TIMESTAMP2 (fsp bytes), as microseconds. */
function fraction(c: Cursor, fsp: number): number {
  if (fsp <= 0) return 0;
  const bytes = Math.ceil(fsp / 2);
  const v = c.ubig(bytes);
  return bytes === 1 ? v * 10000 : bytes === 2 ? v * 100 : v;
}

const fractionText = (micros: number, fsp: number) => (fsp > 0 ? `.${pad(micros, 6).slice(0, fsp)}` : "");

/** What a column's value decodes to: the text protocol's bytes (text or binary). */
type Raw = Uint8Array | null;

const encoder = new TextEncoder();

/** Decodes one value of a row image; `column` (our discovery) supplies signedness, enum and set members. */
function decodeValue(c: Cursor, type: number, meta: number, column: Column): Raw {
  const unsigned = /\bunsigned\b/i.test(column.sourceType);
  const text = (s: string) => encoder.encode(s);
  switch (type) {
    case T.TINY: {
      const v = c.u8();
      return text(String(unsigned ? v : (v << 24) >> 24));
    }
    case T.SHORT: {
      const v = c.u16();
      return text(String(unsigned ? v : (v << 16) >> 16));
    }
    case T.INT24: {
      const v = c.u24();
      return text(String(unsigned ? v : (v << 8) >> 8));
    }
    case T.LONG: {
      const v = c.view.getUint32(c.offset, true);
      const s = c.view.getInt32(c.offset, true);
      c.offset += 4;
      return text(String(unsigned ? v : s));
    }
    case T.LONGLONG: {
      const v = unsigned ? c.view.getBigUint64(c.offset, true) : c.view.getBigInt64(c.offset, true);
      c.offset += 8;
      return text(v.toString());
    }
    case T.FLOAT: {
      const v = c.view.getFloat32(c.offset, true);
      c.offset += 4;
      // The text protocol renders FLOAT with 6 significant digits (%g): the same here.
      return text(String(Number(v.toPrecision(6))));
    }
    case T.DOUBLE: {
      const v = c.view.getFloat64(c.offset, true);
      c.offset += 8;
      return text(String(v));
    }
    case T.YEAR: {
      const v = c.u8();
      return text(String(v === 0 ? 0 : 1900 + v));
    }
    case T.NEWDECIMAL:
      return text(decodeDecimal(c, meta >> 8, meta & 0xff));
    case T.DATE:
    case T.NEWDATE: {
      const v = c.u24();
      return text(`${pad(v >> 9, 4)}-${pad((v >> 5) & 15)}-${pad(v & 31)}`);
    }
    case T.TIME: {
      // The old TIME: HHMMSS as a decimal number (3 bytes, signed).
      const raw = (c.u24() << 8) >> 8;
      const a = Math.abs(raw);
      return text(
        `${raw < 0 ? "-" : ""}${pad(Math.floor(a / 10000))}:${pad(Math.floor(a / 100) % 100)}:${pad(a % 100)}`,
      );
    }
    case T.TIME2: {
      // 3 bytes (+ fraction), big-endian, offset by 0x800000: MySQL's my_time_packed_from_binary.
      const fsp = meta;
      let int = c.ubig(3) - 0x800000;
      let packed: number;
      if (fsp <= 0) packed = int * 2 ** 24;
      else if (fsp <= 2) {
        let frac = c.u8();
        if (int < 0 && frac) {
          int++;
          frac -= 0x100;
        }
        packed = int * 2 ** 24 + frac * 10000;
      } else if (fsp <= 4) {
        let frac = c.ubig(2);
        if (int < 0 && frac) {
          int++;
          frac -= 0x10000;
        }
        packed = int * 2 ** 24 + frac * 100;
      } else packed = int * 2 ** 24 + c.ubig(3);
      const a = Math.abs(packed);
      return text(timeText(Math.floor(a / 2 ** 24), a % 2 ** 24, fsp, packed < 0));
    }
    case T.DATETIME: {
      // The old DATETIME: YYYYMMDDHHMMSS as a decimal number (8 bytes).
      const v = Number(c.view.getBigUint64(c.offset, true));
      c.offset += 8;
      const s = pad(v, 14);
      return text(
        `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)} ${s.slice(8, 10)}:${s.slice(10, 12)}:${s.slice(12)}`,
      );
    }
    case T.DATETIME2: {
      const packed = c.ubig(5) - 0x8000000000;
      const micros = fraction(c, meta);
      const ymd = Math.floor(packed / 2 ** 17);
      const hms = packed % 2 ** 17;
      const ym = Math.floor(ymd / 32);
      return text(
        `${pad(Math.floor(ym / 13), 4)}-${pad(ym % 13)}-${pad(ymd % 32)} ${pad(hms >> 12)}:${pad((hms >> 6) % 64)}:${pad(hms % 64)}${fractionText(micros, meta)}`,
      );
    }
    case T.TIMESTAMP:
    case T.TIMESTAMP2: {
      const seconds = type === T.TIMESTAMP ? c.u32() : c.ubig(4);
      const fsp = type === T.TIMESTAMP ? 0 : meta;
      const micros = fraction(c, fsp);
      if (seconds === 0 && micros === 0) return text("0000-00-00 00:00:00");
      const iso = new Date(seconds * 1000).toISOString();
      return text(`${iso.slice(0, 10)} ${iso.slice(11, 19)}${fractionText(micros, fsp)}`);
    }
    case T.BIT: {
      const bytes = (meta & 0xff) + (meta >> 8 > 0 ? 1 : 0);
      return new Uint8Array(c.take(bytes));
    }
    case T.VARCHAR:
    case T.VAR_STRING: {
      const n = meta < 256 ? c.u8() : c.u16();
      return bytesOrText(c.take(n), column);
    }
    case T.BLOB:
    case T.TINY_BLOB:
    case T.MEDIUM_BLOB:
    case T.LONG_BLOB:
    case T.GEOMETRY: {
      const n = c.uint(meta);
      return bytesOrText(c.take(n), column);
    }
    case T.STRING:
    case T.ENUM:
    case T.SET: {
      // meta: (real type, length), the length's high bits folded into the type byte.
      let real = meta >> 8;
      let length = meta & 0xff;
      if ((real & 0x30) !== 0x30) {
        length += ((real & 0x30) ^ 0x30) << 4;
        real |= 0x30;
      }
      if (real === T.ENUM) {
        const index = c.uint(length);
        return text(index === 0 ? "" : (members(column)[index - 1] ?? ""));
      }
      if (real === T.SET) {
        let bits = 0n;
        const raw = c.take(length);
        for (let i = raw.length - 1; i >= 0; i--) bits = (bits << 8n) | BigInt(raw[i] as number);
        return text(
          members(column)
            .filter((_, i) => (bits >> BigInt(i)) & 1n)
            .join(","),
        );
      }
      const n = length > 255 ? c.u16() : c.u8();
      let value = c.take(n);
      // BINARY(n) pads with zeros, which the binlog strips; the text protocol sends them.
      if (column.type === "binary") {
        const size = /^binary\((\d+)\)/i.exec(column.sourceType)?.[1];
        if (size && value.length < Number(size)) {
          const padded = new Uint8Array(Number(size));
          padded.set(value);
          value = padded;
        }
      }
      if (column.type === "uuid" && value.length === 16) return text(mariadbUuid(value));
      return bytesOrText(value, column);
    }
    case T.JSON:
      throw new TableError(
        `column ${column.name}: MySQL's binary JSON in the binlog is not decoded; use update_method TELEPORT for this table`,
      );
    default:
      throw new TableError(`column ${column.name}: binlog column type ${type} is not decoded`);
  }
}

function timeText(hms: number, micros: number, fsp: number, negative: boolean): string {
  const hours = Math.floor(hms / 4096) % 1024;
  const minutes = Math.floor(hms / 64) % 64;
  const seconds = hms % 64;
  return `${negative ? "-" : ""}${pad(hours)}:${pad(minutes)}:${pad(seconds)}${fractionText(micros, fsp)}`;
}

/**
 * A MariaDB UUID's 16 bytes as the binlog carries them → its text. The binlog holds the value in
 * its text order (tested with version 1 and 4 UUIDs against what a query reads), not the
 * segment-swapped order MariaDB may use in its indexes.
 */
function mariadbUuid(b: Uint8Array): string {
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A copy of the value's bytes (text columns' are utf8mb4 text, the session's character set). */
function bytesOrText(value: Uint8Array, _column: Column): Raw {
  return new Uint8Array(value);
}

const memberCache = new WeakMap<Column, string[]>();

/** The members of an ENUM or SET column, from its COLUMN_TYPE (`enum('a','b c')`). */
function members(column: Column): string[] {
  let list = memberCache.get(column);
  if (!list) {
    list = [];
    const inner = /^(?:enum|set)\((.*)\)$/is.exec(column.sourceType)?.[1] ?? "";
    const re = /'((?:[^']|'')*)'/g;
    for (let m = re.exec(inner); m; m = re.exec(inner))
      list.push((m[1] ?? "").replace(/''/g, "'").replace(/\\\\/g, "\\"));
    memberCache.set(column, list);
  }
  return list;
}

/** One row image: the present columns' values (absent ones: undefined). */
function readImage(c: Cursor, map: TableMap, present: boolean[], columns: Column[]): (Raw | undefined)[] {
  const count = present.filter(Boolean).length;
  const nulls = c.take(Math.ceil(count / 8));
  const out: (Raw | undefined)[] = new Array(map.types.length).fill(undefined);
  let k = 0;
  for (let i = 0; i < map.types.length; i++) {
    if (!present[i]) continue;
    const isNull = (((nulls[k >> 3] as number) >> (k & 7)) & 1) === 1;
    k++;
    out[i] = isNull ? null : decodeValue(c, map.types[i] as number, map.meta[i] as number, columns[i] as Column);
  }
  return out;
}

function bitmap(c: Cursor, count: number): boolean[] {
  const bytes = c.take(Math.ceil(count / 8));
  return Array.from({ length: count }, (_, i) => (((bytes[i >> 3] as number) >> (i & 7)) & 1) === 1);
}

export interface RowsEvent {
  tableId: number;
  kind: "insert" | "update" | "delete";
  /** Row images: for updates, [before, after] pairs. */
  rows: { before?: (Raw | undefined)[]; after?: (Raw | undefined)[] }[];
}

export function parseRowsEvent(type: number, body: Uint8Array, map: TableMap, columns: Column[]): RowsEvent {
  const c = new Cursor(body);
  const tableId = c.uint(6);
  c.u16(); // flags
  if (type >= EV.WRITE_ROWS_V2 && type <= EV.DELETE_ROWS_V2) {
    const extra = c.u16();
    c.take(extra - 2);
  }
  const count = c.lenenc();
  const kind =
    type === EV.WRITE_ROWS_V1 || type === EV.WRITE_ROWS_V2
      ? "insert"
      : type === EV.UPDATE_ROWS_V1 || type === EV.UPDATE_ROWS_V2
        ? "update"
        : "delete";
  const present = bitmap(c, count);
  const presentAfter = kind === "update" ? bitmap(c, count) : present;
  const rows: RowsEvent["rows"] = [];
  while (c.rest > 0) {
    if (kind === "insert") rows.push({ after: readImage(c, map, present, columns) });
    else if (kind === "delete") rows.push({ before: readImage(c, map, present, columns) });
    else {
      const before = readImage(c, map, present, columns);
      const after = readImage(c, map, presentAfter, columns);
      rows.push({ before, after });
    }
  }
  return { tableId, kind, rows };
}

// ---------------------------------------------------------------------------------------
// The session's `changes`.

const ROWS_EVENTS = new Set<number>([
  EV.WRITE_ROWS_V1,
  EV.UPDATE_ROWS_V1,
  EV.DELETE_ROWS_V1,
  EV.WRITE_ROWS_V2,
  EV.UPDATE_ROWS_V2,
  EV.DELETE_ROWS_V2,
]);

const COMPRESSED = new Set<number>([
  EV.WRITE_ROWS_COMPRESSED_V1,
  EV.UPDATE_ROWS_COMPRESSED_V1,
  EV.DELETE_ROWS_COMPRESSED_V1,
]);

interface Target {
  key: string;
  configured: ConfiguredStream;
  decoders: ((raw: Raw) => Row[number])[];
  pkIndexes: number[];
  /** Which of the stream's events are in its snapshot already (by key, per slice). */
  slices: SliceMap;
  /** The key columns, in key order. */
  keyColumns: Column[];
}

/** `YYYY-MM-DDTHH:MM:SS.000000Z` of an event's timestamp (seconds). */
function changedAtOf(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, ".000000Z");
}

/** Yields the changes of `streams` from `log`: see the file comment. */
export async function* readBinlogChanges(
  config: MysqlSourceConfig,
  streams: { configured: ConfiguredStream; state: StreamState | undefined }[],
  log: StreamState,
  ctx: ReadContext,
): AsyncGenerator<SourceMessage | ChangeCheckpoint> {
  const parsed = parseBinlogState(log);
  if (!parsed) throw new Error("the change log state is not a binlog position");
  const start: BinlogState = parsed;
  const targets = new Map<string, Target>();
  const server = SliceServer.forConfig(config, ctx.egress, ctx.signal);
  const truncated: Record<string, BinlogPosition> = { ...start.truncated };
  for (const { configured, state } of streams) {
    const { stream } = configured;
    const key = `${stream.namespace}.${stream.name}`;
    const snapshot = parseMysqlState(state);
    const pkIndexes = stream.primaryKey.map((name) => stream.columns.findIndex((c) => c.name === name));
    const keyColumns = pkIndexes.map((i) => stream.columns[i] as Column);
    const slices = new SliceMap(
      stream.namespace,
      stream.name,
      keyColumns,
      snapshot?.binlog,
      snapshot?.slices,
      comparePositions,
      members,
      server,
    );
    const reset = truncated[key];
    if (reset) slices.reset(reset);
    targets.set(key, {
      key,
      configured,
      decoders: stream.columns.map(mysqlValueDecoder),
      pkIndexes,
      slices,
      keyColumns,
    });
  }
  for (const key of Object.keys(truncated)) if (!targets.has(key)) delete truncated[key];
  // The committed position, with the tables truncated inside a window not yet passed.
  const position = (file: string, pos: number, gtid: string | undefined): BinlogState => {
    for (const [key, at] of Object.entries(truncated)) {
      const horizon = targets.get(key)?.slices.horizon;
      if (!horizon || comparePositions({ file, pos }, horizon) > 0 || comparePositions(at, horizon) > 0)
        delete truncated[key];
    }
    return {
      v: 1,
      file,
      pos,
      ...(gtid ? { gtid } : {}),
      ...(Object.keys(truncated).length > 0 ? { truncated: { ...truncated } } : {}),
    };
  };
  const maps = new Map<number, TableMap>();
  let file = start.file;
  let committed: BinlogState = { ...start };
  let gtid = start.gtid;
  let pendingGtid: string | undefined;
  // Messages of the transaction in progress and of those before it not yet handed on.
  let out: (SourceMessage & { kind: "upsert" | "delete" | "truncate" })[] = [];
  let outBytes = 0;
  let dirty = false;
  let transactions = 0;

  // Messages were handed on since the last checkpoint: the next transaction end checkpoints.
  let handedOn = false;
  const emit = function* () {
    if (out.length > 0) handedOn = true;
    for (const message of out) yield message;
    out = [];
    outBytes = 0;
  };
  const push = (kind: "upsert" | "delete", target: Target, row: Row, bytes: number, at: string) => {
    const last = out[out.length - 1];
    if (last && last.kind === kind && last.stream === target.key) {
      if (kind === "upsert" && last.kind === "upsert") {
        (last.rows as Row[]).push(row);
        last.count++;
        last.bytes += bytes;
        (last.changedAt as string[]).push(at);
      } else if (last.kind === "delete") {
        last.keys.push(row);
        (last.changedAt as string[]).push(at);
      }
    } else if (kind === "upsert") {
      out.push({ kind, stream: target.key, rows: [row], count: 1, bytes, changedAt: [at] });
    } else {
      out.push({ kind, stream: target.key, keys: [row], changedAt: [at] });
    }
    outBytes += bytes;
  };

  try {
    yield* follow();
  } finally {
    await server.close();
  }

  async function* follow(): AsyncGenerator<SourceMessage | ChangeCheckpoint> {
    for await (const event of dumpEvents(config, ctx, start)) {
      switch (event.type) {
        case EV.ROTATE: {
          const c = new Cursor(event.body);
          const pos = c.uint(8);
          const next = new TextDecoder().decode(c.take(c.rest));
          file = next;
          // A rotate between transactions moves the committed position to the next file.
          if (!dirty) committed = position(next, pos, gtid);
          continue;
        }
        case EV.GTID: {
          const c = new Cursor(event.body);
          const seq = c.uint(8);
          const domain = c.u32();
          pendingGtid = `${domain}-${seq}`;
          continue;
        }
        case EV.TABLE_MAP: {
          const { id, map } = parseTableMap(event.body);
          maps.set(id, map);
          continue;
        }
        case EV.XID: {
          dirty = false;
          if (pendingGtid) gtid = pendingGtid;
          committed = position(file, event.logPos, gtid);
          // Every batch's worth, and every few thousand transactions of tables not followed (so a
          // slice over a busy log keeps its progress).
          if (outBytes >= ctx.pageBytes || handedOn || ctx.signal.aborted || ++transactions >= 5000) {
            transactions = 0;
            handedOn = false;
            yield* emit();
            yield { kind: "checkpoint", stream: CHANGE_LOG_STATE, state: { ...committed } };
            if (ctx.signal.aborted) return;
          }
          continue;
        }
        case EV.QUERY: {
          const query = queryOf(event.body);
          if (/^\s*BEGIN\b/i.test(query.sql)) {
            dirty = true;
            continue;
          }
          if (/^\s*COMMIT\b/i.test(query.sql)) {
            dirty = false;
            committed = position(file, event.logPos, gtid);
            continue;
          }
          // DDL commits on its own. TRUNCATE of a table we follow: every row before it is gone.
          const truncate =
            /^\s*TRUNCATE\s+(?:TABLE\s+)?(?:`((?:[^`]|``)+)`|(\w+))(?:\.(?:`((?:[^`]|``)+)`|(\w+)))?\s*$/i.exec(
              query.sql,
            );
          if (truncate) {
            const first = (truncate[1] ?? truncate[2] ?? "").replace(/``/g, "`");
            const second = (truncate[3] ?? truncate[4])?.replace(/``/g, "`");
            const key = second !== undefined ? `${first}.${second}` : `${query.schema}.${first}`;
            const target = targets.get(key);
            const at = { file, pos: event.logPos };
            if (target && !target.slices.beforeAll(at)) {
              out.push({ kind: "truncate", stream: key, changedAt: changedAtOf(event.timestamp) });
              // Inside the snapshot's window: the destination's table is emptied, so every later
              // event of it applies, in this run and (through the log state) the next.
              if (target.slices.inWindow(at)) {
                target.slices.reset(at);
                truncated[key] = at;
              }
            }
          }
          if (!dirty) {
            if (pendingGtid) gtid = pendingGtid;
            committed = position(file, event.logPos, gtid);
          }
          continue;
        }
        default:
          break;
      }
      if (COMPRESSED.has(event.type)) {
        throw new ConfigurationError(
          "The binary log holds compressed row events (log_bin_compress = ON), which are not decoded: turn log_bin_compress off",
          "binlog_compressed",
        );
      }
      if (!ROWS_EVENTS.has(event.type)) continue;
      dirty = true;
      const tableId = new Cursor(event.body).uint(6);
      const map = maps.get(tableId);
      if (!map) continue;
      const target = targets.get(`${map.db}.${map.table}`);
      if (!target) continue;
      // In the stream's snapshot already.
      const at = { file, pos: event.logPos };
      if (target.slices.beforeAll(at)) continue;
      const columns = target.configured.stream.columns;
      if (map.types.length !== columns.length) {
        throw new TableError(
          `${target.key} has ${map.types.length} columns in the binlog and ${columns.length} in its discovered schema: the table changed; re-sync it`,
        );
      }
      const rows = parseRowsEvent(event.type, event.body, map, columns);
      // Inside a snapshot spread over slices: which images' keys that slice's snapshot holds.
      let held: boolean[] | undefined;
      if (target.slices.inWindow(at)) {
        const keyOf = (image: (Raw | undefined)[]) =>
          target.pkIndexes.map((i, j) => keyText(target.keyColumns[j] as Column, image[i] ?? null));
        const keys: (string | null)[][] = [];
        for (const { before, after } of rows.rows) {
          if (before) keys.push(keyOf(before));
          if (after) keys.push(keyOf(after));
        }
        held = await target.slices.inSnapshot(at, keys);
      }
      let image = 0;
      const inSnapshot = () => (held ? held[image++] === true : false);
      const changedAt = changedAtOf(event.timestamp);
      const typed = (image: (Raw | undefined)[]) => target.decoders.map((decode, i) => decode(image[i] ?? null));
      const size = (image: (Raw | undefined)[]) => image.reduce<number>((s, v) => s + (v ? v.length + 8 : 1), 0);
      for (const { before, after } of rows.rows) {
        const beforeHeld = before ? inSnapshot() : false;
        const afterHeld = after ? inSnapshot() : false;
        if (rows.kind === "delete" && before) {
          if (beforeHeld) continue;
          const row = typed(before);
          push(
            "delete",
            target,
            target.pkIndexes.map((i) => row[i] ?? null),
            size(before),
            changedAt,
          );
          continue;
        }
        if (!after) continue;
        const row = typed(after);
        if (rows.kind === "update" && before && target.pkIndexes.length > 0) {
          // A changed key is the old row gone and a new one.
          const old = typed(before);
          const oldKey = target.pkIndexes.map((i) => old[i] ?? null);
          const newKey = target.pkIndexes.map((i) => row[i] ?? null);
          if (!sameKey(oldKey, newKey) && !beforeHeld) push("delete", target, oldKey, 0, changedAt);
        }
        if (afterHeld) continue;
        push("upsert", target, row, size(after), changedAt);
      }
      // A transaction larger than a batch goes on in pieces; its checkpoint waits for its end.
      if (outBytes >= ctx.pageBytes) yield* emit();
    }
    yield* emit();
    yield { kind: "checkpoint", stream: CHANGE_LOG_STATE, state: { ...committed } };
  }
}

function sameKey(a: Row, b: Row): boolean {
  return a.every((v, i) => {
    const w = b[i];
    if (v instanceof Uint8Array && w instanceof Uint8Array)
      return v.length === w.length && v.every((x, j) => x === w[j]);
    return v === w;
  });
}

/** A QUERY event's schema and statement. */
function queryOf(body: Uint8Array): { schema: string; sql: string } {
  const c = new Cursor(body);
  c.u32(); // thread id
  c.u32(); // execution time
  const schemaLength = c.u8();
  c.u16(); // error code
  const statusLength = c.u16();
  c.take(statusLength);
  const schema = new TextDecoder().decode(c.take(schemaLength));
  c.u8();
  return { schema, sql: new TextDecoder().decode(c.take(c.rest)) };
}

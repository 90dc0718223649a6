/**
 * Which snapshot holds a key, for a table whose snapshot spread over several slices.
 *
 * Each slice reads the table in key order inside its own consistent snapshot, so each slice has
 * its own binlog position: slice 1 read keys up to `after₁` as of position P₁, slice 2 the keys
 * after `after₁` as of P₂ > P₁, and so on. A row event at position E for key K is already in
 * the destination iff E ≤ the position of the slice whose range holds K — the last slice whose
 * `after` is below K (the first slice's range starts at the table's beginning). Events after
 * the last slice's position are past every snapshot and need no key at all, which is the path
 * of nearly every event; only the window of the snapshot itself compares keys.
 *
 * Keys compare as the server orders them (the ORDER BY of the snapshot): numbers exactly as
 * decimal text (BIGINT UNSIGNED and DECIMAL included), bytes by their hex (which orders as
 * memcmp), DATE/DATETIME/TIMESTAMP by their fixed-width text, ENUM/SET by member index (the
 * server orders them so). Character keys order by their column's collation, which only the
 * server knows: those comparisons are one query per rows event, on a connection opened when
 * the window first needs it. Written here because no library compares MySQL keys.
 */
import type mysql from "mysql2/promise";
import type { Column } from "../../protocol";
import { closeMysql, openMysql } from "../../toolkit/mysql";
import type { MysqlSourceConfig } from ".";
import { type BinlogPosition, bytesHex, isBytes } from "./types";

/** A slice of a snapshot that resumed after `after` (the key text, as state keeps it) at `binlog`. */
export interface SnapshotSlice {
  after: (string | null)[];
  binlog: BinlogPosition;
}

/** Key text of a raw value (the text protocol's or a decoded binlog image's): hex for bytes. */
export function keyText(column: Column, raw: Uint8Array | null): string | null {
  if (raw === null) return null;
  return isBytes(column) ? bytesHex(raw) : new TextDecoder().decode(raw);
}

/** Exact order of two decimal numerals (`-12.50`, `18446744073709551615`, `1e3` only for floats). */
export function compareDecimal(a: string, b: string): number {
  const neg = (s: string) => s.startsWith("-");
  if (neg(a) !== neg(b)) {
    const zero = (s: string) => /^-?0*(\.0*)?$/.test(s);
    if (zero(a) && zero(b)) return 0;
    return neg(a) ? -1 : 1;
  }
  const sign = neg(a) ? -1 : 1;
  const parts = (s: string) => {
    const [int = "", frac = ""] = s.replace(/^[-+]/, "").split(".");
    return [int.replace(/^0+/, ""), frac.replace(/0+$/, "")] as const;
  };
  const [ai, af] = parts(a);
  const [bi, bf] = parts(b);
  if (ai.length !== bi.length) return sign * (ai.length - bi.length);
  if (ai !== bi) return sign * (ai < bi ? -1 : 1);
  const width = Math.max(af.length, bf.length);
  const fa = af.padEnd(width, "0");
  const fb = bf.padEnd(width, "0");
  return fa === fb ? 0 : sign * (fa < fb ? -1 : 1);
}

const plain = (a: string, b: string) => (a === b ? 0 : a < b ? -1 : 1);

/** A JavaScript comparator of two key texts of `column`, or undefined when only the server orders it. */
function localOrder(
  column: Column,
  members: (column: Column) => string[],
): ((a: string, b: string) => number) | undefined {
  switch (column.type) {
    case "int":
    case "long":
    case "decimal":
      return compareDecimal;
    case "float":
      return (a, b) => Number(a) - Number(b);
    case "binary":
    case "boolean":
    case "date":
    case "timestamp":
    case "timestamptz":
      return plain;
    default:
      break;
  }
  if (/^enum\(/i.test(column.sourceType)) {
    const list = members(column);
    return (a, b) => list.indexOf(a) - list.indexOf(b);
  }
  if (/^set\(/i.test(column.sourceType)) {
    const list = members(column);
    const mask = (s: string) =>
      s === "" ? 0n : s.split(",").reduce((m, v) => m | (1n << BigInt(list.indexOf(v))), 0n);
    return (a, b) => {
      const [x, y] = [mask(a), mask(b)];
      return x === y ? 0 : x < y ? -1 : 1;
    };
  }
  return undefined;
}

/** Orders one key text against another, column by column. */
type KeyOrder = (a: (string | null)[], b: (string | null)[]) => number;

/**
 * The slice positions of one table. `positionFor` answers the position at or before which an
 * event for a key is in the snapshot; `reset` drops the slices (a truncate inside the window
 * empties the destination's table, so every later event applies).
 */
export class SliceMap {
  private slices: SnapshotSlice[];
  private local: KeyOrder | undefined;
  private collations: Promise<Map<string, { charset: string; collation: string }>> | undefined;

  constructor(
    private readonly namespace: string,
    private readonly table: string,
    private readonly key: Column[],
    private first: BinlogPosition | undefined,
    slices: SnapshotSlice[] | undefined,
    private readonly compare: (a: BinlogPosition, b: BinlogPosition) => number,
    members: (column: Column) => string[],
    private readonly server: SliceServer,
  ) {
    this.slices = (slices ?? []).filter((s) => s.after.length === key.length);
    const orders = key.map((column) => localOrder(column, members));
    if (orders.every((o) => o !== undefined)) {
      this.local = (a, b) => {
        for (let i = 0; i < orders.length; i++) {
          const [x, y] = [a[i] ?? null, b[i] ?? null];
          if (x === y) continue;
          if (x === null) return -1;
          if (y === null) return 1;
          const c = (orders[i] as (a: string, b: string) => number)(x, y);
          if (c !== 0) return c;
        }
        return 0;
      };
    }
  }

  /** The last position any slice of the snapshot read at: events after it need no key. */
  get horizon(): BinlogPosition | undefined {
    return this.slices.length > 0 ? (this.slices[this.slices.length - 1] as SnapshotSlice).binlog : this.first;
  }

  /** Whether the event at `at` is before or at every snapshot (nothing of it applies). */
  beforeAll(at: BinlogPosition): boolean {
    return this.first !== undefined && this.compare(at, this.first) <= 0;
  }

  /** Whether an event at `at` may be inside the snapshot of some keys and not of others. */
  inWindow(at: BinlogPosition): boolean {
    const horizon = this.horizon;
    return this.slices.length > 0 && horizon !== undefined && this.compare(at, horizon) <= 0;
  }

  /** A truncate applied at `at`: every later event applies to every key. */
  reset(at: BinlogPosition): void {
    this.slices = [];
    this.first = at;
  }

  /** For each key (key texts), whether an event at `at` is already in the snapshot that read it. */
  async inSnapshot(at: BinlogPosition, keys: (string | null)[][]): Promise<boolean[]> {
    if (this.beforeAll(at)) return keys.map(() => true);
    if (!this.inWindow(at)) return keys.map(() => false);
    const indexes = this.local
      ? keys.map((k) => this.sliceIndexLocal(k))
      : await this.server.sliceIndexes(
          this.key,
          await this.columnCollations(),
          this.slices.map((s) => s.after),
          keys,
        );
    return indexes.map((i) => {
      const position = i === 0 ? this.first : this.slices[i - 1]?.binlog;
      return position !== undefined && this.compare(at, position) <= 0;
    });
  }

  /** 0: the first slice's range; i: slice i's (its `after` is the last one below the key). */
  private sliceIndexLocal(key: (string | null)[]): number {
    const order = this.local as KeyOrder;
    let lo = 0;
    let hi = this.slices.length;
    // The afters ascend: the count of those below the key, by binary search.
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order((this.slices[mid] as SnapshotSlice).after, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private columnCollations() {
    this.collations ??= this.server.collations(this.namespace, this.table);
    return this.collations;
  }
}

/** The server side of key comparison: a SQL connection opened on first use. */
export class SliceServer {
  private connection: Promise<mysql.Connection> | undefined;

  constructor(private readonly open: () => Promise<mysql.Connection>) {}

  static forConfig(config: MysqlSourceConfig, egress: Parameters<typeof openMysql>[1], signal: AbortSignal) {
    return new SliceServer(() => openMysql(config, egress, { signal }));
  }

  private conn() {
    this.connection ??= this.open();
    return this.connection;
  }

  async collations(namespace: string, table: string) {
    const connection = await this.conn();
    const [rows] = await connection.query<mysql.RowDataPacket[]>(
      "SELECT COLUMN_NAME AS name, CHARACTER_SET_NAME AS cs, COLLATION_NAME AS co FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?",
      [namespace, table],
    );
    const out = new Map<string, { charset: string; collation: string }>();
    for (const r of rows) {
      if (r.cs && r.co) out.set(String(r.name), { charset: String(r.cs), collation: String(r.co) });
    }
    return out;
  }

  /** The slice index of each key: how many of `afters` are below it, in the server's order. */
  async sliceIndexes(
    columns: Column[],
    collations: Map<string, { charset: string; collation: string }>,
    afters: (string | null)[][],
    keys: (string | null)[][],
  ): Promise<number[]> {
    if (keys.length === 0) return [];
    const connection = await this.conn();
    const expression = (column: Column, text: string | null) => {
      if (text === null) return "NULL";
      if (isBytes(column)) return `X'${text}'`;
      const quoted = connection.escape(text);
      const co = collations.get(column.name);
      if (column.type === "uuid") return `CAST(${quoted} AS UUID)`;
      if (/^time\b/i.test(column.sourceType)) return `CAST(${quoted} AS TIME(6))`;
      if (column.type === "string" && co) {
        if (!/^\w+$/.test(co.charset) || !/^\w+$/.test(co.collation)) return quoted;
        return `CONVERT(${quoted} USING ${co.charset}) COLLATE ${co.collation}`;
      }
      return quoted;
    };
    const tuple = (texts: (string | null)[]) => {
      const parts = columns.map((c, i) => expression(c, texts[i] ?? null));
      return parts.length === 1 ? (parts[0] as string) : `(${parts.join(", ")})`;
    };
    const afterTuples = afters.map(tuple);
    const select = keys.map((key) => {
      const k = tuple(key);
      return `(${afterTuples.map((a) => `(${k} > ${a})`).join(" + ")})`;
    });
    const [rows] = await connection.query<mysql.RowDataPacket[]>({
      sql: `SELECT ${select.join(", ")}`,
      rowsAsArray: true,
    });
    const row = (rows[0] ?? []) as unknown as (number | string | null)[];
    return row.map((v) => Number(v ?? 0));
  }

  async close() {
    if (!this.connection) return;
    const connection = await this.connection.catch(() => undefined);
    if (connection) await closeMysql(connection);
  }
}

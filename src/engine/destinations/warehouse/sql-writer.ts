/**
 * The writer the SQL warehouses reached over HTTP (Snowflake's SQL API, BigQuery's jobs API)
 * share, with the semantics of destinations/postgres/writer.ts: tables get the source's
 * columns (mapped by the dialect) plus `_fivetran_synced`, `_fivetran_id` when the source has
 * no primary key, and `_fivetran_deleted` in soft_delete mode (none in live mode).
 *
 * Every write is one script (one session, so its temporary table lives as long as it needs):
 * 1. `CREATE TEMPORARY TABLE <stage>` with the table's columns,
 * 2. `INSERT INTO <stage> VALUES (…), (…)` with bound parameters (no bulk file path exists
 *    over these APIs without an external bucket: Snowflake's PUT is a driver-only command),
 *    chunked so one request stays under the vendor's statement size limit,
 * 3. `MERGE INTO <table> USING <stage> ON <primary key>`: matched rows are updated (and revived
 *    from a soft delete), the others inserted.
 * A key twice in a batch is folded before staging (the later row wins; values the source did
 * not send, `unchanged`, are taken from the earlier row), so the MERGE never meets two source
 * rows for one target row (both vendors reject that). Rows whose `unchanged` columns differ
 * are merged in separate scripts that leave those columns out of the UPDATE, so the table keeps
 * what it has. Deletes stage the keys and MERGE (soft: mark deleted and stamp
 * `_fivetran_synced`; live: DELETE). Everything is idempotent: a replayed batch changes nothing.
 *
 * Schema changes: a new column is added; a column whose type widened (int → decimal → float,
 * anything → string) is altered in place where the vendor allows it, else rebuilt (add a
 * column, copy with CAST, drop the old one, rename); a narrower type keeps the wider column.
 * Switching between modes follows Postgres (switchMode). History mode (`_fivetran_start`,
 * `_fivetran_end`, `_fivetran_active`) is writeHistory: Postgres's versioning in statements
 * both warehouses take (EXISTS subqueries, MERGE, GREATEST, null-safe equality).
 */
import { TableError } from "../../errors";
import type {
  Column,
  DeleteTimes,
  DestinationCapabilities,
  DestinationWriter,
  Row,
  Stream,
  SyncMode,
  TableRef,
  TruncateTime,
  UpsertBatch,
  Value,
  WriteResult,
} from "../../protocol";
import { ACTIVE, DELETED, END, ROW_ID, START, SYNCED } from "../system-columns";

export { ACTIVE, DELETED, END, ROW_ID, START, SYNCED };
/** An active version's `_fivetran_end`, and a deleted row's times when switched into history mode. */
export const MAX_TS = "9999-12-31T23:59:59.999Z";
const MIN_TS = "0001-01-01T00:00:00Z";
/** Staging columns of history writes only. */
const FIRST = "_fivetran_first";
const SKIP = "_fivetran_skip";
const CLOSE = "_fivetran_close";
const ALT = "_fivetran_alt";
const REOPEN = "_fivetran_reopen";
const SIG = "_fivetran_sig";

/** A column as the warehouse holds it: its name there and its type in the dialect's spelling. */
export interface WarehouseColumn {
  name: string;
  type: string;
}

/** A bound parameter: the vendor's type name and the value as text (null is SQL NULL). */
export interface Param {
  type: string;
  value: string | null;
}

/** The outcome of comparing a column's type with the one its values now need. */
export type Widening = { how: "same" | "keep" } | { how: "alter" | "rebuild"; type: string };

/** Digits before and after the point of a decimal type. */
export interface DecimalShape {
  precision: number;
  scale: number;
}

/**
 * How a decimal column `a` takes values of decimal `b`: kept when `a` holds every `b`, widened
 * to `b` when `b` holds every `a`, else to the smallest decimal holding both (undefined when
 * that is beyond `maxPrecision`: the caller falls back to text). `inPlace` says whether the
 * vendor alters that change without a rebuild.
 */
export function widenDecimal(
  a: DecimalShape,
  b: DecimalShape,
  maxPrecision: (scale: number) => number,
): { how: "keep" } | { how: "widen"; shape: DecimalShape } | undefined {
  const int = (d: DecimalShape) => d.precision - d.scale;
  if (int(a) >= int(b) && a.scale >= b.scale) return { how: "keep" };
  const scale = Math.max(a.scale, b.scale);
  const precision = Math.max(int(a), int(b)) + scale;
  if (precision > maxPrecision(scale)) return undefined;
  return { how: "widen", shape: { precision, scale } };
}

/** A statement script with its parameters, numbered across the whole script. */
export class Script {
  readonly statements: string[] = [];
  readonly params: Param[] = [];
  bytes = 0;

  constructor(private readonly dialect: Pick<WarehouseDialect, "placeholder" | "paramOverhead">) {}

  /** Registers a parameter and returns its placeholder. */
  bind(param: Param): string {
    const placeholder = this.dialect.placeholder(this.params.length);
    this.params.push(param);
    this.bytes += (param.value?.length ?? 4) + this.dialect.paramOverhead + placeholder.length;
    return placeholder;
  }

  add(sql: string): this {
    this.statements.push(sql);
    this.bytes += sql.length + 2;
    return this;
  }
}

/** What differs between warehouses: names, types, parameters, and how a script is run. */
export interface WarehouseDialect {
  /** For messages: "Snowflake", "BigQuery". */
  vendor: string;
  capabilities: DestinationCapabilities;
  /** The warehouse's name for a source name (its identifier rules: case, characters). */
  name(name: string): string;
  /** A name quoted for SQL. */
  quote(name: string): string;
  /** A table's qualified, quoted name. */
  table(schema: string, table: string): string;
  /** The type a source column gets. */
  columnType(column: Column): string;
  /** Types of the system columns, and the type JSON values are kept in (VARIANT, JSON). */
  types: { timestamp: string; boolean: string; string: string; json: string };
  /** The JSON text of an expression of the JSON type (TO_JSON, TO_JSON_STRING): read and ordered as text. */
  jsonText(expression: string): string;
  /** The n-th (0-based) parameter's placeholder. */
  placeholder(n: number): string;
  /** Bytes a parameter costs in a request besides its value. */
  paramOverhead: number;
  /** Longest script (statements and parameters) sent in one request. */
  maxScriptBytes: number;
  /** The staging table's name, quoted (and qualified where the vendor needs it), for a table in `schema`. */
  stage(schema: string): string;
  /** The temporary table statement (its name from `stage`, columns in stage types). */
  createStage(name: string, columns: WarehouseColumn[]): string;
  /** The type a staged column has (Snowflake stages VARIANT as VARCHAR: VALUES cannot hold it). */
  stageType(type: string): string;
  /** The expression that writes a table's column into its staged type (TO_JSON of a VARIANT). */
  toStage(expression: string, type: string): string;
  /** The expression that reads a staged column into the table's type. */
  fromStage(expression: string, type: string): string;
  /** A value bound for a column of warehouse type `type`. */
  param(value: Value, column: Column, type: string): Param;
  /** A param of a system column's type. */
  systemParam(type: "timestamp" | "string", value: string): Param;
  /** Null-safe equality of two expressions of type `type` (EQUAL_NULL, IS NOT DISTINCT FROM). */
  same(a: string, b: string, type: string): string;
  /** `CAST(expr AS type)` in the dialect. */
  cast(expression: string, type: string): string;
  /**
   * How an existing column of type `from` takes values of `to`: already it, kept as is (it
   * holds them), ALTER in place, or rebuilt — to `type`, a type holding both.
   */
  widen(from: string, to: string): Widening;
  /** The statement altering a column's type in place. */
  alterType(table: string, column: string, type: string): string;
  createSchema(schema: string): Promise<void>;
  /** The columns of a table, in the dialect's type spelling; undefined when it does not exist. */
  describe(schema: string, table: string): Promise<WarehouseColumn[] | undefined>;
  /** Runs a script in one session; the number of rows its last statement changed, when reported. */
  run(script: Script, table: string): Promise<number | undefined>;
  /**
   * Runs a one-statement SELECT and returns every row of its result, each cell decoded from
   * the vendor's result encoding into the protocol value of `columns[i]` (as a source gives it).
   */
  select(script: Script, columns: readonly Column[], table: string): Promise<Value[][]>;
}

interface TableInfo {
  ident: string;
  /** `schema.table` as the warehouse names it, for messages. */
  label: string;
  stream: Stream;
  mode: SyncMode;
  keyed: boolean;
  /** Warehouse names and types of the stream's columns, aligned with stream.columns. */
  columns: WarehouseColumn[];
  keyIndexes: number[];
  synced: string;
  deleted: string;
  rowId: string;
  start: string;
  end: string;
  active: string;
  /** The staging table of this table's scripts (temporary: one per session). */
  stage: string;
}

/** A row folded with earlier rows of its key, and the columns still not sent. */
interface Folded {
  row: Row;
  unchanged: Set<number>;
}

function keyText(values: readonly Value[]): string {
  return values
    .map((v) => (v instanceof Uint8Array ? `b:${[...v].join(",")}` : `${typeof v}:${String(v)}`))
    .join("\u0000");
}

/** The `_fivetran_id` of a keyless row: SHA-256 of its values (equal rows collapse, as in Postgres). */
async function rowHash(row: Row): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(keyText(row)));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Keys per page of `truncatedKeys`. */
export const KEY_PAGE = 5000;

export class WarehouseWriter implements DestinationWriter {
  readonly capabilities: DestinationCapabilities;
  private readonly tables = new Map<string, TableInfo>();

  constructor(private readonly d: WarehouseDialect) {
    this.capabilities = d.capabilities;
  }

  async migrate(schema: string, streams: Stream[], modes?: readonly (SyncMode | undefined)[]): Promise<void> {
    await this.d.createSchema(schema);
    for (const [i, stream] of streams.entries()) await this.migrateOne(schema, stream, modes?.[i] ?? "soft_delete");
  }

  private async migrateOne(schema: string, stream: Stream, mode: SyncMode): Promise<void> {
    const d = this.d;
    const label = `${schema}.${stream.name}`;
    if (!(d.capabilities.syncModes ?? ["soft_delete"]).includes(mode)) {
      throw new TableError(`${label}: ${d.vendor} does not implement sync mode ${mode.toUpperCase()}`);
    }
    const ident = d.table(schema, stream.name);
    const keyed = stream.primaryKey.length > 0;
    const synced = d.name(SYNCED);
    const deleted = d.name(DELETED);
    const rowId = d.name(ROW_ID);
    const [start, end, active] = [d.name(START), d.name(END), d.name(ACTIVE)];
    if (mode === "history" && !keyed) throw new TableError(`${label} has no primary key: history mode needs one`);
    const wanted = stream.columns.map((c) => ({ name: d.name(c.name), type: d.columnType(c) }));
    const existing = await d.describe(schema, stream.name);
    const columns: WarehouseColumn[] = [];
    if (!existing) {
      const defs = wanted.map((c) => `${d.quote(c.name)} ${c.type}`);
      defs.push(`${d.quote(synced)} ${d.types.timestamp} NOT NULL`);
      if (!keyed) defs.push(`${d.quote(rowId)} ${d.types.string} NOT NULL`);
      if (mode === "soft_delete") defs.push(`${d.quote(deleted)} ${d.types.boolean} NOT NULL`);
      if (mode === "history") {
        defs.push(
          `${d.quote(start)} ${d.types.timestamp} NOT NULL`,
          `${d.quote(end)} ${d.types.timestamp} NOT NULL`,
          `${d.quote(active)} ${d.types.boolean} NOT NULL`,
        );
      }
      await this.exec(new Script(d).add(`CREATE TABLE IF NOT EXISTS ${ident} (${defs.join(", ")})`), label);
      columns.push(...wanted);
    } else {
      const fold = (n: string) => (d.capabilities.identifiers.caseInsensitive ? n.toLowerCase() : n);
      const byName = new Map(existing.map((c) => [fold(c.name), c]));
      for (const want of wanted) {
        const have = byName.get(fold(want.name));
        if (!have) {
          await this.exec(
            new Script(d).add(`ALTER TABLE ${ident} ADD COLUMN ${d.quote(want.name)} ${want.type}`),
            label,
          );
          columns.push(want);
          continue;
        }
        const widening = d.widen(have.type, want.type);
        if (widening.how === "alter") {
          await this.exec(new Script(d).add(d.alterType(ident, d.quote(have.name), widening.type)), label);
          columns.push({ name: have.name, type: widening.type });
        } else if (widening.how === "rebuild") {
          const temp = d.quote(d.name(`${want.name}_fivetran_widen`));
          const name = d.quote(have.name);
          await this.exec(
            new Script(d)
              .add(`ALTER TABLE ${ident} ADD COLUMN ${temp} ${widening.type}`)
              .add(`UPDATE ${ident} SET ${temp} = ${d.cast(name, widening.type)} WHERE TRUE`)
              .add(`ALTER TABLE ${ident} DROP COLUMN ${name}`)
              .add(`ALTER TABLE ${ident} RENAME COLUMN ${temp} TO ${name}`),
            label,
          );
          columns.push({ name: have.name, type: widening.type });
        } else {
          columns.push(have);
        }
      }
      const current: SyncMode = byName.has(fold(start))
        ? "history"
        : byName.has(fold(deleted))
          ? "soft_delete"
          : "live";
      if (current !== mode) {
        const script = new Script(d);
        switchMode(
          script,
          d,
          { ident, keyNames: stream.primaryKey.map(d.name), synced, deleted, start, end, active },
          current,
          mode,
        );
        await this.exec(script, label);
      }
    }
    this.tables.set(`${schema}.${stream.name}`, {
      ident,
      label,
      stream,
      mode,
      keyed,
      columns,
      keyIndexes: stream.primaryKey.map((k) => stream.columns.findIndex((c) => c.name === k)),
      synced,
      deleted,
      rowId,
      start,
      end,
      active,
      stage: d.stage(schema),
    });
  }

  private table(ref: TableRef): TableInfo {
    const table = this.tables.get(`${ref.schema}.${ref.stream.name}`);
    if (!table) throw new Error(`migrate was not called for ${ref.schema}.${ref.stream.name}`);
    return table;
  }

  private exec(script: Script, label: string): Promise<number | undefined> {
    return this.d.run(script, label);
  }

  /** Folds a batch per key: the later row wins, taking the values it did not send from the earlier one. */
  private async fold(table: TableInfo, batch: UpsertBatch): Promise<Map<string, Folded>> {
    const folded = new Map<string, Folded>();
    for (const [i, row] of batch.rows.entries()) {
      const unchanged = new Set(batch.unchanged?.[i] ?? []);
      const key = table.keyed ? keyText(table.keyIndexes.map((k) => row[k] ?? null)) : await rowHash(row);
      const earlier = folded.get(key);
      if (earlier && unchanged.size > 0) {
        const merged = row.map((v, c) => (unchanged.has(c) ? (earlier.row[c] ?? null) : v));
        const still = new Set([...unchanged].filter((c) => earlier.unchanged.has(c)));
        folded.set(key, { row: merged, unchanged: still });
      } else {
        // Map order is first insertion: re-insert so the stage keeps the source's order.
        folded.delete(key);
        folded.set(key, { row, unchanged });
      }
    }
    return folded;
  }

  async write(ref: TableRef, batch: UpsertBatch, syncedAt: Date): Promise<WriteResult> {
    const table = this.table(ref);
    if (table.mode === "history") {
      await this.writeHistory(table, batch, syncedAt.toISOString());
      return { rows: batch.count, bytes: batch.bytes };
    }
    const folded = await this.fold(table, batch);
    const groups = new Map<string, { unchanged: Set<number>; rows: { id: string; row: Row }[] }>();
    for (const [id, f] of folded) {
      const signature = [...f.unchanged].sort((a, b) => a - b).join(",");
      let group = groups.get(signature);
      if (!group) {
        group = { unchanged: f.unchanged, rows: [] };
        groups.set(signature, group);
      }
      group.rows.push({ id, row: f.row });
    }
    const synced = syncedAt.toISOString();
    for (const group of groups.values()) await this.upsert(table, group.rows, group.unchanged, synced);
    return { rows: batch.count, bytes: batch.bytes };
  }

  /** Stages and merges rows in scripts under the size limit. */
  private async upsert(table: TableInfo, rows: { id: string; row: Row }[], unchanged: Set<number>, synced: string) {
    const d = this.d;
    const q = (n: string) => d.quote(n);
    const cols = table.columns;
    const staged: WarehouseColumn[] = [...cols, { name: table.synced, type: d.types.timestamp }];
    if (!table.keyed) staged.push({ name: table.rowId, type: d.types.string });
    const keys = table.keyed ? table.keyIndexes.map((k) => (cols[k] as WarehouseColumn).name) : [table.rowId];
    const on = keys.map((k) => `T.${q(k)} = S.${q(k)}`).join(" AND ");
    const read = (c: WarehouseColumn) => d.fromStage(`S.${q(c.name)}`, c.type);
    const updates = cols
      .filter((_, i) => table.keyed && !table.keyIndexes.includes(i) && !unchanged.has(i))
      .map((c) => `${q(c.name)} = ${read(c)}`);
    updates.push(`${q(table.synced)} = S.${q(table.synced)}`);
    const insertNames = staged.map((c) => q(c.name));
    const insertValues = [...cols.map(read), `S.${q(table.synced)}`];
    if (!table.keyed) insertValues.push(`S.${q(table.rowId)}`);
    if (table.mode === "soft_delete") {
      updates.push(`${q(table.deleted)} = FALSE`);
      insertNames.push(q(table.deleted));
      insertValues.push("FALSE");
    }
    const merge = `MERGE INTO ${table.ident} AS T USING ${table.stage} AS S ON ${on} WHEN MATCHED THEN UPDATE SET ${updates.join(", ")} WHEN NOT MATCHED THEN INSERT (${insertNames.join(", ")}) VALUES (${insertValues.join(", ")})`;
    const values = (script: Script, { id, row }: { id: string; row: Row }) => {
      const bound = cols.map((c, i) => script.bind(d.param(row[i] ?? null, table.stream.columns[i] as Column, c.type)));
      bound.push(script.bind(d.systemParam("timestamp", synced)));
      if (!table.keyed) bound.push(script.bind(d.systemParam("string", id)));
      return `(${bound.join(", ")})`;
    };
    await this.staged(table, staged, rows, values, merge);
  }

  /** Runs `CREATE stage; INSERT rows; <last>` in as many scripts as the size limit asks. */
  private async staged<T>(
    table: TableInfo,
    staged: WarehouseColumn[],
    items: T[],
    values: (script: Script, item: T) => string,
    last: string | ((script: Script) => void),
    /** Whether a script may end before this item (history keeps a key's versions together). */
    canBreak: (item: T) => boolean = () => true,
  ): Promise<number> {
    const d = this.d;
    const create = d.createStage(
      table.stage,
      staged.map((c) => ({ name: c.name, type: d.stageType(c.type) })),
    );
    const insert = `INSERT INTO ${table.stage} (${staged.map((c) => d.quote(c.name)).join(", ")}) VALUES `;
    const lastBytes = typeof last === "string" ? last.length : 16_000;
    const budget = d.maxScriptBytes - create.length - insert.length - lastBytes - 64;
    let changed = 0;
    let i = 0;
    while (i < items.length) {
      const script = new Script(d).add(create);
      const tuples: string[] = [];
      const start = script.bytes;
      while (i < items.length) {
        const before = { params: script.params.length, bytes: script.bytes };
        const tuple = values(script, items[i] as T);
        if (script.bytes - start + tuple.length > budget && tuples.length > 0 && canBreak(items[i] as T)) {
          script.params.length = before.params;
          script.bytes = before.bytes;
          break;
        }
        if (script.bytes - start + tuple.length > budget) {
          throw new TableError(
            `A row of ${table.label} is larger than one ${d.vendor} request may carry (${d.maxScriptBytes} bytes): it cannot be loaded`,
          );
        }
        script.bytes += tuple.length + 2;
        tuples.push(tuple);
        i++;
      }
      script.add(`${insert}${tuples.join(", ")}`);
      if (typeof last === "string") script.add(last);
      else last(script);
      changed += (await this.exec(script, table.label)) ?? tuples.length;
    }
    return changed;
  }

  /**
   * History mode, with the Postgres destination's semantics (destinations/postgres/writer.ts
   * writeHistory; Fivetran's partner SDK): a version is keyed (pk…, `_fivetran_start`), starting
   * at the change's commit time (`changedAt`) or the run's start; a version closed by the next
   * ends 1 ms before it starts (never before its own start), one closed by a delete at the
   * delete, an active one at 9999-12-31 23:59:59.999. What can be known from the batch alone is
   * computed here (per key: versions in order, two at one instant folded, a version equal to the
   * one before it dropped, each version's end and whether it is the last); the rest is SQL, in
   * one script per group of keys:
   * 1. versions of a staged key starting at or after its first staged start are removed, and the
   *    version they had closed is active again (undoing an earlier application of the batch);
   * 2. values the source did not send are taken from the active version;
   * 3. a key's first staged version equal to the active one is no new version (`_fivetran_skip`);
   *    when that was its only one, the active version's `_fivetran_synced` is bumped;
   * 4. the active version of a key with new versions is closed, and the new versions inserted.
   */
  private async writeHistory(table: TableInfo, batch: UpsertBatch, synced: string): Promise<void> {
    const d = this.d;
    const q = (n: string) => d.quote(n);
    const at = toMicros;
    const ms = (iso: string, deltaMs: number) => fromMicros(toMicros(iso) + BigInt(deltaMs) * 1000n);
    type Version = { row: Row; start: string; unchanged: Set<number> };
    const byKey = new Map<string, Version[]>();
    for (const [i, row] of batch.rows.entries()) {
      const key = keyText(table.keyIndexes.map((k) => row[k] ?? null));
      const start = batch.changedAt?.[i] ?? synced;
      const list = byKey.get(key) ?? [];
      byKey.set(key, list);
      const unchanged = new Set(batch.unchanged?.[i] ?? []);
      const same = list.findIndex((v) => at(v.start) === at(start));
      // Two changes of a key at one instant (one transaction): the later one is the version.
      if (same >= 0) list.splice(same, 1);
      list.push({ row, start, unchanged });
    }
    const cols = table.columns;
    const dataCols = cols.map((_, i) => i);
    type Staged = {
      row: Row;
      start: string;
      end: string;
      active: boolean;
      first: boolean;
      close: string;
      alt: string | null;
      reopen: string;
      sig: string;
    };
    const groups: Staged[][] = [];
    for (const list of byKey.values()) {
      list.sort((a, b) => (at(a.start) < at(b.start) ? -1 : at(a.start) > at(b.start) ? 1 : 0));
      // Values not sent come from the version before in the batch; the first's from the table.
      for (let n = 1; n < list.length; n++) {
        const v = list[n] as Version;
        const prev = list[n - 1] as Version;
        v.row = v.row.map((x, c) => (v.unchanged.has(c) && !prev.unchanged.has(c) ? (prev.row[c] ?? null) : x));
        v.unchanged = new Set([...v.unchanged].filter((c) => prev.unchanged.has(c)));
      }
      // A version equal to the one before it in the batch is none.
      const kept = list.filter(
        (v, n) => n === 0 || keyText(v.row) !== keyText((list[n - 1] as Version).row) || v.unchanged.size > 0,
      );
      const first = kept[0] as Version;
      groups.push(
        kept.map((v, n) => {
          const next = kept[n + 1];
          const end = next ? (at(ms(next.start, -1)) < at(v.start) ? v.start : ms(next.start, -1)) : MAX_TS;
          return {
            row: v.row,
            start: v.start,
            end,
            active: next === undefined,
            first: n === 0,
            close: ms(first.start, -1),
            alt: n === 0 && kept[1] ? ms((kept[1] as Version).start, -1) : null,
            reopen: ms(first.start, -1),
            sig: [...v.unchanged].sort((a, b) => a - b).join(","),
          };
        }),
      );
    }
    const T = d.types;
    const staged: WarehouseColumn[] = [
      ...cols,
      { name: table.synced, type: T.timestamp },
      { name: table.start, type: T.timestamp },
      { name: table.end, type: T.timestamp },
      { name: table.active, type: T.boolean },
      { name: d.name(FIRST), type: T.boolean },
      { name: d.name(SKIP), type: T.boolean },
      { name: d.name(CLOSE), type: T.timestamp },
      { name: d.name(ALT), type: T.timestamp },
      { name: d.name(REOPEN), type: T.timestamp },
      { name: d.name(SIG), type: T.string },
    ];
    const [first, skip, close, alt, reopen, sig] = [FIRST, SKIP, CLOSE, ALT, REOPEN, SIG].map((n) => q(d.name(n)));
    const keys = table.keyIndexes.map((k) => q((cols[k] as WarehouseColumn).name));
    const on = (a: string, b: string) => keys.map((k) => `${a}.${k} = ${b}.${k}`).join(" AND ");
    const t = table.ident;
    const s = table.stage;
    const [tSynced, tStart, tEnd, tActive] = [table.synced, table.start, table.end, table.active].map(q);
    const signatures = new Set(
      groups
        .flat()
        .map((v) => v.sig)
        .filter((x) => x !== ""),
    );
    const statements = (script: Script) => {
      const maxTs = () => script.bind(d.systemParam("timestamp", MAX_TS));
      script.add(
        `DELETE FROM ${t} AS T WHERE EXISTS (SELECT 1 FROM ${s} AS S WHERE ${on("S", "T")} AND S.${first} = TRUE AND T.${tStart} >= S.${tStart})`,
      );
      script.add(
        `UPDATE ${t} AS T SET ${tActive} = TRUE, ${tEnd} = ${maxTs()} WHERE T.${tActive} = FALSE AND EXISTS (SELECT 1 FROM ${s} AS S WHERE ${on("S", "T")} AND S.${first} = TRUE AND T.${tEnd} >= S.${reopen}) AND NOT EXISTS (SELECT 1 FROM ${t} AS L WHERE ${on("L", "T")} AND L.${tStart} > T.${tStart})`,
      );
      for (const signature of signatures) {
        const filled = signature.split(",").map(Number);
        const sets = filled.map((c) => {
          const name = q((cols[c] as WarehouseColumn).name);
          return `${name} = ${d.toStage(`A.${name}`, (cols[c] as WarehouseColumn).type)}`;
        });
        script.add(
          `MERGE INTO ${s} AS S USING ${t} AS A ON ${on("S", "A")} AND A.${tActive} = TRUE AND S.${sig} = ${script.bind(d.systemParam("string", signature))} WHEN MATCHED THEN UPDATE SET ${sets.join(", ")}`,
        );
      }
      const equal = dataCols
        .map((c) => {
          const col = cols[c] as WarehouseColumn;
          return d.same(`A.${q(col.name)}`, d.fromStage(`S.${q(col.name)}`, col.type), col.type);
        })
        .join(" AND ");
      script.add(
        `UPDATE ${s} AS S SET ${skip} = TRUE WHERE S.${first} = TRUE AND EXISTS (SELECT 1 FROM ${t} AS A WHERE ${on("A", "S")} AND A.${tActive} = TRUE AND ${equal})`,
      );
      const now = script.bind(d.systemParam("timestamp", synced));
      script.add(
        `UPDATE ${t} AS T SET ${tSynced} = ${now} WHERE T.${tActive} = TRUE AND T.${tSynced} < ${script.bind(d.systemParam("timestamp", synced))} AND EXISTS (SELECT 1 FROM ${s} AS S WHERE ${on("S", "T")} AND S.${first} = TRUE AND S.${skip} = TRUE AND S.${alt} IS NULL)`,
      );
      script.add(
        `MERGE INTO ${t} AS T USING ${s} AS S ON ${on("T", "S")} AND T.${tActive} = TRUE AND S.${first} = TRUE WHEN MATCHED AND S.${skip} = FALSE THEN UPDATE SET ${tActive} = FALSE, ${tEnd} = GREATEST(S.${close}, T.${tStart}) WHEN MATCHED AND S.${alt} IS NOT NULL THEN UPDATE SET ${tActive} = FALSE, ${tEnd} = GREATEST(S.${alt}, T.${tStart})`,
      );
      const names = [...cols.map((c) => q(c.name)), tSynced, tStart, tEnd, tActive];
      const values = [
        ...cols.map((c) => d.fromStage(`S.${q(c.name)}`, c.type)),
        `S.${tSynced}`,
        `S.${tStart}`,
        `S.${tEnd}`,
        `S.${tActive}`,
      ];
      script.add(
        `MERGE INTO ${t} AS T USING ${s} AS S ON 1 = 0 WHEN NOT MATCHED AND S.${skip} = FALSE THEN INSERT (${names.join(", ")}) VALUES (${values.join(", ")})`,
      );
    };
    // A key's versions must share a script: the keys are packed whole, in order.
    const ordered = groups.flat();
    const ts = (v: string) => d.systemParam("timestamp", v);
    await this.staged(
      table,
      staged,
      ordered,
      (script, v) => {
        const bound = cols.map((c, i) =>
          script.bind(d.param(v.row[i] ?? null, table.stream.columns[i] as Column, c.type)),
        );
        bound.push(
          script.bind(ts(synced)),
          script.bind(ts(v.start)),
          script.bind(ts(v.end)),
          v.active ? "TRUE" : "FALSE",
          v.first ? "TRUE" : "FALSE",
          "FALSE",
          script.bind(ts(v.close)),
          v.alt === null ? "NULL" : script.bind(ts(v.alt)),
          script.bind(ts(v.reopen)),
          script.bind(d.systemParam("string", v.sig)),
        );
        return `(${bound.join(", ")})`;
      },
      statements,
      (v) => v.first,
    );
  }

  async delete(ref: TableRef, keys: Row[], at?: DeleteTimes): Promise<number> {
    const table = this.table(ref);
    if (!table.keyed) throw new TableError(`${table.label} has no primary key to delete by`);
    if (keys.length === 0) return 0;
    const d = this.d;
    const q = (n: string) => d.quote(n);
    const keyCols = table.keyIndexes.map((k) => table.columns[k] as WarehouseColumn);
    const staged = [...keyCols, { name: table.synced, type: d.types.timestamp }];
    const on = keyCols.map((k) => `T.${q(k.name)} = S.${q(k.name)}`).join(" AND ");
    const merge =
      table.mode === "history"
        ? // The active version ends when the delete was committed (never before it began).
          `MERGE INTO ${table.ident} AS T USING ${table.stage} AS S ON ${on} AND T.${q(table.active)} = TRUE WHEN MATCHED THEN UPDATE SET ${q(table.active)} = FALSE, ${q(table.end)} = GREATEST(S.${q(table.synced)}, T.${q(table.start)})`
        : table.mode === "live"
          ? `MERGE INTO ${table.ident} AS T USING ${table.stage} AS S ON ${on} WHEN MATCHED THEN DELETE`
          : `MERGE INTO ${table.ident} AS T USING ${table.stage} AS S ON ${on} WHEN MATCHED AND T.${q(table.deleted)} = FALSE THEN UPDATE SET ${q(table.deleted)} = TRUE, ${q(table.synced)} = S.${q(table.synced)}`;
    const synced = (at?.syncedAt ?? new Date()).toISOString();
    // History: each key's delete time (its commit time), staged in the synced column.
    const when = new Map(keys.map((k, i) => [keyText(k), at?.changedAt?.[i] ?? synced]));
    const unique = [...new Map(keys.map((k) => [keyText(k), k])).values()];
    return this.staged(
      table,
      staged,
      unique,
      (script, key) => {
        const bound = keyCols.map((c, n) =>
          script.bind(d.param(key[n] ?? null, table.stream.columns[table.keyIndexes[n] as number] as Column, c.type)),
        );
        const time = table.mode === "history" ? (when.get(keyText(key)) ?? synced) : synced;
        bound.push(script.bind(d.systemParam("timestamp", time)));
        return `(${bound.join(", ")})`;
      },
      merge,
    );
  }

  async truncate(ref: TableRef, before?: Date, at?: TruncateTime): Promise<number> {
    const table = this.table(ref);
    const d = this.d;
    const script = new Script(d);
    const where: string[] = [];
    if (before)
      where.push(`${d.quote(table.synced)} < ${script.bind(d.systemParam("timestamp", before.toISOString()))}`);
    if (table.mode === "history") {
      const time = at?.changedAt ?? (at?.syncedAt ?? before ?? new Date()).toISOString();
      where.unshift(`${d.quote(table.active)} = TRUE`);
      script.add(
        `UPDATE ${table.ident} SET ${d.quote(table.active)} = FALSE, ${d.quote(table.end)} = GREATEST(${script.bind(d.systemParam("timestamp", time))}, ${d.quote(table.start)}) WHERE ${where.join(" AND ")}`,
      );
    } else if (table.mode === "live") {
      script.add(`DELETE FROM ${table.ident} WHERE ${where.length ? where.join(" AND ") : "TRUE"}`);
    } else {
      // A bulk delete: rows are marked, their `_fivetran_synced` kept (Fivetran's system columns).
      where.unshift(`${d.quote(table.deleted)} = FALSE`);
      script.add(`UPDATE ${table.ident} SET ${d.quote(table.deleted)} = TRUE WHERE ${where.join(" AND ")}`);
    }
    return (await this.exec(script, table.label)) ?? 0;
  }

  /**
   * The keys `truncate(ref, before)` would change (soft_delete: rows not deleted; history:
   * active versions; live: every row; each synced before `before` when given), a page of
   * {@link KEY_PAGE} at a time by keyset pagination on the primary key (`_fivetran_id` for a
   * keyless table, whose key is every column's value): one SELECT … ORDER BY … LIMIT per
   * page, bound parameters throughout. Values are decoded from the vendor's result encoding to
   * the source's types (dialect `select`), so a key read back hashes as the key written.
   */
  async *truncatedKeys(ref: TableRef, before?: Date): AsyncIterable<Row[]> {
    const table = this.table(ref);
    const d = this.d;
    const q = (n: string) => d.quote(n);
    const { stream } = ref;
    const json = (i: number) => (table.columns[i] as WarehouseColumn).type === d.types.json;
    const term = (i: number) => {
      const name = q((table.columns[i] as WarehouseColumn).name);
      return json(i) ? d.jsonText(name) : name;
    };
    // Selected: the key's values (every column's for a keyless table), then `_fivetran_id`.
    const values = table.keyed ? table.keyIndexes : stream.columns.map((_, i) => i);
    const rowIdColumn: Column = { name: ROW_ID, type: "string", sourceType: "text", nullable: false };
    const selected = [...values.map(term), ...(table.keyed ? [] : [q(table.rowId)])];
    const decoded = [...values.map((i) => stream.columns[i] as Column), ...(table.keyed ? [] : [rowIdColumn])];
    // The order: the key's columns (positions in `selected`), or `_fivetran_id`.
    const order = table.keyed ? values.map((_, n) => n) : [values.length];
    let after: Value[] | undefined;
    for (;;) {
      const script = new Script(d);
      const where: string[] = [];
      if (table.mode === "soft_delete") where.push(`${q(table.deleted)} = FALSE`);
      if (table.mode === "history") where.push(`${q(table.active)} = TRUE`);
      if (before) {
        where.push(`${q(table.synced)} < ${script.bind(d.systemParam("timestamp", before.toISOString()))}`);
      }
      if (after) {
        const last = after;
        const bind = (n: number) => {
          const value = last[n] ?? null;
          if (!table.keyed) return script.bind(d.systemParam("string", String(value)));
          const i = values[n] as number;
          if (json(i)) return script.bind(d.systemParam("string", String(value)));
          const column = table.columns[i] as WarehouseColumn;
          return script.bind(d.param(value, stream.columns[i] as Column, column.type));
        };
        // (k1, k2, …) > (v1, v2, …), spelled out: neither vendor compares row values.
        const greater = (at: number): string => {
          const n = order[at] as number;
          const here = `${selected[n]} > ${bind(n)}`;
          if (at === order.length - 1) return here;
          return `(${here} OR (${selected[n]} = ${bind(n)} AND ${greater(at + 1)}))`;
        };
        where.push(greater(0));
      }
      script.add(
        `SELECT ${selected.join(", ")} FROM ${table.ident}${where.length > 0 ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY ${order.map((n) => selected[n]).join(", ")} LIMIT ${KEY_PAGE}`,
      );
      const rows = await d.select(script, decoded, table.label);
      if (rows.length === 0) return;
      yield table.keyed ? rows : rows.map((row) => row.slice(0, values.length));
      if (rows.length < KEY_PAGE) return;
      after = rows[rows.length - 1] as Value[];
    }
  }

  /** Every script commits on its own. */
  async flush(): Promise<void> {}

  async close(): Promise<void> {}
}

/** An RFC 3339 UTC timestamp (up to microseconds) as microseconds since the epoch. */
function toMicros(iso: string): bigint {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(iso);
  if (!m) return BigInt(Date.parse(iso)) * 1000n;
  return BigInt(Date.parse(`${m[1]}Z`)) * 1000n + BigInt((m[2] ?? "").padEnd(6, "0").slice(0, 6));
}

function fromMicros(us: bigint): string {
  const ms = us >= 0n ? us / 1000n : (us - 999n) / 1000n;
  const fraction = (((us % 1_000_000n) + 1_000_000n) % 1_000_000n).toString().padStart(6, "0");
  return `${new Date(Number(ms)).toISOString().slice(0, 19)}.${fraction}Z`;
}

interface ModeColumns {
  ident: string;
  keyNames: string[];
  synced: string;
  deleted: string;
  start: string;
  end: string;
  active: string;
}

/**
 * Switches an existing table between sync modes as the Postgres destination does (Fivetran's
 * TableSyncModeMigration): live → soft_delete adds `_fivetran_deleted`, false everywhere;
 * soft_delete → live removes the marked rows and the column; into history every row becomes a
 * version, current ones active from the table's latest `_fivetran_synced`, deleted ones inactive
 * at the minimum timestamp; history → live keeps the active versions; history → soft_delete
 * keeps each key's latest version, marked deleted when it is not active.
 */
function switchMode(script: Script, d: WarehouseDialect, t: ModeColumns, from: SyncMode, to: SyncMode): void {
  const q = (n: string) => d.quote(n);
  const T = t.ident;
  const on = (a: string, b: string) => t.keyNames.map((k) => `${a}.${q(k)} = ${b}.${q(k)}`).join(" AND ");
  const ts = (v: string) => script.bind(d.systemParam("timestamp", v));
  if (from === "history") {
    if (to === "live") script.add(`DELETE FROM ${T} WHERE ${q(t.active)} = FALSE`);
    else {
      script.add(
        `DELETE FROM ${T} AS A WHERE EXISTS (SELECT 1 FROM ${T} AS B WHERE ${on("A", "B")} AND B.${q(t.start)} > A.${q(t.start)})`,
      );
      script.add(`ALTER TABLE ${T} ADD COLUMN ${q(t.deleted)} ${d.types.boolean}`);
      script.add(`UPDATE ${T} SET ${q(t.deleted)} = NOT ${q(t.active)} WHERE TRUE`);
    }
    for (const c of [t.start, t.end, t.active]) script.add(`ALTER TABLE ${T} DROP COLUMN ${q(c)}`);
  } else if (to === "history") {
    script.add(`ALTER TABLE ${T} ADD COLUMN ${q(t.start)} ${d.types.timestamp}`);
    script.add(`ALTER TABLE ${T} ADD COLUMN ${q(t.end)} ${d.types.timestamp}`);
    script.add(`ALTER TABLE ${T} ADD COLUMN ${q(t.active)} ${d.types.boolean}`);
    const current = from === "soft_delete" ? `${q(t.deleted)} = FALSE` : "TRUE";
    script.add(
      `UPDATE ${T} SET ${q(t.active)} = TRUE, ${q(t.start)} = (SELECT MAX(${q(t.synced)}) FROM ${T}), ${q(t.end)} = ${ts(MAX_TS)} WHERE ${current}`,
    );
    if (from === "soft_delete") {
      script.add(
        `UPDATE ${T} SET ${q(t.active)} = FALSE, ${q(t.start)} = ${ts(MIN_TS)}, ${q(t.end)} = ${ts(MIN_TS)} WHERE ${q(t.deleted)} = TRUE`,
      );
      script.add(`ALTER TABLE ${T} DROP COLUMN ${q(t.deleted)}`);
    }
  } else if (to === "soft_delete") {
    script.add(`ALTER TABLE ${T} ADD COLUMN ${q(t.deleted)} ${d.types.boolean}`);
    script.add(`UPDATE ${T} SET ${q(t.deleted)} = FALSE WHERE TRUE`);
  } else {
    script.add(`DELETE FROM ${T} WHERE ${q(t.deleted)} = TRUE`);
    script.add(`ALTER TABLE ${T} DROP COLUMN ${q(t.deleted)}`);
  }
}

/** The staging table's name: temporary, so it lives in the script's session alone. */
export const STAGE = "_fivetran_stage";

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
 * Switching soft_delete ↔ live adds or drops `_fivetran_deleted` as Postgres does. History
 * mode is not implemented here: the capabilities leave it out, so the runner fails such a
 * table alone, saying so.
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

export const SYNCED = "_fivetran_synced";
export const ROW_ID = "_fivetran_id";
export const DELETED = "_fivetran_deleted";

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
  /** Types of the system columns. */
  types: { timestamp: string; boolean: string; string: string };
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
  /** The expression that reads a staged column into the table's type. */
  fromStage(expression: string, type: string): string;
  /** A value bound for a column of warehouse type `type`. */
  param(value: Value, column: Column, type: string): Param;
  /** A param of a system column's type. */
  systemParam(type: "timestamp" | "string", value: string): Param;
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
    const wanted = stream.columns.map((c) => ({ name: d.name(c.name), type: d.columnType(c) }));
    const existing = await d.describe(schema, stream.name);
    const columns: WarehouseColumn[] = [];
    if (!existing) {
      const defs = wanted.map((c) => `${d.quote(c.name)} ${c.type}`);
      defs.push(`${d.quote(synced)} ${d.types.timestamp} NOT NULL`);
      if (!keyed) defs.push(`${d.quote(rowId)} ${d.types.string} NOT NULL`);
      if (mode === "soft_delete") defs.push(`${d.quote(deleted)} ${d.types.boolean} NOT NULL`);
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
      const soft = byName.has(fold(deleted));
      if (mode === "soft_delete" && !soft) {
        // live → soft_delete: the column comes back, false everywhere.
        await this.exec(
          new Script(d)
            .add(`ALTER TABLE ${ident} ADD COLUMN ${d.quote(deleted)} ${d.types.boolean}`)
            .add(`UPDATE ${ident} SET ${d.quote(deleted)} = FALSE WHERE TRUE`),
          label,
        );
      } else if (mode === "live" && soft) {
        // soft_delete → live: the rows marked deleted go, and the column with them.
        await this.exec(
          new Script(d)
            .add(`DELETE FROM ${ident} WHERE ${d.quote(deleted)} = TRUE`)
            .add(`ALTER TABLE ${ident} DROP COLUMN ${d.quote(deleted)}`),
          label,
        );
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
    last: string,
  ): Promise<number> {
    const d = this.d;
    const create = d.createStage(
      table.stage,
      staged.map((c) => ({ name: c.name, type: d.stageType(c.type) })),
    );
    const insert = `INSERT INTO ${table.stage} (${staged.map((c) => d.quote(c.name)).join(", ")}) VALUES `;
    const budget = d.maxScriptBytes - create.length - insert.length - last.length - 64;
    let changed = 0;
    let i = 0;
    while (i < items.length) {
      const script = new Script(d).add(create);
      const tuples: string[] = [];
      const start = script.bytes;
      while (i < items.length) {
        const before = { params: script.params.length, bytes: script.bytes };
        const tuple = values(script, items[i] as T);
        if (script.bytes - start + tuple.length > budget && tuples.length > 0) {
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
      script.add(`${insert}${tuples.join(", ")}`).add(last);
      changed += (await this.exec(script, table.label)) ?? tuples.length;
    }
    return changed;
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
      table.mode === "live"
        ? `MERGE INTO ${table.ident} AS T USING ${table.stage} AS S ON ${on} WHEN MATCHED THEN DELETE`
        : `MERGE INTO ${table.ident} AS T USING ${table.stage} AS S ON ${on} WHEN MATCHED AND T.${q(table.deleted)} = FALSE THEN UPDATE SET ${q(table.deleted)} = TRUE, ${q(table.synced)} = S.${q(table.synced)}`;
    const synced = (at?.syncedAt ?? new Date()).toISOString();
    const unique = [...new Map(keys.map((k) => [keyText(k), k])).values()];
    return this.staged(
      table,
      staged,
      unique,
      (script, key) => {
        const bound = keyCols.map((c, n) =>
          script.bind(d.param(key[n] ?? null, table.stream.columns[table.keyIndexes[n] as number] as Column, c.type)),
        );
        bound.push(script.bind(d.systemParam("timestamp", synced)));
        return `(${bound.join(", ")})`;
      },
      merge,
    );
  }

  async truncate(ref: TableRef, before?: Date, _at?: TruncateTime): Promise<number> {
    const table = this.table(ref);
    const d = this.d;
    const script = new Script(d);
    const where: string[] = [];
    if (before)
      where.push(`${d.quote(table.synced)} < ${script.bind(d.systemParam("timestamp", before.toISOString()))}`);
    if (table.mode === "live") {
      script.add(`DELETE FROM ${table.ident} WHERE ${where.length ? where.join(" AND ") : "TRUE"}`);
    } else {
      // A bulk delete: rows are marked, their `_fivetran_synced` kept (Fivetran's system columns).
      where.unshift(`${d.quote(table.deleted)} = FALSE`);
      script.add(`UPDATE ${table.ident} SET ${d.quote(table.deleted)} = TRUE WHERE ${where.join(" AND ")}`);
    }
    return (await this.exec(script, table.label)) ?? 0;
  }

  /** Every script commits on its own. */
  async flush(): Promise<void> {}

  async close(): Promise<void> {}
}

/** The staging table's name: temporary, so it lives in the script's session alone. */
export const STAGE = "_fivetran_stage";

/**
 * Writing into PostgreSQL. Tables get the source's columns with mapped types plus Fivetran's
 * `_fivetran_synced` (and `_fivetran_id` when the source has no primary key) and the columns of
 * their sync mode (TableRef.mode): soft_delete (default) `_fivetran_deleted`; history
 * `_fivetran_start` (in the primary key), `_fivetran_end`, `_fivetran_active` (a partial unique
 * index keeps one active version per key); live none. Rows travel as COPY text: a `pg-copy`
 * batch as it came from a PostgreSQL source, typed values rendered by toolkit/pg-values. A
 * snapshot batch whose key range the runner let through replaces that range in one transaction:
 * live deletes the range and COPYs straight into the table; soft delete COPYs straight in when
 * the range holds nothing yet (a first load), else marks what the batch lacks deleted and
 * upserts; any other batch is upserted through a temporary staging table, values the source did
 * not send (`unchanged`) taken from the table. History batches always go through the stage
 * (writeHistory). All are idempotent, so a batch replayed after a crash changes nothing.
 */
import type pg from "pg";
import { TableError, TransientError } from "../../errors";
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
import type { EvolveOp } from "../../schema-policy";
import type { EgressPolicy } from "../../toolkit/egress";
import { closePg, openPg, type PgEndpoint, PgLockTimeout, quoteIdent as q } from "../../toolkit/pg";
import { copyIn, copyInText, encodeCopyLine, quoteLiteral } from "../../toolkit/pg-copy";
import { toPgText } from "../../toolkit/pg-values";
import { ACTIVE, DELETED, END, ROW_ID, START, SYNCED } from "../system-columns";

export { ACTIVE, DELETED, END, ROW_ID, START, SYNCED };

/** Staging columns only: the indexes of a row's unchanged values, and "no new version". */
const UNCHANGED = "_fivetran_unchanged";
const SKIP = "_fivetran_skip";
/** An active version's `_fivetran_end`, and a deleted row's times when switched into history mode. */
export const MAX_TS = "9999-12-31T23:59:59.999Z";
const MIN_TS = "0001-01-01T00:00:00Z";

const SESSION = [
  "SET TimeZone = 'UTC'",
  "SET DateStyle = 'ISO, YMD'",
  "SET IntervalStyle = 'iso_8601'",
  "SET standard_conforming_strings = on",
];

const BUILTIN_ARRAY =
  /^(smallint|integer|bigint|real|double precision|numeric(\(\d+(,\d+)?\))?|boolean|text|character varying(\(\d+\))?|uuid|date|timestamp( with(out)? time zone)?|jsonb?)\[\]$/;

/** Built-in types a PostgreSQL source may report that a PostgreSQL destination can reuse as is. */
const BUILTIN_SCALAR =
  /^(text|character varying(\(\d+\))?|character(\(\d+\))?|name|interval( \w+( to \w+)?)?(\(\d\))?|inet|cidr|macaddr8?|money|xml|tsvector|tsquery|bit( varying)?(\(\d+\))?|point|line|lseg|box|path|polygon|circle)$/;

/** The PostgreSQL type a column gets in the destination. */
export function pgType(column: Column): string {
  switch (column.type) {
    case "boolean":
      return "boolean";
    case "int":
      return "integer";
    case "long":
      return "bigint";
    case "float":
      return "double precision";
    case "decimal":
      return column.precision ? `numeric(${column.precision},${column.scale ?? 0})` : "numeric";
    case "date":
      return "date";
    case "time":
      return column.sourceType.includes("with time zone") ? "time with time zone" : "time";
    case "timestamp":
      return "timestamp";
    case "timestamptz":
      return "timestamptz";
    case "json":
      return column.sourceType === "json" ? "json" : "jsonb";
    case "binary":
      return "bytea";
    case "uuid":
      return "uuid";
    case "array":
      return BUILTIN_ARRAY.test(column.sourceType) ? column.sourceType : "text";
    default:
      // Enums and other user-defined types do not exist in the destination: their text does.
      return BUILTIN_SCALAR.test(column.sourceType) ? column.sourceType : "text";
  }
}

/** What PostgreSQL can do, for the runner (identifiers: NAMEDATALEN − 1 bytes). */
export const POSTGRES_CAPABILITIES: DestinationCapabilities = {
  identifiers: { maxLength: 63, caseInsensitive: false, reservedSchemaPrefixes: ["pg_"] },
  maxColumns: 1600,
  codecs: ["pg-copy"],
  // The types whose order is the same wherever they are read from: never text (collations).
  replaceRangeKeyTypes: ["int", "long", "decimal", "uuid", "date", "timestamp", "timestamptz"],
  deletes: true,
  transactions: true,
  syncModes: ["soft_delete", "live", "history"],
  unchangedValues: true,
};

interface TableInfo {
  ident: string;
  /** The table's identifier text for to_regclass and pg_constraint (`"schema"."table"`). */
  columns: Column[];
  keyed: boolean;
  mode: SyncMode;
  /** The temporary staging table of this destination table (unique per schema and table). */
  stage: string;
  /** Typed value → COPY text field, per column. */
  encoders: ((value: Value) => string | null)[];
  /** Key column → typed literal for SQL (`'1'::bigint`). */
  keyLiterals: ((value: Value) => string)[];
  /** The key columns' SQL types, in key order. */
  keyTypes: string[];
}

function keyColumns(stream: Stream): Column[] {
  return stream.primaryKey.map((name) => stream.columns.find((c) => c.name === name) as Column);
}

/** A lock timeout, retold naming the table the writer waited for. */
function lockedOut(error: unknown, ident: string): unknown {
  if (!(error instanceof PgLockTimeout)) return error;
  return new TransientError(
    `Writing ${ident} waited too long for a lock another session holds: ${error.message}`,
    undefined,
    { cause: error },
  );
}

/** A short stable name for a staging table: the stream alone is not unique across schemas. */
function stageName(schema: string, table: string): string {
  let h = 0x811c9dc5;
  const text = `${schema}.${table}`;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `_fivetran_stage_${(h >>> 0).toString(16).padStart(8, "0")}`;
}

/** A writer over one pg connection; `open` it per slice. */
export class PostgresWriter implements DestinationWriter {
  readonly capabilities = POSTGRES_CAPABILITIES;
  private readonly tables = new Map<string, TableInfo>();

  private constructor(private readonly client: pg.Client) {}

  static async open(endpoint: PgEndpoint, egress: EgressPolicy): Promise<PostgresWriter> {
    // lock_timeout: a writer behind another session's lock fails naming the table (a retry
    // follows) instead of waiting silently for as long as the other session holds it.
    const client = await openPg(endpoint, egress, { lockTimeout: true });
    await client.query(SESSION.join("; ")); // one round trip for all settings
    return new PostgresWriter(client);
  }

  async migrate(schema: string, streams: Stream[], modes?: readonly (SyncMode | undefined)[]): Promise<void> {
    await this.client.query(`CREATE SCHEMA IF NOT EXISTS ${q(schema)}`);
    for (const [i, stream] of streams.entries()) {
      const ident = `${q(schema)}.${q(stream.name)}`;
      await this.migrateOne(schema, stream, ident, modes?.[i] ?? "soft_delete").catch(async (error) => {
        await this.client.query("ROLLBACK").catch(() => {});
        throw lockedOut(error, ident);
      });
    }
  }

  private async migrateOne(schema: string, stream: Stream, ident: string, mode: SyncMode): Promise<void> {
    const keyed = stream.primaryKey.length > 0;
    if (mode === "history" && !keyed) {
      throw new TableError(`${stream.namespace}.${stream.name} has no primary key: history mode needs one`);
    }
    // The catalog directly: information_schema.columns costs a few ms per call to plan.
    const { rows } = await this.client.query<{ name: string }>(
      "SELECT attname AS name FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped",
      [ident],
    );
    const key = keyed ? stream.primaryKey.map(q) : [q(ROW_ID)];
    if (rows.length === 0) {
      const columns = stream.columns.map((c) => `${q(c.name)} ${pgType(c)}`);
      columns.push(`${q(SYNCED)} timestamptz NOT NULL`);
      if (!keyed) columns.push(`${q(ROW_ID)} text NOT NULL`);
      if (mode === "soft_delete") columns.push(`${q(DELETED)} boolean NOT NULL DEFAULT false`);
      if (mode === "history") {
        columns.push(
          `${q(START)} timestamptz NOT NULL`,
          `${q(END)} timestamptz NOT NULL`,
          `${q(ACTIVE)} boolean NOT NULL`,
        );
        key.push(q(START));
      }
      await this.client.query("BEGIN");
      await this.client.query(
        `CREATE TABLE IF NOT EXISTS ${ident} (${columns.join(", ")}, PRIMARY KEY (${key.join(", ")}))`,
      );
      if (mode === "history") await this.client.query(activeIndex(schema, stream, ident));
      await this.client.query("COMMIT");
    } else {
      const existing = new Set(rows.map((r) => r.name));
      for (const column of stream.columns.filter((c) => !existing.has(c.name))) {
        await this.client.query(`ALTER TABLE ${ident} ADD COLUMN IF NOT EXISTS ${q(column.name)} ${pgType(column)}`);
      }
      const current: SyncMode = existing.has(START) ? "history" : existing.has(DELETED) ? "soft_delete" : "live";
      if (current !== mode) await this.switchMode(schema, stream, ident, current, mode);
    }
    const encoders = stream.columns.map((c) => toPgText(c, pgType(c).endsWith("[]")));
    this.tables.set(`${schema}.${stream.name}`, {
      ident,
      columns: stream.columns,
      keyed,
      mode,
      stage: q(stageName(schema, stream.name)),
      encoders,
      // A key value as a typed SQL literal, through the same encoder as the column's COPY field.
      keyLiterals: keyColumns(stream).map((c) => {
        const encode = encoders[stream.columns.indexOf(c)] as (value: Value) => string | null;
        const type = pgType(c);
        return (v: Value) => {
          const text = encode(v);
          return text === null ? "NULL" : `${quoteLiteral(text)}::${type}`;
        };
      }),
      keyTypes: keyColumns(stream).map(pgType),
    });
  }

  /**
   * Switches an existing table between sync modes in one transaction, as Fivetran's partner SDK
   * specifies its destinations do (TableSyncModeMigration,
   * https://github.com/fivetran/fivetran_partner_sdk/blob/main/schema-migration-helper-service.md):
   * - live → soft_delete: `_fivetran_deleted` added, false everywhere;
   * - soft_delete → live: the rows marked deleted are removed, `_fivetran_deleted` dropped;
   * - live or soft_delete → history: every row becomes one version keyed (pk…, `_fivetran_start`):
   *   a live row is active from the table's latest `_fivetran_synced` until 9999-12-31
   *   23:59:59.999; a row marked deleted is an inactive version at the minimum timestamp;
   *   `_fivetran_deleted` is dropped;
   * - history → live: the inactive versions are removed, the history columns dropped;
   * - history → soft_delete: only the latest version of each key is kept, marked deleted when it
   *   is not active; the history columns are dropped.
   */
  private async switchMode(schema: string, stream: Stream, ident: string, from: SyncMode, to: SyncMode) {
    const c = this.client;
    const key = stream.primaryKey.map(q).join(", ");
    const pkey = async () => {
      const { rows } = await c.query<{ name: string }>(
        "SELECT conname AS name FROM pg_constraint WHERE conrelid = to_regclass($1) AND contype = 'p'",
        [ident],
      );
      for (const { name } of rows) await c.query(`ALTER TABLE ${ident} DROP CONSTRAINT ${q(name)}`);
    };
    await c.query("BEGIN");
    if (from === "history") {
      if (to === "live") await c.query(`DELETE FROM ${ident} WHERE NOT ${q(ACTIVE)}`);
      else {
        await c.query(
          `DELETE FROM ${ident} a USING ${ident} b WHERE (${prefixed("a", stream.primaryKey)}) = (${prefixed("b", stream.primaryKey)}) AND a.${q(START)} < b.${q(START)}`,
        );
        await c.query(`ALTER TABLE ${ident} ADD COLUMN ${q(DELETED)} boolean NOT NULL DEFAULT false`);
        await c.query(`UPDATE ${ident} SET ${q(DELETED)} = NOT ${q(ACTIVE)} WHERE NOT ${q(ACTIVE)}`);
      }
      await pkey();
      await c.query(`DROP INDEX IF EXISTS ${q(schema)}.${q(activeIndexName(schema, stream.name))}`);
      await c.query(`ALTER TABLE ${ident} DROP COLUMN ${q(START)}, DROP COLUMN ${q(END)}, DROP COLUMN ${q(ACTIVE)}`);
      await c.query(`ALTER TABLE ${ident} ADD PRIMARY KEY (${key})`);
    } else if (to === "history") {
      const deleted = from === "soft_delete" ? q(DELETED) : "false";
      await c.query(
        `ALTER TABLE ${ident} ADD COLUMN ${q(START)} timestamptz, ADD COLUMN ${q(END)} timestamptz, ADD COLUMN ${q(ACTIVE)} boolean`,
      );
      await c.query(
        `UPDATE ${ident} SET ${q(ACTIVE)} = NOT ${deleted},
           ${q(START)} = CASE WHEN ${deleted} THEN '${MIN_TS}'::timestamptz ELSE (SELECT max(${q(SYNCED)}) FROM ${ident}) END,
           ${q(END)} = CASE WHEN ${deleted} THEN '${MIN_TS}'::timestamptz ELSE '${MAX_TS}'::timestamptz END`,
      );
      await c.query(
        `ALTER TABLE ${ident} ALTER COLUMN ${q(START)} SET NOT NULL, ALTER COLUMN ${q(END)} SET NOT NULL, ALTER COLUMN ${q(ACTIVE)} SET NOT NULL`,
      );
      if (from === "soft_delete") await c.query(`ALTER TABLE ${ident} DROP COLUMN ${q(DELETED)}`);
      await pkey();
      await c.query(`ALTER TABLE ${ident} ADD PRIMARY KEY (${key}, ${q(START)})`);
      await c.query(activeIndex(schema, stream, ident));
    } else if (to === "soft_delete") {
      await c.query(`ALTER TABLE ${ident} ADD COLUMN ${q(DELETED)} boolean NOT NULL DEFAULT false`);
    } else {
      await c.query(`DELETE FROM ${ident} WHERE ${q(DELETED)}`);
      await c.query(`ALTER TABLE ${ident} DROP COLUMN ${q(DELETED)}`);
    }
    await c.query("COMMIT");
  }

  private table(ref: TableRef): TableInfo {
    const table = this.tables.get(`${ref.schema}.${ref.stream.name}`);
    if (!table) throw new Error(`migrate was not called for ${ref.schema}.${ref.stream.name}`);
    return table;
  }

  /** `(a, b) <= ('1'::int, 'x'::text)` on typed key values. */
  private keyCompare(table: TableInfo, stream: Stream, values: Row, op: string, alias = ""): string {
    const left = alias ? prefixed(alias, stream.primaryKey) : stream.primaryKey.map(q).join(", ");
    const right = table.keyLiterals.map((literal, i) => literal(values[i] ?? null));
    return `(${left}) ${op} (${right.join(", ")})`;
  }

  /** The range condition of a snapshot batch, on the table aliased `alias` (or unqualified). */
  private rangeCondition(table: TableInfo, stream: Stream, range: NonNullable<UpsertBatch["range"]>, alias = "") {
    const bounds = [this.keyCompare(table, stream, range.through, "<=", alias)];
    if (range.after) bounds.push(this.keyCompare(table, stream, range.after, ">", alias));
    return bounds.join(" AND ");
  }

  async write(ref: TableRef, batch: UpsertBatch, syncedAt: Date): Promise<WriteResult> {
    const table = this.table(ref);
    const { stream } = ref;
    const client = this.client;
    const synced = syncedAt.toISOString();
    const suffix = `\t${synced}`;
    const unchanged = batch.unchanged?.some((u) => u !== undefined && u.length > 0) && table.keyed;
    const history = table.mode === "history";
    // COPY text from a Postgres source goes out as it came in: no decoding, no encoding.
    const copy = batch.encoded?.codec === "pg-copy" && !unchanged && !history ? batch.encoded.data : undefined;
    let lines: string[] | undefined;
    /** Stage columns after the source's: per row (history's start, the unchanged indexes) or none. */
    const extra: string[] = [];
    if (unchanged || history) {
      // Per-row fields follow the values: `_fivetran_start` and the unchanged column indexes.
      const rows = this.filledRows(table, stream, batch);
      const starts = batch.changedAt;
      extra.push(q(START), q(UNCHANGED));
      lines = rows.map(({ row, missing }, i) => {
        const start = starts?.[i] ?? synced;
        const indexes = missing.length > 0 ? `{${missing.join(",")}}` : "\\N";
        return `${encodeCopyLine(table.encoders.map((encode, c) => encode(row[c] ?? null)))}${suffix}\t${start}\t${indexes}`;
      });
    } else if (!copy) {
      lines = batch.rows.map((row) => encodeCopyLine(table.encoders.map((encode, i) => encode(row[i] ?? null))));
    }
    const count = copy ? copy.length : (lines as string[]).length;
    if (count === 0 && !batch.range) return { rows: 0, bytes: 0 };
    const send = (sql: string) =>
      copy
        ? copyInText(client, sql, copy, suffix)
        : copyIn(client, sql, lines as string[], extra.length > 0 ? "" : suffix);
    const names = table.columns.map((c) => q(c.name)).join(", ");
    const stageColumns = [names, q(SYNCED), ...extra].join(", ");
    const stage = table.stage;
    const staged = async () => {
      await client.query(
        `CREATE TEMP TABLE IF NOT EXISTS ${stage} AS SELECT ${names}, ${q(SYNCED)}, NULL::timestamptz AS ${q(START)}, NULL::int[] AS ${q(UNCHANGED)}, NULL::boolean AS ${q(SKIP)} FROM ${table.ident} WITH NO DATA`,
      );
      await client.query(`TRUNCATE ${stage}`);
      await send(`COPY ${stage} (${stageColumns}) FROM STDIN`);
    };
    await client.query("BEGIN");
    try {
      if (history) {
        await staged();
        await this.writeHistory(table, stream, batch, synced);
      } else if (table.keyed && batch.range && !unchanged) {
        // A snapshot batch holds every source row of its key range: replace the range.
        const range = this.rangeCondition(table, stream, batch.range);
        const direct = `COPY ${table.ident} (${names}, ${q(SYNCED)}) FROM STDIN`;
        if (table.mode === "live") {
          await client.query(`DELETE FROM ${table.ident} WHERE ${range}`);
          await send(direct);
        } else {
          // Soft delete: a range the table holds nothing of (a first load) takes the rows as
          // they come (`_fivetran_deleted` defaults to false); otherwise what the batch lacks
          // is marked deleted, its `_fivetran_synced` untouched, and the batch upserted.
          const { rows } = await client.query(`SELECT 1 FROM ${table.ident} WHERE ${range} LIMIT 1`);
          if (rows.length === 0) await send(direct);
          else {
            await staged();
            await client.query(
              `UPDATE ${table.ident} t SET ${q(DELETED)} = true WHERE ${this.rangeCondition(table, stream, batch.range, "t")} AND NOT t.${q(DELETED)} AND NOT EXISTS (SELECT 1 FROM ${stage} s WHERE (${prefixed("s", stream.primaryKey)}) = (${prefixed("t", stream.primaryKey)}))`,
            );
            await this.upsertStaged(table, stream, false);
          }
        }
      } else {
        await staged();
        await this.upsertStaged(table, stream, unchanged === true);
      }
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw lockedOut(error, table.ident);
    }
    return { rows: count, bytes: batch.bytes };
  }

  /**
   * The batch's rows with the values the source did not send (`unchanged`) taken from an earlier
   * row of the same key in the batch where it has one; `missing`: those still to take from the
   * destination.
   */
  private filledRows(table: TableInfo, stream: Stream, batch: UpsertBatch): { row: Row; missing: number[] }[] {
    const keyIndexes = stream.primaryKey.map((k) => stream.columns.findIndex((c) => c.name === k));
    const latest = new Map<string, { row: Row; missing: Set<number> }>();
    return batch.rows.map((original, i) => {
      const skipped = batch.unchanged?.[i] ?? [];
      const key = keyIndexes.map((k) => table.encoders[k]?.(original[k] ?? null) ?? "\\N").join("\t");
      const before = latest.get(key);
      const row = [...original];
      const missing = new Set<number>();
      for (const c of skipped) {
        if (before && !before.missing.has(c)) row[c] = before.row[c] ?? null;
        else missing.add(c);
      }
      latest.set(key, { row, missing });
      return { row, missing: [...missing].sort((a, b) => a - b) };
    });
  }

  /** Fills the staged values marked unchanged from the destination's row (history: its active version). */
  private async fillUnchanged(table: TableInfo, stream: Stream): Promise<void> {
    const stage = table.stage;
    const sets = table.columns
      .map(
        (c, i) => `${q(c.name)} = CASE WHEN ${i} = ANY(s.${q(UNCHANGED)}) THEN t.${q(c.name)} ELSE s.${q(c.name)} END`,
      )
      .join(", ");
    const active = table.mode === "history" ? ` AND t.${q(ACTIVE)}` : "";
    await this.client.query(
      `UPDATE ${stage} s SET ${sets} FROM ${table.ident} t WHERE s.${q(UNCHANGED)} IS NOT NULL AND (${prefixed("s", stream.primaryKey)}) = (${prefixed("t", stream.primaryKey)})${active}`,
    );
  }

  /** Upserts the staged rows (soft delete and live). */
  private async upsertStaged(table: TableInfo, stream: Stream, unchanged: boolean): Promise<void> {
    const client = this.client;
    const stage = table.stage;
    const names = table.columns.map((c) => q(c.name)).join(", ");
    const revive = table.mode === "soft_delete" ? `, ${q(DELETED)} = false` : "";
    if (table.keyed) {
      if (unchanged) await this.fillUnchanged(table, stream);
      const key = stream.primaryKey.map(q).join(", ");
      const updates = [...table.columns.filter((c) => !stream.primaryKey.includes(c.name)).map((c) => c.name), SYNCED]
        .map((name) => `${q(name)} = EXCLUDED.${q(name)}`)
        .join(", ");
      // A key twice in one batch would make ON CONFLICT touch a row twice: the last one wins.
      await client.query(
        `INSERT INTO ${table.ident} (${names}, ${q(SYNCED)}) SELECT DISTINCT ON (${key}) ${names}, ${q(SYNCED)} FROM ${stage} ORDER BY ${key}, ctid DESC ON CONFLICT (${key}) DO UPDATE SET ${updates}${revive}`,
      );
    } else {
      // No key: a row is identified by the hash of its values; identical rows collapse.
      await client.query(
        `INSERT INTO ${table.ident} (${names}, ${q(SYNCED)}, ${q(ROW_ID)})
         SELECT DISTINCT ON (id) ${names}, ${q(SYNCED)}, id
         FROM (SELECT s.*, md5(ROW(${names})::text) AS id FROM ${stage} s) staged
         ON CONFLICT (${q(ROW_ID)}) DO UPDATE SET ${q(SYNCED)} = EXCLUDED.${q(SYNCED)}${revive}`,
      );
    }
  }

  /**
   * History mode (Fivetran's type-2 versions, as its SDK specifies them for destinations:
   * https://github.com/fivetran/fivetran_sdk/blob/main/how-to-handle-history-mode-batch-files.md).
   * A version is keyed (pk…, `_fivetran_start`); `_fivetran_start` is the change's commit time
   * (`changedAt`) or the run's start; a version closed by the next one ends 1 ms before its start,
   * one closed by a delete at the delete's time, an active one at 9999-12-31 23:59:59.999. The
   * staged batch is applied so that replaying it changes nothing:
   * 1. versions of its keys starting at or after the key's earliest staged start are removed and
   *    the version they had closed is active again (undoing an earlier application of the batch);
   * 2. unchanged values are taken from the active version;
   * 3. a staged row equal to the version before it (the previous staged row of its key, else
   *    the active version) is no new version: the active version's `_fivetran_synced` is bumped;
   * 4. in a snapshot batch, active versions in its key range that it lacks are closed (deleted);
   * 5. the active version of a key with new versions is closed; the new versions are inserted,
   *    the last of each key active.
   */
  private async writeHistory(table: TableInfo, stream: Stream, batch: UpsertBatch, synced: string): Promise<void> {
    const c = this.client;
    const t = table.ident;
    const s = table.stage;
    const keys = stream.primaryKey;
    const on = (a: string, b: string) => `(${prefixed(a, keys)}) = (${prefixed(b, keys)})`;
    const key = keys.map(q).join(", ");
    const values = (alias: string) =>
      `ROW(${prefixed(
        alias,
        table.columns.map((col) => col.name),
      )})::text`;
    // Two changes of a key at one instant (one transaction): the later one is the version.
    await c.query(
      `DELETE FROM ${s} a USING ${s} b WHERE ${on("a", "b")} AND a.${q(START)} = b.${q(START)} AND a.ctid < b.ctid`,
    );
    const earliest = `(SELECT ${key}, min(${q(START)}) AS e FROM ${s} GROUP BY ${key})`;
    await c.query(`DELETE FROM ${t} t USING ${earliest} x WHERE ${on("t", "x")} AND t.${q(START)} >= x.e`);
    await c.query(
      `UPDATE ${t} t SET ${q(ACTIVE)} = true, ${q(END)} = '${MAX_TS}' FROM ${earliest} x
       WHERE ${on("t", "x")} AND NOT t.${q(ACTIVE)} AND t.${q(END)} >= x.e - interval '1 millisecond'
         AND t.${q(START)} = (SELECT max(l.${q(START)}) FROM ${t} l WHERE ${on("l", "t")})`,
    );
    if (batch.unchanged?.some((u) => u !== undefined && u.length > 0)) await this.fillUnchanged(table, stream);
    await c.query(
      `UPDATE ${s} SET ${q(SKIP)} = true FROM (
         SELECT o.ctid AS id, ${values("o")} AS v,
           lag(${values("o")}) OVER (PARTITION BY ${prefixed("o", keys)} ORDER BY o.${q(START)}) AS prev,
           row_number() OVER (PARTITION BY ${prefixed("o", keys)} ORDER BY o.${q(START)}) AS n,
           (SELECT ${values("a")} FROM ${t} a WHERE ${on("a", "o")} AND a.${q(ACTIVE)}) AS active
         FROM ${s} o) d
       WHERE ${s}.ctid = d.id AND ((d.n > 1 AND d.v = d.prev) OR (d.n = 1 AND d.v = d.active))`,
    );
    await c.query(
      `UPDATE ${t} t SET ${q(SYNCED)} = $1 FROM (SELECT DISTINCT ${key} FROM ${s}) k
       WHERE ${on("t", "k")} AND t.${q(ACTIVE)} AND t.${q(SYNCED)} < $1
         AND NOT EXISTS (SELECT 1 FROM ${s} n WHERE ${on("n", "t")} AND n.${q(SKIP)} IS NOT TRUE)`,
      [synced],
    );
    if (batch.range) {
      await c.query(
        `UPDATE ${t} t SET ${q(ACTIVE)} = false, ${q(END)} = $1 WHERE t.${q(ACTIVE)} AND ${this.rangeCondition(table, stream, batch.range, "t")}
           AND NOT EXISTS (SELECT 1 FROM ${s} n WHERE ${on("n", "t")})`,
        [synced],
      );
    }
    await c.query(
      `UPDATE ${t} t SET ${q(ACTIVE)} = false, ${q(END)} = greatest(x.first - interval '1 millisecond', t.${q(START)})
       FROM (SELECT ${key}, min(${q(START)}) AS first FROM ${s} WHERE ${q(SKIP)} IS NOT TRUE GROUP BY ${key}) x
       WHERE ${on("t", "x")} AND t.${q(ACTIVE)}`,
    );
    const names = table.columns.map((col) => q(col.name)).join(", ");
    await c.query(
      `INSERT INTO ${t} (${names}, ${q(SYNCED)}, ${q(START)}, ${q(END)}, ${q(ACTIVE)})
       SELECT ${names}, ${q(SYNCED)}, ${q(START)},
         CASE WHEN lead(${q(START)}) OVER w IS NULL THEN '${MAX_TS}'::timestamptz
           ELSE greatest(lead(${q(START)}) OVER w - interval '1 millisecond', ${q(START)}) END,
         lead(${q(START)}) OVER w IS NULL
       FROM ${s} WHERE ${q(SKIP)} IS NOT TRUE WINDOW w AS (PARTITION BY ${key} ORDER BY ${q(START)})`,
    );
  }

  async delete(ref: TableRef, keys: Row[], at?: DeleteTimes): Promise<number> {
    const table = this.table(ref);
    if (!table.keyed) throw new TableError(`${ref.schema}.${ref.stream.name} has no primary key to delete by`);
    let deleted = 0;
    const pk = ref.stream.primaryKey;
    const tuple = `(${pk.map(q).join(", ")})`;
    const synced = (at?.syncedAt ?? new Date()).toISOString();
    for (let i = 0; i < keys.length; i += 1000) {
      const chunk = keys.slice(i, i + 1000);
      const values = chunk.map(
        (key) => `(${table.keyLiterals.map((literal, k) => literal(key[k] ?? null)).join(", ")})`,
      );
      let sql: string;
      if (table.mode === "live") sql = `DELETE FROM ${table.ident} WHERE ${tuple} IN (${values.join(", ")})`;
      else if (table.mode === "soft_delete") {
        // One delete at a time, as Fivetran does: `_fivetran_synced` says when it was seen.
        sql = `UPDATE ${table.ident} SET ${q(DELETED)} = true, ${q(SYNCED)} = ${quoteLiteral(synced)}::timestamptz WHERE ${tuple} IN (${values.join(", ")}) AND NOT ${q(DELETED)}`;
      } else {
        // The active version ends when the delete was committed (never before it began).
        const ends = chunk.map((key, k) => {
          const end = quoteLiteral(at?.changedAt?.[i + k] ?? synced);
          return `(${table.keyLiterals.map((literal, n) => literal(key[n] ?? null)).join(", ")}, ${end}::timestamptz)`;
        });
        const names = [...pk.map((_, n) => `k${n}`), "e"];
        sql = `UPDATE ${table.ident} t SET ${q(ACTIVE)} = false, ${q(END)} = greatest(v.e, t.${q(START)})
          FROM (VALUES ${ends.join(", ")}) v(${names.join(", ")})
          WHERE (${prefixed("t", pk)}) = (${pk.map((_, n) => `v.k${n}`).join(", ")}) AND t.${q(ACTIVE)}`;
      }
      const result = await this.client.query(sql).catch((error) => {
        throw lockedOut(error, table.ident);
      });
      deleted += result.rowCount ?? 0;
    }
    return deleted;
  }

  async truncate(ref: TableRef, before?: Date, at?: TruncateTime): Promise<number> {
    const table = this.table(ref);
    const params: unknown[] = [];
    const where: string[] = [];
    if (before) {
      params.push(before.toISOString());
      where.push(`${q(SYNCED)} < $1`);
    }
    let sql: string;
    if (table.mode === "live") sql = `DELETE FROM ${table.ident}`;
    else if (table.mode === "soft_delete") {
      // A bulk delete: rows are marked, their `_fivetran_synced` kept (Fivetran's system columns).
      sql = `UPDATE ${table.ident} SET ${q(DELETED)} = true`;
      where.push(`NOT ${q(DELETED)}`);
    } else {
      params.push(at?.changedAt ?? (at?.syncedAt ?? before ?? new Date()).toISOString());
      sql = `UPDATE ${table.ident} SET ${q(ACTIVE)} = false, ${q(END)} = greatest($${params.length}::timestamptz, ${q(START)})`;
      where.push(q(ACTIVE));
    }
    if (where.length > 0) sql += ` WHERE ${where.join(" AND ")}`;
    const result = await this.client.query(sql, params).catch((error) => {
      throw lockedOut(error, table.ident);
    });
    return result.rowCount ?? 0;
  }

  /**
   * The keys `truncate(ref, before)` would change, a page at a time, by keyset pagination on
   * the primary key (`_fivetran_id` for a keyless table): one index range read per page.
   */
  async *truncatedKeys(ref: TableRef, before?: Date): AsyncIterable<Row[]> {
    const table = this.table(ref);
    const { stream } = ref;
    const keyed = stream.primaryKey.length > 0;
    const values = keyed ? stream.primaryKey : stream.columns.map((c) => c.name);
    const order = keyed ? stream.primaryKey : [ROW_ID];
    const types = keyed ? table.keyTypes : ["text"];
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (table.mode === "soft_delete") conditions.push(`NOT ${q(DELETED)}`);
    if (table.mode === "history") conditions.push(q(ACTIVE));
    if (before) {
      params.push(before.toISOString());
      conditions.push(`${q(SYNCED)} < $${params.length}`);
    }
    const PAGE = 5000;
    let after: string[] | undefined;
    for (;;) {
      const where = [...conditions];
      const bound = [...params];
      if (after) {
        const from = bound.length;
        where.push(
          `(${order.map(q).join(", ")}) > (${order.map((_, i) => `$${from + i + 1}::${types[i]}`).join(", ")})`,
        );
        bound.push(...after);
      }
      const { rows } = await this.client.query<Record<string, unknown>>(
        `SELECT ${values.map(q).join(", ")}, ${order.map((name, i) => `${q(name)}::text AS ${q(`_fivetran_key_${i}`)}`).join(", ")}
           FROM ${table.ident}${where.length > 0 ? ` WHERE ${where.join(" AND ")}` : ""}
           ORDER BY ${order.map(q).join(", ")} LIMIT ${PAGE}`,
        bound,
      );
      if (rows.length === 0) return;
      yield rows.map((row) => values.map((name) => readValue(row[name])));
      if (rows.length < PAGE) return;
      const last = rows[rows.length - 1] as Record<string, unknown>;
      after = order.map((_, i) => String(last[`_fivetran_key_${i}`]));
    }
  }

  async isEmpty(ref: TableRef): Promise<boolean> {
    const { rows } = await this.client.query(`SELECT 1 FROM ${this.table(ref).ident} LIMIT 1`);
    return rows.length === 0;
  }

  /** Every write commits its own transaction, so there is nothing left to flush. */
  async flush(): Promise<void> {}

  async evolve(schema: string, table: string, op: EvolveOp): Promise<boolean> {
    const ident = `${q(schema)}.${q(table)}`;
    const { rows } = await this.client.query<{ name: string }>(
      "SELECT attname AS name FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped",
      [ident],
    );
    if (rows.length === 0) return false;
    const has = new Set(rows.map((r) => r.name));
    try {
      switch (op.kind) {
        case "alter_type": {
          const type = pgType(op.column);
          const column = q(op.column.name);
          if (has.has(op.column.name)) {
            await this.client.query(
              `ALTER TABLE ${ident} ALTER COLUMN ${column} TYPE ${type} USING ${column}::${type}`,
            );
          }
          break;
        }
        case "add_column":
          await this.client.query(
            `ALTER TABLE ${ident} ADD COLUMN IF NOT EXISTS ${q(op.column.name)} ${pgType(op.column)}`,
          );
          break;
        case "drop_column":
          await this.client.query(`ALTER TABLE ${ident} DROP COLUMN IF EXISTS ${q(op.column)}`);
          break;
        case "rename_column":
          if (!has.has(op.from)) break;
          if (has.has(op.to)) {
            // The new name arrived as a column of its own meanwhile: keep its values, fill the rest.
            await this.client.query("BEGIN");
            await this.client.query(`UPDATE ${ident} SET ${q(op.to)} = ${q(op.from)} WHERE ${q(op.to)} IS NULL`);
            await this.client.query(`ALTER TABLE ${ident} DROP COLUMN ${q(op.from)}`);
            await this.client.query("COMMIT");
          } else {
            await this.client.query(`ALTER TABLE ${ident} RENAME COLUMN ${q(op.from)} TO ${q(op.to)}`);
          }
          break;
        case "drop_table":
          await this.client.query(`DROP TABLE IF EXISTS ${ident}`);
          break;
      }
    } catch (error) {
      await this.client.query("ROLLBACK").catch(() => {});
      const reason = error instanceof Error ? error.message : String(error);
      throw new TableError(`could not apply ${op.kind} to ${schema}.${table}: ${reason}`);
    }
    return true;
  }

  async close(): Promise<void> {
    await closePg(this.client);
  }
}

/** `a."x", a."y"`. */
/** A value as node-postgres parsed it, as a protocol Value (bigint and numeric come as text). */
function readValue(value: unknown): Value {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (typeof value === "object") return JSON.stringify(value);
  return value as Value;
}

function prefixed(alias: string, names: readonly string[]): string {
  return names.map((n) => `${alias}.${q(n)}`).join(", ");
}

function activeIndexName(schema: string, table: string): string {
  return `${stageName(schema, table).replace("_fivetran_stage_", "_fivetran_active_")}`;
}

/** At most one active version per key, enforced by the database. */
function activeIndex(schema: string, stream: Stream, ident: string): string {
  return `CREATE UNIQUE INDEX IF NOT EXISTS ${q(activeIndexName(schema, stream.name))} ON ${ident} (${stream.primaryKey.map(q).join(", ")}) WHERE ${q(ACTIVE)}`;
}

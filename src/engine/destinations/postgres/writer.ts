/**
 * Writing into PostgreSQL. Tables get the source's columns with mapped types plus Fivetran's
 * `_fivetran_synced` (and `_fivetran_id` when the source has no primary key). Rows travel as
 * COPY text: a `pg-copy` batch as it came from a PostgreSQL source, typed values rendered by
 * toolkit/pg-values. A snapshot batch whose key range the runner let through replaces that
 * range (DELETE + COPY in one transaction); any other batch is upserted through a temporary
 * staging table. Both are idempotent, so a batch replayed after a crash changes nothing.
 */
import type pg from "pg";
import { TableError, TransientError } from "../../errors";
import type {
  Column,
  DestinationCapabilities,
  DestinationWriter,
  Row,
  Stream,
  TableRef,
  UpsertBatch,
  Value,
  WriteResult,
} from "../../protocol";
import type { EgressPolicy } from "../../toolkit/egress";
import { closePg, openPg, type PgEndpoint, PgLockTimeout, quoteIdent as q } from "../../toolkit/pg";
import { copyIn, copyInText, encodeCopyLine, quoteLiteral } from "../../toolkit/pg-copy";
import { toPgText } from "../../toolkit/pg-values";

export const SYNCED = "_fivetran_synced";
export const ROW_ID = "_fivetran_id";

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
};

interface TableInfo {
  ident: string;
  columns: Column[];
  keyed: boolean;
  /** The temporary staging table of this destination table (unique per schema and table). */
  stage: string;
  /** Typed value → COPY text field, per column. */
  encoders: ((value: Value) => string | null)[];
  /** Key column → typed literal for SQL (`'1'::bigint`). */
  keyLiterals: ((value: Value) => string)[];
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

  async migrate(schema: string, streams: Stream[]): Promise<void> {
    await this.client.query(`CREATE SCHEMA IF NOT EXISTS ${q(schema)}`);
    for (const stream of streams) {
      const ident = `${q(schema)}.${q(stream.name)}`;
      await this.migrateOne(schema, stream, ident).catch((error) => {
        throw lockedOut(error, ident);
      });
    }
  }

  private async migrateOne(schema: string, stream: Stream, ident: string): Promise<void> {
    // The catalog directly: information_schema.columns costs a few ms per call to plan.
    const { rows } = await this.client.query<{ name: string }>(
      "SELECT attname AS name FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped",
      [ident],
    );
    const keyed = stream.primaryKey.length > 0;
    if (rows.length === 0) {
      const columns = stream.columns.map((c) => `${q(c.name)} ${pgType(c)}`);
      columns.push(`${q(SYNCED)} timestamptz NOT NULL`);
      if (!keyed) columns.push(`${q(ROW_ID)} text NOT NULL`);
      const key = keyed ? stream.primaryKey.map(q).join(", ") : q(ROW_ID);
      await this.client.query(`CREATE TABLE IF NOT EXISTS ${ident} (${columns.join(", ")}, PRIMARY KEY (${key}))`);
    } else {
      const existing = new Set(rows.map((r) => r.name));
      for (const column of stream.columns.filter((c) => !existing.has(c.name))) {
        await this.client.query(`ALTER TABLE ${ident} ADD COLUMN IF NOT EXISTS ${q(column.name)} ${pgType(column)}`);
      }
    }
    const encoders = stream.columns.map((c) => toPgText(c, pgType(c).endsWith("[]")));
    this.tables.set(`${schema}.${stream.name}`, {
      ident,
      columns: stream.columns,
      keyed,
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
    });
  }

  private table(ref: TableRef): TableInfo {
    const table = this.tables.get(`${ref.schema}.${ref.stream.name}`);
    if (!table) throw new Error(`migrate was not called for ${ref.schema}.${ref.stream.name}`);
    return table;
  }

  /** `(a, b) <= ('1'::int, 'x'::text)` on typed key values. */
  private keyCompare(table: TableInfo, stream: Stream, values: Row, op: string): string {
    const left = stream.primaryKey.map(q).join(", ");
    const right = table.keyLiterals.map((literal, i) => literal(values[i] ?? null));
    return `(${left}) ${op} (${right.join(", ")})`;
  }

  async write(ref: TableRef, batch: UpsertBatch, syncedAt: Date): Promise<WriteResult> {
    const table = this.table(ref);
    const { stream } = ref;
    const client = this.client;
    const suffix = `\t${syncedAt.toISOString()}`;
    // COPY text from a Postgres source goes out as it came in: no decoding, no encoding.
    const copy = batch.encoded?.codec === "pg-copy" ? batch.encoded.data : undefined;
    const lines = copy
      ? undefined
      : batch.rows.map((row) => encodeCopyLine(table.encoders.map((encode, i) => encode(row[i] ?? null))));
    const count = copy ? copy.length : (lines as string[]).length;
    if (count === 0 && !batch.range) return { rows: 0, bytes: 0 };
    const send = (sql: string) =>
      copy ? copyInText(client, sql, copy, suffix) : copyIn(client, sql, lines as string[], suffix);
    const names = table.columns.map((c) => q(c.name)).join(", ");
    await client.query("BEGIN");
    try {
      if (table.keyed && batch.range) {
        // A snapshot batch holds every source row of its key range: replace the range.
        const bounds = [this.keyCompare(table, stream, batch.range.through, "<=")];
        if (batch.range.after) bounds.push(this.keyCompare(table, stream, batch.range.after, ">"));
        await client.query(`DELETE FROM ${table.ident} WHERE ${bounds.join(" AND ")}`);
        await send(`COPY ${table.ident} (${names}, ${q(SYNCED)}) FROM STDIN`);
      } else {
        const stage = table.stage;
        await client.query(
          `CREATE TEMP TABLE IF NOT EXISTS ${stage} AS SELECT ${names}, ${q(SYNCED)} FROM ${table.ident} WITH NO DATA`,
        );
        await client.query(`TRUNCATE ${stage}`);
        await send(`COPY ${stage} (${names}, ${q(SYNCED)}) FROM STDIN`);
        if (table.keyed) {
          const key = stream.primaryKey.map(q).join(", ");
          const updates = [
            ...table.columns.filter((c) => !stream.primaryKey.includes(c.name)).map((c) => c.name),
            SYNCED,
          ]
            .map((name) => `${q(name)} = EXCLUDED.${q(name)}`)
            .join(", ");
          // A key twice in one batch would make ON CONFLICT touch a row twice: the last one wins.
          await client.query(
            `INSERT INTO ${table.ident} (${names}, ${q(SYNCED)}) SELECT DISTINCT ON (${key}) ${names}, ${q(SYNCED)} FROM ${stage} ORDER BY ${key}, ctid DESC ON CONFLICT (${key}) DO UPDATE SET ${updates}`,
          );
        } else {
          // No key: a row is identified by the hash of its values; identical rows collapse.
          await client.query(
            `INSERT INTO ${table.ident} (${names}, ${q(SYNCED)}, ${q(ROW_ID)})
             SELECT DISTINCT ON (id) ${names}, ${q(SYNCED)}, id
             FROM (SELECT s.*, md5(ROW(${names})::text) AS id FROM ${stage} s) staged
             ON CONFLICT (${q(ROW_ID)}) DO UPDATE SET ${q(SYNCED)} = EXCLUDED.${q(SYNCED)}`,
          );
        }
      }
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw lockedOut(error, table.ident);
    }
    return { rows: count, bytes: batch.bytes };
  }

  async delete(ref: TableRef, keys: Row[]): Promise<number> {
    const table = this.table(ref);
    if (!table.keyed) throw new TableError(`${ref.schema}.${ref.stream.name} has no primary key to delete by`);
    let deleted = 0;
    const tuple = `(${ref.stream.primaryKey.map(q).join(", ")})`;
    for (let i = 0; i < keys.length; i += 1000) {
      const values = keys
        .slice(i, i + 1000)
        .map((key) => `(${table.keyLiterals.map((literal, k) => literal(key[k] ?? null)).join(", ")})`);
      const result = await this.client
        .query(`DELETE FROM ${table.ident} WHERE ${tuple} IN (${values.join(", ")})`)
        .catch((error) => {
          throw lockedOut(error, table.ident);
        });
      deleted += result.rowCount ?? 0;
    }
    return deleted;
  }

  async truncate(ref: TableRef, before?: Date): Promise<number> {
    const table = this.table(ref);
    const result = await (before
      ? this.client.query(`DELETE FROM ${table.ident} WHERE ${q(SYNCED)} < $1`, [before.toISOString()])
      : this.client.query(`DELETE FROM ${table.ident}`)
    ).catch((error) => {
      throw lockedOut(error, table.ident);
    });
    return result.rowCount ?? 0;
  }

  async isEmpty(ref: TableRef): Promise<boolean> {
    const { rows } = await this.client.query(`SELECT 1 FROM ${this.table(ref).ident} LIMIT 1`);
    return rows.length === 0;
  }

  /** Every write commits its own transaction, so there is nothing left to flush. */
  async flush(): Promise<void> {}

  async close(): Promise<void> {
    await closePg(this.client);
  }
}

/**
 * Transforms in flight: what the runner calls between the source and the destination. For each
 * stream that has a transform (its table's own, else the connection's), {@link prepareTransform}
 * learns the destination's columns (SQL: the query prepared in the TransformDO; function: the
 * function run once on a sample row) and gives the runner a {@link StreamTransform} whose
 * `apply` turns each upsert batch into the rows the destination gets.
 *
 * The primary key passes through unchanged (a transform may not drop or change it), so deletes
 * by key and the destination's upserts still find their rows. A transform that fails on a row
 * fails the run naming that row's key (ConfigurationError); one that cannot be prepared against
 * the table's columns skips the table (TableError) with the reason.
 */
import type { ScratchColumn, TransformDO, TransformOutcome } from "../../do/transform-do";
import { ConfigurationError, TableError } from "../errors";
import type { Column, ColumnType, Row, Stream, UpsertBatch, Value } from "../protocol";
import { DEFAULT_SANDBOX_LIMITS, FunctionSandbox, type SandboxLimits } from "./sandbox";
import type { Transform } from "./spec";
import { type AnalyzedQuery, analyzeQuery, locateSqliteError, resultColumns, TransformQueryError } from "./sql";

export type { Transform } from "./spec";

/** What the runner applies to one stream's batches. */
export interface StreamTransform {
  /** The stream as the destination holds it: the transform's columns, the source's key. */
  output: Stream;
  /** The batch's rows transformed (a row may be dropped); deletes and truncates pass as they are. */
  apply(batch: UpsertBatch): Promise<UpsertBatch>;
}

/** Where transforms run: the connection's TransformDO and the Worker Loader. */
export interface TransformRuntime {
  /** The connection's TransformDO stub. */
  sql: Pick<TransformDO, "prepare" | "run">;
  loader?: WorkerLoader;
  /** The connection id: names its function's isolate. */
  owner: string;
  limits?: SandboxLimits;
}

/** SQLite's largest value is far above this; a chunk of a batch's JSON stays below it. */
const CHUNK_CHARS = 1 << 20;

const keyText = (stream: Stream, row: Row) => {
  if (stream.primaryKey.length === 0) return "";
  return stream.primaryKey
    .map((key) => `${key}=${String(row[stream.columns.findIndex((c) => c.name === key)])}`)
    .join(", ");
};

const tableName = (stream: Stream) => `${stream.namespace}.${stream.name}`;

/** Refuses a transform whose output lacks a primary-key column of the source. */
function checkKey(stream: Stream, columns: Column[], kind: string): void {
  const missing = stream.primaryKey.filter((key) => !columns.some((c) => c.name === key));
  if (missing.length > 0) {
    throw new TransformQueryError(
      `the ${kind} must keep the primary key of ${tableName(stream)} (${missing.join(", ")}) under its own name: deletes and updates find rows by it`,
    );
  }
}

// ---------------------------------------------------------------------------------------
// Values: the protocol's typed values to SQLite's and JSON's, and back by column type.

function toSqlite(value: Value): unknown {
  if (value === null) return null;
  if (typeof value === "bigint") {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Uint8Array) return [...value].map((b) => b.toString(16).padStart(2, "0")).join("");
  if (typeof value === "number" && !Number.isFinite(value)) return null;
  return value;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** A value from SQLite or a function, as the destination column's type wants it. */
export function toValue(value: unknown, type: ColumnType): Value {
  if (value === null || value === undefined) return null;
  if (value instanceof ArrayBuffer) value = new Uint8Array(value);
  switch (type) {
    case "boolean":
      if (typeof value === "string") return value === "true" || value === "1" || value === "t";
      return Boolean(value);
    case "int":
      return typeof value === "number" ? Math.trunc(value) : Math.trunc(Number(value));
    case "long":
      if (typeof value === "bigint") return value;
      if (typeof value === "number") return BigInt(Math.trunc(value));
      if (typeof value === "boolean") return value ? 1n : 0n;
      return BigInt(String(value).trim().split(".")[0] ?? "0");
    case "float":
      return typeof value === "number" ? value : Number(value);
    case "decimal":
      return typeof value === "string" ? value : String(value);
    case "binary":
      if (value instanceof Uint8Array) return value;
      return encoder.encode(String(value));
    case "timestamp":
    case "timestamptz":
    case "date":
      if (value instanceof Date) {
        const iso = value.toISOString();
        if (type === "date") return iso.slice(0, 10);
        return type === "timestamptz" ? iso.replace("Z", "000Z") : iso.replace("Z", "000");
      }
      return String(value);
    case "json":
    case "array":
      return typeof value === "string"
        ? value
        : JSON.stringify(value, (_, v) => (typeof v === "bigint" ? v.toString() : v));
    default:
      if (value instanceof Uint8Array) return decoder.decode(value);
      if (typeof value === "object") return JSON.stringify(value, (_, v) => (typeof v === "bigint" ? v.toString() : v));
      return String(value);
  }
}

function transformed(batch: UpsertBatch, rows: Row[]): UpsertBatch {
  let bytes = 0;
  for (const row of rows)
    for (const v of row) bytes += typeof v === "string" ? v.length : v instanceof Uint8Array ? v.byteLength : 8;
  // The key range and change stamps described the source's rows: a transform may drop rows, so
  // neither is passed on (the destination upserts the rows it gets, by key).
  return { kind: "upsert", stream: batch.stream, rows, count: rows.length, bytes };
}

function refuseUnchanged(batch: UpsertBatch, stream: Stream): void {
  if (batch.unchanged?.some((u) => u && u.length > 0)) {
    throw new TableError(
      `${tableName(stream)} has a transform, which cannot keep values the source did not resend (PostgreSQL's unchanged TOASTed values): the table is re-synced next run`,
    );
  }
}

// ---------------------------------------------------------------------------------------
// SQL.

const scratchColumns = (stream: Stream): ScratchColumn[] =>
  stream.columns.map((c) => ({ name: c.name, binary: c.type === "binary" }));

function sqlFailure(outcome: TransformOutcome & { ok: false }, analyzed: AnalyzedQuery): string {
  const message = outcome.error.replace(/: SQLITE_[A-Z_]+$/, "");
  return locateSqliteError(message, analyzed).replace(/__source__/g, "{{ source }}");
}

/**
 * Checks `query` against `stream`'s columns: the rules (sql.ts), then SQLite's preparation.
 * Returns the destination's columns; throws TransformQueryError.
 */
export async function prepareSql(runtime: TransformRuntime, query: string, stream: Stream): Promise<Column[]> {
  const analyzed = analyzeQuery(query, stream);
  const prepared = await runtime.sql.prepare(scratchColumns(stream), analyzed.sql);
  if (!prepared.ok) throw new TransformQueryError(`the query does not run: ${sqlFailure(prepared, analyzed)}`);
  const columns = resultColumns(analyzed, prepared.columns, stream);
  checkKey(stream, columns, "query");
  return columns;
}

async function sqlTransform(runtime: TransformRuntime, query: string, stream: Stream): Promise<StreamTransform> {
  const columns = await prepareSql(runtime, query, stream);
  const analyzed = analyzeQuery(query, stream);
  const scratch = scratchColumns(stream);
  return {
    output: {
      ...stream,
      columns,
      cursorCandidates: stream.cursorCandidates.filter((c) => columns.some((o) => o.name === c)),
    },
    async apply(batch) {
      refuseUnchanged(batch, stream);
      const chunks: string[] = [];
      let current: string[] = [];
      let size = 0;
      for (const row of batch.rows) {
        const json = JSON.stringify(row.map(toSqlite));
        if (size + json.length > CHUNK_CHARS && current.length > 0) {
          chunks.push(`[${current.join(",")}]`);
          current = [];
          size = 0;
        }
        current.push(json);
        size += json.length + 1;
      }
      if (current.length > 0) chunks.push(`[${current.join(",")}]`);
      const limits = { rows: Math.max(batch.count, 1) * 2, bytes: Math.max(batch.bytes * 4, 16 << 20) };
      const outcome = await runtime.sql.run(scratch, chunks, analyzed.sql, limits);
      if (!outcome.ok) {
        throw new ConfigurationError(
          `The SQL transform of ${tableName(stream)} failed on a batch of ${batch.count} rows: ${sqlFailure(outcome, analyzed)}`,
          "transform_failed",
        );
      }
      const rows = outcome.rows.map((row) => row.map((value, i) => toValue(value, (columns[i] as Column).type)));
      return transformed(batch, rows);
    },
  };
}

// ---------------------------------------------------------------------------------------
// Functions.

/** A non-null value of each type: the sample row a function is first run on to learn its columns. */
const SAMPLE: Record<ColumnType, Value> = {
  boolean: false,
  int: 0,
  long: 0n,
  float: 0,
  decimal: "0",
  string: "",
  date: "1970-01-01",
  time: "00:00:00",
  timestamp: "1970-01-01T00:00:00.000000",
  timestamptz: "1970-01-01T00:00:00.000000Z",
  json: "{}",
  binary: new Uint8Array(),
  uuid: "00000000-0000-0000-0000-000000000000",
  array: "[]",
};

function typeOfValue(value: unknown): ColumnType {
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "bigint") return "long";
  if (typeof value === "number") return "float";
  if (value instanceof Date) return "timestamptz";
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return "binary";
  if (value !== null && typeof value === "object") return "json";
  return "string";
}

/** Whether a function's value still fits the source column it replaced (else the type is inferred). */
function fits(value: unknown, column: Column): boolean {
  const sample = SAMPLE[column.type];
  return (
    value === null ||
    value === undefined ||
    typeof value === typeof sample ||
    (column.type === "binary" && value instanceof Uint8Array)
  );
}

const asObject = (stream: Stream, row: Row) => {
  const out: Record<string, Value> = {};
  stream.columns.forEach((c, i) => {
    out[c.name] = row[i] ?? null;
  });
  return out;
};

/** Loads `fn` and learns its columns from a sample row. Throws TransformQueryError (the function's fault) or Error. */
export async function prepareFunction(
  runtime: TransformRuntime,
  fn: string,
  stream: Stream,
): Promise<{ sandbox: FunctionSandbox; columns: Column[] }> {
  if (!runtime.loader) {
    throw new TransformQueryError(
      "function transforms need the Worker Loader binding (LOADER), which this Worker does not have",
    );
  }
  let sandbox: FunctionSandbox;
  try {
    sandbox = await FunctionSandbox.load(runtime.loader, runtime.owner, fn, runtime.limits ?? DEFAULT_SANDBOX_LIMITS);
  } catch (error) {
    throw new TransformQueryError(String((error as Error).message ?? error));
  }
  const sample = Object.fromEntries(stream.columns.map((c) => [c.name, SAMPLE[c.type]]));
  const answer = await sandbox.apply([sample]);
  if (!answer.ok) {
    throw new TransformQueryError(
      `the function failed on a sample row of ${tableName(stream)} (every column set, none null): ${answer.error}`,
    );
  }
  const result = answer.rows[0];
  if (result === null || typeof result !== "object" || Array.isArray(result)) {
    throw new TransformQueryError(
      `the function must return an object (a row) or null for a sample row of ${tableName(stream)}; it returned ${Array.isArray(result) ? "an array" : result === null ? "null" : typeof result}`,
    );
  }
  const byName = new Map(stream.columns.map((c) => [c.name, c]));
  const columns: Column[] = Object.entries(result as Record<string, unknown>).map(([name, value]) => {
    const source = byName.get(name);
    if (source && fits(value, source)) return source;
    const type = typeOfValue(value);
    return { name, type, sourceType: `transform:${type}`, nullable: true };
  });
  checkKey(stream, columns, "function's result");
  return { sandbox, columns };
}

async function functionTransform(runtime: TransformRuntime, fn: string, stream: Stream): Promise<StreamTransform> {
  const { sandbox, columns } = await prepareFunction(runtime, fn, stream);
  const names = new Set(columns.map((c) => c.name));
  const keyIndexes = stream.primaryKey.map((key) => stream.columns.findIndex((c) => c.name === key));
  const outKeyIndexes = stream.primaryKey.map((key) => columns.findIndex((c) => c.name === key));
  const rowLabel = (row: Row, index: number) => {
    const key = keyText(stream, row);
    return key ? `the row with key ${key}` : `row ${index + 1} of the batch`;
  };
  return {
    output: { ...stream, columns, cursorCandidates: stream.cursorCandidates.filter((c) => names.has(c)) },
    async apply(batch) {
      refuseUnchanged(batch, stream);
      const answer = await sandbox.apply(batch.rows.map((row) => asObject(stream, row)));
      const fail = (message: string) =>
        new ConfigurationError(`The function transform of ${tableName(stream)} failed: ${message}`, "transform_failed");
      if (!answer.ok) {
        if (answer.index < 0) throw fail(answer.error);
        throw fail(`on ${rowLabel(batch.rows[answer.index] as Row, answer.index)}: ${answer.error}`);
      }
      const rows: Row[] = [];
      answer.rows.forEach((result, i) => {
        if (result === null) return; // dropped
        const input = batch.rows[i] as Row;
        if (typeof result !== "object" || Array.isArray(result) || (result as { __undefined?: true }).__undefined) {
          throw fail(
            `on ${rowLabel(input, i)}: it returned ${Array.isArray(result) ? "an array" : (result as { __undefined?: true })?.__undefined ? "undefined" : typeof result}; return a row (an object) or null to drop the row`,
          );
        }
        const record = result as Record<string, unknown>;
        const extra = Object.keys(record).find((k) => !names.has(k));
        if (extra !== undefined) {
          throw fail(
            `on ${rowLabel(input, i)}: it returned the column ${extra}, which it did not return for the sample row; the destination's columns are ${[...names].join(", ")}`,
          );
        }
        const row = columns.map((c) => toValue(record[c.name], c.type));
        keyIndexes.forEach((k, j) => {
          const before = input[k];
          const after = row[outKeyIndexes[j] as number];
          if (String(before) !== String(after)) {
            throw fail(
              `on ${rowLabel(input, i)}: it changed the primary key column ${stream.primaryKey[j]}; a transform must keep it`,
            );
          }
        });
        rows.push(row);
      });
      return transformed(batch, rows);
    },
  };
}

/** The transform of `stream`, ready to apply; TableError when it cannot be prepared for its columns. */
export async function prepareTransform(
  runtime: TransformRuntime,
  transform: Transform,
  stream: Stream,
): Promise<StreamTransform> {
  try {
    return transform.type === "sql"
      ? await sqlTransform(runtime, transform.query, stream)
      : await functionTransform(runtime, transform.fn, stream);
  } catch (error) {
    if (error instanceof TransformQueryError) {
      throw new TableError(
        `its ${transform.type === "sql" ? "SQL" : "function"} transform cannot run: ${error.message}`,
      );
    }
    throw error;
  }
}

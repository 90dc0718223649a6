/**
 * Loading BigQuery through its REST API v2 with a service account's token: the shared
 * warehouse writer (../warehouse/sql-writer.ts) with BigQuery's dialect. Datasets are created
 * with `datasets.insert` (409: it exists), tables are described with `tables.get`, and every
 * script — DDL, the staged MERGE, deletes — is one multi-statement GoogleSQL query
 * (`jobs.query`, named `@p<n>` parameters typed as the target column), so its `CREATE TEMP
 * TABLE` stage lives as long as the script. A query that does not finish within the call is
 * polled with `jobs.get` until DONE; its `errorResult` fails the table it was writing.
 *
 * Names: BigQuery column names are letters, digits and underscores, starting with a letter or
 * an underscore, at most 300 characters; others are rewritten (`-`, spaces… become `_`, a
 * leading digit gets `_`), as Fivetran does. Dataset names follow the same rule.
 */
import { TableError } from "../../errors";
import type { Column, ConnectorContext, DestinationCapabilities, Value } from "../../protocol";
import { ServiceAccountTokens } from "../../toolkit/google-auth";
import { bearerAuth, HttpClient } from "../../toolkit/http-client";
import { base64Bytes, clockFromText, microsText, numberValue, wallClockText } from "../../toolkit/read-back";
import {
  type Param,
  type Script,
  STAGE,
  type WarehouseColumn,
  type WarehouseDialect,
  WarehouseWriter,
  type Widening,
  widenDecimal,
} from "../warehouse/sql-writer";

export const BIGQUERY_API = "https://bigquery.googleapis.com/bigquery/v2";
const SCOPE = "https://www.googleapis.com/auth/bigquery";

/** BigQuery's column-name limit (characters); table and dataset names may be longer. */
export const BIGQUERY_MAX_IDENTIFIER = 300;
/** GoogleSQL's longest query text (1024K characters); parameters are budgeted inside it too. */
export const BIGQUERY_MAX_QUERY = 1024 * 1024;

export const BIGQUERY_CAPABILITIES: DestinationCapabilities = {
  identifiers: { maxLength: BIGQUERY_MAX_IDENTIFIER, caseInsensitive: true, reservedSchemaPrefixes: [] },
  codecs: [],
  replaceRangeKeyTypes: [],
  deletes: true,
  transactions: false,
  syncModes: ["soft_delete", "live", "history"],
  unchangedValues: true,
  // The SQL writer's migrate widens a column (ALTER, or a rebuild) when the stream's is wider.
  migrateWidens: true,
};

/** A name as BigQuery takes it: letters, digits, underscores; not starting with a digit. */
export function bigQueryName(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9_]/g, "_");
  return /^[0-9]/.test(clean) ? `_${clean}` : clean || "_";
}

/** BigQuery's type for a column. Decimals beyond BIGNUMERIC's bounds or without a precision stay exact as STRING. */
export function bigQueryType(column: Column): string {
  switch (column.type) {
    case "boolean":
      return "BOOL";
    case "int":
    case "long":
      return "INT64";
    case "float":
      return "FLOAT64";
    case "decimal":
      return column.precision ? (decimalType(column.precision, column.scale ?? 0) ?? "STRING") : "STRING";
    case "date":
      return "DATE";
    case "time":
      return column.sourceType.includes("with time zone") ? "STRING" : "TIME";
    case "timestamp":
      return "DATETIME";
    case "timestamptz":
      return "TIMESTAMP";
    case "json":
    case "array":
      return "JSON";
    case "binary":
      return "BYTES";
    default:
      return "STRING";
  }
}

const DECIMAL = /^(BIG)?NUMERIC\((\d+),(\d+)\)$/;

/** The decimal type of a shape: NUMERIC while it fits (scale ≤ 9, 29 integer digits), else BIGNUMERIC. */
function decimalType(precision: number, scale: number): string | undefined {
  if (scale <= 9 && precision - scale <= 29) return `NUMERIC(${Math.max(precision, 1)},${scale})`;
  if (scale <= 38 && precision - scale <= 38) return `BIGNUMERIC(${Math.max(precision, 1)},${scale})`;
  return undefined;
}

/**
 * How a BigQuery column of type `from` takes values of type `to`, along Fivetran's type
 * hierarchy: ALTER COLUMN SET DATA TYPE where BigQuery allows it (INT64 → NUMERIC, BIGNUMERIC
 * or FLOAT64; NUMERIC → BIGNUMERIC or FLOAT64; a precision up at the same scale), else rebuilt
 * to a type holding both; STRING holds all.
 */
export function bigQueryWiden(from: string, to: string): Widening {
  if (from === to) return { how: "same" };
  const shape = (type: string) => {
    if (type === "INT64") return { precision: 19, scale: 0 };
    const m = DECIMAL.exec(type);
    return m ? { precision: Number(m[2]), scale: Number(m[3]) } : undefined;
  };
  const a = shape(from);
  const b = shape(to);
  if (a && b) {
    const w = widenDecimal(a, b, (scale) => (scale <= 9 ? 38 : 76));
    const type = w?.how === "widen" ? decimalType(w.shape.precision, w.shape.scale) : undefined;
    if (w?.how === "keep") return w;
    if (!type) return { how: "rebuild", type: "STRING" };
    const inPlace = from === "INT64" ? w?.how === "widen" : w?.how === "widen" && w.shape.scale === a.scale;
    return { how: inPlace ? "alter" : "rebuild", type };
  }
  if (a && to === "FLOAT64") return { how: "alter", type: "FLOAT64" };
  if (from === "STRING" || (from === "FLOAT64" && b)) return { how: "keep" };
  return { how: "rebuild", type: "STRING" };
}

function base64(bytes: Uint8Array): string {
  let text = "";
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text);
}

/** The parameter type of a column type (`NUMERIC(12,2)` → NUMERIC). */
function paramType(type: string): string {
  return type.replace(/\(.*$/, "");
}

/** A value as a BigQuery query parameter's text, for a column of `type`. */
export function bigQueryText(value: Value, type: string): string | null {
  if (value === null) return null;
  if (value instanceof Uint8Array) {
    return type === "BYTES" ? base64(value) : [...value].map((b) => b.toString(16).padStart(2, "0")).join("");
  }
  if (typeof value === "number" && !Number.isFinite(value)) {
    return Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
  }
  return String(value);
}

export interface BigQueryWriterConfig {
  project_id: string;
  data_set_location?: string;
  secret_key?: string;
}

/** A query BigQuery refused (HTTP 400, or a job's errorResult). */
class Rejected extends Error {}

interface GoogleErrorBody {
  error?: { message?: string; status?: string; errors?: { reason?: string; message?: string }[] };
}

interface QueryAnswer {
  jobComplete?: boolean;
  jobReference?: { projectId: string; jobId: string; location?: string };
  numDmlAffectedRows?: string;
  errors?: { message?: string }[];
  /** A query's result (jobs.query, jobs.getQueryResults): its columns and a page of rows. */
  schema?: { fields?: BigQueryField[] };
  rows?: { f?: { v?: unknown }[] }[];
  pageToken?: string;
}

/** A result column as a query's `schema.fields` names it (legacy type names: INTEGER, FLOAT, BOOLEAN, …). */
export interface BigQueryField {
  name: string;
  type: string;
}

interface JobAnswer {
  status?: { state?: string; errorResult?: { reason?: string; message?: string } };
  statistics?: { query?: { numDmlAffectedRows?: string } };
}

/** BigQuery's REST API as the dialect uses it. */
export class BigQueryApi {
  private readonly http: HttpClient;
  private readonly datasets = new Set<string>();

  constructor(
    private readonly config: BigQueryWriterConfig,
    key: { client_email: string; private_key: string; private_key_id?: string; token_uri?: string },
    ctx: ConnectorContext,
    options: { sleep?: (ms: number) => Promise<void> } = {},
  ) {
    const tokens = new ServiceAccountTokens(key, SCOPE, ctx);
    this.http = new HttpClient({
      fetch: ctx.fetch,
      signal: ctx.signal,
      vendor: "BigQuery",
      baseUrl: `${BIGQUERY_API}/projects/${encodeURIComponent(config.project_id)}/`,
      auth: bearerAuth(
        () => tokens.token(),
        async () => tokens.invalidate(),
      ),
      now: () => ctx.now(),
      sleep: options.sleep,
      errorMessage: (body) => {
        const e = (body as GoogleErrorBody | undefined)?.error;
        return e?.message ? `${e.status ? `${e.status}: ` : ""}${e.message}` : undefined;
      },
      // 400 invalidQuery and the like: the statement was refused (409 is the caller's to judge).
      classify: (response, message) =>
        response.status === 400 ? new Rejected(message ?? `HTTP ${response.status}`) : undefined,
    });
  }

  /** Creates the dataset unless it exists (once per writer). */
  async ensureDataset(dataset: string): Promise<void> {
    if (this.datasets.has(dataset)) return;
    const body = {
      datasetReference: { projectId: this.config.project_id, datasetId: dataset },
      ...(this.config.data_set_location ? { location: this.config.data_set_location } : {}),
    };
    try {
      await this.http.request("datasets", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    } catch (error) {
      if (!/HTTP 409/.test((error as Error).message)) throw error;
    }
    this.datasets.add(dataset);
  }

  /** The table's fields, or undefined when it does not exist. */
  async table(
    dataset: string,
    table: string,
  ): Promise<{ name: string; type: string; precision?: string; scale?: string }[] | undefined> {
    try {
      const answer = await this.http.json<{ schema?: { fields?: { name: string; type: string }[] } }>(
        `datasets/${encodeURIComponent(dataset)}/tables/${encodeURIComponent(table)}`,
      );
      return answer.schema?.fields ?? [];
    } catch (error) {
      if (/HTTP 404/.test((error as Error).message)) return undefined;
      throw error;
    }
  }

  /** Runs a script (jobs.query), polling jobs.get until it is DONE; the DML row count when told. */
  async query(script: Script): Promise<number | undefined> {
    const body = this.queryBody(script);
    const answer = await this.http.json<QueryAnswer>("queries", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    if (answer.jobComplete) return answer.numDmlAffectedRows ? Number(answer.numDmlAffectedRows) : undefined;
    const job = answer.jobReference;
    if (!job) throw new Rejected("BigQuery answered jobs.query without a job reference");
    for (let waits = 0; ; waits++) {
      if (waits > 0) await new Promise((r) => setTimeout(r, Math.min(25 * 2 ** waits, 2000)));
      const location = job.location ? `?location=${encodeURIComponent(job.location)}` : "";
      const state = await this.http.json<JobAnswer>(`jobs/${encodeURIComponent(job.jobId)}${location}`);
      if (state.status?.state !== "DONE") continue;
      const failed = state.status.errorResult;
      if (failed)
        throw new Rejected(`${failed.reason ? `${failed.reason}: ` : ""}${failed.message ?? "the job failed"}`);
      const rows = state.statistics?.query?.numDmlAffectedRows;
      return rows ? Number(rows) : undefined;
    }
  }

  /** A script as jobs.query's request body (GoogleSQL, named typed parameters). */
  private queryBody(script: Script) {
    return {
      query: script.statements.join(";\n"),
      useLegacySql: false,
      parameterMode: "NAMED",
      queryParameters: script.params.map((p, i) => ({
        name: `p${i}`,
        parameterType: { type: p.type },
        parameterValue: p.value === null ? {} : { value: p.value },
      })),
      timeoutMs: 10_000,
      ...(this.config.data_set_location ? { location: this.config.data_set_location } : {}),
    };
  }

  /**
   * Runs a SELECT (jobs.query) and reads its whole result: polled with jobs.getQueryResults
   * until the job is complete, then page by page (`pageToken`). TIMESTAMPs come as int64
   * microseconds (`formatOptions.useInt64Timestamp`: the default, float seconds, is not exact).
   */
  async rows(script: Script): Promise<{ fields: BigQueryField[]; rows: (string | null)[][] }> {
    const location = this.config.data_set_location;
    let answer = await this.http.json<QueryAnswer>("queries", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ...this.queryBody(script), formatOptions: { useInt64Timestamp: true } }),
    });
    const job = answer.jobReference;
    const more = (pageToken?: string) => {
      if (!job) throw new Rejected("BigQuery answered jobs.query without a job reference");
      const query = new URLSearchParams({ "formatOptions.useInt64Timestamp": "true", timeoutMs: "10000" });
      if (job.location ?? location) query.set("location", (job.location ?? location) as string);
      if (pageToken) query.set("pageToken", pageToken);
      return this.http.json<QueryAnswer>(`queries/${encodeURIComponent(job.jobId)}?${query}`);
    };
    for (let waits = 0; !answer.jobComplete; waits++) {
      if (waits > 0) await new Promise((r) => setTimeout(r, Math.min(25 * 2 ** waits, 2000)));
      answer = await more();
    }
    const fields = answer.schema?.fields ?? [];
    const rows: (string | null)[][] = [];
    for (;;) {
      for (const row of answer.rows ?? []) {
        rows.push((row.f ?? []).map((cell) => (cell.v === null || cell.v === undefined ? null : String(cell.v))));
      }
      if (!answer.pageToken) return { fields, rows };
      answer = await more(answer.pageToken);
    }
  }

  /** A refusal, retold naming the table it was writing. */
  static retell(error: unknown, label: string): unknown {
    if (error instanceof Rejected) {
      return new TableError(`BigQuery rejected a query writing ${label}: ${error.message}`, { cause: error });
    }
    return error;
  }
}

/**
 * A cell of a query result → the protocol value of `column`. BigQuery's REST API writes every
 * value as a string: INTEGER and NUMERIC their digits, FLOAT the number (`NaN`, `Infinity`),
 * BOOLEAN `true`/`false`, BYTES base64, DATE, TIME and DATETIME text (fractions as needed),
 * TIMESTAMP its microseconds since the epoch (`useInt64Timestamp`), JSON its text.
 */
export function bigQueryValue(cell: string | null, field: BigQueryField | undefined, column: Column): Value {
  if (cell === null) return null;
  switch (field?.type) {
    case "INTEGER":
    case "INT64":
    case "FLOAT":
    case "FLOAT64":
    case "NUMERIC":
    case "BIGNUMERIC":
      return numberValue(cell, column);
    case "BOOLEAN":
    case "BOOL":
      return column.type === "boolean" ? cell === "true" : cell;
    case "BYTES":
      return base64Bytes(cell);
    case "TIME":
      return clockFromText(cell);
    case "DATETIME":
      return wallClockText(cell);
    case "TIMESTAMP":
      return microsText(BigInt(cell), true);
    case "JSON":
      return JSON.stringify(JSON.parse(cell));
    default:
      return column.type === "time" ? clockFromText(cell) : cell;
  }
}

/** tables.get's field types (legacy names) → ours (bigQueryType's spelling). */
function fieldType(field: { type: string; precision?: string; scale?: string }): string {
  switch (field.type) {
    case "INTEGER":
      return "INT64";
    case "FLOAT":
      return "FLOAT64";
    case "BOOLEAN":
      return "BOOL";
    case "NUMERIC":
    case "BIGNUMERIC":
      return field.precision ? `${field.type}(${field.precision},${field.scale ?? 0})` : field.type;
    default:
      return field.type;
  }
}

export function bigQueryDialect(api: BigQueryApi): WarehouseDialect {
  const quote = (name: string) => `\`${name.replace(/[`\\]/g, (c) => `\\${c}`)}\``;
  const name = bigQueryName;
  return {
    vendor: "BigQuery",
    capabilities: BIGQUERY_CAPABILITIES,
    name,
    quote,
    table: (schema, table) => `${quote(name(schema))}.${quote(name(table))}`,
    columnType: bigQueryType,
    types: { timestamp: "TIMESTAMP", boolean: "BOOL", string: "STRING", json: "JSON" },
    jsonText: (expression) => `TO_JSON_STRING(${expression})`,
    placeholder: (n) => `@p${n}`,
    paramOverhead: 90,
    maxScriptBytes: BIGQUERY_MAX_QUERY - 50_000,
    // Unqualified: a script's temporary tables live outside any dataset.
    stage: () => quote(STAGE),
    createStage: (stage, columns) =>
      `CREATE TEMP TABLE ${stage} (${columns.map((c) => `${quote(c.name)} ${c.type}`).join(", ")})`,
    stageType: (type) => type,
    fromStage: (expression) => expression,
    toStage: (expression) => expression,
    // JSON has no equality in GoogleSQL: its canonical text is compared.
    same: (a, b, type) =>
      type === "JSON"
        ? `TO_JSON_STRING(${a}) IS NOT DISTINCT FROM TO_JSON_STRING(${b})`
        : `${a} IS NOT DISTINCT FROM ${b}`,
    param: (value, _column, type): Param => ({ type: paramType(type), value: bigQueryText(value, paramType(type)) }),
    systemParam: (type, value) => ({ type: type === "timestamp" ? "TIMESTAMP" : "STRING", value }),
    cast: (expression, type) => `CAST(${expression} AS ${type})`,
    widen: bigQueryWiden,
    alterType: (table, column, type) => `ALTER TABLE ${table} ALTER COLUMN ${column} SET DATA TYPE ${type}`,
    async createSchema(schema) {
      await api.ensureDataset(name(schema)).catch((error) => {
        throw BigQueryApi.retell(error, name(schema));
      });
    },
    async describe(schema, table): Promise<WarehouseColumn[] | undefined> {
      const fields = await api.table(name(schema), name(table));
      return fields?.map((f) => ({ name: f.name, type: fieldType(f) }));
    },
    async run(script, label) {
      try {
        return await api.query(script);
      } catch (error) {
        throw BigQueryApi.retell(error, label);
      }
    },
    async select(script, columns, label) {
      try {
        const { fields, rows } = await api.rows(script);
        return rows.map((row) => columns.map((column, i) => bigQueryValue(row[i] ?? null, fields[i], column)));
      } catch (error) {
        throw BigQueryApi.retell(error, label);
      }
    },
  };
}

/** Opens a writer for a BigQuery destination's config (its secret_key parsed by the caller). */
export function openBigQueryWriter(
  config: BigQueryWriterConfig,
  key: { client_email: string; private_key: string; private_key_id?: string; token_uri?: string },
  ctx: ConnectorContext,
  options: { sleep?: (ms: number) => Promise<void> } = {},
): WarehouseWriter {
  return new WarehouseWriter(bigQueryDialect(new BigQueryApi(config, key, ctx, options)));
}

/**
 * Loading Snowflake through its SQL API v2 (`POST /api/v2/statements`), the only Snowflake
 * interface a Worker can reach: the shared warehouse writer (../warehouse/sql-writer.ts) with
 * Snowflake's dialect. Each script is one multi-statement request (`MULTI_STATEMENT_COUNT`,
 * positional `?` bindings spanning the request), so the temporary stage table lives in that
 * request's session. An answer 202 (still running) is polled at its `statementStatusUrl`; a
 * multi-statement answer's last child is read for the MERGE's row counts.
 *
 * Names are folded to upper case (what Snowflake makes of unquoted names, so users can query
 * `SELECT id FROM schema.table`) and always quoted; at most 255 characters.
 */
import { AuthError, TableError } from "../../errors";
import type { Column, ConnectorContext, DestinationCapabilities, Value } from "../../protocol";
import { HttpClient } from "../../toolkit/http-client";
import {
  clockFromText,
  clockText,
  daysText,
  hexBytes,
  microsText,
  numberValue,
  secondsMicros,
} from "../../toolkit/read-back";
import {
  keyPairJwt,
  loadPrivateKey,
  SNOWFLAKE_USER_AGENT,
  type SnowflakeAuth,
  type SnowflakeTarget,
  statementsUrl,
} from "../../toolkit/snowflake-auth";
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

/** Snowflake's identifier limit (characters). */
export const SNOWFLAKE_MAX_IDENTIFIER = 255;
/**
 * The largest request sent: Snowflake refuses SQL text over 1 MB; the bindings travel in the
 * same JSON body, so the whole script stays under it.
 */
export const SNOWFLAKE_MAX_REQUEST = 1_000_000;

export const SNOWFLAKE_CAPABILITIES: DestinationCapabilities = {
  identifiers: { maxLength: SNOWFLAKE_MAX_IDENTIFIER, caseInsensitive: true, reservedSchemaPrefixes: [] },
  codecs: [],
  replaceRangeKeyTypes: [],
  deletes: true,
  transactions: false,
  syncModes: ["soft_delete", "live", "history"],
  unchangedValues: true,
  // The SQL writer's migrate widens a column (ALTER, or a rebuild) when the stream's is wider.
  migrateWidens: true,
};

/** Snowflake's type for a column. Decimals beyond NUMBER(38) or without a precision stay exact as text. */
export function snowflakeType(column: Column): string {
  switch (column.type) {
    case "boolean":
      return "BOOLEAN";
    // Sized as the source's integers (INTEGER would be NUMBER(38,0)), so widening to a decimal
    // keeps a NUMBER: int → NUMBER(12,2) holds both, NUMBER(38,0) → NUMBER(12,2) does not.
    case "int":
      return "NUMBER(10,0)";
    case "long":
      return "NUMBER(19,0)";
    case "float":
      return "FLOAT";
    case "decimal":
      return column.precision && column.precision <= 38
        ? `NUMBER(${column.precision},${column.scale ?? 0})`
        : "VARCHAR";
    case "date":
      return "DATE";
    case "time":
      return column.sourceType.includes("with time zone") ? "VARCHAR" : "TIME(6)";
    case "timestamp":
      return "TIMESTAMP_NTZ(6)";
    case "timestamptz":
      return "TIMESTAMP_TZ(6)";
    case "json":
    case "array":
      return "VARIANT";
    case "binary":
      return "BINARY";
    default:
      return "VARCHAR";
  }
}

const NUMBER = /^NUMBER\((\d+),(\d+)\)$/;

/**
 * How a Snowflake column of type `from` takes values of type `to`, along Fivetran's type
 * hierarchy (integer → decimal → float → text): in place only for a NUMBER's precision at the
 * same scale (all Snowflake alters), else rebuilt to a type holding both; VARCHAR holds all.
 */
export function snowflakeWiden(from: string, to: string): Widening {
  if (from === to) return { how: "same" };
  const a = NUMBER.exec(from);
  const b = NUMBER.exec(to);
  if (a && b) {
    const shape = (m: RegExpExecArray) => ({ precision: Number(m[1]), scale: Number(m[2]) });
    const w = widenDecimal(shape(a), shape(b), () => 38);
    if (!w) return { how: "rebuild", type: "VARCHAR" };
    if (w.how === "keep") return w;
    const type = `NUMBER(${w.shape.precision},${w.shape.scale})`;
    return { how: w.shape.scale === shape(a).scale ? "alter" : "rebuild", type };
  }
  if (from === "VARCHAR" || (from === "FLOAT" && b)) return { how: "keep" };
  if (a && to === "FLOAT") return { how: "rebuild", type: "FLOAT" };
  return { how: "rebuild", type: "VARCHAR" };
}

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A value as Snowflake parses it from text (bindings are TEXT; Snowflake casts to the column's type). */
export function snowflakeText(value: Value): string | null {
  if (value === null) return null;
  if (value instanceof Uint8Array) return hex(value);
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "NaN";
    if (value === Number.POSITIVE_INFINITY) return "inf";
    if (value === Number.NEGATIVE_INFINITY) return "-inf";
  }
  return String(value);
}

/** Snowflake's answer body, as far as the writer reads it. */
interface SnowflakeBody {
  code?: string;
  message?: string;
  sqlState?: string;
  statementHandle?: string;
  statementHandles?: string[];
  statementStatusUrl?: string;
  data?: (string | null)[][];
  resultSetMetaData?: { numRows?: number; partitionInfo?: unknown[]; rowType?: SnowflakeRowType[] };
}

/** A result column as a ResultSet's `rowType` describes it. */
export interface SnowflakeRowType {
  name: string;
  /** `fixed`, `real`, `text`, `boolean`, `date`, `time`, `timestamp_ntz|ltz|tz`, `binary`, `variant`, … */
  type?: string;
  scale?: number | null;
}

export interface SnowflakeWriterConfig extends SnowflakeTarget {
  user: string;
  auth: "PASSWORD" | "KEY_PAIR";
  password?: string;
  private_key?: string;
  is_private_key_encrypted?: boolean;
  passphrase?: string;
}

/** A statement Snowflake refused (HTTP 422): names the table the writer was loading. */
class Rejected extends Error {}

/** The SQL API as the dialect uses it: auth, retries (429, 5xx), async polling, partitions. */
export class SnowflakeSql {
  private token: { auth: SnowflakeAuth; mintedAt: number } | undefined;
  private readonly http: HttpClient;

  constructor(
    private readonly config: SnowflakeWriterConfig,
    private readonly ctx: ConnectorContext,
    options: { sleep?: (ms: number) => Promise<void> } = {},
  ) {
    this.http = new HttpClient({
      fetch: ctx.fetch,
      signal: ctx.signal,
      vendor: "Snowflake",
      headers: { "User-Agent": SNOWFLAKE_USER_AGENT, Accept: "application/json" },
      auth: {
        apply: async (headers) => {
          const auth = await this.auth();
          headers.set("Authorization", `Bearer ${auth.token}`);
          headers.set("X-Snowflake-Authorization-Token-Type", auth.type);
        },
        refresh: async () => {
          this.token = undefined;
        },
      },
      now: () => ctx.now(),
      sleep: options.sleep,
      classify: (response, message) =>
        response.status === 422 ? new Rejected(message ?? `HTTP ${response.status}`) : undefined,
      errorMessage: (body) => {
        const b = body as SnowflakeBody | undefined;
        return b?.message ? `${b.message}${b.code ? ` (code ${b.code})` : ""}` : undefined;
      },
    });
  }

  /** A key-pair JWT (re-signed after 50 minutes; it lives 59) or the programmatic access token. */
  private async auth(): Promise<SnowflakeAuth> {
    const now = this.ctx.now().getTime();
    if (this.token && now - this.token.mintedAt < 50 * 60_000) return this.token.auth;
    const c = this.config;
    let auth: SnowflakeAuth;
    if (c.auth === "PASSWORD") auth = { token: c.password ?? "", type: "PROGRAMMATIC_ACCESS_TOKEN" };
    else {
      try {
        const key = await loadPrivateKey(c.private_key ?? "", c.is_private_key_encrypted ? c.passphrase : undefined);
        auth = { token: await keyPairJwt(c, key, this.ctx.now()), type: "KEYPAIR_JWT" };
      } catch (error) {
        throw new AuthError((error as Error).message);
      }
    }
    this.token = { auth, mintedAt: now };
    return auth;
  }

  private url(path = ""): string {
    return `${statementsUrl(this.config)}${path}`;
  }

  /** Submits statements (one request) with `?` bindings; returns the rows of the last one. */
  async execute(statements: string[], params: Param[]): Promise<(string | null)[][]> {
    return (await this.query(statements, params)).rows;
  }

  /** As `execute`, with the last statement's result columns (`rowType`): how to read its cells. */
  async query(
    statements: string[],
    params: Param[],
  ): Promise<{ rowType: SnowflakeRowType[]; rows: (string | null)[][] }> {
    const c = this.config;
    const body = {
      statement: statements.join(";\n"),
      timeout: 600,
      database: c.database,
      ...(c.role ? { role: c.role } : {}),
      ...(c.warehouse ? { warehouse: c.warehouse } : {}),
      ...(params.length
        ? { bindings: Object.fromEntries(params.map((p, i) => [String(i + 1), { type: p.type, value: p.value }])) }
        : {}),
      ...(statements.length > 1 ? { parameters: { MULTI_STATEMENT_COUNT: String(statements.length) } } : {}),
    };
    const text = JSON.stringify(body);
    if (new TextEncoder().encode(text).length > SNOWFLAKE_MAX_REQUEST) {
      throw new Rejected(`a request of ${text.length} bytes is over Snowflake's ${SNOWFLAKE_MAX_REQUEST}-byte limit`);
    }
    // The HTTP client resends this same URL after a 429 or 5xx: with `retry=true` Snowflake does
    // not run a request id it already ran (on a first submission the flag changes nothing).
    const requestId = crypto.randomUUID();
    let answer = await this.poll(
      await this.http.json<SnowflakeBody>(this.url(`?requestId=${requestId}&retry=true`), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: text,
      }),
    );
    const children = answer.statementHandles;
    if (children && children.length > 0) {
      answer = await this.poll(await this.http.json<SnowflakeBody>(this.url(`/${children[children.length - 1]}`)));
    }
    return { rowType: answer.resultSetMetaData?.rowType ?? [], rows: await this.rows(answer) };
  }

  /** Waits out a 202 (code 333334: still running) by polling the statement's status. */
  private async poll(answer: SnowflakeBody): Promise<SnowflakeBody> {
    let current = answer;
    for (let waits = 0; current.code === "333334" && current.statementHandle; waits++) {
      // The first status check at once, then backing off up to 2 s between checks.
      if (waits > 0) await new Promise((r) => setTimeout(r, Math.min(25 * 2 ** waits, 2000)));
      current = await this.http.json<SnowflakeBody>(this.url(`/${current.statementHandle}`));
    }
    return current;
  }

  /** Every partition's rows (partition 0 comes with the answer). */
  private async rows(answer: SnowflakeBody): Promise<(string | null)[][]> {
    const rows = [...(answer.data ?? [])];
    const partitions = answer.resultSetMetaData?.partitionInfo?.length ?? 1;
    for (let p = 1; p < partitions; p++) {
      const page = await this.http.json<SnowflakeBody>(this.url(`/${answer.statementHandle}?partition=${p}`));
      rows.push(...(page.data ?? []));
    }
    return rows;
  }

  /** The rejection of a statement, retold naming the table it was writing. */
  static retell(error: unknown, label: string): unknown {
    if (error instanceof Rejected) {
      return new TableError(`Snowflake rejected a statement writing ${label}: ${error.message}`, { cause: error });
    }
    return error;
  }
}

/**
 * A cell of a `jsonv2` result → the protocol value of `column`. Every cell is a string
 * (Snowflake's "Handling responses"): FIXED its digits, REAL the number (`inf`, `NaN`),
 * BOOLEAN `true`/`false`, DATE days since the epoch, TIME seconds since midnight and
 * TIMESTAMP_NTZ/LTZ seconds since the epoch (with up to 9 decimals), TIMESTAMP_TZ those seconds
 * (UTC), a space and the zone's offset in minutes plus 1440, BINARY hex, VARIANT JSON text.
 */
export function snowflakeValue(cell: string | null, type: SnowflakeRowType | undefined, column: Column): Value {
  if (cell === null) return null;
  switch (type?.type?.toLowerCase()) {
    case "fixed":
    case "real":
      return numberValue(cell, column);
    case "boolean":
      return column.type === "boolean" ? cell === "true" : cell;
    case "date":
      return daysText(Number(cell));
    case "time":
      return clockText(secondsMicros(cell));
    case "timestamp_ntz":
      return microsText(secondsMicros(cell), false);
    case "timestamp_ltz":
    case "timestamp_tz":
      return microsText(secondsMicros(cell.split(" ")[0] as string), true);
    case "binary":
      return hexBytes(cell);
    case "variant":
    case "object":
    case "array":
      return JSON.stringify(JSON.parse(cell));
    default:
      // Text: what a VARCHAR holds (unbounded decimals, zoned times, widened columns) as it is.
      return column.type === "time" ? clockFromText(cell) : cell;
  }
}

/** Snowflake's INFORMATION_SCHEMA type spelling → ours (snowflakeType's). */
function describedType(row: (string | null)[]): string {
  const [, type, precision, scale] = row;
  switch (type) {
    case "NUMBER":
      return `NUMBER(${precision ?? 38},${scale ?? 0})`;
    case "TEXT":
      return "VARCHAR";
    case "TIME":
      return "TIME(6)";
    case "TIMESTAMP_NTZ":
      return "TIMESTAMP_NTZ(6)";
    case "TIMESTAMP_TZ":
      return "TIMESTAMP_TZ(6)";
    default:
      return type ?? "VARCHAR";
  }
}

export function snowflakeDialect(sql: SnowflakeSql): WarehouseDialect {
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const name = (n: string) => n.toUpperCase();
  const text = (value: string | null): Param => ({ type: "TEXT", value });
  return {
    vendor: "Snowflake",
    capabilities: SNOWFLAKE_CAPABILITIES,
    name,
    quote,
    table: (schema, table) => `${quote(name(schema))}.${quote(name(table))}`,
    columnType: snowflakeType,
    types: { timestamp: "TIMESTAMP_TZ(6)", boolean: "BOOLEAN", string: "VARCHAR", json: "VARIANT" },
    jsonText: (expression) => `TO_JSON(${expression})`,
    placeholder: () => "?",
    paramOverhead: 40,
    maxScriptBytes: SNOWFLAKE_MAX_REQUEST - 50_000,
    // Qualified: a SQL API session has a database but no current schema to create it in.
    stage: (schema) => `${quote(name(schema))}.${quote(STAGE)}`,
    createStage: (stage, columns) =>
      `CREATE TEMPORARY TABLE ${stage} (${columns.map((c) => `${quote(c.name)} ${c.type}`).join(", ")})`,
    stageType: (type) => (type === "VARIANT" ? "VARCHAR" : type),
    fromStage: (expression, type) => (type === "VARIANT" ? `PARSE_JSON(${expression})` : expression),
    toStage: (expression, type) => (type === "VARIANT" ? `TO_JSON(${expression})` : expression),
    same: (a, b) => `EQUAL_NULL(${a}, ${b})`,
    param: (value) => text(snowflakeText(value)),
    systemParam: (_type, value) => text(value),
    cast: (expression, type) => `CAST(${expression} AS ${type})`,
    widen: snowflakeWiden,
    alterType: (table, column, type) => `ALTER TABLE ${table} ALTER COLUMN ${column} SET DATA TYPE ${type}`,
    async createSchema(schema) {
      await sql.execute([`CREATE SCHEMA IF NOT EXISTS ${quote(name(schema))}`], []).catch((error) => {
        throw SnowflakeSql.retell(error, name(schema));
      });
    },
    async describe(schema, table): Promise<WarehouseColumn[] | undefined> {
      const rows = await sql.execute(
        [
          "SELECT COLUMN_NAME, DATA_TYPE, NUMERIC_PRECISION, NUMERIC_SCALE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION",
        ],
        [text(name(schema)), text(name(table))],
      );
      if (rows.length === 0) return undefined;
      return rows.map((r) => ({ name: r[0] ?? "", type: describedType(r) }));
    },
    async run(script: Script, label: string) {
      try {
        const rows = await sql.execute(script.statements, script.params);
        // A MERGE answers (rows inserted, rows updated[, rows deleted]); UPDATE and DELETE one count.
        const counts = rows[0]?.map(Number).filter((n) => Number.isFinite(n));
        return counts && counts.length > 0 ? counts.reduce((a, b) => a + b, 0) : undefined;
      } catch (error) {
        throw SnowflakeSql.retell(error, label);
      }
    },
    async select(script: Script, columns, label) {
      try {
        const { rowType, rows } = await sql.query(script.statements, script.params);
        return rows.map((row) => columns.map((column, i) => snowflakeValue(row[i] ?? null, rowType[i], column)));
      } catch (error) {
        throw SnowflakeSql.retell(error, label);
      }
    },
  };
}

/** Opens a writer for a Snowflake destination's config. */
export function openSnowflakeWriter(
  config: SnowflakeWriterConfig,
  ctx: ConnectorContext,
  options: { sleep?: (ms: number) => Promise<void> } = {},
): WarehouseWriter {
  return new WarehouseWriter(snowflakeDialect(new SnowflakeSql(config, ctx, options)));
}

/**
 * A fake of Snowflake's SQL API v2 (`POST https://<account>.snowflakecomputing.com/api/v2/statements`)
 * after its documented contract. Key-pair JWTs (`X-Snowflake-Authorization-Token-Type:
 * KEYPAIR_JWT`) are verified like Snowflake does: `sub` = ACCOUNT.USER, `iss` =
 * ACCOUNT.USER.SHA256:<fingerprint of the user's public key>, RS256 signature, at most one
 * hour of validity. Programmatic access tokens go with `PROGRAMMATIC_ACCESS_TOKEN`. A
 * User-Agent is required. Errors are `{code, message, sqlState?}`: 401 390144 for a bad
 * JWT, 422 for SQL errors, 429 when throttled. It answers the context query
 * (`SELECT CURRENT_VERSION(), CURRENT_ROLE(), CURRENT_WAREHOUSE(), CURRENT_DATABASE()`).
 *
 * Tables (`tables`) live in memory as the SQL API's own value text, and the fake answers the
 * statements the source reader sends, evaluating them as Snowflake would: discovery from
 * INFORMATION_SCHEMA.COLUMNS/TABLES, `SHOW PRIMARY KEYS IN DATABASE`, `SELECT MAX("c")`, and
 * `SELECT "cols" FROM "s"."t" [WHERE …] [ORDER BY …] [LIMIT n]` whose WHERE is comparisons of
 * columns with `?` bindings (bare, or in `TO_DATE(?, 'YYYY-MM-DD')` /
 * `TO_TIMESTAMP_NTZ|LTZ|TZ(?, 'YYYY-MM-DD HH24:MI:SS.FF9[ TZH:TZM]')`) joined by AND / OR and
 * parentheses, compared by the columns' types. It rejects what Snowflake rejects: a `?` without
 * a binding (002049), a binding without a `?`, a FIXED value that is not a number (100038), a
 * timestamp that does not match its format (100035), an unknown object (002003), a database the
 * role cannot use (002043), a statement it cannot answer (001003). Results come in partitions
 * of `partitionRows` rows (`partitionInfo`, `GET …/statements/{handle}?partition=N`); with
 * `state.asyncPolls` a statement answers 202 and its handle that many polls, then 200; with
 * `state.throttle` that many requests answer 429 with `Retry-After`.
 */
import { decodeJwt, importSPKI, jwtVerify } from "jose";
import { FakeRouter, json } from "./fake-router";

export interface SnowflakeUser {
  /** SPKI PEM of the RSA public key set with ALTER USER … SET RSA_PUBLIC_KEY. */
  publicKey?: string;
  /** Programmatic access tokens of the user. */
  tokens?: string[];
  defaultRole: string;
  defaultWarehouse?: string;
  /** Databases the user's role may use. */
  databases: string[];
  warehouses: string[];
}

/** A column of a fake table, as INFORMATION_SCHEMA.COLUMNS describes it. */
export interface FakeColumn {
  name: string;
  /** DATA_TYPE: NUMBER, FLOAT, TEXT, BOOLEAN, DATE, TIME, TIMESTAMP_NTZ/LTZ/TZ, VARIANT, OBJECT, ARRAY, BINARY. */
  type: string;
  precision?: number;
  scale?: number;
  nullable?: boolean;
}

/** A table: its columns, declared primary key and rows (values as the SQL API's text). */
export interface FakeTable {
  columns: FakeColumn[];
  primaryKey?: string[];
  rows: (string | null)[][];
}

export interface SnowflakeFakeOptions {
  /** Account identifier as in the JWT (`XY12345`, `MYORG-MYACCOUNT`). */
  account: string;
  /** Users by upper-cased name. */
  users: Record<string, SnowflakeUser>;
  now: () => Date;
  /** Tables of each database (`DATABASE` → `SCHEMA.TABLE` → table). */
  databases?: Record<string, Record<string, FakeTable>>;
  /** Rows per result partition (default 1000). */
  partitionRows?: number;
}

function error(status: number, code: string, message: string, extra: Record<string, unknown> = {}, headers = {}) {
  return json({ code, message, ...extra }, status, headers);
}

/** `SHA256:` + base64 of the SHA-256 of the DER-encoded public key. */
export async function fingerprint(spkiPem: string): Promise<string> {
  const base64 = spkiPem.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, "");
  const der = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", der));
  return `SHA256:${btoa(String.fromCharCode(...digest))}`;
}

function unquote(name: string): string {
  return name.startsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name.toUpperCase();
}

export function createSnowflakeFake(options: SnowflakeFakeOptions) {
  const state = {
    rateLimitRetryAfter: undefined as number | undefined,
    /** The next this many requests answer 429 with Retry-After 1. */
    throttle: 0,
    /** The next statement answers 202, then its status this many more polls, then 200. */
    asyncPolls: 0,
  };
  /** Every statement run, with its bindings (for assertions). */
  const statements: { statement: string; bindings: Record<string, { type: string; value: string }> }[] = [];
  const results = new Map<
    string,
    { body: Record<string, unknown>; partitions: (string | null)[][][]; polls: number }
  >();
  const router = new FakeRouter(["*.snowflakecomputing.com"], () => error(404, "390404", "Not found"));
  let user: SnowflakeUser | undefined;

  router.use(async ({ request }) => {
    if (!request.headers.get("User-Agent")) return error(400, "391903", "User-Agent header is required.");
    const type = request.headers.get("X-Snowflake-Authorization-Token-Type");
    const token = (request.headers.get("Authorization") ?? "").replace(/^Bearer /, "");
    user = undefined;
    if (type === "KEYPAIR_JWT") {
      try {
        const claims = decodeJwt(token);
        const [account, name = ""] = String(claims.sub ?? "").split(".");
        const candidate = account === options.account ? options.users[name] : undefined;
        if (!candidate?.publicKey) throw new Error("unknown user");
        if (claims.iss !== `${claims.sub}.${await fingerprint(candidate.publicKey)}`)
          throw new Error("wrong fingerprint");
        const { payload } = await jwtVerify(token, await importSPKI(candidate.publicKey, "RS256"), {
          currentDate: options.now(),
        });
        if ((payload.exp ?? 0) - (payload.iat ?? 0) > 3600) throw new Error("lifetime over an hour");
        user = candidate;
      } catch {
        return error(401, "390144", "JWT token is invalid.");
      }
    } else if (type === "PROGRAMMATIC_ACCESS_TOKEN") {
      user = Object.values(options.users).find((u) => u.tokens?.includes(token));
      if (!user) return error(401, "394400", "Programmatic access token is invalid.");
    } else {
      return error(401, "390101", "Authorization header not formatted correctly.");
    }
    if (state.rateLimitRetryAfter !== undefined) {
      return error(429, "390505", "Too many requests.", {}, { "Retry-After": String(state.rateLimitRetryAfter) });
    }
    if (state.throttle > 0) {
      state.throttle--;
      return error(429, "390505", "Too many requests.", {}, { "Retry-After": "1" });
    }
    return undefined;
  });

  router.on("GET", "/api/v2/statements/:handle", ({ params, url }) => {
    const result = results.get(params.handle ?? "");
    if (!result) return error(404, "333333", "Statement not found.");
    if (result.polls > 0) {
      result.polls--;
      return json(
        {
          code: "333334",
          message:
            "Asynchronous execution in progress. Use provided query id to perform query monitoring and management.",
          statementHandle: params.handle,
          statementStatusUrl: `/api/v2/statements/${params.handle}`,
        },
        202,
      );
    }
    const partition = url.searchParams.get("partition");
    if (partition !== null && partition !== "0") {
      const rows = result.partitions[Number(partition)];
      if (!rows) return error(422, "333335", `Partition ${partition} does not exist.`);
      return json({ data: rows });
    }
    return json(result.body);
  });

  router.on("POST", "/api/v2/statements", ({ body, url, request: http }) => {
    if (!url.hostname.toUpperCase().startsWith(`${options.account}.`)) return error(404, "390404", "Account not found");
    const request = JSON.parse(body) as { statement?: string; database?: string; warehouse?: string; role?: string };
    const current = user as SnowflakeUser;
    const database = request.database ? unquote(request.database) : undefined;
    const warehouse = request.warehouse ? unquote(request.warehouse) : current.defaultWarehouse;
    if (warehouse && !current.warehouses.includes(warehouse)) {
      return error(
        422,
        "000606",
        "No active warehouse selected in the current session.  Select an active warehouse with the 'use warehouse' command.",
        {
          sqlState: "57P03",
        },
      );
    }
    if (!/^application\/json\b/.test(http.headers.get("Content-Type") ?? "")) {
      return error(415, "391904", "Unsupported media type: the request body must be application/json.");
    }
    const statement = request.statement ?? "";
    const bindings = (request as { bindings?: Record<string, { type: string; value: string }> }).bindings ?? {};
    statements.push({ statement, bindings });
    if (
      !/^SELECT CURRENT_VERSION\(\), CURRENT_ROLE\(\), CURRENT_WAREHOUSE\(\), CURRENT_DATABASE\(\)$/.test(statement)
    ) {
      if (!database || !current.databases.includes(database) || !options.databases?.[database]) {
        return error(
          422,
          "002043",
          `SQL compilation error:\nDatabase '${database ?? ""}' does not exist or not authorized.`,
          {
            sqlState: "02000",
          },
        );
      }
      let answer: { rowType: RowType[]; rows: (string | null)[][] };
      try {
        answer = execute(options.databases[database], database, statement, bindings, Boolean(warehouse));
      } catch (e) {
        if (e instanceof SqlError) return error(422, e.code, e.message, { sqlState: e.sqlState });
        throw e;
      }
      const size = options.partitionRows ?? 1000;
      const partitions: (string | null)[][][] = [];
      for (let k = 0; k < answer.rows.length; k += size) partitions.push(answer.rows.slice(k, k + size));
      if (partitions.length === 0) partitions.push([]);
      const handle = crypto.randomUUID();
      const body = {
        resultSetMetaData: {
          numRows: answer.rows.length,
          format: "jsonv2",
          rowType: answer.rowType,
          partitionInfo: partitions.map((p) => ({ rowCount: p.length, uncompressedSize: JSON.stringify(p).length })),
        },
        data: partitions[0],
        code: "090001",
        sqlState: "00000",
        statementHandle: handle,
        statementStatusUrl: `/api/v2/statements/${handle}`,
        message: "Statement executed successfully.",
        createdOn: options.now().getTime(),
      };
      const polls = state.asyncPolls;
      state.asyncPolls = 0;
      results.set(handle, { body, partitions, polls: Math.max(0, polls - 1) });
      if (polls > 0) {
        return json(
          {
            code: "333334",
            message:
              "Asynchronous execution in progress. Use provided query id to perform query monitoring and management.",
            statementHandle: handle,
            statementStatusUrl: `/api/v2/statements/${handle}`,
          },
          202,
        );
      }
      return json(body);
    }
    return json({
      resultSetMetaData: { numRows: 1, format: "jsonv2", rowType: [] },
      data: [
        [
          "9.1.0",
          request.role ? unquote(request.role) : current.defaultRole,
          warehouse ?? null,
          database && current.databases.includes(database) ? database : null,
        ],
      ],
      code: "090001",
      sqlState: "00000",
      statementHandle: crypto.randomUUID(),
      message: "Statement executed successfully.",
      createdOn: options.now().getTime(),
    });
  });

  return { fetch: router.fetch, requests: router.requests, state, statements };
}

// ---------------------------------------------------------------------------------------
// The statements the source reader sends, evaluated over in-memory tables.

interface RowType {
  name: string;
  type: string;
  precision?: number | null;
  scale?: number | null;
  nullable: boolean;
}

class SqlError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly sqlState = "42000",
  ) {
    super(message);
  }
}

/** INFORMATION_SCHEMA's DATA_TYPE → rowType's type. */
function apiType(column: FakeColumn): string {
  return column.type === "NUMBER" ? "fixed" : column.type === "FLOAT" ? "real" : column.type.toLowerCase();
}

function rowType(column: FakeColumn, name = column.name): RowType {
  return {
    name,
    type: apiType(column),
    precision: column.type === "NUMBER" ? (column.precision ?? 38) : null,
    scale: column.type === "NUMBER" ? (column.scale ?? 0) : null,
    nullable: column.nullable ?? true,
  };
}

const text = (name: string): RowType => ({ name, type: "text", nullable: true });
const fixed = (name: string): RowType => ({ name, type: "fixed", precision: 38, scale: 0, nullable: true });

const DISCOVERY =
  "SELECT c.TABLE_SCHEMA, c.TABLE_NAME, c.COLUMN_NAME, c.DATA_TYPE, c.NUMERIC_PRECISION, c.NUMERIC_SCALE, c.IS_NULLABLE " +
  "FROM INFORMATION_SCHEMA.COLUMNS c JOIN INFORMATION_SCHEMA.TABLES t " +
  "ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME " +
  "WHERE t.TABLE_TYPE = 'BASE TABLE' AND c.TABLE_SCHEMA <> 'INFORMATION_SCHEMA' " +
  "ORDER BY c.TABLE_SCHEMA, c.TABLE_NAME, c.ORDINAL_POSITION";

const IDENT = '"((?:[^"]|"")+)"';
const unq = (q: string) => q.replace(/""/g, '"');

/** Compares decimal digit strings exactly. */
function compareDecimal(a: string, b: string): number {
  const parse = (v: string) => {
    const negative = v.startsWith("-");
    const [int = "0", frac = ""] = v.replace(/^[-+]/, "").split(".");
    return { negative, int: int.replace(/^0+(?=\d)/, ""), frac: frac.replace(/0+$/, "") };
  };
  const x = parse(a);
  const y = parse(b);
  const zero = (p: { int: string; frac: string }) => p.int === "0" && p.frac === "";
  if (zero(x) && zero(y)) return 0;
  if (x.negative !== y.negative) return x.negative ? -1 : 1;
  const sign = x.negative ? -1 : 1;
  if (x.int.length !== y.int.length) return sign * (x.int.length - y.int.length);
  if (x.int !== y.int) return sign * (x.int < y.int ? -1 : 1);
  const width = Math.max(x.frac.length, y.frac.length);
  const fx = x.frac.padEnd(width, "0");
  const fy = y.frac.padEnd(width, "0");
  return fx === fy ? 0 : sign * (fx < fy ? -1 : 1);
}

/** API text of a timestamp (`secs.fffffffff[ offset]`) → nanoseconds since the epoch. */
function nanosOf(value: string): bigint {
  const [seconds = "0"] = value.split(" ");
  const negative = seconds.startsWith("-");
  const [whole = "0", fraction = ""] = seconds.replace("-", "").split(".");
  const n = BigInt(whole) * 1_000_000_000n + BigInt(fraction.padEnd(9, "0").slice(0, 9));
  return negative ? -n : n;
}

/** Compares two values of a column, both in the API's text. */
function compare(column: FakeColumn, a: string, b: string): number {
  switch (column.type) {
    case "NUMBER":
      return compareDecimal(a, b);
    case "FLOAT":
    case "DATE":
    case "TIME":
      return Number(a) - Number(b);
    case "BOOLEAN":
      return Number(a === "true") - Number(b === "true");
    case "TIMESTAMP_NTZ":
    case "TIMESTAMP_LTZ":
    case "TIMESTAMP_TZ": {
      const x = nanosOf(a);
      const y = nanosOf(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    default:
      return a < b ? -1 : a > b ? 1 : 0;
  }
}

type Operand = { fn?: string; format?: string; index: number };
type Expr = { kind: "and" | "or"; parts: Expr[] } | { kind: "cmp"; column: string; op: string; operand: Operand };

/** Parses a WHERE clause of comparisons `"col" op ?|FN(?, 'fmt')` with AND, OR and parentheses. */
function parseWhere(source: string): { expr: Expr; placeholders: number } {
  const tokens = source.match(/"(?:[^"]|"")+"|'(?:[^']|'')*'|>=|<=|<>|[=<>(),?]|[A-Za-z_][A-Za-z0-9_]*|\S/g) ?? [];
  let at = 0;
  let placeholders = 0;
  const peek = () => tokens[at];
  const take = (want?: string) => {
    const token = tokens[at++];
    if (token === undefined || (want !== undefined && token.toUpperCase() !== want)) {
      throw new SqlError("001003", `SQL compilation error:\nsyntax error unexpected '${token ?? "<EOF>"}'.`);
    }
    return token;
  };
  const operand = (): Operand => {
    const token = take();
    if (token === "?") return { index: ++placeholders };
    const fn = token.toUpperCase();
    if (!["TO_DATE", "TO_TIMESTAMP_NTZ", "TO_TIMESTAMP_LTZ", "TO_TIMESTAMP_TZ"].includes(fn)) {
      throw new SqlError("001003", `SQL compilation error:\nunsupported expression '${token}' in this fake`);
    }
    take("(");
    take("?");
    const index = ++placeholders;
    take(",");
    const format = take().slice(1, -1);
    take(")");
    return { fn, format, index };
  };
  const factor = (): Expr => {
    if (peek() === "(") {
      take("(");
      const inner = disjunction();
      take(")");
      return inner;
    }
    const column = take();
    if (!column.startsWith('"'))
      throw new SqlError("001003", `SQL compilation error:\nexpected a quoted column, got '${column}'`);
    const op = take();
    if (!["=", ">", ">=", "<", "<=", "<>"].includes(op))
      throw new SqlError("001003", `SQL compilation error:\nunexpected '${op}'`);
    return { kind: "cmp", column: unq(column.slice(1, -1)), op, operand: operand() };
  };
  const conjunction = (): Expr => {
    const parts = [factor()];
    while (peek()?.toUpperCase() === "AND") {
      take();
      parts.push(factor());
    }
    return parts.length === 1 ? (parts[0] as Expr) : { kind: "and", parts };
  };
  const disjunction = (): Expr => {
    const parts = [conjunction()];
    while (peek()?.toUpperCase() === "OR") {
      take();
      parts.push(conjunction());
    }
    return parts.length === 1 ? (parts[0] as Expr) : { kind: "or", parts };
  };
  const expr = disjunction();
  if (at !== tokens.length)
    throw new SqlError("001003", `SQL compilation error:\nsyntax error unexpected '${tokens[at]}'.`);
  return { expr, placeholders };
}

const TS_NTZ = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{9})$/;
const TS_TZ = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{9}) ([+-])(\d\d):(\d\d)$/;

/** A bound value in the API's text form of `column`, as Snowflake would convert it. */
function boundValue(column: FakeColumn, operand: Operand, bind: { type: string; value: string }): string {
  const { value } = bind;
  if (!operand.fn) {
    if (bind.type === "FIXED" && !/^-?\d+(\.\d+)?$/.test(value)) {
      throw new SqlError("100038", `Numeric value '${value}' is not recognized`, "22018");
    }
    if (bind.type === "BOOLEAN" && !/^(true|false)$/i.test(value)) {
      throw new SqlError("100037", `Boolean value '${value}' is not recognized`, "22018");
    }
    if (column.type.startsWith("TIMESTAMP") || column.type === "DATE") {
      throw new SqlError("100035", `Timestamp '${value}' is not recognized`, "22007");
    }
    return value.toLowerCase() === "true" || value.toLowerCase() === "false" ? value.toLowerCase() : value;
  }
  if (bind.type !== "TEXT")
    throw new SqlError("001044", `SQL compilation error: invalid argument type for ${operand.fn}`);
  if (operand.fn === "TO_DATE") {
    if (operand.format !== "YYYY-MM-DD" || !/^\d{4}-\d\d-\d\d$/.test(value)) {
      throw new SqlError("100040", `Date '${value}' is not recognized`, "22007");
    }
    return String(Date.parse(`${value}T00:00:00Z`) / 86_400_000);
  }
  const tz = operand.fn !== "TO_TIMESTAMP_NTZ";
  const match = (tz ? TS_TZ : TS_NTZ).exec(value);
  const format = tz ? "YYYY-MM-DD HH24:MI:SS.FF9 TZH:TZM" : "YYYY-MM-DD HH24:MI:SS.FF9";
  if (!match || operand.format !== format)
    throw new SqlError("100035", `Timestamp '${value}' is not recognized`, "22007");
  const [, y, mo, d, h, mi, s, ns, sign, oh, om] = match;
  let seconds = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) / 1000;
  if (tz) seconds -= (sign === "-" ? -1 : 1) * (Number(oh) * 3600 + Number(om) * 60);
  return `${seconds}.${ns}`;
}

function evaluate(
  expr: Expr,
  row: (string | null)[],
  columns: FakeColumn[],
  bindings: Record<string, { type: string; value: string }>,
): boolean {
  if (expr.kind !== "cmp") {
    const parts = expr.parts.map((p) => evaluate(p, row, columns, bindings));
    return expr.kind === "and" ? parts.every(Boolean) : parts.some(Boolean);
  }
  const at = columns.findIndex((c) => c.name === expr.column);
  if (at < 0)
    throw new SqlError(
      "000904",
      `SQL compilation error: error line 1 at position 0\ninvalid identifier '"${expr.column}"'`,
    );
  const value = row[at];
  const column = columns[at] as FakeColumn;
  const bound = boundValue(
    column,
    expr.operand,
    bindings[String(expr.operand.index)] as { type: string; value: string },
  );
  if (value === null || value === undefined) return false;
  const c = compare(column, value, bound);
  switch (expr.op) {
    case "=":
      return c === 0;
    case "<>":
      return c !== 0;
    case ">":
      return c > 0;
    case ">=":
      return c >= 0;
    case "<":
      return c < 0;
    default:
      return c <= 0;
  }
}

function execute(
  tables: Record<string, FakeTable>,
  database: string,
  statement: string,
  bindings: Record<string, { type: string; value: string }>,
  hasWarehouse: boolean,
): { rowType: RowType[]; rows: (string | null)[][] } {
  const sql = statement.replace(/\s+/g, " ").trim();
  const validBinding = (b: unknown) =>
    typeof b === "object" &&
    b !== null &&
    typeof (b as { value?: unknown }).value === "string" &&
    [
      "FIXED",
      "REAL",
      "TEXT",
      "BOOLEAN",
      "DATE",
      "TIME",
      "TIMESTAMP_NTZ",
      "TIMESTAMP_LTZ",
      "TIMESTAMP_TZ",
      "BINARY",
    ].includes(String((b as { type?: unknown }).type));
  for (const [key, b] of Object.entries(bindings)) {
    if (!/^[1-9]\d*$/.test(key) || !validBinding(b)) {
      throw new SqlError("002049", `SQL compilation error: invalid bind variable '${key}'`, "42601");
    }
  }
  if (sql === DISCOVERY) {
    const rows: (string | null)[][] = [];
    for (const name of Object.keys(tables).sort()) {
      const [schema, table] = name.split(".") as [string, string];
      for (const column of (tables[name] as FakeTable).columns) {
        rows.push([
          schema,
          table,
          column.name,
          column.type,
          column.type === "NUMBER" ? String(column.precision ?? 38) : null,
          column.type === "NUMBER" ? String(column.scale ?? 0) : null,
          column.nullable === false ? "NO" : "YES",
        ]);
      }
    }
    const names = [
      "TABLE_SCHEMA",
      "TABLE_NAME",
      "COLUMN_NAME",
      "DATA_TYPE",
      "NUMERIC_PRECISION",
      "NUMERIC_SCALE",
      "IS_NULLABLE",
    ];
    return { rowType: names.map((n) => (n.startsWith("NUMERIC") ? fixed(n) : text(n))), rows };
  }
  const show = new RegExp(`^SHOW PRIMARY KEYS IN DATABASE ${IDENT}$`, "i").exec(sql);
  if (show) {
    if (unq(show[1] as string) !== database) {
      throw new SqlError(
        "002043",
        `SQL compilation error:\nDatabase '${unq(show[1] as string)}' does not exist or not authorized.`,
        "02000",
      );
    }
    const rows: (string | null)[][] = [];
    for (const [name, table] of Object.entries(tables)) {
      const [schema, tableName] = name.split(".") as [string, string];
      table.primaryKey?.forEach((column, i) => {
        rows.push([
          "1704067200.000000000",
          database,
          schema,
          tableName,
          column,
          String(i + 1),
          `PK_${tableName}`,
          "false",
          null,
        ]);
      });
    }
    const names = [
      "created_on",
      "database_name",
      "schema_name",
      "table_name",
      "column_name",
      "key_sequence",
      "constraint_name",
      "rely",
      "comment",
    ];
    return {
      rowType: names.map((n) =>
        n === "key_sequence"
          ? fixed(n)
          : n === "created_on"
            ? { name: n, type: "timestamp_ltz", nullable: true }
            : text(n),
      ),
      rows,
    };
  }
  if (!hasWarehouse) {
    throw new SqlError(
      "000606",
      "No active warehouse selected in the current session.  Select an active warehouse with the 'use warehouse' command.",
      "57P03",
    );
  }
  const lookup = (schema: string, table: string) => {
    const found = tables[`${unq(schema)}.${unq(table)}`];
    if (!found) {
      throw new SqlError(
        "002003",
        `SQL compilation error:\nObject '${database}.${unq(schema)}.${unq(table)}' does not exist or not authorized.`,
        "42S02",
      );
    }
    return found;
  };
  const max = new RegExp(`^SELECT MAX\\(${IDENT}\\) FROM ${IDENT}\\.${IDENT}$`).exec(sql);
  if (max) {
    if (Object.keys(bindings).length > 0)
      throw new SqlError("002049", "SQL compilation error: too many bind variables", "42601");
    const table = lookup(max[2] as string, max[3] as string);
    const at = table.columns.findIndex((c) => c.name === unq(max[1] as string));
    if (at < 0) throw new SqlError("000904", `SQL compilation error:\ninvalid identifier '"${unq(max[1] as string)}"'`);
    const column = table.columns[at] as FakeColumn;
    let best: string | null = null;
    for (const row of table.rows) {
      const v = row[at] ?? null;
      if (v !== null && (best === null || compare(column, v, best) > 0)) best = v;
    }
    return { rowType: [rowType(column, `MAX("${column.name}")`)], rows: [[best]] };
  }
  const select = new RegExp(
    `^SELECT (.+?) FROM ${IDENT}\\.${IDENT}(?: WHERE (.+?))?(?: ORDER BY ((?:${IDENT})(?:, ${IDENT})*))?(?: LIMIT (\\d+))?$`,
  ).exec(sql);
  if (!select) throw new SqlError("001003", "SQL compilation error: statement not supported by this fake");
  const [, list = "", schema = "", tableName = "", where, orderBy, , , limit] = select;
  const table = lookup(schema, tableName);
  const names = [...list.matchAll(new RegExp(IDENT, "g"))].map((m) => unq(m[1] as string));
  const indexes = names.map((name) => {
    const at = table.columns.findIndex((c) => c.name === name);
    if (at < 0)
      throw new SqlError("000904", `SQL compilation error: error line 1 at position 7\ninvalid identifier '"${name}"'`);
    return at;
  });
  const parsed = where ? parseWhere(where) : undefined;
  const placeholders = parsed?.placeholders ?? 0;
  for (let i = 1; i <= placeholders; i++) {
    if (!bindings[String(i)])
      throw new SqlError(
        "002049",
        `SQL compilation error: error line 1 at position 0\nBind variable ? not set.`,
        "42601",
      );
  }
  if (Object.keys(bindings).length > placeholders) {
    throw new SqlError("002049", "SQL compilation error: more bind variables than placeholders", "42601");
  }
  let rows = table.rows.filter((row) => !parsed || evaluate(parsed.expr, row, table.columns, bindings));
  if (orderBy) {
    const order = [...orderBy.matchAll(new RegExp(IDENT, "g"))].map((m) => {
      const at = table.columns.findIndex((c) => c.name === unq(m[1] as string));
      if (at < 0) throw new SqlError("000904", `SQL compilation error:\ninvalid identifier '${m[0]}'`);
      return at;
    });
    rows = [...rows].sort((a, b) => {
      for (const at of order) {
        const x = a[at] ?? null;
        const y = b[at] ?? null;
        // Snowflake sorts NULLs last in ascending order.
        if (x === null || y === null) {
          if (x !== y) return x === null ? 1 : -1;
          continue;
        }
        const c = compare(table.columns[at] as FakeColumn, x, y);
        if (c !== 0) return c;
      }
      return 0;
    });
  }
  if (limit !== undefined) rows = rows.slice(0, Number(limit));
  return {
    rowType: indexes.map((at) => rowType(table.columns[at] as FakeColumn)),
    rows: rows.map((row) => indexes.map((at) => row[at] ?? null)),
  };
}

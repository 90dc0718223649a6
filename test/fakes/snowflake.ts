/**
 * A fake of Snowflake's SQL API v2 (`POST /api/v2/statements`) for one account, written from
 * Snowflake's documentation: key-pair JWT authentication (iss `ACCOUNT.USER.SHA256:<fp>`,
 * sub `ACCOUNT.USER`, RS256, at most one hour, verified against the user's registered public
 * key), programmatic access tokens, the ResultSet answer (`resultSetMetaData`, `data`, code
 * `090001`) and the error bodies (`{code, message}`; 401 with code 390144 for a bad JWT).
 * It evaluates the SELECT of context functions the setup tests send, the INFORMATION_SCHEMA
 * query the writer describes tables with, and applies the writer's DDL and DML to in-memory
 * tables (./warehouse-sql.ts) — multi-statement requests (`MULTI_STATEMENT_COUNT`, `?`
 * bindings numbered across the request, temporary tables living for the request), answers
 * 202 and the statement-status GET when asked to run asynchronously, result partitions, a
 * SELECT's rows in the `jsonv2` encoding with each column typed in `rowType` (cellOf), and
 * Snowflake's limits: 255-character identifiers, reserved words only quoted, SQL text of at
 * most 1 MB, 422 with Snowflake's code for a statement it rejects.
 */
import { createHash, createPublicKey } from "node:crypto";
import { decodeJwt, decodeProtectedHeader, importSPKI, jwtVerify } from "jose";
import {
  type BoundParam,
  type FakeType,
  FakeWarehouse,
  SqlError,
  type SqlRules,
  type StatementResult,
  type Stored,
} from "./warehouse-sql";

/** Snowflake's reserved words (https://docs.snowflake.com/en/sql-reference/reserved-keywords). */
const RESERVED = new Set(
  "ALL ALTER AND ANY AS BETWEEN BY CASE CAST CHECK COLUMN CONNECT CONNECTION CONSTRAINT CREATE CROSS CURRENT CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER DATABASE DELETE DISTINCT DROP ELSE EXISTS FALSE FOLLOWING FOR FROM FULL GRANT GROUP GSCLUSTER HAVING ILIKE IN INCREMENT INNER INSERT INTERSECT INTO IS ISSUE JOIN LATERAL LEFT LIKE LOCALTIME LOCALTIMESTAMP MINUS NATURAL NOT NULL OF ON OR ORDER ORGANIZATION QUALIFY REGEXP REVOKE RIGHT RLIKE ROW ROWS SAMPLE SCHEMA SELECT SET SOME START TABLE TABLESAMPLE THEN TO TRIGGER TRUE TRY_CAST UNION UNIQUE UPDATE USING VALUES VIEW WHEN WHENEVER WHERE WITH".split(
    " ",
  ),
);

/** Snowflake's types as the writer spells them. */
function snowflakeType(text: string): FakeType | undefined {
  const number = /^(?:NUMBER|NUMERIC|DECIMAL)(?:\((\d+)(?:,(\d+))?\))?$/.exec(text);
  if (number) {
    const precision = Number(number[1] ?? 38);
    const scale = Number(number[2] ?? 0);
    if (precision < 1 || precision > 38 || scale > Math.min(precision, 37)) return undefined;
    return { base: "NUMBER", precision, scale, text: `NUMBER(${precision},${scale})` };
  }
  const simple: Record<string, FakeType["base"]> = {
    FLOAT: "FLOAT",
    DOUBLE: "FLOAT",
    VARCHAR: "STRING",
    TEXT: "STRING",
    STRING: "STRING",
    BOOLEAN: "BOOLEAN",
    DATE: "DATE",
    VARIANT: "JSON",
    BINARY: "BINARY",
  };
  if (simple[text]) return { base: simple[text], text };
  const timed = /^(TIME|TIMESTAMP_NTZ|TIMESTAMP_TZ)(?:\((\d)\))?$/.exec(text);
  if (timed && Number(timed[2] ?? 9) <= 9) {
    return { base: timed[1] as FakeType["base"], precision: Number(timed[2] ?? 9), text };
  }
  return undefined;
}

export const SNOWFLAKE_RULES: SqlRules = {
  quote: '"',
  foldUnquoted: (name) => name.toUpperCase(),
  caseInsensitive: false,
  maxIdentifier: 255,
  reserved: RESERVED,
  qualifiedTemporary: true,
  temporaryNeedsSchema: true,
  type: snowflakeType,
  // ORDER BY … ASC puts NULLs last unless NULLS FIRST is said (Snowflake's default).
  nullsFirst: false,
};

/** Snowflake's limit on a statement's text. */
export const SNOWFLAKE_MAX_STATEMENT_BYTES = 1024 * 1024;

/**
 * A ResultSet's `rowType` entry for a column of `type`: Snowflake's result type names
 * (https://docs.snowflake.com/en/developer-guide/sql-api/handling-responses) in lower case.
 */
function rowTypeOf(name: string, type: FakeType): Record<string, unknown> {
  const base: Record<FakeType["base"], string> = {
    NUMBER: "fixed",
    INT64: "fixed",
    FLOAT: "real",
    STRING: "text",
    BOOLEAN: "boolean",
    DATE: "date",
    TIME: "time",
    TIMESTAMP_NTZ: "timestamp_ntz",
    TIMESTAMP_TZ: "timestamp_tz",
    JSON: "variant",
    BINARY: "binary",
  };
  const timed = type.base === "TIME" || type.base.startsWith("TIMESTAMP");
  return {
    name,
    type: base[type.base],
    nullable: true,
    precision: type.base === "NUMBER" ? (type.precision ?? 38) : null,
    scale: type.base === "NUMBER" ? (type.scale ?? 0) : timed ? (type.precision ?? 9) : null,
  };
}

/** `YYYY-MM-DDThh:mm:ss.ffffff[Z]` (UTC) → epoch seconds as a decimal with 9 places, exactly. */
function epochSeconds(text: string): string {
  const [day, clock] = text.replace(/Z$/, "").split("T") as [string, string];
  const [y, mo, d] = day.split("-").map(Number) as [number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  const [h, mi, rest] = clock.split(":") as [string, string, string];
  const [sec, fraction = ""] = rest.split(".") as [string, string?];
  const seconds = BigInt(date.getTime() / 1000) + BigInt(Number(h) * 3600 + Number(mi) * 60 + Number(sec));
  const nanos = seconds * 1_000_000_000n + BigInt(fraction.padEnd(9, "0").slice(0, 9));
  const magnitude = nanos < 0n ? -nanos : nanos;
  const whole = magnitude / 1_000_000_000n;
  return `${nanos < 0n ? "-" : ""}${whole}.${String(magnitude % 1_000_000_000n).padStart(9, "0")}`;
}

/**
 * A stored value as a cell of Snowflake's `jsonv2` result: every value a string — NUMBER its
 * digits, FLOAT `NaN`/`inf`/`-inf` or the number, BOOLEAN `true`/`false`, DATE days since the
 * epoch, TIME seconds since midnight and TIMESTAMP_NTZ seconds since the epoch (9 decimals),
 * TIMESTAMP_TZ those seconds (UTC), a space and the offset in minutes plus 1440, BINARY upper-case
 * hex, VARIANT its JSON text as Snowflake prints it (indented).
 */
function cellOf(value: Stored, type: FakeType): string | null {
  if (value === null) return null;
  switch (type.base) {
    case "BOOLEAN":
      return value === true ? "true" : "false";
    case "DATE": {
      const [y, mo, d] = String(value).split("-").map(Number) as [number, number, number];
      const date = new Date(0);
      date.setUTCFullYear(y, mo - 1, d);
      return String(Math.round(date.getTime() / 86_400_000));
    }
    case "TIME": {
      const [h, mi, rest] = String(value).split(":") as [string, string, string];
      const [sec, fraction = ""] = rest.split(".");
      return `${Number(h) * 3600 + Number(mi) * 60 + Number(sec)}.${fraction.padEnd(9, "0").slice(0, 9)}`;
    }
    case "TIMESTAMP_NTZ":
      return epochSeconds(String(value));
    case "TIMESTAMP_TZ":
      return `${epochSeconds(String(value))} 1440`;
    case "BINARY":
      return [...(value as Uint8Array)].map((b) => b.toString(16).padStart(2, "0").toUpperCase()).join("");
    case "JSON":
      return JSON.stringify(JSON.parse(String(value)), null, 2);
    case "FLOAT": {
      const n = value as number;
      return Number.isNaN(n)
        ? "NaN"
        : n === Number.POSITIVE_INFINITY
          ? "inf"
          : n === Number.NEGATIVE_INFINITY
            ? "-inf"
            : String(n);
    }
    default:
      return String(value);
  }
}

/** A statement's result as Snowflake answers it: a SELECT typed per column, DML its counts. */
function answerOf(result: StatementResult | undefined): {
  rowType: Record<string, unknown>[];
  rows: (string | null)[][];
} {
  if (result?.select) {
    const { types, values } = result.select;
    return {
      rowType: result.columns.map((name, i) => rowTypeOf(name, types[i] as FakeType)),
      rows: values.map((row) => row.map((v, i) => cellOf(v, types[i] as FakeType))),
    };
  }
  return {
    rowType: (result?.columns ?? []).map((name) => ({ name, type: "text", nullable: true })),
    rows: result?.rows ?? [],
  };
}

/** INFORMATION_SCHEMA.COLUMNS's DATA_TYPE of a type. */
function informationType(type: FakeType): string {
  switch (type.base) {
    case "STRING":
      return "TEXT";
    case "JSON":
      return "VARIANT";
    default:
      return type.base;
  }
}

export interface SnowflakeFakeUser {
  name: string;
  /** RSA_PUBLIC_KEY of the user (PEM, SPKI). */
  publicKeyPem?: string;
  /** A programmatic access token of the user. */
  programmaticAccessToken?: string;
  defaultRole?: string;
  /** Roles granted to the user (the default role is always granted). */
  roles?: string[];
  defaultWarehouse?: string;
}

export interface SnowflakeFakeOptions {
  /** Account identifier as JWTs name it, e.g. `XY12345` or `MYORG-MYACCOUNT`. */
  account: string;
  /** Host the account is served on, e.g. `xy12345.snowflakecomputing.com`. */
  host: string;
  users: SnowflakeFakeUser[];
  /** Databases and warehouses that exist (unquoted identifiers, upper case). */
  databases: string[];
  warehouses: string[];
  version?: string;
  now?: () => Date;
  /** Answer every statement 202 (asynchronous) first, so clients must poll its status. */
  asynchronous?: boolean;
  /** Rows per result partition. */
  partitionRows?: number;
}

export interface SnowflakeFake {
  fetch: typeof fetch;
  /** Every statement request received, after authentication, with the user it ran as. */
  statements: { user: string; body: Record<string, unknown>; tokenType: string }[];
  /** The account's tables, applied from the statements (one warehouse per database). */
  warehouse(database: string): FakeWarehouse;
  /** The failures served so far (their statuses), from failNext. */
  throttled: number[];
  /** The next `count` requests answer `status` (429 with Retry-After 0, or a 5xx). */
  failNext(status: number, count?: number): void;
  /** Every request received (before authentication): method and path. */
  requests: string[];
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** Snowflake's fingerprint of a public key: base64 SHA-256 of its DER SPKI. */
export function publicKeyFingerprint(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: "spki", format: "der" });
  return `SHA256:${createHash("sha256").update(der).digest("base64")}`;
}

function unauthorized(code: string, message: string): Response {
  return json(401, { code, message: `${message} [${crypto.randomUUID()}]` });
}

/** The context functions this fake evaluates, as a session would. */
type Session = { role: string | null; database: string | null; warehouse: string | null };

function evaluate(expression: string, session: Session, version: string): string | null | undefined {
  switch (expression.replace(/\s+/g, "").toUpperCase()) {
    case "CURRENT_VERSION()":
      return version;
    case "CURRENT_ROLE()":
      return session.role;
    case "CURRENT_DATABASE()":
      return session.database;
    case "CURRENT_WAREHOUSE()":
      return session.warehouse;
    default:
      return undefined;
  }
}

const identifier = (name: unknown) => (typeof name === "string" ? name.toUpperCase() : undefined);

export function snowflakeFake(options: SnowflakeFakeOptions): SnowflakeFake {
  const statements: SnowflakeFake["statements"] = [];
  const requests: string[] = [];
  const warehouses = new Map<string, FakeWarehouse>();
  const warehouse = (database: string) => {
    const key = database.toUpperCase();
    let w = warehouses.get(key);
    if (!w) {
      w = new FakeWarehouse(SNOWFLAKE_RULES);
      warehouses.set(key, w);
    }
    return w;
  };
  /** Results by statement handle: the answer a status GET gives, and the result's partitions. */
  const results = new Map<string, { body: Record<string, unknown>; partitions: (string | null)[][][] }>();
  const failures: number[] = [];
  const throttled: number[] = [];
  const version = options.version ?? "9.12.0";
  const now = options.now ?? (() => new Date());
  const account = options.account.toUpperCase();

  async function authenticate(request: Request): Promise<SnowflakeFakeUser | Response> {
    const header = request.headers.get("Authorization") ?? "";
    const token = header.startsWith("Bearer ") ? header.slice(7) : "";
    const type = request.headers.get("X-Snowflake-Authorization-Token-Type") ?? "OAUTH";
    if (!token) return unauthorized("390101", "Authorization header is missing.");
    if (type === "PROGRAMMATIC_ACCESS_TOKEN") {
      const user = options.users.find((u) => u.programmaticAccessToken && u.programmaticAccessToken === token);
      return user ?? unauthorized("390100", "Incorrect username or password was specified.");
    }
    if (type !== "KEYPAIR_JWT") return unauthorized("390303", "Invalid OAuth access token.");
    try {
      const claims = decodeJwt(token);
      if (decodeProtectedHeader(token).alg !== "RS256") throw new Error("alg");
      const iss = String(claims.iss ?? "");
      const at = iss.lastIndexOf(".SHA256:");
      const qualified = iss.slice(0, at);
      const [issAccount, ...userParts] = qualified.split(".");
      const user = options.users.find((u) => u.name.toUpperCase() === userParts.join("."));
      if (at < 0 || issAccount !== account || !user?.publicKeyPem) throw new Error("issuer");
      if (iss.slice(at + 1) !== publicKeyFingerprint(user.publicKeyPem)) throw new Error("fingerprint");
      const key = await importSPKI(user.publicKeyPem, "RS256");
      const { payload } = await jwtVerify(token, key, {
        algorithms: ["RS256"],
        subject: qualified,
        currentDate: now(),
      });
      if (typeof payload.iat !== "number" || typeof payload.exp !== "number" || payload.exp - payload.iat > 3600) {
        throw new Error("lifetime");
      }
      return user;
    } catch {
      return unauthorized("390144", "JWT token is invalid.");
    }
  }

  const partitionRows = options.partitionRows ?? 1000;

  /** A ResultSet answer, its first partition inline; later partitions kept for GET ?partition=n. */
  function resultSet(
    handle: string,
    columns: string[] | Record<string, unknown>[],
    rows: (string | null)[][],
    extra: Record<string, unknown> = {},
  ) {
    const partitions: (string | null)[][][] = [];
    for (let i = 0; i < rows.length; i += partitionRows) partitions.push(rows.slice(i, i + partitionRows));
    if (partitions.length === 0) partitions.push([]);
    const body = {
      resultSetMetaData: {
        numRows: rows.length,
        format: "jsonv2",
        partitionInfo: partitions.map((p) => ({ rowCount: p.length, uncompressedSize: JSON.stringify(p).length })),
        rowType: columns.map((c) => (typeof c === "string" ? { name: c, type: "text", nullable: true } : c)),
      },
      data: partitions[0],
      code: "090001",
      statementStatusUrl: `/api/v2/statements/${handle}`,
      sqlState: "00000",
      statementHandle: handle,
      message: "Statement executed successfully.",
      createdOn: now().getTime(),
      ...extra,
    };
    results.set(handle, { body, partitions });
    return body;
  }

  function rejected(handle: string, error: unknown): Response {
    const e = error instanceof SqlError ? error : new SqlError(String((error as Error)?.message ?? error), "000603");
    return json(422, { code: e.code, sqlState: "42000", message: e.message, statementHandle: handle });
  }

  /** Runs the writer's statements (or its INFORMATION_SCHEMA query) against the database's tables. */
  function execute(body: Record<string, unknown>, handle: string, database: string): Response {
    const statement = String(body.statement);
    if (new TextEncoder().encode(statement).length > SNOWFLAKE_MAX_STATEMENT_BYTES) {
      return json(422, {
        code: "100097",
        sqlState: "54000",
        message: `SQL text of ${statement.length} characters exceeds the maximum allowed length of ${SNOWFLAKE_MAX_STATEMENT_BYTES} bytes`,
        statementHandle: handle,
      });
    }
    const bindings = (body.bindings ?? {}) as Record<string, { type?: string; value?: unknown }>;
    const params = new Map<string, BoundParam>();
    for (const [position, b] of Object.entries(bindings)) {
      if (b.type !== "TEXT" || (b.value !== null && typeof b.value !== "string")) {
        return json(422, { code: "002049", message: `Unsupported binding ${position}`, statementHandle: handle });
      }
      params.set(position, { value: b.value as string | null });
    }
    const w = warehouse(database);
    const info =
      /^SELECT COLUMN_NAME, DATA_TYPE, NUMERIC_PRECISION, NUMERIC_SCALE FROM INFORMATION_SCHEMA\.COLUMNS WHERE TABLE_SCHEMA = \? AND TABLE_NAME = \? ORDER BY ORDINAL_POSITION$/.exec(
        statement,
      );
    if (info) {
      const table = w.table(String(bindings["1"]?.value), String(bindings["2"]?.value));
      const rows = (table?.columns ?? []).map((c) => [
        c.name,
        informationType(c.type),
        c.type.base === "NUMBER" ? String(c.type.precision) : null,
        c.type.base === "NUMBER" ? String(c.type.scale) : null,
      ]);
      return json(200, resultSet(handle, ["COLUMN_NAME", "DATA_TYPE", "NUMERIC_PRECISION", "NUMERIC_SCALE"], rows));
    }
    const count = Number((body.parameters as Record<string, unknown> | undefined)?.MULTI_STATEMENT_COUNT ?? 1);
    const parts = statement.split(";").filter((p) => p.trim()).length;
    if (count !== 0 && parts !== count) {
      return json(422, {
        code: "000008",
        sqlState: "0A000",
        message: `Actual statement count ${parts} did not match the desired statement count ${count}.`,
        statementHandle: handle,
      });
    }
    let outcomes: ReturnType<FakeWarehouse["run"]>;
    try {
      outcomes = w.run(statement, params);
    } catch (error) {
      return rejected(handle, error);
    }
    if (outcomes.length === 1) {
      const { rowType, rows } = answerOf(outcomes[0]);
      return json(200, resultSet(handle, rowType, rows));
    }
    const children = outcomes.map((o) => {
      const child = crypto.randomUUID();
      const { rowType, rows } = answerOf(o);
      resultSet(child, rowType, rows);
      return child;
    });
    return json(
      200,
      resultSet(handle, ["multiple statement execution"], [["Multiple statements executed successfully."]], {
        statementHandles: children,
      }),
    );
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    requests.push(`${request.method} ${url.pathname}${url.search}`);
    const failure = failures.shift();
    if (failure) {
      throttled.push(failure);
      return new Response(
        JSON.stringify({ code: String(failure), message: "Too many requests / service unavailable" }),
        {
          status: failure,
          headers: { "Content-Type": "application/json", "Retry-After": "0" },
        },
      );
    }
    const status = /^\/api\/v2\/statements\/([0-9a-f-]{36})$/.exec(url.pathname);
    if (url.hostname === options.host && status && request.method === "GET") {
      const user = await authenticate(request);
      if (user instanceof Response) return user;
      const result = results.get(status[1] as string);
      if (!result) return json(404, { code: "333333", message: "Statement handle not found." });
      const partition = Number(url.searchParams.get("partition") ?? 0);
      if (partition === 0) return json(200, result.body);
      const rows = result.partitions[partition];
      if (!rows) return json(422, { code: "000604", message: `Partition ${partition} does not exist.` });
      return json(200, { data: rows });
    }
    if (url.hostname !== options.host || url.pathname !== "/api/v2/statements") {
      return json(404, { code: "390404", message: "Not found." });
    }
    if (request.method !== "POST") return json(405, { code: "390405", message: "Method not allowed." });
    const user = await authenticate(request);
    if (user instanceof Response) return user;
    const body = (await request.json().catch(() => null)) as Record<string, unknown> | null;
    const handle = crypto.randomUUID();
    if (!body || typeof body.statement !== "string") {
      return json(400, {
        code: "391902",
        message: "Unsupported Accept header or request body.",
        statementHandle: handle,
      });
    }
    statements.push({
      user: user.name,
      body,
      tokenType: request.headers.get("X-Snowflake-Authorization-Token-Type") ?? "",
    });

    const granted = new Set([user.defaultRole, ...(user.roles ?? [])].filter(Boolean).map(identifier));
    const role = identifier(body.role) ?? identifier(user.defaultRole) ?? null;
    if (body.role !== undefined && !granted.has(role ?? "")) {
      return json(422, {
        code: "390189",
        sqlState: "08004",
        message: `Role '${role}' specified in the connect string is not granted to this user. Contact your local system administrator, or attempt to login with another role, e.g. PUBLIC.`,
        statementHandle: handle,
      });
    }
    const database = identifier(body.database);
    const warehouse = identifier(body.warehouse) ?? identifier(user.defaultWarehouse);
    const session: Session = {
      role,
      database: database && options.databases.includes(database) ? database : null,
      warehouse: warehouse && options.warehouses.includes(warehouse) ? warehouse : null,
    };

    const select = /^\s*SELECT\s+(.+?)\s*;?\s*$/is.exec(body.statement);
    const expressions = select?.[1]?.split(",").map((e) => e.trim()) ?? [];
    const row = expressions.map((e) => evaluate(e, session, version));
    if (!/^\s*SELECT\s+CURRENT_/i.test(body.statement)) {
      if (!session.database) {
        return json(422, {
          code: "002003",
          message: `Database '${database}' does not exist or not authorized.`,
          statementHandle: handle,
        });
      }
      if (!session.warehouse) {
        return json(422, {
          code: "000606",
          message: "No active warehouse selected in the current session.",
          statementHandle: handle,
        });
      }
      const answer = execute(body, handle, session.database);
      if (options.asynchronous && answer.status === 200) {
        // Ran already; the client learns the result by polling the handle.
        return json(202, {
          code: "333334",
          message:
            "Asynchronous execution in progress. Use provided query id to perform query monitoring and management.",
          statementHandle: handle,
          statementStatusUrl: `/api/v2/statements/${handle}`,
        });
      }
      return answer;
    }
    if (!select || row.some((value) => value === undefined)) {
      return json(422, {
        code: "001003",
        sqlState: "42000",
        message: `SQL compilation error:\nsyntax error line 1 at position 0 unexpected '${body.statement.slice(0, 20)}'.`,
        statementHandle: handle,
      });
    }
    return json(200, {
      resultSetMetaData: {
        numRows: 1,
        format: "jsonv2",
        partitionInfo: [{ rowCount: 1, uncompressedSize: JSON.stringify(row).length }],
        rowType: expressions.map((name) => ({
          name: name.toUpperCase(),
          database: "",
          schema: "",
          table: "",
          type: "text",
          nullable: true,
          length: 16777216,
          byteLength: 16777216,
          precision: null,
          scale: null,
          collation: null,
        })),
      },
      data: [row],
      code: "090001",
      statementStatusUrl: `/api/v2/statements/${handle}?requestId=${url.searchParams.get("requestId") ?? ""}`,
      requestId: url.searchParams.get("requestId") ?? crypto.randomUUID(),
      sqlState: "00000",
      statementHandle: handle,
      message: "Statement executed successfully.",
      createdOn: now().getTime(),
    });
  }

  return {
    statements,
    requests,
    warehouse,
    throttled,
    failNext(status, count = 1) {
      for (let i = 0; i < count; i++) failures.push(status);
    },
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => handle(new Request(input, init))) as typeof fetch,
  };
}

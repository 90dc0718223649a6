/**
 * The SQL engine behind the Snowflake and BigQuery destination fakes: it holds tables in memory
 * and APPLIES the statements the warehouse writer (src/engine/destinations/warehouse) sends, so
 * tests assert the MERGE's effect on rows rather than the text of SQL. Written by hand, and as
 * small as it can be: it parses only the statement shapes that writer emits —
 *
 *   CREATE SCHEMA IF NOT EXISTS s · CREATE [TEMPORARY|TEMP] TABLE [IF NOT EXISTS] t (c type [NOT NULL], …)
 *   ALTER TABLE t ADD COLUMN c type | DROP COLUMN c | RENAME COLUMN a TO b | ALTER COLUMN c SET DATA TYPE type
 *   INSERT INTO t (c, …) VALUES (p, …), …
 *   MERGE INTO t AS T USING s AS S ON T.k = S.k [AND …]
 *     WHEN MATCHED [AND cond] THEN UPDATE SET c = expr, … | DELETE  [WHEN NOT MATCHED THEN INSERT (c, …) VALUES (expr, …)]
 *   UPDATE t [AS a] SET c = expr, … WHERE cond · DELETE FROM t [AS a] WHERE cond
 *   SELECT expr [AS name], … FROM t [AS a] [WHERE cond] [ORDER BY expr [ASC|DESC], …] [LIMIT n]
 *
 * with expressions of column references, parameters, TRUE/FALSE/NULL, comparisons, AND, OR, NOT,
 * IS [NOT] NULL, IS NOT DISTINCT FROM, CAST(x AS type), PARSE_JSON, TO_JSON(_STRING), GREATEST,
 * EQUAL_NULL, `EXISTS (SELECT 1 FROM t AS a WHERE cond)` and `(SELECT MAX(c) FROM t)` — and
 * anything else is a syntax error, as an unknown statement would be. What the real services check and reject, it checks and rejects:
 * identifiers over the length limit, unquoted reserved words, unknown tables and columns, a
 * value its column's type cannot hold (precision, scale, a bad date), NULL in a NOT NULL
 * column, two source rows of a MERGE for one target row (both vendors refuse such a MERGE).
 */

export type BaseType =
  | "NUMBER"
  | "INT64"
  | "FLOAT"
  | "STRING"
  | "BOOLEAN"
  | "DATE"
  | "TIME"
  | "TIMESTAMP_NTZ"
  | "TIMESTAMP_TZ"
  | "JSON"
  | "BINARY";

export interface FakeType {
  base: BaseType;
  precision?: number;
  scale?: number;
  /** The type as written (`NUMBER(12,2)`), for describing the table. */
  text: string;
}

/** A stored value: NUMBER/INT64 as canonical decimal text, FLOAT a number, BINARY bytes, the rest text. */
export type Stored = null | string | number | boolean | Uint8Array;

export interface FakeColumn {
  name: string;
  type: FakeType;
  notNull: boolean;
}

export interface FakeTable {
  name: string;
  columns: FakeColumn[];
  rows: Stored[][];
}

export class SqlError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** The dialect's rules the engine enforces. */
export interface SqlRules {
  quote: '"' | "`";
  /** Snowflake upper-cases unquoted names; BigQuery keeps them. */
  foldUnquoted(name: string): string;
  /** Names compared case-insensitively (BigQuery) or exactly (Snowflake, after folding). */
  caseInsensitive: boolean;
  maxIdentifier: number;
  /** A reason a (column) name is not allowed, e.g. BigQuery's letters, digits and underscores. */
  badColumnName?(name: string): string | undefined;
  reserved: ReadonlySet<string>;
  /** Whether a temporary table may be created in a schema (Snowflake) or only unqualified (BigQuery scripts). */
  qualifiedTemporary: boolean;
  /** A temporary table needs a schema to live in (Snowflake: the session's current one, or the one named). */
  temporaryNeedsSchema: boolean;
  /** The dialect's type names → a FakeType, or undefined for an unknown type. */
  type(text: string): FakeType | undefined;
  /** Parses a bound parameter's text into a value of `type` (the vendor's implicit casts). */
  parse?(value: string, type: FakeType): Stored;
  /** Where NULLs sort in an ascending ORDER BY: last in Snowflake, first in BigQuery. */
  nullsFirst: boolean;
  /** Types ORDER BY and `<`/`>` refuse (BigQuery: JSON has no order). */
  unordered?: ReadonlySet<BaseType>;
}

export interface BoundParam {
  /** The declared type (BigQuery's parameterType) or undefined: text the column's type parses (Snowflake). */
  type?: FakeType;
  value: string | null;
}

// ---------------------------------------------------------------------------------------
// Values.

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

function decimal(text: string, type: FakeType): string {
  const m = DECIMAL.exec(text.trim());
  if (!m || (m[2] === "" && (m[3] ?? "") === ""))
    throw new SqlError(`Numeric value '${text}' is not recognized`, "100038");
  let int = m[2] ?? "";
  let frac = m[3] ?? "";
  const exp = Number(m[4] ?? 0);
  if (exp > 0) {
    frac = frac.padEnd(exp, "0");
    int += frac.slice(0, exp);
    frac = frac.slice(exp);
  } else if (exp < 0) {
    int = int.padStart(-exp + 1, "0");
    frac = int.slice(exp) + frac;
    int = int.slice(0, exp);
  }
  const scale = type.scale ?? (type.base === "INT64" ? 0 : 0);
  if (frac.length > scale) {
    // Rounded half away from zero to the column's scale, as both vendors do.
    const kept = BigInt(`${int || "0"}${frac.slice(0, scale)}`) + (Number(frac[scale]) >= 5 ? 1n : 0n);
    const digits = kept.toString().padStart(scale + 1, "0");
    int = digits.slice(0, digits.length - scale);
    frac = digits.slice(digits.length - scale);
  } else frac = frac.padEnd(scale, "0");
  int = int.replace(/^0+(?=\d)/, "") || "0";
  const precision = type.precision ?? 38;
  if (int !== "0" && int.length > precision - scale) {
    throw new SqlError(`Number out of representable range: type ${type.text}, value ${text}`, "100039");
  }
  if (type.base === "INT64") {
    const n = BigInt(`${m[1] === "-" ? "-" : ""}${int}`);
    if (n > 9223372036854775807n || n < -9223372036854775808n)
      throw new SqlError(`Bad int64 value: ${text}`, "invalid");
  }
  const negative = m[1] === "-" && /[1-9]/.test(int + frac);
  return `${negative ? "-" : ""}${int}${scale > 0 ? `.${frac}` : ""}`;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;
const TS = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2}|\+00:00| UTC)?$/;

function checkDate(y: string, mo: string, d: string, text: string): void {
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  date.setUTCFullYear(Number(y));
  if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) {
    throw new SqlError(`Date '${text}' is not recognized`, "100040");
  }
}

function micros(fraction: string | undefined): string {
  return (fraction ?? "").padEnd(6, "0").slice(0, 6);
}

/** A timestamp as text → `YYYY-MM-DDTHH:MM:SS.ffffff` (+`Z`, in UTC, when zoned). */
function timestamp(text: string, zoned: boolean): string {
  const m = TS.exec(text.trim());
  if (!m) throw new SqlError(`Timestamp '${text}' is not recognized`, "100035");
  const [, y, mo, d, h, mi, s, f, zone] = m as unknown as string[];
  checkDate(y as string, mo as string, d as string, text);
  if (!zoned) return `${y}-${mo}-${d}T${h}:${mi}:${s}.${micros(f)}`;
  let offset = 0;
  if (zone && zone !== "Z" && zone.trim() !== "UTC") {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone) as RegExpExecArray;
    offset = (z[1] === "-" ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3]));
  }
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  date.setUTCFullYear(Number(y));
  date.setTime(date.getTime() - offset * 60_000);
  const iso = date.toISOString().replace(/^\+0*/, "");
  return `${iso.slice(0, 19)}.${micros(f)}Z`;
}

function hexBytes(text: string): Uint8Array {
  if (!/^([0-9a-fA-F]{2})*$/.test(text))
    throw new SqlError(`The following string is not a legal hex-encoded value: '${text}'`, "100115");
  return new Uint8Array(text.match(/../g)?.map((h) => Number.parseInt(h, 16)) ?? []);
}

/** Text → a value of `type` (the default implicit cast; dialects may override binary and floats). */
export function parseText(text: string, type: FakeType, rules?: SqlRules): Stored {
  if (rules?.parse) return rules.parse(text, type);
  return parseDefault(text, type);
}

export function parseDefault(text: string, type: FakeType): Stored {
  switch (type.base) {
    case "NUMBER":
    case "INT64":
      return decimal(text, type);
    case "FLOAT": {
      const t = text.trim().toLowerCase();
      if (t === "nan") return Number.NaN;
      if (t === "inf" || t === "infinity" || t === "+inf") return Number.POSITIVE_INFINITY;
      if (t === "-inf" || t === "-infinity") return Number.NEGATIVE_INFINITY;
      const n = Number(text);
      if (text.trim() === "" || !Number.isFinite(n))
        throw new SqlError(`Numeric value '${text}' is not recognized`, "100038");
      return n;
    }
    case "BOOLEAN": {
      const t = text.trim().toLowerCase();
      if (["true", "t", "yes", "y", "on", "1"].includes(t)) return true;
      if (["false", "f", "no", "n", "off", "0"].includes(t)) return false;
      throw new SqlError(`Boolean value '${text}' is not recognized`, "100037");
    }
    case "DATE": {
      const m = DATE.exec(text.trim());
      if (!m) throw new SqlError(`Date '${text}' is not recognized`, "100040");
      checkDate(m[1] as string, m[2] as string, m[3] as string, text);
      return text.trim();
    }
    case "TIME": {
      const m = TIME.exec(text.trim());
      if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3]) > 59) {
        throw new SqlError(`Time '${text}' is not recognized`, "100108");
      }
      return `${m[1]}:${m[2]}:${m[3]}.${micros(m[4])}`;
    }
    case "TIMESTAMP_NTZ":
      return timestamp(text, false);
    case "TIMESTAMP_TZ":
      return timestamp(text, true);
    case "JSON":
      try {
        return JSON.stringify(JSON.parse(text));
      } catch {
        throw new SqlError(`Error parsing JSON: ${text.slice(0, 40)}`, "100069");
      }
    case "BINARY":
      return hexBytes(text);
    default:
      return text;
  }
}

/** A stored value as text (what CAST(x AS STRING) gives). */
export function storedText(value: Stored): string | null {
  if (value === null) return null;
  if (value instanceof Uint8Array) return [...value].map((b) => b.toString(16).padStart(2, "0")).join("");
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "NaN";
    if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  }
  return String(value);
}

/** A value of one type stored into a column of another (or the same: precision is checked again). */
function coerce(value: Stored, to: FakeType, rules: SqlRules): Stored {
  if (value === null) return null;
  if (to.base === "FLOAT" && typeof value === "number") return value;
  if (to.base === "BINARY" && value instanceof Uint8Array) return value;
  if (to.base === "BOOLEAN" && typeof value === "boolean") return value;
  if (to.base === "STRING") return storedText(value);
  return parseText(storedText(value) as string, to, rules);
}

const NUMERIC_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Two decimal texts compared exactly (a double would tie 64-bit keys a few units apart). */
function compareDecimal(a: RegExpExecArray, b: RegExpExecArray): number {
  const scale = Math.max((a[3] ?? "").length, (b[3] ?? "").length);
  const value = (m: RegExpExecArray) => BigInt(`${m[1]}${m[2]}${(m[3] ?? "").padEnd(scale, "0")}`);
  const x = value(a);
  const y = value(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function compare(a: Stored, b: Stored): number {
  if (typeof a === "number" && typeof b === "number") {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : -1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (a instanceof Uint8Array || b instanceof Uint8Array)
    return (storedText(a) ?? "").localeCompare(storedText(b) ?? "");
  if (typeof a === "string" && typeof b === "string") {
    const x = NUMERIC_TEXT.exec(a);
    const y = NUMERIC_TEXT.exec(b);
    if (x && y) return compareDecimal(x, y);
  }
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

// ---------------------------------------------------------------------------------------
// Tokens.

interface Token {
  kind: "word" | "quoted" | "string" | "number" | "param" | "punct";
  text: string;
  /** Parameter index (positional `?`) or name (`@p`). */
  param?: string;
}

/** Tokens of one statement; `?` placeholders are numbered on from `counter` (they span a request). */
function tokenize(sql: string, rules: SqlRules, counter: { positional: number }): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === rules.quote) {
      let text = "";
      i++;
      for (;;) {
        if (i >= sql.length) throw new SqlError("SQL compilation error: unterminated quoted identifier", "001003");
        if (sql[i] === c) {
          if (c === '"' && sql[i + 1] === '"') {
            text += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += sql[i++];
      }
      tokens.push({ kind: "quoted", text });
      continue;
    }
    if (c === '"' || c === "`") throw new SqlError(`SQL compilation error: syntax error unexpected '${c}'`, "001003");
    if (c === "'") {
      let text = "";
      i++;
      for (;;) {
        if (i >= sql.length) throw new SqlError("SQL compilation error: unterminated string", "001003");
        if (sql[i] === "'" && sql[i + 1] === "'") {
          text += "'";
          i += 2;
          continue;
        }
        if (sql[i] === "'") {
          i++;
          break;
        }
        text += sql[i++];
      }
      tokens.push({ kind: "string", text });
      continue;
    }
    if (c === "?") {
      counter.positional += 1;
      tokens.push({ kind: "param", text: "?", param: String(counter.positional) });
      i++;
      continue;
    }
    if (c === "@") {
      const m = /^@([A-Za-z_]\w*)/.exec(sql.slice(i));
      if (!m) throw new SqlError("Syntax error: unexpected @", "invalidQuery");
      tokens.push({ kind: "param", text: m[0], param: m[1] });
      i += m[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(sql.slice(i));
    if (word) {
      tokens.push({ kind: "word", text: word[0] });
      i += word[0].length;
      continue;
    }
    const number = /^\d+(\.\d+)?/.exec(sql.slice(i));
    if (number) {
      tokens.push({ kind: "number", text: number[0] });
      i += number[0].length;
      continue;
    }
    const punct = /^(<=|>=|<>|!=|[(),.;=<>*])/.exec(sql.slice(i));
    if (!punct) throw new SqlError(`SQL compilation error: syntax error unexpected '${c}'`, "001003");
    tokens.push({ kind: "punct", text: punct[0] });
    i += punct[0].length;
  }
  return tokens;
}

/** Splits a script at `;` outside quotes. */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let current = "";
  let quote: string | null = null;
  for (const c of sql) {
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"' || c === "`") quote = c;
    else if (c === ";") {
      if (current.trim()) out.push(current.trim());
      current = "";
      continue;
    }
    current += c;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

// ---------------------------------------------------------------------------------------
// Expressions.

type Expr =
  | { kind: "literal"; value: Stored }
  | { kind: "param"; name: string }
  | { kind: "ref"; alias?: string; column: string }
  | { kind: "cast"; expr: Expr; type: FakeType }
  | { kind: "parse_json"; expr: Expr }
  | { kind: "compare"; op: string; left: Expr; right: Expr }
  | { kind: "call"; name: "GREATEST" | "EQUAL_NULL" | "TO_JSON_STRING" | "TO_JSON"; args: Expr[] }
  | { kind: "isnull"; expr: Expr; negated: boolean }
  | { kind: "distinct"; left: Expr; right: Expr }
  | { kind: "exists"; table: { schema?: string; name: string }; alias: string; where: Expr }
  | { kind: "max"; table: { schema?: string; name: string }; column: string }
  | { kind: "and"; left: Expr; right: Expr }
  | { kind: "or"; left: Expr; right: Expr }
  | { kind: "not"; expr: Expr };

/** A row in scope: alias (or "") → table and row. */
type Scope = Map<string, { table: FakeTable; row: Stored[] }>;

/** A typed evaluated value: the type is known for column references and casts. */
interface Typed {
  value: Stored;
  type?: FakeType;
  /** Untyped parameter text (Snowflake's TEXT bindings), cast by what it meets. */
  text?: string;
}

export interface StatementResult {
  /** Rows a SELECT-like statement returns (as text), or the counts of a DML statement. */
  columns: string[];
  rows: (string | null)[][];
  /** A SELECT's column types and values as stored: each vendor's fake encodes them its own way. */
  select?: { types: FakeType[]; values: Stored[][] };
}

// ---------------------------------------------------------------------------------------
// The engine.

export class FakeWarehouse {
  /** Permanent schemas → tables (keys folded as the dialect compares names). */
  readonly schemas = new Map<string, Map<string, FakeTable>>();
  /** Every statement applied, for tests that want the text. */
  readonly log: string[] = [];

  constructor(readonly rules: SqlRules) {}

  key(name: string): string {
    return this.rules.caseInsensitive ? name.toLowerCase() : name;
  }

  /** A permanent table, by its names as stored. */
  table(schema: string, name: string): FakeTable | undefined {
    return this.schemas.get(this.key(schema))?.get(this.key(name));
  }

  /** Runs one script in one session: temporary tables vanish at its end. */
  run(sql: string, params: Map<string, BoundParam>, options: { defaultSchema?: string } = {}): StatementResult[] {
    const session = new Session(this, params, options.defaultSchema);
    return splitStatements(sql).map((statement) => {
      this.log.push(statement);
      return session.execute(statement);
    });
  }
}

class Session {
  private tokens: Token[] = [];
  private at = 0;
  private readonly temporary = new Map<string, FakeTable>();
  /** Positional parameters are numbered across the statements of a request. */
  private readonly counter = { positional: 0 };

  constructor(
    private readonly w: FakeWarehouse,
    private readonly params: Map<string, BoundParam>,
    private readonly defaultSchema?: string,
  ) {}

  private get rules(): SqlRules {
    return this.w.rules;
  }

  // --- token helpers

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.at + offset];
  }

  private isWord(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t?.kind === "word" && t.text.toUpperCase() === word;
  }

  private eat(...words: string[]): boolean {
    if (!words.every((w, i) => this.isWord(w, i))) return false;
    this.at += words.length;
    return true;
  }

  private expect(...words: string[]): void {
    if (!this.eat(...words)) this.syntax(words.join(" "));
  }

  private punct(p: string): boolean {
    const t = this.peek();
    if (t?.kind === "punct" && t.text === p) {
      this.at++;
      return true;
    }
    return false;
  }

  private expectPunct(p: string): void {
    if (!this.punct(p)) this.syntax(p);
  }

  private syntax(wanted: string): never {
    const t = this.peek();
    throw new SqlError(
      `SQL compilation error: syntax error unexpected '${t?.text ?? "<EOF>"}' (expected ${wanted})`,
      "001003",
    );
  }

  /** An identifier: quoted as is, unquoted folded and never a reserved word; length checked. */
  private ident(what = "identifier"): string {
    const t = this.peek();
    if (!t || (t.kind !== "word" && t.kind !== "quoted")) this.syntax(what);
    this.at++;
    let name = t.text;
    if (t.kind === "word") {
      if (this.rules.reserved.has(name.toUpperCase())) {
        throw new SqlError(
          `SQL compilation error: syntax error unexpected '${name}': a reserved word must be quoted`,
          "001003",
        );
      }
      name = this.rules.foldUnquoted(name);
    }
    if (name.length === 0) throw new SqlError("SQL compilation error: empty identifier", "001003");
    if (name.length > this.rules.maxIdentifier) {
      throw new SqlError(
        `SQL compilation error: identifier '${name.slice(0, 20)}…' is too long (${name.length} > ${this.rules.maxIdentifier})`,
        "001003",
      );
    }
    return name;
  }

  private columnName(): string {
    const name = this.ident("column name");
    const bad = this.rules.badColumnName?.(name);
    if (bad) throw new SqlError(`Invalid field name "${name}". ${bad}`, "invalid");
    return name;
  }

  /** `[schema.]name`; a one-part name is a temporary table or in the default schema. */
  private tableName(): { schema?: string; name: string } {
    const first = this.ident("table name");
    if (this.punct(".")) return { schema: first, name: this.ident("table name") };
    return { name: first };
  }

  private resolve(ref: { schema?: string; name: string }): FakeTable {
    const k = (n: string) => this.w.key(n);
    const temp = this.temporary.get(`${ref.schema ? k(ref.schema) : ""}.${k(ref.name)}`);
    if (temp) return temp;
    const schema = ref.schema ?? this.defaultSchema;
    const table = schema ? this.w.schemas.get(k(schema))?.get(k(ref.name)) : undefined;
    if (!table) {
      throw new SqlError(
        `SQL compilation error: Object '${schema ? `${schema}.` : ""}${ref.name}' does not exist or not authorized.`,
        "002003",
      );
    }
    return table;
  }

  private typeName(): FakeType {
    let text = "";
    const t = this.peek();
    if (t?.kind !== "word") this.syntax("type");
    text = t.text.toUpperCase();
    this.at++;
    if (this.punct("(")) {
      const parts: string[] = [];
      do {
        const n = this.peek();
        if (n?.kind !== "number") this.syntax("number");
        parts.push(n.text);
        this.at++;
      } while (this.punct(","));
      this.expectPunct(")");
      text += `(${parts.join(",")})`;
    }
    const type = this.rules.type(text);
    if (!type) throw new SqlError(`SQL compilation error: Unsupported data type '${text}'.`, "002040");
    return type;
  }

  private done(): void {
    if (this.peek()) this.syntax("end of statement");
  }

  // --- statements

  execute(sql: string): StatementResult {
    this.tokens = tokenize(sql, this.rules, this.counter);
    this.at = 0;
    const ok = (count?: number): StatementResult =>
      count === undefined
        ? { columns: ["status"], rows: [["Statement executed successfully."]] }
        : { columns: ["number of rows"], rows: [[String(count)]] };
    if (this.eat("CREATE", "SCHEMA")) {
      this.expect("IF", "NOT", "EXISTS");
      const name = this.ident("schema name");
      this.done();
      if (!this.w.schemas.has(this.w.key(name))) this.w.schemas.set(this.w.key(name), new Map());
      return ok();
    }
    if (this.eat("CREATE")) return (this.createTable(), ok());
    if (this.eat("ALTER", "TABLE")) return (this.alter(), ok());
    if (this.eat("INSERT", "INTO")) return ok(this.insert());
    if (this.eat("MERGE", "INTO")) return this.merge();
    if (this.eat("UPDATE")) return ok(this.update());
    if (this.eat("DELETE", "FROM")) return ok(this.deleteFrom());
    if (this.eat("SELECT")) return this.select();
    if (this.eat("DROP", "TABLE")) {
      this.eat("IF", "EXISTS");
      const ref = this.tableName();
      this.done();
      if (this.temporary.delete(`${ref.schema ? this.w.key(ref.schema) : ""}.${this.w.key(ref.name)}`)) return ok();
      this.w.schemas.get(this.w.key(ref.schema ?? this.defaultSchema ?? ""))?.delete(this.w.key(ref.name));
      return ok();
    }
    return this.syntax("a statement this fake implements");
  }

  private createTable(): void {
    const temporary = this.eat("TEMPORARY") || this.eat("TEMP");
    this.expect("TABLE");
    const ifNotExists = this.eat("IF", "NOT", "EXISTS");
    const ref = this.tableName();
    this.expectPunct("(");
    const columns: FakeColumn[] = [];
    do {
      const name = this.columnName();
      const type = this.typeName();
      const notNull = this.eat("NOT", "NULL");
      if (columns.some((c) => this.w.key(c.name) === this.w.key(name))) {
        throw new SqlError(`SQL compilation error: duplicate column name '${name}'`, "002025");
      }
      columns.push({ name, type, notNull });
    } while (this.punct(","));
    this.expectPunct(")");
    this.done();
    const table: FakeTable = { name: ref.name, columns, rows: [] };
    if (temporary) {
      if (ref.schema && !this.rules.qualifiedTemporary) {
        throw new SqlError("Temporary tables may not be qualified with a dataset name", "invalidQuery");
      }
      if (!ref.schema && this.rules.temporaryNeedsSchema && !this.defaultSchema) {
        throw new SqlError(
          "Cannot perform CREATE TEMPTABLE. This session does not have a current schema. Call 'USE SCHEMA', or use a qualified name.",
          "090106",
        );
      }
      if (ref.schema && !this.w.schemas.has(this.w.key(ref.schema))) {
        throw new SqlError(`SQL compilation error: Schema '${ref.schema}' does not exist or not authorized.`, "002003");
      }
      this.temporary.set(`${ref.schema ? this.w.key(ref.schema) : ""}.${this.w.key(ref.name)}`, table);
      return;
    }
    const schemaName = ref.schema ?? this.defaultSchema;
    const schema = schemaName ? this.w.schemas.get(this.w.key(schemaName)) : undefined;
    if (!schema)
      throw new SqlError(`SQL compilation error: Schema '${schemaName}' does not exist or not authorized.`, "002003");
    if (schema.has(this.w.key(ref.name))) {
      if (ifNotExists) return;
      throw new SqlError(`SQL compilation error: Object '${ref.name}' already exists.`, "002002");
    }
    schema.set(this.w.key(ref.name), table);
  }

  private column(table: FakeTable, name: string): number {
    const i = table.columns.findIndex((c) => this.w.key(c.name) === this.w.key(name));
    if (i < 0) throw new SqlError(`SQL compilation error: invalid identifier '${name}' in ${table.name}`, "000904");
    return i;
  }

  private alter(): void {
    const table = this.resolve(this.tableName());
    if (this.eat("ADD", "COLUMN")) {
      const name = this.columnName();
      const type = this.typeName();
      this.done();
      if (table.columns.some((c) => this.w.key(c.name) === this.w.key(name))) {
        throw new SqlError(`SQL compilation error: column '${name}' already exists`, "002025");
      }
      table.columns.push({ name, type, notNull: false });
      for (const row of table.rows) row.push(null);
    } else if (this.eat("DROP", "COLUMN")) {
      const i = this.column(table, this.ident());
      this.done();
      table.columns.splice(i, 1);
      for (const row of table.rows) row.splice(i, 1);
    } else if (this.eat("RENAME", "COLUMN")) {
      const i = this.column(table, this.ident());
      this.expect("TO");
      const name = this.columnName();
      this.done();
      (table.columns[i] as FakeColumn).name = name;
    } else if (this.eat("ALTER", "COLUMN")) {
      const i = this.column(table, this.ident());
      this.expect("SET", "DATA", "TYPE");
      const type = this.typeName();
      this.done();
      const column = table.columns[i] as FakeColumn;
      const from = column.type;
      // Only widenings in place: a NUMBER's precision up (same scale); BigQuery also INT64 → NUMERIC/FLOAT64.
      const numeric = (t: FakeType) => t.base === "NUMBER" || t.base === "INT64";
      const widens =
        (numeric(from) &&
          numeric(type) &&
          (type.scale ?? 0) === (from.scale ?? 0) &&
          (type.precision ?? 38) >= (from.precision ?? 38)) ||
        (from.base === "INT64" && (type.base === "NUMBER" || type.base === "FLOAT")) ||
        (from.base === "NUMBER" && type.base === "FLOAT" && this.rules.quote === "`");
      if (!widens) {
        throw new SqlError(
          `SQL compilation error: cannot change column ${column.name} from type ${from.text} to ${type.text}`,
          "002108",
        );
      }
      for (const row of table.rows) row[i] = coerce(row[i] ?? null, type, this.rules);
      column.type = type;
    } else this.syntax("ADD COLUMN, DROP COLUMN, RENAME COLUMN or ALTER COLUMN");
  }

  private insert(): number {
    const table = this.resolve(this.tableName());
    this.expectPunct("(");
    const targets: number[] = [];
    do targets.push(this.column(table, this.ident()));
    while (this.punct(","));
    this.expectPunct(")");
    this.expect("VALUES");
    const rows: Stored[][] = [];
    do {
      this.expectPunct("(");
      const values: Expr[] = [];
      do values.push(this.expr());
      while (this.punct(","));
      this.expectPunct(")");
      if (values.length !== targets.length) {
        throw new SqlError(
          `SQL compilation error: Insert value list does not match column list expecting ${targets.length} but got ${values.length}`,
          "002020",
        );
      }
      rows.push(
        this.newRow(
          table,
          targets,
          values.map((v) => this.evaluate(v, new Map())),
        ),
      );
    } while (this.punct(","));
    this.done();
    table.rows.push(...rows);
    return rows.length;
  }

  /** A full row of `table` with `values` at `targets`, every value cast to its column. */
  private newRow(table: FakeTable, targets: number[], values: Typed[]): Stored[] {
    const row: Stored[] = table.columns.map(() => null);
    targets.forEach((t, i) => {
      row[t] = this.store(values[i] as Typed, table.columns[t] as FakeColumn);
    });
    for (const [i, c] of table.columns.entries()) {
      if (c.notNull && row[i] === null) {
        throw new SqlError(`NULL result in a non-nullable column '${c.name}' of ${table.name}`, "100072");
      }
    }
    return row;
  }

  private store(value: Typed, column: FakeColumn): Stored {
    if (value.text !== undefined) return parseText(value.text, column.type, this.rules);
    if (value.value === null) return null;
    if (value.type && value.type.base !== column.type.base) {
      const allowed =
        column.type.base === "FLOAT" ? ["NUMBER", "INT64"] : column.type.base === "NUMBER" ? ["INT64", "NUMBER"] : [];
      if (!allowed.includes(value.type.base) && column.type.base !== "STRING" && this.rules.quote === "`") {
        throw new SqlError(
          `Value of type ${value.type.text} cannot be assigned to ${column.name}, which has type ${column.type.text}`,
          "invalidQuery",
        );
      }
    }
    return coerce(value.value, column.type, this.rules);
  }

  private merge(): StatementResult {
    const target = this.resolve(this.tableName());
    this.expect("AS");
    const tAlias = this.ident().toUpperCase();
    this.expect("USING");
    const source = this.resolve(this.tableName());
    this.expect("AS");
    const sAlias = this.ident().toUpperCase();
    this.expect("ON");
    const on = this.expr();
    type Clause = {
      matched: boolean;
      cond?: Expr;
      action: "update" | "delete" | "insert";
      sets?: [number, Expr][];
      cols?: number[];
      values?: Expr[];
    };
    const clauses: Clause[] = [];
    while (this.eat("WHEN")) {
      const matched = !this.eat("NOT");
      this.expect("MATCHED");
      const cond = this.eat("AND") ? this.expr() : undefined;
      this.expect("THEN");
      if (matched && this.eat("UPDATE", "SET")) {
        const sets: [number, Expr][] = [];
        do {
          const c = this.column(target, this.ident());
          this.expectPunct("=");
          sets.push([c, this.expr()]);
        } while (this.punct(","));
        clauses.push({ matched, cond, action: "update", sets });
      } else if (matched && this.eat("DELETE")) clauses.push({ matched, cond, action: "delete" });
      else if (!matched && this.eat("INSERT")) {
        this.expectPunct("(");
        const cols: number[] = [];
        do cols.push(this.column(target, this.ident()));
        while (this.punct(","));
        this.expectPunct(")");
        this.expect("VALUES");
        this.expectPunct("(");
        const values: Expr[] = [];
        do values.push(this.expr());
        while (this.punct(","));
        this.expectPunct(")");
        if (values.length !== cols.length)
          throw new SqlError("SQL compilation error: INSERT column and value counts differ", "002020");
        clauses.push({ matched, cond, action: "insert", cols, values });
      } else this.syntax("UPDATE SET, DELETE or INSERT");
    }
    this.done();
    let inserted = 0;
    let updated = 0;
    let deleted = 0;
    const existing = target.rows.slice();
    const claimed = new Set<Stored[]>();
    const removed = new Set<Stored[]>();
    const added: Stored[][] = [];
    for (const srow of source.rows) {
      const matches = existing.filter((trow) =>
        truthy(this.evaluate(on, scope([tAlias, target, trow], [sAlias, source, srow])).value),
      );
      if (matches.length > 0) {
        for (const trow of matches) {
          if (claimed.has(trow)) {
            throw new SqlError(
              "Duplicate row detected during DML action: a row of the target matched more than one row of the source",
              "100090",
            );
          }
          claimed.add(trow);
          const sc = scope([tAlias, target, trow], [sAlias, source, srow]);
          const clause = clauses.find((c) => c.matched && (!c.cond || truthy(this.evaluate(c.cond, sc).value)));
          if (!clause) continue;
          if (clause.action === "delete") {
            removed.add(trow);
            deleted++;
          } else {
            const values = (clause.sets ?? []).map(
              ([c, e]) => [c, this.store(this.evaluate(e, sc), target.columns[c] as FakeColumn)] as const,
            );
            for (const [c, v] of values) trow[c] = v;
            target.columns.forEach((col, i) => {
              if (col.notNull && trow[i] === null)
                throw new SqlError(`NULL result in a non-nullable column '${col.name}'`, "100072");
            });
            updated++;
          }
        }
      } else {
        const sc = scope([sAlias, source, srow]);
        const clause = clauses.find((c) => !c.matched && (!c.cond || truthy(this.evaluate(c.cond, sc).value)));
        if (!clause) continue;
        added.push(
          this.newRow(
            target,
            clause.cols ?? [],
            (clause.values ?? []).map((e) => this.evaluate(e, sc)),
          ),
        );
        inserted++;
      }
    }
    target.rows = target.rows.filter((r) => !removed.has(r));
    target.rows.push(...added);
    const columns = ["number of rows inserted", "number of rows updated"];
    const counts = [inserted, updated];
    if (clauses.some((c) => c.action === "delete")) {
      columns.push("number of rows deleted");
      counts.push(deleted);
    }
    return { columns, rows: [counts.map(String)] };
  }

  /** `AS alias` after a table name, or "". */
  private alias(): string {
    return this.eat("AS") ? this.ident().toUpperCase() : "";
  }

  private update(): number {
    const table = this.resolve(this.tableName());
    const alias = this.alias();
    this.expect("SET");
    const sets: [number, Expr][] = [];
    do {
      const c = this.column(table, this.ident());
      this.expectPunct("=");
      sets.push([c, this.expr()]);
    } while (this.punct(","));
    this.expect("WHERE");
    const where = this.expr();
    this.done();
    let n = 0;
    for (const row of table.rows) {
      const sc = scope([alias, table, row]);
      if (!truthy(this.evaluate(where, sc).value)) continue;
      const values = sets.map(
        ([c, e]) => [c, this.store(this.evaluate(e, sc), table.columns[c] as FakeColumn)] as const,
      );
      for (const [c, v] of values) row[c] = v;
      n++;
    }
    return n;
  }

  private deleteFrom(): number {
    const table = this.resolve(this.tableName());
    const alias = this.alias();
    this.expect("WHERE");
    const where = this.expr();
    this.done();
    const before = table.rows.length;
    const doomed = new Set(table.rows.filter((row) => truthy(this.evaluate(where, scope([alias, table, row])).value)));
    table.rows = table.rows.filter((row) => !doomed.has(row));
    return before - table.rows.length;
  }

  /** `SELECT items FROM t [AS a] [WHERE …] [ORDER BY …] [LIMIT n]`: one table, no joins. */
  private select(): StatementResult {
    const items: { expr: Expr; name: string }[] = [];
    do {
      const expr = this.expr();
      const name = this.eat("AS")
        ? this.ident("column alias")
        : expr.kind === "ref"
          ? expr.column
          : `f${items.length}_`;
      items.push({ expr, name });
    } while (this.punct(","));
    this.expect("FROM");
    const table = this.resolve(this.tableName());
    const alias = this.alias();
    const where = this.eat("WHERE") ? this.expr() : undefined;
    const order: { expr: Expr; descending: boolean }[] = [];
    if (this.eat("ORDER", "BY")) {
      do {
        const expr = this.expr();
        const descending = this.eat("DESC");
        if (!descending) this.eat("ASC");
        order.push({ expr, descending });
      } while (this.punct(","));
    }
    let limit: number | undefined;
    if (this.eat("LIMIT")) {
      const n = this.peek();
      if (n?.kind !== "number" || n.text.includes(".")) this.syntax("a row count");
      this.at++;
      limit = Number(n.text);
    }
    this.done();
    const rows = table.rows.filter((row) => !where || truthy(this.evaluate(where, scope([alias, table, row])).value));
    const keyed = rows.map((row) => {
      const sc = scope([alias, table, row]);
      return {
        sort: order.map((o) => {
          const v = this.evaluate(o.expr, sc);
          if (v.type && this.rules.unordered?.has(v.type.base)) {
            throw new SqlError(`ORDER BY does not support expressions of type ${v.type.text}`, "invalidQuery");
          }
          return v.value;
        }),
        out: items.map((item) => this.evaluate(item.expr, sc)),
      };
    });
    keyed.sort((x, y) => {
      for (const [i, o] of order.entries()) {
        const a = x.sort[i] ?? null;
        const b = y.sort[i] ?? null;
        let c: number;
        if (a === null || b === null) {
          c = a === b ? 0 : (a === null) === this.rules.nullsFirst ? -1 : 1;
          if (o.descending) c = -c;
        } else c = o.descending ? -compare(a, b) : compare(a, b);
        if (c !== 0) return c;
      }
      return 0;
    });
    const kept = limit === undefined ? keyed : keyed.slice(0, limit);
    const types = items.map((item, i) => {
      const typed = kept[0]?.out[i]?.type;
      if (typed) return typed;
      if (item.expr.kind === "ref") {
        const column = table.columns[this.column(table, item.expr.column)] as FakeColumn;
        return column.type;
      }
      return { base: "STRING", text: "STRING" } as FakeType;
    });
    const values = kept.map((r) => r.out.map((v) => v.value));
    return {
      columns: items.map((i) => i.name),
      rows: values.map((row) => row.map(storedText)),
      select: { types, values },
    };
  }

  // --- expressions

  private expr(): Expr {
    let left = this.conjunction();
    while (this.eat("OR")) left = { kind: "or", left, right: this.conjunction() };
    return left;
  }

  private conjunction(): Expr {
    let left = this.not();
    while (this.eat("AND")) left = { kind: "and", left, right: this.not() };
    return left;
  }

  private not(): Expr {
    if (this.eat("NOT")) return { kind: "not", expr: this.not() };
    const left = this.primary();
    if (this.eat("IS")) {
      if (this.eat("NOT", "DISTINCT", "FROM")) return { kind: "distinct", left, right: this.primary() };
      const negated = this.eat("NOT");
      this.expect("NULL");
      return { kind: "isnull", expr: left, negated };
    }
    const t = this.peek();
    if (t?.kind === "punct" && ["=", "<", ">", "<=", ">=", "<>", "!="].includes(t.text)) {
      this.at++;
      return { kind: "compare", op: t.text, left, right: this.primary() };
    }
    return left;
  }

  private primary(): Expr {
    const t = this.peek();
    if (!t) return this.syntax("expression");
    if (t.kind === "param") {
      this.at++;
      return { kind: "param", name: t.param as string };
    }
    if (t.kind === "string") {
      this.at++;
      return { kind: "literal", value: t.text };
    }
    if (t.kind === "number") {
      this.at++;
      return { kind: "literal", value: t.text };
    }
    if (this.isWord("EXISTS") && this.peek(1)?.text === "(") {
      // EXISTS (SELECT 1 FROM table [AS] alias WHERE cond): the one correlated subquery shape.
      this.at += 2;
      this.expect("SELECT");
      const one = this.peek();
      if (one?.kind !== "number") this.syntax("1");
      this.at++;
      this.expect("FROM");
      const table = this.tableName();
      this.eat("AS");
      const alias = this.ident().toUpperCase();
      this.expect("WHERE");
      const where = this.expr();
      this.expectPunct(")");
      return { kind: "exists", table, alias, where };
    }
    if (this.punct("(")) {
      if (this.eat("SELECT")) {
        // (SELECT MAX(col) FROM table): the one scalar subquery shape.
        this.expect("MAX");
        this.expectPunct("(");
        const column = this.ident();
        this.expectPunct(")");
        this.expect("FROM");
        const table = this.tableName();
        this.expectPunct(")");
        return { kind: "max", table, column };
      }
      const e = this.expr();
      this.expectPunct(")");
      return e;
    }
    for (const name of ["GREATEST", "EQUAL_NULL", "TO_JSON_STRING", "TO_JSON"] as const) {
      if (this.isWord(name) && this.peek(1)?.text === "(") {
        this.at += 2;
        const args: Expr[] = [];
        do args.push(this.expr());
        while (this.punct(","));
        this.expectPunct(")");
        if (args.length !== (name.startsWith("TO_JSON") ? 1 : 2)) this.syntax(`${name} arguments`);
        return { kind: "call", name, args };
      }
    }
    if (this.eat("TRUE")) return { kind: "literal", value: true };
    if (this.eat("FALSE")) return { kind: "literal", value: false };
    if (this.eat("NULL")) return { kind: "literal", value: null };
    if (this.isWord("CAST") && this.peek(1)?.text === "(") {
      this.at += 2;
      const expr = this.expr();
      this.expect("AS");
      const type = this.typeName();
      this.expectPunct(")");
      return { kind: "cast", expr, type };
    }
    if (this.isWord("PARSE_JSON") && this.peek(1)?.text === "(") {
      this.at += 2;
      const expr = this.expr();
      this.expectPunct(")");
      return { kind: "parse_json", expr };
    }
    const first = this.ident("column");
    if (this.punct(".")) return { kind: "ref", alias: first.toUpperCase(), column: this.ident("column") };
    return { kind: "ref", column: first };
  }

  private evaluate(e: Expr, sc: Scope): Typed {
    switch (e.kind) {
      case "literal":
        return { value: e.value };
      case "param": {
        const p = this.params.get(e.name);
        if (!p) throw new SqlError(`Bind variable ${e.name} not set.`, "002049");
        if (p.value === null) return { value: null, type: p.type };
        if (p.type) return { value: parseText(p.value, p.type, this.rules), type: p.type };
        return { value: p.value, text: p.value };
      }
      case "ref": {
        const entry = e.alias ? sc.get(e.alias) : sc.size === 1 ? [...sc.values()][0] : sc.get("");
        if (!entry) throw new SqlError(`SQL compilation error: invalid identifier '${e.alias}.${e.column}'`, "000904");
        const i = this.column(entry.table, e.column);
        return { value: entry.row[i] ?? null, type: (entry.table.columns[i] as FakeColumn).type };
      }
      case "cast": {
        const v = this.evaluate(e.expr, sc);
        if (v.text !== undefined) return { value: parseText(v.text, e.type, this.rules), type: e.type };
        return { value: coerce(v.value, e.type, this.rules), type: e.type };
      }
      case "parse_json": {
        const v = this.evaluate(e.expr, sc);
        if (v.value === null) return { value: null, type: JSON_TYPE };
        return { value: parseDefault(storedText(v.value) as string, JSON_TYPE), type: JSON_TYPE };
      }
      case "exists": {
        const table = this.resolve(e.table);
        const found = table.rows.some((row) => {
          const inner: Scope = new Map(sc);
          inner.set(e.alias, { table, row });
          return truthy(this.evaluate(e.where, inner).value);
        });
        return { value: found };
      }
      case "max": {
        const table = this.resolve(e.table);
        const i = this.column(table, e.column);
        let best: Stored = null;
        for (const row of table.rows) {
          const v = row[i] ?? null;
          if (v !== null && (best === null || compare(v, best) > 0)) best = v;
        }
        return { value: best, type: (table.columns[i] as FakeColumn).type };
      }
      case "isnull": {
        const v = this.evaluate(e.expr, sc).value;
        return { value: (v === null) !== e.negated };
      }
      case "distinct":
      case "call": {
        if (e.kind === "call" && (e.name === "TO_JSON_STRING" || e.name === "TO_JSON")) {
          const v = this.evaluate(e.args[0] as Expr, sc).value;
          return { value: v === null ? null : storedText(v), type: { base: "STRING", text: "STRING" } };
        }
        const [l, r] = e.kind === "distinct" ? [e.left, e.right] : (e.args as [Expr, Expr]);
        let a = this.evaluate(l, sc);
        let b = this.evaluate(r, sc);
        if (a.text !== undefined && b.type) a = { value: parseText(a.text, b.type, this.rules), type: b.type };
        if (b.text !== undefined && a.type) b = { value: parseText(b.text, a.type, this.rules), type: a.type };
        if (e.kind === "call" && e.name === "GREATEST") {
          if (a.value === null || b.value === null) return { value: null };
          return compare(a.value, b.value) >= 0 ? a : b;
        }
        // Null-safe equality: EQUAL_NULL (Snowflake), IS NOT DISTINCT FROM (BigQuery).
        if (a.value === null || b.value === null) return { value: a.value === b.value };
        if (this.rules.quote === "`" && (a.type?.base === "JSON" || b.type?.base === "JSON")) {
          throw new SqlError("Equality is not defined for arguments of type JSON", "invalidQuery");
        }
        return { value: compare(a.value, b.value) === 0 };
      }
      case "not": {
        const v = this.evaluate(e.expr, sc).value;
        return { value: v === null ? null : !truthy(v) };
      }
      case "and": {
        const a = this.evaluate(e.left, sc).value;
        const b = this.evaluate(e.right, sc).value;
        if (a === false || b === false) return { value: false };
        return { value: a === null || b === null ? null : true };
      }
      case "or": {
        const a = this.evaluate(e.left, sc).value;
        const b = this.evaluate(e.right, sc).value;
        if (a === true || b === true) return { value: true };
        return { value: a === null || b === null ? null : false };
      }
      case "compare": {
        let a = this.evaluate(e.left, sc);
        let b = this.evaluate(e.right, sc);
        // Untyped text meets a typed side: it is cast to that type (Snowflake's implicit cast).
        if (a.text !== undefined && b.type) a = { value: parseText(a.text, b.type, this.rules), type: b.type };
        if (b.text !== undefined && a.type) b = { value: parseText(b.text, a.type, this.rules), type: a.type };
        if (e.op !== "=" && e.op !== "<>" && e.op !== "!=") {
          const refused = [a.type, b.type].find((t) => t && this.rules.unordered?.has(t.base));
          if (refused)
            throw new SqlError(`No matching signature for operator ${e.op} for type ${refused.text}`, "invalidQuery");
        }
        if (a.value === null || b.value === null) return { value: null };
        const c = compare(a.value, b.value);
        const value =
          e.op === "="
            ? c === 0
            : e.op === "<"
              ? c < 0
              : e.op === ">"
                ? c > 0
                : e.op === "<="
                  ? c <= 0
                  : e.op === ">="
                    ? c >= 0
                    : c !== 0;
        return { value };
      }
    }
  }
}

const JSON_TYPE: FakeType = { base: "JSON", text: "JSON" };

function truthy(v: Stored): boolean {
  return v === true;
}

function scope(...entries: [string, FakeTable, Stored[]][]): Scope {
  return new Map(entries.map(([alias, table, row]) => [alias, { table, row }]));
}

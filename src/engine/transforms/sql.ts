/**
 * SQL transforms: what a query may be, and what columns it produces. Parsing is
 * sql-parser-cst's (SQLite dialect); the rules that bound the work a query can do per batch are
 * ours:
 *
 * - exactly one statement, a SELECT (or VALUES / compound SELECT): no DDL or DML, no ATTACH,
 *   PRAGMA, transactions, no bind parameters;
 * - no recursive CTE (`WITH RECURSIVE`, or a CTE that names itself, which SQLite also recurses);
 * - `{{ source }}` and each CTE read at most once (no self-joins: a batch joined with itself is
 *   quadratic, three times cubic);
 * - only functions of an allow-list (no `randomblob`, `zeroblob`, `printf` widths, `pragma_*`
 *   table functions, `load_extension`).
 *
 * At run time the executor (do/transform-do.ts) also bounds the rows and bytes a query returns.
 * The query is then prepared against the stream's columns in the TransformDO: that names the
 * result columns and reports unknown columns and tables. Types come from the query here: a
 * source column keeps its type, an expression gets the type of what SQLite computes.
 */
import { parse } from "sql-parser-cst";
import type { Column, ColumnType, Stream } from "../protocol";

/** The name the batch's scratch table has; `{{ source }}` is replaced by it. */
export const SOURCE_TABLE = "__source__";

const SOURCE_PLACEHOLDER = /\{\{\s*source\s*\}\}/gi;

/** Functions a transform may call (lowercase). Anything else is refused before it runs. */
const ALLOWED_FUNCTIONS = new Set([
  // scalar
  "abs", "char", "coalesce", "concat", "concat_ws", "glob", "hex", "ifnull", "iif", "instr", "length", "like",
  "lower", "ltrim", "max", "min", "nullif", "octet_length", "quote", "replace", "round", "rtrim", "sign", "substr",
  "substring", "trim", "typeof", "unhex", "unicode", "upper",
  // math
  "ceil", "ceiling", "floor", "exp", "ln", "log", "log10", "log2", "mod", "pi", "pow", "power", "sqrt", "trunc",
  // dates and times
  "date", "time", "datetime", "julianday", "strftime", "unixepoch", "timediff",
  // JSON (json_each / json_tree are bounded by the size of one value)
  "json", "json_array", "json_array_length", "json_extract", "json_insert", "json_object", "json_patch",
  "json_remove", "json_replace", "json_set", "json_type", "json_valid", "json_quote", "json_group_array",
  "json_group_object", "json_each", "json_tree",
  // aggregates and windows
  "avg", "count", "group_concat", "string_agg", "sum", "total", "row_number", "rank", "dense_rank", "percent_rank",
  "cume_dist", "ntile", "lag", "lead", "first_value", "last_value", "nth_value",
]); // biome-ignore format: one list, grouped by kind

/** A query the rules refused, or one SQLite could not prepare; `position` is 1-based in the query. */
export class TransformQueryError extends Error {
  constructor(
    message: string,
    readonly position?: { line: number; column: number },
  ) {
    super(message);
    this.name = "TransformQueryError";
  }
}

/** A query as the executor runs it, and the columns the analysis could type. */
export interface AnalyzedQuery {
  /** The SELECT with `{{ source }}` replaced by {@link SOURCE_TABLE}, without a trailing `;`. */
  sql: string;
  /** Where `sql` starts in the query (SQLite's error offsets count from there). */
  start: number;
  /** The query as substituted (same positions as the user's). */
  text: string;
  /**
   * One entry per result column when the select list could be expanded (`*` and `t.*` give the
   * source's columns); undefined when the query's shape is not a plain SELECT list (VALUES,
   * compound selects): then columns are typed by name.
   */
  columns?: (Column | undefined)[];
}

// biome-ignore lint/suspicious/noExplicitAny: sql-parser-cst's nodes are walked generically.
type Node = any;

/** SQLite's message with its `at offset N` (into `analyzed.sql`) said as a line and column of the query. */
export function locateSqliteError(message: string, analyzed: AnalyzedQuery): string {
  return message.replace(/ at offset (\d+)$/, (_, offset) => {
    const { line, column } = positionOf(analyzed.text, analyzed.start + Number(offset));
    return ` (line ${line}, column ${column})`;
  });
}

function positionOf(query: string, offset: number): { line: number; column: number } {
  const before = query.slice(0, offset);
  const lines = before.split("\n");
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

function fail(query: string, node: Node, message: string): never {
  const offset = Array.isArray(node?.range) ? node.range[0] : undefined;
  const position = offset === undefined ? undefined : positionOf(query, offset);
  const at = position ? ` (line ${position.line}, column ${position.column})` : "";
  throw new TransformQueryError(`${message}${at}`, position);
}

function walk(node: Node, visit: (node: Node) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
    return;
  }
  if (!node || typeof node !== "object") return;
  if (typeof node.type === "string") visit(node);
  for (const [key, value] of Object.entries(node)) if (key !== "range") walk(value, visit);
}

const lower = (name: string) => name.toLowerCase();

/**
 * The query with `{{ source }}` substituted by the scratch table's name, padded with spaces to
 * the placeholder's length (never shorter than the name) so positions in errors stay the user's.
 */
export function substituteSource(query: string): string {
  return query.replace(SOURCE_PLACEHOLDER, (placeholder) => SOURCE_TABLE.padEnd(placeholder.length, " "));
}

/**
 * Checks a transform query against the rules above and types what it can. Throws
 * {@link TransformQueryError} naming the offending part and its position.
 */
export function analyzeQuery(query: string, stream: Pick<Stream, "columns">): AnalyzedQuery {
  const text = substituteSource(query);
  let program: Node;
  try {
    program = parse(text, { dialect: "sqlite", includeRange: true, paramTypes: [] });
  } catch (error) {
    const message = String((error as Error).message ?? error);
    const located = /--> [^:]*:(\d+):(\d+)/.exec(message);
    const first = message.split("\n")[0] ?? message;
    const position = located ? { line: Number(located[1]), column: Number(located[2]) } : undefined;
    const at = position ? ` (line ${position.line}, column ${position.column})` : "";
    throw new TransformQueryError(
      `the query does not parse: ${first.replace(/__source__/g, "{{ source }}")}${at}`,
      position,
    );
  }
  const statements = (program.statements as Node[]).filter((s) => s.type !== "empty");
  if (statements.length !== 1) {
    fail(text, statements[1], `the query must be a single SELECT; it has ${statements.length} statements`);
  }
  const statement = statements[0];
  if (statement.type !== "select_stmt" && statement.type !== "compound_select_stmt") {
    fail(
      text,
      statement,
      `only a SELECT is accepted, not ${statement.type
        .replace(/_stmt$/, "")
        .replace(/_/g, " ")
        .toUpperCase()}`,
    );
  }

  // CTEs: not recursive, each read at most once (like the source).
  const reads = new Set<string>([lower(SOURCE_TABLE)]);
  walk(statement, (node) => {
    if (node.type === "with_clause" && node.recursiveKw) fail(text, node, "WITH RECURSIVE is not accepted");
    if (node.type === "common_table_expr") {
      const name = lower(node.table.name);
      walk(node.expr, (inner) => {
        if (inner.type === "identifier" && lower(inner.name) === name) {
          fail(text, inner, `the CTE ${node.table.name} reads itself: recursive queries are not accepted`);
        }
      });
      reads.add(name);
    }
  });
  const occurrences = new Map<string, Node[]>();
  walk(statement, (node) => {
    if (node.type === "common_table_expr") return;
    if (node.type === "identifier" && reads.has(lower(node.name))) {
      occurrences.set(lower(node.name), [...(occurrences.get(lower(node.name)) ?? []), node]);
    }
  });
  // A CTE's own name and a qualifier (`{{ source }}.email`) are not reads.
  const cteNames = new Set<Node>();
  walk(statement, (node) => {
    if (node.type === "common_table_expr") cteNames.add(node.table);
    if (node.type === "member_expr") cteNames.add(node.object);
  });
  if (!occurrences.has(lower(SOURCE_TABLE))) {
    throw new TransformQueryError("the query must read the batch as {{ source }} (FROM {{ source }})");
  }
  for (const [name, nodes] of occurrences) {
    const used = nodes.filter((n) => !cteNames.has(n));
    if (used.length > 1) {
      const label = name === lower(SOURCE_TABLE) ? "{{ source }}" : `the CTE ${name}`;
      fail(
        text,
        used[1],
        `${label} is read more than once: self-joins are not accepted (a batch joined with itself grows quadratically)`,
      );
    }
  }

  walk(statement, (node) => {
    if (node.type === "func_call") {
      const name = node.name?.type === "identifier" ? lower(node.name.name) : undefined;
      if (!name || !ALLOWED_FUNCTIONS.has(name)) {
        fail(text, node, `the function ${node.name?.name ?? node.name?.text ?? "?"}() is not accepted in a transform`);
      }
    }
    if (node.type === "parameter") fail(text, node, "bind parameters are not accepted");
  });

  const sql = text.slice(statement.range[0], statement.range[1]);
  return { sql, start: statement.range[0], text, columns: selectColumns(statement, stream) };
}

/** The result columns of a plain SELECT, typed; undefined for VALUES and compound selects. */
function selectColumns(statement: Node, stream: Pick<Stream, "columns">): (Column | undefined)[] | undefined {
  if (statement.type !== "select_stmt") return undefined;
  const select = (statement.clauses as Node[]).find((c) => c.type === "select_clause");
  if (!select) return undefined;
  const byName = new Map(stream.columns.map((c) => [lower(c.name), c]));
  const out: (Column | undefined)[] = [];
  for (const item of select.columns.items as Node[]) {
    if (item.type === "all_columns" || (item.type === "member_expr" && item.property?.type === "all_columns")) {
      out.push(...stream.columns);
      continue;
    }
    const expr = item.type === "alias" ? item.expr : item;
    const source = sourceColumn(expr, byName);
    if (source) {
      out.push(source);
      continue;
    }
    const type = inferType(expr, byName);
    out.push(type === undefined ? undefined : computed(type));
  }
  return out;
}

const computed = (type: ColumnType): Column => ({ name: "", type, sourceType: `transform:${type}`, nullable: true });

function sourceColumn(expr: Node, byName: Map<string, Column>): Column | undefined {
  if (expr.type === "paren_expr") return sourceColumn(expr.expr, byName);
  if (expr.type === "identifier") return byName.get(lower(expr.name));
  if (expr.type === "member_expr" && expr.property?.type === "identifier") return byName.get(lower(expr.property.name));
  return undefined;
}

const COMPARISONS = new Set([
  "=",
  "==",
  "!=",
  "<>",
  "<",
  ">",
  "<=",
  ">=",
  "AND",
  "OR",
  "LIKE",
  "GLOB",
  "REGEXP",
  "MATCH",
  "IS",
  "IN",
  "NOT",
]);

function operatorName(op: Node): string {
  if (typeof op === "string") return op.toUpperCase();
  if (Array.isArray(op)) return op.map(operatorName).join(" ");
  return String(op?.name ?? op?.text ?? "").toUpperCase();
}

const NUMERIC: ColumnType[] = ["int", "long", "float", "decimal"];

/** The type SQLite computes for an expression, as far as the query says; undefined: unknown. */
function inferType(expr: Node, byName: Map<string, Column>): ColumnType | undefined {
  switch (expr.type) {
    case "paren_expr":
      return expr.expr?.type === "select_stmt" ? undefined : inferType(expr.expr, byName);
    case "identifier":
    case "member_expr":
      return sourceColumn(expr, byName)?.type;
    case "string_literal":
      return "string";
    case "number_literal":
      return Number.isInteger(expr.value) && !/[.eE]/.test(expr.text) ? "long" : "float";
    case "boolean_literal":
      return "boolean";
    case "null_literal":
      return undefined;
    case "between_expr":
      return "boolean";
    case "prefix_op_expr": {
      const op = operatorName(expr.operator);
      if (op === "NOT" || op === "EXISTS" || op === "NOT EXISTS") return "boolean";
      return inferType(expr.expr, byName);
    }
    case "postfix_op_expr":
      return "boolean"; // ISNULL, NOTNULL, NOT NULL
    case "binary_expr": {
      const op = operatorName(expr.operator);
      if (op.split(" ").some((word) => COMPARISONS.has(word))) return "boolean";
      if (op === "||" || op === "->" || op === "->>") return "string";
      const left = inferType(expr.left, byName);
      const right = inferType(expr.right, byName);
      if (left === undefined || right === undefined) return left ?? right;
      if (!NUMERIC.includes(left) || !NUMERIC.includes(right)) return "float";
      if (op === "/" || left === "float" || right === "float" || left === "decimal" || right === "decimal") {
        return (left === "int" || left === "long") && (right === "int" || right === "long") ? "long" : "float";
      }
      return "long";
    }
    case "case_expr": {
      const results = (expr.clauses as Node[]).map((c) => inferType(c.result, byName));
      const known = results.filter((t): t is ColumnType => t !== undefined);
      if (known.length === 0) return undefined;
      return known.every((t) => t === known[0]) ? known[0] : "string";
    }
    case "cast_expr": {
      const name = String(expr.args?.expr?.dataType?.name?.name ?? expr.args?.expr?.dataType?.name?.text ?? "").toUpperCase();
      if (name.includes("INT")) return "long";
      if (/CHAR|CLOB|TEXT/.test(name)) return "string";
      if (name.includes("BLOB")) return "binary";
      if (/REAL|FLOA|DOUB/.test(name)) return "float";
      if (name.includes("BOOL")) return "boolean";
      return "decimal";
    }
    case "func_call": {
      const name = lower(expr.name?.name ?? "");
      const args: Node[] = expr.args?.expr?.args?.items ?? [];
      const argType = (i: number) => (args[i] ? inferType(args[i], byName) : undefined);
      switch (name) {
        case "lower": case "upper": case "trim": case "ltrim": case "rtrim": case "replace": case "substr":
        case "substring": case "hex": case "quote": case "concat": case "concat_ws": case "group_concat":
        case "string_agg": case "typeof": case "char": case "strftime": case "datetime": case "json_extract":
        case "json_type": case "json_quote": case "timediff":
          return "string";
        case "length": case "octet_length": case "instr": case "count": case "unicode": case "row_number":
        case "rank": case "dense_rank": case "ntile": case "unixepoch": case "json_array_length": case "sign":
          return "long";
        case "like": case "glob": case "json_valid":
          return "boolean";
        case "avg": case "total": case "round": case "julianday": case "percent_rank": case "cume_dist":
        case "exp": case "ln": case "log": case "log10": case "log2": case "pi": case "pow": case "power":
        case "sqrt":
          return "float";
        case "date":
          return "date";
        case "time":
          return "time";
        case "json": case "json_array": case "json_object": case "json_patch": case "json_insert":
        case "json_remove": case "json_replace": case "json_set": case "json_group_array": case "json_group_object":
          return "json";
        case "sum": {
          const t = argType(0);
          return t === "int" || t === "long" ? "long" : "float";
        }
        case "iif":
          return argType(1) ?? argType(2);
        case "abs": case "max": case "min": case "coalesce": case "ifnull": case "nullif": case "first_value":
        case "last_value": case "nth_value": case "lag": case "lead": case "ceil": case "ceiling": case "floor":
        case "trunc": case "mod": {
          for (let i = 0; i < args.length; i++) {
            const t = argType(i);
            if (t !== undefined) return t;
          }
          return undefined;
        }
        default:
          return undefined;
      }
    }
    default:
      return undefined;
  }
} // biome-ignore format: the function lists read best one case a line group

/**
 * The destination columns of a transform: `names` as SQLite prepared the query, typed by the
 * analysis (by position where the select list could be expanded, else by name from the source),
 * `string` when nothing says otherwise. Refuses duplicate or empty names.
 */
export function resultColumns(analyzed: AnalyzedQuery, names: string[], stream: Stream): Column[] {
  const seen = new Set<string>();
  const byName = new Map(stream.columns.map((c) => [c.name, c]));
  const positional = analyzed.columns?.length === names.length ? analyzed.columns : undefined;
  return names.map((name, i) => {
    if (name === "") throw new TransformQueryError(`result column ${i + 1} has no name: give it one with AS`);
    if (seen.has(lower(name))) {
      throw new TransformQueryError(
        `the query returns the column ${name} twice: give one of them another name with AS`,
      );
    }
    seen.add(lower(name));
    const typed = positional ? positional[i] : byName.get(name);
    if (typed) return { ...typed, name };
    return { ...computed("string"), name };
  });
}

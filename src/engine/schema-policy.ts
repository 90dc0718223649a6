/**
 * Schema changes under policy: what a run does when the source's schema is not the one it saw
 * last. Pure functions over streams, so every source gets the same rules by construction.
 *
 * **What counts as a change** ({@link diffSchemas}): a table in a source schema never seen
 * before (`new_schema`), a new table in a known schema (`new_table`), a new column
 * (`add_column`), a column whose type moved up the hierarchy below (`widen`) or anywhere
 * else (`narrow`), a column gone (`drop_column`), one column gone and one of the same type
 * appeared at the same position in one table (`rename_column`: a source reports a rename
 * as nothing else), and a different primary key (`primary_key`).
 *
 * **The type hierarchy** ({@link widens}): `int → long → decimal → float`, `decimal → string`,
 * `date → timestamp → timestamptz`, `date → timestamptz`, and every type → `string` and
 * (except `string`) → `json`. A change along it is a widening; any other type change is a
 * narrowing (values may no longer fit), which is breaking.
 *
 * **Policy** ({@link decide}), Fivetran's `schema_change_handling` for what is new:
 * - `ALLOW_ALL`: new schemas, tables and columns are synced;
 * - `ALLOW_COLUMNS`: new columns of existing tables are synced; new schemas and tables are
 *   added to the config disabled;
 * - `BLOCK_ALL`: new schemas, tables and columns are added disabled; widenings are held too
 *   (nothing migrates on its own).
 * `is_type_locked` holds widenings whatever the handling. Breaking changes (`narrow`,
 * `drop_column`, `rename_column`, `primary_key`) are blocked unless `allowBreaking`: the
 * destination keeps the column (and its type, and the table its key), the run warns and says
 * how to apply the change.
 */
import type { Column, ColumnType, Stream } from "./protocol";

export const SCHEMA_CHANGE_HANDLINGS = ["ALLOW_ALL", "ALLOW_COLUMNS", "BLOCK_ALL"] as const;
export type SchemaChangeHandling = (typeof SCHEMA_CHANGE_HANDLINGS)[number];

/** A connection's schema policy (ConnectorDO keeps it; the SDK's `schema` block maps onto it). */
export interface SchemaPolicy {
  handling: SchemaChangeHandling;
  /** Apply breaking changes (narrow, drop, rename, primary key) instead of blocking them. */
  allowBreaking: boolean;
  /** Record changes in the schema history (on by default). */
  trackHistory: boolean;
  /** Addresses told of every change applied or blocked (send_email binding). */
  notify: string[];
  /** Fivetran's `is_type_locked`: column types never change on their own. */
  typeLocked: boolean;
}

export const DEFAULT_POLICY: SchemaPolicy = {
  handling: "ALLOW_ALL",
  allowBreaking: false,
  trackHistory: true,
  notify: [],
  typeLocked: false,
};

export const CHANGE_KINDS = [
  "new_schema",
  "new_table",
  "add_column",
  "widen",
  "narrow",
  "drop_column",
  "rename_column",
  "primary_key",
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

const BREAKING: ReadonlySet<ChangeKind> = new Set(["narrow", "drop_column", "rename_column", "primary_key"]);

/** One change between two schemas of a source, and what the policy made of it. */
export interface SchemaChange {
  kind: ChangeKind;
  /** Source schema (namespace) and table. */
  schema: string;
  table: string;
  /** The column (its new name for a rename); absent for table and schema changes. */
  column?: string;
  /** A rename's old column name. */
  oldName?: string;
  /** Types before and after (a primary key's columns, comma-separated, for `primary_key`). */
  oldType?: string;
  newType?: string;
  status: "applied" | "blocked";
  /** What happened, and for a blocked change what to do: a person reads it. */
  message: string;
}

/** A destination operation an applied change needs beyond `migrate` (which adds columns). */
export type EvolveOp =
  | {
      kind: "alter_type";
      column: Column;
      /** A widening: a writer whose `migrate` widens (capabilities.migrateWidens) needs no `evolve` for it. */
      widening?: boolean;
    }
  | { kind: "add_column"; column: Column }
  | { kind: "drop_column"; column: string }
  | { kind: "rename_column"; from: string; to: string }
  | { kind: "drop_table" };

/** An evolve operation waiting to run on a table of the connection's destination. */
export interface PendingOp {
  /** Source schema and table (the destination schema is derived at run time). */
  schema: string;
  table: string;
  op: EvolveOp;
}

const WIDER: Partial<Record<ColumnType, ColumnType[]>> = {
  boolean: ["int"],
  int: ["long"],
  long: ["decimal"],
  decimal: ["float"],
  date: ["timestamp", "timestamptz"],
  timestamp: ["timestamptz"],
};

/** Whether a column of type `from` may become `to` without losing a value (the hierarchy above). */
export function widens(from: ColumnType, to: ColumnType): boolean {
  if (from === to) return true;
  if (to === "string") return true;
  if (to === "json") return from !== "string";
  const seen = new Set<ColumnType>();
  const queue: ColumnType[] = [from];
  while (queue.length > 0) {
    const next = queue.shift() as ColumnType;
    for (const up of WIDER[next] ?? []) {
      if (up === to) return true;
      if (!seen.has(up)) {
        seen.add(up);
        queue.push(up);
      }
    }
  }
  return false;
}

/** A column's type as a person reads it: `decimal(12,2)`, `long`. */
export function typeLabel(column: Column): string {
  if (column.type === "decimal" && column.precision !== undefined)
    return `decimal(${column.precision},${column.scale ?? 0})`;
  return column.type;
}

/** A change before the policy ruled on it. */
export type DetectedChange = Omit<SchemaChange, "status" | "message">;

/**
 * The changes from `before` (the streams last seen, by `schema.table`; null on the first
 * discovery: nothing is a change then) to `after`. Tables gone from the source are not
 * changes here: their data stays and the run reports them missing.
 */
export function diffSchemas(before: ReadonlyMap<string, Stream> | null, after: readonly Stream[]): DetectedChange[] {
  if (before === null) return [];
  const knownSchemas = new Set([...before.values()].map((s) => s.namespace));
  const changes: DetectedChange[] = [];
  for (const stream of after) {
    const old = before.get(`${stream.namespace}.${stream.name}`);
    const at = { schema: stream.namespace, table: stream.name };
    if (!old) {
      changes.push({ kind: knownSchemas.has(stream.namespace) ? "new_table" : "new_schema", ...at });
      continue;
    }
    const oldColumns = new Map(old.columns.map((c) => [c.name, c]));
    const newNames = new Set(stream.columns.map((c) => c.name));
    const added = stream.columns.filter((c) => !oldColumns.has(c.name));
    const dropped = old.columns.filter((c) => !newNames.has(c.name));
    // One column out and one of the same type in at the same position: a rename.
    const renamed =
      added.length === 1 &&
      dropped.length === 1 &&
      (added[0] as Column).type === (dropped[0] as Column).type &&
      stream.columns.indexOf(added[0] as Column) === old.columns.indexOf(dropped[0] as Column);
    if (renamed) {
      const [to, from] = [added[0] as Column, dropped[0] as Column];
      changes.push({ kind: "rename_column", ...at, column: to.name, oldName: from.name, newType: typeLabel(to) });
    } else {
      for (const column of added)
        changes.push({ kind: "add_column", ...at, column: column.name, newType: typeLabel(column) });
      for (const column of dropped)
        changes.push({ kind: "drop_column", ...at, column: column.name, oldType: typeLabel(column) });
    }
    for (const column of stream.columns) {
      const previous = oldColumns.get(column.name);
      if (!previous || (previous.type === column.type && typeLabel(previous) === typeLabel(column))) continue;
      const kind = widens(previous.type, column.type) && sameOrWiderDecimal(previous, column) ? "widen" : "narrow";
      changes.push({ kind, ...at, column: column.name, oldType: typeLabel(previous), newType: typeLabel(column) });
    }
    if (old.primaryKey.join("\u0000") !== stream.primaryKey.join("\u0000")) {
      changes.push({
        kind: "primary_key",
        ...at,
        oldType: old.primaryKey.join(", "),
        newType: stream.primaryKey.join(", "),
      });
    }
  }
  return changes;
}

/** decimal(p,s) → decimal(p',s') widens only when neither the integer digits nor the scale shrink. */
function sameOrWiderDecimal(from: Column, to: Column): boolean {
  if (from.type !== "decimal" || to.type !== "decimal") return true;
  if (to.precision === undefined) return true;
  if (from.precision === undefined) return false;
  const fromScale = from.scale ?? 0;
  const toScale = to.scale ?? 0;
  return toScale >= fromScale && to.precision - toScale >= from.precision - fromScale;
}

function describe(change: DetectedChange, where: string): string {
  const table = `${change.schema}.${change.table}`;
  switch (change.kind) {
    case "new_schema":
      return `table ${table} appeared in the new schema '${change.schema}'`;
    case "new_table":
      return `table ${table} appeared`;
    case "add_column":
      return `column ${table}.${change.column} (${change.newType}) appeared`;
    case "widen":
      return `column ${table}.${change.column} widened from ${change.oldType} to ${change.newType}`;
    case "narrow":
      return `column ${table}.${change.column} changed from ${change.oldType} to ${change.newType}, which is not a widening`;
    case "drop_column":
      return `column ${table}.${change.column} (${change.oldType}) is gone from ${where}`;
    case "rename_column":
      return `column ${table}.${change.oldName} was renamed to ${change.column}`;
    case "primary_key":
      return `the primary key of ${table} changed from (${change.oldType}) to (${change.newType})`;
  }
}

/** How to apply a blocked change by hand. */
function remedy(change: DetectedChange, policy: SchemaPolicy, connectionId: string): string {
  const patch = `PATCH /v1/connections/${connectionId}/schemas`;
  const evolve = `POST /v1/connections/${connectionId}/schemas/evolve`;
  const column = `${patch}/${change.schema}/tables/${change.table}/columns/${change.column}`;
  switch (change.kind) {
    case "new_schema":
    case "new_table":
      return `it was added disabled (schema_change_handling ${policy.handling}); enable it with ${patch}/${change.schema}/tables/${change.table} {"enabled": true}`;
    case "add_column":
      return `it was added disabled (schema_change_handling ${policy.handling}); enable it with ${column} {"enabled": true}`;
    case "widen":
      return `its values are held back (${policy.typeLocked ? "is_type_locked" : `schema_change_handling ${policy.handling}`}) until it is widened with ${evolve} {"widen": {"table": "${change.schema}.${change.table}", "column": "${change.column}", "type": "${change.newType}"}}`;
    case "narrow":
      return "breaking change blocked: the destination keeps the wider type; allow breaking changes (schema_policy.allow_breaking) to narrow it";
    case "drop_column":
      return `breaking change blocked: the destination keeps the column (new rows leave it null); allow breaking changes to drop it, or POST /v1/connections/${connectionId}/schemas/drop-columns`;
    case "rename_column":
      return `breaking change blocked: the destination keeps ${change.oldName} and gets ${change.column} as a new column; apply it with ${evolve} {"rename": {"table": "${change.schema}.${change.table}", "from": "${change.oldName}", "to": "${change.column}"}} or allow breaking changes`;
    case "primary_key":
      return `breaking change blocked: the table is skipped until it is re-synced (POST /v1/connections/${connectionId}/schemas/tables/resync) or breaking changes are allowed`;
  }
}

/** Whether the policy lets a change through. */
export function allowed(kind: ChangeKind, policy: SchemaPolicy): boolean {
  if (BREAKING.has(kind)) return policy.allowBreaking;
  switch (kind) {
    case "new_schema":
    case "new_table":
      return policy.handling === "ALLOW_ALL";
    case "add_column":
      return policy.handling !== "BLOCK_ALL";
    case "widen":
      return policy.handling !== "BLOCK_ALL" && !policy.typeLocked;
    default:
      return false;
  }
}

/**
 * Rules on each change: applied or blocked, with a message a person can act on. `where` names
 * what changed: the source, or a table's transform (whose output is what the destination gets).
 */
export function decide(
  changes: DetectedChange[],
  policy: SchemaPolicy,
  connectionId: string,
  where = "the source",
): SchemaChange[] {
  return changes.map((change) => {
    const ok = allowed(change.kind, policy);
    const what = where === "the source" ? describe(change, where) : `${where}: ${describe(change, where)}`;
    return {
      ...change,
      status: ok ? "applied" : "blocked",
      message: ok ? `${what}: applied` : `${what}: ${remedy(change, policy, connectionId)}`,
    };
  });
}

/** The destination operations the applied changes need (adds are migrate's own work). */
export function evolveOps(changes: SchemaChange[], after: readonly Stream[]): PendingOp[] {
  const ops: PendingOp[] = [];
  for (const change of changes) {
    if (change.status !== "applied") continue;
    const at = { schema: change.schema, table: change.table };
    const stream = after.find((s) => s.namespace === change.schema && s.name === change.table);
    const column = stream?.columns.find((c) => c.name === change.column);
    if ((change.kind === "widen" || change.kind === "narrow") && column) {
      ops.push({ ...at, op: { kind: "alter_type", column, widening: change.kind === "widen" } });
    } else if (change.kind === "drop_column" && change.column) {
      ops.push({ ...at, op: { kind: "drop_column", column: change.column } });
    } else if (change.kind === "rename_column" && change.column && change.oldName) {
      ops.push({ ...at, op: { kind: "rename_column", from: change.oldName, to: change.column } });
    } else if (change.kind === "primary_key") {
      ops.push({ ...at, op: { kind: "drop_table" } });
    }
  }
  return ops;
}

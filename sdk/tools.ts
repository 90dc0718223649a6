/**
 * The tools of `new Fivetran({ tools: { fsx, gitx } })`: the shapes the SDK needs of an
 * fsx.do filesystem and a gitx.do repository. Any object with these methods works (fsx.do and
 * gitx.do clients, Node's `fs/promises`, an in-memory store in tests).
 *
 * - `fsx` makes a file source readable: `connector.files.list()` and `.read(path)` show the
 *   files an `fsx` connector's `path` and `pattern` select, as the sync would read them.
 * - `gitx` keeps the schema's history as commits: `connector.schema.export()` commits each
 *   schema change the server recorded (its `schema_change` events) as a new version of
 *   `schemas/<connector id>.json`, with the change listed in the commit message, so the
 *   repository's log is the schema history and each commit's diff is one change.
 */

/** The part of an fsx.do filesystem (Node's `fs/promises` shape) the SDK uses. */
export interface FSx {
  /** The names of a directory's entries (not their paths). */
  readdir(path: string): Promise<string[]>;
  /** A file's or directory's kind and size. */
  stat(path: string): Promise<{ size: number; isDirectory(): boolean; isFile(): boolean }>;
  /** A file's bytes, or its text when an encoding is given. */
  readFile(path: string, encoding?: "utf8" | "utf-8"): Promise<Uint8Array | string>;
}

/** One commit of a gitx.do repository. */
export interface GitXCommit {
  sha: string;
  message: string;
  /** ISO timestamp. */
  timestamp: string;
}

/** The part of a gitx.do repository the SDK uses: write files as one commit, read them back, list history. */
export interface GitX {
  /** Commits `files` (path → new content) with `message`; returns the commit. */
  commit(options: {
    message: string;
    files: Record<string, string>;
    author?: { name: string; email: string };
  }): Promise<GitXCommit>;
  /** A file's content at HEAD (or at `ref`), undefined when it does not exist. */
  readFile(path: string, ref?: string): Promise<string | undefined>;
  /** Commits touching `path` (all when absent), newest first. */
  log(options?: { path?: string; limit?: number }): Promise<GitXCommit[]>;
}

/** The tools a `Fivetran` instance may be given. */
export interface FivetranTools {
  fsx?: FSx;
  gitx?: GitX;
}

const FSX_METHODS = ["readdir", "stat", "readFile"] as const;
const GITX_METHODS = ["commit", "readFile", "log"] as const;

/** Why `tools` is not usable, or undefined when it is. */
export function toolsProblem(tools: unknown): string | undefined {
  if (tools === null || typeof tools !== "object" || Array.isArray(tools))
    return "tools must be an object { fsx?, gitx? } of fsx.do and gitx.do clients (or objects with their methods), not names";
  const known = new Set(["fsx", "gitx"]);
  for (const key of Object.keys(tools))
    if (!known.has(key)) return `tools.${key} is not a tool: tools takes fsx and gitx`;
  const check = (name: string, value: unknown, methods: readonly string[]) => {
    if (value === undefined) return undefined;
    const missing = methods.filter((m) => typeof (value as Record<string, unknown> | null)?.[m] !== "function");
    return missing.length > 0 ? `tools.${name} lacks ${missing.join(", ")}` : undefined;
  };
  const t = tools as Record<string, unknown>;
  return check("fsx", t.fsx, FSX_METHODS) ?? check("gitx", t.gitx, GITX_METHODS);
}

/**
 * A glob (`*`, `**`, `?`, `[abc]`, `{a,b}`) over paths relative to a directory, as an anchored
 * RegExp. Written here to select exactly what the server's fsx source selects (its own glob in
 * src/engine/sources/fsx/index.ts has these rules), not a library's slightly different dialect.
 */
export function globRegExp(glob: string): RegExp {
  let source = "";
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i] as string;
    if (char === "*") {
      if (glob[i + 1] === "*") {
        const slash = glob[i + 2] === "/";
        source += slash ? "(?:[^/]*/)*" : ".*";
        i += slash ? 2 : 1;
      } else source += "[^/]*";
    } else if (char === "?") source += "[^/]";
    else if (char === "[") {
      const end = glob.indexOf("]", i + 2);
      if (end < 0) throw new Error(`pattern '${glob}': unclosed [`);
      source += `[${glob
        .slice(i + 1, end)
        .replace(/^!/, "^")
        .replace(/\\/g, "\\\\")}]`;
      i = end;
    } else if (char === "{") {
      braces++;
      source += "(?:";
    } else if (char === "}") {
      if (braces === 0) throw new Error(`pattern '${glob}': unopened }`);
      braces--;
      source += ")";
    } else if (char === "," && braces > 0) source += "|";
    else source += char.replace(/[.+^$()|\\\]]/g, "\\$&");
  }
  if (braces > 0) throw new Error(`pattern '${glob}': unclosed {`);
  return new RegExp(`^${source}$`);
}

/** A file an fsx source selects. */
export interface SourceFile {
  /** Absolute path in the filesystem. */
  path: string;
  size: number;
}

/** Files below `root` whose path relative to it matches `pattern`, in path order. */
export async function listSourceFiles(fsx: FSx, root: string, pattern: string): Promise<SourceFile[]> {
  const match = globRegExp(pattern);
  const base = root.length > 1 ? root.replace(/\/+$/, "") : root;
  const out: SourceFile[] = [];
  const walk = async (dir: string) => {
    for (const name of [...(await fsx.readdir(dir))].sort()) {
      const path = dir === "/" ? `/${name}` : `${dir}/${name}`;
      const stat = await fsx.stat(path);
      if (stat.isDirectory()) await walk(path);
      else if (stat.isFile() && match.test(path.slice(base === "/" ? 1 : base.length + 1)))
        out.push({ path, size: stat.size });
    }
  };
  await walk(base);
  return out;
}

/** One change of a schema, as `connector.schema.history()` lists them. */
export interface SchemaChange {
  change: "add_table" | "add_column" | "change_column" | "remove_column" | "rename_column" | "change_key";
  /** Whether the server applied the change or its schema policy blocked it (per-change events). */
  status?: "applied" | "blocked";
  table: string;
  column?: string;
  type?: string;
  from?: string;
  timestamp: string;
  eventId: string;
}

/** A `schema_change` event's data when it reports one change (engine/schema-history.ts changeRecord). */
interface SchemaChangeRecord {
  kind?: string;
  status?: string;
  schema?: string;
  table?: string;
  column?: string | null;
  old_name?: string | null;
  old_type?: string | null;
  new_type?: string | null;
}

/** The changes one `schema_change` event reports. */
export function changesOf(event: { id: string | number; created_at: string; data: unknown }): SchemaChange[] {
  const at = { timestamp: event.created_at, eventId: String(event.id) };
  const record = (event.data ?? {}) as SchemaChangeRecord;
  if (typeof record.kind === "string") {
    // One change per event, as the schema history records it (README "Schema changes").
    const table = `${record.schema}.${record.table}`;
    const status = record.status === "blocked" ? ("blocked" as const) : ("applied" as const);
    const column = record.column ?? undefined;
    const base = { table, status, ...at };
    switch (record.kind) {
      case "new_schema":
      case "new_table":
        return [{ change: "add_table", ...base }];
      case "add_column":
        return [{ change: "add_column", ...base, column, type: record.new_type ?? undefined }];
      case "widen":
      case "narrow":
        return [
          {
            change: "change_column",
            ...base,
            column,
            from: record.old_type ?? undefined,
            type: record.new_type ?? undefined,
          },
        ];
      case "drop_column":
        return [{ change: "remove_column", ...base, column, from: record.old_type ?? undefined }];
      case "rename_column":
        return [{ change: "rename_column", ...base, column, from: record.old_name ?? undefined }];
      case "primary_key":
        return [{ change: "change_key", ...base }];
      default:
        return [];
    }
  }
  // Not a schema change event (the server emits one per change, with its kind).
  return [];
}

/** The schema file kept in gitx: the tables and columns changes have named, and the last event exported. */
export interface SchemaFile {
  connector: string;
  connection_id: string;
  last_event_id: string | null;
  tables: Record<string, { columns: Record<string, string> }>;
}

const line = (c: SchemaChange) =>
  c.change === "add_table"
    ? `+ table ${c.table}`
    : c.change === "add_column"
      ? `+ column ${c.table}.${c.column} ${c.type}`
      : c.change === "change_column"
        ? `~ column ${c.table}.${c.column} ${c.from} -> ${c.type}`
        : c.change === "remove_column"
          ? `- column ${c.table}.${c.column}`
          : c.change === "rename_column"
            ? `~ column ${c.table}.${c.from} -> ${c.column}`
            : `~ primary key of ${c.table}`;

/** Applies one event's changes to the schema file. */
function apply(file: SchemaFile, changes: SchemaChange[]): void {
  for (const c of changes) {
    // A blocked change did not reach the destination: the file keeps what it holds.
    if (c.status === "blocked") continue;
    const table = file.tables[c.table] ?? { columns: {} };
    file.tables[c.table] = table;
    if ((c.change === "add_column" || c.change === "change_column") && c.column) table.columns[c.column] = c.type ?? "";
    if (c.change === "remove_column" && c.column) delete table.columns[c.column];
    if (c.change === "rename_column" && c.column && c.from) {
      table.columns[c.column] = table.columns[c.from] ?? "";
      delete table.columns[c.from];
    }
  }
}

/**
 * Commits every `schema_change` event after the one last exported, one commit each, oldest
 * first; returns the commits made (none when everything was exported already).
 */
export async function exportSchemaHistory(
  gitx: GitX,
  connector: string,
  connectionId: string,
  events: { id: string | number; created_at: string; data: unknown }[],
): Promise<GitXCommit[]> {
  const path = `schemas/${connector}.json`;
  const stored = await gitx.readFile(path);
  const file: SchemaFile = stored
    ? (JSON.parse(stored) as SchemaFile)
    : { connector, connection_id: connectionId, last_event_id: null, tables: {} };
  const after = file.last_event_id === null ? -1 : Number(file.last_event_id);
  const commits: GitXCommit[] = [];
  for (const event of [...events].sort((a, b) => Number(a.id) - Number(b.id))) {
    if (Number(event.id) <= after) continue;
    const changes = changesOf(event);
    apply(file, changes);
    file.last_event_id = String(event.id);
    file.connection_id = connectionId;
    const counts = new Map<string, number>();
    for (const c of changes) counts.set(c.change, (counts.get(c.change) ?? 0) + 1);
    const title = [...counts].map(([kind, n]) => `${n} ${kind.replace("_", " ")}${n > 1 ? "s" : ""}`).join(", ");
    commits.push(
      await gitx.commit({
        message: `schema: ${title || "no change"} (${connector})\n\n${changes.map(line).join("\n")}\n\nFivetran-Event: ${event.id}\nFivetran-Event-Time: ${event.created_at}`,
        files: { [path]: `${JSON.stringify(file, null, 2)}\n` },
        author: { name: "fivetran.do", email: "schema@fivetran.do" },
      }),
    );
  }
  return commits;
}

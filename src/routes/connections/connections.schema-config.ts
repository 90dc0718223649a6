/**
 * Fivetran's connection schema config (§8) over what ConnectorDO stores: the discovered
 * streams, each with an `enabled` flag. Pure functions: building the response and turning a
 * PATCH into the flags to change.
 *
 * Choices where our model is narrower than Fivetran's:
 * - Keys are source names (`stream.namespace` / `stream.name`), case-sensitive.
 * - A source schema lands where engine/naming.ts puts it (`<schema_prefix>_<schema>` for
 *   databases, the connection's `schema` for APIs): that is its `name_in_destination`;
 *   tables keep their source name.
 * - A schema has no flag of its own: it is enabled while any of its tables is. Disabling it
 *   disables its tables; enabling a disabled schema enables its tables.
 * - `schema_change_handling` (ALLOW_ALL, ALLOW_COLUMNS, BLOCK_ALL) and `is_type_locked` are the
 *   connection's schema policy (engine/schema-policy.ts), ruling on what each discovery finds.
 *   A table's `columns` lists the columns someone or the policy touched: `enabled: false`
 *   keeps a column out of the destination, `hashed: true` lands its salted SHA-256
 *   (engine/schema-projection.ts). Primary-key columns can be neither.
 * - `sync_mode` is per table, stored in ConnectorDO and carried into every run: SOFT_DELETE
 *   (the default: a row deleted at the source stays, `_fivetran_deleted = true`), LIVE (it is
 *   removed) or HISTORY (every version kept, `_fivetran_start`/`_fivetran_end`/`_fivetran_active`;
 *   tables with a primary key). A PATCH accepts a mode only where the group's destination
 *   implements it (DestinationDefinition.syncModes; `supports_history_mode` says so for
 *   HISTORY), else 400; the next run switches the table's rows as Fivetran does (see
 *   destinations/postgres/writer.ts `switchMode`).
 * - Deletes reach the destination only from sources that see them: change capture (WAL, the
 *   binlog, change streams) sends them; query-based incremental (a cursor column such as
 *   `updated_at`) cannot see a deleted row, so such deletes are detected on the next full
 *   re-sync of the table, which marks (or closes, or removes) the rows it did not see.
 */
import type { TableSetting } from "../../do/connector-do";
import { findDestination } from "../../engine/destinations";
import type { Column, Stream, SyncMode } from "../../engine/protocol";
import type { ColumnSetting, ColumnSettings } from "../../engine/schema-projection";
import { ApiError } from "../../errors";
import { streamKey } from "./connections.objects";
import type {
  ColumnConfig,
  ColumnPatch,
  SchemaConfig,
  SchemaPatch,
  TableConfig,
  TablePatch,
} from "./connections.schema-config.schemas";

export function schemaNotFound(connectionId: string, schema: string): ApiError {
  return new ApiError(
    404,
    "NotFound_Schema",
    `Schema '${schema}' is not in the schema config of connection '${connectionId}' (names are case-sensitive; POST …/schemas/reload discovers new ones)`,
  );
}

export function tableNotFound(connectionId: string, schema: string, table: string): ApiError {
  return new ApiError(
    404,
    "NotFound_Table",
    `Table '${schema}.${table}' is not in the schema config of connection '${connectionId}' (names are case-sensitive)`,
  );
}

function columnNotFound(connectionId: string, stream: Stream, column: string): ApiError {
  return new ApiError(
    404,
    "NotFound_Column",
    `Column '${column}' is not in table '${stream.namespace}.${stream.name}' of connection '${connectionId}'`,
  );
}

/** The sync modes the group's destination implements (soft_delete only without a destination). */
export function destinationSyncModes(destinationService: string | null): SyncMode[] {
  if (destinationService === null) return ["soft_delete"];
  return findDestination(destinationService)?.syncModes ?? ["soft_delete"];
}

const API_MODE: Record<SyncMode, TableConfig["sync_mode"] & string> = {
  soft_delete: "SOFT_DELETE",
  live: "LIVE",
  history: "HISTORY",
};

function tableConfig(
  stream: Stream,
  enabled: boolean,
  syncMode: SyncMode,
  modes: readonly SyncMode[],
  settings: Record<string, ColumnSetting> | undefined,
): TableConfig {
  const columns: Record<string, ColumnConfig> = {};
  // Only columns someone (or the schema policy) touched, as on Fivetran.
  for (const column of stream.columns) {
    const setting = settings && Object.hasOwn(settings, column.name) ? settings[column.name] : undefined;
    if (!setting) continue;
    Object.defineProperty(columns, column.name, {
      value: columnConfig(column, stream.primaryKey.includes(column.name), setting),
      enumerable: true,
    });
  }
  return {
    name_in_destination: stream.name,
    enabled,
    sync_mode: API_MODE[syncMode],
    // GET …/columns answers for every discovered table.
    supports_columns_config: true,
    supports_history_mode: modes.includes("history") && stream.primaryKey.length > 0,
    enabled_patch_settings: { allowed: true },
    columns,
  };
}

/** The policy fields the schema config shows. */
export interface ConfigPolicy {
  handling: SchemaConfig["schema_change_handling"];
  typeLocked: boolean;
}

/**
 * The schema config of a connection whose source schemas land in `destinationSchema(namespace)`.
 * Before the first discovery (`tables` null) it has no `schemas` key, as on Fivetran.
 */
export function schemaConfig(
  destinationSchema: (namespace: string) => string,
  tables: TableSetting[] | null,
  modes: readonly SyncMode[] = ["soft_delete"],
  policy: ConfigPolicy = { handling: "ALLOW_ALL", typeLocked: false },
  settings: ColumnSettings = {},
): SchemaConfig {
  const config: SchemaConfig = {
    enable_new_by_default: policy.handling === "ALLOW_ALL",
    schema_change_handling: policy.handling,
    is_type_locked: policy.typeLocked,
  };
  if (tables === null) return config;
  const schemas = new Map<string, NonNullable<SchemaConfig["schemas"]>[string]>();
  for (const { stream, enabled, syncMode } of tables) {
    let entry = schemas.get(stream.namespace);
    if (!entry) {
      entry = { name_in_destination: destinationSchema(stream.namespace), enabled: false, tables: {} };
      schemas.set(stream.namespace, entry);
    }
    const key = streamKey(stream.namespace, stream.name);
    // Object.defineProperty keeps a table called "__proto__" an ordinary key.
    Object.defineProperty(entry.tables, stream.name, {
      value: tableConfig(
        stream,
        enabled,
        syncMode ?? "soft_delete",
        modes,
        Object.hasOwn(settings, key) ? settings[key] : undefined,
      ),
      enumerable: true,
      writable: true,
      configurable: true,
    });
    if (enabled) entry.enabled = true;
  }
  return { ...config, schemas: Object.fromEntries(schemas) };
}

const DEFAULT_SETTING: ColumnSetting = { enabled: true, hashed: false, held: null };

function columnConfig(column: Column, primaryKey: boolean, setting: ColumnSetting = DEFAULT_SETTING): ColumnConfig {
  return {
    name_in_destination: column.name,
    enabled: setting.enabled,
    hashed: setting.hashed,
    is_primary_key: primaryKey,
    enabled_patch_settings: primaryKey
      ? {
          allowed: false,
          reason_code: "SYSTEM_COLUMN",
          reason: "The column does not support exclusion as it is a Primary Key",
        }
      : { allowed: true },
  };
}

/** Every column of a discovered table, in source order (GET …/columns). */
export function columnsConfig(
  stream: Stream,
  settings: Record<string, ColumnSetting> = {},
): Record<string, ColumnConfig> {
  return Object.fromEntries(
    stream.columns.map((column) => [
      column.name,
      columnConfig(
        column,
        stream.primaryKey.includes(column.name),
        Object.hasOwn(settings, column.name) ? settings[column.name] : undefined,
      ),
    ]),
  );
}

/** The discovered table `schema.table`, or 404. */
export function findTable(
  connectionId: string,
  tables: TableSetting[] | null,
  schema: string,
  table: string,
): TableSetting {
  const inSchema = tables?.filter(({ stream }) => stream.namespace === schema) ?? [];
  if (inSchema.length === 0) throw schemaNotFound(connectionId, schema);
  const found = inSchema.find(({ stream }) => stream.name === table);
  if (!found) throw tableNotFound(connectionId, schema, table);
  return found;
}

/** Where in the request a schema's fields sit, for error messages. */
export type PatchLevel = "config" | "schema" | "table";

function fieldName(level: PatchLevel, schema: string, table: string, rest: string): string {
  if (level === "config") return `schemas.${schema}.tables.${table}.${rest}`;
  if (level === "schema") return `tables.${table}.${rest}`;
  return rest;
}

/** The engine's mode for the API's `sync_mode`. */
export function syncModeOf(mode: NonNullable<TablePatch["sync_mode"]>): SyncMode {
  return mode === "LIVE" ? "live" : mode === "HISTORY" ? "history" : "soft_delete";
}

/** Refuses what a table PATCH asks that the engine cannot do; checks named columns exist. */
function checkTablePatch(
  connectionId: string,
  stream: Stream,
  patch: TablePatch,
  field: (rest: string) => string,
  modes: readonly SyncMode[],
) {
  if (patch.sync_mode != null) {
    const mode = syncModeOf(patch.sync_mode);
    if (!modes.includes(mode)) {
      const supported = modes.map((m) => API_MODE[m]).join(", ");
      throw ApiError.invalid(
        `Invalid value for field '${field("sync_mode")}': the connection's destination does not support ${patch.sync_mode} (it supports ${supported})`,
      );
    }
    if (mode === "history" && stream.primaryKey.length === 0) {
      throw ApiError.invalid(
        `Invalid value for field '${field("sync_mode")}': table '${stream.namespace}.${stream.name}' has no primary key, which HISTORY needs to version its rows`,
      );
    }
  }
  for (const [name, column] of Object.entries(patch.columns ?? {}))
    checkColumnPatch(connectionId, stream, name, column, (rest) => field(`columns.${name}.${rest}`));
}

/** Refuses what a column PATCH cannot do: unknown columns 404; keys cannot be blocked or hashed. */
export function checkColumnPatch(
  connectionId: string,
  stream: Stream,
  name: string,
  column: ColumnPatch,
  field: (rest: string) => string,
): void {
  if (!stream.columns.some((c) => c.name === name)) throw columnNotFound(connectionId, stream, name);
  const key = stream.primaryKey.includes(name);
  if (key && column.enabled === false) {
    throw ApiError.invalid(
      `Invalid value for field '${field("enabled")}': primary-key column '${name}' cannot be blocked`,
    );
  }
  if (key && column.hashed === true) {
    throw ApiError.invalid(
      `Invalid value for field '${field("hashed")}': primary-key column '${name}' cannot be hashed here (rows are upserted and deleted by its values)`,
    );
  }
  if (column.is_primary_key != null && column.is_primary_key !== key) {
    throw ApiError.invalid(
      `Invalid value for field '${field("is_primary_key")}': primary keys come from the source, and '${name}' ${key ? "is" : "is not"} one`,
    );
  }
}

/** A column's new settings. */
export interface ColumnChange {
  schema: string;
  table: string;
  column: string;
  patch: Partial<ColumnSetting>;
}

/** What a PATCH of schemas changes: `schema.table` → enabled, → sync mode, and columns. */
export interface SchemaPatchPlan {
  enabled: Record<string, boolean>;
  syncModes: Record<string, SyncMode>;
  columns: ColumnChange[];
}

/** A column patch as settings (absent fields unchanged). */
export function columnChange(schema: string, table: string, column: string, patch: ColumnPatch): ColumnChange {
  return {
    schema,
    table,
    column,
    patch: {
      ...(patch.enabled != null ? { enabled: patch.enabled } : {}),
      ...(patch.hashed != null ? { hashed: patch.hashed } : {}),
      // Enabling a column lets its held values through as they are.
      ...(patch.enabled === true ? { held: null } : {}),
    },
  };
}

/**
 * The changes a PATCH of schemas asks for. Everything is checked before anything is returned,
 * so a refused request changes nothing: unknown names are 404, what the engine or the
 * destination (`modes`: the sync modes it implements) cannot do is 400 naming the field.
 */
export function planSchemaPatch(
  connectionId: string,
  tables: TableSetting[] | null,
  schemas: Record<string, SchemaPatch>,
  level: PatchLevel,
  modes: readonly SyncMode[] = ["soft_delete"],
): SchemaPatchPlan {
  const changes: Record<string, boolean> = {};
  const syncModes: Record<string, SyncMode> = {};
  const columns: ColumnChange[] = [];
  for (const [schema, patch] of Object.entries(schemas)) {
    const inSchema = tables?.filter(({ stream }) => stream.namespace === schema) ?? [];
    if (inSchema.length === 0) throw schemaNotFound(connectionId, schema);
    const explicit = new Set<string>();
    for (const [table, tablePatch] of Object.entries(patch.tables ?? {})) {
      const setting = inSchema.find(({ stream }) => stream.name === table);
      if (!setting) throw tableNotFound(connectionId, schema, table);
      checkTablePatch(connectionId, setting.stream, tablePatch, (rest) => fieldName(level, schema, table, rest), modes);
      if (tablePatch.sync_mode != null) syncModes[streamKey(schema, table)] = syncModeOf(tablePatch.sync_mode);
      for (const [name, columnPatch] of Object.entries(tablePatch.columns ?? {})) {
        columns.push(columnChange(schema, table, name, columnPatch));
      }
      if (tablePatch.enabled != null) {
        changes[streamKey(schema, table)] = tablePatch.enabled;
        explicit.add(table);
      }
    }
    if (patch.enabled === false) {
      // A disabled schema syncs no table, whatever its tables say.
      for (const { stream } of inSchema) changes[streamKey(schema, stream.name)] = false;
    } else if (patch.enabled === true && !inSchema.some(({ enabled }) => enabled)) {
      // Enabling a disabled schema brings its tables back, except those set in this request.
      for (const { stream } of inSchema) {
        if (!explicit.has(stream.name)) changes[streamKey(schema, stream.name)] = true;
      }
    }
  }
  return { enabled: changes, syncModes, columns };
}

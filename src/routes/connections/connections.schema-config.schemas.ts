import { z } from "@hono/zod-openapi";
import { connectionIdParam, transformSchema } from "./connections.schemas";

export const SCHEMA_CHANGE_HANDLING = ["ALLOW_ALL", "ALLOW_COLUMNS", "BLOCK_ALL"] as const;
export const SYNC_MODES = ["SOFT_DELETE", "HISTORY", "LIVE"] as const;

export const schemaParam = connectionIdParam.extend({
  schemaName: z
    .string()
    .openapi({ param: { name: "schemaName", in: "path" }, description: "Source schema name (case-sensitive)" }),
});

export const tableParam = schemaParam.extend({
  tableName: z
    .string()
    .openapi({ param: { name: "tableName", in: "path" }, description: "Source table name (case-sensitive)" }),
});

export const columnParam = tableParam.extend({
  columnName: z
    .string()
    .openapi({ param: { name: "columnName", in: "path" }, description: "Source column name (case-sensitive)" }),
});

const enabledPatchSettings = z.object({
  allowed: z.boolean(),
  reason_code: z.enum(["SYSTEM_TABLE", "SYSTEM_COLUMN", "DELETED", "OTHER"]).optional(),
  reason: z.string().optional(),
});

export const columnConfigSchema = z
  .object({
    name_in_destination: z.string(),
    enabled: z.boolean(),
    hashed: z.boolean(),
    is_primary_key: z.boolean().optional(),
    enabled_patch_settings: enabledPatchSettings,
  })
  .openapi("ColumnConfig");

export const tableConfigSchema = z
  .object({
    name_in_destination: z.string(),
    enabled: z.boolean(),
    sync_mode: z.enum(SYNC_MODES).optional(),
    supports_columns_config: z.boolean(),
    supports_history_mode: z.boolean(),
    enabled_patch_settings: enabledPatchSettings,
    columns: z
      .record(z.string(), columnConfigSchema)
      .openapi({ description: "Only columns the user configured; the full list is at …/columns" }),
    transform: transformSchema.optional().openapi({
      description: "Extension: the transform applied to this table's batches (its own, else the connection's)",
    }),
    transformed_columns: z
      .array(z.object({ name: z.string(), type: z.string() }))
      .optional()
      .openapi({ description: "Extension: the columns the transform writes to the destination, with their types" }),
    transform_error: z.string().optional().openapi({
      description: "Extension: why the transform cannot run on this table as discovered (the table is skipped)",
    }),
  })
  .openapi("TableConfig");

export const schemaEntrySchema = z
  .object({
    name_in_destination: z.string(),
    enabled: z.boolean(),
    tables: z.record(z.string(), tableConfigSchema),
  })
  .openapi("SchemaConfig");

/** Fivetran's StandardConfigResponse (§8). */
export const schemaConfigSchema = z
  .object({
    enable_new_by_default: z.boolean(),
    schema_change_handling: z.enum(SCHEMA_CHANGE_HANDLING),
    is_type_locked: z
      .boolean()
      .optional()
      .openapi({ description: "Column types never change on their own: widenings are held (see schema history)" }),
    schemas: z
      .record(z.string(), schemaEntrySchema)
      .optional()
      .openapi({ description: "Absent until the source's schema was discovered (first sync or reload)" }),
  })
  .openapi("StandardConfig");

export type SchemaConfig = z.infer<typeof schemaConfigSchema>;
export type TableConfig = z.infer<typeof tableConfigSchema>;
export type ColumnConfig = z.infer<typeof columnConfigSchema>;

export const columnsDataSchema = z
  .object({ columns: z.record(z.string(), columnConfigSchema) })
  .openapi("TableColumnsConfig");

// Requests. `null` means "not provided" everywhere, as go-fivetran sends nulls. Fivetran's
// spec marks `enabled` required at each level; it is optional here (absent = unchanged), so a
// request that only touches a table need not restate its schema.

export const columnPatch = z
  .object({
    enabled: z
      .boolean()
      .nullish()
      .openapi({ description: "false keeps the column out of the destination (not for primary-key columns)" }),
    hashed: z.boolean().nullish().openapi({
      description:
        "true lands the column as base64(SHA-256(destination salt ‖ value)) text, hashed in the Worker (not for primary-key columns)",
    }),
    is_primary_key: z
      .boolean()
      .nullish()
      .openapi({ description: "Accepted when it states the column's role; primary keys come from the source" }),
  })
  .openapi("UpdateColumnConfigRequest");

export const tablePatch = z
  .object({
    enabled: z.boolean().nullish(),
    sync_mode: z.enum(SYNC_MODES).nullish().openapi({
      description:
        "SOFT_DELETE (default: deleted rows stay, _fivetran_deleted = true), LIVE (deleted rows are removed) or HISTORY (every version kept with _fivetran_start, _fivetran_end, _fivetran_active; tables with a primary key): only modes the group's destination supports (supports_history_mode)",
    }),
    columns: z
      .record(z.string(), columnPatch)
      .nullish()
      .openapi({ description: "Columns must exist (names are case-sensitive)" }),
    transform: transformSchema.nullish().openapi({
      description:
        "Extension: this table's transform (wins over the connection's), checked against its columns; null removes it",
    }),
  })
  .openapi("UpdateTableConfigRequest");

export const schemaPatch = z
  .object({
    enabled: z
      .boolean()
      .nullish()
      .openapi({ description: "false disables every table of the schema; true on a disabled schema enables them" }),
    tables: z.record(z.string(), tablePatch).nullish(),
  })
  .openapi("UpdateSchemaConfigRequest");

export const schemaConfigPatch = z
  .object({
    schema_change_handling: z.enum(SCHEMA_CHANGE_HANDLING).nullish().openapi({
      description:
        "What a later discovery does with what is new: ALLOW_ALL syncs new schemas, tables and columns; ALLOW_COLUMNS syncs new columns only (new schemas and tables are added disabled); BLOCK_ALL adds all of them disabled and holds widenings",
    }),
    is_type_locked: z
      .boolean()
      .nullish()
      .openapi({ description: "true holds every widening of a column's type until it is applied by hand" }),
    schemas: z.record(z.string(), schemaPatch).nullish(),
  })
  .openapi("UpdateStandardConfigRequest");

export const reloadBody = z
  .object({
    exclude_mode: z
      .enum(["PRESERVE", "EXCLUDE", "INCLUDE"])
      .nullish()
      .openapi({ description: "PRESERVE (default) keeps every choice; EXCLUDE disables, INCLUDE enables all tables" }),
  })
  .openapi("ReloadStandardConfigRequest");

/** `POST …/schemas`: a config created before the first sync (same nested shape as PATCH). */
export const schemaConfigCreate = z
  .object({
    schema_change_handling: z.enum(SCHEMA_CHANGE_HANDLING).nullish(),
    is_type_locked: z.boolean().nullish(),
    schemas: z.record(z.string(), schemaPatch).nullish(),
  })
  .openapi("CreateStandardConfigRequest");

/** `POST …/schemas/drop-columns`. */
export const dropColumnsBody = z
  .object({
    schemas: z.record(
      z.string(),
      z.object({ tables: z.record(z.string(), z.object({ columns: z.array(z.string()).min(1) })) }),
    ),
  })
  .openapi("DropColumnsRequest");

export type SchemaPatch = z.infer<typeof schemaPatch>;
export type ColumnPatch = z.infer<typeof columnPatch>;
export type TablePatch = z.infer<typeof tablePatch>;

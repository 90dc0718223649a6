import type { RouteHandler } from "@hono/zod-openapi";
import { catalog } from "../../db/client";
import type { ConnectionRow } from "../../db/connections";
import type { PrecreatedSchemas } from "../../do/connector-do";
import { destinationSchema } from "../../engine/naming";
import type { Stream } from "../../engine/protocol";
import type { SchemaPolicy } from "../../engine/schema-policy";
import type { ColumnSettings } from "../../engine/schema-projection";
import { canSync, findSource } from "../../engine/sources";
import { openConfig, parseConfig } from "../../engine/toolkit/config";
import { connectorContext } from "../../engine/toolkit/context";
import type { AppEnv, Env } from "../../env";
import { ApiError } from "../../errors";
import { ok } from "../../lib/envelope";
import { requireConnection } from "./connections.handlers";
import { configurableTables, connectorOf, discoveredTables, streamKey } from "./connections.objects";
import {
  checkColumnPatch,
  columnChange,
  columnsConfig,
  destinationSyncModes,
  findTable,
  planSchemaPatch,
  type SchemaPatchPlan,
  schemaConfig,
} from "./connections.schema-config";
import type { connectionsSchemaConfigRoutes as routes } from "./connections.schema-config.routes";
import type { ColumnConfig, SchemaConfig } from "./connections.schema-config.schemas";
import { planTableTransforms, saveTransforms, withTransforms } from "./connections.transforms";

/** How long discovery may take before the request gives up. */
const DISCOVERY_BUDGET_MS = 60_000;

/** The caller's connection, or 404 NotFound_Connection (also for another account's). */
async function ownConnection(env: Env, accountId: string, connectionId: string) {
  return requireConnection(catalog(env.DB), accountId, connectionId);
}

/** 404 NotFound_SchemaConfig: a connection that was never discovered and has no pre-created config. */
function noSchemaConfig(connectionId: string): ApiError {
  return new ApiError(
    404,
    "NotFound_SchemaConfig",
    `Connection '${connectionId}' has no schema config yet: it is created by the first sync, by POST /v1/connections/${connectionId}/schemas/reload, or before the first sync by POST /v1/connections/${connectionId}/schemas`,
  );
}

/** The tables of a config created by POST /schemas, shown until the first discovery replaces them. */
function precreatedSchemas(
  row: ConnectionRow,
  schemas: PrecreatedSchemas,
  handling: SchemaPolicy["handling"],
): NonNullable<SchemaConfig["schemas"]> {
  const out: NonNullable<SchemaConfig["schemas"]> = {};
  for (const [name, schema] of Object.entries(schemas)) {
    const tables: NonNullable<SchemaConfig["schemas"]>[string]["tables"] = {};
    for (const [table, setting] of Object.entries(schema.tables ?? {})) {
      const columns: Record<string, ColumnConfig> = {};
      for (const [column, value] of Object.entries(setting.columns ?? {})) {
        Object.defineProperty(columns, column, {
          value: {
            name_in_destination: column,
            enabled: value.enabled ?? true,
            hashed: value.hashed ?? false,
            enabled_patch_settings: { allowed: true },
          },
          enumerable: true,
        });
      }
      Object.defineProperty(tables, table, {
        value: {
          name_in_destination: table,
          enabled: schema.enabled === false ? false : (setting.enabled ?? handling === "ALLOW_ALL"),
          supports_columns_config: true,
          supports_history_mode: false,
          enabled_patch_settings: { allowed: true },
          columns,
        },
        enumerable: true,
      });
    }
    Object.defineProperty(out, name, {
      value: {
        name_in_destination: destinationSchema(row.service, row.schema, name),
        enabled: schema.enabled !== false,
        tables,
      },
      enumerable: true,
    });
  }
  return out;
}

/** The schema config as it is now; 404 NotFound_SchemaConfig when there is none. */
async function currentConfig(env: Env, row: ConnectionRow): Promise<SchemaConfig> {
  const connector = connectorOf(env, row.id);
  const tables = await configurableTables(env, row.id);
  const policy = (await connector.schemaPolicy()) as SchemaPolicy;
  if (tables === null) {
    const precreated = (await connector.precreated()) as PrecreatedSchemas | null;
    if (precreated === null) throw noSchemaConfig(row.id);
    return {
      enable_new_by_default: policy.handling === "ALLOW_ALL",
      schema_change_handling: policy.handling,
      is_type_locked: policy.typeLocked,
      schemas: precreatedSchemas(row, precreated, policy.handling),
    };
  }
  const config = schemaConfig(
    (namespace) => destinationSchema(row.service, row.schema, namespace),
    tables,
    destinationSyncModes(row.destinationService),
    { handling: policy.handling, typeLocked: policy.typeLocked },
    (await connector.columnSettings()) as ColumnSettings,
  );
  return withTransforms(env, row, config);
}

/** Applies a plan's table enablement, sync modes and column settings, if any. */
async function applyChanges(env: Env, connectionId: string, plan: SchemaPatchPlan) {
  const connector = connectorOf(env, connectionId);
  if (Object.keys(plan.enabled).length > 0) await connector.setEnabled(plan.enabled);
  if (Object.keys(plan.syncModes).length > 0) await connector.setSyncModes(plan.syncModes);
  if (plan.columns.length > 0) await connector.setColumns(plan.columns);
}

/** The policy fields a POST or PATCH of /schemas sets. */
async function applyPolicy(
  env: Env,
  connectionId: string,
  body: { schema_change_handling?: SchemaPolicy["handling"] | null; is_type_locked?: boolean | null },
) {
  const patch: Partial<SchemaPolicy> = {};
  if (body.schema_change_handling != null) patch.handling = body.schema_change_handling;
  if (body.is_type_locked != null) patch.typeLocked = body.is_type_locked;
  if (Object.keys(patch).length > 0) await connectorOf(env, connectionId).setSchemaPolicy(patch);
}

/**
 * Reads the source's tables with the connection's decrypted config. A source that cannot be
 * read yet is 400; a source that cannot be reached or refuses us is 409 with its reason (the
 * request is fine, the connection's current config or source is not).
 */
async function discover(env: Env, row: ConnectionRow): Promise<Stream[]> {
  const definition = findSource(row.service);
  if (!definition) throw ApiError.invalid(`Unsupported service '${row.service}'`);
  if (!canSync(definition)) {
    throw ApiError.invalid(
      `Source service '${row.service}' cannot discover tables yet, so its schema config cannot be reloaded`,
    );
  }
  const config = parseConfig(definition, undefined, await openConfig(env, row));
  try {
    const found = await definition.reader.discover(
      config,
      await connectorContext(env, row.accountId, definition, config, AbortSignal.timeout(DISCOVERY_BUDGET_MS), {
        kind: "connection",
        id: row.id,
      }),
    );
    return found.streams;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw ApiError.conflict(`Could not discover the tables of connection '${row.id}': ${reason}`);
  }
}

export const getSchemaConfig: RouteHandler<typeof routes.getConfig, AppEnv> = async (c) => {
  const { connectionId } = c.req.valid("param");
  const row = await ownConnection(c.env, c.var.auth.accountId, connectionId);
  return c.json(ok("Schema configuration retrieved successfully", await currentConfig(c.env, row)), 200);
};

export const createSchemaConfig: RouteHandler<typeof routes.createConfig, AppEnv> = async (c) => {
  const { connectionId } = c.req.valid("param");
  const body = c.req.valid("json");
  const row = await ownConnection(c.env, c.var.auth.accountId, connectionId);
  const connector = connectorOf(c.env, connectionId);
  if (await connector.hasSchemaConfig()) {
    throw ApiError.conflict(
      `Connection '${connectionId}' already has a schema config; change it with PATCH /v1/connections/${connectionId}/schemas`,
    );
  }
  // The source's tables are not known yet: names are kept as given and applied at the first discovery.
  for (const [schema, patch] of Object.entries(body.schemas ?? {})) {
    for (const [table, tablePatch] of Object.entries(patch.tables ?? {})) {
      if (tablePatch.sync_mode != null) {
        throw ApiError.invalid(
          `Invalid value for field 'schemas.${schema}.tables.${table}.sync_mode': set sync modes once the tables are discovered (PATCH …/schemas)`,
        );
      }
    }
  }
  await applyPolicy(c.env, connectionId, body);
  await connector.createSchemaConfig((body.schemas ?? {}) as PrecreatedSchemas);
  return c.json(ok("Schema configuration has been created", await currentConfig(c.env, row)), 200);
};

export const reloadSchemaConfig: RouteHandler<typeof routes.reload, AppEnv> = async (c) => {
  const { connectionId } = c.req.valid("param");
  const { exclude_mode: mode } = c.req.valid("json");
  const row = await ownConnection(c.env, c.var.auth.accountId, connectionId);
  const streams = await discover(c.env, row);
  // What changed goes through the schema policy; choices made on known tables are kept (PRESERVE).
  await connectorOf(c.env, connectionId).discoverUnderPolicy(connectionId, streams, null, "reload");
  if (mode === "EXCLUDE" || mode === "INCLUDE") {
    const tables = (await discoveredTables(c.env, connectionId)) ?? [];
    const enabled = mode === "INCLUDE";
    await applyChanges(c.env, connectionId, {
      enabled: Object.fromEntries(tables.map(({ stream }) => [streamKey(stream.namespace, stream.name), enabled])),
      syncModes: {},
      columns: [],
    });
  }
  return c.json(ok("Schema configuration has been reloaded", await currentConfig(c.env, row)), 200);
};

export const patchSchemaConfig: RouteHandler<typeof routes.patchConfig, AppEnv> = async (c) => {
  const { connectionId } = c.req.valid("param");
  const body = c.req.valid("json");
  const row = await ownConnection(c.env, c.var.auth.accountId, connectionId);
  const tables = await discoveredTables(c.env, connectionId);
  if (body.schemas && Object.keys(body.schemas).length > 0 && tables === null) {
    if (!(await connectorOf(c.env, connectionId).hasSchemaConfig())) throw noSchemaConfig(connectionId);
  }
  const changes = planSchemaPatch(
    connectionId,
    await configurableTables(c.env, connectionId),
    body.schemas ?? {},
    "config",
    destinationSyncModes(row.destinationService),
  );
  const transforms = await planTableTransforms(c.env, row, tables, body.schemas ?? {}, "config");
  await applyPolicy(c.env, connectionId, body);
  await applyChanges(c.env, connectionId, changes);
  await saveTransforms(c.env, row, transforms);
  return c.json(ok("Schema configuration has been modified", await currentConfig(c.env, row)), 200);
};

export const patchSchema: RouteHandler<typeof routes.patchSchema, AppEnv> = async (c) => {
  const { connectionId, schemaName } = c.req.valid("param");
  const body = c.req.valid("json");
  const row = await ownConnection(c.env, c.var.auth.accountId, connectionId);
  const tables = await discoveredTables(c.env, connectionId);
  const changes = planSchemaPatch(
    connectionId,
    await configurableTables(c.env, connectionId),
    { [schemaName]: body },
    "schema",
    destinationSyncModes(row.destinationService),
  );
  const transforms = await planTableTransforms(c.env, row, tables, { [schemaName]: body }, "schema");
  await applyChanges(c.env, connectionId, changes);
  await saveTransforms(c.env, row, transforms);
  return c.json(ok("Database schema configuration has been modified", await currentConfig(c.env, row)), 200);
};

export const patchTable: RouteHandler<typeof routes.patchTable, AppEnv> = async (c) => {
  const { connectionId, schemaName, tableName } = c.req.valid("param");
  const body = c.req.valid("json");
  const row = await ownConnection(c.env, c.var.auth.accountId, connectionId);
  const tables = await discoveredTables(c.env, connectionId);
  const changes = planSchemaPatch(
    connectionId,
    await configurableTables(c.env, connectionId),
    { [schemaName]: { tables: { [tableName]: body } } },
    "table",
    destinationSyncModes(row.destinationService),
  );
  const transforms = await planTableTransforms(
    c.env,
    row,
    tables,
    { [schemaName]: { tables: { [tableName]: body } } },
    "table",
  );
  await applyChanges(c.env, connectionId, changes);
  await saveTransforms(c.env, row, transforms);
  return c.json(ok("Table configuration has been modified", await currentConfig(c.env, row)), 200);
};

export const patchColumn: RouteHandler<typeof routes.patchColumn, AppEnv> = async (c) => {
  const { connectionId, schemaName, tableName, columnName } = c.req.valid("param");
  const body = c.req.valid("json");
  const row = await ownConnection(c.env, c.var.auth.accountId, connectionId);
  const { stream } = findTable(connectionId, await configurableTables(c.env, connectionId), schemaName, tableName);
  checkColumnPatch(connectionId, stream, columnName, body, (rest) => rest);
  await connectorOf(c.env, connectionId).setColumns([columnChange(schemaName, tableName, columnName, body)]);
  return c.json(ok("Column configuration has been modified", await currentConfig(c.env, row)), 200);
};

export const getColumns: RouteHandler<typeof routes.columns, AppEnv> = async (c) => {
  const { connectionId, schemaName, tableName } = c.req.valid("param");
  await ownConnection(c.env, c.var.auth.accountId, connectionId);
  const { stream } = findTable(connectionId, await configurableTables(c.env, connectionId), schemaName, tableName);
  const settings = (await connectorOf(c.env, connectionId).columnSettings()) as ColumnSettings;
  const key = streamKey(schemaName, tableName);
  return c.json(
    ok("Column configuration retrieved successfully", {
      columns: columnsConfig(stream, Object.hasOwn(settings, key) ? settings[key] : {}),
    }),
    200,
  );
};

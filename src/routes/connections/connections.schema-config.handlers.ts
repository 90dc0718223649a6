import type { RouteHandler } from "@hono/zod-openapi";
import { catalog } from "../../db/client";
import type { ConnectionRow } from "../../db/connections";
import { destinationSchema } from "../../engine/naming";
import type { Stream } from "../../engine/protocol";
import { canSync, findSource } from "../../engine/sources";
import { openConfig, parseConfig } from "../../engine/toolkit/config";
import { connectorContext } from "../../engine/toolkit/context";
import type { AppEnv, Env } from "../../env";
import { ApiError } from "../../errors";
import { ok } from "../../lib/envelope";
import { requireConnection } from "./connections.handlers";
import { connectorOf, discoveredTables, streamKey } from "./connections.objects";
import {
  columnsConfig,
  destinationSyncModes,
  findTable,
  planSchemaPatch,
  type SchemaPatchPlan,
  schemaConfig,
} from "./connections.schema-config";
import type { connectionsSchemaConfigRoutes as routes } from "./connections.schema-config.routes";
import { planTableTransforms, saveTransforms, withTransforms } from "./connections.transforms";

/** How long discovery may take before the request gives up. */
const DISCOVERY_BUDGET_MS = 60_000;

/** The caller's connection, or 404 NotFound_Connection (also for another account's). */
async function ownConnection(env: Env, accountId: string, connectionId: string) {
  return requireConnection(catalog(env.DB), accountId, connectionId);
}

/** The schema config as it is now. */
async function currentConfig(env: Env, row: ConnectionRow) {
  const config = schemaConfig(
    (namespace) => destinationSchema(row.service, row.schema, namespace),
    await discoveredTables(env, row.id),
    destinationSyncModes(row.destinationService),
  );
  return withTransforms(env, row, config);
}

/** Applies a plan's `schema.table → enabled` and `→ sync mode` changes, if any. */
async function applyChanges(env: Env, connectionId: string, plan: SchemaPatchPlan) {
  if (Object.keys(plan.enabled).length > 0) await connectorOf(env, connectionId).setEnabled(plan.enabled);
  if (Object.keys(plan.syncModes).length > 0) await connectorOf(env, connectionId).setSyncModes(plan.syncModes);
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
      await connectorContext(env, row.accountId, definition, config, AbortSignal.timeout(DISCOVERY_BUDGET_MS)),
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

export const reloadSchemaConfig: RouteHandler<typeof routes.reload, AppEnv> = async (c) => {
  const { connectionId } = c.req.valid("param");
  const { exclude_mode: mode } = c.req.valid("json");
  const row = await ownConnection(c.env, c.var.auth.accountId, connectionId);
  const streams = await discover(c.env, row);
  // New tables are enabled (ALLOW_ALL); choices made on known tables are kept (PRESERVE).
  await connectorOf(c.env, connectionId).recordDiscovery(connectionId, streams);
  if (mode === "EXCLUDE" || mode === "INCLUDE") {
    const tables = (await discoveredTables(c.env, connectionId)) ?? [];
    const enabled = mode === "INCLUDE";
    await applyChanges(c.env, connectionId, {
      enabled: Object.fromEntries(tables.map(({ stream }) => [streamKey(stream.namespace, stream.name), enabled])),
      syncModes: {},
    });
  }
  return c.json(ok("Schema configuration has been reloaded", await currentConfig(c.env, row)), 200);
};

export const patchSchemaConfig: RouteHandler<typeof routes.patchConfig, AppEnv> = async (c) => {
  const { connectionId } = c.req.valid("param");
  const body = c.req.valid("json");
  const row = await ownConnection(c.env, c.var.auth.accountId, connectionId);
  if (body.schema_change_handling != null && body.schema_change_handling !== "ALLOW_ALL") {
    throw ApiError.invalid(
      "Invalid value for field 'schema_change_handling': only ALLOW_ALL is supported (newly discovered tables are enabled)",
    );
  }
  const tables = await discoveredTables(c.env, connectionId);
  const changes = planSchemaPatch(
    connectionId,
    tables,
    body.schemas ?? {},
    "config",
    destinationSyncModes(row.destinationService),
  );
  const transforms = await planTableTransforms(c.env, row, tables, body.schemas ?? {}, "config");
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
    tables,
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
    tables,
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

export const getColumns: RouteHandler<typeof routes.columns, AppEnv> = async (c) => {
  const { connectionId, schemaName, tableName } = c.req.valid("param");
  await ownConnection(c.env, c.var.auth.accountId, connectionId);
  const { stream } = findTable(connectionId, await discoveredTables(c.env, connectionId), schemaName, tableName);
  return c.json(ok("Column configuration retrieved successfully", { columns: columnsConfig(stream) }), 200);
};

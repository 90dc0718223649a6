/**
 * The schema history and changes made by hand (extension; the SDK's `schema.history()` and
 * `schema.evolve()`), and Fivetran's drop of blocked columns. A change by hand runs on the
 * destination at once through the group's writer (`DestinationWriter.evolve`), so it is refused
 * while a sync of the connection runs, and is recorded like the changes a sync finds.
 */
import type { RouteHandler } from "@hono/zod-openapi";
import { catalog } from "../../db/client";
import type { ConnectionRow } from "../../db/connections";
import { listSchemaHistory, type SchemaHistoryRow } from "../../db/schema-history";
import type { TableSetting } from "../../do/connector-do";
import { EngineError } from "../../engine/errors";
import { destinationSchema } from "../../engine/naming";
import { openDestinationWriter } from "../../engine/open";
import type { Column, Stream } from "../../engine/protocol";
import { type EvolveOp, type SchemaChange, typeLabel, widens } from "../../engine/schema-policy";
import type { ColumnSettings } from "../../engine/schema-projection";
import type { AppEnv, Env } from "../../env";
import { ApiError } from "../../errors";
import { done, ok } from "../../lib/envelope";
import { decodeCursor, toPage } from "../../lib/pagination";
import { isoTimestamp } from "../../lib/time";
import { requireConnection } from "./connections.handlers";
import { connectorOf, currentRun, discoveredTables, streamKey, syncInProgress } from "./connections.objects";
import type { connectionsSchemaChangeRoutes as routes } from "./connections.schema-changes.routes";
import type { EvolveBody } from "./connections.schema-changes.schemas";
import { findTable } from "./connections.schema-config";

function serialize(row: SchemaHistoryRow) {
  return {
    id: row.id,
    change: row.kind as SchemaChange["kind"],
    status: row.status,
    schema: row.schemaName,
    table: row.tableName,
    column: row.columnName,
    old_name: row.oldName,
    old_type: row.oldType,
    new_type: row.newType,
    run_id: row.runId,
    origin: row.origin as "run" | "reload" | "manual" | "transform",
    message: row.message,
    timestamp: row.createdAt,
  };
}

export const listSchemaHistoryHandler: RouteHandler<typeof routes.history, AppEnv> = async (c) => {
  const { connectionId } = c.req.valid("param");
  const query = c.req.valid("query");
  const db = catalog(c.env.DB);
  await requireConnection(db, c.var.auth.accountId, connectionId);
  const rows = await listSchemaHistory(
    db,
    c.var.auth.accountId,
    connectionId,
    { kind: query.change, status: query.status, table: query.table, runId: query.run_id, since: query.since },
    decodeCursor(query.cursor),
    query.limit + 1,
  );
  return c.json(ok("Schema history retrieved successfully", toPage(rows, query.limit, serialize)), 200);
};

/** The connection's discovered tables, or 404 NotFound_SchemaConfig. */
async function tablesOf(env: Env, connectionId: string): Promise<TableSetting[]> {
  const tables = await discoveredTables(env, connectionId);
  if (tables === null) {
    throw new ApiError(
      404,
      "NotFound_SchemaConfig",
      `Connection '${connectionId}' has no schema config yet: sync it or POST /v1/connections/${connectionId}/schemas/reload first`,
    );
  }
  return tables;
}

/** The table an evolve names (`schema.table` or `table`), or the connection's only table. */
function resolveTable(connectionId: string, tables: TableSetting[], ref: string | undefined, field: string): Stream {
  if (ref === undefined) {
    if (tables.length === 1) return (tables[0] as TableSetting).stream;
    throw ApiError.invalid(`Field '${field}.table' is required: the connection has ${tables.length} tables`);
  }
  const exact = tables.find(({ stream }) => streamKey(stream.namespace, stream.name) === ref);
  if (exact) return exact.stream;
  const named = tables.filter(({ stream }) => stream.name === ref);
  if (named.length === 1) return (named[0] as TableSetting).stream;
  if (named.length > 1) {
    throw ApiError.invalid(
      `Invalid value for field '${field}.table': '${ref}' is in several schemas; name it as schema.table`,
    );
  }
  throw new ApiError(
    404,
    "NotFound_Table",
    `Table '${ref}' is not in the schema config of connection '${connectionId}' (names are case-sensitive)`,
  );
}

/**
 * Runs destination changes now, on the group's writer. Returns per op whether its table was
 * there. A destination that cannot evolve is 400; one that refuses the change is 409.
 */
async function onDestination(env: Env, row: ConnectionRow, namespace: string, table: string, ops: EvolveOp[]) {
  if (await currentRun(env, row.id)) throw syncInProgress(row.id);
  let opened: Awaited<ReturnType<typeof openDestinationWriter>>;
  try {
    opened = await openDestinationWriter(env, row.groupId);
  } catch (error) {
    if (error instanceof EngineError) throw ApiError.conflict(`The destination cannot be opened: ${error.message}`);
    throw error;
  }
  const { writer, definition } = opened;
  try {
    if (!writer.evolve) {
      throw ApiError.invalid(`Destination service '${definition.service}' cannot alter tables (it only adds columns)`);
    }
    const present: boolean[] = [];
    for (const op of ops) {
      try {
        present.push(await writer.evolve(destinationSchema(row.service, row.schema, namespace), table, op));
      } catch (error) {
        if (error instanceof EngineError) throw ApiError.conflict(error.message);
        throw error;
      }
    }
    return present;
  } finally {
    await writer.close().catch(() => {});
  }
}

function settingsOf(settings: ColumnSettings, stream: Stream) {
  const key = streamKey(stream.namespace, stream.name);
  return Object.hasOwn(settings, key) ? (settings[key] ?? {}) : {};
}

export const evolveSchema: RouteHandler<typeof routes.evolve, AppEnv> = async (c) => {
  const { connectionId } = c.req.valid("param");
  const body: EvolveBody = c.req.valid("json");
  const row = await requireConnection(catalog(c.env.DB), c.var.auth.accountId, connectionId);
  const given = (["add_column", "widen", "rename"] as const).filter((k) => body[k] !== undefined);
  if (given.length !== 1) {
    throw ApiError.invalid(`Exactly one of 'add_column', 'widen' or 'rename' is required (got ${given.length})`);
  }
  const tables = await tablesOf(c.env, connectionId);
  const connector = connectorOf(c.env, connectionId);
  let change: SchemaChange;
  if (body.add_column) {
    const { name, type } = body.add_column;
    const stream = resolveTable(connectionId, tables, body.add_column.table, "add_column");
    const at = { schema: stream.namespace, table: stream.name, column: name, newType: type };
    const existing = stream.columns.find((column) => column.name === name);
    if (existing) {
      // The source has it: a column the policy (or a person) kept out is let through.
      await connector.setColumns([{ ...at, patch: { enabled: true, held: null } }]);
      change = {
        kind: "add_column",
        ...at,
        newType: typeLabel(existing),
        status: "applied",
        message: `column ${stream.namespace}.${stream.name}.${name} (${typeLabel(existing)}) enabled by hand: rows synced from the next run carry it; re-sync the table (POST /v1/connections/${connectionId}/schemas/tables/resync) to fill it for rows already there`,
      };
    } else {
      const column: Column = { name, type, sourceType: type, nullable: true };
      const [present] = await onDestination(c.env, row, stream.namespace, stream.name, [
        { kind: "add_column", column },
      ]);
      if (!present) {
        throw ApiError.conflict(
          `Table '${stream.namespace}.${stream.name}' is not in the destination yet: sync the connection first, then add the column`,
        );
      }
      change = {
        kind: "add_column",
        ...at,
        status: "applied",
        message: `column ${stream.namespace}.${stream.name}.${name} (${type}) added to the destination by hand (the source does not have it: it stays null)`,
      };
    }
  } else if (body.widen) {
    const { column: name, type } = body.widen;
    const stream = resolveTable(connectionId, tables, body.widen.table, "widen");
    const column = stream.columns.find((c) => c.name === name);
    if (!column) {
      throw new ApiError(
        404,
        "NotFound_Column",
        `Column '${name}' is not in table '${stream.namespace}.${stream.name}' of connection '${connectionId}'`,
      );
    }
    if (!widens(column.type, type)) {
      throw ApiError.invalid(
        `Invalid value for field 'widen.type': ${column.type} → ${type} is not a widening (int → long → decimal → float, date → timestamp → timestamptz, anything → string or json); narrowing needs schema_policy.allow_breaking`,
      );
    }
    const wider: Column =
      type === column.type ? column : { ...column, type, sourceType: type, precision: undefined, scale: undefined };
    await onDestination(c.env, row, stream.namespace, stream.name, [{ kind: "alter_type", column: wider }]);
    await connector.setColumns([{ schema: stream.namespace, table: stream.name, column: name, patch: { held: null } }]);
    change = {
      kind: "widen",
      schema: stream.namespace,
      table: stream.name,
      column: name,
      oldType: typeLabel(column),
      newType: typeLabel(wider),
      status: "applied",
      message: `column ${stream.namespace}.${stream.name}.${name} widened to ${typeLabel(wider)} by hand; its values sync again from the next run`,
    };
  } else {
    const { from, to } = body.rename as NonNullable<EvolveBody["rename"]>;
    const stream = resolveTable(connectionId, tables, body.rename?.table, "rename");
    if (from === to) throw ApiError.invalid("Invalid value for field 'rename.to': it is the column's name already");
    await onDestination(c.env, row, stream.namespace, stream.name, [{ kind: "rename_column", from, to }]);
    change = {
      kind: "rename_column",
      schema: stream.namespace,
      table: stream.name,
      column: to,
      oldName: from,
      status: "applied",
      message: `column ${stream.namespace}.${stream.name}.${from} renamed to ${to} by hand (its values kept)`,
    };
  }
  const [record] = await connector.recordManualChanges(connectionId, [change]);
  const at = record?.created_at ?? isoTimestamp();
  return c.json(
    ok("Schema change applied", {
      id: record?.id ?? crypto.randomUUID(),
      change: change.kind,
      status: change.status,
      schema: change.schema,
      table: change.table,
      column: change.column ?? null,
      old_name: change.oldName ?? null,
      old_type: change.oldType ?? null,
      new_type: change.newType ?? null,
      run_id: null,
      origin: "manual" as const,
      message: change.message,
      timestamp: at,
    }),
    200,
  );
};

/** Drops columns that are blocked or gone from the source from one destination table. */
async function dropColumns(env: Env, row: ConnectionRow, schema: string, table: string, columns: string[]) {
  const tables = await tablesOf(env, row.id);
  const { stream } = findTable(row.id, tables, schema, table);
  const connector = connectorOf(env, row.id);
  const settings = settingsOf((await connector.columnSettings()) as ColumnSettings, stream);
  for (const column of columns) {
    const atSource = stream.columns.some((c) => c.name === column);
    const blocked = Object.hasOwn(settings, column) && settings[column]?.enabled === false;
    if (atSource && !blocked) {
      throw ApiError.conflict(
        `Column '${schema}.${table}.${column}' is neither blocked nor gone from the source: block it first (PATCH …/columns/${column} {"enabled": false})`,
      );
    }
    if (stream.primaryKey.includes(column)) {
      throw ApiError.conflict(`Column '${schema}.${table}.${column}' is part of the primary key`);
    }
  }
  await onDestination(
    env,
    row,
    schema,
    table,
    columns.map((column) => ({ kind: "drop_column", column })),
  );
  await connector.recordManualChanges(
    row.id,
    columns.map((column) => ({
      kind: "drop_column",
      schema,
      table,
      column,
      status: "applied",
      message: `column ${schema}.${table}.${column} dropped from the destination by hand`,
    })),
  );
}

export const dropColumnsHandler: RouteHandler<typeof routes.dropColumns, AppEnv> = async (c) => {
  const { connectionId } = c.req.valid("param");
  const body = c.req.valid("json");
  const row = await requireConnection(catalog(c.env.DB), c.var.auth.accountId, connectionId);
  for (const [schema, { tables }] of Object.entries(body.schemas)) {
    for (const [table, { columns }] of Object.entries(tables)) await dropColumns(c.env, row, schema, table, columns);
  }
  return c.json(done("Columns have been dropped from the destination"), 200);
};

export const dropColumnHandler: RouteHandler<typeof routes.dropColumn, AppEnv> = async (c) => {
  const { connectionId, schemaName, tableName, columnName } = c.req.valid("param");
  const row = await requireConnection(catalog(c.env.DB), c.var.auth.accountId, connectionId);
  await dropColumns(c.env, row, schemaName, tableName, [columnName]);
  return c.json(done(`Column '${columnName}' has been dropped from the destination`), 200);
};

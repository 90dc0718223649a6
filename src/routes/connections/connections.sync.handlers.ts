import type { RouteHandler } from "@hono/zod-openapi";
import { catalog } from "../../db/client";
import type { ConnectionRow } from "../../db/connections";
import type { RunAttempt, RunRecord } from "../../do/sync-do";
import { syncBlockers } from "../../engine/readiness";
import type { AppEnv, Env } from "../../env";
import { ApiError } from "../../errors";
import { done, ok } from "../../lib/envelope";
import { decodeCursor, toPage } from "../../lib/pagination";
import { requireConnection } from "./connections.handlers";
import { connectorOf, discoveredTables, streamKey, syncInProgress, syncOf } from "./connections.objects";
import { serializeRun } from "./connections.runs";
import { tableNotFound } from "./connections.schema-config";
import type { connectionsSyncRoutes as routes } from "./connections.sync.routes";

function triggered(connectionId: string) {
  return done(`Sync has been successfully triggered for connection with id '${connectionId}'`);
}

/** Fivetran's answer to the table re-sync endpoints (observed on the real API). */
const TABLES_RESYNC_MESSAGE = "Re-sync has been triggered successfully";

/** The caller's connection, or 404 NotFound_Connection (also for another account's). */
async function ownConnection(env: Env, accountId: string, connectionId: string) {
  return requireConnection(catalog(env.DB), accountId, connectionId);
}

/**
 * The caller's connection when a run of it could move data; otherwise 400 saying why (its
 * source cannot sync, its group has no destination, or that destination cannot be written),
 * and nothing is enqueued. Decided from the row alone: no Durable Object is asked.
 */
async function syncableConnection(env: Env, accountId: string, connectionId: string): Promise<ConnectionRow> {
  const row = await ownConnection(env, accountId, connectionId);
  const [blocker] = syncBlockers(row);
  if (blocker) throw ApiError.invalid(blocker.message);
  return row;
}

/**
 * The `schema.table` streams a re-sync scope names, validated: at least one schema, at least
 * one table per schema, and (once the source was discovered) only tables it has. `field` is
 * the request field the scope came in, for the error message.
 */
async function resyncTargets(
  env: Env,
  connectionId: string,
  scope: Record<string, string[]>,
  field: string | null,
): Promise<string[]> {
  const at = (key?: string) => [field, key].filter((part) => part != null).join(".");
  const schemas = Object.entries(scope);
  if (schemas.length === 0) {
    throw ApiError.invalid(
      field ? `Invalid value for field '${field}': name at least one schema` : "Name at least one schema",
    );
  }
  const targets = new Set<string>();
  for (const [schema, tables] of schemas) {
    if (tables.length === 0) throw ApiError.invalid(`Invalid value for field '${at(schema)}': name at least one table`);
    for (const table of tables) targets.add(streamKey(schema, table));
  }
  const known = await discoveredTables(env, connectionId);
  if (known) {
    const keys = new Set(known.map(({ stream }) => streamKey(stream.namespace, stream.name)));
    const unknown = [...targets].filter((key) => !keys.has(key));
    if (unknown.length > 0) {
      const where = field ? `Invalid value for field '${field}'` : "Invalid request";
      throw ApiError.invalid(`${where}: unknown table(s) ${unknown.join(", ")}`);
    }
  }
  return [...targets];
}

/**
 * Starts a re-sync of `targets`. Refused with 409 while a run is in progress: a re-sync
 * forgets state, which must not happen under a run that is still committing checkpoints.
 * SyncDO decides (it forgets nothing unless it starts the run), so no check comes first.
 */
async function startResync(env: Env, connectionId: string, targets: "all" | string[]): Promise<void> {
  const connector = connectorOf(env, connectionId);
  // A table held by a blocked primary-key change is rebuilt with the new key (schema-policy.ts).
  const held = Object.keys(await connector.heldTables()).filter((key) => targets === "all" || targets.includes(key));
  if (held.length > 0) {
    await connector.queueOps(
      held.map((key) => {
        const dot = key.indexOf(".");
        return { schema: key.slice(0, dot), table: key.slice(dot + 1), op: { kind: "drop_table" as const } };
      }),
    );
    await connector.releaseTables(held);
  }
  const result = await connector.trigger(connectionId, { trigger: "resync", resync: targets });
  if (!result.started) throw syncInProgress(connectionId);
}

export const syncConnection: RouteHandler<typeof routes.sync, AppEnv> = async (c) => {
  const { connectionId } = c.req.valid("param");
  const { force } = c.req.valid("json");
  await syncableConnection(c.env, c.var.auth.accountId, connectionId);
  // Without force, a sync requested while one runs is a no-op, as on Fivetran.
  await connectorOf(c.env, connectionId).trigger(connectionId, {
    trigger: force ? "force" : "manual",
    force: force ?? false,
  });
  return c.json(triggered(connectionId), 200);
};

export const forceSync: RouteHandler<typeof routes.force, AppEnv> = async (c) => {
  const { connectionId } = c.req.valid("param");
  await syncableConnection(c.env, c.var.auth.accountId, connectionId);
  await connectorOf(c.env, connectionId).trigger(connectionId, { trigger: "force", force: true });
  return c.json(triggered(connectionId), 200);
};

export const resyncConnection: RouteHandler<typeof routes.resync, AppEnv> = async (c) => {
  const { connectionId } = c.req.valid("param");
  const { scope } = c.req.valid("json");
  await syncableConnection(c.env, c.var.auth.accountId, connectionId);
  const targets = scope == null ? "all" : await resyncTargets(c.env, connectionId, scope, "scope");
  await startResync(c.env, connectionId, targets);
  return c.json(triggered(connectionId), 200);
};

export const resyncTables: RouteHandler<typeof routes.resyncTables, AppEnv> = async (c) => {
  const { connectionId } = c.req.valid("param");
  const scope = c.req.valid("json");
  await syncableConnection(c.env, c.var.auth.accountId, connectionId);
  await startResync(c.env, connectionId, await resyncTargets(c.env, connectionId, scope, null));
  return c.json(done(TABLES_RESYNC_MESSAGE), 200);
};

export const resyncTable: RouteHandler<typeof routes.resyncTable, AppEnv> = async (c) => {
  const { connectionId, schemaName, tableName } = c.req.valid("param");
  await syncableConnection(c.env, c.var.auth.accountId, connectionId);
  // The table is a path resource here, so an unknown one is 404 rather than 400.
  const known = await discoveredTables(c.env, connectionId);
  if (known && !known.some(({ stream }) => stream.namespace === schemaName && stream.name === tableName)) {
    throw tableNotFound(connectionId, schemaName, tableName);
  }
  await startResync(c.env, connectionId, [streamKey(schemaName, tableName)]);
  return c.json(done(TABLES_RESYNC_MESSAGE), 200);
};

/**
 * 400 for GET and PATCH …/state: as on Fivetran, only Function and Connector SDK connections
 * have a state a user may read or edit, and this server has none of those. Every connector
 * here keeps its checkpoints itself (in SyncDO), and editing them by hand could skip or
 * duplicate rows; a re-sync is the supported way to read tables again.
 */
function stateNotEditable(row: ConnectionRow): ApiError {
  return ApiError.invalid(
    `Connection with id '${row.id}' has no user-editable state: only Function and Connector SDK connections expose their state, and service '${row.service}' keeps its checkpoints itself. To read tables again from scratch, re-sync them (POST /v1/connections/${row.id}/resync).`,
  );
}

export const getState: RouteHandler<typeof routes.getState, AppEnv> = async (c) => {
  const { connectionId } = c.req.valid("param");
  throw stateNotEditable(await ownConnection(c.env, c.var.auth.accountId, connectionId));
};

export const updateState: RouteHandler<typeof routes.updateState, AppEnv> = async (c) => {
  const { connectionId } = c.req.valid("param");
  throw stateNotEditable(await ownConnection(c.env, c.var.auth.accountId, connectionId));
};

/** The run ordinal a runs cursor points after (the cursor's keyset id). */
function ordinalAfter(cursor: string | undefined): number | undefined {
  const keyset = decodeCursor(cursor);
  if (!keyset) return undefined;
  const ordinal = Number(keyset.id);
  if (!Number.isSafeInteger(ordinal) || ordinal < 1) {
    throw ApiError.invalid(`Invalid value for field 'cursor': '${cursor}' is not a cursor of this list`);
  }
  return ordinal;
}

export const listRuns: RouteHandler<typeof routes.listRuns, AppEnv> = async (c) => {
  const { connectionId } = c.req.valid("param");
  const { cursor, limit } = c.req.valid("query");
  await ownConnection(c.env, c.var.auth.accountId, connectionId);
  const before = ordinalAfter(cursor);
  const { runs } = (await syncOf(c.env, connectionId).history(limit + 1, before)) as {
    runs: (RunRecord & { ordinal: number; attempts: RunAttempt[] })[];
  };
  // Newest first by ordinal: the cursor is the ordinal of the last run on the page.
  const rows = runs.map((run) => ({ createdAt: run.startedAt, id: String(run.ordinal), run }));
  return c.json(
    ok(
      "Runs retrieved successfully",
      toPage(rows, limit, (row) => serializeRun(row.run)),
    ),
    200,
  );
};

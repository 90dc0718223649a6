/**
 * `transform` on connection create and PATCH (and per table in the schema config): checked
 * before it is stored. A SQL query is checked against the rules of engine/transforms/sql.ts and,
 * when the connection's tables are discovered, prepared against each one it applies to in a
 * TransformDO; a function is loaded in its sandbox and run on a sample row of each table. What
 * fails is refused with 400 naming the table and the position in the query.
 */

import { catalog } from "../../db/client";
import { type ConnectionRow, updateConnection } from "../../db/connections";
import type { TableSetting } from "../../do/connector-do";
import type { Stream } from "../../engine/protocol";
import { prepareFunction, prepareSql, prepareTransform } from "../../engine/transforms";
import {
  CONNECTION_TRANSFORM,
  type StoredTransforms,
  transformFor,
  transformRuntime,
} from "../../engine/transforms/connection";
import { FunctionSandbox } from "../../engine/transforms/sandbox";
import type { Transform } from "../../engine/transforms/spec";
import { analyzeQuery, TransformQueryError } from "../../engine/transforms/sql";
import type { Env } from "../../env";
import { ApiError } from "../../errors";
import { isoTimestamp } from "../../lib/time";
import { discoveredTables } from "./connections.objects";
import type { SchemaConfig } from "./connections.schema-config.schemas";

const table = (stream: Stream) => `${stream.namespace}.${stream.name}`;

/**
 * Refuses `transform` unless it runs on each of `streams` (its tables; none known yet: the
 * checks that need no table). `field` names it in the message (`transform`, `tables.x.transform`).
 */
export async function checkTransform(
  env: Env,
  owner: string,
  transform: Transform,
  streams: Stream[],
  field = "transform",
): Promise<void> {
  const runtime = transformRuntime(env, `validate:${owner}`);
  const refuse = (message: string, stream?: Stream) => {
    const on = stream ? ` on ${table(stream)}` : "";
    const part = transform.type === "sql" ? "query" : "fn";
    return ApiError.invalid(`Invalid value for field '${field}.${part}'${on}: ${message}`);
  };
  if (transform.type === "function" && !env.LOADER) {
    throw refuse("function transforms need the Worker Loader binding (LOADER), which this Worker does not have");
  }
  try {
    if (streams.length === 0) {
      if (transform.type === "sql") analyzeQuery(transform.query, { columns: [] });
      else await FunctionSandbox.load(env.LOADER, runtime.owner, transform.fn, runtime.limits);
      return;
    }
  } catch (error) {
    throw refuse(String((error as Error).message ?? error));
  }
  for (const stream of streams) {
    try {
      if (transform.type === "sql") await prepareSql(runtime, transform.query, stream);
      else await prepareFunction(runtime, transform.fn, stream);
    } catch (error) {
      if (error instanceof TransformQueryError) throw refuse(error.message, stream);
      throw error;
    }
  }
}

/** The connection's discovered, enabled tables (none before its first discovery). */
export async function discoveredStreams(env: Env, connectionId: string | undefined): Promise<Stream[]> {
  if (!connectionId) return [];
  const tables = await discoveredTables(env, connectionId);
  return (tables ?? []).filter((t) => t.enabled).map((t) => t.stream);
}

/**
 * The stored transforms after a create or PATCH's `transform` (undefined: unchanged, null:
 * removed), checked against the tables it applies to (those without a transform of their own).
 */
export async function applyConnectionTransform(
  env: Env,
  accountId: string,
  connectionId: string | undefined,
  stored: StoredTransforms | null,
  input: Transform | null | undefined,
): Promise<StoredTransforms | null | undefined> {
  if (input === undefined) return undefined;
  const next: StoredTransforms = { ...(stored ?? {}) };
  if (input === null) delete next[CONNECTION_TRANSFORM];
  else {
    const streams = (await discoveredStreams(env, connectionId)).filter((s) => !Object.hasOwn(next, table(s)));
    await checkTransform(env, connectionId ?? accountId, input, streams);
    next[CONNECTION_TRANSFORM] = input;
  }
  return Object.keys(next).length > 0 ? next : null;
}

// ---------------------------------------------------------------------------------------
// Per table, in the schema config.

/** Where a table's fields sit in a schema-config request, for error messages. */
function tableField(level: "config" | "schema" | "table", schema: string, tableName: string): string {
  if (level === "config") return `schemas.${schema}.tables.${tableName}.transform`;
  if (level === "schema") return `tables.${tableName}.transform`;
  return "transform";
}

/**
 * The stored transforms after a schema-config PATCH's per-table `transform`s (undefined: none
 * in the request), each checked against its table's columns. Call after the patch's names were
 * checked (planSchemaPatch) and store with {@link saveTransforms} once everything passed.
 */
export async function planTableTransforms(
  env: Env,
  row: ConnectionRow,
  tables: TableSetting[] | null,
  schemas: Record<string, { tables?: Record<string, { transform?: Transform | null }> | null }>,
  level: "config" | "schema" | "table",
): Promise<StoredTransforms | null | undefined> {
  let next: StoredTransforms | undefined;
  for (const [schema, patch] of Object.entries(schemas)) {
    for (const [name, tablePatch] of Object.entries(patch.tables ?? {})) {
      if (tablePatch.transform === undefined) continue;
      next ??= { ...((row.transforms as StoredTransforms | null) ?? {}) };
      const key = `${schema}.${name}`;
      if (tablePatch.transform === null) {
        delete next[key];
        continue;
      }
      const stream = tables?.find((t) => t.stream.namespace === schema && t.stream.name === name)?.stream;
      await checkTransform(env, row.id, tablePatch.transform, stream ? [stream] : [], tableField(level, schema, name));
      next[key] = tablePatch.transform;
    }
  }
  if (next === undefined) return undefined;
  return Object.keys(next).length > 0 ? next : null;
}

/** Stores what {@link planTableTransforms} planned (nothing when it planned nothing). */
export async function saveTransforms(env: Env, row: ConnectionRow, next: StoredTransforms | null | undefined) {
  if (next === undefined) return;
  await updateConnection(catalog(env.DB), row.accountId, row.id, { transforms: next, updatedAt: isoTimestamp() });
  row.transforms = next;
}

/**
 * The schema config with each transformed table's transform and the columns it writes (or why
 * it cannot run on the table as discovered).
 */
export async function withTransforms(env: Env, row: ConnectionRow, config: SchemaConfig): Promise<SchemaConfig> {
  const stored = row.transforms as StoredTransforms | null;
  if (!stored || !config.schemas) return config;
  const tables = (await discoveredTables(env, row.id)) ?? [];
  const runtime = transformRuntime(env, row.id);
  for (const { stream } of tables) {
    const transform = transformFor(stored, stream);
    const entry = config.schemas[stream.namespace]?.tables[stream.name];
    if (!transform || !entry) continue;
    entry.transform = transform;
    try {
      const columns = (await prepareTransform(runtime, transform, stream)).output.columns;
      entry.transformed_columns = columns.map((c) => ({ name: c.name, type: c.type }));
    } catch (error) {
      entry.transform_error = String((error as Error).message ?? error);
    }
  }
  return config;
}

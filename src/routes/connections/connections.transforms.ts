/**
 * `transform` on connection create and PATCH (and per table in the schema config): checked
 * before it is stored. A SQL query is checked against the rules of engine/transforms/sql.ts and,
 * when the connection's tables are discovered, prepared against each one it applies to in a
 * TransformDO; a function is loaded in its sandbox and run on a sample row of each table. What
 * fails is refused with 400 naming the table and the position in the query.
 */

import type { Stream } from "../../engine/protocol";
import { prepareFunction, prepareSql } from "../../engine/transforms";
import { CONNECTION_TRANSFORM, type StoredTransforms, transformRuntime } from "../../engine/transforms/connection";
import { FunctionSandbox } from "../../engine/transforms/sandbox";
import type { Transform } from "../../engine/transforms/spec";
import { analyzeQuery, TransformQueryError } from "../../engine/transforms/sql";
import type { Env } from "../../env";
import { ApiError } from "../../errors";
import { connectorOf } from "./connections.objects";

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
  const tables = await connectorOf(env, connectionId).tables();
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

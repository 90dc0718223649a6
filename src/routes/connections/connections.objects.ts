/**
 * The Durable Objects behind a connection, as the API reaches them: ConnectorDO (schedule,
 * starting runs, discovered tables) and SyncDO (runs and state), one of each per connection,
 * addressed by the connection id. Callers check the connection belongs to the account first.
 */
import type { TableSetting } from "../../do/connector-do";
import type { RunRecord } from "../../do/sync-do";
import type { Env } from "../../env";
import { ApiError } from "../../errors";

/** The connection's ConnectorDO. */
export function connectorOf(env: Env, connectionId: string) {
  return env.CONNECTOR.get(env.CONNECTOR.idFromName(connectionId));
}

/** The connection's SyncDO. */
export function syncOf(env: Env, connectionId: string) {
  return env.SYNC.get(env.SYNC.idFromName(connectionId));
}

/** The discovered tables with the user's choices; null before the first discovery. */
export async function discoveredTables(env: Env, connectionId: string): Promise<TableSetting[] | null> {
  // RPC typing wraps the result; the object is exactly what ConnectorDO.tables() returns.
  return (await connectorOf(env, connectionId).tables()) as TableSetting[] | null;
}

/**
 * The discovered tables with the columns their transforms write besides the source's: what the
 * schema config shows and lets a person configure (a column a transform added, disabled by the
 * schema policy, is enabled like a source column). Transforms are checked against
 * {@link discoveredTables}, the source's own columns.
 */
export async function configurableTables(env: Env, connectionId: string): Promise<TableSetting[] | null> {
  return (await connectorOf(env, connectionId).tables(true)) as TableSetting[] | null;
}

/** The run in progress, if any. */
export async function currentRun(env: Env, connectionId: string): Promise<RunRecord | null> {
  return (await syncOf(env, connectionId).current()) as RunRecord | null;
}

/** 409 for what must wait until the run in progress ends. */
export function syncInProgress(connectionId: string): ApiError {
  return ApiError.conflict(
    `A sync is in progress for connection with id '${connectionId}'; retry once it has finished`,
  );
}

/** `namespace.name`: how the engine keys a stream (state, stats, enabled tables). */
export function streamKey(namespace: string, name: string): string {
  return `${namespace}.${name}`;
}

/**
 * Runs started by events rather than by the clock (the product vision's event-driven
 * triggers; rows in `connection_triggers`, db/triggers.ts): a trigger URL's request, a
 * message on one of the Worker's trigger queues, or the successful end of another
 * connection's sync. Each starts a run exactly as a sync request does — through the
 * connection's ConnectorDO, only when the connection can run (readiness.ts), and as a
 * no-op while a run is in progress.
 */
import { catalog } from "../db/client";
import { connectionWithDestination } from "../db/connections";
import { chainedAfter } from "../db/triggers";
import type { Env } from "../env";
import { logError } from "../lib/log";
import { scheduleBlocker } from "./readiness";

export type TriggerKind = "url" | "queue" | "chain";

/** The queues the Worker consumes as trigger queues (wrangler.toml), by name. */
export function triggerQueues(env: Env): string[] {
  return (env.FIVETRAN_TRIGGER_QUEUES ?? "fivetran-triggers")
    .split(",")
    .map((q) => q.trim())
    .filter(Boolean);
}

/** Why a triggered run cannot start (the connection's blocker), or null when it started or joined one. */
export async function startTriggeredRun(env: Env, connectionId: string, kind: TriggerKind): Promise<string | null> {
  const row = await connectionWithDestination(catalog(env.DB), connectionId);
  if (!row) return `connection ${connectionId} does not exist`;
  // A trigger is a schedule of another kind: it starts nothing a schedule would not (paused,
  // setup tests not passed, no destination, a source or destination that cannot sync).
  const blocker = scheduleBlocker(row);
  if (blocker) return blocker.message;
  await env.CONNECTOR.get(env.CONNECTOR.idFromName(connectionId)).trigger(connectionId, { trigger: kind });
  return null;
}

/** After a successful sync of `connectionId`: starts the connections chained after it. */
export async function startChained(env: Env, connectionId: string): Promise<void> {
  for (const trigger of await chainedAfter(catalog(env.DB), connectionId)) {
    try {
      await startTriggeredRun(env, trigger.connectionId, "chain");
    } catch (error) {
      // One downstream connection that cannot start does not stop the others.
      logError("chained sync did not start", error, { upstream: connectionId, downstream: trigger.connectionId });
    }
  }
}

import type { Connection } from "./api";

export type Health = "paused" | "syncing" | "broken" | "failed" | "incomplete" | "healthy" | "waiting";

/** One word for a connection's state, from the same fields Fivetran's UI reads. */
export function health(connection: Connection): Health {
  const { status } = connection;
  if (status.sync_state === "syncing") return "syncing";
  if (connection.paused || status.sync_state === "paused") return "paused";
  if (status.setup_state === "broken") return "broken";
  if (status.setup_state === "incomplete") return "incomplete";
  if (connection.failed_at && (!connection.succeeded_at || connection.failed_at > connection.succeeded_at))
    return "failed";
  return connection.succeeded_at ? "healthy" : "waiting";
}

export const HEALTH_LABEL: Record<Health, string> = {
  paused: "Paused",
  syncing: "Syncing",
  broken: "Broken",
  failed: "Failed",
  incomplete: "Setup incomplete",
  healthy: "Healthy",
  waiting: "Not synced yet",
};

/**
 * Whether a connection can run, and why not: what the sync endpoints answer 400 with, what
 * keeps ConnectorDO from arming a schedule alarm, and what a connection's status shows.
 * Pure (no I/O): it reads the connection's row joined with its group's destination service.
 * Syncability itself is decided by `canSync` and `canWrite` only.
 */
import { canWrite, findDestination } from "./destinations";
import { type FlexibleSchedule, nextSyncAt } from "./schedule";
import { canSync, findSource } from "./sources";

/** What stops a connection from running; `code` is what `status.warnings` carries. */
export interface Blocker {
  code: "unsupported_source" | "missing_destination" | "unsupported_destination" | "paused" | "setup_incomplete";
  message: string;
}

/** The fields of a connection (and of its group's destination) readiness depends on. */
export interface ReadinessFields {
  id: string;
  groupId: string;
  service: string;
  /** The service of the group's destination; null when the group has none. */
  destinationService: string | null;
  paused: boolean;
  setupState: string;
}

/** The schedule fields of a connection row, as stored. */
export interface ScheduleRow extends ReadinessFields {
  scheduleType: string;
  syncFrequency: number;
  dailySyncTime: string | null;
  schedule: unknown;
  succeededAt: string | null;
  failedAt: string | null;
  /** The destination's `time_zone_offset`; null without a destination. */
  timeZoneOffset: string | null;
}

/**
 * Why no run of the connection can move data, whoever asks for it (a sync request or the
 * schedule): its source cannot sync, its group has no destination, or that destination cannot
 * be written. Every reason, source first; empty when a run can happen.
 */
export function syncBlockers(connection: Omit<ReadinessFields, "paused" | "setupState">): Blocker[] {
  const blockers: Blocker[] = [];
  const source = findSource(connection.service);
  if (!source || !canSync(source)) {
    blockers.push({
      code: "unsupported_source",
      message: `Source service '${connection.service}' cannot sync yet: it can be configured and tested, but no data moves. Syncing from it is not available yet.`,
    });
  }
  if (connection.destinationService === null) {
    blockers.push({
      code: "missing_destination",
      message: `Group '${connection.groupId}' has no destination, so connection '${connection.id}' has nowhere to write: create the group's destination (POST /v1/destinations) first.`,
    });
  } else {
    const destination = findDestination(connection.destinationService);
    if (!destination || !canWrite(destination)) {
      blockers.push({
        code: "unsupported_destination",
        message: `Destination service '${connection.destinationService}' of group '${connection.groupId}' cannot be written to yet: it can be configured and tested, but no data moves. Syncing to it is not available yet.`,
      });
    }
  }
  return blockers;
}

/**
 * Why the schedule would start no run: paused, setup tests not passed (`setup_state` other
 * than connected), or a reason of {@link syncBlockers}. Null when the schedule may run it.
 */
export function scheduleBlocker(connection: ReadinessFields): Blocker | null {
  if (connection.paused) return { code: "paused", message: `Connection '${connection.id}' is paused` };
  if (connection.setupState !== "connected") {
    return {
      code: "setup_incomplete",
      message: `Connection '${connection.id}' has not passed its setup tests (setup_state '${connection.setupState}')`,
    };
  }
  return syncBlockers(connection)[0] ?? null;
}

/** When the last sync ended (the later of succeeded_at and failed_at), if it ever did. */
export function lastRunAt(row: Pick<ScheduleRow, "succeededAt" | "failedAt">): string | null {
  // ISO timestamps of one format sort as text.
  const ends = [row.succeededAt, row.failedAt].filter((t): t is string => t !== null).sort();
  return ends.at(-1) ?? null;
}

/**
 * When the schedule starts the connection's next run: null when it does not sync on its own
 * (paused, manual) or cannot run (see {@link scheduleBlocker}). A connection that never ran is
 * due at once: the historical sync starts as soon as it can run.
 */
export function nextRunAt(row: ScheduleRow, now: Date): Date | null {
  if (scheduleBlocker(row)) return null;
  return nextSyncAt(
    {
      paused: row.paused,
      scheduleType: row.scheduleType,
      syncFrequency: row.syncFrequency,
      dailySyncTime: row.dailySyncTime,
      schedule: (row.schedule as FlexibleSchedule | null) ?? null,
      lastRunAt: lastRunAt(row),
      timeZoneOffset: row.timeZoneOffset,
    },
    now,
  );
}

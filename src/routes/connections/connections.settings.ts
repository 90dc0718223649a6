/**
 * How a create or PATCH body changes a connection's schedule and sync options. Pure, so the
 * precedence rules are in one place:
 *
 * - `sync_frequency` / `daily_sync_time` apply first. Set without a `schedule`, they replace a
 *   stored flexible schedule (the Fivetran fields now say when the connection syncs).
 * - `schedule` applies on top and takes precedence; where it fits Fivetran's fields it is
 *   mirrored onto them ("every 15 minutes" → 15, "daily at 9am" → 1440 + "09:00").
 * - `daily_sync_time` only goes with 1440; leaving 1440 clears it.
 * - A MANUAL schedule is `schedule_type: manual`; `schedule_type: auto` drops a MANUAL schedule.
 */

import { type FlexibleSchedule, parseDuration, resolveSchedule } from "../../engine/schedule";
import type { SchemaPolicy } from "../../engine/schema-policy";
import { ApiError } from "../../errors";
import type { CreateConnectionBody } from "./connections.schemas";

/** The stored fields that make up a schedule. */
export interface ScheduleState {
  syncFrequency: number;
  dailySyncTime: string | null;
  scheduleType: "auto" | "manual";
  schedule: FlexibleSchedule | null;
}

/** A new connection's schedule: Fivetran's defaults (every 6 hours, auto). */
export const DEFAULT_SCHEDULE: ScheduleState = {
  syncFrequency: 360,
  dailySyncTime: null,
  scheduleType: "auto",
  schedule: null,
};

type ScheduleInput = Pick<CreateConnectionBody, "sync_frequency" | "daily_sync_time" | "schedule_type" | "schedule">;

/** The schedule after applying a request's schedule fields (null = not provided) to `current`. */
export function applySchedule(current: ScheduleState, input: ScheduleInput): ScheduleState {
  const next: ScheduleState = { ...current };
  const fivetranFields = input.sync_frequency != null || input.daily_sync_time != null;

  if (input.sync_frequency != null) {
    next.syncFrequency = input.sync_frequency;
    if (next.syncFrequency !== 1440) next.dailySyncTime = null;
  }
  if (input.daily_sync_time != null) {
    if (next.syncFrequency !== 1440) {
      throw ApiError.invalid(
        `Invalid value for field 'daily_sync_time': only allowed with sync_frequency 1440 (it is ${next.syncFrequency})`,
      );
    }
    next.dailySyncTime = input.daily_sync_time;
  }

  if (input.schedule != null) {
    const resolved = resolveSchedule(input.schedule);
    next.schedule = resolved.schedule;
    if (resolved.syncFrequency !== undefined) {
      next.syncFrequency = resolved.syncFrequency;
      next.dailySyncTime = resolved.dailySyncTime ?? null;
    }
    if (resolved.scheduleType) next.scheduleType = resolved.scheduleType;
  } else if (fivetranFields) {
    next.schedule = null;
  }

  if (input.schedule_type != null) {
    if (input.schedule_type === "auto" && next.schedule?.schedule_type === "MANUAL") {
      if (input.schedule != null) {
        throw ApiError.invalid("Invalid value for field 'schedule_type': 'auto' contradicts the MANUAL schedule");
      }
      next.schedule = null;
    }
    next.scheduleType = input.schedule_type;
  }
  return next;
}

/** Sync options (extension) as stored. */
export interface SyncOptions {
  mode?: "incremental" | "full";
  cursor?: string;
  lookback?: string;
  retries?: number;
  backoff?: "exponential" | "linear" | "fixed";
}

/**
 * Merges `sync_options` from a request onto the stored ones (null fields are not provided);
 * the lookback is stored in canonical form ("7 days"). Null when nothing is set.
 */
export function applySyncOptions(
  current: SyncOptions | null,
  input: CreateConnectionBody["sync_options"],
): SyncOptions | null {
  if (input == null) return current;
  const next: SyncOptions = { ...(current ?? {}) };
  if (input.mode != null) next.mode = input.mode;
  if (input.cursor != null) next.cursor = input.cursor;
  if (input.lookback != null) next.lookback = parseDuration(input.lookback, "sync_options.lookback").text;
  if (input.retries != null) next.retries = input.retries;
  if (input.backoff != null) next.backoff = input.backoff;
  return Object.keys(next).length > 0 ? next : null;
}

/**
 * The SDK's `schema` block (`schema_policy`) as the connection's schema policy
 * (engine/schema-policy.ts): `auto_migrate` true is Fivetran's ALLOW_ALL and false BLOCK_ALL;
 * `allow_breaking`, `track_history` and `notify` are the policy's own fields. Fields not sent
 * are left as they are.
 */
export function schemaPolicyPatch(input: CreateConnectionBody["schema_policy"]): Partial<SchemaPolicy> | null {
  if (input == null) return null;
  const patch: Partial<SchemaPolicy> = {};
  if (input.auto_migrate != null) patch.handling = input.auto_migrate ? "ALLOW_ALL" : "BLOCK_ALL";
  if (input.allow_breaking != null) patch.allowBreaking = input.allow_breaking;
  if (input.track_history != null) patch.trackHistory = input.track_history;
  if (input.notify != null) patch.notify = [...new Set(input.notify)];
  return Object.keys(patch).length > 0 ? patch : null;
}

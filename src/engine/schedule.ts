/**
 * Sync schedules: validating what clients send and computing when a connection syncs next.
 * Pure functions, no I/O, `now` always passed in.
 *
 * A connection is scheduled by Fivetran's fields (`sync_frequency` in minutes, optionally
 * `daily_sync_time` "HH:00" with 1440), or by a flexible `schedule` (Fivetran's ALPHA object:
 * INTERVAL, TIME_OF_DAY, CRON, MANUAL), which takes precedence when set. Our SDK's forms —
 * a phrase ("every 15 minutes", "daily at 9am") or `{cron}` — resolve to that same object and
 * are mirrored onto `sync_frequency`/`daily_sync_time` wherever Fivetran's fields can express
 * them, so Fivetran clients reading those fields see the truth.
 *
 * Wall-clock schedules (daily_sync_time, TIME_OF_DAY, CRON, days_of_week) are read in the
 * destination's time zone, as Fivetran does for `daily_sync_time`: a fixed `time_zone_offset`
 * in whole hours (no daylight saving shift). Without a destination they are UTC.
 */
import { Cron } from "croner";
import { InvalidInputError } from "./errors";

/** The sync frequencies Fivetran accepts, in minutes. */
export const SYNC_FREQUENCIES = [1, 5, 15, 30, 60, 120, 180, 360, 480, 720, 1440] as const;

/** Fivetran's day names for `schedule.days_of_week`. */
export const DAYS_OF_WEEK = ["SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"] as const;

export type DayOfWeek = (typeof DAYS_OF_WEEK)[number];

export const FLEXIBLE_SCHEDULE_TYPES = ["INTERVAL", "TIME_OF_DAY", "CRON", "MANUAL"] as const;

/** Fivetran never syncs less often than daily; intervals are capped there too. */
const MAX_INTERVAL_MINUTES = 1440;

const MINUTE_MS = 60_000;

/** A flexible schedule as stored and returned (Fivetran's ALPHA object, plus the phrase it came from). */
export interface FlexibleSchedule {
  schedule_type: (typeof FLEXIBLE_SCHEDULE_TYPES)[number];
  /** Minutes between syncs (INTERVAL). */
  interval?: number;
  /** "HH:MM" (TIME_OF_DAY). */
  time_of_day?: string;
  /** Days a sync may start (INTERVAL, TIME_OF_DAY); every day when absent. */
  days_of_week?: DayOfWeek[];
  /** Five-field cron expression (CRON). */
  cron?: string;
  /** Extension: the phrase the schedule was given as, echoed back. */
  phrase?: string;
}

/** What a `schedule` input resolves to: the stored object and the Fivetran fields it maps onto. */
export interface ResolvedSchedule {
  schedule: FlexibleSchedule;
  syncFrequency?: number;
  dailySyncTime?: string;
  scheduleType?: "auto" | "manual";
}

/** The stored fields that decide when a connection syncs. */
export interface ScheduleFields {
  paused: boolean;
  scheduleType: string;
  syncFrequency: number;
  dailySyncTime: string | null;
  schedule: FlexibleSchedule | null;
  /** When the last sync ended (max of succeeded_at and failed_at); null if it never ran. */
  lastRunAt?: string | Date | null;
  /** The destination's `time_zone_offset` ("-5", "0", "+3"); null or absent = UTC. */
  timeZoneOffset?: string | null;
}

function invalid(field: string, reason: string): InvalidInputError {
  return new InvalidInputError(`Invalid value for field '${field}': ${reason}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Validates `sync_frequency` against Fivetran's set. */
export function checkSyncFrequency(value: number, field = "sync_frequency"): number {
  if (!(SYNC_FREQUENCIES as readonly number[]).includes(value)) {
    throw invalid(field, `must be one of ${SYNC_FREQUENCIES.join(", ")} (minutes)`);
  }
  return value;
}

/** Validates a whole-hour `daily_sync_time` ("00:00" … "23:00"). */
export function checkDailySyncTime(value: string, field = "daily_sync_time"): string {
  if (!/^([01]\d|2[0-3]):00$/.test(value))
    throw invalid(field, `'${value}' must be a whole hour from "00:00" to "23:00"`);
  return value;
}

/**
 * Validates a five-field cron expression with croner; the error names croner's reason.
 * Returns it with whitespace collapsed.
 */
export function checkCron(expression: string, field = "schedule.cron"): string {
  const normalized = expression.trim().replace(/\s+/g, " ");
  try {
    new Cron(normalized, { mode: "5-part", utcOffset: 0 });
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^CronPattern:\s*/, "") : String(error);
    throw invalid(field, `'${expression}' is not a valid cron expression: ${reason}`);
  }
  return normalized;
}

function checkInterval(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > MAX_INTERVAL_MINUTES) {
    throw invalid(field, `must be a whole number of minutes from 1 to ${MAX_INTERVAL_MINUTES}`);
  }
  return value;
}

function checkTimeOfDay(value: unknown, field: string): string {
  if (typeof value !== "string" || !/^([01]\d|2[0-3]):[0-5]\d$/.test(value)) {
    throw invalid(field, `must be a time "HH:MM" from "00:00" to "23:59"`);
  }
  return value;
}

function checkDays(value: unknown, field: string): DayOfWeek[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.length === 0) throw invalid(field, "must be a non-empty list of day names");
  const days = new Set<DayOfWeek>();
  for (const [i, day] of value.entries()) {
    const name = typeof day === "string" ? day.trim().toUpperCase() : "";
    if (!(DAYS_OF_WEEK as readonly string[]).includes(name)) {
      throw invalid(`${field}.${i}`, `must be one of ${DAYS_OF_WEEK.join(", ")}`);
    }
    days.add(name as DayOfWeek);
  }
  // Stored in week order, so equal sets compare equal.
  return DAYS_OF_WEEK.filter((d) => days.has(d));
}

/**
 * Mirrors a flexible schedule onto Fivetran's fields where they can express it:
 * an INTERVAL of an allowed frequency, a whole-hour TIME_OF_DAY, both on every day.
 */
function withFivetranFields(schedule: FlexibleSchedule): ResolvedSchedule {
  const resolved: ResolvedSchedule = { schedule };
  if (schedule.schedule_type === "MANUAL") resolved.scheduleType = "manual";
  if (schedule.days_of_week && schedule.days_of_week.length < 7) return resolved;
  if (
    schedule.schedule_type === "INTERVAL" &&
    (SYNC_FREQUENCIES as readonly number[]).includes(schedule.interval ?? -1)
  ) {
    resolved.syncFrequency = schedule.interval;
  }
  if (schedule.schedule_type === "TIME_OF_DAY" && schedule.time_of_day?.endsWith(":00")) {
    resolved.syncFrequency = 1440;
    resolved.dailySyncTime = schedule.time_of_day;
  }
  return resolved;
}

/** A number of minutes as the closest schedule: a Fivetran frequency, a cron, or an interval. */
function everyMinutes(minutes: number, phrase: string): FlexibleSchedule {
  checkInterval(minutes, "schedule");
  if ((SYNC_FREQUENCIES as readonly number[]).includes(minutes)) {
    return { schedule_type: "INTERVAL", interval: minutes, phrase };
  }
  if (minutes < 60) return { schedule_type: "CRON", cron: `*/${minutes} * * * *`, phrase };
  if (minutes % 60 === 0 && minutes < 1440) return { schedule_type: "CRON", cron: `0 */${minutes / 60} * * *`, phrase };
  return { schedule_type: "INTERVAL", interval: minutes, phrase };
}

/** "9am", "9:30 pm", "14:00", "0:00" → "HH:MM"; undefined when it is not a time. */
function parseClock(text: string): string | undefined {
  const match = text.match(/^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/);
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  const meridiem = match[3];
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem === "pm" ? 12 : 0);
  } else if (match[2] === undefined) {
    return undefined; // a bare "9" is ambiguous
  }
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

const PHRASE_HELP = 'expected a phrase like "every 15 minutes", "every 2 hours", "hourly", "daily" or "daily at 9am"';

/**
 * Parses a schedule phrase of our SDK: "every 15 minutes", "every 1 hour", "every 2 hours",
 * "every minute", "hourly", "daily", "every day", "daily at 9am", "daily at 14:00".
 */
export function parsePhrase(input: string, field = "schedule"): FlexibleSchedule {
  const phrase = input.trim().replace(/\s+/g, " ");
  const text = phrase.toLowerCase();
  if (text === "hourly" || text === "every hour") return everyMinutes(60, phrase);
  if (text === "daily" || text === "every day") return everyMinutes(1440, phrase);
  if (text === "every minute") return everyMinutes(1, phrase);
  const every = text.match(/^every (\d+) ?(minutes?|mins?|m|hours?|hrs?|h)$/);
  if (every) {
    const amount = Number(every[1]);
    const minutes = every[2]?.startsWith("h") ? amount * 60 : amount;
    if (amount < 1 || minutes > MAX_INTERVAL_MINUTES) {
      throw invalid(field, `'${phrase}': syncs run from every minute to once a day`);
    }
    return everyMinutes(minutes, phrase);
  }
  const daily = text.match(/^(?:daily|every day) at (.+)$/);
  if (daily?.[1]) {
    const time = parseClock(daily[1].trim());
    if (!time) throw invalid(field, `'${phrase}': '${daily[1]}' is not a time like 9am, 9:30pm or 14:00`);
    return { schedule_type: "TIME_OF_DAY", time_of_day: time, phrase };
  }
  throw invalid(field, `'${phrase}' is not a schedule we understand; ${PHRASE_HELP}`);
}

/**
 * Resolves a `schedule` from a request: Fivetran's ALPHA object
 * (`{schedule_type, interval, time_of_day, days_of_week, cron}`), `{cron}`, `{phrase}` or a
 * phrase string. Errors are 400 InvalidInput naming `schedule.<field>`.
 */
export function resolveSchedule(input: unknown, field = "schedule"): ResolvedSchedule {
  if (typeof input === "string") return withFivetranFields(parsePhrase(input, field));
  if (!isRecord(input)) throw invalid(field, `expected an object or a phrase; ${PHRASE_HELP}`);
  const type = input.schedule_type;
  if (type === undefined || type === null) {
    if (typeof input.phrase === "string") return withFivetranFields(parsePhrase(input.phrase, `${field}.phrase`));
    if (typeof input.cron === "string") {
      return withFivetranFields({ schedule_type: "CRON", cron: checkCron(input.cron, `${field}.cron`) });
    }
    throw invalid(field, "expected schedule_type (INTERVAL, TIME_OF_DAY, CRON, MANUAL), cron or phrase");
  }
  const kind = typeof type === "string" ? type.toUpperCase() : "";
  switch (kind) {
    case "INTERVAL": {
      const days = checkDays(input.days_of_week, `${field}.days_of_week`);
      return withFivetranFields({
        schedule_type: "INTERVAL",
        interval: checkInterval(input.interval, `${field}.interval`),
        ...(days ? { days_of_week: days } : {}),
      });
    }
    case "TIME_OF_DAY": {
      const days = checkDays(input.days_of_week, `${field}.days_of_week`);
      return withFivetranFields({
        schedule_type: "TIME_OF_DAY",
        time_of_day: checkTimeOfDay(input.time_of_day, `${field}.time_of_day`),
        ...(days ? { days_of_week: days } : {}),
      });
    }
    case "CRON": {
      if (typeof input.cron !== "string") throw new InvalidInputError(`Field '${field}.cron' is required`);
      return withFivetranFields({ schedule_type: "CRON", cron: checkCron(input.cron, `${field}.cron`) });
    }
    case "MANUAL":
      return withFivetranFields({ schedule_type: "MANUAL" });
    default:
      throw invalid(`${field}.schedule_type`, `must be one of ${FLEXIBLE_SCHEDULE_TYPES.join(", ")}`);
  }
}

const DURATION_UNITS: Record<string, { name: string; minutes: number }> = {
  minute: { name: "minute", minutes: 1 },
  min: { name: "minute", minutes: 1 },
  m: { name: "minute", minutes: 1 },
  hour: { name: "hour", minutes: 60 },
  hr: { name: "hour", minutes: 60 },
  h: { name: "hour", minutes: 60 },
  day: { name: "day", minutes: 1440 },
  d: { name: "day", minutes: 1440 },
  week: { name: "week", minutes: 10080 },
  w: { name: "week", minutes: 10080 },
};

/** A validated duration such as "24 hours" or "7 days". */
export interface Duration {
  /** Canonical text, e.g. "7 days". */
  text: string;
  ms: number;
}

/** Parses "24 hours", "7 days", "30 minutes", "2 weeks" (also "7d", "24h"); at most 366 days. */
export function parseDuration(input: string, field = "duration"): Duration {
  const match = input
    .trim()
    .toLowerCase()
    .match(/^(\d+) ?([a-z]+)$/);
  const word = match?.[2] ?? "";
  // Plurals of the long names only: "hours", "mins"; a bare "ms" is not minutes.
  const unit =
    DURATION_UNITS[word] ?? (word.length > 2 && word.endsWith("s") ? DURATION_UNITS[word.slice(0, -1)] : undefined);
  const amount = Number(match?.[1]);
  if (!match || !unit || amount < 1) {
    throw invalid(field, `'${input}' is not a duration like "24 hours" or "7 days"`);
  }
  const minutes = amount * unit.minutes;
  if (minutes > 366 * 1440) throw invalid(field, `'${input}' is longer than 366 days`);
  return { text: `${amount} ${unit.name}${amount === 1 ? "" : "s"}`, ms: minutes * MINUTE_MS };
}

/** Minutes east of UTC for a Fivetran `time_zone_offset` ("-5", "0", "+3"). */
export function offsetMinutes(timeZoneOffset: string | null | undefined): number {
  const hours = Number(timeZoneOffset ?? 0);
  return Number.isFinite(hours) ? Math.round(hours * 60) : 0;
}

function toDate(value: string | Date | null | undefined): Date | undefined {
  if (value === null || value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function cronFrom(expression: string, utcOffset: number, after: Date): Date | null {
  return new Cron(expression, { mode: "5-part", utcOffset }).nextRun(after);
}

function dayCron(time: string, days: DayOfWeek[] | undefined): string {
  const [hour, minute] = time.split(":").map(Number);
  const dow = days && days.length < 7 ? days.map((d) => d.slice(0, 3)).join(",") : "*";
  return `${minute} ${hour} * * ${dow}`;
}

/**
 * An interval schedule: `interval` minutes after the last run, or now when it never ran or is
 * overdue (Fivetran starts a connection's first, historical sync right away). With
 * `days_of_week`, a time on another day moves to the start of the next allowed day.
 */
function nextInterval(minutes: number, fields: ScheduleFields, now: Date, utcOffset: number, days?: DayOfWeek[]) {
  const last = toDate(fields.lastRunAt);
  let next = last ? new Date(last.getTime() + minutes * MINUTE_MS) : now;
  if (next.getTime() < now.getTime()) next = now;
  if (!days || days.length === 7) return next;
  for (let i = 0; i < 8; i++) {
    const local = new Date(next.getTime() + utcOffset * MINUTE_MS);
    if (days.includes(DAYS_OF_WEEK[local.getUTCDay()] as DayOfWeek)) return next;
    const nextLocalMidnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 1);
    next = new Date(nextLocalMidnight - utcOffset * MINUTE_MS);
  }
  return next;
}

/**
 * When the connection syncs next under its schedule, or null when it does not sync on its
 * own (paused, or `schedule_type` manual / a MANUAL schedule). Wall-clock schedules return
 * the first matching minute strictly after `now`; interval schedules may return `now` itself
 * when a sync is due.
 */
export function nextSyncAt(fields: ScheduleFields, now: Date): Date | null {
  if (fields.paused || fields.scheduleType === "manual") return null;
  const utcOffset = offsetMinutes(fields.timeZoneOffset);
  const schedule = fields.schedule;
  if (schedule) {
    switch (schedule.schedule_type) {
      case "MANUAL":
        return null;
      case "CRON":
        return schedule.cron ? cronFrom(schedule.cron, utcOffset, now) : null;
      case "TIME_OF_DAY":
        return schedule.time_of_day
          ? cronFrom(dayCron(schedule.time_of_day, schedule.days_of_week), utcOffset, now)
          : null;
      case "INTERVAL":
        return nextInterval(schedule.interval ?? fields.syncFrequency, fields, now, utcOffset, schedule.days_of_week);
    }
  }
  if (fields.syncFrequency === 1440 && fields.dailySyncTime) {
    return cronFrom(dayCron(fields.dailySyncTime, undefined), utcOffset, now);
  }
  return nextInterval(fields.syncFrequency, fields, now, utcOffset);
}

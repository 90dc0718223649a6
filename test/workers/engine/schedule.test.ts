import { describe, expect, it } from "vitest";
import {
  checkCron,
  nextSyncAt,
  parseDuration,
  parsePhrase,
  resolveSchedule,
  type ScheduleFields,
} from "../../../src/engine/schedule";

/** Monday 2024-01-01 10:03:20 UTC. */
const NOW = new Date("2024-01-01T10:03:20.000Z");

function fields(overrides: Partial<ScheduleFields> = {}): ScheduleFields {
  return {
    paused: false,
    scheduleType: "auto",
    syncFrequency: 360,
    dailySyncTime: null,
    schedule: null,
    lastRunAt: null,
    timeZoneOffset: null,
    ...overrides,
  };
}

function next(overrides: Partial<ScheduleFields>): string | null {
  return nextSyncAt(fields(overrides), NOW)?.toISOString() ?? null;
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected an error");
}

describe("schedule phrases", () => {
  it("maps phrases Fivetran's fields can express onto them", () => {
    expect(resolveSchedule("every 15 minutes")).toEqual({
      schedule: { schedule_type: "INTERVAL", interval: 15, phrase: "every 15 minutes" },
      syncFrequency: 15,
    });
    expect(resolveSchedule("every 1 hour").syncFrequency).toBe(60);
    expect(resolveSchedule("every 2 hours").syncFrequency).toBe(120);
    expect(resolveSchedule("hourly").syncFrequency).toBe(60);
    expect(resolveSchedule("daily").syncFrequency).toBe(1440);
    expect(resolveSchedule("every minute").syncFrequency).toBe(1);
    expect(resolveSchedule("Daily at 9am")).toEqual({
      schedule: { schedule_type: "TIME_OF_DAY", time_of_day: "09:00", phrase: "Daily at 9am" },
      syncFrequency: 1440,
      dailySyncTime: "09:00",
    });
    expect(resolveSchedule("daily at 14:00").dailySyncTime).toBe("14:00");
    expect(resolveSchedule("every day at 12am").dailySyncTime).toBe("00:00");
    expect(resolveSchedule("daily at 12pm").dailySyncTime).toBe("12:00");
  });

  it("maps the others onto a cron or an interval", () => {
    expect(resolveSchedule("every 7 minutes")).toEqual({
      schedule: { schedule_type: "CRON", cron: "*/7 * * * *", phrase: "every 7 minutes" },
    });
    expect(parsePhrase("every 4 hours")).toEqual({
      schedule_type: "CRON",
      cron: "0 */4 * * *",
      phrase: "every 4 hours",
    });
    expect(parsePhrase("every 90 minutes")).toEqual({
      schedule_type: "INTERVAL",
      interval: 90,
      phrase: "every 90 minutes",
    });
    const halfPast = resolveSchedule("daily at 9:30pm");
    expect(halfPast.schedule).toEqual({
      schedule_type: "TIME_OF_DAY",
      time_of_day: "21:30",
      phrase: "daily at 9:30pm",
    });
    expect(halfPast.syncFrequency).toBeUndefined();
  });

  it("refuses what it does not understand, naming the field", () => {
    expect(errorOf(() => resolveSchedule("sometimes"))).toMatch(/^Invalid value for field 'schedule': 'sometimes'/);
    expect(errorOf(() => resolveSchedule("every 0 minutes"))).toMatch(/field 'schedule'/);
    expect(errorOf(() => resolveSchedule("every 25 hours"))).toMatch(/once a day/);
    expect(errorOf(() => resolveSchedule("daily at 25:00"))).toMatch(/not a time/);
    expect(errorOf(() => resolveSchedule("daily at 9"))).toMatch(/not a time/);
    expect(errorOf(() => resolveSchedule({ phrase: "never" }))).toMatch(/field 'schedule.phrase'/);
  });
});

describe("flexible schedule objects", () => {
  it("accepts Fivetran's ALPHA object and mirrors it where Fivetran's fields fit", () => {
    expect(resolveSchedule({ schedule_type: "INTERVAL", interval: 30 })).toEqual({
      schedule: { schedule_type: "INTERVAL", interval: 30 },
      syncFrequency: 30,
    });
    expect(
      resolveSchedule({ schedule_type: "time_of_day", time_of_day: "06:00", days_of_week: ["friday", "MONDAY"] }),
    ).toEqual({ schedule: { schedule_type: "TIME_OF_DAY", time_of_day: "06:00", days_of_week: ["MONDAY", "FRIDAY"] } });
    expect(resolveSchedule({ schedule_type: "MANUAL" })).toEqual({
      schedule: { schedule_type: "MANUAL" },
      scheduleType: "manual",
    });
    expect(resolveSchedule({ cron: " 0  */6 * * * " })).toEqual({
      schedule: { schedule_type: "CRON", cron: "0 */6 * * *" },
    });
  });

  it("refuses bad objects naming the field", () => {
    expect(errorOf(() => resolveSchedule({ schedule_type: "WEEKLY" }))).toMatch(/field 'schedule.schedule_type'/);
    expect(errorOf(() => resolveSchedule({ schedule_type: "INTERVAL", interval: 0 }))).toMatch(
      /field 'schedule.interval'/,
    );
    expect(errorOf(() => resolveSchedule({ schedule_type: "TIME_OF_DAY", time_of_day: "9am" }))).toMatch(
      /field 'schedule.time_of_day'/,
    );
    expect(
      errorOf(() => resolveSchedule({ schedule_type: "INTERVAL", interval: 60, days_of_week: ["FUNDAY"] })),
    ).toMatch(/field 'schedule.days_of_week.0'/);
    expect(errorOf(() => resolveSchedule({ schedule_type: "CRON" }))).toBe("Field 'schedule.cron' is required");
    expect(errorOf(() => resolveSchedule({}))).toMatch(/field 'schedule'/);
    expect(errorOf(() => resolveSchedule(42))).toMatch(/field 'schedule'/);
  });
});

describe("cron validation", () => {
  it("accepts five-field expressions and gives croner's reason for bad ones", () => {
    expect(checkCron("*/5 * * * MON-FRI")).toBe("*/5 * * * MON-FRI");
    expect(errorOf(() => checkCron("61 * * * *"))).toBe(
      "Invalid value for field 'schedule.cron': '61 * * * *' is not a valid cron expression: Invalid value for minute: 61",
    );
    expect(errorOf(() => checkCron("0 0 * * * *"))).toMatch(/requires exactly 5 parts/);
    expect(errorOf(() => checkCron("soon"))).toMatch(/is not a valid cron expression/);
  });
});

describe("durations", () => {
  it("parses lookbacks into canonical text and milliseconds", () => {
    expect(parseDuration("24 hours")).toEqual({ text: "24 hours", ms: 86_400_000 });
    expect(parseDuration("7 days")).toEqual({ text: "7 days", ms: 604_800_000 });
    expect(parseDuration("1 day").text).toBe("1 day");
    expect(parseDuration("30 mins").text).toBe("30 minutes");
    expect(parseDuration("2w").text).toBe("2 weeks");
    expect(parseDuration("12h").ms).toBe(43_200_000);
  });

  it("refuses what is not a duration", () => {
    for (const bad of ["", "soon", "7", "0 days", "-1 day", "5 ms", "400 days", "1.5 hours"]) {
      expect(errorOf(() => parseDuration(bad, "sync_options.lookback"))).toMatch(/field 'sync_options.lookback'/);
    }
  });
});

describe("nextSyncAt", () => {
  it("is null when paused or manual", () => {
    expect(next({ paused: true })).toBeNull();
    expect(next({ scheduleType: "manual" })).toBeNull();
    expect(next({ schedule: { schedule_type: "MANUAL" } })).toBeNull();
    expect(next({ scheduleType: "manual", schedule: { schedule_type: "CRON", cron: "* * * * *" } })).toBeNull();
  });

  it("counts sync_frequency from the last run, and is due now when it never ran or is overdue", () => {
    expect(next({})).toBe(NOW.toISOString());
    expect(next({ syncFrequency: 60, lastRunAt: "2024-01-01T09:30:00.000000Z" })).toBe("2024-01-01T10:30:00.000Z");
    expect(next({ syncFrequency: 15, lastRunAt: "2024-01-01T09:00:00.000000Z" })).toBe(NOW.toISOString());
    expect(next({ syncFrequency: 360, lastRunAt: new Date("2024-01-01T08:00:00Z") })).toBe("2024-01-01T14:00:00.000Z");
  });

  it("runs daily_sync_time at the next whole hour in the destination's time zone", () => {
    expect(next({ syncFrequency: 1440, dailySyncTime: "09:00" })).toBe("2024-01-02T09:00:00.000Z");
    expect(next({ syncFrequency: 1440, dailySyncTime: "11:00" })).toBe("2024-01-01T11:00:00.000Z");
    // UTC+3: 11:00 local is 08:00Z, already past today.
    expect(next({ syncFrequency: 1440, dailySyncTime: "11:00", timeZoneOffset: "+3" })).toBe(
      "2024-01-02T08:00:00.000Z",
    );
    // UTC-5: 09:00 local is 14:00Z, still ahead today.
    expect(next({ syncFrequency: 1440, dailySyncTime: "09:00", timeZoneOffset: "-5" })).toBe(
      "2024-01-01T14:00:00.000Z",
    );
    // Without 1440 a daily time means nothing: the interval applies.
    expect(next({ syncFrequency: 60, dailySyncTime: "09:00", lastRunAt: "2024-01-01T10:00:00Z" })).toBe(
      "2024-01-01T11:00:00.000Z",
    );
  });

  it("follows a cron schedule, strictly after now", () => {
    const cron = (expression: string, offset?: string) =>
      next({ schedule: { schedule_type: "CRON", cron: expression }, timeZoneOffset: offset ?? null });
    expect(cron("*/7 * * * *")).toBe("2024-01-01T10:07:00.000Z");
    expect(cron("0 */6 * * *")).toBe("2024-01-01T12:00:00.000Z");
    expect(cron("0 9 * * MON")).toBe("2024-01-08T09:00:00.000Z");
    expect(cron("0 9 * * *", "+2")).toBe("2024-01-02T07:00:00.000Z");
  });

  it("follows TIME_OF_DAY and INTERVAL schedules with days_of_week", () => {
    expect(
      next({ schedule: { schedule_type: "TIME_OF_DAY", time_of_day: "06:30", days_of_week: ["WEDNESDAY"] } }),
    ).toBe("2024-01-03T06:30:00.000Z");
    expect(next({ schedule: { schedule_type: "TIME_OF_DAY", time_of_day: "10:30" } })).toBe("2024-01-01T10:30:00.000Z");
    // Monday is allowed: due now. Only Tuesday: the start of Tuesday.
    expect(next({ schedule: { schedule_type: "INTERVAL", interval: 90, days_of_week: ["MONDAY"] } })).toBe(
      NOW.toISOString(),
    );
    expect(next({ schedule: { schedule_type: "INTERVAL", interval: 90, days_of_week: ["TUESDAY"] } })).toBe(
      "2024-01-02T00:00:00.000Z",
    );
    // Start of Tuesday in UTC-5 is 05:00Z.
    expect(
      next({ schedule: { schedule_type: "INTERVAL", interval: 90, days_of_week: ["TUESDAY"] }, timeZoneOffset: "-5" }),
    ).toBe("2024-01-02T05:00:00.000Z");
    expect(
      next({ schedule: { schedule_type: "INTERVAL", interval: 90 }, lastRunAt: "2024-01-01T10:00:00.000000Z" }),
    ).toBe("2024-01-01T11:30:00.000Z");
  });
});

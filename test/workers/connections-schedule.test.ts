import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, newAccount } from "./helpers";

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const HOUR_MS = 3_600_000;

async function group(auth: string): Promise<string> {
  return (await call("POST", "/v1/groups", { auth, body: { name: `g_${crypto.randomUUID().slice(0, 8)}` } })).json.data
    .id;
}

/**
 * A group with a D1 destination, so its sample connections can run and have a next run (a
 * connection that cannot run has none). One that never ran is due at once: its historical
 * sync starts in the background, which these tests do not wait for.
 */
async function runnableGroup(auth: string): Promise<string> {
  const groupId = await group(auth);
  const res = await call("POST", "/v1/destinations", {
    auth,
    body: {
      group_id: groupId,
      service: "d1",
      time_zone_offset: "0",
      run_setup_tests: false,
      config: { database: "WAREHOUSE" },
    },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return groupId;
}

async function create(auth: string, body: Record<string, unknown>, groupId?: string) {
  return call("POST", "/v1/connections", {
    auth,
    body: {
      group_id: groupId ?? (await runnableGroup(auth)),
      service: "sample",
      config: { schema: `s_${crypto.randomUUID().slice(0, 8)}` },
      ...body,
    },
  });
}

async function created(auth: string, body: Record<string, unknown>, groupId?: string) {
  const res = await create(auth, body, groupId);
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.data;
}

async function patch(auth: string, id: string, body: Record<string, unknown>, naming = "connections") {
  const res = await call("PATCH", `/v1/${naming}/${id}`, { auth, body });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json.data;
}

/** Milliseconds from now until an ISO timestamp. */
function fromNow(iso: string): number {
  return new Date(iso).getTime() - Date.now();
}

describe("sync_frequency and daily_sync_time", () => {
  it("accepts every frequency Fivetran allows, also as a numeric string", async () => {
    const auth = await newAccount();
    const { id } = await created(auth, {});
    for (const frequency of [1, 5, 15, 30, 60, 120, 180, 360, 480, 720, 1440]) {
      expect((await patch(auth, id, { sync_frequency: frequency })).sync_frequency).toBe(frequency);
    }
    expect((await patch(auth, id, { sync_frequency: "120" })).sync_frequency).toBe(120);
    for (const bad of [0, 2, 45, 90, 2880, -60]) {
      const res = await call("PATCH", `/v1/connections/${id}`, { auth, body: { sync_frequency: bad } });
      expect(res.status).toBe(400);
      expect(res.json.message).toMatch(/^Invalid value for field 'sync_frequency'/);
    }
  });

  it("sets a daily time with 1440, in one request or after, and clears it when leaving 1440", async () => {
    const auth = await newAccount();
    const daily = await created(auth, { sync_frequency: 1440, daily_sync_time: "03:00" });
    expect(daily.sync_frequency).toBe(1440);
    expect(daily.daily_sync_time).toBe("03:00");
    expect(daily.status.next_sync_at).toMatch(/T03:00:00\.000000Z$/);
    expect(fromNow(daily.status.next_sync_at)).toBeGreaterThan(0);
    expect(fromNow(daily.status.next_sync_at)).toBeLessThanOrEqual(24 * HOUR_MS);

    // Fivetran's documented second way: daily_sync_time alone on a connection already at 1440.
    const moved = await patch(auth, daily.id, { daily_sync_time: "17:00" }, "connectors");
    expect(moved.daily_sync_time).toBe("17:00");
    expect(moved.status.next_sync_at).toMatch(/T17:00:00\.000000Z$/);

    const hourly = await patch(auth, daily.id, { sync_frequency: 60 });
    expect(hourly.daily_sync_time).toBeNull();
    const refused = await call("PATCH", `/v1/connections/${daily.id}`, { auth, body: { daily_sync_time: "05:00" } });
    expect(refused.status).toBe(400);
    expect(refused.json.message).toBe(
      "Invalid value for field 'daily_sync_time': only allowed with sync_frequency 1440 (it is 60)",
    );
  });

  it("reads daily_sync_time in the destination's time zone", async () => {
    const auth = await newAccount();
    const groupId = await group(auth);
    const { account_id: accountId } = (await call("GET", "/v1/account/info", { auth })).json.data;
    const now = new Date().toISOString();
    // A destination in UTC+3 for the group (written directly: destinations are another resource).
    await env.DB.prepare(
      "INSERT INTO destinations (id, account_id, service, time_zone_offset, config, created_at, updated_at) VALUES (?1, ?2, 'postgres', '+3', '{}', ?3, ?3)",
    )
      .bind(groupId, accountId, now)
      .run();
    const daily = await created(auth, { sync_frequency: 1440, daily_sync_time: "03:00" }, groupId);
    // 03:00 at UTC+3 is 00:00 UTC.
    expect(daily.status.next_sync_at).toMatch(/T00:00:00\.000000Z$/);
    const listed = await call("GET", `/v1/groups/${groupId}/connections`, { auth });
    expect(listed.json.data.items[0].status.next_sync_at).toBe(daily.status.next_sync_at);
  });
});

describe("schedule (extension)", () => {
  it("maps phrases onto Fivetran's fields where they fit", async () => {
    const auth = await newAccount();
    const quarter = await created(auth, { schedule: "every 15 minutes" });
    expect(quarter.sync_frequency).toBe(15);
    expect(quarter.schedule).toEqual({ schedule_type: "INTERVAL", interval: 15, phrase: "every 15 minutes" });
    // Never synced yet: due now.
    expect(quarter.status.next_sync_at).toMatch(TIMESTAMP);
    expect(Math.abs(fromNow(quarter.status.next_sync_at))).toBeLessThan(60_000);

    expect((await created(auth, { schedule: "every 1 hour" })).sync_frequency).toBe(60);
    expect((await created(auth, { schedule: { phrase: "hourly" } })).sync_frequency).toBe(60);
    const morning = await created(auth, { schedule: "daily at 9am" });
    expect(morning).toMatchObject({
      sync_frequency: 1440,
      daily_sync_time: "09:00",
      schedule: { schedule_type: "TIME_OF_DAY", time_of_day: "09:00", phrase: "daily at 9am" },
    });
    expect(morning.status.next_sync_at).toMatch(/T09:00:00\.000000Z$/);
    const afternoon = await created(auth, { schedule: "daily at 14:00" });
    expect(afternoon.daily_sync_time).toBe("14:00");
  });

  it("maps other phrases and cron onto a cron schedule with a next run", async () => {
    const auth = await newAccount();
    const seven = await created(auth, { schedule: "every 7 minutes" });
    expect(seven.schedule).toEqual({ schedule_type: "CRON", cron: "*/7 * * * *", phrase: "every 7 minutes" });
    expect(seven.sync_frequency).toBe(360);
    const next = new Date(seven.status.next_sync_at);
    expect(next.getUTCMinutes() % 7).toBe(0);
    expect(fromNow(seven.status.next_sync_at)).toBeGreaterThan(0);
    expect(fromNow(seven.status.next_sync_at)).toBeLessThanOrEqual(7 * 60_000);

    const cron = await created(auth, { schedule: { cron: "0 */6 * * *" } });
    expect(cron.schedule).toEqual({ schedule_type: "CRON", cron: "0 */6 * * *" });
    const at = new Date(cron.status.next_sync_at);
    expect(at.getUTCHours() % 6).toBe(0);
    expect(at.getUTCMinutes()).toBe(0);
    expect(fromNow(cron.status.next_sync_at)).toBeLessThanOrEqual(6 * HOUR_MS);

    const alpha = await created(auth, {
      schedule: { schedule_type: "TIME_OF_DAY", time_of_day: "06:30", days_of_week: ["MONDAY", "THURSDAY"] },
    });
    expect(alpha.schedule).toEqual({
      schedule_type: "TIME_OF_DAY",
      time_of_day: "06:30",
      days_of_week: ["MONDAY", "THURSDAY"],
    });
    const day = new Date(alpha.status.next_sync_at);
    expect([1, 4]).toContain(day.getUTCDay());
    expect(alpha.status.next_sync_at).toMatch(/T06:30:00\.000000Z$/);
  });

  it("refuses an invalid cron with croner's reason, and stores nothing", async () => {
    const auth = await newAccount();
    const groupId = await group(auth);
    const res = await create(auth, { schedule: { schedule_type: "CRON", cron: "0 25 * * *" } }, groupId);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      code: "InvalidInput",
      message:
        "Invalid value for field 'schedule.cron': '0 25 * * *' is not a valid cron expression: Invalid value for hour: 25",
    });
    const parts = await create(auth, { schedule: { cron: "*/5 * * *" } }, groupId);
    expect(parts.status).toBe(400);
    expect(parts.json.message).toMatch(/^Invalid value for field 'schedule.cron'/);
    expect((await call("GET", `/v1/connections?group_id=${groupId}`, { auth })).json.data.items).toEqual([]);
  });

  it("a MANUAL schedule is schedule_type manual with no next run; auto drops it", async () => {
    const auth = await newAccount();
    const manual = await created(auth, { schedule: { schedule_type: "MANUAL" } });
    expect(manual.schedule_type).toBe("manual");
    expect(manual.status.next_sync_at).toBeNull();
    const auto = await patch(auth, manual.id, { schedule_type: "auto" });
    expect(auto.schedule_type).toBe("auto");
    expect(auto.schedule).toBeUndefined();
    expect(auto.status.next_sync_at).toMatch(TIMESTAMP);
  });

  it("PATCH changes the schedule; Fivetran's fields set alone replace it", async () => {
    const auth = await newAccount();
    const plain = await created(auth, {});
    const cron = await patch(auth, plain.id, { schedule: "every 4 hours" });
    expect(cron.schedule).toEqual({ schedule_type: "CRON", cron: "0 */4 * * *", phrase: "every 4 hours" });
    const got = await call("GET", `/v1/connectors/${plain.id}`, { auth });
    expect(got.json.data.schedule).toEqual(cron.schedule);

    // Terraform sends sync_frequency along with the schedule: the schedule wins.
    const both = await patch(auth, plain.id, { sync_frequency: 60, schedule: { cron: "30 2 * * *" } });
    expect(both.sync_frequency).toBe(60);
    expect(both.schedule).toEqual({ schedule_type: "CRON", cron: "30 2 * * *" });
    expect(both.status.next_sync_at).toMatch(/T02:30:00\.000000Z$/);

    const back = await patch(auth, plain.id, { sync_frequency: 30 });
    expect(back.schedule).toBeUndefined();
    expect(back.sync_frequency).toBe(30);
  });

  it("has no next run while paused or manual", async () => {
    const auth = await newAccount();
    const paused = await created(auth, { paused: true, schedule: "every 5 minutes" });
    expect(paused.status).toMatchObject({ sync_state: "paused", next_sync_at: null });
    // It ran a minute ago, so resuming does not start its historical sync at once.
    await env.DB.prepare("UPDATE connections SET succeeded_at = ? WHERE id = ?")
      .bind(new Date(Date.now() - 60_000).toISOString(), paused.id)
      .run();
    const resumed = await patch(auth, paused.id, { paused: false });
    expect(resumed.status.sync_state).toBe("scheduled");
    expect(resumed.status.next_sync_at).toMatch(TIMESTAMP);
    expect(fromNow(resumed.status.next_sync_at)).toBeGreaterThan(3 * 60_000);
    const manual = await patch(auth, paused.id, { schedule_type: "manual" });
    expect(manual.status.next_sync_at).toBeNull();
    expect(manual.schedule).toEqual({ schedule_type: "INTERVAL", interval: 5, phrase: "every 5 minutes" });
  });
});

describe("sync_options (extension)", () => {
  it("stores the SDK's sync block, echoes it and merges PATCHes", async () => {
    const auth = await newAccount();
    const withOptions = await created(auth, {
      sync_options: {
        mode: "incremental",
        cursor: "updated_at",
        lookback: "24 hours",
        retries: 3,
        backoff: "exponential",
      },
    });
    expect(withOptions.sync_options).toEqual({
      mode: "incremental",
      cursor: "updated_at",
      lookback: "24 hours",
      retries: 3,
      backoff: "exponential",
    });
    const merged = await patch(auth, withOptions.id, { sync_options: { lookback: "7d", retries: 0, mode: null } });
    expect(merged.sync_options).toEqual({
      mode: "incremental",
      cursor: "updated_at",
      lookback: "7 days",
      retries: 0,
      backoff: "exponential",
    });
    const got = await call("GET", `/v1/connections/${withOptions.id}`, { auth });
    expect(got.json.data.sync_options).toEqual(merged.sync_options);
    expect((await created(auth, { sync_options: { mode: "full" } })).sync_options).toEqual({ mode: "full" });
  });

  it("refuses bad options naming the field", async () => {
    const auth = await newAccount();
    const { id } = await created(auth, {});
    for (const [options, field] of [
      [{ lookback: "a while" }, "sync_options.lookback"],
      [{ lookback: "500 days" }, "sync_options.lookback"],
      [{ retries: 11 }, "sync_options.retries"],
      [{ retries: 1.5 }, "sync_options.retries"],
      [{ backoff: "random" }, "sync_options.backoff"],
      [{ mode: "append" }, "sync_options.mode"],
      [{ cursor: "" }, "sync_options.cursor"],
      ["incremental", "sync_options"],
    ] as const) {
      const res = await call("PATCH", `/v1/connections/${id}`, { auth, body: { sync_options: options } });
      expect(res.status).toBe(400);
      expect(res.json.message).toContain(`field '${field}'`);
    }
    expect((await call("GET", `/v1/connections/${id}`, { auth })).json.data.sync_options).toBeUndefined();
  });
});

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, newAccount } from "./helpers";

const ID = /^[a-z]+_[a-z]+(_[a-z0-9]+)?$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const NAMINGS = ["connections", "connectors"] as const;

async function group(auth: string, name = `g_${crypto.randomUUID().slice(0, 8)}`): Promise<string> {
  const res = await call("POST", "/v1/groups", { auth, body: { name } });
  expect(res.status).toBe(201);
  return res.json.data.id;
}

async function userId(auth: string): Promise<string> {
  return (await call("GET", "/v1/account/info", { auth })).json.data.user_id;
}

/** Creates a `sample` connection (no credentials needed) and returns its response data. */
async function sample(auth: string, groupId: string, schema: string, extra: Record<string, unknown> = {}) {
  const res = await call("POST", "/v1/connections", {
    auth,
    body: { group_id: groupId, service: "sample", config: { schema }, ...extra },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.data;
}

/** A connection without the fields that depend on the moment of the request. */
function stable(connection: Record<string, unknown> & { status: Record<string, unknown> }) {
  const { setup_tests: _tests, ...rest } = connection;
  // current_run and last_run are only in GET details (they cost two SyncDO reads).
  const { current_run: _current, last_run: _last, ...status } = connection.status;
  return { ...rest, status: { ...status, next_sync_at: "<now-dependent>" } };
}

async function count(auth: string): Promise<number> {
  return (await call("GET", "/v1/connections?limit=1000", { auth })).json.data.items.length;
}

describe("connections: create and read", () => {
  it("creates with 201 and Fivetran's defaults, under both namings", async () => {
    const auth = await newAccount();
    const groupId = await group(auth);
    const user = await userId(auth);
    for (const naming of NAMINGS) {
      const res = await call("POST", `/v1/${naming}`, {
        auth,
        body: { group_id: groupId, service: "sample", run_setup_tests: false, config: { schema: `shop_${naming}` } },
      });
      expect(res.status).toBe(201);
      expect(res.json.code).toBe("Success");
      expect(res.json.message).toBe("Connection has been created");
      expect(res.json.data).toEqual({
        id: expect.stringMatching(ID),
        group_id: groupId,
        service: "sample",
        service_version: 1,
        schema: `shop_${naming}`,
        connected_by: user,
        created_at: expect.stringMatching(TIMESTAMP),
        succeeded_at: null,
        failed_at: null,
        paused: false,
        pause_after_trial: false,
        sync_frequency: 360,
        schedule_type: "auto",
        daily_sync_time: null,
        data_delay_sensitivity: "NORMAL",
        data_delay_threshold: 0,
        networking_method: "Directly",
        private_link_id: null,
        proxy_agent_id: null,
        hybrid_deployment_agent_id: null,
        destination_schema_names: "SOURCE_NAMING",
        status: {
          setup_state: "incomplete",
          sync_state: "scheduled",
          update_state: "on_schedule",
          is_historical_sync: true,
          tasks: [],
          warnings: [],
          // Not connected and no destination: the schedule starts no run (extension field).
          next_sync_at: null,
        },
        config: { schema: `shop_${naming}`, seed: 1, scale: 100 },
        source_sync_details: null,
        setup_tests: [],
      });
    }
  });

  it("runs setup tests by default and reports connected", async () => {
    const auth = await newAccount();
    const created = await sample(auth, await group(auth), "shop", { config: { schema: "shop", tables: ["orders"] } });
    expect(created.status.setup_state).toBe("connected");
    expect(created.setup_tests).toEqual([
      {
        title: "Generating sample data",
        status: "PASSED",
        message: "orders: 100 row(s) per table per run from seed 1",
      },
    ]);
  });

  it("reads a connection under both namings with the same body, without setup_tests", async () => {
    const auth = await newAccount();
    const created = await sample(auth, await group(auth), "shop");
    for (const naming of NAMINGS) {
      const got = await call("GET", `/v1/${naming}/${created.id}`, { auth });
      expect(got.status).toBe(200);
      expect(got.json.message).toBe("Connection details retrieved successfully");
      expect(got.json.data.setup_tests).toBeUndefined();
      expect(stable(got.json.data)).toEqual(stable(created));
    }
  });

  it("treats go-fivetran's explicit nulls as not provided", async () => {
    const auth = await newAccount();
    const groupId = await group(auth);
    const res = await call("POST", "/v1/connections", {
      auth,
      body: {
        group_id: groupId,
        service: "sample",
        config: { schema: "nulls", seed: null, tables: null },
        auth: null,
        paused: null,
        pause_after_trial: null,
        sync_frequency: null,
        daily_sync_time: null,
        schedule_type: null,
        schedule: null,
        sync_options: null,
        run_setup_tests: null,
        trust_certificates: null,
        trust_fingerprints: null,
        data_delay_sensitivity: null,
        data_delay_threshold: null,
        networking_method: null,
        proxy_agent_id: null,
        private_link_id: null,
        hybrid_deployment_agent_id: null,
        destination_schema_names: null,
        destination_configuration: null,
        connect_card_config: null,
        external_secrets_manager_id: null,
      },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json.data).toMatchObject({
      paused: false,
      sync_frequency: 360,
      schedule_type: "auto",
      data_delay_sensitivity: "NORMAL",
      data_delay_threshold: 0,
      networking_method: "Directly",
      config: { schema: "nulls", seed: 1, scale: 100 },
    });
    expect(res.json.data.status.setup_state).toBe("connected");
    expect(res.json.data.schedule).toBeUndefined();
    expect(res.json.data.sync_options).toBeUndefined();
  });

  it("stores every optional create field and echoes it", async () => {
    const auth = await newAccount();
    const created = await sample(auth, await group(auth), "full", {
      config: { schema: "full", seed: 42, scale: 5, tables: ["customers", "orders"] },
      paused: true,
      pause_after_trial: true,
      sync_frequency: 60,
      schedule_type: "manual",
      data_delay_sensitivity: "CUSTOM",
      data_delay_threshold: 90,
      networking_method: "ProxyAgent",
      proxy_agent_id: "proxy_one",
      private_link_id: "link_one",
      hybrid_deployment_agent_id: "agent_one",
      destination_schema_names: "FIVETRAN_NAMING",
      trust_certificates: true,
      trust_fingerprints: true,
      auth: { client_access: { client_id: "ignored" } },
      destination_configuration: { virtual_warehouse: "ignored" },
      external_secrets_manager_id: "ignored",
    });
    expect(created).toMatchObject({
      paused: true,
      pause_after_trial: true,
      sync_frequency: 60,
      schedule_type: "manual",
      data_delay_sensitivity: "CUSTOM",
      data_delay_threshold: 90,
      networking_method: "ProxyAgent",
      proxy_agent_id: "proxy_one",
      private_link_id: "link_one",
      hybrid_deployment_agent_id: "agent_one",
      destination_schema_names: "FIVETRAN_NAMING",
      config: { schema: "full", seed: 42, scale: 5, tables: ["customers", "orders"] },
      status: { sync_state: "paused", next_sync_at: null },
    });
    const got = await call("GET", `/v1/connections/${created.id}`, { auth });
    expect(stable(got.json.data)).toEqual(stable(created));
  });

  it("echoes config types unchanged, not stringified", async () => {
    const auth = await newAccount();
    const created = await sample(auth, await group(auth), "typed", {
      config: { schema: "typed", seed: "7", scale: 3 },
    });
    expect(created.config).toEqual({ schema: "typed", seed: 7, scale: 3 });
  });
});

describe("connections: validation", () => {
  it("refuses bad input on every field with 400 naming it, and stores nothing", async () => {
    const auth = await newAccount();
    const groupId = await group(auth);
    const base = { group_id: groupId, service: "sample", config: { schema: "valid" } };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ service: "sample", config: { schema: "x" } }, /^Field 'group_id' is required$/],
      [{ group_id: groupId, config: { schema: "x" } }, /^Field 'service' is required$/],
      [{ ...base, service: "nope" }, /^Unsupported service 'nope'$/],
      [{ ...base, service: "" }, /field 'service'/],
      [{ ...base, config: "x" }, /field 'config'/],
      [{ ...base, config: {} }, /^Field 'config.schema' is required$/],
      [{ ...base, config: { schema: "bad name" } }, /field 'config.schema'/],
      [{ ...base, config: { schema: "x", seed: "abc" } }, /field 'config.seed'/],
      [{ ...base, config: { schema: "x", scale: 0 } }, /field 'config.scale'/],
      [{ ...base, config: { schema: "x", tables: ["users"] } }, /field 'config.tables.0'/],
      [{ ...base, config: { schema: "x", tables: ["orders", "orders"] } }, /field 'config.tables'/],
      [{ ...base, paused: "yes" }, /field 'paused'/],
      [{ ...base, pause_after_trial: 1 }, /field 'pause_after_trial'/],
      [{ ...base, sync_frequency: 10 }, /^Invalid value for field 'sync_frequency': must be one of 1, 5, 15/],
      [{ ...base, sync_frequency: "often" }, /field 'sync_frequency'/],
      [{ ...base, sync_frequency: 1440, daily_sync_time: "09:30" }, /field 'daily_sync_time'.*whole hour/],
      [{ ...base, sync_frequency: 1440, daily_sync_time: "24:00" }, /field 'daily_sync_time'/],
      [{ ...base, daily_sync_time: "09:00" }, /field 'daily_sync_time': only allowed with sync_frequency 1440/],
      [{ ...base, schedule_type: "sometimes" }, /field 'schedule_type'/],
      [{ ...base, run_setup_tests: "maybe" }, /field 'run_setup_tests'/],
      [{ ...base, trust_certificates: "yes" }, /field 'trust_certificates'/],
      [{ ...base, data_delay_sensitivity: "EXTREME" }, /field 'data_delay_sensitivity'/],
      [{ ...base, data_delay_threshold: -1 }, /field 'data_delay_threshold'/],
      [{ ...base, data_delay_threshold: 1.5 }, /field 'data_delay_threshold'/],
      [{ ...base, networking_method: "Pigeon" }, /field 'networking_method'/],
      [{ ...base, proxy_agent_id: "" }, /field 'proxy_agent_id'/],
      [{ ...base, private_link_id: 5 }, /field 'private_link_id'/],
      [{ ...base, hybrid_deployment_agent_id: " " }, /field 'hybrid_deployment_agent_id'/],
      [{ ...base, destination_schema_names: "MY_NAMING" }, /field 'destination_schema_names'/],
      [{ ...base, schedule: "sometimes" }, /^Invalid value for field 'schedule': 'sometimes'/],
      [{ ...base, schedule: 42 }, /field 'schedule'/],
      [{ ...base, schedule: { cron: "61 * * * *" } }, /field 'schedule.cron'.*Invalid value for minute: 61/],
      [{ ...base, schedule: { schedule_type: "INTERVAL", interval: 0 } }, /field 'schedule.interval'/],
      [{ ...base, sync_options: { mode: "partial" } }, /field 'sync_options.mode'/],
      [{ ...base, sync_options: { retries: 11 } }, /field 'sync_options.retries'/],
      [{ ...base, sync_options: { lookback: "soon" } }, /field 'sync_options.lookback'/],
      [{ ...base, sync_options: { backoff: "random" } }, /field 'sync_options.backoff'/],
      [{ ...base, sync_options: { speed: "fast" } }, /field 'sync_options'/],
    ];
    for (const [body, message] of cases) {
      const res = await call("POST", "/v1/connections", { auth, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.code).toBe("InvalidInput");
      expect(res.json.message, JSON.stringify(body)).toMatch(message);
    }
    expect(await count(auth)).toBe(0);
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM connections WHERE group_id = ?").bind(groupId).first();
    expect(rows?.n).toBe(0);
  });

  it("answers 404 NotFound_Group for a group that does not exist", async () => {
    const auth = await newAccount();
    const res = await call("POST", "/v1/connections", {
      auth,
      body: { group_id: "no_such", service: "sample", config: { schema: "x" } },
    });
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ code: "NotFound_Group", message: "Group with id 'no_such' does not exist." });
  });

  it("refuses a bad PATCH with 400 naming the field and changes nothing", async () => {
    const auth = await newAccount();
    const created = await sample(auth, await group(auth), "keep");
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ sync_frequency: 7 }, /field 'sync_frequency'/],
      [{ daily_sync_time: "03:00" }, /field 'daily_sync_time'/],
      [{ paused: "no" }, /field 'paused'/],
      [{ is_historical_sync: "no" }, /field 'is_historical_sync'/],
      [{ schema_status: "done" }, /field 'schema_status'/],
      [{ config: { seed: -1 } }, /field 'config.seed'/],
      [{ config: { schema: "renamed" } }, /field 'config.schema': the connection's schema 'keep' cannot be changed/],
      [{ schedule: "every blue moon" }, /field 'schedule'/],
      [{ schedule: { schedule_type: "CRON", cron: "* * *" } }, /field 'schedule.cron'/],
      [{ schedule: "every 15 minutes", sync_options: { retries: -1 } }, /field 'sync_options.retries'/],
    ];
    for (const naming of NAMINGS) {
      for (const [body, message] of cases) {
        const res = await call("PATCH", `/v1/${naming}/${created.id}`, { auth, body });
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.json.code).toBe("InvalidInput");
        expect(res.json.message).toMatch(message);
      }
    }
    const got = await call("GET", `/v1/connections/${created.id}`, { auth });
    expect(stable(got.json.data)).toEqual(stable(created));
  });
});

describe("connections: update, test and delete", () => {
  it("updates fields under both namings; paused shows as sync_state paused", async () => {
    const auth = await newAccount();
    const created = await sample(auth, await group(auth), "upd", { run_setup_tests: false });
    const paused = await call("PATCH", `/v1/connections/${created.id}`, { auth, body: { paused: true } });
    expect(paused.status).toBe(200);
    expect(paused.json.message).toBe("Connection has been updated");
    expect(paused.json.data.paused).toBe(true);
    expect(paused.json.data.status.sync_state).toBe("paused");
    expect(paused.json.data.status.next_sync_at).toBeNull();
    expect(paused.json.data.setup_tests).toEqual([]);

    const resumed = await call("PATCH", `/v1/connectors/${created.id}`, {
      auth,
      body: {
        paused: false,
        pause_after_trial: true,
        schedule_type: "manual",
        is_historical_sync: false,
        data_delay_sensitivity: "LOW",
        data_delay_threshold: 30,
        networking_method: "SshTunnel",
        private_link_id: "pl",
        proxy_agent_id: "pa",
        hybrid_deployment_agent_id: "ha",
        schema_status: "ready",
        trust_certificates: true,
        trust_fingerprints: false,
        auth: {},
      },
    });
    expect(resumed.status).toBe(200);
    expect(resumed.json.data).toMatchObject({
      paused: false,
      pause_after_trial: true,
      schedule_type: "manual",
      data_delay_sensitivity: "LOW",
      data_delay_threshold: 30,
      networking_method: "SshTunnel",
      private_link_id: "pl",
      proxy_agent_id: "pa",
      hybrid_deployment_agent_id: "ha",
      status: { sync_state: "scheduled", is_historical_sync: false, next_sync_at: null },
    });
    const got = await call("GET", `/v1/connections/${created.id}`, { auth });
    expect(stable(got.json.data)).toEqual(stable(resumed.json.data));
  });

  it("PATCH with an empty body or only nulls changes nothing", async () => {
    const auth = await newAccount();
    const created = await sample(auth, await group(auth), "same");
    for (const body of [undefined, {}, { paused: null, config: null, schedule: null, sync_frequency: null }]) {
      const res = await call("PATCH", `/v1/connections/${created.id}`, { auth, body });
      expect(res.status).toBe(200);
      expect(stable(res.json.data)).toEqual(stable(created));
    }
  });

  it("merges config on PATCH and keeps the schema", async () => {
    const auth = await newAccount();
    const created = await sample(auth, await group(auth), "merge", { config: { schema: "merge", seed: 3 } });
    const res = await call("PATCH", `/v1/connections/${created.id}`, {
      auth,
      body: { config: { scale: 50, schema: "merge" }, run_setup_tests: true },
    });
    expect(res.status).toBe(200);
    expect(res.json.data.config).toEqual({ schema: "merge", seed: 3, scale: 50 });
    expect(res.json.data.schema).toBe("merge");
    expect(res.json.data.setup_tests[0].message).toMatch(/50 row\(s\) per table per run from seed 3/);
  });

  it("runs setup tests with no body, {} or trust flags, under both namings", async () => {
    const auth = await newAccount();
    const created = await sample(auth, await group(auth), "tested", { run_setup_tests: false });
    expect(created.status.setup_state).toBe("incomplete");
    const bodies = [undefined, {}, { trust_certificates: true, trust_fingerprints: true }];
    for (const naming of NAMINGS) {
      for (const body of bodies) {
        const res = await call("POST", `/v1/${naming}/${created.id}/test`, { auth, body });
        expect(res.status).toBe(200);
        expect(res.json.code).toBe("Success");
        expect(res.json.message).toBe("Setup tests have been completed");
        expect(res.json.data.status.setup_state).toBe("connected");
        expect(res.json.data.setup_tests).toEqual([
          expect.objectContaining({ title: "Generating sample data", status: "PASSED" }),
        ]);
      }
    }
    const got = await call("GET", `/v1/connections/${created.id}`, { auth });
    expect(got.json.data.status.setup_state).toBe("connected");
  });

  it("deletes under both namings with Fivetran's message, then 404", async () => {
    const auth = await newAccount();
    const groupId = await group(auth);
    for (const naming of NAMINGS) {
      const created = await sample(auth, groupId, `del_${naming}`);
      const res = await call("DELETE", `/v1/${naming}/${created.id}`, { auth });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ code: "Success", message: `Connection with id '${created.id}' has been deleted` });
      expect((await call("GET", `/v1/${naming}/${created.id}`, { auth })).status).toBe(404);
      expect((await call("DELETE", `/v1/${naming}/${created.id}`, { auth })).status).toBe(404);
    }
    expect(await count(auth)).toBe(0);
    // The group is empty again and can go.
    expect((await call("DELETE", `/v1/groups/${groupId}`, { auth })).status).toBe(200);
  });
});

describe("connections: names", () => {
  it("keeps schema unique within a group (409) but not across groups", async () => {
    const auth = await newAccount();
    const [one, two] = [await group(auth), await group(auth)];
    await sample(auth, one, "dup");
    for (const naming of NAMINGS) {
      const again = await call("POST", `/v1/${naming}`, {
        auth,
        body: { group_id: one, service: "sample", config: { schema: "dup" } },
      });
      expect(again.status).toBe(409);
      expect(again.json).toEqual({
        code: "Conflict",
        message: `A connection with schema 'dup' already exists in group '${one}'`,
      });
    }
    await sample(auth, two, "dup");
    expect(await count(auth)).toBe(2);
  });

  it("fixes the schema at create: a PATCH to another name is refused, the same name is fine", async () => {
    const auth = await newAccount();
    const created = await sample(auth, await group(auth), "fixed");
    const rename = await call("PATCH", `/v1/connections/${created.id}`, {
      auth,
      body: { config: { schema: "other" } },
    });
    expect(rename.status).toBe(400);
    const same = await call("PATCH", `/v1/connections/${created.id}`, { auth, body: { config: { schema: "fixed" } } });
    expect(same.status).toBe(200);
    expect(same.json.data.schema).toBe("fixed");
  });
});

describe("connections: lists", () => {
  it("pages through connections with group_id and schema filters under both namings", async () => {
    const auth = await newAccount();
    const [one, two] = [await group(auth), await group(auth)];
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await sample(auth, i < 3 ? one : two, `s${i}`)).id);

    for (const naming of NAMINGS) {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const query = new URLSearchParams({ limit: "2", ...(cursor ? { cursor } : {}) });
        const res = await call("GET", `/v1/${naming}?${query}`, { auth });
        expect(res.status).toBe(200);
        expect(res.json.message).toBe("Connections list retrieved successfully");
        expect(res.json.data.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.json.data.items.map((c: { id: string }) => c.id));
        cursor = res.json.data.next_cursor;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(seen).toEqual(ids);

      const inOne = await call("GET", `/v1/${naming}?group_id=${one}`, { auth });
      expect(inOne.json.data.items.map((c: { id: string }) => c.id)).toEqual(ids.slice(0, 3));
      expect(inOne.json.data.next_cursor).toBeUndefined();
      const byName = await call("GET", `/v1/${naming}?group_id=${two}&schema=s4`, { auth });
      expect(byName.json.data.items.map((c: { id: string }) => c.id)).toEqual([ids[4]]);
      const wrongGroup = await call("GET", `/v1/${naming}?group_id=${one}&schema=s4`, { auth });
      expect(wrongGroup.json.data.items).toEqual([]);
      const everywhere = await call("GET", `/v1/${naming}?schema=s1`, { auth });
      expect(everywhere.json.data.items.map((c: { id: string }) => c.id)).toEqual([ids[1]]);
    }
  });

  it("the group's connection listing returns full connection objects", async () => {
    const auth = await newAccount();
    const groupId = await group(auth);
    const created = await sample(auth, groupId, "listed", {
      sync_frequency: 1440,
      daily_sync_time: "03:00",
      sync_options: { mode: "incremental" },
    });
    const details = (await call("GET", `/v1/connections/${created.id}`, { auth })).json.data;
    for (const naming of NAMINGS) {
      const res = await call("GET", `/v1/groups/${groupId}/${naming}?schema=listed`, { auth });
      expect(res.status).toBe(200);
      expect(res.json.data.items).toHaveLength(1);
      expect(stable(res.json.data.items[0])).toEqual(stable(details));
      expect(res.json.data.items[0].status.next_sync_at).toBe(details.status.next_sync_at);
    }
  });
});

describe("connections: tenancy", () => {
  it("hides another account's connections and groups under both namings", async () => {
    const owner = await newAccount("owner");
    const other = await newAccount("other");
    const groupId = await group(owner);
    const created = await sample(owner, groupId, "private");
    const notFound = { code: "NotFound_Connection", message: `Connection with id '${created.id}' does not exist.` };

    for (const naming of NAMINGS) {
      const path = `/v1/${naming}/${created.id}`;
      for (const [method, suffix, body] of [
        ["GET", "", undefined],
        ["PATCH", "", { paused: true }],
        ["POST", "/test", {}],
        ["DELETE", "", undefined],
      ] as const) {
        const res = await call(method, `${path}${suffix}`, { auth: other, body });
        expect(res.status, `${method} ${path}${suffix}`).toBe(404);
        expect(res.json).toEqual(notFound);
      }
      const list = await call("GET", `/v1/${naming}`, { auth: other });
      expect(list.json.data.items).toEqual([]);
      const filtered = await call("GET", `/v1/${naming}?group_id=${groupId}`, { auth: other });
      expect(filtered.status).toBe(404);
      expect(filtered.json.code).toBe("NotFound_Group");
      const intoTheirGroup = await call("POST", `/v1/${naming}`, {
        auth: other,
        body: { group_id: groupId, service: "sample", config: { schema: "intruder" } },
      });
      expect(intoTheirGroup.status).toBe(404);
      expect(intoTheirGroup.json.code).toBe("NotFound_Group");
    }

    const mine = await call("GET", `/v1/connections/${created.id}`, { auth: owner });
    expect(stable(mine.json.data)).toEqual(stable(created));
    expect(await count(owner)).toBe(1);
  });
});

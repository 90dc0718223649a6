import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { decryptJson } from "../../src/lib/secrets";
import { call, newAccount } from "./helpers";

const DESTINATION_KEYS = [
  "config",
  "daylight_saving_time_enabled",
  "external_secrets_manager_id",
  "group_id",
  "hybrid_deployment_agent_id",
  "id",
  "local_processing_agent_id",
  "networking_method",
  "private_link_id",
  "proxy_agent_id",
  "region",
  "service",
  "setup_status",
  "time_zone_offset",
];

async function newGroup(auth: string, name = "warehouse"): Promise<string> {
  const res = await call("POST", "/v1/groups", { auth, body: { name } });
  if (res.status !== 201) throw new Error(`create group: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json.data.id;
}

/** A Snowflake destination that is never tested: validation and storage only, no network. */
function snowflakeBody(groupId: string, config: Record<string, unknown> = {}) {
  return {
    group_id: groupId,
    service: "snowflake",
    time_zone_offset: "+10",
    run_setup_tests: false,
    config: {
      host: "your-account.snowflakecomputing.com",
      port: 443,
      database: "fivetran",
      auth: "PASSWORD",
      user: "fivetran_user",
      password: "s3cret-Passw0rd",
      ...config,
    },
  };
}

async function accountId(auth: string): Promise<string> {
  return (await call("GET", "/v1/account/info", { auth })).json.data.account_id;
}

describe("destinations: create", () => {
  it("creates a d1 destination on the WAREHOUSE binding: 201, id = group id, a real probe that passes", async () => {
    const auth = await newAccount();
    const groupId = await newGroup(auth);
    const res = await call("POST", "/v1/destinations", {
      auth,
      body: { group_id: groupId, service: "d1", time_zone_offset: "-5", config: { database: "WAREHOUSE" } },
    });
    expect(res.status).toBe(201);
    expect(res.json.code).toBe("Success");
    expect(res.json.message).toBe("Destination has been created");
    expect(Object.keys(res.json.data).sort()).toEqual([...DESTINATION_KEYS, "setup_tests"].sort());
    expect(res.json.data).toMatchObject({
      id: groupId,
      group_id: groupId,
      service: "d1",
      region: "GCP_US_EAST4",
      time_zone_offset: "-5",
      setup_status: "connected",
      daylight_saving_time_enabled: false,
      networking_method: "Directly",
      private_link_id: null,
      proxy_agent_id: null,
      hybrid_deployment_agent_id: null,
      local_processing_agent_id: null,
      external_secrets_manager_id: null,
      config: { database: "WAREHOUSE" },
    });
    expect(res.json.data.setup_tests.map((t: { title: string; status: string }) => [t.title, t.status])).toEqual([
      ["Resolving the database", "PASSED"],
      ["Writing and reading a probe row", "PASSED"],
    ]);
    // The probe leaves nothing behind in the warehouse.
    const leftover = await env.WAREHOUSE.prepare(
      "SELECT name FROM sqlite_master WHERE name = '_fivetran_setup_test'",
    ).all();
    expect(leftover.results).toEqual([]);
  });

  it("creates an r2 destination on the DATA_LAKE binding: writes, reads and deletes a real probe object", async () => {
    const auth = await newAccount();
    const groupId = await newGroup(auth);
    const prefix = `lake-${crypto.randomUUID()}`;
    const res = await call("POST", "/v1/destinations", {
      auth,
      body: {
        group_id: groupId,
        service: "r2",
        time_zone_offset: "0",
        config: { bucket: "DATA_LAKE", format: "json", prefix: `/${prefix}/` },
      },
    });
    expect(res.status).toBe(201);
    expect(res.json.data.setup_status).toBe("connected");
    expect(res.json.data.config).toEqual({ bucket: "DATA_LAKE", format: "json", prefix });
    const probe = res.json.data.setup_tests[1];
    expect(probe).toMatchObject({ title: "Writing and reading a probe object", status: "PASSED" });
    expect(probe.message).toContain(`${prefix}/_fivetran_setup_test/`);
    expect((await env.DATA_LAKE.list({ prefix })).objects).toEqual([]);
  });

  it("defaults format to parquet and refuses an R2 binding that is not a destination bucket", async () => {
    const auth = await newAccount();
    const groupId = await newGroup(auth);
    const base = { group_id: groupId, service: "r2", time_zone_offset: "0", run_setup_tests: false };
    const wrong = await call("POST", "/v1/destinations", { auth, body: { ...base, config: { bucket: "NOPE" } } });
    expect(wrong.status).toBe(400);
    expect(wrong.json.message).toMatch(
      /^Invalid value for field 'config\.bucket': 'NOPE' is not a destination R2 binding/,
    );
    const res = await call("POST", "/v1/destinations", { auth, body: { ...base, config: { bucket: "DATA_LAKE" } } });
    expect(res.status).toBe(201);
    expect(res.json.data.config).toEqual({ bucket: "DATA_LAKE", format: "parquet" });
  });

  it("returns config values as strings, is_private_key_encrypted as a boolean, and secrets as ******", async () => {
    const auth = await newAccount();
    const groupId = await newGroup(auth);
    const res = await call("POST", "/v1/destinations", {
      auth,
      body: snowflakeBody(groupId, {
        auth: "KEY_PAIR",
        password: undefined,
        private_key: "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIF\n-----END ENCRYPTED PRIVATE KEY-----",
        is_private_key_encrypted: true,
        passphrase: "pass phrase",
        role: "LOADER",
      }),
    });
    expect(res.status).toBe(201);
    expect(res.json.data.setup_status).toBe("incomplete");
    expect(res.json.data.setup_tests).toEqual([]);
    expect(res.json.data.config).toEqual({
      host: "your-account.snowflakecomputing.com",
      port: "443",
      database: "fivetran",
      auth: "KEY_PAIR",
      user: "fivetran_user",
      is_private_key_encrypted: true,
      role: "LOADER",
      connection_type: "Directly",
      private_key: "******",
      passphrase: "******",
    });
  });

  it("accepts the go-fivetran e2e request (snowflake, password, no tests) exactly as Fivetran answers it", async () => {
    const auth = await newAccount();
    const groupId = await newGroup(auth);
    const res = await call("POST", "/v1/destinations", {
      auth,
      headers: { accept: "application/json;version=2" },
      body: snowflakeBody(groupId),
    });
    expect(res.status).toBe(201);
    expect(res.json.data).toMatchObject({
      id: groupId,
      service: "snowflake",
      region: "GCP_US_EAST4",
      time_zone_offset: "+10",
      setup_status: "incomplete",
      config: {
        host: "your-account.snowflakecomputing.com",
        port: "443",
        database: "fivetran",
        auth: "PASSWORD",
        user: "fivetran_user",
        password: "******",
      },
    });
  });

  it("keeps the service name the client sent (postgres_warehouse) and treats explicit nulls as not provided", async () => {
    const auth = await newAccount();
    const groupId = await newGroup(auth);
    const res = await call("POST", "/v1/destinations", {
      auth,
      body: {
        group_id: groupId,
        service: "postgres_warehouse",
        time_zone_offset: 3,
        region: null,
        networking_method: null,
        daylight_saving_time_enabled: null,
        private_link_id: null,
        hybrid_deployment_agent_id: null,
        trust_certificates: null,
        run_setup_tests: false,
        config: { connectionString: "postgres://loader:pw@db.example.com:6543/analytics", password: null },
      },
    });
    expect(res.status).toBe(201);
    expect(res.json.data).toMatchObject({
      service: "postgres_warehouse",
      region: "GCP_US_EAST4",
      time_zone_offset: "+3",
      networking_method: "Directly",
      daylight_saving_time_enabled: false,
      private_link_id: null,
      config: {
        host: "db.example.com",
        port: "6543",
        database: "analytics",
        user: "loader",
        password: "******",
        connection_type: "Directly",
        require_tls: "false",
      },
    });
  });

  it("normalises time_zone_offset to Fivetran's strings and rejects anything outside -11..+12", async () => {
    const auth = await newAccount();
    const cases: [unknown, string | null][] = [
      ["+12", "+12"],
      ["-11", "-11"],
      [0, "0"],
      ["+0", "0"],
      ["5", "+5"],
      [-3, "-3"],
      ["+13", null],
      ["-12", null],
      ["+5:30", null],
      ["", null],
    ];
    for (const [input, expected] of cases) {
      const groupId = await newGroup(auth, `tz ${String(input)}`);
      const res = await call("POST", "/v1/destinations", {
        auth,
        body: { ...snowflakeBody(groupId), time_zone_offset: input },
      });
      if (expected === null) {
        expect(res.status, String(input)).toBe(400);
        expect(res.json.message).toMatch(/^Invalid value for field 'time_zone_offset'/);
      } else {
        expect(res.status, String(input)).toBe(201);
        expect(res.json.data.time_zone_offset).toBe(expected);
      }
    }
  });

  it("answers 404 NotFound_Group for an unknown group, 400 for an unknown service, 409 for a second destination", async () => {
    const auth = await newAccount();
    const missing = await call("POST", "/v1/destinations", { auth, body: snowflakeBody("no_such_group") });
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ code: "NotFound_Group", message: "Group with id 'no_such_group' does not exist." });

    const groupId = await newGroup(auth);
    const unknown = await call("POST", "/v1/destinations", {
      auth,
      body: { ...snowflakeBody(groupId), service: "share_point" },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toEqual({ code: "InvalidInput", message: "Unsupported service 'share_point'" });

    expect((await call("POST", "/v1/destinations", { auth, body: snowflakeBody(groupId) })).status).toBe(201);
    const second = await call("POST", "/v1/destinations", {
      auth,
      body: { group_id: groupId, service: "d1", time_zone_offset: "0", config: { database: "WAREHOUSE" } },
    });
    expect(second.status).toBe(409);
    expect(second.json.code).toBe("Conflict");
    expect((await call("GET", `/v1/destinations/${groupId}`, { auth })).json.data.service).toBe("snowflake");
  });

  it("validates with a 400 naming the field (config.<field> for config) and stores nothing", async () => {
    const auth = await newAccount();
    const groupId = await newGroup(auth);
    const cases: [Record<string, unknown>, string | RegExp][] = [
      [{ service: "snowflake", time_zone_offset: "0" }, "Field 'group_id' is required"],
      [{ group_id: groupId, time_zone_offset: "0" }, "Field 'service' is required"],
      [{ group_id: groupId, service: "d1" }, "Field 'time_zone_offset' is required"],
      [
        { group_id: groupId, service: "d1", time_zone_offset: "0", region: "MOON_BASE_1" },
        /^Invalid value for field 'region'/,
      ],
      [
        {
          group_id: groupId,
          service: "postgres",
          time_zone_offset: "0",
          config: { port: 5432, database: "x", user: "u" },
        },
        "Field 'config.host' is required",
      ],
      [
        {
          group_id: groupId,
          service: "postgres",
          time_zone_offset: "0",
          config: { host: "h", port: 70000, database: "x", user: "u" },
        },
        /^Invalid value for field 'config\.port'/,
      ],
      [
        { group_id: groupId, service: "d1", time_zone_offset: "0", config: { database: "DB" } },
        /^Invalid value for field 'config\.database': 'DB' is not a destination D1 binding; use one of: WAREHOUSE$/,
      ],
      [
        {
          group_id: groupId,
          service: "d1",
          time_zone_offset: "0",
          config: { account_id: "0123456789abcdef0123456789abcdef" },
        },
        /field 'config\.database_id'.*field 'config\.api_token'/,
      ],
      [
        { ...snowflakeBody(groupId, { auth: "KEY_PAIR", password: undefined }) },
        /^Invalid value for field 'config\.private_key': required when auth is KEY_PAIR$/,
      ],
      [{ ...snowflakeBody(groupId), config: "host=x" }, /^Invalid value for field 'config': /],
      [
        {
          group_id: groupId,
          service: "big_query",
          time_zone_offset: "0",
          config: { project_id: "my-project", secret_key: "{not json" },
        },
        /^Invalid value for field 'config\.secret_key': not JSON/,
      ],
    ];
    for (const [body, message] of cases) {
      const res = await call("POST", "/v1/destinations", { auth, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.code).toBe("InvalidInput");
      if (typeof message === "string") expect(res.json.message).toBe(message);
      else expect(res.json.message).toMatch(message);
      // A secret never comes back, even in an error.
      expect(res.json.message).not.toContain("s3cret");
    }
    expect((await call("GET", "/v1/destinations", { auth })).json.data.items).toEqual([]);
    const { results } = await env.DB.prepare("SELECT id FROM destinations WHERE id = ?1").bind(groupId).all();
    expect(results).toEqual([]);
  });
});

describe("destinations: read, list, update, delete", () => {
  it("reads a destination without setup_tests and lists all of an account's destinations page by page", async () => {
    const auth = await newAccount();
    const ids: string[] = [];
    for (const name of ["one", "two", "three"]) {
      const groupId = await newGroup(auth, name);
      await call("POST", "/v1/destinations", { auth, body: snowflakeBody(groupId) });
      ids.push(groupId);
    }
    const one = await call("GET", `/v1/destinations/${ids[0]}`, { auth });
    expect(one.status).toBe(200);
    expect(one.json.message).toBe("Destination details retrieved successfully");
    expect(Object.keys(one.json.data).sort()).toEqual(DESTINATION_KEYS);
    expect(one.json.data.config.password).toBe("******");

    const first = await call("GET", "/v1/destinations?limit=2", { auth });
    expect(first.status).toBe(200);
    expect(first.json.message).toBe("Destinations list retrieved successfully");
    expect(first.json.data.items).toHaveLength(2);
    expect(first.json.data.next_cursor).toEqual(expect.any(String));
    const second = await call("GET", `/v1/destinations/?limit=2&cursor=${first.json.data.next_cursor}`, { auth });
    expect(second.json.data.items).toHaveLength(1);
    expect(second.json.data).not.toHaveProperty("next_cursor");
    const listed = [...first.json.data.items, ...second.json.data.items];
    expect(listed.map((d: { id: string }) => d.id).sort()).toEqual([...ids].sort());
    expect(listed[0]).not.toHaveProperty("setup_tests");
    expect(listed.every((d: { config: { password: string } }) => d.config.password === "******")).toBe(true);
  });

  it("stores secrets encrypted: the raw catalog row holds no secret in clear", async () => {
    const auth = await newAccount();
    const groupId = await newGroup(auth);
    await call("POST", "/v1/destinations", { auth, body: snowflakeBody(groupId, { passphrase: "unused-phrase" }) });
    const row = await env.DB.prepare("SELECT * FROM destinations WHERE id = ?1")
      .bind(groupId)
      .first<Record<string, string>>();
    expect(row).not.toBeNull();
    const raw = JSON.stringify(row);
    expect(raw).not.toContain("s3cret-Passw0rd");
    expect(raw).not.toContain("unused-phrase");
    expect(JSON.parse(row?.config ?? "{}")).not.toHaveProperty("password");
    expect(row?.secrets).toMatch(/^v1\./);
    expect(await decryptJson(env.FIVETRAN_ENCRYPTION_KEY, row?.secrets ?? null)).toEqual({
      password: "s3cret-Passw0rd",
      passphrase: "unused-phrase",
    });
  });

  it("PATCH merges config, keeps a stored secret sent back as ******, replaces it when a new value comes", async () => {
    const auth = await newAccount();
    const groupId = await newGroup(auth);
    const created = (await call("POST", "/v1/destinations", { auth, body: snowflakeBody(groupId) })).json.data;

    const patched = await call("PATCH", `/v1/destinations/${groupId}`, {
      auth,
      body: {
        region: "AWS_US_EAST_1",
        time_zone_offset: "-5",
        daylight_saving_time_enabled: true,
        networking_method: null,
        config: { ...created.config, user: "new_user", port: "8443" },
      },
    });
    expect(patched.status).toBe(200);
    expect(patched.json.message).toBe("Destination has been updated");
    expect(patched.json.data).toMatchObject({
      id: groupId,
      region: "AWS_US_EAST_1",
      time_zone_offset: "-5",
      daylight_saving_time_enabled: true,
      networking_method: "Directly",
      setup_tests: [],
      config: { ...created.config, user: "new_user", port: "8443", password: "******" },
    });
    const secretsOf = async () => {
      const row = await env.DB.prepare("SELECT secrets FROM destinations WHERE id = ?1")
        .bind(groupId)
        .first<{ secrets: string }>();
      return decryptJson(env.FIVETRAN_ENCRYPTION_KEY, row?.secrets ?? null);
    };
    expect(await secretsOf()).toEqual({ password: "s3cret-Passw0rd" });

    await call("PATCH", `/v1/destinations/${groupId}`, { auth, body: { config: { password: "rotated-Passw0rd" } } });
    expect(await secretsOf()).toEqual({ password: "rotated-Passw0rd" });

    const empty = await call("PATCH", `/v1/destinations/${groupId}`, { auth });
    expect(empty.status).toBe(200);
    expect(empty.json.data.config.user).toBe("new_user");

    const invalid = await call("PATCH", `/v1/destinations/${groupId}`, {
      auth,
      body: { config: { auth: "KEY_PAIR" } },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.json.message).toBe("Invalid value for field 'config.private_key': required when auth is KEY_PAIR");
    expect((await call("GET", `/v1/destinations/${groupId}`, { auth })).json.data.config.auth).toBe("PASSWORD");
  });

  it("PATCH re-runs setup tests when run_setup_tests is true, and a config change without them resets the status", async () => {
    const auth = await newAccount();
    const groupId = await newGroup(auth);
    const base = { group_id: groupId, service: "d1", time_zone_offset: "0" };
    const created = await call("POST", "/v1/destinations", {
      auth,
      body: { ...base, config: { database: "WAREHOUSE" } },
    });
    expect(created.json.data.setup_status).toBe("connected");

    const same = await call("PATCH", `/v1/destinations/${groupId}`, { auth, body: { time_zone_offset: "+1" } });
    expect(same.json.data.setup_status).toBe("connected");
    expect(same.json.data.setup_tests).toHaveLength(2);

    const rerun = await call("PATCH", `/v1/destinations/${groupId}`, { auth, body: { run_setup_tests: true } });
    expect(rerun.json.data.setup_status).toBe("connected");
    expect(rerun.json.data.setup_tests.every((t: { status: string }) => t.status === "PASSED")).toBe(true);

    const moved = await call("PATCH", `/v1/destinations/${groupId}`, {
      auth,
      body: {
        config: {
          account_id: "0123456789abcdef0123456789abcdef",
          database_id: "00000000-0000-0000-0000-0000000000aa",
          api_token: "cf-token",
        },
      },
    });
    expect(moved.status).toBe(200);
    expect(moved.json.data.setup_status).toBe("incomplete");
    expect(moved.json.data.setup_tests).toEqual([]);
    expect(moved.json.data.config.api_token).toBe("******");
  });

  it("POST /test runs the setup tests and records the outcome", async () => {
    const auth = await newAccount();
    const groupId = await newGroup(auth);
    await call("POST", "/v1/destinations", {
      auth,
      body: {
        group_id: groupId,
        service: "d1",
        time_zone_offset: "0",
        run_setup_tests: false,
        config: { database: "WAREHOUSE" },
      },
    });
    expect((await call("GET", `/v1/destinations/${groupId}`, { auth })).json.data.setup_status).toBe("incomplete");
    const tested = await call("POST", `/v1/destinations/${groupId}/test`, {
      auth,
      body: { trust_certificates: true, trust_fingerprints: true },
    });
    expect(tested.status).toBe(200);
    expect(tested.json.message).toBe("Setup tests have been completed");
    expect(tested.json.data.setup_status).toBe("connected");
    expect(tested.json.data.setup_tests).toHaveLength(2);
    expect((await call("GET", `/v1/destinations/${groupId}`, { auth })).json.data.setup_status).toBe("connected");
    // No body at all, as clients call it.
    expect((await call("POST", `/v1/destinations/${groupId}/test`, { auth })).status).toBe(200);
  });

  it("reports broken when a setup test fails", async () => {
    const auth = await newAccount();
    const groupId = await newGroup(auth);
    const res = await call("POST", "/v1/destinations", {
      auth,
      body: {
        group_id: groupId,
        service: "big_query",
        time_zone_offset: "-5",
        config: { project_id: "fivetran-e2e-project", data_set_location: "GCP_US_EAST4" },
      },
    });
    expect(res.status).toBe(201);
    expect(res.json.data.setup_status).toBe("broken");
    expect(res.json.data.setup_tests[0]).toMatchObject({ status: "FAILED" });
    expect(res.json.data.setup_tests[0].message).toContain("config.secret_key is not set");
    expect(res.json.data.config).toEqual({ project_id: "fivetran-e2e-project", data_set_location: "GCP_US_EAST4" });
  });

  it("refuses to delete a destination while its group has connections, then deletes it", async () => {
    const auth = await newAccount();
    const groupId = await newGroup(auth);
    await call("POST", "/v1/destinations", { auth, body: snowflakeBody(groupId) });
    const now = new Date().toISOString();
    const connectionId = `dest_conn_${crypto.randomUUID().slice(0, 8)}`;
    await env.DB.prepare(
      "INSERT INTO connections (id, account_id, group_id, service, schema, config, created_at, updated_at) VALUES (?1, ?2, ?3, 'postgres', 'pg', '{}', ?4, ?4)",
    )
      .bind(connectionId, await accountId(auth), groupId, now)
      .run();

    const refused = await call("DELETE", `/v1/destinations/${groupId}`, { auth });
    expect(refused.status).toBe(409);
    expect(refused.json).toEqual({
      code: "Conflict",
      message: `Destination with id '${groupId}' still has 1 connection(s) loading into it; delete them first`,
    });
    expect((await call("GET", `/v1/destinations/${groupId}`, { auth })).status).toBe(200);

    await env.DB.prepare("DELETE FROM connections WHERE id = ?1").bind(connectionId).run();
    const deleted = await call("DELETE", `/v1/destinations/${groupId}`, { auth });
    expect(deleted.status).toBe(200);
    expect(deleted.json).toEqual({ code: "Success", message: `Destination with id '${groupId}' has been deleted` });
    const gone = await call("GET", `/v1/destinations/${groupId}`, { auth });
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual({
      code: "NotFound_Destination",
      message: `Destination with id '${groupId}' does not exist.`,
    });
    expect((await call("DELETE", `/v1/destinations/${groupId}`, { auth })).status).toBe(404);
    // The group may hold a destination again.
    expect((await call("POST", "/v1/destinations", { auth, body: snowflakeBody(groupId) })).status).toBe(201);
  });

  it("hides other accounts' destinations: 404 on every endpoint, absent from the list", async () => {
    const owner = await newAccount("owner");
    const other = await newAccount("other");
    const groupId = await newGroup(owner);
    await call("POST", "/v1/destinations", { auth: owner, body: snowflakeBody(groupId) });

    const notFound = { code: "NotFound_Destination", message: `Destination with id '${groupId}' does not exist.` };
    for (const [method, path, body] of [
      ["GET", `/v1/destinations/${groupId}`, undefined],
      ["PATCH", `/v1/destinations/${groupId}`, { time_zone_offset: "+1", config: { password: "stolen" } }],
      ["POST", `/v1/destinations/${groupId}/test`, {}],
      ["DELETE", `/v1/destinations/${groupId}`, undefined],
    ] as const) {
      const res = await call(method, path, { auth: other, body });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json).toEqual(notFound);
    }
    const create = await call("POST", "/v1/destinations", { auth: other, body: snowflakeBody(groupId) });
    expect(create.status).toBe(404);
    expect(create.json.code).toBe("NotFound_Group");
    expect((await call("GET", "/v1/destinations", { auth: other })).json.data.items).toEqual([]);
    const mine = await call("GET", `/v1/destinations/${groupId}`, { auth: owner });
    expect(mine.json.data.time_zone_offset).toBe("+10");
  });
});

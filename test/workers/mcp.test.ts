/**
 * The MCP server at /mcp, driven by the official MCP client over Streamable HTTP (the Worker's
 * own fetch as transport): tools list and call with a scoped key, a write refused on a
 * read-only key, accounts kept apart, resources, and diagnose_connection on a failing connection.
 */
import { exports } from "cloudflare:workers";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { CfWorkerJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/cfworker-provider.js";
import { afterEach, describe, expect, it } from "vitest";
import { basic, call, OPERATOR } from "./helpers";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const open: Client[] = [];

async function connect(auth: string): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL("http://127.0.0.1:8787/mcp"), {
    fetch: (url, init) => exports.default.fetch(new Request(url, init)),
    requestInit: { headers: { authorization: auth } },
  });
  const client = new Client(
    { name: "test", version: "1.0.0" },
    { jsonSchemaValidator: new CfWorkerJsonSchemaValidator() },
  );
  await client.connect(transport);
  open.push(client);
  return client;
}

afterEach(async () => {
  for (const client of open.splice(0)) await client.close().catch(() => {});
});

/** An account and a key with the given MCP scope (through the operator API). */
async function account(scope: "read" | "write") {
  const created = await call("POST", "/operator/accounts", { auth: OPERATOR, body: { name: `mcp ${scope}` } });
  expect(created.status).toBe(201);
  const accountId: string = created.json.data.account_id;
  await call("PUT", `/operator/accounts/${accountId}/bindings/WAREHOUSE`, { auth: OPERATOR });
  let { api_key: key, api_secret: secret } = created.json.data;
  if (scope === "write") {
    const issued = await call("POST", `/operator/accounts/${accountId}/keys`, {
      auth: OPERATOR,
      body: { mcp_scope: "write" },
    });
    expect(issued.status).toBe(201);
    ({ api_key: key, api_secret: secret } = issued.json.data);
  }
  return { accountId, auth: basic(key, secret), key };
}

// biome-ignore lint/suspicious/noExplicitAny: tool results are JSON text
function json(result: any): any {
  expect(result.isError, result.content?.[0]?.text).toBeFalsy();
  return JSON.parse(result.content[0].text);
}

async function sampleConnection(auth: string) {
  const group = await call("POST", "/v1/groups", { auth, body: { name: `mcp_${crypto.randomUUID().slice(0, 8)}` } });
  const groupId = group.json.data.id;
  const dest = await call("POST", "/v1/destinations", {
    auth,
    body: { group_id: groupId, service: "d1", time_zone_offset: "0", config: { database: "WAREHOUSE" } },
  });
  expect(dest.status, JSON.stringify(dest.json)).toBe(201);
  return groupId as string;
}

describe("MCP server", () => {
  it("refuses a request without the API's credentials", async () => {
    const res = await exports.default.fetch(
      new Request("http://127.0.0.1:8787/mcp", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
      }),
    );
    expect(res.status).toBe(401);
    expect((await res.json()) as unknown).toMatchObject({ code: "Unauthorized" });
    // Stateless: there is no server-to-client stream to open.
    const { auth } = await account("read");
    const get = await exports.default.fetch(
      new Request("http://127.0.0.1:8787/mcp", { headers: { authorization: auth, accept: "text/event-stream" } }),
    );
    expect(get.status).toBe(405);
  });

  it("lists tools with input schemas and resources; a write key creates, syncs and reads back a connection", async () => {
    const { auth } = await account("write");
    const client = await connect(auth);
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    for (const name of [
      "list_groups",
      "list_destinations",
      "list_connections",
      "get_connection",
      "create_connection",
      "update_connection",
      "delete_connection",
      "list_runs",
      "sync_connection",
      "resync_connection",
      "pause_connection",
      "resume_connection",
      "get_schema_config",
      "get_schema_history",
      "get_usage",
      "list_connector_types",
      "get_connector_type",
      "diagnose_connection",
    ]) {
      expect(names).toContain(name);
    }
    const sync = tools.find((t) => t.name === "sync_connection");
    expect(sync?.inputSchema.properties).toHaveProperty("connection_id");
    expect(sync?.annotations?.readOnlyHint).toBe(false);
    expect(tools.find((t) => t.name === "delete_connection")?.annotations?.destructiveHint).toBe(true);

    const groupId = await sampleConnection(auth);
    const created = json(
      await client.callTool({
        name: "create_connection",
        arguments: {
          group_id: groupId,
          service: "sample",
          schedule_type: "manual",
          config: { schema: "mcp_shop", scale: 20 },
        },
      }),
    );
    expect(created).toMatchObject({ group_id: groupId, service: "sample", schema: "mcp_shop" });
    const listed = json(await client.callTool({ name: "list_connections", arguments: { group_id: groupId } }));
    expect(listed.items.map((c: { id: string }) => c.id)).toEqual([created.id]);

    const triggered = json(
      await client.callTool({ name: "sync_connection", arguments: { connection_id: created.id } }),
    );
    expect(triggered.message).toContain(created.id);
    let details: { succeeded_at: string | null; status: { sync_state: string } } | undefined;
    for (let i = 0; i < 100; i++) {
      details = json(await client.callTool({ name: "get_connection", arguments: { connection_id: created.id } }));
      if (details?.succeeded_at && details.status.sync_state !== "syncing") break;
      await sleep(150);
    }
    expect(details?.succeeded_at).toBeTruthy();
    const runs = json(await client.callTool({ name: "list_runs", arguments: { connection_id: created.id } }));
    expect(runs.items[0]).toMatchObject({ status: "succeeded" });
    const usage = json(
      await client.callTool({ name: "get_usage", arguments: { kind: "mar", connection_id: created.id } }),
    );
    expect(usage.items.find((i: { table: string }) => i.table === "customers")).toMatchObject({
      mar: 20,
      free_mar: 20,
    });
    const diagnosis = json(
      await client.callTool({ name: "diagnose_connection", arguments: { connection_id: created.id } }),
    );
    expect(diagnosis.verdict).toBe("healthy");

    const paused = json(await client.callTool({ name: "pause_connection", arguments: { connection_id: created.id } }));
    expect(paused.paused).toBe(true);
    expect(
      json(await client.callTool({ name: "diagnose_connection", arguments: { connection_id: created.id } })).verdict,
    ).toBe("paused");
    expect(
      json(await client.callTool({ name: "resume_connection", arguments: { connection_id: created.id } })).paused,
    ).toBe(false);

    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri).sort()).toEqual(["fivetran://connector-types", "fivetran://openapi.json"]);
    const openapi = await client.readResource({ uri: "fivetran://openapi.json" });
    expect(JSON.parse((openapi.contents[0] as { text: string }).text).paths).toHaveProperty("/v1/usage/mar");
    const catalog = await client.readResource({ uri: "fivetran://connector-types" });
    expect(JSON.parse((catalog.contents[0] as { text: string }).text).items.map((i: { id: string }) => i.id)).toContain(
      "sample",
    );

    expect(
      json(await client.callTool({ name: "delete_connection", arguments: { connection_id: created.id } })).message,
    ).toContain(created.id);
  });

  it("create_connection takes the SDK's declaration: creates group, destination and connection, which syncs and lists; declaring again converges", async () => {
    const { auth } = await account("write");
    const client = await connect(auth);
    const tool = (await client.listTools()).tools.find((t) => t.name === "create_connection");
    expect(tool?.inputSchema.properties).toHaveProperty("declaration");
    expect(tool?.inputSchema.properties).toHaveProperty("group_id");
    expect(tool?.description).toMatch(/declaration/);
    const declaration = {
      id: "mcp-shop",
      source: { type: "sample", scale: 15 },
      destination: { type: "d1", database: "WAREHOUSE" },
      sync: { schedule: "every 1 hour", retries: 1 },
      schema: { trackHistory: true },
    };
    const created = json(
      await client.callTool({ name: "create_connection", arguments: { instance: "mcpdecl", declaration } }),
    );
    // The SDK's mapping: group `<instance>.<destination type>`, schema from the connector id.
    expect(created).toMatchObject({ service: "sample", schema: "mcp_shop", group_name: "mcpdecl.d1" });
    expect(created.config).toMatchObject({ scale: 15 });
    expect(created.sync_options).toMatchObject({ retries: 1 });
    const groups = json(await client.callTool({ name: "list_groups", arguments: {} }));
    expect(groups.items).toEqual([expect.objectContaining({ id: created.group_id, name: "mcpdecl.d1" })]);
    const destination = json(
      await client.callTool({ name: "get_destination", arguments: { destination_id: created.group_id } }),
    );
    expect(destination).toMatchObject({ service: "d1", config: { database: "WAREHOUSE" } });

    // Declared again (a changed scale): the same connection, brought in line.
    const again = json(
      await client.callTool({
        name: "create_connection",
        arguments: { instance: "mcpdecl", declaration: { ...declaration, source: { type: "sample", scale: 12 } } },
      }),
    );
    expect(again.id).toBe(created.id);
    expect(again.config).toMatchObject({ scale: 12 });

    json(await client.callTool({ name: "sync_connection", arguments: { connection_id: created.id } }));
    let details: { succeeded_at: string | null; status: { sync_state: string } } | undefined;
    for (let i = 0; i < 100; i++) {
      details = json(await client.callTool({ name: "get_connection", arguments: { connection_id: created.id } }));
      if (details?.succeeded_at && details.status.sync_state !== "syncing") break;
      await sleep(150);
    }
    expect(details?.succeeded_at).toBeTruthy();
    const listed = json(await client.callTool({ name: "list_connections", arguments: {} }));
    expect(listed.items.map((c: { id: string }) => c.id)).toEqual([created.id]);
    const usage = json(
      await client.callTool({ name: "get_usage", arguments: { kind: "mar", connection_id: created.id } }),
    );
    expect(usage.items.find((i: { table: string }) => i.table === "customers")).toMatchObject({ mar: 12 });
    // A change made by hand is in the schema history, one entry per change with its kind and types.
    const evolved = await call("POST", `/v1/connections/${created.id}/schemas/evolve`, {
      auth,
      body: { add_column: { table: "customers", name: "loyalty_tier", type: "string" } },
    });
    expect(evolved.status, JSON.stringify(evolved.json)).toBe(200);
    const history = json(
      await client.callTool({
        name: "get_schema_history",
        arguments: { connection_id: created.id, change: "add_column" },
      }),
    );
    expect(history.items).toEqual([
      expect.objectContaining({
        change: "add_column",
        status: "applied",
        table: "customers",
        column: "loyalty_tier",
        origin: "manual",
      }),
    ]);

    // Exactly one shape; a declaration the SDK refuses is the tool's error, not a crash.
    const both = await client.callTool({
      name: "create_connection",
      arguments: { instance: "mcpdecl", declaration, group_id: created.group_id },
    });
    expect(both.isError).toBe(true);
    expect((both.content as { text: string }[])[0]?.text).toMatch(/^400 InvalidInput: give either declaration/);
    const noInstance = await client.callTool({ name: "create_connection", arguments: { declaration } });
    expect((noInstance.content as { text: string }[])[0]?.text).toMatch(/needs instance/);
    const neither = await client.callTool({ name: "create_connection", arguments: { config: {} } });
    expect((neither.content as { text: string }[])[0]?.text).toMatch(/give a declaration/);
    const exclusive = await client.callTool({
      name: "create_connection",
      arguments: {
        instance: "mcpdecl",
        declaration: { ...declaration, sync: { schedule: "every 1 hour", cron: "0 * * * *" } },
      },
    });
    expect(exclusive.isError).toBe(true);
    expect((exclusive.content as { text: string }[])[0]?.text).toMatch(/^400 InvalidDeclaration: .*exclusive/);
    const badService = await client.callTool({
      name: "create_connection",
      arguments: {
        instance: "mcpdecl",
        declaration: { ...declaration, id: "other", source: { type: "no_such_service" } },
      },
    });
    expect(badService.isError).toBe(true);
    expect((badService.content as { text: string }[])[0]?.text).toMatch(/^404 /);
  });

  it("refuses writes on a read-only key (the default scope), and keeps reads to the caller's account", async () => {
    const writer = await account("write");
    const groupId = await sampleConnection(writer.auth);
    const conn = await call("POST", "/v1/connections", {
      auth: writer.auth,
      body: { group_id: groupId, service: "sample", schedule_type: "manual", config: { schema: "ro_shop" } },
    });
    expect(conn.status).toBe(201);

    const reader = await account("read");
    const client = await connect(reader.auth);
    const refused = await client.callTool({ name: "sync_connection", arguments: { connection_id: conn.json.data.id } });
    expect(refused.isError).toBe(true);
    expect((refused.content as { text: string }[])[0]?.text).toMatch(/MCP scope is read-only/);
    const refusedCreate = await client.callTool({
      name: "create_connection",
      arguments: { group_id: groupId, service: "sample", config: { schema: "x" } },
    });
    expect(refusedCreate.isError).toBe(true);
    const refusedDeclaration = await client.callTool({
      name: "create_connection",
      arguments: {
        instance: "ro",
        declaration: { id: "ro-shop", source: { type: "sample" }, destination: { type: "d1", database: "WAREHOUSE" } },
      },
    });
    expect((refusedDeclaration.content as { text: string }[])[0]?.text).toMatch(/MCP scope is read-only/);
    // Nothing ran: the connection never synced.
    expect(
      (await call("GET", `/v1/connections/${conn.json.data.id}`, { auth: writer.auth })).json.data.succeeded_at,
    ).toBeNull();

    // Another account's connection is not found through MCP either.
    const other = await client.callTool({ name: "get_connection", arguments: { connection_id: conn.json.data.id } });
    expect(other.isError).toBe(true);
    expect((other.content as { text: string }[])[0]?.text).toMatch(/^404 NotFound/);
    expect(json(await client.callTool({ name: "list_groups", arguments: {} })).items).toEqual([]);

    // The same key, granted the write scope, may sync.
    const granted = await call("PATCH", `/operator/keys/${reader.key}`, {
      auth: OPERATOR,
      body: { mcp_scope: "write" },
    });
    expect(granted.status).toBe(200);
    expect(granted.json.data.mcp_scope).toBe("write");
    const again = await connect(reader.auth);
    const own = await call("POST", "/v1/groups", { auth: reader.auth, body: { name: "mine" } });
    expect(json(await again.callTool({ name: "get_group", arguments: { group_id: own.json.data.id } })).name).toBe(
      "mine",
    );
    const bad = await again.callTool({ name: "sync_connection", arguments: { connection_id: conn.json.data.id } });
    expect(bad.isError).toBe(true); // written, but still another account's connection
    expect((bad.content as { text: string }[])[0]?.text).toMatch(/^404/);
  });

  it("diagnose_connection explains a failing connection from its last runs and status", async () => {
    const { auth } = await account("write");
    const group = await call("POST", "/v1/groups", { auth, body: { name: "broken" } });
    const groupId = group.json.data.id;
    await call("POST", "/v1/destinations", {
      auth,
      body: { group_id: groupId, service: "d1", time_zone_offset: "0", config: { database: "WAREHOUSE" } },
    });
    const conn = await call("POST", "/v1/connections", {
      auth,
      body: {
        group_id: groupId,
        service: "postgres",
        schedule_type: "manual",
        run_setup_tests: false,
        config: { schema_prefix: "nope", host: "127.0.0.1", port: 1, database: "x", user: "u", password: "p" },
        sync_options: { retries: 0 },
      },
    });
    expect(conn.status, JSON.stringify(conn.json)).toBe(201);
    const id = conn.json.data.id;
    await call("POST", `/v1/connections/${id}/sync`, { auth });
    for (let i = 0; i < 150; i++) {
      const data = (await call("GET", `/v1/connections/${id}`, { auth })).json.data;
      if (data.failed_at && data.status.sync_state !== "syncing") break;
      await sleep(150);
    }
    const client = await connect(auth);
    const diagnosis = json(await client.callTool({ name: "diagnose_connection", arguments: { connection_id: id } }));
    expect(["failing", "broken"]).toContain(diagnosis.verdict);
    const failed = diagnosis.findings.find((f: { code: string }) => f.code === "last_runs_failed");
    expect(failed?.message).toMatch(/The last run failed/);
    expect(diagnosis.last_runs[0]).toMatchObject({ status: "failed" });
    expect(diagnosis.summary).toContain(diagnosis.verdict);
  });
});

/**
 * The MCP server's tools and resources (README "MCP server"). Each tool is one or a few REST
 * calls with the caller's credentials (./api.ts); what the API answers is what the tool
 * returns, as JSON text. Read tools are always there; write and delete tools are listed too,
 * marked so, and refuse unless the key's MCP scope is `write`.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { CHANGE_KINDS } from "../engine/schema-policy";
import { type ApiAnswer, type ApiCaller, queryString } from "./api";
import { type DeclareOutcome, declarationSchema, type McpDeclaration } from "./declare";
import { diagnose } from "./diagnose";

/** Creates (or converges) a connection from an SDK declaration (./declare.ts). */
export type Declare = (instance: string, declaration: McpDeclaration) => Promise<DeclareOutcome>;

/** What a key may do through MCP. */
export type McpScope = "read" | "write";

const id = (what: string) => z.string().min(1).describe(`The ${what}'s id`);
const page = {
  cursor: z.string().optional().describe("next_cursor of the previous page; omit for the first page"),
  limit: z.number().int().min(1).max(1000).optional().describe("Page size, 1..1000 (default 100)"),
};

function text(value: unknown, isError = false): CallToolResult {
  return {
    content: [{ type: "text", text: typeof value === "string" ? value : JSON.stringify(value, null, 2) }],
    isError,
  };
}

/** The API's answer as a tool result: its `data` (or message) on success, its error envelope as an error. */
function answer(res: ApiAnswer): CallToolResult {
  if (res.status >= 200 && res.status < 300) {
    if (res.json === undefined) return text(res.text);
    return text(res.json.data ?? { message: res.json.message });
  }
  const envelope = res.json ?? { code: `Http${res.status}`, message: res.text.slice(0, 500) };
  return text(`${res.status} ${envelope.code}: ${envelope.message}`, true);
}

const WRITE_REFUSED =
  'This API key\'s MCP scope is read-only, so write and delete tools are refused. An operator grants the write scope with PATCH /operator/keys/{api_key} {"mcp_scope": "write"} (or issues a key with it); the bootstrap key gets it from FIVETRAN_API_KEY_MCP_SCOPE=write.';

/** Registers every tool and resource on `server` for a caller with `scope`. */
export function registerTools(server: McpServer, api: ApiCaller, scope: McpScope, declare: Declare): void {
  const read = { readOnlyHint: true, destructiveHint: false, openWorldHint: false } as const;
  const write = { readOnlyHint: false, destructiveHint: false, openWorldHint: false } as const;
  const destructive = { readOnlyHint: false, destructiveHint: true, openWorldHint: false } as const;
  const guarded =
    <A>(run: (args: A) => Promise<CallToolResult>) =>
    async (args: A): Promise<CallToolResult> =>
      scope === "write" ? run(args) : text(WRITE_REFUSED, true);

  // -- Groups and destinations ------------------------------------------------------------
  server.registerTool(
    "list_groups",
    {
      description: "List the account's groups (each holds one destination and its connections).",
      inputSchema: page,
      annotations: read,
    },
    async (args) => answer(await api("GET", `/v1/groups${queryString(args)}`)),
  );
  server.registerTool(
    "get_group",
    { description: "A group's details.", inputSchema: { group_id: id("group") }, annotations: read },
    async ({ group_id }) => answer(await api("GET", `/v1/groups/${encodeURIComponent(group_id)}`)),
  );
  server.registerTool(
    "list_destinations",
    {
      description:
        "List the account's destinations (a destination's id is its group's id). Secrets come back as ******.",
      inputSchema: page,
      annotations: read,
    },
    async (args) => answer(await api("GET", `/v1/destinations${queryString(args)}`)),
  );
  server.registerTool(
    "get_destination",
    {
      description: "A destination's details and config (secrets masked).",
      inputSchema: { destination_id: id("destination") },
      annotations: read,
    },
    async ({ destination_id }) => answer(await api("GET", `/v1/destinations/${encodeURIComponent(destination_id)}`)),
  );

  // -- Connections ------------------------------------------------------------------------
  server.registerTool(
    "list_connections",
    {
      description:
        "List connections (sources syncing into a destination), all of the account's or one group's. Each has its service, schema, paused flag, status (setup_state, sync_state, tasks, warnings) and last success or failure.",
      inputSchema: { group_id: z.string().optional().describe("Only this group's connections"), ...page },
      annotations: read,
    },
    async ({ group_id, ...rest }) =>
      answer(
        await api(
          "GET",
          group_id
            ? `/v1/groups/${encodeURIComponent(group_id)}/connections${queryString(rest)}`
            : `/v1/connections${queryString(rest)}`,
        ),
      ),
  );
  server.registerTool(
    "get_connection",
    {
      description:
        "A connection's details: config (secrets masked), schedule, and status with current_run, last_run, tasks, warnings and next_sync_at.",
      inputSchema: { connection_id: id("connection") },
      annotations: read,
    },
    async ({ connection_id }) => answer(await api("GET", `/v1/connections/${encodeURIComponent(connection_id)}`)),
  );
  server.registerTool(
    "list_runs",
    {
      description:
        "A connection's run history, newest first: status, trigger, start and end, rows and bytes per table, error, retries, warnings.",
      inputSchema: { connection_id: id("connection"), ...page },
      annotations: read,
    },
    async ({ connection_id, ...rest }) =>
      answer(await api("GET", `/v1/connections/${encodeURIComponent(connection_id)}/runs${queryString(rest)}`)),
  );
  server.registerTool(
    "get_schema_config",
    {
      description:
        "A connection's schema config: schemas, tables and columns with enabled, sync_mode (SOFT_DELETE, LIVE, HISTORY) and schema_change_handling. Absent until the first sync discovered the source.",
      inputSchema: { connection_id: id("connection") },
      annotations: read,
    },
    async ({ connection_id }) =>
      answer(await api("GET", `/v1/connections/${encodeURIComponent(connection_id)}/schemas`)),
  );
  server.registerTool(
    "get_schema_history",
    {
      description:
        "A connection's schema history, oldest first: one entry per change a sync, a reload or a person made, each with change (its kind: new_schema, new_table, add_column, widen, narrow, drop_column, rename_column, primary_key), status (applied, or blocked by the schema policy), schema, table, column, old_name, old_type, new_type, run_id, origin (run, reload, manual), message and timestamp. (The same changes are also schema_change events, one per change, for the events' retention window.) Kept while the schema policy's track_history is on (the default). Filter by change kind, status, table, run or time.",
      inputSchema: {
        connection_id: id("connection"),
        change: z.enum(CHANGE_KINDS).optional().describe("Only changes of this kind"),
        status: z.enum(["applied", "blocked"]).optional(),
        table: z.string().optional().describe("Source table name (case-sensitive)"),
        run_id: z.string().optional(),
        since: z.string().optional().describe("Only changes after this ISO time"),
        ...page,
      },
      annotations: read,
    },
    async ({ connection_id, ...rest }) =>
      answer(
        await api("GET", `/v1/connections/${encodeURIComponent(connection_id)}/schemas/history${queryString(rest)}`),
      ),
  );
  server.registerTool(
    "diagnose_connection",
    {
      description:
        "Explain why a connection is failing or lagging (or confirm it is healthy): reads its status, tasks, warnings, setup state, schedule and last runs, and returns a verdict with findings and what to do about each.",
      inputSchema: { connection_id: id("connection") },
      annotations: read,
    },
    async ({ connection_id }) => {
      const path = `/v1/connections/${encodeURIComponent(connection_id)}`;
      const details = await api("GET", path);
      if (details.status !== 200) return answer(details);
      const runs = await api("GET", `${path}/runs?limit=10`);
      if (runs.status !== 200) return answer(runs);
      return text(diagnose(details.json.data, runs.json.data.items));
    },
  );

  // -- Usage and metadata -----------------------------------------------------------------
  server.registerTool(
    "get_usage",
    {
      description:
        "Usage as Fivetran bills it. kind 'mar': monthly active rows per connection, table and month (distinct primary keys changed, with free_mar from historical syncs and paid_mar); kind 'rows': rows synced and bytes per connection, table and day. Filter by group, connection and range.",
      inputSchema: {
        kind: z.enum(["mar", "rows"]).describe("'mar' (per month) or 'rows' (per day)"),
        group_id: z.string().optional(),
        connection_id: z.string().optional(),
        start: z.string().optional().describe("First day (YYYY-MM-DD) for rows, first month (YYYY-MM) for mar"),
        end: z.string().optional().describe("Last day or month, included"),
        ...page,
      },
      annotations: read,
    },
    async ({ kind, start, end, ...rest }) => {
      const range = kind === "mar" ? { start_month: start, end_month: end } : { start_date: start, end_date: end };
      return answer(await api("GET", `/v1/usage/${kind}${queryString({ ...rest, ...range })}`));
    },
  );
  server.registerTool(
    "list_connector_types",
    {
      description: "The connector catalog: every source service this server can run, with its name, type and features.",
      inputSchema: page,
      annotations: read,
    },
    async (args) => answer(await api("GET", `/v1/metadata/connector-types${queryString(args)}`)),
  );
  server.registerTool(
    "get_connector_type",
    {
      description:
        "One connector type with its config schema (the fields a connection of that service takes; secrets marked).",
      inputSchema: { service: z.string().min(1).describe("The service id, e.g. postgres, stripe, sample") },
      annotations: read,
    },
    async ({ service }) => answer(await api("GET", `/v1/metadata/connector-types/${encodeURIComponent(service)}`)),
  );

  // -- Writes (scope `write`) -------------------------------------------------------------
  server.registerTool(
    "create_connection",
    {
      description: [
        "[write] Create a connection, in one of two shapes (give exactly one):",
        "(1) `declaration`, the SDK's connector declaration {id, source: {type, …config}, destination: {type, …config}, sync?, schema?, transform?} under `instance` (the SDK's `new Fivetran({ id })`): the group `<instance>.<destination type or name>` and its destination are created when missing, and the connection (schema named after the declaration's id) is created, or brought in line when it exists, exactly as fivetran.createConnector(…).ready() does; declaring the same connector again changes nothing else.",
        "(2) Fivetran's REST create body: group_id, service and its config (see get_connector_type), optional schedule (sync_frequency, schedule_type, schedule), paused, sync_options, run_setup_tests.",
        "Returns the connection (secrets masked). Needs the key's MCP write scope.",
      ].join(" "),
      inputSchema: {
        instance: z
          .string()
          .min(1)
          .optional()
          .describe("With `declaration`: the instance id that names the group (`<instance>.<destination type>`)"),
        declaration: declarationSchema.optional(),
        group_id: id("group").optional().describe("REST body: the group to create the connection in"),
        service: z.string().min(1).optional().describe("REST body: the source service id"),
        config: z
          .record(z.string(), z.unknown())
          .optional()
          .describe("REST body: the service's config; secrets are stored encrypted and never echoed"),
        paused: z.boolean().optional(),
        sync_frequency: z.number().int().optional(),
        schedule_type: z.enum(["auto", "manual"]).optional(),
        schedule: z.record(z.string(), z.unknown()).optional(),
        sync_options: z.record(z.string(), z.unknown()).optional(),
        run_setup_tests: z.boolean().optional(),
      },
      annotations: write,
    },
    guarded(async ({ instance, declaration, ...body }) => {
      const rest = Object.entries(body).filter(([, v]) => v !== undefined);
      if (declaration) {
        if (rest.length > 0) {
          return text(
            `400 InvalidInput: give either declaration (with instance) or the REST body, not both (also got ${rest.map(([k]) => k).join(", ")})`,
            true,
          );
        }
        if (!instance)
          return text(
            "400 InvalidInput: a declaration needs instance (the group is named <instance>.<destination type>)",
            true,
          );
        const outcome = await declare(instance, declaration);
        if (!outcome.ok) return text(`${outcome.status} ${outcome.code}: ${outcome.message}`, true);
        return text({
          ...(outcome.connection as Record<string, unknown>),
          group_name: outcome.groupName,
          ...(outcome.trigger ? { trigger: outcome.trigger } : {}),
        });
      }
      if (instance) return text("400 InvalidInput: instance goes with a declaration", true);
      if (!body.group_id || !body.service) {
        return text(
          "400 InvalidInput: give a declaration (with instance), or the REST body's group_id, service and config",
          true,
        );
      }
      return answer(await api("POST", "/v1/connections", body));
    }),
  );
  server.registerTool(
    "update_connection",
    {
      description:
        "[write] Change a connection: any field PATCH /v1/connections/{id} takes (config merges; schedule, sync_frequency, paused, sync_options…). Needs the write scope.",
      inputSchema: {
        connection_id: id("connection"),
        changes: z.record(z.string(), z.unknown()).describe("The PATCH body"),
      },
      annotations: write,
    },
    guarded(async ({ connection_id, changes }) =>
      answer(await api("PATCH", `/v1/connections/${encodeURIComponent(connection_id)}`, changes)),
    ),
  );
  server.registerTool(
    "delete_connection",
    {
      description: "[delete] Delete a connection; its destination data stays. Needs the write scope.",
      inputSchema: { connection_id: id("connection") },
      annotations: destructive,
    },
    guarded(async ({ connection_id }) =>
      answer(await api("DELETE", `/v1/connections/${encodeURIComponent(connection_id)}`)),
    ),
  );
  server.registerTool(
    "sync_connection",
    {
      description:
        "[write] Start a sync now (incremental). force=true restarts a sync already running. Watch it with get_connection or list_runs. Needs the write scope.",
      inputSchema: { connection_id: id("connection"), force: z.boolean().optional() },
      annotations: write,
    },
    guarded(async ({ connection_id, force }) =>
      answer(await api("POST", `/v1/connections/${encodeURIComponent(connection_id)}/sync`, { force: force ?? false })),
    ),
  );
  server.registerTool(
    "resync_connection",
    {
      description:
        '[write] Re-sync from scratch: every table, or only scope {"<schema>": ["table", …]}. Deletes the source no longer has reach the destination this way. Needs the write scope.',
      inputSchema: {
        connection_id: id("connection"),
        scope: z
          .record(z.string(), z.array(z.string()))
          .optional()
          .describe("Tables to re-sync by schema; all when omitted"),
      },
      annotations: write,
    },
    guarded(async ({ connection_id, scope: tables }) =>
      answer(
        await api(
          "POST",
          `/v1/connections/${encodeURIComponent(connection_id)}/resync`,
          tables ? { scope: tables } : {},
        ),
      ),
    ),
  );
  for (const [name, paused] of [
    ["pause_connection", true],
    ["resume_connection", false],
  ] as const) {
    server.registerTool(
      name,
      {
        description: paused
          ? "[write] Pause a connection: no scheduled or triggered syncs until resumed. Needs the write scope."
          : "[write] Resume a paused connection: its schedule is armed again. Needs the write scope.",
        inputSchema: { connection_id: id("connection") },
        annotations: write,
      },
      guarded(async ({ connection_id }) =>
        answer(await api("PATCH", `/v1/connections/${encodeURIComponent(connection_id)}`, { paused })),
      ),
    );
  }
  server.registerTool(
    "update_schema_config",
    {
      description:
        "[write] Change a connection's schema config (PATCH /v1/connections/{id}/schemas body): enable or disable schemas, tables and columns, set a table's sync_mode. Needs the write scope.",
      inputSchema: {
        connection_id: id("connection"),
        changes: z
          .record(z.string(), z.unknown())
          .describe(
            'e.g. {"schemas": {"shop": {"enabled": true, "tables": {"orders": {"enabled": true, "sync_mode": "HISTORY"}}}}}',
          ),
      },
      annotations: write,
    },
    guarded(async ({ connection_id, changes }) =>
      answer(await api("PATCH", `/v1/connections/${encodeURIComponent(connection_id)}/schemas`, changes)),
    ),
  );

  // -- Resources --------------------------------------------------------------------------
  server.registerResource(
    "openapi",
    "fivetran://openapi.json",
    {
      title: "OpenAPI document",
      description: "The REST API this server acts through (OpenAPI 3.1)",
      mimeType: "application/json",
    },
    async (uri) => {
      const res = await api("GET", "/openapi.json");
      return { contents: [{ uri: uri.href, mimeType: "application/json", text: res.text }] };
    },
  );
  server.registerResource(
    "connector-catalog",
    "fivetran://connector-types",
    {
      title: "Connector catalog",
      description: "Every connector type with its features (all pages of /v1/metadata/connector-types)",
      mimeType: "application/json",
    },
    async (uri) => {
      const items: unknown[] = [];
      let cursor: string | undefined;
      do {
        const res = await api("GET", `/v1/metadata/connector-types${queryString({ limit: 1000, cursor })}`);
        if (res.status !== 200) throw new Error(`connector types: ${res.status} ${res.json?.message ?? ""}`);
        items.push(...res.json.data.items);
        cursor = res.json.data.next_cursor;
      } while (cursor);
      return { contents: [{ uri: uri.href, mimeType: "application/json", text: JSON.stringify({ items }) }] };
    },
  );
}

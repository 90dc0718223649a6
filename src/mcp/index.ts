/**
 * The MCP server at /mcp (README "MCP server"): Streamable HTTP with the official MCP SDK, one
 * stateless server per request (no session to keep across Worker isolates; the protocol allows
 * it), JSON responses. Authenticated with the API's own HTTP Basic keys; every tool acts through
 * the REST API with the caller's credentials, so it sees only the caller's account.
 */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { CfWorkerJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/cfworker-provider.js";
import { eq } from "drizzle-orm";
import type { Context } from "hono";
import { catalog } from "../db/client";
import { apiKeys } from "../db/schema";
import type { AppEnv } from "../env";
import { apiCaller } from "./api";
import { declareConnection } from "./declare";
import { type McpScope, registerTools } from "./tools";

/** The key's MCP scope: the bootstrap key's from FIVETRAN_API_KEY_MCP_SCOPE, others' from api_keys.mcp_scope. */
export async function mcpScopeOf(c: Context<AppEnv>): Promise<McpScope> {
  const { apiKey } = c.var.auth;
  if (c.env.FIVETRAN_API_KEY && apiKey === c.env.FIVETRAN_API_KEY) {
    return c.env.FIVETRAN_API_KEY_MCP_SCOPE === "write" ? "write" : "read";
  }
  const row = await catalog(c.env.DB)
    .select({ scope: apiKeys.mcpScope })
    .from(apiKeys)
    .where(eq(apiKeys.apiKey, apiKey))
    .get();
  return row?.scope === "write" ? "write" : "read";
}

/** Handles one MCP request; `fetch` is the app's own, so tools call the REST API in-process. */
export async function handleMcp(c: Context<AppEnv>, fetch: (request: Request) => Promise<Response>): Promise<Response> {
  // Stateless: no session to resume or delete and no server-initiated stream (GET), which the
  // Streamable HTTP spec lets a server refuse with 405.
  if (c.req.method !== "POST") {
    return c.json(
      {
        jsonrpc: "2.0",
        error: { code: -32000, message: "Method not allowed: this MCP server is stateless, send POST" },
        id: null,
      },
      405,
      { Allow: "POST" },
    );
  }
  const scope = await mcpScopeOf(c);
  const server = new McpServer(
    { name: "fivetran.do", version: "1.0.0" },
    {
      jsonSchemaValidator: new CfWorkerJsonSchemaValidator(),
      instructions: `Tools for fivetran.do, a Fivetran-compatible data pipeline service: groups, destinations, connections, runs, schema config, usage (MAR) and diagnose_connection. This key's MCP scope is '${scope}'${
        scope === "write" ? ": write and delete tools work." : ": write and delete tools are refused."
      }`,
    },
  );
  const origin = new URL(c.req.url).origin;
  const authorization = c.req.header("authorization") ?? "";
  const api = apiCaller(fetch, origin, authorization);
  registerTools(server, api, scope, (instance, declaration) =>
    declareConnection(fetch, origin, authorization, instance, declaration),
  );
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  await server.connect(transport);
  try {
    return await transport.handleRequest(c.req.raw);
  } finally {
    await server.close().catch(() => {});
  }
}

/**
 * `create_connection` from a declaration: the SDK's own `Fivetran` class (sdk/fivetran.ts) runs
 * in-process with the caller's credentials, so a declaration maps onto groups, destinations and
 * connections exactly as `fivetran.createConnector(…)` maps it in a program (the group
 * `<instance>.<destination type|name>`, the connection found by its schema, found-or-created and
 * brought in line: declaring the same connector twice converges on one connection). Nothing of
 * that mapping is repeated here.
 */
import { z } from "zod";
import { FivetranDeclarationError, FivetranError } from "../../sdk/errors";
import { type ConnectorDeclaration, Fivetran } from "../../sdk/fivetran";
import { parseBasic } from "../middleware/auth";

/** The declaration as an MCP tool takes it: the SDK's `ConnectorDeclaration`, as JSON. */
export const declarationSchema = z
  .strictObject({
    id: z
      .string()
      .min(1)
      .describe("The connector's id; names the connection's schema in its group (`stripe-payments` → stripe_payments)"),
    source: z
      .looseObject({ type: z.string().min(1).describe("The source service id, e.g. postgres, stripe, sample") })
      .describe(
        "The source: its type and the service's config fields (see get_connector_type; short forms such as connectionString, apiKey, tables are taken)",
      ),
    destination: z
      .looseObject({
        type: z.string().min(1).describe("The destination service id: d1, r2, postgres, snowflake, big_query…"),
        name: z
          .string()
          .min(1)
          .optional()
          .describe("Names the group instead of the type, to keep two destinations of one type apart"),
        region: z.string().optional(),
        timeZoneOffset: z.string().optional(),
      })
      .describe("The destination: its type and config fields (e.g. database: 'WAREHOUSE' for d1)"),
    sync: z
      .strictObject({
        schedule: z.string().optional().describe("A phrase: 'every 15 minutes', 'every 1 hour', 'daily at 9am'"),
        cron: z.string().optional().describe("A cron expression, instead of schedule"),
        mode: z.enum(["full", "incremental"]).optional(),
        cursor: z.string().optional(),
        lookback: z.string().optional().describe("A duration: '24 hours', '7 days'"),
        retries: z.number().int().min(0).optional(),
        backoff: z.enum(["exponential", "linear", "fixed"]).optional(),
        paused: z.boolean().optional(),
        trigger: z
          .union([
            z.strictObject({ url: z.literal(true) }),
            z.strictObject({ queue: z.string().min(1) }),
            z.strictObject({
              after: z.string().min(1).describe("The connection id whose successful sync starts this one"),
            }),
          ])
          .optional(),
      })
      .optional(),
    schema: z
      .strictObject({
        autoMigrate: z.boolean().optional(),
        allowBreaking: z.boolean().optional(),
        trackHistory: z.boolean().optional(),
        notify: z.array(z.string()).optional(),
      })
      .optional()
      .describe("The schema policy"),
    transform: z
      .union([
        z.strictObject({ type: z.literal("sql"), query: z.string().min(1) }),
        z.strictObject({
          type: z.literal("function"),
          fn: z.string().min(1).describe("A function's source text, e.g. '(row) => ({ ...row, email: null })'"),
        }),
      ])
      .optional(),
  })
  .describe("The SDK's connector declaration (fivetran.createConnector's argument)");

export type McpDeclaration = z.infer<typeof declarationSchema>;

/** What a declaration became, or why it could not be. */
export type DeclareOutcome =
  | { ok: true; connection: unknown; groupName: string; trigger?: unknown }
  | { ok: false; status: number; code: string; message: string };

/** Declares `declaration` under `instance` through the API at `origin`, as the caller `authorization`. */
export async function declareConnection(
  fetch: (request: Request) => Promise<Response>,
  origin: string,
  authorization: string,
  instance: string,
  declaration: McpDeclaration,
): Promise<DeclareOutcome> {
  const credentials = parseBasic(authorization);
  if (!credentials) return { ok: false, status: 401, code: "Unauthorized", message: "HTTP Basic credentials needed" };
  try {
    const fivetran = new Fivetran({
      id: instance,
      baseUrl: origin,
      apiKey: credentials.key,
      apiSecret: credentials.secret,
      fetch,
    });
    // The API checks what zod leaves open (the region's enum, the services' config fields).
    const declared = declaration as ConnectorDeclaration;
    const connector = fivetran.createConnector(declared);
    const connection = await connector.ready();
    const trigger = await connector.trigger();
    return {
      ok: true,
      connection,
      groupName: fivetran.groupNameOf(declared.destination),
      ...(trigger ? { trigger } : {}),
    };
  } catch (error) {
    if (error instanceof FivetranDeclarationError) {
      return { ok: false, status: 400, code: "InvalidDeclaration", message: error.message };
    }
    if (error instanceof FivetranError) {
      return { ok: false, status: error.status, code: error.code, message: error.message };
    }
    throw error;
  }
}

import { z } from "@hono/zod-openapi";
import { ConfigurationError } from "../../errors";
import { type ConnectorContext, defineDestination, type SetupTest } from "../../protocol";
import { secret } from "../../toolkit/config";
import { bindingExecutor, D1ApiError, type D1Client, httpExecutor } from "../../toolkit/d1-client";
import { D1_SYNC_MODES, D1Writer, quoteName } from "./writer";

/**
 * D1 bindings of this Worker that a `d1` destination may name. Only databases kept for
 * user data belong here: never `DB`, the catalog of accounts, keys and secrets.
 */
export const D1_DESTINATION_BINDINGS: readonly string[] = ["WAREHOUSE"];

/** Table the setup test creates, writes, reads and drops in one batch. */
export const PROBE_TABLE = "_fivetran_setup_test";

/**
 * Either `database`, the name of one of {@link D1_DESTINATION_BINDINGS}, or, for any D1
 * database of a Cloudflare account, `account_id` + `database_id` + `api_token` (a token with
 * D1 edit permission) used with Cloudflare's D1 HTTP API. When both are set the HTTP API
 * fields win, so a PATCH can move a destination off the local binding.
 */
const fields = z
  .object({
    database: z.string().trim().min(1).optional(),
    account_id: z
      .string()
      .trim()
      .regex(/^[0-9a-f]{32}$/i, "a Cloudflare account id (32 hex digits)")
      .optional(),
    database_id: z
      .string()
      .trim()
      .regex(/^[0-9a-f-]{32,36}$/i, "a D1 database id (UUID)")
      .optional(),
    api_token: secret(z.string().min(1)).optional(),
  })
  .superRefine((config, ctx) => {
    const http = config.account_id !== undefined || config.database_id !== undefined;
    if (http) {
      for (const key of ["account_id", "database_id", "api_token"] as const) {
        if (config[key] === undefined) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: "required to reach D1 through Cloudflare's API (account_id, database_id and api_token)",
          });
        }
      }
      return;
    }
    if (config.database === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["database"],
        message: `name a D1 binding (${D1_DESTINATION_BINDINGS.join(", ")}), or set account_id, database_id and api_token`,
      });
    } else if (!D1_DESTINATION_BINDINGS.includes(config.database)) {
      ctx.addIssue({
        code: "custom",
        path: ["database"],
        message: `'${config.database}' is not a destination D1 binding; use one of: ${D1_DESTINATION_BINDINGS.join(", ")}`,
      });
    }
  });

export type D1DestinationConfig = z.infer<typeof fields>;

/** A binding's D1 database and the account's namespace in it (both from the context). */
function boundDatabase(
  ctx: ConnectorContext,
  name: string,
): { db: D1Database; namespace: string; otherNamespaces: readonly string[] } | undefined {
  const db = ctx.bindings[name] as D1Database | undefined;
  if (!db || typeof db.prepare !== "function" || typeof db.batch !== "function") return undefined;
  return { db, namespace: ctx.namespaces?.[name] ?? "", otherNamespaces: ctx.otherNamespaces?.[name] ?? [] };
}

/**
 * The database a validated `d1` config points at (through the toolkit's D1 client), and the
 * namespace its tables are named under ('' over the HTTP API: the database is the user's own).
 */
export function d1Target(config: D1DestinationConfig, ctx: ConnectorContext): { client: D1Client; namespace: string } {
  if (config.account_id && config.database_id && config.api_token) {
    const client = httpExecutor({
      accountId: config.account_id,
      databaseId: config.database_id,
      apiToken: config.api_token,
      fetch: ctx.fetch,
      signal: ctx.signal,
    });
    return { client, namespace: "" };
  }
  const name = config.database ?? "";
  const bound = boundDatabase(ctx, name);
  if (!bound) throw new Error(`This Worker has no D1 binding '${name}'`);
  const label = `D1 binding ${name}${bound.namespace ? ` (namespace ${bound.namespace})` : ""}`;
  return { client: bindingExecutor(bound.db, label), namespace: bound.namespace };
}

/** Creates, writes, reads back and drops the probe table in one atomic batch. */
async function probe(target: D1Client, namespace: string, ctx: ConnectorContext): Promise<SetupTest> {
  const title = "Writing and reading a probe row";
  const id = crypto.randomUUID();
  const writtenAt = ctx.now().toISOString();
  // Under the account's namespace, like every table it writes.
  const name = namespace ? `${namespace}__${PROBE_TABLE}` : PROBE_TABLE;
  const table = quoteName(name);
  try {
    const results = await target.batchRows([
      { sql: `CREATE TABLE IF NOT EXISTS ${table} (id TEXT PRIMARY KEY, written_at TEXT NOT NULL)`, params: [] },
      { sql: `INSERT INTO ${table} (id, written_at) VALUES (?1, ?2)`, params: [id, writtenAt] },
      { sql: `SELECT id, written_at FROM ${table} WHERE id = ?1`, params: [id] },
      { sql: `DROP TABLE ${table}`, params: [] },
    ]);
    const row = results[2]?.[0];
    if (row?.id !== id || row.written_at !== writtenAt) {
      return { title, status: "FAILED", message: `The probe row written to ${target.label} did not read back` };
    }
    return { title, status: "PASSED", message: `Created, wrote, read and dropped ${name} in ${target.label}` };
  } catch (error) {
    return { title, status: "FAILED", message: describeD1Error(error) };
  }
}

function describeD1Error(error: unknown): string {
  if (error instanceof D1ApiError) {
    const message = `Cloudflare API answered HTTP ${error.status}${error.detail ? `: ${error.detail}` : ""}`;
    if (error.status === 401 || error.status === 403) {
      return `${message}; check that api_token is valid and has D1 edit permission on account_id`;
    }
    return message;
  }
  return `D1 error: ${(error as Error)?.message ?? String(error)}`;
}

export const d1Destination = defineDestination({
  service: "d1",
  info: {
    name: "Cloudflare D1",
    type: "Warehouse",
    description: "A Cloudflare D1 (SQLite) database: a binding of this Worker or any database through Cloudflare's API",
    linkToDocs: "https://developers.cloudflare.com/d1/",
  },
  fields,
  bindings: (config) => (config.database ? [config.database] : []),
  syncModes: D1_SYNC_MODES,
  writer: {
    open(config, ctx) {
      if (config.account_id && config.database_id && config.api_token) {
        return D1Writer.open({
          accountId: config.account_id,
          databaseId: config.database_id,
          apiToken: config.api_token,
          fetch: ctx.fetch,
          signal: ctx.signal,
        });
      }
      // The context holds only the binding `database` names, never the catalog.
      const bound = boundDatabase(ctx, config.database ?? "");
      if (!bound) throw new ConfigurationError(`This Worker has no D1 binding '${config.database}'`, "missing_binding");
      return D1Writer.open(bound.db, { namespace: bound.namespace, otherNamespaces: bound.otherNamespaces });
    },
  },
  normalize(input) {
    const { binding, accountId, databaseId, apiToken, ...rest } = input;
    const out: Record<string, unknown> = { ...rest };
    if (binding !== undefined) out.database ??= binding;
    if (accountId !== undefined) out.account_id ??= accountId;
    if (databaseId !== undefined) out.database_id ??= databaseId;
    if (apiToken !== undefined) out.api_token ??= apiToken;
    return out;
  },
  async check(config, ctx) {
    let target: ReturnType<typeof d1Target>;
    try {
      target = d1Target(config, ctx);
    } catch (error) {
      return [{ title: "Resolving the database", status: "FAILED", message: (error as Error).message }];
    }
    return [
      { title: "Resolving the database", status: "PASSED", message: target.client.label },
      await probe(target.client, target.namespace, ctx),
    ];
  },
});

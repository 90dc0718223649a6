import { z } from "@hono/zod-openapi";
import type pg from "pg";
import { defineSource, type SetupTest } from "../../protocol";
import { hostField, parseConnectionString, secret } from "../../toolkit/config";
import { certificateTest, closePg, describePgError, mapPgError, openPg } from "../../toolkit/pg";
import { ensureLog } from "./changes";
import { postgresReader } from "./reader";

/**
 * PostgreSQL source. Config in Fivetran's names (host, port, database, user, password,
 * update_method, replication_slot, publication_name); our SDK's `connectionString`,
 * `tables` and `replication: 'logical'` map onto them.
 */
const fields = z.object({
  schema_prefix: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "letters, digits and _ only"),
  host: hostField(),
  port: z.coerce.number().int().min(1).max(65535).default(5432),
  database: z.string().trim().min(1),
  user: z.string().trim().min(1),
  password: secret(z.string()).optional(),
  /** WAL = logical replication (CDC); XMIN and QUERY_BASED read changed rows by query. */
  update_method: z.enum(["WAL", "XMIN", "QUERY_BASED"]).default("QUERY_BASED"),
  replication_slot: z.string().trim().min(1).optional(),
  publication_name: z.string().trim().min(1).optional(),
  /** Tables to sync, `schema.table` or `table` (public); all tables when absent. */
  tables: z.array(z.string().min(1)).optional(),
  connection_type: z.enum(["Directly", "SshTunnel", "PrivateLink"]).default("Directly"),
  /** Require TLS to the database. */
  require_tls: z.coerce.boolean().default(false),
});

export type PostgresSourceConfig = z.infer<typeof fields>;

function splitTable(name: string): [string, string] {
  const dot = name.indexOf(".");
  return dot < 0 ? ["public", name] : [name.slice(0, dot), name.slice(dot + 1)];
}

async function checkPrivileges(client: pg.Client, config: PostgresSourceConfig): Promise<SetupTest> {
  const title = "Validating table privileges";
  const { rows } = await client.query<{ schema: string; table: string; readable: boolean }>(`
    SELECT n.nspname AS schema, c.relname AS table,
           has_schema_privilege(n.oid, 'USAGE') AND has_table_privilege(c.oid, 'SELECT') AS readable
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm')
      AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'`);
  const wanted = config.tables?.map(splitTable);
  const missing = wanted?.filter(([s, t]) => !rows.some((r) => r.schema === s && r.table === t)) ?? [];
  if (missing.length > 0) {
    return { title, status: "FAILED", message: `Tables not found: ${missing.map((p) => p.join(".")).join(", ")}` };
  }
  const inScope = wanted ? rows.filter((r) => wanted.some(([s, t]) => r.schema === s && r.table === t)) : rows;
  const unreadable = inScope.filter((r) => !r.readable).map((r) => `${r.schema}.${r.table}`);
  if (unreadable.length > 0) {
    return {
      title,
      status: "FAILED",
      message: `User '${config.user}' lacks SELECT on: ${unreadable.slice(0, 20).join(", ")}${unreadable.length > 20 ? ", …" : ""}`,
    };
  }
  return { title, status: "PASSED", message: `${inScope.length} table(s) readable` };
}

async function checkLogicalReplication(client: pg.Client, config: PostgresSourceConfig): Promise<SetupTest[]> {
  const tests: SetupTest[] = [];
  const [wal] = (await client.query<{ wal_level: string }>("SHOW wal_level")).rows;
  tests.push(
    wal?.wal_level === "logical"
      ? { title: "Checking wal_level", status: "PASSED", message: "wal_level is logical" }
      : {
          title: "Checking wal_level",
          status: "FAILED",
          message: `wal_level is '${wal?.wal_level}'; logical replication needs wal_level = logical (ALTER SYSTEM SET wal_level = logical, then restart)`,
        },
  );
  if (!config.publication_name || !config.replication_slot) {
    for (const [title, field] of [
      ["Checking publication", "publication_name"],
      ["Checking replication slot", "replication_slot"],
    ] as const) {
      if (!config[field])
        tests.push({ title, status: "FAILED", message: `${field} is required with update_method WAL` });
    }
    return tests;
  }
  if (wal?.wal_level !== "logical") return tests;
  // Created here when missing (and permitted), so the slot retains changes from the setup on.
  try {
    const ensured = await ensureLog(client, config);
    tests.push({
      title: "Checking publication",
      status: "PASSED",
      message: ensured.publicationCreated
        ? `Publication '${config.publication_name}' created`
        : `Publication '${config.publication_name}' exists`,
    });
    tests.push({
      title: "Checking replication slot",
      status: ensured.slot.wal_status === "lost" ? "WARNING" : "PASSED",
      message:
        ensured.slot.wal_status === "lost"
          ? `Slot '${config.replication_slot}' was invalidated (wal_status = lost); the next sync recreates it and re-syncs every table`
          : ensured.slotCreated
            ? `Slot '${config.replication_slot}' created (pgoutput)`
            : `Slot '${config.replication_slot}' exists (pgoutput)`,
    });
  } catch (error) {
    const message = (error as Error).message;
    const title = /publication/i.test(message.slice(0, 40)) ? "Checking publication" : "Checking replication slot";
    tests.push({ title, status: "FAILED", message });
  }
  return tests;
}

export const postgresSource = defineSource({
  service: "postgres",
  naming: "schema_prefix",
  info: {
    name: "PostgreSQL",
    type: "Database",
    description: "Tables of a PostgreSQL database, by query or by logical replication (CDC)",
    linkToDocs: "https://fivetran.com/docs/connectors/databases/postgresql",
    features: [
      { id: "RE_SYNC" },
      { id: "API_CONFIGURABLE" },
      {
        id: "CAPTURE_DELETES",
        notes: "With update_method WAL (logical replication); query-based incremental detects deletes on a re-sync",
      },
    ],
  },
  fields,
  reader: postgresReader,
  mapError: mapPgError,
  normalize(input) {
    const { connectionString, replication, ...rest } = input;
    const out: Record<string, unknown> = { ...rest };
    if (typeof connectionString === "string") Object.assign(out, parseConnectionString(connectionString, 5432), rest);
    if (replication === "logical") out.update_method ??= "WAL";
    return out;
  },
  async check(config, ctx) {
    let client: pg.Client;
    try {
      client = await openPg(config, ctx.egress, { signal: ctx.signal });
    } catch (error) {
      const certificate = certificateTest({ error });
      if (certificate) return [certificate];
      const reason = describePgError(error);
      return [
        { title: "Connecting to database", status: "FAILED", message: reason.message, details: { auth: reason.auth } },
      ];
    }
    try {
      const { rows } = await client.query<{ version: string }>("SELECT version()");
      const certificate = certificateTest({ client });
      const tests: SetupTest[] = [
        ...(certificate ? [certificate] : []),
        { title: "Connecting to database", status: "PASSED", message: rows[0]?.version ?? "connected" },
      ];
      tests.push(await checkPrivileges(client, config));
      if (config.update_method === "WAL") tests.push(...(await checkLogicalReplication(client, config)));
      return tests;
    } catch (error) {
      return [{ title: "Querying the catalog", status: "FAILED", message: describePgError(error).message }];
    } finally {
      await closePg(client);
    }
  },
});

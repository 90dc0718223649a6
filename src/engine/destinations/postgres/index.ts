import { z } from "@hono/zod-openapi";
import type pg from "pg";
import { defineDestination, type SetupTest } from "../../protocol";
import { booleanish, hostField, parseConnectionString, secret } from "../../toolkit/config";
import { certificateTest, closePg, describePgError, mapPgError, openPg, quoteIdent } from "../../toolkit/pg";
import { POSTGRES_CAPABILITIES, PostgresWriter } from "./writer";

/** Schema the setup test creates (inside a transaction that is rolled back). */
export const PROBE_SCHEMA = "_fivetran_setup_test";

/**
 * PostgreSQL as a destination, in the field names of Fivetran's `postgres_warehouse`
 * (host, port, database, user, password, connection_type); our SDK's `connectionString`
 * maps onto them. `require_tls` is an extension for servers that only accept TLS.
 */
const fields = z.object({
  host: hostField(),
  port: z.coerce.number().int().min(1).max(65535).default(5432),
  database: z.string().trim().min(1),
  user: z.string().trim().min(1),
  password: secret(z.string()).optional(),
  connection_type: z.enum(["Directly", "SshTunnel", "PrivateLink", "ProxyAgent"]).default("Directly"),
  require_tls: booleanish().default(false),
});

export type PostgresDestinationConfig = z.infer<typeof fields>;

/**
 * Proves the user can do what loading needs: create a schema and a table in it, and write
 * a row. Everything happens in one transaction that is rolled back, so nothing is left
 * behind and concurrent tests never see each other's probe.
 */
async function checkCreatePrivileges(client: pg.Client, config: PostgresDestinationConfig): Promise<SetupTest> {
  const title = "Validating schema and table privileges";
  const table = `${quoteIdent(PROBE_SCHEMA)}.${quoteIdent("probe")}`;
  try {
    await client.query("BEGIN");
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(PROBE_SCHEMA)}`);
    await client.query(`CREATE TABLE ${table} (id integer PRIMARY KEY, written_at timestamptz NOT NULL)`);
    await client.query(`INSERT INTO ${table} (id, written_at) VALUES (1, now())`);
    const { rowCount } = await client.query(`SELECT id FROM ${table}`);
    if (rowCount !== 1) return { title, status: "FAILED", message: "The probe row could not be read back" };
    return {
      title,
      status: "PASSED",
      message: `User '${config.user}' may create schemas and tables in database '${config.database}'`,
    };
  } catch (error) {
    const reason = describePgError(error);
    const hint =
      (error as { code?: string }).code === "42501"
        ? `; grant it with GRANT CREATE ON DATABASE ${quoteIdent(config.database)} TO ${quoteIdent(config.user)}`
        : "";
    return { title, status: "FAILED", message: `${reason.message}${hint}` };
  } finally {
    await client.query("ROLLBACK").catch(() => {});
  }
}

export const postgresDestination = defineDestination({
  service: "postgres",
  aliases: [
    "postgres_warehouse",
    "postgres_rds_warehouse",
    "postgres_gcp_warehouse",
    "aurora_postgres_warehouse",
    "azure_postgres_warehouse",
  ],
  info: {
    name: "PostgreSQL",
    type: "Warehouse",
    description: "A PostgreSQL database: one schema per connection",
    linkToDocs: "https://fivetran.com/docs/destinations/postgresql",
  },
  fields,
  syncModes: POSTGRES_CAPABILITIES.syncModes,
  writer: { open: (config, ctx) => PostgresWriter.open(config, ctx.egress) },
  mapError: mapPgError,
  normalize(input) {
    const { connectionString, ...rest } = input;
    if (typeof connectionString !== "string") return rest;
    // Explicit fields win over the parts of the connection string.
    return { ...parseConnectionString(connectionString, 5432), ...rest };
  },
  async check(config, ctx) {
    const connecting = "Connecting to database";
    if (config.connection_type !== "Directly") {
      return [
        {
          title: connecting,
          status: "FAILED",
          message: `connection_type '${config.connection_type}' is not available: fivetran.do connects to the database directly`,
        },
      ];
    }
    let client: pg.Client;
    try {
      client = await openPg(config, ctx.egress, { signal: ctx.signal });
    } catch (error) {
      const certificate = certificateTest({ error });
      if (certificate) return [certificate];
      const reason = describePgError(error);
      return [{ title: connecting, status: "FAILED", message: reason.message, details: { auth: reason.auth } }];
    }
    try {
      const { rows } = await client.query<{ version: string }>("SELECT version()");
      const certificate = certificateTest({ client });
      const tests: SetupTest[] = [
        ...(certificate ? [certificate] : []),
        { title: connecting, status: "PASSED", message: rows[0]?.version ?? "connected" },
      ];
      tests.push(await checkCreatePrivileges(client, config));
      return tests;
    } catch (error) {
      return [{ title: connecting, status: "FAILED", message: describePgError(error).message }];
    } finally {
      await closePg(client);
    }
  },
});

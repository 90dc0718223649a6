import { z } from "@hono/zod-openapi";
import type mysql from "mysql2/promise";
import { InvalidInputError } from "../../errors";
import type { SetupTest, SourceDefinition } from "../../protocol";
import { listSome, schemaName } from "../../toolkit/common";
import { booleanish, hostField, parseConnectionString, secret } from "../../toolkit/config";
import { closeMysql, describeMysqlError, mapMysqlError, openMysql, quoteMysqlIdent } from "../../toolkit/mysql";
import { mysqlReader } from "./reader";

/** Schemas of the server itself, never synced. */
const SYSTEM_SCHEMAS = ["information_schema", "mysql", "performance_schema", "sys"];

/** Tables probed when none are configured; past this the check samples. */
const MAX_PROBED_TABLES = 200;

/** Fivetran recommends keeping binlogs at least this long (7 days) to survive outages. */
const RECOMMENDED_BINLOG_RETENTION_S = 7 * 24 * 3600;

/**
 * MySQL / MariaDB source. Config in Fivetran's `mysql_config_V1` names (host, port,
 * database, user, password, update_method BINLOG|TELEPORT, replica_id, connection_type,
 * always_encrypted); our SDK's `connectionString` and `tables` map onto them.
 */
const fields = z
  .object({
    schema_prefix: schemaName,
    host: hostField(),
    port: z.coerce.number().int().min(1).max(65535).default(3306),
    user: z.string().trim().min(1),
    password: secret(z.string()).optional(),
    /** The database to read; every non-system database when absent. */
    database: z.string().trim().min(1).optional(),
    /** BINLOG reads changes from the binary log (Fivetran's default); TELEPORT compares snapshots. */
    update_method: z.enum(["BINLOG", "TELEPORT"]).default("BINLOG"),
    /** server_id we present as a replica when reading the binlog. */
    replica_id: z.coerce.number().int().min(1).max(4294967295).optional(),
    /** Tables to sync, `database.table` or `table` (in `database`); all readable when absent. */
    tables: z.array(z.string().trim().min(1)).min(1).optional(),
    connection_type: z.enum(["Directly", "SshTunnel", "PrivateLink", "ProxyAgent"]).default("Directly"),
    /** Require TLS to the server. */
    always_encrypted: booleanish().default(false),
  })
  .superRefine((config, ctx) => {
    config.tables?.forEach((table, i) => {
      if (!table.includes(".") && !config.database) {
        ctx.addIssue({
          code: "custom",
          path: ["tables", i],
          message: "name it as database.table, or set config.database",
        });
      }
    });
  });

export type MysqlSourceConfig = z.infer<typeof fields>;

function splitTable(name: string, database: string | undefined): [string, string] {
  const dot = name.indexOf(".");
  return dot < 0 ? [database ?? "", name] : [name.slice(0, dot), name.slice(dot + 1)];
}

/** `mysql://` or `mariadb://` URLs; `?ssl=true` / `?sslmode=REQUIRED` turn TLS on. */
function fromConnectionString(url: string): Record<string, unknown> {
  if (!/^(mysql|mariadb):\/\//i.test(url)) {
    throw new InvalidInputError(
      "Invalid value for field 'config.connectionString': expected mysql://user:password@host:port/database",
    );
  }
  const out = parseConnectionString(url, 3306);
  const params = new URL(url).searchParams;
  const ssl = params.get("ssl") ?? params.get("tls") ?? params.get("sslmode") ?? params.get("ssl-mode");
  if (ssl && !/^(false|0|disabled?|preferred)$/i.test(ssl)) out.always_encrypted = true;
  return out;
}

async function probeTables(connection: mysql.Connection, config: MysqlSourceConfig): Promise<SetupTest> {
  const title = "Validating table privileges";
  let wanted: [string, string][];
  let sampled = "";
  if (config.tables) {
    wanted = config.tables.map((t) => splitTable(t, config.database));
  } else {
    // information_schema lists only tables the user holds some privilege on; tables it
    // cannot see at all are out of reach by design and can only be named in `tables`.
    const [rows] = config.database
      ? await connection.query<mysql.RowDataPacket[]>(
          "SELECT TABLE_SCHEMA AS db, TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY 1, 2",
          [config.database],
        )
      : await connection.query<mysql.RowDataPacket[]>(
          "SELECT TABLE_SCHEMA AS db, TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA NOT IN (?) ORDER BY 1, 2",
          [SYSTEM_SCHEMAS],
        );
    wanted = rows.map((r) => [String(r.db), String(r.name)]);
    if (wanted.length > MAX_PROBED_TABLES) {
      sampled = ` (checked the first ${MAX_PROBED_TABLES} of ${wanted.length})`;
      wanted = wanted.slice(0, MAX_PROBED_TABLES);
    }
    if (wanted.length === 0) {
      return {
        title,
        status: "WARNING",
        message: `User '${config.user}' sees no tables${config.database ? ` in '${config.database}'` : ""}: grant SELECT on what should be synced`,
      };
    }
  }
  const missing: string[] = [];
  const denied: string[] = [];
  const other: string[] = [];
  for (const [db, table] of wanted) {
    const name = `${db}.${table}`;
    try {
      // LIMIT 0 asks the server for privileges and metadata without reading a row.
      await connection.query(`SELECT 1 FROM ${quoteMysqlIdent(db)}.${quoteMysqlIdent(table)} LIMIT 0`);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "ER_NO_SUCH_TABLE" || code === "ER_BAD_DB_ERROR") missing.push(name);
      else if (code === "ER_TABLEACCESS_DENIED_ERROR" || code === "ER_DBACCESS_DENIED_ERROR") denied.push(name);
      else other.push(`${name} (${describeMysqlError(error).message})`);
    }
  }
  if (missing.length || denied.length || other.length) {
    const parts = [
      denied.length ? `User '${config.user}' lacks SELECT on: ${listSome(denied)}` : "",
      missing.length ? `Tables not found: ${listSome(missing)}` : "",
      other.length ? `Could not read: ${listSome(other)}` : "",
    ].filter(Boolean);
    return { title, status: "FAILED", message: parts.join("; ") };
  }
  return { title, status: "PASSED", message: `${wanted.length} table(s) readable${sampled}` };
}

/** What the binlog checks read from the server. */
export interface BinlogFacts {
  /** SHOW GLOBAL VARIABLES, lower-cased names. */
  variables: Record<string, string | undefined>;
  /** SHOW GRANTS lines for the connected user. */
  grants: string[];
  user: string;
}

function globalPrivileges(grants: string[]): Set<string> {
  const privileges = new Set<string>();
  for (const line of grants) {
    const match = /^GRANT (.+?) ON \*\.\* TO /i.exec(line);
    for (const privilege of match?.[1]?.split(",") ?? []) privileges.add(privilege.trim().toUpperCase());
  }
  return privileges;
}

/**
 * The binlog (CDC) prerequisites Fivetran documents for MySQL: binary logging on, ROW
 * format with FULL row images, enough retention, and REPLICATION SLAVE + REPLICATION
 * CLIENT for the user. Pure, so every branch is testable without reconfiguring a server.
 */
export function binlogTests({ variables, grants, user }: BinlogFacts): SetupTest[] {
  const tests: SetupTest[] = [];
  const logBin = (variables.log_bin ?? "OFF").toUpperCase();
  tests.push(
    logBin === "ON" || logBin === "1"
      ? { title: "Checking binary logging", status: "PASSED", message: "log_bin is ON" }
      : {
          title: "Checking binary logging",
          status: "FAILED",
          message:
            "Binary logging is off: set log_bin (e.g. log_bin = mysql-bin with a unique server_id) in the server configuration and restart; on Amazon RDS enable automated backups. Or use update_method TELEPORT",
        },
  );
  const format = (variables.binlog_format ?? "").toUpperCase();
  tests.push(
    format === "ROW"
      ? { title: "Checking binlog format", status: "PASSED", message: "binlog_format is ROW" }
      : {
          title: "Checking binlog format",
          status: "FAILED",
          message: `binlog_format is ${format || "unset"}; row-based replication needs binlog_format = ROW (SET GLOBAL binlog_format = 'ROW' and persist it in the server configuration)`,
        },
  );
  const image = variables.binlog_row_image?.toUpperCase();
  if (image !== undefined) {
    tests.push(
      image === "FULL"
        ? { title: "Checking binlog row image", status: "PASSED", message: "binlog_row_image is FULL" }
        : {
            title: "Checking binlog row image",
            status: "FAILED",
            message: `binlog_row_image is ${image}; complete rows need binlog_row_image = FULL (SET GLOBAL binlog_row_image = 'FULL' and persist it)`,
          },
    );
  }
  const seconds =
    variables.binlog_expire_logs_seconds !== undefined && Number(variables.binlog_expire_logs_seconds) > 0
      ? Number(variables.binlog_expire_logs_seconds)
      : Number(variables.expire_logs_days ?? 0) * 86400;
  tests.push(
    seconds === 0 || seconds >= RECOMMENDED_BINLOG_RETENTION_S
      ? {
          title: "Checking binlog retention",
          status: "PASSED",
          message:
            seconds === 0
              ? "Binlogs are not expired automatically"
              : `Binlogs are kept ${Math.round(seconds / 3600)} h`,
        }
      : {
          title: "Checking binlog retention",
          status: "WARNING",
          message: `Binlogs are kept only ${Math.round(seconds / 3600)} h; after an outage longer than that a full re-sync is needed. Keep at least 7 days (binlog_expire_logs_seconds = ${RECOMMENDED_BINLOG_RETENTION_S})`,
        },
  );
  const privileges = globalPrivileges(grants);
  const all = privileges.has("ALL PRIVILEGES") || privileges.has("ALL");
  const missing = [
    all || privileges.has("REPLICATION SLAVE") ? "" : "REPLICATION SLAVE",
    // MariaDB 10.5+ shows REPLICATION CLIENT as BINLOG MONITOR; MySQL 5.x also accepts SUPER.
    all || privileges.has("REPLICATION CLIENT") || privileges.has("BINLOG MONITOR") || privileges.has("SUPER")
      ? ""
      : "REPLICATION CLIENT",
  ].filter(Boolean);
  tests.push(
    missing.length === 0
      ? {
          title: "Checking replication privileges",
          status: "PASSED",
          message: "REPLICATION SLAVE and REPLICATION CLIENT granted",
        }
      : {
          title: "Checking replication privileges",
          status: "FAILED",
          message: `User '${user}' lacks ${missing.join(" and ")}: GRANT ${missing.join(", ")} ON *.* TO '${user}'@'%'`,
        },
  );
  return tests;
}

async function readBinlogFacts(connection: mysql.Connection, user: string): Promise<BinlogFacts> {
  const [rows] = await connection.query<mysql.RowDataPacket[]>(
    "SHOW GLOBAL VARIABLES WHERE Variable_name IN ('log_bin', 'binlog_format', 'binlog_row_image', 'binlog_expire_logs_seconds', 'expire_logs_days')",
  );
  const variables = Object.fromEntries(rows.map((r) => [String(r.Variable_name).toLowerCase(), String(r.Value)]));
  const [grantRows] = await connection.query<mysql.RowDataPacket[]>("SHOW GRANTS");
  const grants = grantRows.map((r) => String(Object.values(r)[0]));
  return { variables, grants, user };
}

export const mysqlSource: SourceDefinition<typeof fields> = {
  service: "mysql",
  naming: "schema_prefix",
  info: {
    name: "MySQL",
    type: "Database",
    description: "Tables of a MySQL or MariaDB server, read by query or from the binary log (CDC)",
    linkToDocs: "https://fivetran.com/docs/connectors/databases/mysql",
    features: [
      { id: "RE_SYNC" },
      { id: "API_CONFIGURABLE" },
      {
        id: "CAPTURE_DELETES",
        notes:
          "With update_method BINLOG (row-based binary log); query-based incremental (TELEPORT) detects deletes on a re-sync",
      },
    ],
  },
  fields,
  reader: mysqlReader,
  mapError: mapMysqlError,
  normalize(input) {
    const { connectionString, ...rest } = input;
    if (typeof connectionString !== "string") return rest;
    return { ...fromConnectionString(connectionString), ...rest };
  },
  async check(config, ctx) {
    const title = "Connecting to database";
    if (config.connection_type !== "Directly") {
      return [
        {
          title,
          status: "FAILED",
          message: `connection_type ${config.connection_type} is not available: fivetran.do connects directly over TCP from Cloudflare's network; allow inbound connections from it or use Directly`,
        },
      ];
    }
    let connection: mysql.Connection;
    try {
      connection = await openMysql(config, ctx.egress, { signal: ctx.signal });
    } catch (error) {
      const reason = describeMysqlError(error);
      return [{ title, status: "FAILED", message: reason.message, details: { auth: reason.auth } }];
    }
    const tests: SetupTest[] = [];
    try {
      const [rows] = await connection.query<mysql.RowDataPacket[]>("SELECT VERSION() AS version");
      tests.push({ title, status: "PASSED", message: String(rows[0]?.version ?? "connected") });
      tests.push(await probeTables(connection, config));
      if (config.update_method === "BINLOG") tests.push(...binlogTests(await readBinlogFacts(connection, config.user)));
    } catch (error) {
      tests.push({ title: "Querying the catalog", status: "FAILED", message: describeMysqlError(error).message });
    } finally {
      await closeMysql(connection);
    }
    return tests;
  },
};

import { z } from "@hono/zod-openapi";
import { ConfigurationError } from "../../errors";
import type { ConnectorContext, DestinationDefinition, SetupTest } from "../../protocol";
import { booleanish, markHost, secret } from "../../toolkit/config";
import {
  accountIdentifier,
  executeStatement,
  keyPairJwt,
  loadPrivateKey,
  type SnowflakeAuth,
  type StatementResult,
} from "../../toolkit/snowflake-auth";
import { openSnowflakeWriter, SNOWFLAKE_CAPABILITIES } from "./writer";

/**
 * Snowflake, in Fivetran's field names (host, port, database, auth, user, password,
 * private_key, is_private_key_encrypted, passphrase, role) plus `warehouse`. Our SDK's
 * `{account, warehouse, database}` maps `account` onto `host`.
 *
 * A Worker cannot speak Snowflake's driver protocol, so everything goes through the SQL API
 * (`POST /api/v2/statements`), which authenticates with a key-pair JWT, OAuth or a
 * programmatic access token, never with a password.
 */
const hostname = /^[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?)+$/;

const fields = z
  .object({
    host: markHost(z.string().trim().regex(hostname, "a host name such as <account>.snowflakecomputing.com")),
    port: z.coerce.number().int().min(1).max(65535).default(443),
    database: z.string().trim().min(1),
    auth: z.enum(["PASSWORD", "KEY_PAIR"]).default("PASSWORD"),
    user: z.string().trim().min(1),
    password: secret(z.string().min(1)).optional(),
    private_key: secret(z.string().min(1)).optional(),
    is_private_key_encrypted: booleanish().default(false),
    passphrase: secret(z.string().min(1)).optional(),
    role: z.string().trim().min(1).optional(),
    warehouse: z.string().trim().min(1).optional(),
    connection_type: z.enum(["Directly", "PrivateLink", "SshTunnel", "ProxyAgent"]).default("Directly"),
  })
  .superRefine((config, ctx) => {
    const require = (key: "password" | "private_key" | "passphrase", when: string) => {
      if (config[key] === undefined) ctx.addIssue({ code: "custom", path: [key], message: `required ${when}` });
    };
    if (config.auth === "PASSWORD") require("password", "when auth is PASSWORD");
    if (config.auth === "KEY_PAIR") require("private_key", "when auth is KEY_PAIR");
    if (config.auth === "KEY_PAIR" && config.is_private_key_encrypted) {
      require("passphrase", "when is_private_key_encrypted is true");
    }
  });

export type SnowflakeConfig = z.infer<typeof fields>;

/** The version, role, database and warehouse of the session the SQL API opened. */
const CONTEXT_STATEMENT = "SELECT CURRENT_VERSION(), CURRENT_ROLE(), CURRENT_DATABASE(), CURRENT_WAREHOUSE()";

function describeFailure(result: StatementResult): string {
  const { code, message } = result.body;
  return `Snowflake answered HTTP ${result.status}${code ? ` (code ${code})` : ""}: ${message ?? "no message"}`;
}

const TITLES = {
  credentials: "Validating credentials",
  connecting: "Connecting to Snowflake",
  context: "Checking database and warehouse access",
} as const;

function skipped(...titles: string[]): SetupTest[] {
  return titles.map((title) => ({ title, status: "SKIPPED", message: "Skipped: an earlier test failed" }));
}

async function credentials(
  config: SnowflakeConfig,
  ctx: ConnectorContext,
): Promise<{ test: SetupTest; auth?: SnowflakeAuth }> {
  if (config.auth === "PASSWORD") {
    return {
      auth: { token: config.password ?? "", type: "PROGRAMMATIC_ACCESS_TOKEN" },
      test: {
        title: TITLES.credentials,
        status: "WARNING",
        message:
          "Snowflake's SQL API, the only Snowflake interface a Worker can reach, has no password login: the password is sent as a programmatic access token. Use auth KEY_PAIR, or a programmatic access token as the password.",
      },
    };
  }
  try {
    const key = await loadPrivateKey(
      config.private_key ?? "",
      config.is_private_key_encrypted ? config.passphrase : undefined,
    );
    const token = await keyPairJwt(config, key, ctx.now());
    return {
      auth: { token, type: "KEYPAIR_JWT" },
      test: {
        title: TITLES.credentials,
        status: "PASSED",
        message: `Key pair for ${accountIdentifier(config.host)}.${config.user.toUpperCase()}, public key fingerprint ${key.fingerprint}`,
      },
    };
  } catch (error) {
    return { test: { title: TITLES.credentials, status: "FAILED", message: (error as Error).message } };
  }
}

function contextTest(config: SnowflakeConfig, row: (string | null)[]): SetupTest {
  const [, role, database, warehouse] = row;
  if (!database) {
    return {
      title: TITLES.context,
      status: "FAILED",
      message: `Database '${config.database}' does not exist or role ${role ?? "(default)"} may not use it`,
    };
  }
  if (!warehouse) {
    return {
      title: TITLES.context,
      status: config.warehouse ? "FAILED" : "WARNING",
      message: config.warehouse
        ? `Warehouse '${config.warehouse}' does not exist or role ${role ?? "(default)"} may not use it`
        : `No warehouse: user ${config.user} has no default warehouse; set config.warehouse, loading needs one`,
    };
  }
  return {
    title: TITLES.context,
    status: "PASSED",
    message: `Database ${database} and warehouse ${warehouse} usable as role ${role ?? "(default)"}`,
  };
}

export const snowflakeDestination: DestinationDefinition<typeof fields> = {
  service: "snowflake",
  info: {
    name: "Snowflake",
    type: "Warehouse",
    description: "A Snowflake database, loaded through Snowflake's SQL API with key-pair authentication",
    linkToDocs: "https://fivetran.com/docs/destinations/snowflake",
  },
  fields,
  syncModes: SNOWFLAKE_CAPABILITIES.syncModes,
  writer: {
    async open(config, ctx) {
      if (config.connection_type !== "Directly") {
        throw new ConfigurationError(
          `connection_type '${config.connection_type}' is not available: fivetran.do reaches Snowflake directly`,
          "unsupported_connection_type",
        );
      }
      return openSnowflakeWriter(config, ctx);
    },
  },
  normalize(input) {
    const { account, privateKey, ...rest } = input;
    const out: Record<string, unknown> = { ...rest };
    if (typeof account === "string" && account.trim() && out.host === undefined) {
      out.host = `${account.trim()}.snowflakecomputing.com`;
    }
    if (privateKey !== undefined) {
      out.private_key ??= privateKey;
      out.auth ??= "KEY_PAIR";
    }
    return out;
  },
  async check(config, ctx) {
    if (config.connection_type !== "Directly") {
      return [
        {
          title: TITLES.connecting,
          status: "FAILED",
          message: `connection_type '${config.connection_type}' is not available: fivetran.do reaches Snowflake directly`,
        },
      ];
    }
    const { test, auth } = await credentials(config, ctx);
    if (!auth) return [test, ...skipped(TITLES.connecting, TITLES.context)];
    let result: StatementResult;
    try {
      result = await executeStatement(config, auth, CONTEXT_STATEMENT, ctx);
    } catch (error) {
      return [
        test,
        {
          title: TITLES.connecting,
          status: "FAILED",
          message: `Could not reach ${config.host}: ${(error as Error).message}`,
        },
        ...skipped(TITLES.context),
      ];
    }
    if (result.status !== 200) {
      const refusedPassword = auth.type === "PROGRAMMATIC_ACCESS_TOKEN" && result.status === 401;
      const message = refusedPassword
        ? `${describeFailure(result)}. Snowflake refused the password as a programmatic access token: a plain password cannot be used over the SQL API; switch auth to KEY_PAIR`
        : describeFailure(result);
      return [test, { title: TITLES.connecting, status: "FAILED", message }, ...skipped(TITLES.context)];
    }
    const row = result.body.data?.[0] ?? [];
    return [
      test,
      {
        title: TITLES.connecting,
        status: "PASSED",
        message: `Connected to Snowflake ${row[0] ?? "(unknown version)"} at ${config.host}`,
      },
      contextTest(config, row),
    ];
  },
};

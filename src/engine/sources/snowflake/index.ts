import { z } from "@hono/zod-openapi";
import type { ConnectorContext, SetupTest, SourceDefinition } from "../../protocol";
import { renameKeys, schemaName } from "../../toolkit/common";
import { booleanish, secret } from "../../toolkit/config";
import { pick, pickString, probe, shorten } from "../../toolkit/http";
import {
  keyPairJwt,
  loadPrivateKey,
  type SnowflakeAuth,
  statementRequest,
  statementsUrl,
} from "../../toolkit/snowflake-auth";
import { snowflakeReader } from "./reader";

const host = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9][a-z0-9._-]*\.snowflakecomputing\.(com|cn)$/,
    "a Snowflake host such as xy12345.us-east-1.snowflakecomputing.com or myorg-myaccount.snowflakecomputing.com",
  );

/** Snowflake identifiers as typed in SQL: unquoted names, or double-quoted ones. */
const identifier = z
  .string()
  .trim()
  .regex(/^([A-Za-z_][A-Za-z0-9_$]*|"([^"]|"")+")$/, "a Snowflake identifier");

/**
 * Snowflake as a source, in Fivetran's `snowflake_db_config_V1` names (host, port,
 * database, user, auth PASSWORD|KEY_PAIR, password, private_key, passphrase, role,
 * connection_type); `warehouse` is our addition (queries need one, and the user's default
 * may be unset). Our SDK's `{account, warehouse, database}` maps onto `host`, `warehouse`
 * and `database`. Everything runs over Snowflake's SQL API v2, the HTTP interface a
 * Worker can use; reading: reader.ts.
 */
const fields = z
  .object({
    schema_prefix: schemaName,
    host,
    port: z.coerce.number().int().min(1).max(65535).default(443),
    database: identifier,
    warehouse: identifier.optional(),
    role: identifier.optional(),
    user: z.string().trim().min(1),
    auth: z.enum(["PASSWORD", "KEY_PAIR"]).default("PASSWORD"),
    /** With PASSWORD: a programmatic access token (the SQL API takes no plain passwords). */
    password: secret(z.string().min(1)).optional(),
    /** With KEY_PAIR: the PKCS#8 PEM private key whose public key is set on the user. */
    private_key: secret(z.string().trim().min(1)).optional(),
    is_private_key_encrypted: booleanish().default(false),
    passphrase: secret(z.string()).optional(),
    connection_type: z.enum(["Directly", "PrivateLink"]).default("Directly"),
  })
  .superRefine((config, ctx) => {
    if (config.auth === "KEY_PAIR" && !config.private_key) {
      ctx.addIssue({ code: "custom", path: ["private_key"], message: "required with auth KEY_PAIR" });
    }
    if (config.auth === "PASSWORD" && !config.password) {
      ctx.addIssue({ code: "custom", path: ["password"], message: "required with auth PASSWORD" });
    }
  });

export type SnowflakeSourceConfig = z.infer<typeof fields>;

async function credentials(
  config: SnowflakeSourceConfig,
  ctx: ConnectorContext,
): Promise<{ auth?: SnowflakeAuth; problem?: string }> {
  if (config.auth === "PASSWORD") return { auth: { token: config.password ?? "", type: "PROGRAMMATIC_ACCESS_TOKEN" } };
  if (config.is_private_key_encrypted || /ENCRYPTED PRIVATE KEY/.test(config.private_key ?? "")) {
    return {
      problem:
        "Encrypted private keys can't be read here (Web Crypto has no PKCS#8 decryption): store it unencrypted, e.g. openssl pkcs8 -in rsa_key.p8 -nocrypt -out rsa_key_plain.p8",
    };
  }
  try {
    const key = await loadPrivateKey(config.private_key ?? "");
    return { auth: { token: await keyPairJwt(config, key, ctx.now()), type: "KEYPAIR_JWT" } };
  } catch {
    return { problem: "private_key is not a PKCS#8 PEM RSA key (-----BEGIN PRIVATE KEY-----)" };
  }
}

function snowflakeError(body: unknown): string | undefined {
  const message = pickString(body, "message");
  const code = pickString(body, "code");
  return message ? `${shorten(message)}${code ? ` (code ${code})` : ""}` : undefined;
}

export const snowflakeSource: SourceDefinition<typeof fields> = {
  service: "snowflake",
  naming: "schema_prefix",
  aliases: ["snowflake_db"],
  info: {
    name: "Snowflake",
    type: "Database",
    description: "Tables of a Snowflake database, read through Snowflake's SQL API",
    linkToDocs: "https://fivetran.com/docs/connectors/databases/snowflake",
    features: [{ id: "API_CONFIGURABLE" }],
  },
  fields,
  reader: snowflakeReader,
  normalize(input) {
    const { account, ...rest } = renameKeys(input, { privateKey: "private_key", username: "user" });
    const out: Record<string, unknown> = { ...rest };
    if (typeof account === "string" && out.host === undefined) {
      const bare = account
        .trim()
        .replace(/^https?:\/\//i, "")
        .replace(/\/.*$/, "");
      out.host = /\.snowflakecomputing\.(com|cn)$/i.test(bare) ? bare : `${bare}.snowflakecomputing.com`;
    }
    if (out.private_key !== undefined && out.auth === undefined) out.auth = "KEY_PAIR";
    return out;
  },
  async check(config, ctx) {
    const title = "Connecting to Snowflake";
    const { auth, problem } = await credentials(config, ctx);
    if (!auth) return [{ title, status: "FAILED", message: problem ?? "", details: { auth: true } }];
    const result = await probe(
      ctx,
      statementsUrl(config),
      statementRequest(
        config,
        auth,
        "SELECT CURRENT_VERSION(), CURRENT_ROLE(), CURRENT_WAREHOUSE(), CURRENT_DATABASE()",
        { timeoutSeconds: 30 },
      ),
      { title, vendor: "Snowflake", errorMessage: snowflakeError },
    );
    if (!result.ok) {
      if (result.status === 401 && config.auth === "PASSWORD") {
        const hint =
          "with auth PASSWORD the password must be a programmatic access token, since Snowflake's SQL API accepts no plain passwords (or use KEY_PAIR)";
        return [{ ...result.test, message: `${result.test.message}; ${hint}` }];
      }
      return [result.test];
    }
    if (result.status === 202) {
      // Accepted but still queued (e.g. a resuming warehouse): the credentials work.
      return [{ title, status: "PASSED", message: "Snowflake accepted the statement (still running)" }];
    }
    const row = pick(result.body, "data", 0) as (string | null)[] | undefined;
    const [version, role, warehouse, database] = row ?? [];
    const tests: SetupTest[] = [
      {
        title,
        status: "PASSED",
        message: `Connected to Snowflake${version ? ` ${version}` : ""} as ${config.user.toUpperCase()} (role ${role ?? "none"})`,
      },
    ];
    tests.push(
      warehouse
        ? { title: "Checking warehouse", status: "PASSED", message: `Using warehouse ${warehouse}` }
        : {
            title: "Checking warehouse",
            status: "WARNING",
            message: `No warehouse is in use: set warehouse, or a DEFAULT_WAREHOUSE for ${config.user.toUpperCase()}, with USAGE granted to its role`,
          },
    );
    tests.push(
      database
        ? { title: "Checking database", status: "PASSED", message: `Database ${database} is accessible` }
        : {
            title: "Checking database",
            status: "FAILED",
            message: `Database ${config.database} does not exist or role ${role ?? "(default)"} lacks USAGE on it`,
          },
    );
    return tests;
  },
};

/**
 * Snowflake's SQL API v2 (`POST /api/v2/statements`), the one Snowflake interface a Worker can
 * reach, as the Snowflake source and destination both use it: key-pair JWTs (signed with jose),
 * programmatic access tokens, and the statement request.
 *
 * Keys are read with node:crypto (nodejs_compat), which decrypts every PBES scheme openssl
 * writes (Web Crypto and jose cannot decrypt PKCS#8); jose signs the JWT.
 */
import { createHash, createPrivateKey, createPublicKey } from "node:crypto";
import { importPKCS8, SignJWT } from "jose";

/** Sent as User-Agent, which Snowflake's SQL API requires. */
export const SNOWFLAKE_USER_AGENT = "fivetran.do/1.0";

/** JWTs for the SQL API may live one hour at most; stay under it. */
export const JWT_LIFETIME_SECONDS = 59 * 60;

/**
 * The account identifier a JWT names: the host's first label, upper-cased. That is the
 * account locator without its region (`xy12345.us-east-2.aws…` → `XY12345`) or the
 * `ORGNAME-ACCOUNTNAME` form, as Snowflake's key-pair documentation asks.
 */
export function accountIdentifier(host: string): string {
  return (host.split(".")[0] ?? host).toUpperCase();
}

/** A key as PEM: keys pasted without their armour (as Fivetran's form takes them) get it. */
function toPem(key: string, encrypted: boolean): string {
  const trimmed = key.trim();
  if (trimmed.startsWith("-----BEGIN")) return trimmed;
  const label = encrypted ? "ENCRYPTED PRIVATE KEY" : "PRIVATE KEY";
  const body =
    trimmed
      .replace(/\s+/g, "")
      .match(/.{1,64}/g)
      ?.join("\n") ?? "";
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`;
}

/** A private key ready to sign, and the fingerprint Snowflake stores as RSA_PUBLIC_KEY_FP. */
export interface SnowflakeKey {
  signingKey: CryptoKey;
  /** `SHA256:<base64 of the SHA-256 of the DER public key>`, as DESCRIBE USER shows it. */
  fingerprint: string;
}

/**
 * Reads a PKCS#8 RSA key, decrypting it with `passphrase` when encrypted. Throws an Error
 * whose message never contains key material.
 */
export async function loadPrivateKey(privateKey: string, passphrase?: string): Promise<SnowflakeKey> {
  let keyObject: ReturnType<typeof createPrivateKey>;
  try {
    keyObject = createPrivateKey({ key: toPem(privateKey, passphrase !== undefined), format: "pem", passphrase });
  } catch {
    throw new Error(
      passphrase === undefined
        ? "private_key is not a PEM/PKCS#8 private key (or it is encrypted: set is_private_key_encrypted and passphrase)"
        : "private_key could not be decrypted with passphrase, or is not a PKCS#8 private key",
    );
  }
  if (keyObject.asymmetricKeyType !== "rsa") {
    throw new Error(
      `private_key is a ${keyObject.asymmetricKeyType ?? "non-RSA"} key; Snowflake key-pair auth needs RSA`,
    );
  }
  const pkcs8 = keyObject.export({ type: "pkcs8", format: "pem" }) as string;
  const spki = createPublicKey(keyObject).export({ type: "spki", format: "der" });
  return {
    signingKey: await importPKCS8(pkcs8, "RS256"),
    fingerprint: `SHA256:${createHash("sha256").update(spki).digest("base64")}`,
  };
}

/**
 * The key-pair JWT of Snowflake's SQL API: iss `ACCOUNT.USER.SHA256:fp`, sub `ACCOUNT.USER`,
 * RS256, valid `lifetimeSeconds` (Snowflake allows an hour at most).
 */
export async function keyPairJwt(
  account: { host: string; user: string },
  key: SnowflakeKey,
  now: Date,
  lifetimeSeconds = JWT_LIFETIME_SECONDS,
): Promise<string> {
  const qualifiedUser = `${accountIdentifier(account.host)}.${account.user.toUpperCase()}`;
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: "RS256", typ: "JWT" })
    .setIssuer(`${qualifiedUser}.${key.fingerprint}`)
    .setSubject(qualifiedUser)
    .setIssuedAt(iat)
    .setExpirationTime(iat + lifetimeSeconds)
    .sign(key.signingKey);
}

/** How a statement request authenticates. */
export interface SnowflakeAuth {
  token: string;
  type: "KEYPAIR_JWT" | "PROGRAMMATIC_ACCESS_TOKEN";
}

/** Where statements run: the host and port, and the session's database, role and warehouse. */
export interface SnowflakeTarget {
  host: string;
  port: number;
  database: string;
  role?: string;
  warehouse?: string;
}

/** The SQL API endpoint of a host. */
export function statementsUrl(target: Pick<SnowflakeTarget, "host" | "port">): string {
  return `https://${target.host}${target.port === 443 ? "" : `:${target.port}`}/api/v2/statements`;
}

/** Values of a statement's `?` placeholders, by position from "1": Snowflake's type names, values as text. */
export type SnowflakeBindings = Record<
  string,
  {
    type:
      | "FIXED"
      | "REAL"
      | "TEXT"
      | "BOOLEAN"
      | "DATE"
      | "TIME"
      | "TIMESTAMP_NTZ"
      | "TIMESTAMP_LTZ"
      | "TIMESTAMP_TZ"
      | "BINARY";
    value: string;
  }
>;

/**
 * The request that submits one statement: the auth headers, the User-Agent Snowflake
 * requires, and `{statement, timeout, database, role?, warehouse?}`.
 */
export function statementRequest(
  target: SnowflakeTarget,
  auth: SnowflakeAuth,
  statement: string,
  options: { timeoutSeconds?: number; signal?: AbortSignal; bindings?: SnowflakeBindings } = {},
): RequestInit {
  return {
    method: "POST",
    headers: {
      Authorization: `Bearer ${auth.token}`,
      "X-Snowflake-Authorization-Token-Type": auth.type,
      "Content-Type": "application/json",
      Accept: "application/json",
      "User-Agent": SNOWFLAKE_USER_AGENT,
    },
    body: JSON.stringify({
      statement,
      timeout: options.timeoutSeconds ?? 60,
      database: target.database,
      ...(target.role ? { role: target.role } : {}),
      ...(target.warehouse ? { warehouse: target.warehouse } : {}),
      ...(options.bindings && Object.keys(options.bindings).length > 0 ? { bindings: options.bindings } : {}),
    }),
    signal: options.signal,
  };
}

/** Snowflake's answer to a statement: `ResultSet` on 200, `QueryFailureStatus` otherwise. */
export interface StatementResult {
  status: number;
  body: {
    code?: string;
    message?: string;
    sqlState?: string;
    statementHandle?: string;
    data?: (string | null)[][];
  };
}

/** Submits one statement synchronously (with a fresh `requestId`) and returns Snowflake's answer. */
export async function executeStatement(
  target: SnowflakeTarget,
  auth: SnowflakeAuth,
  statement: string,
  io: { fetch: typeof fetch; signal?: AbortSignal },
  options: { timeoutSeconds?: number } = {},
): Promise<StatementResult> {
  const url = `${statementsUrl(target)}?requestId=${crypto.randomUUID()}`;
  const response = await io.fetch(url, statementRequest(target, auth, statement, { ...options, signal: io.signal }));
  let body: StatementResult["body"] = {};
  try {
    body = (await response.json()) as StatementResult["body"];
  } catch {
    // Not JSON (a proxy or load balancer page): the status is all there is.
  }
  return { status: response.status, body };
}

/**
 * A fake of Snowflake's SQL API v2 (`POST /api/v2/statements`) for one account, written from
 * Snowflake's documentation: key-pair JWT authentication (iss `ACCOUNT.USER.SHA256:<fp>`,
 * sub `ACCOUNT.USER`, RS256, at most one hour, verified against the user's registered public
 * key), programmatic access tokens, the ResultSet answer (`resultSetMetaData`, `data`, code
 * `090001`) and the error bodies (`{code, message}`; 401 with code 390144 for a bad JWT).
 * It executes the one kind of statement our connector sends: a SELECT of context functions.
 */
import { createHash, createPublicKey } from "node:crypto";
import { decodeJwt, decodeProtectedHeader, importSPKI, jwtVerify } from "jose";

export interface SnowflakeFakeUser {
  name: string;
  /** RSA_PUBLIC_KEY of the user (PEM, SPKI). */
  publicKeyPem?: string;
  /** A programmatic access token of the user. */
  programmaticAccessToken?: string;
  defaultRole?: string;
  /** Roles granted to the user (the default role is always granted). */
  roles?: string[];
  defaultWarehouse?: string;
}

export interface SnowflakeFakeOptions {
  /** Account identifier as JWTs name it, e.g. `XY12345` or `MYORG-MYACCOUNT`. */
  account: string;
  /** Host the account is served on, e.g. `xy12345.snowflakecomputing.com`. */
  host: string;
  users: SnowflakeFakeUser[];
  /** Databases and warehouses that exist (unquoted identifiers, upper case). */
  databases: string[];
  warehouses: string[];
  version?: string;
  now?: () => Date;
}

export interface SnowflakeFake {
  fetch: typeof fetch;
  /** Every statement request received, after authentication, with the user it ran as. */
  statements: { user: string; body: Record<string, unknown>; tokenType: string }[];
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** Snowflake's fingerprint of a public key: base64 SHA-256 of its DER SPKI. */
export function publicKeyFingerprint(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: "spki", format: "der" });
  return `SHA256:${createHash("sha256").update(der).digest("base64")}`;
}

function unauthorized(code: string, message: string): Response {
  return json(401, { code, message: `${message} [${crypto.randomUUID()}]` });
}

/** The context functions this fake evaluates, as a session would. */
type Session = { role: string | null; database: string | null; warehouse: string | null };

function evaluate(expression: string, session: Session, version: string): string | null | undefined {
  switch (expression.replace(/\s+/g, "").toUpperCase()) {
    case "CURRENT_VERSION()":
      return version;
    case "CURRENT_ROLE()":
      return session.role;
    case "CURRENT_DATABASE()":
      return session.database;
    case "CURRENT_WAREHOUSE()":
      return session.warehouse;
    default:
      return undefined;
  }
}

const identifier = (name: unknown) => (typeof name === "string" ? name.toUpperCase() : undefined);

export function snowflakeFake(options: SnowflakeFakeOptions): SnowflakeFake {
  const statements: SnowflakeFake["statements"] = [];
  const version = options.version ?? "9.12.0";
  const now = options.now ?? (() => new Date());
  const account = options.account.toUpperCase();

  async function authenticate(request: Request): Promise<SnowflakeFakeUser | Response> {
    const header = request.headers.get("Authorization") ?? "";
    const token = header.startsWith("Bearer ") ? header.slice(7) : "";
    const type = request.headers.get("X-Snowflake-Authorization-Token-Type") ?? "OAUTH";
    if (!token) return unauthorized("390101", "Authorization header is missing.");
    if (type === "PROGRAMMATIC_ACCESS_TOKEN") {
      const user = options.users.find((u) => u.programmaticAccessToken && u.programmaticAccessToken === token);
      return user ?? unauthorized("390100", "Incorrect username or password was specified.");
    }
    if (type !== "KEYPAIR_JWT") return unauthorized("390303", "Invalid OAuth access token.");
    try {
      const claims = decodeJwt(token);
      if (decodeProtectedHeader(token).alg !== "RS256") throw new Error("alg");
      const iss = String(claims.iss ?? "");
      const at = iss.lastIndexOf(".SHA256:");
      const qualified = iss.slice(0, at);
      const [issAccount, ...userParts] = qualified.split(".");
      const user = options.users.find((u) => u.name.toUpperCase() === userParts.join("."));
      if (at < 0 || issAccount !== account || !user?.publicKeyPem) throw new Error("issuer");
      if (iss.slice(at + 1) !== publicKeyFingerprint(user.publicKeyPem)) throw new Error("fingerprint");
      const key = await importSPKI(user.publicKeyPem, "RS256");
      const { payload } = await jwtVerify(token, key, {
        algorithms: ["RS256"],
        subject: qualified,
        currentDate: now(),
      });
      if (typeof payload.iat !== "number" || typeof payload.exp !== "number" || payload.exp - payload.iat > 3600) {
        throw new Error("lifetime");
      }
      return user;
    } catch {
      return unauthorized("390144", "JWT token is invalid.");
    }
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.hostname !== options.host || url.pathname !== "/api/v2/statements") {
      return json(404, { code: "390404", message: "Not found." });
    }
    if (request.method !== "POST") return json(405, { code: "390405", message: "Method not allowed." });
    const user = await authenticate(request);
    if (user instanceof Response) return user;
    const body = (await request.json().catch(() => null)) as Record<string, unknown> | null;
    const handle = crypto.randomUUID();
    if (!body || typeof body.statement !== "string") {
      return json(400, {
        code: "391902",
        message: "Unsupported Accept header or request body.",
        statementHandle: handle,
      });
    }
    statements.push({
      user: user.name,
      body,
      tokenType: request.headers.get("X-Snowflake-Authorization-Token-Type") ?? "",
    });

    const granted = new Set([user.defaultRole, ...(user.roles ?? [])].filter(Boolean).map(identifier));
    const role = identifier(body.role) ?? identifier(user.defaultRole) ?? null;
    if (body.role !== undefined && !granted.has(role ?? "")) {
      return json(422, {
        code: "390189",
        sqlState: "08004",
        message: `Role '${role}' specified in the connect string is not granted to this user. Contact your local system administrator, or attempt to login with another role, e.g. PUBLIC.`,
        statementHandle: handle,
      });
    }
    const database = identifier(body.database);
    const warehouse = identifier(body.warehouse) ?? identifier(user.defaultWarehouse);
    const session: Session = {
      role,
      database: database && options.databases.includes(database) ? database : null,
      warehouse: warehouse && options.warehouses.includes(warehouse) ? warehouse : null,
    };

    const select = /^\s*SELECT\s+(.+?)\s*;?\s*$/is.exec(body.statement);
    const expressions = select?.[1]?.split(",").map((e) => e.trim()) ?? [];
    const row = expressions.map((e) => evaluate(e, session, version));
    if (!select || row.some((value) => value === undefined)) {
      return json(422, {
        code: "001003",
        sqlState: "42000",
        message: `SQL compilation error:\nsyntax error line 1 at position 0 unexpected '${body.statement.slice(0, 20)}'.`,
        statementHandle: handle,
      });
    }
    return json(200, {
      resultSetMetaData: {
        numRows: 1,
        format: "jsonv2",
        partitionInfo: [{ rowCount: 1, uncompressedSize: JSON.stringify(row).length }],
        rowType: expressions.map((name) => ({
          name: name.toUpperCase(),
          database: "",
          schema: "",
          table: "",
          type: "text",
          nullable: true,
          length: 16777216,
          byteLength: 16777216,
          precision: null,
          scale: null,
          collation: null,
        })),
      },
      data: [row],
      code: "090001",
      statementStatusUrl: `/api/v2/statements/${handle}?requestId=${url.searchParams.get("requestId") ?? ""}`,
      requestId: url.searchParams.get("requestId") ?? crypto.randomUUID(),
      sqlState: "00000",
      statementHandle: handle,
      message: "Statement executed successfully.",
      createdOn: now().getTime(),
    });
  }

  return {
    statements,
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => handle(new Request(input, init))) as typeof fetch,
  };
}

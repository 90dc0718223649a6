/**
 * A fake of Snowflake's SQL API v2 (`POST https://<account>.snowflakecomputing.com/api/v2/statements`)
 * after its documented contract. Key-pair JWTs (`X-Snowflake-Authorization-Token-Type:
 * KEYPAIR_JWT`) are verified like Snowflake does: `sub` = ACCOUNT.USER, `iss` =
 * ACCOUNT.USER.SHA256:<fingerprint of the user's public key>, RS256 signature, at most one
 * hour of validity. Programmatic access tokens go with `PROGRAMMATIC_ACCESS_TOKEN`. A
 * User-Agent is required. Errors are `{code, message, sqlState?}`: 401 390144 for a bad
 * JWT, 422 for SQL errors, 429 when throttled. It answers the context query
 * (`SELECT CURRENT_VERSION(), CURRENT_ROLE(), CURRENT_WAREHOUSE(), CURRENT_DATABASE()`).
 */
import { decodeJwt, importSPKI, jwtVerify } from "jose";
import { FakeRouter, json } from "./fake-router";

export interface SnowflakeUser {
  /** SPKI PEM of the RSA public key set with ALTER USER … SET RSA_PUBLIC_KEY. */
  publicKey?: string;
  /** Programmatic access tokens of the user. */
  tokens?: string[];
  defaultRole: string;
  defaultWarehouse?: string;
  /** Databases the user's role may use. */
  databases: string[];
  warehouses: string[];
}

export interface SnowflakeFakeOptions {
  /** Account identifier as in the JWT (`XY12345`, `MYORG-MYACCOUNT`). */
  account: string;
  /** Users by upper-cased name. */
  users: Record<string, SnowflakeUser>;
  now: () => Date;
}

function error(status: number, code: string, message: string, extra: Record<string, unknown> = {}, headers = {}) {
  return json({ code, message, ...extra }, status, headers);
}

/** `SHA256:` + base64 of the SHA-256 of the DER-encoded public key. */
export async function fingerprint(spkiPem: string): Promise<string> {
  const base64 = spkiPem.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, "");
  const der = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", der));
  return `SHA256:${btoa(String.fromCharCode(...digest))}`;
}

function unquote(name: string): string {
  return name.startsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name.toUpperCase();
}

export function createSnowflakeFake(options: SnowflakeFakeOptions) {
  const state = { rateLimitRetryAfter: undefined as number | undefined };
  const router = new FakeRouter(["*.snowflakecomputing.com"], () => error(404, "390404", "Not found"));
  let user: SnowflakeUser | undefined;

  router.use(async ({ request }) => {
    if (!request.headers.get("User-Agent")) return error(400, "391903", "User-Agent header is required.");
    const type = request.headers.get("X-Snowflake-Authorization-Token-Type");
    const token = (request.headers.get("Authorization") ?? "").replace(/^Bearer /, "");
    user = undefined;
    if (type === "KEYPAIR_JWT") {
      try {
        const claims = decodeJwt(token);
        const [account, name = ""] = String(claims.sub ?? "").split(".");
        const candidate = account === options.account ? options.users[name] : undefined;
        if (!candidate?.publicKey) throw new Error("unknown user");
        if (claims.iss !== `${claims.sub}.${await fingerprint(candidate.publicKey)}`)
          throw new Error("wrong fingerprint");
        const { payload } = await jwtVerify(token, await importSPKI(candidate.publicKey, "RS256"), {
          currentDate: options.now(),
        });
        if ((payload.exp ?? 0) - (payload.iat ?? 0) > 3600) throw new Error("lifetime over an hour");
        user = candidate;
      } catch {
        return error(401, "390144", "JWT token is invalid.");
      }
    } else if (type === "PROGRAMMATIC_ACCESS_TOKEN") {
      user = Object.values(options.users).find((u) => u.tokens?.includes(token));
      if (!user) return error(401, "394400", "Programmatic access token is invalid.");
    } else {
      return error(401, "390101", "Authorization header not formatted correctly.");
    }
    if (state.rateLimitRetryAfter !== undefined) {
      return error(429, "390505", "Too many requests.", {}, { "Retry-After": String(state.rateLimitRetryAfter) });
    }
    return undefined;
  });

  router.on("POST", "/api/v2/statements", ({ body, url }) => {
    if (!url.hostname.toUpperCase().startsWith(`${options.account}.`)) return error(404, "390404", "Account not found");
    const request = JSON.parse(body) as { statement?: string; database?: string; warehouse?: string; role?: string };
    const current = user as SnowflakeUser;
    const database = request.database ? unquote(request.database) : undefined;
    const warehouse = request.warehouse ? unquote(request.warehouse) : current.defaultWarehouse;
    if (warehouse && !current.warehouses.includes(warehouse)) {
      return error(
        422,
        "000606",
        "No active warehouse selected in the current session.  Select an active warehouse with the 'use warehouse' command.",
        {
          sqlState: "57P03",
        },
      );
    }
    if (
      !/^SELECT CURRENT_VERSION\(\), CURRENT_ROLE\(\), CURRENT_WAREHOUSE\(\), CURRENT_DATABASE\(\)$/.test(
        request.statement ?? "",
      )
    ) {
      return error(422, "001003", "SQL compilation error: statement not supported by this fake", { sqlState: "42000" });
    }
    return json({
      resultSetMetaData: { numRows: 1, format: "jsonv2", rowType: [] },
      data: [
        [
          "9.1.0",
          request.role ? unquote(request.role) : current.defaultRole,
          warehouse ?? null,
          database && current.databases.includes(database) ? database : null,
        ],
      ],
      code: "090001",
      sqlState: "00000",
      statementHandle: crypto.randomUUID(),
      message: "Statement executed successfully.",
      createdOn: options.now().getTime(),
    });
  });

  return { fetch: router.fetch, requests: router.requests, state };
}

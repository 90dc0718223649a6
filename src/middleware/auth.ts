import type { MiddlewareHandler } from "hono";
import { ensureBootstrapAccount, verifyKey } from "../db/accounts";
import { catalog } from "../db/client";
import { verifySystemKey } from "../db/system-keys";
import type { AppEnv, AuthContext } from "../env";
import { ApiError } from "../errors";
import { constantTimeEqual } from "../lib/crypto";
import { assertNotBlocked, recordFailure, throttleKeys } from "./throttle";

/** Splits `Authorization: Basic base64(key:secret)`; undefined when it is not that. */
export function parseBasic(header: string | undefined): { key: string; secret: string } | undefined {
  const match = header?.match(/^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i);
  if (!match?.[1]) return undefined;
  let decoded: string;
  try {
    decoded = atob(match[1]);
  } catch {
    return undefined;
  }
  const colon = decoded.indexOf(":");
  if (colon <= 0) return undefined;
  return { key: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

async function resolve(env: AppEnv["Bindings"], key: string, secret: string): Promise<AuthContext | undefined> {
  const db = catalog(env.DB);
  if (env.FIVETRAN_API_KEY && env.FIVETRAN_API_SECRET && key === env.FIVETRAN_API_KEY) {
    if (!(await constantTimeEqual(secret, env.FIVETRAN_API_SECRET))) return undefined;
    const owner = await ensureBootstrapAccount(db);
    return { ...owner, apiKey: key };
  }
  const user = await verifyKey(db, key, secret);
  if (user) return user;
  const system = await verifySystemKey(db, key, secret);
  return (
    system && {
      accountId: system.accountId,
      userId: system.id,
      apiKey: key,
      systemKey: { id: system.id, permissions: system.permissions },
    }
  );
}

/**
 * HTTP Basic `api_key:api_secret`, as Fivetran: a user's key or a system key (an expired or
 * deleted system key is 401 like a wrong secret). Sets `auth` (account, user, key) for the
 * handlers, which scope every query to that account. Wrong credentials are throttled per key
 * and per client address (./throttle.ts): a blocked key or address answers 429 before its
 * secret is even checked. A request without credentials is not a guess and is not counted.
 */
export const basicAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  const credentials = parseBasic(c.req.header("authorization"));
  if (!credentials) {
    throw ApiError.unauthorized("Authentication required: send HTTP Basic credentials api_key:api_secret");
  }
  const throttled = await throttleKeys(c, credentials.key);
  await assertNotBlocked(throttled);
  const auth = await resolve(c.env, credentials.key, credentials.secret);
  if (!auth) {
    await recordFailure(c, throttled);
    throw ApiError.unauthorized("Invalid API key or secret");
  }
  c.set("auth", auth);
  return next();
};

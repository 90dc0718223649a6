import { createRoute, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import * as accounts from "../../db/accounts";
import { catalog } from "../../db/client";
import type { AppEnv } from "../../env";
import { ApiError } from "../../errors";
import { constantTimeEqual } from "../../lib/crypto";
import { envelope, errorSchema, jsonResponse, ok } from "../../lib/envelope";
import { createRouter } from "../../lib/router";
import { assertNotBlocked, recordFailure, throttleKeys } from "../../middleware/throttle";

/**
 * The operator API: create accounts, issue, rotate and revoke their keys. Opened only by
 * `Authorization: Bearer <FIVETRAN_OPERATOR_SECRET>`; with that secret unset it answers 403.
 * Secrets appear in a response exactly once, when issued.
 */
export const operatorAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  const expected = c.env.FIVETRAN_OPERATOR_SECRET;
  if (!expected) {
    throw new ApiError(403, "Forbidden", "The operator API is disabled: set the FIVETRAN_OPERATOR_SECRET secret");
  }
  const token = c.req
    .header("authorization")
    ?.match(/^Bearer\s+(.+)$/i)?.[1]
    ?.trim();
  // The operator secret is one value: failures are throttled per client address only.
  const throttled = token ? await throttleKeys(c) : [];
  await assertNotBlocked(throttled);
  if (!token || !(await constantTimeEqual(token, expected))) {
    await recordFailure(c, throttled);
    throw new ApiError(401, "Unauthorized", "Operator API: send Authorization: Bearer <FIVETRAN_OPERATOR_SECRET>", {
      "WWW-Authenticate": 'Bearer realm="fivetran.do operator"',
    });
  }
  return next();
};

const tags = ["Operator"];
const security = [{ operatorBearer: [] }];
const errors = {
  400: jsonResponse("Invalid input", errorSchema),
  401: jsonResponse("Missing or wrong operator secret", errorSchema),
  403: jsonResponse("Operator API disabled", errorSchema),
} as const;

const issuedKeySchema = z
  .object({
    account_id: z.string(),
    user_id: z.string(),
    api_key: z.string(),
    api_secret: z.string().openapi({ description: "Shown once; only its hash is stored" }),
  })
  .openapi("IssuedKey");

const keyInfoSchema = z
  .object({
    api_key: z.string(),
    user_id: z.string(),
    created_at: z.string(),
    rotated_at: z.string().nullable(),
    revoked_at: z.string().nullable(),
  })
  .openapi("KeyInfo");

const accountIdParam = z.object({ accountId: z.string().openapi({ param: { name: "accountId", in: "path" } }) });
const apiKeyParam = z.object({ apiKey: z.string().openapi({ param: { name: "apiKey", in: "path" } }) });

const createAccount = createRoute({
  method: "post",
  path: "/operator/accounts",
  tags,
  security,
  operationId: "operator_create_account",
  summary: "Create an account with its administrator and first API key",
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({
            name: z.string().trim().min(1).max(255),
            email: z.email().optional(),
            given_name: z.string().max(255).optional(),
            family_name: z.string().max(255).optional(),
          }),
        },
      },
    },
  },
  responses: { 201: jsonResponse("Account has been created", envelope(issuedKeySchema)), ...errors },
});

const listKeys = createRoute({
  method: "get",
  path: "/operator/accounts/{accountId}/keys",
  tags,
  security,
  operationId: "operator_list_keys",
  summary: "List an account's API keys (never their secrets)",
  request: { params: accountIdParam },
  responses: {
    200: jsonResponse("Keys retrieved successfully", envelope(z.object({ items: z.array(keyInfoSchema) }))),
    404: jsonResponse("No such account", errorSchema),
    ...errors,
  },
});

const createKey = createRoute({
  method: "post",
  path: "/operator/accounts/{accountId}/keys",
  tags,
  security,
  operationId: "operator_create_key",
  summary: "Issue another API key for an account's administrator",
  request: { params: accountIdParam },
  responses: {
    201: jsonResponse("Key has been created", envelope(issuedKeySchema)),
    404: jsonResponse("No such account", errorSchema),
    ...errors,
  },
});

const rotateKey = createRoute({
  method: "post",
  path: "/operator/keys/{apiKey}/rotate",
  tags,
  security,
  operationId: "operator_rotate_key",
  summary: "Replace a key's secret; the old secret stops working at once",
  request: { params: apiKeyParam },
  responses: {
    200: jsonResponse("Key has been rotated", envelope(issuedKeySchema)),
    404: jsonResponse("No such live key", errorSchema),
    ...errors,
  },
});

const revokeKey = createRoute({
  method: "delete",
  path: "/operator/keys/{apiKey}",
  tags,
  security,
  operationId: "operator_revoke_key",
  summary: "Revoke a key for good",
  request: { params: apiKeyParam },
  responses: {
    200: jsonResponse("Key has been revoked", z.object({ code: z.string(), message: z.string() })),
    404: jsonResponse("No such live key", errorSchema),
    ...errors,
  },
});

function issued(key: accounts.IssuedKey) {
  return { account_id: key.accountId, user_id: key.userId, api_key: key.apiKey, api_secret: key.apiSecret };
}

async function requireAccount(db: ReturnType<typeof catalog>, accountId: string) {
  const account = await accounts.getAccount(db, accountId);
  if (!account) throw ApiError.notFound("Account", accountId);
  return account;
}

export const operatorRouter = createRouter()
  .openapi(createAccount, async (c) => {
    const body = c.req.valid("json");
    const key = await accounts.createAccount(catalog(c.env.DB), {
      name: body.name,
      email: body.email ?? "owner@localhost",
      givenName: body.given_name,
      familyName: body.family_name,
    });
    return c.json(ok("Account has been created", issued(key)), 201);
  })
  .openapi(listKeys, async (c) => {
    const { accountId } = c.req.valid("param");
    const db = catalog(c.env.DB);
    await requireAccount(db, accountId);
    const rows = await accounts.listKeys(db, accountId);
    const items = rows.map((row) => ({
      api_key: row.apiKey,
      user_id: row.userId,
      created_at: row.createdAt,
      rotated_at: row.rotatedAt,
      revoked_at: row.revokedAt,
    }));
    return c.json(ok("Keys retrieved successfully", { items }), 200);
  })
  .openapi(createKey, async (c) => {
    const { accountId } = c.req.valid("param");
    const db = catalog(c.env.DB);
    await requireAccount(db, accountId);
    const owner = await accounts.accountOwner(db, accountId);
    if (!owner) throw ApiError.notFound("Account", accountId);
    return c.json(ok("Key has been created", issued(await accounts.issueKey(db, accountId, owner.id))), 201);
  })
  .openapi(rotateKey, async (c) => {
    const { apiKey } = c.req.valid("param");
    const key = await accounts.rotateKey(catalog(c.env.DB), apiKey);
    if (!key) throw ApiError.notFound("ApiKey", apiKey);
    return c.json(ok("Key has been rotated", issued(key)), 200);
  })
  .openapi(revokeKey, async (c) => {
    const { apiKey } = c.req.valid("param");
    if (!(await accounts.revokeKey(catalog(c.env.DB), apiKey))) throw ApiError.notFound("ApiKey", apiKey);
    return c.json({ code: "Success", message: `Key '${apiKey}' has been revoked` }, 200);
  });

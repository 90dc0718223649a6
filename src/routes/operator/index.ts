import { createRoute, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import * as accounts from "../../db/accounts";
import * as bindings from "../../db/bindings";
import { catalog } from "../../db/client";
import {
  defaultNamespace,
  NAMESPACE_MAX_LENGTH,
  NAMESPACE_PATTERN,
  sharedBindingKind,
} from "../../engine/toolkit/bindings";
import type { AppEnv, Env } from "../../env";
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

const mcpScopeSchema = z.enum(["read", "write"]).openapi({
  description:
    "What the key may do through the MCP server at /mcp: `read` (default) lists and reads; `write` also creates, changes, syncs, pauses and deletes. The REST API is not narrowed by it.",
});

const keyInfoSchema = z
  .object({
    api_key: z.string(),
    user_id: z.string(),
    mcp_scope: mcpScopeSchema,
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
  summary: "Issue another API key for an account's administrator, or for one of its users",
  description:
    "Without a body the key is the account owner's. With `user_id` it is that user's, limited to what the user's roles allow (Fivetran's scoped API key); the user's invitation counts as accepted once the key authenticates.",
  request: {
    params: accountIdParam,
    body: {
      required: false,
      content: {
        "application/json": {
          schema: z.object({
            user_id: z.string().nullish().openapi({ example: "recoup_befell" }),
            mcp_scope: mcpScopeSchema.optional(),
          }),
        },
      },
    },
  },
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

const updateKey = createRoute({
  method: "patch",
  path: "/operator/keys/{apiKey}",
  tags,
  security,
  operationId: "operator_update_key",
  summary: "Change a key's MCP scope (`read` or `write`)",
  request: {
    params: apiKeyParam,
    body: { required: true, content: { "application/json": { schema: z.object({ mcp_scope: mcpScopeSchema }) } } },
  },
  responses: {
    200: jsonResponse("Key has been updated", envelope(keyInfoSchema)),
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

const bindingParam = z.object({
  accountId: z.string().openapi({ param: { name: "accountId", in: "path" } }),
  binding: z.string().openapi({ param: { name: "binding", in: "path" }, example: "WAREHOUSE" }),
});

const bindingGrantSchema = z
  .object({
    binding: z.string().openapi({ example: "WAREHOUSE" }),
    account_id: z.string(),
    namespace: z.string().openapi({
      description: "Prefix of the account's tables (`<namespace>__<schema>__<table>`) and objects (`<namespace>/…`)",
      example: "acme",
    }),
    implicit: z.boolean().openapi({
      description: "True for the bootstrap account's own access to a binding it holds no grant of",
    }),
    created_at: z.string().nullable(),
  })
  .openapi("BindingGrant");

const namespaceSchema = z
  .string()
  .max(NAMESPACE_MAX_LENGTH)
  .refine((value) => value === "" || NAMESPACE_PATTERN.test(value), {
    message: "lowercase letters and digits, words joined by single _ (no _ at either end), or empty",
  })
  .openapi({
    description:
      "Defaults to the account id made an identifier. Empty: the account's tables and objects are not prefixed (one account per binding at most, the bootstrap account's by default)",
    example: "acme",
  });

const grantBinding = createRoute({
  method: "put",
  path: "/operator/accounts/{accountId}/bindings/{binding}",
  tags,
  security,
  operationId: "operator_grant_binding",
  summary: "Let an account use a shared Worker binding (a D1 database, an R2 bucket) under its own namespace",
  request: {
    params: bindingParam,
    body: {
      required: false,
      content: { "application/json": { schema: z.object({ namespace: namespaceSchema.optional() }) } },
    },
  },
  responses: {
    200: jsonResponse("Grant has been updated", envelope(bindingGrantSchema)),
    201: jsonResponse("Binding has been granted", envelope(bindingGrantSchema)),
    404: jsonResponse("No such account", errorSchema),
    409: jsonResponse("Another account holds this namespace in the binding", errorSchema),
    ...errors,
  },
});

const listBindings = createRoute({
  method: "get",
  path: "/operator/accounts/{accountId}/bindings",
  tags,
  security,
  operationId: "operator_list_bindings",
  summary: "List the shared bindings an account may use, with its namespace in each",
  request: { params: accountIdParam },
  responses: {
    200: jsonResponse("Grants retrieved successfully", envelope(z.object({ items: z.array(bindingGrantSchema) }))),
    404: jsonResponse("No such account", errorSchema),
    ...errors,
  },
});

const revokeBinding = createRoute({
  method: "delete",
  path: "/operator/accounts/{accountId}/bindings/{binding}",
  tags,
  security,
  operationId: "operator_revoke_binding",
  summary: "Revoke an account's grant of a binding; its syncs through it fail from then on (its data stays)",
  request: { params: bindingParam },
  responses: {
    200: jsonResponse("Grant has been revoked", z.object({ code: z.string(), message: z.string() })),
    404: jsonResponse("No such account or grant", errorSchema),
    ...errors,
  },
});

/** 400 unless `name` is a shared binding of this Worker (a D1 or R2 binding, not the engine's). */
function requireSharedBinding(env: Env, name: string): void {
  if (sharedBindingKind(env, name) === undefined) {
    const known = Object.keys(env).filter((key) => sharedBindingKind(env, key) !== undefined);
    throw ApiError.invalid(
      `'${name}' is not a shared binding of this Worker; grantable: ${known.length ? known.join(", ") : "none"}`,
    );
  }
}

function grantOut(row: bindings.BindingGrantRow): z.infer<typeof bindingGrantSchema> {
  return {
    binding: row.binding,
    account_id: row.accountId,
    namespace: row.namespace,
    implicit: false,
    created_at: row.createdAt,
  };
}

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
      mcp_scope: row.mcpScope === "write" ? ("write" as const) : ("read" as const),
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
    const body = c.req.valid("json");
    const userId = body?.user_id;
    const owner = userId ? await accounts.getUser(db, accountId, userId) : await accounts.accountOwner(db, accountId);
    if (!owner) throw userId ? ApiError.notFound("User", userId) : ApiError.notFound("Account", accountId);
    const scope = body?.mcp_scope ?? "read";
    return c.json(ok("Key has been created", issued(await accounts.issueKey(db, accountId, owner.id, scope))), 201);
  })
  .openapi(updateKey, async (c) => {
    const { apiKey } = c.req.valid("param");
    const row = await accounts.setMcpScope(catalog(c.env.DB), apiKey, c.req.valid("json").mcp_scope);
    if (!row) throw ApiError.notFound("ApiKey", apiKey);
    return c.json(
      ok("Key has been updated", {
        api_key: row.apiKey,
        user_id: row.userId,
        mcp_scope: row.mcpScope === "write" ? ("write" as const) : ("read" as const),
        created_at: row.createdAt,
        rotated_at: row.rotatedAt,
        revoked_at: row.revokedAt,
      }),
      200,
    );
  })
  .openapi(rotateKey, async (c) => {
    const { apiKey } = c.req.valid("param");
    const key = await accounts.rotateKey(catalog(c.env.DB), apiKey);
    if (!key) throw ApiError.notFound("ApiKey", apiKey);
    return c.json(ok("Key has been rotated", issued(key)), 200);
  })
  .openapi(grantBinding, async (c) => {
    const { accountId, binding } = c.req.valid("param");
    const db = catalog(c.env.DB);
    const account = await requireAccount(db, accountId);
    requireSharedBinding(c.env, binding);
    const explicit = c.req.valid("json")?.namespace;
    const namespace = explicit ?? defaultNamespace(accountId);
    if (explicit === undefined && !namespace) {
      throw ApiError.invalid(`Account id '${accountId}' makes no namespace; send one: {"namespace": "…"}`);
    }
    if (!namespace && !account.bootstrap) {
      // The bootstrap account holds the empty namespace of every binding it has no grant of.
      const boot = await bindings.bootstrapAccountId(db);
      const bootGrant = boot ? (await bindings.listGrants(db, boot)).find((g) => g.binding === binding) : undefined;
      if (boot && (!bootGrant || bootGrant.namespace === "")) {
        throw ApiError.conflict(
          `The empty namespace of binding '${binding}' belongs to the bootstrap account; grant it a namespace first`,
        );
      }
    }
    const result = await bindings.putGrant(db, { binding, accountId, namespace });
    if (result === "taken") {
      const holder = await bindings.grantByNamespace(db, binding, namespace);
      throw ApiError.conflict(
        `Namespace '${namespace}' of binding '${binding}' is already granted to account '${holder?.accountId ?? "another account"}'`,
      );
    }
    return result.created
      ? c.json(ok("Binding has been granted", grantOut(result.row)), 201)
      : c.json(ok("Grant has been updated", grantOut(result.row)), 200);
  })
  .openapi(listBindings, async (c) => {
    const { accountId } = c.req.valid("param");
    const db = catalog(c.env.DB);
    const account = await requireAccount(db, accountId);
    const items = (await bindings.listGrants(db, accountId)).map(grantOut);
    if (account.bootstrap) {
      const shared = Object.keys(c.env).filter((key) => sharedBindingKind(c.env, key) !== undefined);
      const held = await bindings.resolveGrants(db, accountId, shared);
      for (const name of shared) {
        if (held.get(name) === "" && !items.some((item) => item.binding === name)) {
          items.push({ binding: name, account_id: accountId, namespace: "", implicit: true, created_at: null });
        }
      }
      items.sort((a, b) => (a.binding < b.binding ? -1 : a.binding > b.binding ? 1 : 0));
    }
    return c.json(ok("Grants retrieved successfully", { items }), 200);
  })
  .openapi(revokeBinding, async (c) => {
    const { accountId, binding } = c.req.valid("param");
    const db = catalog(c.env.DB);
    await requireAccount(db, accountId);
    if (!(await bindings.deleteGrant(db, accountId, binding))) throw ApiError.notFound("BindingGrant", binding);
    return c.json(
      { code: "Success", message: `Binding '${binding}' has been revoked for account '${accountId}'` },
      200,
    );
  })
  .openapi(revokeKey, async (c) => {
    const { apiKey } = c.req.valid("param");
    if (!(await accounts.revokeKey(catalog(c.env.DB), apiKey))) throw ApiError.notFound("ApiKey", apiKey);
    return c.json({ code: "Success", message: `Key '${apiKey}' has been revoked` }, 200);
  });

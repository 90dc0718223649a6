import { createRoute, z } from "@hono/zod-openapi";
import { getAccount } from "../../db/accounts";
import { catalog } from "../../db/client";
import { ApiError } from "../../errors";
import { commonErrors, envelope, jsonResponse, ok } from "../../lib/envelope";
import { createRouter } from "../../lib/router";

const accountInfoSchema = z
  .object({
    account_id: z.string(),
    account_name: z.string(),
    user_id: z.string().optional().openapi({ description: "The key's user; absent for a system key" }),
    system_key_id: z.string().optional().openapi({ description: "Set when the key is a system key" }),
  })
  .openapi("AccountInfo");

const accountInfo = createRoute({
  method: "get",
  path: "/v1/account/info",
  tags: ["Account"],
  operationId: "get_account_info",
  summary: "Information about the account and user of the API key",
  responses: {
    200: jsonResponse("Account information retrieved successfully", envelope(accountInfoSchema)),
    ...commonErrors,
  },
});

/** GET /v1/account/info: which account and user (or system key) the key belongs to. */
export const accountRouter = createRouter().openapi(accountInfo, async (c) => {
  const { accountId, userId, systemKey } = c.var.auth;
  const account = await getAccount(catalog(c.env.DB), accountId);
  if (!account) throw ApiError.notFound("Account", accountId);
  return c.json(
    ok("Account information retrieved successfully", {
      account_id: account.id,
      account_name: account.name,
      ...(systemKey ? { system_key_id: systemKey.id } : { user_id: userId }),
    }),
    200,
  );
});

import { createRoute, z } from "@hono/zod-openapi";
import { catalog } from "../../db/client";
import { getGroupKey, putGroupKey } from "../../db/group-keys";
import { getGroup } from "../../db/groups";
import { ApiError } from "../../errors";
import { commonErrors, envelope, jsonResponse, notFoundError, ok } from "../../lib/envelope";
import { createRouter } from "../../lib/router";
import { encryptJson } from "../../lib/secrets";
import { generateSshKeyPair } from "../../lib/ssh-keys";

const groupIdParam = z.object({
  groupId: z.string().openapi({ param: { name: "groupId", in: "path" }, example: "projected_sickle" }),
});

const publicKeyRoute = createRoute({
  method: "get",
  path: "/v1/groups/{groupId}/public-key",
  tags: ["Groups"],
  operationId: "group_ssh_public_key",
  summary: "Retrieve the group's SSH public key",
  description:
    "The group's own Ed25519 key pair, made on first read: add the public key to the SSH server's `authorized_keys` to let this group's connections in. The private key is stored encrypted (FIVETRAN_ENCRYPTION_KEY) and never leaves the server.",
  request: { params: groupIdParam },
  responses: {
    200: jsonResponse(
      "Group SSH public key retrieved successfully",
      envelope(
        z.object({ public_key: z.string().openapi({ example: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA… fivetran.do" }) }),
      ),
    ),
    ...commonErrors,
    ...notFoundError,
  },
});

const serviceAccountRoute = createRoute({
  method: "get",
  path: "/v1/groups/{groupId}/service-account",
  tags: ["Groups"],
  operationId: "group_service_account",
  summary: "Retrieve the group's service account",
  description:
    "The group's identity as a principal name. Fivetran's is a Google Cloud service account to grant access to (BigQuery, GCS); on Cloudflare there is no such account, so this is a stable name for the group that no cloud recognises.",
  request: { params: groupIdParam },
  responses: {
    200: jsonResponse(
      "Group service account retrieved successfully",
      envelope(
        z.object({ service_account: z.string().openapi({ example: "g-projected_sickle@acct.service.fivetran.do" }) }),
      ),
    ),
    ...commonErrors,
    ...notFoundError,
  },
});

/** GET /v1/groups/{id}/public-key and /service-account: a group's identity. */
export const groupKeysRouter = createRouter()
  .openapi(publicKeyRoute, async (c) => {
    const { groupId } = c.req.valid("param");
    const db = catalog(c.env.DB);
    const { accountId } = c.var.auth;
    if (!(await getGroup(db, accountId, groupId))) throw ApiError.notFound("Group", groupId);
    let row = await getGroupKey(db, groupId);
    if (!row) {
      const pair = await generateSshKeyPair(`fivetran.do group ${groupId}`);
      const privateKey = await encryptJson(c.env.FIVETRAN_ENCRYPTION_KEY, { pkcs8: pair.privateKeyPkcs8 });
      row = await putGroupKey(db, { groupId, accountId, publicKey: pair.publicKey, privateKey: privateKey ?? "" });
    }
    return c.json(ok("Group SSH public key retrieved successfully", { public_key: row.publicKey }), 200);
  })
  .openapi(serviceAccountRoute, async (c) => {
    const { groupId } = c.req.valid("param");
    const { accountId } = c.var.auth;
    if (!(await getGroup(catalog(c.env.DB), accountId, groupId))) throw ApiError.notFound("Group", groupId);
    return c.json(
      ok("Group service account retrieved successfully", {
        service_account: `g-${groupId}@${accountId.replace(/_/g, "-")}.service.fivetran.do`,
      }),
      200,
    );
  });

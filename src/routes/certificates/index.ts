import { createRoute, z } from "@hono/zod-openapi";
import { catalog } from "../../db/client";
import { getConnection } from "../../db/connections";
import { getDestination } from "../../db/destinations";
import { ApiError } from "../../errors";
import { commonErrors, envelope, errorSchema, jsonResponse, notFoundError, ok } from "../../lib/envelope";
import { decodeCursor, pageQuery, pageSchema } from "../../lib/pagination";
import { createRouter } from "../../lib/router";

/**
 * Certificates and fingerprints of connections and destinations (§6.3): what Fivetran keeps to
 * let a source or destination with a self-signed TLS certificate, or an SSH host key, be
 * trusted. Neither can be used on Workers: the runtime verifies TLS itself and `connect()`'s
 * socket does not expose the peer's certificate, so there is nothing to compare an approved
 * certificate with; and no source opens SSH tunnels. So none is ever approved: lists are empty,
 * details and revocations 404, and an approval is refused with the reason rather than stored and
 * ignored.
 */
const timestamp = z.string().openapi({ example: "2024-12-01T15:43:29.013729Z" });

const certificateSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    hash: z.string(),
    type: z.string(),
    sha1: z.string(),
    sha256: z.string(),
    public_key: z.string(),
    validated_date: timestamp,
    validated_by: z.string(),
  })
  .openapi("Certificate");

const fingerprintSchema = z
  .object({
    id: z.string(),
    hash: z.string(),
    public_key: z.string(),
    validated_date: timestamp,
    validated_by: z.string(),
  })
  .openapi("Fingerprint");

const approveCertificateBody = z
  .object({ hash: z.string().min(1), encoded_cert: z.string().min(1) })
  .openapi("ApproveCertificateRequest");
const approveFingerprintBody = z
  .object({ hash: z.string().min(1), public_key: z.string().min(1) })
  .openapi("ApproveFingerprintRequest");

const WHY = {
  certificates:
    "Certificate approval is not available on fivetran.do: on Cloudflare Workers the runtime verifies TLS itself and does not expose the server's certificate, so an approved certificate could never be checked",
  fingerprints:
    "Fingerprint approval is not available on fivetran.do: no source or destination connects through an SSH tunnel here",
} as const;

export const certificatesRouter = createRouter();

for (const owner of ["connections", "connectors", "destinations"] as const) {
  for (const what of ["certificates", "fingerprints"] as const) {
    const ownerParam = owner === "destinations" ? "destinationId" : "connectionId";
    const Owner = owner === "destinations" ? "Destination" : "Connection";
    const Kind = what === "certificates" ? "Certificate" : "Fingerprint";
    const item = what === "certificates" ? certificateSchema : fingerprintSchema;
    const base = `/v1/${owner}/{${ownerParam}}/${what}`;
    const params = z.object({
      [ownerParam]: z.string().openapi({ param: { name: ownerParam, in: "path" }, example: "recoup_befell" }),
    });
    const hashParams = params.extend({
      hash: z.string().openapi({ param: { name: "hash", in: "path" }, example: "jhgfJfgrI6yy" }),
    });
    const tags = [owner === "destinations" ? "Destinations" : "Connections"];
    const opId = (verb: string) => `${verb}_${owner.slice(0, -1)}_${what.slice(0, -1)}`;
    const description = `${WHY[what]}. None is ever approved.`;

    const requireOwner = async (c: { env: { DB: D1Database }; var: { auth: { accountId: string } } }, id: string) => {
      const db = catalog(c.env.DB);
      const found =
        owner === "destinations"
          ? await getDestination(db, c.var.auth.accountId, id)
          : await getConnection(db, c.var.auth.accountId, id);
      if (!found) throw ApiError.notFound(Owner, id);
    };
    const notFound = (hash: string) =>
      new ApiError(404, `NotFound_${Kind}`, `${Kind} with hash '${hash}' does not exist.`);

    const list = createRoute({
      method: "get",
      path: base,
      tags,
      operationId: opId("list"),
      summary: `List the ${owner.slice(0, -1)}'s approved ${what}`,
      description,
      request: { params, query: pageQuery },
      responses: {
        200: jsonResponse(`${Owner} ${what} retrieved successfully`, envelope(pageSchema(item))),
        ...commonErrors,
        ...notFoundError,
      },
    });
    const approve = createRoute({
      method: "post",
      path: base,
      tags,
      operationId: opId("approve"),
      summary: `Approve a ${what.slice(0, -1)}`,
      description,
      request: {
        params,
        body: {
          required: true,
          content: {
            "application/json": { schema: what === "certificates" ? approveCertificateBody : approveFingerprintBody },
          },
        },
      },
      responses: { ...commonErrors, ...notFoundError, 400: jsonResponse("Not available here", errorSchema) },
    });
    const details = createRoute({
      method: "get",
      path: `${base}/{hash}`,
      tags,
      operationId: opId("get"),
      summary: `Retrieve an approved ${what.slice(0, -1)}`,
      description,
      request: { params: hashParams },
      responses: { ...commonErrors, 404: jsonResponse(`No such ${what.slice(0, -1)}`, errorSchema) },
    });
    const revoke = createRoute({
      method: "delete",
      path: `${base}/{hash}`,
      tags,
      operationId: opId("revoke"),
      summary: `Revoke an approved ${what.slice(0, -1)}`,
      description,
      request: { params: hashParams },
      responses: { ...commonErrors, 404: jsonResponse(`No such ${what.slice(0, -1)}`, errorSchema) },
    });
    const id = (c: { req: { valid: (target: "param") => unknown } }) =>
      (c.req.valid("param") as Record<string, string>)[ownerParam] as string;
    certificatesRouter
      .openapi(list, async (c) => {
        await requireOwner(c, id(c));
        decodeCursor(c.req.valid("query").cursor);
        return c.json(ok(`${Owner} ${what} retrieved successfully`, { items: [] }), 200);
      })
      .openapi(approve, async (c) => {
        await requireOwner(c, id(c));
        throw ApiError.invalid(WHY[what]);
      })
      .openapi(details, async (c) => {
        await requireOwner(c, id(c));
        throw notFound((c.req.valid("param") as { hash: string }).hash);
      })
      .openapi(revoke, async (c) => {
        await requireOwner(c, id(c));
        throw notFound((c.req.valid("param") as { hash: string }).hash);
      });
  }
}

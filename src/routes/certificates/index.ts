import { createRoute, z } from "@hono/zod-openapi";
import {
  type CertificateOwner,
  type CertificateRow,
  getCertificate,
  listCertificates,
  revokeCertificate,
} from "../../db/certificates";
import { catalog } from "../../db/client";
import { getConnection } from "../../db/connections";
import { getDestination } from "../../db/destinations";
import { parseCertificate } from "../../engine/toolkit/tls";
import { ApiError } from "../../errors";
import {
  commonErrors,
  done,
  envelope,
  errorSchema,
  jsonResponse,
  messageOnly,
  notFoundError,
  ok,
} from "../../lib/envelope";
import { decodeCursor, pageQuery, pageSchema, toPage } from "../../lib/pagination";
import { createRouter } from "../../lib/router";
import { approveParsed } from "./trust";

/**
 * Certificates and fingerprints of connections and destinations (§6.3): what Fivetran keeps to
 * let a source or destination with a self-signed TLS certificate, or an SSH host key, be
 * trusted. Certificates are real: an approved one is stored for its connection or destination
 * (db/certificates.ts) and the PostgreSQL source and destination trust a server whose chain
 * ends in it (engine/toolkit/tls.ts); revoking deletes it, so the next setup test or sync
 * refuses the server again. Fingerprints are not: no source opens SSH tunnels, so there is no
 * host key to pin; their lists are empty, details and revocations 404, and an approval is
 * refused with the reason rather than stored and ignored.
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

const FINGERPRINTS_WHY =
  "Fingerprint approval is not available on fivetran.do: no source or destination connects through an SSH tunnel here";

const DESCRIPTION = {
  certificates:
    "A TLS certificate the server presents that the Workers runtime does not trust (self-signed, or from a private CA), approved for this one connection or destination. `hash` is base64url (unpadded) of the SHA-256 of the certificate's DER; `encoded_cert` the DER in base64 (PEM is accepted too). A setup test that fails on an untrusted certificate names its hash and carries its `encoded_cert` in `details`.",
  fingerprints: `${FINGERPRINTS_WHY}. None is ever approved.`,
} as const;

/** A stored approval as the API shows it. */
function serializeCertificate(row: CertificateRow) {
  return {
    id: row.id,
    name: row.name,
    hash: row.hash,
    type: row.type,
    sha1: row.sha1,
    sha256: row.sha256,
    public_key: row.publicKey,
    validated_date: row.validatedDate,
    validated_by: row.validatedBy,
  };
}

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
    const description = DESCRIPTION[what];
    const ownerOf = (ownerId: string): CertificateOwner => ({
      kind: owner === "destinations" ? "destination" : "connection",
      id: ownerId,
    });

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
      // One type for both (the handlers differ below); a fingerprint's approval has no 200.
      responses: (what === "certificates"
        ? { 200: jsonResponse("Certificate approved", envelope(certificateSchema)), ...commonErrors, ...notFoundError }
        : {
            ...commonErrors,
            ...notFoundError,
            400: jsonResponse("Not available here", errorSchema),
          }) as {
        200: ReturnType<typeof jsonResponse<ReturnType<typeof envelope<typeof certificateSchema>>>>;
      } & typeof commonErrors &
        typeof notFoundError,
    });
    const details = createRoute({
      method: "get",
      path: `${base}/{hash}`,
      tags,
      operationId: opId("get"),
      summary: `Retrieve an approved ${what.slice(0, -1)}`,
      description,
      request: { params: hashParams },
      responses: {
        ...(what === "certificates" ? { 200: jsonResponse("Certificate details", envelope(certificateSchema)) } : {}),
        ...commonErrors,
        404: jsonResponse(`No such ${what.slice(0, -1)}`, errorSchema),
      },
    });
    const revoke = createRoute({
      method: "delete",
      path: `${base}/{hash}`,
      tags,
      operationId: opId("revoke"),
      summary: `Revoke an approved ${what.slice(0, -1)}`,
      description,
      request: { params: hashParams },
      responses: {
        ...(what === "certificates" ? { 200: jsonResponse("Certificate revoked", messageOnly) } : {}),
        ...commonErrors,
        404: jsonResponse(`No such ${what.slice(0, -1)}`, errorSchema),
      },
    });
    const id = (c: { req: { valid: (target: "param") => unknown } }) =>
      (c.req.valid("param") as Record<string, string>)[ownerParam] as string;
    const hashOf = (c: { req: { valid: (target: "param") => unknown } }) =>
      (c.req.valid("param") as { hash: string }).hash;
    if (what === "fingerprints") {
      certificatesRouter
        .openapi(list, async (c) => {
          await requireOwner(c, id(c));
          decodeCursor(c.req.valid("query").cursor);
          return c.json(ok(`${Owner} ${what} retrieved successfully`, { items: [] }), 200);
        })
        .openapi(approve, async (c) => {
          await requireOwner(c, id(c));
          throw ApiError.invalid(FINGERPRINTS_WHY);
        })
        .openapi(details, async (c) => {
          await requireOwner(c, id(c));
          throw notFound(hashOf(c));
        })
        .openapi(revoke, async (c) => {
          await requireOwner(c, id(c));
          throw notFound(hashOf(c));
        });
      continue;
    }
    certificatesRouter
      .openapi(list, async (c) => {
        await requireOwner(c, id(c));
        const query = c.req.valid("query");
        const after = decodeCursor(query.cursor);
        const rows = await listCertificates(
          catalog(c.env.DB),
          c.var.auth.accountId,
          ownerOf(id(c)),
          after,
          query.limit,
        );
        const page = toPage(
          rows.map((row) => ({ ...row, createdAt: row.validatedDate })),
          query.limit,
          serializeCertificate,
        );
        return c.json(ok(`${Owner} ${what} retrieved successfully`, page), 200);
      })
      .openapi(approve, async (c) => {
        await requireOwner(c, id(c));
        const body = c.req.valid("json") as z.infer<typeof approveCertificateBody>;
        const parsed = await parseCertificate(body.encoded_cert);
        if (!parsed) {
          throw ApiError.invalid(
            "Invalid value for field 'encoded_cert': not an X.509 certificate in base64 (DER) or PEM",
          );
        }
        if (parsed.hash !== body.hash) {
          throw ApiError.invalid(
            `Invalid value for field 'hash': '${body.hash}' is not the hash of encoded_cert (its hash is '${parsed.hash}')`,
          );
        }
        const row = await approveParsed(
          catalog(c.env.DB),
          c.var.auth.accountId,
          ownerOf(id(c)),
          parsed,
          c.var.auth.userId,
        );
        return c.json(ok("The certificate has been approved", serializeCertificate(row)), 200);
      })
      .openapi(details, async (c) => {
        await requireOwner(c, id(c));
        const row = await getCertificate(catalog(c.env.DB), c.var.auth.accountId, ownerOf(id(c)), hashOf(c));
        if (!row) throw notFound(hashOf(c));
        return c.json(ok("Certificate details retrieved successfully", serializeCertificate(row)), 200);
      })
      .openapi(revoke, async (c) => {
        await requireOwner(c, id(c));
        const revoked = await revokeCertificate(catalog(c.env.DB), c.var.auth.accountId, ownerOf(id(c)), hashOf(c));
        if (!revoked) throw notFound(hashOf(c));
        return c.json(done(`Certificate with hash '${hashOf(c)}' has been revoked`), 200);
      });
  }
}

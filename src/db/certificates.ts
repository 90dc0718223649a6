/**
 * Approved TLS certificates of connections and destinations (schema.ts `certificates`):
 * approve (idempotent per hash), list, look up, revoke, and forget an owner's on its deletion.
 */
import { and, asc, eq } from "drizzle-orm";
import { withUniqueId } from "../lib/ids";
import type { Keyset } from "../lib/pagination";
import { afterKeyset, type Catalog } from "./client";
import { certificates } from "./schema";

export type CertificateRow = typeof certificates.$inferSelect;
export type NewCertificate = Omit<typeof certificates.$inferInsert, "id">;

/** Whose certificate: a connection's or a destination's (its group id). */
export interface CertificateOwner {
  kind: "connection" | "destination";
  id: string;
}

const ofOwner = (accountId: string, owner: CertificateOwner) =>
  and(
    eq(certificates.accountId, accountId),
    eq(certificates.ownerKind, owner.kind),
    eq(certificates.ownerId, owner.id),
  );

/** Approves a certificate; approving one already approved keeps the first approval. */
export async function approveCertificate(db: Catalog, row: NewCertificate): Promise<CertificateRow> {
  const owner = { kind: row.ownerKind as CertificateOwner["kind"], id: row.ownerId };
  await withUniqueId((id) =>
    db
      .insert(certificates)
      .values({ ...row, id })
      .onConflictDoNothing({
        target: [certificates.accountId, certificates.ownerKind, certificates.ownerId, certificates.hash],
      }),
  );
  const found = await getCertificate(db, row.accountId, owner, row.hash);
  if (!found) throw new Error(`certificate ${row.hash} vanished after its approval`);
  return found;
}

/** A page of an owner's approved certificates, oldest approval first (`limit + 1` rows). */
export function listCertificates(
  db: Catalog,
  accountId: string,
  owner: CertificateOwner,
  after: Keyset | undefined,
  limit: number,
): Promise<CertificateRow[]> {
  return db
    .select()
    .from(certificates)
    .where(and(ofOwner(accountId, owner), afterKeyset(certificates.validatedDate, certificates.id, after)))
    .orderBy(asc(certificates.validatedDate), asc(certificates.id))
    .limit(limit + 1);
}

/** Every approved certificate of an owner (what a connection to its server may trust). */
export function approvedCertificates(db: Catalog, accountId: string, owner: CertificateOwner) {
  return db
    .select({ hash: certificates.hash, encodedCert: certificates.encodedCert })
    .from(certificates)
    .where(ofOwner(accountId, owner));
}

export async function getCertificate(
  db: Catalog,
  accountId: string,
  owner: CertificateOwner,
  hash: string,
): Promise<CertificateRow | undefined> {
  const [row] = await db
    .select()
    .from(certificates)
    .where(and(ofOwner(accountId, owner), eq(certificates.hash, hash)));
  return row;
}

/** Revokes one approval; false when there was none. */
export async function revokeCertificate(db: Catalog, accountId: string, owner: CertificateOwner, hash: string) {
  const rows = await db
    .delete(certificates)
    .where(and(ofOwner(accountId, owner), eq(certificates.hash, hash)))
    .returning({ id: certificates.id });
  return rows.length > 0;
}

/** Forgets every approval of a deleted connection or destination. */
export async function deleteCertificatesOf(db: Catalog, accountId: string, owner: CertificateOwner): Promise<void> {
  await db.delete(certificates).where(ofOwner(accountId, owner));
}

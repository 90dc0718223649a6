/**
 * `trust_certificates: true` of a setup test run (POST …/test, create, PATCH with
 * run_setup_tests): the certificate the tests met untrusted is approved and they run again.
 */
import { approveCertificate, type CertificateOwner, type CertificateRow } from "../../db/certificates";
import { type Catalog, catalog } from "../../db/client";
import type { SetupTestOwner } from "../../engine/toolkit/setup-tests";
import type { CertificateInfo } from "../../engine/toolkit/tls";
import type { Env } from "../../env";
import { isoTimestamp } from "../../lib/time";

/**
 * Runs `run` (setup tests of `owner`) with its approved certificates. With `trust` (a request's
 * `trust_certificates: true`), the certificate a server presented that nothing approved — the
 * last of its chain, the root-most, when it is self-issued — is approved as `trust.userId` and
 * the tests run again.
 */
export async function testsTrusting<T>(
  env: Env,
  accountId: string,
  owner: CertificateOwner,
  trust: { userId: string } | undefined,
  run: (options: SetupTestOwner) => Promise<T>,
): Promise<T> {
  const presented: CertificateInfo[] = [];
  const first = await run({ owner, presented });
  const anchor = presented.at(-1);
  // Only a self-issued certificate can be a trust root; the CA above any other is not at hand.
  if (!trust || !anchor || anchor.issuer !== anchor.name) return first;
  await approveParsed(catalog(env.DB), accountId, owner, anchor, trust.userId);
  return run({ owner });
}

/** Approves a parsed certificate (toolkit/tls.ts) for `owner`, as `userId`, now. */
export function approveParsed(
  db: Catalog,
  accountId: string,
  owner: CertificateOwner,
  cert: CertificateInfo,
  userId: string,
): Promise<CertificateRow> {
  return approveCertificate(db, {
    accountId,
    ownerKind: owner.kind,
    ownerId: owner.id,
    hash: cert.hash,
    encodedCert: cert.encoded_cert,
    name: cert.name,
    type: cert.type,
    sha1: cert.sha1,
    sha256: cert.sha256,
    publicKey: cert.public_key,
    validatedBy: userId,
    validatedDate: isoTimestamp(),
  });
}

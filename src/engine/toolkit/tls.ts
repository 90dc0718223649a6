/**
 * TLS to a server whose certificate the Workers runtime does not trust (self-signed, or issued
 * by a private CA), trusted because a person approved it (README "Certificates"). workerd's own
 * TLS (`startTls()`, node:tls) verifies against the public roots only, cannot be told to trust
 * another certificate and does not show the peer's certificate, so these connections run TLS
 * 1.3 in JavaScript on SubtleCrypto ([subtls](https://github.com/jawj/subtls)) over a plain
 * `connect()` socket, with the approved certificates as its only trust roots: the handshake
 * completes only when the chain the server presents ends in one of them, and the server proves
 * it holds the key of its certificate (CertificateVerify) as in any TLS handshake.
 *
 * What subtls supports bounds what can be approved: TLS 1.3 (PostgreSQL 12+ with OpenSSL 1.1.1+
 * negotiates it by default), key exchange P-256, AES-128-GCM, RSA-PSS or ECDSA P-256 server
 * signatures, and an approved certificate must be a CA certificate (a self-signed server
 * certificate made by `openssl req -x509` is one; so is a private CA's root).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { EventEmitter } from "node:events";
import { Cert, LazyReadFunctionReadQueue, startTls, TrustedCert } from "subtls";
import { ConfigurationError } from "../errors";

/** A certificate as the certificates API shows it (Fivetran's fields) plus its DER in base64. */
export interface CertificateInfo {
  /** The certificate's id in the API: base64url (unpadded) of the SHA-256 of its DER. */
  hash: string;
  /** Its subject, e.g. `CN=db.example.com, O=Example`. */
  name: string;
  type: "X.509";
  /** Fingerprints as `openssl x509 -fingerprint` prints them (upper-case hex, colons). */
  sha1: string;
  sha256: string;
  /** Its SubjectPublicKeyInfo (DER) in base64. */
  public_key: string;
  /** The certificate (DER) in base64: what `encoded_cert` of an approval carries. */
  encoded_cert: string;
  /** Its issuer (not an API field): equal to `name` for a self-issued certificate. */
  issuer: string;
}

/** What one connection or destination trusts, and what its servers presented that it does not. */
export interface TlsTrust {
  /** The owner's approved certificates (`encodedCert`: DER in base64). */
  approved: readonly { hash: string; encodedCert: string }[];
  /** Filled while connecting: chains a server presented that end in no approved certificate. */
  presented: CertificateInfo[];
}

/**
 * A server's certificate is not trusted by the runtime and no approved certificate vouches for
 * it. `chain` is what the server presented, its own certificate first; `anchor` the one to
 * approve: the last of the chain (a self-signed server certificate, or the CA root the server
 * sends along).
 */
export class CertificateNotApproved extends ConfigurationError {
  readonly anchor: CertificateInfo | undefined;
  constructor(
    readonly chain: CertificateInfo[],
    readonly reason: string,
  ) {
    const anchor = chain.at(-1);
    const leaf = chain[0];
    const what = leaf ? `The server's TLS certificate '${leaf.name}' is not trusted (${reason})` : "";
    super(
      !anchor || !leaf
        ? `The server's TLS certificate could not be validated: ${reason}`
        : anchor.issuer === anchor.name
          ? `${what}: approve '${anchor.name}' (hash '${anchor.hash}', SHA-256 ${anchor.sha256}) with POST …/certificates and its hash and encoded_cert, or run the setup tests with trust_certificates: true`
          : `${what}: its chain ends in '${anchor.name}', issued by '${anchor.issuer}', which the server does not send: approve that CA's certificate with POST …/certificates and its hash and encoded_cert`,
      "certificate_not_approved",
    );
    this.anchor = anchor;
  }
}

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function digest(algorithm: "SHA-1" | "SHA-256", bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest(algorithm, bytes));
}

const fingerprint = (bytes: Uint8Array) =>
  [...bytes].map((b) => b.toString(16).padStart(2, "0").toUpperCase()).join(":");

async function describe(cert: Cert): Promise<CertificateInfo> {
  const der = cert.rawData;
  const sha256 = await digest("SHA-256", der);
  return {
    hash: base64(sha256).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""),
    name: Cert.stringFromDistinguishedName(cert.subject),
    type: "X.509",
    sha1: fingerprint(await digest("SHA-1", der)),
    sha256: fingerprint(sha256),
    public_key: base64(cert.publicKey.all),
    encoded_cert: base64(der),
    issuer: Cert.stringFromDistinguishedName(cert.issuer),
  };
}

/**
 * Parses `encoded` (the DER in base64, or PEM) as an X.509 certificate; undefined when it is
 * not one.
 */
export async function parseCertificate(encoded: string): Promise<CertificateInfo | undefined> {
  const body = encoded.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
  let der: Uint8Array;
  try {
    der = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
  if (der.length === 0) return undefined;
  try {
    const cert = await Cert.create(der);
    // Bytes after the certificate's own DER are not part of it.
    if (cert.rawData.length !== der.length) return undefined;
    return await describe(cert);
  } catch {
    return undefined;
  }
}

/**
 * The certificates a handshake parses, per handshake: subtls verifies the chain inside
 * `startTls` and only throws a message when it ends in no trusted root, so the chain is taken
 * where it parses each certificate (`Cert.create`, a static method its handshake calls on the
 * exported class). AsyncLocalStorage keeps concurrent handshakes' chains apart. Trust roots it
 * parses from the database are TrustedCert instances, not part of the chain.
 */
const handshakes = new AsyncLocalStorage<Cert[]>();
const createCert = Cert.create;
Cert.create = async function create(this: typeof Cert, data: Parameters<typeof Cert.create>[0]) {
  const cert = await createCert.call(this, data);
  if (this === Cert) handshakes.getStore()?.push(cert);
  return cert;
} as typeof Cert.create;

/** An open TLS session over a socket, and the chain the server presented. */
interface Session {
  read(): Promise<Uint8Array | undefined>;
  write(data: Uint8Array): Promise<void>;
  close(): Promise<void>;
  chain: CertificateInfo[];
}

/** PostgreSQL's SSLRequest (int32 length 8, int32 80877103). */
const SSL_REQUEST = new Uint8Array([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

async function handshake(
  host: string,
  hostname: string,
  port: number,
  roots: Awaited<ReturnType<typeof TrustedCert.databaseFromPEM>>,
  sni: boolean,
): Promise<Session> {
  // Imported when used, as pg-cloudflare does: Node (the OpenAPI and SDK scripts) loads this module too.
  const { connect } = await import("cloudflare:sockets");
  const socket = connect({ hostname: host, port });
  const writer = socket.writable.getWriter();
  const reader = socket.readable.getReader();
  const queue = new LazyReadFunctionReadQueue(async () => {
    const { done, value } = await reader.read();
    return done ? undefined : value;
  });
  const close = async () => {
    await socket.close().catch(() => {});
  };
  const chain: Cert[] = [];
  try {
    await writer.write(SSL_REQUEST);
    const answer = await queue.read(1);
    if (answer?.[0] !== 0x53) throw new ConfigurationError("The server does not support SSL connections", "no_tls");
    const tls = await handshakes.run(chain, () =>
      startTls(
        hostname,
        roots,
        // subtls also peeks (a second argument its types leave out): the queue's read does both.
        queue.read.bind(queue),
        (data) => {
          writer.write(data).catch(() => {});
        },
        // An approved certificate is trusted for this server whatever its key usages say; the
        // host name is checked against its DNS names (see openPinnedTls).
        { useSNI: sni, requireServerTlsExtKeyUsage: false, requireDigitalSigKeyUsage: false },
      ),
    );
    return { read: tls.read, write: tls.write, close, chain: await Promise.all(chain.map(describe)) };
  } catch (error) {
    await close();
    // No certificate arrived: the socket or the server failed before TLS got that far.
    if (error instanceof ConfigurationError || chain.length === 0) throw error;
    const presented = await Promise.all(chain.map(describe));
    throw new CertificateNotApproved(presented, (error as Error).message ?? String(error));
  }
}

async function rootsOf(trust: TlsTrust) {
  const pem = trust.approved
    .map((c) => `-----BEGIN CERTIFICATE-----\n${c.encodedCert}\n-----END CERTIFICATE-----\n`)
    .join("");
  return TrustedCert.databaseFromPEM(pem);
}

/**
 * A TLS session with a PostgreSQL server (SSLRequest, then TLS 1.3) that completes only when
 * the server's chain ends in a certificate of `trust.approved`. `host` is where to connect (the
 * egress guard's answer), `hostname` the configured name: it must be one of the leaf
 * certificate's DNS names, unless the host is an IP address, which subtls cannot match: then
 * the approved certificate alone vouches for the server. An unapproved chain is recorded in
 * `trust.presented` and thrown as {@link CertificateNotApproved}.
 */
export async function openPinnedTls(host: string, hostname: string, port: number, trust: TlsTrust): Promise<Session> {
  const roots = await rootsOf(trust);
  const isIp = /^[0-9.]+$|:/.test(hostname);
  try {
    try {
      return await handshake(host, hostname, port, roots, !isIp);
    } catch (error) {
      const leaf = error instanceof CertificateNotApproved ? error.chain[0] : undefined;
      const names = leaf && isIp ? await dnsNames(leaf) : [];
      if (!(names[0] && /No matching subjectAltName/.test((error as CertificateNotApproved).reason))) throw error;
      return await handshake(host, names[0], port, roots, false);
    }
  } catch (error) {
    if (error instanceof CertificateNotApproved) trust.presented.push(...error.chain);
    throw error;
  }
}

async function dnsNames(info: CertificateInfo): Promise<string[]> {
  const cert = await createCert.call(
    Cert,
    Uint8Array.from(atob(info.encoded_cert), (c) => c.charCodeAt(0)),
  );
  return cert.subjectAltNames ?? [];
}

/**
 * A socket for node-postgres (its `stream` option) that speaks TLS through {@link openPinnedTls}:
 * pg is configured without `ssl` and writes its startup message into the TLS session. The
 * interface is pg-cloudflare's CloudflareSocket's, the one pg uses on Workers. Hand-written: no
 * package adapts subtls's read/write session to the socket pg expects.
 */
export class PinnedTlsSocket extends EventEmitter {
  writable = false;
  destroyed = false;
  /** Once connected: the chain the server presented. */
  chain?: CertificateInfo[];
  private session?: Session;
  private closed = false;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly hostname: string,
    private readonly trust: TlsTrust,
  ) {
    super();
  }

  setNoDelay() {
    return this;
  }
  setKeepAlive() {
    return this;
  }
  ref() {
    return this;
  }
  unref() {
    return this;
  }

  async connect(port: number, host: string, listener?: () => void) {
    if (listener) this.once("connect", listener);
    try {
      this.session = await openPinnedTls(host, this.hostname, port, this.trust);
      this.chain = this.session.chain;
      this.writable = true;
      this.emit("connect");
      this.listen().catch((error) => this.emit("error", error));
    } catch (error) {
      this.emit("error", error);
    }
    return this;
  }

  private async listen() {
    const session = this.session;
    while (session) {
      const chunk = await session.read();
      if (chunk === undefined) break;
      this.emit("data", Buffer.from(chunk));
    }
    this.finish();
  }

  private finish() {
    if (this.closed) return;
    this.closed = true;
    this.writable = false;
    this.emit("close");
  }

  write(
    data: Uint8Array | string,
    encoding?: BufferEncoding | ((error?: Error) => void),
    callback?: (error?: Error) => void,
  ) {
    const done = typeof encoding === "function" ? encoding : (callback ?? (() => {}));
    const bytes = typeof data === "string" ? Buffer.from(data, typeof encoding === "string" ? encoding : "utf8") : data;
    if (!this.session || bytes.length === 0) {
      done();
      return true;
    }
    // One write at a time: subtls numbers each record as it encrypts it, and two writes
    // encrypting at once could put their records on the wire out of that order.
    const session = this.session;
    const written = this.writing.then(() => session.write(new Uint8Array(bytes)));
    this.writing = written.catch(() => {});
    written.then(
      () => done(),
      (error: Error) => done(error),
    );
    return true;
  }

  end(data?: Uint8Array, _encoding?: BufferEncoding, callback?: () => void) {
    const close = () => {
      // pg waits for `close` (as `end`) even when the connect failed and there is no session.
      this.writing.then(() => this.session?.close()).finally(() => this.finish());
      callback?.();
    };
    if (data && data.length > 0) this.write(data, () => close());
    else close();
    return this;
  }

  destroy() {
    this.destroyed = true;
    return this.end();
  }
}

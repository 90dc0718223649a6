/**
 * SSH key pairs for a group's identity (GET /v1/groups/{id}/public-key): Ed25519 from WebCrypto,
 * the public key in OpenSSH's `authorized_keys` form. The wire encoding (RFC 4253 §6.6 strings:
 * a uint32 length and the bytes; RFC 8709 for ssh-ed25519) is hand-written: it is ten lines, and
 * the SSH libraries on npm (sshpk, ssh2) need Node's crypto and streams, not WebCrypto.
 */
const encoder = new TextEncoder();

function sshString(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + bytes.length);
  new DataView(out.buffer).setUint32(0, bytes.length);
  out.set(bytes, 4);
  return out;
}

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** `ssh-ed25519 AAAA… <comment>` for a raw 32-byte Ed25519 public key. */
export function openSshPublicKey(raw: Uint8Array, comment: string): string {
  const type = sshString(encoder.encode("ssh-ed25519"));
  const key = sshString(raw);
  const blob = new Uint8Array(type.length + key.length);
  blob.set(type);
  blob.set(key, type.length);
  return `ssh-ed25519 ${base64(blob)} ${comment}`;
}

/** A new key pair: the OpenSSH public key and the PKCS#8 private key (base64, to be encrypted). */
export async function generateSshKeyPair(comment: string): Promise<{ publicKey: string; privateKeyPkcs8: string }> {
  const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"])) as CryptoKeyPair;
  const raw = new Uint8Array((await crypto.subtle.exportKey("raw", pair.publicKey)) as ArrayBuffer);
  const pkcs8 = new Uint8Array((await crypto.subtle.exportKey("pkcs8", pair.privateKey)) as ArrayBuffer);
  return { publicKey: openSshPublicKey(raw, comment), privateKeyPkcs8: base64(pkcs8) };
}

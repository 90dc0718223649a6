import { ApiError } from "../errors";

/**
 * Encryption at rest for connection and destination secrets: AES-256-GCM with a key
 * derived (HKDF-SHA256) from the FIVETRAN_ENCRYPTION_KEY Worker secret. Stored form:
 * `v1.<base64 iv>.<base64 ciphertext+tag>`.
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const keys = new Map<string, Promise<CryptoKey>>();

function deriveKey(material: string): Promise<CryptoKey> {
  let key = keys.get(material);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(material), "HKDF", false, ["deriveKey"]).then((base) =>
      crypto.subtle.deriveKey(
        {
          name: "HKDF",
          hash: "SHA-256",
          salt: encoder.encode("fivetran.do"),
          info: encoder.encode("config-secrets/v1"),
        },
        base,
        { name: "AES-GCM", length: 256 },
        false,
        ["encrypt", "decrypt"],
      ),
    );
    keys.set(material, key);
  }
  return key;
}

function requireMaterial(material: string | undefined): string {
  if (!material) {
    throw new ApiError(
      503,
      "ServiceUnavailable",
      "The server has no FIVETRAN_ENCRYPTION_KEY set; secrets cannot be stored",
    );
  }
  return material;
}

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** Encrypts a JSON-serialisable value; undefined for an empty object (nothing to protect). */
export async function encryptJson(material: string | undefined, value: Record<string, unknown>) {
  if (Object.keys(value).length === 0) return null;
  const key = await deriveKey(requireMaterial(material));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, encoder.encode(JSON.stringify(value)));
  return `v1.${b64(iv)}.${b64(new Uint8Array(sealed))}`;
}

/** Decrypts what {@link encryptJson} produced; `{}` for null. */
export async function decryptJson(
  material: string | undefined,
  sealed: string | null,
): Promise<Record<string, unknown>> {
  if (!sealed) return {};
  const [version, iv, data] = sealed.split(".");
  if (version !== "v1" || !iv || !data) throw new Error("unreadable secret envelope");
  const key = await deriveKey(requireMaterial(material));
  const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: unb64(iv) }, key, unb64(data));
  return JSON.parse(decoder.decode(plain)) as Record<string, unknown>;
}

import { adjectives, animals, uniqueNamesGenerator } from "unique-names-generator";

/**
 * A resource id in Fivetran's style: two random lowercase words joined by `_`
 * (`sepulchre_settlement`). About 425k combinations, so callers insert under a
 * unique constraint and retry with {@link withUniqueId} on a collision.
 */
export function wordId(): string {
  return uniqueNamesGenerator({ dictionaries: [adjectives, animals], separator: "_", length: 2 });
}

/** Random string over [A-Za-z0-9] from the platform CSPRNG. */
export function randomToken(length: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const out: string[] = [];
  // Rejection sampling keeps the distribution uniform (256 is not a multiple of 62).
  while (out.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (byte < 248 && out.length < length) out.push(alphabet[byte % 62] as string);
    }
  }
  return out.join("");
}

function errorText(error: unknown): string {
  const cause = (error as { cause?: unknown })?.cause;
  return `${String(error)} ${cause ? String(cause) : ""}`;
}

/** True when a D1/SQLite error is a UNIQUE violation (of any index). */
export function isUniqueViolation(error: unknown): boolean {
  return /UNIQUE constraint failed/i.test(errorText(error));
}

/** True when the violated UNIQUE index is the primary key `id` alone: a word-id collision. */
function isIdCollision(error: unknown): boolean {
  return /UNIQUE constraint failed: \w+\.id(?![\w,])/i.test(errorText(error));
}

/**
 * Runs `insert` with fresh word ids until one is not taken. Words collide rarely; after a
 * few tries a third word is appended so creation never fails for lack of names.
 */
export async function withUniqueId<T>(insert: (id: string) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const id = attempt < 5 ? wordId() : `${wordId()}_${randomToken(4).toLowerCase()}`;
    try {
      return await insert(id);
    } catch (error) {
      if (!isIdCollision(error) || attempt >= 8) throw error;
    }
  }
}

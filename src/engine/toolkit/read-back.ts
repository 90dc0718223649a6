/**
 * Values a destination reads back from what it stored, turned into the protocol's values
 * (protocol.ts `Value`) as a source would have given them: usage metering hashes the keys a
 * bulk delete changes (engine/usage.ts), and a key read back must hash as the key written.
 * The destinations' own result encodings (Snowflake's epoch seconds, BigQuery's base64 and
 * microseconds, Parquet's integers) are decoded by their writers into the forms here.
 */
import type { Column, Value } from "../protocol";

const pad = (n: number | bigint, width: number) => String(n).padStart(width, "0");

/** Epoch microseconds → `YYYY-MM-DDTHH:MM:SS.ffffff` (`Z` appended when zoned), exactly. */
export function microsText(micros: bigint, zoned: boolean): string {
  let seconds = micros / 1_000_000n;
  let fraction = micros % 1_000_000n;
  if (fraction < 0n) {
    fraction += 1_000_000n;
    seconds -= 1n;
  }
  const date = new Date(Number(seconds) * 1000);
  const text = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}T${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}.${pad(fraction, 6)}`;
  return zoned ? `${text}Z` : text;
}

/** `YYYY-MM-DD[T ]HH:MM:SS[.f…]` → `YYYY-MM-DDTHH:MM:SS.ffffff` (a timestamp without zone). */
export function wallClockText(text: string): string {
  const m = /^(\d{4,}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)(?:\.(\d+))?$/.exec(text);
  return m ? `${m[1]}T${m[2]}.${(m[3] ?? "").padEnd(6, "0").slice(0, 6)}` : text;
}

/** Days since 1970-01-01 → `YYYY-MM-DD`. */
export function daysText(days: number): string {
  return microsText(BigInt(days) * 86_400_000_000n, false).slice(0, 10);
}

/**
 * Microseconds since midnight → `HH:MM:SS[.ffffff]`, the fraction's trailing zeros dropped (as
 * PostgreSQL prints a time, and so the sources that read one give it).
 */
export function clockText(micros: bigint): string {
  const seconds = micros / 1_000_000n;
  const fraction = pad(micros % 1_000_000n, 6).replace(/0+$/, "");
  const text = `${pad(seconds / 3600n, 2)}:${pad((seconds / 60n) % 60n, 2)}:${pad(seconds % 60n, 2)}`;
  return fraction ? `${text}.${fraction}` : text;
}

/** `HH:MM:SS[.f…]` → the same clock in {@link clockText}'s form. */
export function clockFromText(text: string): string {
  const m = /^(\d\d):(\d\d):(\d\d)(?:\.(\d+))?$/.exec(text);
  if (!m) return text;
  return clockText(
    BigInt(Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1_000_000n +
      BigInt((m[4] ?? "").padEnd(6, "0").slice(0, 6)),
  );
}

/** A decimal number of seconds (`1616173619.123456789`, `-0.5`) → microseconds, exactly (truncated). */
export function secondsMicros(text: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) throw new Error(`not a number of seconds: ${text.slice(0, 40)}`);
  const micros = BigInt(m[2] as string) * 1_000_000n + BigInt((m[3] ?? "").padEnd(6, "0").slice(0, 6));
  return m[1] === "-" ? -micros : micros;
}

/**
 * A number read back as text (an integer, a decimal, a float) → the protocol value of
 * `column`: int and float a number, long a bigint, the other types the text itself.
 */
export function numberValue(text: string, column: Column): Value {
  switch (column.type) {
    case "int":
      return Number(text);
    case "float": {
      // Snowflake writes infinities `inf`/`-inf`, BigQuery `Infinity`/`-Infinity`.
      const special = /^([+-]?)(inf|infinity)$/i.exec(text);
      if (special) return special[1] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
      return /^nan$/i.test(text) ? Number.NaN : Number(text);
    }
    case "long":
      return /^-?\d+$/.test(text) ? BigInt(text) : text;
    default:
      return text;
  }
}

/** Hex (either case) → bytes. */
export function hexBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** Base64 → bytes. */
export function base64Bytes(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/**
 * Datetimes as Airbyte manifests write them: Python `strftime`/`strptime` formats (plus
 * Airbyte's `%s` epoch seconds, `%ms` epoch milliseconds and `%s_as_float`), ISO 8601
 * durations (`P1D`, `PT0.000001S`, `P1M`), instants at microsecond precision (a number of
 * microseconds since the epoch, UTC).
 *
 * Written by hand: no Workers-friendly library speaks Python's format codes, and the subset
 * manifests use is small.
 */

/** Microseconds since 1970-01-01T00:00:00Z. */
export type Micros = number;

export const MICROS_PER_MS = 1000;

export interface Duration {
  months: number;
  micros: number;
}

/** An ISO 8601 duration (`P1Y2M3DT4H5M6.5S`, `P2W`, `-P1D`), or undefined. */
export function parseDuration(text: string): Duration | undefined {
  const m =
    /^([-+])?P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
      text.trim(),
    );
  if (!m || text.trim() === "P" || text.trim().endsWith("T")) return undefined;
  const n = (i: number) => Number(m[i] ?? 0);
  const sign = m[1] === "-" ? -1 : 1;
  const months = n(2) * 12 + n(3);
  const micros = Math.round((((n(4) * 7 + n(5)) * 24 + n(6)) * 3600 + n(7) * 60 + n(8)) * 1e6);
  return { months: sign * months, micros: sign * micros };
}

export function addDuration(at: Micros, duration: Duration, times = 1): Micros {
  let out = at;
  if (duration.months) {
    const ms = Math.floor(out / 1000);
    const rest = out - ms * 1000;
    const d = new Date(ms);
    const day = d.getUTCDate();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() + duration.months * times);
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    d.setUTCDate(Math.min(day, last));
    out = d.getTime() * 1000 + rest;
  }
  return out + duration.micros * times;
}

const pad = (n: number, width = 2) => String(Math.trunc(Math.abs(n))).padStart(width, "0");
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const FULL_MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** Formats an instant (UTC) with a Python strftime format. */
export function formatDatetime(at: Micros, format: string): string {
  const ms = Math.floor(at / 1000);
  const micros = at - ms * 1000 + (ms % 1000 < 0 ? 0 : 0);
  const d = new Date(ms);
  const frac = ((((ms % 1000) + 1000) % 1000) * 1000 + micros).toString().padStart(6, "0");
  if (format === "%s") return String(Math.floor(at / 1e6));
  if (format === "%ms") return String(Math.floor(at / 1000));
  if (format === "%s_as_float") return String(at / 1e6);
  return format.replace(/%(ms|[a-zA-Z%])/g, (_, code: string) => {
    switch (code) {
      case "Y":
        return String(d.getUTCFullYear()).padStart(4, "0");
      case "y":
        return pad(d.getUTCFullYear() % 100);
      case "m":
        return pad(d.getUTCMonth() + 1);
      case "d":
        return pad(d.getUTCDate());
      case "H":
        return pad(d.getUTCHours());
      case "M":
        return pad(d.getUTCMinutes());
      case "S":
        return pad(d.getUTCSeconds());
      case "f":
        return frac;
      case "z":
        return "+0000";
      case "Z":
        return "UTC";
      case "j": {
        const start = Date.UTC(d.getUTCFullYear(), 0, 1);
        return pad(Math.floor((ms - start) / 86_400_000) + 1, 3);
      }
      case "b":
        return MONTHS[d.getUTCMonth()] as string;
      case "B":
        return FULL_MONTHS[d.getUTCMonth()] as string;
      case "a":
        return DAYS[d.getUTCDay()] as string;
      case "s":
        return String(Math.floor(at / 1e6));
      case "ms":
        return String(Math.floor(at / 1000));
      case "%":
        return "%";
      default:
        throw new RangeError(`unsupported datetime format code %${code}`);
    }
  });
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Parses `text` with a Python strptime format; undefined when it does not match. */
export function parseDatetime(text: string, format: string): Micros | undefined {
  const value = text.trim();
  if (format === "%s" || format === "%s_as_float") {
    return /^-?\d+(\.\d+)?$/.test(value) ? Math.round(Number(value) * 1e6) : undefined;
  }
  if (format === "%ms") return /^-?\d+$/.test(value) ? Number(value) * 1000 : undefined;
  const groups: string[] = [];
  let pattern = "";
  let i = 0;
  while (i < format.length) {
    const ch = format[i] as string;
    if (ch === "%" && i + 1 < format.length) {
      const code = format[i + 1] as string;
      i += 2;
      const group = (name: string, re: string) => {
        groups.push(name);
        pattern += `(${re})`;
      };
      switch (code) {
        case "Y":
          group("Y", "\\d{4}");
          break;
        case "y":
          group("y", "\\d{2}");
          break;
        case "m":
          group("m", "\\d{1,2}");
          break;
        case "d":
          group("d", "\\d{1,2}");
          break;
        case "H":
          group("H", "\\d{1,2}");
          break;
        case "M":
          group("M", "\\d{1,2}");
          break;
        case "S":
          group("S", "\\d{1,2}");
          break;
        case "f":
          group("f", "\\d{1,9}");
          break;
        case "z":
          group("z", "Z|[+-]\\d{2}:?\\d{2}");
          break;
        case "Z":
          group("Z", "[A-Za-z]{1,5}");
          break;
        case "b":
          group("b", "[A-Za-z]{3}");
          break;
        case "%":
          pattern += "%";
          break;
        default:
          return undefined;
      }
    } else {
      pattern += escapeRegex(ch);
      i += 1;
    }
  }
  const m = new RegExp(`^${pattern}$`).exec(value);
  if (!m) return undefined;
  const get = (name: string) => {
    const index = groups.indexOf(name);
    return index < 0 ? undefined : m[index + 1];
  };
  const year = get("Y") !== undefined ? Number(get("Y")) : get("y") !== undefined ? 2000 + Number(get("y")) : 1900;
  const month = get("m") !== undefined ? Number(get("m")) - 1 : get("b") ? MONTHS.indexOf(get("b") as string) : 0;
  const ms = Date.UTC(
    year,
    month,
    Number(get("d") ?? 1),
    Number(get("H") ?? 0),
    Number(get("M") ?? 0),
    Number(get("S") ?? 0),
  );
  let micros = ms * 1000;
  const f = get("f");
  if (f) micros += Number(f.slice(0, 6).padEnd(6, "0"));
  const z = get("z");
  if (z && z !== "Z") {
    const sign = z.startsWith("-") ? -1 : 1;
    const digits = z.replace(/[+:-]/g, "");
    const offset = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60e6;
    micros -= sign * offset;
  }
  return Number.isNaN(micros) ? undefined : micros;
}

/**
 * Parses a datetime as Airbyte's `str_to_datetime` does (ISO 8601 in its common forms,
 * a date alone, an epoch number); undefined when it is none of those.
 */
export function parseIso(text: string): Micros | undefined {
  const value = text.trim();
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|UTC)?$/i.exec(
      value,
    );
  if (!m) return undefined;
  let micros =
    Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)) *
    1000;
  if (m[7]) micros += Number(m[7].slice(0, 6).padEnd(6, "0"));
  const zone = m[8];
  if (zone && !/^(Z|UTC)$/i.test(zone)) {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.replace(/[+:-]/g, "");
    micros -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0)) * 60e6;
  }
  return Number.isNaN(micros) ? undefined : micros;
}

/** Parses `value` with the first of `formats` that matches, then as ISO 8601. */
export function parseWithFormats(value: unknown, formats: readonly string[]): Micros | undefined {
  if (typeof value === "number") {
    for (const format of formats) {
      if (format === "%s" || format === "%s_as_float") return Math.round(value * 1e6);
      if (format === "%ms") return value * 1000;
    }
    return undefined;
  }
  if (typeof value !== "string") return undefined;
  for (const format of formats) {
    const parsed = parseDatetime(value, format);
    if (parsed !== undefined) return parsed;
  }
  return parseIso(value);
}

/** `YYYY-MM-DDTHH:MM:SS.ffffff+00:00`, Python's `isoformat()` of an aware UTC datetime. */
export function isoformat(at: Micros): string {
  return formatDatetime(at, "%Y-%m-%dT%H:%M:%S.%f+00:00");
}

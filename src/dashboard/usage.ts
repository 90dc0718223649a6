/**
 * Rows synced per day, for the dashboard's chart: the one place the chart's numbers come from,
 * the usage metering endpoint (README "Usage metering"), summed over the account's connections
 * and tables per UTC day of the write.
 */
import type { Api } from "./api";

export interface DayRows {
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  rows: number;
}

/** The last `days` UTC days up to `now`, oldest first, all zero. */
export function emptyDays(days: number, now: Date): DayRows[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) => ({
    day: new Date(today - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10),
    rows: 0,
  }));
}

/** Rows synced per UTC day over the last `days` days, the account's (usage metering: GET /v1/usage/rows). */
export async function rowsPerDay(api: Api, days = 14, now = new Date()): Promise<DayRows[]> {
  const series = emptyDays(days, now);
  const index = new Map(series.map((entry, i) => [entry.day, i]));
  const start = series[0]?.day ?? "";
  const end = series.at(-1)?.day ?? "";
  let cursor: string | undefined;
  do {
    const page = await api.usageRows({ start_date: start, end_date: end, limit: 1000, cursor });
    for (const item of page.items) {
      const at = index.get(item.date);
      const entry = at === undefined ? undefined : series[at];
      if (entry) entry.rows += item.rows_synced;
    }
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return series;
}

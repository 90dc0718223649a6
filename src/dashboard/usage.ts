/**
 * Rows synced per day, for the dashboard's chart. This is the one place the chart's numbers
 * come from: today they are summed from each connection's run history (GET
 * /v1/connections/{id}/runs, a run counted on the UTC day it ended); once the usage metering
 * endpoint is there, only this function changes to read it instead.
 */
import type { Api, Connection } from "./api";

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

/** Runs per page while walking a connection's history back to the window's first day. */
const RUNS_PAGE = 200;

/** Rows synced per UTC day over the last `days` days, by `connections` (all of the account's). */
export async function rowsPerDay(api: Api, connections: Connection[], days = 14, now = new Date()): Promise<DayRows[]> {
  const series = emptyDays(days, now);
  const index = new Map(series.map((entry, i) => [entry.day, i]));
  const first = series[0]?.day ?? "";
  await Promise.all(
    connections.map(async (connection) => {
      let cursor: string | undefined;
      // Newest first: stop at the first page that reaches before the window.
      for (;;) {
        const page = await api.runs(connection.id, RUNS_PAGE, cursor);
        let older = false;
        for (const run of page.items) {
          const day = (run.ended_at ?? run.started_at).slice(0, 10);
          if (day < first) older = true;
          const at = index.get(day);
          const entry = at === undefined ? undefined : series[at];
          if (entry) entry.rows += run.rows;
        }
        cursor = page.next_cursor;
        if (!cursor || older) break;
      }
    }),
  );
  return series;
}

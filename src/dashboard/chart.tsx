/**
 * Rows synced per day as an SVG bar chart, with the same numbers as a table for screen readers
 * and keyboard users. Hand-written on Preact: a canvas charting library would draw the bars
 * but leave the accessible part (named bars, a table) to be written anyway.
 */
import { count } from "./format";
import type { DayRows } from "./usage";

const WIDTH = 960;
const HEIGHT = 220;
const LEFT = 56;
const BOTTOM = 28;
const TOP = 12;

export function RowsChart({ series, loading }: { series: DayRows[]; loading: boolean }) {
  const total = series.reduce((sum, entry) => sum + entry.rows, 0);
  const max = Math.max(1, ...series.map((entry) => entry.rows));
  const plotWidth = WIDTH - LEFT - 8;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = plotWidth / Math.max(1, series.length);
  const first = series[0]?.day ?? "";
  const last = series[series.length - 1]?.day ?? "";
  const label = `Rows synced per day, ${first} to ${last} (UTC): ${count(total)} rows in total`;
  return (
    <section aria-labelledby="chart-heading" class="panel">
      <h2 id="chart-heading">Rows synced per day</h2>
      <p class="muted">
        Last {series.length} days (UTC), all connections: <strong data-testid="rows-total">{count(total)}</strong> rows
        {loading ? " (updating…)" : ""}
      </p>
      <svg
        class="chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={label}
        data-total={total}
        data-loading={loading ? "true" : "false"}
      >
        <line x1={LEFT} y1={TOP + plotHeight} x2={WIDTH - 8} y2={TOP + plotHeight} class="axis" />
        {total > 0 ? (
          <text x={LEFT - 6} y={TOP + 10} class="tick" text-anchor="end">
            {count(max)}
          </text>
        ) : (
          <text x={LEFT + plotWidth / 2} y={TOP + plotHeight / 2} class="tick" text-anchor="middle">
            No rows synced in these days yet
          </text>
        )}
        <text x={LEFT - 6} y={TOP + plotHeight} class="tick" text-anchor="end">
          0
        </text>
        {series.map((entry, i) => {
          const height = (entry.rows / max) * plotHeight;
          return (
            <rect
              key={entry.day}
              x={LEFT + i * slot + slot * 0.15}
              y={TOP + plotHeight - height}
              width={slot * 0.7}
              height={Math.max(height, entry.rows > 0 ? 1 : 0)}
              class="bar"
            >
              <title>{`${entry.day}: ${count(entry.rows)} rows`}</title>
            </rect>
          );
        })}
        <text x={LEFT} y={HEIGHT - 8} class="tick">
          {first}
        </text>
        <text x={WIDTH - 8} y={HEIGHT - 8} class="tick" text-anchor="end">
          {last}
        </text>
      </svg>
      <details>
        <summary>Rows per day as a table</summary>
        <table>
          <caption class="visually-hidden">Rows synced per day (UTC)</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col" class="num">
                Rows
              </th>
            </tr>
          </thead>
          <tbody>
            {series.map((entry) => (
              <tr key={entry.day}>
                <td>{entry.day}</td>
                <td class="num">{count(entry.rows)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

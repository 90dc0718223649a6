/**
 * Timestamps as Fivetran writes them: ISO-8601 UTC with microseconds and `Z`
 * (`2024-12-01T15:43:29.013000Z`). Go clients parse them as RFC 3339.
 */
export function isoTimestamp(date: Date = new Date()): string {
  return `${date.toISOString().slice(0, -1)}000Z`;
}

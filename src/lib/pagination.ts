import { z } from "@hono/zod-openapi";
import { ApiError } from "../errors";

/**
 * Fivetran's cursor pagination, written once for every list endpoint: `cursor` (opaque,
 * absent = first page) and `limit` (1..1000, default 100); pages are `{items, next_cursor}`
 * with `next_cursor` omitted on the last page. Lists are ordered by (created_at, id) and a
 * cursor is the keyset of the last item returned, so inserts never shift later pages.
 */
export const pageQuery = z.object({
  cursor: z.string().optional().openapi({ description: "Opaque cursor from `next_cursor`" }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(100)
    .openapi({ description: "Page size, 1..1000 (default 100)" }),
});

export type PageQuery = z.infer<typeof pageQuery>;

/** The position after which the next page starts. */
export interface Keyset {
  createdAt: string;
  id: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function toBase64Url(text: string): string {
  let binary = "";
  for (const byte of encoder.encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return decoder.decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

export function encodeCursor(keyset: Keyset): string {
  return toBase64Url(JSON.stringify({ t: keyset.createdAt, i: keyset.id }));
}

/** Decodes a cursor from a client; anything that is not one of ours is a 400. */
export function decodeCursor(cursor: string | undefined): Keyset | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  try {
    const value = JSON.parse(fromBase64Url(cursor)) as { t?: unknown; i?: unknown };
    if (typeof value.t === "string" && typeof value.i === "string") {
      return { createdAt: value.t, id: value.i };
    }
  } catch {
    // fall through to the error below
  }
  throw ApiError.invalid(`Invalid value for field 'cursor': '${cursor}' is not a cursor from this API`);
}

/** A page as Fivetran returns it. */
export interface Page<T> {
  items: T[];
  next_cursor?: string;
}

/**
 * Builds a page from rows fetched with `limit + 1`: the extra row only tells that another
 * page exists, and the cursor points after the last row returned.
 */
export function toPage<R extends Keyset, T>(rows: R[], limit: number, serialize: (row: R) => T): Page<T> {
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  const page: Page<T> = { items: pageRows.map(serialize) };
  if (rows.length > limit && last) page.next_cursor = encodeCursor(last);
  return page;
}

/** Zod schema of a page of `item`, for route definitions. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    next_cursor: z.string().optional().openapi({ description: "Absent on the last page" }),
  });
}

/**
 * A page of a list held in memory (connector types, roles), in ascending `key` order. The
 * cursor is the same kind as for D1 lists, with the key as the keyset id and an empty
 * created_at, so an item added or removed between two requests never shifts later pages.
 */
export function pageOfList<T, U>(
  items: readonly T[],
  key: (item: T) => string,
  query: PageQuery,
  serialize: (item: T) => U,
): Page<U> {
  const after = decodeCursor(query.cursor);
  const rows = items
    .map((item) => ({ createdAt: "", id: key(item), item }))
    .filter((row) => !after || row.id > after.id)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, query.limit + 1);
  return toPage(rows, query.limit, (row) => serialize(row.item));
}

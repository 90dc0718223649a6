import type { RouteHandler, z } from "@hono/zod-openapi";
import { catalog } from "../../db/client";
import { getConnection } from "../../db/connections";
import { getGroup } from "../../db/groups";
import { type DailyRow, hasUsage, listDaily, listMonthly, type MonthlyRow, type UsageFilter } from "../../db/usage";
import type { AppEnv } from "../../env";
import { ApiError } from "../../errors";
import { ok } from "../../lib/envelope";
import { decodeCursor, type Keyset, toPage } from "../../lib/pagination";
import type * as routes from "./usage.routes";
import type { usageMarSchema, usageRowSchema } from "./usage.schemas";

type Scope = { group_id?: string; connection_id?: string };

/** 404 for a group or connection that is not the account's (and never was: deleted ones keep their usage). */
async function filterOf(
  c: { env: AppEnv["Bindings"]; var: AppEnv["Variables"] },
  query: Scope,
  from?: string,
  to?: string,
) {
  const db = catalog(c.env.DB);
  const { accountId } = c.var.auth;
  if (query.connection_id) {
    const live = await getConnection(db, accountId, query.connection_id);
    if (!live && !(await hasUsage(db, accountId, { connectionId: query.connection_id }))) {
      throw ApiError.notFound("Connector", query.connection_id);
    }
  }
  if (query.group_id) {
    const live = await getGroup(db, accountId, query.group_id);
    if (!live && !(await hasUsage(db, accountId, { groupId: query.group_id }))) {
      throw ApiError.notFound("Group", query.group_id);
    }
  }
  if (from && to && from > to) throw ApiError.invalid(`The range is empty: ${from} is after ${to}`);
  const filter: UsageFilter = { accountId, groupId: query.group_id, connectionId: query.connection_id, from, to };
  return { db, filter };
}

export const dailyOut = (row: DailyRow): z.infer<typeof usageRowSchema> => ({
  date: row.day,
  connection_id: row.connectionId,
  group_id: row.groupId,
  schema: row.schemaName,
  table: row.tableName,
  rows_synced: row.rowsSynced,
  bytes_synced: row.bytesSynced,
});

export const monthlyOut = (row: MonthlyRow): z.infer<typeof usageMarSchema> => ({
  month: row.month,
  connection_id: row.connectionId,
  group_id: row.groupId,
  schema: row.schemaName,
  table: row.tableName,
  mar: row.mar,
  free_mar: row.freeMar,
  paid_mar: row.paidMar,
});

const dailyKeyset = (row: DailyRow): Keyset => ({ createdAt: row.day, id: row.rowKey });
const monthlyKeyset = (row: MonthlyRow): Keyset => ({ createdAt: row.month, id: row.rowKey });

export const listUsageRows: RouteHandler<typeof routes.listUsageRows, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const { db, filter } = await filterOf(c, query, query.start_date, query.end_date);
  const rows = await listDaily(db, filter, decodeCursor(query.cursor), query.limit);
  const page = toPage(
    rows.map((row) => ({ ...dailyKeyset(row), row })),
    query.limit,
    ({ row }) => dailyOut(row),
  );
  return c.json(ok("Usage retrieved successfully", page), 200);
};

export const listUsageMar: RouteHandler<typeof routes.listUsageMar, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const { db, filter } = await filterOf(c, query, query.start_month, query.end_month);
  const rows = await listMonthly(db, filter, decodeCursor(query.cursor), query.limit);
  const page = toPage(
    rows.map((row) => ({ ...monthlyKeyset(row), row })),
    query.limit,
    ({ row }) => monthlyOut(row),
  );
  return c.json(ok("Usage retrieved successfully", page), 200);
};

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. Hand-written: two lines. */
function field(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Streams every page as CSV, a page of 1000 rows at a time. */
function csvStream<R>(
  header: string[],
  fetchPage: (after: Keyset | undefined) => Promise<R[]>,
  keyset: (row: R) => Keyset,
  line: (row: R) => (string | number)[],
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: Keyset | undefined;
  let started = false;
  let finished = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`${header.join(",")}\r\n`));
        return;
      }
      if (finished) {
        controller.close();
        return;
      }
      const rows = await fetchPage(after);
      const page = rows.slice(0, CSV_PAGE);
      if (page.length > 0) {
        controller.enqueue(encoder.encode(page.map((row) => `${line(row).map(field).join(",")}\r\n`).join("")));
        after = keyset(page[page.length - 1] as R);
      }
      if (rows.length <= CSV_PAGE) finished = true;
    },
  });
}

const CSV_PAGE = 1000;

const csvHeaders = (name: string) => ({
  "Content-Type": "text/csv; charset=utf-8",
  "Content-Disposition": `attachment; filename="${name}"`,
});

export const exportUsageRows: RouteHandler<typeof routes.exportUsageRows, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const { db, filter } = await filterOf(c, query, query.start_date, query.end_date);
  const body = csvStream(
    ["date", "connection_id", "group_id", "schema", "table", "rows_synced", "bytes_synced"],
    (after) => listDaily(db, filter, after, CSV_PAGE),
    dailyKeyset,
    (row) => Object.values(dailyOut(row)),
  );
  return c.body(body, 200, csvHeaders("usage-rows.csv")) as never;
};

export const exportUsageMar: RouteHandler<typeof routes.exportUsageMar, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const { db, filter } = await filterOf(c, query, query.start_month, query.end_month);
  const body = csvStream(
    ["month", "connection_id", "group_id", "schema", "table", "mar", "free_mar", "paid_mar"],
    (after) => listMonthly(db, filter, after, CSV_PAGE),
    monthlyKeyset,
    (row) => Object.values(monthlyOut(row)),
  );
  return c.body(body, 200, csvHeaders("usage-mar.csv")) as never;
};

import { createRoute } from "@hono/zod-openapi";
import { commonErrors, envelope, jsonResponse, notFoundError } from "../../lib/envelope";
import { marQuery, rowsQuery, usageMarPage, usageRowsPage } from "./usage.schemas";

const tags = ["Usage"];

const csv = (description: string) => ({
  description,
  content: { "text/csv": { schema: { type: "string" as const } } },
});

export const listUsageRows = createRoute({
  method: "get",
  path: "/v1/usage/rows",
  tags,
  operationId: "list_usage_rows",
  summary: "Rows synced per connection, table and UTC day",
  description:
    "The account's rows synced and bytes, newest day last, filtered by group, connection and date range. Exact under replays.",
  request: { query: rowsQuery },
  responses: {
    200: jsonResponse("Usage retrieved successfully", envelope(usageRowsPage)),
    ...commonErrors,
    ...notFoundError,
  },
});

export const listUsageMar = createRoute({
  method: "get",
  path: "/v1/usage/mar",
  tags,
  operationId: "list_usage_mar",
  summary: "Monthly active rows per connection, table and calendar month",
  description:
    "Distinct primary keys inserted, updated or deleted per table per calendar month (UTC), exact, with Fivetran's free and paid split.",
  request: { query: marQuery },
  responses: {
    200: jsonResponse("Usage retrieved successfully", envelope(usageMarPage)),
    ...commonErrors,
    ...notFoundError,
  },
});

export const exportUsageRows = createRoute({
  method: "get",
  path: "/v1/usage/rows.csv",
  tags,
  operationId: "export_usage_rows",
  summary: "Rows synced as CSV (every page)",
  description: "Same filters as /v1/usage/rows (cursor and limit ignored); a header line, then one line per row.",
  request: { query: rowsQuery.omit({ cursor: true, limit: true }) },
  responses: {
    200: csv("date,connection_id,group_id,schema,table,rows_synced,bytes_synced"),
    ...commonErrors,
    ...notFoundError,
  },
});

export const exportUsageMar = createRoute({
  method: "get",
  path: "/v1/usage/mar.csv",
  tags,
  operationId: "export_usage_mar",
  summary: "Monthly active rows as CSV (every page)",
  description: "Same filters as /v1/usage/mar; a header line, then one line per table and month.",
  request: { query: marQuery.omit({ cursor: true, limit: true }) },
  responses: {
    200: csv("month,connection_id,group_id,schema,table,mar,free_mar,paid_mar"),
    ...commonErrors,
    ...notFoundError,
  },
});

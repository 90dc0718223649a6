import { OpenAPIHono, type z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";

type Issue = z.core.$ZodIssue;

function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let cursor = data;
  for (const key of path) {
    if (cursor === null || typeof cursor !== "object") return undefined;
    cursor = (cursor as Record<PropertyKey, unknown>)[key];
  }
  return cursor;
}

/** One validation issue in Fivetran's words: `Field 'group_id' is required`. */
export function describeIssue(issue: Issue, data: unknown): string {
  const field = issue.path.map(String).join(".");
  if (!field) return `Invalid request: ${issue.message}`;
  if (issue.code === "invalid_type" && valueAt(data, issue.path) === undefined) {
    return `Field '${field}' is required`;
  }
  return `Invalid value for field '${field}': ${issue.message}`;
}

/**
 * The router every resource is built on. Its default hook turns a failed zod validation
 * into 400 `InvalidInput` naming the field, so no handler sees invalid input.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    strict: false,
    defaultHook: (result) => {
      if (!result.success) {
        const issues = result.error.issues;
        // @hono/zod-validator passes the raw input as `data`; its type here omits it.
        const input = (result as { data?: unknown }).data;
        throw ApiError.invalid(issues.map((issue) => describeIssue(issue, input)).join("; "));
      }
    },
  });
}

export type Router = ReturnType<typeof createRouter>;

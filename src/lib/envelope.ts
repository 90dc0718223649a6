import { z } from "@hono/zod-openapi";

/** Fivetran's success envelope around `data`. */
export function envelope<T extends z.ZodType>(data: T) {
  return z.object({
    code: z.string().openapi({ example: "Success" }),
    message: z.string(),
    data,
  });
}

/** Success envelope without `data` (deletes, sync triggers). */
export const messageOnly = z
  .object({ code: z.string().openapi({ example: "Success" }), message: z.string() })
  .openapi("MessageResponse");

/** Fivetran's error envelope. */
export const errorSchema = z
  .object({
    code: z.string().openapi({ example: "InvalidInput" }),
    message: z.string().openapi({ example: "Field 'name' is required" }),
  })
  .openapi("Error");

function errorResponse(description: string) {
  return { description, content: { "application/json": { schema: errorSchema } } };
}

/** The error responses every authenticated route can give. */
export const commonErrors = {
  400: errorResponse("Invalid input: the message names the field"),
  401: errorResponse("Missing or invalid API key and secret"),
} as const;

export const notFoundError = { 404: errorResponse("No such resource in this account") } as const;
export const conflictError = { 409: errorResponse("Conflicts with the resource's current state") } as const;

/** `{code: "Success", message, data}` */
export function ok<T>(message: string, data: T) {
  return { code: "Success", message, data };
}

/** `{code: "Success", message}` */
export function done(message: string) {
  return { code: "Success", message };
}

/** Common JSON response entry for route definitions. */
export function jsonResponse<T extends z.ZodType>(description: string, schema: T) {
  return { description, content: { "application/json": { schema } } };
}

import { z } from "@hono/zod-openapi";

/** A trigger as the API shows it; a URL trigger's token only in the answer that created it. */
export const triggerSchema = z
  .object({
    id: z.string().openapi({ example: "brave_heron" }),
    connection_id: z.string(),
    type: z.enum(["url", "queue", "after"]),
    url: z
      .string()
      .optional()
      .openapi({ description: "type url: POST here with `Authorization: Bearer <token>` to start a sync" }),
    token: z.string().optional().openapi({
      description: "type url: the bearer token, in the create answer only (stored as its SHA-256); ****** otherwise",
    }),
    queue: z
      .string()
      .optional()
      .openapi({ description: "type queue: the Cloudflare Queue whose messages start a sync" }),
    after_connection_id: z
      .string()
      .optional()
      .openapi({ description: "type after: the connection whose successful sync starts this one" }),
    created_at: z.string(),
  })
  .openapi("ConnectionTrigger");

export type Trigger = z.infer<typeof triggerSchema>;

export const createTriggerBody = z
  .discriminatedUnion("type", [
    z.strictObject({ type: z.literal("url") }),
    z.strictObject({ type: z.literal("queue"), queue: z.string().trim().min(1).max(63) }),
    z.strictObject({ type: z.literal("after"), connection_id: z.string().trim().min(1) }),
  ])
  .openapi("NewConnectionTriggerRequest", {
    description:
      'One of `{type: "url"}`, `{type: "queue", queue}` (one of the Worker\'s trigger queues) or `{type: "after", connection_id}`',
  });

export const triggerIdParam = z.object({
  connectionId: z.string().openapi({ param: { name: "connectionId", in: "path" } }),
  triggerId: z.string().openapi({ param: { name: "triggerId", in: "path" } }),
});

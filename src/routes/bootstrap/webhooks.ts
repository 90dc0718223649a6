/**
 * GET /v1/webhooks while webhooks cannot be created yet: always an empty page. Kept apart
 * from the other bootstrap lists so the webhooks resource can replace this file whole
 * (route, schema and handler) without touching anything else.
 */
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { commonErrors, envelope, jsonResponse, ok } from "../../lib/envelope";
import { decodeCursor, pageQuery, pageSchema } from "../../lib/pagination";

/** A webhook (§11). */
export const webhookSchema = z
  .object({
    id: z.string(),
    type: z.enum(["account", "group"]),
    group_id: z.string().optional().openapi({ description: "Group webhooks only" }),
    url: z.string(),
    events: z.array(z.string()).openapi({ example: ["sync_start", "sync_end"] }),
    active: z.boolean(),
    secret: z.string().openapi({ description: "Always masked", example: "******" }),
    created_at: z.string(),
    created_by: z.string(),
  })
  .openapi("Webhook");

export const listWebhooksRoute = createRoute({
  method: "get",
  path: "/v1/webhooks",
  tags: ["Webhooks"],
  operationId: "list_all_webhooks",
  summary: "List all webhooks",
  request: { query: pageQuery },
  responses: {
    200: jsonResponse("Webhooks retrieved successfully", envelope(pageSchema(webhookSchema))),
    ...commonErrors,
  },
});

export const listWebhooks: RouteHandler<typeof listWebhooksRoute, AppEnv> = async (c) => {
  decodeCursor(c.req.valid("query").cursor);
  return c.json(ok("Webhooks retrieved successfully", { items: [] }), 200);
};

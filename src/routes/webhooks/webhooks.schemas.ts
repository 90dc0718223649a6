import { z } from "@hono/zod-openapi";
import { EVENT_NAMES } from "../../events/emit";

/** A webhook (§11). */
export const webhookSchema = z
  .object({
    id: z.string().openapi({ example: "program_quarry" }),
    type: z.enum(["account", "group"]),
    group_id: z.string().optional().openapi({ description: "Group webhooks only" }),
    url: z.string().openapi({ example: "https://example.com/fivetran" }),
    events: z.array(z.string()).openapi({ example: ["sync_start", "sync_end"] }),
    active: z.boolean(),
    secret: z
      .string()
      .optional()
      .openapi({ description: "Always masked; absent when the webhook has no secret", example: "******" }),
    created_at: z.string().openapi({ example: "2024-12-01T15:43:29.013000Z" }),
    created_by: z.string(),
  })
  .openapi("Webhook");

const events = z
  .array(z.string())
  .min(1, "must name at least one event")
  .openapi({ description: `Events to deliver: ${EVENT_NAMES.join(", ")}`, example: ["sync_start", "sync_end"] });

export const createWebhookBody = z
  .object({
    url: z.string().min(1).openapi({ example: "https://example.com/fivetran" }),
    events,
    active: z.boolean().nullish().openapi({ description: "Default true; an active webhook is pinged first" }),
    secret: z.string().nullish().openapi({ description: "Signs every delivery (X-Fivetran-Signature-256)" }),
  })
  .openapi("NewWebhookRequest");

export const updateWebhookBody = z
  .object({
    url: z.string().min(1).nullish(),
    events: events.nullish(),
    active: z.boolean().nullish(),
    secret: z.string().nullish().openapi({ description: "`******` leaves the stored secret as it is" }),
    run_tests: z
      .boolean()
      .nullish()
      .openapi({ description: "Ping the webhook first; 400 when it does not answer 2xx" }),
  })
  .openapi("UpdateWebhookRequest");

export const testWebhookBody = z
  .object({ event: z.string().min(1).openapi({ example: "sync_end" }) })
  .openapi("WebhookTestRequest");

export const webhookTestResult = z
  .object({
    succeed: z.boolean(),
    status: z.number().int().openapi({ description: "The receiver's HTTP status; 0 when it could not be reached" }),
    message: z.string(),
  })
  .openapi("WebhookTestResult");

export const webhookDeliverySchema = z
  .object({
    id: z.string().openapi({ description: "The delivery id, sent as X-Fivetran-Delivery-Id and `delivery_id`" }),
    event: z.string(),
    event_id: z.string().nullable().openapi({ description: "The event's id in /v1/events; null for a test" }),
    status: z.enum(["pending", "delivered", "failed", "skipped"]),
    attempts: z.number().int(),
    last_status_code: z.number().int().nullable(),
    last_error: z.string().nullable(),
    payload: z.record(z.string(), z.unknown()).openapi({ description: "The body sent, as signed" }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("WebhookDelivery");

export const webhookIdParam = z.object({
  webhookId: z.string().openapi({ param: { name: "webhookId", in: "path" }, example: "program_quarry" }),
});

export const groupIdParam = z.object({
  groupId: z.string().openapi({ param: { name: "groupId", in: "path" }, example: "projected_sickle" }),
});

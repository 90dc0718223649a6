import { createRoute } from "@hono/zod-openapi";
import { commonErrors, envelope, jsonResponse, messageOnly, notFoundError } from "../../lib/envelope";
import { pageQuery, pageSchema } from "../../lib/pagination";
import {
  createWebhookBody,
  groupIdParam,
  testWebhookBody,
  updateWebhookBody,
  webhookDeliverySchema,
  webhookIdParam,
  webhookSchema,
  webhookTestResult,
} from "./webhooks.schemas";

const tags = ["Webhooks"];
const json = <T>(schema: T) => ({ required: true, content: { "application/json": { schema } } });

export const listWebhooks = createRoute({
  method: "get",
  path: "/v1/webhooks",
  tags,
  operationId: "list_all_webhooks",
  summary: "List all webhooks",
  request: { query: pageQuery },
  responses: {
    200: jsonResponse("Webhooks retrieved successfully", envelope(pageSchema(webhookSchema))),
    ...commonErrors,
  },
});

export const createAccountWebhook = createRoute({
  method: "post",
  path: "/v1/webhooks/account",
  tags,
  operationId: "create_account_webhook",
  summary: "Create an account webhook",
  request: { body: json(createWebhookBody) },
  responses: { 200: jsonResponse("Account webhook has been created", envelope(webhookSchema)), ...commonErrors },
});

export const createGroupWebhook = createRoute({
  method: "post",
  path: "/v1/webhooks/group/{groupId}",
  tags,
  operationId: "create_group_webhook",
  summary: "Create a group webhook",
  request: { params: groupIdParam, body: json(createWebhookBody) },
  responses: {
    200: jsonResponse("Group webhook has been created", envelope(webhookSchema)),
    ...commonErrors,
    ...notFoundError,
  },
});

export const getWebhook = createRoute({
  method: "get",
  path: "/v1/webhooks/{webhookId}",
  tags,
  operationId: "webhook_details",
  summary: "Retrieve webhook details",
  request: { params: webhookIdParam },
  responses: {
    200: jsonResponse("Webhook details retrieved successfully", envelope(webhookSchema)),
    ...commonErrors,
    ...notFoundError,
  },
});

export const updateWebhook = createRoute({
  method: "patch",
  path: "/v1/webhooks/{webhookId}",
  tags,
  operationId: "modify_webhook",
  summary: "Update a webhook",
  request: {
    params: webhookIdParam,
    body: { required: false, content: { "application/json": { schema: updateWebhookBody } } },
  },
  responses: {
    200: jsonResponse("Webhook has been updated", envelope(webhookSchema)),
    ...commonErrors,
    ...notFoundError,
  },
});

export const deleteWebhook = createRoute({
  method: "delete",
  path: "/v1/webhooks/{webhookId}",
  tags,
  operationId: "delete_webhook",
  summary: "Delete a webhook",
  request: { params: webhookIdParam },
  responses: {
    200: jsonResponse("Webhook with id '<id>' has been deleted", messageOnly),
    ...commonErrors,
    ...notFoundError,
  },
});

export const testWebhook = createRoute({
  method: "post",
  path: "/v1/webhooks/{webhookId}/test",
  tags,
  operationId: "test_webhook",
  summary: "Test a webhook",
  description:
    "Sends a sample payload of `event` to the webhook now, signed as deliveries are, and reports the receiver's answer. An inactive webhook is tested too.",
  request: { params: webhookIdParam, body: json(testWebhookBody) },
  responses: {
    200: jsonResponse("Webhook test completed successfully", envelope(webhookTestResult)),
    ...commonErrors,
    ...notFoundError,
  },
});

export const listWebhookDeliveries = createRoute({
  method: "get",
  path: "/v1/webhooks/{webhookId}/deliveries",
  tags,
  operationId: "list_webhook_deliveries",
  summary: "List a webhook's deliveries (fivetran.do extension)",
  description:
    "The delivery log, newest first: every event delivered or being retried, and every test. Kept for FIVETRAN_EVENTS_RETENTION_DAYS.",
  request: { params: webhookIdParam, query: pageQuery },
  responses: {
    200: jsonResponse("Webhook deliveries retrieved successfully", envelope(pageSchema(webhookDeliverySchema))),
    ...commonErrors,
    ...notFoundError,
  },
});

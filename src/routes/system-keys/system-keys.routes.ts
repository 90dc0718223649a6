import { createRoute } from "@hono/zod-openapi";
import { commonErrors, envelope, jsonResponse, messageOnly, notFoundError } from "../../lib/envelope";
import { pageQuery, pageSchema } from "../../lib/pagination";
import {
  createSystemKeyBody,
  keyIdParam,
  rotateSystemKeyBody,
  systemKeySchema,
  updateSystemKeyBody,
} from "./system-keys.schemas";

const tags = ["System Keys"];
const body = <T>(schema: T, required = true) => ({ required, content: { "application/json": { schema } } });
const managedBy = "Only with the API key of an Account Administrator user; a system key gets 403.";

export const listSystemKeys = createRoute({
  method: "get",
  path: "/v1/system-keys",
  tags,
  operationId: "get_system_keys",
  summary: "List all system keys",
  description: `${managedBy} Secrets are never listed.`,
  request: { query: pageQuery },
  responses: {
    200: jsonResponse("System keys retrieved successfully", envelope(pageSchema(systemKeySchema))),
    ...commonErrors,
  },
});

export const createSystemKey = createRoute({
  method: "post",
  path: "/v1/system-keys",
  tags,
  operationId: "create_system_key",
  summary: "Create a system key",
  description: `${managedBy} The answer holds the key's secret, the only time it is shown.`,
  request: { body: body(createSystemKeyBody) },
  responses: { 201: jsonResponse("System key has been created", envelope(systemKeySchema)), ...commonErrors },
});

export const getSystemKey = createRoute({
  method: "get",
  path: "/v1/system-keys/{keyId}",
  tags,
  operationId: "get_system_key_details",
  summary: "Retrieve system key details",
  description: managedBy,
  request: { params: keyIdParam },
  responses: {
    200: jsonResponse("System key details retrieved successfully", envelope(systemKeySchema)),
    ...commonErrors,
    ...notFoundError,
  },
});

export const updateSystemKey = createRoute({
  method: "patch",
  path: "/v1/system-keys/{keyId}",
  tags,
  operationId: "update_system_key",
  summary: "Update a system key",
  description: `${managedBy} \`permissions\`, when given, replaces every rule of the key.`,
  request: { params: keyIdParam, body: body(updateSystemKeyBody, false) },
  responses: {
    200: jsonResponse("System key has been updated", envelope(systemKeySchema)),
    ...commonErrors,
    ...notFoundError,
  },
});

export const deleteSystemKey = createRoute({
  method: "delete",
  path: "/v1/system-keys/{keyId}",
  tags,
  operationId: "delete_system_key",
  summary: "Delete a system key",
  description: `${managedBy} The key stops authenticating at once.`,
  request: { params: keyIdParam },
  responses: { 200: jsonResponse("System key has been deleted", messageOnly), ...commonErrors, ...notFoundError },
});

export const rotateSystemKey = createRoute({
  method: "post",
  path: "/v1/system-keys/{keyId}/rotate",
  tags,
  operationId: "rotate_system_key",
  summary: "Rotate a system key",
  description: `${managedBy} Issues a new secret (shown in this answer only; the old one stops working at once) and a new \`expired_at\` from now.`,
  request: { params: keyIdParam, body: body(rotateSystemKeyBody, false) },
  responses: {
    200: jsonResponse("System key has been rotated", envelope(systemKeySchema)),
    ...commonErrors,
    ...notFoundError,
  },
});

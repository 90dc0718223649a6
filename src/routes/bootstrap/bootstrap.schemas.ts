import { z } from "@hono/zod-openapi";

const timestamp = z.string().openapi({ example: "2024-12-01T15:43:29.013729Z" });

/** A role (RoleResponse). */
export const roleSchema = z
  .object({
    name: z.string().openapi({ example: "Account Administrator" }),
    description: z.string(),
    is_custom: z.boolean(),
    scope: z.array(z.enum(["ACCOUNT", "DESTINATION", "CONNECTOR", "TEAM"])),
    is_deprecated: z.boolean(),
    replacement_role_name: z.string().nullable().openapi({ example: "Manage Destination" }),
  })
  .openapi("Role");

export const privateLinkSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    region: z.string().openapi({ example: "GCP_US_EAST4" }),
    service: z.string().openapi({ example: "SOURCE_GCP" }),
    account_id: z.string(),
    cloud_provider: z.string(),
    state: z.string(),
    state_summary: z.string().nullable(),
    created_at: timestamp,
    created_by: z.string(),
    host: z.string().nullable(),
    config: z.record(z.string(), z.unknown()),
  })
  .openapi("PrivateLink");

export const proxyAgentSchema = z
  .object({
    id: z.string(),
    account_id: z.string(),
    registered_at: timestamp.nullable(),
    region: z.string().openapi({ example: "GCP_US_EAST4" }),
    created_by: z.string(),
    display_name: z.string(),
    version: z.string().nullable(),
    status: z.string().nullable().openapi({ example: "CONNECTED" }),
    connector_count: z.number().int(),
    destination_count: z.number().int(),
  })
  .openapi("ProxyAgent");

export const hybridDeploymentAgentSchema = z
  .object({
    id: z.string(),
    display_name: z.string(),
    group_id: z.string(),
    registered_at: timestamp.nullable(),
    usage: z.array(z.object({ schema: z.string(), service: z.string() })),
  })
  .openapi("HybridDeploymentAgent");

export const transformationSchema = z
  .object({
    id: z.string(),
    type: z.enum(["DBT_CORE", "QUICKSTART"]),
    status: z.string(),
    paused: z.boolean(),
    created_at: timestamp,
    created_by_id: z.string(),
  })
  .openapi("Transformation");

export const transformationProjectSchema = z
  .object({
    id: z.string(),
    type: z.string().openapi({ example: "DBT_GIT" }),
    group_id: z.string(),
    created_at: timestamp,
    created_by_id: z.string(),
  })
  .openapi("TransformationProject");

export const externalLoggingIdParam = z.object({
  logId: z.string().openapi({ param: { name: "logId", in: "path" }, example: "sepulchre_settlement" }),
});

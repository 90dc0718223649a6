import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { ApiError } from "../../errors";
import { commonErrors, envelope, errorSchema, jsonResponse, ok } from "../../lib/envelope";
import { decodeCursor, pageQuery, pageSchema } from "../../lib/pagination";
import type { Router } from "../../lib/router";

/**
 * Resources of Fivetran's account that cannot exist on this server (README "What is compatible"
 * lists why each one is not applicable on Cloudflare): their lists are what Fivetran answers for
 * an account that has none (200, an empty page) and their details 404 with Fivetran's code, so
 * clients reading them at start-up (go-fivetran's test bootstrap, Terraform data sources, MCP
 * servers' read tools) go on instead of failing on `No route`.
 */
const timestamp = z.string().openapi({ example: "2024-12-01T15:43:29.013729Z" });

const logServiceSchema = z
  .object({ id: z.string(), service: z.string(), enabled: z.boolean(), config: z.record(z.string(), z.unknown()) })
  .openapi("LogService");

const secretsManagerSchema = z
  .object({
    id: z.string(),
    type: z.enum(["AWS_SECRET_MANAGER", "AZURE_KEY_VAULT", "HASHICORP_VAULT"]),
    name: z.string(),
    is_hybrid_deployment: z.boolean(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .openapi("SecretsManager");

const connectorSdkPackageSchema = z
  .object({
    id: z.string(),
    connection_id: z.string().nullable(),
    created_by: z.string(),
    last_updated_by: z.string(),
    created_at: timestamp,
    updated_at: timestamp,
    file_sha256_hash: z.string(),
  })
  .openapi("ConnectorSdkPackage");

const packageMetadataSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    version: z.string(),
    connector_types: z.array(z.string()),
    output_model_names: z.array(z.string()),
    configurable_variables: z.record(z.string(), z.unknown()),
  })
  .openapi("TransformationPackageMetadata");

interface AbsentList {
  path: string;
  tag: string;
  operationId: string;
  summary: string;
  message: string;
  item: z.ZodType;
  query?: z.ZodObject;
}

const lists: AbsentList[] = [
  {
    path: "/v1/external-logging",
    tag: "Log Service",
    operationId: "list_log_services",
    summary: "List all log services",
    message: "External logging services retrieved successfully",
    item: logServiceSchema,
  },
  {
    path: "/v1/external-secrets-managers",
    tag: "External Secrets Managers",
    operationId: "list_esms",
    summary: "List all external secrets managers",
    message: "Operation performed successfully",
    item: secretsManagerSchema,
  },
  {
    path: "/v1/connector-sdk/packages",
    tag: "Connector SDK Packages",
    operationId: "list_connector_sdk_packages",
    summary: "List all Connector SDK packages",
    message: "Connector SDK packages retrieved successfully",
    item: connectorSdkPackageSchema,
  },
  {
    path: "/v1/transformations/package-metadata",
    tag: "Transformations",
    operationId: "transformation_package_metadata_list",
    summary: "List all Quickstart package metadata",
    message: "Transformation package metadata list retrieved successfully",
    item: packageMetadataSchema,
    query: pageQuery.extend({ service: z.string().optional(), name: z.string().optional() }),
  },
];

interface AbsentDetail {
  path: string;
  param: string;
  tag: string;
  operationId: string;
  summary: string;
  /** Fivetran's 404 for an unknown id. */
  notFound: (id: string) => ApiError;
}

const notFound = (kind: string) => (id: string) => ApiError.notFound(kind, id);

const details: AbsentDetail[] = [
  {
    path: "/v1/external-secrets-managers/{esmId}",
    param: "esmId",
    tag: "External Secrets Managers",
    operationId: "get_esm_details",
    summary: "Retrieve external secrets manager details",
    // The spec's own example of this 404.
    notFound: (id) => new ApiError(404, "NotFound", `External Secrets Manager with '${id}' id is not found.`),
  },
  {
    path: "/v1/connector-sdk/packages/{packageId}",
    param: "packageId",
    tag: "Connector SDK Packages",
    operationId: "get_connector_sdk_package",
    summary: "Retrieve Connector SDK package details",
    notFound: notFound("ConnectorSdkPackage"),
  },
  {
    path: "/v1/transformations/package-metadata/{packageDefinitionId}",
    param: "packageDefinitionId",
    tag: "Transformations",
    operationId: "transformation_package_metadata_details",
    summary: "Retrieve Quickstart package metadata details",
    notFound: notFound("TransformationPackageMetadata"),
  },
  {
    path: "/v1/private-links/{privateLinkId}",
    param: "privateLinkId",
    tag: "Private Links",
    operationId: "get_private_link_details",
    summary: "Retrieve private link details",
    notFound: notFound("PrivateLink"),
  },
  {
    path: "/v1/proxy/{agentId}",
    param: "agentId",
    tag: "Proxy Agents",
    operationId: "get_proxy_agent_details",
    summary: "Retrieve proxy agent details",
    notFound: () => new ApiError(404, "NotFound", "Proxy Agent not found."),
  },
  {
    path: "/v1/hybrid-deployment-agents/{agentId}",
    param: "agentId",
    tag: "Hybrid Deployment Agents",
    operationId: "get_hybrid_deployment_agent",
    summary: "Retrieve hybrid deployment agent details",
    notFound: notFound("HybridDeploymentAgent"),
  },
  {
    path: "/v1/transformations/{transformationId}",
    param: "transformationId",
    tag: "Transformations",
    operationId: "transformation_details",
    summary: "Retrieve transformation details",
    notFound: notFound("Transformation"),
  },
  {
    path: "/v1/transformation-projects/{projectId}",
    param: "projectId",
    tag: "Transformation Projects",
    operationId: "transformation_project_details",
    summary: "Retrieve transformation project details",
    notFound: notFound("TransformationProject"),
  },
];

/** Mounts every absent list and detail route on `router`. */
export function mountAbsentResources(router: Router): Router {
  for (const list of lists) {
    const route = createRoute({
      method: "get",
      path: list.path,
      tags: [list.tag],
      operationId: list.operationId,
      summary: list.summary,
      description: "Always an empty page: this resource does not exist on fivetran.do (see the README).",
      request: { query: list.query ?? pageQuery },
      responses: {
        200: jsonResponse(list.message, envelope(pageSchema(list.item))),
        ...commonErrors,
      },
    });
    const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
      decodeCursor((c.req.valid("query") as { cursor?: string }).cursor);
      return c.json(ok(list.message, { items: [] }), 200);
    };
    router.openapi(route, handler);
  }
  for (const detail of details) {
    const route = createRoute({
      method: "get",
      path: detail.path,
      tags: [detail.tag],
      operationId: detail.operationId,
      summary: detail.summary,
      description: "Always 404: this resource does not exist on fivetran.do (see the README).",
      request: {
        params: z.object({ [detail.param]: z.string().openapi({ param: { name: detail.param, in: "path" } }) }),
      },
      responses: { ...commonErrors, 404: jsonResponse("No such resource", errorSchema) },
    });
    const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
      const id = (c.req.valid("param") as Record<string, string>)[detail.param] ?? "";
      throw detail.notFound(id);
    };
    router.openapi(route, handler);
  }
  return router;
}

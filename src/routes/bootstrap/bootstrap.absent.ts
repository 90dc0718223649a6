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

const secretsManagerEntitySchema = z
  .object({
    id: z.string(),
    type: z.string().openapi({ example: "SOURCE" }),
    name: z.string(),
    enabled: z.boolean(),
    secret_manager_id: z.string(),
    created_at: timestamp,
  })
  .openapi("SecretsManagerEntityItem");

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
    path: "/v1/external-secrets-managers-entities",
    tag: "External Secrets Managers",
    operationId: "list_esm_entities",
    summary: "List all entities using external secrets managers",
    message: "Operation performed successfully",
    item: secretsManagerEntitySchema,
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

type Method = "get" | "post" | "patch" | "delete";

/** One of Fivetran's operations on a single resource: `<base>/{param}<suffix>`. */
interface AbsentOperation {
  method: Method;
  suffix?: string;
  operationId: string;
  summary: string;
}

/** A resource family whose every id is unknown here, and each operation Fivetran has on one. */
interface AbsentEntity {
  base: string;
  /** The id's path parameter; absent for the account-level log service (one per account). */
  param?: string;
  tag: string;
  /** Fivetran's 404 for an unknown id. */
  notFound: (id: string) => ApiError;
  operations: AbsentOperation[];
}

const notFound = (kind: string) => (id: string) => ApiError.notFound(kind, id);
const op = (method: Method, operationId: string, summary: string, suffix?: string): AbsentOperation => ({
  method,
  operationId,
  summary,
  ...(suffix ? { suffix } : {}),
});

/**
 * Every operation on one resource of these families that Fivetran's spec and go-fivetran
 * have: each answers the family's 404, as Fivetran does for an account without that resource
 * (a client deleting or re-authorising an agent it no longer has reads "already gone").
 */
const entities: AbsentEntity[] = [
  {
    base: "/v1/external-secrets-managers",
    param: "esmId",
    tag: "External Secrets Managers",
    // The spec's own example of this 404.
    notFound: (id) => new ApiError(404, "NotFound", `External Secrets Manager with '${id}' id is not found.`),
    operations: [
      op("get", "get_esm_details", "Retrieve external secrets manager details"),
      op("patch", "modify_esm", "Update an external secrets manager"),
      op("delete", "delete_esm", "Delete an external secrets manager"),
      op("get", "get_esm_entities", "List entities using an external secrets manager", "/entities"),
    ],
  },
  {
    base: "/v1/connector-sdk/packages",
    param: "packageId",
    tag: "Connector SDK Packages",
    notFound: notFound("ConnectorSdkPackage"),
    operations: [
      op("get", "get_connector_sdk_package", "Retrieve Connector SDK package details"),
      op("patch", "update_connector_sdk_package", "Update a Connector SDK package"),
      op("delete", "delete_connector_sdk_package", "Delete a Connector SDK package"),
      op("get", "download_connector_sdk_package", "Download a Connector SDK package", "/download"),
    ],
  },
  {
    base: "/v1/transformations/package-metadata",
    param: "packageDefinitionId",
    tag: "Transformations",
    notFound: notFound("TransformationPackageMetadata"),
    operations: [op("get", "transformation_package_metadata_details", "Retrieve Quickstart package metadata details")],
  },
  {
    base: "/v1/private-links",
    param: "privateLinkId",
    tag: "Private Links",
    notFound: notFound("PrivateLink"),
    operations: [
      op("get", "get_private_link_details", "Retrieve private link details"),
      op("patch", "modify_private_link", "Update a private link"),
      op("delete", "delete_private_link", "Delete a private link"),
    ],
  },
  {
    base: "/v1/proxy",
    param: "agentId",
    tag: "Proxy Agents",
    // The spec's example of this 404, the same on every proxy agent route.
    notFound: () => new ApiError(404, "NotFound", "Proxy Agent not found."),
    operations: [
      op("get", "get_proxy_agent_details", "Retrieve proxy agent details"),
      op("delete", "delete_proxy_agent", "Delete a proxy agent"),
      op("get", "get_proxy_agent_connections", "List all connections attached to the proxy agent", "/connections"),
      op("post", "regenerate_secrets_proxy_agent", "Regenerate a proxy agent's secrets", "/regenerate-secrets"),
    ],
  },
  {
    base: "/v1/hybrid-deployment-agents",
    param: "agentId",
    tag: "Hybrid Deployment Agents",
    notFound: notFound("HybridDeploymentAgent"),
    operations: [
      op("get", "get_hybrid_deployment_agent", "Retrieve hybrid deployment agent details"),
      op("delete", "delete_hybrid_deployment_agent", "Delete a hybrid deployment agent"),
      op(
        "patch",
        "re_auth_hybrid_deployment_agent",
        "Regenerate a hybrid deployment agent's authentication keys",
        "/re-auth",
      ),
      op(
        "post",
        "reset_hybrid_deployment_agent_credentials",
        "Reset a hybrid deployment agent's credentials",
        "/reset-credentials",
      ),
    ],
  },
  {
    base: "/v1/external-logging/account",
    tag: "Log Service",
    notFound: () =>
      new ApiError(404, "NotFound_ExternalLogging", "The account has no account-level external logging service."),
    operations: [
      op("get", "get_account_log_service_details", "Retrieve the account-level log service"),
      op("patch", "update_account_log_service", "Update the account-level log service"),
      op("delete", "delete_account_log_service", "Delete the account-level log service"),
      op("post", "run_setup_tests_account_log_service", "Run the account-level log service's setup tests", "/test"),
    ],
  },
  {
    // GET and DELETE of one log service are in bootstrap.routes.ts (§13.7), registered after these.
    base: "/v1/external-logging",
    param: "logId",
    tag: "Log Service",
    notFound: (id) =>
      new ApiError(404, "NotFound_ExternalLogging", `External logging service with id '${id}' does not exist.`),
    operations: [
      op("patch", "update_log_service", "Update a log service"),
      op("post", "run_setup_tests_log_service", "Run a log service's setup tests", "/test"),
    ],
  },
  {
    base: "/v1/transformations",
    param: "transformationId",
    tag: "Transformations",
    notFound: notFound("Transformation"),
    operations: [
      op("get", "transformation_details", "Retrieve transformation details"),
      op("patch", "update_transformation", "Update a transformation"),
      op("delete", "delete_transformation", "Delete a transformation"),
      op("post", "cancel_transformation", "Cancel a transformation", "/cancel"),
      op("post", "run_transformation", "Run a transformation", "/run"),
      op("post", "upgrade_transformation_package", "Upgrade a transformation's package", "/upgrade"),
    ],
  },
  {
    base: "/v1/transformation-projects",
    param: "projectId",
    tag: "Transformation Projects",
    notFound: notFound("TransformationProject"),
    operations: [
      op("get", "transformation_project_details", "Retrieve transformation project details"),
      op("patch", "modify_transformation_project", "Update a transformation project"),
      op("delete", "delete_transformation_project", "Delete a transformation project"),
      op("post", "test_transformation_project", "Test a transformation project", "/test"),
    ],
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
  for (const entity of entities) {
    for (const operation of entity.operations) {
      const param = entity.param;
      const route = createRoute({
        method: operation.method,
        path: `${entity.base}${param ? `/{${param}}` : ""}${operation.suffix ?? ""}`,
        tags: [entity.tag],
        operationId: operation.operationId,
        summary: operation.summary,
        description: "Always 404: this resource does not exist on fivetran.do (see the README).",
        request: param
          ? { params: z.object({ [param]: z.string().openapi({ param: { name: param, in: "path" } }) }) }
          : {},
        responses: { ...commonErrors, 404: jsonResponse("No such resource", errorSchema) },
      });
      const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
        const id = param ? (c.req.param(param) ?? "") : "";
        throw entity.notFound(id);
      };
      router.openapi(route, handler);
    }
  }
  return router;
}

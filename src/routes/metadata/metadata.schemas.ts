import { z } from "@hono/zod-openapi";

const connectorTypeFields = {
  id: z.string().openapi({ description: "The service id, as in a connection's `service`", example: "postgres" }),
  name: z.string().openapi({ example: "PostgreSQL" }),
  type: z
    .string()
    .openapi({ description: "Fivetran's connector type: Database, API, Marketing, …", example: "Database" }),
  description: z.string(),
  icon_url: z.string().nullable(),
  icons: z.array(z.string()),
  link_to_docs: z.string(),
  link_to_erd: z.string().nullable(),
  connector_class: z.enum(["standard", "lite"]),
  service_status: z.enum(["general_availability", "beta", "private_preview", "sunset", "development"]),
  service_status_updated_at: z.string().openapi({ description: "A date, YYYY-MM-DD", example: "2026-11-25" }),
  supported_features: z.array(
    z.object({
      id: z.string().openapi({ example: "CAPTURE_DELETES" }),
      notes: z.string().nullable(),
    }),
  ),
};

/** A connector type in the listing. */
export const connectorTypeSchema = z.object(connectorTypeFields).openapi("ConnectorType");

/**
 * A JSON-Schema-like node of `config`/`auth`: `properties` holds nodes of the same shape,
 * `items` one node. Secret fields carry `format: password`.
 */
export const configPropertySchema = z
  .object({
    type: z.string().optional().openapi({ example: "object" }),
    title: z.string().optional(),
    description: z.string().optional(),
    readonly: z.boolean(),
    format: z.string().optional().openapi({ example: "password" }),
    default: z.unknown().optional(),
    enum: z.array(z.string()).optional(),
    minimum: z.number().optional(),
    maximum: z.number().optional(),
    minLength: z.number().int().optional(),
    maxLength: z.number().int().optional(),
    pattern: z.string().optional(),
    items: z.record(z.string(), z.unknown()).optional().openapi({ description: "The node of each element" }),
    properties: z.record(z.string(), z.unknown()).optional().openapi({ description: "Nodes by field name" }),
    required: z.array(z.string()).optional(),
  })
  .openapi("ConnectorConfigProperty");

/** A connector type with the metadata of its configuration. */
export const connectorTypeDetailsSchema = z
  .object({
    ...connectorTypeFields,
    config: configPropertySchema,
    auth: configPropertySchema,
    external_secrets_keys_config: z.record(z.string(), z.unknown()),
  })
  .openapi("ConnectorTypeDetails");

/** Extension: which registry to read a service id from, for the ids both have (`postgres`, `snowflake`). */
export const serviceKindQuery = z.object({
  kind: z.enum(["source", "destination"]).optional().openapi({
    description:
      "Extension: `destination` for a destination service whose id a source also has (`snowflake`); without it a source comes first",
    example: "destination",
  }),
});

export const serviceParam = z.object({
  service: z.string().openapi({ param: { name: "service", in: "path" }, example: "postgres" }),
});

export const connectorIdParam = z.object({
  connectorId: z.string().openapi({ param: { name: "connectorId", in: "path" }, example: "sepulchre_settlement" }),
});

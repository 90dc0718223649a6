import { z } from "@hono/zod-openapi";
import { EXPIRATION_PERIODS } from "../../db/system-keys";
import { ACCESS_LEVELS, FILTERABLE, RESOURCE_TYPES } from "../../lib/system-key-access";

const timestamp = z.string().openapi({ example: "2023-11-10T19:32:58.646000Z" });

const resourceFilter = z
  .object({
    ids: z.array(z.string().min(1)).max(1000).optional().openapi({ description: "Connection or destination ids" }),
    group_ids: z.array(z.string().min(1)).max(1000).optional().openapi({ description: "Group ids" }),
  })
  .openapi("SystemKeyPermissionResourceFilter");

/** One rule; `resource_filter` only on CONNECTOR and DESTINATION, the types Fivetran filters. */
const permission = z
  .object({
    resource_type: z.enum(RESOURCE_TYPES).openapi({ example: "CONNECTOR" }),
    access_level: z.enum(ACCESS_LEVELS).openapi({ example: "MANAGE" }),
    resource_filter: resourceFilter.nullish(),
  })
  .refine((rule) => !rule.resource_filter || FILTERABLE.includes(rule.resource_type), {
    message: `resource_filter is supported only for resource types ${FILTERABLE.join(" and ")}`,
    path: ["resource_filter"],
  })
  // An empty filter would silently turn the rule into a general one, for every entity.
  .refine(
    (rule) =>
      !rule.resource_filter ||
      (rule.resource_filter.ids?.length ?? 0) + (rule.resource_filter.group_ids?.length ?? 0) > 0,
    { message: "resource_filter must name at least one id or group_id", path: ["resource_filter"] },
  )
  .openapi("SystemKeyPermissionRequest");

/** Fivetran's rule for a system key's name (its System Key Management page). */
const name = z
  .string()
  .max(255)
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    "must start with a letter or underscore and hold only letters, digits and underscores",
  )
  .openapi({ example: "prod_key" });

const expirationPeriod = z.enum(EXPIRATION_PERIODS).openapi({ example: "THREE_MONTHS" });

export const createSystemKeyBody = z
  .object({
    name,
    expiration_period: expirationPeriod
      .nullish()
      .openapi({ description: "Default INFINITE (no expiry), as keys made in Fivetran's dashboard" }),
    permissions: z.array(permission).max(1000).nullish(),
  })
  .openapi("NewSystemKeyRequest");

export const updateSystemKeyBody = z
  .object({
    name: name.nullish(),
    permissions: z.array(permission).max(1000).nullish().openapi({ description: "Replaces every rule of the key" }),
  })
  .openapi("UpdateSystemKeyRequest");

export const rotateSystemKeyBody = z
  .object({
    expiration_period: expirationPeriod
      .nullish()
      .openapi({ description: "The new expiry counts from now; default the key's own period" }),
  })
  .openapi("RotateSystemKeyRequest");

const permissionResponse = z
  .object({
    resource_type: z.string().openapi({ example: "CONNECTOR" }),
    access_level: z.string().openapi({ example: "MANAGE" }),
    resource_filter: resourceFilter.optional(),
  })
  .openapi("SystemKeyPermissionResponse");

export const systemKeySchema = z
  .object({
    id: z.string().openapi({ example: "sod_determine" }),
    name: z.string().openapi({ example: "prod_key" }),
    key: z.string().openapi({ description: "The key half of the Basic credentials" }),
    secret: z
      .string()
      .optional()
      .openapi({ description: "Only in the answers of create and rotate: it is never shown again" }),
    permissions: z.array(permissionResponse),
    created_at: timestamp,
    updated_at: timestamp.nullable(),
    expired_at: timestamp.nullable().openapi({ description: "null: the key does not expire" }),
    last_used_at: timestamp.nullable(),
  })
  .openapi("SystemKey");

export const keyIdParam = z.object({
  keyId: z.string().openapi({ param: { name: "keyId", in: "path" }, example: "sod_determine" }),
});

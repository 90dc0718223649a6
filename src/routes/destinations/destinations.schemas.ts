import { z } from "@hono/zod-openapi";
import { setupTestSchema } from "../setup-tests.schemas";

/** Fivetran's data processing locations (§7.1); GCP_US_EAST4 is the default. */
export const REGIONS = [
  "GCP_US_EAST4",
  "GCP_US_WEST1",
  "GCP_US_CENTRAL1",
  "GCP_EUROPE_WEST3",
  "GCP_AUSTRALIA_SOUTHEAST1",
  "GCP_NORTHAMERICA_NORTHEAST1",
  "GCP_EUROPE_WEST2",
  "GCP_ASIA_SOUTHEAST1",
  "GCP_ASIA_SOUTHEAST2",
  "GCP_ASIA_SOUTH1",
  "GCP_ASIA_NORTHEAST1",
  "AWS_US_EAST_1",
  "AWS_US_EAST_2",
  "AWS_US_WEST_2",
  "AWS_AP_NORTHEAST_1",
  "AWS_AP_SOUTHEAST_1",
  "AWS_AP_SOUTHEAST_2",
  "AWS_EU_CENTRAL_1",
  "AWS_EU_WEST_1",
  "AWS_EU_WEST_2",
  "AWS_AP_SOUTH_1",
  "AWS_CA_CENTRAL_1",
  "AWS_US_GOV_WEST_1",
  "AZURE_EASTUS2",
  "AZURE_AUSTRALIAEAST",
  "AZURE_UKSOUTH",
  "AZURE_WESTEUROPE",
  "AZURE_CENTRALUS",
  "AZURE_CANADACENTRAL",
  "AZURE_UAENORTH",
  "AZURE_SOUTHEASTASIA",
  "AZURE_EASTUS",
  "AZURE_JAPANEAST",
  "AZURE_CENTRALINDIA",
] as const;

export const NETWORKING_METHODS = ["Directly", "PrivateLink", "SshTunnel", "ProxyAgent"] as const;

/**
 * Fivetran's form of a whole-hour UTC offset: `"-11"` … `"-1"`, `"0"`, `"+1"` … `"+12"`.
 * Undefined for anything outside that set.
 */
export function canonicalOffset(value: string | number): string | undefined {
  const text = String(value).trim();
  if (!/^[+-]?\d{1,2}$/.test(text)) return undefined;
  const hours = Number(text);
  if (hours < -11 || hours > 12) return undefined;
  return hours > 0 ? `+${hours}` : String(hours === 0 ? 0 : hours);
}

/**
 * Accepts the canonical strings, other spellings of the same whole hours ("5", "+05") and
 * integers. Numbers become strings first, so a missing value is still "required".
 */
const timeZoneOffset = z
  .preprocess(
    (value) => (typeof value === "number" ? String(value) : value),
    z.string().transform((value, ctx) => {
      const offset = canonicalOffset(value);
      if (offset === undefined) {
        ctx.addIssue({
          code: "custom",
          message: 'must be a whole-hour UTC offset from "-11" to "+12", e.g. "-5", "0", "+10"',
        });
        return z.NEVER;
      }
      return offset;
    }),
  )
  .openapi({ type: "string", example: "-5", description: 'UTC offset in whole hours, "-11" … "0" … "+12"' });

/** A destination as Fivetran's API returns it (§7.1); config values are strings (§7.2). */
export const destinationSchema = z
  .object({
    id: z.string().openapi({ example: "projected_sickle", description: "Equals the group id" }),
    group_id: z.string().openapi({ example: "projected_sickle" }),
    service: z.string().openapi({ example: "postgres_warehouse" }),
    region: z.enum(REGIONS),
    time_zone_offset: z.string().openapi({ example: "-5" }),
    setup_status: z.enum(["incomplete", "connected", "broken"]),
    daylight_saving_time_enabled: z.boolean(),
    networking_method: z.enum(NETWORKING_METHODS),
    private_link_id: z.string().nullable(),
    proxy_agent_id: z.string().nullable(),
    hybrid_deployment_agent_id: z.string().nullable(),
    local_processing_agent_id: z.string().nullable().openapi({ description: "Deprecated; always null" }),
    external_secrets_manager_id: z.string().nullable(),
    config: z.record(z.string(), z.unknown()).openapi({
      description:
        'Service config in Fivetran\'s field names. Values come back as strings (except is_private_key_encrypted); secrets as "******".',
      example: { host: "db.example.com", port: "5432", database: "warehouse", user: "loader", password: "******" },
    }),
  })
  .openapi("Destination");

export const destinationWithTestsSchema = destinationSchema
  .extend({ setup_tests: z.array(setupTestSchema) })
  .openapi("DestinationWithSetupTests");

export type Destination = z.infer<typeof destinationSchema>;

const config = z.record(z.string(), z.unknown()).nullish().openapi({
  description:
    "Service config in Fivetran's field names (or our SDK's short forms, e.g. connectionString). On PATCH it is merged; \"******\" keeps a stored secret.",
});

/** Optional fields shared by create and update; `null` means "not provided" everywhere. */
const common = {
  region: z.enum(REGIONS).nullish(),
  config,
  run_setup_tests: z.boolean().nullish(),
  trust_certificates: z.boolean().nullish().openapi({
    description:
      "true approves the TLS certificate the setup tests find untrusted (see the certificates endpoints), then runs them again",
  }),
  trust_fingerprints: z.boolean().nullish().openapi({ description: "Accepted for compatibility; no effect" }),
  daylight_saving_time_enabled: z.boolean().nullish(),
  networking_method: z.enum(NETWORKING_METHODS).nullish(),
  private_link_id: z.string().min(1).nullish(),
  proxy_agent_id: z.string().min(1).nullish(),
  hybrid_deployment_agent_id: z.string().min(1).nullish(),
  external_secrets_manager_id: z.string().min(1).nullish(),
};

export const createDestinationBody = z
  .object({
    group_id: z.string().min(1, "must not be empty").openapi({ example: "projected_sickle" }),
    service: z.string().min(1, "must not be empty").openapi({ example: "postgres_warehouse" }),
    time_zone_offset: timeZoneOffset,
    ...common,
  })
  .openapi("NewDestinationRequest");

export const updateDestinationBody = z
  .object({ time_zone_offset: timeZoneOffset.nullish(), ...common })
  .openapi("UpdateDestinationRequest");

export const runSetupTestsBody = z
  .object({
    trust_certificates: z.boolean().nullish(),
    trust_fingerprints: z.boolean().nullish(),
  })
  .openapi("RunDestinationSetupTestsRequest");

export const destinationIdParam = z.object({
  destinationId: z.string().openapi({ param: { name: "destinationId", in: "path" }, example: "projected_sickle" }),
});

import { z } from "@hono/zod-openapi";
import { ConfigurationError } from "../../errors";
import type { ConnectorContext, DestinationDefinition, SetupTest } from "../../protocol";
import { secret } from "../../toolkit/config";
import { excerpt } from "../../toolkit/egress";
import { GoogleTokenError, googleErrorDetail, ServiceAccountTokens } from "../../toolkit/google-auth";
import { BIGQUERY_CAPABILITIES, openBigQueryWriter } from "./writer";

/** BigQuery's REST API v2. */
export const BIGQUERY_API = "https://bigquery.googleapis.com/bigquery/v2";
/** The OAuth scope of loading: read and write BigQuery. */
export const BIGQUERY_SCOPE = "https://www.googleapis.com/auth/bigquery";

/** The fields of a service-account key file that signing needs. */
export interface ServiceAccountKey {
  type: "service_account";
  client_email: string;
  private_key: string;
  private_key_id?: string;
  project_id?: string;
}

/** Parses a service-account key file; a message naming what is wrong (never its content) otherwise. */
export function parseServiceAccountKey(text: string): ServiceAccountKey | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "not JSON: paste the whole service-account key file";
  }
  const key = value as Partial<ServiceAccountKey> | null;
  if (!key || typeof key !== "object") return "not a service-account key file";
  if (key.type !== "service_account") return "not a service-account key (its type must be 'service_account')";
  if (typeof key.client_email !== "string" || !key.client_email) return "the key file has no client_email";
  if (typeof key.private_key !== "string" || !key.private_key) return "the key file has no private_key";
  return key as ServiceAccountKey;
}

/**
 * BigQuery, in Fivetran's field names: `project_id`, `data_set_location`, and `secret_key`,
 * the service-account key file (JSON) loading authenticates with. Fivetran's own service
 * account does not exist here, so without `secret_key` the setup tests fail and say so.
 * Our SDK's `{project, dataset}` maps onto `project_id` and `dataset` (an extension: the
 * default dataset).
 */
const fields = z.object({
  project_id: z
    .string()
    .trim()
    .regex(/^(?:[a-z][a-z0-9.-]*:)?[a-z][a-z0-9-]{4,61}[a-z0-9]$/, "a Google Cloud project id"),
  data_set_location: z.string().trim().min(1).optional(),
  dataset: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_]{1,1024}$/, "letters, digits and _ only")
    .optional(),
  secret_key: secret(
    z.string().superRefine((text, ctx) => {
      const parsed = parseServiceAccountKey(text);
      if (typeof parsed === "string") ctx.addIssue({ code: "custom", message: parsed });
    }),
  ).optional(),
});

export type BigQueryConfig = z.infer<typeof fields>;

const TITLES = {
  key: "Validating the service-account key",
  token: "Obtaining an access token",
  project: "Connecting to BigQuery",
  dataset: "Checking the dataset",
} as const;

function skipped(...titles: string[]): SetupTest[] {
  return titles.map((title) => ({ title, status: "SKIPPED", message: "Skipped: an earlier test failed" }));
}

/** Google's error body, `{error: {code, message, status}}` (or OAuth's `{error, error_description}`). */
async function googleError(response: Response): Promise<string> {
  const detail = googleErrorDetail(await response.json().catch(() => ({})));
  return `HTTP ${response.status}${detail ? ` ${detail}` : ""}`;
}

/** Mints an access token with the JWT bearer grant (RFC 7523) of a service account. */
export async function serviceAccountToken(key: ServiceAccountKey, ctx: ConnectorContext): Promise<string> {
  try {
    return await new ServiceAccountTokens(key, BIGQUERY_SCOPE, ctx).token();
  } catch (error) {
    if (error instanceof GoogleTokenError) {
      throw new Error(`Google refused the key: HTTP ${error.status}${error.detail ? ` ${error.detail}` : ""}`);
    }
    throw error;
  }
}

async function getJson(url: string, token: string, ctx: ConnectorContext) {
  return ctx.fetch(url, {
    headers: { Authorization: `Bearer ${token}`, Accept: "application/json" },
    signal: ctx.signal,
  });
}

async function checkProject(config: BigQueryConfig, token: string, ctx: ConnectorContext): Promise<SetupTest> {
  const project = encodeURIComponent(config.project_id);
  try {
    const response = await getJson(`${BIGQUERY_API}/projects/${project}/datasets?maxResults=1`, token, ctx);
    if (!response.ok) {
      return {
        title: TITLES.project,
        status: "FAILED",
        message: `Project ${config.project_id}: ${await googleError(response)}`,
      };
    }
    await response.body?.cancel();
    return { title: TITLES.project, status: "PASSED", message: `Listed datasets of project ${config.project_id}` };
  } catch (error) {
    return {
      title: TITLES.project,
      status: "FAILED",
      message: `Could not reach BigQuery: ${excerpt((error as Error).message ?? String(error))}`,
    };
  }
}

async function checkDataset(
  config: BigQueryConfig,
  dataset: string,
  token: string,
  ctx: ConnectorContext,
): Promise<SetupTest> {
  const path = `${BIGQUERY_API}/projects/${encodeURIComponent(config.project_id)}/datasets/${encodeURIComponent(dataset)}`;
  try {
    const response = await getJson(path, token, ctx);
    if (response.status === 404) {
      await response.body?.cancel();
      return {
        title: TITLES.dataset,
        status: "WARNING",
        message: `Dataset ${config.project_id}:${dataset} does not exist yet; the first sync creates it`,
      };
    }
    if (!response.ok) {
      return { title: TITLES.dataset, status: "FAILED", message: `Dataset ${dataset}: ${await googleError(response)}` };
    }
    const body = (await response.json()) as { location?: string };
    return {
      title: TITLES.dataset,
      status: "PASSED",
      message: `Dataset ${config.project_id}:${dataset} exists${body.location ? ` in ${body.location}` : ""}`,
    };
  } catch (error) {
    return {
      title: TITLES.dataset,
      status: "FAILED",
      message: `Could not reach BigQuery: ${excerpt((error as Error).message ?? String(error))}`,
    };
  }
}

export const bigQueryDestination: DestinationDefinition<typeof fields> = {
  service: "big_query",
  aliases: ["bigquery"],
  info: {
    name: "BigQuery",
    type: "Warehouse",
    description: "A Google BigQuery project, loaded with a service account's key",
    linkToDocs: "https://fivetran.com/docs/destinations/bigquery",
  },
  fields,
  syncModes: BIGQUERY_CAPABILITIES.syncModes,
  writer: {
    async open(config, ctx) {
      const key = config.secret_key ? parseServiceAccountKey(config.secret_key) : "config.secret_key is not set";
      if (typeof key === "string") {
        throw new ConfigurationError(`BigQuery needs a service-account key to load with: ${key}`, "missing_secret_key");
      }
      return openBigQueryWriter(config, key, ctx);
    },
  },
  normalize(input) {
    const { project, location, ...rest } = input;
    const out: Record<string, unknown> = { ...rest };
    if (project !== undefined) out.project_id ??= project;
    if (location !== undefined) out.data_set_location ??= location;
    // The key file pasted as an object rather than as its text.
    if (out.secret_key !== null && typeof out.secret_key === "object") out.secret_key = JSON.stringify(out.secret_key);
    return out;
  },
  async check(config, ctx) {
    const later = config.dataset ? [TITLES.token, TITLES.project, TITLES.dataset] : [TITLES.token, TITLES.project];
    if (!config.secret_key) {
      return [
        {
          title: TITLES.key,
          status: "FAILED",
          message:
            "config.secret_key is not set: fivetran.do has no Google service account of its own; set secret_key to a service-account key file with the BigQuery Data Editor and BigQuery Job User roles",
        },
        ...skipped(...later),
      ];
    }
    const key = parseServiceAccountKey(config.secret_key);
    if (typeof key === "string") return [{ title: TITLES.key, status: "FAILED", message: key }, ...skipped(...later)];
    const tests: SetupTest[] = [
      { title: TITLES.key, status: "PASSED", message: `Service account ${key.client_email}` },
    ];
    let token: string;
    try {
      token = await serviceAccountToken(key, ctx);
    } catch (error) {
      return [
        ...tests,
        { title: TITLES.token, status: "FAILED", message: (error as Error).message },
        ...skipped(...later.slice(1)),
      ];
    }
    tests.push({ title: TITLES.token, status: "PASSED", message: `Access token issued for ${key.client_email}` });
    const project = await checkProject(config, token, ctx);
    tests.push(project);
    if (config.dataset) {
      tests.push(
        project.status === "FAILED"
          ? (skipped(TITLES.dataset)[0] as SetupTest)
          : await checkDataset(config, config.dataset, token, ctx),
      );
    }
    return tests;
  },
};

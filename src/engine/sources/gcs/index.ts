import { z } from "@hono/zod-openapi";
import type { ConnectorContext, SetupTest, SourceDefinition } from "../../protocol";
import { isRecord, renameKeys } from "../../toolkit/common";
import { secret } from "../../toolkit/config";
import { fileFields, normalizeFormat, splitBucketUrl } from "../../toolkit/files";
import {
  readTokenResponse,
  type ServiceAccountKey,
  serviceAccountAssertion,
  tokenEndpoint,
  tokenRequest,
} from "../../toolkit/google-auth";
import { pickString, probe, shorten } from "../../toolkit/http";
/** The Cloud Storage JSON API. */
export const GCS_API = "https://storage.googleapis.com/storage/v1";
/** Listing and reading objects is all a source needs. */
export const GCS_READ_SCOPE = "https://www.googleapis.com/auth/devstorage.read_only";

/** A service account key file's JSON, or undefined with what is wrong. */
export function parseServiceAccount(text: string): { key?: ServiceAccountKey; problem?: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: "not JSON: paste the whole service account key file" };
  }
  if (!isRecord(value) || value.type !== "service_account")
    return { problem: "not a service account key file (type must be service_account)" };
  if (typeof value.client_email !== "string" || typeof value.private_key !== "string") {
    return { problem: "the key file lacks client_email or private_key" };
  }
  return { key: value as unknown as ServiceAccountKey };
}

const serviceAccountJson = z.string().superRefine((text, ctx) => {
  const { problem } = parseServiceAccount(text);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** GCS naming: 3–63 characters (222 with dots) of a-z, 0-9, '-', '_', '.', alphanumeric at both ends. */
const bucketName = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/, "a Cloud Storage bucket name (a-z, 0-9, '-', '_', '.')")
  .refine(
    (name) => name.split(".").every((part) => part.length <= 63) && !name.startsWith("goog"),
    "a Cloud Storage bucket name",
  );

/**
 * Google Cloud Storage, in Fivetran's `gcs_config_V1` names: `bucket`, `prefix`,
 * `pattern`, `file_type`, … and `auth_type` CUSTOM_SERVICE_ACCOUNT with `secret_key` (the
 * service account's JSON key file). Our SDK's `{bucket, prefix, format}` (bucket also as
 * `gs://bucket/prefix`) and `credentials` (the key file, as JSON or an object) map onto them.
 */
const fields = z
  .object({
    ...fileFields,
    bucket: bucketName,
    auth_type: z.enum(["FIVETRAN_SERVICE_ACCOUNT", "CUSTOM_SERVICE_ACCOUNT"]).optional(),
    secret_key: secret(serviceAccountJson).optional(),
  })
  .superRefine((config, ctx) => {
    if (config.auth_type === "CUSTOM_SERVICE_ACCOUNT" && !config.secret_key) {
      ctx.addIssue({ code: "custom", path: ["secret_key"], message: "required with auth_type CUSTOM_SERVICE_ACCOUNT" });
    }
  });

export type GcsSourceConfig = z.infer<typeof fields>;

/** `{error: {code, message}}` from the JSON API; `{error, error_description}` from OAuth. */
function googleError(body: unknown): string | undefined {
  const message = pickString(body, "error", "message");
  if (message) return message;
  const error = pickString(body, "error");
  const description = pickString(body, "error_description");
  return error ? `${error}${description ? `: ${description}` : ""}` : undefined;
}

/** Exchanges a signed JWT for an access token (OAuth 2.0 for service accounts, RFC 7523). */
async function accessToken(
  ctx: ConnectorContext,
  key: ServiceAccountKey,
): Promise<{ test: SetupTest; token?: string }> {
  const title = "Authenticating the service account";
  let assertion: string;
  try {
    assertion = await serviceAccountAssertion(key, GCS_READ_SCOPE, ctx.now());
  } catch {
    return {
      test: {
        title,
        status: "FAILED",
        message: "The key file's private_key is not a PKCS#8 RSA key (-----BEGIN PRIVATE KEY-----)",
        details: { auth: true },
      },
    };
  }
  const result = await probe(ctx, tokenEndpoint(key), tokenRequest(assertion), {
    title,
    vendor: "Google",
    errorMessage: googleError,
    classify: (response, _body, message) =>
      response.status === 400
        ? {
            title,
            status: "FAILED",
            message: `Google refused the service account's token request (400)${message ? `: ${shorten(message)}` : ""}`,
            details: { status: 400, auth: true },
          }
        : undefined,
    success: () => `Signed in as ${key.client_email}`,
  });
  const token = result.ok ? readTokenResponse(result.body, ctx.now())?.accessToken : undefined;
  if (result.ok && !token) {
    return { test: { title, status: "FAILED", message: "Google's token response lacks access_token" } };
  }
  return { test: result.test, token: result.ok ? token : undefined };
}

export const gcsSource: SourceDefinition<typeof fields> = {
  service: "gcs",
  naming: "schema",
  info: {
    name: "Google Cloud Storage",
    type: "File",
    description: "CSV, JSON, Parquet, Avro and other files from a Google Cloud Storage bucket",
    linkToDocs: "https://fivetran.com/docs/connectors/files/google-cloud-storage",
    features: [{ id: "API_CONFIGURABLE" }],
  },
  fields,
  normalize(input) {
    const out = renameKeys(splitBucketUrl(normalizeFormat(input), "gs"), {
      credentials: "secret_key",
      serviceAccount: "secret_key",
      serviceAccountKey: "secret_key",
    });
    if (isRecord(out.secret_key)) out.secret_key = JSON.stringify(out.secret_key);
    if (out.secret_key !== undefined && out.auth_type === undefined) out.auth_type = "CUSTOM_SERVICE_ACCOUNT";
    return out;
  },
  async check(config, ctx) {
    const key = config.secret_key ? parseServiceAccount(config.secret_key).key : undefined;
    if (!key) {
      return [
        {
          title: "Authenticating the service account",
          status: "FAILED",
          message:
            "auth_type FIVETRAN_SERVICE_ACCOUNT needs a Google identity of ours, and fivetran.do runs on Cloudflare without one: create a service account with Storage Object Viewer on the bucket and set auth_type CUSTOM_SERVICE_ACCOUNT with its JSON key as secret_key",
          details: { auth: true },
        },
      ];
    }
    const auth = await accessToken(ctx, key);
    const tests: SetupTest[] = [auth.test];
    if (!auth.token) return tests;
    const url = new URL(`${GCS_API}/b/${encodeURIComponent(config.bucket)}/o`);
    url.searchParams.set("maxResults", "1");
    if (config.prefix) url.searchParams.set("prefix", config.prefix);
    const where = `gs://${config.bucket}/${config.prefix ?? ""}`;
    const listing = await probe(
      ctx,
      url,
      { headers: { Authorization: `Bearer ${auth.token}` } },
      {
        title: "Listing files",
        vendor: "Google Cloud Storage",
        errorMessage: googleError,
      },
    );
    if (!listing.ok) {
      tests.push(listing.test);
      return tests;
    }
    const first = pickString(listing.body, "items", 0, "name");
    tests.push(
      first
        ? { title: "Listing files", status: "PASSED", message: `Listed ${where}: found ${first}` }
        : {
            title: "Listing files",
            status: "WARNING",
            message: `${where} is readable but holds no files yet; check prefix if files are expected`,
          },
    );
    return tests;
  },
};

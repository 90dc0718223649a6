import { z } from "@hono/zod-openapi";
import { AuthError, ConfigurationError, TransientError } from "../../errors";
import type { ConnectorContext, SetupTest, SourceDefinition } from "../../protocol";
import { isRecord, renameKeys } from "../../toolkit/common";
import { secret } from "../../toolkit/config";
import { type FileStore, fileReader } from "../../toolkit/file-source";
import { fileFields, fileTable, normalizeFormat, splitBucketUrl } from "../../toolkit/files";
import {
  GoogleKeyError,
  GoogleTokenError,
  googleErrorDetail,
  readTokenResponse,
  type ServiceAccountKey,
  serviceAccountAssertion,
  tokenEndpoint,
  tokenRequest,
} from "../../toolkit/google-auth";
import { pickString, probe, shorten } from "../../toolkit/http";
import { abortableSleep } from "../../toolkit/http-client";
import { s3ApiStore } from "../../toolkit/s3-api";
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
    auth_type: z.enum(["FIVETRAN_SERVICE_ACCOUNT", "CUSTOM_SERVICE_ACCOUNT", "HMAC_KEY"]).optional(),
    secret_key: secret(serviceAccountJson).optional(),
    /**
     * Our addition, auth_type HMAC_KEY: an HMAC key of a service account, for the XML API
     * (S3-compatible, signed with AWS Signature Version 4).
     */
    hmac_access_id: z.string().trim().min(16).max(128).optional(),
    hmac_secret: secret(z.string().trim().min(1)).optional(),
    /** Our addition: a Cloud Storage emulator's or private endpoint's URL instead of storage.googleapis.com. */
    endpoint: z
      .url({ protocol: /^https?$/, error: "an http(s) URL" })
      .transform((url) => url.replace(/\/+$/, ""))
      .optional(),
  })
  .superRefine((config, ctx) => {
    if (config.auth_type === "HMAC_KEY") {
      for (const field of ["hmac_access_id", "hmac_secret"] as const) {
        if (!config[field])
          ctx.addIssue({ code: "custom", path: [field], message: "required with auth_type HMAC_KEY" });
      }
    }
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

/** The JSON API's base URL (`…/storage/v1`), or the configured endpoint's. */
function apiBase(config: GcsSourceConfig): string {
  return config.endpoint ? `${config.endpoint}/storage/v1` : GCS_API;
}

/** A cached access token of the service account, refreshed a minute before it expires. */
function tokenSource(ctx: ConnectorContext, key: ServiceAccountKey) {
  let token: { accessToken: string; expiresAt: number } | undefined;
  const fetcher = ctx.fetch;
  return async (signal?: AbortSignal): Promise<string> => {
    if (token && token.expiresAt - 60_000 > ctx.now().getTime()) return token.accessToken;
    let assertion: string;
    try {
      assertion = await serviceAccountAssertion(key, GCS_READ_SCOPE, ctx.now());
    } catch {
      throw new GoogleKeyError();
    }
    const response = await fetcher(tokenEndpoint(key), tokenRequest(assertion, signal));
    const body = await response.json().catch(() => undefined);
    const read = response.ok ? readTokenResponse(body, ctx.now()) : undefined;
    if (!read) throw new GoogleTokenError(response.status, googleErrorDetail(body));
    token = read;
    return read.accessToken;
  };
}

/** The bucket through the JSON API: objects.list paged by pageToken, objects.get with alt=media. */
export function gcsJsonStore(config: GcsSourceConfig, ctx: ConnectorContext): FileStore {
  const key = config.secret_key ? parseServiceAccount(config.secret_key).key : undefined;
  if (!key) throw new ConfigurationError(FIVETRAN_ACCOUNT_UNSUPPORTED, "fivetran_service_account_unsupported");
  const token = tokenSource(ctx, key);
  const fetcher = ctx.fetch;
  const base = `${apiBase(config)}/b/${encodeURIComponent(config.bucket)}/o`;
  const send = async (url: string, headers: Record<string, string>, what: string, signal?: AbortSignal) => {
    for (let attempt = 0; ; attempt++) {
      const response = await fetcher(url, {
        headers: { ...headers, Authorization: `Bearer ${await token(signal)}` },
        signal,
      });
      if (response.ok) return response;
      const body = await response.text().catch(() => "");
      let said = `HTTP ${response.status}`;
      try {
        said = googleError(JSON.parse(body)) ?? said;
      } catch {}
      const retryable = response.status === 429 || response.status >= 500;
      if (retryable && attempt < 5) {
        const hinted = Number(response.headers.get("Retry-After"));
        await abortableSleep(hinted > 0 ? hinted * 1000 : 200 * 2 ** attempt, signal);
        continue;
      }
      const text = `Google Cloud Storage answered ${response.status} to ${what}: ${said}`;
      if (response.status === 401 || response.status === 403) throw new AuthError(text);
      if (retryable || response.status === 412) throw new TransientError(text);
      if (response.status === 404 && what.startsWith("reading")) return undefined;
      throw new ConfigurationError(text, `http_${response.status}`);
    }
  };
  return {
    where: (name) => `gs://${config.bucket}/${name}`,
    async *list(prefix, signal) {
      let pageToken: string | undefined;
      do {
        const url = new URL(base);
        url.searchParams.set("maxResults", "1000");
        url.searchParams.set("fields", "items(name,updated,size,generation),nextPageToken");
        if (prefix) url.searchParams.set("prefix", prefix);
        if (pageToken) url.searchParams.set("pageToken", pageToken);
        const response = await send(url.href, {}, `listing gs://${config.bucket}/${prefix}`, signal);
        const body = (await response?.json()) as {
          items?: { name: string; updated: string; size: string; generation: string }[];
          nextPageToken?: string;
        };
        yield (body.items ?? []).map((item) => ({
          key: item.name,
          modified: new Date(item.updated).toISOString(),
          size: Number(item.size),
          etag: String(item.generation),
        }));
        pageToken = body.nextPageToken;
      } while (pageToken);
    },
    async read(object, start, end, signal) {
      const empty = () => new Response(new Uint8Array(0)).body as ReadableStream<Uint8Array>;
      if (end !== undefined && end <= start) return empty();
      // The generation listed, not a newer one written since.
      const url = `${base}/${encodeURIComponent(object.key)}?alt=media&ifGenerationMatch=${encodeURIComponent(object.etag)}`;
      const headers: Record<string, string> = {};
      if (start > 0 || end !== undefined) headers.Range = `bytes=${start}-${end === undefined ? "" : end - 1}`;
      const response = await send(url, headers, `reading gs://${config.bucket}/${object.key}`, signal);
      return response?.body ?? empty();
    },
  };
}

/** The bucket through the XML API with an HMAC key (toolkit/s3-api.ts, path-style). */
export function gcsXmlStore(config: GcsSourceConfig, ctx: ConnectorContext): FileStore {
  return s3ApiStore(
    {
      vendor: "Google Cloud Storage",
      scheme: "gs://",
      bucket: config.bucket,
      bucketUrl: `${config.endpoint ?? "https://storage.googleapis.com"}/${config.bucket}/`,
      credentials: {
        accessKeyId: config.hmac_access_id ?? "",
        secretAccessKey: config.hmac_secret ?? "",
        // Cloud Storage takes SigV4 with the region `auto`.
        region: "auto",
      },
    },
    ctx,
  );
}

const FIVETRAN_ACCOUNT_UNSUPPORTED =
  "auth_type FIVETRAN_SERVICE_ACCOUNT needs a Google identity of ours, and fivetran.do runs on Cloudflare without one: create a service account with Storage Object Viewer on the bucket and set auth_type CUSTOM_SERVICE_ACCOUNT with its JSON key as secret_key (or HMAC_KEY with hmac_access_id and hmac_secret)";

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
  reader: fileReader({
    table: (config) => fileTable(config),
    store: (config, ctx) => (config.auth_type === "HMAC_KEY" ? gcsXmlStore(config, ctx) : gcsJsonStore(config, ctx)),
  }),
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
    const where = `gs://${config.bucket}/${config.prefix ?? ""}`;
    if (config.auth_type === "HMAC_KEY") {
      try {
        for await (const page of gcsXmlStore(config, ctx).list(config.prefix ?? "", ctx.signal)) {
          const first = page.find((o) => !o.key.endsWith("/"));
          return [
            first
              ? {
                  title: "Listing files",
                  status: "PASSED",
                  message: `Listed ${where} with the HMAC key: found ${first.key}`,
                }
              : {
                  title: "Listing files",
                  status: "WARNING",
                  message: `${where} is readable but holds no files yet; check prefix if files are expected`,
                },
          ];
        }
      } catch (error) {
        return [
          {
            title: "Listing files",
            status: "FAILED",
            message: error instanceof Error ? error.message : String(error),
            details: { auth: error instanceof AuthError },
          },
        ];
      }
    }
    const key = config.secret_key ? parseServiceAccount(config.secret_key).key : undefined;
    if (!key) {
      return [
        {
          title: "Authenticating the service account",
          status: "FAILED",
          message: FIVETRAN_ACCOUNT_UNSUPPORTED,
          details: { auth: true },
        },
      ];
    }
    const auth = await accessToken(ctx, key);
    const tests: SetupTest[] = [auth.test];
    if (!auth.token) return tests;
    const url = new URL(`${apiBase(config)}/b/${encodeURIComponent(config.bucket)}/o`);
    url.searchParams.set("maxResults", "1");
    if (config.prefix) url.searchParams.set("prefix", config.prefix);
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

import { z } from "@hono/zod-openapi";
import { AwsClient } from "aws4fetch";
import { ConfigurationError } from "../../errors";
import type { ConnectorContext, DestinationDefinition, SetupTest } from "../../protocol";
import { secret } from "../../toolkit/config";
import { type LakeBucket, R2_SYNC_MODES, R2Writer } from "./writer";

/** R2 bindings of this Worker that an `r2` destination may name (data lakes only). */
export const R2_DESTINATION_BINDINGS: readonly string[] = ["DATA_LAKE"];

/** Object name (under `prefix`) of the setup test's probe. */
export const PROBE_OBJECT = "_fivetran_setup_test";

/**
 * Either `bucket`, the name of one of {@link R2_DESTINATION_BINDINGS}, or, for any bucket,
 * `account_id` + `bucket_name` + an R2 API token's S3 credentials (`access_key_id`,
 * `secret_access_key`) used with R2's S3-compatible API. The HTTP fields win when both are
 * set. Files are written as `format` (parquet by default) under `prefix`.
 */
const fields = z
  .object({
    bucket: z.string().trim().min(1).optional(),
    account_id: z
      .string()
      .trim()
      .regex(/^[0-9a-f]{32}$/i, "a Cloudflare account id (32 hex digits)")
      .optional(),
    bucket_name: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, "an R2 bucket name (3-63 lowercase letters, digits and -)")
      .optional(),
    access_key_id: z.string().trim().min(1).optional(),
    secret_access_key: secret(z.string().min(1)).optional(),
    format: z.enum(["parquet", "json", "csv"]).default("parquet"),
    prefix: z
      .string()
      .trim()
      .transform((value) => value.replace(/^\/+|\/+$/g, ""))
      .optional(),
  })
  .superRefine((config, ctx) => {
    const http = config.account_id !== undefined || config.bucket_name !== undefined;
    if (http) {
      for (const key of ["account_id", "bucket_name", "access_key_id", "secret_access_key"] as const) {
        if (config[key] === undefined) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            message:
              "required to reach R2 through its S3 API (account_id, bucket_name, access_key_id, secret_access_key)",
          });
        }
      }
      return;
    }
    if (config.bucket === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["bucket"],
        message: `name an R2 binding (${R2_DESTINATION_BINDINGS.join(", ")}), or set account_id, bucket_name, access_key_id and secret_access_key`,
      });
    } else if (!R2_DESTINATION_BINDINGS.includes(config.bucket)) {
      ctx.addIssue({
        code: "custom",
        path: ["bucket"],
        message: `'${config.bucket}' is not a destination R2 binding; use one of: ${R2_DESTINATION_BINDINGS.join(", ")}`,
      });
    }
  });

export type R2DestinationConfig = z.infer<typeof fields>;

/** An R2 bucket reached through a binding or the S3 API: the operations loading needs. */
export type R2Target = LakeBucket;

/** A non-2xx answer of the S3 API, with S3's error code (`InvalidAccessKeyId`, …). */
export class S3ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    detail: string | undefined,
  ) {
    super(`R2 S3 API answered HTTP ${status}${code ? ` ${code}` : ""}${detail ? `: ${detail}` : ""}`);
    this.name = "S3ApiError";
  }
}

/** An R2 binding as the writer uses it (objects as bytes or text, listings). */
export function bindingLake(bucket: R2Bucket, label: string): LakeBucket {
  return {
    label,
    async put(key, body, contentType) {
      await bucket.put(key, body, { httpMetadata: { contentType } });
    },
    async get(key) {
      const object = await bucket.get(key);
      return object ? object.text() : null;
    },
    async getBytes(key) {
      const object = await bucket.get(key);
      return object ? new Uint8Array(await object.arrayBuffer()) : null;
    },
    async delete(key) {
      await bucket.delete(key);
    },
    async list(prefix) {
      const keys: string[] = [];
      let cursor: string | undefined;
      for (;;) {
        const page = await bucket.list({ prefix, ...(cursor ? { cursor } : {}) });
        keys.push(...page.objects.map((o) => o.key));
        if (!page.truncated) return keys;
        cursor = page.cursor;
      }
    },
  };
}

/** A binding's bucket: the context hands it out already confined to the account's namespace. */
function bindingTarget(ctx: ConnectorContext, name: string): R2Target {
  const bucket = ctx.bindings[name] as R2Bucket | undefined;
  if (!bucket || typeof bucket.put !== "function" || typeof bucket.get !== "function") {
    throw new Error(`This Worker has no R2 binding '${name}'`);
  }
  const namespace = ctx.namespaces?.[name];
  return bindingLake(bucket, `R2 binding ${name}${namespace ? ` (namespace ${namespace})` : ""}`);
}

/** `20240102T030405Z`, SigV4's timestamp format. */
function amzDate(date: Date): string {
  return date.toISOString().replace(/[-:]|\.\d{3}/g, "");
}

async function s3Error(response: Response): Promise<S3ApiError> {
  const text = await response.text().catch(() => "");
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
  return new S3ApiError(response.status, code, message);
}

function s3Target(
  config: Required<Pick<R2DestinationConfig, "account_id" | "bucket_name" | "access_key_id" | "secret_access_key">>,
  ctx: ConnectorContext,
): R2Target {
  const aws = new AwsClient({
    accessKeyId: config.access_key_id,
    secretAccessKey: config.secret_access_key,
    service: "s3",
    region: "auto",
  });
  const base = `https://${config.account_id}.r2.cloudflarestorage.com/${config.bucket_name}`;
  const objectUrl = (key: string) => `${base}/${key.split("/").map(encodeURIComponent).join("/")}`;
  // Signed here, sent through ctx.fetch: aws4fetch's own fetch would bypass the context.
  async function send(method: string, key: string, init: RequestInit = {}): Promise<Response> {
    const request = await aws.sign(objectUrl(key), { ...init, method, aws: { datetime: amzDate(ctx.now()) } });
    return ctx.fetch(request, { signal: ctx.signal });
  }
  return {
    label: `R2 bucket ${config.bucket_name}`,
    async put(key, body, contentType) {
      const response = await send("PUT", key, { body, headers: { "Content-Type": contentType } });
      if (!response.ok) throw await s3Error(response);
      await response.body?.cancel();
    },
    async get(key) {
      const response = await send("GET", key);
      if (response.status === 404) {
        await response.body?.cancel();
        return null;
      }
      if (!response.ok) throw await s3Error(response);
      return response.text();
    },
    async getBytes(key) {
      const response = await send("GET", key);
      if (response.status === 404) {
        await response.body?.cancel();
        return null;
      }
      if (!response.ok) throw await s3Error(response);
      return new Uint8Array(await response.arrayBuffer());
    },
    async delete(key) {
      const response = await send("DELETE", key);
      if (!response.ok && response.status !== 404) throw await s3Error(response);
      await response.body?.cancel();
    },
    // ListObjectsV2, page by page (continuation tokens); keys are XML-escaped in the answer.
    async list(prefix) {
      const keys: string[] = [];
      let token: string | undefined;
      for (;;) {
        const query = new URLSearchParams({
          "list-type": "2",
          prefix,
          ...(token ? { "continuation-token": token } : {}),
        });
        const request = await aws.sign(`${base}?${query}`, { method: "GET", aws: { datetime: amzDate(ctx.now()) } });
        const response = await ctx.fetch(request, { signal: ctx.signal });
        if (!response.ok) throw await s3Error(response);
        const xml = await response.text();
        for (const match of xml.matchAll(/<Key>([^<]*)<\/Key>/g)) keys.push(unescapeXml(match[1] ?? ""));
        token = /<NextContinuationToken>([^<]*)<\/NextContinuationToken>/.exec(xml)?.[1];
        if (!/<IsTruncated>true<\/IsTruncated>/.test(xml) || !token) return keys;
        token = unescapeXml(token);
      }
    },
  };
}

function unescapeXml(text: string): string {
  return text.replace(
    /&(lt|gt|quot|apos|amp);/g,
    (_, name: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[name] ?? "",
  );
}

/** The bucket a validated `r2` config points at. */
export function r2Target(config: R2DestinationConfig, ctx: ConnectorContext): R2Target {
  if (config.account_id && config.bucket_name && config.access_key_id && config.secret_access_key) {
    return s3Target(
      {
        account_id: config.account_id,
        bucket_name: config.bucket_name,
        access_key_id: config.access_key_id,
        secret_access_key: config.secret_access_key,
      },
      ctx,
    );
  }
  return bindingTarget(ctx, config.bucket ?? "");
}

/** Writes, reads back and deletes one object under the configured prefix. */
async function probe(target: R2Target, config: R2DestinationConfig, ctx: ConnectorContext): Promise<SetupTest> {
  const title = "Writing and reading a probe object";
  const key = `${config.prefix ? `${config.prefix}/` : ""}${PROBE_OBJECT}/${crypto.randomUUID()}.json`;
  const body = JSON.stringify({ probe: true, written_at: ctx.now().toISOString() });
  try {
    await target.put(key, body, "application/json");
    const read = await target.get(key);
    await target.delete(key);
    if (read !== body) {
      return { title, status: "FAILED", message: `The probe object ${key} in ${target.label} did not read back` };
    }
    if ((await target.get(key)) !== null) {
      return { title, status: "FAILED", message: `The probe object ${key} in ${target.label} could not be deleted` };
    }
    return { title, status: "PASSED", message: `Wrote, read and deleted ${key} in ${target.label}` };
  } catch (error) {
    const message = (error as Error)?.message ?? String(error);
    const auth = error instanceof S3ApiError && (error.status === 401 || error.status === 403);
    return {
      title,
      status: "FAILED",
      message: auth ? `${message}; check the R2 API token's access key and its permission on the bucket` : message,
    };
  }
}

export const r2Destination: DestinationDefinition<typeof fields> = {
  syncModes: R2_SYNC_MODES,
  writer: {
    async open(config, ctx) {
      let target: R2Target;
      try {
        target = r2Target(config, ctx);
      } catch (error) {
        throw new ConfigurationError((error as Error).message, "missing_binding");
      }
      return new R2Writer(target, { format: config.format, prefix: config.prefix ?? "" });
    },
  },
  service: "r2",
  info: {
    name: "Cloudflare R2",
    type: "Warehouse",
    description:
      "Files in a Cloudflare R2 bucket (Parquet, JSON or CSV): a binding of this Worker or any bucket over S3",
    linkToDocs: "https://developers.cloudflare.com/r2/",
  },
  fields,
  bindings: (config) => (config.bucket ? [config.bucket] : []),
  normalize(input) {
    const { accountId, bucketName, accessKeyId, secretAccessKey, ...rest } = input;
    const out: Record<string, unknown> = { ...rest };
    if (accountId !== undefined) out.account_id ??= accountId;
    if (bucketName !== undefined) out.bucket_name ??= bucketName;
    if (accessKeyId !== undefined) out.access_key_id ??= accessKeyId;
    if (secretAccessKey !== undefined) out.secret_access_key ??= secretAccessKey;
    return out;
  },
  async check(config, ctx) {
    let target: R2Target;
    try {
      target = r2Target(config, ctx);
    } catch (error) {
      return [{ title: "Resolving the bucket", status: "FAILED", message: (error as Error).message }];
    }
    return [
      { title: "Resolving the bucket", status: "PASSED", message: `${target.label} (${config.format})` },
      await probe(target, config, ctx),
    ];
  },
};

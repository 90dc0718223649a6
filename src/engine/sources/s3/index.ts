import { z } from "@hono/zod-openapi";
import { AwsClient } from "aws4fetch";
import { ConfigurationError } from "../../errors";
import type { ConnectorContext, SetupTest, SourceDefinition } from "../../protocol";
import { renameKeys } from "../../toolkit/common";
import { booleanish, secret } from "../../toolkit/config";
import { fileReader } from "../../toolkit/file-source";
import { fileFields, fileTable, normalizeFormat, splitBucketUrl } from "../../toolkit/files";
import { type ProbeResult, probe, rateLimited } from "../../toolkit/http";
import { s3ApiStore } from "../../toolkit/s3-api";

/** The region asked first when none is configured; S3 names the right one if it differs. */
export const DEFAULT_S3_REGION = "us-east-1";

/** S3's bucket naming rules (3–63 chars of a-z, 0-9, '.', '-', starting and ending alphanumeric). */
const bucketName = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "an S3 bucket name (3-63 characters: a-z, 0-9, '.', '-')")
  .refine((name) => !/\.\.|^\d+\.\d+\.\d+\.\d+$/.test(name), "an S3 bucket name, not an IP address or with '..'");

/**
 * Amazon S3, in Fivetran's `s3_config_V1` names: `bucket`, `prefix`, `pattern`,
 * `file_type`, … and `auth_type` ACCESS_KEY (`access_key_id` + `access_key_secret`),
 * PUBLIC_BUCKET, or IAM_ROLE (`role_arn`). `region` is our addition (Fivetran finds it
 * itself; we do too, but one configured region saves a round trip). Our SDK's
 * `{bucket, prefix, format}` (bucket also as `s3://bucket/prefix`) maps onto these.
 */
const fields = z
  .object({
    ...fileFields,
    bucket: bucketName,
    region: z
      .string()
      .trim()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, "an AWS region such as eu-west-1")
      .optional(),
    auth_type: z.enum(["ACCESS_KEY", "IAM_ROLE", "PUBLIC_BUCKET"]).optional(),
    access_key_id: z
      .string()
      .trim()
      .regex(/^[A-Z0-9]{16,128}$/, "an AWS access key id (AKIA…)")
      .optional(),
    access_key_secret: secret(z.string().trim().min(1)).optional(),
    role_arn: secret(
      z
        .string()
        .trim()
        .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, "an IAM role ARN"),
    ).optional(),
    is_public: booleanish().optional(),
    /**
     * Our addition: the URL of an S3-compatible server (MinIO, Ceph, Cloudflare R2's S3 API)
     * instead of Amazon's. Buckets are then addressed path-style (`<endpoint>/<bucket>/<key>`).
     */
    endpoint: z
      .url({ protocol: /^https?$/, error: "an http(s) URL of an S3-compatible server" })
      .transform((url) => url.replace(/\/+$/, ""))
      .optional(),
  })
  .superRefine((config, ctx) => {
    const auth = authType(config);
    if (auth === "ACCESS_KEY") {
      for (const field of ["access_key_id", "access_key_secret"] as const) {
        if (!config[field])
          ctx.addIssue({ code: "custom", path: [field], message: "required with auth_type ACCESS_KEY" });
      }
    }
    if (auth === "IAM_ROLE" && !config.role_arn) {
      ctx.addIssue({ code: "custom", path: ["role_arn"], message: "required with auth_type IAM_ROLE" });
    }
  });

export type S3SourceConfig = z.infer<typeof fields>;

/** The access approach: explicit, else implied by what is configured (Fivetran's default is IAM_ROLE). */
export function authType(config: Pick<S3SourceConfig, "auth_type" | "access_key_id" | "is_public">) {
  return config.auth_type ?? (config.access_key_id ? "ACCESS_KEY" : config.is_public ? "PUBLIC_BUCKET" : "IAM_ROLE");
}

/**
 * The bucket's URL, ending in `/`: virtual-hosted, or path-style for dotted names (their TLS
 * certificate can't match) and for a configured S3-compatible endpoint.
 */
export function bucketUrl(bucket: string, region: string, endpoint?: string): string {
  if (endpoint) return `${endpoint}/${bucket}/`;
  return bucket.includes(".")
    ? `https://s3.${region}.amazonaws.com/${bucket}/`
    : `https://${bucket}.s3.${region}.amazonaws.com/`;
}

/** The setup test's one-key listing. */
export function listUrl(bucket: string, region: string, prefix: string | undefined, endpoint?: string): URL {
  const url = new URL(bucketUrl(bucket, region, endpoint));
  // Path-style without a trailing slash, as S3 documents it.
  if (!endpoint && bucket.includes(".")) url.pathname = `/${bucket}`;
  url.searchParams.set("list-type", "2");
  url.searchParams.set("max-keys", "1");
  if (prefix) url.searchParams.set("prefix", prefix);
  return url;
}

/** The text of the first `<tag>` in an S3 XML document. */
function xmlText(xml: unknown, tag: string): string | undefined {
  if (typeof xml !== "string") return undefined;
  const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml);
  return match?.[1]
    ?.replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

function s3Error(body: unknown): string | undefined {
  const code = xmlText(body, "Code");
  const message = xmlText(body, "Message");
  return code ? `${code}${message ? `: ${message}` : ""}` : undefined;
}

/** The region S3 says the bucket is in, when we asked the wrong one. */
function regionHint(result: ProbeResult): string | undefined {
  if (!result.response || (result.status !== 301 && result.status !== 400)) return undefined;
  return result.response.headers.get("x-amz-bucket-region") ?? xmlText(result.body, "Region");
}

async function list(ctx: ConnectorContext, config: S3SourceConfig, region: string): Promise<ProbeResult> {
  const title = "Listing files";
  const url = listUrl(config.bucket, region, config.prefix, config.endpoint);
  let request = new Request(url, { method: "GET" });
  if (authType(config) === "ACCESS_KEY") {
    const aws = new AwsClient({
      accessKeyId: config.access_key_id ?? "",
      secretAccessKey: config.access_key_secret ?? "",
      service: "s3",
      region,
    });
    request = await aws.sign(request);
  }
  return probe(ctx, request, undefined, {
    title,
    vendor: "Amazon S3",
    errorMessage: s3Error,
    // S3 throttles with 503 SlowDown rather than 429.
    classify: (response, _body, message) =>
      response.status === 503 && message?.startsWith("SlowDown")
        ? rateLimited(title, "Amazon S3", response, message, ctx.now())
        : undefined,
  });
}

const IAM_ROLE_UNSUPPORTED =
  "auth_type IAM_ROLE needs an AWS identity of ours to assume role_arn from, and fivetran.do runs on Cloudflare without one: create an IAM user with s3:ListBucket and s3:GetObject on the bucket and use auth_type ACCESS_KEY";

/** The bucket as a FileStore over the S3 REST API (toolkit/s3-api.ts). */
export function s3Store(config: S3SourceConfig, ctx: ConnectorContext) {
  const auth = authType(config);
  if (auth === "IAM_ROLE") throw new ConfigurationError(IAM_ROLE_UNSUPPORTED, "iam_role_unsupported");
  const region = config.region ?? DEFAULT_S3_REGION;
  return s3ApiStore(
    {
      vendor: "Amazon S3",
      scheme: "s3://",
      bucket: config.bucket,
      bucketUrl: bucketUrl(config.bucket, region, config.endpoint),
      credentials:
        auth === "ACCESS_KEY"
          ? { accessKeyId: config.access_key_id ?? "", secretAccessKey: config.access_key_secret ?? "", region }
          : undefined,
      // Without a configured region S3 names the bucket's own in its answer.
      relocate: config.region || config.endpoint ? undefined : (to) => bucketUrl(config.bucket, to),
    },
    ctx,
  );
}

export const s3Source: SourceDefinition<typeof fields> = {
  service: "s3",
  naming: "schema",
  info: {
    name: "Amazon S3",
    type: "File",
    description: "CSV, JSON, Parquet, Avro and other files from an Amazon S3 bucket",
    linkToDocs: "https://fivetran.com/docs/connectors/files/amazon-s3",
    features: [{ id: "API_CONFIGURABLE" }],
  },
  fields,
  reader: fileReader({ table: (config) => fileTable(config), store: s3Store }),
  normalize(input) {
    const renamed = renameKeys(splitBucketUrl(normalizeFormat(input), "s3"), {
      accessKeyId: "access_key_id",
      secretAccessKey: "access_key_secret",
      roleArn: "role_arn",
    });
    return renamed;
  },
  async check(config, ctx) {
    if (authType(config) === "IAM_ROLE") {
      return [
        {
          title: "Validating credentials",
          status: "FAILED",
          message: IAM_ROLE_UNSUPPORTED,
          details: { auth: true },
        },
      ];
    }
    const where = `s3://${config.bucket}/${config.prefix ?? ""}`;
    let region = config.region ?? DEFAULT_S3_REGION;
    let result = await list(ctx, config, region);
    const hint = regionHint(result);
    let moved = "";
    if (hint && hint !== region) {
      moved = ` (the bucket is in ${hint}; set region to ${hint} to skip a round trip)`;
      region = hint;
      result = await list(ctx, config, region);
    }
    if (!result.ok) return [result.test];
    const keyCount = Number(xmlText(result.body, "KeyCount") ?? 0);
    const key = xmlText(result.body, "Key");
    const tests: SetupTest[] = [
      keyCount > 0
        ? { title: "Listing files", status: "PASSED", message: `Listed ${where}: found ${key}${moved}` }
        : {
            title: "Listing files",
            status: "WARNING",
            message: `${where} is readable but holds no files yet${moved}; check prefix if files are expected`,
          },
    ];
    return tests;
  },
};

/**
 * What Fivetran's file connectors (s3, gcs, …) share: how files are found (`prefix`,
 * `pattern`) and parsed (`file_type`, `compression`, CSV options), in Fivetran's field
 * names. Our SDK's `format` maps onto `file_type`.
 */
import { z } from "@hono/zod-openapi";
import { schemaName } from "./common";
import { booleanish } from "./config";

export const FILE_TYPES = ["csv", "tsv", "json", "jsonl", "parquet", "avro", "xml", "spreadsheet"] as const;

/** Fivetran's `pattern`: a (Java-style) regular expression matched against file paths. */
export const filePattern = z
  .string()
  .min(1)
  .refine((pattern) => {
    try {
      new RegExp(pattern);
      return true;
    } catch {
      return false;
    }
  }, "not a valid regular expression");

export const fileFields = {
  schema: schemaName,
  /** The destination table; Fivetran's file connectors name one table per connection. */
  table: schemaName.optional(),
  /** Folder to scan, without a leading slash. */
  prefix: z
    .string()
    .trim()
    .transform((prefix) => prefix.replace(/^\/+/, ""))
    .optional(),
  pattern: filePattern.optional(),
  file_type: z.enum(FILE_TYPES).optional(),
  compression: z.enum(["infer", "uncompressed", "gzip", "gz", "zip", "tar", "tar_gz", "bz2", "tar_bz2"]).optional(),
  on_error: z.enum(["fail", "skip"]).optional(),
  append_file_option: z.enum(["upsert_file", "upsert_file_with_primary_keys", "append_file"]).optional(),
  delimiter: z.string().min(1).max(4).optional(),
  empty_header: booleanish().optional(),
  null_sequence: z.string().optional(),
  skip_before: z.coerce.number().int().min(0).optional(),
  skip_after: z.coerce.number().int().min(0).optional(),
  json_delivery_mode: z.enum(["Packed", "Unpacked"]).optional(),
};

/** `format: 'parquet'` → `file_type: 'parquet'` (`ndjson` is JSON lines). */
export function normalizeFormat(input: Record<string, unknown>): Record<string, unknown> {
  const { format, ...rest } = input;
  if (format === undefined || rest.file_type !== undefined) return rest;
  return { ...rest, file_type: typeof format === "string" && format.toLowerCase() === "ndjson" ? "jsonl" : format };
}

/** Splits `scheme://bucket/some/prefix` into bucket and prefix (an explicit prefix wins). */
export function splitBucketUrl(input: Record<string, unknown>, scheme: string): Record<string, unknown> {
  const bucket = input.bucket;
  if (typeof bucket !== "string" || !bucket.toLowerCase().startsWith(`${scheme}://`)) return input;
  const rest = bucket.slice(scheme.length + 3);
  const slash = rest.indexOf("/");
  const out: Record<string, unknown> = { ...input, bucket: slash < 0 ? rest : rest.slice(0, slash) };
  const prefix = slash < 0 ? "" : rest.slice(slash + 1);
  if (prefix && input.prefix === undefined) out.prefix = prefix;
  return out;
}

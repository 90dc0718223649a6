/**
 * What Fivetran's file connectors (s3, gcs, …) share: how files are found (`prefix`,
 * `pattern`) and parsed (`file_type`, `compression`, CSV options), in Fivetran's field
 * names. Our SDK's `format` maps onto `file_type`.
 */
import { z } from "@hono/zod-openapi";
import { schemaName } from "./common";
import { booleanish } from "./config";
import type { FileTable } from "./file-source";

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

/** Accepted in Fivetran's config but not read by fivetran.do: refused with the reason, never ignored. */
function supported<T extends z.ZodType>(schema: T, refuse: Record<string, string>) {
  return schema.refine((value) => !(String(value) in refuse), {
    error: (issue) => refuse[String(issue.input)] ?? "not supported",
  });
}

/** Encodings the CSV reader splits by bytes (ASCII-compatible), by their WHATWG labels. */
export const FILE_ENCODINGS = ["utf-8", "iso-8859-1", "windows-1252"] as const;

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
  file_type: supported(z.enum(FILE_TYPES), {
    avro: "Avro files are not read by fivetran.do yet: use csv, tsv, json, jsonl or parquet",
    xml: "XML files are not read by fivetran.do yet: use csv, tsv, json, jsonl or parquet",
    spreadsheet: "spreadsheets are not read by fivetran.do yet: use csv, tsv, json, jsonl or parquet",
  }).optional(),
  compression: supported(
    z.enum(["infer", "uncompressed", "gzip", "gz", "zip", "tar", "tar_gz", "bz2", "tar_bz2"]),
    Object.fromEntries(
      ["zip", "tar", "tar_gz", "bz2", "tar_bz2"].map((c) => [
        c,
        `${c} archives are not read by fivetran.do: use infer, uncompressed or gzip`,
      ]),
    ),
  ).optional(),
  on_error: supported(z.enum(["fail", "skip"]), {
    skip: "skip is not supported: a file that cannot be read fails the sync, naming it (on_error fail)",
  }).optional(),
  append_file_option: supported(z.enum(["upsert_file", "upsert_file_with_primary_keys", "append_file"]), {
    upsert_file_with_primary_keys:
      "custom primary keys are not supported: rows are keyed by _file and _line (upsert_file)",
    append_file: "append_file is not supported: rows are keyed by _file and _line (upsert_file)",
  }).optional(),
  delimiter: z
    .string()
    .min(1)
    .max(4)
    .refine(
      (d) => [...d].every((c) => c.charCodeAt(0) < 128 && !'"\r\n'.includes(c)),
      "ASCII characters other than quotes and line breaks",
    )
    .optional(),
  /** The quote character of CSV fields (`"` by default); our addition, after Fivetran's SFTP `quote_char`. */
  quote_char: z
    .string()
    .length(1)
    .regex(/^[\x21-\x7e]$/, "one printable ASCII character")
    .optional(),
  /** The escape character inside quoted fields (a doubled quote by default), Fivetran's `escape_char`. */
  escape_char: z
    .string()
    .length(1)
    .regex(/^[\x21-\x7e]$/, "one printable ASCII character")
    .optional(),
  /** The files' character encoding (UTF-8 by default); our addition. */
  encoding: z
    .string()
    .trim()
    .toLowerCase()
    .transform((e) => (e === "utf8" ? "utf-8" : e === "latin1" ? "iso-8859-1" : e))
    .pipe(z.enum(FILE_ENCODINGS))
    .optional(),
  empty_header: booleanish().optional(),
  null_sequence: z.string().optional(),
  skip_before: z.coerce.number().int().min(0).optional(),
  skip_after: z.coerce.number().int().min(0).optional(),
  json_delivery_mode: z.enum(["Packed", "Unpacked"]).optional(),
};

/** The file-type and parsing options shared by the file sources' configs. */
export interface FileOptions {
  table?: string;
  prefix?: string;
  pattern?: string;
  file_type?: (typeof FILE_TYPES)[number];
  compression?: string;
  delimiter?: string;
  quote_char?: string;
  escape_char?: string;
  encoding?: string;
  empty_header?: boolean;
  null_sequence?: string;
  skip_before?: number;
  skip_after?: number;
  json_delivery_mode?: "Packed" | "Unpacked";
}

/** The table a file connection fills, from Fivetran's fields (`table` defaults to the connection's schema). */
export function fileTable(config: FileOptions & { schema: string }, matches?: (key: string) => boolean): FileTable {
  const pattern = config.pattern ? new RegExp(config.pattern) : undefined;
  const type = config.file_type;
  return {
    namespace: config.schema,
    name: config.table ?? config.schema,
    prefix: config.prefix ?? "",
    matches: matches ?? ((key) => !pattern || pattern.test(key)),
    format: type === "json" ? "jsonl" : (type as FileTable["format"]),
    compression:
      config.compression === "gzip" || config.compression === "gz"
        ? "gzip"
        : config.compression === "uncompressed"
          ? "uncompressed"
          : "infer",
    delimiter: config.delimiter,
    quote: config.quote_char,
    escape: config.escape_char,
    encoding: config.encoding ?? "utf-8",
    header: config.empty_header !== true,
    nullSequence: config.null_sequence,
    skipBefore: config.skip_before ?? 0,
    skipAfter: config.skip_after ?? 0,
    jsonMode: config.json_delivery_mode === "Unpacked" ? "unpacked" : "packed",
  };
}

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

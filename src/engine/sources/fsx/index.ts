import { z } from "@hono/zod-openapi";
import { ConfigurationError, TransientError } from "../../errors";
import type { ConnectorContext, SetupTest, SourceDefinition } from "../../protocol";
import { renameKeys, schemaName } from "../../toolkit/common";
import { type FileStore, fileReader } from "../../toolkit/file-source";
import { fileFields, fileTable } from "../../toolkit/files";

/**
 * Compiles a glob (`*` within a segment, `**` across segments, `?`, `[abc]`, `{a,b}`)
 * into an anchored RegExp over paths relative to the configured directory. Throws on
 * unbalanced brackets or braces, so a bad pattern is a 400 rather than a sync that
 * silently matches nothing.
 */
export function globToRegExp(glob: string): RegExp {
  let source = "";
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i] as string;
    if (char === "*") {
      if (glob[i + 1] === "*") {
        // `**/` matches zero or more whole segments; a trailing `**` anything below.
        const slash = glob[i + 2] === "/";
        source += slash ? "(?:[^/]*/)*" : ".*";
        i += slash ? 2 : 1;
      } else {
        source += "[^/]*";
      }
    } else if (char === "?") {
      source += "[^/]";
    } else if (char === "[") {
      const end = glob.indexOf("]", i + 2);
      if (end < 0) throw new Error("unclosed [");
      const body = glob
        .slice(i + 1, end)
        .replace(/^!/, "^")
        .replace(/\\/g, "\\\\");
      source += `[${body}]`;
      i = end;
    } else if (char === "{") {
      braces += 1;
      source += "(?:";
    } else if (char === "}") {
      if (braces === 0) throw new Error("unopened }");
      braces -= 1;
      source += ")";
    } else if (char === "," && braces > 0) {
      source += "|";
    } else {
      source += char.replace(/[.+^$()|\\\]]/g, "\\$&");
    }
  }
  if (braces > 0) throw new Error("unclosed {");
  return new RegExp(`^${source}$`);
}

const glob = z
  .string()
  .trim()
  .min(1)
  .refine((pattern) => !pattern.startsWith("/"), "relative to path, without a leading /")
  .refine((pattern) => {
    try {
      globToRegExp(pattern);
      return true;
    } catch {
      return false;
    }
  }, "not a valid glob: brackets and braces must balance");

/**
 * Files in an fsx.do filesystem (our own service; fsx.do is the filesystem of the .do
 * platform), read from the R2 bucket its storage writes: fsx.do's R2 storage keeps the file at
 * path `/a/b.csv` as the object `<key_prefix>/a/b.csv` (the path itself is the key, after an
 * optional prefix). `bucket` names that R2 binding of this Worker, `path` the directory to read
 * and `pattern` a glob over paths below it; `file_type` forces a parser like Fivetran's file
 * connectors do, and the CSV and JSON options are theirs.
 */
const fields = z.object({
  schema: schemaName,
  /** The destination table (the connection's schema name when absent). */
  table: schemaName.optional(),
  bucket: z.string().trim().min(1, "the R2 binding that holds the fsx.do filesystem"),
  /** The prefix fsx.do's R2 storage puts before every path ('' by default). */
  key_prefix: z.string().optional(),
  path: z
    .string()
    .trim()
    .regex(/^\//, "an absolute path starting with /")
    .refine((path) => !path.split("/").includes(".."), "must not contain .. segments")
    .transform((path) => (path.length > 1 ? path.replace(/\/+$/, "") : path)),
  pattern: glob.default("**/*"),
  file_type: fileFields.file_type,
  compression: fileFields.compression,
  delimiter: fileFields.delimiter,
  quote_char: fileFields.quote_char,
  escape_char: fileFields.escape_char,
  encoding: fileFields.encoding,
  empty_header: fileFields.empty_header,
  null_sequence: fileFields.null_sequence,
  skip_before: fileFields.skip_before,
  skip_after: fileFields.skip_after,
  json_delivery_mode: fileFields.json_delivery_mode,
});

export type FsxSourceConfig = z.infer<typeof fields>;

/** The directory's R2 key prefix: `<key_prefix><path>/`. */
function directoryKey(config: FsxSourceConfig): string {
  return `${config.key_prefix ?? ""}${config.path === "/" ? "/" : `${config.path}/`}`;
}

/** The filesystem as a FileStore over the R2 binding: list with cursor, get streamed by range. */
export function fsxStore(config: FsxSourceConfig, ctx: ConnectorContext): FileStore {
  const bucket = ctx.bindings[config.bucket] as R2Bucket | undefined;
  if (!bucket || typeof bucket.list !== "function" || typeof bucket.get !== "function") {
    throw new ConfigurationError(
      `This Worker has no R2 binding '${config.bucket}' granted to the account`,
      "no_binding",
    );
  }
  const keyPrefix = config.key_prefix ?? "";
  return {
    where: (path) => `fsx://${config.bucket}${path}`,
    async *list(_prefix, signal) {
      let cursor: string | undefined;
      do {
        signal?.throwIfAborted();
        const page = await bucket.list({ prefix: directoryKey(config), cursor, limit: 1000 });
        yield page.objects.map((object) => ({
          key: object.key.slice(keyPrefix.length),
          modified: object.uploaded.toISOString(),
          size: object.size,
          etag: object.etag,
        }));
        cursor = page.truncated ? page.cursor : undefined;
      } while (cursor);
    },
    async read(object, start, end, signal) {
      signal?.throwIfAborted();
      const empty = () => new Response(new Uint8Array(0)).body as ReadableStream<Uint8Array>;
      if ((end !== undefined && end <= start) || (start > 0 && start >= object.size)) return empty();
      const range =
        start > 0 || end !== undefined ? { offset: start, length: (end ?? object.size) - start } : undefined;
      // The version listed, not one written since (onlyIf answers without a body then).
      const got = await bucket.get(`${keyPrefix}${object.key}`, { range, onlyIf: { etagMatches: object.etag } });
      if (!got) return empty();
      if (!("body" in got)) {
        throw new TransientError(`${config.bucket}: ${object.key} changed while it was read`);
      }
      return got.body;
    },
  };
}

/** The table: every file below `path` whose path relative to it matches `pattern`. */
function table(config: FsxSourceConfig) {
  const matcher = globToRegExp(config.pattern);
  const base = config.path === "/" ? "/" : `${config.path}/`;
  return fileTable(
    { ...config, prefix: "", pattern: undefined },
    (path) => path.startsWith(base) && matcher.test(path.slice(base.length)),
  );
}

export const fsxSource: SourceDefinition<typeof fields> = {
  service: "fsx",
  naming: "schema",
  info: {
    name: "fsx.do",
    type: "File",
    description: "CSV, JSON and Parquet files from an fsx.do filesystem, selected by glob",
    linkToDocs: "https://fsx.do",
  },
  fields,
  bindings: (config) => [config.bucket],
  reader: fileReader({ table, store: fsxStore }),
  normalize: (input) => renameKeys(input, { format: "file_type" }),
  async check(config, ctx) {
    const tests: SetupTest[] = [
      {
        title: "Validating path and pattern",
        status: "PASSED",
        message: `Files under ${config.path} matching ${config.pattern}`,
      },
    ];
    const title = "Listing the filesystem";
    let store: FileStore;
    try {
      store = fsxStore(config, ctx);
    } catch (error) {
      tests.push({ title, status: "FAILED", message: (error as Error).message });
      return tests;
    }
    const filter = table(config);
    for await (const page of store.list("", ctx.signal)) {
      const first = page.find((o) => filter.matches(o.key));
      tests.push(
        first
          ? { title, status: "PASSED", message: `Listed ${config.path} in ${config.bucket}: found ${first.key}` }
          : {
              title,
              status: "WARNING",
              message: `${config.path} in ${config.bucket} holds no file matching ${config.pattern} yet`,
            },
      );
      break;
    }
    return tests;
  },
};

import { z } from "@hono/zod-openapi";
import type { SourceDefinition } from "../../protocol";
import { renameKeys, schemaName } from "../../toolkit/common";
import { FILE_TYPES } from "../../toolkit/files";

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
 * Files in an fsx.do filesystem (our own service; fsx.do is the filesystem of the
 * .do platform). `path` is the directory to read and `pattern` a glob over paths below
 * it; `file_type` forces a parser like Fivetran's file connectors do.
 */
const fields = z.object({
  schema: schemaName,
  path: z
    .string()
    .trim()
    .regex(/^\//, "an absolute path starting with /")
    .refine((path) => !path.split("/").includes(".."), "must not contain .. segments")
    .transform((path) => (path.length > 1 ? path.replace(/\/+$/, "") : path)),
  pattern: glob.default("**/*"),
  file_type: z.enum(FILE_TYPES).optional(),
});

export type FsxSourceConfig = z.infer<typeof fields>;

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
  normalize: (input) => renameKeys(input, { format: "file_type" }),
  async check(config) {
    // No fsx.do binding exists in this deployment (wrangler.toml binds none, and fsx.do's
    // API is not published for us to call), so reaching the filesystem is not tested.
    return [
      {
        title: "Validating path and pattern",
        status: "PASSED",
        message: `Files under ${config.path} matching ${config.pattern}`,
      },
      {
        title: "Connecting to fsx.do",
        status: "SKIPPED",
        message: `Not tested: this deployment has no fsx.do binding, so ${config.path} cannot be listed yet`,
      },
    ];
  },
};

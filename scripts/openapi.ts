/**
 * Writes `openapi.yaml`, the OpenAPI document of the API, from the zod route definitions.
 *
 *   npm run openapi          regenerate openapi.yaml
 *   npm run openapi:check    exit 1 when the committed openapi.yaml is stale
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { stringify } from "yaml";
import { createApp, openApiDocument } from "../src/app";

const HEADER = "# Generated from the zod route definitions by scripts/openapi.ts. Do not edit.\n";
const TARGET = path.join(import.meta.dirname, "..", "openapi.yaml");

/**
 * The document as YAML: keys in the order the generator produces them, no line folding, no
 * anchors, and strings quoted wherever a YAML 1.1 reader (PyYAML, ...) would take them for
 * something else, such as the timestamp examples or `on`/`no`.
 */
export function renderOpenApi(): string {
  // Through JSON first so the YAML is exactly what GET /openapi.json serves (undefined dropped).
  const document: unknown = JSON.parse(JSON.stringify(openApiDocument(createApp())));
  return HEADER + stringify(document, { lineWidth: 0, aliasDuplicateObjects: false, compat: "yaml-1.1" });
}

async function readCurrent(): Promise<string | undefined> {
  try {
    return await readFile(TARGET, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

async function main(): Promise<void> {
  const rendered = renderOpenApi();
  const relative = path.relative(process.cwd(), TARGET) || TARGET;
  if (process.argv.includes("--check")) {
    const current = await readCurrent();
    if (current !== rendered) {
      console.error(
        current === undefined
          ? `${relative} is missing: run npm run openapi`
          : `${relative} is stale: run npm run openapi`,
      );
      process.exitCode = 1;
      return;
    }
    console.log(`${relative} is up to date`);
    return;
  }
  await writeFile(TARGET, rendered);
  console.log(`wrote ${relative}`);
}

await main();

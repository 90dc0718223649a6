/**
 * Writes `openapi.yaml`, the OpenAPI document of the API, from the zod route definitions.
 *
 *   npm run openapi          regenerate openapi.yaml
 *   npm run openapi:check    exit 1 when the committed openapi.yaml is stale
 */
import path from "node:path";
import { stringify } from "yaml";
import { createApp, openApiDocument } from "../src/app";
import { writeOrCheck } from "./generated-file";

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

async function main(): Promise<void> {
  const rendered = renderOpenApi();
  await writeOrCheck(TARGET, rendered, "openapi");
}

await main();

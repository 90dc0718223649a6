/**
 * Writes `sdk/schema.d.ts`, the TypeScript types of the API, from `openapi.yaml`.
 *
 *   npm run sdk          regenerate sdk/schema.d.ts
 *   npm run sdk:check    exit 1 when the committed sdk/schema.d.ts is stale
 *
 * Run `npm run openapi` first when the routes changed: this reads the committed document.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import { parse } from "yaml";
import { writeOrCheck } from "./generated-file";

const ROOT = path.join(import.meta.dirname, "..");
const SOURCE = path.join(ROOT, "openapi.yaml");
const TARGET = path.join(ROOT, "sdk", "schema.d.ts");

const HEADER = `/**
 * Generated from openapi.yaml by scripts/sdk.ts (openapi-typescript). Do not edit:
 * change the zod route definitions, then run \`npm run openapi && npm run sdk\`.
 */

`;

/** The types of `openapi.yaml` as TypeScript source. Depends on nothing but the document. */
export async function renderSchemaTypes(): Promise<string> {
  const document = parse(await readFile(SOURCE, "utf8")) as OpenAPI3;
  const ast = await openapiTS(document, { silent: true });
  return HEADER + astToString(ast);
}

async function main(): Promise<void> {
  const rendered = await renderSchemaTypes();
  await writeOrCheck(TARGET, rendered, "sdk");
}

await main();

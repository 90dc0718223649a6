/**
 * Writes `sdk/schema.d.ts`, the TypeScript types of the API, from `openapi.yaml`.
 *
 *   npm run sdk          regenerate sdk/schema.d.ts
 *   npm run sdk:check    exit 1 when the committed sdk/schema.d.ts is stale
 *
 * Run `npm run openapi` first when the routes changed: this reads the committed document.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import { parse } from "yaml";

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

async function readCurrent(): Promise<string | undefined> {
  try {
    return await readFile(TARGET, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

async function main(): Promise<void> {
  const rendered = await renderSchemaTypes();
  const relative = path.relative(process.cwd(), TARGET) || TARGET;
  if (process.argv.includes("--check")) {
    const current = await readCurrent();
    if (current !== rendered) {
      console.error(
        current === undefined ? `${relative} is missing: run npm run sdk` : `${relative} is stale: run npm run sdk`,
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

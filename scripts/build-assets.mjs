#!/usr/bin/env node
// The Worker's static assets (wrangler.toml [assets], directory dist/assets), built from this
// repository and node_modules only, so nothing a page loads comes from another host:
//
//  - dist/assets/dashboard/: the web dashboard served at `/` (src/dashboard/, bundled by esbuild
//    with Preact; index.html and styles.css copied as they are).
//  - dist/assets/docs/: the API reference's script for `/docs`, @scalar/api-reference's standalone
//    browser build at the exact version pinned in package.json.
//
// `wrangler dev` and `wrangler deploy` run it first (wrangler.toml [build]), so `npm start`,
// `npm run deploy` and `deploy:check` do; vitest.config.ts runs it for `npm test`.
// Usage: node scripts/build-assets.mjs (or `npm run assets`)

import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const ASSETS_DIR = path.join(ROOT, "dist", "assets");
const SOURCE = path.join(ROOT, "src", "dashboard");

/**
 * Writes `bytes` to `file` unless it already holds them, through a temporary file and a rename:
 * several dev servers and test runs build at once, and a running `wrangler dev` must never
 * see a half-written file, nor reload for a file that did not change.
 */
async function writeIfChanged(file, bytes) {
  const existing = await readFile(file).catch(() => undefined);
  if (existing?.equals(bytes)) return;
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, file);
}

/** Builds dist/assets; resolves with the files it holds, relative to it. */
export async function buildAssets() {
  const files = new Map();
  const bundle = await build({
    entryPoints: [path.join(SOURCE, "main.tsx")],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    sourcemap: true,
    jsx: "automatic",
    jsxImportSource: "preact",
    outfile: path.join(ASSETS_DIR, "dashboard", "app.js"),
    write: false,
    logLevel: "error",
  });
  for (const output of bundle.outputFiles) files.set(output.path, Buffer.from(output.contents));
  for (const name of ["index.html", "styles.css", "favicon.svg"]) {
    files.set(path.join(ASSETS_DIR, "dashboard", name), await readFile(path.join(SOURCE, name)));
  }
  // Its package.json is not in its "exports", so it is read by path.
  const scalar = path.join(ROOT, "node_modules", "@scalar", "api-reference");
  const { version } = JSON.parse(await readFile(path.join(scalar, "package.json"), "utf8"));
  const pinned = JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8")).devDependencies[
    "@scalar/api-reference"
  ];
  if (pinned !== version) {
    throw new Error(`@scalar/api-reference ${version} is installed but package.json pins ${pinned}: run npm ci`);
  }
  files.set(
    path.join(ASSETS_DIR, "docs", "api-reference.js"),
    await readFile(path.join(scalar, "dist", "browser", "standalone.js")),
  );
  for (const [file, bytes] of files) await writeIfChanged(file, bytes);
  return [...files.keys()].map((file) => path.relative(ASSETS_DIR, file));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const files = await buildAssets();
  process.stdout.write(`[assets] built ${files.length} files in dist/assets (${Date.now() - started} ms)\n`);
}

import { builtinModules } from "node:module";
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { build } from "esbuild";
import { defineConfig } from "vitest/config";
import { buildAssets } from "./scripts/build-assets.mjs";

/** Credentials the workers tests run with (the bootstrap account's key). */
export const TEST_SECRETS = {
  FIVETRAN_API_KEY: "test_api_key",
  FIVETRAN_API_SECRET: "test_api_secret",
  FIVETRAN_OPERATOR_SECRET: "test_operator_secret",
  FIVETRAN_ENCRYPTION_KEY: "test_encryption_key_0123456789abcdef",
  // Retries after 1 s (the queue's delay granularity) so retry tests stay fast.
  FIVETRAN_RETRY_BASE_MS: "100",
  // The tests reach Postgres and MariaDB on 127.0.0.1, as `npm start` does (README "Egress").
  FIVETRAN_EGRESS_ALLOW: "loopback",
  // Webhook receivers run on 127.0.0.1 too (test/fakes/webhook-receiver.ts); retries after 1 s.
  FIVETRAN_WEBHOOK_ALLOW: "loopback",
  FIVETRAN_WEBHOOK_RETRY_BASE_SECONDS: "1",
};

/** FUZZ_SEED, FUZZ_RUNS and FUZZ_DEBUG from the shell reach the reliability fuzz (test/workers/reliability). */
function fuzzKnobs(): Record<string, string> {
  const knobs: Record<string, string> = {};
  for (const name of ["FUZZ_SEED", "FUZZ_RUNS", "FUZZ_DEBUG"]) {
    const value = process.env[name];
    if (value) knobs[name] = value;
  }
  return knobs;
}

/**
 * The `mongodb` driver, bundled as wrangler bundles it (esbuild, node built-ins and the
 * driver's optional peers left out, whatwg-url replaced by unenv's as wrangler does). The workers pool cannot load the driver from
 * node_modules itself: its CommonJS loader resolves `require("bson")` inside mongodb/lib/ to
 * mongodb/lib/bson.js (a file there of that name) before trying the package, and that module's
 * getters then call themselves. Bundling resolves `bson` the way Node and wrangler do.
 */
async function bundleMongodb(): Promise<string> {
  const outfile = path.join(import.meta.dirname, "node_modules/.cache/fivetran-do/mongodb.cjs");
  await build({
    entryPoints: [path.join(import.meta.dirname, "node_modules/mongodb/lib/index.js")],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "es2023",
    outfile,
    logLevel: "error",
    // wrangler (nodejs_compat) replaces whatwg-url with unenv's (the runtime's own URL): so does this.
    alias: { "whatwg-url": path.join(import.meta.dirname, "node_modules/unenv/dist/runtime/npm/whatwg-url/index.mjs") },
    external: [
      ...builtinModules,
      ...builtinModules.map((m) => `node:${m}`),
      "@aws-sdk/credential-providers",
      "@mongodb-js/zstd",
      "gcp-metadata",
      "kerberos",
      "mongodb-client-encryption",
      "snappy",
      "socks",
    ],
  });
  return outfile;
}

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  const mongodb = await bundleMongodb();
  // wrangler.toml's [assets] directory (the dashboard and the API reference's script).
  await buildAssets();
  return {
    // The workers pool resolves CommonJS require() (pg → pg-cloudflare) through the root Vite
    // server, so the root needs workerd's export conditions too, as wrangler's bundler uses.
    ssr: { resolve: { conditions: ["workerd", "worker", "module", "browser"] } },
    resolve: { alias: { cardinal: path.join(import.meta.dirname, "test/stubs/cardinal.cjs"), mongodb } },
    test: {
      projects: [
        {
          // Everything that runs inside workerd: D1, R2, Durable Objects and Queues are real.
          plugins: [
            cloudflareTest({
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: { bindings: { ...TEST_SECRETS, ...fuzzKnobs(), TEST_MIGRATIONS: migrations } },
            }),
          ],
          test: {
            name: "workers",
            include: ["test/workers/**/*.test.ts"],
            setupFiles: ["test/workers/setup.ts"],
            // Servers workerd cannot run itself (silent TCP/HTTP peers, an IPv6 listener).
            globalSetup: ["test/workers/global-setup.ts"],
          },
        },
        {
          // Real processes from the outside: the dev server as users and clients start it.
          test: {
            name: "node",
            include: ["test/node/**/*.test.ts"],
            environment: "node",
            testTimeout: 120_000,
            hookTimeout: 120_000,
          },
        },
      ],
    },
  };
});

/**
 * A connection's config at rest and in use: secrets split off and encrypted, the connection
 * name derived from config, and setup tests run against the full config.
 */
import type { ConnectionRow } from "../../db/connections";
import { fullConfig } from "../../engine/open";
import type { SetupTest, SourceDefinition } from "../../engine/protocol";
import { connectorContext } from "../../engine/toolkit/context";
import { maskConfig, splitSecrets } from "../../engine/toolkit/config";
import type { Env } from "../../env";
import { ApiError } from "../../errors";
import { encryptJson } from "../../lib/secrets";

/** What goes into the `config` and `secrets` columns. */
export interface SealedConfig {
  /** Non-secret fields, plus `******` for each secret that is set (never its value). */
  config: Record<string, unknown>;
  /** The secret fields, AES-GCM encrypted; null when there are none. */
  secrets: string | null;
}

/**
 * Splits normalised config by the service's `secret()` marks and encrypts the secrets.
 * The mask left in `config` records which secrets are set, so responses never decrypt.
 */
export async function sealConfig(
  env: Env,
  definition: SourceDefinition,
  full: Record<string, unknown>,
): Promise<SealedConfig> {
  const { plain, secrets } = splitSecrets(definition.fields, full);
  return {
    config: maskConfig(definition.fields, plain, Object.keys(secrets)),
    secrets: await encryptJson(env.FIVETRAN_ENCRYPTION_KEY, secrets),
  };
}

/** The full stored config, secrets decrypted: the base a PATCH merges onto, and what checks run with. */
export async function openConfig(env: Env, row: ConnectionRow): Promise<Record<string, unknown>> {
  return fullConfig(env, row.config, row.secrets);
}

/**
 * The connection's `schema` (its name) from config, per the service's naming (§6.4):
 * `schema_prefix` for databases, `schema` for APIs.
 */
export function schemaName(definition: SourceDefinition, config: Record<string, unknown>): string {
  const value = config[definition.naming];
  if (typeof value !== "string" || value === "") {
    throw ApiError.invalid(`Field 'config.${definition.naming}' is required`);
  }
  return value;
}

/** The outcome of a setup test run. */
export interface SetupResult {
  setupState: "connected" | "broken";
  setupTests: SetupTest[];
}

/** How long a setup test run may take before the source should give up (via `ctx.signal`). */
const SETUP_TEST_BUDGET_MS = 60_000;

/**
 * Runs the source's setup tests. The connection is `connected` when no test FAILED (an
 * authentication failure is a FAILED test with `details.auth`, so it breaks it too). A check
 * that throws is a bug in the source; it becomes a JOB_FAILED test rather than a 500.
 */
export async function runSetupTests(
  env: Env,
  definition: SourceDefinition,
  config: Record<string, unknown>,
): Promise<SetupResult> {
  let setupTests: SetupTest[];
  try {
    setupTests = await definition.check(
      config,
      connectorContext(env, definition, config, AbortSignal.timeout(SETUP_TEST_BUDGET_MS)),
    );
  } catch (error) {
    setupTests = [
      {
        title: "Running setup tests",
        status: "JOB_FAILED",
        message: `The setup tests could not run: ${error instanceof Error ? error.message : String(error)}`,
      },
    ];
  }
  const failed = setupTests.some(
    (test) =>
      test.status === "FAILED" ||
      test.status === "JOB_FAILED" ||
      (test.status !== "PASSED" && (test.details as { auth?: unknown } | undefined)?.auth === true),
  );
  return { setupState: failed ? "broken" : "connected", setupTests };
}

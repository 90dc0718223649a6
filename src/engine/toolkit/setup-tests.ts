/**
 * The one runner of setup tests, for sources and destinations alike: a check that throws
 * becomes one JOB_FAILED test (never a 500), a check that runs over its time limit becomes one
 * FAILED test saying it timed out (never a hung request), and the tests decide the setup status.
 */

import type { Env } from "../../env";
import type { ConnectorContext, ServiceDefinition, SetupTest, SourceDefinition } from "../protocol";
import { BindingNotGrantedError } from "./bindings";
import { connectorContext } from "./context";
import { shorten } from "./http";
import type { CertificateInfo } from "./tls";

/** How long a check may run by default. */
export const SETUP_TEST_TIMEOUT_MS = 30_000;

/** The title of the test a runner reports for a check that threw or timed out. */
export const RUNNER_TEST_TITLE = "Running setup tests";

/** Fivetran's `setup_status`, always lowercase. */
export type SetupStatus = "incomplete" | "connected" | "broken";

/**
 * `broken` as soon as a test FAILED or JOB_FAILED, or a test that did not pass names a
 * credential problem (`details.auth`); `connected` otherwise (PASSED, WARNING, SKIPPED).
 */
export function setupStatusOf(tests: readonly SetupTest[]): "connected" | "broken" {
  const broken = tests.some(
    (test) =>
      test.status === "FAILED" ||
      test.status === "JOB_FAILED" ||
      (test.status !== "PASSED" && (test.details as { auth?: unknown } | undefined)?.auth === true),
  );
  return broken ? "broken" : "connected";
}

export interface SetupTestOptions {
  /** Give up on the check after this long; default {@link SETUP_TEST_TIMEOUT_MS}. */
  timeoutMs?: number;
}

/** Whose setup tests: a stored connection's or destination's (its approved certificates apply). */
export interface SetupTestOwner {
  owner?: { kind: "connection" | "destination"; id: string };
  /** Receives the certificates a server presented that no approved certificate vouches for. */
  presented?: CertificateInfo[];
}

/**
 * Runs `definition.check` on validated config. The check gets `ctx` with a signal that also
 * aborts at the time limit, so its requests stop; should it not return by then anyway, the
 * run answers without it.
 */
export async function runSetupTests(
  definition: { check(config: never, ctx: ConnectorContext): Promise<SetupTest[]> },
  config: Record<string, unknown>,
  ctx: ConnectorContext,
  options: SetupTestOptions = {},
): Promise<SetupTest[]> {
  const timeoutMs = options.timeoutMs ?? SETUP_TEST_TIMEOUT_MS;
  const limit = new AbortController();
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, limit.signal]) : limit.signal;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<SetupTest[]>((resolve) => {
    timer = setTimeout(() => {
      limit.abort(new Error(`setup tests timed out after ${describe(timeoutMs)}`));
      resolve([
        {
          title: RUNNER_TEST_TITLE,
          status: "FAILED",
          message: `The setup tests timed out after ${describe(timeoutMs)}`,
          details: { timed_out: true },
        },
      ]);
    }, timeoutMs);
  });
  const run = (async () => definition.check(config as never, { ...ctx, signal }))().catch(
    (error: unknown): SetupTest[] => [
      {
        title: RUNNER_TEST_TITLE,
        status: "JOB_FAILED",
        message: `The setup tests stopped unexpectedly: ${shorten(error instanceof Error ? error.message : String(error))}`,
      },
    ],
  );
  try {
    return await Promise.race([run, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** The outcome of a source's setup tests, as the connection routes store it. */
export interface SetupResult {
  setupState: "connected" | "broken";
  setupTests: SetupTest[];
}

/** {@link runSetupTests} for a source's connection, in the source's own connector context. */
export async function runSourceSetupTests(
  env: Env,
  accountId: string,
  definition: SourceDefinition,
  config: Record<string, unknown>,
  options: SetupTestOptions & SetupTestOwner = {},
): Promise<SetupResult> {
  const setupTests = await runAccountSetupTests(env, accountId, definition, config, options);
  return { setupState: setupStatusOf(setupTests), setupTests };
}

/**
 * {@link runSetupTests} in the connector context of `accountId`. A binding the config names but
 * the account no longer holds (its grant was revoked) is one FAILED test, so the setup status
 * says the connector cannot run; create and PATCH refuse such a config before this (400).
 */
export async function runAccountSetupTests(
  env: Env,
  accountId: string,
  definition: ServiceDefinition,
  config: Record<string, unknown>,
  options: SetupTestOptions & SetupTestOwner & { signal?: AbortSignal } = {},
): Promise<SetupTest[]> {
  let ctx: ConnectorContext;
  try {
    ctx = await connectorContext(env, accountId, definition, config, options.signal, options.owner);
  } catch (error) {
    if (!(error instanceof BindingNotGrantedError)) throw error;
    return [{ title: "Checking access to the binding", status: "FAILED", message: error.message }];
  }
  const tests = await runSetupTests(definition, config, ctx, options);
  options.presented?.push(...(ctx.egress.tls?.presented ?? []));
  return tests;
}

function describe(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}

import type { ConnectorContext, DestinationDefinition, DestinationOpener, SetupTest } from "../protocol";
import { bigQueryDestination } from "./big-query/index";
import { d1Destination } from "./d1/index";
import { postgresDestination } from "./postgres/index";
import { r2Destination } from "./r2/index";
import { snowflakeDestination } from "./snowflake/index";

// Each definition is typed by its own config schema; the registry erases that to the common contract.
const all = [
  d1Destination,
  r2Destination,
  postgresDestination,
  snowflakeDestination,
  bigQueryDestination,
] as unknown as DestinationDefinition[];

/** Every destination service, by service id. */
export const destinations: Record<string, DestinationDefinition> = Object.fromEntries(all.map((d) => [d.service, d]));

/** The destination for a service id or one of its aliases (`postgres_warehouse`), or undefined. */
export function findDestination(service: string): DestinationDefinition | undefined {
  if (Object.hasOwn(destinations, service)) return destinations[service];
  return Object.values(destinations).find((d) => d.aliases?.includes(service));
}

/**
 * Whether connections can sync into this destination: it has a writer. The one test of
 * writability: the catalog, the sync endpoints and the schedule all ask it. A destination
 * without a writer can be configured and tested, but no data moves into it.
 */
export function canWrite(
  definition: DestinationDefinition,
): definition is DestinationDefinition & { writer: DestinationOpener } {
  return definition.writer !== undefined;
}

/** Fivetran's `setup_status`, always lowercase. */
export type SetupStatus = "incomplete" | "connected" | "broken";

/** `connected` when every test PASSED, WARNED or was SKIPPED; `broken` as soon as one failed. */
export function setupStatusOf(tests: SetupTest[]): SetupStatus {
  return tests.some((t) => t.status === "FAILED" || t.status === "JOB_FAILED") ? "broken" : "connected";
}

/**
 * Runs a destination's setup tests on validated config. A check is written never to throw;
 * should one throw anyway, the run still answers, as one JOB_FAILED test, never as a 500.
 */
export async function runSetupTests(
  definition: DestinationDefinition,
  config: Record<string, unknown>,
  ctx: ConnectorContext,
): Promise<SetupTest[]> {
  try {
    return await definition.check(config as never, ctx);
  } catch (error) {
    return [
      {
        title: "Running setup tests",
        status: "JOB_FAILED",
        message: `The setup tests stopped unexpectedly: ${(error as Error)?.message ?? String(error)}`,
      },
    ];
  }
}

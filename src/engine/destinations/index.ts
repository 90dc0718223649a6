import type { DestinationDefinition, DestinationOpener } from "../protocol";
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

import type { DestinationDefinition } from "../types";

/** Every destination service, by service id. */
export const destinations: Record<string, DestinationDefinition> = {};

/** The destination for a service id or one of its aliases (`postgres_warehouse`), or undefined. */
export function findDestination(service: string): DestinationDefinition | undefined {
  if (Object.hasOwn(destinations, service)) return destinations[service];
  return Object.values(destinations).find((d) => d.aliases?.includes(service));
}

import type { SourceDefinition } from "../types";
import { postgresSource } from "./postgres";
import { sampleSource } from "./sample";

/** Every source service, by service id. */
export const sources: Record<string, SourceDefinition> = {
  [postgresSource.service]: postgresSource as unknown as SourceDefinition,
  [sampleSource.service]: sampleSource as unknown as SourceDefinition,
};

/** The source for a service id, or undefined. */
export function findSource(service: string): SourceDefinition | undefined {
  return Object.hasOwn(sources, service) ? sources[service] : undefined;
}

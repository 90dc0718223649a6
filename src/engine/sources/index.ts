import type { SourceDefinition } from "../types";
import { fsxSource } from "./fsx";
import { gcsSource } from "./gcs";
import { graphqlSource } from "./graphql";
import { hubspotSource } from "./hubspot";
import { mongodbSource } from "./mongodb";
import { mysqlSource } from "./mysql";
import { postgresSource } from "./postgres";
import { restSource } from "./rest";
import { s3Source } from "./s3";
import { salesforceSource } from "./salesforce";
import { sampleSource } from "./sample";
import { shopifySource } from "./shopify";
import { snowflakeSource } from "./snowflake";
import { stripeSource } from "./stripe";

/** Every source service, by service id. */
export const sources: Record<string, SourceDefinition> = {
  [postgresSource.service]: postgresSource as unknown as SourceDefinition,
  [sampleSource.service]: sampleSource as unknown as SourceDefinition,
  [mysqlSource.service]: mysqlSource as unknown as SourceDefinition,
  [mongodbSource.service]: mongodbSource as unknown as SourceDefinition,
  [snowflakeSource.service]: snowflakeSource as unknown as SourceDefinition,
  [salesforceSource.service]: salesforceSource as unknown as SourceDefinition,
  [hubspotSource.service]: hubspotSource as unknown as SourceDefinition,
  [stripeSource.service]: stripeSource as unknown as SourceDefinition,
  [shopifySource.service]: shopifySource as unknown as SourceDefinition,
  [restSource.service]: restSource as unknown as SourceDefinition,
  [graphqlSource.service]: graphqlSource as unknown as SourceDefinition,
  [s3Source.service]: s3Source as unknown as SourceDefinition,
  [gcsSource.service]: gcsSource as unknown as SourceDefinition,
  [fsxSource.service]: fsxSource as unknown as SourceDefinition,
};

/** The source for a service id, or undefined. */
export function findSource(service: string): SourceDefinition | undefined {
  if (Object.hasOwn(sources, service)) return sources[service];
  return Object.values(sources).find((source) => source.aliases?.includes(service));
}

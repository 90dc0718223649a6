import type { SourceDefinition, SourceReader } from "../protocol";
import { declarativeManifestSource } from "./declarative-manifest/index";
import { fsxSource } from "./fsx/index";
import { gcsSource } from "./gcs/index";
import { graphqlSource } from "./graphql/index";
import { hubspotSource } from "./hubspot/index";
import { mongodbSource } from "./mongodb/index";
import { mysqlSource } from "./mysql/index";
import { postgresSource } from "./postgres/index";
import { restSource } from "./rest/index";
import { s3Source } from "./s3/index";
import { salesforceSource } from "./salesforce/index";
import { sampleSource } from "./sample/index";
import { shopifySource } from "./shopify/index";
import { snowflakeSource } from "./snowflake/index";
import { stripeSource } from "./stripe/index";

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
  [declarativeManifestSource.service]: declarativeManifestSource as unknown as SourceDefinition,
};

/** The source for a service id, or undefined. */
export function findSource(service: string): SourceDefinition | undefined {
  if (Object.hasOwn(sources, service)) return sources[service];
  return Object.values(sources).find((source) => source.aliases?.includes(service));
}

/**
 * Whether connections of this source can sync: it has a reader (discovery and reading). The
 * one test of syncability: the catalog, the sync endpoints and the schedule all ask it. A
 * source without a reader can be configured and tested, but no data moves.
 */
export function canSync(definition: SourceDefinition): definition is SourceDefinition & { reader: SourceReader } {
  return definition.reader !== undefined;
}

import { describe, expect, it } from "vitest";
import { findSource, sources } from "../../../src/engine/sources";
import { configMetadata } from "../../../src/routes/metadata/config-schema";
import { secretKeys } from "./helpers";

const EXPECTED = {
  mysql: "schema_prefix",
  mongodb: "schema_prefix",
  snowflake: "schema_prefix",
  salesforce: "schema",
  hubspot: "schema",
  stripe: "schema",
  shopify: "schema",
  rest: "schema",
  graphql: "schema",
  s3: "schema",
  gcs: "schema",
  fsx: "schema",
  declarative_manifest: "schema",
} as const;

describe("source registry", () => {
  it.each(Object.entries(EXPECTED))("registers %s with %s naming", (service, naming) => {
    const source = findSource(service);
    expect(source?.service).toBe(service);
    expect(source?.naming).toBe(naming);
    expect(source?.fields.shape).toHaveProperty(naming);
    expect(source?.info.linkToDocs).toMatch(/^https:\/\//);
  });

  it.each(Object.keys(EXPECTED))("%s config metadata marks every secret as a password", (service) => {
    const source = sources[service];
    if (!source) throw new Error(`${service} is not registered`);
    const metadata = configMetadata(source);
    for (const key of secretKeys(source.fields)) expect(metadata.properties?.[key]?.format).toBe("password");
    expect(metadata.required).toContain(source.naming);
  });
});

describe("Fivetran's service ids", () => {
  it("resolve to our services where the ids differ", () => {
    expect(findSource("mongo")?.service).toBe("mongodb");
    expect(findSource("snowflake_db")?.service).toBe("snowflake");
    expect(findSource("no_such_service")).toBeUndefined();
  });
});

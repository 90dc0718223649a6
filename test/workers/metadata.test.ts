import { z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { canWrite, destinations } from "../../src/engine/destinations";
import { canSync, sources } from "../../src/engine/sources";
import { secret, secretKeys } from "../../src/engine/toolkit/config";
import { encodeCursor, pageOfList } from "../../src/lib/pagination";
import { toConfigProperty } from "../../src/routes/metadata/config-schema";
import { call } from "./helpers";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ITEM_KEYS = [
  "connector_class",
  "description",
  "icon_url",
  "icons",
  "id",
  "link_to_docs",
  "link_to_erd",
  "name",
  "service_status",
  "service_status_updated_at",
  "supported_features",
  "type",
];
const DEPRECATED_MESSAGE =
  'Metadata API is deprecated. You can retrieve schema metadata from the metadata tables in Platform Connector:\nhttps://fivetran.com/docs/logs/fivetran-platform")\n';

/** Service ids of the registry in the order the API must list them (code point order). */
const registryIds = Object.keys(sources).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

// biome-ignore lint/suspicious/noExplicitAny: metadata nodes are arbitrary JSON
type Node = any;

/**
 * Fails where go-fivetran's `Property` struct could not decode a node: `type`, `title` and
 * `description` must be strings, `readonly` a boolean, `enum` and `required` string arrays,
 * `items` one object, `properties` an object of nodes.
 */
function expectGoDecodable(node: Node, path: string) {
  expect(typeof node, path).toBe("object");
  for (const key of ["type", "title", "description"]) {
    if (node[key] !== undefined) expect(typeof node[key], `${path}.${key}`).toBe("string");
  }
  expect(typeof node.readonly, `${path}.readonly`).toBe("boolean");
  for (const key of ["enum", "required"]) {
    if (node[key] !== undefined) {
      expect(Array.isArray(node[key]), `${path}.${key}`).toBe(true);
      for (const value of node[key]) expect(typeof value, `${path}.${key}[]`).toBe("string");
    }
  }
  if (node.items !== undefined) expectGoDecodable(node.items, `${path}.items`);
  if (node.properties !== undefined) {
    for (const [name, child] of Object.entries(node.properties)) expectGoDecodable(child, `${path}.${name}`);
  }
}

describe("connector types listing", () => {
  it("lists one item per registered source, sorted by id, in Fivetran's shape", async () => {
    const res = await call("GET", "/v1/metadata/connector-types");
    expect(res.status).toBe(200);
    expect(res.json.code).toBe("Success");
    expect(res.json.message).toBe("Connectors list retrieved successfully");
    const items = res.json.data.items;
    expect(items.map((item: { id: string }) => item.id)).toEqual(registryIds);
    expect(res.json.data.next_cursor).toBeUndefined();
    for (const item of items) {
      expect(Object.keys(item).sort(), item.id).toEqual(ITEM_KEYS);
      expect(item.connector_class).toBe("standard");
      expect(["general_availability", "beta", "private_preview", "sunset", "development"]).toContain(
        item.service_status,
      );
      expect(item.service_status_updated_at, item.id).toMatch(DATE);
      expect(item.name.length).toBeGreaterThan(0);
      expect(item.link_to_docs).toMatch(/^https:\/\//);
      for (const feature of item.supported_features) {
        expect(Object.keys(feature).sort()).toEqual(["id", "notes"]);
      }
    }
  });

  it("shows postgres from its definition", async () => {
    const res = await call("GET", "/v1/metadata/connector-types");
    const postgres = res.json.data.items.find((item: { id: string }) => item.id === "postgres");
    expect(postgres).toEqual({
      id: "postgres",
      name: "PostgreSQL",
      type: "Database",
      description: sources.postgres?.info.description,
      icon_url: null,
      icons: [],
      link_to_docs: "https://fivetran.com/docs/connectors/databases/postgresql",
      link_to_erd: null,
      connector_class: "standard",
      service_status: "general_availability",
      service_status_updated_at: expect.stringMatching(DATE),
      // Deletes are captured through logical replication; columns are not hashed (yet): not advertised.
      supported_features: [
        { id: "RE_SYNC", notes: null },
        { id: "API_CONFIGURABLE", notes: null },
        {
          id: "CAPTURE_DELETES",
          notes: "With update_method WAL (logical replication); query-based incremental detects deletes on a re-sync",
        },
      ],
    });
  });

  it("shows what moves data as available and the rest as development, advertising only what it implements", async () => {
    const items: { id: string; service_status: string; supported_features: { id: string }[] }[] = (
      await call("GET", "/v1/metadata/connector-types")
    ).json.data.items;
    const byId = new Map(items.map((item) => [item.id, item]));
    for (const id of [
      "postgres",
      "sample",
      "mongodb",
      "snowflake",
      "s3",
      "gcs",
      "fsx",
      "stripe",
      "shopify",
      "salesforce",
      "hubspot",
      "rest",
      "graphql",
      "declarative_manifest",
    ]) {
      expect(byId.get(id)?.service_status, id).toBe("general_availability");
    }
    expect(byId.get("hubspot")?.supported_features.map((f) => f.id)).toEqual(["API_CONFIGURABLE", "CAPTURE_DELETES"]);
    for (const item of items) {
      const definition = sources[item.id];
      expect(definition, item.id).toBeDefined();
      if (definition && canSync(definition)) continue;
      expect(item.service_status, item.id).toBe("development");
      expect(
        item.supported_features.filter((feature) => feature.id !== "API_CONFIGURABLE"),
        item.id,
      ).toEqual([]);
    }
    // Destination services are not connector types in Fivetran's listing.
    expect(byId.has("r2")).toBe(false);
    expect(byId.has("d1")).toBe(false);
  });

  it("serves the same listing at the legacy /v1/metadata/connectors path, with a trailing slash too", async () => {
    const modern = await call("GET", "/v1/metadata/connector-types");
    for (const path of ["/v1/metadata/connectors", "/v1/metadata/connectors/", "/v1/metadata/connector-types/"]) {
      const res = await call("GET", path);
      expect(res.status, path).toBe(200);
      expect(res.json, path).toEqual(modern.json);
    }
  });

  it("pages through every connector type one at a time with limit=1", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page <= registryIds.length; page++) {
      const query = cursor ? `?limit=1&cursor=${encodeURIComponent(cursor)}` : "?limit=1";
      const res = await call("GET", `/v1/metadata/connector-types${query}`);
      expect(res.status).toBe(200);
      expect(res.json.data.items).toHaveLength(1);
      seen.push(res.json.data.items[0].id);
      cursor = res.json.data.next_cursor;
      if (!cursor) break;
    }
    expect(cursor).toBeUndefined();
    expect(seen).toEqual(registryIds);
  });

  it("starts after the cursor's service id, so pages hold even if a service is added meanwhile", async () => {
    const first = registryIds[0] as string;
    const res = await call("GET", `/v1/metadata/connector-types?cursor=${encodeCursor({ createdAt: "", id: first })}`);
    expect(res.json.data.items.map((item: { id: string }) => item.id)).toEqual(registryIds.slice(1));
  });

  it("rejects a bad cursor or limit with 400 naming the field", async () => {
    const cursor = await call("GET", "/v1/metadata/connector-types?cursor=garbage");
    expect(cursor.status).toBe(400);
    expect(cursor.json.code).toBe("InvalidInput");
    expect(cursor.json.message).toMatch(/'cursor'/);
    for (const limit of ["0", "1001", "ten"]) {
      const res = await call("GET", `/v1/metadata/connector-types?limit=${limit}`);
      expect(res.status, limit).toBe(400);
      expect(res.json.message, limit).toMatch(/'limit'/);
    }
  });

  it("requires authentication under /v1", async () => {
    for (const path of [
      "/v1/metadata/connector-types",
      "/v1/metadata/connectors",
      "/v1/metadata/connector-types/postgres",
      "/v1/metadata/connectors/postgres",
      "/v1/metadata/connectors/some_connection/tables",
    ]) {
      const res = await call("GET", path, { auth: null });
      expect(res.status, path).toBe(401);
      expect(res.json.code, path).toBe("Unauthorized");
    }
  });
});

describe("public connector types", () => {
  it("lists the same items without authentication", async () => {
    const authed = await call("GET", "/v1/metadata/connector-types");
    const res = await call("GET", "/public/connector-types", { auth: null });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      code: "Success",
      message: "Connector metadata retrieved successfully",
      data: authed.json.data,
    });
  });

  it("pages and validates like the authenticated listing", async () => {
    const page = await call("GET", "/public/connector-types?limit=1", { auth: null });
    expect(page.json.data.items).toHaveLength(1);
    expect(page.json.data.items[0].id).toBe(registryIds[0]);
    const bad = await call("GET", "/public/connector-types?limit=0", { auth: null });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe("InvalidInput");
  });
});

describe("connector type details", () => {
  it("describes postgres's config as a JSON-Schema-like object with password marked secret", async () => {
    const res = await call("GET", "/v1/metadata/connector-types/postgres");
    expect(res.status).toBe(200);
    expect(res.json.code).toBe("Success");
    expect(res.json.message).toBe("Connector configuration retrieved successfully");
    const data = res.json.data;
    expect(Object.keys(data).sort()).toEqual([...ITEM_KEYS, "auth", "config", "external_secrets_keys_config"].sort());
    const listed = (await call("GET", "/v1/metadata/connector-types")).json.data.items.find(
      (item: { id: string }) => item.id === "postgres",
    );
    const { config, auth, external_secrets_keys_config, ...item } = data;
    expect(item).toEqual(listed);

    expect(config).toMatchObject({ type: "object", title: "PostgreSQL config object", readonly: false });
    expect(config.required.sort()).toEqual(["database", "host", "schema_prefix", "user"]);
    expect(config.properties.host).toEqual({ type: "string", readonly: false, minLength: 1 });
    expect(config.properties.port).toEqual({
      type: "integer",
      readonly: false,
      default: 5432,
      minimum: 1,
      maximum: 65535,
    });
    expect(config.properties.password).toEqual({ type: "string", readonly: false, format: "password" });
    expect(config.properties.user.format).toBeUndefined();
    expect(config.properties.update_method).toMatchObject({
      type: "string",
      enum: ["WAL", "XMIN", "QUERY_BASED"],
      default: "QUERY_BASED",
    });
    expect(config.properties.tables).toEqual({
      type: "array",
      readonly: false,
      items: { type: "string", readonly: false, minLength: 1 },
    });
    expect(config.properties.require_tls).toEqual({ type: "boolean", readonly: false, default: false });
    expect(config.$schema).toBeUndefined();

    expect(auth).toEqual({
      type: "object",
      title: "PostgreSQL auth object",
      readonly: false,
      properties: {},
      required: [],
    });
    expect(external_secrets_keys_config).toEqual({});
  });

  it("serves every registered source, decodable by Go clients, with each secret field as format password", async () => {
    for (const [service, definition] of Object.entries(sources)) {
      const res = await call("GET", `/v1/metadata/connector-types/${service}`);
      expect(res.status, service).toBe(200);
      const { config, auth } = res.json.data;
      expectGoDecodable(config, `${service}.config`);
      expectGoDecodable(auth, `${service}.auth`);
      expect(Object.keys(config.properties).sort(), service).toEqual(Object.keys(definition.fields.shape).sort());
      for (const key of secretKeys(definition.fields)) {
        expect(config.properties[key]?.format, `${service}.${key}`).toBe("password");
      }
      for (const [key, property] of Object.entries(config.properties) as [string, Node][]) {
        if (property.format === "password") expect(secretKeys(definition.fields), service).toContain(key);
      }
    }
  });

  it("describes destination services too: development unless they can be written to (r2 can)", async () => {
    const r2 = await call("GET", "/v1/metadata/connector-types/r2");
    expect(r2.status).toBe(200);
    const { config, auth, external_secrets_keys_config: _keys, ...item } = r2.json.data;
    expect(item).toMatchObject({
      id: "r2",
      name: "Cloudflare R2",
      type: "Warehouse",
      service_status: "general_availability",
      supported_features: [],
    });
    expect(config).toMatchObject({ type: "object", title: "Cloudflare R2 config object", readonly: false });
    expect(Object.keys(config.properties).sort()).toEqual(Object.keys(destinations.r2?.fields.shape ?? {}).sort());
    expectGoDecodable(config, "r2.config");
    expectGoDecodable(auth, "r2.auth");

    const d1 = (await call("GET", "/v1/metadata/connector-types/d1")).json.data;
    expect(d1).toMatchObject({ id: "d1", type: "Warehouse", service_status: "general_availability" });
    // Fivetran's destination ids: an alias, or `kind` where a source has the same id.
    const warehouse = (await call("GET", "/v1/metadata/connector-types/postgres_warehouse")).json.data;
    expect(warehouse).toMatchObject({ id: "postgres", type: "Warehouse", service_status: "general_availability" });
    expect(warehouse.config.properties.host).toBeDefined();
    expect((await call("GET", "/v1/metadata/connector-types/postgres")).json.data.type).toBe("Database");
    const snowflake = await call("GET", "/v1/metadata/connector-types/snowflake?kind=destination");
    expect(snowflake.status).toBe(200);
    // Written to through the SQL API (destinations/snowflake/writer.ts; conformance in destinations.test.ts).
    expect(snowflake.json.data).toMatchObject({
      id: "snowflake",
      type: "Warehouse",
      service_status: "general_availability",
    });
    expect((await call("GET", "/v1/metadata/connector-types/snowflake")).json.data.type).toBe("Database");
    expect((await call("GET", "/v1/metadata/connector-types/bigquery")).json.data.id).toBe("big_query");
    expect((await call("GET", "/v1/metadata/connector-types/d1?kind=source")).status).toBe(404);

    for (const [service, definition] of Object.entries(destinations)) {
      const res = await call("GET", `/v1/metadata/connector-types/${service}?kind=destination`);
      expect(res.status, service).toBe(200);
      expect(res.json.data.service_status, service).toBe(canWrite(definition) ? "general_availability" : "development");
      for (const key of secretKeys(definition.fields)) {
        expect(res.json.data.config.properties[key]?.format, `${service}.${key}`).toBe("password");
      }
    }
  });

  it("answers the legacy /v1/metadata/connectors/{service} path with the same body", async () => {
    const modern = await call("GET", "/v1/metadata/connector-types/postgres");
    const legacy = await call("GET", "/v1/metadata/connectors/postgres");
    expect(legacy.status).toBe(200);
    expect(legacy.json).toEqual(modern.json);
  });

  it("answers 404 NotFound_Service for a service it does not have, on both paths", async () => {
    for (const path of ["/v1/metadata/connector-types/no_such_service", "/v1/metadata/connectors/no_such_service"]) {
      const res = await call("GET", path);
      expect(res.status, path).toBe(404);
      expect(res.json).toEqual({
        code: "NotFound_Service",
        message:
          "Service 'no_such_service' does not exist. GET /v1/metadata/connector-types lists the available services.",
      });
    }
  });
});

describe("removed Metadata API", () => {
  it("answers 404 NotFound with Fivetran's deprecation message for tables, columns and schemas", async () => {
    for (const resource of ["tables", "columns", "schemas"]) {
      const res = await call("GET", `/v1/metadata/connectors/some_connection/${resource}`);
      expect(res.status, resource).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(res.json, resource).toEqual({ code: "NotFound", message: DEPRECATED_MESSAGE });
    }
  });
});

describe("config metadata conversion", () => {
  it("turns JSON Schema Go clients cannot decode into Fivetran's shape", () => {
    const fields = z.object({
      nullable: z.string().nullable().describe("may be null"),
      choice: z.union([z.literal("a"), z.literal("b")]),
      either: z.union([z.string(), z.number()]).optional(),
      pair: z.tuple([z.string(), z.string()]),
      count: z.number().int(),
      nested: z.object({ inner: z.array(z.enum(["x", "y"])) }).optional(),
      token: secret(z.string()).default("never shown"),
    });
    const node = toConfigProperty(z.toJSONSchema(fields, { io: "input" }) as Record<string, unknown>);
    expectGoDecodable(node, "fields");
    expect(node.properties?.nullable).toEqual({ type: "string", readonly: false, description: "may be null" });
    expect(node.properties?.choice).toEqual({ type: "string", readonly: false, enum: ["a", "b"] });
    expect(node.properties?.either).toEqual({ type: "string", readonly: false });
    expect(node.properties?.pair?.items).toEqual({ type: "string", readonly: false });
    expect(node.properties?.count).toEqual({ type: "integer", readonly: false });
    expect(node.properties?.nested?.properties?.inner?.items).toEqual({
      type: "string",
      readonly: false,
      enum: ["x", "y"],
    });
    expect(node.properties?.token).toEqual({ type: "string", readonly: false, format: "password" });
    expect(node.required?.sort()).toEqual(["choice", "count", "nullable", "pair"]);
  });
});

describe("in-memory pages", () => {
  it("walks a list in key order with cursors, never repeating or skipping an item", () => {
    const items = ["delta", "alpha", "charlie", "echo", "bravo"];
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = pageOfList(
        items,
        (s) => s,
        { cursor, limit: 2 },
        (s) => s.toUpperCase(),
      );
      seen.push(...page.items);
      cursor = page.next_cursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(["ALPHA", "BRAVO", "CHARLIE", "DELTA", "ECHO"]);
    const exact = pageOfList(
      items,
      (s) => s,
      { limit: 5 },
      (s) => s,
    );
    expect(exact.next_cursor).toBeUndefined();
  });
});

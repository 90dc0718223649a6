/**
 * Malformed-request fuzz over every route of the app (issue #9 §9). Routes come from
 * `createApp()` and its OpenAPI document, so a new route is fuzzed without editing this file.
 * Every answer must be < 500, JSON, and — for errors — Fivetran's envelope `{code, message}`.
 *
 * The seed is fixed so CI is deterministic; run with FUZZ_SEED=<n> (and FUZZ_RUNS=<n> per
 * route, which also prints the answers per route and status) to explore other inputs locally,
 * FUZZ_DEBUG=<route path> to print every request of one route. A failure prints fast-check's
 * shrunk counterexample.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { destinations } from "../../../src/engine/destinations";
import { call, newAccount, OPERATOR } from "../helpers";
import { type ApiRoute, apiRoutes, contractViolation, fillPath, type JsonSchema, resolve, send } from "./routes";

const knobs = env as unknown as { FUZZ_SEED?: string; FUZZ_RUNS?: string; FUZZ_DEBUG?: string };
const SEED = Number(knobs.FUZZ_SEED ?? 20261202);
const RUNS = Number(knobs.FUZZ_RUNS ?? 40);

interface Fixtures {
  auth: string;
  groupId: string;
  emptyGroupId: string;
  connectionId: string;
  userId: string;
  accountId: string;
  /** A key of a throwaway account, so the operator key routes see a real key too. */
  spareKey: string;
  schemaName: string;
  tableName: string;
  /** `schema.table`, the key of a stream's state. */
  streamKey: string;
  services: string[];
  /** Config metadata of every source and destination service, from the metadata API. */
  configs: Record<Kind, Record<string, JsonSchema>>;
}

let fx: Fixtures;

beforeAll(async () => {
  // No request of the fuzz may leave the machine: every outbound fetch fails at once.
  vi.spyOn(globalThis, "fetch").mockRejectedValue(new TypeError("fetch failed: no network in the fuzz"));
  const auth = await newAccount("fuzz");
  const info = (await call("GET", "/v1/account/info", { auth })).json.data;
  const groupId = (await call("POST", "/v1/groups", { auth, body: { name: "fuzz_main" } })).json.data.id;
  const emptyGroupId = (await call("POST", "/v1/groups", { auth, body: { name: "fuzz_empty" } })).json.data.id;
  const destination = await call("POST", "/v1/destinations", {
    auth,
    body: { group_id: groupId, service: "d1", time_zone_offset: "0", config: { database: "WAREHOUSE" } },
  });
  expect(destination.status, JSON.stringify(destination.json)).toBe(201);
  // The sample source needs no host, so the routes that start work (sync, test) stay local.
  const connection = await call("POST", "/v1/connections", {
    auth,
    body: { group_id: groupId, service: "sample", paused: true, config: { schema: "fuzz_sample" } },
  });
  expect(connection.status, JSON.stringify(connection.json)).toBe(201);
  const connectionId = connection.json.data.id;
  await call("POST", `/v1/connections/${connectionId}/schemas/reload`, { auth });
  const schemas = (await call("GET", `/v1/connections/${connectionId}/schemas`, { auth })).json.data.schemas ?? {};
  const schemaName = Object.keys(schemas)[0] ?? "public";
  const tableName = Object.keys(schemas[schemaName]?.tables ?? {})[0] ?? "orders";
  const spare = await call("POST", "/operator/accounts", { auth: OPERATOR, body: { name: "fuzz spare" } });
  const types = await call("GET", "/v1/metadata/connector-types?limit=1000", { auth });
  const services: string[] = types.json.data.items.map((item: { id: string }) => item.id);
  const configs: Fixtures["configs"] = { source: {}, destination: {} };
  for (const [kind, names] of [
    ["source", services],
    ["destination", Object.keys(destinations)],
  ] as const) {
    for (const service of names) {
      const details = await call("GET", `/v1/metadata/connector-types/${service}?kind=${kind}`, { auth });
      configs[kind][service] = details.json.data.config;
    }
  }
  fx = {
    auth,
    groupId,
    emptyGroupId,
    connectionId,
    userId: info.user_id,
    accountId: info.account_id,
    spareKey: spare.json.data.api_key,
    schemaName,
    tableName,
    streamKey: `${schemaName}.${tableName}`,
    services,
    configs,
  };
});

// ---------------------------------------------------------------------------------------------
// Values

/** Number literals JSON.stringify cannot write (-0, overflow, exponent forms): spliced in raw. */
const RAW_NUMBERS = ["-0", "1e999", "-1e999", "123456789012345678901234567890", "1E2", "0.0000001", "1.0"];
const RAW = (i: number) => `\u0001raw${i}\u0001`;

const oddStrings = fc.constantFrom(
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff",
  "x\ud83d",
  "null",
  "undefined",
  "NaN",
  "-NaN",
  "Infinity",
  "-0",
  "1e999",
  "0x1F",
  "true",
  "[]",
  "{}",
  "'; DROP TABLE connections; --",
  "__proto__",
  "constructor",
  "toString",
  "../../etc/passwd",
  "%00",
  "%2F",
  "\u202e\u0301\ufeff",
  "👩‍👩‍👧‍👦",
  "x".repeat(10_000),
);

const numberLike = fc.oneof(
  fc.constantFrom(0, -1, 1, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, Number.MIN_VALUE, 0.5),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(...RAW_NUMBERS.map((_, i) => RAW(i))),
  fc.constantFrom("1", "360", "-5", " 7 ", "1.5", "1e3", "0x10"),
);

/** One wrong value of any JSON type (the server parses JSON, so this is the whole space). */
const weird: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: oddStrings },
  { weight: 3, arbitrary: numberLike },
  { weight: 2, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], [[[]]], { "": null }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: fc.integer({ min: 50, max: 10_000 }).map((depth) => nested(depth)) },
);

/**
 * `{"a":{"a":…}}` or `[[…]]` nested `depth` deep, as a placeholder `toJson` writes out as text:
 * building the value itself would overflow this test's own stack in JSON.stringify.
 */
function nested(depth: number): string {
  return `\u0001deep${depth}\u0001`;
}

function nestedText(depth: number): string {
  return depth % 2 ? `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}` : `${"[".repeat(depth)}${"]".repeat(depth)}`;
}

/** JSON text of `value`, with the raw number and nesting placeholders written out. */
function toJson(value: unknown): string {
  let text = JSON.stringify(value) ?? "null";
  RAW_NUMBERS.forEach((literal, i) => {
    text = text.split(JSON.stringify(RAW(i))).join(literal);
  });
  return text.replace(/"\\u0001deep(\d+)\\u0001"/g, (_, depth: string) => nestedText(Number(depth)));
}

// ---------------------------------------------------------------------------------------------
// Bodies from the route's request schema

/** Which registry a body's `service` names: a destination's on /v1/destinations, else a source's. */
type Kind = "source" | "destination";

/** A valid-looking instance of a JSON schema: the shape the route expects. */
function fromSchema(schema: JsonSchema, kind: Kind, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  if (!s || depth > 4) return fc.constant(null);
  const options = s.anyOf ?? s.oneOf;
  if (options) return fc.oneof(...options.map((option: JsonSchema) => fromSchema(option, kind, depth + 1)));
  if (Array.isArray(s.enum)) return fc.constantFrom(...s.enum);
  const types: string[] = Array.isArray(s.type) ? s.type : s.type ? [s.type] : ["object"];
  return fc.oneof(...types.map((type) => fromType(type, s, kind, depth)));
}

function fromType(type: string, s: JsonSchema, kind: Kind, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer": {
      const min = s.minimum ?? -10;
      return fc.integer({ min, max: Math.max(min, Math.min(s.maximum ?? 2000, min + 2000)) });
    }
    case "number":
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case "string":
      if (s.enum) return fc.constantFrom(...s.enum);
      if (s.format === "uri") return fc.constantFrom(...UNREACHABLE_URLS);
      if (s.pattern) return fc.stringMatching(new RegExp(s.pattern));
      return s.example !== undefined ? fc.oneof(fc.constant(s.example), fc.string()) : fc.string({ maxLength: 20 });
    case "array":
      return fc.array(fromSchema(s.items ?? {}, kind, depth + 1), { maxLength: 3 });
    default: {
      const properties: Record<string, JsonSchema> = s.properties ?? {};
      const names = Object.keys(properties);
      if (names.length === 0) {
        const values = s.additionalProperties ? fromSchema(s.additionalProperties, kind, depth + 1) : weird;
        // Maps keyed by name (schemas, tables, columns): real names, odd names, names of Object.prototype.
        const keys = fc.oneof(
          { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
          {
            weight: 2,
            arbitrary: fc.constantFrom(
              fx.schemaName,
              fx.tableName,
              fx.streamKey,
              "__proto__",
              "constructor",
              "toString",
            ),
          },
        );
        return fc.dictionary(keys, values, { maxKeys: 3 });
      }
      // A create names a service and its config together: the config follows the service's
      // own metadata (GET /v1/metadata/connector-types/{service}), or the handler never runs.
      if (properties.service && properties.config) {
        const rest = fromType(type, { ...s, properties: omit(properties, ["service", "config"]) }, kind, depth);
        return fc
          .tuple(rest, serviceAndConfig(kind))
          .map(([body, pair]) => ({ ...(body as Record<string, unknown>), ...pair }));
      }
      // Required fields and at most two optional ones: every optional field drawn at random
      // would make nearly every body invalid somewhere, and the handler would never run.
      const required: string[] = (s.required ?? []).filter((name: string) => name in properties);
      const optional = names.filter((name) => !required.includes(name));
      return fc.subarray(optional, { maxLength: Math.min(2, optional.length) }).chain((chosen) => {
        const record: Record<string, fc.Arbitrary<unknown>> = {};
        for (const name of [...required, ...chosen]) {
          record[name] = hinted(name, fromSchema(properties[name], kind, depth + 1));
        }
        return fc.record(record);
      });
    }
  }
}

function omit(record: Record<string, JsonSchema>, names: string[]): Record<string, JsonSchema> {
  return Object.fromEntries(Object.entries(record).filter(([name]) => !names.includes(name)));
}

/**
 * Where generated configs point: nothing listens on port 1, and outbound fetch is stubbed
 * (beforeAll), so setup tests and syncs of fuzzed connections fail fast instead of hanging.
 */
const UNREACHABLE_URLS = ["http://127.0.0.1:1/api", "https://127.0.0.1:1/", "http://localhost:1/graphql"];

/** Real values for the fields whose random values would only ever be refused (ids, hosts). */
function hinted(name: string, fallback: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  switch (name) {
    case "group_id":
      return fc.oneof(fc.constantFrom(fx.groupId, fx.emptyGroupId, fx.connectionId), fallback);
    case "host":
    case "shop":
      return fc.constantFrom("127.0.0.1", "localhost");
    case "hosts":
      return fc.constant(["127.0.0.1:1"]);
    case "port":
      return fc.constant(1);
    case "state":
      // A connection's state is keyed by its streams; any other key is refused before it is stored.
      return fc.oneof(
        fc.record({ [fx.streamKey]: fc.dictionary(fc.constantFrom("cursor", "snapshot", "__proto__"), weird) }),
        fallback,
      );
    case "scale":
      // The sample source writes `scale` rows per table per run: keep syncs small.
      return fc.integer({ min: 1, max: 20 });
    case "config":
      // PATCH of the fixture (a sample connection, a d1 destination): its own fields, or not.
      return fc.oneof(
        fromSchema(fx.configs.source.sample, "source"),
        fromSchema(fx.configs.destination.d1, "destination"),
        fallback,
      );
    default:
      return fallback;
  }
}

/** `{service, config}` of one service of the registry, the config from its metadata. */
function serviceAndConfig(kind: Kind): fc.Arbitrary<{ service: unknown; config: unknown }> {
  const configs = fx.configs[kind];
  const services = Object.keys(configs);
  const known = fc
    .constantFrom(...services)
    .chain((service) => fromSchema(configs[service], kind).map((config) => ({ service, config })));
  const unknown = fc.record({ service: fc.oneof(fc.string({ maxLength: 12 }), weird), config: weird });
  return fc.oneof({ weight: 6, arbitrary: known }, { weight: 1, arbitrary: unknown });
}

/** A valid-looking body with one field made wrong, dropped, or an extra field added. */
function mutated(schema: JsonSchema, kind: Kind): fc.Arbitrary<unknown> {
  return fc
    .tuple(fromSchema(schema, kind), fc.nat(), weird, fc.constantFrom("replace", "drop", "extra", "nest"))
    .map(([value, pick, wrong, how]) => {
      if (value === null || typeof value !== "object" || Array.isArray(value)) return wrong;
      const body = { ...(value as Record<string, unknown>) };
      const names = Object.keys(body);
      const name = names.length ? (names[pick % names.length] as string) : "extra";
      if (how === "drop") delete body[name];
      else if (how === "extra") body[`unexpected_${pick % 7}`] = wrong;
      else if (how === "nest") body[name] = { [name]: body[name], nested: wrong };
      else body[name] = wrong;
      return body;
    });
}

/** Request body text: absent, empty, broken JSON, JSON of the wrong kind, or a mutated body. */
function bodyFor(route: ApiRoute): fc.Arbitrary<string | undefined> {
  const broken = fc.oneof(
    fc.constantFrom("{", "}", "{'a':1}", '{"a":}', "[1,]", "nul", "tru", '{"a":1}}', "\u0000", "NaN", '{"a":NaN}'),
    fc.constantFrom('"\\ud800"', '{"\\u0000":"\\u0000"}', "\ufeff{}", "[".repeat(100_000)),
    fc.string({ unit: "binary", maxLength: 60 }),
  );
  const options: fc.WeightedArbitrary<string | undefined>[] = [
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom("", "   ", "\n") },
    { weight: 2, arbitrary: broken },
    { weight: 2, arbitrary: weird.map(toJson) },
  ];
  if (route.body) {
    const kind: Kind = route.path.startsWith("/v1/destinations") ? "destination" : "source";
    options.push(
      { weight: 5, arbitrary: mutated(route.body, kind).map(toJson) },
      { weight: 3, arbitrary: fromSchema(route.body, kind).map(toJson) },
    );
  }
  return fc.oneof(...options);
}

// ---------------------------------------------------------------------------------------------
// Paths, queries and headers

/** Path segments as they go on the wire (already percent-encoded where needed). */
function segmentFor(route: ApiRoute, param: string): fc.Arbitrary<string> {
  const real = realValues(param);
  // Ids of the other kinds (a group id where a connection id belongs, and so on).
  const others = [fx.groupId, fx.emptyGroupId, fx.connectionId, fx.userId, fx.accountId, fx.spareKey, "sample"];
  const odd = fc.constantFrom(
    "%2F",
    "a%2Fb",
    "%2e%2e",
    ".%2e",
    "%00",
    "%20",
    "%C3%A9",
    "%F0%9F%92%A9",
    "~",
    "!$&'()*+,;=:@",
    "null",
    "undefined",
    "__proto__",
    "constructor",
    "-1",
    "0",
    "1e999",
    "x".repeat(1_500),
    encodeURIComponent("ünïcödé"),
    encodeURIComponent("a\u0000b"),
    encodeURIComponent(`${fx.groupId}/../${fx.connectionId}`),
  );
  // Deleting the fixtures would leave the rest of the run fuzzing 404s only.
  // The fixture's own id half the time, so most bodies reach the handler behind the 404.
  const valid: fc.WeightedArbitrary<string>[] =
    route.method === "DELETE"
      ? []
      : [
          { weight: 4, arbitrary: fc.constantFrom(...real) },
          { weight: 1, arbitrary: fc.constantFrom(...others) },
        ];
  return fc.oneof(
    ...valid,
    { weight: 1, arbitrary: odd },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 40 }).map(encodeURIComponent) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }).map(encodeURIComponent) },
  );
}

function realValues(param: string): string[] {
  switch (param) {
    case "groupId":
    case "destinationId":
      return [fx.groupId, fx.emptyGroupId];
    case "connectionId":
    case "connectorId":
      return [fx.connectionId];
    case "schemaName":
      return [fx.schemaName];
    case "tableName":
      return [fx.tableName];
    case "userId":
      return [fx.userId];
    case "accountId":
      return [fx.accountId];
    case "apiKey":
      return [fx.spareKey];
    case "service":
      return [...fx.services.slice(0, 5), "sample"];
    default:
      return [fx.connectionId];
  }
}

const queryValue = fc.oneof(
  fc.constantFrom("-1", "0", "1", "1001", "abc", "1.5", "1e3", "", " ", "NaN", "-0", "99999999999999999999", "0x10"),
  fc.constantFrom("!!!", "e30", "eyJ0IjoxLCJpIjoyfQ", "eyJ0IjoieCIsImkiOiJ5In0", "bnVsbA", "W10", "_-_-", "%25"),
  fc.string({ maxLength: 30 }).map((text) => btoa(unescape(encodeURIComponent(text)))),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "grapheme", maxLength: 10 }),
  fc.constant("y".repeat(1_500)),
);

function queryFor(route: ApiRoute): fc.Arbitrary<string> {
  const names = [...route.query, "limit", "cursor", "unexpected"];
  return fc.oneof(
    fc.constant(""),
    fc
      .array(fc.tuple(fc.constantFrom(...names), queryValue), { minLength: 1, maxLength: 4 })
      .map((pairs) => `?${new URLSearchParams(pairs).toString()}`),
  );
}

const contentTypes = fc.constantFrom(
  "application/json",
  "application/json",
  "application/json; charset=utf-8",
  "application/json;version=2",
  undefined,
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=xyz",
  "application/xml",
  "*/*",
);

interface FuzzRequest {
  method: string;
  url: string;
  contentType: string | undefined;
  body: string | undefined;
}

function requestFor(route: ApiRoute): fc.Arbitrary<FuzzRequest> {
  const segments: Record<string, fc.Arbitrary<string>> = {};
  for (const param of route.params) segments[param] = segmentFor(route, param);
  return fc
    .record({
      segments: fc.record(segments),
      query: queryFor(route),
      contentType: contentTypes,
      body: bodyFor(route),
      // Now and then another method on the path (mostly 405 in the envelope). Never DELETE: the
      // path may hold a fixture's id.
      method: fc.oneof(
        { weight: 12, arbitrary: fc.constant(route.method) },
        { weight: 1, arbitrary: fc.constantFrom("GET", "POST", "PUT", "PATCH", "OPTIONS") },
      ),
    })
    .map(({ segments: values, query, contentType, body, method }) => ({
      method,
      url: `${fillPath(route.path, values)}${query}`,
      contentType,
      body,
    }));
}

function headersFor(route: ApiRoute, request: FuzzRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  if (route.auth === "basic") headers.authorization = fx.auth;
  if (route.auth === "operator") headers.authorization = OPERATOR;
  if (request.contentType) headers["content-type"] = request.contentType;
  return headers;
}

const routes = apiRoutes();
let sent = 0;
/** Answers per route and status, printed at the end so a run shows what the fuzz reached. */
const statuses = new Map<string, number>();

describe("fuzz: malformed requests to every route", () => {
  it("covers every route of the app", () => {
    // The OpenAPI document and app.routes agree, so nothing the app serves escapes the fuzz.
    expect(routes.length).toBeGreaterThan(70);
    expect(routes.filter((route) => route.json && !route.operationId).map((route) => route.path)).toEqual([
      "/openapi.json",
      "/",
    ]);
  });

  for (const route of routes) {
    it(`${route.method} ${route.path}`, { timeout: 120_000 }, async () => {
      await fc.assert(
        fc.asyncProperty(requestFor(route), async (request) => {
          sent++;
          const response = await send(request.method, request.url, {
            headers: headersFor(route, request),
            body: request.body,
          });
          const key = `${route.method} ${route.path} ${response.status}`;
          statuses.set(key, (statuses.get(key) ?? 0) + 1);
          if (knobs.FUZZ_DEBUG === route.path) console.log(request, response.status, response.text.slice(0, 300));
          const violation = contractViolation(route, response);
          if (violation) throw new Error(`${violation}: ${response.status} ${response.text.slice(0, 300)}`);
        }),
        { seed: SEED, numRuns: RUNS },
      );
    });
  }

  it("sent thousands of requests", () => {
    console.log(`fuzz: ${routes.length} routes, ${sent} requests (seed ${SEED})`);
    if (knobs.FUZZ_RUNS) console.log([...statuses].map(([key, n]) => `${key}: ${n}`).join("\n"));
    expect(sent).toBeGreaterThanOrEqual(routes.length * RUNS);
  });
});

/**
 * Writes `sdk/postman/fivetran.do.postman_collection.json`, a Postman collection (v2.1) of the
 * API, from `openapi.yaml` (openapi-to-postmanv2).
 *
 *   npm run postman          regenerate the collection
 *   npm run postman:check    exit 1 when the committed collection is stale
 *
 * Run `npm run openapi` first when the routes changed: this reads the committed document.
 *
 * On top of the converter's output: collection variables `baseUrl`, `apiKey`, `apiSecret` (and
 * `operatorSecret` for the operator routes) with collection-level Basic auth, `noauth` on the
 * routes the document marks `security: []`, ids derived from each item's place in the
 * collection (the converter draws random ones), and a "Quickstart" folder: the generated
 * create group → create destination → create connection → sync → poll requests, picked by
 * operationId, with test scripts that chain the ids and assert the status codes.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { parse } from "yaml";
import { writeOrCheck } from "./generated-file";

const ROOT = path.join(import.meta.dirname, "..");
const SOURCE = path.join(ROOT, "openapi.yaml");
const POSTMAN_COLLECTION = path.join(ROOT, "sdk", "postman", "fivetran.do.postman_collection.json");
const QUICKSTART_FOLDER = "Quickstart";
const SEED = 20_261_203;
const DEFAULT_BASE_URL = "http://127.0.0.1:8787";
/** Polls of the connection's details before the Quickstart gives up on its sync (1 s apart). */
const POLL_ATTEMPTS = 90;

interface OpenApiOperation {
  operationId?: string;
  security?: Record<string, string[]>[];
}
interface OpenApiDocument {
  servers?: { url: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
}
interface Variable {
  key: string;
  value: string;
  type?: string;
  description?: string;
}
interface Auth {
  type: string;
  [key: string]: unknown;
}
interface PostmanRequest {
  method: string;
  url: { path: string[]; host: string[]; query: unknown[]; variable: Variable[] };
  body?: { mode: string; raw?: string; options?: unknown };
  auth?: Auth | null;
  [key: string]: unknown;
}
interface Event {
  listen: "prerequest" | "test";
  script: { type: "text/javascript"; exec: string[] };
}
interface Item {
  id?: string;
  name: string;
  description?: unknown;
  item?: Item[];
  request?: PostmanRequest;
  response?: { id?: string; name: string; code: number; [key: string]: unknown }[];
  event?: Event[];
  [key: string]: unknown;
}
interface Collection {
  info: { _postman_id?: string; name: string; schema: string; description?: unknown };
  item: Item[];
  auth?: Auth;
  event?: Event[];
  variable?: Variable[];
}

/**
 * The converter fakes values the document gives no example for with Math.random, which its
 * faker reads once, when it is loaded: it is loaded (and run) with Math.random swapped for a
 * seeded generator (pure-rand), so that the output is the same on every run.
 */
async function convert(data: string): Promise<Collection> {
  const random = Math.random;
  const rng = xoroshiro128plus(SEED);
  Math.random = () => uniformFloat64(rng);
  try {
    const { convertV2 } = await import("openapi-to-postmanv2");
    return await convertWith(convertV2, data);
  } finally {
    Math.random = random;
  }
}

function convertWith(convertV2: typeof import("openapi-to-postmanv2").convertV2, data: string): Promise<Collection> {
  return new Promise((resolve, reject) => {
    convertV2(
      { type: "string", data },
      {
        // Request bodies, parameters and responses from the schemas' examples (the zod `.openapi({ example })`).
        parametersResolution: "Example",
        folderStrategy: "Tags",
        requestNameSource: "Fallback",
        // The collection's Basic auth covers every request; examples need no Authorization header.
        includeAuthInfoInExample: false,
        // Optional query parameters are listed but off: their faked values (cursor "string") would be sent.
        enableOptionalParameters: false,
      },
      (error, result) => {
        if (error) return reject(new Error(`openapi-to-postmanv2: ${error.message}`));
        const collection = result?.output?.find((output) => output.type === "collection")?.data;
        if (!result?.result || !collection) return reject(new Error(`openapi-to-postmanv2: ${result?.reason}`));
        resolve(collection as Collection);
      },
    );
  });
}

/** `METHOD /v1/connections/:connectionId`, the converter's form of a path, for each operation. */
function operationKey(method: string, pathname: string): string {
  return `${method.toUpperCase()} ${pathname.replace(/\{([^}]+)\}/g, ":$1")}`;
}

function requestKey(request: PostmanRequest): string {
  return `${request.method.toUpperCase()} /${request.url.path.join("/")}`;
}

function* requests(items: Item[]): Generator<Item & { request: PostmanRequest }> {
  for (const item of items) {
    if (item.item) yield* requests(item.item);
    else if (item.request) yield item as Item & { request: PostmanRequest };
  }
}

/** A UUID-shaped id from the sha-256 of `key`. */
function stableId(key: string): string {
  const hex = createHash("sha256").update(key).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Replaces every id below `items` with one derived from its path of names (and a counter for repeats). */
function assignIds(items: Item[], parent: string): void {
  const seen = new Map<string, number>();
  const unique = (key: string) => {
    const count = seen.get(key) ?? 0;
    seen.set(key, count + 1);
    return count === 0 ? key : `${key}#${count}`;
  };
  for (const item of items) {
    const key = unique(`${parent}/${item.request ? `${requestKey(item.request)} ` : ""}${item.name}`);
    if ("id" in item || item.request) item.id = stableId(key);
    if (item.item) assignIds(item.item, key);
    const responses = new Map<string, number>();
    for (const response of item.response ?? []) {
      const base = `${key}/${response.code} ${response.name}`;
      const count = responses.get(base) ?? 0;
      responses.set(base, count + 1);
      response.id = stableId(count === 0 ? base : `${base}#${count}`);
    }
  }
}

function script(listen: Event["listen"], lines: string[]): Event {
  return { listen, script: { type: "text/javascript", exec: lines } };
}

/** A JSON body as the converter writes one (two-space indentation). */
function rawJson(body: unknown): string {
  return JSON.stringify(body, null, 2);
}

/**
 * The Quickstart folder: copies of the generated requests of `byOperation`, their path
 * variables bound to the ids earlier steps store, each with its test script.
 */
function quickstart(byOperation: Map<string, Item & { request: PostmanRequest }>): Item {
  const pick = (operationId: string, name: string, events: Event[], body?: unknown): Item => {
    const generated = byOperation.get(operationId);
    if (!generated) throw new Error(`openapi.yaml has no operation ${operationId}`);
    const request: PostmanRequest = structuredClone(generated.request);
    for (const variable of request.url.variable) variable.value = `{{${variable.key}}}`;
    if (body !== undefined) {
      if (!request.body) throw new Error(`${operationId} takes no body`);
      request.body.raw = rawJson(body);
    }
    request.name = name;
    request.description = `${operationId}: ${generated.name}`;
    return { name, request, response: [], event: events };
  };
  const expectStatus = (code: number) => [
    `pm.test("status ${code}", function () {`,
    `  pm.response.to.have.status(${code});`,
    "});",
    "const body = pm.response.json();",
    'pm.test("code Success", function () {',
    '  pm.expect(body.code).to.eql("Success");',
    "});",
  ];
  return {
    name: QUICKSTART_FOLDER,
    description:
      "The sample source into the local D1 warehouse (WAREHOUSE): creates a group, its d1 destination and a sample connection, starts a sync and polls the connection until the sync has succeeded. Run it with `npx newman run sdk/postman/fivetran.do.postman_collection.json --folder Quickstart` (README, Postman).",
    item: [
      pick(
        "create_group",
        "1. Create a group",
        [
          script("prerequest", [
            "// A fresh name per run: group names are unique in an account.",
            'pm.collectionVariables.set("quickstartName", "postman_" + Date.now().toString(36));',
          ]),
          script("test", [
            ...expectStatus(201),
            'pm.collectionVariables.set("groupId", body.data.id);',
            'pm.collectionVariables.set("pollAttempts", "0");',
          ]),
        ],
        { name: "{{quickstartName}}" },
      ),
      pick(
        "create_destination",
        "2. Create a D1 destination",
        [
          script("test", [
            ...expectStatus(201),
            'pm.test("destination of the group", function () {',
            '  pm.expect(body.data.group_id).to.eql(pm.collectionVariables.get("groupId"));',
            "});",
            'pm.collectionVariables.set("destinationId", body.data.id);',
          ]),
        ],
        { group_id: "{{groupId}}", service: "d1", time_zone_offset: "0", config: { database: "WAREHOUSE" } },
      ),
      pick(
        "create_connection",
        "3. Create a sample connection",
        [
          script("test", [
            ...expectStatus(201),
            'pm.test("sample connection, not synced yet", function () {',
            '  pm.expect(body.data.service).to.eql("sample");',
            "  pm.expect(body.data.succeeded_at).to.eql(null);",
            "});",
            'pm.collectionVariables.set("connectionId", body.data.id);',
          ]),
        ],
        {
          group_id: "{{groupId}}",
          service: "sample",
          schedule_type: "manual",
          config: { schema: "{{quickstartName}}", scale: 25, tables: ["customers", "orders"] },
        },
      ),
      pick("sync_connection", "4. Sync the connection", [script("test", expectStatus(200))], {}),
      pick("connection_details", "5. Poll until the sync has succeeded", [
        script("test", [
          ...expectStatus(200),
          `const maxAttempts = ${POLL_ATTEMPTS};`,
          'const attempts = Number(pm.collectionVariables.get("pollAttempts") || 0) + 1;',
          'pm.collectionVariables.set("pollAttempts", String(attempts));',
          "const connection = body.data;",
          'pm.test("the sync has not failed", function () {',
          "  pm.expect(connection.failed_at, JSON.stringify(connection.status)).to.eql(null);",
          "});",
          "if (connection.succeeded_at) {",
          '  pm.test("the sync has succeeded", function () {',
          '    pm.expect(connection.succeeded_at).to.be.a("string");',
          "  });",
          "} else if (attempts < maxAttempts) {",
          "  // Again in a second: this request runs next.",
          "  pm.execution.setNextRequest(pm.info.requestId);",
          "  setTimeout(function () {}, 1000);",
          "} else {",
          '  pm.test("the sync succeeds within " + maxAttempts + " polls", function () {',
          '    pm.expect(connection.succeeded_at, JSON.stringify(connection.status)).to.be.a("string");',
          "  });",
          "}",
        ]),
      ]),
      pick("list_connection_runs", "6. List the connection's runs", [
        script("test", [
          ...expectStatus(200),
          'pm.test("one succeeded run with the sample\'s rows", function () {',
          "  pm.expect(body.data.items).to.have.lengthOf(1);",
          '  pm.expect(body.data.items[0].status).to.eql("succeeded");',
          "  pm.expect(body.data.items[0].rows).to.be.above(0);",
          "});",
        ]),
      ]),
    ],
  };
}

/** The collection as JSON. Depends on nothing but the document (and the seed). */
async function renderPostmanCollection(): Promise<string> {
  const data = await readFile(SOURCE, "utf8");
  const document = parse(data) as OpenApiDocument;
  const collection = await convert(data);

  const operations = new Map<string, OpenApiOperation>();
  for (const [pathname, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods))
      operations.set(operationKey(method, pathname), operation);
  }
  const byOperation = new Map<string, Item & { request: PostmanRequest }>();
  for (const item of requests(collection.item)) {
    const operation = operations.get(requestKey(item.request));
    if (!operation?.operationId) throw new Error(`no operation in openapi.yaml for ${requestKey(item.request)}`);
    byOperation.set(operation.operationId, item);
    const schemes = operation.security?.flatMap((requirement) => Object.keys(requirement));
    if (schemes?.length === 0) {
      // `security: []`: the route takes no credentials (a trigger's own token, public metadata).
      item.request.auth = { type: "noauth" };
    } else if (schemes?.includes("operatorBearer")) {
      item.request.auth = { type: "bearer", bearer: [{ key: "token", value: "{{operatorSecret}}", type: "string" }] };
    }
  }

  collection.item.push(quickstart(byOperation));
  collection.info._postman_id = stableId(collection.info.name);
  assignIds(collection.item, collection.info.name);
  collection.auth = {
    type: "basic",
    basic: [
      { key: "username", value: "{{apiKey}}", type: "string" },
      { key: "password", value: "{{apiSecret}}", type: "string" },
    ],
  };
  collection.variable = [
    {
      key: "baseUrl",
      value: document.servers?.[0]?.url ?? DEFAULT_BASE_URL,
      type: "string",
      description: "The API's origin: `npm start` serves it on http://127.0.0.1:8787",
    },
    {
      key: "apiKey",
      value: "",
      type: "string",
      description: "FIVETRAN_API_KEY (`npm start` prints it and keeps it in .dev.vars)",
    },
    {
      key: "apiSecret",
      value: "",
      type: "string",
      description: "FIVETRAN_API_SECRET (`npm start` prints it on the start that creates it; .dev.vars)",
    },
    {
      key: "operatorSecret",
      value: "",
      type: "string",
      description: "FIVETRAN_OPERATOR_SECRET, for the Operator folder only",
    },
  ];
  // The keys in a fixed order, whatever order the converter produced them in.
  const { info, item, auth, event, variable } = collection;
  return `${JSON.stringify({ info, item, auth, event: event ?? [], variable }, null, 2)}\n`;
}

async function main(): Promise<void> {
  const rendered = await renderPostmanCollection();
  await writeOrCheck(POSTMAN_COLLECTION, rendered, "postman");
}

await main();

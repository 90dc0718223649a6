/**
 * Hosts in config, through the API: validated and normalised at create/PATCH (no scheme, path,
 * port or spaces; IPv6 with or without brackets, stored bracketed), refused under a production
 * egress policy when they name a private address (400 InvalidInput, nothing stored), accepted
 * under the loopback policy the tests and `npm start` run with, and credentials embedded in
 * non-secret fields refused for every service.
 *
 * The production policy is the Worker's env without FIVETRAN_EGRESS_ALLOW: those requests go to
 * the Worker's fetch handler with that env, everything else through `call` (loopback allowed).
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { findDestination } from "../../src/engine/destinations";
import { InvalidInputError } from "../../src/engine/errors";
import type { DestinationDefinition, SourceDefinition } from "../../src/engine/protocol";
import { findSource } from "../../src/engine/sources";
import { parseConfig } from "../../src/engine/toolkit/config";
import { egressPolicy } from "../../src/engine/toolkit/egress";
import type { Env } from "../../src/env";
import worker from "../../src/index";
import { BOOTSTRAP, call, newAccount } from "./helpers";

const PRODUCTION = { ...(env as unknown as Env), FIVETRAN_EGRESS_ALLOW: undefined } as Env;

/** `call`, with the production egress policy. */
async function callProduction(method: string, path: string, body: unknown, auth = BOOTSTRAP) {
  const ctx = createExecutionContext();
  const request = new Request(`http://127.0.0.1:8787${path}`, {
    method,
    headers: { authorization: auth, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const response = await worker.fetch(request, PRODUCTION, ctx);
  await waitOnExecutionContext(ctx);
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
  const json: any = await response.json();
  return { status: response.status, json };
}

async function group(auth: string): Promise<string> {
  const res = await call("POST", "/v1/groups", { auth, body: { name: `hv_${crypto.randomUUID().slice(0, 8)}` } });
  return res.json.data.id;
}

const pg = (host: unknown, extra: Record<string, unknown> = {}) => ({
  schema_prefix: `hv_${crypto.randomUUID().slice(0, 8)}`,
  host,
  port: 5432,
  database: "postgres",
  user: "postgres",
  ...extra,
});

async function stored(auth: string, groupId: string) {
  return (await call("GET", `/v1/groups/${groupId}/connections`, { auth })).json.data.items;
}

describe("a production policy (FIVETRAN_EGRESS_ALLOW unset)", () => {
  it.each([
    ["127.0.0.1", "Host 127.0.0.1 is a loopback address"],
    ["::1", "Host [::1] is a loopback address"],
    ["[::1]", "Host [::1] is a loopback address"],
    ["0x7f.1", "Host 127.0.0.1 is a loopback address"],
    ["169.254.169.254", "Host 169.254.169.254 is a cloud metadata address"],
    ["localhost", "Host localhost is a loopback name"],
    ["10.0.0.8", "Host 10.0.0.8 is a private address"],
    ["metadata.google.internal", "Host metadata.google.internal is a cloud metadata name"],
  ])("refuses a postgres connection to %s with 400 and stores nothing", async (host, message) => {
    const auth = await newAccount();
    const groupId = await group(auth);
    const res = await callProduction(
      "POST",
      "/v1/connections",
      { group_id: groupId, service: "postgres", config: pg(host) },
      auth,
    );
    expect(res.status).toBe(400);
    expect(res.json.code).toBe("InvalidInput");
    expect(res.json.message).toBe(
      `Invalid value for field 'config.host': ${message}: this server does not connect to private networks (an operator can allow it with FIVETRAN_EGRESS_ALLOW)`,
    );
    expect(await stored(auth, groupId)).toEqual([]);
  });

  it("refuses the same on PATCH, keeping the stored host, and refuses private destinations and REST URLs", async () => {
    const auth = await newAccount();
    const groupId = await group(auth);
    const created = await call("POST", "/v1/connections", {
      auth,
      body: { group_id: groupId, service: "postgres", run_setup_tests: false, config: pg("db.example.com") },
    });
    expect(created.status).toBe(201);
    const id = created.json.data.id;
    const patched = await callProduction("PATCH", `/v1/connections/${id}`, { config: { host: "127.1" } }, auth);
    expect(patched.status).toBe(400);
    expect(patched.json.message).toMatch(
      /^Invalid value for field 'config.host': Host 127\.0\.0\.1 is a loopback address/,
    );
    expect((await call("GET", `/v1/connections/${id}`, { auth })).json.data.config.host).toBe("db.example.com");

    const destination = await callProduction(
      "POST",
      "/v1/destinations",
      {
        group_id: groupId,
        service: "postgres_warehouse",
        time_zone_offset: "0",
        config: { host: "192.168.1.20", database: "w", user: "u" },
      },
      auth,
    );
    expect(destination.status).toBe(400);
    expect(destination.json.message).toMatch(
      /^Invalid value for field 'config.host': Host 192\.168\.1\.20 is a private address/,
    );
    expect((await call("GET", `/v1/destinations/${groupId}`, { auth })).status).toBe(404);

    const rest = await callProduction(
      "POST",
      "/v1/connections",
      {
        group_id: groupId,
        service: "rest",
        config: { schema: "hv_rest", base_url: "http://169.254.169.254/latest", endpoints: ["/meta-data"] },
      },
      auth,
    );
    expect(rest.status).toBe(400);
    expect(rest.json.message).toMatch(
      /^Invalid value for field 'config.base_url': Host 169\.254\.169\.254 is a cloud metadata address/,
    );
  });

  it("still refuses at connect time a host stored while the policy allowed it", async () => {
    const auth = await newAccount();
    const groupId = await group(auth);
    const created = await call("POST", "/v1/connections", {
      auth,
      body: { group_id: groupId, service: "postgres", run_setup_tests: false, config: pg("127.0.0.1") },
    });
    const id = created.json.data.id;
    const started = Date.now();
    const res = await callProduction("POST", `/v1/connections/${id}/test`, {}, auth);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(res.status).toBe(200);
    expect(res.json.data.setup_tests[0]).toMatchObject({
      title: "Connecting to database",
      status: "FAILED",
      message:
        "Could not connect: Host 127.0.0.1 is a loopback address: this server does not connect to private networks (an operator can allow it with FIVETRAN_EGRESS_ALLOW)",
    });
  });
});

describe("the loopback policy of local development", () => {
  it.each(["127.0.0.1", "localhost", "0x7f.1"])(
    "creates a postgres connection to %s and runs its setup tests",
    async (host) => {
      const auth = await newAccount();
      const groupId = await group(auth);
      const res = await call("POST", "/v1/connections", {
        auth,
        body: { group_id: groupId, service: "postgres", config: pg(host) },
      });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
      expect(res.json.data.setup_tests[0]).toMatchObject({ title: "Connecting to database", status: "PASSED" });
      expect(res.json.data.config.host).toBe(host === "0x7f.1" ? "127.0.0.1" : host);
    },
  );

  it("answers an unbracketed IPv6 host in bounded time, with JSON, and stores it bracketed", async () => {
    const auth = await newAccount();
    const groupId = await group(auth);
    for (const host of ["::1", "[::1]", " 0:0:0:0:0:0:0:1 "]) {
      const started = Date.now();
      const res = await call("POST", "/v1/connections", {
        auth,
        body: { group_id: groupId, service: "postgres", config: pg(host) },
      });
      // Nothing listens on [::1]:5432 here: the test fails at once instead of hanging 60 s.
      expect(Date.now() - started).toBeLessThan(12_000);
      expect(res.status).toBe(201);
      expect(res.json.data.config.host).toBe("[::1]");
      expect(res.json.data.setup_tests[0]).toMatchObject({ title: "Connecting to database", status: "FAILED" });
      expect(res.json.data.setup_tests[0].message).not.toMatch(/never complete/);
    }
  });

  it.each([
    ["http://db.example.com", "a host name, not a URL: drop the scheme (db.example.com)"],
    ["db.example.com/postgres", "a host name without a path"],
    ["db.example.com:5432", "a host without a port: set the port in the port field"],
    ["[::1]:5432", "a host without a port: set the port in the port field"],
    ["db example.com", "a host name without spaces"],
    ["db$.example.com", "a host name or an IP address"],
    ["::1::2", "a host name or an IP address"],
  ])("refuses the malformed host %j", async (host, message) => {
    const auth = await newAccount();
    const groupId = await group(auth);
    const res = await call("POST", "/v1/connections", {
      auth,
      body: { group_id: groupId, service: "postgres", config: pg(host) },
    });
    expect(res.status).toBe(400);
    expect(res.json.message).toBe(`Invalid value for field 'config.host': ${message}`);
    expect(await stored(auth, groupId)).toEqual([]);
  });
});

describe("credentials in non-secret fields", () => {
  it.each([
    [
      "postgres",
      { host: "postgres://u:hunter2@db.example.com/db" },
      "config.host",
      /a URL must not carry credentials \(user:password@\); put it in the secret field config\.password$/,
    ],
    [
      "postgres",
      { host: "admin@db.example.com" },
      "config.host",
      /a host must not carry credentials \(user@host\); put it in the secret field config\.password$/,
    ],
    ["rest", { base_url: "https://user:pass@api.example.com" }, "config.base_url", /a URL must not carry credentials/],
    [
      "rest",
      { base_url: "https://api.example.com/v1?api_key=abc123" },
      "config.base_url",
      /the query parameter 'api_key' carries a credential; put it in a secret field \(config\./,
    ],
    [
      "rest",
      { endpoints: ["/items?Access_Token=zzz"] },
      "config.endpoints.0",
      /the query parameter 'Access_Token' carries a credential/,
    ],
    [
      "graphql",
      { endpoint: "https://api.example.com/graphql?sig=deadbeef" },
      "config.endpoint",
      /the query parameter 'sig' carries a credential/,
    ],
  ])("refuses %s config %j naming the secret field, storing nothing", async (service, config, field, message) => {
    const auth = await newAccount();
    const groupId = await group(auth);
    const base =
      service === "postgres"
        ? pg("db.example.com")
        : service === "rest"
          ? { schema: "hv_rest", base_url: "https://api.example.com", endpoints: ["/items"] }
          : { schema: "hv_gql", endpoint: "https://api.example.com/graphql", queries: ["{ items { id } }"] };
    const res = await call("POST", "/v1/connections", {
      auth,
      body: { group_id: groupId, service, config: { ...base, ...config } },
    });
    expect(res.status).toBe(400);
    expect(res.json.code).toBe("InvalidInput");
    expect(res.json.message).toMatch(new RegExp(`^Invalid value for field '${field.replace(/\./g, "\\.")}': `));
    expect(res.json.message).toMatch(message);
    expect(JSON.stringify(res.json)).not.toMatch(/hunter2|abc123|zzz|deadbeef/);
    expect(await stored(auth, groupId)).toEqual([]);
  });

  it("accepts credentials in the SDK's connectionString (it maps onto the secret password)", async () => {
    const auth = await newAccount();
    const groupId = await group(auth);
    const res = await call("POST", "/v1/connections", {
      auth,
      body: {
        group_id: groupId,
        service: "postgres",
        run_setup_tests: false,
        config: { schema_prefix: "hv_cs", connectionString: "postgres://u:pw@db.example.com:5432/app" },
      },
    });
    expect(res.status).toBe(201);
    expect(res.json.data.config).toMatchObject({ host: "db.example.com", password: "******" });
  });
});

describe("config validation of every service's hosts and URLs (parseConfig with a policy)", () => {
  const production = { egress: egressPolicy({}) };
  const loopback = { egress: egressPolicy({ FIVETRAN_EGRESS_ALLOW: "loopback" }) };
  const refused = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      return (error as Error).message;
    }
    throw new Error("not refused");
  };

  it("mongodb hosts (host:port entries), snowflake destination hosts, salesforce and graphql URLs", () => {
    const mongo = findSource("mongodb") as SourceDefinition;
    const base = { schema_prefix: "m", user: "u", password: "p" };
    expect(
      refused(() => parseConfig(mongo, { ...base, hosts: ["db.example.com:27017", "[::1]:27017"] }, {}, production)),
    ).toMatch(/^Invalid value for field 'config\.hosts\.1': Host \[::1\] is a loopback address/);
    expect(parseConfig(mongo, { ...base, hosts: ["127.0.0.1:27017"] }, {}, loopback).hosts).toEqual([
      "127.0.0.1:27017",
    ]);

    const snowflake = findDestination("snowflake") as DestinationDefinition;
    expect(
      refused(() =>
        parseConfig(snowflake, { host: "10.0.0.1", database: "d", user: "u", password: "p" }, {}, production),
      ),
    ).toMatch(/^Invalid value for field 'config\.host': Host 10\.0\.0\.1 is a private address/);

    const salesforce = findSource("salesforce") as SourceDefinition;
    expect(
      refused(() =>
        parseConfig(
          salesforce,
          { schema: "sf", client_id: "c", client_secret: "s", refresh_token: "r", base_url: "https://[fd00::1]" },
          {},
          production,
        ),
      ),
    ).toMatch(/^Invalid value for field 'config\.base_url': Host \[fd00::1\] is a unique-local address/);

    const graphql = findSource("graphql") as SourceDefinition;
    const gql = { schema: "g", queries: ["{ a }"] };
    expect(
      refused(() => parseConfig(graphql, { ...gql, endpoint: "http://localhost:4000/graphql" }, {}, production)),
    ).toMatch(/^Invalid value for field 'config\.endpoint': Host localhost is a loopback name/);
    expect(parseConfig(graphql, { ...gql, endpoint: "http://localhost:4000/graphql" }, {}, loopback).endpoint).toBe(
      "http://localhost:4000/graphql",
    );
  });

  it("judges stored config only when asked: re-validating for a setup test does not refuse", () => {
    const postgres = findSource("postgres") as SourceDefinition;
    const stored = parseConfig(postgres, pg("127.0.0.1"), {}, loopback);
    expect(parseConfig(postgres, undefined, stored).host).toBe("127.0.0.1");
    expect(refused(() => parseConfig(postgres, { port: 5433 }, stored, production))).toMatch(
      /Host 127\.0\.0\.1 is a loopback address/,
    );
  });
});

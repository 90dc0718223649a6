/**
 * The `Fivetran` class (sdk/fivetran.ts) driving this Worker, inside workerd: the vision's
 * quick start with two destination types side by side (PostgreSQL → D1, sample → PostgreSQL),
 * real syncs, status and history from the connection's state, declarations converging
 * (a second process, a race, a changed schedule), and what the server cannot do refused.
 */
import { env, exports } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Fivetran, FivetranDeclarationError, type FivetranOptions, FivetranValidationError } from "../../sdk/index";
import { DESTINATION_DB, dropCreated, ensureDatabases, SOURCE_DB, sourceSchema, sql } from "./connections-sync-helpers";
import { call } from "./helpers";

const AUTH = {
  baseUrl: "http://127.0.0.1:8787",
  apiKey: env.FIVETRAN_API_KEY as string,
  apiSecret: env.FIVETRAN_API_SECRET as string,
  fetch: (request: Request) => exports.default.fetch(request),
};
const instance = (id: string, extra: Partial<FivetranOptions> = {}) => new Fivetran({ id, ...AUTH, ...extra });
const unique = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
const basicAuth = `Basic ${btoa(`${AUTH.apiKey}:${AUTH.apiSecret}`)}`;

beforeAll(ensureDatabases);
afterAll(dropCreated);

describe("the Fivetran SDK class", () => {
  it("runs the quick start: Postgres → D1 and sample → Postgres side by side, with status and history", async () => {
    const schema = await sourceSchema();
    const fivetran = instance(unique("analytics"));
    const postgres = fivetran.createConnector({
      id: "postgres-prod",
      source: {
        type: "postgres",
        connectionString: `postgres://postgres@127.0.0.1:5432/${SOURCE_DB}`,
        tables: [`${schema}.customers`, `${schema}.orders`],
      },
      destination: { type: "d1", database: "WAREHOUSE" },
      sync: { schedule: "every 5 minutes", mode: "incremental" },
    });
    const sample = fivetran.createConnector({
      id: "sample-shop",
      source: { type: "sample", scale: 5, tables: ["customers", "orders"] },
      destination: { type: "postgres", connectionString: `postgres://postgres@127.0.0.1:5432/${DESTINATION_DB}` },
      sync: { cron: "0 */6 * * *", mode: "incremental", retries: 2, backoff: "exponential" },
    });

    const [pgRun, sampleRun] = await Promise.all([postgres.sync({ wait: true }), sample.sync({ wait: true })]);
    expect(pgRun?.status).toBe("succeeded");
    expect(pgRun?.rowsSynced).toBe(5);
    expect(pgRun?.tables).toEqual({
      [`${schema}.customers`]: expect.objectContaining({ rows: 3 }),
      [`${schema}.orders`]: expect.objectContaining({ rows: 2 }),
    });
    expect(sampleRun?.status).toBe("succeeded");
    expect(sampleRun?.rowsSynced).toBe(10);
    // The sample rows are in the Postgres destination, under the connection's schema.
    const [landed] = await sql(DESTINATION_DB, "SELECT count(*)::int AS n FROM sample_shop.customers");
    expect(landed?.n).toBe(5);

    // Two groups, one per destination, named after the instance.
    const pgDetails = await postgres.details();
    const sampleDetails = await sample.details();
    expect(pgDetails.group_id).not.toBe(sampleDetails.group_id);
    const group = await call("GET", `/v1/groups/${pgDetails.group_id}`, { auth: basicAuth });
    expect(group.json.data.name).toBe(`${fivetran.id}.d1`);
    expect(pgDetails.schema).toBe("postgres_prod");
    expect(pgDetails.schedule).toMatchObject({ phrase: "every 5 minutes" });
    expect(sampleDetails.sync_options).toMatchObject({ retries: 2, backoff: "exponential", mode: "incremental" });

    const status = await postgres.status();
    expect(status).toMatchObject({
      id: "postgres-prod",
      connectionId: pgDetails.id,
      status: "healthy",
      stats: { rowsSynced: 5 },
    });
    expect(status.lastSync).toEqual(expect.any(String));
    expect(status.nextSync).toEqual(expect.any(String));
    expect(status.stats.bytesTransferred).toBeGreaterThan(0);
    const history = await postgres.history();
    expect(history.map((r) => r.status)).toEqual(["succeeded"]);

    await postgres.pause();
    expect((await postgres.status()).status).toBe("paused");
    expect((await postgres.status()).nextSync).toBeNull();
    await postgres.resume();
    expect((await postgres.status()).status).toBe("healthy");

    await postgres.delete();
    const gone = await call("GET", `/v1/connections/${pgDetails.id}`, { auth: basicAuth });
    expect(gone.status).toBe(404);
  }, 120_000);

  it("is declarative: another process with the same declaration finds the connection, and a changed one is applied", async () => {
    const id = unique("converge");
    const declaration = {
      id: "sample-a",
      source: { type: "sample", scale: 3 },
      destination: { type: "postgres", connectionString: `postgres://postgres@127.0.0.1:5432/${DESTINATION_DB}` },
      sync: { schedule: "every 1 hour" },
    };
    const first = await instance(id).createConnector(declaration).ready();
    // Two processes at once: both end on the first one's connection.
    const [a, b] = await Promise.all([
      instance(id).createConnector(declaration).ready(),
      instance(id)
        .createConnector({ ...declaration, sync: { schedule: "every 2 hours" } })
        .ready(),
    ]);
    expect(a.id).toBe(first.id);
    expect(b.id).toBe(first.id);
    const groups = await call("GET", "/v1/groups?limit=1000", { auth: basicAuth });
    expect(groups.json.data.items.filter((g: { name: string }) => g.name === `${id}.postgres`)).toHaveLength(1);
    const listed = await call("GET", `/v1/connections?group_id=${first.group_id}`, { auth: basicAuth });
    expect(listed.json.data.items).toHaveLength(1);

    const changed = await instance(id)
      .createConnector({ ...declaration, sync: { schedule: "daily at 9am", lookback: "2 days" } })
      .ready();
    expect(changed.id).toBe(first.id);
    expect(changed.schedule).toMatchObject({ phrase: "daily at 9am" });
    expect(changed.sync_options).toMatchObject({ lookback: "2 days" });
    // Secrets never come back: the destination's password stays masked.
    const created = await instance(id)
      .createConnector({
        ...declaration,
        id: "sample-b",
        destination: { ...declaration.destination, name: "secure", password: "s3cret-value" },
      })
      .ready();
    const destination = await call("GET", `/v1/destinations/${created.group_id}`, { auth: basicAuth });
    expect(JSON.stringify(destination.json)).not.toContain("s3cret-value");
  }, 120_000);

  it("declares an event trigger: a trigger URL and a chain after another connector, created once", async () => {
    const id = unique("triggers");
    const destination = { type: "postgres", connectionString: `postgres://postgres@127.0.0.1:5432/${DESTINATION_DB}` };
    const fivetran = instance(id);
    const upstream = fivetran.createConnector({ id: "upstream", source: { type: "sample", scale: 2 }, destination });
    const hooked = fivetran.createConnector({
      id: "hooked",
      source: { type: "sample", scale: 2 },
      destination,
      sync: { schedule: "every 1 hour", trigger: { url: true } },
    });
    const chained = fivetran.createConnector({
      id: "chained",
      source: { type: "sample", scale: 2 },
      destination,
      sync: { schedule: "every 1 hour", trigger: { after: upstream } },
    });
    const url = await hooked.trigger();
    expect(url).toMatchObject({ type: "url", url: expect.stringContaining("/triggers/"), token: expect.any(String) });
    expect(await chained.trigger()).toMatchObject({ type: "after", afterConnectionId: (await upstream.ready()).id });
    // Another process with the same declaration finds the triggers instead of adding more.
    const again = instance(id).createConnector({
      id: "hooked",
      source: { type: "sample", scale: 2 },
      destination,
      sync: { schedule: "every 1 hour", trigger: { url: true } },
    });
    expect((await again.trigger())?.id).toBe(url?.id);
    expect((await again.trigger())?.token).toBeUndefined();
    const details = await hooked.details();
    expect(details.triggers).toHaveLength(1);
  }, 60_000);

  it("refuses what the server cannot do, with its 4xx, and what cannot be sent, before any request", async () => {
    const fivetran = instance(unique("refuse"));
    const base = {
      source: { type: "sample" },
      destination: { type: "postgres", connectionString: `postgres://postgres@127.0.0.1:5432/${DESTINATION_DB}` },
    };
    const transform = fivetran.createConnector({
      ...base,
      id: "with-transform",
      transform: { type: "sql", query: "DELETE FROM {{ source }}" },
    });
    const refused = await transform.ready().catch((error) => error);
    expect(refused).toBeInstanceOf(FivetranValidationError);
    expect(refused).toMatchObject({ status: 400, code: "InvalidInput" });
    expect(refused.message).toMatch(/transform\.query.*only a SELECT is accepted/);

    const badNotify = fivetran.createConnector({ ...base, id: "bad-notify", schema: { notify: ["not an address"] } });
    await expect(badNotify.ready()).rejects.toThrow(/notify/);
    // The schema block maps onto the schema policy (README "Schema changes").
    const defaults = fivetran.createConnector({
      ...base,
      id: "defaults",
      schema: { autoMigrate: true, allowBreaking: true, trackHistory: true, notify: ["data-team@example.com"] },
    });
    await expect(defaults.ready()).resolves.toMatchObject({ schema: "defaults" });
    await expect(defaults.schema.history()).resolves.toEqual([]);
    // Nothing discovered yet: there is no schema config to evolve.
    await expect(defaults.schema.evolve({ addColumn: { name: "region", type: "string" } })).rejects.toMatchObject({
      status: 404,
      code: "NotFound_SchemaConfig",
    });

    expect(() =>
      fivetran.createConnector({ ...base, id: "binding", destination: { type: "d1", database: env.DB as unknown } }),
    ).toThrow(FivetranDeclarationError);
    expect(() =>
      fivetran.createConnector({ ...base, id: "unknown-sync", sync: { every: "day" } as Record<string, unknown> }),
    ).toThrow(/sync.every is not supported/);
    expect(() => instance("tools", { tools: ["fsx.do"] as unknown as FivetranOptions["tools"] })).toThrow(/tools/);
    expect(() => new Fivetran({ id: "no-credentials" })).toThrow(/baseUrl/);

    // The same connector id with another source type is an error, not a silent takeover.
    const clash = fivetran.createConnector({
      ...base,
      id: "defaults",
      source: { type: "postgres", connectionString: `postgres://postgres@127.0.0.1:5432/${SOURCE_DB}` },
    });
    await expect(clash.ready()).rejects.toThrow(/declared with source 'postgres'/);
  }, 60_000);

  it("a sync of a source that cannot sync yet is the server's 400, as a typed error", async (context) => {
    const types = await call("GET", "/v1/metadata/connector-types?limit=1000", { auth: basicAuth });
    const development = types.json.data.items.find(
      (t: { id: string; service_status: string }) => t.service_status === "development",
    );
    if (!development) context.skip("every source can sync: no source is left to refuse a sync");
    const fivetran = instance(unique("unsyncable"));
    const connector = fivetran.createConnector({
      id: "not-yet",
      source: { type: development.id },
      destination: { type: "postgres", connectionString: `postgres://postgres@127.0.0.1:5432/${DESTINATION_DB}` },
    });
    // Its config may be refused (400) or the connection made and its sync refused (400): never a silent drop.
    const error = await connector.ready().then(
      () => connector.sync().then(() => undefined),
      (e) => e,
    );
    const refused = error ?? (await connector.sync().catch((e) => e));
    expect(refused).toBeInstanceOf(FivetranValidationError);
    expect(refused.status).toBe(400);
  }, 60_000);
});

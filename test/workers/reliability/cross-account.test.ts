/**
 * Cross-account probe over every route (issue #9 §9). Account A owns one of every kind of
 * resource; account B calls every route of the app (enumerated from `createApp()`, so a new
 * route is probed without editing this file) with A's ids and valid-looking bodies. Each answer
 * must be the answer for an id that does not exist (existence must not leak), never a 2xx; lists
 * must not show A's objects; and A's resources are byte-for-byte unchanged afterwards.
 */
import { describe, expect, inject, it } from "vitest";
import { PROBE_CERTIFICATE } from "../../fakes/certificate";
import { basic, call, newAccount, OPERATOR } from "../helpers";
import { type ApiRoute, apiRoutes, fillPath, minimalInstance, type RawResponse, send } from "./routes";

interface Owned {
  groupId: string;
  /** A second group, with the connection created through the `connectors` naming. */
  otherGroupId: string;
  connectionId: string;
  connectorId: string;
  schemaName: string;
  tableName: string;
  /** The connection's name: unique to A, so a list that leaks it is caught by text. */
  connectionSchema: string;
  userId: string;
  accountId: string;
  apiKey: string;
  /** A group webhook of A's (inactive, so no probe delivers anything). */
  webhookId: string;
}

/** A's webhooks point at the local receiver (test/fakes/webhook-receiver.ts). */
const WEBHOOK_URL = `http://127.0.0.1:${inject("webhookReceiverPort")}/hooks/cross_account`;

/** Creates A's world through the API: groups, a destination, connections with a schema config. */
async function createOwned(): Promise<{ auth: string; owned: Owned }> {
  const account = await call("POST", "/operator/accounts", { auth: OPERATOR, body: { name: "probe owner a" } });
  expect(account.status).toBe(201);
  const { api_key: apiKey, api_secret: apiSecret, account_id: accountId, user_id: userId } = account.json.data;
  const auth = basic(apiKey, apiSecret);
  // The d1 destination below writes into WAREHOUSE, which a non-bootstrap account needs a grant for.
  const grant = await call("PUT", `/operator/accounts/${accountId}/bindings/WAREHOUSE`, { auth: OPERATOR });
  expect(grant.status).toBe(201);
  const groupId = (await call("POST", "/v1/groups", { auth, body: { name: "a_private" } })).json.data.id;
  const otherGroupId = (await call("POST", "/v1/groups", { auth, body: { name: "a_other" } })).json.data.id;
  const destination = await call("POST", "/v1/destinations", {
    auth,
    body: { group_id: groupId, service: "d1", time_zone_offset: "+1", config: { database: "WAREHOUSE" } },
  });
  expect(destination.status, JSON.stringify(destination.json)).toBe(201);
  const connectionSchema = `a_secret_${crypto.randomUUID().slice(0, 8)}`;
  // Paused, so no scheduled run changes A's state while B probes.
  const connection = await call("POST", "/v1/connections", {
    auth,
    body: { group_id: groupId, service: "sample", paused: true, config: { schema: connectionSchema } },
  });
  expect(connection.status, JSON.stringify(connection.json)).toBe(201);
  const connectionId = connection.json.data.id;
  const connector = await call("POST", "/v1/connectors", {
    auth,
    body: { group_id: otherGroupId, service: "sample", paused: true, config: { schema: `${connectionSchema}_2` } },
  });
  expect(connector.status, JSON.stringify(connector.json)).toBe(201);
  const reload = await call("POST", `/v1/connections/${connectionId}/schemas/reload`, { auth });
  expect(reload.status, JSON.stringify(reload.json)).toBe(200);
  const schemas = reload.json.data.schemas;
  const schemaName = Object.keys(schemas)[0] as string;
  const tableName = Object.keys(schemas[schemaName].tables)[0] as string;
  // A schema config of A's own, so a write by B through any schema route would show.
  const patch = await call("PATCH", `/v1/connections/${connectionId}/schemas/${schemaName}/tables/${tableName}`, {
    auth,
    body: { enabled: false },
  });
  expect(patch.status, JSON.stringify(patch.json)).toBe(200);
  const webhook = await call("POST", `/v1/webhooks/group/${groupId}`, {
    auth,
    body: { url: WEBHOOK_URL, events: ["sync_end"], active: false, secret: "a_webhook_secret" },
  });
  expect(webhook.status, JSON.stringify(webhook.json)).toBe(200);
  return {
    auth,
    owned: {
      groupId,
      otherGroupId,
      connectionId,
      connectorId: connector.json.data.id,
      schemaName,
      tableName,
      connectionSchema,
      userId,
      accountId,
      apiKey,
      webhookId: webhook.json.data.id,
    },
  };
}

/** Values of path parameters: A's, or well-formed ones that exist nowhere. */
function pathValues(owned: Owned | undefined): Record<string, string> {
  const missing = "absent_identifier";
  return {
    groupId: owned?.groupId ?? missing,
    destinationId: owned?.groupId ?? missing,
    connectionId: owned?.connectionId ?? missing,
    connectorId: owned?.connectionId ?? missing,
    userId: owned?.userId ?? missing,
    accountId: owned?.accountId ?? missing,
    apiKey: owned?.apiKey ?? "AbsentKey0000000",
    logId: owned?.connectionId ?? missing,
    webhookId: owned?.webhookId ?? missing,
    // Names, not ids: the same in both probes, so only the connection's owner differs.
    schemaName: "SCHEMA",
    tableName: "TABLE",
    service: "sample",
  };
}

/** Valid-looking bodies: what A could send to change its own resources. */
function bodyFor(route: ApiRoute, owned: Owned | undefined, names: { schema: string; table: string }) {
  if (!route.body) return undefined;
  const groupId = owned?.groupId ?? "absent_identifier";
  const overrides: Record<string, unknown> = {
    create_connection: { group_id: groupId, service: "sample", config: { schema: "b_probe" } },
    create_connector: { group_id: groupId, service: "sample", config: { schema: "b_probe" } },
    create_destination: { group_id: groupId, service: "d1", time_zone_offset: "0", config: { database: "WAREHOUSE" } },
    resync_tables: { [names.schema]: [names.table] },
    resync_connector_tables: { [names.schema]: [names.table] },
    evolve_connection_schema: {
      add_column: { table: `${names.schema}.${names.table}`, name: "COLUMN", type: "string" },
    },
    evolve_connector_schema: {
      add_column: { table: `${names.schema}.${names.table}`, name: "COLUMN", type: "string" },
    },
    drop_connection_columns: { schemas: { [names.schema]: { tables: { [names.table]: { columns: ["COLUMN"] } } } } },
    drop_connector_columns: { schemas: { [names.schema]: { tables: { [names.table]: { columns: ["COLUMN"] } } } } },
    // Inactive, so creating or changing one pings nobody.
    create_account_webhook: { url: WEBHOOK_URL, events: ["sync_end"], active: false },
    create_group_webhook: { url: WEBHOOK_URL, events: ["sync_end"], active: false },
    modify_webhook: { events: ["sync_start"], active: false },
    test_webhook: { event: "sync_end" },
    approve_connection_certificate: PROBE_CERTIFICATE,
    approve_connector_certificate: PROBE_CERTIFICATE,
    approve_destination_certificate: PROBE_CERTIFICATE,
  };
  const override = route.operationId ? overrides[route.operationId] : undefined;
  return (
    override ??
    minimalInstance(route.body, {
      group_id: groupId,
      name: "stolen_by_b",
      paused: false,
      enabled: true,
      force: true,
      time_zone_offset: "-3",
      schema_change_handling: "ALLOW_ALL",
      schemas: { [names.schema]: { enabled: false } },
      sync_frequency: 5,
      run_setup_tests: true,
    })
  );
}

const routes = apiRoutes();

/** What A reads of its own resources: compared as text before and after B's probes. */
function snapshotReads(owned: Owned): string[] {
  const c = owned.connectionId;
  return [
    `/v1/groups/${owned.groupId}`,
    `/v1/groups/${owned.otherGroupId}`,
    `/v1/groups/${owned.groupId}/connections`,
    `/v1/destinations/${owned.groupId}`,
    `/v1/connections/${c}`,
    `/v1/connectors/${owned.connectorId}`,
    `/v1/connections/${c}/schemas`,
    `/v1/connections/${c}/schemas/${owned.schemaName}/tables/${owned.tableName}/columns`,
    `/v1/connections/${c}/runs`,
    "/v1/groups",
    "/v1/destinations",
    "/v1/connections",
    "/v1/users",
    `/v1/users/${owned.userId}`,
    "/v1/account/info",
    `/v1/webhooks/${owned.webhookId}`,
    "/v1/webhooks",
    `/v1/webhooks/${owned.webhookId}/deliveries`,
  ];
}

async function snapshot(auth: string, owned: Owned): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const url of snapshotReads(owned)) {
    const res = await send("GET", url, { headers: { authorization: auth } });
    expect(res.status, `${url}: ${res.text}`).toBe(200);
    out[url] = res.text;
  }
  const keys = await send("GET", `/operator/accounts/${owned.accountId}/keys`, {
    headers: { authorization: OPERATOR },
  });
  out.keys = keys.text;
  return out;
}

/** The answer with every id of `values` written as `<id>`, so two probes compare as text. */
function normalised(response: RawResponse, values: Record<string, string>): string {
  let text = response.text;
  for (const value of new Set(Object.values(values))) text = text.split(value).join("<id>");
  return `${response.status} ${text}`;
}

describe("cross-account probe", () => {
  it("B reaches none of A's resources through any route, and A's resources are unchanged", {
    timeout: 120_000,
  }, async () => {
    const { auth: authA, owned } = await createOwned();
    const authB = await newAccount("probe intruder b");
    const before = await snapshot(authA, owned);
    const leakable = [
      owned.groupId,
      owned.otherGroupId,
      owned.connectionId,
      owned.connectorId,
      owned.connectionSchema,
      owned.userId,
      owned.accountId,
      owned.apiKey,
      owned.webhookId,
    ];

    let probed = 0;
    const mismatches: string[] = [];
    for (const route of routes) {
      // B has only its own Basic credentials, also on the operator and public routes.
      const headers = { authorization: authB, "content-type": "application/json" };
      const foreign = pathValues(owned);
      const absent = pathValues(undefined);
      // Real schema and table names of A's connection for A's ids; the same names for the absent id.
      foreign.schemaName = absent.schemaName = owned.schemaName;
      foreign.tableName = absent.tableName = owned.tableName;
      const names = { schema: owned.schemaName, table: owned.tableName };
      const foreignBody = bodyFor(route, owned, names);
      const absentBody = bodyFor(route, undefined, names);
      const queries = route.query.includes("group_id") ? [`?group_id=${owned.groupId}`, ""] : [""];
      const bodyNamesA = route.body !== undefined && JSON.stringify(foreignBody).includes(owned.groupId);
      const idParams = route.params.filter((name) => name !== "service");

      for (const query of queries) {
        const label = `${route.method} ${route.path}${query}`;
        const res = await send(route.method, `${fillPath(route.path, foreign)}${query}`, {
          headers,
          body: foreignBody === undefined ? undefined : JSON.stringify(foreignBody),
        });
        probed++;
        expect(res.status, `${label}: ${res.text}`).toBeLessThan(500);
        const touchesA = idParams.length > 0 || query !== "" || bodyNamesA;
        if (!touchesA) {
          // A list or a route of B's own: nothing of A's may show in it.
          for (const value of leakable) {
            expect(res.text.includes(value), `${label} shows A's '${value}': ${res.text}`).toBe(false);
          }
          continue;
        }
        // Names A's resource: never a success, and the same answer as for an id that exists nowhere.
        expect(res.status >= 200 && res.status < 300, `${label} answered ${res.status}: ${res.text}`).toBe(false);
        const absentQuery = query ? "?group_id=absent_identifier" : "";
        const control = await send(route.method, `${fillPath(route.path, absent)}${absentQuery}`, {
          headers,
          body: absentBody === undefined ? undefined : JSON.stringify(absentBody),
        });
        probed++;
        const a = normalised(res, foreign);
        const b = normalised(control, absent);
        if (a !== b) mismatches.push(`${label}\n  A's id:  ${a}\n  absent:  ${b}`);
        // B's Basic key does not open the operator API at all, nor a trigger URL (its bearer
        // token is its only credential); everywhere else a foreign id is 404.
        const credentialOnly = route.auth === "operator" || route.path.startsWith("/triggers/");
        expect(res.status, `${label}: ${res.text}`).toBe(credentialOnly ? 401 : 404);
      }
    }
    expect(mismatches, mismatches.join("\n")).toEqual([]);
    expect(probed).toBeGreaterThan(routes.length);

    const after = await snapshot(authA, owned);
    for (const url of Object.keys(before)) expect(after[url], url).toBe(before[url]);
    console.log(`cross-account: ${routes.length} routes, ${probed} probes`);

    // The probes were requests the routes accept: A sending them to its own resources passes
    // validation, so B's 404s come from ownership, not from a malformed body. Deletes go last.
    const own = [...routes].sort((x, y) => Number(x.method === "DELETE") - Number(y.method === "DELETE"));
    const refused: string[] = [];
    for (const route of own) {
      if (route.auth !== "basic" || route.params.filter((name) => name !== "service").length === 0) continue;
      const values = { ...pathValues(owned), schemaName: owned.schemaName, tableName: owned.tableName };
      const body = bodyFor(route, owned, { schema: owned.schemaName, table: owned.tableName });
      const res = await send(route.method, fillPath(route.path, values), {
        headers: { authorization: authA, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      // `…/state` answers 400 for every connector here (no user-editable state) after the
      // ownership check, whatever the body: that 400 is the route's, not a malformed probe's.
      const stateRefusal = route.path.endsWith("/state") && res.text.includes("has no user-editable state");
      // Approving a fingerprint is refused the same way (src/routes/certificates).
      const approvalRefusal = /\/fingerprints$/.test(route.path) && res.text.includes("approval is not available");
      if ((res.status === 400 && !stateRefusal && !approvalRefusal) || res.status >= 500)
        refused.push(`${route.method} ${route.path}: ${res.status} ${res.text}`);
    }
    expect(refused, refused.join("\n")).toEqual([]);
  });
});

import type { RouteHandler } from "@hono/zod-openapi";
import { deleteCertificatesOf } from "../../db/certificates";
import { type Catalog, catalog } from "../../db/client";
import { groupConnectionIds, groupSchemas } from "../../db/connections";
import * as repo from "../../db/destinations";
import { getGroup } from "../../db/groups";
import { findDestination } from "../../engine/destinations";
import type { DestinationDefinition, SetupTest } from "../../engine/protocol";
import {
  MASK,
  maskConfig,
  openConfig,
  parseConfig,
  sealConfig,
  setSecretNames,
  stringifyValues,
} from "../../engine/toolkit/config";
import { egressPolicy } from "../../engine/toolkit/egress";
import { runAccountSetupTests, setupStatusOf } from "../../engine/toolkit/setup-tests";
import type { AppEnv, Env } from "../../env";
import { ApiError } from "../../errors";
import { done, ok } from "../../lib/envelope";
import { decodeCursor, toPage } from "../../lib/pagination";
import { decryptJson } from "../../lib/secrets";
import { isoTimestamp } from "../../lib/time";
import { testsTrusting } from "../certificates/trust";
import { requireGrantedBindings, requireUnsharedSchemas } from "../shared-bindings";
import type * as routes from "./destinations.routes";
import type { Destination } from "./destinations.schemas";

/** Setup tests get this long in total, whatever the destination. */
const SETUP_TEST_TIMEOUT_MS = 60_000;

/** Config values Fivetran returns typed rather than as strings (§7.2's one exception). */
const TYPED_CONFIG_KEYS = ["is_private_key_encrypted"];

/**
 * The setup tests of destination `id` (its group's id) on behalf of `accountId` (the namespace
 * of a shared binding is its own), trusting its approved certificates; with `trust`
 * (`trust_certificates: true`) approving the one its server presents.
 */
function setupTests(
  env: Env,
  accountId: string,
  id: string,
  definition: DestinationDefinition,
  config: Record<string, unknown>,
  trust: { userId: string } | undefined,
) {
  return testsTrusting(env, accountId, { kind: "destination", id }, trust, (options) =>
    runAccountSetupTests(env, accountId, definition, config, {
      ...options,
      signal: AbortSignal.timeout(SETUP_TEST_TIMEOUT_MS),
    }),
  );
}

const trusting = (trust: boolean | null | undefined, userId: string) => (trust === true ? { userId } : undefined);

/** Config for a response: secrets that are set become "******", every other value a string. */
function responseConfig(
  definition: DestinationDefinition | undefined,
  plain: Record<string, unknown>,
  secretNames: string[],
): Record<string, unknown> {
  // A service no longer registered still never shows a secret: mask every stored one.
  const masked = definition
    ? maskConfig(definition.fields, plain, secretNames)
    : { ...plain, ...Object.fromEntries(secretNames.map((key) => [key, MASK])) };
  const out = stringifyValues(masked);
  for (const key of TYPED_CONFIG_KEYS) {
    if (typeof masked[key] === "boolean") out[key] = masked[key];
  }
  return out;
}

function serialize(row: repo.DestinationRow, secretNames: string[]): Destination {
  return {
    id: row.id,
    group_id: row.id,
    service: row.service,
    region: row.region as Destination["region"],
    time_zone_offset: row.timeZoneOffset,
    setup_status: row.setupStatus as Destination["setup_status"],
    daylight_saving_time_enabled: row.daylightSavingTimeEnabled,
    networking_method: row.networkingMethod as Destination["networking_method"],
    private_link_id: row.privateLinkId,
    proxy_agent_id: row.proxyAgentId,
    hybrid_deployment_agent_id: row.hybridDeploymentAgentId,
    local_processing_agent_id: null,
    external_secrets_manager_id: row.externalSecretsManagerId,
    config: responseConfig(findDestination(row.service), row.config, secretNames),
  };
}

function withTests(destination: Destination, tests: SetupTest[] | null | undefined) {
  return { ...destination, setup_tests: (tests ?? []) as SetupTest[] };
}

async function storedSecrets(env: Env, row: repo.DestinationRow) {
  return decryptJson(env.FIVETRAN_ENCRYPTION_KEY, row.secrets);
}

async function requireDestination(db: Catalog, accountId: string, id: string) {
  const row = await repo.getDestination(db, accountId, id);
  if (!row) throw ApiError.notFound("Destination", id);
  return row;
}

function requireDefinition(service: string): DestinationDefinition {
  const definition = findDestination(service);
  if (!definition) throw ApiError.invalid(`Unsupported service '${service}'`);
  return definition;
}

function alreadyExists(id: string): ApiError {
  return ApiError.conflict(`Group with id '${id}' already has a destination; a group has exactly one`);
}

/**
 * Re-arms the schedule of each of the group's connections: its destination decides whether
 * they can run at all (ConnectorDO arms none without one) and the time zone their wall-clock
 * schedules are read in.
 */
async function rescheduleGroup(env: Env, groupId: string): Promise<void> {
  const ids = await groupConnectionIds(catalog(env.DB), groupId);
  await Promise.all(ids.map((id) => env.CONNECTOR.get(env.CONNECTOR.idFromName(id)).reschedule(id)));
}

/** Key-order-insensitive equality of two flat configs. */
function sameConfig(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const canonical = (config: Record<string, unknown>) =>
    JSON.stringify(Object.entries(config).sort(([x], [y]) => (x < y ? -1 : 1)));
  return canonical(a) === canonical(b);
}

export const listDestinations: RouteHandler<typeof routes.listDestinations, AppEnv> = async (c) => {
  const { cursor, limit } = c.req.valid("query");
  const rows = await repo.listDestinations(catalog(c.env.DB), c.var.auth.accountId, decodeCursor(cursor), limit + 1);
  // Only the names of the stored secrets matter here (to mask them), but they live encrypted.
  const names = new Map(
    await Promise.all(rows.map(async (row) => [row.id, Object.keys(await storedSecrets(c.env, row))] as const)),
  );
  const page = toPage(rows, limit, (row) => serialize(row, names.get(row.id) ?? []));
  return c.json(ok("Destinations list retrieved successfully", page), 200);
};

export const createDestination: RouteHandler<typeof routes.createDestination, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const definition = requireDefinition(body.service);
  const db = catalog(c.env.DB);
  const { accountId } = c.var.auth;
  const group = await getGroup(db, accountId, body.group_id);
  if (!group) throw ApiError.notFound("Group", body.group_id);
  if (await repo.getDestination(db, accountId, group.id)) throw alreadyExists(group.id);

  const config = parseConfig(definition, body.config, {}, { egress: egressPolicy(c.env) });
  await requireGrantedBindings(c.env, accountId, definition, config);
  await requireUnsharedSchemas(c.env, accountId, group.id, await groupSchemas(db, group.id), {
    service: definition.service,
    config,
  });
  // Sealed before the tests run: a server without an encryption key answers at once.
  const sealed = await sealConfig(c.env, definition, config, { masks: false });
  const tests =
    body.run_setup_tests === false
      ? null
      : await setupTests(
          c.env,
          accountId,
          group.id,
          definition,
          config,
          trusting(body.trust_certificates, c.var.auth.userId),
        );
  const now = isoTimestamp();
  const row = await repo.insertDestination(db, {
    id: group.id,
    accountId,
    service: body.service,
    region: body.region ?? "GCP_US_EAST4",
    timeZoneOffset: body.time_zone_offset,
    daylightSavingTimeEnabled: body.daylight_saving_time_enabled ?? false,
    networkingMethod: body.networking_method ?? "Directly",
    privateLinkId: body.private_link_id ?? null,
    proxyAgentId: body.proxy_agent_id ?? null,
    hybridDeploymentAgentId: body.hybrid_deployment_agent_id ?? null,
    externalSecretsManagerId: body.external_secrets_manager_id ?? null,
    setupStatus: tests ? setupStatusOf(tests) : "incomplete",
    config: sealed.config,
    secrets: sealed.secrets,
    setupTests: tests,
    createdAt: now,
    updatedAt: now,
  });
  if (row === "exists") throw alreadyExists(group.id);
  if (row === "no_group") throw ApiError.notFound("Group", group.id);
  // The group's connections had nowhere to write: those that can run now get their schedule.
  await rescheduleGroup(c.env, group.id);
  return c.json(
    ok("Destination has been created", withTests(serialize(row, setSecretNames(definition.fields, config)), tests)),
    201,
  );
};

export const getDestination: RouteHandler<typeof routes.getDestination, AppEnv> = async (c) => {
  const { destinationId } = c.req.valid("param");
  const row = await requireDestination(catalog(c.env.DB), c.var.auth.accountId, destinationId);
  const secrets = await storedSecrets(c.env, row);
  return c.json(ok("Destination details retrieved successfully", serialize(row, Object.keys(secrets))), 200);
};

export const updateDestination: RouteHandler<typeof routes.updateDestination, AppEnv> = async (c) => {
  const { destinationId } = c.req.valid("param");
  const body = c.req.valid("json") ?? {};
  const db = catalog(c.env.DB);
  const { accountId } = c.var.auth;
  const row = await requireDestination(db, accountId, destinationId);
  const secrets = await storedSecrets(c.env, row);
  const stored = await openConfig(c.env, row);

  let config = stored;
  let configChanged = false;
  let sealed = row.secrets;
  let secretNames = Object.keys(secrets);
  let plain = row.config;
  const needsDefinition = body.config != null || body.run_setup_tests === true;
  const definition = needsDefinition ? requireDefinition(row.service) : undefined;
  if (definition) {
    // Validated even without new config: a test run needs defaults added since it was saved.
    // A new config is judged by today's egress policy; re-running tests alone is judged at connect time.
    config = parseConfig(
      definition,
      body.config ?? {},
      stored,
      body.config != null ? { egress: egressPolicy(c.env) } : {},
    );
    configChanged = !sameConfig(config, stored);
    if (configChanged) {
      await requireGrantedBindings(c.env, accountId, definition, config);
      await requireUnsharedSchemas(c.env, accountId, destinationId, await groupSchemas(db, destinationId), {
        service: definition.service,
        config,
      });
      const next = await sealConfig(c.env, definition, config, { masks: false });
      plain = next.config;
      secretNames = setSecretNames(definition.fields, config);
      sealed = next.secrets;
    }
  }
  const tests =
    definition && body.run_setup_tests === true
      ? await setupTests(
          c.env,
          accountId,
          destinationId,
          definition,
          config,
          trusting(body.trust_certificates, c.var.auth.userId),
        )
      : null;

  const updated = await repo.updateDestination(db, accountId, destinationId, {
    region: body.region ?? undefined,
    timeZoneOffset: body.time_zone_offset ?? undefined,
    daylightSavingTimeEnabled: body.daylight_saving_time_enabled ?? undefined,
    networkingMethod: body.networking_method ?? undefined,
    privateLinkId: body.private_link_id ?? undefined,
    proxyAgentId: body.proxy_agent_id ?? undefined,
    hybridDeploymentAgentId: body.hybrid_deployment_agent_id ?? undefined,
    externalSecretsManagerId: body.external_secrets_manager_id ?? undefined,
    config: plain,
    secrets: sealed,
    // Results of an older config say nothing about the new one.
    setupStatus: tests ? setupStatusOf(tests) : configChanged ? "incomplete" : undefined,
    setupTests: tests ?? (configChanged ? null : undefined),
    updatedAt: isoTimestamp(),
  });
  if (!updated) throw ApiError.notFound("Destination", destinationId);
  // New config may point at another database: what DestinationDO applied no longer holds.
  if (configChanged) await c.env.DESTINATION.get(c.env.DESTINATION.idFromName(destinationId)).forget();
  // Wall-clock schedules of the group's connections are read in the destination's time zone.
  if (updated.timeZoneOffset !== row.timeZoneOffset) await rescheduleGroup(c.env, destinationId);
  return c.json(
    ok("Destination has been updated", withTests(serialize(updated, secretNames), updated.setupTests as SetupTest[])),
    200,
  );
};

export const deleteDestination: RouteHandler<typeof routes.deleteDestination, AppEnv> = async (c) => {
  const { destinationId } = c.req.valid("param");
  const db = catalog(c.env.DB);
  const { accountId } = c.var.auth;
  await requireDestination(db, accountId, destinationId);
  if (!(await repo.deleteUnusedDestination(db, accountId, destinationId))) {
    const held = await repo.countGroupConnections(db, destinationId);
    if (held === 0) throw ApiError.notFound("Destination", destinationId);
    throw ApiError.conflict(
      `Destination with id '${destinationId}' still has ${held} connection(s) loading into it; delete them first`,
    );
  }
  await deleteCertificatesOf(db, accountId, { kind: "destination", id: destinationId });
  await c.env.DESTINATION.get(c.env.DESTINATION.idFromName(destinationId)).forget();
  return c.json(done(`Destination with id '${destinationId}' has been deleted`), 200);
};

export const runSetupTests: RouteHandler<typeof routes.runSetupTests, AppEnv> = async (c) => {
  const { destinationId } = c.req.valid("param");
  const db = catalog(c.env.DB);
  const { accountId } = c.var.auth;
  const row = await requireDestination(db, accountId, destinationId);
  const definition = requireDefinition(row.service);
  const secrets = await storedSecrets(c.env, row);
  // Stored config goes through validation again: it fills defaults added since it was saved.
  const config = parseConfig(definition, {}, await openConfig(c.env, row));
  // The body may be absent.
  const body = (c.req.valid("json") as { trust_certificates?: boolean | null } | undefined) ?? {};
  const tests = await setupTests(
    c.env,
    accountId,
    destinationId,
    definition,
    config,
    trusting(body.trust_certificates, c.var.auth.userId),
  );
  const updated = await repo.updateDestination(db, accountId, destinationId, {
    setupStatus: setupStatusOf(tests),
    setupTests: tests,
    updatedAt: isoTimestamp(),
  });
  if (!updated) throw ApiError.notFound("Destination", destinationId);
  return c.json(ok("Setup tests have been completed", withTests(serialize(updated, Object.keys(secrets)), tests)), 200);
};

import type { RouteHandler } from "@hono/zod-openapi";
import { deleteCertificatesOf } from "../../db/certificates";
import { type Catalog, catalog } from "../../db/client";
import { deleteConnectCardsOf } from "../../db/connect-cards";
import * as repo from "../../db/connections";
import { getDestination } from "../../db/destinations";
import { getGroup } from "../../db/groups";
import { deleteTriggersOf } from "../../db/triggers";
import type { SourceDefinition } from "../../engine/protocol";
import { RECONNECT_TASK } from "../../engine/runs";
import type { FlexibleSchedule } from "../../engine/schedule";
import { findSource } from "../../engine/sources";
import { openConfig, parseConfig, sealConfig } from "../../engine/toolkit/config";
import { egressPolicy } from "../../engine/toolkit/egress";
import { CERTIFICATE_TEST } from "../../engine/toolkit/pg";
import { runSourceSetupTests as runSetupTests, type SetupResult } from "../../engine/toolkit/setup-tests";
import type { StoredTransforms } from "../../engine/transforms/connection";
import type { AppEnv, Env } from "../../env";
import { ApiError } from "../../errors";
import { connectionSubject, emit } from "../../events/emit";
import { done, ok } from "../../lib/envelope";
import { decodeCursor, toPage } from "../../lib/pagination";
import { isoTimestamp } from "../../lib/time";
import { testsTrusting } from "../certificates/trust";
import { requireGrantedBindings, requireUnsharedSchemas } from "../shared-bindings";
import { schemaName } from "./connections.config";
import { issueConnectCard } from "./connections.connect-card";
import { connectorOf, syncOf } from "./connections.objects";
import type { connectionsRoutes as routes } from "./connections.routes";
import { runStatus } from "./connections.runs";
import { serializeConnection, withRunStatus, withSetupTests } from "./connections.serialize";
import {
  applySchedule,
  applySyncOptions,
  DEFAULT_SCHEDULE,
  type SyncOptions,
  schemaPolicyPatch,
} from "./connections.settings";
import { applyConnectionTransform } from "./connections.transforms";
import { triggersForDetails } from "./connections.triggers.handlers";

/** A connection of the caller's account, or 404 (also for another account's connection). */
/**
 * Fivetran takes OAuth credentials in the request's `auth` object, beside `config`. They are
 * handed to the service's config as `auth`, which services with OAuth (Salesforce) map onto
 * their credential fields; for the others it is dropped by validation.
 */
function withAuth(config: unknown, auth: Record<string, unknown> | null | undefined): unknown {
  if (auth == null) return config;
  const base = config !== null && typeof config === "object" && !Array.isArray(config) ? config : {};
  return { auth, ...base };
}

export async function requireConnection(db: Catalog, accountId: string, id: string) {
  const row = await repo.getConnection(db, accountId, id);
  if (!row) throw ApiError.notFound("Connection", id);
  return row;
}

async function requireGroup(db: Catalog, accountId: string, groupId: string) {
  const group = await getGroup(db, accountId, groupId);
  if (!group) throw ApiError.notFound("Group", groupId);
  return group;
}

/** The source of a stored connection; a service removed from the registry cannot be configured. */
function sourceOf(service: string): SourceDefinition {
  const definition = findSource(service);
  if (!definition) throw ApiError.invalid(`Unsupported service '${service}'`);
  return definition;
}

function duplicateSchema(schema: string, groupId: string): ApiError {
  return ApiError.conflict(`A connection with schema '${schema}' already exists in group '${groupId}'`);
}

/**
 * The status changes of a setup-test run: its result, and once the tests pass, the
 * connection's tasks without the one a credential failure left (engine/jobs.ts), which they
 * resolve: a broken connection is `connected` again and its schedule re-arms.
 */
function setupChanges(row: repo.ConnectionRow, setup: SetupResult) {
  const changes: repo.ConnectionChanges = { setupState: setup.setupState, setupTests: setup.setupTests };
  if (setup.setupState === "connected") {
    changes.tasks = (row.tasks as { code?: string }[]).filter((task) => task.code !== RECONNECT_TASK);
  }
  return changes;
}

/** The full stored config, decrypted and validated again (defaults filled), for setup tests. */
async function fullConfig(env: Env, definition: SourceDefinition, row: repo.ConnectionRow) {
  return parseConfig(definition, undefined, await openConfig(env, row));
}

/**
 * A new config for a stored connection, as PATCH takes it: merged onto the stored config
 * (secrets decrypted first, so a `******` sent back leaves a secret as it is), validated
 * under today's egress policy, its name unchanged and its bindings granted. Returns the full
 * config (for setup tests) and the columns to store. Shared with the Connect Card page, whose
 * emptied fields are `clear`ed.
 */
export async function configUpdate(
  env: Env,
  accountId: string,
  row: repo.ConnectionRow,
  input: unknown,
  options: { clear?: string[] } = {},
) {
  const definition = sourceOf(row.service);
  const stored = await openConfig(env, row);
  // `clear`: fields a form emptied (PATCH has no way to unset a field; the card's form does).
  for (const key of options.clear ?? []) delete stored[key];
  const config = parseConfig(definition, input, stored, { egress: egressPolicy(env) });
  const name = schemaName(definition, config);
  if (name !== row.schema) {
    throw ApiError.invalid(
      `Invalid value for field 'config.${definition.naming}': the connection's schema '${row.schema}' cannot be changed after it is created`,
    );
  }
  await requireGrantedBindings(env, accountId, definition, config);
  return { config, sealed: await sealConfig(env, definition, config) };
}

/**
 * Runs a stored connection's setup tests with `config` (its stored one when absent), records
 * the result with `changes` (a new config, say) in one write, re-arms the schedule (passing
 * makes it runnable, failing unrunnable) and emits the result event. POST …/test and the
 * Connect Card's Save & Test; the updated row.
 */
export async function recordSetupTests(
  env: Env,
  accountId: string,
  row: repo.ConnectionRow,
  config?: Record<string, unknown>,
  changes: repo.ConnectionChanges = {},
  trust?: { userId: string },
) {
  const definition = sourceOf(row.service);
  const tested = config ?? (await fullConfig(env, definition, row));
  const setup = await testsTrusting(env, accountId, { kind: "connection", id: row.id }, trust, (options) =>
    runSetupTests(env, accountId, definition, tested, options),
  );
  const db = catalog(env.DB);
  const changed = await repo.updateConnection(db, accountId, row.id, {
    ...changes,
    ...setupChanges(row, setup),
    updatedAt: isoTimestamp(),
  });
  if (!changed) throw ApiError.notFound("Connection", row.id);
  await connectorOf(env, row.id).reschedule(row.id);
  const updated = await requireConnection(db, accountId, row.id);
  await setupEvent(env, updated, setup);
  return updated;
}

/** `connection_successful` or `connection_failure` after setup tests ran, with their results. */
async function setupEvent(env: Env, row: repo.ConnectionRow, setup: SetupResult) {
  await emit(env, {
    ...connectionSubject(row),
    type: setup.setupState === "connected" ? "connection_successful" : "connection_failure",
    data: { setup_state: setup.setupState, setup_tests: setup.setupTests },
  });
}

export const listConnections: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const { cursor, limit, group_id: groupId, schema } = c.req.valid("query");
  const db = catalog(c.env.DB);
  const { accountId } = c.var.auth;
  if (groupId !== undefined) await requireGroup(db, accountId, groupId);
  const rows = await repo.listConnections(db, accountId, { groupId, schema }, decodeCursor(cursor), limit + 1);
  return c.json(ok("Connections list retrieved successfully", toPage(rows, limit, serializeConnection)), 200);
};

export const createConnection: RouteHandler<typeof routes.create, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const db = catalog(c.env.DB);
  const { accountId, userId } = c.var.auth;

  // Everything that can be refused is checked before anything runs or is stored.
  const definition = findSource(body.service);
  if (!definition) throw ApiError.invalid(`Unsupported service '${body.service}'`);
  const schedule = applySchedule(DEFAULT_SCHEDULE, body);
  const syncOptions = applySyncOptions(null, body.sync_options);
  // A Connect Card's end user fills in what the create leaves out (the credentials, typically).
  const config = parseConfig(
    definition,
    withAuth(body.config, body.auth),
    {},
    { egress: egressPolicy(c.env), allowMissing: body.connect_card_config != null },
  );
  const schema = schemaName(definition, config);
  const group = await requireGroup(db, accountId, body.group_id);
  if (await repo.schemaTaken(db, group.id, schema)) throw duplicateSchema(schema, group.id);
  await requireGrantedBindings(c.env, accountId, definition, config);
  const destination = await getDestination(db, accountId, group.id);
  await requireUnsharedSchemas(c.env, accountId, group.id, [schema], destination);
  const sealed = await sealConfig(c.env, definition, config);
  const transforms = await applyConnectionTransform(c.env, accountId, undefined, null, body.transform);

  // A config the card is still to complete has nothing to test yet: its tests run from the card.
  const complete = body.connect_card_config == null || definition.fields.safeParse(config).success;
  const setup =
    body.run_setup_tests === false || !complete ? undefined : await runSetupTests(c.env, accountId, definition, config);
  const now = isoTimestamp();
  const id = await repo.insertConnection(db, {
    accountId,
    groupId: group.id,
    service: definition.service,
    schema,
    connectedBy: userId,
    paused: body.paused ?? false,
    pauseAfterTrial: body.pause_after_trial ?? false,
    syncFrequency: schedule.syncFrequency,
    scheduleType: schedule.scheduleType,
    dailySyncTime: schedule.dailySyncTime,
    schedule: schedule.schedule as Record<string, unknown> | null,
    dataDelaySensitivity: body.data_delay_sensitivity ?? "NORMAL",
    dataDelayThreshold: body.data_delay_threshold ?? 0,
    networkingMethod: body.networking_method ?? "Directly",
    privateLinkId: body.private_link_id ?? null,
    proxyAgentId: body.proxy_agent_id ?? null,
    hybridDeploymentAgentId: body.hybrid_deployment_agent_id ?? null,
    destinationSchemaNames: body.destination_schema_names ?? "SOURCE_NAMING",
    config: sealed.config,
    secrets: sealed.secrets,
    syncOptions: syncOptions as Record<string, unknown> | null,
    transforms: transforms ?? null,
    setupState: setup?.setupState ?? "incomplete",
    setupTests: setup?.setupTests ?? null,
    createdAt: now,
    updatedAt: now,
  });
  // A concurrent create may have taken the name between the check above and the insert.
  if (!id) throw duplicateSchema(schema, group.id);
  const policy = schemaPolicyPatch(body.schema_policy);
  if (policy) await connectorOf(c.env, id).setSchemaPolicy(policy);
  // Arms the schedule alarm if the connection can run; ConnectorDO reads the row just written.
  await connectorOf(c.env, id).reschedule(id);
  let row = await requireConnection(db, accountId, id);
  await emit(c.env, {
    ...connectionSubject(row),
    type: "create_connector",
    data: { created_by: userId, paused: row.paused, setup_state: row.setupState },
  });
  // trust_certificates: approvals belong to the stored connection, so the tests that met an
  // untrusted certificate run again now that it exists, approving it.
  const untrusted = setup?.setupTests.some((t) => t.title === CERTIFICATE_TEST && t.status === "FAILED");
  if (untrusted && body.trust_certificates === true) {
    row = await recordSetupTests(c.env, accountId, row, config, {}, { userId });
  } else if (setup) await setupEvent(c.env, row, setup);
  if (body.connect_card_config) {
    const card = await issueConnectCard(c.env, row, body.connect_card_config, new URL(c.req.url).origin);
    const { connect_card, connect_card_config } = card;
    return c.json(
      ok("Connection has been created", { ...withSetupTests(row), connect_card, connect_card_config }),
      201,
    );
  }
  return c.json(ok("Connection has been created", withSetupTests(row)), 201);
};

export const getConnection: RouteHandler<typeof routes.get, AppEnv> = async (c) => {
  const { connectionId } = c.req.valid("param");
  const row = await requireConnection(catalog(c.env.DB), c.var.auth.accountId, connectionId);
  const connection = withRunStatus(serializeConnection(row), await runStatus(c.env, connectionId));
  const triggers = await triggersForDetails(c.env, c.var.auth.accountId, connectionId, new URL(c.req.url).origin);
  // Listed only when there are any: the details stay the create and list answers' shape otherwise.
  return c.json(
    ok("Connection details retrieved successfully", triggers.length > 0 ? { ...connection, triggers } : connection),
    200,
  );
};

export const updateConnection: RouteHandler<typeof routes.update, AppEnv> = async (c) => {
  const { connectionId } = c.req.valid("param");
  const body = c.req.valid("json");
  const db = catalog(c.env.DB);
  const { accountId } = c.var.auth;
  const row = await requireConnection(db, accountId, connectionId);
  const changes: repo.ConnectionChanges = {};

  let config: Record<string, unknown> | undefined;
  if (body.config != null || body.auth != null || body.run_setup_tests === true) {
    // A new config is judged by today's egress policy; re-running tests alone is judged at connect time.
    const changing = body.config != null || body.auth != null;
    if (body.config != null) {
      const update = await configUpdate(c.env, accountId, row, withAuth(body.config, body.auth));
      config = update.config;
      Object.assign(changes, update.sealed);
    } else {
      config = parseConfig(
        sourceOf(row.service),
        withAuth(body.config, body.auth),
        await openConfig(c.env, row),
        changing ? { egress: egressPolicy(c.env) } : {},
      );
    }
  }

  // Only columns the request touches are written, so a concurrent writer of other columns
  // (another PATCH, the sync engine's status) is not overwritten with stale values.
  if (
    body.sync_frequency != null ||
    body.daily_sync_time != null ||
    body.schedule_type != null ||
    body.schedule != null
  ) {
    const schedule = applySchedule(
      {
        syncFrequency: row.syncFrequency,
        dailySyncTime: row.dailySyncTime,
        scheduleType: row.scheduleType === "manual" ? "manual" : "auto",
        schedule: (row.schedule as FlexibleSchedule | null) ?? null,
      },
      body,
    );
    changes.syncFrequency = schedule.syncFrequency;
    changes.dailySyncTime = schedule.dailySyncTime;
    changes.scheduleType = schedule.scheduleType;
    changes.schedule = schedule.schedule as Record<string, unknown> | null;
  }
  if (body.sync_options != null) {
    const options = applySyncOptions(row.syncOptions as SyncOptions | null, body.sync_options);
    changes.syncOptions = options as Record<string, unknown> | null;
  }

  const transforms = await applyConnectionTransform(
    c.env,
    accountId,
    connectionId,
    row.transforms as StoredTransforms | null,
    body.transform,
  );
  if (transforms !== undefined) changes.transforms = transforms;

  if (body.paused != null) changes.paused = body.paused;
  if (body.pause_after_trial != null) changes.pauseAfterTrial = body.pause_after_trial;
  if (body.is_historical_sync != null) changes.isHistoricalSync = body.is_historical_sync;
  if (body.data_delay_sensitivity != null) changes.dataDelaySensitivity = body.data_delay_sensitivity;
  if (body.data_delay_threshold != null) changes.dataDelayThreshold = body.data_delay_threshold;
  if (body.networking_method != null) changes.networkingMethod = body.networking_method;
  if (body.private_link_id != null) changes.privateLinkId = body.private_link_id;
  if (body.proxy_agent_id != null) changes.proxyAgentId = body.proxy_agent_id;
  if (body.hybrid_deployment_agent_id != null) changes.hybridDeploymentAgentId = body.hybrid_deployment_agent_id;
  // Accepted and not stored: `auth` (OAuth flows), `trust_fingerprints` (no SSH tunnels;
  // `trust_certificates` approves what the setup tests meet, above), `schema_status` (column-masking flows), and
  // `destination_configuration` (Snowflake warehouses); see connections.schemas.ts.

  let setup: SetupResult | undefined;
  if (body.run_setup_tests === true && config) {
    setup = await testsTrusting(
      c.env,
      accountId,
      { kind: "connection", id: row.id },
      body.trust_certificates === true ? { userId: c.var.auth.userId } : undefined,
      (options) => runSetupTests(c.env, accountId, sourceOf(row.service), config, options),
    );
    Object.assign(changes, setupChanges(row, setup));
  }
  changes.updatedAt = isoTimestamp();

  if (!(await repo.updateConnection(db, accountId, connectionId, changes))) {
    throw ApiError.notFound("Connection", connectionId);
  }
  const policy = schemaPolicyPatch(body.schema_policy);
  if (policy) await connectorOf(c.env, connectionId).setSchemaPolicy(policy);
  // Any change (paused, schedule fields, sync_frequency, …) may move or clear the next run.
  await connectorOf(c.env, connectionId).reschedule(connectionId);
  const updated = await requireConnection(db, accountId, connectionId);
  const fields = Object.keys(body).filter((key) => (body as Record<string, unknown>)[key] != null);
  await emit(c.env, { ...connectionSubject(updated), type: "edit_connector", data: { fields } });
  if (updated.paused !== row.paused) {
    await emit(c.env, { ...connectionSubject(updated), type: updated.paused ? "pause_connector" : "resume_connector" });
  }
  if (setup) await setupEvent(c.env, updated, setup);
  return c.json(ok("Connection has been updated", withSetupTests(updated)), 200);
};

export const deleteConnection: RouteHandler<typeof routes.delete, AppEnv> = async (c) => {
  const { connectionId } = c.req.valid("param");
  const db = catalog(c.env.DB);
  const row = await requireConnection(db, c.var.auth.accountId, connectionId);

  if (!(await repo.deleteConnection(db, c.var.auth.accountId, connectionId))) {
    throw ApiError.notFound("Connection", connectionId);
  }
  // Its triggers, and the chains that started after it, go with it.
  await deleteTriggersOf(db, c.var.auth.accountId, connectionId);
  await deleteCertificatesOf(db, c.var.auth.accountId, { kind: "connection", id: connectionId });
  await deleteConnectCardsOf(db, c.var.auth.accountId, connectionId);
  // Clears the alarm and the discovered tables, ends a run in progress and forgets the
  // checkpoints and history, so a later connection that draws the same word id starts clean.
  await connectorOf(c.env, connectionId).destroy();
  await syncOf(c.env, connectionId).destroy();
  await emit(c.env, { ...connectionSubject(row), type: "delete_connector" });
  return c.json(done(`Connection with id '${connectionId}' has been deleted`), 200);
};

export const testConnection: RouteHandler<typeof routes.test, AppEnv> = async (c) => {
  const { connectionId } = c.req.valid("param");
  const { accountId } = c.var.auth;
  const row = await requireConnection(catalog(c.env.DB), accountId, connectionId);
  // The body may be absent (fivetran-mcp sends none).
  const body = (c.req.valid("json") as { trust_certificates?: boolean | null } | undefined) ?? {};
  const trust = body.trust_certificates === true ? { userId: c.var.auth.userId } : undefined;
  const updated = await recordSetupTests(c.env, accountId, row, undefined, {}, trust);
  return c.json(ok("Setup tests have been completed", withSetupTests(updated)), 200);
};

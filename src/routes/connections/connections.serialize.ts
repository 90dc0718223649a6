import type { ConnectionRow } from "../../db/connections";
import type { SetupTest } from "../../engine/protocol";
import { nextRunAt, syncBlockers } from "../../engine/readiness";
import { findSource } from "../../engine/sources";
import { maskConfig } from "../../engine/toolkit/config";
import { isoTimestamp } from "../../lib/time";
import type { Connection } from "./connections.schemas";

/**
 * The stored config as a response shows it. The `config` column holds no secret: a secret
 * that is set is recorded there as `******` (its value lives encrypted in `secrets`), which is
 * exactly what Fivetran returns, so lists need no decryption. Masking is applied again from
 * the service's `secret()` marks in case a stored value is not the mask.
 */
function responseConfig(row: ConnectionRow): Record<string, unknown> {
  const definition = findSource(row.service);
  if (!definition) return row.config;
  const setSecrets = Object.entries(row.config)
    .filter(([, value]) => value !== undefined && value !== null && value !== "")
    .map(([key]) => key);
  return maskConfig(definition.fields, row.config, setSecrets);
}

type Alert = Connection["status"]["warnings"][number];

/**
 * Warnings that say why no run moves data, in Fivetran's `{code, message}` shape: a source
 * that cannot sync yet, a destination that cannot be written to yet. A missing destination
 * is not one: Fivetran shows a connection in a group without one with `warnings: []` (its e2e
 * suite pins that), so it shows only as `next_sync_at: null`, as do paused, manual and
 * not-yet-connected connections (`sync_state`, `schedule_type` and `setup_state` say why).
 */
function readinessWarnings(row: ConnectionRow): Alert[] {
  return syncBlockers(row)
    .filter((blocker) => blocker.code !== "missing_destination")
    .map(({ code, message }) => ({ code, message }));
}

/**
 * A stored connection in Fivetran's response shape (§6.1), the full row. Takes only the row
 * (it is passed to `Array.map` by the list endpoints); `setup_tests` is added by
 * {@link withSetupTests} on the responses that carry it.
 */
export function serializeConnection(row: ConnectionRow): Connection {
  const next = nextRunAt(row, new Date());
  const connection: Connection = {
    id: row.id,
    group_id: row.groupId,
    service: row.service,
    service_version: 1,
    schema: row.schema,
    connected_by: row.connectedBy,
    created_at: row.createdAt,
    succeeded_at: row.succeededAt,
    failed_at: row.failedAt,
    paused: row.paused,
    pause_after_trial: row.pauseAfterTrial,
    sync_frequency: row.syncFrequency,
    schedule_type: row.scheduleType === "manual" ? "manual" : "auto",
    daily_sync_time: row.dailySyncTime,
    data_delay_sensitivity: row.dataDelaySensitivity,
    data_delay_threshold: row.dataDelayThreshold,
    networking_method: row.networkingMethod,
    private_link_id: row.privateLinkId,
    proxy_agent_id: row.proxyAgentId,
    hybrid_deployment_agent_id: row.hybridDeploymentAgentId,
    destination_schema_names: row.destinationSchemaNames,
    status: {
      setup_state: row.setupState as Connection["status"]["setup_state"],
      sync_state: row.paused ? "paused" : (row.syncState as Connection["status"]["sync_state"]),
      update_state: row.updateState as Connection["status"]["update_state"],
      is_historical_sync: row.isHistoricalSync,
      tasks: row.tasks as Connection["status"]["tasks"],
      warnings: [...(row.warnings as Alert[]), ...readinessWarnings(row)],
      next_sync_at: next ? isoTimestamp(next) : null,
    },
    config: responseConfig(row),
    source_sync_details: null,
  };
  if (row.schedule) connection.schedule = row.schedule as Connection["schedule"];
  if (row.syncOptions) connection.sync_options = row.syncOptions as Connection["sync_options"];
  const transform = (row.transforms as Record<string, unknown> | null)?.["*"];
  if (transform) connection.transform = transform as Connection["transform"];
  return connection;
}

/** A connection with the results of its last setup test run (create, update and test responses). */
export function withSetupTests(row: ConnectionRow): Connection {
  return { ...serializeConnection(row), setup_tests: (row.setupTests as SetupTest[] | null) ?? [] };
}

/** A connection with `status.current_run` and `status.last_run` (GET details; see connections.runs.ts). */
export function withRunStatus(
  connection: Connection,
  runs: Pick<Connection["status"], "current_run" | "last_run">,
): Connection {
  return { ...connection, status: { ...connection.status, ...runs } };
}

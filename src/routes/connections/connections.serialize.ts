import type { ConnectionRow } from "../../db/connections";
import type { Connection } from "./connections.schemas";

/** A stored connection in Fivetran's response shape. */
export function serializeConnection(row: ConnectionRow): Connection {
  return {
    id: row.id,
    group_id: row.groupId,
    service: row.service,
    service_version: 1,
    schema: row.schema,
    connected_by: null,
    created_at: row.createdAt,
    succeeded_at: null,
    failed_at: null,
    paused: false,
    pause_after_trial: false,
    sync_frequency: 360,
    schedule_type: "auto",
    daily_sync_time: null,
    data_delay_sensitivity: "NORMAL",
    data_delay_threshold: 0,
    networking_method: "Directly",
    destination_schema_names: "SOURCE_NAMING",
    status: {
      setup_state: "incomplete",
      sync_state: "scheduled",
      update_state: "on_schedule",
      is_historical_sync: true,
      tasks: [],
      warnings: [],
    },
    config: {},
  };
}

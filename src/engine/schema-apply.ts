/**
 * Where a sync slice meets the schema policy (called once from engine/jobs.ts before the
 * runner starts): the destination changes applied schema changes still need run first
 * (ConnectorDO `pendingOps`: type changes, drops, renames, a table dropped for a new primary
 * key, whose stream then starts from scratch), and the slice's writer is wrapped so disabled,
 * blocked and hashed columns are applied to every batch (schema-projection.ts).
 */
import type { ConnectorDO } from "../do/connector-do";
import type { Env } from "../env";
import { TableError } from "./errors";
import type { DestinationWriter, StreamState } from "./protocol";
import type { StreamWarning } from "./runner";
import type { PendingOp } from "./schema-policy";
import { projectingWriter } from "./schema-projection";

type Connector = Pick<ConnectorDO, "pendingOps" | "completeOps" | "columnSettings" | "heldTables">;

/** Runs the queued destination changes; what cannot be applied is a warning (and is dropped). */
export async function applyPendingOps(
  connector: Pick<ConnectorDO, "pendingOps" | "completeOps">,
  writer: DestinationWriter,
  schemaOf: (namespace: string) => string,
): Promise<{ warnings: StreamWarning[]; dropped: string[] }> {
  const ops = (await connector.pendingOps()) as (PendingOp & { id: number })[];
  const warnings: StreamWarning[] = [];
  const dropped: string[] = [];
  for (const { id, schema, table, op } of ops) {
    const key = `${schema}.${table}`;
    if (!writer.evolve && op.kind === "alter_type" && op.widening && writer.capabilities.migrateWidens) {
      // The destination widens the column in its own migrate (R2, the warehouses): nothing to do.
    } else if (!writer.evolve) {
      warnings.push({
        code: "schema_change_not_applied",
        stream: key,
        message: `The destination cannot apply ${op.kind} (it only adds columns): the change is in the schema config and history, the destination table is as it was`,
      });
    } else {
      try {
        await writer.evolve(schemaOf(schema), table, op);
        if (op.kind === "drop_table") dropped.push(key);
      } catch (error) {
        if (!(error instanceof TableError)) throw error;
        warnings.push({
          code: "schema_change_not_applied",
          stream: key,
          message: `${error.message}; the destination table is as it was`,
        });
      }
    }
    await connector.completeOps([id]);
  }
  return { warnings, dropped };
}

/**
 * Prepares the slice's writer: pending destination changes applied, column settings in force.
 * Returns the writer to use, warnings for the run (held tables, changes not applied) and the
 * state without the streams whose destination table was dropped (they snapshot again).
 */
export async function prepareWriter(
  env: Env,
  connector: Connector,
  writer: DestinationWriter,
  groupId: string,
  schemaOf: (namespace: string) => string,
  state: Record<string, StreamState>,
  /** This slice discovered the source: held tables are warned of (once per run). */
  announceHeld: boolean,
): Promise<{ writer: DestinationWriter; warnings: StreamWarning[]; state: Record<string, StreamState> }> {
  const { warnings, dropped } = await applyPendingOps(connector, writer, schemaOf);
  for (const [key, message] of announceHeld ? Object.entries(await connector.heldTables()) : []) {
    warnings.push({ code: "schema_change_blocked", stream: key, message });
  }
  const settings = await connector.columnSettings();
  const salt =
    Object.keys(settings).length > 0
      ? await env.DESTINATION.get(env.DESTINATION.idFromName(groupId)).hashSalt()
      : new Uint8Array();
  const kept = Object.fromEntries(Object.entries(state).filter(([key]) => !dropped.includes(key)));
  return { writer: projectingWriter(writer, settings, salt), warnings, state: kept };
}

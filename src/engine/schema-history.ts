/**
 * What becomes of a schema change once the policy ruled on it (engine/schema-policy.ts): a row
 * in the connection's schema history (D1 `schema_history`), a `schema_change` event per change,
 * and, when the connection's policy lists addresses, one e-mail per change through the
 * `SCHEMA_EMAIL` send_email binding. Nothing here throws: a sync never fails because a notice
 * could not be sent (it is logged).
 */
import { catalog } from "../db/client";
import { insertSchemaHistory } from "../db/schema-history";
import type { Env } from "../env";
import { connectionSubject, emit } from "../events/emit";
import { logError } from "../lib/log";
import { isoTimestamp } from "../lib/time";
import type { SchemaChange, SchemaPolicy } from "./schema-policy";

/**
 * Where a change was found: a run's discovery, a reload, a person (`…/schemas/evolve`), or a
 * run seeing its table's transform write other columns than before.
 */
export type ChangeOrigin = "run" | "reload" | "manual" | "transform";

/** The connection a change belongs to (its catalog row's identity). */
export interface ChangeSubject {
  id: string;
  accountId: string;
  groupId: string;
  service: string;
  schema: string;
}

/** A change as the schema history, its event and its e-mail show it. */
export function changeRecord(change: SchemaChange, runId: string | null, origin: ChangeOrigin, at: string) {
  return {
    kind: change.kind,
    status: change.status,
    schema: change.schema,
    table: change.table,
    column: change.column ?? null,
    old_name: change.oldName ?? null,
    old_type: change.oldType ?? null,
    new_type: change.newType ?? null,
    run_id: runId,
    origin,
    message: change.message,
    created_at: at,
  };
}

/** The notice of one change, as the send_email binding gets it. */
export function changeEmail(
  subject: ChangeSubject,
  change: SchemaChange,
  runId: string | null,
  from: string,
  to: string[],
) {
  const verb = change.status === "applied" ? "applied" : "BLOCKED";
  const where = change.column
    ? `${change.schema}.${change.table}.${change.column}`
    : `${change.schema}.${change.table}`;
  return {
    from,
    to,
    subject: `[fivetran.do] Schema change ${verb} on ${subject.schema}: ${change.kind} ${where}`,
    text: [
      `Connection: ${subject.id} (${subject.service}, schema ${subject.schema})`,
      `Change: ${change.kind}`,
      `Status: ${change.status}`,
      `Table: ${change.schema}.${change.table}`,
      ...(change.column ? [`Column: ${change.column}`] : []),
      ...(change.oldName ? [`Old name: ${change.oldName}`] : []),
      ...(change.oldType ? [`Old type: ${change.oldType}`] : []),
      ...(change.newType ? [`New type: ${change.newType}`] : []),
      ...(runId ? [`Run: ${runId}`] : []),
      "",
      change.message,
    ].join("\n"),
  };
}

/** Records, announces and mails each change. */
export async function recordChanges(
  env: Env,
  subject: ChangeSubject,
  changes: SchemaChange[],
  policy: SchemaPolicy,
  runId: string | null,
  origin: ChangeOrigin,
): Promise<(ReturnType<typeof changeRecord> & { id: string })[]> {
  if (changes.length === 0) return [];
  const at = isoTimestamp();
  const ids = changes.map(() => crypto.randomUUID());
  if (policy.trackHistory) {
    try {
      await insertSchemaHistory(
        catalog(env.DB),
        changes.map((change, i) => ({
          id: ids[i] as string,
          accountId: subject.accountId,
          connectionId: subject.id,
          runId,
          origin,
          kind: change.kind,
          status: change.status,
          schemaName: change.schema,
          tableName: change.table,
          columnName: change.column ?? null,
          oldName: change.oldName ?? null,
          oldType: change.oldType ?? null,
          newType: change.newType ?? null,
          message: change.message,
          createdAt: at,
        })),
      );
    } catch (error) {
      logError("schema history could not be recorded", error, { connectionId: subject.id });
    }
  }
  for (const change of changes) {
    await emit(env, {
      ...connectionSubject(subject),
      type: "schema_change",
      syncId: runId,
      data: changeRecord(change, runId, origin, at),
    });
  }
  const records = changes.map((change, i) => ({ id: ids[i] as string, ...changeRecord(change, runId, origin, at) }));
  if (policy.notify.length === 0) return records;
  if (!env.SCHEMA_EMAIL) {
    logError("schema change notices are configured but the SCHEMA_EMAIL binding is missing", undefined, {
      connectionId: subject.id,
    });
    return records;
  }
  const from = env.FIVETRAN_EMAIL_FROM ?? "schema-changes@fivetran.do";
  for (const change of changes) {
    try {
      await env.SCHEMA_EMAIL.send(changeEmail(subject, change, runId, from, policy.notify));
    } catch (error) {
      logError("schema change notice could not be sent", error, { connectionId: subject.id });
    }
  }
  return records;
}

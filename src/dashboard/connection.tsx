import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { Alert, Api, Connection, Run, SchemaConfig } from "./api";
import { count, duration, relative, timestamp } from "./format";
import { HEALTH_LABEL, health } from "./status";

/** How often the details are re-read while a run is in progress (rows so far grow in between events). */
const RUNNING_POLL_MS = 1_000;

/**
 * One connection: its state, tasks and warnings, the run in progress, sync / pause / resume,
 * its run history and its schema config. Re-reads when `version` changes (an event arrived or
 * the list was polled) and every second while a run is in progress.
 */
export function ConnectionDetail({
  api,
  connectionId,
  version,
  onChanged,
  announce,
}: {
  api: Api;
  connectionId: string;
  version: number;
  onChanged(): void;
  announce(message: string): void;
}) {
  const [connection, setConnection] = useState<Connection>();
  const [runs, setRuns] = useState<Run[]>([]);
  const [schema, setSchema] = useState<SchemaConfig>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async () => {
    try {
      const [details, history, config] = await Promise.all([
        api.connection(connectionId),
        api.runs(connectionId, 20),
        api.schemaConfig(connectionId),
      ]);
      setConnection(details);
      setRuns(history.items);
      setSchema(config ?? undefined);
      setError(undefined);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  }, [api, connectionId]);

  // `version` changes when an event arrived or the list was re-read: the signal to re-read.
  useEffect(() => {
    void load();
  }, [load, version]);

  useEffect(() => {
    heading.current?.focus();
  }, [connectionId]);

  const running = Boolean(connection?.status.current_run);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void load(), RUNNING_POLL_MS);
    return () => clearInterval(timer);
  }, [running, load]);

  async function act(what: () => Promise<unknown>, done: string) {
    setBusy(true);
    try {
      await what();
      announce(done);
      await load();
      onChanged();
    } catch (caught) {
      const message = caught instanceof Error ? caught.message : String(caught);
      setError(message);
      announce(`Failed: ${message}`);
    } finally {
      setBusy(false);
    }
  }

  if (!connection) {
    return (
      <section class="panel" aria-busy="true">
        <h2 ref={heading} tabIndex={-1}>
          Connection
        </h2>
        {error ? <p class="error">{error}</p> : <p>Loading…</p>}
      </section>
    );
  }

  const state = health(connection);
  const current = connection.status.current_run;
  const rowsSoFar = current ? Object.values(current.rows_so_far).reduce((a, b) => a + b, 0) : 0;
  return (
    <section class="panel detail" aria-labelledby="detail-heading" data-connection={connection.id}>
      <h2 id="detail-heading" ref={heading} tabIndex={-1}>
        {connection.schema} <span class="muted">({connection.service})</span>
      </h2>
      <dl class="facts">
        <dt>Status</dt>
        <dd>
          <span class={`badge ${state}`} data-testid="detail-status">
            {HEALTH_LABEL[state]}
          </span>
        </dd>
        <dt>Last success</dt>
        <dd>{timestamp(connection.succeeded_at)}</dd>
        <dt>Last failure</dt>
        <dd>{timestamp(connection.failed_at)}</dd>
        <dt>Next sync</dt>
        <dd>
          {connection.status.next_sync_at
            ? `${timestamp(connection.status.next_sync_at)} (${relative(connection.status.next_sync_at)})`
            : "not scheduled"}
        </dd>
        <dt>Schedule</dt>
        <dd>
          {connection.schedule_type === "manual"
            ? "manual"
            : (connection.schedule?.phrase ?? `every ${connection.sync_frequency} min`)}
        </dd>
      </dl>
      <div class="actions">
        <button
          type="button"
          disabled={busy || connection.paused}
          onClick={() => act(() => api.sync(connection.id), `Sync of ${connection.schema} requested`)}
        >
          Sync now
        </button>
        {connection.paused ? (
          <button
            type="button"
            disabled={busy}
            onClick={() => act(() => api.setPaused(connection.id, false), `${connection.schema} resumed`)}
          >
            Resume
          </button>
        ) : (
          <button
            type="button"
            disabled={busy}
            onClick={() => act(() => api.setPaused(connection.id, true), `${connection.schema} paused`)}
          >
            Pause
          </button>
        )}
      </div>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}

      <section aria-labelledby="progress-heading" data-testid="progress">
        <h3 id="progress-heading">Sync in progress</h3>
        {current ? (
          <div>
            <p>
              Run <code>{current.id}</code> ({current.trigger}) started {timestamp(current.started_at)}:{" "}
              <strong data-testid="rows-so-far">{count(rowsSoFar)}</strong> rows so far
            </p>
            <progress aria-label="Sync in progress" />
            <ul>
              {Object.entries(current.rows_so_far).map(([table, rows]) => (
                <li key={table}>
                  <code>{table}</code>: {count(rows)} rows
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <p class="muted">No run in progress.</p>
        )}
      </section>

      <Alerts title="Tasks" alerts={connection.status.tasks} empty="No tasks: nothing needs doing." />
      <Alerts title="Warnings" alerts={connection.status.warnings} empty="No warnings." />
      <RunHistory runs={runs} />
      <SchemaView schema={schema} />
    </section>
  );
}

function Alerts({ title, alerts, empty }: { title: string; alerts: Alert[]; empty: string }) {
  const id = `alerts-${title.toLowerCase()}`;
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {alerts.length === 0 ? (
        <p class="muted">{empty}</p>
      ) : (
        <ul class="alerts">
          {alerts.map((alert) => (
            <li key={`${alert.code}-${alert.message}`}>
              <strong>{alert.code}</strong>: {alert.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RunHistory({ runs }: { runs: Run[] }) {
  return (
    <section aria-labelledby="runs-heading">
      <h3 id="runs-heading">Run history</h3>
      {runs.length === 0 ? (
        <p class="muted">No runs yet.</p>
      ) : (
        <div class="scroll">
          <table class="runs">
            <caption class="visually-hidden">The last runs, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Trigger</th>
                <th scope="col">Status</th>
                <th scope="col">Duration</th>
                <th scope="col" class="num">
                  Rows
                </th>
                <th scope="col">Error and retries</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id} data-run={run.id} data-status={run.status}>
                  <td>{timestamp(run.started_at)}</td>
                  <td>{run.trigger}</td>
                  <td>
                    <span class={`badge run-${run.status}`}>{run.status}</span>
                  </td>
                  <td>{duration(run.duration_ms)}</td>
                  <td class="num">{count(run.rows)}</td>
                  <td>
                    {run.error ? <span class="error-text">{run.error}</span> : <span class="muted">none</span>}
                    {run.attempts.length > 0 ? (
                      <details>
                        <summary>{run.attempts.length} failed attempt(s)</summary>
                        <ul>
                          {run.attempts.map((attempt) => (
                            <li key={`${attempt.slice}-${attempt.attempt}`}>
                              {timestamp(attempt.failed_at)}: slice {attempt.slice}, attempt {attempt.attempt},{" "}
                              {attempt.kind} ({attempt.code}): {attempt.message}
                              {attempt.retry_at ? `, retried ${timestamp(attempt.retry_at)}` : ""}
                            </li>
                          ))}
                        </ul>
                      </details>
                    ) : null}
                    {Object.keys(run.tables).length > 0 ? (
                      <details>
                        <summary>Rows per table</summary>
                        <ul>
                          {Object.entries(run.tables).map(([table, stats]) => (
                            <li key={table}>
                              <code>{table}</code>: {count(stats.rows)} rows
                            </li>
                          ))}
                        </ul>
                      </details>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function SchemaView({ schema }: { schema: SchemaConfig | undefined }) {
  const schemas = Object.entries(schema?.schemas ?? {});
  return (
    <section aria-labelledby="schema-heading">
      <h3 id="schema-heading">Schema config</h3>
      {schema ? (
        <p class="muted">
          Schema changes: {schema.schema_change_handling}; new tables{" "}
          {schema.enable_new_by_default ? "enabled" : "disabled"} by default.
        </p>
      ) : null}
      {schemas.length === 0 ? (
        <p class="muted">Not discovered yet: the first sync (or a schema reload) lists the source's tables.</p>
      ) : (
        <div class="scroll">
          <table class="schema">
            <caption class="visually-hidden">Schemas and tables, with what is synced</caption>
            <thead>
              <tr>
                <th scope="col">Schema</th>
                <th scope="col">Table</th>
                <th scope="col">In destination</th>
                <th scope="col">Enabled</th>
                <th scope="col">Sync mode</th>
                <th scope="col">Configured columns</th>
              </tr>
            </thead>
            <tbody>
              {schemas.flatMap(([schemaName, entry]) =>
                Object.entries(entry.tables).map(([tableName, table]) => (
                  <tr key={`${schemaName}.${tableName}`}>
                    <td>{schemaName}</td>
                    <td>{tableName}</td>
                    <td>
                      <code>
                        {entry.name_in_destination}.{table.name_in_destination}
                      </code>
                    </td>
                    <td>{entry.enabled && table.enabled ? "yes" : "no"}</td>
                    <td>{table.sync_mode ?? "—"}</td>
                    <td>
                      {Object.keys(table.columns).length === 0
                        ? "all (defaults)"
                        : Object.entries(table.columns)
                            .map(
                              ([name, column]) =>
                                `${name}${column.enabled ? "" : " (off)"}${column.hashed ? " (hashed)" : ""}`,
                            )
                            .join(", ")}
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

import type { Connection } from "./api";
import { relative, timestamp } from "./format";
import { HEALTH_LABEL, health } from "./status";

/** The account's connections: status, last and next sync; a row's name opens its details. */
export function ConnectionsTable({
  connections,
  selectedId,
  onSelect,
}: {
  connections: Connection[];
  selectedId: string | undefined;
  onSelect(id: string): void;
}) {
  if (connections.length === 0) {
    return (
      <section aria-labelledby="connections-heading" class="panel">
        <h2 id="connections-heading">Connections</h2>
        <p>This account has no connections yet. Create one with the API or the SDK; it shows up here.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="connections-heading" class="panel">
      <h2 id="connections-heading">Connections</h2>
      <div class="scroll">
        <table class="connections">
          <caption class="visually-hidden">Connections, with status and last and next sync</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Source</th>
              <th scope="col">Status</th>
              <th scope="col">Last sync</th>
              <th scope="col">Next sync</th>
              <th scope="col">Alerts</th>
            </tr>
          </thead>
          <tbody>
            {connections.map((connection) => {
              const state = health(connection);
              const last = [connection.succeeded_at, connection.failed_at]
                .filter((t): t is string => Boolean(t))
                .sort()
                .pop();
              const alerts = connection.status.tasks.length + connection.status.warnings.length;
              const selected = connection.id === selectedId;
              return (
                <tr key={connection.id} class={selected ? "selected" : undefined} data-connection={connection.id}>
                  <th scope="row">
                    <button type="button" class="link" aria-pressed={selected} onClick={() => onSelect(connection.id)}>
                      {connection.schema}
                    </button>
                  </th>
                  <td>{connection.service}</td>
                  <td>
                    <span class={`badge ${state}`} data-testid="status">
                      {HEALTH_LABEL[state]}
                    </span>
                  </td>
                  <td>
                    {last ? <time dateTime={last}>{timestamp(last)}</time> : "never"}
                    {last ? <span class="muted"> ({relative(last)})</span> : null}
                  </td>
                  <td>
                    {connection.status.next_sync_at ? (
                      <time dateTime={connection.status.next_sync_at}>{timestamp(connection.status.next_sync_at)}</time>
                    ) : (
                      <span class="muted">{connection.paused ? "paused" : "not scheduled"}</span>
                    )}
                  </td>
                  <td>
                    {alerts === 0 ? (
                      <span class="muted">none</span>
                    ) : (
                      `${connection.status.tasks.length} task(s), ${connection.status.warnings.length} warning(s)`
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

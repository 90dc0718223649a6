/**
 * The dashboard (served at `/`): sign in with an API key, then the account's connections, rows
 * synced per day, and one connection's runs, schema and live progress. Every request goes to
 * this origin's `/v1` API; nothing is loaded from another host.
 */
import { render } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import {
  type AccountInfo,
  type Api,
  type Connection,
  type Credentials,
  clearCredentials,
  createApi,
  loadCredentials,
  saveCredentials,
} from "./api";
import { RowsChart } from "./chart";
import { coalesce } from "./coalesce";
import { ConnectionDetail } from "./connection";
import { ConnectionsTable } from "./connections";
import { followEvents } from "./live";
import { SignIn } from "./sign-in";
import { type DayRows, emptyDays, rowsPerDay } from "./usage";

/** How often the list is re-read while the event stream is down. */
const POLL_MS = 5_000;

function Dashboard({ api, onSignOut }: { api: Api; onSignOut(): void }) {
  const [account, setAccount] = useState<AccountInfo>();
  const [connections, setConnections] = useState<Connection[]>();
  const [series, setSeries] = useState<DayRows[]>(() => emptyDays(14, new Date()));
  const [chartLoading, setChartLoading] = useState(true);
  const [selectedId, setSelectedId] = useState<string>();
  const [version, setVersion] = useState(0);
  const [live, setLive] = useState(false);
  const [message, setMessage] = useState("");
  const [error, setError] = useState<string>();

  const refresh = useMemo(
    () =>
      coalesce(async () => {
        try {
          const list = await api.connections();
          setConnections(list);
          setVersion((v) => v + 1);
          setChartLoading(true);
          setSeries(await rowsPerDay(api));
          setError(undefined);
        } catch (caught) {
          setError(caught instanceof Error ? caught.message : String(caught));
        } finally {
          setChartLoading(false);
        }
      }),
    [api],
  );

  useEffect(() => {
    api.accountInfo().then(setAccount, () => undefined);
    void refresh();
  }, [api, refresh]);

  // Live: every event of the account re-reads what it may have changed.
  useEffect(() => {
    const controller = new AbortController();
    void followEvents(
      api,
      {
        onEvent(event) {
          const name = event.connector_name ?? event.connection_id ?? "";
          if (event.type === "sync_start") setMessage(`Sync of ${name} started`);
          if (event.type === "sync_end") setMessage(`Sync of ${name} ended: ${String(event.data?.status ?? "")}`);
          void refresh();
        },
        onState: setLive,
      },
      controller.signal,
    );
    return () => controller.abort();
  }, [api, refresh]);

  // Without the stream, poll.
  useEffect(() => {
    if (live) return;
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [live, refresh]);

  return (
    <>
      <header class="top">
        <h1>fivetran.do</h1>
        <p class="muted">
          {account ? `${account.account_name} (${account.account_id})` : ""}
          <span class={`live ${live ? "on" : "off"}`} data-testid="live">
            {live ? "Live updates" : "Polling every 5 s"}
          </span>
        </p>
        <nav aria-label="Links">
          <a href="/docs">API reference</a>
          <button type="button" class="secondary" onClick={onSignOut}>
            Sign out
          </button>
        </nav>
      </header>
      <main id="main">
        <p class="visually-hidden" role="status" aria-live="polite">
          {message}
        </p>
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
        {connections === undefined ? (
          <p aria-busy="true">Loading connections…</p>
        ) : (
          <ConnectionsTable connections={connections} selectedId={selectedId} onSelect={setSelectedId} />
        )}
        <RowsChart series={series} loading={chartLoading} />
        {selectedId ? (
          <ConnectionDetail
            api={api}
            connectionId={selectedId}
            version={version}
            onChanged={() => void refresh()}
            announce={setMessage}
          />
        ) : null}
      </main>
    </>
  );
}

function App() {
  const [credentials, setCredentials] = useState<Credentials | undefined>(loadCredentials);
  const api = useMemo(() => (credentials ? createApi(credentials) : undefined), [credentials]);
  if (!api) {
    return (
      <SignIn
        onSignedIn={(signedIn) => {
          saveCredentials(signedIn);
          setCredentials(signedIn);
        }}
      />
    );
  }
  return (
    <Dashboard
      api={api}
      onSignOut={() => {
        clearCredentials();
        setCredentials(undefined);
      }}
    />
  );
}

const root = document.getElementById("app");
if (root) render(<App />, root);

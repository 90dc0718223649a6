/**
 * `diagnose_connection`: why a connection fails or lags, from what the API reports about it —
 * its status (setup state, tasks, warnings, schedule), its setup tests and its last runs. Rules
 * written here, each one a finding with what to do; nothing is guessed beyond what is recorded.
 */

export interface Finding {
  severity: "error" | "warning" | "info";
  code: string;
  message: string;
  /** What to do about it, naming the MCP tool or API call when there is one. */
  fix?: string;
}

export interface Diagnosis {
  connection_id: string;
  service: string;
  verdict: "healthy" | "failing" | "lagging" | "paused" | "broken" | "never_synced" | "syncing";
  summary: string;
  findings: Finding[];
  last_runs: unknown[];
}

interface Alert {
  code?: string;
  message?: string;
  details?: unknown;
}

interface Run {
  id: string;
  status: string;
  trigger?: string;
  started_at: string;
  ended_at: string | null;
  error?: string | null;
  retries?: number;
  warnings?: { code?: string; stream?: string; message?: string }[];
}

const minutes = (ms: number) => Math.round(ms / 60_000);

/** The diagnosis of `connection` (GET /v1/connections/{id}'s data) and its `runs`, newest first. */
export function diagnose(
  // biome-ignore lint/suspicious/noExplicitAny: the connection's JSON as the API returns it
  connection: any,
  runs: Run[],
  now = Date.now(),
): Diagnosis {
  const findings: Finding[] = [];
  const status = connection.status ?? {};
  const id: string = connection.id;

  if (connection.paused) {
    findings.push({
      severity: "warning",
      code: "paused",
      message: "The connection is paused: no scheduled or triggered sync runs.",
      fix: "resume_connection",
    });
  }
  if (status.setup_state === "broken") {
    findings.push({
      severity: "error",
      code: "setup_broken",
      message: "The connection is broken: its last sync or setup test failed on credentials, access or configuration.",
      fix: "Fix the configuration (update_connection), then run the setup tests (POST /v1/connections/{id}/test) or sync.",
    });
  } else if (status.setup_state === "incomplete") {
    findings.push({
      severity: "warning",
      code: "setup_incomplete",
      message: "The setup tests have never passed for this connection.",
      fix: "Run the setup tests: POST /v1/connections/{id}/test",
    });
  }
  for (const task of (status.tasks ?? []) as Alert[]) {
    findings.push({
      severity: "error",
      code: task.code ?? "task",
      message: task.message ?? "A task needs your action.",
      fix: "A task is an error that needs action before syncs can succeed; its message says what.",
    });
  }
  for (const warning of (status.warnings ?? []) as Alert[]) {
    findings.push({ severity: "warning", code: warning.code ?? "warning", message: warning.message ?? "" });
  }

  const finished = runs.filter((run) => run.status !== "running");
  let failedInARow = 0;
  for (const run of finished) {
    if (run.status !== "failed") break;
    failedInARow++;
  }
  const lastFailed = finished.find((run) => run.status === "failed");
  if (failedInARow > 0 && lastFailed) {
    findings.push({
      severity: "error",
      code: "last_runs_failed",
      message: `The last ${failedInARow === 1 ? "run" : `${failedInARow} runs`} failed${
        lastFailed.retries ? ` after ${lastFailed.retries} retries` : ""
      }: ${lastFailed.error ?? "no reason recorded"}`,
      fix: "Fix what the error names, then sync_connection.",
    });
  }
  const skipped = new Map<string, string>();
  for (const run of finished.slice(0, 1)) {
    for (const w of run.warnings ?? [])
      if (w.code === "table_skipped" && w.stream) skipped.set(w.stream, w.message ?? "");
  }
  for (const [table, message] of skipped) {
    findings.push({
      severity: "warning",
      code: "table_skipped",
      message: `The last run skipped table ${table}: ${message}`,
      fix: "The other tables synced; the table is tried again next run. A table-level re-sync: resync_connection with scope.",
    });
  }

  const running = runs.find((run) => run.status === "running");
  if (running) {
    const age = now - Date.parse(running.started_at);
    findings.push({
      severity: age > 6 * 3_600_000 ? "warning" : "info",
      code: "running",
      message:
        `A ${running.trigger ?? ""} run has been running for ${minutes(age)} min (since ${running.started_at}).`.replace(
          "A  run",
          "A run",
        ),
    });
  }

  // Lag: an automatic schedule whose last success is older than twice its interval.
  const succeeded = connection.succeeded_at ? Date.parse(connection.succeeded_at) : undefined;
  const frequency = Number(connection.sync_frequency ?? 360);
  if (!connection.paused && connection.schedule_type !== "manual" && succeeded !== undefined) {
    const late = now - succeeded;
    if (late > 2 * frequency * 60_000) {
      findings.push({
        severity: "warning",
        code: "lagging",
        message: `The last successful sync was ${minutes(late)} min ago; the schedule expects one every ${frequency} min.`,
        fix: failedInARow > 0 ? "The runs since then failed: see last_runs_failed." : "sync_connection to catch up.",
      });
    }
  }
  if (status.update_state === "delayed") {
    findings.push({
      severity: "warning",
      code: "delayed",
      message: "Fivetran's update_state is delayed: data is behind its schedule.",
    });
  }

  let verdict: Diagnosis["verdict"];
  if (status.setup_state === "broken" || (status.tasks ?? []).length > 0) verdict = "broken";
  else if (connection.paused) verdict = "paused";
  else if (failedInARow > 0) verdict = "failing";
  else if (findings.some((f) => f.code === "lagging" || f.code === "delayed")) verdict = "lagging";
  else if (running) verdict = "syncing";
  else if (!connection.succeeded_at && runs.length === 0) verdict = "never_synced";
  else verdict = "healthy";

  if (verdict === "never_synced") {
    findings.push({
      severity: "info",
      code: "never_synced",
      message: "The connection has never run.",
      fix: "sync_connection",
    });
  }
  const summary =
    verdict === "healthy"
      ? `Healthy: last successful sync ${connection.succeeded_at ?? "never"}; nothing needs attention.`
      : `${verdict}: ${
          findings
            .filter((f) => f.severity !== "info")
            .map((f) => f.message)
            .join(" ") ||
          findings[0]?.message ||
          ""
        }`;

  return { connection_id: id, service: connection.service, verdict, summary, findings, last_runs: runs.slice(0, 5) };
}

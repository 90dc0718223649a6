/**
 * SyncDO: one object per connection's runs. Its SQLite storage holds the run history
 * (start, end, outcome, rows and bytes per table, retries), the committed checkpoint of
 * every stream, and the sequence number of the next slice of the run in progress, so a
 * redelivered or duplicate queue message is recognised and skipped. A checkpoint is written
 * here only after the destination flushed every record before it (see engine/runner.ts).
 */
import { DurableObject } from "cloudflare:workers";
import type { Stream, StreamState } from "../engine/protocol";
import type { RunnerState, StreamStats, StreamWarning } from "../engine/runner";
import type {
  AttemptFailure,
  AttemptKind,
  RunAttempt,
  RunRecord,
  RunStatus,
  SliceLease,
  SliceTicket,
} from "../engine/runs";
import type { Env } from "../env";
import { isoTimestamp } from "../lib/time";

export type { RunAttempt, RunRecord, RunStatus, SliceLease, SliceTicket } from "../engine/runs";

const SCHEMA_VERSION = 4;

interface RunRow extends Record<string, SqlStorageValue> {
  id: string;
  trigger: string;
  status: string;
  started_at: string;
  ended_at: string | null;
  error: string | null;
  retries: number;
  attempt: number;
  next_seq: number;
  stats: string;
  streams: string | null;
  progress_at: string | null;
  ordinal: number;
  lease_until: number | null;
  lease_token: string | null;
  expected_by: number | null;
  warnings: string;
  migrated: number;
}

interface AttemptRow extends Record<string, SqlStorageValue> {
  run_id: string;
  seq: number;
  attempt: number;
  failed_at: string;
  kind: string;
  code: string;
  message: string;
  retry_at: string | null;
}

function toAttempt(row: AttemptRow): RunAttempt {
  return {
    seq: row.seq,
    attempt: row.attempt,
    failedAt: row.failed_at,
    kind: row.kind as AttemptKind,
    code: row.code,
    message: row.message,
    retryAt: row.retry_at,
  };
}

function toRecord(row: RunRow): RunRecord {
  return {
    id: row.id,
    trigger: row.trigger,
    status: row.status as RunStatus,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    error: row.error,
    retries: row.retries,
    stats: JSON.parse(row.stats) as StreamStats,
    warnings: JSON.parse(row.warnings) as StreamWarning[],
    progressAt: row.progress_at,
  };
}

export class SyncDO extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    ctx.blockConcurrencyWhile(async () => this.migrate());
  }

  /** Forgets every run and checkpoint (the connection was deleted); a running run's slices are then skipped. */
  async destroy(): Promise<void> {
    await this.ctx.storage.deleteAll();
    this.migrate();
  }

  private migrate(): void {
    this.sql.exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)");
    const version = Number(
      this.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'version'").toArray()[0]?.value ?? 0,
    );
    if (version < 1) {
      this.sql.exec(`CREATE TABLE runs (
        ordinal INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        trigger TEXT NOT NULL,
        status TEXT NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        error TEXT,
        retries INTEGER NOT NULL DEFAULT 0,
        attempt INTEGER NOT NULL DEFAULT 0,
        next_seq INTEGER NOT NULL DEFAULT 0,
        stats TEXT NOT NULL DEFAULT '{}',
        streams TEXT,
        progress_at TEXT
      )`);
      this.sql.exec("CREATE TABLE state (stream TEXT PRIMARY KEY, value TEXT NOT NULL)");
    }
    if (version < 2) {
      // A slice holds a lease while it runs; the next slice is expected by a deadline. The
      // watchdog (ConnectorDO's alarm) re-enqueues a run whose message was lost.
      this.sql.exec("ALTER TABLE runs ADD COLUMN lease_until INTEGER");
      this.sql.exec("ALTER TABLE runs ADD COLUMN expected_by INTEGER");
    }
    if (version < 3) {
      // Tables a run skipped or did not find; whether a slice of the run migrated its tables.
      this.sql.exec("ALTER TABLE runs ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]'");
      this.sql.exec("ALTER TABLE runs ADD COLUMN migrated INTEGER NOT NULL DEFAULT 0");
    }
    if (version < 4) {
      // The lease's holder: a random token per admitted slice, so a second copy of the same
      // slice (a redelivery after the lease lapsed) cannot write as the first.
      this.sql.exec("ALTER TABLE runs ADD COLUMN lease_token TEXT");
    }
    // Every failed attempt of a run's slices, kept after the run ends. Created by name rather
    // than by a version step: it is a table of its own, so it needs no ALTER of `runs`.
    this.sql.exec(`CREATE TABLE IF NOT EXISTS attempts (
      run_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      attempt INTEGER NOT NULL,
      failed_at TEXT NOT NULL,
      kind TEXT NOT NULL,
      code TEXT NOT NULL,
      message TEXT NOT NULL,
      retry_at TEXT,
      PRIMARY KEY (run_id, seq, attempt)
    )`);
    this.sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('version', ?)", String(SCHEMA_VERSION));
  }

  /** Records failed attempt `attempt` of the run's slice `seq` (a second record of it is ignored). */
  private addAttempt(runId: string, seq: number, attempt: number, message: string, failure: AttemptFailure): void {
    this.sql.exec(
      "INSERT OR IGNORE INTO attempts (run_id, seq, attempt, failed_at, kind, code, message, retry_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      runId,
      seq,
      attempt,
      isoTimestamp(),
      failure.kind,
      failure.code,
      message,
      failure.retryAt,
    );
  }

  /** Every failed attempt of a run, oldest first. */
  async attempts(runId: string): Promise<RunAttempt[]> {
    return this.sql
      .exec<AttemptRow>("SELECT * FROM attempts WHERE run_id = ? ORDER BY seq, attempt", runId)
      .toArray()
      .map(toAttempt);
  }

  private run(runId: string): RunRow | undefined {
    return this.sql.exec<RunRow>("SELECT * FROM runs WHERE id = ?", runId).toArray()[0];
  }

  /**
   * The run, when `lease` is the live holder of its current slice. Only the token decides, not
   * the clock: a lease that lapsed unnoticed still has no other holder until a new `beginSlice`
   * replaced the token, and then the old holder is refused.
   */
  private held(runId: string, lease: SliceLease): RunRow | undefined {
    const row = this.run(runId);
    if (row?.status !== "running" || row.next_seq !== lease.seq || row.lease_token !== lease.token) return undefined;
    return row;
  }

  /** The run in progress, if any. */
  async current(): Promise<RunRecord | null> {
    const row = this.sql
      .exec<RunRow>("SELECT * FROM runs WHERE status = 'running' ORDER BY ordinal DESC LIMIT 1")
      .toArray()[0];
    return row ? toRecord(row) : null;
  }

  /** The most recent finished run, if any. */
  async lastFinished(): Promise<RunRecord | null> {
    const row = this.sql
      .exec<RunRow>("SELECT * FROM runs WHERE status <> 'running' ORDER BY ordinal DESC LIMIT 1")
      .toArray()[0];
    return row ? toRecord(row) : null;
  }

  /**
   * Starts a run unless one is in progress (one run at a time per connection). `resync`
   * forgets the state of all streams (`"all"`) or of the named ones, so they start over.
   * `cancel` first ends the run in progress as cancelled with that reason (a forced sync), and
   * `expectBy` is the watchdog's deadline (ms epoch) for the first slice, as `expect` sets it:
   * one round trip where a start took three.
   */
  async startRun(input: {
    runId: string;
    trigger: string;
    resync?: "all" | string[];
    expectBy?: number;
    cancel?: string;
  }): Promise<{ started: boolean; run: RunRecord }> {
    if (input.cancel !== undefined) await this.cancelRunning(input.cancel);
    const running = await this.current();
    if (running) return { started: false, run: running };
    if (input.resync === "all") this.sql.exec("DELETE FROM state");
    else if (input.resync)
      for (const stream of input.resync) this.sql.exec("DELETE FROM state WHERE stream = ?", stream);
    this.sql.exec(
      "INSERT INTO runs (id, trigger, status, started_at, expected_by) VALUES (?, ?, 'running', ?, ?)",
      input.runId,
      input.trigger,
      isoTimestamp(),
      input.expectBy ?? null,
    );
    return { started: true, run: toRecord(this.run(input.runId) as RunRow) };
  }

  /** Ends the run in progress as cancelled (a forced restart); its slices are then skipped. */
  async cancelRunning(reason: string): Promise<RunRecord | null> {
    const running = await this.current();
    if (!running) return null;
    this.sql.exec(
      "UPDATE runs SET status = 'cancelled', ended_at = ?, error = ? WHERE id = ?",
      isoTimestamp(),
      reason,
      running.id,
    );
    return toRecord(this.run(running.id) as RunRow);
  }

  /**
   * Admits slice `seq` of a run with a lease of `leaseMs` under a new token, or tells the
   * consumer to drop the message: the run is over, or that slice was already committed (a
   * redelivery), or it is not the next one, or another copy of it holds a live lease.
   */
  async beginSlice(runId: string, seq: number, leaseMs: number): Promise<SliceTicket> {
    const row = this.run(runId);
    if (!row) return { action: "skip", reason: "unknown run" };
    if (row.status !== "running") return { action: "skip", reason: `run ${row.status}` };
    if (seq !== row.next_seq) return { action: "skip", reason: `slice ${seq} is not the next (${row.next_seq})` };
    const now = Date.now();
    if (row.lease_until !== null && row.lease_until > now) return { action: "skip", reason: `slice ${seq} is running` };
    const token = crypto.randomUUID();
    this.sql.exec(
      "UPDATE runs SET lease_until = ?, lease_token = ?, expected_by = NULL WHERE id = ?",
      now + leaseMs,
      token,
      runId,
    );
    const state: Record<string, StreamState> = {};
    for (const entry of this.sql.exec<{ stream: string; value: string }>("SELECT stream, value FROM state")) {
      state[entry.stream] = JSON.parse(entry.value) as StreamState;
    }
    return {
      action: "run",
      run: toRecord(row),
      state,
      streams: row.streams ? (JSON.parse(row.streams) as Stream[]) : null,
      migrated: row.migrated === 1,
      attempt: row.attempt,
      lease: { seq, token },
    };
  }

  /**
   * The heartbeat of a running slice: extends its lease to `leaseMs` from now. False when the
   * caller no longer holds it (another copy took the slice, or the run ended): stop, write nothing.
   */
  async renewLease(runId: string, lease: SliceLease, leaseMs: number): Promise<boolean> {
    if (!this.held(runId, lease)) return false;
    this.sql.exec("UPDATE runs SET lease_until = ? WHERE id = ?", Date.now() + leaseMs, runId);
    return true;
  }

  /**
   * Pins the streams a run reads, so every slice of it sees the same tables and columns, with
   * what discovery warned about (configured tables not found).
   */
  async setRunStreams(
    runId: string,
    streams: Stream[],
    warnings: StreamWarning[] = [],
    lease?: SliceLease,
  ): Promise<boolean> {
    if (lease && !this.held(runId, lease)) return false;
    this.sql.exec(
      "UPDATE runs SET streams = ?, warnings = ? WHERE id = ? AND status = 'running'",
      JSON.stringify(streams),
      JSON.stringify(warnings),
      runId,
    );
    return true;
  }

  private addWarnings(runId: string, warnings: StreamWarning[]): void {
    if (warnings.length === 0) return;
    const row = this.run(runId);
    if (!row) return;
    const all = [...(JSON.parse(row.warnings) as StreamWarning[]), ...warnings];
    this.sql.exec("UPDATE runs SET warnings = ? WHERE id = ?", JSON.stringify(all), runId);
  }

  /**
   * Commits a checkpoint of the slice holding `lease` and adds the rows and bytes written since
   * the last. False, and nothing written, when the caller does not hold the lease.
   */
  async commit(
    runId: string,
    lease: SliceLease,
    stream: string,
    state: RunnerState,
    delta: StreamStats,
  ): Promise<boolean> {
    const row = this.held(runId, lease);
    if (!row) return false;
    const stats = JSON.parse(row.stats) as StreamStats;
    for (const [name, d] of Object.entries(delta)) {
      const entry = stats[name] ?? { rows: 0, bytes: 0 };
      entry.rows += d.rows;
      entry.bytes += d.bytes;
      stats[name] = entry;
    }
    this.sql.exec("INSERT OR REPLACE INTO state (stream, value) VALUES (?, ?)", stream, JSON.stringify(state));
    this.sql.exec(
      "UPDATE runs SET stats = ?, progress_at = ? WHERE id = ?",
      JSON.stringify(stats),
      isoTimestamp(),
      runId,
    );
    return true;
  }

  /**
   * Ends the slice holding `lease`: the next message must carry `seq + 1` and start by
   * `expectBy` (ms epoch, the watchdog's deadline). A retry resets the attempt count; the
   * tables are migrated. False when the caller does not hold the lease.
   */
  async endSlice(
    runId: string,
    lease: SliceLease,
    next: { expectBy: number; warnings?: StreamWarning[] },
  ): Promise<boolean> {
    const ended = this.sql.exec(
      "UPDATE runs SET next_seq = ?, attempt = 0, lease_until = NULL, lease_token = NULL, expected_by = ?, migrated = 1 WHERE id = ? AND next_seq = ? AND lease_token = ? AND status = 'running'",
      lease.seq + 1,
      next.expectBy,
      runId,
      lease.seq,
      lease.token,
    ).rowsWritten;
    if (ended > 0) this.addWarnings(runId, next.warnings ?? []);
    return ended > 0;
  }

  /** A message for the run's next slice was enqueued: it must start by `deadline` (ms epoch). */
  async expect(runId: string, deadline: number): Promise<void> {
    this.sql.exec("UPDATE runs SET expected_by = ? WHERE id = ? AND status = 'running'", deadline, runId);
  }

  /**
   * The run watchdog's question (ConnectorDO's alarm): is a run in progress, and if so, is its
   * slice to be enqueued again — no slice holds a live lease (its holder stopped renewing:
   * the process died or the slice hangs past its lease) and no message for it is still
   * expected (lost with a crashed process). The copy enqueued then is admitted by
   * `beginSlice`, as the lapsed lease no longer counts.
   */
  async watch(now: number): Promise<{ running: boolean; stalled: { runId: string; seq: number } | null }> {
    const row = this.sql
      .exec<RunRow>("SELECT * FROM runs WHERE status = 'running' ORDER BY ordinal DESC LIMIT 1")
      .toArray()[0];
    if (!row) return { running: false, stalled: null };
    if (row.lease_until !== null && row.lease_until > now) return { running: true, stalled: null };
    if (row.expected_by !== null && row.expected_by > now) return { running: true, stalled: null };
    return { running: true, stalled: { runId: row.id, seq: row.next_seq } };
  }

  /**
   * Records a failed attempt of the slice holding `lease`, to be retried: the lease is given
   * up and the retry's message must start by `expectBy`. With `failure`, the attempt is kept in
   * the run's history of attempts. Null when the caller does not hold the lease (nothing is
   * recorded; a cancelled run's lease is gone too), else how many attempts of the slice have
   * failed (the number of the one that just did).
   */
  async recordRetry(
    runId: string,
    error: string,
    expectBy: number,
    lease: SliceLease,
    failure?: AttemptFailure,
  ): Promise<number | null> {
    const held = this.held(runId, lease);
    if (!held) return null;
    this.sql.exec(
      "UPDATE runs SET attempt = attempt + 1, retries = retries + 1, error = ?, lease_until = NULL, lease_token = NULL, expected_by = ? WHERE id = ?",
      error,
      expectBy,
      runId,
    );
    const attempt = held.attempt + 1;
    if (failure) this.addAttempt(runId, held.next_seq, attempt, error, failure);
    return attempt;
  }

  /**
   * Ends the run. With `lease`, only the slice holding it may (a slice ending its run);
   * without, anyone (the connection was deleted). The run as it is afterwards.
   */
  async finishRun(
    runId: string,
    outcome: "succeeded" | "failed",
    error?: string,
    warnings: StreamWarning[] = [],
    failure?: AttemptFailure,
    lease?: SliceLease,
  ): Promise<RunRecord | null> {
    if (lease && !this.held(runId, lease)) {
      const row = this.run(runId);
      return row ? toRecord(row) : null;
    }
    const running = this.run(runId);
    if (running?.status === "running") {
      this.addWarnings(runId, warnings);
      // The attempt that made the run give up, after the ones retried before it.
      if (outcome === "failed" && failure) {
        this.addAttempt(runId, running.next_seq, running.attempt + 1, error ?? "failed", failure);
      }
    }
    this.sql.exec(
      "UPDATE runs SET status = ?, ended_at = ?, error = ?, lease_until = NULL, lease_token = NULL WHERE id = ? AND status = 'running'",
      outcome,
      isoTimestamp(),
      outcome === "failed" ? (error ?? "failed") : null,
      runId,
    );
    const row = this.run(runId);
    return row ? toRecord(row) : null;
  }

  /** Runs newest first, `limit` after the run with ordinal `before`, each with its failed attempts. */
  async history(
    limit: number,
    before?: number,
  ): Promise<{ runs: (RunRecord & { ordinal: number; attempts: RunAttempt[] })[] }> {
    const rows = this.sql
      .exec<RunRow>(
        "SELECT * FROM runs WHERE ordinal < ? ORDER BY ordinal DESC LIMIT ?",
        before ?? Number.MAX_SAFE_INTEGER,
        limit,
      )
      .toArray();
    const attempts = new Map<string, RunAttempt[]>();
    const oldest = rows.at(-1);
    if (oldest) {
      // The page is a range of ordinals: one query by that range (no list of ids to bind).
      for (const row of this.sql.exec<AttemptRow>(
        "SELECT a.* FROM attempts a JOIN runs r ON r.id = a.run_id WHERE r.ordinal BETWEEN ? AND ? ORDER BY a.seq, a.attempt",
        oldest.ordinal,
        rows[0]?.ordinal ?? oldest.ordinal,
      )) {
        const list = attempts.get(row.run_id) ?? [];
        list.push(toAttempt(row));
        attempts.set(row.run_id, list);
      }
    }
    return {
      runs: rows.map((row) => ({ ...toRecord(row), ordinal: row.ordinal, attempts: attempts.get(row.id) ?? [] })),
    };
  }

  /** The committed state of every stream (the engine's; no API exposes it, see GET …/state). */
  async getState(): Promise<Record<string, StreamState>> {
    const state: Record<string, StreamState> = {};
    for (const entry of this.sql.exec<{ stream: string; value: string }>("SELECT stream, value FROM state")) {
      state[entry.stream] = JSON.parse(entry.value) as StreamState;
    }
    return state;
  }
}

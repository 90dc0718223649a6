/**
 * ConnectorDO: one object per connection. It owns what must not race for a connection:
 * its schedule (a Durable Object alarm armed for the next run, re-armed on every change of
 * schedule, pause, setup state or destination and after every run), the starting of runs (one
 * at a time; a forced sync cancels the one in progress), and the discovered schema with the
 * tables the user enabled. When the alarm fires it starts a run by enqueuing its first slice
 * on SYNC_QUEUE; it never runs a sync itself. The catalog row in D1 stays the source of truth
 * for config.
 *
 * The alarm is armed only when a run can happen (engine/readiness.ts): not paused, setup tests
 * passed, a destination in the group, a source that can sync and a destination that can be
 * written. Otherwise there is no alarm at all, except the run watchdog while a run is in
 * progress; whatever makes the connection runnable (a passing setup test, the group's
 * destination created, unpausing) calls `reschedule`.
 */
import { DurableObject } from "cloudflare:workers";
import { catalog } from "../db/client";
import { type ConnectionRow, connectionWithDestination } from "../db/connections";
import { setConnectionStatus, warningsWith } from "../db/engine";
import type { Stream, SyncMode } from "../engine/protocol";
import { nextRunAt, scheduleBlocker, syncBlockers } from "../engine/readiness";
import { RETRY_WARNING } from "../engine/runs";
import { engineSettings, runWatchMs } from "../engine/settings";
import type { Env } from "../env";
import { connectionSubject, emit } from "../events/emit";
import { redactedFailure } from "../lib/log";
import { isoTimestamp } from "../lib/time";

export interface TriggerOptions {
  trigger: "manual" | "scheduled" | "force" | "resync" | "url" | "queue" | "chain";
  /** Cancel a run in progress and start over. */
  force?: boolean;
  /** Forget the state of every stream (`"all"`) or of these `schema.table` streams first. */
  resync?: "all" | string[];
}

export interface TriggerResult {
  started: boolean;
  runId: string;
}

/** What the caller of `reschedule` knows already, to spare a round trip to SyncDO. */
export interface RescheduleHint {
  /** Whether a run of the connection is in progress; asked of SyncDO when absent. */
  running?: boolean;
}

/** A discovered table with the user's choices. */
export interface TableSetting {
  stream: Stream;
  enabled: boolean;
  /** Fivetran's `sync_mode`, lowercased; soft_delete unless the user chose another. */
  syncMode: SyncMode;
}

const SYNC_MODES: readonly SyncMode[] = ["soft_delete", "live", "history"];

function syncModeOf(stored: string | null): SyncMode {
  return SYNC_MODES.includes(stored as SyncMode) ? (stored as SyncMode) : "soft_delete";
}

export class ConnectorDO extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.init();
  }

  private init(): void {
    this.sql.exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)");
    this.sql.exec(`CREATE TABLE IF NOT EXISTS tables (
      namespace TEXT NOT NULL, name TEXT NOT NULL, enabled INTEGER NOT NULL, stream TEXT NOT NULL,
      discovered_at TEXT NOT NULL, sync_mode TEXT, PRIMARY KEY (namespace, name))`);
    // Objects created before per-table sync modes: the column is added once (NULL: soft_delete).
    const columns = this.sql.exec<{ name: string }>("SELECT name FROM pragma_table_info('tables')").toArray();
    if (!columns.some((c) => c.name === "sync_mode")) this.sql.exec("ALTER TABLE tables ADD COLUMN sync_mode TEXT");
  }

  private setMeta(key: string, value: string | null): void {
    if (value === null) this.sql.exec("DELETE FROM meta WHERE key = ?", key);
    else this.sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", key, value);
  }

  private meta(key: string): string | null {
    return this.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = ?", key).toArray()[0]?.value ?? null;
  }

  private syncOf(connectionId: string) {
    return this.env.SYNC.get(this.env.SYNC.idFromName(connectionId));
  }

  /** The connection's catalog row with its group's destination (one D1 query); undefined once deleted. */
  private load(connectionId: string): Promise<ConnectionRow | undefined> {
    return connectionWithDestination(catalog(this.env.DB), connectionId);
  }

  /**
   * Arms the one alarm from the connection's row: at its next scheduled run when it can run,
   * at the watchdog's deadline while a run is in progress, and not at all otherwise. Returns
   * the next scheduled run, or null when the schedule starts none.
   */
  private async arm(connectionId: string, row: ConnectionRow | undefined, running?: boolean): Promise<string | null> {
    const next = row ? nextRunAt(row, new Date()) : null;
    this.setMeta("next_sync_at", next ? String(next.getTime()) : null);
    // No run can be in progress for a deleted connection, nor for one whose source cannot
    // sync or whose group cannot be written (its runs are refused): SyncDO need not be asked.
    const inProgress =
      running ??
      (row !== undefined && syncBlockers(row).length === 0 && (await this.syncOf(connectionId).current()) !== null);
    // While a run is in progress only the watchdog is armed: a schedule due meanwhile could not
    // start a run, and re-arming for it would fire again and again until the run ends. The end
    // of the run re-arms the schedule (engine/jobs.ts calls `reschedule`).
    const at = inProgress ? Date.now() + runWatchMs(engineSettings(this.env)) : next?.getTime();
    if (at === undefined) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(at);
    return next ? isoTimestamp(next) : null;
  }

  /**
   * Re-arms the one alarm (see `arm`). Call after every change of schedule, pause, setup
   * state or destination, and after every run. Returns the next scheduled run time, or null
   * when the connection does not sync on its own or cannot run.
   */
  async reschedule(connectionId: string, hint: RescheduleHint = {}): Promise<string | null> {
    this.setMeta("connection_id", connectionId);
    return this.arm(connectionId, await this.load(connectionId), hint.running);
  }

  /** The armed alarm's time, or null. */
  async nextAlarm(): Promise<string | null> {
    const at = await this.ctx.storage.getAlarm();
    return at === null ? null : isoTimestamp(new Date(at));
  }

  /**
   * The alarm fired: first the watchdog (enqueue again the slice of a run whose slice stopped
   * renewing its lease, or whose message was lost with a crashed process), then the schedule
   * (start a run if one is due and the connection can run), then re-arm. A connection that
   * cannot run is left without an alarm.
   *
   * While a run is in progress the alarm fires every half lease (settings.ts), so it costs one
   * SyncDO call per running connection per period and no catalog query: the schedule cannot
   * start a run then, and the run's end re-arms it.
   */
  override async alarm(): Promise<void> {
    const connectionId = this.meta("connection_id");
    if (!connectionId) return;
    try {
      await this.onAlarm(connectionId);
    } catch (error) {
      // Rethrown, so the runtime retries the alarm; redacted, so its record of it holds no row values.
      throw redactedFailure("connection alarm failed", error, { connectionId });
    }
  }

  /** The alarm's work: the run watchdog while a run is in progress, else the schedule. */
  private async onAlarm(connectionId: string): Promise<void> {
    const now = Date.now();
    const settings = engineSettings(this.env);
    const sync = this.syncOf(connectionId);
    const { running, stalled } = await sync.watch(now);
    if (stalled) {
      await this.env.SYNC_QUEUE.send({ connectionId, ...stalled });
      await sync.expect(stalled.runId, now + settings.watchdogMs);
    }
    if (running) {
      await this.ctx.storage.setAlarm(now + runWatchMs(settings));
      return;
    }
    const row = await this.load(connectionId);
    let inProgress = false;
    const due = Number(this.meta("next_sync_at") ?? Number.POSITIVE_INFINITY) <= now;
    if (row && due && scheduleBlocker(row) === null) {
      // Started: trigger armed the watchdog. Not started: a run began since `watch` answered.
      if ((await this.trigger(connectionId, { trigger: "scheduled" })).started) return;
      inProgress = true;
    }
    await this.arm(connectionId, row, inProgress);
  }

  /**
   * Starts a run by enqueuing its first slice; one run at a time per connection. Callers
   * check first that the connection can run (engine/readiness.ts).
   */
  async trigger(connectionId: string, options: TriggerOptions): Promise<TriggerResult> {
    this.setMeta("connection_id", connectionId);
    const runId = crypto.randomUUID();
    const settings = engineSettings(this.env);
    // A forced sync cancels the run in progress: its sync_end says so (below).
    const cancelled = options.force ? ((await this.syncOf(connectionId).current()) as { id: string } | null) : null;
    // One SyncDO round trip: it cancels a run in progress when forced, starts this one, and
    // expects its first slice by the watchdog's deadline.
    const result = await this.syncOf(connectionId).startRun({
      runId,
      trigger: options.trigger,
      resync: options.resync,
      expectBy: Date.now() + settings.watchdogMs,
      ...(options.force ? { cancel: "restarted by a forced sync" } : {}),
    });
    if (!result.started) return { started: false, runId: result.run.id };
    // A retry warning left by a run a forced sync cancelled is no longer true.
    await setConnectionStatus(this.env.DB, connectionId, {
      syncState: "syncing",
      warnings: warningsWith(RETRY_WARNING),
    });
    await this.env.SYNC_QUEUE.send({ connectionId, runId, seq: 0 });
    // Only the watchdog while the run is in progress; its end re-arms the schedule from the
    // row as it is then. No stored next run stays due meanwhile to start a second one.
    this.setMeta("next_sync_at", null);
    await this.ctx.storage.setAlarm(Date.now() + runWatchMs(settings));
    const row = await this.load(connectionId).catch(() => undefined);
    if (row) {
      const subject = connectionSubject(row);
      if (cancelled) {
        await emit(this.env, {
          ...subject,
          type: "sync_end",
          syncId: cancelled.id,
          data: { status: "CANCELLED", reason: "restarted by a forced sync" },
        });
      }
      // What started it, in Fivetran's event names, then the run's start.
      if (options.trigger === "force") await emit(this.env, { ...subject, type: "force_update_connector" });
      if (options.resync === "all") await emit(this.env, { ...subject, type: "resync_connector" });
      else if (options.resync)
        await emit(this.env, { ...subject, type: "resync_table", data: { tables: options.resync } });
      await emit(this.env, {
        ...subject,
        type: "sync_start",
        syncId: runId,
        data: { trigger: options.trigger, ...(options.resync ? { resync: options.resync } : {}) },
      });
    }
    return { started: true, runId };
  }

  /**
   * Records what discovery found and returns the streams to sync: new tables are enabled
   * (Fivetran's ALLOW_ALL default), tables the user disabled stay out.
   */
  async recordDiscovery(connectionId: string, streams: Stream[]): Promise<Stream[]> {
    this.setMeta("connection_id", connectionId);
    const now = isoTimestamp();
    const before = this.meta("discovered_at") === null ? null : this.knownStreams();
    for (const stream of streams) {
      this.sql.exec(
        `INSERT INTO tables (namespace, name, enabled, stream, discovered_at) VALUES (?, ?, 1, ?, ?)
         ON CONFLICT (namespace, name) DO UPDATE SET stream = excluded.stream, discovered_at = excluded.discovered_at`,
        stream.namespace,
        stream.name,
        JSON.stringify(stream),
        now,
      );
    }
    this.setMeta("discovered_at", now);
    if (before) await this.announceSchemaChange(connectionId, before, streams);
    const disabled = new Set(
      this.sql
        .exec<{ key: string }>("SELECT namespace || '.' || name AS key FROM tables WHERE enabled = 0")
        .toArray()
        .map((row) => row.key),
    );
    return streams.filter((s) => !disabled.has(`${s.namespace}.${s.name}`));
  }

  /** The stored stream of every discovered table, by `schema.table`. */
  private knownStreams(): Map<string, Stream> {
    return new Map(
      this.sql
        .exec<{ key: string; stream: string }>("SELECT namespace || '.' || name AS key, stream FROM tables")
        .toArray()
        .map((row) => [row.key, JSON.parse(row.stream) as Stream]),
    );
  }

  /**
   * Emits `schema_change` when a discovery after the first finds tables or columns that were
   * not there before, or columns whose type changed. Every such change is applied: new tables
   * are enabled (ALLOW_ALL, the only schema_change_handling accepted) and the destination adds
   * or widens columns when the run migrates. Tables gone from the source are kept (their data
   * stays) and reported as `removed_tables`.
   */
  private async announceSchemaChange(connectionId: string, before: Map<string, Stream>, after: Stream[]) {
    const addedTables: string[] = [];
    const addedColumns: { table: string; column: string; type: string }[] = [];
    const changedColumns: { table: string; column: string; from: string; to: string }[] = [];
    const seen = new Set<string>();
    for (const stream of after) {
      const key = `${stream.namespace}.${stream.name}`;
      seen.add(key);
      const old = before.get(key);
      if (!old) {
        addedTables.push(key);
        continue;
      }
      const oldColumns = new Map(old.columns.map((c) => [c.name, c]));
      for (const column of stream.columns) {
        const previous = oldColumns.get(column.name);
        if (!previous) addedColumns.push({ table: key, column: column.name, type: column.type });
        else if (previous.type !== column.type) {
          changedColumns.push({ table: key, column: column.name, from: previous.type, to: column.type });
        }
      }
    }
    const removedTables = [...before.keys()].filter((key) => !seen.has(key));
    if (addedTables.length + addedColumns.length + changedColumns.length + removedTables.length === 0) return;
    const row = await this.load(connectionId).catch(() => undefined);
    if (!row) return;
    await emit(this.env, {
      ...connectionSubject(row),
      type: "schema_change",
      data: {
        applied: true,
        schema_change_handling: "ALLOW_ALL",
        added_tables: addedTables,
        removed_tables: removedTables,
        added_columns: addedColumns,
        changed_columns: changedColumns,
      },
    });
  }

  /** Every discovered table with its setting; null before the first discovery. */
  async tables(): Promise<TableSetting[] | null> {
    if (this.meta("discovered_at") === null) return null;
    return this.sql
      .exec<{ stream: string; enabled: number; sync_mode: string | null }>(
        "SELECT stream, enabled, sync_mode FROM tables ORDER BY namespace, name",
      )
      .toArray()
      .map((row) => ({
        stream: JSON.parse(row.stream) as Stream,
        enabled: row.enabled === 1,
        syncMode: syncModeOf(row.sync_mode),
      }));
  }

  /** Each table's sync mode where it is not the default (`schema.table` → mode), for a run. */
  async syncModes(): Promise<Record<string, SyncMode>> {
    const modes: Record<string, SyncMode> = {};
    for (const row of this.sql
      .exec<{ key: string; sync_mode: string | null }>(
        "SELECT namespace || '.' || name AS key, sync_mode FROM tables WHERE sync_mode IS NOT NULL",
      )
      .toArray()) {
      Object.defineProperty(modes, row.key, { value: syncModeOf(row.sync_mode), enumerable: true });
    }
    return modes;
  }

  /** Sets tables' sync modes (`schema.table` → mode). Unknown tables are ignored. */
  async setSyncModes(changes: Record<string, SyncMode>): Promise<void> {
    for (const [key, mode] of Object.entries(changes)) {
      const dot = key.indexOf(".");
      this.sql.exec(
        "UPDATE tables SET sync_mode = ? WHERE namespace = ? AND name = ?",
        syncModeOf(mode),
        key.slice(0, dot),
        key.slice(dot + 1),
      );
    }
  }

  /** Enables or disables tables (`schema.table` → enabled). Unknown tables are ignored. */
  async setEnabled(changes: Record<string, boolean>): Promise<void> {
    for (const [key, enabled] of Object.entries(changes)) {
      const dot = key.indexOf(".");
      this.sql.exec(
        "UPDATE tables SET enabled = ? WHERE namespace = ? AND name = ?",
        enabled ? 1 : 0,
        key.slice(0, dot),
        key.slice(dot + 1),
      );
    }
  }

  /** Forgets everything (the connection was deleted). */
  async destroy(): Promise<void> {
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    // The object may be called again (a new connection drawing the same id): start empty.
    this.init();
  }
}

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
import { type ChangeOrigin, recordChanges } from "../engine/schema-history";
import {
  allowed,
  DEFAULT_POLICY,
  type DetectedChange,
  decide,
  diffSchemas,
  evolveOps,
  type PendingOp,
  type SchemaChange,
  type SchemaPolicy,
} from "../engine/schema-policy";
import type { ColumnSetting, ColumnSettings } from "../engine/schema-projection";
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

/** The schemas of a `POST …/schemas` request, kept until the first discovery. */
export type PrecreatedSchemas = Record<
  string,
  {
    enabled?: boolean | null;
    tables?: Record<
      string,
      { enabled?: boolean | null; columns?: Record<string, { enabled?: boolean | null; hashed?: boolean | null }> }
    > | null;
  }
>;

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
    // Why a table is held out of runs (a primary-key change blocked by the schema policy).
    if (!columns.some((c) => c.name === "held")) this.sql.exec("ALTER TABLE tables ADD COLUMN held TEXT");
    // Columns someone (or the schema policy) touched: enabled, hashed, values held back.
    this.sql.exec(`CREATE TABLE IF NOT EXISTS column_settings (
      namespace TEXT NOT NULL, name TEXT NOT NULL, column_name TEXT NOT NULL, enabled INTEGER NOT NULL DEFAULT 1,
      hashed INTEGER NOT NULL DEFAULT 0, held TEXT, PRIMARY KEY (namespace, name, column_name))`);
    // Destination changes applied schema changes still need (run at the start of the next slice).
    this.sql.exec(`CREATE TABLE IF NOT EXISTS pending_ops (
      id INTEGER PRIMARY KEY AUTOINCREMENT, namespace TEXT NOT NULL, name TEXT NOT NULL, op TEXT NOT NULL)`);
    // What each transformed table's transform wrote when the schema policy last ruled on it.
    this.sql.exec(`CREATE TABLE IF NOT EXISTS transform_outputs (
      namespace TEXT NOT NULL, name TEXT NOT NULL, stream TEXT NOT NULL, PRIMARY KEY (namespace, name))`);
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
   * Records what discovery found and returns the streams to sync: tables the user disabled,
   * tables a schema policy added disabled and tables held by a blocked change stay out.
   */
  async recordDiscovery(connectionId: string, streams: Stream[]): Promise<Stream[]> {
    return (await this.discoverUnderPolicy(connectionId, streams, null, "reload")).streams;
  }

  /**
   * Compares what discovery found with the schema last seen and rules on each change under the
   * connection's schema policy (engine/schema-policy.ts): new tables are enabled or added
   * disabled, new columns of a blocked kind are added disabled, held widenings keep their values
   * back, a blocked primary-key change holds its table out, and applied changes that need DDL
   * are queued for the next slice (`pendingOps`). Each change is recorded in the schema
   * history, announced as a `schema_change` event and mailed to `notify`. The stored streams
   * become the source's, so a change is ruled on once.
   */
  async discoverUnderPolicy(
    connectionId: string,
    streams: Stream[],
    runId: string | null,
    origin: ChangeOrigin,
  ): Promise<{ streams: Stream[]; changes: SchemaChange[] }> {
    this.setMeta("connection_id", connectionId);
    const now = isoTimestamp();
    const before = this.meta("discovered_at") === null ? null : this.knownStreams();
    const policy = this.policy();
    const changes = decide(diffSchemas(before, streams), policy, connectionId);
    const newTables = new Set(
      changes.filter((c) => c.kind === "new_table" || c.kind === "new_schema").map((c) => `${c.schema}.${c.table}`),
    );
    for (const stream of streams) {
      const key = `${stream.namespace}.${stream.name}`;
      // Before the first discovery every table is enabled (a pre-created config may say otherwise).
      const enabled = !newTables.has(key) || allowed("new_table", policy) ? 1 : 0;
      this.sql.exec(
        `INSERT INTO tables (namespace, name, enabled, stream, discovered_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (namespace, name) DO UPDATE SET stream = excluded.stream, discovered_at = excluded.discovered_at`,
        stream.namespace,
        stream.name,
        enabled,
        JSON.stringify(stream),
        now,
      );
    }
    for (const change of changes) this.applyDecision(change);
    for (const op of evolveOps(changes, streams)) this.queueOp(op);
    if (before === null) this.applyPrecreated(streams, policy);
    this.setMeta("discovered_at", now);
    if (changes.length > 0) {
      const row = await this.load(connectionId).catch(() => undefined);
      if (row) await recordChanges(this.env, row, changes, policy, runId, origin);
    }
    const out = new Set(
      this.sql
        .exec<{ key: string }>(
          "SELECT namespace || '.' || name AS key FROM tables WHERE enabled = 0 OR held IS NOT NULL",
        )
        .toArray()
        .map((row) => row.key),
    );
    return { streams: streams.filter((s) => !out.has(`${s.namespace}.${s.name}`)), changes };
  }

  /**
   * Rules on what each table's transform writes (engine/transforms) under the same policy as the
   * source's own changes: a transform whose output columns changed since the policy last ruled
   * on it (its query or function was PATCHed, or a source change passed through it) gets the
   * same diff, decisions, destination operations, history (origin `transform`), events and
   * notices as a discovery. A table that gains a transform is compared with what it was written
   * as before (`before`: the source's stream), and one that loses its transform with the
   * source's stream. A change the source's discovery already ruled on in this run (`ruled`, a
   * column passed through as it is) is not ruled on twice. Returns the changes.
   */
  async ruleOnOutputs(
    connectionId: string,
    tables: { key: string; output?: Stream; before?: Stream }[],
    runId: string,
    ruled: SchemaChange[],
  ): Promise<SchemaChange[]> {
    const stored = new Map(
      this.sql
        .exec<{ key: string; stream: string }>("SELECT namespace || '.' || name AS key, stream FROM transform_outputs")
        .toArray()
        .map((row) => [row.key, JSON.parse(row.stream) as Stream]),
    );
    const policy = this.policy();
    const known = stored.size > 0 ? this.knownStreams() : new Map<string, Stream>();
    const same = (a: DetectedChange, b: DetectedChange) =>
      a.kind === b.kind &&
      a.schema === b.schema &&
      a.table === b.table &&
      a.column === b.column &&
      a.oldName === b.oldName &&
      a.oldType === b.oldType &&
      a.newType === b.newType;
    const changes: SchemaChange[] = [];
    for (const { key, output, before } of tables) {
      const previous = stored.get(key) ?? (output ? before : undefined);
      const next = output ?? (stored.has(key) ? known.get(key) : undefined);
      if (next && previous) {
        const detected = diffSchemas(new Map([[key, previous]]), [next]).filter(
          (change) => !ruled.some((r) => same(r, change)),
        );
        const where = output ? "the transform's output" : "the table's output once its transform was removed";
        const decided = decide(detected, policy, connectionId, where);
        for (const change of decided) this.applyDecision(change);
        for (const op of evolveOps(decided, [next])) this.queueOp(op);
        changes.push(...decided);
      }
      const [namespace, name] = [
        next?.namespace ?? key.slice(0, key.indexOf(".")),
        next?.name ?? key.slice(key.indexOf(".") + 1),
      ];
      if (output) {
        this.sql.exec(
          "INSERT OR REPLACE INTO transform_outputs (namespace, name, stream) VALUES (?, ?, ?)",
          namespace,
          name,
          JSON.stringify(output),
        );
      } else if (stored.has(key)) {
        this.sql.exec("DELETE FROM transform_outputs WHERE namespace = ? AND name = ?", namespace, name);
      }
    }
    if (changes.length > 0) {
      const row = await this.load(connectionId).catch(() => undefined);
      if (row) await recordChanges(this.env, row, changes, policy, runId, "transform");
    }
    return changes;
  }

  /**
   * The first discovery after `POST …/schemas`: tables and columns the request named take its
   * settings; the others are new to that config, so the handling decides whether they sync.
   */
  private applyPrecreated(streams: Stream[], policy: SchemaPolicy): void {
    const stored = this.meta("precreated");
    if (stored === null) return;
    const schemas = JSON.parse(stored) as PrecreatedSchemas;
    for (const stream of streams) {
      const schema = Object.hasOwn(schemas, stream.namespace) ? schemas[stream.namespace] : undefined;
      const table =
        schema?.tables && Object.hasOwn(schema.tables, stream.name) ? schema.tables[stream.name] : undefined;
      const enabled =
        schema?.enabled === false ? false : (table?.enabled ?? allowed(schema ? "new_table" : "new_schema", policy));
      this.sql.exec(
        "UPDATE tables SET enabled = ? WHERE namespace = ? AND name = ?",
        enabled ? 1 : 0,
        stream.namespace,
        stream.name,
      );
      for (const [column, setting] of Object.entries(table?.columns ?? {})) {
        if (!stream.columns.some((c) => c.name === column)) continue;
        this.upsertColumn(stream.namespace, stream.name, column, {
          ...(setting.enabled != null ? { enabled: setting.enabled } : {}),
          ...(setting.hashed != null ? { hashed: setting.hashed } : {}),
        });
      }
    }
  }

  /** The config `POST …/schemas` stored, until the first discovery applies it (null: none). */
  async precreated(): Promise<PrecreatedSchemas | null> {
    const stored = this.meta("precreated");
    return stored === null ? null : (JSON.parse(stored) as PrecreatedSchemas);
  }

  /** What a ruling leaves in the config: disabled columns, held values, a held table. */
  private applyDecision(change: SchemaChange): void {
    const at = [change.schema, change.table] as const;
    const policy = this.policy();
    if (change.kind === "add_column" && change.status === "blocked" && change.column) {
      this.upsertColumn(...at, change.column, { enabled: false });
    } else if (change.kind === "rename_column" && change.column) {
      if (change.status === "blocked" && !allowed("add_column", policy))
        this.upsertColumn(...at, change.column, { enabled: false });
      if (change.status === "applied" && change.oldName) this.renameColumnSetting(...at, change.oldName, change.column);
    } else if (change.kind === "widen" && change.column) {
      this.upsertColumn(...at, change.column, { held: change.status === "blocked" ? change.message : null });
    } else if (change.kind === "primary_key") {
      this.sql.exec(
        "UPDATE tables SET held = ? WHERE namespace = ? AND name = ?",
        change.status === "blocked" ? change.message : null,
        ...at,
      );
    }
  }

  private upsertColumn(namespace: string, name: string, column: string, patch: Partial<ColumnSetting>): void {
    const current = this.columnSetting(namespace, name, column);
    const next = { ...current, ...patch };
    if (next.enabled && !next.hashed && !next.held) {
      // Back to the defaults: the column is no longer one anyone touched.
      this.sql.exec(
        "DELETE FROM column_settings WHERE namespace = ? AND name = ? AND column_name = ?",
        namespace,
        name,
        column,
      );
      return;
    }
    this.sql.exec(
      `INSERT OR REPLACE INTO column_settings (namespace, name, column_name, enabled, hashed, held) VALUES (?, ?, ?, ?, ?, ?)`,
      namespace,
      name,
      column,
      next.enabled ? 1 : 0,
      next.hashed ? 1 : 0,
      next.held ?? null,
    );
  }

  private renameColumnSetting(namespace: string, name: string, from: string, to: string): void {
    this.sql.exec(
      "DELETE FROM column_settings WHERE namespace = ? AND name = ? AND column_name = ?",
      namespace,
      name,
      to,
    );
    this.sql.exec(
      "UPDATE column_settings SET column_name = ? WHERE namespace = ? AND name = ? AND column_name = ?",
      to,
      namespace,
      name,
      from,
    );
  }

  private columnSetting(namespace: string, name: string, column: string): ColumnSetting {
    const row = this.sql
      .exec<{ enabled: number; hashed: number; held: string | null }>(
        "SELECT enabled, hashed, held FROM column_settings WHERE namespace = ? AND name = ? AND column_name = ?",
        namespace,
        name,
        column,
      )
      .toArray()[0];
    return row
      ? { enabled: row.enabled === 1, hashed: row.hashed === 1, held: row.held }
      : { enabled: true, hashed: false, held: null };
  }

  private queueOp(op: PendingOp): void {
    this.sql.exec(
      "INSERT INTO pending_ops (namespace, name, op) VALUES (?, ?, ?)",
      op.schema,
      op.table,
      JSON.stringify(op.op),
    );
  }

  /** The connection's schema policy (Fivetran's defaults until set). */
  private policy(): SchemaPolicy {
    const stored = this.meta("schema_policy");
    return stored ? { ...DEFAULT_POLICY, ...(JSON.parse(stored) as Partial<SchemaPolicy>) } : { ...DEFAULT_POLICY };
  }

  /** The connection's schema policy. */
  async schemaPolicy(): Promise<SchemaPolicy> {
    return this.policy();
  }

  /** Changes fields of the schema policy; returns it. */
  async setSchemaPolicy(patch: Partial<SchemaPolicy>): Promise<SchemaPolicy> {
    const next = { ...this.policy(), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    this.setMeta("schema_policy", JSON.stringify(next));
    return next;
  }

  /** Whether the connection has a schema config: discovered, or created by `POST …/schemas`. */
  async hasSchemaConfig(): Promise<boolean> {
    return this.meta("discovered_at") !== null || this.meta("config_created") !== null;
  }

  /** `POST …/schemas`: the config exists from now on; `schemas` applies at the first discovery. */
  async createSchemaConfig(schemas: PrecreatedSchemas): Promise<void> {
    this.setMeta("config_created", isoTimestamp());
    this.setMeta("precreated", JSON.stringify(schemas));
  }

  /** Column settings of every table that has any (`schema.table` → column → setting). */
  async columnSettings(): Promise<ColumnSettings> {
    const out: ColumnSettings = {};
    for (const row of this.sql
      .exec<{ key: string; column_name: string; enabled: number; hashed: number; held: string | null }>(
        "SELECT namespace || '.' || name AS key, column_name, enabled, hashed, held FROM column_settings ORDER BY 1, 2",
      )
      .toArray()) {
      if (!Object.hasOwn(out, row.key))
        Object.defineProperty(out, row.key, { value: {}, enumerable: true, writable: true });
      Object.defineProperty(out[row.key] as Record<string, ColumnSetting>, row.column_name, {
        value: { enabled: row.enabled === 1, hashed: row.hashed === 1, held: row.held },
        enumerable: true,
      });
    }
    return out;
  }

  /** Sets columns' `enabled` / `hashed` (and clears or sets `held`). */
  async setColumns(
    changes: { schema: string; table: string; column: string; patch: Partial<ColumnSetting> }[],
  ): Promise<void> {
    for (const { schema, table, column, patch } of changes) this.upsertColumn(schema, table, column, patch);
  }

  /** Tables held out of runs, with why (`schema.table` → message). */
  async heldTables(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const row of this.sql
      .exec<{ key: string; held: string }>(
        "SELECT namespace || '.' || name AS key, held FROM tables WHERE held IS NOT NULL",
      )
      .toArray()) {
      Object.defineProperty(out, row.key, { value: row.held, enumerable: true });
    }
    return out;
  }

  /** Lets held tables run again (they were re-synced, or a change was applied by hand). */
  async releaseTables(keys: string[]): Promise<void> {
    for (const key of keys) {
      const dot = key.indexOf(".");
      this.sql.exec(
        "UPDATE tables SET held = NULL WHERE namespace = ? AND name = ?",
        key.slice(0, dot),
        key.slice(dot + 1),
      );
    }
  }

  /** Queues destination changes (a change applied by hand whose table is not there yet). */
  async queueOps(ops: PendingOp[]): Promise<void> {
    for (const op of ops) this.queueOp(op);
  }

  /** Destination changes waiting to run, oldest first. */
  async pendingOps(): Promise<(PendingOp & { id: number })[]> {
    return this.sql
      .exec<{ id: number; namespace: string; name: string; op: string }>(
        "SELECT id, namespace, name, op FROM pending_ops ORDER BY id",
      )
      .toArray()
      .map((row) => ({ id: row.id, schema: row.namespace, table: row.name, op: JSON.parse(row.op) }));
  }

  /** Destination changes that ran. */
  async completeOps(ids: number[]): Promise<void> {
    for (const id of ids) this.sql.exec("DELETE FROM pending_ops WHERE id = ?", id);
  }

  /** Records changes made by hand (`POST …/schemas/evolve`) in the history, events and notices. */
  async recordManualChanges(connectionId: string, changes: SchemaChange[]) {
    const row = await this.load(connectionId).catch(() => undefined);
    return row ? await recordChanges(this.env, row, changes, this.policy(), null, "manual") : [];
  }

  /** Replaces a table's stored stream (a change applied by hand moved it). */
  async storeStream(stream: Stream): Promise<void> {
    this.sql.exec(
      "UPDATE tables SET stream = ? WHERE namespace = ? AND name = ?",
      JSON.stringify(stream),
      stream.namespace,
      stream.name,
    );
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
   * Every discovered table with its setting; null before the first discovery. `withOutputs`:
   * each stream also lists the columns its transform last wrote that the source does not have
   * (after the source's), so the schema config shows and configures them like source columns.
   */
  async tables(withOutputs = false): Promise<TableSetting[] | null> {
    if (this.meta("discovered_at") === null) return null;
    const outputs = new Map(
      withOutputs
        ? this.sql
            .exec<{ key: string; stream: string }>(
              "SELECT namespace || '.' || name AS key, stream FROM transform_outputs",
            )
            .toArray()
            .map((row) => [row.key, JSON.parse(row.stream) as Stream])
        : [],
    );
    return this.sql
      .exec<{ key: string; stream: string; enabled: number; sync_mode: string | null }>(
        "SELECT namespace || '.' || name AS key, stream, enabled, sync_mode FROM tables ORDER BY namespace, name",
      )
      .toArray()
      .map((row) => {
        const stream = JSON.parse(row.stream) as Stream;
        const output = outputs.get(row.key);
        if (output) {
          const names = new Set(stream.columns.map((c) => c.name));
          stream.columns = [...stream.columns, ...output.columns.filter((c) => !names.has(c.name))];
        }
        return { stream, enabled: row.enabled === 1, syncMode: syncModeOf(row.sync_mode) };
      });
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

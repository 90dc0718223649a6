/**
 * ConnectorDO: one object per connection. It owns what must not race for a connection:
 * its schedule (a Durable Object alarm armed for the next run, re-armed on every change of
 * schedule or pause and after every run), the starting of runs (one at a time; a forced
 * sync cancels the one in progress), and the discovered schema with the tables the user
 * enabled. When the alarm fires it starts a run by enqueuing its first slice on SYNC_QUEUE;
 * it never runs a sync itself. The catalog row in D1 stays the source of truth for config.
 */
import { DurableObject } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { catalog } from "../db/client";
import { connections, destinations } from "../db/schema";
import { engineSettings } from "../engine/jobs";
import type { Stream } from "../engine/protocol";
import { type FlexibleSchedule, nextSyncAt } from "../engine/schedule";
import type { Env } from "../env";
import { isoTimestamp } from "../lib/time";

export interface TriggerOptions {
  trigger: "manual" | "scheduled" | "force" | "resync";
  /** Cancel a run in progress and start over. */
  force?: boolean;
  /** Forget the state of every stream (`"all"`) or of these `schema.table` streams first. */
  resync?: "all" | string[];
}

export interface TriggerResult {
  started: boolean;
  runId: string;
}

/** A discovered table with the user's choice. */
export interface TableSetting {
  stream: Stream;
  enabled: boolean;
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
      discovered_at TEXT NOT NULL, PRIMARY KEY (namespace, name))`);
  }

  private setMeta(key: string, value: string | null): void {
    if (value === null) this.sql.exec("DELETE FROM meta WHERE key = ?", key);
    else this.sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", key, value);
  }

  private meta(key: string): string | null {
    return this.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = ?", key).toArray()[0]?.value ?? null;
  }

  /** When the connection syncs next under its schedule in the catalog; null when it does not. */
  private async nextScheduled(connectionId: string): Promise<Date | null> {
    const db = catalog(this.env.DB);
    const row = await db.select().from(connections).where(eq(connections.id, connectionId)).get();
    if (!row) return null;
    const destination = await db
      .select({ tz: destinations.timeZoneOffset })
      .from(destinations)
      .where(eq(destinations.id, row.groupId))
      .get();
    const lastRunAt = [row.succeededAt, row.failedAt].filter(Boolean).sort().at(-1) ?? null;
    return nextSyncAt(
      {
        paused: row.paused,
        scheduleType: row.scheduleType,
        syncFrequency: row.syncFrequency,
        dailySyncTime: row.dailySyncTime,
        schedule: (row.schedule as FlexibleSchedule | null) ?? null,
        // Never ran: due now — the historical sync starts once setup passed and a destination exists.
        lastRunAt,
        timeZoneOffset: destination?.tz ?? null,
      },
      new Date(),
    );
  }

  /**
   * Re-arms the one alarm: at the next scheduled sync, or sooner while a run is in progress
   * (the watchdog). Call after every change of schedule or pause and after every run.
   * Returns the next scheduled sync time.
   */
  async reschedule(connectionId: string): Promise<string | null> {
    this.setMeta("connection_id", connectionId);
    const next = await this.nextScheduled(connectionId);
    this.setMeta("next_sync_at", next ? String(next.getTime()) : null);
    const running = await this.env.SYNC.get(this.env.SYNC.idFromName(connectionId)).current();
    const watchdog = running ? Date.now() + engineSettings(this.env).watchdogMs : null;
    const at = [next?.getTime(), watchdog].filter((t): t is number => typeof t === "number");
    if (at.length > 0) await this.ctx.storage.setAlarm(Math.min(...at));
    else await this.ctx.storage.deleteAlarm();
    return next ? isoTimestamp(next) : null;
  }

  /** The armed alarm's time, or null. */
  async nextAlarm(): Promise<string | null> {
    const at = await this.ctx.storage.getAlarm();
    return at === null ? null : isoTimestamp(new Date(at));
  }

  /**
   * The alarm fired: first the watchdog (enqueue again the slice of a run whose message was
   * lost with a crashed process), then the schedule (start a run if one is due), then re-arm.
   */
  override async alarm(): Promise<void> {
    const connectionId = this.meta("connection_id");
    if (!connectionId) return;
    const sync = this.env.SYNC.get(this.env.SYNC.idFromName(connectionId));
    const stalled = await sync.overdue(Date.now());
    if (stalled) {
      await this.env.SYNC_QUEUE.send({ connectionId, ...stalled });
      await sync.expect(stalled.runId, Date.now() + engineSettings(this.env).watchdogMs);
    }
    const due = Number(this.meta("next_sync_at") ?? Number.POSITIVE_INFINITY) <= Date.now();
    if (due) {
      const db = catalog(this.env.DB);
      const row = await db.select().from(connections).where(eq(connections.id, connectionId)).get();
      // Only a connection that passed its setup tests and has somewhere to write syncs on its own.
      const destination =
        row &&
        (await db.select({ id: destinations.id }).from(destinations).where(eq(destinations.id, row.groupId)).get());
      if (row && destination && !row.paused && row.setupState === "connected") {
        await this.trigger(connectionId, { trigger: "scheduled" });
      }
    }
    await this.reschedule(connectionId);
  }

  /** Starts a run by enqueuing its first slice; one run at a time per connection. */
  async trigger(connectionId: string, options: TriggerOptions): Promise<TriggerResult> {
    this.setMeta("connection_id", connectionId);
    const sync = this.env.SYNC.get(this.env.SYNC.idFromName(connectionId));
    if (options.force) await sync.cancelRunning("restarted by a forced sync");
    const runId = crypto.randomUUID();
    const result = await sync.startRun({ runId, trigger: options.trigger, resync: options.resync });
    if (!result.started) return { started: false, runId: result.run.id };
    await catalog(this.env.DB)
      .update(connections)
      .set({ syncState: "syncing", updatedAt: isoTimestamp() })
      .where(eq(connections.id, connectionId));
    await this.env.SYNC_QUEUE.send({ connectionId, runId, seq: 0 });
    await sync.expect(runId, Date.now() + engineSettings(this.env).watchdogMs);
    await this.reschedule(connectionId);
    return { started: true, runId };
  }

  /**
   * Records what discovery found and returns the streams to sync: new tables are enabled
   * (Fivetran's ALLOW_ALL default), tables the user disabled stay out.
   */
  async recordDiscovery(connectionId: string, streams: Stream[]): Promise<Stream[]> {
    this.setMeta("connection_id", connectionId);
    const now = isoTimestamp();
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
    const disabled = new Set(
      this.sql
        .exec<{ key: string }>("SELECT namespace || '.' || name AS key FROM tables WHERE enabled = 0")
        .toArray()
        .map((row) => row.key),
    );
    return streams.filter((s) => !disabled.has(`${s.namespace}.${s.name}`));
  }

  /** Every discovered table with its setting; null before the first discovery. */
  async tables(): Promise<TableSetting[] | null> {
    if (this.meta("discovered_at") === null) return null;
    return this.sql
      .exec<{ stream: string; enabled: number }>("SELECT stream, enabled FROM tables ORDER BY namespace, name")
      .toArray()
      .map((row) => ({ stream: JSON.parse(row.stream) as Stream, enabled: row.enabled === 1 }));
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

/**
 * PostgreSQL change capture (update_method WAL): a publication, a pgoutput logical
 * replication slot, and a snapshot that is exact against the slot.
 *
 * - **Retention.** `start` (before any snapshot) creates or checks the publication and the
 *   slot. The slot keeps every transaction that commits after it was created; its confirmed
 *   position advances only in `acknowledge`, which the runner calls after it committed the
 *   log state (so a crash replays, never skips).
 * - **Exact snapshot.** A snapshot may take many slices, so it cannot hold one transaction.
 *   Each page is read in its own REPEATABLE READ transaction, and the stream's state keeps,
 *   per page, the key range it covered with that transaction's `pg_current_snapshot()`
 *   (xmin:xmax:xip) and the WAL insert position then. A change from the log is skipped when
 *   its transaction is visible in the snapshot of the page that read its key (that page
 *   already holds its effect), else applied: nothing is lost or applied twice. Only a
 *   transaction visible to some pages and not others needs its keys placed among the pages;
 *   that comparison runs in PostgreSQL itself (with the key columns' collations), as
 *   JavaScript's order of text is not the database's. A transaction that committed after a
 *   page's WAL position cannot be visible to it, so the filter is dropped once the log is
 *   past the last page's position.
 * - **Reading.** Through the SQL interface: `pg_logical_slot_peek_binary_changes` (pgoutput,
 *   protocol 1) a page of changes at a time from the slot's confirmed position, and
 *   `pg_replication_slot_advance` on acknowledge. Chosen over the streaming protocol
 *   (START_REPLICATION in a CopyBoth session) because it runs on the same node-postgres client
 *   as every other query in workerd, needs no keep-alive feedback loop and lets the confirmed
 *   position move only when we say so; the cost is that every peek decodes again from the
 *   slot's restart position, measured in the README (bench: Postgres CDC).
 * - **Decoding.** pgoutput messages are parsed by `pg-logical-replication`'s PgoutputParser,
 *   used standalone (it reads a Uint8Array; no socket). Its columns' type parsers are replaced
 *   by the identity so values stay PostgreSQL's text, decoded like COPY text by pg-values.ts
 *   (the session's DateStyle, TimeZone, … apply to the decoding in our backend).
 *
 * Inserts and updates become upserts (`unchanged`: TOASTed values pgoutput did not resend),
 * deletes are by the replica identity's key (a changed primary key is a delete of the old key
 * and an upsert of the new), truncates truncate; each carries its commit time (`changedAt`).
 */
import type pg from "pg";
import type {
  MessageRelation,
  Message as PgoutputMessage,
} from "pg-logical-replication/dist/output-plugins/pgoutput/pgoutput.types.js";
import { PgoutputParser } from "pg-logical-replication/dist/output-plugins/pgoutput/pgoutput-parser.js";
import { ConfigurationError } from "../../errors";
import type {
  ChangeCheckpoint,
  ChangeLog,
  ChangeLogStart,
  ChangeLogWarning,
  Column,
  ConfiguredStream,
  ReadContext,
  Row,
  SourceMessage,
  Stream,
  StreamState,
} from "../../protocol";
import { CHANGE_LOG_STATE } from "../../protocol";
import { closePg, openPg, quoteIdent } from "../../toolkit/pg";
import { type PgTextRow, quoteLiteral } from "../../toolkit/pg-copy";
import { fromPgText, valueBytes } from "../../toolkit/pg-values";
import type { PostgresSourceConfig } from ".";

// ---------------------------------------------------------------------------------------
// Snapshot filter.

/** One snapshot page: keys in (previous page's `through`, `through`] (null: to the end). */
export interface FilterPage {
  through: PgTextRow | null;
  /** `pg_current_snapshot()` of the page's transaction: `xmin:xmax:xip,…` (xid8). */
  snapshot: string;
  /** `pg_current_wal_insert_lsn()` right after that snapshot was taken. */
  lsn: string;
}

/** What a change-capture snapshot saw, kept in the stream's state. */
export interface SnapshotFilter {
  id: string;
  pages: FilterPage[];
  /** A truncate after this position was applied: later transactions are never skipped. */
  voidAfter?: string;
}

/**
 * Reads one page in a REPEATABLE READ transaction and returns it with the transaction's
 * snapshot (taken by the first statement) and the WAL insert position after it.
 */
export async function snapshotPage<T>(
  client: pg.Client,
  read: () => Promise<T>,
): Promise<{ page: T; snapshot: Omit<FilterPage, "through"> }> {
  await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  try {
    const { rows } = await client.query<{ s: string; l: string }>(
      "SELECT pg_current_snapshot()::text AS s, pg_current_wal_insert_lsn()::text AS l",
    );
    const page = await read();
    await client.query("COMMIT");
    return { page, snapshot: { snapshot: rows[0]?.s as string, lsn: rows[0]?.l as string } };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

/** An LSN (`X/Y`) as a number that orders. */
export function lsnValue(lsn: string): bigint {
  const [hi, lo] = lsn.split("/");
  return (BigInt(`0x${hi ?? "0"}`) << 32n) | BigInt(`0x${lo ?? "0"}`);
}

/** An LSN in PostgreSQL's own rendering (`16/B374D848`), whatever the padding it came with. */
export function lsnText(lsn: string): string {
  const value = lsnValue(lsn);
  return `${(value >> 32n).toString(16).toUpperCase()}/${(value & 0xffffffffn).toString(16).toUpperCase()}`;
}

interface Snapshot {
  xmin: bigint;
  xmax: bigint;
  xip: Set<bigint>;
}

function parseSnapshot(text: string): Snapshot {
  const [xmin, xmax, xip] = text.split(":");
  return {
    xmin: BigInt(xmin ?? "0"),
    xmax: BigInt(xmax ?? "0"),
    xip: new Set((xip ?? "").split(",").filter(Boolean).map(BigInt)),
  };
}

/** pgoutput's 32-bit xid as the full xid8 nearest to the snapshot's (within 2^31). */
function widen(xid: number, near: bigint): bigint {
  const base = (near >> 32n) << 32n;
  const candidates = [base - (1n << 32n), base, base + (1n << 32n)].map((b) => b + BigInt(xid >>> 0));
  let best = candidates[1] as bigint;
  for (const c of candidates) {
    const d = c > near ? c - near : near - c;
    const bd = best > near ? best - near : near - best;
    if (d < bd) best = c;
  }
  return best;
}

/** Whether transaction `xid` (committed) is visible in `snapshot`. */
export function visibleIn(snapshot: Snapshot, xid: number): boolean {
  const full = widen(xid, snapshot.xmax);
  if (full < snapshot.xmin) return true;
  return full < snapshot.xmax && !snapshot.xip.has(full);
}

// ---------------------------------------------------------------------------------------
// Log state, publication and slot.

/** The `$changes` state: the slot and the position up to which everything is committed. */
export interface LogState {
  v: 1;
  slot: string;
  /** Every transaction whose commit ends at or before this LSN is durable in the destination. */
  lsn: string;
  /** When the log was last read to its end (ISO); the slot is inactive when this is old. */
  readAt?: string;
}

export function parseLogState(raw: StreamState | undefined): LogState | undefined {
  return raw && (raw as { v?: unknown }).v === 1 && typeof raw.lsn === "string"
    ? (raw as unknown as LogState)
    : undefined;
}

/** Retained WAL above which a slot's lag is a warning. */
export const LAG_WARNING_BYTES = 1024 ** 3;
/** A slot not read to its end for this long is a warning (syncs paused or failing). */
export const INACTIVE_WARNING_MS = 24 * 3600_000;

function required(config: PostgresSourceConfig): { slot: string; publication: string } {
  if (!config.replication_slot || !config.publication_name) {
    throw new ConfigurationError(
      "update_method WAL needs replication_slot and publication_name in the connection's config",
      "missing_replication_config",
    );
  }
  return { slot: config.replication_slot, publication: config.publication_name };
}

interface SlotRow {
  plugin: string;
  database: string;
  confirmed: string | null;
  wal_status: string | null;
  retained: string | null;
  active: boolean;
}

async function slotRow(client: pg.Client, slot: string): Promise<SlotRow | undefined> {
  const { rows } = await client.query<SlotRow>(
    `SELECT plugin, database, confirmed_flush_lsn::text AS confirmed, wal_status, active,
            pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::text AS retained
     FROM pg_replication_slots WHERE slot_name = $1`,
    [slot],
  );
  return rows[0];
}

/** The tables a publication is created for: the configured ones, else every table. */
function publicationTarget(config: PostgresSourceConfig): string {
  if (!config.tables || config.tables.length === 0) return "ALL TABLES";
  const names = config.tables.map((spec) => {
    const dot = spec.indexOf(".");
    const [schema, table] = dot < 0 ? ["public", spec] : [spec.slice(0, dot), spec.slice(dot + 1)];
    return `${quoteIdent(schema)}.${quoteIdent(table)}`;
  });
  return `TABLE ${names.join(", ")}`;
}

/**
 * Creates the publication and the slot when missing; checks the slot's plugin and database.
 * Returns what it did, for the setup tests and `start`.
 */
export async function ensureLog(
  client: pg.Client,
  config: PostgresSourceConfig,
): Promise<{ publicationCreated: boolean; slotCreated: boolean; slot: SlotRow }> {
  const { slot, publication } = required(config);
  let publicationCreated = false;
  const found = await client.query("SELECT 1 FROM pg_publication WHERE pubname = $1", [publication]);
  if (!found.rowCount) {
    try {
      await client.query(`CREATE PUBLICATION ${quoteIdent(publication)} FOR ${publicationTarget(config)}`);
      publicationCreated = true;
    } catch (error) {
      throw new ConfigurationError(
        `Publication '${publication}' does not exist and could not be created (${(error as Error).message}): run CREATE PUBLICATION ${quoteIdent(publication)} FOR ${publicationTarget(config)} as its owner`,
        "publication_missing",
        { cause: error },
      );
    }
  }
  let row = await slotRow(client, slot);
  let slotCreated = false;
  if (!row) {
    try {
      await client.query("SELECT pg_create_logical_replication_slot($1, 'pgoutput')", [slot]);
    } catch (error) {
      throw new ConfigurationError(
        `Replication slot '${slot}' does not exist and could not be created (${(error as Error).message}): grant the user REPLICATION, or run SELECT pg_create_logical_replication_slot('${slot}', 'pgoutput')`,
        "replication_slot_missing",
        { cause: error },
      );
    }
    slotCreated = true;
    row = (await slotRow(client, slot)) as SlotRow;
  }
  if (row.plugin !== "pgoutput") {
    throw new ConfigurationError(
      `Replication slot '${slot}' uses the plugin '${row.plugin}'; it must use pgoutput (drop it, or name another slot)`,
      "replication_slot_plugin",
    );
  }
  if (row.database !== config.database) {
    throw new ConfigurationError(
      `Replication slot '${slot}' belongs to database '${row.database}', not '${config.database}': name another slot`,
      "replication_slot_database",
    );
  }
  return { publicationCreated, slotCreated, slot: row };
}

const WARNINGS = {
  missing: (slot: string): ChangeLogWarning => ({
    code: "replication_slot_missing",
    message: `Replication slot '${slot}' is missing (dropped outside fivetran.do): the next sync creates it and re-syncs every table, since changes made meanwhile were not retained.`,
  }),
  lost: (slot: string): ChangeLogWarning => ({
    code: "replication_slot_lost",
    message: `Replication slot '${slot}' was invalidated (wal_status = lost: it retained more WAL than max_slot_wal_keep_size allows): the next sync recreates it and re-syncs every table. Sync more often or raise max_slot_wal_keep_size.`,
  }),
  unreserved: (slot: string): ChangeLogWarning => ({
    code: "replication_slot_lag",
    message: `Replication slot '${slot}' retains more WAL than max_wal_size and is about to be invalidated (wal_status = unreserved): sync now, and sync more often or raise max_slot_wal_keep_size.`,
  }),
  lag: (slot: string, bytes: number): ChangeLogWarning => ({
    code: "replication_slot_lag",
    message: `Replication slot '${slot}' retains ${(bytes / 1024 ** 3).toFixed(1)} GB of WAL on the source: sync more often, or check that syncs succeed (the source's disk fills otherwise).`,
  }),
  inactive: (slot: string, since: string): ChangeLogWarning => ({
    code: "replication_slot_inactive",
    message: `Replication slot '${slot}' has not been read since ${since}: it keeps retaining WAL on the source. Resume the connection's syncs, or drop the slot (SELECT pg_drop_replication_slot('${slot}')) if the connection is no longer used.`,
  }),
};

async function currentLsn(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ l: string }>("SELECT pg_current_wal_lsn()::text AS l");
  return rows[0]?.l as string;
}

/** The PostgreSQL change log (update_method WAL). */
export const postgresChangeLog: ChangeLog<PostgresSourceConfig> = {
  enabled: (config) => config.update_method === "WAL",

  async start(config, raw, ctx): Promise<ChangeLogStart> {
    const { slot } = required(config);
    const client = await openPg(config, ctx.egress, { signal: ctx.signal });
    try {
      const state = parseLogState(raw);
      const warnings: ChangeLogWarning[] = [];
      let existing = await slotRow(client, slot);
      if (existing?.wal_status === "lost") {
        warnings.push(WARNINGS.lost(slot));
        await client.query("SELECT pg_drop_replication_slot($1)", [slot]);
        existing = undefined;
      } else if (!existing && state) warnings.push(WARNINGS.missing(slot));
      const ensured = await ensureLog(client, config);
      const confirmed = ensured.slot.confirmed ?? (await currentLsn(client));
      if (!state || state.slot !== slot || !existing) {
        // A first run (or a re-sync of everything, or a new slot): every table is snapshotted
        // after this, and each snapshot sees what committed before it, so the slot need not
        // keep older changes. Advancing spares decoding them; the snapshot filter would skip them.
        const { rows } = await client.query<{ lsn: string }>(
          "SELECT end_lsn::text AS lsn FROM pg_replication_slot_advance($1, pg_current_wal_lsn())",
          [slot],
        );
        const lsn = rows[0]?.lsn ?? confirmed;
        const lsnMax = lsnValue(lsn) > lsnValue(confirmed) ? lsn : confirmed;
        return {
          state: { v: 1, slot, lsn: lsnMax } as unknown as StreamState,
          resnapshot: state !== undefined,
          warnings,
        };
      }
      if (lsnValue(confirmed) > lsnValue(state.lsn)) {
        // Someone else advanced the slot past what we committed: those changes are gone.
        warnings.push({
          code: "replication_slot_advanced",
          message: `Replication slot '${slot}' was advanced outside fivetran.do (to ${confirmed}, past ${state.lsn}): every table is re-synced. Give each connection a slot of its own.`,
        });
        return { state: { v: 1, slot, lsn: confirmed } as unknown as StreamState, resnapshot: true, warnings };
      }
      return { state: raw as StreamState, warnings };
    } finally {
      await closePg(client);
    }
  },

  async health(config, raw, ctx) {
    if (!config.replication_slot) return [];
    const slot = config.replication_slot;
    let client: pg.Client | undefined;
    try {
      client = await openPg(config, ctx.egress, { signal: ctx.signal });
      const row = await slotRow(client, slot);
      const state = parseLogState(raw);
      if (!row) return [WARNINGS.missing(slot)];
      if (row.wal_status === "lost") return [WARNINGS.lost(slot)];
      const warnings: ChangeLogWarning[] = [];
      if (row.wal_status === "unreserved") warnings.push(WARNINGS.unreserved(slot));
      else if (Number(row.retained ?? 0) > LAG_WARNING_BYTES) warnings.push(WARNINGS.lag(slot, Number(row.retained)));
      const readAt = state?.readAt;
      if (readAt && ctx.now().getTime() - Date.parse(readAt) > INACTIVE_WARNING_MS) {
        warnings.push(WARNINGS.inactive(slot, readAt));
      }
      return warnings;
    } catch (error) {
      return [
        {
          code: "replication_slot_unchecked",
          message: `Could not check replication slot '${slot}': ${(error as Error).message}`,
        },
      ];
    } finally {
      if (client) await closePg(client);
    }
  },
};

// ---------------------------------------------------------------------------------------
// Reading the log.

/** Changes asked for per peek (pgoutput rows: begin, relation, changes, commit). */
export function peekRows(pageBytes: number): number {
  return Math.max(64, Math.min(20_000, Math.floor(pageBytes / 128)));
}

interface TableInfo {
  key: string;
  stream: Stream;
  decoders: ((text: string | null) => Row[number])[];
  filter?: SnapshotFilter & { parsed: Snapshot[]; maxLsn: bigint };
  /** Key columns' collations, for comparisons in PostgreSQL (`COLLATE …` or ''). */
  collations?: string[];
}

interface Op {
  table: TableInfo;
  kind: "upsert" | "delete" | "truncate";
  /** Upsert: PostgreSQL text per stream column (undefined: unchanged TOAST). */
  values?: (string | null | undefined)[];
  /** Key text (upsert: the new key; delete: the old). */
  key?: PgTextRow;
}

/** Microseconds since the Unix epoch → `YYYY-MM-DDTHH:MM:SS.ffffffZ`. */
export function commitTime(micros: bigint): string {
  const ms = Number(micros / 1000n);
  const rest = Number(micros % 1000n);
  return new Date(ms).toISOString().replace("Z", `${String(rest).padStart(3, "0")}Z`);
}

function identityParsers(relation: MessageRelation): void {
  for (const column of relation.columns) column.parser = (text: unknown) => text;
}

/** Text of a tuple value from pg-logical-replication: string, null, or undefined (unchanged TOAST). */
function textOf(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return value as null | undefined;
  if (typeof value === "string") return value;
  // A binary-format value (not requested): its bytes as text.
  return new TextDecoder().decode(value as Uint8Array);
}

export interface ChangeSession {
  /** Resolves when `lsn` was acknowledged, or the signal aborted. */
  acked(lsn: string, signal: AbortSignal): Promise<void>;
}

/**
 * Reads the slot from `log` for `streams`, in commit order: batches of upserts, deletes and
 * truncates per stream, a stream checkpoint when a snapshot filter changes, and a
 * ChangeCheckpoint after each page of whole transactions. A page is peeked only after the
 * previous one was acknowledged (peeking always starts at the slot's confirmed position).
 */
export async function* readChanges(
  client: pg.Client,
  config: PostgresSourceConfig,
  streams: { configured: ConfiguredStream; state: StreamState | undefined }[],
  raw: StreamState,
  ctx: ReadContext,
  session: ChangeSession,
): AsyncGenerator<SourceMessage | ChangeCheckpoint> {
  const { slot, publication } = required(config);
  let log = parseLogState(raw);
  if (!log) throw new Error("the change log state is not the PostgreSQL source's");
  const tables = new Map<string, TableInfo>();
  for (const { configured, state } of streams) {
    const { stream } = configured;
    const key = `${stream.namespace}.${stream.name}`;
    const filter = (state as { filter?: SnapshotFilter } | undefined)?.filter;
    tables.set(key, {
      key,
      stream,
      decoders: stream.columns.map(fromPgText),
      filter:
        filter && filter.pages.length > 0
          ? {
              ...filter,
              parsed: filter.pages.map((p) => parseSnapshot(p.snapshot)),
              // biome-ignore lint/complexity/useMathMinMax: bigints (Math.max takes numbers only)
              maxLsn: filter.pages.reduce((m, p) => (lsnValue(p.lsn) > m ? lsnValue(p.lsn) : m), 0n),
            }
          : undefined,
    });
  }
  const stateOf = new Map(streams.map((s) => [`${s.configured.stream.namespace}.${s.configured.stream.name}`, s]));
  const parser = new PgoutputParser();
  const limit = peekRows(ctx.pageBytes);

  for (;;) {
    if (ctx.signal.aborted) return;
    // The peek decodes up to the flush position when it starts, so at least up to this one.
    const flushed = (await client.query<{ f: string }>("SELECT pg_current_wal_flush_lsn()::text AS f")).rows[0]?.f;
    const { rows } = await client.query<{ lsn: string; data: Uint8Array }>(
      `SELECT lsn::text AS lsn, data FROM pg_logical_slot_peek_binary_changes($1, NULL, $2,
         'proto_version', '1', 'publication_names', $3)`,
      [slot, limit, publication],
    );
    let txn: { xid: number; finalLsn: string; time: string; ops: Op[] } | undefined;
    let endLsn: string | undefined;
    for (const row of rows) {
      const message = parser.parse(row.data as unknown as Buffer) as PgoutputMessage;
      switch (message.tag) {
        case "relation": {
          identityParsers(message);
          break;
        }
        case "begin":
          txn = {
            xid: message.xid,
            finalLsn: message.commitLsn ?? "0/0",
            time: commitTime(message.commitTime as unknown as bigint),
            ops: [],
          };
          break;
        case "insert":
        case "update":
        case "delete": {
          const info = tables.get(`${message.relation.schema}.${message.relation.name}`);
          if (!info || !txn) break;
          const columns = message.relation.columns.map((c) => c.name);
          const tuple = (t: Record<string, unknown>) => info.stream.columns.map((c) => textOf(t[c.name]));
          const keyOf = (t: Record<string, unknown>) =>
            info.stream.primaryKey.map((k) => (columns.includes(k) ? (textOf(t[k]) ?? null) : null));
          if (message.tag === "delete") {
            const old = (message.key ?? message.old) as Record<string, unknown>;
            txn.ops.push({ table: info, kind: "delete", key: keyOf(old) });
            break;
          }
          const values = tuple(message.new);
          const key = keyOf(message.new);
          if (message.tag === "update") {
            const before = (message.key ?? message.old) as Record<string, unknown> | null;
            const oldKey = before ? keyOf(before) : undefined;
            if (oldKey?.some((v, i) => v !== key[i])) {
              txn.ops.push({ table: info, kind: "delete", key: oldKey });
            }
          }
          txn.ops.push({ table: info, kind: "upsert", values, key });
          break;
        }
        case "truncate":
          if (!txn) break;
          for (const relation of message.relations) {
            const info = tables.get(`${relation.schema}.${relation.name}`);
            if (info) txn.ops.push({ table: info, kind: "truncate" });
          }
          break;
        case "commit": {
          if (!txn) break;
          endLsn = lsnText(message.commitEndLsn ?? row.lsn);
          // Committed (and acknowledged or not) before: a replay after a crash skips it.
          if (lsnValue(txn.finalLsn) >= lsnValue(log.lsn) && txn.ops.length > 0) {
            for (const message of await applyTransaction(client, txn, stateOf)) yield message;
          }
          txn = undefined;
          break;
        }
        default:
          break;
      }
    }
    const caughtUp = rows.length < limit;
    if (endLsn && lsnValue(endLsn) > lsnValue(log.lsn)) log = { ...log, lsn: endLsn };
    // Read to the end: remember when, for the inactive-slot warning.
    if (caughtUp) log = { ...log, readAt: ctx.now().toISOString() };
    yield { kind: "checkpoint", stream: CHANGE_LOG_STATE, state: { ...log } as unknown as StreamState };
    // Filters no transaction still to come can match are dropped: those whose pages all
    // precede the position, or, once the log was read to its end, those whose pages precede
    // the flush position it was read to (a transaction a page saw committed before that
    // page's WAL position). After the log checkpoint, so a crash between the two commits
    // leaves a filter that matches nothing still to come rather than a replay without it.
    const passed = caughtUp && flushed && lsnValue(flushed) > lsnValue(log.lsn) ? flushed : log.lsn;
    for (const message of dropFilters(tables, stateOf, passed)) yield message;
    if (caughtUp) return;
    await session.acked(log.lsn, ctx.signal);
  }
}

/** Stream checkpoints dropping the filters the log position has passed. */
function dropFilters(
  tables: Map<string, TableInfo>,
  stateOf: Map<string, { state: StreamState | undefined }>,
  lsn: string,
): SourceMessage[] {
  const out: SourceMessage[] = [];
  for (const info of tables.values()) {
    if (!info.filter || info.filter.maxLsn > lsnValue(lsn)) continue;
    info.filter = undefined;
    out.push(streamCheckpoint(info, stateOf, (state) => ({ ...state, filter: undefined })));
  }
  return out;
}

function streamCheckpoint(
  info: TableInfo,
  stateOf: Map<string, { state: StreamState | undefined }>,
  update: (state: StreamState) => StreamState,
): SourceMessage {
  const entry = stateOf.get(info.key) as { state: StreamState | undefined };
  entry.state = update(entry.state ?? {});
  return { kind: "checkpoint", stream: info.key, state: { ...entry.state } };
}

/** Which transaction ops a snapshot page already saw: true = skip. */
async function seenBySnapshot(client: pg.Client, xid: number, finalLsn: string, ops: Op[]): Promise<boolean[]> {
  const skip = ops.map(() => false);
  const byTable = new Map<TableInfo, number[]>();
  ops.forEach((op, i) => {
    const filter = op.table.filter;
    if (!filter || op.kind === "truncate") return;
    if (lsnValue(finalLsn) >= filter.maxLsn) return; // committed after every page's snapshot
    if (filter.voidAfter && lsnValue(finalLsn) > lsnValue(filter.voidAfter)) return;
    byTable.set(op.table, [...(byTable.get(op.table) ?? []), i]);
  });
  for (const [info, indexes] of byTable) {
    const filter = info.filter as NonNullable<TableInfo["filter"]>;
    const visible = filter.pages.map(
      (p, i) => lsnValue(finalLsn) < lsnValue(p.lsn) && visibleIn(filter.parsed[i] as Snapshot, xid),
    );
    if (visible.every((v) => v)) for (const i of indexes) skip[i] = true;
    else if (visible.some((v) => v)) {
      const pages = await pagesOf(
        client,
        info,
        indexes.map((i) => ops[i]?.key as PgTextRow),
      );
      indexes.forEach((opIndex, k) => {
        skip[opIndex] = visible[pages[k] as number] === true;
      });
    }
  }
  return skip;
}

/** The page (index into the filter's pages) covering each key, compared in PostgreSQL. */
async function pagesOf(client: pg.Client, info: TableInfo, keys: PgTextRow[]): Promise<number[]> {
  const filter = info.filter as NonNullable<TableInfo["filter"]>;
  const pk = info.stream.primaryKey.map((name) => info.stream.columns.find((c) => c.name === name) as Column);
  if (!info.collations) {
    const { rows } = await client.query<{ name: string; coll: string | null }>(
      `SELECT a.attname AS name,
              CASE WHEN a.attcollation = 0 THEN NULL ELSE quote_ident(n.nspname) || '.' || quote_ident(c.collname) END AS coll
       FROM pg_attribute a LEFT JOIN pg_collation c ON c.oid = a.attcollation
       LEFT JOIN pg_namespace n ON n.oid = c.collnamespace
       WHERE a.attrelid = $1::regclass AND a.attnum > 0`,
      [`${quoteIdent(info.stream.namespace)}.${quoteIdent(info.stream.name)}`],
    );
    info.collations = pk.map((c) => {
      const coll = rows.find((r) => r.name === c.name)?.coll;
      return coll ? ` COLLATE ${coll}` : "";
    });
  }
  const collations = info.collations;
  const literal = (values: PgTextRow) =>
    values
      .map((v, i) =>
        v === null ? `NULL::${pk[i]?.sourceType}` : `${quoteLiteral(v)}::${pk[i]?.sourceType}${collations[i]}`,
      )
      .join(", ");
  const bounds = filter.pages.filter((p) => p.through !== null).map((p) => `(${literal(p.through as PgTextRow)})`);
  if (bounds.length === 0) return keys.map(() => 0);
  const names = pk.map((_, i) => `c${i}`).join(", ");
  const kNames = pk.map((_, i) => `k.c${i}`).join(", ");
  const bNames = pk.map((_, i) => `b.c${i}`).join(", ");
  const { rows } = await client.query<{ i: number; page: number }>(
    `SELECT k.i, (SELECT count(*) FROM (VALUES ${bounds.join(", ")}) b(${names}) WHERE (${kNames}) > (${bNames}))::int AS page
     FROM (VALUES ${keys.map((key, i) => `(${i}, ${literal(key)})`).join(", ")}) k(i, ${names})`,
  );
  const out = keys.map(() => 0);
  for (const row of rows) out[row.i] = row.page;
  return out;
}

/** One transaction's ops as batches (consecutive ops of one stream and kind share a batch). */
async function applyTransaction(
  client: pg.Client,
  txn: { xid: number; finalLsn: string; time: string; ops: Op[] },
  stateOf: Map<string, { state: StreamState | undefined }>,
): Promise<SourceMessage[]> {
  const skip = await seenBySnapshot(client, txn.xid, txn.finalLsn, txn.ops);
  const out: SourceMessage[] = [];
  let current: { table: TableInfo; kind: Op["kind"]; ops: Op[] } | undefined;
  const flush = () => {
    if (!current) return;
    out.push(...batch(current.table, current.kind, current.ops, txn.time));
    current = undefined;
  };
  txn.ops.forEach((op, i) => {
    if (skip[i]) return;
    if (op.kind === "truncate") {
      flush();
      out.push({ kind: "truncate", stream: op.table.key, changedAt: txn.time });
      // After a truncate the destination holds nothing the snapshot read: every later change
      // applies, whatever the pages saw (a snapshot that straddled the truncate included).
      if (op.table.filter) {
        const voidAfter = txn.finalLsn;
        op.table.filter.voidAfter = voidAfter;
        out.push(
          streamCheckpoint(op.table, stateOf, (state) => ({
            ...state,
            filter: { ...(state.filter as SnapshotFilter), voidAfter },
          })),
        );
      }
      return;
    }
    if (current && (current.table !== op.table || current.kind !== op.kind)) flush();
    current ??= { table: op.table, kind: op.kind, ops: [] };
    current.ops.push(op);
  });
  flush();
  return out;
}

function batch(info: TableInfo, kind: "upsert" | "delete" | "truncate", ops: Op[], time: string): SourceMessage[] {
  const decodeKey = (key: PgTextRow) =>
    info.stream.primaryKey.map((name, i) => {
      const index = info.stream.columns.findIndex((c) => c.name === name);
      return (info.decoders[index] as (t: string | null) => Row[number])(key[i] ?? null);
    });
  if (kind === "delete") {
    const keys = ops.map((op) => decodeKey(op.key as PgTextRow));
    return [{ kind: "delete", stream: info.key, keys, changedAt: keys.map(() => time) }];
  }
  // One row per key: a later change of the same key in the transaction replaces the earlier,
  // keeping the earlier's values where the later left them unchanged.
  const byKey = new Map<string, number>();
  const texts: (string | null | undefined)[][] = [];
  for (const op of ops) {
    const values = op.values as (string | null | undefined)[];
    const id = JSON.stringify(op.key);
    const at = byKey.get(id);
    if (at === undefined) {
      byKey.set(id, texts.length);
      texts.push([...values]);
    } else {
      const earlier = texts[at] as (string | null | undefined)[];
      texts[at] = values.map((v, i) => (v === undefined ? earlier[i] : v));
    }
  }
  let bytes = 0;
  const unchanged: (number[] | undefined)[] = [];
  const rows = texts.map((values) => {
    const missing: number[] = [];
    const row = values.map((v, i) => {
      if (v === undefined) {
        missing.push(i);
        return null;
      }
      const value = (info.decoders[i] as (t: string | null) => Row[number])(v);
      bytes += valueBytes(value);
      return value;
    });
    unchanged.push(missing.length > 0 ? missing : undefined);
    return row;
  });
  return [
    {
      kind: "upsert",
      stream: info.key,
      rows,
      count: rows.length,
      bytes,
      changedAt: rows.map(() => time),
      ...(unchanged.some((u) => u) ? { unchanged } : {}),
    },
  ];
}

/** Advances the slot's confirmed position to `log` (after the runner committed it). */
export async function acknowledge(client: pg.Client, config: PostgresSourceConfig, raw: StreamState): Promise<void> {
  const log = parseLogState(raw);
  if (!log) return;
  const { slot } = required(config);
  await client.query("SELECT pg_replication_slot_advance($1, $2::pg_lsn)", [slot, log.lsn]);
}

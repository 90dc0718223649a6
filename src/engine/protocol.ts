/**
 * The connector protocol: the one contract between the engine and every source and
 * destination, after Fivetran's Connector SDK, the Airbyte protocol, Singer and dlt (see
 * conventions.md). Read it in one sitting:
 *
 * - A **source** discovers streams and reads one stream at a time from its opaque state,
 *   emitting `upsert` batches of typed values, `delete`s by primary key, `truncate`s and
 *   `checkpoint`s. The runner (runner.ts) owns the run: which streams are done, resets and
 *   re-syncs, the deletion of rows a completed snapshot no longer holds, retries.
 * - A **destination** declares its capabilities as data and applies what the runner hands it:
 *   `migrate`, `write` (an idempotent upsert), `delete`, `truncate`, `flush`.
 * - Failures are the engine's classes in errors.ts; a connector maps its vendor's codes.
 *
 * A connector is one folder (sources/<name>/, destinations/<name>/) whose index.ts exports
 * `defineSource(…)` / `defineDestination(…)`; the registries list them.
 */

import type { z } from "@hono/zod-openapi";
import type { EngineError } from "./errors";
import type { EgressPolicy } from "./toolkit/egress";

export type SetupTestStatus = "PASSED" | "SKIPPED" | "WARNING" | "FAILED" | "JOB_FAILED";

/** One setup test result, in Fivetran's shape. */
export interface SetupTest {
  title: string;
  status: SetupTestStatus;
  message: string;
  details?: unknown;
}

/** Where a connector's messages go; never give it a secret. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

/**
 * What a connector may use, injected so every connector can be tested: `fetch`, a logger,
 * the abort signal, a clock, and only the Worker bindings its definition names for its config
 * (`bindings(config)`) — never the catalog database or the engine's own objects.
 */
export interface ConnectorContext {
  /** The egress-guarded fetch (toolkit/egress.ts): every hop checked, no credentials across origins. */
  fetch: typeof fetch;
  log: Logger;
  signal?: AbortSignal;
  now(): Date;
  bindings: Readonly<Record<string, unknown>>;
  /**
   * The account's namespace in each binding of `bindings` ('' when it holds the binding
   * unshared: the bootstrap account). An R2 bucket is handed out already confined to
   * `<namespace>/`; SQL cannot be confined, so a D1 connector names every table it creates or
   * reads `<namespace>__…` (destinations/d1). Absent in hand-built contexts that share nothing.
   */
  namespaces?: Readonly<Record<string, string>>;
  /**
   * For a binding held under the empty namespace: the other accounts' namespaces in it. Its
   * tables must not be named `<one of them>__…` (R2 keys under them are refused already).
   */
  otherNamespaces?: Readonly<Record<string, readonly string[]>>;
  /** The Worker's egress policy and timeouts: every socket a connector opens is checked against it. */
  egress: EgressPolicy;
}

/** Metadata shown by /v1/metadata/connector-types. */
export interface ServiceInfo {
  /** Display name, e.g. "PostgreSQL". */
  name: string;
  /** Fivetran's connector type: Database, API, Finance, Marketing, Sales, File, Warehouse, … */
  type: string;
  description: string;
  linkToDocs: string;
  /** Fivetran feature ids (CAPTURE_DELETES, RE_SYNC, …) the connector really implements. */
  features?: { id: string; notes?: string | null }[];
  /** Availability; `general_availability` when absent. Mark connectors still maturing `beta`. */
  status?: "general_availability" | "beta" | "private_preview" | "sunset" | "development";
  /** Date (YYYY-MM-DD) the connector reached `status`; the metadata's catalog date when absent. */
  statusSince?: string;
  /** Icon URL (Fivetran's `icon_url`); null in the metadata when absent. */
  iconUrl?: string;
  /** Entity-relationship diagram of the connector's tables (`link_to_erd`). */
  linkToErd?: string;
}

export type ConfigFields = z.ZodObject<z.ZodRawShape>;

/** What sources and destinations share: identity, config schema and setup tests. */
export interface ServiceDefinition<F extends ConfigFields = ConfigFields> {
  /** Service id as in the API (`postgres`, `big_query`). */
  service: string;
  info: ServiceInfo;
  /**
   * The stored config, in Fivetran's field names. Secret fields are marked with
   * `secret()` from toolkit/config.ts; that marking is the only list of what to mask.
   */
  fields: F;
  /**
   * Maps the short forms of our SDK (`connectionString`, `apiKey`, …) onto Fivetran's field
   * names before validation. Must be idempotent: stored config goes through it again on PATCH.
   */
  normalize?(input: Record<string, unknown>): Record<string, unknown>;
  /**
   * Merges normalised input onto the stored config (PATCH; `stored` is `{}` on create) before
   * validation; `{...stored, ...input}` when absent. For configs whose secrets are not fixed
   * fields (declarative_manifest: the manifest's spec says which values are secret).
   */
  merge?(stored: Record<string, unknown>, input: Record<string, unknown>): Record<string, unknown>;
  /** The names of the Worker bindings this config uses (a D1 database, an R2 bucket). */
  bindings?(config: z.infer<F>): string[];
  /** Setup tests. A configuration problem is a FAILED test, never an exception. */
  check(config: z.infer<F>, ctx: ConnectorContext): Promise<SetupTest[]>;
  /**
   * Maps what this connector's client throws (SQLSTATEs, HTTP statuses, driver errors) onto
   * the engine's classes; undefined leaves an error as it is (a bug: the run fails).
   */
  mapError?(error: unknown): EngineError | undefined;
}

/** A source service. */
export interface SourceDefinition<F extends ConfigFields = ConfigFields> extends ServiceDefinition<F> {
  /** How the connection's `schema` (its name) derives from config (Fivetran §6.4). */
  naming: "schema_prefix" | "schema";
  /** Fivetran's ids for the same service when ours differ (`mongo` for `mongodb`). */
  aliases?: string[];
  /** Discovery and reading; a source without it can be configured but not synced. */
  reader?: SourceReader<z.infer<F>>;
}

/** A destination service. */
export interface DestinationDefinition<F extends ConfigFields = ConfigFields> extends ServiceDefinition<F> {
  /** Other service ids accepted on create (Fivetran's `postgres_warehouse` for `postgres`). */
  aliases?: string[];
  /**
   * The sync modes its writer implements (as its capabilities say), known without opening it:
   * the schema config API accepts a table's `sync_mode` only among these. Absent: soft_delete.
   */
  syncModes?: SyncMode[];
  /** Writing; a destination without it can be configured but not synced to. */
  writer?: DestinationOpener<z.infer<F>>;
}

/** Erases a source's config type for the registry: the one cast lives here. */
export function defineSource<F extends ConfigFields>(definition: SourceDefinition<F>): SourceDefinition {
  return definition as unknown as SourceDefinition;
}

/** Erases a destination's config type for the registry: the one cast lives here. */
export function defineDestination<F extends ConfigFields>(definition: DestinationDefinition<F>): DestinationDefinition {
  return definition as unknown as DestinationDefinition;
}

// ---------------------------------------------------------------------------------------
// Streams and values.

/** Column types every source maps its native types onto, and every destination maps from. */
export type ColumnType =
  | "boolean"
  | "int"
  | "long"
  | "float"
  | "decimal"
  | "string"
  | "date"
  | "time"
  | "timestamp"
  | "timestamptz"
  | "json"
  | "binary"
  | "uuid"
  | "array";

export interface Column {
  name: string;
  type: ColumnType;
  /** The source's own type (`numeric(12,2)`, `text[]`): destinations of the same kind reuse it. */
  sourceType: string;
  nullable: boolean;
  precision?: number;
  scale?: number;
}

/** A table (or API object) as discovered in the source. */
export interface Stream {
  /** Source schema (Postgres schema, MySQL database; the connection schema for APIs). */
  namespace: string;
  name: string;
  columns: Column[];
  /** Primary-key columns, in key order; empty when the table has none. */
  primaryKey: string[];
  /** Columns that could serve as an incremental cursor (`updated_at`-like), best first. */
  cursorCandidates: string[];
}

/** What discovery found, and what the user should hear about it (a configured table missing). */
export interface Discovery {
  streams: Stream[];
  /** `stream`: the table as configured (`schema.table`). */
  warnings: { stream: string; message: string }[];
}

/**
 * One value, typed by its column's {@link ColumnType}:
 *
 * | type | value |
 * | --- | --- |
 * | boolean | `boolean` |
 * | int | `number` (an integer) |
 * | long | `bigint` |
 * | float | `number`, NaN and ±Infinity included |
 * | decimal | `string` of its exact digits (`"-12.50"`, `"NaN"`) |
 * | string, uuid | `string` (uuid lowercase) |
 * | date | `"YYYY-MM-DD"` |
 * | time | `"HH:MM:SS[.ffffff][±HH[:MM]]"` |
 * | timestamp | `"YYYY-MM-DDTHH:MM:SS.ffffff"` (no zone) |
 * | timestamptz | `"YYYY-MM-DDTHH:MM:SS.ffffffZ"` (UTC) |
 * | json, array | `string`: the JSON text (an array's is a JSON array), exactly as the source had it |
 * | binary | `Uint8Array` |
 *
 * `null` is SQL NULL (never the empty string). Dates and times that RFC 3339 cannot express
 * (`infinity`, BC years) keep the source's text. toolkit/values.ts converts and checks.
 */
export type Value = null | boolean | number | bigint | string | Uint8Array;

/** Values in the stream's column order. */
export type Row = Value[];

/**
 * The same rows in an encoding a destination may take instead of `rows`, when it lists the
 * codec in its capabilities: `pg-copy` is PostgreSQL COPY text (`data` is a toolkit/pg-copy
 * `CopyText`), which Postgres → Postgres sends on without decoding.
 */
export interface Encoded {
  codec: "pg-copy";
  data: import("./toolkit/pg-copy").CopyText;
}

/** Rows to upsert on the primary key (or, without one, on the hash of the whole row). */
export interface UpsertBatch {
  kind: "upsert";
  /** `namespace.name` of the stream. */
  stream: string;
  /** Decoded values; may be computed on first access when `encoded` is set. */
  readonly rows: Row[];
  /** Number of rows. */
  count: number;
  /** Approximate size of the values: the engine's memory bound counts these. */
  bytes: number;
  encoded?: Encoded;
  /**
   * During a snapshot: every source row with a key in (after, through] is in this batch, in
   * the source's key order. The runner lets a destination replace that range only where both
   * orders agree for the key's types (capabilities.replaceRangeKeyTypes).
   */
  range?: { after: Row | null; through: Row };
  /**
   * Change capture only: when each row's change was committed at the source
   * (`YYYY-MM-DDTHH:MM:SS.ffffffZ`), aligned with `rows`. History mode stamps a version's
   * `_fivetran_start` with it; absent, the run's start is used.
   */
  changedAt?: readonly string[];
  /**
   * Change capture only: per row (aligned with `rows`), the indexes of columns whose value the
   * source did not send because it did not change (PostgreSQL's unchanged TOASTed values). The
   * row holds null there; the destination keeps the value it has (in history mode: the active
   * version's). Absent or an empty entry: every value of the row is sent.
   */
  unchanged?: readonly (readonly number[] | undefined)[];
}

/** Rows deleted at the source, by primary key (values in primary-key order). */
export interface DeleteBatch {
  kind: "delete";
  stream: string;
  keys: Row[];
  /** Change capture only: when each delete was committed (aligned with `keys`); see UpsertBatch. */
  changedAt?: readonly string[];
}

/** Every row of the stream written before this message is gone at the source. */
export interface Truncate {
  kind: "truncate";
  stream: string;
  /** Change capture only: when the truncate was committed. */
  changedAt?: string;
}

/** The stream's state once every message before it is durable in the destination. */
export interface Checkpoint {
  kind: "checkpoint";
  stream: string;
  state: StreamState;
}

export type SourceMessage = UpsertBatch | DeleteBatch | Truncate | Checkpoint;

/** Opaque per-stream state owned by the source; JSON only. */
export type StreamState = Record<string, unknown>;

/** How one stream is read in a run. */
export interface ConfiguredStream {
  stream: Stream;
  /**
   * `incremental` reads changes past the cursor; `full` re-reads everything each run;
   * `changes` snapshots the table once (`read` from no state) and then follows the source's
   * change log (`SourceSession.changes`): the connection's config enabled change capture.
   */
  mode: "incremental" | "full" | "changes";
  /** The cursor column; undefined means the table is re-read in full. */
  cursorField?: string;
  /** Overlap re-read behind the cursor on every run, to catch late commits (ms). */
  lookbackMs: number;
  /** How the destination keeps deletes and changes (the table's `sync_mode`); soft_delete when absent. */
  syncMode?: SyncMode;
}

/**
 * Fivetran's per-table `sync_mode`, lowercased: `soft_delete` (default) keeps a deleted row with
 * `_fivetran_deleted = true`; `live` removes it; `history` keeps every version with
 * `_fivetran_start`, `_fivetran_end` and `_fivetran_active` (at most one active per key).
 */
export type SyncMode = "soft_delete" | "live" | "history";

/** What a read gets besides config. */
export interface ReadContext extends ConnectorContext {
  /** Keeps batches below this many bytes of values (the engine's memory bound). */
  pageBytes: number;
  /** Aborted when the slice's time budget is spent: finish the batch, checkpoint, return. */
  signal: AbortSignal;
  /** When the run started: signposts may derive from it. */
  runStartedAt: Date;
}

/** What an earlier run knew of the streams (SourceReader.discover). */
export interface DiscoveryPrevious {
  streams?: readonly Stream[];
  state?: Readonly<Record<string, StreamState>>;
}

/** A source that can move data. */
export interface SourceReader<C = Record<string, unknown>> {
  /**
   * `previous`, when the engine has them: the streams an earlier discovery recorded and the
   * committed state (by `namespace.name`, as stored), for sources that infer a schema from
   * records and must only widen it across runs (the declarative engine, the file sources).
   */
  discover(config: C, ctx: ConnectorContext, previous?: DiscoveryPrevious): Promise<Discovery>;
  /** Opens a session for one slice (one connection shared by the streams it reads). */
  open(config: C, ctx: ConnectorContext): Promise<SourceSession>;
  /** Change data capture, for sources that have a change log (a replication slot, a binlog, a change stream). */
  changeLog?: ChangeLog<C>;
}

/** The state key under which the runner stores the change log's position (beside the streams'). */
export const CHANGE_LOG_STATE = "$changes";

/**
 * A source's change log. A connection whose config `enabled` it reads every stream in mode
 * `changes`: a run first makes sure the log is being retained (`start`, before any snapshot,
 * so no change between a snapshot and the stream is lost), then snapshots the streams that have
 * no completed snapshot (`SourceSession.read` from no state, resumable as any snapshot), then
 * reads the log (`SourceSession.changes`) from the committed position. The source's snapshot
 * state must let `changes` skip what a snapshot already saw (no change lost or applied twice).
 */
export interface ChangeLog<C = Record<string, unknown>> {
  /** Whether this config reads by change log (e.g. update_method WAL) rather than by query. */
  enabled(config: C): boolean;
  /**
   * Creates or checks what retains the log for us (a slot, a binlog position) and returns the
   * log state to start from: `state` (the committed one; undefined on a first run or after a
   * re-sync) when it is still readable, else a new one — and why in `warnings`. Idempotent.
   */
  start(config: C, state: StreamState | undefined, ctx: ConnectorContext): Promise<ChangeLogStart>;
  /**
   * Health of the log for the connection's status (slot lag, an inactive, missing or
   * invalidated slot, binlog retention), each with what to do. Never throws for a bad state.
   */
  health?(config: C, state: StreamState | undefined, ctx: ConnectorContext): Promise<ChangeLogWarning[]>;
}

export interface ChangeLogStart {
  state: StreamState;
  /** A log that was lost (slot invalidated, binlog purged) means the streams must re-snapshot. */
  resnapshot?: boolean;
  warnings: ChangeLogWarning[];
}

/** A warning about the change log, in the connection status's shape. */
export interface ChangeLogWarning {
  code: string;
  message: string;
}

/** The change log's position, once every message before it is durable in the destination. */
export interface ChangeCheckpoint {
  kind: "checkpoint";
  stream: typeof CHANGE_LOG_STATE;
  state: StreamState;
}

export interface SourceSession {
  /**
   * Reads one stream from `state` (undefined: from scratch, i.e. every row — a snapshot).
   * Yields batches and then a checkpoint whenever everything so far may be committed.
   * Returning while `ctx.signal` is not aborted means the stream is done for this run; after
   * an abort, return after a checkpoint and the next slice continues from it.
   */
  read(stream: ConfiguredStream, state: StreamState | undefined, ctx: ReadContext): AsyncIterable<SourceMessage>;
  /**
   * Reads the change log from `log` (ChangeLog.start's state or a later committed checkpoint)
   * for `streams` (each with its committed stream state, e.g. what its snapshot saw), yielding
   * their upserts, deletes and truncates in commit order and, between transactions, a
   * ChangeCheckpoint. Changes of other tables are skipped. Returns when caught up, or after a
   * checkpoint once `ctx.signal` aborts. It may also yield a stream's own Checkpoint (that
   * stream's state changed, e.g. its snapshot's filter is no longer needed): the runner commits
   * it in place, after flushing what came before.
   */
  changes?(
    streams: { configured: ConfiguredStream; state: StreamState | undefined }[],
    log: StreamState,
    ctx: ReadContext,
  ): AsyncIterable<SourceMessage | ChangeCheckpoint>;
  /**
   * The runner committed `log` (everything before it is durable in the destination): the source
   * may now release what precedes it (advance the slot's confirmed position, purge nothing
   * earlier). Never called before the commit, so a crash replays and never skips.
   */
  acknowledge?(log: StreamState): Promise<void>;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------
// Destinations.

/** What a destination can do, as data the runner reads (dlt's capabilities are the model). */
export interface DestinationCapabilities {
  identifiers: {
    /** Longest table, schema or column name (bytes). */
    maxLength: number;
    /** Names differing only in case are the same object (SQLite, Snowflake unquoted). */
    caseInsensitive: boolean;
    /** Schema-name prefixes the destination reserves (Postgres's `pg_`). */
    reservedSchemaPrefixes: string[];
  };
  /** Most columns in a table, when limited (D1: 100). */
  maxColumns?: number;
  /** Encodings of rows it accepts besides decoded values. */
  codecs: Encoded["codec"][];
  /**
   * Key column types whose order in the destination is the order every source reads them in
   * (numbers, uuids): a snapshot batch's key range is replaced only for these. Text keys never
   * qualify: a source's collation and the destination's need not agree.
   */
  replaceRangeKeyTypes: ColumnType[];
  /** Whether `delete` is supported (every keyed table). */
  deletes: boolean;
  /** Whether each write is applied atomically. */
  transactions: boolean;
  /** The sync modes it implements (soft_delete at least); a table in another mode fails alone. */
  syncModes?: SyncMode[];
  /** Whether it honours UpsertBatch.unchanged (needed by change capture from PostgreSQL). */
  unchangedValues?: boolean;
  /**
   * Whether its `migrate` widens a column's type itself when a stream's column got wider (R2's
   * next files, the warehouses' ALTER): a widening the schema policy applied needs no `evolve`.
   */
  migrateWidens?: boolean;
}

/** A table in the destination: its schema and the stream as the destination names it. */
export interface TableRef {
  schema: string;
  stream: Stream;
  /** The table's sync mode (soft_delete when absent): how deletes and updates are kept. */
  mode?: SyncMode;
}

/** An open connection to a destination for one slice. Every operation is idempotent. */
export interface DestinationWriter {
  readonly capabilities: DestinationCapabilities;
  /**
   * Creates the schema and tables, or adds the columns that appeared, and brings each table
   * into its sync mode (`modes`, aligned with `streams`; soft_delete where absent), switching
   * an existing table between modes as Fivetran does. Called under the destination's DDL lock
   * (DestinationDO), then again by the slice's own writer to load them.
   */
  migrate(schema: string, streams: Stream[], modes?: readonly (SyncMode | undefined)[]): Promise<void>;
  /**
   * Upserts rows, stamping `_fivetran_synced` = `syncedAt` (the run's start; history mode's
   * `_fivetran_start` where the batch has no `changedAt`). `range`, `unchanged`: see UpsertBatch.
   */
  write(table: TableRef, batch: UpsertBatch, syncedAt: Date): Promise<WriteResult>;
  /**
   * Rows deleted at the source, by primary key: soft_delete marks them `_fivetran_deleted` and
   * stamps `_fivetran_synced` = `at.syncedAt`; live removes them; history closes their active
   * version at `at.changedAt[i]` (else `at.syncedAt`).
   */
  delete(table: TableRef, keys: Row[], at?: DeleteTimes): Promise<number>;
  /**
   * Every row is gone at the source, or (`before`) every row whose `_fivetran_synced` is before
   * it (a completed snapshot did not see them). soft_delete marks them deleted and history
   * closes their active version (at `at.changedAt`, else `at.syncedAt`), neither touching
   * `_fivetran_synced` (a bulk operation, as Fivetran does); live removes them.
   */
  truncate(table: TableRef, before?: Date, at?: TruncateTime): Promise<number>;
  /**
   * The keys of the rows `truncate(table, before)` would now mark deleted, remove or close
   * (soft_delete: rows not yet deleted; live: every row; history: active versions; each
   * `_fivetran_synced` before `before` when given), in pages, read from the table itself, so
   * keys synced in earlier months count too. A key is the primary key's values in key order
   * (a keyless table: every source column's), as the destination holds them. Usage metering
   * (engine/usage.ts) reads them just before the truncate: a bulk delete changes those rows,
   * and Fivetran counts a deleted row as active. Without it a truncate is not metered.
   */
  truncatedKeys?(table: TableRef, before?: Date): AsyncIterable<Row[]>;
  /**
   * Whether the table holds no row (cheaply, without a scan). A snapshot that starts on an empty
   * table has nothing older than itself to delete when it ends; without this the runner deletes.
   */
  isEmpty?(table: TableRef): Promise<boolean>;
  /** Resolves once everything written is durable. */
  flush(): Promise<void>;
  close(): Promise<void>;
  /**
   * Applies a schema change `migrate` does not make (engine/schema-policy.ts): change a
   * column's type, drop or rename a column, add one the source does not have, drop the table
   * (a changed primary key: the table is re-synced). Idempotent: a change already made, or a
   * table that does not exist, is nothing to do (false when the table does not exist). A
   * destination without it cannot apply those changes (the run says so).
   */
  evolve?(schema: string, table: string, op: import("./schema-policy").EvolveOp): Promise<boolean>;
}

/** When rows were deleted: the run's start, and the source's commit times (DeleteBatch.changedAt). */
export interface DeleteTimes {
  syncedAt: Date;
  changedAt?: readonly string[];
}

/** When a truncate (or a snapshot's end) happened: the run's start, and the source's commit time. */
export interface TruncateTime {
  syncedAt: Date;
  changedAt?: string;
}

/** Result of writing one batch. */
export interface WriteResult {
  rows: number;
  bytes: number;
}

/** A destination that can receive data. */
export interface DestinationOpener<C = Record<string, unknown>> {
  open(config: C, ctx: ConnectorContext): Promise<DestinationWriter>;
}

/**
 * The contracts between the control plane, the engine and every connector, after
 * Fivetran's Connector SDK, the Airbyte protocol, Singer and dlt (see conventions.md).
 * A connector is a plain object; the registries in sources/index.ts and
 * destinations/index.ts map service ids to them.
 */
import type { z } from "@hono/zod-openapi";
import type { Env } from "../env";
import type { CopyText } from "./toolkit/pg-copy";

export type SetupTestStatus = "PASSED" | "SKIPPED" | "WARNING" | "FAILED" | "JOB_FAILED";

/** One setup test result, in Fivetran's shape. */
export interface SetupTest {
  title: string;
  status: SetupTestStatus;
  message: string;
  details?: unknown;
}

/** What a connector may use; injected so every connector can be tested. */
export interface ConnectorContext {
  env: Env;
  fetch: typeof fetch;
  signal?: AbortSignal;
  now(): Date;
}

/** Metadata shown by /v1/metadata/connector-types. */
export interface ServiceInfo {
  /** Display name, e.g. "PostgreSQL". */
  name: string;
  /** Fivetran's connector type: Database, API, Finance, Marketing, Sales, File, Warehouse, … */
  type: string;
  description: string;
  linkToDocs: string;
  /** Fivetran feature ids (CAPTURE_DELETES, RE_SYNC, …) with optional notes. */
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
   * `secret()` from engine/config.ts; that marking is the only list of what to mask.
   */
  fields: F;
  /**
   * Maps the short forms of our SDK (`connectionString`, `apiKey`, …) onto Fivetran's field
   * names before validation. Must be idempotent: stored config goes through it again on PATCH.
   */
  normalize?(input: Record<string, unknown>): Record<string, unknown>;
  /** Setup tests. A configuration problem is a FAILED test, never an exception. */
  check(config: z.infer<F>, ctx: ConnectorContext): Promise<SetupTest[]>;
}

/** A source service. Discovery and reading come with the sync engine. */
export interface SourceDefinition<F extends ConfigFields = ConfigFields> extends ServiceDefinition<F> {
  /** How the connection's `schema` (its name) derives from config (Fivetran §6.4). */
  naming: "schema_prefix" | "schema";
  /** Fivetran's ids for the same service when ours differ (`mongo` for `mongodb`). */
  aliases?: string[];
  /** Discovery and reading; sources without it can be configured but not synced yet. */
  reader?: SourceReader<z.infer<F>>;
}

/** A destination service. */
export interface DestinationDefinition<F extends ConfigFields = ConfigFields> extends ServiceDefinition<F> {
  /** Other service ids accepted on create (Fivetran's `postgres_warehouse` for `postgres`). */
  aliases?: string[];
  /** Writing; destinations without it can be configured but not synced to yet. */
  writer?: DestinationOpener<z.infer<F>>;
}

// ---------------------------------------------------------------------------------------
// Moving data: streams, pages, checkpoints, readers and writers.

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

/** How one stream is read in a run. */
export interface ConfiguredStream {
  stream: Stream;
  /** `incremental` reads changes past the cursor; `full` re-reads everything each run. */
  mode: "incremental" | "full";
  /** The cursor column; undefined means the table is re-read in full. */
  cursorField?: string;
  /** Overlap re-read behind the cursor on every run, to catch late commits (ms). */
  lookbackMs: number;
  /** Whether to start this stream from scratch (a resync or a first run). */
  reset: boolean;
}

/**
 * Row values in PostgreSQL's text representation (`t`/`f`, ISO timestamps in UTC, JSON text,
 * `\x`-hex bytea, `{…}` array literals), `null` for SQL NULL: lossless for every type and
 * what COPY speaks, so Postgres-to-Postgres needs no conversion at all.
 */
export type Row = (string | null)[];

/** A page of rows of one stream. `bytes` is the approximate size of the values. */
export interface RecordPage {
  kind: "records";
  /** `namespace.name` of the stream. */
  stream: string;
  rows: Row[];
  bytes: number;
  /**
   * The same rows as undecoded PostgreSQL COPY text, when the source read them that way. A
   * writer that speaks COPY sends these bytes as they are; `rows` may then be decoded lazily.
   */
  copy?: CopyText;
  /**
   * The primary-key range this page covers completely during a snapshot: every source row
   * with a key in (after, through] is in the page. Lets a destination replace the range.
   */
  range?: { after: Row | null; through: Row };
}

/** The stream's state once every page before it is durable in the destination. */
export interface CheckpointMessage {
  kind: "checkpoint";
  stream: string;
  state: StreamState;
}

export type SourceMessage = RecordPage | CheckpointMessage;

/** Opaque per-stream state owned by the source; JSON only. Absent = start from scratch. */
export type StreamState = Record<string, unknown>;

/** What a reader gets besides config: the streams, their state and the run's context. */
export interface ReadContext extends ConnectorContext {
  /** Keeps pages below this many bytes of values (the engine's memory bound). */
  pageBytes: number;
  /** Aborted when the slice's time budget is spent: finish the page, checkpoint, return. */
  signal: AbortSignal;
  /** When the run started: signposts and `_fivetran_synced` derive from it. */
  runStartedAt: Date;
  /** The run's id: state written in another run means "start a new pass". */
  runId: string;
}

/** A source that can move data. */
export interface SourceReader<C = Record<string, unknown>> {
  discover(config: C, ctx: ConnectorContext): Promise<Stream[]>;
  /**
   * Reads the configured streams from their state. Yields pages, then a checkpoint for the
   * stream whenever everything yielded so far may be committed. Stops early (after a
   * checkpoint) once `ctx.signal` aborts.
   */
  read(
    config: C,
    streams: ConfiguredStream[],
    state: Record<string, StreamState>,
    ctx: ReadContext,
  ): AsyncIterable<SourceMessage>;
}

/** Result of writing one page. */
export interface WriteResult {
  rows: number;
  bytes: number;
}

/** An open connection to a destination for one slice. */
export interface DestinationWriter {
  /**
   * Creates the schema and tables for the streams, or adds the columns that appeared.
   * Called under the destination's DDL lock (DestinationDO).
   */
  ensureSchema(schema: string, streams: Stream[]): Promise<void>;
  /** Upserts a page into `schema.<stream name>`; idempotent, so a replayed page is harmless. */
  write(schema: string, stream: Stream, page: RecordPage, syncedAt: Date): Promise<WriteResult>;
  /** Resolves once everything written is durable. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** A destination that can receive data. */
export interface DestinationOpener<C = Record<string, unknown>> {
  open(config: C, ctx: ConnectorContext): Promise<DestinationWriter>;
}

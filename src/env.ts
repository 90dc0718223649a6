import type { SystemKeyPermission } from "./db/schema";
import type { ConnectorDO } from "./do/connector-do";
import type { DestinationDO } from "./do/destination-do";
import type { EventsDO } from "./do/events-do";
import type { SyncDO } from "./do/sync-do";
import type { TransformDO } from "./do/transform-do";
import type { UsageDO } from "./do/usage-do";
import type { WebhookJob } from "./events/webhooks";
import type { Access } from "./lib/access";

/** A sync job message on the SYNC_QUEUE. */
export interface SyncJob {
  connectionId: string;
  runId: string;
  seq: number;
}

/** Bindings and secrets of the Worker (see wrangler.toml and README "Configuration"). */
export interface Env {
  DB: D1Database;
  /** D1 database kept for `d1` destinations (user data; never the catalog). */
  WAREHOUSE: D1Database;
  DATA_LAKE: R2Bucket;
  CONNECTOR: DurableObjectNamespace<ConnectorDO>;
  SYNC: DurableObjectNamespace<SyncDO>;
  DESTINATION: DurableObjectNamespace<DestinationDO>;
  SYNC_QUEUE: Queue<SyncJob>;
  /** One object per account: fans its events out to server-sent event streams (src/do/events-do.ts). */
  EVENTS: DurableObjectNamespace<EventsDO>;
  /** One object per connection: runs its SQL transforms on each batch (src/do/transform-do.ts). */
  TRANSFORM: DurableObjectNamespace<TransformDO>;
  /** Loads function transforms into dynamic isolates (engine/transforms/sandbox.ts). */
  LOADER: WorkerLoader;
  /** CPU per batch of a function transform, in ms (default 2000). */
  FIVETRAN_TRANSFORM_CPU_MS?: string;
  /** Wall-clock per batch of a function transform, in ms (default 30000). */
  FIVETRAN_TRANSFORM_TIMEOUT_MS?: string;
  /** Memory a function transform's batch may allocate (MB, estimated; default 256). */
  FIVETRAN_TRANSFORM_MEMORY_MB?: string;
  /** One object per connection and month: its exact MAR key sets and rows synced (src/do/usage-do.ts). */
  USAGE: DurableObjectNamespace<UsageDO>;
  /** Webhook deliveries and their retries (src/events/webhooks.ts). */
  WEBHOOK_QUEUE: Queue<WebhookJob>;
  /**
   * Webhook URL exceptions, as FIVETRAN_EGRESS_ALLOW (`loopback`, `private`, CIDRs, host names).
   * Unset = production: webhooks to loopback, private or link-local addresses are refused.
   */
  FIVETRAN_WEBHOOK_ALLOW?: string;
  /** Seconds before a failed webhook delivery's first retry; doubles each attempt (default 30). */
  FIVETRAN_WEBHOOK_RETRY_BASE_SECONDS?: string;
  /** Attempts of a webhook delivery before it is marked failed (default 8). */
  FIVETRAN_WEBHOOK_MAX_ATTEMPTS?: string;
  /** Days events and webhook delivery logs are kept (default 7). */
  FIVETRAN_EVENTS_RETENTION_DAYS?: string;

  /** The trigger queue (`fivetran-triggers`): messages `{connection_id}` start syncs (engine/triggers.ts). */
  TRIGGER_QUEUE: Queue<{ connection_id: string }>;
  /** Sends schema-change notices to a connection's `schema_policy.notify` addresses (engine/schema-history.ts). */
  SCHEMA_EMAIL?: SendEmail;
  /** The sender of schema-change notices (default `schema-changes@fivetran.do`). */
  FIVETRAN_EMAIL_FROM?: string;
  /** Counts failed authentications per key and per address (src/middleware/throttle.ts). */
  AUTH_FAILURES?: RateLimit;
  /** The static assets (dist/assets: dashboard and API reference scripts, src/routes/web). */
  ASSETS?: Fetcher;
  /**
   * Per-account request limit, `<requests>/<seconds>` (`20000/3600` as Fivetran) or `<requests>`
   * per hour; unset or `off` (the default) = no limit (src/middleware/rate-limit.ts).
   */
  FIVETRAN_RATE_LIMIT?: string;
  /**
   * Per-account setup-test budgets, comma-separated `<requests>/<seconds>` windows (`250/60,2500/3600`
   * as Fivetran); unset or `off` (the default) = no limit (src/middleware/rate-limit.ts).
   */
  FIVETRAN_SETUP_TEST_RATE_LIMIT?: string;
  /** Per-account source-interaction budgets (`500/60,5000/3600` as Fivetran), as FIVETRAN_SETUP_TEST_RATE_LIMIT. */
  FIVETRAN_SOURCE_RATE_LIMIT?: string;
  /** Largest accepted request body in bytes (default 2 MiB, src/middleware/limits.ts). */
  FIVETRAN_MAX_BODY_BYTES?: string;
  /** Bootstrap API key of the first account (Worker secret). */
  FIVETRAN_API_KEY?: string;
  /** Bootstrap API secret of the first account (Worker secret). */
  FIVETRAN_API_SECRET?: string;
  /** MCP scope of the bootstrap key (README "MCP server"): `write` lets it use write tools; default `read`. */
  FIVETRAN_API_KEY_MCP_SCOPE?: string;
  /** Opens the operator API (/operator/...) that manages accounts and keys. Unset = closed. */
  FIVETRAN_OPERATOR_SECRET?: string;
  /** Key material for encrypting stored connection/destination secrets. */
  FIVETRAN_ENCRYPTION_KEY?: string;
  /**
   * Egress exceptions (src/engine/toolkit/egress.ts, README "Egress"): comma-separated
   * `loopback`, `private`, CIDRs and host names. Unset = production: nothing private is reachable.
   */
  FIVETRAN_EGRESS_ALLOW?: string;
  /** Queues the Worker consumes as connection trigger queues (comma-separated; default `fivetran-triggers`). */
  FIVETRAN_TRIGGER_QUEUES?: string;
  /** Origins browsers may call the API from (comma-separated); every origin when unset or `*`. */
  FIVETRAN_CORS_ORIGINS?: string;
  /** DNS-over-HTTPS JSON endpoint used to refuse host names that resolve to private addresses. Unset = off. */
  FIVETRAN_EGRESS_DOH?: string;
  /** Connect timeout of every database connection, in ms (default 10000). */
  FIVETRAN_CONNECT_TIMEOUT_MS?: string;
  /** Timeout of every database query, in ms (default 120000). */
  FIVETRAN_QUERY_TIMEOUT_MS?: string;
  /** How long a Postgres destination session waits for a table lock, in ms (default 15000). */
  FIVETRAN_LOCK_TIMEOUT_MS?: string;
  /** How long an HTTP request may wait for response headers, in ms (default 30000). */
  FIVETRAN_HTTP_TIMEOUT_MS?: string;
}

/** Hono environment: bindings plus per-request variables set by middleware. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    auth: AuthContext;
    /** What the caller's roles allow (src/middleware/access.ts). */
    access: Access;
  };
}

/** Who is calling: resolved from HTTP Basic credentials. */
export interface AuthContext {
  accountId: string;
  /** The key's user; for a system key, which belongs to no user, the system key's id. */
  userId: string;
  apiKey: string;
  /** Set when the credentials are a system key's (src/routes/system-keys): its id and permissions. */
  systemKey?: { id: string; permissions: SystemKeyPermission[] };
}

/**
 * The D1 catalog: who may call the API and what they configured. User data never lands
 * here. Timestamps are Fivetran-style ISO strings (see lib/time.ts), which sort as text.
 */
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const accounts = sqliteTable(
  "accounts",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    /** 1 for the account that owns the bootstrap key from the Worker's secrets. */
    bootstrap: integer("bootstrap", { mode: "boolean" }).notNull().default(false),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("accounts_bootstrap_unique").on(t.bootstrap).where(sql`bootstrap = 1`)],
);

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    email: text("email").notNull(),
    givenName: text("given_name").notNull(),
    familyName: text("family_name").notNull(),
    /** The account role; "" once removed (DELETE /v1/users/{id}/role): memberships only. */
    role: text("role").notNull(),
    phone: text("phone"),
    picture: text("picture"),
    /** Invited by POST /v1/users and never authenticated since. */
    invited: integer("invited", { mode: "boolean" }).notNull().default(false),
    /** Last time one of the user's API keys authenticated (updated at most once a minute). */
    loggedInAt: text("logged_in_at"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    index("users_account_idx").on(t.accountId, t.createdAt, t.id),
    uniqueIndex("users_account_email_unique").on(t.accountId, t.email),
  ],
);

export const apiKeys = sqliteTable(
  "api_keys",
  {
    apiKey: text("api_key").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    /** SHA-256 of the secret; the secret itself is shown once and never stored. */
    secretHash: text("secret_hash").notNull(),
    createdAt: text("created_at").notNull(),
    rotatedAt: text("rotated_at"),
    revokedAt: text("revoked_at"),
    /** What the key may do through the MCP server (/mcp): `read` (default) or `write` (README "MCP server"). */
    mcpScope: text("mcp_scope").notNull().default("read"),
  },
  (t) => [index("api_keys_account_idx").on(t.accountId)],
);

/** One entry of a system key's `permissions` (Fivetran's SystemKeyPermission). */
export interface SystemKeyPermission {
  resource_type: string;
  access_level: "NONE" | "READ" | "MANAGE";
  resource_filter?: { ids?: string[]; group_ids?: string[] };
}

/**
 * System keys (`/v1/system-keys`): account-level API keys that belong to no user, with their
 * own permissions per resource type. Like `api_keys`, only the secret's SHA-256 is kept.
 */
export const systemKeys = sqliteTable(
  "system_keys",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    name: text("name").notNull(),
    /** The key half of the Basic credentials; unique across api_keys and system_keys. */
    apiKey: text("api_key").notNull(),
    secretHash: text("secret_hash").notNull(),
    permissions: text("permissions", { mode: "json" }).notNull().$type<SystemKeyPermission[]>(),
    /** `ONE_WEEK` … `INFINITE`: applied again from the moment of each rotation. */
    expirationPeriod: text("expiration_period").notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at"),
    /** When the key stops authenticating; null = never. */
    expiredAt: text("expired_at"),
    /** Last time the key authenticated (updated at most once a minute). */
    lastUsedAt: text("last_used_at"),
  },
  (t) => [
    uniqueIndex("system_keys_api_key_unique").on(t.apiKey),
    index("system_keys_account_idx").on(t.accountId, t.createdAt, t.id),
  ],
);

export const groups = sqliteTable(
  "groups",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    name: text("name").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("groups_account_name_unique").on(t.accountId, t.name),
    index("groups_account_order_idx").on(t.accountId, t.createdAt, t.id),
  ],
);

/** One destination per group; its id is the group's id. */
export const destinations = sqliteTable(
  "destinations",
  {
    id: text("id")
      .primaryKey()
      .references(() => groups.id),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    service: text("service").notNull(),
    region: text("region").notNull().default("GCP_US_EAST4"),
    timeZoneOffset: text("time_zone_offset").notNull().default("0"),
    daylightSavingTimeEnabled: integer("daylight_saving_time_enabled", { mode: "boolean" }).notNull().default(false),
    networkingMethod: text("networking_method").notNull().default("Directly"),
    privateLinkId: text("private_link_id"),
    proxyAgentId: text("proxy_agent_id"),
    hybridDeploymentAgentId: text("hybrid_deployment_agent_id"),
    externalSecretsManagerId: text("external_secrets_manager_id"),
    /** `incomplete` until a setup test run passes, then `connected` or `broken`. */
    setupStatus: text("setup_status").notNull().default("incomplete"),
    /** Normalised config without secrets (JSON). */
    config: text("config", { mode: "json" }).notNull().$type<Record<string, unknown>>(),
    /** Secret config fields, AES-GCM encrypted (lib/secrets.ts). */
    secrets: text("secrets"),
    /** Results of the last setup test run (JSON array). */
    setupTests: text("setup_tests", { mode: "json" }).$type<unknown[]>(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("destinations_account_order_idx").on(t.accountId, t.createdAt, t.id)],
);

export const connections = sqliteTable(
  "connections",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id),
    service: text("service").notNull(),
    /** The connection's name and destination schema, unique in its group, fixed at create. */
    schema: text("schema").notNull(),
    connectedBy: text("connected_by"),
    paused: integer("paused", { mode: "boolean" }).notNull().default(false),
    pauseAfterTrial: integer("pause_after_trial", { mode: "boolean" }).notNull().default(false),
    syncFrequency: integer("sync_frequency").notNull().default(360),
    scheduleType: text("schedule_type").notNull().default("auto"),
    dailySyncTime: text("daily_sync_time"),
    /** Extension: `{cron}` or `{phrase, cron}` when the schedule is a cron expression or a phrase. */
    schedule: text("schedule", { mode: "json" }).$type<Record<string, unknown>>(),
    dataDelaySensitivity: text("data_delay_sensitivity").notNull().default("NORMAL"),
    dataDelayThreshold: integer("data_delay_threshold").notNull().default(0),
    networkingMethod: text("networking_method").notNull().default("Directly"),
    privateLinkId: text("private_link_id"),
    proxyAgentId: text("proxy_agent_id"),
    hybridDeploymentAgentId: text("hybrid_deployment_agent_id"),
    destinationSchemaNames: text("destination_schema_names").notNull().default("SOURCE_NAMING"),
    /** Normalised config without secrets (JSON). */
    config: text("config", { mode: "json" }).notNull().$type<Record<string, unknown>>(),
    /** Secret config fields, AES-GCM encrypted (lib/secrets.ts). */
    secrets: text("secrets"),
    /** Engine options from the SDK's `sync` block: mode, cursor, lookback, retries, backoff. */
    syncOptions: text("sync_options", { mode: "json" }).$type<Record<string, unknown>>(),
    /**
     * Extension: transforms in flight (engine/transforms), `{"*": connection's, "schema.table": table's}`;
     * each `{type: "sql", query}` or `{type: "function", fn}`.
     */
    transforms: text("transforms", { mode: "json" }).$type<Record<string, unknown>>(),
    setupState: text("setup_state").notNull().default("incomplete"),
    setupTests: text("setup_tests", { mode: "json" }).$type<unknown[]>(),
    syncState: text("sync_state").notNull().default("scheduled"),
    updateState: text("update_state").notNull().default("on_schedule"),
    isHistoricalSync: integer("is_historical_sync", { mode: "boolean" }).notNull().default(true),
    succeededAt: text("succeeded_at"),
    failedAt: text("failed_at"),
    tasks: text("tasks", { mode: "json" }).notNull().$type<unknown[]>().default([]),
    warnings: text("warnings", { mode: "json" }).notNull().$type<unknown[]>().default([]),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("connections_group_schema_unique").on(t.groupId, t.schema),
    index("connections_account_order_idx").on(t.accountId, t.createdAt, t.id),
    index("connections_group_order_idx").on(t.groupId, t.createdAt, t.id),
  ],
);

/**
 * Which account may use a shared Worker binding (a D1 database, an R2 bucket a connector can
 * name), and under which namespace: its tables and objects there are `<namespace>__…` and
 * `<namespace>/…`, so two accounts never meet in one. Granted by the operator API; the
 * bootstrap account holds every binding under the empty namespace without a row.
 */
export const bindingGrants = sqliteTable(
  "binding_grants",
  {
    binding: text("binding").notNull(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    namespace: text("namespace").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("binding_grants_binding_account_unique").on(t.binding, t.accountId),
    uniqueIndex("binding_grants_binding_namespace_unique").on(t.binding, t.namespace),
    index("binding_grants_account_idx").on(t.accountId),
  ],
);

/**
 * Lifecycle events (src/events/emit.ts): kept for a retention window (FIVETRAN_EVENTS_RETENTION_DAYS)
 * and pruned by the cron. The integer id is the order of events and the SSE `id` a stream
 * resumes after.
 */
export const events = sqliteTable(
  "events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountId: text("account_id").notNull(),
    type: text("type").notNull(),
    groupId: text("group_id"),
    connectionId: text("connection_id"),
    connectorType: text("connector_type"),
    connectorName: text("connector_name"),
    syncId: text("sync_id"),
    data: text("data", { mode: "json" }).notNull().$type<Record<string, unknown>>(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("events_account_idx").on(t.accountId, t.id), index("events_created_idx").on(t.createdAt)],
);

/** Fivetran's account and group webhooks (§11). The secret is AES-GCM encrypted (lib/secrets.ts). */
export const webhooks = sqliteTable(
  "webhooks",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    type: text("type").notNull().$type<"account" | "group">(),
    groupId: text("group_id"),
    url: text("url").notNull(),
    events: text("events", { mode: "json" }).notNull().$type<string[]>(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    secret: text("secret"),
    createdAt: text("created_at").notNull(),
    createdBy: text("created_by").notNull(),
  },
  (t) => [index("webhooks_account_order_idx").on(t.accountId, t.createdAt, t.id)],
);

/**
 * One row per delivery of one event to one webhook (the delivery log). `payload` is the exact
 * body sent, so every attempt sends the same bytes under the same signature and delivery id.
 */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    webhookId: text("webhook_id").notNull(),
    accountId: text("account_id").notNull(),
    eventId: integer("event_id"),
    event: text("event").notNull(),
    payload: text("payload").notNull(),
    /** `pending` (queued or waiting to retry), `delivered`, `failed` (gave up) or `skipped`. */
    status: text("status").notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("webhook_deliveries_webhook_idx").on(t.webhookId, t.createdAt, t.id),
    index("webhook_deliveries_created_idx").on(t.createdAt),
  ],
);

/**
 * Event-driven triggers of a connection (extension; the product vision's third kind of
 * schedule): `url` — a trigger URL whose bearer token (stored as its SHA-256) starts a sync;
 * `queue` — a message `{ "connection_id": … }` on one of the Worker's trigger queues;
 * `after` — the successful end of another connection's sync (`after_connection_id`).
 * Revoking a trigger deletes its row.
 */
export const connectionTriggers = sqliteTable(
  "connection_triggers",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    connectionId: text("connection_id").notNull(),
    type: text("type").notNull(),
    tokenHash: text("token_hash"),
    queue: text("queue"),
    afterConnectionId: text("after_connection_id"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    index("connection_triggers_connection_idx").on(t.connectionId, t.createdAt, t.id),
    index("connection_triggers_after_idx").on(t.afterConnectionId),
  ],
);

/**
 * Every schema change a run (or a reload, or a person through `POST …/schemas/evolve`) applied
 * or blocked, per connection (engine/schema-policy.ts).
 */
export const schemaHistory = sqliteTable(
  "schema_history",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    connectionId: text("connection_id").notNull(),
    /** The run whose discovery found it; null for a reload or a change made by hand. */
    runId: text("run_id"),
    /** `run`, `reload` or `manual`. */
    origin: text("origin").notNull(),
    kind: text("kind").notNull(),
    status: text("status").notNull().$type<"applied" | "blocked">(),
    schemaName: text("schema_name").notNull(),
    tableName: text("table_name").notNull(),
    columnName: text("column_name"),
    oldName: text("old_name"),
    oldType: text("old_type"),
    newType: text("new_type"),
    message: text("message").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("schema_history_connection_idx").on(t.connectionId, t.createdAt, t.id)],
);

/**
 * Usage (README "Usage metering"): rows synced and bytes per connection, table and UTC day.
 * Absolute totals written by the connection-month's UsageDO (src/do/usage-do.ts), which owns
 * the exact counts; this table is what the usage endpoints page through. `row_key` is
 * `<connection_id>/<schema>.<table>`, the keyset within a day. Kept after a connection is deleted.
 */
export const usageDaily = sqliteTable(
  "usage_daily",
  {
    accountId: text("account_id").notNull(),
    groupId: text("group_id").notNull(),
    connectionId: text("connection_id").notNull(),
    schemaName: text("schema_name").notNull(),
    tableName: text("table_name").notNull(),
    rowKey: text("row_key").notNull(),
    day: text("day").notNull(),
    rowsSynced: integer("rows_synced").notNull(),
    bytesSynced: integer("bytes_synced").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("usage_daily_row_day_unique").on(t.rowKey, t.day),
    index("usage_daily_account_idx").on(t.accountId, t.day, t.rowKey),
    index("usage_daily_connection_idx").on(t.connectionId, t.day, t.rowKey),
  ],
);

/**
 * Monthly active rows per connection, table and calendar month (UTC): distinct primary keys
 * inserted, updated or deleted, split free (touched only by the connection's historical sync)
 * and paid. Absolute values from the connection-month's UsageDO.
 */
export const usageMonthly = sqliteTable(
  "usage_monthly",
  {
    accountId: text("account_id").notNull(),
    groupId: text("group_id").notNull(),
    connectionId: text("connection_id").notNull(),
    schemaName: text("schema_name").notNull(),
    tableName: text("table_name").notNull(),
    rowKey: text("row_key").notNull(),
    month: text("month").notNull(),
    mar: integer("mar").notNull(),
    freeMar: integer("free_mar").notNull(),
    paidMar: integer("paid_mar").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("usage_monthly_row_month_unique").on(t.rowKey, t.month),
    index("usage_monthly_account_idx").on(t.accountId, t.month, t.rowKey),
    index("usage_monthly_connection_idx").on(t.connectionId, t.month, t.rowKey),
  ],
);

/**
 * Memberships (users and teams, §12): a user's or a team's role in a group (destination) or a
 * connection. `principal` is `user` or `team`; `kind` is `group` or `connection`.
 */
export const memberships = sqliteTable(
  "memberships",
  {
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    principal: text("principal").notNull().$type<"user" | "team">(),
    principalId: text("principal_id").notNull(),
    kind: text("kind").notNull().$type<"group" | "connection">(),
    resourceId: text("resource_id").notNull(),
    role: text("role").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("memberships_unique").on(t.principal, t.principalId, t.kind, t.resourceId),
    index("memberships_resource_idx").on(t.kind, t.resourceId),
  ],
);

/** Teams of an account; `role` is the team's account role (null after DELETE /teams/{id}/role). */
export const teams = sqliteTable(
  "teams",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    name: text("name").notNull(),
    description: text("description"),
    role: text("role"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("teams_account_name_unique").on(t.accountId, t.name),
    index("teams_account_order_idx").on(t.accountId, t.createdAt, t.id),
  ],
);

/** Members of a team, with their role in it (Team Manager, Team Member). */
export const teamUsers = sqliteTable(
  "team_users",
  {
    teamId: text("team_id").notNull(),
    userId: text("user_id").notNull(),
    role: text("role").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("team_users_unique").on(t.teamId, t.userId), index("team_users_user_idx").on(t.userId)],
);

/**
 * A group's SSH identity (GET /v1/groups/{id}/public-key, /service-account): an Ed25519 key
 * pair made on first read; the private key (PKCS#8) is AES-GCM encrypted (lib/secrets.ts).
 */
export const groupKeys = sqliteTable("group_keys", {
  groupId: text("group_id").primaryKey(),
  accountId: text("account_id").notNull(),
  publicKey: text("public_key").notNull(),
  privateKey: text("private_key").notNull(),
  createdAt: text("created_at").notNull(),
});

/** Per-account request counts in fixed windows (src/middleware/rate-limit.ts); off unless configured. */
export const requestCounts = sqliteTable(
  "request_counts",
  {
    accountId: text("account_id").notNull(),
    /** Which budget: "" for all requests, `setup_tests/<seconds>` or `source/<seconds>` (src/middleware/rate-limit.ts). */
    bucket: text("bucket").notNull().default(""),
    windowStart: integer("window_start").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [uniqueIndex("request_counts_bucket_unique").on(t.accountId, t.bucket, t.windowStart)],
);

/**
 * Connect Card tokens (`POST /v1/connections/{id}/connect-card`, or `connect_card_config` on
 * create): the bearer of one may edit and test that one connection's config on the page at
 * `/connect-card/setup`, without an API key, until `expires_at` (a day, as Fivetran's).
 * Only the token's SHA-256 is stored.
 */
export const connectCardTokens = sqliteTable(
  "connect_card_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    connectionId: text("connection_id").notNull(),
    redirectUri: text("redirect_uri").notNull(),
    hideSetupGuide: integer("hide_setup_guide", { mode: "boolean" }).notNull().default(false),
    allFields: integer("all_fields", { mode: "boolean" }).notNull().default(false),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
  },
  (t) => [
    index("connect_card_tokens_connection_idx").on(t.connectionId),
    index("connect_card_tokens_expires_idx").on(t.expiresAt),
  ],
);

/**
 * TLS certificates approved for one connection or destination (`owner_kind` `connection` or
 * `destination`, `owner_id` its id): a server whose certificate the Workers runtime does not
 * trust is accepted when the chain it presents ends in one of these (engine/toolkit/tls.ts).
 * `hash` is the certificate's id in the API (base64url SHA-256 of its DER); `encoded_cert` the
 * DER in base64. Revoking deletes the row.
 */
export const certificates = sqliteTable(
  "certificates",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    ownerKind: text("owner_kind").notNull(),
    ownerId: text("owner_id").notNull(),
    hash: text("hash").notNull(),
    encodedCert: text("encoded_cert").notNull(),
    name: text("name").notNull(),
    type: text("type").notNull(),
    sha1: text("sha1").notNull(),
    sha256: text("sha256").notNull(),
    publicKey: text("public_key").notNull(),
    validatedBy: text("validated_by").notNull(),
    validatedDate: text("validated_date").notNull(),
  },
  (t) => [
    uniqueIndex("certificates_owner_hash_unique").on(t.accountId, t.ownerKind, t.ownerId, t.hash),
    index("certificates_owner_order_idx").on(t.accountId, t.ownerKind, t.ownerId, t.validatedDate, t.id),
  ],
);

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
    role: text("role").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("users_account_idx").on(t.accountId, t.createdAt, t.id)],
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
  },
  (t) => [index("api_keys_account_idx").on(t.accountId)],
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
    createdAt: text("created_at").notNull(),
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
    /** The connection's name and destination schema, unique in its group. */
    schema: text("schema").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("connections_group_schema_unique").on(t.groupId, t.schema),
    index("connections_account_order_idx").on(t.accountId, t.createdAt, t.id),
    index("connections_group_order_idx").on(t.groupId, t.createdAt, t.id),
  ],
);

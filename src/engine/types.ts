/**
 * The contracts between the control plane, the engine and every connector, after
 * Fivetran's Connector SDK, the Airbyte protocol, Singer and dlt (see conventions.md).
 * A connector is a plain object; the registries in sources/index.ts and
 * destinations/index.ts map service ids to them.
 */
import type { z } from "@hono/zod-openapi";
import type { Env } from "../env";

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
}

/** A destination service. */
export interface DestinationDefinition<F extends ConfigFields = ConfigFields> extends ServiceDefinition<F> {
  /** Other service ids accepted on create (Fivetran's `postgres_warehouse` for `postgres`). */
  aliases?: string[];
}

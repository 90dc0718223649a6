/**
 * The `Fivetran` class of our product vision, on the generated REST client:
 *
 * ```ts
 * const fivetran = new Fivetran({ id: "analytics" });
 * const pg = fivetran.createConnector({
 *   id: "postgres-prod",
 *   source: { type: "postgres", connectionString: env.POSTGRES_URL, tables: ["users"] },
 *   destination: { type: "d1", database: "WAREHOUSE" },
 *   sync: { schedule: "every 5 minutes", mode: "incremental" },
 * });
 * await pg.sync({ wait: true });
 * ```
 *
 * **How a declaration maps onto Fivetran's resources.** The instance `id` and the destination's
 * `type` (or its `name`, to keep two destinations of one type apart) name a group,
 * `<id>.<type>` (`analytics.d1`); the group holds that destination. The connector `id` names
 * the connection's schema in that group (`postgres-prod` → `postgres_prod`): the connection is
 * found by group and schema, so any process declaring the same connector finds the same
 * connection. `source.type` is the connection's `service`, and the other source fields its
 * `config` (the server takes our short forms: `connectionString`, `apiKey`, `tables`,
 * `replication: 'logical'`…); `sync.schedule`/`cron` its flexible `schedule`; `mode`,
 * `cursor`, `lookback`, `retries` and `backoff` its `sync_options`; `transform` goes as it is
 * (a function as its source text) and `schema` as `schema_policy`; the server refuses what it cannot do.
 *
 * **Declarative and idempotent.** `createConnector` returns a handle at once; its first call
 * (or `ready()`) creates what is missing — group, destination, connection — or brings what
 * exists in line with the declaration: destination and connection config, schedule and sync
 * options are sent with PATCH (the server merges them and never echoes a secret back). Two
 * processes racing to create the same thing converge: the loser of a 409 finds the winner's.
 */
import { createFivetranClient, type FivetranClient } from "./client.js";
import { errorFromResponse, FivetranDeclarationError, FivetranError, FivetranServerError } from "./errors.js";
import { type FivetranEvent, type FivetranEventHandler, FivetranEvents, type FivetranEventType } from "./events.js";
import type { components, operations } from "./schema.js";
import {
  changesOf,
  exportSchemaHistory,
  type FivetranTools,
  type GitXCommit,
  listSourceFiles,
  type SchemaChange,
  type SourceFile,
  toolsProblem,
} from "./tools.js";

type Connection = components["schemas"]["Connection"];
type Run = components["schemas"]["Run"];

/** Options of `new Fivetran(…)`; the API's address and key default to the environment. */
export interface FivetranOptions {
  /** The instance: names the groups its connectors write to (`<id>.<destination type>`). */
  id: string;
  /** Root URL of the API (default `FIVETRAN_API_URL`). */
  baseUrl?: string;
  /** API key (default `FIVETRAN_API_KEY`). */
  apiKey?: string;
  /** API secret (default `FIVETRAN_API_SECRET`). */
  apiSecret?: string;
  /** The fetch requests go through (a Worker's service binding: `(r) => env.FIVETRAN.fetch(r)`). */
  fetch?: (request: Request) => Promise<Response>;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /**
   * Tools (sdk/tools.ts): `fsx` makes `fsx` file sources readable (`connector.files`), `gitx`
   * keeps schema history as commits (`connector.schema.export()`).
   */
  tools?: FivetranTools;
}

/** A source: its `type` (the service id) and the service's fields. */
export interface SourceDeclaration {
  type: string;
  [field: string]: unknown;
}

/** A destination: its `type` (the service id) and the service's fields. */
export interface DestinationDeclaration {
  type: string;
  /** Names the group when one instance has two destinations of one type (`<id>.<name>`). */
  name?: string;
  /** Fivetran's `region` of the destination. */
  region?: components["schemas"]["NewDestinationRequest"]["region"];
  /** Fivetran's `time_zone_offset` ("0" by default). */
  timeZoneOffset?: string;
  [field: string]: unknown;
}

/** When and how a connector syncs. */
export interface SyncDeclaration {
  /** A phrase: `every 15 minutes`, `every 1 hour`, `daily at 9am`. */
  schedule?: string;
  /** A cron expression (`0 *\/6 * * *`), instead of `schedule`. */
  cron?: string;
  mode?: "full" | "incremental";
  cursor?: string;
  /** A duration: `24 hours`, `7 days`. */
  lookback?: string;
  retries?: number;
  backoff?: "exponential" | "linear" | "fixed";
  /** Declared paused (default false). */
  paused?: boolean;
  /**
   * An event trigger beside the schedule: a trigger URL (`{ url: true }`, see
   * `connector.trigger()` for its URL and token), a message on one of the Worker's trigger
   * queues (`{ queue: "fivetran-triggers" }`), or another connector's successful sync
   * (`{ after: otherConnector }` or a connection id).
   */
  trigger?: { url: true } | { queue: string } | { after: Connector | string };
}

/** A connector's event trigger; `token` only in the process that created it (it is shown once). */
export interface ConnectorTrigger {
  id: string;
  type: "url" | "queue" | "after";
  url?: string;
  token?: string;
  queue?: string;
  afterConnectionId?: string;
}

/** The schema policy of a connector. */
export interface SchemaDeclaration {
  autoMigrate?: boolean;
  allowBreaking?: boolean;
  trackHistory?: boolean;
  notify?: string[];
}

/** A transformation in flight. */
export type TransformDeclaration =
  | { type: "sql"; query: string }
  | {
      type: "function";
      /**
       * A function of one row (an object by column name; longs as bigint) returning the row to
       * write or null to drop it. Only its source travels: it runs in a sandbox on the server,
       * with no access to this process's variables, the network or timers.
       */
      // biome-ignore lint/suspicious/noExplicitAny: rows are whatever the source's columns are.
      fn: ((row: any) => unknown) | string;
    };

/** What `createConnector` takes. */
export interface ConnectorDeclaration {
  /** The connector's id: names the connection's schema (`stripe-payments` → `stripe_payments`). */
  id: string;
  source: SourceDeclaration;
  destination: DestinationDeclaration;
  sync?: SyncDeclaration;
  transform?: TransformDeclaration;
  schema?: SchemaDeclaration;
}

/** `status()`: the vision's shape, from the connection's real state. */
export interface ConnectorStatus {
  /** The connector's id (the declaration's). */
  id: string;
  /** The Fivetran connection id. */
  connectionId: string;
  status: "healthy" | "syncing" | "paused" | "failing";
  /** When the last successful sync ended (null before one). */
  lastSync: string | null;
  /** When the schedule starts the next one (null when none is due: paused, manual, not syncable). */
  nextSync: string | null;
  /** The last finished run's totals (zeros before one). */
  stats: { rowsSynced: number; bytesTransferred: number; duration: number };
  /** The connection's warnings and tasks, as the API gives them. */
  warnings: { code: string; message: string }[];
  tasks: { code: string; message: string }[];
}

/** A run, as `history()` lists it. */
export interface SyncRun {
  id: string;
  trigger: string;
  status: Run["status"];
  startedAt: string;
  endedAt: string | null;
  duration: number | null;
  rowsSynced: number;
  bytesTransferred: number;
  error: string | null;
  tables: Record<string, { rows: number; bytes: number }>;
}

function env(name: string): string | undefined {
  const process = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return process?.env?.[name];
}

/** `postgres-prod` → `postgres_prod`: a schema name as destinations take it. */
export function schemaNameOf(connectorId: string): string {
  const name = connectorId
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!name) throw new FivetranDeclarationError(`connector id '${connectorId}' has no letters or digits`);
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/**
 * The fields of a declaration as JSON: a Worker binding (a D1 database, an R2 bucket) or a
 * function cannot travel over HTTP, so it is refused with what to write instead.
 */
function jsonFields(where: string, fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const check = (path: string, value: unknown): unknown => {
    if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean")
      return value;
    if (value instanceof Date) return value.toISOString();
    if (Array.isArray(value)) return value.map((v, i) => check(`${path}[${i}]`, v));
    if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, check(`${path}.${k}`, v)]),
      );
    }
    throw new FivetranDeclarationError(
      `${path} is ${typeof value === "function" ? "a function" : "an object (a Worker binding?)"}, which cannot be sent to the API: name the binding instead (e.g. database: 'WAREHOUSE', bucket: 'DATA_LAKE'), or pass a string`,
    );
  };
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) out[key] = check(`${where}.${key}`, value);
  }
  return out;
}

/** Whether a call failed because what it asked for already exists. */
const isConflict = (error: unknown) => error instanceof FivetranError && error.status === 409;

/** A Fivetran instance: its connectors and their events. */
export class Fivetran {
  readonly id: string;
  /** The generated REST client this class drives (for everything it does not wrap). */
  readonly api: FivetranClient;
  private readonly groups = new Map<string, Promise<string>>();
  private readonly groupIds = new Set<string>();
  private readonly namings = new Map<string, Promise<string>>();
  private readonly declaredDestinations = new Map<string, string>();
  private readonly connectors = new Map<string, Connector>();
  private events: FivetranEvents | undefined;
  private readonly fetcher: (request: Request) => Promise<Response>;
  private readonly baseUrl: string;
  private readonly authorization: Record<string, string>;
  /** The tools this instance was given (`new Fivetran({ tools: { fsx, gitx } })`). */
  readonly tools: FivetranTools;
  /**
   * Usage as Fivetran bills it (README "Usage metering"), every page: `rows` per connection,
   * table and day; `mar` (monthly active rows, free and paid) per table and month; `csv` the export.
   */
  readonly usage = {
    rows: async (query: UsageRowsQuery = {}): Promise<UsageRows[]> =>
      this.allPages<UsageRows>("GET /v1/usage/rows", (cursor) =>
        this.api.GET("/v1/usage/rows", { params: { query: { ...query, cursor, limit: 1000 } } }),
      ),
    mar: async (query: UsageMarQuery = {}): Promise<UsageMar[]> =>
      this.allPages<UsageMar>("GET /v1/usage/mar", (cursor) =>
        this.api.GET("/v1/usage/mar", { params: { query: { ...query, cursor, limit: 1000 } } }),
      ),
    csv: async (kind: "rows" | "mar", query: UsageRowsQuery | UsageMarQuery = {}): Promise<string> => {
      const params = new URLSearchParams(
        Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
      );
      const path = `/v1/usage/${kind}.csv${params.size > 0 ? `?${params}` : ""}`;
      const response = await this.fetcher(
        new Request(`${this.baseUrl}${path}`, { headers: { ...this.authorization, Accept: "text/csv" } }),
      );
      if (!response.ok) {
        const body = await response.json().catch(() => undefined);
        throw errorFromResponse(response, body, `GET ${path}`);
      }
      return response.text();
    },
  };

  /** Every page of a list, following `next_cursor`. */
  async allPages<T>(
    request: string,
    page: (cursor: string | undefined) => Promise<{ data?: unknown; error?: unknown; response: Response }>,
  ): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const data = await this.call<{ items: T[]; next_cursor?: string }>(request, page(cursor));
      items.push(...data.items);
      cursor = data.next_cursor;
    } while (cursor);
    return items;
  }

  constructor(options: FivetranOptions) {
    if (!options || typeof options.id !== "string" || options.id.trim() === "")
      throw new FivetranDeclarationError("new Fivetran({ id }) needs an id: the instance's name");
    if (options.tools !== undefined) {
      const problem = toolsProblem(options.tools);
      if (problem) throw new FivetranDeclarationError(problem);
    }
    this.tools = options.tools ?? {};
    this.id = options.id.trim();
    const baseUrl = options.baseUrl ?? env("FIVETRAN_API_URL");
    const apiKey = options.apiKey ?? env("FIVETRAN_API_KEY");
    const apiSecret = options.apiSecret ?? env("FIVETRAN_API_SECRET");
    const missing = [
      baseUrl ? undefined : "baseUrl (or FIVETRAN_API_URL)",
      apiKey ? undefined : "apiKey (or FIVETRAN_API_KEY)",
      apiSecret ? undefined : "apiSecret (or FIVETRAN_API_SECRET)",
    ].filter(Boolean);
    if (missing.length > 0) throw new FivetranDeclarationError(`new Fivetran(…) needs ${missing.join(", ")}`);
    this.baseUrl = (baseUrl as string).replace(/\/+$/, "");
    this.fetcher = options.fetch ?? ((request) => fetch(request));
    this.api = createFivetranClient({
      baseUrl: this.baseUrl,
      apiKey: apiKey as string,
      apiSecret: apiSecret as string,
      fetch: this.fetcher,
      headers: options.headers,
    });
    this.authorization = { Authorization: `Basic ${btoa(`${apiKey}:${apiSecret}`)}`, ...options.headers };
  }

  /** Declares a connector and returns its handle at once; the first call on it creates or converges it. */
  createConnector(declaration: ConnectorDeclaration): Connector {
    const connector = new Connector(this, declaration);
    const groupName = this.groupNameOf(declaration.destination);
    // One process declaring two different destinations under one group name would flap between them.
    const shape = JSON.stringify(jsonFields("destination", declaration.destination));
    const known = this.declaredDestinations.get(groupName);
    if (known !== undefined && known !== shape) {
      throw new FivetranDeclarationError(
        `two destinations of type '${declaration.destination.type}' in instance '${this.id}' differ: give each a distinct destination.name`,
      );
    }
    this.declaredDestinations.set(groupName, shape);
    this.connectors.set(declaration.id, connector);
    return connector;
  }

  /** The handle of a connector declared in this process. */
  connector(id: string): Connector | undefined {
    return this.connectors.get(id);
  }

  /** Handlers of sync starts, of this instance's connectors; returns the unsubscribe function. */
  onSyncStart(handler: FivetranEventHandler): () => void {
    return this.subscribe("sync_start", handler);
  }

  /** Handlers of successful sync ends. */
  onSyncComplete(handler: FivetranEventHandler): () => void {
    return this.subscribe("sync_complete", handler);
  }

  /** Handlers of failed syncs. */
  onSyncError(handler: FivetranEventHandler): () => void {
    return this.subscribe("sync_error", handler);
  }

  /** Handlers of schema changes (applied or blocked). */
  onSchemaChange(handler: FivetranEventHandler): () => void {
    return this.subscribe("schema_change", handler);
  }

  /** Every event of this instance's connectors (the `on…` handlers are filters of this). */
  onEvent(handler: FivetranEventHandler): () => void {
    return this.subscribe("*", handler);
  }

  /** Closes the event stream (handlers stay registered; a new `on…` call reopens it). */
  close(): void {
    this.events?.close();
    this.events = undefined;
  }

  private subscribe(type: FivetranEventType | "*", handler: FivetranEventHandler): () => void {
    this.events ??= new FivetranEvents({
      url: `${this.baseUrl}/v1/events/stream`,
      fetch: this.fetcher,
      headers: this.authorization,
      connectorOf: (event) => this.connectorOfEvent(event),
      accept: (event) => event.connectorId !== undefined || this.ownsGroup(event.groupId),
    });
    return this.events.on(type, handler);
  }

  /** Whether a group id is one of this instance's groups resolved so far. */
  private ownsGroup(groupId: string | null): boolean {
    return groupId !== null && this.groupIds.has(groupId);
  }

  /** The declared connector an event is about, if it is one of this instance's. */
  private connectorOfEvent(event: { connectionId?: string | null; groupId?: string | null }): string | undefined {
    for (const [id, connector] of this.connectors) {
      if (event.connectionId && connector.knownConnectionId === event.connectionId) return id;
    }
    return undefined;
  }

  // -- internals the handles use --

  /** `<id>.<type>`, or `<id>.<name>`. */
  groupNameOf(destination: DestinationDeclaration): string {
    if (!destination || typeof destination.type !== "string" || destination.type.trim() === "")
      throw new FivetranDeclarationError("destination.type is required (d1, r2, postgres, snowflake, bigquery)");
    return `${this.id}.${(destination.name ?? destination.type).trim()}`;
  }

  /** The config field naming a connection of `service` (`schema_prefix` or `schema`), from the metadata. */
  namingOf(service: string): Promise<string> {
    let pending = this.namings.get(service);
    if (!pending) {
      pending = this.call<{ config?: { properties?: Record<string, unknown> } }>(
        `GET /v1/metadata/connector-types/${service}`,
        this.api.GET("/v1/metadata/connector-types/{service}", { params: { path: { service } } }),
      ).then((details) =>
        details.config?.properties && "schema_prefix" in details.config.properties ? "schema_prefix" : "schema",
      );
      pending.catch(() => this.namings.delete(service));
      this.namings.set(service, pending);
    }
    return pending;
  }

  /** Throws the API's error as a typed class; returns the envelope's data. */
  async call<T>(request: string, answer: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<T> {
    let result: { data?: unknown; error?: unknown; response: Response };
    try {
      result = await answer;
    } catch (error) {
      throw new FivetranServerError(`${request} failed: ${(error as Error).message}`, "RequestFailed", 0, request);
    }
    if (!result.response.ok) throw errorFromResponse(result.response, result.error, request);
    return (result.data as { data?: T } | undefined)?.data as T;
  }

  /** The id of the group for `destination`, creating group and destination when missing. */
  groupFor(destination: DestinationDeclaration): Promise<string> {
    const name = this.groupNameOf(destination);
    let pending = this.groups.get(name);
    if (!pending) {
      pending = this.ensureGroup(name, destination);
      pending.catch(() => this.groups.delete(name));
      this.groups.set(name, pending);
    }
    return pending;
  }

  private async findGroup(name: string): Promise<string | undefined> {
    let cursor: string | undefined;
    do {
      const page = await this.call<{ items: { id: string; name: string }[]; next_cursor?: string | null }>(
        "GET /v1/groups",
        this.api.GET("/v1/groups", { params: { query: { limit: 1000, ...(cursor ? { cursor } : {}) } } }),
      );
      const found = page.items.find((g) => g.name === name);
      if (found) return found.id;
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    return undefined;
  }

  private async ensureGroup(name: string, destination: DestinationDeclaration): Promise<string> {
    let groupId = await this.findGroup(name);
    if (!groupId) {
      try {
        const group = await this.call<{ id: string }>(
          "POST /v1/groups",
          this.api.POST("/v1/groups", { body: { name } }),
        );
        groupId = group.id;
      } catch (error) {
        if (!isConflict(error)) throw error;
        groupId = await this.findGroup(name);
        if (!groupId) throw error;
      }
    }
    await this.ensureDestination(groupId, destination);
    this.groupIds.add(groupId);
    return groupId;
  }

  private async ensureDestination(groupId: string, destination: DestinationDeclaration): Promise<void> {
    const { type, name: _name, region, timeZoneOffset, ...fields } = destination;
    const config = jsonFields("destination", fields);
    const existing = await this.call<{ service: string }>(
      `GET /v1/destinations/${groupId}`,
      this.api.GET("/v1/destinations/{destinationId}", { params: { path: { destinationId: groupId } } }),
    ).catch((error) => {
      if (error instanceof FivetranError && error.status === 404) return undefined;
      throw error;
    });
    if (!existing) {
      try {
        await this.call(
          "POST /v1/destinations",
          this.api.POST("/v1/destinations", {
            body: {
              group_id: groupId,
              service: type,
              time_zone_offset: timeZoneOffset ?? "0",
              ...(region ? { region } : {}),
              config,
            },
          }),
        );
        return;
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
    // Brought in line: the server merges the config (a secret sent again is stored again).
    await this.call(
      `PATCH /v1/destinations/${groupId}`,
      this.api.PATCH("/v1/destinations/{destinationId}", {
        params: { path: { destinationId: groupId } },
        body: {
          config,
          ...(timeZoneOffset ? { time_zone_offset: timeZoneOffset } : {}),
          ...(region ? { region } : {}),
        },
      }),
    );
  }
}

/** A declared connector: the first call creates or converges its connection. */
export class Connector {
  readonly id: string;
  /** The connection's schema in its group. */
  readonly schemaName: string;
  private connection: Promise<Connection> | undefined;
  /** The connection id once known (events are matched on it). */
  knownConnectionId: string | undefined;
  /**
   * Schema operations (README "Schema changes"). `evolve`: apply a change by hand.
   * `history()`: the changes the server announced (its `schema_change` events, one per change),
   * oldest first; the full record is `GET /v1/connections/{id}/schemas/history`. `export()`:
   * those changes as gitx commits (needs `tools.gitx`).
   */
  readonly schema: {
    evolve: (change: Record<string, unknown>) => Promise<unknown>;
    history: () => Promise<SchemaChange[]>;
    export: () => Promise<GitXCommit[]>;
  };
  /** The files an `fsx` source selects, read through `tools.fsx` (sdk/tools.ts). */
  readonly files: {
    list: () => Promise<SourceFile[]>;
    read: (path: string) => Promise<Uint8Array | string>;
  };

  constructor(
    private readonly fivetran: Fivetran,
    private readonly declaration: ConnectorDeclaration,
  ) {
    if (!declaration || typeof declaration.id !== "string")
      throw new FivetranDeclarationError("createConnector({ id, source, destination }) needs an id");
    if (!declaration.source || typeof declaration.source.type !== "string" || declaration.source.type === "")
      throw new FivetranDeclarationError(`connector '${declaration.id}': source.type is required`);
    fivetran.groupNameOf(declaration.destination);
    this.id = declaration.id;
    this.schemaName = schemaNameOf(declaration.id);
    // Checked now, so a binding object fails at the declaration rather than at the first call.
    this.body();
    this.schema = {
      // `{ addColumn: { name, type } }` (camelCase, as the vision writes it) travels as `add_column`.
      evolve: async (change) => {
        const connection = await this.ready();
        const { addColumn, ...rest } = change as { addColumn?: unknown } & Record<string, unknown>;
        const body = addColumn === undefined ? rest : { ...rest, add_column: addColumn };
        return this.fivetran.call(
          `POST /v1/connections/${connection.id}/schemas/evolve`,
          this.raw("POST", `/v1/connections/${connection.id}/schemas/evolve`, body),
        );
      },
      history: async () => (await this.schemaEvents()).flatMap(changesOf),
      export: async () => {
        const gitx = this.fivetran.tools.gitx;
        if (!gitx)
          throw new FivetranDeclarationError("schema.export() needs a gitx tool: new Fivetran({ tools: { gitx } })");
        const connection = await this.ready();
        return exportSchemaHistory(gitx, this.id, connection.id, await this.schemaEvents());
      },
    };
    this.files = {
      list: async () => {
        const { fsx, path, pattern } = this.fsxSource();
        return listSourceFiles(fsx, path, pattern);
      },
      read: async (file) => {
        const { fsx, path, pattern } = this.fsxSource();
        if (!(await listSourceFiles(fsx, path, pattern)).some((f) => f.path === file)) {
          throw new FivetranDeclarationError(
            `connector '${this.id}' does not read ${file} (path ${path}, pattern ${pattern})`,
          );
        }
        return fsx.readFile(file);
      },
    };
  }

  /** Creates the connection or brings it in line with the declaration (once per handle). */
  ready(): Promise<Connection> {
    if (!this.connection) {
      this.connection = this.converge();
      this.connection.catch(() => {
        this.connection = undefined;
      });
    }
    return this.connection;
  }

  /** Starts a sync now; with `wait`, resolves with the run once it ended (and throws if it failed). */
  async sync(
    options: { force?: boolean; wait?: boolean; timeoutMs?: number; pollMs?: number } = {},
  ): Promise<SyncRun | undefined> {
    const connection = await this.ready();
    // Runs already ended before the request are not its run; one in progress is (a sync
    // request while syncing joins the run in progress, as on Fivetran).
    const before = options.wait
      ? new Set((await this.runs(20)).filter((r) => r.status !== "running").map((r) => r.id))
      : undefined;
    await this.fivetran.call(
      `POST /v1/connections/${connection.id}/sync`,
      this.fivetran.api.POST("/v1/connections/{connectionId}/sync", {
        params: { path: { connectionId: connection.id } },
        body: options.force ? { force: true } : {},
      }),
    );
    if (!before) return undefined;
    const deadline = Date.now() + (options.timeoutMs ?? 10 * 60_000);
    for (;;) {
      const candidates = (await this.runs(20)).filter((r) => !before.has(r.id));
      // Newest first. The server records a run before it answers the request, so the newest
      // run not ended before the request is the one it started or joined.
      const run = candidates[0];
      if (run && run.status !== "running") {
        if (run.status === "failed")
          throw new FivetranError(
            `sync of '${this.id}' failed: ${run.error ?? "unknown error"}`,
            "SyncFailed",
            0,
            `POST /v1/connections/${connection.id}/sync`,
          );
        return run;
      }
      if (Date.now() > deadline) throw new FivetranError(`sync of '${this.id}' did not end in time`, "SyncTimeout", 0);
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 500));
    }
  }

  /** The vision's status, from the connection's details. */
  async status(): Promise<ConnectorStatus> {
    const connection = await this.details();
    const s = connection.status;
    const last = s.last_run ?? null;
    const failing = s.setup_state === "broken" || last?.status === "failed" || (s.tasks?.length ?? 0) > 0;
    const status: ConnectorStatus["status"] = connection.paused
      ? "paused"
      : s.sync_state === "syncing"
        ? "syncing"
        : failing
          ? "failing"
          : "healthy";
    return {
      id: this.id,
      connectionId: connection.id,
      status,
      lastSync: connection.succeeded_at ?? null,
      nextSync: s.next_sync_at ?? null,
      stats: { rowsSynced: last?.rows ?? 0, bytesTransferred: last?.bytes ?? 0, duration: last?.duration_ms ?? 0 },
      warnings: (s.warnings ?? []).map((w) => ({ code: w.code, message: w.message })),
      tasks: (s.tasks ?? []).map((t) => ({ code: t.code, message: t.message })),
    };
  }

  /** Pauses scheduled syncs. */
  async pause(): Promise<void> {
    await this.patch({ paused: true });
  }

  /** Resumes scheduled syncs. */
  async resume(): Promise<void> {
    await this.patch({ paused: false });
  }

  /** The connection's runs, newest first. */
  async history(options: { limit?: number } = {}): Promise<SyncRun[]> {
    return this.runs(options.limit ?? 100);
  }

  /** Deletes the connection (the group and its destination stay: other connectors may use them). */
  async delete(): Promise<void> {
    const connection = await this.ready();
    await this.fivetran.call(
      `DELETE /v1/connections/${connection.id}`,
      this.fivetran.api.DELETE("/v1/connections/{connectionId}", {
        params: { path: { connectionId: connection.id } },
      }),
    );
    this.connection = undefined;
    this.knownConnectionId = undefined;
  }

  /** The connection's current details. */
  async details(): Promise<Connection> {
    const connection = await this.ready();
    return this.fivetran.call<Connection>(
      `GET /v1/connections/${connection.id}`,
      this.fivetran.api.GET("/v1/connections/{connectionId}", { params: { path: { connectionId: connection.id } } }),
    );
  }

  // -- internals --

  /** The connection's schema_change events, every page. */
  private async schemaEvents() {
    const connection = await this.ready();
    return this.fivetran.allPages<{ id: string | number; created_at: string; data: unknown }>(
      "GET /v1/events",
      (cursor) =>
        this.fivetran.api.GET("/v1/events", {
          params: { query: { type: "schema_change", connection_id: connection.id, cursor, limit: 1000 } },
        }),
    );
  }

  /** The fsx tool and the declared source's path and pattern; throws when this is not an fsx source. */
  private fsxSource() {
    const fsx = this.fivetran.tools.fsx;
    if (!fsx) throw new FivetranDeclarationError("files need an fsx tool: new Fivetran({ tools: { fsx } })");
    const { source } = this.declaration;
    if (source.type !== "fsx" || typeof source.path !== "string")
      throw new FivetranDeclarationError(
        `connector '${this.id}': files are readable for fsx sources ({ type: 'fsx', path, pattern })`,
      );
    return { fsx, path: source.path, pattern: typeof source.pattern === "string" ? source.pattern : "**/*" };
  }

  private raw(method: string, path: string, body?: unknown) {
    const api = this.fivetran.api as unknown as Record<
      string,
      (path: string, init: unknown) => Promise<{ data?: unknown; error?: unknown; response: Response }>
    >;
    const call = api[method] as (
      path: string,
      init: unknown,
    ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
    return call(path, body === undefined ? {} : { body });
  }

  private async runs(limit: number): Promise<SyncRun[]> {
    const connection = await this.ready();
    const page = await this.fivetran.call<{ items: Run[] }>(
      `GET /v1/connections/${connection.id}/runs`,
      this.fivetran.api.GET("/v1/connections/{connectionId}/runs", {
        params: { path: { connectionId: connection.id }, query: { limit } },
      }),
    );
    return page.items.map((r) => ({
      id: r.id,
      trigger: r.trigger,
      status: r.status,
      startedAt: r.started_at,
      endedAt: r.ended_at,
      duration: r.duration_ms,
      rowsSynced: r.rows,
      bytesTransferred: r.bytes,
      error: r.error,
      tables: r.tables,
    }));
  }

  private async patch(body: components["schemas"]["UpdateConnectionRequest"]): Promise<Connection> {
    const connection = await this.ready();
    return this.fivetran.call<Connection>(
      `PATCH /v1/connections/${connection.id}`,
      this.fivetran.api.PATCH("/v1/connections/{connectionId}", {
        params: { path: { connectionId: connection.id } },
        body,
      }),
    );
  }

  /** What the declaration sends: the connection's fields other than group and service. */
  private body() {
    const { source, sync = {}, transform, schema } = this.declaration;
    const { type: _type, ...fields } = source;
    const config = jsonFields("source", fields);
    if (sync.schedule !== undefined && sync.cron !== undefined)
      throw new FivetranDeclarationError(`connector '${this.id}': sync.schedule and sync.cron are exclusive`);
    const known = new Set([
      "schedule",
      "cron",
      "mode",
      "cursor",
      "lookback",
      "retries",
      "backoff",
      "paused",
      "trigger",
    ]);
    const unknown = Object.keys(sync).filter((k) => !known.has(k));
    if (unknown.length > 0) {
      throw new FivetranDeclarationError(
        `connector '${this.id}': sync.${unknown[0]} is not supported (sync takes ${[...known].join(", ")})`,
      );
    }
    const schedule = sync.cron !== undefined ? { cron: sync.cron } : sync.schedule;
    const options = {
      ...(sync.mode !== undefined ? { mode: sync.mode } : {}),
      ...(sync.cursor !== undefined ? { cursor: sync.cursor } : {}),
      ...(sync.lookback !== undefined ? { lookback: sync.lookback } : {}),
      ...(sync.retries !== undefined ? { retries: sync.retries } : {}),
      ...(sync.backoff !== undefined ? { backoff: sync.backoff } : {}),
    };
    // A function cannot travel; its source text does, and the server checks it (400 when it cannot run).
    const transformBody =
      transform === undefined
        ? undefined
        : transform.type === "function"
          ? { type: "function", fn: String(transform.fn) }
          : jsonFields("transform", transform as Record<string, unknown>);
    const policy =
      schema === undefined
        ? undefined
        : {
            ...(schema.autoMigrate !== undefined ? { auto_migrate: schema.autoMigrate } : {}),
            ...(schema.allowBreaking !== undefined ? { allow_breaking: schema.allowBreaking } : {}),
            ...(schema.trackHistory !== undefined ? { track_history: schema.trackHistory } : {}),
            ...(schema.notify !== undefined ? { notify: schema.notify } : {}),
          };
    return {
      config,
      ...(schedule !== undefined ? { schedule } : {}),
      ...(Object.keys(options).length > 0 ? { sync_options: options } : {}),
      ...(sync.paused !== undefined ? { paused: sync.paused } : {}),
      ...(transformBody !== undefined ? { transform: transformBody } : {}),
      ...(policy !== undefined ? { schema_policy: policy } : {}),
    };
  }

  private async find(groupId: string): Promise<Connection | undefined> {
    const page = await this.fivetran.call<{ items: Connection[] }>(
      `GET /v1/connections?group_id=${groupId}&schema=${this.schemaName}`,
      this.fivetran.api.GET("/v1/connections", {
        params: { query: { group_id: groupId, schema: this.schemaName } },
      }),
    );
    return page.items[0];
  }

  private async converge(): Promise<Connection> {
    const connection = await this.convergeConnection();
    await this.convergeTrigger(connection.id);
    return connection;
  }

  /** The declared trigger, once ensured (with its token when this process created it). */
  async trigger(): Promise<ConnectorTrigger | undefined> {
    await this.ready();
    return this.declaredTrigger;
  }

  private declaredTrigger: ConnectorTrigger | undefined;

  /** Creates the declared trigger unless the connection has it (triggers are only ever added here). */
  private async convergeTrigger(connectionId: string): Promise<void> {
    const declared = this.declaration.sync?.trigger;
    if (!declared) return;
    const want =
      "url" in declared
        ? ({ type: "url" } as const)
        : "queue" in declared
          ? ({ type: "queue", queue: declared.queue } as const)
          : ({
              type: "after",
              connection_id: typeof declared.after === "string" ? declared.after : (await declared.after.ready()).id,
            } as const);
    const path = { params: { path: { connectionId } } };
    const listed = await this.fivetran.call<{ items: components["schemas"]["ConnectionTrigger"][] }>(
      `GET /v1/connections/${connectionId}/triggers`,
      this.fivetran.api.GET("/v1/connections/{connectionId}/triggers", path),
    );
    let found = listed.items.find(
      (t) =>
        t.type === want.type &&
        (want.type !== "queue" || t.queue === want.queue) &&
        (want.type !== "after" || t.after_connection_id === want.connection_id),
    );
    if (!found) {
      found = await this.fivetran.call<components["schemas"]["ConnectionTrigger"]>(
        `POST /v1/connections/${connectionId}/triggers`,
        this.fivetran.api.POST("/v1/connections/{connectionId}/triggers", { ...path, body: want }),
      );
    }
    this.declaredTrigger = {
      id: found.id,
      type: found.type,
      ...(found.url ? { url: found.url } : {}),
      ...(found.token && found.token !== "******" ? { token: found.token } : {}),
      ...(found.queue ? { queue: found.queue } : {}),
      ...(found.after_connection_id ? { afterConnectionId: found.after_connection_id } : {}),
    };
  }

  private async convergeConnection(): Promise<Connection> {
    const body = this.body();
    const service = this.declaration.source.type;
    // Database sources name their connection by `schema_prefix`, the others by `schema`.
    body.config[await this.fivetran.namingOf(service)] = this.schemaName;
    const groupId = await this.fivetran.groupFor(this.declaration.destination);
    let existing = await this.find(groupId);
    if (!existing) {
      try {
        const created = await this.fivetran.call<Connection>(
          "POST /v1/connections",
          this.fivetran.api.POST("/v1/connections", {
            body: { group_id: groupId, service, ...body } as components["schemas"]["NewConnectionRequest"],
          }),
        );
        this.knownConnectionId = created.id;
        return created;
      } catch (error) {
        if (!isConflict(error)) throw error;
        existing = await this.find(groupId);
        if (!existing) throw error;
      }
    }
    if (existing.service !== service && !this.sameService(existing.service, service)) {
      throw new FivetranDeclarationError(
        `connector '${this.id}' is declared with source '${service}', but its connection ${existing.id} in group ${groupId} is '${existing.service}': delete it or give the connector another id`,
      );
    }
    this.knownConnectionId = existing.id;
    const updated = await this.fivetran.call<Connection>(
      `PATCH /v1/connections/${existing.id}`,
      this.fivetran.api.PATCH("/v1/connections/{connectionId}", {
        params: { path: { connectionId: existing.id } },
        body: body as components["schemas"]["UpdateConnectionRequest"],
      }),
    );
    return updated;
  }

  /** An alias of the service (`mongo` for `mongodb`) names the same connection. */
  private sameService(stored: string, declared: string): boolean {
    const aliases: Record<string, string> = { mongo: "mongodb", snowflake_db: "snowflake" };
    return (aliases[declared] ?? declared) === (aliases[stored] ?? stored);
  }
}

export type { FivetranEvent, FivetranEventHandler, FivetranEventType };

/** Filters of `fivetran.usage.rows` (dates YYYY-MM-DD, UTC). */
export type UsageRowsQuery = Omit<
  NonNullable<operations["list_usage_rows"]["parameters"]["query"]>,
  "cursor" | "limit"
>;
/** Filters of `fivetran.usage.mar` (months YYYY-MM). */
export type UsageMarQuery = Omit<NonNullable<operations["list_usage_mar"]["parameters"]["query"]>, "cursor" | "limit">;
/** Rows synced and bytes of one connection's table on one day. */
export type UsageRows = components["schemas"]["UsageRows"];
/** Monthly active rows of one connection's table in one month. */
export type UsageMar = components["schemas"]["UsageMar"];

import { z } from "@hono/zod-openapi";
import { InvalidInputError } from "../../errors";
import type { SetupTest, SourceDefinition } from "../../protocol";
import { listSome, schemaName } from "../../toolkit/common";
import { booleanish, markHost, secret } from "../../toolkit/config";
import { mapMongoError, openMongo } from "./client";
import { mongodbReader } from "./reader";

/** `host:port`, `[v6]:port`, or (no port) an SRV record name, as Fivetran's `hosts` items. */
const hostEntry = z
  .string()
  .trim()
  .regex(
    /^([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/,
    "host:port, or an SRV record name without a port",
  )
  .refine((entry) => {
    const port = /:(\d+)$/.exec(entry)?.[1];
    return port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
  }, "port must be 1-65535");

/**
 * MongoDB, in Fivetran's `mongo_config_V1` names: `hosts` (each `host:port`, or an SRV
 * record name without a port), `user`, `password`, `always_encrypted` (TLS),
 * packing options. `replica_set`, `auth_source`, `database` and `collections` are our
 * additions carrying what a connection string says; `flatten_nested` (sub-documents as one
 * column per sub-field, one level deep) and `update_method` (`CHANGE_STREAMS`, the default,
 * or `FULL_RESYNC`: every collection re-read by each sync) are ours too. Our SDK's
 * `{connectionString, collections}` (`mongodb://…` or `mongodb+srv://…`) maps onto them.
 * How documents become rows: documents.ts.
 */
const fields = z
  .object({
    schema_prefix: schemaName,
    hosts: z.array(markHost(hostEntry, { withPort: true })).min(1),
    user: z.string().min(1).optional(),
    password: secret(z.string()).optional(),
    /** The database users authenticate against (`authSource`); `admin` by default. */
    auth_source: z.string().trim().min(1).optional(),
    replica_set: z.string().trim().min(1).optional(),
    /** Default database for unqualified `collections`; every database when absent. */
    database: z.string().trim().min(1).optional(),
    /** Collections to sync, `database.collection` or `collection` (in `database`). */
    collections: z.array(z.string().trim().min(1)).min(1).optional(),
    always_encrypted: booleanish().default(false),
    packing_mode: z.enum(["UsePackedModeOnly", "UseUnpackedModeOnly"]).optional(),
    packed_mode_tables: z.array(z.string().trim().min(1)).optional(),
    binary_representation: z.enum(["Base64", "Uuid"]).optional(),
    /** Unpacked mode: a field holding documents becomes one column per sub-field (`address_city`). */
    flatten_nested: booleanish().optional(),
    /** Change streams (the default), or a full re-read of every collection on every sync. */
    update_method: z.enum(["CHANGE_STREAMS", "FULL_RESYNC"]).optional(),
    connection_type: z.enum(["Directly", "PrivateLink", "SshTunnel", "ProxyAgent"]).default("Directly"),
  })
  .superRefine((config, ctx) => {
    const srv = config.hosts.filter((h) => !/:\d+$/.test(h));
    if (srv.length > 0 && config.hosts.length > 1) {
      ctx.addIssue({
        code: "custom",
        path: ["hosts"],
        message: "an SRV record name (no port) must be the only host; give every other host as host:port",
      });
    }
    config.collections?.forEach((collection, i) => {
      if (!collection.includes(".") && !config.database) {
        ctx.addIssue({
          code: "custom",
          path: ["collections", i],
          message: "name it as database.collection, or set config.database",
        });
      }
    });
  });

export type MongoSourceConfig = z.infer<typeof fields>;

const CONNECTION_STRING = /^(mongodb(?:\+srv)?):\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/?]+)(?:\/([^?]*))?(?:\?(.*))?$/;

/**
 * Parses `mongodb://user:pass@h1:27017,h2:27017/db?replicaSet=rs0&tls=true` and
 * `mongodb+srv://user:pass@cluster0.example.net/db` (the WHATWG URL parser rejects
 * host lists, so this follows MongoDB's connection string spec directly).
 */
export function parseMongoConnectionString(url: string): Record<string, unknown> {
  const match = CONNECTION_STRING.exec(url.trim());
  if (!match) {
    throw new InvalidInputError(
      "Invalid value for field 'config.connectionString': expected mongodb://host:port,… or mongodb+srv://host",
    );
  }
  const [, scheme, user, password, hostList = "", database, query] = match;
  const srv = scheme === "mongodb+srv";
  const hosts = hostList.split(",").map((h) => decodeURIComponent(h.trim()));
  if (srv && (hosts.length !== 1 || /:\d+$/.test(hosts[0] ?? ""))) {
    throw new InvalidInputError(
      "Invalid value for field 'config.connectionString': mongodb+srv:// takes one host name without a port",
    );
  }
  const out: Record<string, unknown> = {
    // Fivetran reads a host without a port as an SRV record, so plain hosts get the default port.
    hosts: srv ? hosts : hosts.map((h) => (/:\d+$/.test(h) ? h : `${h}:27017`)),
  };
  if (user) out.user = decodeURIComponent(user);
  if (password !== undefined) out.password = decodeURIComponent(password);
  if (database) out.database = decodeURIComponent(database);
  const params = new URLSearchParams(query ?? "");
  const tls = params.get("tls") ?? params.get("ssl");
  // SRV connection strings default to TLS (MongoDB's spec); an explicit tls= wins.
  out.always_encrypted = tls === null ? srv : tls === "true";
  const replicaSet = params.get("replicaSet");
  if (replicaSet) out.replica_set = replicaSet;
  const authSource = params.get("authSource");
  if (authSource) out.auth_source = authSource;
  return out;
}

export const mongodbSource: SourceDefinition<typeof fields> = {
  service: "mongodb",
  naming: "schema_prefix",
  aliases: ["mongo"],
  info: {
    name: "MongoDB",
    type: "Database",
    description: "Collections of a MongoDB replica set or sharded cluster, including Atlas",
    linkToDocs: "https://fivetran.com/docs/connectors/databases/mongodb",
    features: [
      { id: "API_CONFIGURABLE" },
      { id: "CAPTURE_DELETES", notes: "From the change stream (update_method CHANGE_STREAMS, the default)" },
    ],
  },
  fields,
  normalize(input) {
    const { connectionString, ...rest } = input;
    if (typeof connectionString !== "string") return rest;
    return { ...parseMongoConnectionString(connectionString), ...rest };
  },
  reader: mongodbReader,
  mapError: mapMongoError,
  async check(config, ctx) {
    const target =
      config.hosts.length === 1 && !/:\d+$/.test(config.hosts[0] ?? "")
        ? `SRV record ${config.hosts[0]}`
        : listSome(config.hosts, 5);
    const title = "Connecting to MongoDB";
    let connection: Awaited<ReturnType<typeof openMongo>>;
    try {
      connection = await openMongo(config, ctx.egress, { signal: ctx.signal });
    } catch (error) {
      const mapped = mapMongoError(error);
      const message = (mapped ?? (error as Error)).message ?? String(error);
      return [
        {
          title,
          status: "FAILED",
          message: `Could not connect to ${target}: ${message}`,
          details: mapped?.kind === "auth" ? { auth: true } : undefined,
        },
      ];
    }
    const tests: SetupTest[] = [];
    try {
      const { client } = connection;
      const info = (await client.db("admin").command({ buildInfo: 1 })) as { version?: string };
      const hello = (await client.db("admin").command({ hello: 1 })) as { setName?: string; msg?: string };
      tests.push({
        title,
        status: "PASSED",
        message: `Connected to MongoDB ${info.version ?? ""} at ${target}${hello.setName ? ` (replica set ${hello.setName})` : hello.msg === "isdbgrid" ? " (sharded cluster)" : ""}`,
      });
      const discovery = await mongodbReader.discover(config, ctx);
      tests.push(
        discovery.warnings.length > 0
          ? {
              title: "Checking collections",
              status: "FAILED",
              message: discovery.warnings.map((w) => w.message).join("; "),
            }
          : {
              title: "Checking collections",
              status: discovery.streams.length > 0 ? "PASSED" : "WARNING",
              message:
                discovery.streams.length > 0
                  ? `${discovery.streams.length} collection(s) readable: ${listSome(
                      discovery.streams.map((s) => `${s.namespace}.${s.name}`),
                      5,
                    )}`
                  : "No collection to sync: the user can list none",
            },
      );
      if (mongodbReader.changeLog?.enabled(config)) {
        if (!hello.setName && hello.msg !== "isdbgrid") {
          tests.push({
            title: "Checking change streams",
            status: "FAILED",
            message:
              "Change streams need a replica set or a sharded cluster (a standalone server has no oplog): convert it to a one-member replica set, or set update_method FULL_RESYNC",
          });
        } else {
          try {
            await mongodbReader.changeLog.start(config, undefined, ctx);
            tests.push({ title: "Checking change streams", status: "PASSED", message: "A change stream opened" });
          } catch (error) {
            tests.push({
              title: "Checking change streams",
              status: "FAILED",
              message: `A change stream could not be opened (${(error as Error).message}): grant the user the changeStream and find actions on the collections (e.g. the read role)`,
            });
          }
        }
      }
    } catch (error) {
      tests.push({
        title: tests.length === 0 ? title : "Checking collections",
        status: "FAILED",
        message: (mapMongoError(error) ?? (error as Error)).message,
      });
    } finally {
      await connection.close();
    }
    return tests;
  },
};

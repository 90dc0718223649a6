/**
 * The product vision's quick start with the SDK, against a running `npm start`:
 *
 *   npm run example:quickstart
 *
 * Two connectors of one instance side by side: the local PostgreSQL → D1 (the Worker's
 * WAREHOUSE binding) and the built-in sample shop → the local PostgreSQL. Each syncs once;
 * the script prints every event of the runs as it arrives and each connector's status.
 * The key comes from FIVETRAN_API_KEY / FIVETRAN_API_SECRET (the script's npm command reads
 * them from .dev.vars), the address from FIVETRAN_API_URL (default http://127.0.0.1:8787).
 */
import { Fivetran } from "@dotdo/fivetran";
import pg from "pg";

const PG = process.env.QUICKSTART_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

// A source table to sync: quickstart.users in the local PostgreSQL.
const client = new pg.Client({ connectionString: PG });
await client.connect();
await client.query(`
  CREATE SCHEMA IF NOT EXISTS quickstart;
  CREATE TABLE IF NOT EXISTS quickstart.users (
    id int PRIMARY KEY, email text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now());
  INSERT INTO quickstart.users (id, email) VALUES (1, 'ada@example.com'), (2, 'grace@example.com')
    ON CONFLICT (id) DO NOTHING;`);
await client.end();

const fivetran = new Fivetran({
  id: process.env.QUICKSTART_ID ?? "quickstart",
  baseUrl: process.env.FIVETRAN_API_URL ?? "http://127.0.0.1:8787",
});

const ended = new Set();
fivetran.onEvent((event) => {
  const stats = event.stats ? ` rows=${event.stats.rowsSynced}` : "";
  console.log(`event ${event.event} ${event.connectorId ?? event.connectionId}${stats}`);
  if (event.event === "sync_end") ended.add(event.connectorId);
});

const postgres = fivetran.createConnector({
  id: "postgres-prod",
  source: { type: "postgres", connectionString: PG, tables: ["quickstart.users"] },
  destination: { type: "d1", database: "WAREHOUSE" },
  sync: { schedule: "every 5 minutes", mode: "incremental" },
});

const sample = fivetran.createConnector({
  id: "sample-shop",
  source: { type: "sample", scale: 10 },
  destination: { type: "postgres", connectionString: PG },
  sync: { schedule: "every 1 hour", mode: "incremental", lookback: "1 hour" },
});

for (const connector of [postgres, sample]) {
  const run = await connector.sync({ wait: true });
  console.log(`run ${connector.id} ${run.status} rows=${run.rowsSynced}`);
  const status = await connector.status();
  console.log(`status ${connector.id} ${status.status} lastSync=${status.lastSync} nextSync=${status.nextSync}`);
}

// The sync_end events may trail the runs' ends by a moment.
const deadline = Date.now() + 10_000;
while (ended.size < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
fivetran.close();
console.log(ended.size === 2 ? "quickstart done" : "quickstart done (not every sync_end event arrived)");

/**
 * Password authentication for one test role on the local PostgreSQL, which otherwise trusts
 * every login from 127.0.0.1 (so a wrong password would pass). Prepends a `scram-sha-256`
 * line for the role to pg_hba.conf, idempotently, as the superuser through a large-object
 * export (the server owns the file, so no shell access is needed), and reloads. Every other
 * role keeps trust authentication.
 */
import type pg from "pg";
import { closePg, openPg } from "../../src/engine/toolkit/pg";
import { TEST_EGRESS } from "./engine/harness";

const SUPERUSER = { host: "127.0.0.1", port: 5432, user: "postgres" };

async function query<T extends pg.QueryResultRow>(client: pg.Client, text: string, values: unknown[] = []) {
  return (await client.query<T>(text, values)).rows;
}

/** Makes `role` authenticate with its password; resolves once a wrong password is refused. */
export async function requirePasswordFor(role: string, database: string): Promise<void> {
  const line = `host all ${role} 127.0.0.1/32 scram-sha-256`;
  const client = await openPg({ ...SUPERUSER, database: "postgres" }, TEST_EGRESS);
  try {
    const [file] = await query<{ path: string }>(client, "SELECT current_setting('hba_file') AS path");
    const [current] = await query<{ content: string }>(client, "SELECT pg_read_file($1) AS content", [file?.path]);
    if (!file || !current) throw new Error("cannot read pg_hba.conf");
    if (!current.content.split("\n").some((l) => l.trim() === line)) {
      const [lo] = await query<{ oid: number }>(client, "SELECT lo_from_bytea(0, convert_to($1, 'UTF8')) AS oid", [
        `# fivetran.do tests: this role must authenticate with its password\n${line}\n${current.content}`,
      ]);
      await client.query("SELECT lo_export($1, $2)", [lo?.oid, file.path]);
      await client.query("SELECT lo_unlink($1)", [lo?.oid]);
    }
    await client.query("SELECT pg_reload_conf()");
  } finally {
    await closePg(client);
  }
  // The reload is asynchronous: wait until a wrong password is refused.
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const probe = await openPg(
        { ...SUPERUSER, user: role, password: "certainly-not-the-password", database },
        TEST_EGRESS,
      );
      await closePg(probe);
    } catch (error) {
      if ((error as { code?: string }).code === "28P01") return;
      throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`PostgreSQL still lets ${role} in with a wrong password`);
}

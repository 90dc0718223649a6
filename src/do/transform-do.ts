/**
 * TransformDO: one object per connection, running that connection's SQL transforms in its own
 * SQLite. Each call loads one batch into a scratch table `__source__`, runs the query, and rolls
 * everything back: nothing is ever kept, and one connection's queries never see another's rows
 * or slow another's object. The query was checked before (engine/transforms/sql.ts); here
 * SQLite prepares it and the rows and bytes it returns are bounded.
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";

/** How a scratch column is loaded from the batch's JSON: binary values travel as hex. */
export interface ScratchColumn {
  name: string;
  binary: boolean;
}

/** Bounds of one query's result. */
export interface ResultLimits {
  rows: number;
  bytes: number;
}

export type TransformOutcome =
  | { ok: true; columns: string[]; rows: SqlStorageValue[][] }
  | { ok: false; error: string };

/** Thrown inside the transaction to roll the scratch table back. */
const ROLLBACK = Symbol("rollback");

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export class TransformDO extends DurableObject<Env> {
  /** Prepares `sql` against an empty batch of these columns: the result's column names, or SQLite's error. */
  async prepare(columns: ScratchColumn[], sql: string): Promise<TransformOutcome> {
    return this.scratch(columns, [], sql, { rows: 0, bytes: 0 });
  }

  /**
   * Runs `sql` over one batch. `chunks` are JSON arrays of rows (arrays of values in column
   * order), each below SQLite's value limit, so a batch loads in a few statements.
   */
  async run(columns: ScratchColumn[], chunks: string[], sql: string, limits: ResultLimits): Promise<TransformOutcome> {
    return this.scratch(columns, chunks, sql, limits);
  }

  private scratch(columns: ScratchColumn[], chunks: string[], sql: string, limits: ResultLimits): TransformOutcome {
    const db = this.ctx.storage.sql;
    let outcome: TransformOutcome = { ok: false, error: "the transform did not run" };
    try {
      this.ctx.storage.transactionSync(() => {
        db.exec(`CREATE TABLE __source__ (${columns.map((c) => quote(c.name)).join(", ")})`);
        if (chunks.length > 0) {
          const values = columns.map((c, i) => (c.binary ? `unhex(value ->> ${i})` : `value ->> ${i}`)).join(", ");
          const insert = `INSERT INTO __source__ SELECT ${values} FROM json_each(?)`;
          for (const chunk of chunks) db.exec(insert, chunk);
        }
        const cursor = db.exec(sql);
        const rows: SqlStorageValue[][] = [];
        let bytes = 0;
        for (const row of cursor.raw()) {
          if (rows.length >= limits.rows) {
            outcome = {
              ok: false,
              error: `the query returned more than ${limits.rows} rows for a batch: a transform may not multiply the rows it reads`,
            };
            throw ROLLBACK;
          }
          for (const value of row) {
            bytes +=
              value === null
                ? 1
                : typeof value === "string"
                  ? value.length
                  : typeof value === "number"
                    ? 8
                    : value.byteLength;
          }
          if (bytes > limits.bytes && limits.bytes > 0) {
            outcome = { ok: false, error: `the query returned more than ${limits.bytes} bytes for a batch` };
            throw ROLLBACK;
          }
          rows.push(row);
        }
        outcome = { ok: true, columns: cursor.columnNames, rows };
        throw ROLLBACK;
      });
    } catch (error) {
      if (error !== ROLLBACK) {
        return { ok: false, error: String((error as Error)?.message ?? error).replace(/^Error: /, "") };
      }
    }
    return outcome;
  }
}

/**
 * An HTTP service, started by test/workers/global-setup.ts, that reads files with DuckDB
 * (@duckdb/node-api) outside workerd: the independent check of what the R2 destination wrote.
 * A test POSTs `{ files: { "<relative path>": "<base64>" }, sql }`; the files are written to a
 * fresh directory, `{dir}` in `sql` is replaced by its path, and the answer is
 * `{ columns, types, rows }` (DuckDB's type names; values as DuckDB's JSON conversion gives
 * them — BIGINT and DECIMAL as strings, timestamps as text — except BLOB, as hex).
 * A query DuckDB refuses answers 400 with its message.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import type net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBBlobValue, DuckDBInstance } from "@duckdb/node-api";

export interface DuckDBAnswer {
  columns: string[];
  types: string[];
  rows: unknown[][];
}

async function run(files: Record<string, string>, sql: string): Promise<DuckDBAnswer> {
  const dir = await mkdtemp(path.join(tmpdir(), "duckdb-check-"));
  try {
    for (const [name, base64] of Object.entries(files)) {
      const target = path.join(dir, name);
      if (!target.startsWith(`${dir}${path.sep}`)) throw new Error(`file name ${name} leaves the directory`);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, Buffer.from(base64, "base64"));
    }
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll(sql.replaceAll("{dir}", dir));
      const types = reader.columnTypes().map(String);
      const json = reader.getRowsJson();
      const raw = reader.getRows();
      const rows = json.map((row, r) =>
        row.map((value, c) => {
          const original = raw[r]?.[c];
          return original instanceof DuckDBBlobValue ? Buffer.from(original.bytes).toString("hex") : value;
        }),
      );
      return { columns: reader.columnNames(), types, rows };
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Starts the service on 127.0.0.1; resolves with its port and a close function. */
export async function startDuckDBService(): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let status = 200;
    let body: unknown;
    try {
      const input = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
        files?: Record<string, string>;
        sql?: string;
      };
      if (typeof input.sql !== "string") throw new Error("sql is required");
      body = await run(input.files ?? {}, input.sql);
    } catch (error) {
      status = 400;
      body = { error: (error as Error).message };
    }
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port));
  });
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

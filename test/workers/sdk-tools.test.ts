/**
 * `new Fivetran({ tools: { fsx, gitx } })` with in-memory implementations of the two
 * interfaces (sdk/tools.ts): an fsx source's files listed and read as its pattern selects
 * them; schema history exported as gitx commits with the change in each; and the SDK's usage
 * methods against the real engine.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { Fivetran, FivetranDeclarationError, type FSx, type GitX, type GitXCommit } from "../../sdk/index";

const AUTH = {
  baseUrl: "http://127.0.0.1:8787",
  apiKey: env.FIVETRAN_API_KEY as string,
  apiSecret: env.FIVETRAN_API_SECRET as string,
  fetch: (request: Request) => exports.default.fetch(request),
};
const unique = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

/** An in-memory filesystem with fs/promises' shape: files by absolute path, directories implied. */
function memoryFsx(files: Record<string, string>): FSx {
  const isDir = (path: string) => Object.keys(files).some((f) => f.startsWith(path === "/" ? "/" : `${path}/`));
  return {
    async readdir(path) {
      const prefix = path === "/" ? "/" : `${path}/`;
      const names = new Set<string>();
      for (const file of Object.keys(files))
        if (file.startsWith(prefix)) names.add(file.slice(prefix.length).split("/")[0] as string);
      if (names.size === 0) throw Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" });
      return [...names];
    },
    async stat(path) {
      const file = files[path];
      if (file === undefined && !isDir(path)) throw Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" });
      return { size: file?.length ?? 0, isDirectory: () => file === undefined, isFile: () => file !== undefined };
    },
    async readFile(path, encoding) {
      const file = files[path];
      if (file === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" });
      return encoding ? file : new TextEncoder().encode(file);
    },
  };
}

/** An in-memory repository: each commit snapshots the tree; log filters by path. */
function memoryGitx() {
  const commits: (GitXCommit & { tree: Record<string, string>; changed: string[] })[] = [];
  const head = () => commits.at(-1)?.tree ?? {};
  const gitx: GitX = {
    async commit({ message, files }) {
      const tree = { ...head(), ...files };
      const sha = [...crypto.getRandomValues(new Uint8Array(20))].map((b) => b.toString(16).padStart(2, "0")).join("");
      const commit = { sha, message, timestamp: new Date().toISOString(), tree, changed: Object.keys(files) };
      commits.push(commit);
      return { sha, message, timestamp: commit.timestamp };
    },
    async readFile(path, ref) {
      const commit = ref ? commits.find((c) => c.sha === ref) : commits.at(-1);
      return commit?.tree[path];
    },
    async log(options = {}) {
      return commits
        .filter((c) => !options.path || c.changed.includes(options.path))
        .reverse()
        .slice(0, options.limit ?? Number.POSITIVE_INFINITY)
        .map(({ sha, message, timestamp }) => ({ sha, message, timestamp }));
    },
  };
  return { gitx, commits };
}

describe("the SDK's tools", () => {
  it("refuses tools that are not objects with the interfaces' methods", () => {
    expect(() => new Fivetran({ id: "t", ...AUTH, tools: ["fsx.do"] as never })).toThrow(/tools must be an object/);
    expect(() => new Fivetran({ id: "t", ...AUTH, tools: { fsx: {} as FSx } })).toThrow(
      /tools.fsx lacks readdir, stat, readFile/,
    );
    expect(() => new Fivetran({ id: "t", ...AUTH, tools: { git: {} } as never })).toThrow(/tools.git is not a tool/);
  });

  it("lists and reads an fsx source's files as its path and pattern select them", async () => {
    const fsx = memoryFsx({
      "/data/2026/a.csv": "id,name\n1,Ada\n",
      "/data/2026/b.json": '{"id":2}\n',
      "/data/c.csv": "id\n3\n",
      "/other/d.csv": "id\n4\n",
    });
    const fivetran = new Fivetran({ id: unique("files"), ...AUTH, tools: { fsx } });
    const files = fivetran.createConnector({
      id: "files",
      source: { type: "fsx", bucket: "DATA_LAKE", path: "/data", pattern: "**/*.csv" },
      destination: { type: "d1", database: "WAREHOUSE" },
    });
    expect(await files.files.list()).toEqual([
      { path: "/data/2026/a.csv", size: "id,name\n1,Ada\n".length },
      { path: "/data/c.csv", size: "id\n3\n".length },
    ]);
    expect(new TextDecoder().decode((await files.files.read("/data/2026/a.csv")) as Uint8Array)).toBe(
      "id,name\n1,Ada\n",
    );
    await expect(files.files.read("/other/d.csv")).rejects.toThrow(/does not read \/other\/d.csv/);
    await expect(files.files.read("/data/2026/b.json")).rejects.toThrow(FivetranDeclarationError);

    const noTool = new Fivetran({ id: unique("files"), ...AUTH }).createConnector({
      id: "files",
      source: { type: "fsx", bucket: "DATA_LAKE", path: "/data" },
      destination: { type: "d1", database: "WAREHOUSE" },
    });
    await expect(noTool.files.list()).rejects.toThrow(/need an fsx tool/);
  });

  it("exports schema history as gitx commits, one per change, each listing what changed; again exports nothing", async () => {
    const { gitx, commits } = memoryGitx();
    const id = unique("schema");
    const declare = (tables: string[]) =>
      new Fivetran({ id, ...AUTH, tools: { gitx } }).createConnector({
        id: "shop",
        source: { type: "sample", scale: 3, tables },
        destination: { type: "d1", database: "WAREHOUSE" },
        sync: { mode: "incremental" },
      });
    const first = declare(["customers"]);
    expect((await first.sync({ wait: true }))?.status).toBe("succeeded");
    expect(await first.schema.export()).toEqual([]); // the first discovery is the baseline, not a change

    const second = declare(["customers", "orders"]);
    expect((await second.sync({ wait: true }))?.status).toBe("succeeded");
    const history = await second.schema.history();
    expect(history).toEqual([
      expect.objectContaining({ change: "add_table", table: expect.stringMatching(/orders$/) }),
    ]);

    const exported = await second.schema.export();
    expect(exported).toHaveLength(1);
    expect(exported[0]?.message).toMatch(/^schema: 1 add table \(shop\)\n\n\+ table \S*orders\n\nFivetran-Event: \d+/);
    const file = JSON.parse((await gitx.readFile("schemas/shop.json")) as string);
    expect(Object.keys(file.tables)).toEqual([history[0]?.table]);
    expect(file.last_event_id).toBe(history[0]?.eventId);
    expect(await gitx.log({ path: "schemas/shop.json" })).toHaveLength(1);
    expect(await second.schema.export()).toEqual([]);
    expect(commits).toHaveLength(1);

    // Usage through the SDK: the connection's MAR and its CSV export.
    const connection = await second.ready();
    const mar = await new Fivetran({ id, ...AUTH }).usage.mar({ connection_id: connection.id });
    expect(mar.map((m) => m.table).sort()).toEqual(["customers", "orders"]);
    const csv = await new Fivetran({ id, ...AUTH }).usage.csv("mar", { connection_id: connection.id });
    expect(csv.split("\r\n")[0]).toBe("month,connection_id,group_id,schema,table,mar,free_mar,paid_mar");
    const rows = await new Fivetran({ id, ...AUTH }).usage.rows({ connection_id: connection.id });
    expect(rows.reduce((n, r) => n + r.rows_synced, 0)).toBeGreaterThan(0);
  });
});

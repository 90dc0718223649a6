import { describe, expect, it } from "vitest";
import { fsxSource, globToRegExp } from "../../../src/engine/sources/fsx/index";
import { mongodbSource } from "../../../src/engine/sources/mongodb/index";
import { context, invalid, parse, secretKeys } from "./helpers";

describe("mongodb source config", () => {
  it("maps a replica set connection string onto Fivetran's hosts and our additions", () => {
    const config = parse(mongodbSource, {
      schema_prefix: "mongo",
      connectionString:
        "mongodb://reader:s%3Acret@db1.example.com:27017,db2.example.com/shop?replicaSet=rs0&authSource=admin",
      collections: ["orders", "audit.events"],
    });
    expect(config).toEqual({
      schema_prefix: "mongo",
      hosts: ["db1.example.com:27017", "db2.example.com:27017"],
      user: "reader",
      password: "s:cret",
      database: "shop",
      replica_set: "rs0",
      auth_source: "admin",
      always_encrypted: false,
      collections: ["orders", "audit.events"],
      connection_type: "Directly",
    });
    expect(parse(mongodbSource, config)).toEqual(config);
  });

  it("keeps an SRV host without a port and turns TLS on by default", () => {
    const config = parse(mongodbSource, {
      schema_prefix: "atlas",
      connectionString: "mongodb+srv://app:pw@cluster0.ab1cd.mongodb.net/?retryWrites=true",
    });
    expect(config).toMatchObject({ hosts: ["cluster0.ab1cd.mongodb.net"], always_encrypted: true, user: "app" });
  });

  it("marks the password as secret", () => {
    expect(secretKeys(mongodbSource.fields)).toEqual(["password"]);
  });

  it("names bad fields", () => {
    expect(invalid(mongodbSource, { schema_prefix: "m", connectionString: "postgres://x@y/z" })).toMatch(
      /^Invalid value for field 'config.connectionString': expected mongodb:\/\//,
    );
    expect(
      invalid(mongodbSource, { schema_prefix: "m", connectionString: "mongodb+srv://a.example.com:27017" }),
    ).toMatch(/mongodb\+srv:\/\/ takes one host name without a port/);
    expect(invalid(mongodbSource, { schema_prefix: "m", hosts: ["a.example.com", "b.example.com:27017"] })).toBe(
      "Invalid value for field 'config.hosts': an SRV record name (no port) must be the only host; give every other host as host:port",
    );
    expect(invalid(mongodbSource, { schema_prefix: "m", hosts: ["a.example.com:99999"] })).toBe(
      "Invalid value for field 'config.hosts.0': port must be 1-65535",
    );
    expect(invalid(mongodbSource, { schema_prefix: "m", hosts: ["a:1"], collections: ["orders"] })).toBe(
      "Invalid value for field 'config.collections.0': name it as database.collection, or set config.database",
    );
  });
  // Setup tests against a server: mongodb.test.ts (the wire-protocol fake).
});

describe("fsx source", () => {
  it("takes the SDK's path and pattern as they are", () => {
    const config = parse(fsxSource, {
      schema: "docs",
      bucket: "DATA_LAKE",
      path: "/exports/",
      pattern: "**/*.{csv,json}",
      format: "csv",
    });
    expect(config).toEqual({
      schema: "docs",
      bucket: "DATA_LAKE",
      path: "/exports",
      pattern: "**/*.{csv,json}",
      file_type: "csv",
    });
    expect(parse(fsxSource, config)).toEqual(config);
    expect(parse(fsxSource, { schema: "docs", bucket: "FS", path: "/" })).toEqual({
      schema: "docs",
      bucket: "FS",
      path: "/",
      pattern: "**/*",
    });
    expect(secretKeys(fsxSource.fields)).toEqual([]);
  });

  it("matches globs like a shell", () => {
    const re = globToRegExp("**/*.{csv,json}");
    expect(["a.csv", "2026/01/b.json", "x/y/z.csv"].every((p) => re.test(p))).toBe(true);
    expect(["a.parquet", "a.csv.gz"].some((p) => re.test(p))).toBe(false);
    expect(globToRegExp("day-[0-9]?.csv").test("day-12.csv")).toBe(true);
    expect(globToRegExp("*.csv").test("dir/a.csv")).toBe(false);
  });

  it("names a bad path or pattern", () => {
    expect(invalid(fsxSource, { schema: "d", bucket: "FS", path: "exports" })).toBe(
      "Invalid value for field 'config.path': an absolute path starting with /",
    );
    expect(invalid(fsxSource, { schema: "d", bucket: "FS", path: "/a/../etc" })).toMatch(
      /'config.path': must not contain \.\. segments/,
    );
    expect(invalid(fsxSource, { schema: "d", bucket: "FS", path: "/a", pattern: "*.{csv" })).toBe(
      "Invalid value for field 'config.pattern': not a valid glob: brackets and braces must balance",
    );
  });

  it("checks the binding and lists the directory in it", async () => {
    const config = parse(fsxSource, { schema: "docs", bucket: "FS", path: "/exports", pattern: "*.csv" });
    expect(await fsxSource.check(config, context())).toEqual([
      { title: "Validating path and pattern", status: "PASSED", message: "Files under /exports matching *.csv" },
      {
        title: "Listing the filesystem",
        status: "FAILED",
        message: "This Worker has no R2 binding 'FS' granted to the account",
      },
    ]);
    // Reading files from the binding: test/workers/sources/fsx-files.test.ts.
  });
});

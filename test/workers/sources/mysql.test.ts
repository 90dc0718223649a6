import { beforeAll, describe, expect, it } from "vitest";
import { binlogTests, mysqlSource } from "../../../src/engine/sources/mysql/index";
import { closeMysql, openMysql } from "../../../src/engine/toolkit/mysql";
import { TEST_EGRESS } from "../engine/harness";
import { context, invalid, parse, secretKeys, summary } from "./helpers";

const ROOT = "mysql://root@127.0.0.1:3306";
const DB = "src_mysql_test";
const NOREAD = "src_mysql_noread";
const NOREAD_PASSWORD = "noread-pw";

beforeAll(async () => {
  // Idempotent: parallel runs and re-runs meet the same state.
  const root = await openMysql({ host: "127.0.0.1", port: 3306, user: "root" }, TEST_EGRESS);
  try {
    for (const sql of [
      `CREATE DATABASE IF NOT EXISTS ${DB}`,
      `CREATE TABLE IF NOT EXISTS ${DB}.readable (id INT PRIMARY KEY, name VARCHAR(20))`,
      `CREATE TABLE IF NOT EXISTS ${DB}.secret (id INT PRIMARY KEY)`,
      `CREATE USER IF NOT EXISTS '${NOREAD}'@'%' IDENTIFIED BY '${NOREAD_PASSWORD}'`,
      `GRANT SELECT ON ${DB}.readable TO '${NOREAD}'@'%'`,
      // INSERT only: the table is visible to the user but not readable.
      `GRANT INSERT ON ${DB}.secret TO '${NOREAD}'@'%'`,
    ]) {
      await root.query(sql);
    }
  } finally {
    await closeMysql(root);
  }
});

describe("mysql source config", () => {
  it("maps a connection string and tables onto Fivetran's fields", () => {
    const config = parse(mysqlSource, {
      schema_prefix: "shop",
      connectionString: "mysql://fivetran:p%40ss@db.example.com:3307/shop?ssl=true",
      tables: ["orders", "audit.events"],
    });
    expect(config).toEqual({
      schema_prefix: "shop",
      host: "db.example.com",
      port: 3307,
      database: "shop",
      user: "fivetran",
      password: "p@ss",
      always_encrypted: true,
      tables: ["orders", "audit.events"],
      update_method: "BINLOG",
      connection_type: "Directly",
    });
    expect(parse(mysqlSource, config)).toEqual(config);
  });

  it("marks the password as secret", () => {
    expect(secretKeys(mysqlSource.fields)).toEqual(["password"]);
  });

  it("names bad fields", () => {
    expect(invalid(mysqlSource, { schema_prefix: "m", connectionString: "postgres://u@h/db" })).toMatch(
      /^Invalid value for field 'config.connectionString': expected mysql:\/\//,
    );
    expect(invalid(mysqlSource, { schema_prefix: "m", host: "h", user: "u", tables: ["orders"] })).toBe(
      "Invalid value for field 'config.tables.0': name it as database.table, or set config.database",
    );
    expect(invalid(mysqlSource, { schema_prefix: "m", host: "h", user: "u", update_method: "WAL" })).toMatch(
      /'config.update_method'/,
    );
    expect(invalid(mysqlSource, { schema_prefix: "m", host: "h", user: "u", port: 70000 })).toMatch(/'config.port'/);
  });
});

describe("mysql source setup tests (real MariaDB on 127.0.0.1)", () => {
  it("passes for readable tables with TELEPORT", async () => {
    const config = parse(mysqlSource, {
      schema_prefix: "m",
      connectionString: `${ROOT}/${DB}`,
      tables: ["readable", `${DB}.secret`],
      update_method: "TELEPORT",
    });
    const tests = await mysqlSource.check(config, context());
    expect(summary(tests)).toEqual([
      ["Connecting to database", "PASSED"],
      ["Validating table privileges", "PASSED"],
    ]);
    expect(tests[0]?.message).toMatch(/MariaDB/);
    expect(tests[1]?.message).toBe("2 table(s) readable");
  });

  it("fails as an auth problem for a wrong password", async () => {
    const config = parse(mysqlSource, {
      schema_prefix: "m",
      connectionString: `mysql://${NOREAD}:wrong@127.0.0.1:3306/${DB}`,
    });
    const [test] = await mysqlSource.check(config, context());
    expect(test?.status).toBe("FAILED");
    expect(test?.message).toMatch(/^Authentication failed: Access denied for user 'src_mysql_noread'/);
    expect(test?.message).not.toContain("wrong");
    expect(test?.details).toEqual({ auth: true });
  });

  it("names the tables a user cannot SELECT, configured or discovered", async () => {
    const base = {
      schema_prefix: "m",
      connectionString: `mysql://${NOREAD}:${NOREAD_PASSWORD}@127.0.0.1:3306/${DB}`,
      update_method: "TELEPORT",
    };
    const listed = await mysqlSource.check(
      parse(mysqlSource, { ...base, tables: ["readable", "secret", "nope"] }),
      context(),
    );
    expect(listed[1]).toEqual({
      title: "Validating table privileges",
      status: "FAILED",
      // MySQL answers "denied" for tables the user has no privilege on, existing or not.
      message: `User '${NOREAD}' lacks SELECT on: ${DB}.secret, ${DB}.nope`,
    });
    const discovered = await mysqlSource.check(parse(mysqlSource, base), context());
    expect(discovered[1]?.message).toBe(`User '${NOREAD}' lacks SELECT on: ${DB}.secret`);
  });

  it("reports missing tables as not found for a user who could see them", async () => {
    const config = parse(mysqlSource, {
      schema_prefix: "m",
      connectionString: `${ROOT}/${DB}`,
      tables: ["readable", "missing_table"],
      update_method: "TELEPORT",
    });
    const tests = await mysqlSource.check(config, context());
    expect(tests[1]?.message).toBe(`Tables not found: ${DB}.missing_table`);
  });

  it("checks binlog prerequisites with BINLOG and says how to fix them", async () => {
    const config = parse(mysqlSource, { schema_prefix: "m", connectionString: `${ROOT}/${DB}`, tables: ["readable"] });
    const tests = await mysqlSource.check(config, context());
    const byTitle = Object.fromEntries(tests.map((t) => [t.title, t]));
    // .ci/run gives the local MariaDB a row-based binary log with full row images; root holds
    // ALL PRIVILEGES. (A server without them: the "binlog prerequisites" tests below.)
    expect(byTitle["Checking binary logging"]).toMatchObject({ status: "PASSED", message: "log_bin is ON" });
    expect(byTitle["Checking binlog format"]?.status).toBe("PASSED");
    expect(byTitle["Checking binlog row image"]?.status).toBe("PASSED");
    expect(byTitle["Checking replication privileges"]?.status).toBe("PASSED");

    const noread = parse(mysqlSource, {
      schema_prefix: "m",
      connectionString: `mysql://${NOREAD}:${NOREAD_PASSWORD}@127.0.0.1:3306/${DB}`,
      tables: ["readable"],
    });
    const grants = (await mysqlSource.check(noread, context())).find(
      (t) => t.title === "Checking replication privileges",
    );
    expect(grants).toEqual({
      title: "Checking replication privileges",
      status: "FAILED",
      message: `User '${NOREAD}' lacks REPLICATION SLAVE and REPLICATION CLIENT: GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '${NOREAD}'@'%'`,
    });
  });

  it("fails clearly when nothing listens", async () => {
    const config = parse(mysqlSource, { schema_prefix: "m", host: "127.0.0.1", port: 1, user: "root" });
    const [test] = await mysqlSource.check(config, context());
    expect(test).toMatchObject({ title: "Connecting to database", status: "FAILED", details: { auth: false } });
    expect(test?.message).toMatch(/^Could not connect/);
  });
});

describe("binlog prerequisites", () => {
  const good = {
    variables: { log_bin: "ON", binlog_format: "ROW", binlog_row_image: "FULL", binlog_expire_logs_seconds: "604800" },
    grants: ["GRANT SELECT, REPLICATION SLAVE, BINLOG MONITOR ON *.* TO `fivetran`@`%`"],
    user: "fivetran",
  };

  it("pass on a server configured for CDC (MariaDB naming REPLICATION CLIENT as BINLOG MONITOR)", () => {
    expect(binlogTests(good).map((t) => t.status)).toEqual(["PASSED", "PASSED", "PASSED", "PASSED", "PASSED"]);
  });

  it("fail on a server without a binary log, or logging in MIXED format, and say how to fix it", () => {
    const tests = binlogTests({ ...good, variables: { ...good.variables, log_bin: "OFF", binlog_format: "MIXED" } });
    const byTitle = Object.fromEntries(tests.map((t) => [t.title, t]));
    expect(byTitle["Checking binary logging"]?.status).toBe("FAILED");
    expect(byTitle["Checking binary logging"]?.message).toMatch(/set log_bin .* Or use update_method TELEPORT/);
    expect(byTitle["Checking binlog format"]?.status).toBe("FAILED");
    expect(byTitle["Checking binlog format"]?.message).toMatch(/binlog_format is MIXED; .* binlog_format = ROW/);
  });

  it("warn on short retention and fail on a MINIMAL row image", () => {
    const tests = binlogTests({
      ...good,
      variables: { ...good.variables, binlog_row_image: "MINIMAL", binlog_expire_logs_seconds: "86400" },
    });
    expect(summary(tests)).toEqual([
      ["Checking binary logging", "PASSED"],
      ["Checking binlog format", "PASSED"],
      ["Checking binlog row image", "FAILED"],
      ["Checking binlog retention", "WARNING"],
      ["Checking replication privileges", "PASSED"],
    ]);
    expect(tests[3]?.message).toMatch(/kept only 24 h/);
  });

  it("read retention from expire_logs_days on older servers and ignore grants on single databases", () => {
    const tests = binlogTests({
      ...good,
      variables: { log_bin: "ON", binlog_format: "ROW", expire_logs_days: "10" },
      grants: ["GRANT REPLICATION SLAVE, REPLICATION CLIENT ON `shop`.* TO `fivetran`@`%`"],
    });
    expect(tests.find((t) => t.title === "Checking binlog retention")?.message).toBe("Binlogs are kept 240 h");
    expect(tests.find((t) => t.title === "Checking replication privileges")?.status).toBe("FAILED");
  });
});

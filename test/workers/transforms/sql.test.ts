/** SQL transforms: the rules a query must follow and the types its columns get (engine/transforms/sql.ts). */
import { describe, expect, it } from "vitest";
import type { Column, Stream } from "../../../src/engine/protocol";
import { analyzeQuery, TransformQueryError } from "../../../src/engine/transforms/sql";

const col = (name: string, type: Column["type"]): Column => ({ name, type, sourceType: type, nullable: true });
const stream: Stream = {
  namespace: "public",
  name: "users",
  columns: [
    col("id", "long"),
    col("email", "string"),
    col("score", "float"),
    col("amount", "decimal"),
    col("at", "timestamptz"),
  ],
  primaryKey: ["id"],
  cursorCandidates: [],
};
const types = (query: string) => analyzeQuery(query, stream).columns?.map((c) => c?.type);

describe("SQL transform analysis", () => {
  it("types each result column from the query and the source", () => {
    expect(
      types(`SELECT id, LOWER(email) AS e, at, CASE WHEN email = 'x' THEN true ELSE false END AS b,
        count(*) AS n, id + 1 AS next, score * 2 AS s, CAST(amount AS INTEGER) AS whole, email LIKE '%@x' AS l,
        avg(score) AS mean, json_object('a', id) AS j, date(at) AS d, coalesce(email, 'none') AS c, NOT (id > 1) AS neg
        FROM {{ source }}`),
    ).toEqual([
      "long",
      "string",
      "timestamptz",
      "boolean",
      "long",
      "long",
      "float",
      "long",
      "boolean",
      "float",
      "json",
      "date",
      "string",
      "boolean",
    ]);
    expect(types("SELECT * FROM {{ source }}")).toEqual(["long", "string", "float", "decimal", "timestamptz"]);
    expect(types("SELECT s.*, 1 AS one FROM {{ source }} s")).toEqual([
      "long",
      "string",
      "float",
      "decimal",
      "timestamptz",
      "long",
    ]);
    // A source column keeps everything it had (precision, nullability), whatever its alias.
    expect(analyzeQuery("SELECT {{ source }}.email AS mail FROM {{ source }}", stream).columns?.[0]).toEqual(
      col("email", "string"),
    );
  });

  it("accepts CTEs, subqueries and windows that read the batch once", () => {
    expect(() =>
      analyzeQuery(
        "WITH active AS (SELECT * FROM {{ source }} WHERE score > 0) SELECT id, row_number() OVER (ORDER BY score) AS r FROM active;",
        stream,
      ),
    ).not.toThrow();
    expect(analyzeQuery("  SELECT id FROM {{source}} ;  ", stream).sql).toBe("SELECT id FROM __source__");
  });

  it("refuses a CTE read twice, table functions outside the allow-list, and says where", () => {
    expect(() => analyzeQuery("WITH a AS (SELECT * FROM {{ source }}) SELECT * FROM a x, a y", stream)).toThrow(
      /the CTE a is read more than once.*\(line 1, column 59\)/,
    );
    expect(() => analyzeQuery("SELECT * FROM {{ source }}, pragma_table_info('x')", stream)).toThrow(
      /the function pragma_table_info\(\) is not accepted/,
    );
    expect(() => analyzeQuery("SELECT id,\n  zeroblob(1e9) AS z FROM {{ source }}", stream)).toThrow(
      /zeroblob\(\) .* \(line 2, column 3\)/,
    );
    expect(() => analyzeQuery("SELECT load_extension('x') FROM {{ source }}", stream)).toThrow(TransformQueryError);
    expect(() => analyzeQuery("BEGIN; SELECT 1 FROM {{ source }}", stream)).toThrow(/2 statements/);
    expect(() => analyzeQuery("INSERT INTO t SELECT * FROM {{ source }}", stream)).toThrow(/not INSERT/);
  });
});

/** Source conformance: one line per source connector (see suite.ts for the checks). */
import { afterAll } from "vitest";
import { declarativeFixture } from "./fixtures/declarative";
import { graphqlFixture } from "./fixtures/graphql";
import { mongodbFixture } from "./fixtures/mongodb";
import { mysqlBinlogFixture, mysqlFixture } from "./fixtures/mysql";
import { dropWalSlot, postgresFixture, postgresKeylessFixture, postgresWalFixture } from "./fixtures/postgres";
import { restFixture } from "./fixtures/rest";
import { sampleFixture } from "./fixtures/sample";
import { snowflakeFixture } from "./fixtures/snowflake";
import { sourceConformance } from "./suite";

sourceConformance("postgres", postgresFixture);
sourceConformance("postgres (tables without a primary key)", postgresKeylessFixture);
sourceConformance("postgres (logical replication)", postgresWalFixture);
afterAll(dropWalSlot);
sourceConformance("sample", sampleFixture);
sourceConformance("mongodb", mongodbFixture);
sourceConformance("snowflake", snowflakeFixture);
sourceConformance("mysql", mysqlFixture);
sourceConformance("mysql (binlog)", mysqlBinlogFixture);
sourceConformance("declarative_manifest", declarativeFixture);
sourceConformance("rest", restFixture);
sourceConformance("graphql", graphqlFixture);

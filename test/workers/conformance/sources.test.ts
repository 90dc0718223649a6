/** Source conformance: one line per source connector (see suite.ts for the checks). */
import { afterAll } from "vitest";
import { mongodbFixture } from "./fixtures/mongodb";
import { mysqlFixture } from "./fixtures/mysql";
import { dropWalSlot, postgresFixture, postgresKeylessFixture, postgresWalFixture } from "./fixtures/postgres";
import { sampleFixture } from "./fixtures/sample";
import { snowflakeFixture } from "./fixtures/snowflake";
import { stripeFixture } from "./fixtures/stripe";
import { sourceConformance } from "./suite";

sourceConformance("postgres", postgresFixture);
sourceConformance("postgres (tables without a primary key)", postgresKeylessFixture);
sourceConformance("postgres (logical replication)", postgresWalFixture);
afterAll(dropWalSlot);
sourceConformance("sample", sampleFixture);
sourceConformance("mongodb", mongodbFixture);
sourceConformance("snowflake", snowflakeFixture);
sourceConformance("mysql", mysqlFixture);
sourceConformance("stripe (declarative manifest)", stripeFixture);

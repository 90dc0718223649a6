/** Source conformance: one line per source connector (see suite.ts for the checks). */
import { afterAll } from "vitest";
import { fsxFixture } from "./fixtures/fsx";
import { gcsJsonFixture, gcsXmlFixture } from "./fixtures/gcs";
import { mongodbFixture } from "./fixtures/mongodb";
import { mysqlFixture } from "./fixtures/mysql";
import { dropWalSlot, postgresFixture, postgresKeylessFixture, postgresWalFixture } from "./fixtures/postgres";
import { s3Fixture } from "./fixtures/s3";
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
sourceConformance("s3", s3Fixture);
sourceConformance("gcs (JSON API, service account)", gcsJsonFixture);
sourceConformance("gcs (XML API, HMAC key)", gcsXmlFixture);
sourceConformance("fsx", fsxFixture);

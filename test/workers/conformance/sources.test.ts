/** Source conformance: one line per source connector (see suite.ts for the checks). */
import { mysqlFixture } from "./fixtures/mysql";
import { postgresFixture, postgresKeylessFixture } from "./fixtures/postgres";
import { sampleFixture } from "./fixtures/sample";
import { sourceConformance } from "./suite";

sourceConformance("postgres", postgresFixture);
sourceConformance("postgres (tables without a primary key)", postgresKeylessFixture);
sourceConformance("sample", sampleFixture);
sourceConformance("mysql", mysqlFixture);

/** Destination conformance: one line per destination connector (see suite.ts for the checks). */
import { bigQueryFixture } from "./fixtures/bigquery";
import { d1Fixture } from "./fixtures/d1";
import { postgresDestinationFixture } from "./fixtures/postgres";
import { r2Fixture } from "./fixtures/r2";
import { snowflakeDestinationFixture } from "./fixtures/snowflake-destination";
import { destinationConformance } from "./suite";

destinationConformance("postgres", postgresDestinationFixture);
destinationConformance("d1", d1Fixture);
destinationConformance("r2", r2Fixture);
destinationConformance("snowflake", snowflakeDestinationFixture);
destinationConformance("big_query", bigQueryFixture);

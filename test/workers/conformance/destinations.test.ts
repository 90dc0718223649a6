/** Destination conformance: one line per destination connector (see suite.ts for the checks). */
import { d1Fixture } from "./fixtures/d1";
import { postgresDestinationFixture } from "./fixtures/postgres";
import { r2Fixture } from "./fixtures/r2";
import { destinationConformance } from "./suite";

destinationConformance("postgres", postgresDestinationFixture);
destinationConformance("d1", d1Fixture);
destinationConformance("r2", r2Fixture);

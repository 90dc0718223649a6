import { expect } from "vitest";
import { InvalidInputError } from "../../../src/engine/errors";
import type { ConnectorContext, SetupTest, SourceDefinition } from "../../../src/engine/protocol";
import { parseConfig, secretKeys } from "../../../src/engine/toolkit/config";
import { TEST_EGRESS } from "../engine/harness";

/** A ConnectorContext whose fetch is a fake vendor (or the real fetch for local servers). */
export function context(fakeFetch: typeof fetch = fetch, now = new Date("2026-01-15T10:00:00Z")): ConnectorContext {
  return { fetch: fakeFetch, log: { info() {}, warn() {} }, now: () => now, bindings: {}, egress: TEST_EGRESS };
}

/** parseConfig for a source, typed for its check(). */
export function parse<D extends SourceDefinition>(definition: D, input: Record<string, unknown>, stored = {}) {
  return parseConfig(definition as unknown as SourceDefinition, input, stored) as Parameters<D["check"]>[0];
}

/** The 400 InvalidInput message parseConfig raises for bad config. */
export function invalid(definition: SourceDefinition, input: Record<string, unknown>): string {
  try {
    parseConfig(definition, input);
  } catch (error) {
    // The engine's own class; the API answers it as 400 InvalidInput.
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).message;
  }
  throw new Error("expected the config to be rejected");
}

/** [title, status] pairs, the shape a user scans first. */
export function summary(tests: SetupTest[]): [string, string][] {
  return tests.map((t) => [t.title, t.status]);
}

export { secretKeys };

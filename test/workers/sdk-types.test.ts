/** The SDK's public types, pinned: a change to them is a change users see (vitest expectTypeOf). */
import { describe, expectTypeOf, it } from "vitest";
import type {
  Connector,
  ConnectorDeclaration,
  ConnectorStatus,
  Fivetran,
  FivetranEvent,
  FivetranOptions,
  SyncRun,
} from "../../sdk/index";

describe("@dotdo/fivetran public types", () => {
  it("pins the Fivetran class, the declaration and the handle", () => {
    expectTypeOf<FivetranOptions>().toHaveProperty("id").toEqualTypeOf<string>();
    expectTypeOf<FivetranOptions["fetch"]>().toEqualTypeOf<((request: Request) => Promise<Response>) | undefined>();
    expectTypeOf<Fivetran["createConnector"]>().parameters.toEqualTypeOf<[ConnectorDeclaration]>();
    expectTypeOf<Fivetran["createConnector"]>().returns.toEqualTypeOf<Connector>();
    expectTypeOf<Fivetran["onSyncComplete"]>().parameters.toEqualTypeOf<
      [(event: FivetranEvent) => void | Promise<void>]
    >();
    expectTypeOf<Fivetran["onSyncComplete"]>().returns.toEqualTypeOf<() => void>();
    expectTypeOf<ConnectorDeclaration["sync"]>().toEqualTypeOf<
      | {
          schedule?: string;
          cron?: string;
          mode?: "full" | "incremental";
          cursor?: string;
          lookback?: string;
          retries?: number;
          backoff?: "exponential" | "linear" | "fixed";
          paused?: boolean;
          trigger?: { url: true } | { queue: string } | { after: Connector | string };
        }
      | undefined
    >();
    expectTypeOf<Connector["status"]>().returns.resolves.toEqualTypeOf<ConnectorStatus>();
    expectTypeOf<ConnectorStatus["status"]>().toEqualTypeOf<"healthy" | "syncing" | "paused" | "failing">();
    expectTypeOf<ConnectorStatus["stats"]>().toEqualTypeOf<{
      rowsSynced: number;
      bytesTransferred: number;
      duration: number;
    }>();
    expectTypeOf<Connector["history"]>().returns.resolves.toEqualTypeOf<SyncRun[]>();
    expectTypeOf<Connector["pause"]>().returns.resolves.toBeVoid();
    expectTypeOf<Connector["delete"]>().returns.resolves.toBeVoid();
  });
});

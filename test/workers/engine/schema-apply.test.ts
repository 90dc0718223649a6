/**
 * Queued destination changes (engine/schema-apply.ts): a writer with `evolve` runs them; one
 * without says it could not, unless its own `migrate` applies the change (a widening on a
 * destination that declares `migrateWidens`, as R2 and the warehouses do).
 */
import { describe, expect, it } from "vitest";
import { R2_CAPABILITIES } from "../../../src/engine/destinations/r2/writer";
import type { DestinationCapabilities, DestinationWriter } from "../../../src/engine/protocol";
import { applyPendingOps } from "../../../src/engine/schema-apply";
import type { EvolveOp, PendingOp } from "../../../src/engine/schema-policy";

const column = { name: "n", type: "float" as const, sourceType: "double precision", nullable: true };

function connector(ops: PendingOp[]) {
  const queued = ops.map((op, i) => ({ ...op, id: i + 1 }));
  const completed: number[] = [];
  return {
    completed,
    pendingOps: async () => queued.filter((op) => !completed.includes(op.id)),
    completeOps: async (ids: number[]) => {
      completed.push(...ids);
    },
  };
}

function writer(capabilities: DestinationCapabilities, evolved?: EvolveOp[]): DestinationWriter {
  const none = async () => {
    throw new Error("not called");
  };
  return {
    capabilities,
    migrate: none,
    write: none,
    delete: none,
    truncate: none,
    flush: async () => {},
    close: async () => {},
    ...(evolved
      ? {
          evolve: async (_schema: string, _table: string, op: EvolveOp) => {
            evolved.push(op);
            return true;
          },
        }
      : {}),
  };
}

const widen: PendingOp = { schema: "s", table: "t", op: { kind: "alter_type", column, widening: true } };
const narrow: PendingOp = { schema: "s", table: "t", op: { kind: "alter_type", column, widening: false } };
const drop: PendingOp = { schema: "s", table: "t", op: { kind: "drop_column", column: "old" } };

describe("applyPendingOps", () => {
  it("runs every change on a writer with evolve", async () => {
    const evolved: EvolveOp[] = [];
    const c = connector([widen, drop]);
    const result = await applyPendingOps(c, writer({ ...R2_CAPABILITIES, migrateWidens: false }, evolved), (n) => n);
    expect(evolved).toEqual([widen.op, drop.op]);
    expect(result.warnings).toEqual([]);
    expect(c.completed).toEqual([1, 2]);
  });

  it("leaves a widening to a destination whose migrate widens, and warns of what it cannot apply", async () => {
    const c = connector([widen, narrow, drop]);
    const result = await applyPendingOps(c, writer(R2_CAPABILITIES), (n) => n);
    expect(result.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/cannot apply alter_type/),
      expect.stringMatching(/cannot apply drop_column/),
    ]);
    expect(c.completed).toEqual([1, 2, 3]);
  });

  it("warns of a widening on a destination that neither evolves nor widens in migrate", async () => {
    const c = connector([widen]);
    const result = await applyPendingOps(c, writer({ ...R2_CAPABILITIES, migrateWidens: false }), (n) => n);
    expect(result.warnings).toEqual([expect.objectContaining({ code: "schema_change_not_applied", stream: "s.t" })]);
  });
});

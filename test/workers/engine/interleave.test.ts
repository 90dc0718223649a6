/**
 * A slice lets the rest of the Worker in while it runs (engine/runner.ts YIELD_EVERY_MS): a
 * sample source and a local D1 answer every await as a microtask, and before the slice yielded a
 * macrotask now and then, the API answered nothing, not even `POST /sync`, until the whole sync
 * had run. Asserted by order, not by time: requests sent during the sync are answered while it
 * is still running.
 */
import { describe, expect, it } from "vitest";
import { call } from "../helpers";

const id = () => crypto.randomUUID().replace(/-/g, "").slice(0, 8);

describe("a running slice and the API", () => {
  it("answers requests while a sample → D1 sync of 600,000 rows runs", async () => {
    const group = await call("POST", "/v1/groups", { body: { name: `interleave_${id()}` } });
    const groupId: string = group.json.data.id;
    const destination = await call("POST", "/v1/destinations", {
      body: { group_id: groupId, service: "d1", time_zone_offset: "0", config: { database: "WAREHOUSE" } },
    });
    expect(destination.status).toBe(201);
    const connection = await call("POST", "/v1/connections", {
      body: {
        group_id: groupId,
        service: "sample",
        schedule_type: "manual",
        run_setup_tests: false,
        config: { schema: `interleave_${id()}`, scale: 200_000 },
      },
    });
    expect(connection.status, JSON.stringify(connection.json)).toBe(201);
    const connectionId: string = connection.json.data.id;
    expect((await call("POST", `/v1/connections/${connectionId}/sync`)).status).toBe(200);

    // Wait for the run to start, then ask while it runs: the answers must come before it ends.
    const states: string[] = [];
    let ended = false;
    for (let i = 0; i < 600 && !ended; i++) {
      const details = (await call("GET", `/v1/connections/${connectionId}`)).json.data;
      states.push(details.status.sync_state);
      ended = details.status.last_run?.status === "succeeded" && details.status.sync_state !== "syncing";
      if (!ended) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(ended).toBe(true);
    // Several answers while syncing, then the end: the run did not hold the thread to itself.
    expect(states.filter((s) => s === "syncing").length, states.join(" ")).toBeGreaterThanOrEqual(3);
    const details = (await call("GET", `/v1/connections/${connectionId}`)).json.data;
    expect(details.status.last_run.rows).toBe(600_000);
  }, 300_000);
});

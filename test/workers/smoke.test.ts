import { describe, expect, it } from "vitest";
import { call } from "./helpers";

describe("smoke", () => {
  it("creates a group", async () => {
    const res = await call("POST", "/v1/groups", { body: { name: "analytics" } });
    expect(res.status).toBe(201);
    expect(res.json.data.name).toBe("analytics");
  });
});

import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createFivetranClient, type Schema } from "../../sdk/index";

/** The SDK talking to this Worker's own fetch handler, as the bootstrap account. */
function client(apiSecret = env.FIVETRAN_API_SECRET as string) {
  return createFivetranClient({
    baseUrl: "http://127.0.0.1:8787",
    apiKey: env.FIVETRAN_API_KEY as string,
    apiSecret,
    fetch: (request) => exports.default.fetch(request),
  });
}

/** A group name no other test uses (names are unique per account). */
function uniqueName(prefix: string): string {
  return `${prefix}_${crypto.randomUUID().slice(0, 8)}`;
}

describe("SDK round trip", () => {
  it("creates, reads, renames, lists and deletes a group with typed responses", async () => {
    const api = client();

    const created = await api.POST("/v1/groups", { body: { name: uniqueName("sdk") } });
    expect(created.response.status).toBe(201);
    expect(created.error).toBeUndefined();
    if (!created.data) throw new Error("create returned no data");
    const group: Schema<"Group"> = created.data.data;
    const id: string = created.data.data.id;
    expect(created.data.code).toBe("Success");
    expect(created.data.message).toBe("Group has been created");

    const got = await api.GET("/v1/groups/{groupId}", { params: { path: { groupId: id } } });
    expect(got.response.status).toBe(200);
    expect(got.data?.data).toEqual(group);

    const renamed = uniqueName("renamed");
    const patched = await api.PATCH("/v1/groups/{groupId}", {
      params: { path: { groupId: id } },
      body: { name: renamed },
    });
    expect(patched.response.status).toBe(200);
    expect(patched.data?.data).toEqual({ ...group, name: renamed });

    const deleted = await api.DELETE("/v1/groups/{groupId}", { params: { path: { groupId: id } } });
    expect(deleted.response.status).toBe(200);
    expect(deleted.data).toEqual({ code: "Success", message: `Group with id '${id}' has been deleted` });

    const gone = await api.GET("/v1/groups/{groupId}", { params: { path: { groupId: id } } });
    expect(gone.response.status).toBe(404);
    expect(gone.data).toBeUndefined();
    const error: Schema<"Error"> | undefined = gone.error;
    expect(error).toEqual({ code: "NotFound_Group", message: `Group with id '${id}' does not exist.` });
  });

  it("pages through groups with limit and next_cursor", async () => {
    const api = client();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { data } = await api.POST("/v1/groups", { body: { name: uniqueName(`page${i}`) } });
      if (!data) throw new Error("create returned no data");
      ids.push(data.data.id);
    }

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { data, error, response } = await api.GET("/v1/groups", { params: { query: { limit: 2, cursor } } });
      expect(error).toBeUndefined();
      expect(response.status).toBe(200);
      if (!data) throw new Error("list returned no data");
      expect(data.data.items.length).toBeLessThanOrEqual(2);
      seen.push(...data.data.items.map((item) => item.id));
      cursor = data.data.next_cursor;
      pages++;
    } while (cursor !== undefined && pages < 100);

    expect(cursor).toBeUndefined();
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(ids));
  });

  it("rejects unknown paths and wrong bodies at compile time", () => {
    const api = client();
    // Never called: only `tsc` looks at these.
    const unused = [
      // @ts-expect-error: not a path of the API
      () => api.GET("/v1/no_such_path"),
      // @ts-expect-error: a group's name is a string
      () => api.POST("/v1/groups", { body: { name: 1 } }),
      // @ts-expect-error: the path parameter is required
      () => api.GET("/v1/groups/{groupId}"),
    ];
    expect(unused).toHaveLength(3);
  });

  it("returns the API's errors as typed { code, message }", async () => {
    const invalid = await client().POST("/v1/groups", { body: { name: "" } });
    expect(invalid.response.status).toBe(400);
    expect(invalid.error?.code).toBe("InvalidInput");
    expect(invalid.error?.message).toContain("name");

    const unauthorized = await client("wrong secret").GET("/v1/groups");
    expect(unauthorized.response.status).toBe(401);
    expect(unauthorized.error?.code).toBe("Unauthorized");
    expect(typeof unauthorized.error?.message).toBe("string");
  });
});

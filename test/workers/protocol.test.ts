import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { basic, call, newAccount } from "./helpers";

describe("authentication", () => {
  it("answers 401 with Fivetran's JSON envelope without credentials", async () => {
    const res = await call("GET", "/v1/groups", { auth: null });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ code: "Unauthorized", message: expect.stringContaining("HTTP Basic") });
    expect(res.headers.get("www-authenticate")).toMatch(/^Basic/);
  });

  it("answers 401 for a wrong secret, an unknown key, garbage and a Bearer token", async () => {
    for (const auth of [
      basic("test_api_key", "wrong"),
      basic("nobody", "nothing"),
      "Basic !!!notbase64",
      `Basic ${btoa("no-colon")}`,
      "Bearer test_api_secret",
    ]) {
      const res = await call("GET", "/v1/groups", { auth });
      expect(res.status, auth).toBe(401);
      expect(res.json.code).toBe("Unauthorized");
    }
  });

  it("checks credentials before reading the body", async () => {
    const res = await call("POST", "/v1/groups", { auth: null, body: "{not json" });
    expect(res.status).toBe(401);
  });
});

describe("envelope and errors", () => {
  it("answers an unknown route with a JSON 404", async () => {
    const res = await call("GET", "/v1/nothing/here");
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ code: "NotFound", message: "No route for GET /v1/nothing/here" });
  });

  it("answers a wrong method with 405 and Allow", async () => {
    const res = await call("PUT", "/v1/groups");
    expect(res.status).toBe(405);
    expect(res.json.code).toBe("MethodNotAllowed");
    expect(res.headers.get("allow")?.split(", ").sort()).toEqual(["GET", "POST"]);
    const item = await call("POST", "/v1/groups/some_id/");
    expect(item.status).toBe(405);
    expect(item.headers.get("allow")?.split(", ").sort()).toEqual(["DELETE", "GET", "PATCH"]);
  });

  it("answers malformed JSON with 400 InvalidInput", async () => {
    const res = await call("POST", "/v1/groups", { body: '{"name": ' });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ code: "InvalidInput", message: "Malformed JSON in request body" });
  });

  it("accepts Content-Type application/json;version=2, no Content-Type, and empty bodies", async () => {
    const auth = await newAccount();
    const v2 = await call("POST", "/v1/groups", {
      auth,
      body: { name: "v2" },
      headers: { "content-type": "application/json;version=2", accept: "application/json;version=2" },
    });
    expect(v2.status).toBe(201);
    const bare = await call("POST", "/v1/groups", { auth, body: '{"name":"bare"}', headers: { "content-type": "" } });
    expect(bare.status).toBe(201);
    const empty = await call("PATCH", `/v1/groups/${v2.json.data.id}`, {
      auth,
      headers: { "content-type": "application/json;version=2" },
    });
    expect(empty.status).toBe(200);
  });

  it("answers Accept application/json;version=2, */* and none alike", async () => {
    const bodies = [];
    for (const accept of ["application/json;version=2", "*/*", "application/json", undefined]) {
      const res = await call("GET", "/v1/account/info", { headers: accept ? { accept } : {} });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      bodies.push(res.json);
    }
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
  });

  it("tolerates trailing slashes", async () => {
    const auth = await newAccount();
    expect((await call("GET", "/v1/groups/", { auth })).status).toBe(200);
    const created = await call("POST", "/v1/groups/", { auth, body: { name: "slash" } });
    expect(created.status).toBe(201);
    expect((await call("GET", `/v1/groups/${created.json.data.id}/`, { auth })).status).toBe(200);
  });

  it("puts a request id on every response, errors included", async () => {
    const ok = await call("GET", "/v1/account/info");
    const bad = await call("GET", "/v1/groups", { auth: null });
    const missing = await call("GET", "/v1/nope");
    const ids = [ok, bad, missing].map((r) => r.headers.get("x-request-id"));
    for (const id of ids) expect(id).toBeTruthy();
    expect(new Set(ids).size).toBe(3);
  });

  it("serves the OpenAPI document and the reference without auth", async () => {
    const doc = await call("GET", "/openapi.json", { auth: null });
    expect(doc.status).toBe(200);
    expect(doc.json.openapi).toBe("3.1.0");
    expect(doc.json.paths["/v1/groups"].post.responses["201"]).toBeDefined();
    expect(doc.json.components.securitySchemes.basicAuth).toEqual(expect.objectContaining({ scheme: "basic" }));
    const docs = await exports.default.fetch("http://127.0.0.1:8787/docs");
    expect(docs.status).toBe(200);
    expect(docs.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await docs.text()).toContain("/openapi.json");
  });
});

describe("pagination", () => {
  it("walks several pages in a stable order and omits next_cursor on the last one", async () => {
    const auth = await newAccount();
    const names = Array.from({ length: 7 }, (_, i) => `group_${i}`);
    for (const name of names) await call("POST", "/v1/groups", { auth, body: { name } });

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await call("GET", `/v1/groups?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, {
        auth,
      });
      expect(res.status).toBe(200);
      seen.push(...res.json.data.items.map((g: { name: string }) => g.name));
      cursor = res.json.data.next_cursor;
      pages++;
      // A group created mid-walk lands at the end and never shifts or repeats earlier items.
      if (pages === 1) await call("POST", "/v1/groups", { auth, body: { name: "late" } });
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...names, "late"]);
  });

  it("returns everything on one page without next_cursor when it fits", async () => {
    const auth = await newAccount();
    await call("POST", "/v1/groups", { auth, body: { name: "only" } });
    const res = await call("GET", "/v1/groups", { auth });
    expect(res.json.data.items).toHaveLength(1);
    expect("next_cursor" in res.json.data).toBe(false);
  });

  it("answers 400 for limits outside 1..1000 and for a cursor it did not issue", async () => {
    for (const query of ["limit=0", "limit=1001", "limit=abc", "cursor=bm90LWEtY3Vyc29y", "cursor=%%%"]) {
      const res = await call("GET", `/v1/groups?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.json.code).toBe("InvalidInput");
    }
    expect((await call("GET", "/v1/groups?limit=1000")).status).toBe(200);
  });
});

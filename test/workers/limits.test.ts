/**
 * Bounded requests (issue #9 §5): body and URL limits, and every runtime error in Fivetran's
 * envelope with the right status.
 */
import { env, exports } from "cloudflare:workers";
import { HTTPException } from "hono/http-exception";
import { describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/app";
import { DEFAULT_MAX_BODY_BYTES, MAX_URL_BYTES } from "../../src/middleware/limits";
import { BOOTSTRAP, call } from "./helpers";

const BASE = "http://127.0.0.1:8787";

/** A JSON object `{"name": …, "pad": "aaa…"}` of exactly `bytes` bytes. */
function paddedGroup(bytes: number): string {
  const head = `{"name":"limits_${crypto.randomUUID().slice(0, 8)}","pad":"`;
  const tail = `"}`;
  return head + "a".repeat(bytes - head.length - tail.length) + tail;
}

async function send(request: Request) {
  const response = await exports.default.fetch(request);
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : undefined };
}

/** A body stream of `chunks` chunks of `size` bytes, counting how many were pulled. */
function countingStream(chunks: number, size: number) {
  const state = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= chunks) return controller.close();
      state.pulled++;
      controller.enqueue(new TextEncoder().encode(" ".repeat(size)));
    },
  });
  return { stream, state };
}

describe("request body limit", () => {
  it("is 2 MiB by default", () => {
    expect(DEFAULT_MAX_BODY_BYTES).toBe(2 * 1024 * 1024);
  });

  it("passes a body of exactly the limit to validation and refuses one byte more with 413", async () => {
    const atLimit = paddedGroup(DEFAULT_MAX_BODY_BYTES);
    expect(new TextEncoder().encode(atLimit).length).toBe(DEFAULT_MAX_BODY_BYTES);
    const accepted = await call("POST", "/v1/groups", { body: atLimit });
    // Unknown fields are ignored: the group is created.
    expect(accepted.status).toBe(201);
    expect(accepted.json.data.name).toMatch(/^limits_/);

    const over = await call("POST", "/v1/groups", { body: paddedGroup(DEFAULT_MAX_BODY_BYTES + 1) });
    expect(over.status).toBe(413);
    expect(over.json).toEqual({
      code: "PayloadTooLarge",
      message: "The request body is larger than the limit of 2 MiB (2097152 bytes)",
    });
  });

  it("refuses a chunked body (no Content-Length) once it grows over the limit", async () => {
    // 64 chunks of 64 KiB = 4 MiB, sent without Content-Length.
    const { stream, state } = countingStream(64, 64 * 1024);
    const request = new Request(`${BASE}/v1/groups`, {
      method: "POST",
      headers: { authorization: BOOTSTRAP, "content-type": "application/json" },
      body: stream,
    });
    expect(request.headers.get("content-length")).toBeNull();
    const res = await send(request);
    expect(res.status).toBe(413);
    expect(res.json.code).toBe("PayloadTooLarge");
    // Reading stopped at the limit (2 MiB = 32 chunks), plus at most the stream's read-ahead.
    expect(state.pulled).toBeLessThanOrEqual(34);
  });

  it("reads a chunked body under the limit", async () => {
    const body = new TextEncoder().encode(JSON.stringify({ name: `limits_chunked_${Date.now()}` }));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(body);
        controller.close();
      },
    });
    const res = await send(
      new Request(`${BASE}/v1/groups`, { method: "POST", headers: { authorization: BOOTSTRAP }, body: stream }),
    );
    expect(res.status).toBe(201);
    expect(res.json.data.name).toMatch(/^limits_chunked_/);
  });

  it("refuses a 120 MB Content-Length without reading the body", async () => {
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        if (pulls === 1) controller.enqueue(new Uint8Array(1024));
        else controller.error(new Error("the body was read beyond its first chunk"));
      },
    });
    const request = new Request(`${BASE}/v1/groups`, {
      method: "POST",
      headers: { authorization: BOOTSTRAP, "content-type": "application/json", "content-length": String(120 << 20) },
      body: stream,
    });
    // The app's own fetch: through `exports.default.fetch` workerd's transport pumps the body
    // ahead of the Worker, which would blur what the Worker itself reads.
    const res = await createApp().fetch(request, env);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { code: string }).code).toBe("PayloadTooLarge");
    // The first pull is the stream filling its queue when constructed; nothing read it.
    expect(pulls).toBeLessThanOrEqual(1);
  });

  it("checks credentials before the size: a huge body from nobody is 401, unread", async () => {
    const { stream, state } = countingStream(1, 1);
    const res = await createApp().fetch(
      new Request(`${BASE}/v1/groups`, {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": String(120 << 20) },
        body: stream,
      }),
      env,
    );
    expect(res.status).toBe(401);
    expect(state.pulled).toBeLessThanOrEqual(1);
  });

  it("follows FIVETRAN_MAX_BODY_BYTES", async () => {
    const app = createApp();
    const small = { ...env, FIVETRAN_MAX_BODY_BYTES: "1024" };
    const post = (body: string) =>
      app.fetch(
        new Request(`${BASE}/v1/groups`, {
          method: "POST",
          headers: { authorization: BOOTSTRAP, "content-type": "application/json" },
          body,
        }),
        small,
      );
    const over = await post(paddedGroup(1025));
    expect(over.status).toBe(413);
    expect(await over.json()).toEqual({
      code: "PayloadTooLarge",
      message: "The request body is larger than the limit of 1 KiB (1024 bytes)",
    });
    expect((await post(paddedGroup(1024))).status).toBe(201);
  });
});

describe("the OpenAPI document", () => {
  it("is built once per app and served identically", async () => {
    const app = createApp();
    const build = vi.spyOn(app, "getOpenAPI31Document");
    const first = await app.fetch(new Request(`${BASE}/openapi.json`), env);
    const second = await app.fetch(new Request(`${BASE}/openapi.json`), env);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toMatch(/^application\/json/);
    const [a, b] = [await first.text(), await second.text()];
    expect(b).toBe(a);
    expect(JSON.parse(a).openapi).toBe("3.1.0");
    expect(build).toHaveBeenCalledTimes(1);
  });

  it("names the middleware's answers on every route: 406, 414 and 429 everywhere, 413 and 415 where a body is read", async () => {
    const document = await (await createApp().fetch(new Request(`${BASE}/openapi.json`), env)).json<{
      paths: Record<string, Record<string, { responses: Record<string, { headers?: Record<string, unknown> }> }>>;
    }>();
    const create = document.paths["/v1/groups"]?.post?.responses ?? {};
    const list = document.paths["/v1/groups"]?.get?.responses ?? {};
    for (const status of ["406", "413", "414", "415", "429"]) expect(create, status).toHaveProperty(status);
    expect(create["429"]?.headers).toHaveProperty("Retry-After");
    for (const status of ["406", "414", "429"]) expect(list, status).toHaveProperty(status);
    expect(list).not.toHaveProperty("413");
    // The handler's own answers stay as the route declares them.
    expect(create).toHaveProperty("201");
    expect(create).toHaveProperty("400");
  });
});

describe("every error is an envelope", () => {
  const cases: { name: string; request: () => Request; status: number; code?: string | RegExp }[] = [
    {
      name: "a 64 KiB path",
      request: () =>
        new Request(`${BASE}/v1/groups/${"a".repeat(64 * 1024)}`, { headers: { authorization: BOOTSTRAP } }),
      status: 414,
      code: "UriTooLong",
    },
    {
      name: "a 1 MiB query",
      request: () =>
        new Request(`${BASE}/v1/groups?cursor=${"a".repeat(1 << 20)}`, { headers: { authorization: BOOTSTRAP } }),
      status: 414,
      code: "UriTooLong",
    },
    {
      name: "a long URL without credentials",
      request: () => new Request(`${BASE}/${"a".repeat(MAX_URL_BYTES)}`),
      status: 414,
      code: "UriTooLong",
    },
    {
      name: "malformed percent-encoding in the path",
      request: () => new Request(`${BASE}/v1/groups/%E0%A4%A`, { headers: { authorization: BOOTSTRAP } }),
      status: 404,
      code: "NotFound_Group",
    },
    {
      name: "malformed percent-encoding in the query",
      request: () => new Request(`${BASE}/v1/groups?cursor=%E0%A4%A`, { headers: { authorization: BOOTSTRAP } }),
      status: 400,
      code: "InvalidInput",
    },
    {
      name: "invalid JSON",
      request: () => post("{not json"),
      status: 400,
      code: "InvalidInput",
    },
    { name: "a JSON array", request: () => post("[1,2]"), status: 400, code: "InvalidInput" },
    { name: "a JSON string", request: () => post('"group"'), status: 400, code: "InvalidInput" },
    { name: "a JSON number", request: () => post("42"), status: 400, code: "InvalidInput" },
    { name: "a null body (read as {})", request: () => post("null"), status: 400, code: "InvalidInput" },
    { name: "XML", request: () => post("<group/>", "application/xml"), status: 415, code: "UnsupportedMediaType" },
    {
      name: "a multipart form",
      request: () => post("--x\r\n\r\n--x--", "multipart/form-data; boundary=x"),
      status: 415,
      code: "UnsupportedMediaType",
    },
    {
      name: "Accept: text/html only",
      request: () => new Request(`${BASE}/v1/groups`, { headers: { authorization: BOOTSTRAP, accept: "text/html" } }),
      status: 406,
      code: "NotAcceptable",
    },
    {
      name: "Accept: application/xml on the operator API",
      request: () => new Request(`${BASE}/operator/accounts`, { headers: { accept: "application/xml" } }),
      status: 406,
      code: "NotAcceptable",
    },
    {
      name: "OPTIONS",
      request: () => new Request(`${BASE}/v1/groups`, { method: "OPTIONS", headers: { authorization: BOOTSTRAP } }),
      status: 405,
      code: "MethodNotAllowed",
    },
    {
      name: "an unknown method",
      request: () => new Request(`${BASE}/v1/groups`, { method: "PROPFIND", headers: { authorization: BOOTSTRAP } }),
      status: 405,
      code: "MethodNotAllowed",
    },
  ];

  function post(body: string, contentType = "application/json") {
    return new Request(`${BASE}/v1/groups`, {
      method: "POST",
      headers: { authorization: BOOTSTRAP, "content-type": contentType },
      body,
    });
  }

  it.each(cases)("$name → $status", async ({ request, status, code }) => {
    const res = await send(request());
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.json).toEqual({ code: expect.any(String), message: expect.any(String) });
    if (code) expect(res.json.code).toMatch(code);
    expect(res.headers.get("x-request-id")).toMatch(/\S+/);
  });

  it("accepts what Fivetran's clients send: JSON with parameters, wildcards, curl's form type", async () => {
    for (const accept of [
      "application/json;version=2",
      "*/*",
      "application/json",
      "text/html,application/xhtml+xml,*/*;q=0.8",
    ]) {
      const res = await call("GET", "/v1/groups", { headers: { accept } });
      expect(res.status, accept).toBe(200);
    }
    const curl = await call("POST", "/v1/groups", {
      body: { name: `limits_curl_${Date.now()}` },
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(curl.status).toBe(201);
  });

  it("answers HEAD with the GET status and JSON headers, without a body", async () => {
    const found = await exports.default.fetch(
      new Request(`${BASE}/v1/groups`, { method: "HEAD", headers: { authorization: BOOTSTRAP } }),
    );
    expect(found.status).toBe(200);
    expect(found.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await found.text()).toBe("");
    const missing = await exports.default.fetch(
      new Request(`${BASE}/v1/groups/nope`, { method: "HEAD", headers: { authorization: BOOTSTRAP } }),
    );
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toMatch(/^application\/json/);
  });

  it("answers an HTTPException of status >= 500 in the envelope with its status, and logs it redacted", async () => {
    const app = createApp();
    app.get("/boom", () => {
      throw new HTTPException(503, { message: "upstream password=hunter2 down" });
    });
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const res = await app.fetch(new Request(`${BASE}/boom`), env);
      expect(res.status).toBe(503);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      const body = (await res.json()) as { code: string; message: string };
      expect(body.code).toBe("Http503");
      expect(body.message).toMatch(/^Server error \(request id \S+\)$/);
      const line = log.mock.calls.map((args) => args.join(" ")).join("\n");
      expect(line).toContain("HTTPException");
      expect(line).not.toContain("hunter2");
    } finally {
      log.mockRestore();
    }
  });
});

/**
 * `npm start` as users run it: the real dev server (scripts/dev.mjs → wrangler dev → workerd)
 * on its own port and state directory, exercised over real HTTP.
 */
import { createHmac } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevServer, freePort, parseDotenv, ROOT, startDevServer } from "./dev-server";

let server: DevServer | undefined;
let persistDir: string;
let baseUrl: string;
let authorization: string;
/** Whether this start created .dev.vars (a fresh checkout) or found it (every later start). */
let createdDevVars: boolean;

function expectRequestId(response: Response) {
  expect(response.headers.get("x-request-id")).toMatch(/\S+/);
}

beforeAll(async () => {
  persistDir = await mkdtemp(path.join(os.tmpdir(), "fivetran-dev-"));
  createdDevVars = !existsSync(path.join(ROOT, ".dev.vars"));
  server = await startDevServer({ port: await freePort(), persistDir });
  baseUrl = server.baseUrl;
  authorization = server.authorization;
});

afterAll(async () => {
  await server?.stop();
  if (persistDir) await rm(persistDir, { recursive: true, force: true });
});

describe("npm start (scripts/dev.mjs)", () => {
  it("prints the URL, the key and a curl example; the secrets only on the start that creates them", async () => {
    const vars = parseDotenv(await readFile(path.join(ROOT, ".dev.vars"), "utf8"));
    const output = server?.output() ?? "";
    expect(output).toContain(`fivetran.do is running at ${baseUrl}`);
    expect(output).toContain(`API key          ${vars.FIVETRAN_API_KEY}`);
    expect(vars.FIVETRAN_API_SECRET).toBeTruthy();
    expect(vars.FIVETRAN_OPERATOR_SECRET).toBeTruthy();
    if (createdDevVars) {
      expect(output).toContain(
        `curl -u ${vars.FIVETRAN_API_KEY}:${vars.FIVETRAN_API_SECRET} -X POST ${baseUrl}/v1/groups`,
      );
      expect(output).toContain(`Operator secret  ${vars.FIVETRAN_OPERATOR_SECRET}`);
    } else {
      for (const secret of [vars.FIVETRAN_API_SECRET, vars.FIVETRAN_OPERATOR_SECRET, vars.FIVETRAN_ENCRYPTION_KEY]) {
        expect(output).not.toContain(secret as string);
      }
      expect(output).toContain("(printed when it was created)");
      expect(output).toContain(`curl -u "$FIVETRAN_API_KEY:$FIVETRAN_API_SECRET" -X POST ${baseUrl}/v1/groups`);
    }
  });

  it("creates a group and reads it back with Basic auth", async () => {
    const created = await fetch(`${baseUrl}/v1/groups`, {
      method: "POST",
      headers: { authorization, "content-type": "application/json" },
      body: JSON.stringify({ name: "dev_server_test" }),
    });
    expect(created.status).toBe(201);
    expectRequestId(created);
    const body = (await created.json()) as {
      code: string;
      data: { id: string; name: string; created_at: string };
    };
    expect(body.code).toBe("Success");
    expect(body.data).toMatchObject({ name: "dev_server_test" });
    expect(body.data.id).toEqual(expect.any(String));
    expect(Number.isNaN(Date.parse(body.data.created_at))).toBe(false);

    const read = await fetch(`${baseUrl}/v1/groups/${body.data.id}`, { headers: { authorization } });
    expect(read.status).toBe(200);
    expectRequestId(read);
    const readBody = (await read.json()) as { code: string; data: { id: string; name: string } };
    expect(readBody.code).toBe("Success");
    expect(readBody.data).toMatchObject({ id: body.data.id, name: "dev_server_test" });
  });

  it("reaches loopback databases (FIVETRAN_EGRESS_ALLOW=loopback by default) and nothing else private", async () => {
    const post = (route: string, body: unknown) =>
      fetch(`${baseUrl}${route}`, {
        method: "POST",
        headers: { authorization, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const group = (await (await post("/v1/groups", { name: "dev_server_egress" })).json()) as { data: { id: string } };
    const connection = (host: string) =>
      post("/v1/connections", {
        group_id: group.data.id,
        service: "postgres",
        run_setup_tests: false,
        config: {
          schema_prefix: `dev_egress_${host.replace(/\W/g, "_")}`,
          host,
          database: "postgres",
          user: "postgres",
        },
      });
    expect((await connection("127.0.0.1")).status).toBe(201);
    const metadata = await connection("169.254.169.254");
    expect(metadata.status).toBe(400);
    expect(((await metadata.json()) as { message: string }).message).toMatch(/is a cloud metadata address/);
  });

  it("fires signed sync_start and sync_end at a loopback webhook receiver (FIVETRAN_WEBHOOK_ALLOW=loopback by default), and streams them", async () => {
    const secret = "whsec_dev_server";
    const got: { event: string; verified: boolean }[] = [];
    const receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const body = Buffer.concat(chunks);
        const expected = createHmac("sha256", secret).update(body).digest("hex").toUpperCase();
        const payload = JSON.parse(body.toString()) as { event: string; data: { test?: boolean } };
        if (!payload.data.test) {
          got.push({ event: payload.event, verified: req.headers["x-fivetran-signature-256"] === expected });
        }
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    try {
      const api = async (method: string, route: string, body?: unknown) => {
        const res = await fetch(`${baseUrl}${route}`, {
          method,
          headers: { authorization, "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        // biome-ignore lint/suspicious/noExplicitAny: JSON bodies
        return { status: res.status, json: (await res.json()) as any };
      };
      const group = (await api("POST", "/v1/groups", { name: "dev_server_webhooks" })).json.data.id;
      expect(
        (
          await api("POST", "/v1/destinations", {
            group_id: group,
            service: "d1",
            time_zone_offset: "0",
            config: { database: "WAREHOUSE" },
          })
        ).status,
      ).toBe(201);
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`;
      const webhook = await api("POST", `/v1/webhooks/group/${group}`, {
        url,
        secret,
        events: ["sync_start", "sync_end"],
      });
      expect(webhook.status, JSON.stringify(webhook.json)).toBe(200);
      const refused = await api("POST", "/v1/webhooks/account", { url: "https://10.0.0.1/", events: ["sync_end"] });
      expect(refused.status).toBe(400);
      const connection = await api("POST", "/v1/connections", {
        group_id: group,
        service: "sample",
        schedule_type: "manual",
        config: { schema: "dev_server_webhooks", scale: 5 },
      });
      expect(connection.status, JSON.stringify(connection.json)).toBe(201);
      const id = connection.json.data.id;
      const stream = await fetch(`${baseUrl}/v1/events/stream?connection_id=${id}`, {
        headers: { authorization, accept: "text/event-stream" },
      });
      expect(stream.status).toBe(200);
      expect((await api("POST", `/v1/connections/${id}/sync`)).status).toBe(200);
      const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
      let text = "";
      while (!text.includes("event: sync_end")) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      await reader.cancel();
      expect(text.indexOf("event: sync_start")).toBeGreaterThan(-1);
      expect(text.indexOf("event: sync_start")).toBeLessThan(text.indexOf("event: sync_end"));
      for (let i = 0; i < 100 && got.length < 2; i++) await new Promise((r) => setTimeout(r, 200));
      expect(got).toEqual([
        { event: "sync_start", verified: true },
        { event: "sync_end", verified: true },
      ]);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it("rejects requests without credentials with a JSON error", async () => {
    const response = await fetch(`${baseUrl}/v1/groups`);
    expect(response.status).toBe(401);
    expectRequestId(response);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    const body = (await response.json()) as { code: unknown; message: unknown };
    expect(body).toEqual({ code: expect.any(String), message: expect.any(String) });
  });

  it("bounds requests: JSON 413 and 414 from the Worker; workerd itself refuses a URL of 64 KiB or more", async () => {
    const body = await fetch(`${baseUrl}/v1/groups`, {
      method: "POST",
      headers: { authorization, "content-type": "application/json" },
      body: JSON.stringify({ name: "x", pad: "a".repeat(3 << 20) }),
    });
    expect(body.status).toBe(413);
    expect(((await body.json()) as { code: string }).code).toBe("PayloadTooLarge");

    const long = await fetch(`${baseUrl}/v1/groups/${"a".repeat(20_000)}`, { headers: { authorization } });
    expect(long.status).toBe(414);
    expect(((await long.json()) as { code: string }).code).toBe("UriTooLong");

    // Answered by workerd's HTTP server before the Worker runs, as plain text: out of our reach
    // (in production Cloudflare's edge applies its own URL and header limits first).
    const huge = await fetch(`${baseUrl}/v1/groups/${"a".repeat(64 * 1024)}`, { headers: { authorization } });
    expect(huge.status).toBe(414);
    expect(huge.headers.get("content-type")).toMatch(/^text\/plain/);
    await huge.arrayBuffer();
  });

  it("serves the OpenAPI document", async () => {
    const response = await fetch(`${baseUrl}/openapi.json`);
    expect(response.status).toBe(200);
    expectRequestId(response);
    const document = (await response.json()) as { openapi?: string };
    expect(document.openapi).toMatch(/^3\./);
  });
});

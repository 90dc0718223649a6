/**
 * `npm start` as users run it: the real dev server (scripts/dev.mjs → wrangler dev → workerd)
 * on its own port and state directory, exercised over real HTTP.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
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

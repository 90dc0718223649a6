/**
 * Connect Cards: the API that issues them (`POST /v1/connections|connectors/{id}/connect-card`,
 * `connect_card_config` on create) and the page their token opens (`/connect-card/setup`),
 * where an end user with no API key fills in a `postgres` connection's config, saves it and
 * runs its setup tests against the real local PostgreSQL, then lands on `redirect_uri?id=…`.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/lib/crypto";
import { decryptJson } from "../../src/lib/secrets";
import { call, newAccount } from "./helpers";
import { adminAccount, userWithKey } from "./mgmt-helpers";

const ORIGIN = "http://127.0.0.1:8787";
const SECRET = "Card-S3cret-Never-Shown";
const PG = { host: "127.0.0.1", port: 5432, database: "postgres", user: "postgres" };

async function group(auth: string): Promise<string> {
  const res = await call("POST", "/v1/groups", { auth, body: { name: `card_${crypto.randomUUID().slice(0, 8)}` } });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.data.id;
}

/** A postgres connection with a stored password; setup tests not run yet. */
async function pgConnection(auth: string, extra: Record<string, unknown> = {}) {
  const res = await call("POST", "/v1/connections", {
    auth,
    body: {
      group_id: await group(auth),
      service: "postgres",
      run_setup_tests: false,
      config: { schema_prefix: `card_${crypto.randomUUID().slice(0, 8)}`, ...PG, password: SECRET, ...extra },
    },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.data as { id: string; schema: string };
}

async function issue(auth: string, id: string, config: Record<string, unknown>, naming = "connections") {
  return call("POST", `/v1/${naming}/${id}/connect-card`, { auth, body: { connect_card_config: config } });
}

/** The page as a browser asks for it (no API key). */
async function page(
  uri: string,
  init: { method?: string; form?: Record<string, string | number>; origin?: string } = {},
) {
  const headers = new Headers({ Accept: "text/html" });
  let body: string | undefined;
  if (init.form) {
    headers.set("Content-Type", "application/x-www-form-urlencoded");
    headers.set("Origin", init.origin ?? ORIGIN);
    body = new URLSearchParams(Object.entries(init.form).map(([key, value]) => [key, String(value)])).toString();
  }
  const response = await exports.default.fetch(
    new Request(uri, { method: init.method ?? (init.form ? "POST" : "GET"), headers, body, redirect: "manual" }),
  );
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function storedRow(id: string) {
  return env.DB.prepare("SELECT config, secrets, setup_state FROM connections WHERE id = ?")
    .bind(id)
    .first<{ config: string; secrets: string | null; setup_state: string }>();
}

describe("POST /v1/connections/{id}/connect-card", () => {
  it("issues a card under both namings; only the token's SHA-256 is stored, for 24 hours", async () => {
    const auth = await newAccount();
    const { id } = await pgConnection(auth);
    for (const naming of ["connections", "connectors"]) {
      const before = Date.now();
      const res = await issue(auth, id, { redirect_uri: "https://example.com/done", hide_setup_guide: true }, naming);
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      expect(res.json).toEqual({
        code: "Success",
        message: "Connection Connect Card has been created",
        data: {
          connector_id: id,
          connect_card: { token: expect.stringMatching(/^ftc_[A-Za-z0-9]{43}$/), uri: expect.any(String) },
          connect_card_config: { redirect_uri: "https://example.com/done", hide_setup_guide: true, all_fields: false },
        },
      });
      const { token, uri } = res.json.data.connect_card;
      const url = new URL(uri);
      expect(`${url.origin}${url.pathname}`).toBe(`${ORIGIN}/connect-card/setup`);
      expect(url.searchParams.get("auth")).toBe(token);

      const rows = await env.DB.prepare("SELECT * FROM connect_card_tokens WHERE connection_id = ?").bind(id).all();
      expect(JSON.stringify(rows.results)).not.toContain(token);
      const mine = await env.DB.prepare("SELECT * FROM connect_card_tokens WHERE token_hash = ?")
        .bind(await sha256Hex(token))
        .first<Record<string, unknown>>();
      expect(mine).toMatchObject({ connection_id: id, redirect_uri: "https://example.com/done", hide_setup_guide: 1 });
      const lifetime = Date.parse(String(mine?.expires_at)) - Date.parse(String(mine?.created_at));
      expect(lifetime).toBe(24 * 60 * 60 * 1000);
      expect(Date.parse(String(mine?.created_at))).toBeGreaterThanOrEqual(before - 1000);
    }
  });

  it("answers 404 for an unknown connection and for another account's", async () => {
    const auth = await newAccount();
    const other = await newAccount();
    const { id } = await pgConnection(other);
    for (const target of ["no_such_connection", id]) {
      const res = await issue(auth, target, { redirect_uri: "https://example.com/" });
      expect(res.status).toBe(404);
      expect(res.json).toEqual({
        code: "NotFound_Connection",
        message: `Connection with id '${target}' does not exist.`,
      });
    }
  });

  it("refuses a missing or invalid redirect_uri with Fivetran's 400", async () => {
    const auth = await newAccount();
    const { id } = await pgConnection(auth);
    const missing = await issue(auth, id, {});
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({
      code: "InvalidInput",
      message: "Field 'connect_card_config.redirect_uri' is required",
    });
    for (const bad of ["/relative/path", "ftp://example.com/x", "javascript:alert(1)", "not a url"]) {
      const res = await issue(auth, id, { redirect_uri: bad });
      expect(res.status, bad).toBe(400);
      expect(res.json.code).toBe("InvalidInput");
      expect(res.json.message).toMatch(/connect_card_config\.redirect_uri/);
    }
    const noBody = await call("POST", `/v1/connections/${id}/connect-card`, { auth, body: {} });
    expect(noBody.status).toBe(400);
    expect(noBody.json.code).toBe("InvalidInput");
  });

  it("needs Edit on the connection: a reviewer is refused, a collaborator is not", async () => {
    const admin = await adminAccount();
    const { id } = await pgConnection(admin.auth);
    for (const [role, status] of [
      ["Connector Reviewer", 403],
      ["Connector Collaborator", 200],
    ] as const) {
      const user = await userWithKey(admin, `${role.split(" ")[1]?.toLowerCase()}@example.com`);
      const member = await call("POST", `/v1/users/${user.id}/connections`, { auth: admin.auth, body: { id, role } });
      expect(member.status, JSON.stringify(member.json)).toBe(201);
      const res = await issue(user.auth, id, { redirect_uri: "https://example.com/" });
      expect(res.status, JSON.stringify(res.json)).toBe(status);
      if (status === 403) expect(res.json.code).toBe("Forbidden");
    }
  });
});

describe("POST /v1/connections with connect_card_config", () => {
  it("issues a card with the connection and leaves the credentials to it", async () => {
    const auth = await newAccount();
    const schema = `card_new_${crypto.randomUUID().slice(0, 8)}`;
    const res = await call("POST", "/v1/connections", {
      auth,
      body: {
        group_id: await group(auth),
        service: "postgres",
        config: { schema_prefix: schema, port: 5432 },
        connect_card_config: { redirect_uri: "https://example.com/back", all_fields: true },
      },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const data = res.json.data;
    expect(data.schema).toBe(schema);
    expect(data.status.setup_state).toBe("incomplete");
    expect(data.setup_tests).toEqual([]);
    expect(data.connect_card).toEqual({
      token: expect.stringMatching(/^ftc_/),
      uri: expect.stringContaining(`${ORIGIN}/connect-card/setup?auth=ftc_`),
    });
    expect(data.connect_card_config).toEqual({
      redirect_uri: "https://example.com/back",
      hide_setup_guide: false,
      all_fields: true,
    });
    const hash = await sha256Hex(data.connect_card.token);
    const stored = await env.DB.prepare("SELECT connection_id FROM connect_card_tokens WHERE token_hash = ?")
      .bind(hash)
      .first<{ connection_id: string }>();
    expect(stored?.connection_id).toBe(data.id);
    // Details never show the card again.
    const details = await call("GET", `/v1/connections/${data.id}`, { auth });
    expect(details.json.data.connect_card).toBeUndefined();
  });

  it("still validates what is given, and without a card still requires every field", async () => {
    const auth = await newAccount();
    const groupId = await group(auth);
    const badPort = await call("POST", "/v1/connections", {
      auth,
      body: {
        group_id: groupId,
        service: "postgres",
        config: { schema_prefix: "card_bad", port: 99999 },
        connect_card_config: { redirect_uri: "https://example.com/" },
      },
    });
    expect(badPort.status).toBe(400);
    expect(badPort.json.message).toMatch(/config\.port/);
    const badUri = await call("POST", "/v1/connections", {
      auth,
      body: {
        group_id: groupId,
        service: "postgres",
        config: { schema_prefix: "card_bad_uri" },
        connect_card_config: { redirect_uri: "example.com" },
      },
    });
    expect(badUri.status).toBe(400);
    expect(badUri.json.message).toMatch(/connect_card_config\.redirect_uri/);
    const noCard = await call("POST", "/v1/connections", {
      auth,
      body: { group_id: groupId, service: "postgres", config: { schema_prefix: "card_none" } },
    });
    expect(noCard.status).toBe(400);
    expect(noCard.json.message).toMatch(/Field 'config\.host' is required/);
  });
});

describe("the Connect Card page", () => {
  it("renders the service's fields prefilled, the secret masked, the guide unless hidden", async () => {
    const auth = await newAccount();
    const { id, schema } = await pgConnection(auth, { tables: ["public.a", "b"] });
    const card = await issue(auth, id, { redirect_uri: "https://example.com/done" });
    const res = await page(card.json.data.connect_card.uri);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("content-security-policy")).toMatch(/default-src 'none'/);
    expect(res.headers.get("content-security-policy")).toMatch(/form-action 'self' https:\/\/example\.com/);
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.text).toContain("Set up PostgreSQL");
    expect(res.text).toContain(schema);
    for (const key of ["host", "port", "database", "user", "password", "update_method", "tables"]) {
      expect(res.text).toMatch(new RegExp(`<label for="f_${key}">`));
      expect(res.text).toMatch(new RegExp(`id="f_${key}" name="${key}"`));
    }
    expect(res.text).toContain('value="127.0.0.1"');
    expect(res.text).toMatch(/<textarea id="f_tables" name="tables"[^>]*>public\.a\nb<\/textarea>/);
    expect(res.text).toMatch(/<input type="password" id="f_password" name="password" value=""/);
    expect(res.text).not.toContain(SECRET);
    expect(res.text).toContain("A value is stored. Leave empty to keep it.");
    expect(res.text).not.toContain("<script");
    expect(res.text).toContain("Setup guide");
    expect(res.text).toContain("Save &amp; Test");

    // Optional settings that hold nothing fold away, unless all_fields.
    expect(res.text).toMatch(
      /<details>\s*<summary>More settings \(2\)<\/summary>[\s\S]*id="f_replication_slot"[\s\S]*<\/details>/,
    );

    const hidden = await issue(auth, id, {
      redirect_uri: "https://example.com/done",
      hide_setup_guide: true,
      all_fields: true,
    });
    const withoutGuide = await page(hidden.json.data.connect_card.uri);
    expect(withoutGuide.status).toBe(200);
    expect(withoutGuide.text).not.toContain("Setup guide");
    expect(withoutGuide.text).not.toContain("<details>");
    expect(withoutGuide.text).toMatch(/id="f_replication_slot"/);
  });

  it("Save & Test stores the config, runs the setup tests and redirects to redirect_uri?id=…", async () => {
    const auth = await newAccount();
    const created = await call("POST", "/v1/connections", {
      auth,
      body: {
        group_id: await group(auth),
        service: "postgres",
        config: { schema_prefix: `card_save_${crypto.randomUUID().slice(0, 8)}` },
        connect_card_config: { redirect_uri: "https://example.com/done?from=card" },
      },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const { id, connect_card } = created.json.data;
    const res = await page(connect_card.uri, {
      form: { ...PG, port: "5432", password: SECRET, update_method: "QUERY_BASED" },
    });
    expect(res.status, res.text).toBe(302);
    expect(res.headers.get("location")).toBe(`https://example.com/done?from=card&id=${id}`);

    const details = await call("GET", `/v1/connections/${id}`, { auth });
    expect(details.json.data.status.setup_state).toBe("connected");
    expect(details.json.data.config).toMatchObject({ ...PG, password: "******", update_method: "QUERY_BASED" });
    const row = await storedRow(id);
    expect(row?.config).not.toContain(SECRET);
    expect(await decryptJson(env.FIVETRAN_ENCRYPTION_KEY as string, row?.secrets ?? null)).toEqual({
      password: SECRET,
    });
    const tests = await call("POST", `/v1/connections/${id}/test`, { auth, body: {} });
    expect(tests.json.data.setup_tests.map((t: { status: string }) => t.status)).toEqual(["PASSED", "PASSED"]);

    // Opened again: a secret left empty keeps the stored one; an emptied optional field is cleared.
    const again = await page(connect_card.uri, { form: { ...PG, port: "5433", password: "", tables: "" } });
    expect(again.status).toBe(200); // nothing listens on 5433: the tests fail and are shown
    expect(again.text).toMatch(/<span class="status">FAILED<\/span> Connecting to database/);
    const after = await storedRow(id);
    expect(after?.setup_state).toBe("broken");
    expect(JSON.parse(after?.config ?? "{}").port).toBe(5433);
    expect(await decryptJson(env.FIVETRAN_ENCRYPTION_KEY as string, after?.secrets ?? null)).toEqual({
      password: SECRET,
    });
  });

  it("shows a config the service refuses on the form and stores nothing", async () => {
    const auth = await newAccount();
    const { id } = await pgConnection(auth);
    const card = await issue(auth, id, { redirect_uri: "https://example.com/done" });
    const before = await storedRow(id);
    const res = await page(card.json.data.connect_card.uri, { form: { ...PG, port: "70000" } });
    expect(res.status).toBe(400);
    expect(res.text).toContain('role="alert"');
    expect(res.text).toMatch(/config\.port/);
    expect(res.text).not.toContain(SECRET);
    expect(await storedRow(id)).toEqual(before);
    const invalidHost = await page(card.json.data.connect_card.uri, { form: { ...PG, host: "db.example.com/x" } });
    expect(invalidHost.status).toBe(400);
    expect(invalidHost.text).toMatch(/config\.host/);
  });

  it("refuses a missing, wrong or expired token, a deleted connection and a cross-site post with an HTML 4xx", async () => {
    const auth = await newAccount();
    const { id } = await pgConnection(auth);
    const card = await issue(auth, id, { redirect_uri: "https://example.com/done" });
    const uri: string = card.json.data.connect_card.uri;

    const missing = await page(`${ORIGIN}/connect-card/setup`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get("content-type")).toMatch(/^text\/html/);
    const wrong = await page(`${ORIGIN}/connect-card/setup?auth=ftc_not_a_real_token`);
    expect(wrong.status).toBe(403);
    expect(wrong.text).toContain("invalid or has expired");
    expect(wrong.text).not.toMatch(/at \w+ \(|Error:/);
    const wrongPost = await page(`${ORIGIN}/connect-card/setup?auth=ftc_not_a_real_token`, { form: { host: "x" } });
    expect(wrongPost.status).toBe(403);

    const put = await page(uri, { method: "PUT", form: {} });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("GET, POST");
    expect(put.headers.get("content-type")).toMatch(/^text\/html/);

    const crossSite = await page(uri, { form: { ...PG }, origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get("content-type")).toMatch(/^text\/html/);

    const token = new URL(uri).searchParams.get("auth") as string;
    await env.DB.prepare("UPDATE connect_card_tokens SET expires_at = ? WHERE token_hash = ?")
      .bind(new Date(Date.now() - 1000).toISOString(), await sha256Hex(token))
      .run();
    const expired = await page(uri);
    expect(expired.status).toBe(403);
    const expiredPost = await page(uri, { form: { ...PG } });
    expect(expiredPost.status).toBe(403);

    const fresh = await issue(auth, id, { redirect_uri: "https://example.com/done" });
    expect((await call("DELETE", `/v1/connections/${id}`, { auth })).status).toBe(200);
    const gone = await page(fresh.json.data.connect_card.uri);
    expect(gone.status).toBe(403);
    const left = await env.DB.prepare("SELECT COUNT(*) AS n FROM connect_card_tokens WHERE connection_id = ?")
      .bind(id)
      .first<{ n: number }>();
    expect(left?.n).toBe(0);
  });

  it("edits only the token's connection, whatever the form sends", async () => {
    const auth = await newAccount();
    const target = await pgConnection(auth);
    const bystander = await pgConnection(auth);
    const card = await issue(auth, target.id, { redirect_uri: "https://example.com/done" });
    const before = await storedRow(bystander.id);
    const uri = new URL(card.json.data.connect_card.uri);
    uri.searchParams.set("id", bystander.id);
    const res = await page(uri.href, {
      form: { ...PG, id: bystander.id, connection_id: bystander.id, schema_prefix: "renamed" },
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`https://example.com/done?id=${target.id}`);
    expect(await storedRow(bystander.id)).toEqual(before);
    const details = await call("GET", `/v1/connections/${target.id}`, { auth });
    expect(details.json.data.schema).toBe(target.schema);
  });
});

/**
 * Webhooks as Fivetran's API has them (§11, go-fivetran's calls): account and group webhooks,
 * create / list / details / update / delete / test, `******` for the secret, Fivetran's status
 * codes and error envelopes, URLs the egress guard refuses, and the delivery log.
 */
import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { call, newAccount } from "./helpers";

const port = inject("webhookReceiverPort");
const receiver = (name: string) => `http://127.0.0.1:${port}/hooks/${name}`;

async function configure(name: string, config: { secret?: string; fail?: number }) {
  await fetch(`${receiver(name)}/config`, { method: "PUT", body: JSON.stringify(config) });
}

async function deliveries(name: string) {
  return (await (await fetch(`${receiver(name)}/deliveries`)).json()) as {
    verified: boolean;
    deliveryId: string | null;
    answered: number;
    body: Record<string, unknown>;
  }[];
}

function unique(prefix: string) {
  return `${prefix}_${crypto.randomUUID().slice(0, 8)}`;
}

describe("webhooks CRUD (go-fivetran's calls)", () => {
  it("creates an account webhook with 200, masks the secret everywhere, lists, updates and deletes it", async () => {
    const auth = await newAccount("webhooks crud");
    const created = await call("POST", "/v1/webhooks/account", {
      auth,
      body: { url: "https://localhost:12345", secret: "my_secret", active: false, events: ["sync_start", "sync_end"] },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(200);
    expect(created.json.code).toBe("Success");
    expect(created.json.message).toBe("Account webhook has been created");
    const webhook = created.json.data;
    expect(webhook).toMatchObject({
      type: "account",
      url: "https://localhost:12345",
      events: ["sync_start", "sync_end"],
      active: false,
      secret: "******",
    });
    expect(webhook.id).toMatch(/^[a-z_]+$/);
    expect(webhook.created_at).toMatch(/Z$/);
    expect(webhook.created_by).toBeTruthy();
    expect(webhook.group_id).toBeUndefined();
    expect(JSON.stringify(created.json)).not.toContain("my_secret");
    // Stored encrypted, not as given.
    const stored = await env.DB.prepare("SELECT secret FROM webhooks WHERE id = ?")
      .bind(webhook.id)
      .first<{ secret: string }>();
    expect(stored?.secret).toMatch(/^v1\./);
    expect(stored?.secret).not.toContain("my_secret");

    const details = await call("GET", `/v1/webhooks/${webhook.id}`, { auth });
    expect(details.status).toBe(200);
    expect(details.json.data).toEqual(webhook);

    const list = await call("GET", "/v1/webhooks", { auth });
    expect(list.status).toBe(200);
    expect(list.json.message).toBe("Webhooks retrieved successfully");
    expect(list.json.data.items).toEqual([webhook]);
    expect(list.json.data.next_cursor).toBeUndefined();

    const updated = await call("PATCH", `/v1/webhooks/${webhook.id}`, {
      auth,
      body: { url: "https://localhost:12346", secret: "other", active: false, events: ["sync_end"] },
    });
    expect(updated.status, JSON.stringify(updated.json)).toBe(200);
    expect(updated.json.message).toBe("Webhook has been updated");
    expect(updated.json.data).toMatchObject({
      id: webhook.id,
      url: "https://localhost:12346",
      events: ["sync_end"],
      active: false,
      secret: "******",
      created_at: webhook.created_at,
    });

    const deleted = await call("DELETE", `/v1/webhooks/${webhook.id}`, { auth });
    expect(deleted.status).toBe(200);
    expect(deleted.json).toEqual({ code: "Success", message: `Webhook with id '${webhook.id}' has been deleted` });
    const gone = await call("GET", `/v1/webhooks/${webhook.id}`, { auth });
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual({ code: "NotFound_Webhook", message: `Webhook with id '${webhook.id}' does not exist.` });
    expect((await call("DELETE", `/v1/webhooks/${webhook.id}`, { auth })).status).toBe(404);
    expect((await call("PATCH", `/v1/webhooks/${webhook.id}`, { auth, body: { active: false } })).status).toBe(404);
  });

  it("creates a group webhook under the group, and 404s for a group that is not the caller's", async () => {
    const auth = await newAccount("webhooks group");
    const other = await newAccount("webhooks group other");
    const group = (await call("POST", "/v1/groups", { auth, body: { name: unique("wh") } })).json.data.id;
    const body = {
      url: "https://localhost:12345",
      secret: "my_secret",
      active: false,
      events: ["sync_start", "sync_end"],
    };
    const created = await call("POST", `/v1/webhooks/group/${group}`, { auth, body });
    expect(created.status, JSON.stringify(created.json)).toBe(200);
    expect(created.json.message).toBe("Group webhook has been created");
    expect(created.json.data).toMatchObject({ type: "group", group_id: group, secret: "******", active: false });

    const foreign = await call("POST", `/v1/webhooks/group/${group}`, { auth: other, body });
    expect(foreign.status).toBe(404);
    expect(foreign.json).toEqual({ code: "NotFound_Group", message: `Group with id '${group}' does not exist.` });
    const missing = await call("POST", "/v1/webhooks/group/absent_group", { auth, body });
    expect(missing.status).toBe(404);

    // Another account sees none of it, and cannot read, change, test or delete it.
    const id = created.json.data.id;
    expect((await call("GET", "/v1/webhooks", { auth: other })).json.data.items).toEqual([]);
    for (const [method, path, payload] of [
      ["GET", `/v1/webhooks/${id}`, undefined],
      ["PATCH", `/v1/webhooks/${id}`, { active: false }],
      ["POST", `/v1/webhooks/${id}/test`, { event: "sync_end" }],
      ["GET", `/v1/webhooks/${id}/deliveries`, undefined],
      ["DELETE", `/v1/webhooks/${id}`, undefined],
    ] as const) {
      const res = await call(method, path, { auth: other, body: payload });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json.code).toBe("NotFound_Webhook");
    }
    expect((await call("GET", `/v1/webhooks/${id}`, { auth })).status).toBe(200);

    // Deleting the group deletes its webhooks.
    expect((await call("DELETE", `/v1/groups/${group}`, { auth })).status).toBe(200);
    expect((await call("GET", `/v1/webhooks/${id}`, { auth })).status).toBe(404);
  });

  it("refuses bad input with 400 InvalidInput naming the field", async () => {
    const auth = await newAccount("webhooks invalid");
    const cases: [unknown, RegExp][] = [
      [{ events: ["sync_end"] }, /Field 'url' is required/],
      [{ url: "https://localhost:1" }, /Field 'events' is required/],
      [{ url: "https://localhost:1", events: [] }, /'events'/],
      [{ url: "not a url", events: ["sync_end"], active: false }, /'url'.*not a URL/],
      [{ url: "ftp://example.com/x", events: ["sync_end"], active: false }, /'url'.*https/],
      [
        { url: "http://example.com/x", events: ["sync_end"], active: false },
        /'url'.*https URLs are accepted for public hosts/,
      ],
      [{ url: "https://localhost:1", events: ["nope"], active: false }, /'events'.*'nope' is not an event/],
      [{ url: "https://localhost:1", events: ["dbt_run_start"], active: false }, /'events'.*does not emit/],
      [{ url: "https://localhost:1", events: ["status"], active: false }, /'events'.*does not emit/],
      // Private and link-local addresses: FIVETRAN_WEBHOOK_ALLOW allows loopback only here.
      [{ url: "https://10.0.0.5/hook", events: ["sync_end"], active: false }, /'url'.*FIVETRAN_WEBHOOK_ALLOW/],
      [{ url: "https://192.168.1.1/hook", events: ["sync_end"], active: false }, /'url'.*private/],
      [{ url: "https://169.254.169.254/latest", events: ["sync_end"], active: false }, /'url'/],
      [{ url: "https://[fe80::1]/hook", events: ["sync_end"], active: false }, /'url'.*link-local/],
    ];
    for (const [body, message] of cases) {
      const res = await call("POST", "/v1/webhooks/account", { auth, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.code).toBe("InvalidInput");
      expect(res.json.message).toMatch(message);
    }
    const created = await call("POST", "/v1/webhooks/account", {
      auth,
      body: { url: "https://localhost:1", events: ["sync_end"], active: false },
    });
    const id = created.json.data.id;
    // No secret: none is shown.
    expect(created.json.data.secret).toBeUndefined();
    const patch = await call("PATCH", `/v1/webhooks/${id}`, { auth, body: { url: "https://10.1.2.3/x" } });
    expect(patch.status).toBe(400);
    expect(patch.json.message).toMatch(/'url'/);
    const test = await call("POST", `/v1/webhooks/${id}/test`, { auth, body: { event: "bogus" } });
    expect(test.status).toBe(400);
    expect(test.json.message).toMatch(/'event'/);
    expect((await call("POST", `/v1/webhooks/${id}/test`, { auth, body: {} })).json.message).toMatch(
      /Field 'event' is required/,
    );
  });

  it("refuses loopback webhooks when the allow-list does not permit them", async () => {
    const { assertWebhookUrl } = await import("../../src/events/webhooks");
    const production = { ...env, FIVETRAN_WEBHOOK_ALLOW: undefined } as typeof env;
    await expect(assertWebhookUrl(production, "https://127.0.0.1/x")).rejects.toThrow(
      /loopback.*FIVETRAN_WEBHOOK_ALLOW/,
    );
    await expect(assertWebhookUrl(production, "https://localhost/x")).rejects.toThrow(/loopback/);
    await expect(assertWebhookUrl(production, "https://hooks.example.com/x")).resolves.toBeUndefined();
    const allowPrivate = { ...env, FIVETRAN_WEBHOOK_ALLOW: "10.0.0.0/8" } as typeof env;
    await expect(assertWebhookUrl(allowPrivate, "http://10.0.0.5/x")).resolves.toBeUndefined();
  });

  it("tests a webhook: a signed sample reaches the receiver, and an unreachable one reports succeed false", async () => {
    const auth = await newAccount("webhooks test");
    const name = unique("t");
    await configure(name, { secret: "s3cret" });
    // Active: created only after a test delivery passed (Fivetran pings on create).
    const created = await call("POST", "/v1/webhooks/account", {
      auth,
      body: { url: receiver(name), secret: "s3cret", events: ["sync_end"] },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(200);
    const id = created.json.data.id;
    const test = await call("POST", `/v1/webhooks/${id}/test`, { auth, body: { event: "sync_end" } });
    expect(test.status).toBe(200);
    expect(test.json).toEqual({
      code: "Success",
      message: "Webhook test completed successfully",
      data: { succeed: true, status: 200, message: "OK" },
    });
    const got = await deliveries(name);
    expect(got).toHaveLength(2);
    expect(got.every((d) => d.verified && d.answered === 200)).toBe(true);
    expect(got[1]?.body).toMatchObject({ event: "sync_end", data: { status: "SUCCESSFUL", test: true } });
    expect(got[1]?.body.delivery_id).toBe(got[1]?.deliveryId);

    // The delivery log shows both.
    const log = await call("GET", `/v1/webhooks/${id}/deliveries`, { auth });
    expect(log.status).toBe(200);
    expect(log.json.data.items).toHaveLength(2);
    expect(log.json.data.items[0]).toMatchObject({
      event: "sync_end",
      status: "delivered",
      attempts: 1,
      last_status_code: 200,
    });

    // A receiver that refuses: 200 with succeed false, as go-fivetran's e2e test expects.
    const down = await call("POST", "/v1/webhooks/account", {
      auth,
      body: { url: "https://localhost:1", events: ["sync_start"], active: false },
    });
    const failed = await call("POST", `/v1/webhooks/${down.json.data.id}/test`, {
      auth,
      body: { event: "sync_start" },
    });
    expect(failed.status).toBe(200);
    expect(failed.json.data.succeed).toBe(false);

    // Creating an active webhook that does not answer 2xx is refused, nothing is stored.
    const refused = await call("POST", "/v1/webhooks/account", {
      auth,
      body: { url: "http://127.0.0.1:1/hook", events: ["sync_start"] },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.message).toMatch(/did not accept a test delivery/);
    expect((await call("GET", "/v1/webhooks", { auth })).json.data.items).toHaveLength(2);
  });

  it("keeps the stored secret when `******` is sent back", async () => {
    const auth = await newAccount("webhooks mask");
    const name = unique("m");
    await configure(name, { secret: "keep-me" });
    const created = await call("POST", "/v1/webhooks/account", {
      auth,
      body: { url: receiver(name), secret: "keep-me", events: ["sync_end"], active: false },
    });
    const id = created.json.data.id;
    const patched = await call("PATCH", `/v1/webhooks/${id}`, { auth, body: { secret: "******", active: true } });
    expect(patched.status, JSON.stringify(patched.json)).toBe(200);
    expect(patched.json.data.active).toBe(true);
    const test = await call("POST", `/v1/webhooks/${id}/test`, { auth, body: { event: "sync_end" } });
    expect(test.json.data).toMatchObject({ succeed: true });
    expect((await deliveries(name)).every((d) => d.verified)).toBe(true);
  });
});

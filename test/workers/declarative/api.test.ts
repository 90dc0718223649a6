/**
 * `declarative_manifest` connections through the HTTP API: a manifest in YAML validated on
 * create (400 naming the component), its spec's `airbyte_secret` stored encrypted and masked,
 * the manifest's check as the setup test, and syncs into D1 — the first in full, the next
 * fetching only what changed (the fake, served over HTTP by global-setup, records requests).
 */
import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { call, namespaceOf, newAccountWithId } from "../helpers";

const port = inject("declarativeApiPort");
const base = `http://127.0.0.1:${port}`;

// The README's example manifest, exactly.
import MANIFEST from "../../../docs/examples/items-manifest.yaml?raw";

async function state(): Promise<{ served: number; requests: string[] }> {
  return (await fetch(`${base}/_control/state`)).json();
}

async function waitForRunEnd(auth: string, id: string, after: string | null = null) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const data = (await call("GET", `/v1/connections/${id}`, { auth })).json.data;
    const ended = [data.succeeded_at, data.failed_at].filter(Boolean).sort().at(-1) ?? null;
    if (ended && (after === null || ended > after) && data.status.sync_state !== "syncing") return data;
    if (Date.now() > deadline) throw new Error(`run did not end: ${JSON.stringify(data.status)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("declarative_manifest connections", () => {
  it("refuses an invalid manifest, or config its spec refuses, with a 400 naming the path", async () => {
    const { auth } = await newAccountWithId();
    const group = (await call("POST", "/v1/groups", { auth, body: { name: "decl_bad" } })).json.data;
    const bad = await call("POST", "/v1/connections", {
      auth,
      body: {
        group_id: group.id,
        service: "declarative_manifest",
        config: {
          schema: "decl_bad",
          manifest: MANIFEST.replace("type: CursorPagination", "type: Foo"),
          config: { api_key: "k", start_date: "2026-01-01T00:00:00Z", base_url: base },
        },
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe("InvalidInput");
    expect(bad.json.message).toContain(
      "Invalid value for field 'config.manifest': streams[0].retriever.paginator.pagination_strategy: unsupported type 'Foo'",
    );
    const missing = await call("POST", "/v1/connections", {
      auth,
      body: {
        group_id: group.id,
        service: "declarative_manifest",
        config: { schema: "decl_bad", manifest: MANIFEST, config: { start_date: "2026-01-01T00:00:00Z" } },
      },
    });
    expect(missing.status).toBe(400);
    expect(missing.json.message).toMatch(/config\.config/);
    expect(missing.json.message).toMatch(/api_key/);
  });

  it("syncs into D1, masks the secret, and the next run fetches only what changed", async () => {
    const { auth, accountId } = await newAccountWithId();
    const namespace = await namespaceOf(accountId, "WAREHOUSE");
    const group = (await call("POST", "/v1/groups", { auth, body: { name: "decl" } })).json.data;
    const dest = await call("POST", "/v1/destinations", {
      auth,
      body: { group_id: group.id, service: "d1", time_zone_offset: "0", config: { database: "WAREHOUSE" } },
    });
    expect(dest.status).toBe(201);
    const created = await call("POST", "/v1/connections", {
      auth,
      body: {
        group_id: group.id,
        service: "declarative_manifest",
        schedule_type: "manual",
        run_setup_tests: true,
        config: {
          schema: "decl_api",
          manifest: MANIFEST,
          config: { api_key: "e2e-key", start_date: "2026-01-01T00:00:00Z", base_url: base },
        },
      },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const connection = created.json.data;
    expect(connection.setup_tests).toEqual([
      {
        title: "Reading stream 'items'",
        status: "PASSED",
        message: expect.stringMatching(/^GET 127\.0\.0\.1:\d+\/v1\/items\?.* answered with 50 records$/),
      },
    ]);
    expect(connection.config.config).toEqual({
      api_key: "******",
      start_date: "2026-01-01T00:00:00Z",
      base_url: base,
    });
    expect(JSON.stringify(created.json)).not.toContain("e2e-key");

    const id = connection.id as string;
    const sync = await call("POST", `/v1/connections/${id}/sync`, { auth });
    expect(sync.status).toBe(200);
    const first = await waitForRunEnd(auth, id);
    expect(first.failed_at, JSON.stringify(first.status)).toBeNull();
    const rows = async () =>
      (
        await env.WAREHOUSE.prepare(`SELECT id, name FROM "${namespace}__decl_api__items" ORDER BY id`).all<{
          id: number;
          name: string;
        }>()
      ).results;
    expect(await rows()).toHaveLength(250);

    // Two changes at the source after the first run.
    const stamp = new Date(Date.now() + 1000).toISOString().replace(/\.\d+Z$/, "Z");
    await fetch(`${base}/_control/items`, {
      method: "POST",
      body: JSON.stringify([
        { id: 7, name: "seven, changed", updated_at: stamp, amount: 1 },
        { id: 251, name: "new", updated_at: stamp, amount: null },
      ]),
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const before = (await state()).requests.length;
    const second = await call("POST", `/v1/connections/${id}/sync`, { auth });
    expect(second.status).toBe(200);
    const done = await waitForRunEnd(auth, id, first.succeeded_at);
    expect(done.failed_at, JSON.stringify(done.status)).toBeNull();
    const all = await rows();
    expect(all).toHaveLength(251);
    expect(all.find((r) => r.id === 7)?.name).toBe("seven, changed");
    // The second run asked only for what changed since the first run's signpost.
    const asked = (await state()).requests.slice(before).filter((r) => r.startsWith("/v1/items"));
    expect(asked).toHaveLength(1);
    const since = new URL(`http://x${asked[0]}`).searchParams.get("updated_since") ?? "";
    expect(since > "2026-06-01").toBe(true);

    // PATCH with the secret sent back masked keeps it; the setup test still authenticates.
    const patched = await call("PATCH", `/v1/connections/${id}`, {
      auth,
      body: { config: { config: { api_key: "******", start_date: "2026-01-01T00:00:00Z", base_url: base } } },
    });
    expect(patched.status, JSON.stringify(patched.json)).toBe(200);
    expect(patched.json.data.config.config.api_key).toBe("******");
    const tested = await call("POST", `/v1/connections/${id}/test`, { auth });
    expect(tested.json.data.setup_tests[0]).toMatchObject({ status: "PASSED" });
    // A new, wrong key replaces it: the setup test now fails on the API's 401.
    await call("PATCH", `/v1/connections/${id}`, {
      auth,
      body: { config: { config: { api_key: "wrong", start_date: "2026-01-01T00:00:00Z", base_url: base } } },
    });
    const failing = await call("POST", `/v1/connections/${id}/test`, { auth });
    expect(failing.json.data.setup_tests[0]).toMatchObject({ status: "FAILED", message: expect.stringMatching(/401/) });
    expect(JSON.stringify(failing.json)).not.toContain("wrong");
  });
});

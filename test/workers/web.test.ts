/**
 * The pages at `/` and `/docs` and the static assets they load (wrangler.toml [assets], built by
 * scripts/build-assets.mjs): everything a browser needs comes from the Worker, nothing from
 * another host. The pages themselves run in headless Chromium in test/node/dashboard.test.ts.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

const BASE = "http://127.0.0.1:8787";

/** The `src`/`href` URLs of a page's scripts, styles and icons. */
function loadedUrls(html: string): string[] {
  return [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((m) => m[1] as string);
}

describe("GET /", () => {
  it("answers API clients with the JSON index, as before", async () => {
    for (const accept of [undefined, "application/json", "*/*"]) {
      const response = await exports.default.fetch(`${BASE}/`, { headers: accept ? { Accept: accept } : {} });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expect(response.headers.get("vary")).toBe("Accept");
      const body = await response.json<{ code: string; data: Record<string, string> }>();
      expect(body.code).toBe("Success");
      expect(body.data).toMatchObject({ api: "/v1", openapi: "/openapi.json", docs: "/docs", dashboard: "/" });
    }
  });

  it("answers a browser with the dashboard page, its assets same-origin and a strict policy", async () => {
    const response = await exports.default.fetch(`${BASE}/`, {
      headers: { Accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    const html = await response.text();
    expect(html).toContain('<html lang="en">');
    const urls = loadedUrls(html);
    expect(urls).toEqual(["/dashboard/favicon.svg", "/dashboard/styles.css", "/dashboard/app.js"]);
    for (const url of urls) {
      const asset = await env.ASSETS?.fetch(new URL(url, BASE));
      expect(asset?.status, url).toBe(200);
    }
  });

  it("the dashboard's script is a bundle naming no other host to load from", async () => {
    const script = await (await env.ASSETS?.fetch(new URL("/dashboard/app.js", BASE)))?.text();
    expect(script?.length).toBeGreaterThan(10_000);
    // Every fetch is to the page's own origin (location.origin + /v1/...).
    expect(script).toContain("/v1/events/stream");
    expect(script).not.toMatch(/https?:\/\/(?!www\.w3\.org)[a-z0-9.-]+\.[a-z]{2,}\//i);
  });
});

describe("GET /docs", () => {
  it("loads the API reference's script from the Worker at a pinned version, no CDN", async () => {
    const response = await exports.default.fetch(`${BASE}/docs`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
    expect(html).not.toContain("cdn.jsdelivr.net");
    expect(loadedUrls(html)).toEqual(["/docs/api-reference.js"]);
    // Without Scalar's font host, agent or developer toolbar (all hosted elsewhere).
    expect(html).toContain('"withDefaultFonts": false');
    expect(html).toContain('"showDeveloperTools": "never"');
    const script = await env.ASSETS?.fetch(new URL("/docs/api-reference.js", BASE));
    expect(script?.status).toBe(200);
    const text = (await script?.text()) ?? "";
    expect(text.length).toBeGreaterThan(1_000_000);
    expect(text).toContain("createApiReference");
  });
});

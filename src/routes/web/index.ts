/**
 * The pages a browser opens: the dashboard at `/` and the API reference at `/docs`. Their
 * scripts and styles are the Worker's static assets (wrangler.toml [assets], built by
 * scripts/build-assets.mjs from src/dashboard/ and node_modules), so no page loads anything
 * from another host.
 */
import { Scalar } from "@scalar/hono-api-reference";
import { Hono } from "hono";
import type { AppEnv } from "../../env";

/** Where the API reference's script is served from (dist/assets/docs/, a pinned npm build). */
export const API_REFERENCE_SCRIPT = "/docs/api-reference.js";
/** The dashboard's page in the assets (html_handling "none": served at exactly this path). */
export const DASHBOARD_PAGE = "/dashboard/index.html";

/**
 * The dashboard's own policy: its script, styles and API calls are all same-origin, so a
 * page that tried to reach another host (or run an injected inline script) is stopped by the
 * browser. API secrets live in the tab's sessionStorage, never in a URL or a cookie.
 */
const DASHBOARD_HEADERS = {
  "Content-Security-Policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
  "Cache-Control": "no-cache",
  Vary: "Accept",
};

/** Whether the client asked for a page: a browser's navigation accepts text/html. */
function wantsHtml(accept: string | undefined): boolean {
  return accept?.split(",").some((type) => type.trim().toLowerCase().startsWith("text/html")) ?? false;
}

export function webRouter(apiTitle: string) {
  const router = new Hono<AppEnv>();
  router.get(
    "/docs",
    Scalar({
      url: "/openapi.json",
      pageTitle: apiTitle,
      cdn: API_REFERENCE_SCRIPT,
      // The default fonts come from Scalar's font host; the system's fonts need no network.
      withDefaultFonts: false,
      // Scalar's hosted services (its AI agent, its developer toolbar) are not this server's.
      showDeveloperTools: "never",
      agent: { disabled: true },
      // (`mcp` is newer than the middleware's configuration type.)
      ...({ mcp: { disabled: true } } as object),
    }),
  );
  router.get("/", async (c) => {
    // API clients (curl, SDKs) keep the JSON index; browsers get the dashboard.
    const assets = c.env?.ASSETS;
    if (assets && wantsHtml(c.req.header("Accept"))) {
      const page = await assets.fetch(new URL(DASHBOARD_PAGE, c.req.url));
      if (page.ok) {
        return c.body(await page.text(), 200, { "Content-Type": "text/html; charset=utf-8", ...DASHBOARD_HEADERS });
      }
    }
    c.header("Vary", "Accept");
    return c.json({
      code: "Success",
      message: "fivetran.do: Fivetran's REST API v1 on Cloudflare Workers",
      data: { api: "/v1", openapi: "/openapi.json", docs: "/docs", dashboard: "/" },
    });
  });
  return router;
}

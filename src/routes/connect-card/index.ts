/**
 * The Connect Card page (`GET|POST /connect-card/setup?auth=<token>`): where an end user,
 * holding only the token a `POST /v1/connections/{id}/connect-card` issued, fills in that one
 * connection's config and runs its setup tests, then is sent to the card's `redirect_uri`
 * with `?id=<connection id>`. The token is the only credential (no API key, no cookie); the
 * connection is the token's, never one the request names. Saving validates as PATCH
 * /v1/connections/{id} does and tests as POST …/test does (the same functions).
 */
import { Hono } from "hono";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { catalog } from "../../db/client";
import { type ConnectCardRow, findConnectCard } from "../../db/connect-cards";
import { getConnection } from "../../db/connections";
import { InvalidInputError } from "../../engine/errors";
import type { SetupTest, SourceDefinition } from "../../engine/protocol";
import { findSource } from "../../engine/sources";
import type { AppEnv } from "../../env";
import { ApiError } from "../../errors";
import { connectionSubject, emit } from "../../events/emit";
import { sha256Hex } from "../../lib/crypto";
import { randomToken } from "../../lib/ids";
import { logError } from "../../lib/log";
import { isoTimestamp } from "../../lib/time";
import { limitBody } from "../../middleware/limits";
import { CONNECT_CARD_PATH } from "../connections/connections.connect-card";
import { configUpdate, recordSetupTests } from "../connections/connections.handlers";
import { FormError, formFields, formInput } from "./form";
import { cardPage, messagePage } from "./page";

/**
 * No script at all; the inline styles under a per-response nonce; the form may post here and
 * be redirected to the card's `redirect_uri` (Chromium applies `form-action` to the redirect
 * that follows a form's submission too). The token is in the URL: no referrer, no caching.
 */
function headers(nonce: string, redirectUri?: string): Record<string, string> {
  const formAction = ["'self'", ...(redirectUri ? [new URL(redirectUri).origin] : [])].join(" ");
  return {
    "Content-Security-Policy": `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'self'; base-uri 'none'; form-action ${formAction}; frame-ancestors 'none'`,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
  };
}

/** The page's error, as an HTML page with its status: never a stack, never JSON. */
class PageError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 413 | 500 | 503,
    readonly title: string,
    message: string,
  ) {
    super(message);
  }
}

interface Card {
  token: string;
  card: ConnectCardRow;
  row: NonNullable<Awaited<ReturnType<typeof getConnection>>>;
  definition: SourceDefinition;
}

/** The token's card and connection, or the page that says why not. */
async function openCard(c: { env: AppEnv["Bindings"]; req: { query(name: string): string | undefined } }) {
  const token = c.req.query("auth")?.trim();
  if (!token)
    throw new PageError(401, "Sign-in link needed", "Open this page with the Connect Card link you were given.");
  const db = catalog(c.env.DB);
  const card = await findConnectCard(db, await sha256Hex(token), isoTimestamp());
  // One answer for an unknown token and an expired one: nothing to probe.
  if (!card) {
    throw new PageError(
      403,
      "This link is invalid or has expired",
      "Connect Card links are valid for 24 hours. Ask for a new link.",
    );
  }
  const row = await getConnection(db, card.accountId, card.connectionId);
  if (!row) throw new PageError(404, "Connection not found", "The connection this link was made for no longer exists.");
  const definition = findSource(row.service);
  if (!definition) throw new PageError(404, "Connection not found", `The service '${row.service}' is not available.`);
  return { token, card, row, definition } satisfies Card;
}

function render(
  { token, card, row, definition }: Card,
  nonce: string,
  extra: { error?: string; tests?: SetupTest[] } = {},
) {
  const action = new URL(CONNECT_CARD_PATH, "http://x");
  action.searchParams.set("auth", token);
  return cardPage({
    nonce,
    action: `${action.pathname}${action.search}`,
    serviceName: definition.info.name,
    service: row.service,
    schema: row.schema,
    ...(card.hideSetupGuide
      ? {}
      : { guide: { description: definition.info.description, linkToDocs: definition.info.linkToDocs } }),
    fields: formFields(definition, row.config),
    allFields: card.allFields,
    ...(extra.error ? { error: extra.error } : {}),
    tests: extra.tests ?? [],
  });
}

export const connectCardRouter = new Hono<AppEnv>();

// A form post from another site is refused (Origin / Sec-Fetch-Site), on top of the token.
connectCardRouter.use(CONNECT_CARD_PATH, limitBody, csrf());

connectCardRouter.get(CONNECT_CARD_PATH, async (c) => {
  const nonce = randomToken(22);
  const card = await openCard(c);
  return c.html(render(card, nonce), 200, headers(nonce, card.card.redirectUri));
});

connectCardRouter.post(CONNECT_CARD_PATH, async (c) => {
  const nonce = randomToken(22);
  const card = await openCard(c);
  const { row, card: token } = card;
  const fields = formFields(card.definition, row.config);
  let update: Awaited<ReturnType<typeof configUpdate>>;
  try {
    const { input, clear } = formInput(fields, await c.req.parseBody({ all: true }));
    update = await configUpdate(c.env, row.accountId, row, input, { clear });
  } catch (error) {
    // A config the service refuses is shown on the form, as the API would answer 400; nothing is stored.
    const refused =
      error instanceof FormError ||
      error instanceof InvalidInputError ||
      (error instanceof ApiError && error.status < 500);
    if (!refused) throw error;
    return c.html(render(card, nonce, { error: error.message }), 400, headers(nonce, token.redirectUri));
  }
  const updated = await recordSetupTests(c.env, row.accountId, row, update.config, update.sealed);
  await emit(c.env, { ...connectionSubject(updated), type: "edit_connector", data: { fields: ["config"] } });
  const tests = (updated.setupTests as SetupTest[] | null) ?? [];
  if (updated.setupState === "connected") {
    const target = new URL(token.redirectUri);
    target.searchParams.set("id", row.id);
    return c.redirect(target.href, 302);
  }
  const failed = { ...card, row: updated };
  return c.html(render(failed, nonce, { tests }), 200, headers(nonce, token.redirectUri));
});

// Any other method: the page's own 405 (a browser gets HTML, as from every answer here).
connectCardRouter.all(CONNECT_CARD_PATH, (c) => {
  const nonce = randomToken(22);
  return c.html(messagePage(nonce, "Not available", `This page does not answer ${c.req.method} requests.`), 405, {
    ...headers(nonce),
    Allow: "GET, POST",
  });
});

connectCardRouter.onError((error, c) => {
  const nonce = randomToken(22);
  let page: PageError;
  if (error instanceof PageError) page = error;
  else if (error instanceof HTTPException && error.status === 403) {
    page = new PageError(403, "Request refused", "The form was sent from another site.");
  } else if (error instanceof ApiError && error.status === 413) {
    page = new PageError(413, "Too much data", error.message);
  } else if (error instanceof ApiError && error.status === 503) {
    page = new PageError(503, "Not available", "The server cannot store credentials right now. Try again later.");
  } else {
    const id = c.get("requestId");
    logError("Connect Card error", error, { requestId: id, method: c.req.method, path: c.req.path });
    page = new PageError(500, "Something went wrong", `The settings could not be saved (request id ${id}).`);
  }
  return c.html(messagePage(nonce, page.title, page.message), page.status, headers(nonce));
});

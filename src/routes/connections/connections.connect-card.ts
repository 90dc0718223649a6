/**
 * Connect Cards (Fivetran's "Powered by Fivetran" flow): a token that lets an end user, with
 * no API key, fill in one connection's config on the page at `/connect-card/setup`
 * (src/routes/connect-card/) and run its setup tests. Issued by `POST …/connect-card` and by a
 * create with `connect_card_config`.
 */
import type { RouteHandler } from "@hono/zod-openapi";
import { catalog } from "../../db/client";
import { insertConnectCard } from "../../db/connect-cards";
import type { ConnectionRow } from "../../db/connections";
import type { AppEnv, Env } from "../../env";
import { sha256Hex } from "../../lib/crypto";
import { ok } from "../../lib/envelope";
import { randomToken } from "../../lib/ids";
import { isoTimestamp } from "../../lib/time";
import type { connectionsConnectCardRoute } from "./connections.connect-card.routes";
import type { ConnectCardConfigInput, ConnectCardResponse } from "./connections.connect-card.schemas";
import { requireConnection } from "./connections.handlers";

/** How long a token opens its card: one day, as Fivetran's Connect Card URIs. */
export const CONNECT_CARD_TTL_MS = 24 * 60 * 60 * 1000;

/** Where the card is served, relative to the Worker's origin. */
export const CONNECT_CARD_PATH = "/connect-card/setup";

/** Issues a token for `row` and stores its hash; the response's `connect_card` and `connect_card_config`. */
export async function issueConnectCard(
  env: Env,
  row: ConnectionRow,
  config: ConnectCardConfigInput,
  origin: string,
): Promise<ConnectCardResponse> {
  const token = `ftc_${randomToken(43)}`;
  const now = new Date();
  const stored = {
    redirectUri: config.redirect_uri,
    hideSetupGuide: config.hide_setup_guide ?? false,
    allFields: config.all_fields ?? false,
  };
  await insertConnectCard(
    catalog(env.DB),
    {
      tokenHash: await sha256Hex(token),
      accountId: row.accountId,
      connectionId: row.id,
      ...stored,
      createdAt: isoTimestamp(now),
      expiresAt: isoTimestamp(new Date(now.getTime() + CONNECT_CARD_TTL_MS)),
    },
    isoTimestamp(now),
  );
  const uri = new URL(CONNECT_CARD_PATH, origin);
  uri.searchParams.set("auth", token);
  return {
    connector_id: row.id,
    connect_card: { token, uri: uri.href },
    connect_card_config: {
      redirect_uri: stored.redirectUri,
      hide_setup_guide: stored.hideSetupGuide,
      all_fields: stored.allFields,
    },
  };
}

export const createConnectCard: RouteHandler<typeof connectionsConnectCardRoute, AppEnv> = async (c) => {
  const { connectionId } = c.req.valid("param");
  const { connect_card_config: config } = c.req.valid("json");
  const row = await requireConnection(catalog(c.env.DB), c.var.auth.accountId, connectionId);
  const card = await issueConnectCard(c.env, row, config, new URL(c.req.url).origin);
  return c.json(ok("Connection Connect Card has been created", card), 200);
};

/**
 * Event triggers of a connection (extension): create, list and revoke them under
 * /v1/connections/{id}/triggers, and the trigger URL itself (`POST /triggers/{id}`, its bearer
 * token the credential). Runs start in engine/triggers.ts; chains start after a successful run
 * (engine/jobs.ts); queue messages in the Worker's queue handler (src/index.ts).
 */
import type { RouteHandler } from "@hono/zod-openapi";
import { catalog } from "../../db/client";
import * as triggers from "../../db/triggers";
import { startTriggeredRun, triggerQueues } from "../../engine/triggers";
import type { AppEnv, Env } from "../../env";
import { ApiError } from "../../errors";
import { constantTimeEqual, sha256Hex } from "../../lib/crypto";
import { done, ok } from "../../lib/envelope";
import { randomToken } from "../../lib/ids";
import { isoTimestamp } from "../../lib/time";
import { requireConnection } from "./connections.handlers";
import type { connectionsTriggerRoutes, fireTriggerRoute } from "./connections.triggers.routes";
import type { Trigger } from "./connections.triggers.schemas";

type Routes = typeof connectionsTriggerRoutes;

function serialize(row: triggers.TriggerRow, origin: string, token?: string): Trigger {
  return {
    id: row.id,
    connection_id: row.connectionId,
    type: row.type as Trigger["type"],
    ...(row.type === "url" ? { url: `${origin}/triggers/${row.id}`, token: token ?? "******" } : {}),
    ...(row.queue ? { queue: row.queue } : {}),
    ...(row.afterConnectionId ? { after_connection_id: row.afterConnectionId } : {}),
    created_at: row.createdAt,
  };
}

/** The triggers of a connection as GET details shows them. */
export async function triggersForDetails(env: Env, accountId: string, connectionId: string, origin: string) {
  return (await triggers.triggersOf(catalog(env.DB), accountId, connectionId)).map((row) => serialize(row, origin));
}

export const createTrigger: RouteHandler<Routes["createTrigger"], AppEnv> = async (c) => {
  const { connectionId } = c.req.valid("param");
  const body = c.req.valid("json");
  const db = catalog(c.env.DB);
  const { accountId } = c.var.auth;
  await requireConnection(db, accountId, connectionId);
  const origin = new URL(c.req.url).origin;
  const base = { accountId, connectionId, type: body.type, createdAt: isoTimestamp() };
  if (body.type === "url") {
    const token = `ftt_${randomToken(40)}`;
    const row = await triggers.insertTrigger(db, { ...base, tokenHash: await sha256Hex(token) });
    return c.json(ok("Trigger has been created", serialize(row, origin, token)), 201);
  }
  if (body.type === "queue") {
    const queues = triggerQueues(c.env);
    if (!queues.includes(body.queue)) {
      throw ApiError.invalid(
        `Invalid value for field 'queue': the Worker consumes no queue '${body.queue}' as a trigger queue; use one of: ${queues.join(", ")} (FIVETRAN_TRIGGER_QUEUES and wrangler.toml)`,
      );
    }
    const existing = await triggers.queueTrigger(db, connectionId, body.queue);
    if (existing) return c.json(ok("Trigger has been created", serialize(existing, origin)), 201);
    const row = await triggers.insertTrigger(db, { ...base, queue: body.queue });
    return c.json(ok("Trigger has been created", serialize(row, origin)), 201);
  }
  const upstream = body.connection_id;
  if (upstream === connectionId) {
    throw ApiError.invalid("Invalid value for field 'connection_id': a connection cannot be chained after itself");
  }
  // The upstream must be this account's: another account's id is as unknown as a missing one.
  await requireConnection(db, accountId, upstream).catch(() => {
    throw ApiError.invalid(`Invalid value for field 'connection_id': connection '${upstream}' does not exist`);
  });
  // A chain that loops would sync forever: refused when the upstream already follows this one.
  const edges = await triggers.chainEdges(db, accountId);
  const seen = new Set<string>();
  const path: string[] = [upstream];
  const walk = (from: string, trail: string[]): string[] | null => {
    for (const next of edges.get(from) ?? []) {
      if (next === connectionId) return [...trail, next];
      if (seen.has(next)) continue;
      seen.add(next);
      const found = walk(next, [...trail, next]);
      if (found) return found;
    }
    return null;
  };
  const loop = walk(upstream, path);
  if (loop) {
    throw ApiError.invalid(
      `Invalid value for field 'connection_id': the chain would loop (${[connectionId, ...loop].join(" → ")} syncs after ${connectionId}); remove one of its triggers first`,
    );
  }
  const row = await triggers.insertTrigger(db, { ...base, afterConnectionId: upstream });
  return c.json(ok("Trigger has been created", serialize(row, origin)), 201);
};

export const listTriggers: RouteHandler<Routes["listTriggers"], AppEnv> = async (c) => {
  const { connectionId } = c.req.valid("param");
  const db = catalog(c.env.DB);
  await requireConnection(db, c.var.auth.accountId, connectionId);
  const items = await triggersForDetails(c.env, c.var.auth.accountId, connectionId, new URL(c.req.url).origin);
  return c.json(ok("Triggers retrieved successfully", { items }), 200);
};

export const deleteTrigger: RouteHandler<Routes["deleteTrigger"], AppEnv> = async (c) => {
  const { connectionId, triggerId } = c.req.valid("param");
  const db = catalog(c.env.DB);
  await requireConnection(db, c.var.auth.accountId, connectionId);
  if (!(await triggers.deleteTrigger(db, c.var.auth.accountId, connectionId, triggerId))) {
    throw ApiError.notFound("Trigger", triggerId);
  }
  return c.json(done(`Trigger with id '${triggerId}' has been deleted`), 200);
};

/** `POST /triggers/{id}` with `Authorization: Bearer <token>`: starts a sync of the trigger's connection. */
export const fireTrigger: RouteHandler<typeof fireTriggerRoute, AppEnv> = async (c) => {
  const { triggerId } = c.req.valid("param");
  const token = /^Bearer\s+(\S+)$/i.exec(c.req.header("Authorization") ?? "")?.[1];
  const row = await triggers.getTrigger(catalog(c.env.DB), triggerId);
  // One answer for an unknown trigger, a revoked one and a wrong token: nothing to probe.
  const valid =
    row?.type === "url" && token !== undefined && row.tokenHash !== null
      ? await constantTimeEqual(await sha256Hex(token), row.tokenHash)
      : false;
  if (!row || !valid) throw new ApiError(401, "Unauthorized", "Missing, wrong or revoked trigger token");
  const blocked = await startTriggeredRun(c.env, row.connectionId, "url");
  if (blocked) throw ApiError.invalid(blocked);
  return c.json(done(`Sync has been successfully triggered for connection with id '${row.connectionId}'`), 200);
};

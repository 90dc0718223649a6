import type { Context } from "hono";
import type { SystemKeyPermission } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { allows, type Entity, type ResourceType, resourceTypeOf, systemKeyLevel } from "../lib/system-key-access";
import { bodyField, connectionGroup, filterItems, type ListItem } from "./access";

/**
 * A system key's permissions on every /v1 route (Fivetran's System Keys guide): the path's
 * area gives the resource type (src/lib/system-key-access.ts); reading needs READ, anything
 * else MANAGE. CONNECTOR and DESTINATION rules may name connections, destinations or groups;
 * lists of them answer only the items the key may read. System keys cannot manage system keys.
 */
export async function enforceSystemKey(
  c: Context<AppEnv>,
  keyId: string,
  permissions: readonly SystemKeyPermission[],
  next: () => Promise<void>,
): Promise<void> {
  const method = c.req.method;
  const read = method === "GET" || method === "HEAD";
  const [area = "", id, ...restParts] = c.req.path.replace(/\/+$/, "").split("/").slice(2);
  const rest = restParts.join("/");
  const require = (type: ResourceType, entity: Entity | undefined, what: string) => {
    if (!allows(systemKeyLevel(permissions, type, entity), !read)) {
      throw new ApiError(
        403,
        "Forbidden",
        `The system key '${keyId}' has no permission to ${read ? "view" : "change"} ${what}`,
      );
    }
  };
  const readable = (type: ResourceType, entity: (item: ListItem) => Entity) => (items: ListItem[]) =>
    items.filter((item) => allows(systemKeyLevel(permissions, type, entity(item)), false));
  const connectionEntity = (item: ListItem): Entity => ({ id: item.id, groupId: item.group_id });
  const destinationEntity = (item: ListItem): Entity => ({ id: item.id, groupId: item.id });

  if (area === "account" && id === "info") return next();
  if (area === "system-keys") {
    throw new ApiError(403, "Forbidden", "System keys can only be managed with a user's API key");
  }
  const type = resourceTypeOf(area);

  if (type === "CONNECTOR") {
    if (id === undefined) {
      if (read) return filterItems(c, next, readable("CONNECTOR", connectionEntity));
      const groupId = (await bodyField(c, "group_id")) ?? "";
      require("CONNECTOR", { groupId }, `connections in group '${groupId}'`);
      return next();
    }
    // An unknown connection is checked against the general rule, then 404s in its handler.
    require("CONNECTOR", { id, groupId: await connectionGroup(c, id) }, `connection '${id}'`);
    return next();
  }

  if (type === "DESTINATION") {
    if (id === undefined) {
      if (read) return filterItems(c, next, readable("DESTINATION", destinationEntity));
      const groupId = area === "destinations" ? await bodyField(c, "group_id") : undefined;
      require("DESTINATION", groupId === undefined ? {} : { id: groupId, groupId }, area);
      return next();
    }
    require("DESTINATION", { id, groupId: id }, `group '${id}'`);
    if (read && (rest === "connections" || rest === "connectors")) {
      return filterItems(c, next, readable("CONNECTOR", connectionEntity));
    }
    return next();
  }

  require(type, undefined, area);
  return next();
}

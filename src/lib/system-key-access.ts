import type { SystemKeyPermission } from "../db/schema";

/**
 * Fivetran's system-key resource types (its spec's enum, plus PRIVATE_LINK and PROXY, which its
 * System Keys guide lists and the spec's enum omits) and the `/v1/<area>` paths each covers.
 */
export const RESOURCE_TYPES = [
  "ACCOUNT",
  "USER",
  "WEBHOOK",
  "TEAM",
  "ROLES",
  "DESTINATION",
  "TRANSFORMATION",
  "REMOTE_EXECUTION_AGENT",
  "CONNECTOR",
  "PRIVATE_LINK",
  "PROXY",
] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export const ACCESS_LEVELS = ["NONE", "READ", "MANAGE"] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

const RANK: Record<AccessLevel, number> = { NONE: 0, READ: 1, MANAGE: 2 };

/** The resource types whose rules may name entities or groups (`resource_filter`). */
export const FILTERABLE: readonly ResourceType[] = ["CONNECTOR", "DESTINATION"];

const AREAS: Record<string, ResourceType> = {
  metadata: "ACCOUNT",
  users: "USER",
  roles: "ROLES",
  webhooks: "WEBHOOK",
  teams: "TEAM",
  "private-links": "PRIVATE_LINK",
  proxy: "PROXY",
  "hybrid-deployment-agents": "REMOTE_EXECUTION_AGENT",
  transformations: "TRANSFORMATION",
  "transformation-projects": "TRANSFORMATION",
  groups: "DESTINATION",
  destinations: "DESTINATION",
  connections: "CONNECTOR",
  connectors: "CONNECTOR",
};

/**
 * The resource type of a `/v1/<area>` path. Areas Fivetran's guide does not name (events,
 * usage, external logging and secrets managers, Connector SDK packages) are account settings:
 * ACCOUNT.
 */
export function resourceTypeOf(area: string): ResourceType {
  return AREAS[area] ?? "ACCOUNT";
}

/** The entity a CONNECTOR or DESTINATION rule is checked against. */
export interface Entity {
  /** The connection's or the destination's (= group's) id; undefined when it does not exist yet. */
  id?: string;
  /** The group the entity is in (a destination is its own group). */
  groupId?: string;
}

/**
 * A system key's access level on `type` (and, for CONNECTOR and DESTINATION, on one entity),
 * as Fivetran's guide sets it out: a rule naming the entity (`resource_filter.ids`) overrides
 * a rule naming its group (`resource_filter.group_ids`), which overrides a general rule; no rule
 * is NONE. Among rules equally specific the highest level counts.
 */
export function systemKeyLevel(
  permissions: readonly SystemKeyPermission[],
  type: ResourceType,
  entity: Entity = {},
): AccessLevel {
  let general: AccessLevel | undefined;
  let byGroup: AccessLevel | undefined;
  let byId: AccessLevel | undefined;
  const max = (a: AccessLevel | undefined, b: AccessLevel) => (a === undefined || RANK[b] > RANK[a] ? b : a);
  for (const rule of permissions) {
    if (rule.resource_type !== type) continue;
    const filter = rule.resource_filter;
    const ids = filter?.ids ?? [];
    const groupIds = filter?.group_ids ?? [];
    if (ids.length === 0 && groupIds.length === 0) general = max(general, rule.access_level);
    if (entity.id !== undefined && ids.includes(entity.id)) byId = max(byId, rule.access_level);
    if (entity.groupId !== undefined && groupIds.includes(entity.groupId)) byGroup = max(byGroup, rule.access_level);
  }
  return byId ?? byGroup ?? general ?? "NONE";
}

/** Whether `level` allows a read (`write` false) or a change. */
export function allows(level: AccessLevel, write: boolean): boolean {
  return RANK[level] >= (write ? RANK.MANAGE : RANK.READ);
}

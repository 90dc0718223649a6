import type { Grants } from "../db/memberships";

/**
 * What a caller may do, from Fivetran's roles (src/routes/bootstrap/roles.ts): an account role,
 * and roles in groups (destinations) and connections, held by the user or by its teams. Levels
 * are ordered: a higher level may do everything a lower one may.
 */
export enum Level {
  None = 0,
  /** See the resource. */
  View = 1,
  /** See a group and create connections in it (Create Connection). */
  Create = 2,
  /** Change the resource and sync it; not delete it. */
  Edit = 3,
  /** Everything, including deleting it and managing its members. */
  Manage = 4,
}

/** Account roles: the level they give on account settings and on every group. */
const ACCOUNT_ROLES: Record<string, { account: Level; groups: Level; createGroups?: boolean }> = {
  "Account Administrator": { account: Level.Manage, groups: Level.Manage, createGroups: true },
  "Account Analyst": { account: Level.View, groups: Level.Edit },
  "Account Reviewer": { account: Level.View, groups: Level.View },
  "Account Billing": { account: Level.View, groups: Level.None },
  "Destination Creator": { account: Level.None, groups: Level.None, createGroups: true },
};

/** Destination roles (current and legacy names). */
const GROUP_ROLES: Record<string, Level> = {
  "Manage Destination": Level.Manage,
  "Destination Administrator": Level.Manage,
  "Edit Destination": Level.Edit,
  "Destination Analyst": Level.Edit,
  "Create Connection": Level.Create,
  "Connector Creator": Level.Create,
  "View Destination": Level.View,
  "Destination Reviewer": Level.View,
};

/** Connection roles. */
const CONNECTION_ROLES: Record<string, Level> = {
  "Connector Administrator": Level.Manage,
  "Connector Collaborator": Level.Edit,
  "Connector Reviewer": Level.View,
};

/** The role names each kind of membership accepts. */
export const ROLE_NAMES = {
  account: Object.keys(ACCOUNT_ROLES),
  group: Object.keys(GROUP_ROLES),
  connection: Object.keys(CONNECTION_ROLES),
  team: ["Team Manager", "Team Member"],
} as const;

/** A caller's effective permissions. */
export class Access {
  readonly account: Level;
  readonly allGroups: Level;
  readonly createGroups: boolean;
  private readonly groups = new Map<string, Level>();
  private readonly connections = new Map<string, Level>();
  private readonly managedTeams: Set<string>;
  private readonly teams: Set<string>;

  constructor(grants: Grants) {
    let account = Level.None;
    let allGroups = Level.None;
    let createGroups = false;
    for (const role of grants.accountRoles) {
      const given = ACCOUNT_ROLES[role];
      if (!given) continue;
      account = Math.max(account, given.account);
      allGroups = Math.max(allGroups, given.groups);
      createGroups ||= given.createGroups === true;
    }
    this.account = account;
    this.allGroups = allGroups;
    this.createGroups = createGroups;
    for (const membership of grants.memberships) {
      const map = membership.kind === "group" ? this.groups : this.connections;
      const level = (membership.kind === "group" ? GROUP_ROLES : CONNECTION_ROLES)[membership.role] ?? Level.None;
      map.set(membership.resourceId, Math.max(map.get(membership.resourceId) ?? Level.None, level));
    }
    this.teams = new Set(grants.teamRoles.keys());
    this.managedTeams = new Set([...grants.teamRoles].filter(([, role]) => role === "Team Manager").map(([id]) => id));
  }

  /** Full access: an Account Administrator (the bootstrap key and operator-made keys are). */
  get isAdministrator(): boolean {
    return this.account >= Level.Manage;
  }

  group(groupId: string): Level {
    return Math.max(this.allGroups, this.groups.get(groupId) ?? Level.None);
  }

  /** A connection's level: its own role, or its group's (Create Connection only sees them). */
  connection(connectionId: string, groupId: string): Level {
    const fromGroup = this.group(groupId);
    const inherited = fromGroup === Level.Create ? Level.View : fromGroup;
    return Math.max(inherited, this.connections.get(connectionId) ?? Level.None);
  }

  /** Sees a group: a role in it, or in one of its connections (`connectionGroups`: connection id → group id). */
  seesGroup(groupId: string, connectionGroups?: Map<string, string>): boolean {
    if (this.group(groupId) >= Level.View) return true;
    if (!connectionGroups) return false;
    for (const [connectionId, group] of connectionGroups) {
      if (group === groupId && (this.connections.get(connectionId) ?? Level.None) >= Level.View) return true;
    }
    return false;
  }

  /** Ids of connections the caller holds a role in directly. */
  connectionIds(): string[] {
    return [...this.connections.keys()];
  }

  team(teamId: string): Level {
    if (this.account >= Level.Manage || this.managedTeams.has(teamId)) return Level.Manage;
    if (this.account >= Level.View || this.teams.has(teamId)) return Level.View;
    return Level.None;
  }
}

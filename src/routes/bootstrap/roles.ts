/**
 * Fivetran's standard roles, as GET /v1/roles lists them. Custom roles do not exist here, so
 * the list is the same for every account.
 *
 * Sources: the role names clients assign (go-fivetran's live tests use Account Administrator,
 * Account Reviewer, Destination Creator, Destination Administrator, Destination Analyst,
 * Connector Administrator, Team Member), Fivetran's RBAC docs (account roles; the current
 * destination roles Manage/Edit/View Destination and Create Connection) and the OpenAPI
 * spec's example of a deprecated role (Destination Administrator → Manage Destination). The
 * other legacy destination roles point to the current role with the same access.
 */

export type RoleScope = "ACCOUNT" | "DESTINATION" | "CONNECTOR" | "TEAM";

/** A role in Fivetran's shape (RoleResponse). */
export interface Role {
  name: string;
  description: string;
  is_custom: boolean;
  scope: RoleScope[];
  is_deprecated: boolean;
  replacement_role_name: string | null;
}

function role(name: string, scope: RoleScope, description: string, replacedBy?: string): Role {
  return {
    name,
    description,
    is_custom: false,
    scope: [scope],
    is_deprecated: replacedBy !== undefined,
    replacement_role_name: replacedBy ?? null,
  };
}

/** Every standard role; GET /v1/roles pages through them in name order. */
export const STANDARD_ROLES: readonly Role[] = [
  role(
    "Account Administrator",
    "ACCOUNT",
    "Views and changes account information: billing, usage, users, roles, API access and security settings. Creates, manages and deletes destinations, connections, transformations and logs.",
  ),
  role(
    "Account Billing",
    "ACCOUNT",
    "Views and edits billing information and views usage. No access to destinations or connections.",
  ),
  role(
    "Account Analyst",
    "ACCOUNT",
    "Views account information, usage, users and teams. Works with the account's destinations, connections, transformations and logs without changing account settings.",
  ),
  role(
    "Account Reviewer",
    "ACCOUNT",
    "Views account information and every destination and connection. Changes nothing.",
  ),
  role(
    "Destination Creator",
    "ACCOUNT",
    "Creates destinations and administers the destinations they created. No other account access.",
  ),
  role(
    "Manage Destination",
    "DESTINATION",
    "Views, edits and deletes the destination; manages its connections, transformations, logs and members.",
  ),
  role(
    "Edit Destination",
    "DESTINATION",
    "Views and edits the destination and works with its connections, transformations and logs.",
  ),
  role("View Destination", "DESTINATION", "Views the destination and its connections. Changes nothing."),
  role(
    "Create Connection",
    "DESTINATION",
    "Creates connections in the destination and manages the connections they created.",
  ),
  role(
    "Destination Administrator",
    "DESTINATION",
    "Manages the destinations the user is invited to and their connections.",
    "Manage Destination",
  ),
  role(
    "Destination Analyst",
    "DESTINATION",
    "Works with the destinations the user is invited to and their connections.",
    "Edit Destination",
  ),
  role(
    "Destination Reviewer",
    "DESTINATION",
    "Views the destinations the user is invited to and their connections. Changes nothing; no account access.",
    "View Destination",
  ),
  role(
    "Connector Creator",
    "DESTINATION",
    "Creates connectors in the destination and manages the connectors they created.",
    "Create Connection",
  ),
  role(
    "Connector Administrator",
    "CONNECTOR",
    "Views, edits, syncs and deletes the connections the user is invited to.",
  ),
  role(
    "Connector Collaborator",
    "CONNECTOR",
    "Views and edits the connections the user is invited to; cannot delete them.",
  ),
  role("Connector Reviewer", "CONNECTOR", "Views the connections the user is invited to. Changes nothing."),
  role("Team Manager", "TEAM", "Manages the team's members and its memberships in destinations and connections."),
  role("Team Member", "TEAM", "Holds the roles the team has been given."),
];

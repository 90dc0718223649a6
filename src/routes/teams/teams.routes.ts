import { createRoute } from "@hono/zod-openapi";
import { commonErrors, conflictError, envelope, jsonResponse, messageOnly, notFoundError } from "../../lib/envelope";
import { pageQuery, pageSchema } from "../../lib/pagination";
import {
  addTeamUserBody,
  createTeamBody,
  teamIdParam,
  teamSchema,
  teamUserParam,
  teamUserSchema,
  updateTeamBody,
  updateTeamUserBody,
} from "./teams.schemas";

const tags = ["Teams"];
const body = <T>(schema: T, required = true) => ({ required, content: { "application/json": { schema } } });

export const listTeams = createRoute({
  method: "get",
  path: "/v1/teams",
  tags,
  operationId: "list_all_teams",
  summary: "List all teams",
  request: { query: pageQuery },
  responses: { 200: jsonResponse("Teams retrieved successfully", envelope(pageSchema(teamSchema))), ...commonErrors },
});

export const createTeam = createRoute({
  method: "post",
  path: "/v1/teams",
  tags,
  operationId: "create_team",
  summary: "Create a team",
  request: { body: body(createTeamBody) },
  responses: {
    201: jsonResponse("Team has been created", envelope(teamSchema)),
    ...commonErrors,
    ...conflictError,
  },
});

export const getTeam = createRoute({
  method: "get",
  path: "/v1/teams/{teamId}",
  tags,
  operationId: "team_details",
  summary: "Retrieve team details",
  request: { params: teamIdParam },
  responses: {
    200: jsonResponse("Team details retrieved successfully", envelope(teamSchema)),
    ...commonErrors,
    ...notFoundError,
  },
});

export const updateTeam = createRoute({
  method: "patch",
  path: "/v1/teams/{teamId}",
  tags,
  operationId: "modify_team",
  summary: "Update a team",
  request: { params: teamIdParam, body: body(updateTeamBody, false) },
  responses: {
    200: jsonResponse("Team has been updated", envelope(teamSchema)),
    ...commonErrors,
    ...notFoundError,
    ...conflictError,
  },
});

export const deleteTeam = createRoute({
  method: "delete",
  path: "/v1/teams/{teamId}",
  tags,
  operationId: "delete_team",
  summary: "Delete a team",
  description: "Its members stay in the account; the team's memberships go with it.",
  request: { params: teamIdParam },
  responses: { 200: jsonResponse("Team has been deleted", messageOnly), ...commonErrors, ...notFoundError },
});

export const deleteTeamRole = createRoute({
  method: "delete",
  path: "/v1/teams/{teamId}/role",
  tags,
  operationId: "delete_team_membership_in_account",
  summary: "Remove a team's account role",
  request: { params: teamIdParam },
  responses: {
    200: jsonResponse("Team role in account has been removed", messageOnly),
    ...commonErrors,
    ...notFoundError,
  },
});

export const listTeamUsers = createRoute({
  method: "get",
  path: "/v1/teams/{teamId}/users",
  tags,
  operationId: "list_users_in_team",
  summary: "List the users of a team",
  request: { params: teamIdParam, query: pageQuery },
  responses: {
    200: jsonResponse("Team users retrieved successfully", envelope(pageSchema(teamUserSchema))),
    ...commonErrors,
    ...notFoundError,
  },
});

export const addTeamUser = createRoute({
  method: "post",
  path: "/v1/teams/{teamId}/users",
  tags,
  operationId: "add_user_to_team",
  summary: "Add a user to a team",
  request: { params: teamIdParam, body: body(addTeamUserBody) },
  responses: {
    201: jsonResponse("User has been added to the team", envelope(teamUserSchema)),
    ...commonErrors,
    ...notFoundError,
    ...conflictError,
  },
});

export const getTeamUser = createRoute({
  method: "get",
  path: "/v1/teams/{teamId}/users/{userId}",
  tags,
  operationId: "get_user_in_team",
  summary: "Retrieve a user's membership in a team",
  request: { params: teamUserParam },
  responses: {
    200: jsonResponse("Team user details retrieved successfully", envelope(teamUserSchema)),
    ...commonErrors,
    ...notFoundError,
  },
});

export const updateTeamUser = createRoute({
  method: "patch",
  path: "/v1/teams/{teamId}/users/{userId}",
  tags,
  operationId: "update_user_membership",
  summary: "Change a user's role in a team",
  request: { params: teamUserParam, body: body(updateTeamUserBody) },
  responses: {
    200: jsonResponse("User role has been updated", envelope(teamUserSchema)),
    ...commonErrors,
    ...notFoundError,
  },
});

export const removeTeamUser = createRoute({
  method: "delete",
  path: "/v1/teams/{teamId}/users/{userId}",
  tags,
  operationId: "delete_user_from_team",
  summary: "Remove a user from a team",
  request: { params: teamUserParam },
  responses: {
    200: jsonResponse("User has been removed from the team", messageOnly),
    ...commonErrors,
    ...notFoundError,
  },
});

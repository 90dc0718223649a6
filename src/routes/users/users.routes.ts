import { createRoute } from "@hono/zod-openapi";
import { commonErrors, conflictError, envelope, jsonResponse, messageOnly, notFoundError } from "../../lib/envelope";
import { pageSchema } from "../../lib/pagination";
import {
  addGroupUserBody,
  groupIdParam,
  groupUserParam,
  inviteUserBody,
  updateUserBody,
  userIdParam,
  userSchema,
  usersQuery,
} from "./users.schemas";

const tags = ["Users"];

export const listUsers = createRoute({
  method: "get",
  path: "/v1/users",
  tags,
  operationId: "list_all_users",
  summary: "List all users",
  request: { query: usersQuery },
  responses: {
    200: jsonResponse("Users list retrieved successfully", envelope(pageSchema(userSchema))),
    ...commonErrors,
  },
});

export const inviteUser = createRoute({
  method: "post",
  path: "/v1/users",
  tags,
  operationId: "create_user",
  summary: "Invite a user",
  description:
    "The user exists at once (`invited: true`, `verified: false`) and gets access through an API key the operator issues for it (`POST /operator/accounts/{id}/keys` with `user_id`). No email is sent.",
  request: { body: { required: true, content: { "application/json": { schema: inviteUserBody } } } },
  responses: {
    201: jsonResponse("User has been created", envelope(userSchema)),
    ...commonErrors,
    ...conflictError,
  },
});

export const getUser = createRoute({
  method: "get",
  path: "/v1/users/{userId}",
  tags,
  operationId: "user_details",
  summary: "Retrieve user details",
  request: { params: userIdParam },
  responses: {
    200: jsonResponse("User details retrieved successfully", envelope(userSchema)),
    ...commonErrors,
    ...notFoundError,
  },
});

export const updateUser = createRoute({
  method: "patch",
  path: "/v1/users/{userId}",
  tags,
  operationId: "modify_user",
  summary: "Update a user",
  request: {
    params: userIdParam,
    body: { required: false, content: { "application/json": { schema: updateUserBody } } },
  },
  responses: {
    200: jsonResponse("User has been updated", envelope(userSchema)),
    ...commonErrors,
    ...notFoundError,
    ...conflictError,
  },
});

export const deleteUser = createRoute({
  method: "delete",
  path: "/v1/users/{userId}",
  tags,
  operationId: "delete_user",
  summary: "Delete a user",
  description:
    "Deletes the user, its API keys and memberships. The account's owner (its first Account Administrator) and the user of the key making the request cannot be deleted (409).",
  request: { params: userIdParam },
  responses: {
    200: jsonResponse("User has been deleted", messageOnly),
    ...commonErrors,
    ...notFoundError,
    ...conflictError,
  },
});

export const deleteUserRole = createRoute({
  method: "delete",
  path: "/v1/users/{userId}/role",
  tags,
  operationId: "delete_user_membership_in_account",
  summary: "Remove a user's account role",
  description: "The user stays in the account with its group and connection memberships only.",
  request: { params: userIdParam },
  responses: {
    200: jsonResponse("User role in account has been removed", messageOnly),
    ...commonErrors,
    ...notFoundError,
    ...conflictError,
  },
});

const groupTags = ["Groups"];

export const listGroupUsers = createRoute({
  method: "get",
  path: "/v1/groups/{groupId}/users",
  tags: groupTags,
  operationId: "list_all_users_in_group",
  summary: "List the users of a group",
  description: "Users with a membership in the group; `role` is their role in the group.",
  request: { params: groupIdParam, query: usersQuery },
  responses: {
    200: jsonResponse("Group users retrieved successfully", envelope(pageSchema(userSchema))),
    ...commonErrors,
    ...notFoundError,
  },
});

export const addGroupUser = createRoute({
  method: "post",
  path: "/v1/groups/{groupId}/users",
  tags: groupTags,
  operationId: "add_user_to_group",
  summary: "Add an existing user to a group",
  request: {
    params: groupIdParam,
    body: { required: true, content: { "application/json": { schema: addGroupUserBody } } },
  },
  responses: {
    200: jsonResponse("User has been added to the group", messageOnly),
    ...commonErrors,
    ...notFoundError,
    ...conflictError,
  },
});

export const removeGroupUser = createRoute({
  method: "delete",
  path: "/v1/groups/{groupId}/users/{userId}",
  tags: groupTags,
  operationId: "delete_user_from_group",
  summary: "Remove a user from a group",
  request: { params: groupUserParam },
  responses: {
    200: jsonResponse("User has been removed from the group", messageOnly),
    ...commonErrors,
    ...notFoundError,
  },
});

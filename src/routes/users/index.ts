import type { catalog } from "../../db/client";
import { findUser } from "../../db/users";
import { ApiError } from "../../errors";
import { createRouter } from "../../lib/router";
import { type HolderKind, mountMemberships } from "./memberships";
import * as handlers from "./users.handlers";
import * as routes from "./users.routes";

const userHolder: HolderKind = {
  principal: "user",
  segment: "users",
  param: "userId",
  tag: "Users",
  require: async (db: ReturnType<typeof catalog>, accountId: string, id: string) => {
    if (!(await findUser(db, accountId, id))) throw ApiError.notFound("User", id);
  },
  messages: (kind) =>
    kind === "group"
      ? {
          list: "User memberships in groups retrieved successfully",
          details: "User membership in group retrieved successfully",
        }
      : {
          list: "User memberships in connections retrieved successfully",
          details: "User membership in connection retrieved successfully",
        },
};

/**
 * Users of the account (§12): invite, details, update, delete, the account role, memberships in
 * groups and connections (both namings), and a group's users.
 */
export const usersRouter = createRouter()
  .openapi(routes.listUsers, handlers.listUsers)
  .openapi(routes.inviteUser, handlers.inviteUser)
  .openapi(routes.getUser, handlers.getUser)
  .openapi(routes.updateUser, handlers.updateUser)
  .openapi(routes.deleteUser, handlers.deleteUser)
  .openapi(routes.deleteUserRole, handlers.deleteUserRole)
  .openapi(routes.listGroupUsers, handlers.listGroupUsers)
  .openapi(routes.addGroupUser, handlers.addGroupUser)
  .openapi(routes.removeGroupUser, handlers.removeGroupUser);

for (const segment of ["groups", "connections", "connectors"] as const)
  mountMemberships(usersRouter, userHolder, segment);

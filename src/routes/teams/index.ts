import { createRouter } from "../../lib/router";
import { type HolderKind, mountMemberships } from "../users/memberships";
import * as handlers from "./teams.handlers";
import * as routes from "./teams.routes";

const teamHolder: HolderKind = {
  principal: "team",
  segment: "teams",
  param: "teamId",
  tag: "Teams",
  require: async (db, accountId, id) => {
    await handlers.requireTeam(db, accountId, id);
  },
  messages: (kind) =>
    kind === "group"
      ? {
          list: "Team group memberships retrieved successfully",
          details: "Team group membership retrieved successfully",
        }
      : {
          list: "Team connection memberships retrieved successfully",
          details: "Team connection membership retrieved successfully",
        },
};

/** Teams (§12): CRUD, the team's account role, its users, and its group and connection memberships. */
export const teamsRouter = createRouter()
  .openapi(routes.listTeams, handlers.listTeams)
  .openapi(routes.createTeam, handlers.createTeam)
  .openapi(routes.getTeam, handlers.getTeam)
  .openapi(routes.updateTeam, handlers.updateTeam)
  .openapi(routes.deleteTeam, handlers.deleteTeam)
  .openapi(routes.deleteTeamRole, handlers.deleteTeamRole)
  .openapi(routes.listTeamUsers, handlers.listTeamUsers)
  .openapi(routes.addTeamUser, handlers.addTeamUser)
  .openapi(routes.getTeamUser, handlers.getTeamUser)
  .openapi(routes.updateTeamUser, handlers.updateTeamUser)
  .openapi(routes.removeTeamUser, handlers.removeTeamUser);

for (const segment of ["groups", "connections", "connectors"] as const)
  mountMemberships(teamsRouter, teamHolder, segment);

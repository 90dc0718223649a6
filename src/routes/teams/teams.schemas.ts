import { z } from "@hono/zod-openapi";

const timestamp = z.string().openapi({ example: "2024-12-01T15:43:29.013729Z" });

export const teamSchema = z
  .object({
    id: z.string().openapi({ example: "dependent_deserve" }),
    name: z.string().openapi({ example: "Finance Team" }),
    description: z.string().nullable().openapi({ example: "Finance Team Description" }),
    role: z.string().nullable().openapi({ example: "Account Reviewer", description: "The team's account role" }),
  })
  .openapi("Team");

const name = z.string().trim().min(1, "must not be empty").max(255);
const role = z.string().trim().min(1, "must not be empty").max(255);

export const createTeamBody = z
  .object({
    name: name.openapi({ example: "Finance Team" }),
    description: z.string().max(2048).nullish(),
    role: role.nullish().openapi({ example: "Account Reviewer" }),
  })
  .openapi("NewTeamRequest");

export const updateTeamBody = z
  .object({ name: name.nullish(), description: z.string().max(2048).nullish(), role: role.nullish() })
  .openapi("UpdateTeamRequest");

export const teamIdParam = z.object({
  teamId: z.string().openapi({ param: { name: "teamId", in: "path" }, example: "dependent_deserve" }),
});

export const teamUserParam = teamIdParam.extend({
  userId: z.string().openapi({ param: { name: "userId", in: "path" }, example: "recoup_befell" }),
});

export const teamUserSchema = z
  .object({
    user_id: z.string().openapi({ example: "recoup_befell" }),
    role: z.string().openapi({ example: "Team Member" }),
    created_at: timestamp,
  })
  .openapi("TeamMembership");

export const addTeamUserBody = z
  .object({ user_id: z.string().min(1), role: role.openapi({ example: "Team Member" }) })
  .openapi("AddUserToTeamRequest");

export const updateTeamUserBody = z
  .object({ role: role.openapi({ example: "Team Manager" }) })
  .openapi("UpdateTeamUserRequest");

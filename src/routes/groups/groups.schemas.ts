import { z } from "@hono/zod-openapi";

export const groupSchema = z
  .object({
    id: z.string().openapi({ example: "projected_sickle" }),
    name: z.string().openapi({ example: "analytics" }),
    created_at: z.string().openapi({ example: "2024-12-01T15:43:29.013000Z" }),
  })
  .openapi("Group");

const groupName = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(255, "must be at most 255 characters")
  .openapi({ example: "analytics" });

export const createGroupBody = z.object({ name: groupName }).openapi("NewGroupRequest");
export const updateGroupBody = z.object({ name: groupName.nullish() }).openapi("UpdateGroupRequest");

export const groupIdParam = z.object({
  groupId: z.string().openapi({ param: { name: "groupId", in: "path" }, example: "projected_sickle" }),
});

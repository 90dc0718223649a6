import { z } from "@hono/zod-openapi";
import { pageQuery } from "../../lib/pagination";

const timestamp = z.string().openapi({ example: "2024-12-01T15:43:29.013729Z" });

/** A user of the account (§12). */
export const userSchema = z
  .object({
    id: z.string().openapi({ example: "recoup_befell" }),
    email: z.string().openapi({ example: "john@mycompany.com" }),
    given_name: z.string().openapi({ example: "John" }),
    family_name: z.string().openapi({ example: "White" }),
    verified: z.boolean().openapi({ description: "false until one of the user's API keys authenticated" }),
    invited: z
      .boolean()
      .openapi({ description: "true from the invitation until one of the user's keys authenticated" }),
    picture: z.string().nullable(),
    phone: z.string().nullable(),
    role: z
      .string()
      .nullable()
      .openapi({ example: "Account Administrator", description: "The account role; null when removed" }),
    active: z.boolean(),
    logged_in_at: timestamp.nullable().openapi({ description: "When one of the user's API keys last authenticated" }),
    created_at: timestamp,
  })
  .openapi("User");

export const usersQuery = pageQuery.extend({
  active: z
    .enum(["true", "false"])
    .optional()
    .openapi({ description: "true: only users allowed to log in; false: only suspended users" }),
});

export const userIdParam = z.object({
  userId: z.string().openapi({ param: { name: "userId", in: "path" }, example: "recoup_befell" }),
});

const name = (field: string) => z.string().trim().min(1, "must not be empty").max(255).openapi({ example: field });
const optionalText = z.string().max(2048).nullish();
/**
 * An email address as Fivetran takes it: something@somewhere without spaces. Looser than zod's
 * email (go-fivetran's own tests invite `william_addison.@fivetran.com`).
 */
const email = z
  .string()
  .trim()
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+$/, "must be an email address")
  .openapi({ example: "john@mycompany.com" });
const roleField = z.string().trim().min(1, "must not be empty").max(255);

export const inviteUserBody = z
  .object({
    email,
    given_name: name("John"),
    family_name: name("White"),
    phone: optionalText.openapi({ example: "+123456789" }),
    picture: optionalText.openapi({ example: "https://myPicturecom" }),
    role: roleField.nullish().openapi({ example: "Account Reviewer", description: "An account role; none by default" }),
  })
  .openapi("NewUserRequest");

export const updateUserBody = z
  .object({
    given_name: name("John").nullish(),
    family_name: name("White").nullish(),
    phone: optionalText.openapi({ description: "null clears it" }),
    picture: optionalText.openapi({ description: "null clears it" }),
    role: roleField.nullish().openapi({ example: "Account Administrator" }),
  })
  .openapi("UpdateUserRequest");

/** A membership in a group or connection, as Fivetran lists it. */
export const membershipSchema = z
  .object({
    id: z.string().openapi({ example: "projected_sickle", description: "The group's or connection's id" }),
    role: z.string().openapi({ example: "Manage Destination" }),
    created_at: timestamp,
  })
  .openapi("Membership");

export const newMembershipBody = z
  .object({
    id: z.string().min(1).openapi({ example: "projected_sickle", description: "The group's or connection's id" }),
    role: roleField.openapi({ example: "Manage Destination" }),
  })
  .openapi("NewMembershipRequest");

export const updateMembershipBody = z
  .object({ role: roleField.openapi({ example: "View Destination" }) })
  .openapi("UpdateMembershipRequest");

export const groupMembershipParam = userIdParam.extend({
  groupId: z.string().openapi({ param: { name: "groupId", in: "path" }, example: "projected_sickle" }),
});

export const connectionMembershipParam = userIdParam.extend({
  connectionId: z.string().openapi({ param: { name: "connectionId", in: "path" }, example: "recoup_befell" }),
});

export const groupIdParam = z.object({
  groupId: z.string().openapi({ param: { name: "groupId", in: "path" }, example: "projected_sickle" }),
});

export const groupUserParam = groupIdParam.extend({
  userId: z.string().openapi({ param: { name: "userId", in: "path" }, example: "recoup_befell" }),
});

export const addGroupUserBody = z
  .object({
    email,
    role: roleField.openapi({ example: "Destination Administrator" }),
  })
  .openapi("AddUserToGroupRequest");

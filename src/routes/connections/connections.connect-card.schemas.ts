import { z } from "@hono/zod-openapi";

/** An absolute http(s) URL, as Fivetran requires of `redirect_uri`. */
const redirectUri = z
  .string()
  .trim()
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
      } catch {
        return false;
      }
    },
    { message: "must be an absolute URL starting with https:// or http://" },
  )
  .openapi({
    description: "Where the end user is sent after a successful Save & Test, with `?id=<connection id>` appended",
    example: "https://your.site/path",
  });

/** `connect_card_config` as clients send it (Connect Card request, and connection create). */
export const connectCardConfigInput = z
  .object({
    redirect_uri: redirectUri,
    hide_setup_guide: z
      .boolean()
      .nullish()
      .openapi({ description: "Hide the setup guide on the card (default false)" }),
    all_fields: z.boolean().nullish().openapi({
      description: "Show every config field expanded, including the optional ones the card otherwise folds away",
    }),
  })
  .openapi("ConnectCardConfigInput");

export type ConnectCardConfigInput = z.infer<typeof connectCardConfigInput>;

export const connectCardBody = z.object({ connect_card_config: connectCardConfigInput }).openapi("ConnectCardRequest");

export const connectCardConfigSchema = z
  .object({
    redirect_uri: z.string(),
    hide_setup_guide: z.boolean(),
    all_fields: z.boolean(),
  })
  .openapi("ConnectCardConfig");

export const connectCardSchema = z
  .object({
    token: z.string().openapi({ description: "Shown once; only its SHA-256 is stored. Valid for 24 hours" }),
    uri: z.string().openapi({
      description: "The card's page on this Worker (`/connect-card/setup?auth=<token>`): send the end user there",
      example: "https://fivetran.example/connect-card/setup?auth=ftc_…",
    }),
  })
  .openapi("ConnectCard");

export const connectCardResponse = z
  .object({
    connector_id: z.string(),
    connect_card: connectCardSchema,
    connect_card_config: connectCardConfigSchema,
  })
  .openapi("ConnectCardResponse");

export type ConnectCardResponse = z.infer<typeof connectCardResponse>;

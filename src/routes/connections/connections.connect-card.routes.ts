import { createRoute } from "@hono/zod-openapi";
import { commonErrors, envelope, jsonResponse, notFoundError } from "../../lib/envelope";
import { connectCardBody, connectCardResponse } from "./connections.connect-card.schemas";
import { legacy, type Naming, operationId } from "./connections.routes";
import { connectionIdParam } from "./connections.schemas";

function connectCardRoute(naming: Naming) {
  return createRoute({
    method: "post",
    path: `/v1/${naming}/{connectionId}/connect-card`,
    tags: ["Connections"],
    operationId: operationId(naming, "connect_card", "connector_connect_card"),
    summary: "Create a Connect Card",
    description:
      "Issues a Connect Card for the connection: a page on this Worker, opened with the returned token alone (no API key), where an end user fills in the connection's config and runs its setup tests, then is sent to `redirect_uri?id=<connection id>`. The token is valid for 24 hours, as Fivetran's; only its SHA-256 is stored.",
    ...legacy(naming),
    request: {
      params: connectionIdParam,
      body: { required: true, content: { "application/json": { schema: connectCardBody } } },
    },
    responses: {
      200: jsonResponse("Connection Connect Card has been created", envelope(connectCardResponse)),
      ...commonErrors,
      ...notFoundError,
    },
  });
}

export const connectionsConnectCardRoute = connectCardRoute("connections");
export const connectorsConnectCardRoute = connectCardRoute("connectors");

import { createRoute } from "@hono/zod-openapi";
import { commonErrors, conflictError, envelope, jsonResponse, messageOnly, notFoundError } from "../../lib/envelope";
import { pageQuery, pageSchema } from "../../lib/pagination";
import {
  createDestinationBody,
  destinationIdParam,
  destinationSchema,
  destinationWithTestsSchema,
  runSetupTestsBody,
  updateDestinationBody,
} from "./destinations.schemas";

const tags = ["Destinations"];

export const listDestinations = createRoute({
  method: "get",
  path: "/v1/destinations",
  tags,
  operationId: "list_destinations",
  summary: "List all destinations within the account",
  request: { query: pageQuery },
  responses: {
    200: jsonResponse("Destinations list retrieved successfully", envelope(pageSchema(destinationSchema))),
    ...commonErrors,
  },
});

export const createDestination = createRoute({
  method: "post",
  path: "/v1/destinations",
  tags,
  operationId: "create_destination",
  summary: "Create a destination",
  description:
    "Creates the destination of a group (its id is the group's id) and, unless `run_setup_tests` is false, runs its setup tests. 404 for an unknown group, 409 when the group already has a destination.",
  request: { body: { required: true, content: { "application/json": { schema: createDestinationBody } } } },
  responses: {
    201: jsonResponse("Destination has been created", envelope(destinationWithTestsSchema)),
    ...commonErrors,
    ...notFoundError,
    ...conflictError,
  },
});

export const getDestination = createRoute({
  method: "get",
  path: "/v1/destinations/{destinationId}",
  tags,
  operationId: "destination_details",
  summary: "Retrieve destination details",
  request: { params: destinationIdParam },
  responses: {
    200: jsonResponse("Destination details retrieved successfully", envelope(destinationSchema)),
    ...commonErrors,
    ...notFoundError,
  },
});

export const updateDestination = createRoute({
  method: "patch",
  path: "/v1/destinations/{destinationId}",
  tags,
  operationId: "modify_destination",
  summary: "Update a destination",
  description:
    'Merges `config` into the stored config ("******" keeps a stored secret) and runs the setup tests when `run_setup_tests` is true. A config change without a test run sets `setup_status` back to `incomplete`.',
  request: {
    params: destinationIdParam,
    body: { required: false, content: { "application/json": { schema: updateDestinationBody } } },
  },
  responses: {
    200: jsonResponse("Destination has been updated", envelope(destinationWithTestsSchema)),
    ...commonErrors,
    ...notFoundError,
  },
});

export const deleteDestination = createRoute({
  method: "delete",
  path: "/v1/destinations/{destinationId}",
  tags,
  operationId: "delete_destination",
  summary: "Delete a destination",
  description: "Answers 409 and deletes nothing while connections of the group still load into it.",
  request: { params: destinationIdParam },
  responses: {
    200: jsonResponse("Destination has been deleted", messageOnly),
    ...commonErrors,
    ...notFoundError,
    ...conflictError,
  },
});

export const runSetupTests = createRoute({
  method: "post",
  path: "/v1/destinations/{destinationId}/test",
  tags,
  operationId: "run_destination_setup_tests",
  summary: "Run destination setup tests",
  request: {
    params: destinationIdParam,
    body: { required: false, content: { "application/json": { schema: runSetupTestsBody } } },
  },
  responses: {
    200: jsonResponse("Setup tests have been completed", envelope(destinationWithTestsSchema)),
    ...commonErrors,
    ...notFoundError,
  },
});

/**
 * Tiny fakes for the generic `rest` and `graphql` sources: a JSON API at
 * api.example.com that checks one configurable credential (bearer, basic or API key
 * header) and a GraphQL endpoint answering `{ __typename }` as a spec-compliant server
 * does (`{data: {__typename: "Query"}}`), with `{errors: [{message}]}` for what it can't.
 */
import { FakeRouter, json } from "./fake-router";

export type Credential =
  | { type: "none" }
  | { type: "bearer"; token: string }
  | { type: "basic"; username: string; password: string }
  | { type: "api_key"; header: string; key: string };

function authorized(request: Request, credential: Credential): boolean {
  const header = request.headers.get("Authorization") ?? "";
  switch (credential.type) {
    case "none":
      return true;
    case "bearer":
      return header === `Bearer ${credential.token}`;
    case "basic":
      return header === `Basic ${btoa(`${credential.username}:${credential.password}`)}`;
    case "api_key":
      return request.headers.get(credential.header) === credential.key;
  }
}

/** A REST API at https://api.example.com whose routes are JSON documents by path. */
export function createRestFake(credential: Credential, documents: Record<string, unknown>) {
  const state = { rateLimitRetryAfter: undefined as number | undefined };
  const router = new FakeRouter(["api.example.com"], () => json({ message: "Not Found" }, 404));
  router.use(({ request }) => {
    if (!authorized(request, credential)) return json({ message: "Bad credentials" }, 401);
    if (state.rateLimitRetryAfter !== undefined) {
      return json({ message: "API rate limit exceeded" }, 429, { "Retry-After": String(state.rateLimitRetryAfter) });
    }
    return undefined;
  });
  router.on("GET", "/:path*", ({ url }) => {
    if (!Object.hasOwn(documents, url.pathname)) return json({ message: "Not Found" }, 404);
    const document = documents[url.pathname];
    return typeof document === "string"
      ? new Response(document, { headers: { "Content-Type": "text/html" } })
      : json(document);
  });
  return { fetch: router.fetch, requests: router.requests, state };
}

/** A GraphQL endpoint at https://graph.example.com/graphql. */
export function createGraphqlFake(credential: Credential) {
  const router = new FakeRouter(["graph.example.com"], () => json({ message: "Not Found" }, 404));
  router.use(({ request }) =>
    authorized(request, credential) ? undefined : json({ errors: [{ message: "Unauthorized" }] }, 401),
  );
  router.on("POST", "/graphql", ({ body, request }) => {
    if (!request.headers.get("Content-Type")?.startsWith("application/json")) {
      return json({ errors: [{ message: "Must provide query string." }] }, 400);
    }
    const { query } = JSON.parse(body) as { query?: string };
    if (query?.replace(/\s+/g, "") === "{__typename}") return json({ data: { __typename: "Query" } });
    return json({ errors: [{ message: `Cannot query field on type "Query".` }] });
  });
  return { fetch: router.fetch, requests: router.requests };
}

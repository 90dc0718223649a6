/**
 * A fake of Google's OAuth token endpoint (oauth2.googleapis.com) and the Cloud Storage
 * JSON API (storage.googleapis.com) after their documented contracts. The token endpoint
 * takes the JWT bearer grant, verifies the assertion's RS256 signature with the service
 * account's public key and its iss/aud/scope/exp claims, and answers `{access_token,
 * expires_in, token_type}` or `{error, error_description}` (400 invalid_grant). Objects
 * are listed at `GET /storage/v1/b/{bucket}/o` as `{kind, items, nextPageToken}`; errors
 * are `{error: {code, message, errors: [{reason}]}}` (401, 403, 404, 429).
 *
 * Objects written with `put` have content: objects.list returns their `updated`, `size` and
 * `generation` (and honours `prefix`, `maxResults`, `pageToken`), and objects.get with
 * `alt=media` serves their bytes, with `Range` (206) and `ifGenerationMatch` (412 when the
 * object was overwritten since), as the JSON API documents.
 */
import { importSPKI, jwtVerify } from "jose";
import { FakeRouter, json } from "./fake-router";

export interface GcsFakeOptions {
  /** Service accounts by client_email, with their public key (SPKI PEM). */
  accounts: Record<string, { publicKey: string }>;
  /** Buckets: object names and the accounts allowed to list them. */
  buckets: Record<string, { objects: string[]; readers: string[] }>;
  /** The clock the JWT's exp is judged by. */
  now: () => Date;
}

function apiError(code: number, message: string, reason: string, headers: Record<string, string> = {}) {
  return json({ error: { code, message, errors: [{ message, domain: "global", reason }] } }, code, headers);
}

interface StoredObject {
  body: Uint8Array;
  updated: string;
  generation: number;
}

export function createGcsFake(options: GcsFakeOptions) {
  const state = { rateLimitRetryAfter: undefined as number | undefined, tokens: new Map<string, string>() };
  const stored = new Map<string, Map<string, StoredObject>>();
  let generation = 1_700_000_000_000_000;
  /** Writes an object (a new generation), stamped `updated` = now (or `at`). */
  const put = (bucket: string, name: string, body: string | Uint8Array, at = new Date()) => {
    const objects = stored.get(bucket) ?? new Map<string, StoredObject>();
    stored.set(bucket, objects);
    objects.set(name, {
      body: typeof body === "string" ? new TextEncoder().encode(body) : body,
      updated: at.toISOString(),
      generation: ++generation,
    });
    const listed = options.buckets[bucket]?.objects;
    if (listed && !listed.includes(name)) listed.push(name);
  };
  const remove = (bucket: string, name: string) => {
    stored.get(bucket)?.delete(name);
    const listed = options.buckets[bucket]?.objects;
    if (listed?.includes(name)) listed.splice(listed.indexOf(name), 1);
  };
  const router = new FakeRouter(["oauth2.googleapis.com", "storage.googleapis.com"], () =>
    apiError(404, "Not Found", "notFound"),
  );

  router.on("POST", "/token", async ({ body, url }) => {
    if (url.host !== "oauth2.googleapis.com") return apiError(404, "Not Found", "notFound");
    const form = new URLSearchParams(body);
    if (form.get("grant_type") !== "urn:ietf:params:oauth:grant-type:jwt-bearer") {
      return json({ error: "unsupported_grant_type", error_description: "Invalid grant_type" }, 400);
    }
    const assertion = form.get("assertion") ?? "";
    const claims = JSON.parse(atob((assertion.split(".")[1] ?? "").replace(/-/g, "+").replace(/_/g, "/"))) as {
      iss?: string;
    };
    const account = options.accounts[claims.iss ?? ""];
    if (!account) return json({ error: "invalid_grant", error_description: "Invalid grant: account not found" }, 400);
    try {
      const { payload } = await jwtVerify(assertion, await importSPKI(account.publicKey, "RS256"), {
        audience: "https://oauth2.googleapis.com/token",
        currentDate: options.now(),
        maxTokenAge: "1h",
      });
      if (typeof payload.scope !== "string" || !payload.scope.includes("devstorage")) {
        return json({ error: "invalid_scope", error_description: "Invalid OAuth scope" }, 400);
      }
    } catch {
      return json({ error: "invalid_grant", error_description: "Invalid JWT Signature." }, 400);
    }
    const token = `ya29.fake-${crypto.randomUUID()}`;
    state.tokens.set(token, claims.iss ?? "");
    return json({ access_token: token, expires_in: 3599, token_type: "Bearer" });
  });

  router.on("GET", "/storage/v1/b/:bucket/o", ({ request, params, url }) => {
    const email = state.tokens.get((request.headers.get("Authorization") ?? "").replace(/^Bearer /, ""));
    if (!email) return apiError(401, "Invalid Credentials", "authError");
    if (state.rateLimitRetryAfter !== undefined) {
      return apiError(429, "The rate of requests is too high.", "rateLimitExceeded", {
        "Retry-After": String(state.rateLimitRetryAfter),
      });
    }
    const bucket = options.buckets[params.bucket ?? ""];
    if (!bucket) return apiError(404, "The specified bucket does not exist.", "notFound");
    if (!bucket.readers.includes(email)) {
      return apiError(
        403,
        `${email} does not have storage.objects.list access to the Google Cloud Storage bucket. Permission 'storage.objects.list' denied on resource (or it may not exist).`,
        "forbidden",
      );
    }
    const prefix = url.searchParams.get("prefix") ?? "";
    const max = Number(url.searchParams.get("maxResults") ?? 1000);
    const names = bucket.objects.filter((name) => name.startsWith(prefix)).sort();
    const start = Number(url.searchParams.get("pageToken") ?? 0);
    const page = names.slice(start, start + max);
    return json({
      kind: "storage#objects",
      ...(page.length
        ? {
            items: page.map((name) => {
              const object = stored.get(params.bucket ?? "")?.get(name);
              return {
                kind: "storage#object",
                name,
                bucket: params.bucket,
                size: String(object?.body.length ?? 0),
                ...(object ? { updated: object.updated, generation: String(object.generation) } : {}),
              };
            }),
          }
        : {}),
      ...(start + max < names.length ? { nextPageToken: String(start + max) } : {}),
    });
  });

  router.on("GET", "/storage/v1/b/:bucket/o/:object", ({ request, params, url }) => {
    const email = state.tokens.get((request.headers.get("Authorization") ?? "").replace(/^Bearer /, ""));
    if (!email) return apiError(401, "Invalid Credentials", "authError");
    const bucket = options.buckets[params.bucket ?? ""];
    if (!bucket) return apiError(404, "The specified bucket does not exist.", "notFound");
    if (!bucket.readers.includes(email)) {
      return apiError(
        403,
        `${email} does not have storage.objects.get access to the Google Cloud Storage object.`,
        "forbidden",
      );
    }
    const object = stored.get(params.bucket ?? "")?.get(params.object ?? "");
    if (!object) return apiError(404, `No such object: ${params.bucket}/${params.object}`, "notFound");
    const match = url.searchParams.get("ifGenerationMatch");
    if (match !== null && match !== String(object.generation)) {
      return apiError(412, "At least one of the pre-conditions you specified did not hold.", "conditionNotMet");
    }
    if (url.searchParams.get("alt") !== "media") {
      return json({ kind: "storage#object", name: params.object, size: String(object.body.length) });
    }
    const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.get("Range") ?? "");
    if (!range) return new Response(object.body, { headers: { "Content-Type": "application/octet-stream" } });
    const start = Number(range[1]);
    const end = range[2] ? Math.min(Number(range[2]), object.body.length - 1) : object.body.length - 1;
    return new Response(object.body.slice(start, end + 1), {
      status: 206,
      headers: { "Content-Range": `bytes ${start}-${end}/${object.body.length}` },
    });
  });

  return { fetch: router.fetch, requests: router.requests, state, put, remove };
}

import { decodeJwt, decodeProtectedHeader, exportPKCS8, exportSPKI, generateKeyPair } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { AuthError, RateLimitedError, TransientError } from "../../../src/engine/errors";
import {
  GOOGLE_TOKEN_URL,
  GoogleKeyError,
  GoogleTokenError,
  readTokenResponse,
  type ServiceAccountKey,
  ServiceAccountTokens,
  serviceAccountAssertion,
  tokenEndpoint,
} from "../../../src/engine/toolkit/google-auth";
import { FakeRouter, json } from "../../fakes/fake-router";
import { createGcsFake } from "../../fakes/gcs";

const EMAIL = "reader@acme.iam.gserviceaccount.com";
const SCOPE = "https://www.googleapis.com/auth/devstorage.read_only";
let key: ServiceAccountKey;
let publicKey: string;

beforeAll(async () => {
  const pair = await generateKeyPair("RS256", { extractable: true });
  key = {
    client_email: EMAIL,
    private_key: await exportPKCS8(pair.privateKey),
    private_key_id: "kid-1",
    token_uri: GOOGLE_TOKEN_URL,
  };
  publicKey = await exportSPKI(pair.publicKey);
});

/** A clock the test moves by hand. */
function clock(start = "2026-03-01T00:00:00Z") {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

function gcs(now: () => Date) {
  return createGcsFake({ accounts: { [EMAIL]: { publicKey } }, buckets: {}, now });
}

const tokenRequests = (requests: { url: URL }[]) => requests.filter((r) => r.url.pathname === "/token").length;

describe("google-auth", () => {
  it("signs the JWT bearer assertion: RS256 with kid, iss, aud, scope, an hour", async () => {
    const now = new Date("2026-03-01T00:00:00Z");
    const assertion = await serviceAccountAssertion(key, [SCOPE, "openid"], now);
    expect(decodeProtectedHeader(assertion)).toEqual({ alg: "RS256", typ: "JWT", kid: "kid-1" });
    const iat = now.getTime() / 1000;
    expect(decodeJwt(assertion)).toEqual({
      iss: EMAIL,
      aud: GOOGLE_TOKEN_URL,
      scope: `${SCOPE} openid`,
      iat,
      exp: iat + 3600,
    });
    await expect(serviceAccountAssertion({ ...key, private_key: "junk" }, SCOPE, now)).rejects.toBeInstanceOf(
      GoogleKeyError,
    );
  });

  it("posts only to Google's own token hosts", () => {
    expect(tokenEndpoint({})).toBe(GOOGLE_TOKEN_URL);
    expect(tokenEndpoint({ token_uri: "https://oauth2.googleapis.com/token" })).toBe(GOOGLE_TOKEN_URL);
    expect(tokenEndpoint({ token_uri: "https://accounts.google.com/o/oauth2/token" })).toBe(
      "https://accounts.google.com/o/oauth2/token",
    );
    expect(tokenEndpoint({ token_uri: "https://evil.example/token" })).toBe(GOOGLE_TOKEN_URL);
    expect(tokenEndpoint({ token_uri: "http://oauth2.googleapis.com/token" })).toBe(GOOGLE_TOKEN_URL);
    expect(tokenEndpoint({ token_uri: "not a url" })).toBe(GOOGLE_TOKEN_URL);
  });

  it("reads expires_in (an hour without it)", () => {
    const now = new Date(0);
    expect(readTokenResponse({ access_token: "a", expires_in: 100 }, now)).toEqual({
      accessToken: "a",
      expiresAt: 100_000,
    });
    expect(readTokenResponse({ access_token: "a" }, now)?.expiresAt).toBe(3_600_000);
    expect(readTokenResponse({ error: "x" }, now)).toBeUndefined();
  });

  it("mints a token Google accepts, caches it until shortly before expiry, and shares one request", async () => {
    const time = clock();
    const fake = gcs(time.now);
    const tokens = new ServiceAccountTokens(key, SCOPE, { fetch: fake.fetch, now: time.now, refreshMarginMs: 60_000 });
    const [a, b] = await Promise.all([tokens.token(), tokens.token()]);
    expect(a).toMatch(/^ya29\.fake-/);
    expect(b).toBe(a);
    expect(tokenRequests(fake.requests)).toBe(1);
    time.advance(3599_000 - 61_000); // the fake's tokens live 3599 s: still a minute and a second left
    expect(await tokens.token()).toBe(a);
    expect(tokenRequests(fake.requests)).toBe(1);
    time.advance(2_000); // now inside the refresh margin
    const c = await tokens.token();
    expect(c).not.toBe(a);
    expect(tokenRequests(fake.requests)).toBe(2);
    tokens.invalidate();
    expect(await tokens.token()).not.toBe(c);
    expect(tokenRequests(fake.requests)).toBe(3);
  });

  it("maps refusals, throttling and outages onto the engine's errors, never echoing the assertion", async () => {
    const time = clock();
    const other = await exportPKCS8((await generateKeyPair("RS256", { extractable: true })).privateKey);
    const refused = await new ServiceAccountTokens({ ...key, private_key: other }, SCOPE, {
      fetch: gcs(time.now).fetch,
      now: time.now,
    })
      .token()
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(GoogleTokenError);
    expect(refused).toBeInstanceOf(AuthError);
    expect((refused as GoogleTokenError).status).toBe(400);
    expect((refused as GoogleTokenError).detail).toBe("invalid_grant: Invalid JWT Signature.");
    expect((refused as Error).message).not.toMatch(/eyJ/);

    let status = 429;
    const router = new FakeRouter(["oauth2.googleapis.com"]).on("POST", "/token", () =>
      json({ error: { code: status, status: "UNAVAILABLE", message: "try later" } }, status, { "Retry-After": "7" }),
    );
    const tokens = new ServiceAccountTokens(key, SCOPE, { fetch: router.fetch, now: time.now });
    const throttled = await tokens.token().catch((e: unknown) => e);
    expect(throttled).toBeInstanceOf(RateLimitedError);
    expect((throttled as RateLimitedError).retryAfterMs).toBe(7000);
    status = 503;
    const down = await tokens.token().catch((e: unknown) => e);
    expect(down).toBeInstanceOf(TransientError);
    expect(down).not.toBeInstanceOf(RateLimitedError);
    expect((down as Error).message).toBe("Google's token endpoint answered HTTP 503 UNAVAILABLE: try later");

    const unreachable = await new ServiceAccountTokens(key, SCOPE, {
      fetch: new FakeRouter(["elsewhere.example"]).fetch,
      now: time.now,
    })
      .token()
      .catch((e: unknown) => e);
    expect(unreachable).toBeInstanceOf(TransientError);
    expect((unreachable as Error).message).toMatch(/^Could not reach Google's token endpoint: /);
    for (const error of [refused, throttled, down, unreachable]) {
      expect((error as Error).message).not.toContain("PRIVATE KEY");
    }
  });
});

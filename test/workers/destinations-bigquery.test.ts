import { env } from "cloudflare:workers";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { bigQueryDestination } from "../../src/engine/destinations/big-query/index";
import { parseConfig } from "../../src/engine/toolkit/config";
import { setupStatusOf } from "../../src/engine/toolkit/setup-tests";
import { bigQueryFake, TOKEN_URL } from "../fakes/bigquery";
import { TEST_EGRESS } from "./engine/harness";
import { call, newAccount } from "./helpers";

const EMAIL = "loader@analytics-prod.iam.gserviceaccount.com";

function pem(label: string, der: ArrayBuffer): string {
  const base64 = btoa(String.fromCharCode(...new Uint8Array(der)));
  return `-----BEGIN ${label}-----\n${base64.match(/.{1,64}/g)?.join("\n")}\n-----END ${label}-----\n`;
}

async function rsaKeyPair() {
  const pair = (await crypto.subtle.generateKey(
    { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    true,
    ["sign", "verify"],
  )) as CryptoKeyPair;
  return {
    privateKeyPem: pem("PRIVATE KEY", (await crypto.subtle.exportKey("pkcs8", pair.privateKey)) as ArrayBuffer),
    publicKeyPem: pem("PUBLIC KEY", (await crypto.subtle.exportKey("spki", pair.publicKey)) as ArrayBuffer),
  };
}

/** A service-account key file as Google Cloud's console downloads it. */
function keyFile(privateKeyPem: string, clientEmail = EMAIL) {
  return JSON.stringify({
    type: "service_account",
    project_id: "analytics-prod",
    private_key_id: "0123456789abcdef",
    private_key: privateKeyPem,
    client_email: clientEmail,
    client_id: "123456789",
    auth_uri: "https://accounts.google.com/o/oauth2/auth",
    token_uri: TOKEN_URL,
  });
}

let registered: Awaited<ReturnType<typeof rsaKeyPair>>;
let other: Awaited<ReturnType<typeof rsaKeyPair>>;

beforeAll(async () => {
  [registered, other] = await Promise.all([rsaKeyPair(), rsaKeyPair()]);
});

function fake() {
  return bigQueryFake({
    serviceAccounts: [{ client_email: EMAIL, publicKeyPem: registered.publicKeyPem, projects: ["analytics-prod"] }],
    datasets: { "analytics-prod": [{ id: "raw", location: "US" }] },
  });
}

async function check(input: Record<string, unknown>, bq = fake(), fetcher: typeof fetch = bq.fetch) {
  const config = parseConfig(bigQueryDestination, {
    project_id: "analytics-prod",
    data_set_location: "US",
    secret_key: keyFile(registered.privateKeyPem),
    ...input,
  }) as Parameters<typeof bigQueryDestination.check>[0];
  const tests = await bigQueryDestination.check(config, {
    fetch: fetcher,
    log: { info() {}, warn() {} },
    now: () => new Date(),
    bindings: {},
    egress: TEST_EGRESS,
  });
  return { tests, bq, summary: tests.map((t) => [t.title, t.status]) };
}

describe("bigquery destination setup tests (against fakes of Google OAuth and BigQuery)", () => {
  it("mints a token with the service account's JWT and lists the project's datasets", async () => {
    const { tests, bq } = await check({});
    expect(tests).toEqual([
      { title: "Validating the service-account key", status: "PASSED", message: `Service account ${EMAIL}` },
      { title: "Obtaining an access token", status: "PASSED", message: `Access token issued for ${EMAIL}` },
      { title: "Connecting to BigQuery", status: "PASSED", message: "Listed datasets of project analytics-prod" },
    ]);
    expect(bq.issued.has(EMAIL)).toBe(true);
  });

  it("sends the JWT bearer grant Google documents and calls BigQuery with the issued token", async () => {
    const bq = fake();
    const seen: Request[] = [];
    const spy = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      seen.push(request.clone());
      return bq.fetch(request);
    }) as typeof fetch;
    await check({}, bq, spy);
    const [token, list] = seen;
    expect(token?.url).toBe(TOKEN_URL);
    expect(token?.headers.get("Content-Type")).toBe("application/x-www-form-urlencoded");
    const form = new URLSearchParams(new TextDecoder().decode(await token?.arrayBuffer()));
    expect(form.get("grant_type")).toBe("urn:ietf:params:oauth:grant-type:jwt-bearer");
    const assertion = form.get("assertion") ?? "";
    expect(decodeProtectedHeader(assertion)).toEqual({ alg: "RS256", typ: "JWT", kid: "0123456789abcdef" });
    const claims = decodeJwt(assertion);
    expect(claims).toMatchObject({ iss: EMAIL, aud: TOKEN_URL, scope: "https://www.googleapis.com/auth/bigquery" });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(3600);
    expect(list?.url).toBe("https://bigquery.googleapis.com/bigquery/v2/projects/analytics-prod/datasets?maxResults=1");
    expect(list?.headers.get("Authorization")).toBe(`Bearer ${bq.issued.get(EMAIL)}`);
  });

  it("fails with Google's 403 for a project the service account may not use", async () => {
    const { tests, summary } = await check({ project_id: "someone-elses" });
    expect(summary).toEqual([
      ["Validating the service-account key", "PASSED"],
      ["Obtaining an access token", "PASSED"],
      ["Connecting to BigQuery", "FAILED"],
    ]);
    expect(tests[2]?.message).toBe(
      "Project someone-elses: HTTP 403 PERMISSION_DENIED: Access Denied: Project someone-elses: User does not have bigquery.datasets.list permission in project someone-elses.",
    );
    expect(setupStatusOf(tests)).toBe("broken");
  });

  it("fails the token test when the key is not the service account's (invalid signature)", async () => {
    const { tests, summary } = await check({ secret_key: keyFile(other.privateKeyPem) });
    expect(summary.map(([, status]) => status)).toEqual(["PASSED", "FAILED", "SKIPPED"]);
    expect(tests[1]?.message).toBe("Google refused the key: HTTP 400 invalid_grant: Invalid JWT Signature.");
  });

  it("checks the SDK's dataset: present passes, absent warns that the first sync creates it", async () => {
    const present = await check({ dataset: "raw" });
    expect(present.tests[3]).toEqual({
      title: "Checking the dataset",
      status: "PASSED",
      message: "Dataset analytics-prod:raw exists in US",
    });
    const absent = await check({ dataset: "new_one" });
    expect(absent.tests[3]).toMatchObject({
      status: "WARNING",
      message: expect.stringMatching(/first sync creates it$/),
    });
    expect(setupStatusOf(absent.tests)).toBe("connected");
  });

  it("maps the SDK short form {project, dataset} and accepts the key file as an object", () => {
    const config = parseConfig(bigQueryDestination, {
      project: "analytics-prod",
      dataset: "raw",
      secret_key: JSON.parse(keyFile(registered.privateKeyPem)),
    });
    expect(config).toMatchObject({ project_id: "analytics-prod", dataset: "raw" });
    expect(JSON.parse(config.secret_key as string).client_email).toBe(EMAIL);
  });

  it("rejects a key file that is not a service-account key with a 400 that never echoes it", async () => {
    const auth = await newAccount();
    const group = (await call("POST", "/v1/groups", { auth, body: { name: "bq" } })).json.data;
    const res = await call("POST", "/v1/destinations", {
      auth,
      body: {
        group_id: group.id,
        service: "big_query",
        time_zone_offset: "0",
        config: {
          project_id: "analytics-prod",
          secret_key: JSON.stringify({ type: "authorized_user", refresh_token: "rt-secret" }),
        },
      },
    });
    expect(res.status).toBe(400);
    expect(res.json.message).toBe(
      "Invalid value for field 'config.secret_key': not a service-account key (its type must be 'service_account')",
    );
    expect(JSON.stringify(res.json)).not.toContain("rt-secret");
  });

  it("masks secret_key in responses and keeps it when sent back as ******", async () => {
    const auth = await newAccount();
    const group = (await call("POST", "/v1/groups", { auth, body: { name: "bq" } })).json.data;
    const created = await call("POST", "/v1/destinations", {
      auth,
      body: {
        group_id: group.id,
        service: "bigquery",
        time_zone_offset: "0",
        run_setup_tests: false,
        config: { project_id: "analytics-prod", secret_key: keyFile(registered.privateKeyPem) },
      },
    });
    expect(created.status).toBe(201);
    expect(created.json.data.config).toEqual({ project_id: "analytics-prod", secret_key: "******" });
    const patched = await call("PATCH", `/v1/destinations/${group.id}`, {
      auth,
      body: { config: { secret_key: "******", data_set_location: "EU" } },
    });
    expect(patched.json.data.config).toEqual({
      project_id: "analytics-prod",
      data_set_location: "EU",
      secret_key: "******",
    });
    const row = await env.DB.prepare("SELECT config, secrets FROM destinations WHERE id = ?1").bind(group.id).first<{
      config: string;
      secrets: string;
    }>();
    expect(row?.config).not.toContain("PRIVATE KEY");
    expect(row?.secrets).not.toContain("PRIVATE KEY");
  });
});

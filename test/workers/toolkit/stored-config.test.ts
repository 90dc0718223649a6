import { env } from "cloudflare:workers";
import { z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { MASK, openConfig, sealConfig, secret, setSecretNames } from "../../../src/engine/toolkit/config";
import { ApiError } from "../../../src/errors";
import { decryptJson } from "../../../src/lib/secrets";

const definition = {
  fields: z.object({
    host: z.string(),
    port: z.number(),
    password: secret(z.string()).optional(),
    private_key: secret(z.string()).optional(),
  }),
};

describe("sealConfig / openConfig: one way of storing config with secrets", () => {
  const full = { host: "db.example.com", port: 5432, password: "s3cret-Passw0rd" };

  it("seals secrets apart, masks them in config by default (connections) or leaves them out (destinations)", async () => {
    const masked = await sealConfig(env, definition, full);
    expect(masked.config).toEqual({ host: "db.example.com", port: 5432, password: MASK });
    expect(masked.secrets).toMatch(/^v1\./);
    expect(JSON.stringify(masked)).not.toContain("s3cret-Passw0rd");
    expect(await decryptJson(env.FIVETRAN_ENCRYPTION_KEY, masked.secrets)).toEqual({ password: "s3cret-Passw0rd" });

    const bare = await sealConfig(env, definition, full, { masks: false });
    expect(bare.config).toEqual({ host: "db.example.com", port: 5432 });
    expect(JSON.stringify(bare)).not.toContain("s3cret-Passw0rd");

    expect(await sealConfig(env, definition, { host: "h", port: 1 })).toEqual({
      config: { host: "h", port: 1 },
      secrets: null,
    });
    expect(setSecretNames(definition.fields, full)).toEqual(["password"]);
  });

  it("reads both forms back to the full config", async () => {
    for (const masks of [true, false]) {
      const sealed = await sealConfig(env, definition, full, { masks });
      expect(await openConfig(env, sealed)).toEqual(full);
    }
    expect(await openConfig(env, { config: { host: "h" }, secrets: null })).toEqual({ host: "h" });
  });

  it("refuses to store a secret without an encryption key (503), and stores config without secrets anyway", async () => {
    const error = await sealConfig({ FIVETRAN_ENCRYPTION_KEY: "" }, definition, full).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(503);
    expect(await sealConfig({ FIVETRAN_ENCRYPTION_KEY: "" }, definition, { host: "h", port: 1 })).toEqual({
      config: { host: "h", port: 1 },
      secrets: null,
    });
  });
});

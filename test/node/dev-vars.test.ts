/**
 * `npm start` prints a secret only when it creates it (issue #9 §8): scripts/dev-vars.mjs on a
 * temporary file, without starting wrangler.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bannerLines, ensureDevVars } from "../../scripts/dev-vars.mjs";

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "fivetran-dev-vars-"));
  file = path.join(dir, ".dev.vars");
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function banner(vars: Record<string, string>, created: string[]) {
  return bannerLines({
    url: "http://127.0.0.1:8787",
    vars,
    created,
    devVarsPath: file,
    persistDir: dir,
    elapsedMs: 1234,
  }).join("\n");
}

describe(".dev.vars and the npm start banner", () => {
  it("prints the secrets on the first start, which creates them, and never again", async () => {
    const first = ensureDevVars(file);
    expect(first.existed).toBe(false);
    expect(first.created.sort()).toEqual(
      ["FIVETRAN_API_KEY", "FIVETRAN_API_SECRET", "FIVETRAN_ENCRYPTION_KEY", "FIVETRAN_OPERATOR_SECRET"].sort(),
    );
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const { FIVETRAN_API_KEY: key, FIVETRAN_API_SECRET: secret, FIVETRAN_OPERATOR_SECRET: operator } = first.vars;
    const firstBanner = banner(first.vars, first.created);
    expect(firstBanner).toContain(`API key          ${key}`);
    expect(firstBanner).toContain(`API secret       ${secret}`);
    expect(firstBanner).toContain(`Operator secret  ${operator}`);
    expect(firstBanner).toContain(`curl -u ${key}:${secret} -X POST`);

    const second = ensureDevVars(file);
    expect(second).toMatchObject({ existed: true, created: [] });
    expect(second.vars).toEqual(first.vars);
    const secondBanner = banner(second.vars, second.created);
    expect(secondBanner).toContain(`API key          ${key}`);
    expect(secondBanner).toContain(`API secret       in ${file} (printed when it was created)`);
    expect(secondBanner).toContain(`Operator secret  in ${file} (printed when it was created)`);
    for (const value of [secret, operator, first.vars.FIVETRAN_ENCRYPTION_KEY]) {
      expect(secondBanner).not.toContain(value as string);
    }
    // The curl still works when pasted: it reads the secret from the file.
    expect(secondBanner).toContain(`. '${file}'`);
    expect(secondBanner).toContain('curl -u "$FIVETRAN_API_KEY:$FIVETRAN_API_SECRET" -X POST');
  });

  it("prints only the secret it appends to an existing file, and keeps the values there", async () => {
    await writeFile(file, 'FIVETRAN_API_KEY="mykey"\nFIVETRAN_API_SECRET="mysecret_value"\n');
    const result = ensureDevVars(file);
    expect(result.existed).toBe(true);
    expect(result.created.sort()).toEqual(["FIVETRAN_ENCRYPTION_KEY", "FIVETRAN_OPERATOR_SECRET"]);
    expect(result.vars).toMatchObject({ FIVETRAN_API_KEY: "mykey", FIVETRAN_API_SECRET: "mysecret_value" });
    expect(await readFile(file, "utf8")).toMatch(/^FIVETRAN_API_KEY="mykey"\nFIVETRAN_API_SECRET="mysecret_value"\n/);
    const text = banner(result.vars, result.created);
    expect(text).not.toContain("mysecret_value");
    expect(text).toContain(`Operator secret  ${result.vars.FIVETRAN_OPERATOR_SECRET}`);
  });
});

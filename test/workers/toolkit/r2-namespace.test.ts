/**
 * The namespaced R2 bucket on the real local DATA_LAKE binding: keys go under `<namespace>/`,
 * results come back without it, listings (prefix, delimiter, cursor, startAfter) see only the
 * namespace, and keys that only look confined are refused before anything is stored.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { namespacedBucket, R2KeyError } from "../../../src/engine/toolkit/r2-namespace";

const raw = (env as unknown as { DATA_LAKE: R2Bucket }).DATA_LAKE;

function namespaces() {
  const id = crypto.randomUUID().replace(/-/g, "").slice(0, 10);
  return { a: `nsa_${id}`, b: `nsb_${id}` };
}

async function rawKeys(prefix: string): Promise<string[]> {
  return (await raw.list({ prefix })).objects.map((o) => o.key).sort();
}

describe("namespacedBucket", () => {
  it("stores every key under <namespace>/ and hands keys back without it", async () => {
    const { a } = namespaces();
    const bucket = namespacedBucket(raw, a);
    const put = await bucket.put("dir/one.json", '{"n":1}', { httpMetadata: { contentType: "application/json" } });
    expect(put.key).toBe("dir/one.json");
    expect(put.size).toBe(7);
    expect(await rawKeys(`${a}/`)).toEqual([`${a}/dir/one.json`]);

    const got = await bucket.get("dir/one.json");
    expect(got?.key).toBe("dir/one.json");
    expect(await got?.text()).toBe('{"n":1}');
    expect(got?.httpMetadata?.contentType).toBe("application/json");
    const head = await bucket.head("dir/one.json");
    expect(head?.key).toBe("dir/one.json");
    expect(head?.etag).toBe(put.etag);
    expect(await bucket.get("missing")).toBeNull();
    expect(await bucket.head("missing")).toBeNull();

    await bucket.delete("dir/one.json");
    expect(await rawKeys(`${a}/`)).toEqual([]);
  });

  it("keeps two namespaces apart: the same key is two objects, each side sees and deletes only its own", async () => {
    const { a, b } = namespaces();
    const alice = namespacedBucket(raw, a);
    const bob = namespacedBucket(raw, b);
    await alice.put("shared/key.txt", "alice");
    await bob.put("shared/key.txt", "bob");
    expect(await (await alice.get("shared/key.txt"))?.text()).toBe("alice");
    expect(await (await bob.get("shared/key.txt"))?.text()).toBe("bob");
    expect((await alice.list()).objects.map((o) => o.key)).toEqual(["shared/key.txt"]);

    await bob.delete(["shared/key.txt"]);
    expect(await rawKeys(`${b}/`)).toEqual([]);
    expect(await rawKeys(`${a}/`)).toEqual([`${a}/shared/key.txt`]);
    await alice.delete("shared/key.txt");
  });

  it("lists within the namespace: prefix, delimiter, limit with cursor, startAfter", async () => {
    const { a, b } = namespaces();
    const bucket = namespacedBucket(raw, a);
    for (const key of ["x/1", "x/2", "x/sub/3", "y/4", "z"]) await bucket.put(key, key);
    await raw.put(`${b}/x/other`, "not mine");
    // An object whose key merely starts with the namespace's text is not in it.
    await raw.put(`${a}x/1`, "not mine either");

    const all = await bucket.list();
    expect(all.objects.map((o) => o.key)).toEqual(["x/1", "x/2", "x/sub/3", "y/4", "z"]);
    expect(all.truncated).toBe(false);

    const top = await bucket.list({ delimiter: "/" });
    expect(top.objects.map((o) => o.key)).toEqual(["z"]);
    expect(top.delimitedPrefixes).toEqual(["x/", "y/"]);

    const inX = await bucket.list({ prefix: "x/", delimiter: "/" });
    expect(inX.objects.map((o) => o.key)).toEqual(["x/1", "x/2"]);
    expect(inX.delimitedPrefixes).toEqual(["x/sub/"]);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await bucket.list({ limit: 2, cursor });
      seen.push(...page.objects.map((o) => o.key));
      cursor = page.truncated ? page.cursor : undefined;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(["x/1", "x/2", "x/sub/3", "y/4", "z"]);
    expect(pages).toBe(3);

    expect((await bucket.list({ startAfter: "x/sub/3" })).objects.map((o) => o.key)).toEqual(["y/4", "z"]);
    await bucket.delete(["x/1", "x/2", "x/sub/3", "y/4", "z"]);
    await raw.delete([`${b}/x/other`, `${a}x/1`]);
  });

  it("refuses keys with . or .. segments, absolute keys and empty keys, storing nothing", async () => {
    const { a, b } = namespaces();
    const bucket = namespacedBucket(raw, a);
    for (const key of [`../${b}/x`, "dir/../../x", "./x", "dir/./x", "..", "/abs", "//x", ""]) {
      await expect(bucket.put(key, "x"), key).rejects.toBeInstanceOf(R2KeyError);
      await expect(bucket.get(key), key).rejects.toBeInstanceOf(R2KeyError);
      await expect(bucket.head(key), key).rejects.toBeInstanceOf(R2KeyError);
      await expect(bucket.delete(key), key).rejects.toBeInstanceOf(R2KeyError);
      await expect(bucket.createMultipartUpload(key), key).rejects.toBeInstanceOf(R2KeyError);
    }
    await expect(bucket.delete(["ok", "../x"])).rejects.toBeInstanceOf(R2KeyError);
    await expect(bucket.list({ prefix: "../" })).rejects.toBeInstanceOf(R2KeyError);
    await expect(bucket.list({ prefix: "/" })).rejects.toBeInstanceOf(R2KeyError);
    await expect(bucket.list({ startAfter: "../x" })).rejects.toBeInstanceOf(R2KeyError);
    expect(() => bucket.resumeMultipartUpload("../x", "id")).toThrow(R2KeyError);
    // Dots inside a name are fine: only whole segments are refused.
    await bucket.put("a..b/.hidden", "ok");
    expect(await rawKeys(`${a}/`)).toEqual([`${a}/a..b/.hidden`]);
    expect(await rawKeys(`${b}`)).toEqual([]);
    await bucket.delete("a..b/.hidden");
  });

  it("runs multipart uploads under the namespace, resumed or not", async () => {
    const { a } = namespaces();
    const bucket = namespacedBucket(raw, a);
    const upload = await bucket.createMultipartUpload("big/file.bin");
    expect(upload.key).toBe("big/file.bin");
    // R2 wants every part but the last to be at least 5 MiB.
    const part1 = await upload.uploadPart(1, new Uint8Array(5 * 1024 * 1024).fill(1));
    const resumed = bucket.resumeMultipartUpload("big/file.bin", upload.uploadId);
    expect(resumed.key).toBe("big/file.bin");
    const part2 = await resumed.uploadPart(2, "tail");
    const done = await resumed.complete([part1, part2]);
    expect(done.key).toBe("big/file.bin");
    expect(done.size).toBe(5 * 1024 * 1024 + 4);
    expect(await rawKeys(`${a}/`)).toEqual([`${a}/big/file.bin`]);

    const aborted = await bucket.createMultipartUpload("big/aborted.bin");
    await aborted.abort();
    expect(await rawKeys(`${a}/`)).toEqual([`${a}/big/file.bin`]);
    await bucket.delete("big/file.bin");
  });

  it("keeps the empty namespace out of the other accounts' namespaces: refused keys, filtered listings", async () => {
    const { a, b } = namespaces();
    const other = namespacedBucket(raw, a);
    await other.put("theirs.txt", "a's");
    const bootstrap = namespacedBucket(raw, "", [a]);
    for (const key of [`${a}/theirs.txt`, `${a}/new.txt`]) {
      await expect(bootstrap.get(key), key).rejects.toThrow(/in the namespace of another account/);
      await expect(bootstrap.put(key, "x"), key).rejects.toBeInstanceOf(R2KeyError);
      await expect(bootstrap.delete(key), key).rejects.toBeInstanceOf(R2KeyError);
    }
    await expect(bootstrap.list({ prefix: `${a}/` })).rejects.toBeInstanceOf(R2KeyError);
    // Its own keys, even one named like the namespace without a slash, are stored as they are.
    await bootstrap.put(`${b}/mine.txt`, "mine");
    await bootstrap.put(a, "a file, not a folder");
    expect(await rawKeys(`${b}/`)).toEqual([`${b}/mine.txt`]);
    const listed = await bootstrap.list({ prefix: a.slice(0, 4), delimiter: "/" });
    expect(listed.delimitedPrefixes).not.toContain(`${a}/`);
    expect(listed.objects.map((o) => o.key)).toContain(a);
    expect((await bootstrap.list({ prefix: a.slice(0, 4) })).objects.map((o) => o.key)).not.toContain(
      `${a}/theirs.txt`,
    );
    expect(await (await other.get("theirs.txt"))?.text()).toBe("a's");
    await bootstrap.delete([`${b}/mine.txt`, a]);
    await other.delete("theirs.txt");
  });

  it("is the bucket itself for the empty namespace, and refuses a namespace that is not one", () => {
    expect(namespacedBucket(raw, "")).toBe(raw);
    for (const bad of ["A", "a__b", "_a", "a_", "a/b", "a b", ".."]) {
      expect(() => namespacedBucket(raw, bad), bad).toThrow(R2KeyError);
    }
  });
});

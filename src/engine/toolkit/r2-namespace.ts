/**
 * An R2 bucket confined to one account's namespace: every key a connector names is stored as
 * `<namespace>/<key>`, listings see only that prefix and hand back keys without it. The engine
 * hands shared buckets out only through this (context.ts), so no connector code can reach
 * another account's objects however it builds its keys.
 *
 * Written by hand: no library wraps a Workers R2 binding under a prefix, and the surface is
 * small (head, get, put, delete, list, multipart uploads).
 */
import { NAMESPACE_PATTERN } from "./bindings";

/** Why a key was refused; thrown before anything reaches the bucket. */
export class R2KeyError extends Error {
  override name = "R2KeyError";
}

/**
 * Refuses keys that only look confined: R2 keys are flat strings, but tools that mirror a
 * bucket to files (rclone, s3 sync, FUSE mounts) read `/` as a directory separator, where a
 * `..` segment or a leading `/` would climb out of the namespace.
 */
function checkKey(key: string, what = "key"): void {
  if (typeof key !== "string") throw new R2KeyError(`an R2 ${what} must be a string`);
  if (key === "" && what === "key") throw new R2KeyError("an R2 key must not be empty");
  if (key.startsWith("/")) throw new R2KeyError(`R2 ${what} '${key}' must be relative (no leading /)`);
  if (key.split("/").some((segment) => segment === ".." || segment === "."))
    throw new R2KeyError(`R2 ${what} '${key}' must not contain . or .. segments`);
}

/** The object as the connector sees it: its key without the namespace, everything else as is. */
function stripObject<T extends { key: string }>(object: T, strip: (key: string) => string): T {
  return new Proxy(object, {
    get(target, property) {
      if (property === "key") return strip(target.key);
      // Methods and getters of workerd's objects must run on the real object.
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** The first path segment of `key` when it is a directory (`a` of `a/b`), else undefined. */
function topSegment(key: string): string | undefined {
  const slash = key.indexOf("/");
  return slash < 0 ? undefined : key.slice(0, slash);
}

/**
 * `bucket` with every key under `<namespace>/`. The empty namespace (the bootstrap account's)
 * stores keys as they are, except under `others`, the namespaces of the other accounts in the
 * bucket: those keys are refused and listed objects there are left out. With neither, this is
 * the bucket itself.
 */
export function namespacedBucket(bucket: R2Bucket, namespace: string, others: readonly string[] = []): R2Bucket {
  if (namespace === "" && others.length === 0) return bucket;
  if (namespace !== "" && !NAMESPACE_PATTERN.test(namespace)) throw new R2KeyError(`invalid namespace '${namespace}'`);
  const root = namespace === "" ? "" : `${namespace}/`;
  const foreign = new Set(namespace === "" ? others : []);
  const inside = (key: string, what?: string) => {
    checkKey(key, what);
    const top = topSegment(key);
    if (top !== undefined && foreign.has(top))
      throw new R2KeyError(`R2 ${what ?? "key"} '${key}' is in the namespace of another account`);
    return root + key;
  };
  const mine = (key: string) => {
    const top = topSegment(key);
    return top === undefined || !foreign.has(top);
  };
  const strip = (key: string) => (key.startsWith(root) ? key.slice(root.length) : key);
  const object = <T extends { key: string } | null>(value: T): T => (value ? stripObject(value, strip) : value) as T;
  const upload = (value: R2MultipartUpload): R2MultipartUpload =>
    new Proxy(value, {
      get(target, property) {
        if (property === "key") return strip(target.key);
        if (property === "complete") return async (parts: R2UploadedPart[]) => object(await target.complete(parts));
        const member = Reflect.get(target, property, target);
        return typeof member === "function" ? member.bind(target) : member;
      },
    });

  const confined = {
    async head(key: string) {
      return object(await bucket.head(inside(key)));
    },
    async get(key: string, options?: R2GetOptions) {
      return object(await bucket.get(inside(key), options));
    },
    async put(key: string, value: Parameters<R2Bucket["put"]>[1], options?: R2PutOptions) {
      return object(await bucket.put(inside(key), value, options));
    },
    async delete(keys: string | string[]) {
      await bucket.delete(Array.isArray(keys) ? keys.map((key) => inside(key)) : inside(keys));
    },
    async list(options: R2ListOptions = {}): Promise<R2Objects> {
      // The cursor is R2's own token for the listing it came from (always namespaced).
      const listed = await bucket.list({
        ...options,
        prefix: inside(options.prefix ?? "", "prefix"),
        ...(options.startAfter === undefined ? {} : { startAfter: inside(options.startAfter, "startAfter") }),
      });
      return {
        ...listed,
        objects: listed.objects.filter((item) => mine(item.key)).map((item) => stripObject(item, strip)),
        delimitedPrefixes: listed.delimitedPrefixes.filter(mine).map(strip),
      };
    },
    async createMultipartUpload(key: string, options?: R2MultipartOptions) {
      return upload(await bucket.createMultipartUpload(inside(key), options));
    },
    resumeMultipartUpload(key: string, uploadId: string) {
      return upload(bucket.resumeMultipartUpload(inside(key), uploadId));
    },
  };
  // The overloads of R2Bucket (`onlyIf` narrowing get/put results) are all served by these.
  return confined as unknown as R2Bucket;
}

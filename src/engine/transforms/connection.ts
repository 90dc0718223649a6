/**
 * A connection's transforms as stored (`connections.transforms`: `"*"` for the connection's,
 * `schema.table` for a table's) and the runtime they run in.
 */
import type { Env } from "../../env";
import type { Stream } from "../protocol";
import { prepareTransform, type StreamTransform, type TransformRuntime } from ".";
import { DEFAULT_SANDBOX_LIMITS, type SandboxLimits } from "./sandbox";
import type { Transform } from "./spec";

/** The key of the connection-wide transform in the stored map. */
export const CONNECTION_TRANSFORM = "*";

export type StoredTransforms = Record<string, Transform>;

/** The transform that applies to `stream`: its table's own, else the connection's. */
export function transformFor(stored: StoredTransforms | null | undefined, stream: Pick<Stream, "namespace" | "name">) {
  if (!stored) return undefined;
  const key = `${stream.namespace}.${stream.name}`;
  return Object.hasOwn(stored, key) ? stored[key] : stored[CONNECTION_TRANSFORM];
}

function limits(env: Env): SandboxLimits {
  const num = (value: string | undefined, fallback: number) => {
    const n = Number(value);
    return Number.isFinite(n) && n > 0 ? n : fallback;
  };
  return {
    cpuMs: num(env.FIVETRAN_TRANSFORM_CPU_MS, DEFAULT_SANDBOX_LIMITS.cpuMs),
    timeoutMs: num(env.FIVETRAN_TRANSFORM_TIMEOUT_MS, DEFAULT_SANDBOX_LIMITS.timeoutMs),
    memoryMb: num(env.FIVETRAN_TRANSFORM_MEMORY_MB, DEFAULT_SANDBOX_LIMITS.memoryMb ?? 256),
  };
}

/** Where `owner`'s transforms run: its own TransformDO (by name) and isolates. */
export function transformRuntime(env: Env, owner: string): TransformRuntime {
  return { sql: env.TRANSFORM.get(env.TRANSFORM.idFromName(owner)), loader: env.LOADER, owner, limits: limits(env) };
}

/**
 * A slice's transforms, each prepared once: the runner's `transform` hook, and what each table's
 * transform writes now (its output stream; absent for a table without a transform or whose
 * transform cannot be prepared, which the runner reports), for the schema policy to rule on
 * before the destination is migrated (ConnectorDO `ruleOnOutputs`).
 */
export async function prepareSliceTransforms(
  env: Env,
  connectionId: string,
  stored: StoredTransforms | null | undefined,
  streams: Stream[],
): Promise<{
  hook: ((stream: Stream) => Promise<StreamTransform | undefined>) | undefined;
  outputs: Map<string, Stream>;
}> {
  const prepare = streamTransforms(env, connectionId, stored);
  const outputs = new Map<string, Stream>();
  if (!prepare) return { hook: undefined, outputs };
  const prepared = new Map<string, Promise<StreamTransform | undefined>>();
  const keyOf = (stream: Pick<Stream, "namespace" | "name">) => `${stream.namespace}.${stream.name}`;
  for (const stream of streams) {
    const promise = prepare(stream);
    promise.catch(() => {}); // a table whose transform cannot run fails alone, in the runner
    prepared.set(keyOf(stream), promise);
  }
  for (const [key, promise] of prepared) {
    const transform = await promise.catch(() => undefined);
    if (transform) outputs.set(key, transform.output);
  }
  return { hook: (stream) => prepared.get(keyOf(stream)) ?? prepare(stream), outputs };
}

/** The runner's `transform` hook for a connection: each stream's transform, prepared once per slice. */
export function streamTransforms(
  env: Env,
  connectionId: string,
  stored: StoredTransforms | null | undefined,
): ((stream: Stream) => Promise<StreamTransform | undefined>) | undefined {
  if (!stored || Object.keys(stored).length === 0) return undefined;
  const runtime = transformRuntime(env, connectionId);
  return async (stream) => {
    const transform = transformFor(stored, stream);
    return transform ? prepareTransform(runtime, transform, stream) : undefined;
  };
}

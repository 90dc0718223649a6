/**
 * The declarative HTTP connector engine: runs Airbyte low-code manifests (YAML or JSON) inside
 * Workers. Layout:
 *
 * - manifest.ts — YAML/JSON in, `$ref`s resolved, `$parameters` propagated, templates compiled
 *   once, validated with schema.ts; errors name the component's JSON path.
 * - schema.ts — the zod schemas of every supported component (strict: an unsupported type or
 *   field fails validation, never a run).
 * - interpolation.ts, datetime.ts — Jinja through @huggingface/jinja (no eval) with Airbyte's
 *   variables and macros; Python datetime formats and ISO 8601 durations.
 * - auth.ts — the authenticators; retriever.ts — requester, error handler, paginators, record
 *   selector, transformations, partition routers, datetime windows.
 * - columns.ts — columns from inline schemas or inferred (types only widen), records → rows.
 * - reader.ts — the SourceReader (discovery, concurrent slices, checkpoints) and `check`.
 * - components.ts — the registry of code components (`class_name`).
 *
 * Public API (stable; SaaS connectors build on it):
 *
 * - `parseManifest(input)` → `{ ok: true, manifest } | { ok: false, errors: string[] }`
 * - `manifestSource(options)` → a SourceDefinition whose reader and check run the manifest
 * - `manifestReader(options)` / `checkManifest(options, config, ctx)` — the parts of it
 * - `registerComponent(name, implementation)` — code components by `class_name`
 * - `evaluate(template, variables)` — the interpolation, for tests and code components
 */
import type { z } from "zod";
import type { ConfigFields, ConnectorContext, ServiceInfo, SetupTest, SourceDefinition } from "../protocol";
import { parseManifest } from "./manifest";
import { checkManifest, type ManifestReaderOptions, manifestReader } from "./reader";
import type { Manifest } from "./schema";

export type {
  CodeComponent,
  ComponentContext,
  ComponentResponse,
  CustomAuthenticator,
  CustomBackoffStrategy,
  CustomExtractor,
  CustomPaginationStrategy,
  CustomPartitionRouter,
  CustomTransformation,
} from "./components";
export { registerComponent } from "./components";
export { evaluate } from "./interpolation";
export { formatPath, type ParseResult, parseManifest } from "./manifest";
export { checkManifest, DELETED, type DiscoveryHints, type ManifestReaderOptions, manifestReader } from "./reader";
export type { DeclarativeStream, Manifest } from "./schema";

/** A manifest that must be valid (our own connectors'): throws with every error otherwise. */
export function loadManifest(input: unknown): Manifest {
  const result = parseManifest(input);
  if (!result.ok) throw new Error(`invalid manifest:\n${result.errors.join("\n")}`);
  return result.manifest;
}

export interface ManifestSourceOptions<F extends ConfigFields> {
  service: string;
  info: ServiceInfo;
  /** Our config fields (secrets marked with `secret()`), as for any source. */
  fields: F;
  normalize?(input: Record<string, unknown>): Record<string, unknown>;
  /** The manifest (validated once, at definition time), or one per config. */
  manifest: Manifest | string | Record<string, unknown> | ((config: z.infer<F>) => Manifest);
  /** The values the manifest's templates see as `config`; the stored config by default. */
  values?(config: z.infer<F>): Record<string, unknown>;
  /** The destination schema of a config; `config.schema` by default. */
  namespace?(config: z.infer<F>): string;
  naming?: SourceDefinition["naming"];
  aliases?: string[];
  /** Who answers, for messages ("Stripe"). */
  vendor?: string;
  /** Slices read at once; the manifest's concurrency_level (default 4) otherwise. */
  concurrency?: number;
  /** Extra setup tests after the manifest's check. */
  check?(config: z.infer<F>, ctx: ConnectorContext): Promise<SetupTest[]>;
  /** Leave false until the connector passes the conformance suite (no reader: not syncable). */
  reader?: boolean;
}

/** A SourceDefinition running a manifest: its `check` runs the manifest's check streams. */
export function manifestSource<F extends ConfigFields>(options: ManifestSourceOptions<F>): SourceDefinition<F> {
  type C = z.infer<F>;
  const fixed = typeof options.manifest === "function" ? undefined : loadManifest(options.manifest);
  const readerOptions: ManifestReaderOptions<C> = {
    manifest: (config) => fixed ?? (options.manifest as (config: C) => Manifest)(config),
    values: (config) => options.values?.(config) ?? (config as Record<string, unknown>),
    namespace: (config) => options.namespace?.(config) ?? String((config as Record<string, unknown>).schema),
    vendor: options.vendor,
    concurrency: options.concurrency,
  };
  return {
    service: options.service,
    info: options.info,
    fields: options.fields,
    normalize: options.normalize,
    naming: options.naming ?? "schema",
    aliases: options.aliases,
    async check(config, ctx) {
      const tests = await checkManifest(readerOptions, config, ctx);
      return options.check ? [...tests, ...(await options.check(config, ctx))] : tests;
    },
    reader: options.reader === false ? undefined : manifestReader(readerOptions),
  };
}

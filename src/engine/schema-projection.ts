/**
 * Column settings applied between the runner and the destination, for every source alike: a
 * column the schema config disabled (`enabled: false`, or a new column a policy blocked, or a
 * widening held back) never reaches the destination, and a hashed column (`hashed: true`)
 * reaches it only as Fivetran's salted SHA-256 of its value: base64 of SHA-256(salt ‖ value
 * as text), with one random salt per destination (DestinationDO), so equal values still join
 * across the connections of one destination and no one can look a value up without the salt.
 *
 * It wraps the slice's DestinationWriter: `migrate` sees each stream without the excluded
 * columns and with hashed ones as strings; `write` maps each batch's rows likewise (the batch's
 * encoded fast path is dropped for those tables only, since its bytes are the source's values).
 * Tables without settings pass through untouched. Primary-key columns can be neither excluded
 * nor hashed (the schema config refuses it, as Fivetran does), so deletes and key ranges are
 * the source's own.
 */
import type { DestinationWriter, Row, Stream, TableRef, UpsertBatch, Value } from "./protocol";

/** One column's settings (only columns someone or a policy touched have any). */
export interface ColumnSetting {
  enabled: boolean;
  hashed: boolean;
  /** Why the column's values are held back (a widening the policy blocked), if they are. */
  held?: string | null;
}

/** Settings by `schema.table` (source names) → column → setting. */
export type ColumnSettings = Record<string, Record<string, ColumnSetting>>;

interface Projection {
  stream: Stream;
  /** Source column index of each destination column. */
  keep: number[];
  /** Destination column indexes whose values are hashed. */
  hash: Set<number>;
}

const encoder = new TextEncoder();

/** A value as the text that is hashed: what a person would see of it. */
function textOf(value: Value): string {
  if (value instanceof Uint8Array) {
    let hex = "";
    for (const byte of value) hex += byte.toString(16).padStart(2, "0");
    return hex;
  }
  return String(value);
}

/** Fivetran's column hash: base64(SHA-256(salt ‖ value)); null stays null. */
export async function hashValue(salt: Uint8Array, value: Value): Promise<string | null> {
  if (value === null) return null;
  const text = encoder.encode(textOf(value));
  const input = new Uint8Array(salt.length + text.length);
  input.set(salt);
  input.set(text, salt.length);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", input));
  let binary = "";
  for (const byte of digest) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The stream as the destination holds it under `settings` (null: nothing to change). */
export function project(stream: Stream, settings: Record<string, ColumnSetting> | undefined): Projection | null {
  if (!settings) return null;
  const keep: number[] = [];
  const hash = new Set<number>();
  const columns = [];
  for (const [index, column] of stream.columns.entries()) {
    const setting = Object.hasOwn(settings, column.name) ? settings[column.name] : undefined;
    const key = stream.primaryKey.includes(column.name);
    if (!key && setting && (!setting.enabled || setting.held)) continue;
    if (!key && setting?.hashed) {
      hash.add(columns.length);
      columns.push({ ...column, type: "string" as const, sourceType: "text", precision: undefined, scale: undefined });
    } else columns.push(column);
    keep.push(index);
  }
  if (keep.length === stream.columns.length && hash.size === 0) return null;
  return { stream: { ...stream, columns }, keep, hash };
}

/** The writer with `settings` applied (the same writer when no table has any). */
export function projectingWriter(
  writer: DestinationWriter,
  settings: ColumnSettings,
  salt: Uint8Array,
): DestinationWriter {
  if (Object.keys(settings).length === 0) return writer;
  const projections = new Map<string, Projection | null>();
  const projectionOf = (ref: TableRef): Projection | null => {
    const id = `${ref.schema}\u0000${ref.stream.namespace}.${ref.stream.name}`;
    if (!projections.has(id)) {
      const key = `${ref.stream.namespace}.${ref.stream.name}`;
      projections.set(id, project(ref.stream, Object.hasOwn(settings, key) ? settings[key] : undefined));
    }
    return projections.get(id) ?? null;
  };
  const refOf = (ref: TableRef): TableRef => {
    const projection = projectionOf(ref);
    return projection ? { ...ref, stream: projection.stream } : ref;
  };
  const mapRows = async (projection: Projection, rows: readonly Row[]): Promise<Row[]> => {
    const out: Row[] = [];
    for (const row of rows) {
      const mapped: Row = projection.keep.map((i) => row[i] ?? null);
      for (const i of projection.hash) mapped[i] = await hashValue(salt, mapped[i] ?? null);
      out.push(mapped);
    }
    return out;
  };
  const wrapped: DestinationWriter = {
    capabilities: writer.capabilities,
    migrate(schema, streams, modes) {
      return writer.migrate(
        schema,
        streams.map((stream) => refOf({ schema, stream, mode: "soft_delete" }).stream),
        modes,
      );
    },
    async write(ref, batch, syncedAt) {
      const projection = projectionOf(ref);
      if (!projection) return writer.write(ref, batch, syncedAt);
      const position = new Map(projection.keep.map((source, target) => [source, target]));
      const projected: UpsertBatch = {
        kind: "upsert",
        stream: batch.stream,
        rows: await mapRows(projection, batch.rows),
        count: batch.count,
        bytes: batch.bytes,
        range: batch.range,
        changedAt: batch.changedAt,
        unchanged: batch.unchanged?.map((indexes) =>
          indexes?.flatMap((i) => (position.has(i) ? [position.get(i) as number] : [])),
        ),
      };
      return writer.write({ ...ref, stream: projection.stream }, projected, syncedAt);
    },
    delete: (ref, keys, at) => writer.delete(refOf(ref), keys, at),
    truncate: (ref, before, at) => writer.truncate(refOf(ref), before, at),
    flush: () => writer.flush(),
    close: () => writer.close(),
  };
  if (writer.isEmpty) wrapped.isEmpty = (ref) => (writer.isEmpty as NonNullable<typeof writer.isEmpty>)(refOf(ref));
  if (writer.evolve)
    wrapped.evolve = (schema, table, op) => (writer.evolve as NonNullable<typeof writer.evolve>)(schema, table, op);
  return wrapped;
}
